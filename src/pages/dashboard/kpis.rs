//! The key figures of a slice of the log as tiles, with "Not enough data" where that is the truth.

use std::rc::Rc;

use amends_domain::analytics::Summary;
use yew::prelude::*;

use super::format::{ces, count, duration, nps, pct};
use crate::i18n::dashboard::{t, tf, Msg};
use crate::services::intl::fmt;

#[derive(Properties, PartialEq)]
pub struct KpisProps {
    pub summary: Rc<Summary>,
}

/// One tile: name, value (none: not enough data), what it means, and how many answered.
struct Tile {
    name: Msg,
    value: Option<String>,
    hint: Option<Msg>,
    answers: Option<u64>,
}

fn tiles(s: &Summary) -> Vec<Tile> {
    let tile = |name, value, hint| Tile {
        name,
        value,
        hint,
        answers: None,
    };
    let answers = Some(s.scores.responses);
    vec![
        tile(Msg::KpiRecoveries, Some(count(s.count)), None),
        tile(Msg::KpiTotalCost, Some(fmt(s.total_cost)), None),
        tile(Msg::KpiMeanCost, s.mean_cost.map(fmt), None),
        tile(
            Msg::KpiEscalation,
            s.escalation_rate.map(pct),
            Some(Msg::KpiEscalationHint),
        ),
        tile(Msg::KpiFcr, s.fcr.map(pct), Some(Msg::KpiFcrHint)),
        tile(
            Msg::KpiResolve,
            s.mean_resolve_ms.map(duration),
            Some(Msg::KpiResolveHint),
        ),
        Tile {
            answers,
            ..tile(Msg::KpiCsat, s.scores.csat.map(pct), Some(Msg::KpiCsatHint))
        },
        Tile {
            answers,
            ..tile(Msg::KpiNps, s.scores.nps.map(nps), Some(Msg::KpiNpsHint))
        },
        Tile {
            answers,
            ..tile(Msg::KpiCes, s.scores.ces.map(ces), Some(Msg::KpiCesHint))
        },
        tile(
            Msg::KpiRetention,
            s.retention.map(pct),
            Some(Msg::KpiRetentionHint),
        ),
    ]
}

/// Ten tiles in a description list: each name is a `<dt>`, its value and notes `<dd>`s.
#[function_component(Kpis)]
pub fn kpis(props: &KpisProps) -> Html {
    html! {
        <section class="kpi-section" aria-labelledby="kpi-title">
            <h2 id="kpi-title">{ t(Msg::KpiTitle) }</h2>
            <dl class="kpis">
                { for tiles(&props.summary).into_iter().map(|tile| html! {
                    <div class={classes!("kpi", tile.value.is_none().then_some("no-data"))}>
                        <dt>{ t(tile.name) }</dt>
                        <dd class="kpi-value">{ tile.value.unwrap_or_else(|| t(Msg::NotEnoughData).into()) }</dd>
                        if let Some(hint) = tile.hint { <dd class="kpi-hint">{ t(hint) }</dd> }
                        if let Some(n) = tile.answers {
                            <dd class="kpi-hint">{ tf(Msg::Answers, &[("n", &count(n))]) }</dd>
                        }
                    </div>
                }) }
            </dl>
        </section>
    }
}
