//! The progress review as a screen: figures with their words, the series
//! behind the charts with dates, and a comparison only when the earlier
//! window has something to compare with.

use std::time::Duration;

use super::timer::{clock, date};
use super::{Ctx, Detail, Event, FlowError, Item, Model, Point, ProgressDetail, Role, Screen};
use super::{Section, blank, keyed};
use crate::progress::{DaysWithout, Figures, ReviewOptions, Window};
use crate::store::Store;

pub(super) fn progress(store: &Store, ctx: &Ctx, window: Window) -> Result<Model, FlowError> {
    let settings = store.settings()?;
    let review = store.progress(
        ctx.now,
        ReviewOptions {
            window,
            show_days_without: settings.show_days_without,
        },
    )?;
    let c = &review.current;
    let mut m = blank(Screen::Progress, ctx.w("flow.progress.heading"));
    let period = ctx.wr(
        "flow.progress.period",
        &[
            ("from", &date(c.from, ctx)),
            ("to", &date(c.to - chrono::Duration::milliseconds(1), ctx)),
        ],
    );
    m.lines.push(period.clone());
    if c.urges == 0 {
        m.lines.push(ctx.w("flow.progress.nothing_yet"));
    }
    let previous = review.previous.as_ref();
    let figure = |key: &'static str, now: String, before: Option<String>| Item {
        text: ctx.w(key),
        note: Some(match before {
            Some(b) => ctx.wr(
                "flow.progress.with_before",
                &[("now", &now), ("before", &b)],
            ),
            None => now,
        }),
        choices: Vec::new(),
    };
    let count = |f: fn(&Figures) -> u32| previous.map(|p| f(p).to_string());
    let pause = |d: Option<Duration>| d.map_or_else(|| ctx.w("flow.progress.none"), clock);
    m.sections.push(Section {
        heading: Some(ctx.w("flow.progress.figures")),
        empty: None,
        items: vec![
            figure(
                "flow.progress.urges",
                c.urges.to_string(),
                count(|f| f.urges),
            ),
            figure(
                "flow.progress.passed_safely",
                c.passed_safely.to_string(),
                count(|f| f.passed_safely),
            ),
            figure(
                "flow.progress.median_pause",
                pause(c.median_pause),
                previous.map(|p| pause(p.median_pause)),
            ),
            figure(
                "flow.progress.longest_pause",
                pause(c.longest_pause),
                previous.map(|p| pause(p.longest_pause)),
            ),
            figure(
                "flow.progress.safer_choices",
                c.safer_choices_when_strong.to_string(),
                count(|f| f.safer_choices_when_strong),
            ),
            figure(
                "flow.progress.reached_out",
                c.reached_out.total().to_string(),
                count(|f| f.reached_out.total()),
            ),
            figure(
                "flow.progress.self_harm",
                c.self_harm_episodes.to_string(),
                count(|f| f.self_harm_episodes),
            ),
        ],
        choices: Vec::new(),
    });
    if previous.is_some() {
        m.sections.push(Section {
            heading: Some(ctx.w("flow.progress.movement")),
            empty: None,
            items: review
                .trends
                .iter()
                .map(|t| Item {
                    text: ctx.k(t.text()),
                    note: None,
                    choices: Vec::new(),
                })
                .collect(),
            choices: Vec::new(),
        });
    }
    let book = store.skill_book()?;
    let title = |id: &str| {
        crate::skills::SkillId::new(id)
            .ok()
            .and_then(|id| {
                book.get(&id)
                    .map(|s| s.title.in_locale(ctx.locale).to_owned())
            })
            .unwrap_or_else(|| id.to_owned())
    };
    let needs: Vec<Item> = c
        .needs
        .iter()
        .filter(|n| n.urges > 0)
        .map(|n| Item {
            text: n.need.map_or_else(
                || ctx.w("flow.progress.need_unsaid"),
                |need| ctx.k(need.label()),
            ),
            note: Some(ctx.wr(
                "flow.progress.urges_count",
                &[("urges", &n.urges.to_string())],
            )),
            choices: Vec::new(),
        })
        .collect();
    if !needs.is_empty() {
        m.sections.push(Section {
            heading: Some(ctx.w("flow.progress.needs")),
            empty: None,
            items: needs,
            choices: Vec::new(),
        });
    }
    if !c.skills.is_empty() {
        m.sections.push(Section {
            heading: Some(ctx.w("flow.progress.skills")),
            empty: None,
            items: c
                .skills
                .iter()
                .map(|s| {
                    let used = ctx.wr("flow.progress.skill_used", &[("uses", &s.uses.to_string())]);
                    let helped = s.helped_share.filter(|_| s.answered_uses > 0).map(|share| {
                        ctx.wr(
                            "flow.progress.skill_helped",
                            &[
                                ("used", &used),
                                (
                                    "helped",
                                    &(share * f64::from(s.answered_uses)).round().to_string(),
                                ),
                                ("answered", &s.answered_uses.to_string()),
                            ],
                        )
                    });
                    Item {
                        text: title(&s.skill),
                        note: Some(helped.unwrap_or(used)),
                        choices: Vec::new(),
                    }
                })
                .collect(),
            choices: Vec::new(),
        });
    }
    if !review.feelings.is_empty() {
        m.sections.push(Section {
            heading: Some(ctx.w("flow.progress.feelings")),
            empty: None,
            items: review
                .feelings
                .iter()
                .map(|f| {
                    let came = ctx.wr(
                        "flow.progress.feeling_came",
                        &[("urges", &f.urges.to_string())],
                    );
                    let helped: Vec<String> = f.helped.iter().map(|s| title(s)).collect();
                    Item {
                        text: ctx.k(f.feeling.label()),
                        note: Some(if helped.is_empty() {
                            came
                        } else {
                            ctx.wr(
                                "flow.progress.feeling_helped",
                                &[("came", &came), ("skills", &helped.join(", "))],
                            )
                        }),
                        choices: Vec::new(),
                    }
                })
                .collect(),
            choices: Vec::new(),
        });
    }
    if let Some(d) = review.days_without {
        let days = match d {
            DaysWithout::Days(n) => n.to_string(),
            DaysWithout::NoneLogged => String::new(),
        };
        m.lines.push(ctx.wr(d.text().as_str(), &[("days", &days)]));
    }
    for (i, w) in Window::ALL.iter().enumerate() {
        if *w != window {
            m.choices.push(keyed(
                ctx.choice(
                    match w {
                        Window::Week => "flow.progress.week",
                        Window::Month => "flow.progress.month",
                        Window::NinetyDays => "flow.progress.ninety_days",
                        Window::AllTime => "flow.progress.all_time",
                    },
                    Role::Secondary,
                    Event::OpenProgress { window: *w },
                ),
                &(i + 1).to_string(),
            ));
        }
    }
    m.choices.push(ctx.back());
    m.detail = Detail::Progress {
        progress: ProgressDetail {
            window,
            from: c.from.into(),
            to: c.to.into(),
            period,
            weekly: review
                .weekly
                .iter()
                .map(|w| Point {
                    from: w.from.into(),
                    to: w.to.into(),
                    urges: w.urges,
                    passed_safely: w.passed_safely,
                    self_harm: w.self_harm_episodes,
                    median_pause: w.median_pause,
                })
                .collect(),
            by_hour: c.urges_by_hour.to_vec(),
            by_weekday: c.urges_by_weekday.to_vec(),
        },
    };
    Ok(m)
}
