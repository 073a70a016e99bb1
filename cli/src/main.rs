//! `ebb`: Ebb's terminal companion, a shell over the same core the phone
//! and watch apps use.

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use ebb_core::urge::{CheckInCadence, DelayGoal, Intensity, Need};

mod urge;

/// Ebb: a companion for the minutes between an urge and acting on it.
#[derive(Debug, Parser)]
#[command(name = "ebb", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Start an urge timer now, with check-ins, and say how it went at the end.
    Urge(UrgeArgs),
}

/// Options for an urge timer.
#[derive(Debug, clap::Args)]
struct UrgeArgs {
    /// How long you mean to wait, in minutes (1 to 240; presets are 5, 15, 30).
    #[arg(long, short, default_value_t = 5, value_parser = parse_goal)]
    goal: u64,
    /// How often Ebb asks how strong the urge is.
    #[arg(long = "check-in", value_enum, default_value_t = Cadence::Two)]
    check_in: Cadence,
    /// How strong the urge is now, 0 to 10.
    #[arg(long, short, value_parser = parse_intensity)]
    intensity: Option<u8>,
    /// What the urge would do for you right now.
    #[arg(long, short, value_enum)]
    need: Option<NeedArg>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Cadence {
    /// Never.
    Never,
    /// Every minute.
    #[value(name = "1")]
    One,
    /// Every two minutes.
    #[value(name = "2")]
    Two,
    /// Every five minutes.
    #[value(name = "5")]
    Five,
}

impl From<Cadence> for CheckInCadence {
    fn from(c: Cadence) -> Self {
        match c {
            Cadence::Never => CheckInCadence::Never,
            Cadence::One => CheckInCadence::EveryMinute,
            Cadence::Two => CheckInCadence::EveryTwoMinutes,
            Cadence::Five => CheckInCadence::EveryFiveMinutes,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum NeedArg {
    /// Everything feels like too much.
    TooMuch,
    /// Numb or empty; wanting to feel something.
    Numb,
    /// Wanting the pain to be seen.
    Visible,
    /// Wanting some control.
    Control,
    /// Feeling you deserve punishment.
    Punishment,
    /// Not sure, or rather not say.
    NotSure,
}

impl From<NeedArg> for Need {
    fn from(n: NeedArg) -> Self {
        match n {
            NeedArg::TooMuch => Need::TooMuch,
            NeedArg::Numb => Need::Numb,
            NeedArg::Visible => Need::MakePainVisible,
            NeedArg::Control => Need::Control,
            NeedArg::Punishment => Need::SelfPunishment,
            NeedArg::NotSure => Need::NotSure,
        }
    }
}

fn parse_goal(s: &str) -> Result<u64, String> {
    let minutes: u64 = s.parse().map_err(|e| format!("{e}"))?;
    DelayGoal::from_minutes(minutes)
        .map(|g| g.minutes())
        .map_err(|e| e.to_string())
}

fn parse_intensity(s: &str) -> Result<u8, String> {
    let value: i64 = s.parse().map_err(|e| format!("{e}"))?;
    u8::try_from(value)
        .ok()
        .and_then(|v| Intensity::new(v).ok())
        .map(Intensity::value)
        .ok_or_else(|| format!("intensity must be between 0 and 10, got {value}"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Urge(args) => urge::run(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!(
                "{}",
                ebb_core::content::render(
                    ebb_core::content::Locale::En,
                    ebb_core::content::ContentKey::new("cli.error.prefix"),
                    &[("message", &message)],
                )
            );
            ExitCode::FAILURE
        }
    }
}
