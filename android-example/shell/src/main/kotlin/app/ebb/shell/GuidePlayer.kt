package app.ebb.shell

import app.ebb.BreathingChoice
import app.ebb.GuideView
import app.ebb.StepView
import app.ebb.core.GuideId
import app.ebb.core.Platform
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch

/** What the guide player shows. */
sealed interface GuideState {
    /** Nothing chosen. */
    data object Idle : GuideState

    /** The guide's title, introduction and cautions, before it starts. */
    data class Intro(val guide: GuideView) : GuideState

    /** A step in progress. */
    data class Playing(
        val guide: GuideView,
        val step: StepView,
        /** Whether the step waits for the person (writing, a message). */
        val open: Boolean,
    ) : GuideState

    /** Over. */
    data class Finished(val guide: GuideView) : GuideState
}

/**
 * Plays one guide (breathing, hold-ice, grounding...) from the core's
 * timeline, vibrating each step's haptics as it starts. In haptics-only
 * mode the screen may stay dark: the steps still arrive and vibrate.
 */
class GuidePlayer(
    private val companion: EbbCompanion,
    private val haptics: HapticPlayer,
    private val platform: Platform,
    /** Crisis help, one tap away. */
    val crisis: CrisisAccess,
    private val scope: CoroutineScope,
) {
    private val state = MutableStateFlow<GuideState>(GuideState.Idle)
    private val hapticsOnlyMode = MutableStateFlow(false)
    private var run: GuideRun? = null
    private var job: Job? = null
    private var pending: (() -> GuideRun)? = null

    /** What to show. */
    val ui: StateFlow<GuideState> = state.asStateFlow()

    /** Whether the screen shows nothing but the haptics play (watch). */
    val hapticsOnly: StateFlow<Boolean> = hapticsOnlyMode.asStateFlow()

    /** Turns haptics-only mode on or off. */
    fun setHapticsOnly(on: Boolean) {
        hapticsOnlyMode.value = on
    }

    /** Shows [id]'s introduction and cautions; [begin] starts it. */
    suspend fun choose(id: GuideId) {
        stop()
        state.value = GuideState.Intro(companion.guide(id, platform))
        pending = { companion.runGuide(id, platform) }
    }

    /** Shows a breathing pacer's introduction; [begin] starts it. */
    suspend fun chooseBreathing(choice: BreathingChoice, minutes: Int, startPace: Int? = null) {
        stop()
        state.value = GuideState.Intro(companion.breathingGuide(choice, minutes, startPace, platform))
        pending = { companion.runBreathing(choice, minutes, startPace, platform) }
    }

    /** Starts the chosen guide. */
    fun begin() {
        val guide = (state.value as? GuideState.Intro)?.guide ?: return
        val next = pending?.invoke() ?: return
        run = next
        job = scope.launch {
            next.events.collect { event ->
                when (event) {
                    is GuideEvent.Step -> {
                        haptics.play(event.step.haptics)
                        state.value = GuideState.Playing(guide, event.step, event.step.length == null)
                    }
                    GuideEvent.Finished -> state.value = GuideState.Finished(guide)
                }
            }
        }
    }

    /** Finishes the open step, or skips the timed one. */
    fun next() {
        val playing = state.value as? GuideState.Playing ?: return
        run?.finishStep(playing.step.index)
    }

    /** Stops playing and the motor. */
    fun stop() {
        job?.cancel()
        job = null
        run = null
        haptics.stop()
        state.update { if (it is GuideState.Playing) GuideState.Idle else it }
    }
}
