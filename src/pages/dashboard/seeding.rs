//! Test-only: `/dashboard?seed=N` fills IndexedDB with generated records (see `services::seed`).

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use crate::hooks::app_state::{AppHandle, Health};
use crate::i18n::dashboard::{tf, Msg};
use crate::route::Route;
use crate::services::seed::{self, SeedRequest};

/// Where a seeding stands, as shown on the dashboard.
#[derive(Clone, Debug, PartialEq)]
pub enum SeedStatus {
    Working(usize),
    Done(usize),
    Failed(String),
}

impl SeedStatus {
    /// The test-only seeding status, with plain digits: the e2e fixtures read the count back.
    pub fn text(&self) -> String {
        match self {
            SeedStatus::Working(n) => tf(Msg::SeedWorking, &[("n", &n.to_string())]),
            SeedStatus::Done(n) => tf(Msg::SeedDone, &[("n", &n.to_string())]),
            SeedStatus::Failed(why) => tf(Msg::SeedFailed, &[("why", why)]),
        }
    }
}

/// Seeds once the app has loaded, if the address asks for it; then reloads the app's
/// log and drops the query, so that a reload does not seed again.
#[hook]
pub fn use_seed(app: &AppHandle) -> Option<SeedStatus> {
    let status = use_state(|| None::<SeedStatus>);
    let location = use_location();
    let navigator = use_navigator();
    let request =
        location.and_then(|l| seed::request(&crate::hooks::prefill::parse_query(l.query_str())));
    // The newest handle: the write takes seconds, and reloading needs the app's database,
    // which the handle of the first render may not have had yet.
    let latest: Rc<RefCell<AppHandle>> = use_mut_ref(|| app.clone());
    *latest.borrow_mut() = app.clone();
    let started = use_mut_ref(|| false);
    let ready = app.health == Health::Ready;
    {
        let status = status.clone();
        use_effect_with((ready, request), move |(ready, request)| {
            let already = *started.borrow();
            if let (true, Some(req), false) = (*ready, *request, already) {
                *started.borrow_mut() = true;
                run(req, status, latest, navigator);
            }
        });
    }
    (*status).clone()
}

fn run(
    req: SeedRequest,
    status: UseStateHandle<Option<SeedStatus>>,
    latest: Rc<RefCell<AppHandle>>,
    navigator: Option<Navigator>,
) {
    status.set(Some(SeedStatus::Working(req.count)));
    wasm_bindgen_futures::spawn_local(async move {
        match seed::seed(req).await {
            Ok(n) => {
                let app = latest.borrow().clone();
                app.reload_records().await;
                status.set(Some(SeedStatus::Done(n)));
                if let Some(nav) = navigator {
                    nav.replace(&Route::Dashboard);
                }
            }
            Err(e) => status.set(Some(SeedStatus::Failed(crate::i18n::storage_error(&e)))),
        }
    });
}
