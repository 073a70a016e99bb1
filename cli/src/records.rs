//! The log itself: listing, showing and deleting entries, export, import
//! and erasing everything.

use std::fs;
use std::io::Write;
use std::path::PathBuf;

use chrono::Utc;
use clap::{Args, Subcommand, ValueEnum};
use ebb_core::store::{Event, EventId, Payload, Store};

use crate::data::{self, Paths, io_failure, now, write_private};
use crate::input::{Input, Inputs};
use crate::text::{Failure, Outcome, print_json, r, t};

#[derive(Debug, Args)]
pub(crate) struct LogArgs {
    #[command(subcommand)]
    action: Option<LogAction>,
    #[arg(long, default_value_t = 30, help = t("cli.help.log.limit"))]
    limit: usize,
}

#[derive(Debug, Subcommand)]
enum LogAction {
    #[command(about = t("cli.help.log.show"))]
    Show {
        #[arg(help = t("cli.help.log.id"))]
        id: String,
    },
    #[command(about = t("cli.help.log.delete"))]
    Delete {
        #[arg(help = t("cli.help.log.id"))]
        id: String,
    },
}

#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    #[arg(long, value_enum, default_value_t = Format::Json, help = t("cli.help.export.format"))]
    format: Format,
    #[arg(long, value_name = "FILE", help = t("cli.help.export.out"))]
    out: Option<PathBuf>,
    #[arg(long, requires = "out", help = t("cli.help.force"))]
    force: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub(crate) struct ImportArgs {
    #[arg(help = t("cli.help.import.file"))]
    file: PathBuf,
}

#[derive(Debug, Args)]
pub(crate) struct EraseArgs {
    #[arg(long, help = t("cli.help.erase.yes"))]
    yes: bool,
}

pub(crate) fn log(store: &mut Store, args: &LogArgs, json: bool) -> Outcome {
    match &args.action {
        None => list(store, args.limit, json),
        Some(LogAction::Show { id }) => show(store, &parse_id(id)?, json),
        Some(LogAction::Delete { id }) => {
            store.delete_entry(now(), parse_id(id)?)?;
            if json {
                return print_json(&serde_json::json!({ "deleted": id.trim() }));
            }
            println!("{}", t("cli.log.deleted"));
            Ok(())
        }
    }
}

fn parse_id(raw: &str) -> Outcome<EventId> {
    raw.parse::<EventId>()
        .map_err(|_| Failure::usage("cli.error.bad_entry_id", &[]))
}

fn list(store: &Store, limit: usize, json: bool) -> Outcome {
    let events: Vec<Event> = store
        .events()?
        .into_iter()
        .filter(|e| e.payload.is_some())
        .collect();
    let skip = events.len().saturating_sub(limit);
    let shown = &events[skip..];
    if json {
        return print_json(&shown);
    }
    if shown.is_empty() {
        println!("{}", t("cli.log.empty"));
        return Ok(());
    }
    for e in shown {
        println!(
            "{}  {}  {}",
            e.id,
            e.local_time().format("%Y-%m-%d %H:%M"),
            summary(store, e)?
        );
    }
    println!("{}", t("cli.log.hint"));
    Ok(())
}

/// One line about an entry, as every Ebb shell says it.
fn summary(store: &Store, e: &Event) -> Outcome<String> {
    Ok(ebb_core::flow::entry_summary(
        e,
        ebb_core::content::Locale::default(),
        &store.skill_book()?,
    ))
}

fn show(store: &Store, id: &EventId, json: bool) -> Outcome {
    let event = store
        .events()?
        .into_iter()
        .find(|e| e.id == *id && e.payload.is_some())
        .ok_or_else(|| Failure::usage("cli.error.no_such_entry", &[("id", &id.to_string())]))?;
    if json {
        return print_json(&event);
    }
    println!("{}", summary(store, &event)?);
    println!("{}", event.local_time().format("%Y-%m-%d %H:%M:%S %:z"));
    if let Some(Payload::NoteWritten { text, .. }) = &event.payload {
        println!("\n{text}");
    } else if let Some(payload) = &event.payload
        && let Ok(serde_json::Value::Object(fields)) = serde_json::to_value(payload)
    {
        for (name, value) in fields.iter().filter(|(n, _)| n.as_str() != "kind") {
            println!("  {name}: {value}");
        }
    }
    Ok(())
}

pub(crate) fn export(store: &Store, args: &ExportArgs) -> Outcome {
    let mut buffer = Vec::new();
    match args.format {
        Format::Json => store.export_json(Utc::now(), &mut buffer)?,
        Format::Csv => store.export_sessions_csv(&mut buffer)?,
    }
    match &args.out {
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(&buffer)
                .and_then(|()| out.write_all(b"\n"))
                .map_err(|e| Failure::Other(e.to_string()))?;
        }
        Some(path) => {
            write_private(path, &buffer, args.force)?;
            eprintln!(
                "{}",
                r("cli.export.saved", &[("path", &path.display().to_string())])
            );
        }
    }
    Ok(())
}

pub(crate) fn import(store: &mut Store, args: &ImportArgs, json: bool) -> Outcome {
    let file = fs::File::open(&args.file).map_err(|e| io_failure(&args.file, &e))?;
    let report = store.import_json(std::io::BufReader::new(file))?;
    if json {
        return print_json(&report);
    }
    println!(
        "{}",
        r(
            "cli.import.done",
            &[
                ("added", &report.added.to_string()),
                ("present", &report.already_present.to_string()),
            ]
        )
    );
    Ok(())
}

pub(crate) fn erase(paths: &Paths, args: &EraseArgs, json: bool) -> Outcome {
    if !args.yes {
        println!(
            "{}",
            r(
                "cli.erase.confirm",
                &[("path", &paths.dir.display().to_string())]
            )
        );
        let mut inputs = Inputs::start();
        let confirmed = matches!(inputs.next(), Input::Line(a) if a == "erase");
        if !confirmed {
            return Err(Failure::other("cli.erase.kept", &[]));
        }
    }
    data::erase(paths)?;
    if json {
        return print_json(&serde_json::json!({ "erased": true }));
    }
    println!("{}", t("cli.erase.done"));
    Ok(())
}
