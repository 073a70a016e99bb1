//! A tap schedule for Apple Watch.
//!
//! watchOS apps cannot play custom patterns: they play one of WatchKit's
//! predefined haptics ([`WatchHaptic`], mirroring `WKHapticType`) with
//! `WKInterfaceDevice.current().play(_:)`. The shell plays each [`WatchTap`]
//! at its offset from the start of the pattern. (Wear OS watches play custom
//! waveforms: they use [`super::android::AndroidWaveform`].)
//!
//! The mapping keeps breathing followable with eyes closed:
//!
//! - A rising buzz (an inhale) starts with `directionUp`, and repeats it every
//!   [`PHASE_REPEAT`] while it lasts: "still going up".
//! - A falling buzz (an exhale) starts with `directionDown`, then gives slow
//!   `click`s every [`PHASE_REPEAT`].
//! - A steady buzz starts with a `click` and gives slow `click`s the same way.
//! - Repeats stop [`PHASE_CLEARANCE`] before the buzz ends, so the next
//!   phase's opening haptic stands apart.
//! - A tap is a `click`; a strong tap (intensity at least [`STRONG_TAP`]) is
//!   `notification`, the firmest haptic that carries no success or failure
//!   meaning.
//! - The Taptic Engine plays one haptic at a time and needs a pause between
//!   them, so taps are at least [`MIN_TAP_SPACING`] apart. Where they would
//!   crowd, the opening haptics of buzzes and strong taps are kept first,
//!   then repeats and plain clicks fill the room left.
//! - The spacing holds across a guide's steps too ([`WatchTap::sequence`]):
//!   a step's first tap marks the change the person follows (breathe out
//!   now), so it is kept, and a tap of the step before that would come less
//!   than [`MIN_TAP_SPACING`] ahead of it is dropped. A step shorter than
//!   the spacing (the top-up breath of a fast cyclic sigh) may so be felt
//!   not at all; its words are still shown and announced.
//! - `success`, `failure`, `retry`, `start`, `stop` and the underwater depth
//!   prompts carry meanings of their own and are never used for patterns.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::Serialize;

use super::{HapticPattern, Level, Timeline};

/// The closest two taps may be.
pub const MIN_TAP_SPACING: Duration = Duration::from_millis(600);

/// How often a long buzz repeats its haptic.
pub const PHASE_REPEAT: Duration = Duration::from_secs(2);

/// Repeats stop this long before a buzz ends.
pub const PHASE_CLEARANCE: Duration = Duration::from_secs(1);

/// Taps at least this strong play as `notification`.
pub const STRONG_TAP: Level = Level::from_permille(800);

const SPACING_MS: u64 = 600;
const REPEAT_MS: u64 = 2000;
const CLEARANCE_MS: u64 = 1000;

/// WatchKit's predefined haptics (`WKHapticType`), named as in Swift.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum WatchHaptic {
    /// `.notification`.
    Notification,
    /// `.directionUp`.
    DirectionUp,
    /// `.directionDown`.
    DirectionDown,
    /// `.success`.
    Success,
    /// `.failure`.
    Failure,
    /// `.retry`.
    Retry,
    /// `.start`.
    Start,
    /// `.stop`.
    Stop,
    /// `.click`.
    Click,
    /// `.underwaterDepthPrompt` (watchOS 9).
    UnderwaterDepthPrompt,
    /// `.underwaterDepthCriticalPrompt` (watchOS 9).
    UnderwaterDepthCriticalPrompt,
}

/// One haptic to play, `offset_ms` after the pattern starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct WatchTap {
    /// Milliseconds from the start of the pattern.
    pub offset_ms: u64,
    /// Which haptic.
    pub kind: WatchHaptic,
}

impl WatchTap {
    /// The schedule for `pattern`, sorted by offset; empty when nothing
    /// would be felt.
    pub fn schedule(pattern: &HapticPattern) -> Vec<WatchTap> {
        let timeline = Timeline::of(pattern);
        let mut firm: Vec<WatchTap> = Vec::new();
        let mut gentle: Vec<WatchTap> = Vec::new();

        for buzz in &timeline.buzzes {
            if buzz.from <= 0.0 && buzz.to <= 0.0 {
                continue;
            }
            let (opening, repeat) = if buzz.to > buzz.from && buzz.is_ramp() {
                (WatchHaptic::DirectionUp, WatchHaptic::DirectionUp)
            } else if buzz.is_ramp() {
                (WatchHaptic::DirectionDown, WatchHaptic::Click)
            } else {
                (WatchHaptic::Click, WatchHaptic::Click)
            };
            firm.push(WatchTap {
                offset_ms: buzz.start,
                kind: opening,
            });
            let last = buzz.end.saturating_sub(CLEARANCE_MS);
            gentle.extend((buzz.start..=last).step_by(REPEAT_MS as usize).skip(1).map(
                |offset_ms| WatchTap {
                    offset_ms,
                    kind: repeat,
                },
            ));
        }
        for tap in &timeline.taps {
            if tap.intensity == Level::ZERO {
                continue;
            }
            if tap.intensity >= STRONG_TAP {
                firm.push(WatchTap {
                    offset_ms: tap.at,
                    kind: WatchHaptic::Notification,
                });
            } else {
                gentle.push(WatchTap {
                    offset_ms: tap.at,
                    kind: WatchHaptic::Click,
                });
            }
        }

        let mut kept: BTreeMap<u64, WatchHaptic> = BTreeMap::new();
        for group in [firm, gentle] {
            let mut group = group;
            group.sort_by_key(|t| t.offset_ms);
            for tap in group {
                let near =
                    tap.offset_ms.saturating_sub(SPACING_MS - 1)..=tap.offset_ms + (SPACING_MS - 1);
                if kept.range(near).next().is_none() {
                    kept.insert(tap.offset_ms, tap.kind);
                }
            }
        }
        kept.into_iter()
            .map(|(offset_ms, kind)| WatchTap { offset_ms, kind })
            .collect()
    }

    /// Schedules for patterns that play one after another, each from its
    /// step's start: for its length, or until the person moves on (`None`).
    /// One schedule per pattern, in order.
    ///
    /// Each pattern is scheduled as by [`WatchTap::schedule`]; then a tap
    /// that would come less than [`MIN_TAP_SPACING`] before the first tap
    /// kept after it, in a later step, is dropped, so no two taps of the
    /// whole sequence crowd (see the module docs). After a step the person
    /// ends nothing is dropped: the next one starts whenever they move on.
    pub fn sequence(steps: &[(&HapticPattern, Option<Duration>)]) -> Vec<Vec<WatchTap>> {
        let mut out: Vec<Vec<WatchTap>> = steps.iter().map(|(p, _)| Self::schedule(p)).collect();
        // The first tap kept after the step being looked at, in ms from that
        // step's end; `None` when nothing follows at a known time.
        let mut next: Option<u64> = None;
        for (taps, (_, length)) in out.iter_mut().zip(steps).rev() {
            let length = length.map(super::whole_ms);
            if let (Some(length), Some(next)) = (length, next) {
                let boundary = length.saturating_add(next);
                taps.retain(|t| t.offset_ms.saturating_add(SPACING_MS) <= boundary);
            }
            next = match (taps.first(), length) {
                (Some(first), _) => Some(first.offset_ms),
                (None, Some(length)) => next.map(|n| n.saturating_add(length)),
                (None, None) => None,
            };
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(p: &HapticPattern) -> Vec<(u64, WatchHaptic)> {
        WatchTap::schedule(p)
            .into_iter()
            .map(|t| (t.offset_ms, t.kind))
            .collect()
    }

    #[test]
    fn an_inhale_rises_and_an_exhale_falls_into_slow_clicks() {
        let cycle = HapticPattern::rising(Duration::from_secs(4))
            .then(&HapticPattern::falling(Duration::from_secs(6)));
        use WatchHaptic::*;
        assert_eq!(
            kinds(&cycle),
            vec![
                (0, DirectionUp),
                (2000, DirectionUp),
                (4000, DirectionDown),
                (6000, Click),
                (8000, Click)
            ]
        );
    }

    #[test]
    fn across_steps_the_next_steps_opening_is_kept_and_a_tap_too_close_before_it_goes() {
        use WatchHaptic::*;
        let ms = Duration::from_millis;
        // A fast cyclic sigh: in 714 ms, top up 286 ms, out 2 s.
        let inhale = HapticPattern::rising(ms(714));
        let top_up = HapticPattern::rising(ms(286));
        let exhale = HapticPattern::falling(ms(2000));
        let steps = [
            (&inhale, Some(ms(714))),
            (&top_up, Some(ms(286))),
            (&exhale, Some(ms(2000))),
        ];
        let taps: Vec<Vec<(u64, WatchHaptic)>> = WatchTap::sequence(&steps)
            .into_iter()
            .map(|s| s.into_iter().map(|t| (t.offset_ms, t.kind)).collect())
            .collect();
        assert_eq!(
            taps,
            vec![vec![(0, DirectionUp)], vec![], vec![(0, DirectionDown)]]
        );

        // After a step the person ends, the next step's time is theirs.
        let open = [(&top_up, None), (&exhale, Some(ms(2000)))];
        assert_eq!(WatchTap::sequence(&open)[0], WatchTap::schedule(&top_up));
    }

    #[test]
    fn crowded_taps_are_thinned_keeping_the_phase_openings() {
        let taps = HapticPattern::slow_taps(Duration::from_secs(2), Duration::from_millis(250));
        let offsets: Vec<u64> = kinds(&taps).into_iter().map(|(t, _)| t).collect();
        assert_eq!(offsets, vec![0, 750, 1500]);

        let tap_then_exhale = HapticPattern::silent(Duration::from_millis(3500))
            .then(&HapticPattern::falling(Duration::from_secs(4)));
        let mut events = tap_then_exhale.events().to_vec();
        events.extend(
            HapticPattern::slow_taps(Duration::from_secs(4), Duration::from_secs(1)).events(),
        );
        let merged = HapticPattern::from_events(events, Duration::ZERO);
        assert!(kinds(&merged).contains(&(3500, WatchHaptic::DirectionDown)));
        assert!(!kinds(&merged).iter().any(|&(t, _)| t == 3000));
    }
}
