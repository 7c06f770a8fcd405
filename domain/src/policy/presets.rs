//! The two policies a manager starts from: Conservative retail and Ritz-Carlton style.

use super::{Policy, Role, Settings, POLICY_SCHEMA};
use crate::incident::FailureType;
use crate::money::{Currency, Money};
use crate::remedy::{correction_entry, CatalogueEntry, RemedyKind};
use crate::share::Bp;

fn catalogue_default() -> Vec<CatalogueEntry> {
    use FailureType::*;
    use RemedyKind::*;
    let e = |kind, cost: i32, fits: &[FailureType], pct: Option<Bp>| CatalogueEntry {
        kind,
        enabled: true,
        cost_share: Bp::percent(cost),
        fits: fits.to_vec(),
        discount_percent: pct,
        outside_limits: false,
    };
    vec![
        correction_entry(),
        e(RefundFull, 100, &[Monetary, Product, Service, Delay], None),
        e(
            RefundPartial,
            100,
            &[Monetary, Product, Service, Delay],
            None,
        ),
        e(Replacement, 60, &[Product], None),
        e(RedoService, 50, &[Service], None),
        e(
            StoreCredit,
            70,
            &[Monetary, Product, Service, Delay, Attention],
            None,
        ),
        e(
            DiscountNext,
            40,
            &[Delay, Attention, Service],
            Some(Bp::percent(20)),
        ),
        // Free shipping makes up for a wait, not for a faulty product.
        e(FreeShipping, 30, &[Delay], None),
        e(ComplimentaryItem, 40, &[Attention, Delay, Service], None),
        e(FeeWaiver, 100, &[Monetary, Delay], None),
        e(
            ManagerApology,
            0,
            &[Attention, Service, Product, Delay, Monetary],
            None,
        ),
        e(
            HandwrittenNote,
            0,
            &[Attention, Service, Product, Delay, Monetary],
            None,
        ),
    ]
}

impl Policy {
    /// Conservative retail: small limits for new staff, rising with the role.
    pub fn conservative_retail(currency: Currency) -> Policy {
        use RemedyKind::*;
        let m = |units: i64| Money::new(units * currency.scale(), currency);
        // A full refund is within an associate's reach when it is small: the amount
        // limits decide, not a refusal that pushes staff to a "partial" refund of more.
        let associate = vec![
            Correction,
            RefundFull,
            RefundPartial,
            Replacement,
            StoreCredit,
            DiscountNext,
            FreeShipping,
            ComplimentaryItem,
            HandwrittenNote,
        ];
        let mut senior = associate.clone();
        senior.extend([RedoService, FeeWaiver]);
        let mut supervisor = senior.clone();
        supervisor.push(ManagerApology);
        let role = |id: &str, name: &str, i, s, c, allowed: &Vec<RemedyKind>, approves| Role {
            id: id.into(),
            name: name.into(),
            per_incident: m(i),
            per_shift: m(s),
            per_customer: m(c),
            allowed: allowed.clone(),
            approves,
        };
        Policy {
            schema: POLICY_SCHEMA,
            store: String::new(),
            name: "Conservative retail".into(),
            currency,
            roles: vec![
                role("associate", "Associate", 50, 200, 100, &associate, false),
                role(
                    "senior-associate",
                    "Senior associate",
                    100,
                    400,
                    200,
                    &senior,
                    false,
                ),
                role(
                    "supervisor",
                    "Supervisor",
                    250,
                    800,
                    500,
                    &supervisor,
                    false,
                ),
                role(
                    "manager",
                    "Manager",
                    1000,
                    3000,
                    2000,
                    &RemedyKind::ALL.to_vec(),
                    true,
                ),
            ],
            catalogue: catalogue_default(),
            settings: Settings::default(),
            approval_key: String::new(),
            customer_salt: String::new(),
            retention_months: Some(24),
            accepted_currencies: Vec::new(),
            former_salts: Vec::new(),
            locale: None,
        }
    }

    /// Ritz-Carlton style: every role may spend up to 2,000 per incident without asking.
    pub fn ritz_carlton(currency: Currency) -> Policy {
        let mut p = Policy::conservative_retail(currency);
        p.name = "Ritz-Carlton style".into();
        for r in &mut p.roles {
            r.per_incident = Money::new(2000 * currency.scale(), currency);
            r.per_shift = Money::new(6000 * currency.scale(), currency);
            r.per_customer = Money::new(4000 * currency.scale(), currency);
            r.allowed = RemedyKind::ALL.to_vec();
        }
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_are_valid() {
        for c in Currency::ALL {
            assert_eq!(Policy::conservative_retail(c).validate(), Ok(()));
            assert_eq!(Policy::ritz_carlton(c).validate(), Ok(()));
        }
        let r = Policy::ritz_carlton(Currency::USD);
        assert!(r.roles.iter().all(|x| x.per_incident.minor == 200_000));
    }
}
