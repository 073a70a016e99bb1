package app.ebb.wear

import android.app.Notification
import android.app.NotificationChannel
import android.app.NotificationManager
import android.app.PendingIntent
import android.content.Context
import android.content.Intent
import android.content.pm.ServiceInfo
import android.os.Handler
import android.os.Looper
import android.os.PowerManager
import androidx.lifecycle.LifecycleService
import androidx.lifecycle.lifecycleScope
import androidx.wear.ongoing.OngoingActivity
import androidx.wear.ongoing.Status
import app.ebb.core.DeviceKind
import app.ebb.core.Platform
import app.ebb.core.Screen
import app.ebb.datalayer.DataLayerPeer
import app.ebb.datalayer.SyncListenerService
import app.ebb.platform.AlarmReminders
import app.ebb.platform.AndroidVibrator
import app.ebb.platform.HandlerWaker
import app.ebb.platform.IntentOpener
import app.ebb.platform.KeystoreVault
import app.ebb.platform.ShareSaver
import app.ebb.shell.Announcer
import app.ebb.shell.EbbCompanion
import app.ebb.shell.EbbSyncStore
import app.ebb.shell.FlowDriver
import app.ebb.shell.HapticPlayer
import app.ebb.shell.NotificationPermission
import app.ebb.shell.Shell
import app.ebb.shell.SyncSession
import java.io.File
import kotlinx.coroutines.flow.collectLatest
import kotlinx.coroutines.launch

/**
 * The watch's log and flow, opened once per process (the key sealed as
 * on the phone). The activity draws the flow's models; [GuideService]
 * keeps the process, and so the flow's wakes and haptics, alive while a
 * guide plays with the screen off.
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
                waker = HandlerWaker(Handler(Looper.getMainLooper())),
            ),
        )
    }
}

/**
 * Runs while the flow shows a guide's step: a foreground service with an
 * OngoingActivity and a partial wake lock, so the flow's wakes keep
 * playing each step's haptics with the screen off and the watch face
 * shows a way back. The status text is the model's heading; the service
 * stops itself when the model is no longer a guide.
 */
class GuideService : LifecycleService() {
    private var lock: PowerManager.WakeLock? = null
    private var following = false

    override fun onStartCommand(intent: Intent?, flags: Int, startId: Int): Int {
        super.onStartCommand(intent, flags, startId)
        val flow = WatchEbb.flow(this)
        val notifications = getSystemService(NotificationManager::class.java)
        notifications.createNotificationChannel(
            NotificationChannel(CHANNEL, packageManager.getApplicationLabel(applicationInfo), NotificationManager.IMPORTANCE_LOW),
        )
        val open = PendingIntent.getActivity(this, 0, Intent(this, WearActivity::class.java), PendingIntent.FLAG_IMMUTABLE)
        val heading = flow.model?.heading.orEmpty()
        val builder = androidx.core.app.NotificationCompat.Builder(this, CHANNEL)
            .setSmallIcon(android.R.drawable.ic_media_play)
            .setOngoing(true)
            .setContentIntent(open)
            .setContentText(heading)
            .setVisibility(Notification.VISIBILITY_PRIVATE)
        OngoingActivity.Builder(this, NOTIFICATION_ID, builder)
            .setStaticIcon(android.R.drawable.ic_media_play)
            .setTouchIntent(open)
            .setStatus(Status.Builder().addTemplate(heading).build())
            .build()
            .apply(this)
        startForeground(NOTIFICATION_ID, builder.build(), ServiceInfo.FOREGROUND_SERVICE_TYPE_SPECIAL_USE)
        if (lock == null) {
            lock = getSystemService(PowerManager::class.java)
                .newWakeLock(PowerManager.PARTIAL_WAKE_LOCK, "ebb:guide")
                .apply { acquire(MAX_GUIDE_MS) }
        }
        if (following) return START_NOT_STICKY
        following = true
        lifecycleScope.launch {
            flow.models.collectLatest { model ->
                if (model?.screen != Screen.GUIDE) {
                    stopSelf()
                } else {
                    notifications.notify(NOTIFICATION_ID, builder.setContentText(model.heading).build())
                }
            }
        }
        return START_NOT_STICKY
    }

    override fun onDestroy() {
        lock?.takeIf { it.isHeld }?.release()
        lock = null
        super.onDestroy()
    }

    companion object {
        private const val CHANNEL = "guide"
        private const val NOTIFICATION_ID = 7

        /** The longest a guide keeps the CPU awake, should it never end. */
        private const val MAX_GUIDE_MS = 30 * 60 * 1000L

        fun start(context: Context) =
            context.startForegroundService(Intent(context, GuideService::class.java))
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
