package app.ebb.shell

import app.ebb.ProgressView
import app.ebb.WeekView
import app.ebb.core.Window
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow

/** One week's bar: heights as fractions of the tallest week, for a Canvas. */
data class WeekBar(
    val week: WeekView,
    /** Urges started, relative to the busiest week (0 to 1). */
    val urges: Float,
    /** Of those, ended without self-harm, on the same scale. */
    val passedSafely: Float,
)

/** What the progress review shows. */
data class ProgressState(
    val window: Window = Window.MONTH,
    val title: String = "",
    val windows: List<Choice<Window>> = emptyList(),
    val review: ProgressView? = null,
    val bars: List<WeekBar> = emptyList(),
    /** Urges by hour of day, 0 to 1 of the busiest hour: times that were harder, never a forecast. */
    val hours: List<Float> = emptyList(),
)

/** The progress review: the core's figures and trends, scaled for charts. */
class ProgressReview(
    private val companion: EbbCompanion,
    private val words: Words,
    /** Crisis help, one tap away. */
    val crisis: CrisisAccess,
) {
    private val state = MutableStateFlow(ProgressState())

    /** What to show. */
    val ui: StateFlow<ProgressState> = state.asStateFlow()

    /** Loads the review for [window]. */
    suspend fun load(window: Window = state.value.window) {
        val review = companion.progress(window)
        val busiestWeek = review.weekly.maxOfOrNull { it.urges }?.takeIf { it > 0u }?.toFloat()
        val busiestHour = review.current.urgesByHour.maxOrNull()?.takeIf { it > 0u }?.toFloat()
        state.value = ProgressState(
            window = window,
            title = words.raw(Keys.PROGRESS_TITLE),
            windows = Window.entries.map { Choice(it, words.raw(Keys.window(it))) },
            review = review,
            bars = review.weekly.map { w ->
                WeekBar(w, w.urges.toFloat() / (busiestWeek ?: 1f), w.passedSafely.toFloat() / (busiestWeek ?: 1f))
            },
            hours = review.current.urgesByHour.map { it.toFloat() / (busiestHour ?: 1f) },
        )
    }
}
