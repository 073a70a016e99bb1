package app.ebb.app

// Draws any of the core's screen models: the heading with crisis help
// beside it, the lines, what the screen shows beyond words (the timer's
// clock, a guide's step, the progress charts), the question and its
// answers, sections of items, and the choices. Every button sends its
// choice's event; nothing here decides what comes next. Text sizes come
// from Material type styles (sp) and heights are minimums, so large text
// reflows; TalkBack reads the core's words.

import androidx.compose.foundation.Canvas
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.widthIn
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.Button
import androidx.compose.material3.ButtonDefaults
import androidx.compose.material3.FilledTonalButton
import androidx.compose.material3.LinearProgressIndicator
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateListOf
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.geometry.Offset
import androidx.compose.ui.geometry.Size
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import app.ebb.core.Action
import app.ebb.core.Choice
import app.ebb.core.Detail
import app.ebb.core.Model
import app.ebb.core.Point
import app.ebb.core.ProgressDetail
import app.ebb.core.Role
import app.ebb.core.StepDetail
import app.ebb.core.TimerDetail
import app.ebb.text
import java.time.Duration
import java.time.Instant
import kotlinx.coroutines.delay

/** Words a shell draws outside the models, from the core by key (no store needed). */
internal fun word(key: String): String = text(key) ?: ""

@OptIn(ExperimentalLayoutApi::class)
@Composable
fun ModelScreen(
    model: Model,
    choose: (Choice, List<String>) -> Unit,
    unopened: Action?,
    dismissUnopened: () -> Unit,
) {
    var form by remember(model) { mutableStateOf<Choice?>(null) }
    val send: (Choice) -> Unit = { c -> if (c.fields.isEmpty()) choose(c, emptyList()) else form = c }
    Column(
        Modifier.verticalScroll(rememberScrollState()).padding(16.dp),
        verticalArrangement = Arrangement.spacedBy(8.dp),
    ) {
        // Crisis help is on every model; it sits first, one tap away.
        model.choices.filter { it.role == Role.CRISIS }.forEach { crisis ->
            OutlinedButton(onClick = { send(crisis) }, modifier = Modifier.fillMaxWidth().heightIn(min = 48.dp)) {
                Text(crisis.label)
            }
        }
        Text(model.heading, style = MaterialTheme.typography.headlineSmall, modifier = Modifier.semantics { heading() })
        model.lines.forEach { Text(it, style = MaterialTheme.typography.bodyLarge) }
        when (val detail = model.detail) {
            is Detail.None -> Unit
            is Detail.Timer -> TimerClock(detail.timer)
            is Detail.Step -> StepProgress(detail.step)
            is Detail.Progress -> ProgressCharts(detail.progress)
        }
        model.question?.let { question ->
            Text(question.text, style = MaterialTheme.typography.titleMedium)
            // Numbers side by side; the rest, "ending my life" among them, a row each.
            val numbers = question.answers.filter { it.role == Role.ANSWER && it.label.toIntOrNull() != null }
            FlowRow(horizontalArrangement = Arrangement.spacedBy(4.dp)) {
                numbers.forEach { ChoiceButton(it, send, Modifier.widthIn(min = 48.dp)) }
            }
            question.answers.filter { it !in numbers }.forEach { ChoiceButton(it, send) }
        }
        model.sections.forEach { section ->
            section.heading?.let { Text(it, style = MaterialTheme.typography.titleMedium, modifier = Modifier.semantics { heading() }) }
            if (section.items.isEmpty()) section.empty?.let { Text(it, style = MaterialTheme.typography.bodyMedium) }
            section.items.forEach { item ->
                Column(Modifier.padding(vertical = 4.dp)) {
                    Text(item.text, style = MaterialTheme.typography.titleSmall)
                    item.note?.let { Text(it, style = MaterialTheme.typography.bodyMedium) }
                    item.choices.forEach { ChoiceButton(it, send) }
                }
            }
            section.choices.forEach { ChoiceButton(it, send) }
        }
        model.choices.filter { it.role != Role.CRISIS }.forEach { ChoiceButton(it, send) }
    }
    form?.let { choice -> FormDialog(choice, { values -> form = null; choose(choice, values) }, { form = null }) }
    unopened?.let { UnopenedDialog(it, dismissUnopened) }
}

/** One choice, styled by its role; the label is the core's. */
@Composable
private fun ChoiceButton(choice: Choice, send: (Choice) -> Unit, modifier: Modifier = Modifier.fillMaxWidth()) {
    val m = modifier.heightIn(min = 48.dp)
    when (choice.role) {
        Role.PRIMARY -> Button(onClick = { send(choice) }, modifier = m) { Text(choice.label) }
        Role.ENDING_LIFE -> Button(
            onClick = { send(choice) },
            modifier = m,
            colors = ButtonDefaults.buttonColors(containerColor = MaterialTheme.colorScheme.error),
        ) { Text(choice.label) }
        Role.REACH, Role.ANSWER -> FilledTonalButton(onClick = { send(choice) }, modifier = m) { Text(choice.label) }
        Role.REMOVE -> TextButton(
            onClick = { send(choice) },
            modifier = m,
            colors = ButtonDefaults.textButtonColors(contentColor = MaterialTheme.colorScheme.error),
        ) { Text(choice.label) }
        Role.BACK, Role.SECONDARY, Role.CRISIS -> OutlinedButton(onClick = { send(choice) }, modifier = m) { Text(choice.label) }
    }
}

/** The fields a choice asks for, then the choice itself to send them. */
@Composable
private fun FormDialog(choice: Choice, submit: (List<String>) -> Unit, close: () -> Unit) {
    val values = remember(choice) { mutableStateListOf(*Array(choice.fields.size) { "" }) }
    AlertDialog(
        onDismissRequest = close,
        confirmButton = { Button(onClick = { submit(values.toList()) }) { Text(choice.label) } },
        dismissButton = { TextButton(onClick = close) { Text(word("common.close")) } },
        text = {
            Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
                choice.fields.forEachIndexed { n, field ->
                    OutlinedTextField(value = values[n], onValueChange = { values[n] = it }, label = { Text(field.prompt) })
                }
            }
        },
    )
}

/** Nothing on the phone could open a call or a message: the number, to use from any phone. */
@Composable
private fun UnopenedDialog(action: Action, close: () -> Unit) {
    val (label, target) = when (action) {
        is Action.Call -> word("safety.action.call") to action.number
        is Action.Text -> word("safety.action.text") to action.number
        is Action.OpenUrl -> "" to action.url
    }
    AlertDialog(
        onDismissRequest = close,
        confirmButton = { TextButton(onClick = close) { Text(word("common.close")) } },
        title = { Text(label) },
        text = { Text(target, style = MaterialTheme.typography.headlineMedium) },
    )
}

/** The time left to the goal, redrawn each second from the model's instants. */
@Composable
private fun TimerClock(timer: TimerDetail) {
    var now by remember { mutableStateOf(Instant.now()) }
    LaunchedEffect(timer.startedAt) {
        while (true) {
            now = Instant.now()
            delay(1_000)
        }
    }
    val end = timer.startedAt.plus(timer.goal)
    val left = Duration.between(now, end).coerceAtLeast(Duration.ZERO)
    val text = "%d:%02d".format(left.toMinutes(), left.toSecondsPart())
    Text(text, style = MaterialTheme.typography.displayMedium, modifier = Modifier.semantics { contentDescription = text })
    val done = Duration.between(timer.startedAt, now).toMillis().toFloat() / timer.goal.toMillis().coerceAtLeast(1)
    LinearProgressIndicator(progress = { done.coerceIn(0f, 1f) }, modifier = Modifier.fillMaxWidth())
}

/** How far along a guide is; the step's words are the model's lines. */
@Composable
private fun StepProgress(step: StepDetail) {
    LinearProgressIndicator(
        progress = { (step.index.toFloat() + 1) / step.count.toFloat().coerceAtLeast(1f) },
        modifier = Modifier.fillMaxWidth(),
    )
}

/**
 * The review's weekly series as bars (urges, and those that ended without
 * self-harm), with every count also written out under the chart, so
 * nothing needs a tap to read and TalkBack reads the same numbers.
 */
@Composable
private fun ProgressCharts(progress: ProgressDetail) {
    Text(progress.period, style = MaterialTheme.typography.titleSmall)
    val urges = MaterialTheme.colorScheme.primary
    val safe = MaterialTheme.colorScheme.tertiary
    val weeks = progress.weekly
    val most = (weeks.maxOfOrNull { it.urges.toInt() } ?: 0).coerceAtLeast(1)
    Canvas(Modifier.fillMaxWidth().heightIn(min = 160.dp).semantics { contentDescription = progress.period }) {
        if (weeks.isEmpty()) return@Canvas
        val slot = size.width / weeks.size
        weeks.forEachIndexed { i, week ->
            val h = size.height * week.urges.toFloat() / most
            drawRect(urges, Offset(i * slot + slot * 0.15f, size.height - h), Size(slot * 0.7f, h))
            val s = size.height * week.passedSafely.toFloat() / most
            drawRect(safe, Offset(i * slot + slot * 0.3f, size.height - s), Size(slot * 0.4f, s))
        }
    }
    weeks.forEach { WeekRow(it) }
}

@Composable
private fun WeekRow(week: Point) {
    val from = week.from.toString().take(10)
    Row(horizontalArrangement = Arrangement.spacedBy(12.dp)) {
        Text(from, style = MaterialTheme.typography.bodySmall)
        Text("${word("flow.progress.urges")}: ${week.urges}", style = MaterialTheme.typography.bodySmall)
        Text("${word("flow.progress.passed_safely")}: ${week.passedSafely}", style = MaterialTheme.typography.bodySmall)
        Text("${word("flow.progress.self_harm")}: ${week.selfHarm}", style = MaterialTheme.typography.bodySmall)
    }
}
