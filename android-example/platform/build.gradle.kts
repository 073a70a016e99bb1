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

// Robolectric runs Android 16's framework (SDK 36) only on Java 21 or
// newer; the code still compiles for Java 17. The opens are what it
// reaches into on a newer JDK (as tests/robolectric.sh passes them).
tasks.withType<Test>().configureEach {
    javaLauncher.set(javaToolchains.launcherFor { languageVersion.set(JavaLanguageVersion.of(21)) })
    jvmArgs(
        "--add-opens=java.base/java.io=ALL-UNNAMED",
        "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-opens=java.base/java.util=ALL-UNNAMED",
        "--add-opens=java.base/java.nio=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
        "--add-opens=java.base/java.net=ALL-UNNAMED",
        "--add-opens=java.base/java.security=ALL-UNNAMED",
        "--add-opens=java.base/jdk.internal.access=ALL-UNNAMED",
    )
    // The tests load the host build of the core through JNA.
    dependsOn(":shell:buildHostLibrary")
    systemProperty("robolectric.alwaysIncludeVariantMarkersInTestName", "true")
}

dependencies {
    api(project(":shell"))
    implementation(libs.jna) { artifact { type = "aar" } }
    testImplementation(libs.junit)
    testImplementation(libs.robolectric)
    testImplementation(libs.jna)
}
