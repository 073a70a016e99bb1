//! What comes out of a flow: one model per screen, with its words resolved
//! and every action as a value.
//!
//! Every screen has the same shape, so a renderer is one function: a
//! heading, lines of text, an optional question with its answers, sections
//! of items (skills, people, lines, plan steps, figures), the choices at the
//! bottom, and a [`Detail`] for what a screen draws beyond words (the
//! timer's clock, a guide's step, the progress charts).

use std::time::{Duration, SystemTime};

use serde::Serialize;

use super::event::Event;
use crate::guides::StepKind;
use crate::haptics::RenderedHaptics;
use crate::progress::Window;

/// Which screen a model is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum Screen {
    /// What Ebb is and keeps, the country for crisis lines, a start on the
    /// plan.
    FirstRun,
    /// Countries to choose from.
    Countries,
    /// Where everything starts.
    Home,
    /// The urge timer.
    Timer,
    /// What the urge would do for the person.
    Need,
    /// What feeling the urge is carrying (optional).
    Feeling,
    /// How it went.
    Outcome,
    /// Whether an injury may need medical care.
    Injury,
    /// The care card after an injury that may need care.
    Care,
    /// A kind word after the timer ended.
    Ended,
    /// A gentle offer to reach someone while the urge stays strong.
    Offer,
    /// The list of guides.
    Guides,
    /// Cautions before a guide's first use.
    Cautions,
    /// A guide being played.
    Guide,
    /// A guide just finished.
    GuideDone,
    /// Crisis help.
    Crisis,
    /// The progress review.
    Progress,
    /// The safety plan editor.
    Plan,
    /// The skills list.
    Skills,
    /// Settings.
    Settings,
    /// What Ebb keeps and where.
    Privacy,
    /// The log.
    Log,
    /// One entry of the log.
    Entry,
    /// Saving a copy of everything.
    Export,
}

/// What a choice is for, so a shell can place and style it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum Role {
    /// The main way on.
    Primary,
    /// Another way on.
    Secondary,
    /// An answer to the question.
    Answer,
    /// Back to where the person was.
    Back,
    /// Crisis help, on every screen.
    Crisis,
    /// "I am thinking about ending my life", on every screen that asks.
    EndingLife,
    /// Takes something away (asks nothing more; nothing else is lost).
    Remove,
    /// Opens the dialler, messages or a page.
    Reach,
}

/// One field of a form a choice asks for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Field {
    /// What to ask for.
    pub prompt: String,
}

/// An action the person can take: its words and the event it sends.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Choice {
    /// The words on it.
    pub label: String,
    /// What it is for.
    pub role: Role,
    /// What it sends. For a choice with `fields`, an [`Event::Entered`]
    /// whose values the shell fills in, one per field, in order.
    pub event: Event,
    /// What to ask for before sending, if anything.
    pub fields: Vec<Field>,
    /// A key a keyboard shell may bind it to (a digit for answers, a
    /// letter for the rest); unique within a model.
    pub key: Option<String>,
}

/// A question with its answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Question {
    /// What is asked.
    pub text: String,
    /// The answers, "I am thinking about ending my life" among them.
    pub answers: Vec<Choice>,
}

/// One item of a section: a skill, a person, a line, an entry, a figure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Item {
    /// Its words.
    pub text: String,
    /// A second line (a reason, opening hours, a value), if any.
    pub note: Option<String>,
    /// What can be done with it.
    pub choices: Vec<Choice>,
}

/// A group of items under a heading.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Section {
    /// The heading, if any.
    pub heading: Option<String>,
    /// What to say when there are no items.
    pub empty: Option<String>,
    /// The items.
    pub items: Vec<Item>,
    /// Choices for the whole section (add one).
    pub choices: Vec<Choice>,
}

/// The running timer, for a clock or progress ring.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct TimerDetail {
    /// When it started.
    pub started_at: SystemTime,
    /// Time waited so far, as of the event.
    pub elapsed: Duration,
    /// The goal.
    pub goal: Duration,
    /// Time left to the goal (zero once reached).
    pub remaining: Duration,
    /// The latest reading, 0 to 10.
    pub intensity: Option<u8>,
}

/// The step of a guide in effect.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct StepDetail {
    /// Its position, from 0.
    pub index: u32,
    /// How many steps the guide has.
    pub count: u32,
    /// What it asks.
    pub kind: StepKind,
    /// How long it lasts; `None` when the person finishes it.
    pub length: Option<Duration>,
    /// When it ends if nothing is pressed; `None` for an open step or
    /// while paused.
    pub ends_at: Option<SystemTime>,
    /// Whether the guide is paused.
    pub paused: bool,
    /// A short text to speak for eyes-closed use.
    pub spoken: String,
    /// What to play as it starts, for this device.
    pub haptics: RenderedHaptics,
}

/// One point of a chart's series.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Point {
    /// Start of the span (inclusive).
    pub from: SystemTime,
    /// End of the span (exclusive).
    pub to: SystemTime,
    /// Urges started.
    pub urges: u32,
    /// Ended without self-harm.
    pub passed_safely: u32,
    /// Times they hurt themselves.
    pub self_harm: u32,
    /// The median pause, if any finished.
    pub median_pause: Option<Duration>,
}

/// The progress review's dates and series, for charts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ProgressDetail {
    /// Which window.
    pub window: Window,
    /// Its start.
    pub from: SystemTime,
    /// Its end.
    pub to: SystemTime,
    /// Its dates in words, with the year.
    pub period: String,
    /// Weekly points, oldest first.
    pub weekly: Vec<Point>,
    /// Urges by local hour, 0 to 23 (counts, never a forecast).
    pub by_hour: Vec<u32>,
    /// Urges by weekday, Monday first.
    pub by_weekday: Vec<u32>,
}

/// What a screen draws beyond words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "detail")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum Detail {
    /// Nothing.
    None,
    /// The timer's clock.
    Timer {
        /// The timer.
        timer: TimerDetail,
    },
    /// A guide's step.
    Step {
        /// The step.
        step: StepDetail,
    },
    /// The progress charts.
    Progress {
        /// The review's series.
        progress: ProgressDetail,
    },
}

/// One screen, ready to render.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Model {
    /// Which screen.
    pub screen: Screen,
    /// Its heading.
    pub heading: String,
    /// Its lines, in order.
    pub lines: Vec<String>,
    /// What it asks, if anything.
    pub question: Option<Question>,
    /// Its lists.
    pub sections: Vec<Section>,
    /// The choices below; crisis help is always among them (on the crisis
    /// screen, the lines themselves are the help).
    pub choices: Vec<Choice>,
    /// What it draws beyond words.
    pub detail: Detail,
}

impl Model {
    /// Every choice in the model: answers, items', sections' and the
    /// choices below.
    pub fn all_choices(&self) -> impl Iterator<Item = &Choice> {
        self.question
            .iter()
            .flat_map(|q| q.answers.iter())
            .chain(self.sections.iter().flat_map(|s| {
                s.items
                    .iter()
                    .flat_map(|i| i.choices.iter())
                    .chain(s.choices.iter())
            }))
            .chain(self.choices.iter())
    }

    /// The model as plain text, one line per element, for transcripts and
    /// terminals without a screen. Instants are left out (they differ
    /// between runs); everything a person reads is in.
    pub fn transcript(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        let choice = |out: &mut String, indent: &str, c: &Choice| {
            let _ = writeln!(out, "{indent}[{}] {}", name(&c.role), c.label);
        };
        let _ = writeln!(out, "# {}: {}", name(&self.screen), self.heading);
        for line in &self.lines {
            let _ = writeln!(out, "{line}");
        }
        if let Some(q) = &self.question {
            let _ = writeln!(out, "? {}", q.text);
            for a in &q.answers {
                choice(&mut out, "  ", a);
            }
        }
        for s in &self.sections {
            if let Some(h) = &s.heading {
                let _ = writeln!(out, "## {h}");
            }
            if s.items.is_empty()
                && let Some(e) = &s.empty
            {
                let _ = writeln!(out, "  ({e})");
            }
            for i in &s.items {
                let _ = writeln!(out, "- {}", i.text);
                if let Some(n) = &i.note {
                    let _ = writeln!(out, "  {n}");
                }
                for c in &i.choices {
                    choice(&mut out, "    ", c);
                }
            }
            for c in &s.choices {
                choice(&mut out, "  ", c);
            }
        }
        match &self.detail {
            Detail::None => {}
            Detail::Timer { timer } => {
                let _ = writeln!(
                    out,
                    "~ timer {}s of {}s",
                    timer.elapsed.as_secs(),
                    timer.goal.as_secs()
                );
            }
            Detail::Step { step } => {
                let _ = writeln!(
                    out,
                    "~ step {} of {} {}{}",
                    step.index + 1,
                    step.count,
                    name(&step.kind),
                    if step.paused { " (paused)" } else { "" }
                );
            }
            Detail::Progress { progress } => {
                let _ = writeln!(
                    out,
                    "~ {} ({} weeks)",
                    progress.period,
                    progress.weekly.len()
                );
            }
        }
        for c in &self.choices {
            choice(&mut out, "", c);
        }
        out
    }
}

/// A unit enum case's serialised (snake_case) name.
fn name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}
