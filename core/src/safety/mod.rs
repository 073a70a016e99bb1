//! Safety: the safety plan, the person's safe people, crisis lines, and what
//! happens when things are at their hardest.
//!
//! - [`SafetyPlan`]: Stanley–Brown's six steps plus reasons for living,
//!   edited through checked, pure [`PlanEdit`]s and versioned for the store.
//! - [`directory`]: bundled crisis lines and emergency numbers by country,
//!   each with its official source and the date it was checked; an unknown
//!   country falls back to 112 and the local emergency number.
//! - [`after_answer`], [`after_cue`], [`after_outcome`]: the escalation rules.
//!   Saying "I am thinking about ending my life" always brings the
//!   [`CrisisScreen`] first. A strong urge after two skills, or at the goal,
//!   brings an [`Offer`] the person may close. Self-harm that may need
//!   medical care brings a short [`CareCard`].
//! - [`crisis_help`]: the one-tap way to crisis help on every screen;
//!   [`crisis_screen`] builds it with or without an open log, and
//!   [`crisis_country`] says whose lines it shows.
//!
//! Ebb never contacts anyone by itself. An [`Action`] is something the shell
//! *opens* (the dialler, the messaging app with the words filled in, a web
//! page); the person decides whether to call or press send. There are no
//! risk levels, scores or predictions here: only what the person says.

mod crisis;
pub mod directory;
mod escalation;
mod phone;
mod plan;

use serde::{Deserialize, Serialize};

use crate::content::{ContentKey, Locale, render};

pub use crisis::{crisis_country, crisis_screen, region_of_locale, terminal_region};
pub use directory::{
    Channel, Checked, CountryCode, Coverage, CrisisLine, Hours, InvalidCountry, LineKind,
    LocalLines, Region, lines_for,
};
pub use escalation::{
    Answer, AskedAt, CareCard, CareSection, CrisisLink, CrisisScreen, Escalation, Flow, LineCard,
    Offer, PersonCard, after_answer, after_cue, after_outcome, crisis_help, ending_life_choice,
    injury_care, looking_after_yourself, still_strong,
};
pub use phone::{PhoneError, PhoneNumber};
pub use plan::{
    Entry, EntryList, Field, LineDraft, Message, Name, Note, OwnLine, PersonDraft, PlanEdit,
    PlanError, PlanStep, Reach, SafePerson, SafetyPlan,
};

/// Something the shell opens for the person: the dialler with a number, the
/// messaging app with a number and words filled in, or a web page. The core
/// never calls, texts or sends anything, and a shell must not either without
/// the person pressing call or send themselves.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "action")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum Action {
    /// Open the dialler with this number (a leading `+` and digits).
    Call {
        /// The number to dial.
        number: String,
    },
    /// Open the messaging app to this number with `body` filled in (it may be
    /// empty). The person sends it, or not.
    Text {
        /// The number to text.
        number: String,
        /// The words filled in.
        body: String,
    },
    /// Open this https page in the browser.
    OpenUrl {
        /// The page.
        url: String,
    },
}

impl Action {
    /// The words on its button.
    pub fn label(&self) -> ContentKey {
        ContentKey::new(match self {
            Action::Call { .. } => "safety.action.call",
            Action::Text { .. } => "safety.action.text",
            Action::OpenUrl { .. } => "safety.action.chat",
        })
    }

    /// The whole action in words, for a shell that shows text rather than a
    /// button: "Call 116123", "Text “SHOUT” to 85258". A text always names
    /// the words filled in (a line's keyword, or the message to a person)
    /// together with the number: a keyword without its number, or a number
    /// without its keyword, does not reach the service.
    pub fn describe(&self, locale: Locale) -> String {
        let key = ContentKey::new;
        match self {
            Action::Call { number } => render(
                locale,
                key("safety.action.call_number"),
                &[("number", number)],
            ),
            Action::Text { number, body } if body.trim().is_empty() => render(
                locale,
                key("safety.action.text_number"),
                &[("number", number)],
            ),
            Action::Text { number, body } => render(
                locale,
                key("safety.action.text_words"),
                &[("number", number), ("body", body)],
            ),
            Action::OpenUrl { url } => {
                render(locale, key("safety.action.chat_at"), &[("url", url)])
            }
        }
    }
}

/// What Ebb stores, where, and that nothing leaves the device, in the order
/// shown. Shells show it on first run and in settings.
pub fn privacy_statement() -> Vec<ContentKey> {
    [
        "privacy.title",
        "privacy.what",
        "privacy.where",
        "privacy.nothing_leaves",
        "privacy.watch",
        "privacy.never_contacts",
        "privacy.logging_is_safe",
        "privacy.your_control",
    ]
    .into_iter()
    .map(ContentKey::new)
    .collect()
}

/// Ebb is support, not treatment: said once, gently (on first run and in
/// settings), never on every screen.
pub fn support_not_treatment() -> ContentKey {
    ContentKey::new("safety.support_not_treatment")
}
