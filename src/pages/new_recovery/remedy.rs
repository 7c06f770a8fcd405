//! Step 3, Remedy: three options with their reasons, the remaining budget, and the bundle.

use amends_domain::{Choice, Decision, Level, Money, RemedyKind, Suggestion};
use yew::prelude::*;

use super::StepProps;
use crate::components::field::{SelectField, TextField};
use crate::components::meter::Meter;
use crate::hooks::app_state::use_app;
use crate::hooks::draft::{DraftRemedy, Step};
use crate::i18n::{self, t, tf, M};
use crate::services::intl::{decimal_string, fmt};

fn used_bp(used: Money, limit: Money) -> u32 {
    if limit.minor <= 0 {
        return if used.minor > 0 { 10_001 } else { 0 };
    }
    u32::try_from((i128::from(used.minor) * 10_000 / i128::from(limit.minor)).clamp(0, 20_000))
        .unwrap_or(20_000)
}

fn as_draft_lines(s: &Suggestion) -> Vec<DraftRemedy> {
    s.bundle
        .lines
        .iter()
        .map(|l| DraftRemedy {
            kind: l.kind.slug().into(),
            amount: if l.kind.is_gesture() {
                String::new()
            } else {
                decimal_string(l.face.minor, l.face.currency.decimals() as u8)
            },
        })
        .collect()
}

#[function_component(RemedyStep)]
pub fn remedy_step(props: &StepProps) -> Html {
    let app = use_app();
    let d = &props.draft;
    let x = &props.derived;
    let tried = use_state(|| false);
    let Some(rec) = &x.recommendation else {
        let back = {
            let draft = d.clone();
            Callback::from(move |_| draft.edit(|d| d.step = Step::Listen))
        };
        return html! {
            <div class="step-body">
                <h2>{ t(M::RemedyTitle) }</h2>
                <p class="error" role="alert">{ t(M::RemedyNeedsListen) }</p>
                <button type="button" onclick={back}>{ t(M::Back) }</button>
            </div>
        };
    };
    let cost = x.bundle_cost();
    let role_name = x.role.as_ref().map(|r| r.name.clone()).unwrap_or_default();

    // Budget meters: what is left once this bundle is given.
    let meters = match (&x.role, cost) {
        (Some(role), Some(cost)) => {
            let shift_used = x.budget.given_this_shift.checked_add(cost).unwrap_or(cost);
            let cust_used = x.budget.customer_received.checked_add(cost).unwrap_or(cost);
            let left =
                |limit: Money, used: Money| limit.saturating_remaining(used).unwrap_or(limit);
            let text = |limit: Money, used: Money| {
                tf(
                    M::MeterText,
                    &[("left", &fmt(left(limit, used))), ("limit", &fmt(limit))],
                )
            };
            html! {
                <section class="budget" aria-labelledby="budget-title">
                    <h3 id="budget-title">{ tf(M::BudgetTitle, &[("role", &role_name)]) }</h3>
                    <Meter id="m-incident" label={t(M::MeterIncident)} text={text(role.per_incident, cost)} used_bp={used_bp(cost, role.per_incident)} />
                    <Meter id="m-shift" label={t(M::MeterShift)} text={text(role.per_shift, shift_used)} used_bp={used_bp(shift_used, role.per_shift)} />
                    if d.customer_hash.is_some() {
                        <Meter id="m-customer" label={tf(M::MeterCustomer, &[("days", &app.policy.settings.customer_window_days.to_string())])} text={text(role.per_customer, cust_used)} used_bp={used_bp(cust_used, role.per_customer)} />
                    }
                </section>
            }
        }
        _ => html! {},
    };

    let choose = |s: &Suggestion, level: Level| {
        let lines = as_draft_lines(s);
        d.setter(move |d, _: MouseEvent| {
            d.bundle = lines.clone();
            d.option = level.slug().into();
            d.decline_reason = None;
        })
    };
    let option_card = |c: &Choice| {
        let recommended = rec.recommended == c.level;
        let heading_id = format!("opt-{}", c.level.slug());
        html! {
            <article class={classes!("option", recommended.then_some("recommended"), (d.option == c.level.slug()).then_some("chosen"))} aria-labelledby={heading_id.clone()}>
                <h3 id={heading_id}>
                    { i18n::level(c.level) }{ ": " }<span class="amount">{ fmt(c.target) }</span>
                    if recommended { <span class="badge">{ t(M::Recommended) }</span> }
                </h3>
                <ul class="reasons">
                    { for c.reasons.iter().map(|r| html! { <li>{ i18n::reason(r) }</li> }) }
                </ul>
                { for c.suggestions.iter().enumerate().map(|(i, s)| html! {
                    <div class="suggestion">
                        <ul class="lines">
                            { for s.bundle.lines.iter().map(|l| html! {
                                <li>{ i18n::remedy(l.kind) }{ if l.face.is_zero() { String::new() } else { format!(" {}", fmt(l.face)) } }</li>
                            }) }
                        </ul>
                        <p class="cost">{ tf(M::CostToBusiness, &[("cost", &fmt(s.cost))]) }</p>
                        <p class={classes!("decision", decision_class(&s.decision))}>{ i18n::decision(&s.decision) }</p>
                        if !s.reasons.is_empty() {
                            <ul class="reasons small">{ for s.reasons.iter().map(|r| html! { <li>{ i18n::reason(r) }</li> }) }</ul>
                        }
                        <button type="button" class="secondary" onclick={choose(s, c.level)}>
                            { tf(if i == 0 { M::ChooseOption } else { M::ChooseAlternative }, &[("option", i18n::level(c.level))]) }
                        </button>
                    </div>
                }) }
            </article>
        }
    };

    // The bundle editor.
    let kinds = app
        .policy
        .catalogue
        .iter()
        .filter(|e| e.enabled)
        .map(|e| {
            (
                AttrValue::from(e.kind.slug()),
                AttrValue::from(i18n::remedy(e.kind)),
            )
        })
        .collect::<Vec<_>>();
    let line_errors = x.bundle.as_ref().err().cloned().unwrap_or_default();
    let add_line = d.setter(|d, _: MouseEvent| {
        d.bundle.push(DraftRemedy {
            kind: RemedyKind::StoreCredit.slug().into(),
            amount: String::new(),
        });
        d.option = "custom".into();
    });
    let editor = html! {
        <section class="bundle" aria-labelledby="bundle-title">
            <h3 id="bundle-title">{ t(M::BundleTitle) }</h3>
            if d.bundle.is_empty() { <p class="hint">{ t(M::BundleEmpty) }</p> }
            { for d.bundle.iter().enumerate().map(|(i, line)| {
                let n = (i + 1).to_string();
                let error = line_errors.iter().find(|(j, _)| *j == i).map(|(_, m)| AttrValue::from(m.clone()));
                html! {
                    <div class="row bundle-line">
                        <SelectField id={format!("line-{i}-kind")} label={tf(M::LineKind, &[("n", &n)])} options={kinds.clone()} value={line.kind.clone()}
                            onchange={d.setter(move |d, v: String| { if let Some(l) = d.bundle.get_mut(i) { l.kind = v; } d.option = "custom".into(); })} />
                        <TextField id={format!("line-{i}-amount")} label={tf(M::LineAmount, &[("n", &n)])} value={line.amount.clone()} inputmode="decimal"
                            error={error}
                            oninput={d.setter(move |d, v: String| { if let Some(l) = d.bundle.get_mut(i) { l.amount = v; } d.option = "custom".into(); })} />
                        <button type="button" class="secondary remove" onclick={d.setter(move |d, _: MouseEvent| { if i < d.bundle.len() { d.bundle.remove(i); } })}>
                            { tf(M::LineRemove, &[("n", &n)]) }
                        </button>
                    </div>
                }
            }) }
            <button type="button" class="secondary" onclick={add_line}>{ t(M::LineAdd) }</button>
            if let (Some(c), Some(dec)) = (cost, &x.decision) {
                <p class="total">{ tf(M::BundleTotal, &[("face", &x.bundle.as_ref().ok().and_then(|b| b.face(c.currency).ok()).map(fmt).unwrap_or_default()), ("cost", &fmt(c))]) }</p>
                <p class={classes!("decision", decision_class(dec))} id="bundle-decision">{ i18n::decision(dec) }</p>
            }
        </section>
    };

    let next = {
        let draft = d.clone();
        let decision = x.decision.clone();
        let approved = x.approved;
        let tried = tried.clone();
        Callback::from(move |_| {
            tried.set(true);
            match &decision {
                Some(Decision::Within) => draft.edit(|d| d.go(Step::Confirm)),
                Some(Decision::NeedsApproval { .. }) if approved => {
                    draft.edit(|d| d.go(Step::Confirm))
                }
                Some(Decision::NeedsApproval { .. }) => draft.edit(|d| d.go(Step::Approval)),
                _ => {}
            }
        })
    };
    let back = {
        let draft = d.clone();
        Callback::from(move |_| draft.edit(|d| d.step = Step::Apologise))
    };
    let blocked = match &x.decision {
        Some(Decision::NotAllowed { .. }) => Some(t(M::NotAllowedBlock)),
        None => Some(t(M::BundleInvalid)),
        _ => None,
    };
    html! {
        <div class="step-body">
            <h2>{ t(M::RemedyTitle) }</h2>
            if let Some(reason) = &d.decline_reason {
                <p class="warning" role="alert">{ tf(M::DeclinedNotice, &[("reason", reason)]) }</p>
            }
            <TextField id="remedy-loss" label={t(M::LossLabel)} value={d.loss.clone()} inputmode="decimal"
                hint={tf(M::LossInCurrency, &[("currency", &d.currency)])} error={props.derived.error("loss").map(AttrValue::from)}
                oninput={d.setter(|d, v: String| d.loss = v)} />
            if !rec.reasons.is_empty() {
                <section class="why" aria-labelledby="why-title">
                    <h3 id="why-title">{ t(M::WhyTitle) }</h3>
                    <ul class="reasons">{ for rec.reasons.iter().map(|r| html! { <li>{ i18n::reason(r) }</li> }) }</ul>
                </section>
            }
            { meters }
            <div class="options" id="options">
                { for rec.choices.iter().map(option_card) }
            </div>
            { editor }
            if *tried {
                if let Some(b) = blocked { <p class="error" role="alert">{ b }</p> }
            }
            <div class="actions">
                <button type="button" class="secondary" onclick={back}>{ t(M::Back) }</button>
                <button type="button" onclick={next}>
                    { match (&x.decision, x.approved) {
                        (Some(Decision::NeedsApproval { .. }), false) => t(M::NextApproval),
                        _ => t(M::Next),
                    } }
                </button>
            </div>
        </div>
    }
}

pub fn decision_class(d: &Decision) -> &'static str {
    match d {
        Decision::Within => "within",
        Decision::NeedsApproval { .. } => "needs-approval",
        Decision::NotAllowed { .. } => "not-allowed",
    }
}
