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

/// Digits with the usual phone punctuation, at least six of them: "+44 20 7946-0958".
fn phone_like(t: &str) -> bool {
    t.chars()
        .all(|c| c.is_ascii_digit() || " +-().".contains(c))
        && t.chars().filter(char::is_ascii_digit).count() >= 6
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
    Ok(if phone_like(t) {
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

/// One customer's reference hashed under every salt this device has used: the hash under
/// the current salt (the one a record keeps) and those under former salts, so a customer
/// whose earlier recoveries were hashed before an imported policy changed the salt is
/// still recognised (issue 11 #5). Empty when no reference was given.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CustomerKeys {
    current: Option<String>,
    former: Vec<String>,
}

impl CustomerKeys {
    /// The keys of a reference typed now: hashed under `current_salt` and each of `former`.
    pub fn hash<'a>(
        current_salt: &str,
        former: impl IntoIterator<Item = &'a str>,
        reference: &str,
    ) -> Result<CustomerKeys, ReferenceError> {
        let current = hash_reference(current_salt, reference)?;
        let mut keys = CustomerKeys::new(Some(current), Vec::new());
        for salt in former {
            if salt != current_salt && !salt.is_empty() {
                let h = hash_reference(salt, reference)?;
                if !keys.matches(&h) {
                    keys.former.push(h);
                }
            }
        }
        Ok(keys)
    }

    /// Keys kept apart: the current hash (the record's) and the former-salt ones.
    pub fn new(current: Option<String>, former: Vec<String>) -> CustomerKeys {
        match current {
            Some(c) => CustomerKeys {
                current: Some(c),
                former,
            },
            // Former hashes without a current one name no customer.
            None => CustomerKeys::default(),
        }
    }

    /// The hash a record keeps (under the current salt).
    pub fn current(&self) -> Option<&str> {
        self.current.as_deref()
    }

    /// The hashes under former salts (never stored in a record).
    pub fn former(&self) -> &[String] {
        &self.former
    }

    /// Whether a record's `hash` is this customer's, under any salt.
    pub fn matches(&self, hash: &str) -> bool {
        self.current.as_deref() == Some(hash) || self.former.iter().any(|h| h == hash)
    }
}

/// Why a follow-up contact was refused.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ContactError {
    #[error("enter an email address or a phone number")]
    Empty,
    #[error("this is neither an email address nor a phone number")]
    NotAContact,
    #[error("this contact is too long")]
    TooLong,
}

/// How to reach a customer for their follow-up, kept only with their consent: an email
/// address or a phone number, as typed (trimmed). Erasing the customer by the same
/// reference finds it ([`Contact::is_reference`]).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Contact(String);

impl Contact {
    pub fn parse(text: &str) -> Result<Contact, ContactError> {
        let t = text.trim();
        if t.is_empty() {
            return Err(ContactError::Empty);
        }
        if t.len() > 254 {
            return Err(ContactError::TooLong);
        }
        let email = t
            .split_once('@')
            .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
            && !t.contains(char::is_whitespace);
        if email || phone_like(t) {
            Ok(Contact(t.to_string()))
        } else {
            Err(ContactError::NotAContact)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `reference` names this contact, typed either way ("Ana@Example.com " and
    /// "ana@example.com"; "+44 20 7946-0958" and "+442079460958").
    pub fn is_reference(&self, reference: &str) -> bool {
        matches!((normalise(&self.0), normalise(reference)), (Ok(a), Ok(b)) if a == b)
    }
}

impl TryFrom<String> for Contact {
    type Error = ContactError;
    fn try_from(s: String) -> Result<Contact, ContactError> {
        Contact::parse(&s)
    }
}

impl From<Contact> for String {
    fn from(c: Contact) -> String {
        c.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_contact_is_an_email_or_a_phone_number_and_matches_its_reference() {
        assert_eq!(Contact::parse("  "), Err(ContactError::Empty));
        assert_eq!(Contact::parse("tomorrow"), Err(ContactError::NotAContact));
        assert_eq!(Contact::parse("ana@"), Err(ContactError::NotAContact));
        assert_eq!(Contact::parse("12 34"), Err(ContactError::NotAContact));
        let email = Contact::parse(" Ana@Example.com ").unwrap();
        assert_eq!(email.as_str(), "Ana@Example.com");
        assert!(email.is_reference("ana@example.com"));
        assert!(!email.is_reference("bo@example.com"));
        let phone = Contact::parse("+44 20 7946-0958").unwrap();
        assert!(phone.is_reference("+442079460958"));
        assert!(serde_json::from_str::<Contact>("\"not one\"").is_err());
        assert_eq!(
            serde_json::to_string(&phone).unwrap(),
            "\"+44 20 7946-0958\""
        );
    }

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

    // Issue 11 #5: after an imported policy changed the salt, a returning customer's
    // earlier hash (under the old salt) was not recognised.
    #[test]
    fn a_reference_matches_its_hash_under_every_salt_the_device_used() {
        let old = hash_reference("old", "ana@example.com").unwrap();
        let keys =
            CustomerKeys::hash("new", ["old", "new", "", "older"], " Ana@Example.com").unwrap();
        assert_eq!(
            keys.current(),
            Some(hash_reference("new", "ana@example.com").unwrap().as_str())
        );
        assert_eq!(
            keys.former().len(),
            2,
            "the current salt and empty ones are skipped"
        );
        assert!(keys.matches(&old));
        assert!(keys.matches(&hash_reference("older", "ana@example.com").unwrap()));
        assert!(!keys.matches(&hash_reference("old", "bo@example.com").unwrap()));
        assert!(!keys.matches(&hash_reference("other", "ana@example.com").unwrap()));
        assert_eq!(
            CustomerKeys::hash("new", ["old"], "  "),
            Err(ReferenceError::Empty)
        );
        let none = CustomerKeys::new(None, vec![old.clone()]);
        assert!(!none.matches(&old) && none.current().is_none());
    }
}
