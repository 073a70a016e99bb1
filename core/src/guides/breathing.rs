//! Breathing pacers.
//!
//! Each [`BreathingPattern`] is one breath: a few phases (in, hold, out) with
//! fixed lengths. A session repeats it for 1 to 5 minutes. Inhales are felt
//! as a rising buzz, exhales as a falling one, holds as a single soft tap.
//!
//! Sources: DBT paced breathing (in 4 s, out 6–8 s); cyclic sighing (Balban
//! et al. 2023, Cell Reports Medicine: a full breath in, a short top-up, a
//! long breath out); box breathing 4-4-4-4; resonance breathing at about six
//! breaths a minute; Apple's Breathe, whose default is seven a minute.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::{Guide, GuideError, GuideId, Step, StepKind, StepLength, feel};
use crate::content::ContentKey;
use crate::haptics::{HapticPattern, Level};

/// The shortest breathing session.
pub const MIN_BREATHING_LENGTH: Duration = Duration::from_secs(60);
/// The longest breathing session.
pub const MAX_BREATHING_LENGTH: Duration = Duration::from_secs(5 * 60);
/// The session length of [`guide(GuideId::Breathing)`](super::guide): DBT
/// suggests one to two minutes of paced breathing.
pub const DEFAULT_BREATHING_LENGTH: Duration = Duration::from_secs(2 * 60);

/// When the pacer starts from the person's own pace, each breath is this
/// fraction longer than the one before until the pattern's pace is reached.
const SLOWING_PER_BREATH: f64 = 0.15;
/// The fastest breath a pacer starts at (20 a minute): quicker than this is
/// hard to follow, so a faster current pace starts here.
const FASTEST_START: Duration = Duration::from_secs(3);

/// A way of breathing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "pattern")]
pub enum BreathingPattern {
    /// In 3.5 s, out 5 s: about 7 breaths a minute, an easy pace to follow.
    #[default]
    Gentle,
    /// In 4 s, out 6 to 8 s (DBT paced breathing).
    ExtendedExhale {
        /// How long the breath out lasts.
        exhale: ExhaleLength,
    },
    /// In 2.5 s, a 1 s top-up breath in, out 7 s: the breath out is twice
    /// the two breaths in together (cyclic sighing).
    CyclicSighing,
    /// In, hold, out, hold, 4 s each.
    Box,
    /// In 5 s, out 5 s: 6 breaths a minute (resonance breathing).
    Resonance,
}

impl BreathingPattern {
    /// Every pattern, with the default longer breath out.
    pub const ALL: [BreathingPattern; 5] = [
        BreathingPattern::Gentle,
        BreathingPattern::ExtendedExhale {
            exhale: ExhaleLength::DEFAULT,
        },
        BreathingPattern::CyclicSighing,
        BreathingPattern::Box,
        BreathingPattern::Resonance,
    ];

    /// How long one breath takes at the pattern's pace.
    pub fn cycle(self) -> Duration {
        self.phases().iter().map(|p| p.length).sum()
    }

    /// The pattern's name.
    pub fn title(self) -> ContentKey {
        ContentKey::new(match self {
            BreathingPattern::Gentle => "guide.breathing.gentle.title",
            BreathingPattern::ExtendedExhale { .. } => "guide.breathing.extended_exhale.title",
            BreathingPattern::CyclicSighing => "guide.breathing.cyclic_sighing.title",
            BreathingPattern::Box => "guide.breathing.box.title",
            BreathingPattern::Resonance => "guide.breathing.resonance.title",
        })
    }

    /// How to follow it, shown before it starts.
    pub fn intro(self) -> ContentKey {
        ContentKey::new(match self {
            BreathingPattern::Gentle => "guide.breathing.gentle.intro",
            BreathingPattern::ExtendedExhale { .. } => "guide.breathing.extended_exhale.intro",
            BreathingPattern::CyclicSighing => "guide.breathing.cyclic_sighing.intro",
            BreathingPattern::Box => "guide.breathing.box.intro",
            BreathingPattern::Resonance => "guide.breathing.resonance.intro",
        })
    }

    fn phases(self) -> Vec<Phase> {
        let ms = Duration::from_millis;
        match self {
            BreathingPattern::Gentle => vec![Phase::inhale(ms(3500)), Phase::exhale(ms(5000))],
            BreathingPattern::ExtendedExhale { exhale } => {
                vec![Phase::inhale(ms(4000)), Phase::exhale(exhale.duration())]
            }
            BreathingPattern::CyclicSighing => vec![
                Phase::inhale(ms(2500)),
                Phase {
                    kind: StepKind::Inhale,
                    text: ContentKey::new("guide.breathing.top_up"),
                    length: ms(1000),
                    feel: Feel::TopUp,
                },
                Phase {
                    kind: StepKind::Exhale,
                    text: ContentKey::new("guide.breathing.out_slowly"),
                    length: ms(7000),
                    feel: Feel::Fall,
                },
            ],
            BreathingPattern::Box => vec![
                Phase::inhale(ms(4000)),
                Phase::hold(ms(4000)),
                Phase::exhale(ms(4000)),
                Phase::hold(ms(4000)),
            ],
            BreathingPattern::Resonance => {
                vec![Phase::inhale(ms(5000)), Phase::exhale(ms(5000))]
            }
        }
    }
}

/// How long the breath out of [`BreathingPattern::ExtendedExhale`] lasts:
/// 6 to 8 whole seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct ExhaleLength(u8);

impl ExhaleLength {
    /// Six seconds, the easiest to start with.
    pub const DEFAULT: ExhaleLength = ExhaleLength(6);

    /// Validates 6..=8 seconds.
    pub fn from_secs(secs: u8) -> Result<Self, GuideError> {
        if (6..=8).contains(&secs) {
            Ok(Self(secs))
        } else {
            Err(GuideError::ExhaleLength(secs))
        }
    }

    /// Whole seconds, 6..=8.
    pub const fn secs(self) -> u8 {
        self.0
    }

    /// As a duration.
    pub fn duration(self) -> Duration {
        Duration::from_secs(u64::from(self.0))
    }
}

impl Default for ExhaleLength {
    fn default() -> Self {
        Self::DEFAULT
    }
}

impl TryFrom<u8> for ExhaleLength {
    type Error = GuideError;
    fn try_from(secs: u8) -> Result<Self, Self::Error> {
        Self::from_secs(secs)
    }
}

impl From<ExhaleLength> for u8 {
    fn from(e: ExhaleLength) -> u8 {
        e.0
    }
}

/// A breathing pace in whole breaths a minute, 2 to 60: the person's pace
/// right now, measured by a watch or tapped along.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct BreathsPerMinute(u8);

impl BreathsPerMinute {
    /// The slowest pace accepted.
    pub const MIN: u8 = 2;
    /// The fastest pace accepted.
    pub const MAX: u8 = 60;

    /// Validates [`Self::MIN`]..=[`Self::MAX`].
    pub fn new(per_minute: u8) -> Result<Self, GuideError> {
        if (Self::MIN..=Self::MAX).contains(&per_minute) {
            Ok(Self(per_minute))
        } else {
            Err(GuideError::Pace(per_minute))
        }
    }

    /// Breaths a minute.
    pub const fn value(self) -> u8 {
        self.0
    }

    /// How long one breath takes at this pace.
    pub fn cycle(self) -> Duration {
        Duration::from_secs(60) / u32::from(self.0)
    }
}

impl TryFrom<u8> for BreathsPerMinute {
    type Error = GuideError;
    fn try_from(n: u8) -> Result<Self, Self::Error> {
        Self::new(n)
    }
}

impl From<BreathsPerMinute> for u8 {
    fn from(b: BreathsPerMinute) -> u8 {
        b.0
    }
}

/// A breathing session of `pattern` lasting `length` (1 to 5 minutes).
///
/// The session ends on a whole breath: breaths are added while the total
/// stays nearest to `length`, so it is at most half a breath longer or
/// shorter than asked (and always at least one breath).
///
/// With `start_pace`, the first breath is at the person's own pace (no faster
/// than 20 a minute) with every phase shortened in proportion, and each later
/// breath is 15% longer than the one before until the pattern's pace is
/// reached; from then on every breath is the same. Phase lengths therefore
/// never shrink. From 20 a minute this takes 7 breaths (about 35 s) to the
/// gentle pace and 12 (about 90 s) to box breathing, so a short session of a
/// slow pattern may end on the way. A start pace already at or below the
/// pattern's is ignored.
pub fn breathing(
    pattern: BreathingPattern,
    length: Duration,
    start_pace: Option<BreathsPerMinute>,
) -> Result<Guide, GuideError> {
    if !(MIN_BREATHING_LENGTH..=MAX_BREATHING_LENGTH).contains(&length) {
        return Err(GuideError::SessionLength { requested: length });
    }
    Ok(session(pattern, length, start_pace))
}

/// The default breathing guide.
pub(super) fn default_guide() -> Guide {
    session(BreathingPattern::default(), DEFAULT_BREATHING_LENGTH, None)
}

/// `count` breaths of `pattern` at its own pace, for guides that end with a
/// few calm breaths.
pub(super) fn breaths(pattern: BreathingPattern, count: usize) -> Vec<Step> {
    let phases = pattern.phases();
    (0..count)
        .flat_map(|_| phases.iter().map(|p| p.step(1.0)))
        .collect()
}

/// Builds a session; `length` is already validated, so this cannot fail and
/// ends after at most `length / FASTEST_START` breaths.
fn session(
    pattern: BreathingPattern,
    length: Duration,
    start_pace: Option<BreathsPerMinute>,
) -> Guide {
    let phases = pattern.phases();
    let cycle = pattern.cycle();
    let mut scale = match start_pace {
        Some(pace) if pace.cycle().max(FASTEST_START) < cycle => {
            pace.cycle().max(FASTEST_START).as_secs_f64() / cycle.as_secs_f64()
        }
        _ => 1.0,
    };
    let mut steps = Vec::new();
    let mut total = Duration::ZERO;
    loop {
        let breath: Vec<Step> = phases.iter().map(|p| p.step(scale)).collect();
        let breath_length: Duration = breath.iter().filter_map(|s| s.length.timed()).sum();
        if !steps.is_empty() && total + breath_length / 2 > length {
            break;
        }
        steps.extend(breath);
        total += breath_length;
        scale = (scale * (1.0 + SLOWING_PER_BREATH)).min(1.0);
    }
    Guide {
        id: GuideId::Breathing,
        title: pattern.title(),
        intro: Some(pattern.intro()),
        cautions: Vec::new(),
        steps,
    }
}

/// How a phase is felt.
#[derive(Clone, Copy, Debug)]
enum Feel {
    /// A swelling buzz.
    Rise,
    /// A buzz that starts where a rise ends and swells to full: the short
    /// second breath in of a cyclic sigh.
    TopUp,
    /// A fading buzz.
    Fall,
    /// One soft tap, then stillness.
    Tap,
}

/// One phase of a breath at the pattern's own pace.
#[derive(Clone, Copy, Debug)]
struct Phase {
    kind: StepKind,
    text: ContentKey,
    length: Duration,
    feel: Feel,
}

impl Phase {
    fn inhale(length: Duration) -> Self {
        Phase {
            kind: StepKind::Inhale,
            text: ContentKey::new("guide.breathing.in"),
            length,
            feel: Feel::Rise,
        }
    }

    fn exhale(length: Duration) -> Self {
        Phase {
            kind: StepKind::Exhale,
            text: ContentKey::new("guide.breathing.out"),
            length,
            feel: Feel::Fall,
        }
    }

    fn hold(length: Duration) -> Self {
        Phase {
            kind: StepKind::Hold,
            text: ContentKey::new("guide.breathing.hold"),
            length,
            feel: Feel::Tap,
        }
    }

    /// The phase as a step, its length multiplied by `scale` (0 to 1) and
    /// rounded to whole milliseconds, the unit runs are stored in.
    fn step(&self, scale: f64) -> Step {
        let length = Duration::from_millis((self.length.as_millis() as f64 * scale).round() as u64);
        let haptic = match self.feel {
            Feel::Rise => HapticPattern::rising(length),
            Feel::TopUp => HapticPattern::ramp(
                length,
                Level::from_permille(700),
                Level::from_permille(1000),
            ),
            Feel::Fall => HapticPattern::falling(length),
            Feel::Tap => feel::soft_tap(),
        };
        Step {
            kind: self.kind,
            text: self.text,
            length: StepLength::Timed(length),
            haptic,
        }
    }
}
