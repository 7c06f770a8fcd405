//! A page's frame: its heading (focus target after navigation) and body.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PageProps {
    pub title: AttrValue,
    #[prop_or_default]
    pub children: Html,
}

/// Every page has exactly one `h1`, which names it for screen readers.
#[function_component(Page)]
pub fn page(props: &PageProps) -> Html {
    html! {
        <section class="page" aria-labelledby="page-title">
            <h1 id="page-title" tabindex="-1">{ props.title.clone() }</h1>
            { props.children.clone() }
        </section>
    }
}
