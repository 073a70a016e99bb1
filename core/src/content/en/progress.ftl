progress-title = Looking back
progress-window-week = The last 7 days
progress-window-month = The last 30 days
progress-window-ninety_days = The last 90 days
progress-window-all_time = Everything so far
progress-trend-fewer_episodes = You hurt yourself fewer times than in the stretch before. That is real movement.
progress-trend-longer_pauses = Your pauses are getting longer. Each extra minute is yours.
progress-trend-more_passed_safely = More urges passed without you hurting yourself.
progress-trend-more_safer_choices = When the urge was strong, you chose something safer more often.
progress-trend-reached_out_more = You reached out to someone more often. That takes courage.
progress-trend-steady = Things have stayed about the same. Showing up here still counts.
progress-trend-harder_stretch = This stretch has been harder. Every pause still counts.
progress-days_without-days =
    { $days ->
        [one] { $days } day since you last logged hurting yourself.
       *[other] { $days } days since you last logged hurting yourself.
    }
progress-days_without-none_logged = You have not logged hurting yourself in Ebb.
