package app.ebb.app

import android.app.Application
import android.app.NotificationChannel
import android.app.NotificationManager
import app.ebb.core.DeviceKind
import app.ebb.datalayer.KeystoreVault
import app.ebb.shell.CrisisAccess
import app.ebb.shell.CueSchedule
import app.ebb.shell.EbbCompanion
import app.ebb.shell.HapticPlayer
import app.ebb.shell.Words
import java.io.File

/** Opens the log once per process and hands out the shell's pieces. */
class EbbApp : Application() {
    /** The log. Opened on first use, off the main thread by its callers. */
    val companion: EbbCompanion by lazy {
        EbbCompanion.open(File(noBackupFilesDir, "ebb.db"), KeystoreVault(this), DeviceKind.PHONE)
    }
    val words: Words by lazy { CoreWords(companion) }
    val haptics by lazy { HapticPlayer(AndroidVibrator(this)) }
    val schedule by lazy { CueSchedule(companion, AlarmScheduler(this)) }
    val crisis by lazy { CrisisAccess(companion, IntentOpener(this)) }

    override fun onCreate() {
        super.onCreate()
        // Named after the app; each notification carries the core's words.
        getSystemService(NotificationManager::class.java).createNotificationChannel(
            NotificationChannel(CHANNEL, packageManager.getApplicationLabel(applicationInfo), NotificationManager.IMPORTANCE_DEFAULT),
        )
    }

    companion object {
        const val CHANNEL = "check-ins"
    }
}

/** The core's words by key (the library's `text(key)`; needs no open store). */
class CoreWords(@Suppress("unused") private val companion: EbbCompanion) : Words {
    override fun raw(key: app.ebb.shell.ContentKey): String = app.ebb.text(key.key) ?: key.key
}
