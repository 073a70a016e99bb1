//! The event log's entries: an envelope (id, instant, local offset, device)
//! around a versioned payload.
//!
//! Events are what devices exchange and what export writes; everything else
//! is derived from them. Payloads are JSON with a `kind` tag and carry their
//! own format version, so a later build can read every earlier one.

use std::fmt;
use std::str::FromStr;
use std::sync::{Mutex, PoisonError};

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use uuid::{ContextV7, Uuid};

use crate::safety::{CountryCode, SafetyPlan};
use crate::settings::{Setting, Settings};
use crate::skills::{PersonalSkillDraft, SkillBook, SkillId};

use super::items::PlanItem;
use crate::urge::{CheckInCadence, DelayGoal, Feeling, Intensity, Need, Outcome, Source};

use super::error::{Result, StoreError};

/// An event's identity: a UUIDv7, so ids sort by creation time and two
/// devices never mint the same one.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EventId(Uuid);

impl EventId {
    /// A new id for an event at `at`. Ids minted in one process only grow,
    /// even within one millisecond (a counter fills the bits after the
    /// time), so of two saves at the same instant the later one sorts last
    /// and wins. Across devices, equal instants fall back to the ids' random
    /// bits: arbitrary, but the same on every device.
    pub fn new(at: DateTime<Utc>) -> Self {
        /// The counter behind the ids: process-wide, like the ids' uniqueness.
        static MINT: Mutex<ContextV7> = Mutex::new(ContextV7::new());
        let secs = u64::try_from(at.timestamp()).unwrap_or(0);
        let mint = MINT.lock().unwrap_or_else(PoisonError::into_inner);
        let ts = uuid::Timestamp::from_unix(&*mint, secs, at.timestamp_subsec_nanos());
        Self(Uuid::new_v7(ts))
    }

    /// The 16 bytes stored in the database.
    pub fn as_bytes(&self) -> &[u8; 16] {
        self.0.as_bytes()
    }

    /// From stored bytes.
    pub fn from_bytes(bytes: [u8; 16]) -> Self {
        Self(Uuid::from_bytes(bytes))
    }

    pub(crate) fn from_slice(bytes: &[u8]) -> Result<Self> {
        Uuid::from_slice(bytes)
            .map(Self)
            .map_err(|e| StoreError::Invalid {
                what: "event id",
                detail: e.to_string(),
            })
    }
}

impl fmt::Display for EventId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl fmt::Debug for EventId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EventId({})", self.0)
    }
}

impl FromStr for EventId {
    type Err = StoreError;
    fn from_str(s: &str) -> Result<Self> {
        Uuid::parse_str(s.trim())
            .map(Self)
            .map_err(|e| StoreError::Invalid {
                what: "entry id",
                detail: e.to_string(),
            })
    }
}

/// An urge session's id: the id of the event that started it.
pub type SessionId = EventId;

/// The identity of one item of the safety plan (a reason, a warning sign, a
/// coping step, a person, a line): a UUIDv7 minted when the item is first
/// written, named by every later edit of it on any device.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ItemId(Uuid);

impl ItemId {
    /// A new id for an item first written at `at`.
    pub fn new(at: DateTime<Utc>) -> Self {
        Self(EventId::new(at).0)
    }

    /// The id of the `index`th item of `group` in the whole plan saved by
    /// the event `saved` (written by versions before per-item edits). The
    /// same on every device, so later edits of that item name it alike.
    pub(crate) fn derived(saved: EventId, group: u8, index: usize) -> Self {
        let mut bytes = *saved.as_bytes();
        bytes[13] = group;
        let index = u16::try_from(index).unwrap_or(u16::MAX).to_be_bytes();
        bytes[14] = index[0];
        bytes[15] = index[1];
        Self(
            uuid::Builder::from_bytes(bytes)
                .with_variant(uuid::Variant::RFC4122)
                .with_version(uuid::Version::Custom)
                .into_uuid(),
        )
    }
}

impl fmt::Display for ItemId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl fmt::Debug for ItemId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ItemId({})", self.0)
    }
}

/// The current payload format version: 2 added the per-item edits and 3
/// the feelings named, so a build that knows only an earlier version names
/// them as newer instead of failing on an unknown kind.
pub const PAYLOAD_VERSION: u32 = 3;

/// What happened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Payload {
    /// An urge session started.
    UrgeStarted {
        /// Where from.
        source: Source,
        /// How strong, if said.
        intensity: Option<Intensity>,
        /// What it is for, if said.
        need: Option<Need>,
        /// The goal.
        goal: DelayGoal,
        /// Check-in cadence.
        cadence: CheckInCadence,
    },
    /// A check-in during a session.
    CheckedIn {
        /// Which session.
        session: SessionId,
        /// How strong.
        intensity: Intensity,
    },
    /// A skill used, during a session or on its own.
    SkillUsed {
        /// The session, if any.
        session: Option<SessionId>,
        /// The skill's id.
        skill: String,
        /// The need it was used for, if known.
        need: Option<Need>,
        /// Intensity before, if said.
        intensity_before: Option<Intensity>,
        /// Intensity after, if said.
        intensity_after: Option<Intensity>,
        /// Whether it helped, if said.
        helped: Option<bool>,
    },
    /// The goal was made longer.
    GoalExtended {
        /// Which session.
        session: SessionId,
        /// The new goal.
        goal: DelayGoal,
    },
    /// The person named what the urge is for during a session.
    NeedNamed {
        /// Which session.
        session: SessionId,
        /// The need.
        need: Need,
    },
    /// The person named a feeling the urge is carrying (payload version 3).
    FeelingNamed {
        /// Which session.
        session: SessionId,
        /// The feeling.
        feeling: Feeling,
    },
    /// A session ended.
    UrgeEnded {
        /// Which session.
        session: SessionId,
        /// How it went.
        outcome: Outcome,
        /// It had been left open far past its goal; the pause counts only
        /// up to the person's last touch (see `UrgeSession::end_forgotten`).
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        forgotten: bool,
    },
    /// Words the person wrote down.
    NoteWritten {
        /// The session, if any.
        session: Option<SessionId>,
        /// The text.
        text: String,
    },
    /// The whole safety plan, as versions before per-item edits saved it.
    /// Still read (from old logs, old devices and old exports): it folds
    /// as the item edits that make the plan equal to it.
    SafetyPlanSaved {
        /// The plan.
        plan: SafetyPlan,
    },
    /// The whole skill book, as versions before per-item edits saved it.
    SkillBookSaved {
        /// The book.
        book: SkillBook,
    },
    /// All settings, as versions before per-item edits saved them.
    SettingsSaved {
        /// The settings.
        settings: Settings,
    },
    /// One item of the safety plan written or rewritten whole.
    PlanItemSaved {
        /// Which item.
        item: ItemId,
        /// What it now says.
        value: PlanItem,
    },
    /// One item of the safety plan taken out. Final: later edits of the
    /// same item are not applied (ids are never reused).
    PlanItemRemoved {
        /// Which item.
        item: ItemId,
    },
    /// The country whose bundled lines the plan shows.
    PlanCountrySet {
        /// The country, or `None` for the fallback.
        country: Option<CountryCode>,
    },
    /// One of the person's own skills written or rewritten whole; its id
    /// is set.
    PersonalSkillSaved {
        /// The skill.
        skill: PersonalSkillDraft,
    },
    /// One of the person's own skills removed (and no longer hidden).
    PersonalSkillRemoved {
        /// Which skill.
        skill: SkillId,
    },
    /// A skill hidden from listings and suggestions, or shown again.
    SkillHidden {
        /// Which skill.
        skill: SkillId,
        /// Whether it is now hidden.
        hidden: bool,
    },
    /// One setting changed.
    SettingChanged {
        /// The setting and its new value.
        setting: Setting,
    },
    /// An entry was deleted; its content is erased everywhere this event
    /// travels.
    EntryDeleted {
        /// The deleted entry.
        target: EventId,
    },
}

impl Payload {
    /// The `kind` tag, as stored in its own column for queries.
    pub fn kind(&self) -> &'static str {
        match self {
            Payload::UrgeStarted { .. } => "urge_started",
            Payload::CheckedIn { .. } => "checked_in",
            Payload::SkillUsed { .. } => "skill_used",
            Payload::GoalExtended { .. } => "goal_extended",
            Payload::NeedNamed { .. } => "need_named",
            Payload::FeelingNamed { .. } => "feeling_named",
            Payload::UrgeEnded { .. } => "urge_ended",
            Payload::NoteWritten { .. } => "note_written",
            Payload::SafetyPlanSaved { .. } => "safety_plan_saved",
            Payload::SkillBookSaved { .. } => "skill_book_saved",
            Payload::SettingsSaved { .. } => "settings_saved",
            Payload::PlanItemSaved { .. } => "plan_item_saved",
            Payload::PlanItemRemoved { .. } => "plan_item_removed",
            Payload::PlanCountrySet { .. } => "plan_country_set",
            Payload::PersonalSkillSaved { .. } => "personal_skill_saved",
            Payload::PersonalSkillRemoved { .. } => "personal_skill_removed",
            Payload::SkillHidden { .. } => "skill_hidden",
            Payload::SettingChanged { .. } => "setting_changed",
            Payload::EntryDeleted { .. } => "entry_deleted",
        }
    }

    /// The session this event belongs to, if any.
    pub fn session(&self) -> Option<SessionId> {
        match self {
            Payload::CheckedIn { session, .. }
            | Payload::GoalExtended { session, .. }
            | Payload::NeedNamed { session, .. }
            | Payload::FeelingNamed { session, .. }
            | Payload::UrgeEnded { session, .. } => Some(*session),
            Payload::SkillUsed { session, .. } | Payload::NoteWritten { session, .. } => *session,
            Payload::UrgeStarted { .. }
            | Payload::EntryDeleted { .. }
            | Payload::SafetyPlanSaved { .. }
            | Payload::SkillBookSaved { .. }
            | Payload::SettingsSaved { .. }
            | Payload::PlanItemSaved { .. }
            | Payload::PlanItemRemoved { .. }
            | Payload::PlanCountrySet { .. }
            | Payload::PersonalSkillSaved { .. }
            | Payload::PersonalSkillRemoved { .. }
            | Payload::SkillHidden { .. }
            | Payload::SettingChanged { .. } => None,
        }
    }
}

/// One entry of the log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// Identity.
    pub id: EventId,
    /// Where it folds: a hybrid logical clock in milliseconds, higher than
    /// every clock in the writing device's log when it was written (and not
    /// below its instant). Events fold by clock, then id. An export or sync
    /// payload from before clocks carries none ([`Event::CLOCK_UNSET`]);
    /// merging gives it one from its instant (see `project::merge`).
    #[serde(default = "Event::clock_unset")]
    pub clock: i64,
    /// When, in UTC, with millisecond precision.
    #[serde(with = "chrono::serde::ts_milliseconds")]
    pub at: DateTime<Utc>,
    /// The local UTC offset at that moment, seconds east.
    pub utc_offset_secs: i32,
    /// Which device wrote it.
    pub device: String,
    /// The payload's format version.
    pub version: u32,
    /// What happened; `None` once the entry was deleted (a tombstone).
    pub payload: Option<Payload>,
}

impl Event {
    /// The clock of an event that came without one.
    pub const CLOCK_UNSET: i64 = i64::MIN;

    fn clock_unset() -> i64 {
        Self::CLOCK_UNSET
    }

    /// A new event at `now` (whose offset is recorded) from `device`. Its
    /// clock is set when the store appends it.
    pub fn new(now: DateTime<FixedOffset>, device: &str, payload: Payload) -> Self {
        let at = truncate_ms(now.to_utc());
        Self {
            id: EventId::new(at),
            clock: Self::CLOCK_UNSET,
            at,
            utc_offset_secs: now.offset().local_minus_utc(),
            device: device.to_owned(),
            version: PAYLOAD_VERSION,
            payload: Some(payload),
        }
    }

    /// The instant in the local time where it happened.
    pub fn local_time(&self) -> DateTime<FixedOffset> {
        let offset =
            FixedOffset::east_opt(self.utc_offset_secs).unwrap_or_else(|| chrono::Utc.fix());
        self.at.with_timezone(&offset)
    }
}

use chrono::Offset as _;

/// Instants are stored in whole milliseconds.
pub(crate) fn truncate_ms(at: DateTime<Utc>) -> DateTime<Utc> {
    Utc.timestamp_millis_opt(at.timestamp_millis())
        .single()
        .unwrap_or(at)
}

/// Reads a stored payload of any known version.
pub(crate) fn decode_payload(version: u32, json: &str) -> Result<Payload> {
    match version {
        // Versions 2 and 3 only added kinds; all read through one enum.
        1..=3 => Ok(serde_json::from_str(json)?),
        other => Err(StoreError::Invalid {
            what: "payload version",
            detail: format!("version {other} is newer than this build reads"),
        }),
    }
}
