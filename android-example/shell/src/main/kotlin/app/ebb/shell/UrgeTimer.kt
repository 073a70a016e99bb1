package app.ebb.shell

import app.ebb.CueView
import app.ebb.EbbException
import app.ebb.EndedView
import app.ebb.NextScreen
import app.ebb.UrgeRequest
import app.ebb.UrgeView
import app.ebb.core.CheckInCadence
import app.ebb.core.Need
import app.ebb.core.Outcome
import app.ebb.core.Source
import java.time.Duration
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch

/** What the urge timer screen shows. */
sealed interface UrgeState {
    /** Not yet known (the log is being read). */
    data object Loading : UrgeState

    /** No session runs: goals to pick from. */
    data class Ready(
        val presetsMinutes: List<Int>,
        val suggestedMinutes: Int,
        val cadence: CheckInCadence,
        val needs: List<Choice<Need>>,
        val askNeed: String,
    ) : UrgeState

    /** A session runs. */
    data class Running(
        val urge: UrgeView,
        /** The timer line, such as "12 min 5 s to your goal". */
        val remainingText: String,
        /** The latest cue, shown until the next one. */
        val cue: CueView?,
        /** Whether the screen asks how strong the urge is now. */
        val askingIntensity: Boolean,
        /** An offer or the crisis screen the core chose after an answer. */
        val next: NextScreen?,
        val outcomes: List<Choice<Outcome>>,
        val askIntensity: String,
        val askOutcome: String,
    ) : UrgeState

    /** The session ended: the acknowledgement and what follows. */
    data class Ended(val ended: EndedView) : UrgeState
}

/**
 * The urge timer: start, check in, extend, end. The running session lives
 * in the log, not here, so [resume] after a process death finds it again.
 * Cues arrive from the core's live driver while [scope] is alive, and as
 * notifications (through [schedule]) when it is not.
 */
class UrgeTimer(
    private val companion: EbbCompanion,
    private val schedule: CueSchedule,
    private val words: Words,
    /** Crisis help, one tap away. */
    val crisis: CrisisAccess,
    private val scope: CoroutineScope,
) {
    private val state = MutableStateFlow<UrgeState>(UrgeState.Loading)
    private var watching: Job? = null

    /** What to show. */
    val ui: StateFlow<UrgeState> = state.asStateFlow()

    /** Reads the log: shows the running session, or the goals to start one. */
    suspend fun resume() {
        val urge = companion.activeUrge()
        if (urge == null) {
            showReady()
        } else {
            // Cues that fell due while the app slept, coalesced by the core.
            val latest = companion.advance().lastOrNull()
            showRunning(urge, latest)
        }
    }

    /** Starts a session (a second start returns the running one). */
    suspend fun start(
        goalMinutes: Int? = null,
        source: Source = Source.PHONE_APP,
        need: Need? = null,
        intensity: Int? = null,
    ) {
        val cadence = companion.settings().cadence
        val urge = companion.startUrge(UrgeRequest(source, intensity, need, goalMinutes, cadence))
        showRunning(urge, null)
    }

    /**
     * Answers the check-in. Saying they think of ending their life opens the
     * crisis screen before anything else.
     */
    suspend fun checkIn(intensity: Int?, thinkingOfEndingLife: Boolean = false) {
        val result = companion.answer(intensity, thinkingOfEndingLife)
        val next = result.next
        if (next is NextScreen.CrisisFirst) crisis.show(next.screen)
        val urge = companion.activeUrge() ?: return showReady()
        showRunning(urge, result.cues.lastOrNull(), asking = false, next = next.takeUnless { it is NextScreen.Continue })
    }

    /** Makes the goal longer. */
    suspend fun extend(goalMinutes: Int) {
        showRunning(companion.extendUrge(goalMinutes), currentCue())
    }

    /** Ends the session with how it went. */
    suspend fun end(outcome: Outcome) {
        val ended = companion.endUrge(outcome)
        stopWatching()
        schedule.clear()
        val next = ended.next
        if (next is NextScreen.CrisisFirst) crisis.show(next.screen)
        state.value = UrgeState.Ended(ended)
    }

    /** Refreshes the timer line (call once a second while shown). */
    suspend fun tick() {
        val running = state.value as? UrgeState.Running ?: return
        val urge = companion.activeUrge()
        if (urge == null) {
            showReady()
            return
        }
        state.value = running.copy(urge = urge, remainingText = remaining(urge.remaining))
    }

    /** Closes the offer shown after an answer. */
    fun dismissNext() {
        state.update { if (it is UrgeState.Running) it.copy(next = null) else it }
    }

    /** Stops listening for cues (the screen went away; notifications remain). */
    fun stopWatching() {
        watching?.cancel()
        watching = null
    }

    private fun currentCue(): CueView? = (state.value as? UrgeState.Running)?.cue

    private suspend fun showReady() {
        stopWatching()
        schedule.clear()
        val settings = companion.settings()
        state.value = UrgeState.Ready(
            presetsMinutes = settings.goalPresetsMinutes,
            suggestedMinutes = companion.suggestedGoalMinutes(),
            cadence = settings.cadence,
            needs = words.needChoices(),
            askNeed = words.raw(Keys.ASK_NEED),
        )
    }

    private suspend fun showRunning(urge: UrgeView, cue: CueView?, asking: Boolean = cue?.asksIntensity == true, next: NextScreen? = null) {
        state.value = UrgeState.Running(
            urge = urge,
            remainingText = remaining(urge.remaining),
            cue = cue,
            askingIntensity = asking,
            next = next,
            outcomes = words.outcomeChoices(),
            askIntensity = words.raw(Keys.ASK_INTENSITY),
            askOutcome = words.raw(Keys.ASK_OUTCOME),
        )
        schedule.replace()
        watch()
    }

    private fun watch() {
        if (watching?.isActive == true) return
        watching = scope.launch {
            try {
                companion.cues().collect { cue ->
                    state.update {
                        if (it is UrgeState.Running) it.copy(cue = cue, askingIntensity = cue.asksIntensity) else it
                    }
                }
                // The session ended elsewhere (the watch, a notification
                // action), or the log was closed.
                watching = null
                if (companion.isOpen && state.value is UrgeState.Running) resume()
            } catch (e: EbbException.Closed) {
                state.value = UrgeState.Loading
            }
        }
    }

    private fun remaining(left: Duration): String =
        words.text(Keys.TIMER_REMAINING, "minutes" to left.toMinutes(), "seconds" to left.toSecondsPart())
}
