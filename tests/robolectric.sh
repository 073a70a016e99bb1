#!/usr/bin/env bash
# Compiles the Android example's `platform` module (the seams implemented
# with Android framework classes) against the framework jar of the target
# SDK, and runs its JUnit 4 tests under Robolectric at minSdk (26), an SDK
# between (31, where VibratorManager and exact-alarm permission arrive) and
# the target SDK (36), with the real native library loaded through JNA.
# Fails if a fetch, a compile or any test fails.
#
# Robolectric, its dependencies, JUnit, JNA and the framework jars come from
# Maven Central once, with `mvn dependency:copy-dependencies` on a generated
# pom, and are cached under $EBB_TOOLCHAINS/robolectric. Robolectric then
# runs offline from that directory (its own resolver does not read the
# machine's Maven settings).
#
# Expects $target/debug/libebb_ffi.so (tests/run builds it first). For a
# run without cargo: EBB_LIB=<path to libebb_ffi.so> and
# EBB_BINDGEN=<path to a uniffi-bindgen binary>.
set -euo pipefail
cd "$(dirname "$0")/.."
source tests/toolchains.sh
ensure_kotlin

ROBOLECTRIC_VERSION="4.17"
JUNIT_VERSION="4.13.2"
# android-all-instrumented versions, from Robolectric 4.17's
# DefaultSdkProvider: <release>-robolectric-<build>-i<instrumentation>.
declare -A ANDROID_ALL=(
    [26]="8.0.0_r4-robolectric-r1-i7"
    [31]="12-robolectric-7732740-i7"
    [36]="16-robolectric-13921718-i7"
)
COMPILE_SDK=36

cache="$EBB_TOOLCHAINS/robolectric/$ROBOLECTRIC_VERSION"

# Writes a pom whose dependencies are the given group:artifact:version list.
write_pom() {
    local pom="$1"
    shift
    {
        echo '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>'
        echo '<groupId>app.ebb</groupId><artifactId>robolectric-fetch</artifactId><version>1</version><dependencies>'
        local coordinate group artifact version
        for coordinate in "$@"; do
            IFS=: read -r group artifact version <<<"$coordinate"
            echo "<dependency><groupId>$group</groupId><artifactId>$artifact</artifactId><version>$version</version></dependency>"
        done
        echo '</dependencies></project>'
    } >"$pom"
}

# Fetches once into a scratch directory and moves it into place only when
# every artifact arrived, so a broken fetch is retried on the next run.
ensure_robolectric() {
    [ -f "$cache/.ready" ] && return 0
    command -v mvn >/dev/null 2>&1 || { log "installing maven"; apt_install maven; }
    log "fetching Robolectric $ROBOLECTRIC_VERSION and android-all for SDKs ${!ANDROID_ALL[*]} (once)"
    local partial="$cache.partial"
    rm -rf "$partial" && mkdir -p "$partial"
    write_pom "$partial/runner.xml" \
        "org.robolectric:robolectric:$ROBOLECTRIC_VERSION" "junit:junit:$JUNIT_VERSION"
    # Maven's own repository for this fetch lies in the scratch directory
    # and goes once the jars are copied out: the cache holds one copy.
    # Its output is kept in mvn.log and shown only when a fetch fails.
    local mvn=(mvn -q -B -Dstyle.color=never -Dmaven.repo.local="$partial/repository")
    "${mvn[@]}" -f "$partial/runner.xml" dependency:copy-dependencies \
        -DoutputDirectory="$partial/lib" -DincludeScope=runtime >>"$partial/mvn.log" 2>&1 \
        || { cat "$partial/mvn.log" >&2; echo "robolectric: fetching Robolectric failed" >&2; return 1; }
    # Robolectric's androidx.test dependencies come as Android archives;
    # the JVM needs the classes inside.
    local aar
    for aar in "$partial"/lib/*.aar; do
        [ -e "$aar" ] || continue
        unzip -p "$aar" classes.jar >"${aar%.aar}.jar"
        rm "$aar"
    done
    # One artifact at several versions: a pom would keep only one of them,
    # so each SDK's jar is copied on its own, under the Maven file name
    # Robolectric looks it up by.
    local sdk
    for sdk in "${!ANDROID_ALL[@]}"; do
        "${mvn[@]}" -f "$partial/runner.xml" dependency:copy \
            -Dartifact="org.robolectric:android-all-instrumented:${ANDROID_ALL[$sdk]}" \
            -DoutputDirectory="$partial/android-all" >>"$partial/mvn.log" 2>&1 \
            || { cat "$partial/mvn.log" >&2; echo "robolectric: fetching android-all for SDK $sdk failed" >&2; return 1; }
    done
    # The target SDK's framework as published, uninstrumented, to compile against.
    "${mvn[@]}" -f "$partial/runner.xml" dependency:copy \
        -Dartifact="org.robolectric:android-all:${ANDROID_ALL[$COMPILE_SDK]%-i*}" \
        -DoutputDirectory="$partial/compile" >>"$partial/mvn.log" 2>&1 \
        || { cat "$partial/mvn.log" >&2; echo "robolectric: fetching android-all for compiling failed" >&2; return 1; }
    for sdk in "${!ANDROID_ALL[@]}"; do
        [ -f "$partial/android-all/android-all-instrumented-${ANDROID_ALL[$sdk]}.jar" ] \
            || { echo "robolectric: android-all for SDK $sdk is missing" >&2; return 1; }
    done
    rm -rf "$partial/repository"
    touch "$partial/.ready"
    rm -rf "$cache"
    mv "$partial" "$cache"
}
ensure_robolectric

if [ "${1:-}" = "--fetch-only" ]; then exit 0; fi

# The runner's classpath: Robolectric and its dependencies and JUnit (JNA
# comes with the Kotlin toolchain, in $KOTLIN_CLASSPATH).
runner_cp="$(find "$cache/lib" -name '*.jar' | sort | paste -sd: -)"
android_jar="$cache/compile/android-all-${ANDROID_ALL[$COMPILE_SDK]%-i*}.jar"

target="${CARGO_TARGET_DIR:-target}"
lib="${EBB_LIB:-$target/debug/libebb_ffi.so}"
out="$target/robolectric"
compile_android_bindings robolectric "$lib" "$out"

# Android's Java level (compileOptions and jvmToolchain in the Gradle
# files): Java 17. The generated bindings compiled on their own above; the
# shell and platform code compile with every warning shown and treated as
# an error, the platform code against the target SDK's framework.
release=(-jvm-target 17 -Xjdk-release=17)
shell=android-example/shell/src/main/kotlin/app/ebb/shell
platform=android-example/platform/src
"$KOTLINC" "${release[@]}" -Werror "$shell"/*.kt \
    -cp "$out/bindings.jar:$KOTLIN_CLASSPATH" -d "$out/shell.jar" \
    || { echo "robolectric: the shell did not compile" >&2; exit 1; }
"$KOTLINC" "${release[@]}" -Werror "$platform"/main/kotlin/app/ebb/platform/*.kt \
    -cp "$android_jar:$out/shell.jar:$out/bindings.jar:$KOTLIN_CLASSPATH" -d "$out/platform.jar" \
    || { echo "robolectric: the platform module did not compile against SDK $COMPILE_SDK" >&2; exit 1; }
echo "robolectric: platform compiled against android-all ${ANDROID_ALL[$COMPILE_SDK]%-i*}"

"$KOTLINC" "${release[@]}" -Werror "$platform"/test/kotlin/app/ebb/platform/*.kt \
    -Xfriend-paths="$out/platform.jar" \
    -cp "$android_jar:$out/platform.jar:$out/shell.jar:$out/bindings.jar:$KOTLIN_CLASSPATH:$runner_cp" -d "$out/platform-tests.jar" \
    || { echo "robolectric: the tests did not compile" >&2; exit 1; }

# Robolectric runs android-all 36 only on Java 21 or newer. The JDK here
# is 17; a newer one is used when the machine has it.
java_bin=java
if [ "$(java -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p')" -lt 21 ]; then
    java_bin=""
    for jdk in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64; do
        if [ -x "$jdk/bin/java" ]; then java_bin="$jdk/bin/java"; break; fi
    done
    [ -n "$java_bin" ] || { echo "robolectric: SDK 36 needs Java 21 or newer, and none is installed" >&2; exit 1; }
fi

# The framework jar is on the classpath as Gradle puts android.jar there
# (annotations such as @Config name framework types); each sandbox loads
# its own SDK's instrumented framework instead.
# Every *Test.kt file holds one test class of the same name.
classes=()
for f in "$platform"/test/kotlin/app/ebb/platform/*Test.kt; do
    classes+=("app.ebb.platform.$(basename "$f" .kt)")
done
"$java_bin" -Djna.library.path="$(dirname "$lib")" \
    -Drobolectric.offline=true -Drobolectric.dependency.dir="$cache/android-all" \
    -Drobolectric.alwaysIncludeVariantMarkersInTestName=true \
    --enable-native-access=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED \
    --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
    --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED \
    --add-opens=java.base/java.security=ALL-UNNAMED --add-opens=java.base/jdk.internal.access=ALL-UNNAMED \
    -cp "$out/platform-tests.jar:$out/platform.jar:$out/shell.jar:$out/bindings.jar:$KOTLIN_CLASSPATH:$runner_cp:$android_jar" \
    app.ebb.platform.SdkReportKt "${classes[@]}"
