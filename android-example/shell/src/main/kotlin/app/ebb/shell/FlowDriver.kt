package app.ebb.shell

import app.ebb.core.Action
import app.ebb.core.CheckInCadence
import app.ebb.core.Choice
import app.ebb.core.Effect
import app.ebb.core.Event
import app.ebb.core.Model
import app.ebb.core.Screen
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow

/** What the platform does for a flow: each field is one seam of Platform.kt. */
class Shell(
    val haptics: HapticPlayer,
    val reminders: Reminders,
    val opener: ActionOpener,
    val announcer: Announcer,
    val permission: NotificationPermission,
    val saver: Saver,
    val waker: Waker,
)

/**
 * Runs the core's flow for a shell: sends each event with its context,
 * publishes the model to show, carries out the effects through the
 * platform's seams and wakes the flow when the core asks. The Kotlin twin
 * of EbbKit's `FlowDriver`.
 *
 * Screens render [models] (heading, lines, question, sections, choices,
 * detail) and call [choose] with the choice the person picked; they decide
 * nothing. Calls block on the database: make them off the main thread.
 * Events are handled one at a time, in the order sent, effects and all.
 */
class FlowDriver(val companion: EbbCompanion, private val shell: Shell) {
    private val state = MutableStateFlow<Model?>(null)
    private val unopenedState = MutableStateFlow<Action?>(null)
    private val lock = Any()

    /** The model on screen, `null` before the first event. */
    val models: StateFlow<Model?> = state.asStateFlow()

    /** The model on screen now. */
    val model: Model? get() = state.value

    /**
     * An action nothing on the device could open (no dialler, no messages):
     * the screen shows its number until [dismissUnopened].
     */
    val unopened: StateFlow<Action?> = unopenedState.asStateFlow()

    /** The shell opened or came back to the front; [region] such as "GB". */
    fun open(region: String?): Model = send(Event.Opened(region))

    /** Sends what [choice] sends; for a choice with fields, [values] fill them, in order. */
    fun choose(choice: Choice, values: List<String> = emptyList()): Model {
        val event = choice.event
        return send(if (event is Event.Entered) Event.Entered(event.form, values) else event)
    }

    /**
     * Sends one event: the model is published first, then the effects are
     * carried out in order and the next wake is set. Starting a timer or
     * choosing check-ins is when the person learns why Ebb would notify,
     * so the permission is asked then; opening onto a timer the widget
     * started asks too.
     */
    fun send(event: Event): Model = synchronized(lock) {
        val update = companion.ebb.send(companion.context(), event)
        state.value = update.model
        if (asksPermission(event, update.model)) shell.permission.ask()
        update.effects.forEach(::perform)
        shell.waker.wakeAt(update.wakeAt) { wake() }
        update.model
    }

    /** Stops wakes and haptics while the app is in the background. */
    fun pause() = synchronized(lock) {
        shell.waker.wakeAt(null) {}
        shell.haptics.stop()
    }

    /** Hides the number shown for an action that could not be opened. */
    fun dismissUnopened() {
        unopenedState.value = null
    }

    private fun wake() {
        // A wake that fails changes nothing; the next action shows what is wrong.
        runCatching { send(Event.Tick) }
    }

    private fun perform(effect: Effect) {
        when (effect) {
            is Effect.Vibrate -> shell.haptics.play(effect.haptics)
            is Effect.Schedule -> shell.reminders.replaceAll(effect.notifications)
            is Effect.CancelNotifications -> shell.reminders.replaceAll(emptyList())
            is Effect.Open -> if (!shell.opener.open(effect.action)) unopenedState.value = effect.action
            is Effect.Announce -> shell.announcer.announce(effect.text)
            is Effect.Save -> shell.saver.save(effect.fileName, effect.mimeType, effect.contents)
        }
    }

    companion object {
        /** Whether [event], leading to [model], is the moment to ask for notifications. */
        fun asksPermission(event: Event, model: Model): Boolean = when (event) {
            is Event.StartUrge -> true
            is Event.SetCadence -> event.cadence != CheckInCadence.NEVER
            is Event.Opened -> model.screen == Screen.TIMER
            else -> false
        }
    }
}
