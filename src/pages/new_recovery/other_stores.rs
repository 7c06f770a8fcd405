//! Repeat customers across stores (chain build): the customer's spends at other stores,
//! fetched when the reference is typed, added to this device's budget state; offline or not
//! connected, the page says other stores were not checked.

use std::rc::Rc;

use amends_domain::sync::{count_other_stores, Spend};
use amends_domain::{BudgetState, CustomerKeys, MoneyError, Policy};
use yew::prelude::*;

use crate::hooks::sync::{use_sync, SyncStatus};
use crate::i18n::manager::{t, Msg};
use crate::services::clock::now_ms;

/// What the chain said about this customer: for which keys, and the store and its spends
/// (`None`: not checked), beside the keys the draft has now.
#[derive(Clone, PartialEq)]
pub struct OtherStores {
    keys: CustomerKeys,
    found: Option<Option<(String, Vec<Spend>)>>,
    now: CustomerKeys,
}

impl OtherStores {
    /// `real` (this device's budget state) with other stores' spends added, when they were
    /// checked for the draft's customer; an overflow stays an error.
    pub fn add(
        &self,
        real: &Result<BudgetState, MoneyError>,
        policy: &Policy,
    ) -> Rc<Result<BudgetState, MoneyError>> {
        let mut real = real.clone();
        if let (Ok(state), Some(Some((store, spends)))) = (&mut real, &self.found) {
            if self.keys == self.now {
                if let Err(e) = count_other_stores(state, spends, policy, store, now_ms()) {
                    real = Err(e);
                }
            }
        }
        Rc::new(real)
    }

    /// "Other stores were not checked", for a customer given while offline or not connected.
    pub fn notice(&self) -> Html {
        if self.now.current().is_none()
            || self.keys != self.now
            || !matches!(self.found, Some(None))
        {
            return Html::default();
        }
        html! { <p class="notice" role="status">{ t(Msg::OtherStoresNotChecked) }</p> }
    }
}

/// Fetches other stores' spends when the customer's keys change, when sync comes back
/// online, and after each sync pass while the last lookup could not reach the server.
#[hook]
pub fn use_other_stores(keys: CustomerKeys, window_days: u32) -> OtherStores {
    let sync = use_sync();
    let found = use_state(|| OtherStores {
        keys: CustomerKeys::default(),
        found: None,
        now: CustomerKeys::default(),
    });
    let online = sync
        .as_ref()
        .is_some_and(|s| s.connection.is_some() && !matches!(s.status, SyncStatus::Offline { .. }));
    // A lookup that could not reach the server is tried again after each pass that did
    // (going offline and back can be shorter than a pass, so `online` alone may not change).
    let retry = match (&found.found, sync.as_ref().map(|s| &s.status)) {
        (Some(None), Some(SyncStatus::Synced { at_ms, .. })) if found.keys == keys => *at_ms,
        _ => 0,
    };
    {
        let found = found.clone();
        use_effect_with((keys.clone(), online, retry), move |(keys, _, _)| {
            let keys = keys.clone();
            if keys.current().is_some() {
                wasm_bindgen_futures::spawn_local(async move {
                    let from = now_ms() - i64::from(window_days) * 86_400_000;
                    let got = match &sync {
                        Some(s) => s.other_stores(&keys, from).await,
                        None => None,
                    };
                    found.set(OtherStores {
                        keys,
                        found: Some(got),
                        now: CustomerKeys::default(),
                    });
                });
            }
        });
    }
    OtherStores {
        now: keys,
        ..(*found).clone()
    }
}
