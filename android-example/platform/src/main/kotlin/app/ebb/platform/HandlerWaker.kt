package app.ebb.platform

import android.os.Handler
import android.os.SystemClock
import app.ebb.shell.Clock
import app.ebb.shell.Waker
import java.time.Duration
import java.time.Instant

/**
 * Wakes the flow at an instant through [handler]: each call replaces the
 * last, `null` cancels. The wake runs on the handler's thread, and the
 * flow reads the store, so give it a handler on a background looper (a
 * `HandlerThread`), not the main one. The delay is measured on [clock]
 * and then on the uptime clock, which does not jump when the wall clock
 * is set.
 */
class HandlerWaker(private val handler: Handler, private val clock: Clock = Clock.System) : Waker {
    private val token = Any()

    override fun wakeAt(at: Instant?, wake: () -> Unit) {
        handler.removeCallbacksAndMessages(token)
        if (at == null) return
        val delay = Duration.between(clock.now(), at).toMillis().coerceAtLeast(0)
        handler.postAtTime({ wake() }, token, SystemClock.uptimeMillis() + delay)
    }
}
