//! Step 5, Confirm and log: the summary, the text for the customer, the follow-up plan,
//! the root cause; "Log recovery" says "Logged" only after the write is durable.

use amends_domain::customer::{Contact, ContactError};
use amends_domain::record::{Approval, ApprovalMethod, FollowUp, RECORD_SCHEMA};
use amends_domain::{Channel, Level, RecoveryRecord};
use yew::prelude::*;

use super::Derived;
use crate::components::copy_button::CopyButton;
use crate::components::field::{Checkbox, SelectField, TextArea, TextField};
use crate::components::language::CustomerLanguage;
use crate::hooks::app_state::{use_app, AppState};
use crate::hooks::draft::{Draft, DraftAction as A, DraftHandle, Flag, Step, Text};
use crate::i18n::{self, t, tf, tp, M};
use crate::services::clock::now_ms;
use crate::services::intl::fmt;

/// Root-cause tags managers see on the dashboard.
pub const ROOT_CAUSES: [(&str, M); 8] = [
    ("process", M::CauseProcess),
    ("people", M::CausePeople),
    ("product", M::CauseProduct),
    ("system", M::CauseSystem),
    ("policy", M::CausePolicy),
    ("third-party", M::CauseThirdParty),
    ("customer-expectation", M::CauseExpectation),
    ("other", M::CauseOther),
];

/// Who approved and how, in words.
fn approved_by(a: &amends_domain::record::Approval) -> String {
    let by = [("by", a.by.as_str())];
    match a.method {
        ApprovalMethod::Code => tf(M::ApprovedByCode, &by),
        ApprovalMethod::Pin => tf(M::ApprovedByPin, &by),
        #[cfg(feature = "chain")]
        ApprovalMethod::Remote => {
            crate::i18n::manager::tf(crate::i18n::manager::Msg::ApprovedRemotely, &by)
        }
    }
}

const DAY_MS: i64 = 86_400_000;

/// The record this draft becomes; `None` while a step is incomplete.
pub fn build_record(d: &Draft, x: &Derived, app: &AppState, now: i64) -> Option<RecoveryRecord> {
    let incident = x.incident.clone().ok()?;
    let bundle = x.bundle.clone().ok()?;
    let staff = app.staff.clone()?;
    // Only the person who started the draft logs it, and only what may be logged now:
    // within authority, or exactly what was approved (checked in the domain).
    if !d.belongs_to(&staff.name) || !x.loggable {
        return None;
    }
    let needs_approval = !x.within();
    let approval = if needs_approval {
        d.approval.as_ref().map(|a| Approval {
            by: a.by.clone(),
            method: match a.method.as_str() {
                "code" => ApprovalMethod::Code,
                #[cfg(feature = "chain")]
                "remote" => ApprovalMethod::Remote,
                _ => ApprovalMethod::Pin,
            },
            at_ms: a.at_ms,
        })
    } else {
        None
    };
    let channel = Channel::from_slug(&d.follow_up_channel).unwrap_or(incident.channel);
    Some(RecoveryRecord {
        schema: RECORD_SCHEMA,
        id: d.id.clone(),
        opened_ms: d.opened_ms,
        resolved_ms: now.max(d.opened_ms),
        staff: staff.name,
        role: staff.role,
        incident,
        steps_done: d.checklist.clone(),
        level: Level::from_slug(&d.option),
        remedies: bundle.lines,
        approval,
        follow_up: (d.follow_up_days > 0).then(|| FollowUp {
            due_ms: now + i64::from(d.follow_up_days) * DAY_MS,
            channel,
        }),
        outcome: None,
        first_contact: d.first_contact,
        root_cause: (!d.root_cause.is_empty()).then(|| d.root_cause.clone()),
        note: d.note.trim().to_string(),
        practice: d.practice,
        customer_name: ((d.keep_name || consented(d)) && !d.customer_name.trim().is_empty())
            .then(|| d.customer_name.trim().to_string()),
        customer_hash: d.customer_hash.clone(),
        ticket: (!d.ticket.trim().is_empty()).then(|| d.ticket.trim().to_string()),
        contact: consented(d)
            .then(|| Contact::parse(&d.contact).ok())
            .flatten(),
        customer_locale: (!d.customer_locale.is_empty()).then(|| d.customer_locale.clone()),
    })
}

/// A follow-up is planned and the customer agreed to be contacted for it.
fn consented(d: &Draft) -> bool {
    d.contact_consent && d.follow_up_days > 0
}

/// The contact's problem, if the customer agreed to be contacted and it is not usable.
fn contact_error(d: &Draft) -> Option<ContactError> {
    if consented(d) {
        Contact::parse(&d.contact).err()
    } else {
        None
    }
}

#[derive(Properties, PartialEq)]
pub struct ConfirmProps {
    pub draft: DraftHandle,
    pub derived: Derived,
    pub on_logged: Callback<RecoveryRecord>,
}

#[function_component(Confirm)]
pub fn confirm(props: &ConfirmProps) -> Html {
    let app = use_app();
    let d = &props.draft;
    let x = &props.derived;
    let busy = use_state(|| false);
    let failed = use_state(|| None::<(String, RecoveryRecord)>);
    let tried = use_state(|| false);
    let words = crate::hooks::locale::use_customer_words(&props.draft.customer_locale);
    let record = build_record(d, x, &app, now_ms());
    let Some(preview) = record else {
        // Changed after it was approved (or never approved): it goes back for approval.
        let ask = matches!(
            x.decision,
            Some(amends_domain::Decision::NeedsApproval { .. })
        );
        let back = {
            let draft = d.clone();
            let to = if ask { Step::Approval } else { Step::Remedy };
            Callback::from(move |_| draft.send(crate::hooks::draft::DraftAction::Back(to)))
        };
        use crate::i18n::authority::{t as at, Msg as A};
        return html! {
            <div class="step-body">
                <h2>{ t(M::ConfirmTitle) }</h2>
                <p class="error" role="alert">{ if ask && d.approval.is_some() { at(A::ApprovalChanged) } else { t(M::ConfirmIncomplete) } }</p>
                <button type="button" onclick={back}>{ if ask { at(A::AskAgain) } else { t(M::Back) } }</button>
            </div>
        };
    };
    // What the customer reads is in their language (the ticket's), the form in the staff's.
    let resolution = crate::i18n::catalogue::with(words.catalogue, || {
        let given: Vec<String> = preview
            .remedies
            .iter()
            .map(|l| {
                if l.face.is_zero() {
                    i18n::remedy(l.kind).to_string()
                } else {
                    format!("{} ({})", i18n::remedy(l.kind), fmt(l.face))
                }
            })
            .collect();
        let name = d.customer_name.trim();
        let given_text = if given.is_empty() {
            t(M::ResolutionSorry).to_string()
        } else {
            tf(M::ResolutionGiven, &[("remedies", &given.join(", "))])
        };
        let follow_up = match d.follow_up_days {
            0 => t(M::ResolutionNoFollowUp).to_string(),
            1 => t(M::ResolutionFollowUpTomorrow).to_string(),
            n => tp(
                M::ResolutionFollowUpDays,
                n,
                &[("days", &crate::services::intl::count(n))],
            ),
        };
        tf(
            M::ResolutionText,
            &[
                (
                    "name",
                    if name.is_empty() {
                        t(M::CustomerFallbackName)
                    } else {
                        name
                    },
                ),
                ("given", &given_text),
                ("follow_up", &follow_up),
                ("staff", &preview.staff),
            ],
        )
    });
    let lang = words.catalogue.locale.tag;
    let days = [0_u32, 1, 2, 3, 5, 7, 14]
        .iter()
        .map(|n| {
            (
                AttrValue::from(n.to_string()),
                AttrValue::from(if *n == 0 {
                    t(M::FollowUpNone).to_string()
                } else if *n == 1 {
                    t(M::FollowUpTomorrow).to_string()
                } else {
                    tp(
                        M::FollowUpInDays,
                        *n,
                        &[("n", &crate::services::intl::count(*n))],
                    )
                }),
            )
        })
        .collect::<Vec<_>>();
    let channels = Channel::ALL
        .iter()
        .map(|c| {
            (
                AttrValue::from(c.slug()),
                AttrValue::from(i18n::channel(*c)),
            )
        })
        .collect::<Vec<_>>();
    let mut causes = vec![(AttrValue::from(""), AttrValue::from(t(M::CauseUnknown)))];
    causes.extend(
        ROOT_CAUSES
            .iter()
            .map(|(id, m)| (AttrValue::from(*id), AttrValue::from(t(*m)))),
    );

    let log = {
        let (app, draft, derived, busy, failed, on_logged) = (
            app.clone(),
            d.clone(),
            x.clone(),
            busy.clone(),
            failed.clone(),
            props.on_logged.clone(),
        );
        let tried = tried.clone();
        Callback::from(move |_| {
            if contact_error(&draft).is_some() {
                tried.set(true);
                super::listen::focus_first_invalid();
                return;
            }
            let Some(record) = build_record(&draft, &derived, &app, now_ms()) else {
                return;
            };
            let (app, busy, failed, on_logged) =
                (app.clone(), busy.clone(), failed.clone(), on_logged.clone());
            busy.set(true);
            failed.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                let result = app.log_record(record.clone()).await;
                busy.set(false);
                match result {
                    Ok(()) => on_logged.emit(record),
                    Err(e) => failed.set(Some((i18n::storage_error(&e), record))),
                }
            });
        })
    };
    let back = {
        let draft = d.clone();
        let to = if x.within() {
            Step::Remedy
        } else {
            Step::Approval
        };
        Callback::from(move |_| draft.send(crate::hooks::draft::DraftAction::Back(to)))
    };
    let cost = preview.cost().map(fmt).unwrap_or_default();
    html! {
        <div class="step-body">
            <h2>{ t(M::ConfirmTitle) }</h2>
            <dl class="summary">
                <dt>{ t(M::SummaryWhat) }</dt>
                <dd>{ format!("{} · {} · {}", i18n::category(preview.incident.category), i18n::channel(preview.incident.channel), tf(M::SeverityTile, &[("level", &crate::services::intl::count(preview.incident.severity.level()))])) }</dd>
                <dt>{ t(M::SummaryLoss) }</dt><dd>{ fmt(preview.incident.loss) }</dd>
                <dt>{ t(M::SummaryRemedies) }</dt>
                <dd>{ i18n::given(&preview.remedies) }</dd>
                <dt>{ t(M::SummaryCost) }</dt><dd>{ cost }</dd>
                if let Some(a) = &preview.approval {
                    <dt>{ t(M::SummaryApproval) }</dt>
                    <dd>{ approved_by(a) }</dd>
                }
                if let Some(ticket) = &preview.ticket {
                    <dt>{ t(M::Ticket) }</dt><dd>{ ticket.clone() }</dd>
                }
                if preview.practice {
                    <dt>{ t(M::PracticeLabel) }</dt><dd>{ t(M::PracticeNotCounted) }</dd>
                }
            </dl>
            <section aria-labelledby="resolution-title">
                <h3 id="resolution-title">{ t(M::ResolutionTitle) }</h3>
                <CustomerLanguage value={d.customer_locale.clone()}
                    onchange={d.on(A::CustomerLocale)} />
                <pre class="copy-text" {lang}>{ resolution.clone() }</pre>
                <CopyButton text={resolution} label={t(M::ResolutionCopy)} />
            </section>
            <div class="row">
                <SelectField id="follow-up-days" label={t(M::FollowUpWhen)} options={days} value={d.follow_up_days.to_string()}
                    onchange={d.on(A::FollowUpDays)} />
                <SelectField id="follow-up-channel" label={t(M::FollowUpChannel)} options={channels}
                    value={if d.follow_up_channel.is_empty() { d.channel.clone() } else { d.follow_up_channel.clone() }}
                    onchange={d.text(Text::FollowUpChannel)} />
                <SelectField id="root-cause" label={t(M::RootCause)} options={causes} value={d.root_cause.clone()}
                    hint={t(M::RootCauseHint)} onchange={d.text(Text::RootCause)} />
            </div>
            if d.follow_up_days > 0 {
                <Checkbox id="contact-consent" label={t(M::ContactConsent)} checked={d.contact_consent}
                    hint={t(M::ContactConsentHint)}
                    onchange={d.flag(Flag::ContactConsent)} />
                if d.contact_consent {
                    <div class="row">
                        <TextField id="contact" label={t(M::ContactLabel)} value={d.contact.clone()} autocomplete="off"
                            error={contact_error(d).filter(|_| *tried).map(|e| AttrValue::from(i18n::contact_error(&e)))}
                            oninput={d.text(Text::Contact)} />
                        <TextField id="contact-name" label={t(M::CustomerName)} value={d.customer_name.clone()} autocomplete="off"
                            oninput={d.text(Text::CustomerName)} />
                    </div>
                }
            }
            <Checkbox id="first-contact" label={t(M::FirstContact)} checked={d.first_contact}
                onchange={d.flag(Flag::FirstContact)} />
            <TextArea id="note" label={t(M::LearningNote)} value={d.note.clone()} hint={t(M::LearningNoteHint)}
                oninput={d.text(Text::Note)} />
            if let Some((message, record)) = &*failed {
                <div class="failure" role="alert">
                    <p class="error">{ message.clone() }</p>
                    <button type="button" onclick={{
                        let r = record.clone();
                        Callback::from(move |_| { crate::services::download::save_text(&format!("amends-recovery-{}.json", r.id), "application/json", &r.to_json()); })
                    }}>{ t(M::DownloadRecord) }</button>
                </div>
            }
            <div class="actions">
                <button type="button" class="secondary" onclick={back}>{ t(M::Back) }</button>
                <button type="button" onclick={log} disabled={*busy}>{ if *busy { t(M::Logging) } else { t(M::LogRecovery) } }</button>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hooks::draft::{DraftApproval, DraftRemedy};
    use amends_domain::authority::Covered;
    use amends_domain::record::ApprovalMethod;
    use amends_domain::staff::StaffMember;
    use amends_domain::{BudgetState, Currency, Policy, Separators};

    fn app() -> AppState {
        AppState {
            policy: Policy::conservative_retail(Currency::USD),
            staff: Some(StaffMember {
                name: "Sam".into(),
                role: "associate".into(),
            }),
            ..AppState::default()
        }
    }

    /// A $120 defect with a $72 replacement: above the associate's $50 per incident.
    fn over_limit() -> Draft {
        let mut d = Draft::new("r1".into(), 0, false, "USD");
        d.staff = "Sam".into();
        d.failure = "product".into();
        d.category = "defect".into();
        d.severity = 3;
        d.loss = "120".into();
        d.bundle = vec![DraftRemedy {
            kind: "replacement".into(),
            amount: "120".into(),
        }];
        d
    }

    /// Sam's budget on the test app's records, at time 0, for no customer.
    fn sam_budget(a: &AppState) -> BudgetState {
        super::super::derive::real_budget(&a.records, &a.policy, "Sam", &Default::default(), "", 0)
            .unwrap()
    }

    fn record(d: &Draft) -> Option<RecoveryRecord> {
        let a = app();
        let real = sam_budget(&a);
        let x = super::super::derive::derive(d, &a, &real, Separators::CANONICAL);
        build_record(d, &x, &a, 1)
    }

    #[test]
    fn an_approved_record_keeps_both_names_and_the_method_and_only_its_owner_logs_it() {
        let mut d = over_limit();
        assert_eq!(record(&d), None, "above the limit, not approved");
        let a = app();
        let real = sam_budget(&a);
        let x = super::super::derive::derive(&d, &a, &real, Separators::CANONICAL);
        d.approval = Some(DraftApproval {
            by: "Mo".into(),
            method: "code".into(),
            at_ms: 1,
            covered: Covered::of(x.bundle.as_ref().unwrap(), false),
        });
        let r = record(&d).expect("approved");
        assert_eq!((r.staff.as_str(), r.role.as_str()), ("Sam", "associate"));
        let approval = r.approval.expect("approval kept");
        assert_eq!(
            (approval.by.as_str(), approval.method),
            ("Mo", ApprovalMethod::Code)
        );
        d.staff = "Ann".into();
        assert_eq!(record(&d), None, "someone else's draft");
        d.staff = "Sam".into();
        d.bundle[0].kind = "refund-full".into();
        d.bundle[0].amount = "72".into();
        assert_eq!(record(&d), None, "the $72 full refund was not approved");
    }
}
