//! Guided exercises as timelines of steps. (Timelines being written.)

use serde::{Deserialize, Serialize};

use crate::content::ContentKey;

/// Which guided exercise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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

/// A caution shown before the first use of a guide that needs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Caution {
    /// Cold water on the face slows the heart: not with heart conditions,
    /// beta blockers, a low resting heart rate, an eating disorder or a cold
    /// allergy.
    ColdWaterOnFace,
    /// Ice held too long hurts the skin: stop and warm up.
    IceHeldTooLong,
}

impl Caution {
    /// The text shown before first use.
    pub fn text(self) -> ContentKey {
        ContentKey::new(match self {
            Caution::ColdWaterOnFace => "caution.cold_water_on_face",
            Caution::IceHeldTooLong => "caution.ice_held_too_long",
        })
    }
}
