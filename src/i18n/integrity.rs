//! Catalogue entries for keeping stored data safe: retention on a wrong clock, a policy
//! that fails to load, saves refused because another tab changed the data, corrupt entries.

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
}

/// English, the source language.
pub fn t(m: Msg) -> &'static str {
    use Msg::*;
    match m {
        ClockTitle => "Old recoveries were not removed",
        ClockBehind => "The device clock says {now}, which is earlier than the newest recovery ({newest}). The clock may be wrong, so nothing is removed without you.",
        ClockAhead => "The device clock says {now}, long after the newest recovery ({newest}). The clock may be wrong, so nothing is removed without you.",
        ClockDue => "By this clock, {n} recoveries are older than {months} months and would be removed for good. If the clock is wrong, correct it and reload: nothing changes.",
        ClockConfirm => "Download a backup, then remove them",
        ClockBackupFailed => "The backup could not be downloaded, so nothing was removed.",
        RetentionPaused => "Nothing was removed: the device clock looks wrong. See the notice at the top of manager mode.",
        FaultTitle => "The saved policy could not be read",
        FaultKept => "{error} It is kept as it was and nothing replaced it. Until you choose what does, everyone works within the lowest role's limits and policy changes cannot be saved.",
        FaultRestoreLabel => "Restore from a policy file",
        FaultRestoreHint => "A policy file downloaded earlier from this or another device.",
        FaultPreset => "Download the saved policy, then start from Conservative retail",
        FaultPresetHint => "The download keeps the unreadable policy exactly as it was stored, so it can still be recovered.",
        FaultDone => "Policy replaced and in use.",
        ChangedElsewhere => "Not saved: this was changed in another tab. {what}",
        PolicyChangedIn => "The other tab changed: {fields}. This tab now shows that policy; make your change again and save.",
        ChangedField => "{field} {old} → {new}",
        AuditUnreadable => "Audit entries that could not be read: {n} ({keys}). They are kept as stored and left out of this list and of backups; new entries are added beside them.",
        BudgetOverflow => "What was already given cannot be added up ({why}), so nothing can be given or logged here until a manager checks the log. The recovery you were typing is kept.",
        PinUnreadable => "The stored manager PIN could not be read. Manager mode stays locked, and no new PIN can be set here, because that would let anyone in. Staff can go on working within their limits. To get back in, restore a backup into a fresh browser profile, or ask whoever looks after this device.",
        SaltKept => "This file brings its own customer salt. The salt used here so far is kept too, so erasing a customer still finds the recoveries logged before the import. Repeat customers are recognised only among recoveries logged from the import on.",
        FaultStaff => "The saved policy could not be read. Until a manager fixes it, everyone works within the lowest role's limits.",
        StaffChangedIn => "The other tab changed the staff list. This tab now shows it; make your change again.",
        PinChangedIn => "The manager PIN was changed there, and it stays. Leave manager mode and come back with the new PIN to change it again.",
        CodeUsedElsewhere => "this code was already used, or the list of used codes cannot be read",
        PinInMemory => "Storage on this device is full: nothing can be saved, and wrong PIN tries are counted only in this tab. Download a backup (Data), then erase recoveries no longer needed (Privacy) or free space on the device.",
    }
}

/// The text for `m` with each `{key}` replaced by its value.
pub fn tf(m: Msg, args: &[(&str, &str)]) -> String {
    super::fill(t(m), args)
}
