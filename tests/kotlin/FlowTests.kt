// The flow from Kotlin: the journey every shell replays
// (tests/kotlin/journey/Journey.kt), sent one event per call through the
// generated bindings, rendered to text here (not by Rust) and compared
// with the Rust suite's golden transcript.
package app.ebb.tests

import app.ebb.Ebb
import app.ebb.core.Context
import app.ebb.core.DeviceKind
import app.ebb.core.Event
import app.ebb.core.Model
import app.ebb.core.Platform
import app.ebb.journey.JOURNEY_START
import app.ebb.journey.compareWithGolden
import app.ebb.journey.journey
import java.nio.file.Files

/** The journey straight through the `Ebb` object, one call per event. */
private fun journeyThrough(ebb: Ebb): List<Model> {
    var now = JOURNEY_START
    return journey(
        send = { e -> ebb.send(Context(now, 0, DeviceKind.PHONE, Platform.ANDROID_PHONE, "en-GB"), e).model },
        wait = { seconds -> now = now.plusSeconds(seconds) },
    )
}

val flowTests: List<Pair<String, () -> Unit>> = listOf(
    "the journey gives the Rust transcript, model for model" to {
        val path = Files.createTempDirectory("ebb-kt-flow").resolve("ebb.db").toString()
        Ebb.open(path, ByteArray(32) { 7 }, DeviceKind.PHONE, false).use { ebb ->
            compareWithGolden(journeyThrough(ebb))
        }
    },
    "crisis help is on every model of the journey, and ending my life on every question" to {
        val path = Files.createTempDirectory("ebb-kt-flow").resolve("ebb.db").toString()
        Ebb.open(path, ByteArray(32) { 7 }, DeviceKind.PHONE, false).use { ebb ->
            for (m in journeyThrough(ebb)) {
                val crisis = m.screen.name == "CRISIS" || m.choices.any { it.event == Event.OpenCrisis }
                check(crisis) { "no crisis help on ${m.screen}" }
                m.question?.let { q ->
                    check(q.answers.any { it.event == Event.EndingLife }) { "no ending-life answer on ${m.screen}" }
                }
            }
        }
    },
)
