//! `ebb` as a person and a script meet it: every command run as a real
//! process against its own temporary data directory.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests state their expectations by unwrapping

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use ebb_core::content::ContentKey;
use serde_json::Value;

/// A data directory of its own and a way to run `ebb` against it.
struct Ebb {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
}

impl Ebb {
    fn new() -> Self {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("data");
        Self { _tmp: tmp, dir }
    }

    fn scratch(&self, name: &str) -> PathBuf {
        self._tmp.path().join(name)
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_ebb"));
        c.arg("--data-dir")
            .arg(&self.dir)
            .args(args)
            .env_remove("EBB_KEY")
            .env_remove("EBB_DATA_DIR")
            .stdin(Stdio::null());
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.cmd(args).output().unwrap()
    }

    fn with_stdin(&self, args: &[&str], input: &str) -> Output {
        let mut child = self
            .cmd(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    }

    /// Runs and expects success; returns stdout.
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

    /// Runs with `--json` and parses stdout.
    fn json(&self, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.push("--json");
        let out = self.ok(&all);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
    }

    /// Runs and expects `code`; returns stderr.
    fn fails(&self, args: &[&str], code: i32) -> String {
        let out = self.run(args);
        assert_eq!(
            out.status.code(),
            Some(code),
            "ebb {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stderr).unwrap()
    }

    fn database(&self) -> PathBuf {
        self.dir.join("ebb.db")
    }

    fn key(&self) -> PathBuf {
        self.dir.join("key")
    }
}

fn text(key: &'static str) -> &'static str {
    ContentKey::new(key).text()
}

fn one_line(stderr: &str) {
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
}

fn snapshot(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

#[test]
fn the_first_run_shows_the_privacy_statement_once_and_makes_a_private_key() {
    let ebb = Ebb::new();
    let out = ebb.run(&[]);
    assert!(out.status.success());
    // The statement is for the person, not for what a script reads.
    let first = String::from_utf8(out.stderr).unwrap();
    assert!(first.contains(text("privacy.title")), "{first}");
    assert!(first.contains(text("privacy.nothing_leaves")));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains(text("flow.home.start")), "{stdout}");
    assert!(!stdout.contains(text("privacy.nothing_leaves")), "{stdout}");
    let key = std::fs::read(ebb.key()).unwrap();
    assert_eq!(key.len(), 32);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(ebb.key()).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let second = ebb.run(&[]);
    assert!(!String::from_utf8_lossy(&second.stderr).contains(text("privacy.title")));
    assert_eq!(std::fs::read(ebb.key()).unwrap(), key, "the key is kept");
}

#[test]
fn with_json_the_privacy_statement_goes_to_stderr_and_stdout_stays_json() {
    let ebb = Ebb::new();
    let out = ebb.run(&["urge", "status", "--json"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains(text("privacy.title")));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["running"], false);
}

#[test]
fn a_session_started_by_one_process_is_ended_by_another() {
    let ebb = Ebb::new();
    let started = ebb.json(&[
        "urge",
        "start",
        "--intensity",
        "7",
        "--need",
        "numb",
        "--source",
        "terminal",
        "--goal",
        "15",
    ]);
    let id = started["id"].as_str().unwrap().to_owned();
    assert_eq!(started["running"], true);
    assert_eq!(started["resumed"], false);
    assert_eq!(started["start_intensity"], 7);
    assert_eq!(started["need"], "numb");
    assert_eq!(started["source"], "terminal");
    assert_eq!(started["goal_minutes"], 15);

    // Starting again returns the same running session.
    let again = ebb.json(&["urge", "start"]);
    assert_eq!(again["id"], id.as_str());
    assert_eq!(again["resumed"], true);

    let status = ebb.json(&["urge", "status"]);
    assert_eq!(status["session"]["id"], id.as_str());

    let checked = ebb.json(&["urge", "check-in", "5"]);
    assert_eq!(checked["session"]["latest_intensity"], 5);
    assert_eq!(checked["session"]["check_ins"].as_array().unwrap().len(), 1);
    assert_eq!(checked["next"]["next"], "continue");

    let used = ebb.json(&[
        "urge", "skill", "hold-ice", "--helped", "yes", "--after", "3",
    ]);
    assert_eq!(used["in_session"], id.as_str());

    let extended = ebb.json(&["urge", "extend", "30"]);
    assert_eq!(extended["goal_minutes"], 30);

    let suggestions = ebb.json(&["urge", "suggest", "--count", "3"]);
    let list = suggestions.as_array().unwrap();
    assert_eq!(list.len(), 3);
    assert!(
        list.iter()
            .all(|s| s["reason"].as_str().is_some_and(|r| !r.is_empty()))
    );

    let ended = ebb.json(&["urge", "end", "--outcome", "passed"]);
    assert_eq!(ended["id"], id.as_str());
    assert_eq!(ended["ended"]["outcome"]["kind"], "passed");
    assert_eq!(ended["next"]["next"], "acknowledge");

    assert_eq!(ebb.json(&["urge", "status"])["running"], false);
    // Nothing is running to end now.
    let stderr = ebb.fails(&["urge", "end", "--outcome", "passed"], 2);
    one_line(&stderr);
    assert!(stderr.contains(text("cli.error.no_session")));
}

#[test]
fn thinking_about_ending_life_at_a_check_in_brings_the_crisis_screen_first() {
    let ebb = Ebb::new();
    ebb.json(&["urge", "start"]);
    let v = ebb.json(&["urge", "check-in", "--ending-life"]);
    assert_eq!(v["next"]["next"], "crisis_first");
    assert!(!v["next"]["lines"].as_array().unwrap().is_empty());
    let human = ebb.ok(&["urge", "check-in", "8", "--ending-life"]);
    assert!(human.contains(text("safety.crisis.heading")), "{human}");
}

#[test]
fn self_harm_that_may_need_care_shows_the_care_card() {
    let ebb = Ebb::new();
    ebb.json(&["urge", "start"]);
    let v = ebb.json(&["urge", "end", "--outcome", "self-harmed", "--needs-care"]);
    assert_eq!(v["next"]["next"], "care");
    ebb.json(&["urge", "start"]);
    let human = ebb.ok(&["urge", "end", "--outcome", "self-harmed", "--needs-care"]);
    assert!(human.contains(text("care.injury.title")), "{human}");
    assert!(human.contains(text("safety.ack.needs_care")));
    // Care goes only with self-harm.
    ebb.json(&["urge", "start"]);
    one_line(&ebb.fails(&["urge", "end", "--outcome", "passed", "--needs-care"], 2));
    assert_eq!(ebb.json(&["urge", "status"])["session"]["running"], true);
}

/// The key a screen printed for a choice: `[k] label`.
fn key_for(screen: &str, label: &str) -> String {
    let at = screen
        .find(&format!("] {label}"))
        .unwrap_or_else(|| panic!("no {label:?} in:\n{screen}"));
    let open = screen[..at].rfind('[').unwrap();
    screen[open + 1..at].to_owned()
}

#[test]
fn the_live_timer_offers_crisis_help_notes_skills_and_ends_with_an_outcome() {
    let ebb = Ebb::new();
    // Without a terminal the companion prints each screen and reads keys.
    let first = ebb.with_stdin(&["urge", "--goal", "5"], "");
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let first = String::from_utf8(first.stdout).unwrap();
    let tried = key_for(&first, text("flow.timer.tried"));
    let keys = format!("h\nq\nc\nq\n7\n{tried}\nwhat\ne\n1\n");
    let out = ebb.with_stdin(&["urge"], &keys);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    for key in [
        "flow.timer.heading",
        "safety.ask.ending_life",
        "flow.timer.skills",
        "safety.crisis.heading",
        "flow.crisis.ending_life",
        "urge.ask.outcome",
        "urge.outcome.passed",
    ] {
        assert!(stdout.contains(text(key)), "{key} missing from:\n{stdout}");
    }
    assert!(stdout.contains("Noted: "), "{stdout}");
    assert_eq!(ebb.json(&["urge", "status"])["running"], false);
    let log = ebb.json(&["log"]);
    let kinds: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["payload"]["kind"].as_str().unwrap())
        .collect();
    for kind in ["urge_started", "checked_in", "skill_used", "urge_ended"] {
        assert!(kinds.contains(&kind), "{kinds:?}");
    }
}

#[test]
fn closing_the_live_timer_leaves_the_session_running_and_resumable() {
    let ebb = Ebb::new();
    let out = ebb.with_stdin(&["urge", "--intensity", "6"], "");
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains(text("cli.urge.left_running")), "{stdout}");
    let id = ebb.json(&["urge", "status"])["session"]["id"].clone();
    assert!(id.is_string());

    let out = ebb.with_stdin(&["urge"], "e\n4\n1\n");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains(&text("flow.timer.resumed")[..20]),
        "{stdout}"
    );
    assert!(stdout.contains(text("care.injury.title")), "{stdout}");
    let log = ebb.json(&["log"]);
    let ends: Vec<&Value> = log
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["payload"]["kind"] == "urge_ended")
        .collect();
    assert_eq!(ends.len(), 1);
    assert_eq!(ends[0]["payload"]["session"], id);
}

#[test]
fn bad_input_is_one_line_exit_2_and_changes_nothing() {
    let ebb = Ebb::new();
    // Before anything exists, a typo creates nothing.
    one_line(&ebb.fails(&["urge", "start", "--intensity", "11"], 2));
    assert!(!ebb.dir.exists());

    ebb.json(&["urge", "status"]);
    let before = snapshot(&ebb.database());
    for args in [
        &["urge", "start", "--intensity", "11"][..],
        &["urge", "start", "--goal", "0"],
        &["urge", "start", "--need", "sleepy"],
        &["breathe", "--pattern", "square"],
        &["breathe", "--minutes", "9"],
        &["breathe", "--from-pace", "1"],
        &["guide", "juggling"],
        &["skills", "hide", "no-such-skill"],
        &["safety", "country", "XYZ"],
        &["safety", "person", "add", "Sam", "--phone", "call me"],
        &["safety", "remove", "reasons", "0"],
        &["settings", "goals", "0"],
        &["log", "show", "not-an-id"],
        &["urge", "check-in", "4"],
        &["frobnicate"],
    ] {
        let stderr = ebb.fails(args, 2);
        one_line(&stderr);
    }
    assert_eq!(snapshot(&ebb.database()), before);
}

#[test]
fn an_import_file_that_is_not_ebbs_is_refused_and_changes_nothing() {
    let ebb = Ebb::new();
    ebb.json(&["urge", "start"]);
    let before = ebb.json(&["log"]);
    let file = ebb.scratch("other.json");
    std::fs::write(&file, r#"{"format": "something-else", "events": []}"#).unwrap();
    let stderr = ebb.fails(&["import", file.to_str().unwrap()], 2);
    one_line(&stderr);
    assert!(stderr.contains(text("cli.error.not_an_export")));
    std::fs::write(&file, "not json at all").unwrap();
    one_line(&ebb.fails(&["import", file.to_str().unwrap()], 2));
    assert_eq!(ebb.json(&["log"]), before);
}

#[test]
fn a_database_without_its_key_is_refused_never_replaced() {
    let ebb = Ebb::new();
    ebb.json(&["urge", "start"]);
    let db = snapshot(&ebb.database());
    std::fs::remove_file(ebb.key()).unwrap();
    let stderr = ebb.fails(&["urge", "status"], 1);
    one_line(&stderr);
    assert!(stderr.contains("key"), "{stderr}");
    assert!(!ebb.key().exists(), "no new key is made");
    assert_eq!(snapshot(&ebb.database()), db);
}

#[test]
fn a_wrong_key_is_refused_and_ebb_key_can_supply_the_right_one() {
    let ebb = Ebb::new();
    ebb.json(&["urge", "start"]);
    let db = snapshot(&ebb.database());
    let right: String = std::fs::read(ebb.key())
        .unwrap()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let wrong = "ab".repeat(32);
    let out = ebb
        .cmd(&["urge", "status"])
        .env("EBB_KEY", &wrong)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    one_line(&stderr);
    assert_eq!(snapshot(&ebb.database()), db);

    std::fs::remove_file(ebb.key()).unwrap();
    let out = ebb
        .cmd(&["urge", "status", "--json"])
        .env("EBB_KEY", &right)
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["session"]["running"], true);

    let out = ebb
        .cmd(&["urge", "status"])
        .env("EBB_KEY", "short")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn ebb_data_dir_chooses_the_directory_and_ebb_key_makes_no_key_file() {
    let ebb = Ebb::new();
    let dir = ebb.scratch("from-env");
    let out = Command::new(env!("CARGO_BIN_EXE_ebb"))
        .args(["urge", "status", "--json"])
        .env("EBB_DATA_DIR", &dir)
        .env("EBB_KEY", "cd".repeat(32))
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(dir.join("ebb.db").exists());
    assert!(!dir.join("key").exists());
}

#[test]
fn export_and_import_round_trip_and_a_second_import_adds_nothing() {
    let ebb = Ebb::new();
    ebb.json(&["urge", "start", "--intensity", "8"]);
    ebb.json(&["urge", "end", "--outcome", "used-skill"]);
    let file = ebb.scratch("export.json");
    let out = ebb.run(&[
        "export",
        "--format",
        "json",
        "--out",
        file.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let exported: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(exported["format"], "ebb-export");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "only the owner can read an export");
    }
    let to_stdout: Value = serde_json::from_str(&ebb.ok(&["export"])).unwrap();
    assert_eq!(to_stdout["events"], exported["events"]);
    let csv = ebb.ok(&["export", "--format", "csv"]);
    assert!(csv.starts_with("session_id,"));
    assert_eq!(csv.trim_end().lines().count(), 2);

    let other = Ebb::new();
    let first = other.json(&["import", file.to_str().unwrap()]);
    assert!(first["added"].as_u64().unwrap() >= 2);
    let second = other.json(&["import", file.to_str().unwrap()]);
    assert_eq!(second["added"], 0);
    let review = other.json(&["progress", "--window", "all"]);
    assert_eq!(review["current"]["urges"], 1);
    assert_eq!(review["current"]["passed_safely"], 1);
}

/// Runs `ebb` and returns its raw stdout, expecting success.
fn bytes(ebb: &Ebb, args: &[&str], input: Option<&[u8]>) -> Vec<u8> {
    let mut child = ebb
        .cmd(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(input.unwrap_or_default()).unwrap();
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "ebb {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// One round through files: `to` asks, `from` answers, `to` imports.
fn sync_round(to: &Ebb, from: &Ebb) -> (Value, PathBuf) {
    let request = to.scratch("request");
    let answer = to.scratch("answer");
    to.ok(&[
        "sync",
        "request",
        "--force",
        "--out",
        request.to_str().unwrap(),
    ]);
    let bytes = bytes(
        from,
        &["sync", "export", "--for", request.to_str().unwrap()],
        None,
    );
    std::fs::write(&answer, bytes).unwrap();
    (
        to.json(&["sync", "import", answer.to_str().unwrap()]),
        answer,
    )
}

#[test]
fn two_data_directories_sync_both_ways() {
    let phone = Ebb::new();
    let watch = Ebb::new();
    phone.json(&["urge", "start", "--intensity", "6"]);
    phone.json(&["urge", "end", "--outcome", "passed"]);
    watch.json(&["urge", "start", "--intensity", "7"]);
    watch.json(&["urge", "end", "--outcome", "used-skill"]);

    let (to_watch, _) = sync_round(&watch, &phone);
    assert!(to_watch["added"].as_u64().unwrap() >= 2, "{to_watch}");
    // The other way, through pipes: request on stdout, answer from stdin.
    let request = bytes(&phone, &["sync", "request"], None);
    let answer = bytes(&watch, &["sync", "answer", "--for", "-"], Some(&request));
    let to_phone = bytes(&phone, &["sync", "merge", "-", "--json"], Some(&answer));
    let to_phone: Value = serde_json::from_slice(&to_phone).unwrap();
    assert!(to_phone["added"].as_u64().unwrap() >= 2, "{to_phone}");

    for ebb in [&phone, &watch] {
        let review = ebb.json(&["progress", "--window", "all"]);
        assert_eq!(review["current"]["urges"], 2);
    }
    assert_eq!(
        phone.json(&["log"]).as_array().unwrap().len(),
        watch.json(&["log"]).as_array().unwrap().len()
    );
    let again = sync_round(&watch, &phone).0;
    assert_eq!(again["added"], 0);
}

#[test]
fn a_damaged_or_repeated_sync_file_is_refused_and_changes_nothing() {
    let phone = Ebb::new();
    let watch = Ebb::new();
    watch.json(&["urge", "start", "--intensity", "5"]);
    watch.json(&["urge", "end", "--outcome", "passed"]);
    phone.json(&["log"]);
    let request = phone.scratch("request");
    phone.ok(&["sync", "request", "--out", request.to_str().unwrap()]);
    let answer = bytes(
        &watch,
        &["sync", "export", "--for", request.to_str().unwrap()],
        None,
    );

    let before = snapshot(&phone.database());
    let damaged = phone.scratch("damaged");
    std::fs::write(&damaged, &answer[..answer.len() - 3]).unwrap();
    let stderr = phone.fails(&["sync", "import", damaged.to_str().unwrap()], 2);
    one_line(&stderr);
    assert!(stderr.contains(text("cli.error.sync_payload")), "{stderr}");
    assert_eq!(snapshot(&phone.database()), before);

    let good = phone.scratch("answer");
    std::fs::write(&good, &answer).unwrap();
    phone.json(&["sync", "import", good.to_str().unwrap()]);
    let merged = snapshot(&phone.database());
    let stderr = phone.fails(&["sync", "import", good.to_str().unwrap()], 2);
    one_line(&stderr);
    assert!(stderr.contains(text("cli.error.sync_replayed")), "{stderr}");
    assert_eq!(snapshot(&phone.database()), merged);
}

#[test]
fn the_log_lists_shows_and_deletes_entries() {
    let ebb = Ebb::new();
    ebb.json(&["urge", "start", "--intensity", "4"]);
    ebb.json(&["urge", "end", "--outcome", "passed"]);
    let log = ebb.json(&["log"]);
    let start = log
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["payload"]["kind"] == "urge_started")
        .unwrap();
    let id = start["id"].as_str().unwrap();
    let listed = ebb.ok(&["log"]);
    assert!(listed.contains(id));
    let shown = ebb.json(&["log", "show", id]);
    assert_eq!(shown["payload"]["intensity"], 4);
    assert!(ebb.ok(&["log", "show", id]).contains("4"));
    ebb.ok(&["log", "delete", id]);
    one_line(&ebb.fails(&["log", "show", id], 2));
    let review = ebb.json(&["progress", "--window", "all"]);
    assert_eq!(
        review["current"]["urges"], 0,
        "deleting a session deletes it everywhere"
    );
}

#[test]
fn erase_asks_first_and_with_yes_it_removes_everything() {
    let ebb = Ebb::new();
    ebb.json(&["urge", "start"]);
    let out = ebb.with_stdin(&["erase"], "no\n");
    assert_eq!(out.status.code(), Some(1));
    assert!(ebb.database().exists() && ebb.key().exists());
    let out = ebb.with_stdin(&["erase"], "erase\n");
    assert!(out.status.success());
    assert!(!ebb.database().exists() && !ebb.key().exists());

    ebb.json(&["urge", "start"]);
    assert_eq!(ebb.json(&["erase", "--yes"])["erased"], true);
    assert!(!ebb.database().exists() && !ebb.key().exists());
    // A fresh start afterwards works.
    assert_eq!(ebb.json(&["urge", "status"])["running"], false);
}

#[test]
fn skills_can_be_hidden_shown_again_and_added() {
    let ebb = Ebb::new();
    let ids = |v: &Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert!(ids(&ebb.json(&["skills"])).contains(&"hold-ice".to_owned()));
    ebb.ok(&["skills", "hide", "hold-ice"]);
    assert!(!ids(&ebb.json(&["skills"])).contains(&"hold-ice".to_owned()));
    let all = ebb.json(&["skills", "--all"]);
    let ice = all
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "hold-ice")
        .unwrap();
    assert_eq!(ice["hidden"], true);
    ebb.ok(&["skills", "show", "hold-ice"]);
    assert!(ids(&ebb.json(&["skills"])).contains(&"hold-ice".to_owned()));

    let added = ebb.json(&[
        "skills",
        "add",
        "Walk the dog",
        "--need",
        "numb",
        "--need",
        "control",
    ]);
    let id = added["id"].as_str().unwrap().to_owned();
    assert!(id.starts_with("own-"), "{id}");
    let listed = ebb.json(&["skills"]);
    let own = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id.as_str())
        .unwrap();
    assert_eq!(own["title"], "Walk the dog");
    assert_eq!(own["needs"], serde_json::json!(["numb", "control"]));
    assert!(ebb.ok(&["skills"]).contains("Walk the dog"));
    one_line(&ebb.fails(&["skills", "remove", "hold-ice"], 2));
    ebb.ok(&["skills", "remove", &id]);
    assert!(!ids(&ebb.json(&["skills"])).contains(&id));
}

#[test]
fn the_safety_plan_people_and_lines_are_edited_and_shown() {
    let ebb = Ebb::new();
    let empty = ebb.ok(&["safety"]);
    assert!(empty.contains(text("safety.plan.reasons.prompt")));
    ebb.ok(&["safety", "add", "reasons", "My cat, Pebble"]);
    ebb.ok(&["safety", "add", "coping", "A hot shower"]);
    ebb.ok(&[
        "safety",
        "person",
        "add",
        "Sam",
        "--phone",
        "+44 7700 900123",
        "--text",
    ]);
    ebb.ok(&[
        "safety",
        "line",
        "add",
        "My therapist",
        "--phone",
        "020 7946 0000",
        "--note",
        "Weekdays",
    ]);
    let plan = ebb.json(&["safety"]);
    assert_eq!(plan["reasons_for_living"][0], "My cat, Pebble");
    assert_eq!(plan["people"][0]["name"], "Sam");
    assert_eq!(plan["people"][0]["reach"], "text");
    assert_eq!(plan["own_lines"][0]["name"], "My therapist");
    let shown = ebb.ok(&["safety", "show"]);
    assert!(shown.contains("My cat, Pebble") && shown.contains("Sam"));
    ebb.ok(&["safety", "remove", "coping", "1"]);
    assert_eq!(
        ebb.json(&["safety"])["internal_coping"],
        serde_json::json!([])
    );

    // Without a country, the fallback; with one, its lines.
    let fallback = ebb.json(&["safety", "lines"]);
    assert_eq!(fallback["coverage"], "fallback");
    ebb.ok(&["settings", "country", "GB"]);
    let gb = ebb.json(&["safety", "lines"]);
    assert_eq!(gb["country"], "GB");
    assert!(gb["lines"].as_array().unwrap().len() > 1);
    assert!(ebb.ok(&["safety", "lines"]).contains("Samaritans"));

    let crisis = ebb.json(&["crisis"]);
    assert_eq!(crisis["people"][0]["name"], "Sam");
    assert_eq!(
        crisis["lines"][0]["name"], "My therapist",
        "own lines first"
    );
    let human = ebb.ok(&["crisis"]);
    assert!(human.contains(text("safety.crisis.heading")));
    assert!(human.contains("Sam"));
    ebb.ok(&["safety", "person", "remove", "1"]);
    assert_eq!(ebb.json(&["safety"])["people"], serde_json::json!([]));
}

/// Every string in `v`, however deep.
fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|i| strings(i, out)),
        Value::Object(map) => map.values().for_each(|i| strings(i, out)),
        _ => {}
    }
}

#[test]
fn ebb_crisis_lists_a_crisis_line_in_words_for_fifteen_countries() {
    let ebb = Ebb::new();
    let countries = [
        "US", "CA", "GB", "IE", "AU", "NZ", "FR", "NL", "AT", "CH", "FI", "SG", "NO", "PT", "BE",
    ];
    for code in countries {
        ebb.ok(&["settings", "country", code]);
        let crisis = ebb.json(&["crisis"]);
        assert_eq!(crisis["country"], code);
        assert!(crisis["coverage_note"].is_null(), "{code}: {crisis}");
        let lines = crisis["lines"].as_array().unwrap();
        let help = lines
            .iter()
            .find(|l| l["kind"] != "emergency")
            .unwrap_or_else(|| panic!("{code}: no crisis or support line"));
        assert_eq!(help["hours"], text("safety.line.hours.always"), "{code}");
        assert!(
            lines.iter().any(|l| l["kind"] == "emergency"),
            "{code}: no emergency number"
        );
        for action in help["actions"].as_array().unwrap() {
            let words = action["words"].as_str().unwrap();
            if let Some(number) = action["number"].as_str() {
                assert!(words.contains(number), "{code}: {words}");
            }
        }
        // Words, not content keys, wherever a person reads them.
        let mut all = Vec::new();
        strings(&crisis, &mut all);
        for s in all {
            assert!(
                ebb_core::content::lookup(ebb_core::content::Locale::En, &s).is_none(),
                "{code}: a content key in the JSON: {s}"
            );
        }
    }
    // Shout's keyword and number are shown together on the terminal.
    ebb.ok(&["settings", "country", "GB"]);
    let human = ebb.ok(&["crisis"]);
    assert!(
        human
            .lines()
            .any(|l| l.contains("SHOUT") && l.contains("85258")),
        "{human}"
    );
}

#[test]
fn prepared_messages_show_on_the_crisis_screen_and_a_person_note_is_refused() {
    let ebb = Ebb::new();
    ebb.ok(&[
        "safety",
        "person",
        "add",
        "Sam",
        "--phone",
        "+44 7700 900123",
        "--message",
        "Rough night, can you call me?",
    ]);
    let human = ebb.ok(&["crisis"]);
    assert!(
        human
            .lines()
            .any(|l| l.contains("Rough night, can you call me?") && l.contains("447700900123")),
        "{human}"
    );
    let crisis = ebb.json(&["crisis"]);
    let texts: Vec<&Value> = crisis["people"][0]["actions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["action"] == "text")
        .collect();
    assert_eq!(texts[0]["body"], "Rough night, can you call me?");

    // A note on a person is not dropped without a word: it is refused and
    // nothing is saved.
    let before = ebb.json(&["safety"]);
    let err = ebb.fails(
        &[
            "safety",
            "person",
            "add",
            "Alex",
            "--phone",
            "07700 900456",
            "--note",
            "Evenings",
        ],
        2,
    );
    one_line(&err);
    assert!(err.contains(text("cli.error.person_note")), "{err}");
    assert_eq!(ebb.json(&["safety"])["people"], before["people"]);
}

/// Three processes at once, each adding plan items and skills one command
/// at a time and changing one setting: every addition acknowledged is
/// there afterwards, and each setting has its process's value.
#[test]
fn processes_editing_the_plan_skills_and_settings_at_once_lose_nothing() {
    let ebb = Ebb::new();
    ebb.ok(&["settings"]);
    const EACH: usize = 8;
    let lists = ["reasons", "coping", "warning-signs"];
    let settings: [&[&str]; 3] = [
        &["settings", "check-in", "never"],
        &["settings", "days-without", "on"],
        &["settings", "goals", "45"],
    ];
    std::thread::scope(|scope| {
        for (w, list) in lists.iter().enumerate() {
            let ebb = &ebb;
            let setting = settings[w];
            scope.spawn(move || {
                for i in 0..EACH {
                    let mut plan = ebb.cmd(&["safety", "add", list, &format!("p{w} {i}")]);
                    let mut skill = ebb.cmd(&["skills", "add", &format!("Skill {w} {i}")]);
                    let spawn = |c: &mut Command| {
                        c.stdout(Stdio::piped())
                            .stderr(Stdio::piped())
                            .spawn()
                            .unwrap()
                    };
                    let (a, b) = (spawn(&mut plan), spawn(&mut skill));
                    for child in [a, b] {
                        let out = child.wait_with_output().unwrap();
                        assert!(out.status.success(), "{out:?}");
                    }
                }
                ebb.ok(setting);
            });
        }
    });
    let plan = ebb.json(&["safety"]);
    for (w, key) in ["reasons_for_living", "internal_coping", "warning_signs"]
        .iter()
        .enumerate()
    {
        let texts: Vec<&str> = plan[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let expected: Vec<String> = (0..EACH).map(|i| format!("p{w} {i}")).collect();
        assert_eq!(texts, expected, "{key}");
    }
    let skills = ebb.json(&["skills"]);
    let own = skills
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["personal"] == true)
        .count();
    assert_eq!(own, 3 * EACH);
    let v = ebb.json(&["settings"]);
    assert_eq!(v["settings"]["cadence"], "never");
    assert_eq!(v["settings"]["show_days_without"], true);
    assert_eq!(v["settings"]["goal_presets"], serde_json::json!([2700]));
}

#[test]
fn settings_are_shown_changed_and_used_by_the_next_timer() {
    let ebb = Ebb::new();
    let shown = ebb.ok(&["settings"]);
    assert!(shown.contains(&ebb.dir.display().to_string()));
    ebb.ok(&["settings", "check-in", "5"]);
    ebb.ok(&["settings", "goals", "30", "10", "20"]);
    ebb.ok(&["settings", "days-without", "on"]);
    ebb.ok(&["settings", "country", "ie"]);
    let v = ebb.json(&["settings"]);
    assert_eq!(v["settings"]["cadence"], "every_five_minutes");
    assert_eq!(
        v["settings"]["goal_presets"],
        serde_json::json!([600, 1200, 1800])
    );
    assert_eq!(v["settings"]["show_days_without"], true);
    assert_eq!(v["settings"]["country"], "IE");
    assert_eq!(ebb.json(&["safety"])["country"], "IE");
    assert_eq!(
        ebb.json(&["urge", "start"])["cadence"],
        "every_five_minutes"
    );
    assert!(
        ebb.ok(&["settings", "privacy"])
            .contains(text("privacy.title"))
    );
    let review = ebb.json(&["progress"]);
    assert_eq!(review["days_without"], "none_logged");
}

#[test]
fn progress_shows_tables_charts_and_writes_a_self_contained_page() {
    let ebb = Ebb::new();
    let empty = ebb.ok(&["progress"]);
    assert!(empty.contains(text("cli.progress.nothing_yet")));
    ebb.json(&["urge", "start", "--intensity", "8", "--need", "too-much"]);
    ebb.json(&["urge", "skill", "hold-ice", "--helped", "yes"]);
    ebb.json(&["urge", "end", "--outcome", "used-skill"]);
    for window in ["week", "month", "90d", "all"] {
        let v = ebb.json(&["progress", "--window", window]);
        assert_eq!(v["current"]["urges"], 1, "{window}");
    }
    let table = ebb.ok(&["progress", "--window", "week"]);
    for key in [
        "progress.title",
        "cli.progress.row.passed_safely",
        "cli.progress.weekly",
        "cli.progress.hours",
        "cli.progress.needs",
    ] {
        assert!(table.contains(text(key)), "{key}:\n{table}");
    }
    assert!(table.contains("Hold ice"));
    assert!(table.contains('█'));

    let page = ebb.scratch("review.html");
    ebb.ok(&["progress", "--html", page.to_str().unwrap()]);
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!doctype html>"));
    assert!(html.contains("<svg"));
    assert!(html.contains(text("progress.title")));
    assert!(!html.contains("<script"));
    assert!(!html.contains("src="));
    assert!(!html.contains("href="));
    one_line(&ebb.fails(&["progress", "--window", "year"], 2));
}

#[test]
fn guides_print_their_timelines_as_json() {
    let ebb = Ebb::new();
    let breathing = ebb.json(&["breathe", "--pattern", "box", "--minutes", "1"]);
    assert_eq!(breathing["title"], text("guide.breathing.box.title"));
    assert!(breathing["steps"].as_array().unwrap().len() >= 4);
    assert!((55..=65).contains(&breathing["length_secs"].as_u64().unwrap()));
    let paced = ebb.json(&[
        "breathe",
        "--pattern",
        "extended",
        "--exhale",
        "8",
        "--from-pace",
        "20",
    ]);
    assert!(
        paced["steps"][0]["secs"].as_f64().unwrap() < 4.0,
        "starts at your pace"
    );
    for pattern in ["gentle", "sighing", "resonance"] {
        ebb.json(&["breathe", "--pattern", pattern]);
    }
    let ice = ebb.json(&["ice"]);
    assert_eq!(ice["id"], "hold_ice");
    assert_eq!(ice["cautions"][0], text("caution.ice_held_too_long"));
    assert_eq!(ebb.json(&["ground"])["id"], "grounding54321");
    let list = ebb.json(&["guide"]);
    assert_eq!(list.as_array().unwrap().len(), 10);
    for name in list.as_array().unwrap() {
        let name = name["name"].as_str().unwrap();
        assert!(
            !ebb.json(&["guide", name])["steps"]
                .as_array()
                .unwrap()
                .is_empty()
        );
    }
    assert!(ebb.ok(&["guide"]).contains("hold-ice"));
    one_line(&ebb.fails(&["breathe", "--pattern", "extended", "--exhale", "12"], 2));
}

#[test]
fn a_guide_plays_live_to_its_end() {
    let ebb = Ebb::new();
    let out = ebb.run(&["breathe", "--minutes", "1", "--time-scale", "60", "--bell"]);
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains(text("guide.breathing.in")), "{stdout}");
    assert!(stdout.contains(text("guide.breathing.out")));
    assert!(stdout.contains('\x07'), "the bell rings on step changes");
    assert!(stdout.contains(text("cli.guide.finished")));
    // Open steps move on by themselves when no one can press Enter.
    let out = ebb.run(&["guide", "write-it-down", "--time-scale", "100"]);
    assert!(out.status.success());
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains(text("cli.guide.finished"))
    );
    // q stops a guide.
    let out = ebb.with_stdin(&["ice", "--time-scale", "1"], "q\n");
    assert!(out.status.success());
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains(text("cli.guide.stopped"))
    );
}

#[test]
fn every_command_has_help_that_reads_well() {
    let ebb = Ebb::new();
    let top = ebb.ok(&["--help"]);
    for command in [
        "urge", "crisis", "breathe", "ice", "ground", "guide", "progress", "log", "export",
        "import", "sync", "erase", "skills", "safety", "settings",
    ] {
        assert!(top.contains(command), "{command}");
        let help = ebb.ok(&[command, "--help"]);
        assert!(!help.contains('!'), "{command}: {help}");
    }
    for path in [
        &["urge", "start", "--help"][..],
        &["urge", "check-in", "--help"],
        &["urge", "end", "--help"],
        &["safety", "person", "add", "--help"],
        &["settings", "goals", "--help"],
        &["log", "delete", "--help"],
        &["sync", "request", "--help"],
        &["sync", "export", "--help"],
        &["sync", "import", "--help"],
    ] {
        ebb.ok(path);
    }
    assert!(!ebb.dir.exists(), "help touches no files");
}

#[test]
fn suggestions_show_unseen_cautions_and_lead_with_a_skill_that_needs_none() {
    let ebb = Ebb::new();
    ebb.json(&["urge", "start", "--need", "too-much"]);
    let list = ebb.json(&["urge", "suggest", "--count", "20"]);
    let list = list.as_array().unwrap();
    assert!(
        list[0]["cautions"].as_array().unwrap().is_empty(),
        "{list:?}"
    );
    let water = list.iter().find(|s| s["id"] == "cold-water").unwrap();
    assert_eq!(water["cautions"][0], text("caution.cold_water_on_face"));
    // Printed once with their skills, the cautions count as seen.
    let human = ebb.ok(&["urge", "suggest", "--count", "20"]);
    assert!(
        human.contains(text("caution.cold_water_on_face")),
        "{human}"
    );
    let again = ebb.json(&["urge", "suggest", "--count", "20"]);
    assert!(
        again
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["cautions"].as_array().unwrap().is_empty())
    );
}
