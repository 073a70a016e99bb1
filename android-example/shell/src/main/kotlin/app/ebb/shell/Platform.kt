package app.ebb.shell

import app.ebb.core.Action
import app.ebb.core.Reminder
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

/**
 * The OS scheduler for the core's reminders (check-ins while the app may be
 * suspended). On Android: alarms whose receiver posts each notification
 * privately, with the reminder's `publicText` as the public version.
 */
interface Reminders {
    /** Replaces every pending reminder with [reminders] (empty: cancel all). */
    fun replaceAll(reminders: List<Reminder>)
}

/** Speaks [text] to a screen reader (TalkBack's announcement on Android). */
fun interface Announcer {
    fun announce(text: String)
}

/**
 * Asks the OS for permission to post notifications, once, at the moment the
 * person learns why (starting a timer, choosing check-ins). On Android 13+
 * the POST_NOTIFICATIONS request; a no-op where the OS does not ask.
 */
fun interface NotificationPermission {
    fun ask()
}

/**
 * Hands a file to the person: a copy of everything they keep (the share
 * sheet on Android, `ACTION_CREATE_DOCUMENT` or `ACTION_SEND` with a
 * FileProvider URI). Ebb never writes it anywhere the person did not choose.
 */
fun interface Saver {
    fun save(fileName: String, mimeType: String, contents: String)
}

/**
 * Wakes the flow at an instant while the screen is up (a Handler on
 * Android). Each call replaces the last; `null` cancels. While the app is in
 * the background the core's reminders, scheduled through [Reminders], take
 * over.
 */
fun interface Waker {
    fun wakeAt(at: Instant?, wake: () -> Unit)
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
    /**
     * Opens [action] in the platform's app for it. Returns false when no app
     * can (no dialler, no messages): the shell then shows the number itself.
     */
    fun open(action: Action): Boolean
}
