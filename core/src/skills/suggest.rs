//! Which skills to offer in this moment, and in what order.
//!
//! [`suggest`] runs four steps. Only the second decides rank, so the learning
//! recommender ([`super::recommend`]) replaces [`order_by_prior`] and keeps
//! the rest. [`suggest`] stays the fixed order, for wherever the same input
//! must always give the same list:
//!
//! 1. [`candidates`]: drop hidden skills and those the [`Context`] rules out;
//! 2. [`order_by_prior`]: order by need, urge strength and the starting table;
//! 3. [`finish`]: the safety rules (no unseen caution first; reaching out
//!    first when the urge stays strong), [`spread_families`] (keep the top
//!    three from being all one kind), and a line on why each one is offered.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::recommend::Moment;
use super::{Requirement, Skill, SkillBook, SkillFamily, SkillId, prior};
use crate::content::ContentKey;
use crate::guides::Caution;
use crate::safety::SafetyPlan;
use crate::urge::{Intensity, Need};

/// Where the person is and what they have, as far as the shell knows.
///
/// A skill that does not fit is left out, not ranked last: at the hardest
/// moment, a list of things one cannot do right here only costs attention.
/// The full catalog stays browsable through [`SkillBook::visible`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Context {
    /// Suggestions are shown on a watch: only skills a watch can guide.
    pub on_watch: bool,
    /// Among other people: only skills that can be done unnoticed.
    pub in_public: bool,
    /// What is at hand. A skill needing anything else is left out; with
    /// [`Requirement::Person`] missing (nobody reachable), reaching a person
    /// is left out too.
    pub at_hand: BTreeSet<Requirement>,
}

impl Default for Context {
    /// Nothing known, nothing ruled out: on the phone, not in public,
    /// everything at hand.
    fn default() -> Self {
        Self {
            on_watch: false,
            in_public: false,
            at_hand: Requirement::ALL.into_iter().collect(),
        }
    }
}

impl Context {
    /// The context for a person whose safety plan is `plan`: on a watch or
    /// not, in public or not, and what the shell knows to be at hand, except
    /// that [`Requirement::Person`] counts only when the plan names someone.
    /// So reaching a person is never offered with nobody to reach; when the
    /// urge stays strong, a crisis line is offered in its place
    /// ([`ReachOut::CrisisLine`]). Every caller that suggests skills for a
    /// person builds its context here.
    pub fn for_plan(
        on_watch: bool,
        in_public: bool,
        at_hand: impl IntoIterator<Item = Requirement>,
        plan: &SafetyPlan,
    ) -> Self {
        let mut at_hand: BTreeSet<Requirement> = at_hand.into_iter().collect();
        if plan.people.is_empty() {
            at_hand.remove(&Requirement::Person);
        }
        Self {
            on_watch,
            in_public,
            at_hand,
        }
    }

    /// Whether `skill` can be done here.
    pub fn allows(&self, skill: &Skill) -> bool {
        (!self.on_watch || skill.watch)
            && (!self.in_public || skill.discreet)
            && skill.requires.iter().all(|r| self.at_hand.contains(r))
    }
}

/// One skill to offer, with why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    /// The skill.
    pub skill: Skill,
    /// A short line on why it is offered.
    pub reason: ContentKey,
    /// The skill's cautions the person has not seen yet. A list shows them
    /// next to the skill; once shown, the shell records them as seen
    /// ([`crate::store::Store::saw_cautions`], one item each).
    pub cautions: Vec<Caution>,
    /// Set on the first suggestion when the still-strong rule put reaching
    /// out there: whom to reach.
    pub reach_out: Option<ReachOut>,
}

/// Whom the still-strong rule offers to reach.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum ReachOut {
    /// Someone from the safety plan: the shell opens the reach-a-person
    /// guide with the plan's people.
    Person,
    /// Nobody is reachable (no one in the plan, or the person guide cannot
    /// run here): the shell opens the crisis lines instead.
    CrisisLine,
}

/// Skills to offer for an urge, best first.
///
/// The rule, in order of precedence:
///
/// - Hidden skills and skills the context rules out never appear.
/// - Skills serving the need come first, the rest after. No need named
///   (`None`) is the same as [`Need::NotSure`]; then every built-in fits in
///   the broad, gentle order of the prior, and so does every skill of the
///   person's own.
/// - Within each group, built-ins follow the prior ([`super::PRIOR`]); for
///   the rest, the not-sure row. For a strong urge ([`Intensity::is_strong`])
///   quick, physical kinds (cold, movement, release, senses) go first,
///   reflective ones (writing, kind words, tasks) last.
/// - The person's own skills take every second place in their group (2nd,
///   4th, ...), in the order they were added: their own ideas stay near the
///   top.
/// - A skill with a caution is never first while a skill without one is on
///   offer: this form knows of no caution seen (see [`suggest_for`]).
/// - If the top three are all one family and another family is on offer,
///   the first skill of another family moves up to third place.
pub fn suggest(
    book: &SkillBook,
    need: Option<Need>,
    intensity: Option<Intensity>,
    context: &Context,
) -> Vec<Suggestion> {
    suggest_for(
        book,
        &Moment {
            need,
            intensity,
            context: context.clone(),
            ..Moment::default()
        },
    )
}

/// The fixed order for a whole [`Moment`]: [`suggest`], with the cautions
/// the person has seen and the still-strong rule taken into account.
pub fn suggest_for(book: &SkillBook, moment: &Moment) -> Vec<Suggestion> {
    let need = moment.need.unwrap_or(Need::NotSure);
    let strong = moment.intensity.is_some_and(Intensity::is_strong);
    let ordered = order_by_prior(candidates(book, &moment.context), need, strong);
    finish(book, ordered, moment, |skill| reason(skill, need, strong))
}

/// The last step both orders share: the safety rules, the family spread and
/// the reasons.
///
/// 1. A skill with a caution the person has not seen is never first while a
///    skill without one is on offer: the first such skill moves up to first
///    place. (With nothing else on offer it stays, its caution on the list.)
/// 2. Still strong after two skills: reaching a person goes first when it is
///    on offer here; when it is not (nobody in the plan, or a watch) but the
///    person has not hidden it, it goes first as a crisis line.
/// 3. [`spread_families`], which never changes first place.
pub(super) fn finish<'a>(
    book: &'a SkillBook,
    mut ordered: Vec<&'a Skill>,
    moment: &Moment,
    reason: impl Fn(&Skill) -> ContentKey,
) -> Vec<Suggestion> {
    let unseen = |skill: &Skill| -> Vec<Caution> {
        skill
            .cautions
            .iter()
            .filter(|c| !moment.cautions_seen.contains(c))
            .copied()
            .collect()
    };
    let blocked = ordered.first().is_some_and(|s| !unseen(s).is_empty());
    let safe = ordered.iter().position(|s| unseen(s).is_empty());
    if let Some(at) = safe.filter(|_| blocked) {
        let safe = ordered.remove(at);
        ordered.insert(0, safe);
    }
    let reach = if moment.still_strong_after_two_skills {
        reach_out_first(book, &mut ordered)
    } else {
        None
    };
    spread_families(&mut ordered);
    ordered
        .into_iter()
        .enumerate()
        .map(|(place, skill)| {
            let reach_out = reach.filter(|_| place == 0);
            Suggestion {
                reason: match reach_out {
                    Some(ReachOut::Person) => ContentKey::new("skill.reason.still_strong"),
                    Some(ReachOut::CrisisLine) => ContentKey::new("skill.reason.still_strong_line"),
                    None => reason(skill),
                },
                cautions: unseen(skill),
                reach_out,
                skill: skill.clone(),
            }
        })
        .collect()
}

/// Puts reaching out first (see [`finish`]) and says whom to reach; `None`
/// when the person hid it.
fn reach_out_first<'a>(book: &'a SkillBook, ordered: &mut Vec<&'a Skill>) -> Option<ReachOut> {
    if let Some(at) = ordered.iter().position(|s| s.id == SkillId::REACH_PERSON) {
        let person = ordered.remove(at);
        ordered.insert(0, person);
        return Some(ReachOut::Person);
    }
    if book.is_hidden(&SkillId::REACH_PERSON) {
        return None;
    }
    let skill = book.get(&SkillId::REACH_PERSON)?;
    ordered.insert(0, skill);
    Some(ReachOut::CrisisLine)
}

/// The skills that may be offered here: not hidden, and allowed by the
/// context. Built-ins first, in catalog order, then the person's own.
pub fn candidates<'a>(book: &'a SkillBook, context: &Context) -> Vec<&'a Skill> {
    book.visible()
        .filter(|skill| context.allows(skill))
        .collect()
}

/// Orders candidates by the starting table (see [`suggest`] for the rule).
pub(super) fn order_by_prior(candidates: Vec<&Skill>, need: Need, strong: bool) -> Vec<&Skill> {
    let (fitting, rest): (Vec<_>, Vec<_>) =
        candidates.into_iter().partition(|skill| fits(skill, need));
    let mut ordered = order_group(fitting, prior(need), strong);
    ordered.extend(order_group(rest, prior(Need::NotSure), strong));
    ordered
}

/// Moves the first skill of another family into third place when the top
/// three are all one family.
pub(super) fn spread_families(ordered: &mut Vec<&Skill>) {
    let Some(top) = ordered.get(..3) else {
        return;
    };
    let family = top[0].family;
    if top.iter().any(|skill| skill.family != family) {
        return;
    }
    if let Some(offset) = ordered[3..].iter().position(|skill| skill.family != family) {
        let other = ordered.remove(3 + offset);
        ordered.insert(2, other);
    }
}

/// Why `skill` is offered for `need`.
pub(super) fn reason(skill: &Skill, need: Need, strong: bool) -> ContentKey {
    ContentKey::new(if skill.is_personal() {
        "skill.reason.own"
    } else if strong && pace(skill.family) == Pace::Quick {
        "skill.reason.strong"
    } else if need == Need::NotSure && gentle(skill) {
        "skill.reason.gentle"
    } else if need == Need::NotSure {
        "skill.reason.other"
    } else if skill.serves(need) {
        "skill.reason.need"
    } else {
        "skill.reason.other"
    })
}

/// Whether `skill` may be called "a gentle place to start": no cautions,
/// and not one of the quick, intense kinds.
pub(super) fn gentle(skill: &Skill) -> bool {
    skill.cautions.is_empty() && pace(skill.family) != Pace::Quick
}

/// Whether `skill` belongs in the first group for `need`.
pub(super) fn fits(skill: &Skill, need: Need) -> bool {
    skill.serves(need) || (need == Need::NotSure && skill.is_personal())
}

/// Built-ins by (pace when strong, place in `order`), with the person's own
/// in every second place.
fn order_group<'a>(group: Vec<&'a Skill>, order: &[SkillId], strong: bool) -> Vec<&'a Skill> {
    let (own, mut built_in): (Vec<_>, Vec<_>) =
        group.into_iter().partition(|skill| skill.is_personal());
    built_in.sort_by_key(|skill| {
        let pace = if strong {
            pace(skill.family)
        } else {
            Pace::Quick
        };
        let place = order.iter().position(|id| *id == skill.id);
        (pace, place.unwrap_or(usize::MAX))
    });
    let mut ordered = Vec::with_capacity(built_in.len() + own.len());
    let mut built_in = built_in.into_iter();
    let mut own = own.into_iter();
    loop {
        match (built_in.next(), own.next()) {
            (None, None) => break,
            (b, o) => ordered.extend(b.into_iter().chain(o)),
        }
    }
    ordered
}

/// How fast and physical a kind of skill is, for strong urges.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Pace {
    /// Intense and quick to act: what works when thinking is hard.
    Quick,
    /// Calming, but asks for some attention.
    Steady,
    /// Needs thought and words.
    Reflective,
}

pub(super) fn pace(family: SkillFamily) -> Pace {
    match family {
        SkillFamily::Cold | SkillFamily::Movement | SkillFamily::Release | SkillFamily::Sensory => {
            Pace::Quick
        }
        SkillFamily::Expression | SkillFamily::SelfCompassion | SkillFamily::StructuredTask => {
            Pace::Reflective
        }
        SkillFamily::Breathing
        | SkillFamily::Grounding
        | SkillFamily::Connection
        | SkillFamily::Personal => Pace::Steady,
    }
}
