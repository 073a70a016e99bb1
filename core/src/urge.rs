//! Urge sessions. (State machine being written.)

use serde::{Deserialize, Serialize};

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
