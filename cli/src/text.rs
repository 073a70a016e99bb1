//! Words and failures: every line the terminal prints comes from a content
//! key, and every failure carries the exit code a script can act on.

use std::fmt;

use ebb_core::content::{ContentKey, Locale, render_on};
use ebb_core::store::{StoreError, SyncError};
use serde::Serialize;

/// The English text of a key.
pub(crate) fn t(key: &'static str) -> &'static str {
    ContentKey::new(key).text()
}

/// The English words of a key for a terminal, with its variables filled
/// (a count chooses its plural form).
pub(crate) fn r(key: &'static str, args: &[(&str, &str)]) -> String {
    render_on(Locale::En, "desktop", ContentKey::new(key), args)
}

/// A command that could not do what was asked. Nothing was changed unless
/// the message says so.
#[derive(Debug)]
pub(crate) enum Failure {
    /// The input was not something Ebb can use (exit code 2).
    Usage(String),
    /// Something outside the input went wrong (exit code 1).
    Other(String),
}

impl Failure {
    pub(crate) fn usage(key: &'static str, args: &[(&str, &str)]) -> Self {
        Failure::Usage(r(key, args))
    }

    pub(crate) fn other(key: &'static str, args: &[(&str, &str)]) -> Self {
        Failure::Other(r(key, args))
    }

    /// The process exit code.
    pub(crate) fn code(&self) -> u8 {
        match self {
            Failure::Usage(_) => 2,
            Failure::Other(_) => 1,
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Usage(m) | Failure::Other(m) => f.write_str(m),
        }
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::WrongKey(path) => Failure::other(
                "cli.error.wrong_key",
                &[("path", &path.display().to_string())],
            ),
            StoreError::NotADatabase { path, .. } => Failure::other(
                "cli.error.not_a_database",
                &[("path", &path.display().to_string())],
            ),
            StoreError::EmptyFile(path) => Failure::other(
                "cli.error.empty_database",
                &[("path", &path.display().to_string())],
            ),
            StoreError::MissingWal(path) => Failure::other(
                "cli.error.missing_wal",
                &[("path", &path.display().to_string())],
            ),
            StoreError::Corrupt(_) => Failure::other("cli.error.damaged", &[]),
            StoreError::ExportTooNew { .. } => Failure::usage("cli.error.export_too_new", &[]),
            StoreError::TooNew { .. } => Failure::other("cli.error.too_new", &[]),
            StoreError::Busy => Failure::other("cli.error.busy", &[]),
            StoreError::StorageFull => Failure::other("cli.error.storage_full", &[]),
            StoreError::ReadOnly => Failure::other("cli.error.read_only", &[]),
            StoreError::NoActiveUrge => Failure::usage("cli.error.no_session", &[]),
            StoreError::NoSuchEntry(id) => {
                Failure::usage("cli.error.no_such_entry", &[("id", &id)])
            }
            StoreError::Invalid {
                what: "import file",
                ..
            } => Failure::usage("cli.error.not_an_export", &[]),
            StoreError::Invalid {
                what: "entry id", ..
            } => Failure::usage("cli.error.bad_entry_id", &[]),
            StoreError::Sync(SyncError::Replayed { .. }) => {
                Failure::usage("cli.error.sync_replayed", &[])
            }
            StoreError::Sync(SyncError::UnsupportedVersion { .. }) => {
                Failure::usage("cli.error.sync_too_new", &[])
            }
            StoreError::Sync(_) => Failure::usage("cli.error.sync_payload", &[]),
            StoreError::Urge(e) => Failure::Usage(e.to_string()),
            other => Failure::Other(other.to_string()),
        }
    }
}

impl From<ebb_core::flow::FlowError> for Failure {
    fn from(e: ebb_core::flow::FlowError) -> Self {
        match e {
            ebb_core::flow::FlowError::Store(e) => e.into(),
            other @ ebb_core::flow::FlowError::BadUtcOffset(_) => Failure::Other(other.to_string()),
        }
    }
}

/// Lets a closed standard output (`ebb log --json | head -1`) end the
/// process quietly, as it ends `cat` or `ls`, instead of a panic from
/// `println!`. Rust ignores SIGPIPE so that writes fail with an error; a
/// terminal program that prints as it goes wants the default back.
pub(crate) fn end_quietly_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to the default, before any
    // other thread exists, has no memory-safety preconditions.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// Result of a command.
pub(crate) type Outcome<T = ()> = Result<T, Failure>;

/// Prints `value` as pretty JSON on stdout.
pub(crate) fn print_json<T: Serialize>(value: &T) -> Outcome {
    let json = serde_json::to_string_pretty(value).map_err(|e| Failure::Other(e.to_string()))?;
    println!("{json}");
    Ok(())
}

/// A duration in words: seconds under a minute, else minutes (and hours).
pub(crate) fn duration(d: std::time::Duration) -> String {
    let secs = d.as_secs();
    if secs < 60 {
        r("cli.time.seconds", &[("seconds", &secs.to_string())])
    } else if secs < 3600 {
        r("cli.time.minutes", &[("minutes", &(secs / 60).to_string())])
    } else {
        r(
            "cli.time.hours_minutes",
            &[
                ("hours", &(secs / 3600).to_string()),
                ("minutes", &(secs % 3600 / 60).to_string()),
            ],
        )
    }
}
