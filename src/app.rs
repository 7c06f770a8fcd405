//! The shell around every page: header, navigation, main region, footer; and routing.

use yew::prelude::*;
use yew_router::history::{AnyHistory, History, MemoryHistory};
use yew_router::prelude::*;

use crate::components::layout::Layout;
use crate::hooks::app_state::AppProvider;
use crate::hooks::locale::LocaleProvider;
#[cfg(feature = "chain")]
use crate::hooks::sync::SyncProvider;
use crate::pages;
use crate::route::Route;

fn switch(route: Route) -> Html {
    match route {
        Route::Home => html! { <pages::home::Home /> },
        Route::NewRecovery => html! { <pages::new_recovery::NewRecovery /> },
        Route::FollowUps => html! { <pages::follow_ups::FollowUps /> },
        Route::Log => html! { <pages::log::Log /> },
        Route::Dashboard => html! { <pages::dashboard::Dashboard /> },
        Route::Manager => html! { <pages::manager::Manager /> },
        Route::NotFound => html! { <pages::not_found::NotFound /> },
    }
}

/// The app in the browser: routes follow the address bar.
#[function_component(App)]
pub fn app() -> Html {
    html! {
        <AppProvider>
            { with_sync(html! {
                <LocaleProvider>
                    <BrowserRouter>
                        <Layout>
                            <Switch<Route> render={switch} />
                        </Layout>
                    </BrowserRouter>
                </LocaleProvider>
            }) }
        </AppProvider>
    }
}

/// Chain sync around the app, in the chain build only (`--features chain`): a device-only
/// build carries none of its code.
#[cfg(feature = "chain")]
fn with_sync(inner: Html) -> Html {
    html! { <SyncProvider>{ inner }</SyncProvider> }
}

#[cfg(not(feature = "chain"))]
fn with_sync(inner: Html) -> Html {
    inner
}

#[derive(Properties, PartialEq, Clone)]
pub struct ServerAppProps {
    /// The path to render, e.g. `/log`.
    pub path: AttrValue,
}

/// The app rendered at a fixed path, for server-side rendering in tests.
#[function_component(ServerApp)]
pub fn server_app(props: &ServerAppProps) -> Html {
    let history = AnyHistory::from(MemoryHistory::new());
    history.push(props.path.to_string());
    html! {
        <AppProvider>
            <LocaleProvider>
                <Router history={history}>
                    <Layout>
                        <Switch<Route> render={switch} />
                    </Layout>
                </Router>
            </LocaleProvider>
        </AppProvider>
    }
}
