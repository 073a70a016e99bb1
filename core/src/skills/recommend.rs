//! Suggestions that learn what helps this person, on the device.
//!
//! [`recommend`] runs the same steps as [`super::suggest`] and replaces only
//! the ordering: [`candidates`] still drops hidden skills and those the
//! [`Context`] rules out, [`spread_families`] still keeps the top three from
//! being all one kind, and the reasons still come from content keys. The
//! order comes from a Beta belief for every (need, skill) pair about how
//! often the skill helps this person with this need. How beliefs become an
//! order is a [`Ranking`]; the one shipped ([`Ranking::SHIPPED`]) ranks by
//! the belief's mean, because it did best in the simulation
//! (`core/examples/simulate.rs`, reported in `docs/RECOMMENDATIONS.md`).
//!
//! - **Start** ([`Evidence::belief`]): the starting table ([`super::PRIOR`],
//!   the authors' judgement, see its sources) as small pseudo-counts, and
//!   their own skills start hopeful so they get tried. With no history the
//!   order is the table's order, apart from the safety rules below.
//! - **Learn** ([`Evidence::learn`], [`Outcome::of`]): each past use adds its
//!   outcome to its need, recent uses counting more, and a little to the same
//!   skill for the other needs.
//! - **Choose** ([`recommend`]): any random draws come from a generator
//!   seeded by the caller ([`Draws`]), so the same seed and history give the
//!   same list.
//!
//! Nothing here forecasts anything about the person. The only thing learned
//! is which skills have helped them, and the only output is an order of
//! skills with a kind reason for each.
//!
//! Two safety rules hold whatever was learned (both in
//! [`super::suggest`]'s shared last step, so the fixed order keeps them too):
//!
//! - A skill with a caution the person has not seen ([`Moment::cautions_seen`])
//!   is never first while a skill without one is on offer, and every
//!   suggestion carries its unseen cautions ([`Suggestion::cautions`]) so a
//!   list can show them.
//! - When the urge is still strong after two skills, reaching out goes first
//!   (see [`Moment::still_strong_after_two_skills`]): to a person when one is
//!   reachable, otherwise to a crisis line ([`ReachOut`]). Those forced
//!   offers do not teach the recommender that reaching out fails
//!   ([`Evidence::learn`]).

use std::collections::{BTreeSet, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::suggest::{Pace, finish, fits, pace, reason as prior_reason};
use super::{Context, Skill, SkillBook, SkillId, Suggestion, candidates, prior};
use crate::content::ContentKey;
use crate::guides::Caution;
use crate::urge::{Intensity, Need};

/// One time a person turned to a skill, and what happened. The store builds
/// these from its skill uses joined with how each session ended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PastUse {
    /// The skill used.
    pub skill: SkillId,
    /// The need they named for that urge; `None` counts as [`Need::NotSure`].
    pub need: Option<Need>,
    /// How strong the urge was before the skill.
    pub intensity_before: Option<Intensity>,
    /// How strong it was after.
    pub intensity_after: Option<Intensity>,
    /// Their own answer to "did it help?", if they gave one.
    pub helped: Option<bool>,
    /// Whether the session it belonged to ended with the urge passing
    /// without self-harm, if the session has ended and they said.
    pub urge_passed_safely: Option<bool>,
    /// When they used it.
    pub at: DateTime<Utc>,
    /// How many skills were used before this one in the same urge session
    /// (0 outside a session). Two or more, with a strong urge, is when
    /// reaching out is put first; see [`PastUse::was_forced_reach_out`].
    #[serde(default)]
    pub earlier_skills: u32,
}

impl PastUse {
    /// Whether this was reaching a person at the moment the still-strong
    /// rule puts it first: after two skills, with the urge strong (or its
    /// strength not noted). Those moments are chosen for being the hardest,
    /// so a "did not help" there says more about the moment than about
    /// reaching out; [`Evidence::learn`] keeps only what helped.
    pub fn was_forced_reach_out(&self) -> bool {
        self.skill == SkillId::REACH_PERSON
            && self.earlier_skills >= 2
            && self.intensity_before.is_none_or(Intensity::is_strong)
    }
}

/// How much one past use counts for and against a skill, before its age is
/// taken into account. Both parts are zero or more; a use that says nothing
/// counts for nothing.
///
/// | What the use says                                  | helped | did not |
/// |----------------------------------------------------|--------|---------|
/// | they answered "it helped"                          | 1      |         |
/// | they answered "it did not help"                    |        | 1       |
/// | no answer, intensity fell by 2 or more             | 1      |         |
/// | no answer, intensity fell by 1                     | 0.5    | 0.5     |
/// | no answer, intensity stayed or rose                |        | 1       |
/// | and in addition: the urge passed safely            | +0.25  |         |
/// | and in addition: it did not                        |        | +0.25   |
///
/// Their own answer wins over the numbers: they know what helped. The
/// session's end counts a little, since a session may hold several skills
/// and much else.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Outcome {
    /// Weight for "it helped".
    pub helped: f64,
    /// Weight for "it did not help".
    pub did_not: f64,
}

impl Outcome {
    /// The weight of a session's end, next to a use's own result.
    pub const SESSION_END_WEIGHT: f64 = 0.25;

    /// What `past` says about its skill (see the table above).
    pub fn of(past: &PastUse) -> Self {
        let mut outcome = match (past.helped, past.intensity_before, past.intensity_after) {
            (Some(true), _, _) => Self::new(1.0, 0.0),
            (Some(false), _, _) => Self::new(0.0, 1.0),
            (None, Some(before), Some(after)) => {
                match i16::from(before.value()) - i16::from(after.value()) {
                    drop if drop >= 2 => Self::new(1.0, 0.0),
                    1 => Self::new(0.5, 0.5),
                    _ => Self::new(0.0, 1.0),
                }
            }
            _ => Self::default(),
        };
        match past.urge_passed_safely {
            Some(true) => outcome.helped += Self::SESSION_END_WEIGHT,
            Some(false) => outcome.did_not += Self::SESSION_END_WEIGHT,
            None => {}
        }
        outcome
    }

    fn new(helped: f64, did_not: f64) -> Self {
        Self { helped, did_not }
    }

    fn scaled(self, by: f64) -> Self {
        Self::new(self.helped * by, self.did_not * by)
    }

    fn add(&mut self, other: Self) {
        self.helped += other.helped;
        self.did_not += other.did_not;
    }

    fn total(self) -> f64 {
        self.helped + self.did_not
    }
}

/// A Beta belief about how often a skill helps: `alpha` counts for, `beta`
/// against, both at least 1 here.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Belief {
    /// Pseudo-count of times it helped.
    pub alpha: f64,
    /// Pseudo-count of times it did not.
    pub beta: f64,
}

impl Belief {
    /// The share of times it is believed to help.
    pub fn mean(self) -> f64 {
        self.alpha / (self.alpha + self.beta)
    }

    /// The starting belief for `skill` and `need`, before any history: the
    /// rank in [`super::PRIOR`] as pseudo-counts. The counts are the
    /// authors' judgement, set small so a few outcomes outweigh them; no
    /// study gives these numbers.
    ///
    /// | Skill                                          | alpha | beta |
    /// |------------------------------------------------|-------|------|
    /// | built-in, 1st in the need's row of the prior   | 3     | 1    |
    /// | 2nd                                            | 2.5   | 1    |
    /// | 3rd                                            | 2     | 1    |
    /// | 4th                                            | 1.75  | 1    |
    /// | 5th or later                                   | 1.5   | 1    |
    /// | built-in not in the row                        | 1     | 1.5  |
    /// | their own, serving the need, or need not sure  | 1.5   | 1    |
    /// | their own, named for other needs only          | 1     | 1.5  |
    ///
    /// For a strong urge, quick physical kinds get +0.5 alpha and reflective
    /// kinds +0.5 beta, as in the fixed order (DBT's TIPP skills are meant
    /// for the highest arousal; the size of the nudge is a judgement). The counts are small, so a few
    /// of the person's own outcomes outweigh them. A person's own skill starts
    /// like a lower built-in, with a wide belief: it gets tried early, and
    /// stays up only if it helps.
    pub fn prior(skill: &Skill, need: Need, strong: bool) -> Self {
        let (alpha, beta) = if skill.is_personal() {
            if skill.serves(need) || need == Need::NotSure {
                (1.5, 1.0)
            } else {
                (1.0, 1.5)
            }
        } else {
            match prior(need).iter().position(|id| *id == skill.id) {
                Some(0) => (3.0, 1.0),
                Some(1) => (2.5, 1.0),
                Some(2) => (2.0, 1.0),
                Some(3) => (1.75, 1.0),
                Some(_) => (1.5, 1.0),
                None => (1.0, 1.5),
            }
        };
        let mut belief = Self { alpha, beta };
        if strong {
            match pace(skill.family) {
                Pace::Quick => belief.alpha += Self::STRONG_NUDGE,
                Pace::Reflective => belief.beta += Self::STRONG_NUDGE,
                Pace::Steady => {}
            }
        }
        belief
    }

    const STRONG_NUDGE: f64 = 0.5;

    /// The standard deviation of the belief.
    pub fn sd(self) -> f64 {
        let n = self.alpha + self.beta;
        (self.alpha * self.beta / (n * n * (n + 1.0))).sqrt()
    }

    fn updated(self, outcome: Outcome) -> Self {
        Self {
            alpha: self.alpha + outcome.helped,
            beta: self.beta + outcome.did_not,
        }
    }
}

/// What a person's history says about each skill, ready to recommend from.
/// Learning is one pass over the history; a shell may keep the result and
/// learn again when a use is added.
#[derive(Clone, Debug, Default)]
pub struct Evidence {
    /// Weighted outcomes by skill, then by the need they were used for.
    tallies: HashMap<SkillId, [Outcome; Need::ALL.len()], BuildHasherDefault<Fnv>>,
}

impl Evidence {
    /// After this long, a use counts half as much; after twice as long, a
    /// quarter. What helped last season may not help now, but one bad week
    /// should not erase a year.
    pub const HALF_LIFE_DAYS: f64 = 120.0;

    /// How much a use for one need counts for the same skill and another
    /// need. Skills that help a person tend to help them more widely, but a
    /// need's own evidence matters most.
    pub const OTHER_NEED_SHARE: f64 = 0.25;

    /// Learns from `history`, seen from `now`. Uses dated after `now` (a
    /// clock set differently on another device) count as if from `now`.
    /// Reaching out where the still-strong rule put it first
    /// ([`PastUse::was_forced_reach_out`]) counts only if it helped, so the
    /// rule's own offers never lower it.
    pub fn learn(history: &[PastUse], now: DateTime<Utc>) -> Self {
        let mut evidence = Self::default();
        for past in history {
            let mut outcome = Outcome::of(past);
            if past.was_forced_reach_out() {
                outcome.did_not = 0.0;
            }
            if outcome.total() <= 0.0 {
                continue;
            }
            let outcome = outcome.scaled(decay(now, past.at));
            let need = need_index(past.need.unwrap_or(Need::NotSure));
            match evidence.tallies.get_mut(&past.skill) {
                Some(tally) => tally[need].add(outcome),
                None => {
                    let mut tally = [Outcome::default(); Need::ALL.len()];
                    tally[need] = outcome;
                    evidence.tallies.insert(past.skill.clone(), tally);
                }
            }
        }
        evidence
    }

    /// What is believed about `skill` for `need` now: the prior with this
    /// person's outcomes added.
    pub fn belief(&self, skill: &Skill, need: Need, strong: bool) -> Belief {
        let mut learned = Outcome::default();
        if let Some(tally) = self.tallies.get(&skill.id) {
            let own = need_index(need);
            for (index, outcome) in tally.iter().enumerate() {
                if index == own {
                    learned.add(*outcome);
                } else {
                    learned.add(outcome.scaled(Self::OTHER_NEED_SHARE));
                }
            }
        }
        Belief::prior(skill, need, strong).updated(learned)
    }

    /// Whether the history holds any use of `skill` with a result.
    pub fn tried(&self, skill: &SkillId) -> bool {
        self.tallies.contains_key(skill)
    }

    /// Whether `skill` helped most of the recent times it was used for
    /// `need`, with enough of them to say so.
    pub fn helped_mostly(&self, skill: &SkillId, need: Need) -> bool {
        let own = self.own(skill, need);
        own.total() >= Self::ENOUGH_TO_SAY && own.helped >= Self::MOSTLY * own.total()
    }

    /// Whether `skill` has helped more often than not when used for `need`.
    /// Such a skill is offered among those serving the need even when the
    /// starting table does not list it there: the person found it helps.
    pub fn helped_more_than_not(&self, skill: &SkillId, need: Need) -> bool {
        let own = self.own(skill, need);
        own.helped > own.did_not
    }

    /// Weighted uses for a need before "it helped most times" is said.
    const ENOUGH_TO_SAY: f64 = 2.0;
    /// The share of those that must have helped.
    const MOSTLY: f64 = 0.6;

    fn own(&self, skill: &SkillId, need: Need) -> Outcome {
        self.tallies
            .get(skill)
            .map(|tally| tally[need_index(need)])
            .unwrap_or_default()
    }

    /// Whether anything at all was learned.
    fn has_history(&self) -> bool {
        !self.tallies.is_empty()
    }

    /// The weighted number of uses for `need`, over every skill: how much
    /// this person has tried for it (the clock of [`Ranking::BayesUcb`]).
    fn uses_for(&self, need: Need) -> f64 {
        let at = need_index(need);
        self.tallies.values().map(|tally| tally[at].total()).sum()
    }
}

/// Where `need` sits in [`Need::ALL`], for per-need arrays.
fn need_index(need: Need) -> usize {
    match need {
        Need::TooMuch => 0,
        Need::Numb => 1,
        Need::MakePainVisible => 2,
        Need::Control => 3,
        Need::SelfPunishment => 4,
        Need::NotSure => 5,
    }
}

/// FNV-1a, for the skill-id map: ids are short, local and not chosen by an
/// adversary, and learning hashes one per past use, so a cheap hash keeps a
/// long history fast (with the standard hasher, learning from 10,000 uses
/// took about 1.5 times as long).
#[derive(Clone, Copy, Debug)]
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 = (self.0 ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// How much a use from `at` still counts at `now`: 1, halving every
/// [`Evidence::HALF_LIFE_DAYS`].
fn decay(now: DateTime<Utc>, at: DateTime<Utc>) -> f64 {
    const MS_PER_DAY: f64 = 86_400_000.0;
    let age_ms = (now - at).num_milliseconds().max(0);
    #[allow(clippy::cast_precision_loss)] // ages up to centuries are exact enough
    let days = age_ms as f64 / MS_PER_DAY;
    (-days / Evidence::HALF_LIFE_DAYS).exp2()
}

/// The urge suggestions are for, and where the person is.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moment {
    /// The need they named; `None` is the same as [`Need::NotSure`].
    pub need: Option<Need>,
    /// How strong the urge is now.
    pub intensity: Option<Intensity>,
    /// Watch, public place, what is at hand.
    pub context: Context,
    /// The urge is still strong after two skills in this session (the urge
    /// session knows: it is when it sends
    /// [`crate::urge::CueKind::StillStrong`]). Reaching out then goes first
    /// (unless the person hid it): to a person if [`Requirement::Person`] is
    /// at hand, which callers set only when the safety plan names someone,
    /// otherwise to a crisis line ([`ReachOut`]).
    ///
    /// [`Requirement::Person`]: super::Requirement::Person
    pub still_strong_after_two_skills: bool,
    /// The cautions the person has already been shown (kept in
    /// [`crate::settings::Settings::cautions_seen`]). A skill with a caution
    /// not in here is never first while a skill without one is on offer.
    pub cautions_seen: BTreeSet<Caution>,
}

/// How beliefs become an order. Every way keeps the same filters, grouping
/// and safety rules; only the order within a group differs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Ranking {
    /// By the belief's mean, highest first: what is believed to help most
    /// for this person now. No draws; ties keep catalog order.
    Greedy,
    /// Thompson sampling: one draw from each belief, highest first.
    Thompson,
    /// Bayes-UCB (Kaufmann, Cappé and Garivier 2012): an upper quantile of
    /// each belief, approximated as mean + sqrt(2 ln t) standard deviations,
    /// where t is one more than the weighted uses for this need.
    BayesUcb,
}

impl Ranking {
    /// The ranking [`recommend`] uses: the best of the four ways compared in
    /// the simulation (see `docs/RECOMMENDATIONS.md`).
    pub const SHIPPED: Ranking = Ranking::Greedy;

    /// The score `belief` gets (higher goes first).
    fn score(self, belief: Belief, uses_for_need: f64, draws: &mut Draws) -> f64 {
        match self {
            Ranking::Greedy => belief.mean(),
            Ranking::Thompson => draws.beta(belief.alpha, belief.beta),
            Ranking::BayesUcb => {
                belief.mean() + (2.0 * (1.0 + uses_for_need).ln()).sqrt() * belief.sd()
            }
        }
    }
}

/// Skills to offer for `moment`, best first, learned from `evidence`, in
/// the shipped [`Ranking`].
///
/// The rule, in order of precedence:
///
/// - Hidden skills and skills the context rules out never appear (the same
///   [`candidates`] as [`super::suggest`]).
/// - Still strong after two skills: reaching out goes first, to a person
///   when one is on offer here, otherwise to a crisis line; not at all when
///   the person hid it.
/// - A skill with a caution the person has not seen is never first while
///   one without is on offer.
/// - Skills that fit the need come first, as in the fixed order: those the
///   prior lists for it, the person's own for it (every skill when the need
///   is not named), and any skill that has helped this person more often
///   than not for this need ([`Evidence::helped_more_than_not`]). The rest
///   follow.
/// - Within each group, by the ranking's score of each skill's [`Belief`]
///   for the need, highest first. Any draws come from [`Draws`] seeded with
///   `seed`: the same book, evidence, moment and seed always give the same
///   list.
/// - The top three are not all one family when another is on offer (the same
///   family spread as [`super::suggest`]).
///
/// Each suggestion says why, in order of precedence: reaching out when it
/// stays strong; "you added this one"; "it helped most of the recent times"
/// for this need; "it helps quickly when an urge is strong"; "you have not
/// tried this one yet" (once there is any history at all); then the fixed
/// order's reasons.
pub fn recommend(
    book: &SkillBook,
    evidence: &Evidence,
    moment: &Moment,
    seed: u64,
) -> Vec<Suggestion> {
    recommend_ranked(book, evidence, moment, seed, Ranking::SHIPPED)
}

/// [`recommend`] with a chosen [`Ranking`], for comparing them.
pub fn recommend_ranked(
    book: &SkillBook,
    evidence: &Evidence,
    moment: &Moment,
    seed: u64,
    ranking: Ranking,
) -> Vec<Suggestion> {
    let need = moment.need.unwrap_or(Need::NotSure);
    let strong = moment.intensity.is_some_and(Intensity::is_strong);
    let mut draws = Draws::new(seed);
    let uses_for_need = evidence.uses_for(need);
    let mut scored: Vec<(bool, f64, &Skill)> = candidates(book, &moment.context)
        .into_iter()
        .map(|skill| {
            let belief = evidence.belief(skill, need, strong);
            let fitting = fits(skill, need) || evidence.helped_more_than_not(&skill.id, need);
            (
                fitting,
                ranking.score(belief, uses_for_need, &mut draws),
                skill,
            )
        })
        .collect();
    // Fitting skills first, then by score. Stable, so equal scores keep
    // catalog order.
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.total_cmp(&a.1)));
    let ordered: Vec<&Skill> = scored.into_iter().map(|(_, _, skill)| skill).collect();
    finish(book, ordered, moment, |skill| {
        learned_reason(skill, need, strong, evidence)
    })
}

/// Why `skill` is offered, given what was learned.
fn learned_reason(skill: &Skill, need: Need, strong: bool, evidence: &Evidence) -> ContentKey {
    let quick_for_strong = strong && pace(skill.family) == Pace::Quick;
    let untried = evidence.has_history() && !evidence.tried(&skill.id);
    if skill.is_personal() {
        prior_reason(skill, need, strong)
    } else if evidence.helped_mostly(&skill.id, need) {
        helped_reason(need)
    } else if untried && !quick_for_strong {
        ContentKey::new("skill.reason.untried")
    } else {
        prior_reason(skill, need, strong)
    }
}

fn helped_reason(need: Need) -> ContentKey {
    ContentKey::new(match need {
        Need::TooMuch => "skill.reason.helped.too_much",
        Need::Numb => "skill.reason.helped.numb",
        Need::MakePainVisible => "skill.reason.helped.make_pain_visible",
        Need::Control => "skill.reason.helped.control",
        Need::SelfPunishment => "skill.reason.helped.self_punishment",
        Need::NotSure => "skill.reason.helped.not_sure",
    })
}

/// The recommender's random draws: a small seeded generator (SplitMix64)
/// with the few distributions Thompson sampling needs.
///
/// Written here rather than taken from a crate so that a seed gives the same
/// draws in every version of Ebb: tests and simulations pin exact lists,
/// and general-purpose crates do not promise that across releases. Draws use
/// `f64` logarithms and square roots, so bit-for-bit equality holds on one
/// platform; across platforms the last bits may differ.
#[derive(Clone, Debug)]
pub struct Draws {
    state: u64,
}

impl Draws {
    /// A generator that always gives the same draws for the same seed.
    pub fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in the open interval (0, 1): never 0, so its logarithm is
    /// finite.
    pub fn uniform(&mut self) -> f64 {
        #[allow(clippy::cast_precision_loss)] // 53 bits fit an f64 exactly
        let top = (self.next_u64() >> 11) as f64;
        (top + 0.5) / (1u64 << 53) as f64
    }

    /// A whole number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // in 0..n
        let index = (self.uniform() * n as f64) as usize;
        index.min(n.saturating_sub(1))
    }

    /// Standard normal (Marsaglia's polar method).
    pub fn normal(&mut self) -> f64 {
        loop {
            let u = 2.0 * self.uniform() - 1.0;
            let v = 2.0 * self.uniform() - 1.0;
            let s = u * u + v * v;
            if s > 0.0 && s < 1.0 {
                return u * (-2.0 * s.ln() / s).sqrt();
            }
        }
    }

    /// Gamma with this shape and scale 1 (Marsaglia and Tsang). A shape that
    /// is not positive and finite gives 0.
    pub fn gamma(&mut self, shape: f64) -> f64 {
        if !(shape.is_finite() && shape > 0.0) {
            return 0.0;
        }
        if shape < 1.0 {
            return self.gamma(shape + 1.0) * self.uniform().powf(1.0 / shape);
        }
        let d = shape - 1.0 / 3.0;
        let c = 1.0 / (9.0 * d).sqrt();
        // Each round accepts with probability above 0.95; the cap only keeps
        // a broken generator from looping for ever.
        for _ in 0..64 {
            let x = self.normal();
            let v = 1.0 + c * x;
            if v <= 0.0 {
                continue;
            }
            let v = v * v * v;
            let u = self.uniform();
            if u < 1.0 - 0.0331 * x.powi(4) || u.ln() < 0.5 * x * x + d * (1.0 - v + v.ln()) {
                return d * v;
            }
        }
        d
    }

    /// Beta(`alpha`, `beta`), from two gamma draws. Gives 0.5 if both come
    /// out 0 (only for shapes that are not positive).
    pub fn beta(&mut self, alpha: f64, beta: f64) -> f64 {
        let x = self.gamma(alpha);
        let y = self.gamma(beta);
        if x + y > 0.0 { x / (x + y) } else { 0.5 }
    }
}
