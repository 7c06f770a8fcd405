//! Catalogue entries of the manager pages (part of the one catalogue in `crate::i18n`).

/// Message ids of the manager pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Msg {
    Title,
}

/// English, the source language.
pub fn t(m: Msg) -> &'static str {
    match m {
        Msg::Title => "",
    }
}
