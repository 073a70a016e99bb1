package app.ebb.platform

import android.content.Context
import android.os.Build
import android.os.VibrationEffect
import android.os.VibratorManager
import app.ebb.shell.Vibrator

/**
 * The device motor behind the shell's [Vibrator]: the default vibrator of
 * `VibratorManager` from API 31, the `Vibrator` service below it (minSdk
 * 26). The core renders the timings and amplitudes; this only plays them.
 * Needs the `VIBRATE` permission in the app's manifest.
 */
class AndroidVibrator(context: Context) : Vibrator {
    private val motor: android.os.Vibrator = if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.S) {
        context.getSystemService(VibratorManager::class.java).defaultVibrator
    } else {
        // The only way below API 31; deprecated from 31 in favour of the branch above.
        @Suppress("DEPRECATION")
        context.getSystemService(Context.VIBRATOR_SERVICE) as android.os.Vibrator
    }

    override val hasAmplitudeControl: Boolean
        get() = motor.hasAmplitudeControl()

    override fun playWaveform(timingsMs: LongArray, amplitudes: IntArray, repeat: Int) {
        if (motor.hasVibrator()) motor.vibrate(VibrationEffect.createWaveform(timingsMs, amplitudes, repeat))
    }

    override fun playOnOff(timingsMs: LongArray, repeat: Int) {
        if (motor.hasVibrator()) motor.vibrate(VibrationEffect.createWaveform(timingsMs, repeat))
    }

    override fun cancel() = motor.cancel()
}
