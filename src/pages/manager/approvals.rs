//! Remote approval: the manager writes down what the staff member reads out (who, what
//! happened, what it costs and why it needs approval), checks it, and only then turns the
//! reference and cost into a one-time code to read back. Works offline: both devices share the approval key
//! through the policy file.

use amends_domain::approval;
use amends_domain::{Currency, Money, Separators};
use yew::prelude::*;

use crate::components::field::{SelectField, TextField};
use crate::hooks::app_state::use_app;
use crate::i18n::manager::{t, tf, Msg};
use crate::i18n::{code_error, money_error};
use crate::services::clock::now_ms;
use crate::services::intl::{fmt, seps};

/// A reference as read out ("k7qf 2m", "K7QF-2M") in its written form "K7QF-2M", or
/// `None` when it cannot be one (six of Crockford's base-32 letters and digits).
pub fn read_reference(text: &str) -> Option<String> {
    let n = approval::normalise(text);
    let ok = n.len() == 6
        && n.chars()
            .all(|c| c.is_ascii_digit() || (c.is_ascii_uppercase() && c != 'U'));
    ok.then(|| format!("{}-{}", &n[..4], &n[4..]))
}

/// An amount as read out: a currency sign or code around it is ignored ("$28.00", "28 EUR").
pub fn read_amount(text: &str, currency: Currency, seps: Separators) -> Result<Money, String> {
    let t = text.trim_matches(|c: char| !c.is_ascii_digit() && c != seps.decimal && c != '.');
    let t = if t.is_empty() { text } else { t };
    Money::parse(t, currency, seps).map_err(|e| money_error(&e))
}

#[function_component(RemoteApproval)]
pub fn remote_approval() -> Html {
    let app = use_app();
    let reference = use_state(String::new);
    let amount = use_state(String::new);
    let ref_error = use_state(|| None::<String>);
    let amount_error = use_state(|| None::<String>);
    let issued = use_state(|| None::<(String, String, String)>);
    let who = use_state(String::new);
    let what = use_state(String::new);
    let why = use_state(String::new);
    // Checked: the reference and cost read, waiting for "Make the code".
    let review = use_state(|| None::<(String, Money)>);
    let ready = app.policy_saved && !app.policy.approval_key.is_empty();
    let currency = app.policy.currency;
    let onsubmit = {
        let (reference, amount, ref_error, amount_error, issued, review) = (
            reference.clone(),
            amount.clone(),
            ref_error.clone(),
            amount_error.clone(),
            issued.clone(),
            review.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let r = read_reference(&reference);
            ref_error.set(r.is_none().then(|| t(Msg::ErrReference).to_string()));
            review.set(None);
            let a = read_amount(&amount, currency, seps());
            amount_error.set(a.clone().err());
            let (Some(r), Ok(a)) = (r, a) else {
                issued.set(None);
                return;
            };
            issued.set(None);
            review.set(Some((r, a)));
        })
    };
    let make = {
        let (app, review, issued, amount_error) = (
            app.clone(),
            review.clone(),
            issued.clone(),
            amount_error.clone(),
        );
        Callback::from(move |_| {
            let Some((r, a)) = (*review).clone() else {
                return;
            };
            match approval::issue(&app.policy.approval_key, &r, a, now_ms()) {
                Ok(code) => {
                    issued.set(Some((code, r, fmt(a))));
                    review.set(None);
                }
                Err(e) => {
                    issued.set(None);
                    amount_error.set(Some(code_error(&e)));
                }
            }
        })
    };
    let change = {
        let review = review.clone();
        Callback::from(move |_| review.set(None))
    };
    // Any edit after "Check before approving" takes the check back: a code is only ever
    // made for what the approver last saw.
    let edit = |field: &UseStateHandle<String>| {
        let (field, review) = (field.clone(), review.clone());
        Callback::from(move |v: String| {
            review.set(None);
            field.set(v);
        })
    };
    let mut staff = vec![(AttrValue::from(""), AttrValue::from(t(Msg::RemoteWhoPick)))];
    staff.extend(app.staff_list.iter().map(|m| {
        (
            AttrValue::from(m.name.clone()),
            AttrValue::from(m.name.clone()),
        )
    }));
    let mut categories = vec![(AttrValue::from(""), AttrValue::from(t(Msg::RemoteWhatPick)))];
    categories.extend(amends_domain::Category::ALL.iter().map(|c| {
        (
            AttrValue::from(c.slug()),
            AttrValue::from(crate::i18n::category(*c)),
        )
    }));
    let summary = (*review).as_ref().map(|(r, a)| {
        tf(
            Msg::RemoteReview,
            &[
                (
                    "who",
                    if who.is_empty() {
                        t(Msg::RemoteWhoUnknown)
                    } else {
                        who.as_str()
                    },
                ),
                (
                    "what",
                    amends_domain::Category::from_slug(&what)
                        .map(crate::i18n::category)
                        .unwrap_or(t(Msg::RemoteWhatUnknown)),
                ),
                ("amount", &fmt(*a)),
                (
                    "why",
                    if why.trim().is_empty() {
                        t(Msg::RemoteWhyUnknown)
                    } else {
                        why.trim()
                    },
                ),
                ("reference", r),
            ],
        )
    });
    html! {
        <section class="manager-section" aria-labelledby="approvals-title">
            <h2 id="approvals-title">{ t(Msg::ApprovalsTitle) }</h2>
            <p>{ t(Msg::ApprovalsIntro) }</p>
            if !ready {
                <p class="warning">{ t(Msg::ApprovalsNotReady) }</p>
            } else {
                <form class="approval-form" {onsubmit} novalidate=true>
                    <div class="row">
                        <SelectField id="approve-who" label={t(Msg::RemoteWho)} options={staff} value={(*who).clone()}
                            onchange={edit(&who)} />
                        <SelectField id="approve-what" label={t(Msg::RemoteWhat)} options={categories} value={(*what).clone()}
                            onchange={edit(&what)} />
                    </div>
                    <TextField id="approve-why" label={t(Msg::RemoteWhy)} value={(*why).clone()}
                        hint={t(Msg::RemoteWhyHint)}
                        oninput={edit(&why)} />
                    <div class="row">
                        <TextField id="approve-reference" label={t(Msg::ReferenceLabel)} value={(*reference).clone()}
                            hint={t(Msg::ReferenceHint)} error={(*ref_error).clone().map(AttrValue::from)}
                            oninput={edit(&reference)} />
                        <TextField id="approve-amount" label={t(Msg::ApproveAmount)} value={(*amount).clone()} inputmode="decimal"
                            hint={tf(Msg::InCurrency, &[("currency", currency.code())])}
                            error={(*amount_error).clone().map(AttrValue::from)}
                            oninput={edit(&amount)} />
                    </div>
                    <button type="submit">{ t(Msg::RemoteCheck) }</button>
                </form>
                if let Some(summary) = summary {
                    <section class="confirm-box" aria-labelledby="review-title">
                        <h3 id="review-title">{ t(Msg::RemoteReviewTitle) }</h3>
                        <p>{ summary }</p>
                        <div class="actions">
                            <button type="button" onclick={make}>{ t(Msg::MakeCode) }</button>
                            <button type="button" class="secondary" onclick={change}>{ t(Msg::RemoteChange) }</button>
                        </div>
                    </section>
                }
                <p class="hint">{ t(Msg::ApprovalsShare) }</p>
            }
            <div role="status" class="approval-result">
                if let Some((code, r, a)) = &*issued {
                    <p>{ tf(Msg::CodeFor, &[("reference", r), ("amount", a)]) }</p>
                    <p class="approval-code">{ code.clone() }</p>
                    <p>{ t(Msg::CodeExpiry) }</p>
                }
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_read_as_spoken() {
        assert_eq!(read_reference("k7qf 2m").as_deref(), Some("K7QF-2M"));
        assert_eq!(read_reference(" K7QF-2M ").as_deref(), Some("K7QF-2M"));
        assert_eq!(read_reference("KOQF-2I").as_deref(), Some("K0QF-21"));
        assert_eq!(read_reference("K7QF-2"), None);
        assert_eq!(read_reference("K7QF-2U"), None);
        assert_eq!(read_reference("K7QF-2M9"), None);
    }

    #[test]
    fn amounts_may_carry_their_sign() {
        let s = Separators::CANONICAL;
        let usd = |m| Ok(Money::new(m, Currency::USD));
        assert_eq!(read_amount("$28.00", Currency::USD, s), usd(2800));
        assert_eq!(read_amount("28 USD", Currency::USD, s), usd(2800));
        assert_eq!(read_amount("1,234.5", Currency::USD, s), usd(123_450));
        assert!(read_amount("", Currency::USD, s).is_err());
        assert!(read_amount("abc", Currency::USD, s).is_err());
    }

    #[test]
    fn a_made_code_approves_the_staff_device_s_recovery() {
        let key = "0f".repeat(32);
        let r = approval::reference("rec-1");
        let typed = read_reference(&r.to_lowercase().replace('-', " ")).unwrap();
        let amount = Money::new(2800, Currency::USD);
        let code = approval::issue(&key, &typed, amount, 1_000_000).unwrap();
        assert!(approval::verify(&key, &r, amount, &code, 1_060_000, &[]).is_ok());
    }
}
