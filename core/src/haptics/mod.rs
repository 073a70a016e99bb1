//! One neutral haptic pattern type, and renderers for each platform.
//!
//! Guides describe what a person should feel in platform-neutral terms: short
//! taps (transient events) and sustained buzzes (continuous events) whose
//! intensity may ramp. Renderers turn a [`HapticPattern`] into exactly what a
//! platform accepts: an Android waveform, Apple's AHAP JSON for CoreHaptics,
//! or a watchOS tap schedule (watchOS plays only its predefined haptics).
//!
//! Breathing is felt with eyes closed, so the vocabulary is built around it:
//! an inhale *rises* ([`HapticPattern::rising`]), an exhale *falls*
//! ([`HapticPattern::falling`]) or is a few slow taps ([`HapticPattern::slow_taps`]).
//!
//! A shell asks [`HapticPattern::render`] for its [`Platform`] and plays the
//! [`RenderedHaptics`] it gets back. Every renderer sees the same
//! millisecond timeline: times are whole milliseconds (rounded down), anything
//! after [`MAX_RENDERED_LENGTH`] is cut off, and buzzes shorter than a
//! millisecond are dropped.

pub mod ahap;
pub mod android;
pub mod watch;

use std::time::Duration;

use serde::{Deserialize, Serialize};

use self::ahap::Ahap;
use self::android::{AndroidOnOff, AndroidWaveform};
use self::watch::WatchTap;

/// A haptic strength or sharpness from 0 to 1, kept in thousandths so
/// patterns compare exactly and render without float noise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Level(u16);

impl Level {
    /// Nothing.
    pub const ZERO: Level = Level(0);
    /// Full strength.
    pub const FULL: Level = Level(1000);

    /// A level in thousandths, clamped to 0..=1000.
    pub const fn from_permille(permille: u16) -> Self {
        if permille > 1000 {
            Level(1000)
        } else {
            Level(permille)
        }
    }

    /// Thousandths, 0..=1000.
    pub const fn permille(self) -> u16 {
        self.0
    }

    /// As a fraction 0.0..=1.0.
    pub fn as_f64(self) -> f64 {
        f64::from(self.0) / 1000.0
    }
}

/// How an event plays.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum HapticKind {
    /// A short tap with no duration of its own.
    Transient,
    /// A sustained buzz. With `ramp_to`, intensity moves linearly from the
    /// event's intensity to `ramp_to` across `duration`.
    Continuous {
        /// How long it plays.
        #[serde(with = "crate::clock::millis")]
        duration: Duration,
        /// The intensity at the end, for rises and falls.
        ramp_to: Option<Level>,
    },
}

/// One event in a pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct HapticEvent {
    /// When it starts, from the start of the pattern.
    #[serde(with = "crate::clock::millis")]
    pub offset: Duration,
    /// Tap or buzz.
    pub kind: HapticKind,
    /// Strength (at the start, for a ramp).
    pub intensity: Level,
    /// Crisp (1) or dull (0).
    pub sharpness: Level,
}

impl HapticEvent {
    /// When the event stops: its offset plus its duration (transients take
    /// no time). Saturates rather than overflowing on absurd durations.
    pub fn end(&self) -> Duration {
        match self.kind {
            HapticKind::Transient => self.offset,
            HapticKind::Continuous { duration, .. } => self.offset.saturating_add(duration),
        }
    }
}

/// A sequence of haptic events, sorted by offset, with a length that may
/// extend past the last event (a quiet tail).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct HapticPattern {
    events: Vec<HapticEvent>,
    #[serde(with = "crate::clock::millis")]
    length: Duration,
}

impl HapticPattern {
    /// No haptics at all, lasting `length`.
    pub fn silent(length: Duration) -> Self {
        Self {
            events: Vec::new(),
            length,
        }
    }

    /// A single tap at the start.
    pub fn tap(intensity: Level, sharpness: Level) -> Self {
        Self {
            events: vec![HapticEvent {
                offset: Duration::ZERO,
                kind: HapticKind::Transient,
                intensity,
                sharpness,
            }],
            length: Duration::ZERO,
        }
    }

    /// A soft buzz that swells over `length`: an inhale.
    pub fn rising(length: Duration) -> Self {
        Self::ramp(length, Level::from_permille(150), Level::from_permille(850))
    }

    /// A buzz that fades over `length`: an exhale.
    pub fn falling(length: Duration) -> Self {
        Self::ramp(length, Level::from_permille(700), Level::from_permille(80))
    }

    /// A continuous buzz from `from` to `to` over `length`, dull so it reads
    /// as a wave rather than an alert.
    pub fn ramp(length: Duration, from: Level, to: Level) -> Self {
        Self {
            events: vec![HapticEvent {
                offset: Duration::ZERO,
                kind: HapticKind::Continuous {
                    duration: length,
                    ramp_to: Some(to),
                },
                intensity: from,
                sharpness: Level::from_permille(200),
            }],
            length,
        }
    }

    /// Gentle taps every `every` across `length`, starting at once: a slow
    /// exhale or a hold that can be followed without a continuous motor.
    pub fn slow_taps(length: Duration, every: Duration) -> Self {
        let mut events = Vec::new();
        if !every.is_zero() {
            let mut offset = Duration::ZERO;
            while offset < length {
                events.push(HapticEvent {
                    offset,
                    kind: HapticKind::Transient,
                    intensity: Level::from_permille(450),
                    sharpness: Level::from_permille(300),
                });
                offset += every;
            }
        }
        Self { events, length }
    }

    /// Builds a pattern from events (sorted here) and a length that is at
    /// least the end of the last event.
    pub fn from_events(mut events: Vec<HapticEvent>, length: Duration) -> Self {
        events.sort_by_key(|e| e.offset);
        let end = events
            .iter()
            .map(HapticEvent::end)
            .max()
            .unwrap_or_default();
        Self {
            events,
            length: length.max(end),
        }
    }

    /// The events, sorted by offset.
    pub fn events(&self) -> &[HapticEvent] {
        &self.events
    }

    /// How long the pattern lasts, quiet tail included.
    pub fn length(&self) -> Duration {
        self.length
    }

    /// Whether nothing plays.
    pub fn is_silent(&self) -> bool {
        self.events.is_empty()
    }

    /// This pattern followed by `next`.
    pub fn then(mut self, next: &HapticPattern) -> Self {
        let shift = self.length;
        self.events.extend(next.events.iter().map(|e| HapticEvent {
            offset: e.offset.saturating_add(shift),
            ..*e
        }));
        self.length = self.length.saturating_add(next.length);
        self
    }
}

/// The longest stretch of a pattern any renderer plays; later events are
/// dropped and a buzz running past it is cut at it. An hour is far beyond any
/// guide step, and it keeps every Android timing inside a Java `int`.
pub const MAX_RENDERED_LENGTH: Duration = Duration::from_secs(60 * 60);

/// Where a pattern is going to be felt.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum Platform {
    /// An Android phone: amplitude waveform, with an on/off fallback.
    AndroidPhone,
    /// A Wear OS watch: the same Android waveform as a phone.
    WearOs,
    /// An iPhone: AHAP for CoreHaptics.
    Iphone,
    /// An Apple Watch: a schedule of WatchKit's predefined haptics.
    AppleWatch,
}

/// A pattern rendered for one platform, ready for the shell to play.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum RenderedHaptics {
    /// Nothing would be felt: play nothing (Android rejects an all-silent
    /// waveform, and an empty player is pointless elsewhere).
    Nothing,
    /// `VibrationEffect.createWaveform(timings, amplitudes, repeat)` when
    /// `Vibrator.hasAmplitudeControl()`, else
    /// `createWaveform(timings, repeat)` with `on_off`.
    Android {
        /// For motors with amplitude control.
        waveform: AndroidWaveform,
        /// For on/off-only motors.
        on_off: AndroidOnOff,
    },
    /// AHAP JSON text for `CHHapticPattern`.
    Ahap {
        /// The document.
        json: String,
    },
    /// `WKInterfaceDevice.current().play(_:)` at each offset.
    WatchTaps {
        /// The taps, in order.
        taps: Vec<WatchTap>,
    },
}

impl HapticPattern {
    /// Renders this pattern for `platform`.
    pub fn render(&self, platform: Platform) -> RenderedHaptics {
        match platform {
            Platform::AndroidPhone | Platform::WearOs => match AndroidWaveform::render(self) {
                Some(waveform) => RenderedHaptics::Android {
                    on_off: waveform.on_off(),
                    waveform,
                },
                None => RenderedHaptics::Nothing,
            },
            Platform::Iphone => match Ahap::render(self) {
                Some(ahap) => RenderedHaptics::Ahap {
                    json: ahap.to_json(),
                },
                None => RenderedHaptics::Nothing,
            },
            Platform::AppleWatch => watch_taps(WatchTap::schedule(self)),
        }
    }
}

/// Renders patterns that play one after another, as a guide plays its
/// steps: each for its length, or until the person moves on (`None`). One
/// result per pattern, in order, each played from its step's start.
pub fn render_sequence(
    steps: &[(&HapticPattern, Option<Duration>)],
    platform: Platform,
) -> Vec<RenderedHaptics> {
    match platform {
        Platform::AppleWatch => WatchTap::sequence(steps)
            .into_iter()
            .map(watch_taps)
            .collect(),
        _ => steps.iter().map(|(p, _)| p.render(platform)).collect(),
    }
}

fn watch_taps(taps: Vec<WatchTap>) -> RenderedHaptics {
    if taps.is_empty() {
        RenderedHaptics::Nothing
    } else {
        RenderedHaptics::WatchTaps { taps }
    }
}

/// [`MAX_RENDERED_LENGTH`] in milliseconds.
const MAX_RENDERED_MS: u64 = 60 * 60 * 1000;

/// Whole milliseconds, rounded down, saturating.
fn whole_ms(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// A pattern as every renderer sees it (see the module docs).
#[derive(Clone, Debug, Default)]
struct Timeline {
    /// Continuous events, in pattern order.
    buzzes: Vec<Buzz>,
    /// Transient events, sorted by time.
    taps: Vec<Tap>,
}

/// A continuous event on the millisecond timeline; levels in thousandths.
#[derive(Clone, Copy, Debug)]
struct Buzz {
    start: u64,
    end: u64,
    from: f64,
    to: f64,
    sharpness: Level,
}

/// A transient event on the millisecond timeline.
#[derive(Clone, Copy, Debug)]
struct Tap {
    at: u64,
    intensity: Level,
    sharpness: Level,
}

impl Buzz {
    /// Intensity in thousandths at `t` ms, along the ramp.
    fn level_at(&self, t: f64) -> f64 {
        let span = (self.end - self.start) as f64;
        self.from + (self.to - self.from) * ((t - self.start as f64) / span)
    }

    fn plays_at(&self, t: u64) -> bool {
        self.start <= t && t < self.end
    }

    fn is_ramp(&self) -> bool {
        (self.from - self.to).abs() > f64::EPSILON
    }
}

impl Timeline {
    fn of(pattern: &HapticPattern) -> Self {
        let mut timeline = Timeline::default();
        for event in pattern.events() {
            let start = whole_ms(event.offset);
            if start >= MAX_RENDERED_MS {
                continue;
            }
            match event.kind {
                HapticKind::Transient => timeline.taps.push(Tap {
                    at: start,
                    intensity: event.intensity,
                    sharpness: event.sharpness,
                }),
                HapticKind::Continuous { duration, ramp_to } => {
                    let full_end = whole_ms(event.offset.saturating_add(duration));
                    let end = full_end.min(MAX_RENDERED_MS);
                    if end <= start {
                        continue;
                    }
                    let from = f64::from(event.intensity.permille());
                    let full_to = f64::from(ramp_to.unwrap_or(event.intensity).permille());
                    let kept = (end - start) as f64 / (full_end - start) as f64;
                    timeline.buzzes.push(Buzz {
                        start,
                        end,
                        from,
                        to: from + (full_to - from) * kept,
                        sharpness: event.sharpness,
                    });
                }
            }
        }
        timeline.taps.sort_by_key(|t| t.at);
        timeline
    }

    /// The strongest buzz playing at `t` ms (overlapping buzzes: the
    /// maximum), with its sharpness.
    fn envelope_at(&self, t: u64) -> Option<(f64, Level)> {
        let at = t as f64;
        self.buzzes
            .iter()
            .filter(|b| b.plays_at(t))
            .map(|b| (b.level_at(at), b.sharpness))
            .fold(None, |best, (level, sharpness)| match best {
                Some((top, _)) if top >= level => best,
                _ => Some((level, sharpness)),
            })
    }

    /// Maximal stretches `[start, end)` where some buzz plays; buzzes that
    /// touch or overlap join one stretch.
    fn buzz_runs(&self) -> Vec<(u64, u64)> {
        let mut spans: Vec<(u64, u64)> = self.buzzes.iter().map(|b| (b.start, b.end)).collect();
        spans.sort_unstable();
        let mut runs: Vec<(u64, u64)> = Vec::new();
        for (start, end) in spans {
            match runs.last_mut() {
                Some(last) if start <= last.1 => last.1 = last.1.max(end),
                _ => runs.push((start, end)),
            }
        }
        runs
    }

    /// Every buzz start and end inside `[from, to]`, sorted, plus both ends.
    fn buzz_breakpoints(&self, from: u64, to: u64) -> Vec<u64> {
        let mut points: Vec<u64> = self
            .buzzes
            .iter()
            .flat_map(|b| [b.start, b.end])
            .filter(|t| (from..=to).contains(t))
            .chain([from, to])
            .collect();
        points.sort_unstable();
        points.dedup();
        points
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rising_swells_and_falling_fades() {
        let up = HapticPattern::rising(Duration::from_secs(4));
        let down = HapticPattern::falling(Duration::from_secs(6));
        let ramp = |p: &HapticPattern| match p.events()[0].kind {
            HapticKind::Continuous {
                ramp_to: Some(to), ..
            } => (p.events()[0].intensity, to),
            other => panic!("expected a ramp, got {other:?}"),
        };
        let (a, b) = ramp(&up);
        assert!(a < b);
        let (a, b) = ramp(&down);
        assert!(a > b);
    }

    #[test]
    fn then_appends_after_the_quiet_tail() {
        let p = HapticPattern::silent(Duration::from_secs(2))
            .then(&HapticPattern::tap(Level::FULL, Level::FULL));
        assert_eq!(p.events()[0].offset, Duration::from_secs(2));
    }

    #[test]
    fn levels_clamp_to_one() {
        assert_eq!(Level::from_permille(5000), Level::FULL);
    }
}
