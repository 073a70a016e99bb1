//! Guided exercises: cautions before first use, each step's words and
//! haptics, pause, next, done.

use super::timer::{intensity_question, record_skill};
use super::{Ctx, Detail, Effect, Event, Flow, FlowError, Item, Model, Place, Playing, Role};
use super::{Screen, Section, StepDetail, blank, keyed, skill_id};
use crate::guides::{self, Guide, GuideCue, GuideId, GuideRun, RunningStep};
use crate::haptics::RenderedHaptics;
use crate::store::Store;

pub(super) fn handle(
    flow: &mut Flow,
    store: &mut Store,
    ctx: &Ctx,
    event: Event,
    effects: &mut Vec<Effect>,
) -> Result<(), FlowError> {
    match event {
        Event::StartGuide { guide, skill } => {
            let timeline = guides::guide(guide);
            let seen = store.settings()?.cautions_seen;
            if !timeline.cautions.iter().all(|c| seen.contains(c)) {
                flow.go(Place::Cautions { guide, skill });
            } else {
                start(flow, store, ctx, guide, skill, effects)?;
            }
        }
        Event::AcceptCautions => {
            if let Place::Cautions { guide, skill } = flow.place.clone() {
                // Read once, kept: the caution is not asked again.
                store.saw_cautions(ctx.local, guides::guide(guide).cautions.iter().copied())?;
                start(flow, store, ctx, guide, skill, effects)?;
            }
        }
        Event::NextStep { index } => {
            if let Some(playing) = flow.playing.as_mut() {
                let index = usize::try_from(index).unwrap_or(usize::MAX);
                if playing.paused {
                    playing.paused = false;
                    playing.run.resume(ctx.now);
                }
                let cues = playing.run.finish_step(ctx.now, index);
                cued(flow, store, ctx, cues, effects)?;
            }
        }
        Event::PauseGuide => {
            if let Some(playing) = flow.playing.as_mut()
                && !playing.paused
            {
                let cues = playing.run.pause(ctx.now);
                playing.paused = true;
                cued(flow, store, ctx, cues, effects)?;
            }
        }
        Event::ResumeGuide => {
            if let Some(playing) = flow.playing.as_mut()
                && playing.paused
            {
                playing.paused = false;
                playing.run.resume(ctx.now);
            }
        }
        Event::StopGuide => {
            flow.playing = None;
            flow.go_back(store)?;
        }
        _ => {}
    }
    Ok(())
}

fn start(
    flow: &mut Flow,
    store: &mut Store,
    ctx: &Ctx,
    guide: GuideId,
    skill: Option<String>,
    effects: &mut Vec<Effect>,
) -> Result<(), FlowError> {
    let mut run = GuideRun::start(guides::guide(guide), ctx.now);
    let cues = run.advance(ctx.now);
    flow.playing = Some(Playing {
        run,
        skill,
        paused: false,
    });
    if matches!(flow.place, Place::Cautions { .. }) {
        flow.place = Place::Guide;
    } else {
        flow.go(Place::Guide);
    }
    cued(flow, store, ctx, cues, effects)
}

/// Carries out a guide's cues: each step that starts is felt and
/// announced; the end records the skill and asks how strong it is now.
pub(super) fn cued(
    flow: &mut Flow,
    store: &mut Store,
    ctx: &Ctx,
    cues: Vec<GuideCue>,
    effects: &mut Vec<Effect>,
) -> Result<(), FlowError> {
    for cue in cues {
        match cue {
            GuideCue::StepStarted(step) => {
                let haptics = flow.playing.as_ref().map_or(RenderedHaptics::Nothing, |p| {
                    render(ctx, p.run.guide(), step.index)
                });
                if haptics != RenderedHaptics::Nothing {
                    effects.push(Effect::Vibrate { haptics });
                }
                effects.push(Effect::Announce {
                    text: ctx.k(step.text),
                });
            }
            GuideCue::Finished => {
                let Some(playing) = flow.playing.take() else {
                    continue;
                };
                if let Some(id) = playing.skill.as_deref().and_then(skill_id)
                    && store.skill_book()?.get(&id).is_some()
                {
                    record_skill(store, ctx, &id)?;
                }
                flow.place = Place::GuideDone {
                    guide: playing.run.guide().id,
                };
                effects.push(Effect::Announce {
                    text: ctx.w("flow.guide.done"),
                });
            }
        }
    }
    Ok(())
}

/// Step `index`'s haptics for this device, as played within its guide (a
/// watch keeps its taps apart across steps).
fn render(ctx: &Ctx, guide: &Guide, index: usize) -> RenderedHaptics {
    ctx.haptics.map_or(RenderedHaptics::Nothing, |platform| {
        guide.step_haptics(index, platform)
    })
}

/// The guides to choose from.
pub(super) fn list(ctx: &Ctx) -> Model {
    let mut m = blank(Screen::Guides, ctx.w("flow.guides.heading"));
    m.sections.push(Section {
        heading: None,
        empty: None,
        items: GuideId::ALL
            .iter()
            .map(|id| {
                let g = guides::guide(*id);
                Item {
                    text: ctx.k(g.title),
                    note: g.intro.map(|k| ctx.k(k)),
                    choices: vec![ctx.choice(
                        "flow.guides.start",
                        Role::Secondary,
                        Event::StartGuide {
                            guide: *id,
                            skill: None,
                        },
                    )],
                }
            })
            .collect(),
        choices: Vec::new(),
    });
    m.choices.push(ctx.back());
    m
}

/// Cautions before a guide's first use.
pub(super) fn cautions(ctx: &Ctx, guide: GuideId) -> Model {
    let g = guides::guide(guide);
    let mut m = blank(Screen::Cautions, ctx.k(g.title));
    m.lines.push(ctx.w("flow.cautions.intro"));
    m.sections.push(Section {
        heading: None,
        empty: None,
        items: g
            .cautions
            .iter()
            .map(|c| Item {
                text: ctx.k(c.text()),
                note: None,
                choices: Vec::new(),
            })
            .collect(),
        choices: Vec::new(),
    });
    m.choices.push(keyed(
        ctx.choice("flow.cautions.go_on", Role::Primary, Event::AcceptCautions),
        "y",
    ));
    m.choices.push(keyed(
        ctx.choice("flow.cautions.something_else", Role::Back, Event::Back),
        "q",
    ));
    m
}

/// The step in effect.
pub(super) fn step(flow: &Flow, ctx: &Ctx) -> Model {
    let Some(playing) = &flow.playing else {
        return list(ctx);
    };
    let guide = playing.run.guide();
    let mut m = blank(Screen::Guide, ctx.k(guide.title));
    let count = u32::try_from(guide.steps.len()).unwrap_or(u32::MAX);
    if let Some(step) = playing.run.current_step(ctx.now) {
        let index = u32::try_from(step.index).unwrap_or(u32::MAX);
        m.lines.push(ctx.k(step.text));
        m.detail = Detail::Step {
            step: detail(ctx, guide, &step, index, count, playing.paused),
        };
        let next = if step.length.timed().is_some() {
            "flow.guide.skip"
        } else {
            "flow.guide.next"
        };
        m.choices.push(keyed(
            ctx.choice(next, Role::Primary, Event::NextStep { index }),
            "n",
        ));
    }
    m.choices.push(if playing.paused {
        keyed(
            ctx.choice("flow.guide.resume", Role::Secondary, Event::ResumeGuide),
            "p",
        )
    } else {
        keyed(
            ctx.choice("flow.guide.pause", Role::Secondary, Event::PauseGuide),
            "p",
        )
    });
    m.choices.push(keyed(
        ctx.choice("flow.guide.stop", Role::Back, Event::StopGuide),
        "q",
    ));
    m
}

fn detail(
    ctx: &Ctx,
    guide: &Guide,
    step: &RunningStep,
    index: u32,
    count: u32,
    paused: bool,
) -> StepDetail {
    StepDetail {
        index,
        count,
        kind: step.kind,
        length: step.length.timed(),
        ends_at: if paused {
            None
        } else {
            step.ends_at.map(Into::into)
        },
        paused,
        spoken: ctx.spoken(step.text),
        haptics: render(ctx, guide, step.index),
    }
}

/// A guide just finished: how strong is it now, when a timer runs.
pub(super) fn done(store: &Store, ctx: &Ctx, guide: GuideId) -> Result<Model, FlowError> {
    let mut m = blank(Screen::GuideDone, ctx.k(guides::guide(guide).title));
    m.lines.push(ctx.w("flow.guide.done"));
    if store.active_urge()?.is_some() {
        m.question = Some(intensity_question(ctx));
        m.choices.push(keyed(
            ctx.choice("flow.guide.back_to_timer", Role::Back, Event::Back),
            "q",
        ));
    } else {
        m.choices.push(ctx.back());
    }
    Ok(m)
}
