//! A person's skills: the built-ins, their own, and the ones they hid.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::personal::slug_for;
use super::{PersonalSkillDraft, Skill, SkillError, SkillId, builtins};

/// The built-in skills plus a person's own, minus the ones they hid.
///
/// A hidden skill never appears in a listing or a suggestion; it can still be
/// looked up by id, so a settings screen can name it and offer to show it
/// again. Any skill can be hidden, even all of them: suggestions are then
/// empty and the shell offers the person's safety plan instead.
///
/// Stored as `{"personal": [draft, ...], "hidden": [id, ...]}`; built-ins
/// always come from the running version's catalog. Loading re-checks every
/// personal skill. Hidden ids that name no skill are kept, since they may
/// name a built-in of a newer version on another device.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "StoredBook", into = "StoredBook")]
pub struct SkillBook {
    personal: Vec<Skill>,
    hidden: BTreeSet<SkillId>,
}

#[derive(Default, Serialize, Deserialize)]
#[serde(default)]
struct StoredBook {
    personal: Vec<PersonalSkillDraft>,
    hidden: BTreeSet<SkillId>,
}

impl TryFrom<StoredBook> for SkillBook {
    type Error = SkillError;
    fn try_from(stored: StoredBook) -> Result<Self, SkillError> {
        let mut book = SkillBook {
            personal: Vec::new(),
            hidden: stored.hidden,
        };
        for draft in stored.personal {
            book.add_personal(draft)?;
        }
        Ok(book)
    }
}

impl From<SkillBook> for StoredBook {
    fn from(book: SkillBook) -> Self {
        Self {
            personal: book
                .personal
                .iter()
                .map(PersonalSkillDraft::from_skill)
                .collect(),
            hidden: book.hidden,
        }
    }
}

impl SkillBook {
    /// The built-ins, nothing of one's own, nothing hidden.
    pub fn new() -> Self {
        Self::default()
    }

    /// Every skill that is not hidden: built-ins in catalog order, then the
    /// person's own in the order they were added.
    pub fn visible(&self) -> impl Iterator<Item = &Skill> {
        builtins()
            .iter()
            .chain(&self.personal)
            .filter(|skill| !self.hidden.contains(&skill.id))
    }

    /// The person's own skills that are not hidden, in the order added.
    pub fn personal(&self) -> impl Iterator<Item = &Skill> {
        self.personal
            .iter()
            .filter(|skill| !self.hidden.contains(&skill.id))
    }

    /// The skill with this id, hidden or not.
    pub fn get(&self, id: &SkillId) -> Option<&Skill> {
        builtins()
            .iter()
            .chain(&self.personal)
            .find(|skill| skill.id == *id)
    }

    /// The ids of hidden skills.
    pub fn hidden(&self) -> impl Iterator<Item = &SkillId> {
        self.hidden.iter()
    }

    /// Whether the skill with this id is hidden.
    pub fn is_hidden(&self, id: &SkillId) -> bool {
        self.hidden.contains(id)
    }

    /// Hides a skill from every listing and suggestion.
    pub fn hide(&mut self, id: &SkillId) -> Result<(), SkillError> {
        if self.get(id).is_none() {
            return Err(SkillError::UnknownSkill(id.clone()));
        }
        self.hidden.insert(id.clone());
        Ok(())
    }

    /// Shows a hidden skill again. Returns whether it was hidden.
    pub fn unhide(&mut self, id: &SkillId) -> bool {
        self.hidden.remove(id)
    }

    /// Adds one of the person's own skills and returns its id: the draft's
    /// id if it has one (it must start with `own-` and be unused), otherwise
    /// one derived from the title, with `-2`, `-3`, ... added if taken.
    pub fn add_personal(&mut self, draft: PersonalSkillDraft) -> Result<SkillId, SkillError> {
        let skill = draft.into_skill(|title, requested| match requested {
            Some(id) if self.get(&id).is_some() => Err(SkillError::DuplicateId(id)),
            Some(id) => Ok(id),
            None => self.free_id(title),
        })?;
        let id = skill.id.clone();
        self.personal.push(skill);
        Ok(id)
    }

    /// Replaces one of the person's own skills, keeping its id and its place
    /// (the draft's id is not used).
    pub fn update_personal(
        &mut self,
        id: &SkillId,
        draft: PersonalSkillDraft,
    ) -> Result<(), SkillError> {
        let index = self.personal_index(id)?;
        let skill = draft.into_skill(|_, _| Ok(id.clone()))?;
        if let Some(slot) = self.personal.get_mut(index) {
            *slot = skill;
        }
        Ok(())
    }

    /// Removes one of the person's own skills (and forgets it was hidden).
    pub fn remove_personal(&mut self, id: &SkillId) -> Result<Skill, SkillError> {
        let index = self.personal_index(id)?;
        self.hidden.remove(id);
        Ok(self.personal.remove(index))
    }

    /// Every one of the person's own skills, hidden or not, in the order
    /// added.
    pub fn all_personal(&self) -> impl Iterator<Item = &Skill> {
        self.personal.iter()
    }

    /// Writes one of the person's own skills under the draft's id: in its
    /// place if there is one with that id, else at the end. How the store
    /// folds a saved skill; a draft without an id takes its title's slug.
    pub(crate) fn put_personal(&mut self, draft: PersonalSkillDraft) -> Result<(), SkillError> {
        let skill = draft.into_skill(|title, requested| match requested {
            Some(id) => Ok(id),
            None => Ok(SkillId::new(slug_for(title))?),
        })?;
        match self.personal.iter_mut().find(|s| s.id == skill.id) {
            Some(slot) => *slot = skill,
            None => self.personal.push(skill),
        }
        Ok(())
    }

    /// Forgets one of the person's own skills and that it was hidden,
    /// whether or not it is here.
    pub(crate) fn forget_personal(&mut self, id: &SkillId) {
        self.personal.retain(|s| s.id != *id);
        self.hidden.remove(id);
    }

    /// Hides or shows a skill by id, known here or not (it may be a
    /// built-in of a newer version).
    pub(crate) fn set_hidden(&mut self, id: &SkillId, hidden: bool) {
        if hidden {
            self.hidden.insert(id.clone());
        } else {
            self.hidden.remove(id);
        }
    }

    fn personal_index(&self, id: &SkillId) -> Result<usize, SkillError> {
        match self.personal.iter().position(|skill| skill.id == *id) {
            Some(index) => Ok(index),
            None if self.get(id).is_some() => Err(SkillError::BuiltIn(id.clone())),
            None => Err(SkillError::UnknownSkill(id.clone())),
        }
    }

    fn free_id(&self, title: &str) -> Result<SkillId, SkillError> {
        let base = slug_for(title);
        let mut candidate = SkillId::new(base.clone())?;
        let mut n = 1;
        while self.get(&candidate).is_some() {
            n += 1;
            candidate = SkillId::new(format!("{base}-{n}"))?;
        }
        Ok(candidate)
    }
}
