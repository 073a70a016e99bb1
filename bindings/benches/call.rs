//! The cost of Ebb calls made from Rust, the baseline for the same calls
//! made from Kotlin through UniFFI and JNA (tests/kotlin/Bench.kt).
//! `cargo bench -p ebb-ffi --bench call`

use std::hint::black_box;
use std::time::SystemTime;

use criterion::{Criterion, criterion_group, criterion_main};
use ebb_core::guides::GuideId;
use ebb_core::haptics::Platform;
use ebb_ffi::{DeviceKind, Ebb};

fn calls(c: &mut Criterion) {
    let dir = std::env::temp_dir().join(format!("ebb-bench-call-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok();
    let path = dir.join("ebb.db").to_string_lossy().into_owned();
    let ebb = match Ebb::open(path, vec![7; 32], DeviceKind::Phone, false) {
        Ok(ebb) => ebb,
        Err(e) => panic!("open: {e}"),
    };
    c.bench_function("device (no work: pure call cost)", |b| {
        b.iter(|| black_box(ebb.device()))
    });
    c.bench_function("suggested_goal_minutes (a small read)", |b| {
        b.iter(|| black_box(ebb.suggested_goal_minutes()))
    });
    c.bench_function("guide hold-ice for iPhone (records, strings, AHAP)", |b| {
        b.iter(|| black_box(ebb.guide(GuideId::HoldIce, Platform::Iphone)))
    });
    c.bench_function("active_urge (none running)", |b| {
        b.iter(|| black_box(ebb.active_urge(SystemTime::now())))
    });
    std::fs::remove_dir_all(&dir).ok();
}

criterion_group!(benches, calls);
criterion_main!(benches);
