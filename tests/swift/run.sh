#!/usr/bin/env bash
# Generates the Swift bindings from the built library and runs `swift test`
# against it (tests/swift/package.sh). Uses a system Swift when there is
# one; otherwise a Debian 13 root (tests/toolchains.sh) entered with chroot,
# which needs root.
# Expects target/debug/libebb_ffi.so (tests/run builds it first).
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/toolchains.sh
source tests/swift/package.sh
ensure_swift

target="$(cd "${CARGO_TARGET_DIR:-target}" && pwd)"
lib="$target/debug/libebb_ffi.so"
gen="$target/bindings/swift"
generate_bindings swift "$lib" "$gen"

pkg="$target/swift-package"
layout_swift_package tests/swift "$pkg" "$gen" "$lib"
# The flow journey, shared with EbbKit's tests, and its golden transcript.
add_journey "$pkg" EbbBindingsTests
swift_test_package "$pkg" /ebb-tests
