//! Urge sessions: the timer a person starts when an urge comes.
//!
//! An [`UrgeSession`] is a pure state machine over instants the caller passes
//! in, shaped like quinn-proto's connection: [`UrgeSession::advance`] returns
//! the cues that are due, [`UrgeSession::next_wake`] says when to come back,
//! and [`UrgeSession::schedule`] lists every future cue with its UTC instant so
//! a phone can hand them to the OS notification scheduler while the app is
//! suspended or killed. Nothing here reads a clock or sleeps.
//!
//! Time is measured by a [`Stopwatch`]: a clock set backwards neither replays
//! cues nor makes a pause negative, and because every instant is UTC, a
//! time-zone or daylight-saving change during a session changes nothing but
//! how a shell prints local times. After a long gap (the app was killed for
//! hours) the cues that were missed are coalesced: the latest of each kind,
//! and only "goal reached" once the goal has passed, never a backlog.

use std::time::Duration;

use chrono::{DateTime, FixedOffset, Offset, Utc};
use serde::{Deserialize, Serialize};

use crate::clock::{Stopwatch, millis};
use crate::content::ContentKey;

/// How strong an urge feels, 0 (none) to 10 (as strong as it gets).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Intensity(u8);

/// An intensity outside 0..=10.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("intensity must be between 0 and 10, got {0}")]
pub struct IntensityOutOfRange(pub i64);

impl Intensity {
    /// The strongest.
    pub const MAX: Intensity = Intensity(10);
    /// From this level up an urge counts as strong (used for "still strong"
    /// offers and for safer choices made when it mattered most).
    pub const STRONG: Intensity = Intensity(7);

    /// Validates 0..=10.
    pub fn new(value: u8) -> Result<Self, IntensityOutOfRange> {
        if value <= 10 {
            Ok(Self(value))
        } else {
            Err(IntensityOutOfRange(i64::from(value)))
        }
    }

    /// The number 0..=10.
    pub const fn value(self) -> u8 {
        self.0
    }

    /// Whether this counts as a strong urge.
    pub fn is_strong(self) -> bool {
        self >= Self::STRONG
    }
}

impl TryFrom<u8> for Intensity {
    type Error = IntensityOutOfRange;
    fn try_from(value: u8) -> Result<Self, Self::Error> {
        Self::new(value)
    }
}

impl From<Intensity> for u8 {
    fn from(i: Intensity) -> u8 {
        i.0
    }
}

/// What the urge is for: the function self-harm would serve right now.
/// Replacement skills are chosen to serve the same need.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum Need {
    /// Feelings are too much; the urge is to bring them down.
    TooMuch,
    /// Numb or empty, too little; the urge is to feel something.
    Numb,
    /// The pain is invisible; the urge is to make it seen.
    MakePainVisible,
    /// Powerless; the urge is to have control.
    Control,
    /// The urge is to punish oneself.
    SelfPunishment,
    /// They are not sure, or would rather not say.
    NotSure,
}

impl Need {
    /// Every need, in the order screens offer them.
    pub const ALL: [Need; 6] = [
        Need::TooMuch,
        Need::Numb,
        Need::MakePainVisible,
        Need::Control,
        Need::SelfPunishment,
        Need::NotSure,
    ];

    /// How the need is offered as a choice.
    pub fn label(self) -> ContentKey {
        ContentKey::new(match self {
            Need::TooMuch => "need.too_much",
            Need::Numb => "need.numb",
            Need::MakePainVisible => "need.make_pain_visible",
            Need::Control => "need.control",
            Need::SelfPunishment => "need.self_punishment",
            Need::NotSure => "need.not_sure",
        })
    }
}

/// What an urge may be carrying: a feeling the person can name at a
/// check-in, if they like. Naming a feeling can take a little of its
/// weight (affect labelling), and over time shows which feelings bring
/// urges and what helped with each. Never required, never scored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum Feeling {
    /// Overwhelmed.
    Overwhelmed,
    /// Angry.
    Angry,
    /// Sad.
    Sad,
    /// Anxious or afraid.
    Anxious,
    /// Ashamed.
    Ashamed,
    /// Lonely.
    Lonely,
    /// Empty or numb.
    Empty,
    /// Something else, or not sure.
    SomethingElse,
}

impl Feeling {
    /// Every feeling, in the order screens offer them.
    pub const ALL: [Feeling; 8] = [
        Feeling::Overwhelmed,
        Feeling::Angry,
        Feeling::Sad,
        Feeling::Anxious,
        Feeling::Ashamed,
        Feeling::Lonely,
        Feeling::Empty,
        Feeling::SomethingElse,
    ];

    /// How the feeling is offered and shown.
    pub fn label(self) -> ContentKey {
        ContentKey::new(match self {
            Feeling::Overwhelmed => "feeling.overwhelmed",
            Feeling::Angry => "feeling.angry",
            Feeling::Sad => "feeling.sad",
            Feeling::Anxious => "feeling.anxious",
            Feeling::Ashamed => "feeling.ashamed",
            Feeling::Lonely => "feeling.lonely",
            Feeling::Empty => "feeling.empty",
            Feeling::SomethingElse => "feeling.something_else",
        })
    }
}

/// Where the person started the session from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum Source {
    /// A home-screen widget.
    Widget,
    /// A watch app or complication.
    Watch,
    /// The phone app itself.
    PhoneApp,
    /// A notification action.
    Notification,
    /// The terminal companion.
    Terminal,
}

/// How often Ebb asks how strong the urge is. The person chooses; never is a
/// real choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum CheckInCadence {
    /// No timed check-ins.
    Never,
    /// Every minute, as short sessions do.
    EveryMinute,
    /// Every two minutes.
    #[default]
    EveryTwoMinutes,
    /// Every five minutes.
    EveryFiveMinutes,
}

impl CheckInCadence {
    /// Every cadence, in the order a settings screen lists them.
    pub const ALL: [CheckInCadence; 4] = [
        CheckInCadence::Never,
        CheckInCadence::EveryMinute,
        CheckInCadence::EveryTwoMinutes,
        CheckInCadence::EveryFiveMinutes,
    ];

    /// Time between check-ins, or `None` for never.
    pub fn interval(self) -> Option<Duration> {
        match self {
            CheckInCadence::Never => None,
            CheckInCadence::EveryMinute => Some(MINUTE),
            CheckInCadence::EveryTwoMinutes => Some(2 * MINUTE),
            CheckInCadence::EveryFiveMinutes => Some(5 * MINUTE),
        }
    }
}

const MINUTE: Duration = Duration::from_secs(60);

/// How long the person means to wait before acting on the urge.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u64", into = "u64")]
pub struct DelayGoal(Duration);

/// Why a delay goal was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DelayGoalError {
    /// Goals are whole minutes from one minute up to [`DelayGoal::MAX`].
    #[error("a delay goal is a whole number of minutes from 1 to 240, got {0} seconds")]
    OutOfRange(u64),
}

impl DelayGoal {
    /// Five minutes: a first, reachable pause.
    pub const FIVE_MINUTES: DelayGoal = DelayGoal(Duration::from_secs(5 * 60));
    /// Fifteen minutes.
    pub const FIFTEEN_MINUTES: DelayGoal = DelayGoal(Duration::from_secs(15 * 60));
    /// Thirty minutes: most urges have eased by then (Nock et al. 2009 saw
    /// thoughts of self-injury last 1 to 30 minutes).
    pub const THIRTY_MINUTES: DelayGoal = DelayGoal(Duration::from_secs(30 * 60));
    /// The presets offered at the start.
    pub const PRESETS: [DelayGoal; 3] = [
        DelayGoal::FIVE_MINUTES,
        DelayGoal::FIFTEEN_MINUTES,
        DelayGoal::THIRTY_MINUTES,
    ];
    /// The longest goal (four hours); a timer longer than that stops being a
    /// pause and becomes a chore.
    pub const MAX: DelayGoal = DelayGoal(Duration::from_secs(240 * 60));

    /// A goal of whole minutes, 1 to 240.
    pub fn from_minutes(minutes: u64) -> Result<Self, DelayGoalError> {
        Self::try_from(minutes.saturating_mul(60))
    }

    /// The goal as a duration.
    pub fn duration(self) -> Duration {
        self.0
    }

    /// Whole minutes.
    pub fn minutes(self) -> u64 {
        self.0.as_secs() / 60
    }
}

impl TryFrom<u64> for DelayGoal {
    type Error = DelayGoalError;
    /// From whole seconds, which must be whole minutes within range.
    fn try_from(secs: u64) -> Result<Self, Self::Error> {
        if secs >= 60 && secs.is_multiple_of(60) && secs <= Self::MAX.0.as_secs() {
            Ok(Self(Duration::from_secs(secs)))
        } else {
            Err(DelayGoalError::OutOfRange(secs))
        }
    }
}

impl From<DelayGoal> for u64 {
    fn from(g: DelayGoal) -> u64 {
        g.0.as_secs()
    }
}

/// How a session ended, in the person's own words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum Outcome {
    /// The urge passed.
    Passed,
    /// They used a safer skill.
    UsedSkill,
    /// They reached out to someone.
    ReachedOut,
    /// They self-harmed. Logging it is safe: nothing happens beyond the log,
    /// and if they say it needs medical care they are shown care information.
    SelfHarmed {
        /// Whether they said the injury may need medical care.
        needs_medical_care: bool,
    },
    /// They closed the session without saying.
    EndedWithoutSaying,
}

impl Outcome {
    /// Whether the pause ended without self-harm and with the person telling
    /// how it went; these pauses shape the suggested goal.
    pub fn is_safe_pause(self) -> bool {
        matches!(
            self,
            Outcome::Passed | Outcome::UsedSkill | Outcome::ReachedOut
        )
    }

    /// The acknowledgement shown when the session ends this way.
    pub fn acknowledgement(self) -> ContentKey {
        ContentKey::new(match self {
            Outcome::Passed => "urge.outcome.passed",
            Outcome::UsedSkill => "urge.outcome.used_skill",
            Outcome::ReachedOut => "urge.outcome.reached_out",
            Outcome::SelfHarmed { .. } => "urge.outcome.self_harmed",
            Outcome::EndedWithoutSaying => "urge.outcome.ended_without_saying",
        })
    }
}

/// The time from starting a session to saying how it went: the pause the
/// person made between urge and action. Every longer one counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PauseLength(#[serde(with = "millis")] Duration);

impl PauseLength {
    /// Wraps a duration.
    pub const fn new(d: Duration) -> Self {
        Self(d)
    }

    /// The pause as a duration.
    pub const fn duration(self) -> Duration {
        self.0
    }

    /// Whole minutes, rounded down.
    pub fn whole_minutes(self) -> u64 {
        self.0.as_secs() / 60
    }
}

/// What a cue is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum CueKind {
    /// Time to ask how strong the urge is.
    CheckIn,
    /// Half of the goal has passed.
    Halfway,
    /// The goal has been reached.
    GoalReached,
    /// The urge is still strong after two skills (or at the goal): offer,
    /// never push, reaching a safe person or a line.
    StillStrong,
}

/// Something the shell should show, say or play now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Cue {
    /// What it is about.
    pub kind: CueKind,
    /// The point in the session it belongs to (elapsed time since start).
    #[serde(with = "millis")]
    pub at: Duration,
    /// Whether it asks for the urge's intensity (a check-in; the halfway cue
    /// also asks when check-ins are on, so two prompts never collide).
    pub asks_intensity: bool,
}

impl Cue {
    /// The words for it.
    pub fn text(&self) -> ContentKey {
        ContentKey::new(match self.kind {
            CueKind::CheckIn => "urge.cue.check_in",
            CueKind::Halfway if self.asks_intensity => "urge.cue.halfway_check_in",
            CueKind::Halfway => "urge.cue.halfway",
            CueKind::GoalReached => "urge.cue.goal_reached",
            CueKind::StillStrong => "urge.cue.still_strong",
        })
    }
}

/// A future cue with the UTC instant it falls due, for a notification
/// scheduler.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ScheduledCue {
    /// When it falls due.
    pub due: DateTime<Utc>,
    /// The cue.
    pub cue: Cue,
}

/// A reading of how strong the urge is, during a session.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckIn {
    /// When, as elapsed session time.
    #[serde(with = "millis")]
    pub at: Duration,
    /// How strong.
    pub intensity: Intensity,
}

/// A skill the person turned to during the session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkillTry {
    /// When, as elapsed session time.
    #[serde(with = "millis")]
    pub at: Duration,
    /// Which skill (its catalog or personal id).
    pub skill: String,
}

/// What a person chose when starting a session.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StartOptions {
    /// Where it was started from.
    pub source: Source,
    /// How strong the urge is, if they said.
    pub intensity: Option<Intensity>,
    /// What the urge is for, if they said.
    pub need: Option<Need>,
    /// How long they mean to wait.
    pub goal: DelayGoal,
    /// How often to ask how strong it is.
    pub cadence: CheckInCadence,
    /// The local UTC offset where they are, in seconds east of UTC, for
    /// showing local times later. Timers never use it.
    pub utc_offset_secs: i32,
}

/// The session's end.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ended {
    /// How it went.
    pub outcome: Outcome,
    /// The pause made.
    pub pause: PauseLength,
    /// The wall-clock instant it was ended.
    pub at: DateTime<Utc>,
    /// Closed after being left open far past its goal
    /// ([`UrgeSession::is_forgotten`]): the pause is the time up to the
    /// person's last touch, and it does not shape the suggested goal.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub forgotten: bool,
}

/// Why an action on a session was refused. Nothing changes when one is
/// returned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum UrgeError {
    /// The session already has its outcome; start a new one.
    #[error("this session has already ended")]
    AlreadyEnded,
    /// An extension must make the goal longer.
    #[error("the new goal must be longer than the current one")]
    GoalNotLonger,
    /// The goal would be out of range.
    #[error(transparent)]
    Goal(#[from] DelayGoalError),
    /// The UTC offset is not a real one (more than a day).
    #[error("a UTC offset must be within a day, got {0} seconds")]
    BadUtcOffset(i32),
}

/// One urge, from the tap that started it to the outcome.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UrgeSession {
    source: Source,
    need: Option<Need>,
    start_intensity: Option<Intensity>,
    goal: DelayGoal,
    cadence: CheckInCadence,
    utc_offset_secs: i32,
    clock: Stopwatch,
    /// Timed cues at or before this point have been delivered.
    #[serde(with = "millis")]
    delivered_until: Duration,
    check_ins: Vec<CheckIn>,
    skills: Vec<SkillTry>,
    still_strong_offered: bool,
    ended: Option<Ended>,
    /// Elapsed time at the person's last touch: the start, a check-in, a
    /// skill, an extension or naming the need or a feeling. Cue deliveries
    /// do not count.
    #[serde(default, with = "millis")]
    touched: Duration,
    /// Feelings the person named, in the order first named.
    #[serde(default)]
    feelings: Vec<Feeling>,
}

/// How many skills make "still strong after two skills".
const SKILLS_BEFORE_OFFER: usize = 2;

/// How far past its goal, and how long untouched, a running timer must be
/// to count as forgotten.
///
/// Thoughts of self-injury mostly last 1 to 30 minutes (Nock et al. 2009),
/// goals are at most four hours, and no cue comes after the goal. A timer
/// two hours past its goal that nobody has touched for two hours is no
/// longer measuring a pause the person is making: it was left open. Two
/// hours is long enough that a person who stays with a long goal, or checks
/// in late, is never cut short, and short enough that a timer left over
/// night is asked about, not counted.
pub const FORGOTTEN_AFTER: Duration = Duration::from_secs(2 * 60 * 60);

impl UrgeSession {
    /// Starts a session at `now`. Nothing is due at once: the timer is
    /// running when this returns.
    pub fn start(now: DateTime<Utc>, options: StartOptions) -> Result<Self, UrgeError> {
        if FixedOffset::east_opt(options.utc_offset_secs).is_none() {
            return Err(UrgeError::BadUtcOffset(options.utc_offset_secs));
        }
        Ok(Self {
            source: options.source,
            need: options.need,
            start_intensity: options.intensity,
            goal: options.goal,
            cadence: options.cadence,
            utc_offset_secs: options.utc_offset_secs,
            clock: Stopwatch::start(now),
            delivered_until: Duration::ZERO,
            check_ins: Vec::new(),
            skills: Vec::new(),
            still_strong_offered: false,
            ended: None,
            touched: Duration::ZERO,
            feelings: Vec::new(),
        })
    }

    /// Where it was started from.
    pub fn source(&self) -> Source {
        self.source
    }

    /// What the urge is for, if they said.
    pub fn need(&self) -> Option<Need> {
        self.need
    }

    /// The intensity given at the start, if any.
    pub fn start_intensity(&self) -> Option<Intensity> {
        self.start_intensity
    }

    /// The current goal.
    pub fn goal(&self) -> DelayGoal {
        self.goal
    }

    /// The check-in cadence.
    pub fn cadence(&self) -> CheckInCadence {
        self.cadence
    }

    /// The UTC instant it started.
    pub fn started_at(&self) -> DateTime<Utc> {
        self.clock.started_at()
    }

    /// The start in the local time where it began.
    pub fn started_local(&self) -> DateTime<FixedOffset> {
        let offset = FixedOffset::east_opt(self.utc_offset_secs).unwrap_or(Utc.fix());
        self.clock.started_at().with_timezone(&offset)
    }

    /// Check-ins so far, oldest first.
    pub fn check_ins(&self) -> &[CheckIn] {
        &self.check_ins
    }

    /// Skills tried so far, oldest first.
    pub fn skills_tried(&self) -> &[SkillTry] {
        &self.skills
    }

    /// The end, once there is one.
    pub fn ended(&self) -> Option<&Ended> {
        self.ended.as_ref()
    }

    /// Whether the session is still running.
    pub fn is_running(&self) -> bool {
        self.ended.is_none()
    }

    /// Time waited so far as of `now` (frozen once ended).
    pub fn elapsed(&self, now: DateTime<Utc>) -> Duration {
        match &self.ended {
            Some(end) => end.pause.duration(),
            None => self.clock.elapsed_at(now),
        }
    }

    /// Time left until the goal as of `now`, zero once reached.
    pub fn remaining(&self, now: DateTime<Utc>) -> Duration {
        self.goal.duration().saturating_sub(self.elapsed(now))
    }

    /// The latest intensity known: the last check-in, else the start.
    pub fn latest_intensity(&self) -> Option<Intensity> {
        self.check_ins
            .last()
            .map(|c| c.intensity)
            .or(self.start_intensity)
    }

    /// Whether the urge is still strong (the latest reading) after two
    /// skills: the moment to offer reaching a safe person first.
    pub fn still_strong_after_skills(&self) -> bool {
        self.skills.len() >= SKILLS_BEFORE_OFFER
            && self.latest_intensity().is_some_and(Intensity::is_strong)
    }

    /// Delivers the cues due by `now`, coalesced after a gap.
    pub fn advance(&mut self, now: DateTime<Utc>) -> Vec<Cue> {
        if self.ended.is_some() {
            return Vec::new();
        }
        let elapsed = self.clock.observe(now);
        if elapsed <= self.delivered_until {
            return Vec::new();
        }
        let due: Vec<Cue> = self
            .timed_cues()
            .filter(|c| c.at > self.delivered_until && c.at <= elapsed)
            .collect();
        self.delivered_until = elapsed;
        let mut cues = coalesce(due);
        if cues.iter().any(|c| c.kind == CueKind::GoalReached)
            && self.latest_intensity().is_some_and(Intensity::is_strong)
        {
            cues.extend(self.offer_reaching_out(elapsed));
        }
        cues
    }

    /// When the next timed cue falls due, from the latest instant seen; `None`
    /// when nothing more is timed (or the session has ended).
    pub fn next_wake(&self) -> Option<DateTime<Utc>> {
        let last = self.clock.last_seen();
        self.schedule_from(last, self.delivered_until)
            .next()
            .map(|s| s.due)
    }

    /// Every timed cue still to come, with its UTC instant seen from `now`,
    /// for handing to a notification scheduler. All are after `now`.
    pub fn schedule(&self, now: DateTime<Utc>) -> Vec<ScheduledCue> {
        let from = self.delivered_until.max(self.clock.elapsed_at(now));
        self.schedule_from(now, from).collect()
    }

    /// Records how strong the urge is now. May offer reaching out when it is
    /// still strong after two skills.
    pub fn check_in(
        &mut self,
        now: DateTime<Utc>,
        intensity: Intensity,
    ) -> Result<Vec<Cue>, UrgeError> {
        self.ensure_running()?;
        let at = self.clock.observe(now);
        self.touched = at;
        self.check_ins.push(CheckIn { at, intensity });
        if self.still_strong_after_skills() {
            return Ok(self.offer_reaching_out(at).into_iter().collect());
        }
        Ok(Vec::new())
    }

    /// Records that the person turned to a skill.
    pub fn skill_used(&mut self, now: DateTime<Utc>, skill: &str) -> Result<(), UrgeError> {
        self.ensure_running()?;
        let at = self.clock.observe(now);
        self.touched = at;
        self.skills.push(SkillTry {
            at,
            skill: skill.to_owned(),
        });
        Ok(())
    }

    /// Makes the goal longer while the session runs (also after the old goal
    /// was reached). Cues for the new goal follow from the current point.
    pub fn extend(&mut self, now: DateTime<Utc>, goal: DelayGoal) -> Result<(), UrgeError> {
        self.ensure_running()?;
        if goal <= self.goal {
            return Err(UrgeError::GoalNotLonger);
        }
        self.touched = self.clock.observe(now);
        self.goal = goal;
        Ok(())
    }

    /// Names (or renames) what the urge is for while the session runs.
    pub fn name_need(&mut self, now: DateTime<Utc>, need: Need) -> Result<(), UrgeError> {
        self.ensure_running()?;
        self.touched = self.clock.observe(now);
        self.need = Some(need);
        Ok(())
    }

    /// Names a feeling the urge is carrying while the session runs. A
    /// feeling already named is kept once.
    pub fn name_feeling(&mut self, now: DateTime<Utc>, feeling: Feeling) -> Result<(), UrgeError> {
        self.ensure_running()?;
        self.touched = self.clock.observe(now);
        if !self.feelings.contains(&feeling) {
            self.feelings.push(feeling);
        }
        Ok(())
    }

    /// The feelings named, in the order first named.
    pub fn feelings(&self) -> &[Feeling] {
        &self.feelings
    }

    /// Whether the timer was left open: running, more than
    /// [`FORGOTTEN_AFTER`] past its goal and untouched for as long.
    pub fn is_forgotten(&self, now: DateTime<Utc>) -> bool {
        let elapsed = self.elapsed(now);
        self.is_running()
            && elapsed > self.goal.duration() + FORGOTTEN_AFTER
            && elapsed.saturating_sub(self.touched) > FORGOTTEN_AFTER
    }

    /// Closes a forgotten timer with how it went. The pause is the time up
    /// to the last touch, not the gap, and the end is marked
    /// [`Ended::forgotten`] so it does not shape the suggested goal.
    pub fn end_forgotten(
        &mut self,
        now: DateTime<Utc>,
        outcome: Outcome,
    ) -> Result<Ended, UrgeError> {
        self.ensure_running()?;
        self.clock.observe(now);
        let ended = Ended {
            outcome,
            pause: PauseLength::new(self.touched),
            at: now,
            forgotten: true,
        };
        self.ended = Some(ended);
        Ok(ended)
    }

    /// Ends the session with how it went. The pause is the time from the
    /// start to now. A session ends once.
    pub fn end(&mut self, now: DateTime<Utc>, outcome: Outcome) -> Result<Ended, UrgeError> {
        self.ensure_running()?;
        let pause = PauseLength::new(self.clock.observe(now));
        let ended = Ended {
            outcome,
            pause,
            at: now,
            forgotten: false,
        };
        self.ended = Some(ended);
        Ok(ended)
    }

    fn ensure_running(&self) -> Result<(), UrgeError> {
        match self.ended {
            Some(_) => Err(UrgeError::AlreadyEnded),
            None => Ok(()),
        }
    }

    fn offer_reaching_out(&mut self, at: Duration) -> Option<Cue> {
        if self.still_strong_offered {
            return None;
        }
        self.still_strong_offered = true;
        Some(Cue {
            kind: CueKind::StillStrong,
            at,
            asks_intensity: false,
        })
    }

    /// The timed cues of the current goal and cadence, in order. Check-ins
    /// fall on whole multiples of the cadence before the goal; one on the
    /// halfway point is folded into the halfway cue.
    fn timed_cues(&self) -> impl Iterator<Item = Cue> + use<> {
        let goal = self.goal.duration();
        let halfway = goal / 2;
        let checks = self.cadence.interval();
        let asks = checks.is_some();
        let check_ins = checks
            .into_iter()
            .flat_map(move |every| (1u32..).map(move |k| every * k))
            .take_while(move |at| *at < goal)
            .filter(move |at| *at != halfway)
            .map(|at| Cue {
                kind: CueKind::CheckIn,
                at,
                asks_intensity: true,
            });
        let milestones = [
            Cue {
                kind: CueKind::Halfway,
                at: halfway,
                asks_intensity: asks,
            },
            Cue {
                kind: CueKind::GoalReached,
                at: goal,
                asks_intensity: false,
            },
        ];
        let mut all: Vec<Cue> = check_ins.chain(milestones).collect();
        all.sort_by_key(|c| (c.at, c.kind == CueKind::GoalReached));
        all.into_iter()
    }

    fn schedule_from(
        &self,
        now: DateTime<Utc>,
        from: Duration,
    ) -> impl Iterator<Item = ScheduledCue> + '_ {
        let running = self.ended.is_none();
        self.timed_cues()
            .filter(move |c| running && c.at > from)
            .map(move |cue| ScheduledCue {
                due: self.clock.instant_of(now, cue.at),
                cue,
            })
    }
}

/// After a gap, keep the latest cue of each kind; once the goal is among
/// them, earlier prompts are stale and only the goal remains.
fn coalesce(due: Vec<Cue>) -> Vec<Cue> {
    if let Some(goal) = due.iter().find(|c| c.kind == CueKind::GoalReached) {
        return vec![*goal];
    }
    let mut kept: Vec<Cue> = Vec::new();
    for cue in due.into_iter().rev() {
        if !kept.iter().any(|k| k.kind == cue.kind) {
            kept.push(cue);
        }
    }
    kept.reverse();
    kept
}

/// A finished session's pause, for suggesting the next goal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PastPause {
    /// How long it was.
    pub pause: PauseLength,
    /// How it ended.
    pub outcome: Outcome,
}

/// The most a suggestion grows past the recent median on its own.
const SUGGESTION_STEP_CAP: Duration = Duration::from_secs(5 * 60);
/// Suggestions stop growing on their own at one hour.
const SUGGESTION_CEILING: Duration = Duration::from_secs(60 * 60);
/// How many recent safe pauses the suggestion looks at.
const SUGGESTION_WINDOW: usize = 5;

/// A goal to suggest at the start, grown gently from the person's own recent
/// pauses (`history` oldest first).
///
/// The rule:
/// 1. Take the last five pauses that ended safely ([`Outcome::is_safe_pause`]).
///    With none, suggest five minutes.
/// 2. Grow their median by a fifth, by at most five minutes, rounded up to
///    the whole minute.
/// 3. Growth stops at one hour: Ebb does not push longer on its own.
/// 4. Never suggest less than the last safe pause (rounded up to the minute),
///    even above the hour: what they achieved stays reachable.
/// 5. Keep within 5 minutes and [`DelayGoal::MAX`].
pub fn suggested_goal(history: &[PastPause]) -> DelayGoal {
    let recent: Vec<Duration> = history
        .iter()
        .rev()
        .filter(|p| p.outcome.is_safe_pause())
        .take(SUGGESTION_WINDOW)
        .map(|p| p.pause.duration())
        .collect();
    let Some(&last) = recent.first() else {
        return DelayGoal::FIVE_MINUTES;
    };
    let mut sorted = recent.clone();
    sorted.sort();
    let median = sorted[sorted.len() / 2];
    let grown = median + (median / 5).min(SUGGESTION_STEP_CAP);
    let target = ceil_minute(grown)
        .min(SUGGESTION_CEILING)
        .max(ceil_minute(last))
        .clamp(DelayGoal::FIVE_MINUTES.0, DelayGoal::MAX.0);
    DelayGoal(target)
}

fn ceil_minute(d: Duration) -> Duration {
    let secs = d.as_secs() + u64::from(d.subsec_nanos() > 0);
    Duration::from_secs(secs.div_ceil(60) * 60)
}
