need-too_much = Everything feels like too much
need-numb = Numb or empty, I want to feel something
need-make_pain_visible = I want the pain to be seen
need-control = I want some control
need-self_punishment = I feel I deserve to be punished
need-not_sure = Not sure, or rather not say

## Feelings an urge may carry.
feeling-overwhelmed = Overwhelmed
feeling-angry = Angry
feeling-sad = Sad
feeling-anxious = Anxious or afraid
feeling-ashamed = Ashamed
feeling-lonely = Lonely
feeling-empty = Empty or numb
feeling-something_else = Something else
urge-start-title = Your timer is running.
urge-start-body = You do not have to do anything else right now. Stay with the timer and try one thing below if you like.
urge-ask-intensity = How strong is the urge, from 0 to 10?
urge-ask-need = What would it do for you right now?
urge-ask-outcome = How did it go?
urge-cue-check_in = Checking in. How strong is the urge now?
urge-cue-halfway = You are halfway there.
urge-cue-halfway_check_in = You are halfway there. How strong is the urge now?
urge-cue-goal_reached = You reached your goal. You can stop here, or keep going a little longer.
urge-cue-still_strong = It is still strong. Would it help to reach someone you trust, or a support line? Only if you want to.
urge-outcome-choice-passed = The urge passed
urge-outcome-choice-used_skill = I used a safer skill
urge-outcome-choice-reached_out = I reached out to someone
urge-outcome-choice-self_harmed = I hurt myself
urge-outcome-choice-ended_without_saying = I would rather not say
urge-outcome-passed = The urge passed. You stayed with it, and that counts.
urge-outcome-used_skill = You chose something safer. That is real progress.
urge-outcome-reached_out = You reached out. That takes courage.
urge-outcome-self_harmed = Thank you for telling Ebb. It stays here, and nothing else happens. Be gentle with yourself now.
urge-outcome-ended_without_saying = Your pause is saved. You can come back any time.
urge-outcome-paused_for =
    { $minutes ->
        [one] You paused for { $minutes } minute.
       *[other] You paused for { $minutes } minutes.
    }
urge-outcome-paused_for_seconds =
    { $seconds ->
        [one] You paused for { $seconds } second. Every pause counts.
       *[other] You paused for { $seconds } seconds. Every pause counts.
    }
urge-timer-remaining = { $minutes } min { $seconds } s to your goal
urge-timer-elapsed = { $minutes } min { $seconds } s so far
urge-start = Start the timer
urge-end = End the timer
widget-start = Start the timer

## Notification channels, as the phone's settings list them.
channel-check_ins = Check-ins during a timer
channel-timer = The running timer
channel-guide = A guide playing
