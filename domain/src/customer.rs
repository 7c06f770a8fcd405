//! Customer references kept minimal: only a salted hash is stored, enough to spot repeats.

use sha2::{Digest, Sha256};
use thiserror::Error;

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ReferenceError {
    #[error("enter an email, phone number or loyalty id, or leave it empty")]
    Empty,
    #[error("this reference is too long")]
    TooLong,
}

/// The same reference typed differently gives the same text: "Ana@Example.com " and
/// "ana@example.com"; "+44 20 7946-0958" and "+442079460958".
pub fn normalise(reference: &str) -> Result<String, ReferenceError> {
    let t = reference.trim();
    if t.is_empty() {
        return Err(ReferenceError::Empty);
    }
    if t.len() > 254 {
        return Err(ReferenceError::TooLong);
    }
    let phone_like = t
        .chars()
        .all(|c| c.is_ascii_digit() || " +-().".contains(c))
        && t.chars().filter(char::is_ascii_digit).count() >= 6;
    Ok(if phone_like {
        let plus = if t.starts_with('+') { "+" } else { "" };
        format!(
            "{plus}{}",
            t.chars().filter(char::is_ascii_digit).collect::<String>()
        )
    } else {
        t.to_lowercase()
    })
}

/// Salted SHA-256 of the normalised reference, 32 hex digits. The salt is the policy's
/// `customer_salt`, shared by the business's devices so they recognise the same customer.
pub fn hash_reference(salt: &str, reference: &str) -> Result<String, ReferenceError> {
    let n = normalise(reference)?;
    let mut h = Sha256::new();
    h.update(salt.as_bytes());
    h.update([0]);
    h.update(n.as_bytes());
    Ok(crate::hex(&h.finalize()[..16]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_customer_same_hash_and_salted() {
        let a = hash_reference("s1", "Ana@Example.com ").unwrap();
        assert_eq!(a, hash_reference("s1", "ana@example.com").unwrap());
        assert_ne!(a, hash_reference("s2", "ana@example.com").unwrap());
        assert_eq!(
            hash_reference("s", "+44 20 7946-0958"),
            hash_reference("s", "+442079460958")
        );
        assert_eq!(a.len(), 32);
        assert!(!a.contains("ana"));
        assert_eq!(hash_reference("s", "  "), Err(ReferenceError::Empty));
    }
}
