//! Where Ebb keeps things on a desktop: the data directory, the encrypted
//! database in it, and the key that opens it.
//!
//! The directory is `--data-dir`, else `EBB_DATA_DIR`, else the platform's
//! data directory for Ebb. The key is 32 random bytes in a file `key`
//! (mode 0600) beside the database, made on first run; `EBB_KEY` (64 hex
//! characters) may supply it instead. A database without its key is never
//! replaced: Ebb refuses to open it and says why. The key file appears whole
//! or not at all; an empty one (left by an older version stopped while
//! making it) is replaced only while there is no database it could belong
//! to.
//!
//! Files Ebb writes for the person (an export, the progress page, sync
//! bytes) are made readable by their owner only and never replace a file
//! that is there unless `--force` is given ([`write_private`]).

use std::ffi::OsString;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Local};
use ebb_core::safety::{privacy_statement, support_not_treatment};
use ebb_core::settings::Setting;
use ebb_core::store::{DatabaseKey, OpenOptions, Store};

use crate::text::{Failure, Outcome, r, t};

/// The database's file name in the data directory.
const DATABASE: &str = "ebb.db";
/// The key file's name in the data directory.
const KEY_FILE: &str = "key";
/// The environment variable that may hold the key, as 64 hex characters.
const KEY_ENV: &str = "EBB_KEY";
/// The environment variable that may name the data directory.
const DIR_ENV: &str = "EBB_DATA_DIR";

/// The files of one data directory.
#[derive(Clone, Debug)]
pub(crate) struct Paths {
    pub(crate) dir: PathBuf,
    pub(crate) database: PathBuf,
    pub(crate) key: PathBuf,
}

impl Paths {
    /// From the flag, the environment or the platform default.
    pub(crate) fn resolve(flag: Option<&Path>) -> Outcome<Self> {
        let dir = flag
            .map(Path::to_owned)
            .or_else(|| {
                std::env::var_os(DIR_ENV)
                    .filter(|v| !v.is_empty())
                    .map(PathBuf::from)
            })
            .or_else(|| {
                directories::ProjectDirs::from("app", "ebb", "ebb").map(|p| p.data_dir().to_owned())
            })
            .ok_or_else(|| Failure::other("cli.error.no_data_dir", &[]))?;
        Ok(Self {
            database: dir.join(DATABASE),
            key: dir.join(KEY_FILE),
            dir,
        })
    }
}

/// The local time now, with its offset.
pub(crate) fn now() -> DateTime<FixedOffset> {
    Local::now().fixed_offset()
}

/// Opens the log, making the directory, key and database on first run. On
/// first run the privacy statement is shown once, on stderr: standard
/// output carries only what the command was asked for, so
/// `ebb export > file` is the export whatever run it is.
pub(crate) fn open(paths: &Paths) -> Outcome<Store> {
    let mut store = open_for_flow(paths)?;
    let settings = store.settings()?;
    if !settings.privacy_statement_seen {
        let mut lines: Vec<&str> = privacy_statement().into_iter().map(|k| k.text()).collect();
        lines.push(support_not_treatment().text());
        lines.push(t("cli.privacy.where_here"));
        let text = lines.join("\n");
        let text = text.replace("{path}", &paths.dir.display().to_string());
        eprintln!("{text}\n");
        store.change_setting(now(), Setting::PrivacyStatementSeen(true))?;
    }
    Ok(store)
}

/// Opens the log as [`open`] does, without the first-run statement: for
/// the companion, whose first screen is the core's first run (the privacy
/// statement in a few lines, the country, the plan).
pub(crate) fn open_for_flow(paths: &Paths) -> Outcome<Store> {
    let existed = paths.database.exists();
    let key = key(paths, existed)?;
    if !paths.dir.exists() {
        fs::create_dir_all(&paths.dir).map_err(|e| io_failure(&paths.dir, &e))?;
        restrict_dir(&paths.dir);
    }
    Ok(Store::open(
        &paths.database,
        &key,
        OpenOptions {
            plaintext_header: false,
            must_exist: existed,
        },
    )?)
}

/// Opens the log for crisis help: never creates anything and never shows
/// the first-run statement. `Ok(None)` when there is no database yet.
pub(crate) fn open_existing(paths: &Paths) -> Outcome<Option<Store>> {
    if !paths.database.exists() {
        return Ok(None);
    }
    let key = existing_key(paths)?;
    let store = Store::open(
        &paths.database,
        &key,
        OpenOptions {
            plaintext_header: false,
            must_exist: true,
        },
    )?;
    Ok(Some(store))
}

/// The key: from `EBB_KEY`, else the key file, else a new one when there is
/// no database yet.
fn key(paths: &Paths, database_exists: bool) -> Outcome<DatabaseKey> {
    match read_key(paths)? {
        Some(key) => Ok(key),
        None if database_exists => Err(missing_key(paths)),
        None => create_key(paths),
    }
}

/// The key for a database that is there.
fn existing_key(paths: &Paths) -> Outcome<DatabaseKey> {
    read_key(paths)?.ok_or_else(|| missing_key(paths))
}

fn missing_key(paths: &Paths) -> Failure {
    Failure::other(
        "cli.error.missing_key",
        &[("path", &paths.key.display().to_string())],
    )
}

/// The key from `EBB_KEY` or the key file; `None` when there is neither,
/// or when the key file is empty and there is no database it could open
/// (a first run stopped while making the key: nothing was ever written
/// with it).
fn read_key(paths: &Paths) -> Outcome<Option<DatabaseKey>> {
    if let Some(hex) = std::env::var_os(KEY_ENV) {
        let hex = hex.to_string_lossy();
        return parse_hex_key(hex.trim())
            .map(Some)
            .ok_or_else(|| Failure::usage("cli.error.bad_env_key", &[]));
    }
    let path = paths.key.display().to_string();
    match fs::read(&paths.key) {
        Ok(bytes) if bytes.is_empty() => {
            if paths.database.exists() {
                Err(Failure::other(
                    "cli.error.empty_key_file",
                    &[("path", &path)],
                ))
            } else {
                fs::remove_file(&paths.key).map_err(|e| io_failure(&paths.key, &e))?;
                Ok(None)
            }
        }
        Ok(bytes) => DatabaseKey::from_slice(&bytes).map(Some).map_err(|_| {
            Failure::other(
                "cli.error.bad_key_file",
                &[("path", &path), ("bytes", &bytes.len().to_string())],
            )
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io_failure(&paths.key, &e)),
    }
}

/// 64 hex characters as a key.
fn parse_hex_key(hex: &str) -> Option<DatabaseKey> {
    if hex.len() != 64 || !hex.is_ascii() {
        return None;
    }
    let mut bytes = [0u8; 32];
    for (i, byte) in bytes.iter_mut().enumerate() {
        *byte = u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(DatabaseKey::new(bytes))
}

/// Makes the data directory (owner only) and a new key file with 32 random
/// bytes, readable by the owner only. Never overwrites a key file.
fn create_key(paths: &Paths) -> Outcome<DatabaseKey> {
    if !paths.dir.exists() {
        fs::create_dir_all(&paths.dir).map_err(|e| io_failure(&paths.dir, &e))?;
        restrict_dir(&paths.dir);
    }
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| Failure::Other(e.to_string()))?;
    write_private(&paths.key, &bytes, false)?;
    Ok(DatabaseKey::new(bytes))
}

/// Writes `bytes` to a new file at `path` that only its owner can read.
///
/// The bytes go to a temporary file beside it first, which is synced and
/// then linked into place, so the file appears whole or not at all (an
/// interrupted run leaves no empty or half-written file behind). A file
/// already at `path` is kept and the write refused, unless `force`: then
/// it is replaced by the new file (with the owner-only mode, not the old
/// file's).
pub(crate) fn write_private(path: &Path, bytes: &[u8], force: bool) -> Outcome {
    let shown = path.display().to_string();
    if !force && path.exists() {
        return Err(Failure::usage("cli.error.file_exists", &[("path", &shown)]));
    }
    let mut tmp = OsString::from(path.as_os_str());
    tmp.push(format!(".{}.tmp", std::process::id()));
    let tmp = PathBuf::from(tmp);
    let result = write_new(&tmp, bytes).and_then(|()| {
        if force {
            fs::rename(&tmp, path)
        } else {
            // A link fails when a file appeared at `path` meanwhile.
            fs::hard_link(&tmp, path)
        }
    });
    let _ = fs::remove_file(&tmp);
    match result {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(Failure::usage("cli.error.file_exists", &[("path", &shown)]))
        }
        Err(e) => Err(io_failure(path, &e)),
    }
}

/// Creates `path` (it must not exist) with mode 0600, writes and syncs.
fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

#[cfg(unix)]
fn restrict_dir(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    // Best effort: a directory shared on purpose keeps its mode.
    let _ = fs::set_permissions(dir, fs::Permissions::from_mode(0o700));
}

#[cfg(not(unix))]
fn restrict_dir(_dir: &Path) {}

/// A file problem as a one-line failure.
pub(crate) fn io_failure(path: &Path, e: &std::io::Error) -> Failure {
    Failure::other(
        "cli.error.file",
        &[
            ("path", &path.display().to_string()),
            ("detail", &e.to_string()),
        ],
    )
}

/// Removes the database, its companion files and the key file. Works
/// without the key.
pub(crate) fn erase(paths: &Paths) -> Outcome {
    ebb_core::store::erase_files(&paths.database)?;
    match fs::remove_file(&paths.key) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(io_failure(&paths.key, &e)),
    }
}

/// A line for `ebb settings`: where things are kept.
pub(crate) fn where_line(paths: &Paths) -> String {
    r(
        "cli.settings.data_dir",
        &[("path", &paths.dir.display().to_string())],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hex_key_is_64_hex_characters() {
        assert!(parse_hex_key(&"ab".repeat(32)).is_some());
        assert!(parse_hex_key(&"ab".repeat(31)).is_none());
        assert!(parse_hex_key(&"zz".repeat(32)).is_none());
        assert!(parse_hex_key(&"é".repeat(32)).is_none());
    }
}
