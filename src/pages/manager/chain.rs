//! Connect to your chain: the server address (this site's /db), the store and the
//! manager's own login; once connected, who is signed in, sending this device's policy as
//! the store's, and disconnecting. The server's refusals are shown in its own words.

use yew::prelude::*;

use crate::components::field::TextField;
use crate::components::sync_status::net_error;
use crate::hooks::app_state::use_app;
use crate::hooks::busy::spawn_busy;
use crate::hooks::sync::use_sync;
use crate::i18n::manager::{t, tf, Msg};

fn this_site_db() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let origin = gloo::utils::window()
            .location()
            .origin()
            .unwrap_or_default();
        format!("{origin}/db")
    }
    #[cfg(not(target_arch = "wasm32"))]
    "/db".to_owned()
}

#[function_component(Chain)]
pub fn chain() -> Html {
    let app = use_app();
    let sync = use_sync();
    let server = use_state(this_site_db);
    let store = use_state(String::new);
    let name = use_state(String::new);
    let password = use_state(String::new);
    let message = use_state(|| None::<(bool, String)>);
    let busy = use_state(|| false);
    let Some(sync) = sync else {
        return Html::default();
    };
    let set = |h: &UseStateHandle<String>| {
        let h = h.clone();
        Callback::from(move |v: String| h.set(v))
    };
    let said = message.as_ref().map(|(ok, text)| {
        let class = if *ok { "notice" } else { "error" };
        html! { <p class={class} role={if *ok { "status" } else { "alert" }}>{ text.clone() }</p> }
    });
    if let Some(c) = sync.connection.clone() {
        let publish = {
            let (sync, app, message, busy) =
                (sync.clone(), app.clone(), message.clone(), busy.clone());
            Callback::from(move |_: MouseEvent| {
                let (sync, policy, message) = (sync.clone(), app.policy.clone(), message.clone());
                spawn_busy(busy.clone(), async move {
                    message.set(Some(match sync.publish_policy(&policy).await {
                        Ok(()) => (true, t(Msg::ChainPublished).to_owned()),
                        Err(e) => (false, net_error(&e)),
                    }));
                });
            })
        };
        let rotate = {
            let (sync, message, busy) = (sync.clone(), message.clone(), busy.clone());
            Callback::from(move |_: MouseEvent| {
                let (sync, message) = (sync.clone(), message.clone());
                spawn_busy(busy.clone(), async move {
                    let key = crate::services::crypto::random_bytes(32)
                        .map(|b| amends_domain::hex(&b))
                        .map_err(|e| crate::services::sync::NetError::Protocol(e.to_string()));
                    let sent = match key {
                        Ok(key) => sync.publish_secret(&key).await,
                        Err(e) => Err(e),
                    };
                    message.set(Some(match sent {
                        Ok(()) => (true, t(Msg::ChainKeyRotated).to_owned()),
                        Err(e) => (false, net_error(&e)),
                    }));
                });
            })
        };
        let disconnect = {
            let (sync, message, busy) = (sync.clone(), message.clone(), busy.clone());
            Callback::from(move |_: MouseEvent| {
                let (sync, message) = (sync.clone(), message.clone());
                spawn_busy(busy.clone(), async move {
                    sync.disconnect().await;
                    message.set(None);
                });
            })
        };
        return html! {
            <section aria-labelledby="chain-title">
                <h2 id="chain-title">{ t(Msg::ChainTitle) }</h2>
                <p>{ tf(Msg::ChainConnected, &[("store", &c.store), ("name", &c.name)]) }</p>
                <p class="hint" id="chain-publish-hint">{ t(Msg::ChainPublishHint) }</p>
                <button type="button" onclick={publish} disabled={*busy}
                    aria-describedby="chain-publish-hint">{ t(Msg::ChainPublish) }</button>
                <p class="hint" id="chain-rotate-hint">{ t(Msg::ChainRotateHint) }</p>
                <button type="button" onclick={rotate} disabled={*busy}
                    aria-describedby="chain-rotate-hint">{ t(Msg::ChainRotateKey) }</button>
                { for said }
                <button type="button" class="secondary" onclick={disconnect} disabled={*busy}>
                    { t(Msg::ChainDisconnect) }</button>
            </section>
        };
    }
    let onsubmit = {
        let (server, store, name, password) = (
            server.clone(),
            store.clone(),
            name.clone(),
            password.clone(),
        );
        let (message, busy) = (message.clone(), busy.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (sync, message) = (sync.clone(), message.clone());
            let (server, store, name, pw) = (
                (*server).clone(),
                (*store).clone(),
                (*name).clone(),
                (*password).clone(),
            );
            password.set(String::new());
            spawn_busy(busy.clone(), async move {
                match sync.connect(&server, &store, &name, &pw).await {
                    Ok(_) => message.set(None),
                    Err(e) => message.set(Some((false, net_error(&e)))),
                }
            });
        })
    };
    html! {
        <section aria-labelledby="chain-title">
            <h2 id="chain-title">{ t(Msg::ChainTitle) }</h2>
            <p>{ t(Msg::ChainIntro) }</p>
            <form {onsubmit}>
                <TextField id="chain-server" label={t(Msg::ChainServer)} value={(*server).clone()}
                    oninput={set(&server)} hint={Some(AttrValue::from(t(Msg::ChainServerHint)))} kind="url" required=true />
                <TextField id="chain-store" label={t(Msg::ChainStore)} value={(*store).clone()}
                    oninput={set(&store)} hint={Some(AttrValue::from(t(Msg::ChainStoreHint)))} required=true />
                <TextField id="chain-name" label={t(Msg::ChainLogin)} value={(*name).clone()}
                    oninput={set(&name)} autocomplete={Some(AttrValue::from("username"))} required=true />
                <TextField id="chain-password" label={t(Msg::ChainPassword)} value={(*password).clone()}
                    oninput={set(&password)} kind="password" hint={Some(AttrValue::from(t(Msg::ChainPasswordHint)))}
                    autocomplete={Some(AttrValue::from("current-password"))} required=true />
                <button type="submit" disabled={*busy}>{ t(Msg::ChainConnect) }</button>
            </form>
            { for said }
        </section>
    }
}
