//! Apple Haptic and Audio Pattern (AHAP) JSON for CoreHaptics on iPhone.
//!
//! The format, from Apple's "Representing haptic patterns in AHAP files" and
//! the CoreHaptics reference: a top-level `Version` and a `Pattern` array of
//! entries, each either an `Event` (`Time`, `EventType` of `HapticTransient`
//! or `HapticContinuous`, `EventDuration` for continuous events,
//! `EventParameters` with `HapticIntensity` and `HapticSharpness` in 0..=1)
//! or a `ParameterCurve` (`ParameterID`, `Time`, and
//! `ParameterCurveControlPoints`, each with a `Time` relative to the curve's
//! own `Time` and a `ParameterValue`). Times are seconds.
//!
//! Rules this renderer keeps:
//!
//! - A continuous event lasts at most 30 seconds ([`MAX_EVENT_DURATION`]);
//!   longer buzzes are split into back-to-back events.
//! - A curve has at most [`MAX_CONTROL_POINTS`] points; longer curves are
//!   split into consecutive curves that share their boundary point. Sixteen
//!   is the figure commonly given for CoreHaptics; staying under it is safe
//!   whatever the exact limit.
//! - Parameter curves act on every event in the pattern, and
//!   `HapticIntensityControl` multiplies event intensity. So buzzes that touch
//!   or overlap become one continuous stretch: its events play at the
//!   stretch's peak intensity, and one curve timeline carries the ramp as
//!   `level / peak` (always 0..=1). At the end of each stretch the curve
//!   returns to 1.0, so later events play at their own intensity. Taps during
//!   a stretch are raised by the same factor to cancel the curve (up to 1.0).
//! - Overlapping buzzes: the strongest wins at each moment, as on Android.
//! - Values are rounded to thousandths and times to milliseconds, so the
//!   JSON is stable; key order is fixed by the field order of the types here.

use std::time::Duration;

use serde::Serialize;

use super::{HapticPattern, Level, Timeline};

/// The longest continuous event CoreHaptics plays.
pub const MAX_EVENT_DURATION: Duration = Duration::from_secs(30);

/// The most control points this renderer puts in one parameter curve.
pub const MAX_CONTROL_POINTS: usize = 16;

const MAX_EVENT_MS: u64 = 30_000;

/// Where a curve needs extra points because overlapping ramps make its shape
/// bend between event boundaries.
const OVERLAP_SAMPLE_MS: u64 = 250;

/// An AHAP document. Serialize it with [`Ahap::to_json`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Ahap {
    /// Format version; always 1.0.
    #[serde(rename = "Version")]
    pub version: f64,
    /// Events and parameter curves, in time order.
    #[serde(rename = "Pattern")]
    pub pattern: Vec<AhapEntry>,
}

/// One entry of the `Pattern` array.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum AhapEntry {
    /// `{"Event": {...}}`.
    Event(AhapEvent),
    /// `{"ParameterCurve": {...}}`.
    ParameterCurve(AhapCurve),
}

/// A haptic event.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AhapEvent {
    /// Start, in seconds from the start of the pattern.
    #[serde(rename = "Time")]
    pub time: f64,
    /// Tap or buzz.
    #[serde(rename = "EventType")]
    pub event_type: AhapEventType,
    /// Seconds; continuous events only.
    #[serde(rename = "EventDuration", skip_serializing_if = "Option::is_none")]
    pub event_duration: Option<f64>,
    /// Intensity, then sharpness.
    #[serde(rename = "EventParameters")]
    pub event_parameters: Vec<AhapEventParameter>,
}

/// AHAP haptic event types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum AhapEventType {
    /// A tap.
    HapticTransient,
    /// A buzz with a duration.
    HapticContinuous,
}

/// One event parameter.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AhapEventParameter {
    /// Which parameter.
    #[serde(rename = "ParameterID")]
    pub parameter_id: AhapEventParameterId,
    /// 0..=1.
    #[serde(rename = "ParameterValue")]
    pub parameter_value: f64,
}

/// Event parameter ids used here.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum AhapEventParameterId {
    /// Strength.
    HapticIntensity,
    /// Crisp or dull.
    HapticSharpness,
}

/// A parameter curve.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AhapCurve {
    /// Always intensity control.
    #[serde(rename = "ParameterID")]
    pub parameter_id: AhapCurveParameterId,
    /// Start, in seconds from the start of the pattern.
    #[serde(rename = "Time")]
    pub time: f64,
    /// Points, with times relative to the curve's start.
    #[serde(rename = "ParameterCurveControlPoints")]
    pub control_points: Vec<AhapControlPoint>,
}

/// Curve parameter ids used here.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum AhapCurveParameterId {
    /// Multiplies the intensity of every event playing.
    HapticIntensityControl,
}

/// One point of a curve; values are interpolated linearly between points.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AhapControlPoint {
    /// Seconds from the curve's `Time`.
    #[serde(rename = "Time")]
    pub time: f64,
    /// The multiplier at this point, 0..=1.
    #[serde(rename = "ParameterValue")]
    pub parameter_value: f64,
}

fn seconds(ms: u64) -> f64 {
    ms as f64 / 1000.0
}

fn thousandths(x: f64) -> f64 {
    (x.clamp(0.0, 1.0) * 1000.0).round() / 1000.0
}

fn event(time_ms: u64, duration_ms: Option<u64>, intensity: f64, sharpness: Level) -> AhapEntry {
    AhapEntry::Event(AhapEvent {
        time: seconds(time_ms),
        event_type: if duration_ms.is_some() {
            AhapEventType::HapticContinuous
        } else {
            AhapEventType::HapticTransient
        },
        event_duration: duration_ms.map(seconds),
        event_parameters: vec![
            AhapEventParameter {
                parameter_id: AhapEventParameterId::HapticIntensity,
                parameter_value: thousandths(intensity),
            },
            AhapEventParameter {
                parameter_id: AhapEventParameterId::HapticSharpness,
                parameter_value: thousandths(sharpness.as_f64()),
            },
        ],
    })
}

/// The intensity multiplier across one stretch of buzzing, as (ms, value)
/// points joined by straight lines.
struct Control {
    points: Vec<(u64, f64)>,
}

impl Control {
    /// Whether `t` falls inside this curve.
    fn covers(&self, t: u64) -> bool {
        match (self.points.first(), self.points.last()) {
            (Some(first), Some(last)) => first.0 <= t && t < last.0,
            _ => false,
        }
    }

    /// The multiplier at `t`, which [`Control::covers`].
    fn at(&self, t: u64) -> f64 {
        let after = self.points.partition_point(|&(pt, _)| pt <= t);
        match (
            after.checked_sub(1).map(|i| self.points[i]),
            self.points.get(after),
        ) {
            (Some((t0, v0)), Some(&(t1, v1))) => {
                v0 + (v1 - v0) * ((t - t0) as f64 / (t1 - t0) as f64)
            }
            _ => 1.0,
        }
    }
}

impl Ahap {
    /// Renders `pattern`, or `None` when nothing would be felt.
    pub fn render(pattern: &HapticPattern) -> Option<Self> {
        let timeline = Timeline::of(pattern);
        let mut entries: Vec<(u64, AhapEntry)> = Vec::new();
        let mut controls: Vec<Control> = Vec::new();

        for (start, end) in timeline.buzz_runs() {
            let levels = run_levels(&timeline, start, end);
            let peak = levels.iter().map(|&(_, l)| l).fold(0.0, f64::max);
            if peak <= 0.0 {
                continue;
            }
            for (piece_start, piece_end, sharpness) in run_pieces(&timeline, start, end) {
                let duration = Some(piece_end - piece_start);
                entries.push((
                    piece_start,
                    event(piece_start, duration, peak / 1000.0, sharpness),
                ));
            }
            if levels.iter().all(|&(_, l)| (peak - l).abs() < 0.05) {
                continue;
            }
            let factors = levels
                .into_iter()
                .map(|(t, l)| (t, thousandths(l / peak)))
                // Back to neutral as the stretch ends, for whatever plays later.
                .chain([(end, 1.0)]);
            let points = straighten(factors, 0.0005);
            entries.extend(curves(&points).map(|(t, c)| (t, AhapEntry::ParameterCurve(c))));
            controls.push(Control { points });
        }

        for tap in &timeline.taps {
            if tap.intensity == Level::ZERO {
                continue;
            }
            let factor = controls
                .iter()
                .find(|c| c.covers(tap.at))
                .map_or(1.0, |c| c.at(tap.at));
            let wanted = tap.intensity.as_f64();
            let intensity = if factor > 0.0 { wanted / factor } else { 1.0 };
            entries.push((tap.at, event(tap.at, None, intensity, tap.sharpness)));
        }

        if entries.is_empty() {
            return None;
        }
        // Stable: events of a stretch come before its curves at the same time.
        entries.sort_by_key(|(t, _)| *t);
        Some(Self {
            version: 1.0,
            pattern: entries.into_iter().map(|(_, e)| e).collect(),
        })
    }

    /// Pretty-printed AHAP JSON, keys in the order of the types above.
    pub fn to_json(&self) -> String {
        // Serializing these plain structs of finite numbers cannot fail; an
        // empty pattern is the harmless fallback.
        serde_json::to_string_pretty(self)
            .unwrap_or_else(|_| String::from("{\"Version\": 1.0, \"Pattern\": []}"))
    }
}

/// The buzz envelope across one stretch `[start, end)`, as (ms, level in
/// thousandths) points joined by straight lines: both sides of every buzz
/// boundary, plus samples where ramps overlap. Points on a straight line
/// are dropped.
fn run_levels(timeline: &Timeline, start: u64, end: u64) -> Vec<(u64, f64)> {
    let breaks = timeline.buzz_breakpoints(start, end);
    let mut times: Vec<u64> = Vec::new();
    for pair in breaks.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        times.push(a);
        let overlapping = timeline
            .buzzes
            .iter()
            .filter(|z| z.start <= a && b <= z.end)
            .count();
        if overlapping > 1 {
            times.extend((a..b).step_by(OVERLAP_SAMPLE_MS as usize).skip(1));
        }
        if b > a + 1 {
            times.push(b - 1);
        }
    }
    times.dedup();
    let points = times
        .into_iter()
        .filter_map(|t| timeline.envelope_at(t).map(|(level, _)| (t, level)));
    straighten(points, 0.05)
}

/// Drops points that lie (within `tolerance`) on the line between their
/// neighbours. `points` must be in strictly increasing time.
fn straighten(points: impl IntoIterator<Item = (u64, f64)>, tolerance: f64) -> Vec<(u64, f64)> {
    let mut kept: Vec<(u64, f64)> = Vec::new();
    for point in points {
        while let [.., (t0, v0), (t1, v1)] = kept[..] {
            let on_line = v0 + (point.1 - v0) * ((t1 - t0) as f64 / (point.0 - t0) as f64);
            if (on_line - v1).abs() < tolerance {
                kept.pop();
            } else {
                break;
            }
        }
        kept.push(point);
    }
    kept
}

/// Continuous events for one stretch: split where the sharpness of the
/// strongest buzz changes and at [`MAX_EVENT_DURATION`].
fn run_pieces(timeline: &Timeline, start: u64, end: u64) -> Vec<(u64, u64, Level)> {
    let breaks = timeline.buzz_breakpoints(start, end);
    let mut pieces: Vec<(u64, u64, Level)> = Vec::new();
    for pair in breaks.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let sharpness = timeline
            .envelope_at(a + (b - a) / 2)
            .map_or(Level::ZERO, |(_, s)| s);
        match pieces.last_mut() {
            Some(last) if last.2 == sharpness && last.1 == a => last.1 = b,
            _ => pieces.push((a, b, sharpness)),
        }
    }
    pieces
        .into_iter()
        .flat_map(|(a, b, s)| {
            (a..b)
                .step_by(MAX_EVENT_MS as usize)
                .map(move |from| (from, (from + MAX_EVENT_MS).min(b), s))
        })
        .collect()
}

/// Intensity-control curves through `points`, at most
/// [`MAX_CONTROL_POINTS`] each, neighbours sharing their boundary point;
/// each with its start in ms.
fn curves(points: &[(u64, f64)]) -> impl Iterator<Item = (u64, AhapCurve)> + '_ {
    let step = MAX_CONTROL_POINTS - 1;
    (0..points.len().saturating_sub(1))
        .step_by(step)
        .map(move |first| {
            let chunk = &points[first..(first + MAX_CONTROL_POINTS).min(points.len())];
            let origin = chunk[0].0;
            let curve = AhapCurve {
                parameter_id: AhapCurveParameterId::HapticIntensityControl,
                time: seconds(origin),
                control_points: chunk
                    .iter()
                    .map(|&(t, v)| AhapControlPoint {
                        time: seconds(t - origin),
                        parameter_value: v,
                    })
                    .collect(),
            };
            (origin, curve)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_curve_is_split_into_curves_sharing_their_ends() {
        let points: Vec<(u64, f64)> = (0..40).map(|i| (i * 100, 0.5)).collect();
        let split: Vec<AhapCurve> = curves(&points).map(|(_, c)| c).collect();
        assert!(
            split
                .iter()
                .all(|c| c.control_points.len() <= MAX_CONTROL_POINTS)
        );
        assert_eq!(split.len(), 3);
        assert_eq!(split[1].time, 1.5);
        let total: usize = split.iter().map(|c| c.control_points.len()).sum();
        assert_eq!(total, 40 + split.len() - 1);
    }

    #[test]
    fn a_buzz_over_thirty_seconds_becomes_back_to_back_events() {
        let p = HapticPattern::ramp(Duration::from_secs(70), Level::FULL, Level::FULL);
        let ahap = Ahap::render(&p).expect("felt");
        let durations: Vec<f64> = ahap
            .pattern
            .iter()
            .filter_map(|e| match e {
                AhapEntry::Event(ev) => ev.event_duration,
                AhapEntry::ParameterCurve(_) => None,
            })
            .collect();
        assert_eq!(durations, vec![30.0, 30.0, 10.0]);
    }

    #[test]
    fn a_tap_during_a_ramp_is_raised_to_cancel_the_curve() {
        let ramp = HapticPattern::ramp(
            Duration::from_secs(2),
            Level::from_permille(200),
            Level::FULL,
        );
        let tap = super::super::HapticEvent {
            offset: Duration::ZERO,
            kind: super::super::HapticKind::Transient,
            intensity: Level::from_permille(100),
            sharpness: Level::FULL,
        };
        let mut events = ramp.events().to_vec();
        events.push(tap);
        let ahap = Ahap::render(&HapticPattern::from_events(events, Duration::ZERO)).expect("felt");
        let tap_intensity = ahap.pattern.iter().find_map(|e| match e {
            AhapEntry::Event(ev) if ev.event_type == AhapEventType::HapticTransient => {
                Some(ev.event_parameters[0].parameter_value)
            }
            _ => None,
        });
        // The curve starts at 0.2, so 0.1 / 0.2.
        assert_eq!(tap_intensity, Some(0.5));
    }
}
