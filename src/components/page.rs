//! A page's frame: its heading (focus target after navigation) and body.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PageProps {
    pub title: AttrValue,
    #[prop_or_default]
    pub children: Html,
}

/// Every page has exactly one `h1`, which names it for screen readers. When a page
/// opens, the document title follows it and focus moves to the heading, so keyboard
/// and screen-reader users land on the new page rather than on the old link.
#[function_component(Page)]
pub fn page(props: &PageProps) -> Html {
    #[cfg(target_arch = "wasm32")]
    {
        let title = props.title.clone();
        use_effect_with(title, |title| {
            let document = gloo::utils::document();
            document.set_title(&format!("{title} · Amends"));
            let focused_elsewhere = document
                .active_element()
                .is_some_and(|el| el.tag_name() != "BODY" && el.tag_name() != "A");
            if !focused_elsewhere {
                if let Some(h1) = document.get_element_by_id("page-title") {
                    use wasm_bindgen::JsCast;
                    if let Ok(h1) = h1.dyn_into::<web_sys::HtmlElement>() {
                        let _ = h1.focus();
                    }
                }
            }
        });
    }
    // Everyone sees that limits are lowered while the stored policy cannot be read.
    let fault = use_context::<crate::hooks::app_state::AppHandle>()
        .is_some_and(|app| app.policy_fault.is_some());
    html! {
        <section class="page" aria-labelledby="page-title">
            <h1 id="page-title" tabindex="-1">{ props.title.clone() }</h1>
            if fault {
                <p class="warning" role="alert">{ crate::i18n::integrity::t(crate::i18n::integrity::Msg::FaultStaff) }</p>
            }
            { props.children.clone() }
        </section>
    }
}
