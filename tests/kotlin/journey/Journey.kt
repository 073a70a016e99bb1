// The journey every shell replays, and the transcript it is compared in:
// the Kotlin twin of core/tests/flow.rs's `journey` and `Model::transcript`.
// Compiled into the bindings suite (tests/kotlin) and the Android shell
// module's tests (tests/android-shell.sh, and Gradle's test source set), so
// the script and the rendering exist once on the Kotlin side.
package app.ebb.journey

import app.ebb.core.Choice
import app.ebb.core.Detail
import app.ebb.core.Event
import app.ebb.core.GuideId
import app.ebb.core.Model
import app.ebb.core.OutcomeChoice
import app.ebb.core.Source
import app.ebb.core.Window
import java.io.File
import java.time.Instant

/** The instant the journey starts at (the Rust suite's `t0`). */
val JOURNEY_START: Instant = Instant.parse("2026-11-27T02:00:00Z")

/** The golden transcript, found from the repository root or a module inside it. */
fun goldenJourney(): String {
    val name = "core/tests/golden/flow-journey.txt"
    val found = generateSequence(File("").absoluteFile) { it.parentFile }
        .map { File(it, name) }
        .firstOrNull { it.isFile }
        ?: throw AssertionError("$name not found above ${File("").absolutePath}")
    return found.readText()
}

/**
 * The journey, event for event: first run, a start from the widget,
 * check-ins, a guide, crisis help and back, "ending my life", "I hurt
 * myself" with possible care, progress. [send] sends one event and returns
 * the model shown; [wait] moves the clock on by seconds.
 */
fun journey(send: (Event) -> Model, wait: (Long) -> Unit): List<Model> {
    val out = mutableListOf<Model>()
    fun s(e: Event) {
        out.add(send(e))
    }
    s(Event.Opened("GB"))
    s(Event.FinishFirstRun(false))
    wait(10)
    s(Event.StartUrge(Source.WIDGET))
    wait(20)
    s(Event.Intensity(8u))
    wait(120)
    s(Event.Tick)
    s(Event.Intensity(7u))
    wait(5)
    s(Event.StartGuide(GuideId.GROUNDING54321, "grounding-54321"))
    s(Event.NextStep(0u))
    s(Event.OpenCrisis)
    s(Event.Back)
    s(Event.StopGuide)
    wait(30)
    s(Event.EndingLife)
    s(Event.Back)
    wait(60)
    s(Event.AskOutcome)
    s(Event.EndUrge(OutcomeChoice.HURT_MYSELF))
    s(Event.MayNeedCare(true))
    s(Event.Home)
    s(Event.OpenProgress(Window.WEEK))
    return out
}

/** The models as the golden file holds them, or the first line that differs. */
fun compareWithGolden(models: List<Model>) {
    val got = models.joinToString("\n") { transcript(it) }
    val want = goldenJourney()
    if (got != want) {
        val gotLines = got.lines()
        val wantLines = want.lines()
        val at = gotLines.indices.firstOrNull { gotLines[it] != wantLines.getOrNull(it) } ?: gotLines.size
        throw AssertionError("line ${at + 1}: got '${gotLines.getOrNull(at)}', want '${wantLines.getOrNull(at)}'")
    }
}

/** The model as the Rust suite's `Model::transcript` writes it. */
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
