package app.ebb.shell

import app.ebb.core.Action
import java.time.Instant
import java.time.ZoneId

// What the platform does for the shell. Each interface is one seam: the
// Android app and the watch implement them with the OS, tests record them.

/** Where the shell reads the time. The core never reads a clock. */
interface Clock {
    /** The current instant. */
    fun now(): Instant

    /** The local UTC offset at [at] in seconds, recorded with every entry. */
    fun utcOffsetSecs(at: Instant): Int

    companion object {
        /** The device's wall clock and time zone. */
        val System: Clock = object : Clock {
            override fun now(): Instant = Instant.now()
            override fun utcOffsetSecs(at: Instant): Int =
                ZoneId.systemDefault().rules.getOffset(at).totalSeconds
        }
    }
}

/**
 * The vibration motor. On Android: `VibrationEffect.createWaveform` for
 * [playWaveform] and its amplitude-less overload for [playOnOff].
 */
interface Vibrator {
    /** Whether the motor can vary its strength. */
    val hasAmplitudeControl: Boolean

    /** Plays a waveform: alternating off/on timings with an amplitude each. */
    fun playWaveform(timingsMs: LongArray, amplitudes: IntArray, repeat: Int)

    /** Plays alternating off/on timings at the motor's one strength. */
    fun playOnOff(timingsMs: LongArray, repeat: Int)

    /** Stops whatever plays. */
    fun cancel()
}

/** One notification to post at a given instant, even with the app closed. */
data class PlannedNotification(
    /** Stable id: scheduling the same id again replaces it. */
    val id: Int,
    /** When to post it. */
    val at: Instant,
    /** The words, from the core. */
    val text: String,
    /** Whether tapping it should open the check-in (an intensity question). */
    val asksIntensity: Boolean,
)

/**
 * The OS scheduler for notifications. On Android: exact alarms whose
 * receiver posts the notification and asks the core what is due.
 */
interface NotificationScheduler {
    /** Posts [notification] at its instant, replacing one with the same id. */
    fun schedule(notification: PlannedNotification)

    /** Cancels the notification with [id], if one is pending. */
    fun cancel(id: Int)
}

/**
 * Where the database key is kept, sealed. On Android: the 32 bytes
 * encrypted with an Android Keystore AES-GCM key, in the no-backup files
 * directory.
 */
interface KeyVault {
    /**
     * The key, or `null` if none was ever stored. Throws if a key is stored
     * but cannot be unsealed: a new key must never replace it silently.
     */
    fun read(): ByteArray?

    /** Stores [key], sealed. */
    fun write(key: ByteArray)
}

/**
 * Opens the dialler, messages or a page for an action the person chose.
 * Ebb never calls or sends anything itself: the person presses call or send.
 */
fun interface ActionOpener {
    /** Opens [action] in the platform's app for it. */
    fun open(action: Action)
}
