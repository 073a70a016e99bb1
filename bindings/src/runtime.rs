//! The library's one tokio runtime: started on first use, driven by one
//! named thread ("ebb-runtime") that sleeps until a timer or a task wakes
//! it, plus tokio's blocking pool for database work in async calls.
//!
//! A current-thread runtime is enough: it only hands the long calls
//! (sync's answer and merge) to the blocking pool. It is also smaller than
//! tokio's work-stealing scheduler.

use std::sync::OnceLock;

use tokio::runtime::{Builder, Handle};

use crate::EbbError;

static RUNTIME: OnceLock<Result<Handle, String>> = OnceLock::new();

/// The runtime, started on first use.
pub(crate) fn runtime() -> Result<&'static Handle, EbbError> {
    RUNTIME
        .get_or_init(start)
        .as_ref()
        .map_err(|message| EbbError::Internal {
            detail: format!("could not start the runtime: {message}"),
        })
}

/// Builds the runtime and hands it to its thread, which drives it for the
/// life of the process.
fn start() -> Result<Handle, String> {
    let runtime = Builder::new_current_thread()
        .max_blocking_threads(4)
        .thread_name("ebb-runtime")
        .enable_time()
        .build()
        .map_err(|e| e.to_string())?;
    let handle = runtime.handle().clone();
    std::thread::Builder::new()
        .name("ebb-runtime".into())
        .spawn(move || runtime.block_on(std::future::pending::<()>()))
        .map_err(|e| e.to_string())?;
    Ok(handle)
}

/// Runs blocking work on the runtime's blocking pool and awaits it from any
/// executor (Kotlin coroutines, Swift tasks).
pub(crate) async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, EbbError> + Send + 'static,
) -> Result<T, EbbError> {
    let handle = runtime()?.spawn_blocking(work);
    handle.await.map_err(|e| EbbError::Internal {
        detail: format!("background work failed: {e}"),
    })?
}
