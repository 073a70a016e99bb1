package app.ebb.shell

import app.ebb.EbbException
import app.ebb.core.Detail
import app.ebb.core.Event
import app.ebb.core.Screen
import app.ebb.core.Source
import org.junit.Assert.assertArrayEquals
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Assert.fail
import org.junit.Test

class StoreAndKeyTest {
    @Test
    fun firstOpenCreatesARandom32ByteKeyInTheVaultAndAnEncryptedFile() {
        TempStore().use { store ->
            val key = store.vault.key!!
            assertEquals(32, key.size)
            assertEquals(1, store.vault.writes)
            assertTrue(store.file.exists())
            // SQLCipher: the file does not start with SQLite's plain header.
            val header = store.file.readBytes().take(16).toByteArray().toString(Charsets.ISO_8859_1)
            assertTrue(header != "SQLite format 3\u0000")
        }
    }

    @Test
    fun twoStoresGetDifferentKeys() {
        TempStore().use { a -> TempStore().use { b -> assertTrue(!a.vault.key!!.contentEquals(b.vault.key!!)) } }
    }

    @Test
    fun aSessionSurvivesClosingAndReopeningWithTheStoredKey() {
        TempStore().use { store ->
            val started = store.companion.ebb.send(store.companion.context(), Event.StartUrge(Source.WIDGET))
            val startedAt = (started.model.detail as Detail.Timer).timer.startedAt
            val keyBefore = store.vault.key!!.copyOf()
            store.companion.close()
            store.open().use { again ->
                val opened = again.ebb.send(again.context(), Event.Opened(null)).model
                assertEquals(Screen.TIMER, opened.screen)
                assertEquals(startedAt, (opened.detail as Detail.Timer).timer.startedAt)
            }
            assertArrayEquals(keyBefore, store.vault.key)
            assertEquals(1, store.vault.writes)
        }
    }

    @Test
    fun aWrongKeyIsReportedAndNothingIsReplaced() {
        TempStore().use { store ->
            store.companion.close()
            val sizeBefore = store.file.length()
            store.vault.key = ByteArray(32) { 7 }
            try {
                store.open().close()
                fail("a wrong key opened the database")
            } catch (e: EbbException.WrongKey) {
                assertEquals(sizeBefore, store.file.length())
            }
        }
    }

    @Test
    fun aDatabaseWithoutAStoredKeyIsNeverGivenANewOne() {
        TempStore().use { store ->
            store.companion.close()
            store.vault.key = null
            try {
                store.open().close()
                fail("opened without a key")
            } catch (e: KeyUnavailableException) {
                assertNull(store.vault.key)
            }
        }
    }
}
