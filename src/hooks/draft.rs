//! The recovery being typed: raw user input, saved on every change, restored after a reload.
//!
//! The draft holds what the user typed, as typed (amounts as text, choices as slugs),
//! not parsed domain values: a half-typed amount must survive a reload exactly, and
//! a parse error is shown next to its field rather than losing the input. Parsing into
//! domain types happens when the view derives the incident and recommendation.

use std::rc::Rc;

use serde::{Deserialize, Serialize};
use yew::prelude::*;

use crate::services::storage::draft as store;

mod action;
pub use action::{DraftAction, Flag, Text};

/// Draft format version; old drafts that fail to parse are kept aside, not lost.
pub const DRAFT_SCHEMA: u32 = 1;

/// The steps of a recovery, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Step {
    #[default]
    Listen,
    Apologise,
    Remedy,
    Approval,
    Confirm,
}

impl Step {
    pub const ALL: [Step; 5] = [
        Step::Listen,
        Step::Apologise,
        Step::Remedy,
        Step::Approval,
        Step::Confirm,
    ];

    pub fn index(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    pub fn from_index(i: usize) -> Step {
        Step::ALL.get(i).copied().unwrap_or_default()
    }
}

/// One remedy line in the bundle being built.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct DraftRemedy {
    /// Remedy kind slug, as the domain names it.
    pub kind: String,
    /// Face value as typed.
    pub amount: String,
}

/// An approval given on this device, by someone on the staff list whose role approves.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftApproval {
    pub by: String,
    /// "pin" or "code".
    pub method: String,
    pub at_ms: i64,
    /// Exactly what was approved (lines, kinds, currency, practice): any change voids it.
    /// Drafts saved before this was kept have none, and so ask again.
    #[serde(default)]
    pub covered: amends_domain::authority::Covered,
}

/// Everything typed so far in one recovery.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    pub schema: u32,
    /// The record id, fixed when the recovery opens, so a retried log cannot duplicate it.
    pub id: String,
    pub opened_ms: i64,
    /// Who started it: only they resume it (empty in drafts saved before this was kept).
    pub staff: String,
    pub step: Step,
    /// Furthest step reached: the indicator lets the user go back to any earlier one.
    pub reached: Step,
    pub practice: bool,
    // Listen
    pub failure: String,
    pub category: String,
    pub touchpoint: String,
    pub channel: String,
    pub severity: u8,
    pub loss: String,
    pub currency: String,
    pub keeps_item: bool,
    pub company_responsible: bool,
    pub tier: String,
    pub customer_name: String,
    pub keep_name: bool,
    /// Salted hash of the customer reference (the raw reference is never stored).
    pub customer_hash: Option<String>,
    /// The same reference hashed under the device's former salts, so a customer from before
    /// an imported policy changed the salt is still recognised; never put in the record
    /// (absent from drafts saved before these were kept).
    pub former_hashes: Vec<String>,
    /// Helpdesk ticket id, from a prefill link or typed.
    pub ticket: String,
    // Apologise
    pub checklist: Vec<String>,
    // Remedy
    pub option: String,
    pub bundle: Vec<DraftRemedy>,
    // Approval
    pub approval: Option<DraftApproval>,
    pub decline_reason: Option<String>,
    // Confirm
    pub follow_up_days: u32,
    pub follow_up_channel: String,
    pub root_cause: String,
    pub note: String,
    /// Resolved in this contact (for first-contact resolution).
    pub first_contact: bool,
    /// The practice role-play being played, by index in `scenarios::SCENARIOS`.
    pub scenario: Option<usize>,
    /// The customer agreed to be contacted for the follow-up, at `contact`.
    pub contact_consent: bool,
    pub contact: String,
    /// Prefill problems to show beside their fields: (field, message).
    pub warnings: Vec<(String, String)>,
    /// Fields a helpdesk link filled in, summarised at the top of the Listen step.
    pub linked: Vec<String>,
    /// The customer's language for the texts written to them (a shipped locale's tag);
    /// empty: the staff member's own.
    pub customer_locale: String,
}

impl Default for Draft {
    fn default() -> Self {
        Draft {
            schema: DRAFT_SCHEMA,
            id: String::new(),
            opened_ms: 0,
            staff: String::new(),
            step: Step::Listen,
            reached: Step::Listen,
            practice: false,
            failure: String::new(),
            category: String::new(),
            touchpoint: String::new(),
            channel: String::new(),
            severity: 0,
            loss: String::new(),
            currency: String::new(),
            keeps_item: false,
            company_responsible: true,
            tier: String::new(),
            customer_name: String::new(),
            keep_name: false,
            customer_hash: None,
            former_hashes: Vec::new(),
            ticket: String::new(),
            checklist: Vec::new(),
            option: String::new(),
            bundle: Vec::new(),
            approval: None,
            decline_reason: None,
            follow_up_days: 3,
            follow_up_channel: String::new(),
            root_cause: String::new(),
            note: String::new(),
            first_contact: true,
            warnings: Vec::new(),
            linked: Vec::new(),
            customer_locale: String::new(),
            scenario: None,
            contact_consent: false,
            contact: String::new(),
        }
    }
}

impl Draft {
    /// A fresh recovery opened now.
    pub fn new(id: String, opened_ms: i64, practice: bool, currency: &str) -> Draft {
        Draft {
            id,
            opened_ms,
            practice,
            currency: currency.to_owned(),
            // The usual answers, so a shop-floor recovery needs fewer taps.
            touchpoint: "post-purchase".into(),
            channel: "in-store".into(),
            tier: "regular".into(),
            ..Draft::default()
        }
    }

    /// Whether the user has typed anything worth offering to resume.
    pub fn has_content(&self) -> bool {
        let blank = Draft {
            staff: self.staff.clone(),
            ..Draft::new(
                self.id.clone(),
                self.opened_ms,
                self.practice,
                &self.currency,
            )
        };
        *self != blank
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a stored draft; `None` for junk or a newer format (the stored text stays put).
    pub fn from_json(text: &str) -> Option<Draft> {
        serde_json::from_str::<Draft>(text)
            .ok()
            .filter(|d| d.schema <= DRAFT_SCHEMA && !d.id.is_empty())
    }

    /// The customer's keys under every salt, for the budget and repeat detection.
    pub fn customer(&self) -> amends_domain::CustomerKeys {
        amends_domain::CustomerKeys::new(self.customer_hash.clone(), self.former_hashes.clone())
    }

    /// The warning for `field`, if prefill left one.
    pub fn warning(&self, field: &str) -> Option<&str> {
        self.warnings
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }

    /// Moves to `step`, remembering how far the user has got.
    pub fn go(&mut self, step: Step) {
        self.step = step;
        self.reached = self.reached.max(step);
    }
}

impl Reducible for Draft {
    type Action = DraftAction;

    fn reduce(self: Rc<Self>, action: DraftAction) -> Rc<Self> {
        let mut next = (*self).clone();
        next.apply(action);
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

/// The draft with intent methods; every change is saved before the next paint.
#[derive(Clone, PartialEq)]
pub struct DraftHandle {
    inner: UseReducerHandle<Draft>,
    /// False when the browser refused to save the draft (the UI warns).
    pub saved: bool,
}

impl std::ops::Deref for DraftHandle {
    type Target = Draft;
    fn deref(&self) -> &Draft {
        &self.inner
    }
}

/// Edits the draft without holding it: stable across renders, so a child component
/// given only an editor and its own data re-renders only when that data changes.
#[derive(Clone, PartialEq)]
pub struct DraftEditor(UseReducerDispatcher<Draft>);

impl DraftEditor {
    pub fn send(&self, action: DraftAction) {
        self.0.dispatch(action);
    }

    /// A callback that sends the action `f` makes of the event's value.
    pub fn on<T: 'static>(&self, f: impl Fn(T) -> DraftAction + 'static) -> Callback<T> {
        let inner = self.0.clone();
        Callback::from(move |value: T| inner.dispatch(f(value)))
    }
}

impl DraftHandle {
    pub fn editor(&self) -> DraftEditor {
        DraftEditor(self.inner.dispatcher())
    }

    pub fn send(&self, action: DraftAction) {
        self.inner.dispatch(action);
    }

    /// A callback that sends the action `f` makes of the event's value.
    pub fn on<T: 'static>(&self, f: impl Fn(T) -> DraftAction + 'static) -> Callback<T> {
        self.editor().on(f)
    }

    /// A callback that puts the typed text into `field`.
    pub fn text(&self, field: Text) -> Callback<String> {
        self.on(move |v| DraftAction::Text(field, v))
    }

    /// A callback that sets the yes/no `field`.
    pub fn flag(&self, field: Flag) -> Callback<bool> {
        self.on(move |v| DraftAction::Flag(field, v))
    }

    pub fn replace(&self, draft: Draft) {
        self.send(DraftAction::Replace(Box::new(draft)));
    }

    /// Forgets this recovery's stored draft (after the record is durable, or on "Start
    /// over"); other recoveries' drafts stay.
    pub fn discard(&self) {
        store::clear(&self.inner.id);
    }
}

/// The draft of the current recovery, starting from `initial`, saved on every change.
#[hook]
pub fn use_draft(initial: impl FnOnce() -> Draft) -> DraftHandle {
    let inner = use_reducer(initial);
    let saved = use_state_eq(|| true);
    {
        let saved = saved.clone();
        use_effect_with(inner.clone(), move |draft| {
            if draft.has_content() {
                saved.set(store::save(&draft.id, &draft.to_json()));
            }
        });
    }
    DraftHandle {
        inner,
        saved: *saved,
    }
}

/// The draft fields a helpdesk link can fill (`amount` fills `loss`), in the order the
/// Listen step summarises them: who and which ticket first, then what happened.
pub const LINK_FIELDS: [&str; 11] = [
    "ticket",
    "customer",
    "channel",
    "category",
    "failure",
    "touchpoint",
    "tier",
    "severity",
    "loss",
    "currency",
    "customer_locale",
];

/// The unfinished recoveries `staff` may resume, newest first: a draft belongs to the person
/// who started it (one saved before owners were kept is offered to whoever comes). A draft
/// in the single slot of older versions moves under its id; one that cannot be read stays
/// where it is.
pub fn stored_drafts(staff: &str) -> Vec<Draft> {
    let mut drafts: Vec<Draft> = store::load_all()
        .into_iter()
        .filter_map(|(key, text)| {
            let d = Draft::from_json(&text)?;
            if store::is_legacy(&key) && !d.id.is_empty() && store::save(&d.id, &text) {
                store::clear_legacy();
            }
            Some(d)
        })
        .filter(|d| d.has_content() && d.belongs_to(staff))
        .collect();
    drafts.sort_by_key(|d| std::cmp::Reverse(d.opened_ms));
    drafts.dedup_by(|a, b| a.id == b.id);
    drafts
}

impl Draft {
    pub fn belongs_to(&self, staff: &str) -> bool {
        self.staff.is_empty() || self.staff == staff
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_round_trips_through_json() {
        let mut d = Draft::new("r1".into(), 1_700_000_000_000, false, "EUR");
        d.loss = "49,9".into();
        d.category = "late-delivery".into();
        d.bundle.push(DraftRemedy {
            kind: "store-credit".into(),
            amount: "10".into(),
        });
        d.go(Step::Remedy);
        assert_eq!(Draft::from_json(&d.to_json()), Some(d));
    }

    #[test]
    fn junk_and_newer_drafts_are_refused_not_panicked_on() {
        assert_eq!(Draft::from_json("{not json"), None);
        assert_eq!(Draft::from_json(r#"{"schema":99,"id":"x"}"#), None);
        assert_eq!(
            Draft::from_json(r#"{"schema":1}"#),
            None,
            "a draft without id is junk"
        );
    }

    #[test]
    fn older_drafts_missing_fields_still_load() {
        let d =
            Draft::from_json(r#"{"schema":1,"id":"x","loss":"12","customer_hash":"ab"}"#).unwrap();
        assert_eq!(d.loss, "12");
        assert!(d.former_hashes.is_empty(), "kept from issue 11 #5 on");
        assert!(d.customer().matches("ab"));
        assert_eq!(d.follow_up_days, 3);
        assert!(d.company_responsible);
    }

    #[test]
    fn going_back_keeps_the_furthest_step() {
        let mut d = Draft::new("r".into(), 0, false, "USD");
        d.go(Step::Remedy);
        d.go(Step::Listen);
        assert_eq!((d.step, d.reached), (Step::Listen, Step::Remedy));
    }

    #[test]
    fn a_draft_belongs_to_who_started_it() {
        let mut d = Draft::new("r".into(), 5, false, "USD");
        d.staff = "Sam".into();
        assert!(!d.has_content(), "an owner alone is nothing to resume");
        assert!(d.belongs_to("Sam") && !d.belongs_to("Ann"));
        let old = Draft::from_json(r#"{"schema":1,"id":"x","loss":"12"}"#).unwrap();
        assert!(old.belongs_to("Ann"), "drafts from before owners were kept");
    }

    #[test]
    fn a_fresh_draft_has_nothing_to_resume() {
        let d = Draft::new("r".into(), 5, true, "USD");
        assert!(!d.has_content());
        let mut typed = d.clone();
        typed.customer_name = "Ana".into();
        assert!(typed.has_content());
    }
}
