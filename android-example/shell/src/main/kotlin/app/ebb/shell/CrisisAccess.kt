package app.ebb.shell

import app.ebb.CrisisScreenView
import app.ebb.core.Action
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow

/**
 * Crisis help, one tap from every screen: each screen's state holder
 * carries this, and its [open] puts the person's plan, people and lines
 * first. Nothing here contacts anyone; [reach] opens the dialler or
 * messages and the person presses call or send.
 */
class CrisisAccess(private val companion: EbbCompanion, private val opener: ActionOpener) {
    private val shown = MutableStateFlow<CrisisScreenView?>(null)

    /** The crisis screen while it is open, else `null`. */
    val screen: StateFlow<CrisisScreenView?> = shown.asStateFlow()

    /** The words on the button that opens it (the crisis screen's heading). */
    suspend fun label(): String = companion.crisisScreen().heading

    /** Opens the crisis screen. */
    suspend fun open(): CrisisScreenView = companion.crisisScreen().also { shown.value = it }

    /** Shows a crisis screen the core chose (after an answer or outcome). */
    fun show(screen: CrisisScreenView) {
        shown.value = screen
    }

    /** Closes it. */
    fun dismiss() {
        shown.value = null
    }

    /** Opens the dialler, messages or page for [action]. */
    fun reach(action: Action) = opener.open(action)
}
