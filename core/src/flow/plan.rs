//! The person's own things: the safety plan, their skills, their settings.
//! Input that cannot be used changes nothing and says why in one line.

use super::{Ctx, Event, Field, Flow, FlowError, Form, Item, Model, Role, Screen, Section};
use super::{blank, keyed};
use crate::safety::{EntryList, PersonDraft, PlanEdit, PlanStep, Reach};
use crate::settings::Setting;
use crate::skills::{PersonalSkillDraft, SkillId};
use crate::store::{Store, StoreError};
use crate::urge::{CheckInCadence, DelayGoal};

pub(super) fn handle(
    flow: &mut Flow,
    store: &mut Store,
    ctx: &Ctx,
    event: Event,
) -> Result<(), FlowError> {
    let problem = match event {
        Event::Entered { form, values } => entered(store, ctx, form, &values)?,
        Event::RemovePlanEntry { list, index } => edit_plan(
            store,
            ctx,
            PlanEdit::RemoveEntry {
                list,
                index: usize::try_from(index).unwrap_or(usize::MAX),
            },
        )?,
        Event::RemovePerson { index } => edit_plan(
            store,
            ctx,
            PlanEdit::RemovePerson {
                index: usize::try_from(index).unwrap_or(usize::MAX),
            },
        )?,
        Event::HideSkill { skill } => hide(store, ctx, &skill, true)?,
        Event::ShowSkill { skill } => hide(store, ctx, &skill, false)?,
        Event::SetCadence { cadence } => {
            store.change_setting(ctx.local, Setting::Cadence(cadence))?;
            None
        }
        Event::SetDaysWithout { on } => {
            store.change_setting(ctx.local, Setting::ShowDaysWithout(on))?;
            None
        }
        _ => None,
    };
    flow.problem = problem.map(|key| ctx.w(key));
    Ok(())
}

/// Hides or shows one skill, as one item's event; a skill Ebb does not
/// know changes nothing and says so.
fn hide(
    store: &mut Store,
    ctx: &Ctx,
    skill: &str,
    hidden: bool,
) -> Result<Option<&'static str>, FlowError> {
    let Ok(id) = SkillId::new(skill) else {
        return Ok(Some("flow.problem.skill"));
    };
    Ok(match store.set_skill_hidden(ctx.local, &id, hidden) {
        Ok(_) => None,
        Err(StoreError::Invalid { .. }) => Some("flow.problem.skill"),
        Err(e) => return Err(e.into()),
    })
}

fn entered(
    store: &mut Store,
    ctx: &Ctx,
    form: Form,
    values: &[String],
) -> Result<Option<&'static str>, FlowError> {
    let value = |i: usize| values.get(i).map(String::as_str).unwrap_or_default();
    match form {
        Form::PlanEntry { list } => edit_plan(
            store,
            ctx,
            PlanEdit::AddEntry {
                list,
                text: value(0).to_owned(),
            },
        ),
        Form::Person => edit_plan(
            store,
            ctx,
            PlanEdit::AddPerson(PersonDraft {
                name: value(0).to_owned(),
                phone: value(1).to_owned(),
                reach: Reach::CallOrText,
                message: None,
            }),
        ),
        Form::Skill => {
            let draft = PersonalSkillDraft {
                title: value(0).to_owned(),
                ..PersonalSkillDraft::default()
            };
            Ok(match store.add_personal_skill(ctx.local, draft) {
                Ok(_) => None,
                Err(StoreError::Invalid { .. }) => Some("flow.problem.skill_title"),
                Err(e) => return Err(e.into()),
            })
        }
        Form::Goals => {
            let goals: Option<Vec<DelayGoal>> = value(0)
                .split(|c: char| c.is_whitespace() || c == ',')
                .filter(|s| !s.is_empty())
                .map(|s| {
                    s.parse::<u64>()
                        .ok()
                        .and_then(|m| DelayGoal::from_minutes(m).ok())
                })
                .collect();
            Ok(match goals {
                Some(goals) => match store.change_setting(ctx.local, Setting::GoalPresets(goals)) {
                    Ok(_) => None,
                    Err(StoreError::Invalid { .. }) => Some("flow.problem.goals"),
                    Err(e) => return Err(e.into()),
                },
                None => Some("flow.problem.goals"),
            })
        }
    }
}

/// Records one edit of one plan item, so an edit made at the same time in
/// another process or on another device is kept. A refused edit writes
/// nothing and is said in one line.
fn edit_plan(
    store: &mut Store,
    ctx: &Ctx,
    edit: PlanEdit,
) -> Result<Option<&'static str>, FlowError> {
    match store.edit_safety_plan(ctx.local, edit) {
        Ok(_) => Ok(None),
        Err(e) if e.is_refused_plan_edit() => Ok(Some("flow.problem.plan")),
        Err(e) => Err(e.into()),
    }
}

/// The safety plan, step by step, each with a way to add to it.
pub(super) fn plan(store: &Store, ctx: &Ctx) -> Result<Model, FlowError> {
    let plan = store.safety_plan()?;
    let mut m = blank(Screen::Plan, ctx.w("flow.plan.heading"));
    m.lines.push(ctx.w("flow.plan.intro"));
    for step in PlanStep::ALL {
        let list = EntryList::ALL.iter().copied().find(|l| l.step() == step);
        let section = match list {
            Some(list) => Section {
                heading: Some(ctx.k(step.title())),
                empty: Some(ctx.k(step.prompt())),
                items: plan
                    .entries(list)
                    .iter()
                    .enumerate()
                    .map(|(i, e)| Item {
                        text: e.as_str().to_owned(),
                        note: None,
                        choices: vec![ctx.choice(
                            "flow.plan.remove",
                            Role::Remove,
                            Event::RemovePlanEntry {
                                list,
                                index: u32::try_from(i).unwrap_or(u32::MAX),
                            },
                        )],
                    })
                    .collect(),
                choices: vec![form(
                    ctx,
                    "flow.plan.add",
                    Form::PlanEntry { list },
                    vec![ctx.k(step.prompt())],
                )],
            },
            // The people step: names and numbers.
            None => Section {
                heading: Some(ctx.k(step.title())),
                empty: Some(ctx.k(step.prompt())),
                items: plan
                    .people
                    .iter()
                    .enumerate()
                    .map(|(i, p)| Item {
                        text: p.name.as_str().to_owned(),
                        note: Some(p.phone.as_str().to_owned()),
                        choices: vec![ctx.choice(
                            "flow.plan.remove",
                            Role::Remove,
                            Event::RemovePerson {
                                index: u32::try_from(i).unwrap_or(u32::MAX),
                            },
                        )],
                    })
                    .collect(),
                choices: vec![form(
                    ctx,
                    "flow.plan.add_person",
                    Form::Person,
                    vec![
                        ctx.w("flow.plan.person_name"),
                        ctx.w("flow.plan.person_phone"),
                    ],
                )],
            },
        };
        m.sections.push(section);
    }
    m.lines.push(match plan.country {
        Some(c) => ctx.wr("flow.plan.country", &[("country", c.as_str())]),
        None => ctx.w("flow.first_run.no_country"),
    });
    m.choices.push(keyed(
        ctx.choice(
            "flow.first_run.change_country",
            Role::Secondary,
            Event::ChooseCountry,
        ),
        "o",
    ));
    m.choices.push(ctx.back());
    Ok(m)
}

/// A choice that asks for fields (one prompt each) before it is sent.
fn form(ctx: &Ctx, label: &'static str, form: Form, prompts: Vec<String>) -> super::Choice {
    super::Choice {
        label: ctx.w(label),
        role: Role::Secondary,
        event: Event::Entered {
            form,
            values: Vec::new(),
        },
        fields: prompts.into_iter().map(|prompt| Field { prompt }).collect(),
        key: None,
    }
}

/// The skills: the ones offered, the hidden ones, and adding one's own.
pub(super) fn skills(store: &Store, ctx: &Ctx) -> Result<Model, FlowError> {
    let book = store.skill_book()?;
    let mut m = blank(Screen::Skills, ctx.w("flow.skills.heading"));
    m.sections.push(Section {
        heading: Some(ctx.w("flow.skills.offered")),
        empty: None,
        items: book
            .visible()
            .map(|s| Item {
                text: s.title.in_locale(ctx.locale).to_owned(),
                note: Some(s.summary.in_locale(ctx.locale).to_owned()),
                choices: vec![ctx.choice(
                    "flow.skills.hide",
                    Role::Remove,
                    Event::HideSkill {
                        skill: s.id.as_str().to_owned(),
                    },
                )],
            })
            .collect(),
        choices: vec![form(
            ctx,
            "flow.skills.add",
            Form::Skill,
            vec![ctx.w("flow.skills.add_title")],
        )],
    });
    m.sections.push(Section {
        heading: Some(ctx.w("flow.skills.hidden")),
        empty: Some(ctx.w("flow.skills.none_hidden")),
        items: book
            .hidden()
            .map(|id| Item {
                text: crate::skills::builtins()
                    .iter()
                    .find(|s| &s.id == id)
                    .map_or_else(
                        || id.as_str().to_owned(),
                        |s| s.title.in_locale(ctx.locale).to_owned(),
                    ),
                note: None,
                choices: vec![ctx.choice(
                    "flow.skills.show",
                    Role::Secondary,
                    Event::ShowSkill {
                        skill: id.as_str().to_owned(),
                    },
                )],
            })
            .collect(),
        choices: Vec::new(),
    });
    m.choices.push(ctx.back());
    Ok(m)
}

/// Settings: check-ins, goals, country, days-without, what Ebb keeps.
pub(super) fn settings(store: &Store, ctx: &Ctx) -> Result<Model, FlowError> {
    let s = store.settings()?;
    let mut m = blank(Screen::Settings, ctx.w("flow.settings.heading"));
    m.sections.push(Section {
        heading: Some(ctx.w("flow.settings.check_ins")),
        empty: None,
        items: CheckInCadence::ALL
            .iter()
            .map(|c| Item {
                text: ctx.w(match c {
                    CheckInCadence::Never => "flow.settings.cadence.never",
                    CheckInCadence::EveryMinute => "flow.settings.cadence.minute",
                    CheckInCadence::EveryTwoMinutes => "flow.settings.cadence.two_minutes",
                    CheckInCadence::EveryFiveMinutes => "flow.settings.cadence.five_minutes",
                }),
                note: (s.cadence == *c).then(|| ctx.w("flow.settings.current")),
                choices: vec![ctx.choice(
                    "flow.settings.choose",
                    Role::Answer,
                    Event::SetCadence { cadence: *c },
                )],
            })
            .collect(),
        choices: Vec::new(),
    });
    let goals = s
        .goal_presets
        .iter()
        .map(|g| g.minutes().to_string())
        .collect::<Vec<_>>()
        .join(" ");
    m.sections.push(Section {
        heading: Some(ctx.w("flow.settings.goals")),
        empty: None,
        items: vec![Item {
            text: ctx.wr("flow.settings.goals_now", &[("goals", &goals)]),
            note: None,
            choices: vec![form(
                ctx,
                "flow.settings.change_goals",
                Form::Goals,
                vec![ctx.w("flow.settings.goals_prompt")],
            )],
        }],
        choices: Vec::new(),
    });
    m.sections.push(Section {
        heading: Some(ctx.w("flow.settings.days_without")),
        empty: None,
        items: vec![Item {
            text: ctx.w("flow.settings.days_without_note"),
            note: Some(ctx.w(if s.show_days_without {
                "flow.settings.on"
            } else {
                "flow.settings.off"
            })),
            choices: vec![ctx.choice(
                if s.show_days_without {
                    "flow.settings.turn_off"
                } else {
                    "flow.settings.turn_on"
                },
                Role::Secondary,
                Event::SetDaysWithout {
                    on: !s.show_days_without,
                },
            )],
        }],
        choices: Vec::new(),
    });
    m.choices.push(keyed(
        ctx.choice(
            "flow.first_run.change_country",
            Role::Secondary,
            Event::ChooseCountry,
        ),
        "o",
    ));
    m.choices.push(keyed(
        ctx.choice("flow.home.privacy", Role::Secondary, Event::ShowPrivacy),
        "i",
    ));
    m.choices.push(ctx.back());
    Ok(m)
}
