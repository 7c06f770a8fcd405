//! Head office's chain view (chain build only): every store's key figures from the chain
//! database's KPI view (sums by store, currency, week and category, `group_level`
//! queries), never its records, with a store filter and the weeks and categories the view
//! gives. Shown only to a head-office login: a store's own login reads its records on the
//! device already (the dashboard below), and the chain database admits head office alone.

use std::cell::Cell;
use std::rc::Rc;

use amends_domain::analytics::Summary;
use amends_domain::sync::kpis::{
    chain_summary, distinct, kpi_query, parse_kpi_rows, week_start_ms, ChainFilter, KpiRow,
};
use amends_domain::{Category, Currency};
use yew::prelude::*;

use super::format::{count, pct};
use super::kpis::Kpis;
use crate::components::field::SelectField;
use crate::components::sync_status::net_error;
use crate::hooks::app_state::use_app;
use crate::hooks::sync::use_sync;
use crate::i18n::dashboard::{t as td, tp, Msg as D};
use crate::i18n::manager::{t, tf, tn, Msg};
use crate::i18n::{self};
use crate::services::intl::{date, fmt};
use crate::services::sync::{self as net, NetError};

const CHAIN_DB: &str = "amends-chain";
const HEAD_OFFICE: &str = "amends-head-office";

#[derive(Clone, PartialEq)]
enum Load {
    Loading,
    /// Not a head-office login: nothing to show.
    NotHeadOffice,
    Rows(Rc<Vec<KpiRow>>, usize),
    Failed(NetError),
}

/// The rows for `store` (`None`: every store's totals), if the session is head office's.
async fn load(server: String, store: Option<String>) -> Load {
    let step = async {
        let session = net::session(&server).await?;
        if !session.is_some_and(|s| s.roles.iter().any(|r| r == HEAD_OFFICE)) {
            return Ok(Load::NotHeadOffice);
        }
        let url = format!("{server}/{CHAIN_DB}/{}", kpi_query(store.as_deref()));
        let (_, text) = net::request("GET", &url, None).await?;
        let (rows, unreadable) = parse_kpi_rows(&text)?;
        Ok::<_, NetError>(Load::Rows(Rc::new(rows), unreadable))
    };
    step.await.unwrap_or_else(Load::Failed)
}

fn opts(
    all: AttrValue,
    items: impl Iterator<Item = (String, String)>,
) -> Vec<(AttrValue, AttrValue)> {
    std::iter::once((AttrValue::from(""), all))
        .chain(items.map(|(v, l)| (v.into(), l.into())))
        .collect()
}

fn week_label(w: &str) -> String {
    week_start_ms(w).map_or_else(
        || w.to_owned(),
        |ms| tf(Msg::ChainViewWeekOf, &[("date", &date(ms))]),
    )
}

/// A table of summaries, one row each: what it is of, recoveries, cost, FCR, CSAT.
fn table(caption: Msg, first: Msg, rows: Vec<(String, Summary)>) -> Html {
    let rate =
        |r: Option<amends_domain::Ratio>| r.map_or_else(|| td(D::NotEnoughData).to_owned(), pct);
    html! {
        <div class="table-scroll">
            <table class="chain-table">
                <caption>{ t(caption) }</caption>
                <thead><tr>
                    <th scope="col">{ t(first) }</th>
                    <th scope="col">{ td(D::KpiRecoveries) }</th>
                    <th scope="col">{ td(D::KpiTotalCost) }</th>
                    <th scope="col">{ td(D::KpiFcr) }</th>
                    <th scope="col">{ td(D::KpiCsat) }</th>
                </tr></thead>
                <tbody>
                    { for rows.into_iter().map(|(name, s)| html! {
                        <tr>
                            <th scope="row">{ name }</th>
                            <td>{ count(s.count) }</td>
                            <td>{ fmt(s.total_cost) }</td>
                            <td>{ rate(s.fcr) }</td>
                            <td>{ rate(s.scores.csat) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

#[function_component(ChainView)]
pub fn chain_view() -> Html {
    let app = use_app();
    let server = use_sync().and_then(|s| s.connection).map(|c| c.server);
    let store = use_state(String::new);
    let week = use_state(String::new);
    let category = use_state(String::new);
    let currency = use_state(String::new);
    let data = use_state(|| Load::Loading);
    let stores = use_state(Vec::<String>::new);
    let generation = use_mut_ref(|| Cell::new(0_u32));
    {
        let (data, stores) = (data.clone(), stores.clone());
        use_effect_with(
            (server.clone(), (*store).clone()),
            move |(server, store)| {
                if let Some(server) = server.clone() {
                    let gen = generation.borrow().get().wrapping_add(1);
                    generation.borrow().set(gen);
                    let store = (!store.is_empty()).then(|| store.clone());
                    data.set(Load::Loading);
                    wasm_bindgen_futures::spawn_local(async move {
                        let all = store.is_none();
                        let got = load(server, store).await;
                        if generation.borrow().get() != gen {
                            return; // a later choice's answer wins
                        }
                        if let (true, Load::Rows(rows, _)) = (all, &got) {
                            stores.set(distinct(rows, |r| Some(r.store.clone())));
                        }
                        data.set(got);
                    });
                }
            },
        );
    }
    if server.is_none() {
        return Html::default();
    }
    let body = match &*data {
        Load::NotHeadOffice => return Html::default(),
        Load::Loading => html! { <p class="loading">{ t(Msg::ChainViewLoading) }</p> },
        Load::Failed(e) => html! { <p class="error" role="alert">{ net_error(e) }</p> },
        Load::Rows(rows, _) if rows.is_empty() => {
            html! { <p class="empty">{ t(Msg::ChainViewEmpty) }</p> }
        }
        Load::Rows(rows, _) => {
            let currencies = distinct(rows, |r| Some(r.currency));
            let cur = currency
                .parse::<Currency>()
                .ok()
                .filter(|c| currencies.contains(c))
                .or_else(|| {
                    currencies
                        .contains(&app.policy.currency)
                        .then_some(app.policy.currency)
                })
                .unwrap_or(currencies[0]);
            let one = (!store.is_empty()).then(|| (*store).clone());
            let f = ChainFilter {
                currency: cur,
                store: one.clone(),
                week: one
                    .as_ref()
                    .and(Some((*week).clone()))
                    .filter(|w| !w.is_empty()),
                category: one.as_ref().and_then(|_| Category::from_slug(&category)),
            };
            match chain_summary(rows, &f) {
                Err(e) => html! { <p class="error" role="alert">{ i18n::money_error(&e) }</p> },
                Ok(total) => {
                    let by = |f: ChainFilter, label: String| {
                        chain_summary(rows, &f).ok().map(|s| (label, s))
                    };
                    let lines: Vec<(String, Summary)> = match &one {
                        None => stores
                            .iter()
                            .filter_map(|s| {
                                by(
                                    ChainFilter {
                                        store: Some(s.clone()),
                                        ..f.clone()
                                    },
                                    s.clone(),
                                )
                            })
                            .collect(),
                        Some(_) => distinct(rows, |r| r.week.clone())
                            .into_iter()
                            .filter(|w| f.week.as_ref().is_none_or(|x| x == w))
                            .filter_map(|w| {
                                by(
                                    ChainFilter {
                                        week: Some(w.clone()),
                                        ..f.clone()
                                    },
                                    week_label(&w),
                                )
                            })
                            .collect(),
                    };
                    let currency_pick = (currencies.len() > 1).then(|| {
                        let set = { let c = currency.clone(); Callback::from(move |v: String| c.set(v)) };
                        html! {
                            <SelectField id="chain-currency" label={t(Msg::ChainViewCurrency)}
                                options={currencies.iter().map(|c| (AttrValue::from(c.code()), AttrValue::from(c.code()))).collect::<Vec<_>>()}
                                value={AttrValue::from(cur.code())} onchange={set} />
                        }
                    });
                    html! {
                        <>
                            { for currency_pick }
                            if total.other_currency > 0 {
                                <p class="selection">{ tp(D::OtherCurrency, total.other_currency, &[("n", &count(total.other_currency)), ("currency", cur.code())]) }</p>
                            }
                            <Kpis summary={Rc::new(total)} prefix="chain-kpi"
                                heading={Some(AttrValue::Static(crate::i18n::manager::t(crate::i18n::manager::Msg::ChainKpiTitle)))} />
                            { table(if one.is_none() { Msg::ChainViewByStore } else { Msg::ChainViewByWeek },
                                if one.is_none() { Msg::ChainStore } else { Msg::ChainViewWeek }, lines) }
                        </>
                    }
                }
            }
        }
    };
    let unreadable = match &*data {
        Load::Rows(_, n) if *n > 0 => {
            Some(html! { <p class="warning">{ tn(*n, Msg::ChainViewUnreadable) }</p> })
        }
        _ => None,
    };
    let set = |h: &UseStateHandle<String>, reset: bool| {
        let (h, week, category) = (h.clone(), week.clone(), category.clone());
        Callback::from(move |v: String| {
            if reset {
                week.set(String::new());
                category.set(String::new());
            }
            h.set(v)
        })
    };
    let store_opts = opts(
        t(Msg::ChainViewAllStores).into(),
        stores.iter().map(|s| (s.clone(), s.clone())),
    );
    let (weeks, cats) = match &*data {
        Load::Rows(rows, _) if !store.is_empty() => (
            distinct(rows, |r| r.week.clone()),
            distinct(rows, |r| r.category),
        ),
        _ => (Vec::new(), Vec::new()),
    };
    html! {
        <section class="chain-view" aria-labelledby="chain-view-title">
            <h2 id="chain-view-title">{ t(Msg::ChainViewTitle) }</h2>
            <p class="hint">{ t(Msg::ChainViewIntro) }</p>
            <form class="row filters" aria-label={t(Msg::ChainViewFilters)}
                onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <SelectField id="chain-view-store" label={t(Msg::ChainStore)} options={store_opts}
                    value={AttrValue::from((*store).clone())} onchange={set(&store, true)} />
                if !store.is_empty() {
                    <SelectField id="chain-view-week" label={t(Msg::ChainViewWeek)}
                        options={opts(t(Msg::ChainViewAllWeeks).into(), weeks.iter().map(|w| (w.clone(), week_label(w))))}
                        value={AttrValue::from((*week).clone())} onchange={set(&week, false)} />
                    <SelectField id="chain-view-category" label={td(D::FilterCategory)}
                        options={opts(td(D::AllCategories).into(), cats.iter().map(|c| (c.slug().to_owned(), i18n::category(*c).to_owned())))}
                        value={AttrValue::from((*category).clone())} onchange={set(&category, false)} />
                }
            </form>
            { for unreadable }
            { body }
        </section>
    }
}
