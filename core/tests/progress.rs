//! The progress review over constructed histories: every figure against
//! hand-computed values, windows and the window before, local hours and
//! weekdays from the stored offset, daylight saving, and the optional
//! days-without count.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests state their expectations by unwrapping

use std::time::Duration;

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use ebb_core::progress::{
    DaysWithout, MinuteBucket, NeedCount, ReachedOut, Review, ReviewOptions, Trend, Window,
};
use ebb_core::store::{DatabaseKey, OpenOptions, SkillUseRecord, Store};
use ebb_core::urge::{CheckInCadence, DelayGoal, Intensity, Need, Outcome, Source, StartOptions};

const MIN: i64 = 60;

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

/// `at` as seen where the offset is `hours` east of UTC.
fn local(at: DateTime<Utc>, hours: i32) -> DateTime<FixedOffset> {
    at.with_timezone(&FixedOffset::east_opt(hours * 3600).unwrap())
}

fn later(at: DateTime<FixedOffset>, secs: i64) -> DateTime<FixedOffset> {
    at + chrono::Duration::seconds(secs)
}

fn minutes(m: u64) -> Duration {
    Duration::from_secs(m * 60)
}

fn open(dir: &tempfile::TempDir) -> Store {
    Store::open(
        dir.path().join("ebb.db"),
        &DatabaseKey::new([3; 32]),
        OpenOptions::default(),
    )
    .unwrap()
}

fn start(store: &mut Store, at: DateTime<FixedOffset>, intensity: Option<u8>, need: Option<Need>) {
    let active = store
        .start_urge(
            at,
            StartOptions {
                source: Source::PhoneApp,
                intensity: intensity.map(|i| Intensity::new(i).unwrap()),
                need,
                goal: DelayGoal::FIFTEEN_MINUTES,
                cadence: CheckInCadence::Never,
                utc_offset_secs: 0,
            },
        )
        .unwrap();
    assert!(!active.resumed, "a session was still running at {at}");
}

fn check_in(store: &mut Store, at: DateTime<FixedOffset>, intensity: u8) {
    store
        .check_in(at, Intensity::new(intensity).unwrap())
        .unwrap();
}

fn skill(
    store: &mut Store,
    at: DateTime<FixedOffset>,
    id: &str,
    before: Option<u8>,
    after: Option<u8>,
    helped: Option<bool>,
) {
    store
        .record_skill(
            at,
            SkillUseRecord {
                skill: id.into(),
                need: None,
                intensity_before: before.map(|i| Intensity::new(i).unwrap()),
                intensity_after: after.map(|i| Intensity::new(i).unwrap()),
                helped,
            },
        )
        .unwrap();
}

fn end(store: &mut Store, at: DateTime<FixedOffset>, outcome: Outcome) {
    store.end_urge(at, outcome).unwrap();
}

/// A session that only starts and ends.
fn pause(store: &mut Store, at: DateTime<FixedOffset>, length_secs: i64, outcome: Outcome) {
    start(store, at, None, None);
    end(store, later(at, length_secs), outcome);
}

const HARMED: Outcome = Outcome::SelfHarmed {
    needs_medical_care: false,
};

fn review(store: &Store, now: DateTime<Utc>, window: Window) -> Review {
    store
        .progress(
            now,
            ReviewOptions {
                window,
                show_days_without: false,
            },
        )
        .unwrap()
}

fn close(actual: Option<f64>, expected: f64) {
    let actual = actual.unwrap_or(f64::NAN);
    assert!(
        (actual - expected).abs() < 1e-9,
        "expected {expected}, got {actual}"
    );
}

/// Sunday 8 March 2026, noon UTC.
fn now() -> DateTime<Utc> {
    utc(2026, 3, 8, 12, 0)
}

/// A week of entries (Monday 2 to Sunday 8 March 2026), a week before it,
/// and one old session. The figures below are worked out by hand from it.
fn history(store: &mut Store) {
    // Long before both windows.
    pause(
        store,
        local(utc(2026, 2, 1, 10, 0), 0),
        3 * MIN,
        Outcome::Passed,
    );

    // The previous week: two episodes, one pause that passed.
    start(store, local(utc(2026, 2, 24, 10, 0), 0), Some(9), None);
    end(store, local(utc(2026, 2, 24, 10, 4), 0), HARMED);
    start(store, local(utc(2026, 2, 25, 10, 0), 0), Some(7), None);
    end(
        store,
        local(utc(2026, 2, 25, 10, 6), 0),
        Outcome::SelfHarmed {
            needs_medical_care: true,
        },
    );
    pause(
        store,
        local(utc(2026, 2, 26, 10, 0), 0),
        8 * MIN,
        Outcome::Passed,
    );

    // S1: Monday 09:10 local (+01:00).
    let s1 = local(utc(2026, 3, 2, 8, 10), 1);
    start(store, s1, Some(8), Some(Need::TooMuch));
    check_in(store, later(s1, 30), 9);
    skill(
        store,
        later(s1, MIN),
        "hold-ice",
        Some(9),
        Some(5),
        Some(true),
    );
    check_in(store, later(s1, 3 * MIN), 6);
    check_in(store, later(s1, 12 * MIN), 4);
    end(store, later(s1, 20 * MIN), Outcome::Passed);

    // S2: Tuesday 22:30 local (+01:00); no start intensity.
    let s2 = local(utc(2026, 3, 3, 21, 30), 1);
    start(store, s2, None, Some(Need::Numb));
    check_in(store, later(s2, 90), 7);
    check_in(store, later(s2, 6 * MIN), 8);
    skill(store, later(s2, 7 * MIN), "reach-person", None, None, None);
    end(store, later(s2, 10 * MIN), Outcome::ReachedOut);

    // S3: Wednesday 23:45 UTC is Thursday 08:45 at +09:00.
    let s3 = local(utc(2026, 3, 4, 23, 45), 9);
    start(store, s3, Some(6), Some(Need::TooMuch));
    skill(
        store,
        later(s3, 2 * MIN),
        "hold-ice",
        Some(6),
        Some(4),
        Some(false),
    );
    check_in(store, later(s3, 40 * MIN), 2);
    end(store, later(s3, 45 * MIN), Outcome::UsedSkill);

    // S4: Friday 03:00 UTC is Thursday 22:00 at -05:00.
    let s4 = local(utc(2026, 3, 6, 3, 0), -5);
    start(store, s4, Some(5), Some(Need::SelfPunishment));
    end(store, later(s4, 5 * MIN), HARMED);

    // Skills on their own, with no session running.
    skill(
        store,
        local(utc(2026, 3, 7, 10, 0), 0),
        "write-it-down",
        Some(7),
        Some(3),
        Some(true),
    );
    skill(
        store,
        local(utc(2026, 3, 7, 11, 0), 0),
        "reach-person",
        None,
        None,
        Some(true),
    );

    // S5: still running at the review, Sunday 11:00 UTC.
    start(store, local(utc(2026, 3, 8, 11, 0), 0), Some(3), None);
}

#[test]
fn a_week_is_counted_as_worked_out_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    history(&mut store);
    let review = review(&store, now(), Window::Week);
    let week = &review.current;

    assert_eq!(week.urges, 5);
    assert_eq!(
        week.passed_safely, 3,
        "S1 passed, S2 reached out, S3 used a skill"
    );
    assert_eq!(week.self_harm_episodes, 1);
    // Finished pauses 5, 10, 20 and 45 minutes: the middle two average 15.
    assert_eq!(week.median_pause, Some(minutes(15)));
    assert_eq!(week.longest_pause, Some(minutes(45)));
}

#[test]
fn intensity_rises_and_falls_as_worked_out_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    history(&mut store);
    let course = review(&store, now(), Window::Week).current.intensity;

    // Start (said, else first check-in), peak, last per session:
    // S1 8 9 4, S2 7 8 8, S3 6 6 2, S4 5 5 5, S5 3 3 3.
    assert_eq!(course.sessions, 5);
    close(course.average_start, 29.0 / 5.0);
    close(course.average_peak, 31.0 / 5.0);
    close(course.average_last, 22.0 / 5.0);

    let points: Vec<(u32, Option<f64>)> = course
        .curve
        .iter()
        .map(|p| (p.readings, p.average))
        .collect();
    assert_eq!(course.curve.len(), MinuteBucket::ALL.len());
    // 0-1 min: starts 8, 6, 5, 3 and S1's check-in of 9 at 30 s.
    assert_eq!(points[0].0, 5);
    close(points[0].1, 31.0 / 5.0);
    assert_eq!(points[1], (1, Some(7.0)), "1-2 min: S2 at 90 s");
    assert_eq!(points[2], (1, Some(6.0)), "2-5 min: S1 at 3 min");
    assert_eq!(points[3], (1, Some(8.0)), "5-10 min: S2 at 6 min");
    assert_eq!(points[4], (1, Some(4.0)), "10-15 min: S1 at 12 min");
    assert_eq!(points[5], (0, None), "15-30 min: nothing");
    assert_eq!(points[6], (1, Some(2.0)), "30 min on: S3 at 40 min");
    assert_eq!(course.curve[6].bucket.to, None);
    assert_eq!(course.curve[2].bucket.from, minutes(2));
}

#[test]
fn safer_choices_reaching_out_and_skills_as_worked_out_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    history(&mut store);
    let week = review(&store, now(), Window::Week).current;

    // Strong: hold-ice with 9 before; reach-person in S2 (no "before", S2
    // peaked at 8); write-it-down with 7 before. Not: hold-ice with 6 before,
    // reach-person on its own with nothing said.
    assert_eq!(week.safer_choices_when_strong, 3);
    // S2 ended as reached out (its reach-person use is the same reaching
    // out); the reach-person use on its own is a second time.
    assert_eq!(
        week.reached_out,
        ReachedOut {
            sessions: 1,
            reach_person_uses: 1
        }
    );
    assert_eq!(week.reached_out.total(), 2);

    let skills: Vec<&str> = week.skills.iter().map(|s| s.skill.as_str()).collect();
    assert_eq!(skills, ["write-it-down", "hold-ice", "reach-person"]);
    let write = &week.skills[0];
    assert_eq!(
        (write.uses, write.rated_uses, write.answered_uses),
        (1, 1, 1)
    );
    close(write.average_drop, 4.0);
    close(write.helped_share, 1.0);
    let ice = &week.skills[1];
    assert_eq!((ice.uses, ice.rated_uses, ice.answered_uses), (2, 2, 2));
    close(ice.average_drop, 3.0); // drops of 4 and 2
    close(ice.helped_share, 0.5);
    let reach = &week.skills[2];
    assert_eq!(
        (reach.uses, reach.rated_uses, reach.answered_uses),
        (2, 0, 1)
    );
    assert_eq!(reach.average_drop, None);
    close(reach.helped_share, 1.0);
}

#[test]
fn needs_hours_and_weekdays_come_from_the_local_time_stored_with_each_urge() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    history(&mut store);
    let week = review(&store, now(), Window::Week).current;

    let needs: Vec<(Option<Need>, u32)> = week.needs.iter().map(|n| (n.need, n.urges)).collect();
    assert_eq!(
        needs,
        [
            (Some(Need::TooMuch), 2),
            (Some(Need::Numb), 1),
            (Some(Need::MakePainVisible), 0),
            (Some(Need::Control), 0),
            (Some(Need::SelfPunishment), 1),
            (Some(Need::NotSure), 0),
            (None, 1),
        ]
    );

    let mut hours = [0u32; 24];
    // S1 09:10, S2 22:30, S3 08:45 (+09:00), S4 22:00 (-05:00), S5 11:00.
    for h in [9, 22, 8, 22, 11] {
        hours[h] += 1;
    }
    assert_eq!(week.urges_by_hour, hours);
    // Monday, Tuesday, Thursday twice (S3 at +09:00, S4 at -05:00), Sunday.
    assert_eq!(week.urges_by_weekday, [1, 1, 0, 2, 0, 0, 1]);
}

#[test]
fn the_previous_window_is_the_equal_span_before_and_trends_are_movement() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    history(&mut store);
    let review = review(&store, now(), Window::Week);
    let before = review.previous.as_ref().unwrap();

    assert_eq!(review.current.to, now() + chrono::Duration::milliseconds(1));
    assert_eq!(before.to, review.current.from);
    assert_eq!(before.to - before.from, chrono::Duration::days(7));
    assert_eq!(before.urges, 3);
    assert_eq!(before.passed_safely, 1);
    assert_eq!(before.self_harm_episodes, 2);
    assert_eq!(before.median_pause, Some(minutes(6)));
    assert_eq!(before.longest_pause, Some(minutes(8)));
    assert_eq!(before.safer_choices_when_strong, 0);
    assert_eq!(before.reached_out.total(), 0);
    assert!(before.skills.is_empty());

    assert_eq!(
        review.trends,
        [
            Trend::FewerEpisodes,
            Trend::LongerPauses,
            Trend::MorePassedSafely,
            Trend::MoreSaferChoices,
            Trend::ReachedOutMore,
        ]
    );
}

#[test]
fn all_time_starts_at_the_first_entry_and_compares_with_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    history(&mut store);
    let review = review(&store, now(), Window::AllTime);

    assert_eq!(review.current.from, utc(2026, 2, 1, 10, 0));
    assert_eq!(review.current.urges, 9);
    assert_eq!(review.current.self_harm_episodes, 3);
    assert_eq!(review.current.passed_safely, 5);
    // Pauses 3, 4, 5, 6, 8, 10, 20, 45 minutes: (6 + 8) / 2.
    assert_eq!(review.current.median_pause, Some(minutes(7)));
    assert!(review.previous.is_none());
    assert!(review.trends.is_empty());
    // 1 Feb 10:00 to 8 Mar 12:00 is 35 days and 2 hours: six buckets.
    assert_eq!(review.weekly.len(), 6);
    assert_eq!(review.weekly[0].from, utc(2026, 2, 1, 10, 0));
    assert_eq!(review.weekly[0].urges, 1);
}

#[test]
fn a_window_holds_the_urges_started_in_it_up_to_and_including_now() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let now = now();
    let week_before = now - chrono::Duration::days(7);
    // Exactly 7 days before: the previous window's last instant.
    pause(&mut store, local(week_before, 0), 10 * MIN, HARMED);
    // One millisecond later: the current window's first.
    let first = week_before + chrono::Duration::milliseconds(1);
    pause(&mut store, local(first, 0), MIN, Outcome::Passed);
    // Started at `now` itself.
    start(&mut store, local(now, 0), Some(4), None);

    let review = review(&store, now, Window::Week);
    assert_eq!(review.current.urges, 2);
    assert_eq!(review.current.passed_safely, 1);
    assert_eq!(review.current.self_harm_episodes, 0);
    let before = review.previous.unwrap();
    assert_eq!(before.urges, 1);
    // It ended in the current window but belongs to the one it started in.
    assert_eq!(before.self_harm_episodes, 1);
    assert_eq!(
        review.trends,
        [Trend::FewerEpisodes, Trend::MorePassedSafely]
    );
}

#[test]
fn nothing_moved_is_steady() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let now = now();
    for days in [3, 10] {
        pause(
            &mut store,
            local(now - chrono::Duration::days(days), 2),
            5 * MIN,
            Outcome::Passed,
        );
    }
    let review = review(&store, now, Window::Week);
    assert_eq!(review.trends, [Trend::Steady]);

    // An empty log has nothing to compare with: no earlier figures and no
    // movement, with empty figures rather than errors.
    let empty = tempfile::tempdir().unwrap();
    let review = self::review(&open(&empty), now, Window::Month);
    assert_eq!(review.previous, None);
    assert!(review.trends.is_empty(), "{:?}", review.trends);
    assert_eq!(review.current.urges, 0);
    assert_eq!(review.current.median_pause, None);
    assert_eq!(review.current.intensity.average_start, None);
    assert!(
        review
            .current
            .intensity
            .curve
            .iter()
            .all(|p| p.readings == 0 && p.average.is_none())
    );
    assert_eq!(review.weekly.len(), 5);
    assert!(review.weekly.iter().all(|w| w.urges == 0));
    let all = self::review(&open(&empty), now, Window::AllTime);
    assert_eq!(all.current.urges, 0);
    assert!(all.weekly.is_empty());
}

#[test]
fn more_episodes_are_named_kindly_and_never_as_worse() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let now = now();
    pause(
        &mut store,
        local(now - chrono::Duration::days(10), 0),
        5 * MIN,
        HARMED,
    );
    pause(
        &mut store,
        local(now - chrono::Duration::days(3), 0),
        5 * MIN,
        HARMED,
    );
    pause(
        &mut store,
        local(now - chrono::Duration::days(2), 0),
        5 * MIN,
        HARMED,
    );
    let review = review(&store, now, Window::Week);
    assert_eq!(review.trends, [Trend::HarderStretch]);
    let words = Trend::HarderStretch.text().text();
    assert!(words.contains("Every pause still counts"), "{words}");
    for trend in [
        Trend::FewerEpisodes,
        Trend::LongerPauses,
        Trend::MorePassedSafely,
        Trend::MoreSaferChoices,
        Trend::ReachedOutMore,
        Trend::Steady,
        Trend::HarderStretch,
    ] {
        let text = trend.text().text();
        assert_ne!(text, trend.text().as_str(), "{trend:?} has no words");
        for word in ["worse", "streak", "reset", "failed", "relapse"] {
            assert!(!text.to_lowercase().contains(word), "{trend:?}: {text}");
        }
    }

    // Movement the person made comes before the harder stretch.
    start(
        &mut store,
        local(now - chrono::Duration::days(1), 0),
        Some(9),
        None,
    );
    skill(
        &mut store,
        local(now - chrono::Duration::days(1), 0),
        "hold-ice",
        Some(9),
        Some(6),
        None,
    );
    end(
        &mut store,
        local(
            now - chrono::Duration::days(1) + chrono::Duration::minutes(30),
            0,
        ),
        Outcome::UsedSkill,
    );
    let review = self::review(&store, now, Window::Week);
    assert_eq!(
        review.trends,
        [
            Trend::MorePassedSafely,
            Trend::MoreSaferChoices,
            Trend::HarderStretch
        ]
    );
}

#[test]
fn the_weekly_series_ends_at_now_in_seven_day_buckets() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let now = now();
    let ago = |days: i64, hours: i64| {
        local(
            now - chrono::Duration::days(days) - chrono::Duration::hours(hours),
            0,
        )
    };
    // Newest bucket (the last 7 days): pauses of 1, 2 and 3 minutes.
    pause(&mut store, ago(1, 0), MIN, Outcome::Passed);
    pause(&mut store, ago(2, 0), 3 * MIN, Outcome::Passed);
    pause(&mut store, ago(6, 23), 2 * MIN, HARMED);
    // The bucket before: 4 and 10 minutes, median 7; one still running is
    // counted as an urge but has no pause.
    pause(&mut store, ago(8, 0), 4 * MIN, Outcome::UsedSkill);
    pause(&mut store, ago(9, 0), 10 * MIN, Outcome::EndedWithoutSaying);
    // The oldest, shorter bucket (days 28 to 30).
    pause(&mut store, ago(29, 0), 6 * MIN, HARMED);
    start(&mut store, ago(13, 0), None, None);

    let weekly = review(&store, now, Window::Month).weekly;
    assert_eq!(weekly.len(), 5);
    let end = now + chrono::Duration::milliseconds(1);
    assert_eq!(weekly[4].to, end);
    assert_eq!(weekly[4].from, end - chrono::Duration::days(7));
    assert_eq!(weekly[0].from, end - chrono::Duration::days(30));
    assert_eq!(weekly[0].to - weekly[0].from, chrono::Duration::days(2));

    let rows: Vec<(u32, u32, u32, Option<Duration>)> = weekly
        .iter()
        .map(|w| {
            (
                w.urges,
                w.passed_safely,
                w.self_harm_episodes,
                w.median_pause,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (1, 0, 1, Some(minutes(6))),
            (0, 0, 0, None),
            (0, 0, 0, None),
            (3, 1, 0, Some(minutes(7))),
            (3, 2, 1, Some(minutes(2))),
        ]
    );
}

#[test]
fn daylight_saving_and_time_zones_change_local_hours_but_not_windows() {
    use chrono_tz::Europe::Berlin;
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    // Berlin moves from +01:00 to +02:00 at 02:00 on Sunday 29 March 2026.
    let before = Berlin.with_ymd_and_hms(2026, 3, 28, 23, 30, 0).unwrap();
    let after = Berlin.with_ymd_and_hms(2026, 3, 29, 3, 30, 0).unwrap();
    assert_eq!(after - before, chrono::Duration::hours(3));
    pause(&mut store, before.fixed_offset(), 5 * MIN, Outcome::Passed);
    pause(&mut store, after.fixed_offset(), 5 * MIN, Outcome::Passed);

    // Exactly seven 24-hour days after the first: it falls in the previous
    // window, although the local clock moved 7 days and 1 hour.
    let now = before.to_utc() + chrono::Duration::days(7);
    let review = review(&store, now, Window::Week);
    assert_eq!(review.current.urges, 1);
    assert_eq!(review.previous.as_ref().unwrap().urges, 1);
    let all = self::review(&store, now, Window::AllTime).current;
    let mut hours = [0u32; 24];
    hours[23] = 1;
    hours[3] = 1;
    assert_eq!(all.urges_by_hour, hours);
    assert_eq!(all.urges_by_weekday, [0, 0, 0, 0, 0, 1, 1]);

    // The same instants recorded from another zone give the same figures
    // but for when in the local day they fell.
    let elsewhere = tempfile::tempdir().unwrap();
    let mut other = open(&elsewhere);
    pause(
        &mut other,
        local(before.to_utc(), -7),
        5 * MIN,
        Outcome::Passed,
    );
    pause(
        &mut other,
        local(after.to_utc(), -7),
        5 * MIN,
        Outcome::Passed,
    );
    let moved = self::review(&other, now, Window::AllTime).current;
    assert_eq!(moved.urges_by_hour.iter().sum::<u32>(), 2);
    assert_eq!(moved.urges_by_hour[15], 1); // 22:30 UTC at -07:00
    assert_eq!(moved.urges_by_hour[18], 1); // 01:30 UTC at -07:00
    assert_eq!(moved.urges_by_weekday, [0, 0, 0, 0, 0, 2, 0]);
    let (mut a, mut b) = (all, moved);
    for f in [&mut a, &mut b] {
        f.urges_by_hour = [0; 24];
        f.urges_by_weekday = [0; 7];
    }
    assert_eq!(a, b);
}

#[test]
fn days_without_is_counted_only_when_asked_and_never_leads() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let now = now();
    let ask = |store: &Store, show: bool| {
        store
            .progress(
                now,
                ReviewOptions {
                    window: Window::Month,
                    show_days_without: show,
                },
            )
            .unwrap()
    };
    assert_eq!(
        ask(&store, true).days_without,
        Some(DaysWithout::NoneLogged)
    );

    // An episode that ended 3 days and 23 hours before now.
    let ended = now - chrono::Duration::days(3) - chrono::Duration::hours(23);
    pause(
        &mut store,
        local(ended - chrono::Duration::minutes(5), 0),
        5 * MIN,
        HARMED,
    );
    pause(
        &mut store,
        local(now - chrono::Duration::hours(2), 0),
        5 * MIN,
        Outcome::Passed,
    );

    let off = ask(&store, false);
    assert_eq!(off.days_without, None);
    let on = ask(&store, true);
    assert_eq!(on.days_without, Some(DaysWithout::Days(3)));
    // Asking changes nothing else.
    assert_eq!(
        Review {
            days_without: None,
            ..on.clone()
        },
        off
    );
    assert_eq!(
        DaysWithout::Days(3).text().as_str(),
        "progress.days_without.days"
    );
    let words = ebb_core::content::render(
        ebb_core::content::Locale::En,
        DaysWithout::Days(3).text(),
        &[("days", "3")],
    );
    assert!(words.starts_with("3 days"), "{words}");
}

#[test]
fn a_deleted_session_leaves_the_review() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let now = now();
    pause(
        &mut store,
        local(now - chrono::Duration::days(1), 0),
        5 * MIN,
        HARMED,
    );
    assert_eq!(
        review(&store, now, Window::Week).current.self_harm_episodes,
        1
    );
    let id = store.events().unwrap()[0].id;
    store.delete_entry(local(now, 0), id).unwrap();
    let review = review(&store, now, Window::Week);
    assert_eq!(review.current.urges, 0);
    assert_eq!(review.current.self_harm_episodes, 0);
}

#[test]
fn every_need_appears_once_and_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir);
    let needs = review(&store, now(), Window::Week).current.needs;
    let expected: Vec<NeedCount> = Need::ALL
        .iter()
        .map(|&n| Some(n))
        .chain([None])
        .map(|need| NeedCount { need, urges: 0 })
        .collect();
    assert_eq!(needs, expected);
}

#[test]
fn a_log_from_schema_v1_gains_the_review_indexes_and_is_reviewed() {
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v1.db");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ebb.db");
    std::fs::copy(fixture, &path).unwrap();
    // The fixture's session: 27 November 2026, 01:00 UTC at +01:00, a
    // 12-minute pause that used a skill.
    let now = utc(2026, 11, 28, 0, 0);
    let review = {
        let store = Store::open(&path, &DatabaseKey::new([7; 32]), OpenOptions::default()).unwrap();
        store
            .progress(
                now,
                ReviewOptions {
                    window: Window::Week,
                    show_days_without: true,
                },
            )
            .unwrap()
    };
    assert_eq!(review.current.urges, 1);
    assert_eq!(review.current.passed_safely, 1);
    assert_eq!(review.current.median_pause, Some(minutes(12)));
    assert_eq!(review.current.urges_by_hour[2], 1);
    assert_eq!(review.days_without, Some(DaysWithout::NoneLogged));

    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "key", format!("x'{}'", "07".repeat(32)))
        .unwrap();
    let version: u32 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, ebb_core::store::schema::CURRENT);
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name")
        .unwrap();
    let names: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for wanted in [
        "urge_sessions_started",
        "skill_uses_at",
        "skill_uses_session",
    ] {
        assert!(
            names.iter().any(|n| n == wanted),
            "{wanted} missing from {names:?}"
        );
    }
    // From v5 a session keeps its check-ins on its row; `check_ins` is a
    // view of them, and the fixture's one reading survived the move.
    let readings: Vec<(i64, i64)> = conn
        .prepare("SELECT elapsed_ms, intensity FROM check_ins")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(readings, [(5 * 60_000, 6)]);
    assert_eq!(review.current.intensity.average_last, Some(6.0));
}

#[test]
fn an_earlier_stretch_with_nothing_logged_is_not_compared_with() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let now = now();
    for hours in [2, 5, 30] {
        pause(
            &mut store,
            local(now - chrono::Duration::hours(hours), 2),
            5 * MIN,
            Outcome::SelfHarmed {
                needs_medical_care: false,
            },
        );
    }
    let review = review(&store, now, Window::Week);
    assert_eq!(review.current.self_harm_episodes, 3);
    assert_eq!(review.previous, None);
    assert!(
        !review.trends.contains(&Trend::HarderStretch),
        "{:?}",
        review.trends
    );
}
