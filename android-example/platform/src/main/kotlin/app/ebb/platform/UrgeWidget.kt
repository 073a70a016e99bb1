package app.ebb.platform

import android.app.PendingIntent
import android.appwidget.AppWidgetManager
import android.appwidget.AppWidgetProvider
import android.content.BroadcastReceiver
import android.content.ComponentName
import android.content.Context
import android.content.Intent
import android.widget.RemoteViews

/** The widget's words, from the core: the button, and a line of status. */
data class WidgetLines(val button: String, val status: String)

/**
 * What the app does for its home-screen widget. The app's `Application`
 * implements it.
 */
interface WidgetHost {
    /**
     * Starts an urge timer from the widget (the core's
     * `Event.StartUrge(Source.WIDGET)`) without opening the app, and
     * returns the running timer's notice to post, or `null` for none. The
     * core decides what a second tap does (a running timer is not started
     * twice). Called off the main thread, one tap at a time.
     */
    fun startUrge(): Notice?

    /** The words to draw now. Called on the main thread: keep it cheap. */
    fun widgetLines(): WidgetLines
}

/**
 * Which views the widget draws into: a layout of the app's (inflatable in
 * RemoteViews), the view that is the button and, if it has one, the view
 * for the status line.
 */
data class WidgetLayout(val layout: Int, val button: Int, val status: Int? = null) {
    companion object {
        /** A framework layout, for tests and a first build: one text view that is the button. */
        val Framework = WidgetLayout(android.R.layout.simple_list_item_1, android.R.id.text1)
    }
}

/**
 * The home-screen widget: one large button and a status line, drawn as
 * RemoteViews (AppWidgetProvider rather than Glance: Glance is androidx,
 * and RemoteViews is all one button needs). A tap goes to
 * [WidgetTapReceiver], which starts the timer in the background.
 *
 * The app subclasses it to give its own layout:
 * `class EbbWidget : UrgeWidgetProvider(WidgetLayout(R.layout.widget, R.id.start, R.id.status))`.
 */
open class UrgeWidgetProvider(private val layout: WidgetLayout = WidgetLayout.Framework) : AppWidgetProvider() {
    override fun onUpdate(context: Context, manager: AppWidgetManager, ids: IntArray) {
        val host = context.applicationContext as? WidgetHost ?: return
        val views = views(context, host.widgetLines())
        for (id in ids) manager.updateAppWidget(id, views)
    }

    /** The widget's views showing [lines]. */
    fun views(context: Context, lines: WidgetLines): RemoteViews =
        RemoteViews(context.packageName, layout.layout).apply {
            setTextViewText(layout.button, lines.button)
            layout.status?.let { setTextViewText(it, lines.status) }
            setOnClickPendingIntent(layout.button, WidgetTapReceiver.pendingIntent(context))
        }

    /**
     * Redraws every widget of this provider with the host's words now
     * (after a tap started a timer, or when it ends):
     * `EbbWidget().redraw(context)`.
     */
    fun redraw(context: Context) {
        val host = context.applicationContext as? WidgetHost ?: return
        val manager = AppWidgetManager.getInstance(context) ?: return
        val ids = manager.getAppWidgetIds(ComponentName(context, javaClass))
        if (ids.isNotEmpty()) manager.updateAppWidget(ids, views(context, host.widgetLines()))
    }
}

/**
 * Receives a widget tap: asks the app's [WidgetHost] to start the timer on
 * a background thread (the store opens there, never on the main thread),
 * and posts the running timer's notice. It opens no activity: the timer
 * runs, and the notification leads into the app. Not exported.
 */
class WidgetTapReceiver : BroadcastReceiver() {
    override fun onReceive(context: Context, intent: Intent) {
        if (intent.action != ACTION_TAP) return
        val host = context.applicationContext as? WidgetHost ?: return
        // Null when onReceive is called directly rather than by the system.
        val pending: PendingResult? = goAsync()
        Background.run {
            try {
                host.startUrge()?.let { PrivateNotices.post(context, Channels.TIMER, TIMER_NOTIFICATION, it, ongoing = true) }
            } finally {
                pending?.finish()
            }
        }
    }

    companion object {
        /** The broadcast a tap sends. */
        const val ACTION_TAP = "app.ebb.platform.action.WIDGET_TAP"

        /** The running timer's notification id (check-ins count up from 1). */
        const val TIMER_NOTIFICATION = -1

        /** The tap's PendingIntent, immutable. */
        fun pendingIntent(context: Context): PendingIntent = PendingIntent.getBroadcast(
            context,
            0,
            Intent(context, WidgetTapReceiver::class.java).setAction(ACTION_TAP),
            PendingIntent.FLAG_IMMUTABLE or PendingIntent.FLAG_UPDATE_CURRENT,
        )
    }
}
