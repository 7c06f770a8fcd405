//! The chain sync status, on every page: on this device only / syncing (with progress on
//! the first sync) / synced / offline with what waits / an error with what to do; and,
//! once connected, that records are shared with the chain's server.

use yew::prelude::*;

use crate::hooks::sync::{use_sync, SyncStatus};
use crate::i18n::manager::{t, tf, tn, Msg};
use crate::services::sync::NetError;

/// A sync or connection failure in plain words, with what to do.
pub fn net_error(e: &NetError) -> String {
    match e {
        NetError::Offline => t(Msg::ChainOffline).to_owned(),
        NetError::SignedOut => t(Msg::ChainSignedOut).to_owned(),
        NetError::Refused(reason) => tf(Msg::ChainRefused, &[("reason", reason)]),
        NetError::Status(status, reason) => tf(
            Msg::ChainStatusError,
            &[("status", &status.to_string()), ("reason", reason)],
        ),
        NetError::Protocol(what) => tf(Msg::ChainUnreadable, &[("what", what)]),
        NetError::ErasureNeedsManager(n) => tn(*n, Msg::SyncErasureWaits),
        NetError::NotMember(name, store) => {
            tf(Msg::ChainNotMember, &[("name", name), ("store", store)])
        }
    }
}

fn words(status: &SyncStatus) -> String {
    match status {
        SyncStatus::NotConnected => t(Msg::SyncLocal).to_owned(),
        SyncStatus::Syncing { done, of: Some(of) } => tf(
            Msg::SyncProgress,
            &[
                ("done", &crate::services::intl::count(*done)),
                ("of", &crate::services::intl::count(*of)),
            ],
        ),
        SyncStatus::Syncing { .. } => t(Msg::SyncWorking).to_owned(),
        SyncStatus::Synced { at_ms, unreadable } => {
            let at = tf(
                Msg::SyncSynced,
                &[("time", &crate::services::intl::date_time(*at_ms))],
            );
            match unreadable {
                0 => at,
                n => format!("{at}. {}", tn(*n, Msg::SyncKept)),
            }
        }
        SyncStatus::Offline { waiting } => tn(*waiting, Msg::SyncOffline),
        SyncStatus::Error(NetError::SignedOut) => t(Msg::SyncSignedOut).to_owned(),
        SyncStatus::Error(NetError::Refused(reason)) => tf(Msg::SyncRefused, &[("reason", reason)]),
        SyncStatus::Error(e @ NetError::ErasureNeedsManager(_)) => net_error(e),
        SyncStatus::Error(e) => tf(Msg::SyncFailed, &[("what", &e.to_string())]),
    }
}

#[function_component(SyncStatusLine)]
pub fn sync_status_line() -> Html {
    let Some(sync) = use_sync() else {
        return Html::default();
    };
    let state = match &sync.status {
        SyncStatus::NotConnected => "local",
        SyncStatus::Syncing { .. } => "syncing",
        SyncStatus::Synced { .. } => "synced",
        SyncStatus::Offline { .. } => "offline",
        SyncStatus::Error(_) => "error",
    };
    let privacy = match sync.connection {
        None => crate::i18n::t(crate::i18n::M::FooterPrivacy),
        Some(_) => t(Msg::SyncShared),
    };
    // A manager's login sees, on every page, that a tablet is waiting for an answer.
    let now = crate::services::clock::now_ms();
    let waiting = match sync.manager {
        true => (sync.approvals.all().iter())
            .filter(|a| a.standing(now) == amends_domain::sync::Standing::Pending)
            .count(),
        false => 0,
    };
    html! {
        <>
        <span>{ privacy }</span>
        <p class={classes!("sync-status", state)} role="status" data-sync={state}>
            <span class="sync-label">{ t(Msg::SyncLabel) }{ ": " }</span>
            { words(&sync.status) }
            if waiting > 0 {
                { " " }<strong class="requests-waiting">{ tn(waiting, Msg::RequestsWaiting) }</strong>
            }
        </p>
        </>
    }
}
