//! Crisis help, the offer to reach someone, and care after an injury. The
//! screens only lay out what `safety` decides.

use super::outcome::card_sections;
use super::{Choice, Ctx, Event, Item, Model, Role, Screen, Section, blank, keyed};
use crate::safety::{
    Action, Escalation, LineCard, PersonCard, SafetyPlan, after_cue, after_outcome, crisis_help,
};
use crate::urge::{Cue, CueKind, Outcome};

/// The crisis screen: when the person said they are thinking about ending
/// their life, nothing else is on it but their plan, people and lines.
pub(super) fn crisis(plan: &SafetyPlan, ctx: &Ctx, ending_life: bool) -> Model {
    let screen = crisis_help(crate::safety::Flow::Home).open(plan, ctx.locale);
    let mut m = blank(Screen::Crisis, ctx.k(screen.heading));
    // Said first, and in place of the general words, when the person said
    // they are thinking about ending their life.
    m.lines.push(if ending_life {
        ctx.w("flow.crisis.ending_life")
    } else {
        ctx.k(screen.intro)
    });
    m.lines.push(ctx.k(screen.emergency_hint));
    match (plan.country, screen.coverage_note) {
        (None, _) => m.lines.push(ctx.w("flow.crisis.no_country")),
        (Some(_), Some(note)) => m.lines.push(ctx.k(note)),
        (Some(_), None) => {}
    }
    m.sections.push(people(ctx, &screen.people));
    m.sections.push(lines(ctx, &screen.lines));
    for step in crate::safety::PlanStep::ALL {
        let Some(list) = crate::safety::EntryList::ALL
            .iter()
            .copied()
            .find(|l| l.step() == step)
        else {
            continue;
        };
        let entries = plan.entries(list);
        if entries.is_empty() {
            continue;
        }
        m.sections.push(Section {
            heading: Some(ctx.k(step.title())),
            empty: None,
            items: entries
                .iter()
                .map(|e| Item {
                    text: e.as_str().to_owned(),
                    note: None,
                    choices: Vec::new(),
                })
                .collect(),
            choices: Vec::new(),
        });
    }
    if plan.country.is_none() {
        m.choices.push(keyed(
            ctx.choice(
                "flow.crisis.choose_country",
                Role::Secondary,
                Event::ChooseCountry,
            ),
            "o",
        ));
    }
    m.choices.push(ctx.back());
    m
}

/// The gentle offer to reach someone while the urge stays strong.
pub(super) fn offer(plan: &SafetyPlan, ctx: &Ctx) -> Model {
    let cue = Cue {
        kind: CueKind::StillStrong,
        at: std::time::Duration::ZERO,
        asks_intensity: false,
    };
    let Escalation::Offer(offer) = after_cue(&cue, plan, ctx.locale) else {
        return crisis(plan, ctx, false);
    };
    let mut m = blank(Screen::Offer, ctx.k(offer.message));
    m.sections.push(people(ctx, &offer.people));
    m.sections.push(lines(ctx, &offer.lines));
    m.choices.push(keyed(
        Choice {
            label: ctx.k(offer.dismiss),
            role: Role::Back,
            event: Event::DismissOffer,
            fields: Vec::new(),
            key: None,
        },
        "q",
    ));
    m
}

/// After an injury that may need care: a kind word, general first aid and
/// the emergency number for the person's country (or the words to call
/// their local one).
pub(super) fn care(plan: &SafetyPlan, ctx: &Ctx) -> Model {
    let outcome = Outcome::SelfHarmed {
        needs_medical_care: true,
    };
    let Escalation::Care {
        acknowledgement,
        card,
        emergency,
    } = after_outcome(outcome, plan)
    else {
        return crisis(plan, ctx, false);
    };
    let mut m = blank(Screen::Care, ctx.k(acknowledgement));
    m.sections.push(Section {
        heading: Some(ctx.w("flow.care.emergency")),
        empty: Some(ctx.w("flow.care.local_emergency")),
        items: emergency.iter().map(|l| line(ctx, l)).collect(),
        choices: Vec::new(),
    });
    if plan.country.is_none() {
        m.lines.push(ctx.w("flow.care.local_emergency"));
    }
    m.sections.extend(card_sections(ctx, &card));
    m.choices.push(keyed(
        ctx.choice("flow.ended.done", Role::Primary, Event::Home),
        "q",
    ));
    m
}

fn people(ctx: &Ctx, people: &[PersonCard]) -> Section {
    Section {
        heading: Some(ctx.w("flow.crisis.people")),
        empty: Some(ctx.w("flow.crisis.no_people")),
        items: people
            .iter()
            .map(|p| Item {
                text: p.name.clone(),
                note: None,
                choices: reach(ctx, &p.actions),
            })
            .collect(),
        choices: vec![ctx.choice("flow.crisis.edit_plan", Role::Secondary, Event::OpenPlan)],
    }
}

fn lines(ctx: &Ctx, lines: &[LineCard]) -> Section {
    Section {
        heading: Some(ctx.w("flow.crisis.lines")),
        empty: None,
        items: lines.iter().map(|l| line(ctx, l)).collect(),
        choices: Vec::new(),
    }
}

fn line(ctx: &Ctx, l: &LineCard) -> Item {
    let note = [
        l.hours.map(|h| ctx.k(h)),
        l.note.as_ref().map(|n| n.in_locale(ctx.locale).to_owned()),
    ]
    .into_iter()
    .flatten()
    .map(|part| {
        let part = part.trim_end().to_owned();
        if part.ends_with(['.', '?', ')']) {
            part
        } else {
            format!("{part}.")
        }
    })
    .collect::<Vec<_>>()
    .join(" ");
    Item {
        text: l.name.clone(),
        note: (!note.is_empty()).then_some(note),
        choices: reach(ctx, &l.actions),
    }
}

/// One choice per way to reach, with the number (and keyword) in words so
/// a shell that cannot open the dialler still shows it.
fn reach(ctx: &Ctx, actions: &[Action]) -> Vec<Choice> {
    actions
        .iter()
        .map(|a| Choice {
            label: a.describe(ctx.locale),
            role: Role::Reach,
            event: Event::Reach { action: a.clone() },
            fields: Vec::new(),
            key: None,
        })
        .collect()
}

/// Crisis help for a shell whose store did not open (a lost or wrong key,
/// a damaged file, a full disk): the bundled lines for the country kept
/// beside `database` (readable without the key), else for `region`, the
/// device's region (ISO 3166, such as "GB"). The person's plan and people
/// join once the store opens. Its back choice is the shell's own way on
/// (trying the store again); there is no flow to send it to.
pub fn crisis_without_store(
    database: &std::path::Path,
    region: Option<&str>,
    context: &super::Context,
) -> Result<Model, super::FlowError> {
    let ctx = Ctx::new(context)?;
    let region = region.and_then(|r| crate::safety::CountryCode::new(r).ok());
    let mut plan = SafetyPlan::empty();
    plan.country = crate::safety::crisis_country(crate::store::kept_country(database), region);
    let mut m = crisis(&plan, &ctx, false);
    m.lines.insert(0, ctx.w("flow.crisis.no_store"));
    // Only what works without a store: the lines themselves, and back.
    let works = |c: &Choice| matches!(c.role, Role::Reach | Role::Back);
    m.choices.retain(works);
    for s in &mut m.sections {
        s.choices.retain(works);
        for i in &mut s.items {
            i.choices.retain(works);
        }
    }
    super::assign_keys(&mut m);
    Ok(m)
}
