//! The flow over whole journeys: a scripted transcript (the same journey is
//! replayed from Kotlin and Swift against the same golden file), and
//! property tests over random event sequences with clock jumps and flows
//! opened afresh mid-way.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests state their expectations by unwrapping

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use chrono::{DateTime, TimeZone, Utc};
use ebb_core::flow::{
    Context, DeviceKind, Event, Flow, Form, Model, OutcomeChoice, Role, Screen, Update,
};
use ebb_core::guides::GuideId;
use ebb_core::haptics::Platform;
use ebb_core::progress::Window;
use ebb_core::safety::EntryList;
use ebb_core::store::{DatabaseKey, OpenOptions, Store};
use ebb_core::urge::Source;
use proptest::prelude::*;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 2, 0, 0).unwrap()
}

struct Driver {
    _dir: tempfile::TempDir,
    path: PathBuf,
    store: Store,
    flow: Flow,
    now: DateTime<Utc>,
    device: DeviceKind,
}

impl Driver {
    fn new(device: DeviceKind) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ebb.db");
        let store = open(&path);
        Self {
            _dir: dir,
            path,
            store,
            flow: Flow::new(),
            now: t0(),
            device,
        }
    }

    fn context(&self) -> Context {
        Context {
            now: SystemTime::from(self.now),
            utc_offset_secs: 0,
            device: self.device,
            haptics: Some(Platform::AndroidPhone),
            locale: "en-GB".to_owned(),
        }
    }

    fn send(&mut self, event: Event) -> Update {
        let context = self.context();
        self.flow.update(&mut self.store, &context, event).unwrap()
    }

    fn wait(&mut self, d: Duration) {
        self.now += chrono::Duration::from_std(d).unwrap();
    }

    /// Closes the flow and the store and opens both again, as after the
    /// app was killed.
    fn reopen(&mut self) -> Update {
        let fresh = open(&self.path);
        drop(std::mem::replace(&mut self.store, fresh));
        self.flow = Flow::new();
        self.send(Event::Opened {
            region: Some("GB".to_owned()),
        })
    }
}

fn open(path: &Path) -> Store {
    Store::open(path, &DatabaseKey::new([7; 32]), OpenOptions::default()).unwrap()
}

fn choice(model: &Model, role: Role) -> Event {
    model
        .all_choices()
        .find(|c| c.role == role)
        .map(|c| c.event.clone())
        .unwrap_or_else(|| panic!("no {role:?} choice on\n{}", model.transcript()))
}

const SECOND: Duration = Duration::from_secs(1);
const MINUTE: Duration = Duration::from_secs(60);

/// The journey every shell replays: first run, a start from the widget,
/// check-ins, a guide, "ending my life", crisis help and back, "I hurt
/// myself" with possible care, progress.
fn journey(d: &mut Driver) -> Vec<Update> {
    let mut out = Vec::new();
    out.push(d.send(Event::Opened {
        region: Some("GB".to_owned()),
    }));
    out.push(d.send(Event::FinishFirstRun { start_plan: false }));
    d.wait(10 * SECOND);
    out.push(d.send(Event::StartUrge {
        source: Source::Widget,
    }));
    d.wait(20 * SECOND);
    out.push(d.send(Event::Intensity { value: 8 }));
    d.wait(2 * MINUTE);
    out.push(d.send(Event::Tick));
    out.push(d.send(Event::Intensity { value: 7 }));
    d.wait(5 * SECOND);
    out.push(d.send(Event::StartGuide {
        guide: GuideId::Grounding54321,
        skill: Some("grounding-54321".to_owned()),
    }));
    out.push(d.send(Event::NextStep { index: 0 }));
    out.push(d.send(Event::OpenCrisis));
    out.push(d.send(Event::Back));
    out.push(d.send(Event::StopGuide));
    d.wait(30 * SECOND);
    out.push(d.send(Event::EndingLife));
    out.push(d.send(Event::Back));
    d.wait(MINUTE);
    out.push(d.send(Event::AskOutcome));
    out.push(d.send(Event::EndUrge {
        outcome: OutcomeChoice::HurtMyself,
    }));
    out.push(d.send(Event::MayNeedCare { needs_care: true }));
    out.push(d.send(Event::Home));
    out.push(d.send(Event::OpenProgress {
        window: Window::Week,
    }));
    out
}

fn transcript(updates: &[Update]) -> String {
    updates
        .iter()
        .map(|u| u.model.transcript())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_journey_matches_its_golden_transcript() {
    let mut d = Driver::new(DeviceKind::Phone);
    let got = transcript(&journey(&mut d));
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/flow-journey.txt");
    if std::env::var_os("EBB_WRITE_GOLDEN").is_some() {
        std::fs::write(&golden, &got).unwrap();
    }
    let want = std::fs::read_to_string(&golden).unwrap_or_default();
    assert!(
        got == want,
        "the journey changed; rerun with EBB_WRITE_GOLDEN=1 and review the diff of {}\n{got}",
        golden.display()
    );
}

#[test]
fn the_journey_goes_where_it_should() {
    let mut d = Driver::new(DeviceKind::Phone);
    let screens: Vec<Screen> = journey(&mut d).iter().map(|u| u.model.screen).collect();
    assert_eq!(
        screens,
        [
            Screen::FirstRun,
            Screen::Home,
            Screen::Timer,
            Screen::Timer,
            Screen::Timer,
            Screen::Timer,
            Screen::Guide,
            Screen::Guide,
            Screen::Crisis,
            Screen::Guide,
            Screen::Timer,
            Screen::Crisis,
            Screen::Timer,
            Screen::Outcome,
            Screen::Injury,
            Screen::Care,
            Screen::Home,
            Screen::Progress,
        ]
    );
}

#[test]
fn a_widget_start_schedules_private_notifications() {
    let mut d = Driver::new(DeviceKind::Phone);
    let u = d.send(Event::StartUrge {
        source: Source::Widget,
    });
    assert_eq!(u.model.screen, Screen::Timer);
    let scheduled = u
        .effects
        .iter()
        .find_map(|e| match e {
            ebb_core::flow::Effect::Schedule { notifications } => Some(notifications.clone()),
            _ => None,
        })
        .expect("a schedule");
    assert!(!scheduled.is_empty());
    for n in &scheduled {
        assert_eq!(n.public_text, "Ebb");
        let lower = n.public_text.to_lowercase();
        assert!(!lower.contains("urge") && !lower.contains("self-harm"));
    }
    assert!(u.wake_at.is_some());
}

#[test]
fn a_second_start_returns_to_the_running_timer() {
    let mut d = Driver::new(DeviceKind::Phone);
    d.send(Event::StartUrge {
        source: Source::Widget,
    });
    d.wait(3 * MINUTE);
    let u = d.send(Event::StartUrge {
        source: Source::Widget,
    });
    assert!(
        u.model.lines[0].contains("already running"),
        "{}",
        u.model.transcript()
    );
    assert_eq!(d.store.events().unwrap().len(), 1);
}

#[test]
fn coming_back_from_the_dialler_keeps_crisis_help_and_its_way_back() {
    let mut d = Driver::new(DeviceKind::Phone);
    d.send(Event::Opened {
        region: Some("GB".to_owned()),
    });
    d.send(Event::FinishFirstRun { start_plan: false });
    d.send(Event::StartUrge {
        source: Source::Widget,
    });
    let crisis = d.send(Event::OpenCrisis).model;
    assert_eq!(crisis.screen, Screen::Crisis);
    // The person calls a line; the dialler takes the front, then Ebb
    // comes back to it.
    d.wait(20 * MINUTE);
    let back = d.send(Event::Opened {
        region: Some("GB".to_owned()),
    });
    assert_eq!(
        back.model.screen,
        Screen::Crisis,
        "{}",
        back.model.transcript()
    );
    assert!(
        back.effects
            .iter()
            .any(|e| matches!(e, ebb_core::flow::Effect::Schedule { .. })),
        "the running timer's reminders are set again: {:?}",
        back.effects
    );
    let timer = d.send(Event::Back).model;
    assert_eq!(timer.screen, Screen::Timer, "{}", timer.transcript());
}

#[test]
fn a_timer_forgotten_for_days_is_asked_about_and_does_not_grow_the_goal() {
    let mut d = Driver::new(DeviceKind::Desktop);
    d.send(Event::StartUrge {
        source: Source::Terminal,
    });
    d.wait(Duration::from_secs(3 * 24 * 3600));
    let u = d.reopen();
    assert_eq!(u.model.screen, Screen::Outcome, "{}", u.model.transcript());
    assert!(
        u.model.heading.contains("still open"),
        "{}",
        u.model.heading
    );
    let u = d.send(Event::EndUrge {
        outcome: OutcomeChoice::Passed,
    });
    assert_eq!(u.model.screen, Screen::Ended);
    let pauses = d.store.recent_pauses(20).unwrap();
    assert!(pauses.is_empty(), "{pauses:?}");
    // The next timer starts at the first goal again, not at 240 minutes.
    let u = d.send(Event::StartUrge {
        source: Source::Terminal,
    });
    let ebb_core::flow::Detail::Timer { timer } = u.model.detail else {
        panic!("no timer")
    };
    assert_eq!(timer.goal, 5 * MINUTE);
}

#[test]
fn a_timer_past_its_goal_but_touched_is_not_forgotten() {
    let mut d = Driver::new(DeviceKind::Phone);
    d.send(Event::StartUrge {
        source: Source::PhoneApp,
    });
    d.wait(Duration::from_secs(2 * 3600));
    d.send(Event::Intensity { value: 3 });
    d.wait(Duration::from_secs(3600));
    let u = d.send(Event::Tick);
    assert_eq!(u.model.screen, Screen::Timer, "{}", u.model.transcript());
}

#[test]
fn a_need_named_on_the_timer_is_kept() {
    let mut d = Driver::new(DeviceKind::Desktop);
    d.send(Event::StartUrge {
        source: Source::Terminal,
    });
    d.send(Event::AskNeed);
    let u = d.send(Event::NameNeed {
        need: ebb_core::urge::Need::Numb,
    });
    assert_eq!(u.model.screen, Screen::Timer);
    let u = d.reopen();
    assert!(
        u.model.lines.iter().any(|l| l.contains("feel something")),
        "{}",
        u.model.transcript()
    );
}

#[test]
fn a_feeling_named_at_a_check_in_is_kept_and_looked_back_on_with_what_helped() {
    use ebb_core::urge::Feeling;
    let mut d = Driver::new(DeviceKind::Phone);
    d.send(Event::StartUrge {
        source: Source::Widget,
    });
    d.send(Event::Intensity { value: 8 });
    // Optional: the timer asks nothing until the person chooses to name it,
    // and the question can be left with back.
    let u = d.send(Event::AskFeeling);
    assert_eq!(u.model.screen, Screen::Feeling, "{}", u.model.transcript());
    assert!(u.model.all_choices().any(|c| c.role == Role::Back));
    let u = d.send(Event::Back);
    assert_eq!(u.model.screen, Screen::Timer);
    d.send(Event::AskFeeling);
    let u = d.send(Event::NameFeeling {
        feeling: Feeling::Angry,
    });
    assert_eq!(u.model.screen, Screen::Timer, "{}", u.model.transcript());
    assert!(
        u.model.lines.iter().any(|l| l.contains("Angry")),
        "{}",
        u.model.transcript()
    );
    // Kept with the session, across a restart.
    let u = d.reopen();
    assert!(
        u.model
            .lines
            .iter()
            .any(|l| l.contains("Feelings named: Angry")),
        "{}",
        u.model.transcript()
    );
    d.send(Event::UseSkill {
        skill: "hold-ice".to_owned(),
    });
    d.wait(Duration::from_secs(120));
    d.send(Event::Intensity { value: 4 });
    d.send(Event::AskOutcome);
    d.send(Event::EndUrge {
        outcome: OutcomeChoice::UsedSkill,
    });
    let u = d.send(Event::OpenProgress {
        window: ebb_core::progress::Window::Week,
    });
    let text = u.model.transcript();
    assert!(text.contains("What the urges carried"), "{text}");
    assert!(text.contains("Angry"), "{text}");
    assert!(text.contains("Named in 1 urge."), "{text}");
    assert!(text.contains("What helped then: Hold ice"), "{text}");
    // Never a score.
    assert!(!text.contains('%'), "{text}");
}

#[test]
fn surprise_me_picks_a_skill_that_is_safe_to_try_unprepared() {
    for minute in 0..12 {
        let mut d = Driver::new(DeviceKind::Desktop);
        d.send(Event::StartUrge {
            source: Source::Terminal,
        });
        d.wait(Duration::from_secs(60 * minute + 7));
        let u = d.send(Event::SurpriseMe);
        let text = u.model.transcript();
        // A guide starts, with no cautions unread (those would show first),
        // or a skill is named on the timer.
        match u.model.screen {
            Screen::Guide => {}
            Screen::Timer => {
                let picked = &u.model.sections[0].items[0].text;
                assert!(
                    u.model
                        .lines
                        .iter()
                        .any(|l| l.starts_with(&format!("Try this: {picked}."))),
                    "the skill picked is not first, to guide or note\n{text}"
                );
            }
            other => panic!("surprise led to {other:?}\n{text}"),
        }
    }
}

#[test]
fn a_skill_noted_is_named() {
    let mut d = Driver::new(DeviceKind::Desktop);
    let u = d.send(Event::StartUrge {
        source: Source::Terminal,
    });
    let tried = u
        .model
        .all_choices()
        .find(|c| matches!(c.event, Event::UseSkill { .. }))
        .unwrap()
        .clone();
    let item = u
        .model
        .sections
        .iter()
        .flat_map(|s| &s.items)
        .find(|i| i.choices.contains(&tried))
        .unwrap()
        .text
        .clone();
    let u = d.send(tried.event);
    assert!(u.model.lines[0].contains(&item), "{}", u.model.transcript());
}

#[test]
fn the_progress_review_compares_only_with_a_stretch_that_has_data() {
    let mut d = Driver::new(DeviceKind::Phone);
    for _ in 0..3 {
        d.send(Event::StartUrge {
            source: Source::PhoneApp,
        });
        d.wait(MINUTE);
        d.send(Event::AskOutcome);
        d.send(Event::EndUrge {
            outcome: OutcomeChoice::HurtMyself,
        });
        d.send(Event::MayNeedCare { needs_care: false });
        d.wait(Duration::from_secs(3600));
    }
    let u = d.send(Event::OpenProgress {
        window: Window::Week,
    });
    let text = u.model.transcript();
    assert!(!text.contains("stretch before"), "{text}");
    assert!(!text.contains("harder"), "{text}");
    assert!(text.contains("2026"), "{text}");
}

#[test]
fn input_that_cannot_be_used_changes_nothing_and_says_why() {
    let mut d = Driver::new(DeviceKind::Phone);
    d.send(Event::OpenPlan);
    let before = d.store.safety_plan().unwrap();
    let u = d.send(Event::Entered {
        form: Form::Person,
        values: vec![String::new(), "not a number".to_owned()],
    });
    assert_eq!(u.model.screen, Screen::Plan);
    assert!(u.model.lines[0].contains("Nothing was changed"));
    assert_eq!(d.store.safety_plan().unwrap(), before);
}

/// The app and the widget, two processes each with its own flow and its
/// own handle on the file, adding to the plan at the same moment: every
/// item either of them added is there afterwards. Each addition is one
/// item's event, checked and written in one transaction, so neither writes
/// back a plan it read before the other's addition.
#[test]
fn plan_items_added_through_two_flows_at_once_are_all_kept() {
    const ROUNDS: usize = 4;
    let d = Driver::new(DeviceKind::Phone);
    let context = d.context();
    std::thread::scope(|s| {
        for who in ["app", "widget"] {
            let (path, context) = (&d.path, context.clone());
            s.spawn(move || {
                let mut store = open(path);
                let mut flow = Flow::new();
                flow.update(&mut store, &context, Event::OpenPlan).unwrap();
                for round in 0..ROUNDS {
                    for list in EntryList::ALL {
                        let entered = Event::Entered {
                            form: Form::PlanEntry { list },
                            values: vec![format!("{who} {round}")],
                        };
                        let u = flow.update(&mut store, &context, entered).unwrap();
                        assert_eq!(u.model.screen, Screen::Plan);
                        assert!(
                            flow_said_nothing_wrong(&u.model),
                            "{}",
                            u.model.transcript()
                        );
                    }
                }
            });
        }
    });
    let plan = open(&d.path).safety_plan().unwrap();
    for list in EntryList::ALL {
        let mut got: Vec<&str> = plan.entries(list).iter().map(|e| e.as_str()).collect();
        got.sort_unstable();
        let mut wanted: Vec<String> = ["app", "widget"]
            .iter()
            .flat_map(|who| (0..ROUNDS).map(move |round| format!("{who} {round}")))
            .collect();
        wanted.sort_unstable();
        assert_eq!(got, wanted, "{list:?}");
    }
}

/// Whether the plan screen shows no "nothing was changed" line.
fn flow_said_nothing_wrong(model: &Model) -> bool {
    !model
        .lines
        .iter()
        .any(|l| l.contains("Nothing was changed"))
}

/// What a random journey can do next: a choice from the model, a wait, a
/// clock set back, or the app killed and opened again.
#[derive(Clone, Debug)]
enum Step {
    Choose(usize),
    Wait(u32),
    ClockBack(u32),
    Reopen,
    Tick,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        12 => (0usize..64).prop_map(Step::Choose),
        3 => (1u32..4000).prop_map(Step::Wait),
        1 => (1u32..20_000).prop_map(|m| Step::Wait(m * 60)),
        1 => (1u32..7200).prop_map(Step::ClockBack),
        1 => Just(Step::Reopen),
        2 => Just(Step::Tick),
    ]
}

const ANSWERS: [&str; 4] = ["", "Call my sister", "+44 7700 900123", "5 15 30"];

/// Runs `steps` from a fresh store, checking every model on the way, and
/// returns the models.
fn run(steps: &[Step], device: DeviceKind) -> Vec<Model> {
    let mut d = Driver::new(device);
    let mut u = d.send(Event::Opened {
        region: Some("GB".to_owned()),
    });
    let mut models = vec![u.model.clone()];
    check(&u.model, None);
    for (n, s) in steps.iter().enumerate() {
        let (event, next) = match s {
            Step::Choose(i) => {
                let choices: Vec<_> = u.model.all_choices().cloned().collect();
                let c = &choices[i % choices.len()];
                let mut event = c.event.clone();
                if let Event::Entered { values, .. } = &mut event {
                    *values = (0..c.fields.len())
                        .map(|f| ANSWERS[(i + f + n) % ANSWERS.len()].to_owned())
                        .collect();
                }
                (Some(event.clone()), d.send(event))
            }
            Step::Wait(secs) => {
                d.wait(Duration::from_secs(u64::from(*secs)));
                (None, d.send(Event::Tick))
            }
            Step::ClockBack(secs) => {
                d.now -= chrono::Duration::seconds(i64::from(*secs));
                (None, d.send(Event::Tick))
            }
            Step::Reopen => (None, d.reopen()),
            Step::Tick => (None, d.send(Event::Tick)),
        };
        check(&next.model, event.as_ref());
        if matches!(u.model.screen, Screen::Timer) {
            check_timer_ends(&u.model);
        }
        u = next;
        models.push(u.model.clone());
    }
    models
}

/// What every model promises.
fn check(m: &Model, after: Option<&Event>) {
    let text = m.transcript();
    // Crisis help in one action, everywhere.
    assert!(
        m.screen == Screen::Crisis
            || m.choices
                .iter()
                .any(|c| c.role == Role::Crisis && c.event == Event::OpenCrisis),
        "no crisis help on\n{text}"
    );
    // Anything that asks offers "I am thinking about ending my life".
    if let Some(q) = &m.question {
        assert!(
            q.answers
                .iter()
                .any(|a| a.role == Role::EndingLife && a.event == Event::EndingLife),
            "a question without the ending-life choice\n{text}"
        );
    }
    // No dead end: a way on that is not only the dialler.
    assert!(
        m.all_choices()
            .any(|c| !matches!(c.role, Role::Reach | Role::Crisis)),
        "a dead end\n{text}"
    );
    if m.screen == Screen::Crisis {
        assert!(
            m.all_choices().any(|c| c.role == Role::Back),
            "crisis help with no way back\n{text}"
        );
        assert!(
            m.all_choices().any(|c| c.role == Role::Reach),
            "crisis help with nothing to call\n{text}"
        );
    }
    // Naming a feeling is optional: it can always be left unanswered.
    if m.screen == Screen::Feeling {
        assert!(
            m.all_choices().any(|c| c.role == Role::Back),
            "a feeling question that cannot be left\n{text}"
        );
    }
    if m.screen == Screen::Outcome {
        let outcomes: Vec<_> = m
            .all_choices()
            .filter_map(|c| match c.event {
                Event::EndUrge { outcome } => Some(outcome),
                _ => None,
            })
            .collect();
        assert_eq!(outcomes, OutcomeChoice::ALL, "{text}");
    }
    if after == Some(&Event::MayNeedCare { needs_care: true }) && m.screen != Screen::Home {
        assert_eq!(m.screen, Screen::Care, "{text}");
        let number = m.all_choices().any(|c| {
            matches!(
                &c.event,
                Event::Reach {
                    action: ebb_core::safety::Action::Call { .. }
                }
            )
        });
        let fallback = text.contains("local emergency number");
        assert!(
            number || fallback,
            "care without an emergency number\n{text}"
        );
    }
    // Keys are unique within a model.
    let mut keys: Vec<_> = m.all_choices().filter_map(|c| c.key.clone()).collect();
    keys.sort();
    let before = keys.len();
    keys.dedup();
    assert_eq!(before, keys.len(), "a key bound twice\n{text}");
}

/// A model with the log's entry ids blanked: each store mints its own
/// (UUIDv7, partly random), so two runs of the same events differ there
/// and only there.
fn without_ids(mut m: Model) -> Model {
    let blank = |c: &mut ebb_core::flow::Choice| {
        if let Event::ShowEntry { id } | Event::AskDelete { id } | Event::DeleteEntry { id } =
            &mut c.event
        {
            *id = String::new();
        }
    };
    if let Some(q) = &mut m.question {
        q.answers.iter_mut().for_each(blank);
    }
    for s in &mut m.sections {
        for i in &mut s.items {
            i.choices.iter_mut().for_each(blank);
        }
        s.choices.iter_mut().for_each(blank);
    }
    m.choices.iter_mut().for_each(blank);
    m
}

/// Every outcome can be chosen from the timer, in two actions.
fn check_timer_ends(timer: &Model) {
    assert!(
        timer.all_choices().any(|c| c.event == Event::AskOutcome),
        "a timer that cannot end\n{}",
        timer.transcript()
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn every_model_keeps_the_promises(
        steps in prop::collection::vec(step(), 1..40),
        watch in any::<bool>(),
    ) {
        let device = if watch { DeviceKind::Watch } else { DeviceKind::Phone };
        run(&steps, device);
    }

    #[test]
    fn the_same_events_give_equal_models(steps in prop::collection::vec(step(), 1..25)) {
        let a: Vec<Model> = run(&steps, DeviceKind::Desktop).into_iter().map(without_ids).collect();
        let b: Vec<Model> = run(&steps, DeviceKind::Desktop).into_iter().map(without_ids).collect();
        prop_assert_eq!(a, b);
    }
}

#[test]
fn from_the_timer_every_outcome_is_two_actions_away() {
    for outcome in OutcomeChoice::ALL {
        let mut d = Driver::new(DeviceKind::Phone);
        let timer = d.send(Event::StartUrge {
            source: Source::PhoneApp,
        });
        let ask = d.send(choice(&timer.model, Role::Primary));
        assert_eq!(ask.model.screen, Screen::Outcome);
        let end = ask
            .model
            .all_choices()
            .find(|c| c.event == Event::EndUrge { outcome })
            .unwrap()
            .event
            .clone();
        let u = d.send(end);
        let expected = if outcome == OutcomeChoice::HurtMyself {
            Screen::Injury
        } else {
            Screen::Ended
        };
        assert_eq!(u.model.screen, expected, "{}", u.model.transcript());
    }
}

fn find(model: &Model, pick: impl Fn(&Event) -> bool) -> Event {
    model
        .all_choices()
        .map(|c| c.event.clone())
        .find(|e| pick(e))
        .unwrap_or_else(|| panic!("no such choice on\n{}", model.transcript()))
}

#[test]
fn the_log_lists_newest_first_shows_one_and_deletes_it_after_asking_once() {
    let mut d = Driver::new(DeviceKind::Phone);
    d.send(Event::Opened {
        region: Some("GB".to_owned()),
    });
    d.send(Event::FinishFirstRun { start_plan: false });
    d.send(Event::StartUrge {
        source: Source::PhoneApp,
    });
    d.wait(MINUTE);
    d.send(Event::Intensity { value: 6 });
    d.wait(MINUTE);
    d.send(Event::AskOutcome);
    d.send(Event::EndUrge {
        outcome: OutcomeChoice::Passed,
    });
    let home = d.send(Event::Home).model;
    let log = d.send(find(&home, |e| *e == Event::OpenLog)).model;
    assert_eq!(log.screen, Screen::Log);
    let items: Vec<&str> = log.sections[0]
        .items
        .iter()
        .map(|i| i.text.as_str())
        .collect();
    assert_eq!(
        items[0],
        "Timer ended: The urge passed",
        "{}",
        log.transcript()
    );
    assert_eq!(items[1], "Check-in, strength 6");
    // A start with no strength given says nothing about strength.
    assert!(items.contains(&"Timer started, goal 5 min"), "{items:?}");
    assert_eq!(
        log.sections[0].items[1].note.as_deref(),
        Some("2026-11-27 02:01")
    );

    let check_in = log.sections[0].items[1].choices[0].event.clone();
    let entry = d.send(check_in.clone()).model;
    assert_eq!(entry.screen, Screen::Entry);
    assert_eq!(entry.heading, "Check-in, strength 6");
    let ask = find(&entry, |e| matches!(e, Event::AskDelete { .. }));
    let asked = d.send(ask).model;
    let q = asked.question.as_ref().expect("deleting asks first");
    assert!(q.text.contains("for good"), "{}", asked.transcript());
    // "Keep it" keeps it.
    let kept = d.send(q.answers[1].event.clone()).model;
    assert_eq!(kept.screen, Screen::Entry);
    assert!(kept.question.is_none());
    assert_eq!(
        d.store
            .events()
            .unwrap()
            .iter()
            .filter(|e| e.payload.is_none())
            .count(),
        0
    );

    let ask = find(&kept, |e| matches!(e, Event::AskDelete { .. }));
    let asked = d.send(ask).model;
    let yes = asked.question.unwrap().answers[0].event.clone();
    let u = d.send(yes);
    assert_eq!(u.model.screen, Screen::Log);
    assert!(
        u.model.lines[0].starts_with("Deleted."),
        "{}",
        u.model.transcript()
    );
    assert!(
        u.effects
            .iter()
            .any(|e| matches!(e, ebb_core::flow::Effect::Announce { .. }))
    );
    assert!(
        !u.model.sections[0]
            .items
            .iter()
            .any(|i| i.text == "Check-in, strength 6"),
        "{}",
        u.model.transcript()
    );
    // The words are gone from the store; a tombstone says one was deleted.
    let Event::ShowEntry { id } = check_in else {
        unreachable!()
    };
    assert!(
        d.store
            .events()
            .unwrap()
            .iter()
            .any(|e| e.id.to_string() == id && e.payload.is_none())
    );
    // Showing it again (an old screen on another device) says it is gone.
    let gone = d.send(Event::ShowEntry { id }).model;
    assert_eq!(gone.screen, Screen::Log);
    assert!(gone.lines[0].contains("not here any more"));
    // Back from the list goes home, not to the deleted entry.
    assert_eq!(d.send(Event::Back).model.screen, Screen::Home);
}

#[test]
fn a_copy_saved_from_the_flow_is_brought_back_in_by_another() {
    let mut a = Driver::new(DeviceKind::Desktop);
    a.send(Event::Opened { region: None });
    a.send(Event::FinishFirstRun { start_plan: false });
    a.send(Event::StartUrge {
        source: Source::Terminal,
    });
    a.send(Event::Intensity { value: 8 });
    let log = a.send(Event::OpenLog).model;
    let export = a.send(find(&log, |e| *e == Event::OpenExport)).model;
    assert_eq!(export.screen, Screen::Export);
    assert!(export.lines.iter().any(|l| l.contains("not encrypted")));
    let mut saved = None;
    for format in [
        ebb_core::flow::ExportFormat::Csv,
        ebb_core::flow::ExportFormat::Json,
    ] {
        let u = a.send(find(&export, |e| *e == Event::Export { format }));
        let [
            ebb_core::flow::Effect::Save {
                file_name,
                mime_type,
                contents,
            },
        ] = u.effects.as_slice()
        else {
            panic!("no file to save: {:?}", u.effects)
        };
        match format {
            ebb_core::flow::ExportFormat::Csv => {
                assert_eq!(file_name, "ebb-2026-11-27.csv");
                assert_eq!(mime_type, "text/csv");
                assert_eq!(contents.lines().count(), 2, "{contents}");
            }
            ebb_core::flow::ExportFormat::Json => {
                assert_eq!(file_name, "ebb-2026-11-27.json");
                saved = Some(contents.clone());
            }
        }
    }
    let mut b = Driver::new(DeviceKind::Phone);
    b.send(Event::Opened { region: None });
    let not_ebbs = b
        .send(Event::Import {
            json: "{\"hello\": 1}".to_owned(),
        })
        .model;
    assert!(
        not_ebbs.lines[0].contains("Nothing was changed"),
        "{}",
        not_ebbs.transcript()
    );
    assert!(
        b.store
            .events()
            .unwrap()
            .iter()
            .all(|e| e.device != a.store.device())
    );
    let json = saved.unwrap();
    let u = b.send(Event::Import { json: json.clone() }).model;
    assert_eq!(u.screen, Screen::Log);
    assert!(
        u.lines[0].starts_with("Brought in 3 entries; 0 were already here."),
        "{}",
        u.transcript()
    );
    // Brought in twice, nothing doubles.
    let again = b.send(Event::Import { json }).model;
    assert!(
        again.lines[0].starts_with("Brought in 0 entries; 3 were already here."),
        "{}",
        again.transcript()
    );
    // The timer started on the desktop is running here too.
    assert_eq!(b.send(Event::Home).model.screen, Screen::Timer);
}
