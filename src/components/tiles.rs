//! A radio group drawn as large touch tiles: one tap picks, arrow keys move, a legend names it.

use yew::prelude::*;

#[derive(Clone, PartialEq)]
pub struct Tile {
    pub value: AttrValue,
    pub label: AttrValue,
    /// A line under the label, e.g. a severity's definition.
    pub detail: Option<AttrValue>,
}

#[derive(Properties, PartialEq)]
pub struct TilesProps {
    /// Prefix for the inputs' ids and their shared `name`.
    pub name: AttrValue,
    pub legend: AttrValue,
    pub tiles: Vec<Tile>,
    /// The picked value, if any.
    pub value: Option<AttrValue>,
    pub onpick: Callback<String>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or_default]
    pub compact: bool,
}

#[function_component(Tiles)]
pub fn tiles(props: &TilesProps) -> Html {
    let name = props.name.to_string();
    html! {
        <fieldset class={classes!("tiles", props.compact.then_some("compact"), props.error.is_some().then_some("invalid"))}
            aria-describedby={props.error.is_some().then(|| format!("{name}-error"))}>
            <legend>{ props.legend.clone() }</legend>
            <div class="tile-grid">
                { for props.tiles.iter().map(|tile| {
                    let id = format!("{name}-{}", tile.value);
                    let checked = props.value.as_ref() == Some(&tile.value);
                    let value = tile.value.to_string();
                    let onchange = props.onpick.reform(move |_: Event| value.clone());
                    html! {
                        <div class={classes!("tile", checked.then_some("picked"))}>
                            <input type="radio" id={id.clone()} name={name.clone()} value={tile.value.clone()} {checked} {onchange}
                                aria-describedby={tile.detail.is_some().then(|| format!("{id}-detail"))} />
                            <label for={id.clone()}>
                                <span class="tile-label">{ tile.label.clone() }</span>
                            </label>
                            if let Some(detail) = &tile.detail {
                                <span class="tile-detail" id={format!("{id}-detail")}>{ detail.clone() }</span>
                            }
                        </div>
                    }
                }) }
            </div>
            if let Some(error) = &props.error {
                <p class="error" id={format!("{name}-error")} role="alert">{ error.clone() }</p>
            }
        </fieldset>
    }
}
