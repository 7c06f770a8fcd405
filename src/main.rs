//! Browser entry point: mounts the app on the page's `<main id="app">` shell.

#[cfg(target_arch = "wasm32")]
fn main() {
    amends::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("amends runs in the browser: `cargo xtask serve` builds and serves it.");
}
