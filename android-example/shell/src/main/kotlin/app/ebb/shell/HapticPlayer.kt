package app.ebb.shell

import app.ebb.core.RenderedHaptics

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
    fun play(haptics: RenderedHaptics) {
        if (!enabled) return
        when (haptics) {
            is RenderedHaptics.Android ->
                if (vibrator.hasAmplitudeControl) {
                    vibrator.playWaveform(
                        haptics.waveform.timingsMs.toLongArray(),
                        haptics.waveform.amplitudes.toIntArray(),
                        haptics.waveform.repeat,
                    )
                } else {
                    vibrator.playOnOff(haptics.onOff.timingsMs.toLongArray(), haptics.onOff.repeat)
                }
            RenderedHaptics.Nothing, is RenderedHaptics.Ahap, is RenderedHaptics.WatchTaps -> Unit
        }
    }

    /** Stops the motor. */
    fun stop() = vibrator.cancel()
}
