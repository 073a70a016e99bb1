//! The default timeline of every guide other than breathing.
//!
//! Lengths are chosen to be followed without hurry: a step that needs
//! fetching something (ice, a bowl of water) or the person's own words is
//! open and waits for them; every other step moves on by itself and can be
//! skipped. Most guides end with a check-in that asks nothing in return.

use std::time::Duration;

use super::breathing::{self, BreathingPattern, ExhaleLength};
use super::{Caution, Guide, GuideId, Step, StepKind, StepLength, feel};
use crate::content::ContentKey;
use crate::haptics::HapticPattern;

/// The longest the ice is held: from picking it up to the step that says
/// to put it down. Cold held longer starts to hurt the skin.
pub const ICE_HOLD_LIMIT: Duration = Duration::from_secs(3 * 60);
/// How long the breath is held with the face in cold water (DBT TIPP: about
/// 30 seconds). The text says to come up sooner whenever needed.
pub const COLD_WATER_HOLD: Duration = Duration::from_secs(30);
/// One burst of intense movement.
pub const INTENSE_EFFORT: Duration = Duration::from_secs(30);
/// The rest between bursts.
pub const INTENSE_REST: Duration = Duration::from_secs(15);
/// All bursts of intense movement together stay within this: enough to use
/// up a surge of energy, short enough for any fitness.
pub const INTENSE_EFFORT_LIMIT: Duration = Duration::from_secs(3 * 60);

const CHECK_IN: Duration = Duration::from_secs(20);

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

/// A timed step that starts with a soft tap.
fn timed(kind: StepKind, text: &'static str, length: Duration) -> Step {
    Step {
        kind,
        text: ContentKey::new(text),
        length: StepLength::Timed(length),
        haptic: feel::soft_tap(),
    }
}

/// A step that waits for the person.
fn open(kind: StepKind, text: &'static str) -> Step {
    Step {
        kind,
        text: ContentKey::new(text),
        length: StepLength::Open,
        haptic: feel::soft_tap(),
    }
}

/// A moment to notice the urge now; whatever it is, is fine.
fn check_in() -> Step {
    timed(StepKind::CheckIn, "guide.check_in", CHECK_IN)
}

fn guide(id: GuideId, title: &'static str, intro: &'static str, steps: Vec<Step>) -> Guide {
    Guide {
        id,
        title: ContentKey::new(title),
        intro: Some(ContentKey::new(intro)),
        cautions: Vec::new(),
        steps,
    }
}

/// Get ice, hold it, notice, switch hands, check in, put it down and warm
/// the hand. Held for 2 min 40 s in all, within [`ICE_HOLD_LIMIT`].
pub(super) fn hold_ice() -> Guide {
    use StepKind::{Instruction, Prompt};
    Guide {
        cautions: vec![Caution::IceHeldTooLong],
        ..guide(
            GuideId::HoldIce,
            "guide.hold_ice.title",
            "guide.hold_ice.intro",
            vec![
                open(Instruction, "guide.hold_ice.get"),
                timed(Instruction, "guide.hold_ice.hold", secs(40)),
                timed(Prompt, "guide.hold_ice.notice", secs(30)),
                Step {
                    haptic: feel::double_tap(),
                    ..timed(Instruction, "guide.hold_ice.switch", secs(40))
                },
                timed(Prompt, "guide.hold_ice.notice_again", secs(30)),
                check_in(),
                Step {
                    haptic: feel::double_tap(),
                    ..timed(Instruction, "guide.hold_ice.put_down", secs(30))
                },
            ],
        )
    }
}

/// Prepare cold water or a cold pack, breathe in, hold the breath with the
/// face in the cold for [`COLD_WATER_HOLD`], come up, a few slow breaths
/// with a longer breath out, check in.
pub(super) fn cold_water() -> Guide {
    use StepKind::{Hold, Inhale, Instruction};
    let mut steps = vec![
        open(Instruction, "guide.cold_water.prepare"),
        Step {
            haptic: HapticPattern::rising(secs(4)),
            ..timed(Inhale, "guide.cold_water.breath_in", secs(4))
        },
        timed(Hold, "guide.cold_water.hold", COLD_WATER_HOLD),
        Step {
            haptic: feel::double_tap(),
            ..timed(Instruction, "guide.cold_water.come_up", secs(6))
        },
    ];
    steps.extend(breathing::breaths(
        BreathingPattern::ExtendedExhale {
            exhale: ExhaleLength::DEFAULT,
        },
        4,
    ));
    steps.push(check_in());
    Guide {
        cautions: vec![Caution::ColdWaterOnFace],
        ..guide(
            GuideId::ColdWater,
            "guide.cold_water.title",
            "guide.cold_water.intro",
            steps,
        )
    }
}

/// Five things seen, four touched, three heard, two smelled, one tasted.
pub(super) fn grounding_54321() -> Guide {
    use StepKind::{Instruction, Prompt};
    guide(
        GuideId::Grounding54321,
        "guide.grounding_54321.title",
        "guide.grounding_54321.intro",
        vec![
            timed(Instruction, "guide.grounding_54321.begin", secs(10)),
            timed(Prompt, "guide.grounding_54321.see", secs(40)),
            timed(Prompt, "guide.grounding_54321.touch", secs(40)),
            timed(Prompt, "guide.grounding_54321.hear", secs(30)),
            timed(Prompt, "guide.grounding_54321.smell", secs(30)),
            timed(Prompt, "guide.grounding_54321.taste", secs(20)),
            check_in(),
        ],
    )
}

/// Feet pressed into the floor, slow stretches, noticing the body.
pub(super) fn movement_grounding() -> Guide {
    use StepKind::{Instruction, Prompt};
    guide(
        GuideId::MovementGrounding,
        "guide.movement_grounding.title",
        "guide.movement_grounding.intro",
        vec![
            timed(Instruction, "guide.movement_grounding.begin", secs(15)),
            timed(Instruction, "guide.movement_grounding.feet", secs(30)),
            timed(Instruction, "guide.movement_grounding.reach", secs(30)),
            timed(Instruction, "guide.movement_grounding.shoulders", secs(30)),
            timed(Instruction, "guide.movement_grounding.head", secs(30)),
            timed(Instruction, "guide.movement_grounding.palms", secs(30)),
            timed(Prompt, "guide.movement_grounding.notice", secs(20)),
            check_in(),
        ],
    )
}

/// Running in place, wall sit and push-ups, twice round:
/// [`INTENSE_EFFORT`] on, [`INTENSE_REST`] off, then a slow cool-down.
pub(super) fn intense_movement() -> Guide {
    use StepKind::{Effort, Instruction, Rest};
    let exercises = [
        "guide.intense_movement.run",
        "guide.intense_movement.wall_sit",
        "guide.intense_movement.push_ups",
    ];
    let mut steps = vec![timed(Instruction, "guide.intense_movement.ready", secs(10))];
    for (i, text) in exercises
        .iter()
        .cycle()
        .take(2 * exercises.len())
        .enumerate()
    {
        if i > 0 {
            steps.push(timed(Rest, "guide.intense_movement.rest", INTENSE_REST));
        }
        steps.push(Step {
            haptic: feel::double_tap(),
            ..timed(Effort, text, INTENSE_EFFORT)
        });
    }
    steps.push(timed(
        Instruction,
        "guide.intense_movement.cool_down",
        secs(30),
    ));
    steps.push(check_in());
    Guide {
        cautions: vec![Caution::IntenseMovement],
        ..guide(
            GuideId::IntenseMovement,
            "guide.intense_movement.title",
            "guide.intense_movement.intro",
            steps,
        )
    }
}

/// One strong taste, smell or texture, given full attention.
pub(super) fn sensory_input() -> Guide {
    use StepKind::{Instruction, Prompt};
    guide(
        GuideId::SensoryInput,
        "guide.sensory_input.title",
        "guide.sensory_input.intro",
        vec![
            open(Instruction, "guide.sensory_input.choose"),
            timed(Prompt, "guide.sensory_input.focus", secs(30)),
            timed(Prompt, "guide.sensory_input.notice", secs(30)),
            timed(Prompt, "guide.sensory_input.again", secs(30)),
            check_in(),
        ],
    )
}

/// Free writing in open steps; nothing has to be written.
pub(super) fn write_it_down() -> Guide {
    use StepKind::{Instruction, Prompt, Writing};
    guide(
        GuideId::WriteItDown,
        "guide.write_it_down.title",
        "guide.write_it_down.intro",
        vec![
            timed(Instruction, "guide.write_it_down.begin", secs(10)),
            open(Writing, "guide.write_it_down.urge"),
            open(Writing, "guide.write_it_down.need"),
            timed(Prompt, "guide.write_it_down.close", secs(10)),
            check_in(),
        ],
    )
}

/// Picturing a younger self, finding kind words for them, saying them to
/// oneself.
pub(super) fn kind_words() -> Guide {
    use StepKind::{Instruction, Prompt};
    guide(
        GuideId::KindWords,
        "guide.kind_words.title",
        "guide.kind_words.intro",
        vec![
            timed(Prompt, "guide.kind_words.picture", secs(20)),
            timed(Prompt, "guide.kind_words.imagine", secs(30)),
            timed(Prompt, "guide.kind_words.words", secs(40)),
            timed(Instruction, "guide.kind_words.say", secs(30)),
            timed(Instruction, "guide.kind_words.hand", secs(30)),
            check_in(),
        ],
    )
}

/// Choosing someone safe and a short message to send them. The message is
/// a suggestion the person sends themselves, if they want to; Ebb sends
/// nothing.
pub(super) fn reach_safe_person() -> Guide {
    use StepKind::{Instruction, Message, Prompt};
    guide(
        GuideId::ReachSafePerson,
        "guide.reach_safe_person.title",
        "guide.reach_safe_person.intro",
        vec![
            open(Prompt, "guide.reach_safe_person.choose"),
            timed(Instruction, "guide.reach_safe_person.just_hi", secs(10)),
            open(Message, "guide.reach_safe_person.message"),
            timed(Prompt, "guide.reach_safe_person.after", secs(15)),
            check_in(),
        ],
    )
}
