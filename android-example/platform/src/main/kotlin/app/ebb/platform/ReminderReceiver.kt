package app.ebb.platform

import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent

/**
 * What the app does when alarms were lost or moved: it sends the core
 * `Event.Opened` (which hands back the reminders still due as a `Schedule`
 * effect) and carries that out through [AlarmReminders]. The app's
 * `Application` implements it.
 */
fun interface ReminderHost {
    /** Schedules the core's reminders again. Called off the main thread. */
    fun rescheduleReminders()
}

/**
 * Posts a check-in when its alarm fires (on the "check-ins" channel,
 * private, with the core's public text as the public version), and asks
 * the app's [ReminderHost] to schedule again after a reboot or a change of
 * the clock or time zone.
 *
 * In the app's manifest: not exported, with an intent filter for
 * `BOOT_COMPLETED`, `TIME_SET` and `TIMEZONE_CHANGED`, and the
 * `RECEIVE_BOOT_COMPLETED` permission.
 */
class ReminderReceiver : BroadcastReceiver() {
    override fun onReceive(context: Context, intent: Intent) {
        when (intent.action) {
            AlarmReminders.ACTION -> post(context, intent)
            Intent.ACTION_BOOT_COMPLETED, Intent.ACTION_TIME_CHANGED, Intent.ACTION_TIMEZONE_CHANGED -> reschedule(context)
        }
    }

    private fun post(context: Context, intent: Intent) {
        val text = intent.getStringExtra(AlarmReminders.EXTRA_TEXT) ?: return
        val publicText = intent.getStringExtra(AlarmReminders.EXTRA_PUBLIC_TEXT) ?: return
        val id = intent.getIntExtra(AlarmReminders.EXTRA_ID, 0)
        PrivateNotices.post(context, Channels.CHECK_INS, id, Notice(text, publicText), ongoing = false)
    }

    private fun reschedule(context: Context) {
        val host = context.applicationContext as? ReminderHost ?: return
        // Scheduling reads the store: off the main thread, with the
        // broadcast kept alive until it is done.
        // Null when onReceive is called directly rather than by the system.
        val pending: PendingResult? = goAsync()
        Background.run {
            try {
                host.rescheduleReminders()
            } finally {
                pending?.finish()
            }
        }
    }
}
