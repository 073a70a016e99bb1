package app.ebb.platform

import android.content.ActivityNotFoundException
import android.content.Context
import android.content.Intent
import android.net.Uri
import app.ebb.core.Action
import app.ebb.shell.ActionOpener

/**
 * Opens the dialler (`ACTION_DIAL`, never `ACTION_CALL`: the person
 * presses call), messages with the words filled in (`ACTION_SENDTO`
 * smsto: with `sms_body`) or the browser. Returns false when no app
 * handles it (a tablet without telephony, a work profile without a
 * browser), and the shell shows the number instead.
 *
 * It starts the activity and catches `ActivityNotFoundException` rather
 * than asking `resolveActivity` first: from API 30 that answer depends on
 * the manifest's `<queries>`, and a wrong "nothing handles it" would hide
 * a crisis line's dialler.
 */
class IntentOpener(context: Context) : ActionOpener {
    private val context = context.applicationContext

    override fun open(action: Action): Boolean {
        val intent = intentFor(action).addFlags(Intent.FLAG_ACTIVITY_NEW_TASK)
        return try {
            context.startActivity(intent)
            true
        } catch (_: ActivityNotFoundException) {
            false
        }
    }

    companion object {
        /** The intent that opens [action]. */
        fun intentFor(action: Action): Intent = when (action) {
            is Action.Call -> Intent(Intent.ACTION_DIAL, Uri.fromParts("tel", action.number, null))
            is Action.Text -> Intent(Intent.ACTION_SENDTO, Uri.fromParts("smsto", action.number, null))
                .putExtra("sms_body", action.body)
            is Action.OpenUrl -> Intent(Intent.ACTION_VIEW, Uri.parse(action.url))
        }
    }
}
