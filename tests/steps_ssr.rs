//! Server-side renders of the recovery steps: each draws its fields, figures and reasons.
#![cfg(not(target_arch = "wasm32"))]

use amends::hooks::app_state::{AppProvider, AppState, Health};
use amends::hooks::draft::{use_draft, Draft, DraftRemedy, Step};
use amends::pages::new_recovery::derive::{derive, real_budget};
use amends::pages::new_recovery::{apologise, approve, confirm, listen, remedy, StepProps};
use amends_domain::export::StaffMember;
use amends_domain::{Currency, Policy, Separators};
use yew::prelude::*;
use yew::LocalServerRenderer;

fn state() -> AppState {
    AppState {
        health: Health::Ready,
        policy: Policy::conservative_retail(Currency::USD),
        staff: Some(StaffMember {
            name: "Sam".into(),
            role: "associate".into(),
        }),
        staff_list: vec![
            StaffMember {
                name: "Ann".into(),
                role: "supervisor".into(),
            },
            StaffMember {
                name: "Mo".into(),
                role: "manager".into(),
            },
            StaffMember {
                name: "Sam".into(),
                role: "associate".into(),
            },
        ],
        ..AppState::default()
    }
}

fn draft(step: Step, loss: &str, channel: &str) -> Draft {
    let mut d = Draft::new("rec-1".into(), 0, false, "USD");
    d.failure = "product".into();
    d.category = "defect".into();
    d.severity = 3;
    d.channel = channel.into();
    d.loss = loss.into();
    d.customer_name = "Ana".into();
    d.bundle = vec![DraftRemedy {
        kind: "replacement".into(),
        amount: loss.into(),
    }];
    d.go(step);
    d
}

#[derive(Properties, PartialEq, Clone)]
struct HarnessProps {
    draft: Draft,
}

#[function_component(Inner)]
fn inner(props: &HarnessProps) -> Html {
    let initial = props.draft.clone();
    let draft = use_draft(move || initial);
    let state = state();
    let derived = derive(
        &draft,
        &state,
        &real_budget(&state.records, &state.policy, "", None, "", 0).expect("small totals"),
        Separators::CANONICAL,
    );
    let p = StepProps {
        draft: draft.clone(),
        derived: derived.clone(),
    };
    match draft.step {
        Step::Listen => html! { <listen::Listen ..p /> },
        Step::Apologise => html! { <apologise::Apologise ..p /> },
        Step::Remedy => html! { <remedy::RemedyStep ..p /> },
        Step::Approval => html! { <approve::Approve ..p /> },
        Step::Confirm => {
            html! { <confirm::Confirm {draft} {derived} on_logged={Callback::noop()} /> }
        }
    }
}

#[function_component(Harness)]
fn harness(props: &HarnessProps) -> Html {
    html! { <AppProvider initial={Some(state())}><Inner draft={props.draft.clone()} /></AppProvider> }
}

async fn render(d: Draft) -> String {
    LocalServerRenderer::<Harness>::with_props(HarnessProps { draft: d })
        .render()
        .await
}

#[tokio::test]
async fn listen_shows_labelled_tiles_with_the_choice_made() {
    let html = render(draft(Step::Listen, "40", "in-store")).await;
    assert!(html.contains("Listen: what happened?"));
    assert!(html.contains("<legend>What kind of failure?</legend>"));
    assert!(html.contains("Significant: lost money, time or what they came for"));
    assert!(
        html.contains(r#"<label for="loss">Customer&#x27;s loss</label>"#)
            || html.contains("Customer's loss")
    );
}

#[tokio::test]
async fn apologise_offers_a_ready_text_only_for_written_channels() {
    let spoken = render(draft(Step::Apologise, "40", "in-store")).await;
    assert!(spoken.contains("Use their name: Ana."));
    assert!(!spoken.contains("Copy apology text"));
    let written = render(draft(Step::Apologise, "40", "chat")).await;
    assert!(written.contains("Copy apology text"));
    assert!(written.contains("Hi Ana,"));
    assert!(written.contains("the fault in your item"));
}

#[tokio::test]
async fn remedy_shows_three_options_with_reasons_and_the_decision() {
    let html = render(draft(Step::Remedy, "40", "in-store")).await;
    for option in ["Fair", "Recommended", "Generous"] {
        assert!(html.contains(&format!("{option}: ")), "{option} option");
    }
    assert!(html.contains("Fair: 100% of the loss"));
    assert!(html.contains("First failure: a good recovery"));
    assert!(html.contains("Within your authority"));
    assert!(html.contains("This shift"));
}

#[tokio::test]
async fn remedy_over_the_limit_names_the_limit_and_the_amount() {
    let html = render(draft(Step::Remedy, "120", "in-store")).await;
    assert!(
        html.contains(
            "Needs approval: exceeds your limit per incident by 22.00 USD; Manager can approve"
        ),
        "{html}"
    );
    assert!(html.contains("Next: ask a manager"));
}

#[tokio::test]
async fn approval_names_an_approver_from_the_staff_list_and_never_sets_a_pin() {
    let html = render(draft(Step::Approval, "120", "in-store")).await;
    assert!(
        html.contains(r#"<label for="approver">Approved by</label>"#),
        "{html}"
    );
    assert!(html.contains(r#"<option value="Mo""#), "Mo's role approves");
    assert!(
        !html.contains(r#"<option value="Ann""#),
        "a supervisor does not approve"
    );
    assert!(
        !html.contains(r#"<option value="Sam""#),
        "nobody approves their own"
    );
    assert!(!html.contains("New manager PIN") && !html.contains("Set PIN"));
    assert!(html.contains("Reference for the manager: "));
    assert!(html.contains("cost 72.00 USD"));
    assert!(html.contains("Reason for declining"));
}

#[tokio::test]
async fn confirm_summarises_and_offers_the_text_for_the_customer() {
    let html = render(draft(Step::Confirm, "40", "email")).await;
    assert!(html.contains("Confirm and log"));
    assert!(html.contains("Replacement or exchange (40.00 USD)"));
    assert!(html.contains("Copy resolution text"));
    assert!(html.contains("Log recovery"));
}
