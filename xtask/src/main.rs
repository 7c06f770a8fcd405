//! `cargo xtask serve|test|bench|lighthouse`: installs what is missing, builds, runs.
fn main() {}
