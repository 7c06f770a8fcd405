//! Server-side renders of the dashboard's key figures and charts, and of the follow-up
//! queue's pieces: headings, text alternatives, tables and "Not enough data".
#![cfg(not(target_arch = "wasm32"))]

use std::rc::Rc;

use amends::components::chart::{
    BarList, BarListProps, BarRow, Column, ColumnChart, ColumnChartProps,
};
use amends::hooks::app_state::AppProvider;
use amends::pages::dashboard::charts::{Charts, ChartsProps};
use amends::pages::dashboard::kpis::{Kpis, KpisProps};
use amends::pages::follow_ups::due::Due;
use amends::pages::follow_ups::item::{FollowUpItem, ItemProps};
use amends::pages::follow_ups::outcome::OutcomeForm;
use amends_domain::analytics::{summarise, Filter, Summary};
use amends_domain::testdata::generate;
use amends_domain::{Currency, RecoveryRecord};
use yew::prelude::*;
use yew::LocalServerRenderer;

fn summary(n: usize) -> Rc<Summary> {
    Rc::new(summarise(&generate(n, 3), &Filter::all(Currency::USD)).unwrap())
}

async fn charts(s: Rc<Summary>, tables_open: bool) -> String {
    LocalServerRenderer::<Charts>::with_props(ChartsProps {
        summary: s,
        tables_open,
    })
    .render()
    .await
}

async fn kpis(s: Rc<Summary>) -> String {
    LocalServerRenderer::<Kpis>::with_props(yew::props!(KpisProps { summary: s }))
        .render()
        .await
}

fn headings(html: &str, level: u8) -> Vec<String> {
    let open = format!("<h{level}");
    let close = format!("</h{level}>");
    html.match_indices(&open)
        .map(|(i, _)| {
            let start = i + html[i..].find('>').unwrap() + 1;
            let end = start + html[start..].find(&close).unwrap();
            html[start..end].to_string()
        })
        .collect()
}

#[tokio::test]
async fn every_chart_is_a_named_figure_with_a_text_alternative_and_a_table_toggle() {
    let html = charts(summary(500), false).await;
    assert_eq!(
        headings(&html, 2),
        [
            "Over time",
            "What to fix first",
            "Remedy effectiveness",
            "Where it goes wrong",
            "Repeat failures"
        ]
    );
    assert_eq!(
        headings(&html, 3),
        [
            "Recoveries and cost per week",
            "Cost by category",
            "Recoveries by root cause",
            "CSAT after each remedy",
            "NPS after each remedy",
            "Recoveries by channel",
            "Recoveries by touchpoint",
            "Recoveries for customers who had more than one"
        ]
    );
    assert_eq!(html.matches("<figure").count(), 8);
    assert_eq!(html.matches("<figcaption").count(), 8);
    assert_eq!(html.matches(r#"role="img""#).count(), 8);
    assert_eq!(html.matches("<svg").count(), 8);
    assert_eq!(html.matches(r#"viewBox="0 0 480 "#).count(), 8);
    assert!(
        html.contains(r#"aria-label="Recoveries and cost per week over "#),
        "{html}"
    );
    assert!(html.contains(r#"aria-label="Cost by category, highest first. "#));
    assert!(html.contains(r#"aria-label="Recoveries by channel: In store: "#));
    assert_eq!(html.matches(r#"aria-expanded="false""#).count(), 8);
    assert_eq!(html.matches(">Show data table</button>").count(), 8);
    // Collapsed: the table is not drawn, its container is hidden but there for aria-controls.
    assert!(!html.contains("<table"));
    assert!(html.contains(r#"aria-controls="chart-pareto-table""#));
    assert!(html.contains(r#"id="chart-pareto-table""#));
    assert!(html.contains("hidden"));
    // No inline styles: the CSP forbids them.
    assert!(!html.contains("style="));
}

#[tokio::test]
async fn tables_hold_the_charts_figures_with_captions_and_headers() {
    let s = summary(500);
    let html = charts(s.clone(), true).await;
    assert_eq!(html.matches("<table").count(), 8);
    assert_eq!(html.matches("<caption>").count(), 8);
    assert!(html.contains(r#"<th scope="col">Week starting</th>"#));
    assert!(html.contains(r#"<th scope="col">Cumulative share of cost</th>"#));
    assert!(html.contains(r#"<th scope="row">Partial refund</th>"#));
    assert!(html.contains(r#"<th scope="row">Customers with two or more recoveries</th>"#));
    assert_eq!(html.matches(r#"aria-expanded="true""#).count(), 8);
    // The last Pareto row covers all the cost.
    assert!(html.contains(">100%</td>"));
    // One row a week, gaps filled: at least as many rows as weeks with recoveries.
    let weekly_rows = html
        .split("chart-pareto")
        .next()
        .unwrap()
        .matches("<tr>")
        .count()
        - 1;
    assert!(
        weekly_rows >= s.weekly.len(),
        "{weekly_rows} < {}",
        s.weekly.len()
    );
}

#[tokio::test]
async fn an_empty_selection_says_so_instead_of_drawing() {
    let empty = Rc::new(summarise(&[], &Filter::all(Currency::USD)).unwrap());
    let html = charts(empty.clone(), false).await;
    assert_eq!(html.matches("<figure").count(), 8);
    assert_eq!(html.matches("No recoveries in this selection.").count(), 8);
    assert!(!html.contains("<svg"));
    assert!(!html.contains("Show data table"));

    let tiles = kpis(empty).await;
    assert!(tiles.contains(r#"<h2 id="kpi-title">Key figures</h2>"#));
    assert_eq!(tiles.matches(r#"role="group""#).count(), 10);
    // Mean cost, escalation, FCR, time to resolve, CSAT, NPS, CES, retention.
    assert_eq!(tiles.matches("Not enough data").count(), 8);
    assert!(
        tiles.contains(r#">Recoveries</p><p class="kpi-value">0</p>"#),
        "{tiles}"
    );
}

#[tokio::test]
async fn key_figures_follow_the_summary() {
    let mut records = generate(8, 5);
    for r in &mut records {
        r.outcome = None;
    }
    let no_answers = Rc::new(summarise(&records, &Filter::all(Currency::USD)).unwrap());
    let html = kpis(no_answers).await;
    assert!(
        html.contains(r#">Recoveries</p><p class="kpi-value">8</p>"#),
        "{html}"
    );
    assert_eq!(
        html.matches("Not enough data").count(),
        4,
        "CSAT, NPS, CES, retention"
    );
    assert!(html.contains("0 answers"));
    let remedies = charts(
        Rc::new(summarise(&records, &Filter::all(Currency::USD)).unwrap()),
        false,
    )
    .await;
    assert_eq!(
        remedies.matches("Not enough data").count(),
        2,
        "CSAT and NPS charts"
    );

    let answered = kpis(summary(300)).await;
    assert!(!answered.contains("Not enough data"));
    assert!(answered.contains(">CSAT</p>"));
    assert!(
        answered.contains(" USD</p>"),
        "amounts formatted: {answered}"
    );
}

#[tokio::test]
async fn a_year_of_weeks_draws_a_column_each_and_few_labels() {
    let columns: Vec<Column> = (0..52)
        .map(|i| Column {
            label: format!("W{i}").into(),
            value: i,
        })
        .collect();
    let html = LocalServerRenderer::<ColumnChart>::with_props(ColumnChartProps {
        label: "weeks".into(),
        columns,
        ticks: vec![(0, "0".into()), (60, "60".into())],
        line: Some((0..52).collect()),
        line_ticks: vec![(0, "0".into()), (100, "100".into())],
        max_labels: 4,
        slanted: false,
    })
    .render()
    .await;
    assert_eq!(html.matches(r#"class="bar""#).count(), 52);
    assert_eq!(html.matches("<polyline").count(), 1);
    assert!(html.matches(r#"class="axis-label""#).count() <= 4);
    assert!(html.contains(">W0</text>"));
}

#[tokio::test]
async fn bars_can_be_negative_and_missing() {
    let html = LocalServerRenderer::<BarList>::with_props(BarListProps {
        label: "NPS".into(),
        rows: vec![
            BarRow {
                label: "Refund".into(),
                value: Some(-40),
                text: "-40".into(),
            },
            BarRow {
                label: "Note".into(),
                value: None,
                text: "no answers".into(),
            },
        ],
        lo: -100,
        hi: 100,
    })
    .render()
    .await;
    assert_eq!(html.matches(r#"class="bar negative""#).count(), 1);
    assert_eq!(html.matches(r#"class="bar"#).count(), 1);
    assert!(html.contains(">no answers</text>"));
    assert!(html.contains(r#"class="axis zero""#));
}

fn due_record() -> RecoveryRecord {
    let mut r = generate(1, 11).remove(0);
    r.outcome = None;
    r.ticket = Some("T-881".into());
    r.customer_name = Some("Ana".into());
    r
}

#[tokio::test]
async fn a_follow_up_says_when_how_and_what_to_send() {
    let r = due_record();
    let html = LocalServerRenderer::<FollowUpItem>::with_props(ItemProps {
        record: r.clone(),
        due: Due::Overdue(3),
        staff: "Sam".into(),
        on_saved: Callback::noop(),
    })
    .render()
    .await;
    assert!(
        html.contains("<strong>Overdue by 3 days</strong>"),
        "{html}"
    );
    assert!(html.contains("<dt>Follow up by</dt>"));
    assert!(html.contains("<dd>T-881</dd>"));
    assert!(html.contains("Hello Ana, this is Sam."));
    assert!(html.contains(">Copy message</button>"));
    assert!(html.contains(r#"aria-expanded="false""#));
    assert!(html.contains(">Record outcome</button>"));
    assert!(!html.contains("<form"), "the form opens on demand");
}

#[derive(Properties, PartialEq)]
struct WithApp {
    record: RecoveryRecord,
}

#[function_component]
fn FormInApp(props: &WithApp) -> Html {
    html! {
        <AppProvider>
            <OutcomeForm record={props.record.clone()} on_saved={Callback::noop()} />
        </AppProvider>
    }
}

#[tokio::test]
async fn the_outcome_form_labels_every_answer_and_allows_not_asking() {
    let r = due_record();
    let html = LocalServerRenderer::<FormInApp>::with_props(WithApp { record: r.clone() })
        .render()
        .await;
    for (field, label) in [
        ("csat", "CSAT: how satisfied are they? (1 to 5)"),
        ("nps", "NPS: how likely are they to recommend us? (0 to 10)"),
        ("resolved", "Is the problem resolved?"),
        ("retained", "Will they stay a customer?"),
        ("note", "Note (optional)"),
    ] {
        let id = format!("outcome-{}-{field}", r.id);
        assert!(
            html.contains(&format!(r#"<label for="{id}">{label}</label>"#)),
            "{field}: {html}"
        );
        assert!(html.contains(&format!(r#"id="{id}""#)));
    }
    assert_eq!(html.matches(">Not asked</option>").count(), 5);
    assert!(html.contains(">5 · Very satisfied</option>"));
    assert!(html.contains(">Save outcome</button>"));
}
