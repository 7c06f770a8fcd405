//! The key figures of a slice of the log as tiles, with "Not enough data" where that is the truth.

use std::rc::Rc;

use amends_domain::analytics::Summary;
use yew::prelude::*;

use super::format::{ces, count, duration, nps, pct};
use crate::i18n::dashboard::{t, tp, Msg};
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

/// Ten tiles, each a group named by its figure's name ("CSAT"), so it can be found and
/// read as one: name, value, what it means.
#[function_component(Kpis)]
pub fn kpis(props: &KpisProps) -> Html {
    html! {
        <section class="kpi-section" aria-labelledby="kpi-title">
            <h2 id="kpi-title">{ t(Msg::KpiTitle) }</h2>
            <div class="kpis">
                { for tiles(&props.summary).into_iter().enumerate().map(|(i, tile)| {
                    let id = format!("kpi-{i}");
                    html! {
                        <div class={classes!("kpi", tile.value.is_none().then_some("no-data"))} role="group" aria-labelledby={id.clone()}>
                            <p class="kpi-name" {id}>{ t(tile.name) }</p>
                            <p class="kpi-value">{ tile.value.unwrap_or_else(|| t(Msg::NotEnoughData).into()) }</p>
                            if let Some(hint) = tile.hint { <p class="kpi-hint">{ t(hint) }</p> }
                            if let Some(n) = tile.answers {
                                <p class="kpi-hint">{ tp(Msg::Answers, n, &[("n", &count(n))]) }</p>
                            }
                        </div>
                    }
                }) }
            </div>
        </section>
    }
}
