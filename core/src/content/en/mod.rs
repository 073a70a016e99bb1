//! English, the reference language. One file per area of the product.

mod cli;
mod common;
mod flow;
mod guides;
mod progress;
mod safety;
mod skills;
mod urge;

pub(super) const SECTIONS: &[&[(&str, &str)]] = &[
    common::ENTRIES,
    urge::ENTRIES,
    guides::ENTRIES,
    skills::ENTRIES,
    safety::ENTRIES,
    progress::ENTRIES,
    cli::ENTRIES,
    flow::ENTRIES,
];

/// Texts whose words follow a count, with the placeholder that holds it.
/// Each has a `.one` variant beside it for the CLDR "one" category; the key
/// itself holds the "other" form, so keys stay as the shells know them.
pub(super) const PLURALS: &[(&str, &str)] = &[
    ("urge.outcome.paused_for", "minutes"),
    ("urge.outcome.paused_for_seconds", "seconds"),
    ("progress.days_without.days", "days"),
    ("cli.urge.goal", "minutes"),
    ("cli.urge.extended", "minutes"),
    ("cli.progress.week_line", "urges"),
    ("cli.progress.skill_line", "uses"),
    ("cli.import.done", "added"),
    ("cli.sync.done", "added"),
];
