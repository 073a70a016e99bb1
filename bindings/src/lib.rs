//! Ebb's boundary for the Kotlin and Swift shells.
//!
//! For now this crate only re-exports the core; the UniFFI surface (a
//! `Companion` object, listeners, async calls) is built on top of it.

pub use ebb_core as core;
