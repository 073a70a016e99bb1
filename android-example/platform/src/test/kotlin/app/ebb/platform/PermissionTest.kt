package app.ebb.platform

import android.Manifest
import android.app.Activity
import android.os.Build
import org.junit.Assert.assertArrayEquals
import org.junit.Assert.assertNull
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import org.robolectric.RuntimeEnvironment
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config

@RunWith(RobolectricTestRunner::class)
@Config(sdk = [26, 31, 36], manifest = Config.NONE, application = TestApp::class)
class PermissionTest {
    private val activity: Activity = Robolectric.buildActivity(Activity::class.java).setup().get()

    @Test
    fun notificationsAreAskedForFromAndroid13Only() {
        ActivityNotificationPermission(activity).ask()
        val asked = shadowOf(activity).lastRequestedPermission
        if (Build.VERSION.SDK_INT >= 33) {
            assertArrayEquals(arrayOf(Manifest.permission.POST_NOTIFICATIONS), asked.requestedPermissions)
        } else {
            assertNull(asked)
        }
    }

    @Test
    fun nothingIsAskedOnceGranted() {
        shadowOf(RuntimeEnvironment.getApplication()).grantPermissions(Manifest.permission.POST_NOTIFICATIONS)
        ActivityNotificationPermission(activity).ask()
        assertNull(shadowOf(activity).lastRequestedPermission)
    }
}
