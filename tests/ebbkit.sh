#!/usr/bin/env bash
# Builds EbbKit (ios-example/EbbKit, the Swift shell logic shared by the iOS
# app, its widget and the watch app) and runs its XCTest suite on Linux
# against the real native library.
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
ensure_swift

target="${CARGO_TARGET_DIR:-target}"
mkdir -p "$target"
target="$(cd "$target" && pwd)"
lib="${EBB_LIB:-$target/debug/libebb_ffi.so}"
[ -f "$lib" ] || { echo "ebbkit: no native library at $lib (build ebb-ffi first)" >&2; exit 1; }
gen="$target/bindings/ebbkit-swift"
rm -rf "$gen" && mkdir -p "$gen"
if [ -n "${EBB_BINDGEN:-}" ]; then
    "$EBB_BINDGEN" generate --no-format --library "$lib" --language swift --out-dir "$gen" >/dev/null
else
    cargo run -q -p uniffi-bindgen -- generate --no-format --library "$lib" --language swift --out-dir "$gen" >/dev/null
fi

# Copies a package tree, keeping the destination's .build cache. Extra
# arguments go to tar (more --exclude patterns).
sync_dir() {
    mkdir -p "$2"
    find "$2" -mindepth 1 -maxdepth 1 ! -name .build -exec rm -rf {} +
    tar -C "$1" --exclude=.build "${@:3}" -cf - . | tar -C "$2" -xf -
}

# The package, with the generated code where Package.swift looks on Linux.
pkg="$target/ebbkit-package"
# A Generated/ left by build-xcframework.sh on a Mac is not copied.
sync_dir ios-example/EbbKit "$pkg" --exclude=./Generated
mkdir -p "$pkg/Generated/ffi" "$pkg/Generated/swift" "$pkg/lib"
cp "$gen"/*.h "$pkg/Generated/ffi/"
cp "$gen"/*.swift "$pkg/Generated/swift/"
cp "$lib" "$pkg/lib/libebb_ffi.so"
{
    printf 'module EbbFFI {\n    export *\n    link "ebb_ffi"\n}\n'
    for map in "$gen"/*.modulemap; do
        # Drop the Darwin-only `use` lines so the maps load on Linux, and
        # link the library from every module that declares its functions.
        grep -v '^ *use "' "$map" | sed 's/^\( *\)export \*$/\1export *\n\1link "ebb_ffi"/'
        printf '\n'
    done
} > "$pkg/Generated/ffi/module.modulemap"
touch "$pkg/Generated/ffi/EbbFFI.h"

if [ -z "${SWIFT_ROOT:-}" ]; then
    swift test --package-path "$pkg" \
        -Xlinker -L"$pkg/lib" -Xlinker -rpath -Xlinker "$pkg/lib"
    exit
fi

# Inside the chroot: copy the package in, mount /proc and /dev if they are
# not mounted yet, and unmount only what this run mounted.
inside="/ebb-kit"
sync_dir "$pkg" "$SWIFT_ROOT$inside"
mounted=()
cleanup() {
    local m
    for m in "${mounted[@]}"; do umount "$m" 2>/dev/null || true; done
}
trap cleanup EXIT
if ! mountpoint -q "$SWIFT_ROOT/proc"; then
    mount -t proc proc "$SWIFT_ROOT/proc" && mounted+=("$SWIFT_ROOT/proc")
fi
if ! mountpoint -q "$SWIFT_ROOT/dev"; then
    mount --bind /dev "$SWIFT_ROOT/dev" && mounted+=("$SWIFT_ROOT/dev")
fi
chroot "$SWIFT_ROOT" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/root TMPDIR=/tmp \
    swift test --package-path "$inside" \
    -Xlinker -L"$inside/lib" -Xlinker -rpath -Xlinker "$inside/lib"
