//! Sharing the log with another device: three commands a script can chain,
//! with nothing but files or pipes between the two data directories.
//!
//! ```sh
//! ebb --data-dir A sync request > request
//! ebb --data-dir B sync export --for request > answer
//! ebb --data-dir A sync import answer
//! ```
//!
//! then the same with A and B swapped. The bytes are Ebb's sync format
//! (`docs/SYNC.md`); a damaged or repeated answer changes nothing.

use std::fs;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use ebb_core::store::Store;

use crate::data::io_failure;
use crate::text::{Failure, Outcome, print_json, r, t};

#[derive(Debug, Args)]
pub(crate) struct SyncArgs {
    #[command(subcommand)]
    action: SyncAction,
}

#[derive(Debug, Subcommand)]
enum SyncAction {
    #[command(about = t("cli.help.sync.request"))]
    Request {
        #[arg(long, value_name = "FILE", help = t("cli.help.sync.out"))]
        out: Option<PathBuf>,
        #[arg(long, requires = "out", help = t("cli.help.force"))]
        force: bool,
    },
    #[command(about = t("cli.help.sync.export"), visible_alias = "answer")]
    Export {
        #[arg(long = "for", value_name = "REQUEST", help = t("cli.help.sync.for"))]
        request: PathBuf,
        #[arg(long, value_name = "FILE", help = t("cli.help.sync.out"))]
        out: Option<PathBuf>,
        #[arg(long, requires = "out", help = t("cli.help.force"))]
        force: bool,
    },
    #[command(about = t("cli.help.sync.import"), visible_alias = "merge")]
    Import {
        #[arg(value_name = "ANSWER", help = t("cli.help.sync.file"))]
        answer: PathBuf,
    },
}

pub(crate) fn run(store: &mut Store, args: &SyncArgs, json: bool) -> Outcome {
    match &args.action {
        SyncAction::Request { out, force } => emit(&store.sync_request()?, out.as_deref(), *force),
        SyncAction::Export {
            request,
            out,
            force,
        } => {
            let request = read(request)?;
            emit(&store.sync_answer(&request)?, out.as_deref(), *force)
        }
        SyncAction::Import { answer } => {
            let report = store.sync_merge(&read(answer)?)?;
            if json {
                return print_json(&report);
            }
            println!(
                "{}",
                r(
                    "cli.sync.done",
                    &[
                        ("added", &report.added.to_string()),
                        ("erased", &report.erased.to_string()),
                    ]
                )
            );
            Ok(())
        }
    }
}

/// Reads a file, or standard input for `-`.
fn read(path: &Path) -> Outcome<Vec<u8>> {
    let mut bytes = Vec::new();
    if path == Path::new("-") {
        std::io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .map_err(|e| io_failure(path, &e))?;
        return Ok(bytes);
    }
    fs::read(path).map_err(|e| io_failure(path, &e))
}

/// Writes sync bytes to `out`, or to standard output when that is not a
/// terminal. The bytes hold the log, so a file is made readable by its
/// owner only, and one already there is replaced only with `force`.
fn emit(bytes: &[u8], out: Option<&Path>, force: bool) -> Outcome {
    match out {
        Some(path) => crate::data::write_private(path, bytes, force),
        None => {
            let stdout = std::io::stdout();
            if stdout.is_terminal() {
                return Err(Failure::usage("cli.error.sync_to_screen", &[]));
            }
            let mut lock = stdout.lock();
            lock.write_all(bytes)
                .and_then(|()| lock.flush())
                .map_err(|e| Failure::Other(e.to_string()))
        }
    }
}
