package app.ebb.platform

import app.ebb.core.DeviceKind
import app.ebb.shell.DatabaseKey
import java.io.File
import javax.crypto.AEADBadTagException
import org.junit.Assert.assertArrayEquals
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNull
import org.junit.Assert.assertThrows
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.RuntimeEnvironment
import org.robolectric.annotation.Config

@RunWith(RobolectricTestRunner::class)
@Config(sdk = [26, 31, 36], manifest = Config.NONE, application = TestApp::class)
class VaultTest {
    private val app = RuntimeEnvironment.getApplication() as TestApp
    private val sealed get() = File(app.noBackupFilesDir, "ebb.key.sealed")

    @Test
    fun aKeyRoundTripsSealedInTheNoBackupDirectory() {
        val sealing = SoftwareKey()
        val vault = KeystoreVault(app, sealing)
        assertNull(vault.read())
        val key = DatabaseKey.obtain(vault, databaseExists = false)
        assertEquals(32, key.size)
        assertArrayEquals(key, KeystoreVault(app, sealing).read())
        // Sealed: the file holds neither the key nor any 8 bytes of it.
        val bytes = sealed.readBytes()
        assertEquals(12 + 32 + 16, bytes.size)
        assertFalse(bytes.toList().windowed(8).any { it == key.take(8) })
    }

    @Test
    fun aTamperedBlobThrowsAndIsNotReplaced() {
        val sealing = SoftwareKey()
        KeystoreVault(app, sealing).write(ByteArray(32) { it.toByte() })
        val bytes = sealed.readBytes()
        bytes[20] = (bytes[20].toInt() xor 1).toByte()
        sealed.writeBytes(bytes)
        assertThrows(AEADBadTagException::class.java) { KeystoreVault(app, sealing).read() }
        assertThrows(AEADBadTagException::class.java) { DatabaseKey.obtain(KeystoreVault(app, sealing), databaseExists = true) }
        assertArrayEquals(bytes, sealed.readBytes())
    }

    @Test
    fun anotherSealingKeyCannotUnseal() {
        KeystoreVault(app, SoftwareKey()).write(ByteArray(32) { 7 })
        assertThrows(AEADBadTagException::class.java) { KeystoreVault(app, SoftwareKey()).read() }
    }

    @Test
    fun theStoreOpensAgainWithTheSealedKey() {
        val store = app.openStore()
        store.close()
        store.open().use { again -> assertEquals(DeviceKind.PHONE, again.device) }
    }
}
