//! Everything that talks to the browser, behind small typed APIs.
//!
//! Views and hooks call these; nothing else touches IndexedDB, localStorage,
//! `crypto.subtle`, the clipboard or `Intl`. On native builds (SSR tests) each
//! service has a plain fallback or reports itself unavailable.

pub mod clipboard;
pub mod clock;
pub mod crypto;
pub mod download;
pub mod files;
pub mod intl;
pub mod locale;
pub mod storage;
#[cfg(feature = "chain")]
pub mod sync;
