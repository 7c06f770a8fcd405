//! Horizontal bars, one per named row (channels, touchpoints, remedies), negative values allowed.

use yew::prelude::*;

use super::scale::{px, Linear};

/// One bar: its name, its value (none: nothing to draw, e.g. no answers) and the value
/// as text, written at the end of the row.
#[derive(Clone, Debug, PartialEq)]
pub struct BarRow {
    pub label: AttrValue,
    pub value: Option<i64>,
    pub text: AttrValue,
}

#[derive(Properties, PartialEq)]
pub struct BarListProps {
    /// What the chart shows, in a sentence: the `aria-label` of the `<svg role="img">`.
    pub label: AttrValue,
    pub rows: Vec<BarRow>,
    /// The scale's left end: 0, or below 0 for a score such as NPS.
    #[prop_or_default]
    pub lo: i64,
    /// The scale's right end; at least 1.
    pub hi: i64,
}

const WIDTH: f64 = 480.0;
const EDGE: f64 = 4.0;
const ROW: f64 = 46.0;

/// Each row is a line of text (name left, value right) above its bar, so that long names
/// fit in a narrow side panel. Pixel positions are `f64` computed from the integer values.
#[function_component(BarList)]
pub fn bar_list(props: &BarListProps) -> Html {
    let hi = props.hi.max(1);
    let lo = props.lo.min(0);
    let x = Linear::new(lo, hi, EDGE, WIDTH - EDGE);
    let zero = x.at(0);
    let height = ROW * props.rows.len().max(1) as f64 + 4.0;
    let rows = props.rows.iter().enumerate().map(|(i, r)| {
        let top = ROW * i as f64;
        let bar = r.value.map(|v| {
            let end = x.at(v);
            let (from, to) = if end < zero { (end, zero) } else { (zero, end) };
            // A value of zero still shows a hairline, so "0" is visibly drawn, not missing.
            let w = (to - from).max(1.5);
            html! {
                <rect class={classes!("bar", (v < 0).then_some("negative"))} x={px(from)} y={px(top + 24.0)}
                    width={px(w)} height="14" />
            }
        });
        html! {
            <g>
                <rect class="track" x={px(EDGE)} y={px(top + 24.0)} width={px(WIDTH - 2.0 * EDGE)} height="14" />
                { for bar }
                <text class="row-label" x={px(EDGE)} y={px(top + 17.0)}>{ r.label.clone() }</text>
                <text class="row-value" x={px(WIDTH - EDGE)} y={px(top + 17.0)} text-anchor="end">{ r.text.clone() }</text>
            </g>
        }
    });
    html! {
        <svg class="chart-svg" role="img" aria-label={props.label.clone()} focusable="false"
            viewBox={format!("0 0 {} {}", px(WIDTH), px(height))} preserveAspectRatio="xMidYMid meet">
            { for rows }
            if lo < 0 {
                <line class="axis zero" x1={px(zero)} x2={px(zero)} y1="20" y2={px(height)} />
            }
        </svg>
    }
}
