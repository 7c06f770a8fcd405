//! Step 3, Remedy: three options with their reasons, the remaining budget, and the bundle.

use amends_domain::{
    BudgetState, Choice, Decision, Level, Money, Recommendation, RemedyLine, Role, Suggestion,
};
use yew::prelude::*;

use super::StepProps;
use crate::components::field::{SelectField, TextField};
use crate::components::meter::Meter;
use crate::hooks::app_state::use_app;
use crate::hooks::draft::{DraftAction as A, DraftEditor, DraftRemedy, Step, Text};
use crate::i18n::{self, t, tf, tp, M};
use crate::services::intl::fmt;

fn used_bp(used: Money, limit: Money) -> u32 {
    if limit.minor <= 0 {
        return if used.minor > 0 { 10_001 } else { 0 };
    }
    u32::try_from((i128::from(used.minor) * 10_000 / i128::from(limit.minor)).clamp(0, 20_000))
        .unwrap_or(20_000)
}

pub(super) fn as_draft_lines(s: &Suggestion) -> Vec<DraftRemedy> {
    s.bundle
        .lines
        .iter()
        .map(|l| DraftRemedy {
            kind: l.kind.slug().into(),
            amount: if l.kind.is_gesture() {
                String::new()
            } else {
                l.face.plain()
            },
        })
        .collect()
}

/// The remaining budget once this bundle is given.
#[derive(Properties, PartialEq)]
struct BudgetProps {
    role: Role,
    budget: BudgetState,
    cost: Money,
    show_customer: bool,
    window_days: u32,
}

#[function_component(Budget)]
fn budget(p: &BudgetProps) -> Html {
    let role = &p.role;
    let cost = p.cost;
    let shift_used = p.budget.given_this_shift.checked_add(cost).unwrap_or(cost);
    let cust_used = p.budget.customer_received.checked_add(cost).unwrap_or(cost);
    let left = |limit: Money, used: Money| limit.saturating_remaining(used).unwrap_or(limit);
    let text = |limit: Money, used: Money| {
        tf(
            M::MeterText,
            &[("left", &fmt(left(limit, used))), ("limit", &fmt(limit))],
        )
    };
    html! {
        <section class="budget" aria-labelledby="budget-title">
            <h3 id="budget-title">{ tf(M::BudgetTitle, &[("role", &role.name)]) }</h3>
            <Meter id="m-incident" label={t(M::MeterIncident)} text={text(role.per_incident, cost)} used_bp={used_bp(cost, role.per_incident)} />
            <Meter id="m-shift" label={t(M::MeterShift)} text={text(role.per_shift, shift_used)} used_bp={used_bp(shift_used, role.per_shift)} />
            if p.show_customer {
                <Meter id="m-customer" label={tp(M::MeterCustomer, p.window_days, &[("days", &crate::services::intl::count(p.window_days))])} text={text(role.per_customer, cust_used)} used_bp={used_bp(cust_used, role.per_customer)} />
            }
        </section>
    }
}

/// The three options with their reasons and bundles; re-renders only when they change.
#[derive(Properties, PartialEq)]
struct OptionsProps {
    rec: Recommendation,
    chosen: String,
    editor: DraftEditor,
}

#[function_component(Options)]
fn options(p: &OptionsProps) -> Html {
    let rec = &p.rec;
    let choose = |s: &Suggestion, level: Level| {
        let lines = as_draft_lines(s);
        p.editor.on(move |_: MouseEvent| A::Choose {
            lines: lines.clone(),
            option: level.slug().into(),
        })
    };
    let option_card = |c: &Choice| {
        let recommended = rec.recommended == c.level;
        let heading_id = format!("opt-{}", c.level.slug());
        html! {
            <article class={classes!("option", recommended.then_some("recommended"), (p.chosen == c.level.slug()).then_some("chosen"))} aria-labelledby={heading_id.clone()}>
                <h3 id={heading_id}>
                    { i18n::level(c.level) }{ ": " }<span class="amount">{ fmt(c.target) }</span>
                    if recommended { <span class="badge">{ t(M::Recommended) }</span> }
                </h3>
                <ul class="reasons">
                    { for c.reasons.iter().map(|r| html! { <li>{ i18n::reason(r) }</li> }) }
                </ul>
                { for c.suggestions.iter().enumerate().map(|(i, s)| {
                    let put_id = format!("opt-{}-{i}-put", c.level.slug());
                    let comp_id = format!("opt-{}-{i}-comp", c.level.slug());
                    let item = |l: &RemedyLine| html! {
                        <li>{ i18n::remedy(l.kind) }{ if l.face.is_zero() { String::new() } else { format!(" {}", fmt(l.face)) } }</li>
                    };
                    html! {
                    <div class="suggestion">
                        <p class="part" id={put_id.clone()}>{ t(M::PartPutRight) }</p>
                        <ul class="lines put-right" aria-labelledby={put_id}>
                            if s.put_right_lines().is_empty() { <li>{ t(M::PartNothing) }</li> }
                            { for s.put_right_lines().iter().map(item) }
                        </ul>
                        if !s.compensate_lines().is_empty() {
                            <p class="part" id={comp_id.clone()}>{ t(M::PartCompensate) }</p>
                            <ul class="lines compensate" aria-labelledby={comp_id}>
                                { for s.compensate_lines().iter().map(item) }
                            </ul>
                        }
                        <p class="face">{ tf(M::OptionFace, &[("face", &fmt(s.face))]) }</p>
                        <p class="cost">{ tf(M::CostToBusiness, &[("cost", &fmt(s.cost))]) }</p>
                        <p class={classes!("decision", decision_class(&s.decision))}>{ i18n::decision(&s.decision) }</p>
                        if !s.reasons.is_empty() {
                            <ul class="reasons small">{ for s.reasons.iter().map(|r| html! { <li>{ i18n::reason(r) }</li> }) }</ul>
                        }
                        <button type="button" class="secondary" onclick={choose(s, c.level)}>
                            { tf(if i == 0 { M::ChooseOption } else { M::ChooseAlternative }, &[("option", i18n::level(c.level))]) }
                        </button>
                    </div>
                }}) }
            </article>
        }
    };
    html! {
        <div class="options" id="options">
            { for rec.choices.iter().map(option_card) }
        </div>
    }
}

/// The bundle being built, line by line, with its total and decision.
#[derive(Properties, PartialEq)]
struct BundleEditorProps {
    lines: Vec<DraftRemedy>,
    kinds: Vec<(AttrValue, AttrValue)>,
    errors: Vec<(usize, String)>,
    face: Option<Money>,
    cost: Option<Money>,
    decision: Option<Decision>,
    editor: DraftEditor,
}

#[function_component(BundleEditor)]
fn bundle_editor(p: &BundleEditorProps) -> Html {
    let ed = &p.editor;
    let add_line = ed.on(|_: MouseEvent| A::AddLine);
    html! {
        <section class="bundle" aria-labelledby="bundle-title">
            <h3 id="bundle-title">{ t(M::BundleTitle) }</h3>
            if p.lines.is_empty() { <p class="hint">{ t(M::BundleEmpty) }</p> }
            { for p.lines.iter().enumerate().map(|(i, line)| {
                let n = crate::services::intl::count(i + 1);
                let error = p.errors.iter().find(|(j, _)| *j == i).map(|(_, m)| AttrValue::from(m.clone()));
                html! {
                    <div class="row bundle-line">
                        <SelectField id={format!("line-{i}-kind")} label={tf(M::LineKind, &[("n", &n)])} options={p.kinds.clone()} value={line.kind.clone()}
                            onchange={ed.on(move |v| A::LineKind(i, v))} />
                        <TextField id={format!("line-{i}-amount")} label={tf(M::LineAmount, &[("n", &n)])} value={line.amount.clone()} inputmode="decimal"
                            error={error}
                            oninput={ed.on(move |v| A::LineAmount(i, v))} />
                        <button type="button" class="secondary remove" onclick={ed.on(move |_: MouseEvent| A::RemoveLine(i))}>
                            { tf(M::LineRemove, &[("n", &n)]) }
                        </button>
                    </div>
                }
            }) }
            <button type="button" class="secondary" onclick={add_line}>{ t(M::LineAdd) }</button>
            if let (Some(c), Some(dec)) = (p.cost, &p.decision) {
                <p class="total">{ tf(M::BundleTotal, &[("face", &p.face.map(fmt).unwrap_or_default()), ("cost", &fmt(c))]) }</p>
                <p class={classes!("decision", decision_class(dec))} id="bundle-decision">{ i18n::decision(dec) }</p>
            }
        </section>
    }
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
            Callback::from(move |_| draft.send(A::Back(Step::Listen)))
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
    let face = x
        .bundle
        .as_ref()
        .ok()
        .zip(x.currency)
        .and_then(|(b, c)| b.face(c).ok());
    let next = {
        let draft = d.clone();
        let decision = x.decision.clone();
        let approved = x.approved;
        let tried = tried.clone();
        Callback::from(move |_| {
            tried.set(true);
            match &decision {
                Some(Decision::Within) => draft.send(A::Go(Step::Confirm)),
                Some(Decision::NeedsApproval { .. }) if approved => {
                    draft.send(A::Go(Step::Confirm))
                }
                Some(Decision::NeedsApproval { .. }) => draft.send(A::Go(Step::Approval)),
                _ => {}
            }
        })
    };
    let back = {
        let draft = d.clone();
        Callback::from(move |_| draft.send(A::Back(Step::Apologise)))
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
                oninput={d.text(Text::Loss)} />
            if !rec.reasons.is_empty() {
                <section class="why" aria-labelledby="why-title">
                    <h3 id="why-title">{ t(M::WhyTitle) }</h3>
                    <ul class="reasons">{ for rec.reasons.iter().map(|r| html! { <li>{ i18n::reason(r) }</li> }) }</ul>
                </section>
            }
            if let (Some(role), Some(cost)) = (x.role.clone(), x.counted) {
                <Budget {role} budget={x.budget} {cost} show_customer={d.customer_hash.is_some()}
                    window_days={app.policy.settings.customer_window_days} />
            }
            <Options rec={rec.clone()} chosen={d.option.clone()} editor={d.editor()} />
            <BundleEditor lines={d.bundle.clone()} {kinds} errors={x.bundle.as_ref().err().cloned().unwrap_or_default()}
                {face} {cost} decision={x.decision.clone()} editor={d.editor()} />
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
