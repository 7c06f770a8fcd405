//! Labelled inputs: text, number-like text, select, textarea, checkbox, with hint and error.

use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

fn describedby(id: &str, hint: bool, error: bool) -> Option<String> {
    let mut ids = Vec::new();
    if hint {
        ids.push(format!("{id}-hint"));
    }
    if error {
        ids.push(format!("{id}-error"));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

fn extras(id: &str, hint: &Option<AttrValue>, error: &Option<AttrValue>) -> Html {
    html! {
        <>
            if let Some(hint) = hint { <p class="hint" id={format!("{id}-hint")}>{ hint.clone() }</p> }
            if let Some(error) = error {
                <p class="error" id={format!("{id}-error")} role="alert">{ error.clone() }</p>
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub oninput: Callback<String>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// `text`, `email`, `tel`, `password`, ...
    #[prop_or(AttrValue::Static("text"))]
    pub kind: AttrValue,
    /// `decimal` brings up a number pad on tablets without the quirks of `type=number`.
    #[prop_or_default]
    pub inputmode: Option<AttrValue>,
    #[prop_or_default]
    pub autocomplete: Option<AttrValue>,
    #[prop_or_default]
    pub required: bool,
}

#[function_component(TextField)]
pub fn text_field(props: &TextFieldProps) -> Html {
    let oninput = props
        .oninput
        .reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value());
    let id = props.id.to_string();
    html! {
        <div class={classes!("field", props.error.is_some().then_some("invalid"))}>
            <label for={id.clone()}>{ props.label.clone() }</label>
            <input id={id.clone()} type={props.kind.clone()} value={props.value.clone()} {oninput}
                inputmode={props.inputmode.clone()} autocomplete={props.autocomplete.clone().unwrap_or("off".into())}
                required={props.required}
                aria-invalid={props.error.is_some().then_some("true")}
                aria-describedby={describedby(&id, props.hint.is_some(), props.error.is_some())} />
            { extras(&id, &props.hint, &props.error) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct TextAreaProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub oninput: Callback<String>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or(3)]
    pub rows: u32,
}

#[function_component(TextArea)]
pub fn text_area(props: &TextAreaProps) -> Html {
    let oninput = props
        .oninput
        .reform(|e: InputEvent| e.target_unchecked_into::<HtmlTextAreaElement>().value());
    let id = props.id.to_string();
    html! {
        <div class={classes!("field", props.error.is_some().then_some("invalid"))}>
            <label for={id.clone()}>{ props.label.clone() }</label>
            <textarea id={id.clone()} value={props.value.clone()} {oninput} rows={props.rows.to_string()}
                aria-invalid={props.error.is_some().then_some("true")}
                aria-describedby={describedby(&id, props.hint.is_some(), props.error.is_some())} />
            { extras(&id, &props.hint, &props.error) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct SelectFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    /// `(value, label)` pairs.
    pub options: Vec<(AttrValue, AttrValue)>,
    pub value: AttrValue,
    pub onchange: Callback<String>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
}

#[function_component(SelectField)]
pub fn select_field(props: &SelectFieldProps) -> Html {
    let onchange = props
        .onchange
        .reform(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value());
    let id = props.id.to_string();
    html! {
        <div class={classes!("field", props.error.is_some().then_some("invalid"))}>
            <label for={id.clone()}>{ props.label.clone() }</label>
            <select id={id.clone()} {onchange}
                aria-invalid={props.error.is_some().then_some("true")}
                aria-describedby={describedby(&id, props.hint.is_some(), props.error.is_some())}>
                { for props.options.iter().map(|(value, label)| html! {
                    <option value={value.clone()} selected={*value == props.value}>{ label.clone() }</option>
                }) }
            </select>
            { extras(&id, &props.hint, &props.error) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct CheckboxProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub checked: bool,
    pub onchange: Callback<bool>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
}

/// A checkbox whose whole row is the touch target.
#[function_component(Checkbox)]
pub fn checkbox(props: &CheckboxProps) -> Html {
    let onchange = props
        .onchange
        .reform(|e: Event| e.target_unchecked_into::<HtmlInputElement>().checked());
    let id = props.id.to_string();
    html! {
        <div class="check">
            <input type="checkbox" id={id.clone()} checked={props.checked} {onchange}
                aria-describedby={props.hint.is_some().then(|| format!("{id}-hint"))} />
            <label for={id.clone()}>{ props.label.clone() }</label>
            if let Some(hint) = &props.hint { <p class="hint" id={format!("{id}-hint")}>{ hint.clone() }</p> }
        </div>
    }
}
