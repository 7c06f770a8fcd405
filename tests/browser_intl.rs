//! Numbers, lists and plural forms as the browser's `Intl` writes them (headless
//! Chromium runs in en-US), through the same functions the pages call.
#![cfg(target_arch = "wasm32")]

use amends::i18n::catalogue::{self, Catalogue, Locale, LOCALES};
use amends::i18n::{decision, ordinal};
use amends::services::intl::{count, figure, is_singular, list_or, Figure};
use amends_domain::{Currency, Decision, Limit, Money};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The app installs a locale's file before rendering; a test reads it from the repository.
fn install(locale: Locale, json: &str) -> &'static Catalogue {
    let c = catalogue::keep(Catalogue::parse(locale, json).expect("the locale file reads"));
    catalogue::install(c);
    c
}

fn english() -> &'static Catalogue {
    install(LOCALES[0], include_str!("../www/locales/en.json"))
}

#[wasm_bindgen_test]
fn figures_come_from_intl_number_format() {
    assert_eq!(count(1_234_567_usize), "1,234,567");
    assert_eq!(figure(6667, 4, Figure::Percent1), "66.7%");
    assert_eq!(figure(6050, 4, Figure::Percent0), "61%");
    assert_eq!(figure(1000, 4, Figure::SignedPercent), "+10%");
    assert_eq!(figure(-1250, 4, Figure::SignedPercent), "-12.5%");
    assert_eq!(figure(25, 0, Figure::Signed), "+25");
    assert_eq!(figure(4, 0, Figure::OneDecimal), "4.0");
}

#[wasm_bindgen_test]
fn ordinals_plurals_and_lists_come_from_intl() {
    english();
    let nth: Vec<String> = [1, 2, 3, 4, 11, 22].into_iter().map(ordinal).collect();
    assert_eq!(nth, ["1st", "2nd", "3rd", "4th", "11th", "22nd"]);
    assert!(is_singular(1));
    assert!(!is_singular(0) && !is_singular(2));
    assert_eq!(list_or(&["Ana".into(), "Ben".into()]), "Ana or Ben");
    assert_eq!(
        list_or(&["Ana".into(), "Ben".into(), "Cy".into()]),
        "Ana, Ben, or Cy"
    );
    let d = Decision::NeedsApproval {
        limit: Limit::PerIncident,
        over_by: Money::new(1250, Currency::USD),
        approvers: vec!["Shift lead".into(), "Manager".into()],
    };
    assert_eq!(
        decision(&d),
        "Needs approval: exceeds your limit per incident by $12.50; Shift lead or Manager can approve"
    );
}

#[wasm_bindgen_test]
fn a_customers_language_gets_its_own_words_and_intl_rules_then_the_interface_its_own() {
    let en = english();
    let fr = catalogue::keep(
        Catalogue::parse(
            Locale {
                tag: "fr",
                name: "Français",
            },
            include_str!("../www/locales/fr.json"),
        )
        .expect("fr.json reads"),
    );
    // French ordinal rules pick "one" for 1 only.
    let nth = catalogue::with(fr, || [ordinal(1), ordinal(2)]);
    assert_eq!(nth, ["1er", "2e"]);
    assert_eq!(catalogue::current().locale, en.locale);
    assert_eq!(ordinal(2), "2nd");
}
