//! The local log: an encrypted SQLite database holding an append-only event
//! log and the projections derived from it.
//!
//! Every public operation that records something a person did runs in one
//! `BEGIN IMMEDIATE` transaction (the event plus its projections) and is
//! durable when it returns (`synchronous = FULL` in WAL mode, see `db.rs`).
//! The running urge session is a projection too, so reopening after the app
//! was killed resumes it where it was.
//!
//! Order never trusts the wall clock: every event carries a hybrid logical
//! clock that only grows on each device, and the log folds in clock order
//! (`event.rs`), so replay, rebuild, import and sync give what the live
//! projections gave whatever the clock did. The person's own documents (the
//! safety plan, their skills, their settings) are written item by item, so
//! concurrent edits in two processes or on two devices keep both
//! (`items.rs`).
//!
//! Files: `db.rs` opens and keys the database, `schema.rs` holds the DDL and
//! migrations, `event.rs` the log's entries, `project.rs` turns events into
//! projections, `items.rs` folds the plan, skills and settings from their
//! item edits, `export.rs` the JSON and CSV formats, `sync.rs` the
//! exchange between devices, `country.rs` the chosen country kept beside
//! the database for crisis help without the key.

mod country;
mod db;
mod error;
mod event;
mod export;
mod items;
mod project;
pub mod schema;
mod sync;

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Utc};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

pub use country::{country_file, crisis_without_store, kept_country};
pub use db::{DatabaseKey, OpenOptions};
pub use error::{Result, StoreError};
pub use event::{Event, EventId, ItemId, PAYLOAD_VERSION, Payload, SessionId};
pub use export::{EXPORT_FORMAT, EXPORT_VERSION, ImportReport};
pub use items::PlanItem;
pub use sync::{SYNC_MAGIC, SYNC_VERSION, SyncError, SyncReport};

use crate::urge::{
    Cue, DelayGoal, Ended, Feeling, Intensity, Need, Outcome, PastPause, StartOptions, UrgeSession,
};

/// A running (or just resumed) urge session with its id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActiveUrge {
    /// The session's id.
    pub id: SessionId,
    /// Its state.
    pub session: UrgeSession,
    /// True when a session was already running and this is it.
    pub resumed: bool,
}

/// A skill the person used, as recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SkillUseRecord {
    /// The skill's id.
    pub skill: String,
    /// The need it served, if known.
    pub need: Option<Need>,
    /// Intensity before, if said.
    pub intensity_before: Option<Intensity>,
    /// Intensity after, if said.
    pub intensity_after: Option<Intensity>,
    /// Whether it helped, if said.
    pub helped: Option<bool>,
}

/// The result of an integrity check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IntegrityReport {
    /// Problems found; empty when the file is sound.
    pub problems: Vec<String>,
}

impl IntegrityReport {
    /// Whether nothing is wrong.
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// The open log.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
    device: String,
    /// The running session as this connection last read or wrote it, and
    /// the `data_version` that was true for, so a run of check-ins reads
    /// and parses its state once. Every write transaction drops it
    /// ([`write`]); starts, check-ins, extensions and cue deliveries set it
    /// again, and it is used only while no other connection (the widget,
    /// another process) has committed since ([`write_remembering`]).
    running: Option<(project::Running, i64)>,
}

impl Store {
    /// Opens (or creates) the log at `path` with `key`.
    ///
    /// A wrong key, a damaged file (an empty or short one, a page that fails
    /// its check, a `-wal` that was removed) or a file from a newer version
    /// is refused with its own error, and it, its `-wal` and its `-shm` are
    /// left exactly as they were: nothing writes to a file before it passes
    /// (see `db.rs`).
    ///
    /// Opening on a full disk (SQLite cannot grow the `-shm`) is
    /// [`StoreError::StorageFull`], as is any write that finds no room.
    pub fn open(path: impl AsRef<Path>, key: &DatabaseKey, options: OpenOptions) -> Result<Self> {
        let path = path.as_ref();
        Self::open_at(path.to_owned(), key, options).map_err(|e| db::full_disk_or(Some(path), e))
    }

    fn open_at(path: PathBuf, key: &DatabaseKey, options: OpenOptions) -> Result<Self> {
        let mut conn = db::open(&path, key, options)?;
        if schema::migrate(&mut conn)? < schema::CURRENT {
            // Count the day tallies a migration marked stale, once.
            let tx = write(&mut conn, &mut None)?;
            crate::progress::settle(&tx, &[])?;
            tx.commit()?;
        }
        let device = device_id(&conn)?;
        let store = Self {
            conn,
            path,
            device,
            running: None,
        };
        // A log from before the country was kept beside it, or one whose
        // plan changed while the copy could not be written, catches up.
        store.keep_country();
        Ok(store)
    }

    /// Keeps the plan's country beside the database (see `country.rs`).
    /// Best effort: the plan itself is saved, and when the copy cannot be
    /// written (a full disk, a read-only folder) crisis help falls back to
    /// the device's region, which is what it would show without the copy.
    fn keep_country(&self) {
        if let Ok(plan) = self.safety_plan() {
            let _ = country::keep_country(&self.path, plan.country);
        }
    }

    /// Where the database lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// This device's id in the log (made on first open).
    pub fn device(&self) -> &str {
        &self.device
    }

    /// Starts an urge session now, or returns the one already running (a
    /// second tap on the widget must never lose the first). The local offset
    /// recorded is `now`'s.
    pub fn start_urge(
        &mut self,
        now: DateTime<FixedOffset>,
        options: StartOptions,
    ) -> Result<ActiveUrge> {
        let (tx, running, version) = write_remembering(&mut self.conn, &mut self.running)?;
        if let Some(running) = running {
            let active = ActiveUrge {
                id: running.id,
                session: running.session.clone(),
                resumed: true,
            };
            self.running = Some((running, version));
            return Ok(active);
        }
        let mut event = Event::new(
            now,
            &self.device,
            Payload::UrgeStarted {
                source: options.source,
                intensity: options.intensity,
                need: options.need,
                goal: options.goal,
                cadence: options.cadence,
            },
        );
        let mut running = None;
        project::append_with(&tx, &mut event, &mut running)?;
        // Nothing was running, so the session just started is the running one.
        let running = running
            .filter(|r| r.id == event.id)
            .ok_or(StoreError::NoActiveUrge)?;
        tx.commit()?;
        let active = ActiveUrge {
            id: running.id,
            session: running.session.clone(),
            resumed: false,
        };
        self.running = Some((running, version));
        Ok(active)
    }

    /// The running session, if there is one.
    pub fn active_urge(&self) -> Result<Option<ActiveUrge>> {
        Ok(
            project::active(&self.conn)?.map(|(id, session)| ActiveUrge {
                id,
                session,
                resumed: true,
            }),
        )
    }

    /// Delivers the running session's due cues and remembers that they were
    /// delivered, so a restart does not repeat them.
    pub fn advance_urge(&mut self, now: DateTime<Utc>) -> Result<Vec<Cue>> {
        let (tx, running, version) = write_remembering(&mut self.conn, &mut self.running)?;
        let Some(mut running) = running else {
            return Ok(Vec::new());
        };
        // Nothing due: nothing is saved, and what is remembered stays what
        // the database holds.
        let unchanged = running.session.clone();
        let cues = running.session.advance(now);
        if cues.is_empty() {
            running.session = unchanged;
        } else {
            project::save_state(&tx, running.id, &running.session)?;
            tx.commit()?;
        }
        self.running = Some((running, version));
        Ok(cues)
    }

    /// Records how strong the urge is now.
    pub fn check_in(
        &mut self,
        now: DateTime<FixedOffset>,
        intensity: Intensity,
    ) -> Result<Vec<Cue>> {
        self.record_for_active(now, |session| Payload::CheckedIn { session, intensity })
    }

    /// Makes the running session's goal longer.
    pub fn extend_urge(&mut self, now: DateTime<FixedOffset>, goal: DelayGoal) -> Result<()> {
        self.record_for_active(now, |session| Payload::GoalExtended { session, goal })
            .map(drop)
    }

    /// Names what the running session's urge is for.
    pub fn name_need(&mut self, now: DateTime<FixedOffset>, need: Need) -> Result<()> {
        self.record_for_active(now, |session| Payload::NeedNamed { session, need })
            .map(drop)
    }

    /// Names a feeling the running session's urge is carrying.
    pub fn name_feeling(&mut self, now: DateTime<FixedOffset>, feeling: Feeling) -> Result<()> {
        self.record_for_active(now, |session| Payload::FeelingNamed { session, feeling })
            .map(drop)
    }

    /// Ends the running session with its outcome.
    pub fn end_urge(&mut self, now: DateTime<FixedOffset>, outcome: Outcome) -> Result<Ended> {
        self.close_urge(now, outcome, false)
    }

    /// Closes a running session that was left open far past its goal
    /// ([`crate::urge::UrgeSession::is_forgotten`]) with how it went: the
    /// pause counts up to the last touch and does not shape the suggested
    /// goal.
    pub fn end_forgotten_urge(
        &mut self,
        now: DateTime<FixedOffset>,
        outcome: Outcome,
    ) -> Result<Ended> {
        self.close_urge(now, outcome, true)
    }

    fn close_urge(
        &mut self,
        now: DateTime<FixedOffset>,
        outcome: Outcome,
        forgotten: bool,
    ) -> Result<Ended> {
        let tx = write(&mut self.conn, &mut self.running)?;
        let id = project::active_id(&tx)?.ok_or(StoreError::NoActiveUrge)?;
        let mut event = Event::new(
            now,
            &self.device,
            Payload::UrgeEnded {
                session: id,
                outcome,
                forgotten,
            },
        );
        project::append(&tx, &mut event)?;
        let ended = project::session(&tx, id)?
            .and_then(|s| s.ended().copied())
            .ok_or(StoreError::NoActiveUrge)?;
        tx.commit()?;
        Ok(ended)
    }

    /// Records a skill used, within the running session if there is one.
    pub fn record_skill(
        &mut self,
        now: DateTime<FixedOffset>,
        record: SkillUseRecord,
    ) -> Result<EventId> {
        let tx = write(&mut self.conn, &mut self.running)?;
        let session = project::active_id(&tx)?;
        let mut event = Event::new(
            now,
            &self.device,
            Payload::SkillUsed {
                session,
                skill: record.skill,
                need: record.need,
                intensity_before: record.intensity_before,
                intensity_after: record.intensity_after,
                helped: record.helped,
            },
        );
        project::append(&tx, &mut event)?;
        tx.commit()?;
        Ok(event.id)
    }

    /// Keeps words the person wrote, within the running session if any.
    pub fn write_note(&mut self, now: DateTime<FixedOffset>, text: &str) -> Result<EventId> {
        let tx = write(&mut self.conn, &mut self.running)?;
        let session = project::active_id(&tx)?;
        let mut event = Event::new(
            now,
            &self.device,
            Payload::NoteWritten {
                session,
                text: text.to_owned(),
            },
        );
        project::append(&tx, &mut event)?;
        tx.commit()?;
        Ok(event.id)
    }

    /// Deletes one entry: its content (and, for a session, everything
    /// recorded in it) is erased from the file; a tombstone stays so other
    /// devices learn of the deletion. Deleting twice is harmless.
    pub fn delete_entry(&mut self, now: DateTime<FixedOffset>, target: EventId) -> Result<()> {
        let tx = write(&mut self.conn, &mut self.running)?;
        if !project::exists(&tx, target)? {
            return Err(StoreError::NoSuchEntry(target.to_string()));
        }
        let mut event = Event::new(now, &self.device, Payload::EntryDeleted { target });
        project::append(&tx, &mut event)?;
        tx.commit()?;
        // Move the erased pages out of the WAL into the (securely deleted)
        // main file now rather than at some later checkpoint.
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// Every event in the log, oldest first (tombstones included).
    pub fn events(&self) -> Result<Vec<Event>> {
        project::all_events(&self.conn)
    }

    /// Finished sessions' pauses, oldest first, for the suggested goal.
    pub fn recent_pauses(&self, limit: usize) -> Result<Vec<PastPause>> {
        project::recent_pauses(&self.conn, limit)
    }

    /// Every recorded skill use, oldest first, with how its session ended,
    /// for learning which skills help ([`crate::skills::Evidence::learn`]).
    /// A use with no need of its own takes its session's need. Uses whose
    /// skill id is not a valid [`crate::skills::SkillId`] (written by an
    /// early version) are left out.
    pub fn past_skill_uses(&self) -> Result<Vec<crate::skills::PastUse>> {
        project::past_skill_uses(&self.conn)
    }

    /// Merges events from another device or an import by id: events already
    /// here are skipped, deletions are applied, and the projections are
    /// rebuilt. Idempotent and order-independent.
    pub fn merge(&mut self, events: Vec<Event>) -> Result<ImportReport> {
        let tx = write(&mut self.conn, &mut self.running)?;
        let report = project::merge(&tx, events)?;
        tx.commit()?;
        // An import or another device may have chosen the country.
        self.keep_country();
        Ok(report)
    }

    /// Rebuilds every projection from the log.
    pub fn rebuild_projections(&mut self) -> Result<()> {
        let tx = write(&mut self.conn, &mut self.running)?;
        project::rebuild(&tx)?;
        crate::progress::settle(&tx, &[])?;
        tx.commit()?;
        Ok(())
    }

    /// Checks every page's authentication code (SQLCipher) and the b-tree
    /// structure (SQLite). Reports problems; repairs nothing.
    pub fn integrity_check(&self) -> Result<IntegrityReport> {
        let mut problems = Vec::new();
        let mut stmt = self.conn.prepare("PRAGMA cipher_integrity_check")?;
        problems.extend(stmt.query_map([], |r| r.get::<_, String>(0))?.flatten());
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        problems.extend(
            stmt.query_map([], |r| r.get::<_, String>(0))?
                .flatten()
                .filter(|line| line != "ok"),
        );
        Ok(IntegrityReport { problems })
    }

    /// Closes the log and erases it: the database and its `-wal` and `-shm`
    /// files are removed.
    pub fn erase(self) -> Result<()> {
        let path = self.path.clone();
        drop(self.conn);
        erase_files(&path)
    }

    /// Caps the file at `pages` pages, so tests can see what a full disk
    /// does without filling one.
    #[doc(hidden)]
    pub fn limit_pages_for_tests(&self, pages: u32) -> Result<()> {
        self.conn
            .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |_| Ok(()))?;
        Ok(())
    }

    /// Gives this log a chosen device id, so fuzzing and corpus tests can
    /// make sync payloads addressed to it.
    #[doc(hidden)]
    pub fn set_device_for_tests(&mut self, id: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE meta SET value = ?1 WHERE key = 'device'",
            params![id],
        )?;
        self.device = id.to_owned();
        Ok(())
    }

    /// The connection, for progress queries in this crate.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    fn record_for_active(
        &mut self,
        now: DateTime<FixedOffset>,
        payload: impl FnOnce(SessionId) -> Payload,
    ) -> Result<Vec<Cue>> {
        let (tx, mut running, version) = write_remembering(&mut self.conn, &mut self.running)?;
        let id = running.as_ref().ok_or(StoreError::NoActiveUrge)?.id;
        let mut event = Event::new(now, &self.device, payload(id));
        let cues = project::append_with(&tx, &mut event, &mut running)?;
        tx.commit()?;
        self.running = running.map(|r| (r, version));
        Ok(cues)
    }
}

/// Starts a write transaction. `IMMEDIATE` takes the write lock up front, so
/// two processes never deadlock upgrading a read to a write; the busy
/// timeout makes the second wait. It forgets the remembered running session
/// (see [`Store`]): a write may change it in ways only the database knows.
fn write<'c>(
    conn: &'c mut Connection,
    running: &mut Option<(project::Running, i64)>,
) -> Result<Writing<'c>> {
    *running = None;
    let path = conn.path().map(PathBuf::from);
    match conn.transaction_with_behavior(TransactionBehavior::Immediate) {
        Ok(tx) => Ok(Writing { tx, path }),
        Err(e) => Err(db::full_disk_or(path.as_deref(), e.into())),
    }
}

/// A write transaction ([`write`]). Its commit, where SQLite writes and
/// syncs the `-wal` and grows the `-shm`, tells a full disk from other I/O
/// errors ([`db::full_disk_or`]). Dropped without a commit, it rolls back.
struct Writing<'c> {
    tx: rusqlite::Transaction<'c>,
    /// The database file, for asking whether its disk is full.
    path: Option<PathBuf>,
}

impl<'c> std::ops::Deref for Writing<'c> {
    type Target = rusqlite::Transaction<'c>;

    fn deref(&self) -> &Self::Target {
        &self.tx
    }
}

impl Writing<'_> {
    /// Commits, durably (`synchronous = FULL`).
    fn commit(self) -> Result<()> {
        let Writing { tx, path } = self;
        tx.commit()
            .map_err(|e| db::full_disk_or(path.as_deref(), e.into()))
    }
}

/// [`write`], for the writes that carry the remembered running session over:
/// returns it as remembered if no other connection has committed since,
/// else as read from the database, with the `data_version` it is true for.
/// The check runs inside the write transaction, so nobody can commit between
/// it and the write.
fn write_remembering<'c>(
    conn: &'c mut Connection,
    remembered: &mut Option<(project::Running, i64)>,
) -> Result<(Writing<'c>, Option<project::Running>, i64)> {
    let kept = remembered.take();
    let tx = write(conn, remembered)?;
    let version = project::data_version(&tx)?;
    let running = match kept {
        Some((running, seen)) if seen == version => Some(running),
        _ => project::active(&tx)?.map(|(id, session)| project::Running { id, session }),
    };
    Ok((tx, running, version))
}

/// Removes the database at `path` and its `-wal`, `-shm`, `-journal` and
/// `-country` files, without opening it (so it works when the key is lost).
/// Files that are already gone are fine.
pub fn erase_files(path: &Path) -> Result<()> {
    for suffix in ["", "-wal", "-shm", "-journal", country::COUNTRY_SUFFIX] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        match std::fs::remove_file(PathBuf::from(name)) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

/// This device's id, made once and kept in `meta`.
fn device_id(conn: &Connection) -> Result<String> {
    let found: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = 'device'", [], |r| {
            r.get(0)
        })
        .optional()?;
    if let Some(id) = found {
        return Ok(id);
    }
    let id = uuid::Uuid::new_v4().to_string();
    conn.execute(
        "INSERT OR IGNORE INTO meta (key, value) VALUES ('device', ?1)",
        params![id],
    )?;
    Ok(
        conn.query_row("SELECT value FROM meta WHERE key = 'device'", [], |r| {
            r.get(0)
        })?,
    )
}
