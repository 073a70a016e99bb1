//! The safety plan, crisis help and care information at the boundary.
//!
//! Crisis help is one call away from every screen: [`Ebb::crisis_screen`]
//! needs nothing but an open companion (and falls back to the bundled
//! emergency numbers even when the plan is empty). Nothing here contacts
//! anyone: actions open the dialler, messages or a page, and the person
//! presses call or send.

use std::time::SystemTime;

use ebb_core::content::{ContentKey, Locale};
use ebb_core::safety::directory::CountryCode;
use ebb_core::safety::{
    self, Action, Answer, AskedAt, CareCard, CrisisScreen, EntryList, Escalation, Flow, LineCard,
    LineDraft, PersonCard, PersonDraft, PlanEdit, PlanStep, Reach, SafetyPlan, crisis_help,
};
use ebb_core::store::{Store, StoreError};

use crate::companion::to_intensity;
use crate::views::{CueView, local};
use crate::{Ebb, EbbError};

/// A button that opens the dialler, messages or a page.
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct ActionButton {
    /// The words on the button.
    pub label: String,
    /// What it opens.
    pub action: Action,
}

fn buttons(actions: &[Action]) -> Vec<ActionButton> {
    actions
        .iter()
        .map(|a| ActionButton {
            label: a.label().text().to_owned(),
            action: a.clone(),
        })
        .collect()
}

/// A safe person, ready to reach.
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct PersonView {
    /// Their name.
    pub name: String,
    /// Call and/or text, with their message filled in.
    pub actions: Vec<ActionButton>,
}

impl From<&PersonCard> for PersonView {
    fn from(p: &PersonCard) -> Self {
        Self {
            name: p.name.clone(),
            actions: buttons(&p.actions),
        }
    }
}

/// A crisis line or emergency number (bundled or the person's own).
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct LineView {
    /// Its name.
    pub name: String,
    /// When it answers, if known.
    pub hours: Option<String>,
    /// Something to know before calling.
    pub note: Option<String>,
    /// Call, text, chat.
    pub actions: Vec<ActionButton>,
    /// Whether the person added it.
    pub own: bool,
}

impl From<&LineCard> for LineView {
    fn from(l: &LineCard) -> Self {
        Self {
            name: l.name.clone(),
            hours: l.hours.map(|k| k.text().to_owned()),
            note: l.note.as_ref().map(|t| t.in_locale(Locale::En).to_owned()),
            actions: buttons(&l.actions),
            own: l.own,
        }
    }
}

/// One part of the plan.
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct PlanStepView {
    /// Which list it edits, for the free-text parts.
    pub list: Option<EntryList>,
    /// Its heading.
    pub title: String,
    /// A question that helps fill it in.
    pub prompt: String,
    /// What the person wrote.
    pub entries: Vec<String>,
}

/// The whole safety plan, as written.
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct SafetyPlanView {
    /// Bumped on every change.
    pub revision: u32,
    /// The country whose crisis lines are shown (ISO code), if chosen.
    pub country: Option<String>,
    /// Its parts in Stanley–Brown's order, reasons for living last.
    pub steps: Vec<PlanStepView>,
    /// People to ask for help.
    pub people: Vec<PersonView>,
}

impl SafetyPlanView {
    fn new(plan: &SafetyPlan) -> Self {
        let steps = PlanStep::ALL
            .iter()
            .map(|step| {
                let list = EntryList::ALL.iter().copied().find(|l| l.step() == *step);
                PlanStepView {
                    list,
                    title: step.title().text().to_owned(),
                    prompt: step.prompt().text().to_owned(),
                    entries: list
                        .map(|l| {
                            plan.entries(l)
                                .iter()
                                .map(|e| e.as_str().to_owned())
                                .collect()
                        })
                        .unwrap_or_default(),
                }
            })
            .collect();
        let people = plan
            .people
            .iter()
            .map(|p| PersonView {
                name: p.name.as_str().to_owned(),
                actions: buttons(&p.actions(Locale::En)),
            })
            .collect();
        Self {
            revision: plan.revision,
            country: plan.country.map(|c| c.as_str().to_owned()),
            steps,
            people,
        }
    }
}

/// The crisis screen: the person's plan, their people and lines, nothing
/// else.
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct CrisisScreenView {
    /// Its heading.
    pub heading: String,
    /// A few words on what is here.
    pub intro: String,
    /// What to do in danger right now.
    pub emergency_hint: String,
    /// Their plan.
    pub plan: SafetyPlanView,
    /// Their people.
    pub people: Vec<PersonView>,
    /// Their own lines first, then the bundled ones; never empty.
    pub lines: Vec<LineView>,
    /// Said above the lines when Ebb has no checked lines for the country.
    pub coverage_note: Option<String>,
}

impl From<&CrisisScreen> for CrisisScreenView {
    fn from(s: &CrisisScreen) -> Self {
        Self {
            heading: s.heading.text().to_owned(),
            intro: s.intro.text().to_owned(),
            emergency_hint: s.emergency_hint.text().to_owned(),
            plan: SafetyPlanView::new(&s.plan),
            people: s.people.iter().map(PersonView::from).collect(),
            lines: s.lines.iter().map(LineView::from).collect(),
            coverage_note: s.coverage_note.map(|k| k.text().to_owned()),
        }
    }
}

/// General care information in sections.
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct CareCardView {
    /// Its heading.
    pub title: String,
    /// Its sections.
    pub sections: Vec<CareSectionView>,
}

/// One section of a care card.
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct CareSectionView {
    /// A heading, if any.
    pub heading: Option<String>,
    /// Its points.
    pub items: Vec<String>,
}

impl From<&CareCard> for CareCardView {
    fn from(c: &CareCard) -> Self {
        Self {
            title: c.title.text().to_owned(),
            sections: c
                .sections
                .iter()
                .map(|s| CareSectionView {
                    heading: s.heading.map(|k| k.text().to_owned()),
                    items: s.items.iter().map(|k| k.text().to_owned()).collect(),
                })
                .collect(),
        }
    }
}

/// What the shell shows next.
#[derive(Clone, Debug, PartialEq, uniffi::Enum)]
pub enum NextScreen {
    /// The crisis screen, before anything else.
    CrisisFirst {
        /// The screen.
        screen: CrisisScreenView,
    },
    /// A gentle offer to reach someone, which the person may close.
    Offer {
        /// The words of the offer.
        message: String,
        /// Their people.
        people: Vec<PersonView>,
        /// Lines to call or text.
        lines: Vec<LineView>,
        /// The words on the button that closes it.
        dismiss: String,
    },
    /// A kind word, care information and emergency numbers.
    Care {
        /// The kind word.
        acknowledgement: String,
        /// How to look after the injury and when to get help.
        card: CareCardView,
        /// Emergency numbers.
        emergency: Vec<LineView>,
    },
    /// A kind word, and a card the person may open.
    Acknowledge {
        /// The kind word.
        acknowledgement: String,
        /// A card offered, if any.
        optional_card: Option<CareCardView>,
    },
    /// Nothing to add.
    Continue,
}

impl From<&Escalation> for NextScreen {
    fn from(e: &Escalation) -> Self {
        let text = |k: ContentKey| k.text().to_owned();
        match e {
            Escalation::CrisisFirst(screen) => NextScreen::CrisisFirst {
                screen: CrisisScreenView::from(screen.as_ref()),
            },
            Escalation::Offer(o) => NextScreen::Offer {
                message: text(o.message),
                people: o.people.iter().map(PersonView::from).collect(),
                lines: o.lines.iter().map(LineView::from).collect(),
                dismiss: text(o.dismiss),
            },
            Escalation::Care {
                acknowledgement,
                card,
                emergency,
            } => NextScreen::Care {
                acknowledgement: text(*acknowledgement),
                card: card.into(),
                emergency: emergency.iter().map(LineView::from).collect(),
            },
            Escalation::Acknowledge {
                acknowledgement,
                optional_card,
            } => NextScreen::Acknowledge {
                acknowledgement: text(*acknowledgement),
                optional_card: optional_card.as_ref().map(CareCardView::from),
            },
            Escalation::Continue => NextScreen::Continue,
        }
    }
}

/// What a check-in or start answer leads to.
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct AnswerResult {
    /// What to show next; the crisis screen comes first when they said they
    /// are thinking about ending their life.
    pub next: NextScreen,
    /// Cues the answer raised (an offer to reach someone).
    pub cues: Vec<CueView>,
}

/// One change to the safety plan. Positions are 0-based.
#[derive(Clone, Debug, PartialEq, uniffi::Enum)]
pub enum PlanChange {
    /// Adds an item to a list.
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
        index: u32,
        /// The words.
        text: String,
    },
    /// Takes an item out.
    RemoveEntry {
        /// Which list.
        list: EntryList,
        /// Which item.
        index: u32,
    },
    /// Adds a safe person.
    AddPerson {
        /// Their name.
        name: String,
        /// Their number.
        phone: String,
        /// Call, text or both.
        reach: Reach,
        /// The message they can send with one tap; `None` offers the gentle
        /// default.
        message: Option<String>,
    },
    /// Takes a safe person out.
    RemovePerson {
        /// Which person.
        index: u32,
    },
    /// Adds a line of the person's own.
    AddLine {
        /// Its name.
        name: String,
        /// Its number.
        phone: String,
        /// Call, text or both.
        reach: Reach,
        /// A note.
        note: Option<String>,
    },
    /// Takes one of their own lines out.
    RemoveLine {
        /// Which line.
        index: u32,
    },
    /// Chooses the country whose lines are shown (ISO code such as "GB");
    /// `None` shows the emergency-number fallback.
    SetCountry {
        /// The country.
        country: Option<String>,
    },
}

impl PlanChange {
    fn into_edit(self) -> Result<PlanEdit, EbbError> {
        let at = |i: u32| usize::try_from(i).unwrap_or(usize::MAX);
        Ok(match self {
            PlanChange::AddEntry { list, text } => PlanEdit::AddEntry { list, text },
            PlanChange::ChangeEntry { list, index, text } => PlanEdit::ChangeEntry {
                list,
                index: at(index),
                text,
            },
            PlanChange::RemoveEntry { list, index } => PlanEdit::RemoveEntry {
                list,
                index: at(index),
            },
            PlanChange::AddPerson {
                name,
                phone,
                reach,
                message,
            } => PlanEdit::AddPerson(PersonDraft {
                name,
                phone,
                reach,
                message,
            }),
            PlanChange::RemovePerson { index } => PlanEdit::RemovePerson { index: at(index) },
            PlanChange::AddLine {
                name,
                phone,
                reach,
                note,
            } => PlanEdit::AddLine(LineDraft {
                name,
                phone,
                reach,
                note,
            }),
            PlanChange::RemoveLine { index } => PlanEdit::RemoveLine { index: at(index) },
            PlanChange::SetCountry { country } => PlanEdit::SetCountry(
                country
                    .map(|c| CountryCode::new(&c))
                    .transpose()
                    .map_err(|e| EbbError::invalid("country", e))?,
            ),
        })
    }
}

fn crisis(store: &Store, flow: Flow) -> Result<CrisisScreenView, EbbError> {
    let plan = store.safety_plan()?;
    Ok(CrisisScreenView::from(
        &crisis_help(flow).open(&plan, Locale::En),
    ))
}

#[uniffi::export]
impl Ebb {
    /// The crisis screen: the person's plan, people and lines. Reachable
    /// from every screen in one tap.
    pub fn crisis_screen(&self) -> Result<CrisisScreenView, EbbError> {
        self.with_store(|store| crisis(store, Flow::Home))
    }

    /// The safety plan as written (an empty plan shows each step's prompt).
    pub fn safety_plan(&self) -> Result<SafetyPlanView, EbbError> {
        self.with_store(|store| Ok(SafetyPlanView::new(&store.safety_plan()?)))
    }

    /// Makes one change to the safety plan, recorded as an edit of that one
    /// item, and returns the plan after it: a change made at the same time
    /// by the widget, the watch or another device is kept. Invalid input
    /// changes nothing.
    pub fn edit_safety_plan(
        &self,
        now: SystemTime,
        utc_offset_secs: i32,
        change: PlanChange,
    ) -> Result<SafetyPlanView, EbbError> {
        let at = local(now, utc_offset_secs)?;
        let edit = change.into_edit()?;
        self.with_store(|store| {
            let plan = store.edit_safety_plan(at, edit).map_err(|e| match e {
                StoreError::Invalid { detail, .. } => EbbError::invalid("plan", detail),
                e => EbbError::from(e),
            })?;
            Ok(SafetyPlanView::new(&plan))
        })
    }

    /// The person's answer at the start of a session or at a check-in:
    /// how strong it is, and whether they are thinking about ending their
    /// life. With a running session, the intensity is recorded as a
    /// check-in. Saying they are thinking about ending their life always
    /// leads to the crisis screen first.
    pub fn answer(
        &self,
        now: SystemTime,
        utc_offset_secs: i32,
        intensity: Option<i32>,
        thinking_of_ending_life: bool,
    ) -> Result<AnswerResult, EbbError> {
        let at = local(now, utc_offset_secs)?;
        let level = intensity.map(to_intensity).transpose()?;
        let result = self.with_store(|store| {
            let plan = store.safety_plan()?;
            let active = store.active_urge()?;
            let cues = match (level, &active) {
                (Some(level), Some(_)) => store.check_in(at, level)?,
                _ => Vec::new(),
            };
            let asked = match &active {
                None => AskedAt::UrgeStart,
                Some(a) => AskedAt::CheckIn {
                    skills_tried: a.session.skills_tried().len(),
                    goal_reached: a.session.remaining(at.to_utc()).is_zero(),
                    // The session offers reaching out itself, once, as a cue.
                    already_offered: true,
                },
            };
            let answer = Answer {
                intensity: level,
                thinking_of_ending_life,
            };
            let mut next = safety::after_answer(asked, answer, &plan, Locale::En);
            if matches!(next, Escalation::Continue)
                && let Some(cue) = cues.first()
            {
                next = safety::after_cue(cue, &plan, Locale::En);
            }
            Ok(AnswerResult {
                next: NextScreen::from(&next),
                cues: cues.into_iter().map(CueView::from).collect(),
            })
        })?;
        self.changed.notify_waiters();
        Ok(result)
    }

    /// What follows an ended session: a kind word, and care information
    /// when they said an injury may need medical care.
    pub fn after_outcome(&self, outcome: ebb_core::urge::Outcome) -> Result<NextScreen, EbbError> {
        self.with_store(|store| {
            let plan = store.safety_plan()?;
            Ok(NextScreen::from(&safety::after_outcome(outcome, &plan)))
        })
    }

    /// The plain statement of what Ebb stores, where, and that nothing
    /// leaves the device: for the first run and for settings.
    pub fn privacy_statement(&self) -> Vec<String> {
        safety::privacy_statement()
            .into_iter()
            .map(|k| k.text().to_owned())
            .collect()
    }

    /// The one gentle line that Ebb is support, not treatment.
    pub fn support_not_treatment(&self) -> String {
        safety::support_not_treatment().text().to_owned()
    }
}
