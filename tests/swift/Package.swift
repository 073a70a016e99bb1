// swift-tools-version:5.9
// Ebb's Swift suite: the generated bindings against the real native library.
// tests/swift/run.sh generates Generated/ and runs `swift test`.
import PackageDescription

let package = Package(
    name: "EbbBindingsTests",
    targets: [
        // The C side: UniFFI's headers and a module map linking libebb_ffi.
        .systemLibrary(name: "EbbFFI", path: "Generated/ffi"),
        // Every generated .swift file, compiled as one module.
        .target(name: "EbbBindings", dependencies: ["EbbFFI"], path: "Generated/swift"),
        .testTarget(name: "EbbBindingsTests", dependencies: ["EbbBindings"]),
    ]
)
