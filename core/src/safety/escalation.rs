//! What comes next when things are hard: the crisis screen, a gentle offer
//! to reach someone, care after self-harm. All pure functions of what the
//! person said and their plan. Nothing here scores, rates or predicts
//! anything; the rules follow only what the person tells Ebb.

use serde::Serialize;

use super::Action;
use super::directory::{CountryCode, LineKind, lines_for};
use super::plan::SafetyPlan;
use crate::content::{ContentKey, Locale};
use crate::guides::GuideId;
use crate::skills::Text;
use crate::urge::{Cue, CueKind, Intensity, Outcome};

/// A screen of Ebb's flows, for [`crisis_help`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case", tag = "flow")]
pub enum Flow {
    /// Starting an urge session.
    UrgeStart,
    /// Answering a check-in during a session.
    CheckIn,
    /// A cue of a running session (halfway, goal reached, still strong).
    Cue {
        /// Which cue.
        kind: CueKind,
    },
    /// The end of a session, with how it went.
    Outcome {
        /// How it went.
        outcome: Outcome,
    },
    /// Any screen of a guided exercise.
    Guide {
        /// Which guide.
        guide: GuideId,
    },
    /// The safety plan, viewed or edited.
    SafetyPlan,
    /// The home screen.
    Home,
    /// Settings.
    Settings,
}

/// The way to crisis help that every screen shows: one tap opens
/// [`CrisisLink::open`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct CrisisLink {
    /// The words on the button.
    pub label: ContentKey,
    /// What it opens, for screen readers.
    pub hint: ContentKey,
}

const CRISIS_LINK: CrisisLink = CrisisLink {
    label: ContentKey::new("safety.link.label"),
    hint: ContentKey::new("safety.link.hint"),
};

impl CrisisLink {
    /// The screen the link opens: the person's plan, their people and the
    /// lines for their country.
    pub fn open(&self, plan: &SafetyPlan, locale: Locale) -> CrisisScreen {
        crisis_screen(plan, locale)
    }
}

/// The way to crisis help on `flow`. Every flow has one; the match is
/// exhaustive so a new screen cannot be added without deciding it here.
pub fn crisis_help(flow: Flow) -> CrisisLink {
    match flow {
        Flow::UrgeStart
        | Flow::CheckIn
        | Flow::Cue { .. }
        | Flow::Outcome { .. }
        | Flow::Guide { .. }
        | Flow::SafetyPlan
        | Flow::Home
        | Flow::Settings => CRISIS_LINK,
    }
}

/// The choice offered at the start of an urge and at every check-in.
pub fn ending_life_choice() -> ContentKey {
    ContentKey::new("safety.ask.ending_life")
}

/// Someone from the plan, ready to reach.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PersonCard {
    /// Their name.
    pub name: String,
    /// Call and/or text, with the message filled in.
    pub actions: Vec<Action>,
}

/// A line to show: bundled, or one of the person's own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LineCard {
    /// The service's name, or the person's name for it.
    pub name: String,
    /// What kind of help it gives (bundled lines only).
    pub kind: Option<LineKind>,
    /// When it answers (bundled lines only).
    pub hours: Option<ContentKey>,
    /// Something to know before calling: Ebb's note on a bundled line, or
    /// the person's own note.
    pub note: Option<Text>,
    /// Call, text, chat.
    pub actions: Vec<Action>,
    /// Whether the person added it.
    pub own: bool,
}

/// The screen shown when the person says they are thinking about ending
/// their life, and behind every [`CrisisLink`]. It holds only their plan,
/// their people and lines to call or text: nothing else competes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CrisisScreen {
    /// The heading.
    pub heading: ContentKey,
    /// A few words on what is here.
    pub intro: ContentKey,
    /// What to do in danger right now.
    pub emergency_hint: ContentKey,
    /// The person's safety plan, as it is (each empty step shows its prompt).
    pub plan: SafetyPlan,
    /// Their people, in the plan's order.
    pub people: Vec<PersonCard>,
    /// Their own lines first, then the bundled lines for their country;
    /// never empty.
    pub lines: Vec<LineCard>,
    /// Said above the lines when Ebb has no checked lines for the country.
    pub coverage_note: Option<ContentKey>,
}

/// A gentle, dismissible offer to reach a safe person or a line. Never
/// forced: [`Offer::dismiss`] closes it and the session carries on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Offer {
    /// The words of the offer.
    pub message: ContentKey,
    /// Their people.
    pub people: Vec<PersonCard>,
    /// Lines to call or text.
    pub lines: Vec<LineCard>,
    /// The words on the button that closes it.
    pub dismiss: ContentKey,
}

/// A short card of general care information, in sections.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CareCard {
    /// Its heading.
    pub title: ContentKey,
    /// Its sections, in order.
    pub sections: Vec<CareSection>,
}

/// One section of a [`CareCard`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CareSection {
    /// A heading, if the section has one.
    pub heading: Option<ContentKey>,
    /// Its points.
    pub items: Vec<ContentKey>,
}

/// What the shell shows next.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "next")]
pub enum Escalation {
    /// The crisis screen, before anything else.
    CrisisFirst(Box<CrisisScreen>),
    /// An offer to reach someone, which the person may close.
    Offer(Offer),
    /// After self-harm that may need medical care: a kind word, the care
    /// card and the emergency numbers for their country.
    Care {
        /// The kind word.
        acknowledgement: ContentKey,
        /// How to look after the injury and when to get help.
        card: CareCard,
        /// Emergency numbers, for getting medical help.
        emergency: Vec<LineCard>,
    },
    /// A kind word, and a card the person may open if they want.
    Acknowledge {
        /// The kind word.
        acknowledgement: ContentKey,
        /// A card offered, not shown, if there is one.
        optional_card: Option<CareCard>,
    },
    /// Nothing to add: the flow carries on.
    Continue,
}

/// What the person answered when asked how strong the urge is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize)]
pub struct Answer {
    /// How strong, if they said.
    pub intensity: Option<Intensity>,
    /// Whether they chose [`ending_life_choice`].
    pub thinking_of_ending_life: bool,
}

/// Where the question was asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case", tag = "at")]
pub enum AskedAt {
    /// At the start of an urge session.
    UrgeStart,
    /// At a check-in during a session.
    CheckIn {
        /// How many skills they have tried this session.
        skills_tried: usize,
        /// Whether the delay goal has been reached.
        goal_reached: bool,
        /// Whether reaching out was already offered this session (it is
        /// offered once).
        already_offered: bool,
    },
}

/// How many skills make "still strong after two skills".
const SKILLS_BEFORE_OFFER: usize = 2;

/// Whether the urge is still strong enough to offer reaching out: strong
/// ([`Intensity::is_strong`]) after two skills, or at the goal.
pub fn still_strong(latest: Option<Intensity>, skills_tried: usize, goal_reached: bool) -> bool {
    latest.is_some_and(Intensity::is_strong)
        && (skills_tried >= SKILLS_BEFORE_OFFER || goal_reached)
}

/// What follows an answer at the start of an urge or a check-in. Thinking
/// about ending their life always brings the crisis screen first, whatever
/// else was answered; a strong urge after two skills or at the goal brings
/// an offer once; otherwise the flow carries on.
pub fn after_answer(at: AskedAt, answer: Answer, plan: &SafetyPlan, locale: Locale) -> Escalation {
    if answer.thinking_of_ending_life {
        return Escalation::CrisisFirst(Box::new(crisis_screen(plan, locale)));
    }
    match at {
        AskedAt::CheckIn {
            skills_tried,
            goal_reached,
            already_offered: false,
        } if still_strong(answer.intensity, skills_tried, goal_reached) => {
            Escalation::Offer(offer(plan, locale))
        }
        AskedAt::UrgeStart | AskedAt::CheckIn { .. } => Escalation::Continue,
    }
}

/// What follows a session cue: the still-strong cue of an urge session
/// becomes the offer; other cues add nothing.
pub fn after_cue(cue: &Cue, plan: &SafetyPlan, locale: Locale) -> Escalation {
    match cue.kind {
        CueKind::StillStrong => Escalation::Offer(offer(plan, locale)),
        CueKind::CheckIn | CueKind::Halfway | CueKind::GoalReached => Escalation::Continue,
    }
}

/// What follows the end of a session. Self-harm that may need medical care
/// brings the care card; otherwise a kind acknowledgement, with a gentle
/// card to open after self-harm. Logging self-harm never does anything else.
pub fn after_outcome(outcome: Outcome, plan: &SafetyPlan) -> Escalation {
    match outcome {
        Outcome::SelfHarmed {
            needs_medical_care: true,
        } => Escalation::Care {
            acknowledgement: ContentKey::new("safety.ack.needs_care"),
            card: injury_care(),
            emergency: line_cards(plan)
                .into_iter()
                .filter(|l| l.kind == Some(LineKind::Emergency))
                .collect(),
        },
        Outcome::SelfHarmed {
            needs_medical_care: false,
        } => Escalation::Acknowledge {
            acknowledgement: outcome.acknowledgement(),
            optional_card: Some(looking_after_yourself()),
        },
        Outcome::Passed
        | Outcome::UsedSkill
        | Outcome::ReachedOut
        | Outcome::EndedWithoutSaying => Escalation::Acknowledge {
            acknowledgement: outcome.acknowledgement(),
            optional_card: None,
        },
    }
}

/// General first aid for an injury, and when to get medical help. No
/// method or injury detail; every key starts with `care.`.
pub fn injury_care() -> CareCard {
    let k = ContentKey::new;
    CareCard {
        title: k("care.injury.title"),
        sections: vec![
            CareSection {
                heading: None,
                items: vec![
                    k("care.injury.wash_hands"),
                    k("care.injury.rinse"),
                    k("care.injury.pressure"),
                    k("care.injury.cover"),
                    k("care.injury.burn_cool"),
                ],
            },
            CareSection {
                heading: Some(k("care.injury.help_now.heading")),
                items: vec![
                    k("care.injury.help_now.will_not_stop"),
                    k("care.injury.help_now.deep"),
                    k("care.injury.help_now.swallowed"),
                    k("care.injury.help_now.faint"),
                    k("care.injury.help_now.burn"),
                ],
            },
            CareSection {
                heading: Some(k("care.injury.help_soon.heading")),
                items: vec![
                    k("care.injury.help_soon.infection"),
                    k("care.injury.help_soon.unsure"),
                ],
            },
            CareSection {
                heading: None,
                items: vec![k("care.injury.healing"), k("care.injury.you_deserve_care")],
            },
        ],
    }
}

/// A gentle card on looking after oneself after self-harm, offered when no
/// medical care is needed.
pub fn looking_after_yourself() -> CareCard {
    let k = ContentKey::new;
    CareCard {
        title: k("care.self.title"),
        sections: vec![CareSection {
            heading: None,
            items: vec![
                k("care.self.water_and_food"),
                k("care.self.warm"),
                k("care.self.someone"),
                k("care.self.check_later"),
            ],
        }],
    }
}

fn crisis_screen(plan: &SafetyPlan, locale: Locale) -> CrisisScreen {
    crisis_screen_in(plan, plan.country, locale)
}

/// The crisis screen with the bundled lines of `country`, which may be
/// another than the plan's (see [`super::crisis::crisis_screen`]).
pub(super) fn crisis_screen_in(
    plan: &SafetyPlan,
    country: Option<CountryCode>,
    locale: Locale,
) -> CrisisScreen {
    CrisisScreen {
        heading: ContentKey::new("safety.crisis.heading"),
        intro: ContentKey::new("safety.crisis.intro"),
        emergency_hint: ContentKey::new("safety.crisis.emergency_hint"),
        plan: plan.clone(),
        people: person_cards(plan, locale),
        lines: lines_in(plan, country),
        coverage_note: lines_for(country).coverage.note(),
    }
}

fn offer(plan: &SafetyPlan, locale: Locale) -> Offer {
    Offer {
        message: ContentKey::new("safety.offer.still_strong"),
        people: person_cards(plan, locale),
        lines: line_cards(plan),
        dismiss: ContentKey::new("safety.offer.dismiss"),
    }
}

fn person_cards(plan: &SafetyPlan, locale: Locale) -> Vec<PersonCard> {
    plan.people
        .iter()
        .map(|p| PersonCard {
            name: p.name.as_str().to_owned(),
            actions: p.actions(locale),
        })
        .collect()
}

/// The person's own lines, then the bundled ones for their country.
fn line_cards(plan: &SafetyPlan) -> Vec<LineCard> {
    lines_in(plan, plan.country)
}

/// The person's own lines, then the bundled ones for `country`.
fn lines_in(plan: &SafetyPlan, country: Option<CountryCode>) -> Vec<LineCard> {
    let own = plan.own_lines.iter().map(|l| LineCard {
        name: l.name.as_str().to_owned(),
        kind: None,
        hours: None,
        note: l.note.as_ref().map(|n| Text::Own(n.as_str().to_owned())),
        actions: l.actions(),
        own: true,
    });
    let bundled = lines_for(country).lines.into_iter().map(|l| LineCard {
        name: l.name.to_owned(),
        kind: Some(l.kind),
        hours: Some(l.hours.label()),
        note: l.note.map(Text::Key),
        actions: l.actions(),
        own: false,
    });
    own.chain(bundled).collect()
}
