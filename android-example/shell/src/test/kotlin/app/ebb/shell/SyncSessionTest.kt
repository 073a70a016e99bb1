package app.ebb.shell

import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.runBlocking
import org.junit.Assert.assertArrayEquals
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNull
import org.junit.Test

/**
 * The coordinator's round logic only. The two stores are sets of event ids
 * with the agreed request/answer/merge shape; the core's own sync (and its
 * payload format) is tested in the core.
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
}
