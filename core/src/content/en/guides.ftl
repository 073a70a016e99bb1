### The guides' words. A step whose text is long for listening has a
### .spoken attribute: a few words a shell can read aloud for eyes-closed use.

## Shared by every guide that ends with a check-in.
guide-check_in = Notice how the urge feels now. Whatever it is, that is okay.
    .spoken = Notice how the urge feels now.

## Breathing.
guide-breathing-in = Breathe in
guide-breathing-top_up = A little more
guide-breathing-out = Breathe out
guide-breathing-out_slowly = Breathe out slowly, all the way
    .spoken = Breathe out slowly.
guide-breathing-hold = Hold
guide-breathing-gentle-title = Gentle breathing
guide-breathing-gentle-intro = Breathe in as the guide rises and out as it falls. The pace is slow and easy. If it feels too slow, breathe as you can and let it guide you.
guide-breathing-extended_exhale-title = Longer breath out
guide-breathing-extended_exhale-intro = Breathe in for a count of four, then out for longer. A long breath out tells your body it can slow down.
guide-breathing-cyclic_sighing-title = Double breath in
guide-breathing-cyclic_sighing-intro = Breathe in through your nose, then take a short extra breath in on top. Then breathe out slowly through your mouth, all the way.
guide-breathing-box-title = Box breathing
guide-breathing-box-intro = Breathe in for four, hold for four, out for four, hold for four. A gentle cue marks each hold.
guide-breathing-resonance-title = Slow, even breathing
guide-breathing-resonance-intro = Five seconds in, five seconds out. About six breaths a minute, a steady pace many people find calming.

## Hold ice.
guide-hold_ice-title = Hold ice
guide-hold_ice-intro = Cold gives you a strong feeling that does no harm when you keep it short. You hold the ice for a few minutes at most.
guide-hold_ice-get = Get an ice cube or something frozen. Wrap it in a cloth if you like. Continue when you have it.
    .spoken = Get some ice.
guide-hold_ice-hold = Hold the ice in one hand. Let the cold be as strong as it is.
    .spoken = Hold the ice in one hand.
guide-hold_ice-notice = Notice the cold. Where is it strongest? Does it change?
    .spoken = Notice the cold.
guide-hold_ice-switch = Switch hands.
guide-hold_ice-notice_again = Notice the cold in this hand. Breathe slowly while you hold it.
    .spoken = Notice the cold in this hand.
guide-hold_ice-put_down = Put the ice down. Warm your hand under your arm or in lukewarm water.
    .spoken = Put the ice down. Warm your hand.

## Cold water on the face.
guide-cold_water-title = Cold water on your face
guide-cold_water-intro = Cold on your face while you hold your breath slows your heart. It can bring a strong feeling down within a minute.
guide-cold_water-prepare = Fill a bowl with cold water, not colder than about 10 °C (50 °F), or get a cold pack or something frozen wrapped in a cloth. Sit or lean over it. Continue when you are ready.
    .spoken = Get cold water ready.
guide-cold_water-breath_in = Take a breath in.
guide-cold_water-hold = Hold your breath. Put your face in the water, or the cold on your eyes and cheeks. About thirty seconds. Come up whenever you need to.
    .spoken = Hold your breath. Cold on your face.
guide-cold_water-come_up = Come up and dry your face. Now breathe slowly, out longer than in.
    .spoken = Come up. Breathe out slowly.

## Grounding 5-4-3-2-1.
guide-grounding_54321-title = 5-4-3-2-1 grounding
guide-grounding_54321-intro = Come back to the room through your senses. Say things out loud or in your head. Take each step at your own pace.
guide-grounding_54321-begin = Look around you slowly. Take a breath.
    .spoken = Look around you slowly.
guide-grounding_54321-see = Name five things you can see.
    .spoken = Five things you can see.
guide-grounding_54321-touch = Name four things you can touch. Notice how each one feels.
    .spoken = Four things you can touch.
guide-grounding_54321-hear = Name three things you can hear.
    .spoken = Three things you can hear.
guide-grounding_54321-smell = Name two things you can smell. If nothing comes, name two smells you like.
    .spoken = Two things you can smell.
guide-grounding_54321-taste = Name one thing you can taste, or one taste you like.
    .spoken = One thing you can taste.

## Grounding through movement.
guide-movement_grounding-title = Grounding through movement
guide-movement_grounding-intro = Slow movements help you feel your body here and now. Move only in ways that feel okay for you.
guide-movement_grounding-begin = Stand or sit with your feet flat on the floor.
    .spoken = Feet flat on the floor.
guide-movement_grounding-feet = Press your feet into the floor. Feel the ground holding you up.
    .spoken = Press your feet into the floor.
guide-movement_grounding-reach = Reach your arms up slowly, as high as feels good. Then lower them.
    .spoken = Reach your arms up slowly.
guide-movement_grounding-shoulders = Roll your shoulders back slowly, a few times.
    .spoken = Roll your shoulders back.
guide-movement_grounding-head = Turn your head slowly to one side, then to the other.
    .spoken = Turn your head slowly.
guide-movement_grounding-palms = Press your palms together. Notice the pressure and the warmth.
    .spoken = Press your palms together.
guide-movement_grounding-notice = Be still for a moment. Notice where your body feels steadier.
    .spoken = Be still for a moment.

## Intense movement.
guide-intense_movement-title = Move hard for a few minutes
guide-intense_movement-intro = Short bursts of hard movement use up the energy a strong feeling brings. Thirty seconds of effort, fifteen seconds of rest. Go at a pace that is safe for your body, and stop if anything hurts or you feel dizzy.
guide-intense_movement-ready = Find a little space. Go at a pace that is safe for your body.
    .spoken = Find a little space.
guide-intense_movement-run = Run in place, as fast as feels okay.
    .spoken = Run in place.
guide-intense_movement-wall_sit = Wall sit. Lean your back on a wall and bend your knees. Stay there.
    .spoken = Wall sit.
guide-intense_movement-push_ups = Push-ups, on the floor or against a wall.
    .spoken = Push-ups.
guide-intense_movement-rest = Rest. Breathe.
guide-intense_movement-cool_down = Slow down. Walk in place and let your breathing settle.
    .spoken = Slow down. Walk in place.

## Strong sensory input.
guide-sensory_input-title = A strong sensation
guide-sensory_input-intro = A strong taste, smell or texture gives your mind something vivid to hold on to.
guide-sensory_input-choose = Pick one strong sensation: a mint, a sour sweet, a strong smell like coffee or citrus, or something with a rough texture. Continue when you have it.
    .spoken = Pick one strong sensation.
guide-sensory_input-focus = Give it all your attention. How strong is it?
    .spoken = Give it all your attention.
guide-sensory_input-notice = Notice how it changes as the seconds pass.
    .spoken = Notice how it changes.
guide-sensory_input-again = When it fades, try it again, or try another one.
    .spoken = Try it again, or another one.

## Writing the urge down.
guide-write_it_down-title = Write the urge down
guide-write_it_down-intro = Putting the urge into words gives it somewhere to go. What you write is only for you. Writing nothing is fine too.
guide-write_it_down-begin = There is no right way to do this. Write as much or as little as you like.
    .spoken = Write as much or as little as you like.
guide-write_it_down-urge = What is the urge telling you right now? Write it as it comes. Continue whenever you like.
    .spoken = What is the urge telling you?
guide-write_it_down-need = If you like, write what you need right now. Continue whenever you like.
    .spoken = What do you need right now?
guide-write_it_down-close = You gave the feeling some room. You can come back to this whenever you want.
    .spoken = You gave the feeling some room.

## Kind words to a younger self.
guide-kind_words-title = Kind words to a younger you
guide-kind_words-intro = It can be easier to be kind to a younger you than to yourself today. This helps you find those words.
guide-kind_words-picture = Picture yourself as a child, at any age you can see clearly.
    .spoken = Picture yourself as a child.
guide-kind_words-imagine = Imagine that child feeling what you feel now.
    .spoken = Imagine that child feeling this.
guide-kind_words-words = What would you say to them? Maybe: you are not alone. This feeling will pass. I am here with you.
    .spoken = What would you say to them?
guide-kind_words-say = Now say those words to yourself, out loud or in your head.
    .spoken = Say those words to yourself.
guide-kind_words-hand = If it feels okay, rest a hand on your chest and say them once more.
    .spoken = A hand on your chest, once more.

## Reaching a safe person.
guide-reach_safe_person-title = Reach someone safe
guide-reach_safe_person-intro = A message to someone you trust can make this moment less lonely. Ebb never sends anything. You choose if and when.
guide-reach_safe_person-choose = Who feels safe to reach right now? A friend, someone in your family, anyone who is kind to you. Continue when you have someone in mind.
    .spoken = Who feels safe to reach?
guide-reach_safe_person-just_hi = You do not have to explain anything. It is fine to just say hi.
    .spoken = It is fine to just say hi.
guide-reach_safe_person-message = Hi. Are you around for a bit? I could use some company.
    .spoken = A short hello is enough.
guide-reach_safe_person-after = Reaching out is a real step, whatever the reply and whenever it comes.
    .spoken = Reaching out is a real step.
guide-done = Done

## The watch's switch for guides felt with the screen dark.
watch-haptics_only = Feel only, screen dark
