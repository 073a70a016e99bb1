//! What a flow asks the shell to do. The core never does these itself.

use std::time::SystemTime;

use serde::Serialize;

use crate::haptics::RenderedHaptics;
use crate::safety::Action;

/// A notification to show at an instant while the app may be suspended
/// (named so it clashes with neither platform's `Notification`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Reminder {
    /// When to show it.
    pub at: SystemTime,
    /// The words, for an unlocked device.
    pub text: String,
    /// The words for a lock screen and a notification's public version:
    /// only "Ebb" and a neutral line, never what the timer is for.
    pub public_text: String,
}

/// Something the shell carries out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "effect")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum Effect {
    /// Play haptics rendered for this device.
    Vibrate {
        /// What to play.
        haptics: RenderedHaptics,
    },
    /// Replace every scheduled notification with these.
    Schedule {
        /// The notifications, earliest first.
        notifications: Vec<Reminder>,
    },
    /// Cancel every scheduled notification.
    CancelNotifications,
    /// Open the dialler, messages with the words filled in, or a page. The
    /// person presses call or send; where nothing can open it, show the
    /// number.
    Open {
        /// What to open.
        action: Action,
    },
    /// Save a file the person keeps or shares (a share sheet on a phone, a
    /// file beside the terminal). It holds everything Ebb keeps: the shell
    /// writes it only where the person chose.
    Save {
        /// A name for it, such as "ebb-2026-12-02.json".
        file_name: String,
        /// Its media type.
        mime_type: String,
        /// What it holds.
        contents: String,
    },
    /// Say this to a screen reader.
    Announce {
        /// The words.
        text: String,
    },
}
