package app.ebb.platform

import android.os.Handler
import android.os.Looper
import android.view.View
import app.ebb.shell.Announcer

/**
 * Speaks the core's announcements through TalkBack from [view]. Posted to
 * the main thread, since the flow runs off it (a main-looper Handler
 * rather than `View.post`, which holds the words until the view is
 * attached).
 */
class ViewAnnouncer(private val view: View) : Announcer {
    private val main = Handler(Looper.getMainLooper())

    override fun announce(text: String) {
        main.post {
            // Deprecated in API 36 in favour of live regions and pane
            // titles, which announce a view's own change; the core's
            // announcements (a step changed, a timer ended) are words with
            // no view of their own, which this call is still the way to say.
            @Suppress("DEPRECATION")
            view.announceForAccessibility(text)
        }
    }
}
