package app.ebb.platform

import android.view.View
import app.ebb.shell.Announcer

/**
 * Speaks the core's announcements through TalkBack from [view]. Posted to
 * the view's thread, since the flow runs off the main thread.
 */
class ViewAnnouncer(private val view: View) : Announcer {
    override fun announce(text: String) {
        view.post {
            // Deprecated in API 36 in favour of live regions and pane
            // titles, which announce a view's own change; the core's
            // announcements (a step changed, a timer ended) are words with
            // no view of their own, which this call is still the way to say.
            @Suppress("DEPRECATION")
            view.announceForAccessibility(text)
        }
    }
}
