package app.ebb.shell

import app.ebb.core.RenderedHaptics
import app.ebb.UrgeRequest
import app.ebb.core.CheckInCadence
import app.ebb.core.CueKind
import app.ebb.core.GuideId
import app.ebb.core.Platform
import app.ebb.core.Source
import java.time.Duration
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.flow.transformWhile
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test

class LiveFlowTest {
    private val store = TempStore()
    private val scope = CoroutineScope(SupervisorJob() + Dispatchers.Default)

    @After
    fun tearDown() {
        scope.cancel()
        store.close()
    }

    @Test
    fun urgeCuesArriveInOrderFromTheLiveDriver() = runBlocking {
        // A 5-minute session that started 4 min 57 s ago: the missed cues
        // arrive at once (coalesced by the core), the goal three seconds later.
        store.clock.offset = Duration.ofSeconds(-297)
        store.companion.startUrge(UrgeRequest(Source.PHONE_APP, 6, null, 5, CheckInCadence.EVERY_MINUTE))
        store.clock.offset = Duration.ZERO
        val cues = withTimeout(15_000) {
            store.companion.cues().transformWhile { cue ->
                emit(cue)
                cue.kind != CueKind.GOAL_REACHED
            }.toList()
        }
        assertTrue("missed cues come first: $cues", cues.size >= 2)
        assertEquals(CueKind.GOAL_REACHED, cues.last().kind)
        assertTrue("earlier cues ask how strong it is: $cues", cues.dropLast(1).all { it.asksIntensity })
        assertEquals("in the order they fell due", cues.sortedBy { it.at }, cues)
        assertEquals(cues.size, cues.map { it.at }.toSet().size)
    }

    @Test
    fun aGuidesStepsArriveInOrderAndEndWithFinished() = runBlocking {
        val guide = store.companion.guide(GuideId.HOLD_ICE, Platform.WEAR_OS)
        val run = store.companion.runGuide(GuideId.HOLD_ICE, Platform.WEAR_OS)
        val events = withTimeout(15_000) {
            run.events.transformWhile { event ->
                emit(event)
                // Skipping each step as it starts plays the whole guide at once.
                if (event is GuideEvent.Step) run.finishStep(event.step.index)
                event !is GuideEvent.Finished
            }.toList()
        }
        val steps = events.filterIsInstance<GuideEvent.Step>().map { it.step }
        assertEquals(guide.steps.indices.toList(), steps.map { it.index })
        assertEquals(guide.steps.map { it.text }, steps.map { it.text })
        assertEquals(GuideEvent.Finished, events.last())
    }

    @Test
    fun theGuidePlayerVibratesEachStepsWaveform() = runBlocking {
        val vibrator = RecordingVibrator(hasAmplitudeControl = true)
        val player = GuidePlayer(store.companion, HapticPlayer(vibrator), Platform.WEAR_OS, CrisisAccess(store.companion, RecordingOpener()), scope)
        player.choose(GuideId.HOLD_ICE)
        val intro = player.ui.value as GuideState.Intro
        assertTrue("hold-ice shows its caution before it starts", intro.guide.cautions.isNotEmpty())
        vibrator.calls.clear()
        player.begin()
        for (index in intro.guide.steps.indices) {
            val playing = player.ui.awaitMatching { it is GuideState.Playing && it.step.index == index } as GuideState.Playing
            player.next()
            assertEquals(index, playing.step.index)
        }
        player.ui.awaitMatching { it is GuideState.Finished }
        val expected = intro.guide.steps.mapNotNull { (it.haptics as? RenderedHaptics.Android)?.waveform }
            .map { RecordingVibrator.Waveform(it.timingsMs, it.amplitudes, it.repeat) }
        assertTrue("hold-ice has haptics on the watch", expected.isNotEmpty())
        assertEquals(expected, vibrator.calls.toList())
    }
}
