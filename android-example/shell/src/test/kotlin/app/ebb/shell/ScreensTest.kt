package app.ebb.shell

import app.ebb.EbbException
import app.ebb.core.RenderedHaptics
import app.ebb.PlanChange
import app.ebb.UrgeRequest
import app.ebb.core.CheckInCadence
import app.ebb.core.EntryList
import app.ebb.core.GuideId
import app.ebb.core.Need
import app.ebb.core.Outcome
import app.ebb.core.Platform
import app.ebb.core.Source
import app.ebb.core.Window
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.runBlocking
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertSame
import org.junit.Assert.assertTrue
import org.junit.Assert.fail
import org.junit.Test

class ScreensTest {
    private val store = TempStore()
    private val scope = CoroutineScope(SupervisorJob() + Dispatchers.Default)
    private val opener = RecordingOpener()
    private val crisis = CrisisAccess(store.companion, opener)

    @After
    fun tearDown() {
        scope.cancel()
        store.close()
    }

    @Test
    fun crisisHelpIsOneTapFromEveryScreen() = runBlocking {
        val vibrator = HapticPlayer(RecordingVibrator(true))
        val screens = listOf(
            UrgeTimer(store.companion, CueSchedule(store.companion, RecordingScheduler()), testWords, crisis, scope).crisis,
            Recommendations(store.companion, crisis).crisis,
            GuidePlayer(store.companion, vibrator, Platform.ANDROID_PHONE, crisis, scope).crisis,
            ProgressReview(store.companion, testWords, crisis).crisis,
            SafetyPlanScreen(store.companion, crisis).crisis,
        )
        for (access in screens) {
            access.dismiss()
            val screen = access.open()
            assertSame(screen, crisis.screen.value)
            assertTrue("never without a line to call", screen.lines.isNotEmpty())
        }
        assertEquals(store.companion.crisisScreen().heading, crisis.label())
        val call = crisis.screen.value!!.lines.first().actions.first().action
        crisis.reach(call)
        assertEquals(listOf(call), opener.opened)
    }

    @Test
    fun hapticsUseTheWaveformWithAmplitudeControlAndTheOnOffFallbackWithout() = runBlocking {
        val step = store.companion.guide(GuideId.BREATHING, Platform.ANDROID_PHONE).steps
            .first { it.haptics is RenderedHaptics.Android }
        val android = step.haptics as RenderedHaptics.Android

        val rich = RecordingVibrator(hasAmplitudeControl = true)
        HapticPlayer(rich).play(step.haptics)
        assertEquals(listOf(RecordingVibrator.Waveform(android.waveform.timingsMs, android.waveform.amplitudes, -1)), rich.calls)
        assertEquals(-1, android.waveform.repeat)

        val plain = RecordingVibrator(hasAmplitudeControl = false)
        HapticPlayer(plain).play(step.haptics)
        assertEquals(listOf(RecordingVibrator.OnOff(android.onOff.timingsMs, android.onOff.repeat)), plain.calls)

        val off = RecordingVibrator(hasAmplitudeControl = true)
        HapticPlayer(off).apply { enabled = false }.play(step.haptics)
        assertTrue(off.calls.isEmpty())

        val apple = store.companion.guide(GuideId.BREATHING, Platform.IPHONE).steps.first().haptics
        val untouched = RecordingVibrator(hasAmplitudeControl = true)
        HapticPlayer(untouched).play(apple)
        assertTrue("an Apple rendering does not play on an Android motor", untouched.calls.isEmpty())
    }

    @Test
    fun progressShowsTheCoresFiguresScaledForCharts() = runBlocking {
        val request = UrgeRequest(Source.PHONE_APP, 7, Need.TOO_MUCH, 5, CheckInCadence.NEVER)
        store.companion.startUrge(request)
        store.companion.endUrge(Outcome.Passed)
        store.companion.startUrge(request)
        store.companion.endUrge(Outcome.EndedWithoutSaying)

        val review = ProgressReview(store.companion, testWords, crisis)
        review.load(Window.WEEK)
        val state = review.ui.value
        assertEquals(2u, state.review!!.current.urges)
        assertEquals(1.0f, state.bars.maxOf { it.urges })
        assertTrue(state.bars.all { it.passedSafely <= it.urges })
        assertEquals(24, state.hours.size)
        assertEquals(1.0f, state.hours.max())
        assertEquals(listOf("progress.window.week", "progress.window.month", "progress.window.ninety_days", "progress.window.all_time"), state.windows.map { it.label })
    }

    @Test
    fun theSafetyPlanSavesChangesAndInvalidInputChangesNothing() = runBlocking {
        val plan = SafetyPlanScreen(store.companion, crisis)
        plan.load()
        assertTrue(plan.ui.value.privacy.isNotEmpty())
        plan.edit(PlanChange.AddEntry(EntryList.REASONS_FOR_LIVING, "My sister"))
        val reasons = plan.ui.value.plan!!.steps.first { it.list == EntryList.REASONS_FOR_LIVING }
        assertEquals(listOf("My sister"), reasons.entries)
        val revision = plan.ui.value.plan!!.revision
        try {
            plan.edit(PlanChange.SetCountry("not a country"))
            fail("an invalid country was saved")
        } catch (e: EbbException.InvalidInput) {
            plan.load()
            assertEquals(revision, plan.ui.value.plan!!.revision)
        }
    }

    @Test
    fun recommendationsComeInTheCoresOrderAndUsesAreRecorded() = runBlocking {
        val skills = Recommendations(store.companion, crisis)
        skills.refresh(need = Need.TOO_MUCH, intensity = 8)
        val state = skills.ui.value
        assertTrue(state.suggestions.isNotEmpty())
        assertTrue(state.suggestions.all { it.reason.isNotBlank() })
        val id = skills.used(state.suggestions.first(), helped = true, before = 8, after = 5)
        assertTrue(id.isNotBlank())
    }

    @Test
    fun aWatchIsOfferedFewerSkillsThanAPhone() = runBlocking {
        val skills = Recommendations(store.companion, crisis)
        skills.refresh(need = Need.TOO_MUCH)
        val onPhone = skills.ui.value.suggestions.map { it.skillId }.toSet()
        store.companion.close()
        store.open(app.ebb.core.DeviceKind.WATCH).use { watch ->
            val onWatch = Recommendations(watch, CrisisAccess(watch, opener))
            onWatch.refresh(need = Need.TOO_MUCH)
            val ids = onWatch.ui.value.suggestions.map { it.skillId }.toSet()
            assertTrue(ids.isNotEmpty())
            assertTrue("watch $ids, phone $onPhone", onPhone.containsAll(ids) && ids != onPhone)
        }
    }
}
