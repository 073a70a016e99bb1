//! Every word a person sees, behind a key, written in Project Fluent.
//!
//! The words live in `.ftl` files, one per area of the product, per
//! language (`en/common.ftl`, `en/urge.ftl`, ...), compiled into the binary.
//! Code refers to them only through [`ContentKey`]s such as
//! `"urge.checkin.title"`; the Fluent message id is the key with each dot
//! written as a dash (`urge-checkin-title`), so the keys the shells know stay
//! as they were. A language other than English is added as a sibling of
//! `en/` and a [`Locale`] case; a message it lacks falls back to English.
//!
//! A message may hold
//! - variables, `{ $minutes }`, filled by [`render`];
//! - plural forms chosen by CLDR plural rules on a count:
//!   `{ $minutes -> [one] ... *[other] ... }`;
//! - device variants where the words must differ (no "tap" on a terminal,
//!   fewer words on a watch): `{ $device -> [watch] ... *[other] ... }`,
//!   chosen with [`render_on`].
//!
//! `tests/content_lint.rs` checks every variant of every message against the
//! product's content rules.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;
use serde::{Serialize, Serializer};

/// The English files, in the order their areas are listed.
const EN: &[(&str, &str)] = &[
    ("common", include_str!("en/common.ftl")),
    ("urge", include_str!("en/urge.ftl")),
    ("guides", include_str!("en/guides.ftl")),
    ("skills", include_str!("en/skills.ftl")),
    ("safety", include_str!("en/safety.ftl")),
    ("progress", include_str!("en/progress.ftl")),
    ("cli", include_str!("en/cli.ftl")),
    ("flow", include_str!("en/flow.ftl")),
    ("log", include_str!("en/log.ftl")),
];

/// A key into the words, such as `"urge.checkin.title"`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ContentKey(&'static str);

impl ContentKey {
    /// Names a key. Whether it exists is checked by the content tests.
    pub const fn new(key: &'static str) -> Self {
        Self(key)
    }

    /// The key as the code and the shells write it.
    pub const fn as_str(self) -> &'static str {
        self.0
    }

    /// The English text for this key (see [`text`]).
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

    fn words(self) -> &'static Words {
        match self {
            Locale::En => &ENGLISH,
        }
    }
}

/// One language's words: the Fluent bundle, and for each message its
/// default text (placeholders shown as `{name}`), every variant (for the
/// lint) and the variables that choose a variant.
struct Words {
    bundle: FluentBundle<FluentResource>,
    /// Key -> default text, in file order.
    texts: HashMap<String, String>,
    /// Keys in file order.
    order: Vec<String>,
    /// Key -> every text the message can produce.
    variants: HashMap<String, Vec<String>>,
    /// Key -> variables that select a variant (a count or the device).
    selectors: HashMap<String, BTreeSet<String>>,
    /// Key -> every variable the message shows: a render starts from each
    /// as `{name}`, so a variable left out shows as a label and the
    /// message falls to its default variant.
    variables: HashMap<String, BTreeSet<String>>,
}

static ENGLISH: LazyLock<Words> = LazyLock::new(|| Words::load("en", EN));

impl Words {
    /// Parses and checks one language's files. The files are compiled in
    /// and the tests load every one, so a file that does not parse never
    /// ships; a broken entry still loads the rest (and the content tests
    /// name it), so a person sees words rather than a crash.
    fn load(language: &str, files: &[(&str, &'static str)]) -> Self {
        let langid = language
            .parse()
            .unwrap_or_else(|_| unic_langid::LanguageIdentifier::default());
        let mut bundle = FluentBundle::new_concurrent(vec![langid]);
        // Words are joined by the shells as plain text: no bidi isolation
        // marks around placeholders in the languages Ebb speaks today.
        bundle.set_use_isolating(false);
        let mut texts = HashMap::new();
        let mut order = Vec::new();
        let mut variants = HashMap::new();
        let mut selectors = HashMap::new();
        for (_area, source) in files {
            let resource = match FluentResource::try_new((*source).to_owned()) {
                Ok(r) => r,
                Err((r, _errors)) => r,
            };
            for entry in resource.entries() {
                if let ast::Entry::Message(message) = entry
                    && let Some(pattern) = &message.value
                {
                    let key = message.id.name.replace('-', ".");
                    let mut texts = flatten(pattern);
                    for attribute in &message.attributes {
                        texts.extend(flatten(&attribute.value));
                    }
                    variants.insert(key.clone(), texts);
                    let mut chosen_by = BTreeSet::new();
                    selector_names(pattern, &mut chosen_by);
                    selectors.insert(key.clone(), chosen_by);
                    order.push(key);
                }
            }
            // Duplicate ids are refused by the bundle; the content tests
            // check that every key is unique.
            let _ = bundle.add_resource(resource);
        }
        let mut variables = HashMap::new();
        for key in &order {
            let names = shown_variables(&variants[key]);
            let default =
                format(&bundle, key, &placeholders(&names)).unwrap_or_else(|| key.clone());
            texts.insert(key.clone(), default);
            variables.insert(key.clone(), names);
        }
        Self {
            bundle,
            texts,
            order,
            variants,
            selectors,
            variables,
        }
    }

    /// This language's words when it has `key`, else English's.
    fn having(locale: Locale, key: &str) -> &'static Words {
        let words = locale.words();
        if words.texts.contains_key(key) {
            words
        } else {
            &ENGLISH
        }
    }
}

/// The variables a message's texts show (each written `{name}` in them).
fn shown_variables(texts: &[String]) -> BTreeSet<String> {
    texts
        .iter()
        .flat_map(|t| t.split('{').skip(1).filter_map(|s| s.split_once('}')))
        .map(|(name, _)| name.to_owned())
        .collect()
}

/// Arguments that show each variable as `{name}` and choose every
/// message's default variant: the template a caller fills by hand.
fn placeholders(names: &BTreeSet<String>) -> FluentArgs<'static> {
    let mut args = FluentArgs::new();
    for name in names {
        args.set(name.clone(), format!("{{{name}}}"));
    }
    args
}

fn format(bundle: &FluentBundle<FluentResource>, key: &str, args: &FluentArgs) -> Option<String> {
    let message = bundle.get_message(&key.replace('.', "-"))?;
    let pattern = message.value()?;
    let mut errors = Vec::new();
    Some(
        bundle
            .format_pattern(pattern, Some(args), &mut errors)
            .into_owned(),
    )
}

/// Every text a pattern can produce, with variables shown as `{name}`.
fn flatten(pattern: &ast::Pattern<&str>) -> Vec<String> {
    let mut texts = vec![String::new()];
    for element in &pattern.elements {
        let options: Vec<String> = match element {
            ast::PatternElement::TextElement { value } => vec![(*value).to_owned()],
            ast::PatternElement::Placeable { expression } => match expression {
                ast::Expression::Inline(inline) => vec![inline_text(inline)],
                ast::Expression::Select { variants, .. } => {
                    variants.iter().flat_map(|v| flatten(&v.value)).collect()
                }
            },
        };
        texts = texts
            .iter()
            .flat_map(|t| options.iter().map(move |o| format!("{t}{o}")))
            .collect();
    }
    texts.into_iter().map(|t| t.trim().to_owned()).collect()
}

fn inline_text(inline: &ast::InlineExpression<&str>) -> String {
    match inline {
        ast::InlineExpression::StringLiteral { value } => (*value).to_owned(),
        ast::InlineExpression::NumberLiteral { value } => (*value).to_owned(),
        ast::InlineExpression::VariableReference { id } => format!("{{{}}}", id.name),
        ast::InlineExpression::MessageReference { id, .. } => format!("{{{}}}", id.name),
        ast::InlineExpression::TermReference { id, .. } => format!("{{-{}}}", id.name),
        ast::InlineExpression::FunctionReference { id, .. } => format!("{{{}()}}", id.name),
        ast::InlineExpression::Placeable { expression } => match &**expression {
            ast::Expression::Inline(inner) => inline_text(inner),
            ast::Expression::Select { .. } => String::new(),
        },
    }
}

/// The variables a pattern's select expressions choose on.
fn selector_names(pattern: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable {
            expression: ast::Expression::Select { selector, variants },
        } = element
        {
            if let ast::InlineExpression::VariableReference { id } = selector {
                out.insert(id.name.to_owned());
            }
            for variant in variants {
                selector_names(&variant.value, out);
            }
        }
    }
}

/// The text for `key` in `locale`, falling back to English: the message's
/// default variant (the "other" plural form, the words for any device),
/// with each variable shown as `{name}`. A key missing everywhere yields
/// the key itself, so a gap shows as a label rather than a crash; the
/// content tests keep that from shipping.
pub fn text(locale: Locale, key: ContentKey) -> &'static str {
    lookup(locale, key.0).unwrap_or(key.0)
}

/// The text for a key given as a string (from a shell), as [`text`] gives
/// it, falling back to English; `None` for a key Ebb does not have.
pub fn lookup(locale: Locale, key: &str) -> Option<&'static str> {
    locale
        .words()
        .texts
        .get(key)
        .or_else(|| ENGLISH.texts.get(key))
        .map(String::as_str)
}

/// Whether `key` has an English text.
pub fn exists(key: ContentKey) -> bool {
    ENGLISH.texts.contains_key(key.0)
}

/// The words for `key` with each variable filled, for any device. A count
/// that chooses a plural form ("1 minute", "2 minutes") is given as the
/// number it will show; the language's CLDR rules pick the form.
pub fn render(locale: Locale, key: ContentKey, args: &[(&str, &str)]) -> String {
    render_for(locale, None, key.0, args)
}

/// [`render`] on a kind of device (`"phone"`, `"watch"` or `"desktop"`):
/// where the words differ by device, that device's words.
pub fn render_on(
    locale: Locale,
    device: &'static str,
    key: ContentKey,
    args: &[(&str, &str)],
) -> String {
    render_for(locale, Some(device), key.0, args)
}

fn render_for(
    locale: Locale,
    device: Option<&'static str>,
    key: &str,
    args: &[(&str, &str)],
) -> String {
    let words = Words::having(locale, key);
    let chosen_by = words.selectors.get(key);
    let selects = |name: &str| chosen_by.is_some_and(|s| s.contains(name));
    let mut fluent = words
        .variables
        .get(key)
        .map(placeholders)
        .unwrap_or_default();
    for (name, value) in args {
        // Only a value that chooses a variant is read as a number: a phone
        // number such as "0800 123" or "01" shown in the words stays as it
        // was written.
        let value: FluentValue = if selects(name) {
            FluentValue::try_number(value)
        } else {
            FluentValue::from(*value)
        };
        fluent.set(name.to_string(), value.into_owned());
    }
    if let Some(device) = device {
        fluent.set("device", device);
    }
    format(&words.bundle, key, &fluent).unwrap_or_else(|| key.to_owned())
}

/// A few words to read aloud for `key` (for a guide step heard with eyes
/// closed): the message's `.spoken` attribute where its text is long, else
/// its words.
pub fn spoken(locale: Locale, key: ContentKey) -> String {
    let words = Words::having(locale, key.0);
    let attribute = words
        .bundle
        .get_message(&key.0.replace('.', "-"))
        .and_then(|m| m.get_attribute("spoken"))
        .map(|a| {
            let mut errors = Vec::new();
            words
                .bundle
                .format_pattern(a.value(), None, &mut errors)
                .into_owned()
        });
    attribute.unwrap_or_else(|| render(locale, key, &[]))
}

/// Every English message, as (key, default text), in file order.
pub fn all_entries() -> impl Iterator<Item = (&'static str, &'static str)> {
    ENGLISH
        .order
        .iter()
        .map(|k| (k.as_str(), ENGLISH.texts[k].as_str()))
}

/// Every text every English message can produce (each plural form, each
/// device's words, each attribute such as `.spoken`), as (key, text): what
/// the content lint reads.
pub fn all_variants() -> impl Iterator<Item = (&'static str, Cow<'static, str>)> {
    ENGLISH.order.iter().flat_map(|k| {
        ENGLISH.variants[k]
            .iter()
            .map(move |t| (k.as_str(), Cow::Borrowed(t.as_str())))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The keys of messages whose words follow a count, with the variable that
    /// holds it.
    fn counted() -> impl Iterator<Item = (&'static str, &'static str)> {
        ENGLISH.order.iter().flat_map(|k| {
            ENGLISH.selectors[k]
                .iter()
                .filter(|v| v.as_str() != "device")
                .map(move |v| (k.as_str(), v.as_str()))
        })
    }

    /// The English source files, as (area, text), for tests that read them.
    fn sources() -> impl Iterator<Item = (&'static str, &'static str)> {
        EN.iter().copied()
    }

    #[test]
    fn every_file_parses_and_every_id_is_unique() {
        let mut seen = std::collections::HashSet::new();
        for (area, source) in sources() {
            let resource = FluentResource::try_new(source.to_owned());
            assert!(
                resource.is_ok(),
                "{area}.ftl: {:?}",
                resource.err().map(|e| e.1)
            );
            if let Ok(resource) = resource {
                for entry in resource.entries() {
                    match entry {
                        ast::Entry::Message(m) => {
                            assert!(
                                seen.insert(m.id.name.to_owned()),
                                "duplicate id {}",
                                m.id.name
                            );
                        }
                        ast::Entry::Junk { content } => panic!("{area}.ftl: junk {content}"),
                        _ => {}
                    }
                }
            }
        }
        assert_eq!(seen.len(), all_entries().count());
    }

    #[test]
    fn render_fills_placeholders() {
        let key = ContentKey::new("urge.outcome.paused_for");
        let s = render(Locale::En, key, &[("minutes", "12")]);
        assert_eq!(s, "You paused for 12 minutes.");
    }

    #[test]
    fn text_shows_placeholders_and_the_default_form() {
        assert_eq!(
            text(Locale::En, ContentKey::new("urge.outcome.paused_for")),
            "You paused for {minutes} minutes."
        );
    }

    #[test]
    fn english_plurals_follow_cldr_at_0_1_2_and_5() {
        let key = ContentKey::new("urge.outcome.paused_for");
        let said = |n: &str| render(Locale::En, key, &[("minutes", n)]);
        assert_eq!(said("0"), "You paused for 0 minutes.");
        assert_eq!(said("1"), "You paused for 1 minute.");
        assert_eq!(said("2"), "You paused for 2 minutes.");
        assert_eq!(said("5"), "You paused for 5 minutes.");
        assert_eq!(said("11"), "You paused for 11 minutes.");
        assert_eq!(said("21"), "You paused for 21 minutes.");
        // CLDR: "1.0" shows a fraction digit, so it is not "one".
        assert_eq!(said("1.0"), "You paused for 1.0 minutes.");
        let days = ContentKey::new("progress.days_without.days");
        assert!(render(Locale::En, days, &[("days", "1")]).starts_with("1 day since"));
        assert!(render(Locale::En, days, &[("days", "5")]).starts_with("5 days since"));
    }

    #[test]
    fn every_counted_text_has_a_one_and_an_other_form_holding_its_count() {
        let counted: Vec<_> = counted().collect();
        assert!(counted.len() >= 9, "{counted:?}");
        for (key, count) in counted {
            let said = |n: &str| render_for(Locale::En, None, key, &[(count, n)]);
            let (one, other) = (said("1"), said("2"));
            assert!(
                one.contains('1') && other.contains('2'),
                "{key}: {one} / {other}"
            );
            assert_ne!(one.replace('1', "2"), other, "{key} has one form");
        }
    }

    #[test]
    fn values_that_choose_nothing_stay_as_written() {
        let key = ContentKey::new("safety.action.text_words");
        let s = render(Locale::En, key, &[("body", "HOME"), ("number", "0800")]);
        assert!(s.contains("0800"), "{s}");
    }

    #[test]
    fn device_variants_are_chosen_by_device_and_default_elsewhere() {
        let key = ContentKey::new("flow.timer.heading");
        let watch = render_on(Locale::En, "watch", key, &[]);
        let phone = render_on(Locale::En, "phone", key, &[]);
        assert_ne!(watch, phone);
        assert_eq!(phone, render(Locale::En, key, &[]));
        assert_eq!(phone, text(Locale::En, key));
    }

    #[test]
    fn a_long_step_has_short_spoken_words_and_a_short_one_speaks_itself() {
        let long = ContentKey::new("guide.hold_ice.get");
        assert_eq!(spoken(Locale::En, long), "Get some ice.");
        let short = ContentKey::new("guide.breathing.in");
        assert_eq!(spoken(Locale::En, short), text(Locale::En, short));
    }

    #[test]
    fn a_missing_key_shows_itself_rather_than_failing() {
        assert_eq!(ContentKey::new("no.such.key").text(), "no.such.key");
        assert_eq!(
            render(Locale::En, ContentKey::new("no.such.key"), &[]),
            "no.such.key"
        );
    }
}
