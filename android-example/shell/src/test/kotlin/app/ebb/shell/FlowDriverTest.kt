package app.ebb.shell

import app.ebb.core.Action
import app.ebb.core.Detail
import app.ebb.core.EntryList
import app.ebb.core.Event
import app.ebb.core.ExportFormat
import app.ebb.core.Form
import app.ebb.core.GuideId
import app.ebb.core.Model
import app.ebb.core.OutcomeChoice
import app.ebb.core.RenderedHaptics
import app.ebb.core.Role
import app.ebb.core.Screen
import java.time.Duration
import java.time.Instant
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNotNull
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test

/** The shell's driver against the real core: every seam recorded, nothing faked inside Ebb. */
class FlowDriverTest {
    private fun Model.allChoices() =
        (question?.answers ?: emptyList()) +
            sections.flatMap { s -> s.items.flatMap { it.choices } + s.choices } +
            choices

    private fun FlowDriver.pick(pick: (Event) -> Boolean): Model {
        val m = model!!
        val choice = m.allChoices().firstOrNull { pick(it.event) }
            ?: throw AssertionError("no such choice on ${m.screen}: ${m.allChoices().map { it.label }}")
        return choose(choice)
    }

    private fun driver(store: TempStore, seams: Recorded): FlowDriver =
        FlowDriver(store.companion, seams.shell).also {
            it.open("GB")
            it.pick { e -> e == Event.FinishFirstRun(false) }
        }

    @Test
    fun aFreshStoreOpensOnTheFirstRunAndAsksNothingYet() {
        TempStore().use { store ->
            val seams = Recorded()
            val flow = FlowDriver(store.companion, seams.shell)
            assertNull(flow.model)
            val m = flow.open("GB")
            assertEquals(Screen.FIRST_RUN, m.screen)
            assertEquals(m, flow.models.value)
            assertEquals(0, seams.permissionAsked)
            assertNull(seams.waker.at)
            assertTrue(m.choices.any { it.role == Role.CRISIS })
        }
    }

    @Test
    fun startingATimerAsksForNotificationsOnceHandsOverPrivateRemindersAndWakes() {
        TempStore().use { store ->
            val seams = Recorded()
            val flow = driver(store, seams)
            val timer = flow.pick { it is Event.StartUrge }
            assertEquals(Screen.TIMER, timer.screen)
            assertEquals(1, seams.permissionAsked)
            val reminders = seams.reminders.scheduled.last()
            assertTrue(reminders.isNotEmpty())
            for (r in reminders) {
                val public = r.publicText.lowercase()
                assertFalse(public, "urge" in public || "self-harm" in public)
            }
            val wakeAt = assertNotNull(seams.waker.at).let { seams.waker.at!! }
            // The wake comes: the clock has reached it and the flow is ticked.
            store.clock.offset = Duration.between(Instant.now(), wakeAt).plusSeconds(1)
            seams.waker.fire()
            val after = flow.model!!
            assertEquals(Screen.TIMER, after.screen)
            val elapsed = (after.detail as Detail.Timer).timer.elapsed
            assertTrue("elapsed $elapsed", elapsed >= Duration.between((timer.detail as Detail.Timer).timer.startedAt, wakeAt))
            // Ending cancels every reminder.
            flow.send(Event.AskOutcome)
            flow.send(Event.EndUrge(OutcomeChoice.PASSED))
            assertEquals(emptyList<Any>(), seams.reminders.scheduled.last())
            assertEquals(1, seams.permissionAsked)
        }
    }

    @Test
    fun aBreathingGuideVibratesExactlyTheCoresWaveformOrItsOnOffFallback() {
        for (amplitude in listOf(true, false)) {
            TempStore().use { store ->
                val seams = Recorded(hasAmplitudeControl = amplitude)
                val flow = driver(store, seams)
                val m = flow.send(Event.StartGuide(GuideId.BREATHING, null))
                val step = (m.detail as Detail.Step).step
                val haptics = step.haptics as RenderedHaptics.Android
                val played = seams.vibrator.calls.first()
                if (amplitude) {
                    assertEquals(
                        RecordingVibrator.Waveform(
                            haptics.waveform.timingsMs,
                            haptics.waveform.amplitudes,
                            haptics.waveform.repeat,
                        ),
                        played,
                    )
                } else {
                    assertEquals(
                        RecordingVibrator.OnOff(haptics.onOff.timingsMs, haptics.onOff.repeat),
                        played,
                    )
                }
                flow.pause()
                assertEquals(RecordingVibrator.Cancel, seams.vibrator.calls.last())
            }
        }
    }

    @Test
    fun aLineNothingCanOpenIsShownInstead() {
        TempStore().use { store ->
            val seams = Recorded()
            val flow = driver(store, seams)
            flow.send(Event.OpenCrisis)
            val reach = flow.model!!.allChoices().first { it.role == Role.REACH }
            flow.choose(reach)
            assertEquals((reach.event as Event.Reach).action, seams.opener.opened.single())
            assertNull(flow.unopened.value)
            seams.opener.canOpen = false
            flow.choose(reach)
            val shown = flow.unopened.value as Action.Call
            assertEquals((reach.event as Event.Reach).action, shown)
            flow.dismissUnopened()
            assertNull(flow.unopened.value)
        }
    }

    @Test
    fun aCopyOfEverythingGoesToTheSaverAndAFormSendsWhatWasTyped() {
        TempStore().use { store ->
            val seams = Recorded()
            val flow = driver(store, seams)
            flow.send(Event.OpenPlan)
            val add = flow.model!!.allChoices().first {
                (it.event as? Event.Entered)?.form == Form.PlanEntry(EntryList.REASONS_FOR_LIVING)
            }
            val plan = flow.choose(add, listOf("My dog"))
            assertTrue(plan.sections.any { s -> s.items.any { it.text == "My dog" } })
            flow.send(Event.OpenLog)
            flow.pick { it == Event.OpenExport }
            flow.pick { it == Event.Export(ExportFormat.JSON) }
            val (name, mime, contents) = seams.saved.single()
            assertTrue(name, name.matches(Regex("ebb-\\d{4}-\\d{2}-\\d{2}\\.json")))
            assertEquals("application/json", mime)
            assertTrue("\"format\"" in contents && "My dog" in contents)
        }
    }

    @Test
    fun hurtingOneselfWithPossibleCareLeadsToTheCareCardWithANumber() {
        TempStore().use { store ->
            val seams = Recorded()
            val flow = driver(store, seams)
            flow.pick { it is Event.StartUrge }
            flow.pick { it == Event.AskOutcome }
            val injury = flow.pick { it == Event.EndUrge(OutcomeChoice.HURT_MYSELF) }
            assertEquals(Screen.INJURY, injury.screen)
            assertTrue(injury.question!!.answers.any { it.role == Role.ENDING_LIFE })
            val care = flow.pick { it == Event.MayNeedCare(true) }
            assertEquals(Screen.CARE, care.screen)
            assertTrue(care.allChoices().any { ((it.event as? Event.Reach)?.action as? Action.Call)?.number == "999" })
        }
    }
}
