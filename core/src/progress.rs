//! The progress review: what a person's own log shows about their pauses,
//! the safer choices they made and the needs behind their urges, over a
//! window of time and compared with the window before it.
//!
//! Everything is computed with SQL over the store's projections (sessions,
//! check-ins, skill uses), so a review of years of entries stays quick
//! (schema v2 adds covering indexes for these queries).
//!
//! What the review never does, by design (`CONTENT.md`): count a "streak"
//! that resets to zero, rate risk, or frame a harder stretch as getting
//! worse. Trends are movement: fewer episodes, longer pauses, more safer
//! choices, reaching out more. When nothing moved the trend is "steady";
//! when episodes rose, the words are kind. A "days without" number exists
//! only when the person turns it on, and it is a plain count that is never
//! the review's headline.
//!
//! Definitions, each in one place:
//!
//! - A window ends at `now` (inclusive) and starts [`Window::length`]
//!   earlier; the previous window is the equal span just before it. An
//!   urge belongs to the window its session *started* in; a skill use to the
//!   window it was *recorded* in. All time has no previous window and starts
//!   at the first entry. Windows are spans of UTC time, so daylight-saving
//!   changes and travel neither stretch nor shrink them.
//! - "Passed safely": the session ended as passed, used a skill or reached
//!   out ([`Outcome::is_safe_pause`]).
//! - Pauses are those of finished sessions, whatever the outcome: every
//!   pause counts. The median of an even number is the mean of the middle
//!   two (rounded down to the millisecond).
//! - Intensity course: a session's *start* is the intensity said at the
//!   start, else its first check-in; its *peak* the highest reading; its
//!   *last* the latest. The curve averages every reading (the start reading
//!   sits at minute 0) in elapsed-minute buckets; each reading counts once.
//! - A safer choice made when the urge was strong: a recorded skill use
//!   whose "before" intensity was [`Intensity::STRONG`] or more; when no
//!   "before" was said, the session it was used in peaked at that level.
//! - Reaching out: sessions that ended as reached out, plus uses of the
//!   reach-a-person skill outside such a session (inside one it is the same
//!   reaching out, counted once).
//! - When urges came: counts by the local hour and weekday stored with each
//!   session (the offset where the person was at the time), never a risk.

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use rusqlite::{Connection, params};
use serde::Serialize;

use crate::content::ContentKey;
use crate::skills::SkillId;
use crate::store::{Result, Store, StoreError};
use crate::urge::{Intensity, Need};

/// The span a review covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum Window {
    /// The last 7 days.
    Week,
    /// The last 30 days.
    Month,
    /// The last 90 days.
    NinetyDays,
    /// Everything in the log.
    AllTime,
}

impl Window {
    /// Every window, in the order a screen offers them.
    pub const ALL: [Window; 4] = [
        Window::Week,
        Window::Month,
        Window::NinetyDays,
        Window::AllTime,
    ];

    /// How long the window is; `None` for all time.
    pub fn length(self) -> Option<Duration> {
        match self {
            Window::Week => Some(7 * DAY),
            Window::Month => Some(30 * DAY),
            Window::NinetyDays => Some(90 * DAY),
            Window::AllTime => None,
        }
    }

    /// How the window is offered as a choice.
    pub fn label(self) -> ContentKey {
        ContentKey::new(match self {
            Window::Week => "progress.window.week",
            Window::Month => "progress.window.month",
            Window::NinetyDays => "progress.window.ninety_days",
            Window::AllTime => "progress.window.all_time",
        })
    }
}

const DAY: Duration = Duration::from_secs(24 * 60 * 60);
const WEEK: Duration = Duration::from_secs(7 * 24 * 60 * 60);

/// What the person asked to see.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct ReviewOptions {
    /// Which window.
    pub window: Window,
    /// Whether to count days since the last time they hurt themselves. Off
    /// unless the person turns it on.
    pub show_days_without: bool,
}

/// The progress review for one window.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Review {
    /// The window reviewed.
    pub window: Window,
    /// Figures for the window.
    pub current: Figures,
    /// Figures for the equal window before it; `None` for all time.
    pub previous: Option<Figures>,
    /// How things moved from the previous window to this one, gentlest
    /// movement first. Empty for all time (there is nothing to compare).
    pub trends: Vec<Trend>,
    /// The window in 7-day buckets, oldest first, for charts.
    pub weekly: Vec<WeekFigures>,
    /// Days since the last time they hurt themselves, only when asked for.
    /// Shown after everything else, never as the headline.
    pub days_without: Option<DaysWithout>,
}

/// The figures of one span of time.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Figures {
    /// Start of the span (inclusive).
    pub from: DateTime<Utc>,
    /// End of the span (exclusive).
    pub to: DateTime<Utc>,
    /// Urge sessions started.
    pub urges: u32,
    /// Sessions that ended without self-harm (passed, used a skill,
    /// reached out).
    pub passed_safely: u32,
    /// Sessions that ended with self-harm.
    pub self_harm_episodes: u32,
    /// The median pause of finished sessions.
    pub median_pause: Option<Duration>,
    /// The longest pause of finished sessions.
    pub longest_pause: Option<Duration>,
    /// How intensity rose and fell during sessions.
    pub intensity: IntensityCourse,
    /// Skills used when the urge was strong (see the module docs).
    pub safer_choices_when_strong: u32,
    /// Times they reached out.
    pub reached_out: ReachedOut,
    /// Skills used, the ones that helped most first.
    pub skills: Vec<SkillFigures>,
    /// What urges were for: one entry per need in [`Need::ALL`] order, then
    /// one with `need: None` for urges where no need was said.
    pub needs: Vec<NeedCount>,
    /// Urges by the local hour they started in, 0 to 23.
    pub urges_by_hour: [u32; 24],
    /// Urges by the local weekday they started on, Monday first.
    pub urges_by_weekday: [u32; 7],
}

/// How intensity rose and fell during sessions.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct IntensityCourse {
    /// Sessions with at least one intensity reading.
    pub sessions: u32,
    /// Average intensity at the start (said at the start, else the first
    /// check-in).
    pub average_start: Option<f64>,
    /// Average of each session's highest reading.
    pub average_peak: Option<f64>,
    /// Average of each session's last reading.
    pub average_last: Option<f64>,
    /// Average reading by time into the session, one point per
    /// [`MinuteBucket::ALL`] entry.
    pub curve: Vec<CurvePoint>,
}

/// A stretch of elapsed session time, `from` inclusive, `to` exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct MinuteBucket {
    /// Start (inclusive).
    pub from: Duration,
    /// End (exclusive); `None` for the last, open bucket.
    pub to: Option<Duration>,
}

impl MinuteBucket {
    const fn minutes(from: u64, to: Option<u64>) -> Self {
        Self {
            from: Duration::from_secs(from * 60),
            to: match to {
                Some(to) => Some(Duration::from_secs(to * 60)),
                None => None,
            },
        }
    }

    /// The curve's buckets: 0-1, 1-2, 2-5, 5-10, 10-15, 15-30 and 30 minutes
    /// or more. Short early buckets follow the quick first changes; urges
    /// mostly ease within 30 minutes.
    pub const ALL: [MinuteBucket; 7] = [
        Self::minutes(0, Some(1)),
        Self::minutes(1, Some(2)),
        Self::minutes(2, Some(5)),
        Self::minutes(5, Some(10)),
        Self::minutes(10, Some(15)),
        Self::minutes(15, Some(30)),
        Self::minutes(30, None),
    ];
}

/// The average reading in one bucket of elapsed time.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct CurvePoint {
    /// Which stretch of the session.
    pub bucket: MinuteBucket,
    /// How many readings fell in it.
    pub readings: u32,
    /// Their average; `None` with no readings.
    pub average: Option<f64>,
}

/// Times the person reached out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ReachedOut {
    /// Sessions that ended as reached out.
    pub sessions: u32,
    /// Uses of the reach-a-person skill outside those sessions.
    pub reach_person_uses: u32,
}

impl ReachedOut {
    /// All times they reached out.
    pub fn total(self) -> u32 {
        self.sessions + self.reach_person_uses
    }
}

/// How one skill went.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SkillFigures {
    /// The skill's id as recorded (a built-in or a personal skill).
    pub skill: String,
    /// How many times it was used.
    pub uses: u32,
    /// Uses with both a before and an after intensity.
    pub rated_uses: u32,
    /// The average drop in intensity, before minus after, over rated uses.
    pub average_drop: Option<f64>,
    /// Uses where the person said whether it helped.
    pub answered_uses: u32,
    /// The share of answered uses that helped, 0 to 1.
    pub helped_share: Option<f64>,
}

/// How many urges served one need.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct NeedCount {
    /// The need; `None` when no need was said.
    pub need: Option<Need>,
    /// Urges started with it.
    pub urges: u32,
}

/// One 7-day bucket of the weekly series.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct WeekFigures {
    /// Start (inclusive). The oldest bucket may be shorter than 7 days; the
    /// newest always ends at the review's `now`.
    pub from: DateTime<Utc>,
    /// End (exclusive).
    pub to: DateTime<Utc>,
    /// Urges started.
    pub urges: u32,
    /// Sessions that ended without self-harm.
    pub passed_safely: u32,
    /// Sessions that ended with self-harm.
    pub self_harm_episodes: u32,
    /// The median pause of finished sessions.
    pub median_pause: Option<Duration>,
}

/// How something moved from the previous window to this one. Never a
/// judgement: a harder stretch is named kindly, and only once.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum Trend {
    /// Fewer times they hurt themselves.
    FewerEpisodes,
    /// The median pause grew.
    LongerPauses,
    /// More urges passed safely.
    MorePassedSafely,
    /// More safer choices when the urge was strong.
    MoreSaferChoices,
    /// They reached out more often.
    ReachedOutMore,
    /// Nothing moved much.
    Steady,
    /// More times they hurt themselves: said kindly, with what still counts.
    HarderStretch,
}

impl Trend {
    /// The words for it.
    pub fn text(self) -> ContentKey {
        ContentKey::new(match self {
            Trend::FewerEpisodes => "progress.trend.fewer_episodes",
            Trend::LongerPauses => "progress.trend.longer_pauses",
            Trend::MorePassedSafely => "progress.trend.more_passed_safely",
            Trend::MoreSaferChoices => "progress.trend.more_safer_choices",
            Trend::ReachedOutMore => "progress.trend.reached_out_more",
            Trend::Steady => "progress.trend.steady",
            Trend::HarderStretch => "progress.trend.harder_stretch",
        })
    }
}

/// The optional count of days since the last time they hurt themselves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DaysWithout {
    /// Whole 24-hour days since the last logged episode ended.
    Days(u32),
    /// No episode is logged.
    NoneLogged,
}

impl DaysWithout {
    /// The words for it (`{days}` is filled with the number).
    pub fn text(self) -> ContentKey {
        ContentKey::new(match self {
            DaysWithout::Days(_) => "progress.days_without.days",
            DaysWithout::NoneLogged => "progress.days_without.none_logged",
        })
    }
}

impl Store {
    /// The progress review as of `now`. See [`review`].
    pub fn progress(&self, now: DateTime<Utc>, options: ReviewOptions) -> Result<Review> {
        review(self, now, options)
    }
}

/// The progress review of `store` for `options.window`, ending at `now`.
pub fn review(store: &Store, now: DateTime<Utc>, options: ReviewOptions) -> Result<Review> {
    let conn = store.conn();
    // The window includes `now` itself.
    let end = now.timestamp_millis().saturating_add(1);
    let (current, previous) = match options.window.length() {
        Some(length) => {
            let len = ms(length);
            let start = end.saturating_sub(len);
            let current = figures(conn, start, end)?;
            let previous = figures(conn, start.saturating_sub(len), start)?;
            (current, Some(previous))
        }
        None => (figures(conn, first_entry(conn)?.min(end), end)?, None),
    };
    let trends = previous
        .as_ref()
        .map(|p| trends(&current, p))
        .unwrap_or_default();
    let weekly = weekly(conn, millis(&current.from), end)?;
    let days_without = if options.show_days_without {
        Some(days_without(conn, now)?)
    } else {
        None
    };
    Ok(Review {
        window: options.window,
        current,
        previous,
        trends,
        weekly,
        days_without,
    })
}

/// The instant of the first session or skill use, or `i64::MAX` if none.
fn first_entry(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT min(coalesce((SELECT min(started_ms) FROM urge_sessions), 9223372036854775807),
                    coalesce((SELECT min(at_ms) FROM skill_uses), 9223372036854775807))",
        [],
        |r| r.get(0),
    )?)
}

/// Every figure for `[from, to)` (UTC milliseconds).
fn figures(conn: &Connection, from: i64, to: i64) -> Result<Figures> {
    let (urges, passed_safely, self_harm_episodes, finished, longest, sessions_reached_out) = conn
        .prepare_cached(
            "SELECT count(*),
                    count(*) FILTER (WHERE outcome IN ('passed', 'used_skill', 'reached_out')),
                    count(*) FILTER (WHERE outcome = 'self_harmed'),
                    count(pause_ms),
                    max(pause_ms),
                    count(*) FILTER (WHERE outcome = 'reached_out')
             FROM urge_sessions WHERE started_ms >= ?1 AND started_ms < ?2",
        )?
        .query_row(params![from, to], |r| {
            Ok((
                count(r.get(0)?),
                count(r.get(1)?),
                count(r.get(2)?),
                r.get::<_, i64>(3)?,
                r.get::<_, Option<i64>>(4)?,
                count(r.get(5)?),
            ))
        })?;

    let median_pause = median_pause(conn, from, to, finished)?;
    let (safer_choices_when_strong, reach_person_uses) = conn
        .prepare_cached(
            "SELECT count(*) FILTER (WHERE coalesce(u.intensity_before,
                        (SELECT s.max_intensity FROM urge_sessions s INDEXED BY urge_sessions_peak
                         WHERE s.id = u.session_id)) >= ?3),
                    count(*) FILTER (WHERE u.skill = ?4 AND NOT EXISTS (
                        SELECT 1 FROM urge_sessions s INDEXED BY urge_sessions_peak
                        WHERE s.id = u.session_id AND s.outcome = 'reached_out'))
             FROM skill_uses u WHERE u.at_ms >= ?1 AND u.at_ms < ?2",
        )?
        .query_row(
            params![
                from,
                to,
                Intensity::STRONG.value(),
                SkillId::REACH_PERSON.as_str()
            ],
            |r| Ok((count(r.get(0)?), count(r.get(1)?))),
        )?;

    let (needs, urges_by_hour, urges_by_weekday) = when_and_why(conn, from, to)?;
    Ok(Figures {
        from: instant(from)?,
        to: instant(to)?,
        urges,
        passed_safely,
        self_harm_episodes,
        median_pause,
        longest_pause: longest.map(duration),
        intensity: intensity_course(conn, from, to)?,
        safer_choices_when_strong,
        reached_out: ReachedOut {
            sessions: sessions_reached_out,
            reach_person_uses,
        },
        skills: skills(conn, from, to)?,
        needs,
        urges_by_hour,
        urges_by_weekday,
    })
}

/// The median of the `finished` pauses in `[from, to)`.
fn median_pause(conn: &Connection, from: i64, to: i64, finished: i64) -> Result<Option<Duration>> {
    if finished == 0 {
        return Ok(None);
    }
    let mut stmt = conn.prepare_cached(
        "SELECT min(pause_ms), max(pause_ms) FROM (
             SELECT pause_ms FROM urge_sessions
             WHERE started_ms >= ?1 AND started_ms < ?2 AND pause_ms IS NOT NULL
             ORDER BY pause_ms LIMIT ?3 OFFSET ?4)",
    )?;
    let take = 2 - finished % 2;
    let skip = (finished - 1) / 2;
    let (low, high): (Option<i64>, Option<i64>) = stmt
        .query_row(params![from, to, take, skip], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    Ok(low.zip(high).map(|(l, h)| duration(l + (h - l) / 2)))
}

/// Needs, local hours and weekdays of the urges in `[from, to)`, in one pass.
fn when_and_why(
    conn: &Connection,
    from: i64,
    to: i64,
) -> Result<(Vec<NeedCount>, [u32; 24], [u32; 7])> {
    let mut needs: Vec<NeedCount> = Need::ALL
        .iter()
        .map(|&need| NeedCount {
            need: Some(need),
            urges: 0,
        })
        .chain([NeedCount {
            need: None,
            urges: 0,
        }])
        .collect();
    let mut hours = [0u32; 24];
    let mut weekdays = [0u32; 7];
    let tags = need_tags();
    let mut stmt = conn.prepare_cached(
        "SELECT local_hour, local_weekday, need FROM urge_sessions
         WHERE started_ms >= ?1 AND started_ms < ?2",
    )?;
    let mut rows = stmt.query(params![from, to])?;
    while let Some(r) = rows.next()? {
        let hour: i64 = r.get(0)?;
        let weekday: i64 = r.get(1)?;
        let need = r.get_ref(2)?.as_str_or_null().map_err(from_sql)?;
        let n = 1;
        if let Some(slot) = usize::try_from(hour).ok().and_then(|h| hours.get_mut(h)) {
            *slot += n;
        }
        if let Some(slot) = usize::try_from(weekday)
            .ok()
            .and_then(|d| weekdays.get_mut(d))
        {
            *slot += n;
        }
        let need = need
            .map(|tag| {
                tags.iter()
                    .find(|(t, _)| t == tag)
                    .map(|(_, n)| *n)
                    .ok_or_else(|| StoreError::Invalid {
                        what: "stored need",
                        detail: tag.to_owned(),
                    })
            })
            .transpose()?;
        if let Some(entry) = needs.iter_mut().find(|e| e.need == need) {
            entry.urges += n;
        }
    }
    Ok((needs, hours, weekdays))
}

/// Start, peak and last averages, and the curve, for sessions started in
/// `[from, to)`.
fn intensity_course(conn: &Connection, from: i64, to: i64) -> Result<IntensityCourse> {
    let (sessions, average_start, average_peak, average_last) = conn
        .prepare_cached(
            "SELECT count(*),
                    avg(coalesce(s.start_intensity,
                        (SELECT c.intensity FROM check_ins c WHERE c.session_id = s.id
                         ORDER BY c.elapsed_ms LIMIT 1))),
                    avg(s.max_intensity),
                    avg(s.last_intensity)
             FROM urge_sessions s
             WHERE s.started_ms >= ?1 AND s.started_ms < ?2 AND s.max_intensity IS NOT NULL",
        )?
        .query_row(params![from, to], |r| {
            Ok((count(r.get(0)?), r.get(1)?, r.get(2)?, r.get(3)?))
        })?;

    // Readings: the start intensity at minute 0 plus every check-in. One
    // pass, one column pair per bucket, no sorting.
    let bounds: Vec<i64> = MinuteBucket::ALL
        .iter()
        .filter_map(|b| b.to)
        .map(ms)
        .collect();
    let mut columns = String::new();
    for i in 0..MinuteBucket::ALL.len() {
        let low = if i == 0 { None } else { bounds.get(i - 1) };
        let high = bounds.get(i);
        let cond = match (low, high) {
            (None, Some(h)) => format!("elapsed_ms < {h}"),
            (Some(l), Some(h)) => format!("elapsed_ms >= {l} AND elapsed_ms < {h}"),
            (Some(l), None) => format!("elapsed_ms >= {l}"),
            (None, None) => "1".to_owned(),
        };
        columns.push_str(&format!(
            "count(*) FILTER (WHERE {cond}), avg(intensity) FILTER (WHERE {cond}),"
        ));
    }
    columns.pop();
    let sql = format!(
        "SELECT {columns} FROM (
             SELECT 0 AS elapsed_ms, s.start_intensity AS intensity
             FROM urge_sessions s
             WHERE s.started_ms >= ?1 AND s.started_ms < ?2 AND s.start_intensity IS NOT NULL
             UNION ALL
             SELECT c.elapsed_ms, c.intensity
             FROM urge_sessions s JOIN check_ins c ON c.session_id = s.id
             WHERE s.started_ms >= ?1 AND s.started_ms < ?2)"
    );
    let curve = conn
        .prepare_cached(&sql)?
        .query_row(params![from, to], |r| {
            MinuteBucket::ALL
                .iter()
                .enumerate()
                .map(|(i, &bucket)| {
                    Ok(CurvePoint {
                        bucket,
                        readings: count(r.get(2 * i)?),
                        average: r.get(2 * i + 1)?,
                    })
                })
                .collect::<rusqlite::Result<Vec<_>>>()
        })?;
    Ok(IntensityCourse {
        sessions,
        average_start,
        average_peak,
        average_last,
        curve,
    })
}

/// Per-skill figures for uses recorded in `[from, to)`, the ones that
/// helped most first: largest average drop, then largest share helped, then
/// most used, then by id so the order is stable.
///
/// The rows are folded here rather than grouped in SQL: a `GROUP BY` on the
/// skill sorts every use, which over years of entries cost more than the
/// scan itself.
fn skills(conn: &Connection, from: i64, to: i64) -> Result<Vec<SkillFigures>> {
    #[derive(Default)]
    struct Tally {
        uses: u32,
        rated: u32,
        drop_sum: i64,
        answered: u32,
        helped: u32,
    }
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT skill, intensity_before, intensity_after, helped
         FROM skill_uses WHERE at_ms >= ?1 AND at_ms < ?2",
    )?;
    let mut rows = stmt.query(params![from, to])?;
    while let Some(r) = rows.next()? {
        let skill = r.get_ref(0)?.as_str().map_err(from_sql)?;
        let tally = match tallies.get_mut(skill) {
            Some(t) => t,
            None => tallies.entry(skill.to_owned()).or_default(),
        };
        tally.uses += 1;
        if let (Some(before), Some(after)) =
            (r.get::<_, Option<i64>>(1)?, r.get::<_, Option<i64>>(2)?)
        {
            tally.rated += 1;
            tally.drop_sum += before - after;
        }
        if let Some(helped) = r.get::<_, Option<bool>>(3)? {
            tally.answered += 1;
            tally.helped += u32::from(helped);
        }
    }
    let ratio = |part: f64, whole: u32| (whole > 0).then(|| part / f64::from(whole));
    let mut out: Vec<SkillFigures> = tallies
        .into_iter()
        .map(|(skill, t)| SkillFigures {
            skill,
            uses: t.uses,
            rated_uses: t.rated,
            average_drop: ratio(t.drop_sum as f64, t.rated),
            answered_uses: t.answered,
            helped_share: ratio(f64::from(t.helped), t.answered),
        })
        .collect();
    // Larger first; `None` after every value.
    let desc = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) => b.total_cmp(&a),
        (a, b) => b.is_some().cmp(&a.is_some()),
    };
    out.sort_by(|a, b| {
        desc(a.average_drop, b.average_drop)
            .then(desc(a.helped_share, b.helped_share))
            .then(b.uses.cmp(&a.uses))
            .then(a.skill.cmp(&b.skill))
    });
    Ok(out)
}

/// 7-day buckets ending at `to`, back to the one holding `from`: one scan
/// of the sessions, folded here (medians need each bucket's pauses sorted,
/// which is quicker in memory than with window functions in SQL).
fn weekly(conn: &Connection, from: i64, to: i64) -> Result<Vec<WeekFigures>> {
    let week = ms(WEEK);
    let buckets = usize::try_from((to - from + week - 1) / week).unwrap_or(0);
    // Index 0 is the newest bucket.
    let mut out: Vec<WeekFigures> = (0..buckets)
        .map(|i| {
            let i = i64::try_from(i).unwrap_or(i64::MAX);
            let end = to - i * week;
            Ok(WeekFigures {
                from: instant((end - week).max(from))?,
                to: instant(end)?,
                urges: 0,
                passed_safely: 0,
                self_harm_episodes: 0,
                median_pause: None,
            })
        })
        .collect::<Result<_>>()?;
    let mut pauses: Vec<Vec<i64>> = vec![Vec::new(); buckets];
    let mut stmt = conn.prepare_cached(
        "SELECT started_ms, outcome, pause_ms FROM urge_sessions
         WHERE started_ms >= ?1 AND started_ms < ?2",
    )?;
    let mut rows = stmt.query(params![from, to])?;
    while let Some(r) = rows.next()? {
        let index = (to - 1 - r.get::<_, i64>(0)?) / week;
        let Some(i) = usize::try_from(index).ok().filter(|&i| i < buckets) else {
            continue;
        };
        let w = &mut out[i];
        w.urges += 1;
        match r.get_ref(1)?.as_str_or_null().map_err(from_sql)? {
            Some("passed" | "used_skill" | "reached_out") => w.passed_safely += 1,
            Some("self_harmed") => w.self_harm_episodes += 1,
            _ => {}
        }
        if let Some(pause) = r.get::<_, Option<i64>>(2)? {
            pauses[i].push(pause);
        }
    }
    for (w, mut p) in out.iter_mut().zip(pauses) {
        p.sort_unstable();
        w.median_pause = middle(&p).map(duration);
    }
    out.reverse();
    Ok(out)
}

/// The median of sorted values: the mean of the middle two for an even
/// count, rounded down.
fn middle(sorted: &[i64]) -> Option<i64> {
    let n = sorted.len();
    let low = *sorted.get(n.checked_sub(1)? / 2)?;
    let high = *sorted.get(n / 2)?;
    Some(low + (high - low) / 2)
}

/// Whole days from the end of the last logged episode to `now`.
fn days_without(conn: &Connection, now: DateTime<Utc>) -> Result<DaysWithout> {
    let last: Option<i64> = conn.query_row(
        "SELECT max(ended_ms) FROM urge_sessions WHERE outcome = 'self_harmed'",
        [],
        |r| r.get(0),
    )?;
    Ok(match last {
        None => DaysWithout::NoneLogged,
        Some(last) => {
            let days = now.timestamp_millis().saturating_sub(last).max(0) / ms(DAY);
            DaysWithout::Days(u32::try_from(days).unwrap_or(u32::MAX))
        }
    })
}

/// How `current` moved from `previous`. Movement the person made comes
/// first; a harder stretch is named last and kindly; "steady" when nothing
/// else applies.
fn trends(current: &Figures, previous: &Figures) -> Vec<Trend> {
    let mut out = Vec::new();
    if current.self_harm_episodes < previous.self_harm_episodes {
        out.push(Trend::FewerEpisodes);
    }
    if let (Some(now), Some(before)) = (current.median_pause, previous.median_pause)
        && now > before
    {
        out.push(Trend::LongerPauses);
    }
    if current.passed_safely > previous.passed_safely {
        out.push(Trend::MorePassedSafely);
    }
    if current.safer_choices_when_strong > previous.safer_choices_when_strong {
        out.push(Trend::MoreSaferChoices);
    }
    if current.reached_out.total() > previous.reached_out.total() {
        out.push(Trend::ReachedOutMore);
    }
    let harder = current.self_harm_episodes > previous.self_harm_episodes;
    if out.is_empty() && !harder {
        out.push(Trend::Steady);
    }
    if harder {
        out.push(Trend::HarderStretch);
    }
    out
}

/// Each need with its stored tag (its serde name).
fn need_tags() -> Vec<(String, Need)> {
    Need::ALL
        .into_iter()
        .filter_map(|n| match serde_json::to_value(n) {
            Ok(serde_json::Value::String(tag)) => Some((tag, n)),
            _ => None,
        })
        .collect()
}

fn from_sql(e: rusqlite::types::FromSqlError) -> StoreError {
    StoreError::Invalid {
        what: "stored value",
        detail: e.to_string(),
    }
}

fn count(n: i64) -> u32 {
    u32::try_from(n.max(0)).unwrap_or(u32::MAX)
}

fn ms(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

fn millis(at: &DateTime<Utc>) -> i64 {
    at.timestamp_millis()
}

fn duration(ms: i64) -> Duration {
    Duration::from_millis(u64::try_from(ms).unwrap_or(0))
}

fn instant(ms: i64) -> Result<DateTime<Utc>> {
    Utc.timestamp_millis_opt(ms)
        .single()
        .ok_or_else(|| StoreError::Invalid {
            what: "review instant",
            detail: ms.to_string(),
        })
}
