//! `ebb progress`: the review as tables and small charts in the terminal,
//! or as a self-contained page (inline SVG, no scripts, nothing fetched) to
//! share with a therapist.

use std::path::PathBuf;
use std::time::Duration;

use chrono::{FixedOffset, Offset, Utc};
use clap::{Args, ValueEnum};
use ebb_core::content::Locale;
use ebb_core::flow::{Event, Flow};
use ebb_core::progress::{DaysWithout, Figures, Review, ReviewOptions, Window};
use ebb_core::skills::{SkillBook, SkillId};
use ebb_core::store::Store;

use crate::guide::bar;
use crate::text::{Failure, Outcome, duration, print_json, r, t};

#[derive(Debug, Args)]
pub(crate) struct ProgressArgs {
    #[arg(long, value_enum, default_value_t = WindowArg::Month, help = t("cli.help.progress.window"))]
    window: WindowArg,
    #[arg(long, value_name = "FILE", help = t("cli.help.progress.html"))]
    html: Option<PathBuf>,
    #[arg(long, requires = "html", help = t("cli.help.force"))]
    force: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum WindowArg {
    Week,
    Month,
    #[value(name = "90d")]
    NinetyDays,
    All,
}

impl From<WindowArg> for Window {
    fn from(w: WindowArg) -> Self {
        match w {
            WindowArg::Week => Window::Week,
            WindowArg::Month => Window::Month,
            WindowArg::NinetyDays => Window::NinetyDays,
            WindowArg::All => Window::AllTime,
        }
    }
}

pub(crate) fn run(store: &mut Store, args: &ProgressArgs, json: bool) -> Outcome {
    let settings = store.settings()?;
    let review = store.progress(
        Utc::now(),
        ReviewOptions {
            window: args.window.into(),
            show_days_without: settings.show_days_without,
        },
    )?;
    let book = store.skill_book()?;
    if let Some(path) = &args.html {
        let page = page_for(store, args.window.into())?;
        // The page shows the person's patterns: theirs to share, not the
        // machine's other users'.
        crate::data::write_private(path, page.as_bytes(), args.force)?;
        if json {
            return print_json(&serde_json::json!({ "html": path }));
        }
        println!(
            "{}",
            r(
                "cli.progress.html_saved",
                &[("path", &path.display().to_string())]
            )
        );
        return Ok(());
    }
    if json {
        return print_json(&review);
    }
    terminal(&review, &book);
    Ok(())
}

/// A row of the figures table: its label and how to read it.
type Row = (&'static str, fn(&Figures) -> String);

const ROWS: [Row; 7] = [
    ("cli.progress.row.urges", |f| f.urges.to_string()),
    ("cli.progress.row.passed_safely", |f| {
        f.passed_safely.to_string()
    }),
    ("cli.progress.row.self_harm", |f| {
        f.self_harm_episodes.to_string()
    }),
    ("cli.progress.row.median_pause", |f| pause(f.median_pause)),
    ("cli.progress.row.longest_pause", |f| pause(f.longest_pause)),
    ("cli.progress.row.safer_when_strong", |f| {
        f.safer_choices_when_strong.to_string()
    }),
    ("cli.progress.row.reached_out", |f| {
        f.reached_out.total().to_string()
    }),
];

fn pause(d: Option<Duration>) -> String {
    d.map_or_else(|| "-".to_owned(), duration)
}

fn skill_title(book: &SkillBook, id: &str) -> String {
    SkillId::new(id)
        .ok()
        .and_then(|id| {
            book.get(&id)
                .map(|s| s.title.in_locale(Locale::En).to_owned())
        })
        .unwrap_or_else(|| id.to_owned())
}

fn need_label(need: Option<ebb_core::urge::Need>) -> &'static str {
    need.map_or(t("cli.progress.need_unsaid"), |n| n.label().text())
}

fn terminal(review: &Review, book: &SkillBook) {
    let f = &review.current;
    println!(
        "{}: {}\n",
        t("progress.title"),
        review.window.label().text()
    );
    if f.urges == 0 && f.skills.is_empty() {
        println!("{}", t("cli.progress.nothing_yet"));
        return;
    }
    for trend in &review.trends {
        println!("{}", trend.text().text());
    }
    if !review.trends.is_empty() {
        println!();
    }

    let width = ROWS
        .iter()
        .map(|(k, _)| t(k).chars().count())
        .max()
        .unwrap_or(0)
        + 2;
    let now_h = t("cli.progress.col.now");
    let before_h = t("cli.progress.col.before");
    match &review.previous {
        Some(_) => println!("{:width$}{now_h:<16}{before_h}", ""),
        None => println!("{:width$}{now_h}", ""),
    }
    for (key, read) in ROWS {
        match &review.previous {
            Some(p) => println!("{:width$}{:<16}{}", t(key), read(f), read(p)),
            None => println!("{:width$}{}", t(key), read(f)),
        }
    }

    println!("\n{}", t("cli.progress.weekly"));
    let most = review
        .weekly
        .iter()
        .map(|w| w.urges)
        .max()
        .unwrap_or(0)
        .max(1);
    for w in &review.weekly {
        println!(
            "  {}  {}  {}",
            w.from.format("%d %b"),
            bar(f64::from(w.urges) / f64::from(most), 20),
            r(
                "cli.progress.week_line",
                &[
                    ("urges", &w.urges.to_string()),
                    ("passed", &w.passed_safely.to_string())
                ]
            )
        );
    }

    println!("\n{}", t("cli.progress.hours"));
    println!("  {}", sparkline(&f.urges_by_hour));
    println!("  0     6     12    18   23");

    println!("\n{}", t("cli.progress.needs"));
    let most = f.needs.iter().map(|n| n.urges).max().unwrap_or(0).max(1);
    for n in f.needs.iter().filter(|n| n.urges > 0) {
        println!(
            "  {:<40} {} {}",
            need_label(n.need),
            bar(f64::from(n.urges) / f64::from(most), 12),
            n.urges
        );
    }

    if !f.skills.is_empty() {
        println!("\n{}", t("cli.progress.skills"));
        for s in &f.skills {
            let helped = s
                .helped_share
                .map_or_else(|| "-".to_owned(), |share| format!("{:.0}%", share * 100.0));
            println!(
                "  {:<30} {}",
                skill_title(book, &s.skill),
                r(
                    "cli.progress.skill_line",
                    &[("uses", &s.uses.to_string()), ("helped", &helped)]
                )
            );
        }
    }
    if !review.feelings.is_empty() {
        println!("\n{}", t("flow.progress.feelings"));
        for f in &review.feelings {
            let came = r(
                "flow.progress.feeling_came",
                &[("urges", &f.urges.to_string())],
            );
            let helped: Vec<String> = f.helped.iter().map(|s| skill_title(book, s)).collect();
            let note = if helped.is_empty() {
                came
            } else {
                r(
                    "flow.progress.feeling_helped",
                    &[("came", &came), ("skills", &helped.join(", "))],
                )
            };
            println!("  {:<30} {note}", f.feeling.label().text());
        }
    }
    if let Some(days) = review.days_without {
        println!("\n{}", days_line(days));
    }
}

fn days_line(days: DaysWithout) -> String {
    match days {
        DaysWithout::Days(n) => r(days.text().as_str(), &[("days", &n.to_string())]),
        DaysWithout::NoneLogged => days.text().text().to_owned(),
    }
}

/// 24 counts as one line of block characters, one an hour.
fn sparkline(counts: &[u32; 24]) -> String {
    const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let most = counts.iter().copied().max().unwrap_or(0).max(1);
    counts
        .iter()
        .map(|&c| match c {
            0 => '·',
            c => BLOCKS[usize::try_from((c * 7).div_ceil(most)).unwrap_or(7).min(7)],
        })
        .collect()
}

/// The shareable page: the core's progress screen for `window`, as HTML.
fn page_for(store: &mut Store, window: Window) -> Result<String, Failure> {
    let context = crate::app::context();
    let offset = FixedOffset::east_opt(context.utc_offset_secs).unwrap_or(Utc.fix());
    let update = Flow::new().update(store, &context, Event::OpenProgress { window })?;
    Ok(crate::page::page(&update.model, offset))
}
