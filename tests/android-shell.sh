#!/usr/bin/env bash
# Compiles the Android example's plain-JVM `shell` module (its sources and
# its JUnit 4 tests) with the generated Kotlin bindings, and runs the tests
# on the JVM against the real native library, loaded through JNA as on
# Android. Fails if any test fails.
#
# Expects $target/debug/libebb_ffi.so (tests/run builds it first). For a
# run without cargo: EBB_LIB=<path to libebb_ffi.so> and
# EBB_BINDGEN=<path to a uniffi-bindgen binary>.
set -euo pipefail
cd "$(dirname "$0")/.."
source tests/toolchains.sh
ensure_kotlin

# JUnit 4 and Hamcrest from Debian, so the same test sources also run under
# Gradle on a developer's machine.
if [ ! -f /usr/share/java/junit4.jar ] || [ ! -f /usr/share/java/hamcrest.jar ]; then
    log "installing junit4"
    apt_install junit4
fi
junit="/usr/share/java/junit4.jar:/usr/share/java/hamcrest.jar"

target="${CARGO_TARGET_DIR:-target}"
lib="${EBB_LIB:-$target/debug/libebb_ffi.so}"
out="$target/android-shell"
compile_android_bindings android-shell "$lib" "$out"

shell=android-example/shell/src
# Android's Java level (compileOptions and jvmToolchain in the Gradle
# files): Java 17. The generated bindings compiled on their own above; the
# shell's own code compiles with every warning shown and treated as an error.
release=(-jvm-target 17 -Xjdk-release=17)
echo "android-shell: generated bindings compiled ($(grep -c '^warning:' "$out/bindings-warnings.txt" || true) warnings in generated code)"
# The journey's script and transcript are shared with the bindings suite.
"$KOTLINC" "${release[@]}" -Werror "$shell"/main/kotlin/app/ebb/shell/*.kt "$shell"/test/kotlin/app/ebb/shell/*.kt \
    tests/kotlin/journey/Journey.kt \
    -cp "$out/bindings.jar:$KOTLIN_CLASSPATH:$junit" -d "$out/shell.jar" \
    || { echo "android-shell: compile failed" >&2; exit 1; }

# Every *Test.kt file holds one test class of the same name.
classes=()
for f in "$shell"/test/kotlin/app/ebb/shell/*Test.kt; do
    classes+=("app.ebb.shell.$(basename "$f" .kt)")
done
java -Djna.library.path="$(dirname "$lib")" -cp "$out/shell.jar:$out/bindings.jar:$KOTLIN_CLASSPATH:$junit" \
    org.junit.runner.JUnitCore "${classes[@]}"
