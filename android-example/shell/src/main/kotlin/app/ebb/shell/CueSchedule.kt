package app.ebb.shell

/**
 * Hands the running session's future cues to the OS scheduler, so
 * check-ins arrive with the app in the background. The core's schedule
 * replaces the whole previous one each time: call [replace] after every
 * change and on every wake, [clear] when the session ends.
 */
class CueSchedule(
    private val companion: EbbCompanion,
    private val scheduler: NotificationScheduler,
    /** How many cues are scheduled ahead; each wake schedules the next ones. */
    private val ahead: Int = DEFAULT_AHEAD,
) {
    companion object {
        /** Well under Android's per-app alarm limit; a wake tops it up. */
        const val DEFAULT_AHEAD = 32

        /** Ids below this base are left to the rest of the app. */
        const val ID_BASE = 1000
    }

    /** Replaces the scheduled notifications with the core's schedule. Returns what was scheduled. */
    suspend fun replace(): List<PlannedNotification> {
        val planned = companion.notificationSchedule().take(ahead).mapIndexed { i, s ->
            PlannedNotification(ID_BASE + i, s.due, s.cue.text, s.cue.asksIntensity)
        }
        for (i in planned.size until ahead) scheduler.cancel(ID_BASE + i)
        planned.forEach(scheduler::schedule)
        return planned
    }

    /** Cancels every scheduled cue. */
    fun clear() {
        for (i in 0 until ahead) scheduler.cancel(ID_BASE + i)
    }
}
