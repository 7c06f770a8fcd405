//! The frame of every chart: caption, the chart, a legend, and its data as a table on demand.

use yew::prelude::*;

use crate::i18n::dashboard::{t, Msg};

/// A chart's figures as a table: the first cell of each row names it (a row header).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct DataTable {
    pub caption: AttrValue,
    pub head: Vec<AttrValue>,
    pub rows: Vec<Vec<AttrValue>>,
}

#[derive(Properties, PartialEq)]
pub struct ChartFigureProps {
    /// Unique on the page; the table's id derives from it.
    pub id: AttrValue,
    /// The caption, shown as a level-3 heading: also the figure's accessible name.
    pub title: AttrValue,
    #[prop_or_default]
    pub note: Option<AttrValue>,
    /// `(css class of the swatch, text)` for each series.
    #[prop_or_default]
    pub legend: Vec<(&'static str, AttrValue)>,
    /// Shown instead of the chart and its table when there is nothing to draw.
    #[prop_or_default]
    pub empty: Option<AttrValue>,
    pub table: DataTable,
    /// Whether the table starts shown.
    #[prop_or_default]
    pub open: bool,
    /// The `<svg role="img" aria-label=...>`.
    #[prop_or_default]
    pub children: Html,
}

/// A `<figure>` named by its caption, the chart, and a toggle (with `aria-expanded`)
/// that shows the same figures as a table for screen readers and for reading exact values.
#[function_component(ChartFigure)]
pub fn chart_figure(props: &ChartFigureProps) -> Html {
    let open = use_state(|| props.open);
    let table_id = format!("{}-table", props.id);
    let caption_id = format!("{}-caption", props.id);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    html! {
        <figure class="chart" id={props.id.clone()} aria-labelledby={caption_id.clone()}>
            <figcaption id={caption_id}>
                <h3>{ props.title.clone() }</h3>
                if let Some(note) = &props.note { <p class="hint">{ note.clone() }</p> }
            </figcaption>
            if let Some(empty) = &props.empty {
                <p class="empty">{ empty.clone() }</p>
            } else {
                <div class="chart-body">{ props.children.clone() }</div>
                if !props.legend.is_empty() {
                    <ul class="legend">
                        { for props.legend.iter().map(|(class, text)| html! {
                            <li><span class={classes!("swatch", *class)}></span>{ text.clone() }</li>
                        }) }
                    </ul>
                }
                <button type="button" class="secondary table-toggle" aria-expanded={(*open).to_string()}
                    aria-controls={table_id.clone()} onclick={toggle}>
                    { t(Msg::ShowTable) }
                </button>
                <div id={table_id} class="chart-table" hidden={!*open}>
                    if *open { { table(&props.table) } }
                </div>
            }
        </figure>
    }
}

fn table(data: &DataTable) -> Html {
    html! {
        // Scrolls sideways on its own when wider than a narrow side panel; focusable so
        // that keyboard users can scroll it too.
        <div class="table-scroll" tabindex="0" role="region" aria-label={data.caption.clone()}>
            <table>
                <caption>{ data.caption.clone() }</caption>
                <thead>
                    <tr>{ for data.head.iter().map(|h| html! { <th scope="col">{ h.clone() }</th> }) }</tr>
                </thead>
                <tbody>
                    { for data.rows.iter().map(|row| html! {
                        <tr>
                            { for row.iter().enumerate().map(|(i, cell)| if i == 0 {
                                html! { <th scope="row">{ cell.clone() }</th> }
                            } else {
                                html! { <td class="num">{ cell.clone() }</td> }
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}
