//! A person's own skills: what they write, and how it is checked.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::{InvalidSkillId, Requirement, Skill, SkillFamily, SkillId, Text, secs};
use crate::content::ContentKey;
use crate::urge::Need;

/// What a person writes to add or change one of their own skills. This is
/// also the stored form of a personal skill, so loading a stored book runs
/// the same checks as adding by hand.
///
/// Whitespace is tidied (trimmed, runs collapsed to one space); blank steps
/// are dropped; repeated needs and requirements count once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PersonalSkillDraft {
    /// The id to use. `None` derives one from the title (`own-` and a slug).
    pub id: Option<SkillId>,
    /// A short name, in their words.
    pub title: String,
    /// One sentence about it, if they want one.
    pub summary: Option<String>,
    /// What to do, in order. May be empty.
    pub steps: Vec<String>,
    /// The needs it helps with. None named means any need.
    pub needs: Vec<Need>,
    /// What must be at hand.
    pub requires: Vec<Requirement>,
    /// Whether it can be done unnoticed among other people.
    pub discreet: bool,
    /// Whether it can be followed from a watch alone.
    pub watch: bool,
    /// About how long it takes.
    #[serde(rename = "typical_secs", with = "secs")]
    pub typical: Duration,
    /// Its kind, if they chose one; otherwise [`SkillFamily::Personal`].
    pub family: Option<SkillFamily>,
}

impl Default for PersonalSkillDraft {
    fn default() -> Self {
        Self {
            id: None,
            title: String::new(),
            summary: None,
            steps: Vec::new(),
            needs: Vec::new(),
            requires: Vec::new(),
            discreet: false,
            watch: false,
            typical: Self::TYPICAL_DEFAULT,
            family: None,
        }
    }
}

/// Why a skill could not be added, changed, hidden or removed. Each case names
/// what to fix.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SkillError {
    /// The title is empty once whitespace is trimmed.
    #[error("a skill needs a title")]
    EmptyTitle,
    /// The title is longer than [`PersonalSkillDraft::TITLE_MAX_CHARS`].
    #[error("a title is at most {max} characters, got {got}")]
    TitleTooLong { max: usize, got: usize },
    /// The summary is longer than [`PersonalSkillDraft::SUMMARY_MAX_CHARS`].
    #[error("a summary is at most {max} characters, got {got}")]
    SummaryTooLong { max: usize, got: usize },
    /// More than [`PersonalSkillDraft::MAX_STEPS`] non-blank steps.
    #[error("a skill has at most {max} steps, got {got}")]
    TooManySteps { max: usize, got: usize },
    /// The step at `index` (0-based, as given) is longer than
    /// [`PersonalSkillDraft::STEP_MAX_CHARS`].
    #[error("step {index} is at most {max} characters, got {got}")]
    StepTooLong {
        index: usize,
        max: usize,
        got: usize,
    },
    /// The typical length is outside the allowed range.
    #[error("a skill takes between {min_secs} and {max_secs} seconds, got {got_secs}")]
    TypicalOutOfRange {
        min_secs: u64,
        max_secs: u64,
        got_secs: u64,
    },
    /// A string that is not a skill id.
    #[error(transparent)]
    InvalidId(#[from] InvalidSkillId),
    /// A personal skill id must start with `own-`.
    #[error("the id of your own skill must start with \"{prefix}\", got {0}", prefix = SkillId::PERSONAL_PREFIX)]
    NotPersonalId(SkillId),
    /// Another skill already has this id.
    #[error("a skill with id {0} already exists")]
    DuplicateId(SkillId),
    /// No skill has this id.
    #[error("no skill with id {0}")]
    UnknownSkill(SkillId),
    /// Built-in skills can be hidden but not changed or removed.
    #[error("{0} is built in: it can be hidden, not changed or removed")]
    BuiltIn(SkillId),
}

impl PersonalSkillDraft {
    /// Longest title, in characters.
    pub const TITLE_MAX_CHARS: usize = 60;
    /// Longest summary, in characters.
    pub const SUMMARY_MAX_CHARS: usize = 200;
    /// Longest step, in characters.
    pub const STEP_MAX_CHARS: usize = 200;
    /// Most steps.
    pub const MAX_STEPS: usize = 12;
    /// Shortest typical length.
    pub const TYPICAL_MIN: Duration = Duration::from_secs(10);
    /// Longest typical length: suggestions are for the minutes of an urge.
    pub const TYPICAL_MAX: Duration = Duration::from_secs(60 * 60);
    /// Typical length when none is given.
    pub const TYPICAL_DEFAULT: Duration = Duration::from_secs(5 * 60);

    /// A draft with just a title; every other field at its default.
    pub fn new(title: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            ..Self::default()
        }
    }

    /// The draft that recreates `skill` (a person's own skill), for editing
    /// and storing.
    pub(crate) fn from_skill(skill: &Skill) -> Self {
        let own = |text: &Text| text.own().map(str::to_owned);
        Self {
            id: Some(skill.id.clone()),
            title: own(&skill.title).unwrap_or_default(),
            summary: own(&skill.summary),
            steps: skill.steps.iter().filter_map(own).collect(),
            needs: skill.needs.clone(),
            requires: skill.requires.clone(),
            discreet: skill.discreet,
            watch: skill.watch,
            typical: skill.typical,
            family: (skill.family != SkillFamily::Personal).then_some(skill.family),
        }
    }

    /// Checks every field and builds the skill. `choose_id` gets the tidied
    /// title and the requested id and returns the id to use.
    pub(super) fn into_skill(
        self,
        choose_id: impl FnOnce(&str, Option<SkillId>) -> Result<SkillId, SkillError>,
    ) -> Result<Skill, SkillError> {
        let title = tidy(&self.title);
        if title.is_empty() {
            return Err(SkillError::EmptyTitle);
        }
        check_len(&title, Self::TITLE_MAX_CHARS, |max, got| {
            SkillError::TitleTooLong { max, got }
        })?;
        let summary = self.summary.as_deref().map(tidy).filter(|s| !s.is_empty());
        if let Some(summary) = &summary {
            check_len(summary, Self::SUMMARY_MAX_CHARS, |max, got| {
                SkillError::SummaryTooLong { max, got }
            })?;
        }
        let mut steps = Vec::new();
        for (index, step) in self.steps.iter().enumerate() {
            let step = tidy(step);
            if step.is_empty() {
                continue;
            }
            check_len(&step, Self::STEP_MAX_CHARS, |max, got| {
                SkillError::StepTooLong { index, max, got }
            })?;
            steps.push(Text::Own(step));
        }
        if steps.len() > Self::MAX_STEPS {
            return Err(SkillError::TooManySteps {
                max: Self::MAX_STEPS,
                got: steps.len(),
            });
        }
        if !(Self::TYPICAL_MIN..=Self::TYPICAL_MAX).contains(&self.typical) {
            return Err(SkillError::TypicalOutOfRange {
                min_secs: Self::TYPICAL_MIN.as_secs(),
                max_secs: Self::TYPICAL_MAX.as_secs(),
                got_secs: self.typical.as_secs(),
            });
        }
        let id = choose_id(&title, self.id)?;
        if !id.is_personal() {
            return Err(SkillError::NotPersonalId(id));
        }
        Ok(Skill {
            id,
            title: Text::Own(title),
            summary: summary.map_or(
                Text::Key(ContentKey::new("skill.personal.summary")),
                Text::Own,
            ),
            steps,
            needs: once_each(self.needs),
            requires: once_each(self.requires),
            discreet: self.discreet,
            watch: self.watch,
            typical: self.typical,
            cautions: Vec::new(),
            guide: None,
            family: self.family.unwrap_or(SkillFamily::Personal),
        })
    }
}

/// `own-` and a slug of the title's ASCII letters and digits, short enough to
/// leave room for a `-n` suffix. A title with none gives `own-skill`.
pub(super) fn slug_for(title: &str) -> String {
    const SLUG_MAX: usize = 48;
    let mut slug = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            if slug.len() >= SLUG_MAX {
                break;
            }
            slug.push(c.to_ascii_lowercase());
        } else if !c.is_alphanumeric() && !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug = if slug.is_empty() { "skill" } else { slug };
    format!("{}{slug}", SkillId::PERSONAL_PREFIX)
}

fn tidy(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn check_len(
    s: &str,
    max: usize,
    error: impl FnOnce(usize, usize) -> SkillError,
) -> Result<(), SkillError> {
    let got = s.chars().count();
    if got > max {
        Err(error(max, got))
    } else {
        Ok(())
    }
}

fn once_each<T: PartialEq>(items: Vec<T>) -> Vec<T> {
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}
