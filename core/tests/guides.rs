//! Guides as specifications: what each timeline holds, and how a run plays
//! it against a fake clock.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use ebb_core::content;
use ebb_core::guides::{
    BreathingPattern, BreathsPerMinute, COLD_WATER_HOLD, Caution, ExhaleLength, Guide, GuideCue,
    GuideError, GuideId, GuideRun, ICE_HOLD_LIMIT, INTENSE_EFFORT, INTENSE_EFFORT_LIMIT,
    INTENSE_REST, MAX_BREATHING_LENGTH, MIN_BREATHING_LENGTH, Step, StepKind, StepLength,
    breathing, guide,
};
use ebb_core::haptics::watch::{MIN_TAP_SPACING, WatchHaptic, WatchTap};
use ebb_core::haptics::{HapticKind, Platform, RenderedHaptics};
use proptest::prelude::*;

// ---------------------------------------------------------------- helpers

fn at_ms(ms: i64) -> DateTime<Utc> {
    Utc.timestamp_millis_opt(1_800_000_000_000 + ms).unwrap()
}

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

fn after(start: DateTime<Utc>, d: Duration) -> DateTime<Utc> {
    start + chrono::Duration::from_std(d).unwrap()
}

fn extended(exhale: u8) -> BreathingPattern {
    BreathingPattern::ExtendedExhale {
        exhale: ExhaleLength::from_secs(exhale).unwrap(),
    }
}

fn every_pattern() -> Vec<BreathingPattern> {
    let mut all = BreathingPattern::ALL.to_vec();
    all.extend([extended(7), extended(8)]);
    all
}

/// Every default guide, and breathing in every pattern, with and without a
/// fast start.
fn every_guide() -> Vec<Guide> {
    let mut all: Vec<Guide> = GuideId::ALL.iter().map(|&id| guide(id)).collect();
    for pattern in every_pattern() {
        all.push(breathing(pattern, secs(60), None).unwrap());
        let fast = BreathsPerMinute::new(24).unwrap();
        all.push(breathing(pattern, secs(300), Some(fast)).unwrap());
    }
    all
}

fn timed(step: &Step) -> Duration {
    step.length.timed().expect("a timed step")
}

fn keys(g: &Guide) -> Vec<&'static str> {
    g.steps.iter().map(|s| s.text.as_str()).collect()
}

/// Breaths per minute of a breathing guide: one exhale per breath.
fn rate(g: &Guide) -> f64 {
    let exhales = g
        .steps
        .iter()
        .filter(|s| s.kind == StepKind::Exhale)
        .count();
    exhales as f64 / (g.length().as_secs_f64() / 60.0)
}

/// The start and end intensity of a step's ramp.
fn ramp(step: &Step) -> (u16, u16) {
    let event = step.haptic.events().first().expect("a haptic event");
    match event.kind {
        HapticKind::Continuous {
            ramp_to: Some(to), ..
        } => (event.intensity.permille(), to.permille()),
        other => panic!("expected a ramp on {:?}, got {other:?}", step.text),
    }
}

/// Indices of step cues, and whether a cue is Finished.
fn indices(cues: &[GuideCue]) -> Vec<Option<usize>> {
    cues.iter()
        .map(|c| match c {
            GuideCue::StepStarted(s) => Some(s.index),
            GuideCue::Finished => None,
        })
        .collect()
}

fn step_index(cues: &[GuideCue]) -> usize {
    match cues {
        [GuideCue::StepStarted(s)] => s.index,
        other => panic!("expected one step cue, got {other:?}"),
    }
}

/// Every guide a person can play: the catalog, and breathing in every
/// pattern for 1 to 5 minutes from each of a range of start paces (fast
/// cyclic sighs among them: from 10 a minute their top-up breath is shorter
/// than the watch's tap spacing).
fn every_playable_guide() -> Vec<Guide> {
    let mut all: Vec<Guide> = GuideId::ALL.iter().map(|&id| guide(id)).collect();
    let paces = [
        None,
        Some(4),
        Some(6),
        Some(8),
        Some(10),
        Some(11),
        Some(12),
    ]
    .into_iter()
    .chain([14, 15, 17, 20, 24, 30, 45, 60].map(Some));
    for pattern in every_pattern() {
        for pace in paces.clone() {
            for minutes in 1..=5 {
                let pace = pace.map(|p| BreathsPerMinute::new(p).unwrap());
                all.push(breathing(pattern, secs(minutes * 60), pace).unwrap());
            }
        }
    }
    all
}

/// A step's watch taps as the guide renders them for Apple Watch.
fn watch_taps(rendered: &RenderedHaptics) -> Vec<WatchTap> {
    match rendered {
        RenderedHaptics::WatchTaps { taps } => taps.clone(),
        RenderedHaptics::Nothing => Vec::new(),
        other => panic!("not watch taps: {other:?}"),
    }
}

/// The watch taps of a whole guide on one timeline: (ms from the start,
/// step index). An open step lasts until the person moves on, however
/// soon, so the timeline is cut after it: spacing is promised across the
/// guide's own timing, not across a person's tap.
fn watch_timeline(g: &Guide) -> Vec<Vec<(u64, usize)>> {
    let mut runs = vec![Vec::new()];
    let mut start = 0;
    for (i, (step, rendered)) in g
        .steps
        .iter()
        .zip(g.haptics(Platform::AppleWatch))
        .enumerate()
    {
        let taps = watch_taps(&rendered);
        runs.last_mut()
            .unwrap()
            .extend(taps.iter().map(|t| (start + t.offset_ms, i)));
        match step.length {
            StepLength::Timed(d) => {
                let length = u64::try_from(d.as_millis()).unwrap();
                // A shell stops a step's haptics when the next step starts.
                assert!(
                    taps.iter().all(|t| t.offset_ms < length),
                    "{:?} step {i}: a tap past its end in {taps:?}",
                    g.title
                );
                start += length;
            }
            StepLength::Open => {
                runs.push(Vec::new());
                start = 0;
            }
        }
    }
    runs
}

// ------------------------------------------------------------ the catalog

#[test]
fn every_guide_has_steps_and_every_text_exists() {
    for g in every_guide() {
        assert!(!g.steps.is_empty(), "{:?} has no steps", g.title);
        assert!(content::exists(g.title), "missing {}", g.title);
        if let Some(intro) = g.intro {
            assert!(content::exists(intro), "missing {intro}");
        }
        for c in &g.cautions {
            assert!(content::exists(c.text()), "missing {}", c.text());
        }
        for s in &g.steps {
            assert!(content::exists(s.text), "missing {}", s.text);
        }
    }
}

#[test]
fn each_default_guide_carries_its_own_id() {
    for id in GuideId::ALL {
        assert_eq!(guide(id).id, id);
    }
}

#[test]
fn no_haptic_outlasts_its_step() {
    for g in every_guide() {
        for s in &g.steps {
            if let StepLength::Timed(d) = s.length {
                assert!(s.haptic.length() <= d, "{} haptic too long", s.text);
                assert!(!d.is_zero(), "{} lasts no time", s.text);
            }
        }
    }
}

#[test]
fn every_step_starts_with_something_to_feel() {
    for g in every_guide() {
        for s in &g.steps {
            assert!(!s.haptic.is_silent(), "{} is silent", s.text);
        }
    }
}

#[test]
fn watch_taps_stay_apart_across_the_whole_guide_and_its_step_boundaries() {
    let spacing = u64::try_from(MIN_TAP_SPACING.as_millis()).unwrap();
    for g in every_playable_guide() {
        for run in watch_timeline(&g) {
            for w in run.windows(2) {
                let ((a, step_a), (b, step_b)) = (w[0], w[1]);
                assert!(
                    b >= a + spacing,
                    "{:?} ({} steps): taps {} ms apart, at {a} ms (step {step_a}) and {b} ms (step {step_b})",
                    g.title,
                    g.steps.len(),
                    b - a
                );
            }
        }
    }
}

#[test]
fn a_step_as_long_as_the_tap_spacing_is_felt_as_it_starts() {
    let mut fast_sighs = 0;
    for g in every_playable_guide() {
        for (i, (step, rendered)) in g
            .steps
            .iter()
            .zip(g.haptics(Platform::AppleWatch))
            .enumerate()
        {
            let alone = watch_taps(&step.haptic.render(Platform::AppleWatch));
            let opening = alone.first().filter(|t| t.offset_ms == 0);
            let long_enough = step.length.timed().is_none_or(|d| d >= MIN_TAP_SPACING);
            if let (Some(opening), true) = (opening, long_enough) {
                assert_eq!(
                    watch_taps(&rendered).first(),
                    Some(opening),
                    "{:?} step {i} lost its opening tap",
                    g.title
                );
            }
            if step.kind == StepKind::Exhale {
                assert_eq!(watch_taps(&rendered)[0].kind, WatchHaptic::DirectionDown);
            }
            if step.text.as_str() == "guide.breathing.top_up"
                && step.length.timed().is_some_and(|d| d < MIN_TAP_SPACING)
            {
                fast_sighs += 1;
            }
        }
    }
    assert!(
        fast_sighs > 0,
        "the sample has top-ups shorter than the spacing"
    );
}

#[test]
fn inhales_rise_and_exhales_fall() {
    let mut checked = 0;
    for g in every_guide() {
        for s in &g.steps {
            let (from, to) = match s.kind {
                StepKind::Inhale | StepKind::Exhale => ramp(s),
                _ => continue,
            };
            match s.kind {
                StepKind::Inhale => assert!(from < to, "{} does not rise", s.text),
                _ => assert!(from > to, "{} does not fall", s.text),
            }
            checked += 1;
        }
    }
    assert!(checked > 100);
}

#[test]
fn breath_holds_are_a_single_soft_tap() {
    let g = breathing(BreathingPattern::Box, secs(60), None).unwrap();
    let holds: Vec<_> = g
        .steps
        .iter()
        .filter(|s| s.kind == StepKind::Hold)
        .collect();
    assert!(!holds.is_empty());
    for h in holds {
        let events = h.haptic.events();
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].kind, HapticKind::Transient);
        assert!(events[0].intensity.permille() <= 500);
    }
}

#[test]
fn breathing_paces_match_their_sources() {
    let rate_of = |p| rate(&breathing(p, secs(300), None).unwrap());
    assert_eq!(rate_of(BreathingPattern::Resonance), 6.0);
    let gentle = rate_of(BreathingPattern::Gentle);
    assert!((6.8..=7.2).contains(&gentle), "gentle at {gentle}/min");
    assert_eq!(rate_of(BreathingPattern::Box), 3.75);
    assert_eq!(rate_of(extended(6)), 6.0);
    assert_eq!(rate_of(extended(8)), 5.0);
    let sighing = rate_of(BreathingPattern::CyclicSighing);
    assert!((5.0..=7.0).contains(&sighing), "sighing at {sighing}/min");
}

#[test]
fn the_default_breathing_guide_is_gentle_at_about_seven_a_minute() {
    let g = guide(GuideId::Breathing);
    assert_eq!(g.title, BreathingPattern::Gentle.title());
    assert!((6.8..=7.2).contains(&rate(&g)));
    assert!(g.length() >= MIN_BREATHING_LENGTH && g.length() <= MAX_BREATHING_LENGTH);
}

#[test]
fn extended_exhale_breathes_in_for_four_and_out_for_six_to_eight() {
    for out in 6..=8 {
        let g = breathing(extended(out), secs(60), None).unwrap();
        assert_eq!(timed(&g.steps[0]), secs(4));
        assert_eq!(g.steps[0].kind, StepKind::Inhale);
        assert_eq!(timed(&g.steps[1]), secs(u64::from(out)));
        assert_eq!(g.steps[1].kind, StepKind::Exhale);
    }
    assert_eq!(ExhaleLength::default(), ExhaleLength::from_secs(6).unwrap());
}

#[test]
fn a_cyclic_sigh_is_two_breaths_in_then_one_twice_as_long_out() {
    let g = breathing(BreathingPattern::CyclicSighing, secs(60), None).unwrap();
    let kinds: Vec<_> = g.steps[..3].iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [StepKind::Inhale, StepKind::Inhale, StepKind::Exhale]
    );
    let (full, sip, out) = (timed(&g.steps[0]), timed(&g.steps[1]), timed(&g.steps[2]));
    assert!(sip < full, "the second breath in is a short top-up");
    assert_eq!(out, (full + sip) * 2);
    // The top-up starts about where the full breath in ended.
    assert!(ramp(&g.steps[1]).0 >= ramp(&g.steps[0]).0);
}

#[test]
fn box_breathing_is_four_four_four_four() {
    let g = breathing(BreathingPattern::Box, secs(60), None).unwrap();
    let kinds: Vec<_> = g.steps[..4].iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [
            StepKind::Inhale,
            StepKind::Hold,
            StepKind::Exhale,
            StepKind::Hold
        ]
    );
    assert!(g.steps.iter().all(|s| timed(s) == secs(4)));
}

#[test]
fn a_breathing_session_lasts_one_to_five_minutes() {
    for bad in [Duration::ZERO, secs(59), secs(301), secs(3600)] {
        assert_eq!(
            breathing(BreathingPattern::Gentle, bad, None),
            Err(GuideError::SessionLength { requested: bad })
        );
    }
    for good in [MIN_BREATHING_LENGTH, secs(150), MAX_BREATHING_LENGTH] {
        assert!(breathing(BreathingPattern::Gentle, good, None).is_ok());
    }
}

#[test]
fn a_session_ends_on_the_whole_breath_nearest_the_length_asked() {
    for pattern in every_pattern() {
        let cycle = pattern.cycle();
        for asked in (60..=300).step_by(7).map(secs) {
            let g = breathing(pattern, asked, None).unwrap();
            let got = g.length();
            let off = got.abs_diff(asked);
            assert!(
                off <= cycle / 2,
                "{pattern:?}: asked {asked:?}, got {got:?}"
            );
            let breaths = got.as_millis() / cycle.as_millis();
            assert_eq!(got.as_millis() % cycle.as_millis(), 0, "{pattern:?}");
            assert!(breaths >= 1);
        }
    }
}

#[test]
fn paces_and_exhales_out_of_range_are_refused() {
    assert_eq!(BreathsPerMinute::new(1), Err(GuideError::Pace(1)));
    assert_eq!(BreathsPerMinute::new(61), Err(GuideError::Pace(61)));
    assert!(BreathsPerMinute::new(2).is_ok() && BreathsPerMinute::new(60).is_ok());
    assert_eq!(ExhaleLength::from_secs(5), Err(GuideError::ExhaleLength(5)));
    assert_eq!(ExhaleLength::from_secs(9), Err(GuideError::ExhaleLength(9)));
    let stored: Result<BreathingPattern, _> =
        serde_json::from_str(r#"{"pattern":"extended_exhale","exhale":12}"#);
    assert!(stored.is_err());
    let stored: BreathingPattern =
        serde_json::from_str(r#"{"pattern":"extended_exhale","exhale":8}"#).unwrap();
    assert_eq!(stored, extended(8));
}

/// How many steps make one breath of `pattern`.
fn phases_per_breath(plain: &Guide, pattern: BreathingPattern) -> usize {
    let mut total = Duration::ZERO;
    1 + plain
        .steps
        .iter()
        .position(|s| {
            total += timed(s);
            total == pattern.cycle()
        })
        .unwrap()
}

/// Breath lengths (one per breath) of a breathing guide.
fn breath_lengths(g: &Guide, phases: usize) -> Vec<Duration> {
    g.steps
        .chunks(phases)
        .map(|b| b.iter().map(timed).sum())
        .collect()
}

#[test]
fn from_a_fast_pace_each_breath_is_a_little_slower_until_the_pattern() {
    let fast = BreathsPerMinute::new(20).unwrap();
    let g = breathing(BreathingPattern::Gentle, secs(120), Some(fast)).unwrap();
    let breaths = breath_lengths(&g, 2);
    assert_eq!(breaths[0], secs(3), "starts at the person's own pace");
    let target = BreathingPattern::Gentle.cycle();
    let reached = breaths.iter().position(|&b| b == target).unwrap();
    assert!(reached > 3, "slows over several breaths");
    for pair in breaths[..=reached].windows(2) {
        assert!(pair[1] > pair[0]);
        // Each breath is at most 15% longer than the one before.
        assert!(pair[1].as_secs_f64() <= pair[0].as_secs_f64() * 1.15 + 0.002);
    }
    assert!(breaths[reached..].iter().all(|&b| b == target));
}

#[test]
fn a_start_pace_at_or_below_the_pattern_changes_nothing() {
    let slow = BreathsPerMinute::new(6).unwrap();
    assert_eq!(
        breathing(BreathingPattern::Resonance, secs(120), Some(slow)),
        breathing(BreathingPattern::Resonance, secs(120), None)
    );
}

proptest! {
    #[test]
    fn slowing_down_never_shortens_a_phase(
        pattern in proptest::sample::select(every_pattern()),
        pace in 2u8..=60,
        minutes in 1u64..=5,
    ) {
        let pace = BreathsPerMinute::new(pace).unwrap();
        let g = breathing(pattern, secs(minutes * 60), Some(pace)).unwrap();
        let plain = breathing(pattern, secs(60), None).unwrap();
        let phases = phases_per_breath(&plain, pattern);
        prop_assert_eq!(g.steps.len() % phases, 0);
        // Each phase is non-decreasing breath by breath, never past the
        // pattern's own length.
        for phase in 0..phases {
            let lengths: Vec<_> = g.steps.iter().skip(phase).step_by(phases).map(timed).collect();
            prop_assert!(lengths.windows(2).all(|w| w[0] <= w[1]));
            prop_assert!(*lengths.last().unwrap() <= timed(&plain.steps[phase]));
        }
        // Once a breath reaches the pattern's pace, every later one stays
        // there. Five minutes reach it from any pace; a short session of a
        // slow pattern may end on the way.
        let breaths = breath_lengths(&g, phases);
        let reached = breaths.iter().position(|&b| b == pattern.cycle());
        if let Some(first) = reached {
            prop_assert!(breaths[first..].iter().all(|&b| b == pattern.cycle()));
        }
        if minutes == 5 {
            prop_assert!(reached.is_some());
        }
    }
}

#[test]
fn ice_is_held_within_the_limit_and_the_guide_ends_with_warming_up() {
    let g = guide(GuideId::HoldIce);
    assert_eq!(g.cautions, [Caution::IceHeldTooLong]);
    assert_eq!(
        g.steps[0].length,
        StepLength::Open,
        "getting ice takes what it takes"
    );
    let k = keys(&g);
    let picked_up = k.iter().position(|&k| k == "guide.hold_ice.hold").unwrap();
    let put_down = k
        .iter()
        .position(|&k| k == "guide.hold_ice.put_down")
        .unwrap();
    assert_eq!(
        put_down,
        g.steps.len() - 1,
        "putting the ice down comes last"
    );
    let held: Duration = g.steps[picked_up..put_down].iter().map(timed).sum();
    assert!(held <= ICE_HOLD_LIMIT, "held for {held:?}");
    assert!(k.contains(&"guide.hold_ice.switch"));
    assert!(g.steps.iter().any(|s| s.kind == StepKind::CheckIn));
}

#[test]
fn cold_water_holds_the_breath_for_about_thirty_seconds_then_breathes_slowly() {
    let g = guide(GuideId::ColdWater);
    assert_eq!(g.cautions, [Caution::ColdWaterOnFace]);
    // The water's temperature floor (DBT: above 50 °F) is in the caution and
    // in the first step, where the bowl is filled.
    let floor = "10 \u{b0}C (50 \u{b0}F)";
    assert!(Caution::ColdWaterOnFace.text().text().contains(floor));
    assert!(g.steps[0].text.text().contains(floor));
    let hold = g
        .steps
        .iter()
        .position(|s| s.kind == StepKind::Hold)
        .unwrap();
    assert_eq!(timed(&g.steps[hold]), COLD_WATER_HOLD);
    assert_eq!(g.steps[hold - 1].kind, StepKind::Inhale);
    let after: Vec<_> = g.steps[hold + 1..].iter().map(|s| s.kind).collect();
    assert!(after.contains(&StepKind::Exhale));
    assert_eq!(after.last(), Some(&StepKind::CheckIn));
}

#[test]
fn grounding_walks_the_senses_five_to_one() {
    let k = keys(&guide(GuideId::Grounding54321));
    let senses = ["see", "touch", "hear", "smell", "taste"];
    let found: Vec<_> = senses
        .iter()
        .map(|s| {
            k.iter()
                .position(|&k| k == format!("guide.grounding_54321.{s}"))
                .unwrap()
        })
        .collect();
    assert!(found.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn movement_grounding_starts_from_the_feet() {
    let k = keys(&guide(GuideId::MovementGrounding));
    assert!(k.contains(&"guide.movement_grounding.feet"));
    assert!(k.len() >= 5);
}

#[test]
fn intense_movement_alternates_effort_and_rest_and_is_bounded() {
    let g = guide(GuideId::IntenseMovement);
    assert_eq!(g.cautions, [Caution::IntenseMovement]);
    let caution = Caution::IntenseMovement.text().text();
    for condition in [
        "heart",
        "breathing",
        "injury",
        "pregnant",
        "eating disorder",
    ] {
        assert!(caution.contains(condition), "{condition}: {caution}");
    }
    let efforts: Vec<_> = g
        .steps
        .iter()
        .filter(|s| s.kind == StepKind::Effort)
        .collect();
    assert!(efforts.len() >= 3);
    assert!(efforts.iter().all(|s| timed(s) == INTENSE_EFFORT));
    let total: Duration = efforts.iter().map(|s| timed(s)).sum();
    assert!(total <= INTENSE_EFFORT_LIMIT);
    for pair in g.steps.windows(2) {
        if pair[0].kind == StepKind::Effort {
            assert_ne!(
                pair[1].kind,
                StepKind::Effort,
                "a rest or a cool-down follows"
            );
        }
        if pair[0].kind == StepKind::Rest {
            assert_eq!(timed(&pair[0]), INTENSE_REST);
            assert_eq!(pair[1].kind, StepKind::Effort);
        }
    }
    assert!(g.length() <= secs(6 * 60));
    let k = keys(&g);
    for exercise in ["run", "wall_sit", "push_ups"] {
        assert!(k.contains(&format!("guide.intense_movement.{exercise}").as_str()));
    }
}

#[test]
fn sensory_input_waits_while_something_strong_is_found() {
    let g = guide(GuideId::SensoryInput);
    assert_eq!(g.steps[0].length, StepLength::Open);
    assert!(g.steps[1..].iter().all(|s| s.length != StepLength::Open));
}

#[test]
fn writing_is_open_and_can_be_finished_without_a_word() {
    let g = guide(GuideId::WriteItDown);
    let writing: Vec<_> = g
        .steps
        .iter()
        .filter(|s| s.kind == StepKind::Writing)
        .collect();
    assert!(!writing.is_empty());
    assert!(writing.iter().all(|s| s.length == StepLength::Open));
    // Finishing every step at once, having written nothing, completes it.
    let t = at_ms(0);
    let mut run = GuideRun::start(g.clone(), t);
    let mut cues = run.advance(t);
    for i in 0..g.steps.len() {
        cues.extend(run.finish_step(t, i));
    }
    assert_eq!(cues.last(), Some(&GuideCue::Finished));
    assert!(run.is_finished());
}

#[test]
fn kind_words_prompt_words_then_say_them() {
    let k = keys(&guide(GuideId::KindWords));
    let words = k
        .iter()
        .position(|&k| k == "guide.kind_words.words")
        .unwrap();
    let say = k.iter().position(|&k| k == "guide.kind_words.say").unwrap();
    assert!(words < say);
}

#[test]
fn reaching_a_safe_person_offers_a_message_and_sends_nothing() {
    let g = guide(GuideId::ReachSafePerson);
    let kinds: Vec<_> = g.steps.iter().map(|s| s.kind).collect();
    let choose = g
        .steps
        .iter()
        .position(|s| s.length == StepLength::Open)
        .unwrap();
    let message = kinds.iter().position(|&k| k == StepKind::Message).unwrap();
    assert!(choose < message, "choose who before what to say");
    assert_eq!(g.steps[message].length, StepLength::Open);
}

#[test]
fn guide_length_counts_timed_steps_and_open_ones_are_flagged() {
    let ice = guide(GuideId::HoldIce);
    assert!(ice.is_open_ended());
    let expected: Duration = ice.steps.iter().filter_map(|s| s.length.timed()).sum();
    assert_eq!(ice.length(), expected);
    assert!(!guide(GuideId::Breathing).is_open_ended());
}

// -------------------------------------------------------------- the runner

#[test]
fn a_run_cues_each_step_when_it_starts_and_finishes_once() {
    let g = breathing(BreathingPattern::Box, secs(60), None).unwrap();
    let start = at_ms(0);
    let mut run = GuideRun::start(g.clone(), start);
    assert_eq!(
        run.next_wake(),
        Some(start),
        "the first step is due at once"
    );
    let mut expected_at = start;
    for (i, step) in g.steps.iter().enumerate() {
        // Nothing is due a moment before the step starts.
        if i > 0 {
            let early = expected_at - chrono::Duration::milliseconds(1);
            assert!(run.advance(early).is_empty());
        }
        assert_eq!(run.next_wake(), Some(expected_at));
        let cues = run.advance(expected_at);
        assert_eq!(step_index(&cues), i);
        let GuideCue::StepStarted(s) = &cues[0] else {
            unreachable!()
        };
        assert_eq!(
            (s.kind, s.text, &s.haptic),
            (step.kind, step.text, &step.haptic)
        );
        expected_at = after(expected_at, timed(step));
        assert_eq!(s.ends_at, Some(expected_at));
        assert!(
            run.advance(expected_at - chrono::Duration::milliseconds(1))
                .is_empty()
        );
    }
    assert_eq!(run.advance(expected_at), [GuideCue::Finished]);
    assert!(run.is_finished());
    assert_eq!(run.next_wake(), None);
    assert!(run.advance(after(expected_at, secs(3600))).is_empty());
}

#[test]
fn a_clock_set_back_replays_nothing_and_the_step_resumes_from_there() {
    let g = breathing(BreathingPattern::Resonance, secs(60), None).unwrap();
    let start = at_ms(0);
    let mut run = GuideRun::start(g, start);
    run.advance(start);
    assert_eq!(step_index(&run.advance(at_ms(12_000))), 2); // 2 s into step 2 (10..15 s)
    // The clock jumps back an hour: no cue, same step.
    let back = at_ms(12_000 - 3_600_000);
    assert!(run.advance(back).is_empty());
    assert_eq!(run.current_step(back).unwrap().index, 2);
    // Step 2 had 3 s left; they count from the new reading.
    assert!(
        run.advance(after(back, Duration::from_millis(2_999)))
            .is_empty()
    );
    assert_eq!(step_index(&run.advance(after(back, secs(3)))), 3);
}

#[test]
fn after_a_long_gap_only_the_step_in_effect_is_cued() {
    let g = breathing(BreathingPattern::Resonance, secs(300), None).unwrap();
    let start = at_ms(0);
    let mut run = GuideRun::start(g, start);
    run.advance(start);
    // The app was killed for 2 min 32 s: 15 breaths and 2 s in.
    let now = at_ms(152_000);
    let cues = run.advance(now);
    assert_eq!(step_index(&cues), 30);
    let GuideCue::StepStarted(s) = &cues[0] else {
        unreachable!()
    };
    assert_eq!(
        s.ends_at,
        Some(at_ms(155_000)),
        "the step keeps its own end"
    );
}

#[test]
fn after_a_gap_past_the_end_only_finished_is_cued() {
    let g = guide(GuideId::Grounding54321);
    let start = at_ms(0);
    let mut run = GuideRun::start(g, start);
    run.advance(start);
    assert_eq!(run.advance(at_ms(6 * 3_600_000)), [GuideCue::Finished]);
    assert!(run.advance(at_ms(7 * 3_600_000)).is_empty());
}

#[test]
fn a_run_killed_before_its_first_step_was_cued_still_says_finished() {
    let g = guide(GuideId::Grounding54321);
    let mut run = GuideRun::start(g, at_ms(0));
    assert_eq!(run.advance(at_ms(3_600_000)), [GuideCue::Finished]);
}

#[test]
fn an_open_step_waits_until_it_is_finished() {
    let g = guide(GuideId::HoldIce);
    let start = at_ms(0);
    let mut run = GuideRun::start(g, start);
    assert_eq!(step_index(&run.advance(start)), 0);
    assert_eq!(run.next_wake(), None, "nothing happens by itself");
    assert!(run.schedule(start).is_empty());
    let later = at_ms(2 * 3_600_000);
    assert!(run.advance(later).is_empty());
    assert_eq!(run.current_step(later).unwrap().index, 0);
    let cues = run.finish_step(later, 0);
    assert_eq!(step_index(&cues), 1);
    let GuideCue::StepStarted(s) = &cues[0] else {
        unreachable!()
    };
    assert_eq!(
        s.ends_at,
        Some(after(later, secs(40))),
        "starts when finished"
    );
}

#[test]
fn finishing_a_step_twice_does_not_skip_the_next() {
    let g = guide(GuideId::HoldIce);
    let t = at_ms(0);
    let mut run = GuideRun::start(g, t);
    run.advance(t);
    assert_eq!(step_index(&run.finish_step(t, 0)), 1);
    assert!(run.finish_step(t, 0).is_empty());
    assert_eq!(run.current_step(t).unwrap().index, 1);
}

#[test]
fn finishing_a_timed_step_skips_the_rest_of_it() {
    let g = guide(GuideId::Grounding54321);
    let t = at_ms(0);
    let mut run = GuideRun::start(g.clone(), t);
    run.advance(t);
    let cues = run.finish_step(at_ms(2_000), 0);
    assert_eq!(step_index(&cues), 1);
    let next = after(at_ms(2_000), timed(&g.steps[1]));
    assert_eq!(run.next_wake(), Some(next));
}

#[test]
fn the_schedule_lists_every_future_cue_at_its_instant() {
    let g = breathing(BreathingPattern::Gentle, secs(60), None).unwrap();
    let start = at_ms(0);
    let mut run = GuideRun::start(g.clone(), start);
    run.advance(start);
    let schedule = run.schedule(start);
    assert_eq!(
        schedule.len(),
        g.steps.len(),
        "every later step, then Finished"
    );
    assert_eq!(schedule.last().unwrap().cue, GuideCue::Finished);
    assert_eq!(schedule.last().unwrap().at, after(start, g.length()));
    assert!(schedule.windows(2).all(|w| w[0].at < w[1].at));
    // Advancing at each scheduled instant yields exactly that cue.
    for entry in schedule {
        assert_eq!(run.advance(entry.at), [entry.cue]);
    }
}

#[test]
fn the_schedule_stops_at_an_open_step() {
    let g = guide(GuideId::WriteItDown);
    let start = at_ms(0);
    let mut run = GuideRun::start(g.clone(), start);
    run.advance(start);
    let schedule = run.schedule(start);
    assert_eq!(
        indices(&schedule.iter().map(|s| s.cue.clone()).collect::<Vec<_>>()),
        [Some(1)]
    );
    assert_eq!(schedule[0].at, after(start, timed(&g.steps[0])));
}

#[test]
fn a_due_cue_not_yet_given_is_scheduled_now() {
    let g = guide(GuideId::KindWords);
    let run = GuideRun::start(g, at_ms(0));
    let now = at_ms(25_000);
    let schedule = run.schedule(now);
    assert_eq!(schedule[0].at, now);
    assert_eq!(indices(&[schedule[0].cue.clone()]), [Some(1)]);
}

#[test]
fn a_stored_run_picks_up_where_it_left_off() {
    let g = guide(GuideId::ColdWater);
    let start = at_ms(0);
    let mut run = GuideRun::start(g, start);
    run.advance(start);
    run.finish_step(at_ms(60_000), 0);
    let stored = serde_json::to_string(&run).unwrap();
    let mut loaded: GuideRun = serde_json::from_str(&stored).unwrap();
    assert_eq!(loaded, run);
    let later = at_ms(70_000);
    assert_eq!(loaded.advance(later), run.advance(later));
}

#[test]
fn a_stored_run_naming_an_unknown_text_does_not_load() {
    let run = GuideRun::start(guide(GuideId::KindWords), at_ms(0));
    let stored = serde_json::to_string(&run)
        .unwrap()
        .replace("guide.kind_words.say", "guide.kind_words.gone");
    assert!(serde_json::from_str::<GuideRun>(&stored).is_err());
}

#[test]
fn a_guide_without_steps_finishes_at_once() {
    let g = Guide {
        steps: Vec::new(),
        ..guide(GuideId::KindWords)
    };
    let mut run = GuideRun::start(g, at_ms(0));
    assert!(run.is_finished());
    assert_eq!(run.advance(at_ms(0)), [GuideCue::Finished]);
    assert_eq!(run.next_wake(), None);
}

// ----------------------------------------------------- the runner, in bulk

#[derive(Clone, Debug)]
enum Op {
    /// Move the clock by this many milliseconds (maybe backwards) and advance.
    Advance(i64),
    /// Move the clock and finish the step currently in effect.
    FinishCurrent(i64),
    /// Move the clock and finish some step by index, maybe a stale one.
    Finish(i64, usize),
}

fn clock_move() -> impl Strategy<Value = i64> {
    prop_oneof![
        4 => 0i64..5_000,
        2 => 0i64..120_000,
        1 => 0i64..(48 * 3_600_000),
        1 => -(48 * 3_600_000i64)..0,
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => clock_move().prop_map(Op::Advance),
        2 => clock_move().prop_map(Op::FinishCurrent),
        1 => (clock_move(), 0usize..80).prop_map(|(d, i)| Op::Finish(d, i)),
    ]
}

fn any_guide() -> impl Strategy<Value = Guide> {
    proptest::sample::select(every_guide())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn runs_cue_in_order_schedule_no_past_and_finish_exactly_once(
        g in any_guide(),
        ops in proptest::collection::vec(op(), 0..60),
    ) {
        let mut now = at_ms(0);
        let mut run = GuideRun::start(g.clone(), now);
        let mut cues = Vec::new();
        let mut last_index = None;
        for op in ops {
            let (delta, finish) = match op {
                Op::Advance(d) => (d, None),
                Op::FinishCurrent(d) => (d, Some(None)),
                Op::Finish(d, i) => (d, Some(Some(i))),
            };
            now += chrono::Duration::milliseconds(delta);
            let got = match finish {
                None => run.advance(now),
                Some(index) => {
                    let index = index
                        .or_else(|| run.current_step(now).map(|s| s.index))
                        .unwrap_or(0);
                    run.finish_step(now, index)
                }
            };
            prop_assert!(got.len() <= 1, "coalesced to one cue: {got:?}");
            cues.extend(got);

            // Time never runs backwards through the steps.
            let index = run.current_step(now).map(|s| s.index);
            if let (Some(prev), Some(cur)) = (last_index, index) {
                prop_assert!(cur >= prev);
            }
            if index.is_some() { last_index = index; }

            let schedule = run.schedule(now);
            prop_assert!(schedule.iter().all(|s| s.at >= now), "a cue in the past");
            prop_assert!(schedule.windows(2).all(|w| w[0].at <= w[1].at));
            prop_assert_eq!(run.next_wake(), schedule.first().map(|s| s.at));
            if let Some(GuideCue::StepStarted(s)) = schedule.first().map(|s| &s.cue)
                && let Some(end) = s.ends_at
            {
                prop_assert!(end >= now);
            }
        }

        // Play it out: finish any open step and let time pass.
        for _ in 0..=g.steps.len() {
            now += chrono::Duration::hours(1);
            cues.extend(run.advance(now));
            if let Some(s) = run.current_step(now) {
                cues.extend(run.finish_step(now, s.index));
            }
        }
        cues.extend(run.advance(now + chrono::Duration::hours(1)));

        let seen = indices(&cues);
        prop_assert_eq!(seen.iter().filter(|c| c.is_none()).count(), 1, "Finished once");
        prop_assert_eq!(seen.last(), Some(&None), "Finished last");
        let steps: Vec<usize> = seen.iter().flatten().copied().collect();
        prop_assert!(steps.windows(2).all(|w| w[0] < w[1]), "steps in order: {steps:?}");
        prop_assert!(steps.iter().all(|&i| i < g.steps.len()));
        prop_assert!(run.is_finished());
        prop_assert_eq!(run.next_wake(), None);
    }
}
