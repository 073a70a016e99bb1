//! One event → model round trip from Rust, the baseline for the same
//! events sent from Kotlin through UniFFI and JNA (tests/kotlin/Bench.kt).
//! tests/kotlin/bench.sh runs both in one go and prints the ratio;
//! `cargo bench -p ebb-ffi --bench call` runs this half alone.

use std::hint::black_box;
use std::time::{Duration, Instant, SystemTime};

use ebb_core::flow::OutcomeChoice;
use ebb_core::haptics::Platform;
use ebb_core::urge::Source;
use ebb_ffi::{Context, DeviceKind, Ebb, Event};

/// The events of one timer, as a person sends them: start, two check-ins,
/// end. Kotlin's bench sends the same list.
fn timer_events() -> Vec<Event> {
    vec![
        Event::StartUrge {
            source: Source::Widget,
        },
        Event::Intensity { value: 7 },
        Event::Intensity { value: 4 },
        Event::AskOutcome,
        Event::EndUrge {
            outcome: OutcomeChoice::Passed,
        },
        Event::Home,
    ]
}

/// Median, min and max of five timings of `rounds` rounds of `body`, in
/// nanoseconds per event, after a warm-up.
fn measure(name: &str, rounds: u32, per_round: u32, mut body: impl FnMut()) {
    for _ in 0..rounds / 10 {
        body();
    }
    let mut runs: Vec<f64> = (0..5)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..rounds {
                body();
            }
            start.elapsed().as_nanos() as f64 / f64::from(rounds * per_round)
        })
        .collect();
    runs.sort_by(f64::total_cmp);
    println!(
        "rust   {name:<44} median {:>10.1} ns/event (min {:.1}, max {:.1})",
        runs[2], runs[0], runs[4]
    );
}

fn main() {
    let dir = std::env::temp_dir().join(format!("ebb-bench-call-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok();
    let path = dir.join("ebb.db").to_string_lossy().into_owned();
    let ebb = match Ebb::open(path, vec![7; 32], DeviceKind::Phone, false) {
        Ok(ebb) => ebb,
        Err(e) => panic!("open: {e}"),
    };
    let mut now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_795_000_000);
    let mut context = move || {
        now += Duration::from_secs(30);
        Context {
            now,
            utc_offset_secs: 0,
            device: DeviceKind::Phone,
            haptics: Some(Platform::AndroidPhone),
            locale: "en-GB".to_owned(),
        }
    };
    let _ = ebb.send(context(), Event::Opened { region: None });
    measure("tick on home (no write)", 2000, 1, || {
        let _ = black_box(ebb.send(context(), Event::Tick));
    });
    let events = timer_events();
    let per_round = u32::try_from(events.len()).unwrap_or(u32::MAX);
    measure(
        "a timer: start, 2 check-ins, end, home",
        200,
        per_round,
        || {
            for e in &events {
                let _ = black_box(ebb.send(context(), e.clone()));
            }
        },
    );
    std::fs::remove_dir_all(&dir).ok();
}
