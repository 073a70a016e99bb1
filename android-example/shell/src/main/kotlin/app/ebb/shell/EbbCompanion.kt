package app.ebb.shell

import app.ebb.AnswerResult
import app.ebb.BreathingChoice
import app.ebb.CrisisScreenView
import app.ebb.CueView
import app.ebb.core.DeviceKind
import app.ebb.Ebb
import app.ebb.EndedView
import app.ebb.GuideListener
import app.ebb.GuideView
import app.ebb.LiveHandle
import app.ebb.NextScreen
import app.ebb.PlanChange
import app.ebb.ProgressView
import app.ebb.SafetyPlanView
import app.ebb.ScheduledCueView
import app.ebb.SettingsView
import app.ebb.SkillUse
import app.ebb.StepView
import app.ebb.SuggestionView
import app.ebb.UrgeListener
import app.ebb.UrgeRequest
import app.ebb.UrgeView
import app.ebb.core.GuideId
import app.ebb.core.Need
import app.ebb.core.Outcome
import app.ebb.core.Platform
import app.ebb.core.Requirement
import app.ebb.core.Window
import java.io.File
import java.security.SecureRandom
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.channels.awaitClose
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.buffer
import kotlinx.coroutines.flow.callbackFlow
import kotlinx.coroutines.withContext

/**
 * Ebb for one app or watch process: the encrypted log opened with the key
 * from the platform's vault, every call stamped with the clock's time and
 * run off the caller's thread. Close it (or `use {}` it) when the process
 * no longer needs it.
 */
class EbbCompanion private constructor(
    private val ebb: Ebb,
    /** The clock every call is stamped with. */
    val clock: Clock,
    private val io: CoroutineDispatcher,
) : AutoCloseable {

    companion object {
        /**
         * Opens (or creates) the log at [file]. The key comes from [vault]; a
         * first run creates it. Throws [KeyUnavailableException] when the
         * file exists but no key does, and `EbbException.WrongKey` when the
         * key does not open the file: neither case creates anything.
         */
        fun open(
            file: File,
            vault: KeyVault,
            device: DeviceKind,
            clock: Clock = Clock.System,
            io: CoroutineDispatcher = Dispatchers.IO,
            random: SecureRandom = SecureRandom(),
        ): EbbCompanion {
            val key = DatabaseKey.obtain(vault, file.exists(), random)
            try {
                return EbbCompanion(Ebb.open(file.path, key, device, false), clock, io)
            } finally {
                key.fill(0)
            }
        }
    }

    @Volatile
    private var closed = false

    /** The generated object, for platform adapters of calls not wrapped here (device sync). */
    val bindings: Ebb get() = ebb

    /** Whether [close] has not been called yet. */
    val isOpen: Boolean get() = !closed

    /** The device this log was opened for. */
    val device: DeviceKind get() = ebb.device()

    private suspend fun <T> stamped(call: Ebb.(now: java.time.Instant, offset: Int) -> T): T =
        withContext(io) {
            val now = clock.now()
            ebb.call(now, clock.utcOffsetSecs(now))
        }

    private suspend fun <T> read(call: Ebb.() -> T): T = withContext(io) { ebb.call() }

    /** Starts an urge session, or returns the one already running. */
    suspend fun startUrge(request: UrgeRequest): UrgeView = stamped { now, offset -> startUrge(now, offset, request) }

    /** The running session, if any. */
    suspend fun activeUrge(): UrgeView? = read { activeUrge(clock.now()) }

    /** The goal the core suggests now, in minutes. */
    suspend fun suggestedGoalMinutes(): Int = read { suggestedGoalMinutes() }

    /** The person's answer: intensity, and whether they think of ending their life. */
    suspend fun answer(intensity: Int?, thinkingOfEndingLife: Boolean): AnswerResult =
        stamped { now, offset -> answer(now, offset, intensity, thinkingOfEndingLife) }

    /** Makes the goal longer. */
    suspend fun extendUrge(goalMinutes: Int): UrgeView = stamped { now, offset -> extendUrge(now, offset, goalMinutes) }

    /** Ends the running session. */
    suspend fun endUrge(outcome: Outcome): EndedView = stamped { now, offset -> endUrge(now, offset, outcome) }

    /** The running session's due cues (call on every wake). */
    suspend fun advance(): List<CueView> = read { advance(clock.now()) }

    /** Every future cue of the running session, for the OS scheduler. */
    suspend fun notificationSchedule(): List<ScheduledCueView> = read { notificationSchedule(clock.now()) }

    /** Skills to offer now, best first. */
    suspend fun recommend(need: Need?, intensity: Int?, inPublic: Boolean, atHand: List<Requirement>): List<SuggestionView> =
        read { recommend(clock.now(), need, intensity, inPublic, atHand, clock.now().toEpochMilli().toULong()) }

    /** Records a skill used; returns the entry's id. */
    suspend fun recordSkillUse(use: SkillUse): String = stamped { now, offset -> recordSkillUse(now, offset, use) }

    /** A guide's words, cautions and haptics. */
    suspend fun guide(id: GuideId, platform: Platform): GuideView = read { guide(id, platform) }

    /** A breathing pacer's words and haptics. */
    suspend fun breathingGuide(choice: BreathingChoice, minutes: Int, startPace: Int?, platform: Platform): GuideView =
        read { breathingGuide(choice, minutes, startPace, platform) }

    /** The progress review for [window], ending now. */
    suspend fun progress(window: Window): ProgressView = withContext(io) { ebb.progress(clock.now(), window) }

    /** The crisis screen: plan, people, lines. */
    suspend fun crisisScreen(): CrisisScreenView = read { crisisScreen() }

    /** The safety plan as written. */
    suspend fun safetyPlan(): SafetyPlanView = read { safetyPlan() }

    /** Changes the safety plan. */
    suspend fun editSafetyPlan(change: PlanChange): SafetyPlanView = stamped { now, offset -> editSafetyPlan(now, offset, change) }

    /** What follows an ended session. */
    suspend fun afterOutcome(outcome: Outcome): NextScreen = read { afterOutcome(outcome) }

    /** The plain statement of what Ebb keeps and where. */
    suspend fun privacyStatement(): List<String> = read { privacyStatement() }

    /** The person's settings. */
    suspend fun settings(): SettingsView = read { settings() }

    /**
     * The running session's cues as they fall due, for the screen that shows
     * it. Completes when the session ends (here or on another device).
     * Collecting starts the core's live driver; cancelling stops it.
     */
    fun cues(): Flow<CueView> = callbackFlow {
        val listener = object : UrgeListener {
            override fun onCue(cue: CueView) {
                trySend(cue)
            }

            override fun onEnded() {
                channel.close()
            }
        }
        val handle = try {
            ebb.watchUrge(listener)
        } catch (closedMeanwhile: IllegalStateException) {
            // The log was closed before collection began: no session to watch.
            channel.close()
            return@callbackFlow
        }
        awaitClose {
            handle.stop()
            handle.close()
        }
    }.buffer(Channel.UNLIMITED)

    /** Plays a guide's timeline (see [GuideRun]). */
    fun runGuide(id: GuideId, platform: Platform): GuideRun = GuideRun { ebb.runGuide(id, platform, it) }

    /** Plays a breathing pacer's timeline (see [GuideRun]). */
    fun runBreathing(choice: BreathingChoice, minutes: Int, startPace: Int?, platform: Platform): GuideRun =
        GuideRun { ebb.runBreathing(choice, minutes, startPace, platform, it) }

    override fun close() {
        closed = true
        ebb.close()
    }
}

/** What a playing guide delivers. */
sealed interface GuideEvent {
    /** A step starts now. */
    data class Step(val step: StepView) : GuideEvent

    /** The guide is over. */
    data object Finished : GuideEvent
}

/**
 * One playback of a guide. Collect [events] once: that starts the core's
 * driver, and cancelling the collection stops it. [finishStep] ends an open
 * step (or skips a timed one); naming the step makes a repeated tap harmless.
 */
class GuideRun internal constructor(private val start: (GuideListener) -> LiveHandle) {
    private val lock = Any()
    private var handle: LiveHandle? = null
    private val pending = mutableListOf<Int>()

    /** The steps as they start, then [GuideEvent.Finished]; completes after it. */
    val events: Flow<GuideEvent> = callbackFlow {
        val started = start(object : GuideListener {
            override fun onStep(step: StepView) {
                trySend(GuideEvent.Step(step))
            }

            override fun onFinished() {
                trySend(GuideEvent.Finished)
                channel.close()
            }
        })
        // A step can arrive (and be finished) before the handle is known.
        val early = synchronized(lock) {
            handle = started
            pending.toList().also { pending.clear() }
        }
        early.forEach(started::finishStep)
        awaitClose {
            synchronized(lock) { handle = null }
            started.stop()
            started.close()
        }
    }.buffer(Channel.UNLIMITED)

    /** The person finished (or skips) step [index]. */
    fun finishStep(index: Int) {
        val current = synchronized(lock) { handle ?: null.also { pending += index } }
        current?.finishStep(index)
    }
}
