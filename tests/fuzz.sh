#!/usr/bin/env bash
# Fuzzes the sync payload decoder and merge (fuzz/fuzz_targets/sync_payload.rs)
# for a bounded time. Installs cargo-fuzz once into a cache of its own.
# cargo-fuzz needs nightly-only compiler flags; on a stable toolchain
# RUSTC_BOOTSTRAP=1 unlocks them. Usage: tests/fuzz.sh [seconds] (default 60).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
cache="${EBB_TOOLCHAINS:-$HOME/.cache/ebb-toolchains}"
root="$cache/cargo-fuzz"
if [ ! -x "$root/bin/cargo-fuzz" ]; then
    cargo install cargo-fuzz --locked --root "$root"
fi
export PATH="$root/bin:$PATH"
export RUSTC_BOOTSTRAP=1
# The instrumented build (SQLCipher and OpenSSL with the sanitizer take
# minutes) is kept with the toolchains, so a fresh checkout reuses it.
export CARGO_TARGET_DIR="$cache/fuzz-target"
# The committed seeds stay as they are; new finds go to a scratch corpus.
work="$CARGO_TARGET_DIR/fuzz-corpus/sync_payload"
mkdir -p "$work"
cd fuzz
cargo fuzz run sync_payload "$work" corpus/sync_payload -- \
    -max_total_time="$seconds" -rss_limit_mb=4096
