# Shared by the Swift suites (tests/swift/run.sh, tests/ebbkit.sh), sourced
# after tests/toolchains.sh and `ensure_swift`: lays a package out with the
# generated bindings and runs `swift test` on it, with a system Swift or
# inside the Debian 13 root (entered with chroot, which needs root).

# Copies a package tree, keeping the destination's .build cache. Extra
# arguments go to tar (more --exclude patterns).
sync_dir() {
    mkdir -p "$2"
    find "$2" -mindepth 1 -maxdepth 1 ! -name .build -exec rm -rf {} +
    tar -C "$1" --exclude=.build "${@:3}" -cf - . | tar -C "$2" -xf -
}

# layout_swift_package <source> <package> <generated bindings> <library> [tar args]
# Copies the package and puts the generated code and the library where its
# Package.swift looks on Linux: Generated/ffi (headers and one module map),
# Generated/swift, lib/.
layout_swift_package() {
    local src="$1" pkg="$2" gen="$3" lib="$4" map
    sync_dir "$src" "$pkg" "${@:5}"
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
}

# add_journey <package> <test target>
# Puts the shared journey (tests/swift/Shared/Journey.swift: the event
# script and the transcript renderer) into the package's test target, in
# place of any symlink to it, which would dangle in the copy, and the golden
# transcript it is compared with into <package>/golden/. Run from the
# repository root.
add_journey() {
    local pkg="$1" tests="$1/Tests/$2"
    mkdir -p "$tests" "$pkg/golden"
    rm -f "$tests/Journey.swift"
    cp tests/swift/Shared/Journey.swift "$tests/Journey.swift"
    cp core/tests/golden/flow-journey.txt "$pkg/golden/"
}

# What this run mounted in the Swift root; only that is unmounted, so a run
# beside it keeps its mounts.
SWIFT_MOUNTED=()
unmount_swift_root() {
    local m
    for m in "${SWIFT_MOUNTED[@]}"; do umount "$m" 2>/dev/null || true; done
}

# swift_test_package <package> <directory inside the Swift root> [swift test arguments]
swift_test_package() {
    local pkg="$1" inside="$2"
    if [ -z "${SWIFT_ROOT:-}" ]; then
        swift test --package-path "$pkg" -Xlinker -L"$pkg/lib" -Xlinker -rpath -Xlinker "$pkg/lib" "${@:3}"
        return
    fi
    sync_dir "$pkg" "$SWIFT_ROOT$inside"
    trap unmount_swift_root EXIT
    if ! mountpoint -q "$SWIFT_ROOT/proc"; then
        mount -t proc proc "$SWIFT_ROOT/proc" && SWIFT_MOUNTED+=("$SWIFT_ROOT/proc")
    fi
    if ! mountpoint -q "$SWIFT_ROOT/dev"; then
        mount --bind /dev "$SWIFT_ROOT/dev" && SWIFT_MOUNTED+=("$SWIFT_ROOT/dev")
    fi
    chroot "$SWIFT_ROOT" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/root TMPDIR=/tmp \
        swift test --package-path "$inside" \
        -Xlinker -L"$inside/lib" -Xlinker -rpath -Xlinker "$inside/lib" "${@:3}"
}
