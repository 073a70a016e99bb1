//! Typed lines and Ctrl-C as one stream, so a live screen can wait for
//! either while it redraws.

use std::io::BufRead;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

/// Something the person did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Input {
    /// A line they typed, trimmed.
    Line(String),
    /// Ctrl-C.
    Interrupt,
    /// Standard input closed (a script, or Ctrl-D).
    Closed,
}

/// The stream of input for this process.
#[derive(Debug)]
pub(crate) struct Inputs {
    rx: Receiver<Input>,
    closed: bool,
}

impl Inputs {
    /// Starts reading stdin on a thread and catches Ctrl-C.
    pub(crate) fn start() -> Self {
        let (tx, rx) = mpsc::channel();
        let interrupt = tx.clone();
        // A second handler cannot be set; one per process is all Ebb needs.
        let _ = ctrlc::set_handler(move || {
            let _ = interrupt.send(Input::Interrupt);
        });
        let _ = std::thread::Builder::new()
            .name("stdin".into())
            .spawn(move || {
                for line in std::io::stdin().lock().lines() {
                    let Ok(line) = line else { break };
                    if tx.send(Input::Line(line.trim().to_owned())).is_err() {
                        return;
                    }
                }
                let _ = tx.send(Input::Closed);
            });
        Self { rx, closed: false }
    }

    /// The next input, waiting at most `timeout`; `None` when nothing came.
    pub(crate) fn next_within(&mut self, timeout: Duration) -> Option<Input> {
        if self.closed {
            std::thread::sleep(timeout);
            return None;
        }
        match self.rx.recv_timeout(timeout) {
            Ok(Input::Closed) | Err(RecvTimeoutError::Disconnected) => {
                self.closed = true;
                Some(Input::Closed)
            }
            Ok(input) => Some(input),
            Err(RecvTimeoutError::Timeout) => None,
        }
    }

    /// The next input, waiting as long as it takes.
    pub(crate) fn next(&mut self) -> Input {
        if self.closed {
            return Input::Closed;
        }
        match self.rx.recv() {
            Ok(Input::Closed) | Err(_) => {
                self.closed = true;
                Input::Closed
            }
            Ok(input) => input,
        }
    }

    /// Whether standard input has closed.
    pub(crate) fn is_closed(&self) -> bool {
        self.closed
    }
}
