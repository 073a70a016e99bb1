// swift-tools-version:6.0
// EbbKit: the Swift shell logic shared by the iOS app, its widget and the
// watch app. No UIKit or SwiftUI here, so it builds and tests on Linux.
//
// Swift 6 language mode: strict concurrency is checked in every build of
// EbbKit and its tests (tests/ebbkit.sh also turns warnings into errors).
//
// The native library and its generated Swift come from Generated/, which is
// never committed:
// - On a Mac, ../build-xcframework.sh writes Generated/EbbFFI.xcframework
//   (static libraries for iOS and watchOS devices and simulators, with the C
//   headers) and Generated/swift (the generated Swift).
// - On Linux, tests/ebbkit.sh writes Generated/ffi (headers and a module map
//   linking libebb_ffi.so) and Generated/swift, then runs `swift test`.
// `#if os(Linux)` below picks between the two; it is evaluated on the
// machine that builds, which is what decides where the library comes from.
import PackageDescription

#if os(Linux)
let nativeLibrary: Target = .systemLibrary(name: "EbbFFI", path: "Generated/ffi")
#else
let nativeLibrary: Target = .binaryTarget(name: "EbbFFI", path: "Generated/EbbFFI.xcframework")
#endif

let package = Package(
    name: "EbbKit",
    // iOS and watchOS only: the XCFramework has no macOS slice.
    platforms: [.iOS(.v17), .watchOS(.v10)],
    products: [
        // EbbBindings is listed so apps can `import EbbBindings` for the core's types.
        .library(name: "EbbKit", targets: ["EbbKit", "EbbBindings"]),
    ],
    targets: [
        nativeLibrary,
        // Every generated .swift file, compiled as one module.
        .target(name: "EbbBindings", dependencies: ["EbbFFI"], path: "Generated/swift"),
        .target(name: "EbbKit", dependencies: ["EbbBindings"]),
        .testTarget(name: "EbbKitTests", dependencies: ["EbbKit"]),
    ],
    swiftLanguageModes: [.v6]
)
