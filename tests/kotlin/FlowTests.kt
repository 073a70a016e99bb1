// The flow from Kotlin: the journey every shell replays, sent one event per
// call through the generated bindings, rendered to text here (not by Rust)
// and compared with the Rust suite's golden transcript.
package app.ebb.tests

import app.ebb.Ebb
import app.ebb.core.Choice
import app.ebb.core.Context
import app.ebb.core.Detail
import app.ebb.core.DeviceKind
import app.ebb.core.Event
import app.ebb.core.GuideId
import app.ebb.core.Model
import app.ebb.core.OutcomeChoice
import app.ebb.core.Platform
import app.ebb.core.Source
import app.ebb.core.Update
import app.ebb.core.Window
import java.io.File
import java.nio.file.Files
import java.time.Duration
import java.time.Instant

/// The model as the Rust suite's `Model::transcript` writes it.
fun transcript(m: Model): String {
    val out = StringBuilder()
    fun choice(indent: String, c: Choice) {
        out.append("$indent[${c.role.name.lowercase()}] ${c.label}\n")
    }
    out.append("# ${m.screen.name.lowercase()}: ${m.heading}\n")
    m.lines.forEach { out.append("$it\n") }
    m.question?.let { q ->
        out.append("? ${q.text}\n")
        q.answers.forEach { choice("  ", it) }
    }
    for (s in m.sections) {
        s.heading?.let { out.append("## $it\n") }
        if (s.items.isEmpty()) s.empty?.let { out.append("  ($it)\n") }
        for (i in s.items) {
            out.append("- ${i.text}\n")
            i.note?.let { out.append("  $it\n") }
            i.choices.forEach { choice("    ", it) }
        }
        s.choices.forEach { choice("  ", it) }
    }
    when (val d = m.detail) {
        is Detail.None -> {}
        is Detail.Timer -> out.append("~ timer ${d.timer.elapsed.seconds}s of ${d.timer.goal.seconds}s\n")
        is Detail.Step -> out.append(
            "~ step ${d.step.index + 1u} of ${d.step.count} ${d.step.kind.name.lowercase()}" +
                (if (d.step.paused) " (paused)" else "") + "\n",
        )
        is Detail.Progress -> out.append("~ ${d.progress.period} (${d.progress.weekly.size} weeks)\n")
    }
    m.choices.forEach { choice("", it) }
    return out.toString()
}

private val T0: Instant = Instant.parse("2026-11-27T02:00:00Z")

/// The journey of `core/tests/flow.rs`, event for event.
fun journey(ebb: Ebb): List<Update> {
    var now = T0
    val out = mutableListOf<Update>()
    fun send(e: Event) {
        out.add(ebb.send(Context(now, 0, DeviceKind.PHONE, Platform.ANDROID_PHONE, "en-GB"), e))
    }
    fun wait(seconds: Long) { now = now.plusSeconds(seconds) }
    send(Event.Opened("GB"))
    send(Event.FinishFirstRun(false))
    wait(10)
    send(Event.StartUrge(Source.WIDGET))
    wait(20)
    send(Event.Intensity(8u))
    wait(120)
    send(Event.Tick)
    send(Event.Intensity(7u))
    wait(5)
    send(Event.StartGuide(GuideId.GROUNDING54321, "grounding-54321"))
    send(Event.NextStep(0u))
    send(Event.OpenCrisis)
    send(Event.Back)
    send(Event.StopGuide)
    wait(30)
    send(Event.EndingLife)
    send(Event.Back)
    wait(60)
    send(Event.AskOutcome)
    send(Event.EndUrge(OutcomeChoice.HURT_MYSELF))
    send(Event.MayNeedCare(true))
    send(Event.Home)
    send(Event.OpenProgress(Window.WEEK))
    return out
}

val flowTests: List<Pair<String, () -> Unit>> = listOf(
    "the journey gives the Rust transcript, model for model" to {
        val path = Files.createTempDirectory("ebb-kt-flow").resolve("ebb.db").toString()
        Ebb.open(path, ByteArray(32) { 7 }, DeviceKind.PHONE, false).use { ebb ->
            val got = journey(ebb).joinToString("\n") { transcript(it.model) }
            val want = File("core/tests/golden/flow-journey.txt").readText()
            if (got != want) {
                val gotLines = got.lines()
                val wantLines = want.lines()
                val at = gotLines.indices.firstOrNull { gotLines[it] != wantLines.getOrNull(it) } ?: gotLines.size
                throw AssertionError(
                    "line ${at + 1}: got '${gotLines.getOrNull(at)}', want '${wantLines.getOrNull(at)}'",
                )
            }
        }
    },
    "one action is one call, and crisis help is on every model" to {
        val path = Files.createTempDirectory("ebb-kt-flow").resolve("ebb.db").toString()
        Ebb.open(path, ByteArray(32) { 7 }, DeviceKind.PHONE, false).use { ebb ->
            for (u in journey(ebb)) {
                val m = u.model
                val crisis = m.screen.name == "CRISIS" || m.choices.any { it.event == Event.OpenCrisis }
                check(crisis) { "no crisis help on ${m.screen}" }
                m.question?.let { q ->
                    check(q.answers.any { it.event == Event.EndingLife }) { "no ending-life answer on ${m.screen}" }
                }
            }
        }
    },
)
