//! The library's one tokio runtime: started on first use, one named worker
//! for live drivers plus the blocking pool for database work in async calls.

use std::sync::OnceLock;

use tokio::runtime::{Builder, Runtime};

use crate::EbbError;

static RUNTIME: OnceLock<Result<Runtime, String>> = OnceLock::new();

/// The runtime, started on first use.
pub(crate) fn runtime() -> Result<&'static Runtime, EbbError> {
    RUNTIME
        .get_or_init(|| {
            Builder::new_multi_thread()
                .worker_threads(1)
                .max_blocking_threads(4)
                .thread_name("ebb-runtime")
                .enable_time()
                .build()
                .map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(|message| EbbError::Internal {
            detail: format!("could not start the runtime: {message}"),
        })
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
