//! `cargo run -p uniffi-bindgen -- generate --library target/debug/libebb_ffi.so
//! --language kotlin --out-dir <dir>`: the bindings generator, kept a
//! separate crate so the shipped library never links the generator.

fn main() {
    uniffi::uniffi_bindgen_main()
}
