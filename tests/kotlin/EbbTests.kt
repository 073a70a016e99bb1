// Ebb's Kotlin suite: the generated bindings and JNA against the real native
// library, exactly as the Android app loads it. Every action is one `send`
// of the core's own event; the screens come back as the core's models.
// Run by tests/run.
package app.ebb.tests

import app.ebb.Ebb
import app.ebb.EbbException
import app.ebb.crisisWithoutStore
import app.ebb.text
import app.ebb.core.Action
import app.ebb.core.CheckInCadence
import app.ebb.core.Context
import app.ebb.core.Detail
import app.ebb.core.DeviceKind
import app.ebb.core.Effect
import app.ebb.core.EntryList
import app.ebb.core.Event
import app.ebb.core.ExportFormat
import app.ebb.core.Form
import app.ebb.core.GuideId
import app.ebb.core.Model
import app.ebb.core.OutcomeChoice
import app.ebb.core.Platform
import app.ebb.core.RenderedHaptics
import app.ebb.core.Role
import app.ebb.core.Screen
import app.ebb.core.Source
import app.ebb.core.Update
import app.ebb.core.Window
import java.io.File
import java.nio.file.Files
import java.security.MessageDigest
import java.time.Instant
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import kotlin.system.exitProcess
import kotlinx.coroutines.runBlocking

private val KEY = ByteArray(32) { 7 }
private val OTHER_KEY = ByteArray(32) { 8 }
private const val OFFSET = 3600
private val T0: Instant = Instant.parse("2026-11-27T02:00:00Z")

private fun tempDb(): String = Files.createTempDirectory("ebb-kt").resolve("ebb.db").toString()

private fun open(path: String = tempDb(), key: ByteArray = KEY, device: DeviceKind = DeviceKind.PHONE) =
    Ebb.open(path, key, device, false)

private fun context(
    at: Instant = T0,
    haptics: Platform? = Platform.ANDROID_PHONE,
    device: DeviceKind = DeviceKind.PHONE,
    offset: Int = OFFSET,
) = Context(at, offset, device, haptics, "en-GB")

private fun check(condition: Boolean, message: () -> String = { "check failed" }) {
    if (!condition) throw AssertionError(message())
}

private inline fun <reified E : Throwable> expect(block: () -> Unit): E {
    try {
        block()
    } catch (e: Throwable) {
        if (e is E) return e
        throw AssertionError("expected ${E::class.simpleName}, got $e", e)
    }
    throw AssertionError("expected ${E::class.simpleName}, nothing was thrown")
}

private fun rssKb(): Long =
    File("/proc/self/status").readLines().first { it.startsWith("VmRSS:") }
        .split(Regex("\\s+"))[1].toLong()

private fun sha256(path: String): String =
    MessageDigest.getInstance("SHA-256").digest(File(path).readBytes()).joinToString("") { "%02x".format(it) }

/// Every choice in a model, as `Model::all_choices` lists them.
private fun Model.allChoices() =
    (question?.answers ?: emptyList()) +
        sections.flatMap { s -> s.items.flatMap { it.choices } + s.choices } +
        choices

/// Sends the event of the first choice that [pick] accepts.
private fun Ebb.choose(m: Model, at: Instant = T0, pick: (Event) -> Boolean): Update {
    val event = m.allChoices().map { it.event }.firstOrNull(pick)
        ?: throw AssertionError("no such choice on ${m.screen}: ${m.allChoices().map { it.label }}")
    return send(context(at), event)
}

/// A store past its first run, at home.
private fun started(ebb: Ebb, at: Instant = T0): Update {
    ebb.send(context(at), Event.Opened("GB"))
    return ebb.send(context(at), Event.FinishFirstRun(false))
}

val tests: List<Pair<String, () -> Unit>> = listOf(
    "a timer started from the widget survives closing and opening again" to {
        val path = tempDb()
        open(path).use { ebb ->
            started(ebb)
            val u = ebb.send(context(), Event.StartUrge(Source.WIDGET))
            check(u.model.screen == Screen.TIMER) { "${u.model.screen}" }
            check(u.wakeAt != null && u.wakeAt!! > T0) { "wake ${u.wakeAt}" }
            // A second tap returns to the running timer.
            val again = ebb.send(context(T0.plusSeconds(5)), Event.StartUrge(Source.WIDGET))
            val timer = again.model.detail as Detail.Timer
            check(timer.timer.startedAt == T0) { "a second session: ${timer.timer.startedAt}" }
        }
        open(path).use { ebb ->
            val u = ebb.send(context(T0.plusSeconds(60)), Event.Opened("GB"))
            check(u.model.screen == Screen.TIMER) { "${u.model.screen}" }
            val timer = (u.model.detail as Detail.Timer).timer
            check(timer.elapsed.seconds == 60L) { "elapsed ${timer.elapsed}" }
        }
    },
    "check-ins are scheduled as private reminders and delivered on waking" to {
        open().use { ebb ->
            started(ebb)
            val u = ebb.send(context(), Event.StartUrge(Source.PHONE_APP))
            val schedule = u.effects.filterIsInstance<Effect.Schedule>().single()
            check(schedule.notifications.isNotEmpty()) { "no reminders" }
            check(schedule.notifications.zipWithNext().all { (a, b) -> a.at < b.at }) { "not in order" }
            check(schedule.notifications.all { it.at > T0 }) { "a reminder in the past" }
            for (r in schedule.notifications) {
                val public = r.publicText.lowercase()
                check("urge" !in public && "self-harm" !in public && "hurt" !in public) { "public text: ${r.publicText}" }
            }
            // Waking at the first reminder's instant shows its words on the timer.
            val first = schedule.notifications.first()
            val woke = ebb.send(context(first.at), Event.Tick)
            check(woke.model.screen == Screen.TIMER) { "${woke.model.screen}" }
            check(woke.model.lines.isNotEmpty()) { "no cue on the timer" }
            // Ending cancels what is left.
            ebb.send(context(first.at.plusSeconds(10)), Event.AskOutcome)
            val ended = ebb.send(context(first.at.plusSeconds(11)), Event.EndUrge(OutcomeChoice.PASSED))
            check(ended.effects.any { it is Effect.CancelNotifications }) { "${ended.effects}" }
            check(ended.model.screen == Screen.ENDED) { "${ended.model.screen}" }
        }
    },
    "errors arrive as typed exceptions and leave the file as it was" to {
        val path = tempDb()
        open(path).use { started(it) }
        val before = sha256(path)
        expect<EbbException.WrongKey> { open(path, OTHER_KEY) }
        check(sha256(path) == before) { "a refused open changed the file" }
        expect<EbbException.InvalidInput> { open(tempDb(), ByteArray(16)) }
        open(path).use { ebb ->
            expect<EbbException.InvalidInput> { ebb.send(context(offset = 200_000), Event.Tick) }
            val e = expect<EbbException.Internal> { ebb.diagnoseFailurePath() }
            check("index out of bounds" in e.toString()) { "$e" }
            // The library still works after a caught panic.
            check(ebb.send(context(), Event.Home).model.screen == Screen.HOME)
            ebb.integrityCheck()
        }
        val gone = tempDb()
        open(gone).use { ebb ->
            ebb.erase()
            expect<EbbException.Closed> { ebb.send(context(), Event.Home) }
        }
        check(!File(gone).exists()) { "erase left the file" }
    },
    "haptics are rendered for each platform" to {
        for ((platform, want) in listOf(
            Platform.ANDROID_PHONE to RenderedHaptics.Android::class,
            Platform.WEAR_OS to RenderedHaptics.Android::class,
            Platform.IPHONE to RenderedHaptics.Ahap::class,
            Platform.APPLE_WATCH to RenderedHaptics.WatchTaps::class,
        )) {
            open().use { ebb ->
                started(ebb)
                val u = ebb.send(context(haptics = platform), Event.StartGuide(GuideId.BREATHING, null))
                check(u.model.screen == Screen.GUIDE) { "${u.model.screen}" }
                val vibrate = u.effects.filterIsInstance<Effect.Vibrate>().firstOrNull()
                    ?: throw AssertionError("no haptics for $platform: ${u.effects}")
                check(want.isInstance(vibrate.haptics)) { "$platform got ${vibrate.haptics}" }
                when (val h = vibrate.haptics) {
                    is RenderedHaptics.Android -> {
                        check(h.waveform.timingsMs.size == h.waveform.amplitudes.size) { "waveform shape" }
                        check(h.waveform.amplitudes.any { it > 0 }) { "a silent waveform" }
                        check(h.onOff.timingsMs.isNotEmpty()) { "no on/off fallback" }
                    }
                    is RenderedHaptics.Ahap -> check("\"Pattern\"" in h.json) { h.json }
                    else -> {}
                }
                // The step and its haptics ride on the model too.
                val step = (u.model.detail as Detail.Step).step
                check(step.haptics == vibrate.haptics) { "the model's haptics differ from the effect's" }
            }
        }
        // No haptics on this device: nothing to play.
        open().use { ebb ->
            started(ebb)
            val u = ebb.send(context(haptics = null), Event.StartGuide(GuideId.BREATHING, null))
            check(u.effects.none { it is Effect.Vibrate && it.haptics !is RenderedHaptics.Nothing }) { "${u.effects}" }
        }
    },
    "a copy saved from the log is brought back into another store" to {
        val json = open().use { ebb ->
            started(ebb)
            ebb.send(context(), Event.StartUrge(Source.PHONE_APP))
            ebb.send(context(T0.plusSeconds(30)), Event.Intensity(6u))
            val log = ebb.send(context(T0.plusSeconds(40)), Event.OpenLog).model
            check(log.screen == Screen.LOG) { "${log.screen}" }
            check(log.sections[0].items[0].text == "Check-in, strength 6") { log.sections[0].items[0].text }
            val export = ebb.choose(log) { it == Event.OpenExport }.model
            check(export.screen == Screen.EXPORT)
            val saved = ebb.choose(export) { it == Event.Export(ExportFormat.JSON) }
                .effects.filterIsInstance<Effect.Save>().single()
            check(saved.fileName == "ebb-2026-11-27.json" && saved.mimeType == "application/json") { saved.fileName }
            saved.contents
        }
        open().use { ebb ->
            ebb.send(context(), Event.Opened(null))
            val u = ebb.send(context(), Event.Import(json)).model
            check(u.lines[0].startsWith("Brought in 4 entries; 0 were already here.")) { u.lines[0] }
            val again = ebb.send(context(), Event.Import(json)).model
            check(again.lines[0].startsWith("Brought in 0 entries; 4 were already here.")) { again.lines[0] }
            val refused = ebb.send(context(), Event.Import("{\"format\": \"something else\"}")).model
            check("Nothing was changed" in refused.lines[0]) { refused.lines[0] }
        }
    },
    "an entry shown from the log is deleted after asking once" to {
        open().use { ebb ->
            started(ebb)
            ebb.send(context(), Event.StartUrge(Source.PHONE_APP))
            ebb.send(context(T0.plusSeconds(30)), Event.Intensity(6u))
            val log = ebb.send(context(T0.plusSeconds(40)), Event.OpenLog).model
            val entry = ebb.send(context(), log.sections[0].items[0].choices[0].event).model
            check(entry.screen == Screen.ENTRY && entry.heading == "Check-in, strength 6") { entry.heading }
            val asked = ebb.choose(entry) { it is Event.AskDelete }.model
            val yes = asked.question!!.answers.first { it.event is Event.DeleteEntry }
            val after = ebb.send(context(), yes.event)
            check(after.model.screen == Screen.LOG) { "${after.model.screen}" }
            check(after.model.sections[0].items.none { it.text == "Check-in, strength 6" }) { "still listed" }
            check(after.effects.any { it is Effect.Announce }) { "deletion not announced" }
        }
    },
    "watch and phone sync both ways and a damaged payload changes nothing" to {
        open().use { phone ->
            open(device = DeviceKind.WATCH).use { watch ->
                started(phone)
                watch.send(context(device = DeviceKind.WATCH, haptics = Platform.WEAR_OS), Event.Opened(null))
                watch.send(context(device = DeviceKind.WATCH, haptics = Platform.WEAR_OS), Event.StartUrge(Source.WATCH))
                val answer = runBlocking { watch.syncAnswer(phone.syncRequest()) }
                val report = runBlocking { phone.syncMerge(answer) }
                check(report.added > 0u) { "$report" }
                check(phone.send(context(), Event.Opened("GB")).model.screen == Screen.TIMER) { "the watch's timer is not on the phone" }
                val back = runBlocking { phone.syncAnswer(watch.syncRequest()) }
                runBlocking { watch.syncMerge(back) }
                val damaged = runBlocking { watch.syncAnswer(phone.syncRequest()) }.copyOf()
                damaged[damaged.size / 2] = (damaged[damaged.size / 2].toInt() xor 0x5a).toByte()
                expect<EbbException.SyncPayload> { runBlocking { phone.syncMerge(damaged) } }
            }
        }
    },
    "saying you are thinking of ending your life brings the crisis screen first" to {
        open().use { ebb ->
            started(ebb)
            ebb.send(context(), Event.StartUrge(Source.PHONE_APP))
            val u = ebb.send(context(), Event.EndingLife).model
            check(u.screen == Screen.CRISIS) { "${u.screen}" }
            check(u.lines[0].startsWith("Thank you for saying so.")) { u.lines[0] }
            check(u.allChoices().any { it.role == Role.REACH }) { "nothing to call" }
            check(ebb.send(context(), Event.Back).model.screen == Screen.TIMER)
        }
    },
    "self-harm that may need care shows the care card with an emergency number" to {
        open().use { ebb ->
            started(ebb)
            ebb.send(context(), Event.StartUrge(Source.PHONE_APP))
            ebb.send(context(T0.plusSeconds(60)), Event.AskOutcome)
            val injury = ebb.send(context(T0.plusSeconds(61)), Event.EndUrge(OutcomeChoice.HURT_MYSELF)).model
            check(injury.screen == Screen.INJURY) { "${injury.screen}" }
            val care = ebb.send(context(T0.plusSeconds(62)), Event.MayNeedCare(true)).model
            check(care.screen == Screen.CARE) { "${care.screen}" }
            val call = care.allChoices().map { it.event }.filterIsInstance<Event.Reach>()
                .map { it.action }.filterIsInstance<Action.Call>()
            check(call.any { it.number == "999" }) { "no 999 for GB: $call" }
        }
    },
    "crisis help without a store shows the lines for the kept country or the region" to {
        val path = tempDb()
        val none = crisisWithoutStore(path, null, context())
        check(none.screen == Screen.CRISIS)
        check(none.lines.any { "112" in it || "emergency number" in it }) { "${none.lines}" }
        val gb = crisisWithoutStore(path, "GB", context())
        val numbers = gb.allChoices().map { it.event }.filterIsInstance<Event.Reach>().map { it.action }
        check(numbers.any { it is Action.Call && it.number == "116123" }) { "no Samaritans: $numbers" }
        check(gb.allChoices().all { it.role == Role.REACH || it.role == Role.BACK }) {
            "a choice that needs a store: ${gb.allChoices().map { it.label }}"
        }
    },
    "progress and settings are screens of the flow" to {
        open().use { ebb ->
            started(ebb)
            ebb.send(context(), Event.StartUrge(Source.PHONE_APP))
            ebb.send(context(T0.plusSeconds(600)), Event.AskOutcome)
            ebb.send(context(T0.plusSeconds(601)), Event.EndUrge(OutcomeChoice.PASSED))
            val p = ebb.send(context(T0.plusSeconds(700)), Event.OpenProgress(Window.WEEK)).model
            val detail = (p.detail as Detail.Progress).progress
            check(detail.window == Window.WEEK && "2026" in detail.period) { detail.period }
            check(detail.weekly.sumOf { it.urges.toInt() } == 1) { "${detail.weekly}" }
            val s = ebb.send(context(), Event.SetCadence(CheckInCadence.EVERY_FIVE_MINUTES)).model
            check(s.screen == Screen.PROGRESS || s.screen == Screen.SETTINGS) { "${s.screen}" }
            ebb.send(context(), Event.OpenSettings)
            val goals = ebb.send(context(), Event.Entered(Form.Goals, listOf("5 20 45"))).model
            check(goals.screen == Screen.SETTINGS) { "${goals.screen}" }
            check(goals.allChoices().any { "45" in it.label } || goals.sections.any { s -> s.items.any { "45" in it.text || "45" in (it.note ?: "") } }) {
                "the goals are not shown"
            }
        }
    },
    "a hidden skill is not offered on the timer" to {
        open().use { ebb ->
            started(ebb)
            val timer = ebb.send(context(), Event.StartUrge(Source.PHONE_APP)).model
            val offered = timer.allChoices().map { it.event }.filterIsInstance<Event.UseSkill>().map { it.skill }
            check(offered.isNotEmpty()) { "no skills offered" }
            val hidden = offered.first()
            ebb.send(context(), Event.HideSkill(hidden))
            val again = ebb.send(context(T0.plusSeconds(1)), Event.Home).model
            val now = again.allChoices().map { it.event }.filterIsInstance<Event.UseSkill>().map { it.skill }
            check(hidden !in now) { "$hidden is still offered: $now" }
        }
    },
    "events from several threads at once all land" to {
        open().use { ebb ->
            started(ebb)
            val pool = Executors.newFixedThreadPool(8)
            val jobs = (0 until 8).map { t ->
                pool.submit {
                    // Two items in each list from each thread: 16 of a list's 20.
                    for (list in EntryList.entries) {
                        repeat(2) { i -> ebb.send(context(), Event.Entered(Form.PlanEntry(list), listOf("thread $t item $i"))) }
                    }
                }
            }
            jobs.forEach { it.get(60, TimeUnit.SECONDS) }
            pool.shutdown()
            val plan = ebb.send(context(), Event.OpenPlan).model
            val reasons = plan.sections.flatMap { it.items }.count { it.text.startsWith("thread ") }
            check(reasons == 8 * 2 * EntryList.entries.size) { "items $reasons" }
        }
    },
    "10,000 create-and-close cycles do not grow memory" to {
        val path = tempDb()
        open(path).use { }
        fun cycles(n: Int) = repeat(n) { open(path).use { it.device() } }
        cycles(1_000)
        System.gc()
        val before = rssKb()
        cycles(9_000)
        System.gc()
        val after = rssKb()
        println("   rss before ${before} kB, after ${after} kB")
        check(after - before < 30_000) { "memory grew by ${after - before} kB" }
    },
    "a shell reads Ebb's words by key without an open store" to {
        check(text("widget.start") == "Start the timer") { "widget.start: ${text("widget.start")}" }
        check(text("no.such.key") == null)
    },
)

fun main() {
    var failed = 0
    val tests = tests + flowTests
    for ((name, test) in tests) {
        val started = System.nanoTime()
        try {
            test()
            println("ok    $name (${(System.nanoTime() - started) / 1_000_000} ms)")
        } catch (e: Throwable) {
            failed++
            println("FAIL  $name: $e")
            e.printStackTrace()
        }
    }
    println("kotlin: ${tests.size - failed} passed, $failed failed")
    exitProcess(if (failed == 0) 0 else 1)
}
