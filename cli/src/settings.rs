//! `ebb settings`: check-in cadence, country, goal presets, the optional
//! days-without count, and the privacy statement again.

use clap::{Args, Subcommand, ValueEnum};
use ebb_core::safety::directory::CountryCode;
use ebb_core::safety::{PlanEdit, privacy_statement, support_not_treatment};
use ebb_core::settings::{Setting, Settings};
use ebb_core::store::Store;
use ebb_core::urge::{CheckInCadence, DelayGoal};

use crate::data::{Paths, now, where_line};
use crate::safety::{country, edit_plan};
use crate::text::{Failure, Outcome, print_json, r, t};
use crate::urge::CadenceArg;

#[derive(Debug, Args)]
pub(crate) struct SettingsArgs {
    #[command(subcommand)]
    action: Option<SettingsAction>,
}

#[derive(Debug, Subcommand)]
enum SettingsAction {
    #[command(about = t("cli.help.settings.check_in"))]
    CheckIn {
        #[arg(value_enum)]
        cadence: CadenceArg,
    },
    #[command(about = t("cli.help.settings.country"))]
    Country {
        #[arg(help = t("cli.help.country"))]
        code: String,
    },
    #[command(about = t("cli.help.settings.goals"))]
    Goals {
        #[arg(required = true, num_args = 1..=6, help = t("cli.help.settings.goal_minutes"))]
        minutes: Vec<u64>,
    },
    #[command(about = t("cli.help.settings.days_without"))]
    DaysWithout {
        #[arg(value_enum)]
        value: OnOff,
    },
    #[command(about = t("cli.help.settings.privacy"))]
    Privacy,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum OnOff {
    On,
    Off,
}

/// Each change is one event naming one setting, so changes made at once
/// elsewhere are kept.
pub(crate) fn run(store: &mut Store, paths: &Paths, args: &SettingsArgs, json: bool) -> Outcome {
    let settings = store.settings()?;
    let change = match &args.action {
        None => return show(&settings, store.safety_plan()?.country, paths, json),
        Some(SettingsAction::Privacy) => {
            for key in privacy_statement() {
                println!("{}", key.text());
            }
            println!("{}", support_not_treatment().text());
            return Ok(());
        }
        Some(SettingsAction::CheckIn { cadence }) => Some(Setting::Cadence((*cadence).into())),
        Some(SettingsAction::Country { code }) => {
            // The country belongs to the safety plan, whose lines it chooses.
            let code = country(code)?;
            let plan = store.safety_plan()?;
            if plan.country != code {
                edit_plan(store, &plan, PlanEdit::SetCountry(code))?;
            }
            None
        }
        Some(SettingsAction::Goals { minutes }) => {
            let mut goals = minutes
                .iter()
                .map(|m| {
                    DelayGoal::from_minutes(*m)
                        .map_err(|_| Failure::usage("cli.error.goal", &[("got", &m.to_string())]))
                })
                .collect::<Outcome<Vec<_>>>()?;
            goals.sort();
            goals.dedup();
            Some(Setting::GoalPresets(goals))
        }
        Some(SettingsAction::DaysWithout { value }) => {
            Some(Setting::ShowDaysWithout(matches!(value, OnOff::On)))
        }
    };
    let settings = match change {
        Some(change) => store.change_setting(now(), change)?,
        None => settings,
    };
    if json {
        return print_json(&settings);
    }
    println!("{}", t("cli.settings.saved"));
    Ok(())
}

fn cadence_label(c: CheckInCadence) -> &'static str {
    t(match c {
        CheckInCadence::Never => "cli.settings.cadence.never",
        CheckInCadence::EveryMinute => "cli.settings.cadence.one",
        CheckInCadence::EveryTwoMinutes => "cli.settings.cadence.two",
        CheckInCadence::EveryFiveMinutes => "cli.settings.cadence.five",
    })
}

fn show(settings: &Settings, country: Option<CountryCode>, paths: &Paths, json: bool) -> Outcome {
    if json {
        let mut value = serde_json::json!(settings);
        value["country"] = serde_json::json!(country);
        return print_json(&serde_json::json!({
            "settings": value,
            "data_dir": paths.dir,
        }));
    }
    let goals: Vec<String> = settings
        .goal_presets
        .iter()
        .map(|g| g.minutes().to_string())
        .collect();
    println!(
        "{}",
        r(
            "cli.settings.check_in",
            &[("value", cadence_label(settings.cadence))]
        )
    );
    println!(
        "{}",
        r(
            "cli.settings.country",
            &[(
                "value",
                country
                    .as_ref()
                    .map_or(t("cli.settings.no_country"), |c| c.as_str())
            )]
        )
    );
    println!(
        "{}",
        r("cli.settings.goals", &[("value", &goals.join(", "))])
    );
    println!(
        "{}",
        t(if settings.show_days_without {
            "cli.settings.days_without_on"
        } else {
            "cli.settings.days_without_off"
        })
    );
    println!("{}", where_line(paths));
    println!("{}", t("cli.settings.hint"));
    Ok(())
}
