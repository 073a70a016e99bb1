//! The person's own documents, item by item: the safety plan, their skills
//! and their settings.
//!
//! Every change is its own event naming one item: a plan item by its
//! [`ItemId`] (a reason, a warning sign, a coping step, a distraction, a
//! safer-surroundings step, a person, a line) or the plan's country; a
//! personal skill by its [`SkillId`] (saved, removed, hidden or shown); a
//! setting by its name ([`Setting`]). Reading folds a kind's events in log
//! order (clock, then event id; see [`super::event`]), so two processes or
//! two devices that edit different items keep both edits, and merging by
//! event id gives their union.
//!
//! Two edits of the same item resolve by that order: the one that folds
//! later wins. Its clock is higher, which for one device means it was
//! written later whatever the wall clock said, and across devices means it
//! was written after the writer had seen the other edit, or concurrently
//! with the higher clock; equal clocks fall back to the event id. Every
//! device holding the same events folds them alike. One exception: removing
//! a plan item is final, because plan item ids are never reused and a
//! person taken out of the plan on the phone must not come back because the
//! watch edited their number at the same time. A personal skill's id comes
//! from its title and is reused when the same title is added again, so for
//! skills a removal is an edit like any other. Two devices that each add a
//! skill with the same title write the same id, and the later one wins.
//!
//! Whole documents saved by earlier versions (`SafetyPlanSaved`,
//! `SkillBookSaved`, `SettingsSaved`) stay in the log (other devices and
//! exports hold them too) and fold as the item edits that make the state
//! equal to them. Plan items such a save adds get ids derived from its event
//! id ([`ItemId::derived`]), the same on every device, so a later edit names
//! them alike everywhere. The whole-document save functions remain for
//! callers that hold a whole document; they write the item events that
//! differ from what the log holds at that moment.

use std::collections::HashSet;

use chrono::{DateTime, FixedOffset, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::safety::{CountryCode, Entry, EntryList, OwnLine, PlanEdit, SafePerson, SafetyPlan};
use crate::settings::{Setting, Settings};
use crate::skills::{PersonalSkillDraft, SkillBook, SkillId};

use super::error::{PLAN_EDIT, Result, StoreError};
use super::event::{Event, ItemId, Payload, truncate_ms};
use super::{Store, project, write};

/// What one item of the safety plan says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum PlanItem {
    /// An item of one of the lists.
    Entry {
        /// Which list.
        list: EntryList,
        /// The words.
        text: Entry,
    },
    /// A safe person (step 4).
    Person {
        /// Who.
        person: SafePerson,
    },
    /// A line of the person's own (step 5).
    Line {
        /// Which.
        line: OwnLine,
    },
}

/// The plan's item groups: the five lists, people, lines.
const GROUPS: u8 = 7;
const PEOPLE: u8 = 5;
const LINES: u8 = 6;

fn list_group(list: EntryList) -> u8 {
    match list {
        EntryList::WarningSigns => 0,
        EntryList::InternalCoping => 1,
        EntryList::PeopleAndPlacesThatDistract => 2,
        EntryList::SaferEnvironment => 3,
        EntryList::ReasonsForLiving => 4,
    }
}

impl PlanItem {
    fn group(&self) -> u8 {
        match self {
            PlanItem::Entry { list, .. } => list_group(*list),
            PlanItem::Person { .. } => PEOPLE,
            PlanItem::Line { .. } => LINES,
        }
    }
}

/// A plan's items of `group`, in order.
fn group_of(plan: &SafetyPlan, group: u8) -> Vec<PlanItem> {
    match group {
        PEOPLE => plan
            .people
            .iter()
            .map(|p| PlanItem::Person { person: p.clone() })
            .collect(),
        LINES => plan
            .own_lines
            .iter()
            .map(|l| PlanItem::Line { line: l.clone() })
            .collect(),
        g => EntryList::ALL
            .into_iter()
            .find(|l| list_group(*l) == g)
            .map(|list| {
                plan.entries(list)
                    .iter()
                    .map(|e| PlanItem::Entry {
                        list,
                        text: e.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
    }
}

/// The plan as folded so far, with each item's id.
#[derive(Debug, Default)]
pub(super) struct PlanFold {
    items: Vec<(ItemId, PlanItem)>,
    removed: HashSet<ItemId>,
    country: Option<CountryCode>,
    revision: u32,
    updated_at: Option<DateTime<Utc>>,
}

impl PlanFold {
    fn apply(&mut self, event: &Event) {
        let Some(payload) = &event.payload else {
            return;
        };
        match payload {
            Payload::SafetyPlanSaved { plan } => {
                for group in 0..GROUPS {
                    let wanted = group_of(plan, group);
                    let current = self.group(group);
                    let (ids, gone) = match_group(&current, &wanted);
                    self.items.retain(|(_, item)| item.group() != group);
                    self.removed.extend(gone);
                    for (index, (id, item)) in ids.into_iter().zip(wanted).enumerate() {
                        let id = id.unwrap_or_else(|| ItemId::derived(event.id, group, index));
                        self.items.push((id, item));
                    }
                }
                self.country = plan.country;
                self.revision = plan.revision.max(self.revision.saturating_add(1));
                self.updated_at = plan.updated_at.or(Some(event.at));
                return;
            }
            Payload::PlanItemSaved { item, value } => {
                if self.removed.contains(item) {
                    return;
                }
                match self.items.iter_mut().find(|(id, _)| id == item) {
                    Some(slot) => slot.1 = value.clone(),
                    None => self.items.push((*item, value.clone())),
                }
            }
            Payload::PlanItemRemoved { item } => {
                self.items.retain(|(id, _)| id != item);
                self.removed.insert(*item);
            }
            Payload::PlanCountrySet { country } => self.country = *country,
            _ => return,
        }
        self.revision = self.revision.saturating_add(1);
        self.updated_at = Some(event.at);
    }

    fn group(&self, group: u8) -> Vec<(ItemId, PlanItem)> {
        self.items
            .iter()
            .filter(|(_, item)| item.group() == group)
            .cloned()
            .collect()
    }

    /// The id of the `index`th item of `group`.
    fn id_at(&self, group: u8, index: usize) -> Result<ItemId> {
        self.group(group)
            .get(index)
            .map(|(id, _)| *id)
            .ok_or_else(|| StoreError::Invalid {
                what: PLAN_EDIT,
                detail: format!("there is no item {index}"),
            })
    }

    fn plan(&self) -> SafetyPlan {
        let mut plan = SafetyPlan::empty();
        plan.revision = self.revision;
        plan.updated_at = self.updated_at;
        plan.country = self.country;
        for (_, item) in &self.items {
            match item {
                PlanItem::Entry { list, text } => {
                    let entries = match list {
                        EntryList::WarningSigns => &mut plan.warning_signs,
                        EntryList::InternalCoping => &mut plan.internal_coping,
                        EntryList::PeopleAndPlacesThatDistract => &mut plan.distract,
                        EntryList::SaferEnvironment => &mut plan.safer_environment,
                        EntryList::ReasonsForLiving => &mut plan.reasons_for_living,
                    };
                    entries.push(text.clone());
                }
                PlanItem::Person { person } => plan.people.push(person.clone()),
                PlanItem::Line { line } => plan.own_lines.push(line.clone()),
            }
        }
        plan
    }
}

/// Pairs the items a group should hold with those it holds: by position
/// when the counts agree (each may have been rewritten), else each wanted
/// item takes the first unpaired equal one. Returns the id for each wanted
/// item (`None`: new) and the ids left unpaired (gone).
fn match_group(
    current: &[(ItemId, PlanItem)],
    wanted: &[PlanItem],
) -> (Vec<Option<ItemId>>, Vec<ItemId>) {
    if current.len() == wanted.len() {
        return (
            current.iter().map(|(id, _)| Some(*id)).collect(),
            Vec::new(),
        );
    }
    let mut free: Vec<Option<&(ItemId, PlanItem)>> = current.iter().map(Some).collect();
    let ids = wanted
        .iter()
        .map(|w| {
            free.iter_mut()
                .find(|slot| slot.is_some_and(|(_, item)| item == w))
                .and_then(Option::take)
                .map(|(id, _)| *id)
        })
        .collect();
    let gone = free.into_iter().flatten().map(|(id, _)| *id).collect();
    (ids, gone)
}

/// The event kinds each document folds, as SQL lists. Written into the
/// statements so the planner uses each list's partial index (schema v6).
const PLAN_KINDS: &str =
    "('safety_plan_saved', 'plan_item_saved', 'plan_item_removed', 'plan_country_set')";
const SKILL_KINDS: &str =
    "('skill_book_saved', 'personal_skill_saved', 'personal_skill_removed', 'skill_hidden')";
const SETTING_KINDS: &str = "('settings_saved', 'setting_changed')";

fn plan_fold(conn: &Connection) -> Result<PlanFold> {
    let mut fold = PlanFold::default();
    for event in project::folded(conn, PLAN_KINDS)? {
        fold.apply(&event);
    }
    Ok(fold)
}

fn fold_skill(book: &mut SkillBook, event: &Event) {
    match &event.payload {
        Some(Payload::SkillBookSaved { book: saved }) => *book = saved.clone(),
        // A skill this version refuses (a newer one's rules) is left out.
        Some(Payload::PersonalSkillSaved { skill }) => drop(book.put_personal(skill.clone())),
        Some(Payload::PersonalSkillRemoved { skill }) => book.forget_personal(skill),
        Some(Payload::SkillHidden { skill, hidden }) => book.set_hidden(skill, *hidden),
        _ => {}
    }
}

fn skill_fold(conn: &Connection) -> Result<SkillBook> {
    let mut book = SkillBook::new();
    for event in project::folded(conn, SKILL_KINDS)? {
        fold_skill(&mut book, &event);
    }
    Ok(book)
}

fn settings_fold(conn: &Connection) -> Result<Settings> {
    let mut settings = Settings::default();
    for event in project::folded(conn, SETTING_KINDS)? {
        match &event.payload {
            Some(Payload::SettingsSaved { settings: saved }) => settings = saved.clone(),
            Some(Payload::SettingChanged { setting }) => settings = settings.with(setting),
            _ => {}
        }
    }
    Ok(settings)
}

fn invalid(what: &'static str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Invalid {
        what,
        detail: e.to_string(),
    }
}

impl Store {
    /// The safety plan: every plan edit in the log, folded (see the module
    /// documentation), or an empty plan.
    pub fn safety_plan(&self) -> Result<SafetyPlan> {
        Ok(plan_fold(&self.conn)?.plan())
    }

    /// Makes one change to the safety plan and returns the plan after it.
    /// The change is checked against the plan as the log holds it at this
    /// moment (so a position means what it means now) and recorded as one
    /// event naming one item: concurrent edits of other items, in another
    /// process or on another device, are kept. A refused edit
    /// ([`crate::safety::PlanError`], as [`StoreError::Invalid`]) writes
    /// nothing.
    pub fn edit_safety_plan(
        &mut self,
        now: DateTime<FixedOffset>,
        edit: PlanEdit,
    ) -> Result<SafetyPlan> {
        let tx = write(&mut self.conn, &mut self.running)?;
        let mut fold = plan_fold(&tx)?;
        let at = truncate_ms(now.to_utc());
        fold.plan()
            .edit(at, edit.clone())
            .map_err(|e| invalid(PLAN_EDIT, e))?;
        let checked = |e| invalid(PLAN_EDIT, e);
        let new = || ItemId::new(at);
        let payload = match edit {
            PlanEdit::AddEntry { list, text } => Payload::PlanItemSaved {
                item: new(),
                value: PlanItem::Entry {
                    list,
                    text: Entry::new(&text).map_err(checked)?,
                },
            },
            PlanEdit::ChangeEntry { list, index, text } => Payload::PlanItemSaved {
                item: fold.id_at(list_group(list), index)?,
                value: PlanItem::Entry {
                    list,
                    text: Entry::new(&text).map_err(checked)?,
                },
            },
            PlanEdit::RemoveEntry { list, index } => Payload::PlanItemRemoved {
                item: fold.id_at(list_group(list), index)?,
            },
            PlanEdit::AddPerson(draft) => Payload::PlanItemSaved {
                item: new(),
                value: PlanItem::Person {
                    person: draft.check().map_err(checked)?,
                },
            },
            PlanEdit::ChangePerson { index, person } => Payload::PlanItemSaved {
                item: fold.id_at(PEOPLE, index)?,
                value: PlanItem::Person {
                    person: person.check().map_err(checked)?,
                },
            },
            PlanEdit::RemovePerson { index } => Payload::PlanItemRemoved {
                item: fold.id_at(PEOPLE, index)?,
            },
            PlanEdit::AddLine(draft) => Payload::PlanItemSaved {
                item: new(),
                value: PlanItem::Line {
                    line: draft.check().map_err(checked)?,
                },
            },
            PlanEdit::ChangeLine { index, line } => Payload::PlanItemSaved {
                item: fold.id_at(LINES, index)?,
                value: PlanItem::Line {
                    line: line.check().map_err(checked)?,
                },
            },
            PlanEdit::RemoveLine { index } => Payload::PlanItemRemoved {
                item: fold.id_at(LINES, index)?,
            },
            PlanEdit::SetCountry(country) => Payload::PlanCountrySet { country },
        };
        let mut event = Event::new(now, &self.device, payload);
        project::append(&tx, &mut event)?;
        tx.commit()?;
        fold.apply(&event);
        self.keep_country();
        Ok(fold.plan())
    }

    /// Saves the whole safety plan as the item edits that make the log's
    /// plan equal to it: rewritten, added and removed items and the
    /// country, each its own event (nothing when nothing differs). Items a
    /// concurrent writer added since the caller read the plan are removed
    /// by this, as the given plan lacks them: [`Store::edit_safety_plan`]
    /// keeps them.
    pub fn save_safety_plan(
        &mut self,
        now: DateTime<FixedOffset>,
        plan: &SafetyPlan,
    ) -> Result<()> {
        let tx = write(&mut self.conn, &mut self.running)?;
        let fold = plan_fold(&tx)?;
        let at = truncate_ms(now.to_utc());
        let mut payloads = Vec::new();
        for group in 0..GROUPS {
            let current = fold.group(group);
            let wanted = group_of(plan, group);
            let (ids, gone) = match_group(&current, &wanted);
            payloads.extend(
                gone.into_iter()
                    .map(|item| Payload::PlanItemRemoved { item }),
            );
            for (id, value) in ids.into_iter().zip(wanted) {
                let unchanged = id.is_some_and(|id| current.contains(&(id, value.clone())));
                if !unchanged {
                    payloads.push(Payload::PlanItemSaved {
                        item: id.unwrap_or_else(|| ItemId::new(at)),
                        value,
                    });
                }
            }
        }
        if fold.country != plan.country {
            payloads.push(Payload::PlanCountrySet {
                country: plan.country,
            });
        }
        append_all(&tx, now, &self.device, payloads)?;
        tx.commit()?;
        self.keep_country();
        Ok(())
    }

    /// The person's skills: their own and the hidden ones, folded from the
    /// log (see the module documentation).
    pub fn skill_book(&self) -> Result<SkillBook> {
        skill_fold(&self.conn)
    }

    /// Adds one of the person's own skills and returns its id (derived
    /// from the title against the skills the log holds at this moment, so
    /// two processes adding at once get different ids). Refusals
    /// ([`crate::skills::SkillError`]) come as [`StoreError::Invalid`].
    pub fn add_personal_skill(
        &mut self,
        now: DateTime<FixedOffset>,
        draft: PersonalSkillDraft,
    ) -> Result<SkillId> {
        let tx = write(&mut self.conn, &mut self.running)?;
        let mut book = skill_fold(&tx)?;
        let id = book.add_personal(draft).map_err(|e| invalid("skill", e))?;
        let skill = book
            .get(&id)
            .map(PersonalSkillDraft::from_skill)
            .ok_or_else(|| invalid("skill", "not added"))?;
        let mut event = Event::new(now, &self.device, Payload::PersonalSkillSaved { skill });
        project::append(&tx, &mut event)?;
        tx.commit()?;
        Ok(id)
    }

    /// Removes one of the person's own skills.
    pub fn remove_personal_skill(
        &mut self,
        now: DateTime<FixedOffset>,
        id: &SkillId,
    ) -> Result<()> {
        let tx = write(&mut self.conn, &mut self.running)?;
        skill_fold(&tx)?
            .remove_personal(id)
            .map_err(|e| invalid("skill", e))?;
        let payload = Payload::PersonalSkillRemoved { skill: id.clone() };
        project::append(&tx, &mut Event::new(now, &self.device, payload))?;
        tx.commit()?;
        Ok(())
    }

    /// Hides a skill (built in or the person's own), or shows it again.
    /// Returns whether anything changed; nothing is written when not.
    pub fn set_skill_hidden(
        &mut self,
        now: DateTime<FixedOffset>,
        id: &SkillId,
        hidden: bool,
    ) -> Result<bool> {
        let tx = write(&mut self.conn, &mut self.running)?;
        let book = skill_fold(&tx)?;
        if book.get(id).is_none() {
            return Err(invalid("skill", format!("no skill with id {id}")));
        }
        if book.is_hidden(id) == hidden {
            return Ok(false);
        }
        let payload = Payload::SkillHidden {
            skill: id.clone(),
            hidden,
        };
        project::append(&tx, &mut Event::new(now, &self.device, payload))?;
        tx.commit()?;
        Ok(true)
    }

    /// Saves the person's skills as the item edits that make the log's book
    /// equal to it: each skill of their own saved or removed, each skill
    /// hidden or shown (nothing when nothing differs).
    pub fn save_skill_book(&mut self, now: DateTime<FixedOffset>, book: &SkillBook) -> Result<()> {
        let tx = write(&mut self.conn, &mut self.running)?;
        let current = skill_fold(&tx)?;
        let mut after = current.clone();
        let mut payloads = Vec::new();
        let own = |b: &SkillBook, id: &SkillId| {
            b.all_personal()
                .find(|s| s.id == *id)
                .map(PersonalSkillDraft::from_skill)
        };
        for skill in current.all_personal() {
            if own(book, &skill.id).is_none() {
                payloads.push(Payload::PersonalSkillRemoved {
                    skill: skill.id.clone(),
                });
            }
        }
        for skill in book.all_personal() {
            let draft = PersonalSkillDraft::from_skill(skill);
            if own(&current, &skill.id).as_ref() != Some(&draft) {
                payloads.push(Payload::PersonalSkillSaved { skill: draft });
            }
        }
        for payload in &payloads {
            fold_skill(&mut after, &Event::new(now, &self.device, payload.clone()));
        }
        let hidden: HashSet<&SkillId> = book.hidden().collect();
        let was: HashSet<&SkillId> = after.hidden().collect();
        for id in hidden.difference(&was) {
            payloads.push(Payload::SkillHidden {
                skill: (*id).clone(),
                hidden: true,
            });
        }
        for id in was.difference(&hidden) {
            payloads.push(Payload::SkillHidden {
                skill: (*id).clone(),
                hidden: false,
            });
        }
        append_all(&tx, now, &self.device, payloads)?;
        tx.commit()?;
        Ok(())
    }

    /// Settings: every setting change in the log, folded (see the module
    /// documentation), over the defaults.
    pub fn settings(&self) -> Result<Settings> {
        settings_fold(&self.conn)
    }

    /// Changes one setting, after checking the settings it makes, and
    /// returns them. Concurrent changes of other settings are kept.
    pub fn change_setting(
        &mut self,
        now: DateTime<FixedOffset>,
        setting: Setting,
    ) -> Result<Settings> {
        let tx = write(&mut self.conn, &mut self.running)?;
        let next = settings_fold(&tx)?.with(&setting);
        next.validate().map_err(|e| invalid("settings", e))?;
        let payload = Payload::SettingChanged { setting };
        project::append(&tx, &mut Event::new(now, &self.device, payload))?;
        tx.commit()?;
        Ok(next)
    }

    /// Marks cautions as read: one item each for those not read before, so
    /// two devices keep both. Returns whether any was new.
    pub fn saw_cautions(
        &mut self,
        now: DateTime<FixedOffset>,
        cautions: impl IntoIterator<Item = crate::guides::Caution>,
    ) -> Result<bool> {
        let tx = write(&mut self.conn, &mut self.running)?;
        let seen = settings_fold(&tx)?.cautions_seen;
        let mut new: Vec<_> = cautions.into_iter().filter(|c| !seen.contains(c)).collect();
        new.sort();
        new.dedup();
        for caution in &new {
            let payload = Payload::SettingChanged {
                setting: Setting::CautionSeen(*caution),
            };
            project::append(&tx, &mut Event::new(now, &self.device, payload))?;
        }
        tx.commit()?;
        Ok(!new.is_empty())
    }

    /// Saves settings after checking them, as one event per setting that
    /// differs from the log's (nothing when none does). Settings another
    /// process changed since the caller read them are set back by this:
    /// [`Store::change_setting`] keeps them.
    pub fn save_settings(&mut self, now: DateTime<FixedOffset>, settings: &Settings) -> Result<()> {
        settings.validate().map_err(|e| invalid("settings", e))?;
        let tx = write(&mut self.conn, &mut self.running)?;
        let changes = settings_fold(&tx)?.changes_to(settings);
        let payloads = changes
            .into_iter()
            .map(|setting| Payload::SettingChanged { setting })
            .collect();
        append_all(&tx, now, &self.device, payloads)?;
        tx.commit()?;
        Ok(())
    }
}

/// Appends one event of this device per payload, in order.
fn append_all(
    tx: &Connection,
    now: DateTime<FixedOffset>,
    device: &str,
    payloads: Vec<Payload>,
) -> Result<()> {
    for payload in payloads {
        project::append(tx, &mut Event::new(now, device, payload))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::EventId;

    fn entry(text: &str) -> PlanItem {
        PlanItem::Entry {
            list: EntryList::ReasonsForLiving,
            text: Entry::new(text).unwrap(),
        }
    }

    fn ids(n: usize) -> Vec<ItemId> {
        (0..n)
            .map(|i| ItemId::derived(EventId::new(Utc::now()), 0, i))
            .collect()
    }

    #[test]
    fn a_rewritten_item_keeps_its_id_and_a_removed_one_is_named() {
        let id = ids(3);
        let current = vec![
            (id[0], entry("a")),
            (id[1], entry("b")),
            (id[2], entry("c")),
        ];
        let (same, gone) = match_group(&current, &[entry("a"), entry("B"), entry("c")]);
        assert_eq!(same, vec![Some(id[0]), Some(id[1]), Some(id[2])]);
        assert!(gone.is_empty());
        let (kept, gone) = match_group(&current, &[entry("a"), entry("c")]);
        assert_eq!(kept, vec![Some(id[0]), Some(id[2])]);
        assert_eq!(gone, vec![id[1]]);
        let (added, gone) = match_group(&current[..1], &[entry("a"), entry("d")]);
        assert_eq!(added, vec![Some(id[0]), None]);
        assert!(gone.is_empty());
    }

    #[test]
    fn derived_ids_differ_by_group_and_position_and_repeat_for_one_save() {
        let saved = EventId::new(Utc::now());
        let a = ItemId::derived(saved, 0, 1);
        assert_eq!(a, ItemId::derived(saved, 0, 1));
        assert_ne!(a, ItemId::derived(saved, 1, 1));
        assert_ne!(a, ItemId::derived(saved, 0, 2));
    }
}
