//! Server-side renders of the recovery steps: each draws its fields, figures and reasons.
#![cfg(not(target_arch = "wasm32"))]

use amends::hooks::app_state::{AppProvider, AppState, Health};
use amends::hooks::draft::{use_draft, Draft, DraftRemedy, Step};
use amends::pages::new_recovery::derive::{derive, real_budget};
use amends::pages::new_recovery::{apologise, approve, confirm, listen, remedy, StepProps};
use amends_domain::staff::StaffMember;
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
        &real_budget(
            &state.records,
            &state.policy,
            "",
            &Default::default(),
            "",
            0,
        )
        .expect("small totals"),
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

/// The first screen asks what happened, the loss and how serious; the rest is behind
/// "More details", closed, with its defaults named; a link's problem opens it, and what a
/// link filled in is summarised at the top.
#[tokio::test]
async fn listen_keeps_the_details_behind_one_button_and_summarises_a_link() {
    let plain = render(draft(Step::Listen, "40", "in-store")).await;
    assert!(
        plain.contains(r#"aria-expanded="false""#),
        "closed by default"
    );
    assert!(plain.contains(r#"id="more-details" hidden"#), "{plain}");
    assert!(
        plain.contains("In store · After buying · Regular · Ana"),
        "defaults named"
    );
    assert!(!plain.contains("From the link"));

    let mut linked = Draft::new("rec-2".into(), 0, false, "USD");
    amends::pages::new_recovery::apply_prefill(
        &mut linked,
        "ticket=ZD-4411&customer=Ana%20Lima&channel=chat&category=late-delivery&amount=49.90&touchpoint=nowhere",
    );
    let html = render(linked).await;
    assert!(
        html.contains(
            "From the link: Ticket ZD-4411 · Ana Lima · Chat · Late delivery · 49.90 USD"
        ),
        "{html}"
    );
    assert!(
        html.contains(r#"aria-expanded="true""#),
        "a warning opens the details"
    );
    assert!(!html.contains(r#"id="more-details" hidden"#));
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

/// Every failure type, in person and in writing, gets its own example words with the
/// customer's name and what happened, and the list of what not to say.
#[tokio::test]
async fn apologise_gives_example_words_for_every_failure_type_and_channel() {
    let cases = [
        (
            "monetary",
            "billing-error",
            "the error in your bill",
            "the money right",
        ),
        (
            "product",
            "defect",
            "the fault in your item",
            "a replacement or your money back",
        ),
        (
            "service",
            "service-not-done",
            "the service that was not done",
            "exactly",
        ),
        (
            "attention",
            "rude-staff",
            "how you were spoken to",
            "look after this myself",
        ),
        (
            "delay",
            "late-delivery",
            "your late delivery",
            "a time you can rely on",
        ),
    ];
    let mut seen = Vec::new();
    for (failure, category, what, action) in cases {
        for channel in ["in-store", "email"] {
            let mut d = draft(Step::Apologise, "40", channel);
            d.failure = failure.into();
            d.category = category.into();
            let html = render(d).await;
            assert!(
                html.contains(what),
                "{failure} {channel}: names what happened"
            );
            assert!(
                html.contains(action),
                "{failure} {channel}: says what I will do"
            );
            assert!(html.contains("What not to say"), "{failure} {channel}");
            assert!(
                html.contains("the “but” takes the apology back"),
                "{failure}"
            );
            if channel == "in-store" {
                assert!(html.contains("Ana, thank you for telling me."), "{failure}");
                assert!(html.contains("Copy example words"), "{failure}");
            } else {
                assert!(html.contains("Hi Ana,"), "{failure}");
                assert!(html.contains("Copy apology text"), "{failure}");
            }
            let start = html.find("copy-text").expect("an example block");
            seen.push(html[start..start + 200].to_string());
        }
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 10, "ten different examples");
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
    // What the phone approver needs, in the order they write it down.
    assert!(
        html.contains("Read this out to the approver: I am Sam. Defect, a loss of 120.00 USD."),
        "{html}"
    );
    assert!(html.contains("which costs 72.00 USD. Why it needs approval: "));
    assert!(html.contains("The reference is "));
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

/// The customer's text reads as a person would write it: no "in 0 days" after choosing no
/// follow-up, no "in 1 days", and no "giving you: our apology" when nothing else is given.
#[tokio::test]
async fn confirm_words_the_follow_up_and_an_apology_only_recovery_naturally() {
    let text = |html: String| {
        let start = html.find("Hi Ana,").expect("the resolution text");
        html[start..start + 400].to_string()
    };
    let mut none = draft(Step::Confirm, "40", "email");
    none.follow_up_days = 0;
    let none = text(render(none).await);
    assert!(!none.contains("0 days"), "{none}");
    assert!(none.contains("just reply to this message"), "{none}");

    let mut one = draft(Step::Confirm, "40", "email");
    one.follow_up_days = 1;
    let one = text(render(one).await);
    assert!(!one.contains("1 days"), "{one}");
    assert!(one.contains("check in with you tomorrow"), "{one}");

    let mut three = draft(Step::Confirm, "40", "email");
    three.follow_up_days = 3;
    three.bundle.clear();
    let three = text(render(three).await);
    assert!(three.contains("in 3 days"), "{three}");
    assert!(!three.contains("giving you"), "{three}");
    assert!(three.contains("I am sorry again"), "{three}");
}
