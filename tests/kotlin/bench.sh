#!/usr/bin/env bash
# One event → model round trip from Rust and from Kotlin, in one run, both
# against release builds: Rust, Kotlin, Rust, Kotlin, then the ratio of
# the medians and the FFI crossings per action. Not part of tests/run (a
# release build takes minutes); the figures are in BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/toolchains.sh
ensure_kotlin
target="${CARGO_TARGET_DIR:-target}"
cargo build -q --release -p ebb-ffi
cargo bench -q -p ebb-ffi --bench call --no-run
# The release library is stripped of UniFFI's metadata; the debug build of
# the same source describes the same API.
cargo build -q -p ebb-ffi
out="$target/bindings/kotlin-bench"
rm -rf "$out" && mkdir -p "$out"
generate_bindings kotlin "$target/debug/libebb_ffi.so" "$out/src"
# Every call into the library goes through Crossings.tick, to count them.
find "$out/src" -name '*.kt' -exec sed -i -E \
    's/UniffiLib\.(((uniffi|ffi)_)[A-Za-z0-9_]+)/app.ebb.bench.Crossings.tick(UniffiLib, "\1").\1/g' {} +
"$KOTLINC" "$out"/src/app/ebb/*.kt "$out"/src/app/ebb/core/*.kt tests/kotlin/Bench.kt \
    -cp "$KOTLIN_CLASSPATH" -d "$out/bench.jar" 2>&1 | grep -v '^warning:' || true
results="$out/results.txt"
: >"$results"
for round in 1 2; do
    cargo bench -q -p ebb-ffi --bench call | tee -a "$results"
    java -Djna.library.path="$target/release" -cp "$out/bench.jar:$KOTLIN_CLASSPATH" app.ebb.bench.BenchKt \
        | tee -a "$results"
done
# Kotlin's median over Rust's, per workload, from the last round.
python3 - "$results" <<'PY'
import re, sys
last = {}
for line in open(sys.argv[1]):
    m = re.match(r"(rust|kotlin)\s+(.+?)\s+median\s+([\d.]+) ns/event", line)
    if m:
        last[(m[1], m[2])] = float(m[3])
for (lang, name), ns in sorted(last.items()):
    if lang == "kotlin" and ("rust", name) in last:
        rust = last[("rust", name)]
        print(f"ratio  {name:<44} kotlin/rust {ns / rust:.2f}x ({ns / 1000:.1f} µs vs {rust / 1000:.1f} µs, +{(ns - rust) / 1000:.1f} µs)")
PY
