//! Networks are Hearth's tenants. Every row holding content carries a network id, and
//! no query crosses networks.

use crate::{Millis, NetworkId};

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
