//! Where the catalogue's words come from: one data file per locale, loaded when needed.
//!
//! Every message enum lists its ids once, through [`messages!`], which numbers them in
//! one sequence across the enums (`M`, then `authority`, `dashboard`, `integrity`,
//! `manager`) and, in native builds, names each id's key in the locale files
//! (`www/locales/<tag>.json`: a JSON object of key to template, its keys in that same
//! order). English is one of those files, not text in the code, so the wasm does not grow
//! with each language, and it carries no key names either: a file is read in order, its
//! n-th entry is id n. `tests/locales.rs` checks every file's keys, their order, their
//! placeholders and plural forms. A locale's file is fetched the first time it is
//! needed, parsed once and kept for the page's lifetime: `t` hands out `&'static str`
//! without copying, and switching back to a locale already seen costs nothing.
//!
//! Plural entries follow their id's entry as `Key_one`, `Key_many`, `Key_other`...: the
//! category comes from the browser's `Intl.PluralRules` for the locale (see [`plural`]).

use std::cell::{Cell, RefCell};

/// Declares a message enum whose ids continue the sequence after `base`; native builds
/// also get each id's key in the locale files: `prefix` + the variant's name.
macro_rules! messages {
    ($prefix:literal, $base:expr; $(#[$m:meta])* $vis:vis enum $name:ident { $($(#[$vm:meta])* $v:ident,)* }) => {
        $(#[$m])*
        $vis enum $name { $($(#[$vm])* $v,)* }
        impl $name {
            /// Every id's key in the locale files, in declaration order (native builds:
            /// the locale tests and server rendering; the wasm reads files by position).
            #[cfg(not(target_arch = "wasm32"))]
            pub const KEYS: &'static [&'static str] = &[$(concat!($prefix, stringify!($v))),*];
            /// The position of the first id in the locale files.
            pub const BASE: usize = $base;
            /// One past the position of the last id.
            pub const END: usize = $base + [$(stringify!($v)),*].len();
            /// This id's position in the locale files.
            pub fn index(self) -> usize {
                Self::BASE + self as usize
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
pub const LOCALES: &[Locale] = &[
    Locale {
        tag: "en",
        name: "English",
    },
    Locale {
        tag: "es",
        name: "Español",
    },
    Locale {
        tag: "fr",
        name: "Français",
    },
    Locale {
        tag: "de",
        name: "Deutsch",
    },
];

/// The pseudo-locale: English accented and 40% longer, generated from `en.json`, for
/// checking layouts; used when the browser asks for `en-XA`, never offered in a picker.
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

/// One entry of a locale file: its template, and its plural forms by category.
#[derive(Debug, Default)]
struct Entry {
    text: String,
    plural: Vec<(String, String)>,
}

/// One locale's words, by id position.
#[derive(Debug)]
pub struct Catalogue {
    pub locale: Locale,
    entries: Vec<Entry>,
}

/// The plural categories a key may end in (`Key_one`).
const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// A locale file read in order: each key without a plural suffix starts the next id; a
/// key with one adds a form to the id before it. The key names themselves are not kept.
struct InOrder(Vec<Entry>);

impl<'de> serde::Deserialize<'de> for InOrder {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = InOrder;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object of key to text")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<InOrder, A::Error> {
                let mut entries: Vec<Entry> = Vec::new();
                let mut base = String::new();
                while let Some((key, text)) = map.next_entry::<String, String>()? {
                    let plural = key
                        .rsplit_once('_')
                        .and_then(|(b, cat)| CATEGORIES.contains(&cat).then_some((b, cat)));
                    match (plural, entries.last_mut()) {
                        (Some((b, cat)), Some(last)) if b == base => {
                            last.plural.push((cat.to_owned(), text));
                        }
                        (Some((b, cat)), _) => {
                            base = b.to_owned();
                            entries.push(Entry {
                                text: String::new(),
                                plural: vec![(cat.to_owned(), text)],
                            });
                        }
                        (None, _) => {
                            base.clear();
                            entries.push(Entry {
                                text,
                                plural: Vec::new(),
                            });
                        }
                    }
                }
                Ok(InOrder(entries))
            }
        }
        d.deserialize_map(Visit)
    }
}

impl Catalogue {
    /// Reads a locale file. A file that is not an object of strings is refused whole: a
    /// half-read language is worse than the one in use.
    pub fn parse(locale: Locale, json: &str) -> Result<Self, CatalogueError> {
        let InOrder(entries) = serde_json::from_str(json)
            .map_err(|e| CatalogueError::Invalid(locale.tag.into(), e.to_string()))?;
        Ok(Self { locale, entries })
    }

    /// The template of id `index`; a missing entry shows as empty (the locale tests keep
    /// gaps out of the shipped files).
    pub fn text(&'static self, index: usize) -> &'static str {
        self.entries.get(index).map_or("", |e| {
            if e.text.is_empty() {
                e.plural.last().map_or("", |(_, t)| t.as_str())
            } else {
                e.text.as_str()
            }
        })
    }

    /// The plural form of id `index` for `category` ("one", "few", "many", "other"...),
    /// falling back to "other".
    pub fn plural(&'static self, index: usize, category: &str) -> &'static str {
        let Some(e) = self.entries.get(index) else {
            return "";
        };
        let form = |c: &str| {
            e.plural
                .iter()
                .find(|(k, _)| k == c)
                .map(|(_, t)| t.as_str())
        };
        form(category)
            .or_else(|| form("other"))
            .unwrap_or(e.text.as_str())
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
#[inline(never)]
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
        entries: Vec::new(),
    })
}

/// The interface text of id `index`.
pub fn text(index: usize) -> &'static str {
    current().text(index)
}

/// The interface text of id `index` in the plural form `n` takes in the interface's locale.
pub fn plural(index: usize, n: usize) -> &'static str {
    let c = current();
    c.plural(index, &crate::services::intl::plural_category(n))
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
        "es" => include_str!("../../www/locales/es.json"),
        "fr" => include_str!("../../www/locales/fr.json"),
        "de" => include_str!("../../www/locales/de.json"),
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
        assert_eq!(negotiate(["fr-CA", "en"]).tag, "fr");
        assert_eq!(negotiate(["pt-BR", "de-AT"]).tag, "de");
        assert_eq!(negotiate(["pt-BR"]).tag, "en");
        assert_eq!(negotiate(["en-XA"]).tag, "en-XA");
    }

    #[test]
    fn a_file_that_is_not_a_flat_object_of_strings_is_refused_whole() {
        let err = Catalogue::parse(LOCALES[0], r#"{"AppName": 3}"#).unwrap_err();
        assert!(matches!(err, CatalogueError::Invalid(..)));
        assert!(Catalogue::parse(LOCALES[0], "{").is_err());
    }

    #[test]
    fn entries_are_read_by_position_with_their_plural_forms() {
        let c = keep(
            Catalogue::parse(
                Locale {
                    tag: "xx-test",
                    name: "test",
                },
                r#"{"A": "a", "B_one": "one b", "B_other": "{n} bs", "C": "c"}"#,
            )
            .unwrap(),
        );
        assert_eq!(c.text(0), "a");
        assert_eq!(c.plural(1, "one"), "one b");
        assert_eq!(c.plural(1, "many"), "{n} bs");
        assert_eq!(c.text(2), "c");
        assert_eq!(c.text(9), "");
    }
}
