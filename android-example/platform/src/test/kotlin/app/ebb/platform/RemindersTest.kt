package app.ebb.platform

import app.ebb.core.Source
import app.ebb.core.Event
import android.app.AlarmManager
import android.app.Notification
import android.app.PendingIntent
import android.app.NotificationManager
import android.content.Context
import android.content.Intent
import app.ebb.core.Reminder
import java.time.Instant
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNotNull
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.RuntimeEnvironment
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config
import org.robolectric.shadows.ShadowAlarmManager

@RunWith(RobolectricTestRunner::class)
@Config(sdk = [26, 31, 36], manifest = Config.NONE, application = TestApp::class)
class RemindersTest {
    private val app: TestApp = RuntimeEnvironment.getApplication() as TestApp
    private val alarms get() = shadowOf(app.getSystemService(AlarmManager::class.java))
    private val notifications get() = shadowOf(app.getSystemService(NotificationManager::class.java))

    @After
    fun closeStore() {
        Background.awaitIdle()
        app.store?.close()
    }

    private fun reminder(at: Instant, n: Int) = Reminder(at, "How strong is the urge now? ($n)", "Ebb: a check-in")

    @Test
    fun eachReminderIsAnAlarmAtItsInstant() {
        val now = Instant.parse("2026-12-03T10:00:00Z")
        val reminders = listOf(reminder(now.plusSeconds(600), 1), reminder(now.plusSeconds(1200), 2))
        AlarmReminders(app).replaceAll(reminders)
        val set = alarms.scheduledAlarms.sortedBy { it.triggerAtMs }
        assertEquals(reminders.map { it.at.toEpochMilli() }, set.map { it.triggerAtMs })
        assertTrue(set.all { it.getType() == AlarmManager.RTC_WAKEUP && it.isAllowWhileIdle })
    }

    @Test
    fun alarmsAreExactWhereAllowedAndInexactWhereNot() {
        val at = Instant.parse("2026-12-03T10:10:00Z")
        ShadowAlarmManager.setCanScheduleExactAlarms(true)
        AlarmReminders(app).replaceAll(listOf(reminder(at, 1)))
        assertEquals(ShadowAlarmManager.WINDOW_EXACT, alarms.scheduledAlarms.single().windowLengthMs)

        ShadowAlarmManager.setCanScheduleExactAlarms(false)
        val reminders = AlarmReminders(app)
        reminders.replaceAll(listOf(reminder(at, 2)))
        val expected = if (android.os.Build.VERSION.SDK_INT >= 31) ShadowAlarmManager.WINDOW_HEURISTIC else ShadowAlarmManager.WINDOW_EXACT
        assertEquals(expected, alarms.scheduledAlarms.single().windowLengthMs)
        assertEquals(android.os.Build.VERSION.SDK_INT < 31, reminders.exact)
    }

    @Test
    fun replacingCancelsWhatAnEarlierProcessSet() {
        val at = Instant.parse("2026-12-03T10:00:00Z")
        AlarmReminders(app).replaceAll(listOf(reminder(at.plusSeconds(60), 1), reminder(at.plusSeconds(120), 2)))
        // A new instance, as after the process was killed: the ids come from preferences.
        val later = AlarmReminders(app)
        later.replaceAll(listOf(reminder(at.plusSeconds(900), 3)))
        assertEquals(listOf(at.plusSeconds(900).toEpochMilli()), alarms.scheduledAlarms.map { it.triggerAtMs })
        later.replaceAll(emptyList())
        assertEquals(0, alarms.scheduledAlarms.size)
        assertEquals(emptyList<Int>(), later.scheduledIds())
    }

    @Test
    fun aFiredCheckInIsPrivateWithAPublicVersionThatSaysOnlyEbb() {
        val store = app.openStore()
        store.flow.send(Event.StartUrge(Source.PHONE_APP))
        val fromCore = store.reminders.scheduled.last()
        assertTrue(fromCore.isNotEmpty())
        val first = alarms.scheduledAlarms.minBy { it.triggerAtMs }
        assertEquals(fromCore.first().at.toEpochMilli(), first.triggerAtMs)

        deliver(shadowOf(first.pending).savedIntent)
        val posted = notifications.allNotifications.single()
        assertEquals(Channels.CHECK_INS, posted.channelId)
        assertEquals(Notification.VISIBILITY_PRIVATE, posted.visibility)
        assertEquals(fromCore.first().text, posted.extras.getCharSequence(Notification.EXTRA_TEXT).toString())
        assertNotNull(posted.publicVersion)
        val public = posted.publicVersion!!
        val publicWords = listOf(Notification.EXTRA_TITLE, Notification.EXTRA_TEXT)
            .joinToString(" ") { public.extras.getCharSequence(it)?.toString().orEmpty() }
        assertEquals("Ebb " + fromCore.first().publicText, publicWords)
        // Every word the public version carries, wherever the lock screen might read it.
        @Suppress("DEPRECATION")
        val everything = (public.extras.keySet().map { public.extras.get(it)?.toString().orEmpty() } + public.tickerText?.toString().orEmpty())
            .joinToString(" ").lowercase()
        assertFalse(everything, "urge" in everything || "self-harm" in everything)
        // The private text is the core's own reminder words, which do name the urge.
        assertTrue(fromCore.first().text, "urge" in fromCore.first().text.lowercase())
        assertFalse(fromCore.first().text == fromCore.first().publicText)
    }

    @Test
    fun channelsAreCreatedOnceAndPrivateOnTheLockScreen() {
        Channels.ensure(app)
        Channels.ensure(app)
        val channels = notifications.notificationChannels
        assertEquals(setOf(Channels.CHECK_INS, Channels.TIMER, Channels.GUIDE), channels.map { it.id }.toSet())
        assertTrue(channels.all { it.lockscreenVisibility == Notification.VISIBILITY_PRIVATE })
    }

    @Test
    fun theCheckInAlarmIsSetAtTheCoresNextCueAndAgainAfterABoot() {
        val store = app.openStore()
        store.flow.send(Event.StartUrge(Source.PHONE_APP))
        // The Schedule effect the core handed back, as the flow carried it out.
        val cue = store.reminders.scheduled.last().first().at
        assertEquals(store.reminders.scheduled.last().minOf { it.at }, cue)
        assertEquals(cue.toEpochMilli(), alarms.peekNextScheduledAlarm()!!.triggerAtMs)

        // A reboot clears every alarm; BOOT_COMPLETED reaches the app, which
        // sends Event.Opened through the same flow.
        val manager = app.getSystemService(AlarmManager::class.java)
        for (alarm in alarms.scheduledAlarms) manager.cancel(alarm.pending)
        assertNull(alarms.peekNextScheduledAlarm())
        val schedules = store.reminders.scheduled.size
        deliver(Intent(Intent.ACTION_BOOT_COMPLETED))
        Background.awaitIdle()
        assertEquals(1, app.reschedules.get())
        assertTrue(store.reminders.scheduled.size > schedules)
        assertEquals(cue, store.reminders.scheduled.last().first().at)
        assertEquals(cue.toEpochMilli(), alarms.peekNextScheduledAlarm()!!.triggerAtMs)
    }

    @Test
    fun rebootAndClockChangesScheduleAgainFromTheCore() {
        val store = app.openStore()
        store.flow.send(Event.StartUrge(Source.PHONE_APP))
        val before = alarms.scheduledAlarms.map { it.triggerAtMs }.sorted()
        assertTrue(before.isNotEmpty())
        // A reboot clears every alarm.
        val manager = app.getSystemService(AlarmManager::class.java)
        for (alarm in alarms.scheduledAlarms) manager.cancel(alarm.pending)
        assertEquals(0, alarms.scheduledAlarms.size)
        for ((n, action) in listOf(Intent.ACTION_BOOT_COMPLETED, Intent.ACTION_TIME_CHANGED, Intent.ACTION_TIMEZONE_CHANGED).withIndex()) {
            deliver(Intent(action))
            Background.awaitIdle()
            assertEquals(n + 1, app.reschedules.get())
        }
        assertEquals(before, alarms.scheduledAlarms.map { it.triggerAtMs }.sorted())
    }

    @Test
    fun anAlarmWithoutItsWordsPostsNothing() {
        deliver(Intent(AlarmReminders.ACTION))
        assertEquals(0, notifications.allNotifications.size)
    }

    private fun deliver(intent: Intent) = ReminderReceiver().onReceive(app as Context, intent)
}

// Robolectric 4.17 deprecates the field but offers no getter for it.
@Suppress("DEPRECATION")
private val ShadowAlarmManager.ScheduledAlarm.pending: PendingIntent
    get() = operation!!
