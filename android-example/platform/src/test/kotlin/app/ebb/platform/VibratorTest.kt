package app.ebb.platform

import android.content.Context
import android.os.Build
import app.ebb.core.Detail
import app.ebb.core.Event
import app.ebb.core.GuideId
import app.ebb.core.RenderedHaptics
import org.junit.After
import org.junit.Assert.assertArrayEquals
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.RuntimeEnvironment
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config
import org.robolectric.shadows.ShadowVibrator

@RunWith(RobolectricTestRunner::class)
@Config(sdk = [26, 31, 36], manifest = Config.NONE, application = TestApp::class)
class VibratorTest {
    private val app = RuntimeEnvironment.getApplication() as TestApp

    // The shadow's state is shared by every Vibrator instance, so the
    // legacy service shows what the VibratorManager's default one played.
    @Suppress("DEPRECATION")
    private val motor get() = shadowOf(app.getSystemService(Context.VIBRATOR_SERVICE) as android.os.Vibrator)

    @After
    fun closeStore() {
        app.store?.close()
    }

    /**
     * The timings and amplitudes (0-255, or -1 for the motor's default) of
     * what was played, where Robolectric keeps them: the effect's segments,
     * recorded from API 31 on. Below that it keeps the timings only.
     */
    private fun playedSegments(): List<Pair<Long, Int>>? {
        if (Build.VERSION.SDK_INT < 31) return null
        val field = ShadowVibrator::class.java.getDeclaredField("vibrationEffectSegments").apply { isAccessible = true }
        return (field.get(null) as List<*>).map { segment ->
            val duration = segment!!.javaClass.getMethod("getDuration").invoke(segment) as Long
            val amplitude = segment.javaClass.getMethod("getAmplitude").invoke(segment) as Float
            duration to if (amplitude < 0) -1 else Math.round(amplitude * 255)
        }
    }

    private fun breathingStep(amplitudeControl: Boolean): RenderedHaptics.Android {
        motor.setHasAmplitudeControl(amplitudeControl)
        val store = app.openStore()
        val model = store.flow.send(Event.StartGuide(GuideId.BREATHING, null))
        return (model.detail as Detail.Step).step.haptics as RenderedHaptics.Android
    }

    @Test
    fun aBreathingGuidePlaysTheCoresWaveformWithAmplitudeControl() {
        val haptics = breathingStep(amplitudeControl = true)
        assertTrue(AndroidVibrator(app).hasAmplitudeControl)
        assertTrue(motor.isVibrating)
        assertArrayEquals(haptics.waveform.timingsMs.toLongArray(), motor.pattern)
        assertEquals(haptics.waveform.repeat, motor.repeat)
        playedSegments()?.let { played ->
            assertEquals(haptics.waveform.timingsMs.zip(haptics.waveform.amplitudes), played)
        }
    }

    @Test
    fun withoutAmplitudeControlItPlaysTheOnOffFallback() {
        val haptics = breathingStep(amplitudeControl = false)
        assertFalse(AndroidVibrator(app).hasAmplitudeControl)
        assertTrue(motor.isVibrating)
        assertArrayEquals(haptics.onOff.timingsMs.toLongArray(), motor.pattern)
        assertEquals(haptics.onOff.repeat, motor.repeat)
        // Off, then on at the motor's one strength, alternating.
        playedSegments()?.let { played ->
            assertEquals(haptics.onOff.timingsMs.mapIndexed { i, ms -> ms to if (i % 2 == 0) 0 else -1 }, played)
        }
    }

    @Test
    fun pausingTheFlowStopsTheMotor() {
        breathingStep(amplitudeControl = true)
        app.store!!.flow.pause()
        assertFalse(motor.isVibrating)
        assertTrue(motor.isCancelled)
    }

    @Test
    fun aDeviceWithoutAMotorIsLeftAlone() {
        motor.setHasVibrator(false)
        AndroidVibrator(app).playWaveform(longArrayOf(0, 100), intArrayOf(0, 255), -1)
        assertFalse(motor.isVibrating)
    }
}
