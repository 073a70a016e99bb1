//! A widget tap on a phone whose app is not running, from Rust: a fresh
//! process opens the encrypted log (creating it, as on a first tap) and
//! starts a timer from the widget. The baseline for the same tap from a
//! fresh JVM (tests/kotlin/TapBench.kt), which also loads the library
//! through JNA. tests/kotlin/bench.sh runs both, one fresh process per
//! tap, alternating; this binary times one tap and prints it.

use std::time::{Duration, Instant, SystemTime};

use ebb_core::urge::Source;
use ebb_ffi::{Context, DeviceKind, Ebb, Event};

fn main() {
    let dir = std::env::temp_dir().join(format!("ebb-bench-tap-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok();
    let path = dir.join("ebb.db").to_string_lossy().into_owned();
    let context = Context {
        now: SystemTime::UNIX_EPOCH + Duration::from_secs(1_795_000_000),
        utc_offset_secs: 0,
        device: DeviceKind::Phone,
        haptics: None,
        locale: "en-GB".to_owned(),
    };
    let start = Instant::now();
    let ebb = match Ebb::open(path, vec![7; 32], DeviceKind::Phone, false) {
        Ok(ebb) => ebb,
        Err(e) => panic!("open: {e}"),
    };
    let opened = start.elapsed();
    let started = ebb.send(
        context,
        Event::StartUrge {
            source: Source::Widget,
        },
    );
    let total = start.elapsed();
    assert!(started.is_ok(), "start: {started:?}");
    println!(
        "tap rust   open {:.2} ms, start {:.2} ms, total {:.2} ms",
        opened.as_secs_f64() * 1e3,
        (total - opened).as_secs_f64() * 1e3,
        total.as_secs_f64() * 1e3,
    );
    std::fs::remove_dir_all(&dir).ok();
}
