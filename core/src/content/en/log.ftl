## The log: one line per entry, wherever the log is shown.

# $intensity is "none" when the person gave no strength at the start.
log-kind-urge_started = { $intensity ->
        [none] Timer started, goal { $goal } min
       *[other] Timer started, goal { $goal } min, strength { $intensity }
    }
log-kind-checked_in = Check-in, strength { $intensity }
log-kind-skill_used = Skill used: { $skill }
log-kind-goal_extended = Goal stretched to { $goal } min
log-kind-urge_ended = Timer ended: { $outcome }
log-kind-note = A note you wrote
log-kind-safety_plan = Safety plan saved
log-kind-skills = Skills saved
log-kind-settings = Settings saved
log-kind-deletion = An entry was deleted
log-kind-deleted = Deleted
log-kind-need_named = Named what it was for: { $need }
log-kind-feeling_named = Named a feeling: { $feeling }
