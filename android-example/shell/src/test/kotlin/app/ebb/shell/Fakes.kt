package app.ebb.shell

import app.ebb.core.DeviceKind
import app.ebb.core.Action
import java.io.File
import java.nio.file.Files
import java.time.Duration
import java.time.Instant
import app.ebb.core.Platform
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.withTimeout

// Recording implementations of the platform seams, and a real store in a
// temporary directory. Nothing here stands in for the core.

class MemoryVault(var key: ByteArray? = null) : KeyVault {
    var writes = 0
    override fun read(): ByteArray? = key?.copyOf()
    override fun write(key: ByteArray) {
        writes++
        this.key = key.copyOf()
    }
}

/** The real clock, shifted by [offset] (to start a session in the past). */
class ShiftedClock(var offset: Duration = Duration.ZERO) : Clock {
    override fun now(): Instant = Instant.now().plus(offset)
    override fun utcOffsetSecs(at: Instant): Int = 3600
}

class RecordingVibrator(override val hasAmplitudeControl: Boolean) : Vibrator {
    sealed interface Call
    data class Waveform(val timings: List<Long>, val amplitudes: List<Int>, val repeat: Int) : Call
    data class OnOff(val timings: List<Long>, val repeat: Int) : Call
    data object Cancel : Call

    val calls = java.util.Collections.synchronizedList(mutableListOf<Call>())
    override fun playWaveform(timingsMs: LongArray, amplitudes: IntArray, repeat: Int) {
        calls += Waveform(timingsMs.toList(), amplitudes.toList(), repeat)
    }
    override fun playOnOff(timingsMs: LongArray, repeat: Int) {
        calls += OnOff(timingsMs.toList(), repeat)
    }
    override fun cancel() {
        calls += Cancel
    }
}

class RecordingReminders : Reminders {
    val scheduled = java.util.Collections.synchronizedList(mutableListOf<List<app.ebb.core.Reminder>>())
    override fun replaceAll(reminders: List<app.ebb.core.Reminder>) {
        scheduled += reminders
    }
}

class RecordingOpener(var canOpen: Boolean = true) : ActionOpener {
    val opened = mutableListOf<Action>()
    override fun open(action: Action): Boolean {
        opened += action
        return canOpen
    }
}

/** A waker the test fires by hand, as if the instant had come. */
class ManualWaker : Waker {
    var at: Instant? = null
    private var wake: (() -> Unit)? = null
    override fun wakeAt(at: Instant?, wake: () -> Unit) {
        this.at = at
        this.wake = if (at == null) null else wake
    }
    fun fire() {
        val w = wake ?: error("no wake is set")
        wake = null
        w()
    }
}

/** Every seam recorded. */
class Recorded(hasAmplitudeControl: Boolean = true) {
    val vibrator = RecordingVibrator(hasAmplitudeControl)
    val reminders = RecordingReminders()
    val opener = RecordingOpener()
    val announced = mutableListOf<String>()
    var permissionAsked = 0
    val saved = mutableListOf<Triple<String, String, String>>()
    val waker = ManualWaker()
    val shell = Shell(
        haptics = HapticPlayer(vibrator),
        reminders = reminders,
        opener = opener,
        announcer = { announced += it },
        permission = { permissionAsked++ },
        saver = { name, mime, contents -> saved += Triple(name, mime, contents) },
        waker = waker,
    )
}

/** A fresh directory with an encrypted store opened in it. */
class TempStore(device: DeviceKind = DeviceKind.PHONE) : AutoCloseable {
    val dir: File = Files.createTempDirectory("ebb-shell").toFile()
    val file = File(dir, "ebb.db")
    val vault = MemoryVault()
    val clock = ShiftedClock()
    val companion: EbbCompanion = open(device)

    fun open(device: DeviceKind = DeviceKind.PHONE): EbbCompanion =
        EbbCompanion.open(
            file, vault, device,
            haptics = if (device == DeviceKind.WATCH) Platform.WEAR_OS else Platform.ANDROID_PHONE,
            clock = clock,
            locale = { "en-GB" },
        )

    override fun close() {
        companion.close()
        dir.deleteRecursively()
    }
}

suspend fun <T> StateFlow<T>.awaitMatching(timeoutMs: Long = 10_000, predicate: (T) -> Boolean): T =
    withTimeout(timeoutMs) { first(predicate) }
