//! The skill catalog, personal and hidden skills, and suggestions by need.

// Helpers and strategies outside `#[test]` functions build known-good values.
#![allow(clippy::unwrap_used)]

use std::collections::{BTreeSet, HashSet};
use std::time::Duration;

use ebb_core::content::{self, ContentKey};
use ebb_core::guides::{Caution, GuideId};
use ebb_core::skills::{
    Context, Moment, PRIOR, PersonalSkillDraft, Requirement, Skill, SkillBook, SkillError,
    SkillFamily, SkillId, Suggestion, Text, builtins, candidates, prior, suggest_for,
};
use ebb_core::urge::{Intensity, Need};
use proptest::prelude::*;

/// The fixed order as these tests describe it: for a person who has read
/// every caution (before that, `suggest_for` keeps a cautioned skill from
/// leading; `core/tests/recommend.rs` covers that rule).
fn suggest(
    book: &SkillBook,
    need: Option<Need>,
    intensity: Option<Intensity>,
    context: &Context,
) -> Vec<ebb_core::skills::Suggestion> {
    suggest_for(
        book,
        &Moment {
            need,
            intensity,
            context: context.clone(),
            still_strong_after_two_skills: false,
            cautions_seen: [
                Caution::ColdWaterOnFace,
                Caution::IceHeldTooLong,
                Caution::IntenseMovement,
            ]
            .into_iter()
            .collect(),
        },
    )
}

// ---- helpers ---------------------------------------------------------------

fn ids(suggestions: &[Suggestion]) -> Vec<&str> {
    suggestions.iter().map(|s| s.skill.id.as_str()).collect()
}

fn strong() -> Option<Intensity> {
    Some(Intensity::new(8).unwrap())
}

fn mild() -> Option<Intensity> {
    Some(Intensity::new(3).unwrap())
}

fn own(title: &str, needs: &[Need]) -> PersonalSkillDraft {
    PersonalSkillDraft {
        needs: needs.to_vec(),
        ..PersonalSkillDraft::new(title)
    }
}

fn keys_of(skill: &Skill) -> Vec<ContentKey> {
    [&skill.title, &skill.summary]
        .into_iter()
        .chain(&skill.steps)
        .filter_map(Text::key)
        .collect()
}

fn position(suggestions: &[Suggestion], id: &SkillId) -> usize {
    suggestions
        .iter()
        .position(|s| s.skill.id == *id)
        .unwrap_or_else(|| panic!("{id} not suggested"))
}

// ---- the built-in catalog --------------------------------------------------

#[test]
fn every_builtin_has_steps_needs_and_existing_texts() {
    for skill in builtins() {
        assert!(!skill.steps.is_empty(), "{} has no steps", skill.id);
        assert!(!skill.needs.is_empty(), "{} serves no need", skill.id);
        let keys = keys_of(skill);
        assert_eq!(
            keys.len(),
            skill.steps.len() + 2,
            "{} has own words",
            skill.id
        );
        for key in keys {
            assert!(content::exists(key), "{} uses missing key {key}", skill.id);
        }
    }
}

#[test]
fn builtin_texts_are_keyed_by_their_id() {
    for skill in builtins() {
        let stem = format!("skill.{}.", skill.id.as_str().replace('-', "_"));
        for key in keys_of(skill) {
            assert!(key.as_str().starts_with(&stem), "{key} under {}", skill.id);
        }
    }
}

#[test]
fn builtin_ids_are_valid_unique_and_never_personal() {
    let mut seen = HashSet::new();
    for skill in builtins() {
        assert_eq!(SkillId::new(skill.id.as_str()).as_ref(), Ok(&skill.id));
        assert!(!skill.id.is_personal(), "{}", skill.id);
        assert!(seen.insert(skill.id.clone()), "duplicate {}", skill.id);
    }
}

#[test]
fn every_need_has_at_least_three_skills() {
    for need in Need::ALL {
        let serving = builtins().iter().filter(|s| s.serves(need)).count();
        assert!(serving >= 3, "{need:?} has {serving} skills");
        assert_eq!(prior(need).len(), serving, "{need:?}");
    }
}

#[test]
fn a_builtin_serves_a_need_exactly_when_the_prior_lists_it() {
    assert_eq!(PRIOR.len(), Need::ALL.len());
    for (need, listed) in PRIOR {
        let unique: HashSet<_> = listed.iter().collect();
        assert_eq!(unique.len(), listed.len(), "{need:?} lists a skill twice");
        for skill in builtins() {
            assert_eq!(
                skill.serves(*need),
                listed.contains(&skill.id),
                "{} {need:?}",
                skill.id
            );
        }
    }
}

#[test]
fn not_sure_offers_every_builtin() {
    assert_eq!(prior(Need::NotSure).len(), builtins().len());
}

#[test]
fn prior_follows_the_clinical_pairing() {
    assert_eq!(
        prior(Need::TooMuch)[..3],
        [
            SkillId::HOLD_ICE,
            SkillId::COLD_WATER,
            SkillId::INTENSE_MOVEMENT
        ]
    );
    assert_eq!(prior(Need::Numb)[0], SkillId::STRONG_TASTE);
    assert_eq!(
        prior(Need::MakePainVisible)[..2],
        [SkillId::WRITE_IT_DOWN, SkillId::REACH_PERSON]
    );
    assert_eq!(prior(Need::Control)[0], SkillId::STRUCTURED_TASK);
    assert_eq!(
        prior(Need::SelfPunishment)[..2],
        [SkillId::KIND_WORDS, SkillId::REACH_PERSON]
    );
    assert_eq!(
        prior(Need::NotSure)[..2],
        [SkillId::LONG_EXHALE, SkillId::GROUNDING_54321]
    );
}

#[test]
fn cold_skills_carry_their_cautions_and_guides() {
    let book = SkillBook::new();
    let ice = book.get(&SkillId::HOLD_ICE).unwrap();
    assert_eq!(ice.cautions, [Caution::IceHeldTooLong]);
    assert_eq!(ice.guide, Some(GuideId::HoldIce));
    let water = book.get(&SkillId::COLD_WATER).unwrap();
    assert_eq!(water.cautions, [Caution::ColdWaterOnFace]);
    let movement = book.get(&SkillId::INTENSE_MOVEMENT).unwrap();
    assert_eq!(movement.cautions, [Caution::IntenseMovement]);
    assert_eq!(
        book.get(&SkillId::LONG_EXHALE).unwrap().guide,
        Some(GuideId::Breathing)
    );
    let uncautioned = builtins().iter().filter(|s| s.cautions.is_empty()).count();
    assert_eq!(uncautioned, builtins().len() - 3);
}

#[test]
fn labels_exist_for_every_family_and_requirement() {
    for family in SkillFamily::ALL {
        assert!(content::exists(family.label()), "{family:?}");
    }
    for requirement in Requirement::ALL {
        assert!(content::exists(requirement.label()), "{requirement:?}");
    }
    assert!(content::exists(ContentKey::new("skill.personal.summary")));
}

// ---- skill ids --------------------------------------------------------------

#[test]
fn skill_ids_are_lowercase_slugs() {
    for good in ["a", "hold-ice", "own-walk-2", "x1-y2"] {
        assert!(SkillId::new(good).is_ok(), "{good}");
    }
    let too_long = "a".repeat(SkillId::MAX_LEN + 1);
    for bad in [
        "",
        "Hold-ice",
        "hold ice",
        "-ice",
        "ice-",
        "hold--ice",
        "é",
        &too_long,
    ] {
        assert!(SkillId::new(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn skill_ids_serialize_as_plain_strings_and_reject_bad_ones() {
    assert_eq!(
        serde_json::to_string(&SkillId::HOLD_ICE).unwrap(),
        r#""hold-ice""#
    );
    let back: SkillId = serde_json::from_str(r#""hold-ice""#).unwrap();
    assert_eq!(back, SkillId::HOLD_ICE);
    assert!(serde_json::from_str::<SkillId>(r#""Hold Ice""#).is_err());
}

// ---- personal skills -----------------------------------------------------------

#[test]
fn a_personal_skill_gets_an_id_from_its_title() {
    let mut book = SkillBook::new();
    let id = book
        .add_personal(own("  Listen to my song! ", &[Need::TooMuch]))
        .unwrap();
    assert_eq!(id.as_str(), "own-listen-to-my-song");
    let skill = book.get(&id).unwrap();
    assert_eq!(skill.title, Text::Own("Listen to my song!".into()));
    assert_eq!(skill.family, SkillFamily::Personal);
    assert_eq!(
        skill.summary.key(),
        Some(ContentKey::new("skill.personal.summary"))
    );
    assert!(skill.cautions.is_empty() && skill.guide.is_none());
}

#[test]
fn the_same_title_twice_gets_a_second_id() {
    let mut book = SkillBook::new();
    let first = book.add_personal(own("Walk", &[])).unwrap();
    let second = book.add_personal(own("walk", &[])).unwrap();
    assert_eq!(first.as_str(), "own-walk");
    assert_eq!(second.as_str(), "own-walk-2");
}

#[test]
fn a_title_without_ascii_letters_still_gets_an_id() {
    let mut book = SkillBook::new();
    assert_eq!(
        book.add_personal(own("音楽", &[])).unwrap().as_str(),
        "own-skill"
    );
    assert_eq!(
        book.add_personal(own("Música", &[])).unwrap().as_str(),
        "own-msica"
    );
}

#[test]
fn a_long_title_makes_an_id_within_the_limit() {
    let mut book = SkillBook::new();
    let title = "word ".repeat(12);
    let first = book.add_personal(own(&title, &[])).unwrap();
    let second = book.add_personal(own(&title, &[])).unwrap();
    assert!(first.as_str().len() <= SkillId::MAX_LEN);
    assert!(second.as_str().len() <= SkillId::MAX_LEN);
    assert_ne!(first, second);
}

#[test]
fn a_blank_title_is_refused() {
    let mut book = SkillBook::new();
    assert_eq!(
        book.add_personal(own(" \n\t ", &[])),
        Err(SkillError::EmptyTitle)
    );
    assert_eq!(book, SkillBook::new(), "nothing was added");
}

#[test]
fn a_title_is_limited_in_characters_not_bytes() {
    let mut book = SkillBook::new();
    let max = PersonalSkillDraft::TITLE_MAX_CHARS;
    assert!(book.add_personal(own(&"é".repeat(max), &[])).is_ok());
    assert_eq!(
        book.add_personal(own(&"é".repeat(max + 1), &[])),
        Err(SkillError::TitleTooLong { max, got: max + 1 })
    );
}

#[test]
fn steps_are_tidied_blank_ones_dropped_and_long_ones_named() {
    let mut book = SkillBook::new();
    let draft = PersonalSkillDraft {
        steps: vec![
            "  Put on  my\njacket ".into(),
            "   ".into(),
            "Walk to the corner".into(),
        ],
        ..own("Walk", &[])
    };
    let id = book.add_personal(draft).unwrap();
    assert_eq!(
        book.get(&id).unwrap().steps,
        [
            Text::Own("Put on my jacket".into()),
            Text::Own("Walk to the corner".into())
        ]
    );

    let max = PersonalSkillDraft::STEP_MAX_CHARS;
    let draft = PersonalSkillDraft {
        steps: vec!["ok".into(), "".into(), "x".repeat(max + 1)],
        ..own("Walk", &[])
    };
    assert_eq!(
        book.add_personal(draft),
        Err(SkillError::StepTooLong {
            index: 2,
            max,
            got: max + 1
        })
    );
}

#[test]
fn too_many_steps_are_refused() {
    let max = PersonalSkillDraft::MAX_STEPS;
    let draft = PersonalSkillDraft {
        steps: (0..=max).map(|i| format!("Step {i}")).collect(),
        ..own("Walk", &[])
    };
    assert_eq!(
        SkillBook::new().add_personal(draft),
        Err(SkillError::TooManySteps { max, got: max + 1 })
    );
}

#[test]
fn a_long_summary_is_refused_and_a_blank_one_means_none() {
    let mut book = SkillBook::new();
    let max = PersonalSkillDraft::SUMMARY_MAX_CHARS;
    let long = PersonalSkillDraft {
        summary: Some("y".repeat(max + 1)),
        ..own("Walk", &[])
    };
    assert_eq!(
        book.add_personal(long),
        Err(SkillError::SummaryTooLong { max, got: max + 1 })
    );
    let blank = PersonalSkillDraft {
        summary: Some("  ".into()),
        ..own("Walk", &[])
    };
    let id = book.add_personal(blank).unwrap();
    assert_eq!(book.get(&id).unwrap().summary.own(), None);
}

#[test]
fn typical_length_must_fit_an_urge() {
    let mut book = SkillBook::new();
    for typical in [Duration::from_secs(9), Duration::from_secs(60 * 60 + 1)] {
        let draft = PersonalSkillDraft {
            typical,
            ..own("Walk", &[])
        };
        assert!(matches!(
            book.add_personal(draft),
            Err(SkillError::TypicalOutOfRange {
                min_secs: 10,
                max_secs: 3600,
                ..
            })
        ));
    }
}

#[test]
fn a_chosen_id_must_be_personal_and_unused() {
    let mut book = SkillBook::new();
    let with_id = |id: &str| PersonalSkillDraft {
        id: Some(SkillId::new(id).unwrap()),
        ..own("Walk", &[])
    };
    assert_eq!(
        book.add_personal(with_id("walk")),
        Err(SkillError::NotPersonalId(SkillId::new("walk").unwrap()))
    );
    assert_eq!(
        book.add_personal(with_id("hold-ice")),
        Err(SkillError::DuplicateId(SkillId::HOLD_ICE))
    );
    let id = book.add_personal(with_id("own-evening-walk")).unwrap();
    assert_eq!(id.as_str(), "own-evening-walk");
    assert_eq!(
        book.add_personal(with_id("own-evening-walk")),
        Err(SkillError::DuplicateId(id))
    );
}

#[test]
fn repeated_needs_and_requirements_count_once() {
    let mut book = SkillBook::new();
    let draft = PersonalSkillDraft {
        requires: vec![Requirement::Paper, Requirement::Paper],
        ..own(
            "Fold a paper crane",
            &[Need::Control, Need::Control, Need::Numb],
        )
    };
    let id = book.add_personal(draft).unwrap();
    let skill = book.get(&id).unwrap();
    assert_eq!(skill.needs, [Need::Control, Need::Numb]);
    assert_eq!(skill.requires, [Requirement::Paper]);
}

#[test]
fn a_personal_skill_without_needs_serves_every_need() {
    let mut book = SkillBook::new();
    let id = book.add_personal(own("Walk", &[])).unwrap();
    let skill = book.get(&id).unwrap();
    assert!(Need::ALL.into_iter().all(|need| skill.serves(need)));
}

#[test]
fn updating_keeps_the_id_and_the_place() {
    let mut book = SkillBook::new();
    let walk = book.add_personal(own("Walk", &[])).unwrap();
    let song = book.add_personal(own("Song", &[])).unwrap();
    book.update_personal(&walk, own("Evening walk", &[Need::TooMuch]))
        .unwrap();
    let personal: Vec<_> = book
        .personal()
        .map(|s| (s.id.clone(), s.title.clone()))
        .collect();
    assert_eq!(
        personal,
        [
            (walk.clone(), Text::Own("Evening walk".into())),
            (song, Text::Own("Song".into()))
        ]
    );
    assert_eq!(
        book.update_personal(&walk, own("", &[])),
        Err(SkillError::EmptyTitle)
    );
}

#[test]
fn built_ins_can_be_hidden_but_not_changed_or_removed() {
    let mut book = SkillBook::new();
    assert_eq!(
        book.remove_personal(&SkillId::HOLD_ICE),
        Err(SkillError::BuiltIn(SkillId::HOLD_ICE))
    );
    assert_eq!(
        book.update_personal(&SkillId::HOLD_ICE, own("Ice", &[])),
        Err(SkillError::BuiltIn(SkillId::HOLD_ICE))
    );
    let nowhere = SkillId::new("own-nowhere").unwrap();
    assert_eq!(
        book.remove_personal(&nowhere),
        Err(SkillError::UnknownSkill(nowhere.clone()))
    );
    assert_eq!(book.hide(&nowhere), Err(SkillError::UnknownSkill(nowhere)));
    assert_eq!(book.hide(&SkillId::HOLD_ICE), Ok(()));
}

#[test]
fn removing_a_personal_skill_forgets_that_it_was_hidden() {
    let mut book = SkillBook::new();
    let id = book.add_personal(own("Walk", &[])).unwrap();
    book.hide(&id).unwrap();
    let removed = book.remove_personal(&id).unwrap();
    assert_eq!(removed.id, id);
    assert!(!book.is_hidden(&id));
    assert_eq!(book.get(&id), None);
}

#[test]
fn hidden_skills_leave_listings_but_can_be_looked_up_and_shown_again() {
    let mut book = SkillBook::new();
    let walk = book.add_personal(own("Walk", &[])).unwrap();
    book.hide(&SkillId::COLD_WATER).unwrap();
    book.hide(&walk).unwrap();
    assert!(
        book.visible()
            .all(|s| s.id != SkillId::COLD_WATER && s.id != walk)
    );
    assert_eq!(book.personal().count(), 0);
    assert_eq!(book.hidden().count(), 2);
    assert!(
        book.get(&SkillId::COLD_WATER).is_some(),
        "settings can still name it"
    );
    assert!(book.unhide(&SkillId::COLD_WATER));
    assert!(!book.unhide(&SkillId::COLD_WATER));
    assert!(book.visible().any(|s| s.id == SkillId::COLD_WATER));
}

// ---- storing the book ----------------------------------------------------------

fn a_lived_in_book() -> SkillBook {
    let mut book = SkillBook::new();
    let walk = book
        .add_personal(PersonalSkillDraft {
            summary: Some("Out the door and around the block.".into()),
            steps: vec!["Shoes on".into(), "Go left".into()],
            requires: vec![Requirement::Water],
            discreet: true,
            watch: true,
            typical: Duration::from_secs(900),
            family: Some(SkillFamily::Movement),
            ..own("Walk", &[Need::TooMuch, Need::Control])
        })
        .unwrap();
    book.add_personal(own("Song", &[])).unwrap();
    book.hide(&SkillId::COLD_WATER).unwrap();
    book.hide(&walk).unwrap();
    book
}

#[test]
fn the_book_round_trips_through_json() {
    let book = a_lived_in_book();
    let json = serde_json::to_string(&book).unwrap();
    let back: SkillBook = serde_json::from_str(&json).unwrap();
    assert_eq!(back, book);
}

#[test]
fn the_stored_book_holds_only_what_the_person_made() {
    let json = serde_json::to_value(a_lived_in_book()).unwrap();
    assert_eq!(
        json["hidden"],
        serde_json::json!(["cold-water", "own-walk"])
    );
    assert_eq!(json["personal"][0]["id"], "own-walk");
    assert_eq!(json["personal"][0]["typical_secs"], 900);
    assert_eq!(json["personal"][0]["family"], "movement");
    assert_eq!(json["personal"][1]["summary"], serde_json::Value::Null);
    assert_eq!(
        json.as_object().unwrap().len(),
        2,
        "no built-ins stored: {json}"
    );
}

#[test]
fn an_empty_stored_book_is_a_new_book() {
    let back: SkillBook = serde_json::from_str("{}").unwrap();
    assert_eq!(back, SkillBook::new());
}

#[test]
fn loading_checks_personal_skills_again() {
    let blank = r#"{"personal":[{"id":"own-a","title":"  "}]}"#;
    assert!(serde_json::from_str::<SkillBook>(blank).is_err());
    let twice = r#"{"personal":[{"id":"own-a","title":"A"},{"id":"own-a","title":"B"}]}"#;
    assert!(serde_json::from_str::<SkillBook>(twice).is_err());
    let builtin = r#"{"personal":[{"id":"hold-ice","title":"A"}]}"#;
    assert!(serde_json::from_str::<SkillBook>(builtin).is_err());
}

#[test]
fn hidden_ids_from_a_newer_version_are_kept() {
    let json = r#"{"hidden":["paint-by-numbers"]}"#;
    let book: SkillBook = serde_json::from_str(json).unwrap();
    assert!(book.is_hidden(&SkillId::new("paint-by-numbers").unwrap()));
    assert_eq!(
        serde_json::to_string(&book).unwrap(),
        r#"{"personal":[],"hidden":["paint-by-numbers"]}"#
    );
}

// ---- suggestions: the rule by example ---------------------------------------------

#[test]
fn too_much_starts_with_cold_and_hard_movement() {
    let got = suggest(
        &SkillBook::new(),
        Some(Need::TooMuch),
        mild(),
        &Context::default(),
    );
    assert_eq!(
        ids(&got)[..6],
        [
            "hold-ice",
            "cold-water",
            "intense-movement",
            "long-exhale",
            "squeeze-release",
            "tear-paper"
        ]
    );
    assert!(
        got[..6]
            .iter()
            .all(|s| s.reason.as_str() == "skill.reason.need")
    );
    assert!(
        got[6..]
            .iter()
            .all(|s| s.reason.as_str() == "skill.reason.other")
    );
    assert_eq!(got.len(), builtins().len(), "others follow");
}

#[test]
fn a_strong_urge_puts_quick_physical_skills_before_reflective_ones() {
    let book = SkillBook::new();
    let calm = suggest(&book, Some(Need::Control), mild(), &Context::default());
    assert_eq!(
        ids(&calm)[..4],
        [
            "structured-task",
            "intense-movement",
            "movement-grounding",
            "long-exhale"
        ]
    );
    let strong = suggest(&book, Some(Need::Control), strong(), &Context::default());
    assert_eq!(
        ids(&strong)[..4],
        [
            "intense-movement",
            "movement-grounding",
            "long-exhale",
            "structured-task"
        ]
    );
    assert_eq!(strong[0].reason.as_str(), "skill.reason.strong");
    assert_eq!(strong[1].reason.as_str(), "skill.reason.need");
}

#[test]
fn seven_is_strong_and_six_is_not() {
    let book = SkillBook::new();
    let at = |n| {
        suggest(
            &book,
            Some(Need::Control),
            Some(Intensity::new(n).unwrap()),
            &Context::default(),
        )
    };
    assert_eq!(at(6)[0].skill.id, SkillId::STRUCTURED_TASK);
    assert_eq!(at(7)[0].skill.id, SkillId::INTENSE_MOVEMENT);
}

#[test]
fn no_need_named_is_the_gentle_not_sure_order() {
    let book = SkillBook::new();
    let unnamed = suggest(&book, None, None, &Context::default());
    let not_sure = suggest(&book, Some(Need::NotSure), None, &Context::default());
    assert_eq!(unnamed, not_sure);
    assert_eq!(
        ids(&unnamed)[..3],
        ["long-exhale", "grounding-54321", "hold-ice"]
    );
    // "A gentle place to start" only for skills that are gentle: no
    // caution, nothing intense; the rest are simply something else to try.
    for s in &unnamed {
        let reason = s.reason.as_str();
        assert!(
            reason == "skill.reason.gentle" || reason == "skill.reason.other",
            "{reason}"
        );
        if !s.skill.cautions.is_empty() {
            assert_eq!(reason, "skill.reason.other", "{}", s.skill.id.as_str());
        }
    }
    assert_eq!(unnamed[0].reason.as_str(), "skill.reason.gentle");
}

#[test]
fn the_persons_own_skill_for_this_need_comes_second() {
    let mut book = SkillBook::new();
    let walk = book
        .add_personal(own("Walk", &[Need::SelfPunishment]))
        .unwrap();
    let song = book.add_personal(own("Song", &[Need::TooMuch])).unwrap();
    let got = suggest(&book, Some(Need::SelfPunishment), None, &Context::default());
    assert_eq!(got[1].skill.id, walk);
    assert_eq!(got[1].reason.as_str(), "skill.reason.own");
    let fitting = prior(Need::SelfPunishment).len();
    assert!(
        position(&got, &song) > fitting,
        "a skill for another need comes after"
    );
}

#[test]
fn own_skills_alternate_with_built_ins() {
    let mut book = SkillBook::new();
    let a = book.add_personal(own("A", &[Need::Numb])).unwrap();
    let b = book.add_personal(own("B", &[])).unwrap();
    let got = suggest(&book, Some(Need::Numb), strong(), &Context::default());
    assert_eq!(
        ids(&got)[..4],
        ["strong-taste", a.as_str(), "hold-ice", b.as_str()]
    );
}

#[test]
fn when_unsure_every_own_skill_fits() {
    let mut book = SkillBook::new();
    let walk = book.add_personal(own("Walk", &[Need::Control])).unwrap();
    let got = suggest(&book, None, None, &Context::default());
    assert_eq!(got[1].skill.id, walk);
}

#[test]
fn three_of_one_family_at_the_top_make_room_for_another() {
    let mut book = SkillBook::new();
    let shower = book
        .add_personal(PersonalSkillDraft {
            family: Some(SkillFamily::Cold),
            ..own("Cold shower", &[Need::TooMuch])
        })
        .unwrap();
    let got = suggest(&book, Some(Need::TooMuch), None, &Context::default());
    assert_eq!(
        ids(&got)[..4],
        [
            "hold-ice",
            shower.as_str(),
            "intense-movement",
            "cold-water"
        ]
    );
}

#[test]
fn nobody_reachable_means_no_reaching_out() {
    let context = Context {
        at_hand: [Requirement::Paper].into(),
        ..Context::default()
    };
    let got = suggest(
        &SkillBook::new(),
        Some(Need::MakePainVisible),
        None,
        &context,
    );
    assert_eq!(
        ids(&got)[..3],
        ["write-it-down", "draw-it-out", "tear-paper"]
    );
    assert!(
        got.iter()
            .all(|s| s.skill.requires.iter().all(|r| *r == Requirement::Paper))
    );
}

#[test]
fn on_a_watch_in_public_only_quiet_watch_skills_remain() {
    let context = Context {
        on_watch: true,
        in_public: true,
        at_hand: BTreeSet::new(),
    };
    let got = suggest(&SkillBook::new(), Some(Need::TooMuch), strong(), &context);
    assert_eq!(ids(&got)[..2], ["squeeze-release", "long-exhale"]);
    assert!(got.iter().all(|s| s.skill.watch && s.skill.discreet));
}

#[test]
fn hiding_everything_leaves_nothing_to_suggest() {
    let mut book = SkillBook::new();
    book.add_personal(own("Walk", &[])).unwrap();
    let all: Vec<SkillId> = book.visible().map(|s| s.id.clone()).collect();
    for id in &all {
        book.hide(id).unwrap();
    }
    assert!(suggest(&book, Some(Need::TooMuch), strong(), &Context::default()).is_empty());
}

// ---- suggestions: properties ----------------------------------------------------

fn need_strategy() -> impl Strategy<Value = Option<Need>> {
    prop::option::of(prop::sample::select(Need::ALL.to_vec()))
}

fn intensity_strategy() -> impl Strategy<Value = Option<Intensity>> {
    prop::option::of((0u8..=10).prop_map(|n| Intensity::new(n).unwrap()))
}

fn requirements_strategy() -> impl Strategy<Value = BTreeSet<Requirement>> {
    prop::sample::subsequence(Requirement::ALL.to_vec(), 0..=Requirement::ALL.len())
        .prop_map(|r| r.into_iter().collect())
}

fn context_strategy() -> impl Strategy<Value = Context> {
    (any::<bool>(), any::<bool>(), requirements_strategy()).prop_map(
        |(on_watch, in_public, at_hand)| Context {
            on_watch,
            in_public,
            at_hand,
        },
    )
}

fn draft_strategy() -> impl Strategy<Value = PersonalSkillDraft> {
    (
        prop::sample::select(vec!["Walk", "Song", "Call my sister", "Bake", "Stretch"]),
        prop::sample::subsequence(Need::ALL.to_vec(), 0..=3),
        prop::sample::subsequence(Requirement::ALL.to_vec(), 0..=2),
        any::<bool>(),
        any::<bool>(),
        prop::option::of(prop::sample::select(SkillFamily::ALL.to_vec())),
    )
        .prop_map(
            |(title, needs, requires, discreet, watch, family)| PersonalSkillDraft {
                requires,
                discreet,
                watch,
                family,
                ..own(title, &needs)
            },
        )
}

/// A book with a few personal skills and a random set of hidden skills.
fn book_strategy() -> impl Strategy<Value = SkillBook> {
    (
        prop::collection::vec(draft_strategy(), 0..5),
        prop::collection::vec(any::<bool>(), builtins().len() + 5),
    )
        .prop_map(|(drafts, hide)| {
            let mut book = SkillBook::new();
            for draft in drafts {
                book.add_personal(draft).unwrap();
            }
            let all: Vec<SkillId> = book.visible().map(|s| s.id.clone()).collect();
            for (id, hidden) in all.iter().zip(hide) {
                if hidden {
                    book.hide(id).unwrap();
                }
            }
            book
        })
}

proptest! {
    #[test]
    fn hidden_skills_are_never_suggested(
        book in book_strategy(),
        need in need_strategy(),
        intensity in intensity_strategy(),
        context in context_strategy(),
    ) {
        let got = suggest(&book, need, intensity, &context);
        for s in &got {
            prop_assert!(!book.is_hidden(&s.skill.id), "{} is hidden", s.skill.id);
        }
        prop_assert!(book.visible().all(|s| !book.is_hidden(&s.id)));
    }

    #[test]
    fn suggestions_always_fit_the_context(
        book in book_strategy(),
        need in need_strategy(),
        intensity in intensity_strategy(),
        context in context_strategy(),
    ) {
        for s in suggest(&book, need, intensity, &context) {
            prop_assert!(!context.on_watch || s.skill.watch, "{} on a watch", s.skill.id);
            prop_assert!(!context.in_public || s.skill.discreet, "{} in public", s.skill.id);
            for r in &s.skill.requires {
                prop_assert!(context.at_hand.contains(r), "{} needs {r:?}", s.skill.id);
            }
        }
    }

    #[test]
    fn every_candidate_is_suggested_once_with_a_real_reason(
        book in book_strategy(),
        need in need_strategy(),
        intensity in intensity_strategy(),
        context in context_strategy(),
    ) {
        let got = suggest(&book, need, intensity, &context);
        let mut suggested: Vec<&SkillId> = got.iter().map(|s| &s.skill.id).collect();
        let mut expected: Vec<&SkillId> = candidates(&book, &context).iter().map(|s| &s.id).collect();
        suggested.sort();
        expected.sort();
        prop_assert_eq!(suggested, expected);
        for s in &got {
            prop_assert!(content::exists(s.reason), "{}", s.reason);
        }
    }

    #[test]
    fn suggestions_are_deterministic(
        book in book_strategy(),
        need in need_strategy(),
        intensity in intensity_strategy(),
        context in context_strategy(),
    ) {
        let first = suggest(&book, need, intensity, &context);
        let again = suggest(&book.clone(), need, intensity, &context.clone());
        prop_assert_eq!(first, again);
    }

    #[test]
    fn the_top_three_are_not_all_one_family_when_there_is_a_choice(
        book in book_strategy(),
        need in need_strategy(),
        intensity in intensity_strategy(),
        context in context_strategy(),
    ) {
        let got = suggest(&book, need, intensity, &context);
        let families: HashSet<SkillFamily> = got.iter().map(|s| s.skill.family).collect();
        if got.len() >= 3 && families.len() >= 2 {
            let top: HashSet<SkillFamily> = got[..3].iter().map(|s| s.skill.family).collect();
            prop_assert!(top.len() >= 2, "{:?}", ids(&got));
        }
    }

    #[test]
    fn a_skill_for_the_need_comes_first_and_own_ideas_stay_near_the_top(
        book in book_strategy(),
        need in need_strategy(),
        intensity in intensity_strategy(),
        context in context_strategy(),
    ) {
        let named = need.unwrap_or(Need::NotSure);
        let got = suggest(&book, need, intensity, &context);
        let fits = |s: &Suggestion| s.skill.serves(named) || (named == Need::NotSure && s.skill.is_personal());
        if got.iter().any(fits) {
            prop_assert!(fits(&got[0]), "{:?}", ids(&got));
        }
        if let Some(first_own) = got.iter().position(|s| s.skill.is_personal() && fits(s)) {
            prop_assert!(first_own <= 1, "own skill at {first_own}: {:?}", ids(&got));
        }
    }

    #[test]
    fn any_book_round_trips_through_json(book in book_strategy()) {
        let json = serde_json::to_string(&book).unwrap();
        let back: SkillBook = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back, book);
    }
}
