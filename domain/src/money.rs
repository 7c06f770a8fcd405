//! Money as integer minor units of an ISO 4217 currency: never a float, overflow is an error.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::number::{decimal_text, div_round};
use crate::share::Bp;

/// The currencies Amends knows, with their minor-unit exponent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Currency {
    USD,
    EUR,
    GBP,
    JPY,
    CAD,
    AUD,
    CHF,
    SEK,
}

impl Currency {
    pub const ALL: [Currency; 8] = [
        Currency::USD,
        Currency::EUR,
        Currency::GBP,
        Currency::JPY,
        Currency::CAD,
        Currency::AUD,
        Currency::CHF,
        Currency::SEK,
    ];

    /// ISO 4217 code.
    pub fn code(self) -> &'static str {
        match self {
            Currency::USD => "USD",
            Currency::EUR => "EUR",
            Currency::GBP => "GBP",
            Currency::JPY => "JPY",
            Currency::CAD => "CAD",
            Currency::AUD => "AUD",
            Currency::CHF => "CHF",
            Currency::SEK => "SEK",
        }
    }

    /// Digits after the decimal point (ISO 4217 minor unit).
    pub fn decimals(self) -> u32 {
        match self {
            Currency::JPY => 0,
            _ => 2,
        }
    }

    /// Minor units in one major unit (100 for USD, 1 for JPY).
    pub fn scale(self) -> i64 {
        10_i64.pow(self.decimals())
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A code that is not one of [`Currency::ALL`].
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("unknown currency code {0:?}")]
pub struct UnknownCurrency(pub String);

impl FromStr for Currency {
    type Err = UnknownCurrency;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let up = s.trim().to_ascii_uppercase();
        Currency::ALL
            .into_iter()
            .find(|c| c.code() == up)
            .ok_or(UnknownCurrency(s.to_string()))
    }
}

/// Why an amount could not be read or computed. Each variant is a plain sentence for the UI.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum MoneyError {
    #[error("enter an amount")]
    Empty,
    #[error("this is not a number")]
    NotANumber,
    #[error("the amount cannot be negative")]
    Negative,
    #[error("{currency} has at most {max} digits after the decimal point")]
    TooManyDecimals { currency: Currency, max: u32 },
    #[error("the amount is too large")]
    TooLarge,
    #[error("cannot combine {0} and {1}")]
    CurrencyMismatch(Currency, Currency),
}

/// The separators a person types in their locale ("1,234.50" or "1 234,50").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Separators {
    pub decimal: char,
    pub group: char,
}

impl Separators {
    /// The form used in links, files and code: "1234.50".
    pub const CANONICAL: Separators = Separators {
        decimal: '.',
        group: ',',
    };
}

impl Default for Separators {
    fn default() -> Self {
        Separators::CANONICAL
    }
}

/// An amount of money: minor units (cents, pence, yen) and its currency.
///
/// Amounts in Amends are never negative once parsed; arithmetic is checked and
/// refuses to mix currencies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    pub minor: i64,
    pub currency: Currency,
}

impl Money {
    /// Largest amount accepted from a person or a file: 10^13 minor units
    /// (100 billion dollars), far from i64 overflow even when summed over a million records.
    pub const MAX_MINOR: i64 = 10_000_000_000_000;

    pub const fn new(minor: i64, currency: Currency) -> Money {
        Money { minor, currency }
    }

    pub const fn zero(currency: Currency) -> Money {
        Money { minor: 0, currency }
    }

    /// Whole major units (e.g. 2000 dollars).
    pub fn major(units: i64, currency: Currency) -> Result<Money, MoneyError> {
        units
            .checked_mul(currency.scale())
            .map(|minor| Money { minor, currency })
            .ok_or(MoneyError::TooLarge)
    }

    pub fn is_zero(self) -> bool {
        self.minor == 0
    }

    fn same(self, other: Money) -> Result<(), MoneyError> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(MoneyError::CurrencyMismatch(self.currency, other.currency))
        }
    }

    pub fn checked_add(self, other: Money) -> Result<Money, MoneyError> {
        self.same(other)?;
        self.minor
            .checked_add(other.minor)
            .map(|minor| Money::new(minor, self.currency))
            .ok_or(MoneyError::TooLarge)
    }

    pub fn checked_sub(self, other: Money) -> Result<Money, MoneyError> {
        self.same(other)?;
        self.minor
            .checked_sub(other.minor)
            .map(|minor| Money::new(minor, self.currency))
            .ok_or(MoneyError::TooLarge)
    }

    /// `self - other`, or zero when `other` is larger (a remaining budget).
    pub fn saturating_remaining(self, other: Money) -> Result<Money, MoneyError> {
        let d = self.checked_sub(other)?;
        Ok(Money::new(d.minor.max(0), self.currency))
    }

    /// This amount times a share in basis points, rounded half away from zero to the minor unit.
    pub fn times(self, share: Bp) -> Result<Money, MoneyError> {
        let p = i128::from(self.minor) * i128::from(share.0);
        let q = div_round(p, 10_000);
        i64::try_from(q)
            .map(|minor| Money::new(minor, self.currency))
            .map_err(|_| MoneyError::TooLarge)
    }

    /// Round up to a whole major unit (a friendlier figure to offer: 12.40 -> 13).
    pub fn round_up_major(self) -> Result<Money, MoneyError> {
        let s = self.currency.scale();
        let r = self.minor.rem_euclid(s);
        if r == 0 {
            Ok(self)
        } else {
            self.minor
                .checked_add(s - r)
                .map(|minor| Money::new(minor, self.currency))
                .ok_or(MoneyError::TooLarge)
        }
    }

    /// The larger of two amounts of the same currency (`self` if they differ in currency).
    pub fn max_of(self, other: Money) -> Money {
        if other.currency == self.currency && other.minor > self.minor {
            other
        } else {
            self
        }
    }

    /// Sum of amounts that must share `currency`.
    pub fn sum<I: IntoIterator<Item = Money>>(
        currency: Currency,
        items: I,
    ) -> Result<Money, MoneyError> {
        items
            .into_iter()
            .try_fold(Money::zero(currency), |acc, m| acc.checked_add(m))
    }

    /// Parse what a person typed, with their locale's separators.
    ///
    /// Accepts "12", "12.5", "12.50", "1,234.50" (en) or "1 234,50" / "1.234,50" (fr, de).
    /// Group separators must separate groups of three digits. Where the locale's decimal
    /// mark is a comma, a lone "." followed by one or two digits is read as a decimal point
    /// ("12.5"), since no one groups thousands that way. A leading currency symbol or code
    /// is not accepted: the currency is chosen beside the field.
    pub fn parse(text: &str, currency: Currency, seps: Separators) -> Result<Money, MoneyError> {
        let t = text.trim();
        if t.is_empty() {
            return Err(MoneyError::Empty);
        }
        if t.starts_with('-') || t.starts_with('\u{2212}') {
            let rest = &t[t.char_indices().nth(1).map(|(i, _)| i).unwrap_or(t.len())..];
            // "-" alone or "-abc" is not a number; "-5" is a negative number.
            return if rest.chars().any(|c| c.is_ascii_digit()) {
                Err(MoneyError::Negative)
            } else {
                Err(MoneyError::NotANumber)
            };
        }
        let t = t.strip_prefix('+').unwrap_or(t);
        let is_group = |c: char| {
            c == seps.group
                || (seps.group.is_whitespace() || seps.group == '\u{202f}')
                    && (c == ' ' || c == '\u{a0}' || c == '\u{202f}')
                || (seps.group == '\'' && c == '\u{2019}')
        };
        let mut decimal = seps.decimal;
        let count = |ch: char| t.chars().filter(|c| *c == ch).count();
        if seps.decimal == ',' && count(',') == 0 && count('.') == 1 {
            let after = t.rsplit('.').next().map(str::len).unwrap_or(0);
            if after != 3 {
                decimal = '.';
            }
        }
        let (int_part, frac_part) = match t.split_once(decimal) {
            Some((i, f)) => (i, Some(f)),
            None => (t, None),
        };
        // Integer part: digits, optionally grouped by three.
        let mut digits = String::with_capacity(int_part.len());
        let groups: Vec<&str> = int_part
            .split(|c: char| c != decimal && is_group(c))
            .collect();
        if groups.len() > 1 {
            let first = groups[0];
            if first.is_empty() || first.len() > 3 || groups[1..].iter().any(|g| g.len() != 3) {
                return Err(MoneyError::NotANumber);
            }
        }
        for g in &groups {
            if !g.chars().all(|c| c.is_ascii_digit()) {
                return Err(MoneyError::NotANumber);
            }
            digits.push_str(g);
        }
        let frac = frac_part.unwrap_or("");
        if !frac.chars().all(|c| c.is_ascii_digit()) {
            return Err(MoneyError::NotANumber);
        }
        if digits.is_empty() && frac.is_empty() {
            return Err(MoneyError::NotANumber);
        }
        let max = currency.decimals();
        let frac_trimmed = frac.trim_end_matches('0');
        if frac_trimmed.len() > max as usize {
            return Err(MoneyError::TooManyDecimals { currency, max });
        }
        let mut minor: i64 = 0;
        for c in digits.chars() {
            minor = minor
                .checked_mul(10)
                .and_then(|m| m.checked_add(i64::from(c as u8 - b'0')))
                .ok_or(MoneyError::TooLarge)?;
            if minor > Money::MAX_MINOR {
                return Err(MoneyError::TooLarge);
            }
        }
        minor = minor
            .checked_mul(currency.scale())
            .ok_or(MoneyError::TooLarge)?;
        let mut frac_minor: i64 = 0;
        for i in 0..max as usize {
            let d = frac_trimmed.as_bytes().get(i).map_or(0, |b| b - b'0');
            frac_minor = frac_minor * 10 + i64::from(d);
        }
        let minor = minor.checked_add(frac_minor).ok_or(MoneyError::TooLarge)?;
        if minor > Money::MAX_MINOR {
            return Err(MoneyError::TooLarge);
        }
        Ok(Money::new(minor, currency))
    }

    /// Parse the canonical form used in links and files ("1234.50").
    pub fn parse_canonical(text: &str, currency: Currency) -> Result<Money, MoneyError> {
        Money::parse(text, currency, Separators::CANONICAL)
    }

    /// Plain decimal text for exports and input fields: "1234.50" (no grouping, no symbol).
    /// Display to people goes through the browser's Intl in the app.
    pub fn plain(self) -> String {
        decimal_text(self.minor, self.currency.decimals())
    }
}

/// "1234.50 USD": for logs, exports and tests.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.plain(), self.currency)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: Separators = Separators::CANONICAL;
    const FR: Separators = Separators {
        decimal: ',',
        group: '\u{202f}',
    };
    const DE: Separators = Separators {
        decimal: ',',
        group: '.',
    };

    fn usd(t: &str) -> Result<i64, MoneyError> {
        Money::parse(t, Currency::USD, EN).map(|m| m.minor)
    }

    #[test]
    fn parses_what_people_type() {
        assert_eq!(usd("12"), Ok(1200));
        assert_eq!(usd("12.5"), Ok(1250));
        assert_eq!(usd("12.50"), Ok(1250));
        assert_eq!(usd(" 1,234.50 "), Ok(123_450));
        assert_eq!(usd(".5"), Ok(50));
        assert_eq!(usd("12."), Ok(1200));
        assert_eq!(
            usd("12.500"),
            Ok(1250),
            "trailing zeros are not extra precision"
        );
        assert_eq!(
            Money::parse("1 234,50", Currency::EUR, FR).map(|m| m.minor),
            Ok(123_450)
        );
        assert_eq!(
            Money::parse("1.234,50", Currency::EUR, DE).map(|m| m.minor),
            Ok(123_450)
        );
        assert_eq!(
            Money::parse("12.5", Currency::EUR, FR).map(|m| m.minor),
            Ok(1250)
        );
        assert_eq!(
            Money::parse("1.234", Currency::EUR, DE).map(|m| m.minor),
            Ok(123_400)
        );
        assert_eq!(
            Money::parse("1500", Currency::JPY, EN).map(|m| m.minor),
            Ok(1500)
        );
    }

    #[test]
    fn refuses_with_a_reason() {
        assert_eq!(usd(""), Err(MoneyError::Empty));
        assert_eq!(usd("   "), Err(MoneyError::Empty));
        assert_eq!(usd("abc"), Err(MoneyError::NotANumber));
        assert_eq!(usd("-5"), Err(MoneyError::Negative));
        assert_eq!(usd("-"), Err(MoneyError::NotANumber));
        assert_eq!(usd("1.2.3"), Err(MoneyError::NotANumber));
        assert_eq!(usd("12,50"), Err(MoneyError::NotANumber), "bad grouping");
        assert_eq!(usd("$12"), Err(MoneyError::NotANumber));
        assert_eq!(usd("."), Err(MoneyError::NotANumber));
        assert_eq!(
            usd("1.005"),
            Err(MoneyError::TooManyDecimals {
                currency: Currency::USD,
                max: 2
            })
        );
        assert_eq!(
            Money::parse("10.5", Currency::JPY, EN),
            Err(MoneyError::TooManyDecimals {
                currency: Currency::JPY,
                max: 0
            })
        );
        assert_eq!(usd("99999999999999999999999"), Err(MoneyError::TooLarge));
        assert_eq!(usd("100000000001"), Err(MoneyError::TooLarge));
    }

    #[test]
    fn arithmetic_is_checked() {
        let a = Money::new(i64::MAX, Currency::USD);
        assert_eq!(
            a.checked_add(Money::new(1, Currency::USD)),
            Err(MoneyError::TooLarge)
        );
        assert_eq!(
            Money::new(1, Currency::USD).checked_add(Money::new(1, Currency::EUR)),
            Err(MoneyError::CurrencyMismatch(Currency::USD, Currency::EUR))
        );
        assert_eq!(
            Money::new(1000, Currency::USD).times(Bp(15_000)),
            Ok(Money::new(1500, Currency::USD))
        );
        assert_eq!(
            Money::new(333, Currency::USD).times(Bp(5_000)),
            Ok(Money::new(167, Currency::USD)),
            "half rounds away from zero"
        );
        assert_eq!(
            Money::new(1240, Currency::USD).round_up_major(),
            Ok(Money::new(1300, Currency::USD))
        );
    }

    #[test]
    fn plain_text_round_trips() {
        for (m, s) in [
            (Money::new(123_450, Currency::USD), "1234.50"),
            (Money::new(5, Currency::EUR), "0.05"),
            (Money::new(1500, Currency::JPY), "1500"),
        ] {
            assert_eq!(m.plain(), s);
            assert_eq!(Money::parse_canonical(s, m.currency), Ok(m));
        }
        assert_eq!("eur".parse::<Currency>(), Ok(Currency::EUR));
        assert!("XXX".parse::<Currency>().is_err());
    }
}
