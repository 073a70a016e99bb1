//! Golden files and platform rules for the haptic renderers.
//!
//! Each representative pattern is rendered for every platform and compared
//! with `core/tests/golden/haptics/<name>.json` (Android and Apple Watch) and
//! `<name>.ahap` (iPhone). Run with `UPDATE_GOLDEN=1` to rewrite them after an
//! intended change, then review the diff. Every output is also checked
//! against the rules each platform enforces, here and for arbitrary patterns.

// Clippy's test allowance covers `#[test]` functions, not their helpers.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::fs;
use std::path::PathBuf;
use std::time::Duration;

use ebb_core::haptics::ahap::{Ahap, MAX_CONTROL_POINTS};
use ebb_core::haptics::android::{AndroidOnOff, AndroidWaveform};
use ebb_core::haptics::watch::{MIN_TAP_SPACING, WatchHaptic, WatchTap};
use ebb_core::haptics::{
    HapticEvent, HapticKind, HapticPattern, Level, MAX_RENDERED_LENGTH, Platform, RenderedHaptics,
};
use proptest::prelude::*;
use serde_json::{Value, json};

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

fn inhale() -> HapticPattern {
    HapticPattern::rising(secs(4))
}

fn exhale() -> HapticPattern {
    HapticPattern::falling(secs(6))
}

fn representative() -> Vec<(&'static str, HapticPattern)> {
    vec![
        ("inhale_4s", inhale()),
        ("exhale_6s", exhale()),
        (
            "slow_taps",
            HapticPattern::slow_taps(secs(6), Duration::from_millis(1500)),
        ),
        (
            "tap",
            HapticPattern::tap(Level::from_permille(600), Level::from_permille(500)),
        ),
        ("breathing_cycle", inhale().then(&exhale())),
        ("empty", HapticPattern::default()),
    ]
}

// ---------------------------------------------------------------- golden files

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/haptics")
}

fn updating() -> bool {
    std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1")
}

/// Compares `actual` with the golden file, or writes it (or removes it when
/// `actual` is `None`) under `UPDATE_GOLDEN=1`.
fn golden(file: &str, actual: Option<&str>) {
    let path = golden_dir().join(file);
    if updating() {
        fs::create_dir_all(golden_dir()).unwrap();
        match actual {
            Some(text) => fs::write(&path, format!("{text}\n")).unwrap(),
            None if path.exists() => fs::remove_file(&path).unwrap(),
            None => {}
        }
        return;
    }
    match actual {
        Some(text) => {
            let expected = fs::read_to_string(&path).unwrap_or_else(|_| {
                panic!("{} is missing; run with UPDATE_GOLDEN=1", path.display())
            });
            assert_eq!(
                expected.trim_end(),
                text,
                "{file} differs from its golden file; if intended, rerun with UPDATE_GOLDEN=1 and review the diff"
            );
        }
        None => assert!(
            !path.exists(),
            "{file} should not exist: the pattern renders to nothing"
        ),
    }
}

#[test]
fn renders_match_their_golden_files_and_keep_platform_rules() {
    for (name, pattern) in representative() {
        let waveform = AndroidWaveform::render(&pattern);
        let on_off = waveform.as_ref().map(AndroidWaveform::on_off);
        let ahap = Ahap::render(&pattern).map(|a| a.to_json());
        let taps = WatchTap::schedule(&pattern);

        if let Some(w) = &waveform {
            check_android(w);
        }
        if let Some(o) = &on_off {
            check_on_off(o);
        }
        if let Some(text) = &ahap {
            check_ahap(text);
        }
        check_watch(&taps);

        let summary = json!({
            "pattern": pattern,
            "android_waveform": waveform,
            "android_on_off": on_off,
            "watch_taps": taps,
        });
        let text = serde_json::to_string_pretty(&summary).unwrap();
        golden(&format!("{name}.json"), Some(&text));
        golden(&format!("{name}.ahap"), ahap.as_deref());
    }
}

// ---------------------------------------------------------------- platform rules

/// `VibrationEffect.createWaveform(long[], int[], int)` throws
/// `IllegalArgumentException` unless: the arrays have equal length, at least
/// one timing is non-zero, timings are all >= 0, amplitudes are all
/// `DEFAULT_AMPLITUDE` (-1) or 0..=255, and repeat is -1 or an index. Newer
/// releases cast each timing to `int`. Ebb never uses `DEFAULT_AMPLITUDE`
/// here, and never sends a waveform with nothing to feel.
fn check_android(w: &AndroidWaveform) {
    assert_eq!(w.timings_ms.len(), w.amplitudes.len(), "equal lengths");
    assert!(w.timings_ms.iter().any(|&t| t != 0), "a non-zero timing");
    assert!(w.timings_ms.iter().all(|&t| t >= 0), "timings >= 0");
    assert!(
        w.timings_ms.iter().all(|&t| t <= i64::from(i32::MAX)),
        "timings fit an int"
    );
    assert!(
        w.amplitudes.iter().all(|a| (0..=255).contains(a)),
        "amplitudes 0..=255: {:?}",
        w.amplitudes
    );
    assert!(
        w.repeat == -1 || usize::try_from(w.repeat).is_ok_and(|r| r < w.timings_ms.len()),
        "repeat -1 or an index"
    );
    assert!(w.amplitudes.iter().any(|&a| a > 0), "something to feel");
}

/// `VibrationEffect.createWaveform(long[], int)`: timings alternate off and
/// on starting with off, and go through the same checks (amplitudes are 0
/// and `DEFAULT_AMPLITUDE`). Ebb always pairs an off with an on.
fn check_on_off(o: &AndroidOnOff) {
    assert!(o.timings_ms.iter().any(|&t| t != 0), "a non-zero timing");
    assert!(o.timings_ms.iter().all(|&t| t >= 0), "timings >= 0");
    assert!(
        o.timings_ms.iter().all(|&t| t <= i64::from(i32::MAX)),
        "timings fit an int"
    );
    assert_eq!(o.timings_ms.len() % 2, 0, "off/on pairs");
    assert!(
        o.timings_ms.iter().skip(1).step_by(2).all(|&on| on > 0),
        "every on is felt"
    );
    assert!(
        o.timings_ms.iter().skip(2).step_by(2).all(|&off| off > 0),
        "ons are merged, so every later off is a real gap"
    );
    assert_eq!(o.repeat, -1);
}

fn keys(v: &Value) -> BTreeSet<&str> {
    v.as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default()
}

fn number(v: &Value, key: &str) -> f64 {
    v[key]
        .as_f64()
        .unwrap_or_else(|| panic!("{key} is a number in {v}"))
}

fn unit(x: f64) -> bool {
    (0.0..=1.0).contains(&x)
}

/// AHAP as CoreHaptics reads it: `Version` and `Pattern`; events with
/// `Time`, `EventType` (`HapticTransient` or `HapticContinuous`),
/// `EventDuration` for continuous events only and at most 30 s, and
/// `EventParameters` with `HapticIntensity` and `HapticSharpness` in 0..=1;
/// `HapticIntensityControl` curves with at most 16 control points whose
/// times start at 0 (relative to the curve) and increase, values 0..=1.
/// Because curves act on the whole pattern, Ebb's curves never overlap one
/// another and its continuous events never overlap either.
fn check_ahap(text: &str) {
    assert!(
        text.starts_with("{\n  \"Version\": 1.0,\n  \"Pattern\": ["),
        "Version comes first, as 1.0"
    );
    let doc: Value = serde_json::from_str(text).unwrap();
    assert_eq!(keys(&doc), BTreeSet::from(["Version", "Pattern"]));
    let entries = doc["Pattern"].as_array().expect("Pattern is an array");
    assert!(
        !entries.is_empty(),
        "an AHAP is only sent with something in it"
    );

    let mut last_time = 0.0;
    let mut buzzes: Vec<(f64, f64)> = Vec::new();
    let mut curves: Vec<(f64, f64)> = Vec::new();
    for entry in entries {
        let (kind, body) = match entry.as_object().map(|o| o.iter().collect::<Vec<_>>()) {
            Some(pairs) if pairs.len() == 1 => (pairs[0].0.as_str(), pairs[0].1),
            _ => panic!("each entry has exactly one key: {entry}"),
        };
        let time = number(body, "Time");
        assert!(time >= last_time, "entries in time order");
        last_time = time;
        match kind {
            "Event" => {
                let params = body["EventParameters"].as_array().expect("parameters");
                let ids: BTreeSet<&str> = params
                    .iter()
                    .map(|p| p["ParameterID"].as_str().expect("an id"))
                    .collect();
                assert_eq!(params.len(), 2);
                assert_eq!(ids, BTreeSet::from(["HapticIntensity", "HapticSharpness"]));
                assert!(params.iter().all(|p| unit(number(p, "ParameterValue"))));
                match body["EventType"].as_str() {
                    Some("HapticTransient") => assert_eq!(
                        keys(body),
                        BTreeSet::from(["Time", "EventType", "EventParameters"])
                    ),
                    Some("HapticContinuous") => {
                        assert_eq!(
                            keys(body),
                            BTreeSet::from([
                                "Time",
                                "EventType",
                                "EventDuration",
                                "EventParameters"
                            ])
                        );
                        let duration = number(body, "EventDuration");
                        assert!(duration > 0.0 && duration <= 30.0, "0 < {duration} <= 30 s");
                        buzzes.push((time, time + duration));
                    }
                    other => panic!("unknown EventType {other:?}"),
                }
            }
            "ParameterCurve" => {
                assert_eq!(
                    keys(body),
                    BTreeSet::from(["ParameterID", "Time", "ParameterCurveControlPoints"])
                );
                assert_eq!(body["ParameterID"], "HapticIntensityControl");
                let points = body["ParameterCurveControlPoints"]
                    .as_array()
                    .expect("control points");
                assert!(
                    (2..=MAX_CONTROL_POINTS).contains(&points.len()),
                    "2..=16 control points, got {}",
                    points.len()
                );
                assert_eq!(number(&points[0], "Time"), 0.0, "relative to the curve");
                let times: Vec<f64> = points.iter().map(|p| number(p, "Time")).collect();
                assert!(times.windows(2).all(|w| w[0] < w[1]), "increasing times");
                assert!(points.iter().all(|p| unit(number(p, "ParameterValue"))));
                assert!(
                    points
                        .iter()
                        .all(|p| keys(p) == BTreeSet::from(["Time", "ParameterValue"]))
                );
                curves.push((time, time + times[times.len() - 1]));
            }
            other => panic!("unknown entry {other}"),
        }
    }
    for spans in [&mut buzzes, &mut curves] {
        spans.sort_by(|a, b| a.0.total_cmp(&b.0));
        assert!(
            spans.windows(2).all(|w| w[0].1 <= w[1].0 + 1e-9),
            "no overlaps: {spans:?}"
        );
    }
}

/// Watch haptics play one at a time with a pause between; Ebb keeps them
/// [`MIN_TAP_SPACING`] apart and uses only haptics without a meaning of
/// their own.
fn check_watch(taps: &[WatchTap]) {
    let spacing = u64::try_from(MIN_TAP_SPACING.as_millis()).unwrap();
    assert!(
        taps.windows(2)
            .all(|w| w[1].offset_ms >= w[0].offset_ms + spacing),
        "taps {spacing} ms apart: {taps:?}"
    );
    assert!(taps.iter().all(|t| matches!(
        t.kind,
        WatchHaptic::DirectionUp
            | WatchHaptic::DirectionDown
            | WatchHaptic::Click
            | WatchHaptic::Notification
    )));
}

// ---------------------------------------------------------------- felt shape

fn non_decreasing(xs: &[f64]) -> bool {
    xs.windows(2).all(|w| w[0] <= w[1])
}

fn non_increasing(xs: &[f64]) -> bool {
    xs.windows(2).all(|w| w[0] >= w[1])
}

fn android_amplitudes(p: &HapticPattern) -> Vec<f64> {
    AndroidWaveform::render(p)
        .expect("felt")
        .amplitudes
        .into_iter()
        .map(f64::from)
        .collect()
}

/// The "on" lengths of the on/off fallback.
fn on_pulses(p: &HapticPattern) -> Vec<f64> {
    let timings = AndroidWaveform::render(p)
        .expect("felt")
        .on_off()
        .timings_ms;
    timings
        .iter()
        .skip(1)
        .step_by(2)
        .map(|&t| t as f64)
        .collect()
}

/// The intensity CoreHaptics plays from the AHAP every 50 ms while its
/// buzzes last: the event's intensity times the intensity-control curve,
/// interpolated linearly between control points as the player does.
fn ahap_felt(p: &HapticPattern) -> Vec<f64> {
    let doc: Value = serde_json::from_str(&Ahap::render(p).expect("felt").to_json()).unwrap();
    let entries = doc["Pattern"].as_array().unwrap();
    let mut control: Vec<(f64, f64)> = Vec::new();
    let mut buzzes: Vec<(f64, f64, f64)> = Vec::new();
    for entry in entries {
        if let Some(curve) = entry.get("ParameterCurve") {
            let start = number(curve, "Time");
            for point in curve["ParameterCurveControlPoints"].as_array().unwrap() {
                control.push((
                    start + number(point, "Time"),
                    number(point, "ParameterValue"),
                ));
            }
        } else if let Some(event) = entry.get("Event")
            && event["EventType"] == "HapticContinuous"
        {
            let start = number(event, "Time");
            let intensity = number(&event["EventParameters"][0], "ParameterValue");
            buzzes.push((start, start + number(event, "EventDuration"), intensity));
        }
    }
    let factor = |t: f64| {
        let after = control.partition_point(|&(pt, _)| pt <= t);
        match (after.checked_sub(1).map(|i| control[i]), control.get(after)) {
            (Some((t0, v0)), Some(&(t1, v1))) => v0 + (v1 - v0) * (t - t0) / (t1 - t0),
            (Some((_, v)), None) => v,
            _ => 1.0,
        }
    };
    let end = buzzes.iter().map(|b| b.1).fold(0.0, f64::max);
    (0..)
        .map(|i| f64::from(i) * 0.05)
        .take_while(|&t| t < end)
        .filter_map(|t| {
            let (_, _, intensity) = buzzes.iter().find(|b| b.0 <= t && t < b.1)?;
            Some(intensity * factor(t))
        })
        .collect()
}

#[test]
fn an_inhale_swells_on_every_platform() {
    let amps = android_amplitudes(&inhale());
    assert!(
        non_decreasing(&amps) && amps[0] < amps[amps.len() - 1],
        "{amps:?}"
    );
    let pulses = on_pulses(&inhale());
    assert!(
        non_decreasing(&pulses) && pulses[0] < pulses[pulses.len() - 1],
        "{pulses:?}"
    );
    let felt = ahap_felt(&inhale());
    assert!(
        non_decreasing(&felt) && felt[0] < felt[felt.len() - 1],
        "{felt:?}"
    );
    assert_eq!(
        WatchTap::schedule(&inhale())[0].kind,
        WatchHaptic::DirectionUp
    );
}

#[test]
fn an_exhale_fades_on_every_platform() {
    let amps = android_amplitudes(&exhale());
    assert!(
        non_increasing(&amps) && amps[0] > amps[amps.len() - 1],
        "{amps:?}"
    );
    let pulses = on_pulses(&exhale());
    assert!(
        non_increasing(&pulses) && pulses[0] > pulses[pulses.len() - 1],
        "{pulses:?}"
    );
    let felt = ahap_felt(&exhale());
    assert!(
        non_increasing(&felt) && felt[0] > felt[felt.len() - 1],
        "{felt:?}"
    );
    assert_eq!(
        WatchTap::schedule(&exhale())[0].kind,
        WatchHaptic::DirectionDown
    );
}

#[test]
fn the_turn_from_inhale_to_exhale_is_felt_on_the_watch() {
    let taps = WatchTap::schedule(&inhale().then(&exhale()));
    assert!(taps.contains(&WatchTap {
        offset_ms: 4000,
        kind: WatchHaptic::DirectionDown
    }));
    assert!(
        taps.iter()
            .filter(|t| t.offset_ms < 4000)
            .all(|t| t.kind == WatchHaptic::DirectionUp)
    );
}

#[test]
fn a_silent_pattern_renders_to_nothing_on_every_platform() {
    for platform in [
        Platform::AndroidPhone,
        Platform::WearOs,
        Platform::Iphone,
        Platform::AppleWatch,
    ] {
        assert_eq!(
            HapticPattern::silent(secs(5)).render(platform),
            RenderedHaptics::Nothing
        );
    }
}

#[test]
fn each_platform_gets_its_own_renderer() {
    let p = inhale().then(&exhale());
    let waveform = AndroidWaveform::render(&p).unwrap();
    let android = RenderedHaptics::Android {
        on_off: waveform.on_off(),
        waveform,
    };
    assert_eq!(p.render(Platform::AndroidPhone), android);
    assert_eq!(p.render(Platform::WearOs), android);
    assert_eq!(
        p.render(Platform::Iphone),
        RenderedHaptics::Ahap {
            json: Ahap::render(&p).unwrap().to_json()
        }
    );
    assert_eq!(
        p.render(Platform::AppleWatch),
        RenderedHaptics::WatchTaps {
            taps: WatchTap::schedule(&p)
        }
    );
}

#[test]
fn nothing_past_the_rendered_length_is_played() {
    let late = HapticPattern::silent(MAX_RENDERED_LENGTH)
        .then(&HapticPattern::tap(Level::FULL, Level::FULL));
    assert_eq!(
        late.render(Platform::AndroidPhone),
        RenderedHaptics::Nothing
    );
    assert_eq!(late.render(Platform::Iphone), RenderedHaptics::Nothing);
    assert_eq!(late.render(Platform::AppleWatch), RenderedHaptics::Nothing);

    let endless = HapticPattern::ramp(Duration::from_secs(u64::MAX), Level::FULL, Level::ZERO);
    let w = AndroidWaveform::render(&endless).unwrap();
    check_android(&w);
    let total: i64 = w.timings_ms.iter().sum();
    assert_eq!(total, 3_600_000);
}

// ---------------------------------------------------------------- any pattern

fn level() -> impl Strategy<Value = Level> {
    (0u16..=1000).prop_map(Level::from_permille)
}

fn event() -> impl Strategy<Value = HapticEvent> {
    let offset =
        prop_oneof![4 => 0u64..20_000, 1 => 0u64..5_000_000].prop_map(Duration::from_millis);
    let kind = prop_oneof![
        Just(HapticKind::Transient),
        (
            prop_oneof![4 => 0u64..40_000, 1 => 0u64..5_000_000],
            proptest::option::of(level())
        )
            .prop_map(|(ms, ramp_to)| HapticKind::Continuous {
                duration: Duration::from_millis(ms),
                ramp_to,
            }),
    ];
    (offset, kind, level(), level()).prop_map(|(offset, kind, intensity, sharpness)| HapticEvent {
        offset,
        kind,
        intensity,
        sharpness,
    })
}

fn pattern() -> impl Strategy<Value = HapticPattern> {
    (proptest::collection::vec(event(), 0..10), 0u64..30_000)
        .prop_map(|(events, ms)| HapticPattern::from_events(events, Duration::from_millis(ms)))
}

/// Whether something clearly perceptible plays before the cut.
fn clearly_felt(p: &HapticPattern) -> bool {
    p.events().iter().any(|e| {
        e.offset < MAX_RENDERED_LENGTH
            && match e.kind {
                HapticKind::Transient => e.intensity > Level::ZERO,
                HapticKind::Continuous { duration, ramp_to } => {
                    duration >= Duration::from_millis(2)
                        && e.intensity > Level::ZERO
                        && ramp_to.is_none_or(|to| to > Level::ZERO)
                }
            }
    })
}

proptest! {
    #[test]
    fn any_pattern_renders_within_every_platforms_rules(p in pattern()) {
        let waveform = AndroidWaveform::render(&p);
        let ahap = Ahap::render(&p);
        if let Some(w) = &waveform {
            check_android(w);
            check_on_off(&w.on_off());
        }
        if let Some(a) = &ahap {
            check_ahap(&a.to_json());
        }
        check_watch(&WatchTap::schedule(&p));
        if clearly_felt(&p) {
            prop_assert!(waveform.is_some());
            prop_assert!(ahap.is_some());
        }
        for platform in [Platform::AndroidPhone, Platform::WearOs, Platform::Iphone, Platform::AppleWatch] {
            let _ = p.render(platform);
        }
    }

    #[test]
    fn any_ramp_keeps_its_direction(
        ms in 200u64..40_000,
        from in 1u16..=1000,
        to in 1u16..=1000,
    ) {
        let p = HapticPattern::ramp(
            Duration::from_millis(ms),
            Level::from_permille(from),
            Level::from_permille(to),
        );
        let amps = android_amplitudes(&p);
        let felt = ahap_felt(&p);
        if to > from {
            prop_assert!(non_decreasing(&amps));
            prop_assert!(non_decreasing(&felt));
        } else {
            prop_assert!(non_increasing(&amps));
            prop_assert!(non_increasing(&felt));
        }
    }
}
