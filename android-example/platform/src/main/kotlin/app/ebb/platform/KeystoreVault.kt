package app.ebb.platform

import android.content.Context
import android.security.keystore.KeyGenParameterSpec
import android.security.keystore.KeyProperties
import app.ebb.shell.KeyVault
import java.io.File
import java.security.KeyStore
import javax.crypto.Cipher
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey
import javax.crypto.spec.GCMParameterSpec

/**
 * The AES key that seals the database key. On a device it lives in
 * Android Keystore ([AndroidKeystoreKey]); tests, where there is no
 * Keystore, give a software key.
 */
fun interface SealingKey {
    /** The key, created on first use. */
    fun get(): SecretKey
}

/**
 * An AES-256 GCM key that never leaves Android Keystore, created under
 * [alias] on first use.
 */
class AndroidKeystoreKey(private val alias: String = "ebb-database-key") : SealingKey {
    override fun get(): SecretKey {
        val store = KeyStore.getInstance(PROVIDER).apply { load(null) }
        (store.getKey(alias, null) as? SecretKey)?.let { return it }
        val generator = KeyGenerator.getInstance(KeyProperties.KEY_ALGORITHM_AES, PROVIDER)
        generator.init(
            KeyGenParameterSpec.Builder(alias, KeyProperties.PURPOSE_ENCRYPT or KeyProperties.PURPOSE_DECRYPT)
                .setBlockModes(KeyProperties.BLOCK_MODE_GCM)
                .setEncryptionPaddings(KeyProperties.ENCRYPTION_PADDING_NONE)
                .setKeySize(256)
                .build(),
        )
        return generator.generateKey()
    }

    private companion object {
        const val PROVIDER = "AndroidKeyStore"
    }
}

/**
 * The 32-byte database key sealed with AES-GCM under [sealingKey], stored
 * in the no-backup files directory (not copied to a new phone: the log
 * does not move without its key either).
 *
 * The file is a 12-byte IV, then the ciphertext with its 16-byte tag. A
 * file that does not unseal (tampered, or the Keystore key is gone) throws:
 * the caller must not create a new key over it.
 */
class KeystoreVault(
    context: Context,
    private val sealingKey: SealingKey = AndroidKeystoreKey(),
) : KeyVault {
    private val file = File(context.noBackupFilesDir, "ebb.key.sealed")

    override fun read(): ByteArray? {
        if (!file.exists()) return null
        val sealed = file.readBytes()
        require(sealed.size > IV_SIZE + TAG_BITS / 8) { "the sealed key is ${sealed.size} bytes, too short" }
        val cipher = Cipher.getInstance(TRANSFORMATION)
        cipher.init(Cipher.DECRYPT_MODE, sealingKey.get(), GCMParameterSpec(TAG_BITS, sealed, 0, IV_SIZE))
        return cipher.doFinal(sealed, IV_SIZE, sealed.size - IV_SIZE)
    }

    override fun write(key: ByteArray) {
        val cipher = Cipher.getInstance(TRANSFORMATION)
        // The provider picks a fresh random IV (Keystore insists on it).
        cipher.init(Cipher.ENCRYPT_MODE, sealingKey.get())
        val iv = cipher.iv
        check(iv.size == IV_SIZE) { "the cipher chose a ${iv.size}-byte IV" }
        val tmp = File(file.parentFile, file.name + ".tmp")
        tmp.writeBytes(iv + cipher.doFinal(key))
        check(tmp.renameTo(file)) { "could not store the sealed key" }
    }

    private companion object {
        const val TRANSFORMATION = "AES/GCM/NoPadding"
        const val IV_SIZE = 12
        const val TAG_BITS = 128
    }
}
