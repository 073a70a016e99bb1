//! The live terminal companion: the core's screen models, rendered full
//! screen with ratatui, and the person's keys sent back as the models'
//! own events. No rule lives here; every word comes with the model.
//!
//! One key per action (each choice carries its key), `h` for crisis help
//! on every screen, arrows and Enter for choices without a key of their
//! own. Numbers (0 to 10) are typed and kept on the status line until they
//! are complete, so a redraw never takes them away. When standard output is
//! not a terminal the same models are printed as plain text (or JSON with
//! `--json`), and each line read is a key.

use std::io::{BufRead, IsTerminal, Write};
use std::time::{Duration, Instant};

use chrono::{Offset, Utc};
use ebb_core::flow::{
    Choice, Context, Detail, DeviceKind, Effect, Event, Flow, Model, Screen, Update,
};
use ebb_core::safety::Action;
use ebb_core::store::Store;
use ratatui::Frame;
use ratatui::crossterm::event::{self, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Gauge, Paragraph, Wrap};

use crate::text::{Failure, Outcome, r, t};

/// How long a lone "1" waits for a "0" before it counts as 1.
const NUMBER_WAIT: Duration = Duration::from_millis(900);
/// How often a live screen (the timer, a guide) is brought up to date.
const LIVE_REDRAW: Duration = Duration::from_secs(1);

/// A flow on a store, as the terminal drives it.
pub(crate) struct App<'s> {
    store: &'s mut Store,
    flow: Flow,
    update: Update,
    /// Digits typed so far for an answer.
    typed: String,
    typed_at: Option<Instant>,
    /// A form being filled in: the choice, the values so far, the field
    /// being typed.
    form: Option<(Choice, Vec<String>, String)>,
    /// The choice moved to with the arrows.
    selected: usize,
    scroll: u16,
    /// A line for what the terminal did with an effect (a number to call).
    status: Option<String>,
    bell: bool,
    quit: bool,
}

impl std::fmt::Debug for App<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("screen", &self.update.model.screen)
            .finish_non_exhaustive()
    }
}

/// The moment, the device and the language, for every event.
pub(crate) fn context() -> Context {
    let now = crate::data::now();
    Context {
        now: Utc::now().into(),
        utc_offset_secs: now.offset().fix().local_minus_utc(),
        device: DeviceKind::Desktop,
        haptics: None,
        locale: locale().unwrap_or_else(|| "en".to_owned()),
    }
}

/// The language tag from the environment (`LC_ALL`, `LC_MESSAGES`, `LANG`).
fn locale() -> Option<String> {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.is_empty() && v != "C" && v != "POSIX")
        .map(|v| {
            v.split(['.', '@'])
                .next()
                .unwrap_or_default()
                .replace('_', "-")
        })
}

/// The region of the environment's locale ("en_GB.UTF-8" gives "GB").
pub(crate) fn region() -> Option<String> {
    locale().and_then(|l| l.split('-').nth(1).map(str::to_owned))
}

impl<'s> App<'s> {
    /// Opens the flow on `store` with `first` (usually [`Event::Opened`]).
    pub(crate) fn new(store: &'s mut Store, first: Vec<Event>, bell: bool) -> Outcome<Self> {
        let mut flow = Flow::new();
        let mut update = flow.update(store, &context(), Event::Opened { region: region() })?;
        for event in first {
            update = flow.update(store, &context(), event)?;
        }
        Ok(Self {
            store,
            flow,
            update,
            typed: String::new(),
            typed_at: None,
            form: None,
            selected: 0,
            scroll: 0,
            status: None,
            bell,
            quit: false,
        })
    }

    /// The screen shown now.
    pub(crate) fn model(&self) -> &Model {
        &self.update.model
    }

    fn send(&mut self, event: Event) -> Outcome {
        let update = self.flow.update(self.store, &context(), event)?;
        if update.model.screen != self.update.model.screen {
            self.selected = 0;
            self.scroll = 0;
        }
        self.status = None;
        for effect in &update.effects {
            match effect {
                Effect::Open { action } => self.status = Some(reach_words(action)),
                Effect::Save {
                    file_name,
                    contents,
                    ..
                } => self.status = Some(save_here(file_name, contents)),
                Effect::Vibrate { .. } if self.bell => {
                    print!("\x07");
                    let _ = std::io::stdout().flush();
                }
                Effect::Vibrate { .. }
                | Effect::Schedule { .. }
                | Effect::CancelNotifications
                | Effect::Announce { .. } => {}
            }
        }
        self.update = update;
        Ok(())
    }

    /// What a key does. Returns once the key has been handled.
    pub(crate) fn key(&mut self, key: KeyEvent) -> Outcome {
        if key.modifiers.contains(KeyModifiers::CONTROL)
            && matches!(key.code, KeyCode::Char('c' | 'd'))
        {
            self.quit = true;
            return Ok(());
        }
        if self.form.is_some() {
            return self.form_key(key);
        }
        match key.code {
            KeyCode::Char(c) if c.is_ascii_digit() => self.digit(c)?,
            KeyCode::Enter => {
                if self.typed.is_empty() {
                    let choice = self.choices().get(self.selected).cloned();
                    if let Some(choice) = choice {
                        self.choose(choice)?;
                    }
                } else {
                    self.commit_number()?;
                }
            }
            KeyCode::Backspace => {
                self.typed.pop();
            }
            KeyCode::Up => self.selected = self.selected.saturating_sub(1),
            KeyCode::Down | KeyCode::Tab => {
                self.selected = (self.selected + 1).min(self.choices().len().saturating_sub(1));
            }
            KeyCode::PageUp => self.scroll = self.scroll.saturating_sub(10),
            KeyCode::PageDown => self.scroll = self.scroll.saturating_add(10),
            KeyCode::Esc => {
                let back = self
                    .choices()
                    .into_iter()
                    .find(|c| matches!(c.role, ebb_core::flow::Role::Back));
                match back {
                    Some(c) => self.choose(c)?,
                    None if self.model().screen == Screen::Home => self.quit = true,
                    None => {}
                }
            }
            KeyCode::Char(c) => {
                self.typed.clear();
                let k = c.to_ascii_lowercase().to_string();
                match self.by_key(&k) {
                    Some(choice) => self.choose(choice)?,
                    None if k == "q" && self.model().screen == Screen::Home => self.quit = true,
                    None => {}
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn form_key(&mut self, key: KeyEvent) -> Outcome {
        let Some((choice, values, current)) = self.form.as_mut() else {
            return Ok(());
        };
        match key.code {
            KeyCode::Esc => self.form = None,
            KeyCode::Backspace => {
                current.pop();
            }
            KeyCode::Enter => {
                values.push(std::mem::take(current));
                if values.len() >= choice.fields.len() {
                    let mut event = choice.event.clone();
                    if let Event::Entered { values: v, .. } = &mut event {
                        *v = values.clone();
                    }
                    self.form = None;
                    self.send(event)?;
                }
            }
            KeyCode::Char(c) => current.push(c),
            _ => {}
        }
        Ok(())
    }

    fn digit(&mut self, c: char) -> Outcome {
        self.typed.push(c);
        self.typed_at = Some(Instant::now());
        // Complete when no longer answer starts with what was typed.
        let typed = self.typed.clone();
        let longer = self
            .choices()
            .iter()
            .filter_map(|c| c.key.as_deref())
            .any(|k| k.len() > typed.len() && k.starts_with(&typed));
        if !longer {
            self.commit_number()?;
        }
        Ok(())
    }

    fn commit_number(&mut self) -> Outcome {
        let typed = std::mem::take(&mut self.typed);
        self.typed_at = None;
        if let Some(choice) = self.by_key(&typed) {
            self.choose(choice)?;
        }
        Ok(())
    }

    fn choose(&mut self, choice: Choice) -> Outcome {
        if choice.fields.is_empty() {
            self.send(choice.event)
        } else {
            self.form = Some((choice, Vec::new(), String::new()));
            Ok(())
        }
    }

    fn choices(&self) -> Vec<Choice> {
        self.model().all_choices().cloned().collect()
    }

    fn by_key(&self, key: &str) -> Option<Choice> {
        self.model()
            .all_choices()
            .find(|c| c.key.as_deref() == Some(key))
            .cloned()
    }

    /// How long to wait for a key before the screen needs attention.
    fn timeout(&self) -> Duration {
        if let Some(at) = self.typed_at {
            return NUMBER_WAIT.saturating_sub(at.elapsed());
        }
        let live = matches!(self.model().screen, Screen::Timer | Screen::Guide);
        let wake = self
            .update
            .wake_at
            .and_then(|w| w.duration_since(std::time::SystemTime::now()).ok());
        match (live, wake) {
            (true, Some(w)) => w.min(LIVE_REDRAW),
            (true, None) => LIVE_REDRAW,
            (false, Some(w)) => w,
            (false, None) => Duration::from_secs(60),
        }
    }

    /// Nothing was pressed in time: finish a typed number, or bring the
    /// screen up to date.
    fn idle(&mut self) -> Outcome {
        if self.typed_at.is_some_and(|at| at.elapsed() >= NUMBER_WAIT) {
            return self.commit_number();
        }
        if self.typed.is_empty() && self.form.is_none() {
            self.send(Event::Tick)?;
        }
        Ok(())
    }
}

/// What the terminal says when a choice would open the dialler or
/// messages: the number (and the words to send), to use from a device that
/// can call.
fn reach_words(action: &Action) -> String {
    action.describe(ebb_core::content::Locale::En)
}

/// Runs the live companion until the person leaves. Ctrl-C leaves a timer
/// running; `ebb` comes back to it.
pub(crate) fn run(store: &mut Store, first: Vec<Event>, bell: bool, json: bool) -> Outcome {
    let mut app = App::new(store, first, bell)?;
    if json || !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return plain(&mut app, json);
    }
    let mut terminal = ratatui::try_init()
        .map_err(|e| Failure::other("cli.error.terminal", &[("detail", &e.to_string())]))?;
    let result = live(&mut app, &mut terminal);
    ratatui::restore();
    result?;
    if app.store.active_urge()?.is_some() {
        println!("{}", t("cli.urge.left_running"));
    }
    Ok(())
}

fn live(app: &mut App<'_>, terminal: &mut ratatui::DefaultTerminal) -> Outcome {
    let failed =
        |e: std::io::Error| Failure::other("cli.error.terminal", &[("detail", &e.to_string())]);
    while !app.quit {
        terminal.draw(|f| draw(f, app)).map_err(failed)?;
        if event::poll(app.timeout()).map_err(failed)? {
            match event::read().map_err(failed)? {
                event::Event::Key(key) if key.kind == KeyEventKind::Press => app.key(key)?,
                // A resize is redrawn at the top of the loop.
                _ => {}
            }
        } else {
            app.idle()?;
        }
    }
    Ok(())
}

/// Standard output is not a terminal: each model as text (or JSON), each
/// line of input a key; a form's fields are the lines that follow.
fn plain(app: &mut App<'_>, json: bool) -> Outcome {
    let print = |app: &App<'_>| -> Outcome {
        let mut out = std::io::stdout().lock();
        let written = if json {
            serde_json::to_writer(&mut out, &app.update)
                .map_err(std::io::Error::other)
                .and_then(|()| writeln!(out))
        } else {
            write!(out, "{}", plain_text(app.model()))
                .and_then(|()| match &app.status {
                    Some(s) => writeln!(out, "{s}"),
                    None => Ok(()),
                })
                .and_then(|()| writeln!(out))
        };
        match written {
            // A reader that went away (a closed pipe) ends the run quietly.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            Err(e) => Err(Failure::other(
                "cli.error.terminal",
                &[("detail", &e.to_string())],
            )),
            Ok(()) => Ok(()),
        }
    };
    print(app)?;
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    while let Some(Ok(line)) = lines.next() {
        let key = line.trim().to_ascii_lowercase();
        let Some(choice) = app.by_key(&key) else {
            continue;
        };
        let mut event = choice.event.clone();
        if let Event::Entered { values, .. } = &mut event {
            for _ in &choice.fields {
                values.push(lines.next().and_then(Result::ok).unwrap_or_default());
            }
        }
        app.send(event)?;
        print(app)?;
    }
    if !json && app.store.active_urge()?.is_some() {
        println!("{}", t("cli.urge.left_running"));
    }
    Ok(())
}

/// A model as lines of text with each choice's key, for plain output.
pub(crate) fn plain_text(m: &Model) -> String {
    let mut out = String::new();
    let mut push = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    push(m.heading.clone());
    for l in &m.lines {
        push(l.clone());
    }
    if let Some(q) = &m.question {
        push(q.text.clone());
        push(q.answers.iter().map(label).collect::<Vec<_>>().join("  "));
    }
    for s in &m.sections {
        if let Some(h) = &s.heading {
            push(format!("\n{h}"));
        }
        if s.items.is_empty()
            && let Some(e) = &s.empty
        {
            push(format!("  {e}"));
        }
        for i in &s.items {
            push(format!("  {}", i.text));
            if let Some(n) = &i.note {
                push(format!("    {n}"));
            }
            if !i.choices.is_empty() {
                push(format!(
                    "    {}",
                    i.choices.iter().map(label).collect::<Vec<_>>().join("  ")
                ));
            }
        }
        if !s.choices.is_empty() {
            push(format!(
                "  {}",
                s.choices.iter().map(label).collect::<Vec<_>>().join("  ")
            ));
        }
    }
    if let Some(d) = detail_line(m) {
        push(d);
    }
    push(String::new());
    push(m.choices.iter().map(label).collect::<Vec<_>>().join("  "));
    out
}

fn label(c: &Choice) -> String {
    match &c.key {
        // A number answer is its own key.
        Some(k) if *k == c.label => format!("[{k}]"),
        Some(k) => format!("[{k}] {}", c.label),
        None => c.label.clone(),
    }
}

fn detail_line(m: &Model) -> Option<String> {
    match &m.detail {
        Detail::None | Detail::Timer { .. } => None,
        Detail::Step { step } => Some(r(
            "cli.app.step",
            &[
                ("number", &(step.index + 1).to_string()),
                ("count", &step.count.to_string()),
            ],
        )),
        Detail::Progress { progress } => {
            let weeks = progress
                .weekly
                .iter()
                .map(|w| w.urges.to_string())
                .collect::<Vec<_>>()
                .join(" ");
            Some(r("cli.app.weekly", &[("counts", &weeks)]))
        }
    }
}

/// Draws one frame: the model, the live gauge where there is one, the
/// choices, and a status line that keeps what is being typed.
pub(crate) fn draw(f: &mut Frame<'_>, app: &App<'_>) {
    let m = app.model();
    let gauge = matches!(m.detail, Detail::Timer { .. } | Detail::Step { .. });
    let [top, body, status] = Layout::vertical([
        Constraint::Length(if gauge { 3 } else { 0 }),
        Constraint::Min(1),
        Constraint::Length(2),
    ])
    .areas(f.area());
    if gauge {
        draw_gauge(f, top, m);
    }
    let selected = app.choices().get(app.selected).cloned();
    let mark = |c: &Choice| -> Span<'static> {
        let style = if Some(c) == selected.as_ref() {
            Style::default().add_modifier(Modifier::REVERSED)
        } else if c.role == ebb_core::flow::Role::Crisis {
            Style::default().add_modifier(Modifier::BOLD)
        } else {
            Style::default()
        };
        Span::styled(label(c), style)
    };
    // Choices are packed whole onto lines as wide as the screen, so a
    // label is never split from its key.
    let width = usize::from(body.width).max(1);
    let row = |choices: &[Choice], indent: &str| -> Vec<Line<'static>> {
        let mut out = Vec::new();
        let mut spans = vec![Span::raw(indent.to_owned())];
        let mut used = indent.chars().count();
        for c in choices {
            let span = mark(c);
            let len = span.content.chars().count();
            if used > indent.chars().count() && used + 2 + len > width {
                out.push(Line::from(std::mem::take(&mut spans)));
                spans.push(Span::raw(indent.to_owned()));
                used = indent.chars().count();
            }
            if used > indent.chars().count() {
                spans.push(Span::raw("  "));
                used += 2;
            }
            used += len;
            spans.push(span);
        }
        out.push(Line::from(spans));
        out
    };
    let mut lines: Vec<Line<'static>> = vec![
        Line::styled(
            m.heading.clone(),
            Style::default().add_modifier(Modifier::BOLD),
        ),
        Line::raw(""),
    ];
    lines.extend(m.lines.iter().map(|l| Line::raw(l.clone())));
    if let Some(q) = &m.question {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            q.text.clone(),
            Style::default().add_modifier(Modifier::BOLD),
        ));
        lines.extend(row(&q.answers, ""));
    }
    for s in &m.sections {
        lines.push(Line::raw(""));
        if let Some(h) = &s.heading {
            lines.push(Line::styled(
                h.clone(),
                Style::default().add_modifier(Modifier::UNDERLINED),
            ));
        }
        if s.items.is_empty()
            && let Some(e) = &s.empty
        {
            lines.push(Line::raw(format!("  {e}")));
        }
        for i in &s.items {
            lines.push(Line::raw(format!("  {}", i.text)));
            if let Some(n) = &i.note {
                lines.push(Line::raw(format!("    {n}")));
            }
            if !i.choices.is_empty() {
                lines.extend(row(&i.choices, "    "));
            }
        }
        if !s.choices.is_empty() {
            lines.extend(row(&s.choices, "  "));
        }
    }
    if let Some(d) = detail_line(m) {
        lines.push(Line::raw(""));
        lines.push(Line::raw(d));
    }
    lines.push(Line::raw(""));
    lines.extend(row(&m.choices, ""));
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((app.scroll, 0)),
        body,
    );
    let line = if let Some((choice, values, current)) = &app.form {
        let prompt = choice
            .fields
            .get(values.len())
            .map(|f| f.prompt.clone())
            .unwrap_or_default();
        format!("{prompt}: {current}_")
    } else if !app.typed.is_empty() {
        r("cli.app.typed", &[("typed", &app.typed)])
    } else if let Some(s) = &app.status {
        s.clone()
    } else {
        t("cli.app.keys").to_owned()
    };
    f.render_widget(
        Paragraph::new(line)
            .block(Block::default())
            .wrap(Wrap { trim: true }),
        status,
    );
}

fn draw_gauge(f: &mut Frame<'_>, area: Rect, m: &Model) {
    let ratio = match &m.detail {
        Detail::Timer { timer } if !timer.goal.is_zero() => {
            timer.elapsed.as_secs_f64() / timer.goal.as_secs_f64()
        }
        Detail::Step { step } => match (step.length, step.ends_at) {
            (Some(length), Some(ends)) if !length.is_zero() => {
                let left = ends
                    .duration_since(std::time::SystemTime::now())
                    .unwrap_or_default();
                1.0 - left.as_secs_f64() / length.as_secs_f64()
            }
            _ => 0.0,
        },
        _ => 1.0,
    };
    f.render_widget(
        Gauge::default()
            .block(Block::bordered())
            .ratio(ratio.clamp(0.0, 1.0))
            .label(""),
        area,
    );
}

/// Saves a copy in the current directory, readable only by the person,
/// under the first free name (`ebb-2026-12-02.json`, then
/// `ebb-2026-12-02-2.json`, ...): nothing is ever overwritten. Returns
/// what to say.
fn save_here(file_name: &str, contents: &str) -> String {
    let path = std::path::Path::new(file_name);
    let (stem, ext) = (
        path.file_stem().and_then(|s| s.to_str()).unwrap_or("ebb"),
        path.extension().and_then(|s| s.to_str()).unwrap_or("txt"),
    );
    let mut last = None;
    for n in 1..100 {
        let name = if n == 1 {
            format!("{stem}.{ext}")
        } else {
            format!("{stem}-{n}.{ext}")
        };
        let at = std::path::PathBuf::from(&name);
        if at.exists() {
            continue;
        }
        match crate::data::write_private(&at, contents.as_bytes(), false) {
            Ok(()) => {
                let shown = std::fs::canonicalize(&at).unwrap_or(at);
                return r(
                    "cli.export.saved",
                    &[("path", &shown.display().to_string())],
                );
            }
            Err(e) => last = Some(e.to_string()),
        }
    }
    last.unwrap_or_else(|| r("cli.error.file_exists", &[("path", file_name)]))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)] // tests state their expectations by unwrapping

    use ebb_core::store::{DatabaseKey, OpenOptions};
    use ebb_core::urge::Source;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::*;

    fn store(dir: &tempfile::TempDir) -> Store {
        Store::open(
            dir.path().join("ebb.db"),
            &DatabaseKey::new([7; 32]),
            OpenOptions::default(),
        )
        .unwrap()
    }

    fn frame(app: &App<'_>, width: u16, height: u16) -> String {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal.draw(|f| draw(f, app)).unwrap();
        let buffer = terminal.backend().buffer();
        (0..height)
            .map(|y| {
                (0..width)
                    .map(|x| buffer[(x, y)].symbol().to_owned())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn press(app: &mut App<'_>, c: char) {
        app.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
            .unwrap();
    }

    #[test]
    fn a_typed_digit_survives_a_redraw_and_a_tick() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = store(&dir);
        let mut app = App::new(
            &mut store,
            vec![Event::StartUrge {
                source: Source::Terminal,
            }],
            false,
        )
        .unwrap();
        press(&mut app, '1');
        assert!(frame(&app, 60, 30).contains("You typed 1"));
        // The live redraw brings the timer up to date but keeps the digit.
        app.idle().unwrap();
        assert_eq!(app.typed, "1");
        press(&mut app, '0');
        assert!(app.typed.is_empty());
        assert!(frame(&app, 60, 30).contains("Noted."));
    }

    #[test]
    fn crisis_help_is_one_key_inside_a_guide_and_back_returns_to_it() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = store(&dir);
        let mut app = App::new(
            &mut store,
            vec![Event::StartGuide {
                guide: ebb_core::guides::GuideId::Grounding54321,
                skill: None,
            }],
            false,
        )
        .unwrap();
        assert_eq!(app.model().screen, Screen::Guide);
        press(&mut app, 'h');
        assert_eq!(app.model().screen, Screen::Crisis);
        assert!(frame(&app, 40, 40).contains("112"));
        press(&mut app, 'q');
        assert_eq!(app.model().screen, Screen::Guide);
    }

    #[test]
    fn a_narrow_terminal_wraps_instead_of_losing_words() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = store(&dir);
        let app = App::new(
            &mut store,
            vec![Event::StartUrge {
                source: Source::Terminal,
            }],
            false,
        )
        .unwrap();
        let text = frame(&app, 40, 60);
        assert!(text.contains("[h] Crisis help"), "{text}");
        assert!(text.contains("[e] End the timer"), "{text}");
    }
}
