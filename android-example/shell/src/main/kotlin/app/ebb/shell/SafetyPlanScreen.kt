package app.ebb.shell

import app.ebb.PlanChange
import app.ebb.SafetyPlanView
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow

/** What the safety plan screen shows. */
data class SafetyPlanState(
    val plan: SafetyPlanView? = null,
    /** What Ebb keeps, where, and that nothing leaves the device. */
    val privacy: List<String> = emptyList(),
)

/** The safety plan: Stanley–Brown's steps as the person wrote them. */
class SafetyPlanScreen(
    private val companion: EbbCompanion,
    /** Crisis help, one tap away. */
    val crisis: CrisisAccess,
) {
    private val state = MutableStateFlow(SafetyPlanState())

    /** What to show. */
    val ui: StateFlow<SafetyPlanState> = state.asStateFlow()

    /** Reads the plan. */
    suspend fun load() {
        state.value = SafetyPlanState(companion.safetyPlan(), companion.privacyStatement())
    }

    /** Saves one change; invalid input changes nothing and throws `EbbException.InvalidInput`. */
    suspend fun edit(change: PlanChange) {
        state.value = state.value.copy(plan = companion.editSafetyPlan(change))
    }
}
