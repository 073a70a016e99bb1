//! Honest failure: every open the store refuses leaves the database, its
//! `-wal` and its `-shm` byte for byte as they were, each fault has its own
//! error, and crisis help still has lines to show.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests state their expectations by unwrapping

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use ebb_core::content::Locale;
use ebb_core::safety::{CountryCode, PlanEdit, SafetyPlan, lines_for};
use ebb_core::store::{
    DatabaseKey, OpenOptions, Store, StoreError, country_file, crisis_without_store, kept_country,
};

fn key() -> DatabaseKey {
    DatabaseKey::new([7; 32])
}

fn at(minutes: i64) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(0).unwrap().from_utc_datetime(
        &Utc.with_ymd_and_hms(2026, 11, 27, 1, 0, 0)
            .unwrap()
            .naive_utc(),
    ) + chrono::Duration::minutes(minutes)
}

fn open(path: &Path, key: &DatabaseKey) -> Result<Store, StoreError> {
    Store::open(path, key, OpenOptions::default())
}

/// Every file beside the database, by name, with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// A data folder as a killed app leaves it: the database with recent
/// commits still in its `-wal`, and the `-shm` beside them. Made by copying
/// the three files while the store that wrote them is open.
fn crashed(dir: &Path) -> PathBuf {
    let live = tempfile::tempdir().unwrap();
    let live_db = live.path().join("ebb.db");
    let mut store = open(&live_db, &key()).unwrap();
    let mut plan = SafetyPlan::empty();
    plan = plan
        .edit(at(0).to_utc(), PlanEdit::SetCountry(Some(CountryCode::GB)))
        .unwrap();
    store.save_safety_plan(at(0), &plan).unwrap();
    for i in 0..20 {
        store.write_note(at(i), &format!("note {i}")).unwrap();
    }
    let db = dir.join("ebb.db");
    for suffix in ["", "-wal", "-shm", "-country"] {
        let mut from = live_db.as_os_str().to_owned();
        from.push(suffix);
        let mut to = db.as_os_str().to_owned();
        to.push(suffix);
        std::fs::copy(PathBuf::from(from), PathBuf::from(to)).unwrap();
    }
    drop(store);
    db
}

fn wal_of(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push("-wal");
    PathBuf::from(name)
}

fn shm_of(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push("-shm");
    PathBuf::from(name)
}

/// Crisis help for a store that did not open still has the kept country's
/// lines.
fn crisis_still_shows_lines(db: &Path) {
    let screen = crisis_without_store(db, None, Locale::En);
    let gb = lines_for(Some(CountryCode::GB)).lines;
    assert_eq!(screen.lines.len(), gb.len());
    assert_eq!(screen.lines[0].name, gb[0].name);
}

#[test]
fn the_crash_state_has_a_wal_and_opens_with_every_note() {
    let dir = tempfile::tempdir().unwrap();
    let db = crashed(dir.path());
    assert!(std::fs::metadata(wal_of(&db)).unwrap().len() > 0);
    assert!(shm_of(&db).exists());
    let store = open(&db, &key()).unwrap();
    assert_eq!(store.events().unwrap().len(), 21);
}

#[test]
fn a_wrong_key_leaves_the_database_wal_and_shm_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let db = crashed(dir.path());
    let before = files(dir.path());
    assert!(before.contains_key("ebb.db-wal") && before.contains_key("ebb.db-shm"));
    let err = open(&db, &DatabaseKey::new([8; 32])).unwrap_err();
    assert!(matches!(err, StoreError::WrongKey(_)), "{err:?}");
    assert_eq!(files(dir.path()), before);
    crisis_still_shows_lines(&db);
    // The right key still finds everything, the WAL's commits included.
    assert_eq!(open(&db, &key()).unwrap().events().unwrap().len(), 21);
}

#[test]
fn an_empty_database_is_refused_by_name_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ebb.db");
    std::fs::write(&db, b"").unwrap();
    let err = open(&db, &key()).unwrap_err();
    assert!(
        matches!(&err, StoreError::EmptyFile(p) if p == &db),
        "{err:?}"
    );
    assert!(err.to_string().contains("ebb.db"), "{err}");
    assert_eq!(files(dir.path()).len(), 1, "no -wal or -shm was made");
    assert_eq!(std::fs::metadata(&db).unwrap().len(), 0);
}

#[test]
fn a_short_database_is_refused_by_name_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let db = crashed(dir.path());
    std::fs::remove_file(wal_of(&db)).unwrap();
    std::fs::remove_file(shm_of(&db)).unwrap();
    let bytes = std::fs::read(&db).unwrap();
    std::fs::write(&db, &bytes[..bytes.len() - 100]).unwrap();
    let before = files(dir.path());
    let err = open(&db, &key()).unwrap_err();
    assert!(
        matches!(&err, StoreError::NotADatabase { path, .. } if path == &db),
        "{err:?}"
    );
    assert_eq!(files(dir.path()), before);
    crisis_still_shows_lines(&db);
}

#[test]
fn a_damaged_last_page_is_found_before_anything_writes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ebb.db");
    {
        let mut store = open(&db, &key()).unwrap();
        for i in 0..50 {
            store.write_note(at(i), &"words ".repeat(40)).unwrap();
        }
    }
    let mut bytes = std::fs::read(&db).unwrap();
    let last = bytes.len() - 2000;
    bytes[last] ^= 0x5a;
    std::fs::write(&db, &bytes).unwrap();
    let before = files(dir.path());
    let err = open(&db, &key()).unwrap_err();
    assert!(matches!(err, StoreError::Corrupt(_)), "{err:?}");
    assert_eq!(
        files(dir.path()),
        before,
        "nothing wrote to the damaged file"
    );
}

#[test]
fn a_removed_wal_is_named_and_nothing_is_changed() {
    let dir = tempfile::tempdir().unwrap();
    let db = crashed(dir.path());
    std::fs::remove_file(wal_of(&db)).unwrap();
    let before = files(dir.path());
    let err = open(&db, &key()).unwrap_err();
    assert!(
        matches!(&err, StoreError::MissingWal(p) if p == &wal_of(&db)),
        "{err:?}"
    );
    assert!(err.to_string().contains("ebb.db-wal"), "{err}");
    assert_eq!(files(dir.path()), before);
    crisis_still_shows_lines(&db);
    // The way out the message gives: without the -shm, what the database
    // file holds opens.
    std::fs::remove_file(shm_of(&db)).unwrap();
    open(&db, &key()).unwrap();
}

#[test]
fn a_full_disk_is_storage_full_and_crisis_help_has_its_lines() {
    let dir = tempfile::tempdir().unwrap();
    let db = crashed(dir.path());
    let mut store = open(&db, &key()).unwrap();
    store.limit_pages_for_tests(1).unwrap();
    let err = store.write_note(at(30), &"x".repeat(100_000)).unwrap_err();
    assert!(matches!(err, StoreError::StorageFull), "{err:?}");
    crisis_still_shows_lines(&db);
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_without_wal_and_shm_is_read_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let db = data.join("ebb.db");
    drop(crashed(&data));
    std::fs::remove_file(shm_of(&db)).unwrap();
    // A clean close: checkpoint the WAL into the file, as the last close
    // does.
    drop(open(&db, &key()).unwrap());
    assert!(!wal_of(&db).exists());
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o500)).unwrap();
    let writable = std::fs::write(data.join("probe"), b"").is_ok();
    let before = files(&data);
    let result = open(&db, &key());
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o700)).unwrap();
    if writable {
        // The superuser writes anywhere; the folder is not read-only to it.
        eprintln!("skipped: this user can write to a 0500 folder");
        return;
    }
    let err = result.unwrap_err();
    assert!(matches!(err, StoreError::ReadOnly), "{err:?}");
    assert_eq!(files(&data), before);
    crisis_still_shows_lines(&db);
}

#[test]
fn the_chosen_country_is_kept_beside_the_database_and_erased_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ebb.db");
    let mut store = open(&db, &key()).unwrap();
    assert_eq!(kept_country(&db), None);
    let plan = SafetyPlan::empty()
        .edit(at(0).to_utc(), PlanEdit::SetCountry(Some(CountryCode::AU)))
        .unwrap();
    store.save_safety_plan(at(0), &plan).unwrap();
    assert_eq!(kept_country(&db), Some(CountryCode::AU));
    assert_eq!(std::fs::read(country_file(&db)).unwrap(), b"AU\n");
    // Only the code: nothing the person wrote is in it.
    let cleared = plan
        .edit(at(1).to_utc(), PlanEdit::SetCountry(None))
        .unwrap();
    store.save_safety_plan(at(1), &cleared).unwrap();
    assert_eq!(kept_country(&db), None);
    store.save_safety_plan(at(2), &plan).unwrap();

    // A file removed by hand comes back at the next open.
    std::fs::remove_file(country_file(&db)).unwrap();
    drop(store);
    let store = open(&db, &key()).unwrap();
    assert_eq!(kept_country(&db), Some(CountryCode::AU));
    store.erase().unwrap();
    assert!(!country_file(&db).exists());
}

#[test]
fn a_country_chosen_on_another_device_arrives_with_the_merge() {
    let dir = tempfile::tempdir().unwrap();
    let here = dir.path().join("here.db");
    let there = dir.path().join("there.db");
    let mut a = open(&here, &key()).unwrap();
    let mut b = open(&there, &key()).unwrap();
    let plan = SafetyPlan::empty()
        .edit(at(0).to_utc(), PlanEdit::SetCountry(Some(CountryCode::NZ)))
        .unwrap();
    b.save_safety_plan(at(0), &plan).unwrap();
    let answer = b.sync_answer(&a.sync_request().unwrap()).unwrap();
    a.sync_merge(&answer).unwrap();
    assert_eq!(kept_country(&here), Some(CountryCode::NZ));
}

#[test]
fn an_export_from_a_newer_version_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("ebb.db"), &key()).unwrap();
    let newer = br#"{"format":"ebb-export","version":99,"exported_at":0,"events":[]}"#;
    let err = store.import_json(&newer[..]).unwrap_err();
    assert!(
        matches!(err, StoreError::ExportTooNew { found: 99, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("newer version of Ebb"), "{err}");
    let not_ebb = br#"{"format":"something-else","version":1}"#;
    assert!(matches!(
        store.import_json(&not_ebb[..]).unwrap_err(),
        StoreError::Invalid { .. }
    ));
}
