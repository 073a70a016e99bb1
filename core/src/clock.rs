//! Elapsed time built from wall-clock readings that may jump.
//!
//! Phones hand the core wall-clock instants: a process can be killed and
//! revived hours later, and the only time that survives is the wall clock.
//! That clock can also be set backwards (a network time correction, a person
//! fixing a wrong clock). A [`Stopwatch`] accumulates the time between the
//! readings it is shown and treats a reading earlier than the last one as "no
//! time passed", so elapsed time never runs backwards and a timer resumes from
//! where it was instead of replaying or freezing. Time zones and daylight
//! saving never enter: every instant is UTC.
//!
//! What cannot be told apart from real time passing is a clock set *forward*;
//! that counts as elapsed time, as it would for any wall-clock timer.

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Accumulated elapsed time since a start instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stopwatch {
    started_at: DateTime<Utc>,
    last_seen: DateTime<Utc>,
    #[serde(with = "millis")]
    elapsed: Duration,
}

impl Stopwatch {
    /// Starts at `now` with nothing elapsed.
    pub fn start(now: DateTime<Utc>) -> Self {
        Self {
            started_at: now,
            last_seen: now,
            elapsed: Duration::ZERO,
        }
    }

    /// The wall-clock instant this stopwatch was started at.
    pub fn started_at(&self) -> DateTime<Utc> {
        self.started_at
    }

    /// The latest wall-clock reading it has been shown.
    pub fn last_seen(&self) -> DateTime<Utc> {
        self.last_seen
    }

    /// Elapsed time as of `now`, without recording the reading.
    pub fn elapsed_at(&self, now: DateTime<Utc>) -> Duration {
        self.elapsed + forward_gap(self.last_seen, now)
    }

    /// Records the reading `now` and returns the elapsed time. A reading
    /// earlier than the last one adds nothing and becomes the new reference,
    /// so later readings count from it.
    pub fn observe(&mut self, now: DateTime<Utc>) -> Duration {
        self.elapsed += forward_gap(self.last_seen, now);
        self.last_seen = now;
        self.elapsed
    }

    /// Takes `now` as the new reference without counting the time since the
    /// last reading: a paused guide resumes where it was.
    pub fn skip_to(&mut self, now: DateTime<Utc>) {
        self.last_seen = now;
    }

    /// The wall-clock instant at which `target` elapsed time will be reached,
    /// seen from `now`; `now` itself if it has already been reached.
    pub fn instant_of(&self, now: DateTime<Utc>, target: Duration) -> DateTime<Utc> {
        let remaining = target.saturating_sub(self.elapsed_at(now));
        now + chrono::Duration::from_std(remaining).unwrap_or(chrono::Duration::MAX)
    }
}

/// Time from `from` to `to`, or zero if `to` is not later.
fn forward_gap(from: DateTime<Utc>, to: DateTime<Utc>) -> Duration {
    (to - from).to_std().unwrap_or(Duration::ZERO)
}

/// Serde for a `Duration` as whole milliseconds, the store's unit.
pub mod millis {
    use std::time::Duration;

    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes whole milliseconds (saturating).
    pub fn serialize<S: Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
    }

    /// Reads whole milliseconds.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        u64::deserialize(d).map(Duration::from_millis)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(secs: i64) -> DateTime<Utc> {
        Utc.timestamp_opt(1_800_000_000 + secs, 0).unwrap()
    }

    #[test]
    fn elapsed_follows_the_clock_forward() {
        let mut w = Stopwatch::start(at(0));
        assert_eq!(w.observe(at(90)), Duration::from_secs(90));
        assert_eq!(w.elapsed_at(at(100)), Duration::from_secs(100));
    }

    #[test]
    fn a_clock_set_back_adds_nothing_and_counting_resumes_from_there() {
        let mut w = Stopwatch::start(at(0));
        w.observe(at(600));
        assert_eq!(w.observe(at(-3000)), Duration::from_secs(600));
        assert_eq!(w.observe(at(-2940)), Duration::from_secs(660));
    }

    #[test]
    fn instant_of_a_reached_target_is_now() {
        let w = Stopwatch::start(at(0));
        assert_eq!(w.instant_of(at(100), Duration::from_secs(50)), at(100));
        assert_eq!(w.instant_of(at(100), Duration::from_secs(150)), at(150));
    }
}
