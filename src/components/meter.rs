//! How much of a budget is left, as a bar and in words (the words carry the meaning).

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct MeterProps {
    pub label: AttrValue,
    /// The sentence read out and shown, e.g. "€120.00 left of €250.00".
    pub text: AttrValue,
    /// Share used, in basis points (0..=10_000; more is over budget).
    pub used_bp: u32,
}

#[function_component(Meter)]
pub fn meter(props: &MeterProps) -> Html {
    let pct = props.used_bp.min(10_000) / 100;
    let level = match props.used_bp {
        0..=7_499 => "ok",
        7_500..=10_000 => "low",
        _ => "over",
    };
    html! {
        <div class={classes!("meter", level)}>
            <div class="meter-head"><span class="meter-label">{ props.label.clone() }</span>
                <span class="meter-text">{ props.text.clone() }</span></div>
            <div class="meter-bar" aria-hidden="true"><div class="meter-fill" style={format!("width:{pct}%")}></div></div>
        </div>
    }
}
