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
