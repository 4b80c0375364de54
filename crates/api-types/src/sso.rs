//! The network's single sign-on settings.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Single sign-on as the network has it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SsoSettings {
    /// Whether this deployment has an OpenID Connect provider (the `[oidc]` settings).
    pub provider_configured: bool,
    /// The provider's issuer, when one is configured.
    pub issuer: Option<String>,
    /// Whether members and compliance officers must sign in through the provider.
    pub required: bool,
    /// Whether each sign-in through the provider copies name, department and job
    /// title from its claims.
    pub profile_from_provider: bool,
    /// How many people are linked to an account at the provider.
    pub linked: i64,
}

/// Changes to the single sign-on settings; a setting left out stays as it is.
#[derive(Debug, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SsoSettingsChange {
    /// Require single sign-on (only while a provider is configured).
    pub required: Option<bool>,
    /// Make the provider the source of truth for name, department and job title.
    pub profile_from_provider: Option<bool>,
}
