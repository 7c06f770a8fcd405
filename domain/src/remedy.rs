//! Remedies: the catalogue of what can be given, and bundles of them with their cost.

use serde::{Deserialize, Serialize};

use crate::incident::FailureType;
use crate::money::{Money, MoneyError};
use crate::share::Bp;
use crate::slug_enum;

slug_enum! {
    /// A kind of remedy in the catalogue.
    RemedyKind {
        /// Correcting a billing error or overcharge: the customer's own money, returned exactly.
        Correction = "correction",
        RefundFull = "refund-full",
        RefundPartial = "refund-partial",
        Replacement = "replacement",
        RedoService = "redo-service",
        StoreCredit = "store-credit",
        DiscountNext = "discount-next",
        FreeShipping = "free-shipping",
        ComplimentaryItem = "complimentary-item",
        FeeWaiver = "fee-waiver",
        ManagerApology = "manager-apology",
        HandwrittenNote = "handwritten-note",
    }
}

impl RemedyKind {
    /// Remedies of attention: no face value, given whatever the amount.
    pub fn is_gesture(self) -> bool {
        matches!(
            self,
            RemedyKind::ManagerApology | RemedyKind::HandwrittenNote
        )
    }

    /// Remedies that return the money paid.
    pub fn is_refund(self) -> bool {
        matches!(self, RemedyKind::RefundFull | RemedyKind::RefundPartial)
    }

    /// Remedies that put right what failed (restitution), as opposed to goodwill.
    pub fn puts_right(self) -> bool {
        matches!(
            self,
            RemedyKind::Correction
                | RemedyKind::RefundFull
                | RemedyKind::RefundPartial
                | RemedyKind::Replacement
                | RemedyKind::RedoService
        )
    }
}

/// One entry of the remedy catalogue a manager maintains.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogueEntry {
    pub kind: RemedyKind,
    /// Whether staff may offer it at all.
    pub enabled: bool,
    /// Cost to the business per unit of face value: cash 100%, store credit less
    /// (part is never redeemed, the rest is sold at a margin).
    pub cost_share: Bp,
    /// Failure types this remedy matches, best match first in the policy's order.
    pub fits: Vec<FailureType>,
    /// For a discount on the next purchase: the percentage offered (the face value is its cap).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discount_percent: Option<Bp>,
    /// When this remedy puts a failure right, it does not count against a role's limits
    /// (up to what putting right costs). Default: it counts; the presets set it for
    /// correcting a billing error, which returns the customer's own money.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub outside_limits: bool,
}

impl CatalogueEntry {
    pub fn fits(&self, f: FailureType) -> bool {
        self.fits.contains(&f)
    }

    /// What a face value of this remedy costs the business.
    pub fn cost_of(&self, face: Money) -> Result<Money, MoneyError> {
        face.times(self.cost_share)
    }
}

/// One remedy given: its kind, face value to the customer, and cost to the business.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemedyLine {
    pub kind: RemedyKind,
    pub face: Money,
    pub cost: Money,
}

/// The entry that stands for correcting a charge: returned exactly, at its face value, and
/// outside limits. Added to schema-1 policies when they load.
pub fn correction_entry() -> CatalogueEntry {
    CatalogueEntry {
        kind: RemedyKind::Correction,
        enabled: true,
        cost_share: Bp::percent(100),
        fits: crate::incident::FailureType::ALL.to_vec(),
        discount_percent: None,
        outside_limits: true,
    }
}

/// A set of remedies offered together.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Bundle {
    pub lines: Vec<RemedyLine>,
}

impl Bundle {
    pub fn face(&self, currency: crate::money::Currency) -> Result<Money, MoneyError> {
        Money::sum(currency, self.lines.iter().map(|l| l.face))
    }

    pub fn cost(&self, currency: crate::money::Currency) -> Result<Money, MoneyError> {
        Money::sum(currency, self.lines.iter().map(|l| l.cost))
    }

    pub fn kinds(&self) -> impl Iterator<Item = RemedyKind> + '_ {
        self.lines.iter().map(|l| l.kind)
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }
}
