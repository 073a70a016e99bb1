package app.ebb.wear

import android.os.Bundle
import androidx.activity.ComponentActivity
import androidx.activity.compose.setContent
import androidx.compose.foundation.background
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import androidx.lifecycle.lifecycleScope
import androidx.wear.compose.foundation.lazy.ScalingLazyColumn
import androidx.wear.compose.material3.Button
import androidx.wear.compose.material3.ButtonDefaults
import androidx.wear.compose.material3.MaterialTheme
import androidx.wear.compose.material3.SwitchButton
import androidx.wear.compose.material3.Text
import app.ebb.core.Choice
import app.ebb.core.Event
import app.ebb.core.GuideId
import app.ebb.core.Model
import app.ebb.core.Role
import app.ebb.core.Screen
import app.ebb.platform.GuideKeeper
import app.ebb.platform.ViewAnnouncer
import app.ebb.text
import java.util.Locale
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.launch

/**
 * The watch draws the same models as the phone, in a scrolling column:
 * crisis help first, the heading and lines, the question's answers and
 * every choice. During a guide, "feel only" keeps the screen dark (the
 * lines are still read by TalkBack) while every choice stays, and
 * [GuideKeeper] keeps the steps' haptics going with the screen off.
 */
class WearActivity : ComponentActivity() {
    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        val breathe = intent.getBooleanExtra(EXTRA_BREATHE, false)
        lifecycleScope.launch(Dispatchers.IO) {
            val flow = WatchEbb.flow(this@WearActivity)
            runCatching {
                flow.open(Locale.getDefault().country.ifEmpty { null })
                // The tile's one tap: the breathing pacer at once.
                if (breathe) flow.send(Event.StartGuide(GuideId.BREATHING, null))
            }
            runCatching { WatchSyncService.syncNow(this@WearActivity) }
        }
        setContent {
            MaterialTheme {
                val flow = remember { WatchEbb.flow(this@WearActivity) }
                val model by flow.models.collectAsStateWithLifecycle()
                var feelOnly by remember { mutableStateOf(false) }
                model?.let { m ->
                    // A guide's steps keep going with the screen off.
                    androidx.compose.runtime.LaunchedEffect(m.screen == Screen.GUIDE) {
                        if (m.screen == Screen.GUIDE) GuideKeeper.start(this@WearActivity)
                    }
                    WatchScreen(m, dark = feelOnly && m.screen == Screen.GUIDE, feelOnly, { feelOnly = it }) { choice ->
                        lifecycleScope.launch(Dispatchers.IO) { runCatching { flow.choose(choice) } }
                    }
                }
            }
        }
    }

    override fun onResume() {
        super.onResume()
        WatchEbb.speaker = ViewAnnouncer(window.decorView)::announce
    }

    override fun onPause() {
        WatchEbb.speaker = null
        super.onPause()
    }

    companion object {
        const val EXTRA_BREATHE = "breathe"
    }
}

@androidx.compose.runtime.Composable
private fun WatchScreen(
    model: Model,
    dark: Boolean,
    feelOnly: Boolean,
    setFeelOnly: (Boolean) -> Unit,
    choose: (Choice) -> Unit,
) {
    // Choices that ask for typed words are left to the phone.
    val all = (model.question?.answers.orEmpty() + model.sections.flatMap { s -> s.items.flatMap { it.choices } + s.choices } + model.choices)
        .filter { it.fields.isEmpty() }
    val crisis = all.filter { it.role == Role.CRISIS }
    ScalingLazyColumn(Modifier.fillMaxWidth().background(if (dark) Color.Black else Color.Unspecified)) {
        items(crisis.size) { i -> WatchButton(crisis[i], choose) }
        item {
            Text(model.heading, style = MaterialTheme.typography.titleMedium, modifier = Modifier.semantics { heading() })
        }
        if (dark) {
            item {
                Box(Modifier.fillMaxWidth().heightIn(min = 96.dp).semantics { contentDescription = model.lines.joinToString(" ") })
            }
        } else {
            items(model.lines.size) { i -> Text(model.lines[i]) }
            model.question?.let { q -> item { Text(q.text) } }
            model.sections.forEach { s ->
                s.heading?.let { h -> item { Text(h, style = MaterialTheme.typography.titleSmall) } }
                items(s.items.size) { i -> Text(s.items[i].text + (s.items[i].note?.let { "\n$it" } ?: "")) }
            }
        }
        val rest = all.filter { it.role != Role.CRISIS }
        items(rest.size) { i -> WatchButton(rest[i], choose) }
        if (model.screen == Screen.GUIDE) {
            item {
                SwitchButton(
                    checked = feelOnly,
                    onCheckedChange = setFeelOnly,
                    label = { Text(text("watch.haptics_only") ?: "") },
                    modifier = Modifier.fillMaxWidth(),
                )
            }
        }
    }
}

@androidx.compose.runtime.Composable
private fun WatchButton(choice: Choice, choose: (Choice) -> Unit) {
    val colors = when (choice.role) {
        Role.PRIMARY, Role.ENDING_LIFE -> ButtonDefaults.buttonColors()
        else -> ButtonDefaults.filledTonalButtonColors()
    }
    Button(
        onClick = { choose(choice) },
        colors = colors,
        modifier = Modifier.fillMaxWidth().heightIn(min = 48.dp),
        label = { Text(choice.label) },
    )
}
