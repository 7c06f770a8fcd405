//! What went wrong: the failure taxonomy and one incident as the calculator sees it.

use serde::{Deserialize, Serialize};

use crate::money::Money;
use crate::slug_enum;

slug_enum! {
    /// The resource the customer lost (Smith, Bolton & Wagner 1999): it decides which
    /// remedy matches.
    FailureType {
        Monetary = "monetary",
        Product = "product",
        Service = "service",
        Attention = "attention",
        Delay = "delay",
    }
}

slug_enum! {
    /// What happened, from the customer's side.
    Category {
        LateDelivery = "late-delivery",
        LostDelivery = "lost-delivery",
        WrongItem = "wrong-item",
        Defect = "defect",
        Damaged = "damaged",
        BillingError = "billing-error",
        Overcharged = "overcharged",
        RudeStaff = "rude-staff",
        UnhelpfulStaff = "unhelpful-staff",
        LongWait = "long-wait",
        OutOfStock = "out-of-stock",
        ServiceNotDone = "service-not-done",
        BrokenPromise = "broken-promise",
        Other = "other",
    }
}

impl Category {
    /// The failure type this category usually is; the user may choose another.
    pub fn failure_type(self) -> FailureType {
        use Category::*;
        match self {
            LateDelivery | LongWait => FailureType::Delay,
            LostDelivery | BillingError | Overcharged => FailureType::Monetary,
            WrongItem | Defect | Damaged | OutOfStock => FailureType::Product,
            RudeStaff | UnhelpfulStaff => FailureType::Attention,
            ServiceNotDone | BrokenPromise | Other => FailureType::Service,
        }
    }

    /// Categories that usually belong to `failure`, for the second tile row.
    pub fn of(failure: FailureType) -> impl Iterator<Item = Category> {
        Category::ALL
            .iter()
            .copied()
            .filter(move |c| c.failure_type() == failure || *c == Category::Other)
    }
}

slug_enum! {
    /// Where in the customer's journey it went wrong.
    Touchpoint {
        PrePurchase = "pre-purchase",
        Purchase = "purchase",
        PostPurchase = "post-purchase",
        PostDelivery = "post-delivery",
    }
}

slug_enum! {
    /// How the customer reached us.
    Channel {
        InStore = "in-store",
        Phone = "phone",
        Email = "email",
        Chat = "chat",
        Social = "social",
        Messaging = "messaging",
    }
}

impl Channel {
    /// Written channels get a ready text with a Copy button.
    pub fn is_written(self) -> bool {
        matches!(
            self,
            Channel::Email | Channel::Chat | Channel::Social | Channel::Messaging
        )
    }
}

slug_enum! {
    /// The customer's standing with the business.
    Tier {
        New = "new",
        Regular = "regular",
        Loyal = "loyal",
        Vip = "vip",
    }
}

/// Severity 1 (minor) to 5 (severe); outside that range it cannot be built.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Severity(u8);

impl Severity {
    pub const ALL: [Severity; 5] = [
        Severity(1),
        Severity(2),
        Severity(3),
        Severity(4),
        Severity(5),
    ];

    pub fn new(level: u8) -> Option<Severity> {
        (1..=5).contains(&level).then_some(Severity(level))
    }

    pub fn level(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for Severity {
    type Error = String;
    fn try_from(v: u8) -> Result<Self, Self::Error> {
        Severity::new(v).ok_or_else(|| format!("severity {v} is not between 1 and 5"))
    }
}

impl From<Severity> for u8 {
    fn from(s: Severity) -> u8 {
        s.0
    }
}

/// One incident, fully parsed: the input of `recommend`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Incident {
    pub failure: FailureType,
    pub category: Category,
    pub touchpoint: Touchpoint,
    pub channel: Channel,
    pub severity: Severity,
    pub tier: Tier,
    /// What the customer lost: the price of the flawed item or service, or the money lost.
    pub loss: Money,
    /// Whether the company was responsible for the failure.
    pub company_responsible: bool,
    /// Whether the customer keeps the flawed item or service.
    pub keeps_item: bool,
    /// Earlier (non-practice) failures of this customer within the policy window.
    pub prior_failures: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_round_trip_and_refuse_unknowns() {
        for c in Category::ALL {
            assert_eq!(Category::from_slug(c.slug()), Some(*c));
            let j = serde_json::to_string(c).unwrap();
            assert_eq!(serde_json::from_str::<Category>(&j).unwrap(), *c);
        }
        assert_eq!(Category::from_slug("late delivery"), None);
        assert!(serde_json::from_str::<Channel>("\"fax\"").is_err());
    }

    #[test]
    fn severity_is_one_to_five() {
        assert!(Severity::new(0).is_none());
        assert!(Severity::new(6).is_none());
        assert!(serde_json::from_str::<Severity>("9").is_err());
        assert_eq!(serde_json::from_str::<Severity>("4").unwrap().level(), 4);
    }

    #[test]
    fn every_failure_type_has_categories() {
        for f in FailureType::ALL {
            assert!(Category::of(*f).any(|c| c != Category::Other), "{f}");
        }
    }
}
