package app.ebb.platform

import app.ebb.core.Role
import app.ebb.core.Event
import android.content.ComponentName
import android.content.Intent
import android.content.IntentFilter
import android.os.Handler
import android.os.Looper
import android.view.View
import app.ebb.core.Action
import app.ebb.shell.Clock
import java.time.Duration
import java.time.Instant
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.RuntimeEnvironment
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config

@RunWith(RobolectricTestRunner::class)
@Config(sdk = [26, 31, 36], manifest = Config.NONE, application = TestApp::class)
class IntentsTest {
    private val app = RuntimeEnvironment.getApplication() as TestApp
    private val shadowApp get() = shadowOf(app)

    /** An app on the device that handles [action] for [scheme]. */
    private fun handler(action: String, scheme: String) {
        val pm = shadowOf(app.packageManager)
        val component = ComponentName("com.example.$scheme", "Handler")
        pm.addActivityIfNotPresent(component)
        pm.addIntentFilterForActivity(component, IntentFilter(action).apply { addDataScheme(scheme); addCategory(Intent.CATEGORY_DEFAULT) })
    }

    @Test
    fun aCallOpensTheDiallerWithTheNumberAndCallsNothing() {
        shadowApp.checkActivities(true)
        handler(Intent.ACTION_DIAL, "tel")
        assertTrue(IntentOpener(app).open(Action.Call("+44116123")))
        val started = shadowApp.nextStartedActivity
        assertEquals(Intent.ACTION_DIAL, started.action)
        assertEquals("tel:%2B44116123", started.data.toString())
    }

    @Test
    fun aTextOpensMessagesWithTheWordsFilledIn() {
        shadowApp.checkActivities(true)
        handler(Intent.ACTION_SENDTO, "smsto")
        assertTrue(IntentOpener(app).open(Action.Text("85258", "SHOUT")))
        val started = shadowApp.nextStartedActivity
        assertEquals(Intent.ACTION_SENDTO, started.action)
        assertEquals("smsto", started.data!!.scheme)
        assertEquals("85258", started.data!!.schemeSpecificPart)
        assertEquals("SHOUT", started.getStringExtra("sms_body"))
    }

    @Test
    fun aPageOpensInTheBrowser() {
        shadowApp.checkActivities(true)
        handler(Intent.ACTION_VIEW, "https")
        assertTrue(IntentOpener(app).open(Action.OpenUrl("https://www.samaritans.org/")))
        assertEquals("https://www.samaritans.org/", shadowApp.nextStartedActivity.dataString)
    }

    @Test
    fun withNothingToHandleItTheOpenerSaysSoAndStartsNothing() {
        shadowApp.checkActivities(true)
        val opener = IntentOpener(app)
        assertFalse(opener.open(Action.Call("116123")))
        assertFalse(opener.open(Action.Text("85258", "SHOUT")))
        assertFalse(opener.open(Action.OpenUrl("https://www.samaritans.org/")))
        assertNull(shadowApp.nextStartedActivity)
    }

    @Test
    fun crisisActionsWithNoDiallerShowTheNumberThroughTheFlow() {
        shadowApp.checkActivities(true)
        val store = app.openStore()
        try {
            store.flow.send(Event.OpenCrisis)
            val model = store.flow.model!!
            val reach = (model.sections.flatMap { s -> s.items.flatMap { it.choices } + s.choices } + model.choices)
                .first { it.role == Role.REACH }
            store.flow.choose(reach)
            assertEquals((reach.event as Event.Reach).action, store.flow.unopened.value)
            assertNull(shadowApp.nextStartedActivity)
        } finally {
            store.close()
        }
    }

    @Test
    fun aCopyGoesToTheShareSheetAsTextWithItsName() {
        ShareSaver(app).save("ebb-2026-12-03.json", "application/json", "{\"entries\":[]}")
        val chooser = shadowApp.nextStartedActivity
        assertEquals(Intent.ACTION_CHOOSER, chooser.action)
        @Suppress("DEPRECATION")
        val send = chooser.getParcelableExtra<Intent>(Intent.EXTRA_INTENT)!!
        assertEquals(Intent.ACTION_SEND, send.action)
        assertEquals("application/json", send.type)
        assertEquals("{\"entries\":[]}", send.getStringExtra(Intent.EXTRA_TEXT))
        assertEquals("ebb-2026-12-03.json", send.getStringExtra(Intent.EXTRA_TITLE))
    }

    @Test
    fun theWakerFiresOnceAtTheInstantAndNullCancels() {
        val now = Instant.parse("2026-12-03T10:00:00Z")
        val clock = object : Clock {
            override fun now() = now
            override fun utcOffsetSecs(at: Instant) = 0
        }
        val waker = HandlerWaker(Handler(Looper.getMainLooper()), clock)
        val woken = mutableListOf<String>()
        waker.wakeAt(now.plusSeconds(5)) { woken += "first" }
        waker.wakeAt(now.plusSeconds(10)) { woken += "second" }
        val looper = shadowOf(Looper.getMainLooper())
        looper.idleFor(Duration.ofSeconds(9))
        assertEquals(emptyList<String>(), woken)
        looper.idleFor(Duration.ofSeconds(2))
        assertEquals(listOf("second"), woken)
        waker.wakeAt(now.plusSeconds(5)) { woken += "third" }
        waker.wakeAt(null) { woken += "never" }
        looper.idleFor(Duration.ofSeconds(60))
        assertEquals(listOf("second"), woken)
    }

    @Test
    fun announcementsReachTheViewOnItsThread() {
        val said = mutableListOf<String>()
        val view = object : View(app) {
            @Deprecated("as the framework's")
            override fun announceForAccessibility(text: CharSequence) {
                said += text.toString()
            }
        }
        ViewAnnouncer(view).announce("Breathe in")
        assertEquals(emptyList<String>(), said)
        shadowOf(Looper.getMainLooper()).idle()
        assertEquals(listOf("Breathe in"), said)
    }
}
