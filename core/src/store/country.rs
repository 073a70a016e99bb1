//! The person's chosen country, kept beside the database so crisis help can
//! show their country's lines when the database cannot be opened (a lost or
//! wrong key, a damaged file, a full disk).
//!
//! The file is `<database>-country` (for `ebb.db`, `ebb.db-country`): two
//! ASCII letters and a newline, unencrypted, readable by the owner only. It
//! reveals which country's crisis lines the person chose, and nothing they
//! wrote; the database beside it already shows that Ebb is used, and the
//! device's own region setting usually says as much. Crisis help that works
//! without the key is worth that much. It is written whenever the store sees
//! the plan's country change (a save, an import, a sync) and removed with
//! the database by [`super::erase_files`].

use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::content::Locale;
use crate::safety::{CountryCode, CrisisScreen, crisis_country, crisis_screen};

/// The country file's suffix after the database's name.
pub(crate) const COUNTRY_SUFFIX: &str = "-country";

/// The country file beside `database`.
pub fn country_file(database: &Path) -> PathBuf {
    let mut name = OsString::from(database.as_os_str());
    name.push(COUNTRY_SUFFIX);
    PathBuf::from(name)
}

/// The country kept beside `database`, if there is a readable one. Needs no
/// key; anything else in the file (or no file) reads as none.
pub fn kept_country(database: &Path) -> Option<CountryCode> {
    let mut text = String::new();
    // Read a few bytes at most: the file is tiny, whatever is there.
    std::fs::File::open(country_file(database))
        .ok()?
        .take(8)
        .read_to_string(&mut text)
        .ok()?;
    CountryCode::new(text.trim()).ok()
}

/// Keeps `country` beside `database` (removes the file for none). Written
/// to a temporary file and renamed, so a crash leaves the old or the new
/// code, never half of one.
pub(crate) fn keep_country(database: &Path, country: Option<CountryCode>) -> std::io::Result<()> {
    let path = country_file(database);
    if kept_country(database) == country && (country.is_some() || !path.exists()) {
        return Ok(());
    }
    let Some(country) = country else {
        return match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        };
    };
    let mut tmp = OsString::from(path.as_os_str());
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(&tmp)?;
    file.write_all(format!("{country}\n").as_bytes())?;
    file.sync_all()?;
    std::fs::rename(&tmp, &path)
}

/// The crisis screen for a shell whose database did not open: the bundled
/// lines for the country kept beside `database`, else for `region` (the
/// device's), with no plan. See [`crate::safety::crisis_screen`].
pub fn crisis_without_store(
    database: &Path,
    region: Option<CountryCode>,
    locale: Locale,
) -> CrisisScreen {
    crisis_screen(None, crisis_country(kept_country(database), region), locale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_country_reads_back_and_none_removes_it() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("ebb.db");
        assert_eq!(kept_country(&db), None);
        keep_country(&db, Some(CountryCode::GB)).unwrap();
        assert_eq!(kept_country(&db), Some(CountryCode::GB));
        assert_eq!(std::fs::read_to_string(country_file(&db)).unwrap(), "GB\n");
        keep_country(&db, None).unwrap();
        assert!(!country_file(&db).exists());
        keep_country(&db, None).unwrap();
    }

    #[test]
    fn anything_else_in_the_file_reads_as_none() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("ebb.db");
        for junk in [&b""[..], b"G", b"GBR\n", b"\xff\xfe", b"GB GB GB GB"] {
            std::fs::write(country_file(&db), junk).unwrap();
            assert_eq!(kept_country(&db), None, "{junk:?}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn the_file_is_the_owners_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("ebb.db");
        keep_country(&db, Some(CountryCode::IE)).unwrap();
        let mode = std::fs::metadata(country_file(&db))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn without_a_store_the_kept_country_wins_over_the_region() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("ebb.db");
        let us = crate::safety::lines_for(Some(CountryCode::US)).lines;
        let gb = crate::safety::lines_for(Some(CountryCode::GB)).lines;
        let screen = crisis_without_store(&db, Some(CountryCode::US), Locale::En);
        assert_eq!(screen.lines[0].name, us[0].name);
        keep_country(&db, Some(CountryCode::GB)).unwrap();
        let screen = crisis_without_store(&db, Some(CountryCode::US), Locale::En);
        assert_eq!(screen.lines[0].name, gb[0].name);
    }
}
