package app.ebb.shell

/**
 * The store's side of device sync: what this device has, the events the
 * other lacks, and merging what arrives. On Android it calls the core's
 * `syncRequest`, `syncAnswer` and `syncMerge`.
 */
interface SyncStore {
    /** What this device already has, to send to the other device. */
    fun request(): ByteArray

    /** The events the asker lacks, as a payload. */
    suspend fun answer(request: ByteArray): ByteArray

    /** Merges a payload; returns how many events were new here. */
    suspend fun merge(payload: ByteArray): Int
}

/** [SyncStore] over the core: the three calls, bytes in and bytes out. */
class EbbSyncStore(private val ebb: app.ebb.Ebb) : SyncStore {
    override fun request(): ByteArray = ebb.syncRequest()
    override suspend fun answer(request: ByteArray): ByteArray = ebb.syncAnswer(request)
    override suspend fun merge(payload: ByteArray): Int = ebb.syncMerge(payload).added.toInt()
}

/** The link to the other device (watch or phone). On Android: the Wearable Data Layer. */
fun interface SyncPeer {
    /** Sends [message] to the other device. */
    suspend fun send(message: ByteArray)
}

/** A sync message as it travels: one tag byte, then the core's bytes untouched. */
sealed class SyncMessage(val bytes: ByteArray) {
    /** "This is what I have"; [askBack] asks the receiver for its own request in return. */
    class Request(bytes: ByteArray, val askBack: Boolean) : SyncMessage(bytes)

    /** Events the receiver lacks. */
    class Payload(bytes: ByteArray) : SyncMessage(bytes)

    /** The message as sent. */
    fun encode(): ByteArray = byteArrayOf(tag()) + bytes

    private fun tag(): Byte = when (this) {
        is Request -> if (askBack) ASK_BACK else REQUEST
        is Payload -> PAYLOAD
    }

    companion object {
        private const val REQUEST: Byte = 1
        private const val ASK_BACK: Byte = 2
        private const val PAYLOAD: Byte = 3

        /** Reads a message; `null` for one this version does not know (ignored, nothing changes). */
        fun decode(message: ByteArray): SyncMessage? {
            if (message.isEmpty()) return null
            val body = message.copyOfRange(1, message.size)
            return when (message[0]) {
                REQUEST -> Request(body, askBack = false)
                ASK_BACK -> Request(body, askBack = true)
                PAYLOAD -> Payload(body)
                else -> null
            }
        }
    }
}

/**
 * One device's half of a sync round. [begin] sends this device's request;
 * the other side answers with the events it lacks and asks back with its
 * own request, which this side answers in turn. Each message is handled on
 * its own, so a lost message ends the round early and the next round
 * (started on the next connection or change) catches up: merging is
 * idempotent in the core.
 */
class SyncSession(private val store: SyncStore, private val peer: SyncPeer) {
    /** Starts a round from this device. */
    suspend fun begin() {
        peer.send(SyncMessage.Request(store.request(), askBack = true).encode())
    }

    /** Handles a message from the other device; returns events new to this device. */
    suspend fun receive(message: ByteArray): Int = when (val m = SyncMessage.decode(message)) {
        is SyncMessage.Request -> {
            peer.send(SyncMessage.Payload(store.answer(m.bytes)).encode())
            if (m.askBack) peer.send(SyncMessage.Request(store.request(), askBack = false).encode())
            0
        }
        is SyncMessage.Payload -> store.merge(m.bytes)
        null -> 0
    }
}
