//! The app's URLs: one enum, so links and the router cannot disagree.

use std::collections::HashMap;

use yew_router::Routable;

/// `Routable` is written out rather than derived: the derive matches paths with
/// `route_recognizer`'s automaton in a thread-local (9.9 KB of wasm for these seven fixed
/// paths); a `match` does the same here. The test below holds it to the derive's answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    Home,
    NewRecovery,
    FollowUps,
    Log,
    Dashboard,
    Manager,
    /// Any other path.
    NotFound,
}

impl Route {
    /// Each route and its path, in one table.
    const PATHS: [(Route, &'static str); 7] = [
        (Route::Home, "/"),
        (Route::NewRecovery, "/new"),
        (Route::FollowUps, "/follow-ups"),
        (Route::Log, "/log"),
        (Route::Dashboard, "/dashboard"),
        (Route::Manager, "/manager"),
        (Route::NotFound, "/404"),
    ];

    fn path(self) -> &'static str {
        Self::PATHS[self as usize].1
    }
}

impl Routable for Route {
    fn from_path(path: &str, _: &HashMap<&str, &str>) -> Option<Self> {
        Self::PATHS
            .iter()
            .find(|(_, p)| *p == path)
            .map(|(r, _)| *r)
    }

    fn to_path(&self) -> String {
        self.path().to_string()
    }

    fn routes() -> Vec<&'static str> {
        Self::PATHS.iter().map(|(_, p)| *p).collect()
    }

    fn not_found_route() -> Option<Self> {
        Some(Route::NotFound)
    }

    /// As the derive: one trailing and one leading `/` dropped from both sides, then
    /// the same text; anything else is not found.
    fn recognize(pathname: &str) -> Option<Self> {
        let bare = |p: &'static str| {
            let p = p.strip_suffix('/').unwrap_or(p);
            p.strip_prefix('/').unwrap_or(p)
        };
        let p = pathname.strip_suffix('/').unwrap_or(pathname);
        let p = p.strip_prefix('/').unwrap_or(p);
        Self::PATHS
            .iter()
            .find(|(_, path)| bare(path) == p)
            .map(|(r, _)| *r)
            .or(Some(Route::NotFound))
    }
}

impl Route {
    /// The pages the navigation lists, in order.
    pub const NAV: [Route; 5] = [
        Route::NewRecovery,
        Route::FollowUps,
        Route::Log,
        Route::Dashboard,
        Route::Manager,
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every path gets the route yew-router's derive would give it (its recognizer,
    /// built from the same paths).
    #[test]
    fn paths_are_recognised_as_the_derive_recognises_them() {
        let router = yew_router::__macro::build_router::<Route>();
        let paths = [
            "",
            "/",
            "//",
            "///",
            "/new",
            "/new/",
            "new",
            "//new",
            "/new//",
            "/New",
            "/new/x",
            "/newx",
            "/new.",
            "/follow-ups",
            "/follow-ups/",
            "/follow_ups",
            "/log",
            "/log/",
            "/dashboard",
            "/dashboard?x",
            "/manager",
            "/manager/",
            "/404",
            "/404/",
            "/x",
            "/é",
            "/new/é",
            "/manager/../new",
            "/ new",
            "/new ",
            "/dashboard.json",
        ];
        for p in paths {
            let derived = yew_router::__macro::recognize_with_router::<Route>(&router, p);
            assert_eq!(Route::recognize(p), derived, "{p:?}");
        }
        for (r, p) in Route::PATHS {
            assert_eq!(r.to_path(), p);
            assert_eq!(Route::from_path(p, &HashMap::new()), Some(r));
            assert_eq!(Route::recognize(p), Some(r));
        }
    }
}
