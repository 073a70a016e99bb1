package app.ebb.app

import android.content.Context
import android.content.Intent
import androidx.glance.GlanceId
import androidx.glance.GlanceModifier
import androidx.glance.action.clickable
import androidx.glance.appwidget.GlanceAppWidget
import androidx.glance.appwidget.GlanceAppWidgetManager
import androidx.glance.appwidget.GlanceAppWidgetReceiver
import androidx.glance.appwidget.action.actionStartActivity
import androidx.glance.appwidget.provideContent
import androidx.glance.appwidget.updateAll
import androidx.glance.layout.Alignment
import androidx.glance.layout.Box
import androidx.glance.layout.fillMaxSize
import androidx.glance.layout.padding
import androidx.glance.semantics.contentDescription
import androidx.glance.semantics.semantics
import androidx.glance.text.Text
import androidx.glance.unit.dp
import app.ebb.shell.Keys
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext

/**
 * One tap starts an urge session (or returns to the running one) and
 * opens the timer. While a session runs it shows the time left.
 */
class UrgeWidget : GlanceAppWidget() {
    override suspend fun provideGlance(context: Context, id: GlanceId) {
        val app = context.applicationContext as EbbApp
        val (line, label) = withContext(Dispatchers.IO) {
            val urge = app.companion.activeUrge()
            if (urge == null) {
                app.words.raw(Keys.WIDGET_START).let { it to it }
            } else {
                val left = urge.remaining
                val text = app.words.text(Keys.TIMER_REMAINING, "minutes" to left.toMinutes(), "seconds" to left.toSecondsPart())
                text to text
            }
        }
        val start = Intent(context, MainActivity::class.java)
            .putExtra(MainActivity.EXTRA_START_FROM_WIDGET, true)
            .addFlags(Intent.FLAG_ACTIVITY_NEW_TASK)
        provideContent {
            Box(
                modifier = GlanceModifier.fillMaxSize().padding(12.dp)
                    .clickable(actionStartActivity(start))
                    .semantics { contentDescription = label },
                contentAlignment = Alignment.Center,
            ) {
                Text(line)
            }
        }
    }

    companion object {
        /** Redraws every placed widget (after a start, an end or a cue). */
        suspend fun refresh(context: Context) = UrgeWidget().updateAll(context)
    }
}

class UrgeWidgetReceiver : GlanceAppWidgetReceiver() {
    override val glanceAppWidget: GlanceAppWidget = UrgeWidget()
}
