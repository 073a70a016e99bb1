package app.ebb.shell

import java.security.SecureRandom

/** The key is stored but the database it opens is gone, or the other way round. */
class KeyUnavailableException(message: String) : Exception(message)

/** The raw 32-byte SQLCipher key, created once and then only read. */
object DatabaseKey {
    /** Its length in bytes. */
    const val SIZE = 32

    /**
     * The key from [vault], or a new random one stored there first. A
     * database that exists without a stored key is never opened with a new
     * key (that would look like a wrong key, or worse, invite replacing the
     * person's history), so that case throws.
     */
    fun obtain(vault: KeyVault, databaseExists: Boolean, random: SecureRandom = SecureRandom()): ByteArray {
        vault.read()?.let { key ->
            if (key.size != SIZE) throw KeyUnavailableException("the stored key is ${key.size} bytes, not $SIZE")
            return key
        }
        if (databaseExists) throw KeyUnavailableException("a database exists but no key is stored for it")
        val key = ByteArray(SIZE).also(random::nextBytes)
        vault.write(key)
        return key
    }
}
