package app.ebb.platform

import android.app.Application
import android.content.Context
import app.ebb.core.Event
import app.ebb.core.Model
import app.ebb.core.Platform
import app.ebb.core.DeviceKind
import app.ebb.core.Reminder
import app.ebb.core.Source
import app.ebb.shell.EbbCompanion
import app.ebb.shell.FlowDriver
import app.ebb.shell.HapticPlayer
import app.ebb.shell.Reminders
import app.ebb.shell.Shell
import app.ebb.shell.Clock
import app.ebb.shell.Waker
import android.os.SystemClock
import java.time.Instant
import java.io.File
import java.util.concurrent.atomic.AtomicInteger
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey

// The app's side, as a test Application: it implements the hosts the
// receivers look for, and runs the real core with the platform's seams.

/** An AES key in memory, where Robolectric has no Android Keystore. */
class SoftwareKey : SealingKey {
    private val key: SecretKey = KeyGenerator.getInstance("AES").apply { init(256) }.generateKey()
    override fun get(): SecretKey = key
}

/** Reminders handed to [AlarmReminders], remembered for the assertions. */
class RecordedAlarms(context: Context) : Reminders {
    val alarms = AlarmReminders(context)
    val scheduled = mutableListOf<List<Reminder>>()
    override fun replaceAll(reminders: List<Reminder>) {
        scheduled += reminders
        alarms.replaceAll(reminders)
    }
}

/**
 * An encrypted store in [dir] with the key in a [KeystoreVault] (software
 * sealing key), driven through a FlowDriver whose seams are this module's
 * classes.
 */
class AppStore(
    val context: Context,
    val dir: File,
    private val sealing: SealingKey,
    private val clock: Clock = Clock.System,
    waker: Waker = Waker { _, _ -> },
) : AutoCloseable {
    val file = File(dir, "ebb.db")
    val reminders = RecordedAlarms(context)
    val announced = mutableListOf<String>()
    val companion: EbbCompanion = open()
    val flow = FlowDriver(
        companion,
        Shell(
            haptics = HapticPlayer(AndroidVibrator(context)),
            reminders = reminders,
            opener = IntentOpener(context),
            announcer = { announced += it },
            permission = {},
            saver = ShareSaver(context),
            waker = waker,
        ),
    )

    /** A second process's view of the same file. */
    fun open(): EbbCompanion = EbbCompanion.open(
        file, KeystoreVault(context, sealing), DeviceKind.PHONE, Platform.ANDROID_PHONE, clock = clock, locale = { "en-GB" },
    )

    /** Past the first run, as a person who has set Ebb up. */
    fun setUp(): AppStore = apply {
        flow.open("GB")
        flow.send(Event.FinishFirstRun(false))
    }

    override fun close() = companion.close()
}

/**
 * The wall clock as Robolectric's looper sees it: it starts at the real
 * time and moves only as the test idles the main looper, so the core's
 * step ends and [HandlerWaker]'s delays agree.
 */
class LooperClock : Clock {
    private val start = Instant.now()
    private val startUptime = SystemClock.uptimeMillis()
    override fun now(): Instant = start.plusMillis(SystemClock.uptimeMillis() - startUptime)
    override fun utcOffsetSecs(at: Instant) = 0
}

class TestApp : Application(), ReminderHost, WidgetHost, GuideHost {
    val reschedules = AtomicInteger()
    val taps = AtomicInteger()
    val sealing = SoftwareKey()

    /** The store the hosts use; opened by a test that needs the core. */
    @Volatile
    var store: AppStore? = null

    fun openStore(clock: Clock = Clock.System, waker: Waker = Waker { _, _ -> }): AppStore =
        AppStore(this, File(filesDir, "store").apply { mkdirs() }, sealing, clock, waker).setUp().also { store = it }

    override val guideFlow: FlowDriver get() = checkNotNull(store) { "no store open" }.flow

    override fun rescheduleReminders() {
        reschedules.incrementAndGet()
        store?.flow?.open("GB")
    }

    override fun startUrge(): Notice? {
        taps.incrementAndGet()
        val store = store ?: return null
        val model: Model = store.flow.send(Event.StartUrge(Source.WIDGET))
        val publicText = store.reminders.scheduled.lastOrNull()?.firstOrNull()?.publicText ?: "Ebb"
        return Notice(model.heading, publicText)
    }

    @Volatile
    var lines = WidgetLines("Start a timer", "Nothing running")

    override fun widgetLines() = lines

    override fun onTerminate() {
        store?.close()
        super.onTerminate()
    }
}
