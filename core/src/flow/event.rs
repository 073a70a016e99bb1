//! What goes into a flow: the person's actions and the shell's wakes.

use serde::{Deserialize, Serialize};

use super::log::ExportFormat;
use crate::guides::GuideId;
use crate::progress::Window;
use crate::safety::{Action, EntryList};
use crate::urge::{CheckInCadence, Feeling, Need, Source};

/// Something that happened: an action the person chose from a model, or
/// the shell telling the flow it opened or woke. Every [`super::Choice`]
/// carries the event it sends, so a shell never builds one of its own
/// except [`Event::Opened`] and [`Event::Tick`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "event")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum Event {
    /// The shell opened (or came back to the front). `region` is the
    /// device's region (ISO 3166 code such as "GB"), offered as the country
    /// on first run.
    Opened {
        /// The device's region, if it has one.
        region: Option<String>,
    },
    /// A wake: the instant the last update asked for, or any later one.
    Tick,
    /// The home screen.
    Home,
    /// Back to where the person was before this screen.
    Back,
    /// Crisis help: the plan, the person's people and lines.
    OpenCrisis,
    /// "I am thinking about ending my life."
    EndingLife,
    /// Finishes the first run, optionally going on to the safety plan.
    FinishFirstRun {
        /// Whether to start on the plan now.
        start_plan: bool,
    },
    /// The list of countries to choose from.
    ChooseCountry,
    /// Chooses the country whose lines are shown; `None` shows the
    /// emergency-number fallback.
    SetCountry {
        /// ISO 3166 code.
        country: Option<String>,
    },
    /// Starts the urge timer (a second start returns to the running one).
    StartUrge {
        /// Where from.
        source: Source,
    },
    /// How strong the urge is, 0 to 10.
    Intensity {
        /// The reading.
        value: u8,
    },
    /// Asks what the urge would do for the person.
    AskNeed,
    /// Names what the urge is for.
    NameNeed {
        /// The need.
        need: Need,
    },
    /// Asks what feeling the urge is carrying (optional, at a check-in).
    AskFeeling,
    /// Names a feeling the urge is carrying.
    NameFeeling {
        /// The feeling.
        feeling: Feeling,
    },
    /// One skill that fits the need, chosen at random among the safe ones.
    SurpriseMe,
    /// The person tried a skill.
    UseSkill {
        /// Its id.
        skill: String,
    },
    /// Starts a guided exercise (its cautions come first on first use).
    StartGuide {
        /// Which guide.
        guide: GuideId,
        /// The skill it walks through, recorded when the guide is done.
        skill: Option<String>,
    },
    /// The list of guides.
    OpenGuides,
    /// Makes the goal longer.
    Extend,
    /// Asks how it went, to end the timer.
    AskOutcome,
    /// Ends the timer with how it went.
    EndUrge {
        /// How it went.
        outcome: OutcomeChoice,
    },
    /// Answers whether the injury may need medical care.
    MayNeedCare {
        /// Yes (or not sure).
        needs_care: bool,
    },
    /// Opens the gentle care card after self-harm.
    ShowCareCard,
    /// Closes the offer to reach someone.
    DismissOffer,
    /// Has read the cautions and goes on to the guide.
    AcceptCautions,
    /// Finishes step `index` (a repeated tap cannot skip the next one).
    NextStep {
        /// The step in effect when the person chose.
        index: u32,
    },
    /// Pauses the guide.
    PauseGuide,
    /// Resumes the guide.
    ResumeGuide,
    /// Leaves the guide.
    StopGuide,
    /// Opens the dialler, messages or a page (the person presses call or
    /// send themselves).
    Reach {
        /// What to open.
        action: Action,
    },
    /// The progress review for a window.
    OpenProgress {
        /// Which window.
        window: Window,
    },
    /// The safety plan editor.
    OpenPlan,
    /// The skills list.
    OpenSkills,
    /// Settings.
    OpenSettings,
    /// What Ebb keeps and where.
    ShowPrivacy,
    /// Words the person typed into a form a choice asked for, in the order
    /// of its fields.
    Entered {
        /// Which form.
        form: Form,
        /// The values, one per field.
        values: Vec<String>,
    },
    /// Removes an item of the plan.
    RemovePlanEntry {
        /// Which list.
        list: EntryList,
        /// Its position, from 0.
        index: u32,
    },
    /// Removes a safe person.
    RemovePerson {
        /// Their position, from 0.
        index: u32,
    },
    /// Hides a skill from suggestions.
    HideSkill {
        /// Its id.
        skill: String,
    },
    /// Shows a hidden skill again.
    ShowSkill {
        /// Its id.
        skill: String,
    },
    /// How often timers check in.
    SetCadence {
        /// The cadence.
        cadence: CheckInCadence,
    },
    /// Whether progress shows days since the last time they hurt themselves.
    SetDaysWithout {
        /// On or off.
        on: bool,
    },
    /// The log: every entry, newest first.
    OpenLog,
    /// One entry of the log.
    ShowEntry {
        /// Its id, as the log gave it.
        id: String,
    },
    /// Asks once before deleting an entry.
    AskDelete {
        /// Its id.
        id: String,
    },
    /// Deletes an entry: its words are erased from the file.
    DeleteEntry {
        /// Its id.
        id: String,
    },
    /// Saving a copy of everything.
    OpenExport,
    /// Saves a copy: the shell receives [`super::Effect::Save`].
    Export {
        /// Which kind.
        format: ExportFormat,
    },
    /// Brings in a copy saved earlier (the contents of a file the person
    /// picked in the shell); a file that is not Ebb's changes nothing.
    Import {
        /// The file's contents.
        json: String,
    },
}

/// How a timer ended, as the person chooses it. "I hurt myself" asks one
/// more question (whether it may need care) before it is logged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum OutcomeChoice {
    /// The urge passed.
    Passed,
    /// They used a safer skill.
    UsedSkill,
    /// They reached out to someone.
    ReachedOut,
    /// They hurt themselves.
    HurtMyself,
    /// They would rather not say.
    RatherNotSay,
}

impl OutcomeChoice {
    /// Every choice, in the order screens offer them.
    pub const ALL: [OutcomeChoice; 5] = [
        OutcomeChoice::Passed,
        OutcomeChoice::UsedSkill,
        OutcomeChoice::ReachedOut,
        OutcomeChoice::HurtMyself,
        OutcomeChoice::RatherNotSay,
    ];
}

/// A form a choice asks the person to fill in before its event is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "form")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum Form {
    /// One item of a list of the plan.
    PlanEntry {
        /// Which list.
        list: EntryList,
    },
    /// A safe person: name, then number.
    Person,
    /// A skill of the person's own: its title.
    Skill,
    /// The goals offered at the start, in minutes, separated by spaces.
    Goals,
}
