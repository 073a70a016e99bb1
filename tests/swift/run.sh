#!/usr/bin/env bash
# Generates the Swift bindings from the built library and runs `swift test`
# against it. Uses a system Swift when there is one; otherwise a Debian 13
# root (tests/toolchains.sh) entered with chroot, which needs root.
# Expects target/debug/libebb_ffi.so (tests/run builds it first).
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/toolchains.sh
ensure_swift

target="$(cd "${CARGO_TARGET_DIR:-target}" && pwd)"
lib="$target/debug/libebb_ffi.so"
gen="$target/bindings/swift"
rm -rf "$gen" && mkdir -p "$gen"
cargo run -q -p uniffi-bindgen -- generate --no-format --library "$lib" --language swift --out-dir "$gen" >/dev/null

# Copies a package tree, keeping the destination's .build cache.
sync_dir() {
    mkdir -p "$2"
    find "$2" -mindepth 1 -maxdepth 1 ! -name .build -exec rm -rf {} +
    tar -C "$1" --exclude=.build -cf - . | tar -C "$2" -xf -
}

# The package, with the generated code laid out as its targets expect.
pkg="$target/swift-package"
mkdir -p "$pkg"
sync_dir tests/swift "$pkg"
mkdir -p "$pkg/Generated/ffi" "$pkg/Generated/swift" "$pkg/lib"
cp "$gen"/*.h "$pkg/Generated/ffi/"
cp "$gen"/*.swift "$pkg/Generated/swift/"
cp "$lib" "$pkg/lib/"
{
    printf 'module EbbFFI {\n    export *\n    link "ebb_ffi"\n}\n'
    for map in "$gen"/*.modulemap; do
        # Drop the Darwin-only `use` lines so the maps load on Linux too, and
        # link the library from every module that declares its functions.
        grep -v '^ *use "' "$map" | sed 's/^\( *\)export \*$/\1export *\n\1link "ebb_ffi"/'
        printf '\n'
    done
} > "$pkg/Generated/ffi/module.modulemap"
touch "$pkg/Generated/ffi/EbbFFI.h"

swift_test() {
    local dir="$1"
    local libdir="$dir/lib"
    swift test --package-path "$dir" -Xlinker -L"$libdir" -Xlinker -rpath -Xlinker "$libdir" "${@:2}"
}

if [ -z "${SWIFT_ROOT:-}" ]; then
    swift_test "$pkg"
    exit
fi

# Inside the chroot: copy the package in, mount /proc and /dev, always unmount.
inside="/ebb-tests"
mkdir -p "$SWIFT_ROOT$inside"
sync_dir "$pkg" "$SWIFT_ROOT$inside"
# Unmount only what this run mounted, so a run beside it keeps its mounts.
mounted=()
cleanup() {
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
