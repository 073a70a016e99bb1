//! Guided exercises as timelines of steps.
//!
//! A [`Guide`] is data: a title, an optional intro, the cautions to show
//! before first use, and a list of [`Step`]s, each with its text, how long it
//! lasts and what the person feels (a [`HapticPattern`]). [`guide`] gives the
//! default timeline for every [`GuideId`]; [`breathing`] builds a breathing
//! pacer for a chosen [`BreathingPattern`] and session length.
//!
//! A [`GuideRun`] plays a guide. Like an urge session it is a sans-IO state
//! machine: the caller passes `now` to [`GuideRun::advance`], asks
//! [`GuideRun::next_wake`] when to come back and [`GuideRun::schedule`] for
//! cues to hand to the OS ahead of time.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::content::ContentKey;
use crate::haptics::{HapticPattern, Platform, RenderedHaptics, render_sequence};

mod breathing;
mod catalog;
mod run;

pub use breathing::{
    BreathingPattern, BreathsPerMinute, DEFAULT_BREATHING_LENGTH, ExhaleLength,
    MAX_BREATHING_LENGTH, MIN_BREATHING_LENGTH, breathing,
};
pub use catalog::{
    COLD_WATER_HOLD, ICE_HOLD_LIMIT, INTENSE_EFFORT, INTENSE_EFFORT_LIMIT, INTENSE_REST,
};
pub use run::{GuideCue, GuideRun, RunningStep, ScheduledGuideCue};

/// Which guided exercise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum GuideId {
    /// A breathing pacer (the pattern is chosen when it starts).
    Breathing,
    /// Holding ice, switching hands, ending with warming up.
    HoldIce,
    /// Cold water or a cold pack on the face with the breath held (dive reflex).
    ColdWater,
    /// Grounding through the senses, 5-4-3-2-1.
    Grounding54321,
    /// Grounding through slow, deliberate movement.
    MovementGrounding,
    /// Short intervals of intense movement (wall sit, push-ups, running in place).
    IntenseMovement,
    /// Strong taste, smell or texture.
    SensoryInput,
    /// Writing the urge down without acting on it.
    WriteItDown,
    /// Speaking to oneself as to a younger self.
    KindWords,
    /// Reaching a safe person.
    ReachSafePerson,
}

impl GuideId {
    /// Every guide, in catalog order.
    pub const ALL: [GuideId; 10] = [
        GuideId::Breathing,
        GuideId::HoldIce,
        GuideId::ColdWater,
        GuideId::Grounding54321,
        GuideId::MovementGrounding,
        GuideId::IntenseMovement,
        GuideId::SensoryInput,
        GuideId::WriteItDown,
        GuideId::KindWords,
        GuideId::ReachSafePerson,
    ];
}

/// A caution shown before the first use of a guide that needs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum Caution {
    /// Cold water on the face slows the heart: not with heart conditions,
    /// beta blockers, a low resting heart rate, an eating disorder or a cold
    /// allergy.
    ColdWaterOnFace,
    /// Ice held too long hurts the skin: stop and warm up.
    IceHeldTooLong,
    /// Hard exercise strains the body: not with heart or breathing
    /// conditions, an injury or in pregnancy without a doctor's word, and
    /// not as a way to burn off food for someone living with an eating
    /// disorder. DBT handouts put intense exercise under the same medical
    /// caution as cold water (see `docs/CAUTIONS.md`).
    IntenseMovement,
}

impl Caution {
    /// The text shown before first use.
    pub fn text(self) -> ContentKey {
        ContentKey::new(match self {
            Caution::ColdWaterOnFace => "caution.cold_water_on_face",
            Caution::IceHeldTooLong => "caution.ice_held_too_long",
            Caution::IntenseMovement => "caution.intense_movement",
        })
    }
}

/// What a step asks of the person, so a shell can draw it (a breathing
/// circle, a text box, a countdown) without reading its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum StepKind {
    /// Breathe in (also the short top-up breath of a cyclic sigh).
    Inhale,
    /// Breathe out.
    Exhale,
    /// Hold: the breath, or the cold on the face.
    Hold,
    /// Do something (get ice, switch hands, stretch).
    Instruction,
    /// Notice or name something (five things you see).
    Prompt,
    /// A short burst of hard movement.
    Effort,
    /// A rest between efforts.
    Rest,
    /// A moment to notice how the urge feels now. Shells may offer the
    /// intensity scale here; answering is never required.
    CheckIn,
    /// A place to write freely. Writing nothing is always fine: the step is
    /// finished by the person, with or without text, and the guide never
    /// receives or needs what was written.
    Writing,
    /// A message the person may send themselves (the step's text is the
    /// suggested words). Ebb never sends anything.
    Message,
}

/// How long a step lasts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepLength {
    /// Moves on by itself after this long.
    Timed(#[serde(with = "crate::clock::millis")] Duration),
    /// Lasts until the person finishes it ([`GuideRun::finish_step`]); the
    /// timeline waits, however long that takes.
    Open,
}

impl StepLength {
    /// The length of a timed step, `None` for an open one.
    pub fn timed(self) -> Option<Duration> {
        match self {
            StepLength::Timed(d) => Some(d),
            StepLength::Open => None,
        }
    }
}

/// One step of a guide.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// What the step asks.
    pub kind: StepKind,
    /// What the person reads (or hears from a screen reader).
    #[serde(deserialize_with = "key::deserialize")]
    pub text: ContentKey,
    /// How long it lasts.
    pub length: StepLength,
    /// What the person feels when it starts; played from the step's start and
    /// never longer than a timed step.
    pub haptic: HapticPattern,
}

/// A guided exercise: what is shown before it starts, and its steps.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Guide {
    /// Which exercise.
    pub id: GuideId,
    /// Its name.
    #[serde(deserialize_with = "key::deserialize")]
    pub title: ContentKey,
    /// A few words on what it does and how, shown before it starts.
    #[serde(deserialize_with = "key::deserialize_option")]
    pub intro: Option<ContentKey>,
    /// Cautions to show before the first use.
    pub cautions: Vec<Caution>,
    /// The timeline.
    pub steps: Vec<Step>,
}

impl Guide {
    /// The total of its timed steps: how long the guide takes if open steps
    /// are finished at once. See [`Guide::is_open_ended`].
    pub fn length(&self) -> Duration {
        self.steps
            .iter()
            .filter_map(|s| s.length.timed())
            .fold(Duration::ZERO, Duration::saturating_add)
    }

    /// Whether some step waits for the person, so the real length depends
    /// on them.
    pub fn is_open_ended(&self) -> bool {
        self.steps.iter().any(|s| s.length == StepLength::Open)
    }

    /// Every step's haptics rendered for `platform`, as the steps play one
    /// after another (see [`render_sequence`]): what a shell plays as each
    /// step starts.
    pub fn haptics(&self, platform: Platform) -> Vec<RenderedHaptics> {
        self.rendered(0, self.steps.len(), platform)
    }

    /// Step `index`'s haptics as [`Guide::haptics`] renders them;
    /// [`RenderedHaptics::Nothing`] past the last step.
    pub fn step_haptics(&self, index: usize, platform: Platform) -> RenderedHaptics {
        // A step's rendering depends only on the steps after it, up to the
        // next open one (which starts whenever the person moves on).
        let end = self
            .steps
            .iter()
            .enumerate()
            .skip(index + 1)
            .find(|(_, s)| s.length == StepLength::Open)
            .map_or(self.steps.len(), |(i, _)| i + 1);
        self.rendered(index, end, platform)
            .into_iter()
            .next()
            .unwrap_or(RenderedHaptics::Nothing)
    }

    fn rendered(&self, from: usize, to: usize, platform: Platform) -> Vec<RenderedHaptics> {
        let steps: Vec<(&HapticPattern, Option<Duration>)> = self
            .steps
            .get(from..to)
            .unwrap_or_default()
            .iter()
            .map(|s| (&s.haptic, s.length.timed()))
            .collect();
        render_sequence(&steps, platform)
    }
}

/// An input to a guide builder out of range. Each case names the field, so a
/// shell can point at it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum GuideError {
    /// Breathing sessions last 1 to 5 minutes.
    #[error("a breathing session lasts 1 to 5 minutes, got {requested:?}")]
    SessionLength {
        /// What was asked for.
        requested: Duration,
    },
    /// A breathing pace outside [`BreathsPerMinute::MIN`]..=[`BreathsPerMinute::MAX`].
    #[error("a breathing pace is 2 to 60 breaths a minute, got {0}")]
    Pace(u8),
    /// A breath out outside 6..=8 seconds.
    #[error("a longer breath out lasts 6 to 8 seconds, got {0}")]
    ExhaleLength(u8),
}

/// The default timeline for `id`. Breathing gets the gentle pattern
/// (about 7 breaths a minute) for [`DEFAULT_BREATHING_LENGTH`].
pub fn guide(id: GuideId) -> Guide {
    match id {
        GuideId::Breathing => breathing::default_guide(),
        GuideId::HoldIce => catalog::hold_ice(),
        GuideId::ColdWater => catalog::cold_water(),
        GuideId::Grounding54321 => catalog::grounding_54321(),
        GuideId::MovementGrounding => catalog::movement_grounding(),
        GuideId::IntenseMovement => catalog::intense_movement(),
        GuideId::SensoryInput => catalog::sensory_input(),
        GuideId::WriteItDown => catalog::write_it_down(),
        GuideId::KindWords => catalog::kind_words(),
        GuideId::ReachSafePerson => catalog::reach_safe_person(),
    }
}

/// Haptics shared by the guides: a step that is not a breath starts with a
/// tap, so a person looking away knows something changed.
mod feel {
    use std::time::Duration;

    use crate::haptics::{HapticPattern, Level};

    /// A soft, dull tap: a new step, a hold.
    pub(super) fn soft_tap() -> HapticPattern {
        HapticPattern::tap(Level::from_permille(300), Level::from_permille(150))
    }

    /// Two firm taps: start moving, come up from the water.
    pub(super) fn double_tap() -> HapticPattern {
        let firm = HapticPattern::tap(Level::from_permille(800), Level::from_permille(500));
        firm.clone()
            .then(&HapticPattern::silent(Duration::from_millis(250)))
            .then(&firm)
    }
}

/// Reading content keys back from stored JSON. A key is only accepted if it
/// is in the text tables, which also yields the `'static` string a
/// [`ContentKey`] holds. A stored run naming a key a later version removed
/// does not load; a guide is minutes long, so starting afresh is the answer.
mod key {
    use serde::{Deserialize, Deserializer, de::Error};

    use crate::content::{ContentKey, all_entries};

    fn lookup<E: Error>(s: &str) -> Result<ContentKey, E> {
        all_entries()
            .find(|(k, _)| *k == s)
            .map(|(k, _)| ContentKey::new(k))
            .ok_or_else(|| E::custom(format!("unknown content key {s:?}")))
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<ContentKey, D::Error> {
        let s = String::deserialize(d)?;
        lookup(&s)
    }

    pub(super) fn deserialize_option<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<ContentKey>, D::Error> {
        Option::<String>::deserialize(d)?
            .map(|s| lookup(&s))
            .transpose()
    }
}
