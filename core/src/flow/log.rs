//! The log (every entry, one shown, one deleted) and a copy of everything
//! to keep or share.

use super::{Ctx, Effect, Event, Flow, FlowError, Place, blank, keyed};
use crate::content::Locale;
use crate::flow::model::{Item, Model, Role, Screen, Section};
use crate::skills::SkillBook;
use crate::store::{self, EventId, Payload, Store};

/// How many entries the log lists, newest first (the export holds all).
pub const LOG_SHOWN: usize = 200;

/// What kind of copy to save.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum ExportFormat {
    /// Everything, to bring back into Ebb on any device.
    Json,
    /// One row per urge, for a spreadsheet.
    Csv,
}

pub(super) fn handle(
    flow: &mut Flow,
    store: &mut Store,
    ctx: &Ctx,
    event: Event,
    effects: &mut Vec<Effect>,
) -> Result<(), FlowError> {
    match event {
        Event::OpenLog => flow.go(Place::Log),
        Event::ShowEntry { id } | Event::AskDelete { id } if entry(store, &id)?.is_none() => {
            flow.problem = Some(ctx.w("flow.log.gone"));
            flow.place = Place::Log;
        }
        Event::ShowEntry { id } => {
            let Some(id) = parse(&id) else {
                return Ok(());
            };
            match &mut flow.place {
                Place::Entry { id: at, confirm } if *at == id => *confirm = false,
                _ => flow.go(Place::Entry { id, confirm: false }),
            }
        }
        Event::AskDelete { id } => {
            if let Some(id) = parse(&id) {
                flow.place = Place::Entry { id, confirm: true };
            }
        }
        Event::DeleteEntry { id } => {
            match parse(&id) {
                Some(id) if entry(store, &id.to_string())?.is_some() => {
                    store.delete_entry(ctx.local, id)?;
                    let said = ctx.w("flow.log.deleted");
                    effects.push(Effect::Announce { text: said.clone() });
                    flow.problem = Some(said);
                }
                _ => flow.problem = Some(ctx.w("flow.log.gone")),
            }
            // The entry is gone: back leads to the list, not to it.
            if matches!(flow.place, Place::Entry { .. }) {
                flow.place = Place::Log;
                if flow.back.last() == Some(&Place::Log) {
                    flow.back.pop();
                }
            }
        }
        Event::OpenExport => flow.go(Place::Export),
        Event::Export { format } => {
            let mut bytes = Vec::new();
            let (name, mime) = match format {
                ExportFormat::Json => {
                    store.export_json(ctx.now, &mut bytes)?;
                    ("json", "application/json")
                }
                ExportFormat::Csv => {
                    store.export_sessions_csv(&mut bytes)?;
                    ("csv", "text/csv")
                }
            };
            effects.push(Effect::Save {
                file_name: format!("ebb-{}.{name}", ctx.local.format("%Y-%m-%d")),
                mime_type: mime.to_owned(),
                // Both writers write UTF-8 (JSON from serde, CSV from
                // strings).
                contents: String::from_utf8_lossy(&bytes).into_owned(),
            });
        }
        Event::Import { json } => match store.import_json(json.as_bytes()) {
            Ok(report) => {
                flow.problem = Some(ctx.wr(
                    "flow.log.imported",
                    &[
                        ("added", &report.added.to_string()),
                        ("present", &report.already_present.to_string()),
                    ],
                ));
                flow.go(Place::Log);
            }
            // A file that is not Ebb's (or is damaged) changes nothing and
            // says so; the store's own failures still surface.
            Err(store::StoreError::Invalid { .. }) => {
                flow.problem = Some(ctx.w("flow.log.not_ebbs"));
            }
            Err(store::StoreError::ExportTooNew { .. }) => {
                flow.problem = Some(ctx.w("flow.log.too_new"));
            }
            Err(e) => return Err(e.into()),
        },
        _ => {}
    }
    Ok(())
}

fn parse(id: &str) -> Option<EventId> {
    id.trim().parse().ok()
}

/// The entry with `id`, if it is still there (not deleted).
fn entry(store: &Store, id: &str) -> Result<Option<store::Event>, FlowError> {
    let Some(id) = parse(id) else {
        return Ok(None);
    };
    Ok(store
        .events()?
        .into_iter()
        .find(|e| e.id == id && e.payload.is_some()))
}

/// The list, newest first.
pub(super) fn log(store: &Store, ctx: &Ctx) -> Result<Model, FlowError> {
    let mut m = blank(Screen::Log, ctx.w("flow.log.heading"));
    m.lines.push(ctx.w("flow.log.intro"));
    let events = store.events()?;
    let book = store.skill_book()?;
    let items = events
        .iter()
        .rev()
        .filter(|e| e.payload.is_some())
        .take(LOG_SHOWN)
        .map(|e| Item {
            text: summary(e, ctx.locale, &book),
            note: Some(e.local_time().format("%Y-%m-%d %H:%M").to_string()),
            choices: vec![ctx.choice(
                "flow.log.show",
                Role::Secondary,
                Event::ShowEntry {
                    id: e.id.to_string(),
                },
            )],
        })
        .collect();
    m.sections.push(Section {
        heading: None,
        empty: Some(ctx.w("flow.log.empty")),
        items,
        choices: Vec::new(),
    });
    m.choices.push(keyed(
        ctx.choice("flow.log.export", Role::Secondary, Event::OpenExport),
        "x",
    ));
    m.choices.push(ctx.back());
    Ok(m)
}

/// One entry, and deleting it (asked once).
pub(super) fn entry_screen(
    store: &Store,
    ctx: &Ctx,
    id: EventId,
    confirm: bool,
) -> Result<Model, FlowError> {
    let Some(e) = entry(store, &id.to_string())? else {
        let mut m = blank(Screen::Entry, ctx.w("flow.log.gone"));
        m.choices.push(ctx.back());
        return Ok(m);
    };
    let mut m = blank(Screen::Entry, summary(&e, ctx.locale, &store.skill_book()?));
    m.lines
        .push(e.local_time().format("%Y-%m-%d %H:%M").to_string());
    if let Some(Payload::NoteWritten { text, .. }) = &e.payload {
        m.lines.push(text.clone());
    }
    let id = e.id.to_string();
    if confirm {
        m.question = Some(ctx.question(
            ctx.w("flow.log.delete_question"),
            [
                (
                    ctx.w("flow.log.delete_yes"),
                    Event::DeleteEntry { id: id.clone() },
                ),
                (ctx.w("flow.log.delete_no"), Event::ShowEntry { id }),
            ],
        ));
    } else {
        m.choices.push(keyed(
            ctx.choice("flow.log.delete", Role::Remove, Event::AskDelete { id }),
            "d",
        ));
    }
    m.choices.push(ctx.back());
    Ok(m)
}

/// A copy of everything, to keep or to share.
pub(super) fn export(ctx: &Ctx) -> Model {
    let mut m = blank(Screen::Export, ctx.w("flow.export.heading"));
    m.lines.push(ctx.w("flow.export.what"));
    m.lines.push(ctx.w("flow.export.private"));
    m.choices.push(keyed(
        ctx.choice(
            "flow.export.json",
            Role::Primary,
            Event::Export {
                format: ExportFormat::Json,
            },
        ),
        "j",
    ));
    m.choices.push(keyed(
        ctx.choice(
            "flow.export.csv",
            Role::Secondary,
            Event::Export {
                format: ExportFormat::Csv,
            },
        ),
        "v",
    ));
    m.choices.push(ctx.back());
    m
}

/// One line about an entry, in the person's words where they wrote some
/// and the log's otherwise ("Check-in, strength 6").
pub fn summary(e: &store::Event, locale: Locale, book: &SkillBook) -> String {
    use crate::content::{ContentKey, render, text};
    let t = |key: &'static str| text(locale, ContentKey::new(key)).to_owned();
    let r = |key: &'static str, args: &[(&str, &str)]| render(locale, ContentKey::new(key), args);
    let Some(p) = &e.payload else {
        return t("log.kind.deleted");
    };
    match p {
        Payload::UrgeStarted {
            intensity, goal, ..
        } => {
            let goal = goal.minutes().to_string();
            match intensity {
                Some(i) => r(
                    "log.kind.urge_started",
                    &[("goal", &goal), ("intensity", &i.value().to_string())],
                ),
                None => r("log.kind.urge_started_no_strength", &[("goal", &goal)]),
            }
        }
        Payload::CheckedIn { intensity, .. } => r(
            "log.kind.checked_in",
            &[("intensity", &intensity.value().to_string())],
        ),
        Payload::SkillUsed { skill, .. } => {
            let title = crate::skills::SkillId::new(skill)
                .ok()
                .and_then(|id| book.get(&id).map(|s| s.title.in_locale(locale).to_owned()))
                .unwrap_or_else(|| skill.clone());
            r("log.kind.skill_used", &[("skill", &title)])
        }
        Payload::GoalExtended { goal, .. } => r(
            "log.kind.goal_extended",
            &[("goal", &goal.minutes().to_string())],
        ),
        Payload::NeedNamed { need, .. } => r(
            "log.kind.need_named",
            &[("need", text(locale, need.label()))],
        ),
        Payload::FeelingNamed { feeling, .. } => r(
            "log.kind.feeling_named",
            &[("feeling", text(locale, feeling.label()))],
        ),
        Payload::UrgeEnded { outcome, .. } => {
            use crate::urge::Outcome;
            let choice = t(match outcome {
                Outcome::Passed => "urge.outcome.choice.passed",
                Outcome::UsedSkill => "urge.outcome.choice.used_skill",
                Outcome::ReachedOut => "urge.outcome.choice.reached_out",
                Outcome::SelfHarmed { .. } => "urge.outcome.choice.self_harmed",
                Outcome::EndedWithoutSaying => "urge.outcome.choice.ended_without_saying",
            });
            r("log.kind.urge_ended", &[("outcome", &choice)])
        }
        Payload::NoteWritten { .. } => t("log.kind.note"),
        Payload::SafetyPlanSaved { .. }
        | Payload::PlanItemSaved { .. }
        | Payload::PlanItemRemoved { .. }
        | Payload::PlanCountrySet { .. } => t("log.kind.safety_plan"),
        Payload::SkillBookSaved { .. }
        | Payload::PersonalSkillSaved { .. }
        | Payload::PersonalSkillRemoved { .. }
        | Payload::SkillHidden { .. } => t("log.kind.skills"),
        Payload::SettingsSaved { .. } | Payload::SettingChanged { .. } => t("log.kind.settings"),
        Payload::EntryDeleted { .. } => t("log.kind.deletion"),
    }
}
