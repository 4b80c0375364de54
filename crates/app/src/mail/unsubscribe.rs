//! One-click unsubscribe (RFC 8058). The link carries the person, the scope and an
//! HMAC-SHA256 of both under a key every node shares (`server_secrets`), so it works
//! without signing in, and changing either the person or the scope breaks it.

use crate::{App, AppError};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hearth_domain::{Channel, DigestPeriod, NotificationKind, UserId, ValidationError};
use hearth_i18n::{Tr, t};
use hearth_store::{Conn, outbox, preferences};
use hmac::{Hmac, Mac};
use sha2::Sha256;

const KEY_NAME: &str = "unsubscribe_key";

/// What an unsubscribe link is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnsubscribeRequest {
    pub user: UserId,
    /// As signed: a notification kind, `digest:daily`, `digest:weekly`,
    /// `community:<id>`, `network-health` or `all`.
    pub scope: String,
}

impl UnsubscribeRequest {
    /// What stops, in the reader's words: "e-mail about mentions".
    pub fn description_in(&self, tr: Tr) -> String {
        Scope::parse(&self.scope).map_or_else(String::new, |scope| scope.describe(tr))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Scope {
    Kind(NotificationKind),
    Digest(DigestPeriod),
    Community(i64),
    NetworkHealth,
    All,
}

impl Scope {
    fn parse(raw: &str) -> Option<Self> {
        if raw == "all" {
            return Some(Self::All);
        }
        if raw == crate::analytics::health::SCOPE {
            return Some(Self::NetworkHealth);
        }
        if let Some(period) = raw.strip_prefix("digest:") {
            return DigestPeriod::parse(period).map(Self::Digest);
        }
        if let Some(id) = raw.strip_prefix("community:") {
            return id.parse().ok().filter(|id| *id > 0).map(Self::Community);
        }
        NotificationKind::parse(raw).map(Self::Kind)
    }

    fn describe(&self, tr: Tr) -> String {
        match self {
            Self::Kind(kind) => match kind {
                NotificationKind::Mention => t!(tr, "mail-unsubscribe-mention"),
                NotificationKind::Reply => t!(tr, "mail-unsubscribe-reply"),
                NotificationKind::ThreadReply => t!(tr, "mail-unsubscribe-thread-reply"),
                NotificationKind::Reaction => t!(tr, "mail-unsubscribe-reaction"),
                NotificationKind::Share => t!(tr, "mail-unsubscribe-share"),
                NotificationKind::Reference => t!(tr, "mail-unsubscribe-reference"),
                NotificationKind::BestAnswer => t!(tr, "mail-unsubscribe-best-answer"),
                NotificationKind::DirectMessage => t!(tr, "mail-unsubscribe-direct-message"),
                NotificationKind::Moderation => t!(tr, "mail-unsubscribe-moderation"),
                NotificationKind::CommunityPost => t!(tr, "mail-unsubscribe-community-post"),
                NotificationKind::Announcement => t!(tr, "mail-unsubscribe-announcement"),
                NotificationKind::PollClosed => t!(tr, "mail-unsubscribe-poll-closed"),
                NotificationKind::Praise => t!(tr, "mail-unsubscribe-praise"),
                NotificationKind::PraiseForReport => t!(tr, "mail-unsubscribe-praise-for-report"),
                NotificationKind::ArticlePublished => t!(tr, "mail-unsubscribe-article-published"),
            },
            Self::Digest(DigestPeriod::Daily) => t!(tr, "mail-unsubscribe-daily-digest"),
            Self::Digest(DigestPeriod::Weekly) => t!(tr, "mail-unsubscribe-weekly-digest"),
            Self::Community(_) => t!(tr, "mail-unsubscribe-community"),
            Self::NetworkHealth => t!(tr, "mail-unsubscribe-network-health"),
            Self::All => t!(tr, "mail-unsubscribe-all"),
        }
    }
}

/// A signed one-click unsubscribe URL path (e.g. "/unsubscribe?token=…") for this person and scope
/// (a notification kind, "digest:daily", "digest:weekly", "community:<id>", or "all").
pub(crate) async fn unsubscribe_path(
    db: &mut Conn,
    app: &App,
    user: UserId,
    scope: &str,
) -> Result<String, AppError> {
    let key = key(db, app).await?;
    let signature = sign(&key, user, scope);
    Ok(crate::links::unsubscribe(&format!(
        "{}.{}.{}",
        user.0,
        URL_SAFE_NO_PAD.encode(scope.as_bytes()),
        URL_SAFE_NO_PAD.encode(signature)
    )))
}

/// Reads an unsubscribe token without changing anything, for the confirmation page.
pub async fn check_unsubscribe(app: &App, token: &str) -> Result<UnsubscribeRequest, AppError> {
    let mut db = app.store().conn().await?;
    let key = outbox::find_server_secret(&mut db, KEY_NAME).await?;
    verify(key.as_deref(), token)
}

/// Turns e-mail off for what the token names: the scope's channel becomes "in the
/// app only". Answers what was unsubscribed from.
pub async fn unsubscribe(app: &App, token: &str) -> Result<UnsubscribeRequest, AppError> {
    let mut tx = app.store().begin().await?;
    let key = outbox::find_server_secret(&mut tx, KEY_NAME).await?;
    let request = verify(key.as_deref(), token)?;
    let Some(scope) = Scope::parse(&request.scope) else {
        return Err(invalid());
    };
    let app_only = Channel::App.as_str();
    let mailed = [
        Channel::Email.as_str(),
        Channel::Daily.as_str(),
        Channel::Weekly.as_str(),
    ];
    match scope {
        Scope::Kind(kind) => {
            preferences::set(&mut tx, request.user, kind.as_str(), app_only).await?;
        }
        Scope::Community(community) => {
            outbox::move_channels(&mut tx, request.user, &mailed, app_only, Some(community))
                .await?;
        }
        Scope::Digest(period) => {
            let channel = period.channel();
            silence_defaults(&mut tx, request.user, |c| c == channel).await?;
            outbox::move_channels(&mut tx, request.user, &[channel.as_str()], app_only, None)
                .await?;
        }
        Scope::NetworkHealth => {
            stop_network_health(&mut tx, request.user).await?;
        }
        Scope::All => {
            stop_network_health(&mut tx, request.user).await?;
            silence_defaults(&mut tx, request.user, |c| {
                matches!(c, Channel::Email | Channel::Daily | Channel::Weekly)
            })
            .await?;
            outbox::move_channels(&mut tx, request.user, &mailed, app_only, None).await?;
        }
    }
    tx.commit().await?;
    Ok(request)
}

/// Stops the weekly "network health" e-mail, which has no channel to move.
async fn stop_network_health(db: &mut Conn, user: UserId) -> Result<(), AppError> {
    // Only the subscription is removed, so the network named here is not read.
    hearth_store::analytics::set_health_subscription(
        db,
        user,
        hearth_domain::NetworkId(0),
        false,
        0,
    )
    .await?;
    Ok(())
}

/// Writes "in the app only" for each kind a person never chose a channel for and
/// whose default `matches`: a missing row means the default, which may be e-mail.
async fn silence_defaults(
    db: &mut Conn,
    user: UserId,
    matches: impl Fn(Channel) -> bool,
) -> Result<(), AppError> {
    for kind in NotificationKind::ALL {
        if preferences::channel(db, user, kind.as_str())
            .await?
            .is_none()
            && matches(kind.default_channel())
        {
            preferences::set(db, user, kind.as_str(), Channel::App.as_str()).await?;
        }
    }
    Ok(())
}

/// The shared key, made by whichever node needs it first.
async fn key(db: &mut Conn, app: &App) -> Result<String, AppError> {
    if let Some(key) = outbox::find_server_secret(db, KEY_NAME).await? {
        return Ok(key);
    }
    let candidate = crate::secrets::generate("");
    Ok(outbox::server_secret(db, KEY_NAME, &candidate, app.now()).await?)
}

fn sign(key: &str, user: UserId, scope: &str) -> Vec<u8> {
    #[expect(clippy::expect_used, reason = "HMAC accepts keys of any length")]
    let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes()).expect("any key length");
    mac.update(format!("unsubscribe\n{}\n{scope}", user.0).as_bytes());
    mac.finalize().into_bytes().to_vec()
}

fn invalid() -> AppError {
    AppError::Invalid(ValidationError::new(
        "token",
        "this unsubscribe link is not valid; open the e-mail's link again, or change your \
         notification settings after signing in",
    ))
}

fn verify(key: Option<&str>, token: &str) -> Result<UnsubscribeRequest, AppError> {
    // No key yet means no link was ever made, so none can be valid.
    let key = key.ok_or_else(invalid)?;
    let mut parts = token.trim().splitn(3, '.');
    let (Some(user), Some(scope), Some(signature)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(invalid());
    };
    let user = UserId(user.parse().map_err(|_| invalid())?);
    let scope = URL_SAFE_NO_PAD
        .decode(scope)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .ok_or_else(invalid)?;
    let signature = URL_SAFE_NO_PAD.decode(signature).map_err(|_| invalid())?;
    #[expect(clippy::expect_used, reason = "HMAC accepts keys of any length")]
    let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes()).expect("any key length");
    mac.update(format!("unsubscribe\n{}\n{scope}", user.0).as_bytes());
    // verify_slice compares in constant time.
    mac.verify_slice(&signature).map_err(|_| invalid())?;
    Scope::parse(&scope).ok_or_else(invalid)?;
    Ok(UnsubscribeRequest { user, scope })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(key: &str, user: i64, scope: &str) -> String {
        format!(
            "{user}.{}.{}",
            URL_SAFE_NO_PAD.encode(scope),
            URL_SAFE_NO_PAD.encode(sign(key, UserId(user), scope))
        )
    }

    #[test]
    fn a_signed_token_verifies_and_a_changed_one_does_not() {
        let good = token("k", 42, "mention");
        let request = verify(Some("k"), &good).unwrap();
        assert_eq!(request.user, UserId(42));
        assert_eq!(request.scope, "mention");
        // Another person, another scope, another key, or garbage: all refused.
        let other_user = good.replacen("42.", "43.", 1);
        assert!(verify(Some("k"), &other_user).is_err());
        let (_, rest) = good.split_once('.').unwrap();
        let (_, sig) = rest.split_once('.').unwrap();
        let other_scope = format!("42.{}.{sig}", URL_SAFE_NO_PAD.encode("all"));
        assert!(verify(Some("k"), &other_scope).is_err());
        assert!(verify(Some("other"), &good).is_err());
        assert!(verify(None, &good).is_err());
        for bad in ["", "42", "42.bWVudGlvbg", "x.y.z", "42.!!.??"] {
            assert!(verify(Some("k"), bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn what_stops_is_said_in_the_readers_language() {
        let request = verify(Some("k"), &token("k", 42, "thread_reply")).unwrap();
        assert_eq!(
            request.description_in(Tr::english()),
            "e-mail about thread replies"
        );
        let german = Tr::for_tag("de").unwrap();
        assert_eq!(
            request.description_in(german),
            "E-Mails zu Antworten in Unterhaltungen"
        );
        let all = verify(Some("k"), &token("k", 42, "all")).unwrap();
        assert_eq!(all.description_in(Tr::english()), "all e-mail from Hearth");
    }

    #[test]
    fn scopes_parse_strictly() {
        assert_eq!(Scope::parse("all"), Some(Scope::All));
        assert_eq!(
            Scope::parse("digest:weekly"),
            Some(Scope::Digest(DigestPeriod::Weekly))
        );
        assert_eq!(Scope::parse("community:7"), Some(Scope::Community(7)));
        assert_eq!(
            Scope::parse("direct_message"),
            Some(Scope::Kind(NotificationKind::DirectMessage))
        );
        for bad in [
            "digest:hourly",
            "community:x",
            "community:-1",
            "newsletter",
            "",
        ] {
            assert_eq!(Scope::parse(bad), None, "{bad}");
        }
    }
}
