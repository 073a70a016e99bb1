## Hold ice.
skill-hold_ice-title = Hold ice
skill-hold_ice-summary = Strong cold in your hand can bring a big feeling down.
skill-hold_ice-step-1 = Take an ice cube or a cold pack in one hand.
skill-hold_ice-step-2 = Hold it and notice the cold. Let it be the loudest thing you feel.
skill-hold_ice-step-3 = When your hand gets too cold, switch to the other hand.
skill-hold_ice-step-4 = After a few minutes, put the ice down and warm your hands.

## Cold water on the face.
skill-cold_water-title = Cold water on your face
skill-cold_water-summary = Cold water on your face and a held breath help your body slow down.
skill-cold_water-step-1 = Fill a bowl or the sink with cold water, not colder than about 10 °C (50 °F), or soak a cloth in it.
skill-cold_water-step-2 = Take a breath in and hold it.
skill-cold_water-step-3 = Put your face in the water, or hold the cloth over your eyes and cheeks, for up to 30 seconds.
skill-cold_water-step-4 = Lift your face and breathe out slowly. Do it once or twice more if it helps.
skill-cold_water-step-5 = Dry your face and notice how your body feels.

## Long breaths out.
skill-long_exhale-title = Long, slow breaths out
skill-long_exhale-summary = Breathing out for longer than you breathe in tells your body it can settle.
skill-long_exhale-step-1 = Sit or stand in a way that feels comfortable.
skill-long_exhale-step-2 = Breathe in through your nose for a count of four.
skill-long_exhale-step-3 = Breathe out slowly through your mouth for a count of six to eight.
skill-long_exhale-step-4 = Keep going for a minute or two. If counting is hard, make each breath out a little longer than the last.

## Intense movement.
skill-intense_movement-title = Move hard for a few minutes
skill-intense_movement-summary = Hard, safe movement uses up the energy of a big feeling.
skill-intense_movement-step-1 = Choose one: a wall sit, push-ups against a wall or on the floor, or running in place.
skill-intense_movement-step-2 = Go as hard as feels right for your body, for about 30 seconds.
skill-intense_movement-step-3 = Rest for a few breaths.
skill-intense_movement-step-4 = Do two or three more rounds, then slow down and let your breathing settle.

## Strong taste or smell.
skill-strong_taste-title = A strong taste or smell
skill-strong_taste-summary = A strong taste or smell gives your senses something vivid to hold on to.
skill-strong_taste-step-1 = Find something strong: a mint, a sour sweet, a slice of lemon, or a strong smell like coffee or peppermint.
skill-strong_taste-step-2 = Taste it or smell it slowly.
skill-strong_taste-step-3 = Notice everything about it: how strong it is, where you feel it, how it changes.
skill-strong_taste-step-4 = When it fades, try another one, or the same one again.

## A textured object.
skill-textured_object-title = Something with texture
skill-textured_object-summary = Feeling a texture closely brings you back into your body.
skill-textured_object-step-1 = Find something with a texture: a soft fabric, a smooth stone, a rough towel, a fidget toy.
skill-textured_object-step-2 = Hold it and move your fingers over it slowly.
skill-textured_object-step-3 = Notice the details: warm or cool, rough or smooth, heavy or light.
skill-textured_object-step-4 = Keep your attention in your fingers for a few minutes.

## Grounding 5-4-3-2-1.
skill-grounding_54321-title = 5-4-3-2-1 grounding
skill-grounding_54321-summary = Naming what your senses notice brings you back to where you are.
skill-grounding_54321-step-1 = Name five things you can see.
skill-grounding_54321-step-2 = Name four things you can feel, like your feet on the floor.
skill-grounding_54321-step-3 = Name three things you can hear.
skill-grounding_54321-step-4 = Name two things you can smell.
skill-grounding_54321-step-5 = Name one thing you can taste.
skill-grounding_54321-step-6 = Take one slow breath and notice where you are.

## Grounding through movement.
skill-movement_grounding-title = Grounding through movement
skill-movement_grounding-summary = Slow, deliberate movement helps you feel where you are.
skill-movement_grounding-step-1 = Press your feet into the floor and feel it hold you up.
skill-movement_grounding-step-2 = Slowly spread your fingers wide, then curl them in. Do it three times.
skill-movement_grounding-step-3 = Roll your shoulders back slowly, one at a time.
skill-movement_grounding-step-4 = If you can, walk a few steps slowly and notice each foot meet the ground.

## Writing the urge down.
skill-write_it_down-title = Write the urge down
skill-write_it_down-summary = Putting the urge into words lets it out without acting on it.
skill-write_it_down-step-1 = Open a page or a note.
skill-write_it_down-step-2 = Write what the urge says and what you feel. Any words are fine.
skill-write_it_down-step-3 = Write what happened just before it started, if you know.
skill-write_it_down-step-4 = Read it back once. You noticed the urge and gave it words.

## Drawing the feeling.
skill-draw_it_out-title = Draw the feeling
skill-draw_it_out-summary = Drawing how you feel puts it where you can see it.
skill-draw_it_out-step-1 = Take paper and a pen or pencil, in any colour you like.
skill-draw_it_out-step-2 = Draw what the feeling looks like: shapes, lines, scribbles. It does not need to look like anything.
skill-draw_it_out-step-3 = Press as hard as you like and fill the page.
skill-draw_it_out-step-4 = Look at what you made. It shows how much you are carrying.

## Kind words to oneself.
skill-kind_words-title = Kind words to yourself
skill-kind_words-summary = You speak to yourself the way you would speak to a younger you.
skill-kind_words-step-1 = Picture yourself as a child, feeling what you feel today.
skill-kind_words-step-2 = Think about what that child needs to hear.
skill-kind_words-step-3 = Say it to yourself, out loud or in your head. For example: This is not your fault. You are allowed to rest.
skill-kind_words-step-4 = Say it again, slowly, and let the words stay with you a moment.

## Reaching a safe person.
skill-reach_person-title = Reach a safe person
skill-reach_person-summary = You do not have to hold this alone.
skill-reach_person-step-1 = Think of someone who feels safe to you.
skill-reach_person-step-2 = Send them a message or call. You can say as much or as little as you like.
skill-reach_person-step-3 = If words are hard, you can write: Can we talk for a bit?
skill-reach_person-step-4 = If they do not answer, you can try someone else, or a helpline.

## A structured task with choices.
skill-structured_task-title = One small thing, your way
skill-structured_task-summary = Choosing a small task and finishing it gives you something you decide.
skill-structured_task-step-1 = Choose one: sort a drawer, tidy your bag, fold some clothes, or arrange the apps on your phone.
skill-structured_task-step-2 = Keep it small enough to finish in about ten minutes.
skill-structured_task-step-3 = Decide how you want it to be, then do it your way.
skill-structured_task-step-4 = When it is done, look at it. You chose this, and you did it.

## Tearing paper.
skill-tear_paper-title = Tear paper
skill-tear_paper-summary = Tearing paper lets a big feeling out through your hands.
skill-tear_paper-step-1 = Take some paper you do not need, like old mail or a newspaper.
skill-tear_paper-step-2 = Tear it into strips, then into smaller and smaller pieces.
skill-tear_paper-step-3 = Go as fast or as slow as you need.
skill-tear_paper-step-4 = When you are done, gather the pieces and take a slow breath.

## Squeezing and letting go.
skill-squeeze_release-title = Squeeze and let go
skill-squeeze_release-summary = Squeezing hard and then letting go releases tension from your body.
skill-squeeze_release-step-1 = Take a stress ball or a cushion. If you have neither, tense the muscles in your arms and shoulders.
skill-squeeze_release-step-2 = Squeeze firmly while you count to ten.
skill-squeeze_release-step-3 = Let go all at once and notice the difference.
skill-squeeze_release-step-4 = Do it two or three more times.

## A person's own skill with no summary of their own.
skill-personal-summary = An idea of your own.

## Why a skill is suggested.
skill-reason-need = It can meet the need you named.
skill-reason-strong = It helps quickly when an urge is strong.
skill-reason-own = You added this one.
skill-reason-gentle = A gentle place to start.
skill-reason-other = Something else you can try.
skill-reason-still_strong = It is still strong. Someone you trust can help you hold it.
skill-reason-still_strong_line = It is still strong. A crisis line can help you hold it.
skill-reason-untried = You have not tried this one yet.
skill-reason-helped-too_much = It helped most of the recent times things felt like too much.
skill-reason-helped-numb = It helped most of the recent times you felt numb.
skill-reason-helped-make_pain_visible = It helped most of the recent times you wanted the pain to be seen.
skill-reason-helped-control = It helped most of the recent times you wanted some control.
skill-reason-helped-self_punishment = It helped most of the recent times you were hard on yourself.
skill-reason-helped-not_sure = It helped most of the recent times you turned to it.

## Families.
skill-family-cold = Cold
skill-family-movement = Movement
skill-family-breathing = Breathing
skill-family-sensory = Your senses
skill-family-grounding = Grounding
skill-family-expression = Writing and drawing
skill-family-self_compassion = Kindness to yourself
skill-family-connection = Other people
skill-family-structured_task = Small tasks
skill-family-release = Letting go
skill-family-personal = Your own

## What may be at hand.
skill-requirement-ice = Ice or a cold pack
skill-requirement-water = Cold water
skill-requirement-person = Someone you can reach
skill-requirement-paper = Paper
skill-requirement-taste_or_scent = Something with a strong taste or smell
skills-title = Things that may help
