//! The log of recoveries on this device: newest first, filtered by date and category.
//!
//! The filter runs once per change of the log or the filters (memoised, one pass), and
//! only [`PAGE`] entries are drawn at a time: 100k records stay quick to open and filter.

use amends_domain::time::parse_iso8601;
use amends_domain::{Category, RecoveryRecord};
use yew::prelude::*;

use crate::components::field::{SelectField, TextField};
use crate::components::page::Page;
use crate::hooks::app_state::{use_app, Health, Log as Records};
use crate::i18n::dashboard::{tf as td, Msg};
use crate::i18n::{self, t, tf, tp, M};
use crate::services::intl::{count, date, date_time, fmt};

const DAY_MS: i64 = 86_400_000;
/// How many entries are drawn at first, and added by "Show more".
pub const PAGE: usize = 50;

/// Positions of the records matching the filters: `from`/`to` are dates "YYYY-MM-DD"
/// (inclusive), `category` a slug.
pub fn matching(records: &[RecoveryRecord], from: &str, to: &str, category: &str) -> Vec<usize> {
    let from = parse_iso8601(from);
    let to = parse_iso8601(to).map(|t| t + DAY_MS);
    let cat = Category::from_slug(category);
    records
        .iter()
        .enumerate()
        .filter(|(_, r)| from.is_none_or(|f| r.opened_ms >= f))
        .filter(|(_, r)| to.is_none_or(|t| r.opened_ms < t))
        .filter(|(_, r)| cat.is_none_or(|c| r.incident.category == c))
        .map(|(i, _)| i)
        .collect()
}

#[function_component(Log)]
pub fn log() -> Html {
    let app = use_app();
    let from = use_state(String::new);
    let to = use_state(String::new);
    let category = use_state(String::new);
    let limit = use_state(|| PAGE);
    let log = Records(app.records.clone());
    let shown = use_memo(
        (log, (*from).clone(), (*to).clone(), (*category).clone()),
        |(log, from, to, category)| matching(&log.0, from, to, category),
    );
    if app.health == Health::Loading {
        return html! { <Page title={t(M::LogTitle)}><p class="loading">{ t(M::Loading) }</p></Page> };
    }
    let mut categories = vec![(AttrValue::from(""), AttrValue::from(t(M::AllCategories)))];
    categories.extend(Category::ALL.iter().map(|c| {
        (
            AttrValue::from(c.slug()),
            AttrValue::from(i18n::category(*c)),
        )
    }));
    // A new filter starts from the first page again.
    let set = |s: &UseStateHandle<String>| {
        let (s, limit) = (s.clone(), limit.clone());
        Callback::from(move |v: String| {
            limit.set(PAGE);
            s.set(v)
        })
    };
    let more = {
        let limit = limit.clone();
        Callback::from(move |_: MouseEvent| limit.set(*limit + PAGE))
    };
    let drawn = shown.len().min(*limit);
    html! {
        <Page title={t(M::LogTitle)}>
            if let Health::Failed(e) = &app.health {
                <p class="warning" role="alert">{ i18n::storage_error(e) }</p>
            }
            { match app.persisted {
                Some(true) => html! { <p class="hint">{ t(M::PersistGranted) }</p> },
                Some(false) => html! { <p class="warning">{ t(M::PersistDenied) }</p> },
                None => html! {},
            } }
            if !app.unreadable.is_empty() {
                <p class="warning">{ tp(M::LogUnreadable, app.unreadable.len(), &[("n", &count(app.unreadable.len()))]) }</p>
            }
            if app.records.is_empty() {
                <p class="empty">{ t(M::LogEmpty) }</p>
            } else {
                <form class="row filters" aria-label={t(M::LogFilters)} onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                    <TextField id="log-from" label={t(M::FilterFrom)} kind="date" value={(*from).clone()} oninput={set(&from)} />
                    <TextField id="log-to" label={t(M::FilterTo)} kind="date" value={(*to).clone()} oninput={set(&to)} />
                    <SelectField id="log-category" label={t(M::FilterCategory)} options={categories} value={(*category).clone()} onchange={set(&category)} />
                </form>
                <p role="status">{ tf(M::LogCount, &[("shown", &count(shown.len())), ("total", &count(app.records.len()))]) }</p>
                <ul class="log-list">
                    { for shown.iter().take(drawn).filter_map(|&i| app.records.get(i)).map(|r| html! {
                        <LogEntry key={r.id.clone()} record={r.clone()} />
                    }) }
                </ul>
                if shown.len() > drawn {
                    <p>{ td(Msg::Showing, &[("shown", &count(drawn)), ("total", &count(shown.len()))]) }</p>
                    <button type="button" class="secondary" onclick={more}>
                        { td(Msg::ShowMore, &[("n", &count(PAGE.min(shown.len() - drawn)))]) }
                    </button>
                }
            }
        </Page>
    }
}

#[derive(Properties, PartialEq)]
struct EntryProps {
    record: RecoveryRecord,
}

/// One entry: its summary line, and its details only once opened (each detail is
/// formatted through Intl, which costs most of a list's render).
#[function_component(LogEntry)]
fn log_entry(props: &EntryProps) -> Html {
    let open = use_state(|| false);
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            let details: web_sys::Element = e.target_unchecked_into();
            open.set(details.has_attribute("open"));
        })
    };
    entry(&props.record, *open, ontoggle)
}

fn entry(r: &RecoveryRecord, open: bool, ontoggle: Callback<Event>) -> Html {
    let cost = r.cost().map(fmt).unwrap_or_default();
    // What the customer got comes first; the cost to the business beside it.
    let given = i18n::given(&r.remedies);
    let title = format!(
        "{} · {} · {} · {}",
        date_time(r.opened_ms),
        i18n::category(r.incident.category),
        given,
        tf(M::CostToBusiness, &[("cost", &cost)])
    );
    html! {
        <li class={classes!("log-item", r.practice.then_some("practice"))}>
            <details {ontoggle}>
                <summary>
                    <span>{ title }</span>
                    if r.practice { <span class="badge">{ t(M::PracticeLabel) }</span> }
                    if r.approval.is_some() { <span class="badge">{ t(M::SummaryApproval) }</span> }
                </summary>
                if open {
                <dl class="summary">
                    <dt>{ t(M::LogStaff) }</dt><dd>{ r.staff.clone() }</dd>
                    <dt>{ t(M::SummaryWhat) }</dt>
                    <dd>{ format!("{} · {} · {} · {}", i18n::failure(r.incident.failure), i18n::channel(r.incident.channel), i18n::touchpoint(r.incident.touchpoint), tf(M::SeverityTile, &[("level", &crate::services::intl::count(r.incident.severity.level()))])) }</dd>
                    <dt>{ t(M::SummaryLoss) }</dt><dd>{ fmt(r.incident.loss) }</dd>
                    <dt>{ t(M::SummaryRemedies) }</dt>
                    <dd>{ if r.remedies.is_empty() { t(M::ResolutionApologyOnly).to_string() } else {
                        r.remedies.iter().map(|l| tf(M::LogRemedyLine, &[("remedy", i18n::remedy(l.kind)), ("face", &fmt(l.face)), ("cost", &tf(M::CostToBusiness, &[("cost", &fmt(l.cost))]))])).collect::<Vec<_>>().join("; ")
                    } }</dd>
                    if let Some(a) = &r.approval {
                        <dt>{ t(M::SummaryApproval) }</dt><dd>{ format!("{} · {}", a.by, date_time(a.at_ms)) }</dd>
                    }
                    if let Some(f) = &r.follow_up {
                        <dt>{ t(M::FollowUpWhen) }</dt><dd>{ format!("{} · {}", date(f.due_ms), i18n::channel(f.channel)) }</dd>
                    }
                    if let Some(o) = &r.outcome {
                        <dt>{ t(M::LogOutcome) }</dt>
                        <dd>{ [(M::LogScoreCsat, o.csat), (M::LogScoreNps, o.nps), (M::LogScoreCes, o.ces)].into_iter().filter_map(|(m, v)| v.map(|v| tf(m, &[("v", &crate::services::intl::count(v))]))).collect::<Vec<_>>().join(", ") }</dd>
                    }
                    if let Some(c) = &r.root_cause { <dt>{ t(M::RootCause) }</dt><dd>{ c.clone() }</dd> }
                    if let Some(n) = &r.customer_name { <dt>{ t(M::CustomerName) }</dt><dd>{ n.clone() }</dd> }
                    if let Some(tk) = &r.ticket { <dt>{ t(M::Ticket) }</dt><dd>{ tk.clone() }</dd> }
                    if !r.note.is_empty() { <dt>{ t(M::LearningNote) }</dt><dd>{ r.note.clone() }</dd> }
                </dl>
                }
            </details>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use amends_domain::testdata::generate;

    fn filter<'a>(
        records: &'a [RecoveryRecord],
        from: &str,
        to: &str,
        category: &str,
    ) -> Vec<&'a RecoveryRecord> {
        matching(records, from, to, category)
            .into_iter()
            .map(|i| &records[i])
            .collect()
    }

    #[test]
    fn filters_by_date_and_category() {
        let mut recs = generate(50, 3);
        recs[0].opened_ms = parse_iso8601("2026-05-01T10:00:00Z").unwrap();
        recs[0].incident.category = Category::Defect;
        let on_day = filter(&recs, "2026-05-01", "2026-05-01", "");
        assert!(on_day.iter().any(|r| r.id == recs[0].id));
        assert!(on_day
            .iter()
            .all(|r| r.opened_ms >= recs[0].opened_ms - DAY_MS));
        let defects = filter(&recs, "", "", "defect");
        assert!(defects
            .iter()
            .all(|r| r.incident.category == Category::Defect));
        assert_eq!(filter(&recs, "", "", "").len(), 50);
    }
}
