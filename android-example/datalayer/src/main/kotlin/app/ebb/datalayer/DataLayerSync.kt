package app.ebb.datalayer

import android.content.Context
import app.ebb.Ebb
import app.ebb.shell.EbbCompanion
import app.ebb.shell.SyncPeer
import app.ebb.shell.SyncSession
import app.ebb.shell.EbbSyncStore
import com.google.android.gms.wearable.MessageEvent
import com.google.android.gms.wearable.Wearable
import com.google.android.gms.wearable.WearableListenerService
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.tasks.await

/** The Data Layer path every sync message travels on. */
const val SYNC_PATH = "/ebb/sync"

/** The core's sync surface (`syncRequest`, `syncAnswer`, `syncMerge`) as the shell's [SyncStore]. */

/**
 * Sends sync messages to every connected node (a phone has at most a few
 * watches; a watch has one phone). MessageClient's limit is about 100 KB:
 * a larger payload goes over a ChannelClient stream instead.
 */
class DataLayerPeer(private val context: Context) : SyncPeer {
    override suspend fun send(message: ByteArray) {
        val nodes = Wearable.getNodeClient(context).connectedNodes.await()
        for (node in nodes) {
            if (message.size <= MESSAGE_LIMIT) {
                Wearable.getMessageClient(context).sendMessage(node.id, SYNC_PATH, message).await()
            } else {
                val channels = Wearable.getChannelClient(context)
                val channel = channels.openChannel(node.id, SYNC_PATH).await()
                channels.getOutputStream(channel).await().use { it.write(message) }
                channels.close(channel).await()
            }
        }
    }

    private companion object {
        const val MESSAGE_LIMIT = 90 * 1024
    }
}

/**
 * Receives sync messages while the app is not in front. Each app declares
 * a subclass in its manifest with an intent filter on [SYNC_PATH] and
 * supplies the open log.
 */
abstract class SyncListenerService : WearableListenerService() {
    /** The log of this process. */
    abstract fun companion(): EbbCompanion

    private fun ebb(): Ebb = companion().ebb

    override fun onMessageReceived(event: MessageEvent) {
        if (event.path != SYNC_PATH) return
        val session = SyncSession(EbbSyncStore(ebb()), DataLayerPeer(this))
        // The service callback runs on a background thread and must finish
        // before it returns.
        runBlocking { session.receive(event.data) }
    }

    override fun onChannelOpened(channel: com.google.android.gms.wearable.ChannelClient.Channel) {
        if (channel.path != SYNC_PATH) return
        val channels = Wearable.getChannelClient(this)
        runBlocking {
            val bytes = channels.getInputStream(channel).await().use { it.readBytes() }
            SyncSession(EbbSyncStore(ebb()), DataLayerPeer(this@SyncListenerService)).receive(bytes)
        }
    }
}
