//! The store's costs, each against a bare-SQLite baseline measured in the
//! same run:
//!
//! - opening the encrypted log and starting an urge session durably, against
//!   opening a bare connection with the same key and pragmas and committing
//!   one insert;
//! - recording a check-in, against one bare insert in an immediate
//!   transaction on a connection with the same pragmas;
//! - the progress review over ten years of heavy use, against one
//!   hand-written aggregate over the same sessions.
//!
//! Run with `cargo bench -p ebb-core --bench store`. The generated history is
//! cached in the target directory, so only the first run spends time making
//! it. Ratios are printed at the end and recorded in `BENCHMARKS.md`.
//!
//! `cargo bench -p ebb-core --bench store -- items` runs only the per-item
//! measurements (see [`items`]): adding one plan item against a bare insert,
//! and merging a history whose plan and settings are item edits against
//! the same history with whole-document saves, each pair alternating.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use criterion::{Criterion, criterion_group};
use ebb_core::progress::{ReviewOptions, Window};
use ebb_core::store::{DatabaseKey, Event, OpenOptions, Payload, SessionId, Store, schema};
use ebb_core::urge::{CheckInCadence, DelayGoal, Intensity, Need, Outcome, Source, StartOptions};
use rusqlite::{Connection, OpenFlags, TransactionBehavior, params};

const KEY: [u8; 32] = [0x5a; 32];

fn key() -> DatabaseKey {
    DatabaseKey::new(KEY)
}

fn key_pragma() -> String {
    let hex: String = KEY.iter().map(|b| format!("{b:02x}")).collect();
    format!("x'{hex}'")
}

/// The target directory: the bench binary lives in `target/release/deps`.
fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    exe.ancestors().nth(3).unwrap().to_owned()
}

fn t0() -> DateTime<FixedOffset> {
    FixedOffset::east_opt(3600)
        .unwrap()
        .with_ymd_and_hms(2026, 1, 5, 9, 0, 0)
        .unwrap()
}

fn start_options() -> StartOptions {
    StartOptions {
        source: Source::Widget,
        intensity: Some(Intensity::new(8).unwrap()),
        need: Some(Need::TooMuch),
        goal: DelayGoal::THIRTY_MINUTES,
        cadence: CheckInCadence::EveryTwoMinutes,
        utc_offset_secs: 3600,
    }
}

/// A bare connection set up exactly as the store sets up its own
/// (`store/db.rs`): the same flags, raw key, key check and pragmas.
fn bare_open(path: &Path) -> Connection {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let conn = Connection::open_with_flags(path, flags).unwrap();
    conn.pragma_update(None, "key", key_pragma()).unwrap();
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })
    .unwrap();
    conn.busy_timeout(Duration::from_secs(5)).unwrap();
    conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))
        .unwrap();
    conn.pragma_update(None, "synchronous", "FULL").unwrap();
    conn.pragma_update(None, "foreign_keys", "ON").unwrap();
    conn.pragma_update(None, "temp_store", "MEMORY").unwrap();
    conn.pragma_update(None, "secure_delete", "ON").unwrap();
    conn
}

const BARE_TABLE: &str = "CREATE TABLE IF NOT EXISTS t (
    id BLOB PRIMARY KEY, at_ms INTEGER NOT NULL, payload TEXT NOT NULL) STRICT";

/// One row of about an event's size, committed in an immediate transaction.
fn bare_insert(conn: &mut Connection, n: i64) {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .unwrap();
    insert_row(&tx, n);
    tx.commit().unwrap();
}

/// The bare insert itself, from the connection's statement cache as the
/// store's own statements are.
fn insert_row(conn: &Connection, n: i64) {
    let mut id = [0u8; 16];
    id[..8].copy_from_slice(&n.to_be_bytes());
    id[8..].copy_from_slice(&std::process::id().to_be_bytes().repeat(2));
    conn.prepare_cached("INSERT INTO t (id, at_ms, payload) VALUES (?1, ?2, ?3)")
        .unwrap()
        .execute(params![
            id,
            1_767_600_000_000 + n,
            r#"{"kind":"checked_in","session":"0193b0c4-6c00-7000-8000-000000000000","intensity":6}"#
        ])
        .unwrap();
}

fn open_and_start(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let store_path = dir.path().join("store.db");
    let bare_path = dir.path().join("bare.db");
    drop(Store::open(&store_path, &key(), OpenOptions::default()).unwrap());
    bare_open(&bare_path).execute_batch(BARE_TABLE).unwrap();

    let mut group = c.benchmark_group("open_and_start");
    group.sample_size(30);
    group.measurement_time(Duration::from_secs(8));
    let mut minute = 0i64;
    group.bench_function("store", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                minute += 10;
                let now = t0() + chrono::Duration::minutes(minute);
                let began = Instant::now();
                let mut store = Store::open(&store_path, &key(), OpenOptions::default()).unwrap();
                let active = store.start_urge(now, start_options()).unwrap();
                spent += began.elapsed();
                assert!(!active.resumed);
                store
                    .end_urge(now + chrono::Duration::minutes(5), Outcome::Passed)
                    .unwrap();
                drop(store);
            }
            spent
        });
    });
    let mut n = 0i64;
    group.bench_function("bare", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                n += 1;
                let began = Instant::now();
                let mut conn = bare_open(&bare_path);
                bare_insert(&mut conn, n);
                spent += began.elapsed();
                drop(conn);
            }
            spent
        });
    });
    group.finish();
}

/// Check-ins per session before the bench starts a fresh one (outside the
/// timing): a session's state grows with its check-ins, and real sessions
/// have tens, not thousands.
const CHECK_INS_PER_SESSION: u64 = 30;

/// Check-ins 20 s apart on an open store, a fresh session every
/// [`CHECK_INS_PER_SESSION`] (started and ended outside the timing).
struct CheckIns<'a> {
    store: &'a mut Store,
    second: i64,
    in_session: u64,
    n: u64,
}

impl<'a> CheckIns<'a> {
    fn new(store: &'a mut Store) -> Self {
        Self {
            store,
            second: 0,
            in_session: CHECK_INS_PER_SESSION,
            n: 0,
        }
    }

    /// Records one check-in; returns the time it took.
    fn next(&mut self) -> Duration {
        self.next_after(&|| {})
    }

    /// [`Self::next`], calling `before` just before the check-in (after any
    /// session change).
    fn next_after(&mut self, before: &dyn Fn()) -> Duration {
        self.second += 20;
        self.n += 1;
        let now = t0() + chrono::Duration::seconds(self.second);
        if self.in_session == CHECK_INS_PER_SESSION {
            if self.store.active_urge().unwrap().is_some() {
                self.store.end_urge(now, Outcome::Passed).unwrap();
            }
            self.store.start_urge(now, start_options()).unwrap();
            self.in_session = 0;
        }
        self.in_session += 1;
        let intensity = Intensity::new((self.n % 11) as u8).unwrap();
        before();
        let began = Instant::now();
        black_box(self.store.check_in(now, intensity).unwrap());
        began.elapsed()
    }
}

fn check_in(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut store =
        Store::open(dir.path().join("store.db"), &key(), OpenOptions::default()).unwrap();
    let mut bare = bare_open(&dir.path().join("bare.db"));
    bare.execute_batch(BARE_TABLE).unwrap();

    let mut group = c.benchmark_group("check_in");
    group.sample_size(30);
    group.measurement_time(Duration::from_secs(8));
    let mut driver = CheckIns::new(&mut store);
    group.bench_function("store", |b| {
        b.iter_custom(|iters| (0..iters).map(|_| driver.next()).sum());
    });
    let mut n = 0i64;
    group.bench_function("bare", |b| {
        b.iter(|| {
            n += 1;
            bare_insert(&mut bare, n);
        });
    });
    group.finish();
}

/// The generated history's shape, part of the cache file's name so a change
/// regenerates it.
const HISTORY_VERSION: u32 = 5;
const YEARS: i64 = 10;
const SESSIONS_PER_DAY: i64 = 14;
const CHECK_INS: i64 = 6;
const SKILLS: i64 = 2;

/// The end of the generated decade: the review's `now`.
fn history_end() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap()
}

/// A small deterministic generator, so every run builds the same history.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Ten years of heavy use: 14 urge sessions a day, each with a start, six
/// check-ins, two skill uses and an end (ten events), in three time zones:
/// about 511,000 events.
fn generate_history() -> Vec<Event> {
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    let skills = [
        "hold-ice",
        "cold-water",
        "long-exhale",
        "intense-movement",
        "write-it-down",
        "reach-person",
        "grounding-54321",
        "own-walk-the-dog",
    ];
    let days = YEARS * 365 + YEARS / 4;
    let first = history_end() - chrono::Duration::days(days);
    let spacing = 24 * 60 / SESSIONS_PER_DAY;
    let mut events = Vec::with_capacity((days * SESSIONS_PER_DAY * 10) as usize);
    for day in 0..days {
        let offset = FixedOffset::east_opt([0, 3600, -18_000][(day / 200 % 3) as usize]).unwrap();
        for k in 0..SESSIONS_PER_DAY {
            let minute = day * 24 * 60 + k * spacing + rng.below(20) as i64;
            let start = (first + chrono::Duration::minutes(minute)).with_timezone(&offset);
            let intensity = Intensity::new(3 + rng.below(8) as u8).unwrap();
            let started = Event::new(
                start,
                "bench-device",
                Payload::UrgeStarted {
                    source: Source::Widget,
                    intensity: (rng.below(4) != 0).then_some(intensity),
                    need: (rng.below(5) != 0).then(|| Need::ALL[rng.below(6) as usize]),
                    goal: DelayGoal::FIFTEEN_MINUTES,
                    cadence: CheckInCadence::EveryFiveMinutes,
                },
            );
            let session: SessionId = started.id;
            events.push(started);
            let mut at = 0i64;
            let mut level = intensity.value() as i64;
            for c in 0..CHECK_INS {
                at += 30 + rng.below(300) as i64;
                level = (level + rng.below(5) as i64 - 2 - c / 3).clamp(0, 10);
                events.push(Event::new(
                    start + chrono::Duration::seconds(at),
                    "bench-device",
                    Payload::CheckedIn {
                        session,
                        intensity: Intensity::new(level as u8).unwrap(),
                    },
                ));
                if c < SKILLS {
                    let before = Intensity::new(level as u8).unwrap();
                    let after =
                        Intensity::new(level.saturating_sub(rng.below(4) as i64).max(0) as u8)
                            .unwrap();
                    events.push(Event::new(
                        start + chrono::Duration::seconds(at + 10),
                        "bench-device",
                        Payload::SkillUsed {
                            session: Some(session),
                            skill: skills[rng.below(skills.len() as u64) as usize].to_owned(),
                            need: None,
                            intensity_before: (rng.below(3) != 0).then_some(before),
                            intensity_after: (rng.below(3) != 0).then_some(after),
                            helped: [None, Some(true), Some(false)][rng.below(3) as usize],
                        },
                    ));
                }
            }
            let outcome = match rng.below(20) {
                0 => Outcome::SelfHarmed {
                    needs_medical_care: false,
                },
                1..=7 => Outcome::Passed,
                8..=13 => Outcome::UsedSkill,
                14..=16 => Outcome::ReachedOut,
                _ => Outcome::EndedWithoutSaying,
            };
            events.push(Event::new(
                start + chrono::Duration::seconds(at + 60 + rng.below(1800) as i64),
                "bench-device",
                Payload::UrgeEnded {
                    session,
                    outcome,
                    forgotten: false,
                },
            ));
        }
    }
    events
}

/// The decade of history, generated once and kept in the target directory.
fn history_db() -> PathBuf {
    let path = target_dir().join(format!(
        "ebb-bench-history-schema{}-v{HISTORY_VERSION}.db",
        schema::CURRENT
    ));
    if path.exists() {
        return path;
    }
    let partial = path.with_extension("partial");
    ebb_core::store::erase_files(&partial).unwrap();
    let began = Instant::now();
    let events = generate_history();
    let count = events.len();
    let mut store = Store::open(&partial, &key(), OpenOptions::default()).unwrap();
    store.merge(events).unwrap();
    drop(store);
    std::fs::rename(&partial, &path).unwrap();
    ebb_core::store::erase_files(&partial).unwrap();
    println!(
        "generated {count} events in {:.1} s at {}",
        began.elapsed().as_secs_f64(),
        path.display()
    );
    path
}

/// One hand-written aggregate: counts, outcomes and the longest pause by
/// local hour, over the same sessions the review reads.
const BASELINE_AGGREGATE: &str = "
    SELECT local_hour, count(*),
           count(*) FILTER (WHERE outcome IN ('passed', 'used_skill', 'reached_out')),
           count(*) FILTER (WHERE outcome = 'self_harmed'),
           max(pause_ms)
    FROM urge_sessions WHERE started_ms BETWEEN ?1 AND ?2
    GROUP BY local_hour";

fn review(c: &mut Criterion) {
    let path = history_db();
    let store = Store::open(&path, &key(), OpenOptions::default()).unwrap();
    let events = store.events().unwrap().len();
    println!("history: {events} events");
    let bare = bare_open(&path);
    // The baseline gets the index that suits it best (the store itself no
    // longer keeps a covering index on sessions: its review reads day
    // tallies), so the ratio is against the fastest plain SQL.
    bare.execute_batch(
        "CREATE INDEX IF NOT EXISTS bench_baseline_cover
         ON urge_sessions (started_ms, local_hour, outcome, pause_ms)",
    )
    .unwrap();
    let now = history_end();

    let mut group = c.benchmark_group("review");
    group.sample_size(20);
    for (name, window) in [
        ("all_time", Window::AllTime),
        ("90_days", Window::NinetyDays),
    ] {
        let options = ReviewOptions {
            window,
            show_days_without: true,
        };
        group.bench_function(format!("{name}/store"), |b| {
            b.iter(|| black_box(store.progress(now, options).unwrap()));
        });
        let from = match window.length() {
            Some(length) => now.timestamp_millis() - length.as_millis() as i64,
            None => 0,
        };
        group.bench_function(format!("{name}/bare_aggregate"), |b| {
            b.iter(|| {
                let mut stmt = bare.prepare_cached(BASELINE_AGGREGATE).unwrap();
                let rows: Vec<(i64, i64)> = stmt
                    .query_map(params![from, now.timestamp_millis()], |r| {
                        Ok((r.get(0)?, r.get(1)?))
                    })
                    .unwrap()
                    .map(Result::unwrap)
                    .collect();
                black_box(rows)
            });
        });
    }
    group.finish();
}

criterion_group!(benches, open_and_start, check_in, review);

/// Prints each measurement against its baseline from criterion's estimates.
fn print_ratios() {
    let root = target_dir().join("criterion");
    let mean = |id: &str| -> Option<f64> {
        let text = std::fs::read_to_string(root.join(id).join("new/estimates.json")).ok()?;
        let json: serde_json::Value = serde_json::from_str(&text).ok()?;
        json["mean"]["point_estimate"].as_f64()
    };
    println!("\nratios (mean time, this run):");
    for (what, id, base) in [
        (
            "open + start vs bare open + insert",
            "open_and_start/store",
            "open_and_start/bare",
        ),
        ("check-in vs bare insert", "check_in/store", "check_in/bare"),
        (
            "review all time vs one aggregate",
            "review/all_time_store",
            "review/all_time_bare_aggregate",
        ),
        (
            "review 90 days vs one aggregate",
            "review/90_days_store",
            "review/90_days_bare_aggregate",
        ),
    ] {
        if let (Some(a), Some(b)) = (mean(id), mean(base)) {
            println!(
                "  {what}: {:.3} ms vs {:.3} ms = {:.2}x",
                a / 1e6,
                b / 1e6,
                a / b
            );
        }
    }
}

/// Durable writes wait for the disk, and this VM's `fsync` time drifts
/// several-fold within a minute, so two benchmarks run one after the other
/// can disagree by more than the store's own cost. Here the store and the
/// bare baseline alternate (which goes first alternates too), so both see
/// the same disk; the ratio of medians and the median of per-pair ratios
/// are printed.
fn paired(
    what: &str,
    pairs: usize,
    mut store: impl FnMut() -> Duration,
    mut bare: impl FnMut() -> Duration,
) {
    let mut s = Vec::with_capacity(pairs);
    let mut b = Vec::with_capacity(pairs);
    let mut ratios = Vec::with_capacity(pairs);
    for i in 0..pairs {
        let (ts, tb) = if i % 2 == 0 {
            let ts = store();
            (ts, bare())
        } else {
            let tb = bare();
            (store(), tb)
        };
        s.push(ts.as_secs_f64());
        b.push(tb.as_secs_f64());
        ratios.push(ts.as_secs_f64() / tb.as_secs_f64());
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (ms, mb, mr) = (median(&mut s), median(&mut b), median(&mut ratios));
    println!(
        "  {what}: median {:.3} ms vs {:.3} ms = {:.2}x; median of {pairs} paired ratios {:.2}x",
        ms * 1e3,
        mb * 1e3,
        ms / mb,
        mr
    );
}

fn paired_writes() {
    println!("\npaired, alternating with the baseline (this run):");
    let dir = tempfile::tempdir().unwrap();
    let store_path = dir.path().join("store.db");
    let bare_path = dir.path().join("bare.db");
    drop(Store::open(&store_path, &key(), OpenOptions::default()).unwrap());
    bare_open(&bare_path).execute_batch(BARE_TABLE).unwrap();
    let mut minute = 0i64;
    let mut n = 0i64;
    paired(
        "open + start vs bare open + insert",
        300,
        || {
            minute += 10;
            let now = t0() + chrono::Duration::minutes(minute);
            let began = Instant::now();
            let mut store = Store::open(&store_path, &key(), OpenOptions::default()).unwrap();
            store.start_urge(now, start_options()).unwrap();
            let spent = began.elapsed();
            store
                .end_urge(now + chrono::Duration::minutes(5), Outcome::Passed)
                .unwrap();
            spent
        },
        || {
            n += 1;
            let began = Instant::now();
            let mut conn = bare_open(&bare_path);
            bare_insert(&mut conn, n);
            let spent = began.elapsed();
            drop(conn);
            spent
        },
    );

    let mut store = Store::open(
        dir.path().join("checkins.db"),
        &key(),
        OpenOptions::default(),
    )
    .unwrap();
    let mut bare = bare_open(&dir.path().join("bare-checkins.db"));
    bare.execute_batch(BARE_TABLE).unwrap();
    let mut driver = CheckIns::new(&mut store);
    paired(
        "check-in vs bare insert",
        1000,
        || driver.next(),
        || {
            n += 1;
            let began = Instant::now();
            bare_insert(&mut bare, n);
            began.elapsed()
        },
    );

    // What a check-in cannot go below: the log's row (with its id) and the
    // running session's row, in one durable transaction, as bare SQL.
    let mut floor = bare_open(&dir.path().join("bare-floor.db"));
    floor
        .execute_batch(&format!(
            "{BARE_TABLE}; CREATE TABLE s (id INTEGER PRIMARY KEY, state TEXT NOT NULL) STRICT;
             INSERT INTO s VALUES (1, '');"
        ))
        .unwrap();
    let mut m = 0i64;
    paired(
        "bare insert + one row rewritten vs bare insert",
        1000,
        || {
            m += 1;
            let began = Instant::now();
            bare_insert_and_rewrite(&mut floor, m);
            began.elapsed()
        },
        || {
            n += 1;
            let began = Instant::now();
            bare_insert(&mut bare, n);
            began.elapsed()
        },
    );

    println!("\nencrypted pages written per commit (WAL frames, this run):");
    let watcher = bare_open(&dir.path().join("checkins.db"));
    let mut driver = CheckIns::new(&mut store);
    pages("check-in", &watcher, |restart| {
        driver.next_after(restart);
    });
    let bare_watcher = bare_open(&dir.path().join("bare-checkins.db"));
    pages("bare insert", &bare_watcher, |restart| {
        n += 1;
        restart();
        bare_insert(&mut bare, n);
    });
}

/// The bare floor: one row inserted as in [`bare_insert`] and one row of a
/// session's size rewritten, in one immediate transaction.
fn bare_insert_and_rewrite(conn: &mut Connection, n: i64) {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .unwrap();
    insert_row(&tx, n);
    // A running session's state with a few dozen check-ins.
    let state = "s".repeat(600 + (n % 30) as usize * 40);
    tx.prepare_cached("UPDATE s SET state = ?1 WHERE id = 1")
        .unwrap()
        .execute(params![state])
        .unwrap();
    tx.commit().unwrap();
}

/// Counts the WAL frames (encrypted pages) each of 300 writes adds: a second
/// connection checkpoints and restarts the WAL when `write` calls the
/// function it is given (just before the write it measures) and reads the
/// frame count after it. Prints the median, the mean and the largest (page
/// splits add a few now and then).
fn pages(what: &str, watcher: &Connection, mut write: impl FnMut(&dyn Fn())) {
    let frames = || -> i64 {
        watcher
            .query_row("PRAGMA wal_checkpoint(RESTART)", [], |r| r.get(1))
            .unwrap()
    };
    let restart = || {
        frames();
    };
    let mut counts: Vec<i64> = (0..300)
        .map(|_| {
            write(&restart);
            frames()
        })
        .collect();
    let mean = counts.iter().sum::<i64>() as f64 / counts.len() as f64;
    counts.sort_unstable();
    println!(
        "  {what}: median {}, mean {mean:.2}, largest {}",
        counts[counts.len() / 2],
        counts[counts.len() - 1]
    );
}

/// The per-item edits' costs, each paired with its baseline:
///
/// - adding one item to the safety plan (read the plan's events, fold them,
///   append one event durably) against one bare insert; the plan holds up
///   to 100 items (a fresh log every 100, outside the timing);
/// - merging 2,000 session events plus 600 plan and settings edits into an
///   empty log and reading the plan and settings back, with the edits as
///   item events against the same edits as whole-document saves (the form
///   before per-item edits, still read): events merged per second.
fn items() {
    println!("\nper-item edits, paired with their baselines (this run):");
    let dir = tempfile::tempdir().unwrap();
    let mut bare = bare_open(&dir.path().join("bare.db"));
    bare.execute_batch(BARE_TABLE).unwrap();
    let mut n = 0i64;
    let mut store: Option<Store> = None;
    let mut added = 0usize;
    let mut logs = 0;
    paired(
        "add one plan item vs bare insert",
        400,
        || {
            if added.is_multiple_of(100) {
                logs += 1;
                let path = dir.path().join(format!("plan{logs}.db"));
                store = Some(Store::open(&path, &key(), OpenOptions::default()).unwrap());
            }
            let s = store.as_mut().unwrap();
            let list = ebb_core::safety::EntryList::ALL[added % 5];
            let now = t0() + chrono::Duration::seconds(added as i64);
            added += 1;
            let began = Instant::now();
            s.edit_safety_plan(
                now,
                ebb_core::safety::PlanEdit::AddEntry {
                    list,
                    text: format!("something that helps, number {added}"),
                },
            )
            .unwrap();
            began.elapsed()
        },
        || {
            n += 1;
            let began = Instant::now();
            bare_insert(&mut bare, n);
            began.elapsed()
        },
    );

    let (item_log, document_log) = edit_histories(dir.path());
    // A counter both timed closures share, for fresh file names.
    let round = std::cell::Cell::new(0);
    let merge = |events: &[Event]| {
        round.set(round.get() + 1);
        let path = dir.path().join(format!("merge{}.db", round.get()));
        let mut store = Store::open(&path, &key(), OpenOptions::default()).unwrap();
        let began = Instant::now();
        store.merge(events.to_vec()).unwrap();
        black_box(store.safety_plan().unwrap());
        black_box(store.settings().unwrap());
        let spent = began.elapsed();
        drop(store);
        ebb_core::store::erase_files(&path).unwrap();
        spent
    };
    let mut items_spent = Vec::new();
    let mut documents_spent = Vec::new();
    paired(
        "merge + read, item edits vs whole documents",
        20,
        || {
            let t = merge(&item_log);
            items_spent.push(t.as_secs_f64());
            t
        },
        || {
            let t = merge(&document_log);
            documents_spent.push(t.as_secs_f64());
            t
        },
    );
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    println!(
        "  merge throughput: item edits {:.0} events/s ({} events), whole documents {:.0} events/s ({} events)",
        item_log.len() as f64 / median(&mut items_spent),
        item_log.len(),
        document_log.len() as f64 / median(&mut documents_spent),
        document_log.len(),
    );
}

/// One device's history written twice: 200 urge sessions (2,000 events)
/// and 600 edits of the plan and settings, once through the per-item
/// functions and once as whole-document saves of the same states.
fn edit_histories(dir: &Path) -> (Vec<Event>, Vec<Event>) {
    use ebb_core::safety::{EntryList, PlanEdit};
    use ebb_core::settings::Setting;
    let mut by_item = Store::open(dir.join("items.db"), &key(), OpenOptions::default()).unwrap();
    let mut documents: Vec<Event> = Vec::new();
    let mut minute = 0i64;
    for k in 0..200u32 {
        minute += 30;
        let now = t0() + chrono::Duration::minutes(minute);
        by_item.start_urge(now, start_options()).unwrap();
        for c in 0..8 {
            by_item
                .check_in(
                    now + chrono::Duration::minutes(c + 1),
                    Intensity::new((k % 11) as u8).unwrap(),
                )
                .unwrap();
        }
        by_item
            .end_urge(now + chrono::Duration::minutes(12), Outcome::Passed)
            .unwrap();
        // Three edits per session: two plan items (the fifth list cycles
        // between adding and rewriting) and one setting.
        for e in 0..3u32 {
            let at = now + chrono::Duration::minutes(13 + i64::from(e));
            let plan = by_item.safety_plan().unwrap();
            if e < 2 {
                let list = EntryList::ALL[((k * 2 + e) % 5) as usize];
                let edit = if plan.entries(list).len() < 10 {
                    PlanEdit::AddEntry {
                        list,
                        text: format!("item {k} {e}"),
                    }
                } else {
                    PlanEdit::ChangeEntry {
                        list,
                        index: (k % 10) as usize,
                        text: format!("item {k} {e}"),
                    }
                };
                let next = by_item.edit_safety_plan(at, edit).unwrap();
                documents.push(Event::new(
                    at,
                    "bench-documents",
                    Payload::SafetyPlanSaved { plan: next },
                ));
            } else {
                let next = by_item
                    .change_setting(at, Setting::ShowDaysWithout(k % 2 == 0))
                    .unwrap();
                documents.push(Event::new(
                    at,
                    "bench-documents",
                    Payload::SettingsSaved { settings: next },
                ));
            }
        }
    }
    let items = by_item.events().unwrap();
    // The same sessions, with the whole documents in place of the edits.
    let mut whole: Vec<Event> = items
        .iter()
        .filter(|e| {
            !matches!(
                e.payload,
                Some(Payload::PlanItemSaved { .. } | Payload::SettingChanged { .. })
            )
        })
        .cloned()
        .collect();
    whole.extend(documents);
    (items, whole)
}

fn main() {
    if std::env::args().skip(1).any(|a| a == "items") {
        items();
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
    print_ratios();
    if std::env::args().skip(1).all(|a| a.starts_with('-')) {
        paired_writes();
    }
}
