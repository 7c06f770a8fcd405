//! The app's URLs: one enum, so links and the router cannot disagree.

use yew_router::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Routable)]
pub enum Route {
    #[at("/")]
    Home,
    #[at("/new")]
    NewRecovery,
    #[at("/follow-ups")]
    FollowUps,
    #[at("/log")]
    Log,
    #[at("/dashboard")]
    Dashboard,
    #[at("/manager")]
    Manager,
    #[not_found]
    #[at("/404")]
    NotFound,
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
