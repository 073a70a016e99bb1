//! Safety as specification: crisis help from every screen, the crisis
//! screen first whenever the person says they are thinking about ending
//! their life, gentle offers, care after self-harm, the safety plan's edits,
//! and the bundled directory checked number by number.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests state their expectations by unwrapping

use std::collections::HashSet;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use ebb_core::content::{self, ContentKey, Locale};
use ebb_core::guides::GuideId;
use ebb_core::safety::{
    self, Action, Answer, AskedAt, Channel, CountryCode, Coverage, CrisisScreen, EntryList,
    Escalation, Field, Flow, LineDraft, LineKind, PersonDraft, PhoneError, PlanEdit, PlanError,
    PlanStep, Reach, Region, SafePerson, SafetyPlan, after_answer, after_cue, after_outcome,
    crisis_help, directory, lines_for, still_strong,
};
use ebb_core::urge::{
    CheckInCadence, CueKind, DelayGoal, Intensity, Outcome, Source, StartOptions, UrgeSession,
};
use proptest::prelude::*;

const EN: Locale = Locale::En;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 2, 0, 0).unwrap()
}

fn country(code: &str) -> CountryCode {
    CountryCode::new(code).unwrap()
}

fn person(name: &str, phone: &str, reach: Reach, message: Option<&str>) -> PersonDraft {
    PersonDraft {
        name: name.into(),
        phone: phone.into(),
        reach,
        message: message.map(Into::into),
    }
}

/// A plan with a person, an own line and the given country.
fn plan_in(code: Option<&str>) -> SafetyPlan {
    let p = SafetyPlan::empty()
        .edit(
            t0(),
            PlanEdit::AddPerson(person("Sam", "+44 7700 900123", Reach::CallOrText, None)),
        )
        .unwrap()
        .edit(
            t0(),
            PlanEdit::AddLine(LineDraft {
                name: "Dr Okafor's surgery".into(),
                phone: "(020) 7946 0000".into(),
                reach: Reach::Call,
                note: Some("Weekdays, ask for the duty doctor".into()),
            }),
        )
        .unwrap();
    p.edit(t0(), PlanEdit::SetCountry(code.map(country)))
        .unwrap()
}

fn all_outcomes() -> Vec<Outcome> {
    vec![
        Outcome::Passed,
        Outcome::UsedSkill,
        Outcome::ReachedOut,
        Outcome::SelfHarmed {
            needs_medical_care: true,
        },
        Outcome::SelfHarmed {
            needs_medical_care: false,
        },
        Outcome::EndedWithoutSaying,
    ]
}

/// Every screen of every flow: urge start, check-ins, each cue, each
/// outcome, each guide, and the screens around them.
fn all_flows() -> Vec<Flow> {
    let mut flows = vec![Flow::UrgeStart, Flow::CheckIn];
    for kind in [
        CueKind::CheckIn,
        CueKind::Halfway,
        CueKind::GoalReached,
        CueKind::StillStrong,
    ] {
        flows.push(Flow::Cue { kind });
    }
    flows.extend(
        all_outcomes()
            .into_iter()
            .map(|outcome| Flow::Outcome { outcome }),
    );
    flows.extend(GuideId::ALL.into_iter().map(|guide| Flow::Guide { guide }));
    flows.extend([Flow::SafetyPlan, Flow::Home, Flow::Settings]);
    flows
}

const COUNTRIES: [Option<&str>; 10] = [
    None,
    Some("US"),
    Some("CA"),
    Some("GB"),
    Some("IE"),
    Some("AU"),
    Some("NZ"),
    Some("FR"),
    Some("DE"),
    Some("JP"),
];

/// Whether a screen offers a call to an emergency number.
fn can_call_emergency(screen: &CrisisScreen) -> bool {
    screen.lines.iter().any(|l| {
        l.kind == Some(LineKind::Emergency)
            && l.actions.iter().any(|a| matches!(a, Action::Call { .. }))
    })
}

// --- Crisis help from everywhere -------------------------------------------

#[test]
fn every_flow_has_a_one_tap_path_to_crisis_help_wherever_the_person_is() {
    let flows = all_flows();
    assert_eq!(flows.len(), 2 + 4 + 6 + GuideId::ALL.len() + 3);
    for flow in flows {
        let link = crisis_help(flow);
        assert!(content::exists(link.label), "{flow:?}: {:?}", link.label);
        assert!(content::exists(link.hint), "{flow:?}: {:?}", link.hint);
        for code in COUNTRIES {
            let plan = plan_in(code);
            let screen = link.open(&plan, EN);
            assert!(can_call_emergency(&screen), "{flow:?} in {code:?}");
            assert_eq!(screen.people.len(), 1, "{flow:?}: the person's people");
            assert!(screen.lines[0].own, "their own line comes first");
        }
    }
}

fn arb_intensity() -> impl Strategy<Value = Option<Intensity>> {
    proptest::option::of((0u8..=10).prop_map(|v| Intensity::new(v).unwrap()))
}

fn arb_asked_at() -> impl Strategy<Value = AskedAt> {
    prop_oneof![
        Just(AskedAt::UrgeStart),
        (0usize..6, any::<bool>(), any::<bool>()).prop_map(
            |(skills_tried, goal_reached, already_offered)| {
                AskedAt::CheckIn {
                    skills_tried,
                    goal_reached,
                    already_offered,
                }
            }
        ),
    ]
}

fn arb_country() -> impl Strategy<Value = Option<&'static str>> {
    proptest::sample::select(COUNTRIES.to_vec())
}

proptest! {
    /// Saying "I am thinking about ending my life" brings the crisis screen
    /// first, whatever the intensity, the point in the session, the country
    /// or what was offered before.
    #[test]
    fn thinking_of_ending_life_always_brings_the_crisis_screen_first(
        intensity in arb_intensity(),
        at in arb_asked_at(),
        code in arb_country(),
    ) {
        let plan = plan_in(code);
        let answer = Answer { intensity, thinking_of_ending_life: true };
        match after_answer(at, answer, &plan, EN) {
            Escalation::CrisisFirst(screen) => {
                prop_assert_eq!(&screen.plan, &plan);
                prop_assert_eq!(screen.people.len(), plan.people.len());
                prop_assert!(can_call_emergency(&screen));
                let texts_sam = screen.people[0].actions.iter().any(|a| matches!(
                    a,
                    Action::Text { number, body } if number == "+447700900123"
                        && body == content::text(EN, SafePerson::DEFAULT_MESSAGE)
                ));
                prop_assert!(texts_sam);
            }
            other => prop_assert!(false, "expected the crisis screen, got {:?}", other),
        }
    }

    /// Without those words Ebb never jumps to the crisis screen on its own:
    /// no score or guess stands in for what the person says.
    #[test]
    fn without_those_words_the_crisis_screen_is_never_forced(
        intensity in arb_intensity(),
        at in arb_asked_at(),
        code in arb_country(),
    ) {
        let plan = plan_in(code);
        let answer = Answer { intensity, thinking_of_ending_life: false };
        let next = after_answer(at, answer, &plan, EN);
        prop_assert!(!matches!(next, Escalation::CrisisFirst(_)), "{:?}", next);
    }

    /// A strong urge (7 or more) after two skills, or at the goal, brings one
    /// offer to reach someone; anything else carries on.
    #[test]
    fn a_still_strong_urge_brings_one_offer_that_can_be_closed(
        intensity in arb_intensity(),
        at in arb_asked_at(),
    ) {
        let plan = plan_in(Some("GB"));
        let answer = Answer { intensity, thinking_of_ending_life: false };
        let strong = intensity.is_some_and(|i| i.value() >= 7);
        let expected = match at {
            AskedAt::UrgeStart => false,
            AskedAt::CheckIn { skills_tried, goal_reached, already_offered } =>
                strong && (skills_tried >= 2 || goal_reached) && !already_offered,
        };
        match after_answer(at, answer, &plan, EN) {
            Escalation::Offer(offer) => {
                prop_assert!(expected);
                prop_assert!(content::exists(offer.dismiss));
                prop_assert!(content::exists(offer.message));
                prop_assert_eq!(offer.people.len(), 1);
                prop_assert!(!offer.lines.is_empty());
            }
            Escalation::Continue => prop_assert!(!expected),
            other => prop_assert!(false, "unexpected {:?}", other),
        }
    }
}

#[test]
fn the_still_strong_rule_matches_the_urge_session_cue() {
    let start = StartOptions {
        source: Source::PhoneApp,
        intensity: Some(Intensity::new(9).unwrap()),
        need: None,
        goal: DelayGoal::FIFTEEN_MINUTES,
        cadence: CheckInCadence::Never,
        utc_offset_secs: 0,
    };
    let at = |m: i64| t0() + chrono::Duration::minutes(m);
    let mut s = UrgeSession::start(t0(), start).unwrap();
    s.skill_used(at(1), "hold-ice").unwrap();
    s.skill_used(at(2), "long-exhale").unwrap();
    let strong = Intensity::new(7).unwrap();
    let cues = s.check_in(at(3), strong).unwrap();
    assert!(still_strong(Some(strong), 2, false));
    assert_eq!(cues.len(), 1);
    let plan = plan_in(Some("US"));
    assert!(matches!(
        after_cue(&cues[0], &plan, EN),
        Escalation::Offer(_)
    ));
    assert!(!still_strong(Some(Intensity::new(6).unwrap()), 2, true));
    assert!(!still_strong(None, 5, true));
    assert!(still_strong(Some(Intensity::MAX), 0, true));
}

// --- After an outcome -------------------------------------------------------

#[test]
fn self_harm_needing_care_gets_a_kind_word_the_care_card_and_emergency_numbers() {
    for code in COUNTRIES {
        let plan = plan_in(code);
        let next = after_outcome(
            Outcome::SelfHarmed {
                needs_medical_care: true,
            },
            &plan,
        );
        let Escalation::Care {
            acknowledgement,
            card,
            emergency,
        } = next
        else {
            panic!("expected care, got {next:?}");
        };
        assert!(content::exists(acknowledgement));
        let keys: Vec<ContentKey> = std::iter::once(card.title)
            .chain(
                card.sections
                    .iter()
                    .flat_map(|s| s.heading.into_iter().chain(s.items.iter().copied())),
            )
            .collect();
        assert!(keys.len() > 8, "a card with content: {keys:?}");
        for key in keys {
            assert!(key.as_str().starts_with("care."), "{key}");
            assert!(content::exists(key), "{key}");
        }
        assert!(!emergency.is_empty(), "{code:?}");
        assert!(
            emergency
                .iter()
                .all(|l| l.kind == Some(LineKind::Emergency))
        );
    }
}

#[test]
fn injury_care_includes_general_burn_first_aid() {
    let card = safety::injury_care();
    let items: Vec<&str> = card
        .sections
        .iter()
        .flat_map(|s| s.items.iter().map(|k| k.text()))
        .collect();
    let burn = items
        .iter()
        .find(|t| t.contains("burn"))
        .expect("burn first aid on the card");
    assert!(
        burn.contains("cool running water") && burn.contains("20 minutes"),
        "{burn}"
    );
    assert!(
        items.iter().filter(|t| t.contains("burn")).count() >= 2,
        "cooling, and when a burn needs help now"
    );
}

#[test]
fn self_harm_without_care_needed_gets_a_kind_word_and_an_optional_card() {
    let next = after_outcome(
        Outcome::SelfHarmed {
            needs_medical_care: false,
        },
        &SafetyPlan::empty(),
    );
    let Escalation::Acknowledge {
        acknowledgement,
        optional_card: Some(card),
    } = next
    else {
        panic!("expected an acknowledgement with a card, got {next:?}");
    };
    assert!(content::exists(acknowledgement));
    assert!(
        card.sections
            .iter()
            .flat_map(|s| &s.items)
            .all(|k| content::exists(*k))
    );
}

#[test]
fn other_outcomes_are_acknowledged_with_nothing_added() {
    for outcome in [
        Outcome::Passed,
        Outcome::UsedSkill,
        Outcome::ReachedOut,
        Outcome::EndedWithoutSaying,
    ] {
        assert_eq!(
            after_outcome(outcome, &SafetyPlan::empty()),
            Escalation::Acknowledge {
                acknowledgement: outcome.acknowledgement(),
                optional_card: None
            }
        );
    }
}

// --- The safety plan ----------------------------------------------------------

#[test]
fn an_empty_plan_prompts_every_step_gently() {
    let plan = SafetyPlan::empty();
    assert_eq!(plan.revision, 0);
    assert_eq!(plan.updated_at, None);
    assert_eq!(plan.version, SafetyPlan::SCHEMA_VERSION);
    for step in PlanStep::ALL {
        assert!(plan.is_step_empty(step));
        assert!(content::exists(step.title()), "{step:?}");
        assert!(content::exists(step.prompt()), "{step:?}");
    }
    let prompts: HashSet<ContentKey> = PlanStep::ALL.iter().map(|s| s.prompt()).collect();
    assert_eq!(prompts.len(), 7);
}

#[test]
fn an_edit_returns_a_new_revision_and_leaves_the_old_plan_alone() {
    let old = SafetyPlan::empty();
    let later = t0() + chrono::Duration::minutes(5);
    let new = old
        .edit(
            later,
            PlanEdit::AddEntry {
                list: EntryList::ReasonsForLiving,
                text: "  My sister's wedding in June \n".into(),
            },
        )
        .unwrap();
    assert_eq!(old, SafetyPlan::empty());
    assert_eq!(new.revision, 1);
    assert_eq!(new.updated_at, Some(later));
    assert_eq!(
        new.entries(EntryList::ReasonsForLiving)[0].as_str(),
        "My sister's wedding in June"
    );
    assert!(!new.is_step_empty(PlanStep::ReasonsForLiving));
    let changed = new
        .edit(
            later,
            PlanEdit::ChangeEntry {
                list: EntryList::ReasonsForLiving,
                index: 0,
                text: "My dog".into(),
            },
        )
        .unwrap();
    assert_eq!(changed.revision, 2);
    let removed = changed
        .edit(
            later,
            PlanEdit::RemoveEntry {
                list: EntryList::ReasonsForLiving,
                index: 0,
            },
        )
        .unwrap();
    assert!(removed.is_step_empty(PlanStep::ReasonsForLiving));
    assert_eq!(removed.revision, 3);
}

#[test]
fn edits_name_what_to_fix() {
    let plan = SafetyPlan::empty();
    let add = |text: String| PlanEdit::AddEntry {
        list: EntryList::WarningSigns,
        text,
    };
    assert_eq!(
        plan.edit(t0(), add("   ".into())),
        Err(PlanError::Empty(Field::Entry))
    );
    assert_eq!(
        plan.edit(t0(), add("a".repeat(201))),
        Err(PlanError::TooLong {
            field: Field::Entry,
            max: 200,
            got: 201
        })
    );
    assert_eq!(
        plan.edit(t0(), PlanEdit::RemovePerson { index: 0 }),
        Err(PlanError::NoSuchItem { index: 0, len: 0 })
    );
    assert_eq!(
        plan.edit(
            t0(),
            PlanEdit::AddPerson(person("Sam", "call me", Reach::Call, None))
        ),
        Err(PlanError::Phone(PhoneError::BadCharacter('c')))
    );
    assert_eq!(
        plan.edit(
            t0(),
            PlanEdit::AddPerson(person("", "555 1234", Reach::Call, None))
        ),
        Err(PlanError::Empty(Field::Name))
    );
    let mut full = plan;
    for i in 0..SafetyPlan::MAX_ITEMS {
        full = full.edit(t0(), add(format!("sign {i}"))).unwrap();
    }
    assert_eq!(
        full.edit(t0(), add("one more".into())),
        Err(PlanError::Full { max: 20 })
    );
}

#[test]
fn a_safe_person_is_one_tap_away_by_call_or_a_text_in_their_words() {
    let plan = SafetyPlan::empty()
        .edit(
            t0(),
            PlanEdit::AddPerson(person(
                "Ana",
                "(555) 010-4477",
                Reach::Text,
                Some("  Can you call me? Rough night. "),
            )),
        )
        .unwrap()
        .edit(
            t0(),
            PlanEdit::AddPerson(person("Jo", "+1 555 010 9999", Reach::Call, Some("   "))),
        )
        .unwrap();
    assert_eq!(
        plan.people[0].actions(EN),
        vec![Action::Text {
            number: "5550104477".into(),
            body: "Can you call me? Rough night.".into()
        }]
    );
    assert_eq!(plan.people[1].message, None, "blank keeps Ebb's default");
    assert_eq!(
        plan.people[1].actions(EN),
        vec![Action::Call {
            number: "+15550109999".into()
        }]
    );
    assert_eq!(
        plan.people[1].message_text(EN),
        "Hey, I'm having a hard time. Could you talk for a bit?"
    );
}

#[test]
fn a_stored_plan_reads_back_and_bad_stored_numbers_are_refused() {
    let plan = plan_in(Some("NZ"));
    let json = serde_json::to_string(&plan).unwrap();
    let back: SafetyPlan = serde_json::from_str(&json).unwrap();
    assert_eq!(back, plan);
    let tampered = json.replace("+44 7700 900123", "12");
    assert!(serde_json::from_str::<SafetyPlan>(&tampered).is_err());
    let tampered = json.replace("\"NZ\"", "\"New Zealand\"");
    assert!(serde_json::from_str::<SafetyPlan>(&tampered).is_err());
}

fn arb_edit() -> impl Strategy<Value = PlanEdit> {
    let list = proptest::sample::select(EntryList::ALL.to_vec());
    let text = prop_oneof![Just(String::new()), "[ a-z]{0,8}", Just("x".repeat(201))];
    let phone = prop_oneof![
        Just("555 0100".to_string()),
        Just("12".to_string()),
        "[0-9+a ]{0,6}"
    ];
    prop_oneof![
        (list.clone(), text.clone()).prop_map(|(list, text)| PlanEdit::AddEntry { list, text }),
        (list.clone(), 0usize..3, text.clone())
            .prop_map(|(list, index, text)| PlanEdit::ChangeEntry { list, index, text }),
        (list, 0usize..3).prop_map(|(list, index)| PlanEdit::RemoveEntry { list, index }),
        (text.clone(), phone).prop_map(|(name, phone)| PlanEdit::AddPerson(PersonDraft {
            name,
            phone,
            reach: Reach::CallOrText,
            message: None
        })),
        (0usize..3).prop_map(|index| PlanEdit::RemovePerson { index }),
    ]
}

proptest! {
    /// Any sequence of edits: each accepted one raises the revision by one,
    /// entries stay trimmed and non-empty, and the plan always reads back.
    #[test]
    fn any_sequence_of_edits_counts_revisions_and_keeps_entries_tidy(edits in proptest::collection::vec(arb_edit(), 0..30)) {
        let mut plan = SafetyPlan::empty();
        for (i, edit) in edits.into_iter().enumerate() {
            let now = t0() + chrono::Duration::seconds(i as i64);
            if let Ok(next) = plan.edit(now, edit) {
                prop_assert_eq!(next.revision, plan.revision + 1);
                prop_assert_eq!(next.updated_at, Some(now));
                plan = next;
            }
            for list in EntryList::ALL {
                for e in plan.entries(list) {
                    prop_assert!(!e.as_str().is_empty() && e.as_str() == e.as_str().trim());
                }
            }
        }
        let json = serde_json::to_string(&plan).unwrap();
        prop_assert_eq!(serde_json::from_str::<SafetyPlan>(&json).unwrap(), plan);
    }
}

// --- The directory --------------------------------------------------------------

/// Whether `number`, as the service writes it, is a well-formed number for
/// `region`: one of the official short codes, a local number in the
/// country's own format, or E.164 with the country's code.
fn well_formed(region: Region, number: &str) -> bool {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    if !number
        .chars()
        .all(|c| c.is_ascii_digit() || c == ' ' || c == '+' || c == '-')
    {
        return false;
    }
    let e164 = |cc: &str, len: std::ops::RangeInclusive<usize>| {
        number.starts_with(&format!("+{cc}")) && len.contains(&(digits.len() - cc.len()))
    };
    let Region::Country(c) = region else {
        return number == "112";
    };
    match c.as_str() {
        "US" | "CA" => ["988", "911"].contains(&number) || e164("1", 10..=10),
        "GB" => ["116 123", "999", "112", "111", "85258"].contains(&number) || e164("44", 9..=10),
        "IE" => ["116 123", "112", "999"].contains(&number) || e164("353", 7..=10),
        "AU" => {
            number == "000"
                // 13 numbers: 13 and four digits.
                || (digits.len() == 6 && digits.starts_with("13"))
                // 1300 and 1800 numbers: ten digits.
                || (digits.len() == 10 && (digits.starts_with("1300") || digits.starts_with("1800")))
                // Mobiles: 04 and eight digits.
                || (digits.len() == 10 && digits.starts_with("04"))
                || e164("61", 6..=9)
        }
        "NZ" => ["1737", "111", "4357"].contains(&number) || e164("64", 8..=10),
        "FR" => ["3114", "112"].contains(&number) || e164("33", 9..=9),
        // 113 is the Netherlands' suicide prevention short code; 0800 numbers
        // are 0800 and four to seven digits.
        "NL" => number == "113" || (digits.starts_with("0800") && (8..=11).contains(&digits.len())),
        "AT" => number == "142",
        "CH" => ["143", "144"].contains(&number),
        // Finnish numbers with the 09 (Helsinki) area code: 09 and up to ten digits.
        "FI" => digits.starts_with("09") && (7..=12).contains(&digits.len()),
        "SG" => ["1771", "995"].contains(&number),
        // Norway has no area codes: eight digits, or a three-digit emergency code.
        "NO" => number == "113" || digits.len() == 8,
        // 808 numbers are nine digits.
        "PT" => digits.starts_with("808") && digits.len() == 9,
        "BE" => number == "1813",
        other => panic!("no validator for {other}; add one with the new country"),
    }
}

fn numbers(channels: &[Channel]) -> Vec<&'static str> {
    channels
        .iter()
        .filter_map(|c| match *c {
            Channel::Call { number } | Channel::Text { number, .. } => Some(number),
            Channel::Chat { .. } => None,
        })
        .collect()
}

#[test]
fn every_entry_has_an_https_source_a_check_date_and_well_formed_numbers() {
    let first_pass = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    assert_eq!(directory::RESEARCH_PASSES[0], first_pass);
    assert!(directory::RESEARCH_PASSES.is_sorted());
    let mut ids = HashSet::new();
    let mut reachable = HashSet::new();
    for line in directory::bundled() {
        assert!(ids.insert(line.id), "duplicate id {}", line.id);
        assert!(line.source.starts_with("https://"), "{}", line.id);
        assert!(
            line.source.len() > "https://".len() && !line.source.contains(' '),
            "{}",
            line.id
        );
        assert!(
            directory::RESEARCH_PASSES.contains(&line.checked),
            "{}: checked {} is not the date of a research pass",
            line.id,
            line.checked
        );
        assert!(!line.channels.is_empty(), "{}", line.id);
        assert!(content::exists(line.hours.label()));
        assert!(content::exists(line.kind.label()));
        assert!(line.note.is_none_or(content::exists), "{}", line.id);
        for channel in line.channels {
            if let Channel::Chat { url } = channel {
                assert!(url.starts_with("https://"), "{}", line.id);
            }
        }
        for number in numbers(line.channels) {
            assert!(well_formed(line.region, number), "{}: {number}", line.id);
        }
        for action in line.actions() {
            assert!(
                reachable.insert((line.region, action.clone())),
                "{} repeats {action:?}",
                line.id
            );
        }
    }
}

#[test]
fn lines_that_could_not_be_checked_are_not_bundled() {
    let pending = [
        "741741",         // Crisis Text Line (US)
        "50808",          // 50808 (IE)
        "1800 247 247",   // Pieta (IE)
        "51444",          // Pieta text (IE)
        "0800 543 354",   // Lifeline Aotearoa phone (NZ)
        "0800 111 0 111", // TelefonSeelsorge (DE): church sources only
        "0800 111 0 222",
        "024",          // Línea 024 (ES): media only
        "02 2327 2327", // Telefono Amico (IT): media only, not all day
        "14416",        // Tele-MANAS (IN): media only
        "188",          // CVV (BR): media and a municipal council only
        "1767",         // Samaritans of Singapore (SG): media only
        "109",          // Korea's suicide prevention line: no official emergency number found
        "90101",        // Mind Självmordslinjen (SE): no page of the service with the number
        "70 201 201",   // Livslinien (DK): media only
    ];
    for line in directory::bundled() {
        for number in numbers(line.channels) {
            assert!(!pending.contains(&number), "{}: {number}", line.id);
        }
        if line.region == Region::Country(CountryCode::NO) {
            assert!(!numbers(line.channels).contains(&"116 123"), "{}", line.id);
        }
    }
}

#[test]
fn every_listed_country_resolves_to_crisis_lines_and_an_emergency_number() {
    let countries = directory::countries();
    for required in [
        "US", "CA", "GB", "IE", "AU", "NZ", "FR", "NL", "AT", "CH", "FI", "SG", "NO", "PT", "BE",
    ] {
        assert!(countries.contains(&country(required)), "{required}");
    }
    assert!(countries.len() >= 15, "{} countries", countries.len());
    for c in countries {
        // A country outside the EU needs an emergency number of its own:
        // 112 is not assumed to work there.
        if !c.is_eu_member() {
            assert!(
                directory::bundled()
                    .any(|l| l.region == Region::Country(c) && l.kind == LineKind::Emergency),
                "{c}: no emergency number of its own"
            );
        }
        let local = lines_for(Some(c));
        assert_eq!(local.coverage, Coverage::Full, "{c}");
        assert!(
            local
                .lines
                .iter()
                .all(|l| l.region == Region::Country(c) || l.region == Region::EuropeanUnion)
        );
        let emergency: Vec<_> = local
            .lines
            .iter()
            .filter(|l| l.kind == LineKind::Emergency)
            .collect();
        assert_eq!(emergency.len(), 1, "{c}: one emergency entry");
        assert_eq!(
            local.lines.last().unwrap().kind,
            LineKind::Emergency,
            "{c}: emergency last"
        );
        assert_ne!(
            local.lines[0].kind,
            LineKind::Emergency,
            "{c}: a crisis or support line first"
        );
    }
}

#[test]
fn france_gets_its_crisis_line_and_the_european_112() {
    let local = lines_for(Some(CountryCode::FR));
    let ids: Vec<&str> = local.lines.iter().map(|l| l.id).collect();
    assert_eq!(ids, ["fr-3114", "eu-112"]);
}

#[test]
fn an_unknown_or_unchosen_country_falls_back_to_112_and_the_local_number() {
    for c in [None, Some(country("jp")), Some(country("BR"))] {
        let local = lines_for(c);
        assert_eq!(local.coverage, Coverage::Fallback, "{c:?}");
        let ids: Vec<&str> = local.lines.iter().map(|l| l.id).collect();
        assert_eq!(ids, ["eu-112"]);
        assert!(content::exists(local.coverage.note().unwrap()));
    }
    let germany = lines_for(Some(country("de")));
    assert_eq!(germany.coverage, Coverage::EmergencyOnly);
    assert_eq!(germany.lines.len(), 1);
    assert_eq!(
        germany.lines[0].actions(),
        vec![Action::Call {
            number: "112".into()
        }]
    );
}

#[test]
fn an_unknown_country_still_shows_the_persons_own_lines_first() {
    let screen = crisis_help(Flow::Home).open(&plan_in(Some("JP")), EN);
    assert_eq!(screen.lines.len(), 2);
    assert!(screen.lines[0].own);
    assert_eq!(
        screen.lines[0].actions,
        vec![Action::Call {
            number: "02079460000".into()
        }]
    );
    assert_eq!(screen.coverage_note, Coverage::Fallback.note());
}

#[test]
fn channels_open_the_right_app_with_the_dialled_form() {
    let gb = lines_for(Some(CountryCode::GB));
    let actions: Vec<Action> = gb.lines.iter().flat_map(|l| l.actions()).collect();
    assert_eq!(
        actions,
        vec![
            Action::Call {
                number: "116123".into()
            },
            Action::Text {
                number: "85258".into(),
                body: "SHOUT".into()
            },
            Action::Call {
                number: "111".into()
            },
            Action::Call {
                number: "999".into()
            },
            Action::Call {
                number: "112".into()
            },
        ]
    );
    // A text line names its keyword and its number together, in words too.
    let shout = gb.lines.iter().find(|l| l.id == "gb-shout").unwrap();
    let words = shout.actions()[0].describe(EN);
    assert!(
        words.contains("SHOUT") && words.contains("85258"),
        "{words}"
    );
    let us = lines_for(Some(CountryCode::US));
    assert!(us.lines[0].actions().contains(&Action::OpenUrl {
        url: "https://988lifeline.org".into()
    }));
    for action in actions {
        assert!(content::exists(action.label()));
    }
}

#[test]
fn country_codes_are_two_letters_in_capitals() {
    assert_eq!(country(" gb ").as_str(), "GB");
    assert!(CountryCode::new("UK1").is_err());
    assert!(CountryCode::new("").is_err());
    assert!(CountryCode::new("é1").is_err());
    assert!(country("ie").is_eu_member());
    assert!(!CountryCode::GB.is_eu_member());
}

// --- What Ebb keeps ----------------------------------------------------------

#[test]
fn the_privacy_statement_says_what_is_kept_where_and_that_nothing_leaves() {
    let keys = safety::privacy_statement();
    assert!(keys.len() >= 5);
    for key in &keys {
        assert!(key.as_str().starts_with("privacy."), "{key}");
        assert!(content::exists(*key), "{key}");
    }
    let all: String = keys.iter().map(|k| k.text()).collect::<Vec<_>>().join(" ");
    assert!(all.contains("Nothing leaves your device"));
    assert!(all.contains("never contacts anyone"));
    assert!(content::exists(safety::support_not_treatment()));
    assert!(content::exists(safety::ending_life_choice()));
}

#[test]
fn time_given_to_a_plan_edit_is_only_recorded() {
    // A clock set backwards is recorded as given; the revision still orders edits.
    let a = SafetyPlan::empty()
        .edit(t0(), PlanEdit::SetCountry(Some(CountryCode::AU)))
        .unwrap();
    let earlier = t0() - chrono::Duration::from_std(Duration::from_secs(3600)).unwrap();
    let b = a.edit(earlier, PlanEdit::SetCountry(None)).unwrap();
    assert_eq!(b.revision, 2);
    assert_eq!(b.updated_at, Some(earlier));
    assert_eq!(b.country, None);
}
