//! Export and import: a lossless JSON file of the whole log, and a CSV of
//! urge sessions for spreadsheets.
//!
//! The JSON format (version 2):
//!
//! ```json
//! {
//!   "format": "ebb-export",
//!   "version": 2,
//!   "exported_at": 1795658400000,
//!   "events": [
//!     { "id": "0193…", "clock": 1795658400000, "at": 1795658400000,
//!       "utc_offset_secs": 3600, "device": "…", "version": 1,
//!       "payload": { "kind": "urge_started", "source": "widget", … } },
//!     { "id": "0193…", …, "payload": null }
//!   ]
//! }
//! ```
//!
//! `at` and `exported_at` are UTC milliseconds; `clock` is the event's
//! place in the log's order (see `event.rs`), which version 2 added;
//! `payload` is `null` for a deleted entry (a tombstone). Events are listed
//! in the exporting log's arrival order. Import merges by id, so importing
//! the same file twice changes nothing. A version 1 file (no clocks) still
//! imports: its events get clocks from their instants, along each device's
//! events in the file's order.

use std::io::{Read, Write};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Store;
use super::error::{Result, StoreError};
use super::event::Event;

/// The `format` field of an export.
pub const EXPORT_FORMAT: &str = "ebb-export";
/// The export format version this build writes; it reads this one and
/// every earlier one.
pub const EXPORT_VERSION: u32 = 2;

/// What an import or merge did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    /// Events that were new here.
    pub added: usize,
    /// Events that were already here.
    pub already_present: usize,
}

#[derive(Serialize, Deserialize)]
struct ExportFile {
    format: String,
    version: u32,
    #[serde(with = "chrono::serde::ts_milliseconds")]
    exported_at: DateTime<Utc>,
    events: Vec<Event>,
}

impl Store {
    /// Writes the whole log as JSON.
    pub fn export_json(&self, now: DateTime<Utc>, out: impl Write) -> Result<()> {
        let file = ExportFile {
            format: EXPORT_FORMAT.to_owned(),
            version: EXPORT_VERSION,
            exported_at: now,
            events: self.events()?,
        };
        serde_json::to_writer_pretty(out, &file).map_err(|e| match e.io_error_kind() {
            Some(kind) => StoreError::Io(kind.into()),
            None => StoreError::from(e),
        })
    }

    /// Reads an export and merges it. A file that is not an Ebb export, or
    /// from a newer format ([`StoreError::ExportTooNew`]), is refused whole
    /// and nothing changes.
    pub fn import_json(&mut self, input: impl Read) -> Result<ImportReport> {
        let value: serde_json::Value =
            serde_json::from_reader(input).map_err(|e| StoreError::Invalid {
                what: "import file",
                detail: format!("not JSON: {e}"),
            })?;
        let format = value.get("format").and_then(|f| f.as_str());
        if format != Some(EXPORT_FORMAT) {
            return Err(StoreError::Invalid {
                what: "import file",
                detail: "not an Ebb export".into(),
            });
        }
        let version = value.get("version").and_then(|v| v.as_u64());
        match version {
            Some(v) if (1..=u64::from(EXPORT_VERSION)).contains(&v) => {}
            Some(found) if found > u64::from(EXPORT_VERSION) => {
                return Err(StoreError::ExportTooNew {
                    found,
                    supported: EXPORT_VERSION,
                });
            }
            _ => {
                return Err(StoreError::Invalid {
                    what: "import file",
                    detail: format!("export version {version:?} is not one this build reads"),
                });
            }
        }
        let file: ExportFile = serde_json::from_value(value).map_err(|e| StoreError::Invalid {
            what: "import file",
            detail: e.to_string(),
        })?;
        self.merge(file.events)
    }

    /// Writes one CSV row per urge session, oldest first.
    pub fn export_sessions_csv(&self, out: impl Write) -> Result<()> {
        let mut w = csv::Writer::from_writer(out);
        w.write_record([
            "session_id",
            "started_utc",
            "started_local",
            "source",
            "need",
            "start_intensity",
            "highest_intensity",
            "last_intensity",
            "goal_minutes",
            "skills_used",
            "outcome",
            "needs_medical_care",
            "pause_seconds",
        ])
        .map_err(csv_error)?;
        let mut stmt = self.conn().prepare(
            "SELECT id, started_ms, utc_offset_secs, source, need, start_intensity,
                    max_intensity, last_intensity, goal_secs, skills_used, outcome,
                    needs_medical_care, pause_ms
             FROM urge_sessions ORDER BY started_ms, id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id = super::EventId::from_slice(&r.get::<_, Vec<u8>>(0)?)?;
            let started = DateTime::<Utc>::from_timestamp_millis(r.get(1)?).unwrap_or_default();
            let offset = chrono::FixedOffset::east_opt(r.get(2)?)
                .unwrap_or_else(|| chrono::Offset::fix(&Utc));
            let opt = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
            w.write_record([
                id.to_string(),
                started.to_rfc3339(),
                started.with_timezone(&offset).to_rfc3339(),
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?.unwrap_or_default(),
                opt(r.get(5)?),
                opt(r.get(6)?),
                opt(r.get(7)?),
                (r.get::<_, i64>(8)? / 60).to_string(),
                r.get::<_, i64>(9)?.to_string(),
                r.get::<_, Option<String>>(10)?.unwrap_or_default(),
                r.get::<_, Option<bool>>(11)?
                    .map(|b| if b { "yes" } else { "no" }.to_owned())
                    .unwrap_or_default(),
                r.get::<_, Option<i64>>(12)?
                    .map(|ms| (ms / 1000).to_string())
                    .unwrap_or_default(),
            ])
            .map_err(csv_error)?;
        }
        w.flush()?;
        Ok(())
    }
}

fn csv_error(e: csv::Error) -> StoreError {
    StoreError::Io(std::io::Error::other(e.to_string()))
}
