//! Recording what the customer said at follow-up: CSAT, NPS, CES, resolved, retained, a note.

use amends_domain::record::{Outcome, OutcomeError};
use amends_domain::RecoveryRecord;
use yew::prelude::*;

use crate::components::field::{SelectField, TextArea};
use crate::hooks::app_state::use_app;
use crate::i18n::dashboard::{t, Msg};
use crate::services::clock::now_ms;

/// The form as typed: scores as their digits, yes/no as "yes"/"no"; empty is "not asked".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OutcomeInput {
    pub csat: String,
    pub nps: String,
    pub ces: String,
    pub resolved: String,
    pub retained: String,
    pub note: String,
}

impl OutcomeInput {
    /// The outcome, validated by the domain; the error names the score that is wrong.
    pub fn to_outcome(&self, now_ms: i64) -> Result<Outcome, Msg> {
        fn score(s: &str, err: Msg) -> Result<Option<u8>, Msg> {
            if s.is_empty() {
                Ok(None)
            } else {
                s.parse().map(Some).map_err(|_| err)
            }
        }
        fn yes_no(s: &str) -> Option<bool> {
            match s {
                "yes" => Some(true),
                "no" => Some(false),
                _ => None,
            }
        }
        let outcome = Outcome {
            recorded_ms: now_ms,
            csat: score(&self.csat, Msg::ErrCsat)?,
            nps: score(&self.nps, Msg::ErrNps)?,
            ces: score(&self.ces, Msg::ErrCes)?,
            resolved: yes_no(&self.resolved),
            retained: yes_no(&self.retained),
            note: self.note.trim().to_owned(),
        };
        outcome.validate().map_err(|e| match e {
            OutcomeError::Csat => Msg::ErrCsat,
            OutcomeError::Nps => Msg::ErrNps,
            OutcomeError::Ces => Msg::ErrCes,
        })?;
        Ok(outcome)
    }
}

type Options = Vec<(AttrValue, AttrValue)>;

fn not_asked() -> (AttrValue, AttrValue) {
    ("".into(), t(Msg::NotAsked).into())
}

/// "Not asked", then `lo..=hi`, with words on the values that have them.
fn scale(lo: u8, hi: u8, words: &[(u8, Msg)]) -> Options {
    std::iter::once(not_asked())
        .chain((lo..=hi).map(|v| {
            let label = words.iter().find(|(w, _)| *w == v).map_or_else(
                || crate::services::intl::count(v),
                |(_, m)| t(*m).to_owned(),
            );
            (v.to_string().into(), label.into())
        }))
        .collect()
}

fn yes_no() -> Options {
    vec![
        not_asked(),
        ("yes".into(), t(Msg::Yes).into()),
        ("no".into(), t(Msg::No).into()),
    ]
}

#[derive(Properties, PartialEq)]
pub struct OutcomeFormProps {
    pub record: RecoveryRecord,
    /// Called once the outcome is durably stored.
    pub on_saved: Callback<RecoveryRecord>,
}

/// Every answer is optional ("Not asked"); saving writes the record in one transaction and
/// reports success only after the write completed.
#[function_component(OutcomeForm)]
pub fn outcome_form(props: &OutcomeFormProps) -> Html {
    let app = use_app();
    let input = use_state(OutcomeInput::default);
    let error = use_state(|| None::<Msg>);
    let failure = use_state(|| None::<String>);
    let saving = use_state(|| false);
    let id = format!("outcome-{}", props.record.id);

    let edit = |f: fn(&mut OutcomeInput, String)| {
        let input = input.clone();
        Callback::from(move |v: String| {
            let mut next = (*input).clone();
            f(&mut next, v);
            input.set(next);
        })
    };
    let onsubmit = {
        let (input, error, failure, saving) = (
            input.clone(),
            error.clone(),
            failure.clone(),
            saving.clone(),
        );
        let record = props.record.clone();
        let on_saved = props.on_saved.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *saving {
                return;
            }
            let outcome = match input.to_outcome(now_ms()) {
                Ok(o) => o,
                Err(m) => return error.set(Some(m)),
            };
            error.set(None);
            failure.set(None);
            saving.set(true);
            let mut updated = record.clone();
            updated.outcome = Some(outcome);
            let (app, failure, saving, on_saved) = (
                app.clone(),
                failure.clone(),
                saving.clone(),
                on_saved.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match app.put_records(vec![updated.clone()]).await {
                    Ok(()) => on_saved.emit(updated),
                    Err(e) => {
                        saving.set(false);
                        failure.set(Some(crate::i18n::storage_error(&e)));
                    }
                }
            });
        })
    };
    let err = |m: Msg| (*error == Some(m)).then(|| AttrValue::from(t(m)));
    html! {
        <form class="outcome-form" {onsubmit} aria-labelledby={format!("{id}-title")}>
            <h4 id={format!("{id}-title")}>{ t(Msg::OutcomeTitle) }</h4>
            <div class="row">
                <SelectField id={format!("{id}-csat")} label={t(Msg::CsatQuestion)}
                    options={scale(1, 5, &[(1, Msg::Csat1), (2, Msg::Csat2), (3, Msg::Csat3), (4, Msg::Csat4), (5, Msg::Csat5)])}
                    value={input.csat.clone()} onchange={edit(|f, v| f.csat = v)} error={err(Msg::ErrCsat)} />
                <SelectField id={format!("{id}-nps")} label={t(Msg::NpsQuestion)}
                    options={scale(0, 10, &[(0, Msg::Nps0), (10, Msg::Nps10)])}
                    value={input.nps.clone()} onchange={edit(|f, v| f.nps = v)} error={err(Msg::ErrNps)} />
                <SelectField id={format!("{id}-ces")} label={t(Msg::CesQuestion)}
                    options={scale(1, 7, &[(1, Msg::Ces1), (7, Msg::Ces7)])}
                    value={input.ces.clone()} onchange={edit(|f, v| f.ces = v)} error={err(Msg::ErrCes)} />
            </div>
            <div class="row">
                <SelectField id={format!("{id}-resolved")} label={t(Msg::ResolvedQuestion)} options={yes_no()}
                    value={input.resolved.clone()} onchange={edit(|f, v| f.resolved = v)} />
                <SelectField id={format!("{id}-retained")} label={t(Msg::RetainedQuestion)} options={yes_no()}
                    value={input.retained.clone()} onchange={edit(|f, v| f.retained = v)} />
            </div>
            <TextArea id={format!("{id}-note")} label={t(Msg::OutcomeNote)} value={input.note.clone()}
                oninput={edit(|f, v| f.note = v)} />
            if let Some(why) = &*failure {
                <p class="error" role="alert">{ why.clone() }</p>
            }
            <div class="actions">
                <button type="submit" disabled={*saving}>
                    { if *saving { t(Msg::Saving) } else { t(Msg::SaveOutcome) } }
                </button>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_asked_is_none_and_answers_are_kept() {
        let o = OutcomeInput::default().to_outcome(5).unwrap();
        assert_eq!(
            (o.csat, o.nps, o.ces, o.resolved, o.retained),
            (None, None, None, None, None)
        );
        assert_eq!(o.recorded_ms, 5);
        let o = OutcomeInput {
            csat: "5".into(),
            nps: "0".into(),
            ces: "7".into(),
            resolved: "yes".into(),
            retained: "no".into(),
            note: "  called back, happy  ".into(),
        }
        .to_outcome(9)
        .unwrap();
        assert_eq!(
            (o.csat, o.nps, o.ces, o.resolved, o.retained),
            (Some(5), Some(0), Some(7), Some(true), Some(false))
        );
        assert_eq!(o.note, "called back, happy");
    }

    #[test]
    fn out_of_range_scores_name_the_field() {
        let bad = |f: fn(&mut OutcomeInput)| {
            let mut i = OutcomeInput::default();
            f(&mut i);
            i.to_outcome(0).unwrap_err()
        };
        assert_eq!(bad(|i| i.csat = "6".into()), Msg::ErrCsat);
        assert_eq!(bad(|i| i.csat = "x".into()), Msg::ErrCsat);
        assert_eq!(bad(|i| i.nps = "11".into()), Msg::ErrNps);
        assert_eq!(bad(|i| i.ces = "0".into()), Msg::ErrCes);
    }

    #[test]
    fn every_scale_offers_not_asked_first() {
        let csat = scale(1, 5, &[(1, Msg::Csat1)]);
        assert_eq!(csat.len(), 6);
        assert_eq!(csat[0], ("".into(), "Not asked".into()));
        assert_eq!(csat[1].1, "1 · Very dissatisfied");
        assert_eq!(csat[2], ("2".into(), "2".into()));
        assert_eq!(scale(0, 10, &[]).len(), 12);
    }
}
