//! The Amends yew app: thin views over state held in hooks and services.
//!
//! The domain (money, policy, recommendation, records) lives in `amends-domain`;
//! this crate only renders it and talks to the browser.

pub mod app;
pub mod components;
pub mod hooks;
pub mod i18n;
pub mod pages;
pub mod route;
pub mod services;

pub use app::{App, ServerApp, ServerAppProps};

/// Version shown in the footer, from Cargo.toml.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Loads the interface's language, then mounts the app into the static shell of
/// `www/index.html`.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    wasm_bindgen_futures::spawn_local(async {
        let document = gloo::utils::document();
        let root = document
            .get_element_by_id("app")
            .expect("www/index.html has an element with id=app");
        if let Err(e) = services::locale::start().await {
            // Without any language file there are no words to show: the shell says so
            // in its own (static) words and nothing is mounted.
            if let Some(p) = document.get_element_by_id("loading") {
                p.set_text_content(Some(&format!(
                    "{} ({e})",
                    p.get_attribute("data-failed").unwrap_or_default()
                )));
            }
            return;
        }
        // The static skeleton painted before wasm loaded is replaced by the live app.
        root.set_inner_html("");
        yew::Renderer::<App>::with_root(root).render();
        register_service_worker();
        services::locale::cache_the_others();
    });
}

/// Offline support: the service worker in `www/sw.js` caches the app after first load.
#[cfg(target_arch = "wasm32")]
fn register_service_worker() {
    let container = gloo::utils::window().navigator().service_worker();
    // A failed registration only costs offline support; the app itself works on.
    let _ = container.register("/sw.js");
}
