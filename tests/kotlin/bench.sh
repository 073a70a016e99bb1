#!/usr/bin/env bash
# Times Ebb calls from Kotlin against the release library; compare with
# `cargo bench -p ebb-ffi --bench call` (the same calls from Rust).
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/toolchains.sh
ensure_kotlin
target="${CARGO_TARGET_DIR:-target}"
cargo build -q --release -p ebb-ffi
# The release library is stripped of UniFFI's metadata; the debug build of
# the same source describes the same API.
cargo build -q -p ebb-ffi
out="$target/bindings/kotlin-bench"
rm -rf "$out" && mkdir -p "$out"
cargo run -q -p uniffi-bindgen -- generate --no-format --library "$target/debug/libebb_ffi.so" --language kotlin --out-dir "$out/src" >/dev/null
"$KOTLINC" -nowarn "$out"/src/app/ebb/*.kt "$out"/src/app/ebb/core/*.kt tests/kotlin/Bench.kt \
    -cp "$KOTLIN_CLASSPATH" -d "$out/bench.jar" 2>&1 | grep -v '^warning:' || true
java -Djna.library.path="$target/release" -cp "$out/bench.jar:$KOTLIN_CLASSPATH" app.ebb.bench.BenchKt
