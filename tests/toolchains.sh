#!/usr/bin/env bash
# Sets up the Kotlin (JVM) and Swift toolchains the cross-language tests use.
# Idempotent: everything is cached under $EBB_TOOLCHAINS (default
# ~/.cache/ebb-toolchains) and reused on the next run. A toolchain that
# cannot be set up makes this script fail; nothing is skipped.
#
#   tests/toolchains.sh kotlin   # prints nothing on success
#   tests/toolchains.sh swift
#
# Sourcing it defines ebb_kotlin_env and ebb_swift_root for tests/run.
set -euo pipefail

EBB_TOOLCHAINS="${EBB_TOOLCHAINS:-$HOME/.cache/ebb-toolchains}"
KOTLIN_VERSION="2.4.20"
SWIFT_SUITE="trixie"

log() { printf '   [toolchains] %s\n' "$*" >&2; }

apt_install() {
    if [ "$(id -u)" -ne 0 ]; then
        echo "toolchains: need root to apt-get install $*" >&2
        return 1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >/dev/null 2>&1 || {
        apt-get update -q >/dev/null 2>&1
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >/dev/null
    }
}

# Kotlin: kotlinc from the npm registry's kotlin-compiler package (the full
# distribution, with kotlinx-coroutines in lib/), JNA from Debian, and a JDK.
# Generates UniFFI bindings for <language> from <library> into <dir>,
# replacing what was there. EBB_BINDGEN names a built uniffi-bindgen to use
# instead of `cargo run` (for runs without cargo building).
generate_bindings() {
    local language="$1" library="$2" dir="$3"
    rm -rf "$dir" && mkdir -p "$dir"
    if [ -n "${EBB_BINDGEN:-}" ]; then
        "$EBB_BINDGEN" generate --no-format --library "$library" --language "$language" --out-dir "$dir" >/dev/null
    else
        cargo run -q -p uniffi-bindgen -- generate --no-format --library "$library" --language "$language" --out-dir "$dir" >/dev/null
    fi
}

# Generates the Kotlin bindings from <library> into <out>/bindings and
# compiles them on their own, at Android's Java level (Java 17), into
# <out>/bindings.jar; their warnings (generated code) go to
# <out>/bindings-warnings.txt. <who> names the caller in errors.
compile_android_bindings() {
    local who="$1" library="$2" out="$3"
    [ -f "$library" ] || { echo "$who: no native library at $library" >&2; return 1; }
    rm -rf "$out" && mkdir -p "$out"
    generate_bindings kotlin "$library" "$out/bindings"
    "$KOTLINC" -jvm-target 17 -Xjdk-release=17 "$out"/bindings/app/ebb/*.kt "$out"/bindings/app/ebb/core/*.kt \
        -cp "$KOTLIN_CLASSPATH" -d "$out/bindings.jar" 2>"$out/bindings-warnings.txt" \
        || { cat "$out/bindings-warnings.txt" >&2; echo "$who: the bindings did not compile" >&2; return 1; }
}

ensure_kotlin() {
    local dir="$EBB_TOOLCHAINS/kotlin-$KOTLIN_VERSION"
    if [ ! -x "$dir/bin/kotlinc" ]; then
        log "fetching kotlin-compiler@$KOTLIN_VERSION"
        mkdir -p "$EBB_TOOLCHAINS"
        local tmp
        tmp="$(mktemp -d)"
        (cd "$tmp" && npm pack -q "kotlin-compiler@$KOTLIN_VERSION" >/dev/null)
        tar -xzf "$tmp"/kotlin-compiler-*.tgz -C "$tmp"
        chmod +x "$tmp"/package/bin/*
        rm -rf "$dir"
        mv "$tmp/package" "$dir"
        rm -rf "$tmp"
    fi
    if [ ! -f /usr/share/java/jna.jar ]; then
        log "installing libjna-java"
        apt_install libjna-java
    fi
    if ! command -v java >/dev/null 2>&1; then
        log "installing a JDK"
        apt_install openjdk-17-jdk-headless
    fi
    local coroutines
    coroutines="$(ls "$dir"/lib/kotlinx-coroutines-core-jvm*.jar 2>/dev/null | head -n 1)"
    [ -n "$coroutines" ] || { echo "toolchains: no kotlinx-coroutines jar in $dir/lib" >&2; return 1; }
    KOTLINC="$dir/bin/kotlinc"
    KOTLIN_CLASSPATH="/usr/share/java/jna.jar:$coroutines:$dir/lib/kotlin-stdlib.jar"
    export KOTLINC KOTLIN_CLASSPATH
}

# Swift: Debian 12 has no Swift; Debian 13 packages swiftlang. A minimal
# trixie root made with debootstrap runs it.
# Chromium, headless, for the progress page test: Debian's package.
ensure_chromium() {
    if [ ! -x /usr/bin/chromium ]; then
        log "installing chromium"
        apt_install chromium fonts-dejavu-core
    fi
    [ -x /usr/bin/chromium ] || { echo "toolchains: chromium did not install" >&2; return 1; }
}

ensure_swift() {
    if command -v swift >/dev/null 2>&1; then
        SWIFT_ROOT=""
        export SWIFT_ROOT
        return 0
    fi
    local root="$EBB_TOOLCHAINS/swift-$SWIFT_SUITE"
    # A marker, because /usr/bin/swift inside the root is an absolute
    # symlink that only resolves from within it.
    if [ ! -f "$root/.ebb-swift-ready" ]; then
        command -v debootstrap >/dev/null 2>&1 || { log "installing debootstrap"; apt_install debootstrap; }
        log "building a $SWIFT_SUITE root for Swift (a few minutes, once)"
        rm -rf "$root.partial"
        mkdir -p "$EBB_TOOLCHAINS"
        debootstrap --variant=minbase "$SWIFT_SUITE" "$root.partial" >/dev/null
        chroot "$root.partial" /usr/bin/env DEBIAN_FRONTEND=noninteractive \
            apt-get install -y -q --no-install-recommends swiftlang libc6-dev >/dev/null
        chroot "$root.partial" /usr/bin/env DEBIAN_FRONTEND=noninteractive apt-get clean
        [ -e "$root.partial/usr/libexec/swift/bin/swift" ] || { echo "toolchains: swiftlang did not install" >&2; return 1; }
        touch "$root.partial/.ebb-swift-ready"
        rm -rf "$root"
        mv "$root.partial" "$root"
    fi
    SWIFT_ROOT="$root"
    export SWIFT_ROOT
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    case "${1:-}" in
        kotlin) ensure_kotlin ;;
        swift) ensure_swift ;;
        *) echo "usage: $0 kotlin|swift" >&2; exit 2 ;;
    esac
fi
