//! Catalogue entries of the manager pages (part of the one catalogue in `crate::i18n`).
//!
//! Also words the domain's policy rules, file errors and backup errors for manager mode.

use amends_domain::export::BackupError;
use amends_domain::policy::{Bound, LoadError, Rule, Setting};

use crate::services::files::FileError;

messages! {
    "manager.", super::integrity::Msg::END;
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
        EraseWarning,
        EraseN,
        Erased,
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
        StoreLanguage,
        StoreLanguageBrowser,
        StoreLanguageHint,
        StoreName,
        StoreNameHint,
        ExportLeftOut,
        PlanUnreadable,
        BackupRawId,
        ImportPastRetention,
        // Policy fields, values and audit events (typed audit, issues 11/12)
        RoleId,
        SchemaField,
        RateShort,
        SetOnShort,
        ValueNone,
        ValueYes,
        ValueNo,
        ValueSecret,
        ColChange,
        AuditChange,
        AuditSetUp,
        AuditReplacedFile,
        AuditReplacedPreset,
        AuditPin,
        AuditRole,
        AuditRoleRemoved,
        AuditErased,
        AuditRetention,
        AuditImported,
        AuditRestored,
        AuditLegacy,
        // Chain sync (issue 14)
        AuditSyncConflict,
        SectionChain,
        ChainTitle,
        ChainIntro,
        ChainServer,
        ChainServerHint,
        ChainStore,
        ChainStoreHint,
        ChainLogin,
        ChainPassword,
        ChainPasswordHint,
        ChainConnect,
        ChainConnected,
        ChainDisconnect,
        ChainSessionEnded,
        ChainSignInAgain,
        ChainPublish,
        ChainPublishHint,
        ChainPublished,
        ChainNotMember,
        ChainRefused,
        ChainSignedOut,
        ChainOffline,
        ChainStatusError,
        ChainUnreadable,
        SyncLabel,
        SyncShared,
        SyncLocal,
        SyncWorking,
        SyncProgress,
        SyncSynced,
        SyncKept,
        SyncOffline,
        SyncSignedOut,
        SyncRefused,
        SyncFailed,
        // Approval from anywhere (issue 14, chain build)
        AuditRemoteApproved,
        AuditRemoteDeclined,
        ApprovedRemotely,
        RemoteTitle,
        RemoteAsk,
        RemoteHint,
        RemoteUnavailable,
        RemoteWaiting,
        RemoteDeclined,
        RemoteExpired,
        RemoteChanged,
        RemoteAskAgain,
        RemoteFailed,
        RequestsTitle,
        RequestsNone,
        RequestsNotManager,
        RequestsNotConnected,
        RequestAsks,
        RequestWhat,
        RequestGiven,
        RequestRef,
        RequestPractice,
        RequestApprove,
        RequestDecline,
        RequestReason,
        RequestFailed,
        RequestsWaiting,
        // Chain view on the dashboard, and the store from the server's list (issue 14)
        ChainViewTitle,
        ChainViewIntro,
        ChainViewFilters,
        ChainViewAllStores,
        ChainViewWeek,
        ChainViewAllWeeks,
        ChainViewWeekOf,
        ChainViewCurrency,
        ChainViewByStore,
        ChainViewByWeek,
        ChainViewLoading,
        ChainViewEmpty,
        ChainViewUnreadable,
        ChainSignIn,
        ChainStoresHint,
        ChainNoStores,
        ChainOtherLogin,
        ChainLeaveWaiting,
        OtherStoresNotChecked,
        ErasedSpendsFailed,
        ChainKpiTitle,
        // Erasure reaching the chain, the store's secrets from its server (issue 14): the
        // chain build's only (the device build's code does not grow with their ids).
        #[cfg(feature = "chain")]
        SyncErasureWaits,
        #[cfg(feature = "chain")]
        ChainRotateKey,
        #[cfg(feature = "chain")]
        ChainRotateHint,
        #[cfg(feature = "chain")]
        ChainKeyRotated,
        #[cfg(feature = "chain")]
        PinNotSent,
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

/// `m`'s plural form for `n`, with `{n}` filled in (the locale's plural rules decide,
/// through `Intl.PluralRules`).
pub fn tn(n: usize, m: Msg) -> String {
    tp(m, n, &[("n", &crate::services::intl::count(n))])
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
            &[
                ("field", &super::policy::field(p.field, None, "")),
                ("rule", &rule(&p.rule)),
            ],
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
            &[
                ("field", &super::policy::field(p.field, None, "")),
                ("rule", &rule(&p.rule)),
            ],
        ),
        BackupError::Record { index, error } => tf(
            Msg::BackupRecord,
            &[
                ("n", &crate::services::intl::count(index + 1)),
                ("error", &error.to_string()),
            ],
        ),
        BackupError::RawId { index } => tf(
            Msg::BackupRawId,
            &[("n", &crate::services::intl::count(index + 1))],
        ),
    }
}

/// After an export, how many stored records it left out because this version cannot
/// read them (none: nothing to say).
pub fn left_out(unreadable: usize) -> Option<String> {
    (unreadable > 0).then(|| tn(unreadable, Msg::ExportLeftOut))
}

/// [`download_status`] of a log export, saying how many unreadable records it left out.
pub fn export_status(name: Option<String>, unreadable: usize) -> (bool, String) {
    let (ok, text) = download_status(name);
    match left_out(unreadable) {
        Some(more) if ok => (ok, format!("{text} {more}")),
        _ => (ok, text),
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
        assert_eq!(tn(3, Msg::EraseN), "Erase 3 records");
        assert_eq!(tn(1, Msg::EraseN), "Erase 1 record");
    }
}
