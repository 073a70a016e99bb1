plugins {
    alias(libs.plugins.android.application) apply false
    alias(libs.plugins.android.library) apply false
    alias(libs.plugins.kotlin.jvm) apply false
    alias(libs.plugins.kotlin.android) apply false
    alias(libs.plugins.kotlin.compose) apply false
}

// The core for each ABI the apps ship, built by cargo-ndk into the app's
// src/main/jniLibs before every Android build of the phone and the watch
// (release profile: the library is the same for debug and release apps).
// Needs `cargo install cargo-ndk`, the Rust Android targets and the NDK
// (ANDROID_NDK_HOME); see README.md.
subprojects {
    plugins.withId("com.android.application") {
        val repository = rootDir.parentFile
        val jniLibs = layout.projectDirectory.dir("src/main/jniLibs")
        val buildNativeLibraries = tasks.register<Exec>("buildNativeLibraries") {
            group = "build"
            description = "Builds ebb-ffi for arm64-v8a, armeabi-v7a and x86_64 into src/main/jniLibs."
            workingDir = repository
            inputs.dir(File(repository, "core/src"))
            inputs.dir(File(repository, "bindings/src"))
            inputs.file(File(repository, "Cargo.lock"))
            outputs.dir(jniLibs)
            commandLine(
                "cargo", "ndk",
                "-t", "arm64-v8a", "-t", "armeabi-v7a", "-t", "x86_64",
                "-o", jniLibs.asFile.path,
                "build", "-p", "ebb-ffi", "--release", "--locked",
            )
        }
        tasks.named("preBuild") { dependsOn(buildNativeLibraries) }
    }
}
