//! Catalogue entries of the manager pages (part of the one catalogue in `crate::i18n`).
//!
//! Also words the domain's policy rules, file errors and backup errors for manager mode.

use amends_domain::export::BackupError;
use amends_domain::policy::{Bound, LoadError, Rule, Setting};

use crate::services::files::FileError;

/// Message ids of the manager pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Msg {
    // Gate and bar
    GateTitle,
    GateIntro,
    GateSubmit,
    OpenNotice,
    WhoLabel,
    WhoHint,
    ErrWho,
    Leave,
    MenuLabel,
    SectionPolicy,
    SectionStaff,
    SectionApprovals,
    SectionPolicyFile,
    SectionData,
    SectionPrivacy,
    SectionAudit,
    SectionPin,
    // Policy editor
    PolicyTitle,
    PolicyIntro,
    PolicyNeverSaved,
    PresetRitz,
    PresetConservative,
    PresetHint,
    PresetApplied,
    GeneralTitle,
    PolicyName,
    Currency,
    CurrencyHint,
    InCurrency,
    Retention,
    RetentionHint,
    RolesTitle,
    RoleN,
    RoleName,
    PerIncident,
    PerShift,
    PerCustomer,
    Approves,
    AllowedLegend,
    AllowedFor,
    RemoveRole,
    AddRole,
    CatalogueTitle,
    CatalogueIntro,
    Offered,
    FitsFor,
    Fits,
    CostShare,
    CostShareHint,
    DiscountPercent,
    SettingsTitle,
    SettingsIntro,
    Fair,
    Recommended,
    Generous,
    Ceiling,
    KeepsItemFactor,
    NotResponsible,
    SeverityLegend,
    SeverityAdjust,
    TierLegend,
    TierAdjust,
    RepeatRule,
    RoundUp,
    WindowDays,
    ShiftHours,
    ApologyFrom,
    Gesture,
    ApprovalKey,
    CustomerSalt,
    WholePolicy,
    FieldIn,
    FixBeforeSaving,
    SavePolicy,
    Saving,
    Saved,
    Unsaved,
    NoUnsaved,
    ErrCurrency,
    ErrNumberEmpty,
    ErrPercent,
    ErrPercentDecimals,
    ErrNumberTooLarge,
    // Staff
    StaffTitle,
    StaffIntro,
    StaffEmpty,
    StaffHere,
    StaffRoleOf,
    StaffUnknownRole,
    StaffRemove,
    StaffRemoved,
    StaffRoleChanged,
    // Remote approval
    ApprovalsTitle,
    ApprovalsIntro,
    ApprovalsNotReady,
    ApprovalsShare,
    ReferenceLabel,
    ReferenceHint,
    ErrReference,
    ApproveAmount,
    MakeCode,
    RemoteWho,
    RemoteWhoPick,
    RemoteWhoUnknown,
    RemoteWhat,
    RemoteWhatPick,
    RemoteWhatUnknown,
    RemoteWhy,
    RemoteWhyHint,
    RemoteWhyUnknown,
    RemoteCheck,
    RemoteReviewTitle,
    RemoteReview,
    RemoteChange,
    CodeFor,
    CodeExpiry,
    // Policy file
    PolicyFileTitle,
    PolicyFileIntro,
    PolicyFileNotSaved,
    ExportPolicy,
    ImportPolicyTitle,
    ImportPolicyLabel,
    ImportPolicyHint,
    PolicySame,
    PolicyDiffIntro,
    PolicyDiffCaption,
    ApplyImport,
    ImportedPolicy,
    ColField,
    ColNow,
    ColAfter,
    ColBefore,
    ColWhen,
    ColWho,
    Cancel,
    Close,
    Downloaded,
    DownloadFailed,
    // Data
    DataTitle,
    ExportTitle,
    IncludePractice,
    ExportCount,
    ExportCsv,
    ExportJsonl,
    BackupTitle,
    BackupIntro,
    DownloadBackup,
    RestoreTitle,
    RestoreLabel,
    RestoreHint,
    RestorePlanTitle,
    PlanRecords,
    PlanStaff,
    PlanAudit,
    PlanPolicy,
    PlanPolicySame,
    ReplacePolicy,
    ReplacePolicyHint,
    NothingToRestore,
    Restore,
    Restored,
    RestoredWithPolicy,
    ImportTitle,
    ImportLabel,
    ImportHint,
    ImportRejected,
    LineError,
    ImportPlan,
    ImportN,
    Imported,
    // Privacy
    PrivacyTitle,
    EraseTitle,
    EraseIntro,
    EraseNotSaved,
    EraseReference,
    FindRecords,
    NoRecordsFound,
    EraseFound,
    EraseFoundOne,
    EraseWarning,
    EraseN,
    EraseOne,
    Erased,
    ErasedOne,
    RetentionTitle,
    RetentionOn,
    RetentionOff,
    RetentionDue,
    RetentionRun,
    RetentionDone,
    // Audit
    AuditTitle,
    AuditCaption,
    AuditEmpty,
    AuditShowAll,
    AuditAutomatic,
    // PIN
    PinChangeTitle,
    PinChangeOld,
    PinChangeCheck,
    PinChangeNew,
    PinChanged,
    PinChangeAgain,
    SettingPerShift,
    SettingPerCustomer,
    SettingRecommended,
    SettingGenerous,
    SettingCeiling,
    RuleExceeds,
    RuleCurrency,
    RuleNotInCatalogue,
    RuleRange,
    RuleEmpty,
    RuleOneRole,
    RuleApprover,
    RuleRoleId,
    RuleRoleTaken,
    RuleNegative,
    RuleTooLarge,
    RuleTwice,
    RuleNoFit,
    RuleAtMost,
    RuleSchema,
    RuleMissing,
    RuleKey,
    RulePositive,
    ErrRate,
    // Issue 10: remedies kept outside limits, accepted currencies.
    OutsideLimits,
    CurrenciesTitle,
    CurrenciesHint,
    CurrencyCode,
    CurrencyRate,
    CurrencySetOn,
    CurrencyAdd,
    CurrencyRemove,
    RuleDate,
    RuleUnreadable,
    LoadNotJson,
    LoadTooNew,
    LoadInvalid,
    BackupNotBackup,
    BackupTooNew,
    BackupPolicy,
    BackupRecord,
    FileNone,
    FileUnreadable,
    FileNotText,
    // CSV store column, unreadable records in exports and backups, imports past retention
    StoreName,
    StoreNameHint,
}

/// English, the source language.
pub fn t(m: Msg) -> &'static str {
    use Msg::*;
    match m {
        GateTitle => "Open manager mode",
        GateIntro => "Enter the manager PIN. Manager mode closes by itself after 10 minutes without activity.",
        GateSubmit => "Open manager mode",
        OpenNotice => "Manager mode is open. It closes after 10 minutes without activity.",
        WhoLabel => "Your name (for the audit)",
        WhoHint => "Every change you save is recorded under this name.",
        ErrWho => "Enter your name: changes are recorded under it.",
        Leave => "Leave manager mode",
        MenuLabel => "Manager sections",
        SectionPolicy => "Policy",
        SectionStaff => "Staff",
        SectionApprovals => "Approve by phone",
        SectionPolicyFile => "Policy file",
        SectionData => "Data",
        SectionPrivacy => "Privacy",
        SectionAudit => "Audit",
        SectionPin => "Manager PIN",
        PolicyTitle => "Policy",
        PolicyIntro => "Who may give what without asking, the remedies on offer and how the calculator suggests amounts.",
        PolicyNeverSaved => "This device uses the Conservative retail preset and no policy has been saved yet. Save once to set up remote approval and customer matching.",
        PresetRitz => "Apply Ritz-Carlton style",
        PresetConservative => "Apply Conservative retail",
        PresetHint => "A preset fills in the editor as a starting point; nothing changes until you save.",
        PresetApplied => "Preset filled in below. Review it, then save.",
        GeneralTitle => "General",
        PolicyName => "Policy name",
        Currency => "Currency",
        CurrencyHint => "Limits and amounts are in this currency.",
        InCurrency => "In {currency}.",
        Retention => "Keep recoveries for (months)",
        RetentionHint => "Older recoveries are removed automatically. Leave empty to keep them all.",
        RolesTitle => "Roles and limits",
        RoleN => "Role {n}",
        RoleName => "Role name",
        PerIncident => "Limit per incident",
        PerShift => "Limit per shift",
        PerCustomer => "Limit per customer",
        Approves => "May approve above-limit remedies",
        AllowedLegend => "Remedies this role may give",
        AllowedFor => "Remedies {role} may give",
        RemoveRole => "Remove role {role}",
        AddRole => "Add a role",
        CatalogueTitle => "Remedy catalogue",
        CatalogueIntro => "Which remedies staff may offer, and what each costs the business per unit of value to the customer (cash 100%, store credit less).",
        Offered => "Offered",
        FitsFor => "Suggest {remedy} for",
        Fits => "Kinds of failure",
        CostShare => "Cost to the business (% of value)",
        CostShareHint => "Between 0 and 100.",
        DiscountPercent => "Discount offered (%)",
        SettingsTitle => "Calculator settings",
        SettingsIntro => "Shares of the customer's loss for each option, and the adjustments added to them (in %, may be negative).",
        Fair => "Fair (% of the loss)",
        Recommended => "Recommended (% of the loss)",
        Generous => "Generous (% of the loss)",
        Ceiling => "Never above (% of the loss)",
        KeepsItemFactor => "Customer keeps the item: share of the option (%)",
        NotResponsible => "Not our fault: adjustment (%)",
        SeverityLegend => "Adjustment by severity",
        SeverityAdjust => "Severity {n} (%)",
        TierLegend => "Adjustment by customer tier",
        TierAdjust => "{tier} (%)",
        RepeatRule => "Suggest the generous option to customers who had a failure before",
        RoundUp => "Round suggested amounts up to a whole unit",
        WindowDays => "Customer window (days)",
        ShiftHours => "Shift length (hours)",
        ApologyFrom => "Manager's apology from severity",
        Gesture => "Gesture when no money was lost",
        ApprovalKey => "Approval key",
        CustomerSalt => "Customer matching key",
        WholePolicy => "Policy",
        FieldIn => "{group}: {field}",
        FixBeforeSaving => "Nothing was saved. Fix these first ({n}):",
        SavePolicy => "Save policy",
        Saving => "Saving…",
        Saved => "Policy saved. Changes recorded in the audit: {n}.",
        Unsaved => "You have unsaved changes.",
        NoUnsaved => "No unsaved changes.",
        ErrCurrency => "Choose a currency.",
        ErrNumberEmpty => "Enter a number.",
        ErrPercent => "Enter a number, like 20 or 12.5.",
        ErrPercentDecimals => "Use at most 2 decimals.",
        ErrNumberTooLarge => "This number is too large.",
        StaffTitle => "Staff on this device",
        StaffIntro => "Staff sign in with their name when they start a recovery; a new name starts with the lowest role. Here a manager gives someone another role or removes them; each change is recorded in the audit.",
        StaffEmpty => "No one has used this device yet.",
        StaffHere => "using this device now",
        StaffRoleOf => "Role of {name}",
        StaffUnknownRole => "{role} (not in the policy)",
        StaffRemove => "Remove {name}",
        StaffRemoved => "{name} was removed from this device.",
        StaffRoleChanged => "The role of {name} was changed.",
        ApprovalsTitle => "Approve by phone",
        ApprovalsIntro => "A staff member who needs approval reads out who they are, what happened, what they would like to give and why, the reference and the cost. Write it down here, check it, then make a code and read it back: it works once, only for that recovery and amount, for about 20 minutes.",
        ApprovalsNotReady => "Remote approval is not set up yet: save the policy once (Policy section) to create the approval key, then export the policy file and import it on the staff devices, so they share the key.",
        ApprovalsShare => "Staff devices must use the same policy file as this one (Policy file section), or the code will not match.",
        ReferenceLabel => "Reference",
        ReferenceHint => "As read out, like K7QF-2M.",
        ErrReference => "A reference has 6 letters and digits, like K7QF-2M.",
        ApproveAmount => "Cost to the business",
        MakeCode => "Make approval code",
        RemoteWho => "Who is asking",
        RemoteWhoPick => "Choose who is asking",
        RemoteWhoUnknown => "someone not on this device's staff list",
        RemoteWhat => "What happened",
        RemoteWhatPick => "Choose what happened",
        RemoteWhatUnknown => "something not said",
        RemoteWhy => "Why it needs approval",
        RemoteWhyHint => "As they read it out, e.g. above the limit per incident.",
        RemoteWhyUnknown => "not said",
        RemoteCheck => "Check before approving",
        RemoteReviewTitle => "Check before you approve",
        RemoteReview => "{who} asks to give {amount} for: {what}. Why: {why}. Reference {reference}.",
        RemoteChange => "Change something",
        CodeFor => "Approval code for {reference}, cost {amount}:",
        CodeExpiry => "Read it out. It expires in about 20 minutes and works only once.",
        PolicyFileTitle => "Policy file",
        PolicyFileIntro => "Export this policy to set up other devices the same way. The file holds the approval key and the customer matching key: share it only with your own devices.",
        PolicyFileNotSaved => "The policy has not been saved on this device yet: save it first, so the file carries the keys other devices need.",
        ExportPolicy => "Export policy",
        ImportPolicyTitle => "Import a policy",
        ImportPolicyLabel => "Policy file to import",
        ImportPolicyHint => "It is checked first; you see what would change before anything does.",
        PolicySame => "This policy is the same as the one on this device: nothing would change.",
        PolicyDiffIntro => "Importing \"{name}\" would change the settings below. Check them, then apply or cancel.",
        PolicyDiffCaption => "Settings that change ({n})",
        ApplyImport => "Apply imported policy",
        ImportedPolicy => "Imported policy saved. Changes recorded in the audit: {n}.",
        ColField => "Setting",
        ColNow => "Now",
        ColAfter => "After",
        ColBefore => "Before",
        ColWhen => "When",
        ColWho => "Who",
        Cancel => "Cancel",
        Close => "Close",
        Downloaded => "Download started: {file}.",
        DownloadFailed => "The browser did not start the download. Try again, or use another browser.",
        DataTitle => "Data out and back",
        ExportTitle => "Export the log",
        IncludePractice => "Include practice recoveries",
        ExportCount => "Recoveries to export: {n}.",
        ExportCsv => "Export CSV",
        ExportJsonl => "Export JSON Lines",
        BackupTitle => "Full backup",
        BackupIntro => "The policy, staff, every recovery (practice ones too) and the audit, in one file. Keep it safe: it holds the approval key.",
        DownloadBackup => "Download backup",
        RestoreTitle => "Restore from a backup",
        RestoreLabel => "Backup file to restore",
        RestoreHint => "The whole file is checked first. Recoveries already here are kept; nothing is half-applied.",
        RestorePlanTitle => "What restoring adds",
        PlanRecords => "Recoveries: {add} to add, {skip} already here.",
        PlanStaff => "Staff: {add} to add, {skip} already here.",
        PlanAudit => "Audit entries: {add} to add, {skip} already here.",
        PlanPolicy => "Policy: different from this device's (changed settings: {n}).",
        PlanPolicySame => "Policy: the same as this device's.",
        ReplacePolicy => "Replace this device's policy with the backup's",
        ReplacePolicyHint => "Each changed setting is recorded in the audit.",
        NothingToRestore => "Nothing to restore: everything in this backup is already here.",
        Restore => "Restore",
        Restored => "Restored. Recoveries added: {added}; already here: {skipped}. Staff added: {staff}. Audit entries added: {audit}.",
        RestoredWithPolicy => "Restored. Recoveries added: {added}; already here: {skipped}. Staff added: {staff}. Audit entries added: {audit}. The backup's policy is now in use.",
        ImportTitle => "Import recoveries (JSON Lines)",
        ImportLabel => "JSON Lines file to import",
        ImportHint => "From another device's JSON Lines export. If any line has a problem, nothing is imported.",
        ImportRejected => "Nothing was imported. Lines with problems: {n}.",
        LineError => "Line {line}: {problem}",
        ImportPlan => "New recoveries: {add}. Already here: {same}. Same id as one here but different (the one here is kept): {conflicts}.",
        ImportN => "Import new recoveries ({n})",
        Imported => "Recoveries imported: {n}.",
        PrivacyTitle => "Privacy",
        EraseTitle => "Erase one customer's recoveries",
        EraseIntro => "Type the customer's email, phone number or loyalty id. Amends stores only a scrambled code of it, and finds their recoveries by that code.",
        EraseNotSaved => "The policy has not been saved on this device yet, so customer references cannot be matched: save the policy first.",
        EraseReference => "Customer reference",
        FindRecords => "Find their recoveries",
        NoRecordsFound => "No recoveries of this customer are on this device.",
        EraseFound => "{n} recoveries belong to this customer",
        EraseFoundOne => "1 recovery belongs to this customer",
        EraseWarning => "Erasing removes them from this device for good; the audit notes how many, not who.",
        EraseN => "Erase {n} records",
        EraseOne => "Erase 1 record",
        Erased => "Erased {n} records.",
        ErasedOne => "Erased 1 record.",
        RetentionTitle => "Retention",
        RetentionOn => "Recoveries older than {months} months are removed automatically when manager mode opens. Change the period in the policy.",
        RetentionOff => "Recoveries are kept until erased. Set a period in the policy to remove old ones automatically.",
        RetentionDue => "Older than that now: {n}.",
        RetentionRun => "Remove them now",
        RetentionDone => "Retention removed recoveries older than {months} months: {n}.",
        AuditTitle => "Audit",
        AuditCaption => "Changes, newest first",
        AuditEmpty => "No changes have been recorded yet.",
        AuditShowAll => "Show all {n}",
        AuditAutomatic => "Amends (automatic)",
        PinChangeTitle => "Change the manager PIN",
        PinChangeOld => "Enter the current manager PIN first.",
        PinChangeCheck => "Check current PIN",
        PinChangeNew => "Now choose the new PIN (6 to 12 digits) and type it twice.",
        PinChanged => "The manager PIN was changed.",
        PinChangeAgain => "Change it again",
        SettingPerShift => "the limit per shift",
        SettingPerCustomer => "the limit per customer",
        SettingRecommended => "the Recommended share",
        SettingGenerous => "the Generous share",
        SettingCeiling => "the ceiling",
        RuleExceeds => "Must not be more than {setting}.",
        RuleCurrency => "Must be in {currency}.",
        RuleNotInCatalogue => "{remedy} is not in the remedy catalogue.",
        RuleRange => "Must be from {from} to {to}.",
        RuleEmpty => "Must not be empty.",
        RuleOneRole => "Add at least one role.",
        RuleApprover => "At least one role must be allowed to approve above-limit remedies.",
        RuleRoleId => "Use letters or digits in the name.",
        RuleRoleTaken => "Another role has the same name.",
        RuleNegative => "Must not be negative.",
        RuleTooLarge => "This amount is too large.",
        RuleTwice => "Listed twice.",
        RuleNoFit => "Pick at least one kind of failure, or stop offering this remedy.",
        RuleAtMost => "Must be at most {max}.",
        RuleSchema => "Must be format {v}.",
        RuleMissing => "Missing: the file does not say which format it is in.",
        RuleKey => "This key is damaged: import a policy file that has it, or reset the policy.",
        RulePositive => "Must be more than zero.",
        ErrRate => "Enter a rate like 1.08 (up to 6 digits after the point).",
        OutsideLimits => "Putting right with it does not count against limits",
        CurrenciesTitle => "Other currencies accepted",
        CurrenciesHint => "Limits are checked after converting at your rate: one unit of the currency in {currency}.",
        CurrencyCode => "Currency {n}",
        CurrencyRate => "Rate of currency {n} in {currency}",
        CurrencySetOn => "Rate of currency {n} set on",
        CurrencyAdd => "Add a currency",
        CurrencyRemove => "Remove currency {n}",
        RuleDate => "Must be a date like 2026-01-31.",
        RuleUnreadable => "Cannot be read ({why}).",
        LoadNotJson => "This file is not a policy file (it is not JSON).",
        LoadTooNew => "This policy file was made by a newer version of Amends (format {v}). Update Amends first.",
        LoadInvalid => "This policy file has a problem at \"{field}\": {rule} Nothing was changed.",
        BackupNotBackup => "This file is not an Amends backup.",
        BackupTooNew => "This backup was made by a newer version of Amends. Update Amends first.",
        BackupPolicy => "The backup's policy has a problem at \"{field}\": {rule} Nothing was restored.",
        BackupRecord => "Recovery number {n} in the backup cannot be read ({error}). Nothing was restored.",
        FileNone => "Choose a file.",
        FileUnreadable => "The browser could not read this file. Try again.",
        FileNotText => "This file is not text: choose the file Amends exported.",
        StoreName => "Store name",
        StoreNameHint => "Written on every row of a CSV export, so head office can tell stores apart. May be left empty.",
    }
}

/// The text for `m` with each `{key}` replaced by its value.
pub fn tf(m: Msg, args: &[(&str, &str)]) -> String {
    super::fill(t(m), args)
}

/// `one` for a single thing, else `many` with `{n}` filled in (the locale's plural rules
/// decide, through `Intl.PluralRules`).
pub fn tn(n: usize, one: Msg, many: Msg) -> String {
    if crate::services::intl::is_singular(n) {
        t(one).to_owned()
    } else {
        tf(many, &[("n", &crate::services::intl::count(n))])
    }
}

/// A policy rule broken, in words: every rule of the domain has its entry.
pub fn rule(rule: &Rule) -> String {
    use crate::services::intl::{count, figure, Figure};
    fn setting(s: Setting) -> &'static str {
        t(match s {
            Setting::PerShift => Msg::SettingPerShift,
            Setting::PerCustomer => Msg::SettingPerCustomer,
            Setting::Recommended => Msg::SettingRecommended,
            Setting::Generous => Msg::SettingGenerous,
            Setting::Ceiling => Msg::SettingCeiling,
        })
    }
    fn bound(b: &Bound) -> String {
        match b {
            Bound::Share(x) => figure(i64::from(x.0), 4, Figure::Percent2),
            Bound::Change(x) => figure(i64::from(x.0), 4, Figure::SignedPercent),
            Bound::Count(n) => count(*n),
        }
    }
    let id = match rule {
        Rule::Exceeds(what) => return tf(Msg::RuleExceeds, &[("setting", setting(*what))]),
        Rule::Currency(c) => return tf(Msg::RuleCurrency, &[("currency", c.code())]),
        Rule::NotInCatalogue(kind) => {
            return tf(
                Msg::RuleNotInCatalogue,
                &[("remedy", crate::i18n::remedy(*kind))],
            )
        }
        Rule::Between(lo, hi) => {
            return tf(Msg::RuleRange, &[("from", &bound(lo)), ("to", &bound(hi))])
        }
        Rule::AtMost(b) => return tf(Msg::RuleAtMost, &[("max", &bound(b))]),
        Rule::Schema(v) => return tf(Msg::RuleSchema, &[("v", &count(*v))]),
        Rule::Unreadable(why) => return tf(Msg::RuleUnreadable, &[("why", why)]),
        Rule::Missing => Msg::RuleMissing,
        Rule::Empty => Msg::RuleEmpty,
        Rule::NoRole => Msg::RuleOneRole,
        Rule::NoApprover => Msg::RuleApprover,
        Rule::BadId => Msg::RuleRoleId,
        Rule::IdTaken => Msg::RuleRoleTaken,
        Rule::Negative => Msg::RuleNegative,
        Rule::TooLarge => Msg::RuleTooLarge,
        Rule::Twice => Msg::RuleTwice,
        Rule::NoFit => Msg::RuleNoFit,
        Rule::BadKey => Msg::RuleKey,
        Rule::NotPositive => Msg::RulePositive,
        Rule::BadDate => Msg::RuleDate,
    };
    t(id).into()
}

/// Why a policy file was refused.
pub fn load_error(e: &LoadError) -> String {
    match e {
        LoadError::NotJson(_) => t(Msg::LoadNotJson).into(),
        LoadError::TooNew(v) => tf(Msg::LoadTooNew, &[("v", &crate::services::intl::count(*v))]),
        LoadError::Invalid(p) => tf(
            Msg::LoadInvalid,
            &[("field", &p.field), ("rule", &rule(&p.rule))],
        ),
    }
}

/// Why a backup was refused.
pub fn backup_error(e: &BackupError) -> String {
    match e {
        BackupError::NotABackup(_) => t(Msg::BackupNotBackup).into(),
        BackupError::TooNew => t(Msg::BackupTooNew).into(),
        BackupError::Policy(p) => tf(
            Msg::BackupPolicy,
            &[("field", &p.field), ("rule", &rule(&p.rule))],
        ),
        BackupError::Record { index, error } => tf(
            Msg::BackupRecord,
            &[
                ("n", &crate::services::intl::count(index + 1)),
                ("error", &error.to_string()),
            ],
        ),
    }
}

/// What a page says after offering a file: its name (`true`), or that the browser
/// refused (`false`).
pub fn download_status(name: Option<String>) -> (bool, String) {
    match name {
        Some(name) => (true, tf(Msg::Downloaded, &[("file", &name)])),
        None => (false, t(Msg::DownloadFailed).into()),
    }
}

/// Why a chosen file could not be read.
pub fn file_error(e: &FileError) -> String {
    t(match e {
        FileError::NoFile => Msg::FileNone,
        FileError::Unreadable => Msg::FileUnreadable,
        FileError::NotText => Msg::FileNotText,
    })
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use amends_domain::{Currency, Policy};

    #[test]
    fn every_rule_the_domain_breaks_is_worded() {
        let mut p = Policy::conservative_retail(Currency::USD);
        p.name = " ".into();
        p.roles[1].per_incident = amends_domain::Money::new(99_999_999, Currency::USD);
        p.roles[0].id = "Bad Id".into();
        p.settings.fair = amends_domain::Bp(50_000);
        p.settings.shift_hours = 99;
        p.approval_key = "xyz".into();
        for r in &mut p.roles {
            r.approves = false;
        }
        let errors = p.validate_all();
        assert!(errors.len() >= 6, "{errors:?}");
        for e in errors {
            let w = rule(&e.rule);
            assert!(w.ends_with('.'), "{w}");
            assert!(!w.contains('_'), "technical name left in {w:?}");
            assert!(w.chars().next().is_some_and(char::is_uppercase), "{w}");
        }
        assert_eq!(
            rule(&Rule::Between(Bound::Count(1), Bound::Count(24))),
            "Must be from 1 to 24."
        );
        assert_eq!(
            rule(&Rule::Between(
                Bound::Change(amends_domain::Bp(-10_000)),
                Bound::Change(amends_domain::Bp(10_000))
            )),
            "Must be from -100% to +100%."
        );
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(tf(Msg::EraseN, &[("n", "3")]), "Erase 3 records");
        assert_eq!(tn(3, Msg::EraseOne, Msg::EraseN), "Erase 3 records");
        assert_eq!(tn(1, Msg::EraseOne, Msg::EraseN), "Erase 1 record");
    }
}
