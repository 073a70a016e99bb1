### The terminal companion's own words: help text, prompts, labels and
### messages of `ebb`.

## Help text.
cli-help-about = Ebb: a companion for the minutes between an urge and acting on it. Everything stays on this computer, encrypted.
cli-help-data_dir = Where Ebb keeps its files. Also set by EBB_DATA_DIR.
cli-help-json = Print the result as JSON, with no prompts.
cli-help-urge = Start an urge timer now, or come back to the one running.
cli-help-crisis = Show crisis help: your plan, your people and lines to call or text.
cli-help-breathe = Breathe along with a pacer.
cli-help-ice = Hold ice, with a guide.
cli-help-ground = Ground yourself with 5-4-3-2-1.
cli-help-guide = Follow a guided exercise. With no name, list them.
cli-help-progress = Look back at your pauses, safer choices and what helped.
cli-help-log = List your entries, show one, or delete one.
cli-help-export = Write everything to a file you keep.
cli-help-import = Bring in an export from Ebb.
cli-help-sync = Share your log with another device, with no account and no server.
cli-help-erase = Erase everything Ebb keeps on this computer.
cli-help-skills = List your skills, hide or show one, or add your own.
cli-help-safety = Your safety plan, your people and crisis lines.
cli-help-settings = How often Ebb checks in, your country, goals and more.
cli-help-bell = Ring the terminal bell when a step changes.
cli-help-urge-goal = How long you mean to wait, in minutes, from 1 to 240.
cli-help-urge-check_in = How often Ebb asks how strong the urge is: never, or every 1, 2 or 5 minutes.
cli-help-urge-intensity = How strong the urge is, from 0 to 10.
cli-help-urge-need = What the urge would do for you right now.
cli-help-urge-source = Where the timer was started from.
cli-help-urge-start = Start a timer without prompts, or return the one running.
cli-help-urge-status = Show the running timer.
cli-help-urge-check_in_cmd = Say how strong the urge is now.
cli-help-urge-skill = Note a skill you used.
cli-help-urge-helped = Whether it helped, if you want to say.
cli-help-urge-before = How strong the urge was before, from 0 to 10.
cli-help-urge-after = How strong the urge was after, from 0 to 10.
cli-help-urge-suggest = Show skills that may help now, and why.
cli-help-urge-count = How many to show.
cli-help-urge-extend = Make the goal longer.
cli-help-urge-end = End the timer and say how it went.
cli-help-urge-outcome = How it went.
cli-help-urge-needs_care = The injury may need medical care. Ebb shows care information.
cli-help-skill_id = The skill's id, as ebb skills lists it.
cli-help-breathe-pattern = The way of breathing.
cli-help-breathe-minutes = How long, from 1 to 5 minutes.
cli-help-breathe-from_pace = Your breaths a minute now. The pacer starts there and slows gently.
cli-help-breathe-exhale = For the extended pattern: the breath out, 6 to 8 seconds.
cli-help-guide-name = Which guide.
cli-help-progress-window = How far back to look.
cli-help-progress-html = Write a page with charts to this file, to share if you want.
cli-help-log-limit = How many of the newest entries to list.
cli-help-log-show = Show one entry.
cli-help-log-delete = Delete one entry. Its words are erased from the file.
cli-help-log-id = The entry's id, as ebb log lists it.
cli-help-export-format = json holds everything. csv holds one row per timer.
cli-help-export-out = The file to write. Without it, the export goes to the screen.
cli-help-force = Replace the file if it is already there.
cli-help-import-file = An export from Ebb.
cli-help-sync-request = Write what this device already has, for the other device to answer.
cli-help-sync-export = Write what the other device lacks, given its request.
cli-help-sync-import = Bring in what the other device sent in answer to this one's request.
cli-help-sync-for = The other device's request: a file, or - to read it from input.
cli-help-sync-file = The other device's answer: a file, or - to read it from input.
cli-help-sync-out = The file to write. Without it, the bytes go to output, for a pipe or a file.
cli-help-erase-yes = Erase without asking first, for scripts.
cli-help-skills-all = Include the skills you hid.
cli-help-skills-hide = Hide a skill from lists and suggestions.
cli-help-skills-show = Show a hidden skill again.
cli-help-skills-add = Add a skill of your own.
cli-help-skills-remove = Remove a skill of your own.
cli-help-skills-title = A short name, in your words.
cli-help-skills-need = A need it helps with. Repeat for more. None means any need.
cli-help-skills-summary = One sentence about it.
cli-help-skills-step = A step, in order. Repeat for more.
cli-help-safety-show = Show your safety plan.
cli-help-safety-add = Add something to a part of your plan.
cli-help-safety-remove = Take something out of a part of your plan.
cli-help-safety-text = Your words.
cli-help-safety-number = Its number in the list.
cli-help-safety-person = People you can ask for help.
cli-help-safety-line = Professionals and lines of your own.
cli-help-safety-lines = Crisis lines for your country.
cli-help-safety-country = Choose the country for crisis lines.
cli-help-country = A two-letter country code such as GB or US, or none.
cli-help-contact-add = Add one.
cli-help-contact-remove = Remove one.
cli-help-contact-name = A name.
cli-help-contact-phone = A phone number.
cli-help-contact-text = Reach them by text only.
cli-help-contact-call = Reach them by call only.
cli-help-contact-message = Your own words for a text to them.
cli-help-contact-note = A note for a line: hours, who to ask for.
cli-help-settings-check_in = How often a timer checks in.
cli-help-settings-country = Your country, for crisis lines.
cli-help-settings-goals = The goals a timer offers, in minutes.
cli-help-settings-goal_minutes = One to six goals, from 1 to 240 minutes.
cli-help-settings-days_without = Show a count of days in your progress, or not.
cli-help-settings-privacy = Show what Ebb keeps, again.

## A bare `ebb`.
cli-home-title = Ebb is here when an urge comes.
cli-home-urge = ebb urge: start a timer now, or come back to yours
cli-home-breathe = ebb breathe: breathe along with a pacer
cli-home-guides = ebb guide: ice, grounding, movement and more
cli-home-progress = ebb progress: look back at your pauses
cli-home-safety = ebb safety: your safety plan and your people
cli-home-crisis = ebb crisis: crisis help, with your plan, your people and lines
cli-home-more = Type ebb --help for everything.

## First run.
cli-privacy-where_here = On this computer, Ebb keeps its encrypted file and its key in { $path }.

## The timer.
cli-urge-goal =
    { $minutes ->
        [one] Your goal: { $minutes } minute.
       *[other] Your goal: { $minutes } minutes.
    }
cli-urge-resumed = Your timer is still running. You have been with it for { $elapsed }.
cli-urge-keys = Type a number from 0 to 10 to say how strong it is. s lists skills, s and a number notes one you tried, g and a number guides you through it, b breathes with you, n names what the urge is for, x stretches the goal, e ends, ? shows this again.
cli-urge-choice_ending_life = c: { $text }
cli-urge-choice_crisis = h: Crisis help
cli-urge-extended =
    { $minutes ->
        [one] Your goal is now { $minutes } minute.
       *[other] Your goal is now { $minutes } minutes.
    }
cli-urge-longest_goal = Your goal is already as long as Ebb's timer goes.
cli-urge-not_understood = Ebb did not catch that. Type ? to see what you can type.
cli-urge-pick_outcome = Type the number that fits best, then Enter. Anything else takes you back to the timer.
cli-urge-medical_question = Might it need medical care? Type y or n.
cli-urge-noted = Noted.
cli-urge-skill_noted = Noted. When you are ready, type a number from 0 to 10 to say how strong it is now.
cli-urge-suggestions = Some things that may help now:
cli-urge-suggestion = { $number }. { $title }. { $reason }
cli-urge-suggestion_guided = { $number }. { $title }. { $reason } Type g { $number } to be guided.
cli-urge-no_suggestions = Every skill is hidden. Your safety plan is here with ebb safety.
cli-urge-no_such_skill = Ebb does not know that one. Type s to see the list.
cli-urge-no_guide = This one has no guide. Try it your own way, then type s and its number.
cli-urge-back_to_timer = Back to your timer.
cli-urge-still_running = Your timer is still running. Take your time.
cli-urge-left_running = Your timer keeps running. Type ebb urge to come back to it.
cli-urge-ended_elsewhere = This timer was ended somewhere else. Type ebb urge to start a new one.
cli-urge-none_running = No timer is running. Type ebb urge to start one.
cli-urge-script_hint = Type ebb urge to be with it here, or ebb urge end --outcome passed when you are done.
cli-urge-card_offer = There are a few words on looking after yourself. Type y to read them, or press Enter.

## Guides.
cli-guide-keys = Press Enter to move on. Type q and Enter to stop.
cli-guide-step = { $text } ({ $seconds } s)
cli-guide-open_step = { $text } (press Enter when you are ready)
cli-guide-finished = That is the end of the guide. Well done for staying with it.
cli-guide-stopped = You stopped the guide. That is fine.
cli-guide-list = Guides you can follow:
cli-guide-list_hint = Type ebb guide and a name, such as ebb guide hold-ice.

## Progress.
cli-progress-col-now = This stretch
cli-progress-col-before = The one before
cli-progress-row-urges = Urges
cli-progress-row-passed_safely = Passed safely
cli-progress-row-self_harm = Times you hurt yourself
cli-progress-row-median_pause = Typical pause
cli-progress-row-longest_pause = Longest pause
cli-progress-row-safer_when_strong = Safer choices when it was strong
cli-progress-row-reached_out = Times you reached out
cli-progress-weekly = Week by week: urges, and how many passed safely
cli-progress-week_line =
    { $urges ->
        [one] { $urges } urge, { $passed } passed safely
       *[other] { $urges } urges, { $passed } passed safely
    }
cli-progress-hours = Hours of the day when urges came
cli-progress-needs = What the urges were for
cli-progress-need_unsaid = Not said
cli-progress-skills = Skills you used
cli-progress-skill_line =
    { $uses ->
        [one] used { $uses } time, helped { $helped } of the times you said
       *[other] used { $uses } times, helped { $helped } of the times you said
    }
cli-progress-nothing_yet = Nothing here yet. When you use a timer, your pauses show up here.
cli-progress-html_saved = Your page is saved in { $path }. It stays on this computer until you share it.
cli-progress-html_intro = A look back from Ebb, shared by the person it belongs to. Every pause counts.
cli-page-weekdays = Days of the week when urges came
cli-page-axis-urges = Urges
cli-page-axis-week = Week starting
cli-page-axis-hour = Hour of the day
cli-page-axis-day = Day of the week
cli-page-day-mon = Mon
cli-page-day-tue = Tue
cli-page-day-wed = Wed
cli-page-day-thu = Thu
cli-page-day-fri = Fri
cli-page-day-sat = Sat
cli-page-day-sun = Sun

## The log.
cli-log-empty = Your log is empty.
cli-log-hint = Type ebb log show and an id to see one entry, or ebb log delete and an id to delete it.
cli-log-deleted = Deleted. Its words are gone from the file.

## Export, import, erase.
cli-export-saved = Saved to { $path }. Only you can read this file. Keep it somewhere safe.
cli-import-done =
    { $added ->
        [one] Added { $added } entry. Already here: { $present }.
       *[other] Added { $added } entries. Already here: { $present }.
    }
cli-sync-done =
    { $added ->
        [one] Added { $added } entry from the other device. Deleted there and so erased here: { $erased }.
       *[other] Added { $added } entries from the other device. Deleted there and so erased here: { $erased }.
    }
cli-erase-confirm = This erases everything Ebb keeps in { $path }: your log, your plan, your skills and the key. It cannot be undone. Type erase and Enter to go ahead.
cli-erase-kept = Nothing was erased.
cli-erase-done = Everything Ebb kept here is erased.

## Skills.
cli-skills-hidden = Hidden. You can show it again any time.
cli-skills-shown = It is back in your lists.
cli-skills-added = Added as { $id }.
cli-skills-removed = Removed.
cli-skills-hidden_mark = (hidden)
cli-skills-hint = Type ebb skills hide and an id to hide one, or ebb skills add and a title to add your own.

## Safety.
cli-safety-saved = Saved to your plan.
cli-safety-edit_hint = Add to your plan with ebb safety add, such as ebb safety add reasons "my dog". Add a person with ebb safety person add.
cli-safety-your_people = Your people
cli-safety-lines_heading = Lines you can call or text
cli-safety-plan_empty_hint = Your safety plan is empty for now. You can fill it in with ebb safety when you feel able.
cli-safety-never_contacts = Ebb never calls or texts anyone. You choose whether to.
cli-safety-offer_hint = Only if you want to. Your timer keeps going either way.
cli-safety-source = Source: { $source }, checked { $checked }
cli-safety-choose_country = Choose your country to see its lines, such as ebb settings country GB.

## Settings.
cli-settings-check_in = Check-ins: { $value }
cli-settings-cadence-never = never
cli-settings-cadence-one = every minute
cli-settings-cadence-two = every 2 minutes
cli-settings-cadence-five = every 5 minutes
cli-settings-country = Country for crisis lines: { $value }
cli-settings-no_country = not chosen
cli-settings-goals = Goals offered, in minutes: { $value }
cli-settings-days_without_on = A count of days shows in your progress.
cli-settings-days_without_off = No count of days shows in your progress.
cli-settings-data_dir = Ebb keeps its files in { $path }
cli-settings-hint = Change one with ebb settings check-in, country, goals or days-without.
cli-settings-saved = Saved.

## Time.
cli-time-seconds = { $seconds } s
cli-time-minutes = { $minutes } min
cli-time-hours_minutes = { $hours } h { $minutes } min

## When something goes wrong.
cli-error-prefix = ebb: { $message }
cli-error-wrong_key = The key does not open the database at { $path }. Nothing was changed.
cli-error-missing_key = The key file { $path } is missing, so Ebb cannot open your database. Put the key back, or set EBB_KEY. Nothing was changed.
cli-error-bad_key_file = The key file { $path } holds { $bytes } bytes, not a 32-byte key, so Ebb cannot open your database. Put the right key file back, or set EBB_KEY. Nothing was changed.
cli-error-empty_key_file = The key file { $path } is empty, so Ebb cannot open your database. If you have a copy of the key, put it back in that file or set EBB_KEY. Nothing was changed.
cli-error-bad_env_key = EBB_KEY must be 64 hex characters.
cli-error-not_a_database = The file at { $path } is not an Ebb database Ebb can read. It was left as it is. If you have a backup, put it in its place.
cli-error-empty_database = The database file { $path } is empty (0 bytes), so there is nothing in it to open. It was left as it is. If Ebb stopped while setting up, nothing was saved: ebb erase --yes starts again.
cli-error-missing_wal = { $path } is missing, and it holds your most recent entries. Nothing was changed. Put it back beside the database; if it is gone for good, remove the -shm file beside it to open what the database still holds.
cli-error-damaged = Part of Ebb's database is damaged, so Ebb will not write to it. It was left as it is. Copy the data folder somewhere safe; if you have a backup, put it in its place.
cli-error-too_new = A newer version of Ebb wrote this database. Update Ebb to open it.
cli-error-busy = Another Ebb is using the database. Try again in a moment.
cli-error-storage_full = The disk is full. Nothing was written. Free some space, then try again.
cli-error-read_only = Ebb cannot write to its folder. Nothing was written. Make the folder writable, or choose another with --data-dir.
cli-error-no_data_dir = Ebb cannot find a place for its files. Use --data-dir or EBB_DATA_DIR.
cli-error-file = { $path }: { $detail }
cli-error-no_session = No timer is running. Start one with ebb urge.
cli-error-no_such_entry = There is no entry with id { $id }.
cli-error-bad_entry_id = That is not an entry id. ebb log lists them.
cli-error-sync_payload = That is not a sync file for this device, or it was damaged on the way. Nothing was changed.
cli-error-sync_replayed = That sync file was already brought in. Nothing was changed.
cli-error-sync_too_new = That sync file comes from a newer Ebb. Update Ebb here, then sync again. Nothing was changed.
cli-error-sync_to_screen = Sync bytes are not for the screen. Add --out with a file name, or send them to a file.
cli-error-not_an_export = That file is not an export from Ebb. Nothing was changed.
cli-error-export_too_new = That export was made by a newer version of Ebb. Update Ebb, then import it again. Nothing was changed.
cli-error-file_exists = { $path } is already there and was left as it is. Add --force to replace it, or choose another name.
cli-crisis-data_problem = Your plan and people are not shown: { $message }
cli-error-intensity = Strength is a number from 0 to 10, not { $got }.
cli-error-goal = A goal is a number of minutes from 1 to 240, not { $got }.
cli-error-breathe_minutes = Breathing lasts 1 to 5 minutes, not { $got }.
cli-error-pace = A breathing pace is 2 to 60 breaths a minute, not { $got }.
cli-error-exhale = The breath out lasts 6 to 8 seconds, not { $got }.
cli-error-time_scale = The time scale is a number above 0.
cli-error-unknown_skill = There is no skill { $got }. ebb skills lists them.
cli-error-built_in_skill = That skill comes with Ebb. You can hide it with ebb skills hide.
cli-error-needs_care_alone = --needs-care goes with --outcome self-harmed.
cli-error-country = { $got } is not a country code. Use two letters such as GB, or none.
cli-error-number = Numbers in a list start at 1.
cli-error-no_such_item = There is no item with that number.
cli-error-plan_full = That part of your plan is full at { $max } items.
cli-error-empty_text = Write a few words first.
cli-error-phone = That does not look like a phone number.
cli-error-terminal = The terminal could not be used: { $detail }
cli-app-step = Step { $number } of { $count }
cli-app-weekly = Urges week by week, oldest first: { $counts }
cli-app-typed = You typed { $typed }. Press Enter, or type another digit.
cli-app-keys = Press the key in brackets, or move with the arrows and press Enter. h is crisis help. Ctrl-C leaves.
cli-error-person_note = A note is kept for a line, not a person. Nothing was saved. For a person, --message holds the words to send them.
