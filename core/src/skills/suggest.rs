//! Which skills to offer in this moment, and in what order.
//!
//! [`suggest`] runs four steps. Only the second decides rank, so the learning
//! recommender ([`super::recommend`]) replaces [`order_by_prior`] and keeps
//! the rest. [`suggest`] stays the fixed order, for a person with no history
//! and wherever the same input must always give the same list:
//!
//! 1. [`candidates`]: drop hidden skills and those the [`Context`] rules out;
//! 2. [`order_by_prior`]: order by need, urge strength and the clinical prior;
//! 3. [`spread_families`]: keep the top three from being all one kind;
//! 4. [`reason`]: say in a line why each one is offered.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::{Requirement, Skill, SkillBook, SkillFamily, SkillId, prior};
use crate::content::ContentKey;
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
/// - If the top three are all one family and another family is on offer,
///   the first skill of another family moves up to third place.
pub fn suggest(
    book: &SkillBook,
    need: Option<Need>,
    intensity: Option<Intensity>,
    context: &Context,
) -> Vec<Suggestion> {
    let need = need.unwrap_or(Need::NotSure);
    let strong = intensity.is_some_and(Intensity::is_strong);
    let mut ordered = order_by_prior(candidates(book, context), need, strong);
    spread_families(&mut ordered);
    ordered
        .into_iter()
        .map(|skill| Suggestion {
            reason: reason(skill, need, strong),
            skill: skill.clone(),
        })
        .collect()
}

/// The skills that may be offered here: not hidden, and allowed by the
/// context. Built-ins first, in catalog order, then the person's own.
pub fn candidates<'a>(book: &'a SkillBook, context: &Context) -> Vec<&'a Skill> {
    book.visible()
        .filter(|skill| context.allows(skill))
        .collect()
}

/// Orders candidates by the clinical prior (see [`suggest`] for the rule).
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
    } else if need == Need::NotSure {
        "skill.reason.gentle"
    } else if skill.serves(need) {
        "skill.reason.need"
    } else {
        "skill.reason.other"
    })
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
