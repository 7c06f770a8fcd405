//! Choosing a language: the footer's picker for the person using the device, and the
//! options every language select shows (each language named in itself, so someone who
//! cannot read the current one still finds theirs).

use yew::prelude::*;

use crate::components::field::SelectField;
use crate::hooks::locale::use_locale;
use crate::i18n::catalogue::LOCALES;
use crate::i18n::{t, tf, M};

/// `("", default)` then every shipped locale as `(tag, name in itself)`.
pub fn options(default: &str) -> Vec<(AttrValue, AttrValue)> {
    std::iter::once((AttrValue::from(""), AttrValue::from(default.to_owned())))
        .chain(
            LOCALES
                .iter()
                .map(|l| (AttrValue::from(l.tag), AttrValue::from(l.name))),
        )
        .collect()
}

/// "Language" for whoever uses the device now; their choice follows them.
#[function_component(LanguagePicker)]
pub fn language_picker() -> Html {
    let locale = use_locale();
    use_effect_with((), |_| {
        #[cfg(target_arch = "wasm32")]
        if crate::hooks::locale::take_refocus() {
            use wasm_bindgen::JsCast;
            if let Some(el) = gloo::utils::document()
                .get_element_by_id("language")
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = el.focus();
            }
        }
    });
    let onchange = {
        let choose = locale.choose.clone();
        Callback::from(move |v: String| choose.emit((!v.is_empty()).then_some(v)))
    };
    html! {
        <div class="language">
            <SelectField id="language" label={t(M::LanguageLabel)} options={options(t(M::LanguageDefault))}
                value={locale.chosen.clone().unwrap_or_default()} {onchange}
                error={locale.failed.as_ref().map(|tag| AttrValue::from(tf(M::LanguageFailed, &[("language", tag)])))} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct CustomerLanguageProps {
    /// The chosen tag; empty: the staff member's own language.
    pub value: AttrValue,
    pub onchange: Callback<String>,
    /// Why the choice is not in effect (a link's value that is not shipped, a file that
    /// could not be loaded).
    #[prop_or_default]
    pub error: Option<AttrValue>,
}

/// "Customer's language": the texts written or said to the customer follow it.
#[function_component(CustomerLanguage)]
pub fn customer_language(props: &CustomerLanguageProps) -> Html {
    html! {
        <SelectField id="customer_locale" label={t(M::CustomerLanguage)} options={options(t(M::CustomerLanguageSame))}
            value={props.value.clone()} hint={t(M::CustomerLanguageHint)} error={props.error.clone()}
            onchange={props.onchange.clone()} />
    }
}
