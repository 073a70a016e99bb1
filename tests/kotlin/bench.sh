#!/usr/bin/env bash
# One event → model round trip from Rust and from Kotlin, in one run, both
# against release builds: Rust, Kotlin, Rust, Kotlin, then the ratio of
# the medians and the FFI crossings per action; then a widget tap with
# nothing running (library load, open, start) in fresh processes, Rust
# against the JVM. Not part of tests/run (a release build takes minutes);
# the figures are in BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/toolchains.sh
ensure_kotlin
target="${CARGO_TARGET_DIR:-target}"
cargo build -q --release -p ebb-ffi
cargo bench -q -p ebb-ffi --bench call --no-run
tap_rust="$(cargo bench -p ebb-ffi --bench tap --no-run 2>&1 | sed -n 's/.*Executable.*(\(.*\)).*/\1/p' | tail -1)"
[ -x "$tap_rust" ] || { echo "bench: no tap bench binary" >&2; exit 1; }
# The release library is stripped of UniFFI's metadata; the debug build of
# the same source describes the same API.
cargo build -q -p ebb-ffi
out="$target/bindings/kotlin-bench"
rm -rf "$out" && mkdir -p "$out"
generate_bindings kotlin "$target/debug/libebb_ffi.so" "$out/src"
# Every call into the library goes through Crossings.tick, to count them.
find "$out/src" -name '*.kt' -exec sed -i -E \
    's/UniffiLib\.(((uniffi|ffi)_)[A-Za-z0-9_]+)/app.ebb.bench.Crossings.tick(UniffiLib, "\1").\1/g' {} +
"$KOTLINC" "$out"/src/app/ebb/*.kt "$out"/src/app/ebb/core/*.kt tests/kotlin/Bench.kt tests/kotlin/TapBench.kt \
    -cp "$KOTLIN_CLASSPATH" -d "$out/bench.jar" 2>&1 | grep -v '^warning:' || true
results="$out/results.txt"
: >"$results"
for round in 1 2; do
    cargo bench -q -p ebb-ffi --bench call | tee -a "$results"
    java -Djna.library.path="$target/release" -cp "$out/bench.jar:$KOTLIN_CLASSPATH" app.ebb.bench.BenchKt \
        | tee -a "$results"
done
# A widget tap with nothing running: a fresh process per tap, Rust and the
# JVM alternating, ten each; the wall time is from spawn to exit.
python3 - "$tap_rust" "$target/release" "$out/bench.jar:$KOTLIN_CLASSPATH" <<'PY' | tee -a "$results"
import re, statistics, subprocess, sys, time
rust, libdir, classpath = sys.argv[1:4]
runs = {"rust": [], "kotlin": []}
commands = {
    "rust": [rust],
    "kotlin": ["java", f"-Djna.library.path={libdir}", "-cp", classpath, "app.ebb.bench.TapBenchKt"],
}
for _ in range(10):
    for side, command in commands.items():
        began = time.perf_counter()
        out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        wall = (time.perf_counter() - began) * 1e3
        total = float(re.search(r"total ([\d.]+) ms", out)[1])
        runs[side].append((wall, total))
for side, r in runs.items():
    print(f"tap {side:<6} process spawn to exit: median {statistics.median(w for w, _ in r):.1f} ms; "
          f"open (and library load) + start inside it: median {statistics.median(t for _, t in r):.2f} ms")
rust_total = statistics.median(t for _, t in runs["rust"])
kotlin_total = statistics.median(t for _, t in runs["kotlin"])
rust_wall = statistics.median(w for w, _ in runs["rust"])
kotlin_wall = statistics.median(w for w, _ in runs["kotlin"])
print(f"ratio  widget tap, open + start: kotlin/rust {kotlin_total / rust_total:.2f}x; "
      f"whole fresh process: {kotlin_wall / rust_wall:.1f}x")
PY
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
