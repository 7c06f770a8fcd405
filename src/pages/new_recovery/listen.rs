//! Step 1, Listen: what happened, in as few taps as possible. The first screen asks only what
//! happened, the loss and how serious it is; everything else has a default and sits behind
//! "More details", which opens by itself when one of its fields needs attention.

use amends_domain::{Category, Channel, Currency, FailureType, Severity, Tier, Touchpoint};
use yew::prelude::*;

use super::StepProps;
use crate::components::field::{Checkbox, SelectField, TextField};
use crate::components::tiles::{Tile, Tiles};
use crate::hooks::app_state::use_app;
use crate::hooks::draft::{Draft, DraftAction as A, Flag, Step, Text};
use crate::i18n::{self, t, tf, tp, M};

/// Fields behind "More details": it opens by itself when one of them has a warning or error.
const DETAIL_FIELDS: [&str; 5] = ["touchpoint", "channel", "tier", "ticket", "link"];

/// What a helpdesk link filled in, as one line at the top (at 400 px most fields are below
/// the fold).
fn linked_summary(d: &Draft) -> Option<String> {
    // A fixed order whatever the link's (`LINK_FIELDS`); the currency shows with the loss.
    let parts = crate::hooks::draft::LINK_FIELDS
        .iter()
        .filter(|f| d.linked.iter().any(|l| l == *f))
        .filter_map(|f| match *f {
            "ticket" => Some(tf(M::LinkedTicket, &[("ticket", &d.ticket)])),
            "customer" => Some(d.customer_name.clone()),
            "channel" => Channel::from_slug(&d.channel).map(|c| i18n::channel(c).to_string()),
            "category" => Category::from_slug(&d.category).map(|c| i18n::category(c).to_string()),
            "failure" if !d.linked.iter().any(|f| f == "category") => {
                FailureType::from_slug(&d.failure).map(|f| i18n::failure(f).to_string())
            }
            "touchpoint" => {
                Touchpoint::from_slug(&d.touchpoint).map(|x| i18n::touchpoint(x).to_string())
            }
            "tier" => Tier::from_slug(&d.tier).map(|x| i18n::tier(x).to_string()),
            "customer_locale" => {
                i18n::catalogue::supported(&d.customer_locale).map(|l| l.name.to_string())
            }
            "severity" => Some(tf(
                M::SeverityTile,
                &[("level", &crate::services::intl::count(d.severity))],
            )),
            "loss" => {
                let currency = d.currency.parse::<Currency>().ok()?;
                let m = amends_domain::Money::parse_canonical(&d.loss, currency).ok()?;
                Some(crate::services::intl::fmt(m))
            }
            _ => None,
        })
        .collect::<Vec<_>>();
    (!parts.is_empty()).then(|| tf(M::LinkedSummary, &[("values", &parts.join(" · "))]))
}

/// A prefill warning beside its field.
pub fn warning(d: &Draft, field: &str) -> Html {
    match d.warning(field) {
        Some(w) => html! { <p class="warning" role="status">{ w.to_string() }</p> },
        None => html! {},
    }
}

fn tiles<T: Copy>(
    all: impl IntoIterator<Item = T>,
    slug: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<Tile> {
    all.into_iter()
        .map(|x| Tile {
            value: slug(x).into(),
            label: label(x).into(),
            detail: None,
        })
        .collect()
}

#[function_component(Listen)]
pub fn listen(props: &StepProps) -> Html {
    let app = use_app();
    let d = &props.draft;
    let x = &props.derived;
    let tried = use_state(|| false);
    let reference = use_state(String::new);
    let ref_error = use_state(|| None::<String>);
    let err = |f: &str| {
        if *tried {
            x.error(f).map(AttrValue::from)
        } else {
            None
        }
    };
    let failure = FailureType::from_slug(&d.failure);
    let more = use_state(|| false);
    let details_need_attention = DETAIL_FIELDS
        .iter()
        .any(|f| d.warning(f).is_some() || err(f).is_some());
    let open = *more || details_need_attention;
    let toggle = {
        let more = more.clone();
        Callback::from(move |_| more.set(!open))
    };
    let defaults = [
        Channel::from_slug(&d.channel).map(i18n::channel),
        Touchpoint::from_slug(&d.touchpoint).map(i18n::touchpoint),
        Tier::from_slug(&d.tier).map(i18n::tier),
        (!d.customer_name.trim().is_empty()).then_some(d.customer_name.trim()),
        (!d.ticket.is_empty()).then_some(d.ticket.as_str()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");

    let categories = match failure {
        Some(f) => Category::of(f).collect::<Vec<_>>(),
        None => Category::ALL.to_vec(),
    };
    let severity_tiles = Severity::ALL
        .iter()
        .map(|s| Tile {
            value: s.level().to_string().into(),
            label: tf(
                M::SeverityTile,
                &[("level", &crate::services::intl::count(s.level()))],
            )
            .into(),
            detail: Some(i18n::severity(*s).into()),
        })
        .collect::<Vec<_>>();
    let currencies = Currency::ALL
        .iter()
        .map(|c| (AttrValue::from(c.code()), AttrValue::from(c.code())))
        .collect::<Vec<_>>();
    let tiers = Tier::ALL
        .iter()
        .map(|x| (AttrValue::from(x.slug()), AttrValue::from(i18n::tier(*x))))
        .collect::<Vec<_>>();

    let on_reference = {
        let (draft, reference, ref_error, policy) = (
            d.clone(),
            reference.clone(),
            ref_error.clone(),
            app.policy.clone(),
        );
        Callback::from(move |v: String| {
            reference.set(v.clone());
            if v.trim().is_empty() {
                ref_error.set(None);
                draft.send(A::Customer(Default::default()));
                return;
            }
            // Hashed under every salt the device has used (issue 11 #5); the record keeps
            // only the current salt's hash.
            let p = &policy;
            let former = p.former_salts.iter().map(String::as_str);
            match amends_domain::CustomerKeys::hash(&p.customer_salt, former, &v) {
                Ok(keys) => {
                    ref_error.set(None);
                    draft.send(A::Customer(keys));
                }
                Err(e) => ref_error.set(Some(i18n::reference_error(&e))),
            }
        })
    };
    let prior = x.budget.customer_prior_failures;

    let next = {
        let (draft, tried, ok) = (d.clone(), tried.clone(), x.incident.is_ok());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            tried.set(true);
            if ok {
                draft.send(A::Go(Step::Apologise));
            } else {
                focus_first_invalid();
            }
        })
    };
    html! {
        <form class="step-body" onsubmit={next} novalidate=true>
            <h2>{ t(M::ListenTitle) }</h2>
            if let Some(summary) = linked_summary(d) {
                <p class="linked" role="status">{ summary }</p>
            }
            <Tiles name="failure" legend={t(M::FailureLegend)}
                tiles={FailureType::ALL.iter().map(|f| Tile { value: f.slug().into(), label: i18n::failure(*f).into(), detail: Some(i18n::failure_detail(*f).into()) }).collect::<Vec<_>>()}
                value={failure.map(|f| AttrValue::from(f.slug()))}
                onpick={d.on(A::Failure)}
                error={err("failure")} />
            { warning(d, "failure") }
            <Tiles name="category" legend={t(M::CategoryLegend)} compact=true
                tiles={tiles(categories, Category::slug, i18n::category)}
                value={(!d.category.is_empty()).then(|| AttrValue::from(d.category.clone()))}
                onpick={d.on(A::Category)}
                error={err("category")} />
            { warning(d, "category") }
            <Tiles name="severity" legend={t(M::SeverityLegend)}
                tiles={severity_tiles}
                value={(d.severity > 0).then(|| AttrValue::from(d.severity.to_string()))}
                onpick={d.on(A::Severity)}
                error={err("severity")} />
            { warning(d, "severity") }
            <div class="row">
                <TextField id="loss" label={t(M::LossLabel)} value={d.loss.clone()} inputmode="decimal"
                    hint={t(M::LossHint)} error={err("loss")}
                    oninput={d.text(Text::Loss)} />
                <SelectField id="currency" label={t(M::CurrencyLabel)} options={currencies} value={d.currency.clone()}
                    onchange={d.text(Text::Currency)} />
            </div>
            { warning(d, "loss") }
            { warning(d, "currency") }
            <button type="button" class="secondary more" aria-expanded={open.to_string()} aria-controls="more-details" onclick={toggle}>
                { t(M::MoreDetails) }
            </button>
            if !open {
                <p class="hint">{ defaults }</p>
            }
            <div id="more-details" hidden={!open}>
                <Checkbox id="keeps-item" label={t(M::KeepsItem)} checked={d.keeps_item} hint={t(M::KeepsItemHint)}
                    onchange={d.flag(Flag::KeepsItem)} />
                <Checkbox id="responsible" label={t(M::Responsible)} checked={d.company_responsible}
                    onchange={d.flag(Flag::Responsible)} />
                <Tiles name="touchpoint" legend={t(M::TouchpointLegend)} compact=true
                    tiles={tiles(Touchpoint::ALL.iter().copied(), Touchpoint::slug, i18n::touchpoint)}
                    value={(!d.touchpoint.is_empty()).then(|| AttrValue::from(d.touchpoint.clone()))}
                    onpick={d.text(Text::Touchpoint)} error={err("touchpoint")} />
                { warning(d, "touchpoint") }
                <Tiles name="channel" legend={t(M::ChannelLegend)} compact=true
                    tiles={tiles(Channel::ALL.iter().copied(), Channel::slug, i18n::channel)}
                    value={(!d.channel.is_empty()).then(|| AttrValue::from(d.channel.clone()))}
                    onpick={d.on(A::Channel)} error={err("channel")} />
                { warning(d, "channel") }
                <h3>{ t(M::CustomerTitle) }</h3>
                <div class="row">
                    <SelectField id="tier" label={t(M::TierLabel)} options={tiers} value={d.tier.clone()}
                        onchange={d.text(Text::Tier)} />
                    <TextField id="customer-name" label={t(M::CustomerName)} value={d.customer_name.clone()} autocomplete="off"
                        hint={t(M::CustomerNameHint)} oninput={d.text(Text::CustomerName)} />
                </div>
                <Checkbox id="keep-name" label={t(M::KeepName)} checked={d.keep_name}
                    onchange={d.flag(Flag::KeepName)} />
                <div class="row">
                    <TextField id="customer-ref" label={t(M::CustomerRef)} value={(*reference).clone()} autocomplete="off"
                        hint={if d.customer_hash.is_some() && reference.is_empty() { t(M::CustomerRefKept) } else { t(M::CustomerRefHint) }}
                        error={(*ref_error).clone().map(AttrValue::from)} oninput={on_reference} />
                    <TextField id="ticket" label={t(M::Ticket)} value={d.ticket.clone()} autocomplete="off"
                        oninput={d.text(Text::Ticket)} />
                </div>
                { warning(d, "ticket") }
                { warning(d, "link") }
            </div>
            if prior > 0 {
                <p class="notice" role="status">{ tp(M::RepeatNotice, app.policy.settings.customer_window_days, &[("nth", &i18n::ordinal(prior + 1)), ("days", &crate::services::intl::count(app.policy.settings.customer_window_days))]) }</p>
            }
            <div class="actions">
                <button type="submit">{ t(M::Next) }</button>
            </div>
        </form>
    }
}

/// Move focus to the first field marked invalid, so keyboard users land on the problem.
pub fn focus_first_invalid() {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        // After the re-render that marks the fields.
        gloo::timers::callback::Timeout::new(0, || {
            let doc = gloo::utils::document();
            if let Ok(Some(el)) = doc.query_selector("[aria-invalid=true], .tiles.invalid input") {
                if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        })
        .forget();
    }
}
