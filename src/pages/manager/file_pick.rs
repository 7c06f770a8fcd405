//! A labelled file input that reads the chosen file and hands over its bytes.

use yew::prelude::*;

use crate::services::files::{read_first, FileError, PickedFile};

#[derive(Properties, PartialEq)]
pub struct FilePickProps {
    pub id: AttrValue,
    pub label: AttrValue,
    /// File types offered first, e.g. ".json,application/json".
    pub accept: AttrValue,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    pub onpick: Callback<Result<PickedFile, FileError>>,
}

#[function_component(FilePick)]
pub fn file_pick(props: &FilePickProps) -> Html {
    let onchange = {
        let onpick = props.onpick.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let onpick = onpick.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let read = read_first(&input).await;
                // Choosing the same file again is a new choice.
                input.set_value("");
                onpick.emit(read);
            });
        })
    };
    let id = props.id.to_string();
    html! {
        <div class="field file-field">
            <label for={id.clone()}>{ props.label.clone() }</label>
            <input type="file" id={id.clone()} accept={props.accept.clone()} {onchange}
                aria-describedby={props.hint.is_some().then(|| format!("{id}-hint"))} />
            if let Some(h) = &props.hint { <p class="hint" id={format!("{id}-hint")}>{ h.clone() }</p> }
        </div>
    }
}
