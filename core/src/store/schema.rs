//! The schema and its migrations, versioned with `PRAGMA user_version`.
//!
//! The event log is the source of truth; every other table is a projection
//! of it and can be rebuilt. A migration is a step from version N-1 to N,
//! run in one transaction with the version bump, so a crash mid-migration
//! leaves the previous version intact. A file with a version newer than
//! [`CURRENT`] is refused untouched.

use rusqlite::{Connection, TransactionBehavior};

use super::error::{Result, StoreError};

/// The schema this build writes.
pub const CURRENT: u32 = 7;

/// Migration steps; `STEPS[i]` takes a database from version `i` to `i + 1`.
const STEPS: &[&str] = &[V1, V2, V3, V4, V5, V6, V7];

/// Version 1: the event log, projections, and local metadata.
const V1: &str = "
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- The append-only log. `seq` is this device's arrival order; `id` is the
-- event's identity everywhere (a UUIDv7). A deleted entry keeps its row as a
-- tombstone with the payload erased.
CREATE TABLE events (
    seq             INTEGER PRIMARY KEY,
    id              BLOB NOT NULL UNIQUE CHECK (length(id) = 16),
    at_ms           INTEGER NOT NULL,
    utc_offset_secs INTEGER NOT NULL,
    device          TEXT NOT NULL,
    kind            TEXT NOT NULL,
    version         INTEGER NOT NULL,
    payload         TEXT NOT NULL,
    erased          INTEGER NOT NULL DEFAULT 0 CHECK (erased IN (0, 1))
) STRICT;
CREATE INDEX events_at ON events (at_ms);

CREATE TABLE urge_sessions (
    id                 BLOB PRIMARY KEY,
    started_ms         INTEGER NOT NULL,
    utc_offset_secs    INTEGER NOT NULL,
    local_hour         INTEGER NOT NULL,
    local_weekday      INTEGER NOT NULL,
    source             TEXT NOT NULL,
    need               TEXT,
    start_intensity    INTEGER,
    goal_secs          INTEGER NOT NULL,
    cadence            TEXT NOT NULL,
    ended_ms           INTEGER,
    outcome            TEXT,
    needs_medical_care INTEGER,
    pause_ms           INTEGER,
    max_intensity      INTEGER,
    last_intensity     INTEGER,
    skills_used        INTEGER NOT NULL DEFAULT 0,
    state              TEXT NOT NULL
) STRICT;
CREATE INDEX urge_sessions_started ON urge_sessions (started_ms);
CREATE INDEX urge_sessions_running ON urge_sessions (ended_ms) WHERE ended_ms IS NULL;

CREATE TABLE check_ins (
    event_id   BLOB PRIMARY KEY,
    session_id BLOB NOT NULL REFERENCES urge_sessions (id) ON DELETE CASCADE,
    at_ms      INTEGER NOT NULL,
    elapsed_ms INTEGER NOT NULL,
    intensity  INTEGER NOT NULL
) STRICT;
CREATE INDEX check_ins_session ON check_ins (session_id, elapsed_ms);

CREATE TABLE skill_uses (
    event_id         BLOB PRIMARY KEY,
    session_id       BLOB REFERENCES urge_sessions (id) ON DELETE CASCADE,
    at_ms            INTEGER NOT NULL,
    skill            TEXT NOT NULL,
    need             TEXT,
    intensity_before INTEGER,
    intensity_after  INTEGER,
    helped           INTEGER
) STRICT;
CREATE INDEX skill_uses_at ON skill_uses (at_ms);
CREATE INDEX skill_uses_skill ON skill_uses (skill, need);

CREATE TABLE notes (
    event_id   BLOB PRIMARY KEY,
    session_id BLOB REFERENCES urge_sessions (id) ON DELETE CASCADE,
    at_ms      INTEGER NOT NULL,
    text       TEXT NOT NULL
) STRICT;
CREATE INDEX notes_at ON notes (at_ms);
";

/// Version 2: covering indexes for the progress review, so its aggregates
/// read narrow index entries instead of whole session rows (which carry the
/// session's state). Indexes whose columns lead a new one are dropped.
const V2: &str = "
CREATE INDEX urge_sessions_review ON urge_sessions (
    started_ms, outcome, pause_ms, need, local_hour, local_weekday,
    start_intensity, max_intensity, last_intensity, id);
DROP INDEX urge_sessions_started;
-- Looking up a skill use's session for its peak and outcome.
CREATE INDEX urge_sessions_peak ON urge_sessions (id, outcome, max_intensity);
-- The last time an outcome was logged (days since the last episode).
CREATE INDEX urge_sessions_outcome ON urge_sessions (outcome, ended_ms);
CREATE INDEX check_ins_reading ON check_ins (session_id, elapsed_ms, intensity);
DROP INDEX check_ins_session;
CREATE INDEX skill_uses_review ON skill_uses (
    at_ms, skill, intensity_before, intensity_after, helped, session_id);
DROP INDEX skill_uses_at;
";

/// Version 3: the latest saved document of each kind (safety plan, skills,
/// settings) is found by kind and time.
const V3: &str = "
CREATE INDEX events_kind_at ON events (kind, at_ms, id);
";

/// Version 4: a tally of the review's figures per UTC day (see
/// `progress::tally`), and triggers that mark a day stale whenever a
/// projection row of that day changes. Every day already logged starts
/// stale; opening the store counts them once. The covering indexes of v2
/// give way to plain ones on time.
const V4: &str = "
CREATE TABLE day_tallies (
    day   INTEGER PRIMARY KEY,
    tally TEXT NOT NULL
) STRICT;
CREATE TABLE day_tallies_stale (
    day INTEGER PRIMARY KEY
) STRICT;
-- A session's skill uses, for marking their days when the session changes.
CREATE INDEX skill_uses_session ON skill_uses (session_id, at_ms);

CREATE TRIGGER urge_sessions_tally_insert AFTER INSERT ON urge_sessions BEGIN
    INSERT OR IGNORE INTO day_tallies_stale VALUES (NEW.started_ms / 86400000);
END;
CREATE TRIGGER urge_sessions_tally_delete AFTER DELETE ON urge_sessions BEGIN
    INSERT OR IGNORE INTO day_tallies_stale VALUES (OLD.started_ms / 86400000);
END;
CREATE TRIGGER urge_sessions_tally_update AFTER UPDATE OF
    started_ms, outcome, pause_ms, need, local_hour, local_weekday,
    start_intensity, max_intensity, last_intensity
ON urge_sessions BEGIN
    INSERT OR IGNORE INTO day_tallies_stale
        VALUES (OLD.started_ms / 86400000), (NEW.started_ms / 86400000);
    -- A use's safer-choice and reaching-out figures read its session.
    INSERT OR IGNORE INTO day_tallies_stale
        SELECT at_ms / 86400000 FROM skill_uses WHERE session_id = NEW.id;
END;
CREATE TRIGGER check_ins_tally_insert AFTER INSERT ON check_ins BEGIN
    INSERT OR IGNORE INTO day_tallies_stale
        SELECT started_ms / 86400000 FROM urge_sessions WHERE id = NEW.session_id;
END;
CREATE TRIGGER check_ins_tally_delete AFTER DELETE ON check_ins BEGIN
    INSERT OR IGNORE INTO day_tallies_stale
        SELECT started_ms / 86400000 FROM urge_sessions WHERE id = OLD.session_id;
END;
CREATE TRIGGER skill_uses_tally_insert AFTER INSERT ON skill_uses BEGIN
    INSERT OR IGNORE INTO day_tallies_stale VALUES (NEW.at_ms / 86400000);
END;
CREATE TRIGGER skill_uses_tally_delete AFTER DELETE ON skill_uses BEGIN
    INSERT OR IGNORE INTO day_tallies_stale VALUES (OLD.at_ms / 86400000);
END;
CREATE TRIGGER skill_uses_tally_update AFTER UPDATE ON skill_uses BEGIN
    INSERT OR IGNORE INTO day_tallies_stale
        VALUES (OLD.at_ms / 86400000), (NEW.at_ms / 86400000);
END;

-- The review reads kept tallies and counts only part-days and stale days
-- from the projections, so v2's wide covering indexes cost every write
-- more than they save (a check-in rewrote entries in two of them). Plain
-- indexes on time serve the counts; nothing reads events by time.
DROP INDEX urge_sessions_review;
DROP INDEX urge_sessions_peak;
DROP INDEX skill_uses_review;
DROP INDEX events_at;
CREATE INDEX urge_sessions_started ON urge_sessions (started_ms);
CREATE INDEX skill_uses_at ON skill_uses (at_ms);
-- Partial indexes: the events most writes add (starts, check-ins, ends)
-- and sessions that did not end in self-harm enter none of them.
DROP INDEX events_kind_at;
CREATE INDEX events_safety_plans ON events (at_ms, id) WHERE kind = 'safety_plan_saved';
CREATE INDEX events_skill_books ON events (at_ms, id) WHERE kind = 'skill_book_saved';
CREATE INDEX events_settings ON events (at_ms, id) WHERE kind = 'settings_saved';
CREATE INDEX events_deletions ON events (seq) WHERE kind = 'entry_deleted';
DROP INDEX urge_sessions_outcome;
CREATE INDEX urge_sessions_self_harm ON urge_sessions (ended_ms) WHERE outcome = 'self_harmed';

INSERT OR IGNORE INTO day_tallies_stale SELECT started_ms / 86400000 FROM urge_sessions;
INSERT OR IGNORE INTO day_tallies_stale SELECT at_ms / 86400000 FROM skill_uses;
";

/// Version 5: a session's check-ins are kept on its own row, as `readings`
/// (a JSON array of `[elapsed_ms, intensity]`, oldest first), and
/// `check_ins` becomes a view of them. A check-in already rewrites its
/// session's row (the running state), so it no longer writes a table row
/// and two index entries of its own: three encrypted pages per check-in
/// (the log's row, its id, the session) instead of six. The session's
/// update trigger now also watches `readings`. Two indexes nothing reads
/// are dropped.
const V5: &str = "
ALTER TABLE urge_sessions ADD COLUMN readings TEXT NOT NULL DEFAULT '[]';
UPDATE urge_sessions SET readings = (
    SELECT json_group_array(json_array(c.elapsed_ms, c.intensity)
                            ORDER BY c.elapsed_ms, c.at_ms, c.event_id)
    FROM check_ins c WHERE c.session_id = urge_sessions.id)
WHERE id IN (SELECT session_id FROM check_ins);
DROP TABLE check_ins;

CREATE VIEW check_ins (session_id, started_ms, elapsed_ms, intensity) AS
    SELECT s.id, s.started_ms, r.value ->> 0, r.value ->> 1
    FROM urge_sessions s, json_each(s.readings) r;

-- Nothing reads notes by time or skill uses by skill; every note and skill
-- use wrote an entry into each.
DROP INDEX notes_at;
DROP INDEX skill_uses_skill;

DROP TRIGGER urge_sessions_tally_update;
CREATE TRIGGER urge_sessions_tally_update AFTER UPDATE OF
    started_ms, outcome, pause_ms, need, local_hour, local_weekday,
    start_intensity, max_intensity, last_intensity, readings
ON urge_sessions BEGIN
    INSERT OR IGNORE INTO day_tallies_stale
        VALUES (OLD.started_ms / 86400000), (NEW.started_ms / 86400000);
    -- A use's safer-choice and reaching-out figures read its session.
    INSERT OR IGNORE INTO day_tallies_stale
        SELECT at_ms / 86400000 FROM skill_uses WHERE session_id = NEW.id;
END;
";

/// Version 6: every event gets a hybrid logical clock (`clock`), the order
/// the log folds in instead of wall-clock time (see `event.rs`); the
/// migration gives each event of the log one from its instant, along each
/// device's events in arrival order (`project::give_log_clocks`). The
/// plan, skills and settings are now edited item by item and folded from
/// all their events (`items.rs`), in clock order: the indexes that found
/// the latest whole document by time give way to one per document over its
/// item kinds, and one on the clock finds the next clock. Whole documents
/// already in the log stay and fold as the item edits that make the state
/// equal to them.
const V6: &str = "
ALTER TABLE events ADD COLUMN clock INTEGER NOT NULL DEFAULT 0;
CREATE INDEX events_clock ON events (clock);
DROP INDEX events_safety_plans;
DROP INDEX events_skill_books;
DROP INDEX events_settings;
CREATE INDEX events_plan ON events (clock, id) WHERE kind IN
    ('safety_plan_saved', 'plan_item_saved', 'plan_item_removed', 'plan_country_set');
CREATE INDEX events_skills ON events (clock, id) WHERE kind IN
    ('skill_book_saved', 'personal_skill_saved', 'personal_skill_removed', 'skill_hidden');
CREATE INDEX events_settings ON events (clock, id) WHERE kind IN
    ('settings_saved', 'setting_changed');
";

/// Version 7: the feelings a person named during a session (a projection
/// of `feeling_named` events; nothing to carry over, as no earlier version
/// wrote them). A session's feelings go with it.
const V7: &str = "
CREATE TABLE session_feelings (
    session_id BLOB NOT NULL REFERENCES urge_sessions (id) ON DELETE CASCADE,
    feeling    TEXT NOT NULL,
    at_ms      INTEGER NOT NULL,
    PRIMARY KEY (session_id, feeling)
) STRICT;
";

/// Brings the database to [`CURRENT`], refusing a newer one. Returns the
/// version it found.
pub(crate) fn migrate(conn: &mut Connection) -> Result<u32> {
    let found: u32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if found > CURRENT {
        return Err(StoreError::TooNew {
            found,
            supported: CURRENT,
        });
    }
    for (from, step) in STEPS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Another process may have migrated while this one waited.
        let now: u32 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if now as usize > from {
            tx.commit()?;
            continue;
        }
        tx.execute_batch(step)?;
        if from + 1 == 6 {
            super::project::give_log_clocks(&tx)?;
        }
        tx.pragma_update(None, "user_version", from as u32 + 1)?;
        tx.commit()?;
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_is_one_step_per_version() {
        assert_eq!(STEPS.len(), CURRENT as usize);
    }

    #[test]
    fn migrating_twice_changes_nothing() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        migrate(&mut conn).unwrap();
        let v: u32 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, CURRENT);
    }
}
