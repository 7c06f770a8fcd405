//! The interface's language as state: it follows who uses the device and the store's
//! default, and switches without a reload.
//!
//! Text comes from a global catalogue (`i18n::catalogue`), so a switch must re-render
//! everything: the provider keys its subtree by the locale, and yew mounts it afresh.
//! What people type is kept by the draft, which is saved on every change.

use yew::prelude::*;

use crate::hooks::app_state::use_app;
use crate::i18n::catalogue::{self, Catalogue, Locale};
use crate::services::locale::{resolve, switch};
use crate::services::storage::language;

/// What the picker shows and does.
#[derive(Clone, PartialEq)]
pub struct LocaleContext {
    /// The language in use.
    pub current: Locale,
    /// What the person using the device chose (None: the store's default).
    pub chosen: Option<String>,
    /// The name of a language that could not be loaded, if the last switch failed.
    pub failed: Option<String>,
    /// Chooses a language for the person using the device (None: the store's default).
    pub choose: Callback<Option<String>>,
}

thread_local! {
    /// Set by a choice in the picker: the pages are mounted afresh, and the picker takes
    /// the keyboard focus back so the person is where they were.
    static REFOCUS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether the picker should take the focus now (asked once, on mount).
pub fn take_refocus() -> bool {
    REFOCUS.with(|r| r.replace(false))
}

#[hook]
pub fn use_locale() -> LocaleContext {
    use_context::<LocaleContext>().expect("LocaleProvider is above every page")
}

#[derive(Properties, PartialEq)]
pub struct LocaleProviderProps {
    #[prop_or_default]
    pub children: Html,
}

#[function_component(LocaleProvider)]
pub fn locale_provider(props: &LocaleProviderProps) -> Html {
    let app = use_app();
    let person = app.staff.as_ref().map(|s| s.name.clone());
    let store = app.policy.locale.clone();
    let current = use_state(|| catalogue::current().locale);
    let failed = use_state(|| None::<String>);
    // Bumped by a choice, so the same person and store resolve again.
    let generation = use_state(|| 0_u32);
    {
        let (current, failed) = (current.clone(), failed.clone());
        use_effect_with(
            (person.clone(), store.clone(), *generation),
            move |(person, store, _)| {
                let want = resolve(person.as_deref(), store.as_deref());
                if want != *current {
                    wasm_bindgen_futures::spawn_local(async move {
                        match switch(want).await {
                            Ok(c) if c.locale == want => failed.set(None),
                            // English stands in: say which language did not load.
                            Ok(_) | Err(_) => failed.set(Some(want.name.to_owned())),
                        }
                        current.set(catalogue::current().locale);
                    });
                }
            },
        );
    }
    // Before anyone signs in, the device's own choice is kept under the empty name.
    let chosen = language::of(person.as_deref().unwrap_or_default());
    let choose = {
        let (person, generation) = (person.clone(), generation.clone());
        Callback::from(move |tag: Option<String>| {
            let _ = language::choose(person.as_deref().unwrap_or_default(), tag.as_deref());
            REFOCUS.with(|r| r.set(true));
            generation.set(*generation + 1);
        })
    };
    let context = LocaleContext {
        current: *current,
        chosen,
        failed: (*failed).clone(),
        choose,
    };
    // A switch unmounts the pages for one render and mounts them afresh in the next, so
    // every text is read again from the new catalogue (state above, in `AppProvider`,
    // stays; what people type is kept by the draft).
    let shown = use_state(|| Some(*current));
    {
        let shown = shown.clone();
        use_effect_with((*current, *shown), move |(current, was)| match was {
            Some(l) if l != current => shown.set(None),
            None => shown.set(Some(*current)),
            Some(_) => {}
        });
    }
    let pages = (*shown == Some(*current)).then(|| props.children.clone());
    html! {
        <ContextProvider<LocaleContext> {context}>
            { for pages }
        </ContextProvider<LocaleContext>>
    }
}

/// The words for a customer's language `tag` (empty or not shipped: the interface's),
/// fetched the first time; the interface's stand in until they arrive. `failed` says the
/// file could not be had, so what shows is the interface's language.
#[derive(Clone, Copy)]
pub struct CustomerWords {
    pub catalogue: &'static Catalogue,
    pub failed: bool,
}

#[hook]
pub fn use_customer_words(tag: &str) -> CustomerWords {
    let wanted = catalogue::supported(tag);
    // Re-renders once the file has arrived (or failed).
    let failed = use_state(|| None::<&'static str>);
    let arrived = use_state(|| 0_u32);
    {
        let (failed, arrived) = (failed.clone(), arrived.clone());
        use_effect_with(wanted, move |wanted| {
            if let Some(l) = *wanted {
                if catalogue::loaded(l.tag).is_none() {
                    wasm_bindgen_futures::spawn_local(async move {
                        match catalogue::load(l).await {
                            Ok(_) => arrived.set(*arrived + 1),
                            Err(_) => failed.set(Some(l.tag)),
                        }
                    });
                }
            }
        });
    }
    let loaded = wanted.and_then(|l| catalogue::loaded(l.tag));
    CustomerWords {
        catalogue: loaded.unwrap_or_else(catalogue::current),
        failed: wanted.is_some_and(|l| *failed == Some(l.tag)),
    }
}
