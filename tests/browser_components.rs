//! Components mounted in real Chromium: a tap on a tile picks it.
#![cfg(target_arch = "wasm32")]

use amends::components::tiles::{Tile, Tiles};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

#[function_component(Picker)]
fn picker() -> Html {
    let picked = use_state(|| None::<String>);
    let onpick = {
        let picked = picked.clone();
        Callback::from(move |v: String| picked.set(Some(v)))
    };
    let tiles = ["chat", "phone"]
        .iter()
        .map(|v| Tile {
            value: (*v).into(),
            label: v.to_uppercase().into(),
            detail: None,
        })
        .collect::<Vec<_>>();
    html! {
        <>
            <Tiles name="channel" legend="Channel" {tiles} value={(*picked).clone().map(AttrValue::from)} {onpick} />
            <p id="picked">{ (*picked).clone().unwrap_or_default() }</p>
        </>
    }
}

async fn settle() {
    gloo::timers::future::TimeoutFuture::new(20).await;
}

#[wasm_bindgen_test]
async fn clicking_a_tile_picks_it() {
    let doc = gloo::utils::document();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<Picker>::with_root(root.clone()).render();
    settle().await;
    let phone: web_sys::HtmlElement = doc
        .get_element_by_id("channel-phone")
        .expect("the phone tile's radio")
        .dyn_into()
        .unwrap();
    phone.click();
    settle().await;
    assert_eq!(
        doc.get_element_by_id("picked")
            .unwrap()
            .text_content()
            .unwrap(),
        "phone"
    );
    let input: web_sys::HtmlInputElement = phone.dyn_into().unwrap();
    assert!(input.checked());
    let tile = doc.query_selector(".tile.picked label").unwrap().unwrap();
    assert_eq!(tile.text_content().unwrap(), "PHONE");
}

#[wasm_bindgen_test]
async fn a_pin_hash_verifies_the_pin_and_nothing_else() {
    use amends::services::crypto::{hash_pin, verify_pin, PIN_ITERATIONS};
    let h = hash_pin("246810")
        .await
        .expect("crypto.subtle is available");
    assert_eq!(h.iterations, PIN_ITERATIONS);
    assert!(!h.hash_hex.contains("246810"));
    assert_eq!(h.salt_hex.len(), 32, "16 random bytes of salt");
    assert!(verify_pin("246810", &h).await.unwrap());
    assert!(!verify_pin("246811", &h).await.unwrap());
    let again = hash_pin("246810").await.unwrap();
    assert_ne!(again.hash_hex, h.hash_hex, "a new salt gives a new hash");
}
