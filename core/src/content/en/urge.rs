pub(super) const ENTRIES: &[(&str, &str)] = &[
    ("need.too_much", "Everything feels like too much"),
    ("need.numb", "Numb or empty, I want to feel something"),
    ("need.make_pain_visible", "I want the pain to be seen"),
    ("need.control", "I want some control"),
    ("need.self_punishment", "I feel I deserve to be punished"),
    ("need.not_sure", "Not sure, or rather not say"),
    ("urge.outcome.paused_for", "You paused for {minutes} minutes."),
];
