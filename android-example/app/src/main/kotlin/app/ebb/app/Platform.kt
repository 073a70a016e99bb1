package app.ebb.app

import android.app.AlarmManager
import android.app.PendingIntent
import android.content.Context
import android.content.Intent
import android.net.Uri
import android.os.VibrationEffect
import android.os.VibratorManager
import app.ebb.core.Action
import app.ebb.shell.ActionOpener
import app.ebb.shell.NotificationScheduler
import app.ebb.shell.PlannedNotification
import app.ebb.shell.Vibrator

// The shell's platform seams, implemented with Android. Everything they
// carry (timings, words, when) comes from the core.

/** The motor, with the core's waveform or its on/off fallback. */
class AndroidVibrator(context: Context) : Vibrator {
    private val motor = (context.getSystemService(Context.VIBRATOR_MANAGER_SERVICE) as VibratorManager).defaultVibrator
    override val hasAmplitudeControl: Boolean get() = motor.hasAmplitudeControl()
    override fun playWaveform(timingsMs: LongArray, amplitudes: IntArray, repeat: Int) =
        motor.vibrate(VibrationEffect.createWaveform(timingsMs, amplitudes, repeat))
    override fun playOnOff(timingsMs: LongArray, repeat: Int) =
        motor.vibrate(VibrationEffect.createWaveform(timingsMs, repeat))
    override fun cancel() = motor.cancel()
}

/**
 * Exact alarms for the core's schedule; [CueAlarmReceiver] posts each one
 * and asks the core what is due. Without the exact-alarm permission the
 * alarm is inexact (a check-in may come a little late, never lost).
 */
class AlarmScheduler(private val context: Context) : NotificationScheduler {
    private val alarms = context.getSystemService(AlarmManager::class.java)

    override fun schedule(notification: PlannedNotification) {
        val pending = intent(notification.id, notification)
        val at = notification.at.toEpochMilli()
        if (alarms.canScheduleExactAlarms()) {
            alarms.setExactAndAllowWhileIdle(AlarmManager.RTC_WAKEUP, at, pending)
        } else {
            alarms.setAndAllowWhileIdle(AlarmManager.RTC_WAKEUP, at, pending)
        }
    }

    override fun cancel(id: Int) = alarms.cancel(intent(id, null))

    private fun intent(id: Int, notification: PlannedNotification?): PendingIntent {
        val intent = Intent(context, CueAlarmReceiver::class.java).apply {
            notification?.let {
                putExtra(CueAlarmReceiver.EXTRA_TEXT, it.text)
                putExtra(CueAlarmReceiver.EXTRA_ASKS, it.asksIntensity)
            }
        }
        return PendingIntent.getBroadcast(context, id, intent, PendingIntent.FLAG_UPDATE_CURRENT or PendingIntent.FLAG_IMMUTABLE)
    }
}

/** Opens the dialler, messages or a page; the person presses call or send. */
class IntentOpener(private val context: Context) : ActionOpener {
    override fun open(action: Action) {
        val intent = when (action) {
            is Action.Call -> Intent(Intent.ACTION_DIAL, Uri.parse("tel:${action.number}"))
            is Action.Text -> Intent(Intent.ACTION_SENDTO, Uri.parse("smsto:${action.number}")).putExtra("sms_body", action.body)
            is Action.OpenUrl -> Intent(Intent.ACTION_VIEW, Uri.parse(action.url))
        }
        context.startActivity(intent.addFlags(Intent.FLAG_ACTIVITY_NEW_TASK))
    }
}
