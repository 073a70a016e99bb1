//! Home, the first run, choosing a country, what Ebb keeps.

use super::{Ctx, Event, Flow, FlowError, Item, Model, Place, Role, Screen, Section, blank, keyed};
use crate::progress::Window;
use crate::safety::directory::{CountryCode, countries as covered, lines_for};
use crate::safety::{PlanEdit, privacy_statement, support_not_treatment};
use crate::settings::Setting;
use crate::store::Store;
use crate::urge::Source;

/// Where everything starts. With a timer running, going back to it comes
/// first.
pub(super) fn home(store: &Store, ctx: &Ctx) -> Result<Model, FlowError> {
    let mut m = blank(Screen::Home, ctx.w("flow.home.heading"));
    let running = store.active_urge()?.is_some();
    let source = match ctx.device {
        super::DeviceKind::Phone => Source::PhoneApp,
        super::DeviceKind::Watch => Source::Watch,
        super::DeviceKind::Desktop => Source::Terminal,
    };
    m.choices.push(keyed(
        ctx.choice(
            if running {
                "flow.home.back_to_timer"
            } else {
                "flow.home.start"
            },
            Role::Primary,
            Event::StartUrge { source },
        ),
        "t",
    ));
    let more: [(&'static str, Event, &str); 7] = [
        ("flow.home.guides", Event::OpenGuides, "g"),
        ("flow.home.skills", Event::OpenSkills, "s"),
        (
            "flow.home.progress",
            Event::OpenProgress {
                window: Window::Month,
            },
            "p",
        ),
        ("flow.home.plan", Event::OpenPlan, "l"),
        ("flow.home.log", Event::OpenLog, "r"),
        ("flow.home.settings", Event::OpenSettings, "o"),
        ("flow.home.privacy", Event::ShowPrivacy, "i"),
    ];
    for (label, event, key) in more {
        m.choices
            .push(keyed(ctx.choice(label, Role::Secondary, event), key));
    }
    Ok(m)
}

/// The first run: what Ebb keeps in a few lines, the country for crisis
/// lines (proposed from the device's region, changed in one step), and an
/// optional start on the plan.
pub(super) fn first_run(flow: &Flow, store: &Store, ctx: &Ctx) -> Result<Model, FlowError> {
    let mut m = blank(Screen::FirstRun, ctx.w("flow.first_run.heading"));
    m.lines.push(ctx.w("flow.first_run.what"));
    m.lines.push(ctx.w("flow.first_run.private"));
    m.lines.push(ctx.k(support_not_treatment()));
    let chosen = store.safety_plan()?.country;
    let country = chosen.or(flow.region.filter(|c| covered().contains(c)));
    m.lines.push(match country {
        Some(c) => ctx.wr("flow.first_run.country", &[("country", &name(c))]),
        None => ctx.w("flow.first_run.no_country"),
    });
    m.choices.push(keyed(
        ctx.choice(
            "flow.first_run.continue",
            Role::Primary,
            Event::FinishFirstRun { start_plan: false },
        ),
        "y",
    ));
    m.choices.push(keyed(
        ctx.choice(
            "flow.first_run.change_country",
            Role::Secondary,
            Event::ChooseCountry,
        ),
        "o",
    ));
    m.choices.push(keyed(
        ctx.choice(
            "flow.first_run.plan",
            Role::Secondary,
            Event::FinishFirstRun { start_plan: true },
        ),
        "l",
    ));
    m.choices.push(keyed(
        ctx.choice("flow.home.privacy", Role::Secondary, Event::ShowPrivacy),
        "i",
    ));
    Ok(m)
}

pub(super) fn finish_first_run(
    flow: &mut Flow,
    store: &mut Store,
    ctx: &Ctx,
    start_plan: bool,
) -> Result<(), FlowError> {
    if !store.settings()?.privacy_statement_seen {
        store.change_setting(ctx.local, Setting::PrivacyStatementSeen(true))?;
    }
    if store.safety_plan()?.country.is_none()
        && let Some(region) = flow.region.filter(|c| covered().contains(c))
    {
        match store.edit_safety_plan(ctx.local, PlanEdit::SetCountry(Some(region))) {
            // The device's region is only a starting point: a refusal
            // leaves the country unchosen, as it was.
            Ok(_) => {}
            Err(e) if e.is_refused_plan_edit() => {}
            Err(e) => return Err(e.into()),
        }
    }
    flow.back.clear();
    flow.place = Place::Home;
    if start_plan {
        flow.go(Place::Plan);
    }
    Ok(())
}

/// Countries with checked lines, the device's region first.
pub(super) fn countries(store: &Store, ctx: &Ctx) -> Result<Model, FlowError> {
    let mut m = blank(Screen::Countries, ctx.w("flow.countries.heading"));
    let chosen = store.safety_plan()?.country;
    let mut items: Vec<Item> = covered()
        .into_iter()
        .map(|c| Item {
            text: name(c),
            note: Some(
                lines_for(Some(c))
                    .lines
                    .iter()
                    .map(|l| l.name)
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            choices: vec![ctx.choice(
                if chosen == Some(c) {
                    "flow.countries.chosen"
                } else {
                    "flow.countries.choose"
                },
                Role::Answer,
                Event::SetCountry {
                    country: Some(c.as_str().to_owned()),
                },
            )],
        })
        .collect();
    items.push(Item {
        text: ctx.w("flow.countries.other"),
        note: Some(ctx.w("flow.countries.other_note")),
        choices: vec![ctx.choice(
            "flow.countries.choose",
            Role::Answer,
            Event::SetCountry { country: None },
        )],
    });
    m.sections.push(Section {
        heading: None,
        empty: None,
        items,
        choices: Vec::new(),
    });
    m.choices.push(ctx.back());
    Ok(m)
}

pub(super) fn set_country(
    flow: &mut Flow,
    store: &mut Store,
    ctx: &Ctx,
    country: Option<String>,
) -> Result<(), FlowError> {
    let code = match country.map(|c| CountryCode::new(&c)).transpose() {
        Ok(code) => code,
        Err(_) => {
            flow.problem = Some(ctx.w("flow.problem.country"));
            return Ok(());
        }
    };
    if store.safety_plan()?.country != code {
        match store.edit_safety_plan(ctx.local, PlanEdit::SetCountry(code)) {
            Ok(_) => {}
            Err(e) if e.is_refused_plan_edit() => {
                flow.problem = Some(ctx.w("flow.problem.country"));
                return Ok(());
            }
            Err(e) => return Err(e.into()),
        }
    }
    if matches!(flow.place, Place::Countries) {
        flow.go_back(store)?;
    }
    Ok(())
}

/// What Ebb keeps, where, and that nothing leaves the device.
pub(super) fn privacy(ctx: &Ctx) -> Model {
    let keys = privacy_statement();
    let mut m = blank(
        Screen::Privacy,
        keys.first().map(|k| ctx.k(*k)).unwrap_or_default(),
    );
    m.lines.extend(keys.iter().skip(1).map(|k| ctx.k(*k)));
    m.lines.push(ctx.k(support_not_treatment()));
    m.choices.push(ctx.back());
    m
}

/// A country as shown: its ISO code (names are the directory's to add).
fn name(c: CountryCode) -> String {
    c.as_str().to_owned()
}
