//! Playing a guide: a sans-IO state machine over its timeline.
//!
//! Time is measured with a [`Stopwatch`], so a clock set backwards neither
//! replays steps nor runs the timeline backwards. Each step starts where the
//! one before it ended; an open step holds the timeline until the person
//! finishes it, and the next step starts at that moment.
//!
//! Cues are coalesced: [`GuideRun::advance`] reports where the guide is now,
//! not every step it passed through since the last call. After a long gap
//! (the app killed mid-guide, the phone asleep) the person gets the step in
//! effect now, or only [`GuideCue::Finished`] if the guide ran out meanwhile;
//! a burst of stale steps and haptics would be noise. A caller that wakes at
//! [`GuideRun::next_wake`] misses nothing, since it comes back at every step.

use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use super::{Guide, StepKind, StepLength};
use crate::clock::Stopwatch;
use crate::content::ContentKey;
use crate::haptics::HapticPattern;

/// A step as it runs: what to show and play, and until when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunningStep {
    /// Its position in the guide's steps.
    pub index: usize,
    /// What it asks.
    pub kind: StepKind,
    /// What the person reads.
    #[serde(deserialize_with = "super::key::deserialize")]
    pub text: ContentKey,
    /// Its full length.
    pub length: StepLength,
    /// What to play as it starts.
    pub haptic: HapticPattern,
    /// When a timed step ends (for a countdown); `None` for an open step.
    /// After a gap this is sooner than `length` from now.
    pub ends_at: Option<DateTime<Utc>>,
}

/// Something the shell shows or plays.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "cue")]
pub enum GuideCue {
    /// A step is now in effect.
    StepStarted(RunningStep),
    /// The last step is over. Given exactly once per run.
    Finished,
}

/// A cue and the instant it falls due, for the OS notification scheduler or
/// a live driver.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduledGuideCue {
    /// When it is due.
    pub at: DateTime<Utc>,
    /// What is due.
    pub cue: GuideCue,
}

/// Where the timeline is: a step and the elapsed time it started at. A
/// step index at or past the end means finished, `started` then being when.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Position {
    step: usize,
    started: Duration,
}

/// A guide being played. Serializable, so a shell can store it and pick it
/// up again after the app is killed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuideRun {
    guide: Guide,
    watch: Stopwatch,
    /// The step in effect at the last reading; the step count once finished.
    step: usize,
    /// Elapsed time at which that step started.
    #[serde(with = "crate::clock::millis")]
    step_started: Duration,
    /// The last step a cue was given for.
    announced: Option<usize>,
    /// Whether [`GuideCue::Finished`] has been given.
    finished_announced: bool,
}

impl GuideRun {
    /// Starts `guide` at `now`. Nothing is cued yet: the first
    /// [`advance`](Self::advance) gives the first step.
    pub fn start(guide: Guide, now: DateTime<Utc>) -> Self {
        let mut run = Self {
            guide,
            watch: Stopwatch::start(now),
            step: 0,
            step_started: Duration::ZERO,
            announced: None,
            finished_announced: false,
        };
        run.set_position(run.settle(run.position(), Duration::ZERO));
        run
    }

    /// The guide being played.
    pub fn guide(&self) -> &Guide {
        &self.guide
    }

    /// Moves the timeline to `now` and returns what is due: the step in
    /// effect now if it has not been cued yet, or [`GuideCue::Finished`]
    /// once if the guide is over. Steps passed over since the last call are
    /// not cued (see the module docs).
    pub fn advance(&mut self, now: DateTime<Utc>) -> Vec<GuideCue> {
        let elapsed = self.watch.observe(now);
        self.set_position(self.settle(self.position(), elapsed));
        self.drain(now)
    }

    /// Pauses at `now`: the time until [`resume`](Self::resume) does not
    /// count, so a timed step goes on where it was. Returns what fell due
    /// up to `now`.
    pub fn pause(&mut self, now: DateTime<Utc>) -> Vec<GuideCue> {
        self.advance(now)
    }

    /// Resumes at `now` after [`pause`](Self::pause), not counting the
    /// time in between.
    pub fn resume(&mut self, now: DateTime<Utc>) {
        self.watch.skip_to(now);
    }

    /// Ends step `index` at `now` if it is the step in effect, and returns
    /// what is then due, as [`advance`](Self::advance) would. This is how an
    /// open step is finished; on a timed step it skips the rest of it. Naming
    /// the step makes a repeated tap harmless: a step already over is left
    /// alone, so the next one is not skipped by mistake.
    pub fn finish_step(&mut self, now: DateTime<Utc>, index: usize) -> Vec<GuideCue> {
        let elapsed = self.watch.observe(now);
        let mut pos = self.settle(self.position(), elapsed);
        if pos.step == index && index < self.guide.steps.len() {
            pos = self.settle(
                Position {
                    step: index + 1,
                    started: elapsed,
                },
                elapsed,
            );
        }
        self.set_position(pos);
        self.drain(now)
    }

    /// The step in effect at `now`, without recording the reading; `None`
    /// once the guide is over.
    pub fn current_step(&self, now: DateTime<Utc>) -> Option<RunningStep> {
        let pos = self.settle(self.position(), self.watch.elapsed_at(now));
        self.running(pos, now)
    }

    /// Whether the last step was over at the latest reading.
    pub fn is_finished(&self) -> bool {
        self.step >= self.guide.steps.len()
    }

    /// When to call [`advance`](Self::advance) next: the next cue's instant,
    /// seen from the latest reading. An instant at or before the latest
    /// reading means a cue is already due. `None` when nothing will happen
    /// by itself: the guide waits on an open step, or it is over.
    pub fn next_wake(&self) -> Option<DateTime<Utc>> {
        let now = self.watch.last_seen();
        self.upcoming(now).first().map(|(at, _)| *at)
    }

    /// Every cue not yet given, with the instant it falls due as seen from
    /// `now`: what is due already (stamped `now`), then each later step up to
    /// an open step (after which nothing can be timed) or
    /// [`GuideCue::Finished`]. No instant is before `now`. Does not record
    /// the reading.
    pub fn schedule(&self, now: DateTime<Utc>) -> Vec<ScheduledGuideCue> {
        self.upcoming(now)
            .into_iter()
            .map(|(at, pos)| ScheduledGuideCue {
                at,
                cue: match self.running(pos, now) {
                    Some(step) => GuideCue::StepStarted(step),
                    None => GuideCue::Finished,
                },
            })
            .collect()
    }

    /// Instants and positions of the cues not yet given, seen from `now`.
    fn upcoming(&self, now: DateTime<Utc>) -> Vec<(DateTime<Utc>, Position)> {
        let mut pos = self.settle(self.position(), self.watch.elapsed_at(now));
        let mut out = Vec::new();
        if self.is_pending(pos) {
            out.push((now, pos));
        }
        while let Some(StepLength::Timed(length)) = self.guide.steps.get(pos.step).map(|s| s.length)
        {
            pos = Position {
                step: pos.step + 1,
                started: pos.started.saturating_add(length),
            };
            let coalesced = self
                .guide
                .steps
                .get(pos.step)
                .is_some_and(|s| s.length == StepLength::Timed(Duration::ZERO));
            if !coalesced {
                out.push((self.instant(now, pos.started), pos));
            }
        }
        out
    }

    /// Whether the cue for `pos` has not been given yet.
    fn is_pending(&self, pos: Position) -> bool {
        if pos.step < self.guide.steps.len() {
            self.announced.is_none_or(|a| a < pos.step)
        } else {
            !self.finished_announced
        }
    }

    /// The cue due at the stored position, marking it given.
    fn drain(&mut self, now: DateTime<Utc>) -> Vec<GuideCue> {
        let pos = self.position();
        if !self.is_pending(pos) {
            return Vec::new();
        }
        match self.running(pos, now) {
            Some(step) => {
                self.announced = Some(pos.step);
                vec![GuideCue::StepStarted(step)]
            }
            None => {
                self.finished_announced = true;
                vec![GuideCue::Finished]
            }
        }
    }

    /// `from` moved on past every timed step that has ended by `elapsed`;
    /// it stops at an open step.
    fn settle(&self, from: Position, elapsed: Duration) -> Position {
        let mut pos = from;
        while let Some(StepLength::Timed(length)) = self.guide.steps.get(pos.step).map(|s| s.length)
        {
            let end = pos.started.saturating_add(length);
            if end > elapsed {
                break;
            }
            pos = Position {
                step: pos.step + 1,
                started: end,
            };
        }
        pos
    }

    /// The step at `pos` as it runs, seen from `now`; `None` past the end.
    fn running(&self, pos: Position, now: DateTime<Utc>) -> Option<RunningStep> {
        let step = self.guide.steps.get(pos.step)?;
        Some(RunningStep {
            index: pos.step,
            kind: step.kind,
            text: step.text,
            length: step.length,
            haptic: step.haptic.clone(),
            ends_at: step
                .length
                .timed()
                .map(|d| self.instant(now, pos.started.saturating_add(d))),
        })
    }

    /// The wall-clock instant the timeline reaches `target`, seen from `now`.
    /// Like [`Stopwatch::instant_of`], but saturating instead of panicking
    /// for a length beyond what a date can hold (a stored run is input).
    fn instant(&self, now: DateTime<Utc>, target: Duration) -> DateTime<Utc> {
        let remaining = target.saturating_sub(self.watch.elapsed_at(now));
        TimeDelta::from_std(remaining)
            .ok()
            .and_then(|d| now.checked_add_signed(d))
            .unwrap_or(DateTime::<Utc>::MAX_UTC)
    }

    fn position(&self) -> Position {
        Position {
            step: self.step,
            started: self.step_started,
        }
    }

    fn set_position(&mut self, pos: Position) {
        self.step = pos.step;
        self.step_started = pos.started;
    }
}
