//! Ending the timer: how it went, whether an injury may need care, and a
//! kind word.

use std::time::Duration;

use super::timer::{clock, date, reschedule};
use super::{Ctx, Effect, Event, Flow, FlowError, Model, OutcomeChoice, Place, Role};
use super::{Item, Screen, Section, blank, keyed};
use crate::safety::{CareCard, looking_after_yourself};
use crate::store::Store;
use crate::urge::Outcome;

pub(super) fn handle(
    flow: &mut Flow,
    store: &mut Store,
    ctx: &Ctx,
    event: Event,
    effects: &mut Vec<Effect>,
) -> Result<(), FlowError> {
    let forgotten = matches!(
        flow.place,
        Place::Outcome { forgotten: true } | Place::Injury { forgotten: true }
    );
    match event {
        Event::AskOutcome if store.active_urge()?.is_some() => {
            flow.go(Place::Outcome { forgotten: false });
        }
        Event::EndUrge { outcome } => {
            let outcome = match outcome {
                OutcomeChoice::Passed => Outcome::Passed,
                OutcomeChoice::UsedSkill => Outcome::UsedSkill,
                OutcomeChoice::ReachedOut => Outcome::ReachedOut,
                OutcomeChoice::RatherNotSay => Outcome::EndedWithoutSaying,
                OutcomeChoice::HurtMyself => {
                    // One more question before it is logged.
                    flow.place = Place::Injury { forgotten };
                    return Ok(());
                }
            };
            end(flow, store, ctx, outcome, forgotten, effects)?;
        }
        Event::MayNeedCare { needs_care } => {
            end(
                flow,
                store,
                ctx,
                Outcome::SelfHarmed {
                    needs_medical_care: needs_care,
                },
                forgotten,
                effects,
            )?;
        }
        Event::ShowCareCard => {
            if let Place::Ended { card_open, .. } = &mut flow.place {
                *card_open = true;
            }
        }
        _ => {}
    }
    Ok(())
}

fn end(
    flow: &mut Flow,
    store: &mut Store,
    ctx: &Ctx,
    outcome: Outcome,
    forgotten: bool,
    effects: &mut Vec<Effect>,
) -> Result<(), FlowError> {
    if store.active_urge()?.is_none() {
        // Ended elsewhere already; nothing to log twice.
        return flow.go_home(store);
    }
    let ended = if forgotten {
        store.end_forgotten_urge(ctx.local, outcome)?
    } else {
        store.end_urge(ctx.local, outcome)?
    };
    flow.back.clear();
    flow.playing = None;
    flow.place = match outcome {
        Outcome::SelfHarmed {
            needs_medical_care: true,
        } => Place::Care,
        _ => Place::Ended {
            outcome,
            pause: ended.pause.duration(),
            forgotten,
            card_open: false,
        },
    };
    reschedule(store, ctx, effects)?;
    effects.push(Effect::Announce {
        text: ctx.k(outcome.acknowledgement()),
    });
    Ok(())
}

/// "How did it go?" with every outcome; for a forgotten timer, said so.
pub(super) fn ask(store: &Store, ctx: &Ctx, forgotten: bool) -> Result<Model, FlowError> {
    let mut m = blank(Screen::Outcome, ctx.w("flow.outcome.heading"));
    if forgotten && let Some(active) = store.active_urge()? {
        m.heading = ctx.wr(
            "flow.outcome.forgotten",
            &[("date", &date(active.session.started_at(), ctx))],
        );
        m.lines.push(ctx.w("flow.outcome.forgotten_body"));
    }
    m.question = Some(ctx.question(
        ctx.w("urge.ask.outcome"),
        OutcomeChoice::ALL.iter().map(|o| {
            let label = ctx.w(match o {
                OutcomeChoice::Passed => "urge.outcome.choice.passed",
                OutcomeChoice::UsedSkill => "urge.outcome.choice.used_skill",
                OutcomeChoice::ReachedOut => "urge.outcome.choice.reached_out",
                OutcomeChoice::HurtMyself => "urge.outcome.choice.self_harmed",
                OutcomeChoice::RatherNotSay => "urge.outcome.choice.ended_without_saying",
            });
            (label, Event::EndUrge { outcome: *o })
        }),
    ));
    if !forgotten {
        m.choices.push(keyed(
            ctx.choice("flow.outcome.keep_going", Role::Back, Event::Back),
            "q",
        ));
    }
    Ok(m)
}

/// Whether the injury may need care. "Not sure" is answered as yes: the
/// care card is the safer thing to show.
pub(super) fn injury(ctx: &Ctx) -> Model {
    let mut m = blank(Screen::Injury, ctx.w("flow.injury.heading"));
    m.lines.push(ctx.w("flow.injury.body"));
    let answer = |key, needs_care| (ctx.w(key), Event::MayNeedCare { needs_care });
    m.question = Some(ctx.question(
        ctx.w("flow.injury.question"),
        [
            answer("flow.injury.yes", true),
            answer("flow.injury.not_sure", true),
            answer("flow.injury.no", false),
        ],
    ));
    m
}

/// A kind word after the timer, the pause, and the gentle card after
/// self-harm if the person wants it.
pub(super) fn ended(
    ctx: &Ctx,
    outcome: Outcome,
    pause: Duration,
    forgotten: bool,
    card_open: bool,
) -> Model {
    let mut m = blank(Screen::Ended, ctx.k(outcome.acknowledgement()));
    m.lines.push(if forgotten {
        ctx.w("flow.ended.forgotten")
    } else {
        ctx.wr("flow.ended.pause", &[("pause", &clock(pause))])
    });
    if matches!(outcome, Outcome::SelfHarmed { .. }) {
        let card = looking_after_yourself();
        if card_open {
            m.sections.extend(card_sections(ctx, &card));
        } else {
            m.choices.push(keyed(
                ctx.choice("flow.ended.care_card", Role::Secondary, Event::ShowCareCard),
                "v",
            ));
        }
    }
    m.choices.push(keyed(
        ctx.choice("flow.ended.done", Role::Primary, Event::Home),
        "q",
    ));
    m
}

/// A care card as sections.
pub(super) fn card_sections(ctx: &Ctx, card: &CareCard) -> Vec<Section> {
    card.sections
        .iter()
        .enumerate()
        .map(|(i, s)| Section {
            heading: match (i, s.heading) {
                (_, Some(h)) => Some(ctx.k(h)),
                (0, None) => Some(ctx.k(card.title)),
                _ => None,
            },
            empty: None,
            items: s
                .items
                .iter()
                .map(|k| Item {
                    text: ctx.k(*k),
                    note: None,
                    choices: Vec::new(),
                })
                .collect(),
            choices: Vec::new(),
        })
        .collect()
}
