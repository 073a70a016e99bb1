pub(super) const ENTRIES: &[(&str, &str)] = &[
    (
        "caution.cold_water_on_face",
        "Before you try this: cold water on the face slows your heart. Skip it if you have a heart condition, take beta blockers, have a low resting heart rate, live with an eating disorder, or are allergic to cold. Keep the water above about 10 \u{b0}C (50 \u{b0}F). Another skill will serve you just as well.",
    ),
    (
        "caution.ice_held_too_long",
        "Ice held for a long time can hurt your skin. If your hand aches or goes numb, put the ice down and warm your hand.",
    ),
    (
        "caution.intense_movement",
        "Before you try this: hard movement puts strain on your body. Skip it, or check with a doctor first, if you have a heart or breathing condition, an injury, or are pregnant. If you live with an eating disorder, or exercise to make up for eating, choose a calmer skill. Another skill will serve you just as well.",
    ),
    ("common.close", "Close"),
];
