package app.ebb.app

import android.app.Notification
import android.app.NotificationManager
import android.app.PendingIntent
import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.launch

/**
 * A scheduled cue fell due with the app in the background: tell the core
 * (it marks what was delivered), post the cue's words, and schedule the
 * next ones. Tapping opens the timer.
 */
class CueAlarmReceiver : BroadcastReceiver() {
    override fun onReceive(context: Context, intent: Intent) {
        val app = context.applicationContext as EbbApp
        val done = goAsync()
        CoroutineScope(Dispatchers.IO).launch {
            try {
                val due = app.companion.advance()
                val text = due.lastOrNull()?.text ?: intent.getStringExtra(EXTRA_TEXT)
                if (text != null) post(context, text)
                app.schedule.replace()
                UrgeWidget.refresh(context)
            } finally {
                done.finish()
            }
        }
    }

    private fun post(context: Context, text: String) {
        val open = PendingIntent.getActivity(
            context, 0,
            Intent(context, MainActivity::class.java).putExtra(MainActivity.EXTRA_SCREEN, Screen.Timer.name),
            PendingIntent.FLAG_IMMUTABLE,
        )
        val notification = Notification.Builder(context, EbbApp.CHANNEL)
            .setSmallIcon(android.R.drawable.ic_popup_reminder)
            .setContentText(text)
            .setStyle(Notification.BigTextStyle().bigText(text))
            .setContentIntent(open)
            .setAutoCancel(true)
            .build()
        context.getSystemService(NotificationManager::class.java).notify(NOTIFICATION_ID, notification)
    }

    companion object {
        const val EXTRA_TEXT = "text"
        const val EXTRA_ASKS = "asks_intensity"
        private const val NOTIFICATION_ID = 1
    }
}
