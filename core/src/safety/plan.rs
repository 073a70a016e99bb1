//! The safety plan: Stanley–Brown's six steps plus reasons for living, in
//! the person's own words.
//!
//! A plan is a value. Every change is an [`PlanEdit`] applied by
//! [`SafetyPlan::edit`], which checks the input, returns a new plan with its
//! [`SafetyPlan::revision`] one higher and leaves the old one untouched; a
//! refused edit changes nothing. The store keeps the serialized plan; its
//! `version` field lets later versions read earlier stored forms.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Action;
use super::directory::CountryCode;
use super::phone::{PhoneError, PhoneNumber};
use crate::content::{self, ContentKey, Locale};

/// A part of the plan, in the order Stanley–Brown lays it out, with reasons
/// for living last.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanStep {
    /// 1. Thoughts, feelings and situations that tell a hard time is coming.
    WarningSigns,
    /// 2. What helps without contacting anyone.
    InternalCoping,
    /// 3. People and places that take the mind off things.
    PeopleAndPlacesThatDistract,
    /// 4. People to ask for help ([`SafetyPlan::people`]).
    PeopleToAskForHelp,
    /// 5. Professionals and crisis services ([`SafetyPlan::own_lines`], and
    ///    the bundled lines for the person's country).
    ProfessionalsAndServices,
    /// 6. Making the surroundings safer.
    SaferEnvironment,
    /// Reasons for living.
    ReasonsForLiving,
}

impl PlanStep {
    /// Every part, in the order a plan is shown.
    pub const ALL: [PlanStep; 7] = [
        PlanStep::WarningSigns,
        PlanStep::InternalCoping,
        PlanStep::PeopleAndPlacesThatDistract,
        PlanStep::PeopleToAskForHelp,
        PlanStep::ProfessionalsAndServices,
        PlanStep::SaferEnvironment,
        PlanStep::ReasonsForLiving,
    ];

    /// Its heading.
    pub fn title(self) -> ContentKey {
        ContentKey::new(match self {
            PlanStep::WarningSigns => "safety.plan.warning_signs.title",
            PlanStep::InternalCoping => "safety.plan.internal_coping.title",
            PlanStep::PeopleAndPlacesThatDistract => "safety.plan.distract.title",
            PlanStep::PeopleToAskForHelp => "safety.plan.people.title",
            PlanStep::ProfessionalsAndServices => "safety.plan.professionals.title",
            PlanStep::SaferEnvironment => "safety.plan.safer_environment.title",
            PlanStep::ReasonsForLiving => "safety.plan.reasons.title",
        })
    }

    /// A gentle question that helps fill it in, shown while it is empty.
    pub fn prompt(self) -> ContentKey {
        ContentKey::new(match self {
            PlanStep::WarningSigns => "safety.plan.warning_signs.prompt",
            PlanStep::InternalCoping => "safety.plan.internal_coping.prompt",
            PlanStep::PeopleAndPlacesThatDistract => "safety.plan.distract.prompt",
            PlanStep::PeopleToAskForHelp => "safety.plan.people.prompt",
            PlanStep::ProfessionalsAndServices => "safety.plan.professionals.prompt",
            PlanStep::SaferEnvironment => "safety.plan.safer_environment.prompt",
            PlanStep::ReasonsForLiving => "safety.plan.reasons.prompt",
        })
    }
}

/// The parts of the plan that are lists of the person's own words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum EntryList {
    /// Step 1.
    WarningSigns,
    /// Step 2.
    InternalCoping,
    /// Step 3.
    PeopleAndPlacesThatDistract,
    /// Step 6.
    SaferEnvironment,
    /// Reasons for living.
    ReasonsForLiving,
}

impl EntryList {
    /// Every list.
    pub const ALL: [EntryList; 5] = [
        EntryList::WarningSigns,
        EntryList::InternalCoping,
        EntryList::PeopleAndPlacesThatDistract,
        EntryList::SaferEnvironment,
        EntryList::ReasonsForLiving,
    ];

    /// The plan step it belongs to.
    pub fn step(self) -> PlanStep {
        match self {
            EntryList::WarningSigns => PlanStep::WarningSigns,
            EntryList::InternalCoping => PlanStep::InternalCoping,
            EntryList::PeopleAndPlacesThatDistract => PlanStep::PeopleAndPlacesThatDistract,
            EntryList::SaferEnvironment => PlanStep::SaferEnvironment,
            EntryList::ReasonsForLiving => PlanStep::ReasonsForLiving,
        }
    }
}

/// Which piece of text an error is about, so a shell can point at the field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// An entry in one of the lists.
    Entry,
    /// A person's or a line's name.
    Name,
    /// The message to a safe person.
    Message,
    /// A note on a line (hours, who to ask for).
    Note,
}

/// Why an edit was refused. Nothing changes when one is returned.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    /// The text is empty once trimmed.
    #[error("the {0:?} is empty")]
    Empty(Field),
    /// The text is longer than its field allows.
    #[error("the {field:?} is at most {max} characters, got {got}")]
    TooLong {
        /// Which field.
        field: Field,
        /// The most it may have.
        max: usize,
        /// How many it had.
        got: usize,
    },
    /// The list, people or lines are full.
    #[error("at most {max} items fit here")]
    Full {
        /// The most there can be.
        max: usize,
    },
    /// No item at this position (0-based).
    #[error("there is no item {index}; there are {len}")]
    NoSuchItem {
        /// The position asked for.
        index: usize,
        /// How many there are.
        len: usize,
    },
    /// The phone number cannot be dialled.
    #[error(transparent)]
    Phone(#[from] PhoneError),
}

macro_rules! plan_text {
    ($(#[$doc:meta])* $name:ident, $field:expr, $max:expr) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash)]
        pub struct $name(String);

        impl $name {
            /// The most characters it may have.
            pub const MAX_CHARS: usize = $max;

            /// Trims and checks the text.
            pub fn new(raw: &str) -> Result<Self, PlanError> {
                checked_text(raw, $field, Self::MAX_CHARS).map(Self)
            }

            /// The text as stored.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($name), self.0)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let raw = String::deserialize(d)?;
                Self::new(&raw).map_err(serde::de::Error::custom)
            }
        }
    };
}

plan_text!(
    /// One item in a list of the plan, in the person's words.
    Entry,
    Field::Entry,
    200
);
plan_text!(
    /// A name for a person or a line.
    Name,
    Field::Name,
    60
);
plan_text!(
    /// A message the person wrote to send a safe person.
    Message,
    Field::Message,
    300
);
plan_text!(
    /// A short note on a line of the person's own: hours, who to ask for.
    Note,
    Field::Note,
    120
);

fn checked_text(raw: &str, field: Field, max: usize) -> Result<String, PlanError> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(PlanError::Empty(field));
    }
    let got = s.chars().count();
    if got > max {
        return Err(PlanError::TooLong { field, max, got });
    }
    Ok(s.to_owned())
}

/// How someone can be reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum Reach {
    /// By a call.
    Call,
    /// By a text message.
    Text,
    /// Either.
    #[default]
    CallOrText,
}

impl Reach {
    fn calls(self) -> bool {
        matches!(self, Reach::Call | Reach::CallOrText)
    }

    fn texts(self) -> bool {
        matches!(self, Reach::Text | Reach::CallOrText)
    }
}

/// Someone the person can ask for help (step 4).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SafePerson {
    /// Their name, as the person calls them.
    pub name: Name,
    /// Their number.
    pub phone: PhoneNumber,
    /// How to reach them.
    pub reach: Reach,
    /// The person's own message for a one-tap text; `None` offers
    /// [`SafePerson::DEFAULT_MESSAGE`].
    pub message: Option<Message>,
}

impl SafePerson {
    /// Ebb's gentle default message, offered until the person writes their own.
    pub const DEFAULT_MESSAGE: ContentKey = ContentKey::new("safety.person.default_message");

    /// The message a one-tap text carries, in `locale`.
    pub fn message_text(&self, locale: Locale) -> String {
        match &self.message {
            Some(own) => own.as_str().to_owned(),
            None => content::text(locale, Self::DEFAULT_MESSAGE).to_owned(),
        }
    }

    /// What a shell can open to reach them: a call, a text with the message
    /// filled in, or both. The shell opens the dialler or messaging app and the
    /// person sends it themselves; Ebb never sends anything.
    pub fn actions(&self, locale: Locale) -> Vec<Action> {
        reach_actions(&self.phone, self.reach, || self.message_text(locale))
    }
}

/// A professional, service or line of the person's own (step 5): their
/// therapist, a local crisis team, a line Ebb does not bundle.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnLine {
    /// What to call it.
    pub name: Name,
    /// Its number.
    pub phone: PhoneNumber,
    /// How to reach it.
    pub reach: Reach,
    /// Hours, who to ask for, anything worth remembering.
    pub note: Option<Note>,
}

impl OwnLine {
    /// What a shell can open to reach it. A text starts empty. Ebb never
    /// sends anything.
    pub fn actions(&self) -> Vec<Action> {
        reach_actions(&self.phone, self.reach, String::new)
    }
}

fn reach_actions(phone: &PhoneNumber, reach: Reach, body: impl FnOnce() -> String) -> Vec<Action> {
    let mut out = Vec::new();
    if reach.calls() {
        out.push(Action::Call {
            number: phone.dial(),
        });
    }
    if reach.texts() {
        out.push(Action::Text {
            number: phone.dial(),
            body: body(),
        });
    }
    out
}

/// What a person types to add or change a safe person.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonDraft {
    /// Their name.
    pub name: String,
    /// Their number, as typed.
    pub phone: String,
    /// How to reach them.
    pub reach: Reach,
    /// A message of the person's own; blank or `None` keeps Ebb's default.
    pub message: Option<String>,
}

impl PersonDraft {
    pub(crate) fn check(&self) -> Result<SafePerson, PlanError> {
        Ok(SafePerson {
            name: Name::new(&self.name)?,
            phone: PhoneNumber::new(&self.phone)?,
            reach: self.reach,
            message: optional(self.message.as_deref(), Message::new)?,
        })
    }
}

/// What a person types to add or change a line of their own.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineDraft {
    /// What to call it.
    pub name: String,
    /// Its number, as typed.
    pub phone: String,
    /// How to reach it.
    pub reach: Reach,
    /// A note; blank or `None` for none.
    pub note: Option<String>,
}

impl LineDraft {
    pub(crate) fn check(&self) -> Result<OwnLine, PlanError> {
        Ok(OwnLine {
            name: Name::new(&self.name)?,
            phone: PhoneNumber::new(&self.phone)?,
            reach: self.reach,
            note: optional(self.note.as_deref(), Note::new)?,
        })
    }
}

/// Blank optional text means none.
fn optional<T>(
    raw: Option<&str>,
    new: impl FnOnce(&str) -> Result<T, PlanError>,
) -> Result<Option<T>, PlanError> {
    match raw {
        Some(s) if !s.trim().is_empty() => new(s).map(Some),
        _ => Ok(None),
    }
}

/// One change to a plan. Positions are 0-based.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "edit")]
pub enum PlanEdit {
    /// Adds an item at the end of a list.
    AddEntry {
        /// Which list.
        list: EntryList,
        /// The words.
        text: String,
    },
    /// Rewrites an item.
    ChangeEntry {
        /// Which list.
        list: EntryList,
        /// Which item.
        index: usize,
        /// The new words.
        text: String,
    },
    /// Takes an item out.
    RemoveEntry {
        /// Which list.
        list: EntryList,
        /// Which item.
        index: usize,
    },
    /// Adds a safe person at the end.
    AddPerson(PersonDraft),
    /// Changes a safe person.
    ChangePerson {
        /// Which person.
        index: usize,
        /// Their details.
        person: PersonDraft,
    },
    /// Takes a safe person out.
    RemovePerson {
        /// Which person.
        index: usize,
    },
    /// Adds a line of the person's own at the end.
    AddLine(LineDraft),
    /// Changes a line of the person's own.
    ChangeLine {
        /// Which line.
        index: usize,
        /// Its details.
        line: LineDraft,
    },
    /// Takes a line of the person's own out.
    RemoveLine {
        /// Which line.
        index: usize,
    },
    /// Chooses the country whose bundled lines are shown; `None` shows the
    /// fallback.
    SetCountry(Option<CountryCode>),
}

/// A person's safety plan, their people and their own lines.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SafetyPlan {
    /// The schema of this stored form ([`SafetyPlan::SCHEMA_VERSION`] when
    /// written by this version).
    pub version: u32,
    /// How many edits made this plan; one higher after each.
    pub revision: u32,
    /// The instant of the last edit, `None` for a plan never edited.
    pub updated_at: Option<DateTime<Utc>>,
    /// Where the person is, for the bundled lines; `None` until they choose.
    pub country: Option<CountryCode>,
    /// Step 1.
    pub warning_signs: Vec<Entry>,
    /// Step 2.
    pub internal_coping: Vec<Entry>,
    /// Step 3.
    pub distract: Vec<Entry>,
    /// Step 4.
    pub people: Vec<SafePerson>,
    /// Step 5, the person's own part; bundled lines are added when shown.
    pub own_lines: Vec<OwnLine>,
    /// Step 6.
    pub safer_environment: Vec<Entry>,
    /// Reasons for living.
    pub reasons_for_living: Vec<Entry>,
}

impl Default for SafetyPlan {
    fn default() -> Self {
        Self::empty()
    }
}

impl SafetyPlan {
    /// The stored form this version writes.
    pub const SCHEMA_VERSION: u32 = 1;
    /// The most items in each list, and the most people and own lines.
    pub const MAX_ITEMS: usize = 20;

    /// A plan with nothing in it yet. Each step shows its
    /// [`PlanStep::prompt`] until the person writes something.
    pub fn empty() -> Self {
        Self {
            version: Self::SCHEMA_VERSION,
            revision: 0,
            updated_at: None,
            country: None,
            warning_signs: Vec::new(),
            internal_coping: Vec::new(),
            distract: Vec::new(),
            people: Vec::new(),
            own_lines: Vec::new(),
            safer_environment: Vec::new(),
            reasons_for_living: Vec::new(),
        }
    }

    /// The items of one list.
    pub fn entries(&self, list: EntryList) -> &[Entry] {
        match list {
            EntryList::WarningSigns => &self.warning_signs,
            EntryList::InternalCoping => &self.internal_coping,
            EntryList::PeopleAndPlacesThatDistract => &self.distract,
            EntryList::SaferEnvironment => &self.safer_environment,
            EntryList::ReasonsForLiving => &self.reasons_for_living,
        }
    }

    fn entries_mut(&mut self, list: EntryList) -> &mut Vec<Entry> {
        match list {
            EntryList::WarningSigns => &mut self.warning_signs,
            EntryList::InternalCoping => &mut self.internal_coping,
            EntryList::PeopleAndPlacesThatDistract => &mut self.distract,
            EntryList::SaferEnvironment => &mut self.safer_environment,
            EntryList::ReasonsForLiving => &mut self.reasons_for_living,
        }
    }

    /// Whether the person has written nothing in `step` yet (so its prompt
    /// shows).
    pub fn is_step_empty(&self, step: PlanStep) -> bool {
        match step {
            PlanStep::PeopleToAskForHelp => self.people.is_empty(),
            PlanStep::ProfessionalsAndServices => self.own_lines.is_empty(),
            PlanStep::WarningSigns => self.warning_signs.is_empty(),
            PlanStep::InternalCoping => self.internal_coping.is_empty(),
            PlanStep::PeopleAndPlacesThatDistract => self.distract.is_empty(),
            PlanStep::SaferEnvironment => self.safer_environment.is_empty(),
            PlanStep::ReasonsForLiving => self.reasons_for_living.is_empty(),
        }
    }

    /// The plan after `edit`, made at `now`: the revision one higher and
    /// `updated_at` set to `now`. `self` is unchanged; on error nothing is.
    pub fn edit(&self, now: DateTime<Utc>, edit: PlanEdit) -> Result<SafetyPlan, PlanError> {
        let mut next = self.clone();
        match edit {
            PlanEdit::AddEntry { list, text } => {
                push(next.entries_mut(list), Entry::new(&text)?)?;
            }
            PlanEdit::ChangeEntry { list, index, text } => {
                *slot(next.entries_mut(list), index)? = Entry::new(&text)?;
            }
            PlanEdit::RemoveEntry { list, index } => {
                remove(next.entries_mut(list), index)?;
            }
            PlanEdit::AddPerson(draft) => push(&mut next.people, draft.check()?)?,
            PlanEdit::ChangePerson { index, person } => {
                *slot(&mut next.people, index)? = person.check()?;
            }
            PlanEdit::RemovePerson { index } => remove(&mut next.people, index)?,
            PlanEdit::AddLine(draft) => push(&mut next.own_lines, draft.check()?)?,
            PlanEdit::ChangeLine { index, line } => {
                *slot(&mut next.own_lines, index)? = line.check()?;
            }
            PlanEdit::RemoveLine { index } => remove(&mut next.own_lines, index)?,
            PlanEdit::SetCountry(country) => next.country = country,
        }
        next.version = Self::SCHEMA_VERSION;
        next.revision = self.revision.saturating_add(1);
        next.updated_at = Some(now);
        Ok(next)
    }
}

fn push<T>(list: &mut Vec<T>, item: T) -> Result<(), PlanError> {
    if list.len() >= SafetyPlan::MAX_ITEMS {
        return Err(PlanError::Full {
            max: SafetyPlan::MAX_ITEMS,
        });
    }
    list.push(item);
    Ok(())
}

fn slot<T>(list: &mut [T], index: usize) -> Result<&mut T, PlanError> {
    let len = list.len();
    list.get_mut(index)
        .ok_or(PlanError::NoSuchItem { index, len })
}

fn remove<T>(list: &mut Vec<T>, index: usize) -> Result<(), PlanError> {
    if index >= list.len() {
        return Err(PlanError::NoSuchItem {
            index,
            len: list.len(),
        });
    }
    list.remove(index);
    Ok(())
}
