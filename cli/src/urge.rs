//! The interactive urge timer: a live countdown driven by the core's
//! `advance(now)`, with check-ins typed at any time.

use std::io::{BufRead, IsTerminal, Write};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use chrono::{Local, Offset, Utc};
use ebb_core::content::{ContentKey, Locale, render};
use ebb_core::urge::{DelayGoal, Intensity, Outcome, Source, StartOptions, UrgeSession};

use crate::UrgeArgs;

/// How often the countdown line is redrawn.
const REDRAW: Duration = Duration::from_secs(1);

pub(crate) fn run(args: &UrgeArgs) -> Result<(), String> {
    let goal = DelayGoal::from_minutes(args.goal).map_err(|e| e.to_string())?;
    let intensity = args
        .intensity
        .map(Intensity::new)
        .transpose()
        .map_err(|e| e.to_string())?;
    let now = Utc::now();
    let options = StartOptions {
        source: Source::Terminal,
        intensity,
        need: args.need.map(Into::into),
        goal,
        cadence: args.check_in.into(),
        utc_offset_secs: Local::now().offset().fix().local_minus_utc(),
    };
    let mut session = UrgeSession::start(now, options).map_err(|e| e.to_string())?;
    let live = std::io::stdout().is_terminal();

    println!("{}", ContentKey::new("urge.start.title").text());
    println!("{}", ContentKey::new("urge.start.body").text());
    println!(
        "{}",
        render(
            Locale::En,
            ContentKey::new("cli.urge.goal"),
            &[("minutes", &goal.minutes().to_string())]
        )
    );
    println!("{}", ContentKey::new("cli.urge.keys").text());

    let lines = spawn_stdin_reader();
    loop {
        let now = Utc::now();
        for cue in session.advance(now) {
            clear_line(live);
            println!("{}", cue.text().text());
        }
        if live {
            draw_status(&session, now);
        }
        let line = match lines.recv_timeout(REDRAW) {
            Ok(line) => line,
            Err(RecvTimeoutError::Timeout) => continue,
            // Input closed: the session ends without an answer, its pause kept.
            Err(RecvTimeoutError::Disconnected) => {
                return finish(&mut session, Outcome::EndedWithoutSaying);
            }
        };
        clear_line(live);
        let line = line.trim();
        let now = Utc::now();
        if let Ok(value) = line.parse::<u8>()
            && let Ok(intensity) = Intensity::new(value)
        {
            for cue in session
                .check_in(now, intensity)
                .map_err(|e| e.to_string())?
            {
                println!("{}", cue.text().text());
            }
            println!("{}", ContentKey::new("cli.urge.noted").text());
        } else if let Some(skill) = line.strip_prefix('s') {
            let skill = skill.trim();
            let skill = if skill.is_empty() { "unnamed" } else { skill };
            session.skill_used(now, skill).map_err(|e| e.to_string())?;
            println!("{}", ContentKey::new("cli.urge.noted").text());
        } else if line == "x" {
            let longer = DelayGoal::PRESETS
                .into_iter()
                .find(|g| *g > session.goal())
                .or_else(|| DelayGoal::from_minutes(session.goal().minutes() + 15).ok());
            if let Some(goal) = longer
                && session.extend(now, goal).is_ok()
            {
                println!(
                    "{}",
                    render(
                        Locale::En,
                        ContentKey::new("cli.urge.extended"),
                        &[("minutes", &goal.minutes().to_string())]
                    )
                );
            }
        } else if line == "e" {
            let outcome = ask_outcome(&lines);
            return finish(&mut session, outcome);
        } else {
            println!("{}", ContentKey::new("cli.urge.not_understood").text());
        }
    }
}

fn finish(session: &mut UrgeSession, outcome: Outcome) -> Result<(), String> {
    let ended = session
        .end(Utc::now(), outcome)
        .map_err(|e| e.to_string())?;
    println!("{}", outcome.acknowledgement().text());
    let pause = ended.pause.duration();
    let (key, amount) = if pause.as_secs() < 60 {
        ("urge.outcome.paused_for_seconds", pause.as_secs())
    } else {
        ("urge.outcome.paused_for", ended.pause.whole_minutes())
    };
    println!(
        "{}",
        render(
            Locale::En,
            ContentKey::new(key),
            &[
                ("minutes", &amount.to_string()),
                ("seconds", &amount.to_string())
            ],
        )
    );
    Ok(())
}

const OUTCOME_CHOICES: [&str; 5] = [
    "urge.outcome.choice.passed",
    "urge.outcome.choice.used_skill",
    "urge.outcome.choice.reached_out",
    "urge.outcome.choice.self_harmed",
    "urge.outcome.choice.ended_without_saying",
];

fn ask_outcome(lines: &mpsc::Receiver<String>) -> Outcome {
    println!("{}", ContentKey::new("urge.ask.outcome").text());
    for (i, key) in OUTCOME_CHOICES.iter().enumerate() {
        println!("  {}. {}", i + 1, ContentKey::new(key).text());
    }
    println!("{}", ContentKey::new("cli.urge.pick_outcome").text());
    let Ok(answer) = lines.recv() else {
        return Outcome::EndedWithoutSaying;
    };
    match answer.trim() {
        "1" => Outcome::Passed,
        "2" => Outcome::UsedSkill,
        "3" => Outcome::ReachedOut,
        "4" => {
            println!("{}", ContentKey::new("cli.urge.medical_question").text());
            let needs_medical_care = lines
                .recv()
                .is_ok_and(|a| a.trim().eq_ignore_ascii_case("y"));
            Outcome::SelfHarmed { needs_medical_care }
        }
        _ => Outcome::EndedWithoutSaying,
    }
}

fn draw_status(session: &UrgeSession, now: chrono::DateTime<Utc>) {
    let remaining = session.remaining(now);
    let (key, d) = if remaining.is_zero() {
        ("urge.timer.elapsed", session.elapsed(now))
    } else {
        ("urge.timer.remaining", remaining)
    };
    let line = render(
        Locale::En,
        ContentKey::new(key),
        &[
            ("minutes", &(d.as_secs() / 60).to_string()),
            ("seconds", &format!("{:02}", d.as_secs() % 60)),
        ],
    );
    print!("\r\x1b[2K{line}");
    let _ = std::io::stdout().flush();
}

fn clear_line(live: bool) {
    if live {
        print!("\r\x1b[2K");
    }
}

fn spawn_stdin_reader() -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("stdin".into())
        .spawn(move || {
            for line in std::io::stdin().lock().lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        })
        .map(|_| ())
        .unwrap_or_default();
    rx
}
