//! Arbitrary bytes as a sync answer merged into a fresh log, and as a sync
//! request answered by it: every input is merged or refused with a typed
//! error, never a panic, and a refused answer leaves the log as it was.

#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use ebb_core::store::{DatabaseKey, OpenOptions, Store};
use libfuzzer_sys::fuzz_target;

/// The device id the seed corpus addresses its answers to.
const DEVICE: &str = "fuzz-target";

fn key() -> DatabaseKey {
    DatabaseKey::new([3; 32])
}

/// A fresh log, made once and copied for each input (opening a copy is far
/// cheaper than creating and migrating a database).
fn template() -> &'static (tempfile::TempDir, PathBuf) {
    static TEMPLATE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("template.db");
        let mut store = Store::open(&path, &key(), OpenOptions::default()).unwrap();
        store.set_device_for_tests(DEVICE).unwrap();
        drop(store);
        (dir, path)
    })
}

fuzz_target!(|data: &[u8]| {
    let (dir, template) = template();
    let path = dir.path().join("input.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    std::fs::copy(template, &path).unwrap();
    let mut store = Store::open(&path, &key(), OpenOptions::default()).unwrap();
    let before = store.events().unwrap();
    match store.sync_merge(data) {
        Ok(_) => {}
        Err(_) => assert_eq!(store.events().unwrap(), before, "a refused payload changed the log"),
    }
    let _ = store.sync_answer(data);
});
