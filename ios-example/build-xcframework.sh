#!/usr/bin/env bash
# Builds Generated/EbbFFI.xcframework and Generated/swift for EbbKit on a Mac
# with Xcode. Not run in this repository's CI (no Xcode there).
#
# Targets:
#   aarch64-apple-ios, aarch64-apple-ios-sim, x86_64-apple-ios   stable (rustup target add)
#   aarch64-apple-watchos, aarch64-apple-watchos-sim,
#   x86_64-apple-watchos-sim                                     tier 3: nightly with -Zbuild-std
# Set EBB_WATCHOS=0 to build the iOS slices only.
set -euo pipefail
cd "$(dirname "$0")/.."
out="ios-example/EbbKit/Generated"
profile="${EBB_PROFILE:-release}"
flag=$([ "$profile" = release ] && echo --release || true)

ios=(aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios)
watch=(aarch64-apple-watchos aarch64-apple-watchos-sim x86_64-apple-watchos-sim)

rustup target add "${ios[@]}"
for t in "${ios[@]}"; do cargo build -p ebb-ffi --lib $flag --target "$t"; done
if [ "${EBB_WATCHOS:-1}" = 1 ]; then
    rustup toolchain install nightly --component rust-src
    for t in "${watch[@]}"; do cargo +nightly build -Zbuild-std -p ebb-ffi --lib $flag --target "$t"; done
fi
lib() { echo "target/$1/$profile/libebb_ffi.a"; }

# Swift bindings in library mode, from the same code built for the Mac.
cargo build -p ebb-ffi --lib $flag
rm -rf "$out" && mkdir -p "$out/swift" "$out/headers"
cargo run -q -p uniffi-bindgen -- generate --library "target/$profile/libebb_ffi.dylib" --language swift --out-dir "$out/gen"
mv "$out"/gen/*.swift "$out/swift/"
mv "$out"/gen/*.h "$out/headers/"
for map in "$out"/gen/*.modulemap; do cat "$map"; printf '\n'; done > "$out/headers/module.modulemap"
rm -rf "$out/gen"

# Simulator slices for one platform share one fat library.
mkdir -p target/universal
lipo -create "$(lib aarch64-apple-ios-sim)" "$(lib x86_64-apple-ios)" -output target/universal/ios-sim.a
args=(-library "$(lib aarch64-apple-ios)" -headers "$out/headers"
      -library target/universal/ios-sim.a -headers "$out/headers")
if [ "${EBB_WATCHOS:-1}" = 1 ]; then
    lipo -create "$(lib aarch64-apple-watchos-sim)" "$(lib x86_64-apple-watchos-sim)" -output target/universal/watchos-sim.a
    args+=(-library "$(lib aarch64-apple-watchos)" -headers "$out/headers"
           -library target/universal/watchos-sim.a -headers "$out/headers")
fi
xcodebuild -create-xcframework "${args[@]}" -output "$out/EbbFFI.xcframework"
rm -rf "$out/headers"
echo "Wrote $out/EbbFFI.xcframework and $out/swift"
