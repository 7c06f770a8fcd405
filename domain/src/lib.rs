//! Everything Amends decides, as pure Rust: no browser, no I/O, tested natively.
