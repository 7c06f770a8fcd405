//! Which language the interface speaks, and getting its words in time.
//!
//! The order, first match wins: the person using the device chose one; the store's
//! policy sets a default; the browser's preferred languages; English. The language last
//! in use is remembered so the next start opens in it.

use crate::i18n::catalogue::{self, Catalogue, CatalogueError, Locale};
use crate::services::storage::language;

/// The browser's preferred languages, most wanted first.
pub fn browser_languages() -> Vec<String> {
    #[cfg(target_arch = "wasm32")]
    {
        let nav = gloo::utils::window().navigator();
        let list: Vec<String> = nav
            .languages()
            .iter()
            .filter_map(|v| v.as_string())
            .collect();
        if list.is_empty() {
            nav.language().into_iter().collect()
        } else {
            list
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    Vec::new()
}

/// The interface's language for `person` (None: nobody signed in, the device's own
/// choice) under a store default `store`.
pub fn resolve(person: Option<&str>, store: Option<&str>) -> Locale {
    language::of(person.unwrap_or_default())
        .as_deref()
        .and_then(catalogue::supported)
        .or_else(|| store.and_then(catalogue::supported))
        .unwrap_or_else(|| catalogue::negotiate(browser_languages().iter().map(String::as_str)))
}

/// Loads and installs `locale` (English if it cannot be had); remembers it for the next
/// start.
pub async fn switch(locale: Locale) -> Result<&'static Catalogue, CatalogueError> {
    let c = match catalogue::load(locale).await {
        Ok(c) => c,
        Err(e) if locale == catalogue::LOCALES[0] => return Err(e),
        Err(_) => catalogue::load(catalogue::LOCALES[0]).await?,
    };
    catalogue::install(c);
    let _ = language::set_last(c.locale.tag);
    Ok(c)
}

/// Before the first render: the language last in use, else the browser's.
pub async fn start() -> Result<&'static Catalogue, CatalogueError> {
    let first = language::last()
        .as_deref()
        .and_then(catalogue::supported)
        .unwrap_or_else(|| resolve(None, None));
    switch(first).await
}

/// Fetches every other shipped language in the background, so the service worker has
/// them when the device is offline and someone switches.
pub fn cache_the_others() {
    #[cfg(target_arch = "wasm32")]
    for l in catalogue::LOCALES {
        if catalogue::loaded(l.tag).is_none() {
            let _ = gloo::utils::window().fetch_with_str(&catalogue::url(*l));
        }
    }
}
