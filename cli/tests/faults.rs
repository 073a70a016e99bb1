//! `ebb` when things are wrong: crisis help whatever state the data is in,
//! refused opens that change no byte, and the terminal plumbing a script
//! relies on (stdout carries only what was asked, a closed pipe ends
//! quietly, files Ebb writes are private and not overwritten).

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests state their expectations by unwrapping

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use ebb_core::content::ContentKey;
use ebb_core::store::{DatabaseKey, OpenOptions, Store};
use serde_json::Value;

/// A data directory of its own, and `ebb` run against it from a terminal
/// set to British English.
struct Ebb {
    tmp: tempfile::TempDir,
    dir: PathBuf,
}

impl Ebb {
    fn new() -> Self {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("data");
        Self { tmp, dir }
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_ebb"));
        c.arg("--data-dir")
            .arg(&self.dir)
            .args(args)
            .env_remove("EBB_KEY")
            .env_remove("EBB_DATA_DIR")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "en_GB.UTF-8")
            .stdin(Stdio::null());
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.cmd(args).output().unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "ebb {args:?} exited {:?}: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn scratch(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    fn file(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// Every file in the data directory, with its bytes.
    fn files(&self) -> BTreeMap<String, Vec<u8>> {
        std::fs::read_dir(&self.dir)
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect()
    }

    /// A person's data as a killed `ebb` leaves it: a plan with a person,
    /// a running timer, and the `-wal` and `-shm` still beside the database.
    fn with_a_crash(&self) {
        self.ok(&["safety", "country", "gb"]);
        self.ok(&[
            "safety",
            "person",
            "add",
            "Robin Example",
            "--phone",
            "+447700900123",
        ]);
        let mut live = self
            .cmd(&["urge", "--intensity", "6"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // The live timer has the store open once it has said something.
        let mut first = String::new();
        BufReader::new(live.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        live.kill().unwrap();
        live.wait().unwrap();
        assert!(self.file("ebb.db-wal").exists() && self.file("ebb.db-shm").exists());
    }
}

fn text(key: &'static str) -> &'static str {
    ContentKey::new(key).text()
}

/// `ebb crisis` with a fault: exit 0, the crisis screen and the UK lines
/// on stdout, one line on stderr that says what is wrong, and not a byte
/// of the data directory changed.
fn crisis_despite(ebb: &Ebb, what: &str) -> String {
    crisis_despite_as(ebb, what, |_| {})
}

/// [`crisis_despite`], with `ebb` run as `adjust` says.
fn crisis_despite_as(ebb: &Ebb, what: &str, adjust: impl Fn(&mut Command)) -> String {
    let before = ebb.files();
    let mut command = ebb.cmd(&["crisis"]);
    adjust(&mut command);
    let out = command.output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(0), "{what}: {stderr}");
    assert!(
        stdout.contains(text("safety.crisis.heading")),
        "{what}: {stdout}"
    );
    assert!(stdout.contains("Samaritans"), "{what}: {stdout}");
    assert!(stdout.contains("999"), "{what}: {stdout}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{what}: {stderr}");
    assert_eq!(ebb.files(), before, "{what}: the data directory changed");
    stderr
}

#[test]
fn crisis_help_with_no_data_at_all_uses_the_terminals_region_and_makes_nothing() {
    let ebb = Ebb::new();
    let out = ebb.run(&["crisis"]);
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("Samaritans"), "{stdout}");
    assert!(out.stderr.is_empty(), "nothing is wrong with no data");
    assert!(!ebb.dir.exists(), "crisis help creates nothing");

    let us = ebb
        .cmd(&["crisis", "--json"])
        .env("LC_ALL", "en_US.UTF-8")
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&us.stdout).unwrap();
    let names: Vec<&str> = v["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["name"].as_str().unwrap())
        .collect();
    assert!(names.iter().any(|n| n.contains("988")), "{names:?}");
}

#[test]
fn crisis_help_shows_the_plan_and_people_when_the_data_opens() {
    let ebb = Ebb::new();
    ebb.with_a_crash();
    let out = ebb.run(&["crisis"]);
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("Robin Example"), "{stdout}");
    assert!(out.stderr.is_empty());
}

#[test]
fn crisis_help_renders_with_a_wrong_key() {
    let ebb = Ebb::new();
    ebb.with_a_crash();
    std::fs::write(ebb.file("key"), [9u8; 32]).unwrap();
    let stderr = crisis_despite(&ebb, "wrong key");
    assert!(stderr.contains("key does not open"), "{stderr}");
    // The plan's people are not shown: the plan could not be read.
    let stdout = String::from_utf8(ebb.run(&["crisis"]).stdout).unwrap();
    assert!(!stdout.contains("Robin Example"), "{stdout}");
}

#[test]
fn crisis_help_renders_with_a_missing_key() {
    let ebb = Ebb::new();
    ebb.with_a_crash();
    std::fs::remove_file(ebb.file("key")).unwrap();
    let stderr = crisis_despite(&ebb, "missing key");
    assert!(stderr.contains("missing"), "{stderr}");
}

#[test]
fn crisis_help_renders_with_an_empty_key_file() {
    let ebb = Ebb::new();
    ebb.with_a_crash();
    std::fs::write(ebb.file("key"), b"").unwrap();
    let stderr = crisis_despite(&ebb, "empty key");
    assert!(stderr.contains("is empty"), "{stderr}");
}

#[test]
fn crisis_help_renders_with_a_damaged_file() {
    let ebb = Ebb::new();
    ebb.with_a_crash();
    let db = ebb.file("ebb.db");
    let mut bytes = std::fs::read(&db).unwrap();
    let at = bytes.len() - 100;
    bytes[at] ^= 0xff;
    std::fs::write(&db, &bytes).unwrap();
    let stderr = crisis_despite(&ebb, "damaged file");
    assert!(stderr.contains("damaged"), "{stderr}");
    // Nothing else writes to it either.
    let before = ebb.files();
    let out = ebb.run(&["urge", "status"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(ebb.files(), before);
}

#[test]
fn crisis_help_renders_with_a_removed_wal() {
    let ebb = Ebb::new();
    ebb.with_a_crash();
    std::fs::remove_file(ebb.file("ebb.db-wal")).unwrap();
    let stderr = crisis_despite(&ebb, "removed -wal");
    assert!(stderr.contains("ebb.db-wal is missing"), "{stderr}");
}

#[test]
fn crisis_help_renders_with_an_empty_database() {
    let ebb = Ebb::new();
    std::fs::create_dir_all(&ebb.dir).unwrap();
    // A first run that stopped after making the key.
    std::fs::write(ebb.file("key"), [7u8; 32]).unwrap();
    std::fs::write(ebb.file("ebb.db"), b"").unwrap();
    let stderr = crisis_despite(&ebb, "empty database");
    assert!(stderr.contains("is empty"), "{stderr}");
    // Other commands refuse it by name instead of replacing it.
    let out = ebb.run(&["urge", "status"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("ebb.db"));
    assert_eq!(std::fs::metadata(ebb.file("ebb.db")).unwrap().len(), 0);
}

#[cfg(unix)]
#[test]
fn crisis_help_renders_with_a_read_only_folder() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let ebb = Ebb::new();
    ebb.ok(&["safety", "country", "gb"]);
    assert!(
        !ebb.file("ebb.db-wal").exists(),
        "a clean exit leaves no -wal"
    );
    // The superuser writes to any folder; run `ebb` as an ordinary user
    // that owns the data then.
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    const NOBODY: u32 = 65534;
    if root {
        for path in [ebb.tmp.path().to_owned(), ebb.dir.clone()]
            .into_iter()
            .chain(ebb.files().into_keys().map(|name| ebb.file(&name)))
        {
            std::os::unix::fs::chown(&path, Some(NOBODY), Some(NOBODY)).unwrap();
        }
    }
    std::fs::set_permissions(&ebb.dir, std::fs::Permissions::from_mode(0o500)).unwrap();
    let stderr = crisis_despite_as(&ebb, "read-only folder", |c| {
        if root {
            c.uid(NOBODY).gid(NOBODY);
        }
    });
    std::fs::set_permissions(&ebb.dir, std::fs::Permissions::from_mode(0o700)).unwrap();
    assert!(stderr.contains("cannot write"), "{stderr}");
}

/// A full disk, made for real: the data directory is a small tmpfs in a
/// mount namespace of the test's own (`unshare`), filled to the last
/// block after the plan was written. Opening the data then needs room for
/// the `-shm`, which SQLite reports as an I/O error
/// (`SQLITE_IOERR_SHMSIZE`), not as `SQLITE_FULL`; Ebb tells it apart.
/// `ebb crisis` still prints the lines for the kept country, exits 0, and
/// says in one line that the disk is full; a write says the same and
/// exits 1. Skipped, saying so, where this system makes no namespace.
#[cfg(target_os = "linux")]
#[test]
fn crisis_help_renders_on_a_full_disk_and_a_write_says_it_is_full() {
    const SETUP_FAILED: i32 = 77;
    let ebb = Ebb::new();
    std::fs::create_dir_all(&ebb.dir).unwrap();
    let out = ebb.scratch("out");
    std::fs::create_dir_all(&out).unwrap();
    let script = r#"
        : >"$OUT/inside"
        mount -t tmpfs -o size=512k tmpfs "$DATA" || exit 77
        "$EBB" --data-dir "$DATA" safety country gb >/dev/null 2>&1 || exit 1
        "$EBB" --data-dir "$DATA" safety person add "Robin Example" \
            --phone +447700900123 >/dev/null 2>&1 || exit 1
        dd if=/dev/zero of="$DATA/filler" bs=4096 2>/dev/null
        for run in crisis add; do
            case $run in
                crisis) set -- crisis ;;
                add) set -- safety add reasons "The sea" ;;
            esac
            "$EBB" --data-dir "$DATA" "$@" >"$OUT/$run.out" 2>"$OUT/$run.err"
            echo $? >"$OUT/$run.code"
        done
        ls -A "$DATA" >"$OUT/files"
    "#;
    let status = Command::new("unshare")
        .args(["--user", "--map-root-user", "--mount", "sh", "-c", script])
        .env("EBB", env!("CARGO_BIN_EXE_ebb"))
        .env("DATA", &ebb.dir)
        .env("OUT", &out)
        .env_remove("EBB_KEY")
        .env_remove("EBB_DATA_DIR")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "en_GB.UTF-8")
        .stdin(Stdio::null())
        .status();
    // `unshare` missing, refused a namespace (the script never ran), or
    // the namespace could not mount: this system cannot make the disk.
    let inside = out.join("inside").exists();
    match status.map(|s| s.code()) {
        Ok(Some(0)) => {}
        Ok(Some(SETUP_FAILED)) | Err(_) => {
            eprintln!("skipped: no mount namespace for a small tmpfs here");
            return;
        }
        Ok(_) if !inside => {
            eprintln!("skipped: unshare could not make a user and mount namespace here");
            return;
        }
        other => panic!("setting up the full disk failed: {other:?}"),
    }
    let read = |name: &str| std::fs::read_to_string(out.join(name)).unwrap();
    let full = text("cli.error.storage_full");

    assert_eq!(read("crisis.code").trim(), "0", "{}", read("crisis.err"));
    let stdout = read("crisis.out");
    assert!(stdout.contains(text("safety.crisis.heading")), "{stdout}");
    assert!(stdout.contains("Samaritans"), "{stdout}");
    assert!(stdout.contains("999"), "{stdout}");
    let stderr = read("crisis.err");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(stderr.contains(full), "{stderr}");

    assert_eq!(read("add.code").trim(), "1", "{}", read("add.err"));
    assert!(read("add.err").contains(full), "{}", read("add.err"));
    // Nothing was left behind by the check for room.
    let files = read("files");
    assert!(!files.contains("-space-"), "{files}");
}

#[test]
fn a_wrong_key_leaves_every_byte_of_db_wal_and_shm() {
    let ebb = Ebb::new();
    ebb.with_a_crash();
    let before = ebb.files();
    let out = ebb
        .cmd(&["urge", "status"])
        .env("EBB_KEY", "ab".repeat(32))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("Nothing was changed"), "{stderr}");
    assert_eq!(ebb.files(), before);
}

#[test]
fn the_first_runs_export_to_stdout_is_valid_json() {
    let ebb = Ebb::new();
    let out = ebb.run(&["export", "--format", "json"]);
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["format"], "ebb-export");
    assert!(String::from_utf8_lossy(&out.stderr).contains(text("privacy.title")));
}

#[test]
fn a_closed_pipe_ends_ebb_quietly() {
    let ebb = Ebb::new();
    ebb.ok(&["urge", "status"]);
    {
        // More than a pipe holds (64 KiB), so `ebb` is still writing when
        // the reader goes.
        let key = DatabaseKey::from_slice(&std::fs::read(ebb.file("key")).unwrap()).unwrap();
        let mut store = Store::open(ebb.file("ebb.db"), &key, OpenOptions::default()).unwrap();
        let now = chrono::Local::now().fixed_offset();
        for _ in 0..100 {
            store.write_note(now, &"words ".repeat(400)).unwrap();
        }
    }
    let mut child = ebb
        .cmd(&["log", "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    stdout.read_line(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_ne!(out.status.code(), Some(101), "{stderr}");
}

#[test]
fn an_empty_key_file_left_by_an_interrupted_first_run_does_not_block() {
    let ebb = Ebb::new();
    std::fs::create_dir_all(&ebb.dir).unwrap();
    std::fs::write(ebb.file("key"), b"").unwrap();
    ebb.ok(&["urge", "status"]);
    assert_eq!(std::fs::read(ebb.file("key")).unwrap().len(), 32);
}

#[test]
fn an_empty_key_file_beside_a_database_is_a_broken_key_and_changes_nothing() {
    let ebb = Ebb::new();
    ebb.ok(&["urge", "start"]);
    std::fs::write(ebb.file("key"), b"").unwrap();
    let before = ebb.files();
    let out = ebb.run(&["urge", "status"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("key file") && stderr.contains("is empty"),
        "{stderr}"
    );
    assert_eq!(ebb.files(), before);
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn files_ebb_writes_are_private_and_replaced_only_with_force() {
    use std::os::unix::fs::PermissionsExt;
    let ebb = Ebb::new();
    ebb.ok(&["urge", "start"]);
    assert_eq!(mode(&ebb.file("key")), 0o600);

    let export = ebb.scratch("export.json");
    std::fs::write(&export, b"someone else's").unwrap();
    std::fs::set_permissions(&export, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = ebb.run(&["export", "--out", export.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--force"));
    assert_eq!(std::fs::read(&export).unwrap(), b"someone else's");
    ebb.ok(&["export", "--out", export.to_str().unwrap(), "--force"]);
    assert_eq!(
        mode(&export),
        0o600,
        "a replaced file takes the private mode"
    );
    let v: Value = serde_json::from_slice(&std::fs::read(&export).unwrap()).unwrap();
    assert_eq!(v["format"], "ebb-export");

    let page = ebb.scratch("review.html");
    ebb.ok(&["progress", "--html", page.to_str().unwrap()]);
    assert_eq!(mode(&page), 0o600);
    let again = ebb.run(&["progress", "--html", page.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));

    let request = ebb.scratch("request");
    ebb.ok(&["sync", "request", "--out", request.to_str().unwrap()]);
    assert_eq!(mode(&request), 0o600);
    let again = ebb.run(&["sync", "request", "--out", request.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    // Nothing half-written is left beside them.
    let names: Vec<String> = std::fs::read_dir(ebb.tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

/// A sync payload of `kind` (1 a request, 2 an answer) whose body
/// inflates to `inflated` zero bytes.
fn inflating_payload(kind: u8, inflated: usize) -> Vec<u8> {
    let packed = miniz_oxide::deflate::compress_to_vec(&vec![0u8; inflated], 1);
    let mut out = b"EBBS".to_vec();
    out.push(1); // format version
    out.push(kind);
    out.extend_from_slice(&crc32fast::hash(&packed).to_le_bytes());
    out.extend_from_slice(&packed);
    out
}

/// Runs `command` to its end and returns its output and its peak resident
/// memory in bytes, read from the kernel for that one child.
#[cfg(target_os = "linux")]
#[allow(clippy::zombie_processes)] // reaped by wait4 below, which also reads its memory
fn peak_memory(mut command: Command) -> (Output, u64) {
    use std::os::unix::process::ExitStatusExt;
    let child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = libc::pid_t::try_from(child.id()).unwrap();
    // The outputs are small; the child cannot block on a full pipe.
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child; the pointers are to live locals.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid);
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    std::io::Read::read_to_end(&mut child.stdout.unwrap(), &mut stdout).unwrap();
    std::io::Read::read_to_end(&mut child.stderr.unwrap(), &mut stderr).unwrap();
    let output = Output {
        status: std::process::ExitStatus::from_raw(status),
        stdout,
        stderr,
    };
    // ru_maxrss is in kilobytes on Linux.
    (output, u64::try_from(usage.ru_maxrss).unwrap() * 1024)
}

#[cfg(target_os = "linux")]
#[test]
fn a_payload_that_inflates_to_400_mib_is_refused_in_bounded_memory() {
    let ebb = Ebb::new();
    ebb.ok(&["urge", "status"]);
    let answer = ebb.scratch("answer");
    let request = ebb.scratch("request");
    for (kind, path) in [(2, &answer), (1, &request)] {
        let bytes = inflating_payload(kind, 400 * 1024 * 1024);
        assert!(bytes.len() < 3 * 1024 * 1024, "{} bytes", bytes.len());
        std::fs::File::create(path)
            .unwrap()
            .write_all(&bytes)
            .unwrap();
    }
    let before = ebb.files();
    let answer = answer.to_str().unwrap();
    let request = request.to_str().unwrap();
    let commands: [&[&str]; 2] = [
        &["sync", "import", answer],
        &["sync", "export", "--for", request],
    ];
    for args in commands {
        let mut command = ebb.cmd(args);
        command.stdout(Stdio::piped());
        let (out, peak) = peak_memory(command);
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
        eprintln!(
            "{args:?}: peak resident memory {} MiB",
            peak / (1024 * 1024)
        );
        assert!(peak < 300 * 1000 * 1000, "{args:?}: {peak} bytes");
    }
    assert_eq!(ebb.files(), before);
}
