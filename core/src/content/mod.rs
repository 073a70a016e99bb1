//! Every word a person sees, behind a key.
//!
//! Code refers to text only through [`ContentKey`]s; the words live in one
//! table per language (`en/`), split by area so each stays readable. A
//! language other than English is added as a sibling of `en/` and a
//! [`Locale`] case; a key it lacks falls back to English. `tests/content_lint.rs`
//! checks every entry against the product's content rules.
//!
//! Texts may hold `{name}` placeholders, filled by [`render`].

use std::collections::HashMap;
use std::fmt;
use std::sync::LazyLock;

use serde::{Serialize, Serializer};

mod en;

/// A key into the text tables, such as `"urge.checkin.title"`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ContentKey(&'static str);

impl ContentKey {
    /// Names a key. Whether it exists is checked by the content tests.
    pub const fn new(key: &'static str) -> Self {
        Self(key)
    }

    /// The key as written in the tables.
    pub const fn as_str(self) -> &'static str {
        self.0
    }

    /// The English text for this key.
    pub fn text(self) -> &'static str {
        text(Locale::En, self)
    }
}

impl fmt::Debug for ContentKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ContentKey({:?})", self.0)
    }
}

impl fmt::Display for ContentKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl Serialize for ContentKey {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0)
    }
}

/// A language Ebb speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Locale {
    /// English, the reference language every key must have.
    #[default]
    En,
}

impl Locale {
    /// Every locale, for tests and settings screens.
    pub const ALL: [Locale; 1] = [Locale::En];

    /// The locale for a BCP 47 tag such as "en-GB"; English for any
    /// language Ebb does not speak yet.
    pub fn from_tag(tag: &str) -> Self {
        let _language = tag.split(['-', '_']).next().unwrap_or_default();
        Locale::En
    }

    fn table(self) -> &'static HashMap<&'static str, &'static str> {
        match self {
            Locale::En => &EN,
        }
    }
}

static EN: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    en::SECTIONS
        .iter()
        .flat_map(|s| s.iter().copied())
        .collect()
});

/// The text for `key` in `locale`, falling back to English. A key missing
/// everywhere yields the key itself, so a gap shows as a label rather than a
/// crash; the content tests keep that from shipping.
pub fn text(locale: Locale, key: ContentKey) -> &'static str {
    locale
        .table()
        .get(key.0)
        .or_else(|| EN.get(key.0))
        .copied()
        .unwrap_or(key.0)
}

/// The text for a key given as a string (from a shell), falling back to
/// English; `None` for a key Ebb does not have.
pub fn lookup(locale: Locale, key: &str) -> Option<&'static str> {
    locale.table().get(key).or_else(|| EN.get(key)).copied()
}

/// Whether `key` has an English text.
pub fn exists(key: ContentKey) -> bool {
    EN.contains_key(key.0)
}

/// The text for `key` with each `{name}` replaced by its value.
pub fn render(locale: Locale, key: ContentKey, args: &[(&str, &str)]) -> String {
    let mut out = text(locale, key).to_owned();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// Every English entry, as (key, text), in table order.
pub fn all_entries() -> impl Iterator<Item = (&'static str, &'static str)> {
    en::SECTIONS.iter().flat_map(|s| s.iter().copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_across_sections() {
        let mut seen = std::collections::HashSet::new();
        for (key, _) in all_entries() {
            assert!(seen.insert(key), "duplicate content key {key}");
        }
    }

    #[test]
    fn render_fills_placeholders() {
        let key = ContentKey::new("urge.outcome.paused_for");
        let s = render(Locale::En, key, &[("minutes", "12")]);
        assert!(s.contains("12"), "{s}");
        assert!(!s.contains('{'), "{s}");
    }

    #[test]
    fn a_missing_key_shows_itself_rather_than_failing() {
        assert_eq!(ContentKey::new("no.such.key").text(), "no.such.key");
    }
}
