//! What shells receive: plain records with the words already resolved and
//! the haptics rendered, so every shell shows exactly what the core decided.

use std::time::{Duration, SystemTime};

use chrono::{DateTime, FixedOffset, Utc};
use ebb_core::content::{ContentKey, Locale, render};
use ebb_core::guides::{Guide, GuideId, RunningStep, Step, StepKind, StepLength};
use ebb_core::haptics::{Platform, RenderedHaptics};
use ebb_core::progress::{
    DaysWithout, Figures, IntensityCourse, NeedCount, ReachedOut, Review, SkillFigures, Trend,
    Window,
};
use ebb_core::urge::{CheckInCadence, Cue, CueKind, Need, Outcome, Source, UrgeSession};

use crate::EbbError;

/// How a person asked to start an urge session.
#[derive(Clone, Debug, uniffi::Record)]
pub struct UrgeRequest {
    /// Where from.
    pub source: Source,
    /// How strong, 0 to 10, if they said.
    pub intensity: Option<i32>,
    /// What it is for, if they said.
    pub need: Option<Need>,
    /// Goal in whole minutes (1 to 240); `None` takes the suggested goal.
    pub goal_minutes: Option<i32>,
    /// How often to check in.
    pub cadence: CheckInCadence,
}

/// A skill the person used and how it went.
#[derive(Clone, Debug, uniffi::Record)]
pub struct SkillUse {
    /// The skill's id.
    pub skill: String,
    /// The need it served, if known.
    pub need: Option<Need>,
    /// Intensity before, 0 to 10, if said.
    pub intensity_before: Option<i32>,
    /// Intensity after, 0 to 10, if said.
    pub intensity_after: Option<i32>,
    /// Whether it helped, if said.
    pub helped: Option<bool>,
}

/// A running (or ended) session as a screen shows it.
#[derive(Clone, Debug, uniffi::Record)]
pub struct UrgeView {
    /// The session's id.
    pub id: String,
    /// When it started.
    pub started_at: SystemTime,
    /// The goal.
    pub goal: Duration,
    /// Time waited so far.
    pub elapsed: Duration,
    /// Time left to the goal (zero once reached).
    pub remaining: Duration,
    /// What it is for, if said.
    pub need: Option<Need>,
    /// The latest intensity known.
    pub intensity: Option<i32>,
    /// Check-in cadence.
    pub cadence: CheckInCadence,
    /// Skills tried so far.
    pub skills_tried: i32,
    /// True when a second start returned a session already running.
    pub resumed: bool,
}

impl UrgeView {
    pub(crate) fn new(id: String, s: &UrgeSession, now: DateTime<Utc>, resumed: bool) -> Self {
        Self {
            id,
            started_at: s.started_at().into(),
            goal: s.goal().duration(),
            elapsed: s.elapsed(now),
            remaining: s.remaining(now),
            need: s.need(),
            intensity: s.latest_intensity().map(|i| i32::from(i.value())),
            cadence: s.cadence(),
            skills_tried: i32::try_from(s.skills_tried().len()).unwrap_or(i32::MAX),
            resumed,
        }
    }
}

/// A cue to show, say or play now.
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct CueView {
    /// What it is about.
    pub kind: CueKind,
    /// Where in the session it falls.
    pub at: Duration,
    /// Whether it asks for the urge's intensity.
    pub asks_intensity: bool,
    /// The words.
    pub text: String,
}

impl From<Cue> for CueView {
    fn from(c: Cue) -> Self {
        Self {
            kind: c.kind,
            at: c.at,
            asks_intensity: c.asks_intensity,
            text: c.text().text().to_owned(),
        }
    }
}

/// A future cue for the OS notification scheduler.
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct ScheduledCueView {
    /// When it falls due.
    pub due: SystemTime,
    /// The cue.
    pub cue: CueView,
}

/// How a session ended.
#[derive(Clone, Debug, uniffi::Record)]
pub struct EndedView {
    /// How it went.
    pub outcome: Outcome,
    /// The pause made.
    pub pause: Duration,
    /// The acknowledgement to show.
    pub acknowledgement: String,
    /// What follows: care information when an injury may need medical
    /// care, otherwise a kind word.
    pub next: crate::safety::NextScreen,
}

/// One step of a guide.
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct StepView {
    /// Its position.
    pub index: i32,
    /// What it asks.
    pub kind: StepKind,
    /// The words.
    pub text: String,
    /// How long; `None` for a step the person finishes themselves.
    pub length: Option<Duration>,
    /// What to play as it starts.
    pub haptics: RenderedHaptics,
}

impl StepView {
    pub(crate) fn from_step(index: usize, step: &Step, haptics: RenderedHaptics) -> Self {
        Self {
            index: i32::try_from(index).unwrap_or(i32::MAX),
            kind: step.kind,
            text: step.text.text().to_owned(),
            length: match step.length {
                StepLength::Timed(d) => Some(d),
                StepLength::Open => None,
            },
            haptics,
        }
    }

    /// `haptics` as the step's guide renders it ([`Guide::step_haptics`]).
    pub(crate) fn from_running(step: &RunningStep, haptics: RenderedHaptics) -> Self {
        Self {
            index: i32::try_from(step.index).unwrap_or(i32::MAX),
            kind: step.kind,
            text: step.text.text().to_owned(),
            length: step.length.timed(),
            haptics,
        }
    }
}

/// A guide ready to show.
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct GuideView {
    /// Which guide.
    pub id: GuideId,
    /// Its title.
    pub title: String,
    /// Its introduction, if any.
    pub intro: Option<String>,
    /// Cautions to show before the first use.
    pub cautions: Vec<String>,
    /// The steps.
    pub steps: Vec<StepView>,
    /// The length of its timed steps together.
    pub length: Duration,
}

impl GuideView {
    pub(crate) fn new(guide: &Guide, platform: Platform) -> Self {
        Self {
            id: guide.id,
            title: guide.title.text().to_owned(),
            intro: guide.intro.map(|k| k.text().to_owned()),
            cautions: guide
                .cautions
                .iter()
                .map(|c| c.text().text().to_owned())
                .collect(),
            steps: guide
                .steps
                .iter()
                .zip(guide.haptics(platform))
                .enumerate()
                .map(|(i, (s, haptics))| StepView::from_step(i, s, haptics))
                .collect(),
            length: guide.length(),
        }
    }
}

/// Which breathing pacer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, uniffi::Enum)]
pub enum BreathingChoice {
    /// Near seven breaths a minute.
    Gentle,
    /// In 4 s, out `exhale_secs` (6 to 8).
    ExtendedExhale {
        /// Exhale length in seconds.
        exhale_secs: i32,
    },
    /// Two inhales, a long exhale.
    CyclicSighing,
    /// 4-4-4-4.
    Box,
    /// About six breaths a minute.
    Resonance,
}

/// What an import or merge did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, uniffi::Record)]
pub struct ImportSummary {
    /// Entries that were new.
    pub added: i64,
    /// Entries already here.
    pub already_present: i64,
}

/// The text for a key, for shells that hold keys.
pub(crate) fn words(key: ContentKey) -> String {
    key.text().to_owned()
}

/// A shell's instant and offset as the core's local moment.
pub(crate) fn local(
    now: SystemTime,
    utc_offset_secs: i32,
) -> Result<DateTime<FixedOffset>, EbbError> {
    let offset = FixedOffset::east_opt(utc_offset_secs)
        .ok_or_else(|| EbbError::invalid("utc_offset_secs", "must be within a day"))?;
    Ok(DateTime::<Utc>::from(now).with_timezone(&offset))
}

/// The figures of one span of time, for the progress screen.
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct FiguresView {
    /// Start of the span.
    pub from: SystemTime,
    /// End of the span.
    pub to: SystemTime,
    /// Urge sessions started.
    pub urges: u32,
    /// Sessions that ended without self-harm.
    pub passed_safely: u32,
    /// Times they hurt themselves.
    pub self_harm_episodes: u32,
    /// The median pause of finished sessions.
    pub median_pause: Option<Duration>,
    /// The longest pause.
    pub longest_pause: Option<Duration>,
    /// How intensity rose and fell during sessions.
    pub intensity: IntensityCourse,
    /// Safer skills chosen while the urge was strong.
    pub safer_choices_when_strong: u32,
    /// Times they reached out.
    pub reached_out: ReachedOut,
    /// Which skills helped most.
    pub skills: Vec<SkillFigures>,
    /// What urges were for.
    pub needs: Vec<NeedCount>,
    /// Urges by local hour, 0 to 23 (counts, never a forecast).
    pub urges_by_hour: Vec<u32>,
    /// Urges by weekday, Monday first.
    pub urges_by_weekday: Vec<u32>,
}

impl From<&Figures> for FiguresView {
    fn from(f: &Figures) -> Self {
        Self {
            from: f.from.into(),
            to: f.to.into(),
            urges: f.urges,
            passed_safely: f.passed_safely,
            self_harm_episodes: f.self_harm_episodes,
            median_pause: f.median_pause,
            longest_pause: f.longest_pause,
            intensity: f.intensity.clone(),
            safer_choices_when_strong: f.safer_choices_when_strong,
            reached_out: f.reached_out,
            skills: f.skills.clone(),
            needs: f.needs.clone(),
            urges_by_hour: f.urges_by_hour.to_vec(),
            urges_by_weekday: f.urges_by_weekday.to_vec(),
        }
    }
}

/// One week of the series behind the charts.
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct WeekView {
    /// Its start.
    pub from: SystemTime,
    /// Its end.
    pub to: SystemTime,
    /// Urges started.
    pub urges: u32,
    /// Ended without self-harm.
    pub passed_safely: u32,
    /// Times they hurt themselves.
    pub self_harm_episodes: u32,
    /// The median pause.
    pub median_pause: Option<Duration>,
}

/// The progress review: this window, the one before, movement between them.
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct ProgressView {
    /// The window reviewed.
    pub window: Window,
    /// Its figures.
    pub current: FiguresView,
    /// The equal window before it (none for all time).
    pub previous: Option<FiguresView>,
    /// Movement, phrased as movement.
    pub trends: Vec<TrendView>,
    /// The weekly series, oldest first.
    pub weekly: Vec<WeekView>,
    /// Days since the last time they hurt themselves, only if turned on.
    pub days_without: Option<String>,
}

/// One movement between windows, with its words.
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct TrendView {
    /// Which movement.
    pub trend: Trend,
    /// Its words.
    pub text: String,
}

impl From<&Review> for ProgressView {
    fn from(r: &Review) -> Self {
        Self {
            window: r.window,
            current: FiguresView::from(&r.current),
            previous: r.previous.as_ref().map(FiguresView::from),
            trends: r
                .trends
                .iter()
                .map(|t| TrendView {
                    trend: *t,
                    text: t.text().text().to_owned(),
                })
                .collect(),
            weekly: r
                .weekly
                .iter()
                .map(|w| WeekView {
                    from: w.from.into(),
                    to: w.to.into(),
                    urges: w.urges,
                    passed_safely: w.passed_safely,
                    self_harm_episodes: w.self_harm_episodes,
                    median_pause: w.median_pause,
                })
                .collect(),
            days_without: r.days_without.map(|d| {
                let days = match d {
                    DaysWithout::Days(n) => n.to_string(),
                    DaysWithout::NoneLogged => String::new(),
                };
                render(Locale::En, d.text(), &[("days", &days)])
            }),
        }
    }
}

/// The person's settings.
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct SettingsView {
    /// How often sessions check in.
    pub cadence: CheckInCadence,
    /// Goals offered at the start, in minutes.
    pub goal_presets_minutes: Vec<i32>,
    /// Whether the review shows days since the last self-harm.
    pub show_days_without: bool,
    /// Whether the privacy statement has been shown.
    pub privacy_statement_seen: bool,
}
