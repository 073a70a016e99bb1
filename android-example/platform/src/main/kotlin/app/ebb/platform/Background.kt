package app.ebb.platform

import android.util.Log
import java.util.concurrent.ExecutorService
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit

/**
 * One background thread for the receivers' work on the store, so two
 * broadcasts (two widget taps) are handled one after the other, never at
 * once.
 */
internal object Background {
    private val executor: ExecutorService = Executors.newSingleThreadExecutor { task ->
        Thread(task, "ebb-platform").apply { isDaemon = true }
    }

    /**
     * Runs [task] on the thread. A failure is logged, not thrown: an
     * uncaught exception there would end the app's process, and the next
     * time the app opens shows what is wrong.
     */
    /** Waits until every task handed over so far has run (for tests). */
    fun awaitIdle() {
        executor.submit {}.get(30, TimeUnit.SECONDS)
    }

    fun run(task: () -> Unit) {
        executor.execute {
            try {
                task()
            } catch (e: Exception) {
                Log.w("ebb", "background work failed", e)
            }
        }
    }
}
