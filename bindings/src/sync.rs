//! Device sync for the shells: the watch and the phone carry these bytes
//! over the platform's own channel (Wear OS Data Layer, WatchConnectivity);
//! no account, no server. A round: one device sends `sync_request()`, the
//! other replies `sync_answer(request)`, the first calls `sync_merge(answer)`;
//! then the same with roles swapped. The format is in `docs/SYNC.md`.

use std::sync::Arc;

use ebb_core::store::SyncReport;

use crate::EbbError;
use crate::companion::Ebb;
use crate::runtime::blocking;

#[uniffi::export]
impl Ebb {
    /// What this device already has, to send to the other device.
    pub fn sync_request(&self) -> Result<Vec<u8>, EbbError> {
        self.with_store(|store| Ok(store.sync_request()?))
    }

    /// The events the asker of `request` lacks, as a payload to send back.
    /// Async: a first sync carries the whole log.
    pub async fn sync_answer(self: Arc<Self>, request: Vec<u8>) -> Result<Vec<u8>, EbbError> {
        blocking(move || self.with_store(|store| Ok(store.sync_answer(&request)?))).await
    }

    /// Merges a payload from the other device. A truncated, damaged,
    /// replayed, misdirected or newer-format payload is
    /// [`EbbError::SyncPayload`] and changes nothing.
    pub async fn sync_merge(self: Arc<Self>, payload: Vec<u8>) -> Result<SyncReport, EbbError> {
        blocking(move || self.with_store(|store| Ok(store.sync_merge(&payload)?))).await
    }
}
