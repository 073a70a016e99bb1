//! As in bindings/build.rs, so both libraries are linked the same way.
//!
//! Links the shared library with packed relative relocations (DT_RELR) on
//! Linux with glibc: the relocation table shrinks to a bitmap, so the library
//! is smaller and the loader dirties fewer pages applying it. Needs glibc 2.36
//! or later where it is loaded (the linker records a GLIBC_ABI_DT_RELR version
//! need, so an older glibc refuses it cleanly). Android and Apple targets keep
//! their own defaults.

fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-z,pack-relative-relocs");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
