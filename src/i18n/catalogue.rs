//! Where the catalogue's words come from: one data file per locale, loaded when needed.
//!
//! Every message enum lists its ids once, through [`messages!`], which also gives each
//! id its key in the locale files (`www/locales/<tag>.json`, a flat JSON object of key
//! to template). English is one of those files, not text in the code, so the wasm does
//! not grow with each language. A locale's file is fetched the first time it is needed,
//! parsed once and kept for the page's lifetime: `t` hands out `&'static str` without
//! copying, and switching back to a locale already seen costs nothing.
//!
//! Plural entries are keys ending in `_one`, `_few`, `_many`, `_other`...: the
//! category comes from the browser's `Intl.PluralRules` for the locale (see
//! [`plural`]). `tests/locales.rs` checks at build time that every locale has every key,
//! the same placeholders and the plural categories its language needs.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

/// Declares a message enum and the key of each id in the locale files:
/// `prefix` + the variant's name.
macro_rules! messages {
    ($prefix:literal; $(#[$m:meta])* $vis:vis enum $name:ident { $($(#[$vm:meta])* $v:ident,)* }) => {
        $(#[$m])*
        $vis enum $name { $($(#[$vm])* $v,)* }
        impl $name {
            /// Every id's key in the locale files, in declaration order.
            pub const KEYS: &'static [&'static str] = &[$(concat!($prefix, stringify!($v))),*];
            /// This id's key in the locale files.
            pub fn key(self) -> &'static str {
                Self::KEYS[self as usize]
            }
        }
    };
}

/// A locale the app can speak: its BCP 47 tag and its name in itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Locale {
    pub tag: &'static str,
    pub name: &'static str,
}

/// The locales shipped in `www/locales/`, offered to people in this order.
pub const LOCALES: &[Locale] = &[Locale {
    tag: "en",
    name: "English",
}];

/// The pseudo-locale: English accented and 40% longer, generated from `en.json`, for
/// checking layouts; reachable with `?lang=en-XA`, never offered in a picker.
pub const PSEUDO: Locale = Locale {
    tag: "en-XA",
    name: "Ƥşéûδô",
};

/// The locale shipped for `tag`, if any (exact tag, then its language: "fr-CA" -> fr).
pub fn supported(tag: &str) -> Option<Locale> {
    let tag = tag.trim();
    if tag.eq_ignore_ascii_case(PSEUDO.tag) {
        return Some(PSEUDO);
    }
    let lang = tag.split(['-', '_']).next().unwrap_or_default();
    LOCALES
        .iter()
        .find(|l| l.tag.eq_ignore_ascii_case(tag) || l.tag.eq_ignore_ascii_case(lang))
        .copied()
}

/// The first of the browser's preferred languages that is shipped, else English.
pub fn negotiate<'a>(preferred: impl IntoIterator<Item = &'a str>) -> Locale {
    preferred
        .into_iter()
        .find_map(supported)
        .unwrap_or(LOCALES[0])
}

/// Why a locale's file could not be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CatalogueError {
    #[error("the language file for {0} could not be fetched")]
    Unreachable(String),
    #[error("the language file for {0} is not valid: {1}")]
    Invalid(String, String),
}

/// One locale's words: key -> template.
#[derive(Debug)]
pub struct Catalogue {
    pub locale: Locale,
    texts: HashMap<String, String>,
}

impl Catalogue {
    /// Reads a locale file. A file that is not a flat object of strings is refused
    /// whole: a half-read language is worse than the one in use.
    pub fn parse(locale: Locale, json: &str) -> Result<Self, CatalogueError> {
        let texts: HashMap<String, String> = serde_json::from_str(json)
            .map_err(|e| CatalogueError::Invalid(locale.tag.into(), e.to_string()))?;
        Ok(Self { locale, texts })
    }

    /// The template for `key`; a missing key shows the key itself, so a gap is seen
    /// (the locale tests keep gaps out of the shipped files).
    pub fn text(&'static self, key: &'static str) -> &'static str {
        self.texts.get(key).map_or(key, String::as_str)
    }

    /// The plural form of `key` for `category` ("one", "few", "many", "other"...),
    /// falling back to `_other`.
    pub fn plural(&'static self, key: &'static str, category: &str) -> &'static str {
        self.texts
            .get(&format!("{key}_{category}"))
            .or_else(|| self.texts.get(&format!("{key}_other")))
            .map_or(key, String::as_str)
    }
}

thread_local! {
    static CURRENT: Cell<Option<&'static Catalogue>> = const { Cell::new(None) };
    static LOADED: RefCell<Vec<&'static Catalogue>> = const { RefCell::new(Vec::new()) };
}

/// Keeps `c` for the page's lifetime and returns it (each locale is kept once).
pub fn keep(c: Catalogue) -> &'static Catalogue {
    let tag = c.locale.tag;
    if let Some(kept) = loaded(tag) {
        return kept;
    }
    let kept: &'static Catalogue = Box::leak(Box::new(c));
    LOADED.with(|l| l.borrow_mut().push(kept));
    kept
}

/// The catalogue of `tag` if it was loaded already.
pub fn loaded(tag: &str) -> Option<&'static Catalogue> {
    LOADED.with(|l| l.borrow().iter().find(|c| c.locale.tag == tag).copied())
}

/// Makes `c` the language of the interface: every `t` from now on, the page's
/// `<html lang>`, and `Intl`'s formatting.
pub fn install(c: &'static Catalogue) {
    CURRENT.with(|cur| cur.set(Some(c)));
    crate::services::intl::set_locale(c.locale.tag);
    #[cfg(target_arch = "wasm32")]
    if let Some(html) = gloo::utils::document().document_element() {
        let _ = html.set_attribute("lang", c.locale.tag);
    }
}

/// Runs `f` with `c` as the language of text and of `Intl` formatting, then puts the
/// interface's back: for the texts a customer reads in their own language.
pub fn with<R>(c: &'static Catalogue, f: impl FnOnce() -> R) -> R {
    let before = current();
    if before.locale == c.locale {
        return f();
    }
    CURRENT.with(|cur| cur.set(Some(c)));
    crate::services::intl::set_locale(c.locale.tag);
    let out = f();
    CURRENT.with(|cur| cur.set(Some(before)));
    crate::services::intl::set_locale(before.locale.tag);
    out
}

/// The interface's catalogue. Outside a browser (native tests and SSR) English is read
/// from the file at build time; in the browser `start` installs one before rendering.
pub fn current() -> &'static Catalogue {
    if let Some(c) = CURRENT.with(Cell::get) {
        return c;
    }
    let c = fallback();
    CURRENT.with(|cur| cur.set(Some(c)));
    c
}

#[cfg(not(target_arch = "wasm32"))]
fn fallback() -> &'static Catalogue {
    keep(
        Catalogue::parse(LOCALES[0], include_str!("../../www/locales/en.json"))
            .expect("www/locales/en.json is checked by tests/locales.rs"),
    )
}

/// Before any locale is installed there are no words, only keys: `start` installs one
/// before the first render, so this is only seen if that order is broken.
#[cfg(target_arch = "wasm32")]
fn fallback() -> &'static Catalogue {
    keep(Catalogue {
        locale: LOCALES[0],
        texts: HashMap::new(),
    })
}

/// The interface text for `key`.
pub fn text(key: &'static str) -> &'static str {
    current().text(key)
}

/// The interface text for `key` in the plural form `n` takes in the interface's locale.
pub fn plural(key: &'static str, n: usize) -> &'static str {
    let c = current();
    c.plural(key, &crate::services::intl::plural_category(n))
}

/// The address of `locale`'s file, versioned by the build so a cached older file is
/// never read by a newer app (the service worker caches by address).
pub fn url(locale: Locale) -> String {
    format!(
        "/locales/{}.json?v={}",
        locale.tag,
        env!("AMENDS_LOCALES_HASH")
    )
}

/// Fetches, parses and keeps `locale`'s catalogue (or returns it if already kept).
#[cfg(target_arch = "wasm32")]
pub async fn load(locale: Locale) -> Result<&'static Catalogue, CatalogueError> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    if let Some(c) = loaded(locale.tag) {
        return Ok(c);
    }
    let unreachable = |_| CatalogueError::Unreachable(locale.tag.into());
    let response: web_sys::Response =
        JsFuture::from(gloo::utils::window().fetch_with_str(&url(locale)))
            .await
            .map_err(unreachable)?
            .dyn_into()
            .map_err(unreachable)?;
    if !response.ok() {
        return Err(CatalogueError::Unreachable(locale.tag.into()));
    }
    let text = JsFuture::from(response.text().map_err(unreachable)?)
        .await
        .map_err(unreachable)?
        .as_string()
        .unwrap_or_default();
    Ok(keep(Catalogue::parse(locale, &text)?))
}

/// Native builds read every shipped file from disk at build time (tests only).
#[cfg(not(target_arch = "wasm32"))]
pub async fn load(locale: Locale) -> Result<&'static Catalogue, CatalogueError> {
    if let Some(c) = loaded(locale.tag) {
        return Ok(c);
    }
    let json = match locale.tag {
        "en" => include_str!("../../www/locales/en.json"),
        "en-XA" => include_str!("../../www/locales/en-XA.json"),
        other => return Err(CatalogueError::Unreachable(other.into())),
    };
    Ok(keep(Catalogue::parse(locale, json)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browser_language_picks_a_shipped_locale() {
        assert_eq!(negotiate(["pt-BR"]).tag, "en");
        assert_eq!(negotiate(["en-XA"]).tag, "en-XA");
    }

    #[test]
    fn a_file_that_is_not_a_flat_object_of_strings_is_refused_whole() {
        let err = Catalogue::parse(LOCALES[0], r#"{"AppName": 3}"#).unwrap_err();
        assert!(matches!(err, CatalogueError::Invalid(..)));
        assert!(Catalogue::parse(LOCALES[0], "{").is_err());
    }
}
