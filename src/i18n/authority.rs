//! Catalogue entries for who may do what on the device: first-run setup, signing in and
//! switching user, choosing the approver (part of the one catalogue in `crate::i18n`).

messages! {
    "authority.", super::M::END;
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
}

/// The text for `m` in the user's language.
#[inline(never)]
pub fn t(m: Msg) -> &'static str {
    super::catalogue::text(m.index())
}

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
