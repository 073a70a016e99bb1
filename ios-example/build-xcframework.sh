#!/usr/bin/env bash
# Builds Generated/EbbFFI.xcframework and Generated/swift for EbbKit on a Mac
# with Xcode. Not run in this repository's CI (no Xcode there).
#
# Slices (one static library each, with the C headers):
#   ios-arm64                      aarch64-apple-ios                  stable
#   ios-arm64_x86_64-simulator     aarch64-apple-ios-sim, x86_64-apple-ios
#                                                                     stable, joined with lipo
#   watchos-arm64_arm64_32         arm64_32-apple-watchos (Series 4 to 8, SE),
#                                  aarch64-apple-watchos (Series 9 and later, Ultra 2)
#                                                                     tier 3: nightly -Zbuild-std, joined with lipo
#   watchos-arm64_x86_64-simulator aarch64-apple-watchos-sim, x86_64-apple-watchos-sim
#                                                                     tier 3: nightly -Zbuild-std, joined with lipo
# Set EBB_WATCHOS=0 to build the iOS slices only (stable Rust). There is no
# macOS slice: EbbKit's Package.swift lists iOS and watchOS only.
set -euo pipefail
cd "$(dirname "$0")/.."
out="ios-example/EbbKit/Generated"
profile="${EBB_PROFILE:-release}"
flag=$([ "$profile" = release ] && echo --release || true)

ios=(aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios)
watch=(arm64_32-apple-watchos aarch64-apple-watchos aarch64-apple-watchos-sim x86_64-apple-watchos-sim)

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

# Architectures of one platform and environment share one fat library.
fat() {
    local name="$1"; shift
    local libs=()
    for t in "$@"; do libs+=("$(lib "$t")"); done
    lipo -create "${libs[@]}" -output "target/universal/$name.a"
    echo "target/universal/$name.a"
}
mkdir -p target/universal
args=(-library "$(lib aarch64-apple-ios)" -headers "$out/headers"
      -library "$(fat ios-sim aarch64-apple-ios-sim x86_64-apple-ios)" -headers "$out/headers")
if [ "${EBB_WATCHOS:-1}" = 1 ]; then
    args+=(-library "$(fat watchos arm64_32-apple-watchos aarch64-apple-watchos)" -headers "$out/headers"
           -library "$(fat watchos-sim aarch64-apple-watchos-sim x86_64-apple-watchos-sim)" -headers "$out/headers")
fi
xcodebuild -create-xcframework "${args[@]}" -output "$out/EbbFFI.xcframework"
rm -rf "$out/headers"
echo "Wrote $out/EbbFFI.xcframework and $out/swift"
