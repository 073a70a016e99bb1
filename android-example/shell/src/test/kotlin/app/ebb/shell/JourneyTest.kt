package app.ebb.shell

import app.ebb.core.DeviceKind
import app.ebb.core.Platform
import app.ebb.journey.JOURNEY_START
import app.ebb.journey.compareWithGolden
import app.ebb.journey.journey
import java.io.File
import java.nio.file.Files
import java.time.Instant
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNotEquals
import org.junit.Test

/**
 * The journey every shell replays, sent as the Android app sends it:
 * through [FlowDriver], stamped by the companion's clock, effects carried
 * out by recorded seams. The models it publishes match the Rust suite's
 * golden transcript, model for model.
 */
class JourneyTest {
    /** A clock the test moves; UTC, as the Rust journey is. */
    private class ManualClock(var now: Instant) : Clock {
        override fun now(): Instant = now
        override fun utcOffsetSecs(at: Instant): Int = 0
    }

    private fun replay(check: (FlowDriver, app.ebb.core.Model) -> Unit = { _, _ -> }): List<app.ebb.core.Model> {
        val dir = Files.createTempDirectory("ebb-journey").toFile()
        val clock = ManualClock(JOURNEY_START)
        try {
            EbbCompanion.open(
                File(dir, "ebb.db"), MemoryVault(), DeviceKind.PHONE, Platform.ANDROID_PHONE,
                clock = clock, locale = { "en-GB" },
            ).use { companion ->
                val flow = FlowDriver(companion, Recorded().shell)
                return journey(
                    send = { e -> flow.send(e).also { check(flow, it) } },
                    wait = { seconds -> clock.now = clock.now.plusSeconds(seconds) },
                )
            }
        } finally {
            dir.deleteRecursively()
        }
    }

    @Test
    fun theJourneyThroughTheDriverGivesTheRustTranscript() {
        compareWithGolden(replay())
    }

    @Test
    fun eachModelSentIsTheOnePublished() {
        val models = replay { flow, model -> assertEquals(model, flow.models.value) }
        assertNotEquals(0, models.size)
    }
}
