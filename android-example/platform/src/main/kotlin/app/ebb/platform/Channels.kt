package app.ebb.platform

import android.app.Notification
import android.app.NotificationChannel
import android.app.NotificationManager
import android.content.Context

/**
 * Ebb's notification channels, one per purpose, so a person can silence
 * check-ins without silencing a running timer. Channel names are shown in
 * the system settings; the app passes them in its language.
 */
object Channels {
    /** Check-ins the core scheduled while a timer runs. */
    const val CHECK_INS = "check-ins"

    /** The ongoing notification of a running timer. */
    const val TIMER = "timer"

    /** The watch's ongoing notification while a guide runs ([GuideKeeper]). */
    const val GUIDE = "guide"

    /**
     * Creates the channels if they are missing; calling it again changes
     * nothing the person set (Android keeps their importance and sound).
     */
    fun ensure(
        context: Context,
        checkInsName: CharSequence = "Check-ins",
        timerName: CharSequence = "Timer",
        guideName: CharSequence = "Guides",
    ) {
        val manager = context.getSystemService(NotificationManager::class.java)
        manager.createNotificationChannel(
            NotificationChannel(CHECK_INS, checkInsName, NotificationManager.IMPORTANCE_DEFAULT).apply {
                lockscreenVisibility = Notification.VISIBILITY_PRIVATE
            },
        )
        manager.createNotificationChannel(
            NotificationChannel(TIMER, timerName, NotificationManager.IMPORTANCE_LOW).apply {
                lockscreenVisibility = Notification.VISIBILITY_PRIVATE
                setShowBadge(false)
            },
        )
        manager.createNotificationChannel(
            NotificationChannel(GUIDE, guideName, NotificationManager.IMPORTANCE_LOW).apply {
                lockscreenVisibility = Notification.VISIBILITY_PRIVATE
                setShowBadge(false)
            },
        )
    }
}
