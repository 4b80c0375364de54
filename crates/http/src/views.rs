//! Domain values rendered as API bodies.

use hearth_api_types::{NetworkView, ProfileView, SessionView, TokenView, UserView};
use hearth_app::domain::{Millis, Network, Profile, SessionId, User};
use hearth_app::store::sessions::SessionRow;
use hearth_app::store::tokens::TokenRow;
use time::format_description::well_known::Rfc3339;

/// A Unix-millisecond time as RFC 3339 in UTC.
pub fn timestamp(millis: Millis) -> String {
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(millis) * 1_000_000)
        .ok()
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_default()
}

pub fn user(user: &User) -> UserView {
    UserView {
        id: user.id.to_string(),
        network_id: user.network_id.to_string(),
        email: user.email.clone(),
        display_name: user.display_name.clone(),
        role: user.role.as_str().to_owned(),
        status: user.status.as_str().to_owned(),
        created_at: timestamp(user.created_at),
    }
}

pub fn network(network: &Network) -> NetworkView {
    NetworkView {
        id: network.id.to_string(),
        name: network.name.clone(),
        kind: network.kind.as_str().to_owned(),
    }
}

pub fn session(row: &SessionRow, current: Option<SessionId>) -> SessionView {
    SessionView {
        id: row.id.to_string(),
        created_at: timestamp(row.created_at),
        last_seen_at: timestamp(row.last_seen_at),
        expires_at: timestamp(row.expires_at),
        user_agent: row.user_agent.clone(),
        client_ip: row.client_ip.clone(),
        current: Some(row.id()) == current,
    }
}

pub fn token(row: &TokenRow) -> TokenView {
    TokenView {
        id: row.id.to_string(),
        name: row.name.clone(),
        created_at: timestamp(row.created_at),
        last_used_at: row.last_used_at.map(timestamp),
    }
}

pub fn profile(profile: &Profile) -> ProfileView {
    ProfileView {
        id: profile.user_id.to_string(),
        handle: profile.handle.clone(),
        display_name: profile.display_name.clone(),
        job_title: profile.job_title.clone(),
        department: profile.department.clone(),
        location: profile.location.clone(),
        time_zone: profile.time_zone.clone(),
        about: profile.about.clone(),
        manager_id: profile.manager_id.map(|id| id.to_string()),
        status: profile.status.as_str().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn timestamps_are_rfc3339_utc() {
        assert_eq!(super::timestamp(0), "1970-01-01T00:00:00Z");
        assert_eq!(
            super::timestamp(1_735_689_600_123),
            "2025-01-01T00:00:00.123Z"
        );
    }
}
