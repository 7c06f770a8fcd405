//! The key figures of a slice of the log as tiles, with "Not enough data" where that is the truth.

use std::rc::Rc;

use amends_domain::analytics::{too_few, Summary, MIN_ANSWERS};
use yew::prelude::*;

use super::format::{answers, ces, count, duration, nps, pct, recoveries};
use crate::i18n::dashboard::{t, tf, Msg};
use crate::services::intl::fmt;

#[derive(Properties, PartialEq)]
pub struct KpisProps {
    pub summary: Rc<Summary>,
    /// Ids' prefix, for a second set of tiles on the page (the chain view's).
    #[cfg(feature = "chain")]
    #[prop_or(AttrValue::Static("kpi"))]
    pub prefix: AttrValue,
    /// The heading, when not the device's (two regions on one page need two names).
    #[cfg(feature = "chain")]
    #[prop_or_default]
    pub heading: Option<AttrValue>,
}

/// What a rate is over: answers to a question, or recoveries.
#[derive(Clone, Copy)]
enum Over {
    Answers(u64),
    Recoveries(u64),
}

impl Over {
    fn n(self) -> u64 {
        match self {
            Over::Answers(n) | Over::Recoveries(n) => n,
        }
    }

    /// "12 answers", "1 recovery".
    fn words(self) -> String {
        match self {
            Over::Answers(n) => answers(n),
            Over::Recoveries(n) => recoveries(n),
        }
    }
}

/// One tile: name, value (none: not enough data), what it means, and for a rate its n.
struct Tile {
    name: Msg,
    value: Option<String>,
    hint: Option<Msg>,
    over: Option<Over>,
}

fn tiles(s: &Summary) -> Vec<Tile> {
    let tile = |name, value, hint, over| Tile {
        name,
        value,
        hint,
        over,
    };
    let sc = &s.scores;
    let recoveries = Some(Over::Recoveries(s.count));
    vec![
        tile(Msg::KpiRecoveries, Some(count(s.count)), None, None),
        tile(Msg::KpiTotalCost, Some(fmt(s.total_cost)), None, None),
        tile(Msg::KpiMeanCost, s.mean_cost.map(fmt), None, None),
        tile(
            Msg::KpiEscalation,
            s.escalation_rate.map(pct),
            Some(Msg::KpiEscalationHint),
            recoveries,
        ),
        tile(
            Msg::KpiFcr,
            s.fcr.map(pct),
            Some(Msg::KpiFcrHint),
            recoveries,
        ),
        tile(
            Msg::KpiResolve,
            s.mean_resolve_ms.map(duration),
            Some(Msg::KpiResolveHint),
            None,
        ),
        tile(
            Msg::KpiCsat,
            sc.csat.map(pct),
            Some(Msg::KpiCsatHint),
            Some(Over::Answers(sc.csat_n)),
        ),
        tile(
            Msg::KpiNps,
            sc.nps.map(nps),
            Some(Msg::KpiNpsHint),
            Some(Over::Answers(sc.nps_n)),
        ),
        tile(
            Msg::KpiCes,
            sc.ces.map(ces),
            Some(Msg::KpiCesHint),
            Some(Over::Answers(sc.ces_n)),
        ),
        tile(
            Msg::KpiRetention,
            s.retention.map(pct),
            Some(Msg::KpiRetentionHint),
            Some(Over::Answers(s.retention_n)),
        ),
    ]
}

/// Ten tiles, each a group named by its figure's name ("CSAT"), so it can be found and
/// read as one: name, value, what it means.
#[function_component(Kpis)]
pub fn kpis(props: &KpisProps) -> Html {
    // The device build keeps its fixed ids (no formatting code for a prefix it never has).
    #[cfg(not(feature = "chain"))]
    let (title, tile_id) = (AttrValue::Static("kpi-title"), |i: usize| {
        format!("kpi-{i}")
    });
    #[cfg(feature = "chain")]
    let (title, tile_id) = (AttrValue::from(format!("{}-title", props.prefix)), {
        let p = props.prefix.clone();
        move |i: usize| format!("{p}-{i}")
    });
    #[cfg(not(feature = "chain"))]
    let heading = t(Msg::KpiTitle);
    #[cfg(feature = "chain")]
    let heading = props
        .heading
        .clone()
        .unwrap_or(AttrValue::Static(t(Msg::KpiTitle)));
    html! {
        <section class="kpi-section" aria-labelledby={title.clone()}>
            <h2 id={title}>{ heading }</h2>
            <div class="kpis">
                { for tiles(&props.summary).into_iter().enumerate().map(|(i, tile)| {
                    let id = tile_id(i);
                    html! {
                        <div class={classes!("kpi", tile.value.is_none().then_some("no-data"), tile.over.is_some_and(|o| too_few(o.n())).then_some("too-few"))} role="group" aria-labelledby={id.clone()}>
                            <p class="kpi-name" {id}>{ t(tile.name) }</p>
                            <p class="kpi-value">{ tile.value.unwrap_or_else(|| t(Msg::NotEnoughData).into()) }</p>
                            if let Some(hint) = tile.hint { <p class="kpi-hint">{ t(hint) }</p> }
                            if let Some(over) = tile.over {
                                <p class="kpi-hint">{ over.words() }</p>
                                if too_few(over.n()) {
                                    <p class="kpi-few">{ tf(Msg::TooFew, &[("min", &count(MIN_ANSWERS))]) }</p>
                                }
                            }
                        </div>
                    }
                }) }
            </div>
        </section>
    }
}
