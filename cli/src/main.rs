//! `ebb`: Ebb's terminal companion, a shell over the same core the phone
//! and watch apps use. Every command works live for a person and without
//! prompts for a script (`--json`, flags).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod app;
mod data;
mod guide;
mod input;
mod page;
mod progress;
mod records;
mod safety;
mod settings;
mod skills;
mod sync;
mod text;
mod urge;

use text::{Outcome, r, t};

#[derive(Debug, Parser)]
#[command(name = "ebb", version, about = t("cli.help.about"), long_about = None)]
struct Cli {
    #[arg(long, global = true, value_name = "DIR", help = t("cli.help.data_dir"))]
    data_dir: Option<PathBuf>,
    #[arg(long, global = true, help = t("cli.help.json"))]
    json: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    #[command(about = t("cli.help.urge"))]
    Urge(urge::UrgeArgs),
    #[command(about = t("cli.help.crisis"))]
    Crisis,
    #[command(about = t("cli.help.breathe"))]
    Breathe(guide::BreatheArgs),
    #[command(about = t("cli.help.ice"))]
    Ice(guide::OneGuideArgs),
    #[command(about = t("cli.help.ground"))]
    Ground(guide::OneGuideArgs),
    #[command(about = t("cli.help.guide"))]
    Guide(guide::GuideArgs),
    #[command(about = t("cli.help.progress"))]
    Progress(progress::ProgressArgs),
    #[command(about = t("cli.help.log"))]
    Log(records::LogArgs),
    #[command(about = t("cli.help.export"))]
    Export(records::ExportArgs),
    #[command(about = t("cli.help.import"))]
    Import(records::ImportArgs),
    #[command(about = t("cli.help.sync"))]
    Sync(sync::SyncArgs),
    #[command(about = t("cli.help.erase"))]
    Erase(records::EraseArgs),
    #[command(about = t("cli.help.skills"))]
    Skills(skills::SkillsArgs),
    #[command(about = t("cli.help.safety"))]
    Safety(safety::SafetyArgs),
    #[command(about = t("cli.help.settings"))]
    Settings(settings::SettingsArgs),
}

fn run(cli: Cli) -> Outcome {
    let json = cli.json;
    let paths = data::Paths::resolve(cli.data_dir.as_deref())?;
    let open = || data::open(&paths);
    match cli.command {
        // At a terminal the companion's own first run says what Ebb keeps;
        // printed or piped, the statement goes to stderr as for any command.
        None if live(json) => app::run(&mut data::open_for_flow(&paths)?, Vec::new(), false, json),
        None => app::run(&mut open()?, Vec::new(), false, json),
        Some(Command::Urge(args)) => urge::run(&mut open()?, &args, json),
        Some(Command::Crisis) => safety::crisis(&paths, json),
        Some(Command::Breathe(args)) => guide::breathe(&args, json),
        Some(Command::Ice(_)) if live(json) => guide::live(&mut open()?, guide::GuideName::HoldIce),
        Some(Command::Ice(args)) => guide::one(guide::GuideName::HoldIce, &args, json),
        Some(Command::Ground(_)) if live(json) => {
            guide::live(&mut open()?, guide::GuideName::Grounding)
        }
        Some(Command::Ground(args)) => guide::one(guide::GuideName::Grounding, &args, json),
        Some(Command::Guide(args)) if live(json) && args.name().is_some() => guide::live(
            &mut open()?,
            args.name().unwrap_or(guide::GuideName::Breathing),
        ),
        Some(Command::Guide(args)) => guide::guide_command(&args, json),
        Some(Command::Progress(args)) => progress::run(&mut open()?, &args, json),
        Some(Command::Log(args)) => records::log(&mut open()?, &args, json),
        Some(Command::Export(args)) => records::export(&open()?, &args),
        Some(Command::Import(args)) => records::import(&mut open()?, &args, json),
        Some(Command::Sync(args)) => sync::run(&mut open()?, &args, json),
        Some(Command::Erase(args)) => records::erase(&paths, &args, json),
        Some(Command::Skills(args)) => skills::run(&mut open()?, &args, json),
        Some(Command::Safety(args)) => safety::run(&mut open()?, &args, json),
        Some(Command::Settings(args)) => settings::run(&mut open()?, &paths, &args, json),
    }
}

/// Whether a command runs as the full-screen companion: a person at a
/// terminal, not a script asking for JSON.
fn live(json: bool) -> bool {
    use std::io::IsTerminal;
    !json && std::io::stdout().is_terminal() && std::io::stdin().is_terminal()
}

fn main() -> ExitCode {
    text::end_quietly_on_closed_pipe();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() => {
            // One line for a mistake in what was typed, exit code 2.
            let message = e.to_string();
            eprintln!("{}", message.lines().next().unwrap_or_default());
            return ExitCode::from(2);
        }
        Err(e) => {
            // Help and version go to stdout as clap prints them.
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!(
                "{}",
                r("cli.error.prefix", &[("message", &failure.to_string())])
            );
            ExitCode::from(failure.code())
        }
    }
}
