pub(super) const ENTRIES: &[(&str, &str)] = &[
    (
        "caution.cold_water_on_face",
        "Before you try this: cold water on the face slows your heart. Skip it if you have a heart condition, take beta blockers, have a low resting heart rate, live with an eating disorder, or are allergic to cold. Another skill will serve you just as well.",
    ),
    (
        "caution.ice_held_too_long",
        "Ice held for a long time can hurt your skin. If your hand aches or goes numb, put the ice down and warm your hand.",
    ),
    ("common.close", "Close"),
];
