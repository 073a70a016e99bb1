package app.ebb.platform

import android.app.NotificationManager
import android.appwidget.AppWidgetManager
import android.content.Context
import android.content.Intent
import app.ebb.core.Detail
import app.ebb.core.Event
import app.ebb.core.Screen
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.RuntimeEnvironment
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config

@RunWith(RobolectricTestRunner::class)
@Config(sdk = [26, 31, 36], manifest = Config.NONE, application = TestApp::class)
class WidgetTest {
    private val app = RuntimeEnvironment.getApplication() as TestApp

    @After
    fun closeStore() {
        Background.awaitIdle()
        app.store?.close()
    }

    /** A tap as the launcher delivers it: the widget's PendingIntent, sent. */
    private fun tap() {
        val views = UrgeWidgetProvider().views(app, app.widgetLines())
        val tapIntent = shadowOf(WidgetTapReceiver.pendingIntent(app)).savedIntent
        assertEquals(WidgetTapReceiver::class.java.name, tapIntent.component!!.className)
        assertEquals(app.packageName, views.`package`)
        WidgetTapReceiver().onReceive(app as Context, tapIntent)
        Background.awaitIdle()
    }

    @Test
    fun theWidgetDrawsItsButtonWithoutTheAppsResources() {
        val manager = AppWidgetManager.getInstance(app)
        val ids = shadowOf(manager).createWidgets(UrgeWidgetProvider::class.java, android.R.layout.simple_list_item_1, 1)
        assertEquals(1, ids.size)
        UrgeWidgetProvider().onUpdate(app, manager, ids)
        val view = shadowOf(manager).getViewFor(ids[0]) as android.widget.TextView
        assertEquals("Start a timer", view.text.toString())
        // Pressing it sends the tap broadcast (delivered by the system to the receiver).
        assertTrue(view.performClick())
        assertTrue(shadowOf(app).broadcastIntents.any { it.action == WidgetTapReceiver.ACTION_TAP })
    }

    @Test
    fun redrawingShowsTheHostsWordsNow() {
        val manager = AppWidgetManager.getInstance(app)
        val id = shadowOf(manager).createWidget(UrgeWidgetProvider::class.java, android.R.layout.simple_list_item_1)
        app.lines = WidgetLines("Timer running", "Started just now")
        UrgeWidgetProvider().redraw(app)
        assertEquals("Timer running", (shadowOf(manager).getViewFor(id) as android.widget.TextView).text.toString())
    }

    @Test
    fun aTapStartsATimerInTheStoreAndOpensNoActivity() {
        val store = app.openStore()
        tap()
        assertEquals(1, app.taps.get())
        assertNull(shadowOf(app).nextStartedActivity)
        // Another process (the app opening later) finds the timer running.
        store.open().use { other ->
            val model = other.ebb.send(other.context(), Event.Opened("GB")).model
            assertEquals(Screen.TIMER, model.screen)
        }
        // The running timer is posted, privately.
        val posted = shadowOf(app.getSystemService(NotificationManager::class.java))
            .getNotification(WidgetTapReceiver.TIMER_NOTIFICATION)
        assertEquals(Channels.TIMER, posted.channelId)
        assertEquals(android.app.Notification.VISIBILITY_PRIVATE, posted.visibility)
        assertTrue(posted.publicVersion != null)
    }

    @Test
    fun aSecondTapStartsNoSecondTimer() {
        val store = app.openStore()
        tap()
        val first = store.open().use { other -> startedAt(other) }
        tap()
        assertEquals(2, app.taps.get())
        val second = store.open().use { other -> startedAt(other) }
        assertEquals(first, second)
    }

    @Test
    fun aTapWithNoStoreYetCrashesNothing() {
        tap()
        assertEquals(1, app.taps.get())
        assertNull(shadowOf(app).nextStartedActivity)
        assertEquals(0, shadowOf(app.getSystemService(NotificationManager::class.java)).allNotifications.size)
    }

    @Test
    fun anotherBroadcastIsIgnored() {
        WidgetTapReceiver().onReceive(app as Context, Intent("something.else"))
        Background.awaitIdle()
        assertEquals(0, app.taps.get())
    }

    private fun startedAt(companion: app.ebb.shell.EbbCompanion): java.time.Instant {
        val model = companion.ebb.send(companion.context(), Event.Opened("GB")).model
        return (model.detail as Detail.Timer).timer.startedAt
    }
}
