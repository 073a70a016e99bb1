//! The progress review: what a person's own log shows about their pauses,
//! the safer choices they made and the needs behind their urges, over a
//! window of time and compared with the window before it.
//!
//! Every figure is counted from the store's projections (sessions,
//! check-ins, skill uses) as a [`tally::Tally`]: sums that add up, so the
//! store keeps one per day and a review of years adds a few thousand of
//! them instead of counting every entry again (see [`tally`]).
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

mod tally;

use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use rusqlite::{Connection, params};
use serde::Serialize;

use crate::content::ContentKey;
use crate::store::{Result, Store, StoreError};
use crate::urge::{Feeling, Need};

use tally::{Ending, Tally};
pub(crate) use tally::{settle, settle_before};

/// The span a review covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
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
    /// Figures for the equal window before it; `None` for all time and
    /// when no urge was logged in it (there is nothing to compare with).
    pub previous: Option<Figures>,
    /// How things moved from the previous window to this one, gentlest
    /// movement first. Empty for all time (there is nothing to compare).
    pub trends: Vec<Trend>,
    /// The window in 7-day buckets, oldest first, for charts.
    pub weekly: Vec<WeekFigures>,
    /// Days since the last time they hurt themselves, only when asked for.
    /// Shown after everything else, never as the headline.
    pub days_without: Option<DaysWithout>,
    /// The feelings named during the window's urges, most often first, each
    /// with what helped when it came. Counts, never a score.
    pub feelings: Vec<FeelingFigures>,
}

/// One feeling the person named, over a window.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FeelingFigures {
    /// The feeling.
    pub feeling: Feeling,
    /// Urges it was named in.
    pub urges: u32,
    /// Skills that helped in those urges (the person said so, or the urge
    /// eased after it), the most often first, at most three.
    pub helped: Vec<String>,
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
    let start = match options.window.length() {
        Some(length) => end.saturating_sub(ms(length)),
        None => first_entry(conn)?.min(end),
    };
    let tally = Tally::over(conn, start, end)?;
    let current = figures(&tally, start, end)?;
    let weekly = weekly(&tally, start, end)?;
    let previous = match options.window.length() {
        Some(length) => {
            let from = start.saturating_sub(ms(length));
            Some(figures(&Tally::over(conn, from, start)?, from, start)?)
        }
        None => None,
    }
    // An earlier window with no urges logged is nothing to compare with:
    // "harder than nothing" would say more than the log knows.
    .filter(|p| p.urges > 0);
    let trends = previous
        .as_ref()
        .map(|p| trends(&current, p))
        .unwrap_or_default();
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
        feelings: feelings(conn, start, end)?,
    })
}

/// How many skills each feeling lists as having helped.
const HELPED_PER_FEELING: usize = 3;

/// The feelings named in sessions started in `[from, to)`.
fn feelings(conn: &Connection, from: i64, to: i64) -> Result<Vec<FeelingFigures>> {
    let mut counts = conn.prepare_cached(
        "SELECT f.feeling, count(*) FROM session_feelings f
           JOIN urge_sessions s ON s.id = f.session_id
          WHERE s.started_ms >= ?1 AND s.started_ms < ?2
          GROUP BY f.feeling",
    )?;
    // A feeling a later version added is left out, not an error.
    let feeling =
        |tag: String| serde_json::from_value::<Feeling>(serde_json::Value::String(tag)).ok();
    let mut out = Vec::new();
    for row in counts.query_map(params![from, to], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?))
    })? {
        let (tag, urges) = row?;
        if let Some(feeling) = feeling(tag) {
            out.push(FeelingFigures {
                feeling,
                urges,
                helped: Vec::new(),
            });
        }
    }
    let mut helped = conn.prepare_cached(
        "SELECT f.feeling, u.skill, count(*) AS n FROM session_feelings f
           JOIN urge_sessions s ON s.id = f.session_id
           JOIN skill_uses u ON u.session_id = f.session_id
          WHERE s.started_ms >= ?1 AND s.started_ms < ?2
            AND (u.helped = 1 OR u.intensity_after < u.intensity_before)
          GROUP BY f.feeling, u.skill
          ORDER BY n DESC, u.skill",
    )?;
    for row in helped.query_map(params![from, to], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })? {
        let (tag, skill) = row?;
        let named = feeling(tag);
        if let Some(f) = out.iter_mut().find(|f| Some(f.feeling) == named)
            && f.helped.len() < HELPED_PER_FEELING
        {
            f.helped.push(skill);
        }
    }
    out.sort_by_key(|f| (std::cmp::Reverse(f.urges), f.feeling));
    Ok(out)
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

/// Every figure of `tally`, the tally of `[from, to)`.
fn figures(tally: &Tally, from: i64, to: i64) -> Result<Figures> {
    let (passed_safely, self_harm_episodes, sessions_reached_out) = tally.endings();
    let pauses = tally.sorted_pauses();
    Ok(Figures {
        from: instant(from)?,
        to: instant(to)?,
        urges: count_of(tally.sessions.len()),
        passed_safely,
        self_harm_episodes,
        median_pause: middle(&pauses).map(duration),
        longest_pause: pauses.last().copied().map(duration),
        intensity: tally.intensity_course(),
        safer_choices_when_strong: tally.safer_when_strong,
        reached_out: ReachedOut {
            sessions: sessions_reached_out,
            reach_person_uses: tally.reach_person_uses,
        },
        skills: tally.skill_figures(),
        needs: tally.need_counts(),
        urges_by_hour: tally.hours,
        urges_by_weekday: tally.weekdays,
    })
}

/// 7-day buckets ending at `to`, back to the one holding `from`, from the
/// sessions of `tally` (the tally of `[from, to)`).
fn weekly(tally: &Tally, from: i64, to: i64) -> Result<Vec<WeekFigures>> {
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
    for mark in &tally.sessions {
        let index = (to - 1 - mark.started_ms) / week;
        let Some(i) = usize::try_from(index).ok().filter(|&i| i < buckets) else {
            continue;
        };
        let w = &mut out[i];
        w.urges += 1;
        w.passed_safely += u32::from(mark.ending.is_safe());
        w.self_harm_episodes += u32::from(mark.ending == Ending::SelfHarmed);
        if let Some(pause) = mark.pause_ms {
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

fn count_of(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn ms(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
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
