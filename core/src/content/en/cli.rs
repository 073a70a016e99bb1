pub(super) const ENTRIES: &[(&str, &str)] = &[
    ("cli.urge.goal", "Your goal: {minutes} minutes."),
    (
        "cli.urge.keys",
        "Type a number from 0 to 10 and press Enter to say how strong it is. Type s and the name of what you tried to note a skill, x to stretch the goal, e to end.",
    ),
    ("cli.urge.extended", "Your goal is now {minutes} minutes."),
    (
        "cli.urge.not_understood",
        "Ebb did not catch that. A number from 0 to 10, s, x or e.",
    ),
    (
        "cli.urge.pick_outcome",
        "Type the number that fits best, then Enter.",
    ),
    (
        "cli.urge.medical_question",
        "Might it need medical care? Type y or n.",
    ),
    ("cli.urge.noted", "Noted."),
    ("cli.error.prefix", "ebb: {message}"),
];
