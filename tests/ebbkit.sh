#!/usr/bin/env bash
# Builds EbbKit (ios-example/EbbKit, the Swift shell logic shared by the iOS
# app, its widget and the watch app) in Swift 6 language mode with warnings
# as errors, and runs its XCTest suite on Linux against the real native
# library.
#
# Expects target/debug/libebb_ffi.so (tests/run builds it first). Overrides:
#   EBB_LIB=path      the native library to test against
#   EBB_BINDGEN=path  a built uniffi-bindgen binary, instead of `cargo run`
#
# Uses a system Swift when there is one; otherwise the Debian 13 root from
# tests/toolchains.sh, entered with chroot (needs root). EbbKit's
# Package.swift takes the FFI from Generated/ffi on Linux; this script lays
# that directory out as tests/swift/run.sh does.
set -euo pipefail
cd "$(dirname "$0")/.."
source tests/toolchains.sh
source tests/swift/package.sh
ensure_swift

target="${CARGO_TARGET_DIR:-target}"
mkdir -p "$target"
target="$(cd "$target" && pwd)"
lib="${EBB_LIB:-$target/debug/libebb_ffi.so}"
[ -f "$lib" ] || { echo "ebbkit: no native library at $lib (build ebb-ffi first)" >&2; exit 1; }
gen="$target/bindings/ebbkit-swift"
generate_bindings swift "$lib" "$gen"

# The package, with the generated code where Package.swift looks on Linux.
# A Generated/ left by build-xcframework.sh on a Mac is not copied.
pkg="$target/ebbkit-package"
layout_swift_package ios-example/EbbKit "$pkg" "$gen" "$lib" --exclude=./Generated
# The flow journey (a symlink in the source tree, a copy here) and its
# golden transcript, replayed through FlowDriver.
add_journey "$pkg" EbbKitTests
# Swift 6 language mode is the manifest's; a warning fails the build too.
swift_test_package "$pkg" /ebb-kit -Xswiftc -warnings-as-errors
