//! Personal API tokens: bearer secrets for scripts and the JSON API. Shown once at
//! creation, stored hashed, revocable by their owner.

use crate::audit::{self, Acting};
use crate::{App, AppError, millis, secrets, sessions, signed_in};
use hearth_domain::{Actor, AuditAction, TokenId, TokenName, User, UserId, policy};
use hearth_domain::{Millis, SessionId, ValidationError};
use hearth_store::tokens::TokenRow;
use hearth_store::{tokens, users};

/// Every token starts with this, so leaked tokens are easy to recognise and scan for.
pub const TOKEN_PREFIX: &str = "hth_";

/// A personal API token as its owner sees it; its secret is never read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    pub id: TokenId,
    pub name: String,
    pub created_at: Millis,
    /// `None` until first used; recorded at most once a minute.
    pub last_used_at: Option<Millis>,
}

impl From<TokenRow> for ApiToken {
    fn from(row: TokenRow) -> Self {
        Self {
            id: row.id(),
            name: row.name,
            created_at: row.created_at,
            last_used_at: row.last_used_at,
        }
    }
}

/// A freshly created token. `secret` is shown once and never stored.
#[derive(Debug)]
pub struct NewToken {
    pub token: ApiToken,
    pub secret: String,
}

/// Token use is recorded at most once a minute, to keep reads from becoming writes.
const TOUCH_INTERVAL_MILLIS: i64 = 60_000;

/// How the person asking for a token shows that they are at the keyboard now: a
/// token outlives any session and is easy to use from anywhere, so a stolen session
/// cookie (or a leaked token) must not be enough to mint one.
#[derive(Debug, Clone, Copy, Default)]
pub struct Presence<'a> {
    /// The session the request came with; `None` when it came with an API token.
    pub session: Option<SessionId>,
    /// The current password, when typed.
    pub current_password: Option<&'a str>,
}

/// How recent a sign-in stands in for the current password. Ten minutes covers
/// signing in and going straight to create a token; it is also the only way for a
/// person without a password (who signs in through single sign-on).
pub const RECENT_SIGN_IN: std::time::Duration = std::time::Duration::from_secs(10 * 60);

/// Creates a token that acts as `owner`. A person must ask from a session, not with
/// a token, and confirm with their current password or a recent sign-in (see
/// [`Presence`]); the operator is asked for nothing more.
pub async fn create(
    app: &App,
    actor: &Actor,
    owner: UserId,
    name: &str,
    presence: Presence<'_>,
) -> Result<NewToken, AppError> {
    let name = TokenName::parse(name)?;
    let owner = {
        let mut db = app.store().conn().await?;
        users::get(&mut db, owner)
            .await?
            .ok_or(AppError::NotFound("user"))?
    };
    policy::may_manage_tokens_of(actor, &owner)?;
    policy::may_use_account(&owner, app.now())?;
    if let Actor::User(person) = actor {
        confirm_presence(app, person, presence).await?;
    }
    let mut tx = app.store().begin().await?;
    let secret = secrets::generate(TOKEN_PREFIX);
    let token = TokenRow {
        id: app.next_id(),
        user_id: owner.id.0,
        name: name.as_str().to_owned(),
        created_at: app.now(),
        last_used_at: None,
    };
    tokens::insert(&mut tx, &token, &secrets::hash(&secret)).await?;
    // A token minted for someone else (only the operator may) is an administrative act.
    if matches!(actor, Actor::Operator) {
        audit::record(
            &mut tx,
            app,
            Acting::operator(),
            owner.network_id,
            AuditAction::TokenIssued,
            audit::Target::user(&owner),
            "",
            serde_json::json!({ "token_id": token.id.to_string(), "name": token.name }),
        )
        .await?;
    }
    tx.commit().await?;
    tracing::info!(user.id = %owner.id, token.id = token.id, "API token created");
    Ok(NewToken {
        token: token.into(),
        secret,
    })
}

async fn confirm_presence(
    app: &App,
    person: &User,
    presence: Presence<'_>,
) -> Result<(), AppError> {
    let Some(session) = presence.session else {
        return Err(AppError::Forbidden(
            "an API token cannot create another token: create it while signed in",
        ));
    };
    if let Some(password) = presence.current_password.filter(|typed| !typed.is_empty()) {
        return sessions::confirm_password(app, person, password).await;
    }
    let signed_in_at = sessions::signed_in_at(app, person, session).await?;
    if signed_in_at.is_some_and(|at| app.now() - at < millis(RECENT_SIGN_IN)) {
        return Ok(());
    }
    Err(ValidationError::new(
        "current_password",
        "confirm with your current password, or sign in again and create the token within 10 minutes",
    )
    .into())
}

/// Resolves a bearer token to its owner, or refuses it.
pub async fn authenticate(app: &App, secret: &str) -> Result<User, AppError> {
    Ok(authenticate_token(app, secret).await?.user)
}

/// A caller proven by an API token.
#[derive(Debug, Clone)]
pub struct TokenCaller {
    pub user: User,
    /// Names the live connections opened with the token.
    pub token: TokenId,
    /// The usage-policy version the owner must still accept before using the network.
    pub pending_policy: Option<i64>,
}

/// Resolves a bearer token to its owner, or refuses it.
pub async fn authenticate_token(app: &App, secret: &str) -> Result<TokenCaller, AppError> {
    const INVALID: &str = "the API token is invalid or has been revoked";
    if !secret.starts_with(TOKEN_PREFIX) {
        return Err(AppError::Unauthenticated(INVALID));
    }
    let now = app.now();
    let mut db = app.store().conn().await?;
    let holder = tokens::find_holder_by_secret_hash(&mut db, &secrets::hash(secret))
        .await?
        .ok_or(AppError::Unauthenticated(INVALID))?;
    policy::may_use_account(&holder.user, now)?;
    let last_used = app
        .touches()
        .token_last_used(holder.token)
        .or(holder.last_used_at);
    if last_used.is_none_or(|used| now - used >= TOUCH_INTERVAL_MILLIS) {
        app.touches().token_used(holder.token, now);
    }
    Ok(TokenCaller {
        user: holder.user,
        token: holder.token,
        pending_policy: holder.pending_policy,
    })
}

/// The acting person's tokens, newest first (secrets are never listed).
pub async fn list(app: &App, actor: &Actor) -> Result<Vec<ApiToken>, AppError> {
    let user = signed_in(actor)?;
    let mut db = app.store().conn().await?;
    let mut rows = tokens::list_for_user(&mut db, user.id).await?;
    for row in &mut rows {
        if let Some(used) = app.touches().token_last_used(row.id()) {
            row.last_used_at = Some(row.last_used_at.map_or(used, |at| at.max(used)));
        }
    }
    Ok(rows.into_iter().map(ApiToken::from).collect())
}

/// Revokes one of the acting person's tokens; it stops working at once.
pub async fn revoke(app: &App, actor: &Actor, id: TokenId) -> Result<(), AppError> {
    let user = signed_in(actor)?;
    let mut db = app.store().conn().await?;
    if !tokens::delete_for_user(&mut db, user.id, id).await? {
        return Err(AppError::NotFound("token"));
    }
    app.publish([crate::live::close_connections(
        app,
        user.id,
        crate::live::Closing::Token(id.0),
    )]);
    tracing::info!(user.id = %user.id, token.id = %id, "API token revoked");
    Ok(())
}
