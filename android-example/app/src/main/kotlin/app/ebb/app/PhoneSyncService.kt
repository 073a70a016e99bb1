package app.ebb.app

import app.ebb.datalayer.SyncListenerService
import app.ebb.shell.EbbCompanion

/** Answers the watch's sync messages with this phone's log. */
class PhoneSyncService : SyncListenerService() {
    override fun companion(): EbbCompanion = (application as EbbApp).companion
}
