//! Opening the encrypted database: the key, the pragmas, and telling a wrong
//! key from a file that is not a database.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};
use zeroize::{Zeroize, Zeroizing};

use super::error::{Result, StoreError};

/// The 32-byte key that opens the log, kept by the shell in Android
/// Keystore or the iOS Keychain. It is handed to SQLCipher in raw form, so
/// no key derivation (PBKDF2) runs at open: a widget tap opens the log at once.
#[derive(Clone, PartialEq, Eq)]
pub struct DatabaseKey([u8; 32]);

impl DatabaseKey {
    /// Wraps 32 key bytes.
    pub fn new(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// From a slice that must hold exactly 32 bytes.
    pub fn from_slice(bytes: &[u8]) -> Result<Self> {
        <[u8; 32]>::try_from(bytes)
            .map(Self)
            .map_err(|_| StoreError::Invalid {
                what: "key",
                detail: format!("a key is 32 bytes, got {}", bytes.len()),
            })
    }

    fn hex(&self) -> Zeroizing<String> {
        Zeroizing::new(self.0.iter().map(|b| format!("{b:02x}")).collect())
    }
}

impl fmt::Debug for DatabaseKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DatabaseKey(..)")
    }
}

impl Drop for DatabaseKey {
    fn drop(&mut self) {
        // Wipe the key before its memory is reused.
        self.0.zeroize();
    }
}

/// How to open the log.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OpenOptions {
    /// Leave the first 32 bytes of the file (the SQLite header) unencrypted.
    ///
    /// iOS kills a suspended app that holds a lock on a file in a shared
    /// app-group container, except for SQLite databases in WAL mode, which it
    /// recognises by their plaintext header. SQLCipher encrypts that header by
    /// default, so an app and its widget sharing an encrypted WAL database
    /// there get terminated in the background (`0x10deadcc`). With this
    /// option the header stays readable; the header holds no user data (page
    /// size, counters, the schema cookie). Because the header is where
    /// SQLCipher keeps the salt, the salt is then supplied with the key.
    pub plaintext_header: bool,
    /// Fail instead of creating the file when it does not exist.
    pub must_exist: bool,
}

/// The salt used with the raw key when the header is plaintext. A salt
/// protects low-entropy passphrases; Ebb's key is 32 random bytes from the
/// platform keystore, so a fixed salt costs nothing.
const PLAINTEXT_HEADER_SALT: &str = "4562622d6c6f672d73616c742d763031";

/// SQLCipher 4's page size; a valid encrypted file is a whole number of pages.
const PAGE_SIZE: u64 = 4096;

/// How long a writer waits for another process (the widget, the app) before
/// giving up with [`StoreError::Busy`].
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Opens and keys the database, checks the key, and sets the pragmas.
///
/// An existing file is checked before anything can write to it: its size
/// and companion files ([`precheck_file`]), then the key and every page's
/// authentication code on a read-only connection that cannot touch the
/// file, its `-wal` or its `-shm` ([`verify`]). Only a file that passes is
/// opened for writing, so a refused open leaves every byte as it was.
pub(crate) fn open(path: &Path, key: &DatabaseKey, options: OpenOptions) -> Result<Connection> {
    let existed = path.try_exists().map_err(io_error)?;
    if !existed && options.must_exist {
        return Err(StoreError::Io(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!("no database at {}", path.display()),
        )));
    }
    if existed {
        precheck_file(path, options)?;
        verify_settled(path, key, options)?;
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| classify_open(path, e))?;
    apply_key(&conn, path, key, options)?;

    // Reading the schema decrypts page 1: this is where a wrong key shows
    // for a new file (an existing one was verified above).
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })
    .map_err(|e| match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) if existed => StoreError::WrongKey(path.to_owned()),
        _ => classify_open(path, e),
    })?;

    set_pragmas(&conn).map_err(|e| classify_open(path, e))?;
    // Room for every statement the store runs, so none is prepared twice.
    conn.set_prepared_statement_cache_capacity(64);
    Ok(conn)
}

/// Keys a new connection. The key must be the first statement on the
/// connection that reads.
fn apply_key(
    conn: &Connection,
    path: &Path,
    key: &DatabaseKey,
    options: OpenOptions,
) -> Result<()> {
    // SQLCipher would also print a wrong key's decryption failure to stderr;
    // the typed error already says it, and a shell's log is no place for it.
    conn.pragma_update(None, "cipher_log_level", "NONE")
        .map_err(|e| classify_open(path, e))?;
    let key_literal = Zeroizing::new(if options.plaintext_header {
        format!("x'{}{PLAINTEXT_HEADER_SALT}'", key.hex().as_str())
    } else {
        format!("x'{}'", key.hex().as_str())
    });
    conn.pragma_update(None, "key", key_literal.as_str())
        .map_err(|e| classify_open(path, e))?;
    if options.plaintext_header {
        // Keep the 32-byte SQLite header readable (see `OpenOptions`).
        conn.pragma_update(None, "cipher_plaintext_header_size", 32)
            .map_err(|e| classify_open(path, e))?;
    }
    Ok(())
}

/// [`verify`], asked again before a wrong key or damage is reported. The
/// check reads without locks, so it can meet a page that another process
/// (the app, the widget) is checkpointing into the file at that moment;
/// such a page reads whole a moment later, real damage and a wrong key do
/// not.
fn verify_settled(path: &Path, key: &DatabaseKey, options: OpenOptions) -> Result<()> {
    let mut attempt = 1;
    loop {
        match verify(path, key, options) {
            Err(StoreError::WrongKey(_) | StoreError::Corrupt(_)) if attempt < VERIFY_ATTEMPTS => {
                attempt += 1;
                std::thread::sleep(VERIFY_PAUSE);
            }
            other => return other,
        }
    }
}

/// How often a wrong key or damage is checked before it is reported, and
/// the pause between: far longer than a checkpoint writes a page.
const VERIFY_ATTEMPTS: u32 = 3;
const VERIFY_PAUSE: Duration = Duration::from_millis(50);

/// Checks the key and every page of an existing file without changing any
/// byte of it or its companions.
///
/// The connection is opened `immutable`: SQLite then takes no locks and
/// never opens the `-wal` or `-shm`, so it cannot checkpoint the WAL into
/// the file or delete it on close (which a read-write connection with a
/// wrong key would do: the WAL's frames are copied without decryption).
/// It sees the file as of the last checkpoint, which is enough to decrypt
/// page 1 with the key and to check each page's authentication code.
fn verify(path: &Path, key: &DatabaseKey, options: OpenOptions) -> Result<()> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let conn = Connection::open_with_flags(immutable_uri(path), flags)
        .map_err(|e| classify_open(path, e))?;
    apply_key(&conn, path, key, options)?;
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })
    .map_err(|e| match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => StoreError::WrongKey(path.to_owned()),
        // With the header in plain text SQLite reads it whatever the key,
        // and a wrong key shows first as page 1 failing to decode.
        Some(ErrorCode::DatabaseCorrupt) if options.plaintext_header => {
            StoreError::WrongKey(path.to_owned())
        }
        _ => classify_open(path, e),
    })?;
    // A page that fails its code (a damaged sector, a bad copy) is found
    // here, before anything writes; otherwise a write that never reads the
    // damaged page would succeed and report nothing.
    let mut stmt = conn
        .prepare("PRAGMA cipher_integrity_check")
        .map_err(|e| classify_open(path, e))?;
    let problems: Vec<String> = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .map_err(|e| classify_open(path, e))?
        .flatten()
        .collect();
    if let Some(first) = problems.first() {
        return Err(StoreError::Corrupt(format!(
            "{}: {first}{}",
            path.display(),
            match problems.len() {
                1 => String::new(),
                n => format!(" (and {} more)", n - 1),
            }
        )));
    }
    Ok(())
}

/// A `file:` URI for `path` with `immutable=1`, every byte outside the
/// unreserved set percent-encoded (a `?` or `#` in a folder name must not
/// end the path).
fn immutable_uri(path: &Path) -> String {
    let mut uri = String::from("file:");
    for &b in path.as_os_str().as_encoded_bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            uri.push(char::from(b));
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// Sets the connection's pragmas. Each has its reason beside it.
fn set_pragmas(conn: &Connection) -> rusqlite::Result<()> {
    // Wait for the other process (app or widget) instead of failing at once.
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // WAL: readers never block the writer, so the widget and the app can use
    // the file at once, and a crash mid-write leaves the last commit intact.
    conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))?;
    // FULL: in WAL mode each commit syncs the WAL, so an action that returned
    // survives power loss as well as a killed process. NORMAL would only
    // protect against the latter; a person's log is worth the few
    // milliseconds per tap.
    conn.pragma_update(None, "synchronous", "FULL")?;
    // Projections refer to their session; keep them consistent.
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Temporary tables and indexes stay in memory: never on disk unencrypted.
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    // Deleted content is overwritten, so an erased entry leaves no trace in
    // free pages.
    conn.pragma_update(None, "secure_delete", "ON")?;
    Ok(())
}

/// Rejects files that cannot be an encrypted Ebb database before SQLCipher
/// touches them, so a damaged file is reported as such rather than as a
/// wrong key. An empty file is refused by name, never replaced: it may be
/// a first run that stopped half-way, or a copy that lost its content, and
/// only the person can tell. A `-shm` without its `-wal` means the WAL,
/// which holds the latest commits, was removed: opening would quietly lose
/// them, so that is refused too.
fn precheck_file(path: &Path, options: OpenOptions) -> Result<()> {
    let len = settled_len(path)?;
    if len == 0 {
        return Err(StoreError::EmptyFile(path.to_owned()));
    }
    let not_a_database = |detail: String| StoreError::NotADatabase {
        path: path.to_owned(),
        detail,
    };
    if len < PAGE_SIZE || !len.is_multiple_of(PAGE_SIZE) {
        return Err(not_a_database(format!(
            "{len} bytes is not a whole number of {PAGE_SIZE}-byte pages"
        )));
    }
    let mut head = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .map_err(io_error)?;
    if &head == SQLITE_MAGIC && !options.plaintext_header {
        return Err(not_a_database("an unencrypted SQLite file".into()));
    }
    let wal = companion(path, "-wal");
    if companion(path, "-shm").exists() && !wal.exists() {
        return Err(StoreError::MissingWal(wal));
    }
    Ok(())
}

/// The file's length. A file another process (the app, the widget) has
/// just created is empty for the moment before its first page is written;
/// an empty file is given that moment before it is refused.
fn settled_len(path: &Path) -> Result<u64> {
    let len = || std::fs::metadata(path).map(|m| m.len()).map_err(io_error);
    for _ in 0..CREATION_POLLS {
        match len()? {
            0 => std::thread::sleep(CREATION_POLL),
            n => return Ok(n),
        }
    }
    len()
}

/// How long, in all, an empty file is watched for a creator's first page.
const CREATION_POLLS: u32 = 10;
const CREATION_POLL: Duration = Duration::from_millis(20);

/// The database's `-wal` or `-shm` file.
pub(crate) fn companion(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// A file error, told apart where a shell can act on it: no space, or a
/// file or folder that cannot be written.
fn io_error(e: std::io::Error) -> StoreError {
    match e.kind() {
        _ if no_room(&e) => StoreError::StorageFull,
        std::io::ErrorKind::ReadOnlyFilesystem => StoreError::ReadOnly,
        _ => StoreError::Io(e),
    }
}

/// Whether a file error says there is no room: the disk is full (ENOSPC)
/// or the person's quota on it is used up (EDQUOT).
fn no_room(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded
    )
}

/// `e`, or [`StoreError::StorageFull`] when it is an I/O error a full disk
/// can cause ([`StoreError::may_be_full_disk`]) and the disk holding the
/// database at `path` is full.
///
/// SQLite reports most writes that find no space as `SQLITE_FULL` (mapped
/// in `error.rs`), but some as an I/O error: growing the `-shm`
/// (`SQLITE_IOERR_SHMSIZE`), a sync on a file system that finds out only
/// then (`SQLITE_IOERR_FSYNC`), a write refused by a quota
/// (`SQLITE_IOERR_WRITE`). The code does not say why, rusqlite does not
/// expose the OS error SQLite saw (`sqlite3_system_errno`), and the thread's
/// `errno` is not to be trusted after SQLite's own clean-up calls. So the
/// file system is asked directly ([`full_beside`]). A disk with a little
/// room left, but not enough for what SQLite wrote, keeps the I/O error:
/// this never reports a full disk it did not see.
pub(crate) fn full_disk_or(path: Option<&Path>, e: StoreError) -> StoreError {
    match path {
        Some(path) if e.may_be_full_disk() && full_beside(path) => StoreError::StorageFull,
        _ => e,
    }
}

/// Whether one wal-index region (32 KiB, what SQLite adds to the `-shm`
/// at a time, more than most commits add to the `-wal`) cannot be written
/// and synced in a new file beside `path` for want of space or quota. The
/// file has a name of its own (the process and a counter), is created
/// only if absent, and is removed whatever happened.
fn full_beside(path: &Path) -> bool {
    use std::io::Write;
    use std::sync::atomic::{AtomicU32, Ordering};

    static PROBES: AtomicU32 = AtomicU32::new(0);
    const REGION: usize = 32 * 1024;
    let probe = companion(
        path,
        &format!(
            "-space-{}-{}",
            std::process::id(),
            PROBES.fetch_add(1, Ordering::Relaxed)
        ),
    );
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
    {
        Ok(file) => file,
        // Not made, so nothing to remove (and a file of that name that was
        // already there is not this one's to remove).
        Err(e) => return no_room(&e),
    };
    let written = file.write_all(&[0; REGION]).and_then(|()| file.sync_all());
    drop(file);
    // Best effort: a probe that cannot be removed is 32 KiB at most.
    let _ = std::fs::remove_file(&probe);
    written.is_err_and(|e| no_room(&e))
}

/// The first 16 bytes of a plaintext SQLite file.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// An error from opening, told apart by what the shell can do: a file that
/// is not a database, or a folder Ebb cannot write (SQLite then says only
/// that it cannot open the file, because it cannot make the `-wal` and
/// `-shm` beside it).
fn classify_open(path: &Path, e: rusqlite::Error) -> StoreError {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => StoreError::NotADatabase {
            path: path.to_owned(),
            detail: e.to_string(),
        },
        Some(ErrorCode::CannotOpen) if cannot_write_beside(path) => StoreError::ReadOnly,
        _ => StoreError::from(e),
    }
}

/// Whether the folder holding `path` (or the file itself) is marked
/// read-only, or sits on a read-only file system.
fn cannot_write_beside(path: &Path) -> bool {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let marked = |p: &Path| std::fs::metadata(p).is_ok_and(|m| m.permissions().readonly());
    if marked(dir) || marked(path) {
        return true;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Not writable by its owner is read-only for the person here, even
        // when others may write.
        if std::fs::metadata(dir).is_ok_and(|m| m.permissions().mode() & 0o200 == 0) {
            return true;
        }
    }
    false
}
