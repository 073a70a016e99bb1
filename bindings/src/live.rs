//! Live drivers for foreground screens: a running urge timer or guide
//! delivers its cues to a listener the shell implements.
//!
//! Each driver is one task on the library's runtime. It sleeps until the
//! next cue (or until the session changes, or it is stopped), never polls.
//! While the app is in the background the OS notification schedule takes
//! over; a driver is only for what is on screen.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime};

use chrono::{DateTime, Utc};
use ebb_core::guides::{GuideCue, GuideId, GuideRun};
use ebb_core::haptics::Platform;
use tokio::sync::{Notify, mpsc};

use crate::EbbError;
use crate::companion::Ebb;
use crate::runtime::runtime;
use crate::views::{BreathingChoice, CueView, StepView};

/// Receives a running urge session's cues while its screen is shown.
#[uniffi::export(with_foreign)]
pub trait UrgeListener: Send + Sync {
    /// A cue is due now.
    fn on_cue(&self, cue: CueView);
    /// The session ended (here or elsewhere) or the companion closed; no
    /// more cues will come.
    fn on_ended(&self);
}

/// Receives a guide's steps as they start.
#[uniffi::export(with_foreign)]
pub trait GuideListener: Send + Sync {
    /// A step starts now: show its words, play its haptics.
    fn on_step(&self, step: StepView);
    /// The guide is over.
    fn on_finished(&self);
}

/// A running driver. Stopping is immediate and idempotent.
#[derive(Debug, uniffi::Object)]
pub struct LiveHandle {
    stopped: AtomicBool,
    stop: Notify,
    finished: mpsc::UnboundedSender<i32>,
    running: Arc<AtomicBool>,
}

#[uniffi::export]
impl LiveHandle {
    /// Stops the driver; no listener call starts after this returns.
    pub fn stop(&self) {
        self.stopped.store(true, Ordering::SeqCst);
        self.stop.notify_one();
    }

    /// Whether the driver still runs.
    pub fn is_running(&self) -> bool {
        self.running.load(Ordering::SeqCst)
    }

    /// For a guide: the person finished the open step `index` (a writing
    /// or message step); the guide moves on.
    pub fn finish_step(&self, index: i32) {
        if index >= 0 {
            let _ = self.finished.send(index);
        }
    }
}

impl LiveHandle {
    fn new() -> (Arc<Self>, mpsc::UnboundedReceiver<i32>) {
        let (finished, rx) = mpsc::unbounded_channel();
        (
            Arc::new(Self {
                stopped: AtomicBool::new(false),
                stop: Notify::new(),
                finished,
                running: Arc::new(AtomicBool::new(true)),
            }),
            rx,
        )
    }

    fn is_stopped(&self) -> bool {
        self.stopped.load(Ordering::SeqCst)
    }
}

/// How long until `at`, from the wall clock now (zero if past).
fn until(at: SystemTime) -> Duration {
    at.duration_since(SystemTime::now())
        .unwrap_or(Duration::ZERO)
}

#[uniffi::export]
impl Ebb {
    /// Delivers the running session's cues to `listener` as they fall due,
    /// until the session ends or the handle is stopped.
    pub fn watch_urge(
        self: Arc<Self>,
        listener: Arc<dyn UrgeListener>,
    ) -> Result<Arc<LiveHandle>, EbbError> {
        let (handle, _) = LiveHandle::new();
        let task_handle = handle.clone();
        let changed = self.changed.clone();
        runtime()?.spawn(async move {
            let h = task_handle;
            loop {
                // Register interest before reading, so a change that lands
                // between the read and the wait is not missed.
                let change = changed.notified();
                tokio::pin!(change);
                change.as_mut().enable();
                let Ok((running, wake)) = self.next_wake() else {
                    break;
                };
                if !running || h.is_stopped() {
                    break;
                }
                let sleep = async {
                    match wake {
                        Some(at) => tokio::time::sleep(until(at)).await,
                        None => std::future::pending().await,
                    }
                };
                tokio::select! {
                    () = h.stop.notified() => {}
                    () = &mut change => {}
                    () = sleep => {}
                }
                if h.is_stopped() {
                    break;
                }
                if let Ok(cues) = self.advance(SystemTime::now()) {
                    for cue in cues {
                        if h.is_stopped() {
                            break;
                        }
                        listener.on_cue(cue);
                    }
                }
            }
            h.running.store(false, Ordering::SeqCst);
            if !h.is_stopped() {
                listener.on_ended();
            }
        });
        Ok(handle)
    }

    /// Plays a guide, delivering each step to `listener` as it starts.
    pub fn run_guide(
        &self,
        id: GuideId,
        platform: Platform,
        listener: Arc<dyn GuideListener>,
    ) -> Result<Arc<LiveHandle>, EbbError> {
        drive_guide(ebb_core::guides::guide(id), platform, listener)
    }

    /// Plays a breathing pacer (see `breathing_guide`).
    pub fn run_breathing(
        &self,
        choice: BreathingChoice,
        minutes: i32,
        start_breaths_per_minute: Option<i32>,
        platform: Platform,
        listener: Arc<dyn GuideListener>,
    ) -> Result<Arc<LiveHandle>, EbbError> {
        let guide = crate::companion::breathing_core(choice, minutes, start_breaths_per_minute)?;
        drive_guide(guide, platform, listener)
    }
}

fn drive_guide(
    guide: ebb_core::guides::Guide,
    platform: Platform,
    listener: Arc<dyn GuideListener>,
) -> Result<Arc<LiveHandle>, EbbError> {
    let (handle, mut finished) = LiveHandle::new();
    let h = handle.clone();
    runtime()?.spawn(async move {
        let mut run = GuideRun::start(guide, DateTime::<Utc>::from(SystemTime::now()));
        let mut cues = run.advance(DateTime::<Utc>::from(SystemTime::now()));
        loop {
            for cue in cues.drain(..) {
                if h.is_stopped() {
                    break;
                }
                match cue {
                    GuideCue::StepStarted(step) => {
                        let haptics = run.guide().step_haptics(step.index, platform);
                        listener.on_step(StepView::from_running(&step, haptics));
                    }
                    GuideCue::Finished => listener.on_finished(),
                }
            }
            if run.is_finished() || h.is_stopped() {
                break;
            }
            let sleep = async {
                match run.next_wake() {
                    Some(at) => tokio::time::sleep(until(at.into())).await,
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                () = h.stop.notified() => break,
                Some(index) = finished.recv() => {
                    let now = DateTime::<Utc>::from(SystemTime::now());
                    cues = run.finish_step(now, usize::try_from(index).unwrap_or(usize::MAX));
                }
                () = sleep => {
                    cues = run.advance(DateTime::<Utc>::from(SystemTime::now()));
                }
            }
        }
        h.running.store(false, Ordering::SeqCst);
    });
    Ok(handle)
}
