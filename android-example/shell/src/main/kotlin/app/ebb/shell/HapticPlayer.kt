package app.ebb.shell

import app.ebb.HapticsView

/**
 * Plays the core's haptics on the device motor: the amplitude waveform
 * where the motor has amplitude control, otherwise the core's on/off
 * fallback. Renderings for Apple devices are not for this motor and play
 * nothing.
 */
class HapticPlayer(private val vibrator: Vibrator) {
    /** Whether to vibrate at all (a person can turn haptics off). */
    @Volatile
    var enabled: Boolean = true

    /** Plays [haptics], replacing whatever plays. */
    fun play(haptics: HapticsView) {
        if (!enabled) return
        when (haptics) {
            is HapticsView.Android ->
                if (vibrator.hasAmplitudeControl) {
                    vibrator.playWaveform(
                        haptics.waveform.timingsMs.toLongArray(),
                        haptics.waveform.amplitudes.toIntArray(),
                        haptics.waveform.repeat,
                    )
                } else {
                    vibrator.playOnOff(haptics.onOff.timingsMs.toLongArray(), haptics.onOff.repeat)
                }
            HapticsView.Nothing, is HapticsView.Ahap, is HapticsView.WatchTaps -> Unit
        }
    }

    /** Stops the motor. */
    fun stop() = vibrator.cancel()
}
