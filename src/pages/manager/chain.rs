//! Connect to your chain: the server address (this site's /db) and the manager's own
//! login, then the store, from the server's list of those the login may use; once
//! connected, who is signed in, signing in again when the server ended the session,
//! sending this device's policy as the store's, and disconnecting. The server's refusals
//! are shown in its own words.

use yew::prelude::*;

use std::rc::Rc;

use amends_domain::sync::stores::StoreEntry;

use crate::components::field::{SelectField, TextField};
use crate::components::sync_status::net_error;
use crate::hooks::app_state::use_app;
use crate::hooks::busy::spawn_busy;
use crate::hooks::sync::{stores_for, use_sync, SyncStatus};
use crate::i18n::manager::{t, tf, tp, Msg};
use crate::services::sync::{self as net, NetError, Session};

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
    let signed = use_state(|| None::<(Session, Rc<Vec<StoreEntry>>)>);
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
            let signed = signed.clone();
            let store = c.store.clone();
            Callback::from(move |_: MouseEvent| {
                let (sync, message) = (sync.clone(), message.clone());
                signed.set(None);
                let store = store.clone();
                spawn_busy(busy.clone(), async move {
                    match sync.disconnect().await {
                        Ok(()) => message.set(None),
                        Err(n) => message.set(Some((
                            false,
                            tp(
                                Msg::ChainLeaveWaiting,
                                n,
                                &[("n", &crate::services::intl::count(n)), ("store", &store)],
                            ),
                        ))),
                    }
                });
            })
        };
        // The server ended the session (a device offline for days): the same login signs
        // in again here, where the status line sends the user.
        // A refusal (an erasure needs a manager's login) is mended the same way, with
        // another login of this store.
        let ended = sync.status == SyncStatus::Error(NetError::SignedOut);
        let refused = matches!(
            sync.status,
            SyncStatus::Error(NetError::Refused(_) | NetError::ErasureNeedsManager(_))
        );
        let again = (ended || refused).then(|| {
            let onsubmit = {
                let (sync, password, message) = (sync.clone(), password.clone(), message.clone());
                let (busy, login) = (busy.clone(), name.clone());
                Callback::from(move |e: SubmitEvent| {
                    e.prevent_default();
                    let (sync, message, pw) = (sync.clone(), message.clone(), (*password).clone());
                    let login = (*login).clone();
                    password.set(String::new());
                    spawn_busy(busy.clone(), async move {
                        match sync.sign_in_again(&login, &pw).await {
                            Ok(()) => message.set(None),
                            Err(e) => message.set(Some((false, net_error(&e)))),
                        }
                    });
                })
            };
            html! {
                <form {onsubmit}>
                    if ended {
                        <p class="warning">{ t(Msg::ChainSessionEnded) }</p>
                    }
                    <TextField id="chain-name" label={t(Msg::ChainLogin)} value={(*name).clone()}
                        oninput={set(&name)} autocomplete={Some(AttrValue::from("username"))}
                        hint={Some(AttrValue::from(c.name.clone()))} />
                    <TextField id="chain-password" label={t(Msg::ChainPassword)} value={(*password).clone()}
                        oninput={set(&password)} kind="password" hint={Some(AttrValue::from(t(Msg::ChainPasswordHint)))}
                        autocomplete={Some(AttrValue::from("current-password"))} required=true />
                    <button type="submit" disabled={*busy}>{ t(Msg::ChainSignInAgain) }</button>
                </form>
            }
        });
        return html! {
            <section aria-labelledby="chain-title">
                <h2 id="chain-title">{ t(Msg::ChainTitle) }</h2>
                <p>{ tf(Msg::ChainConnected, &[("store", &c.store), ("name", &c.name)]) }</p>
                { for again }
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
    // Step 1: sign in; step 2: the store, from the server's list for this login.
    let Some((session, stores)) = (*signed).clone() else {
        let onsubmit = {
            let (server, name, password, signed) = (
                server.clone(),
                name.clone(),
                password.clone(),
                signed.clone(),
            );
            let (message, busy, store) = (message.clone(), busy.clone(), store.clone());
            Callback::from(move |e: SubmitEvent| {
                e.prevent_default();
                let (message, signed, store) = (message.clone(), signed.clone(), store.clone());
                let (server, name, pw) = ((*server).clone(), (*name).clone(), (*password).clone());
                password.set(String::new());
                spawn_busy(busy.clone(), async move {
                    let got = async {
                        let session = net::sign_in(server.trim(), name.trim(), &pw).await?;
                        let list = stores_for(&server, &session).await?;
                        Ok::<_, NetError>((session, list))
                    };
                    match got.await {
                        Ok((session, list)) => {
                            store.set(list.first().map(|s| s.id.clone()).unwrap_or_default());
                            message.set(None);
                            signed.set(Some((session, Rc::new(list))));
                        }
                        Err(e) => message.set(Some((false, net_error(&e)))),
                    }
                });
            })
        };
        return html! {
            <section aria-labelledby="chain-title">
                <h2 id="chain-title">{ t(Msg::ChainTitle) }</h2>
                <p>{ t(Msg::ChainIntro) }</p>
                <form {onsubmit}>
                    <TextField id="chain-server" label={t(Msg::ChainServer)} value={(*server).clone()}
                        oninput={set(&server)} hint={Some(AttrValue::from(t(Msg::ChainServerHint)))} kind="url" required=true />
                    <TextField id="chain-name" label={t(Msg::ChainLogin)} value={(*name).clone()}
                        oninput={set(&name)} autocomplete={Some(AttrValue::from("username"))} required=true />
                    <TextField id="chain-password" label={t(Msg::ChainPassword)} value={(*password).clone()}
                        oninput={set(&password)} kind="password" hint={Some(AttrValue::from(t(Msg::ChainPasswordHint)))}
                        autocomplete={Some(AttrValue::from("current-password"))} required=true />
                    <button type="submit" disabled={*busy}>{ t(Msg::ChainSignIn) }</button>
                </form>
                { for said }
            </section>
        };
    };
    let onsubmit = {
        let (server, store, session) = (server.clone(), store.clone(), session.clone());
        let (message, busy) = (message.clone(), busy.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (sync, message, session) = (sync.clone(), message.clone(), session.clone());
            let (server, store) = ((*server).clone(), (*store).clone());
            spawn_busy(busy.clone(), async move {
                match sync.join(&server, &store, session).await {
                    Ok(_) => message.set(None),
                    Err(e) => message.set(Some((false, net_error(&e)))),
                }
            });
        })
    };
    let other = {
        let signed = signed.clone();
        Callback::from(move |_: MouseEvent| signed.set(None))
    };
    let options: Vec<(AttrValue, AttrValue)> = stores
        .iter()
        .map(|s| {
            let label = if s.name == s.id {
                s.id.clone()
            } else {
                format!("{} ({})", s.name, s.id)
            };
            (AttrValue::from(s.id.clone()), AttrValue::from(label))
        })
        .collect();
    html! {
        <section aria-labelledby="chain-title">
            <h2 id="chain-title">{ t(Msg::ChainTitle) }</h2>
            <p>{ t(Msg::ChainIntro) }</p>
            if stores.is_empty() {
                <p class="error" role="alert">{ t(Msg::ChainNoStores) }</p>
            } else {
                <form {onsubmit}>
                    <SelectField id="chain-store" label={t(Msg::ChainStore)} {options}
                        value={AttrValue::from((*store).clone())} onchange={set(&store)}
                        hint={Some(AttrValue::from(t(Msg::ChainStoresHint)))} />
                    <button type="submit" disabled={*busy}>{ t(Msg::ChainConnect) }</button>
                </form>
            }
            <button type="button" class="secondary" onclick={other} disabled={*busy}>{ t(Msg::ChainOtherLogin) }</button>
            { for said }
        </section>
    }
}
