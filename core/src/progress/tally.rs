//! The review's figures as sums that add up: a [`Tally`] of any span of
//! time, counted straight from the projections ([`Tally::count`]) or put
//! together from per-day tallies kept in the store ([`Tally::over`]).
//!
//! Why: a review of ten years reads 50,000 sessions, 300,000 check-ins and
//! 100,000 skill uses; counted from scratch that takes hundreds of
//! milliseconds. Every figure the review shows is a sum, a count, or comes
//! from a list small enough to keep (each session's start, outcome and
//! pause, for medians and the weekly series), so a tally per UTC day is
//! kept in `day_tallies` and a window adds the days it covers.
//!
//! How the kept tallies stay right: triggers on the projections (schema v4;
//! from v5 a check-in is a change to its session's row) mark the day of every
//! change in `day_tallies_stale`; a stale day is never read from
//! `day_tallies` but counted afresh. Writes recount stale days other than
//! the day they are about and the day before it ([`settle`]), so today's
//! tally, still changing, is counted when read and the rest are kept.
//! Correctness never depends on settling: a database where nothing was
//! settled gives the same review, only slower.
//!
//! The kept form is JSON of [`Tally`]; changing it needs a schema step that
//! marks every day stale (a row that does not read back is counted afresh,
//! so an old form is never misread as figures).
//!
//! A day is the UTC day `at_ms / 86_400_000` of a session's start (for the
//! session's figures, its check-ins included) or of a skill use. Parts of a
//! window that do not cover a whole day, and anything before 1970, are
//! counted straight from the projections.

use std::collections::BTreeMap;
use std::collections::BTreeSet;

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::skills::SkillId;
use crate::store::{Result, StoreError};
use crate::urge::{Intensity, Need};

use super::ms;
use super::{CurvePoint, IntensityCourse, MinuteBucket, NeedCount, SkillFigures};

/// One UTC day in milliseconds: the unit of the kept tallies.
pub(crate) const DAY_MS: i64 = 86_400_000;

// `Tally::needs` holds one count per need plus one for "no need said".
const _: () = assert!(Need::ALL.len() + 1 == 7);

/// How a session ended, as far as the review tells outcomes apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "u8", try_from = "u8")]
pub(super) enum Ending {
    /// Running, or ended without saying.
    Unsaid,
    /// Passed or used a skill.
    Safe,
    /// Reached out (also a safe pause).
    ReachedOut,
    /// They hurt themselves.
    SelfHarmed,
}

impl Ending {
    fn from_tag(tag: Option<&str>) -> Self {
        match tag {
            Some("passed" | "used_skill") => Ending::Safe,
            Some("reached_out") => Ending::ReachedOut,
            Some("self_harmed") => Ending::SelfHarmed,
            _ => Ending::Unsaid,
        }
    }

    /// Whether the session passed without self-harm.
    pub(super) fn is_safe(self) -> bool {
        matches!(self, Ending::Safe | Ending::ReachedOut)
    }
}

impl From<Ending> for u8 {
    fn from(e: Ending) -> u8 {
        match e {
            Ending::Unsaid => 0,
            Ending::Safe => 1,
            Ending::ReachedOut => 2,
            Ending::SelfHarmed => 3,
        }
    }
}

impl TryFrom<u8> for Ending {
    type Error = String;

    fn try_from(n: u8) -> std::result::Result<Self, String> {
        Ok(match n {
            0 => Ending::Unsaid,
            1 => Ending::Safe,
            2 => Ending::ReachedOut,
            3 => Ending::SelfHarmed,
            other => return Err(format!("unknown ending {other}")),
        })
    }
}

/// What one session adds to the weekly series and the pause figures. Kept
/// as a bare `[started_ms, ending, pause_ms]` array: a day holds many.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    from = "(i64, Ending, Option<i64>)",
    into = "(i64, Ending, Option<i64>)"
)]
pub(super) struct Mark {
    /// When it started (UTC milliseconds).
    pub started_ms: i64,
    /// How it ended.
    pub ending: Ending,
    /// Its pause, once finished.
    pub pause_ms: Option<i64>,
}

impl From<(i64, Ending, Option<i64>)> for Mark {
    fn from((started_ms, ending, pause_ms): (i64, Ending, Option<i64>)) -> Self {
        Mark {
            started_ms,
            ending,
            pause_ms,
        }
    }
}

impl From<Mark> for (i64, Ending, Option<i64>) {
    fn from(m: Mark) -> Self {
        (m.started_ms, m.ending, m.pause_ms)
    }
}

/// A sum and how many values went into it, for averages that add up. Kept
/// as a bare `[n, total]` array.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "(u32, i64)", into = "(u32, i64)")]
pub(super) struct Sum {
    pub n: u32,
    pub total: i64,
}

impl Sum {
    fn add(&mut self, other: Sum) {
        self.n += other.n;
        self.total += other.total;
    }

    fn push(&mut self, value: Option<i64>) {
        if let Some(v) = value {
            self.n += 1;
            self.total += v;
        }
    }

    pub(super) fn average(self) -> Option<f64> {
        (self.n > 0).then(|| self.total as f64 / f64::from(self.n))
    }
}

/// How one skill went, as sums. Kept as a bare
/// `[uses, drop, answered, helped]` array.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "(u32, Sum, u32, u32)", into = "(u32, Sum, u32, u32)")]
pub(super) struct SkillTally {
    pub uses: u32,
    pub drop: Sum,
    pub answered: u32,
    pub helped: u32,
}

impl From<(u32, i64)> for Sum {
    fn from((n, total): (u32, i64)) -> Self {
        Sum { n, total }
    }
}

impl From<Sum> for (u32, i64) {
    fn from(s: Sum) -> Self {
        (s.n, s.total)
    }
}

impl From<(u32, Sum, u32, u32)> for SkillTally {
    fn from((uses, drop, answered, helped): (u32, Sum, u32, u32)) -> Self {
        SkillTally {
            uses,
            drop,
            answered,
            helped,
        }
    }
}

impl From<SkillTally> for (u32, Sum, u32, u32) {
    fn from(t: SkillTally) -> Self {
        (t.uses, t.drop, t.answered, t.helped)
    }
}

/// Every figure of a span of time, as parts that add up.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub(super) struct Tally {
    /// One per session started in the span.
    pub sessions: Vec<Mark>,
    /// Urges per need, in [`Need::ALL`] order, then urges with no need said.
    pub needs: [u32; 7],
    pub hours: [u32; 24],
    pub weekdays: [u32; 7],
    /// Sessions with at least one reading.
    pub read_sessions: u32,
    pub start: Sum,
    pub peak: Sum,
    pub last: Sum,
    /// Readings per [`MinuteBucket::ALL`] entry.
    pub curve: [Sum; 7],
    pub safer_when_strong: u32,
    pub reach_person_uses: u32,
    pub skills: BTreeMap<String, SkillTally>,
}

impl Tally {
    /// Adds another span's tally to this one.
    pub(super) fn add(&mut self, other: Tally) {
        self.sessions.extend(other.sessions);
        add_counts(&mut self.needs, &other.needs);
        add_counts(&mut self.hours, &other.hours);
        add_counts(&mut self.weekdays, &other.weekdays);
        self.read_sessions += other.read_sessions;
        self.start.add(other.start);
        self.peak.add(other.peak);
        self.last.add(other.last);
        for (mine, theirs) in self.curve.iter_mut().zip(other.curve) {
            mine.add(theirs);
        }
        self.safer_when_strong += other.safer_when_strong;
        self.reach_person_uses += other.reach_person_uses;
        for (skill, t) in other.skills {
            let mine = self.skills.entry(skill).or_default();
            mine.uses += t.uses;
            mine.drop.add(t.drop);
            mine.answered += t.answered;
            mine.helped += t.helped;
        }
    }

    fn is_empty(&self) -> bool {
        self.sessions.is_empty() && self.skills.is_empty()
    }

    /// The tally of `[from, to)` (UTC milliseconds), from kept day tallies
    /// where whole days are covered and not stale, counted for the rest.
    pub(super) fn over(conn: &Connection, from: i64, to: i64) -> Result<Tally> {
        // Whole days inside the span, from 1970 on.
        let first = from.max(0).div_euclid(DAY_MS) + i64::from(from.max(0) % DAY_MS != 0);
        let end = to.div_euclid(DAY_MS);
        if from >= to || first >= end {
            return Tally::count(conn, from, to);
        }
        let mut tally = Tally::count(conn, from, first * DAY_MS)?;
        tally.add(Tally::count(conn, end * DAY_MS, to)?);

        let stale: BTreeSet<i64> = conn
            .prepare_cached("SELECT day FROM day_tallies_stale WHERE day >= ?1 AND day < ?2")?
            .query_map(params![first, end], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for &day in &stale {
            tally.add(Tally::count(conn, day * DAY_MS, (day + 1) * DAY_MS)?);
        }
        let mut stmt =
            conn.prepare_cached("SELECT day, tally FROM day_tallies WHERE day >= ?1 AND day < ?2")?;
        let mut rows = stmt.query(params![first, end])?;
        while let Some(r) = rows.next()? {
            if stale.contains(&r.get::<_, i64>(0)?) {
                continue;
            }
            let day: i64 = r.get(0)?;
            let text = r.get_ref(1)?.as_str().map_err(from_sql)?;
            // A kept tally that does not read back is counted afresh.
            match serde_json::from_str(text) {
                Ok(kept) => tally.add(kept),
                Err(_) => tally.add(Tally::count(conn, day * DAY_MS, (day + 1) * DAY_MS)?),
            }
        }
        Ok(tally)
    }

    /// Counts the tally of `[from, to)` straight from the projections.
    pub(super) fn count(conn: &Connection, from: i64, to: i64) -> Result<Tally> {
        let mut tally = Tally::default();
        if from >= to {
            return Ok(tally);
        }
        tally.count_sessions(conn, from, to)?;
        tally.count_curve(conn, from, to)?;
        tally.count_skill_uses(conn, from, to)?;
        Ok(tally)
    }

    /// Sessions started in the span: outcomes, pauses, needs, hours and
    /// weekdays, and their start, peak and last readings. The first reading
    /// is the first of the session's `readings`, which are kept oldest first.
    fn count_sessions(&mut self, conn: &Connection, from: i64, to: i64) -> Result<()> {
        let tags = need_tags();
        let mut stmt = conn.prepare_cached(
            "SELECT s.started_ms, s.outcome, s.pause_ms, s.need, s.local_hour, s.local_weekday,
                    s.max_intensity, s.last_intensity,
                    CASE WHEN s.max_intensity IS NOT NULL THEN coalesce(s.start_intensity,
                        s.readings ->> '$[0][1]') END
             FROM urge_sessions s WHERE s.started_ms >= ?1 AND s.started_ms < ?2",
        )?;
        let mut rows = stmt.query(params![from, to])?;
        while let Some(r) = rows.next()? {
            self.sessions.push(Mark {
                started_ms: r.get(0)?,
                ending: Ending::from_tag(r.get_ref(1)?.as_str_or_null().map_err(from_sql)?),
                pause_ms: r.get(2)?,
            });
            let need = match r.get_ref(3)?.as_str_or_null().map_err(from_sql)? {
                None => Need::ALL.len(),
                Some(tag) => {
                    tags.iter()
                        .position(|t| t == tag)
                        .ok_or_else(|| StoreError::Invalid {
                            what: "stored need",
                            detail: tag.to_owned(),
                        })?
                }
            };
            bump(&mut self.needs, need);
            bump(&mut self.hours, r.get::<_, i64>(4)?);
            bump(&mut self.weekdays, r.get::<_, i64>(5)?);
            let peak: Option<i64> = r.get(6)?;
            if peak.is_some() {
                self.read_sessions += 1;
                self.peak.push(peak);
                self.last.push(r.get(7)?);
                self.start.push(r.get(8)?);
            }
        }
        Ok(())
    }

    /// Readings by elapsed time: the start intensity at minute 0 plus every
    /// check-in of the sessions started in the span. One pass, one column
    /// pair per bucket.
    fn count_curve(&mut self, conn: &Connection, from: i64, to: i64) -> Result<()> {
        let sql = curve_sql();
        let mut stmt = conn.prepare_cached(&sql)?;
        let curve = stmt.query_row(params![from, to], |r| {
            let mut curve = [Sum::default(); 7];
            for (i, point) in curve.iter_mut().enumerate() {
                *point = Sum {
                    n: u32::try_from(r.get::<_, i64>(2 * i)?).unwrap_or(u32::MAX),
                    total: r.get::<_, Option<i64>>(2 * i + 1)?.unwrap_or(0),
                };
            }
            Ok(curve)
        })?;
        for (mine, point) in self.curve.iter_mut().zip(curve) {
            mine.add(point);
        }
        Ok(())
    }

    /// Skill uses recorded in the span: per-skill sums, safer choices when
    /// the urge was strong, and reaching a person outside a reached-out
    /// session.
    fn count_skill_uses(&mut self, conn: &Connection, from: i64, to: i64) -> Result<()> {
        let mut stmt = conn.prepare_cached(
            "SELECT u.skill, u.intensity_before, u.intensity_after, u.helped,
                    coalesce(u.intensity_before,
                        (SELECT s.max_intensity FROM urge_sessions s
                         WHERE s.id = u.session_id)) >= ?3,
                    EXISTS (SELECT 1 FROM urge_sessions s
                            WHERE s.id = u.session_id AND s.outcome = 'reached_out')
             FROM skill_uses u WHERE u.at_ms >= ?1 AND u.at_ms < ?2",
        )?;
        let mut rows = stmt.query(params![from, to, Intensity::STRONG.value()])?;
        while let Some(r) = rows.next()? {
            let skill = r.get_ref(0)?.as_str().map_err(from_sql)?;
            let tally = match self.skills.get_mut(skill) {
                Some(t) => t,
                None => self.skills.entry(skill.to_owned()).or_default(),
            };
            tally.uses += 1;
            if let (Some(before), Some(after)) =
                (r.get::<_, Option<i64>>(1)?, r.get::<_, Option<i64>>(2)?)
            {
                tally.drop.push(Some(before - after));
            }
            if let Some(helped) = r.get::<_, Option<bool>>(3)? {
                tally.answered += 1;
                tally.helped += u32::from(helped);
            }
            if r.get::<_, Option<bool>>(4)? == Some(true) {
                self.safer_when_strong += 1;
            }
            if skill == SkillId::REACH_PERSON.as_str() && !r.get::<_, bool>(5)? {
                self.reach_person_uses += 1;
            }
        }
        Ok(())
    }

    /// Sessions passed safely, self-harm episodes, and sessions that ended
    /// as reached out.
    pub(super) fn endings(&self) -> (u32, u32, u32) {
        let mut safe = 0;
        let mut harmed = 0;
        let mut reached = 0;
        for m in &self.sessions {
            safe += u32::from(m.ending.is_safe());
            harmed += u32::from(m.ending == Ending::SelfHarmed);
            reached += u32::from(m.ending == Ending::ReachedOut);
        }
        (safe, harmed, reached)
    }

    /// The pauses of finished sessions, sorted.
    pub(super) fn sorted_pauses(&self) -> Vec<i64> {
        let mut p: Vec<i64> = self.sessions.iter().filter_map(|m| m.pause_ms).collect();
        p.sort_unstable();
        p
    }

    pub(super) fn need_counts(&self) -> Vec<NeedCount> {
        Need::ALL
            .iter()
            .map(|&n| Some(n))
            .chain([None])
            .zip(self.needs)
            .map(|(need, urges)| NeedCount { need, urges })
            .collect()
    }

    pub(super) fn intensity_course(&self) -> IntensityCourse {
        IntensityCourse {
            sessions: self.read_sessions,
            average_start: self.start.average(),
            average_peak: self.peak.average(),
            average_last: self.last.average(),
            curve: MinuteBucket::ALL
                .iter()
                .zip(self.curve)
                .map(|(&bucket, sum)| CurvePoint {
                    bucket,
                    readings: sum.n,
                    average: sum.average(),
                })
                .collect(),
        }
    }

    /// Per-skill figures, the ones that helped most first: largest average
    /// drop, then largest share helped, then most used, then by id so the
    /// order is stable.
    pub(super) fn skill_figures(&self) -> Vec<SkillFigures> {
        let mut out: Vec<SkillFigures> = self
            .skills
            .iter()
            .map(|(skill, t)| SkillFigures {
                skill: skill.clone(),
                uses: t.uses,
                rated_uses: t.drop.n,
                average_drop: t.drop.average(),
                answered_uses: t.answered,
                helped_share: (t.answered > 0).then(|| f64::from(t.helped) / f64::from(t.answered)),
            })
            .collect();
        // Larger first; `None` after every value.
        let desc = |a: Option<f64>, b: Option<f64>| match (a, b) {
            (Some(a), Some(b)) => b.total_cmp(&a),
            (a, b) => b.is_some().cmp(&a.is_some()),
        };
        out.sort_by(|a, b| {
            desc(a.average_drop, b.average_drop)
                .then(desc(a.helped_share, b.helped_share))
                .then(b.uses.cmp(&a.uses))
                .then(a.skill.cmp(&b.skill))
        });
        out
    }
}

/// Recounts and keeps the tallies of stale days, except the days in
/// `keep_stale` (the days a write is busy with; they are counted when
/// read). Runs inside the caller's write transaction.
pub(crate) fn settle(conn: &Connection, keep_stale: &[i64]) -> Result<()> {
    let days: Vec<i64> = conn
        .prepare_cached("SELECT day FROM day_tallies_stale")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for day in days.into_iter().filter(|d| !keep_stale.contains(d)) {
        let tally = Tally::count(conn, day * DAY_MS, (day + 1) * DAY_MS)?;
        if tally.is_empty() {
            conn.prepare_cached("DELETE FROM day_tallies WHERE day = ?1")?
                .execute(params![day])?;
        } else {
            conn.prepare_cached("INSERT OR REPLACE INTO day_tallies (day, tally) VALUES (?1, ?2)")?
                .execute(params![day, serde_json::to_string(&tally)?])?;
        }
        conn.prepare_cached("DELETE FROM day_tallies_stale WHERE day = ?1")?
            .execute(params![day])?;
    }
    Ok(())
}

/// Settles every stale day but the day of `at_ms` and the day before it,
/// which a running session may still change. Cheap when nothing is stale.
pub(crate) fn settle_before(conn: &Connection, at_ms: i64) -> Result<()> {
    let today = at_ms.div_euclid(DAY_MS);
    let older: Option<i64> = conn
        .prepare_cached("SELECT day FROM day_tallies_stale WHERE day < ?1 OR day > ?2 LIMIT 1")?
        .query_row(params![today - 1, today], |r| r.get(0))
        .optional()?;
    match older {
        Some(_) => settle(conn, &[today - 1, today]),
        None => Ok(()),
    }
}

/// The curve query: count and sum of readings per elapsed-time bucket.
fn curve_sql() -> String {
    let bounds: Vec<i64> = MinuteBucket::ALL
        .iter()
        .filter_map(|b| b.to)
        .map(ms)
        .collect();
    let mut columns = String::new();
    for i in 0..MinuteBucket::ALL.len() {
        let low = if i == 0 { None } else { bounds.get(i - 1) };
        let high = bounds.get(i);
        let cond = match (low, high) {
            (None, Some(h)) => format!("elapsed_ms < {h}"),
            (Some(l), Some(h)) => format!("elapsed_ms >= {l} AND elapsed_ms < {h}"),
            (Some(l), None) => format!("elapsed_ms >= {l}"),
            (None, None) => "1".to_owned(),
        };
        columns.push_str(&format!(
            "count(*) FILTER (WHERE {cond}), sum(intensity) FILTER (WHERE {cond}),"
        ));
    }
    columns.pop();
    format!(
        "SELECT {columns} FROM (
             SELECT 0 AS elapsed_ms, s.start_intensity AS intensity
             FROM urge_sessions s
             WHERE s.started_ms >= ?1 AND s.started_ms < ?2 AND s.start_intensity IS NOT NULL
             UNION ALL
             SELECT elapsed_ms, intensity FROM check_ins
             WHERE started_ms >= ?1 AND started_ms < ?2)"
    )
}

/// Each need's stored tag (its serde name), in [`Need::ALL`] order.
fn need_tags() -> Vec<String> {
    Need::ALL
        .into_iter()
        .map(|n| match serde_json::to_value(n) {
            Ok(serde_json::Value::String(tag)) => tag,
            _ => String::new(),
        })
        .collect()
}

fn add_counts<const N: usize>(mine: &mut [u32; N], theirs: &[u32; N]) {
    for (a, b) in mine.iter_mut().zip(theirs) {
        *a += b;
    }
}

fn bump<const N: usize>(counts: &mut [u32; N], index: impl TryInto<usize>) {
    if let Some(slot) = index.try_into().ok().and_then(|i| counts.get_mut(i)) {
        *slot += 1;
    }
}

fn from_sql(e: rusqlite::types::FromSqlError) -> StoreError {
    StoreError::Invalid {
        what: "stored value",
        detail: e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, FixedOffset, TimeZone, Utc};
    use proptest::prelude::*;

    use super::*;
    use crate::store::{DatabaseKey, OpenOptions, SkillUseRecord, Store};
    use crate::urge::{CheckInCadence, DelayGoal, Outcome, Source, StartOptions};

    /// One thing a person does, at a time given in minutes from the start.
    #[derive(Clone, Debug)]
    enum Step {
        Urge {
            gap_min: i64,
            intensity: Option<u8>,
            need: Option<usize>,
            check_ins: Vec<(i64, u8)>,
            skill: Option<(usize, Option<u8>, Option<u8>)>,
            length_min: i64,
            outcome: usize,
            offset_h: i32,
        },
        Skill {
            gap_min: i64,
            skill: usize,
        },
        DeleteLast,
    }

    const SKILLS: [&str; 3] = ["hold-ice", "reach-person", "own-thing"];

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            6 => (
                0i64..3000,
                proptest::option::of(0u8..=10),
                proptest::option::of(0usize..6),
                proptest::collection::vec((prop_oneof![1i64..50, 1i64..4000], 0u8..=10), 0..4),
                proptest::option::of((0usize..3, proptest::option::of(0u8..=10), proptest::option::of(0u8..=10))),
                1i64..200,
                0usize..5,
                -10i32..12,
            )
                .prop_map(|(gap_min, intensity, need, check_ins, skill, length_min, outcome, offset_h)| {
                    Step::Urge { gap_min, intensity, need, check_ins, skill, length_min, outcome, offset_h }
                }),
            2 => (0i64..3000, 0usize..3).prop_map(|(gap_min, skill)| Step::Skill { gap_min, skill }),
            1 => Just(Step::DeleteLast),
        ]
    }

    fn at(minute: i64, offset_h: i32) -> DateTime<FixedOffset> {
        let start = Utc.with_ymd_and_hms(2025, 3, 1, 0, 0, 0).unwrap();
        (start + chrono::Duration::minutes(minute))
            .with_timezone(&FixedOffset::east_opt(offset_h * 3600).unwrap())
    }

    fn intensity(v: Option<u8>) -> Option<Intensity> {
        v.and_then(|v| Intensity::new(v).ok())
    }

    fn record(
        store: &mut Store,
        t: i64,
        offset_h: i32,
        skill: &Option<(usize, Option<u8>, Option<u8>)>,
    ) {
        if let Some((k, before, after)) = skill {
            store
                .record_skill(
                    at(t, offset_h),
                    SkillUseRecord {
                        skill: SKILLS[*k].into(),
                        need: None,
                        intensity_before: intensity(*before),
                        intensity_after: intensity(*after),
                        helped: before.map(|b| b > 5),
                    },
                )
                .unwrap();
        }
    }

    /// Writes the steps through the store's public API (so triggers and
    /// settling run as they do in use); returns the last minute used.
    fn write(store: &mut Store, steps: &[Step]) -> i64 {
        let mut minute = 0;
        let mut last = None;
        for s in steps {
            match s {
                Step::Urge {
                    gap_min,
                    intensity: i,
                    need,
                    check_ins,
                    skill,
                    length_min,
                    outcome,
                    offset_h,
                } => {
                    minute += gap_min;
                    let started = store
                        .start_urge(
                            at(minute, *offset_h),
                            StartOptions {
                                source: Source::Widget,
                                intensity: intensity(*i),
                                need: need.map(|n| Need::ALL[n]),
                                goal: DelayGoal::FIFTEEN_MINUTES,
                                cadence: CheckInCadence::Never,
                                utc_offset_secs: offset_h * 3600,
                            },
                        )
                        .unwrap();
                    last = Some(started.id);
                    // The skill is used after the first check-in, so later
                    // check-ins (days later, for a long session) change the
                    // peak its figures read.
                    let mut t = minute;
                    for (n, (gap, v)) in check_ins.iter().enumerate() {
                        t += gap;
                        store
                            .check_in(at(t, *offset_h), Intensity::new(*v).unwrap())
                            .unwrap();
                        if n == 0 {
                            record(store, t, *offset_h, skill);
                        }
                    }
                    if check_ins.is_empty() {
                        record(store, t, *offset_h, skill);
                    }
                    let outcome = [
                        Outcome::Passed,
                        Outcome::UsedSkill,
                        Outcome::ReachedOut,
                        Outcome::SelfHarmed {
                            needs_medical_care: false,
                        },
                        Outcome::EndedWithoutSaying,
                    ][*outcome];
                    minute = minute.max(t) + length_min;
                    store.end_urge(at(minute, *offset_h), outcome).unwrap();
                }
                Step::Skill { gap_min, skill } => {
                    minute += gap_min;
                    let id = store
                        .record_skill(
                            at(minute, 0),
                            SkillUseRecord {
                                skill: SKILLS[*skill].into(),
                                need: None,
                                intensity_before: None,
                                intensity_after: None,
                                helped: None,
                            },
                        )
                        .unwrap();
                    last = Some(id);
                }
                Step::DeleteLast => {
                    if let Some(id) = last.take() {
                        minute += 1;
                        store.delete_entry(at(minute, 0), id).unwrap();
                    }
                }
            }
        }
        minute
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]

        /// Whatever was written, in whatever order days went stale and
        /// were settled, a span's tally put together from kept day tallies
        /// is exactly the tally counted from scratch.
        #[test]
        fn kept_tallies_add_up_to_a_fresh_count(
            steps in proptest::collection::vec(step(), 1..40),
            windows in proptest::collection::vec((0i64..200_000, 0i64..200_000), 1..6),
            settle_all in any::<bool>(),
        ) {
            let dir = tempfile::tempdir().unwrap();
            let mut store = Store::open(dir.path().join("t.db"), &DatabaseKey::new([3; 32]), OpenOptions::default()).unwrap();
            write(&mut store, &steps);
            if settle_all {
                settle(store.conn(), &[]).unwrap();
            }
            let conn = store.conn();
            for (a, b) in windows {
                let (from, to) = (a.min(b), a.max(b));
                let base = Utc.with_ymd_and_hms(2025, 3, 1, 0, 0, 0).unwrap().timestamp_millis();
                let (from, to) = (base + from * 60_000 - 7_000, base + to * 60_000 + 11);
                let mut kept = Tally::over(conn, from, to).unwrap();
                let mut fresh = Tally::count(conn, from, to).unwrap();
                kept.sessions.sort_by_key(|m| m.started_ms);
                fresh.sessions.sort_by_key(|m| m.started_ms);
                prop_assert_eq!(kept, fresh);
            }
        }
    }

    #[test]
    fn a_settled_day_is_kept_and_read_back_instead_of_counted() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(
            dir.path().join("t.db"),
            &DatabaseKey::new([3; 32]),
            OpenOptions::default(),
        )
        .unwrap();
        let steps = vec![
            Step::Urge {
                gap_min: 60,
                intensity: Some(7),
                need: Some(1),
                check_ins: vec![(3, 5)],
                skill: None,
                length_min: 20,
                outcome: 0,
                offset_h: 1,
            },
            // Three days later: the first day is settled by this write.
            Step::Urge {
                gap_min: 3 * 24 * 60,
                intensity: None,
                need: None,
                check_ins: vec![],
                skill: None,
                length_min: 5,
                outcome: 3,
                offset_h: 1,
            },
        ];
        write(&mut store, &steps);
        let conn = store.conn();
        let kept: i64 = conn
            .query_row("SELECT count(*) FROM day_tallies", [], |r| r.get(0))
            .unwrap();
        let stale: Vec<i64> = conn
            .prepare("SELECT day FROM day_tallies_stale")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(|d| d.unwrap())
            .collect();
        assert_eq!(kept, 1, "the first day is kept");
        assert_eq!(
            stale.len(),
            1,
            "the latest day is still being written: {stale:?}"
        );
        // A kept row that disagrees with the log shows in the review: it is
        // what the review reads.
        conn.execute(
            "UPDATE day_tallies SET tally = ?1",
            [serde_json::to_string(&Tally::default()).unwrap()],
        )
        .unwrap();
        let base = Utc
            .with_ymd_and_hms(2025, 3, 1, 0, 0, 0)
            .unwrap()
            .timestamp_millis();
        let all = Tally::over(conn, base, base + 10 * DAY_MS).unwrap();
        assert_eq!(all.sessions.len(), 1);
        // A row that does not read back is counted afresh, never misread.
        conn.execute("UPDATE day_tallies SET tally = '{\"sessions\": 1}'", [])
            .unwrap();
        let all = Tally::over(conn, base, base + 10 * DAY_MS).unwrap();
        assert_eq!(all.sessions.len(), 2);
    }
}
