//! `ebb skills`: the person's skills, hidden ones, and their own.

use clap::{Args, Subcommand};
use ebb_core::content::Locale;
use ebb_core::skills::{PersonalSkillDraft, Skill, SkillBook, SkillError, SkillId};
use ebb_core::store::Store;
use serde::Serialize;

use crate::data::now;
use crate::text::{Failure, Outcome, print_json, r, t};
use crate::urge::NeedArg;

#[derive(Debug, Args)]
pub(crate) struct SkillsArgs {
    #[command(subcommand)]
    action: Option<SkillsAction>,
    #[arg(long, help = t("cli.help.skills.all"))]
    all: bool,
}

#[derive(Debug, Subcommand)]
enum SkillsAction {
    #[command(about = t("cli.help.skills.hide"))]
    Hide {
        #[arg(help = t("cli.help.skill_id"))]
        id: String,
    },
    #[command(about = t("cli.help.skills.show"))]
    Show {
        #[arg(help = t("cli.help.skill_id"))]
        id: String,
    },
    #[command(about = t("cli.help.skills.add"))]
    Add {
        #[arg(help = t("cli.help.skills.title"))]
        title: String,
        #[arg(long, value_enum, help = t("cli.help.skills.need"))]
        need: Vec<NeedArg>,
        #[arg(long, help = t("cli.help.skills.summary"))]
        summary: Option<String>,
        #[arg(long, help = t("cli.help.skills.step"))]
        step: Vec<String>,
    },
    #[command(about = t("cli.help.skills.remove"))]
    Remove {
        #[arg(help = t("cli.help.skill_id"))]
        id: String,
    },
}

#[derive(Serialize)]
struct SkillView<'a> {
    id: &'a str,
    title: &'a str,
    summary: &'a str,
    needs: &'a [ebb_core::urge::Need],
    personal: bool,
    hidden: bool,
    guide: Option<ebb_core::guides::GuideId>,
}

/// Each change is one event naming one skill, checked first against the
/// book as read (for the message a refusal gets) and again by the store.
pub(crate) fn run(store: &mut Store, args: &SkillsArgs, json: bool) -> Outcome {
    let book = store.skill_book()?;
    let at = now();
    let changed = match &args.action {
        None => return list(&book, args.all, json),
        Some(SkillsAction::Hide { id }) => {
            let id = skill_id(id)?;
            book.clone().hide(&id).map_err(skill_failure)?;
            store.set_skill_hidden(at, &id, true)?;
            "cli.skills.hidden"
        }
        Some(SkillsAction::Show { id }) => {
            let id = skill_id(id)?;
            if book.get(&id).is_none() {
                return Err(Failure::usage(
                    "cli.error.unknown_skill",
                    &[("got", id.as_str())],
                ));
            }
            store.set_skill_hidden(at, &id, false)?;
            "cli.skills.shown"
        }
        Some(SkillsAction::Add {
            title,
            need,
            summary,
            step,
        }) => {
            let draft = PersonalSkillDraft {
                summary: summary.clone(),
                steps: step.clone(),
                needs: need.iter().map(|n| (*n).into()).collect(),
                ..PersonalSkillDraft::new(title.clone())
            };
            book.clone()
                .add_personal(draft.clone())
                .map_err(skill_failure)?;
            let id = store.add_personal_skill(at, draft)?;
            if json {
                return print_json(&serde_json::json!({ "id": id.as_str() }));
            }
            println!("{}", r("cli.skills.added", &[("id", id.as_str())]));
            return Ok(());
        }
        Some(SkillsAction::Remove { id }) => {
            let id = skill_id(id)?;
            book.clone().remove_personal(&id).map_err(skill_failure)?;
            store.remove_personal_skill(at, &id)?;
            "cli.skills.removed"
        }
    };
    if json {
        return list(&store.skill_book()?, true, true);
    }
    println!("{}", t(changed));
    Ok(())
}

fn skill_id(raw: &str) -> Outcome<SkillId> {
    SkillId::new(raw.trim()).map_err(|_| Failure::usage("cli.error.unknown_skill", &[("got", raw)]))
}

fn skill_failure(e: SkillError) -> Failure {
    match e {
        SkillError::UnknownSkill(id) => {
            Failure::usage("cli.error.unknown_skill", &[("got", id.as_str())])
        }
        SkillError::BuiltIn(_) => Failure::usage("cli.error.built_in_skill", &[]),
        SkillError::EmptyTitle => Failure::usage("cli.error.empty_text", &[]),
        other => Failure::Usage(other.to_string()),
    }
}

fn list(book: &SkillBook, all: bool, json: bool) -> Outcome {
    let skills: Vec<&Skill> = if all {
        ebb_core::skills::builtins()
            .iter()
            .chain(book.personal())
            .chain(
                book.hidden()
                    .filter_map(|id| book.get(id))
                    .filter(|s| s.is_personal()),
            )
            .collect()
    } else {
        book.visible().collect()
    };
    if json {
        let views: Vec<SkillView<'_>> = skills
            .iter()
            .map(|s| SkillView {
                id: s.id.as_str(),
                title: s.title.in_locale(Locale::En),
                summary: s.summary.in_locale(Locale::En),
                needs: &s.needs,
                personal: s.is_personal(),
                hidden: book.is_hidden(&s.id),
                guide: s.guide,
            })
            .collect();
        return print_json(&views);
    }
    for s in &skills {
        let hidden = if book.is_hidden(&s.id) {
            format!("  {}", t("cli.skills.hidden_mark"))
        } else {
            String::new()
        };
        println!(
            "  {:<22} {}{}",
            s.id.as_str(),
            s.title.in_locale(Locale::En),
            hidden
        );
    }
    println!("{}", t("cli.skills.hint"));
    Ok(())
}
