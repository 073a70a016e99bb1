## The log: one line per entry, wherever the log is shown.

log-kind-urge_started = Timer started, goal { $goal } min, strength { $intensity }
log-kind-urge_started_no_strength = Timer started, goal { $goal } min
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
