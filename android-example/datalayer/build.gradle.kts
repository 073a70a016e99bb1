// Android-only glue shared by the phone and the watch: the core's sync
// calls behind the shell's SyncStore, and the Wearable Data Layer behind
// its SyncPeer.
plugins {
    alias(libs.plugins.android.library)
    alias(libs.plugins.kotlin.android)
}

android {
    namespace = "app.ebb.datalayer"
    compileSdk = 36
    defaultConfig { minSdk = 26 }
    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
}

kotlin { jvmToolchain(17) }

dependencies {
    api(project(":shell"))
    implementation(libs.jna) { artifact { type = "aar" } }
    // api: the apps' sync services extend WearableListenerService through this module.
    api(libs.play.services.wearable)
    implementation(libs.kotlinx.coroutines.play.services)
}
