//! What the recoveries teach: key figures and charts over a filtered slice of the log.
//!
//! The slice is summarised by the domain in one pass (`analytics::summarise`), memoised on
//! the log's identity and the filter, so re-renders for any other reason cost nothing.
//! Every chart has its figures as a table too (see `components::chart`).

#[cfg(feature = "chain")]
pub mod chain;
pub mod charts;
pub mod export;
pub mod filter;
pub mod format;
pub mod kpis;

use std::rc::Rc;

use amends_domain::analytics::summarise;
use amends_domain::{Category, Channel};
use yew::prelude::*;

use crate::components::field::{Checkbox, SelectField, TextField};
use crate::components::page::Page;
use crate::hooks::app_state::{use_app, Health, Log};
use crate::i18n::dashboard::{t as td, tf, tp, Msg};
use crate::i18n::{self, t, M};
use charts::Charts;
use export::ExportSelection;
use filter::{staff_names, FilterInput};
use format::count;
use kpis::Kpis;

fn options(any: Msg, items: impl Iterator<Item = (String, String)>) -> Vec<(AttrValue, AttrValue)> {
    std::iter::once((AttrValue::from(""), AttrValue::from(td(any))))
        .chain(items.map(|(v, l)| (AttrValue::from(v), AttrValue::from(l))))
        .collect()
}

/// Head office's chain view above this device's figures (chain build only).
fn chain_view() -> Html {
    #[cfg(feature = "chain")]
    return html! { <chain::ChainView /> };
    #[cfg(not(feature = "chain"))]
    Html::default()
}

#[function_component(Dashboard)]
pub fn dashboard() -> Html {
    let app = use_app();
    let input = use_state(FilterInput::default);
    let log = Log(app.records.clone());
    let filter = input.to_filter(app.policy.currency);
    let summary = use_memo((log.clone(), filter.clone()), |(log, filter)| {
        summarise(log.0.iter(), filter).map(Rc::new)
    });
    let staff = use_memo(log.clone(), |log| staff_names(&log.0));

    if app.health == Health::Loading {
        return html! {
            <Page title={t(M::DashboardTitle)}>
                <p class="loading">{ t(M::Loading) }</p>
            </Page>
        };
    }
    let edit = |f: fn(&mut FilterInput, String)| {
        let input = input.clone();
        Callback::from(move |v: String| {
            let mut next = (*input).clone();
            f(&mut next, v);
            input.set(next);
        })
    };
    let practice = {
        let input = input.clone();
        Callback::from(move |on: bool| {
            input.set(FilterInput {
                include_practice: on,
                ..(*input).clone()
            })
        })
    };
    let categories = options(
        Msg::AllCategories,
        Category::ALL
            .iter()
            .map(|c| (c.slug().into(), i18n::category(*c).into())),
    );
    let channels = options(
        Msg::AllChannels,
        Channel::ALL
            .iter()
            .map(|c| (c.slug().into(), i18n::channel(*c).into())),
    );
    let staff = options(Msg::AllStaff, staff.iter().map(|s| (s.clone(), s.clone())));
    html! {
        <Page title={t(M::DashboardTitle)}>
            if let Health::Failed(e) = &app.health {
                <p class="warning" role="alert">{ i18n::storage_error(e) }</p>
            }
            { chain_view() }
            if app.records.is_empty() {
                <p class="empty">{ t(M::DashboardEmpty) }</p>
            } else {
                <form class="row filters dashboard-filters" aria-label={td(Msg::FiltersLabel)}
                    onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                    <TextField id="dash-from" label={td(Msg::FilterFrom)} kind="date" value={input.from.clone()}
                        oninput={edit(|f, v| f.from = v)} />
                    <TextField id="dash-to" label={td(Msg::FilterTo)} kind="date" value={input.to.clone()}
                        oninput={edit(|f, v| f.to = v)} />
                    <SelectField id="dash-category" label={td(Msg::FilterCategory)} options={categories}
                        value={input.category.clone()} onchange={edit(|f, v| f.category = v)} />
                    <SelectField id="dash-channel" label={td(Msg::FilterChannel)} options={channels}
                        value={input.channel.clone()} onchange={edit(|f, v| f.channel = v)} />
                    <SelectField id="dash-staff" label={td(Msg::FilterStaff)} options={staff}
                        value={input.staff.clone()} onchange={edit(|f, v| f.staff = v)} />
                    <Checkbox id="dash-practice" label={td(Msg::IncludePractice)} checked={input.include_practice}
                        onchange={practice} hint={AttrValue::from(td(Msg::IncludePracticeHint))} />
                </form>
                {
                    match &*summary {
                        Ok(s) => html! {
                            <>
                                <p class="selection" role="status">
                                    { tf(Msg::Selection, &[("n", &count(s.count))]) }
                                    if s.other_currency > 0 {
                                        { " " }
                                        { tp(Msg::OtherCurrency, s.other_currency, &[("n", &count(s.other_currency)), ("currency", s.total_cost.currency.code())]) }
                                    }
                                </p>
                                <ExportSelection log={log.clone()} filter={filter.clone()}
                                    selected={s.count + s.other_currency} />
                                <Kpis summary={s.clone()} />
                                <Charts summary={s.clone()} />
                            </>
                        },
                        Err(e) => html! { <p class="error" role="alert">{ i18n::money_error(e) }</p> },
                    }
                }
            }
        </Page>
    }
}
