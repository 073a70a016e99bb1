//! Crisis help for a shell whose database did not open (a lost or wrong
//! key, a damaged file, a full disk): the bundled lines need no store.

use std::path::Path;

use ebb_core::content::Locale;
use ebb_core::safety::CountryCode;

use crate::CrisisScreenView;

/// The crisis screen without an open [`crate::Ebb`]: the bundled lines for
/// the country the person chose (kept beside the database at
/// `database_path`, readable without the key), else for `region`, the
/// device's region as an ISO 3166 code (Android `Locale.getDefault().country`,
/// iOS `Locale.current.region?.identifier`). Their plan and people join when
/// the database opens ([`crate::Ebb::crisis_screen`]).
#[uniffi::export]
pub fn crisis_without_store(database_path: String, region: Option<String>) -> CrisisScreenView {
    let region = region.and_then(|r| CountryCode::new(&r).ok());
    CrisisScreenView::from(&ebb_core::store::crisis_without_store(
        Path::new(&database_path),
        region,
        Locale::En,
    ))
}
