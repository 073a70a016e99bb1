//! Device sync: watch and phone (or any two logs) exchange the events the
//! other lacks as compact bytes, with no account and no server. The shells
//! only carry the bytes over the platform's own channel.
//!
//! A round has three steps. The asking device makes a *request*
//! ([`Store::sync_request`]): its id and, for every device it has synced
//! from, how far into that device's log it has read (a cursor: the peer's
//! arrival sequence number and the id of the event at it). The other device
//! *answers* ([`Store::sync_answer`]) with every event in its log after the
//! asker's cursor for it. The asker *merges* the answer
//! ([`Store::sync_merge`]) by event id, through the same code as an import,
//! and moves its cursor. Merging is idempotent, commutative and associative,
//! so any order of rounds between any number of devices ends in the same log.
//!
//! Bytes on the wire (all integers little-endian), see `docs/SYNC.md`:
//!
//! ```text
//! 0..4   magic "EBBS"
//! 4      format version (2; 1 is still read)
//! 5      kind: 1 request, 2 answer
//! 6..10  CRC-32 (IEEE) of every byte from 10 on
//! 10..   raw DEFLATE of the postcard encoding of the request or answer
//! ```
//!
//! Anything that does not decode, whose checksum does not match, that is
//! from a newer format, addressed to another device, or whose range this
//! device has already merged from its sender (a *replay*) is refused with a
//! [`SyncError`] before anything is written.

use std::collections::HashMap;

use chrono::{FixedOffset, TimeZone, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::error::{Result, StoreError};
use super::event::{Event, EventId, decode_payload};
use super::{Store, project, write};

/// The first four bytes of every sync payload.
pub const SYNC_MAGIC: [u8; 4] = *b"EBBS";
/// The payload format this build writes. Version 2 added each event's
/// clock (its place in the log's order).
pub const SYNC_VERSION: u8 = 2;
/// The oldest payload format this build reads. A version 1 answer's events
/// get clocks from their instants as they merge (`project::merge`).
const OLDEST_SYNC_VERSION: u8 = 1;

const KIND_REQUEST: u8 = 1;
const KIND_ANSWER: u8 = 2;
const HEADER_LEN: usize = 10;
/// The most a payload may inflate to: far above years of heavy use (about
/// 200 bytes an event, so some 160,000 events), low enough that a hostile
/// payload cannot exhaust a watch's memory. It is enforced as the stream is
/// inflated ([`inflate_bounded`]), so a payload that would inflate further
/// is refused having used about this much.
const MAX_INFLATED: usize = 32 * 1024 * 1024;
/// How much is inflated at a time.
const INFLATE_CHUNK: usize = 32 * 1024;
/// The `meta` key prefix under which the cursor for each peer is kept.
const CURSOR_KEY: &str = "sync.cursor.";

/// Why a sync payload was refused. Nothing was changed in any case.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SyncError {
    /// Fewer bytes than a payload has: cut off on the way.
    #[error("the sync payload is truncated")]
    Truncated,
    /// The bytes are not a sync payload at all.
    #[error("not an Ebb sync payload")]
    NotSync,
    /// A newer Ebb wrote it. Update this app; then sync again.
    #[error("sync format {found} is newer than this build reads ({supported})")]
    UnsupportedVersion {
        /// The payload's format version.
        found: u8,
        /// The newest this build reads.
        supported: u8,
    },
    /// The checksum does not match: the bytes were damaged on the way.
    #[error("the sync payload is damaged (checksum mismatch)")]
    Checksum,
    /// The checksum matched but the content is not a valid request or
    /// answer (a bug in the sender, or a forged payload).
    #[error("the sync payload is malformed: {0}")]
    Malformed(String),
    /// A request was given where an answer was expected, or the reverse.
    #[error("expected a sync {expected}, got something else")]
    WrongKind {
        /// What was expected: "request" or "answer".
        expected: &'static str,
    },
    /// The answer was made for another device's request, or a device asked
    /// itself.
    #[error("the sync payload is not for this device")]
    NotForThisDevice,
    /// This device has already merged everything in this answer from its
    /// sender (the same answer delivered twice).
    #[error("the sync payload was already merged (events {since}..{upto} from {from})")]
    Replayed {
        /// The sender's device id.
        from: String,
        /// The answer's range start (exclusive), in the sender's log.
        since: u64,
        /// The answer's range end (inclusive).
        upto: u64,
    },
}

/// What merging an answer did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SyncReport {
    /// Events that were new to this device.
    pub added: u32,
    /// Entries that were here with their content and are now erased by
    /// deletions that came with the answer.
    pub erased: u32,
}

/// How far into a peer's log this device has read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Cursor {
    /// The peer's device id.
    peer: String,
    /// The peer's arrival sequence number read up to (inclusive).
    seq: u64,
    /// The id of the event at `seq` in the peer's log, so a peer whose log
    /// was replaced (a restored backup) is recognised and answers in full.
    last: [u8; 16],
}

#[derive(Debug, Serialize, Deserialize)]
struct Request {
    /// The asking device.
    device: String,
    /// Its cursor for every peer it has merged from.
    cursors: Vec<Cursor>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Answer<E = WireEvent> {
    /// The answering device.
    from: String,
    /// The device whose request this answers.
    to: String,
    /// The events are those after `since` in the sender's log...
    since: u64,
    /// ...up to and including `upto`.
    upto: u64,
    /// The id of the event at `upto` (zero when the log is empty).
    upto_id: [u8; 16],
    /// The asker's cursor did not match the sender's log (the sender's log
    /// was replaced): this answer is the whole log, and the asker's cursor
    /// is set to it rather than moved forward.
    reset: bool,
    /// Device ids the events refer to, each once.
    devices: Vec<String>,
    /// The events, in the sender's arrival order.
    events: Vec<E>,
}

/// An event as it travels. The payload is the stored JSON with its own
/// version, so a later build reads what an earlier one sent.
#[derive(Debug, Serialize, Deserialize)]
struct WireEvent {
    id: [u8; 16],
    /// Its place in the log's order (see `event.rs`).
    clock: i64,
    at_ms: i64,
    utc_offset_secs: i32,
    /// Index into [`Answer::devices`].
    device: u32,
    version: u32,
    /// `None` for an erased entry (a tombstone).
    payload: Option<String>,
}

/// An event as format version 1 carried it: without its clock.
#[derive(Debug, Serialize, Deserialize)]
struct WireEventV1 {
    id: [u8; 16],
    at_ms: i64,
    utc_offset_secs: i32,
    device: u32,
    version: u32,
    payload: Option<String>,
}

impl From<WireEventV1> for WireEvent {
    fn from(w: WireEventV1) -> Self {
        Self {
            id: w.id,
            clock: Event::CLOCK_UNSET,
            at_ms: w.at_ms,
            utc_offset_secs: w.utc_offset_secs,
            device: w.device,
            version: w.version,
            payload: w.payload,
        }
    }
}

/// Decodes an answer of any format this build reads.
fn decode_answer(bytes: &[u8]) -> Result<Answer, SyncError> {
    let (version, raw) = unframe(KIND_ANSWER, "answer", bytes)?;
    if version >= 2 {
        return body(&raw);
    }
    let old: Answer<WireEventV1> = body(&raw)?;
    Ok(Answer {
        from: old.from,
        to: old.to,
        since: old.since,
        upto: old.upto,
        upto_id: old.upto_id,
        reset: old.reset,
        devices: old.devices,
        events: old.events.into_iter().map(WireEvent::from).collect(),
    })
}

impl Store {
    /// What this device already has, to send to the other device: its id
    /// and its cursor for every device it has merged from.
    pub fn sync_request(&self) -> Result<Vec<u8>> {
        let mut stmt = self
            .conn
            .prepare("SELECT key, value FROM meta WHERE key LIKE 'sync.cursor.%'")?;
        let mut cursors = Vec::new();
        for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
            let (key, value) = row?;
            let peer = key.trim_start_matches(CURSOR_KEY).to_owned();
            if let Some((seq, last)) = parse_cursor(&value) {
                cursors.push(Cursor { peer, seq, last });
            }
        }
        let request = Request {
            device: self.device().to_owned(),
            cursors,
        };
        encode(KIND_REQUEST, &request)
    }

    /// The events the asker of `request` lacks, as a payload for it to
    /// merge: everything in this log after the asker's cursor for this
    /// device (all of it on a first sync, or when the cursor does not match
    /// this log).
    pub fn sync_answer(&self, request: &[u8]) -> Result<Vec<u8>> {
        let request: Request = decode(KIND_REQUEST, "request", request)?;
        if request.device == self.device() {
            return Err(SyncError::NotForThisDevice.into());
        }
        let conn = &self.conn;
        let cursor = request.cursors.iter().find(|c| c.peer == self.device());
        let (since, reset) = match cursor {
            None => (0, false),
            Some(c) if c.seq == 0 => (0, false),
            Some(c) => {
                if id_at(conn, c.seq)? == Some(c.last) {
                    (c.seq, false)
                } else {
                    (0, true)
                }
            }
        };
        let mut answer = Answer {
            from: self.device().to_owned(),
            to: request.device,
            since,
            upto: since,
            upto_id: [0; 16],
            reset,
            devices: Vec::new(),
            events: Vec::new(),
        };
        if let Some(id) = id_at(conn, since)? {
            answer.upto_id = id;
        }
        let mut devices: HashMap<String, u32> = HashMap::new();
        let mut stmt = conn.prepare(
            "SELECT seq, id, at_ms, utc_offset_secs, device, version, payload, erased, clock
             FROM events WHERE seq > ?1 ORDER BY seq",
        )?;
        let mut rows = stmt.query(params![seq_param(since)])?;
        while let Some(r) = rows.next()? {
            let seq: i64 = r.get(0)?;
            let id = id_bytes(&r.get::<_, Vec<u8>>(1)?)?;
            let device: String = r.get(4)?;
            let index = match devices.get(&device) {
                Some(i) => *i,
                None => {
                    let i = u32::try_from(answer.devices.len()).unwrap_or(u32::MAX);
                    devices.insert(device.clone(), i);
                    answer.devices.push(device);
                    i
                }
            };
            let erased: bool = r.get(7)?;
            answer.events.push(WireEvent {
                id,
                clock: r.get(8)?,
                at_ms: r.get(2)?,
                utc_offset_secs: r.get(3)?,
                device: index,
                version: r.get(5)?,
                payload: if erased { None } else { Some(r.get(6)?) },
            });
            answer.upto = u64::try_from(seq).unwrap_or(0);
            answer.upto_id = id;
        }
        encode(KIND_ANSWER, &answer)
    }

    /// Merges an answer from another device: events new here are added by
    /// id (the import path), deletions erase their entries, projections are
    /// rebuilt, and this device's cursor for the sender moves on. A payload
    /// that is damaged, from a newer format, not for this device, or already
    /// merged changes nothing and is refused with [`StoreError::Sync`].
    pub fn sync_merge(&mut self, payload: &[u8]) -> Result<SyncReport> {
        let answer = decode_answer(payload)?;
        if answer.to != self.device() || answer.from == self.device() {
            return Err(SyncError::NotForThisDevice.into());
        }
        if answer.since > answer.upto || seq_param(answer.upto) == i64::MAX {
            return Err(SyncError::Malformed("range".into()).into());
        }
        let events = answer
            .events
            .iter()
            .map(|w| to_event(w, &answer.devices))
            .collect::<Result<Vec<_>>>()?;

        let key = format!("{CURSOR_KEY}{}", answer.from);
        let tx = write(&mut self.conn, &mut self.running)?;
        let cursor: Option<(u64, [u8; 16])> = tx
            .query_row("SELECT value FROM meta WHERE key = ?1", params![key], |r| {
                r.get::<_, String>(0)
            })
            .optional()?
            .and_then(|v| parse_cursor(&v));
        let seen = cursor.map_or(0, |(seq, _)| seq);
        if !answer.reset && answer.since < answer.upto && answer.upto <= seen {
            return Err(SyncError::Replayed {
                from: answer.from,
                since: answer.since,
                upto: answer.upto,
            }
            .into());
        }
        // A reset answer replaces the cursor; otherwise it moves on only
        // when this range joins what was already read. Answers merged out
        // of order (a gap before this range) merge, and the cursor stays.
        let joins = answer.since <= seen && answer.upto > seen;
        let next = (answer.reset || joins).then_some((answer.upto, answer.upto_id));

        let before_max: i64 =
            tx.query_row("SELECT coalesce(max(seq), 0) FROM events", [], |r| r.get(0))?;
        let erased_before = erased_up_to(&tx, before_max)?;
        let report = if events.is_empty() {
            Default::default()
        } else {
            project::merge(&tx, events)?
        };
        let erased_after = erased_up_to(&tx, before_max)?;
        if let Some((seq, id)) = next {
            tx.execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![key, format!("{seq} {}", EventId::from_bytes(id))],
            )?;
        }
        tx.commit()?;
        self.keep_country();
        Ok(SyncReport {
            added: u32::try_from(report.added).unwrap_or(u32::MAX),
            erased: u32::try_from(erased_after.saturating_sub(erased_before)).unwrap_or(u32::MAX),
        })
    }
}

/// Frames `body` as a payload of `kind`.
fn encode<T: Serialize>(kind: u8, body: &T) -> Result<Vec<u8>> {
    let raw = postcard::to_stdvec(body).map_err(|e| StoreError::Invalid {
        what: "sync payload",
        detail: e.to_string(),
    })?;
    let packed = miniz_oxide::deflate::compress_to_vec(&raw, 6);
    let mut out = Vec::with_capacity(HEADER_LEN + packed.len());
    out.extend_from_slice(&SYNC_MAGIC);
    out.push(SYNC_VERSION);
    out.push(kind);
    out.extend_from_slice(&crc32fast::hash(&packed).to_le_bytes());
    out.extend_from_slice(&packed);
    Ok(out)
}

/// Checks the frame and decodes the body of a payload of `kind` whose body
/// is the same in every format this build reads.
fn decode<T: for<'de> Deserialize<'de>>(
    kind: u8,
    expected: &'static str,
    bytes: &[u8],
) -> Result<T, SyncError> {
    body(&unframe(kind, expected, bytes)?.1)
}

/// Checks the frame of a payload of `kind` and inflates its body; returns
/// the format version with it.
fn unframe(kind: u8, expected: &'static str, bytes: &[u8]) -> Result<(u8, Vec<u8>), SyncError> {
    let Some(magic) = bytes.get(..4) else {
        return Err(if SYNC_MAGIC.starts_with(bytes) {
            SyncError::Truncated
        } else {
            SyncError::NotSync
        });
    };
    if magic != SYNC_MAGIC {
        return Err(SyncError::NotSync);
    }
    let version = *bytes.get(4).ok_or(SyncError::Truncated)?;
    if !(OLDEST_SYNC_VERSION..=SYNC_VERSION).contains(&version) {
        return Err(SyncError::UnsupportedVersion {
            found: version,
            supported: SYNC_VERSION,
        });
    }
    let found_kind = *bytes.get(5).ok_or(SyncError::Truncated)?;
    let sum = bytes
        .get(6..HEADER_LEN)
        .and_then(|s| <[u8; 4]>::try_from(s).ok())
        .ok_or(SyncError::Truncated)?;
    let packed = &bytes[HEADER_LEN..];
    if crc32fast::hash(packed) != u32::from_le_bytes(sum) {
        // A cut-off body fails the checksum too; say which it most likely
        // was only when the body is missing altogether.
        return Err(if packed.is_empty() {
            SyncError::Truncated
        } else {
            SyncError::Checksum
        });
    }
    if found_kind != kind {
        return Err(SyncError::WrongKind { expected });
    }
    let raw = inflate_bounded(packed, MAX_INFLATED)?;
    Ok((version, raw))
}

/// Decodes a postcard body that must fill `raw` exactly.
fn body<T: for<'de> Deserialize<'de>>(raw: &[u8]) -> Result<T, SyncError> {
    let (body, rest) =
        postcard::take_from_bytes(raw).map_err(|e| SyncError::Malformed(e.to_string()))?;
    if !rest.is_empty() {
        return Err(SyncError::Malformed("trailing bytes".into()));
    }
    Ok(body)
}

/// Inflates raw DEFLATE data a chunk at a time, refusing as soon as the
/// output would pass `limit`: memory grows only with what was inflated, and
/// never past the limit. The errors carry no payload bytes (an error that
/// kept the partial output would hold up to `limit` bytes, and printing it
/// would cost several times that).
fn inflate_bounded(packed: &[u8], limit: usize) -> Result<Vec<u8>, SyncError> {
    use miniz_oxide::inflate::stream::{InflateState, inflate};
    use miniz_oxide::{DataFormat, MZError, MZFlush, MZStatus};

    let mut state = InflateState::new_boxed(DataFormat::Raw);
    let mut chunk = vec![0u8; INFLATE_CHUNK];
    let mut out = Vec::new();
    let mut input = packed;
    loop {
        let step = inflate(&mut state, input, &mut chunk, MZFlush::None);
        input = input.get(step.bytes_consumed..).unwrap_or_default();
        let written = chunk.get(..step.bytes_written).unwrap_or_default();
        if out.len().saturating_add(written.len()) > limit {
            return Err(SyncError::Malformed(format!(
                "inflates to more than {} MiB",
                limit / (1024 * 1024)
            )));
        }
        out.extend_from_slice(written);
        match step.status {
            Ok(MZStatus::StreamEnd) => return Ok(out),
            Ok(_) => {}
            // No progress: the input ended before the stream did.
            Err(MZError::Buf) if step.bytes_consumed == 0 && step.bytes_written == 0 => {
                return Err(SyncError::Malformed("deflate: ends too soon".into()));
            }
            Err(MZError::Buf) => {}
            Err(_) => return Err(SyncError::Malformed("deflate: damaged".into())),
        }
    }
}

/// Checks one event from the wire and reads its payload.
fn to_event(w: &WireEvent, devices: &[String]) -> Result<Event> {
    let malformed = |what: &str| StoreError::from(SyncError::Malformed(what.to_owned()));
    let device = usize::try_from(w.device)
        .ok()
        .and_then(|i| devices.get(i))
        .ok_or_else(|| malformed("device index"))?;
    let at = Utc
        .timestamp_millis_opt(w.at_ms)
        .single()
        .ok_or_else(|| malformed("event time"))?;
    if FixedOffset::east_opt(w.utc_offset_secs).is_none() {
        return Err(malformed("utc offset"));
    }
    // A clock is on the instants' scale; one beyond it would stop every
    // later clock from growing.
    if w.clock != Event::CLOCK_UNSET && Utc.timestamp_millis_opt(w.clock).single().is_none() {
        return Err(malformed("event clock"));
    }
    let payload = match &w.payload {
        None => None,
        Some(json) => Some(decode_payload(w.version, json).map_err(|e| match e {
            StoreError::Invalid { detail, .. } => {
                StoreError::from(SyncError::Malformed(format!("event payload: {detail}")))
            }
            other => other,
        })?),
    };
    Ok(Event {
        id: EventId::from_bytes(w.id),
        clock: w.clock,
        at,
        utc_offset_secs: w.utc_offset_secs,
        device: device.clone(),
        version: w.version,
        payload,
    })
}

/// The id of the event at `seq`, if there is one.
fn id_at(conn: &Connection, seq: u64) -> Result<Option<[u8; 16]>> {
    if seq == 0 {
        return Ok(None);
    }
    conn.query_row(
        "SELECT id FROM events WHERE seq = ?1",
        params![seq_param(seq)],
        |r| r.get::<_, Vec<u8>>(0),
    )
    .optional()?
    .map(|id| id_bytes(&id))
    .transpose()
}

fn id_bytes(id: &[u8]) -> Result<[u8; 16]> {
    <[u8; 16]>::try_from(id).map_err(|_| StoreError::Invalid {
        what: "event id",
        detail: format!("{} bytes", id.len()),
    })
}

/// How many entries with `seq <= max` are erased.
fn erased_up_to(conn: &Connection, max: i64) -> Result<u64> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM events WHERE erased = 1 AND seq <= ?1",
        params![max],
        |r| r.get(0),
    )?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// A sequence number as SQLite's integer (saturating; SQLite's are
/// positive `i64`s).
fn seq_param(seq: u64) -> i64 {
    i64::try_from(seq).unwrap_or(i64::MAX)
}

/// Reads a stored cursor: `"<seq> <event id>"`.
fn parse_cursor(value: &str) -> Option<(u64, [u8; 16])> {
    let (seq, id) = value.split_once(' ')?;
    let id: EventId = id.parse().ok()?;
    Some((seq.parse().ok()?, *id.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn framed() -> Vec<u8> {
        encode(
            KIND_REQUEST,
            &Request {
                device: "d".into(),
                cursors: vec![],
            },
        )
        .unwrap()
    }

    #[test]
    fn every_prefix_of_a_payload_is_refused_as_truncated_or_damaged() {
        let bytes = framed();
        for n in 0..bytes.len() {
            let e = decode::<Request>(KIND_REQUEST, "request", &bytes[..n]).unwrap_err();
            assert!(
                matches!(e, SyncError::Truncated | SyncError::Checksum),
                "{n}: {e:?}"
            );
        }
        decode::<Request>(KIND_REQUEST, "request", &bytes).unwrap();
    }

    #[test]
    fn a_flipped_bit_in_the_body_fails_the_checksum() {
        let mut bytes = framed();
        let last = bytes.len() - 1;
        bytes[last] ^= 0x10;
        assert_eq!(
            decode::<Request>(KIND_REQUEST, "request", &bytes).unwrap_err(),
            SyncError::Checksum
        );
    }

    #[test]
    fn a_newer_format_is_named_as_such() {
        let mut bytes = framed();
        bytes[4] = SYNC_VERSION + 1;
        assert_eq!(
            decode::<Request>(KIND_REQUEST, "request", &bytes).unwrap_err(),
            SyncError::UnsupportedVersion {
                found: SYNC_VERSION + 1,
                supported: SYNC_VERSION
            }
        );
    }

    /// A payload with a valid frame around `packed`.
    fn frame(packed: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(&SYNC_MAGIC);
        out.push(SYNC_VERSION);
        out.push(KIND_REQUEST);
        out.extend_from_slice(&crc32fast::hash(packed).to_le_bytes());
        out.extend_from_slice(packed);
        out
    }

    #[test]
    fn a_payload_that_inflates_past_the_limit_is_refused_without_its_bytes() {
        let zeros = vec![0u8; MAX_INFLATED + 1];
        let bytes = frame(&miniz_oxide::deflate::compress_to_vec(&zeros, 6));
        drop(zeros);
        let e = decode::<Request>(KIND_REQUEST, "request", &bytes).unwrap_err();
        assert!(matches!(e, SyncError::Malformed(_)), "{e:?}");
        // The error says why in a few words and holds none of the output.
        assert!(format!("{e:?}").len() < 100, "{e:?}");
    }

    #[test]
    fn inflating_stops_at_the_limit_and_reads_exactly_up_to_it() {
        let data: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let packed = miniz_oxide::deflate::compress_to_vec(&data, 6);
        assert_eq!(inflate_bounded(&packed, data.len()).unwrap(), data);
        assert!(inflate_bounded(&packed, data.len() - 1).is_err());
        assert!(inflate_bounded(&packed[..packed.len() / 2], data.len()).is_err());
        assert!(inflate_bounded(&[0xff; 64], data.len()).is_err());
        assert!(inflate_bounded(&[], data.len()).is_err());
    }

    #[test]
    fn a_request_is_not_taken_for_an_answer() {
        assert_eq!(
            decode::<Answer>(KIND_ANSWER, "answer", &framed()).unwrap_err(),
            SyncError::WrongKind { expected: "answer" }
        );
    }
}
