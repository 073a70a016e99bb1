//! The flow that joins Ebb's decisions: which screen comes next, what it
//! says and what it offers.
//!
//! This is the Elm shape (as in the Crux framework): an [`Event`] goes in
//! with a [`Context`] (the instant, the device, the locale), and an
//! [`Update`] comes out: the [`Model`] of the screen to show, [`Effect`]s
//! for the shell to carry out, and when to wake the flow next. Every rule
//! the flow follows lives in the modules it calls (`urge`, `skills`,
//! `safety`, `progress`); the flow only decides order and words. Shells
//! render models and perform effects, so the phone, the watch, the widget
//! and the terminal show one flow.
//!
//! The flow keeps only what a screen needs between events (where the
//! person is, where "back" goes, a guide being played); everything else is
//! read from the [`Store`] on each event. A flow opened afresh on a store
//! mid-way picks up where the store is: a running timer is shown again.
//!
//! Promises, checked by property tests over random event sequences
//! (`core/tests/flow.rs`): every model offers crisis help in one action;
//! every model that asks a question offers "I am thinking about ending my
//! life"; every outcome can be chosen from the timer; after "I hurt myself"
//! with possible care, the next model is the care card with an emergency
//! number; no model is a dead end; the same events give equal models.

use std::collections::BTreeSet;
use std::time::SystemTime;

use chrono::{DateTime, FixedOffset, Utc};
use serde::Serialize;

use crate::content::{self, ContentKey, Locale};
use crate::guides::{GuideId, GuideRun};
use crate::haptics::Platform;
use crate::safety::SafetyPlan;
use crate::safety::directory::CountryCode;
use crate::skills::SkillId;
use crate::store::{Store, StoreError};

mod crisis;
mod effect;
mod event;
mod guide;
mod home;
mod log;
mod model;
mod outcome;
mod plan;
mod progress;
mod timer;

pub use crisis::crisis_without_store;
pub use effect::{Effect, Reminder};
pub use event::{Event, Form, OutcomeChoice};
pub use log::{ExportFormat, LOG_SHOWN, summary as entry_summary};
pub use model::{
    Choice, Detail, Field, Item, Model, Point, ProgressDetail, Question, Role, Screen, Section,
    StepDetail, TimerDetail,
};

/// Which kind of device the flow runs on: it shapes the words (no "tap" on
/// a terminal, short lines on a watch) and what is offered (only
/// watch-guided skills on a watch).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum DeviceKind {
    /// A phone.
    Phone,
    /// A watch.
    Watch,
    /// A desktop or laptop (the terminal).
    Desktop,
}

impl DeviceKind {
    /// The name the words use for this device (`$device` in the `.ftl`
    /// files).
    fn suffix(self) -> &'static str {
        match self {
            DeviceKind::Phone => "phone",
            DeviceKind::Watch => "watch",
            DeviceKind::Desktop => "desktop",
        }
    }
}

/// What comes with every event: when, where and for whom.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Context {
    /// The wall-clock instant of the event.
    pub now: SystemTime,
    /// The local UTC offset, seconds east (for the log's local times).
    pub utc_offset_secs: i32,
    /// The device.
    pub device: DeviceKind,
    /// How this device plays haptics; `None` where it has none.
    pub haptics: Option<Platform>,
    /// The person's language (BCP 47, such as "en-GB"); Ebb falls back to
    /// English.
    pub locale: String,
}

/// What an event leads to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Update {
    /// The screen to show.
    pub model: Model,
    /// What the shell carries out, in order.
    pub effects: Vec<Effect>,
    /// When to send [`Event::Tick`] next, if anything is timed.
    pub wake_at: Option<SystemTime>,
}

/// Why an event could not be handled. Nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum FlowError {
    /// The context is not a real moment (an offset beyond a day).
    #[error("the UTC offset must be within a day, got {0} seconds")]
    BadUtcOffset(i32),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// How many places "back" remembers; going round in circles between
/// screens forgets the oldest.
const MAX_BACK: usize = 16;

/// Where the person is.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Place {
    FirstRun,
    Countries,
    Home,
    Timer,
    Need,
    Feeling,
    /// How it went; `forgotten` when the timer was left open.
    Outcome {
        forgotten: bool,
    },
    Injury {
        forgotten: bool,
    },
    Care,
    Ended {
        outcome: crate::urge::Outcome,
        pause: std::time::Duration,
        forgotten: bool,
        card_open: bool,
    },
    Offer,
    Guides,
    Cautions {
        guide: GuideId,
        skill: Option<String>,
    },
    Guide,
    GuideDone {
        guide: GuideId,
    },
    Crisis {
        ending_life: bool,
    },
    Progress {
        window: crate::progress::Window,
    },
    Plan,
    Skills,
    Settings,
    Privacy,
    Log,
    Entry {
        id: crate::store::EventId,
        confirm: bool,
    },
    Export,
}

/// A guide being played.
#[derive(Clone, Debug)]
struct Playing {
    run: GuideRun,
    skill: Option<String>,
    paused: bool,
}

/// One person's flow through Ebb's screens.
#[derive(Clone, Debug)]
pub struct Flow {
    place: Place,
    back: Vec<Place>,
    region: Option<CountryCode>,
    playing: Option<Playing>,
    /// The last cue's words, shown on the timer until the next event.
    notice: Option<String>,
    /// A line about the last input that could not be used (nothing was
    /// changed), shown once.
    problem: Option<String>,
    /// The skill "surprise me" picked, offered first on the timer until it
    /// is used or the timer ends.
    surprise: Option<String>,
}

impl Default for Flow {
    fn default() -> Self {
        Self::new()
    }
}

/// The event's moment and the words for its locale and device.
pub(crate) struct Ctx {
    now: DateTime<Utc>,
    local: DateTime<FixedOffset>,
    device: DeviceKind,
    haptics: Option<Platform>,
    locale: Locale,
}

impl Ctx {
    fn new(c: &Context) -> Result<Self, FlowError> {
        let offset = FixedOffset::east_opt(c.utc_offset_secs)
            .ok_or(FlowError::BadUtcOffset(c.utc_offset_secs))?;
        let now = DateTime::<Utc>::from(c.now);
        Ok(Self {
            now,
            local: now.with_timezone(&offset),
            device: c.device,
            haptics: c.haptics,
            locale: Locale::from_tag(&c.locale),
        })
    }

    /// The words for `key` on this device (a message whose words differ by
    /// device chooses on `$device`).
    pub(crate) fn w(&self, key: &'static str) -> String {
        self.wr(key, &[])
    }

    /// [`Ctx::w`] with its variables filled; a count chooses its plural
    /// form.
    pub(crate) fn wr(&self, key: &'static str, args: &[(&str, &str)]) -> String {
        content::render_on(
            self.locale,
            self.device.suffix(),
            ContentKey::new(key),
            args,
        )
    }

    /// The words of a content key on this device.
    pub(crate) fn k(&self, key: ContentKey) -> String {
        content::render_on(self.locale, self.device.suffix(), key, &[])
    }

    /// A few words to read aloud for a guide step.
    pub(crate) fn spoken(&self, key: ContentKey) -> String {
        content::spoken(self.locale, key)
    }

    pub(crate) fn choice(&self, key: &'static str, role: Role, event: Event) -> Choice {
        Choice {
            label: self.w(key),
            role,
            event,
            fields: Vec::new(),
            key: None,
        }
    }

    pub(crate) fn crisis(&self) -> Choice {
        keyed(
            self.choice("flow.crisis", Role::Crisis, Event::OpenCrisis),
            "h",
        )
    }

    pub(crate) fn ending_life(&self) -> Choice {
        keyed(
            Choice {
                label: self.k(crate::safety::ending_life_choice()),
                role: Role::EndingLife,
                event: Event::EndingLife,
                fields: Vec::new(),
                key: None,
            },
            "c",
        )
    }

    /// A question whose answers are keyed 1, 2, 3 ..., with "I am thinking
    /// about ending my life" always among them, last.
    pub(crate) fn question(
        &self,
        text: String,
        answers: impl IntoIterator<Item = (String, Event)>,
    ) -> Question {
        let mut answers: Vec<Choice> = answers
            .into_iter()
            .enumerate()
            .map(|(i, (label, event))| Choice {
                label,
                role: Role::Answer,
                event,
                fields: Vec::new(),
                key: Some((i + 1).to_string()),
            })
            .collect();
        answers.push(self.ending_life());
        Question { text, answers }
    }

    pub(crate) fn back(&self) -> Choice {
        keyed(self.choice("flow.back", Role::Back, Event::Back), "q")
    }
}

/// Gives a choice its keyboard key.
pub(crate) fn keyed(mut c: Choice, key: &str) -> Choice {
    c.key = Some(key.to_owned());
    c
}

/// A model with nothing but a heading, filled in by the screen modules.
pub(crate) fn blank(screen: Screen, heading: String) -> Model {
    Model {
        screen,
        heading,
        lines: Vec::new(),
        question: None,
        sections: Vec::new(),
        choices: Vec::new(),
        detail: Detail::None,
    }
}

impl Flow {
    /// A flow that has not seen the store yet; the first [`Flow::update`]
    /// (usually [`Event::Opened`]) places it.
    pub fn new() -> Self {
        Self {
            place: Place::Home,
            back: Vec::new(),
            region: None,
            playing: None,
            notice: None,
            problem: None,
            surprise: None,
        }
    }

    /// Handles `event` and returns the screen that follows. Everything the
    /// person did is durably in the store when this returns.
    pub fn update(
        &mut self,
        store: &mut Store,
        context: &Context,
        event: Event,
    ) -> Result<Update, FlowError> {
        let ctx = Ctx::new(context)?;
        let mut effects = Vec::new();
        self.problem = None;
        if event != Event::Tick {
            self.notice = None;
        }
        self.deliver_cues(store, &ctx, &mut effects)?;
        self.handle(store, &ctx, event, &mut effects)?;
        self.play(store, &ctx, &mut effects)?;
        self.settle(store, &ctx)?;
        let model = self.view(store, &ctx)?;
        let wake_at = self.wake_at(store)?;
        Ok(Update {
            model,
            effects,
            wake_at: wake_at.map(SystemTime::from),
        })
    }

    /// Which screen the flow is on (for shells that only need to know).
    pub fn screen(&self) -> Screen {
        match self.place {
            Place::FirstRun => Screen::FirstRun,
            Place::Countries => Screen::Countries,
            Place::Home => Screen::Home,
            Place::Timer => Screen::Timer,
            Place::Need => Screen::Need,
            Place::Feeling => Screen::Feeling,
            Place::Outcome { .. } => Screen::Outcome,
            Place::Injury { .. } => Screen::Injury,
            Place::Care => Screen::Care,
            Place::Ended { .. } => Screen::Ended,
            Place::Offer => Screen::Offer,
            Place::Guides => Screen::Guides,
            Place::Cautions { .. } => Screen::Cautions,
            Place::Guide => Screen::Guide,
            Place::GuideDone { .. } => Screen::GuideDone,
            Place::Crisis { .. } => Screen::Crisis,
            Place::Progress { .. } => Screen::Progress,
            Place::Plan => Screen::Plan,
            Place::Skills => Screen::Skills,
            Place::Settings => Screen::Settings,
            Place::Privacy => Screen::Privacy,
            Place::Log => Screen::Log,
            Place::Entry { .. } => Screen::Entry,
            Place::Export => Screen::Export,
        }
    }

    fn go(&mut self, place: Place) {
        if place != self.place {
            let from = std::mem::replace(&mut self.place, place);
            // Back never leads into a question already answered.
            if !matches!(
                from,
                Place::Outcome { .. }
                    | Place::Injury { .. }
                    | Place::Cautions { .. }
                    | Place::Entry { confirm: true, .. }
            ) {
                self.back.push(from);
                if self.back.len() > MAX_BACK {
                    self.back.remove(0);
                }
            }
        }
    }

    fn go_home(&mut self, store: &Store) -> Result<(), FlowError> {
        self.back.clear();
        self.place = if store.active_urge()?.is_some() {
            Place::Timer
        } else {
            Place::Home
        };
        Ok(())
    }

    fn go_back(&mut self, store: &Store) -> Result<(), FlowError> {
        match self.back.pop() {
            Some(place) => self.place = place,
            None => self.go_home(store)?,
        }
        Ok(())
    }

    fn handle(
        &mut self,
        store: &mut Store,
        ctx: &Ctx,
        event: Event,
        effects: &mut Vec<Effect>,
    ) -> Result<(), FlowError> {
        match event {
            Event::Opened { region } => {
                self.region = region.and_then(|r| CountryCode::new(&r).ok());
                self.open(store, ctx, effects)?;
            }
            Event::Tick => {}
            Event::Home => self.go_home(store)?,
            Event::Back => self.go_back(store)?,
            Event::OpenCrisis => self.open_crisis(ctx.now, false),
            Event::EndingLife => self.open_crisis(ctx.now, true),
            Event::Reach { action } => effects.push(Effect::Open { action }),
            Event::FinishFirstRun { start_plan } => {
                home::finish_first_run(self, store, ctx, start_plan)?;
            }
            Event::ChooseCountry => self.go(Place::Countries),
            Event::SetCountry { country } => home::set_country(self, store, ctx, country)?,
            Event::OpenGuides => self.go(Place::Guides),
            Event::OpenProgress { window } => {
                if let Place::Progress { .. } = self.place {
                    self.place = Place::Progress { window };
                } else {
                    self.go(Place::Progress { window });
                }
            }
            Event::OpenPlan => self.go(Place::Plan),
            Event::OpenSkills => self.go(Place::Skills),
            Event::OpenSettings => self.go(Place::Settings),
            Event::ShowPrivacy => self.go(Place::Privacy),
            Event::StartUrge { .. }
            | Event::Intensity { .. }
            | Event::AskNeed
            | Event::NameNeed { .. }
            | Event::AskFeeling
            | Event::NameFeeling { .. }
            | Event::SurpriseMe
            | Event::UseSkill { .. }
            | Event::Extend
            | Event::DismissOffer => timer::handle(self, store, ctx, event, effects)?,
            Event::AskOutcome
            | Event::EndUrge { .. }
            | Event::MayNeedCare { .. }
            | Event::ShowCareCard => outcome::handle(self, store, ctx, event, effects)?,
            Event::StartGuide { .. }
            | Event::AcceptCautions
            | Event::NextStep { .. }
            | Event::PauseGuide
            | Event::ResumeGuide
            | Event::StopGuide => guide::handle(self, store, ctx, event, effects)?,
            Event::Entered { .. }
            | Event::RemovePlanEntry { .. }
            | Event::RemovePerson { .. }
            | Event::HideSkill { .. }
            | Event::ShowSkill { .. }
            | Event::SetCadence { .. }
            | Event::SetDaysWithout { .. } => plan::handle(self, store, ctx, event)?,
            Event::OpenLog
            | Event::ShowEntry { .. }
            | Event::AskDelete { .. }
            | Event::DeleteEntry { .. }
            | Event::OpenExport
            | Event::Export { .. }
            | Event::Import { .. } => log::handle(self, store, ctx, event, effects)?,
        }
        Ok(())
    }

    /// Places a flow on opening: the first run once, a running timer if
    /// there is one, else home. A guide being played and crisis help stay.
    fn open(
        &mut self,
        store: &mut Store,
        ctx: &Ctx,
        effects: &mut Vec<Effect>,
    ) -> Result<(), FlowError> {
        let active = store.active_urge()?;
        // A guide being played stays; so does crisis help, with its way
        // back: the person may be coming back from a call they made from it.
        let stays = (self.playing.is_some() && active.is_some())
            || matches!(self.place, Place::Crisis { .. });
        if !stays {
            self.back.clear();
            self.place = if active.is_some() {
                Place::Timer
            } else if !store.settings()?.privacy_statement_seen {
                Place::FirstRun
            } else {
                Place::Home
            };
        }
        timer::schedule(active.as_ref(), ctx, effects);
        Ok(())
    }

    fn open_crisis(&mut self, now: DateTime<Utc>, ending_life: bool) {
        // A guide waits, paused, until the person comes back to it.
        if let Some(playing) = self.playing.as_mut()
            && !playing.paused
        {
            playing.run.pause(now);
            playing.paused = true;
        }
        match &mut self.place {
            // Saying it on the crisis screen keeps the screen, first.
            Place::Crisis { ending_life: e } => *e |= ending_life,
            _ => self.go(Place::Crisis { ending_life }),
        }
    }

    /// Delivers the running timer's due cues: words on the timer, and the
    /// offer to reach someone when the urge stays strong.
    fn deliver_cues(
        &mut self,
        store: &mut Store,
        ctx: &Ctx,
        effects: &mut Vec<Effect>,
    ) -> Result<(), FlowError> {
        if store.active_urge()?.is_none() {
            return Ok(());
        }
        let cues = store.advance_urge(ctx.now)?;
        timer::show_cues(self, ctx, &cues, effects);
        Ok(())
    }

    /// Moves a playing guide on, with the haptics of each step that starts.
    fn play(
        &mut self,
        store: &mut Store,
        ctx: &Ctx,
        effects: &mut Vec<Effect>,
    ) -> Result<(), FlowError> {
        let Some(playing) = self.playing.as_mut() else {
            return Ok(());
        };
        if playing.paused {
            return Ok(());
        }
        let cues = playing.run.advance(ctx.now);
        guide::cued(self, store, ctx, cues, effects)
    }

    /// A timer left open far past its goal is asked about, not shown as
    /// running.
    fn settle(&mut self, store: &Store, ctx: &Ctx) -> Result<(), FlowError> {
        if store.active_urge()?.is_none() {
            self.surprise = None;
        }
        if matches!(
            self.place,
            Place::Timer | Place::Need | Place::Feeling | Place::Offer
        ) && store
            .active_urge()?
            .is_some_and(|a| a.session.is_forgotten(ctx.now))
        {
            self.back.clear();
            self.place = Place::Outcome { forgotten: true };
        }
        if matches!(
            self.place,
            Place::Timer | Place::Need | Place::Feeling | Place::Offer | Place::Outcome { .. }
        ) && store.active_urge()?.is_none()
        {
            // Ended elsewhere (another process or device).
            self.go_home(store)?;
        }
        Ok(())
    }

    fn wake_at(&self, store: &Store) -> Result<Option<DateTime<Utc>>, FlowError> {
        let timer = store.active_urge()?.and_then(|a| a.session.next_wake());
        let guide = self
            .playing
            .as_ref()
            .filter(|p| !p.paused)
            .and_then(|p| p.run.next_wake());
        Ok(match (timer, guide) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        })
    }

    fn view(&self, store: &Store, ctx: &Ctx) -> Result<Model, FlowError> {
        let mut model = match &self.place {
            Place::FirstRun => home::first_run(self, store, ctx)?,
            Place::Countries => home::countries(store, ctx)?,
            Place::Home => home::home(store, ctx)?,
            Place::Timer => timer::timer(store, ctx, self.surprise.as_deref())?,
            Place::Need => timer::need(ctx),
            Place::Feeling => timer::feeling(ctx),
            Place::Offer => crisis::offer(&plan_or_empty(store), ctx),
            Place::Outcome { forgotten } => outcome::ask(store, ctx, *forgotten)?,
            Place::Injury { .. } => outcome::injury(ctx),
            Place::Care => crisis::care(&plan_or_empty(store), ctx),
            Place::Ended {
                outcome,
                pause,
                forgotten,
                card_open,
            } => outcome::ended(ctx, *outcome, *pause, *forgotten, *card_open),
            Place::Guides => guide::list(ctx),
            Place::Cautions { guide, .. } => guide::cautions(ctx, *guide),
            Place::Guide => guide::step(self, ctx),
            Place::GuideDone { guide } => guide::done(store, ctx, *guide)?,
            Place::Crisis { ending_life } => {
                crisis::crisis(&plan_or_empty(store), ctx, *ending_life)
            }
            Place::Progress { window } => progress::progress(store, ctx, *window)?,
            Place::Plan => plan::plan(store, ctx)?,
            Place::Skills => plan::skills(store, ctx)?,
            Place::Settings => plan::settings(store, ctx)?,
            Place::Privacy => home::privacy(ctx),
            Place::Log => log::log(store, ctx)?,
            Place::Entry { id, confirm } => log::entry_screen(store, ctx, *id, *confirm)?,
            Place::Export => log::export(ctx),
        };
        if let Some(notice) = &self.notice
            && matches!(self.place, Place::Timer)
        {
            model.lines.insert(0, notice.clone());
        }
        if let Some(problem) = &self.problem {
            model.lines.insert(0, problem.clone());
        }
        // Crisis help, one action away everywhere; "back" from it returns.
        if model.screen != Screen::Crisis {
            model.choices.push(ctx.crisis());
        }
        assign_keys(&mut model);
        Ok(model)
    }
}

/// Letters for choices a screen did not bind itself, in the order they are
/// given out.
const SPARE_KEYS: &str = "adfjkmruvwzbeilnopstxy";

/// Binds every unbound choice to a spare letter while letters last, so a
/// keyboard reaches each action with one key; the rest are reached by
/// moving to them.
fn assign_keys(model: &mut Model) {
    let taken: BTreeSet<String> = model.all_choices().filter_map(|c| c.key.clone()).collect();
    let mut spare = SPARE_KEYS
        .chars()
        .map(String::from)
        .filter(|k| !taken.contains(k));
    let mut bind = |c: &mut Choice| {
        if c.key.is_none() {
            c.key = spare.next();
        }
    };
    for s in &mut model.sections {
        for i in &mut s.items {
            i.choices.iter_mut().for_each(&mut bind);
        }
        s.choices.iter_mut().for_each(&mut bind);
    }
    model.choices.iter_mut().for_each(&mut bind);
}

/// The plan, or an empty one when it cannot be read: crisis help never
/// waits on the store.
fn plan_or_empty(store: &Store) -> SafetyPlan {
    store.safety_plan().unwrap_or_else(|_| SafetyPlan::empty())
}

/// The id of a skill as the person's choice named it, if it is one.
fn skill_id(raw: &str) -> Option<SkillId> {
    SkillId::new(raw).ok()
}
