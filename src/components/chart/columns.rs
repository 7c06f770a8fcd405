//! Vertical columns along an axis (weeks, categories), with an optional line on a second scale.

use yew::prelude::*;

use super::scale::{label_every, px, Linear};

/// One column: its label on the axis and its value (a count, minor units, ...).
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub label: AttrValue,
    pub value: i64,
}

#[derive(Properties, PartialEq)]
pub struct ColumnChartProps {
    /// What the chart shows, in a sentence: the `aria-label` of the `<svg role="img">`.
    pub label: AttrValue,
    pub columns: Vec<Column>,
    /// Left scale: `(value, text)` from 0 up; the last is the top of the scale.
    pub ticks: Vec<(i64, AttrValue)>,
    /// A second series drawn as a line over the columns, one value per column.
    #[prop_or_default]
    pub line: Option<Vec<i64>>,
    /// Right scale of the line, as `ticks`.
    #[prop_or_default]
    pub line_ticks: Vec<(i64, AttrValue)>,
    /// At most this many column labels are written; the others are skipped evenly.
    #[prop_or(6)]
    pub max_labels: usize,
    /// Slanted column labels, for long names.
    #[prop_or_default]
    pub slanted: bool,
}

const WIDTH: f64 = 480.0;
const LEFT: f64 = 4.0;
const RIGHT: f64 = 4.0;
const TOP: f64 = 24.0;
const PLOT_BOTTOM: f64 = 210.0;

/// cos 40°: how much of a label slanted at 40 degrees reaches to the left.
const SLANT_COS: f64 = 0.766;

/// The left margin that keeps slanted labels (which end under their column and run
/// down-left) inside the drawing, given the column width without a margin.
pub fn slant_margin(labels: &[&str], band: f64) -> f64 {
    let reach = labels
        .iter()
        .enumerate()
        .map(|(i, l)| text_width(l) * SLANT_COS - band * (i as f64 + 0.5))
        .fold(0.0, f64::max);
    // The columns narrow as the margin grows; a second step makes up for it.
    let narrower = band * (WIDTH - LEFT - RIGHT - reach) / (WIDTH - LEFT - RIGHT);
    let reach = labels
        .iter()
        .enumerate()
        .map(|(i, l)| text_width(l) * SLANT_COS - narrower * (i as f64 + 0.5))
        .fold(0.0, f64::max);
    (reach + LEFT).clamp(LEFT, WIDTH / 3.0)
}

/// A generous estimate of a label's width: the charts' font is 13 units, 16 on narrow
/// screens (see the styles).
fn text_width(s: &str) -> f64 {
    s.chars().count() as f64 * 9.0
}

/// Columns, gridlines labelled inside the plot, and an optional line with its own scale.
/// Pixel positions are `f64` computed from the integer values (see [`Linear`]).
#[function_component(ColumnChart)]
pub fn column_chart(props: &ColumnChartProps) -> Html {
    let n = props.columns.len().max(1);
    let label_room = if props.slanted { 112.0 } else { 30.0 };
    let height = PLOT_BOTTOM + label_room;
    let top = props.ticks.last().map_or(1, |t| t.0).max(1);
    let y = Linear::new(0, top, PLOT_BOTTOM, TOP);
    let left = if props.slanted {
        let labels: Vec<&str> = props.columns.iter().map(|c| c.label.as_str()).collect();
        slant_margin(&labels, (WIDTH - LEFT - RIGHT) / n as f64)
    } else {
        LEFT
    };
    let band = (WIDTH - left - RIGHT) / n as f64;
    let bar = if band >= 4.0 { band * 0.72 } else { band * 0.9 };
    let centre = |i: usize| left + band * (i as f64 + 0.5);
    let every = label_every(props.columns.len(), props.max_labels);

    let grid = props.ticks.iter().map(|(v, _)| {
        let gy = y.at(*v);
        html! { <line class="grid" x1={px(LEFT)} x2={px(WIDTH - RIGHT)} y1={px(gy)} y2={px(gy)} /> }
    });
    // Written over the columns, with a halo (see the styles) so they stay legible.
    let tick_texts = props.ticks.iter().map(|(v, text)| {
        html! { <text class="tick" x={px(LEFT)} y={px(y.at(*v) - 5.0)}>{ text.clone() }</text> }
    });
    let bars = props.columns.iter().enumerate().map(|(i, c)| {
        let top_y = y.at(c.value);
        html! {
            <rect class="bar" x={px(centre(i) - bar / 2.0)} y={px(top_y)}
                width={px(bar)} height={px((PLOT_BOTTOM - top_y).max(0.0))} />
        }
    });
    let labels = props
        .columns
        .iter()
        .enumerate()
        .filter(|(i, _)| i % every == 0)
        .map(|(i, c)| {
            let x = centre(i);
            let ly = PLOT_BOTTOM + 18.0;
            if props.slanted {
                html! {
                    <text class="axis-label" x={px(x)} y={px(ly)} text-anchor="end"
                        transform={format!("rotate(-40 {} {})", px(x), px(ly))}>{ c.label.clone() }</text>
                }
            } else {
                let anchor = if every > 1 || n > 6 { "start" } else { "middle" };
                let x = if anchor == "start" { x - band / 2.0 } else { x };
                // A label that would run off the right edge is left out (the table has it).
                let end = if anchor == "start" {
                    x + text_width(&c.label)
                } else {
                    x + text_width(&c.label) / 2.0
                };
                if end > WIDTH {
                    return html! {};
                }
                html! {
                    <g>
                        <line class="axis" x1={px(centre(i))} x2={px(centre(i))} y1={px(PLOT_BOTTOM)} y2={px(PLOT_BOTTOM + 5.0)} />
                        <text class="axis-label" x={px(x)} y={px(ly)} text-anchor={anchor}>{ c.label.clone() }</text>
                    </g>
                }
            }
        });
    let line = props.line.as_ref().map(|values| {
        let line_top = props.line_ticks.last().map_or(1, |t| t.0).max(1);
        let ly = Linear::new(0, line_top, PLOT_BOTTOM, TOP);
        let points = values
            .iter()
            .enumerate()
            .map(|(i, v)| format!("{},{}", px(centre(i)), px(ly.at(*v))))
            .collect::<Vec<_>>()
            .join(" ");
        let dots = (values.len() <= 24).then(|| {
            html! {
                { for values.iter().enumerate().map(|(i, v)| html! {
                    <circle class="line-dot" cx={px(centre(i))} cy={px(ly.at(*v))} r="3.5" />
                }) }
            }
        });
        let right = props.line_ticks.iter().map(|(v, text)| {
            let ty = ly.at(*v);
            html! {
                <g>
                    <line class="axis line-axis" x1={px(WIDTH - RIGHT - 6.0)} x2={px(WIDTH - RIGHT)} y1={px(ty)} y2={px(ty)} />
                    <text class="tick tick-line" x={px(WIDTH - RIGHT)} y={px(ty - 5.0)} text-anchor="end">{ text.clone() }</text>
                </g>
            }
        });
        html! {
            <g>
                <polyline class="line" points={points} />
                { for dots }
                { for right }
            </g>
        }
    });
    html! {
        <svg class="chart-svg" role="img" aria-label={props.label.clone()} focusable="false"
            viewBox={format!("0 0 {} {}", px(WIDTH), px(height))} preserveAspectRatio="xMidYMid meet">
            <g class="grid-lines">{ for grid }</g>
            <g class="bars">{ for bars }</g>
            <line class="axis" x1={px(LEFT)} x2={px(WIDTH - RIGHT)} y1={px(PLOT_BOTTOM)} y2={px(PLOT_BOTTOM)} />
            { for line }
            <g class="ticks">{ for tick_texts }</g>
            <g class="labels">{ for labels }</g>
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slanted_labels_get_the_room_they_reach_into() {
        assert_eq!(slant_margin(&[], 30.0), LEFT);
        assert_eq!(
            slant_margin(&["a", "b"], 200.0),
            LEFT,
            "short labels need nothing"
        );
        let m = slant_margin(&["Unhelpful staff", "Other"], 30.0);
        // 15 characters at 9 units, 77% of it to the left, less half a column.
        assert!(m > 80.0 && m < 110.0, "{m}");
        assert!(slant_margin(&["x".repeat(200).as_str()], 10.0) <= WIDTH / 3.0);
    }
}
