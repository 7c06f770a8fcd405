//! Reusable view pieces shared by pages.

pub mod layout;
pub mod page;
