//! The one catalogue of text the user reads, keyed by id so it can be translated.
//!
//! Views never hold literal user-facing strings: they ask `t(M::Id)` or, with
//! placeholders, `tf(M::Id, &[("name", value)])`. A translation is another `match`
//! over the same ids; the compiler then refuses a missing entry.
//! Amounts and dates are not formatted here: `services::intl` asks the browser.

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
}

/// English, the source language.
fn en(m: M) -> &'static str {
    use M::*;
    match m {
        AppName => "Amends",
        AppTagline => "Make it right, fairly and fast.",
        SkipToContent => "Skip to content",
        NavLabel => "Main",
        NavNew => "New recovery",
        NavFollowUps => "Follow-ups",
        NavLog => "Log",
        NavDashboard => "Dashboard",
        NavManager => "Manager",
        FooterVersion => "Amends version {version}",
        FooterPrivacy => "Everything stays on this device.",
        HomeTitle => "Put it right with the customer",
        HomeIntro => "Listen, apologise, choose a fair remedy you are allowed to give, log it and follow up.",
        HomeStart => "Start a new recovery",
        NewTitle => "New recovery",
        NewEmpty => "The guided recovery will appear here: listen, apologise, choose a remedy within your budget, get approval if needed, and log it.",
        FollowUpsTitle => "Follow-ups",
        FollowUpsEmpty => "Recoveries whose follow-up is due will be listed here, with a suggested message.",
        LogTitle => "Log",
        LogEmpty => "No recoveries logged on this device yet. Logged recoveries will be listed here, newest first.",
        DashboardTitle => "Dashboard",
        DashboardEmpty => "What the recoveries teach will appear here once some are logged: costs, satisfaction and what to fix first.",
        ManagerTitle => "Manager",
        ManagerEmpty => "Managers will set limits per role, approve remedies and export data here.",
        NotFoundTitle => "Page not found",
        NotFoundBody => "There is no page at this address.",
        NotFoundBack => "Go to the start page",
        Copied => "Copied.",
        CopyFailed => "Could not copy: select the text and copy it by hand.",
        StepsLabel => "Recovery steps",
        StepListen => "Listen",
        StepApologise => "Apologise",
        StepRemedy => "Remedy",
        StepApproval => "Approval",
        StepConfirm => "Log",
        Next => "Next",
        Back => "Back",
        ElapsedOpen => "Open for {elapsed}",
        ApologyIntro => "Prompts for your own words, not a script to read out. How the customer is treated weighs as much as what they get.",
        ApologyListen => "Listen to the end without interrupting. Let them tell it their way; note what happened and what it cost them.",
        ApologyAcknowledgeMonetary => "Acknowledge what it cost them: the money, and the trouble of finding and querying it.",
        ApologyAcknowledgeProduct => "Acknowledge the disappointment: they chose this item and it let them down.",
        ApologyAcknowledgeService => "Acknowledge what went wrong in the service and what they had to put up with because of it.",
        ApologyAcknowledgeAttention => "Acknowledge how they were treated: it is fair to feel ignored or disrespected, and say so.",
        ApologyAcknowledgeDelay => "Acknowledge the wait and what it got in the way of for them.",
        ApologyApologise => "Apologise for the specific thing, once, in your own words, with no \"but\" after it.",
        ApologyOwn => "Take ownership: say what you will do now, in the first person (\"I will…\"), not what the policy says.",
        ApologyExplain => "Explain exactly what happens next and when, and thank them for telling you.",
        ApologyRepeat => "This customer has had a failure before ({count} in the last {days} days). Say that you know, and that it should not have happened again.",
        ApologyWrittenTitle => "Ready text for {channel}",
        ApologyWrittenMonetary => "Hi {name},\n\nThank you for telling us about {what}. I am sorry: you should not have had to spend your time finding our mistake and chasing it.\n\nI am putting the money right myself, in full, and I will tell you exactly what we are doing and when in my next message.\n\nThank you for your patience,\n{staff}",
        ApologyWrittenProduct => "Hi {name},\n\nThank you for telling us about {what}. I am sorry: you chose this from us and it let you down.\n\nI am taking care of this myself. In my next message I will tell you how we will put it right, a replacement or your money back, and when.\n\nThank you for your patience,\n{staff}",
        ApologyWrittenService => "Hi {name},\n\nThank you for telling us about {what}. I am sorry: we did not do what we said we would, and you were left to deal with it.\n\nI am taking care of this myself and will tell you in my next message exactly how and when we will put it right.\n\nThank you for your patience,\n{staff}",
        ApologyWrittenAttention => "Hi {name},\n\nThank you for telling us about {what}. I am sorry: you should have been treated with respect and given proper help, and you were not.\n\nI will look after this myself from here, and I will make sure the team hears about it. My next message will say what we are doing to put it right.\n\nThank you for telling us,\n{staff}",
        ApologyWrittenDelay => "Hi {name},\n\nThank you for telling us about {what}. I am sorry we kept you waiting and got in the way of your plans.\n\nI am finding out exactly where things stand and will give you a time you can rely on in my next message.\n\nThank you for your patience,\n{staff}",
        ApologySpokenTitle => "Example words to say",
        ApologySpokenHint => "Read them once, then say it your own way.",
        ApologySpokenOpen => "Thank you for telling me. Please take your time: I'm listening.",
        ApologySpokenOpenNamed => "{name}, thank you for telling me. Please take your time: I'm listening.",
        ApologySpokenMonetary => "I understand what happened with {what}, and that it cost you money and your time to sort out. I'm sorry: that was our mistake.\nHere is what I'll do now: put the money right, in full, before you leave.\nThank you for pointing it out: it helps us stop it happening to someone else.",
        ApologySpokenProduct => "I understand how disappointing {what} is: you chose this and it let you down. I'm sorry.\nHere is what I'll do now: sort out a replacement or your money back with you, whichever suits you.\nThank you for bringing it back to us.",
        ApologySpokenService => "I understand that {what} left you dealing with something we should have done properly. I'm sorry: that's on us.\nHere is what I'll do now: get it put right and tell you exactly when it will be done.\nThank you for giving us the chance to fix it.",
        ApologySpokenAttention => "You should have been treated with respect and given proper help, and you weren't. I'm sorry about {what}.\nHere is what I'll do now: look after this myself from start to finish, and make sure the team hears about it.\nThank you for telling me: not everyone does.",
        ApologySpokenDelay => "I understand that {what} cost you time and got in the way of your plans. I'm sorry we kept you waiting.\nHere is what I'll do now: find out exactly where things are and give you a time you can rely on.\nThank you for your patience with us.",
        ApologyCopySpoken => "Copy example words",
        ApologyAvoidTitle => "What not to say",
        ApologyAvoidBut => "“I'm sorry, but…”: the “but” takes the apology back.",
        ApologyAvoidIf => "“I'm sorry if you feel…”: apologise for what happened, not for their feelings.",
        ApologyAvoidPolicy => "“That's our policy” or “the system did it”: say what you will do instead.",
        ApologyAvoidBlame => "Blaming a colleague, the courier or the customer.",
        ApologyAvoidPromise => "Promising something before you know you can give it: check the remedy step first.",
        ApologyCopy => "Copy apology text",
        ChecklistLegend => "What you have done",
        CheckListened => "Listened without interrupting",
        CheckAcknowledged => "Acknowledged the feeling",
        CheckApologised => "Apologised",
        CheckOwned => "Took ownership",
        CheckExplained => "Explained what happens next",
        PinNew => "New manager PIN",
        PinConfirm => "Type the PIN again",
        PinSetSave => "Set PIN",
        PinMismatch => "The two PINs differ.",
        PinLabel => "Manager PIN",
        PinSubmit => "Approve",
        PinWrong => "Wrong PIN. {left} tries left before a lock-out.",
        PinLocked => "Too many wrong tries. Try again in {wait}.",
        PinWorking => "Checking…",
        ApologiseTitle => "Acknowledge and apologise",
        ApprovalCode => "Approval code",
        ApprovalReference => "Read this out to the approver: I am {staff}. {what}, a loss of {loss}. I would like to give {given}, which costs {amount}. Why it needs approval: {why}. The reference is {reference}.",
        ApprovalTitle => "Manager approval",
        ApproveCodeHint => "A manager who is not here can approve by phone: read out the reference and cost above; they read back a one-time code.",
        ApproveCodeSubmit => "Check code",
        ApproveCodeTitle => "Approve with a code",
        ApprovePinTitle => "Approve on this device",
        ApprovedByCode => "Approved by {by} with a one-time code",
        ApprovedByPin => "Approved by {by} with the manager PIN",
        BudgetTitle => "Your budget as {role}",
        BundleEmpty => "No remedy yet: choose an option above or add one.",
        BundleInvalid => "Check the remedies: each needs a kind and an amount.",
        BundleTitle => "What you will give",
        BundleTotal => "Value to the customer {face}; cost to the business {cost}.",
        CategoryLegend => "What happened?",
        CauseExpectation => "Customer expectation",
        CauseOther => "Other",
        CausePeople => "People (training, staffing)",
        CausePolicy => "Policy",
        CauseProcess => "Process",
        CauseProduct => "Product or supplier",
        CauseSystem => "System or tool",
        CauseThirdParty => "Third party (carrier, partner)",
        CauseUnknown => "Not known yet",
        ChannelLegend => "How did they reach us?",
        ChooseAlternative => "Choose this instead",
        ChooseOption => "Choose {option}",
        CodeNoKey => "Remote approval is not set up on this device: a manager must save the policy once in Manager mode.",
        ConfirmIncomplete => "Something is missing or still needs approval. Go back and finish the earlier steps.",
        ConfirmTitle => "Confirm and log",
        CostToBusiness => "Costs the business {cost}",
        CurrencyLabel => "Currency",
        CustomerFallbackName => "there",
        CustomerName => "Customer's name (optional)",
        CustomerNameHint => "Used for the apology text; not kept unless you tick \"Keep the name\".",
        CustomerRef => "Customer reference (optional)",
        CustomerRefHint => "Email, phone or loyalty id. Only a scrambled code is stored, to spot repeat problems.",
        CustomerRefKept => "A reference was given; only its scrambled code is kept.",
        CustomerTitle => "The customer",
        DeclineReason => "Reason for declining",
        DeclineSubmit => "Decline",
        DeclineTitle => "Decline",
        DeclinedNotice => "The manager declined: {reason}. Choose another remedy.",
        DownloadRecord => "Download this record",
        DraftNotSaved => "This browser is not saving your typing. Keep this tab open until you log the recovery.",
        ErrCurrency => "Choose a currency.",
        ErrDeclineReason => "Say why, so the staff member can choose another remedy.",
        ErrPickCategory => "Choose what happened.",
        ErrPickChannel => "Choose how they reached us.",
        ErrPickFailure => "Choose what kind of failure it was.",
        ErrPickRemedy => "Choose a remedy.",
        ErrPickSeverity => "Choose how serious it is.",
        ErrPickTouchpoint => "Choose when it went wrong.",
        ErrStaffName => "Enter your name.",
        FailureLegend => "What kind of failure?",
        FirstContact => "Resolved in this contact",
        ContactConsent => "The customer agrees to be contacted for the follow-up",
        ContactConsentHint => "Their name and contact are then kept with the record until it is erased.",
        ContactLabel => "Email or phone for the follow-up",
        FollowUpChannel => "Follow up by",
        FollowUpInDays => "In {n} days",
        FollowUpNone => "No follow-up",
        FollowUpTomorrow => "Tomorrow",
        FollowUpWhen => "Follow up",
        KeepName => "Keep the name with the record",
        KeepsItem => "The customer keeps the item or service",
        KeepsItemHint => "A partial amount then pays most.",
        LearningNote => "What should we learn? (optional)",
        LearningNoteHint => "Why it happened and what would stop it happening again.",
        LineAdd => "Add a remedy",
        LineAmount => "Value of remedy {n}",
        LineKind => "Remedy {n}",
        LineRemove => "Remove remedy {n}",
        ListenTitle => "Listen: what happened?",
        MoreDetails => "More details",
        LinkedSummary => "From the link: {values}",
        LinkedTicket => "Ticket {ticket}",
        Loading => "Loading…",
        LogRecovery => "Log recovery",
        Logged => "Logged",
        LoggedBody => "The recovery is saved on this device.",
        LoggedFollowUp => "Follow up on {date}.",
        LoggedReference => "Reference",
        LoggedGiven => "Given to the customer",
        StartOverQuestion => "Start over? What you have entered for this recovery will be discarded.",
        StartOverYes => "Discard and start over",
        StartOverNo => "Keep working",
        LoggedPractice => "Practice recovery saved. It does not count in budgets or the dashboard.",
        Logging => "Saving…",
        LossHint => "What the customer paid for what failed: the price of the item, order or service, or the amount charged in error. A refund is never more than this.",
        LossInCurrency => "In {currency}. The options update as you type.",
        LossLabel => "Customer's loss",
        MeterCustomer => "This customer, {days} days",
        MeterIncident => "This incident",
        MeterShift => "This shift",
        MeterText => "{left} left of {limit}",
        NextApproval => "Next: ask a manager",
        NotAllowedBlock => "Your role may not give one of these remedies. Choose another.",
        PracticeBanner => "Practice mode: role-play only. Nothing here counts in budgets or the dashboard.",
        PracticeLabel => "Practice",
        PracticeNotCounted => "Yes: not counted in budgets or analytics",
        PracticeToggle => "Practice mode",
        PrefillBad => "The link's value \"{value}\" does not fit here; choose it yourself.",
        PromptApologise => "Apologise.",
        PromptEmpathise => "Acknowledge.",
        PromptExplain => "Explain and thank.",
        PromptHear => "Listen.",
        PromptResolve => "Own it.",
        Recommended => "Recommended",
        RemedyNeedsListen => "First say what happened in the Listen step.",
        RemedyTitle => "Choose a fair remedy",
        RepeatNotice => "This is the customer's {nth} failure in {days} days: a good recovery now matters more, and the generous option is suggested.",
        ResolutionApologyOnly => "our apology",
        ResolutionCopy => "Copy resolution text",
        ResolutionText => "Hi {name},\n\n{given}\n\n{follow_up}\n\n{staff}",
        ResolutionGiven => "Thank you again for your patience. To put this right we are giving you {remedies}.",
        ResolutionSorry => "Thank you again for your patience, and I am sorry again for what happened.",
        ResolutionFollowUpTomorrow => "I will check in with you tomorrow to make sure everything is now as it should be.",
        ResolutionFollowUpDays => "I will check in with you in {days} days to make sure everything is now as it should be.",
        ResolutionNoFollowUp => "If anything is still not as it should be, just reply to this message.",
        ResolutionTitle => "Text for the customer",
        Responsible => "We were responsible",
        ResumeBody => "These recoveries were started and not logged. Each stays here until it is logged or started over.",
        ResumeNo => "Start a new recovery",
        ResumeTitle => "Resume recovery?",
        ResumeUnnamed => "something not yet chosen",
        ResumeItem => "Resume recovery: {what}, opened {when}",
        UnfinishedCount => "Unfinished recoveries ({n})",
        RootCause => "Root cause",
        RootCauseHint => "Helps the business see why failures happen.",
        ScenarioBirthdayCake => "Scenario: wrong birthday cake",
        ScenarioLateParcel => "Scenario: late parcel, chat",
        ScenarioRudeCall => "Scenario: rude phone call",
        ScenariosLabel => "Practice scenarios",
        BriefCake => "Maya ordered a birthday cake for her daughter's party this afternoon. The box she collected holds someone else's cake, with the wrong name on it. She paid $45, the party starts in three hours, and she is upset and in a hurry.",
        BriefParcel => "Tom writes in the chat: the parcel he paid express delivery for arrived four days late, after the weekend he needed it for. He kept the item; the delivery cost him $12.50. He has ordered for years.",
        BriefCall => "Priya calls back after a colleague was short with her and hung up when she asked about a refund. She lost no money, but she feels disrespected and is thinking of shopping elsewhere.",
        SaysCakeListen => "I ordered this two weeks ago. It has someone else's name on it and the party is at four. What am I supposed to do now?",
        SaysCakeApologise => "I just want my daughter to have a proper cake.",
        SaysCakeRemedy => "Can you fix this today?",
        SaysCakeConfirm => "Thank you. Will anyone check that it all went well?",
        SaysParcelListen => "I paid for express and got it four days late. What is the point of express?",
        SaysParcelApologise => "I have ordered from you for years and this keeps happening.",
        SaysParcelRemedy => "I would at least like the delivery charge back.",
        SaysParcelConfirm => "Fine. Please make sure it does not happen again.",
        SaysCallListen => "I was treated like a nuisance. He hung up on me.",
        SaysCallApologise => "I am not sure I want to shop with you any more.",
        SaysCallRemedy => "I don't want money. I want to be taken seriously.",
        SaysCallConfirm => "All right. Thank you for actually listening.",
        GoodListen => "Let them finish without interrupting. Note what it cost them (money, time, an occasion), then pick what happened, the loss and how serious it is.",
        GoodApologise => "Use their name, say sorry for the specific thing once, with no \"but\", and say what you will do now.",
        GoodRemedy => "Put it right first (the correct item, the service redone, the money back), then something for the trouble, inside your limit.",
        GoodConfirm => "Say exactly what happens next and when you will check in, and thank them for telling you.",
        RolePlayTitle => "Role-play: {title}",
        CustomerSays => "The customer says:",
        GoodLooksLike => "What good looks like:",
        FeedbackTitle => "How it went",
        FeedbackChecklist => "Checklist: {done} of {of} done.",
        FeedbackMissing => "Not ticked: {items}.",
        FeedbackTime => "Time taken: {time}.",
        FeedbackBelow => "You gave {given}, below the research's band of {low} to {high}: the customer may feel short-changed.",
        FeedbackWithin => "You gave {given}, inside the research's band of {low} to {high}.",
        FeedbackAbove => "You gave {given}, above the research's band of {low} to {high}: more than pays back.",
        SeverityLegend => "How serious is it?",
        SeverityTile => "Severity {level}",
        StaffIntro => "Amends keeps your limits and recoveries under your name on this device.",
        StaffKnown => "People on this device",
        StaffName => "Your name",
        StaffRole => "Your role",
        StaffRoleHint => "Your role sets what you may give without asking. A name already on this device keeps its role; a manager changes roles.",
        StaffStart => "Start",
        StaffTitle => "Who is using this device?",
        StartNext => "Start the next recovery",
        StartOver => "Start over",
        SummaryApproval => "Approval",
        SummaryCost => "Cost to the business",
        SummaryLoss => "Customer's loss",
        SummaryRemedies => "Remedies",
        SummaryWhat => "What happened",
        Ticket => "Ticket number (optional)",
        TierLabel => "Customer tier",
        TouchpointLegend => "When did it go wrong?",
        UseName => "Use their name: {name}.",
        WaitMinutes => "{m} min {s} s",
        WaitSeconds => "{s} s",
        WhatFallback => "this",
        WhyTitle => "Why these amounts",
        AllCategories => "All categories",
        FilterCategory => "Category",
        FilterFrom => "From",
        FilterTo => "To",
        LogCount => "Showing {shown} of {total} recoveries.",
        LogFilters => "Filter the log",
        LogOutcome => "Outcome",
        LogStaff => "Staff",
        LogUnreadable => "{n} stored entries could not be read; they were left untouched.",
        PersistGranted => "This browser will keep Amends' data.",
        PersistDenied => "This browser may clear Amends' data when space runs low: export a backup now and then.",
        DecisionWithin => "Within your authority",
        DecisionAsk => "Needs approval: {limit}; ask {who}",
        DecisionOver => "Needs approval: exceeds {limit} by {over}; {who} can approve",
        DecisionNotAllowed => "Not allowed for your role: {remedy}",
        AnyManager => "a manager",
        ReasonBase => "{level}: {share} of the loss",
        ReasonKeepsItem => "The customer keeps the item: a partial refund of {factor} of the price for the flaw, and every share is of that",
        ReasonSeverity => "Severity {level}: {adjust}",
        ReasonTier => "{tier}: {adjust}",
        ReasonNotResponsible => "We were not responsible: {adjust}",
        ReasonRepeat => "{nth} failure in {days} days: the recovery paradox is unlikely, give the generous option",
        ReasonFirst => "First failure: a good recovery can leave this customer more loyal than before",
        ReasonCeiling => "Capped at {ceiling} of the loss: more can backfire",
        ReasonNoLoss => "No money was lost: attention first, with a gesture worth {gesture}",
        ReasonMatched => "For {failure}, the goodwill is {remedy}",
        ReasonTopUp => "The goodwill as {remedy}: costs the business {share} of its value",
        ReasonGesture => "{remedy}: how they are treated weighs as much as what they get",
        ReasonRounded => "The goodwill is rounded up to a whole amount",
        ReasonSubstitute => "{wanted} is not allowed for your role: {used} instead",
        ReasonPutCorrection => "Correcting the charge returns exactly {amount}: the customer's own money, not a gift",
        ReasonPutRefund => "A full refund is exactly the {amount} paid",
        ReasonPutPartial => "A partial refund of {amount} for the flaw: less than was paid",
        ReasonPutReplace => "The item goes back and is replaced: worth the {amount} paid",
        ReasonPutRedo => "The service is done again: worth the {amount} paid",
        ReasonPutOther => "{remedy} puts it right: {amount}",
        ReasonHasOrder => "Nothing to refund or replace: what was bought is the 100%, the goodwill is the share above it",
        ReasonCounts => "{remedy} counts against your limits (policy setting)",
        ReasonOutside => "{remedy} does not count against your limits (policy setting)",
        ReasonTotal => "In all {total}: {share} of {of} (percentages rounded to 0.01%)",
        ReasonConverted => "Limits checked in {to} at 1 {from} = {rate} {to}, the rate set on {date}",
        ReasonNotAccepted => "{currency} is not a currency this policy accepts: a manager must approve",
        DecisionCurrency => "Needs approval: {currency} is not a currency this policy accepts; ask {who}",
        PartPutRight => "Put right",
        PartCompensate => "Compensate",
        PartNothing => "Nothing to return or replace",
        OptionFace => "Worth {face} to the customer",
        OrdinalOne => "{n}st",
        OrdinalTwo => "{n}nd",
        OrdinalFew => "{n}rd",
        OrdinalOther => "{n}th",
        ErrAmountEmpty => "Enter an amount.",
        ErrAmountNotANumber => "Enter a number, like {example}.",
        ErrAmountNegative => "The amount cannot be negative.",
        ErrAmountNoDecimals => "{currency} has no decimals.",
        ErrAmountDecimals => "{currency} has at most {max} decimals.",
        ErrAmountTooLarge => "The amount is too large.",
        ErrAmountMixed => "{a} and {b} cannot be mixed.",
        ErrReferenceEmpty => "Enter an email, phone or loyalty id, or leave it empty.",
        ErrReferenceTooLong => "This reference is too long.",
        ErrCodeMalformed => "A code has 8 letters and digits, like K7QF-2M9A.",
        ErrCodeExpired => "This code has expired: ask the manager for a new one.",
        ErrCodeUsed => "This code was already used.",
        ErrCodeMismatch => "This code is not for this recovery and amount. Check the reference and cost you read out.",
        ErrCryptoUnavailable => "This browser offers no secure hashing here (crypto.subtle): open Amends over https or from this device's own address.",
        ErrCryptoFailed => "The browser could not compute the PIN's hash ({why}).",
        ErrPinDigits => "Use digits only.",
        ErrPinShort => "Use at least 6 digits.",
        ErrContactEmpty => "Enter their email address or phone number, or untick their agreement.",
        ErrContactInvalid => "This is neither an email address nor a phone number.",
        ErrContactTooLong => "This contact is too long.",
        ErrPinLong => "Use at most 12 digits.",
        ErrStorageUnavailable => "This browser is not keeping data for Amends (private browsing, or storage is turned off). Download the record so it is not lost.",
        ErrStorageQuota => "The device has no room left for Amends' data. Download the record so it is not lost, then free some space.",
        ErrStorageBlocked => "Another Amends tab is still using an older version of the data. Close the other Amends tabs, then try again.",
        ErrStorageTooNew => "This device holds data from a newer version of Amends. Reload the page to update.",
        ErrStorageFailed => "Saving failed ({why}). Download the record so it is not lost.",
        ErrStorageCorrupt => "A stored entry could not be read ({what}); it was left untouched.",
        LogScoreCsat => "CSAT {v}/5",
        LogScoreNps => "NPS {v}/10",
        LogScoreCes => "CES {v}/7",
        LogRemedyLine => "{remedy} {face} ({cost})",
    }
}

/// The text for `m` in the user's language.
pub fn t(m: M) -> &'static str {
    en(m)
}

/// The text for `m` with each `{key}` replaced by its value.
pub fn tf(m: M, args: &[(&str, &str)]) -> String {
    fill(t(m), args)
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
        FailureType::Monetary => "Money",
        FailureType::Product => "Product",
        FailureType::Service => "Service",
        FailureType::Attention => "Attention or courtesy",
        FailureType::Delay => "Delay",
    }
}

/// A failure type inside a sentence, with its article: "a product failure".
pub fn failure_phrase(f: FailureType) -> &'static str {
    match f {
        FailureType::Monetary => "a money failure",
        FailureType::Product => "a product failure",
        FailureType::Service => "a service failure",
        FailureType::Attention => "an attention or courtesy failure",
        FailureType::Delay => "a delay",
    }
}

pub fn failure_detail(f: FailureType) -> &'static str {
    match f {
        FailureType::Monetary => "Charged wrongly, lost money",
        FailureType::Product => "Faulty, wrong or missing item",
        FailureType::Service => "A service not done or done badly",
        FailureType::Attention => "Rude, ignored, not helped",
        FailureType::Delay => "Late, long wait",
    }
}

pub fn category(c: Category) -> &'static str {
    match c {
        Category::LateDelivery => "Late delivery",
        Category::LostDelivery => "Lost delivery",
        Category::WrongItem => "Wrong item",
        Category::Defect => "Defect",
        Category::Damaged => "Damaged",
        Category::BillingError => "Billing error",
        Category::Overcharged => "Overcharged",
        Category::RudeStaff => "Rude staff",
        Category::UnhelpfulStaff => "Unhelpful staff",
        Category::LongWait => "Long wait",
        Category::OutOfStock => "Out of stock",
        Category::ServiceNotDone => "Service not done",
        Category::BrokenPromise => "Broken promise",
        Category::Other => "Other",
    }
}

/// The category inside a sentence: "Thank you for telling us about {what}".
pub fn category_phrase(c: Category) -> &'static str {
    match c {
        Category::LateDelivery => "your late delivery",
        Category::LostDelivery => "your lost delivery",
        Category::WrongItem => "receiving the wrong item",
        Category::Defect => "the fault in your item",
        Category::Damaged => "your damaged item",
        Category::BillingError => "the error in your bill",
        Category::Overcharged => "being overcharged",
        Category::RudeStaff => "how you were spoken to",
        Category::UnhelpfulStaff => "not getting the help you needed",
        Category::LongWait => "your long wait",
        Category::OutOfStock => "the item being out of stock",
        Category::ServiceNotDone => "the service that was not done",
        Category::BrokenPromise => "the promise we did not keep",
        Category::Other => "what happened",
    }
}

pub fn severity(s: Severity) -> &'static str {
    match s.level() {
        1 => "Minor: an annoyance, easily put right",
        2 => "Noticeable: cost them some time or effort",
        3 => "Significant: lost money, time or what they came for",
        4 => "Serious: a real loss or a special occasion spoiled",
        _ => "Severe: harm, a large loss, or about to leave for good",
    }
}

pub fn tier(t: Tier) -> &'static str {
    match t {
        Tier::New => "New customer",
        Tier::Regular => "Regular",
        Tier::Loyal => "Loyal",
        Tier::Vip => "VIP",
    }
}

pub fn touchpoint(t: Touchpoint) -> &'static str {
    match t {
        Touchpoint::PrePurchase => "Before buying",
        Touchpoint::Purchase => "Buying",
        Touchpoint::PostPurchase => "After buying",
        Touchpoint::PostDelivery => "After delivery",
    }
}

pub fn channel(c: Channel) -> &'static str {
    match c {
        Channel::InStore => "In store",
        Channel::Phone => "Phone",
        Channel::Email => "Email",
        Channel::Chat => "Chat",
        Channel::Social => "Social media",
        Channel::Messaging => "Messaging",
    }
}

pub fn level(l: Level) -> &'static str {
    match l {
        Level::Fair => "Fair",
        Level::Recommended => "Recommended",
        Level::Generous => "Generous",
    }
}

pub fn remedy(k: RemedyKind) -> &'static str {
    match k {
        RemedyKind::Correction => "Correct the charge",
        RemedyKind::RefundFull => "Full refund",
        RemedyKind::RefundPartial => "Partial refund",
        RemedyKind::Replacement => "Replacement or exchange",
        RemedyKind::RedoService => "Redo the service",
        RemedyKind::StoreCredit => "Store credit",
        RemedyKind::DiscountNext => "Discount on next purchase",
        RemedyKind::FreeShipping => "Free shipping or upgrade",
        RemedyKind::ComplimentaryItem => "Complimentary item or gift",
        RemedyKind::FeeWaiver => "Fee waived",
        RemedyKind::ManagerApology => "Personal apology from a manager",
        RemedyKind::HandwrittenNote => "Handwritten note",
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
        RemedyKind::Correction => "correcting the charge",
        RemedyKind::RefundFull => "a full refund",
        RemedyKind::RefundPartial => "a partial refund",
        RemedyKind::Replacement => "replacement or exchange",
        RemedyKind::RedoService => "redoing the service",
        RemedyKind::StoreCredit => "store credit",
        RemedyKind::DiscountNext => "a discount on the next purchase",
        RemedyKind::FreeShipping => "free shipping or an upgrade",
        RemedyKind::ComplimentaryItem => "a complimentary item or gift",
        RemedyKind::FeeWaiver => "waiving the fee",
        RemedyKind::ManagerApology => "a personal apology from a manager",
        RemedyKind::HandwrittenNote => "a handwritten note",
    }
}

fn limit(l: Limit) -> &'static str {
    match l {
        Limit::PerIncident => "your limit per incident",
        Limit::PerShift => "your limit per shift",
        Limit::PerCustomer => "the limit per customer",
        Limit::Currency => "limits set in another currency",
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
        Reason::Repeat { prior, window_days } => tf(
            M::ReasonRepeat,
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
