//! Server-side renders of the shell: every route draws the header, its own heading and the footer.
#![cfg(not(target_arch = "wasm32"))]

use amends::{ServerApp, ServerAppProps};
use yew::LocalServerRenderer;

async fn render(path: &str) -> String {
    LocalServerRenderer::<ServerApp>::with_props(ServerAppProps {
        path: path.to_owned().into(),
    })
    .render()
    .await
}

fn h1(html: &str) -> &str {
    let start = html.find("<h1").expect("page has an h1");
    let open_end = start + html[start..].find('>').unwrap() + 1;
    let close = open_end + html[open_end..].find("</h1>").unwrap();
    &html[open_end..close]
}

#[tokio::test]
async fn every_route_renders_its_heading_inside_the_shell() {
    for (path, heading) in [
        ("/", "Put it right with the customer"),
        ("/new", "New recovery"),
        ("/follow-ups", "Follow-ups"),
        ("/log", "Log"),
        ("/dashboard", "Dashboard"),
        ("/manager", "Manager"),
        ("/no-such-page", "Page not found"),
    ] {
        let html = render(path).await;
        assert_eq!(h1(&html), heading, "heading at {path}");
        assert!(html.contains(r#"<nav aria-label="Main">"#), "nav at {path}");
        assert!(
            html.contains(&format!("Amends version {}", amends::VERSION)),
            "footer at {path}"
        );
        assert_eq!(html.matches("<h1").count(), 1, "one h1 at {path}");
    }
}

#[tokio::test]
async fn the_current_page_is_marked_in_the_navigation() {
    let html = render("/log").await;
    assert!(
        html.contains(r#"href="/log" aria-current="page""#),
        "{html}"
    );
    assert_eq!(html.matches(r#"aria-current="page""#).count(), 1);
}

#[tokio::test]
async fn navigation_links_are_real_addresses() {
    let html = render("/").await;
    for href in ["/new", "/follow-ups", "/log", "/dashboard", "/manager"] {
        assert!(
            html.contains(&format!(r#"href="{href}""#)),
            "link to {href}"
        );
    }
}
