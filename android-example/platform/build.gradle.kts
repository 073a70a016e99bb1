// The shell's seams implemented with Android framework classes only (no
// androidx): vibration, check-in alarms and their notifications, intents,
// the share sheet, the widget and the Keystore vault. The app and the
// watch use these classes; tests/robolectric.sh compiles them against the
// target SDK's framework and runs the tests at minSdk, 31 and targetSdk.
plugins {
    alias(libs.plugins.android.library)
    alias(libs.plugins.kotlin.android)
}

android {
    namespace = "app.ebb.platform"
    compileSdk = 36
    // 26: VibrationEffect, notification channels and NotificationChannel's
    // lock-screen visibility all arrive in Android 8.0.
    defaultConfig { minSdk = 26 }
    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
    testOptions {
        unitTests.isIncludeAndroidResources = false
        unitTests.all {
            val cargoTarget = System.getenv("CARGO_TARGET_DIR")?.let(::File) ?: File(rootDir.parentFile, "target")
            it.systemProperty("jna.library.path", File(cargoTarget, "debug").path)
        }
    }
}

kotlin { jvmToolchain(17) }

dependencies {
    api(project(":shell"))
    implementation(libs.jna) { artifact { type = "aar" } }
    testImplementation(libs.junit)
    testImplementation(libs.robolectric)
    testImplementation(libs.jna)
}
