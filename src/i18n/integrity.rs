//! Catalogue entries for keeping stored data safe: retention on a wrong clock, a policy
//! that fails to load, saves refused because another tab changed the data, corrupt entries.

messages! {
    "integrity.", super::dashboard::Msg::END;
    /// Message ids of the data-safety notices.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum Msg {
        // Retention on a clock that looks wrong
        ClockTitle,
        ClockBehind,
        ClockAhead,
        ClockDue,
        ClockConfirm,
        ClockBackupFailed,
        RetentionPaused,
        // A stored policy that fails to load
        FaultTitle,
        FaultKept,
        FaultRestoreLabel,
        FaultRestoreHint,
        FaultPreset,
        FaultPresetHint,
        FaultDone,
        FaultStaff,
        // Two tabs
        ChangedElsewhere,
        PolicyChangedIn,
        ChangedField,
        // Corrupt entries
        AuditUnreadable,
        BudgetOverflow,
        PinUnreadable,
        SaltKept,
        // Staff list, PIN and codes across tabs; a PIN checked while storage is full
        StaffChangedIn,
        PinChangedIn,
        CodeUsedElsewhere,
        PinInMemory,
        RoleUnknown,
        // Fail closed: setup raced by another tab; a used-codes list that cannot be read
        SetUpElsewhere,
        UsedCodesUnreadable,
        WriteAborted,
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
