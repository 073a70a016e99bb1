// The cost of Ebb calls made from Kotlin through the generated bindings and
// JNA, against the same calls from Rust (bindings/benches/call.rs).
// tests/kotlin/bench.sh runs it against the release library.
package app.ebb.bench

import app.ebb.core.DeviceKind
import app.ebb.Ebb
import app.ebb.core.GuideId
import app.ebb.core.Platform
import java.nio.file.Files
import java.time.Instant

private fun measure(name: String, calls: Int, body: () -> Unit) {
    repeat(calls / 10) { body() } // warm up the JIT and the caches
    val runs = (0 until 5).map {
        val start = System.nanoTime()
        repeat(calls) { body() }
        (System.nanoTime() - start).toDouble() / calls
    }.sorted()
    println("%-52s median %10.1f ns  (min %.1f, max %.1f)".format(name, runs[2], runs[0], runs[4]))
}

fun main() {
    val path = Files.createTempDirectory("ebb-bench").resolve("ebb.db").toString()
    Ebb.open(path, ByteArray(32) { 7 }, DeviceKind.PHONE, false).use { ebb ->
        measure("device (no work: pure call cost)", 200_000) { ebb.device() }
        measure("suggested_goal_minutes (a small read)", 20_000) { ebb.suggestedGoalMinutes() }
        measure("guide hold-ice for iPhone (records, strings, AHAP)", 5_000) { ebb.guide(GuideId.HOLD_ICE, Platform.IPHONE) }
        measure("active_urge (none running)", 20_000) { ebb.activeUrge(Instant.now()) }
    }
}
