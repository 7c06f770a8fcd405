//! One-time approval codes a manager reads out over the phone; checked with no network.
//!
//! The code is an HMAC-SHA256, under the policy's shared `approval_key`, of the
//! recovery's short reference, the amount (cost to the business) and a 10-minute time
//! slot. It is valid for the slot it was made in and the two after (20 to 30 minutes),
//! and only once: the staff device keeps the codes it accepted.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use thiserror::Error;

use crate::money::Money;

const SLOT_MS: i64 = 600_000;
/// Slots a code stays valid for, counting the one it was made in.
const VALID_SLOTS: i64 = 3;
/// Crockford's base32: no I, L, O or U, so it reads well aloud.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum CodeError {
    #[error("remote approval is not set up: a manager must save the policy once")]
    NoKey,
    #[error("a code has 8 letters and digits")]
    Malformed,
    #[error("this code has expired: ask for a new one")]
    Expired,
    #[error("this code was already used")]
    AlreadyUsed,
    #[error("this code is not for this recovery and amount")]
    Mismatch,
}

fn key_bytes(hex_key: &str) -> Result<Vec<u8>, CodeError> {
    if hex_key.len() != 64 {
        return Err(CodeError::NoKey);
    }
    (0..32)
        .map(|i| u8::from_str_radix(&hex_key[2 * i..2 * i + 2], 16).map_err(|_| CodeError::NoKey))
        .collect()
}

fn base32(bytes: &[u8], n: usize) -> String {
    let mut bits: u64 = 0;
    for b in &bytes[..8] {
        bits = bits << 8 | u64::from(*b);
    }
    (0..n)
        .map(|i| ALPHABET[(bits >> (59 - 5 * i) & 31) as usize] as char)
        .collect()
}

/// Short reference for a pending recovery, read out to the manager: "K7QF-2M".
pub fn reference(recovery_id: &str) -> String {
    let h = Sha256::digest(recovery_id.as_bytes());
    let s = base32(&h, 6);
    format!("{}-{}", &s[..4], &s[4..])
}

fn mac(key: &[u8], reference: &str, amount: Money, slot: i64) -> String {
    let Ok(mut m) = Hmac::<Sha256>::new_from_slice(key) else {
        return String::new();
    };
    m.update(
        format!(
            "amends-approval|{}|{}|{}|{slot}",
            normalise(reference),
            amount.minor,
            amount.currency
        )
        .as_bytes(),
    );
    base32(&m.finalize().into_bytes(), 8)
}

/// Upper-case, drop spaces and dashes, read O as 0 and I or L as 1.
pub fn normalise(code: &str) -> String {
    code.chars()
        .filter(|c| !matches!(c, ' ' | '-'))
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            u => u,
        })
        .collect()
}

/// Make a code for `reference` and `amount`, shown as "ABCD-EFGH".
pub fn issue(
    hex_key: &str,
    reference: &str,
    amount: Money,
    now_ms: i64,
) -> Result<String, CodeError> {
    let key = key_bytes(hex_key)?;
    let c = mac(&key, reference, amount, now_ms.div_euclid(SLOT_MS));
    Ok(format!("{}-{}", &c[..4], &c[4..]))
}

/// Check a code typed on the staff device. `used` are codes accepted before (normalised).
pub fn verify(
    hex_key: &str,
    reference: &str,
    amount: Money,
    code: &str,
    now_ms: i64,
    used: &[String],
) -> Result<String, CodeError> {
    let key = key_bytes(hex_key)?;
    let c = normalise(code);
    if c.len() != 8 || !c.bytes().all(|b| ALPHABET.contains(&b)) {
        return Err(CodeError::Malformed);
    }
    if used.contains(&c) {
        return Err(CodeError::AlreadyUsed);
    }
    let now = now_ms.div_euclid(SLOT_MS);
    if (0..VALID_SLOTS).any(|back| mac(&key, reference, amount, now - back) == c) {
        return Ok(c);
    }
    // Made earlier today for this recovery and amount: say so rather than "wrong".
    if (VALID_SLOTS..144).any(|back| mac(&key, reference, amount, now - back) == c) {
        return Err(CodeError::Expired);
    }
    Err(CodeError::Mismatch)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;

    const KEY: &str = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";

    #[test]
    fn a_code_approves_once_for_its_recovery_and_amount() {
        let amt = Money::new(12_000, Currency::USD);
        let r = reference("rec-1");
        assert_eq!(r.len(), 7);
        let t = 1_795_801_746_000;
        let code = issue(KEY, &r, amt, t).unwrap();
        assert_eq!(code.len(), 9);
        let ok = verify(KEY, &r, amt, &code.to_lowercase(), t + 60_000, &[]).unwrap();
        assert_eq!(
            verify(KEY, &r, amt, &code, t, &[ok]),
            Err(CodeError::AlreadyUsed)
        );
        assert_eq!(
            verify(KEY, &r, Money::new(12_001, Currency::USD), &code, t, &[]),
            Err(CodeError::Mismatch),
            "wrong amount"
        );
        assert_eq!(
            verify(KEY, &reference("rec-2"), amt, &code, t, &[]),
            Err(CodeError::Mismatch),
            "wrong recovery"
        );
        assert_eq!(
            verify(KEY, &r, amt, &code, t + 40 * 60_000, &[]),
            Err(CodeError::Expired)
        );
        assert_eq!(
            verify(KEY, &r, amt, "12", t, &[]),
            Err(CodeError::Malformed)
        );
        assert_eq!(issue("", &r, amt, t), Err(CodeError::NoKey));
        let other_key = KEY.replace('0', "1");
        assert_eq!(
            verify(&other_key, &r, amt, &code, t, &[]),
            Err(CodeError::Mismatch)
        );
    }
}
