package app.ebb.app

import android.os.Bundle
import androidx.activity.ComponentActivity
import androidx.activity.compose.setContent
import androidx.compose.material3.MaterialTheme
import androidx.compose.runtime.getValue
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import androidx.lifecycle.lifecycleScope
import app.ebb.core.Choice
import app.ebb.platform.ActivityNotificationPermission
import app.ebb.platform.ViewAnnouncer
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.launch

/**
 * The phone app: whatever model the core's flow shows, drawn by
 * [ModelScreen]. Coming to the front tells the flow; every tap sends the
 * choice's event. When the log cannot be opened, crisis help is still
 * drawn, from the core's directory.
 */
class MainActivity : ComponentActivity(), EbbApp.Front {
    private val app get() = application as EbbApp

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        val app = app
        setContent {
            MaterialTheme {
                val flow by app.ready.collectAsStateWithLifecycle()
                val fallback by app.withoutStore.collectAsStateWithLifecycle()
                val model = flow?.models?.collectAsStateWithLifecycle()?.value
                val unopened = flow?.unopened?.collectAsStateWithLifecycle()?.value
                val shown = fallback ?: model
                if (shown != null) {
                    ModelScreen(
                        model = shown,
                        choose = { choice, values -> choose(choice, values, withoutStore = fallback != null) },
                        unopened = unopened,
                        dismissUnopened = { flow?.dismissUnopened() },
                    )
                }
            }
        }
    }

    override fun onResume() {
        super.onResume()
        app.front = this
        lifecycleScope.launch(Dispatchers.IO) { app.open() }
    }

    override fun onPause() {
        if (app.front === this) app.front = null
        app.ready.value?.pause()
        super.onPause()
    }

    private fun choose(choice: Choice, values: List<String>, withoutStore: Boolean) {
        lifecycleScope.launch(Dispatchers.IO) {
            if (withoutStore) {
                app.chooseWithoutStore(choice.event)
            } else {
                // A refused event changes nothing; the next model says why.
                runCatching { app.flow?.choose(choice, values) }
            }
        }
    }

    private val announcer by lazy { ViewAnnouncer(window.decorView) }
    private val permission by lazy { ActivityNotificationPermission(this) }

    override fun announce(text: String) = announcer.announce(text)

    override fun askNotifications() = permission.ask()
}
