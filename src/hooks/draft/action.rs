//! Every change the recovery flow makes to its draft, as a closed set applied in one place
//! (`Draft::apply`, run by the reducer), so each can be tested without a browser.

use amends_domain::{Category, CustomerKeys};

use super::{Draft, DraftApproval, DraftRemedy, Step};

/// A text field kept as typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    Loss,
    Currency,
    Touchpoint,
    Tier,
    CustomerName,
    Ticket,
    FollowUpChannel,
    RootCause,
    Contact,
    Note,
}

/// A yes/no field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flag {
    KeepsItem,
    Responsible,
    KeepName,
    ContactConsent,
    FirstContact,
}

/// A change to the draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DraftAction {
    /// Another recovery (a fresh one, or one resumed).
    Replace(Box<Draft>),
    Text(Text, String),
    Flag(Flag, bool),
    /// A failure type picked: a category of another type is cleared ("other" fits any).
    Failure(String),
    /// A category picked: its failure type fills an empty one.
    Category(String),
    /// How the customer reached us; the follow-up goes the same way.
    Channel(String),
    /// A severity tile, "1" to "5" (anything else: none).
    Severity(String),
    /// Days until the follow-up, as picked (anything else: 3).
    FollowUpDays(String),
    /// The customer's reference hashed under every salt (empty keys: no reference).
    Customer(CustomerKeys),
    /// The customer's language; a prefill warning about it goes.
    CustomerLocale(String),
    /// An apology checklist item ticked or not.
    Checklist(String, bool),
    /// An option chosen: its lines become the bundle, and a decline is forgotten.
    Choose {
        lines: Vec<DraftRemedy>,
        option: String,
    },
    /// On to the remedy with `recommended` chosen, unless a bundle was chosen already.
    ToRemedy(Option<(Vec<DraftRemedy>, String)>),
    AddLine,
    LineKind(usize, String),
    LineAmount(usize, String),
    RemoveLine(usize),
    /// Approved on this device: on to Confirm.
    Approve(DraftApproval),
    /// Declined with a reason: back to the remedy, without approval.
    Decline(String),
    /// Forward to a step, remembering how far the user got.
    Go(Step),
    /// Back to an earlier step (how far the user got is kept).
    Back(Step),
    TogglePractice,
    /// A practice role-play, by index in `scenarios::SCENARIOS`.
    Scenario(usize),
}

impl Draft {
    /// Applies one change.
    pub fn apply(&mut self, action: DraftAction) {
        use DraftAction as A;
        match action {
            A::Replace(d) => *self = *d,
            A::Text(f, v) => {
                *match f {
                    Text::Loss => &mut self.loss,
                    Text::Currency => &mut self.currency,
                    Text::Touchpoint => &mut self.touchpoint,
                    Text::Tier => &mut self.tier,
                    Text::CustomerName => &mut self.customer_name,
                    Text::Ticket => &mut self.ticket,
                    Text::FollowUpChannel => &mut self.follow_up_channel,
                    Text::RootCause => &mut self.root_cause,
                    Text::Contact => &mut self.contact,
                    Text::Note => &mut self.note,
                } = v
            }
            A::Flag(f, v) => {
                *match f {
                    Flag::KeepsItem => &mut self.keeps_item,
                    Flag::Responsible => &mut self.company_responsible,
                    Flag::KeepName => &mut self.keep_name,
                    Flag::ContactConsent => &mut self.contact_consent,
                    Flag::FirstContact => &mut self.first_contact,
                } = v
            }
            A::Failure(v) => {
                let fits = Category::from_slug(&self.category).map(|c| c.failure_type().slug());
                if fits != Some(v.as_str()) && self.category != "other" {
                    self.category.clear();
                }
                self.failure = v;
            }
            A::Category(v) => {
                if self.failure.is_empty() {
                    if let Some(c) = Category::from_slug(&v) {
                        self.failure = c.failure_type().slug().into();
                    }
                }
                self.category = v;
            }
            A::Channel(v) => {
                self.follow_up_channel = v.clone();
                self.channel = v;
            }
            A::Severity(v) => self.severity = v.parse().unwrap_or(0),
            A::FollowUpDays(v) => self.follow_up_days = v.parse().unwrap_or(3),
            A::Customer(keys) => {
                self.customer_hash = keys.current().map(str::to_owned);
                self.former_hashes = keys.former().to_vec();
            }
            A::CustomerLocale(v) => {
                self.customer_locale = v;
                self.warnings.retain(|(f, _)| f != "customer_locale");
            }
            A::Checklist(key, on) => {
                self.checklist.retain(|c| *c != key);
                if on {
                    self.checklist.push(key);
                }
            }
            A::Choose { lines, option } => {
                self.bundle = lines;
                self.option = option;
                self.decline_reason = None;
            }
            A::ToRemedy(recommended) => {
                if let (true, Some((lines, option))) = (
                    self.bundle.is_empty() && self.option.is_empty(),
                    recommended,
                ) {
                    self.bundle = lines;
                    self.option = option;
                }
                self.go(Step::Remedy);
            }
            A::AddLine => {
                self.bundle.push(DraftRemedy {
                    kind: amends_domain::RemedyKind::StoreCredit.slug().into(),
                    amount: String::new(),
                });
                self.option = "custom".into();
            }
            A::LineKind(i, v) => {
                if let Some(l) = self.bundle.get_mut(i) {
                    l.kind = v;
                }
                self.option = "custom".into();
            }
            A::LineAmount(i, v) => {
                if let Some(l) = self.bundle.get_mut(i) {
                    l.amount = v;
                }
                self.option = "custom".into();
            }
            A::RemoveLine(i) => {
                if i < self.bundle.len() {
                    self.bundle.remove(i);
                }
            }
            A::Approve(a) => {
                self.approval = Some(a);
                self.decline_reason = None;
                self.go(Step::Confirm);
            }
            A::Decline(reason) => {
                self.decline_reason = Some(reason);
                self.approval = None;
                self.step = Step::Remedy;
            }
            A::Go(step) => self.go(step),
            A::Back(step) => self.step = step,
            A::TogglePractice => self.practice = !self.practice,
            A::Scenario(i) => crate::pages::new_recovery::scenarios::apply(self, i),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use yew::Reducible;

    use super::*;

    fn draft() -> Draft {
        Draft::new("r1".into(), 1, false, "USD")
    }

    fn after(mut d: Draft, actions: impl IntoIterator<Item = DraftAction>) -> Draft {
        for a in actions {
            d.apply(a);
        }
        d
    }

    fn line(kind: &str, amount: &str) -> DraftRemedy {
        DraftRemedy {
            kind: kind.into(),
            amount: amount.into(),
        }
    }

    #[test]
    fn a_failure_type_clears_a_category_of_another_and_a_category_fills_the_type() {
        use DraftAction as A;
        let d = after(draft(), [A::Category("late-delivery".into())]);
        assert_eq!(
            (d.failure.as_str(), d.category.as_str()),
            ("delay", "late-delivery")
        );
        let d = after(d, [A::Failure("product".into())]);
        assert_eq!((d.failure.as_str(), d.category.as_str()), ("product", ""));
        let d = after(
            d,
            [A::Category("other".into()), A::Failure("service".into())],
        );
        assert_eq!(d.category, "other", "other fits every type");
        let d = after(d, [A::Channel("phone".into()), A::Severity("4".into())]);
        assert_eq!(
            (d.channel.as_str(), d.follow_up_channel.as_str()),
            ("phone", "phone")
        );
        assert_eq!(d.severity, 4);
        let d = after(d, [A::Severity("x".into()), A::FollowUpDays("?".into())]);
        assert_eq!((d.severity, d.follow_up_days), (0, 3));
    }

    #[test]
    fn text_and_flags_land_in_their_own_fields() {
        use DraftAction as A;
        let d = after(
            draft(),
            [
                A::Text(Text::Loss, "49,9".into()),
                A::Text(Text::Note, "n".into()),
                A::Text(Text::CustomerName, "Ana".into()),
                A::Flag(Flag::Responsible, false),
                A::Flag(Flag::ContactConsent, true),
                A::Checklist("listen".into(), true),
                A::Checklist("own".into(), true),
                A::Checklist("listen".into(), false),
            ],
        );
        assert_eq!((d.loss.as_str(), d.note.as_str()), ("49,9", "n"));
        assert_eq!(d.customer_name, "Ana");
        assert!(!d.company_responsible && d.contact_consent && !d.keeps_item);
        assert_eq!(d.checklist, ["own"]);
    }

    #[test]
    fn the_recommended_option_is_chosen_once_and_edits_make_it_custom() {
        use DraftAction as A;
        let preset = Some((vec![line("replacement", "40")], "recommended".to_string()));
        let d = after(draft(), [A::ToRemedy(preset.clone())]);
        assert_eq!((d.step, d.option.as_str()), (Step::Remedy, "recommended"));
        assert_eq!(d.bundle, [line("replacement", "40")]);
        // Back and on again: what was chosen stays.
        let d = after(
            d,
            [
                A::Back(Step::Apologise),
                A::LineAmount(0, "35".into()),
                A::ToRemedy(preset),
            ],
        );
        assert_eq!(
            (d.option.as_str(), d.bundle[0].amount.as_str()),
            ("custom", "35")
        );
        let d = after(d, [A::AddLine, A::LineKind(1, "free-shipping".into())]);
        assert_eq!(d.bundle[1], line("free-shipping", ""));
        let d = after(
            d,
            [
                A::RemoveLine(0),
                A::RemoveLine(7),
                A::LineAmount(9, "1".into()),
            ],
        );
        assert_eq!(d.bundle, [line("free-shipping", "")]);
        let d = after(
            d,
            [
                A::Decline("too much".into()),
                A::Choose {
                    lines: vec![],
                    option: "fair".into(),
                },
            ],
        );
        assert_eq!((d.decline_reason, d.option.as_str()), (None, "fair"));
    }

    #[test]
    fn an_approval_moves_on_and_a_decline_takes_it_back() {
        use DraftAction as A;
        let approval = DraftApproval {
            by: "Mo".into(),
            method: "pin".into(),
            at_ms: 5,
            covered: Default::default(),
        };
        let d = after(
            draft(),
            [A::Go(Step::Approval), A::Approve(approval.clone())],
        );
        assert_eq!((d.step, d.reached), (Step::Confirm, Step::Confirm));
        assert_eq!(d.approval, Some(approval));
        let d = after(d, [A::Decline("not this time".into())]);
        assert_eq!((d.step, d.reached), (Step::Remedy, Step::Confirm));
        assert_eq!(
            (d.approval, d.decline_reason.as_deref()),
            (None, Some("not this time"))
        );
    }

    #[test]
    fn the_customer_keys_fill_both_hashes_and_clear_them() {
        use DraftAction as A;
        let keys = CustomerKeys::hash("new", ["old"], "ana@example.com").unwrap();
        let d = after(draft(), [A::Customer(keys.clone())]);
        assert_eq!(d.customer_hash.as_deref(), keys.current());
        assert_eq!(d.former_hashes, keys.former());
        assert_eq!(d.customer(), keys);
        let d = after(d, [A::Customer(CustomerKeys::default())]);
        assert_eq!((d.customer_hash, d.former_hashes.len()), (None, 0));
    }

    #[test]
    fn practice_scenarios_and_replacing_the_draft() {
        use DraftAction as A;
        let d = after(draft(), [A::Scenario(0)]);
        assert!(d.practice && d.scenario == Some(0) && !d.failure.is_empty());
        let d = after(d, [A::TogglePractice, A::Scenario(999)]);
        assert!(!d.practice, "an unknown scenario changes nothing");
        let other = Draft::new("r2".into(), 9, true, "EUR");
        assert_eq!(after(d, [A::Replace(Box::new(other.clone()))]), other);
    }

    #[test]
    fn the_reducer_keeps_the_same_draft_when_nothing_changes() {
        let d = Rc::new(draft());
        let same = d.clone().reduce(DraftAction::RemoveLine(3));
        assert!(Rc::ptr_eq(&d, &same));
        let next = d
            .clone()
            .reduce(DraftAction::Text(Text::Ticket, "T-1".into()));
        assert_eq!(next.ticket, "T-1");
        assert_eq!(d.ticket, "", "the old state is left as it was");
    }
}
