package app.ebb.shell

import app.ebb.Ebb
import app.ebb.core.Context
import app.ebb.core.DeviceKind
import app.ebb.core.Platform
import java.io.File
import java.security.SecureRandom

/**
 * Ebb for one app or watch process: the encrypted log opened with the key
 * from the platform's vault, and what every event's context needs (the
 * clock, the device, how it plays haptics, the person's language). Close
 * it (or `use {}` it) when the process no longer needs it.
 */
class EbbCompanion private constructor(
    /** The generated object: `send` for the flow, the sync calls for the Data Layer. */
    val ebb: Ebb,
    /** The clock every event is stamped with. */
    val clock: Clock,
    /** How this device plays haptics; `null` where it plays none (the widget). */
    val haptics: Platform?,
    /** The person's language (BCP 47), read on every event. */
    private val locale: () -> String,
) : AutoCloseable {

    companion object {
        /**
         * Opens (or creates) the log at [file]. The key comes from [vault]; a
         * first run creates it. Throws [KeyUnavailableException] when the
         * file exists but no key does, and `EbbException.WrongKey` when the
         * key does not open the file: neither case creates anything.
         */
        fun open(
            file: File,
            vault: KeyVault,
            device: DeviceKind,
            haptics: Platform?,
            clock: Clock = Clock.System,
            locale: () -> String = { java.util.Locale.getDefault().toLanguageTag() },
            random: SecureRandom = SecureRandom(),
        ): EbbCompanion {
            val key = DatabaseKey.obtain(vault, file.exists(), random)
            try {
                return EbbCompanion(Ebb.open(file.path, key, device, false), clock, haptics, locale)
            } finally {
                key.fill(0)
            }
        }
    }

    @Volatile
    private var closed = false

    /** Whether [close] has not been called yet. */
    val isOpen: Boolean get() = !closed

    /** The device this log was opened for. */
    val device: DeviceKind get() = ebb.device()

    /** The context of an event happening now. */
    fun context(): Context {
        val now = clock.now()
        return Context(now, clock.utcOffsetSecs(now), device, haptics, locale())
    }

    override fun close() {
        if (!closed) {
            closed = true
            ebb.close()
        }
    }
}
