//! Privacy: erase one customer's records by their reference (found through the salted
//! hash, confirmed first, audited without the reference) and the retention period.

use amends_domain::customer::hash_reference;
use amends_domain::RecoveryRecord;
use yew::prelude::*;

use super::SectionProps;
use crate::components::field::TextField;
use crate::hooks::app_state::{use_app, AppHandle, RetentionRun};
use crate::hooks::busy::spawn_busy;
use crate::i18n::manager::{t, tf, tn, tp, Msg};
use crate::i18n::{reference_error, storage_error};
use crate::services::clock::now_ms;

/// Ids sorted, once each: `sort` + `dedup`, through the set type the dashboard's filter
/// already uses (a `sort` of strings would add code of its own to the wasm).
fn sorted_once(ids: &[String]) -> Vec<String> {
    let mut set = std::collections::BTreeSet::<&str>::new();
    for id in ids {
        set.insert(id);
    }
    set.into_iter().map(str::to_owned).collect()
}

/// Ids of the records whose customer hash is `hash` (the salted hash of `reference`), or
/// whose follow-up contact is `reference` typed either way.
pub fn records_of(records: &[RecoveryRecord], hash: &str, reference: &str) -> Vec<String> {
    records
        .iter()
        .filter(|r| {
            r.customer_hash.as_deref() == Some(hash)
                || r.contact
                    .as_ref()
                    .is_some_and(|c| c.is_reference(reference))
        })
        .map(|r| r.id.clone())
        .collect()
}

#[function_component(Privacy)]
pub fn privacy(props: &SectionProps) -> Html {
    let app = use_app();
    let reference = use_state(String::new);
    let error = use_state(|| None::<String>);
    // Found: the ids to erase (confirmation pending).
    let found = use_state(|| None::<Vec<String>>);
    let status = use_state(|| None::<(bool, String)>);
    let busy = use_state(|| false);
    #[cfg(feature = "chain")]
    let sync = crate::hooks::sync::use_sync();

    let find = {
        let (app, reference, error, found, status) = (
            app.clone(),
            reference.clone(),
            error.clone(),
            found.clone(),
            status.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            status.set(None);
            // Every salt this device used: a policy imported since may have brought a new one.
            let hashes: Result<Vec<String>, _> = app
                .policy
                .salts()
                .map(|salt| hash_reference(salt, &reference))
                .collect();
            match hashes {
                Ok(hs) => {
                    error.set(None);
                    let ids: Vec<String> = hs
                        .iter()
                        .flat_map(|h| records_of(&app.records, h, &reference))
                        .collect();
                    found.set(Some(sorted_once(&ids)));
                }
                Err(e) => {
                    found.set(None);
                    error.set(Some(reference_error(&e)));
                }
            }
        })
    };
    let erase = {
        let (app, found, reference, status, busy, props) = (
            app.clone(),
            found.clone(),
            reference.clone(),
            status.clone(),
            busy.clone(),
            props.clone(),
        );
        #[cfg(feature = "chain")]
        let sync = sync.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(ids) = (*found).clone() else { return };
            let Some(who) = props.need_who() else { return };
            let (app, found, reference, status, busy) = (
                app.clone(),
                found.clone(),
                reference.clone(),
                status.clone(),
                busy.clone(),
            );
            #[cfg(feature = "chain")]
            let (sync, erased) = (sync.clone(), ids.clone());
            spawn_busy(busy, async move {
                let n = ids.len();
                match app.erase_records(ids, &who, now_ms()).await {
                    Ok(()) => {
                        found.set(None);
                        reference.set(String::new());
                        status.set(Some((true, tn(n, Msg::Erased))));
                        #[cfg(feature = "chain")]
                        if let Some(problem) = erase_spends(sync.as_ref(), &erased).await {
                            status.set(Some((false, problem)));
                        }
                    }
                    Err(e) => status.set(Some((false, storage_error(&e)))),
                }
            });
        })
    };
    let cancel = {
        let found = found.clone();
        Callback::from(move |_: MouseEvent| found.set(None))
    };
    let run_retention = {
        let (app, status) = (app.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            let (app, status) = (app.clone(), status.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let months = app.policy.retention_months.unwrap_or(0).to_string();
                match app.apply_retention(now_ms()).await {
                    Ok(RetentionRun::Paused { .. }) => status.set(Some((
                        false,
                        crate::i18n::integrity::t(crate::i18n::integrity::Msg::RetentionPaused)
                            .into(),
                    ))),
                    Ok(RetentionRun::Removed(n)) => status.set(Some((
                        true,
                        tf(
                            Msg::RetentionDone,
                            &[("n", &crate::services::intl::count(n)), ("months", &months)],
                        ),
                    ))),
                    Err(e) => status.set(Some((false, storage_error(&e)))),
                }
            });
        })
    };
    let due = AppHandle::expired_ids(&app.records, app.policy.retention_months, now_ms()).len();

    html! {
        <section class="manager-section" aria-labelledby="privacy-title">
            <h2 id="privacy-title">{ t(Msg::PrivacyTitle) }</h2>
            <h3>{ t(Msg::EraseTitle) }</h3>
            <p class="hint">{ t(Msg::EraseIntro) }</p>
            if !app.policy_saved {
                <p class="warning">{ t(Msg::EraseNotSaved) }</p>
            }
            <form onsubmit={find} novalidate=true>
                <TextField id="erase-reference" label={t(Msg::EraseReference)} value={(*reference).clone()} autocomplete="off"
                    error={(*error).clone().map(AttrValue::from)}
                    oninput={Callback::from({ let (r, f) = (reference.clone(), found.clone()); move |v| { r.set(v); f.set(None); } })} />
                <button type="submit" class="secondary">{ t(Msg::FindRecords) }</button>
            </form>
            if let Some(ids) = &*found {
                if ids.is_empty() {
                    <p role="status">{ t(Msg::NoRecordsFound) }</p>
                } else {
                    <section class="confirm" aria-labelledby="erase-confirm-title">
                        <h4 id="erase-confirm-title">{ tn(ids.len(), Msg::EraseFound) }</h4>
                        <p>{ t(Msg::EraseWarning) }</p>
                        <div class="actions">
                            <button type="button" class="danger" onclick={erase} disabled={*busy}>
                                { tn(ids.len(), Msg::EraseN) }
                            </button>
                            <button type="button" class="secondary" onclick={cancel}>{ t(Msg::Cancel) }</button>
                        </div>
                    </section>
                }
            }
            if let Some((ok, m)) = &*status {
                <p class={if *ok { "notice" } else { "error" }} role="status">{ m.clone() }</p>
            }
            <h3>{ t(Msg::RetentionTitle) }</h3>
            <p>
                { match app.policy.retention_months {
                    Some(m) => tp(Msg::RetentionOn, m, &[("months", &crate::services::intl::count(m))]),
                    None => t(Msg::RetentionOff).to_string(),
                } }
            </p>
            if app.policy.retention_months.is_some() {
                <p class="hint">{ tf(Msg::RetentionDue, &[("n", &crate::services::intl::count(due))]) }</p>
                <button type="button" class="secondary" onclick={run_retention} disabled={due == 0}>{ t(Msg::RetentionRun) }</button>
            }
        </section>
    }
}

/// Erasure reaching the chain's spends (issue 14): what this store shared about the erased
/// records. The words to show when it failed (offline, or a login that may not erase).
#[cfg(feature = "chain")]
async fn erase_spends(
    sync: Option<&crate::hooks::sync::SyncHandle>,
    ids: &[String],
) -> Option<String> {
    let e = sync?.erase_spends(ids).await.err()?;
    let why = crate::components::sync_status::net_error(&e);
    Some(tf(Msg::ErasedSpendsFailed, &[("why", &why)]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_come_sorted_once_each_as_sort_and_dedup_give_them() {
        let ids: Vec<String> = ["r-b", "r-a", "R-c", "r-b", "", "r-a", "é", "r-10", "r-9"]
            .map(String::from)
            .into();
        let mut want = ids.clone();
        want.sort();
        want.dedup();
        assert_eq!(sorted_once(&ids), want);
        assert!(sorted_once(&[]).is_empty());
    }
    use amends_domain::testdata::generate;

    #[test]
    fn a_customer_is_found_by_the_hash_of_their_reference() {
        let mut r = generate(5, 3);
        let h = hash_reference("salt", "Ana@Example.com").unwrap();
        r[0].customer_hash = Some(h.clone());
        r[3].customer_hash = Some(h.clone());
        r[1].customer_hash = Some(hash_reference("salt", "bo@example.com").unwrap());
        let typed = hash_reference("salt", " ana@example.COM ").unwrap();
        assert_eq!(
            records_of(&r, &typed, " ana@example.COM "),
            vec![r[0].id.clone(), r[3].id.clone()]
        );
        let other_salt = hash_reference("pepper", "ana@example.com").unwrap();
        assert!(records_of(&r, &other_salt, "ana@example.com").is_empty());
        // A follow-up contact kept with consent is found by the same reference, even on a
        // record without a customer reference.
        r[4].customer_hash = None;
        r[4].contact = Some(amends_domain::customer::Contact::parse("ANA@example.com").unwrap());
        assert_eq!(
            records_of(&r, &other_salt, "ana@example.com"),
            vec![r[4].id.clone()]
        );
    }

    #[test]
    fn retention_takes_records_older_than_the_period() {
        let mut r = generate(3, 1);
        let now = 1_800_000_000_000;
        r[0].opened_ms = now - 25 * AppHandle::MONTH_MS;
        r[1].opened_ms = now - 23 * AppHandle::MONTH_MS;
        r[2].opened_ms = now - 24 * AppHandle::MONTH_MS - 1;
        let ids = AppHandle::expired_ids(&r, Some(24), now);
        assert_eq!(ids, vec![r[0].id.clone(), r[2].id.clone()]);
        assert!(AppHandle::expired_ids(&r, None, now).is_empty());
    }
}
