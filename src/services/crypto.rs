//! Random bytes and slow PIN hashing from the browser's own `crypto` (no Rust crypto crate shipped).
//!
//! A manager PIN is stored only as PBKDF2-HMAC-SHA-256 with a random 16-byte salt and
//! many iterations: a stolen device copy does not reveal the PIN without a costly
//! guess per candidate. Six digits is still a small space: the lock-out after wrong
//! tries (domain `PinAttempts`) is what stops guessing on the device itself.

use serde::{Deserialize, Serialize};

/// PBKDF2 iterations for new PIN hashes (OWASP 2023 guidance for PBKDF2-SHA-256: 600k;
/// tablets are slow, so 210k, which still costs ~0.2 s per guess there).
pub const PIN_ITERATIONS: u32 = 210_000;

/// Stored form of a PIN: never the PIN itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PinHash {
    pub schema: u32,
    pub salt_hex: String,
    pub iterations: u32,
    pub hash_hex: String,
}

impl PinHash {
    /// Reads a stored PIN record; `None` when it is not one a PIN can be checked against
    /// (not JSON, salt or hash not hex, a hash of the wrong length, no iterations). Such a
    /// record is unreadable and keeps manager mode locked; it never reads as a wrong PIN.
    pub fn read(text: Option<String>) -> Option<PinHash> {
        let h: PinHash = serde_json::from_str(&text?).ok()?;
        let salt = from_hex(&h.salt_hex).filter(|s| !s.is_empty());
        let hash = from_hex(&h.hash_hex).filter(|b| b.len() == 32);
        (h.iterations > 0 && salt.is_some() && hash.is_some()).then_some(h)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CryptoError {
    #[error("this browser offers no secure random numbers or hashing (crypto.subtle); open Amends over https or localhost")]
    Unavailable,
    #[error("the browser could not compute the hash: {0}")]
    Failed(String),
}

/// Why a new PIN is refused, in words for the field.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PinRuleError {
    #[error("Use digits only.")]
    NotDigits,
    #[error("Use at least 6 digits.")]
    TooShort,
    #[error("Use at most 12 digits.")]
    TooLong,
}

/// A PIN a manager may set: 6 to 12 digits.
pub fn check_new_pin(pin: &str) -> Result<(), PinRuleError> {
    if !pin.chars().all(|c| c.is_ascii_digit()) || pin.is_empty() {
        return Err(PinRuleError::NotDigits);
    }
    match pin.len() {
        0..=5 => Err(PinRuleError::TooShort),
        6..=12 => Ok(()),
        _ => Err(PinRuleError::TooLong),
    }
}

/// Lower-case hexadecimal: the domain's, so there is one.
pub use amends_domain::hex as to_hex;

pub fn from_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

/// Compares two byte strings in time independent of where they differ.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// `n` cryptographically random bytes.
pub fn random_bytes(n: usize) -> Result<Vec<u8>, CryptoError> {
    #[cfg(target_arch = "wasm32")]
    {
        let crypto = gloo::utils::window()
            .crypto()
            .map_err(|_| CryptoError::Unavailable)?;
        let mut buf = vec![0u8; n];
        crypto
            .get_random_values_with_u8_array(&mut buf)
            .map_err(|e| CryptoError::Failed(format!("{e:?}")))?;
        Ok(buf)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = n;
        Err(CryptoError::Unavailable)
    }
}

/// A fresh random identifier (128 bits, hex), for records and devices.
pub fn random_id() -> Result<String, CryptoError> {
    random_bytes(16).map(|b| to_hex(&b))
}

/// Hashes a new PIN with a fresh salt.
pub async fn hash_pin(pin: &str) -> Result<PinHash, CryptoError> {
    let salt = random_bytes(16)?;
    let hash = pbkdf2(pin.as_bytes(), &salt, PIN_ITERATIONS).await?;
    Ok(PinHash {
        schema: 1,
        salt_hex: to_hex(&salt),
        iterations: PIN_ITERATIONS,
        hash_hex: to_hex(&hash),
    })
}

/// Whether `pin` matches the stored hash.
pub async fn verify_pin(pin: &str, stored: &PinHash) -> Result<bool, CryptoError> {
    let (Some(salt), Some(expected)) = (from_hex(&stored.salt_hex), from_hex(&stored.hash_hex))
    else {
        return Ok(false);
    };
    let hash = pbkdf2(pin.as_bytes(), &salt, stored.iterations).await?;
    Ok(constant_time_eq(&hash, &expected))
}

/// PBKDF2-HMAC-SHA-256, 32-byte output, computed by `crypto.subtle`.
pub async fn pbkdf2(secret: &[u8], salt: &[u8], iterations: u32) -> Result<Vec<u8>, CryptoError> {
    #[cfg(target_arch = "wasm32")]
    {
        browser::pbkdf2(secret, salt, iterations).await
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (secret, salt, iterations);
        Err(CryptoError::Unavailable)
    }
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use js_sys::{Array, Object, Reflect, Uint8Array};
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;

    use super::CryptoError;

    fn failed(e: JsValue) -> CryptoError {
        CryptoError::Failed(format!("{e:?}"))
    }

    pub async fn pbkdf2(
        secret: &[u8],
        salt: &[u8],
        iterations: u32,
    ) -> Result<Vec<u8>, CryptoError> {
        let subtle = gloo::utils::window()
            .crypto()
            .map_err(|_| CryptoError::Unavailable)?
            .subtle();
        let usages = Array::of1(&JsValue::from_str("deriveBits"));
        let key = JsFuture::from(
            subtle
                .import_key_with_str("raw", &Uint8Array::from(secret), "PBKDF2", false, &usages)
                .map_err(failed)?,
        )
        .await
        .map_err(failed)?;
        let params = Object::new();
        let set =
            |k: &str, v: JsValue| Reflect::set(&params, &JsValue::from_str(k), &v).map(|_| ());
        set("name", "PBKDF2".into()).map_err(failed)?;
        set("hash", "SHA-256".into()).map_err(failed)?;
        set("salt", Uint8Array::from(salt).into()).map_err(failed)?;
        set("iterations", JsValue::from(iterations)).map_err(failed)?;
        let bits = JsFuture::from(
            subtle
                .derive_bits_with_object(&params, &key.unchecked_into(), 256)
                .map_err(failed)?,
        )
        .await
        .map_err(failed)?;
        Ok(Uint8Array::new(&bits).to_vec())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_pins_need_six_to_twelve_digits() {
        assert_eq!(check_new_pin("12345"), Err(PinRuleError::TooShort));
        assert_eq!(check_new_pin("123456"), Ok(()));
        assert_eq!(check_new_pin("12345a"), Err(PinRuleError::NotDigits));
        assert_eq!(check_new_pin(""), Err(PinRuleError::NotDigits));
        assert_eq!(check_new_pin("1234567890123"), Err(PinRuleError::TooLong));
    }

    #[test]
    fn hex_round_trips_and_rejects_junk() {
        assert_eq!(
            from_hex(&to_hex(&[0, 1, 254, 255])),
            Some(vec![0, 1, 254, 255])
        );
        assert_eq!(from_hex("abc"), None);
        assert_eq!(from_hex("zz"), None);
    }

    #[test]
    fn constant_time_eq_compares_whole_strings() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
    }

    // Issue 11 #6: a PIN record whose salt or hash is not hex read as a wrong PIN.
    #[test]
    fn a_pin_record_with_bad_hex_is_unreadable_not_a_wrong_pin() {
        let good = PinHash {
            schema: 1,
            salt_hex: "00ff".repeat(8),
            iterations: PIN_ITERATIONS,
            hash_hex: "ab".repeat(32),
        };
        let text = |h: &PinHash| Some(serde_json::to_string(h).unwrap());
        assert_eq!(PinHash::read(text(&good)), Some(good.clone()));
        for bad in [
            PinHash {
                salt_hex: "zz".into(),
                ..good.clone()
            },
            PinHash {
                hash_hex: "not hex".into(),
                ..good.clone()
            },
            PinHash {
                hash_hex: "ab".repeat(16),
                ..good.clone()
            },
            PinHash {
                salt_hex: String::new(),
                ..good.clone()
            },
            PinHash {
                iterations: 0,
                ..good.clone()
            },
        ] {
            assert_eq!(PinHash::read(text(&bad)), None, "{bad:?}");
        }
        assert_eq!(PinHash::read(Some("{not a pin".into())), None);
        assert_eq!(PinHash::read(None), None);
    }
}
