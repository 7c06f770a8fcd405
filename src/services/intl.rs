//! Amounts and dates in the user's locale, formatted by the browser's `Intl`.
//!
//! Amounts reach `Intl.NumberFormat` as exact decimal strings ("1234.50"), never as
//! floats, so what is shown is exactly what is stored. Formatters are cached per
//! currency: building one costs far more than using it, and typing must stay fast.

/// `minor` units of `currency` (with `digits` decimals) as an exact decimal string.
pub fn decimal_string(minor: i64, digits: u8) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    if digits == 0 {
        return format!("{sign}{abs}");
    }
    let scale = 10u64.pow(u32::from(digits));
    format!(
        "{sign}{}.{:0width$}",
        abs / scale,
        abs % scale,
        width = usize::from(digits)
    )
}

/// An amount formatted for the user's locale, e.g. "€49.90" or "49,90 €".
pub fn money(minor: i64, currency: &str, digits: u8) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        browser::money(minor, currency, digits)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        format!("{} {currency}", decimal_string(minor, digits))
    }
}

/// A date and time for the user's locale (medium date, short time).
pub fn date_time(ms: i64) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        browser::date(ms, true)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        format!("@{ms}")
    }
}

/// A date for the user's locale (medium).
pub fn date(ms: i64) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        browser::date(ms, false)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        format!("@{ms}")
    }
}

/// The user's decimal and group separators, as their locale writes numbers.
pub fn separators() -> (char, char) {
    #[cfg(target_arch = "wasm32")]
    {
        browser::separators()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        ('.', ',')
    }
}

/// A domain amount for the user's locale.
pub fn fmt(m: amends_domain::Money) -> String {
    money(m.minor, m.currency.code(), m.currency.decimals() as u8)
}

/// The separators as the domain's parser wants them.
pub fn seps() -> amends_domain::Separators {
    let (decimal, group) = separators();
    amends_domain::Separators { decimal, group }
}

/// The user's language tag, e.g. "en-GB"; "en-US" outside a browser.
pub fn language() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        gloo::utils::window()
            .navigator()
            .language()
            .unwrap_or_else(|| "en-US".into())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        "en-US".into()
    }
}

/// A sensible starting currency for the user's locale (a manager can change it).
pub fn default_currency() -> amends_domain::Currency {
    currency_for(&language())
}

pub fn currency_for(lang: &str) -> amends_domain::Currency {
    use amends_domain::Currency::*;
    let mut parts = lang.split(['-', '_']);
    let language = parts.next().unwrap_or("").to_ascii_lowercase();
    let region = parts
        .find(|p| p.len() == 2)
        .map(str::to_ascii_uppercase)
        .unwrap_or_default();
    match (region.as_str(), language.as_str()) {
        ("US", _) => USD,
        ("GB", _) => GBP,
        ("CA", _) => CAD,
        ("AU", _) => AUD,
        ("CH" | "LI", _) => CHF,
        ("SE", _) | (_, "sv") => SEK,
        ("JP", _) | (_, "ja") => JPY,
        ("DE" | "FR" | "ES" | "IT" | "NL" | "BE" | "AT" | "IE" | "PT" | "FI" | "GR", _) => EUR,
        (_, "de" | "fr" | "es" | "it" | "nl" | "pt" | "fi" | "el") => EUR,
        _ => USD,
    }
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use std::cell::RefCell;
    use std::collections::HashMap;

    use js_sys::{Array, Function, Intl, Object, Reflect};
    use wasm_bindgen::{JsCast, JsValue};

    thread_local! {
        static MONEY: RefCell<HashMap<String, Function>> = RefCell::new(HashMap::new());
        static DATES: RefCell<HashMap<bool, Function>> = RefCell::new(HashMap::new());
    }

    fn options(pairs: &[(&str, &str)]) -> Object {
        let o = Object::new();
        for (k, v) in pairs {
            let _ = Reflect::set(&o, &JsValue::from_str(k), &JsValue::from_str(v));
        }
        o
    }

    pub fn money(minor: i64, currency: &str, digits: u8) -> String {
        let text = super::decimal_string(minor, digits);
        MONEY.with(|cache| {
            let mut cache = cache.borrow_mut();
            let format = cache.entry(currency.to_owned()).or_insert_with(|| {
                let opts = options(&[("style", "currency"), ("currency", currency)]);
                Intl::NumberFormat::new(&Array::new(), &opts).format()
            });
            format
                .call1(&JsValue::UNDEFINED, &JsValue::from_str(&text))
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_else(|| format!("{text} {currency}"))
        })
    }

    pub fn date(ms: i64, with_time: bool) -> String {
        DATES.with(|cache| {
            let mut cache = cache.borrow_mut();
            let format = cache.entry(with_time).or_insert_with(|| {
                let opts = if with_time {
                    options(&[("dateStyle", "medium"), ("timeStyle", "short")])
                } else {
                    options(&[("dateStyle", "medium")])
                };
                Intl::DateTimeFormat::new(&Array::new(), &opts).format()
            });
            let date = js_sys::Date::new(&JsValue::from_f64(ms as f64));
            format
                .call1(&JsValue::UNDEFINED, &date)
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default()
        })
    }

    pub fn separators() -> (char, char) {
        let nf = Intl::NumberFormat::new(&Array::new(), &Object::new());
        let parts: Array = match nf.format_to_parts(12345.5).dyn_into() {
            Ok(parts) => parts,
            Err(_) => return ('.', ','),
        };
        let (mut decimal, mut group) = ('.', ',');
        for part in parts.iter() {
            let kind = Reflect::get(&part, &"type".into())
                .ok()
                .and_then(|v| v.as_string());
            let value = Reflect::get(&part, &"value".into())
                .ok()
                .and_then(|v| v.as_string());
            if let (Some(kind), Some(c)) = (kind, value.and_then(|v| v.chars().next())) {
                match kind.as_str() {
                    "decimal" => decimal = c,
                    "group" => group = c,
                    _ => {}
                }
            }
        }
        (decimal, group)
    }
}

#[cfg(test)]
mod tests {
    use super::{currency_for, decimal_string};

    #[test]
    fn currency_follows_the_locale() {
        use amends_domain::Currency;
        assert_eq!(currency_for("en-US"), Currency::USD);
        assert_eq!(currency_for("en-GB"), Currency::GBP);
        assert_eq!(currency_for("de"), Currency::EUR);
        assert_eq!(currency_for("fr-CH"), Currency::CHF);
        assert_eq!(currency_for("sv-SE"), Currency::SEK);
        assert_eq!(currency_for("xx"), Currency::USD);
    }

    #[test]
    fn decimal_strings_are_exact() {
        assert_eq!(decimal_string(4990, 2), "49.90");
        assert_eq!(decimal_string(5, 2), "0.05");
        assert_eq!(decimal_string(-1205, 2), "-12.05");
        assert_eq!(decimal_string(1500, 0), "1500");
        assert_eq!(decimal_string(i64::MIN, 2), "-92233720368547758.08");
    }
}
