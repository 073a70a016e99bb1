//! Crisis help that needs nothing else: which country's lines to show, and
//! the crisis screen when the log cannot be opened.
//!
//! The bundled directory is compiled in, so crisis lines never wait for the
//! database. The country comes from the person's own choice (the plan's,
//! or the copy kept beside the database for when the plan cannot be read:
//! see [`crate::store::kept_country`]), else from the device's region. The
//! plan and the person's people join the screen when the log opens. Every
//! shell builds the screen here, so a phone with a lost key and `ebb` on a
//! damaged file show the same lines for the same country.

use super::directory::CountryCode;
use super::escalation::{CrisisScreen, crisis_screen_in};
use super::plan::SafetyPlan;
use crate::content::Locale;

/// The country whose lines crisis help shows: the one the person chose,
/// else the device's region, else none (the international fallback: 112
/// and the local emergency number).
pub fn crisis_country(
    chosen: Option<CountryCode>,
    region: Option<CountryCode>,
) -> Option<CountryCode> {
    chosen.or(region)
}

/// The crisis screen from what is at hand: the plan when the log opened
/// (`None` when it did not), and the country from [`crisis_country`]. The
/// plan's own country, when it has one, wins over `country`. Without a
/// plan the screen has the bundled lines and the emergency hint, and each
/// plan step shows its prompt.
pub fn crisis_screen(
    plan: Option<&SafetyPlan>,
    country: Option<CountryCode>,
    locale: Locale,
) -> CrisisScreen {
    let empty;
    let plan = match plan {
        Some(plan) => plan,
        None => {
            empty = SafetyPlan::empty();
            &empty
        }
    };
    crisis_screen_in(plan, plan.country.or(country), locale)
}

/// The region of a locale name: `en_GB.UTF-8` and `en-GB` give `GB`,
/// `de_DE@euro` gives `DE`. Names without a two-letter region (`C`,
/// `POSIX`, `C.UTF-8`, `es_419`) give `None`.
pub fn region_of_locale(name: &str) -> Option<CountryCode> {
    // Drop the codeset and modifier: language[_territory][.codeset][@modifier].
    let name = name.split(['.', '@']).next()?;
    let mut parts = name.split(['_', '-']);
    parts.next()?;
    // BCP 47 may put a script before the region (`zh-Hant-TW`).
    parts
        .find(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_alphabetic()))
        .and_then(|p| CountryCode::new(p).ok())
}

/// The region of a terminal's locale, from the variables POSIX consults for
/// messages, in its order: `LC_ALL`, then `LC_MESSAGES`, then `LANG`. The
/// first that names a region decides; one set to `C` or `POSIX` says
/// nothing about where the person is, so the next is asked. `var` reads an
/// environment variable (passed in so the core reads no environment).
pub fn terminal_region(var: impl Fn(&str) -> Option<String>) -> Option<CountryCode> {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .filter_map(&var)
        .find_map(|value| region_of_locale(&value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::safety::directory::lines_for;

    fn code(c: &str) -> CountryCode {
        CountryCode::new(c).unwrap()
    }

    #[test]
    fn locale_names_give_their_region() {
        assert_eq!(region_of_locale("en_GB.UTF-8"), Some(CountryCode::GB));
        assert_eq!(region_of_locale("en-AU"), Some(CountryCode::AU));
        assert_eq!(region_of_locale("de_DE@euro"), Some(code("DE")));
        assert_eq!(region_of_locale("zh-Hant-TW"), Some(code("TW")));
        assert_eq!(
            region_of_locale("fr_CA.ISO-8859-1@x"),
            Some(CountryCode::CA)
        );
        for none in ["C", "POSIX", "C.UTF-8", "en", "es_419", "", "_", "en_G"] {
            assert_eq!(region_of_locale(none), None, "{none:?}");
        }
    }

    #[test]
    fn lc_all_then_lc_messages_then_lang() {
        fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
            move |k: &str| {
                vars.iter()
                    .find(|(name, _)| *name == k)
                    .map(|(_, v)| (*v).to_owned())
            }
        }
        let all = [
            ("LC_ALL", "en_IE.UTF-8"),
            ("LC_MESSAGES", "en_NZ.UTF-8"),
            ("LANG", "en_GB.UTF-8"),
        ];
        assert_eq!(terminal_region(env(&all)), Some(CountryCode::IE));
        assert_eq!(terminal_region(env(&all[1..])), Some(CountryCode::NZ));
        assert_eq!(terminal_region(env(&all[2..])), Some(CountryCode::GB));
        assert_eq!(
            terminal_region(env(&[("LC_ALL", "C"), ("LANG", "en_US.UTF-8")])),
            Some(CountryCode::US)
        );
        assert_eq!(terminal_region(env(&[])), None);
    }

    #[test]
    fn the_chosen_country_wins_over_the_region() {
        assert_eq!(
            crisis_country(Some(CountryCode::GB), Some(CountryCode::US)),
            Some(CountryCode::GB)
        );
        assert_eq!(
            crisis_country(None, Some(CountryCode::US)),
            Some(CountryCode::US)
        );
        assert_eq!(crisis_country(None, None), None);
    }

    #[test]
    fn without_a_plan_the_screen_has_the_countrys_lines() {
        let screen = crisis_screen(None, Some(CountryCode::GB), Locale::En);
        let bundled = lines_for(Some(CountryCode::GB)).lines;
        assert!(!bundled.is_empty());
        assert_eq!(screen.lines.len(), bundled.len());
        assert!(screen.lines.iter().all(|l| !l.own));
        assert_eq!(screen.lines[0].name, bundled[0].name);
        assert!(screen.people.is_empty());
        assert_eq!(screen.plan, SafetyPlan::empty());
    }

    #[test]
    fn with_no_country_at_all_the_screen_still_has_emergency_numbers() {
        let screen = crisis_screen(None, None, Locale::En);
        assert!(!screen.lines.is_empty());
        assert!(screen.coverage_note.is_some());
    }

    #[test]
    fn the_plans_country_wins_over_the_one_passed() {
        let mut plan = SafetyPlan::empty();
        plan.country = Some(CountryCode::AU);
        let screen = crisis_screen(Some(&plan), Some(CountryCode::GB), Locale::En);
        let au = lines_for(Some(CountryCode::AU)).lines;
        assert_eq!(screen.lines[0].name, au[0].name);
    }
}
