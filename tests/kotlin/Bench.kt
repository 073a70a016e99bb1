// One event → model round trip from Kotlin, through the generated bindings
// and JNA, against the same events from Rust (bindings/benches/call.rs).
// tests/kotlin/bench.sh runs both in one go against release builds and
// prints the ratio, and the FFI crossings each event takes.
package app.ebb.bench

import app.ebb.Ebb
import app.ebb.core.Context
import app.ebb.core.DeviceKind
import app.ebb.core.Event
import app.ebb.core.OutcomeChoice
import app.ebb.core.Platform
import app.ebb.core.Source
import java.nio.file.Files
import java.time.Instant

/// Counts calls into the native library: bench.sh routes every call of the
/// generated bindings (a copy of them) through [tick].
object Crossings {
    @JvmField var count = 0L
    val names = mutableListOf<String>()

    fun <T> tick(lib: T, name: String): T {
        count++
        names += name
        return lib
    }
}

/// The events of one timer, as bindings/benches/call.rs sends them.
private val timerEvents = listOf(
    Event.StartUrge(Source.WIDGET),
    Event.Intensity(7u),
    Event.Intensity(4u),
    Event.AskOutcome,
    Event.EndUrge(OutcomeChoice.PASSED),
    Event.Home,
)

private fun measure(name: String, rounds: Int, perRound: Int, body: () -> Unit) {
    repeat(rounds / 10) { body() } // warm up the JIT and the caches
    val runs = (0 until 5).map {
        val start = System.nanoTime()
        repeat(rounds) { body() }
        (System.nanoTime() - start).toDouble() / (rounds * perRound)
    }.sorted()
    println("kotlin %-44s median %10.1f ns/event (min %.1f, max %.1f)".format(name, runs[2], runs[0], runs[4]))
}

fun main() {
    val path = Files.createTempDirectory("ebb-bench").resolve("ebb.db").toString()
    var now = Instant.ofEpochSecond(1_795_000_000)
    fun context(): Context {
        now = now.plusSeconds(30)
        return Context(now, 0, DeviceKind.PHONE, Platform.ANDROID_PHONE, "en-GB")
    }
    Ebb.open(path, ByteArray(32) { 7 }, DeviceKind.PHONE, false).use { ebb ->
        ebb.send(context(), Event.Opened(null))
        measure("tick on home (no write)", 2000, 1) { ebb.send(context(), Event.Tick) }
        measure("a timer: start, 2 check-ins, end, home", 200, timerEvents.size) {
            for (e in timerEvents) ebb.send(context(), e)
        }
        // Crossings of one action, counted on a quiet JVM (the cleaner
        // frees handles on its own thread; none are made here).
        for ((name, event) in listOf("tick" to Event.Tick) + timerEvents.map { it::class.simpleName!! to it }) {
            val before = Crossings.count
            Crossings.names.clear()
            ebb.send(context(), event)
            println("crossings %-12s %d: %s".format(name, Crossings.count - before, Crossings.names.joinToString(", ")))
        }
    }
}
