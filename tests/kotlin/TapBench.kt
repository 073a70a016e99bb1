// A widget tap on a phone whose app is not running, from a fresh JVM:
// loading the library through JNA, opening the encrypted log (creating it,
// as on a first tap) and starting a timer from the widget. The baseline is
// the same open and start from Rust (bindings/benches/tap.rs);
// tests/kotlin/bench.sh runs both, one fresh process per tap, alternating.
package app.ebb.bench

import app.ebb.Ebb
import app.ebb.core.Context
import app.ebb.core.DeviceKind
import app.ebb.core.Event
import app.ebb.core.Source
import java.lang.management.ManagementFactory
import java.nio.file.Files
import java.time.Instant

fun main() {
    // The JVM's own start, to the millisecond: what a cold process costs
    // before Ebb's first line runs.
    val sinceJvmStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().startTime
    val dir = Files.createTempDirectory("ebb-bench-tap")
    val path = dir.resolve("ebb.db").toString()
    val context = Context(Instant.ofEpochSecond(1_795_000_000), 0, DeviceKind.PHONE, null, "en-GB")
    val start = System.nanoTime()
    // The first call loads the library (JNA) and checks its contract.
    val ebb = Ebb.open(path, ByteArray(32) { 7 }, DeviceKind.PHONE, false)
    val opened = System.nanoTime()
    ebb.send(context, Event.StartUrge(Source.WIDGET))
    val done = System.nanoTime()
    ebb.close()
    dir.toFile().deleteRecursively()
    println(
        "tap kotlin jvm up %d ms, load+open %.2f ms, start %.2f ms, total %.2f ms".format(
            sinceJvmStart, (opened - start) / 1e6, (done - opened) / 1e6, (done - start) / 1e6,
        ),
    )
}
