//! The one error type shells see.

use ebb_core::store::StoreError;
use ebb_core::urge::UrgeError;

/// What went wrong, in cases a shell can act on.
#[derive(Debug, thiserror::Error, uniffi::Error)]
pub enum EbbError {
    /// The key does not open the database. Ask the keystore again; never
    /// create a new database over this one.
    #[error("the key does not open this database")]
    WrongKey,
    /// The file is not a readable Ebb database. It was left untouched.
    #[error("not a readable Ebb database: {detail}")]
    NotADatabase {
        /// What was seen.
        detail: String,
    },
    /// A newer app version wrote this database. It was left untouched.
    #[error("written by a newer version (schema {found}, this build reads {supported})")]
    TooNew {
        /// The file's schema version.
        found: u32,
        /// The newest this build reads.
        supported: u32,
    },
    /// The device is out of space; nothing was written.
    #[error("out of storage space")]
    StorageFull,
    /// The database cannot be written; nothing was written.
    #[error("the database is read-only")]
    ReadOnly,
    /// Another process held the database too long; retrying is safe.
    #[error("the database is busy")]
    Busy,
    /// The integrity check found damage.
    #[error("the database is damaged: {detail}")]
    Corrupt {
        /// What was found.
        detail: String,
    },
    /// An argument was out of range or malformed; nothing changed.
    #[error("invalid {field}: {reason}")]
    InvalidInput {
        /// Which argument.
        field: String,
        /// Why.
        reason: String,
    },
    /// No urge session is running.
    #[error("no urge session is running")]
    NoActiveUrge,
    /// The session already ended.
    #[error("the session has already ended")]
    AlreadyEnded,
    /// No entry has this id.
    #[error("no entry with id {id}")]
    NoSuchEntry {
        /// The id asked for.
        id: String,
    },
    /// A sync payload was truncated, damaged, already merged, meant for
    /// another device or from a newer version. Nothing changed; ask the
    /// other device for a fresh one.
    #[error("sync payload refused: {reason}")]
    SyncPayload {
        /// Why, for logs.
        reason: String,
    },
    /// The companion was closed or erased.
    #[error("the companion is closed")]
    Closed,
    /// A failure inside the library (a bug). The call changed nothing that
    /// was not already committed.
    #[error("internal error: {detail}")]
    Internal {
        /// For logs.
        detail: String,
    },
}

impl EbbError {
    pub(crate) fn invalid(field: &str, reason: impl ToString) -> Self {
        EbbError::InvalidInput {
            field: field.to_owned(),
            reason: reason.to_string(),
        }
    }
}

impl From<StoreError> for EbbError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::WrongKey(_) => EbbError::WrongKey,
            StoreError::NotADatabase { detail, .. } => EbbError::NotADatabase { detail },
            e @ StoreError::EmptyFile(_) => EbbError::NotADatabase {
                detail: e.to_string(),
            },
            e @ StoreError::MissingWal(_) => EbbError::Corrupt {
                detail: e.to_string(),
            },
            e @ StoreError::ExportTooNew { .. } => EbbError::invalid("import file", e),
            StoreError::TooNew { found, supported } => EbbError::TooNew { found, supported },
            StoreError::StorageFull => EbbError::StorageFull,
            StoreError::ReadOnly => EbbError::ReadOnly,
            StoreError::Busy => EbbError::Busy,
            StoreError::Corrupt(detail) => EbbError::Corrupt { detail },
            StoreError::Urge(e) => e.into(),
            StoreError::NoActiveUrge => EbbError::NoActiveUrge,
            StoreError::NoSuchEntry(id) => EbbError::NoSuchEntry { id },
            StoreError::Invalid { what, detail } => EbbError::invalid(what, detail),
            StoreError::Sync(e) => EbbError::SyncPayload {
                reason: e.to_string(),
            },
            other @ (StoreError::Io(_) | StoreError::Sqlite(_)) => EbbError::Internal {
                detail: other.to_string(),
            },
        }
    }
}

impl From<UrgeError> for EbbError {
    fn from(e: UrgeError) -> Self {
        match e {
            UrgeError::AlreadyEnded => EbbError::AlreadyEnded,
            UrgeError::GoalNotLonger => EbbError::invalid("goal", e),
            UrgeError::Goal(inner) => EbbError::invalid("goal", inner),
            UrgeError::BadUtcOffset(_) => EbbError::invalid("utc_offset_secs", e),
        }
    }
}
