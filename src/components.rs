//! Reusable view pieces shared by pages. Each control carries its own visible label,
//! which is also its accessible name, and shows its error in words beside it.

pub mod chart;
pub mod copy_button;
pub mod field;
pub mod language;
pub mod layout;
pub mod meter;
pub mod page;
pub mod pin;
pub mod steps;
#[cfg(feature = "chain")]
pub mod sync_status;
pub mod tiles;
