//! The person's choices: how often Ebb checks in, the goal presets offered,
//! and whether a "days without" count is shown at all. (The country whose
//! crisis lines are shown belongs to the safety plan.)

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::guides::Caution;
use crate::urge::{CheckInCadence, DelayGoal};

/// Settings, stored in the log like everything else so they travel with an
/// export and between a phone and its watch. Unknown or missing fields take
/// their defaults, so older and newer versions read each other's settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// How often a session checks in unless chosen otherwise.
    pub cadence: CheckInCadence,
    /// The goals offered when a session starts.
    pub goal_presets: Vec<DelayGoal>,
    /// Whether the progress review shows days since the last self-harm.
    /// Off unless the person turns it on.
    pub show_days_without: bool,
    /// Whether the plain statement of what is stored has been shown.
    pub privacy_statement_seen: bool,
    /// The cautions the person has been shown (on a list or before a
    /// guide). Until a skill's caution is in here, recommendations never put
    /// that skill first ([`crate::skills::Moment::cautions_seen`]). A version
    /// that does not know the field drops it when it saves, and a
    /// concurrent save may lose one: either way the caution is shown again,
    /// which is the safe side.
    pub cautions_seen: BTreeSet<Caution>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            cadence: CheckInCadence::default(),
            goal_presets: DelayGoal::PRESETS.to_vec(),
            show_days_without: false,
            privacy_statement_seen: false,
            cautions_seen: BTreeSet::new(),
        }
    }
}

/// Why settings were refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SettingsError {
    /// Between one and six goal presets are offered.
    #[error("offer between 1 and 6 goal presets, got {0}")]
    Presets(usize),
}

impl Settings {
    /// Records that `cautions` were shown. Returns whether anything was new
    /// (so a caller saves only then).
    pub fn saw_caution(&mut self, cautions: impl IntoIterator<Item = Caution>) -> bool {
        let before = self.cautions_seen.len();
        self.cautions_seen.extend(cautions);
        self.cautions_seen.len() > before
    }

    /// Checks what a screen or a command changed.
    pub fn validate(&self) -> Result<(), SettingsError> {
        if self.goal_presets.is_empty() || self.goal_presets.len() > 6 {
            return Err(SettingsError::Presets(self.goal_presets.len()));
        }
        Ok(())
    }

    /// These settings with one changed.
    pub fn with(&self, setting: &Setting) -> Settings {
        let mut next = self.clone();
        match setting.clone() {
            Setting::Cadence(c) => next.cadence = c,
            Setting::GoalPresets(g) => next.goal_presets = g,
            Setting::ShowDaysWithout(b) => next.show_days_without = b,
            Setting::PrivacyStatementSeen(b) => next.privacy_statement_seen = b,
            Setting::CautionSeen(c) => {
                next.cautions_seen.insert(c);
            }
        }
        next
    }

    /// The settings that differ in `other`, each with `other`'s value.
    pub fn changes_to(&self, other: &Settings) -> Vec<Setting> {
        let mut out = Vec::new();
        if self.cadence != other.cadence {
            out.push(Setting::Cadence(other.cadence));
        }
        if self.goal_presets != other.goal_presets {
            out.push(Setting::GoalPresets(other.goal_presets.clone()));
        }
        if self.show_days_without != other.show_days_without {
            out.push(Setting::ShowDaysWithout(other.show_days_without));
        }
        if self.privacy_statement_seen != other.privacy_statement_seen {
            out.push(Setting::PrivacyStatementSeen(other.privacy_statement_seen));
        }
        // A caution once read stays read: only additions are recorded, so
        // two devices that each saw one keep both.
        out.extend(
            other
                .cautions_seen
                .difference(&self.cautions_seen)
                .map(|c| Setting::CautionSeen(*c)),
        );
        out
    }
}

/// One setting with its value: the unit the store records, so changing one
/// setting on the phone and another on the watch keeps both.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "setting", content = "value", rename_all = "snake_case")]
pub enum Setting {
    /// [`Settings::cadence`].
    Cadence(CheckInCadence),
    /// [`Settings::goal_presets`].
    GoalPresets(Vec<DelayGoal>),
    /// [`Settings::show_days_without`].
    ShowDaysWithout(bool),
    /// [`Settings::privacy_statement_seen`].
    PrivacyStatementSeen(bool),
    /// A caution added to [`Settings::cautions_seen`] (never taken away).
    CautionSeen(Caution),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_fields_take_defaults_and_unknown_ones_are_ignored() {
        let s: Settings =
            serde_json::from_str(r#"{"show_days_without": true, "from_the_future": 1}"#).unwrap();
        assert!(s.show_days_without);
        assert_eq!(s.goal_presets, DelayGoal::PRESETS.to_vec());
        assert!(Settings::default().validate().is_ok());
        let none = Settings {
            goal_presets: vec![],
            ..Settings::default()
        };
        assert_eq!(none.validate(), Err(SettingsError::Presets(0)));
    }
}
