### The words of the flow's screens. Where the words must differ by device
### (no "tap" on a terminal, fewer words on a watch), a message chooses on
### $device: phone, watch or desktop.

flow-crisis = Crisis help
flow-back = Back
flow-notification-public = Ebb
flow-problem-intensity = Choose a number from 0 to 10.
flow-problem-skill = Ebb does not know that skill. Nothing was changed.
flow-problem-skill_title = A skill needs a short name. Nothing was changed.
flow-problem-plan = That could not be added as it was. Nothing was changed.
flow-problem-goals = Goals are whole minutes from 1 to 240, up to six of them. Nothing was changed.
flow-problem-country = Ebb does not know that country code. Nothing was changed.

## Home
flow-home-heading = Ebb
flow-home-start = Start the timer
flow-home-back_to_timer = Back to your timer
flow-home-guides = Guided exercises
flow-home-skills = Your skills
flow-home-progress = Looking back
flow-home-plan = Your safety plan
flow-home-log = Your entries
flow-home-settings = Settings
flow-home-privacy = What Ebb keeps

## First run
flow-first_run-heading = Welcome to Ebb
flow-first_run-what = When an urge comes, start the timer. Ebb stays with you, offers safer things to try, and counts every pause.
flow-first_run-private = What you write stays on this device, encrypted. Ebb never sends it anywhere and never contacts anyone.
flow-first_run-country = Crisis lines are shown for { $country }.
flow-first_run-no_country = No country is chosen yet, so crisis help shows the emergency number 112. Choose your country to see its lines.
flow-first_run-continue = Go on
flow-first_run-change_country = Choose your country
flow-first_run-plan = Start my safety plan

## Countries
flow-countries-heading = Your country
flow-countries-choose = Choose
flow-countries-chosen = Chosen
flow-countries-other = Somewhere else
flow-countries-other_note = Crisis help shows 112 and reminds you of your local emergency number.

## Timer
flow-timer-heading =
    { $device ->
        [watch] Timer running
       *[other] Your timer is running.
    }
flow-timer-status = { $elapsed } so far. { $remaining } to your goal.
flow-timer-past_goal = { $elapsed } so far. You reached your goal.
flow-timer-resumed = Your timer was already running: { $elapsed } so far.
flow-timer-need = What it is for: { $need }
flow-timer-ask_intensity =
    { $device ->
        [watch] How strong, 0 to 10?
       *[other] How strong is the urge, from 0 to 10?
    }
flow-timer-noted = Noted.
flow-timer-skill_noted = Noted: { $skill }.
flow-timer-skills = Things that may help
flow-timer-no_skills = Every skill is hidden. Your skills list can show them again.
flow-timer-guide_me = Guide me
flow-timer-reach_line = Show the lines
flow-timer-tried = I did this
flow-timer-need_choice = What is it for?
flow-timer-feeling_choice = What is it carrying?
flow-timer-feeling_named = Named: { $feeling }. Naming a feeling can take a little of its weight.
flow-timer-feelings = Feelings named: { $feelings }
flow-timer-surprise = Surprise me
flow-timer-surprise_pick = Try this: { $skill }. { $summary }
flow-timer-surprise_none = Nothing to pick at random right now. The skills on this screen are still here for you.
flow-timer-breathe = Breathe
flow-timer-guides = Guided exercises
flow-timer-extend = A longer goal
flow-timer-extended =
    { $minutes ->
        [one] Your goal is now { $minutes } minute.
       *[other] Your goal is now { $minutes } minutes.
    }
flow-timer-longest = Your goal is already as long as Ebb goes.
flow-timer-end = End the timer

## Need
flow-feeling-heading = What is this urge carrying?
flow-feeling-intro = If you like, name the feeling under it. You can name more than one, or none.
flow-feeling-question = Which feeling is here?

flow-need-heading = What would it do for you?
flow-need-question = What would it do for you right now?

## Outcome
flow-outcome-heading = Ending the timer
flow-outcome-forgotten = Your timer from { $date } is still open.
flow-outcome-forgotten_body = It ran on for a long time after your last answer, so that time is not counted as a pause.
flow-outcome-keep_going = Keep the timer going

## Injury
flow-injury-heading = Thank you for telling Ebb.
flow-injury-body = It stays here, and nothing else happens.
flow-injury-question = Might the injury need medical care?
flow-injury-yes = Yes
flow-injury-not_sure = I am not sure
flow-injury-no = No

## Ended
flow-ended-pause = Your pause: { $pause }. Every pause counts.
flow-ended-forgotten = Your answer is saved. The time the timer was left open is not counted.
flow-ended-care_card = Looking after yourself now
flow-ended-done = Done

## Care
flow-care-emergency = Emergency help
flow-care-local_emergency = If you need help now, call your local emergency number.

## Guides
flow-guides-heading = Guided exercises
flow-guides-start = Start
flow-cautions-intro = Before you try this the first time, please read this.
flow-cautions-go_on = I have read this, go on
flow-cautions-something_else = Something else
flow-guide-next = Next
flow-guide-skip = Next step
flow-guide-pause = Pause
flow-guide-resume = Go on
flow-guide-stop = Stop
flow-guide-done = That is the end of this exercise. How strong is the urge now?
flow-guide-back_to_timer = Back to the timer

## Crisis
flow-crisis-ending_life = Thank you for saying so. Please reach someone now: a person you trust, or a line below. If you are in danger, call your emergency number.
flow-crisis-no_store = Your plan and people cannot be shown right now. These lines are here for you.
flow-crisis-no_country = No country is chosen, so only 112 is shown. Choose your country to see its crisis lines.
flow-crisis-choose_country = Choose your country
flow-crisis-people = Your people
flow-crisis-no_people = No one is in your plan yet. You can add someone you trust.
flow-crisis-edit_plan = Your safety plan
flow-crisis-lines = Lines you can call or text

## Progress
flow-progress-heading = Looking back
flow-progress-period = From { $from } to { $to }
flow-progress-nothing_yet = Nothing is logged in this stretch yet.
flow-progress-figures = This stretch
flow-progress-with_before = { $now } (the stretch before: { $before })
flow-progress-none = none yet
flow-progress-urges = Urges you met with the timer
flow-progress-passed_safely = Ended without hurting yourself
flow-progress-median_pause = Your usual pause
flow-progress-longest_pause = Your longest pause
flow-progress-safer_choices = Safer choices when it was strong
flow-progress-reached_out = Times you reached out
flow-progress-self_harm = Times you hurt yourself
flow-progress-movement = Since the stretch before
flow-progress-needs = What the urges were for
flow-progress-need_unsaid = Not said
flow-progress-urges_count =
    { $urges ->
        [one] { $urges } urge
       *[other] { $urges } urges
    }
flow-progress-skills = Skills you used
flow-progress-skill_used =
    { $uses ->
        [one] Used { $uses } time.
       *[other] Used { $uses } times.
    }
flow-progress-skill_helped =
    { $answered ->
        [one] { $used } It helped { $helped } of the { $answered } time you said.
       *[other] { $used } It helped { $helped } of the { $answered } times you said.
    }
flow-progress-feelings = What the urges carried
flow-progress-feeling_came =
    { $urges ->
        [one] Named in { $urges } urge.
       *[other] Named in { $urges } urges.
    }
flow-progress-feeling_helped = { $came } What helped then: { $skills }.
flow-progress-week = The last 7 days
flow-progress-month = The last 30 days
flow-progress-ninety_days = The last 90 days
flow-progress-all_time = Everything

## Plan
flow-plan-heading = Your safety plan
flow-plan-intro = Fill in what you can, when you can. It is here for the hard moments.
flow-plan-add = Add
flow-plan-remove = Remove
flow-plan-add_person = Add a person
flow-plan-person_name = Their name
flow-plan-person_phone = Their number
flow-plan-country = Crisis lines are shown for { $country }.

## Skills
flow-skills-heading = Your skills
flow-skills-offered = Offered when an urge comes
flow-skills-hide = Hide
flow-skills-show = Show again
flow-skills-hidden = Hidden
flow-skills-none_hidden = Nothing is hidden.
flow-skills-add = Add one of your own
flow-skills-add_title = A short name for it

## Settings
flow-settings-heading = Settings
flow-settings-check_ins = How often the timer checks in
flow-settings-cadence-never = Never
flow-settings-cadence-minute = Every minute
flow-settings-cadence-two_minutes = Every 2 minutes
flow-settings-cadence-five_minutes = Every 5 minutes
flow-settings-current = Chosen
flow-settings-choose = Choose
flow-settings-goals = Goals offered
flow-settings-goals_now = { $goals } minutes
flow-settings-change_goals = Change
flow-settings-goals_prompt = Goals in minutes, with spaces between them
flow-settings-days_without = Days since you last hurt yourself
flow-settings-days_without_note = Off unless you want it. It never resets anything else.
flow-settings-on = On
flow-settings-off = Off
flow-settings-turn_on = Turn on
flow-settings-turn_off = Turn off

## The log and a copy of everything

flow-log-heading = Your entries
flow-log-intro = Everything Ebb has kept, newest first. Only on this { $device ->
    [watch] watch
    [desktop] computer
   *[other] phone
}, encrypted.
flow-log-empty = Nothing kept yet.
flow-log-show = Show
flow-log-delete = Delete this entry
flow-log-delete_question = Delete this entry for good? Its words are erased from the file.
flow-log-delete_yes = Delete it
flow-log-delete_no = Keep it
flow-log-deleted = Deleted. Its words are gone from the file.
flow-log-gone = That entry is not here any more.
flow-log-export = Save a copy of everything
flow-log-imported = Brought in { $added } { $added ->
    [one] entry
   *[other] entries
}; { $present } { $present ->
    [one] was
   *[other] were
} already here.
flow-log-not_ebbs = That file is not a copy saved by Ebb, or it is damaged. Nothing was changed.
flow-log-too_new = That copy was saved by a newer Ebb. Update Ebb, then bring it in. Nothing was changed.
flow-export-heading = Save a copy
flow-export-what = A copy holds everything Ebb keeps: your timers, skills, notes and plan. Ebb can bring it back in on any device.
flow-export-private = The copy is not encrypted. Keep it somewhere only you can open, or share it only with someone you chose.
flow-export-json = Save everything (to bring back into Ebb)
flow-export-csv = Save the timers as a table (one row per urge)
