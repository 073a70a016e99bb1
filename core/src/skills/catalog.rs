//! The built-in skills and the clinical prior that matches them to needs.

use std::sync::LazyLock;
use std::time::Duration;

use super::{Requirement, Skill, SkillFamily, SkillId, Text};
use crate::content::ContentKey;
use crate::guides::{Caution, GuideId};
use crate::urge::Need;

/// The clinical prior: for each need, the built-in skills that serve it,
/// best first. A built-in serves a need exactly when it is listed here, so
/// [`Skill::needs`] of built-ins is derived from this table.
///
/// The pairing follows the function of self-injury (see `seed/`): a safer
/// replacement serves the same need.
///
/// | Need                | Skills, best first                                                   | Why                                                     |
/// |---------------------|----------------------------------------------------------------------|---------------------------------------------------------|
/// | too much            | ice, cold water, hard movement, long breaths out, squeeze, tear paper | a strong, safe sensation or the dive reflex brings arousal down |
/// | numb                | strong taste, ice, cold water, texture, 5-4-3-2-1, hard movement       | vivid input restores feeling and presence               |
/// | make pain visible   | write it down, reach a person, draw it, tear paper                   | the pain gets a form someone (or the page) can see      |
/// | control             | small task with choices, hard movement, movement grounding, breathing | choosing and pacing something gives control back        |
/// | self-punishment     | kind words, reach a person, write it down, breathing                  | compassion and connection answer the self-blame         |
/// | not sure            | every skill, gentlest first: breathing, grounding, cold, ...        | a broad, low-risk order when the need is not named      |
///
/// The order is the prior rank. The learning recommender starts from this
/// same table and moves away from it only as a person's own outcomes come in.
pub const PRIOR: &[(Need, &[SkillId])] = &[
    (
        Need::TooMuch,
        &[
            SkillId::HOLD_ICE,
            SkillId::COLD_WATER,
            SkillId::INTENSE_MOVEMENT,
            SkillId::LONG_EXHALE,
            SkillId::SQUEEZE_RELEASE,
            SkillId::TEAR_PAPER,
        ],
    ),
    (
        Need::Numb,
        &[
            SkillId::STRONG_TASTE,
            SkillId::HOLD_ICE,
            SkillId::COLD_WATER,
            SkillId::TEXTURED_OBJECT,
            SkillId::GROUNDING_54321,
            SkillId::INTENSE_MOVEMENT,
        ],
    ),
    (
        Need::MakePainVisible,
        &[
            SkillId::WRITE_IT_DOWN,
            SkillId::REACH_PERSON,
            SkillId::DRAW_IT_OUT,
            SkillId::TEAR_PAPER,
        ],
    ),
    (
        Need::Control,
        &[
            SkillId::STRUCTURED_TASK,
            SkillId::INTENSE_MOVEMENT,
            SkillId::MOVEMENT_GROUNDING,
            SkillId::LONG_EXHALE,
        ],
    ),
    (
        Need::SelfPunishment,
        &[
            SkillId::KIND_WORDS,
            SkillId::REACH_PERSON,
            SkillId::WRITE_IT_DOWN,
            SkillId::LONG_EXHALE,
        ],
    ),
    (
        Need::NotSure,
        &[
            SkillId::LONG_EXHALE,
            SkillId::GROUNDING_54321,
            SkillId::HOLD_ICE,
            SkillId::MOVEMENT_GROUNDING,
            SkillId::TEXTURED_OBJECT,
            SkillId::SQUEEZE_RELEASE,
            SkillId::KIND_WORDS,
            SkillId::WRITE_IT_DOWN,
            SkillId::REACH_PERSON,
            SkillId::COLD_WATER,
            SkillId::STRONG_TASTE,
            SkillId::INTENSE_MOVEMENT,
            SkillId::STRUCTURED_TASK,
            SkillId::DRAW_IT_OUT,
            SkillId::TEAR_PAPER,
        ],
    ),
];

/// The built-ins serving `need`, best first (a row of [`PRIOR`]).
pub fn prior(need: Need) -> &'static [SkillId] {
    PRIOR
        .iter()
        .find(|(n, _)| *n == need)
        .map_or(&[], |(_, ids)| ids)
}

/// Every built-in skill, in catalog order.
pub fn builtins() -> &'static [Skill] {
    &BUILTINS
}

static BUILTINS: LazyLock<Vec<Skill>> = LazyLock::new(|| {
    let mut skills = catalog();
    for skill in &mut skills {
        skill.needs = Need::ALL
            .into_iter()
            .filter(|need| prior(*need).contains(&skill.id))
            .collect();
    }
    skills
});

/// One built-in. `$name` is the content key stem: `skill.<name>.title`,
/// `.summary` and `.step.<n>`.
macro_rules! builtin {
    (
        $id:expr, $name:literal, steps: [$($step:literal),+ $(,)?],
        family: $family:ident, requires: [$($req:ident),* $(,)?],
        discreet: $discreet:literal, watch: $watch:literal, typical_secs: $secs:literal,
        cautions: [$($caution:ident),* $(,)?], guide: $guide:expr $(,)?
    ) => {
        Skill {
            id: $id,
            title: Text::Key(ContentKey::new(concat!("skill.", $name, ".title"))),
            summary: Text::Key(ContentKey::new(concat!("skill.", $name, ".summary"))),
            steps: vec![$(Text::Key(ContentKey::new(concat!("skill.", $name, ".step.", $step)))),+],
            needs: Vec::new(),
            requires: vec![$(Requirement::$req),*],
            discreet: $discreet,
            watch: $watch,
            typical: Duration::from_secs($secs),
            cautions: vec![$(Caution::$caution),*],
            guide: $guide,
            family: SkillFamily::$family,
        }
    };
}

fn catalog() -> Vec<Skill> {
    vec![
        builtin!(
            SkillId::HOLD_ICE, "hold_ice", steps: [1, 2, 3, 4],
            family: Cold, requires: [Ice],
            discreet: false, watch: true, typical_secs: 180,
            cautions: [IceHeldTooLong], guide: Some(GuideId::HoldIce),
        ),
        builtin!(
            SkillId::COLD_WATER, "cold_water", steps: [1, 2, 3, 4, 5],
            family: Cold, requires: [Water],
            discreet: false, watch: true, typical_secs: 120,
            cautions: [ColdWaterOnFace], guide: Some(GuideId::ColdWater),
        ),
        builtin!(
            SkillId::LONG_EXHALE, "long_exhale", steps: [1, 2, 3, 4],
            family: Breathing, requires: [],
            discreet: true, watch: true, typical_secs: 120,
            cautions: [], guide: Some(GuideId::Breathing),
        ),
        builtin!(
            SkillId::INTENSE_MOVEMENT, "intense_movement", steps: [1, 2, 3, 4],
            family: Movement, requires: [],
            discreet: false, watch: true, typical_secs: 240,
            cautions: [IntenseMovement], guide: Some(GuideId::IntenseMovement),
        ),
        builtin!(
            SkillId::STRONG_TASTE, "strong_taste", steps: [1, 2, 3, 4],
            family: Sensory, requires: [TasteOrScent],
            discreet: true, watch: true, typical_secs: 120,
            cautions: [], guide: Some(GuideId::SensoryInput),
        ),
        builtin!(
            SkillId::TEXTURED_OBJECT, "textured_object", steps: [1, 2, 3, 4],
            family: Sensory, requires: [],
            discreet: true, watch: true, typical_secs: 180,
            cautions: [], guide: Some(GuideId::SensoryInput),
        ),
        builtin!(
            SkillId::GROUNDING_54321, "grounding_54321", steps: [1, 2, 3, 4, 5, 6],
            family: Grounding, requires: [],
            discreet: true, watch: true, typical_secs: 180,
            cautions: [], guide: Some(GuideId::Grounding54321),
        ),
        builtin!(
            SkillId::MOVEMENT_GROUNDING, "movement_grounding", steps: [1, 2, 3, 4],
            family: Grounding, requires: [],
            discreet: true, watch: true, typical_secs: 180,
            cautions: [], guide: Some(GuideId::MovementGrounding),
        ),
        builtin!(
            SkillId::WRITE_IT_DOWN, "write_it_down", steps: [1, 2, 3, 4],
            family: Expression, requires: [],
            discreet: true, watch: false, typical_secs: 300,
            cautions: [], guide: Some(GuideId::WriteItDown),
        ),
        builtin!(
            SkillId::DRAW_IT_OUT, "draw_it_out", steps: [1, 2, 3, 4],
            family: Expression, requires: [Paper],
            discreet: true, watch: false, typical_secs: 300,
            cautions: [], guide: None,
        ),
        builtin!(
            SkillId::KIND_WORDS, "kind_words", steps: [1, 2, 3, 4],
            family: SelfCompassion, requires: [],
            discreet: true, watch: true, typical_secs: 180,
            cautions: [], guide: Some(GuideId::KindWords),
        ),
        builtin!(
            SkillId::REACH_PERSON, "reach_person", steps: [1, 2, 3, 4],
            family: Connection, requires: [Person],
            discreet: true, watch: false, typical_secs: 600,
            cautions: [], guide: Some(GuideId::ReachSafePerson),
        ),
        builtin!(
            SkillId::STRUCTURED_TASK, "structured_task", steps: [1, 2, 3, 4],
            family: StructuredTask, requires: [],
            discreet: true, watch: false, typical_secs: 600,
            cautions: [], guide: None,
        ),
        builtin!(
            SkillId::TEAR_PAPER, "tear_paper", steps: [1, 2, 3, 4],
            family: Release, requires: [Paper],
            discreet: false, watch: true, typical_secs: 120,
            cautions: [], guide: None,
        ),
        builtin!(
            SkillId::SQUEEZE_RELEASE, "squeeze_release", steps: [1, 2, 3, 4],
            family: Release, requires: [],
            discreet: true, watch: true, typical_secs: 90,
            cautions: [], guide: None,
        ),
    ]
}
