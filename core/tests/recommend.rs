//! Suggestions that learn what helps this person: the prior they start from,
//! how outcomes count, the filters they keep, and the still-strong rule.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeSet, HashSet};

use chrono::{DateTime, Duration, TimeZone, Utc};
use ebb_core::content;
use ebb_core::guides::Caution;
use ebb_core::settings::Settings;
use ebb_core::skills::{
    Belief, Context, Draws, Evidence, Moment, Outcome, PastUse, PersonalSkillDraft, Ranking,
    ReachOut, Requirement, Skill, SkillBook, SkillFamily, SkillId, Suggestion, builtins,
    candidates, recommend, recommend_ranked, suggest_for,
};
use ebb_core::urge::{Intensity, Need};
use proptest::prelude::*;

// ---- helpers ---------------------------------------------------------------

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 1, 12, 0, 0).unwrap()
}

fn intensity(value: u8) -> Intensity {
    Intensity::new(value).unwrap()
}

fn builtin(id: &SkillId) -> &'static Skill {
    builtins().iter().find(|s| s.id == *id).unwrap()
}

/// A use of `skill` for `need` just now, with only the person's answer.
fn used(skill: &SkillId, need: Need, helped: bool) -> PastUse {
    PastUse {
        skill: skill.clone(),
        need: Some(need),
        intensity_before: None,
        intensity_after: None,
        helped: Some(helped),
        urge_passed_safely: None,
        at: now(),
        earlier_skills: 0,
    }
}

fn times(n: usize, past: &PastUse) -> Vec<PastUse> {
    vec![past.clone(); n]
}

fn moment(need: Need) -> Moment {
    Moment {
        need: Some(need),
        intensity: Some(intensity(4)),
        ..Moment::default()
    }
}

fn first(suggestions: &[Suggestion]) -> &SkillId {
    &suggestions.first().expect("something suggested").skill.id
}

/// How often `id` comes first over `seeds` different seeds under Thompson
/// sampling, which shows how beliefs move (every belief gets its share).
fn share_first(
    book: &SkillBook,
    evidence: &Evidence,
    moment: &Moment,
    id: &SkillId,
    seeds: u64,
) -> f64 {
    let hits = (0..seeds)
        .filter(|seed| {
            first(&recommend_ranked(
                book,
                evidence,
                moment,
                *seed,
                Ranking::Thompson,
            )) == id
        })
        .count();
    hits as f64 / seeds as f64
}

/// Every caution, as for a person who has seen them all.
fn all_cautions_seen() -> BTreeSet<Caution> {
    builtins()
        .iter()
        .flat_map(|s| s.cautions.iter().copied())
        .collect()
}

fn reason_of<'a>(suggestions: &'a [Suggestion], id: &SkillId) -> &'a str {
    suggestions
        .iter()
        .find(|s| s.skill.id == *id)
        .unwrap_or_else(|| panic!("{id} not suggested"))
        .reason
        .as_str()
}

// ---- how a past use counts -------------------------------------------------

fn with(
    helped: Option<bool>,
    before: Option<u8>,
    after: Option<u8>,
    passed: Option<bool>,
) -> PastUse {
    PastUse {
        skill: SkillId::HOLD_ICE,
        need: Some(Need::TooMuch),
        intensity_before: before.map(intensity),
        intensity_after: after.map(intensity),
        helped,
        urge_passed_safely: passed,
        at: now(),
        earlier_skills: 0,
    }
}

fn weights(past: &PastUse) -> (f64, f64) {
    let o = Outcome::of(past);
    (o.helped, o.did_not)
}

#[test]
fn their_own_answer_decides_over_the_numbers() {
    assert_eq!(
        weights(&with(Some(true), Some(8), Some(8), None)),
        (1.0, 0.0)
    );
    assert_eq!(
        weights(&with(Some(false), Some(8), Some(2), None)),
        (0.0, 1.0)
    );
}

#[test]
fn without_an_answer_the_fall_in_intensity_decides() {
    assert_eq!(weights(&with(None, Some(8), Some(6), None)), (1.0, 0.0));
    assert_eq!(weights(&with(None, Some(8), Some(7), None)), (0.5, 0.5));
    assert_eq!(weights(&with(None, Some(8), Some(8), None)), (0.0, 1.0));
    assert_eq!(weights(&with(None, Some(5), Some(9), None)), (0.0, 1.0));
}

#[test]
fn a_use_that_says_nothing_counts_for_nothing() {
    assert_eq!(weights(&with(None, None, None, None)), (0.0, 0.0));
    assert_eq!(weights(&with(None, Some(8), None, None)), (0.0, 0.0));
    let evidence = Evidence::learn(&[with(None, None, None, None)], now());
    assert!(!evidence.tried(&SkillId::HOLD_ICE));
}

#[test]
fn how_the_session_ended_counts_a_little() {
    assert_eq!(
        weights(&with(Some(true), None, None, Some(true))),
        (1.25, 0.0)
    );
    assert_eq!(
        weights(&with(Some(true), None, None, Some(false))),
        (1.0, 0.25)
    );
    assert_eq!(weights(&with(None, None, None, Some(true))), (0.25, 0.0));
}

// ---- the prior -------------------------------------------------------------

#[test]
fn the_prior_follows_the_tables_rank() {
    let ice = builtin(&SkillId::HOLD_ICE);
    let water = builtin(&SkillId::COLD_WATER);
    let kind = builtin(&SkillId::KIND_WORDS);
    let too_much = |s| Belief::prior(s, Need::TooMuch, false);
    assert_eq!(
        too_much(ice),
        Belief {
            alpha: 3.0,
            beta: 1.0
        }
    );
    assert_eq!(
        too_much(water),
        Belief {
            alpha: 2.5,
            beta: 1.0
        }
    );
    assert_eq!(
        too_much(kind),
        Belief {
            alpha: 1.0,
            beta: 1.5
        }
    );
}

#[test]
fn a_strong_urge_nudges_quick_skills_up_and_reflective_ones_down() {
    let ice = builtin(&SkillId::HOLD_ICE);
    let write = builtin(&SkillId::WRITE_IT_DOWN);
    let need = Need::MakePainVisible;
    assert!(Belief::prior(ice, need, true).mean() > Belief::prior(ice, need, false).mean());
    assert!(Belief::prior(write, need, true).mean() < Belief::prior(write, need, false).mean());
}

#[test]
fn own_skills_start_hopeful_for_the_needs_they_serve() {
    let mut book = SkillBook::new();
    let id = book
        .add_personal(PersonalSkillDraft {
            needs: vec![Need::Numb],
            ..PersonalSkillDraft::new("Sing loudly")
        })
        .unwrap();
    let skill = book.get(&id).unwrap();
    assert_eq!(
        Belief::prior(skill, Need::Numb, false),
        Belief {
            alpha: 1.5,
            beta: 1.0
        }
    );
    assert_eq!(
        Belief::prior(skill, Need::NotSure, false),
        Belief {
            alpha: 1.5,
            beta: 1.0
        }
    );
    assert!(Belief::prior(skill, Need::Control, false).mean() < 0.5);
}

#[test]
fn with_no_history_the_tables_first_choice_leads_once_its_caution_is_seen() {
    let book = SkillBook::new();
    let evidence = Evidence::default();
    for (need, top) in [
        (Need::TooMuch, SkillId::HOLD_ICE),
        (Need::Numb, SkillId::STRONG_TASTE),
        (Need::SelfPunishment, SkillId::KIND_WORDS),
    ] {
        let m = Moment {
            cautions_seen: all_cautions_seen(),
            ..moment(need)
        };
        // The shipped order starts exactly at the table.
        assert_eq!(first(&recommend(&book, &evidence, &m, 1)), &top);
        assert_eq!(first(&suggest_for(&book, &m)), &top);
        // Thompson sampling only leads with it most often.
        let top_share = share_first(&book, &evidence, &m, &top, 400);
        for other in builtins().iter().filter(|s| s.id != top) {
            let other_share = share_first(&book, &evidence, &m, &other.id, 400);
            assert!(
                top_share > other_share,
                "{need:?}: {top} first {top_share}, {} first {other_share}",
                other.id
            );
        }
    }
}

#[test]
fn with_no_caution_seen_the_first_skill_without_one_leads() {
    let book = SkillBook::new();
    // Ice, cold water and hard movement come before long breaths out in the
    // "too much" row; all three carry cautions.
    for ranking in [Ranking::Greedy, Ranking::Thompson, Ranking::BayesUcb] {
        for seed in 0..50 {
            let list = recommend_ranked(
                &book,
                &Evidence::default(),
                &moment(Need::TooMuch),
                seed,
                ranking,
            );
            assert!(list[0].skill.cautions.is_empty(), "{ranking:?} {seed}");
        }
    }
    let list = suggest_for(&book, &moment(Need::TooMuch));
    assert_eq!(first(&list), &SkillId::LONG_EXHALE);
    // The cautioned skills come next, each with its caution to show.
    let ice = list
        .iter()
        .find(|s| s.skill.id == SkillId::HOLD_ICE)
        .unwrap();
    assert_eq!(ice.cautions, [Caution::IceHeldTooLong]);
    let seen = Moment {
        cautions_seen: [Caution::IceHeldTooLong].into(),
        ..moment(Need::TooMuch)
    };
    let list = suggest_for(&book, &seen);
    assert_eq!(first(&list), &SkillId::HOLD_ICE);
    assert!(list[0].cautions.is_empty());
}

#[test]
fn with_nothing_else_on_offer_a_cautioned_skill_leads_with_its_caution_on_the_list() {
    let mut book = SkillBook::new();
    for skill in builtins() {
        if skill.id != SkillId::COLD_WATER {
            book.hide(&skill.id).unwrap();
        }
    }
    let list = recommend(&book, &Evidence::default(), &moment(Need::TooMuch), 1);
    assert_eq!(first(&list), &SkillId::COLD_WATER);
    assert_eq!(list[0].cautions, [Caution::ColdWaterOnFace]);
}

#[test]
fn hard_movement_carries_a_caution() {
    let movement = builtin(&SkillId::INTENSE_MOVEMENT);
    assert_eq!(movement.cautions, [Caution::IntenseMovement]);
    assert!(content::exists(Caution::IntenseMovement.text()));
    let guide = ebb_core::guides::guide(movement.guide.unwrap());
    assert_eq!(guide.cautions, [Caution::IntenseMovement]);
}

#[test]
fn a_gentle_place_to_start_is_said_only_of_gentle_skills() {
    let book = SkillBook::new();
    for seen in [BTreeSet::new(), all_cautions_seen()] {
        let m = Moment {
            need: None,
            cautions_seen: seen,
            ..Moment::default()
        };
        for list in [
            suggest_for(&book, &m),
            recommend(&book, &Evidence::default(), &m, 3),
        ] {
            for s in list
                .iter()
                .filter(|s| s.reason.as_str() == "skill.reason.gentle")
            {
                assert!(s.skill.cautions.is_empty(), "{} called gentle", s.skill.id);
                assert!(
                    ![
                        SkillFamily::Cold,
                        SkillFamily::Movement,
                        SkillFamily::Release,
                        SkillFamily::Sensory
                    ]
                    .contains(&s.skill.family),
                    "{} called gentle",
                    s.skill.id
                );
            }
            assert_eq!(list[0].reason.as_str(), "skill.reason.gentle");
        }
    }
}

#[test]
fn seen_cautions_are_kept_in_settings_and_survive_reopening() {
    use ebb_core::store::{DatabaseKey, OpenOptions, Store};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ebb.db");
    let key = DatabaseKey::new([3; 32]);
    let at = now().fixed_offset();
    let mut store = Store::open(&path, &key, OpenOptions::default()).unwrap();
    let mut settings = store.settings().unwrap();
    assert!(settings.saw_caution([Caution::ColdWaterOnFace]));
    assert!(!settings.saw_caution([Caution::ColdWaterOnFace]));
    store.save_settings(at, &settings).unwrap();
    drop(store);
    let store = Store::open(&path, &key, OpenOptions::default()).unwrap();
    assert_eq!(
        store.settings().unwrap().cautions_seen,
        BTreeSet::from([Caution::ColdWaterOnFace])
    );
    // Settings written before the field existed read as nothing seen.
    let old: Settings = serde_json::from_str(r#"{"show_days_without": false}"#).unwrap();
    assert!(old.cautions_seen.is_empty());
}

#[test]
fn own_skills_get_tried() {
    let mut book = SkillBook::new();
    let id = book
        .add_personal(PersonalSkillDraft {
            needs: vec![Need::Numb],
            ..PersonalSkillDraft::new("Sing loudly")
        })
        .unwrap();
    let share = share_first(&book, &Evidence::default(), &moment(Need::Numb), &id, 400);
    assert!(share > 0.05, "own skill first only {share} of the time");
    let list = recommend(&book, &Evidence::default(), &moment(Need::Numb), 7);
    assert_eq!(reason_of(&list, &id), "skill.reason.own");
}

// ---- learning ----------------------------------------------------------------

#[test]
fn a_skill_that_keeps_helping_rises_to_the_top() {
    let book = SkillBook::new();
    let m = moment(Need::Numb);
    let before = share_first(&book, &Evidence::default(), &m, &SkillId::TEAR_PAPER, 200);
    let history = times(8, &used(&SkillId::TEAR_PAPER, Need::Numb, true));
    let evidence = Evidence::learn(&history, now());
    let after = share_first(&book, &evidence, &m, &SkillId::TEAR_PAPER, 200);
    assert!(
        before < 0.01,
        "tear paper first {before} before any history"
    );
    // Skills still untried keep some chance: they might help even more.
    for other in builtins().iter().filter(|s| s.id != SkillId::TEAR_PAPER) {
        let other_share = share_first(&book, &evidence, &m, &other.id, 200);
        assert!(
            after > other_share,
            "tear paper first {after}, {} first {other_share}",
            other.id
        );
    }
    let list = recommend(&book, &evidence, &m, 3);
    assert_eq!(
        reason_of(&list, &SkillId::TEAR_PAPER),
        "skill.reason.helped.numb"
    );
}

#[test]
fn a_skill_that_keeps_not_helping_steps_back() {
    let book = SkillBook::new();
    let m = moment(Need::Numb);
    let before = share_first(&book, &Evidence::default(), &m, &SkillId::STRONG_TASTE, 200);
    let history = times(6, &used(&SkillId::STRONG_TASTE, Need::Numb, false));
    let evidence = Evidence::learn(&history, now());
    let after = share_first(&book, &evidence, &m, &SkillId::STRONG_TASTE, 200);
    assert!(
        before > 0.2,
        "strong taste first only {before} at the start"
    );
    assert!(after < 0.06, "strong taste still first {after} of the time");
    // The shipped order: first at the start, not after.
    assert_eq!(
        first(&recommend(&book, &Evidence::default(), &m, 1)),
        &SkillId::STRONG_TASTE
    );
    assert_ne!(
        first(&recommend(&book, &evidence, &m, 1)),
        &SkillId::STRONG_TASTE
    );
}

#[test]
fn what_helped_for_one_need_counts_a_little_for_the_others() {
    let tear = builtin(&SkillId::TEAR_PAPER);
    let history = times(4, &used(&SkillId::TEAR_PAPER, Need::Numb, true));
    let evidence = Evidence::learn(&history, now());
    let numb = evidence.belief(tear, Need::Numb, false);
    let control = evidence.belief(tear, Need::Control, false);
    let control_prior = Belief::prior(tear, Need::Control, false);
    assert!((numb.alpha - Belief::prior(tear, Need::Numb, false).alpha - 4.0).abs() < 0.01);
    assert!((control.alpha - control_prior.alpha - 4.0 * Evidence::OTHER_NEED_SHARE).abs() < 0.01);
}

#[test]
fn older_uses_count_less() {
    let ice = builtin(&SkillId::HOLD_ICE);
    let prior = Belief::prior(ice, Need::TooMuch, false);
    let mut old = used(&SkillId::HOLD_ICE, Need::TooMuch, true);
    old.at = now() - Duration::days(120);
    let learned = Evidence::learn(&[old], now()).belief(ice, Need::TooMuch, false);
    assert!(
        (learned.alpha - prior.alpha - 0.5).abs() < 1e-6,
        "{learned:?}"
    );
}

#[test]
fn uses_dated_in_the_future_count_as_now() {
    let ice = builtin(&SkillId::HOLD_ICE);
    let prior = Belief::prior(ice, Need::TooMuch, false);
    let mut ahead = used(&SkillId::HOLD_ICE, Need::TooMuch, false);
    ahead.at = now() + Duration::days(400);
    let learned = Evidence::learn(&[ahead], now()).belief(ice, Need::TooMuch, false);
    assert!(
        (learned.beta - prior.beta - 1.0).abs() < 1e-9,
        "{learned:?}"
    );
}

#[test]
fn a_use_with_no_need_named_counts_for_not_sure() {
    let ice = builtin(&SkillId::HOLD_ICE);
    let mut past = used(&SkillId::HOLD_ICE, Need::TooMuch, true);
    past.need = None;
    let evidence = Evidence::learn(&[past], now());
    let prior = Belief::prior(ice, Need::NotSure, false);
    assert!((evidence.belief(ice, Need::NotSure, false).alpha - prior.alpha - 1.0).abs() < 1e-9);
}

#[test]
fn untried_skills_say_so_once_there_is_history() {
    let book = SkillBook::new();
    let m = moment(Need::SelfPunishment);
    let fresh = recommend(&book, &Evidence::default(), &m, 1);
    assert!(
        fresh
            .iter()
            .all(|s| s.reason.as_str() != "skill.reason.untried"),
        "nothing is 'not tried yet' for someone who has tried nothing"
    );
    let history = [used(&SkillId::KIND_WORDS, Need::SelfPunishment, true)];
    let list = recommend(&book, &Evidence::learn(&history, now()), &m, 1);
    assert_eq!(
        reason_of(&list, &SkillId::REACH_PERSON),
        "skill.reason.untried"
    );
    assert_ne!(
        reason_of(&list, &SkillId::KIND_WORDS),
        "skill.reason.untried"
    );
}

#[test]
fn helped_most_times_needs_enough_uses_and_mostly_helping() {
    let once = [used(&SkillId::HOLD_ICE, Need::TooMuch, true)];
    assert!(!Evidence::learn(&once, now()).helped_mostly(&SkillId::HOLD_ICE, Need::TooMuch));
    let mixed = [
        used(&SkillId::HOLD_ICE, Need::TooMuch, true),
        used(&SkillId::HOLD_ICE, Need::TooMuch, false),
        used(&SkillId::HOLD_ICE, Need::TooMuch, true),
        used(&SkillId::HOLD_ICE, Need::TooMuch, false),
    ];
    assert!(!Evidence::learn(&mixed, now()).helped_mostly(&SkillId::HOLD_ICE, Need::TooMuch));
    let mostly = [
        used(&SkillId::HOLD_ICE, Need::TooMuch, true),
        used(&SkillId::HOLD_ICE, Need::TooMuch, true),
        used(&SkillId::HOLD_ICE, Need::TooMuch, false),
    ];
    let evidence = Evidence::learn(&mostly, now());
    assert!(evidence.helped_mostly(&SkillId::HOLD_ICE, Need::TooMuch));
    assert!(!evidence.helped_mostly(&SkillId::HOLD_ICE, Need::Numb));
}

#[test]
fn every_reason_has_text() {
    let mut book = SkillBook::new();
    book.add_personal(PersonalSkillDraft::new("Call my sister"))
        .unwrap();
    let history: Vec<PastUse> = Need::ALL
        .into_iter()
        .flat_map(|need| times(3, &used(&SkillId::LONG_EXHALE, need, true)))
        .collect();
    let evidence = Evidence::learn(&history, now());
    let mut seen = HashSet::new();
    for need in Need::ALL {
        for strong in [false, true] {
            for still in [false, true] {
                let m = Moment {
                    need: Some(need),
                    intensity: Some(intensity(if strong { 9 } else { 3 })),
                    still_strong_after_two_skills: still,
                    ..Moment::default()
                };
                for s in recommend(&book, &evidence, &m, 5) {
                    assert!(content::exists(s.reason), "{} has no text", s.reason);
                    seen.insert(s.reason.as_str());
                }
            }
        }
    }
    for expected in [
        "skill.reason.own",
        "skill.reason.untried",
        "skill.reason.still_strong",
        "skill.reason.strong",
        "skill.reason.helped.numb",
        "skill.reason.helped.not_sure",
    ] {
        assert!(seen.contains(expected), "never said {expected}");
    }
}

// ---- the still-strong rule ----------------------------------------------------

fn still_strong(need: Need) -> Moment {
    Moment {
        need: Some(need),
        intensity: Some(intensity(9)),
        still_strong_after_two_skills: true,
        ..Moment::default()
    }
}

#[test]
fn still_strong_after_two_skills_puts_a_safe_person_first() {
    let book = SkillBook::new();
    // Even when the history says reaching out did not help before.
    let history = times(5, &used(&SkillId::REACH_PERSON, Need::TooMuch, false));
    let evidence = Evidence::learn(&history, now());
    for seed in 0..50 {
        let list = recommend(&book, &evidence, &still_strong(Need::TooMuch), seed);
        assert_eq!(first(&list), &SkillId::REACH_PERSON);
        assert_eq!(list[0].reason.as_str(), "skill.reason.still_strong");
        assert_eq!(list[0].reach_out, Some(ReachOut::Person));
    }
}

#[test]
fn without_the_still_strong_signal_a_safe_person_is_not_forced_first() {
    let book = SkillBook::new();
    let m = Moment {
        still_strong_after_two_skills: false,
        ..still_strong(Need::TooMuch)
    };
    let share = share_first(&book, &Evidence::default(), &m, &SkillId::REACH_PERSON, 100);
    assert!(share < 0.2, "reach a person first {share} of the time");
}

#[test]
fn still_strong_with_nobody_to_reach_offers_a_crisis_line_and_never_an_empty_person() {
    let nobody = Moment {
        context: Context {
            at_hand: Requirement::ALL
                .into_iter()
                .filter(|r| *r != Requirement::Person)
                .collect(),
            ..Context::default()
        },
        ..still_strong(Need::TooMuch)
    };
    let on_watch = Moment {
        context: Context {
            on_watch: true,
            ..Context::default()
        },
        ..still_strong(Need::TooMuch)
    };
    for m in [nobody, on_watch] {
        for seed in 0..20 {
            let list = recommend(&SkillBook::new(), &Evidence::default(), &m, seed);
            assert_eq!(first(&list), &SkillId::REACH_PERSON);
            assert_eq!(list[0].reach_out, Some(ReachOut::CrisisLine));
            assert_eq!(list[0].reason.as_str(), "skill.reason.still_strong_line");
            assert!(list[1..].iter().all(|s| s.reach_out.is_none()
                && s.skill.id != SkillId::REACH_PERSON
                && s.reason.as_str() != "skill.reason.still_strong"));
        }
    }
}

#[test]
fn reaching_a_person_is_at_hand_only_when_the_plan_names_someone() {
    use ebb_core::safety::{PersonDraft, PlanEdit, Reach, SafetyPlan};
    let nobody = SafetyPlan::empty();
    let someone = nobody
        .edit(
            now(),
            PlanEdit::AddPerson(PersonDraft {
                name: "Robin".to_owned(),
                phone: "+447700900123".to_owned(),
                reach: Reach::CallOrText,
                message: None,
            }),
        )
        .unwrap();
    let everything = || Requirement::ALL.into_iter();
    let person = |c: &Context| c.at_hand.contains(&Requirement::Person);
    assert!(!person(&Context::for_plan(
        false,
        false,
        everything(),
        &nobody
    )));
    assert!(person(&Context::for_plan(
        false,
        false,
        everything(),
        &someone
    )));
    // The plan never adds what the shell says is not at hand.
    let no_phone = everything().filter(|r| *r != Requirement::Person);
    assert!(!person(&Context::for_plan(
        false, false, no_phone, &someone
    )));
    // The rest is kept as given.
    let c = Context::for_plan(true, true, [Requirement::Ice], &nobody);
    assert!(c.on_watch && c.in_public);
    assert_eq!(c.at_hand, BTreeSet::from([Requirement::Ice]));
    // Still strong with nobody in the plan: a crisis line, not a person.
    for (plan, expected) in [
        (&nobody, ReachOut::CrisisLine),
        (&someone, ReachOut::Person),
    ] {
        let m = Moment {
            context: Context::for_plan(false, false, everything(), plan),
            ..still_strong(Need::TooMuch)
        };
        let list = recommend(&SkillBook::new(), &Evidence::default(), &m, 7);
        assert_eq!(list[0].reach_out, Some(expected));
    }
}

#[test]
fn still_strong_leaves_the_list_alone_when_reaching_out_is_hidden() {
    let mut hidden = SkillBook::new();
    hidden.hide(&SkillId::REACH_PERSON).unwrap();
    let m = still_strong(Need::TooMuch);
    for seed in 0..20 {
        let list = recommend(&hidden, &Evidence::default(), &m, seed);
        let without_signal = Moment {
            still_strong_after_two_skills: false,
            ..m.clone()
        };
        assert!(list.iter().all(|s| s.skill.id != SkillId::REACH_PERSON));
        assert!(list.iter().all(|s| s.reach_out.is_none()));
        assert_eq!(
            list,
            recommend(&hidden, &Evidence::default(), &without_signal, seed)
        );
    }
}

#[test]
fn forced_offers_that_did_not_help_do_not_count_against_reaching_out() {
    let forced = PastUse {
        skill: SkillId::REACH_PERSON,
        need: Some(Need::TooMuch),
        intensity_before: Some(intensity(9)),
        intensity_after: Some(intensity(9)),
        helped: Some(false),
        urge_passed_safely: Some(false),
        at: now(),
        earlier_skills: 2,
    };
    assert!(forced.was_forced_reach_out());
    let reach = builtin(&SkillId::REACH_PERSON);
    let evidence = Evidence::learn(&times(5, &forced), now());
    assert_eq!(
        evidence.belief(reach, Need::TooMuch, true),
        Belief::prior(reach, Need::TooMuch, true)
    );
    // The same use, chosen before two skills were tried, does count.
    let chosen = PastUse {
        earlier_skills: 0,
        ..forced.clone()
    };
    assert!(!chosen.was_forced_reach_out());
    let evidence = Evidence::learn(&times(5, &chosen), now());
    assert!(
        evidence.belief(reach, Need::TooMuch, true).mean()
            < Belief::prior(reach, Need::TooMuch, true).mean()
    );
    // And a forced offer that helped counts for it.
    let helped = PastUse {
        helped: Some(true),
        ..forced
    };
    let evidence = Evidence::learn(&times(5, &helped), now());
    assert!(
        evidence.belief(reach, Need::TooMuch, true).mean()
            > Belief::prior(reach, Need::TooMuch, true).mean()
    );
}

#[test]
fn the_store_counts_the_skills_before_each_use_in_its_session() {
    use ebb_core::store::{DatabaseKey, OpenOptions, SkillUseRecord, Store};
    use ebb_core::urge::{CheckInCadence, DelayGoal, Source, StartOptions};
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(
        dir.path().join("ebb.db"),
        &DatabaseKey::new([4; 32]),
        OpenOptions::default(),
    )
    .unwrap();
    let at = |minutes: i64| (now() + Duration::minutes(minutes)).fixed_offset();
    let record = |skill: &SkillId| SkillUseRecord {
        skill: skill.as_str().to_owned(),
        need: Some(Need::TooMuch),
        intensity_before: Some(intensity(9)),
        intensity_after: Some(intensity(9)),
        helped: Some(false),
    };
    store
        .record_skill(at(0), record(&SkillId::HOLD_ICE))
        .unwrap();
    let options = StartOptions {
        source: Source::Widget,
        intensity: Some(intensity(9)),
        need: Some(Need::TooMuch),
        goal: DelayGoal::FIFTEEN_MINUTES,
        cadence: CheckInCadence::EveryFiveMinutes,
        utc_offset_secs: 0,
    };
    store.start_urge(at(1), options).unwrap();
    for (minute, skill) in [
        (2, &SkillId::HOLD_ICE),
        (3, &SkillId::LONG_EXHALE),
        (4, &SkillId::REACH_PERSON),
    ] {
        store.record_skill(at(minute), record(skill)).unwrap();
    }
    let uses = store.past_skill_uses().unwrap();
    let earlier: Vec<u32> = uses.iter().map(|u| u.earlier_skills).collect();
    assert_eq!(earlier, [0, 0, 1, 2]);
    assert!(uses[3].was_forced_reach_out());
}

// ---- the draws ---------------------------------------------------------------

#[test]
fn beta_draws_have_the_right_mean_and_stay_in_range() {
    let mut draws = Draws::new(42);
    for (alpha, beta) in [(3.0, 1.0), (1.0, 1.5), (0.5, 0.5), (20.0, 5.0)] {
        let n = 20_000;
        let samples: Vec<f64> = (0..n).map(|_| draws.beta(alpha, beta)).collect();
        assert!(samples.iter().all(|x| (0.0..=1.0).contains(x)));
        let mean = samples.iter().sum::<f64>() / f64::from(n);
        let expected = alpha / (alpha + beta);
        assert!(
            (mean - expected).abs() < 0.01,
            "Beta({alpha}, {beta}): mean {mean}, expected {expected}"
        );
    }
}

#[test]
fn gamma_draws_have_the_right_mean_and_nonsense_shapes_give_zero() {
    let mut draws = Draws::new(7);
    for shape in [0.3, 1.0, 2.5, 9.0] {
        let n = 20_000;
        let mean = (0..n).map(|_| draws.gamma(shape)).sum::<f64>() / f64::from(n);
        assert!(
            (mean - shape).abs() < 0.04 * shape.max(1.0),
            "Gamma({shape}): mean {mean}"
        );
    }
    assert_eq!(draws.gamma(0.0), 0.0);
    assert_eq!(draws.gamma(f64::NAN), 0.0);
    assert_eq!(draws.beta(-1.0, 0.0), 0.5);
}

#[test]
fn a_seed_pins_the_draws() {
    let a: Vec<u64> = {
        let mut d = Draws::new(99);
        (0..5).map(|_| d.next_u64()).collect()
    };
    let b: Vec<u64> = {
        let mut d = Draws::new(99);
        (0..5).map(|_| d.next_u64()).collect()
    };
    let c: Vec<u64> = {
        let mut d = Draws::new(100);
        (0..5).map(|_| d.next_u64()).collect()
    };
    assert_eq!(a, b);
    assert_ne!(a, c);
}

#[test]
fn thompson_sampling_explores_different_orders_and_greedy_does_not() {
    let book = SkillBook::new();
    let m = moment(Need::Control);
    let orders = |ranking| -> HashSet<Vec<SkillId>> {
        (0..20)
            .map(|seed| {
                recommend_ranked(&book, &Evidence::default(), &m, seed, ranking)
                    .into_iter()
                    .map(|s| s.skill.id)
                    .collect()
            })
            .collect()
    };
    let thompson = orders(Ranking::Thompson).len();
    assert!(thompson > 5, "only {thompson} orders over 20 seeds");
    assert_eq!(orders(Ranking::Greedy).len(), 1);
}

#[test]
fn the_shipped_ranking_is_what_recommend_uses() {
    let book = SkillBook::new();
    let history = times(3, &used(&SkillId::TEAR_PAPER, Need::Numb, true));
    let evidence = Evidence::learn(&history, now());
    for seed in 0..10 {
        assert_eq!(
            recommend(&book, &evidence, &moment(Need::Numb), seed),
            recommend_ranked(
                &book,
                &evidence,
                &moment(Need::Numb),
                seed,
                Ranking::SHIPPED
            )
        );
    }
}

// ---- properties over any book, context, history and seed ------------------------

fn any_need() -> impl Strategy<Value = Need> {
    prop::sample::select(Need::ALL.to_vec())
}

fn any_book() -> impl Strategy<Value = SkillBook> {
    let own = (
        prop::collection::vec(any_need(), 0..3),
        any::<bool>(),
        any::<bool>(),
        prop::option::of(prop::sample::select(SkillFamily::ALL.to_vec())),
    );
    (
        prop::collection::vec(any::<bool>(), builtins().len()),
        prop::collection::vec(own, 0..4),
        any::<u8>(),
    )
        .prop_map(|(hide, own, hide_own)| {
            let mut book = SkillBook::new();
            for (i, (needs, discreet, watch, family)) in own.into_iter().enumerate() {
                let id = book
                    .add_personal(PersonalSkillDraft {
                        needs,
                        discreet,
                        watch,
                        family,
                        ..PersonalSkillDraft::new(format!("Own idea {i}"))
                    })
                    .unwrap();
                if hide_own & (1 << i) != 0 {
                    book.hide(&id).unwrap();
                }
            }
            for (skill, hide) in builtins().iter().zip(hide) {
                if hide {
                    book.hide(&skill.id).unwrap();
                }
            }
            book
        })
}

fn any_context() -> impl Strategy<Value = Context> {
    (
        any::<bool>(),
        any::<bool>(),
        prop::collection::btree_set(prop::sample::select(Requirement::ALL.to_vec()), 0..=5),
    )
        .prop_map(|(on_watch, in_public, at_hand)| Context {
            on_watch,
            in_public,
            at_hand,
        })
}

fn any_history() -> impl Strategy<Value = Vec<PastUse>> {
    let ids: Vec<SkillId> = builtins()
        .iter()
        .map(|s| s.id.clone())
        .chain([SkillId::new("own-own-idea-0").unwrap()])
        .collect();
    let one = (
        prop::sample::select(ids),
        prop::option::of(any_need()),
        prop::option::of(0u8..=10),
        prop::option::of(0u8..=10),
        prop::option::of(any::<bool>()),
        prop::option::of(any::<bool>()),
        -2000i64..30,
        0u32..4,
    )
        .prop_map(
            |(skill, need, before, after, helped, passed, days, earlier_skills)| PastUse {
                skill,
                need,
                intensity_before: before.map(intensity),
                intensity_after: after.map(intensity),
                helped,
                urge_passed_safely: passed,
                at: now() + Duration::days(days),
                earlier_skills,
            },
        );
    prop::collection::vec(one, 0..60)
}

fn any_moment() -> impl Strategy<Value = Moment> {
    (
        prop::option::of(any_need()),
        prop::option::of(0u8..=10),
        any_context(),
        any::<bool>(),
        prop::sample::subsequence(all_cautions_seen().into_iter().collect::<Vec<_>>(), 0..=3),
    )
        .prop_map(|(need, level, context, still, seen)| Moment {
            need,
            intensity: level.map(intensity),
            context,
            still_strong_after_two_skills: still,
            cautions_seen: seen.into_iter().collect(),
        })
}

/// The fixed order or one of the rankings.
fn any_order() -> impl Strategy<Value = Option<Ranking>> {
    prop::sample::select(vec![
        None,
        Some(Ranking::Greedy),
        Some(Ranking::Thompson),
        Some(Ranking::BayesUcb),
    ])
}

fn ordered(
    order: Option<Ranking>,
    book: &SkillBook,
    evidence: &Evidence,
    m: &Moment,
    seed: u64,
) -> Vec<Suggestion> {
    match order {
        None => suggest_for(book, m),
        Some(ranking) => recommend_ranked(book, evidence, m, seed, ranking),
    }
}

/// A use of reaching out where the still-strong rule put it first.
fn any_forced_reach_out() -> impl Strategy<Value = PastUse> {
    (
        any_need(),
        prop::option::of(7u8..=10),
        prop::option::of(0u8..=10),
        prop::option::of(any::<bool>()),
        prop::option::of(any::<bool>()),
        2u32..6,
        -200i64..1,
    )
        .prop_map(
            |(need, before, after, helped, passed, earlier_skills, days)| PastUse {
                skill: SkillId::REACH_PERSON,
                need: Some(need),
                intensity_before: before.map(intensity),
                intensity_after: after.map(intensity),
                helped,
                urge_passed_safely: passed,
                at: now() + Duration::days(days),
                earlier_skills,
            },
        )
}

proptest! {
    #[test]
    fn hidden_skills_never_appear_and_the_context_always_holds(
        book in any_book(),
        history in any_history(),
        m in any_moment(),
        seed in any::<u64>(),
    ) {
        let list = recommend(&book, &Evidence::learn(&history, now()), &m, seed);
        prop_assert!(list.iter().all(|s| !book.is_hidden(&s.skill.id)));
        // A crisis line offered in reaching out's place needs nothing at
        // hand; every other suggestion keeps the context.
        let list: Vec<&Suggestion> = list
            .iter()
            .filter(|s| s.reach_out != Some(ReachOut::CrisisLine))
            .collect();
        for s in &list {
            prop_assert!(!book.is_hidden(&s.skill.id), "{} is hidden", s.skill.id);
            prop_assert!(!m.context.on_watch || s.skill.watch, "{} not for a watch", s.skill.id);
            prop_assert!(!m.context.in_public || s.skill.discreet, "{} not discreet", s.skill.id);
            prop_assert!(
                s.skill.requires.iter().all(|r| m.context.at_hand.contains(r)),
                "{} needs something not at hand", s.skill.id
            );
        }
        // Nothing lost, nothing repeated: the same skills as the fixed filters.
        let got: BTreeSet<&SkillId> = list.iter().map(|s| &s.skill.id).collect();
        let offered: BTreeSet<&SkillId> =
            candidates(&book, &m.context).into_iter().map(|s| &s.id).collect();
        prop_assert_eq!(got.len(), list.len());
        prop_assert_eq!(got, offered);
    }

    #[test]
    fn the_same_seed_gives_the_same_list(
        book in any_book(),
        history in any_history(),
        m in any_moment(),
        seed in any::<u64>(),
    ) {
        let evidence = Evidence::learn(&history, now());
        let again = Evidence::learn(&history, now());
        prop_assert_eq!(
            recommend(&book, &evidence, &m, seed),
            recommend(&book, &again, &m, seed)
        );
    }

    #[test]
    fn the_top_three_are_not_all_one_family_when_another_is_on_offer(
        book in any_book(),
        history in any_history(),
        m in any_moment(),
        seed in any::<u64>(),
    ) {
        let list = recommend(&book, &Evidence::learn(&history, now()), &m, seed);
        if list.len() >= 3 {
            let family = list[0].skill.family;
            let others_on_offer = list.iter().any(|s| s.skill.family != family);
            let top_all_one = list[..3].iter().all(|s| s.skill.family == family);
            prop_assert!(!(others_on_offer && top_all_one));
        }
    }

    #[test]
    fn still_strong_puts_a_reachable_person_first_and_only_then(
        book in any_book(),
        history in any_history(),
        m in any_moment(),
        seed in any::<u64>(),
    ) {
        let list = recommend(&book, &Evidence::learn(&history, now()), &m, seed);
        let on_offer = candidates(&book, &m.context)
            .iter()
            .any(|s| s.id == SkillId::REACH_PERSON);
        if m.still_strong_after_two_skills && on_offer {
            prop_assert_eq!(first(&list), &SkillId::REACH_PERSON);
            prop_assert_eq!(list[0].reason.as_str(), "skill.reason.still_strong");
        }
        let said_still_strong = list
            .iter()
            .filter(|s| s.reason.as_str() == "skill.reason.still_strong")
            .count();
        prop_assert_eq!(
            said_still_strong,
            usize::from(m.still_strong_after_two_skills && on_offer)
        );
    }

    #[test]
    fn no_cautioned_skill_is_first_for_a_person_who_has_not_seen_its_caution(
        book in any_book(),
        history in any_history(),
        m in any_moment(),
        seed in any::<u64>(),
        order in any_order(),
    ) {
        let list = ordered(order, &book, &Evidence::learn(&history, now()), &m, seed);
        let unseen = |s: &Suggestion| -> Vec<Caution> {
            s.skill.cautions.iter().copied().filter(|c| !m.cautions_seen.contains(c)).collect()
        };
        for s in &list {
            prop_assert_eq!(&s.cautions, &unseen(s), "{} shows the wrong cautions", s.skill.id);
        }
        if let Some(top) = list.first() {
            let clear_on_offer = list.iter().any(|s| unseen(s).is_empty());
            prop_assert!(
                unseen(top).is_empty() || !clear_on_offer,
                "{:?}: {} first before its caution was seen", order, top.skill.id
            );
        }
    }

    #[test]
    fn still_strong_never_offers_an_empty_reach_a_person(
        book in any_book(),
        history in any_history(),
        m in any_moment(),
        seed in any::<u64>(),
        order in any_order(),
    ) {
        let list = ordered(order, &book, &Evidence::learn(&history, now()), &m, seed);
        let person_on_offer = candidates(&book, &m.context)
            .iter()
            .any(|s| s.id == SkillId::REACH_PERSON);
        for (place, s) in list.iter().enumerate() {
            if s.reach_out.is_some() {
                prop_assert_eq!(place, 0);
                prop_assert!(m.still_strong_after_two_skills);
                prop_assert_eq!(&s.skill.id, &SkillId::REACH_PERSON);
            }
            if s.reach_out == Some(ReachOut::Person)
                || s.reason.as_str() == "skill.reason.still_strong"
            {
                prop_assert!(m.context.at_hand.contains(&Requirement::Person));
                prop_assert!(person_on_offer);
            }
        }
        if m.still_strong_after_two_skills && !book.is_hidden(&SkillId::REACH_PERSON) {
            let expected = if person_on_offer { ReachOut::Person } else { ReachOut::CrisisLine };
            prop_assert_eq!(list[0].reach_out, Some(expected));
        }
    }

    #[test]
    fn forced_offers_never_lower_reaching_out(
        book in any_book(),
        history in any_history(),
        forced in prop::collection::vec(any_forced_reach_out(), 1..8),
        m in any_moment(),
        seed in any::<u64>(),
    ) {
        let before = Evidence::learn(&history, now());
        let mut longer = history.clone();
        longer.extend(forced);
        let after = Evidence::learn(&longer, now());
        let reach = builtin(&SkillId::REACH_PERSON);
        for need in Need::ALL {
            for strong in [false, true] {
                prop_assert!(
                    after.belief(reach, need, strong).mean()
                        >= before.belief(reach, need, strong).mean() - 1e-12
                );
            }
        }
        // Its place in the shipped order, when not forced first, does not fall.
        let m = Moment { still_strong_after_two_skills: false, ..m };
        let place = |evidence: &Evidence| {
            recommend_ranked(&book, evidence, &m, seed, Ranking::Greedy)
                .iter()
                .position(|s| s.skill.id == SkillId::REACH_PERSON)
        };
        if let (Some(was), Some(is)) = (place(&before), place(&after)) {
            prop_assert!(is <= was, "reaching out fell from {} to {}", was, is);
        }
    }
}
