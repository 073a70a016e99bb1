//! What can go wrong with the log, in terms a shell can act on.

use std::path::PathBuf;

use rusqlite::{ErrorCode, ffi};

use crate::urge::UrgeError;

/// A failure of the local log. Each case says what the shell should do next;
/// none of them has changed the file unless the text says so.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The key does not open this file. Ask the keystore again; never create
    /// a new database over this one.
    #[error("the key does not open the database at {0}")]
    WrongKey(PathBuf),
    /// The file is not an Ebb database or is damaged. Keep it (offer export
    /// of what can be read, or erase only if the person asks).
    #[error("the file at {path} is not a readable Ebb database: {detail}")]
    NotADatabase {
        /// Which file.
        path: PathBuf,
        /// What was seen.
        detail: String,
    },
    /// The database file is empty (0 bytes): a first run that stopped
    /// before anything was written, or a copy that lost its content. It is
    /// refused, never replaced; if nothing was ever recorded, the person can
    /// remove it and start again.
    #[error("the database file at {0} is empty (0 bytes); it was left as it is")]
    EmptyFile(PathBuf),
    /// The database's `-wal` file is gone while its `-shm` is still there:
    /// the most recent entries were in the WAL. Put it back beside the
    /// database; if it is lost, removing the `-shm` opens what the database
    /// file itself holds.
    #[error("{0} is missing, so the most recent entries cannot be read; nothing was changed")]
    MissingWal(PathBuf),
    /// An export made by a newer version of Ebb. Update Ebb, then import
    /// again; nothing was changed.
    #[error(
        "the export was made by a newer version of Ebb (format {found}, this build reads {supported}); update Ebb"
    )]
    ExportTooNew {
        /// The export's format version.
        found: u64,
        /// The newest this build reads.
        supported: u32,
    },
    /// A newer Ebb wrote this file. Update the app; the file is untouched.
    #[error(
        "the database was written by a newer version (schema {found}, this build reads up to {supported})"
    )]
    TooNew {
        /// The file's schema version.
        found: u32,
        /// The newest this build knows.
        supported: u32,
    },
    /// The device is out of space. Nothing was written; free space and retry.
    #[error("the device is out of storage space; nothing was written")]
    StorageFull,
    /// The file or its folder cannot be written. Nothing was written.
    #[error("the database is read-only; nothing was written")]
    ReadOnly,
    /// Another process held the database longer than the busy timeout.
    /// Retrying is safe.
    #[error("the database is busy in another process; try again")]
    Busy,
    /// The integrity check found damage.
    #[error("the database is damaged: {0}")]
    Corrupt(String),
    /// An action the session's rules refuse (for example ending twice).
    #[error(transparent)]
    Urge(#[from] UrgeError),
    /// No urge session is running.
    #[error("no urge session is running")]
    NoActiveUrge,
    /// No entry has this id.
    #[error("no entry with id {0}")]
    NoSuchEntry(String),
    /// Input from outside (an import, a payload) was malformed. Nothing was
    /// written.
    #[error("invalid {what}: {detail}")]
    Invalid {
        /// Which input.
        what: &'static str,
        /// Why.
        detail: String,
    },
    /// A sync payload was refused (damaged, from a newer format, not for
    /// this device, or already merged). Nothing was written.
    #[error(transparent)]
    Sync(#[from] super::sync::SyncError),
    /// A file operation around the database failed.
    #[error("file error: {0}")]
    Io(#[from] std::io::Error),
    /// Any other SQLite failure. A bug or an environment problem.
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(ErrorCode::DiskFull) => StoreError::StorageFull,
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly,
            Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => StoreError::Busy,
            Some(ErrorCode::DatabaseCorrupt) => StoreError::Corrupt(e.to_string()),
            _ => StoreError::Sqlite(e),
        }
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Invalid {
            what: "payload",
            detail: e.to_string(),
        }
    }
}

impl StoreError {
    /// Whether SQLite reported this as an I/O error of a kind that a full
    /// disk can cause: extending or syncing a file, growing the `-shm`. The
    /// code alone does not say whether space ran out; `db.rs` asks the file
    /// system ([`super::db::full_disk_or`]).
    pub(super) fn may_be_full_disk(&self) -> bool {
        let StoreError::Sqlite(e) = self else {
            return false;
        };
        let Some(code) = e.sqlite_error().map(|e| e.extended_code) else {
            return false;
        };
        matches!(
            code,
            // The plain code, which some paths (the codec, the WAL) return.
            ffi::SQLITE_IOERR
                // A write refused for a reason other than ENOSPC, such as a
                // disk quota (EDQUOT).
                | ffi::SQLITE_IOERR_WRITE
                // File systems that reserve space late (NFS, some
                // copy-on-write ones) report ENOSPC at the sync.
                | ffi::SQLITE_IOERR_FSYNC
                | ffi::SQLITE_IOERR_DIR_FSYNC
                | ffi::SQLITE_IOERR_TRUNCATE
                // Creating or growing the `-shm` beside the database.
                | ffi::SQLITE_IOERR_SHMOPEN
                | ffi::SQLITE_IOERR_SHMSIZE
        )
    }

    /// Whether this is a safety plan edit the plan's own rules refused (words
    /// that are empty or too long, a position that is not there, a list that
    /// is full): nothing was written, and the person can be told so in a
    /// line and try again.
    pub fn is_refused_plan_edit(&self) -> bool {
        matches!(
            self,
            StoreError::Invalid {
                what: PLAN_EDIT,
                ..
            }
        )
    }
}

/// What [`StoreError::Invalid`] names for a refused safety plan edit.
pub(super) const PLAN_EDIT: &str = "safety plan edit";

/// Result of log operations.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    fn sqlite(code: i32) -> rusqlite::Error {
        rusqlite::Error::SqliteFailure(ffi::Error::new(code), None)
    }

    #[test]
    fn sqlite_codes_map_to_actionable_cases() {
        assert!(matches!(
            StoreError::from(sqlite(ffi::SQLITE_FULL)),
            StoreError::StorageFull
        ));
        assert!(matches!(
            StoreError::from(sqlite(ffi::SQLITE_READONLY)),
            StoreError::ReadOnly
        ));
        assert!(matches!(
            StoreError::from(sqlite(ffi::SQLITE_BUSY)),
            StoreError::Busy
        ));
        assert!(matches!(
            StoreError::from(sqlite(ffi::SQLITE_CORRUPT)),
            StoreError::Corrupt(_)
        ));
        // An I/O error stays one: whether a full disk caused it is asked of
        // the file system beside the database, not guessed from the code
        // (`db::full_disk_or`, and `cli/tests/faults.rs` on a full disk).
        assert!(matches!(
            StoreError::from(sqlite(ffi::SQLITE_IOERR)),
            StoreError::Sqlite(_)
        ));
    }

    #[test]
    fn only_io_errors_a_full_disk_can_cause_are_checked_for_one() {
        for code in [
            ffi::SQLITE_IOERR,
            ffi::SQLITE_IOERR_WRITE,
            ffi::SQLITE_IOERR_FSYNC,
            ffi::SQLITE_IOERR_DIR_FSYNC,
            ffi::SQLITE_IOERR_TRUNCATE,
            ffi::SQLITE_IOERR_SHMOPEN,
            ffi::SQLITE_IOERR_SHMSIZE,
        ] {
            assert!(StoreError::from(sqlite(code)).may_be_full_disk(), "{code}");
        }
        for code in [
            ffi::SQLITE_IOERR_READ,
            ffi::SQLITE_IOERR_SHORT_READ,
            ffi::SQLITE_IOERR_NOMEM,
            ffi::SQLITE_IOERR_LOCK,
            ffi::SQLITE_IOERR_SHMMAP,
            ffi::SQLITE_ERROR,
            ffi::SQLITE_CONSTRAINT,
        ] {
            assert!(!StoreError::from(sqlite(code)).may_be_full_disk(), "{code}");
        }
        assert!(!StoreError::StorageFull.may_be_full_disk());
    }
}
