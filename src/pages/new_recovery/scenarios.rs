//! Sample scenarios for practice mode (role-play training): realistic, never counted.

use crate::hooks::draft::Draft;
use crate::i18n::M;

/// A scenario: its title and the fields it fills.
pub struct Scenario {
    pub title: M,
    pub failure: &'static str,
    pub category: &'static str,
    pub channel: &'static str,
    pub severity: u8,
    pub loss: &'static str,
    pub keeps_item: bool,
    pub customer: &'static str,
}

pub const SCENARIOS: [Scenario; 3] = [
    Scenario {
        title: M::ScenarioBirthdayCake,
        failure: "product",
        category: "wrong-item",
        channel: "in-store",
        severity: 4,
        loss: "45",
        keeps_item: false,
        customer: "Maya",
    },
    Scenario {
        title: M::ScenarioLateParcel,
        failure: "delay",
        category: "late-delivery",
        channel: "chat",
        severity: 2,
        loss: "12.50",
        keeps_item: true,
        customer: "Tom",
    },
    Scenario {
        title: M::ScenarioRudeCall,
        failure: "attention",
        category: "rude-staff",
        channel: "phone",
        severity: 3,
        loss: "0",
        keeps_item: false,
        customer: "Priya",
    },
];

/// Fill a practice draft from a scenario.
pub fn apply(d: &mut Draft, s: &Scenario) {
    d.practice = true;
    d.failure = s.failure.into();
    d.category = s.category.into();
    d.channel = s.channel.into();
    d.follow_up_channel = s.channel.into();
    d.severity = s.severity;
    d.loss = s.loss.into();
    d.keeps_item = s.keeps_item;
    d.customer_name = s.customer.into();
}
