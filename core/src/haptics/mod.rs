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

use std::time::Duration;

use serde::{Deserialize, Serialize};

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
    /// no time).
    pub fn end(&self) -> Duration {
        match self.kind {
            HapticKind::Transient => self.offset,
            HapticKind::Continuous { duration, .. } => self.offset + duration,
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
            offset: e.offset + shift,
            ..*e
        }));
        self.length += next.length;
        self
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
