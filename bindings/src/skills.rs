//! Recommendations at the boundary: which skills to offer now, and why.

use std::time::{Duration, SystemTime};

use chrono::{DateTime, Utc};
use ebb_core::content::Locale;
use ebb_core::guides::Caution;
use ebb_core::guides::GuideId;
use ebb_core::skills::{
    Context, Evidence, Moment, ReachOut, Requirement, SkillFamily, Suggestion, recommend,
};
use ebb_core::urge::Need;

use ebb_core::flow::DeviceKind;

use crate::companion::to_intensity;
use crate::views::local;
use crate::{Ebb, EbbError};

/// A skill offered now, with the reason it is offered.
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct SuggestionView {
    /// The skill's id (record it with `record_skill_use`).
    pub skill_id: String,
    /// Its name.
    pub title: String,
    /// One line on what it is.
    pub summary: String,
    /// Its steps.
    pub steps: Vec<String>,
    /// Why it is offered now.
    pub reason: String,
    /// The guide that walks through it, if any.
    pub guide: Option<GuideId>,
    /// Cautions to show before its first use.
    pub cautions: Vec<String>,
    /// The cautions the person has not seen yet: show them with the skill
    /// on the list, then call `saw_cautions` with `unseen_caution_ids`.
    pub unseen_cautions: Vec<String>,
    /// Which cautions `unseen_cautions` are, to record them as seen.
    pub unseen_caution_ids: Vec<Caution>,
    /// Set when the still-strong rule put reaching out first: a person from
    /// the plan, or (nobody in it) a crisis line.
    pub reach_out: Option<ReachOut>,
    /// Its kind.
    pub family: SkillFamily,
    /// About how long it takes.
    pub typical: Duration,
    /// Whether the person added it.
    pub personal: bool,
}

impl From<&Suggestion> for SuggestionView {
    fn from(s: &Suggestion) -> Self {
        let skill = &s.skill;
        Self {
            skill_id: skill.id.as_str().to_owned(),
            title: skill.title.in_locale(Locale::En).to_owned(),
            summary: skill.summary.in_locale(Locale::En).to_owned(),
            steps: skill
                .steps
                .iter()
                .map(|t| t.in_locale(Locale::En).to_owned())
                .collect(),
            reason: s.reason.text().to_owned(),
            guide: skill.guide,
            cautions: skill
                .cautions
                .iter()
                .map(|c| c.text().text().to_owned())
                .collect(),
            unseen_cautions: s
                .cautions
                .iter()
                .map(|c| c.text().text().to_owned())
                .collect(),
            unseen_caution_ids: s.cautions.clone(),
            reach_out: s.reach_out,
            family: skill.family,
            typical: skill.typical,
            personal: skill.is_personal(),
        }
    }
}

#[uniffi::export]
impl Ebb {
    /// Skills to offer now, best first, learned from what has helped this
    /// person before. `seed` makes any draw repeatable; pass something that
    /// changes, such as the time. Hidden skills never appear; on a watch
    /// only watch-guided skills; in public only discreet ones; reaching a
    /// person only when it is at hand and the safety plan names someone. A
    /// skill whose caution was never shown is not first. When a running
    /// session is still strong after two skills, reaching out comes first:
    /// to a person, or to a crisis line when nobody is in the plan.
    pub fn recommend(
        &self,
        now: SystemTime,
        need: Option<Need>,
        intensity: Option<i32>,
        in_public: bool,
        at_hand: Vec<Requirement>,
        seed: u64,
    ) -> Result<Vec<SuggestionView>, EbbError> {
        let level = intensity.map(to_intensity).transpose()?;
        let now = DateTime::<Utc>::from(now);
        let on_watch = self.device() == DeviceKind::Watch;
        self.with_store(|store| {
            let book = store.skill_book()?;
            let evidence = Evidence::learn(&store.past_skill_uses()?, now);
            let still_strong = store
                .active_urge()?
                .is_some_and(|a| a.session.still_strong_after_skills());
            let moment = Moment {
                need,
                intensity: level,
                context: Context::for_plan(on_watch, in_public, at_hand, &store.safety_plan()?),
                still_strong_after_two_skills: still_strong,
                cautions_seen: store.settings()?.cautions_seen,
            };
            Ok(recommend(&book, &evidence, &moment, seed)
                .iter()
                .map(SuggestionView::from)
                .collect())
        })
    }

    /// Records that these cautions were shown (on a list or before a
    /// guide), so the skills they belong to may come first from now on.
    pub fn saw_cautions(
        &self,
        now: SystemTime,
        utc_offset_secs: i32,
        cautions: Vec<Caution>,
    ) -> Result<(), EbbError> {
        let at = local(now, utc_offset_secs)?;
        self.with_store(|store| {
            store.saw_cautions(at, cautions)?;
            Ok(())
        })
    }
}
