// The plain-JVM shell: no Android imports, so its tests run on any JVM
// (and in tests/android-shell.sh without Gradle). It also carries the
// generated UniFFI bindings, which are plain Kotlin over JNA.
plugins {
    alias(libs.plugins.kotlin.jvm)
}

kotlin { jvmToolchain(17) }

val repoRoot = rootDir.parentFile
val cargoTarget = System.getenv("CARGO_TARGET_DIR")?.let(::File) ?: File(repoRoot, "target")
// libebb_ffi.so on Linux, libebb_ffi.dylib on macOS, ebb_ffi.dll on Windows.
val hostLibrary = File(cargoTarget, "debug/" + System.mapLibraryName("ebb_ffi"))
val generated = layout.buildDirectory.dir("generated/uniffi")

/** Builds the host library (for bindgen's library mode and the JVM tests). */
val buildHostLibrary by tasks.registering(Exec::class) {
    workingDir = repoRoot
    commandLine("cargo", "build", "-p", "ebb-ffi")
    outputs.file(hostLibrary)
}

/** Generates the Kotlin bindings from the built library (library mode, no UDL). */
val generateBindings by tasks.registering(Exec::class) {
    dependsOn(buildHostLibrary)
    workingDir = repoRoot
    inputs.file(hostLibrary)
    outputs.dir(generated)
    commandLine(
        "cargo", "run", "-q", "-p", "uniffi-bindgen", "--", "generate", "--no-format",
        "--library", hostLibrary.path, "--language", "kotlin", "--out-dir", generated.get().asFile.path,
    )
}

sourceSets.main { kotlin.srcDir(generateBindings) }
// The journey every shell replays, shared with the bindings suite.
sourceSets.test { kotlin.srcDir(File(repoRoot, "tests/kotlin/journey")) }

dependencies {
    implementation(libs.kotlinx.coroutines.core)
    // Android apps add JNA as an `@aar` (with its native parts); the JVM needs the jar.
    compileOnly(libs.jna)
    testImplementation(libs.jna)
    testImplementation(libs.junit)
}

tasks.test {
    dependsOn(buildHostLibrary)
    systemProperty("jna.library.path", hostLibrary.parentFile.path)
}
