//! From events to projections: the one place that knows how each event
//! changes the derived tables. Live writes and rebuilds both go through
//! [`apply`], and both in clock order (a new event's clock is above every
//! clock in the log, see [`next_clock`]), so a rebuilt database matches
//! the one written live whatever the wall clock did.

use std::time::Duration;

use chrono::{DateTime, Datelike, TimeZone, Timelike, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::skills::{PastUse, SkillId};
use crate::urge::{
    Cue, Intensity, Need, Outcome, PastPause, PauseLength, StartOptions, UrgeSession,
};

use super::error::{Result, StoreError};
use super::event::{Event, EventId, Payload, SessionId, decode_payload};
use super::export::ImportReport;

/// Appends a new event of this device, giving it its clock, and applies
/// it. State-machine refusals (ending twice) propagate, and the caller's
/// transaction rolls back.
pub(super) fn append(conn: &Connection, event: &mut Event) -> Result<Vec<Cue>> {
    append_with(conn, event, &mut None)
}

/// [`append`], starting from a session state the caller already holds (see
/// [`Running`]); afterwards `running` holds the state as saved.
pub(super) fn append_with(
    conn: &Connection,
    event: &mut Event,
    running: &mut Option<Running>,
) -> Result<Vec<Cue>> {
    event.clock = next_clock(conn, event.at)?;
    insert(conn, event)?;
    let cues = apply(conn, event, running)?;
    crate::progress::settle_before(conn, event.at.timestamp_millis())?;
    Ok(cues)
}

/// A session's state as it is saved in its row, held so that a run of
/// events on one session reads and parses it once.
#[derive(Clone, Debug)]
pub(super) struct Running {
    pub(super) id: SessionId,
    pub(super) session: UrgeSession,
}

/// SQLite's count of commits by other connections, as this connection has
/// seen them: equal readings mean nobody else wrote in between.
pub(super) fn data_version(conn: &Connection) -> Result<i64> {
    Ok(conn
        .prepare_cached("PRAGMA data_version")?
        .query_row([], |r| r.get(0))?)
}

/// The clock for an event written now: above every clock in the log (so
/// it folds after everything this device has written or merged, and one
/// device's events fold in the order written), and not below its instant
/// (so devices whose clocks agree fold their events by time). Read through
/// the clock index, under the write lock: two processes never take one
/// clock.
pub(super) fn next_clock(conn: &Connection, at: DateTime<Utc>) -> Result<i64> {
    let last: Option<i64> = conn
        .prepare_cached("SELECT max(clock) FROM events")?
        .query_row([], |r| r.get(0))?;
    Ok(after(last, at.timestamp_millis()))
}

/// A clock after `last` and not below `at_ms`.
fn after(last: Option<i64>, at_ms: i64) -> i64 {
    last.map_or(at_ms, |last| at_ms.max(last.saturating_add(1)))
}

/// Gives events that came without a clock (an export or sync payload from
/// before clocks) one from their instant, the way the schema v6 migration
/// gave the log's: along each device's events in the order given (its
/// writing order, as exports and answers list them), each after the one
/// before and after that device's clocks already here.
fn give_clocks(conn: &Connection, events: &mut [Event]) -> Result<()> {
    // A clock is on the instants' scale; one beyond it would stop every
    // later clock from growing.
    if let Some(e) = events.iter().find(|e| {
        e.clock != Event::CLOCK_UNSET && Utc.timestamp_millis_opt(e.clock).single().is_none()
    }) {
        return Err(StoreError::Invalid {
            what: "event clock",
            detail: e.clock.to_string(),
        });
    }
    let mut last: std::collections::HashMap<String, Option<i64>> = Default::default();
    for event in events.iter_mut().filter(|e| e.clock == Event::CLOCK_UNSET) {
        let prev = match last.get(&event.device) {
            Some(prev) => *prev,
            None => conn
                .prepare_cached("SELECT max(clock) FROM events WHERE device = ?1")?
                .query_row(params![event.device], |r| r.get(0))?,
        };
        event.clock = after(prev, event.at.timestamp_millis());
        last.insert(event.device.clone(), Some(event.clock));
    }
    Ok(())
}

/// Gives every event of the log a clock from its instant, once, when the
/// schema gains clocks (v6): along each device's events in arrival order,
/// each after the one before. A device's events arrive everywhere in the
/// order it wrote them, so every device computes the same clocks, and a
/// session written while the clock was set back keeps its order.
pub(super) fn give_log_clocks(conn: &Connection) -> Result<()> {
    let mut last: std::collections::HashMap<String, i64> = Default::default();
    let rows: Vec<(i64, String, i64)> = conn
        .prepare("SELECT seq, device, at_ms FROM events ORDER BY seq")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut update = conn.prepare("UPDATE events SET clock = ?2 WHERE seq = ?1")?;
    for (seq, device, at_ms) in rows {
        let clock = after(last.get(&device).copied(), at_ms);
        update.execute(params![seq, clock])?;
        last.insert(device, clock);
    }
    Ok(())
}

fn insert(conn: &Connection, event: &Event) -> Result<()> {
    let (payload, erased) = match &event.payload {
        Some(p) => (serde_json::to_string(p)?, false),
        None => (String::new(), true),
    };
    let kind = event.payload.as_ref().map_or("erased", Payload::kind);
    exec(
        conn,
        "INSERT INTO events (id, at_ms, utc_offset_secs, device, kind, version, payload, erased,
            clock)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            event.id.as_bytes(),
            event.at.timestamp_millis(),
            event.utc_offset_secs,
            event.device,
            kind,
            event.version,
            payload,
            erased,
            event.clock,
        ],
    )?;
    Ok(())
}

/// Applies one event to the projections. A session's state is read from
/// `running` when it holds that session, else from its row; either way
/// `running` then holds the state as saved.
fn apply(conn: &Connection, event: &Event, running: &mut Option<Running>) -> Result<Vec<Cue>> {
    let Some(payload) = &event.payload else {
        return Ok(Vec::new());
    };
    let at = event.at;
    match payload {
        Payload::UrgeStarted {
            source,
            intensity,
            need,
            goal,
            cadence,
        } => {
            let session = UrgeSession::start(
                at,
                StartOptions {
                    source: *source,
                    intensity: *intensity,
                    need: *need,
                    goal: *goal,
                    cadence: *cadence,
                    utc_offset_secs: event.utc_offset_secs,
                },
            )?;
            let local = event.local_time();
            exec(
                conn,
                "INSERT INTO urge_sessions (id, started_ms, utc_offset_secs, local_hour,
                    local_weekday, source, need, start_intensity, goal_secs, cadence,
                    max_intensity, last_intensity, state)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?8, ?8, ?11)",
                params![
                    event.id.as_bytes(),
                    at.timestamp_millis(),
                    event.utc_offset_secs,
                    local.hour(),
                    local.weekday().num_days_from_monday(),
                    tag(source)?,
                    need.map(|n| tag(&n)).transpose()?,
                    intensity.map(|i| i.value()),
                    secs(goal.duration()),
                    tag(cadence)?,
                    serde_json::to_string(&session)?,
                ],
            )?;
            *running = Some(Running {
                id: event.id,
                session,
            });
            Ok(Vec::new())
        }
        // The reading is kept on the session's row (`readings`), which
        // saving the state rewrites anyway.
        Payload::CheckedIn { session, intensity } => {
            let cues = with_session(conn, *session, running, |s| Ok(s.check_in(at, *intensity)?))?;
            // The first reading after a skill is how strong the urge was
            // after it, unless the person already said (a re-rating after
            // each activity, as the timer and the guides ask for).
            exec(
                conn,
                "UPDATE skill_uses SET intensity_after = ?2
                  WHERE session_id = ?1 AND intensity_after IS NULL AND at_ms <= ?3",
                params![session.as_bytes(), intensity.value(), at.timestamp_millis()],
            )?;
            Ok(cues)
        }
        Payload::SkillUsed {
            session,
            skill,
            need,
            intensity_before,
            intensity_after,
            helped,
        } => {
            if let Some(id) = session {
                with_session(conn, *id, running, |s| {
                    s.skill_used(at, skill)?;
                    exec(
                        conn,
                        "UPDATE urge_sessions SET skills_used = skills_used + 1 WHERE id = ?1",
                        params![id.as_bytes()],
                    )?;
                    Ok(Vec::new())
                })?;
            }
            exec(
                conn,
                "INSERT INTO skill_uses (event_id, session_id, at_ms, skill, need,
                    intensity_before, intensity_after, helped)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    event.id.as_bytes(),
                    session.map(|s| *s.as_bytes()),
                    at.timestamp_millis(),
                    skill,
                    need.map(|n| tag(&n)).transpose()?,
                    intensity_before.map(|i| i.value()),
                    intensity_after.map(|i| i.value()),
                    helped,
                ],
            )?;
            Ok(Vec::new())
        }
        Payload::GoalExtended { session, goal } => with_session(conn, *session, running, |s| {
            s.extend(at, *goal)?;
            exec(
                conn,
                "UPDATE urge_sessions SET goal_secs = ?2 WHERE id = ?1",
                params![session.as_bytes(), secs(goal.duration())],
            )?;
            Ok(Vec::new())
        }),
        Payload::NeedNamed { session, need } => with_session(conn, *session, running, |s| {
            s.name_need(at, *need)?;
            exec(
                conn,
                "UPDATE urge_sessions SET need = ?2 WHERE id = ?1",
                params![session.as_bytes(), tag(need)?],
            )?;
            Ok(Vec::new())
        }),
        Payload::FeelingNamed { session, feeling } => with_session(conn, *session, running, |s| {
            s.name_feeling(at, *feeling)?;
            exec(
                conn,
                "INSERT OR IGNORE INTO session_feelings (session_id, feeling, at_ms)
                 VALUES (?1, ?2, ?3)",
                params![session.as_bytes(), tag(feeling)?, at.timestamp_millis()],
            )?;
            Ok(Vec::new())
        }),
        Payload::UrgeEnded {
            session,
            outcome,
            forgotten,
        } => with_session(conn, *session, running, |s| {
            let ended = if *forgotten {
                s.end_forgotten(at, *outcome)?
            } else {
                s.end(at, *outcome)?
            };
            let care = match outcome {
                Outcome::SelfHarmed { needs_medical_care } => Some(*needs_medical_care),
                _ => None,
            };
            exec(
                conn,
                "UPDATE urge_sessions SET ended_ms = ?2, outcome = ?3, needs_medical_care = ?4,
                    pause_ms = ?5
                 WHERE id = ?1",
                params![
                    session.as_bytes(),
                    at.timestamp_millis(),
                    outcome_tag(outcome),
                    care,
                    ms(ended.pause.duration()),
                ],
            )?;
            Ok(Vec::new())
        }),
        Payload::NoteWritten { session, text } => {
            exec(
                conn,
                "INSERT INTO notes (event_id, session_id, at_ms, text) VALUES (?1, ?2, ?3, ?4)",
                params![
                    event.id.as_bytes(),
                    session.map(|s| *s.as_bytes()),
                    at.timestamp_millis(),
                    text,
                ],
            )?;
            Ok(Vec::new())
        }
        // The plan, skills and settings are folded from the log when read
        // (`items.rs`).
        Payload::SafetyPlanSaved { .. }
        | Payload::SkillBookSaved { .. }
        | Payload::SettingsSaved { .. }
        | Payload::PlanItemSaved { .. }
        | Payload::PlanItemRemoved { .. }
        | Payload::PlanCountrySet { .. }
        | Payload::PersonalSkillSaved { .. }
        | Payload::PersonalSkillRemoved { .. }
        | Payload::SkillHidden { .. }
        | Payload::SettingChanged { .. } => Ok(Vec::new()),
        Payload::EntryDeleted { target } => {
            // Erasing rebuilds sessions from their rows' events.
            *running = None;
            erase(conn, *target)?;
            Ok(Vec::new())
        }
    }
}

/// Erases an entry's content; for a session, everything recorded in it.
/// Projections of what was erased are removed (a session's projection is
/// rebuilt from what remains).
fn erase(conn: &Connection, target: EventId) -> Result<()> {
    let Some(event) = event(conn, target)? else {
        // Not here (yet): the tombstone stays and is applied if it arrives.
        return Ok(());
    };
    let mut doomed = vec![target];
    let mut rebuild_session = None;
    match &event.payload {
        // A deletion is never erased: it holds no content, only its
        // target's id, and every device needs that id to erase the target.
        Some(Payload::EntryDeleted { .. }) => return Ok(()),
        Some(Payload::UrgeStarted { .. }) => {
            let session = target.to_string();
            let mut stmt = conn.prepare(
                "SELECT id FROM events WHERE erased = 0 AND json_extract(payload, '$.session') = ?1",
            )?;
            for id in stmt.query_map(params![session], |r| r.get::<_, Vec<u8>>(0))? {
                doomed.push(EventId::from_slice(&id?)?);
            }
        }
        Some(p) => rebuild_session = p.session(),
        None => {}
    }
    for id in &doomed {
        exec(
            conn,
            "UPDATE events SET payload = '', erased = 1, kind = 'erased' WHERE id = ?1",
            params![id.as_bytes()],
        )?;
        // A check-in lives on its session's row, rebuilt below.
        for table in ["skill_uses", "notes"] {
            exec(
                conn,
                &format!("DELETE FROM {table} WHERE event_id = ?1"),
                params![id.as_bytes()],
            )?;
        }
    }
    exec(
        conn,
        "DELETE FROM urge_sessions WHERE id = ?1",
        params![target.as_bytes()],
    )?;
    if let Some(session) = rebuild_session {
        rebuild_one(conn, session)?;
    }
    Ok(())
}

/// Runs `f` on a session's state and saves it. A session that is not here
/// (deleted, or its start not yet merged) is skipped.
fn with_session(
    conn: &Connection,
    id: SessionId,
    running: &mut Option<Running>,
    f: impl FnOnce(&mut UrgeSession) -> Result<Vec<Cue>>,
) -> Result<Vec<Cue>> {
    let mut s = match running.take() {
        Some(held) if held.id == id => held.session,
        _ => match session(conn, id)? {
            Some(s) => s,
            None => return Ok(Vec::new()),
        },
    };
    let cues = f(&mut s)?;
    save_state(conn, id, &s)?;
    *running = Some(Running { id, session: s });
    Ok(cues)
}

/// Saves a session's state snapshot, and what the review reads from it:
/// its readings (check-ins) and its peak and last intensity.
pub(super) fn save_state(conn: &Connection, id: SessionId, s: &UrgeSession) -> Result<()> {
    let readings: Vec<(i64, u8)> = s
        .check_ins()
        .iter()
        .map(|c| (ms(c.at), c.intensity.value()))
        .collect();
    let values = s
        .start_intensity()
        .into_iter()
        .chain(s.check_ins().iter().map(|c| c.intensity));
    let peak = values.clone().map(Intensity::value).max();
    let last = values.last().map(Intensity::value);
    exec(
        conn,
        "UPDATE urge_sessions SET state = ?2, readings = ?3, max_intensity = ?4,
            last_intensity = ?5
         WHERE id = ?1",
        params![
            id.as_bytes(),
            serde_json::to_string(s)?,
            serde_json::to_string(&readings)?,
            peak,
            last,
        ],
    )?;
    Ok(())
}

/// One session's state.
pub(super) fn session(conn: &Connection, id: SessionId) -> Result<Option<UrgeSession>> {
    let state: Option<String> = conn
        .prepare_cached("SELECT state FROM urge_sessions WHERE id = ?1")?
        .query_row(params![id.as_bytes()], |r| r.get(0))
        .optional()?;
    state
        .map(|s| serde_json::from_str(&s).map_err(StoreError::from))
        .transpose()
}

/// The id of the running session, without reading its state: writes that
/// only need to know which session they belong to leave the state to
/// [`apply`], which reads it once.
pub(super) fn active_id(conn: &Connection) -> Result<Option<SessionId>> {
    let id: Option<Vec<u8>> = conn
        .prepare_cached(
            "SELECT id FROM urge_sessions WHERE ended_ms IS NULL
             ORDER BY started_ms DESC, id DESC LIMIT 1",
        )?
        .query_row([], |r| r.get(0))
        .optional()?;
    id.map(|id| EventId::from_slice(&id)).transpose()
}

/// The most recently started session that has not ended.
pub(super) fn active(conn: &Connection) -> Result<Option<(SessionId, UrgeSession)>> {
    let row: Option<(Vec<u8>, String)> = conn
        .prepare_cached(
            "SELECT id, state FROM urge_sessions WHERE ended_ms IS NULL
             ORDER BY started_ms DESC, id DESC LIMIT 1",
        )?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    row.map(|(id, state)| Ok((EventId::from_slice(&id)?, serde_json::from_str(&state)?)))
        .transpose()
}

/// The events of `kinds` (an SQL list written into the statement, so the
/// planner uses that list's partial index), in fold order.
pub(super) fn folded(conn: &Connection, kinds: &str) -> Result<Vec<Event>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT_EVENT} WHERE kind IN {kinds} AND erased = 0 ORDER BY clock, id"
    ))?;
    let rows = stmt.query_map([], read_event_row)?;
    rows.map(|r| decode(r?)).collect()
}

/// Whether an entry with this id exists (erased or not).
pub(super) fn exists(conn: &Connection, id: EventId) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM events WHERE id = ?1",
            params![id.as_bytes()],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

fn event(conn: &Connection, id: EventId) -> Result<Option<Event>> {
    conn.query_row(
        &format!("{SELECT_EVENT} WHERE id = ?1"),
        params![id.as_bytes()],
        read_event_row,
    )
    .optional()?
    .map(decode)
    .transpose()
}

const SELECT_EVENT: &str =
    "SELECT id, at_ms, utc_offset_secs, device, version, payload, erased, clock FROM events";

type RawEvent = (Vec<u8>, i64, i32, String, u32, String, bool, i64);

fn read_event_row(r: &Row<'_>) -> rusqlite::Result<RawEvent> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
    ))
}

fn decode((id, at_ms, offset, device, version, payload, erased, clock): RawEvent) -> Result<Event> {
    Ok(Event {
        id: EventId::from_slice(&id)?,
        clock,
        at: Utc
            .timestamp_millis_opt(at_ms)
            .single()
            .ok_or_else(|| StoreError::Invalid {
                what: "event time",
                detail: at_ms.to_string(),
            })?,
        utc_offset_secs: offset,
        device,
        version,
        payload: if erased {
            None
        } else {
            Some(decode_payload(version, &payload)?)
        },
    })
}

/// Every event, in arrival order.
pub(super) fn all_events(conn: &Connection) -> Result<Vec<Event>> {
    let mut stmt = conn.prepare(&format!("{SELECT_EVENT} ORDER BY seq"))?;
    let rows = stmt.query_map([], read_event_row)?;
    rows.map(|r| decode(r?)).collect()
}

/// Finished sessions' pauses, oldest first, at most `limit` of the newest
/// (by start: one device runs one session at a time, and the start index
/// serves this without a sort).
pub(super) fn recent_pauses(conn: &Connection, limit: usize) -> Result<Vec<PastPause>> {
    let mut stmt = conn.prepare(
        "SELECT state FROM urge_sessions WHERE ended_ms IS NOT NULL
         ORDER BY started_ms DESC LIMIT ?1",
    )?;
    let mut pauses: Vec<PastPause> = stmt
        .query_map(params![i64::try_from(limit).unwrap_or(i64::MAX)], |r| {
            r.get::<_, String>(0)
        })?
        .map(|state| -> Result<Option<PastPause>> {
            let s: UrgeSession = serde_json::from_str(&state?)?;
            // A forgotten timer's pause was not a pause the person chose.
            Ok(s.ended().filter(|e| !e.forgotten).map(|e| PastPause {
                pause: PauseLength::new(e.pause.duration()),
                outcome: e.outcome,
            }))
        })
        .filter_map(Result::transpose)
        .collect::<Result<_>>()?;
    pauses.reverse();
    Ok(pauses)
}

/// Skill uses joined with their session's need and outcome, oldest first.
pub(super) fn past_skill_uses(conn: &Connection) -> Result<Vec<PastUse>> {
    let mut stmt = conn.prepare(
        "SELECT u.skill, coalesce(u.need, s.need), u.intensity_before, u.intensity_after,
                u.helped, u.at_ms, s.outcome,
                (SELECT count(*) FROM skill_uses e
                 WHERE u.session_id IS NOT NULL AND e.session_id = u.session_id
                   AND (e.at_ms, e.event_id) < (u.at_ms, u.event_id))
         FROM skill_uses u LEFT JOIN urge_sessions s ON s.id = u.session_id
         ORDER BY u.at_ms, u.event_id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Option<String>>(1)?,
            r.get::<_, Option<u8>>(2)?,
            r.get::<_, Option<u8>>(3)?,
            r.get::<_, Option<bool>>(4)?,
            r.get::<_, i64>(5)?,
            r.get::<_, Option<String>>(6)?,
            r.get::<_, u32>(7)?,
        ))
    })?;
    let mut uses = Vec::new();
    for row in rows {
        let (skill, need, before, after, helped, at_ms, outcome, earlier_skills) = row?;
        let Ok(skill) = SkillId::new(skill) else {
            continue;
        };
        let need: Option<Need> = need
            .map(|n| serde_json::from_value(serde_json::Value::String(n)))
            .transpose()?;
        let intensity = |v: Option<u8>| v.and_then(|v| Intensity::new(v).ok());
        uses.push(PastUse {
            skill,
            need,
            intensity_before: intensity(before),
            intensity_after: intensity(after),
            helped,
            urge_passed_safely: match outcome.as_deref() {
                Some("passed" | "used_skill" | "reached_out") => Some(true),
                Some("self_harmed") => Some(false),
                _ => None,
            },
            at: Utc
                .timestamp_millis_opt(at_ms)
                .single()
                .ok_or_else(|| StoreError::Invalid {
                    what: "skill use time",
                    detail: at_ms.to_string(),
                })?,
            earlier_skills,
        });
    }
    Ok(uses)
}

/// Merges foreign events by id, then rebuilds the projections. When
/// nothing is new (every event already here, no erased copies) nothing is
/// written.
pub(super) fn merge(conn: &Connection, mut events: Vec<Event>) -> Result<ImportReport> {
    give_clocks(conn, &mut events)?;
    let mut report = ImportReport::default();
    let mut tombstones = Vec::new();
    for event in events {
        if exists(conn, event.id)? {
            // Already here. An erased copy erases ours too.
            if event.payload.is_none() {
                tombstones.push(event.id);
            }
            report.already_present += 1;
            continue;
        }
        insert(conn, &event)?;
        report.added += 1;
    }
    if report.added == 0 && tombstones.is_empty() {
        return Ok(report);
    }
    for target in tombstones {
        erase(conn, target)?;
    }
    erase_deleted(conn)?;
    rebuild(conn)?;
    crate::progress::settle(conn, &[])?;
    Ok(report)
}

/// Erases everything the deletions in the log name, whatever order the
/// deletions and their targets arrived in: each target, and every event
/// recorded in a deleted session. The erased set is then a function of the
/// set of events alone, which is what lets every device converge. Runs as
/// one pass over the log, not one per deletion.
fn erase_deleted(conn: &Connection) -> Result<()> {
    let mut targets = std::collections::HashSet::new();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT json_extract(payload, '$.target') FROM events
             WHERE kind = 'entry_deleted' AND erased = 0",
        )?;
        for target in stmt.query_map([], |r| r.get::<_, Option<String>>(0))? {
            if let Some(target) = target?
                && let Ok(id) = target.parse::<EventId>()
            {
                targets.insert(id);
            }
        }
    }
    if targets.is_empty() {
        return Ok(());
    }
    let mut doomed = Vec::new();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT id, json_extract(payload, '$.session') FROM events
             WHERE erased = 0 AND kind != 'entry_deleted'",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, Option<String>>(1)?))
        })?;
        for row in rows {
            let (id, session) = row?;
            let id = EventId::from_slice(&id)?;
            let in_deleted_session = session
                .and_then(|s| s.parse::<EventId>().ok())
                .is_some_and(|s| targets.contains(&s));
            if in_deleted_session || targets.contains(&id) {
                doomed.push(id);
            }
        }
    }
    for id in doomed {
        exec(
            conn,
            "UPDATE events SET payload = '', erased = 1, kind = 'erased' WHERE id = ?1",
            params![id.as_bytes()],
        )?;
    }
    Ok(())
}

/// Rebuilds every projection from the log. Session starts go first so each
/// session exists before what happened in it (a start's row depends on
/// nothing else, and a session's events follow its start in clock order
/// anyway); the rest follows in clock order, as it was applied live.
/// Events the session rules refuse (a second end merged from another device)
/// stay in the log and are left out of the projections.
pub(super) fn rebuild(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "DELETE FROM skill_uses; DELETE FROM notes; DELETE FROM session_feelings;
         DELETE FROM urge_sessions;",
    )?;
    let events = ordered_events(conn)?;
    replay(conn, &events)
}

/// Rebuilds one session's projection from its remaining events. Deleting
/// its row removes its check-ins, skill uses, notes and feelings too
/// (foreign keys cascade); replaying puts back what remains.
fn rebuild_one(conn: &Connection, id: SessionId) -> Result<()> {
    exec(
        conn,
        "DELETE FROM urge_sessions WHERE id = ?1",
        params![id.as_bytes()],
    )?;
    let mut stmt = conn.prepare(&format!(
        "{SELECT_EVENT} WHERE erased = 0
           AND (id = ?1 OR json_extract(payload, '$.session') = ?2)
         {REPLAY_ORDER}"
    ))?;
    let rows = stmt.query_map(params![id.as_bytes(), id.to_string()], read_event_row)?;
    let events = rows.map(|r| decode(r?)).collect::<Result<Vec<_>>>()?;
    replay(conn, &events)
}

/// Session starts first, then everything by clock (ties by id), never by
/// wall-clock time.
const REPLAY_ORDER: &str = "ORDER BY kind != 'urge_started', clock, id";

fn ordered_events(conn: &Connection) -> Result<Vec<Event>> {
    let mut stmt = conn.prepare(&format!("{SELECT_EVENT} WHERE erased = 0 {REPLAY_ORDER}"))?;
    let rows = stmt.query_map([], read_event_row)?;
    rows.map(|r| decode(r?)).collect()
}

fn replay(conn: &Connection, events: &[Event]) -> Result<()> {
    let mut running = None;
    for event in events {
        match apply(conn, event, &mut running) {
            Ok(_) | Err(StoreError::Urge(_)) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// The serde tag of a unit-like enum value, for its text column.
fn tag<T: serde::Serialize>(value: &T) -> Result<String> {
    match serde_json::to_value(value)? {
        serde_json::Value::String(s) => Ok(s),
        other => Err(StoreError::Invalid {
            what: "tag",
            detail: other.to_string(),
        }),
    }
}

fn outcome_tag(outcome: &Outcome) -> &'static str {
    match outcome {
        Outcome::Passed => "passed",
        Outcome::UsedSkill => "used_skill",
        Outcome::ReachedOut => "reached_out",
        Outcome::SelfHarmed { .. } => "self_harmed",
        Outcome::EndedWithoutSaying => "ended_without_saying",
    }
}

/// Runs a statement from the connection's statement cache: the store runs
/// the same few statements on every tap, so each is prepared once.
fn exec(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> Result<usize> {
    Ok(conn.prepare_cached(sql)?.execute(params)?)
}

fn secs(d: Duration) -> i64 {
    i64::try_from(d.as_secs()).unwrap_or(i64::MAX)
}

fn ms(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}
