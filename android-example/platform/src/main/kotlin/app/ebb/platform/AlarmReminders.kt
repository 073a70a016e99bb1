package app.ebb.platform

import android.app.AlarmManager
import android.app.PendingIntent
import android.content.Context
import android.content.Intent
import android.net.Uri
import android.os.Build
import app.ebb.core.Reminder
import app.ebb.shell.Reminders

/**
 * The core's reminders as alarms that fire [ReminderReceiver], which posts
 * each one privately. Exact (`setExactAndAllowWhileIdle`) where the app may
 * schedule exact alarms, inexact (`setAndAllowWhileIdle`, Doze may delay it
 * by minutes) where the person or the OS withheld that from API 31 on.
 *
 * The ids of the scheduled alarms are kept in SharedPreferences, so a new
 * process can cancel what an earlier one set. Alarms do not survive a
 * reboot: [ReminderReceiver] asks the app's [ReminderHost] to schedule
 * again after one.
 */
class AlarmReminders(context: Context) : Reminders {
    private val context = context.applicationContext
    private val alarms = context.getSystemService(AlarmManager::class.java)
    private val prefs = context.getSharedPreferences(PREFS, Context.MODE_PRIVATE)

    /** Whether alarms are exact: always below API 31, by permission from 31. */
    val exact: Boolean
        get() = Build.VERSION.SDK_INT < Build.VERSION_CODES.S || alarms.canScheduleExactAlarms()

    @Synchronized
    override fun replaceAll(reminders: List<Reminder>) {
        for (id in scheduledIds()) {
            existing(context, id)?.let { operation ->
                alarms.cancel(operation)
                operation.cancel()
            }
        }
        var next = prefs.getInt(NEXT_ID, 1)
        val ids = mutableListOf<Int>()
        val exact = exact
        for (reminder in reminders) {
            val id = next++
            val operation = pendingIntent(context, id, Notice(reminder.text, reminder.publicText))
            val at = reminder.at.toEpochMilli()
            if (exact) {
                alarms.setExactAndAllowWhileIdle(AlarmManager.RTC_WAKEUP, at, operation)
            } else {
                alarms.setAndAllowWhileIdle(AlarmManager.RTC_WAKEUP, at, operation)
            }
            ids += id
        }
        // Ids wrap well before Int.MAX_VALUE; a clash would need a million live reminders.
        prefs.edit()
            .putInt(NEXT_ID, if (next > MAX_ID) 1 else next)
            .putString(IDS, ids.joinToString(","))
            .apply()
    }

    /** The ids of the alarms set and not yet replaced. */
    fun scheduledIds(): List<Int> =
        prefs.getString(IDS, "").orEmpty().split(',').mapNotNull(String::toIntOrNull)

    internal companion object {
        const val ACTION = "app.ebb.platform.action.REMINDER"
        const val EXTRA_TEXT = "app.ebb.platform.extra.TEXT"
        const val EXTRA_PUBLIC_TEXT = "app.ebb.platform.extra.PUBLIC_TEXT"
        const val EXTRA_ID = "app.ebb.platform.extra.ID"
        private const val PREFS = "app.ebb.platform.reminders"
        private const val IDS = "ids"
        private const val NEXT_ID = "next-id"
        private const val MAX_ID = 1_000_000

        /**
         * The broadcast for reminder [id]. The id is in the data URI so that
         * each reminder has its own PendingIntent (extras do not tell
         * PendingIntents apart).
         */
        fun pendingIntent(context: Context, id: Int, notice: Notice): PendingIntent = PendingIntent.getBroadcast(
            context,
            id,
            intent(context, id)
                .putExtra(EXTRA_TEXT, notice.text)
                .putExtra(EXTRA_PUBLIC_TEXT, notice.publicText),
            PendingIntent.FLAG_IMMUTABLE or PendingIntent.FLAG_UPDATE_CURRENT,
        )

        /** Reminder [id]'s broadcast if it is still pending, to cancel it. */
        private fun existing(context: Context, id: Int): PendingIntent? = PendingIntent.getBroadcast(
            context,
            id,
            intent(context, id),
            PendingIntent.FLAG_IMMUTABLE or PendingIntent.FLAG_NO_CREATE,
        )

        private fun intent(context: Context, id: Int): Intent = Intent(context, ReminderReceiver::class.java)
            .setAction(ACTION)
            .setData(Uri.parse("ebb-reminder:$id"))
            .putExtra(EXTRA_ID, id)
    }
}
