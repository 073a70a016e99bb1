//! Order that does not trust the wall clock: whatever the device's clock
//! does (set back, set forward, a change of offset across daylight saving
//! time), what the log shows live is what a rebuild, an import into a new
//! log and a sync to another device show.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests state their expectations by unwrapping

use std::path::Path;

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use ebb_core::safety::{EntryList, PlanEdit};
use ebb_core::settings::Setting;
use ebb_core::store::{DatabaseKey, OpenOptions, SkillUseRecord, Store};
use ebb_core::urge::{
    CheckInCadence, DelayGoal, Intensity, Need, Outcome, PastPause, Source, StartOptions,
};
use proptest::prelude::*;

fn key() -> DatabaseKey {
    DatabaseKey::new([3; 32])
}

fn open(path: &Path) -> Store {
    Store::open(path, &key(), OpenOptions::default()).unwrap()
}

fn options() -> StartOptions {
    StartOptions {
        source: Source::Terminal,
        intensity: Some(Intensity::new(8).unwrap()),
        need: Some(Need::TooMuch),
        goal: DelayGoal::FIFTEEN_MINUTES,
        cadence: CheckInCadence::EveryFiveMinutes,
        utc_offset_secs: 0,
    }
}

#[derive(Clone, Debug)]
enum Op {
    Start,
    CheckIn(u8),
    Extend,
    Skill,
    Note,
    End(u8),
    Plan(u8),
    Setting(u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        2 => Just(Op::Start),
        4 => (0u8..=10).prop_map(Op::CheckIn),
        1 => Just(Op::Extend),
        1 => Just(Op::Skill),
        1 => Just(Op::Note),
        2 => (0u8..3).prop_map(Op::End),
        1 => any::<u8>().prop_map(Op::Plan),
        1 => (0u8..4).prop_map(Op::Setting),
    ]
}

/// What the wall clock does before an operation: runs on a little, jumps
/// back or forward by up to a day, or crosses a daylight-saving change
/// (the local offset moves an hour while UTC runs on).
#[derive(Clone, Debug)]
enum Tick {
    On(i64),
    Jump(i64),
    Dst,
}

fn tick() -> impl Strategy<Value = Tick> {
    prop_oneof![
        6 => (0i64..600).prop_map(Tick::On),
        2 => (-86_400i64..86_400).prop_map(Tick::Jump),
        1 => Just(Tick::Dst),
    ]
}

/// Everything the projections and folds show: the sessions (CSV), the
/// running session's readings and goal, recent pauses, skill uses, and the
/// plan, skills and settings.
fn shown(store: &Store) -> String {
    let mut csv = Vec::new();
    store.export_sessions_csv(&mut csv).unwrap();
    let active = store.active_urge().unwrap().map(|a| {
        let readings: Vec<_> = a
            .session
            .check_ins()
            .iter()
            .map(|c| (c.at, c.intensity.value()))
            .collect();
        (a.id, readings, a.session.goal())
    });
    let pauses: Vec<PastPause> = store.recent_pauses(1000).unwrap();
    format!(
        "{}\n{active:?}\n{pauses:?}\n{:?}\n{:?}\n{:?}\n{:?}",
        String::from_utf8(csv).unwrap(),
        store.past_skill_uses().unwrap(),
        store.safety_plan().unwrap(),
        store.skill_book().unwrap(),
        store.settings().unwrap(),
    )
}

fn run(ops: &[(Tick, Op)]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("live.db"));
    let mut utc: DateTime<Utc> = Utc.with_ymd_and_hms(2026, 10, 25, 0, 30, 0).unwrap();
    let mut offset = 3600;
    for (n, (tick, op)) in ops.iter().enumerate() {
        match tick {
            Tick::On(s) | Tick::Jump(s) => utc += chrono::Duration::seconds(*s),
            Tick::Dst => offset = if offset == 3600 { 7200 } else { 3600 },
        }
        let now = FixedOffset::east_opt(offset)
            .unwrap()
            .from_utc_datetime(&utc.naive_utc());
        // Refusals (a check-in with nothing running, ending twice, a clock
        // before the session's start) write nothing; only what was written
        // has to replay.
        let _ = match op {
            Op::Start => store.start_urge(now, options()).map(drop),
            Op::CheckIn(v) => store.check_in(now, Intensity::new(*v).unwrap()).map(drop),
            Op::Extend => store.extend_urge(now, DelayGoal::THIRTY_MINUTES),
            Op::Skill => store
                .record_skill(
                    now,
                    SkillUseRecord {
                        skill: "hold-ice".into(),
                        need: None,
                        intensity_before: Some(Intensity::new(7).unwrap()),
                        intensity_after: Some(Intensity::new(4).unwrap()),
                        helped: Some(true),
                    },
                )
                .map(drop),
            Op::Note => store.write_note(now, "words").map(drop),
            Op::End(o) => store
                .end_urge(
                    now,
                    [Outcome::Passed, Outcome::UsedSkill, Outcome::ReachedOut][usize::from(*o)],
                )
                .map(drop),
            Op::Plan(p) => store
                .edit_safety_plan(
                    now,
                    PlanEdit::AddEntry {
                        list: EntryList::ALL[usize::from(*p) % 5],
                        text: format!("item {n}"),
                    },
                )
                .map(drop),
            Op::Setting(s) => store
                .change_setting(
                    now,
                    match s {
                        0 => Setting::Cadence(CheckInCadence::Never),
                        1 => Setting::Cadence(CheckInCadence::EveryMinute),
                        2 => Setting::ShowDaysWithout(true),
                        _ => Setting::ShowDaysWithout(false),
                    },
                )
                .map(drop),
        };
    }
    let live = shown(&store);

    store.rebuild_projections().unwrap();
    prop_assert_eq!(&shown(&store), &live, "rebuilt");

    let mut export = Vec::new();
    store.export_json(utc, &mut export).unwrap();
    let mut imported = open(&dir.path().join("imported.db"));
    imported.import_json(export.as_slice()).unwrap();
    prop_assert_eq!(&shown(&imported), &live, "imported");

    let mut other = open(&dir.path().join("other.db"));
    let answer = store.sync_answer(&other.sync_request().unwrap()).unwrap();
    other.sync_merge(&answer).unwrap();
    prop_assert_eq!(&shown(&other), &live, "synced");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn any_clock_jumps_replay_rebuild_import_and_sync_as_written_live(
        ops in proptest::collection::vec((tick(), op()), 1..40)
    ) {
        run(&ops)?;
    }
}

/// The case the clock broke before: a check-in while the clock had been
/// set back two hours, then the end, replay as they were written.
#[test]
fn a_check_in_after_the_clock_was_set_back_survives_a_rebuild() {
    run(&[
        (Tick::On(0), Op::Start),
        (Tick::On(300), Op::CheckIn(6)),
        (Tick::Jump(-7200), Op::CheckIn(5)),
        (Tick::On(600), Op::End(0)),
    ])
    .unwrap();
}
