//! Ebb's boundary for the Kotlin and Swift shells.
//!
//! One object, [`Ebb`], opened on a database path with the 32-byte key
//! the shell keeps in Android Keystore or the iOS Keychain. Every action a
//! person takes is one call, [`Ebb::send`]: an [`Event`] in with its
//! [`Context`] (the instant, the device, the locale), an [`Update`] out
//! (the screen's model, the effects to carry out, when to wake). The types
//! are the core's own; this crate adds none but its error.
//!
//! Errors cross as one [`EbbError`]; panics are caught at the boundary and
//! arrive as [`EbbError::Internal`], never as a crash.

mod companion;
mod error;
mod runtime;
mod sync;

use std::path::Path;

pub use companion::Ebb;
pub use ebb_core::flow::{Context, DeviceKind, Event, Model, Update};
pub use ebb_core::store::SyncReport;
pub use error::EbbError;

/// The words for a content key, for the few labels a shell draws outside
/// a model (a widget, a notification channel's name); `None` for a key
/// Ebb does not have. Needs no open store.
#[uniffi::export]
pub fn text(key: String) -> Option<String> {
    ebb_core::content::lookup(ebb_core::content::Locale::default(), &key).map(str::to_owned)
}

/// Crisis help when the store did not open (a lost or wrong key, a damaged
/// file, a full disk): the bundled lines for the country kept beside
/// `database_path` (readable without the key), else for `region`, the
/// device's region (Android `Locale.getDefault().country`, iOS
/// `Locale.current.region?.identifier`). Its back choice is the shell's
/// way on (trying again); the other choices open the dialler or messages.
#[uniffi::export]
pub fn crisis_without_store(
    database_path: String,
    region: Option<String>,
    context: Context,
) -> Result<Model, EbbError> {
    companion::guarded(|| {
        ebb_core::flow::crisis_without_store(Path::new(&database_path), region.as_deref(), &context)
            .map_err(companion::flow_error)
    })
}

uniffi::setup_scaffolding!();
