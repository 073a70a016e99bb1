//! Ebb's boundary for the Kotlin and Swift shells.
//!
//! One object, [`Ebb`], opened on a database path with the 32-byte key
//! the shell keeps in Android Keystore or the iOS Keychain. Calls take the
//! current time from the shell (`now`, plus the local UTC offset where the
//! moment is recorded) so the core stays a pure state machine; the live
//! drivers in `live.rs` are the only place that reads a clock.
//!
//! Errors cross as one [`EbbError`]; panics are caught at the boundary and
//! arrive as [`EbbError::Internal`], never as a crash. Long calls (export,
//! import, progress) are async and run on the library's own runtime.

mod companion;
mod crisis;
mod error;
mod live;
mod runtime;
mod safety;
mod skills;
mod sync;
mod views;

pub use companion::Ebb;
pub use crisis::crisis_without_store;
pub use ebb_core::flow::{Context, DeviceKind, Event, Update};
pub use ebb_core::store::SyncReport;
pub use error::EbbError;
pub use live::{GuideListener, LiveHandle, UrgeListener};
pub use safety::*;
pub use skills::*;
pub use views::*;

/// The words for a content key, for labels a shell draws itself (buttons,
/// titles, the widget); `None` for a key Ebb does not have. Needs no open
/// store, so a shell can show Ebb's words even when the key is lost.
#[uniffi::export]
pub fn text(key: String) -> Option<String> {
    ebb_core::content::lookup(ebb_core::content::Locale::default(), &key).map(str::to_owned)
}

uniffi::setup_scaffolding!();
