//! Notification preferences and subscriptions.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// How the person hears of one kind of notification.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct KindPreferenceView {
    /// e.g. `mention`, `reaction`, `community_post`, `announcement`.
    pub kind: String,
    /// `app`, `email`, `daily`, `weekly` or `off`.
    pub channel: String,
    /// Whether this is the default rather than the person's choice.
    pub default: bool,
}

/// A community whose every new post the person hears of.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SubscriptionView {
    pub community_id: String,
    pub community_name: String,
    pub channel: String,
    pub created_at: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct NotificationPreferencesView {
    /// Every kind of notification, defaults filled in.
    pub kinds: Vec<KindPreferenceView>,
    pub subscriptions: Vec<SubscriptionView>,
}

/// Channels to set, by kind; kinds left out keep theirs.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SetPreferencesRequest {
    #[schema(example = json!({"reaction": "off", "mention": "daily"}))]
    pub kinds: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SubscribeRequest {
    /// `app`, `email`, `daily`, `weekly` or `off`.
    pub channel: String,
}
