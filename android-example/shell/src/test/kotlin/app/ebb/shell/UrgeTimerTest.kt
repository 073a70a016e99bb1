package app.ebb.shell

import app.ebb.NextScreen
import app.ebb.core.Outcome
import java.time.Duration
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.runBlocking
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Test

class UrgeTimerTest {
    private val store = TempStore()
    private val scope = CoroutineScope(SupervisorJob() + Dispatchers.Default)
    private val scheduler = RecordingScheduler()
    private val opener = RecordingOpener()
    private val crisis = CrisisAccess(store.companion, opener)
    private val timer = UrgeTimer(store.companion, CueSchedule(store.companion, scheduler), testWords, crisis, scope)

    @After
    fun tearDown() {
        timer.stopWatching()
        scope.cancel()
        store.close()
    }

    @Test
    fun startCheckInAndEndMoveThroughTheStatesTheCoreDecides() = runBlocking {
        timer.resume()
        val ready = timer.ui.value as UrgeState.Ready
        assertEquals(listOf(5, 15, 30), ready.presetsMinutes)
        assertEquals(6, ready.needs.size)
        assertEquals("need.too_much", ready.needs.first().label)

        timer.start(goalMinutes = 15)
        val running = timer.ui.value as UrgeState.Running
        assertEquals(Duration.ofMinutes(15), running.urge.goal)
        assertTrue(running.remainingText, running.remainingText.matches(Regex("1[45]:\\d+")))
        assertEquals("urge.outcome.choice.self_harmed", running.outcomes[3].label)

        timer.checkIn(7)
        val checked = timer.ui.value as UrgeState.Running
        assertEquals(7, checked.urge.intensity)
        assertFalse(checked.askingIntensity)

        timer.end(Outcome.Passed)
        val ended = timer.ui.value as UrgeState.Ended
        assertEquals(Outcome.Passed, ended.ended.outcome)
        assertTrue(ended.ended.acknowledgement.isNotBlank())
        assertTrue("notifications left after the end: ${scheduler.pending}", scheduler.pending.isEmpty())

        timer.resume()
        assertTrue(timer.ui.value is UrgeState.Ready)
    }

    @Test
    fun checkInsAreScheduledAsNotificationsFromTheCoresSchedule() = runBlocking {
        timer.start(goalMinutes = 5)
        val core = store.companion.notificationSchedule()
        assertTrue("a 5-minute session has future cues", core.isNotEmpty())
        assertEquals(core.map { it.due }, scheduler.pending.values.map { it.at })
        assertEquals(core.map { it.cue.text }, scheduler.pending.values.map { it.text })
        assertTrue(scheduler.pending.values.all { it.at.isAfter(store.clock.now().minusSeconds(1)) })

        // A longer goal replaces the whole schedule.
        timer.extend(30)
        val longer = store.companion.notificationSchedule()
        assertEquals(longer.map { it.due }, scheduler.pending.values.map { it.at })
        assertTrue(longer.size > core.size)
    }

    @Test
    fun theTimerLineFollowsTheClock() = runBlocking {
        timer.start(goalMinutes = 15)
        store.clock.offset = Duration.ofMinutes(10)
        timer.tick()
        val running = timer.ui.value as UrgeState.Running
        assertTrue(running.remainingText, running.remainingText.matches(Regex("[45]:\\d+")))
    }

    @Test
    fun aSessionIsFoundAgainAfterTheProcessDies() = runBlocking {
        timer.start(goalMinutes = 30)
        val id = (timer.ui.value as UrgeState.Running).urge.id
        timer.stopWatching()
        store.companion.close()
        store.open().use { reopened ->
            val again = UrgeTimer(reopened, CueSchedule(reopened, scheduler), testWords, CrisisAccess(reopened, opener), scope)
            again.resume()
            assertEquals(id, (again.ui.value as UrgeState.Running).urge.id)
            again.stopWatching()
        }
    }

    @Test
    fun sayingTheyThinkOfEndingTheirLifePutsTheCrisisScreenFirst() = runBlocking {
        timer.start(goalMinutes = 15)
        timer.checkIn(5, thinkingOfEndingLife = true)
        val screen = crisis.screen.value!!
        assertTrue(screen.lines.isNotEmpty())
        val running = timer.ui.value as UrgeState.Running
        assertTrue(running.next is NextScreen.CrisisFirst)
    }
}
