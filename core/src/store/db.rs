//! Opening the encrypted database: the key, the pragmas, and telling a wrong
//! key from a file that is not a database.

use std::fmt;
use std::io::Read;
use std::path::Path;
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
pub(crate) fn open(path: &Path, key: &DatabaseKey, options: OpenOptions) -> Result<Connection> {
    let existed = path.exists();
    if !existed && options.must_exist {
        return Err(StoreError::Io(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!("no database at {}", path.display()),
        )));
    }
    if existed {
        precheck_file(path, options)?;
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| classify_open(path, e))?;

    // SQLCipher would also print a wrong key's decryption failure to stderr;
    // the typed error already says it, and a shell's log is no place for it.
    conn.pragma_update(None, "cipher_log_level", "NONE")
        .map_err(|e| classify_open(path, e))?;
    // The key must be the first statement on the connection that reads.
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

    // Reading the schema decrypts page 1: this is where a wrong key shows.
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
/// wrong key. An empty file (a crash during creation) is let through.
fn precheck_file(path: &Path, options: OpenOptions) -> Result<()> {
    let len = std::fs::metadata(path)?.len();
    if len == 0 {
        return Ok(());
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
    std::fs::File::open(path)?.read_exact(&mut head)?;
    if &head == SQLITE_MAGIC && !options.plaintext_header {
        return Err(not_a_database("an unencrypted SQLite file".into()));
    }
    Ok(())
}

/// The first 16 bytes of a plaintext SQLite file.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

fn classify_open(path: &Path, e: rusqlite::Error) -> StoreError {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => StoreError::NotADatabase {
            path: path.to_owned(),
            detail: e.to_string(),
        },
        _ => StoreError::from(e),
    }
}
