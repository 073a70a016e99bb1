//! Device sync's cost on a year of heavy use from the watch, against the
//! JSON export and import of the same events measured in the same run:
//!
//! - the payload's size (bytes, bytes per event) against the JSON export's;
//! - merging it into an empty phone log, against importing the JSON export
//!   into an equal empty log;
//! - the watch answering the phone's request, against writing the export.
//!
//! Run with `cargo bench -p ebb-core --bench sync`. The figures and ratios
//! are printed at the end.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use criterion::{Criterion, criterion_group};
use ebb_core::store::{DatabaseKey, Event, OpenOptions, Payload, SessionId, Store};
use ebb_core::urge::{CheckInCadence, DelayGoal, Intensity, Need, Outcome, Source};

fn key() -> DatabaseKey {
    DatabaseKey::new([0x5b; 32])
}

fn open(path: &Path) -> Store {
    Store::open(path, &key(), OpenOptions::default()).unwrap()
}

const DAYS: i64 = 365;
const SESSIONS_PER_DAY: i64 = 14;
const CHECK_INS: i64 = 6;
const SKILLS: i64 = 2;

fn year_end() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap()
}

/// A small deterministic generator, so every run builds the same year.
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

/// A year of heavy use on the watch: 14 urge sessions a day, each with a
/// start, six check-ins, two skill uses and an end, a note every few
/// sessions, and a deletion now and then: about 53,000 events.
fn watch_year(device: &str) -> Vec<Event> {
    let mut rng = XorShift(0x2545_f491_4f6c_dd1d);
    let skills = ["hold-ice", "cold-water", "long-exhale", "grounding-54321"];
    let first = year_end() - chrono::Duration::days(DAYS);
    let spacing = 24 * 60 / SESSIONS_PER_DAY;
    let mut events = Vec::new();
    for day in 0..DAYS {
        let offset = FixedOffset::east_opt([0, 3600][(day / 120 % 2) as usize]).unwrap();
        for k in 0..SESSIONS_PER_DAY {
            let minute = day * 24 * 60 + k * spacing + rng.below(20) as i64;
            let start = (first + chrono::Duration::minutes(minute)).with_timezone(&offset);
            let intensity = Intensity::new(3 + rng.below(8) as u8).unwrap();
            let started = Event::new(
                start,
                device,
                Payload::UrgeStarted {
                    source: Source::Watch,
                    intensity: Some(intensity),
                    need: Some(Need::ALL[rng.below(6) as usize]),
                    goal: DelayGoal::FIFTEEN_MINUTES,
                    cadence: CheckInCadence::EveryFiveMinutes,
                },
            );
            let session: SessionId = started.id;
            events.push(started);
            let mut at = 0i64;
            let mut level = i64::from(intensity.value());
            for c in 0..CHECK_INS {
                at += 30 + rng.below(200) as i64;
                level = (level + rng.below(5) as i64 - 2 - c / 3).clamp(0, 10);
                let now = start + chrono::Duration::seconds(at);
                events.push(Event::new(
                    now,
                    device,
                    Payload::CheckedIn {
                        session,
                        intensity: Intensity::new(level as u8).unwrap(),
                    },
                ));
                if c < SKILLS {
                    events.push(Event::new(
                        now + chrono::Duration::seconds(5),
                        device,
                        Payload::SkillUsed {
                            session: Some(session),
                            skill: skills[rng.below(4) as usize].into(),
                            need: None,
                            intensity_before: Some(Intensity::new(level as u8).unwrap()),
                            intensity_after: None,
                            helped: Some(rng.below(3) != 0),
                        },
                    ));
                }
            }
            let end = start + chrono::Duration::seconds(at + 60);
            events.push(Event::new(
                end,
                device,
                Payload::UrgeEnded {
                    session,
                    outcome: [Outcome::Passed, Outcome::UsedSkill, Outcome::ReachedOut]
                        [rng.below(3) as usize],
                    forgotten: false,
                },
            ));
            if k % 4 == 0 {
                events.push(Event::new(
                    end,
                    device,
                    Payload::NoteWritten {
                        session: None,
                        text: "It eased after the cold water.".into(),
                    },
                ));
            }
            if rng.below(100) == 0 {
                events.push(Event::new(
                    end + chrono::Duration::seconds(1),
                    device,
                    Payload::EntryDeleted { target: session },
                ));
            }
        }
    }
    events
}

struct Setup {
    _dir: tempfile::TempDir,
    /// An empty phone log, copied before each merge or import.
    phone_template: PathBuf,
    scratch: PathBuf,
    watch: Store,
    events: usize,
    payload: Vec<u8>,
    json: Vec<u8>,
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let phone_template = dir.path().join("phone-template.db");
    drop(open(&phone_template));
    let mut watch = open(&dir.path().join("watch.db"));
    let device = watch.device().to_owned();
    let year = watch_year(&device);
    let events = year.len();
    watch.merge(year).unwrap();
    let request = open(&phone_template).sync_request().unwrap();
    let payload = watch.sync_answer(&request).unwrap();
    let mut json = Vec::new();
    watch.export_json(year_end(), &mut json).unwrap();
    Setup {
        scratch: dir.path().join("phone.db"),
        _dir: dir,
        phone_template,
        watch,
        events,
        payload,
        json,
    }
}

/// A fresh copy of the empty phone log.
fn fresh_phone(s: &Setup) -> Store {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", s.scratch.display()));
    }
    std::fs::copy(&s.phone_template, &s.scratch).unwrap();
    open(&s.scratch)
}

thread_local! {
    static TIMES: RefCell<Vec<(&'static str, Duration, u64)>> = const { RefCell::new(Vec::new()) };
}

fn record(name: &'static str, spent: Duration, iters: u64) {
    TIMES.with(|t| t.borrow_mut().push((name, spent, iters)));
}

fn mean(name: &str) -> Duration {
    TIMES.with(|t| {
        let t = t.borrow();
        let (spent, n) = t
            .iter()
            .filter(|(n, _, _)| *n == name)
            .fold((Duration::ZERO, 0), |(s, c), (_, d, i)| (s + *d, c + i));
        spent / u32::try_from(n.max(1)).unwrap()
    })
}

fn sync_year(c: &mut Criterion) {
    let s = setup();
    let mut group = c.benchmark_group("sync_year");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("merge_payload", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                let mut phone = fresh_phone(&s);
                let began = Instant::now();
                let report = phone.sync_merge(&s.payload).unwrap();
                spent += began.elapsed();
                assert_eq!(report.added as usize, s.events);
            }
            record("merge_payload", spent, iters);
            spent
        });
    });
    group.bench_function("import_json", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                let mut phone = fresh_phone(&s);
                let began = Instant::now();
                let report = phone.import_json(&s.json[..]).unwrap();
                spent += began.elapsed();
                assert_eq!(report.added, s.events);
            }
            record("import_json", spent, iters);
            spent
        });
    });
    let request = open(&s.phone_template).sync_request().unwrap();
    group.bench_function("answer", |b| {
        b.iter_custom(|iters| {
            let began = Instant::now();
            for _ in 0..iters {
                std::hint::black_box(s.watch.sync_answer(&request).unwrap());
            }
            let spent = began.elapsed();
            record("answer", spent, iters);
            spent
        });
    });
    group.bench_function("export_json", |b| {
        b.iter_custom(|iters| {
            let began = Instant::now();
            for _ in 0..iters {
                let mut out = Vec::new();
                s.watch.export_json(year_end(), &mut out).unwrap();
                std::hint::black_box(out);
            }
            let spent = began.elapsed();
            record("export_json", spent, iters);
            spent
        });
    });
    group.finish();

    let per = |bytes: usize| bytes as f64 / s.events as f64;
    println!("\nA year of heavy use from the watch: {} events", s.events);
    println!(
        "sync payload: {} bytes ({:.1} bytes/event); JSON export: {} bytes ({:.1} bytes/event); payload/export = {:.3}",
        s.payload.len(),
        per(s.payload.len()),
        s.json.len(),
        per(s.json.len()),
        s.payload.len() as f64 / s.json.len() as f64,
    );
    let ratio = |a: &str, b: &str| {
        let (x, y) = (mean(a), mean(b));
        println!(
            "{a}: {:.3} s, {b}: {:.3} s, {a}/{b} = {:.2}",
            x.as_secs_f64(),
            y.as_secs_f64(),
            x.as_secs_f64() / y.as_secs_f64()
        );
    };
    ratio("merge_payload", "import_json");
    ratio("answer", "export_json");
}

criterion_group!(benches, sync_year);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
}
