//! The one catalogue of text the user reads, keyed by id so it can be translated.
//!
//! Views never hold literal user-facing strings: they ask `t(M::Id)` or, with
//! placeholders, `tf(M::Id, &[("name", value)])`. The words themselves are data, one
//! file per locale (`www/locales/<tag>.json`, see `catalogue`); `tests/locales.rs`
//! refuses a file that misses a key or a placeholder.
//! Amounts and dates are not formatted here: `services::intl` asks the browser.

/// Where the words come from: the locale files and the `messages!` enums.
#[macro_use]
pub mod catalogue;
/// Device setup, signing in and approvers (ids `authority::Msg`).
pub mod authority;
/// The dashboard's and follow-ups' entries (ids `dashboard::Msg`).
pub mod dashboard;
/// What keeps stored data safe (clock guard, unreadable policy, other tabs: `integrity::Msg`).
pub mod integrity;
/// Manager mode's entries (ids `manager::Msg`).
pub mod manager;
/// Words for policy fields, values, changes and audit events (texts in `manager::Msg`).
pub mod policy;

messages! {
    "", 0;
    /// Message ids. Grouped by page; names say where the text appears.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum M {
        AppName,
        AppTagline,
        SkipToContent,
        NavLabel,
        NavNew,
        NavFollowUps,
        NavLog,
        NavDashboard,
        NavManager,
        FooterVersion,
        FooterPrivacy,
        HomeTitle,
        HomeIntro,
        HomeStart,
        NewTitle,
        NewEmpty,
        FollowUpsTitle,
        FollowUpsEmpty,
        LogTitle,
        LogEmpty,
        DashboardTitle,
        DashboardEmpty,
        ManagerTitle,
        ManagerEmpty,
        NotFoundTitle,
        NotFoundBody,
        NotFoundBack,
        Copied,
        CopyFailed,
        StepsLabel,
        StepListen,
        StepApologise,
        StepRemedy,
        StepApproval,
        StepConfirm,
        Next,
        Back,
        ElapsedOpen,
        ApologyIntro,
        ApologyListen,
        ApologyAcknowledgeMonetary,
        ApologyAcknowledgeProduct,
        ApologyAcknowledgeService,
        ApologyAcknowledgeAttention,
        ApologyAcknowledgeDelay,
        ApologyApologise,
        ApologyOwn,
        ApologyExplain,
        ApologyRepeat,
        ApologyWrittenTitle,
        ApologyWrittenMonetary,
        ApologyWrittenProduct,
        ApologyWrittenService,
        ApologyWrittenAttention,
        ApologyWrittenDelay,
        ApologySpokenTitle,
        ApologySpokenHint,
        ApologySpokenOpen,
        ApologySpokenOpenNamed,
        ApologySpokenMonetary,
        ApologySpokenProduct,
        ApologySpokenService,
        ApologySpokenAttention,
        ApologySpokenDelay,
        ApologyCopySpoken,
        ApologyAvoidTitle,
        ApologyAvoidBut,
        ApologyAvoidIf,
        ApologyAvoidPolicy,
        ApologyAvoidBlame,
        ApologyAvoidPromise,
        ApologyCopy,
        ChecklistLegend,
        CheckListened,
        CheckAcknowledged,
        CheckApologised,
        CheckOwned,
        CheckExplained,
        PinNew,
        PinConfirm,
        PinSetSave,
        PinMismatch,
        PinLabel,
        PinSubmit,
        PinWrong,
        PinLocked,
        PinWorking,
        ApologiseTitle,
        ApprovalCode,
        ApprovalReference,
        ApprovalTitle,
        ApproveCodeHint,
        ApproveCodeSubmit,
        ApproveCodeTitle,
        ApprovePinTitle,
        ApprovedByCode,
        ApprovedByPin,
        BudgetTitle,
        BundleEmpty,
        BundleInvalid,
        BundleTitle,
        BundleTotal,
        CategoryLegend,
        CauseExpectation,
        CauseOther,
        CausePeople,
        CausePolicy,
        CauseProcess,
        CauseProduct,
        CauseSystem,
        CauseThirdParty,
        CauseUnknown,
        ChannelLegend,
        ChooseAlternative,
        ChooseOption,
        CodeNoKey,
        ConfirmIncomplete,
        ConfirmTitle,
        CostToBusiness,
        CurrencyLabel,
        CustomerFallbackName,
        CustomerName,
        CustomerNameHint,
        CustomerRef,
        CustomerRefHint,
        CustomerRefKept,
        CustomerTitle,
        DeclineReason,
        DeclineSubmit,
        DeclineTitle,
        DeclinedNotice,
        DownloadRecord,
        DraftNotSaved,
        ErrCurrency,
        ErrDeclineReason,
        ErrPickCategory,
        ErrPickChannel,
        ErrPickFailure,
        ErrPickRemedy,
        ErrPickSeverity,
        ErrPickTouchpoint,
        ErrStaffName,
        FailureLegend,
        FirstContact,
        ContactConsent,
        ContactConsentHint,
        ContactLabel,
        FollowUpChannel,
        FollowUpInDays,
        FollowUpNone,
        FollowUpTomorrow,
        FollowUpWhen,
        KeepName,
        KeepsItem,
        KeepsItemHint,
        LearningNote,
        LearningNoteHint,
        LineAdd,
        LineAmount,
        LineKind,
        LineRemove,
        ListenTitle,
        MoreDetails,
        LinkedSummary,
        LinkedTicket,
        Loading,
        LogRecovery,
        Logged,
        LoggedBody,
        LoggedFollowUp,
        LoggedPractice,
        LoggedReference,
        LoggedGiven,
        StartOverQuestion,
        StartOverYes,
        StartOverNo,
        Logging,
        LossHint,
        LossInCurrency,
        LossLabel,
        MeterCustomer,
        MeterIncident,
        MeterShift,
        MeterText,
        NextApproval,
        NotAllowedBlock,
        PracticeBanner,
        PracticeLabel,
        PracticeNotCounted,
        PracticeToggle,
        PrefillBad,
        PromptApologise,
        PromptEmpathise,
        PromptExplain,
        PromptHear,
        PromptResolve,
        Recommended,
        RemedyNeedsListen,
        RemedyTitle,
        RepeatNotice,
        ResolutionApologyOnly,
        ResolutionCopy,
        ResolutionText,
        ResolutionGiven,
        ResolutionSorry,
        ResolutionFollowUpTomorrow,
        ResolutionFollowUpDays,
        ResolutionNoFollowUp,
        ResolutionTitle,
        Responsible,
        ResumeBody,
        ResumeNo,
        ResumeTitle,
        ResumeUnnamed,
        ResumeItem,
        UnfinishedCount,
        RootCause,
        RootCauseHint,
        ScenarioBirthdayCake,
        ScenarioLateParcel,
        ScenarioRudeCall,
        ScenariosLabel,
        BriefCake,
        BriefParcel,
        BriefCall,
        SaysCakeListen,
        SaysCakeApologise,
        SaysCakeRemedy,
        SaysCakeConfirm,
        SaysParcelListen,
        SaysParcelApologise,
        SaysParcelRemedy,
        SaysParcelConfirm,
        SaysCallListen,
        SaysCallApologise,
        SaysCallRemedy,
        SaysCallConfirm,
        GoodListen,
        GoodApologise,
        GoodRemedy,
        GoodConfirm,
        RolePlayTitle,
        CustomerSays,
        GoodLooksLike,
        FeedbackTitle,
        FeedbackChecklist,
        FeedbackMissing,
        FeedbackTime,
        FeedbackBelow,
        FeedbackWithin,
        FeedbackAbove,
        SeverityLegend,
        SeverityTile,
        StaffIntro,
        StaffKnown,
        StaffName,
        StaffRole,
        StaffRoleHint,
        StaffStart,
        StaffTitle,
        StartNext,
        StartOver,
        SummaryApproval,
        SummaryCost,
        SummaryLoss,
        SummaryRemedies,
        SummaryWhat,
        Ticket,
        TierLabel,
        TouchpointLegend,
        UseName,
        WaitMinutes,
        WaitSeconds,
        WhatFallback,
        WhyTitle,
        AllCategories,
        FilterCategory,
        FilterFrom,
        FilterTo,
        LogCount,
        LogFilters,
        LogOutcome,
        LogStaff,
        LogUnreadable,
        PersistGranted,
        PersistDenied,
        DecisionWithin,
        DecisionAsk,
        DecisionOver,
        DecisionNotAllowed,
        AnyManager,
        ReasonBase,
        ReasonKeepsItem,
        ReasonSeverity,
        ReasonTier,
        ReasonNotResponsible,
        ReasonRepeat,
        ReasonFirst,
        ReasonCeiling,
        ReasonNoLoss,
        ReasonMatched,
        ReasonTopUp,
        ReasonGesture,
        ReasonRounded,
        ReasonSubstitute,
        // Issue 10, the money model: put right, then compensate.
        ReasonPutCorrection,
        ReasonPutRefund,
        ReasonPutPartial,
        ReasonPutReplace,
        ReasonPutRedo,
        ReasonPutOther,
        ReasonHasOrder,
        ReasonCounts,
        ReasonOutside,
        ReasonTotal,
        ReasonConverted,
        ReasonNotAccepted,
        DecisionCurrency,
        PartPutRight,
        PartCompensate,
        PartNothing,
        OptionFace,
        OrdinalOne,
        OrdinalTwo,
        OrdinalFew,
        OrdinalOther,
        ErrAmountEmpty,
        ErrAmountNotANumber,
        ErrAmountNegative,
        ErrAmountNoDecimals,
        ErrAmountDecimals,
        ErrAmountTooLarge,
        ErrAmountMixed,
        ErrReferenceEmpty,
        ErrReferenceTooLong,
        ErrCodeMalformed,
        ErrCodeExpired,
        ErrCodeUsed,
        ErrCodeMismatch,
        ErrCryptoUnavailable,
        ErrCryptoFailed,
        ErrPinDigits,
        ErrPinShort,
        ErrContactEmpty,
        ErrContactInvalid,
        ErrContactTooLong,
        ErrPinLong,
        ErrStorageUnavailable,
        ErrStorageQuota,
        ErrStorageBlocked,
        ErrStorageTooNew,
        ErrStorageFailed,
        ErrStorageCorrupt,
        LogScoreCsat,
        LogScoreNps,
        LogScoreCes,
        LogRemedyLine,
        // Names of the domain's choices (functions below).
        FailureMonetary,
        FailureProduct,
        FailureService,
        FailureAttention,
        FailureDelay,
        FailurePhraseMonetary,
        FailurePhraseProduct,
        FailurePhraseService,
        FailurePhraseAttention,
        FailurePhraseDelay,
        FailureDetailMonetary,
        FailureDetailProduct,
        FailureDetailService,
        FailureDetailAttention,
        FailureDetailDelay,
        CategoryLateDelivery,
        CategoryLostDelivery,
        CategoryWrongItem,
        CategoryDefect,
        CategoryDamaged,
        CategoryBillingError,
        CategoryOvercharged,
        CategoryRudeStaff,
        CategoryUnhelpfulStaff,
        CategoryLongWait,
        CategoryOutOfStock,
        CategoryServiceNotDone,
        CategoryBrokenPromise,
        CategoryOther,
        CategoryPhraseLateDelivery,
        CategoryPhraseLostDelivery,
        CategoryPhraseWrongItem,
        CategoryPhraseDefect,
        CategoryPhraseDamaged,
        CategoryPhraseBillingError,
        CategoryPhraseOvercharged,
        CategoryPhraseRudeStaff,
        CategoryPhraseUnhelpfulStaff,
        CategoryPhraseLongWait,
        CategoryPhraseOutOfStock,
        CategoryPhraseServiceNotDone,
        CategoryPhraseBrokenPromise,
        CategoryPhraseOther,
        Severity1,
        Severity2,
        Severity3,
        Severity4,
        Severity5,
        TierNew,
        TierRegular,
        TierLoyal,
        TierVip,
        TouchpointPrePurchase,
        TouchpointPurchase,
        TouchpointPostPurchase,
        TouchpointPostDelivery,
        ChannelInStore,
        ChannelPhone,
        ChannelEmail,
        ChannelChat,
        ChannelSocial,
        ChannelMessaging,
        LevelFair,
        LevelRecommended,
        LevelGenerous,
        RemedyCorrection,
        RemedyRefundFull,
        RemedyRefundPartial,
        RemedyReplacement,
        RemedyRedoService,
        RemedyStoreCredit,
        RemedyDiscountNext,
        RemedyFreeShipping,
        RemedyComplimentaryItem,
        RemedyFeeWaiver,
        RemedyManagerApology,
        RemedyHandwrittenNote,
        RemedyNounCorrection,
        RemedyNounRefundFull,
        RemedyNounRefundPartial,
        RemedyNounReplacement,
        RemedyNounRedoService,
        RemedyNounStoreCredit,
        RemedyNounDiscountNext,
        RemedyNounFreeShipping,
        RemedyNounComplimentaryItem,
        RemedyNounFeeWaiver,
        RemedyNounManagerApology,
        RemedyNounHandwrittenNote,
        LimitPerIncident,
        LimitPerShift,
        LimitPerCustomer,
        LimitCurrency,
        LanguageLabel,
        LanguageDefault,
        LanguageFailed,
        CustomerLanguage,
        CustomerLanguageHint,
        CustomerLanguageSame,
    }
}

/// The text for `m` in the user's language.
#[inline(never)]
pub fn t(m: M) -> &'static str {
    catalogue::text(m.index())
}

/// The text for `m` with each `{key}` replaced by its value.
pub fn tf(m: M, args: &[(&str, &str)]) -> String {
    fill(t(m), args)
}

/// The text for `m` in the plural form `n` takes in the user's language, with each
/// `{key}` replaced by its value (the entry has one form per plural category).
pub fn tp(m: M, n: impl TryInto<usize>, args: &[(&str, &str)]) -> String {
    fill(
        catalogue::plural(m.index(), n.try_into().unwrap_or(usize::MAX)),
        args,
    )
}

/// `template` with each `{key}` replaced by its value; unknown keys are left visible.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (key, value) in args {
        out = out.replace(&format!("{{{key}}}"), value);
    }
    out
}

// Names of the domain's choices and the calculator's reasons, in the user's language.
// Each `match` is exhaustive: a new variant in the domain cannot go unworded.

use amends_domain::{
    approval::CodeError, customer::ReferenceError, Bp, Category, Channel, Decision, FailureType,
    Level, Limit, MoneyError, Reason, RemedyKind, Severity, Tier, Touchpoint,
};

use crate::services::intl::{count, figure, fmt, Figure};
use crate::services::storage::StorageError;

pub fn failure(f: FailureType) -> &'static str {
    match f {
        FailureType::Monetary => t(M::FailureMonetary),
        FailureType::Product => t(M::FailureProduct),
        FailureType::Service => t(M::FailureService),
        FailureType::Attention => t(M::FailureAttention),
        FailureType::Delay => t(M::FailureDelay),
    }
}

/// A failure type inside a sentence, with its article: "a product failure".
pub fn failure_phrase(f: FailureType) -> &'static str {
    match f {
        FailureType::Monetary => t(M::FailurePhraseMonetary),
        FailureType::Product => t(M::FailurePhraseProduct),
        FailureType::Service => t(M::FailurePhraseService),
        FailureType::Attention => t(M::FailurePhraseAttention),
        FailureType::Delay => t(M::FailurePhraseDelay),
    }
}

pub fn failure_detail(f: FailureType) -> &'static str {
    match f {
        FailureType::Monetary => t(M::FailureDetailMonetary),
        FailureType::Product => t(M::FailureDetailProduct),
        FailureType::Service => t(M::FailureDetailService),
        FailureType::Attention => t(M::FailureDetailAttention),
        FailureType::Delay => t(M::FailureDetailDelay),
    }
}

pub fn category(c: Category) -> &'static str {
    match c {
        Category::LateDelivery => t(M::CategoryLateDelivery),
        Category::LostDelivery => t(M::CategoryLostDelivery),
        Category::WrongItem => t(M::CategoryWrongItem),
        Category::Defect => t(M::CategoryDefect),
        Category::Damaged => t(M::CategoryDamaged),
        Category::BillingError => t(M::CategoryBillingError),
        Category::Overcharged => t(M::CategoryOvercharged),
        Category::RudeStaff => t(M::CategoryRudeStaff),
        Category::UnhelpfulStaff => t(M::CategoryUnhelpfulStaff),
        Category::LongWait => t(M::CategoryLongWait),
        Category::OutOfStock => t(M::CategoryOutOfStock),
        Category::ServiceNotDone => t(M::CategoryServiceNotDone),
        Category::BrokenPromise => t(M::CategoryBrokenPromise),
        Category::Other => t(M::CategoryOther),
    }
}

/// The category inside a sentence: "Thank you for telling us about {what}".
pub fn category_phrase(c: Category) -> &'static str {
    match c {
        Category::LateDelivery => t(M::CategoryPhraseLateDelivery),
        Category::LostDelivery => t(M::CategoryPhraseLostDelivery),
        Category::WrongItem => t(M::CategoryPhraseWrongItem),
        Category::Defect => t(M::CategoryPhraseDefect),
        Category::Damaged => t(M::CategoryPhraseDamaged),
        Category::BillingError => t(M::CategoryPhraseBillingError),
        Category::Overcharged => t(M::CategoryPhraseOvercharged),
        Category::RudeStaff => t(M::CategoryPhraseRudeStaff),
        Category::UnhelpfulStaff => t(M::CategoryPhraseUnhelpfulStaff),
        Category::LongWait => t(M::CategoryPhraseLongWait),
        Category::OutOfStock => t(M::CategoryPhraseOutOfStock),
        Category::ServiceNotDone => t(M::CategoryPhraseServiceNotDone),
        Category::BrokenPromise => t(M::CategoryPhraseBrokenPromise),
        Category::Other => t(M::CategoryPhraseOther),
    }
}

pub fn severity(s: Severity) -> &'static str {
    match s.level() {
        1 => t(M::Severity1),
        2 => t(M::Severity2),
        3 => t(M::Severity3),
        4 => t(M::Severity4),
        _ => t(M::Severity5),
    }
}

pub fn tier(x: Tier) -> &'static str {
    match x {
        Tier::New => t(M::TierNew),
        Tier::Regular => t(M::TierRegular),
        Tier::Loyal => t(M::TierLoyal),
        Tier::Vip => t(M::TierVip),
    }
}

pub fn touchpoint(x: Touchpoint) -> &'static str {
    match x {
        Touchpoint::PrePurchase => t(M::TouchpointPrePurchase),
        Touchpoint::Purchase => t(M::TouchpointPurchase),
        Touchpoint::PostPurchase => t(M::TouchpointPostPurchase),
        Touchpoint::PostDelivery => t(M::TouchpointPostDelivery),
    }
}

pub fn channel(c: Channel) -> &'static str {
    match c {
        Channel::InStore => t(M::ChannelInStore),
        Channel::Phone => t(M::ChannelPhone),
        Channel::Email => t(M::ChannelEmail),
        Channel::Chat => t(M::ChannelChat),
        Channel::Social => t(M::ChannelSocial),
        Channel::Messaging => t(M::ChannelMessaging),
    }
}

pub fn level(l: Level) -> &'static str {
    match l {
        Level::Fair => t(M::LevelFair),
        Level::Recommended => t(M::LevelRecommended),
        Level::Generous => t(M::LevelGenerous),
    }
}

pub fn remedy(k: RemedyKind) -> &'static str {
    match k {
        RemedyKind::Correction => t(M::RemedyCorrection),
        RemedyKind::RefundFull => t(M::RemedyRefundFull),
        RemedyKind::RefundPartial => t(M::RemedyRefundPartial),
        RemedyKind::Replacement => t(M::RemedyReplacement),
        RemedyKind::RedoService => t(M::RemedyRedoService),
        RemedyKind::StoreCredit => t(M::RemedyStoreCredit),
        RemedyKind::DiscountNext => t(M::RemedyDiscountNext),
        RemedyKind::FreeShipping => t(M::RemedyFreeShipping),
        RemedyKind::ComplimentaryItem => t(M::RemedyComplimentaryItem),
        RemedyKind::FeeWaiver => t(M::RemedyFeeWaiver),
        RemedyKind::ManagerApology => t(M::RemedyManagerApology),
        RemedyKind::HandwrittenNote => t(M::RemedyHandwrittenNote),
    }
}

/// A remedy's name inside a sentence: "store credit".
/// What the customer got, for the log and the Logged summary: "Replacement or exchange
/// $40.00, Goodwill gesture", or "our apology" when nothing else was given.
pub fn given(lines: &[amends_domain::RemedyLine]) -> String {
    if lines.is_empty() {
        return t(M::ResolutionApologyOnly).to_string();
    }
    lines
        .iter()
        .map(|l| {
            if l.face.is_zero() {
                remedy(l.kind).to_string()
            } else {
                format!("{} {}", remedy(l.kind), fmt(l.face))
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn remedy_noun(k: RemedyKind) -> &'static str {
    match k {
        RemedyKind::Correction => t(M::RemedyNounCorrection),
        RemedyKind::RefundFull => t(M::RemedyNounRefundFull),
        RemedyKind::RefundPartial => t(M::RemedyNounRefundPartial),
        RemedyKind::Replacement => t(M::RemedyNounReplacement),
        RemedyKind::RedoService => t(M::RemedyNounRedoService),
        RemedyKind::StoreCredit => t(M::RemedyNounStoreCredit),
        RemedyKind::DiscountNext => t(M::RemedyNounDiscountNext),
        RemedyKind::FreeShipping => t(M::RemedyNounFreeShipping),
        RemedyKind::ComplimentaryItem => t(M::RemedyNounComplimentaryItem),
        RemedyKind::FeeWaiver => t(M::RemedyNounFeeWaiver),
        RemedyKind::ManagerApology => t(M::RemedyNounManagerApology),
        RemedyKind::HandwrittenNote => t(M::RemedyNounHandwrittenNote),
    }
}

fn limit(l: Limit) -> &'static str {
    match l {
        Limit::PerIncident => t(M::LimitPerIncident),
        Limit::PerShift => t(M::LimitPerShift),
        Limit::PerCustomer => t(M::LimitPerCustomer),
        Limit::Currency => t(M::LimitCurrency),
    }
}

/// "Within your authority" / "Needs approval: exceeds ... by ..." / "Not allowed ...".
pub fn decision(d: &Decision) -> String {
    match d {
        Decision::Within => t(M::DecisionWithin).into(),
        Decision::NeedsApproval {
            limit: l,
            over_by,
            approvers,
        } => {
            let who = if approvers.is_empty() {
                t(M::AnyManager).to_string()
            } else {
                crate::services::intl::list_or(approvers)
            };
            if *l == Limit::Currency {
                tf(
                    M::DecisionCurrency,
                    &[("currency", over_by.currency.code()), ("who", &who)],
                )
            } else {
                tf(
                    M::DecisionOver,
                    &[
                        ("limit", limit(*l)),
                        ("over", &fmt(*over_by)),
                        ("who", &who),
                    ],
                )
            }
        }
        Decision::NotAllowed { kind } => tf(M::DecisionNotAllowed, &[("remedy", remedy(*kind))]),
    }
}

/// A share of something, for the user's locale: "40%".
fn share(b: Bp) -> String {
    figure(i64::from(b.0), 4, Figure::Percent2)
}

/// A change by a share, signed: "+10%", "-12.5%".
fn signed(b: Bp) -> String {
    figure(i64::from(b.0), 4, Figure::SignedPercent)
}

/// One reason behind a figure, in words.
pub fn reason(r: &Reason) -> String {
    match r {
        Reason::Base { level: l, share: x } => tf(
            M::ReasonBase,
            &[("level", level(*l)), ("share", &share(*x))],
        ),
        Reason::KeepsItem { factor } => tf(M::ReasonKeepsItem, &[("factor", &share(*factor))]),
        Reason::Severity { level: l, adjust } => tf(
            M::ReasonSeverity,
            &[
                ("level", &crate::services::intl::count(*l)),
                ("adjust", &signed(*adjust)),
            ],
        ),
        Reason::Tier { tier: x, adjust } => tf(
            M::ReasonTier,
            &[("tier", tier(*x)), ("adjust", &signed(*adjust))],
        ),
        Reason::NotResponsible { adjust } => {
            tf(M::ReasonNotResponsible, &[("adjust", &signed(*adjust))])
        }
        Reason::Repeat { prior, window_days } => tp(
            M::ReasonRepeat,
            *window_days,
            &[("nth", &ordinal(prior + 1)), ("days", &count(*window_days))],
        ),
        Reason::FirstFailure => t(M::ReasonFirst).into(),
        Reason::Ceiling { ceiling } => tf(M::ReasonCeiling, &[("ceiling", &share(*ceiling))]),
        Reason::NoLoss { gesture } => tf(M::ReasonNoLoss, &[("gesture", &fmt(*gesture))]),
        Reason::Matched { failure: f, kind } => tf(
            M::ReasonMatched,
            &[
                ("failure", failure_phrase(*f)),
                ("remedy", remedy_noun(*kind)),
            ],
        ),
        Reason::TopUp { kind, cost_share } => tf(
            M::ReasonTopUp,
            &[("remedy", remedy(*kind)), ("share", &share(*cost_share))],
        ),
        Reason::Gesture { kind } => tf(M::ReasonGesture, &[("remedy", remedy(*kind))]),
        Reason::Rounded => t(M::ReasonRounded).into(),
        Reason::RoleSubstitute { wanted, used } => tf(
            M::ReasonSubstitute,
            &[("wanted", remedy(*wanted)), ("used", remedy_noun(*used))],
        ),
        Reason::PutRight { kind, amount } => {
            let id = match kind {
                RemedyKind::Correction => M::ReasonPutCorrection,
                RemedyKind::RefundFull => M::ReasonPutRefund,
                RemedyKind::RefundPartial => M::ReasonPutPartial,
                RemedyKind::Replacement => M::ReasonPutReplace,
                RemedyKind::RedoService => M::ReasonPutRedo,
                _ => M::ReasonPutOther,
            };
            tf(id, &[("amount", &fmt(*amount)), ("remedy", remedy(*kind))])
        }
        Reason::HasTheOrder => t(M::ReasonHasOrder).into(),
        Reason::Limits { kind, counted } => tf(
            if *counted {
                M::ReasonCounts
            } else {
                M::ReasonOutside
            },
            &[("remedy", remedy(*kind))],
        ),
        Reason::Total {
            total,
            of,
            share: x,
        } => tf(
            M::ReasonTotal,
            &[
                ("total", &fmt(*total)),
                ("share", &share(*x)),
                ("of", &fmt(*of)),
            ],
        ),
        Reason::Converted {
            from,
            to,
            rate_millionths,
            set_on,
        } => tf(
            M::ReasonConverted,
            &[
                ("from", from.code()),
                ("to", to.code()),
                (
                    "rate",
                    &amends_domain::recommend::rate_text(*rate_millionths),
                ),
                ("date", set_on),
            ],
        ),
        Reason::NotAccepted { currency } => {
            tf(M::ReasonNotAccepted, &[("currency", currency.code())])
        }
    }
}

/// "1 min 30 s" for a lock-out wait.
pub fn wait(ms: i64) -> String {
    let s = (ms.max(0) + 999) / 1000;
    if s >= 60 {
        tf(
            M::WaitMinutes,
            &[("m", &count(s / 60)), ("s", &count(s % 60))],
        )
    } else {
        tf(M::WaitSeconds, &[("s", &count(s))])
    }
}

/// "2nd", "3rd", "11th": the browser's ordinal plural rules pick the entry.
pub fn ordinal(n: u32) -> String {
    use crate::services::intl::Ordinal;
    let m = match crate::services::intl::ordinal_category(n) {
        Ordinal::One => M::OrdinalOne,
        Ordinal::Two => M::OrdinalTwo,
        Ordinal::Few => M::OrdinalFew,
        Ordinal::Other => M::OrdinalOther,
    };
    tf(m, &[("n", &count(n))])
}

pub fn contact_error(e: &amends_domain::customer::ContactError) -> String {
    use amends_domain::customer::ContactError;
    t(match e {
        ContactError::Empty => M::ErrContactEmpty,
        ContactError::NotAContact => M::ErrContactInvalid,
        ContactError::TooLong => M::ErrContactTooLong,
    })
    .to_string()
}

pub fn money_error(e: &MoneyError) -> String {
    match e {
        MoneyError::Empty => t(M::ErrAmountEmpty).into(),
        MoneyError::NotANumber => {
            let example = format!("12{}50", crate::services::intl::separators().0);
            tf(M::ErrAmountNotANumber, &[("example", &example)])
        }
        MoneyError::Negative => t(M::ErrAmountNegative).into(),
        MoneyError::TooManyDecimals { currency, max: 0 } => {
            tf(M::ErrAmountNoDecimals, &[("currency", currency.code())])
        }
        MoneyError::TooManyDecimals { currency, max } => tf(
            M::ErrAmountDecimals,
            &[("currency", currency.code()), ("max", &count(*max))],
        ),
        MoneyError::TooLarge => t(M::ErrAmountTooLarge).into(),
        MoneyError::CurrencyMismatch(a, b) => {
            tf(M::ErrAmountMixed, &[("a", a.code()), ("b", b.code())])
        }
    }
}

pub fn reference_error(e: &ReferenceError) -> String {
    t(match e {
        ReferenceError::Empty => M::ErrReferenceEmpty,
        ReferenceError::TooLong => M::ErrReferenceTooLong,
    })
    .into()
}

pub fn code_error(e: &CodeError) -> String {
    t(match e {
        CodeError::NoKey => M::CodeNoKey,
        CodeError::Malformed => M::ErrCodeMalformed,
        CodeError::Expired => M::ErrCodeExpired,
        CodeError::AlreadyUsed => M::ErrCodeUsed,
        CodeError::Mismatch => M::ErrCodeMismatch,
    })
    .into()
}

pub fn crypto_error(e: &crate::services::crypto::CryptoError) -> String {
    use crate::services::crypto::CryptoError;
    match e {
        CryptoError::Unavailable => t(M::ErrCryptoUnavailable).into(),
        CryptoError::Failed(why) => tf(M::ErrCryptoFailed, &[("why", why)]),
    }
}

pub fn pin_rule_error(e: &crate::services::crypto::PinRuleError) -> &'static str {
    use crate::services::crypto::PinRuleError;
    t(match e {
        PinRuleError::NotDigits => M::ErrPinDigits,
        PinRuleError::TooShort => M::ErrPinShort,
        PinRuleError::TooLong => M::ErrPinLong,
    })
}

pub fn storage_error(e: &StorageError) -> String {
    match e {
        StorageError::Unavailable => t(M::ErrStorageUnavailable).into(),
        StorageError::QuotaExceeded => t(M::ErrStorageQuota).into(),
        StorageError::Blocked => t(M::ErrStorageBlocked).into(),
        StorageError::VersionTooNew => t(M::ErrStorageTooNew).into(),
        StorageError::Failed(why) => tf(M::ErrStorageFailed, &[("why", why)]),
        StorageError::Corrupt(what) => tf(M::ErrStorageCorrupt, &[("what", what)]),
        StorageError::ChangedElsewhere(what) => {
            integrity::tf(integrity::Msg::ChangedElsewhere, &[("what", what)])
        }
        StorageError::AlreadySetUp => integrity::t(integrity::Msg::SetUpElsewhere).into(),
        StorageError::Aborted => integrity::t(integrity::Msg::WriteAborted).into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Issue 11: "already set up" and "the write was cancelled" were English inside
    // `StorageError::Failed`; one message covered a used code and an unreadable list.
    #[test]
    fn our_own_storage_and_code_errors_are_worded_by_the_catalogue_each_apart() {
        use crate::hooks::app_state::CodeSpendError;
        let set_up = storage_error(&StorageError::AlreadySetUp);
        assert!(
            set_up.starts_with("This device was set up meanwhile"),
            "{set_up}"
        );
        let aborted = storage_error(&StorageError::Aborted);
        assert!(
            aborted.starts_with("The browser cancelled saving"),
            "{aborted}"
        );
        let used = CodeSpendError::Used.text();
        let unreadable = CodeSpendError::ListUnreadable.text();
        assert!(used.starts_with("This code was already used"), "{used}");
        assert!(unreadable.contains("cannot be read") && !unreadable.contains("already used"));
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(
            tf(M::FooterVersion, &[("version", "1.2.3")]),
            "Amends version 1.2.3"
        );
    }

    #[test]
    fn unknown_placeholders_are_left_visible() {
        assert_eq!(tf(M::FooterVersion, &[]), "Amends version {version}");
    }
}
