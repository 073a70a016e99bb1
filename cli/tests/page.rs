//! The shareable progress page as a clinician's browser shows it: written
//! by the `ebb` binary from a history spread over weeks, opened in headless
//! Chromium, and read back from the DOM Chromium built. Needs Chromium;
//! `tests/page.sh` (run by `tests/run`) installs it and runs this.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests state their expectations by unwrapping

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

use chrono::{DateTime, Duration, Utc};
use ebb_core::flow::{Context, DeviceKind, Event, Flow, OutcomeChoice};
use ebb_core::store::{DatabaseKey, OpenOptions, Store};
use ebb_core::urge::{Feeling, Source};

const KEY: [u8; 32] = [7; 32];

/// Logs an urge `days_ago` days before `now`: started, a reading of 8, a
/// feeling named, a skill, a reading of 4, ended as `outcome`.
fn urge(store: &mut Store, now: DateTime<Utc>, days_ago: i64, outcome: OutcomeChoice) {
    let mut flow = Flow::new();
    let start = now - Duration::days(days_ago);
    let mut at = |minutes: i64, event: Event| {
        let context = Context {
            now: SystemTime::from(start + Duration::minutes(minutes)),
            utc_offset_secs: 0,
            device: DeviceKind::Phone,
            haptics: None,
            locale: "en".to_owned(),
        };
        flow.update(store, &context, event).unwrap();
    };
    at(
        0,
        Event::StartUrge {
            source: Source::Widget,
        },
    );
    at(1, Event::Intensity { value: 8 });
    at(
        1,
        Event::NameFeeling {
            feeling: Feeling::Lonely,
        },
    );
    at(
        2,
        Event::UseSkill {
            skill: "hold-ice".to_owned(),
        },
    );
    at(6, Event::Intensity { value: 4 });
    at(9, Event::EndUrge { outcome });
    if outcome == OutcomeChoice::HurtMyself {
        at(10, Event::MayNeedCare { needs_care: false });
    }
}

fn seed(dir: &Path, now: DateTime<Utc>) {
    std::fs::write(dir.join("key"), KEY).unwrap();
    let mut store = Store::open(
        dir.join("ebb.db"),
        &DatabaseKey::new(KEY),
        OpenOptions::default(),
    )
    .unwrap();
    let mut settings = store.settings().unwrap();
    settings.privacy_statement_seen = true;
    store.save_settings(now.fixed_offset(), &settings).unwrap();
    // One urge eight weeks back, one three weeks back and three in the
    // newest week, oldest first: the 90-day page has weeks with 1, 1 and 3.
    urge(&mut store, now, 57, OutcomeChoice::HurtMyself);
    urge(&mut store, now, 22, OutcomeChoice::UsedSkill);
    for days in [3, 2, 1] {
        urge(&mut store, now, days, OutcomeChoice::Passed);
    }
}

fn chromium() -> PathBuf {
    let path = std::env::var_os("EBB_CHROMIUM")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    assert!(
        path.exists(),
        "no Chromium at {}: tests/page.sh installs it",
        path.display()
    );
    path
}

fn headless(chromium: &Path, args: &[&str]) -> String {
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--hide-scrollbars",
        ])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
#[ignore = "needs Chromium: tests/page.sh installs it and runs this"]
fn the_progress_page_shows_its_dates_axes_and_every_count_in_a_browser() {
    let chromium = chromium();
    let dir = tempfile::tempdir().unwrap();
    let now = Utc::now();
    seed(dir.path(), now);
    let page = dir.path().join("progress.html");
    let out = Command::new(env!("CARGO_BIN_EXE_ebb"))
        .arg("--data-dir")
        .arg(dir.path())
        .args(["progress", "--window", "90d", "--html"])
        .arg(&page)
        .env("TZ", "UTC")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let url = format!("file://{}", page.display());
    let dom = headless(&chromium, &["--dump-dom", &url]);

    // The period, with the year, as the core words it.
    let from = (now - Duration::days(90)).format("%-d %B %Y").to_string();
    let to = now.format("%-d %B %Y").to_string();
    assert!(
        dom.contains(&format!("From {from} to {to}")),
        "no period {from} to {to}:\n{dom}"
    );
    // Every chart names its axes.
    for words in [
        "Week starting",
        "Hour of the day",
        "Day of the week",
        "Urges",
    ] {
        assert!(dom.contains(words), "no axis {words:?}");
    }
    // Counts are text, not tooltips: the figures table and the newest
    // week's three urges as a number over its bar.
    assert!(
        dom.contains("Urges you met with the timer</th><td>5"),
        "{dom}"
    );
    assert!(dom.contains("Times you hurt yourself</th><td>1"), "{dom}");
    assert!(dom.contains("text-anchor=\"middle\">3</text>"), "{dom}");
    // The feeling named, with what helped.
    assert!(dom.contains("Lonely"), "{dom}");
    assert!(dom.contains("What helped then: Hold ice"), "{dom}");
    // Week labels are dates.
    let newest_week = dom.contains(&(now - Duration::days(6)).format("%-d %b").to_string())
        || dom.contains(&(now - Duration::days(7)).format("%-d %b").to_string());
    assert!(newest_week, "no date under the newest week");
    assert!(!dom.contains("<script"));

    // A picture to look at, and a print layout that Chromium can make.
    let shots = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let png = shots.join("progress-page.png");
    headless(
        &chromium,
        &[
            &format!("--screenshot={}", png.display()),
            "--window-size=900,2600",
            &url,
        ],
    );
    assert!(std::fs::metadata(&png).unwrap().len() > 10_000);
    let pdf = shots.join("progress-page.pdf");
    headless(
        &chromium,
        &[
            &format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer",
            &url,
        ],
    );
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
}
