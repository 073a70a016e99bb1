//! Does learning help? A simulation with synthetic people whose skills help
//! them differently from the clinical prior.
//!
//! Each person gets a true chance that each skill helps with each need:
//! partly the clinical prior, partly their own (a per-skill effect shared
//! across needs, and a per-need effect), on the logit scale. Strong urges
//! favour quick, physical skills a little. Half the people add one skill of
//! their own and some hide a skill or two. Each person has `--urges` urges
//! with needs drawn from their own mix (named four times in five), random
//! intensity and random context (watch, public place, what is at hand), and
//! follows the first suggestion every time. Three ways to choose are run on
//! the same urges:
//!
//! - `learned`: [`recommend`] with everything learned so far;
//! - `clinical`: the fixed clinical order, [`suggest`];
//! - `random`: any skill on offer, uniformly.
//!
//! Regret for one urge is the chance the best skill on offer would have
//! helped minus the chance the chosen one helped; the figures show it summed
//! over urges, averaged over people.
//!
//! ```text
//! cargo run --release -p ebb-core --example simulate -- --out docs/figures
//! ```
//!
//! Options: `--people N` (50), `--urges N` (200), `--seed N` (1), `--out DIR`
//! (no figures without it). Prints the numbers as a Markdown table.

use std::collections::{BTreeSet, HashMap};
use std::error::Error;
use std::fmt::Write as _;
use std::path::PathBuf;

use chrono::{DateTime, Duration, TimeZone, Utc};
use ebb_core::skills::{
    Context, Draws, Evidence, Moment, PastUse, PersonalSkillDraft, Requirement, Skill, SkillBook,
    SkillFamily, SkillId, builtins, candidates, prior, recommend, suggest,
};
use ebb_core::urge::{Intensity, Need};

/// The five needs a person can truly have; "not sure" is only what they say.
const NEEDS: [Need; 5] = [
    Need::TooMuch,
    Need::Numb,
    Need::MakePainVisible,
    Need::Control,
    Need::SelfPunishment,
];

struct Options {
    people: usize,
    urges: usize,
    seed: u64,
    out: Option<PathBuf>,
}

fn options() -> Result<Options, Box<dyn Error>> {
    let mut options = Options {
        people: 50,
        urges: 200,
        seed: 1,
        out: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--people" => options.people = value.parse()?,
            "--urges" => options.urges = value.parse()?,
            "--seed" => options.seed = value.parse()?,
            "--out" => options.out = Some(PathBuf::from(value)),
            _ => return Err(format!("unknown option {flag}").into()),
        }
    }
    Ok(options)
}

// ---- the synthetic world -----------------------------------------------------

/// One synthetic person: their skills and the true chance each one helps.
struct Person {
    book: SkillBook,
    /// Logit of the chance that a skill helps with a need, before the
    /// strong-urge nudge.
    logit: HashMap<(Need, SkillId), f64>,
    need_mix: [f64; 5],
}

impl Person {
    fn new(draws: &mut Draws) -> Result<Self, Box<dyn Error>> {
        let mut book = SkillBook::new();
        if draws.uniform() < 0.5 {
            book.add_personal(PersonalSkillDraft {
                needs: vec![NEEDS[draws.below(NEEDS.len())]],
                discreet: draws.uniform() < 0.5,
                watch: draws.uniform() < 0.5,
                ..PersonalSkillDraft::new("My own thing")
            })?;
        }
        for _ in 0..draws.below(3) {
            let all = builtins();
            let id = &all[draws.below(all.len())].id;
            if *id != SkillId::REACH_PERSON {
                book.hide(id)?;
            }
        }
        let skills: Vec<Skill> = book.visible().cloned().collect();
        let mut logit = HashMap::new();
        for skill in &skills {
            let shared = 0.7 * draws.normal();
            for need in NEEDS {
                let own = 0.7 * draws.normal();
                let base = if skill.is_personal() {
                    0.2
                } else {
                    -0.4 + 1.2 * prior_score(need, &skill.id)
                };
                logit.insert((need, skill.id.clone()), base + shared + own);
            }
        }
        let mut need_mix = [0.0; 5];
        for weight in &mut need_mix {
            *weight = draws.gamma(0.7);
        }
        Ok(Self {
            book,
            logit,
            need_mix,
        })
    }

    /// The true chance that `skill` helps with `need` at this strength.
    fn chance(&self, need: Need, skill: &Skill, strong: bool) -> f64 {
        let mut logit = self
            .logit
            .get(&(need, skill.id.clone()))
            .copied()
            .unwrap_or(-1.0);
        if strong {
            logit += match skill.family {
                SkillFamily::Cold
                | SkillFamily::Movement
                | SkillFamily::Release
                | SkillFamily::Sensory => 0.3,
                SkillFamily::Expression
                | SkillFamily::SelfCompassion
                | SkillFamily::StructuredTask => -0.3,
                _ => 0.0,
            };
        }
        1.0 / (1.0 + (-logit).exp())
    }

    fn pick_need(&self, draws: &mut Draws) -> Need {
        let total: f64 = self.need_mix.iter().sum();
        let mut left = draws.uniform() * total;
        for (need, weight) in NEEDS.iter().zip(self.need_mix) {
            if left < weight {
                return *need;
            }
            left -= weight;
        }
        Need::SelfPunishment
    }
}

/// How strongly the clinical prior pairs a skill with a need: 1 for the
/// first in the row, falling by 0.15 a place; -0.6 when not in the row.
fn prior_score(need: Need, id: &SkillId) -> f64 {
    match prior(need).iter().position(|p| p == id) {
        #[allow(clippy::cast_precision_loss)]
        Some(rank) => 1.0 - 0.15 * rank as f64,
        None => -0.6,
    }
}

/// One urge, the same for every way of choosing.
struct Urge {
    need: Need,
    named: bool,
    intensity: Intensity,
    context: Context,
    at: DateTime<Utc>,
}

fn urges(person: &Person, count: usize, draws: &mut Draws) -> Result<Vec<Urge>, Box<dyn Error>> {
    let start = Utc
        .with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
        .single()
        .ok_or("bad start")?;
    let mut at = start;
    (0..count)
        .map(|_| {
            #[allow(clippy::cast_possible_truncation)]
            let hours = (draws.uniform() * 72.0) as i64 + 1;
            at += Duration::hours(hours);
            let at_hand: BTreeSet<Requirement> = Requirement::ALL
                .into_iter()
                .filter(|_| draws.uniform() < 0.7)
                .collect();
            #[allow(clippy::cast_possible_truncation)]
            let intensity = Intensity::new(3 + draws.below(8) as u8)?;
            Ok(Urge {
                need: person.pick_need(draws),
                named: draws.uniform() < 0.8,
                intensity,
                context: Context {
                    on_watch: draws.uniform() < 0.15,
                    in_public: draws.uniform() < 0.2,
                    at_hand,
                },
                at,
            })
        })
        .collect()
}

// ---- the ways of choosing --------------------------------------------------------

#[derive(Clone, Copy)]
enum Policy {
    Learned,
    Clinical,
    Random,
}

const POLICIES: [(Policy, &str, &str); 3] = [
    (Policy::Learned, "learned (Thompson sampling)", "#1b7837"),
    (Policy::Clinical, "fixed clinical order", "#2166ac"),
    (Policy::Random, "random skill on offer", "#b2182b"),
];

/// Regret per urge for one person and one way of choosing.
fn run(
    person: &Person,
    urges: &[Urge],
    policy: Policy,
    draws: &mut Draws,
) -> Result<Vec<f64>, Box<dyn Error>> {
    let mut history: Vec<PastUse> = Vec::new();
    let mut regrets = Vec::with_capacity(urges.len());
    for urge in urges {
        let strong = urge.intensity.is_strong();
        let on_offer = candidates(&person.book, &urge.context);
        let Some(best) = on_offer
            .iter()
            .map(|s| person.chance(urge.need, s, strong))
            .reduce(f64::max)
        else {
            regrets.push(0.0);
            continue;
        };
        let said_need = urge.named.then_some(urge.need);
        let chosen: Skill = match policy {
            Policy::Learned => {
                let evidence = Evidence::learn(&history, urge.at);
                let moment = Moment {
                    need: said_need,
                    intensity: Some(urge.intensity),
                    context: urge.context.clone(),
                    still_strong_after_two_skills: false,
                };
                let seed = draws.next_u64();
                let list = recommend(&person.book, &evidence, &moment, seed);
                list.into_iter().next().ok_or("nothing recommended")?.skill
            }
            Policy::Clinical => {
                let list = suggest(&person.book, said_need, Some(urge.intensity), &urge.context);
                list.into_iter().next().ok_or("nothing suggested")?.skill
            }
            Policy::Random => on_offer[draws.below(on_offer.len())].clone(),
        };
        let chance = person.chance(urge.need, &chosen, strong);
        regrets.push(best - chance);
        history.push(outcome(&chosen, said_need, urge, chance, draws)?);
    }
    Ok(regrets)
}

/// What the person reports after using `skill`: whether it helped (three
/// times in five), how strong the urge was after, and now and then how the
/// session ended.
fn outcome(
    skill: &Skill,
    need: Option<Need>,
    urge: &Urge,
    chance: f64,
    draws: &mut Draws,
) -> Result<PastUse, Box<dyn Error>> {
    let helped = draws.uniform() < chance;
    let before = urge.intensity.value();
    #[allow(clippy::cast_possible_truncation)]
    let fall = if helped {
        2 + draws.below(3) as u8
    } else {
        draws.below(2) as u8
    };
    Ok(PastUse {
        skill: skill.id.clone(),
        need,
        intensity_before: Some(urge.intensity),
        intensity_after: Some(Intensity::new(before.saturating_sub(fall))?),
        helped: (draws.uniform() < 0.6).then_some(helped),
        urge_passed_safely: (draws.uniform() < 0.3).then_some(helped || draws.uniform() < 0.7),
        at: urge.at,
    })
}

// ---- numbers and figures -----------------------------------------------------

struct Curve {
    mean: Vec<f64>,
    low: Vec<f64>,
    high: Vec<f64>,
}

/// Mean and interquartile band over people, point by point.
fn curve(per_person: &[Vec<f64>]) -> Curve {
    let len = per_person.first().map_or(0, Vec::len);
    let mut mean = Vec::with_capacity(len);
    let mut low = Vec::with_capacity(len);
    let mut high = Vec::with_capacity(len);
    for t in 0..len {
        let mut column: Vec<f64> = per_person.iter().map(|p| p[t]).collect();
        column.sort_by(f64::total_cmp);
        #[allow(clippy::cast_precision_loss)]
        mean.push(column.iter().sum::<f64>() / column.len() as f64);
        low.push(quantile(&column, 0.25));
        high.push(quantile(&column, 0.75));
    }
    Curve { mean, low, high }
}

fn quantile(sorted: &[f64], q: f64) -> f64 {
    #[allow(
        clippy::cast_precision_loss,
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss
    )]
    let at = ((sorted.len() - 1) as f64 * q).round() as usize;
    sorted[at]
}

fn cumulative(regrets: &[f64]) -> Vec<f64> {
    regrets
        .iter()
        .scan(0.0, |sum, r| {
            *sum += r;
            Some(*sum)
        })
        .collect()
}

/// Mean regret over a sliding window of `width` urges.
fn windowed(regrets: &[f64], width: usize) -> Vec<f64> {
    (0..regrets.len())
        .map(|t| {
            let from = (t + 1).saturating_sub(width);
            let window = &regrets[from..=t];
            #[allow(clippy::cast_precision_loss)]
            let len = window.len() as f64;
            window.iter().sum::<f64>() / len
        })
        .collect()
}

/// A line chart with a shaded band per series, as a plain SVG document.
fn chart(title: &str, y_label: &str, series: &[(&str, &str, &Curve)]) -> String {
    const W: f64 = 720.0;
    const H: f64 = 440.0;
    const LEFT: f64 = 70.0;
    const RIGHT: f64 = 20.0;
    const TOP: f64 = 50.0;
    const BOTTOM: f64 = 60.0;
    let len = series.first().map_or(0, |(_, _, c)| c.mean.len()).max(2);
    let y_max = series
        .iter()
        .flat_map(|(_, _, c)| c.high.iter().chain(&c.mean))
        .copied()
        .fold(0.0, f64::max);
    let y_step = nice_step(y_max / 5.0);
    let y_top = (y_max / y_step).ceil() * y_step;
    #[allow(clippy::cast_precision_loss)]
    let x = |t: usize| LEFT + (W - LEFT - RIGHT) * (t as f64) / ((len - 1) as f64);
    let y = |v: f64| TOP + (H - TOP - BOTTOM) * (1.0 - v / y_top);

    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" font-family="sans-serif" font-size="12">"#
    );
    let _ = writeln!(svg, r#"<rect width="{W}" height="{H}" fill="white"/>"#);
    let _ = writeln!(
        svg,
        r#"<text x="{}" y="24" font-size="15" text-anchor="middle">{title}</text>"#,
        W / 2.0
    );
    // Grid and axes.
    let mut v = 0.0;
    while v <= y_top + y_step / 2.0 {
        let _ = writeln!(
            svg,
            r##"<line x1="{LEFT}" x2="{}" y1="{yy:.1}" y2="{yy:.1}" stroke="#ddd"/><text x="{}" y="{:.1}" text-anchor="end">{}</text>"##,
            W - RIGHT,
            LEFT - 6.0,
            y(v) + 4.0,
            format_tick(v, y_step),
            yy = y(v)
        );
        v += y_step;
    }
    let x_step = nice_step_usize(len / 5);
    for t in (0..=len).step_by(x_step.max(1)) {
        let at = t.min(len - 1);
        let _ = writeln!(
            svg,
            r##"<line x1="{xx:.1}" x2="{xx:.1}" y1="{TOP}" y2="{}" stroke="#eee"/><text x="{xx:.1}" y="{}" text-anchor="middle">{t}</text>"##,
            H - BOTTOM,
            H - BOTTOM + 18.0,
            xx = x(at)
        );
    }
    let _ = writeln!(
        svg,
        r##"<line x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{b}" stroke="#333"/><line x1="{LEFT}" x2="{}" y1="{b}" y2="{b}" stroke="#333"/>"##,
        W - RIGHT,
        b = H - BOTTOM
    );
    let _ = writeln!(
        svg,
        r#"<text x="{}" y="{}" text-anchor="middle">urges so far</text>"#,
        (LEFT + W - RIGHT) / 2.0,
        H - 20.0
    );
    let _ = writeln!(
        svg,
        r#"<text transform="translate(18 {}) rotate(-90)" text-anchor="middle">{y_label}</text>"#,
        (TOP + H - BOTTOM) / 2.0
    );
    // Bands, then lines on top.
    for (_, color, c) in series {
        let mut points = String::new();
        for (t, v) in c.high.iter().enumerate() {
            let _ = write!(points, "{:.1},{:.1} ", x(t), y(*v));
        }
        for (t, v) in c.low.iter().enumerate().rev() {
            let _ = write!(points, "{:.1},{:.1} ", x(t), y(*v));
        }
        let _ = writeln!(
            svg,
            r#"<polygon points="{}" fill="{color}" fill-opacity="0.15" stroke="none"/>"#,
            points.trim_end()
        );
    }
    for (_, color, c) in series {
        let points: Vec<String> = c
            .mean
            .iter()
            .enumerate()
            .map(|(t, v)| format!("{:.1},{:.1}", x(t), y(*v)))
            .collect();
        let _ = writeln!(
            svg,
            r#"<polyline points="{}" fill="none" stroke="{color}" stroke-width="2"/>"#,
            points.join(" ")
        );
    }
    // Legend.
    for (i, (name, color, _)) in series.iter().enumerate() {
        #[allow(clippy::cast_precision_loss)]
        let ly = TOP + 10.0 + 18.0 * i as f64;
        let _ = writeln!(
            svg,
            r#"<line x1="{}" x2="{}" y1="{ly}" y2="{ly}" stroke="{color}" stroke-width="3"/><text x="{}" y="{}">{name}</text>"#,
            LEFT + 14.0,
            LEFT + 38.0,
            LEFT + 44.0,
            ly + 4.0
        );
    }
    let _ = writeln!(
        svg,
        r##"<text x="{}" y="{}" text-anchor="end" fill="#555" font-size="11">line: mean over people; band: middle half of people</text>"##,
        W - RIGHT,
        H - 4.0
    );
    svg.push_str("</svg>\n");
    svg
}

fn nice_step(raw: f64) -> f64 {
    if raw <= 0.0 {
        return 1.0;
    }
    let magnitude = 10f64.powf(raw.log10().floor());
    let fraction = raw / magnitude;
    let nice = if fraction <= 1.0 {
        1.0
    } else if fraction <= 2.0 {
        2.0
    } else if fraction <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * magnitude
}

fn nice_step_usize(raw: usize) -> usize {
    #[allow(
        clippy::cast_precision_loss,
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss
    )]
    let step = nice_step(raw as f64) as usize;
    step.max(1)
}

fn format_tick(v: f64, step: f64) -> String {
    if step >= 1.0 {
        format!("{v:.0}")
    } else if step >= 0.1 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

fn series(curves: &[Curve]) -> Vec<(&'static str, &'static str, &Curve)> {
    POLICIES
        .iter()
        .zip(curves)
        .map(|((_, name, color), c)| (*name, *color, c))
        .collect()
}

fn mean_and_se(values: &[f64]) -> (f64, f64) {
    #[allow(clippy::cast_precision_loss)]
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let var = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0).max(1.0);
    (mean, (var / n).sqrt())
}

#[allow(clippy::print_stdout)]
fn main() -> Result<(), Box<dyn Error>> {
    let options = options()?;
    let mut world = Draws::new(options.seed);
    // regrets[policy][person][urge]
    let mut regrets: Vec<Vec<Vec<f64>>> = vec![Vec::new(); POLICIES.len()];
    for _ in 0..options.people {
        let person = Person::new(&mut world)?;
        let urges = urges(&person, options.urges, &mut world)?;
        for (i, (policy, _, _)) in POLICIES.iter().enumerate() {
            let mut draws = Draws::new(world.next_u64());
            regrets[i].push(run(&person, &urges, *policy, &mut draws)?);
        }
    }

    println!(
        "{} people, {} urges each, seed {}\n",
        options.people, options.urges, options.seed
    );
    println!(
        "| way of choosing | cumulative regret after {} urges (mean ± s.e.) | after 50 | mean regret per urge, last 50 urges |",
        options.urges
    );
    println!("|---|---|---|---|");
    for (i, (_, name, _)) in POLICIES.iter().enumerate() {
        let finals: Vec<f64> = regrets[i].iter().map(|r| r.iter().sum::<f64>()).collect();
        let early: Vec<f64> = regrets[i]
            .iter()
            .map(|r| r.iter().take(50).sum::<f64>())
            .collect();
        let late: Vec<f64> = regrets[i]
            .iter()
            .map(|r| {
                let tail = &r[r.len().saturating_sub(50)..];
                #[allow(clippy::cast_precision_loss)]
                let len = tail.len().max(1) as f64;
                tail.iter().sum::<f64>() / len
            })
            .collect();
        let (mean, se) = mean_and_se(&finals);
        let (early, _) = mean_and_se(&early);
        let (late, _) = mean_and_se(&late);
        println!("| {name} | {mean:.2} ± {se:.2} | {early:.2} | {late:.3} |");
    }

    if let Some(out) = options.out {
        std::fs::create_dir_all(&out)?;
        let cumulative_curves: Vec<Curve> = regrets
            .iter()
            .map(|people| curve(&people.iter().map(|r| cumulative(r)).collect::<Vec<_>>()))
            .collect();
        let window_curves: Vec<Curve> = regrets
            .iter()
            .map(|people| curve(&people.iter().map(|r| windowed(r, 20)).collect::<Vec<_>>()))
            .collect();
        let cumulative_svg = chart(
            "Cumulative regret of the first suggestion",
            "cumulative regret",
            &series(&cumulative_curves),
        );
        std::fs::write(out.join("regret-cumulative.svg"), cumulative_svg)?;
        let window_svg = chart(
            "Regret per urge (mean over the last 20 urges)",
            "regret per urge",
            &series(&window_curves),
        );
        std::fs::write(out.join("regret-per-urge.svg"), window_svg)?;
        println!("\nfigures written to {}", out.display());
    }
    Ok(())
}
