package app.ebb.shell

import app.ebb.core.Need
import app.ebb.core.Outcome
import app.ebb.core.Window

/** A key into the core's text tables, such as `"need.numb"`. */
@JvmInline
value class ContentKey(val key: String)

/**
 * The core's words for keys the bindings do not yet put into a view
 * (labels of choices, the timer line). Screens never hold their own text:
 * what they show comes from a view or from here.
 */
fun interface Words {
    /** The raw text for [key], with `{name}` placeholders left in. */
    fun raw(key: ContentKey): String

    /** The text for [key] with its placeholders filled from [args]. */
    fun text(key: ContentKey, vararg args: Pair<String, Any>): String =
        args.fold(raw(key)) { text, (name, value) -> text.replace("{$name}", value.toString()) }
}

/** A choice the person can make, with its words. */
data class Choice<T>(val value: T, val label: String)

/** The keys the screens use, named as in the core's tables. */
object Keys {
    val TIMER_REMAINING = ContentKey("urge.timer.remaining")
    val TIMER_ELAPSED = ContentKey("urge.timer.elapsed")
    val START_TITLE = ContentKey("urge.start.title")
    val START_BODY = ContentKey("urge.start.body")
    val ASK_INTENSITY = ContentKey("urge.ask.intensity")
    val ASK_NEED = ContentKey("urge.ask.need")
    val ASK_OUTCOME = ContentKey("urge.ask.outcome")
    val PROGRESS_TITLE = ContentKey("progress.title")

    /** The widget's start label. Proposed: not yet in the core's tables. */
    val WIDGET_START = ContentKey("widget.start")

    fun need(need: Need): ContentKey = ContentKey(
        "need." + when (need) {
            Need.TOO_MUCH -> "too_much"
            Need.NUMB -> "numb"
            Need.MAKE_PAIN_VISIBLE -> "make_pain_visible"
            Need.CONTROL -> "control"
            Need.SELF_PUNISHMENT -> "self_punishment"
            Need.NOT_SURE -> "not_sure"
        },
    )

    fun outcome(outcome: Outcome): ContentKey = ContentKey(
        "urge.outcome.choice." + when (outcome) {
            Outcome.Passed -> "passed"
            Outcome.UsedSkill -> "used_skill"
            Outcome.ReachedOut -> "reached_out"
            is Outcome.SelfHarmed -> "self_harmed"
            Outcome.EndedWithoutSaying -> "ended_without_saying"
        },
    )

    fun window(window: Window): ContentKey = ContentKey(
        "progress.window." + when (window) {
            Window.WEEK -> "week"
            Window.MONTH -> "month"
            Window.NINETY_DAYS -> "ninety_days"
            Window.ALL_TIME -> "all_time"
        },
    )
}

/** What the urge is for, in the order the core lists needs. */
fun Words.needChoices(): List<Choice<Need>> = Need.entries.map { Choice(it, raw(Keys.need(it))) }

/**
 * How a session can end. Whether an injury needs medical care is asked
 * after "I hurt myself" is chosen, so that choice starts as `false`.
 */
fun Words.outcomeChoices(): List<Choice<Outcome>> = listOf(
    Outcome.Passed,
    Outcome.UsedSkill,
    Outcome.ReachedOut,
    Outcome.SelfHarmed(needsMedicalCare = false),
    Outcome.EndedWithoutSaying,
).map { Choice(it, raw(Keys.outcome(it))) }
