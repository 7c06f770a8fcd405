//! Other currencies a store accepts, with the manager's exact rates to the policy's own.

use serde::{Deserialize, Serialize};

use crate::money::{Currency, Money, MoneyError};

/// A currency the store accepts besides the policy's own, with the manager's rate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AcceptedCurrency {
    pub currency: Currency,
    /// Units of the policy currency for one unit of this currency, in millionths
    /// (1 EUR = 1.08 USD is 1_080_000): exact integers, never a float.
    pub rate_millionths: i64,
    /// When the manager set the rate (YYYY-MM-DD), shown with every converted limit.
    pub set_on: String,
}

/// Read an exchange rate typed as a decimal ("1.08", "0,0067") into millionths, exactly;
/// `None` for anything else (negative, more than 6 decimals, too large).
pub fn parse_rate(text: &str) -> Option<i64> {
    let t = text.trim();
    let (int, frac) = t.split_once(['.', ',']).unwrap_or((t, ""));
    let frac = frac.trim_end_matches('0');
    if (int.is_empty() && frac.is_empty())
        || int.len() > 12
        || frac.len() > 6
        || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let whole: i64 = if int.is_empty() { 0 } else { int.parse().ok()? };
    let mut f: i64 = 0;
    for i in 0..6 {
        f = f * 10 + frac.as_bytes().get(i).map_or(0, |b| i64::from(b - b'0'));
    }
    whole.checked_mul(RATE_SCALE)?.checked_add(f)
}

/// Millionths per unit of an exchange rate.
pub const RATE_SCALE: i64 = 1_000_000;

impl AcceptedCurrency {
    /// `m` (in this currency) in the policy currency `to`, rounded up to its minor unit so
    /// a limit is never checked on less than was given.
    pub fn convert(&self, m: Money, to: Currency) -> Result<Money, MoneyError> {
        if m.currency != self.currency {
            return Err(MoneyError::CurrencyMismatch(m.currency, self.currency));
        }
        let n = i128::from(m.minor) * i128::from(self.rate_millionths) * i128::from(to.scale());
        let d = i128::from(self.currency.scale()) * i128::from(RATE_SCALE);
        let q = n / d + i128::from(n % d > 0);
        i64::try_from(q)
            .map(|minor| Money::new(minor, to))
            .map_err(|_| MoneyError::TooLarge)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::Policy;

    #[test]
    fn rates_parse_exactly() {
        assert_eq!(parse_rate("1.08"), Some(1_080_000));
        assert_eq!(parse_rate(" 0,0067 "), Some(6_700));
        assert_eq!(parse_rate("2"), Some(2_000_000));
        assert_eq!(parse_rate("1.1234567"), None);
        assert_eq!(parse_rate("-1"), None);
        assert_eq!(parse_rate("abc"), None);
        assert_eq!(parse_rate(""), None);
        assert_eq!(crate::recommend::rate_text(1_080_000), "1.08");
        assert_eq!(crate::recommend::rate_text(6_700), "0.0067");
        assert_eq!(crate::recommend::rate_text(2_000_000), "2.00");
    }

    #[test]
    fn accepted_currencies_convert_exactly_and_are_checked() {
        let mut p = Policy::conservative_retail(Currency::USD);
        p.accepted_currencies.push(AcceptedCurrency {
            currency: Currency::JPY,
            rate_millionths: 6_700,
            set_on: "2026-11-30".into(),
        });
        p.accepted_currencies.push(AcceptedCurrency {
            currency: Currency::EUR,
            rate_millionths: 1_080_000,
            set_on: "2026-11-30".into(),
        });
        assert_eq!(p.validate(), Ok(()));
        assert_eq!(Policy::load(&p.to_json()), Ok(p.clone()));
        let eur = p.accepted(Currency::EUR).unwrap();
        // 13.50 EUR at 1.08 = 14.58 USD exactly; 0.01 EUR = 0.0108 USD rounds up to 0.02.
        assert_eq!(
            eur.convert(Money::new(1350, Currency::EUR), Currency::USD),
            Ok(Money::new(1458, Currency::USD))
        );
        assert_eq!(
            eur.convert(Money::new(1, Currency::EUR), Currency::USD),
            Ok(Money::new(2, Currency::USD))
        );
        // 1500 JPY at 0.0067 = 10.05 USD.
        assert_eq!(
            p.accepted(Currency::JPY)
                .unwrap()
                .convert(Money::new(1500, Currency::JPY), Currency::USD),
            Ok(Money::new(1005, Currency::USD))
        );
        assert!(p.accepted(Currency::GBP).is_none());
        let mut bad = p.clone();
        bad.accepted_currencies[0].rate_millionths = 0;
        bad.accepted_currencies[1].set_on = "30/11/2026".into();
        bad.accepted_currencies
            .push(bad.accepted_currencies[0].clone());
        let errs: Vec<String> = bad.validate_all().iter().map(|e| e.to_string()).collect();
        assert!(
            errs.contains(&"accepted_currencies[0].rate_millionths must be more than zero".into()),
            "{errs:?}"
        );
        assert!(
            errs.contains(&"accepted_currencies[1].set_on must be a date like 2026-01-31".into()),
            "{errs:?}"
        );
        assert!(
            errs.contains(&"accepted_currencies[2].currency is listed twice".into()),
            "{errs:?}"
        );
    }
}
