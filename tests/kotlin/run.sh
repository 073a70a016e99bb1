#!/usr/bin/env bash
# Generates the Kotlin bindings from the built library, compiles them with the
# suite, and runs it on the JVM with JNA, as Android loads the library.
# Expects target/debug/libebb_ffi.so (tests/run builds it first).
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/toolchains.sh
ensure_kotlin

target="${CARGO_TARGET_DIR:-target}"
lib="$target/debug/libebb_ffi.so"
out="$target/bindings/kotlin"
rm -rf "$out" && mkdir -p "$out"
generate_bindings kotlin "$lib" "$out/src"
"$KOTLINC" -nowarn "$out"/src/app/ebb/*.kt "$out"/src/app/ebb/core/*.kt tests/kotlin/EbbTests.kt tests/kotlin/FlowTests.kt tests/kotlin/journey/Journey.kt \
    -cp "$KOTLIN_CLASSPATH" -d "$out/tests.jar" 2>&1 | grep -v '^warning:' || true
[ -f "$out/tests.jar" ] || { echo "kotlin: compile failed" >&2; exit 1; }
# A fixed, pre-touched heap makes the memory test see native growth only.
java -Xss4m -Xms96m -Xmx96m -XX:+AlwaysPreTouch -Djna.library.path="$target/debug" -cp "$out/tests.jar:$KOTLIN_CLASSPATH" app.ebb.tests.EbbTestsKt
