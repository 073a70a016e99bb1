pub(super) const ENTRIES: &[(&str, &str)] = &[
    // Shared by every guide that ends with a check-in.
    (
        "guide.check_in",
        "Notice how the urge feels now. Whatever it is, that is okay.",
    ),
    // Breathing.
    ("guide.breathing.in", "Breathe in"),
    ("guide.breathing.top_up", "A little more"),
    ("guide.breathing.out", "Breathe out"),
    (
        "guide.breathing.out_slowly",
        "Breathe out slowly, all the way",
    ),
    ("guide.breathing.hold", "Hold"),
    ("guide.breathing.gentle.title", "Gentle breathing"),
    (
        "guide.breathing.gentle.intro",
        "Breathe in as the guide rises and out as it falls. The pace is slow and easy. If it feels too slow, breathe as you can and let it guide you.",
    ),
    ("guide.breathing.extended_exhale.title", "Longer breath out"),
    (
        "guide.breathing.extended_exhale.intro",
        "Breathe in for a count of four, then out for longer. A long breath out tells your body it can slow down.",
    ),
    ("guide.breathing.cyclic_sighing.title", "Double breath in"),
    (
        "guide.breathing.cyclic_sighing.intro",
        "Breathe in through your nose, then take a short extra breath in on top. Then breathe out slowly through your mouth, all the way.",
    ),
    ("guide.breathing.box.title", "Box breathing"),
    (
        "guide.breathing.box.intro",
        "Breathe in for four, hold for four, out for four, hold for four. A gentle cue marks each hold.",
    ),
    ("guide.breathing.resonance.title", "Slow, even breathing"),
    (
        "guide.breathing.resonance.intro",
        "Five seconds in, five seconds out. About six breaths a minute, a steady pace many people find calming.",
    ),
    // Hold ice.
    ("guide.hold_ice.title", "Hold ice"),
    (
        "guide.hold_ice.intro",
        "Cold gives you a strong feeling that does no harm when you keep it short. You hold the ice for a few minutes at most.",
    ),
    (
        "guide.hold_ice.get",
        "Get an ice cube or something frozen. Wrap it in a cloth if you like. Continue when you have it.",
    ),
    (
        "guide.hold_ice.hold",
        "Hold the ice in one hand. Let the cold be as strong as it is.",
    ),
    (
        "guide.hold_ice.notice",
        "Notice the cold. Where is it strongest? Does it change?",
    ),
    ("guide.hold_ice.switch", "Switch hands."),
    (
        "guide.hold_ice.notice_again",
        "Notice the cold in this hand. Breathe slowly while you hold it.",
    ),
    (
        "guide.hold_ice.put_down",
        "Put the ice down. Warm your hand under your arm or in lukewarm water.",
    ),
    // Cold water on the face.
    ("guide.cold_water.title", "Cold water on your face"),
    (
        "guide.cold_water.intro",
        "Cold on your face while you hold your breath slows your heart. It can bring a strong feeling down within a minute.",
    ),
    (
        "guide.cold_water.prepare",
        "Fill a bowl with cold water, not colder than about 10 \u{b0}C (50 \u{b0}F), or get a cold pack or something frozen wrapped in a cloth. Sit or lean over it. Continue when you are ready.",
    ),
    ("guide.cold_water.breath_in", "Take a breath in."),
    (
        "guide.cold_water.hold",
        "Hold your breath. Put your face in the water, or the cold on your eyes and cheeks. About thirty seconds. Come up whenever you need to.",
    ),
    (
        "guide.cold_water.come_up",
        "Come up and dry your face. Now breathe slowly, out longer than in.",
    ),
    // Grounding 5-4-3-2-1.
    ("guide.grounding_54321.title", "5-4-3-2-1 grounding"),
    (
        "guide.grounding_54321.intro",
        "Come back to the room through your senses. Say things out loud or in your head. Take each step at your own pace.",
    ),
    (
        "guide.grounding_54321.begin",
        "Look around you slowly. Take a breath.",
    ),
    ("guide.grounding_54321.see", "Name five things you can see."),
    (
        "guide.grounding_54321.touch",
        "Name four things you can touch. Notice how each one feels.",
    ),
    (
        "guide.grounding_54321.hear",
        "Name three things you can hear.",
    ),
    (
        "guide.grounding_54321.smell",
        "Name two things you can smell. If nothing comes, name two smells you like.",
    ),
    (
        "guide.grounding_54321.taste",
        "Name one thing you can taste, or one taste you like.",
    ),
    // Grounding through movement.
    (
        "guide.movement_grounding.title",
        "Grounding through movement",
    ),
    (
        "guide.movement_grounding.intro",
        "Slow movements help you feel your body here and now. Move only in ways that feel okay for you.",
    ),
    (
        "guide.movement_grounding.begin",
        "Stand or sit with your feet flat on the floor.",
    ),
    (
        "guide.movement_grounding.feet",
        "Press your feet into the floor. Feel the ground holding you up.",
    ),
    (
        "guide.movement_grounding.reach",
        "Reach your arms up slowly, as high as feels good. Then lower them.",
    ),
    (
        "guide.movement_grounding.shoulders",
        "Roll your shoulders back slowly, a few times.",
    ),
    (
        "guide.movement_grounding.head",
        "Turn your head slowly to one side, then to the other.",
    ),
    (
        "guide.movement_grounding.palms",
        "Press your palms together. Notice the pressure and the warmth.",
    ),
    (
        "guide.movement_grounding.notice",
        "Be still for a moment. Notice where your body feels steadier.",
    ),
    // Intense movement.
    (
        "guide.intense_movement.title",
        "Move hard for a few minutes",
    ),
    (
        "guide.intense_movement.intro",
        "Short bursts of hard movement use up the energy a strong feeling brings. Thirty seconds of effort, fifteen seconds of rest. Go at a pace that is safe for your body, and stop if anything hurts or you feel dizzy.",
    ),
    (
        "guide.intense_movement.ready",
        "Find a little space. Go at a pace that is safe for your body.",
    ),
    (
        "guide.intense_movement.run",
        "Run in place, as fast as feels okay.",
    ),
    (
        "guide.intense_movement.wall_sit",
        "Wall sit. Lean your back on a wall and bend your knees. Stay there.",
    ),
    (
        "guide.intense_movement.push_ups",
        "Push-ups, on the floor or against a wall.",
    ),
    ("guide.intense_movement.rest", "Rest. Breathe."),
    (
        "guide.intense_movement.cool_down",
        "Slow down. Walk in place and let your breathing settle.",
    ),
    // Strong sensory input.
    ("guide.sensory_input.title", "A strong sensation"),
    (
        "guide.sensory_input.intro",
        "A strong taste, smell or texture gives your mind something vivid to hold on to.",
    ),
    (
        "guide.sensory_input.choose",
        "Pick one strong sensation: a mint, a sour sweet, a strong smell like coffee or citrus, or something with a rough texture. Continue when you have it.",
    ),
    (
        "guide.sensory_input.focus",
        "Give it all your attention. How strong is it?",
    ),
    (
        "guide.sensory_input.notice",
        "Notice how it changes as the seconds pass.",
    ),
    (
        "guide.sensory_input.again",
        "When it fades, try it again, or try another one.",
    ),
    // Writing the urge down.
    ("guide.write_it_down.title", "Write the urge down"),
    (
        "guide.write_it_down.intro",
        "Putting the urge into words gives it somewhere to go. What you write is only for you. Writing nothing is fine too.",
    ),
    (
        "guide.write_it_down.begin",
        "There is no right way to do this. Write as much or as little as you like.",
    ),
    (
        "guide.write_it_down.urge",
        "What is the urge telling you right now? Write it as it comes. Continue whenever you like.",
    ),
    (
        "guide.write_it_down.need",
        "If you like, write what you need right now. Continue whenever you like.",
    ),
    (
        "guide.write_it_down.close",
        "You gave the feeling some room. You can come back to this whenever you want.",
    ),
    // Kind words to a younger self.
    ("guide.kind_words.title", "Kind words to a younger you"),
    (
        "guide.kind_words.intro",
        "It can be easier to be kind to a younger you than to yourself today. This helps you find those words.",
    ),
    (
        "guide.kind_words.picture",
        "Picture yourself as a child, at any age you can see clearly.",
    ),
    (
        "guide.kind_words.imagine",
        "Imagine that child feeling what you feel now.",
    ),
    (
        "guide.kind_words.words",
        "What would you say to them? Maybe: you are not alone. This feeling will pass. I am here with you.",
    ),
    (
        "guide.kind_words.say",
        "Now say those words to yourself, out loud or in your head.",
    ),
    (
        "guide.kind_words.hand",
        "If it feels okay, rest a hand on your chest and say them once more.",
    ),
    // Reaching a safe person.
    ("guide.reach_safe_person.title", "Reach someone safe"),
    (
        "guide.reach_safe_person.intro",
        "A message to someone you trust can make this moment less lonely. Ebb never sends anything. You choose if and when.",
    ),
    (
        "guide.reach_safe_person.choose",
        "Who feels safe to reach right now? A friend, someone in your family, anyone who is kind to you. Continue when you have someone in mind.",
    ),
    (
        "guide.reach_safe_person.just_hi",
        "You do not have to explain anything. It is fine to just say hi.",
    ),
    (
        "guide.reach_safe_person.message",
        "Hi. Are you around for a bit? I could use some company.",
    ),
    (
        "guide.reach_safe_person.after",
        "Reaching out is a real step, whatever the reply and whenever it comes.",
    ),
    ("guide.done", "Done"),
];
