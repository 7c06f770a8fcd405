//! The one catalogue of text the user reads, keyed by id so it can be translated.
//!
//! Views never hold literal user-facing strings: they ask `t(M::Id)` or, with
//! placeholders, `tf(M::Id, &[("name", value)])`. A translation is another `match`
//! over the same ids; the compiler then refuses a missing entry.
//! Amounts and dates are not formatted here: `services::intl` asks the browser.

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
    ApologyWrittenText,
    ApologyCopy,
    ChecklistLegend,
    CheckListened,
    CheckAcknowledged,
    CheckApologised,
    CheckOwned,
    CheckExplained,
    PinSetTitle,
    PinSetIntro,
    PinNew,
    PinConfirm,
    PinSetSave,
    PinMismatch,
    PinLabel,
    PinSubmit,
    PinWrong,
    PinLocked,
    PinWorking,
    PinManagerName,
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
        ApologyWrittenText => "Hi {name},\n\nThank you for telling us about {what}. I am sorry: that is not the experience we want you to have, and I understand how frustrating it is.\n\nI am taking care of this myself and will tell you exactly how we will put it right in my next message.\n\n{staff}",
        ApologyCopy => "Copy apology text",
        ChecklistLegend => "What you have done",
        CheckListened => "Listened without interrupting",
        CheckAcknowledged => "Acknowledged the feeling",
        CheckApologised => "Apologised",
        CheckOwned => "Took ownership",
        CheckExplained => "Explained what happens next",
        PinSetTitle => "Set the manager PIN",
        PinSetIntro => "No manager PIN is set on this device yet. A manager chooses one now (6 to 12 digits); it is stored only as a slow, salted hash.",
        PinNew => "New manager PIN",
        PinConfirm => "Type the PIN again",
        PinSetSave => "Set PIN",
        PinMismatch => "The two PINs differ.",
        PinLabel => "Manager PIN",
        PinSubmit => "Approve",
        PinWrong => "Wrong PIN. {left} tries left before a lock-out.",
        PinLocked => "Too many wrong tries. Try again in {wait}.",
        PinWorking => "Checking…",
        PinManagerName => "Manager's name",
    }
}

/// The text for `m` in the user's language.
pub fn t(m: M) -> &'static str {
    en(m)
}

/// The text for `m` with each `{key}` replaced by its value.
pub fn tf(m: M, args: &[(&str, &str)]) -> String {
    let mut out = t(m).to_owned();
    for (key, value) in args {
        out = out.replace(&format!("{{{key}}}"), value);
    }
    out
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
