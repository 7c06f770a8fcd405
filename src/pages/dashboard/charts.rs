//! The dashboard's charts: weekly trend, what to fix first, remedy effectiveness, where, repeats.
//!
//! Each is built from the one [`Summary`] of the filtered slice; nothing here walks the log.

use std::rc::Rc;

use amends_domain::analytics::{Summary, Week};
use amends_domain::{Bp, Money};
use yew::prelude::*;

use super::format::{count, nps, pct, whole_pct, with_n};
use crate::components::chart::scale::nice_ticks;
use crate::components::chart::{BarList, BarRow, ChartFigure, Column, ColumnChart, DataTable};
use crate::i18n::dashboard::{list, t, tf, Msg};
use crate::i18n::{category, channel, remedy, touchpoint};
use crate::services::intl::{date, fmt};

const WEEK_MS: i64 = 7 * 24 * 3_600_000;
/// Longer spans are drawn as they are (weeks without recoveries left out) rather than
/// as thousands of empty columns.
const MAX_FILLED_WEEKS: i64 = 520;

/// The weeks from the first to the last, with the weeks that had no recovery as zeros,
/// so that the time axis is even.
pub fn fill_weeks(weeks: &[Week]) -> Vec<Week> {
    let (Some(first), Some(last)) = (weeks.first(), weeks.last()) else {
        return Vec::new();
    };
    let span = (last.start_ms - first.start_ms) / WEEK_MS;
    if span > MAX_FILLED_WEEKS {
        return weeks.to_vec();
    }
    let zero = Money::new(0, first.cost.currency);
    let mut out = Vec::with_capacity(span as usize + 1);
    let mut given = weeks.iter().peekable();
    for i in 0..=span {
        let start_ms = first.start_ms + i * WEEK_MS;
        match given.peek() {
            Some(w) if w.start_ms == start_ms => {
                out.push(**w);
                given.next();
            }
            _ => out.push(Week {
                start_ms,
                count: 0,
                cost: zero,
            }),
        }
    }
    out
}

fn text(s: impl Into<AttrValue>) -> AttrValue {
    s.into()
}

fn count_ticks(max: u64) -> Vec<(i64, AttrValue)> {
    nice_ticks(i64::try_from(max).unwrap_or(i64::MAX), 4)
        .into_iter()
        .map(|v| (v, text(count(v as u64))))
        .collect()
}

fn money_ticks(max: Money) -> Vec<(i64, AttrValue)> {
    nice_ticks(max.minor, 4)
        .into_iter()
        .map(|v| (v, text(fmt(Money::new(v, max.currency)))))
        .collect()
}

fn count_and_cost(n: u64, cost: Money) -> AttrValue {
    text(tf(
        Msg::CountAndCost,
        &[("count", &count(n)), ("cost", &fmt(cost))],
    ))
}

#[derive(Properties, PartialEq)]
pub struct ChartsProps {
    pub summary: Rc<Summary>,
    /// Whether the data tables start shown (each chart's toggle still works).
    #[prop_or_default]
    pub tables_open: bool,
}

/// All the charts, in sections with level-2 headings.
#[function_component(Charts)]
pub fn charts(props: &ChartsProps) -> Html {
    let s = &*props.summary;
    let open = props.tables_open;
    let empty = (s.count == 0).then(|| text(t(Msg::NoData)));
    // Sections with two charts span the whole width; the others sit side by side when
    // there is room (see the styles).
    let section = |id: &'static str, title: Msg, body: Html| {
        let wide = matches!(
            title,
            Msg::SectionRemedies | Msg::SectionWhere | Msg::SectionFix
        );
        html! {
            <section class={classes!("chart-section", wide.then_some("wide"))} aria-labelledby={id}>
                <h2 id={id}>{ t(title) }</h2>
                <div class="chart-grid">{ body }</div>
            </section>
        }
    };
    html! {
        <div class="chart-sections">
            { section("charts-time", Msg::SectionTime, weekly(s, &empty, open)) }
            { section("charts-fix", Msg::SectionFix, html! { <>{ pareto(s, &empty, open) }{ by_root_cause(s, &empty, open) }</> }) }
            { section("charts-remedies", Msg::SectionRemedies, remedies(s, &empty, open)) }
            { section("charts-where", Msg::SectionWhere, html! { <>{ by_channel(s, &empty, open) }{ by_touchpoint(s, &empty, open) }</> }) }
            { section("charts-repeat", Msg::SectionRepeat, repeats(s, &empty, open)) }
        </div>
    }
}

fn weekly(s: &Summary, empty: &Option<AttrValue>, open: bool) -> Html {
    let weeks = fill_weeks(&s.weekly);
    let cur = s.total_cost.currency;
    let max_count = weeks.iter().map(|w| w.count).max().unwrap_or(0);
    let max_cost = weeks.iter().map(|w| w.cost.minor).max().unwrap_or(0);
    let busiest = weeks.iter().rev().max_by_key(|w| w.count);
    let costliest = weeks.iter().rev().max_by_key(|w| w.cost.minor);
    let label = match (weeks.first(), weeks.last(), busiest, costliest) {
        (Some(first), Some(last), Some(b), Some(c)) => tf(
            Msg::WeeklySummary,
            &[
                ("weeks", &count(weeks.len() as u64)),
                ("from", &date(first.start_ms)),
                ("to", &date(last.start_ms)),
                ("busiest", &date(b.start_ms)),
                ("count", &count(b.count)),
                ("costliest", &date(c.start_ms)),
                ("cost", &fmt(c.cost)),
            ],
        ),
        _ => String::new(),
    };
    let table = DataTable {
        caption: text(t(Msg::WeeklyTitle)),
        head: vec![
            text(t(Msg::ColWeek)),
            text(t(Msg::ColRecoveries)),
            text(t(Msg::ColCost)),
        ],
        rows: weeks
            .iter()
            .map(|w| {
                vec![
                    text(date(w.start_ms)),
                    text(count(w.count)),
                    text(fmt(w.cost)),
                ]
            })
            .collect(),
    };
    let columns = weeks
        .iter()
        .map(|w| Column {
            label: text(date(w.start_ms)),
            value: i64::try_from(w.count).unwrap_or(i64::MAX),
        })
        .collect::<Vec<_>>();
    html! {
        <ChartFigure open={open} id="chart-weekly" title={t(Msg::WeeklyTitle)} empty={empty.clone()} {table}
            legend={vec![("bar", text(t(Msg::WeeklyLegendCount))), ("line", text(t(Msg::WeeklyLegendCost)))]}>
            <ColumnChart label={label} {columns} ticks={count_ticks(max_count)}
                line={weeks.iter().map(|w| w.cost.minor).collect::<Vec<_>>()}
                line_ticks={money_ticks(Money::new(max_cost, cur))} max_labels={4} />
        </ChartFigure>
    }
}

fn pareto(s: &Summary, empty: &Option<AttrValue>, open: bool) -> Html {
    let rows = &s.pareto;
    let max_cost = rows.first().map_or(0, |r| r.cost.minor);
    let label = rows.first().map(|first| {
        let mut sentence = tf(
            Msg::ParetoSummary,
            &[
                ("first", category(first.category)),
                ("cost", &fmt(first.cost)),
                ("share", &whole_pct(first.cumulative)),
            ],
        );
        // How many categories make up four fifths of the cost (the Pareto rule).
        let k = rows
            .iter()
            .position(|r| r.cumulative >= Bp(8000))
            .map_or(rows.len(), |i| i + 1);
        if k >= 2 {
            sentence.push(' ');
            sentence.push_str(&tf(
                Msg::ParetoTop,
                &[
                    ("k", &count(k)),
                    ("cumulative", &whole_pct(rows[k - 1].cumulative)),
                ],
            ));
        }
        sentence
    });
    let table = DataTable {
        caption: text(t(Msg::ParetoTitle)),
        head: vec![
            text(t(Msg::ColCategory)),
            text(t(Msg::ColRecoveries)),
            text(t(Msg::ColCost)),
            text(t(Msg::ColCumulative)),
        ],
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    text(category(r.category)),
                    text(count(r.count)),
                    text(fmt(r.cost)),
                    text(whole_pct(r.cumulative)),
                ]
            })
            .collect(),
    };
    let columns = rows
        .iter()
        .map(|r| Column {
            label: text(category(r.category)),
            value: r.cost.minor,
        })
        .collect::<Vec<_>>();
    let line_ticks = [0, 2500, 5000, 7500, 10_000]
        .into_iter()
        .map(|bp| (i64::from(bp), text(whole_pct(Bp(bp)))))
        .collect::<Vec<_>>();
    html! {
        <ChartFigure open={open} id="chart-pareto" title={t(Msg::ParetoTitle)} note={text(t(Msg::ParetoNote))}
            empty={empty.clone()} {table}
            legend={vec![("bar", text(t(Msg::ParetoLegendCost))), ("line", text(t(Msg::ParetoLegendCumulative)))]}>
            <ColumnChart label={label.unwrap_or_default()} {columns}
                ticks={money_ticks(Money::new(max_cost, s.total_cost.currency))}
                line={rows.iter().map(|r| i64::from(r.cumulative.0)).collect::<Vec<_>>()}
                {line_ticks} max_labels={20} slanted={true} />
        </ChartFigure>
    }
}

fn remedies(s: &Summary, empty: &Option<AttrValue>, open: bool) -> Html {
    let kinds = &s.by_kind;
    let answered = kinds.iter().any(|k| k.scores.responses > 0);
    let empty = empty
        .clone()
        .or_else(|| (!answered).then(|| text(t(Msg::NotEnoughData))));
    // Every rate with its n; "too few to judge" under five answers.
    let rate = |v: Option<String>, n: u64| {
        v.map_or_else(|| t(Msg::NoAnswers).to_string(), |v| with_n(v, n))
    };
    let table = |title: Msg| DataTable {
        caption: text(t(title)),
        head: [
            Msg::ColRemedy,
            Msg::ColUsed,
            Msg::ColCost,
            Msg::ColAnswers,
            Msg::ColCsat,
            Msg::ColNps,
            Msg::ColCes,
        ]
        .into_iter()
        .map(|m| text(t(m)))
        .collect(),
        rows: kinds
            .iter()
            .map(|k| {
                vec![
                    text(remedy(k.kind)),
                    text(count(k.count)),
                    text(fmt(k.cost)),
                    text(count(k.scores.responses)),
                    text(rate(k.scores.csat.map(pct), k.scores.csat_n)),
                    text(rate(k.scores.nps.map(nps), k.scores.nps_n)),
                    text(rate(k.scores.ces.map(super::format::ces), k.scores.ces_n)),
                ]
            })
            .collect(),
    };
    let csat_rows = kinds
        .iter()
        .map(|k| BarRow {
            label: text(remedy(k.kind)),
            value: k.scores.csat.map(|r| i64::from(r.percent_bp().0)),
            text: text(rate(k.scores.csat.map(pct), k.scores.csat_n)),
        })
        .collect::<Vec<_>>();
    let nps_rows = kinds
        .iter()
        .map(|k| BarRow {
            label: text(remedy(k.kind)),
            value: k.scores.nps.map(|r| r.scaled(100)),
            text: text(rate(k.scores.nps.map(nps), k.scores.nps_n)),
        })
        .collect::<Vec<_>>();
    let summary = |m: Msg, rows: &[BarRow]| {
        tf(
            m,
            &[(
                "list",
                &list(
                    rows.iter()
                        .map(|r| (r.label.to_string(), r.text.to_string())),
                ),
            )],
        )
    };
    html! {
        <>
            <ChartFigure open={open} id="chart-csat" title={t(Msg::CsatTitle)} note={text(t(Msg::RemedyNote))}
                empty={empty.clone()} table={table(Msg::CsatTitle)}>
                <BarList label={summary(Msg::CsatSummary, &csat_rows)} rows={csat_rows} hi={10_000} />
            </ChartFigure>
            <ChartFigure open={open} id="chart-nps" title={t(Msg::NpsTitle)} empty={empty} table={table(Msg::NpsTitle)}>
                <BarList label={summary(Msg::NpsSummary, &nps_rows)} rows={nps_rows} lo={-100} hi={100} />
            </ChartFigure>
        </>
    }
}

/// Count-and-cost bars over every value of a dimension (channels, touchpoints).
fn dimension(
    id: &'static str,
    (title, summary, column): (Msg, Msg, Msg),
    note: Option<AttrValue>,
    slices: Vec<(AttrValue, u64, Money)>,
    empty: &Option<AttrValue>,
    open: bool,
) -> Html {
    let hi = slices.iter().map(|(_, n, _)| *n).max().unwrap_or(0);
    let rows = slices
        .iter()
        .map(|(name, n, cost)| BarRow {
            label: name.clone(),
            value: Some(i64::try_from(*n).unwrap_or(i64::MAX)),
            text: count_and_cost(*n, *cost),
        })
        .collect::<Vec<_>>();
    let label = tf(
        summary,
        &[(
            "list",
            &list(
                slices
                    .iter()
                    .map(|(name, n, _)| (name.to_string(), count(*n))),
            ),
        )],
    );
    let table = DataTable {
        caption: text(t(title)),
        head: vec![
            text(t(column)),
            text(t(Msg::ColRecoveries)),
            text(t(Msg::ColCost)),
        ],
        rows: slices
            .iter()
            .map(|(name, n, cost)| vec![name.clone(), text(count(*n)), text(fmt(*cost))])
            .collect(),
    };
    html! {
        <ChartFigure open={open} {id} title={t(title)} {note} empty={empty.clone()} {table}>
            <BarList {label} {rows} hi={i64::try_from(hi).unwrap_or(i64::MAX)} />
        </ChartFigure>
    }
}

fn by_channel(s: &Summary, empty: &Option<AttrValue>, open: bool) -> Html {
    let slices = s
        .by_channel
        .iter()
        .map(|(c, sl)| (text(channel(*c)), sl.count, sl.cost))
        .collect();
    dimension(
        "chart-channel",
        (Msg::ChannelTitle, Msg::ChannelSummary, Msg::ColChannel),
        None,
        slices,
        empty,
        open,
    )
}

fn by_touchpoint(s: &Summary, empty: &Option<AttrValue>, open: bool) -> Html {
    let slices = s
        .by_touchpoint
        .iter()
        .map(|(tp, sl)| (text(touchpoint(*tp)), sl.count, sl.cost))
        .collect();
    dimension(
        "chart-touchpoint",
        (
            Msg::TouchpointTitle,
            Msg::TouchpointSummary,
            Msg::ColTouchpoint,
        ),
        None,
        slices,
        empty,
        open,
    )
}

/// A root cause in words: the tag's name, "Not known yet" for none, or the tag itself when
/// it is not one of ours (an imported record).
fn cause(c: Option<&str>) -> AttrValue {
    use crate::pages::new_recovery::confirm::ROOT_CAUSES;
    match c {
        None => text(crate::i18n::t(crate::i18n::M::CauseUnknown)),
        Some(slug) => ROOT_CAUSES
            .iter()
            .find(|(s, _)| *s == slug)
            .map_or_else(|| text(slug.to_string()), |(_, m)| text(crate::i18n::t(*m))),
    }
}

fn by_root_cause(s: &Summary, empty: &Option<AttrValue>, open: bool) -> Html {
    let slices = s
        .by_root_cause
        .iter()
        .map(|(c, sl)| (cause(c.as_deref()), sl.count, sl.cost))
        .collect();
    dimension(
        "chart-causes",
        (Msg::CauseTitle, Msg::CauseSummary, Msg::ColCause),
        Some(text(t(Msg::CauseNote))),
        slices,
        empty,
        open,
    )
}

fn repeats(s: &Summary, empty: &Option<AttrValue>, open: bool) -> Html {
    let repeat = s.repeat_recoveries.min(s.count);
    let other = s.count - repeat;
    let rows = vec![
        BarRow {
            label: text(t(Msg::RepeatRecoveries)),
            value: Some(i64::try_from(repeat).unwrap_or(i64::MAX)),
            text: text(count(repeat)),
        },
        BarRow {
            label: text(t(Msg::OtherRecoveries)),
            value: Some(i64::try_from(other).unwrap_or(i64::MAX)),
            text: text(count(other)),
        },
    ];
    let label = tf(
        Msg::RepeatSummary,
        &[
            ("customers", &count(s.repeat_customers)),
            ("recoveries", &count(repeat)),
            ("total", &count(s.count)),
        ],
    );
    let table = DataTable {
        caption: text(t(Msg::RepeatTitle)),
        head: vec![text(t(Msg::ColWhat)), text(t(Msg::ColCount))],
        rows: vec![
            vec![
                text(t(Msg::RepeatCustomers)),
                text(count(s.repeat_customers)),
            ],
            vec![text(t(Msg::RepeatRecoveries)), text(count(repeat))],
            vec![text(t(Msg::OtherRecoveries)), text(count(other))],
        ],
    };
    html! {
        <ChartFigure open={open} id="chart-repeat" title={t(Msg::RepeatTitle)} note={text(t(Msg::RepeatNote))}
            empty={empty.clone()} {table}>
            <BarList {label} {rows} hi={i64::try_from(s.count).unwrap_or(i64::MAX)} />
        </ChartFigure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use amends_domain::Currency;

    fn week(i: i64, n: u64) -> Week {
        Week {
            start_ms: 4 * 86_400_000 + i * WEEK_MS,
            count: n,
            cost: Money::new(n as i64 * 100, Currency::USD),
        }
    }

    #[test]
    fn weeks_without_recoveries_are_filled_with_zeros() {
        assert!(fill_weeks(&[]).is_empty());
        let filled = fill_weeks(&[week(10, 2), week(13, 1), week(14, 5)]);
        assert_eq!(
            filled.iter().map(|w| w.count).collect::<Vec<_>>(),
            vec![2, 0, 0, 1, 5]
        );
        assert!(filled
            .windows(2)
            .all(|w| w[1].start_ms - w[0].start_ms == WEEK_MS));
        assert_eq!(filled[1].cost, Money::new(0, Currency::USD));
    }

    #[test]
    fn very_long_spans_are_not_filled() {
        let sparse = [week(0, 1), week(2000, 1)];
        assert_eq!(fill_weeks(&sparse).len(), 2);
    }
}
