//! Urge sessions over a fake clock: hours of simulated time, clock jumps,
//! app kills, time-zone and daylight-saving changes.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests state their expectations by unwrapping

use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use ebb_core::urge::{
    CheckInCadence, Cue, CueKind, DelayGoal, Intensity, Need, Outcome, PastPause, PauseLength,
    Source, StartOptions, UrgeError, UrgeSession, suggested_goal,
};
use proptest::prelude::*;

const MIN: Duration = Duration::from_secs(60);

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 2, 0, 0).unwrap()
}

fn after(d: Duration) -> DateTime<Utc> {
    t0() + chrono::Duration::from_std(d).unwrap()
}

fn options(goal: DelayGoal, cadence: CheckInCadence) -> StartOptions {
    StartOptions {
        source: Source::Widget,
        intensity: Some(Intensity::new(8).unwrap()),
        need: Some(Need::TooMuch),
        goal,
        cadence,
        utc_offset_secs: 0,
    }
}

fn start(goal: DelayGoal, cadence: CheckInCadence) -> UrgeSession {
    UrgeSession::start(t0(), options(goal, cadence)).unwrap()
}

fn kinds(cues: &[Cue]) -> Vec<CueKind> {
    cues.iter().map(|c| c.kind).collect()
}

/// Advances second by second from `from` to `to` (elapsed), collecting cues.
fn tick(s: &mut UrgeSession, from: Duration, to: Duration) -> Vec<Cue> {
    let mut out = Vec::new();
    let mut at = from;
    while at <= to {
        out.extend(s.advance(after(at)));
        at += Duration::from_secs(1);
    }
    out
}

#[test]
fn nothing_is_due_at_the_start_and_the_whole_timeline_is_scheduled() {
    let mut s = start(DelayGoal::FIVE_MINUTES, CheckInCadence::EveryMinute);
    assert!(s.advance(t0()).is_empty());
    let plan = s.schedule(t0());
    let at: Vec<(CueKind, Duration)> = plan.iter().map(|p| (p.cue.kind, p.cue.at)).collect();
    assert_eq!(
        at,
        vec![
            (CueKind::CheckIn, MIN),
            (CueKind::CheckIn, 2 * MIN),
            (CueKind::Halfway, Duration::from_secs(150)),
            (CueKind::CheckIn, 3 * MIN),
            (CueKind::CheckIn, 4 * MIN),
            (CueKind::GoalReached, 5 * MIN),
        ]
    );
    assert_eq!(plan[0].due, after(MIN));
    assert_eq!(plan[5].due, after(5 * MIN));
    assert_eq!(s.next_wake(), Some(after(MIN)));
}

#[test]
fn cues_arrive_once_each_in_order_when_ticked_every_second() {
    let mut s = start(DelayGoal::THIRTY_MINUTES, CheckInCadence::EveryFiveMinutes);
    let cues = tick(&mut s, Duration::ZERO, 40 * MIN);
    let at: Vec<(CueKind, u64)> = cues.iter().map(|c| (c.kind, c.at.as_secs() / 60)).collect();
    assert_eq!(
        at,
        vec![
            (CueKind::CheckIn, 5),
            (CueKind::CheckIn, 10),
            (CueKind::Halfway, 15),
            (CueKind::CheckIn, 20),
            (CueKind::CheckIn, 25),
            (CueKind::GoalReached, 30),
            // Still 8 out of 10 at the goal: reaching out is offered once.
            (CueKind::StillStrong, 30),
        ]
    );
    assert!(
        cues[2].asks_intensity,
        "the halfway cue takes the check-in's place"
    );
    assert_eq!(s.next_wake(), None);
}

#[test]
fn never_checking_in_means_only_halfway_and_goal() {
    let mut s = start(DelayGoal::FIFTEEN_MINUTES, CheckInCadence::Never);
    s.check_in(after(MIN), Intensity::new(3).unwrap()).unwrap();
    let cues = tick(&mut s, Duration::ZERO, 20 * MIN);
    assert_eq!(kinds(&cues), vec![CueKind::Halfway, CueKind::GoalReached]);
    assert!(!cues[0].asks_intensity);
}

#[test]
fn a_clock_set_back_replays_nothing_and_the_timer_carries_on() {
    let mut s = start(DelayGoal::FIVE_MINUTES, CheckInCadence::EveryMinute);
    assert_eq!(kinds(&s.advance(after(MIN))), vec![CueKind::CheckIn]);
    // The phone's clock is corrected an hour back.
    let back = after(MIN) - chrono::Duration::hours(1);
    assert!(s.advance(back).is_empty());
    assert_eq!(s.elapsed(back), MIN);
    // Nothing in the schedule lies in the past of the new clock.
    let plan = s.schedule(back);
    assert!(plan.iter().all(|p| p.due > back));
    assert_eq!(plan[0].due, back + chrono::Duration::minutes(1));
    // The second check-in comes one real minute later, not an hour later.
    let cues = s.advance(back + chrono::Duration::minutes(1));
    assert_eq!(kinds(&cues), vec![CueKind::CheckIn]);
    assert_eq!(cues[0].at, 2 * MIN);
    let ended = s
        .end(back + chrono::Duration::minutes(4), Outcome::Passed)
        .unwrap();
    assert_eq!(ended.pause, PauseLength::new(5 * MIN));
}

#[test]
fn after_the_app_was_killed_for_hours_the_goal_is_reached_once_without_a_backlog() {
    let mut s = start(DelayGoal::THIRTY_MINUTES, CheckInCadence::EveryMinute);
    s.check_in(after(MIN), Intensity::new(4).unwrap()).unwrap();
    assert_eq!(kinds(&s.advance(after(MIN))), vec![CueKind::CheckIn]);
    // Killed; the person opens the app five hours later.
    let back = after(5 * 60 * MIN);
    let cues = s.advance(back);
    assert_eq!(kinds(&cues), vec![CueKind::GoalReached]);
    assert!(s.schedule(back).is_empty());
    assert!(s.advance(back + chrono::Duration::minutes(1)).is_empty());
    let ended = s
        .end(back + chrono::Duration::minutes(1), Outcome::Passed)
        .unwrap();
    assert_eq!(ended.pause.duration(), 301 * MIN);
}

#[test]
fn a_short_gap_keeps_the_latest_prompt_of_each_kind() {
    let mut s = start(DelayGoal::FIVE_MINUTES, CheckInCadence::EveryMinute);
    let cues = s.advance(after(Duration::from_secs(200)));
    assert_eq!(
        cues.iter()
            .map(|c| (c.kind, c.at.as_secs()))
            .collect::<Vec<_>>(),
        vec![(CueKind::Halfway, 150), (CueKind::CheckIn, 180)]
    );
}

#[test]
fn a_time_zone_change_mid_session_changes_no_timer() {
    use chrono_tz::{America::New_York, Europe::Berlin};
    // Started in Berlin at 22:00 local; the phone later reports New York time.
    let started = Berlin
        .with_ymd_and_hms(2026, 11, 27, 22, 0, 0)
        .unwrap()
        .with_timezone(&Utc);
    let mut opts = options(DelayGoal::FIFTEEN_MINUTES, CheckInCadence::Never);
    opts.utc_offset_secs = 3600;
    let mut s = UrgeSession::start(started, opts).unwrap();
    let before_goal = New_York
        .with_ymd_and_hms(2026, 11, 27, 16, 14, 59)
        .unwrap()
        .with_timezone(&Utc);
    assert_eq!(kinds(&s.advance(before_goal)), vec![CueKind::Halfway]);
    let at_goal = New_York
        .with_ymd_and_hms(2026, 11, 27, 16, 15, 0)
        .unwrap()
        .with_timezone(&Utc);
    assert_eq!(kinds(&s.advance(at_goal))[0], CueKind::GoalReached);
    assert_eq!(s.started_local().to_rfc3339(), "2026-11-27T22:00:00+01:00");
}

#[test]
fn a_daylight_saving_change_mid_session_changes_no_timer() {
    use chrono_tz::Europe::London;
    // Clocks in London go forward at 01:00 GMT on 29 March 2026; start at 00:50.
    let started = London
        .with_ymd_and_hms(2026, 3, 29, 0, 50, 0)
        .unwrap()
        .with_timezone(&Utc);
    let mut s = UrgeSession::start(
        started,
        options(DelayGoal::THIRTY_MINUTES, CheckInCadence::EveryFiveMinutes),
    )
    .unwrap();
    let goal = s.schedule(started).last().unwrap().due;
    assert_eq!(goal - started, chrono::Duration::minutes(30));
    // Local wall time at the goal reads 02:20, ninety minutes after 00:50.
    assert_eq!(
        goal.with_timezone(&London).format("%H:%M").to_string(),
        "02:20"
    );
    let cues = s.advance(goal);
    assert!(kinds(&cues).contains(&CueKind::GoalReached));

    // And back: on 25 October 2026 01:00 GMT, 02:00 BST becomes 01:00 GMT.
    let started = London
        .with_ymd_and_hms(2026, 10, 25, 1, 50, 0)
        .earliest()
        .unwrap()
        .with_timezone(&Utc);
    assert_eq!(
        started
            .with_timezone(&London)
            .format("%H:%M %Z")
            .to_string(),
        "01:50 BST"
    );
    let mut s = UrgeSession::start(
        started,
        options(DelayGoal::THIRTY_MINUTES, CheckInCadence::Never),
    )
    .unwrap();
    // Twenty minutes later the wall clock reads 01:10, earlier than the start.
    let twenty = started + chrono::Duration::minutes(20);
    assert_eq!(
        twenty.with_timezone(&London).format("%H:%M %Z").to_string(),
        "01:10 GMT"
    );
    assert_eq!(kinds(&s.advance(twenty)), vec![CueKind::Halfway]);
    assert_eq!(s.remaining(twenty), 10 * MIN);
}

#[test]
fn still_strong_after_two_skills_offers_reaching_out_once() {
    let mut s = start(DelayGoal::THIRTY_MINUTES, CheckInCadence::EveryFiveMinutes);
    let strong = Intensity::new(9).unwrap();
    s.skill_used(after(MIN), "hold_ice").unwrap();
    assert!(s.check_in(after(2 * MIN), strong).unwrap().is_empty());
    s.skill_used(after(3 * MIN), "paced_breathing").unwrap();
    let cues = s.check_in(after(4 * MIN), strong).unwrap();
    assert_eq!(kinds(&cues), vec![CueKind::StillStrong]);
    assert!(s.check_in(after(5 * MIN), strong).unwrap().is_empty());
    // Not offered again at the goal.
    let at_goal = s.advance(after(30 * MIN));
    assert_eq!(kinds(&at_goal), vec![CueKind::GoalReached]);
}

#[test]
fn an_urge_that_eased_is_not_offered_reaching_out() {
    let mut s = start(DelayGoal::FIVE_MINUTES, CheckInCadence::Never);
    s.skill_used(after(MIN), "a").unwrap();
    s.skill_used(after(MIN), "b").unwrap();
    assert!(
        s.check_in(after(2 * MIN), Intensity::new(3).unwrap())
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        kinds(&s.advance(after(5 * MIN))),
        vec![CueKind::GoalReached],
        "halfway is stale once the goal is due"
    );
}

#[test]
fn extending_the_goal_after_reaching_it_schedules_the_new_one() {
    let mut s = start(DelayGoal::FIVE_MINUTES, CheckInCadence::EveryFiveMinutes);
    s.check_in(after(MIN), Intensity::new(2).unwrap()).unwrap();
    assert!(kinds(&s.advance(after(5 * MIN))).contains(&CueKind::GoalReached));
    assert_eq!(
        s.extend(after(5 * MIN), DelayGoal::FIVE_MINUTES),
        Err(UrgeError::GoalNotLonger)
    );
    s.extend(after(5 * MIN), DelayGoal::FIFTEEN_MINUTES)
        .unwrap();
    let plan: Vec<(CueKind, u64)> = s
        .schedule(after(5 * MIN))
        .iter()
        .map(|p| (p.cue.kind, p.cue.at.as_secs()))
        .collect();
    assert_eq!(
        plan,
        vec![
            (CueKind::Halfway, 450),
            (CueKind::CheckIn, 600),
            (CueKind::GoalReached, 900)
        ]
    );
}

#[test]
fn a_session_ends_exactly_once_and_then_refuses_changes() {
    let mut s = start(DelayGoal::FIVE_MINUTES, CheckInCadence::EveryMinute);
    let ended = s
        .end(
            after(3 * MIN),
            Outcome::SelfHarmed {
                needs_medical_care: true,
            },
        )
        .unwrap();
    assert_eq!(ended.pause.whole_minutes(), 3);
    assert_eq!(
        s.end(after(4 * MIN), Outcome::Passed),
        Err(UrgeError::AlreadyEnded)
    );
    assert_eq!(
        s.check_in(after(4 * MIN), Intensity::MAX),
        Err(UrgeError::AlreadyEnded)
    );
    assert!(s.advance(after(10 * MIN)).is_empty());
    assert!(s.schedule(after(4 * MIN)).is_empty());
    assert_eq!(s.next_wake(), None);
    assert_eq!(s.elapsed(after(60 * MIN)), 3 * MIN);
}

#[test]
fn bad_input_is_refused_at_construction() {
    assert!(Intensity::new(11).is_err());
    assert!(DelayGoal::from_minutes(0).is_err());
    assert!(DelayGoal::from_minutes(241).is_err());
    assert!(DelayGoal::try_from(90).is_err(), "not whole minutes");
    let mut bad = options(DelayGoal::FIVE_MINUTES, CheckInCadence::Never);
    bad.utc_offset_secs = 90_000;
    assert_eq!(
        UrgeSession::start(t0(), bad),
        Err(UrgeError::BadUtcOffset(90_000))
    );
    assert!(serde_json::from_str::<Intensity>("11").is_err());
}

#[test]
fn a_stored_session_resumes_exactly_where_it_was() {
    let mut s = start(DelayGoal::FIFTEEN_MINUTES, CheckInCadence::EveryTwoMinutes);
    s.advance(after(3 * MIN));
    let saved = serde_json::to_string(&s).unwrap();
    let mut revived: UrgeSession = serde_json::from_str(&saved).unwrap();
    assert_eq!(revived, s);
    assert_eq!(
        revived.advance(after(4 * MIN)),
        s.advance(after(4 * MIN)),
        "the revived session continues identically"
    );
}

fn pause(minutes: u64, outcome: Outcome) -> PastPause {
    PastPause {
        pause: PauseLength::new(Duration::from_secs(minutes * 60)),
        outcome,
    }
}

#[test]
fn the_first_suggested_goal_is_five_minutes() {
    assert_eq!(suggested_goal(&[]), DelayGoal::FIVE_MINUTES);
    let harmed = Outcome::SelfHarmed {
        needs_medical_care: false,
    };
    assert_eq!(
        suggested_goal(&[pause(40, harmed)]),
        DelayGoal::FIVE_MINUTES
    );
}

#[test]
fn the_suggested_goal_grows_gently_from_recent_safe_pauses() {
    let p = Outcome::Passed;
    // Median 10 min → 12 min.
    let h = [pause(8, p), pause(10, p), pause(12, p)];
    assert_eq!(suggested_goal(&h).minutes(), 12);
    // Median 40 min → growth capped at +5.
    let h = [pause(40, p), pause(40, p), pause(40, p)];
    assert_eq!(suggested_goal(&h).minutes(), 45);
    // Growth stops at an hour...
    let h = [pause(58, p), pause(58, p), pause(58, p)];
    assert_eq!(suggested_goal(&h).minutes(), 60);
    // ...but never asks for less than the last safe pause.
    let h = [pause(10, p), pause(10, p), pause(95, p)];
    assert_eq!(suggested_goal(&h).minutes(), 95);
}

#[test]
fn the_suggested_goal_never_drops_below_the_last_safe_pause() {
    let p = Outcome::UsedSkill;
    let h = [
        pause(30, p),
        pause(30, p),
        pause(5, p),
        pause(5, p),
        pause(21, p),
    ];
    // Median of the five is 21 → 26; the last safe pause was 21.
    assert_eq!(suggested_goal(&h).minutes(), 26);
    let h = [
        pause(3, p),
        pause(3, p),
        pause(3, p),
        pause(3, p),
        pause(33, p),
    ];
    assert_eq!(suggested_goal(&h).minutes(), 33);
}

#[derive(Clone, Debug)]
enum Action {
    Wait(i64),
    CheckIn(u8),
    Skill,
    Extend(u64),
    End(u8),
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        4 => (-7_200i64..20_000).prop_map(Action::Wait),
        2 => (0u8..=10).prop_map(Action::CheckIn),
        1 => Just(Action::Skill),
        1 => (1u64..=240).prop_map(Action::Extend),
        1 => (0u8..6).prop_map(Action::End),
    ]
}

fn outcome(n: u8) -> Outcome {
    match n {
        0 => Outcome::Passed,
        1 => Outcome::UsedSkill,
        2 => Outcome::ReachedOut,
        3 => Outcome::SelfHarmed {
            needs_medical_care: false,
        },
        4 => Outcome::SelfHarmed {
            needs_medical_care: true,
        },
        _ => Outcome::EndedWithoutSaying,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Whatever a person and a clock do, a session never panics, ends at most
    /// once, never schedules into the past, never delivers a cue twice, and
    /// its pause is never longer than the forward time the clock showed.
    #[test]
    fn sessions_hold_their_invariants_under_any_actions(
        goal in 1u64..=60,
        cadence in 0usize..4,
        actions in proptest::collection::vec(action(), 0..60),
    ) {
        let goal = DelayGoal::from_minutes(goal).unwrap();
        let mut s = start(goal, CheckInCadence::ALL[cadence]);
        let mut now = t0();
        let mut forward = Duration::ZERO;
        let mut ends = 0;
        let mut delivered: Vec<Cue> = Vec::new();
        for a in actions {
            match a {
                Action::Wait(secs) => {
                    if secs > 0 {
                        forward += Duration::from_secs(secs.unsigned_abs());
                    }
                    now += chrono::Duration::seconds(secs);
                    delivered.extend(s.advance(now));
                }
                Action::CheckIn(i) => {
                    let r = s.check_in(now, Intensity::new(i).unwrap());
                    prop_assert_eq!(r.is_err(), ends > 0);
                    delivered.extend(r.unwrap_or_default());
                }
                Action::Skill => {
                    prop_assert_eq!(s.skill_used(now, "x").is_err(), ends > 0);
                }
                Action::Extend(m) => {
                    let before = s.goal();
                    let r = s.extend(now, DelayGoal::from_minutes(m).unwrap());
                    if r.is_ok() { prop_assert!(s.goal() > before); } else { prop_assert!(s.goal() == before); }
                }
                Action::End(o) => {
                    let r = s.end(now, outcome(o));
                    prop_assert_eq!(r.is_ok(), ends == 0);
                    if r.is_ok() { ends += 1; }
                }
            }
            for planned in s.schedule(now) {
                prop_assert!(planned.due > now, "scheduled in the past: {:?}", planned);
            }
            if let Some(wake) = s.next_wake() {
                prop_assert!(s.is_running());
                prop_assert!(wake >= now, "wake {} before now {}", wake, now);
            }
            prop_assert!(s.elapsed(now) <= forward);
        }
        prop_assert!(ends <= 1);
        // Cues come in session order and none twice.
        for w in delivered.windows(2) {
            prop_assert!(w[0].at <= w[1].at, "out of order: {:?}", w);
        }
        let mut seen = std::collections::HashSet::new();
        for c in &delivered {
            prop_assert!(seen.insert((c.kind, c.at)), "delivered twice: {:?}", c);
        }
        prop_assert!(delivered.iter().filter(|c| c.kind == CueKind::StillStrong).count() <= 1);
        if let Some(end) = s.ended() {
            prop_assert!(end.pause.duration() <= forward);
        }
    }
}
