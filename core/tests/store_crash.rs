//! The log under a killed process and two writers at once.
//!
//! The test binary doubles as the child: when `EBB_CHILD_DB` is set, the
//! `child_writer` test writes notes in a loop, printing each id after its
//! call returned (that is, after the commit was acknowledged).

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests state their expectations by unwrapping

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{FixedOffset, Utc};
use ebb_core::store::{DatabaseKey, OpenOptions, Payload, Store};

const KEY: [u8; 32] = [42; 32];

fn now() -> chrono::DateTime<FixedOffset> {
    Utc::now().fixed_offset()
}

/// The child's body; a no-op when run as an ordinary test.
#[test]
fn child_writer() {
    let Ok(path) = std::env::var("EBB_CHILD_DB") else {
        return;
    };
    let count: usize = std::env::var("EBB_CHILD_COUNT")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(usize::MAX);
    let tag = std::env::var("EBB_CHILD_TAG").unwrap_or_default();
    let mut store = Store::open(&path, &DatabaseKey::new(KEY), OpenOptions::default()).unwrap();
    let mut out = std::io::stdout().lock();
    for i in 0..count {
        let id = store.write_note(now(), &format!("{tag} note {i}")).unwrap();
        // libtest may have printed "test child_writer ... " on this line.
        writeln!(out, "ACK {id}").unwrap();
        out.flush().unwrap();
    }
}

fn spawn_writer(db: &Path, count: Option<usize>, tag: &str) -> Child {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args(["--exact", "child_writer", "--nocapture", "--test-threads=1"])
        .env("EBB_CHILD_DB", db)
        .env("EBB_CHILD_TAG", tag)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    if let Some(n) = count {
        cmd.env("EBB_CHILD_COUNT", n.to_string());
    }
    cmd.spawn().unwrap()
}

/// Event ids the child acknowledged, read from its output.
fn acknowledged(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .filter_map(|l| l.split("ACK ").nth(1))
        .map(|id| id.trim().to_owned())
        .filter(|id| id.len() == 36)
        .collect()
}

fn note_ids(store: &Store) -> std::collections::HashSet<String> {
    store
        .events()
        .unwrap()
        .into_iter()
        .filter(|e| matches!(e.payload, Some(Payload::NoteWritten { .. })))
        .map(|e| e.id.to_string())
        .collect()
}

#[test]
fn every_acknowledged_write_survives_sigkill_at_random_moments() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ebb.db");
    // Create it once so every child opens an existing file.
    drop(Store::open(&db, &DatabaseKey::new(KEY), OpenOptions::default()).unwrap());
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut total_acknowledged = 0;
    const RUNS: usize = 200;
    for run in 0..RUNS {
        seed ^= seed << 7;
        seed ^= seed >> 9;
        // Let the child get through between 1 and 40 acknowledged writes
        // before the kill lands at an arbitrary point of the next one.
        let writes_before_kill = 1 + (seed % 40) as usize;
        let mut child = spawn_writer(&db, None, &format!("run{run}"));
        let stdout = child.stdout.take().unwrap();
        let mut reader = BufReader::new(stdout);
        let mut lines = Vec::new();
        let deadline = Instant::now() + Duration::from_secs(30);
        while acknowledged(&lines).len() < writes_before_kill && Instant::now() < deadline {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap() == 0 {
                break;
            }
            lines.push(line.trim().to_owned());
        }
        // SIGKILL on Unix: no destructors, no flush, no goodbye.
        child.kill().unwrap();
        // Writes acknowledged between our last read and the kill count too.
        let mut rest = String::new();
        std::io::Read::read_to_string(&mut reader, &mut rest).unwrap();
        lines.extend(rest.lines().map(str::to_owned));
        child.wait().unwrap();
        let acked = acknowledged(&lines);
        assert!(!acked.is_empty(), "run {run}: the child wrote nothing");
        total_acknowledged += acked.len();

        let store = Store::open(&db, &DatabaseKey::new(KEY), OpenOptions::default()).unwrap();
        let present = note_ids(&store);
        for id in &acked {
            assert!(
                present.contains(id),
                "run {run}: acknowledged write {id} lost"
            );
        }
        if run % 20 == 0 || run == RUNS - 1 {
            let report = store.integrity_check().unwrap();
            assert!(report.is_ok(), "run {run}: {:?}", report.problems);
        }
    }
    assert!(total_acknowledged >= RUNS);
}

#[test]
fn app_and_widget_writing_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ebb.db");
    drop(Store::open(&db, &DatabaseKey::new(KEY), OpenOptions::default()).unwrap());
    const EACH: usize = 150;
    let app = spawn_writer(&db, Some(EACH), "app");
    let widget = spawn_writer(&db, Some(EACH), "widget");
    let mut acked = Vec::new();
    for child in [app, widget] {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "a writer failed");
        let lines: Vec<String> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(str::to_owned)
            .collect();
        acked.extend(acknowledged(&lines));
    }
    assert_eq!(acked.len(), 2 * EACH);
    let store = Store::open(&db, &DatabaseKey::new(KEY), OpenOptions::default()).unwrap();
    let present = note_ids(&store);
    assert_eq!(present.len(), 2 * EACH);
    assert!(acked.iter().all(|id| present.contains(id)));
    assert!(store.integrity_check().unwrap().is_ok());
}
