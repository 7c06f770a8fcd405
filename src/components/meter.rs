//! How much of a budget is left, as a native `<meter>` and in words (the words carry the meaning).
//!
//! A native element rather than a styled div: no inline `style` (the CSP forbids it),
//! and assistive technology gets the meter role and value for free.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct MeterProps {
    /// Unique id prefix, to tie the label to the meter.
    pub id: AttrValue,
    pub label: AttrValue,
    /// The sentence shown, e.g. "€120.00 left of €250.00".
    pub text: AttrValue,
    /// Share used, in basis points (0..=10_000; more is over budget).
    pub used_bp: u32,
}

#[function_component(Meter)]
pub fn meter(props: &MeterProps) -> Html {
    let level = match props.used_bp {
        0..=7_499 => "ok",
        7_500..=10_000 => "low",
        _ => "over",
    };
    let label_id = format!("{}-label", props.id);
    let text_id = format!("{}-text", props.id);
    html! {
        <div class={classes!("meter", level)}>
            <div class="meter-head">
                <span class="meter-label" id={label_id.clone()}>{ props.label.clone() }</span>
                <span class="meter-text" id={text_id.clone()}>{ props.text.clone() }</span>
            </div>
            <meter min="0" max="10000" low="7500" high="9999" optimum="0"
                value={props.used_bp.min(10_000).to_string()}
                aria-labelledby={label_id} aria-describedby={text_id}>{ props.text.clone() }</meter>
        </div>
    }
}
