//! The local log on real encrypted files: reopening, typed errors that
//! leave files untouched, deletion, erasure, export and import, merges,
//! rebuilds and migrations.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests state their expectations by unwrapping

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use ebb_core::store::{
    DatabaseKey, OpenOptions, Payload, SkillUseRecord, Store, StoreError, erase_files, schema,
};
use ebb_core::urge::{
    CheckInCadence, CueKind, DelayGoal, Intensity, Need, Outcome, Source, StartOptions, UrgeError,
};

fn key() -> DatabaseKey {
    DatabaseKey::new([7; 32])
}

fn other_key() -> DatabaseKey {
    DatabaseKey::new([8; 32])
}

fn at(minutes: i64) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(3600).unwrap().from_utc_datetime(
        &Utc.with_ymd_and_hms(2026, 11, 27, 1, 0, 0)
            .unwrap()
            .naive_utc(),
    ) + chrono::Duration::minutes(minutes)
}

fn options() -> StartOptions {
    StartOptions {
        source: Source::Widget,
        intensity: Some(Intensity::new(8).unwrap()),
        need: Some(Need::Numb),
        goal: DelayGoal::FIFTEEN_MINUTES,
        cadence: CheckInCadence::EveryFiveMinutes,
        utc_offset_secs: 0,
    }
}

fn db_in(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("ebb.db")
}

fn open(path: &Path) -> Store {
    Store::open(path, &key(), OpenOptions::default()).unwrap()
}

/// A store with one finished session and one note.
fn with_history(path: &Path) -> Store {
    let mut store = open(path);
    store.start_urge(at(0), options()).unwrap();
    store.check_in(at(5), Intensity::new(6).unwrap()).unwrap();
    store
        .record_skill(
            at(6),
            SkillUseRecord {
                skill: "hold-ice".into(),
                need: Some(Need::Numb),
                intensity_before: Some(Intensity::new(6).unwrap()),
                intensity_after: Some(Intensity::new(3).unwrap()),
                helped: Some(true),
            },
        )
        .unwrap();
    store.write_note(at(7), "the words I wrote").unwrap();
    store.end_urge(at(12), Outcome::UsedSkill).unwrap();
    store
}

fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

fn csv(store: &Store) -> String {
    let mut out = Vec::new();
    store.export_sessions_csv(&mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn a_running_session_survives_closing_and_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    let started = {
        let mut store = open(&path);
        let active = store.start_urge(at(0), options()).unwrap();
        assert!(!active.resumed);
        store.check_in(at(2), Intensity::new(9).unwrap()).unwrap();
        let cues = store.advance_urge(at(5).to_utc()).unwrap();
        assert_eq!(cues[0].kind, CueKind::CheckIn);
        active
        // Dropped without any goodbye, as a killed app would be.
    };
    let mut store = open(&path);
    let resumed = store.active_urge().unwrap().unwrap();
    assert_eq!(resumed.id, started.id);
    assert_eq!(resumed.session.check_ins().len(), 1);
    // The check-in cue at five minutes was delivered before: not again.
    assert!(store.advance_urge(at(6).to_utc()).unwrap().is_empty());
    let cues = store.advance_urge(at(8).to_utc()).unwrap();
    assert_eq!(cues[0].kind, CueKind::Halfway);
}

/// The app and the widget each hold a store on the same file. Each
/// remembers the running session between check-ins; what the other one
/// wrote must never be lost to that memory.
#[test]
fn two_stores_on_one_file_see_each_others_check_ins_and_ends() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    let mut app = open(&path);
    let mut widget = open(&path);
    app.start_urge(at(0), options()).unwrap();
    app.check_in(at(1), Intensity::new(7).unwrap()).unwrap();
    widget.check_in(at(2), Intensity::new(6).unwrap()).unwrap();
    app.check_in(at(3), Intensity::new(5).unwrap()).unwrap();
    widget
        .extend_urge(at(4), DelayGoal::THIRTY_MINUTES)
        .unwrap();
    app.check_in(at(5), Intensity::new(4).unwrap()).unwrap();

    let readings = |store: &Store| -> Vec<u8> {
        let active = store.active_urge().unwrap().unwrap();
        active
            .session
            .check_ins()
            .iter()
            .map(|c| c.intensity.value())
            .collect()
    };
    assert_eq!(readings(&app), [7, 6, 5, 4]);
    assert_eq!(readings(&widget), [7, 6, 5, 4]);
    let active = app.active_urge().unwrap().unwrap();
    assert_eq!(active.session.goal(), DelayGoal::THIRTY_MINUTES);
    // What the live writes left equals a replay of the log.
    app.rebuild_projections().unwrap();
    assert_eq!(app.active_urge().unwrap().unwrap(), active);

    // Cues delivered by one are not delivered again by the other.
    let cues = widget.advance_urge(at(6).to_utc()).unwrap();
    assert!(!cues.is_empty());
    assert!(app.advance_urge(at(6).to_utc()).unwrap().is_empty());

    widget.end_urge(at(7), Outcome::Passed).unwrap();
    assert!(matches!(
        app.check_in(at(8), Intensity::new(3).unwrap()),
        Err(StoreError::NoActiveUrge)
    ));
    assert!(app.advance_urge(at(9).to_utc()).unwrap().is_empty());
}

#[test]
fn a_second_tap_returns_the_running_session() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&db_in(&dir));
    let first = store.start_urge(at(0), options()).unwrap();
    let second = store.start_urge(at(1), options()).unwrap();
    assert!(second.resumed);
    assert_eq!(first.id, second.id);
    assert_eq!(store.events().unwrap().len(), 1);
}

#[test]
fn session_rules_are_enforced_and_nothing_is_written_when_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&db_in(&dir));
    assert!(matches!(
        store.check_in(at(0), Intensity::MAX),
        Err(StoreError::NoActiveUrge)
    ));
    store.start_urge(at(0), options()).unwrap();
    assert!(matches!(
        store.extend_urge(at(1), DelayGoal::FIVE_MINUTES),
        Err(StoreError::Urge(UrgeError::GoalNotLonger))
    ));
    assert_eq!(store.events().unwrap().len(), 1);
    let ended = store.end_urge(at(3), Outcome::Passed).unwrap();
    assert_eq!(ended.pause.whole_minutes(), 3);
    assert!(matches!(
        store.end_urge(at(4), Outcome::Passed),
        Err(StoreError::NoActiveUrge)
    ));
    let pauses = store.recent_pauses(10).unwrap();
    assert_eq!(pauses.len(), 1);
    assert_eq!(pauses[0].outcome, Outcome::Passed);
}

#[test]
fn a_wrong_key_is_reported_and_the_file_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    drop(with_history(&path));
    let before = snapshot(dir.path());
    let err = Store::open(&path, &other_key(), OpenOptions::default()).unwrap_err();
    assert!(matches!(err, StoreError::WrongKey(_)), "{err:?}");
    assert_eq!(snapshot(dir.path()), before);
    // The right key still opens everything.
    assert_eq!(open(&path).events().unwrap().len(), 5);
}

#[test]
fn a_truncated_file_is_not_a_database_and_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    drop(with_history(&path));
    // Fold the WAL in so the main file holds everything, then cut it.
    {
        let store = open(&path);
        assert!(store.integrity_check().unwrap().is_ok());
    }
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() / 2 + 100]).unwrap();
    let before = snapshot(dir.path());
    let err = Store::open(&path, &key(), OpenOptions::default()).unwrap_err();
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err:?}");
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn random_bytes_are_refused_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    let mut noise = vec![0u8; 10_000];
    let mut x: u32 = 2_463_534_242;
    for b in &mut noise {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        *b = x as u8;
    }
    std::fs::write(&path, &noise).unwrap();
    let err = Store::open(&path, &key(), OpenOptions::default()).unwrap_err();
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err:?}");
    // Whole pages of noise cannot be told from a file under another key:
    // that is what encryption means. Either way the file is kept.
    std::fs::write(&path, &noise[..8192]).unwrap();
    let err = Store::open(&path, &key(), OpenOptions::default()).unwrap_err();
    assert!(matches!(err, StoreError::WrongKey(_)), "{err:?}");
    assert_eq!(std::fs::read(&path).unwrap(), noise[..8192]);
}

#[test]
fn an_unencrypted_sqlite_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
    }
    let before = snapshot(dir.path());
    let err = Store::open(&path, &key(), OpenOptions::default()).unwrap_err();
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err:?}");
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn a_file_from_a_newer_version_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    drop(with_history(&path));
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "key", format!("x'{}'", "07".repeat(32)))
            .unwrap();
        conn.pragma_update(None, "user_version", schema::CURRENT + 1)
            .unwrap();
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .unwrap();
    }
    let before = snapshot(dir.path());
    let err = Store::open(&path, &key(), OpenOptions::default()).unwrap_err();
    assert!(
        matches!(err, StoreError::TooNew { found, supported } if found == schema::CURRENT + 1 && supported == schema::CURRENT),
        "{err:?}"
    );
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn the_plaintext_header_option_keeps_the_sqlite_header_readable() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    let opts = OpenOptions {
        plaintext_header: true,
        ..OpenOptions::default()
    };
    {
        let mut store = Store::open(&path, &key(), opts).unwrap();
        store.write_note(at(0), "kept private").unwrap();
        store.integrity_check().unwrap();
    }
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(&bytes[..16], b"SQLite format 3\0");
    assert!(!bytes.windows(12).any(|w| w == b"kept private"));
    let store = Store::open(&path, &key(), opts).unwrap();
    assert_eq!(store.events().unwrap().len(), 1);
    let wrong = Store::open(&path, &other_key(), opts).unwrap_err();
    assert!(matches!(wrong, StoreError::WrongKey(_)), "{wrong:?}");
}

#[test]
fn nothing_readable_is_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    drop(with_history(&path));
    for (name, bytes) in snapshot(dir.path()) {
        assert!(
            !bytes.windows(17).any(|w| w == b"the words I wrote"),
            "{name} holds the note in plain text"
        );
        assert!(
            !bytes.windows(15).any(|w| w == b"SQLite format 3"),
            "{name}"
        );
    }
}

#[test]
fn a_full_disk_is_storage_full_and_loses_nothing_written_before() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    let mut store = open(&path);
    store.write_note(at(0), "before").unwrap();
    store.limit_pages_for_tests(12).unwrap();
    let big = "x".repeat(100_000);
    let err = store.write_note(at(1), &big).unwrap_err();
    assert!(matches!(err, StoreError::StorageFull), "{err:?}");
    drop(store);
    let store = open(&path);
    let events = store.events().unwrap();
    assert_eq!(events.len(), 1);
    assert!(store.integrity_check().unwrap().is_ok());
}

#[test]
fn deleting_a_session_erases_everything_in_it_and_leaves_a_tombstone() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    let mut store = with_history(&path);
    let session = store.events().unwrap()[0].id;
    store.delete_entry(at(20), session).unwrap();
    let events = store.events().unwrap();
    // Start, check-in, skill, note and end are erased; the tombstone remains.
    assert_eq!(events.iter().filter(|e| e.payload.is_none()).count(), 5);
    assert!(matches!(
        events.last().unwrap().payload,
        Some(Payload::EntryDeleted { target }) if target == session
    ));
    assert_eq!(csv(&store).lines().count(), 1, "only the header is left");
    // Deleting again is harmless; an unknown id is an error.
    store.delete_entry(at(21), session).unwrap();
    let unknown = "01936b2e-0000-7000-8000-000000000000".parse().unwrap();
    assert!(matches!(
        store.delete_entry(at(21), unknown),
        Err(StoreError::NoSuchEntry(_))
    ));
    drop(store);
    for (name, bytes) in snapshot(dir.path()) {
        assert!(
            !bytes.windows(17).any(|w| w == b"the words I wrote"),
            "{name}"
        );
    }
}

#[test]
fn deleting_one_check_in_keeps_the_rest_of_the_session() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = with_history(&db_in(&dir));
    let check_in = store.events().unwrap()[1].id;
    store.delete_entry(at(20), check_in).unwrap();
    let csv = csv(&store);
    let row = csv.lines().nth(1).unwrap();
    // The highest intensity is back to the start's 8; the session remains.
    assert!(row.contains(",8,8,8,15,1,used_skill,"), "{row}");
}

#[test]
fn erasing_removes_the_database_and_its_companion_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    let store = with_history(&path);
    assert!(dir.path().join("ebb.db-wal").exists());
    store.erase().unwrap();
    assert!(snapshot(dir.path()).is_empty());
    // Erasing files when the key is lost works without opening them.
    drop(with_history(&path));
    erase_files(&path).unwrap();
    assert!(snapshot(dir.path()).is_empty());
}

#[test]
fn export_then_import_round_trips_and_a_second_import_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let a = with_history(&dir.path().join("a.db"));
    let mut json = Vec::new();
    a.export_json(at(30).to_utc(), &mut json).unwrap();
    let mut b = open(&dir.path().join("b.db"));
    let report = b.import_json(json.as_slice()).unwrap();
    assert_eq!((report.added, report.already_present), (5, 0));
    assert_eq!(b.events().unwrap(), a.events().unwrap());
    assert_eq!(csv(&b), csv(&a));
    let again = b.import_json(json.as_slice()).unwrap();
    assert_eq!((again.added, again.already_present), (0, 5));
    assert_eq!(b.events().unwrap(), a.events().unwrap());
}

#[test]
fn an_import_that_is_not_ebbs_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = with_history(&db_in(&dir));
    let before = store.events().unwrap();
    for bad in [
        &b"not json"[..],
        br#"{"format":"something-else","version":1,"events":[]}"#,
        br#"{"format":"ebb-export","version":99,"events":[]}"#,
        br#"{"format":"ebb-export","version":1,"exported_at":0,"events":[{"id":"x"}]}"#,
    ] {
        let err = store.import_json(bad).unwrap_err();
        assert!(
            matches!(
                err,
                StoreError::Invalid { .. } | StoreError::ExportTooNew { .. }
            ),
            "{err:?}"
        );
    }
    assert_eq!(store.events().unwrap(), before);
}

#[test]
fn merging_two_devices_is_commutative_and_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let mut phone = with_history(&dir.path().join("phone.db"));
    let mut watch = open(&dir.path().join("watch.db"));
    watch.start_urge(at(60), options()).unwrap();
    watch.check_in(at(61), Intensity::new(4).unwrap()).unwrap();
    watch.end_urge(at(70), Outcome::Passed).unwrap();
    // The phone deletes its note before syncing.
    let note = phone.events().unwrap()[3].id;
    phone.delete_entry(at(80), note).unwrap();

    let phone_events = phone.events().unwrap();
    let watch_events = watch.events().unwrap();
    phone.merge(watch_events.clone()).unwrap();
    watch.merge(phone_events.clone()).unwrap();
    phone.merge(watch_events).unwrap();
    watch.merge(phone_events).unwrap();

    let ids = |s: &Store| {
        let mut v: Vec<_> = s
            .events()
            .unwrap()
            .into_iter()
            .map(|e| (e.id, e.payload))
            .collect();
        v.sort_by_key(|(id, _)| *id);
        v
    };
    assert_eq!(ids(&phone), ids(&watch));
    assert_eq!(csv(&phone), csv(&watch));
    assert_eq!(csv(&phone).lines().count(), 3);
}

#[test]
fn projections_rebuilt_from_the_log_match_those_written_live() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = with_history(&db_in(&dir));
    store.start_urge(at(100), options()).unwrap();
    store.check_in(at(101), Intensity::new(9).unwrap()).unwrap();
    store
        .extend_urge(at(102), DelayGoal::THIRTY_MINUTES)
        .unwrap();
    let live = csv(&store);
    let active = store.active_urge().unwrap().unwrap();
    store.rebuild_projections().unwrap();
    assert_eq!(csv(&store), live);
    let rebuilt = store.active_urge().unwrap().unwrap();
    assert_eq!(rebuilt.id, active.id);
    assert_eq!(rebuilt.session.goal(), DelayGoal::THIRTY_MINUTES);
    assert_eq!(rebuilt.session.check_ins(), active.session.check_ins());
}

fn fixture(version: u32) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(format!("schema-v{version}.db"))
}

/// Writes the fixture for the current schema. Run once per new schema
/// version and commit the file:
/// `cargo test -p ebb-core --test store -- --ignored write_fixture`
#[test]
#[ignore = "writes a committed fixture"]
fn write_fixture() {
    let path = fixture(schema::CURRENT);
    erase_files(&path).unwrap();
    let store = with_history(&path);
    store.integrity_check().unwrap();
    drop(store);
    // Fold the WAL into the main file so the fixture is one file.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "key", format!("x'{}'", "07".repeat(32)))
        .unwrap();
    conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
}

#[test]
fn every_earlier_schema_version_opens_with_its_data() {
    for version in 1..=schema::CURRENT {
        let source = fixture(version);
        assert!(
            source.exists(),
            "no fixture for schema v{version}: run write_fixture"
        );
        let dir = tempfile::tempdir().unwrap();
        let path = db_in(&dir);
        std::fs::copy(&source, &path).unwrap();
        let store = open(&path);
        assert!(store.integrity_check().unwrap().is_ok());
        let events = store.events().unwrap();
        assert_eq!(events.len(), 5, "v{version}");
        assert!(events.iter().any(|e| matches!(
            &e.payload,
            Some(Payload::NoteWritten { text, .. }) if text == "the words I wrote"
        )));
        let csv = csv(&store);
        assert!(csv.lines().nth(1).unwrap().contains("used_skill"), "{csv}");
        // The review counts it (from v4 on, through the day tallies the
        // migration counted).
        let review = store
            .progress(
                at(60).to_utc(),
                ebb_core::progress::ReviewOptions {
                    window: ebb_core::progress::Window::AllTime,
                    show_days_without: false,
                },
            )
            .unwrap();
        assert_eq!(
            (review.current.urges, review.current.passed_safely),
            (1, 1),
            "v{version}"
        );
        assert_eq!(review.current.skills.len(), 1, "v{version}");
        // The start (8) and the check-in five minutes in (6), wherever the
        // version kept the check-in.
        let readings: Vec<(u32, Option<f64>)> = review
            .current
            .intensity
            .curve
            .iter()
            .filter(|p| p.readings > 0)
            .map(|p| (p.readings, p.average))
            .collect();
        assert_eq!(readings, [(1, Some(8.0)), (1, Some(6.0))], "v{version}");
        assert_eq!(
            review.current.intensity.average_peak,
            Some(8.0),
            "v{version}"
        );
        assert_eq!(
            review.current.intensity.average_last,
            Some(6.0),
            "v{version}"
        );
    }
}

#[test]
fn of_two_saves_in_the_same_millisecond_the_second_wins() {
    use ebb_core::settings::Settings;
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&db_in(&dir));
    // Many rounds: with random ids the first save won about half the time.
    for round in 0..40 {
        let first = Settings {
            show_days_without: round % 2 == 0,
            ..Settings::default()
        };
        let second = Settings {
            show_days_without: round % 2 == 1,
            ..Settings::default()
        };
        store.save_settings(at(round), &first).unwrap();
        store.save_settings(at(round), &second).unwrap();
        assert_eq!(store.settings().unwrap(), second, "round {round}");
    }
}

#[test]
fn concurrent_changes_to_different_settings_and_skills_are_all_kept() {
    use ebb_core::settings::Settings;
    use ebb_core::skills::{SkillBook, SkillId};
    let dir = tempfile::tempdir().unwrap();
    let mut phone = open(&dir.path().join("phone.db"));
    let mut watch = open(&dir.path().join("watch.db"));
    assert_eq!(phone.settings().unwrap(), Settings::default());
    assert!(phone.skill_book().unwrap().hidden().next().is_none());

    // Each device saves whole settings changing one setting; the phone
    // changes the cadence twice, the watch later than the phone's first.
    let days = Settings {
        show_days_without: true,
        ..Settings::default()
    };
    phone.save_settings(at(1), &days).unwrap();
    let often = Settings {
        cadence: CheckInCadence::EveryMinute,
        ..Settings::default()
    };
    watch.save_settings(at(2), &often).unwrap();
    let mut book = SkillBook::new();
    book.hide(&SkillId::COLD_WATER).unwrap();
    phone.save_skill_book(at(3), &book).unwrap();
    watch
        .set_skill_hidden(at(3), &SkillId::HOLD_ICE, true)
        .unwrap();

    let (p, w) = (phone.events().unwrap(), watch.events().unwrap());
    phone.merge(w).unwrap();
    watch.merge(p).unwrap();
    let both = Settings {
        cadence: CheckInCadence::EveryMinute,
        show_days_without: true,
        ..Settings::default()
    };
    for store in [&phone, &watch] {
        assert_eq!(store.settings().unwrap(), both);
        let book = store.skill_book().unwrap();
        assert!(book.is_hidden(&SkillId::COLD_WATER));
        assert!(book.is_hidden(&SkillId::HOLD_ICE));
    }
    let bad = Settings {
        goal_presets: vec![],
        ..Settings::default()
    };
    assert!(matches!(
        phone.save_settings(at(4), &bad),
        Err(StoreError::Invalid { .. })
    ));
    assert_eq!(phone.settings().unwrap(), both);
}

#[test]
fn the_safety_plan_is_kept_encrypted_and_exported() {
    use ebb_core::safety::{EntryList, PlanEdit};
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    let mut store = open(&path);
    let plan = store.safety_plan().unwrap();
    let plan = plan
        .edit(
            at(0).to_utc(),
            PlanEdit::AddEntry {
                list: EntryList::ReasonsForLiving,
                text: "my sister's laugh".into(),
            },
        )
        .unwrap();
    store.save_safety_plan(at(0), &plan).unwrap();
    drop(store);
    let store = open(&path);
    assert_eq!(store.safety_plan().unwrap(), plan);
    let mut json = Vec::new();
    store.export_json(at(1).to_utc(), &mut json).unwrap();
    assert!(
        String::from_utf8(json)
            .unwrap()
            .contains("my sister's laugh")
    );
    drop(store);
    for (name, bytes) in snapshot(dir.path()) {
        assert!(!bytes.windows(12).any(|w| w == b"sister's lau"), "{name}");
    }
}

#[test]
fn past_skill_uses_carry_their_sessions_need_and_how_it_ended() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = with_history(&db_in(&dir));
    // A second session that ended with self-harm, its skill use naming no need.
    store.start_urge(at(60), options()).unwrap();
    let use_without_need = SkillUseRecord {
        skill: "long-exhale".into(),
        need: None,
        intensity_before: None,
        intensity_after: None,
        helped: None,
    };
    store
        .record_skill(at(61), use_without_need.clone())
        .unwrap();
    store
        .end_urge(
            at(70),
            Outcome::SelfHarmed {
                needs_medical_care: false,
            },
        )
        .unwrap();
    // A use outside any session, and one still running.
    store
        .record_skill(at(80), use_without_need.clone())
        .unwrap();
    store.start_urge(at(90), options()).unwrap();
    store.record_skill(at(91), use_without_need).unwrap();
    // An id an early terminal build wrote, which is not a skill id.
    store
        .record_skill(
            at(92),
            SkillUseRecord {
                skill: "Not A Slug".into(),
                need: None,
                intensity_before: None,
                intensity_after: None,
                helped: None,
            },
        )
        .unwrap();

    let uses = store.past_skill_uses().unwrap();
    let summary: Vec<_> = uses
        .iter()
        .map(|u| (u.skill.as_str(), u.need, u.urge_passed_safely, u.helped))
        .collect();
    assert_eq!(
        summary,
        vec![
            ("hold-ice", Some(Need::Numb), Some(true), Some(true)),
            ("long-exhale", Some(Need::Numb), Some(false), None),
            ("long-exhale", None, None, None),
            ("long-exhale", Some(Need::Numb), None, None),
        ]
    );
    assert_eq!(uses[0].intensity_before, Some(Intensity::new(6).unwrap()));
    assert_eq!(uses[0].intensity_after, Some(Intensity::new(3).unwrap()));
    assert_eq!(uses[0].at, at(6).to_utc());
}

mod two_handles {
    //! The app and the widget write one file in any order. Each handle
    //! remembers the running session between its writes; whatever the
    //! interleaving, what they leave must equal a replay of the log, and
    //! both must read the same.

    use super::*;
    use proptest::prelude::*;

    #[derive(Clone, Debug)]
    enum Op {
        Start,
        CheckIn(u8),
        Extend,
        Advance,
        Skill,
        End,
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            1 => Just(Op::Start),
            4 => (0u8..=10).prop_map(Op::CheckIn),
            1 => Just(Op::Extend),
            2 => Just(Op::Advance),
            1 => Just(Op::Skill),
            1 => Just(Op::End),
        ]
    }

    /// The running session's readings and goal.
    type Running = (Vec<(std::time::Duration, u8)>, DelayGoal);

    /// What a handle reads: the sessions' CSV and the running session.
    fn state(store: &Store) -> (String, Option<Running>) {
        let active = store.active_urge().unwrap().map(|a| {
            let readings = a
                .session
                .check_ins()
                .iter()
                .map(|c| (c.at, c.intensity.value()))
                .collect();
            (readings, a.session.goal())
        });
        (csv(store), active)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        #[test]
        fn interleaved_writes_equal_a_replay(
            ops in proptest::collection::vec((any::<bool>(), 0i64..4, op()), 1..40)
        ) {
            let dir = tempfile::tempdir().unwrap();
            let path = db_in(&dir);
            let mut handles = [open(&path), open(&path)];
            let mut minute = 0;
            let mut running = false;
            for (widget, gap, op) in ops {
                minute += gap;
                let store = &mut handles[usize::from(widget)];
                let now = at(minute);
                match op {
                    Op::Start => {
                        store.start_urge(now, options()).unwrap();
                        running = true;
                    }
                    Op::CheckIn(v) => {
                        let done = store.check_in(now, Intensity::new(v).unwrap());
                        prop_assert_eq!(done.is_ok(), running, "{:?}", done);
                    }
                    Op::Extend => {
                        let done = store.extend_urge(now, DelayGoal::THIRTY_MINUTES);
                        // Refused when there is nothing to extend.
                        prop_assert!(done.is_ok() || !running || matches!(done, Err(StoreError::Urge(_))));
                    }
                    Op::Advance => {
                        store.advance_urge(now.to_utc()).unwrap();
                    }
                    Op::Skill => {
                        store
                            .record_skill(
                                now,
                                SkillUseRecord {
                                    skill: "hold-ice".into(),
                                    need: Some(Need::Numb),
                                    intensity_before: Some(Intensity::new(7).unwrap()),
                                    intensity_after: Some(Intensity::new(4).unwrap()),
                                    helped: Some(true),
                                },
                            )
                            .unwrap();
                    }
                    Op::End => {
                        let done = store.end_urge(now, Outcome::Passed);
                        prop_assert_eq!(done.is_ok(), running);
                        running = false;
                    }
                }
            }
            let live = state(&handles[0]);
            prop_assert_eq!(&state(&handles[1]), &live);
            handles[0].rebuild_projections().unwrap();
            prop_assert_eq!(&state(&handles[0]), &live);
            prop_assert_eq!(&state(&handles[1]), &live);
        }
    }
}

/// Writes whole-document events as schema v5 (before per-item edits) kept
/// them straight into the v5 fixture, then opens it with this version.
#[test]
fn whole_documents_from_before_item_edits_read_the_same_after_the_migration() {
    use ebb_core::safety::{EntryList, PersonDraft, PlanEdit, SafetyPlan};
    use ebb_core::settings::Settings;
    use ebb_core::skills::{PersonalSkillDraft, SkillBook, SkillId};
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    std::fs::copy(fixture(5), &path).unwrap();

    let edit =
        |plan: &SafetyPlan, minute: i64, e: PlanEdit| plan.edit(at(minute).to_utc(), e).unwrap();
    let add = |text: &str| PlanEdit::AddEntry {
        list: EntryList::ReasonsForLiving,
        text: text.into(),
    };
    let first = edit(&SafetyPlan::empty(), 20, add("my sister"));
    let mut plan = edit(&first, 21, add("the sea"));
    plan = edit(&plan, 22, add("my cat"));
    plan = edit(
        &plan,
        23,
        PlanEdit::AddPerson(PersonDraft {
            name: "Sam".into(),
            phone: "+44 7700 900123".into(),
            ..PersonDraft::default()
        }),
    );
    let mut book = SkillBook::new();
    book.add_personal(PersonalSkillDraft::new("Walk the dog"))
        .unwrap();
    book.hide(&SkillId::COLD_WATER).unwrap();
    let settings = Settings {
        cadence: CheckInCadence::Never,
        show_days_without: true,
        ..Settings::default()
    };
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "key", format!("x'{}'", "07".repeat(32)))
            .unwrap();
        assert_eq!(
            conn.pragma_query_value(None, "user_version", |r| r.get::<_, u32>(0))
                .unwrap(),
            5
        );
        // An older plan from another device arrives last: by time it is
        // not the latest.
        let docs = [
            (
                "old-phone",
                22,
                Payload::SafetyPlanSaved { plan: plan.clone() },
            ),
            (
                "old-phone",
                23,
                Payload::SkillBookSaved { book: book.clone() },
            ),
            (
                "old-phone",
                24,
                Payload::SettingsSaved {
                    settings: settings.clone(),
                },
            ),
            (
                "old-watch",
                20,
                Payload::SafetyPlanSaved {
                    plan: first.clone(),
                },
            ),
        ];
        for (device, minute, payload) in docs {
            let id = ebb_core::store::EventId::new(at(minute).to_utc());
            conn.execute(
                "INSERT INTO events (id, at_ms, utc_offset_secs, device, kind, version, payload)
                 VALUES (?1, ?2, 3600, ?5, ?3, 1, ?4)",
                rusqlite::params![
                    id.as_bytes(),
                    at(minute).timestamp_millis(),
                    payload.kind(),
                    serde_json::to_string(&payload).unwrap(),
                    device
                ],
            )
            .unwrap();
        }
    }
    let mut store = open(&path);
    assert_eq!(store.safety_plan().unwrap(), plan);
    assert_eq!(store.skill_book().unwrap(), book);
    assert_eq!(store.settings().unwrap(), settings);
    // Item edits build on what the documents held.
    let after = store
        .edit_safety_plan(
            at(30),
            PlanEdit::RemoveEntry {
                list: EntryList::ReasonsForLiving,
                index: 1,
            },
        )
        .unwrap();
    let reasons: Vec<&str> = after
        .reasons_for_living
        .iter()
        .map(|e| e.as_str())
        .collect();
    assert_eq!(reasons, ["my sister", "my cat"]);
    assert_eq!(after.people, plan.people);
    assert_eq!(store.safety_plan().unwrap(), after);
    store
        .change_setting(at(31), ebb_core::settings::Setting::ShowDaysWithout(false))
        .unwrap();
    assert_eq!(store.settings().unwrap().cadence, CheckInCadence::Never);
    assert!(!store.settings().unwrap().show_days_without);
    // And a rebuild or another device reading the log agrees.
    store.rebuild_projections().unwrap();
    assert_eq!(store.safety_plan().unwrap(), after);
    let mut other = open(&dir.path().join("other.db"));
    other.merge(store.events().unwrap()).unwrap();
    assert_eq!(other.safety_plan().unwrap(), after);
    assert_eq!(other.skill_book().unwrap(), book);
}

/// Several handles on one file, each on its own thread (the app, the widget
/// and a watch-sync job), adding plan items, skills and settings at once:
/// nothing acknowledged is lost.
#[test]
fn several_writers_on_one_file_lose_no_item() {
    use ebb_core::safety::{EntryList, PlanEdit};
    use ebb_core::settings::Setting;
    use ebb_core::skills::PersonalSkillDraft;
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    drop(open(&path));
    let writers: Vec<_> = (0..3)
        .map(|w| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut store = open(&path);
                for i in 0..10 {
                    store
                        .edit_safety_plan(
                            at(i),
                            PlanEdit::AddEntry {
                                list: EntryList::ALL[w],
                                text: format!("writer {w} item {i}"),
                            },
                        )
                        .unwrap();
                    store
                        .add_personal_skill(at(i), PersonalSkillDraft::new(format!("skill {w}")))
                        .unwrap();
                }
                let setting = match w {
                    0 => Setting::Cadence(CheckInCadence::Never),
                    1 => Setting::ShowDaysWithout(true),
                    _ => Setting::GoalPresets(vec![DelayGoal::THIRTY_MINUTES]),
                };
                store.change_setting(at(20), setting).unwrap();
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    let store = open(&path);
    let plan = store.safety_plan().unwrap();
    for (w, list) in EntryList::ALL.iter().take(3).enumerate() {
        let texts: Vec<&str> = plan.entries(*list).iter().map(|e| e.as_str()).collect();
        let expected: Vec<String> = (0..10).map(|i| format!("writer {w} item {i}")).collect();
        assert_eq!(texts, expected);
    }
    assert_eq!(store.skill_book().unwrap().all_personal().count(), 30);
    let settings = store.settings().unwrap();
    assert_eq!(settings.cadence, CheckInCadence::Never);
    assert!(settings.show_days_without);
    assert_eq!(settings.goal_presets, [DelayGoal::THIRTY_MINUTES]);
}
