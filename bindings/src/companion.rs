//! The `Ebb` object: the log and the person's flow, for one shell.

use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use ebb_core::flow::{Context, DeviceKind, Event, Flow, FlowError, Update};
use ebb_core::store::{DatabaseKey, OpenOptions, Store};

use crate::EbbError;

/// Ebb for one shell: the encrypted log and the flow through its screens.
/// Thread-safe; calls from several threads are served one at a time.
#[derive(uniffi::Object)]
pub struct Ebb {
    store: Mutex<Option<Store>>,
    /// The screens' flow; locked after the store, never before it.
    flow: Mutex<Flow>,
    device: DeviceKind,
    path: PathBuf,
}

impl std::fmt::Debug for Ebb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ebb")
            .field("path", &self.path)
            .field("device", &self.device)
            .finish_non_exhaustive()
    }
}

#[uniffi::export]
impl Ebb {
    /// Opens (or creates) the log at `path` with the 32-byte `key`. A wrong
    /// key, a damaged file or one from a newer version is an error and the
    /// file is left as it was. `plaintext_header` keeps the first 32 bytes
    /// readable (iOS needs it for a file open while the device is locked).
    #[uniffi::constructor]
    pub fn open(
        path: String,
        key: Vec<u8>,
        device: DeviceKind,
        plaintext_header: bool,
    ) -> Result<Arc<Self>, EbbError> {
        guarded(|| {
            let key = DatabaseKey::from_slice(&key).map_err(|_| {
                EbbError::invalid("key", format!("a key is 32 bytes, got {}", key.len()))
            })?;
            let options = OpenOptions {
                plaintext_header,
                ..OpenOptions::default()
            };
            let store = Store::open(&path, &key, options)?;
            Ok(Arc::new(Self {
                store: Mutex::new(Some(store)),
                flow: Mutex::new(Flow::new()),
                device,
                path: PathBuf::from(path),
            }))
        })
    }

    /// The device this companion was opened for.
    pub fn device(&self) -> DeviceKind {
        self.device
    }

    /// One event of the person's flow in, the screen that follows out:
    /// its model, the effects to carry out and when to send
    /// [`Event::Tick`] next. Every action a model offers is one call here.
    /// Send [`Event::Opened`] when the app opens or comes back.
    pub fn send(&self, context: Context, event: Event) -> Result<Update, EbbError> {
        self.with_store(|store| {
            let mut flow = self.flow.lock().unwrap_or_else(PoisonError::into_inner);
            flow.update(store, &context, event).map_err(flow_error)
        })
    }

    /// Checks the whole file. Reports damage as [`EbbError::Corrupt`];
    /// repairs nothing.
    pub fn integrity_check(&self) -> Result<(), EbbError> {
        self.with_store(|store| {
            let report = store.integrity_check()?;
            if report.is_ok() {
                Ok(())
            } else {
                Err(EbbError::Corrupt {
                    detail: report.problems.join("; "),
                })
            }
        })
    }

    /// Erases everything: the database and its companion files are gone.
    /// The companion is closed afterwards.
    pub fn erase(&self) -> Result<(), EbbError> {
        let store = self.lock().take().ok_or(EbbError::Closed)?;
        guarded(|| Ok(store.erase()?))
    }

    /// Deliberately fails inside the library, to check that a Rust-side
    /// failure reaches the shell as [`EbbError::Internal`] and not a crash.
    pub fn diagnose_failure_path(&self) -> Result<(), EbbError> {
        guarded(|| {
            let empty: Vec<u8> = Vec::new();
            // Indexing out of bounds panics; the guard turns it into an error.
            let _ = std::hint::black_box(&empty)[std::hint::black_box(1)];
            Ok(())
        })
    }
}

impl Ebb {
    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Store>> {
        // A panic while holding the lock leaves no half-written data (each
        // write is one SQLite transaction), so a poisoned lock is usable.
        self.store.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs `f` on the open store, turning a panic into an error.
    pub(crate) fn with_store<T>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, EbbError>,
    ) -> Result<T, EbbError> {
        guarded(|| {
            let mut guard = self.lock();
            let store = guard.as_mut().ok_or(EbbError::Closed)?;
            f(store)
        })
    }
}

/// A flow's failure as the shells see it.
pub(crate) fn flow_error(e: FlowError) -> EbbError {
    match e {
        FlowError::BadUtcOffset(_) => EbbError::invalid("utc_offset_secs", "must be within a day"),
        FlowError::Store(e) => e.into(),
    }
}

/// Runs `f`, turning a panic into [`EbbError::Internal`].
pub(crate) fn guarded<T>(f: impl FnOnce() -> Result<T, EbbError>) -> Result<T, EbbError> {
    std::panic::catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic without a message".to_owned());
        Err(EbbError::Internal { detail: message })
    })
}
