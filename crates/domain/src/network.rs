//! Networks are Hearth's tenants. Every row holding content carries a network id, and
//! no query crosses networks.

use crate::{Millis, NetworkId, ValidationError};

/// The company's own network, or a closed space shared with outside partners.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetworkKind {
    Home,
    External,
}

impl NetworkKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Home => "home",
            Self::External => "external",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "home" => Some(Self::Home),
            "external" => Some(Self::External),
            _ => None,
        }
    }
}

/// The language a new network starts with; an admin may change it.
pub const DEFAULT_LANGUAGE: &str = "en";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Network {
    pub id: NetworkId,
    pub name: String,
    pub kind: NetworkKind,
    pub created_at: Millis,
    /// The language of pages for people who chose none and whose browser asks for
    /// none that Hearth ships, and of e-mails to them.
    pub default_language: String,
    /// Which kinds of vote its polls may have.
    pub poll_votes: crate::poll::AllowedVotes,
}

/// How long a guest's access lasts, in days, when the network's creator says nothing.
pub const DEFAULT_GUEST_DAYS: i64 = 90;
/// The longest access period a network may give its guests; a sponsor extends it.
pub const MAX_GUEST_DAYS: i64 = 365;

/// An external network as its creator describes it, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalNetworkSpec {
    pub name: String,
    pub description: String,
    /// Guests are invited only at addresses of this domain, when set.
    pub guest_domain: Option<String>,
    pub guest_days: i64,
}

impl ExternalNetworkSpec {
    pub fn parse(
        name: &str,
        description: &str,
        guest_domain: Option<&str>,
        guest_days: Option<i64>,
    ) -> Result<Self, ValidationError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(ValidationError::new("name", "name is required"));
        }
        if name.chars().count() > 100 {
            return Err(ValidationError::new(
                "name",
                "name must be at most 100 characters",
            ));
        }
        let description = description.trim();
        if description.chars().count() > 2000 {
            return Err(ValidationError::new(
                "description",
                "at most 2000 characters",
            ));
        }
        let guest_domain = match guest_domain.map(str::trim).filter(|d| !d.is_empty()) {
            None => None,
            Some(raw) => Some(parse_domain(raw)?),
        };
        let guest_days = guest_days.unwrap_or(DEFAULT_GUEST_DAYS);
        if !(1..=MAX_GUEST_DAYS).contains(&guest_days) {
            return Err(ValidationError::new(
                "guest_days",
                format!("a guest's access lasts between 1 and {MAX_GUEST_DAYS} days"),
            ));
        }
        Ok(Self {
            name: name.to_owned(),
            description: description.to_owned(),
            guest_domain,
            guest_days,
        })
    }
}

/// An e-mail domain as people type it after the `@` (`supplier.example`), lowercased.
fn parse_domain(raw: &str) -> Result<String, ValidationError> {
    let domain = raw.trim_start_matches('@').to_lowercase();
    let label_ok = |label: &str| {
        (1..=63).contains(&label.len())
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    };
    if domain.len() > 253 || !domain.contains('.') || !domain.split('.').all(label_ok) {
        return Err(ValidationError::new(
            "guest_domain",
            "enter a domain like supplier.example, without anything before it",
        ));
    }
    Ok(domain)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_external_network_needs_a_name_and_a_sane_domain_and_period() {
        let spec =
            ExternalNetworkSpec::parse(" Suppliers ", " Parts ", Some("@Supplier.Example"), None)
                .unwrap();
        assert_eq!(spec.name, "Suppliers");
        assert_eq!(spec.description, "Parts");
        assert_eq!(spec.guest_domain.as_deref(), Some("supplier.example"));
        assert_eq!(spec.guest_days, DEFAULT_GUEST_DAYS);
        assert_eq!(
            ExternalNetworkSpec::parse("X", "", Some(" "), Some(30))
                .unwrap()
                .guest_domain,
            None
        );
        for (name, domain, days, field) in [
            ("  ", None, None, "name"),
            ("X", Some("https://supplier.example"), None, "guest_domain"),
            ("X", Some("ana@supplier.example"), None, "guest_domain"),
            ("X", Some("localhost"), None, "guest_domain"),
            ("X", Some("-bad.example"), None, "guest_domain"),
            ("X", None, Some(0), "guest_days"),
            ("X", None, Some(MAX_GUEST_DAYS + 1), "guest_days"),
        ] {
            let refused = ExternalNetworkSpec::parse(name, "", domain, days).unwrap_err();
            assert_eq!(refused.field, field, "{name:?} {domain:?} {days:?}");
        }
    }
}
