//! Step 2, Acknowledge and apologise: prompts for the staff member's own words (LAST/HEARD),
//! example words for this failure and channel (spoken in person or on the phone, a message
//! for written channels), what not to say, and a checklist.

use amends_domain::{Category, Channel, FailureType};
use yew::prelude::*;

use super::StepProps;
use crate::components::copy_button::CopyButton;
use crate::components::field::Checkbox;
use crate::components::language::CustomerLanguage;
use crate::hooks::app_state::use_app;
use crate::hooks::draft::{DraftAction as A, Step};
use crate::hooks::locale::use_customer_words;
use crate::i18n::catalogue;
use crate::i18n::{self, t, tf, tp, M};

/// Checklist item ids (kept on the record) and their labels.
pub const CHECKLIST: [(&str, M); 5] = [
    ("listened", M::CheckListened),
    ("acknowledged", M::CheckAcknowledged),
    ("apologised", M::CheckApologised),
    ("owned", M::CheckOwned),
    ("explained", M::CheckExplained),
];

/// Example words per failure type, spoken and written; each follows LAST (listen, apologise,
/// solve, thank). A category with no failure type yet gets the service wording.
fn examples(f: Option<FailureType>) -> (M, M) {
    match f {
        Some(FailureType::Monetary) => (M::ApologySpokenMonetary, M::ApologyWrittenMonetary),
        Some(FailureType::Product) => (M::ApologySpokenProduct, M::ApologyWrittenProduct),
        Some(FailureType::Attention) => (M::ApologySpokenAttention, M::ApologyWrittenAttention),
        Some(FailureType::Delay) => (M::ApologySpokenDelay, M::ApologyWrittenDelay),
        Some(FailureType::Service) | None => (M::ApologySpokenService, M::ApologyWrittenService),
    }
}

/// Things that undo an apology, shown under the examples.
const AVOID: [M; 5] = [
    M::ApologyAvoidBut,
    M::ApologyAvoidIf,
    M::ApologyAvoidPolicy,
    M::ApologyAvoidBlame,
    M::ApologyAvoidPromise,
];

fn acknowledge(f: Option<FailureType>) -> M {
    match f {
        Some(FailureType::Monetary) => M::ApologyAcknowledgeMonetary,
        Some(FailureType::Product) => M::ApologyAcknowledgeProduct,
        Some(FailureType::Attention) => M::ApologyAcknowledgeAttention,
        Some(FailureType::Delay) => M::ApologyAcknowledgeDelay,
        Some(FailureType::Service) | None => M::ApologyAcknowledgeService,
    }
}

#[function_component(Apologise)]
pub fn apologise(props: &StepProps) -> Html {
    let app = use_app();
    let d = &props.draft;
    let failure = FailureType::from_slug(&d.failure);
    let channel = Channel::from_slug(&d.channel);
    let category = Category::from_slug(&d.category);
    let prior = props
        .derived
        .incident
        .as_ref()
        .map(|i| i.prior_failures)
        .unwrap_or(0);
    let name = d.customer_name.trim();
    let staff = app
        .staff
        .as_ref()
        .map(|s| s.name.clone())
        .unwrap_or_default();
    // The words for the customer are in their language, the guidance in the staff's.
    let words = use_customer_words(&d.customer_locale);
    let (written, spoken) = catalogue::with(words.catalogue, || {
        let greeting = if name.is_empty() {
            t(M::CustomerFallbackName).to_string()
        } else {
            name.to_string()
        };
        let what = category
            .map(i18n::category_phrase)
            .unwrap_or_else(|| t(M::WhatFallback));
        let (spoken_body, written_body) = examples(failure);
        let written = tf(
            written_body,
            &[("name", &greeting), ("what", what), ("staff", &staff)],
        );
        let open = if name.is_empty() {
            t(M::ApologySpokenOpen).to_string()
        } else {
            tf(M::ApologySpokenOpenNamed, &[("name", name)])
        };
        let spoken = format!("{open}\n{}", tf(spoken_body, &[("what", what)]));
        (written, spoken)
    });
    let lang = words.catalogue.locale.tag;
    let language_error = d
        .warning("customer_locale")
        .map(|w| AttrValue::from(w.to_string()))
        .or_else(|| {
            words.failed.then(|| {
                let name = catalogue::supported(&d.customer_locale).map_or("", |l| l.name);
                AttrValue::from(tf(M::LanguageFailed, &[("language", name)]))
            })
        });
    let language = html! {
        <CustomerLanguage value={d.customer_locale.clone()} error={language_error}
            onchange={d.on(A::CustomerLocale)} />
    };
    let prompts = [
        (M::PromptHear, M::ApologyListen),
        (M::PromptEmpathise, acknowledge(failure)),
        (M::PromptApologise, M::ApologyApologise),
        (M::PromptResolve, M::ApologyOwn),
        (M::PromptExplain, M::ApologyExplain),
    ];
    // The remedy step opens with the recommended option already chosen (the calculator's
    // first bundle for it), so a within-limit recovery needs only Next; any other option
    // is one tap away. A bundle already chosen or edited is kept.
    let next = {
        let draft = d.clone();
        let preset = props.derived.recommendation.as_ref().and_then(|r| {
            let s = r.choice(r.recommended)?.suggestions.first()?;
            Some((
                super::remedy::as_draft_lines(s),
                r.recommended.slug().to_owned(),
            ))
        });
        Callback::from(move |_| draft.send(A::ToRemedy(preset.clone())))
    };
    let back = {
        let draft = d.clone();
        Callback::from(move |_| draft.send(A::Back(Step::Listen)))
    };
    html! {
        <div class="step-body">
            <h2>{ t(M::ApologiseTitle) }</h2>
            <p class="hint">{ t(M::ApologyIntro) }</p>
            if !name.is_empty() {
                <p>{ tf(M::UseName, &[("name", name)]) }</p>
            }
            <ol class="prompts">
                { for prompts.iter().map(|(head, body)| html! {
                    <li><strong>{ t(*head) }</strong>{ " " }{ t(*body) }</li>
                }) }
            </ol>
            if prior > 0 {
                <p class="notice">{ tp(M::ApologyRepeat, app.policy.settings.customer_window_days, &[("count", &crate::services::intl::count(prior)), ("days", &crate::services::intl::count(app.policy.settings.customer_window_days))]) }</p>
            }
            if channel.is_some_and(Channel::is_written) {
                <section class="ready-text" aria-labelledby="ready-title">
                    <h3 id="ready-title">{ tf(M::ApologyWrittenTitle, &[("channel", channel.map(i18n::channel).unwrap_or(""))]) }</h3>
                    { language.clone() }
                    <pre class="copy-text" {lang}>{ written.clone() }</pre>
                    <CopyButton text={written} label={t(M::ApologyCopy)} />
                </section>
            } else {
                <section class="ready-text" aria-labelledby="spoken-title">
                    <h3 id="spoken-title">{ t(M::ApologySpokenTitle) }</h3>
                    <p class="hint">{ t(M::ApologySpokenHint) }</p>
                    { language }
                    <pre class="copy-text" {lang}>{ spoken.clone() }</pre>
                    <CopyButton text={spoken} label={t(M::ApologyCopySpoken)} />
                </section>
            }
            <section class="avoid" aria-labelledby="avoid-title">
                <h3 id="avoid-title">{ t(M::ApologyAvoidTitle) }</h3>
                <ul>{ for AVOID.iter().map(|m| html! { <li>{ t(*m) }</li> }) }</ul>
            </section>
            <fieldset>
                <legend>{ t(M::ChecklistLegend) }</legend>
                { for CHECKLIST.iter().map(|(id, label)| {
                    let id = id.to_string();
                    let checked = d.checklist.contains(&id);
                    let key = id.clone();
                    html! {
                        <Checkbox id={format!("check-{id}")} label={t(*label)} {checked}
                            onchange={d.on(move |on| A::Checklist(key.clone(), on))} />
                    }
                }) }
            </fieldset>
            <div class="actions">
                <button type="button" class="secondary" onclick={back}>{ t(M::Back) }</button>
                <button type="button" onclick={next}>{ t(M::Next) }</button>
            </div>
        </div>
    }
}
