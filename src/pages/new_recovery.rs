//! The guided recovery: listen, apologise, remedy, approval, log.
//!
//! The page owns the draft (saved on every change) and derives the incident,
//! recommendation and decision from it on each render; each step is a view over
//! the draft and the derived figures.

pub mod apologise;
pub mod approve;
pub mod confirm;
pub mod derive;
pub mod listen;
#[cfg(feature = "chain")]
pub mod other_stores;
pub mod remedy;
#[cfg(feature = "chain")]
pub mod remote;
pub mod scenarios;
pub mod staff;

use std::rc::Rc;

use amends_domain::{BudgetState, RecoveryRecord};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::page::Page;
use crate::components::steps::Steps;
use crate::hooks::app_state::{use_app, AppState, Health, Log};
use crate::hooks::draft::{stored_drafts, use_draft, Draft, DraftAction, DraftHandle, Step};
use crate::i18n::{t, tf, M};
use crate::services::clock::now_ms;

pub use derive::Derived;

/// Props every step gets: the draft, what is derived from it, and the page's clock.
#[derive(Properties, Clone, PartialEq)]
pub struct StepProps {
    pub draft: DraftHandle,
    pub derived: Derived,
}

/// A fresh draft for `staff` on this device, with a helpdesk link's values applied.
pub fn fresh_draft(staff: &str, currency: &str, query: &str) -> Draft {
    let id = crate::services::crypto::random_id().unwrap_or_else(|_| format!("r{}", now_ms()));
    let mut d = Draft::new(id, now_ms(), false, currency);
    d.staff = staff.into();
    apply_prefill(&mut d, query);
    d
}

/// Fill matching fields from `/new?channel=chat&category=late-delivery&amount=49.90...`;
/// a value that does not fit its field becomes a warning beside it, never a guess.
pub fn apply_prefill(d: &mut Draft, query: &str) {
    use amends_domain::{Category, Channel, Currency, FailureType, Money, Tier, Touchpoint};
    let pairs = crate::hooks::prefill::parse_query(query);
    let warn = |d: &mut Draft, field: &str, value: &str| {
        d.warnings
            .push((field.to_string(), tf(M::PrefillBad, &[("value", value)])));
    };
    // Currency first: the amount is read in it.
    if let Some((_, v)) = pairs.iter().find(|(k, _)| k == "currency") {
        match v.parse::<Currency>() {
            Ok(c) => d.currency = c.code().into(),
            Err(_) => warn(d, "currency", v),
        }
    }
    for (k, v) in &pairs {
        let v = v.trim();
        match k.as_str() {
            "channel" => match Channel::from_slug(v) {
                Some(c) => {
                    d.channel = c.slug().into();
                    d.follow_up_channel = c.slug().into();
                }
                None => warn(d, "channel", v),
            },
            "category" => match Category::from_slug(v) {
                Some(c) => {
                    d.category = c.slug().into();
                    if d.failure.is_empty() {
                        d.failure = c.failure_type().slug().into();
                    }
                }
                None => warn(d, "category", v),
            },
            "failure" => match FailureType::from_slug(v) {
                Some(f) => d.failure = f.slug().into(),
                None => warn(d, "failure", v),
            },
            "touchpoint" => match Touchpoint::from_slug(v) {
                Some(x) => d.touchpoint = x.slug().into(),
                None => warn(d, "touchpoint", v),
            },
            "tier" => match Tier::from_slug(v) {
                Some(x) => d.tier = x.slug().into(),
                None => warn(d, "tier", v),
            },
            "severity" => match v.parse::<u8>().ok().filter(|s| (1..=5).contains(s)) {
                Some(s) => d.severity = s,
                None => warn(d, "severity", v),
            },
            "amount" => {
                // Links always use the canonical "49.90", whatever the user's locale.
                match d
                    .currency
                    .parse::<Currency>()
                    .map(|c| Money::parse_canonical(v, c))
                {
                    Ok(Ok(m)) => d.loss = m.plain(),
                    _ => {
                        warn(d, "loss", v);
                    }
                }
            }
            "customer" => d.customer_name = v.chars().take(80).collect(),
            "ticket" => {
                if v.len() <= 64
                    && v.chars()
                        .all(|c| c.is_ascii_alphanumeric() || "-_#./".contains(c))
                {
                    d.ticket = v.into();
                } else {
                    warn(d, "ticket", v);
                }
            }
            "currency" => {}
            // The customer's language, as helpdesks give it ("fr", "pt-BR").
            "locale" => match crate::i18n::catalogue::supported(v) {
                Some(l) => d.customer_locale = l.tag.into(),
                None => warn(d, "customer_locale", v),
            },
            _ => warn(d, "link", k),
        }
    }
    for (k, _) in &pairs {
        let field = match k.as_str() {
            "amount" => "loss",
            "locale" => "customer_locale",
            k => k,
        };
        if crate::hooks::draft::LINK_FIELDS.contains(&field)
            && d.warning(field).is_none()
            && !d.linked.iter().any(|f| f == field)
        {
            d.linked.push(field.to_string());
        }
    }
}

#[function_component(NewRecovery)]
pub fn new_recovery() -> Html {
    let app = use_app();
    let body = match (&app.health, &app.staff) {
        (Health::Loading, _) => html! { <p class="loading">{ t(M::Loading) }</p> },
        _ if !app.set_up() => html! { <staff::NotSetUp /> },
        (_, None) => html! { <staff::StaffSetup /> },
        (_, Some(_)) => html! { <Flow /> },
    };
    html! { <Page title={t(M::NewTitle)}>{ body }</Page> }
}

/// The real budget state around the draft ([`derive::real_budget`]), recomputed only when
/// the log, the policy, the staff member, the customer or the draft changes, or a minute
/// passes: typing an amount does not walk the whole log. Taken at the start of the minute,
/// the shift window reaches up to a minute further back, so it may count a little more
/// as given, never less.
#[hook]
fn use_budget(app: &AppState, draft: &Draft) -> Rc<Result<BudgetState, amends_domain::MoneyError>> {
    let minute = now_ms().div_euclid(60_000);
    use_memo(
        (
            Log(app.records.clone()),
            app.policy.clone(),
            app.staff.clone(),
            draft.customer(),
            draft.id.clone(),
            minute,
        ),
        |(log, policy, staff, customer, id, minute)| {
            let staff = staff.as_ref().map(|s| s.name.as_str()).unwrap_or("");
            derive::real_budget(&log.0, policy, staff, customer, id, minute * 60_000)
        },
    )
}

#[function_component(Flow)]
fn flow() -> Html {
    let app = use_app();
    let location = use_location();
    let query = location
        .map(|l| l.query_str().to_string())
        .unwrap_or_default();
    let currency = app.currency().code().to_string();
    let me = app
        .staff
        .as_ref()
        .map(|s| s.name.clone())
        .unwrap_or_default();
    // Unfinished recoveries of this person, one per recovery id. A helpdesk link for a
    // ticket that has one resumes it; a link for any other ticket starts a new recovery
    // (the others stay listed); with no link, the unfinished ones are offered first.
    let stored = use_state(|| stored_drafts(&me));
    // Read once, when the page opens: the initialisers below run on the first render only.
    let link_ticket = |query: &str| {
        crate::hooks::prefill::parse_query(query)
            .into_iter()
            .find(|(k, _)| k == "ticket")
            .map(|(_, v)| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let offer =
        use_state(|| link_ticket(&query).is_none() && query.is_empty() && !stored.is_empty());
    let draft = {
        let (currency, query, offer, me, stored) = (
            currency.clone(),
            query.clone(),
            *offer,
            me.clone(),
            stored.clone(),
        );
        use_draft(move || {
            match link_ticket(&query)
                .and_then(|t| stored.iter().find(|d| d.ticket.trim() == t).cloned())
            {
                Some(d) => owned(d, &me),
                // Nothing is applied (and so nothing saved) until the user chooses.
                None if offer => Draft::new(String::new(), now_ms(), false, &currency),
                None => fresh_draft(&me, &currency, &query),
            }
        })
    };
    let refresh = {
        let (stored, me) = (stored.clone(), me.clone());
        Callback::from(move |()| stored.set(stored_drafts(&me)))
    };
    let resume = {
        let (offer, draft, me, refresh) =
            (offer.clone(), draft.clone(), me.clone(), refresh.clone());
        Callback::from(move |d: Draft| {
            draft.replace(owned(d, &me));
            offer.set(false);
            refresh.emit(());
        })
    };
    let others: Vec<Draft> = stored
        .iter()
        .filter(|d| d.id != draft.id)
        .cloned()
        .collect();
    let logged = use_state(|| None::<RecoveryRecord>);
    let real = use_budget(&app, &draft);
    #[cfg(feature = "chain")]
    let chain_customer =
        other_stores::use_other_stores(draft.customer(), app.policy.settings.customer_window_days);
    // Hooks before any early return: the same hooks run on every render.
    let asking = use_state(|| false);
    use_focus_on_step(draft.step);

    if *offer {
        let start_new = {
            let (offer, draft, currency, query, me) = (
                offer.clone(),
                draft.clone(),
                currency.clone(),
                query.clone(),
                me.clone(),
            );
            Callback::from(move |_| {
                draft.replace(fresh_draft(&me, &currency, &query));
                offer.set(false);
            })
        };
        return html! {
            <section class="resume" aria-labelledby="resume-title">
                <h2 id="resume-title">{ t(M::ResumeTitle) }</h2>
                <p>{ t(M::ResumeBody) }</p>
                { unfinished_list(&others, &resume) }
                <div class="actions">
                    <button type="button" class="secondary" onclick={start_new}>{ t(M::ResumeNo) }</button>
                </div>
            </section>
        };
    }

    if let Some(record) = (*logged).clone() {
        let next = {
            let (logged, draft, currency, me) =
                (logged.clone(), draft.clone(), currency.clone(), me.clone());
            Callback::from(move |_| {
                draft.replace(fresh_draft(&me, &currency, ""));
                logged.set(None);
            })
        };
        let fmt = crate::services::intl::fmt;
        let given = crate::i18n::given(&record.remedies);
        let feedback = practice_feedback(&record, &app.policy);
        return html! {
            <section class="logged" aria-labelledby="logged-title">
                <div role="status"><h2 id="logged-title">{ t(M::Logged) }</h2></div>
                <p>{ if record.practice { t(M::LoggedPractice) } else { t(M::LoggedBody) } }</p>
                <dl class="summary">
                    <dt>{ t(M::LoggedReference) }</dt><dd>{ record.short_ref() }</dd>
                    <dt>{ t(M::LoggedGiven) }</dt><dd>{ given }</dd>
                    <dt>{ t(M::SummaryCost) }</dt><dd>{ record.cost().map(fmt).unwrap_or_default() }</dd>
                    <dt>{ t(M::FollowUpWhen) }</dt>
                    <dd>{ match &record.follow_up {
                        Some(f) => format!("{} · {}", crate::services::intl::date(f.due_ms), crate::i18n::channel(f.channel)),
                        None => t(M::FollowUpNone).to_string(),
                    } }</dd>
                    if let Some(ticket) = &record.ticket {
                        <dt>{ t(M::Ticket) }</dt><dd>{ ticket.clone() }</dd>
                    }
                </dl>
                if let Some(lines) = feedback {
                    <section class="feedback" aria-labelledby="feedback-title">
                        <h3 id="feedback-title">{ t(M::FeedbackTitle) }</h3>
                        <ul>{ for lines.into_iter().map(|l| html! { <li>{ l }</li> }) }</ul>
                    </section>
                }
                <div class="actions">
                    <button type="button" onclick={next}>{ t(M::StartNext) }</button>
                </div>
            </section>
        };
    }

    // Totals that overflow fail closed: nothing is given until a manager checks the log.
    #[cfg(feature = "chain")]
    let real = chain_customer.add(&real, &app.policy);
    let real = match &*real {
        Ok(real) => *real,
        Err(e) => {
            return html! {
                <p class="error" role="alert">{ crate::i18n::integrity::tf(
                    crate::i18n::integrity::Msg::BudgetOverflow,
                    &[("why", &crate::i18n::money_error(e))],
                ) }</p>
            }
        }
    };
    let derived = derive::derive(&draft, &app, &real, crate::services::intl::seps());
    #[cfg(feature = "chain")]
    let others_notice = chain_customer.notice();
    #[cfg(not(feature = "chain"))]
    let others_notice = Html::default();
    let names: Vec<AttrValue> = Step::ALL
        .iter()
        .map(|s| AttrValue::from(t(step_name(*s))))
        .collect();
    let onopen = {
        let draft = draft.clone();
        Callback::from(move |i: usize| draft.send(DraftAction::Back(Step::from_index(i))))
    };
    let toggle_practice = {
        let draft = draft.clone();
        Callback::from(move |_| draft.send(DraftAction::TogglePractice))
    };
    let start_over = {
        let (draft, currency, me, asking, refresh) = (
            draft.clone(),
            currency.clone(),
            me.clone(),
            asking.clone(),
            refresh.clone(),
        );
        Callback::from(move |_| {
            draft.discard();
            refresh.emit(());
            draft.replace(fresh_draft(&me, &currency, ""));
            asking.set(false);
        })
    };
    let ask_start_over = {
        let asking = asking.clone();
        Callback::from(move |_| asking.set(true))
    };
    let keep_working = {
        let asking = asking.clone();
        Callback::from(move |_| asking.set(false))
    };
    let on_logged = {
        let (logged, draft, refresh) = (logged.clone(), draft.clone(), refresh.clone());
        Callback::from(move |r: RecoveryRecord| {
            draft.discard();
            refresh.emit(());
            logged.set(Some(r));
        })
    };
    let props = StepProps {
        draft: draft.clone(),
        derived: derived.clone(),
    };
    let body = match draft.step {
        Step::Listen => html! { <listen::Listen ..props /> },
        Step::Apologise => html! { <apologise::Apologise ..props /> },
        Step::Remedy => html! { <remedy::RemedyStep ..props /> },
        Step::Approval => html! { <approve::Approve ..props /> },
        Step::Confirm => {
            html! { <confirm::Confirm draft={draft.clone()} derived={derived.clone()} {on_logged} /> }
        }
    };
    html! {
        <div class={classes!("flow", draft.practice.then_some("practice"))}>
            <div class="flow-head">
                if draft.practice {
                    <p class="practice-banner" role="status">{ t(M::PracticeBanner) }</p>
                }
                <Elapsed opened_ms={draft.opened_ms} />
                { others_notice }
                <div class="actions compact">
                    <button type="button" class="secondary" aria-pressed={draft.practice.to_string()} onclick={toggle_practice}>{ t(M::PracticeToggle) }</button>
                    <button type="button" class="secondary" onclick={ask_start_over}>{ t(M::StartOver) }</button>
                </div>
                if *asking {
                    <div class="confirm-box" role="alertdialog" aria-labelledby="start-over-q">
                        <p id="start-over-q">{ t(M::StartOverQuestion) }</p>
                        <div class="actions">
                            <button type="button" class="danger" onclick={start_over}>{ t(M::StartOverYes) }</button>
                            <button type="button" class="secondary" onclick={keep_working}>{ t(M::StartOverNo) }</button>
                        </div>
                    </div>
                }
                if draft.practice && draft.step == Step::Listen {
                    <div class="scenarios" role="group" aria-label={t(M::ScenariosLabel)}>
                        { for scenarios::SCENARIOS.iter().enumerate().map(|(i, s)| {
                            let onclick = draft.on(move |_: MouseEvent| DraftAction::Scenario(i));
                            html! { <button type="button" class="secondary" {onclick}>{ t(s.title) }</button> }
                        }) }
                    </div>
                }
                if let Some(play) = draft.scenario.filter(|_| draft.practice).and_then(|i| scenarios::SCENARIOS.get(i)) {
                    <section class="roleplay" aria-labelledby="roleplay-title">
                        <h2 id="roleplay-title">{ tf(M::RolePlayTitle, &[("title", t(play.title))]) }</h2>
                        if draft.step == Step::Listen {
                            <p>{ t(play.brief) }</p>
                        }
                        if let Some((says, good)) = scenarios::at(play, draft.step) {
                            <p><strong>{ t(M::CustomerSays) }</strong>{ " “" }{ t(says) }{ "”" }</p>
                            <p><strong>{ t(M::GoodLooksLike) }</strong>{ " " }{ t(good) }</p>
                        }
                    </section>
                }
                if !others.is_empty() {
                    <details class="unfinished">
                        <summary>{ tf(M::UnfinishedCount, &[("n", &crate::services::intl::count(others.len()))]) }</summary>
                        { unfinished_list(&others, &resume) }
                    </details>
                }
                if !draft.saved {
                    <p class="warning" role="alert">{ t(M::DraftNotSaved) }</p>
                }
                if let Health::Failed(e) = &app.health {
                    <p class="warning" role="alert">{ crate::i18n::storage_error(e) }</p>
                }
                if let Some(role) = &derived.unknown_role {
                    <p class="warning" role="alert">{ crate::i18n::integrity::tf(crate::i18n::integrity::Msg::RoleUnknown, &[("role", role)]) }</p>
                }
            </div>
            <Steps label={t(M::StepsLabel)} {names} current={draft.step.index()} reached={draft.reached.index()} {onopen} />
            { body }
        </div>
    }
}

/// After the step changes (Next, Back, the step list), keyboard focus and the scroll go to
/// the new step's heading, so a screen reader announces it and nobody is left mid-page.
/// Not on the first render: opening the page leaves focus where the browser put it.
#[hook]
fn use_focus_on_step(step: Step) {
    let first = use_mut_ref(|| true);
    use_effect_with(step, move |_| {
        let opening = std::mem::replace(&mut *first.borrow_mut(), false);
        #[cfg(not(target_arch = "wasm32"))]
        let _ = opening;
        #[cfg(target_arch = "wasm32")]
        if !opening {
            use wasm_bindgen::JsCast;
            let heading = gloo::utils::document()
                .query_selector(".step-body h2")
                .ok()
                .flatten()
                .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(h) = heading {
                let _ = h.set_attribute("tabindex", "-1");
                h.scroll_into_view();
                let _ = h.focus();
            }
        }
    });
}

/// The end of a role-play, in words: the checklist, the time taken and where what was
/// given sits against the research's band ([`amends_domain::practice::feedback`]).
fn practice_feedback(
    record: &RecoveryRecord,
    policy: &amends_domain::Policy,
) -> Option<Vec<String>> {
    use amends_domain::practice::{feedback, Band};
    if !record.practice {
        return None;
    }
    let ids = apologise::CHECKLIST.map(|(id, _)| id);
    let recommendation = policy.role(&record.role).and_then(|role| {
        let empty = amends_domain::BudgetState::empty(policy);
        amends_domain::recommend(&record.incident, policy, &empty, role).ok()
    });
    let f = feedback(record, &ids, recommendation.as_ref()).ok()?;
    let count = crate::services::intl::count;
    let mut lines = vec![tf(
        M::FeedbackChecklist,
        &[("done", &count(f.done)), ("of", &count(f.of))],
    )];
    if !f.missing.is_empty() {
        let items = apologise::CHECKLIST
            .iter()
            .filter(|(id, _)| f.missing.contains(id))
            .map(|(_, m)| t(*m).to_string())
            .collect::<Vec<_>>()
            .join(", ");
        lines.push(tf(M::FeedbackMissing, &[("items", &items)]));
    }
    let time = format!("{}:{:02}", f.seconds / 60, f.seconds % 60);
    lines.push(tf(M::FeedbackTime, &[("time", &time)]));
    if let Some((given, low, high, band)) = f.band {
        let fmt = crate::services::intl::fmt;
        let m = match band {
            Band::Below => M::FeedbackBelow,
            Band::Within => M::FeedbackWithin,
            Band::Above => M::FeedbackAbove,
        };
        lines.push(tf(
            m,
            &[
                ("given", &fmt(given)),
                ("low", &fmt(low)),
                ("high", &fmt(high)),
            ],
        ));
    }
    Some(lines)
}

/// A draft resumed by `me`: one from before owners were kept becomes theirs.
fn owned(mut d: Draft, me: &str) -> Draft {
    if d.staff.is_empty() {
        d.staff = me.to_string();
    }
    d
}

/// "Ticket 1234 · Ana · Late delivery", to tell unfinished recoveries apart.
pub fn draft_label(d: &Draft) -> String {
    let mut parts = Vec::new();
    if !d.ticket.trim().is_empty() {
        parts.push(tf(M::LinkedTicket, &[("ticket", d.ticket.trim())]));
    }
    if !d.customer_name.trim().is_empty() {
        parts.push(d.customer_name.trim().to_string());
    }
    parts.push(
        amends_domain::Category::from_slug(&d.category)
            .map(|c| crate::i18n::category(c).to_string())
            .unwrap_or_else(|| t(M::ResumeUnnamed).to_string()),
    );
    parts.join(" · ")
}

/// One "Resume recovery: …" button per unfinished recovery.
fn unfinished_list(drafts: &[Draft], resume: &Callback<Draft>) -> Html {
    html! {
        <ul class="unfinished-list">
            { for drafts.iter().map(|d| {
                let onclick = { let d = d.clone(); resume.reform(move |_: MouseEvent| d.clone()) };
                html! { <li><button type="button" class="secondary" {onclick}>
                    { tf(M::ResumeItem, &[("what", &draft_label(d)), ("when", &crate::services::intl::date_time(d.opened_ms))]) }
                </button></li> }
            }) }
        </ul>
    }
}

pub fn step_name(s: Step) -> M {
    match s {
        Step::Listen => M::StepListen,
        Step::Apologise => M::StepApologise,
        Step::Remedy => M::StepRemedy,
        Step::Approval => M::StepApproval,
        Step::Confirm => M::StepConfirm,
    }
}

#[derive(Properties, PartialEq)]
struct ElapsedProps {
    opened_ms: i64,
}

/// Time since the recovery was opened, ticking each second: speed matters.
#[function_component(Elapsed)]
fn elapsed(props: &ElapsedProps) -> Html {
    let now = use_state(now_ms);
    {
        let now = now.clone();
        use_effect_with((), move |_| {
            #[cfg(target_arch = "wasm32")]
            let tick = gloo::timers::callback::Interval::new(1000, move || now.set(now_ms()));
            #[cfg(not(target_arch = "wasm32"))]
            let _ = now;
            move || {
                #[cfg(target_arch = "wasm32")]
                drop(tick);
            }
        });
    }
    let secs = ((*now - props.opened_ms) / 1000).max(0);
    let text = format!("{}:{:02}", secs / 60, secs % 60);
    html! {
        <p class="elapsed"><span>{ tf(M::ElapsedOpen, &[("elapsed", &text)]) }</span></p>
    }
}
