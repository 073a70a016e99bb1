package app.ebb.platform

import android.Manifest
import android.app.Activity
import android.content.pm.PackageManager
import android.os.Build
import app.ebb.shell.NotificationPermission

/**
 * Asks for `POST_NOTIFICATIONS` from [activity] on Android 13 (API 33)
 * and later, when the flow reaches the moment the person learns why
 * (FlowDriver decides when). Below 33 notifications need no request, and
 * once granted nothing is asked again. The answer arrives in the
 * activity's `onRequestPermissionsResult`; nothing depends on it, since a
 * check-in that cannot be posted is simply not shown.
 */
class ActivityNotificationPermission(
    private val activity: Activity,
    private val requestCode: Int = REQUEST_CODE,
) : NotificationPermission {
    override fun ask() {
        if (Build.VERSION.SDK_INT < Build.VERSION_CODES.TIRAMISU) return
        if (activity.checkSelfPermission(Manifest.permission.POST_NOTIFICATIONS) == PackageManager.PERMISSION_GRANTED) return
        // The flow runs off the main thread; the request must not.
        activity.runOnUiThread {
            activity.requestPermissions(arrayOf(Manifest.permission.POST_NOTIFICATIONS), requestCode)
        }
    }

    companion object {
        /** The request code used unless the app gives its own. */
        const val REQUEST_CODE = 0xEBB
    }
}
