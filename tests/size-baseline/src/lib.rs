//! Opens a keyed SQLCipher database with Ebb's pragmas and inserts one row.

use std::ffi::{CStr, c_char};

/// Returns 0 on success.
///
/// # Safety
/// `path` must be a valid NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn baseline_insert(path: *const c_char) -> i32 {
    // SAFETY: the caller passes a valid C string.
    let path = unsafe { CStr::from_ptr(path) }.to_string_lossy().into_owned();
    let run = || -> rusqlite::Result<()> {
        let conn = rusqlite::Connection::open(path)?;
        conn.pragma_update(None, "key", "x'0707070707070707070707070707070707070707070707070707070707070707'")?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        conn.pragma_update(None, "secure_delete", "ON")?;
        conn.execute_batch("CREATE TABLE IF NOT EXISTS t (x INTEGER)")?;
        conn.execute("INSERT INTO t VALUES (1)", [])?;
        Ok(())
    };
    if run().is_ok() { 0 } else { 1 }
}
