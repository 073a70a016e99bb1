package app.ebb.app

import android.os.Bundle
import androidx.activity.ComponentActivity
import androidx.activity.compose.setContent
import androidx.compose.foundation.Canvas
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.Button
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Slider
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.geometry.Offset
import androidx.compose.ui.geometry.Size
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import androidx.lifecycle.lifecycleScope
import app.ebb.core.Platform
import app.ebb.core.Source
import app.ebb.shell.CrisisAccess
import app.ebb.shell.GuidePlayer
import app.ebb.shell.GuideState
import app.ebb.shell.ProgressReview
import app.ebb.shell.Recommendations
import app.ebb.shell.SafetyPlanScreen
import app.ebb.shell.UrgeState
import app.ebb.shell.UrgeTimer
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch

enum class Screen { Timer, Skills, Guide, Progress, Safety }

/**
 * The phone app: five screens drawn from the shell's state holders, with
 * the crisis button on every one. Sizes are in sp/dp with minimum heights
 * only, so large text reflows instead of clipping.
 */
class MainActivity : ComponentActivity() {
    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        val app = application as EbbApp
        val timer = UrgeTimer(app.companion, app.schedule, app.words, app.crisis, lifecycleScope)
        val skills = Recommendations(app.companion, app.crisis)
        val guide = GuidePlayer(app.companion, app.haptics, Platform.ANDROID_PHONE, app.crisis, lifecycleScope)
        val progress = ProgressReview(app.companion, app.words, app.crisis)
        val safety = SafetyPlanScreen(app.companion, app.crisis)
        val fromWidget = intent.getBooleanExtra(EXTRA_START_FROM_WIDGET, false)
        lifecycleScope.launch {
            if (fromWidget) timer.start(source = Source.WIDGET) else timer.resume()
            UrgeWidget.refresh(this@MainActivity)
        }
        setContent {
            MaterialTheme {
                var screen by remember { mutableStateOf(Screen.Timer) }
                val crisisShown by app.crisis.screen.collectAsStateWithLifecycle()
                Column(Modifier.verticalScroll(rememberScrollState()).padding(16.dp)) {
                    CrisisButton(app.crisis)
                    if (crisisShown != null) {
                        CrisisPanel(app.crisis)
                    } else {
                        when (screen) {
                            Screen.Timer -> TimerScreen(timer)
                            Screen.Skills -> SkillsScreen(skills) { id -> lifecycleScope.launch { guide.choose(id) }; screen = Screen.Guide }
                            Screen.Guide -> GuideScreen(guide)
                            Screen.Progress -> ProgressScreen(progress)
                            Screen.Safety -> SafetyScreen(safety)
                        }
                    }
                }
            }
        }
    }

    companion object {
        const val EXTRA_SCREEN = "screen"
        const val EXTRA_START_FROM_WIDGET = "start_from_widget"
    }
}

/** Crisis help, one tap from every screen; its label is the core's heading. */
@Composable
fun CrisisButton(crisis: CrisisAccess) {
    val scope = rememberCoroutineScope()
    var label by remember { mutableStateOf("") }
    LaunchedEffect(Unit) { label = crisis.label() }
    OutlinedButton(onClick = { scope.launch { crisis.open() } }, modifier = Modifier.fillMaxWidth().heightIn(min = 48.dp)) {
        Text(label)
    }
}

@Composable
fun CrisisPanel(crisis: CrisisAccess) {
    val screen by crisis.screen.collectAsStateWithLifecycle()
    val s = screen ?: return
    Text(s.heading, style = MaterialTheme.typography.headlineSmall, modifier = Modifier.semantics { heading() })
    Text(s.intro)
    Text(s.emergencyHint)
    s.coverageNote?.let { Text(it) }
    (s.people.map { it.name to it.actions } + s.lines.map { it.name to it.actions }).forEach { (name, actions) ->
        Text(name, style = MaterialTheme.typography.titleMedium)
        actions.forEach { button ->
            Button(onClick = { crisis.reach(button.action) }, modifier = Modifier.heightIn(min = 48.dp)) { Text(button.label) }
        }
    }
}

@Composable
fun TimerScreen(timer: UrgeTimer) {
    val state by timer.ui.collectAsStateWithLifecycle()
    val scope = rememberCoroutineScope()
    when (val s = state) {
        UrgeState.Loading -> Unit
        is UrgeState.Ready -> {
            Text(s.askNeed)
            s.presetsMinutes.forEach { minutes ->
                Button(onClick = { scope.launch { timer.start(goalMinutes = minutes) } }, modifier = Modifier.heightIn(min = 48.dp)) {
                    Text(minutes.toString())
                }
            }
        }
        is UrgeState.Running -> {
            LaunchedEffect(s.urge.id) { while (true) { delay(1_000); timer.tick() } }
            Text(s.remainingText, style = MaterialTheme.typography.displaySmall, modifier = Modifier.semantics { contentDescription = s.remainingText })
            s.cue?.let { Text(it.text) }
            if (s.askingIntensity) {
                Text(s.askIntensity)
                var level by remember { mutableStateOf(5f) }
                Slider(value = level, onValueChange = { level = it }, valueRange = 0f..10f, steps = 9,
                    modifier = Modifier.semantics { contentDescription = s.askIntensity })
                Button(onClick = { scope.launch { timer.checkIn(level.toInt()) } }) { Text(level.toInt().toString()) }
            }
            Text(s.askOutcome)
            s.outcomes.forEach { choice ->
                OutlinedButton(onClick = { scope.launch { timer.end(choice.value) } }, modifier = Modifier.fillMaxWidth().heightIn(min = 48.dp)) {
                    Text(choice.label)
                }
            }
        }
        is UrgeState.Ended -> Text(s.ended.acknowledgement)
    }
}

@Composable
fun SkillsScreen(skills: Recommendations, open: (app.ebb.core.GuideId) -> Unit) {
    val state by skills.ui.collectAsStateWithLifecycle()
    LaunchedEffect(Unit) { skills.refresh() }
    state.suggestions.forEach { s ->
        Column(Modifier.padding(vertical = 8.dp)) {
            Text(s.title, style = MaterialTheme.typography.titleMedium, modifier = Modifier.semantics { heading() })
            Text(s.summary)
            Text(s.reason, style = MaterialTheme.typography.bodySmall)
            s.guide?.let { id -> Button(onClick = { open(id) }, modifier = Modifier.heightIn(min = 48.dp)) { Text(s.title) } }
        }
    }
}

@Composable
fun GuideScreen(player: GuidePlayer) {
    val state by player.ui.collectAsStateWithLifecycle()
    when (val s = state) {
        GuideState.Idle -> Unit
        is GuideState.Intro -> {
            Text(s.guide.title, style = MaterialTheme.typography.headlineSmall)
            s.guide.intro?.let { Text(it) }
            s.guide.cautions.forEach { Text(it) }
            Button(onClick = player::begin, modifier = Modifier.heightIn(min = 48.dp)) { Text(s.guide.title) }
        }
        is GuideState.Playing -> {
            Text(s.step.text, style = MaterialTheme.typography.headlineSmall,
                modifier = Modifier.semantics { contentDescription = s.step.text })
            Button(onClick = player::next, modifier = Modifier.heightIn(min = 48.dp)) { Text(s.guide.title) }
        }
        is GuideState.Finished -> Text(s.guide.title)
    }
}

/** Weekly bars and hours of the day, drawn from fractions the shell computed; words read out for TalkBack. */
@Composable
fun ProgressScreen(review: ProgressReview) {
    val state by review.ui.collectAsStateWithLifecycle()
    val scope = rememberCoroutineScope()
    LaunchedEffect(Unit) { review.load() }
    Text(state.title, style = MaterialTheme.typography.headlineSmall, modifier = Modifier.semantics { heading() })
    Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
        state.windows.forEach { w -> OutlinedButton(onClick = { scope.launch { review.load(w.value) } }) { Text(w.label) } }
    }
    state.review?.trends?.forEach { Text(it.text) }
    state.review?.daysWithout?.let { Text(it) }
    val bars = state.bars
    val barColor = MaterialTheme.colorScheme.primary
    val safeColor = MaterialTheme.colorScheme.tertiary
    Canvas(Modifier.fillMaxWidth().heightIn(min = 160.dp).semantics { contentDescription = state.review?.trends?.joinToString(" ") { it.text } ?: "" }) {
        if (bars.isEmpty()) return@Canvas
        val slot = size.width / bars.size
        bars.forEachIndexed { i, bar ->
            val h = size.height * bar.urges
            drawRect(barColor, Offset(i * slot + slot * 0.15f, size.height - h), Size(slot * 0.7f, h))
            val safe = size.height * bar.passedSafely
            drawRect(safeColor, Offset(i * slot + slot * 0.15f, size.height - safe), Size(slot * 0.7f, safe))
        }
    }
}

@Composable
fun SafetyScreen(screen: SafetyPlanScreen) {
    val state by screen.ui.collectAsStateWithLifecycle()
    LaunchedEffect(Unit) { screen.load() }
    state.plan?.steps?.forEach { step ->
        Text(step.title, style = MaterialTheme.typography.titleMedium, modifier = Modifier.semantics { heading() })
        if (step.entries.isEmpty()) Text(step.prompt) else step.entries.forEach { Text(it) }
    }
    state.privacy.forEach { Text(it, style = MaterialTheme.typography.bodySmall) }
}
