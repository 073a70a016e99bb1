//! Guided exercises in the terminal: the core's timelines played live, with
//! a bar that fills on a breath in and empties on a breath out.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeDelta, Utc};
use clap::{Args, ValueEnum};
use ebb_core::guides::{
    BreathingPattern, BreathsPerMinute, ExhaleLength, Guide, GuideCue, GuideId, GuideRun,
    RunningStep, StepKind, StepLength, breathing, guide,
};
use serde::Serialize;

use crate::input::{Input, Inputs};
use crate::text::{Failure, Outcome, print_json, r, t};

/// How a guide is played.
#[derive(Debug, Clone, Args)]
pub(crate) struct PlayFlags {
    #[arg(long, help = t("cli.help.bell"))]
    pub(crate) bell: bool,
    /// Plays time faster, for tests of the live screen.
    #[arg(long, hide = true, default_value_t = 1.0)]
    pub(crate) time_scale: f64,
}

impl Default for PlayFlags {
    fn default() -> Self {
        Self {
            bell: false,
            time_scale: 1.0,
        }
    }
}

#[derive(Debug, Args)]
pub(crate) struct BreatheArgs {
    #[arg(long, value_enum, default_value_t = PatternArg::Gentle, help = t("cli.help.breathe.pattern"))]
    pattern: PatternArg,
    #[arg(long, default_value_t = 2, help = t("cli.help.breathe.minutes"))]
    minutes: u64,
    #[arg(long = "from-pace", value_name = "BREATHS", help = t("cli.help.breathe.from_pace"))]
    from_pace: Option<u8>,
    #[arg(long, value_name = "SECONDS", help = t("cli.help.breathe.exhale"))]
    exhale: Option<u8>,
    #[command(flatten)]
    play: PlayFlags,
}

#[derive(Debug, Args)]
pub(crate) struct GuideArgs {
    #[arg(value_enum, help = t("cli.help.guide.name"))]
    name: Option<GuideName>,
    #[command(flatten)]
    play: PlayFlags,
}

#[derive(Debug, Args)]
pub(crate) struct OneGuideArgs {
    #[command(flatten)]
    play: PlayFlags,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum PatternArg {
    Gentle,
    Extended,
    Sighing,
    Box,
    Resonance,
}

/// Guides by the names typed in the terminal.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum GuideName {
    Breathing,
    #[value(alias = "ice")]
    HoldIce,
    ColdWater,
    #[value(alias = "ground")]
    Grounding,
    MovementGrounding,
    IntenseMovement,
    Sensory,
    WriteItDown,
    KindWords,
    ReachSafePerson,
}

impl From<GuideName> for GuideId {
    fn from(n: GuideName) -> Self {
        match n {
            GuideName::Breathing => GuideId::Breathing,
            GuideName::HoldIce => GuideId::HoldIce,
            GuideName::ColdWater => GuideId::ColdWater,
            GuideName::Grounding => GuideId::Grounding54321,
            GuideName::MovementGrounding => GuideId::MovementGrounding,
            GuideName::IntenseMovement => GuideId::IntenseMovement,
            GuideName::Sensory => GuideId::SensoryInput,
            GuideName::WriteItDown => GuideId::WriteItDown,
            GuideName::KindWords => GuideId::KindWords,
            GuideName::ReachSafePerson => GuideId::ReachSafePerson,
        }
    }
}

/// `ebb breathe`.
pub(crate) fn breathe(args: &BreatheArgs, json: bool) -> Outcome {
    let pattern = match args.pattern {
        PatternArg::Gentle => BreathingPattern::Gentle,
        PatternArg::Extended => BreathingPattern::ExtendedExhale {
            exhale: match args.exhale {
                Some(s) => ExhaleLength::from_secs(s)
                    .map_err(|_| Failure::usage("cli.error.exhale", &[("got", &s.to_string())]))?,
                None => ExhaleLength::DEFAULT,
            },
        },
        PatternArg::Sighing => BreathingPattern::CyclicSighing,
        PatternArg::Box => BreathingPattern::Box,
        PatternArg::Resonance => BreathingPattern::Resonance,
    };
    let pace = args
        .from_pace
        .map(|p| {
            BreathsPerMinute::new(p)
                .map_err(|_| Failure::usage("cli.error.pace", &[("got", &p.to_string())]))
        })
        .transpose()?;
    let length = Duration::from_secs(args.minutes.saturating_mul(60));
    let timeline = breathing(pattern, length, pace).map_err(|_| {
        Failure::usage(
            "cli.error.breathe_minutes",
            &[("got", &args.minutes.to_string())],
        )
    })?;
    show(timeline, &args.play, json)
}

/// `ebb guide [NAME]`, `ebb ice`, `ebb ground`.
pub(crate) fn named(name: Option<GuideName>, play: &PlayFlags, json: bool) -> Outcome {
    match name {
        Some(name) => show(guide(name.into()), play, json),
        None => list(json),
    }
}

impl GuideArgs {
    /// The guide named, if any.
    pub(crate) fn name(&self) -> Option<GuideName> {
        self.name
    }
}

/// A guide in the full-screen companion, within the running timer if
/// there is one; its cautions come first on first use.
pub(crate) fn live(store: &mut ebb_core::store::Store, name: GuideName) -> Outcome {
    let guide = GuideId::from(name);
    let skill = ebb_core::skills::builtins()
        .iter()
        .find(|s| s.guide == Some(guide))
        .map(|s| s.id.as_str().to_owned());
    crate::app::run(
        store,
        vec![ebb_core::flow::Event::StartGuide { guide, skill }],
        false,
        false,
    )
}

pub(crate) fn guide_command(args: &GuideArgs, json: bool) -> Outcome {
    named(args.name, &args.play, json)
}

pub(crate) fn one(id: GuideName, args: &OneGuideArgs, json: bool) -> Outcome {
    named(Some(id), &args.play, json)
}

fn list(json: bool) -> Outcome {
    let names = GuideName::value_variants();
    if json {
        let rows: Vec<_> = names
            .iter()
            .filter_map(|n| {
                let g = guide((*n).into());
                n.to_possible_value().map(|v| {
                    serde_json::json!({
                        "name": v.get_name(),
                        "title": g.title.text(),
                        "length_secs": g.length().as_secs(),
                    })
                })
            })
            .collect();
        return print_json(&rows);
    }
    println!("{}", t("cli.guide.list"));
    for n in names {
        if let Some(v) = n.to_possible_value() {
            let g = guide((*n).into());
            println!("  {:<20} {}", v.get_name(), g.title.text());
        }
    }
    println!("{}", t("cli.guide.list_hint"));
    Ok(())
}

/// A guide's timeline, for `--json`.
#[derive(Serialize)]
struct Timeline {
    id: GuideId,
    title: &'static str,
    intro: Option<&'static str>,
    cautions: Vec<&'static str>,
    length_secs: u64,
    open_ended: bool,
    steps: Vec<TimelineStep>,
}

#[derive(Serialize)]
struct TimelineStep {
    kind: StepKind,
    text: &'static str,
    /// `None` for a step that waits for the person.
    secs: Option<f64>,
}

fn show(timeline: Guide, play_flags: &PlayFlags, json: bool) -> Outcome {
    if !(play_flags.time_scale.is_finite() && play_flags.time_scale > 0.0) {
        return Err(Failure::usage("cli.error.time_scale", &[]));
    }
    if json {
        return print_json(&Timeline {
            id: timeline.id,
            title: timeline.title.text(),
            intro: timeline.intro.map(|k| k.text()),
            cautions: timeline.cautions.iter().map(|c| c.text().text()).collect(),
            length_secs: timeline.length().as_secs(),
            open_ended: timeline.is_open_ended(),
            steps: timeline
                .steps
                .iter()
                .map(|s| TimelineStep {
                    kind: s.kind,
                    text: s.text.text(),
                    secs: s.length.timed().map(|d| d.as_secs_f64()),
                })
                .collect(),
        });
    }
    let mut inputs = Inputs::start();
    match play(timeline, play_flags, &mut inputs) {
        Played::Interrupted => Err(Failure::other("cli.guide.stopped", &[])),
        Played::Finished | Played::Stopped => Ok(()),
    }
}

/// How a played guide ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Played {
    /// It ran to its end.
    Finished,
    /// The person typed q.
    Stopped,
    /// Ctrl-C.
    Interrupted,
}

/// Wall-clock time, optionally sped up.
struct Clock {
    real: Instant,
    start: DateTime<Utc>,
    scale: f64,
}

impl Clock {
    fn new(scale: f64) -> Self {
        Self {
            real: Instant::now(),
            start: Utc::now(),
            scale,
        }
    }

    fn now(&self) -> DateTime<Utc> {
        let elapsed = Duration::from_secs_f64(self.real.elapsed().as_secs_f64() * self.scale);
        TimeDelta::from_std(elapsed)
            .ok()
            .and_then(|d| self.start.checked_add_signed(d))
            .unwrap_or(self.start)
    }

    /// Real time until `at`.
    fn until(&self, at: DateTime<Utc>) -> Duration {
        (at - self.now())
            .to_std()
            .map(|d| Duration::from_secs_f64(d.as_secs_f64() / self.scale))
            .unwrap_or(Duration::ZERO)
    }
}

/// How often the bar is redrawn on a terminal.
const FRAME: Duration = Duration::from_millis(100);
/// How long to wait for input when nothing is timed.
const IDLE: Duration = Duration::from_secs(1);
const BAR: usize = 30;

/// Plays `timeline` live. Enter moves on (an open step waits for it), q and
/// Enter stops, Ctrl-C stops. With input closed, open steps move on by
/// themselves.
pub(crate) fn play(timeline: Guide, flags: &PlayFlags, inputs: &mut Inputs) -> Played {
    let live = std::io::stdout().is_terminal();
    println!("\n{}", timeline.title.text());
    if let Some(intro) = timeline.intro {
        println!("{}", intro.text());
    }
    for caution in &timeline.cautions {
        println!("{}", caution.text().text());
    }
    println!("{}", t("cli.guide.keys"));
    let clock = Clock::new(flags.time_scale);
    let mut run = GuideRun::start(timeline, clock.now());
    loop {
        let now = clock.now();
        for cue in run.advance(now) {
            clear(live);
            match cue {
                GuideCue::StepStarted(step) => {
                    if flags.bell {
                        print!("\x07");
                    }
                    println!("{}", step_line(&step));
                }
                GuideCue::Finished => {
                    println!("{}", t("cli.guide.finished"));
                    return Played::Finished;
                }
            }
        }
        let step = run.current_step(now);
        let wait = match run.next_wake() {
            Some(at) => clock.until(at),
            None => IDLE,
        };
        let wait = if live { wait.min(FRAME) } else { wait };
        if live && let Some(step) = &step {
            draw_bar(step, clock.now());
        }
        match inputs.next_within(wait) {
            Some(Input::Line(line)) if line.eq_ignore_ascii_case("q") => {
                clear(live);
                println!("{}", t("cli.guide.stopped"));
                return Played::Stopped;
            }
            Some(Input::Line(_)) => {
                if let Some(step) = step {
                    run.finish_step(clock.now(), step.index);
                }
            }
            Some(Input::Interrupt) => {
                clear(live);
                return Played::Interrupted;
            }
            Some(Input::Closed) | None => {
                if inputs.is_closed()
                    && let Some(step) = step.filter(|s| s.length == StepLength::Open)
                {
                    run.finish_step(clock.now(), step.index);
                }
            }
        }
    }
}

fn step_line(step: &RunningStep) -> String {
    match step.length {
        StepLength::Timed(d) => r(
            "cli.guide.step",
            &[("text", step.text.text()), ("seconds", &format_secs(d))],
        ),
        StepLength::Open => r("cli.guide.open_step", &[("text", step.text.text())]),
    }
}

fn format_secs(d: Duration) -> String {
    let s = d.as_secs_f64();
    if (s - s.round()).abs() < 0.05 {
        format!("{s:.0}")
    } else {
        format!("{s:.1}")
    }
}

fn draw_bar(step: &RunningStep, now: DateTime<Utc>) {
    let (Some(length), Some(ends)) = (step.length.timed(), step.ends_at) else {
        return;
    };
    let left = (ends - now).to_std().unwrap_or(Duration::ZERO);
    let done = if length.is_zero() {
        1.0
    } else {
        1.0 - (left.as_secs_f64() / length.as_secs_f64()).clamp(0.0, 1.0)
    };
    let fill = match step.kind {
        StepKind::Exhale => 1.0 - done,
        StepKind::Hold => 1.0,
        _ => done,
    };
    print!(
        "\r\x1b[2K  {}  {}",
        bar(fill, BAR),
        r(
            "cli.time.seconds",
            &[("seconds", &left.as_secs().to_string())]
        )
    );
    let _ = std::io::stdout().flush();
}

/// A bar `width` wide, filled to `fraction`.
pub(crate) fn bar(fraction: f64, width: usize) -> String {
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let full = ((fraction.clamp(0.0, 1.0) * width as f64).round() as usize).min(width);
    format!("{}{}", "█".repeat(full), "░".repeat(width - full))
}

pub(crate) fn clear(live: bool) {
    if live {
        print!("\r\x1b[2K");
        let _ = std::io::stdout().flush();
    }
}
