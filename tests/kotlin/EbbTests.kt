// Ebb's Kotlin suite: the generated bindings and JNA against the real native
// library, exactly as the Android app loads it. Run by tests/run.
package app.ebb.tests

import app.ebb.BreathingChoice
import app.ebb.Ebb
import app.ebb.CueView
import app.ebb.core.DeviceKind
import app.ebb.EbbException
import app.ebb.GuideListener
import app.ebb.core.RenderedHaptics
import app.ebb.NextScreen
import app.ebb.PlanChange
import app.ebb.text
import app.ebb.SkillUse
import app.ebb.StepView
import app.ebb.UrgeListener
import app.ebb.UrgeRequest
import app.ebb.core.Action
import app.ebb.core.CheckInCadence
import app.ebb.core.CueKind
import app.ebb.core.GuideId
import app.ebb.core.Need
import app.ebb.core.Outcome
import app.ebb.core.Platform
import app.ebb.core.Reach
import app.ebb.core.Requirement
import app.ebb.core.Source
import app.ebb.core.Window
import java.io.File
import java.nio.file.Files
import java.time.Duration
import java.time.Instant
import java.util.concurrent.CountDownLatch
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import kotlin.system.exitProcess
import kotlinx.coroutines.runBlocking

private val KEY = ByteArray(32) { 7 }
private val OTHER_KEY = ByteArray(32) { 8 }
private const val OFFSET = 3600

private fun tempDb(): String = Files.createTempDirectory("ebb-kt").resolve("ebb.db").toString()

private fun open(path: String = tempDb(), key: ByteArray = KEY) =
    Ebb.open(path, key, DeviceKind.PHONE, false)

private fun request(goal: Int? = 1, intensity: Int? = 3) = UrgeRequest(
    source = Source.WIDGET,
    intensity = intensity,
    need = Need.TOO_MUCH,
    goalMinutes = goal,
    cadence = CheckInCadence.NEVER,
)

private fun check(condition: Boolean, message: () -> String) {
    if (!condition) throw AssertionError(message())
}

private inline fun <reified E : Throwable> expect(block: () -> Unit): E {
    try {
        block()
    } catch (e: Throwable) {
        if (e is E) return e
        throw AssertionError("expected ${E::class.simpleName}, got $e")
    }
    throw AssertionError("expected ${E::class.simpleName}, nothing was thrown")
}

private fun rssKb(): Long =
    File("/proc/self/status").readLines().first { it.startsWith("VmRSS:") }
        .split(Regex("\\s+"))[1].toLong()

val tests: List<Pair<String, () -> Unit>> = listOf(
    "opens, records and closes with use {}" to {
        val path = tempDb()
        open(path).use { ebb ->
            val view = ebb.startUrge(Instant.now(), OFFSET, request(goal = 15))
            check(!view.resumed) { "a new session" }
            check(view.goal == Duration.ofMinutes(15)) { "goal ${view.goal}" }
        }
        open(path).use { ebb ->
            val again = ebb.activeUrge(Instant.now())
            check(again != null && again.resumed) { "the session survives reopening" }
        }
    },
    "a full urge session reaches its listener in order" to {
        open().use { ebb ->
            // Started 59.5 s ago with a one-minute goal: halfway is due at
            // once, the goal half a second later.
            val started = Instant.now().minusMillis(59_500)
            ebb.startUrge(started, OFFSET, request(goal = 1, intensity = 3))
            val cues = CopyOnWriteArrayList<CueKind>()
            val reached = CountDownLatch(1)
            val ended = CountDownLatch(1)
            val handle = ebb.watchUrge(object : UrgeListener {
                override fun onCue(cue: CueView) {
                    cues.add(cue.kind)
                    check(cue.text.isNotBlank()) { "cue without words" }
                    if (cue.kind == CueKind.GOAL_REACHED) reached.countDown()
                }
                override fun onEnded() = ended.countDown()
            })
            check(reached.await(10, TimeUnit.SECONDS)) { "goal never reached: $cues" }
            check(cues == listOf(CueKind.HALFWAY, CueKind.GOAL_REACHED)) { "cues $cues" }
            val end = ebb.endUrge(Instant.now(), OFFSET, Outcome.Passed)
            check(end.pause >= Duration.ofSeconds(60)) { "pause ${end.pause}" }
            check(end.acknowledgement.isNotBlank()) { "acknowledgement" }
            check(ended.await(10, TimeUnit.SECONDS)) { "listener not told the session ended" }
            check(!handle.isRunning()) { "driver still running" }
        }
    },
    "the notification schedule lists future cues" to {
        open().use { ebb ->
            val now = Instant.now()
            ebb.startUrge(now, OFFSET, request(goal = 30).copy(cadence = CheckInCadence.EVERY_FIVE_MINUTES))
            val plan = ebb.notificationSchedule(now)
            check(plan.size == 6) { "plan $plan" }
            check(plan.all { it.due.isAfter(now) }) { "a cue in the past" }
            check(plan.last().cue.kind == CueKind.GOAL_REACHED) { "goal last" }
        }
    },
    "errors arrive as typed exceptions" to {
        val path = tempDb()
        open(path).use { it.writeNote(Instant.now(), OFFSET, "mine") }
        expect<EbbException.WrongKey> { open(path, OTHER_KEY) }
        val bad = expect<EbbException.InvalidInput> { open(path, ByteArray(5)) }
        check(bad.field == "key") { "field ${bad.field}" }
        open(path).use { ebb ->
            ebb.startUrge(Instant.now(), OFFSET, request())
            val e = expect<EbbException.InvalidInput> { ebb.checkIn(Instant.now(), OFFSET, 11) }
            check(e.field == "intensity") { "field ${e.field}" }
            expect<EbbException.InvalidInput> { ebb.extendUrge(Instant.now(), OFFSET, 0) }
            ebb.endUrge(Instant.now(), OFFSET, Outcome.EndedWithoutSaying)
            expect<EbbException.NoActiveUrge> { ebb.endUrge(Instant.now(), OFFSET, Outcome.Passed) }
            expect<EbbException.Internal> { ebb.diagnoseFailurePath() }
            // The companion still works after a failure inside the library.
            ebb.writeNote(Instant.now(), OFFSET, "still here")
        }
        val corrupt = tempDb()
        File(corrupt).writeBytes(ByteArray(10_000) { (it * 31).toByte() })
        expect<EbbException.NotADatabase> { open(corrupt) }
        check(File(corrupt).length() == 10_000L) { "the damaged file was changed" }
    },
    "haptics are rendered for each platform" to {
        open().use { ebb ->
            val android = ebb.breathingGuide(BreathingChoice.Resonance, 1, null, Platform.ANDROID_PHONE)
            val inhale = android.steps.first().haptics as RenderedHaptics.Android
            check(inhale.waveform.timingsMs.size == inhale.waveform.amplitudes.size) { "lengths" }
            check(inhale.waveform.amplitudes.all { it in 0..255 }) { "amplitudes" }
            check(inhale.waveform.amplitudes.zipWithNext().all { (a, b) -> a <= b }) { "an inhale rises" }
            val iphone = ebb.guide(GuideId.HOLD_ICE, Platform.IPHONE)
            check(iphone.cautions.isNotEmpty()) { "ice has a caution" }
            val ahap = iphone.steps.map { it.haptics }.filterIsInstance<RenderedHaptics.Ahap>().first()
            check(ahap.json.contains("\"Pattern\"")) { ahap.json }
            val watch = ebb.breathingGuide(BreathingChoice.Box, 1, null, Platform.APPLE_WATCH)
            check(watch.steps.any { it.haptics is RenderedHaptics.WatchTaps }) { "watch taps" }
            expect<EbbException.InvalidInput> { ebb.breathingGuide(BreathingChoice.Box, 9, null, Platform.IPHONE) }
            expect<EbbException.InvalidInput> {
                ebb.breathingGuide(BreathingChoice.ExtendedExhale(12), 2, null, Platform.IPHONE)
            }
        }
    },
    "a guide plays through its listener and can be stopped" to {
        open().use { ebb ->
            val steps = CopyOnWriteArrayList<StepView>()
            val first = CountDownLatch(1)
            val handle = ebb.runGuide(GuideId.GROUNDING54321, Platform.ANDROID_PHONE, object : GuideListener {
                override fun onStep(step: StepView) { steps.add(step); first.countDown() }
                override fun onFinished() {}
            })
            check(first.await(5, TimeUnit.SECONDS)) { "no first step" }
            check(steps.first().index == 0) { "starts at step 0" }
            handle.stop()
            Thread.sleep(200)
            check(!handle.isRunning()) { "stopped" }
        }
    },
    "export and import are suspend functions and round trip" to {
        runBlocking {
            val a = open()
            a.startUrge(Instant.now(), OFFSET, request(goal = 5, intensity = 8))
            a.recordSkillUse(Instant.now(), OFFSET, SkillUse("hold-ice", Need.TOO_MUCH, 8, 4, true))
            a.endUrge(Instant.now(), OFFSET, Outcome.UsedSkill)
            val json = a.exportJson(Instant.now())
            val b = open()
            val first = b.importJson(json)
            val second = b.importJson(json)
            check(first.added == 3L && second.added == 0L) { "$first $second" }
            check(b.exportSessionsCsv() == a.exportSessionsCsv()) { "same sessions" }
            expect<EbbException.InvalidInput> { runBlocking { b.importJson("{\"format\":\"other\"}") } }
            a.close(); b.close()
        }
    },
    "watch and phone sync both ways and a damaged payload changes nothing" to {
        val phone = open(); val watch = Ebb.open(tempDb(), KEY, DeviceKind.WATCH, false)
        phone.startUrge(Instant.now(), OFFSET, request(goal = 5, intensity = 6))
        phone.endUrge(Instant.now(), OFFSET, Outcome.Passed)
        watch.startUrge(Instant.now(), OFFSET, request(goal = 10, intensity = 7))
        watch.recordSkillUse(Instant.now(), OFFSET, SkillUse("hold-ice", null, 7, 4, true))
        watch.endUrge(Instant.now(), OFFSET, Outcome.UsedSkill)
        runBlocking {
            val toWatch = watch.syncMerge(phone.syncAnswer(watch.syncRequest()))
            val toPhone = phone.syncMerge(watch.syncAnswer(phone.syncRequest()))
            check(toWatch.added == 2u && toPhone.added == 3u) { "$toWatch $toPhone" }
            for (ebb in listOf(phone, watch)) {
                val urges = ebb.progress(Instant.now(), Window.ALL_TIME).current.urges
                check(urges == 2u) { "both sessions on each device, got $urges" }
            }
            val payload = watch.syncAnswer(phone.syncRequest())
            val damaged = payload.copyOf(payload.size / 2)
            expect<EbbException.SyncPayload> { runBlocking { phone.syncMerge(damaged) } }
            expect<EbbException.SyncPayload> { runBlocking { phone.syncMerge(byteArrayOf(1, 2, 3)) } }
            check(phone.exportSessionsCsv() == watch.exportSessionsCsv()) { "same sessions" }
        }
        phone.close(); watch.close()
    },
    "saying you are thinking of ending your life brings the crisis screen first" to {
        open().use { ebb ->
            ebb.editSafetyPlan(Instant.now(), OFFSET, PlanChange.SetCountry("GB"))
            ebb.editSafetyPlan(Instant.now(), OFFSET, PlanChange.AddPerson("Sam", "+44 7700 900123", Reach.CALL_OR_TEXT, null))
            ebb.startUrge(Instant.now(), OFFSET, request(goal = 15))
            for (intensity in listOf(null, 0, 5, 10)) {
                val result = ebb.answer(Instant.now(), OFFSET, intensity, true)
                val next = result.next as? NextScreen.CrisisFirst ?: error("crisis first, got ${result.next}")
                check(next.screen.people.single().name == "Sam") { "their person" }
                check(next.screen.lines.any { line -> line.actions.any { it.action == Action.Call("116123") } }) {
                    "Samaritans for GB: ${next.screen.lines.map { it.name }}"
                }
            }
            val calm = ebb.answer(Instant.now(), OFFSET, 2, false)
            check(calm.next is NextScreen.Continue) { "${calm.next}" }
            // Crisis help is one call away with no session and an empty plan too.
            open().use { fresh -> check(fresh.crisisScreen().lines.isNotEmpty()) { "fallback lines" } }
        }
    },
    "self-harm that needs medical care shows care information" to {
        open().use { ebb ->
            ebb.startUrge(Instant.now(), OFFSET, request(goal = 5))
            val end = ebb.endUrge(Instant.now(), OFFSET, Outcome.SelfHarmed(true))
            val care = end.next as? NextScreen.Care ?: error("care card, got ${end.next}")
            check(care.card.sections.isNotEmpty() && care.emergency.isNotEmpty()) { "$care" }
            check(ebb.privacyStatement().isNotEmpty()) { "privacy statement" }
        }
    },
    "progress is a suspend function and settings round trip" to {
        runBlocking {
            val ebb = open()
            ebb.startUrge(Instant.now(), OFFSET, request(goal = 5, intensity = 8))
            ebb.endUrge(Instant.now(), OFFSET, Outcome.Passed)
            val settings = ebb.settings().copy(showDaysWithout = true)
            ebb.saveSettings(Instant.now(), OFFSET, settings)
            val review = ebb.progress(Instant.now(), Window.WEEK)
            check(review.current.urges == 1u && review.current.passedSafely == 1u) { "${review.current}" }
            check(review.daysWithout != null && !review.daysWithout!!.contains("{")) { "${review.daysWithout}" }
            expect<EbbException.InvalidInput> { ebb.saveSettings(Instant.now(), OFFSET, settings.copy(goalPresetsMinutes = listOf(0))) }
            ebb.close()
        }
    },
    "recommendations learn, respect hidden skills and carry reasons" to {
        open().use { ebb ->
            val now = Instant.now()
            val first = ebb.recommend(now, Need.NUMB, 8, false, listOf(Requirement.ICE, Requirement.WATER, Requirement.PERSON), 42uL)
            check(first.isNotEmpty() && first.all { it.reason.isNotBlank() }) { "$first" }
            check(first == ebb.recommend(now, Need.NUMB, 8, false, listOf(Requirement.ICE, Requirement.WATER, Requirement.PERSON), 42uL)) {
                "same seed, same list"
            }
            val discreet = ebb.recommend(now, Need.TOO_MUCH, 5, true, emptyList(), 7uL)
            check(discreet.none { it.skillId == "hold-ice" || it.skillId == "cold-water" }) { "nothing needing ice in public with none at hand" }
            // Still strong after two skills: reaching a safe person comes first.
            ebb.startUrge(now, OFFSET, request(goal = 15, intensity = 9))
            repeat(2) { ebb.recordSkillUse(now, OFFSET, SkillUse("hold-ice", Need.TOO_MUCH, 9, 9, false)) }
            ebb.checkIn(now, OFFSET, 9)
            val strong = ebb.recommend(now, Need.TOO_MUCH, 9, false, listOf(Requirement.PERSON), 3uL)
            check(strong.first().skillId == "reach-person") { strong.map { it.skillId }.toString() }
        }
    },
    "calls from several threads at once all land" to {
        open().use { ebb ->
            val pool = Executors.newFixedThreadPool(8)
            val jobs = (0 until 8).map { t ->
                pool.submit {
                    repeat(50) { i -> ebb.writeNote(Instant.now(), OFFSET, "thread $t note $i") }
                }
            }
            jobs.forEach { it.get(60, TimeUnit.SECONDS) }
            pool.shutdown()
            val json = runBlocking { ebb.exportJson(Instant.now()) }
            val notes = Regex("note_written").findAll(json).count()
            check(notes == 400) { "notes $notes" }
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
        check(text("urge.start") == "Start the timer") { "urge.start: ${text("urge.start")}" }
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
