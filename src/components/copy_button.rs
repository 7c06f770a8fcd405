//! Copies ready text (into a ticket, chat or email) and says so.

use yew::prelude::*;

use crate::i18n::{t, M};

#[derive(Properties, PartialEq)]
pub struct CopyButtonProps {
    pub text: AttrValue,
    /// What is copied, for the button's name, e.g. "Copy apology".
    pub label: AttrValue,
}

#[function_component(CopyButton)]
pub fn copy_button(props: &CopyButtonProps) -> Html {
    let copied = use_state(|| None::<bool>);
    let onclick = {
        let text = props.text.to_string();
        let copied = copied.clone();
        Callback::from(move |_| {
            let text = text.clone();
            let copied = copied.clone();
            wasm_bindgen_futures::spawn_local(async move {
                copied.set(Some(crate::services::clipboard::copy(&text).await));
            });
        })
    };
    html! {
        <span class="copy">
            <button type="button" class="secondary" {onclick}>{ props.label.clone() }</button>
            <span class="copy-status" role="status">
                { match *copied { Some(true) => t(M::Copied), Some(false) => t(M::CopyFailed), None => "" } }
            </span>
        </span>
    }
}
