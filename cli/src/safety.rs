//! The safety plan, the person's people and lines, and the crisis screen.

use clap::{Args, Subcommand, ValueEnum};
use ebb_core::content::Locale;
use ebb_core::safety::{
    Action, CareCard, CountryCode, CrisisScreen, EntryList, Escalation, LineCard, LineDraft, Offer,
    PersonCard, PersonDraft, PlanEdit, PlanError, PlanStep, Reach, SafetyPlan, crisis_screen,
    lines_for, terminal_region,
};
use ebb_core::store::{Store, crisis_without_store};

use crate::data::{Paths, now, open_existing};
use crate::text::{Failure, Outcome, print_json, r, t};

#[derive(Debug, Args)]
pub(crate) struct SafetyArgs {
    #[command(subcommand)]
    action: Option<SafetyAction>,
}

#[derive(Debug, Subcommand)]
enum SafetyAction {
    #[command(about = t("cli.help.safety.show"))]
    Show,
    #[command(about = t("cli.help.safety.add"))]
    Add {
        #[arg(value_enum)]
        list: ListArg,
        #[arg(help = t("cli.help.safety.text"))]
        text: String,
    },
    #[command(about = t("cli.help.safety.remove"))]
    Remove {
        #[arg(value_enum)]
        list: ListArg,
        #[arg(help = t("cli.help.safety.number"))]
        number: usize,
    },
    #[command(about = t("cli.help.safety.person"))]
    Person {
        #[command(subcommand)]
        action: ContactAction,
    },
    #[command(about = t("cli.help.safety.line"))]
    Line {
        #[command(subcommand)]
        action: ContactAction,
    },
    #[command(about = t("cli.help.safety.lines"))]
    Lines,
    #[command(about = t("cli.help.safety.country"))]
    Country {
        #[arg(help = t("cli.help.country"))]
        code: String,
    },
}

#[derive(Debug, Subcommand)]
enum ContactAction {
    #[command(about = t("cli.help.contact.add"))]
    Add {
        #[arg(help = t("cli.help.contact.name"))]
        name: String,
        #[arg(long, help = t("cli.help.contact.phone"))]
        phone: String,
        #[arg(long, conflicts_with = "call", help = t("cli.help.contact.text"))]
        text: bool,
        #[arg(long, help = t("cli.help.contact.call"))]
        call: bool,
        #[arg(long, help = t("cli.help.contact.message"))]
        message: Option<String>,
        #[arg(long, help = t("cli.help.contact.note"))]
        note: Option<String>,
    },
    #[command(about = t("cli.help.contact.remove"))]
    Remove {
        #[arg(help = t("cli.help.safety.number"))]
        number: usize,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ListArg {
    WarningSigns,
    Coping,
    Distract,
    Safer,
    Reasons,
}

impl From<ListArg> for EntryList {
    fn from(l: ListArg) -> Self {
        match l {
            ListArg::WarningSigns => EntryList::WarningSigns,
            ListArg::Coping => EntryList::InternalCoping,
            ListArg::Distract => EntryList::PeopleAndPlacesThatDistract,
            ListArg::Safer => EntryList::SaferEnvironment,
            ListArg::Reasons => EntryList::ReasonsForLiving,
        }
    }
}

pub(crate) fn run(store: &mut Store, args: &SafetyArgs, json: bool) -> Outcome {
    let plan = store.safety_plan()?;
    let edit = match &args.action {
        None | Some(SafetyAction::Show) => return show_plan(&plan, json),
        Some(SafetyAction::Lines) => return show_lines(&plan, json),
        Some(SafetyAction::Add { list, text }) => PlanEdit::AddEntry {
            list: (*list).into(),
            text: text.clone(),
        },
        Some(SafetyAction::Remove { list, number }) => PlanEdit::RemoveEntry {
            list: (*list).into(),
            index: index(*number)?,
        },
        Some(SafetyAction::Person { action }) => match action {
            // People have no note; dropping one without a word would lose
            // what the person wrote.
            ContactAction::Add { note: Some(_), .. } => {
                return Err(Failure::usage("cli.error.person_note", &[]));
            }
            ContactAction::Add {
                name,
                phone,
                text,
                call,
                message,
                ..
            } => PlanEdit::AddPerson(PersonDraft {
                name: name.clone(),
                phone: phone.clone(),
                reach: reach(*text, *call),
                message: message.clone(),
            }),
            ContactAction::Remove { number } => PlanEdit::RemovePerson {
                index: index(*number)?,
            },
        },
        Some(SafetyAction::Line { action }) => match action {
            ContactAction::Add {
                name,
                phone,
                text,
                call,
                note,
                ..
            } => PlanEdit::AddLine(LineDraft {
                name: name.clone(),
                phone: phone.clone(),
                reach: reach(*text, *call),
                note: note.clone(),
            }),
            ContactAction::Remove { number } => PlanEdit::RemoveLine {
                index: index(*number)?,
            },
        },
        Some(SafetyAction::Country { code }) => PlanEdit::SetCountry(country(code)?),
    };
    let next = edit_plan(store, &plan, edit)?;
    if json {
        return print_json(&next);
    }
    println!("{}", t("cli.safety.saved"));
    Ok(())
}

/// Records one edit of one item (checked first against `plan`, for the
/// message a refusal gets) and returns the plan after it. The store checks
/// it again against the plan as it is then, so another process's edits are
/// kept.
pub(crate) fn edit_plan(
    store: &mut Store,
    plan: &SafetyPlan,
    edit: PlanEdit,
) -> Outcome<SafetyPlan> {
    let at = now();
    plan.edit(at.to_utc(), edit.clone()).map_err(plan_failure)?;
    Ok(store.edit_safety_plan(at, edit)?)
}

/// A country code, or `none`.
pub(crate) fn country(code: &str) -> Outcome<Option<CountryCode>> {
    if code.eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    CountryCode::new(code)
        .map(Some)
        .map_err(|_| Failure::usage("cli.error.country", &[("got", code)]))
}

fn reach(text_only: bool, call_only: bool) -> Reach {
    match (text_only, call_only) {
        (true, _) => Reach::Text,
        (false, true) => Reach::Call,
        (false, false) => Reach::CallOrText,
    }
}

/// A 1-based number as typed, as a 0-based index.
fn index(number: usize) -> Outcome<usize> {
    number
        .checked_sub(1)
        .ok_or_else(|| Failure::usage("cli.error.number", &[]))
}

fn plan_failure(e: PlanError) -> Failure {
    match e {
        PlanError::NoSuchItem { .. } => Failure::usage("cli.error.no_such_item", &[]),
        PlanError::Full { max } => {
            Failure::usage("cli.error.plan_full", &[("max", &max.to_string())])
        }
        PlanError::Empty(_) => Failure::usage("cli.error.empty_text", &[]),
        PlanError::Phone(_) => Failure::usage("cli.error.phone", &[]),
        other => Failure::Usage(other.to_string()),
    }
}

fn show_plan(plan: &SafetyPlan, json: bool) -> Outcome {
    if json {
        return print_json(plan);
    }
    println!("{}\n", t("safety.plan.title"));
    print_plan_steps(plan);
    println!("{}", t("cli.safety.edit_hint"));
    Ok(())
}

/// Every step of the plan, with the person's words or the step's prompt.
fn print_plan_steps(plan: &SafetyPlan) {
    for step in PlanStep::ALL {
        println!("{}", step.title().text());
        if plan.is_step_empty(step) {
            println!("  {}", step.prompt().text());
        }
        match step {
            PlanStep::PeopleToAskForHelp => {
                for (i, p) in plan.people.iter().enumerate() {
                    println!("  {}. {}  {}", i + 1, p.name.as_str(), p.phone.as_str());
                }
            }
            PlanStep::ProfessionalsAndServices => {
                for (i, l) in plan.own_lines.iter().enumerate() {
                    println!("  {}. {}  {}", i + 1, l.name.as_str(), l.phone.as_str());
                }
            }
            _ => {
                let list = EntryList::ALL.into_iter().find(|l| l.step() == step);
                for (i, e) in list
                    .map(|l| plan.entries(l))
                    .unwrap_or_default()
                    .iter()
                    .enumerate()
                {
                    println!("  {}. {}", i + 1, e.as_str());
                }
            }
        }
        println!();
    }
}

fn show_lines(plan: &SafetyPlan, json: bool) -> Outcome {
    let local = lines_for(plan.country);
    if json {
        let lines: Vec<_> = local
            .lines
            .iter()
            .map(|l| {
                serde_json::json!({
                    "id": l.id,
                    "name": l.name,
                    "kind": l.kind,
                    "kind_words": l.kind.label().text(),
                    "hours": l.hours.label().text(),
                    "note": l.note.map(|n| n.text()),
                    "actions": l.actions().iter().map(action_json).collect::<Vec<_>>(),
                    "source": l.source,
                    "checked": l.checked,
                })
            })
            .collect();
        return print_json(&serde_json::json!({
            "country": local.country,
            "coverage": local.coverage,
            "lines": lines,
        }));
    }
    if let Some(note) = local.coverage.note() {
        println!("{}\n", note.text());
    }
    for l in &local.lines {
        println!(
            "{}  ({}, {})",
            l.name,
            l.kind.label().text(),
            l.hours.label().text()
        );
        for a in l.actions() {
            println!("  {}", action_line(&a));
        }
        if let Some(note) = l.note {
            println!("  {}", note.text());
        }
        println!(
            "  {}",
            r(
                "cli.safety.source",
                &[("source", l.source), ("checked", &l.checked.to_string())]
            )
        );
    }
    if plan.country.is_none() {
        println!("\n{}", t("cli.safety.choose_country"));
    }
    Ok(())
}

/// One thing to open, as a line: "Call 116123", or a text with its words
/// and number together ("Text “SHOUT” to 85258"), so a keyword or a
/// prepared message is never shown without where it goes.
pub(crate) fn action_line(a: &Action) -> String {
    a.describe(Locale::En)
}

/// An action for JSON: what to open, and the same in words.
fn action_json(a: &Action) -> serde_json::Value {
    let mut v = match a {
        Action::Call { number } => serde_json::json!({ "action": "call", "number": number }),
        Action::Text { number, body } => {
            serde_json::json!({ "action": "text", "number": number, "body": body })
        }
        Action::OpenUrl { url } => serde_json::json!({ "action": "open_url", "url": url }),
    };
    v["words"] = a.describe(Locale::En).into();
    v
}

/// A line card for JSON, in words: no content keys where words are read.
fn line_card_json(l: &LineCard) -> serde_json::Value {
    serde_json::json!({
        "name": l.name,
        "kind": l.kind,
        "kind_words": l.kind.map(|k| k.label().text()),
        "hours": l.hours.map(|h| h.text()),
        "note": l.note.as_ref().map(|n| n.in_locale(Locale::En)),
        "actions": l.actions.iter().map(action_json).collect::<Vec<_>>(),
        "own": l.own,
    })
}

/// The crisis screen for JSON, in words: the same screen `ebb crisis`
/// prints, with every one of Ebb's texts as English words.
fn crisis_json(screen: &CrisisScreen) -> serde_json::Value {
    let people: Vec<_> = screen
        .people
        .iter()
        .map(|p| {
            serde_json::json!({
                "name": p.name,
                "actions": p.actions.iter().map(action_json).collect::<Vec<_>>(),
            })
        })
        .collect();
    serde_json::json!({
        "heading": screen.heading.text(),
        "intro": screen.intro.text(),
        "emergency_hint": screen.emergency_hint.text(),
        "country": screen.plan.country,
        "coverage_note": screen.coverage_note.map(|n| n.text()),
        "people": people,
        "lines": screen.lines.iter().map(line_card_json).collect::<Vec<_>>(),
        "plan": screen.plan,
    })
}

fn print_people(people: &[PersonCard]) {
    for p in people {
        println!("  {}", p.name);
        for a in &p.actions {
            println!("    {}", action_line(a));
        }
    }
}

fn print_lines(lines: &[LineCard]) {
    for l in lines {
        let kind = l.kind.map(|k| k.label().text());
        match kind {
            Some(kind) => println!("  {}  ({kind})", l.name),
            None => println!("  {}", l.name),
        }
        for a in &l.actions {
            println!("    {}", action_line(a));
        }
        if let Some(note) = &l.note {
            println!("    {}", note.in_locale(Locale::En));
        }
    }
}

/// The crisis screen: the person's plan, their people and lines, nothing
/// else.
pub(crate) fn print_crisis(screen: &CrisisScreen) {
    println!("\n{}", screen.heading.text());
    println!("{}", screen.intro.text());
    println!("{}\n", screen.emergency_hint.text());
    if !screen.people.is_empty() {
        println!("{}", t("cli.safety.your_people"));
        print_people(&screen.people);
        println!();
    }
    if let Some(note) = screen.coverage_note {
        println!("{}", note.text());
    }
    println!("{}", t("cli.safety.lines_heading"));
    print_lines(&screen.lines);
    println!();
    let plan = &screen.plan;
    let written = PlanStep::ALL.into_iter().any(|s| !plan.is_step_empty(s));
    if written {
        print_plan_steps(plan);
    } else {
        println!("{}", t("cli.safety.plan_empty_hint"));
    }
    println!("{}", t("cli.safety.never_contacts"));
}

/// A gentle offer to reach someone; the session carries on.
pub(crate) fn print_offer(offer: &Offer) {
    println!("\n{}", offer.message.text());
    print_people(&offer.people);
    print_lines(&offer.lines[..offer.lines.len().min(3)]);
    println!("{}", t("cli.safety.offer_hint"));
}

pub(crate) fn print_card(card: &CareCard) {
    println!("\n{}", card.title.text());
    for section in &card.sections {
        if let Some(h) = section.heading {
            println!("{}", h.text());
        }
        for item in &section.items {
            println!("  - {}", item.text());
        }
    }
}

/// Prints what an escalation asks the shell to show.
pub(crate) fn print_escalation(next: &Escalation) {
    match next {
        Escalation::CrisisFirst(screen) => print_crisis(screen),
        Escalation::Offer(offer) => print_offer(offer),
        Escalation::Care {
            acknowledgement,
            card,
            emergency,
        } => {
            println!("{}", acknowledgement.text());
            print_card(card);
            println!();
            print_lines(emergency);
        }
        Escalation::Acknowledge {
            acknowledgement, ..
        } => println!("{}", acknowledgement.text()),
        Escalation::Continue => {}
    }
}

/// `ebb crisis`: the crisis screen, one command away from anywhere, and
/// whatever state the data is in. The lines are bundled; the country is the
/// person's (from the plan, or kept beside the database when the plan
/// cannot be read), else the terminal's region. When the database cannot
/// be opened the screen comes without the plan and people, and one line on
/// stderr says what is wrong and what to do. It creates nothing and writes
/// nothing, and it succeeds: crisis help is never an error.
pub(crate) fn crisis(paths: &Paths, json: bool) -> Outcome {
    let region = terminal_region(|name| std::env::var(name).ok());
    let opened = open_existing(paths).and_then(|store| match store {
        Some(store) => Ok(Some(store.safety_plan()?)),
        None => Ok(None),
    });
    let (screen, problem) = match opened {
        Ok(Some(plan)) => (crisis_screen(Some(&plan), region, Locale::En), None),
        Ok(None) => (crisis_screen(None, region, Locale::En), None),
        Err(problem) => (
            crisis_without_store(&paths.database, region, Locale::En),
            Some(problem),
        ),
    };
    if json {
        print_json(&crisis_json(&screen))?;
    } else {
        print_crisis(&screen);
    }
    if let Some(problem) = problem {
        eprintln!(
            "{}",
            r(
                "cli.crisis.data_problem",
                &[("message", &problem.to_string())]
            )
        );
    }
    Ok(())
}
