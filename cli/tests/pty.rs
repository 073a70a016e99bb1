//! The `ebb` binary in a pseudo-terminal, read back as a screen: what a
//! person at a real terminal sees. Keys go in as typed; the screen is the
//! terminal's state after the escapes `ebb` wrote (a VT100 parser), so a
//! line erased by a redraw is gone here too.

#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests state their expectations by unwrapping

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use ebb_core::content::ContentKey;
use ebb_core::guides::{GuideId, guide};

const ROWS: u16 = 40;
const COLS: u16 = 110;

/// `ebb` running in a pseudo-terminal.
struct Term {
    master: File,
    child: Child,
    output: Receiver<Vec<u8>>,
    screen: vt100::Parser,
}

impl Term {
    fn start(dir: &Path, args: &[&str]) -> Self {
        let (mut master, mut slave) = (0, 0);
        let size = libc::winsize {
            ws_row: ROWS,
            ws_col: COLS,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        let made = unsafe {
            libc::openpty(
                &mut master,
                &mut slave,
                std::ptr::null_mut(),
                std::ptr::null(),
                &size,
            )
        };
        assert_eq!(made, 0, "openpty: {}", std::io::Error::last_os_error());
        let slave = unsafe { OwnedFd::from_raw_fd(slave) };
        let master = unsafe { File::from_raw_fd(master) };
        let mut command = Command::new(env!("CARGO_BIN_EXE_ebb"));
        command
            .args(args)
            .env("EBB_DATA_DIR", dir)
            .env("TERM", "xterm-256color")
            .env("LANG", "en_GB.UTF-8")
            .stdin(Stdio::from(slave.try_clone().unwrap()))
            .stdout(Stdio::from(slave.try_clone().unwrap()))
            .stderr(Stdio::from(slave));
        // The terminal is the child's controlling terminal, as in a shell.
        unsafe {
            command.pre_exec(|| {
                if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY, 0) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = command.spawn().unwrap();
        let mut reader = master.try_clone().unwrap();
        let (send, output) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || send.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Self {
            master,
            child,
            output,
            screen: vt100::Parser::new(
                std::num::NonZero::new(ROWS).unwrap(),
                std::num::NonZero::new(COLS).unwrap(),
                0,
            ),
        }
    }

    fn contents(&self) -> String {
        self.screen.screen().contents()
    }

    /// Reads what `ebb` writes until `text` is on the screen (wrapped
    /// lines and all: spacing is not compared); fails with the screen
    /// after `within`.
    fn wait_for(&mut self, text: &str, within: Duration) {
        let squash = |s: &str| s.split_whitespace().collect::<String>();
        let until = Instant::now() + within;
        while !squash(&self.contents()).contains(&squash(text)) {
            let left = until.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero(),
                "{text:?} never came on the screen:\n{}",
                self.contents()
            );
            if let Ok(bytes) = self
                .output
                .recv_timeout(left.min(Duration::from_millis(100)))
            {
                self.screen.process(&bytes);
            }
        }
    }

    /// Reads for `d`, whatever comes.
    fn settle(&mut self, d: Duration) {
        let until = Instant::now() + d;
        while Instant::now() < until {
            if let Ok(bytes) = self.output.recv_timeout(Duration::from_millis(50)) {
                self.screen.process(&bytes);
            }
        }
    }

    fn press(&mut self, keys: &str) {
        self.master.write_all(keys.as_bytes()).unwrap();
        self.master.flush().unwrap();
    }

    /// The key the screen shows for a choice labelled `label`.
    fn key_for(&self, label: &str) -> String {
        let screen = self.contents();
        let at = screen
            .find(&format!("] {label}"))
            .unwrap_or_else(|| panic!("no choice {label:?} on\n{screen}"));
        let open = screen[..at].rfind('[').unwrap();
        screen[open + 1..at].to_owned()
    }

    /// Presses the key of the choice labelled `label`, once it is drawn (a
    /// frame may arrive in more than one read).
    fn choose(&mut self, label: &str) {
        self.wait_for(&format!("] {label}"), SOON);
        let key = self.key_for(label);
        self.press(&key);
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn words(key: ContentKey) -> String {
    // The screen wraps long lines: the first words are enough to find.
    key.text()
        .split_whitespace()
        .take(4)
        .collect::<Vec<_>>()
        .join(" ")
}

const SOON: Duration = Duration::from_secs(15);

#[test]
fn every_step_of_a_guide_moved_on_by_a_key_is_shown() {
    let dir = tempfile::tempdir().unwrap();
    let mut term = Term::start(dir.path(), &["ice"]);
    // The caution comes first on first use.
    term.wait_for(&words(ContentKey::new("caution.ice_held_too_long")), SOON);
    term.choose(ContentKey::new("flow.cautions.go_on").text());
    let steps = &guide(GuideId::HoldIce).steps;
    for (n, step) in steps.iter().enumerate() {
        term.wait_for(&words(step.text), SOON);
        term.wait_for(&format!("Step {} of {}", n + 1, steps.len()), SOON);
        if n + 1 < steps.len() {
            term.choose(ContentKey::new("flow.guide.next").text());
        }
    }
}

#[test]
fn steps_moved_on_by_time_are_each_shown() {
    let dir = tempfile::tempdir().unwrap();
    let mut term = Term::start(dir.path(), &["guide", "breathing"]);
    // Nothing pressed: the pacer moves from breathing in to out and back.
    for key in [
        "guide.breathing.in",
        "guide.breathing.out",
        "guide.breathing.in",
    ] {
        term.wait_for(ContentKey::new(key).text(), SOON);
        term.settle(Duration::from_millis(300));
    }
    term.wait_for("Step 3 of", SOON);
}

#[test]
fn crisis_help_opens_inside_a_guide_with_one_key_and_back_returns_to_the_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut term = Term::start(dir.path(), &["ground"]);
    let first = words(guide(GuideId::Grounding54321).steps[0].text);
    term.wait_for(&first, SOON);
    term.press("h");
    term.wait_for(ContentKey::new("safety.crisis.heading").text(), SOON);
    term.choose(ContentKey::new("flow.back").text());
    term.wait_for(&first, SOON);
    term.wait_for("Step 1 of", SOON);
}

#[test]
fn what_is_typed_into_a_form_survives_the_redraws_around_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut term = Term::start(dir.path(), &[]);
    term.wait_for(ContentKey::new("flow.first_run.heading").text(), SOON);
    term.choose(ContentKey::new("flow.first_run.continue").text());
    // A running timer: its clock is redrawn every second.
    term.wait_for(ContentKey::new("flow.home.start").text(), SOON);
    term.choose(ContentKey::new("flow.home.start").text());
    term.wait_for(ContentKey::new("flow.timer.need_choice").text(), SOON);
    term.press("h");
    term.wait_for(ContentKey::new("flow.crisis.edit_plan").text(), SOON);
    term.choose(ContentKey::new("flow.crisis.edit_plan").text());
    term.wait_for(ContentKey::new("flow.plan.intro").text(), SOON);
    term.choose(ContentKey::new("flow.plan.add").text());
    term.settle(Duration::from_millis(300));
    term.press("my dog");
    // Several redraws of the timer's clock while the words wait.
    term.settle(Duration::from_millis(2500));
    term.wait_for("my dog", SOON);
    term.press(" and 3 cats");
    term.settle(Duration::from_millis(1500));
    term.press("\r");
    term.wait_for("my dog and 3 cats", SOON);
}
