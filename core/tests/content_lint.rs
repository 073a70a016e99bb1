//! Every word Ebb shows, checked against the product's content rules
//! (`CONTENT.md`): no shaming or judging words, no method, tool or injury
//! detail, no exclamation marks or urgency pressure, no risk language; and
//! every key the code names exists.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests state their expectations by unwrapping

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use ebb_core::content::{self, ContentKey};

/// Words that shame or judge. Matched as whole words, any case.
const SHAMING: &[&str] = &[
    "relapse",
    "relapsed",
    "relapses",
    "fail",
    "failed",
    "failing",
    "failure",
    "failures",
    "clean",
    "slip",
    "slipped",
    "slips",
    "weak",
    "weakness",
    "streak",
    "attention-seeking",
    "attention seeking",
    "manipulative",
    "dramatic",
    "selfish",
    "pathetic",
    "shameful",
    "bad person",
    "should have",
    "give in",
    "gave in",
];

/// Method, tool and injury detail. Matched as whole words, any case.
const METHOD_OR_INJURY: &[&str] = &[
    "cut",
    "cuts",
    "cutting",
    "blade",
    "blades",
    "razor",
    "razors",
    "knife",
    "knives",
    "scissors",
    "lighter",
    "burn",
    "burns",
    "burning",
    "scratch",
    "scratching",
    "blood",
    "bleed",
    "bleeding",
    "scar",
    "scars",
    "overdose",
    "pills",
    "ligature",
    "noose",
    "hang",
    "hanging",
    "wound",
    "wounds",
];

/// Urgency pressure and risk language.
const PRESSURE_OR_RISK: &[&str] = &[
    "hurry",
    "immediately",
    "you must",
    "before it's too late",
    "risk",
    "risk level",
    "risk score",
    "predict",
    "prediction",
    "likely to",
];

/// Words that care information may use and nothing else may: general first
/// aid says to clean and cover, when to get help for bleeding that will not
/// stop, and to cool a burn under running water (CONTENT.md rule 13). Keys
/// under these prefixes get this allowance.
const CARE_PREFIXES: &[&str] = &["care."];
const CARE_WORDS: &[&str] = &["clean", "bleeding", "wound", "scar", "scars", "burn"];

/// The rule a text breaks, if any.
fn violation(key: &str, text: &str) -> Option<String> {
    if text.contains('!') {
        return Some("an exclamation mark".into());
    }
    if text.trim().is_empty() {
        return Some("no text".into());
    }
    let lower = text.to_lowercase();
    let care = CARE_PREFIXES.iter().any(|p| key.starts_with(p));
    for list in [SHAMING, METHOD_OR_INJURY, PRESSURE_OR_RISK] {
        for word in list {
            if care && CARE_WORDS.contains(word) {
                continue;
            }
            if contains_phrase(&lower, word) {
                return Some(format!("the word {word:?}"));
            }
        }
    }
    None
}

/// Whether `phrase` occurs in `text` bounded by non-letters on both sides.
fn contains_phrase(text: &str, phrase: &str) -> bool {
    let is_letter = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    text.match_indices(phrase).any(|(i, m)| {
        let before = text[..i].chars().next_back();
        let after = text[i + m.len()..].chars().next();
        !is_letter(before) && !is_letter(after)
    })
}

#[test]
fn the_lint_catches_what_it_should() {
    assert!(violation("x", "You failed again.").is_some());
    assert!(violation("x", "Take a breath!").is_some());
    assert!(violation("x", "Your streak is over.").is_some());
    assert!(violation("x", "Put the blade away.").is_some());
    assert!(violation("x", "Your risk level is high.").is_some());
    assert!(violation("x", "Keep it clean.").is_some());
    assert!(violation("care.injury", "Keep it clean and covered.").is_none());
    // Burn first aid is care information; anywhere else "burn" is method detail.
    assert!(violation("care.injury", "Cool a burn under running water.").is_none());
    assert!(violation("guide.x", "Cool a burn under running water.").is_some());
    // Whole words only: "shortcut" and "weakly" are not flagged for "cut" or "weak".
    assert!(violation("x", "A shortcut to the timer.").is_none());
    assert!(violation("x", "You breathe out slowly.").is_none());
}

#[test]
fn every_text_follows_the_content_rules() {
    let broken: Vec<String> = content::all_variants()
        .filter_map(|(key, text)| violation(key, &text).map(|why| format!("{key}: {why}: {text}")))
        .collect();
    assert!(
        broken.is_empty(),
        "content breaks the rules:\n{}",
        broken.join("\n")
    );
}

#[test]
fn keys_are_dotted_lowercase_and_texts_are_trimmed() {
    for (key, text) in content::all_variants() {
        assert!(
            key.split('.').count() >= 2
                && key
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '_'),
            "badly formed key {key}"
        );
        assert_eq!(text, text.trim(), "{key} has stray whitespace");
        assert!(!text.contains('\u{2068}'), "{key} has an isolation mark");
        assert!(!text.contains("  "), "{key} has a double space");
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every dotted key literal in the code (outside the tables) must exist, so
/// a typo never shows a raw key to a person.
#[test]
fn every_key_the_code_names_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let mut files = Vec::new();
    for crate_dir in ["core/src", "cli/src", "bindings/src"] {
        rust_files(&root.join(crate_dir), &mut files);
    }
    let areas: HashSet<&str> = content::all_entries()
        .map(|(k, _)| k.split('.').next().unwrap_or(""))
        .collect();
    let mut missing = Vec::new();
    let mut checked = 0;
    for file in files {
        if file.components().any(|c| c.as_os_str() == "content") {
            continue;
        }
        let source = std::fs::read_to_string(&file).unwrap();
        for literal in source.split('"').skip(1).step_by(2) {
            if looks_like_key(literal, &areas) {
                checked += 1;
                let key = ContentKey::new(Box::leak(literal.to_owned().into_boxed_str()));
                if !content::exists(key) {
                    missing.push(format!("{}: {literal}", file.display()));
                }
            }
        }
    }
    assert!(
        checked > 10,
        "the scan found only {checked} keys; is it reading the code?"
    );
    assert!(
        missing.is_empty(),
        "keys with no text:\n{}",
        missing.join("\n")
    );
}

/// A key is a known area prefix followed by dotted snake-case parts.
fn looks_like_key(s: &str, areas: &HashSet<&str>) -> bool {
    let first = s.split('.').next().unwrap_or("");
    s.contains('.')
        && areas.contains(first)
        && s.split('.').all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        })
}
