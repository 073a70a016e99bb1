package app.ebb.platform

import android.app.Service
import android.content.Context
import android.content.Intent
import android.content.pm.ServiceInfo
import android.os.Build
import android.os.Handler
import android.os.IBinder
import android.os.Looper
import android.os.PowerManager
import app.ebb.core.Detail
import app.ebb.core.Model
import app.ebb.core.Screen
import app.ebb.shell.FlowDriver
import java.time.Duration
import kotlin.coroutines.CoroutineContext
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.Runnable
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.launch

/**
 * What the watch app gives [GuideKeeper]: the flow it runs. The keeper
 * follows its models (`FlowDriver.models`) and reads the time from its
 * clock. The watch's `Application` implements it; the flow's waker should
 * be a [HandlerWaker] on a background looper, whose wakes the keeper's
 * wake lock lets run with the screen off.
 */
interface GuideHost {
    val guideFlow: FlowDriver
}

/**
 * The watch's foreground service while a guide runs: while the flow's
 * model is a guide step (`Screen.GUIDE`) it stays in the foreground with
 * an ongoing notification on the "guide" channel (private; its public
 * version says only "Ebb"), so the process is not frozen between steps.
 * When the model leaves the guide it leaves the foreground, releases its
 * wake lock and stops itself.
 *
 * Wake lock policy: one `PARTIAL_WAKE_LOCK` (not reference counted), held
 * only while the model is a timed step that is running (a step with an
 * end, not paused), because only then does anything happen without the
 * person: the flow's wake at the step's end moves it on. Each hold times
 * out [WAKE_MARGIN] after the step's end and never later than [MAX_HOLD]
 * from now, and is renewed at each step, so a lost wake or a stalled flow
 * cannot keep the CPU up. On a paused or open step (the person moves it
 * on, and their touch wakes the watch) and outside a guide it is released.
 *
 * The watch app starts it with `context.startForegroundService(Intent(context,
 * GuideKeeper::class.java))` when its flow's model becomes a guide step,
 * while the app is in front (Android 12 and later refuse a foreground
 * start from the background). Starting it again is harmless: it follows
 * the flow once. It always enters the foreground when started, as
 * `startForegroundService` requires, and leaves at once if no guide runs.
 *
 * In the watch app's manifest: the service (not exported) with
 * `android:foregroundServiceType="specialUse"` and a
 * `PROPERTY_SPECIAL_USE_FGS_SUBTYPE` property, and the permissions
 * `FOREGROUND_SERVICE`, `FOREGROUND_SERVICE_SPECIAL_USE` and `WAKE_LOCK`.
 */
class GuideKeeper : Service() {
    private val main = Handler(Looper.getMainLooper())
    private val scope = CoroutineScope(SupervisorJob() + MainHandlerDispatcher(main))
    private var following: Job? = null
    private var lastStartId = 0
    private var shownText: String? = null
    private var wakeLock: PowerManager.WakeLock? = null

    /** How many times the keeper follows the flow now: 0 or 1 (for tests). */
    internal var observers = 0
        private set

    override fun onBind(intent: Intent?): IBinder? = null

    override fun onStartCommand(intent: Intent?, flags: Int, startId: Int): Int {
        lastStartId = startId
        val host = application as? GuideHost
        val model = host?.guideFlow?.model
        // startForegroundService requires startForeground on every start,
        // even one that finds the guide already over.
        enterForeground(model?.takeIf { it.screen == Screen.GUIDE }?.heading.orEmpty())
        if (host == null || model?.screen != Screen.GUIDE) {
            leave()
            return START_NOT_STICKY
        }
        follow(model, host.guideFlow)
        if (following == null) {
            val flow = host.guideFlow
            following = scope.launch {
                observers++
                try {
                    flow.models.collect { follow(it, flow) }
                } finally {
                    observers--
                }
            }
        }
        // A killed process has lost its flow: nothing to bring back.
        return START_NOT_STICKY
    }

    override fun onDestroy() {
        releaseWakeLock()
        scope.cancel()
        super.onDestroy()
    }

    /** Shows [model]'s step, holds the wake lock for it, or leaves once the guide is over. */
    private fun follow(model: Model?, flow: FlowDriver) {
        if (model?.screen != Screen.GUIDE) {
            leave()
            return
        }
        if (model.heading != shownText) {
            shownText = model.heading
            getSystemService(android.app.NotificationManager::class.java).notify(NOTIFICATION, notification(model.heading))
        }
        val step = (model.detail as? Detail.Step)?.step
        val endsAt = step?.endsAt
        if (step == null || step.paused || endsAt == null) {
            releaseWakeLock()
            return
        }
        val untilEnd = Duration.between(flow.companion.clock.now(), endsAt).plus(WAKE_MARGIN)
        val hold = untilEnd.coerceIn(WAKE_MARGIN, MAX_HOLD)
        wakeLock().acquire(hold.toMillis())
    }

    private fun enterForeground(text: String) {
        shownText = text
        val notification = notification(text)
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.UPSIDE_DOWN_CAKE) {
            startForeground(NOTIFICATION, notification, ServiceInfo.FOREGROUND_SERVICE_TYPE_SPECIAL_USE)
        } else {
            startForeground(NOTIFICATION, notification)
        }
    }

    private fun leave() {
        following?.cancel()
        following = null
        releaseWakeLock()
        stopForeground(STOP_FOREGROUND_REMOVE)
        // A start newer than the last one seen keeps the service for it.
        stopSelf(lastStartId)
    }

    private fun notification(text: String) =
        PrivateNotices.build(this, Channels.GUIDE, Notice(text, publicText = ""), ongoing = true)

    private fun wakeLock(): PowerManager.WakeLock = wakeLock
        ?: getSystemService(PowerManager::class.java)
            .newWakeLock(PowerManager.PARTIAL_WAKE_LOCK, WAKE_LOCK_TAG)
            .apply { setReferenceCounted(false) }
            .also { wakeLock = it }

    private fun releaseWakeLock() {
        wakeLock?.takeIf { it.isHeld }?.release()
    }

    companion object {
        /** The ongoing notification's id (the timer's is -1, check-ins count up from 1). */
        const val NOTIFICATION = -2

        /** The wake lock's tag, as `dumpsys power` shows it. */
        const val WAKE_LOCK_TAG = "ebb:guide"

        /** How long past a step's end the wake lock is held, for the wake to run. */
        val WAKE_MARGIN: Duration = Duration.ofSeconds(30)

        /** The longest one hold lasts; the next step renews it. */
        val MAX_HOLD: Duration = Duration.ofMinutes(10)

        /** Starts the keeper (see the class comment for when). */
        fun start(context: Context) {
            context.startForegroundService(Intent(context, GuideKeeper::class.java))
        }
    }
}

/** Resumes coroutines on the main thread through [handler]. */
private class MainHandlerDispatcher(private val handler: Handler) : CoroutineDispatcher() {
    override fun dispatch(context: CoroutineContext, block: Runnable) {
        handler.post(block)
    }
}
