//! The urge timer: start, check-ins, skills, the need, a longer goal.

use std::time::Duration;

use chrono::{DateTime, Utc};

use super::{Ctx, Detail, Effect, Event, Flow, FlowError, Item, Model, Place, Reminder};
use super::{Question, Role, Screen, Section, TimerDetail, blank, keyed, skill_id};
use crate::skills::{
    Context as SkillContext, Evidence, Moment, ReachOut, Requirement, Suggestion, recommend,
};
use crate::store::{ActiveUrge, SkillUseRecord, Store};
use crate::urge::{
    Cue, CueKind, DelayGoal, Feeling, Intensity, Need, StartOptions, UrgeSession, suggested_goal,
};

/// How many recent pauses shape the suggested goal (the urge module's rule
/// looks at the last five safe ones among them).
pub(crate) const PAUSES_FOR_SUGGESTION: usize = 20;

/// How many skills the timer offers at once.
const SKILLS_SHOWN: usize = 3;

pub(super) fn handle(
    flow: &mut Flow,
    store: &mut Store,
    ctx: &Ctx,
    event: Event,
    effects: &mut Vec<Effect>,
) -> Result<(), FlowError> {
    match event {
        Event::StartUrge { source } => {
            let settings = store.settings()?;
            let goal = suggested_goal(&store.recent_pauses(PAUSES_FOR_SUGGESTION)?);
            let active = store.start_urge(
                ctx.local,
                StartOptions {
                    source,
                    intensity: None,
                    need: None,
                    goal,
                    cadence: settings.cadence,
                    utc_offset_secs: ctx.local.offset().local_minus_utc(),
                },
            )?;
            if active.resumed {
                flow.notice = Some(ctx.wr(
                    "flow.timer.resumed",
                    &[("elapsed", &clock(active.session.elapsed(ctx.now)))],
                ));
            }
            flow.back.clear();
            flow.place = Place::Timer;
            reschedule(store, ctx, effects)?;
        }
        Event::Intensity { value } => match Intensity::new(value) {
            Ok(level) => {
                let after_guide = matches!(flow.place, Place::GuideDone { .. });
                if after_guide {
                    // The reading after a guide: back to where it started.
                    flow.go_back(store)?;
                }
                if store.active_urge()?.is_some() {
                    let cues = store.check_in(ctx.local, level)?;
                    flow.notice = Some(ctx.w("flow.timer.noted"));
                    show_cues(flow, ctx, &cues, effects);
                }
            }
            Err(_) => flow.problem = Some(ctx.w("flow.problem.intensity")),
        },
        Event::AskNeed => flow.go(Place::Need),
        Event::NameNeed { need } => {
            if store.active_urge()?.is_some() {
                store.name_need(ctx.local, need)?;
            }
            if matches!(flow.place, Place::Need) {
                flow.go_back(store)?;
            }
        }
        Event::AskFeeling => flow.go(Place::Feeling),
        Event::NameFeeling { feeling } => {
            if store.active_urge()?.is_some() {
                store.name_feeling(ctx.local, feeling)?;
                flow.notice = Some(ctx.wr(
                    "flow.timer.feeling_named",
                    &[("feeling", &ctx.k(feeling.label()))],
                ));
            }
            if matches!(flow.place, Place::Feeling) {
                flow.go_back(store)?;
            }
        }
        Event::SurpriseMe => surprise(flow, store, ctx, effects)?,
        Event::UseSkill { skill } => {
            let Some(id) = skill_id(&skill)
                .filter(|id| store.skill_book().is_ok_and(|book| book.get(id).is_some()))
            else {
                flow.problem = Some(ctx.w("flow.problem.skill"));
                return Ok(());
            };
            record_skill(store, ctx, &id)?;
            flow.surprise = None;
            let title = store
                .skill_book()?
                .get(&id)
                .map(|s| s.title.in_locale(ctx.locale).to_owned())
                .unwrap_or_default();
            flow.notice = Some(ctx.wr("flow.timer.skill_noted", &[("skill", &title)]));
        }
        Event::Extend => {
            if let Some(active) = store.active_urge()? {
                let current = active.session.goal();
                match longer_goal(current) {
                    Some(goal) => {
                        store.extend_urge(ctx.local, goal)?;
                        flow.notice = Some(ctx.wr(
                            "flow.timer.extended",
                            &[("minutes", &goal.minutes().to_string())],
                        ));
                        reschedule(store, ctx, effects)?;
                    }
                    None => flow.notice = Some(ctx.w("flow.timer.longest")),
                }
            }
        }
        Event::DismissOffer => flow.go_back(store)?,
        _ => {}
    }
    Ok(())
}

/// Records a skill used, with the session's need and latest reading.
pub(super) fn record_skill(
    store: &mut Store,
    ctx: &Ctx,
    id: &crate::skills::SkillId,
) -> Result<(), FlowError> {
    let session = store.active_urge()?.map(|a| a.session);
    store.record_skill(
        ctx.local,
        SkillUseRecord {
            skill: id.as_str().to_owned(),
            need: session.as_ref().and_then(UrgeSession::need),
            intensity_before: session.as_ref().and_then(UrgeSession::latest_intensity),
            intensity_after: None,
            helped: None,
        },
    )?;
    Ok(())
}

/// The next longer goal: the next preset, else fifteen minutes more.
fn longer_goal(current: DelayGoal) -> Option<DelayGoal> {
    DelayGoal::PRESETS
        .into_iter()
        .find(|g| *g > current)
        .or_else(|| DelayGoal::from_minutes(current.minutes() + 15).ok())
}

/// Shows cues: the still-strong offer comes to the front (unless crisis
/// help is already there); other cues are words on the timer, announced.
pub(super) fn show_cues(flow: &mut Flow, ctx: &Ctx, cues: &[Cue], effects: &mut Vec<Effect>) {
    for cue in cues {
        if cue.kind == CueKind::StillStrong {
            if !matches!(flow.place, Place::Crisis { .. } | Place::Offer) {
                flow.go(Place::Offer);
            }
            continue;
        }
        let words = ctx.k(cue.text());
        effects.push(Effect::Announce {
            text: words.clone(),
        });
        flow.notice = Some(words);
    }
}

/// Replaces the notification schedule with the running timer's cues, or
/// cancels it when nothing runs.
pub(super) fn reschedule(
    store: &Store,
    ctx: &Ctx,
    effects: &mut Vec<Effect>,
) -> Result<(), FlowError> {
    schedule(store.active_urge()?.as_ref(), ctx, effects);
    Ok(())
}

/// [`reschedule`] for a running timer already read from the store.
pub(super) fn schedule(active: Option<&ActiveUrge>, ctx: &Ctx, effects: &mut Vec<Effect>) {
    effects.push(match active {
        Some(active) => Effect::Schedule {
            notifications: active
                .session
                .schedule(ctx.now)
                .into_iter()
                .map(|s| Reminder {
                    at: s.due.into(),
                    text: ctx.k(s.cue.text()),
                    public_text: ctx.w("flow.notification.public"),
                })
                .collect(),
        },
        None => Effect::CancelNotifications,
    });
}

/// The timer screen.
pub(super) fn timer(store: &Store, ctx: &Ctx, surprise: Option<&str>) -> Result<Model, FlowError> {
    let Some(active) = store.active_urge()? else {
        return super::home::home(store, ctx);
    };
    let s = &active.session;
    let elapsed = s.elapsed(ctx.now);
    let remaining = s.remaining(ctx.now);
    // Whole seconds: elapsed rounds down and what is left rounds up, so the
    // two always add up to the goal.
    let left = Duration::from_secs(remaining.as_secs() + u64::from(remaining.subsec_nanos() > 0));
    let mut m = blank(Screen::Timer, ctx.w("flow.timer.heading"));
    m.lines.push(if remaining.is_zero() {
        ctx.wr("flow.timer.past_goal", &[("elapsed", &clock(elapsed))])
    } else {
        ctx.wr(
            "flow.timer.status",
            &[("elapsed", &clock(elapsed)), ("remaining", &clock(left))],
        )
    });
    if let Some(need) = s.need() {
        m.lines
            .push(ctx.wr("flow.timer.need", &[("need", &ctx.k(need.label()))]));
    }
    if !s.feelings().is_empty() {
        let named: Vec<String> = s.feelings().iter().map(|f| ctx.k(f.label())).collect();
        m.lines
            .push(ctx.wr("flow.timer.feelings", &[("feelings", &named.join(", "))]));
    }
    m.question = Some(intensity_question(ctx));
    let mut suggestions = suggestions(store, ctx, s)?;
    // The surprise comes first, so it can be guided or noted like the rest.
    if let Some(at) = suggestions
        .iter()
        .position(|sug| Some(sug.skill.id.as_str()) == surprise)
    {
        let picked = suggestions.remove(at);
        suggestions.insert(0, picked);
    }
    m.sections.push(Section {
        heading: Some(ctx.w("flow.timer.skills")),
        empty: Some(ctx.w("flow.timer.no_skills")),
        items: suggestions
            .iter()
            .take(SKILLS_SHOWN)
            .map(|sug| skill_item(ctx, sug))
            .collect(),
        choices: Vec::new(),
    });
    m.choices.push(keyed(
        ctx.choice("flow.timer.surprise", Role::Secondary, Event::SurpriseMe),
        "s",
    ));
    m.choices.push(keyed(
        ctx.choice("flow.timer.need_choice", Role::Secondary, Event::AskNeed),
        "n",
    ));
    m.choices.push(keyed(
        ctx.choice(
            "flow.timer.feeling_choice",
            Role::Secondary,
            Event::AskFeeling,
        ),
        "f",
    ));
    m.choices.push(keyed(
        ctx.choice(
            "flow.timer.breathe",
            Role::Secondary,
            Event::StartGuide {
                guide: crate::guides::GuideId::Breathing,
                skill: Some(crate::skills::SkillId::LONG_EXHALE.as_str().to_owned()),
            },
        ),
        "b",
    ));
    m.choices.push(keyed(
        ctx.choice("flow.timer.guides", Role::Secondary, Event::OpenGuides),
        "g",
    ));
    m.choices.push(keyed(
        ctx.choice("flow.timer.extend", Role::Secondary, Event::Extend),
        "x",
    ));
    m.choices.push(keyed(
        ctx.choice("flow.timer.end", Role::Primary, Event::AskOutcome),
        "e",
    ));
    m.detail = Detail::Timer {
        timer: TimerDetail {
            started_at: s.started_at().into(),
            elapsed,
            goal: s.goal().duration(),
            remaining,
            intensity: s.latest_intensity().map(Intensity::value),
        },
    };
    Ok(m)
}

/// "How strong is the urge, from 0 to 10?" with its answers and the
/// ending-life choice.
pub(super) fn intensity_question(ctx: &Ctx) -> Question {
    let mut answers: Vec<_> = (0..=Intensity::MAX.value())
        .map(|v| super::Choice {
            label: v.to_string(),
            role: Role::Answer,
            event: Event::Intensity { value: v },
            fields: Vec::new(),
            key: Some(v.to_string()),
        })
        .collect();
    answers.push(ctx.ending_life());
    Question {
        text: ctx.w("flow.timer.ask_intensity"),
        answers,
    }
}

fn skill_item(ctx: &Ctx, s: &Suggestion) -> Item {
    let id = s.skill.id.as_str().to_owned();
    let mut choices = Vec::new();
    match (s.reach_out, s.skill.guide) {
        // Still strong with nobody in the plan: the lines, not a person.
        (Some(ReachOut::CrisisLine), _) => {
            choices.push(ctx.choice("flow.timer.reach_line", Role::Secondary, Event::OpenCrisis))
        }
        (_, Some(guide)) => choices.push(ctx.choice(
            "flow.timer.guide_me",
            Role::Secondary,
            Event::StartGuide {
                guide,
                skill: Some(id.clone()),
            },
        )),
        (_, None) => {}
    }
    choices.push(ctx.choice(
        "flow.timer.tried",
        Role::Secondary,
        Event::UseSkill { skill: id },
    ));
    // A caution not yet read is said with the skill, before anything else
    // about it.
    let note = s
        .cautions
        .iter()
        .map(|c| ctx.k(c.text()))
        .chain(std::iter::once(ctx.k(s.reason)))
        .collect::<Vec<_>>()
        .join(" ");
    Item {
        text: s.skill.title.in_locale(ctx.locale).to_owned(),
        note: Some(note),
        choices,
    }
}

/// What to offer now, learned from the person's history. The draw is
/// seeded by the session's start, so a list stays put while the person
/// reads it and the same events give the same list.
fn suggestions(store: &Store, ctx: &Ctx, s: &UrgeSession) -> Result<Vec<Suggestion>, FlowError> {
    let book = store.skill_book()?;
    let evidence = Evidence::learn(&store.past_skill_uses()?, ctx.now);
    let context = SkillContext::for_plan(
        ctx.device == super::DeviceKind::Watch,
        false,
        Requirement::ALL,
        &store.safety_plan()?,
    );
    let moment = Moment {
        need: s.need(),
        intensity: s.latest_intensity(),
        context,
        still_strong_after_two_skills: s.still_strong_after_skills(),
        cautions_seen: store.settings()?.cautions_seen,
    };
    let seed = s.started_at().timestamp_millis().unsigned_abs()
        ^ u64::try_from(s.skills_tried().len())
            .unwrap_or(0)
            .rotate_left(32);
    Ok(recommend(&book, &evidence, &moment, seed))
}

/// What the urge would do: one answer per need.
pub(super) fn need(ctx: &Ctx) -> Model {
    let mut m = blank(Screen::Need, ctx.w("flow.need.heading"));
    m.question = Some(
        ctx.question(
            ctx.w("flow.need.question"),
            Need::ALL
                .iter()
                .map(|need| (ctx.k(need.label()), Event::NameNeed { need: *need })),
        ),
    );
    m.choices.push(ctx.back());
    m
}

/// What feeling the urge is carrying: one answer per feeling, and back to
/// leave it unsaid. Nothing here is required.
pub(super) fn feeling(ctx: &Ctx) -> Model {
    let mut m = blank(Screen::Feeling, ctx.w("flow.feeling.heading"));
    m.lines.push(ctx.w("flow.feeling.intro"));
    m.question = Some(
        ctx.question(
            ctx.w("flow.feeling.question"),
            Feeling::ALL
                .iter()
                .map(|f| (ctx.k(f.label()), Event::NameFeeling { feeling: *f })),
        ),
    );
    m.choices.push(ctx.back());
    m
}

/// "Surprise me": one skill that fits the need, drawn from those the timer
/// would offer that are safe to try unprepared (no caution left unread, not
/// the crisis lines), seeded by the moment so the same events give the same
/// skill. A skill with a guide starts it; another is shown with its
/// summary.
fn surprise(
    flow: &mut Flow,
    store: &mut Store,
    ctx: &Ctx,
    effects: &mut Vec<Effect>,
) -> Result<(), FlowError> {
    let Some(active) = store.active_urge()? else {
        return Ok(());
    };
    let candidates: Vec<Suggestion> = suggestions(store, ctx, &active.session)?
        .into_iter()
        .filter(|s| s.cautions.is_empty() && s.reach_out != Some(ReachOut::CrisisLine))
        .collect();
    if candidates.is_empty() {
        flow.notice = Some(ctx.w("flow.timer.surprise_none"));
        return Ok(());
    }
    let seed = u64::try_from(ctx.now.timestamp_nanos_opt().unwrap_or_default())
        .unwrap_or_default()
        .wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let index = usize::try_from(seed >> 32).unwrap_or_default() % candidates.len();
    let pick = &candidates[index];
    match pick.skill.guide {
        Some(guide) => super::guide::handle(
            flow,
            store,
            ctx,
            Event::StartGuide {
                guide,
                skill: Some(pick.skill.id.as_str().to_owned()),
            },
            effects,
        )?,
        None => {
            flow.surprise = Some(pick.skill.id.as_str().to_owned());
            flow.notice = Some(ctx.wr(
                "flow.timer.surprise_pick",
                &[
                    ("skill", pick.skill.title.in_locale(ctx.locale)),
                    ("summary", pick.skill.summary.in_locale(ctx.locale)),
                ],
            ));
        }
    }
    Ok(())
}

/// Minutes and seconds, as a clock reads ("12:05", "1:02:05").
pub(crate) fn clock(d: Duration) -> String {
    let secs = d.as_secs();
    let (h, m, s) = (secs / 3600, (secs / 60) % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// A local date for words ("2 December 2026").
pub(crate) fn date(at: DateTime<Utc>, ctx: &Ctx) -> String {
    at.with_timezone(ctx.local.offset())
        .format("%-d %B %Y")
        .to_string()
}
