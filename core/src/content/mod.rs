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

/// The text for `key` with each `{name}` replaced by its value. A text that
/// follows a count (see [`plural_count`]) takes the form for that count by
/// the language's plural rules: "1 minute", "2 minutes".
pub fn render(locale: Locale, key: ContentKey, args: &[(&str, &str)]) -> String {
    let template = plural_count(key)
        .and_then(|name| args.iter().find(|(n, _)| *n == name))
        .filter(|(_, count)| Plural::of(locale, count) == Plural::One)
        .and_then(|_| lookup(locale, &format!("{}.one", key.0)))
        .unwrap_or_else(|| text(locale, key));
    let mut out = template.to_owned();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// A plural category, as CLDR names them. English has two.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Plural {
    /// "1 minute".
    One,
    /// "0 minutes", "2 minutes", "1.5 minutes".
    Other,
}

impl Plural {
    /// The category of `count` (a number as it will be shown) in `locale`.
    /// English follows CLDR: "one" when the integer part is 1 and no
    /// fraction digits are shown (`1`, not `1.0`); everything else is
    /// "other".
    pub fn of(locale: Locale, count: &str) -> Plural {
        match locale {
            Locale::En => {
                let count = count.trim();
                let (integer, fraction) = count.split_once('.').unwrap_or((count, ""));
                let integer = integer.trim_start_matches('0');
                if integer == "1" && fraction.is_empty() {
                    Plural::One
                } else {
                    Plural::Other
                }
            }
        }
    }

    /// The category of a whole number.
    pub fn of_count(locale: Locale, count: u64) -> Plural {
        Plural::of(locale, &count.to_string())
    }
}

/// The placeholder that holds the count, for a text whose words follow one.
pub fn plural_count(key: ContentKey) -> Option<&'static str> {
    en::PLURALS
        .iter()
        .find(|(k, _)| *k == key.0)
        .map(|(_, name)| *name)
}

/// Every text that follows a count, as (key, placeholder).
pub fn plural_keys() -> impl Iterator<Item = (&'static str, &'static str)> {
    en::PLURALS.iter().copied()
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
    fn english_plurals_follow_cldr_at_0_1_2_and_5() {
        let en = |n: u64| Plural::of_count(Locale::En, n);
        assert_eq!(en(0), Plural::Other);
        assert_eq!(en(1), Plural::One);
        assert_eq!(en(2), Plural::Other);
        assert_eq!(en(5), Plural::Other);
        assert_eq!(Plural::of(Locale::En, "1.0"), Plural::Other);
        assert_eq!(Plural::of(Locale::En, "11"), Plural::Other);
        assert_eq!(Plural::of(Locale::En, "21"), Plural::Other);
    }

    #[test]
    fn counted_texts_take_the_form_for_their_count() {
        let key = ContentKey::new("urge.outcome.paused_for");
        let said = |n: &str| render(Locale::En, key, &[("minutes", n)]);
        assert_eq!(said("0"), "You paused for 0 minutes.");
        assert_eq!(said("1"), "You paused for 1 minute.");
        assert_eq!(said("2"), "You paused for 2 minutes.");
        assert_eq!(said("5"), "You paused for 5 minutes.");
        let days = ContentKey::new("progress.days_without.days");
        assert!(render(Locale::En, days, &[("days", "1")]).starts_with("1 day since"));
        assert!(render(Locale::En, days, &[("days", "5")]).starts_with("5 days since"));
    }

    #[test]
    fn every_counted_text_has_both_forms_with_its_placeholder() {
        for (key, count) in plural_keys() {
            let placeholder = format!("{{{count}}}");
            let other = lookup(Locale::En, key).unwrap_or_default();
            let one = lookup(Locale::En, &format!("{key}.one")).unwrap_or_default();
            assert!(other.contains(&placeholder), "{key}: {other}");
            assert!(one.contains(&placeholder), "{key}.one: {one}");
            assert_ne!(one, other, "{key}");
        }
    }

    #[test]
    fn a_missing_key_shows_itself_rather_than_failing() {
        assert_eq!(ContentKey::new("no.such.key").text(), "no.such.key");
    }
}
