package app.ebb.shell

import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.runBlocking
import org.junit.Assert.assertArrayEquals
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNull
import org.junit.Test

/**
 * The coordinator's round logic over sets of event ids, and one round
 * between two real encrypted stores through the core's sync.
 */
class SyncSessionTest {
    private class SetStore(vararg events: String) : SyncStore {
        val events = events.toSortedSet()
        override fun request(): ByteArray = events.joinToString("\n").toByteArray()
        override suspend fun answer(request: ByteArray): ByteArray {
            val known = String(request).split("\n").toSet()
            return (events - known).joinToString("\n").toByteArray()
        }
        override suspend fun merge(payload: ByteArray): Int {
            val incoming = String(payload).split("\n").filter { it.isNotEmpty() }
            return incoming.count { events.add(it) }
        }
    }

    /** Two sessions joined by in-memory links; runs until both are quiet. */
    private class Link(val watchStore: SyncStore, val phoneStore: SyncStore) {
        val toPhone = Channel<ByteArray>(Channel.UNLIMITED)
        val toWatch = Channel<ByteArray>(Channel.UNLIMITED)
        val watch = SyncSession(watchStore) { toPhone.send(it) }
        val phone = SyncSession(phoneStore) { toWatch.send(it) }
        var messages = 0

        suspend fun drain(): Pair<Int, Int> {
            var addedOnWatch = 0
            var addedOnPhone = 0
            while (true) {
                val forPhone = toPhone.tryReceive().getOrNull()
                if (forPhone != null) {
                    messages++
                    addedOnPhone += phone.receive(forPhone)
                    continue
                }
                val forWatch = toWatch.tryReceive().getOrNull() ?: break
                messages++
                addedOnWatch += watch.receive(forWatch)
            }
            return addedOnWatch to addedOnPhone
        }
    }

    @Test
    fun oneRoundGivesBothDevicesEveryEvent() = runBlocking {
        val watchStore = SetStore("a", "b", "w1")
        val phoneStore = SetStore("a", "b", "p1", "p2")
        val link = Link(watchStore, phoneStore)
        link.watch.begin()
        val (onWatch, onPhone) = link.drain()
        assertEquals(2, onWatch)
        assertEquals(1, onPhone)
        assertEquals(watchStore.events, phoneStore.events)
        // Request, then payload and a request back, then the last payload.
        assertEquals(4, link.messages)
    }

    @Test
    fun aSecondRoundAddsNothing() = runBlocking {
        val link = Link(SetStore("w"), SetStore("p"))
        link.watch.begin()
        link.drain()
        link.phone.begin()
        assertEquals(0 to 0, link.drain())
    }

    @Test
    fun messagesCarryTheCoresBytesUntouchedAndUnknownOnesAreIgnored() = runBlocking {
        val bytes = byteArrayOf(0, 1, -1, 42)
        val decoded = SyncMessage.decode(SyncMessage.Payload(bytes).encode()) as SyncMessage.Payload
        assertArrayEquals(bytes, decoded.bytes)
        assertNull(SyncMessage.decode(byteArrayOf(99, 1, 2)))
        assertNull(SyncMessage.decode(byteArrayOf()))
        val store = SetStore("x")
        assertEquals(0, SyncSession(store) { error("nothing is sent for an unknown message") }.receive(byteArrayOf(99)))
        assertEquals(setOf("x"), store.events)
    }

    @Test
    fun aRoundBetweenTwoRealStoresGivesBothEverySession() = runBlocking {
        TempStore(app.ebb.core.DeviceKind.WATCH).use { watch ->
            TempStore(app.ebb.core.DeviceKind.PHONE).use { phone ->
                fun timer(store: TempStore, source: app.ebb.core.Source, outcome: app.ebb.core.OutcomeChoice) {
                    val ebb = store.companion.ebb
                    ebb.send(store.companion.context(), app.ebb.core.Event.StartUrge(source))
                    ebb.send(store.companion.context(), app.ebb.core.Event.AskOutcome)
                    ebb.send(store.companion.context(), app.ebb.core.Event.EndUrge(outcome))
                }
                timer(watch, app.ebb.core.Source.WATCH, app.ebb.core.OutcomeChoice.PASSED)
                timer(phone, app.ebb.core.Source.PHONE_APP, app.ebb.core.OutcomeChoice.USED_SKILL)

                val link = Link(EbbSyncStore(watch.companion.ebb), EbbSyncStore(phone.companion.ebb))
                link.watch.begin()
                val (onWatch, onPhone) = link.drain()
                assertEquals(2, onWatch) // the phone's start and end
                assertEquals(2, onPhone)
                for (store in listOf(watch, phone)) {
                    val review = store.companion.ebb.send(
                        store.companion.context(), app.ebb.core.Event.OpenProgress(app.ebb.core.Window.WEEK),
                    ).model.detail as app.ebb.core.Detail.Progress
                    assertEquals(2, review.progress.weekly.sumOf { it.urges.toInt() })
                    assertEquals(2, review.progress.weekly.sumOf { it.passedSafely.toInt() })
                }
                // A second round finds nothing new.
                link.watch.begin()
                assertEquals(0 to 0, link.drain())
            }
        }
    }
}
