package app.ebb.shell

import app.ebb.SkillUse
import app.ebb.SuggestionView
import app.ebb.core.Need
import app.ebb.core.Requirement
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow

/** What the recommended-skills screen shows. */
data class SkillsState(
    /** Best first, each with the reason it is offered. */
    val suggestions: List<SuggestionView> = emptyList(),
    val need: Need? = null,
    val intensity: Int? = null,
    val inPublic: Boolean = false,
    val atHand: List<Requirement> = emptyList(),
)

/** The recommended skills for this moment, in the core's order. */
class Recommendations(
    private val companion: EbbCompanion,
    /** Crisis help, one tap away. */
    val crisis: CrisisAccess,
) {
    private val state = MutableStateFlow(SkillsState())

    /** What to show. */
    val ui: StateFlow<SkillsState> = state.asStateFlow()

    /** Asks the core again for this moment. */
    suspend fun refresh(
        need: Need? = state.value.need,
        intensity: Int? = state.value.intensity,
        inPublic: Boolean = state.value.inPublic,
        atHand: List<Requirement> = state.value.atHand,
    ) {
        val suggestions = companion.recommend(need, intensity, inPublic, atHand)
        state.value = SkillsState(suggestions, need, intensity, inPublic, atHand)
    }

    /** Records that [suggestion] was used and how it went; the next order learns from it. */
    suspend fun used(suggestion: SuggestionView, helped: Boolean?, before: Int? = null, after: Int? = null): String =
        companion.recordSkillUse(SkillUse(suggestion.skillId, state.value.need, before, after, helped))
}
