//! `ebb urge`: the timer, live or one step at a time from a script.
//!
//! The session lives in the store from the moment it starts, so Ctrl-C, a
//! closed terminal or another process never loses it: `ebb urge` picks a
//! running session up again, and `ebb urge end` in another terminal ends it.

use chrono::{DateTime, Utc};
use clap::{Args, Subcommand, ValueEnum};
use ebb_core::content::Locale;
use ebb_core::guides::GuideId;
use ebb_core::safety::{
    Answer, AskedAt, Escalation, after_answer, after_cue, after_outcome, ending_life_choice,
};
use ebb_core::skills::{
    Context, Evidence, Moment, ReachOut, Requirement, SkillId, Suggestion, recommend,
};
use ebb_core::store::{ActiveUrge, SkillUseRecord, Store};
use ebb_core::urge::{
    CheckIn, CheckInCadence, Cue, CueKind, DelayGoal, Ended, Intensity, Need, Outcome, SkillTry,
    Source, StartOptions, UrgeSession, suggested_goal,
};
use serde::Serialize;

use crate::data::now;
use crate::safety::print_escalation;
use crate::text::{Failure, Outcome as CmdOutcome, duration, print_json, r, t};

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub(crate) struct UrgeArgs {
    #[command(subcommand)]
    action: Option<UrgeAction>,
    #[command(flatten)]
    start: StartFlags,
    #[arg(long, help = t("cli.help.bell"))]
    bell: bool,
}

/// How a session starts.
#[derive(Debug, Clone, Args)]
pub(crate) struct StartFlags {
    #[arg(long, short, value_name = "MINUTES", value_parser = parse_goal, help = t("cli.help.urge.goal"))]
    goal: Option<DelayGoal>,
    #[arg(long = "check-in", value_enum, help = t("cli.help.urge.check_in"))]
    check_in: Option<CadenceArg>,
    #[arg(long, short, value_parser = parse_intensity, help = t("cli.help.urge.intensity"))]
    intensity: Option<Intensity>,
    #[arg(long, short, value_enum, help = t("cli.help.urge.need"))]
    need: Option<NeedArg>,
    #[arg(long, value_enum, default_value_t = SourceArg::Terminal, help = t("cli.help.urge.source"))]
    source: SourceArg,
}

#[derive(Debug, Subcommand)]
enum UrgeAction {
    #[command(about = t("cli.help.urge.start"))]
    Start(StartFlags),
    #[command(about = t("cli.help.urge.status"))]
    Status,
    #[command(about = t("cli.help.urge.check_in_cmd"))]
    CheckIn {
        #[arg(value_parser = parse_intensity, required_unless_present = "ending_life", help = t("cli.help.urge.intensity"))]
        intensity: Option<Intensity>,
        #[arg(long, help = ending_life_choice().text())]
        ending_life: bool,
    },
    #[command(about = t("cli.help.urge.skill"))]
    Skill {
        #[arg(help = t("cli.help.skill_id"))]
        skill: String,
        #[arg(long, value_enum, help = t("cli.help.urge.helped"))]
        helped: Option<YesNo>,
        #[arg(long, value_parser = parse_intensity, help = t("cli.help.urge.before"))]
        before: Option<Intensity>,
        #[arg(long, value_parser = parse_intensity, help = t("cli.help.urge.after"))]
        after: Option<Intensity>,
    },
    #[command(about = t("cli.help.urge.suggest"))]
    Suggest {
        #[arg(long, default_value_t = 5, help = t("cli.help.urge.count"))]
        count: usize,
    },
    #[command(about = t("cli.help.urge.extend"))]
    Extend {
        #[arg(value_parser = parse_goal, help = t("cli.help.urge.goal"))]
        minutes: DelayGoal,
    },
    #[command(about = t("cli.help.urge.end"))]
    End {
        #[arg(long, value_enum, help = t("cli.help.urge.outcome"))]
        outcome: OutcomeArg,
        #[arg(long, help = t("cli.help.urge.needs_care"))]
        needs_care: bool,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum CadenceArg {
    Never,
    #[value(name = "1")]
    One,
    #[value(name = "2")]
    Two,
    #[value(name = "5")]
    Five,
}

impl From<CadenceArg> for CheckInCadence {
    fn from(c: CadenceArg) -> Self {
        match c {
            CadenceArg::Never => CheckInCadence::Never,
            CadenceArg::One => CheckInCadence::EveryMinute,
            CadenceArg::Two => CheckInCadence::EveryTwoMinutes,
            CadenceArg::Five => CheckInCadence::EveryFiveMinutes,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum NeedArg {
    TooMuch,
    Numb,
    Visible,
    Control,
    Punishment,
    NotSure,
}

impl From<NeedArg> for Need {
    fn from(n: NeedArg) -> Self {
        match n {
            NeedArg::TooMuch => Need::TooMuch,
            NeedArg::Numb => Need::Numb,
            NeedArg::Visible => Need::MakePainVisible,
            NeedArg::Control => Need::Control,
            NeedArg::Punishment => Need::SelfPunishment,
            NeedArg::NotSure => Need::NotSure,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum SourceArg {
    Terminal,
    Widget,
    Watch,
    PhoneApp,
    Notification,
}

impl From<SourceArg> for Source {
    fn from(s: SourceArg) -> Self {
        match s {
            SourceArg::Terminal => Source::Terminal,
            SourceArg::Widget => Source::Widget,
            SourceArg::Watch => Source::Watch,
            SourceArg::PhoneApp => Source::PhoneApp,
            SourceArg::Notification => Source::Notification,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum YesNo {
    Yes,
    No,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum OutcomeArg {
    Passed,
    UsedSkill,
    ReachedOut,
    SelfHarmed,
    NotSaying,
}

fn parse_goal(s: &str) -> Result<DelayGoal, String> {
    s.trim()
        .parse::<u64>()
        .ok()
        .and_then(|m| DelayGoal::from_minutes(m).ok())
        .ok_or_else(|| r("cli.error.goal", &[("got", s)]))
}

pub(crate) fn parse_intensity(s: &str) -> Result<Intensity, String> {
    s.trim()
        .parse::<u8>()
        .ok()
        .and_then(|v| Intensity::new(v).ok())
        .ok_or_else(|| r("cli.error.intensity", &[("got", s)]))
}

/// `ebb urge ...`.
pub(crate) fn run(store: &mut Store, args: &UrgeArgs, json: bool) -> CmdOutcome {
    match &args.action {
        None if json => start(store, &args.start, true),
        None => interactive(store, &args.start, args.bell),
        Some(UrgeAction::Start(flags)) => start(store, flags, json),
        Some(UrgeAction::Status) => status(store, json),
        Some(UrgeAction::CheckIn {
            intensity,
            ending_life,
        }) => check_in(store, *intensity, *ending_life, json),
        Some(UrgeAction::Skill {
            skill,
            helped,
            before,
            after,
        }) => note_skill(store, skill, *helped, *before, *after, json),
        Some(UrgeAction::Suggest { count }) => suggest(store, *count, json),
        Some(UrgeAction::Extend { minutes }) => extend(store, *minutes, json),
        Some(UrgeAction::End {
            outcome,
            needs_care,
        }) => end(store, *outcome, *needs_care, json),
    }
}

/// A session as scripts see it.
#[derive(Serialize)]
struct SessionView<'a> {
    id: String,
    resumed: bool,
    running: bool,
    source: Source,
    need: Option<Need>,
    start_intensity: Option<Intensity>,
    latest_intensity: Option<Intensity>,
    goal_minutes: u64,
    cadence: CheckInCadence,
    started_at: DateTime<Utc>,
    elapsed_secs: u64,
    remaining_secs: u64,
    next_cue_at: Option<DateTime<Utc>>,
    check_ins: &'a [CheckIn],
    skills_tried: &'a [SkillTry],
    ended: Option<&'a Ended>,
}

fn view(active: &ActiveUrge, now: DateTime<Utc>) -> SessionView<'_> {
    let s = &active.session;
    SessionView {
        id: active.id.to_string(),
        resumed: active.resumed,
        running: s.is_running(),
        source: s.source(),
        need: s.need(),
        start_intensity: s.start_intensity(),
        latest_intensity: s.latest_intensity(),
        goal_minutes: s.goal().minutes(),
        cadence: s.cadence(),
        started_at: s.started_at(),
        elapsed_secs: s.elapsed(now).as_secs(),
        remaining_secs: s.remaining(now).as_secs(),
        next_cue_at: s.schedule(now).first().map(|c| c.due),
        check_ins: s.check_ins(),
        skills_tried: s.skills_tried(),
        ended: s.ended(),
    }
}

#[derive(Serialize)]
struct CueView {
    kind: CueKind,
    text: &'static str,
}

fn cue_views(cues: &[Cue]) -> Vec<CueView> {
    cues.iter()
        .map(|c| CueView {
            kind: c.kind,
            text: c.text().text(),
        })
        .collect()
}

fn start_options(store: &Store, flags: &StartFlags) -> CmdOutcome<StartOptions> {
    let settings = store.settings()?;
    let goal = match flags.goal {
        Some(goal) => goal,
        None => suggested_goal(&store.recent_pauses(20)?),
    };
    Ok(StartOptions {
        source: flags.source.into(),
        intensity: flags.intensity,
        need: flags.need.map(Into::into),
        goal,
        cadence: flags.check_in.map(Into::into).unwrap_or(settings.cadence),
        utc_offset_secs: now().offset().local_minus_utc(),
    })
}

fn start(store: &mut Store, flags: &StartFlags, json: bool) -> CmdOutcome {
    let options = start_options(store, flags)?;
    let active = store.start_urge(now(), options)?;
    if json {
        return print_json(&view(&active, Utc::now()));
    }
    print_started(&active);
    println!("{}", t("cli.urge.script_hint"));
    Ok(())
}

fn print_started(active: &ActiveUrge) {
    let s = &active.session;
    if active.resumed {
        println!(
            "{}",
            r(
                "cli.urge.resumed",
                &[("elapsed", &duration(s.elapsed(Utc::now())))]
            )
        );
    } else {
        println!("{}", t("urge.start.title"));
        println!("{}", t("urge.start.body"));
    }
    println!(
        "{}",
        r(
            "cli.urge.goal",
            &[("minutes", &s.goal().minutes().to_string())]
        )
    );
}

fn status(store: &mut Store, json: bool) -> CmdOutcome {
    let cues = store.advance_urge(Utc::now())?;
    let Some(active) = store.active_urge()? else {
        if json {
            return print_json(&serde_json::json!({ "running": false }));
        }
        println!("{}", t("cli.urge.none_running"));
        return Ok(());
    };
    let now = Utc::now();
    if json {
        return print_json(&serde_json::json!({
            "session": view(&active, now),
            "due_cues": cue_views(&cues),
        }));
    }
    for cue in &cues {
        println!("{}", cue.text().text());
    }
    println!("{}", status_line(&active.session, now));
    Ok(())
}

fn check_in(
    store: &mut Store,
    intensity: Option<Intensity>,
    ending_life: bool,
    json: bool,
) -> CmdOutcome {
    let active = store.active_urge()?.ok_or_else(no_session)?;
    let cues = match intensity {
        Some(i) => store.check_in(now(), i)?,
        None => Vec::new(),
    };
    let plan = store.safety_plan()?;
    let next = if ending_life {
        after_answer(
            AskedAt::CheckIn {
                skills_tried: active.session.skills_tried().len(),
                goal_reached: active.session.remaining(Utc::now()).is_zero(),
                already_offered: true,
            },
            Answer {
                intensity,
                thinking_of_ending_life: true,
            },
            &plan,
            Locale::En,
        )
    } else {
        cues.iter()
            .map(|c| after_cue(c, &plan, Locale::En))
            .find(|e| *e != Escalation::Continue)
            .unwrap_or(Escalation::Continue)
    };
    let active = store.active_urge()?.ok_or_else(no_session)?;
    if json {
        return print_json(&serde_json::json!({
            "session": view(&active, Utc::now()),
            "cues": cue_views(&cues),
            "next": next,
        }));
    }
    print_escalation(&next);
    for cue in &cues {
        if cue.kind != CueKind::StillStrong {
            println!("{}", cue.text().text());
        }
    }
    println!("{}", t("cli.urge.noted"));
    Ok(())
}

fn note_skill(
    store: &mut Store,
    skill: &str,
    helped: Option<YesNo>,
    before: Option<Intensity>,
    after: Option<Intensity>,
    json: bool,
) -> CmdOutcome {
    let id = known_skill(store, skill)?;
    let active = store.active_urge()?;
    let need = active.as_ref().and_then(|a| a.session.need());
    let before = before.or_else(|| active.as_ref().and_then(|a| a.session.latest_intensity()));
    let event = store.record_skill(
        now(),
        SkillUseRecord {
            skill: id.as_str().to_owned(),
            need,
            intensity_before: before,
            intensity_after: after,
            helped: helped.map(|h| matches!(h, YesNo::Yes)),
        },
    )?;
    if json {
        return print_json(&serde_json::json!({
            "id": event.to_string(),
            "skill": id.as_str(),
            "in_session": active.map(|a| a.id.to_string()),
        }));
    }
    println!("{}", t("cli.urge.noted"));
    Ok(())
}

/// A skill id that names one of the person's skills.
fn known_skill(store: &Store, raw: &str) -> CmdOutcome<SkillId> {
    let unknown = || Failure::usage("cli.error.unknown_skill", &[("got", raw)]);
    let id = SkillId::new(raw.trim()).map_err(|_| unknown())?;
    let book = store.skill_book()?;
    book.get(&id).ok_or_else(unknown)?;
    Ok(id)
}

/// Recommendations for this moment, learned from the person's own history.
fn recommendations(
    store: &Store,
    need: Option<Need>,
    session: Option<&UrgeSession>,
) -> CmdOutcome<Vec<Suggestion>> {
    let book = store.skill_book()?;
    let now = Utc::now();
    let evidence = Evidence::learn(&store.past_skill_uses()?, now);
    let intensity = session.and_then(UrgeSession::latest_intensity);
    // A terminal knows nothing of where the person is: everything at hand.
    let context = Context::for_plan(false, false, Requirement::ALL, &store.safety_plan()?);
    let moment = Moment {
        need,
        intensity,
        context,
        still_strong_after_two_skills: session.is_some_and(|s| {
            intensity.is_some_and(Intensity::is_strong) && s.skills_tried().len() >= 2
        }),
        cautions_seen: store.settings()?.cautions_seen,
    };
    let seed =
        now.timestamp_nanos_opt().map_or(0, |n| n.unsigned_abs()) ^ u64::from(std::process::id());
    Ok(recommend(&book, &evidence, &moment, seed))
}

#[derive(Serialize)]
struct SuggestionView {
    id: String,
    title: String,
    summary: String,
    reason: &'static str,
    guide: Option<GuideId>,
    cautions: Vec<&'static str>,
    reach_out: Option<ReachOut>,
}

fn suggestion_views(list: &[Suggestion]) -> Vec<SuggestionView> {
    list.iter()
        .map(|s| SuggestionView {
            id: s.skill.id.as_str().to_owned(),
            title: s.skill.title.in_locale(Locale::En).to_owned(),
            summary: s.skill.summary.in_locale(Locale::En).to_owned(),
            reason: s.reason.text(),
            guide: s.skill.guide,
            cautions: s.cautions.iter().map(|c| c.text().text()).collect(),
            reach_out: s.reach_out,
        })
        .collect()
}

fn suggest(store: &mut Store, count: usize, json: bool) -> CmdOutcome {
    let active = store.active_urge()?;
    let session = active.as_ref().map(|a| &a.session);
    let mut list = recommendations(store, session.and_then(UrgeSession::need), session)?;
    list.truncate(count);
    if json {
        return print_json(&suggestion_views(&list));
    }
    print_suggestions(&list);
    // The cautions were printed with their skills: they count as seen.
    store.saw_cautions(now(), list.iter().flat_map(|s| s.cautions.iter().copied()))?;
    Ok(())
}

fn print_suggestions(list: &[Suggestion]) {
    if list.is_empty() {
        println!("{}", t("cli.urge.no_suggestions"));
        return;
    }
    println!("{}", t("cli.urge.suggestions"));
    for (i, s) in list.iter().enumerate() {
        let number = (i + 1).to_string();
        let key = if s.skill.guide.is_some() {
            "cli.urge.suggestion_guided"
        } else {
            "cli.urge.suggestion"
        };
        println!(
            "  {}",
            r(
                key,
                &[
                    ("number", &number),
                    ("title", s.skill.title.in_locale(Locale::En)),
                    ("reason", s.reason.text()),
                ]
            )
        );
        for caution in &s.cautions {
            println!("     {}", caution.text().text());
        }
    }
}

fn extend(store: &mut Store, goal: DelayGoal, json: bool) -> CmdOutcome {
    store.extend_urge(now(), goal)?;
    let active = store.active_urge()?.ok_or_else(no_session)?;
    if json {
        return print_json(&view(&active, Utc::now()));
    }
    println!(
        "{}",
        r(
            "cli.urge.extended",
            &[("minutes", &goal.minutes().to_string())]
        )
    );
    Ok(())
}

fn outcome_of(arg: OutcomeArg, needs_care: bool) -> Outcome {
    match arg {
        OutcomeArg::Passed => Outcome::Passed,
        OutcomeArg::UsedSkill => Outcome::UsedSkill,
        OutcomeArg::ReachedOut => Outcome::ReachedOut,
        OutcomeArg::SelfHarmed => Outcome::SelfHarmed {
            needs_medical_care: needs_care,
        },
        OutcomeArg::NotSaying => Outcome::EndedWithoutSaying,
    }
}

fn end(store: &mut Store, arg: OutcomeArg, needs_care: bool, json: bool) -> CmdOutcome {
    if needs_care && !matches!(arg, OutcomeArg::SelfHarmed) {
        return Err(Failure::usage("cli.error.needs_care_alone", &[]));
    }
    let active = store.active_urge()?.ok_or_else(no_session)?;
    let outcome = outcome_of(arg, needs_care);
    let ended = store.end_urge(now(), outcome)?;
    let next = after_outcome(outcome, &store.safety_plan()?);
    if json {
        return print_json(&serde_json::json!({
            "id": active.id.to_string(),
            "ended": ended,
            "pause_secs": ended.pause.duration().as_secs(),
            "next": next,
        }));
    }
    print_end(&ended, &next);
    Ok(())
}

fn print_end(ended: &Ended, next: &Escalation) {
    print_escalation(next);
    let pause = ended.pause.duration();
    let line = if pause.as_secs() < 60 {
        r(
            "urge.outcome.paused_for_seconds",
            &[("seconds", &pause.as_secs().to_string())],
        )
    } else {
        r(
            "urge.outcome.paused_for",
            &[("minutes", &ended.pause.whole_minutes().to_string())],
        )
    };
    println!("{line}");
}

fn no_session() -> Failure {
    Failure::usage("cli.error.no_session", &[])
}

fn status_line(s: &UrgeSession, now: DateTime<Utc>) -> String {
    let remaining = s.remaining(now);
    let (key, d) = if remaining.is_zero() {
        ("urge.timer.elapsed", s.elapsed(now))
    } else {
        ("urge.timer.remaining", remaining)
    };
    r(
        key,
        &[
            ("minutes", &(d.as_secs() / 60).to_string()),
            ("seconds", &format!("{:02}", d.as_secs() % 60)),
        ],
    )
}

/// The live timer: the full-screen companion, started here.
fn interactive(store: &mut Store, flags: &StartFlags, bell: bool) -> CmdOutcome {
    // Flags choose the start; the flow picks the running timer up.
    let given = flags.goal.is_some()
        || flags.intensity.is_some()
        || flags.need.is_some()
        || flags.check_in.is_some();
    let first = if given {
        let options = start_options(store, flags)?;
        store.start_urge(now(), options)?;
        Vec::new()
    } else {
        vec![ebb_core::flow::Event::StartUrge {
            source: flags.source.into(),
        }]
    };
    crate::app::run(store, first, bell, false)
}
