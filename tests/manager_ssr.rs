//! Server-side renders of locked manager mode: nothing of manager mode shows before the
//! PIN, the PIN form is labelled, the first PIN is set there, and a lock-out disables it.
#![cfg(not(target_arch = "wasm32"))]

use amends::pages::manager::gate::{Gate, GateProps};
use amends::{ServerApp, ServerAppProps};
use yew::prelude::*;
use yew::LocalServerRenderer;

async fn gate(props: GateProps) -> String {
    LocalServerRenderer::<Gate>::with_props(props)
        .render()
        .await
}

fn props(has_pin: bool) -> GateProps {
    GateProps {
        has_pin,
        busy: false,
        error: None,
        locked_ms: None,
        warning: None,
        on_pin: Callback::noop(),
        on_set: Callback::noop(),
    }
}

/// The `<button ...>` tag (with its attributes) whose text is `text`.
fn button_tag<'a>(html: &'a str, text: &str) -> &'a str {
    let end = html
        .find(&format!(">{text}</button>"))
        .unwrap_or_else(|| panic!("a button {text:?} in {html}"));
    let start = html[..end].rfind("<button").unwrap();
    &html[start..end]
}

/// The opening tag of the element whose text starts with `text`.
fn tag_before<'a>(html: &'a str, text: &str) -> &'a str {
    let end = html
        .find(&format!(">{text}"))
        .unwrap_or_else(|| panic!("{text:?} in {html}"));
    let start = html[..end].rfind('<').unwrap();
    &html[start..end]
}

/// Manager mode's own controls: none may appear while it is locked.
const INSIDE: [&str; 6] = [
    "Save policy",
    "Limit per incident",
    "Leave manager mode",
    "Manager sections",
    "Export CSV",
    "Make approval code",
];

#[tokio::test]
async fn the_manager_page_shows_nothing_of_manager_mode_before_the_pin() {
    let html = LocalServerRenderer::<ServerApp>::with_props(ServerAppProps {
        path: "/manager".into(),
    })
    .render()
    .await;
    assert!(html.contains(">Manager</h1>"), "{html}");
    // Stored data (the PIN hash) is not read in SSR: the page waits rather than guess.
    assert!(html.contains("Loading…"), "{html}");
    for s in INSIDE {
        assert!(!html.contains(s), "{s:?} leaked into the locked page");
    }
}

#[tokio::test]
async fn with_a_pin_the_gate_asks_for_it() {
    let html = gate(props(true)).await;
    assert!(
        html.contains(r#"<h2 id="gate-title">Open manager mode</h2>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<label for="manager-pin">Manager PIN</label>"#),
        "{html}"
    );
    assert!(html.contains(r#"type="password""#));
    assert!(html.contains(r#"inputmode="numeric""#));
    assert!(!button_tag(&html, "Open manager mode").contains("disabled"));
    for s in INSIDE {
        assert!(!html.contains(s), "{s:?} in the gate");
    }
}

#[tokio::test]
async fn without_a_pin_a_manager_sets_the_device_up_here() {
    let html = gate(props(false)).await;
    assert!(html.contains("Set up this device"), "{html}");
    assert!(html.contains(r#"<label for="setup-name">Your name</label>"#));
    assert!(html.contains(r#"<label for="setup-preset">Policy to start from</label>"#));
    assert!(html.contains(">Conservative retail</option>"));
    assert!(html.contains(r#"<label for="manager-pin-setup-new">New manager PIN</label>"#));
    assert!(html.contains(r#"<label for="manager-pin-setup-again">Type the PIN again</label>"#));
    assert!(html.contains(">Set PIN</button>"));
}

#[tokio::test]
async fn a_wrong_pin_is_said_beside_the_field() {
    let mut p = props(true);
    p.error = Some("Wrong PIN. 3 tries left before a lock-out.".into());
    let html = gate(p).await;
    let p = tag_before(&html, "Wrong PIN. 3 tries left");
    assert!(p.contains(r#"id="manager-pin-error""#), "{p}");
    assert!(p.contains(r#"role="alert""#), "{p}");
    assert!(html.contains(r#"aria-describedby="manager-pin-error""#));
    assert!(html.contains(r#"aria-invalid="true""#));
}

#[tokio::test]
async fn a_lock_out_disables_the_form_and_says_how_long() {
    let mut p = props(true);
    p.locked_ms = Some(30_000);
    let html = gate(p).await;
    assert!(
        html.contains("Too many wrong tries. Try again in 30 s."),
        "{html}"
    );
    assert!(button_tag(&html, "Open manager mode").contains("disabled"));
}

#[tokio::test]
async fn a_storage_failure_is_said_above_the_form() {
    let mut p = props(false);
    p.warning = Some("This browser is not keeping data for Amends.".into());
    let html = gate(p).await;
    let p = tag_before(&html, "This browser is not keeping data");
    assert!(
        p.contains(r#"role="alert""#) && p.contains("warning"),
        "{p}"
    );
}
