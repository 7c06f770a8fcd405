//! The policy editor: roles and limits, the remedy catalogue, the calculator's settings,
//! presets. Errors show beside their fields and in a list above "Save"; nothing is saved
//! until the whole policy is valid, and each saved change becomes an audit entry.

use std::rc::Rc;

use amends_domain::{Currency, FailureType, Policy, RemedyKind, Separators, Tier};
use yew::prelude::*;

use super::form::{field_id, field_label, Edit, Errors, PolicyForm, RoleForm};
use super::{focus, SectionProps};
use crate::components::field::{Checkbox, SelectField, TextField};
use crate::hooks::app_state::use_app;
use crate::i18n::manager::{t, tf, Msg};
use crate::i18n::{self};
use crate::services::intl::seps;
use amends_domain::policy::{
    at, AcceptedField as A, EntryField as E, Field, RoleField as R, SettingField as S,
};

/// The editor's state; edits are applied to the latest state, never to a stale copy.
#[derive(Clone, PartialEq)]
struct Editor(PolicyForm);

impl Reducible for Editor {
    type Action = Edit;
    fn reduce(self: Rc<Self>, edit: Edit) -> Rc<Self> {
        let mut next = self.0.clone();
        next.apply(edit);
        Rc::new(Editor(next))
    }
}

type Form = UseReducerHandle<Editor>;

/// A callback that sends the edit `f` makes of the event's value.
fn on<T: 'static>(form: &Form, f: impl Fn(T) -> Edit + 'static) -> Callback<T> {
    let form = form.clone();
    Callback::from(move |v: T| form.dispatch(f(v)))
}

/// A text control's callback: what is typed goes to `path`.
fn text(form: &Form, path: Field) -> Callback<String> {
    on(form, move |v| Edit::Text(path, v))
}

/// A checkbox's callback: ticked or not goes to `path`.
fn flag(form: &Form, path: Field) -> Callback<bool> {
    on(form, move |v| Edit::Flag(path, v))
}

use crate::hooks::app_state::with_secrets;
use crate::hooks::busy::spawn_busy;

#[function_component(PolicyEditor)]
pub fn policy_editor(props: &SectionProps) -> Html {
    let app = use_app();
    let seps: Separators = seps();
    let form = {
        let p = app.policy.clone();
        use_reducer(move || Editor(PolicyForm::from_policy(&p, seps)))
    };
    let tried = use_state(|| false);
    let busy = use_state(|| false);
    let status = use_state(|| None::<(bool, String)>);
    // A policy saved, imported or restored elsewhere replaces what the editor shows. Edits
    // not yet saved here are dropped with it (saving them would revert the other change),
    // and the editor says so, naming what the other tab changed.
    {
        let (form, status) = (form.clone(), status.clone());
        use_effect_with(app.policy.clone(), move |p| {
            let base = &form.0.base;
            let edited = form.0.parse(seps).ok();
            if p != base && edited.as_ref() != Some(base) && edited.as_ref() != Some(p) {
                status.set(Some((
                    false,
                    crate::hooks::app_state::changed_elsewhere(base, p),
                )));
            }
            let fresh = PolicyForm::from_policy(p, seps);
            form.dispatch(Edit::Replace(Box::new(fresh)));
        });
    }
    let f = &form.0;
    let parsed = f.parse(seps);
    let errors: Errors = if *tried {
        parsed.clone().err().unwrap_or_default()
    } else {
        Errors::new()
    };
    let err = |path: Field| errors.get(&path).map(|m| AttrValue::from(m.clone()));
    let unsaved = parsed.as_ref().map_or(true, |p| *p != app.policy);

    let preset = |make: fn(Currency) -> Policy| {
        let (form, status, tried) = (form.clone(), status.clone(), tried.clone());
        Callback::from(move |_: MouseEvent| {
            let current = form.0.clone();
            let currency = current.currency.parse().unwrap_or(current.base.currency);
            let next = PolicyForm::from_preset(&make(currency), &current, seps);
            form.dispatch(Edit::Replace(Box::new(next)));
            tried.set(false);
            status.set(Some((true, t(Msg::PresetApplied).into())));
        })
    };

    let on_save = {
        let (app, form, tried, busy, status, props) = (
            app.clone(),
            form.clone(),
            tried.clone(),
            busy.clone(),
            status.clone(),
            props.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            tried.set(true);
            let policy = match form.0.parse(seps) {
                Ok(p) => with_secrets(p),
                Err(_) => {
                    status.set(None);
                    focus("policy-errors");
                    return;
                }
            };
            let Some(who) = props.need_who() else { return };
            let (app, busy, status, tried) =
                (app.clone(), busy.clone(), status.clone(), tried.clone());
            spawn_busy(busy, async move {
                match app.save_policy(policy, &who).await {
                    Ok(n) => {
                        tried.set(false);
                        status.set(Some((
                            true,
                            tf(Msg::Saved, &[("n", &crate::services::intl::count(n))]),
                        )));
                    }
                    Err(e) => status.set(Some((false, i18n::storage_error(&e)))),
                }
            });
        })
    };

    let currencies = Currency::ALL
        .iter()
        .map(|c| (AttrValue::from(c.code()), AttrValue::from(c.code())))
        .collect::<Vec<_>>();
    let in_currency = tf(Msg::InCurrency, &[("currency", &f.currency)]);

    let roles = f
        .roles
        .iter()
        .enumerate()
        .map(|(i, r)| role_card(&form, i, r, &err, &in_currency, f.roles.len() > 1));
    let add_role = {
        let (form, n) = (form.clone(), f.roles.len());
        Callback::from(move |_: MouseEvent| {
            form.dispatch(Edit::AddRole);
            focus(&field_id(Field::Role(at(n), R::Name)));
        })
    };

    let catalogue = f.catalogue.iter().enumerate().map(|(i, e)| {
        let path = |x| Field::Entry(at(i), x);
        let name = i18n::remedy(e.kind);
        html! {
            <fieldset class="entry-card">
                <legend>{ name }</legend>
                <Checkbox id={field_id(path(E::Enabled))} label={t(Msg::Offered)} checked={e.enabled}
                    onchange={flag(&form, path(E::Enabled))} />
                if let Some(m) = err(path(E::Enabled)) { <p class="error">{ m }</p> }
                if e.kind.puts_right() {
                    <Checkbox id={field_id(path(E::OutsideLimits))} label={t(Msg::OutsideLimits)} checked={e.outside_limits}
                        onchange={flag(&form, path(E::OutsideLimits))} />
                }
                <TextField id={field_id(path(E::CostShare))} label={t(Msg::CostShare)} value={e.cost_share.clone()}
                    inputmode="decimal" hint={t(Msg::CostShareHint)} error={err(path(E::CostShare))}
                    oninput={text(&form, path(E::CostShare))} />
                <fieldset class="allowed" id={field_id(path(E::Fits))} tabindex="-1">
                    <legend>{ tf(Msg::FitsFor, &[("remedy", i18n::remedy_noun(e.kind))]) }</legend>
                    <div class="check-grid">
                        { for FailureType::ALL.iter().map(|&x| html! {
                            <Checkbox id={format!("{}-{}", field_id(path(E::Fits)), x.slug())} label={i18n::failure(x)}
                                checked={e.fits.contains(&x)}
                                onchange={on(&form, move |v| Edit::Fits(at(i), x, v))} />
                        }) }
                    </div>
                    if let Some(m) = err(path(E::Fits)) { <p class="error">{ m }</p> }
                </fieldset>
                if let Some(d) = &e.discount {
                    <TextField id={field_id(path(E::DiscountPercent))} label={t(Msg::DiscountPercent)} value={d.clone()}
                        inputmode="decimal" error={err(path(E::DiscountPercent))}
                        oninput={text(&form, path(E::DiscountPercent))} />
                }
            </fieldset>
        }
    });

    let codes = currencies.clone();
    let accepted = f.currencies.iter().enumerate().map(|(i, c)| {
        let path = |x| Field::Accepted(at(i), x);
        let n = crate::services::intl::count(i + 1);
        html! {
            <div class="row">
                <SelectField id={field_id(path(A::Currency))} label={tf(Msg::CurrencyCode, &[("n", &n)])} options={codes.clone()}
                    value={c.code.clone()} error={err(path(A::Currency))}
                    onchange={text(&form, path(A::Currency))} />
                <TextField id={field_id(path(A::Rate))} label={tf(Msg::CurrencyRate, &[("n", &n), ("currency", &f.currency)])}
                    value={c.rate.clone()} inputmode="decimal" error={err(path(A::Rate))}
                    oninput={text(&form, path(A::Rate))} />
                <TextField id={field_id(path(A::SetOn))} label={tf(Msg::CurrencySetOn, &[("n", &n)])} value={c.set_on.clone()}
                    error={err(path(A::SetOn))}
                    oninput={text(&form, path(A::SetOn))} />
                <button type="button" class="secondary remove" onclick={on(&form, move |_: MouseEvent| Edit::RemoveCurrency(at(i)))}>
                    { tf(Msg::CurrencyRemove, &[("n", &n)]) }
                </button>
            </div>
        }
    });
    let add_currency = on(&form, |_: MouseEvent| {
        let today = amends_domain::time::iso8601(crate::services::clock::now_ms());
        Edit::AddCurrency {
            today: today.get(..10).unwrap_or_default().to_string(),
        }
    });

    let s = &f.settings;
    let pct = |path: Field, label: String, value: &String| {
        html! {
            <TextField id={field_id(path)} {label} value={value.clone()} inputmode="decimal"
                error={err(path)} oninput={text(&form, path)} />
        }
    };
    let severity = (0..5).map(|i| {
        let path = Field::Severity(i as u8);
        html! {
            <TextField id={field_id(path)} label={tf(Msg::SeverityAdjust, &[("n", &crate::services::intl::count(i + 1))])}
                value={s.severity[i].clone()} inputmode="decimal" error={err(path)}
                oninput={text(&form, path)} />
        }
    });
    let tiers = Tier::ALL.iter().enumerate().map(|(i, tier)| {
        let path = Field::Tier(i as u8);
        html! {
            <TextField id={field_id(path)} label={tf(Msg::TierAdjust, &[("tier", i18n::tier(*tier))])}
                value={s.tier[i].clone()} inputmode="decimal" error={err(path)}
                oninput={text(&form, path)} />
        }
    });
    let apology_levels = (1..=5)
        .map(|n| {
            (
                AttrValue::from(n.to_string()),
                AttrValue::from(n.to_string()),
            )
        })
        .collect::<Vec<_>>();

    // Sections fold away (native <details>: the summary's heading is its name, Enter and
    // Space toggle it). They start open and are left to the browser; a problem's link opens
    // its section before focusing the field (`super::focus`).
    let section = |id: &str, title: Msg, body: Html| {
        let heading = format!("{id}-title");
        html! {
            <details class="policy-section" id={id.to_string()} tabindex="-1" open=true aria-labelledby={heading.clone()}>
                <summary><h3 id={heading}>{ t(title) }</h3></summary>
                { body }
            </details>
        }
    };

    let summary = if errors.is_empty() {
        html! {}
    } else {
        html! {
            <div class="error-summary" id="policy-errors" tabindex="-1" role="alert">
                <h3>{ tf(Msg::FixBeforeSaving, &[("n", &crate::services::intl::count(errors.len()))]) }</h3>
                <ul>
                    { for errors.iter().map(|(path, msg)| {
                        let id = field_id(*path);
                        let go = Callback::from(move |_: MouseEvent| focus(&id));
                        html! {
                            <li><button type="button" class="link" onclick={go}>
                                { format!("{}: {}", field_label(*path, f), msg) }
                            </button></li>
                        }
                    }) }
                </ul>
            </div>
        }
    };

    html! {
        <section class="manager-section" aria-labelledby="policy-title">
            <h2 id="policy-title">{ t(Msg::PolicyTitle) }</h2>
            <p class="hint">{ if app.policy_saved { t(Msg::PolicyIntro) } else { t(Msg::PolicyNeverSaved) } }</p>
            <div class="actions">
                <button type="button" class="secondary" onclick={preset(Policy::ritz_carlton)}>{ t(Msg::PresetRitz) }</button>
                <button type="button" class="secondary" onclick={preset(Policy::conservative_retail)}>{ t(Msg::PresetConservative) }</button>
            </div>
            <p class="hint">{ t(Msg::PresetHint) }</p>
            <form class="policy-form" onsubmit={on_save} novalidate=true>
                { section("pol-sec-general", Msg::GeneralTitle, html! {
                    <div class="row">
                        <TextField id={field_id(Field::Name)} label={t(Msg::PolicyName)} value={f.name.clone()} error={err(Field::Name)}
                            oninput={text(&form, Field::Name)} />
                        <TextField id={field_id(Field::Store)} label={t(Msg::StoreName)} value={f.store.clone()} error={err(Field::Store)}
                            hint={t(Msg::StoreNameHint)} oninput={text(&form, Field::Store)} />
                        <SelectField id={field_id(Field::Currency)} label={t(Msg::Currency)} options={currencies} value={f.currency.clone()}
                            error={err(Field::Currency)} hint={t(Msg::CurrencyHint)}
                            onchange={text(&form, Field::Currency)} />
                        <TextField id={field_id(Field::RetentionMonths)} label={t(Msg::Retention)} value={f.retention.clone()}
                            inputmode="numeric" hint={t(Msg::RetentionHint)} error={err(Field::RetentionMonths)}
                            oninput={text(&form, Field::RetentionMonths)} />
                        <SelectField id={field_id(Field::Locale)} label={t(Msg::StoreLanguage)} options={crate::components::language::options(t(Msg::StoreLanguageBrowser))}
                            value={f.locale.clone()} hint={t(Msg::StoreLanguageHint)}
                            onchange={text(&form, Field::Locale)} />
                    </div>
                }) }
                { section("pol-sec-currencies", Msg::CurrenciesTitle, html! { <>
                    <p class="hint">{ tf(Msg::CurrenciesHint, &[("currency", &f.currency)]) }</p>
                    { for accepted }
                    <button type="button" class="secondary" onclick={add_currency}>{ t(Msg::CurrencyAdd) }</button>
                </> }) }
                // The roles' problems that no one field holds lead here (`Field::Roles`).
                { section(&field_id(Field::Roles), Msg::RolesTitle, html! { <>
                    if let Some(m) = err(Field::Roles) { <p class="error">{ m }</p> }
                    <div class="role-cards">{ for roles }</div>
                    <button type="button" class="secondary" onclick={add_role}>{ t(Msg::AddRole) }</button>
                </> }) }
                { section("pol-sec-catalogue", Msg::CatalogueTitle, html! { <>
                    <p class="hint">{ t(Msg::CatalogueIntro) }</p>
                    <div class="entry-cards">{ for catalogue }</div>
                </> }) }
                { section("pol-sec-settings", Msg::SettingsTitle, html! { <>
                    <p class="hint">{ t(Msg::SettingsIntro) }</p>
                    <div class="row">
                        { pct(Field::Setting(S::Fair), t(Msg::Fair).into(), &s.fair) }
                        { pct(Field::Setting(S::Recommended), t(Msg::Recommended).into(), &s.recommended) }
                        { pct(Field::Setting(S::Generous), t(Msg::Generous).into(), &s.generous) }
                        { pct(Field::Setting(S::Ceiling), t(Msg::Ceiling).into(), &s.ceiling) }
                    </div>
                    <div class="row">
                        { pct(Field::Setting(S::KeepsItemFactor), t(Msg::KeepsItemFactor).into(), &s.keeps_item_factor) }
                        { pct(Field::Setting(S::NotResponsible), t(Msg::NotResponsible).into(), &s.not_responsible) }
                    </div>
                    <fieldset>
                        <legend>{ t(Msg::SeverityLegend) }</legend>
                        <div class="row">{ for severity }</div>
                    </fieldset>
                    <fieldset>
                        <legend>{ t(Msg::TierLegend) }</legend>
                        <div class="row">{ for tiers }</div>
                    </fieldset>
                    <Checkbox id={field_id(Field::Setting(S::RepeatRule))} label={t(Msg::RepeatRule)} checked={s.repeat_rule}
                        onchange={flag(&form, Field::Setting(S::RepeatRule))} />
                    <Checkbox id={field_id(Field::Setting(S::RoundUp))} label={t(Msg::RoundUp)} checked={s.round_up}
                        onchange={flag(&form, Field::Setting(S::RoundUp))} />
                    <div class="row">
                        <TextField id={field_id(Field::Setting(S::CustomerWindowDays))} label={t(Msg::WindowDays)} value={s.customer_window_days.clone()}
                            inputmode="numeric" error={err(Field::Setting(S::CustomerWindowDays))}
                            oninput={text(&form, Field::Setting(S::CustomerWindowDays))} />
                        <TextField id={field_id(Field::Setting(S::ShiftHours))} label={t(Msg::ShiftHours)} value={s.shift_hours.clone()}
                            inputmode="numeric" error={err(Field::Setting(S::ShiftHours))}
                            oninput={text(&form, Field::Setting(S::ShiftHours))} />
                        <SelectField id={field_id(Field::Setting(S::ManagerApologyFrom))} label={t(Msg::ApologyFrom)} options={apology_levels}
                            value={s.manager_apology_from.clone()} error={err(Field::Setting(S::ManagerApologyFrom))}
                            onchange={text(&form, Field::Setting(S::ManagerApologyFrom))} />
                        <TextField id={field_id(Field::Setting(S::Gesture))} label={t(Msg::Gesture)} value={s.gesture.clone()}
                            inputmode="decimal" hint={in_currency.clone()} error={err(Field::Setting(S::Gesture))}
                            oninput={text(&form, Field::Setting(S::Gesture))} />
                    </div>
                </> }) }

                { summary }
                // Sticky at the bottom of the screen: Save and whether anything is unsaved stay
                // in reach anywhere in the long form.
                <div class={classes!("actions", "save-bar", unsaved.then_some("dirty"))}>
                    <button type="submit" disabled={*busy}>{ if *busy { t(Msg::Saving) } else { t(Msg::SavePolicy) } }</button>
                    <span class="hint" role="status">{ if unsaved { t(Msg::Unsaved) } else { t(Msg::NoUnsaved) } }</span>
                </div>
                if let Some((ok, m)) = &*status {
                    <p class={if *ok { "notice" } else { "error" }} role="status">{ m.clone() }</p>
                }
            </form>
        </section>
    }
}

/// One role's card: name, the three limits, whether it approves, what it may give.
fn role_card(
    form: &Form,
    i: usize,
    r: &RoleForm,
    err: &dyn Fn(Field) -> Option<AttrValue>,
    in_currency: &str,
    removable: bool,
) -> Html {
    let path = |x| Field::Role(at(i), x);
    let title = if r.name.trim().is_empty() {
        tf(Msg::RoleN, &[("n", &crate::services::intl::count(i + 1))])
    } else {
        r.name.trim().to_string()
    };
    let money = |field: R, label: Msg, value: &String| {
        let p = path(field);
        html! {
            <TextField id={field_id(p)} label={t(label)} value={value.clone()} inputmode="decimal"
                hint={in_currency.to_string()} error={err(p)} oninput={text(form, p)} />
        }
    };
    let allowed = RemedyKind::ALL.iter().map(|k| {
        let k = *k;
        html! {
            <Checkbox id={format!("{}-{}", field_id(path(R::Allowed)), k.slug())} label={i18n::remedy(k)}
                checked={r.allowed.contains(&k)}
                onchange={on(form, move |v| Edit::Allowed(at(i), k, v))} />
        }
    });
    let remove = on(form, move |_: MouseEvent| Edit::RemoveRole(at(i)));
    html! {
        <fieldset class="role-card">
            <legend>{ title.clone() }</legend>
            <TextField id={field_id(path(R::Name))} label={t(Msg::RoleName)} value={r.name.clone()} error={err(path(R::Name))}
                oninput={text(form, path(R::Name))} />
            <div class="row">
                { money(R::PerIncident, Msg::PerIncident, &r.per_incident) }
                { money(R::PerShift, Msg::PerShift, &r.per_shift) }
                { money(R::PerCustomer, Msg::PerCustomer, &r.per_customer) }
            </div>
            <Checkbox id={field_id(path(R::Approves))} label={t(Msg::Approves)} checked={r.approves}
                onchange={flag(form, path(R::Approves))} />
            <fieldset class="allowed" id={field_id(path(R::Allowed))} tabindex="-1">
                <legend>{ tf(Msg::AllowedFor, &[("role", &title)]) }</legend>
                <div class="check-grid">{ for allowed }</div>
                if let Some(m) = err(path(R::Allowed)) { <p class="error">{ m }</p> }
            </fieldset>
            if removable {
                <button type="button" class="secondary" onclick={remove}>{ tf(Msg::RemoveRole, &[("role", &title)]) }</button>
            }
        </fieldset>
    }
}
