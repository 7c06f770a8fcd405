//! Catalogue entries for who may do what on the device: first-run setup, signing in and
//! switching user, choosing the approver (part of the one catalogue in `crate::i18n`).

/// Message ids of device setup, sign-in and approvers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Msg {
    NotSetUpTitle,
    NotSetUpBody,
    NotSetUpLink,
    SetupTitle,
    SetupIntro,
    SetupName,
    SetupPreset,
    SetupPresetHint,
    ErrSetupName,
    Using,
    SwitchUser,
    NewNameRole,
    SignInPin,
    Approver,
    ApproverHint,
    ApproverPick,
    NoApprover,
    ErrApprover,
    ApproverBeyond,
    ApprovalChanged,
    AskAgain,
}

pub fn t(m: Msg) -> &'static str {
    use Msg::*;
    match m {
        NotSetUpTitle => "A manager sets this device up first",
        NotSetUpBody => "Before staff use Amends on this device, a manager chooses the manager PIN and the policy (the limits for each role) in manager mode.",
        NotSetUpLink => "Set up this device (manager)",
        SetupTitle => "Set up this device",
        SetupIntro => "Choose the policy to start from and the manager PIN (6 to 12 digits, stored only as a slow, salted hash). You are added to the staff list as a manager who may approve.",
        SetupName => "Your name",
        SetupPreset => "Policy to start from",
        SetupPresetHint => "Every limit can be changed later in manager mode.",
        ErrSetupName => "Enter your name.",
        Using => "Using this device: {name}",
        SwitchUser => "Switch user",
        NewNameRole => "A new name starts as {role}. A manager gives other roles in manager mode.",
        SignInPin => "{name} may approve: enter the manager PIN to sign in as {name}.",
        Approver => "Approved by",
        ApproverHint => "Someone on the staff list whose role may approve. A manager gives roles in manager mode.",
        ApproverPick => "Choose who approves",
        NoApprover => "Nobody on this device may approve this for you: a manager gives someone a role that approves, in manager mode.",
        ErrApprover => "Choose who approves.",
        ApproverBeyond => "{name} may not approve this: it is beyond their own authority ({why}).",
        ApprovalChanged => "The remedy changed after it was approved: it needs approval again.",
        AskAgain => "Ask for approval again",
    }
}

pub fn tf(m: Msg, args: &[(&str, &str)]) -> String {
    super::fill(t(m), args)
}

/// What a PIN check that did not succeed means, in words.
pub fn pin_check(c: crate::hooks::app_state::PinCheck) -> String {
    use super::{tf as mtf, M};
    use crate::hooks::app_state::PinCheck;
    match c {
        PinCheck::Wrong(left) => mtf(
            M::PinWrong,
            &[("left", &crate::services::intl::count(left))],
        ),
        PinCheck::Locked(ms) => mtf(M::PinLocked, &[("wait", &super::wait(ms))]),
        // Ok is not a failure; callers handle it first.
        PinCheck::NoPin | PinCheck::Ok => t(Msg::NotSetUpTitle).into(),
    }
}
