//! One component per route. Pages compose components and read state through hooks.

pub mod dashboard;
pub mod follow_ups;
pub mod home;
pub mod log;
pub mod manager;
pub mod new_recovery;
pub mod not_found;
