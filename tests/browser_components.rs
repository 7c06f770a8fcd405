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

pub async fn settle() {
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

mod app_state {
    use super::settle;
    use amends::hooks::app_state::{keys, use_app, AppProvider, Health};
    use amends::services::crypto::PinHash;
    use amends::services::storage::Db;
    use amends_domain::AuditEntry;
    use wasm_bindgen_test::*;
    use yew::prelude::*;

    /// An entry told apart by who made it.
    fn entry(who: &str) -> AuditEntry {
        AuditEntry::new(1, who, amends_domain::Event::PinChanged)
    }

    fn pin() -> PinHash {
        PinHash {
            schema: 1,
            salt_hex: "00".into(),
            iterations: 1,
            hash_hex: "00".into(),
        }
    }

    /// Calls two intents back to back on the same handle, as a page's event handler may.
    /// Intents compute from the handle's state; in yew 0.23 a `use_reducer` handle reads
    /// the latest state (dispatch updates it at once), so the second builds on the first.
    /// This guards that property if the state ever moves to a snapshot-style hook.
    #[function_component(TwoIntents)]
    fn two_intents() -> Html {
        let app = use_app();
        let ready = app.health == Health::Ready;
        use_effect_with(ready, move |ready| {
            if *ready {
                wasm_bindgen_futures::spawn_local(async move {
                    // A PIN change carries its audit entry; two in a row must keep both.
                    app.set_pin(pin(), Some(entry("first"))).await.unwrap();
                    app.set_pin(pin(), Some(entry("second"))).await.unwrap();
                });
            }
        });
        html! {}
    }

    #[function_component(Harness)]
    fn harness() -> Html {
        html! { <AppProvider><TwoIntents /></AppProvider> }
    }

    #[wasm_bindgen_test]
    async fn intents_back_to_back_build_on_each_other() {
        let root = gloo::utils::document().create_element("div").unwrap();
        yew::Renderer::<Harness>::with_root(root).render();
        for _ in 0..100 {
            settle().await;
            let db = Db::open().await.unwrap();
            // The audit is append-only: one entry per key under `audit/`.
            let entries = db.kv_prefixed(keys::AUDIT_ENTRY).await.unwrap();
            let fields: Vec<String> = entries
                .iter()
                .map(|(_, json)| serde_json::from_str::<AuditEntry>(json).unwrap().who)
                .collect();
            if fields.iter().any(|f| f == "second") {
                assert!(
                    fields.iter().any(|f| f == "first"),
                    "the first intent's entry survives: {fields:?}"
                );
                return;
            }
        }
        panic!("the audit was never written");
    }
}
