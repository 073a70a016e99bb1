package app.ebb.app

import android.app.Application
import android.os.Handler
import android.os.Looper
import app.ebb.core.Context
import app.ebb.core.DeviceKind
import app.ebb.core.Event
import app.ebb.core.Model
import app.ebb.core.Platform
import app.ebb.core.Screen
import app.ebb.core.Source
import app.ebb.crisisWithoutStore
import app.ebb.platform.AlarmReminders
import app.ebb.platform.AndroidVibrator
import app.ebb.platform.Channels
import app.ebb.platform.HandlerWaker
import app.ebb.platform.IntentOpener
import app.ebb.platform.KeystoreVault
import app.ebb.platform.Notice
import app.ebb.platform.ReminderHost
import app.ebb.platform.ShareSaver
import app.ebb.platform.WidgetHost
import app.ebb.platform.WidgetLines
import app.ebb.shell.Announcer
import app.ebb.shell.Clock
import app.ebb.shell.EbbCompanion
import app.ebb.shell.FlowDriver
import app.ebb.shell.HapticPlayer
import app.ebb.shell.NotificationPermission
import app.ebb.shell.Shell
import java.io.File
import java.util.Locale
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow

/**
 * The phone process: one open log and one flow, shared by the activity,
 * the widget's tap and the reminders. Everything shown comes from the
 * flow's models; this class only wires the platform to it.
 */
class EbbApp : Application(), ReminderHost, WidgetHost {
    /** The screen in front, if any: only it can speak or ask for permission. */
    @Volatile
    var front: Front? = null

    private val database: File get() = File(noBackupFilesDir, "ebb.db")
    private val opener by lazy { IntentOpener(this) }
    private val crisisOnly = MutableStateFlow<Model?>(null)
    private val opened = MutableStateFlow<FlowDriver?>(null)

    /** The flow once [open] has opened it off the main thread; screens draw from it. */
    val ready: StateFlow<FlowDriver?> = opened.asStateFlow()

    /**
     * Crisis help drawn without the log, when it could not be opened (a
     * lost key, a damaged file, a full disk); `null` while the log is fine.
     */
    val withoutStore: StateFlow<Model?> = crisisOnly.asStateFlow()

    /**
     * The flow, or `null` when the log cannot be opened. Opened on first
     * use; its calls block on the database, so make them off the main thread.
     */
    val flow: FlowDriver? by lazy {
        runCatching {
            val companion = EbbCompanion.open(database, KeystoreVault(this), DeviceKind.PHONE, Platform.ANDROID_PHONE)
            FlowDriver(
                companion,
                Shell(
                    haptics = HapticPlayer(AndroidVibrator(this)),
                    reminders = AlarmReminders(this),
                    opener = opener,
                    announcer = Announcer { text -> front?.announce(text) },
                    permission = NotificationPermission { front?.askNotifications() },
                    saver = ShareSaver(this),
                    waker = HandlerWaker(Handler(Looper.getMainLooper())),
                ),
            )
        }.getOrNull()
    }

    override fun onCreate() {
        super.onCreate()
        Channels.ensure(
            this,
            checkInsName = word("channel.check_ins"),
            timerName = word("channel.timer"),
            guideName = word("channel.guide"),
        )
    }

    /**
     * The app came to the front: the flow places it (a running timer,
     * crisis help kept, or home). If the log will not open, or opening
     * fails, crisis help is shown from the core's directory instead.
     */
    fun open() {
        val region = Locale.getDefault().country.ifEmpty { null }
        val driver = flow
        val placed = driver?.let { runCatching { it.open(region) }.isSuccess } ?: false
        opened.value = driver
        crisisOnly.value = if (placed) null else runCatching {
            crisisWithoutStore(database.path, region, context())
        }.getOrNull()
    }

    /**
     * A choice on crisis help without the log: reach opens the dialler or
     * messages; back tries the log again.
     */
    fun chooseWithoutStore(event: Event) {
        when (event) {
            is Event.Reach -> opener.open(event.action)
            else -> open()
        }
    }

    /**
     * The widget was tapped: the timer starts in the background, without
     * opening the app; its notice (private, "Ebb" on the lock screen)
     * leads into the app. A second tap returns to the running timer.
     */
    override fun startUrge(): Notice? {
        val model = flow?.send(Event.StartUrge(Source.WIDGET)) ?: return null
        EbbWidget().redraw(this)
        return Notice(model.lines.firstOrNull() ?: model.heading, word("flow.notification.public"))
    }

    /** The widget's button, and the timer's first line while one is on screen. */
    override fun widgetLines(): WidgetLines {
        val timer = ready.value?.model?.takeIf { it.screen == Screen.TIMER }
        return WidgetLines(word("widget.start"), timer?.lines?.firstOrNull().orEmpty())
    }

    /** The clock, the time zone or a reboot moved: the core sets the reminders again. */
    override fun rescheduleReminders() {
        flow?.send(if (front == null) Event.Opened(null) else Event.Tick)
    }

    private fun context(): Context {
        val now = Clock.System.now()
        return Context(now, Clock.System.utcOffsetSecs(now), DeviceKind.PHONE, Platform.ANDROID_PHONE, Locale.getDefault().toLanguageTag())
    }

    /** What only a visible screen can do. */
    interface Front {
        fun announce(text: String)
        fun askNotifications()
    }
}
