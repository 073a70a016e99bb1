//! `ebb`: Ebb's terminal companion.

fn main() {}
