package app.ebb.wear

import android.app.Application
import android.content.Context
import android.os.Handler
import android.os.HandlerThread
import app.ebb.core.DeviceKind
import app.ebb.core.Event
import app.ebb.core.Platform
import app.ebb.datalayer.DataLayerPeer
import app.ebb.datalayer.SyncListenerService
import app.ebb.platform.AlarmReminders
import app.ebb.platform.AndroidVibrator
import app.ebb.platform.Channels
import app.ebb.platform.GuideHost
import app.ebb.platform.HandlerWaker
import app.ebb.platform.IntentOpener
import app.ebb.platform.KeystoreVault
import app.ebb.platform.ReminderHost
import app.ebb.platform.ShareSaver
import app.ebb.shell.Announcer
import app.ebb.shell.EbbCompanion
import app.ebb.shell.EbbSyncStore
import app.ebb.shell.FlowDriver
import app.ebb.shell.HapticPlayer
import app.ebb.shell.NotificationPermission
import app.ebb.shell.Shell
import app.ebb.shell.SyncSession
import app.ebb.text
import java.io.File

/**
 * The watch's log and flow, opened once per process (the key sealed as
 * on the phone). The activity draws the flow's models; GuideKeeper keeps
 * the process, and so the flow's wakes and haptics, alive while a guide
 * plays with the screen off.
 */
object WatchEbb {
    @Volatile private var opened: FlowDriver? = null

    /** Announces for the activity in front, if any. */
    @Volatile var speaker: ((String) -> Unit)? = null

    fun flow(context: Context): FlowDriver = opened ?: synchronized(this) {
        opened ?: open(context.applicationContext).also { opened = it }
    }

    private fun open(context: Context): FlowDriver {
        val companion = EbbCompanion.open(
            File(context.noBackupFilesDir, "ebb.db"),
            KeystoreVault(context),
            DeviceKind.WATCH,
            Platform.WEAR_OS,
        )
        return FlowDriver(
            companion,
            Shell(
                haptics = HapticPlayer(AndroidVibrator(context)),
                reminders = AlarmReminders(context),
                opener = IntentOpener(context),
                announcer = Announcer { text -> speaker?.invoke(text) },
                // The watch posts through the phone's permission; nothing to ask here.
                permission = NotificationPermission {},
                saver = ShareSaver(context),
                // Wakes on a thread of their own: GuideKeeper's wake lock
                // lets them run with the screen off.
                waker = HandlerWaker(Handler(HandlerThread("ebb-flow").apply { start() }.looper)),
            ),
        )
    }
}

/**
 * The watch process: the flow for [app.ebb.platform.GuideKeeper], the
 * foreground service that keeps a guide's steps moving with the screen off,
 * and for the check-ins set again after a reboot.
 */
class WatchApp : Application(), GuideHost, ReminderHost {
    override val guideFlow: FlowDriver get() = WatchEbb.flow(this)

    /** After a reboot or a clock change the core sets the check-ins again. */
    override fun rescheduleReminders() {
        WatchEbb.flow(this).send(Event.Opened(null))
    }

    override fun onCreate() {
        super.onCreate()
        Channels.ensure(
            this,
            checkInsName = text("channel.check_ins") ?: "",
            timerName = text("channel.timer") ?: "",
            guideName = text("channel.guide") ?: "",
        )
    }
}

/** Answers the phone's sync messages with this watch's log; starts a round when the app opens. */
class WatchSyncService : SyncListenerService() {
    override fun companion(): EbbCompanion = WatchEbb.flow(this).companion

    companion object {
        suspend fun syncNow(context: Context) =
            SyncSession(EbbSyncStore(WatchEbb.flow(context).companion.ebb), DataLayerPeer(context)).begin()
    }
}
