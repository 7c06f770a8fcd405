//! One follow-up in the queue: when, how, a message ready to send, and the outcome form.

use amends_domain::RecoveryRecord;
use yew::prelude::*;

use super::due::Due;
use super::outcome::OutcomeForm;
use crate::components::copy_button::CopyButton;
use crate::i18n::dashboard::{t, tf, tp, Msg};
use crate::i18n::{category, category_phrase, channel};
use crate::services::intl::date;

/// "Overdue by 3 days", "Due today", "Due in 2 days".
pub fn due_words(d: Due) -> String {
    match d {
        Due::Overdue(1) => t(Msg::OverdueOneDay).into(),
        Due::Overdue(n) => tp(
            Msg::OverdueDays,
            n,
            &[("n", &crate::services::intl::count(n))],
        ),
        Due::Today => t(Msg::DueToday).into(),
        Due::Upcoming(1) => t(Msg::DueTomorrow).into(),
        Due::Upcoming(n) => tp(
            Msg::DueInDays,
            n,
            &[("n", &crate::services::intl::count(n))],
        ),
    }
}

/// The suggested follow-up message, signed by whoever follows up.
pub fn message(r: &RecoveryRecord, staff: &str) -> String {
    let when = date(r.opened_ms);
    let args = [
        ("what", category_phrase(r.incident.category)),
        ("date", when.as_str()),
        ("staff", staff),
    ];
    match &r.customer_name {
        Some(name) => {
            let mut with_name = args.to_vec();
            with_name.push(("name", name));
            tf(Msg::MessageNamed, &with_name)
        }
        None => tf(Msg::MessageUnnamed, &args),
    }
}

#[derive(Properties, PartialEq)]
pub struct ItemProps {
    pub record: RecoveryRecord,
    pub due: Due,
    /// Who signs the message: the person on this device, or who handled the recovery.
    pub staff: AttrValue,
    pub on_saved: Callback<RecoveryRecord>,
}

#[function_component(FollowUpItem)]
pub fn follow_up_item(props: &ItemProps) -> Html {
    let open = use_state(|| false);
    let r = &props.record;
    // Written in the language the customer was written to in, when it was not the staff's.
    let words =
        crate::hooks::locale::use_customer_words(r.customer_locale.as_deref().unwrap_or_default());
    let Some(f) = &r.follow_up else {
        return html! {};
    };
    let id = format!("fu-{}", r.id);
    let text = crate::i18n::catalogue::with(words.catalogue, || message(r, &props.staff));
    let lang = words.catalogue.locale.tag;
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    let overdue = matches!(props.due, Due::Overdue(_));
    html! {
        <li class="follow-up">
            <article aria-labelledby={format!("{id}-title")}>
                <h3 id={format!("{id}-title")}>{ format!("{} · {}", category(r.incident.category), date(r.opened_ms)) }</h3>
                <p class={classes!("due", overdue.then_some("overdue"))}>
                    <strong>{ due_words(props.due) }</strong>
                    { " · " }{ date(f.due_ms) }
                </p>
                <dl class="summary">
                    <dt>{ t(Msg::LabelChannel) }</dt><dd>{ channel(f.channel) }</dd>
                    if let Some(ticket) = &r.ticket {
                        <dt>{ t(Msg::LabelTicket) }</dt><dd>{ ticket.clone() }</dd>
                    }
                    if let Some(name) = &r.customer_name {
                        <dt>{ t(Msg::LabelCustomer) }</dt><dd>{ name.clone() }</dd>
                    }
                    if let Some(contact) = &r.contact {
                        <dt>{ t(Msg::LabelContact) }</dt><dd>{ contact.as_str().to_string() }</dd>
                    }
                    <dt>{ t(Msg::LabelPromised) }</dt><dd>{ crate::i18n::given(&r.remedies) }</dd>
                    <dt>{ t(Msg::LabelStaff) }</dt><dd>{ r.staff.clone() }</dd>
                </dl>
                if r.contact.is_none() {
                    <p class="notice">{ match &r.ticket {
                        Some(ticket) => tf(Msg::NoConsentTicket, &[("ticket", ticket)]),
                        None => t(Msg::NoConsent).to_string(),
                    } }</p>
                }
                <h4 id={format!("{id}-message")}>{ t(Msg::MessageTitle) }</h4>
                <p class="copy-text" {lang} aria-labelledby={format!("{id}-message")}>{ text.clone() }</p>
                <div class="actions compact">
                    <CopyButton text={text} label={t(Msg::CopyMessage)} />
                    <button type="button" class="secondary" aria-expanded={(*open).to_string()}
                        aria-controls={format!("{id}-form")} onclick={toggle}>
                        { t(Msg::RecordOutcome) }
                    </button>
                </div>
                <div id={format!("{id}-form")} hidden={!*open}>
                    if *open {
                        <OutcomeForm record={r.clone()} on_saved={props.on_saved.clone()} />
                    }
                </div>
            </article>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use amends_domain::testdata::generate;

    #[test]
    fn due_in_words() {
        assert_eq!(due_words(Due::Overdue(1)), "Overdue by 1 day");
        assert_eq!(due_words(Due::Overdue(12)), "Overdue by 12 days");
        assert_eq!(due_words(Due::Today), "Due today");
        assert_eq!(due_words(Due::Upcoming(1)), "Due tomorrow");
        assert_eq!(due_words(Due::Upcoming(4)), "Due in 4 days");
    }

    #[test]
    fn the_message_uses_the_name_when_kept() {
        let mut r = generate(1, 2).remove(0);
        r.customer_name = None;
        let plain = message(&r, "Sam");
        assert!(plain.starts_with("Hello, this is Sam."), "{plain}");
        assert!(plain.contains(category_phrase(r.incident.category)));
        assert!(!plain.contains('{'), "{plain}");
        r.customer_name = Some("Ana".into());
        assert!(message(&r, "Sam").starts_with("Hello Ana, this is Sam."));
    }
}
