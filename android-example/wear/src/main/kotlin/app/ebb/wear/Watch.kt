package app.ebb.wear

import android.app.NotificationChannel
import android.app.NotificationManager
import android.app.PendingIntent
import android.content.Context
import android.content.Intent
import android.content.pm.ServiceInfo
import android.os.VibrationEffect
import android.os.VibratorManager
import androidx.lifecycle.LifecycleService
import androidx.lifecycle.lifecycleScope
import androidx.wear.ongoing.OngoingActivity
import androidx.wear.ongoing.Status
import app.ebb.BreathingChoice
import app.ebb.core.DeviceKind
import app.ebb.core.GuideId
import app.ebb.core.Platform
import app.ebb.datalayer.DataLayerPeer
import app.ebb.shell.EbbSyncStore
import app.ebb.datalayer.KeystoreVault
import app.ebb.datalayer.SyncListenerService
import app.ebb.shell.CrisisAccess
import app.ebb.shell.EbbCompanion
import app.ebb.shell.GuidePlayer
import app.ebb.shell.GuideState
import app.ebb.shell.HapticPlayer
import app.ebb.shell.KeyVault
import app.ebb.shell.SyncSession
import app.ebb.shell.Vibrator
import java.io.File
import kotlinx.coroutines.flow.collectLatest
import kotlinx.coroutines.launch

/** The watch's log, opened once per process (the key sealed as on the phone). */
object WatchEbb {
    @Volatile private var opened: EbbCompanion? = null

    fun get(context: Context): EbbCompanion = opened ?: synchronized(this) {
        opened ?: EbbCompanion.open(
            File(context.noBackupFilesDir, "ebb.db"),
            vault(context),
            DeviceKind.WATCH,
        ).also { opened = it }
    }

    private fun vault(context: Context): KeyVault = KeystoreVault(context)
}

/** The watch motor: the core's waveform, or its on/off fallback. */
class WatchVibrator(context: Context) : Vibrator {
    private val motor = (context.getSystemService(Context.VIBRATOR_MANAGER_SERVICE) as VibratorManager).defaultVibrator
    override val hasAmplitudeControl: Boolean get() = motor.hasAmplitudeControl()
    override fun playWaveform(timingsMs: LongArray, amplitudes: IntArray, repeat: Int) =
        motor.vibrate(VibrationEffect.createWaveform(timingsMs, amplitudes, repeat))
    override fun playOnOff(timingsMs: LongArray, repeat: Int) = motor.vibrate(VibrationEffect.createWaveform(timingsMs, repeat))
    override fun cancel() = motor.cancel()
}

/**
 * Plays a breathing pacer or the hold-ice prompt as a foreground service
 * with an OngoingActivity, so the haptics continue with the screen off and
 * the watch face shows a way back. The step words become the status text.
 */
class GuideService : LifecycleService() {
    lateinit var player: GuidePlayer

    override fun onCreate() {
        super.onCreate()
        val ebb = WatchEbb.get(this)
        player = GuidePlayer(ebb, HapticPlayer(WatchVibrator(this)), Platform.WEAR_OS, CrisisAccess(ebb) { }, lifecycleScope)
        Companion.running = this
    }

    override fun onStartCommand(intent: Intent?, flags: Int, startId: Int): Int {
        super.onStartCommand(intent, flags, startId)
        val notifications = getSystemService(NotificationManager::class.java)
        notifications.createNotificationChannel(NotificationChannel(CHANNEL, packageManager.getApplicationLabel(applicationInfo), NotificationManager.IMPORTANCE_LOW))
        val open = PendingIntent.getActivity(this, 0, Intent(this, WearActivity::class.java), PendingIntent.FLAG_IMMUTABLE)
        val compat = androidx.core.app.NotificationCompat.Builder(this, CHANNEL)
            .setSmallIcon(android.R.drawable.ic_media_play).setOngoing(true).setContentIntent(open)
        lifecycleScope.launch {
            val guide = intent?.getStringExtra(EXTRA_GUIDE)
            if (guide == GuideId.HOLD_ICE.name) player.choose(GuideId.HOLD_ICE) else player.chooseBreathing(BreathingChoice.Gentle, 2)
            val title = (player.ui.value as GuideState.Intro).guide.title
            OngoingActivity.Builder(this@GuideService, NOTIFICATION_ID, compat)
                .setStaticIcon(android.R.drawable.ic_media_play)
                .setTouchIntent(open)
                .setStatus(Status.Builder().addTemplate(title).build())
                .build()
                .apply(this@GuideService)
            startForeground(NOTIFICATION_ID, compat.setContentText(title).build(), ServiceInfo.FOREGROUND_SERVICE_TYPE_SPECIAL_USE)
            player.begin()
            player.ui.collectLatest { state ->
                when (state) {
                    is GuideState.Playing -> notifications.notify(NOTIFICATION_ID, compat.setContentText(state.step.text).build())
                    is GuideState.Finished -> stopSelf()
                    else -> Unit
                }
            }
        }
        return START_NOT_STICKY
    }

    override fun onDestroy() {
        player.stop()
        Companion.running = null
        super.onDestroy()
    }

    companion object {
        const val EXTRA_GUIDE = "guide"
        private const val CHANNEL = "guide"
        private const val NOTIFICATION_ID = 7
        @Volatile var running: GuideService? = null

        fun start(context: Context, guide: GuideId) =
            context.startForegroundService(Intent(context, GuideService::class.java).putExtra(EXTRA_GUIDE, guide.name))
    }
}

/** Answers the phone's sync messages with this watch's log; starts a round when the app opens. */
class WatchSyncService : SyncListenerService() {
    override fun companion(): EbbCompanion = WatchEbb.get(this)

    companion object {
        suspend fun syncNow(context: Context) =
            SyncSession(EbbSyncStore(WatchEbb.get(context).bindings), DataLayerPeer(context)).begin()
    }
}
