//! Amounts and dates in the user's locale, formatted by the browser's `Intl`.
//!
//! Amounts reach `Intl.NumberFormat` as exact decimal strings ("1234.50"), never as
//! floats, so what is shown is exactly what is stored. Formatters are cached per
//! currency: building one costs far more than using it, and typing must stay fast.

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

/// An amount for the user's locale, e.g. "€49.90" or "49,90 €" ("49.90 EUR" outside a
/// browser).
pub fn fmt(m: amends_domain::Money) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        browser::money(m)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        m.to_string()
    }
}

/// How a plain number is shown; each style is one cached `Intl.NumberFormat`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Figure {
    /// A whole count with the locale's grouping: "12,345".
    Count,
    /// A whole number with its sign unless zero: "+25", "-10", "0".
    Signed,
    /// One decimal, always shown: "4.0".
    OneDecimal,
    /// A percentage with at most one decimal: "66.7%".
    Percent1,
    /// A percentage with at most two decimals: "12.25%".
    Percent2,
    /// A percentage with at most two decimals, signed unless zero: "+10%", "-12.5%".
    SignedPercent,
    /// A whole percentage: "61%".
    Percent0,
}

impl Figure {
    #[cfg(target_arch = "wasm32")]
    fn options(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Figure::Count => &[("maximumFractionDigits", "0")],
            Figure::Signed => &[
                ("maximumFractionDigits", "0"),
                ("signDisplay", "exceptZero"),
            ],
            Figure::OneDecimal => &[
                ("minimumFractionDigits", "1"),
                ("maximumFractionDigits", "1"),
            ],
            Figure::Percent0 => &[("style", "percent"), ("maximumFractionDigits", "0")],
            Figure::Percent1 => &[("style", "percent"), ("maximumFractionDigits", "1")],
            Figure::Percent2 => &[("style", "percent"), ("maximumFractionDigits", "2")],
            Figure::SignedPercent => &[
                ("style", "percent"),
                ("maximumFractionDigits", "2"),
                ("signDisplay", "exceptZero"),
            ],
        }
    }

    fn is_percent(self) -> bool {
        matches!(
            self,
            Figure::Percent0 | Figure::Percent1 | Figure::Percent2 | Figure::SignedPercent
        )
    }

    /// Decimals kept before `Intl` sees the value (exact, rounded half away from zero).
    fn places(self) -> u32 {
        match self {
            Figure::Count | Figure::Signed | Figure::Percent0 => 0,
            Figure::OneDecimal | Figure::Percent1 => 1,
            Figure::Percent2 | Figure::SignedPercent => 2,
        }
    }
}

/// A count with the user's grouping: "12,345".
pub fn count(n: impl TryInto<i64>) -> String {
    figure(n.try_into().unwrap_or(i64::MAX), 0, Figure::Count)
}

/// `value / 10^scale` shown as `figure` for the user's locale. Percent figures take the
/// fraction itself (`Bp` is `value` with `scale` 4). The value reaches `Intl` as an exact
/// decimal string, already rounded to the figure's places, never as a float.
pub fn figure(value: i64, scale: u32, figure: Figure) -> String {
    let pct = if figure.is_percent() { 2 } else { 0 };
    let keep = figure.places() + pct;
    let rounded = if scale > keep {
        // Past 10^38 every i64 rounds to zero.
        let d = 10_i128.checked_pow(scale - keep).unwrap_or(i128::MAX);
        let v = i128::from(value);
        let r = (v.abs() + d / 2) / d * v.signum();
        i64::try_from(r).unwrap_or(if r < 0 { i64::MIN } else { i64::MAX })
    } else {
        value.saturating_mul(10_i64.pow(keep - scale))
    };
    #[cfg(target_arch = "wasm32")]
    {
        browser::figure(&amends_domain::number::decimal_text(rounded, keep), figure)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        plain_figure(rounded, keep, pct, figure)
    }
}

/// Outside a browser: English digits, "," grouping, trailing zeros of percentages dropped.
#[cfg(not(target_arch = "wasm32"))]
fn plain_figure(rounded: i64, keep: u32, pct: u32, figure: Figure) -> String {
    let shown = keep - pct;
    let sign = match (rounded.signum(), figure) {
        (-1, _) => "-",
        (1, Figure::Signed | Figure::SignedPercent) => "+",
        _ => "",
    };
    let scale = 10_u64.pow(shown);
    let a = rounded.unsigned_abs();
    let mut whole = String::new();
    let digits = (a / scale).to_string();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            whole.push(',');
        }
        whole.push(c);
    }
    let mut frac = if shown == 0 {
        String::new()
    } else {
        format!("{:0w$}", a % scale, w = shown as usize)
    };
    if pct > 0 {
        while frac.ends_with('0') {
            frac.pop();
        }
    }
    let dot = if frac.is_empty() { "" } else { "." };
    let percent = if pct > 0 { "%" } else { "" };
    format!("{sign}{whole}{dot}{frac}{percent}")
}

/// An ordinal's plural category, as `Intl.PluralRules` with `type: "ordinal"` says for
/// the user's locale; the catalogue has one entry per category ("1st", "2nd", "3rd", "4th").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ordinal {
    One,
    Two,
    Few,
    Other,
}

pub fn ordinal_category(n: u32) -> Ordinal {
    #[cfg(target_arch = "wasm32")]
    {
        match browser::ordinal(n).as_str() {
            "one" => Ordinal::One,
            "two" => Ordinal::Two,
            "few" => Ordinal::Few,
            _ => Ordinal::Other,
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        // English's rules, for tests and server rendering.
        match (n % 10, n % 100) {
            (_, 11..=13) => Ordinal::Other,
            (1, _) => Ordinal::One,
            (2, _) => Ordinal::Two,
            (3, _) => Ordinal::Few,
            _ => Ordinal::Other,
        }
    }
}

/// Formats amounts, dates and plurals for `tag` from now on. When the browser's own
/// language is the same language ("en-GB" for "en"), its regional conventions are kept.
pub fn set_locale(tag: &str) {
    let browser = language();
    let same = browser.split('-').next() == tag.split('-').next();
    #[cfg(target_arch = "wasm32")]
    browser::set_locale(if same { &browser } else { tag });
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (same, tag);
}

/// The cardinal plural category of `n` in the interface's locale ("one", "few",
/// "many", "other"...), as `Intl.PluralRules` says.
pub fn plural_category(n: usize) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        browser::plural(n)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        if n == 1 { "one" } else { "other" }.into()
    }
}

/// Whether `n` takes the singular form in the user's language (`Intl.PluralRules`,
/// cardinal, category "one").
pub fn is_singular(n: usize) -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        browser::plural(n) == "one"
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        n == 1
    }
}

/// Names joined as alternatives for the user's locale: "Ana or Ben", "Ana, Ben, or Cy"
/// (`Intl.ListFormat`, type "disjunction").
pub fn list_or(items: &[String]) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        browser::list_or(items)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        items.join(" or ")
    }
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

    /// Every `Intl` object the app has built for one locale. Building one costs far
    /// more than using it, and typing must stay fast; each locale keeps its own (the
    /// customer's language is formatted beside the interface's).
    #[derive(Default)]
    struct Formatters {
        money: HashMap<amends_domain::Currency, Function>,
        dates: HashMap<bool, Function>,
        figures: HashMap<super::Figure, Function>,
        ordinal: Option<Intl::PluralRules>,
        plural: Option<Intl::PluralRules>,
        or: Option<Intl::ListFormat>,
        separators: Option<(char, char)>,
    }

    thread_local! {
        /// The tag handed to `Intl` now (empty: the browser's own).
        static LOCALE: RefCell<String> = const { RefCell::new(String::new()) };
        static F: RefCell<HashMap<String, Formatters>> = RefCell::new(HashMap::new());
    }

    fn with<R>(f: impl FnOnce(&mut Formatters, &Array) -> R) -> R {
        let tag = LOCALE.with(|l| l.borrow().clone());
        F.with(|cell| {
            let locales = Array::new();
            if !tag.is_empty() {
                locales.push(&JsValue::from_str(&tag));
            }
            let mut all = cell.borrow_mut();
            f(all.entry(tag).or_default(), &locales)
        })
    }

    pub fn set_locale(tag: &str) {
        LOCALE.with(|l| tag.clone_into(&mut l.borrow_mut()));
    }

    pub fn ordinal(n: u32) -> String {
        with(|fm, locales| {
            let rules = fm.ordinal.get_or_insert_with(|| {
                Intl::PluralRules::new(locales, &options(&[("type", "ordinal")]))
            });
            String::from(rules.select(f64::from(n)))
        })
    }

    pub fn plural(n: usize) -> String {
        with(|fm, locales| {
            let rules = fm
                .plural
                .get_or_insert_with(|| Intl::PluralRules::new(locales, &Object::new()));
            String::from(rules.select(n as f64))
        })
    }

    pub fn list_or(items: &[String]) -> String {
        let list: Array = items.iter().map(|s| JsValue::from_str(s)).collect();
        with(|fm, locales| {
            let or = fm.or.get_or_insert_with(|| {
                Intl::ListFormat::new(
                    locales,
                    &options(&[("type", "disjunction"), ("style", "long")]),
                )
            });
            String::from(or.format(&list))
        })
    }

    fn call(format: &Function, value: &JsValue) -> Option<String> {
        format
            .call1(&JsValue::UNDEFINED, value)
            .ok()
            .and_then(|v| v.as_string())
    }

    pub fn figure(exact: &str, figure: super::Figure) -> String {
        with(|fm, locales| {
            let format = fm.figures.entry(figure).or_insert_with(|| {
                Intl::NumberFormat::new(locales, &options(figure.options())).format()
            });
            call(format, &JsValue::from_str(exact)).unwrap_or_else(|| exact.to_owned())
        })
    }

    fn options(pairs: &[(&str, &str)]) -> Object {
        let o = Object::new();
        for (k, v) in pairs {
            let _ = Reflect::set(&o, &JsValue::from_str(k), &JsValue::from_str(v));
        }
        o
    }

    pub fn money(m: amends_domain::Money) -> String {
        let text = m.plain();
        with(|fm, locales| {
            let format = fm.money.entry(m.currency).or_insert_with(|| {
                let opts = options(&[("style", "currency"), ("currency", m.currency.code())]);
                Intl::NumberFormat::new(locales, &opts).format()
            });
            call(format, &JsValue::from_str(&text)).unwrap_or_else(|| m.to_string())
        })
    }

    pub fn date(ms: i64, with_time: bool) -> String {
        let date = js_sys::Date::new(&JsValue::from_f64(ms as f64));
        with(|fm, locales| {
            let format = fm.dates.entry(with_time).or_insert_with(|| {
                let opts = if with_time {
                    options(&[("dateStyle", "medium"), ("timeStyle", "short")])
                } else {
                    options(&[("dateStyle", "medium")])
                };
                Intl::DateTimeFormat::new(locales, &opts).format()
            });
            call(format, &date).unwrap_or_default()
        })
    }

    /// Asked of the browser once per locale.
    pub fn separators() -> (char, char) {
        with(|fm, locales| {
            *fm.separators
                .get_or_insert_with(|| read_separators(locales))
        })
    }

    fn read_separators(locales: &Array) -> (char, char) {
        let nf = Intl::NumberFormat::new(locales, &Object::new());
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
    use super::currency_for;

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
    fn figures_round_exactly_then_format() {
        use super::{figure, Figure::*};
        assert_eq!(figure(12_345, 0, Count), "12,345");
        assert_eq!(figure(0, 0, Count), "0");
        assert_eq!(figure(25, 0, Signed), "+25");
        assert_eq!(figure(-10, 0, Signed), "-10");
        assert_eq!(figure(0, 0, Signed), "0");
        assert_eq!(figure(43, 1, OneDecimal), "4.3");
        assert_eq!(figure(4, 0, OneDecimal), "4.0");
        // Percentages take the fraction: basis points are scale 4.
        assert_eq!(figure(6667, 4, Percent1), "66.7%");
        assert_eq!(figure(5000, 4, Percent1), "50%");
        assert_eq!(figure(6049, 4, Percent0), "60%");
        assert_eq!(figure(6050, 4, Percent0), "61%");
        assert_eq!(figure(1225, 4, Percent2), "12.25%");
        assert_eq!(figure(15_000, 4, Percent2), "150%");
        assert_eq!(figure(1000, 4, SignedPercent), "+10%");
        assert_eq!(figure(-1250, 4, SignedPercent), "-12.5%");
        assert_eq!(figure(0, 4, SignedPercent), "0%");
        assert_eq!(figure(-5, 4, Percent0), "0%");
        assert_eq!(figure(i64::MAX, 60, Count), "0");
        assert_eq!(figure(i64::MIN, 0, Signed), "-9,223,372,036,854,775,808");
    }
}
