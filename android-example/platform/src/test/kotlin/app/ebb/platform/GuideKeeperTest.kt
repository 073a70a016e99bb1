package app.ebb.platform

import android.app.Notification
import android.app.NotificationManager
import android.content.pm.ServiceInfo
import android.os.Build
import android.os.Handler
import android.os.Looper
import android.os.PowerManager
import app.ebb.core.Detail
import app.ebb.core.Event
import app.ebb.core.GuideId
import app.ebb.core.Screen
import app.ebb.core.StepDetail
import java.time.Duration
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import org.robolectric.RuntimeEnvironment
import org.robolectric.Shadows.shadowOf
import org.robolectric.android.controller.ServiceController
import org.robolectric.annotation.Config
import org.robolectric.shadows.ShadowPowerManager

@RunWith(RobolectricTestRunner::class)
@Config(sdk = [26, 31, 36], manifest = Config.NONE, application = TestApp::class)
class GuideKeeperTest {
    private val app = RuntimeEnvironment.getApplication() as TestApp
    private val looper get() = shadowOf(Looper.getMainLooper())
    private val clock = LooperClock()
    private lateinit var keeper: ServiceController<GuideKeeper>

    @After
    fun closeStore() {
        if (::keeper.isInitialized) keeper.destroy()
        app.store?.close()
    }

    /** The watch's flow over the real core, woken on the main looper at the core's instants. */
    private fun openFlow() = app.openStore(clock, HandlerWaker(Handler(Looper.getMainLooper()), clock)).flow

    private fun startBreathing(): StepDetail {
        val model = openFlow().send(Event.StartGuide(GuideId.BREATHING, null))
        assertEquals(Screen.GUIDE, model.screen)
        return (model.detail as Detail.Step).step.also { firstStep = it }
    }

    private fun startKeeper(startId: Int = 1): GuideKeeper {
        if (!::keeper.isInitialized) keeper = Robolectric.buildService(GuideKeeper::class.java).create()
        keeper.startCommand(0, startId)
        looper.idle()
        return keeper.get()
    }

    private val wakeLock: PowerManager.WakeLock? get() = ShadowPowerManager.getLatestWakeLock()

    private fun step() = (app.store!!.flow.model!!.detail as Detail.Step).step

    @Test
    fun aRunningGuideKeepsTheServiceInTheForegroundWithAPrivateNotificationAndAWakeLock() {
        startBreathing()
        val service = startKeeper()
        val shadow = shadowOf(service)
        assertEquals(GuideKeeper.NOTIFICATION, shadow.lastForegroundNotificationId)
        assertFalse(shadow.isForegroundStopped)
        assertFalse(shadow.isStoppedBySelf)
        // The specialUse type from API 34 (where the constant arrives); the
        // plain call below, whose type comes from the manifest alone.
        if (Build.VERSION.SDK_INT >= 34) {
            assertEquals(ServiceInfo.FOREGROUND_SERVICE_TYPE_SPECIAL_USE, service.foregroundServiceType)
        } else if (Build.VERSION.SDK_INT >= 29) {
            assertEquals(0, service.foregroundServiceType)
        }

        val notification = shadow.lastForegroundNotification
        assertEquals(Channels.GUIDE, notification.channelId)
        assertEquals(Notification.VISIBILITY_PRIVATE, notification.visibility)
        assertTrue(notification.flags and Notification.FLAG_ONGOING_EVENT != 0)
        assertEquals(app.store!!.flow.model!!.heading, notification.extras.getCharSequence(Notification.EXTRA_TEXT).toString())
        val public = notification.publicVersion
        assertEquals("Ebb", public.extras.getCharSequence(Notification.EXTRA_TITLE).toString())
        assertNull(public.extras.getCharSequence(Notification.EXTRA_TEXT))
        val channel = app.getSystemService(NotificationManager::class.java).getNotificationChannel(Channels.GUIDE)
        assertEquals(Notification.VISIBILITY_PRIVATE, channel.lockscreenVisibility)

        val lock = wakeLock!!
        assertTrue(lock.isHeld)
        assertEquals(GuideKeeper.WAKE_LOCK_TAG, shadowOf(lock).tag)
        assertFalse(shadowOf(lock).isReferenceCounted)
    }

    @Test
    fun stoppingTheGuideStopsTheServiceAndReleasesTheWakeLock() {
        startBreathing()
        val service = startKeeper()
        assertTrue(wakeLock!!.isHeld)
        app.store!!.flow.send(Event.StopGuide)
        looper.idle()
        val shadow = shadowOf(service)
        assertTrue(shadow.isForegroundStopped)
        assertTrue(shadow.isStoppedBySelf)
        assertFalse(wakeLock!!.isHeld)
        assertEquals(0, service.observers)
    }

    @Test
    fun theFlowsWakeMovesTheStepOnWhileTheServiceRuns() {
        val first = startBreathing()
        val service = startKeeper()
        val endsAt = first.endsAt!!
        // The screen is off: only the flow's wake, at the step's end, moves it on.
        looper.idleFor(Duration.between(clock.now(), endsAt).plusMillis(1))
        val next = step()
        assertEquals(first.index + 1u, next.index)
        assertFalse(shadowOf(service).isStoppedBySelf)
        assertTrue(wakeLock!!.isHeld)
        // The ongoing notification follows the step.
        assertEquals(app.store!!.flow.model!!.heading, shownText())
    }

    @Test
    fun aTimedGuideRunsToItsEndOnWakesAloneAndTheServiceThenStops() {
        startBreathing()
        val service = startKeeper()
        val started = clock.now()
        var moves = 0
        while (app.store!!.flow.model!!.screen == Screen.GUIDE) {
            val step = step()
            val endsAt = step.endsAt ?: break
            looper.idleFor(Duration.between(clock.now(), endsAt).plusMillis(1))
            moves++
            val model = app.store!!.flow.model!!
            if (model.screen != Screen.GUIDE) break
            assertTrue(step() != step)
            // Held at every step, renewed each time (past the first hold's timeout).
            assertTrue("held at step $moves", wakeLock!!.isHeld)
            assertEquals(model.heading, shownText())
            assertTrue("the guide never ended", moves < 500)
        }
        assertTrue(moves > 1)
        if (app.store!!.flow.model!!.screen != Screen.GUIDE) {
            // Over on its own: the keeper goes with it.
            assertTrue(shadowOf(service).isStoppedBySelf)
            assertFalse(wakeLock!!.isHeld)
        } else {
            // An open step waits for the person: nothing to keep awake for.
            assertFalse(wakeLock!!.isHeld)
        }
        assertTrue(
            "ran ${Duration.between(started, clock.now())}, past the first hold",
            Duration.between(started, clock.now()) > GuideKeeper.WAKE_MARGIN.plus(first().length ?: Duration.ZERO),
        )
    }

    private var firstStep: StepDetail? = null
    private fun first() = firstStep!!

    private fun shownText(): String =
        shadowOf(app.getSystemService(NotificationManager::class.java)).getNotification(GuideKeeper.NOTIFICATION)
            .extras.getCharSequence(Notification.EXTRA_TEXT).toString()

    @Test
    fun theWakeLockTimesOutShortlyAfterTheStepsEndWithoutAWake() {
        val first = startBreathing()
        startKeeper()
        // The flow stops waking (as if its thread stalled): the lock lapses on its own.
        app.store!!.flow.pause()
        looper.idleFor(Duration.between(clock.now(), first.endsAt!!).plus(GuideKeeper.WAKE_MARGIN).plusSeconds(1))
        assertFalse(wakeLock!!.isHeld)
    }

    @Test
    fun aPausedGuideKeepsTheNotificationButNotTheWakeLock() {
        startBreathing()
        val service = startKeeper()
        app.store!!.flow.send(Event.PauseGuide)
        looper.idle()
        assertFalse(wakeLock!!.isHeld)
        assertFalse(shadowOf(service).isStoppedBySelf)
        app.store!!.flow.send(Event.ResumeGuide)
        looper.idle()
        assertTrue(wakeLock!!.isHeld)
    }

    @Test
    fun startingTwiceFollowsTheFlowOnce() {
        startBreathing()
        val service = startKeeper(1)
        startKeeper(2)
        assertEquals(1, service.observers)
        app.store!!.flow.send(Event.StopGuide)
        looper.idle()
        assertEquals(0, service.observers)
        assertEquals(2, shadowOf(service).stopSelfId)
    }

    @Test
    fun startedWithNoGuideItEntersTheForegroundAndLeavesAtOnce() {
        openFlow()
        val service = startKeeper()
        val shadow = shadowOf(service)
        assertEquals(GuideKeeper.NOTIFICATION, shadow.lastForegroundNotificationId)
        assertTrue(shadow.isForegroundStopped)
        assertTrue(shadow.isStoppedBySelf)
        assertFalse(wakeLock?.isHeld ?: false)
        assertEquals(0, service.observers)
    }
}
