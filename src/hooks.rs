//! State held by the app, and the intents that change it (yew `Reducible` + context).

pub mod app_state;
pub mod busy;
pub mod draft;
pub mod locale;
pub mod prefill;
#[cfg(feature = "chain")]
pub mod sync;
