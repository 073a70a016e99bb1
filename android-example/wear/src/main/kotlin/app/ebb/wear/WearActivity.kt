package app.ebb.wear

import android.os.Bundle
import androidx.activity.ComponentActivity
import androidx.activity.compose.setContent
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.heightIn
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import androidx.lifecycle.lifecycleScope
import androidx.wear.compose.material3.Button
import androidx.wear.compose.material3.MaterialTheme
import androidx.wear.compose.material3.Text
import app.ebb.core.GuideId
import app.ebb.core.Platform
import kotlinx.coroutines.launch

/**
 * Two buttons (breathing, hold-ice) whose labels are the guides' titles
 * from the core. A long press turns on haptics-only mode: the screen stays
 * dark and the service plays the steps as vibration alone.
 */
class WearActivity : ComponentActivity() {
    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        lifecycleScope.launch { WatchSyncService.syncNow(this@WearActivity) }
        val ebb = WatchEbb.get(this)
        val startBreathing = intent.getBooleanExtra(EXTRA_BREATHE, false)
        if (startBreathing) GuideService.start(this, GuideId.BREATHING)
        setContent {
            MaterialTheme {
                var titles by remember { mutableStateOf(emptyMap<GuideId, String>()) }
                var hapticsOnly by remember { mutableStateOf(false) }
                LaunchedEffect(Unit) {
                    titles = listOf(GuideId.BREATHING, GuideId.HOLD_ICE).associateWith { ebb.guide(it, Platform.WEAR_OS).title }
                }
                if (!hapticsOnly) {
                    Column {
                        titles.forEach { (id, title) ->
                            Button(
                                onClick = { GuideService.start(this@WearActivity, id) },
                                onLongClick = { hapticsOnly = true; GuideService.start(this@WearActivity, id) },
                                modifier = Modifier.heightIn(min = 48.dp).semantics { contentDescription = title },
                            ) { Text(title) }
                        }
                    }
                }
            }
        }
    }

    companion object {
        const val EXTRA_BREATHE = "breathe"
    }
}
