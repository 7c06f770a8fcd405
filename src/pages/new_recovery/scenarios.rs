//! Role-plays for practice mode: a customer brief, what the customer says at each step,
//! what good looks like, and feedback at the end. Never counted in budgets or analytics.

use crate::hooks::draft::{Draft, Step};
use crate::i18n::M;

/// A scenario: its title, the customer's brief and lines, and the fields it fills.
pub struct Scenario {
    pub title: M,
    pub brief: M,
    /// What the customer says at Listen, Apologise, Remedy and Confirm.
    pub says: [M; 4],
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
        brief: M::BriefCake,
        says: [
            M::SaysCakeListen,
            M::SaysCakeApologise,
            M::SaysCakeRemedy,
            M::SaysCakeConfirm,
        ],
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
        brief: M::BriefParcel,
        says: [
            M::SaysParcelListen,
            M::SaysParcelApologise,
            M::SaysParcelRemedy,
            M::SaysParcelConfirm,
        ],
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
        brief: M::BriefCall,
        says: [
            M::SaysCallListen,
            M::SaysCallApologise,
            M::SaysCallRemedy,
            M::SaysCallConfirm,
        ],
        failure: "attention",
        category: "rude-staff",
        channel: "phone",
        severity: 3,
        loss: "0",
        keeps_item: false,
        customer: "Priya",
    },
];

/// What good looks like at each step (the same for every scenario).
pub const GOOD: [M; 4] = [
    M::GoodListen,
    M::GoodApologise,
    M::GoodRemedy,
    M::GoodConfirm,
];

/// The customer's line and what good looks like at `step`; none at the approval step.
pub fn at(s: &Scenario, step: Step) -> Option<(M, M)> {
    let i = match step {
        Step::Listen => 0,
        Step::Apologise => 1,
        Step::Remedy => 2,
        Step::Approval => return None,
        Step::Confirm => 3,
    };
    Some((s.says[i], GOOD[i]))
}

/// Fill a practice draft from scenario `i`.
pub fn apply(d: &mut Draft, i: usize) {
    let Some(s) = SCENARIOS.get(i) else {
        return;
    };
    d.scenario = Some(i);
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
