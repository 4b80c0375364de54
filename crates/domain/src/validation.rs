//! Validated input values. Each constructor says in plain words what is wrong, so the
//! message can go straight back to the person who typed it.

use serde::Serialize;
use std::fmt;

/// Why an input value was refused. `field` names the input, `message` is for people.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[error("{field}: {message}")]
pub struct ValidationError {
    pub field: &'static str,
    pub message: String,
}

impl ValidationError {
    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
        Self {
            field,
            message: message.into(),
        }
    }
}

fn trimmed_text(
    field: &'static str,
    label: &str,
    raw: &str,
    max_chars: usize,
) -> Result<String, ValidationError> {
    let value = raw.trim();
    if value.is_empty() {
        return Err(ValidationError::new(field, format!("{label} is required")));
    }
    if value.chars().count() > max_chars {
        return Err(ValidationError::new(
            field,
            format!("{label} must be at most {max_chars} characters"),
        ));
    }
    if value.chars().any(char::is_control) {
        return Err(ValidationError::new(
            field,
            format!("{label} must not contain control characters"),
        ));
    }
    Ok(value.to_owned())
}

/// An e-mail address, trimmed and lower-cased so that one person has one account.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let value = raw.trim().to_lowercase();
        let invalid =
            || ValidationError::new("email", "enter an e-mail address like ana@example.com");
        if value.is_empty() {
            return Err(ValidationError::new("email", "e-mail address is required"));
        }
        if value.len() > 254 {
            return Err(ValidationError::new(
                "email",
                "e-mail address must be at most 254 characters",
            ));
        }
        let (local, domain) = value.split_once('@').ok_or_else(invalid)?;
        let plausible = !local.is_empty()
            && !domain.is_empty()
            && !domain.contains('@')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !value.chars().any(|c| c.is_whitespace() || c.is_control());
        if !plausible {
            return Err(invalid());
        }
        Ok(Self(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The address of an account its identity provider gave none (SCIM requires only
    /// a userName), unique by `n`. Its domain is reserved ([`NO_ADDRESS_DOMAIN`]).
    pub fn placeholder(n: i64) -> Self {
        Self(format!("scim-{n}@{NO_ADDRESS_DOMAIN}"))
    }

    /// Whether a stored address is a [`placeholder`](Self::placeholder), i.e. none.
    pub fn is_placeholder(address: &str) -> bool {
        address.ends_with(&format!("@{NO_ADDRESS_DOMAIN}"))
    }
}

/// The domain of placeholder addresses: `.invalid` is reserved (RFC 2606), so nobody
/// owns it and nothing can be delivered there.
pub const NO_ADDRESS_DOMAIN: &str = "no-address.invalid";

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The name people see: 1–100 characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        trimmed_text("display_name", "name", raw, 100).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The company's name, shown on every page of the home network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompanyName(String);

impl CompanyName {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        trimmed_text("company", "company name", raw, 100).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A label that reminds the owner what an API token is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenName(String);

impl TokenName {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        trimmed_text("name", "token name", raw, 100).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A new password. Length is the rule that matters (NIST SP 800-63B); the upper bound
/// keeps hashing cheap enough that a huge input cannot tie up a worker.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

pub const MIN_PASSWORD_CHARS: usize = 10;
pub const MAX_PASSWORD_BYTES: usize = 1024;

impl Password {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        if raw.chars().count() < MIN_PASSWORD_CHARS {
            return Err(ValidationError::new(
                "password",
                format!("password must be at least {MIN_PASSWORD_CHARS} characters"),
            ));
        }
        if raw.len() > MAX_PASSWORD_BYTES {
            return Err(ValidationError::new(
                "password",
                format!("password must be at most {MAX_PASSWORD_BYTES} bytes"),
            ));
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(…)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_and_lower_cased() {
        assert_eq!(
            Email::parse("  Ana@Example.COM ").unwrap().as_str(),
            "ana@example.com"
        );
    }

    #[test]
    fn implausible_emails_are_refused_with_a_message() {
        for bad in [
            "",
            "ana",
            "@example.com",
            "ana@",
            "ana@@x.com",
            "a na@x.com",
            "ana@.com",
            "ana@x.",
        ] {
            let err = Email::parse(bad).unwrap_err();
            assert_eq!(err.field, "email", "{bad}");
            assert!(!err.message.is_empty());
        }
    }

    #[test]
    fn names_must_be_present_short_and_printable() {
        assert_eq!(
            DisplayName::parse("  Ana Lima ").unwrap().as_str(),
            "Ana Lima"
        );
        assert!(DisplayName::parse("   ").is_err());
        assert!(DisplayName::parse(&"x".repeat(101)).is_err());
        assert!(DisplayName::parse("Ana\u{0007}").is_err());
        assert!(CompanyName::parse("Acme Ltd").is_ok());
    }

    #[test]
    fn passwords_have_a_minimum_and_a_maximum_length() {
        assert!(Password::parse("short").is_err());
        assert!(Password::parse("long enough pass").is_ok());
        assert!(Password::parse(&"p".repeat(MAX_PASSWORD_BYTES + 1)).is_err());
        assert_eq!(
            format!("{:?}", Password::parse("secret secret").unwrap()),
            "Password(…)"
        );
    }
}
