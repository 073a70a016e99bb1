//! English, the reference language. One file per area of the product.

mod cli;
mod common;
mod guides;
mod progress;
mod skills;
mod urge;

pub(super) const SECTIONS: &[&[(&str, &str)]] = &[
    common::ENTRIES,
    urge::ENTRIES,
    guides::ENTRIES,
    skills::ENTRIES,
    progress::ENTRIES,
    cli::ENTRIES,
];
