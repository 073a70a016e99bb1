//! The `Ebb` object: the log and every decision, for one shell.

use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime};

use chrono::{DateTime, Utc};
use ebb_core::flow::{Context, DeviceKind, Event, Flow, FlowError, Update};
use ebb_core::guides::{self, BreathingPattern, BreathsPerMinute, ExhaleLength, GuideId};
use ebb_core::haptics::Platform;
use ebb_core::progress::{ReviewOptions, Window};
use ebb_core::settings::Settings;
use ebb_core::store::{DatabaseKey, OpenOptions, SkillUseRecord, Store};
use ebb_core::urge::{DelayGoal, Intensity, Outcome, StartOptions, suggested_goal};
use tokio::sync::Notify;

use crate::EbbError;
use crate::runtime::blocking;
use crate::safety::NextScreen;
use crate::views::{
    BreathingChoice, CueView, EndedView, GuideView, ImportSummary, ProgressView, ScheduledCueView,
    SettingsView, SkillUse, UrgeRequest, UrgeView, local, words,
};

/// How many recent pauses shape the suggested goal.
const PAUSES_FOR_SUGGESTION: usize = 20;

/// Ebb for one shell: the encrypted log plus everything decided about it.
/// Thread-safe; calls from several threads are serialised on the log.
#[derive(uniffi::Object)]
pub struct Ebb {
    store: Mutex<Option<Store>>,
    /// The screens' flow; locked after the store, never before it.
    flow: Mutex<Flow>,
    device: DeviceKind,
    path: PathBuf,
    /// Woken after every change to the running session, so live drivers
    /// recompute their next wake instead of polling.
    pub(crate) changed: Arc<Notify>,
}

impl std::fmt::Debug for Ebb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ebb")
            .field("path", &self.path)
            .field("device", &self.device)
            .finish_non_exhaustive()
    }
}

#[uniffi::export]
impl Ebb {
    /// Opens (or creates) the log at `path` with the 32-byte `key`. A wrong
    /// key, a damaged file or one from a newer version is an error and the
    /// file is left as it was.
    #[uniffi::constructor]
    pub fn open(
        path: String,
        key: Vec<u8>,
        device: DeviceKind,
        plaintext_header: bool,
    ) -> Result<Arc<Self>, EbbError> {
        guarded(|| {
            let key = DatabaseKey::from_slice(&key).map_err(|_| {
                EbbError::invalid("key", format!("a key is 32 bytes, got {}", key.len()))
            })?;
            let options = OpenOptions {
                plaintext_header,
                ..OpenOptions::default()
            };
            let store = Store::open(&path, &key, options)?;
            Ok(Arc::new(Self {
                store: Mutex::new(Some(store)),
                flow: Mutex::new(Flow::new()),
                device,
                path: PathBuf::from(path),
                changed: Arc::new(Notify::new()),
            }))
        })
    }

    /// The device this companion was opened for.
    pub fn device(&self) -> DeviceKind {
        self.device
    }

    /// One event of the person's flow in, the screen that follows out:
    /// its model, the effects to carry out and when to send
    /// [`Event::Tick`] next. Every action a model offers is one call here.
    /// Send [`Event::Opened`] when the app opens or comes back.
    pub fn send(&self, context: Context, event: Event) -> Result<Update, EbbError> {
        let update = self.with_store(|store| {
            let mut flow = self.flow.lock().unwrap_or_else(PoisonError::into_inner);
            flow.update(store, &context, event).map_err(|e| match e {
                FlowError::BadUtcOffset(_) => {
                    EbbError::invalid("utc_offset_secs", "must be within a day")
                }
                FlowError::Store(e) => e.into(),
            })
        })?;
        self.changed.notify_waiters();
        Ok(update)
    }

    /// Starts an urge session, or returns the one already running (a second
    /// tap never loses the first). Durable when it returns.
    pub fn start_urge(
        &self,
        now: SystemTime,
        utc_offset_secs: i32,
        request: UrgeRequest,
    ) -> Result<UrgeView, EbbError> {
        let at = local(now, utc_offset_secs)?;
        let intensity = request.intensity.map(to_intensity).transpose()?;
        let view = self.with_store(|store| {
            let goal = match request.goal_minutes {
                Some(m) => goal_from_minutes(m)?,
                None => suggested_goal(&store.recent_pauses(PAUSES_FOR_SUGGESTION)?),
            };
            let active = store.start_urge(
                at,
                StartOptions {
                    source: request.source,
                    intensity,
                    need: request.need,
                    goal,
                    cadence: request.cadence,
                    utc_offset_secs,
                },
            )?;
            Ok(UrgeView::new(
                active.id.to_string(),
                &active.session,
                at.to_utc(),
                active.resumed,
            ))
        })?;
        self.changed.notify_waiters();
        Ok(view)
    }

    /// The running session, if any.
    pub fn active_urge(&self, now: SystemTime) -> Result<Option<UrgeView>, EbbError> {
        let now = DateTime::<Utc>::from(now);
        self.with_store(|store| {
            Ok(store
                .active_urge()?
                .map(|a| UrgeView::new(a.id.to_string(), &a.session, now, true)))
        })
    }

    /// The goal Ebb would suggest now, grown gently from recent pauses.
    pub fn suggested_goal_minutes(&self) -> Result<i32, EbbError> {
        self.with_store(|store| {
            let goal = suggested_goal(&store.recent_pauses(PAUSES_FOR_SUGGESTION)?);
            Ok(i32::try_from(goal.minutes()).unwrap_or(i32::MAX))
        })
    }

    /// Records how strong the urge is (0 to 10). May return a cue offering
    /// to reach someone.
    pub fn check_in(
        &self,
        now: SystemTime,
        utc_offset_secs: i32,
        intensity: i32,
    ) -> Result<Vec<CueView>, EbbError> {
        let at = local(now, utc_offset_secs)?;
        let level = to_intensity(intensity)?;
        let cues = self.with_store(|store| Ok(store.check_in(at, level)?))?;
        self.changed.notify_waiters();
        Ok(cues.into_iter().map(CueView::from).collect())
    }

    /// Makes the goal longer (whole minutes, 1 to 240, longer than now).
    pub fn extend_urge(
        &self,
        now: SystemTime,
        utc_offset_secs: i32,
        goal_minutes: i32,
    ) -> Result<UrgeView, EbbError> {
        let at = local(now, utc_offset_secs)?;
        let goal = goal_from_minutes(goal_minutes)?;
        let view = self.with_store(|store| {
            store.extend_urge(at, goal)?;
            let active = store.active_urge()?.ok_or(EbbError::NoActiveUrge)?;
            Ok(UrgeView::new(
                active.id.to_string(),
                &active.session,
                at.to_utc(),
                false,
            ))
        })?;
        self.changed.notify_waiters();
        Ok(view)
    }

    /// Ends the running session with how it went.
    pub fn end_urge(
        &self,
        now: SystemTime,
        utc_offset_secs: i32,
        outcome: Outcome,
    ) -> Result<EndedView, EbbError> {
        let at = local(now, utc_offset_secs)?;
        let (ended, plan) = self.with_store(|store| {
            let ended = store.end_urge(at, outcome)?;
            Ok((ended, store.safety_plan()?))
        })?;
        self.changed.notify_waiters();
        Ok(EndedView {
            outcome: ended.outcome,
            pause: ended.pause.duration(),
            acknowledgement: words(ended.outcome.acknowledgement()),
            next: NextScreen::from(&ebb_core::safety::after_outcome(ended.outcome, &plan)),
        })
    }

    /// Delivers the running session's due cues (call on every wake).
    pub fn advance(&self, now: SystemTime) -> Result<Vec<CueView>, EbbError> {
        let now = DateTime::<Utc>::from(now);
        let cues = self.with_store(|store| Ok(store.advance_urge(now)?))?;
        Ok(cues.into_iter().map(CueView::from).collect())
    }

    /// Every future cue of the running session with its due time, for the
    /// OS notification scheduler. Replace the whole schedule each time.
    pub fn notification_schedule(
        &self,
        now: SystemTime,
    ) -> Result<Vec<ScheduledCueView>, EbbError> {
        let now = DateTime::<Utc>::from(now);
        self.with_store(|store| {
            Ok(store
                .active_urge()?
                .map(|a| a.session.schedule(now))
                .unwrap_or_default()
                .into_iter()
                .map(|s| ScheduledCueView {
                    due: s.due.into(),
                    cue: s.cue.into(),
                })
                .collect())
        })
    }

    /// Records a skill used (within the running session, if any). Returns
    /// the entry's id.
    pub fn record_skill_use(
        &self,
        now: SystemTime,
        utc_offset_secs: i32,
        skill_use: SkillUse,
    ) -> Result<String, EbbError> {
        let at = local(now, utc_offset_secs)?;
        let record = SkillUseRecord {
            skill: skill_use.skill,
            need: skill_use.need,
            intensity_before: skill_use.intensity_before.map(to_intensity).transpose()?,
            intensity_after: skill_use.intensity_after.map(to_intensity).transpose()?,
            helped: skill_use.helped,
        };
        let id = self.with_store(|store| Ok(store.record_skill(at, record)?))?;
        self.changed.notify_waiters();
        Ok(id.to_string())
    }

    /// Keeps words the person wrote. Returns the entry's id.
    pub fn write_note(
        &self,
        now: SystemTime,
        utc_offset_secs: i32,
        text: String,
    ) -> Result<String, EbbError> {
        let at = local(now, utc_offset_secs)?;
        let id = self.with_store(|store| Ok(store.write_note(at, &text)?))?;
        Ok(id.to_string())
    }

    /// Deletes one entry (a whole session with everything in it, a note,
    /// a skill use): its content is erased; a tombstone stays for sync.
    pub fn delete_entry(
        &self,
        now: SystemTime,
        utc_offset_secs: i32,
        id: String,
    ) -> Result<(), EbbError> {
        let at = local(now, utc_offset_secs)?;
        let target = id
            .parse()
            .map_err(|_| EbbError::invalid("id", "not an entry id"))?;
        self.with_store(|store| Ok(store.delete_entry(at, target)?))?;
        self.changed.notify_waiters();
        Ok(())
    }

    /// A guide with its words and haptics for `platform`.
    pub fn guide(&self, id: GuideId, platform: Platform) -> GuideView {
        GuideView::new(&guides::guide(id), platform)
    }

    /// A breathing pacer of `minutes` (1 to 5), optionally starting near the
    /// person's current pace and slowing to the pattern.
    pub fn breathing_guide(
        &self,
        choice: BreathingChoice,
        minutes: i32,
        start_breaths_per_minute: Option<i32>,
        platform: Platform,
    ) -> Result<GuideView, EbbError> {
        let guide = breathing_core(choice, minutes, start_breaths_per_minute)?;
        Ok(GuideView::new(&guide, platform))
    }

    /// Checks the whole file. Reports damage as [`EbbError::Corrupt`];
    /// repairs nothing.
    pub fn integrity_check(&self) -> Result<(), EbbError> {
        self.with_store(|store| {
            let report = store.integrity_check()?;
            if report.is_ok() {
                Ok(())
            } else {
                Err(EbbError::Corrupt {
                    detail: report.problems.join("; "),
                })
            }
        })
    }

    /// Erases everything: the database and its companion files are gone.
    /// The companion is closed afterwards.
    pub fn erase(&self) -> Result<(), EbbError> {
        let store = self.lock().take().ok_or(EbbError::Closed)?;
        self.changed.notify_waiters();
        guarded(|| Ok(store.erase()?))
    }

    /// The whole log as Ebb's JSON export.
    pub async fn export_json(self: Arc<Self>, now: SystemTime) -> Result<String, EbbError> {
        blocking(move || {
            self.with_store(|store| {
                let mut out = Vec::new();
                store.export_json(now.into(), &mut out)?;
                String::from_utf8(out).map_err(|e| EbbError::Internal {
                    detail: e.to_string(),
                })
            })
        })
        .await
    }

    /// Urge sessions as CSV, for spreadsheets.
    pub async fn export_sessions_csv(self: Arc<Self>) -> Result<String, EbbError> {
        blocking(move || {
            self.with_store(|store| {
                let mut out = Vec::new();
                store.export_sessions_csv(&mut out)?;
                String::from_utf8(out).map_err(|e| EbbError::Internal {
                    detail: e.to_string(),
                })
            })
        })
        .await
    }

    /// Merges an export (or another device's log) by id. Importing the same
    /// file twice changes nothing; a file that is not Ebb's changes nothing.
    pub async fn import_json(self: Arc<Self>, json: String) -> Result<ImportSummary, EbbError> {
        let changed = self.changed.clone();
        let summary = blocking(move || {
            self.with_store(|store| {
                let report = store.import_json(json.as_bytes())?;
                Ok(ImportSummary {
                    added: i64::try_from(report.added).unwrap_or(i64::MAX),
                    already_present: i64::try_from(report.already_present).unwrap_or(i64::MAX),
                })
            })
        })
        .await?;
        changed.notify_waiters();
        Ok(summary)
    }

    /// The progress review for a window ending now. Async: over years of
    /// use it reads a lot.
    pub async fn progress(
        self: Arc<Self>,
        now: SystemTime,
        window: Window,
    ) -> Result<ProgressView, EbbError> {
        blocking(move || {
            self.with_store(|store| {
                let settings = store.settings()?;
                let review = store.progress(
                    now.into(),
                    ReviewOptions {
                        window,
                        show_days_without: settings.show_days_without,
                    },
                )?;
                Ok(ProgressView::from(&review))
            })
        })
        .await
    }

    /// The person's settings.
    pub fn settings(&self) -> Result<SettingsView, EbbError> {
        self.with_store(|store| {
            let s = store.settings()?;
            Ok(SettingsView {
                cadence: s.cadence,
                goal_presets_minutes: s
                    .goal_presets
                    .iter()
                    .map(|g| i32::try_from(g.minutes()).unwrap_or(i32::MAX))
                    .collect(),
                show_days_without: s.show_days_without,
                privacy_statement_seen: s.privacy_statement_seen,
            })
        })
    }

    /// Saves settings. Invalid values change nothing.
    pub fn save_settings(
        &self,
        now: SystemTime,
        utc_offset_secs: i32,
        settings: SettingsView,
    ) -> Result<(), EbbError> {
        let at = local(now, utc_offset_secs)?;
        let goal_presets = settings
            .goal_presets_minutes
            .iter()
            .map(|m| goal_from_minutes(*m))
            .collect::<Result<Vec<_>, _>>()?;
        let settings = Settings {
            cadence: settings.cadence,
            goal_presets,
            show_days_without: settings.show_days_without,
            privacy_statement_seen: settings.privacy_statement_seen,
            cautions_seen: Default::default(),
        };
        // The cautions seen are not on the settings screen: keep them.
        self.with_store(|store| {
            let settings = Settings {
                cautions_seen: store.settings()?.cautions_seen,
                ..settings
            };
            Ok(store.save_settings(at, &settings)?)
        })
    }

    /// Deliberately fails inside the library, to check that a Rust-side
    /// failure reaches the shell as [`EbbError::Internal`] and not a crash.
    pub fn diagnose_failure_path(&self) -> Result<(), EbbError> {
        guarded(|| {
            let empty: Vec<u8> = Vec::new();
            // Indexing out of bounds panics; the guard turns it into an error.
            let _ = std::hint::black_box(&empty)[std::hint::black_box(1)];
            Ok(())
        })
    }
}

impl Ebb {
    pub(crate) fn lock(&self) -> std::sync::MutexGuard<'_, Option<Store>> {
        // A panic while holding the lock leaves no half-written data (each
        // write is one SQLite transaction), so a poisoned lock is usable.
        self.store.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs `f` on the open store, turning a panic into an error.
    pub(crate) fn with_store<T>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, EbbError>,
    ) -> Result<T, EbbError> {
        guarded(|| {
            let mut guard = self.lock();
            let store = guard.as_mut().ok_or(EbbError::Closed)?;
            f(store)
        })
    }

    /// When the running session next needs a wake, and whether one runs.
    pub(crate) fn next_wake(&self) -> Result<(bool, Option<SystemTime>), EbbError> {
        self.with_store(|store| {
            Ok(match store.active_urge()? {
                Some(a) => (true, a.session.next_wake().map(SystemTime::from)),
                None => (false, None),
            })
        })
    }
}

/// Validates an intensity from a shell (0 to 10).
pub(crate) fn to_intensity(value: i32) -> Result<Intensity, EbbError> {
    u8::try_from(value)
        .ok()
        .and_then(|v| Intensity::new(v).ok())
        .ok_or_else(|| EbbError::invalid("intensity", format!("must be 0 to 10, got {value}")))
}

fn goal_from_minutes(minutes: i32) -> Result<DelayGoal, EbbError> {
    u64::try_from(minutes)
        .ok()
        .and_then(|m| DelayGoal::from_minutes(m).ok())
        .ok_or_else(|| {
            EbbError::invalid("goal_minutes", format!("must be 1 to 240, got {minutes}"))
        })
}

/// A small count or setting from a shell, in range for a `u8`.
fn small(field: &str, value: i32) -> Result<u8, EbbError> {
    u8::try_from(value).map_err(|_| EbbError::invalid(field, format!("out of range: {value}")))
}

pub(crate) fn breathing_core(
    choice: BreathingChoice,
    minutes: i32,
    start: Option<i32>,
) -> Result<guides::Guide, EbbError> {
    let pattern = match choice {
        BreathingChoice::Gentle => BreathingPattern::Gentle,
        BreathingChoice::ExtendedExhale { exhale_secs } => BreathingPattern::ExtendedExhale {
            exhale: ExhaleLength::from_secs(small("exhale_secs", exhale_secs)?)
                .map_err(|e| EbbError::invalid("exhale_secs", e))?,
        },
        BreathingChoice::CyclicSighing => BreathingPattern::CyclicSighing,
        BreathingChoice::Box => BreathingPattern::Box,
        BreathingChoice::Resonance => BreathingPattern::Resonance,
    };
    let pace = start
        .map(|p| {
            BreathsPerMinute::new(small("start_breaths_per_minute", p)?)
                .map_err(|e| EbbError::invalid("start_breaths_per_minute", e))
        })
        .transpose()?;
    let minutes = u64::try_from(minutes)
        .map_err(|_| EbbError::invalid("minutes", format!("must be 1 to 5, got {minutes}")))?;
    guides::breathing(pattern, Duration::from_secs(minutes * 60), pace)
        .map_err(|e| EbbError::invalid("minutes", e))
}

/// Runs `f`, turning a panic into [`EbbError::Internal`].
pub(crate) fn guarded<T>(f: impl FnOnce() -> Result<T, EbbError>) -> Result<T, EbbError> {
    std::panic::catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic without a message".to_owned());
        Err(EbbError::Internal { detail: message })
    })
}
