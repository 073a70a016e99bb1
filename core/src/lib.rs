//! Ebb's core: everything that is decided, with no I/O of its own.
//!
//! Time is always an argument. An urge session or a guide is a state machine
//! driven by `advance(now)`; callers (the phone's notification scheduler, a
//! tokio driver, the terminal) ask `next_wake()` and come back then. See
//! `ARCHITECTURE.md` at the top of the repository.
#![forbid(unsafe_code)]
#![deny(clippy::print_stdout, clippy::print_stderr)]

#[cfg(feature = "ffi")]
uniffi::setup_scaffolding!();

pub mod clock;
pub mod content;
pub mod flow;
pub mod guides;
pub mod haptics;
pub mod progress;
pub mod safety;
pub mod settings;
pub mod skills;
pub mod store;
pub mod urge;
