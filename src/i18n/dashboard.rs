//! Catalogue entries of the dashboard and follow-up pages (part of the one catalogue in `crate::i18n`).
//!
//! Views of those pages ask `t(Msg::Id)` or `tf(Msg::Id, &[("key", value)])` from here;
//! amounts and dates come already formatted from `services::intl`.

messages! {
    "dashboard.", super::authority::Msg::END;
    /// Message ids of the dashboard and follow-up pages.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum Msg {
        // Navigation badge
        NavDue,
        NavDueBefore,
        NavDueAfter,
        // Dashboard: filters
        FiltersLabel,
        FilterFrom,
        FilterTo,
        FilterCategory,
        AllCategories,
        FilterChannel,
        AllChannels,
        FilterStaff,
        AllStaff,
        IncludePractice,
        IncludePracticeHint,
        Selection,
        OtherCurrency,
        // Dashboard: key figures
        KpiTitle,
        KpiRecoveries,
        KpiTotalCost,
        KpiMeanCost,
        KpiEscalation,
        KpiEscalationHint,
        KpiFcr,
        KpiFcrHint,
        KpiResolve,
        KpiResolveHint,
        KpiCsat,
        KpiCsatHint,
        KpiNps,
        KpiNpsHint,
        KpiCes,
        KpiCesHint,
        KpiRetention,
        KpiRetentionHint,
        Answers,
        NotEnoughData,
        DurationUnderMinute,
        DurationMinutes,
        DurationHours,
        DurationDays,
        // Dashboard: charts, in general
        ShowTable,
        NoData,
        ListSeparator,
        ListItem,
        CountAndCost,
        NoAnswers,
        // Over time
        SectionTime,
        WeeklyTitle,
        WeeklyLegendCount,
        WeeklyLegendCost,
        WeeklySummary,
        ColWeek,
        ColRecoveries,
        ColCost,
        // What to fix first
        SectionFix,
        ParetoTitle,
        ParetoNote,
        ParetoLegendCost,
        ParetoLegendCumulative,
        ParetoSummary,
        ParetoTop,
        ColCategory,
        ColCumulative,
        // Remedy effectiveness
        SectionRemedies,
        CsatTitle,
        CsatSummary,
        NpsTitle,
        NpsSummary,
        RemedyNote,
        ColRemedy,
        ColUsed,
        ColAnswers,
        ColCsat,
        ColNps,
        ColCes,
        // Where it goes wrong
        SectionWhere,
        ChannelTitle,
        ChannelSummary,
        TouchpointTitle,
        TouchpointSummary,
        ColChannel,
        ColTouchpoint,
        // Repeat failures
        SectionRepeat,
        RepeatTitle,
        RepeatNote,
        RepeatSummary,
        RepeatRecoveries,
        OtherRecoveries,
        RepeatCustomers,
        ColWhat,
        ColCount,
        // Follow-ups
        DueTitle,
        UpcomingTitle,
        ShowUpcoming,
        NoneDue,
        Showing,
        ShowMore,
        DueToday,
        DueTomorrow,
        DueInDays,
        OverdueOneDay,
        OverdueDays,
        LabelDue,
        LabelOpened,
        LabelChannel,
        LabelTicket,
        LabelCustomer,
        LabelContact,
        LabelPromised,
        NoConsent,
        NoConsentTicket,
        LabelStaff,
        MessageTitle,
        MessageNamed,
        MessageUnnamed,
        CopyMessage,
        RecordOutcome,
        OutcomeTitle,
        NotAsked,
        CsatQuestion,
        Csat1,
        Csat2,
        Csat3,
        Csat4,
        Csat5,
        NpsQuestion,
        Nps0,
        Nps10,
        CesQuestion,
        Ces1,
        Ces7,
        ResolvedQuestion,
        RetainedQuestion,
        Yes,
        No,
        OutcomeNote,
        SaveOutcome,
        Saving,
        Saved,
        ErrCsat,
        ErrNps,
        ErrCes,
        ExportTitle,
        ExportIntro,
        ExportCsv,
        ExportJsonl,
        ExportNeedsManager,
        OpenManager,
        // Root causes and the n of every rate (issue 12)
        CauseTitle,
        CauseSummary,
        CauseNote,
        ColCause,
        RecoveriesN,
        TooFew,
        RateWithN,
        RateTooFew,
    }
}

/// English, the source language.
/// The text for `m` in the user's language.
#[inline(never)]
pub fn t(m: Msg) -> &'static str {
    super::catalogue::text(m.index())
}

/// The text for `m` with each `{key}` replaced by its value.
/// The text for `m` in the plural form `n` takes, with `args` filled in.
pub fn tp(m: Msg, n: impl TryInto<usize>, args: &[(&str, &str)]) -> String {
    super::fill(
        super::catalogue::plural(m.index(), n.try_into().unwrap_or(usize::MAX)),
        args,
    )
}

pub fn tf(m: Msg, args: &[(&str, &str)]) -> String {
    super::fill(t(m), args)
}

/// Items as one sentence part: "a: 1; b: 2".
pub fn list(items: impl IntoIterator<Item = (String, String)>) -> String {
    items
        .into_iter()
        .map(|(name, value)| tf(Msg::ListItem, &[("name", &name), ("value", &value)]))
        .collect::<Vec<_>>()
        .join(t(Msg::ListSeparator))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_and_placeholders() {
        assert_eq!(tf(Msg::NavDue, &[("n", "3")]), "3 due");
        assert_eq!(
            list([("A".into(), "1".into()), ("B".into(), "2".into())]),
            "A: 1; B: 2"
        );
    }
}
