//! The dashboard's selection as a file: the filtered log, for the head office.
//!
//! Records name customers and staff, so exporting them needs manager mode, as the full
//! export in manager mode does; the dashboard's figures stay open to everyone.

use amends_domain::analytics::Filter;
use yew::prelude::*;
use yew_router::prelude::Link;

use crate::hooks::app_state::{use_app, Log};
use crate::i18n::dashboard::{t, tp, Msg};
use crate::i18n::manager::export_status;
use crate::route::Route;
use crate::services::clock::now_ms;
use crate::services::download::{save_log, LogFormat};
use crate::services::intl::count;

#[derive(Properties, PartialEq)]
pub struct ExportProps {
    pub log: Log,
    pub filter: Filter,
    /// How many records the filter selects, every currency.
    pub selected: u64,
}

#[function_component(ExportSelection)]
pub fn export_selection(props: &ExportProps) -> Html {
    let app = use_app();
    let status = use_state(|| None::<(bool, String)>);
    if !app.is_manager() {
        return html! {
            <p class="hint dashboard-export">
                { t(Msg::ExportNeedsManager) }{ " " }
                <Link<Route> to={Route::Manager}>{ t(Msg::OpenManager) }</Link<Route>>
            </p>
        };
    }
    let download = |format: LogFormat| {
        let (app, status, log, filter) = (
            app.clone(),
            status.clone(),
            props.log.clone(),
            props.filter.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            // Manager mode may have closed since this was drawn.
            if !app.is_manager() {
                status.set(Some((false, t(Msg::ExportNeedsManager).into())));
                return;
            }
            let records = log.0.iter().filter(|r| filter.matches(r)).collect();
            let saved = save_log(records, format, now_ms(), &app.policy.store);
            status.set(Some(export_status(saved, app.unreadable.len())));
        })
    };
    html! {
        <section class="dashboard-export" aria-labelledby="export-title">
            <h2 id="export-title">{ t(Msg::ExportTitle) }</h2>
            <p class="hint">{ tp(Msg::ExportIntro, props.selected, &[("n", &count(props.selected))]) }</p>
            <div class="actions">
                <button type="button" onclick={download(LogFormat::Csv)} disabled={props.selected == 0}>
                    { t(Msg::ExportCsv) }
                </button>
                <button type="button" class="secondary" onclick={download(LogFormat::Jsonl)} disabled={props.selected == 0}>
                    { t(Msg::ExportJsonl) }
                </button>
            </div>
            if let Some((ok, m)) = &*status {
                <p class={if *ok { "notice" } else { "error" }} role="status">{ m.clone() }</p>
            }
        </section>
    }
}
