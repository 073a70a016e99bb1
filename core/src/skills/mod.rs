//! Replacement skills: what a person can do instead, chosen by the need the
//! urge serves.
//!
//! Three separate steps, so each can change on its own:
//!
//! - the **catalog** ([`builtins`], [`prior`]): the built-in skills and the
//!   starting table of which skills serve which need, best first (the
//!   pairings follow published sources; the order within a need is the
//!   authors' judgement, see [`PRIOR`]);
//! - the **book** ([`SkillBook`]): built-ins plus the person's own skills,
//!   minus the ones they hid; this is what gets stored;
//! - **suggesting** ([`suggest`]): the book is filtered by the moment
//!   ([`Context`]: watch, public place, what is at hand), then ordered by need
//!   and intensity. Only the ordering step decides rank, so a learning
//!   recommender can replace it and keep the filters, the family spread and the
//!   reasons.
//! - **recommending** ([`recommend()`]): the same filters, family spread and
//!   reasons, with the order learned from the person's own outcomes (Beta
//!   beliefs that start at the table, ranked by their mean).

use std::borrow::Cow;
use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::content::{self, ContentKey, Locale};
use crate::guides::{Caution, GuideId};
use crate::urge::Need;

mod book;
mod catalog;
mod personal;
mod recommend;
mod suggest;

pub use book::SkillBook;
pub use catalog::{PRIOR, builtins, prior};
pub use personal::{PersonalSkillDraft, SkillError};
pub use recommend::{
    Belief, Draws, Evidence, Moment, Outcome, PastUse, Ranking, recommend, recommend_ranked,
};
pub use suggest::{Context, ReachOut, Suggestion, candidates, suggest, suggest_for};

/// Names one skill: a slug of lowercase ASCII letters and digits joined by
/// single hyphens, such as `hold-ice`. Stored and synced as a plain string.
///
/// Built-in ids are the constants below. A person's own skills always start
/// with [`SkillId::PERSONAL_PREFIX`], so a built-in added in a later version
/// can never take an id a person already uses.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SkillId(Cow<'static, str>);

/// A string that is not a valid [`SkillId`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "a skill id is 1 to {max} lowercase letters and digits joined by single hyphens, got {0:?}",
    max = SkillId::MAX_LEN
)]
pub struct InvalidSkillId(pub String);

impl SkillId {
    /// The longest id, in bytes (all ids are ASCII).
    pub const MAX_LEN: usize = 64;
    /// How every personal skill id starts.
    pub const PERSONAL_PREFIX: &'static str = "own-";

    /// Holding ice.
    pub const HOLD_ICE: SkillId = SkillId::builtin("hold-ice");
    /// Cold water on the face.
    pub const COLD_WATER: SkillId = SkillId::builtin("cold-water");
    /// Breathing out longer than in.
    pub const LONG_EXHALE: SkillId = SkillId::builtin("long-exhale");
    /// Short rounds of hard movement: wall sit, push-ups, running in place.
    pub const INTENSE_MOVEMENT: SkillId = SkillId::builtin("intense-movement");
    /// A strong taste or smell: mint, sour sweets.
    pub const STRONG_TASTE: SkillId = SkillId::builtin("strong-taste");
    /// Feeling a textured object closely.
    pub const TEXTURED_OBJECT: SkillId = SkillId::builtin("textured-object");
    /// Grounding through the senses, 5-4-3-2-1.
    pub const GROUNDING_54321: SkillId = SkillId::builtin("grounding-54321");
    /// Grounding through slow, deliberate movement.
    pub const MOVEMENT_GROUNDING: SkillId = SkillId::builtin("movement-grounding");
    /// Writing the urge down without acting on it.
    pub const WRITE_IT_DOWN: SkillId = SkillId::builtin("write-it-down");
    /// Drawing the feeling on paper.
    pub const DRAW_IT_OUT: SkillId = SkillId::builtin("draw-it-out");
    /// Speaking to oneself as to a younger self.
    pub const KIND_WORDS: SkillId = SkillId::builtin("kind-words");
    /// Reaching a safe person.
    pub const REACH_PERSON: SkillId = SkillId::builtin("reach-person");
    /// Choosing one small task and putting it in order.
    pub const STRUCTURED_TASK: SkillId = SkillId::builtin("structured-task");
    /// Tearing paper.
    pub const TEAR_PAPER: SkillId = SkillId::builtin("tear-paper");
    /// Squeezing hard, then letting go.
    pub const SQUEEZE_RELEASE: SkillId = SkillId::builtin("squeeze-release");

    const fn builtin(id: &'static str) -> Self {
        Self(Cow::Borrowed(id))
    }

    /// Validates a slug.
    pub fn new(id: impl Into<String>) -> Result<Self, InvalidSkillId> {
        let id = id.into();
        let well_formed = !id.is_empty()
            && id.len() <= Self::MAX_LEN
            && id.split('-').all(|part| {
                !part.is_empty()
                    && part
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            });
        if well_formed {
            Ok(Self(Cow::Owned(id)))
        } else {
            Err(InvalidSkillId(id))
        }
    }

    /// The id as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this names a person's own skill rather than a built-in.
    pub fn is_personal(&self) -> bool {
        self.0.starts_with(Self::PERSONAL_PREFIX)
    }
}

impl fmt::Debug for SkillId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SkillId({:?})", self.as_str())
    }
}

impl fmt::Display for SkillId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for SkillId {
    type Err = InvalidSkillId;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::new(s)
    }
}

impl Serialize for SkillId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for SkillId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        Self::new(raw).map_err(serde::de::Error::custom)
    }
}

/// Words a person reads: Ebb's own (a content key, translated) or the
/// person's own, shown exactly as they wrote them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Text {
    /// Ebb's words, looked up in the content tables.
    Key(ContentKey),
    /// The person's own words, never translated.
    Own(String),
}

impl Text {
    /// The words to show in `locale`.
    pub fn in_locale(&self, locale: Locale) -> &str {
        match self {
            Text::Key(key) => content::text(locale, *key),
            Text::Own(own) => own,
        }
    }

    /// The content key, for Ebb's own words.
    pub fn key(&self) -> Option<ContentKey> {
        match self {
            Text::Key(key) => Some(*key),
            Text::Own(_) => None,
        }
    }

    /// The person's words, for their own skills.
    pub fn own(&self) -> Option<&str> {
        match self {
            Text::Key(_) => None,
            Text::Own(own) => Some(own),
        }
    }
}

/// Something a skill needs that may not be at hand. A skill needing
/// something that is not at hand is left out of suggestions (see [`Context`]).
///
/// Being seen is not a requirement: whether a skill can be done unnoticed is
/// [`Skill::discreet`], checked against [`Context::in_public`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum Requirement {
    /// Ice cubes or a cold pack.
    Ice,
    /// Cold water: a tap, a bowl, a wet cloth.
    Water,
    /// Someone safe who can be reached.
    Person,
    /// Paper to write on, draw on or tear.
    Paper,
    /// Something with a strong taste or smell: mint, sour sweets, coffee.
    TasteOrScent,
}

impl Requirement {
    /// Every requirement, in the order a shell asks "what do you have?".
    pub const ALL: [Requirement; 5] = [
        Requirement::Ice,
        Requirement::Water,
        Requirement::Person,
        Requirement::Paper,
        Requirement::TasteOrScent,
    ];

    /// How the requirement is named when a shell asks what is at hand.
    pub fn label(self) -> ContentKey {
        ContentKey::new(match self {
            Requirement::Ice => "skill.requirement.ice",
            Requirement::Water => "skill.requirement.water",
            Requirement::Person => "skill.requirement.person",
            Requirement::Paper => "skill.requirement.paper",
            Requirement::TasteOrScent => "skill.requirement.taste_or_scent",
        })
    }
}

/// The kind of skill. Suggestions avoid offering three of one kind at the top,
/// and strong urges favour the quick, physical kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum SkillFamily {
    /// Cold on the skin: ice, cold water.
    Cold,
    /// Hard physical movement.
    Movement,
    /// Paced breathing.
    Breathing,
    /// Strong input for the senses: taste, smell, texture.
    Sensory,
    /// Coming back to the here and now.
    Grounding,
    /// Putting the feeling into words or pictures.
    Expression,
    /// Kindness towards oneself.
    SelfCompassion,
    /// Other people.
    Connection,
    /// A small task with choices, done one's own way.
    StructuredTask,
    /// Letting tension out through the hands.
    Release,
    /// A person's own skill they did not put in a family.
    Personal,
}

impl SkillFamily {
    /// Every family.
    pub const ALL: [SkillFamily; 11] = [
        SkillFamily::Cold,
        SkillFamily::Movement,
        SkillFamily::Breathing,
        SkillFamily::Sensory,
        SkillFamily::Grounding,
        SkillFamily::Expression,
        SkillFamily::SelfCompassion,
        SkillFamily::Connection,
        SkillFamily::StructuredTask,
        SkillFamily::Release,
        SkillFamily::Personal,
    ];

    /// The family's name, for grouping in a list.
    pub fn label(self) -> ContentKey {
        ContentKey::new(match self {
            SkillFamily::Cold => "skill.family.cold",
            SkillFamily::Movement => "skill.family.movement",
            SkillFamily::Breathing => "skill.family.breathing",
            SkillFamily::Sensory => "skill.family.sensory",
            SkillFamily::Grounding => "skill.family.grounding",
            SkillFamily::Expression => "skill.family.expression",
            SkillFamily::SelfCompassion => "skill.family.self_compassion",
            SkillFamily::Connection => "skill.family.connection",
            SkillFamily::StructuredTask => "skill.family.structured_task",
            SkillFamily::Release => "skill.family.release",
            SkillFamily::Personal => "skill.family.personal",
        })
    }
}

/// One thing a person can do instead: built in, or their own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Skill {
    /// Stable id.
    pub id: SkillId,
    /// A short name.
    pub title: Text,
    /// One sentence on what it does for you.
    pub summary: Text,
    /// What to do, in order. Built-ins always have steps; a person's own
    /// skill may have none.
    pub steps: Vec<Text>,
    /// The needs it serves. For built-ins this comes from [`PRIOR`]. A
    /// person's own skill with no needs named is offered for any need.
    pub needs: Vec<Need>,
    /// What must be at hand.
    pub requires: Vec<Requirement>,
    /// Whether it can be done unnoticed among other people.
    pub discreet: bool,
    /// Whether it can be followed from a watch alone.
    pub watch: bool,
    /// About how long it takes.
    #[serde(rename = "typical_secs", serialize_with = "secs::serialize")]
    pub typical: Duration,
    /// Cautions to show before the first use.
    pub cautions: Vec<Caution>,
    /// The guided exercise that walks through it, if there is one.
    pub guide: Option<GuideId>,
    /// Its kind.
    pub family: SkillFamily,
}

impl Skill {
    /// Whether this is one of the person's own skills.
    pub fn is_personal(&self) -> bool {
        self.id.is_personal()
    }

    /// Whether it serves `need`. A person's own skill with no needs named
    /// serves every need.
    pub fn serves(&self, need: Need) -> bool {
        self.needs.contains(&need) || (self.is_personal() && self.needs.is_empty())
    }
}

/// Durations stored as whole seconds, which is all a skill's length needs.
mod secs {
    use std::time::Duration;

    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(d.as_secs())
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        u64::deserialize(d).map(Duration::from_secs)
    }
}
