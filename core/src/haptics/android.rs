//! Android waveforms for `android.os.VibrationEffect`, used by phones and by
//! Wear OS watches alike.
//!
//! Android checks a waveform when it is built and throws
//! `IllegalArgumentException` when (from AOSP `VibrationEffect.Waveform.validate`):
//!
//! - "timing and amplitude arrays must be of equal length";
//! - "at least one timing must be non-zero";
//! - "timings must all be >= 0";
//! - "amplitudes must all be DEFAULT_AMPLITUDE or between 0 and 255";
//! - the repeat index is not -1 and not a valid index into the timings.
//!
//! Newer releases also turn each timing into a step segment with
//! `(int) timings[i]`, so every timing must fit a Java `int`.
//!
//! Rendering rules, so the waveform keeps the felt shape of the pattern:
//!
//! - Gaps are amplitude 0. The quiet tail after the last event is left out:
//!   shells time patterns with [`HapticPattern::length`].
//! - A ramp is a staircase of [`RAMP_STEP`] steps (longer for ramps over
//!   [`MAX_RAMP_STEPS`] steps, so the segment count stays bounded), each at
//!   the ramp's intensity in the middle of the step.
//! - A tap is a [`TAP_PULSE`] pulse at its intensity.
//! - Overlapping events: the strongest wins at each moment.
//! - Intensity 0..=1 maps to amplitude 0..=255, and any intensity above 0 is
//!   at least amplitude 1 (0 would be silence).
//! - A pattern with nothing to feel renders to `None`: Android rejects a
//!   waveform whose timings are all zero, and an all-zero-amplitude one is
//!   pointless.

use std::time::Duration;

use serde::Serialize;

use super::{HapticPattern, Level, Timeline};

/// Length of one step of a ramp.
pub const RAMP_STEP: Duration = Duration::from_millis(50);

/// A ramp (or the part of it between two other events) has at most this many
/// steps; a longer one gets longer steps.
pub const MAX_RAMP_STEPS: u64 = 200;

/// How long a tap buzzes: long enough for any motor to spin up, short enough
/// to feel like a tap.
pub const TAP_PULSE: Duration = Duration::from_millis(30);

/// The on/off fallback turns intensity into how much of each frame of this
/// length the motor is on.
pub const ON_OFF_FRAME: Duration = Duration::from_millis(250);

/// The shortest "on" the fallback emits, so weak moments are still felt.
pub const MIN_ON_PULSE: Duration = Duration::from_millis(20);

/// The `repeat` value meaning "play once".
pub const NO_REPEAT: i32 = -1;

const RAMP_STEP_MS: u64 = 50;
const TAP_PULSE_MS: u64 = 30;
const FRAME_MS: u64 = 250;
const MIN_ON_MS: u64 = 20;

/// Arguments for `VibrationEffect.createWaveform(long[] timings, int[]
/// amplitudes, int repeat)`: segment lengths in milliseconds and the
/// amplitude (0..=255) of each. Always valid by the rules in the module docs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct AndroidWaveform {
    /// Length of each segment, in milliseconds.
    pub timings_ms: Vec<i64>,
    /// Amplitude of each segment, 0 (off) to 255.
    pub amplitudes: Vec<i32>,
    /// Always [`NO_REPEAT`]: shells repeat by asking again.
    pub repeat: i32,
}

/// Arguments for `VibrationEffect.createWaveform(long[] timings, int
/// repeat)`, for motors without amplitude control: timings alternate off and
/// on, starting with an off time (0 to start at once). Android builds this
/// with amplitudes 0 and `DEFAULT_AMPLITUDE` and checks the same rules.
///
/// Intensity becomes duty: each [`ON_OFF_FRAME`] of a buzz is on for the
/// share of the frame its mean amplitude is of 255 (at least
/// [`MIN_ON_PULSE`]), so a rise is felt as pulses growing longer. Stretches
/// shorter than a frame, such as taps, stay on for their whole length.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct AndroidOnOff {
    /// Off, on, off, on ... lengths in milliseconds.
    pub timings_ms: Vec<i64>,
    /// Always [`NO_REPEAT`].
    pub repeat: i32,
}

/// Android amplitude for a level: 0 for nothing, otherwise 1..=255.
pub fn amplitude(level: Level) -> i32 {
    amplitude_of(f64::from(level.permille()))
}

fn amplitude_of(permille: f64) -> i32 {
    if permille <= 0.0 {
        return 0;
    }
    // Bounded to 1..=255 before the cast.
    ((permille * 255.0 / 1000.0).round().clamp(1.0, 255.0)) as i32
}

fn to_i64(ms: u64) -> i64 {
    i64::try_from(ms).unwrap_or(i64::MAX)
}

impl AndroidWaveform {
    /// Renders `pattern`, or `None` when nothing would be felt.
    pub fn render(pattern: &HapticPattern) -> Option<Self> {
        let timeline = Timeline::of(pattern);
        let mut cuts: Vec<u64> = timeline
            .buzzes
            .iter()
            .flat_map(|b| [b.start, b.end])
            .chain(
                timeline
                    .taps
                    .iter()
                    .flat_map(|t| [t.at, t.at + TAP_PULSE_MS]),
            )
            .chain([0])
            .collect();
        cuts.sort_unstable();
        cuts.dedup();

        let mut segments: Vec<(u64, i32)> = Vec::new();
        for pair in cuts.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let tap = strongest_tap(&timeline, a);
            let active: Vec<_> = timeline
                .buzzes
                .iter()
                .filter(|z| z.start <= a && b <= z.end)
                .collect();
            let steps = if active.iter().any(|z| z.is_ramp()) {
                (b - a).div_ceil(RAMP_STEP_MS).clamp(1, MAX_RAMP_STEPS)
            } else {
                1
            };
            for i in 0..steps {
                let from = a + (b - a) * i / steps;
                let to = a + (b - a) * (i + 1) / steps;
                let middle = (from + to) as f64 / 2.0;
                let buzz = active
                    .iter()
                    .map(|z| amplitude_of(z.level_at(middle)))
                    .max()
                    .unwrap_or(0);
                push_segment(&mut segments, to - from, buzz.max(tap));
            }
        }
        while segments.last().is_some_and(|&(_, amp)| amp == 0) {
            segments.pop();
        }
        if !segments.iter().any(|&(len, amp)| len > 0 && amp > 0) {
            return None;
        }
        Some(Self {
            timings_ms: segments.iter().map(|&(len, _)| to_i64(len)).collect(),
            amplitudes: segments.iter().map(|&(_, amp)| amp).collect(),
            repeat: NO_REPEAT,
        })
    }

    /// The on/off fallback for this waveform (see [`AndroidOnOff`]).
    pub fn on_off(&self) -> AndroidOnOff {
        // Absolute [start, end) of each segment, with its amplitude.
        let mut segments = Vec::with_capacity(self.timings_ms.len());
        let mut t: u64 = 0;
        for (&len, &amp) in self.timings_ms.iter().zip(&self.amplitudes) {
            let len = u64::try_from(len).unwrap_or(0);
            segments.push((t, t + len, amp));
            t += len;
        }

        let mut on: Vec<(u64, u64)> = Vec::new();
        let mut i = 0;
        while i < segments.len() {
            if segments[i].2 == 0 {
                i += 1;
                continue;
            }
            let first = i;
            while i < segments.len() && segments[i].2 != 0 {
                i += 1;
            }
            let run = &segments[first..i];
            let (start, end) = (run[0].0, run[run.len() - 1].1);
            if end - start <= FRAME_MS {
                on.push((start, end));
                continue;
            }
            let mut frame = start;
            while frame < end {
                let frame_end = (frame + FRAME_MS).min(end);
                let energy: f64 = run
                    .iter()
                    .map(|&(s, e, amp)| {
                        let overlap = e.min(frame_end).saturating_sub(s.max(frame));
                        overlap as f64 * f64::from(amp)
                    })
                    .sum();
                let len = frame_end - frame;
                // Bounded to 0..=len before the cast.
                let duty = (energy / 255.0).round().clamp(0.0, len as f64) as u64;
                on.push((frame, frame + duty.max(MIN_ON_MS).min(len)));
                frame = frame_end;
            }
        }

        let mut timings_ms = Vec::with_capacity(on.len() * 2);
        let mut cursor = 0;
        let mut merged: Vec<(u64, u64)> = Vec::with_capacity(on.len());
        for (s, e) in on {
            match merged.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        for (s, e) in merged {
            timings_ms.push(to_i64(s - cursor));
            timings_ms.push(to_i64(e - s));
            cursor = e;
        }
        AndroidOnOff {
            timings_ms,
            repeat: NO_REPEAT,
        }
    }
}

/// The amplitude of the strongest tap pulse covering the moment `t`.
fn strongest_tap(timeline: &Timeline, t: u64) -> i32 {
    // Taps are sorted; only those that started in (t - pulse, t] cover t.
    let first = timeline
        .taps
        .partition_point(|tap| tap.at + TAP_PULSE_MS <= t);
    timeline.taps[first..]
        .iter()
        .take_while(|tap| tap.at <= t)
        .map(|tap| amplitude(tap.intensity))
        .max()
        .unwrap_or(0)
}

/// Appends a segment, joining it to the last one when the amplitude is the same.
fn push_segment(segments: &mut Vec<(u64, i32)>, len: u64, amp: i32) {
    if len == 0 {
        return;
    }
    match segments.last_mut() {
        Some(last) if last.1 == amp => last.0 += len,
        _ => segments.push((len, amp)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_intensity_above_zero_is_felt() {
        assert_eq!(amplitude(Level::ZERO), 0);
        assert_eq!(amplitude(Level::from_permille(1)), 1);
        assert_eq!(amplitude(Level::FULL), 255);
    }

    #[test]
    fn a_tap_is_a_short_pulse_after_its_offset() {
        let p = HapticPattern::silent(Duration::from_millis(500))
            .then(&HapticPattern::tap(Level::FULL, Level::FULL));
        let w = AndroidWaveform::render(&p).expect("a tap is felt");
        assert_eq!(w.timings_ms, vec![500, 30]);
        assert_eq!(w.amplitudes, vec![0, 255]);
    }

    #[test]
    fn overlapping_events_play_the_stronger() {
        let buzz = |intensity| super::super::HapticEvent {
            offset: Duration::ZERO,
            kind: super::super::HapticKind::Continuous {
                duration: Duration::from_millis(100),
                ramp_to: None,
            },
            intensity: Level::from_permille(intensity),
            sharpness: Level::ZERO,
        };
        let p = HapticPattern::from_events(vec![buzz(200), buzz(600)], Duration::ZERO);
        let w = AndroidWaveform::render(&p).expect("felt");
        assert_eq!(w.amplitudes, vec![amplitude(Level::from_permille(600))]);
    }

    #[test]
    fn silence_renders_to_nothing() {
        assert_eq!(AndroidWaveform::render(&HapticPattern::default()), None);
        let quiet = HapticPattern::tap(Level::ZERO, Level::FULL);
        assert_eq!(AndroidWaveform::render(&quiet), None);
    }

    #[test]
    fn on_off_keeps_a_tap_exact_and_pulses_a_buzz_by_strength() {
        let tap = HapticPattern::silent(Duration::from_millis(40))
            .then(&HapticPattern::tap(Level::from_permille(300), Level::FULL));
        let w = AndroidWaveform::render(&tap).expect("felt");
        assert_eq!(w.on_off().timings_ms, vec![40, 30]);

        let half = HapticPattern::ramp(
            Duration::from_millis(500),
            Level::from_permille(500),
            Level::from_permille(500),
        );
        let w = AndroidWaveform::render(&half).expect("felt");
        // 128/255 of each 250 ms frame.
        assert_eq!(w.on_off().timings_ms, vec![0, 125, 125, 125]);
    }
}
