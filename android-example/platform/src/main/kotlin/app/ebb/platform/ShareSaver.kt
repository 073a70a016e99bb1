package app.ebb.platform

import android.content.Context
import android.content.Intent
import app.ebb.shell.Saver

/**
 * Hands a file to the share sheet: `ACTION_SEND` of [contents] as text of
 * its media type, named by `EXTRA_TITLE`, through the system chooser. The
 * person picks where it goes (a notes app, email, Files); Ebb writes
 * nothing itself, so no FileProvider is needed.
 *
 * The text travels in the intent, which Android limits to about 1 MB per
 * transaction: a log past that needs `ACTION_CREATE_DOCUMENT` instead.
 */
class ShareSaver(context: Context) : Saver {
    private val context = context.applicationContext

    override fun save(fileName: String, mimeType: String, contents: String) {
        val send = Intent(Intent.ACTION_SEND)
            .setType(mimeType)
            .putExtra(Intent.EXTRA_TEXT, contents)
            .putExtra(Intent.EXTRA_TITLE, fileName)
            .putExtra(Intent.EXTRA_SUBJECT, fileName)
        context.startActivity(Intent.createChooser(send, fileName).addFlags(Intent.FLAG_ACTIVITY_NEW_TASK))
    }
}
