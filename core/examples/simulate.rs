//! Which way of ordering skills serves people best? A simulation in worlds
//! that do not share the recommender's assumptions.
//!
//! In every world the truth is drawn independently of the starting table
//! ([`ebb_core::skills::PRIOR`]), unless a world says otherwise:
//!
//! - **Population.** For each seed, every (need, skill) pair gets a typical
//!   chance of helping, `logit = -0.3 + w × table score + 0.6 × N(0, 1)`,
//!   where `w` is the world's prior weight (0: the table knows nothing).
//!   Each skill also gets its own effect for strong urges, `0.3 × N(0, 1)`,
//!   not the recommender's nudge.
//! - **People.** Each person differs from the population by `spread × N(0,
//!   1)` per (need, skill), half shared across needs, half not; the spread
//!   is swept. Half add one skill of their own (typical logit -0.3 + 0.6 ×
//!   N), some hide a built-in or two, 60 % have someone in their safety
//!   plan, and each has their own mix of needs (named four times in five).
//! - **Feedback is noisy and urges fade on their own.** After a skill the
//!   urge falls by 0 to 2 whether or not it helped, and by 1 to 3 more when
//!   it did. "Did it help?" is answered three times in five and the answer
//!   is the wrong way round one time in seven. How the session ended is said
//!   three times in ten.
//! - **The still-strong path.** When the first skill did not help and the
//!   urge is still 7 or more, the person takes the next suggestion; if that
//!   fails too, the list is asked again with the still-strong signal, and
//!   the person reaches out as offered. Those are the hardest moments: every
//!   skill's logit is 1 lower there.
//! - **Changing people.** In a world that says so, halfway through each
//!   person's needs and their own differences are drawn afresh.
//! - **Cautions.** A person sees the cautions of the top three suggestions
//!   on each list (shells show them there); the run counts any list that puts
//!   an unseen caution first while an uncautioned skill was on offer.
//!
//! Four ways of choosing run on the same people, urges and luck (the same
//! random numbers decide each outcome): the fixed order ([`suggest_for`]),
//! and [`recommend_ranked`] with each [`Ranking`] (greedy by posterior mean,
//! Thompson sampling, Bayes-UCB). Regret for an urge is the chance that the
//! best skill on offer would have helped minus the chance that the first
//! suggestion helped, summed over a person's urges.
//!
//! ```text
//! cargo run --release -p ebb-core --example simulate -- --out docs
//! ```
//!
//! writes `docs/SIMULATION.md` and the figures in `docs/figures/`.
//! Options: `--seeds N` (20), `--people N` (40 per seed), `--urges N` (150),
//! `--threads N` (2), `--out DIR` (without it, the report is printed).

use std::collections::{BTreeSet, HashMap};
use std::error::Error;
use std::fmt::Write as _;
use std::path::PathBuf;

use chrono::{DateTime, Duration, TimeZone, Utc};
use ebb_core::guides::Caution;
use ebb_core::skills::{
    Context, Draws, Evidence, Moment, PastUse, PersonalSkillDraft, Ranking, ReachOut, Requirement,
    Skill, SkillBook, SkillId, Suggestion, builtins, candidates, prior, recommend_ranked,
    suggest_for,
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
    seeds: u64,
    people: usize,
    urges: usize,
    threads: usize,
    out: Option<PathBuf>,
}

fn options() -> Result<Options, Box<dyn Error>> {
    let mut options = Options {
        seeds: 20,
        people: 40,
        urges: 150,
        threads: 2,
        out: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--seeds" => options.seeds = value.parse()?,
            "--people" => options.people = value.parse()?,
            "--urges" => options.urges = value.parse()?,
            "--threads" => options.threads = value.parse::<usize>()?.max(1),
            "--out" => options.out = Some(PathBuf::from(value)),
            _ => return Err(format!("unknown option {flag}").into()),
        }
    }
    Ok(options)
}

// ---- worlds ------------------------------------------------------------------

/// One kind of world: how people differ and whether the table knows anything.
#[derive(Clone, Copy, Debug)]
struct World {
    name: &'static str,
    /// Standard deviation (logit) of a person's difference from the
    /// population, per (need, skill).
    spread: f64,
    /// How much the starting table's rank shapes the population's truth.
    prior_weight: f64,
    /// Whether people change halfway.
    changes: bool,
}

const WORLDS: [World; 7] = [
    World {
        name: "A: spread 0.25",
        spread: 0.25,
        prior_weight: 0.0,
        changes: false,
    },
    World {
        name: "B: spread 0.5",
        spread: 0.5,
        prior_weight: 0.0,
        changes: false,
    },
    World {
        name: "C: spread 1.0",
        spread: 1.0,
        prior_weight: 0.0,
        changes: false,
    },
    World {
        name: "D: spread 1.5",
        spread: 1.5,
        prior_weight: 0.0,
        changes: false,
    },
    World {
        name: "E: spread 1.0, people change halfway",
        spread: 1.0,
        prior_weight: 0.0,
        changes: true,
    },
    World {
        name: "F: spread 0.5, table half right",
        spread: 0.5,
        prior_weight: 0.6,
        changes: false,
    },
    World {
        name: "G: spread 1.0, table half right, people change",
        spread: 1.0,
        prior_weight: 0.6,
        changes: true,
    },
];

/// The world whose curves are drawn.
const DRAWN: usize = 2;

/// The starting table's view of a pair: 1 for the first in the need's row,
/// 0.15 less a place, -0.6 when not in the row; centred so it shifts no mean.
fn table_score(need: Need, id: &SkillId) -> f64 {
    match prior(need).iter().position(|p| p == id) {
        Some(rank) => 1.0 - 0.15 * rank as f64 - 0.2,
        None => -0.6 - 0.2,
    }
}

/// The population's truth for one seed of one world.
struct Population {
    logit: HashMap<(Need, SkillId), f64>,
    strong: HashMap<SkillId, f64>,
}

impl Population {
    fn new(world: World, draws: &mut Draws) -> Self {
        let mut logit = HashMap::new();
        let mut strong = HashMap::new();
        for skill in builtins() {
            strong.insert(skill.id.clone(), 0.3 * draws.normal());
            for need in NEEDS {
                let independent = 0.6 * draws.normal();
                let value = -0.3 + world.prior_weight * table_score(need, &skill.id) + independent;
                logit.insert((need, skill.id.clone()), value);
            }
        }
        Self { logit, strong }
    }
}

/// One synthetic person.
#[derive(Clone)]
struct Person {
    book: SkillBook,
    /// Their difference from the population, per (need, skill).
    own: HashMap<(Need, SkillId), f64>,
    /// The typical logit of their own skill, if they added one.
    personal: HashMap<SkillId, f64>,
    need_mix: [f64; 5],
    has_someone: bool,
}

impl Person {
    fn new(world: World, draws: &mut Draws) -> Result<Self, Box<dyn Error>> {
        let mut book = SkillBook::new();
        let mut personal = HashMap::new();
        if draws.uniform() < 0.5 {
            let id = book.add_personal(PersonalSkillDraft {
                needs: vec![NEEDS[draws.below(NEEDS.len())]],
                discreet: draws.uniform() < 0.5,
                watch: draws.uniform() < 0.5,
                ..PersonalSkillDraft::new("My own thing")
            })?;
            personal.insert(id, -0.3 + 0.6 * draws.normal());
        }
        for _ in 0..draws.below(3) {
            let all = builtins();
            let id = &all[draws.below(all.len())].id;
            if *id != SkillId::REACH_PERSON {
                book.hide(id)?;
            }
        }
        let mut person = Self {
            book,
            own: HashMap::new(),
            personal,
            need_mix: [0.0; 5],
            has_someone: draws.uniform() < 0.6,
        };
        person.draw_differences(world, draws);
        Ok(person)
    }

    /// Draws the person's needs and differences (again, when they change).
    fn draw_differences(&mut self, world: World, draws: &mut Draws) {
        let half = std::f64::consts::FRAC_1_SQRT_2 * world.spread;
        let ids: Vec<SkillId> = self.book.visible().map(|s| s.id.clone()).collect();
        for id in ids {
            let shared = half * draws.normal();
            for need in NEEDS {
                self.own
                    .insert((need, id.clone()), shared + half * draws.normal());
            }
        }
        for weight in &mut self.need_mix {
            *weight = draws.gamma(0.7);
        }
    }

    /// The true chance that `skill` helps with `need` now.
    fn chance(
        &self,
        population: &Population,
        need: Need,
        skill: &Skill,
        strong: bool,
        hardest: bool,
    ) -> f64 {
        let key = (need, skill.id.clone());
        let base = self
            .personal
            .get(&skill.id)
            .or_else(|| population.logit.get(&key))
            .copied()
            .unwrap_or(-1.0);
        let mut logit = base + self.own.get(&key).copied().unwrap_or(0.0);
        if strong {
            logit += population.strong.get(&skill.id).copied().unwrap_or(0.0);
        }
        if hardest {
            logit -= 1.0;
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

/// One urge and its luck, the same for every way of choosing.
struct Urge {
    need: Need,
    named: bool,
    intensity: u8,
    context: Context,
    at: DateTime<Utc>,
    /// Up to three skills in one urge: each one's uniform draw for helping,
    /// its natural fall, its extra fall when it helped, whether "did it
    /// help?" was answered and whether the answer was the wrong way round.
    tries: [Try; 3],
    end_said: bool,
    end_draw: f64,
}

#[derive(Clone, Copy)]
struct Try {
    help: f64,
    fade: u8,
    extra: u8,
    answered: bool,
    flipped: bool,
}

fn urges(person: &Person, count: usize, draws: &mut Draws) -> Result<Vec<Urge>, Box<dyn Error>> {
    let mut at = Utc
        .with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
        .single()
        .ok_or("bad start")?;
    let mut list = Vec::with_capacity(count);
    for _ in 0..count {
        let hours = (draws.uniform() * 72.0) as i64 + 1;
        at += Duration::hours(hours);
        let at_hand: BTreeSet<Requirement> = Requirement::ALL
            .into_iter()
            .filter(|r| *r != Requirement::Person || person.has_someone)
            .filter(|_| draws.uniform() < 0.7)
            .collect();
        let need = person.pick_need(draws);
        let named = draws.uniform() < 0.8;
        let intensity = 3 + u8::try_from(draws.below(8))?;
        let context = Context {
            on_watch: draws.uniform() < 0.15,
            in_public: draws.uniform() < 0.2,
            at_hand,
        };
        let mut tries = [Try {
            help: 0.0,
            fade: 0,
            extra: 0,
            answered: false,
            flipped: false,
        }; 3];
        for t in &mut tries {
            *t = Try {
                help: draws.uniform(),
                fade: u8::try_from(draws.below(3))?,
                extra: 1 + u8::try_from(draws.below(3))?,
                answered: draws.uniform() < 0.6,
                flipped: draws.uniform() < 1.0 / 7.0,
            };
        }
        list.push(Urge {
            need,
            named,
            intensity,
            context,
            at,
            tries,
            end_said: draws.uniform() < 0.3,
            end_draw: draws.uniform(),
        });
    }
    Ok(list)
}

// ---- the ways of choosing ------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
enum Policy {
    Fixed,
    Ranked(Ranking),
}

const POLICIES: [(Policy, &str, &str); 4] = [
    (Policy::Fixed, "fixed order", "#2166ac"),
    (
        Policy::Ranked(Ranking::Greedy),
        "greedy (posterior mean)",
        "#1b7837",
    ),
    (
        Policy::Ranked(Ranking::Thompson),
        "Thompson sampling",
        "#b2182b",
    ),
    (Policy::Ranked(Ranking::BayesUcb), "Bayes-UCB", "#e08214"),
];

fn list(
    policy: Policy,
    book: &SkillBook,
    evidence: &Evidence,
    moment: &Moment,
    seed: u64,
) -> Vec<Suggestion> {
    match policy {
        Policy::Fixed => suggest_for(book, moment),
        Policy::Ranked(ranking) => recommend_ranked(book, evidence, moment, seed, ranking),
    }
}

/// What one person's run gives.
struct Run {
    regrets: Vec<f64>,
    /// The first suggestion at the first urge.
    first_ever: Option<SkillId>,
    /// Lists that put an unseen caution first while a skill without one was
    /// on offer (should be none).
    caution_first: usize,
    /// Forced reach-outs to a person, and to a crisis line.
    reached_person: usize,
    reached_line: usize,
}

struct Sim<'a> {
    world: World,
    population: &'a Population,
}

impl Sim<'_> {
    #[allow(clippy::too_many_lines)]
    fn run(
        &self,
        person: &Person,
        urges: &[Urge],
        policy: Policy,
        seeds: (u64, u64),
    ) -> Result<Run, Box<dyn Error>> {
        let mut person = person.clone();
        let mut draws = Draws::new(seeds.0);
        // The same change for every way of choosing: its stream comes from
        // the person, not the policy.
        let mut change_draws = Draws::new(seeds.1);
        let mut history: Vec<PastUse> = Vec::new();
        let mut seen: BTreeSet<Caution> = BTreeSet::new();
        let mut run = Run {
            regrets: Vec::with_capacity(urges.len()),
            first_ever: None,
            caution_first: 0,
            reached_person: 0,
            reached_line: 0,
        };
        for (index, urge) in urges.iter().enumerate() {
            if self.world.changes && index == urges.len() / 2 {
                person.draw_differences(self.world, &mut change_draws);
            }
            let said = urge.named.then_some(urge.need);
            let mut intensity = urge.intensity;
            let mut used: Vec<SkillId> = Vec::new();
            let mut helped_any = false;
            let first_use = history.len();
            for step in 0..3 {
                let still_strong = step == 2;
                let moment = Moment {
                    need: said,
                    intensity: Some(Intensity::new(intensity)?),
                    context: urge.context.clone(),
                    still_strong_after_two_skills: still_strong,
                    cautions_seen: seen.clone(),
                };
                let evidence = Evidence::learn(&history, urge.at);
                let offered = list(policy, &person.book, &evidence, &moment, draws.next_u64());
                let clear_on_offer = offered.iter().any(|s| s.cautions.is_empty());
                if offered
                    .first()
                    .is_some_and(|first| !first.cautions.is_empty())
                    && clear_on_offer
                {
                    run.caution_first += 1;
                }
                for s in offered.iter().take(3) {
                    seen.extend(s.cautions.iter().copied());
                }
                let choice = if still_strong {
                    match offered.first().and_then(|s| s.reach_out.map(|r| (r, s))) {
                        Some((ReachOut::Person, s)) => {
                            run.reached_person += 1;
                            Some(s)
                        }
                        Some((ReachOut::CrisisLine, _)) => {
                            run.reached_line += 1;
                            None
                        }
                        None => None,
                    }
                } else {
                    offered.iter().find(|s| !used.contains(&s.skill.id))
                };
                let strong = intensity >= 7;
                if step == 0 {
                    let on_offer = candidates(&person.book, &urge.context);
                    let best = on_offer
                        .iter()
                        .map(|s| person.chance(self.population, urge.need, s, strong, false))
                        .fold(0.0, f64::max);
                    let chosen = choice.map_or(best, |s| {
                        person.chance(self.population, urge.need, &s.skill, strong, false)
                    });
                    run.regrets.push(best - chosen);
                    if index == 0 {
                        run.first_ever = choice.map(|s| s.skill.id.clone());
                    }
                }
                let Some(choice) = choice else { break };
                let chance = person.chance(
                    self.population,
                    urge.need,
                    &choice.skill,
                    strong,
                    still_strong,
                );
                let luck = urge.tries[step];
                let helped = luck.help < chance;
                helped_any |= helped;
                let fall = luck.fade + if helped { luck.extra } else { 0 };
                let after = intensity.saturating_sub(fall);
                history.push(PastUse {
                    skill: choice.skill.id.clone(),
                    need: said,
                    intensity_before: Some(Intensity::new(intensity)?),
                    intensity_after: Some(Intensity::new(after)?),
                    helped: luck.answered.then_some(helped != luck.flipped),
                    urge_passed_safely: None,
                    at: urge.at,
                    earlier_skills: u32::try_from(step)?,
                });
                used.push(choice.skill.id.clone());
                intensity = after;
                if helped || intensity < 7 {
                    break;
                }
            }
            if urge.end_said {
                let passed = helped_any || urge.end_draw < 0.7;
                for past in &mut history[first_use..] {
                    past.urge_passed_safely = Some(passed);
                }
            }
        }
        Ok(run)
    }
}

// ---- running every world -------------------------------------------------------

/// One seed of one world: every person's run under every way of choosing.
struct SeedResult {
    world: usize,
    /// `runs[policy][person]`.
    runs: Vec<Vec<Run>>,
}

fn run_seed(
    world_index: usize,
    seed: u64,
    people: usize,
    count: usize,
) -> Result<SeedResult, Box<dyn Error>> {
    let world = WORLDS[world_index];
    let mut draws = Draws::new(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ world_index as u64);
    let population = Population::new(world, &mut draws);
    let sim = Sim {
        world,
        population: &population,
    };
    let mut runs: Vec<Vec<Run>> = POLICIES
        .iter()
        .map(|_| Vec::with_capacity(people))
        .collect();
    for _ in 0..people {
        let person = Person::new(world, &mut draws)?;
        let urges = urges(&person, count, &mut draws)?;
        let seeds = (draws.next_u64(), draws.next_u64());
        for (slot, (policy, _, _)) in runs.iter_mut().zip(POLICIES) {
            slot.push(sim.run(&person, &urges, policy, seeds)?);
        }
    }
    Ok(SeedResult {
        world: world_index,
        runs,
    })
}

fn run_all(options: &Options) -> Result<Vec<SeedResult>, Box<dyn Error>> {
    let jobs: Vec<(usize, u64)> = (0..WORLDS.len())
        .flat_map(|w| (1..=options.seeds).map(move |s| (w, s)))
        .collect();
    let (people, count) = (options.people, options.urges);
    let results: Vec<Result<Vec<SeedResult>, String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..options.threads)
            .map(|t| {
                let mine: Vec<(usize, u64)> = jobs
                    .iter()
                    .copied()
                    .skip(t)
                    .step_by(options.threads)
                    .collect();
                scope.spawn(move || {
                    mine.into_iter()
                        .map(|(w, s)| run_seed(w, s, people, count).map_err(|e| e.to_string()))
                        .collect::<Result<Vec<_>, String>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err("a worker stopped".to_owned()))
            })
            .collect()
    });
    let mut all = Vec::new();
    for part in results {
        all.extend(part?);
    }
    Ok(all)
}

// ---- statistics ----------------------------------------------------------------

/// Mean and the half-width of a 95 % t interval.
fn mean_ci(values: &[f64]) -> (f64, f64) {
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    if values.len() < 2 {
        return (mean, f64::NAN);
    }
    let var = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0);
    (mean, t975(n - 1.0) * (var / n).sqrt())
}

/// The 97.5 % point of Student's t (Cornish-Fisher expansion; within 0.01
/// of the table from 5 degrees of freedom on).
fn t975(df: f64) -> f64 {
    let z: f64 = 1.959_964;
    z + (z.powi(3) + z) / (4.0 * df)
        + (5.0 * z.powi(5) + 16.0 * z.powi(3) + 3.0 * z) / (96.0 * df * df)
}

fn total(run: &Run) -> f64 {
    run.regrets.iter().sum()
}

/// Per seed, the mean over people of `f(person's runs)`.
fn per_seed(seeds: &[&SeedResult], f: impl Fn(&[&Run]) -> f64) -> Vec<f64> {
    seeds
        .iter()
        .map(|s| {
            let people = s.runs[0].len();
            (0..people)
                .map(|p| {
                    let runs: Vec<&Run> = s.runs.iter().map(|r| &r[p]).collect();
                    f(&runs)
                })
                .sum::<f64>()
                / people as f64
        })
        .collect()
}

fn fmt_ci((mean, half): (f64, f64)) -> String {
    format!("{mean:.2} ± {half:.2}")
}

fn shipped_index() -> usize {
    POLICIES
        .iter()
        .position(|(p, _, _)| *p == Policy::Ranked(Ranking::SHIPPED))
        .unwrap_or(0)
}

#[allow(clippy::too_many_lines)]
fn report(options: &Options, results: &[SeedResult]) -> String {
    let shipped = shipped_index();
    let mut md = String::new();
    let _ = writeln!(md, "# Simulation report\n");
    let _ = writeln!(
        md,
        "Generated by `cargo run --release -p ebb-core --example simulate -- --out docs` \
         ({} seeds per world, {} people per seed, {} urges each). The model is described \
         in `core/examples/simulate.rs` and `docs/RECOMMENDATIONS.md`. Regret is summed over \
         a person's urges (lower is better); ± is the half-width of a 95 % t interval over \
         seeds; paired differences are taken person by person on the same urges and luck, \
         then averaged per seed. The shipped ranking is **{}**.\n",
        options.seeds, options.people, options.urges, POLICIES[shipped].1
    );
    let _ = writeln!(md, "## Worlds\n");
    let _ = writeln!(
        md,
        "| world | spread between people (logit sd) | table weight in the truth | people change halfway |"
    );
    let _ = writeln!(md, "|---|---|---|---|");
    for w in WORLDS {
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} |",
            w.name,
            w.spread,
            w.prior_weight,
            if w.changes { "yes" } else { "no" }
        );
    }
    let _ = writeln!(
        md,
        "\nShared by every world: population logit -0.3 + weight × table score + 0.6 × N(0,1) per (need, skill); a strong-urge effect 0.3 × N(0,1) per skill; half the people add a skill of their own; 0–2 built-ins hidden; 60 % have someone in their plan; urges 1–72 h apart, intensity 3–10, needs named 80 %; context: watch 15 %, public 20 %, each thing at hand 70 %; urges fall 0–2 on their own and 1–3 more when a skill helped; \"did it help?\" answered 60 % and wrong 1 in 7; session end said 30 %; the third, forced step (still strong) is 1 logit harder.\n"
    );

    let _ = writeln!(md, "## Cumulative regret, and paired differences\n");
    for (w, world) in WORLDS.iter().enumerate() {
        let seeds: Vec<&SeedResult> = results.iter().filter(|r| r.world == w).collect();
        let people: usize = seeds.iter().map(|s| s.runs[0].len()).sum();
        let _ = writeln!(md, "### {}\n", world.name);
        let _ = writeln!(
            md,
            "| way of choosing | regret per person | minus fixed order | minus {} | worse off than fixed order (people) | same first skill as the fixed order at the first urge |",
            POLICIES[shipped].1
        );
        let _ = writeln!(md, "|---|---|---|---|---|---|");
        for (p, (_, name, _)) in POLICIES.iter().enumerate() {
            let regret = mean_ci(&per_seed(&seeds, |r| total(r[p])));
            let vs_fixed = mean_ci(&per_seed(&seeds, |r| total(r[p]) - total(r[0])));
            let vs_shipped = mean_ci(&per_seed(&seeds, |r| total(r[p]) - total(r[shipped])));
            let worse: usize = seeds
                .iter()
                .map(|s| {
                    (0..s.runs[0].len())
                        .filter(|&i| total(&s.runs[p][i]) > total(&s.runs[0][i]) + 1e-9)
                        .count()
                })
                .sum();
            let same_first: usize = seeds
                .iter()
                .map(|s| {
                    (0..s.runs[0].len())
                        .filter(|&i| s.runs[p][i].first_ever == s.runs[0][i].first_ever)
                        .count()
                })
                .sum();
            let dash = |c: (f64, f64), same: bool| if same { "—".to_owned() } else { fmt_ci(c) };
            let _ = writeln!(
                md,
                "| {name} | {} | {} | {} | {worse} of {people} | {:.0} % |",
                fmt_ci(regret),
                dash(vs_fixed, p == 0),
                dash(vs_shipped, p == shipped),
                100.0 * same_first as f64 / people as f64
            );
        }
        let caution_first: usize = seeds
            .iter()
            .flat_map(|s| s.runs.iter().flatten())
            .map(|r| r.caution_first)
            .sum();
        let person: usize = seeds
            .iter()
            .flat_map(|s| s.runs.iter().flatten())
            .map(|r| r.reached_person)
            .sum();
        let line: usize = seeds
            .iter()
            .flat_map(|s| s.runs.iter().flatten())
            .map(|r| r.reached_line)
            .sum();
        let _ = writeln!(
            md,
            "\nStill strong after two skills: reaching out offered {} times (to a person {person}, to a crisis line {line}). Lists with an unseen caution first while an uncautioned skill was on offer: {caution_first}.\n",
            person + line
        );
    }
    md
}

// ---- figures -------------------------------------------------------------------

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
        mean.push(column.iter().sum::<f64>() / column.len() as f64);
        low.push(quantile(&column, 0.25));
        high.push(quantile(&column, 0.75));
    }
    Curve { mean, low, high }
}

fn quantile(sorted: &[f64], q: f64) -> f64 {
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

fn figure(results: &[SeedResult], world: usize, title: &str) -> String {
    let curves: Vec<Curve> = (0..POLICIES.len())
        .map(|p| {
            let people: Vec<Vec<f64>> = results
                .iter()
                .filter(|r| r.world == world)
                .flat_map(|r| r.runs[p].iter().map(|run| cumulative(&run.regrets)))
                .collect();
            curve(&people)
        })
        .collect();
    let series: Vec<(&str, &str, &Curve)> = POLICIES
        .iter()
        .zip(&curves)
        .map(|((_, name, color), c)| (*name, *color, c))
        .collect();
    chart(title, "cumulative regret", &series)
}

#[allow(clippy::print_stdout)]
fn main() -> Result<(), Box<dyn Error>> {
    let options = options()?;
    let results = run_all(&options)?;
    let mut md = report(&options, &results);
    match &options.out {
        Some(out) => {
            let figures = out.join("figures");
            std::fs::create_dir_all(&figures)?;
            let drawn = figure(
                &results,
                DRAWN,
                &format!("Cumulative regret, world {}", WORLDS[DRAWN].name),
            );
            std::fs::write(figures.join("regret-cumulative.svg"), drawn)?;
            let changing = figure(
                &results,
                4,
                &format!("Cumulative regret, world {}", WORLDS[4].name),
            );
            std::fs::write(figures.join("regret-changing.svg"), changing)?;
            let _ = writeln!(
                md,
                "## Figures\n\n![Cumulative regret, world C](figures/regret-cumulative.svg)\n\n![Cumulative regret, world E](figures/regret-changing.svg)"
            );
            std::fs::write(out.join("SIMULATION.md"), &md)?;
            println!("{md}\nwritten to {}", out.join("SIMULATION.md").display());
        }
        None => println!("{md}"),
    }
    Ok(())
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
