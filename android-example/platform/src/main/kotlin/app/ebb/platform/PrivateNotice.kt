package app.ebb.platform

import android.app.Notification
import android.app.NotificationManager
import android.app.PendingIntent
import android.content.Context

/**
 * A notification's words: [text] for an unlocked device, [publicText] for
 * the lock screen and the public version (only "Ebb" and a neutral line,
 * as the core writes it: never what the timer is for).
 */
data class Notice(val text: String, val publicText: String)

/** Posts notices privately: the full text only where the device is unlocked. */
internal object PrivateNotices {
    private const val TITLE = "Ebb"

    fun post(context: Context, channel: String, id: Int, notice: Notice, ongoing: Boolean) {
        // Without POST_NOTIFICATIONS (API 33+) the system drops it; the
        // permission is asked when a timer starts (FlowDriver).
        context.getSystemService(NotificationManager::class.java).notify(id, build(context, channel, notice, ongoing))
    }

    /**
     * The notification for [notice] on [channel], private, with a public
     * version titled "Ebb" that carries [Notice.publicText] (none when it
     * is empty). Creates the channels first.
     */
    fun build(context: Context, channel: String, notice: Notice, ongoing: Boolean): Notification {
        Channels.ensure(context)
        val icon = context.applicationInfo.icon.takeIf { it != 0 } ?: android.R.drawable.ic_popup_reminder
        val public = Notification.Builder(context, channel)
            .setSmallIcon(icon)
            .setContentTitle(TITLE)
        if (notice.publicText.isNotEmpty()) public.setContentText(notice.publicText)
        val builder = Notification.Builder(context, channel)
            .setSmallIcon(icon)
            .setContentTitle(TITLE)
            .setContentText(notice.text)
            .setStyle(Notification.BigTextStyle().bigText(notice.text))
            .setVisibility(Notification.VISIBILITY_PRIVATE)
            .setPublicVersion(public.build())
            .setCategory(if (ongoing) Notification.CATEGORY_PROGRESS else Notification.CATEGORY_REMINDER)
            .setOngoing(ongoing)
            .setOnlyAlertOnce(ongoing)
            .setAutoCancel(!ongoing)
        openApp(context)?.let(builder::setContentIntent)
        return builder.build()
    }

    fun cancel(context: Context, id: Int) = context.getSystemService(NotificationManager::class.java).cancel(id)

    private fun openApp(context: Context): PendingIntent? =
        context.packageManager.getLaunchIntentForPackage(context.packageName)?.let {
            PendingIntent.getActivity(context, 0, it, PendingIntent.FLAG_IMMUTABLE)
        }
}
