//! Password sign-in and browser sessions. A session is a 256-bit secret held in a
//! cookie; the database keeps only its hash, so deleting the row revokes it at once.
//! A session ends at its absolute expiry, or earlier after a spell without requests.

use crate::live::{self, Closing};
use crate::{App, AppError, millis, passwords, secrets, signed_in};
use hearth_domain::{Actor, Email, Millis, SessionId, User, policy};
use hearth_store::sessions::SessionRow;
use hearth_store::{Conn, sessions, tokens, users};

/// Where a request came from, for rate limits and the "active sessions" list.
#[derive(Debug, Clone, Default)]
pub struct ClientInfo {
    pub address: String,
    pub user_agent: String,
}

/// A session as its owner sees it in the list of places they are signed in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub id: SessionId,
    pub created_at: Millis,
    /// Recorded at most once a minute.
    pub last_seen_at: Millis,
    /// The absolute end; the session may end earlier when idle.
    pub expires_at: Millis,
    pub user_agent: String,
    pub client_ip: String,
}

impl From<SessionRow> for Session {
    fn from(row: SessionRow) -> Self {
        Self {
            id: row.id(),
            created_at: row.created_at,
            last_seen_at: row.last_seen_at,
            expires_at: row.expires_at,
            user_agent: row.user_agent,
            client_ip: row.client_ip,
        }
    }
}

/// A new session: the secret goes into the cookie and is never seen again.
#[derive(Debug)]
pub struct SignedIn {
    pub user: User,
    pub session_id: SessionId,
    pub secret: String,
    pub expires_at: i64,
}

/// A request's proven identity.
#[derive(Debug, Clone)]
pub struct Authenticated {
    pub user: User,
    pub session_id: SessionId,
    /// The usage-policy version they must still accept before using the network.
    pub pending_policy: Option<i64>,
}

/// Refreshing "last seen" on every request would turn reads into writes; once a
/// minute is precise enough for an idle timeout measured in days.
const TOUCH_INTERVAL_MILLIS: i64 = 60_000;

const BAD_CREDENTIALS: &str = "the e-mail address or password is not right";

/// Signs in with e-mail and password. Attempts are throttled per account and per
/// client address before the password is even looked at.
pub async fn sign_in(
    app: &App,
    email: &str,
    password: &str,
    client: &ClientInfo,
) -> Result<SignedIn, AppError> {
    let email = Email::parse(email)?;
    if password.is_empty() {
        return Err(hearth_domain::ValidationError::new("password", "password is required").into());
    }
    if password.len() > hearth_domain::validation::MAX_PASSWORD_BYTES {
        return Err(AppError::Unauthenticated(BAD_CREDENTIALS));
    }
    app.sign_in_limiter()
        .check(email.as_str(), &client.address)?;

    let found = {
        let mut db = app.store().conn().await?;
        users::find_credentials(&mut db, email.as_str()).await?
    };
    let (user, stored_hash) = match found {
        Some((user, hash)) => (Some(user), hash),
        None => (None, None),
    };
    let matches = passwords::verify(password.to_owned(), stored_hash).await?;
    let user = match (user, matches) {
        (Some(user), true) => user,
        _ => return Err(AppError::Unauthenticated(BAD_CREDENTIALS)),
    };
    // Only after the password proved who this is do we say why the account is closed.
    policy::may_use_account(&user, app.now())?;

    let mut tx = app.store().begin().await?;
    let sso_required = hearth_store::identities::sso_required(&mut tx, user.network_id).await?;
    policy::may_sign_in_with_password(&user, sso_required)?;
    let signed_in = start(app, &mut tx, user, client).await?;
    tx.commit().await?;
    tracing::info!(user.id = %signed_in.user.id, session.id = %signed_in.session_id, "signed in");
    Ok(signed_in)
}

/// A second session for someone already signed in, for a page of Hearth framed in
/// another site, which cannot be sent this session's cookie. It is listed, revoked
/// and ended like any other.
pub async fn start_another(
    app: &App,
    actor: &Actor,
    client: &ClientInfo,
) -> Result<SignedIn, AppError> {
    let user = signed_in(actor)?;
    policy::may_use_account(user, app.now())?;
    let mut tx = app.store().begin().await?;
    let started = start(app, &mut tx, user.clone(), client).await?;
    tx.commit().await?;
    tracing::info!(user.id = %user.id, session.id = %started.session_id, "signed in for a framed page");
    Ok(started)
}

/// Writes a new session for an already verified user inside the caller's transaction.
pub(crate) async fn start(
    app: &App,
    db: &mut Conn,
    user: User,
    client: &ClientInfo,
) -> Result<SignedIn, AppError> {
    let now = app.now();
    let secret = secrets::generate("");
    let row = SessionRow {
        id: app.next_id(),
        user_id: user.id.0,
        created_at: now,
        last_seen_at: now,
        expires_at: now + millis(app.settings().session_lifetime),
        user_agent: client.user_agent.chars().take(300).collect(),
        client_ip: client.address.chars().take(64).collect(),
    };
    sessions::insert(db, &row, &secrets::hash(&secret)).await?;
    Ok(SignedIn {
        user,
        session_id: row.id(),
        secret,
        expires_at: row.expires_at,
    })
}

/// Resolves a session cookie to its user, or refuses it. Expired sessions and those
/// of accounts that may no longer be used are deleted on sight.
pub async fn authenticate(app: &App, secret: &str) -> Result<Authenticated, AppError> {
    const NOT_SIGNED_IN: &str = "you are not signed in, or your session has ended";
    let now = app.now();
    let mut db = app.store().conn().await?;
    let holder = sessions::find_holder_by_secret_hash(&mut db, &secrets::hash(secret))
        .await?
        .ok_or(AppError::Unauthenticated(NOT_SIGNED_IN))?;
    let idle_limit = millis(app.settings().session_idle_timeout);
    let last_seen = app
        .touches()
        .session_last_seen(holder.session)
        .map_or(holder.last_seen_at, |seen| seen.max(holder.last_seen_at));
    if holder.expires_at <= now || now - last_seen >= idle_limit {
        sessions::delete(&mut db, holder.session).await?;
        return Err(AppError::Unauthenticated(NOT_SIGNED_IN));
    }
    if let Err(denied) = policy::may_use_account(&holder.user, now) {
        sessions::delete(&mut db, holder.session).await?;
        return Err(denied.into());
    }
    if now - last_seen >= TOUCH_INTERVAL_MILLIS {
        app.touches().session_seen(holder.session, now);
    }
    Ok(Authenticated {
        user: holder.user,
        session_id: holder.session,
        pending_policy: holder.pending_policy,
    })
}

/// When each of these sessions ends unless it is used again: at its absolute expiry
/// or at its idle limit, whichever comes first. Sessions that have ended, or no
/// longer exist, are left out. The live stream asks this for the sessions its
/// connections were opened with, so that they close when their session ends.
pub async fn ends(
    app: &App,
    ids: &[SessionId],
) -> Result<std::collections::HashMap<SessionId, Millis>, AppError> {
    let now = app.now();
    let idle_limit = millis(app.settings().session_idle_timeout);
    let mut db = app.store().conn().await?;
    let rows = sessions::by_ids(&mut db, ids).await?;
    Ok(rows
        .into_iter()
        .filter_map(|session| {
            let last_seen = app
                .touches()
                .session_last_seen(session.id())
                .map_or(session.last_seen_at, |seen| seen.max(session.last_seen_at));
            let ends = session.expires_at.min(last_seen + idle_limit);
            (ends > now).then_some((session.id(), ends))
        })
        .collect())
}

/// Ends the session holding this secret. Unknown secrets are ignored: signing out
/// twice is not an error.
pub async fn sign_out(app: &App, secret: &str) -> Result<(), AppError> {
    let mut db = app.store().conn().await?;
    if let Some(session) = sessions::find_by_secret_hash(&mut db, &secrets::hash(secret)).await? {
        sessions::delete(&mut db, session.id()).await?;
        // Its connections may be the person's in any of their networks.
        let (_, rows) = rows_of_person(&mut db, session.user_id()).await?;
        app.publish(
            rows.iter()
                .map(|row| live::close_connections(app, *row, Closing::Session(session.id))),
        );
        tracing::info!(
            user.id = session.user_id,
            session.id = session.id,
            "signed out"
        );
    }
    Ok(())
}

/// What signing out everywhere ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignedOut {
    pub sessions_ended: u64,
    pub tokens_revoked: u64,
}

/// Ends every session of the acting person, on every device, and with
/// `revoke_tokens` every API token too: someone who fears a stolen credential must be
/// able to end them all in one step. Tokens are kept unless asked, since scripts
/// depend on them and a person signing out everywhere has not always lost one.
pub async fn sign_out_everywhere(
    app: &App,
    actor: &Actor,
    revoke_tokens: bool,
) -> Result<SignedOut, AppError> {
    let user = signed_in(actor)?;
    let mut tx = app.store().begin().await?;
    let (home_row, rows) = rows_of_person(&mut tx, user.id).await?;
    let sessions_ended = sessions::delete_all_for_user(&mut tx, home_row).await?;
    let mut tokens_revoked = 0;
    if revoke_tokens {
        for row in &rows {
            tokens_revoked += tokens::delete_all_for_user(&mut tx, *row).await?;
        }
    }
    tx.commit().await?;
    app.publish(
        rows.iter()
            .map(|row| live::close_connections(app, *row, Closing::All)),
    );
    tracing::info!(
        user.id = %user.id,
        sessions = sessions_ended,
        tokens = tokens_revoked,
        "signed out everywhere"
    );
    Ok(SignedOut {
        sessions_ended,
        tokens_revoked,
    })
}

/// The acting person's sessions, newest first.
pub async fn list(app: &App, actor: &Actor) -> Result<Vec<Session>, AppError> {
    let user = signed_in(actor)?;
    let mut db = app.store().conn().await?;
    let home_row = hearth_store::external_networks::home_row_of(&mut db, user.id).await?;
    let mut rows = sessions::list_for_user(&mut db, home_row).await?;
    for row in &mut rows {
        if let Some(seen) = app.touches().session_last_seen(row.id()) {
            row.last_seen_at = row.last_seen_at.max(seen);
        }
    }
    Ok(rows.into_iter().map(Session::from).collect())
}

/// Ends one of the acting person's sessions.
pub async fn revoke(app: &App, actor: &Actor, id: SessionId) -> Result<(), AppError> {
    let user = signed_in(actor)?;
    let mut db = app.store().conn().await?;
    let (home_row, rows) = rows_of_person(&mut db, user.id).await?;
    if !sessions::delete_for_user(&mut db, home_row, id).await? {
        return Err(AppError::NotFound("session"));
    }
    app.publish(
        rows.iter()
            .map(|row| live::close_connections(app, *row, Closing::Session(id.0))),
    );
    Ok(())
}

/// Removes sessions past their lifetime; run periodically.
pub async fn purge_expired(app: &App) -> Result<u64, AppError> {
    // Sightings this node has not written yet would make active sessions look idle.
    app.write_touches().await?;
    let now = app.now();
    let idle_cutoff = now - millis(app.settings().session_idle_timeout);
    let mut db = app.store().conn().await?;
    Ok(sessions::delete_expired(&mut db, now, idle_cutoff).await?)
}

/// A password change as the person asks for it.
#[derive(Debug, Clone, Copy)]
pub struct PasswordChange<'a> {
    pub current_password: &'a str,
    pub new_password: &'a str,
    /// Whether every API token goes too: a password change after a leak should be
    /// able to shut every door at once.
    pub revoke_tokens: bool,
}

/// Sets a new password for the acting person and ends their other sessions, so a
/// stolen session does not outlive the password change; their API tokens too when
/// asked (see [`sign_out_everywhere`] for why they are kept otherwise).
pub async fn change_password(
    app: &App,
    actor: &Actor,
    current_session: Option<SessionId>,
    change: PasswordChange<'_>,
) -> Result<(), AppError> {
    let user = signed_in(actor)?;
    let new_password = hearth_domain::Password::parse(change.new_password)
        .map_err(|invalid| hearth_domain::ValidationError::new("new_password", invalid.message))?;
    confirm_password(app, user, change.current_password).await?;
    let hash = passwords::hash(new_password.expose().to_owned()).await?;
    let mut tx = app.store().begin().await?;
    let (home_row, rows) = rows_of_person(&mut tx, user.id).await?;
    users::set_password_hash(&mut tx, home_row, &hash, app.now()).await?;
    for session in sessions::list_for_user(&mut tx, home_row).await? {
        if Some(session.id()) != current_session {
            sessions::delete(&mut tx, session.id()).await?;
        }
    }
    if change.revoke_tokens {
        for row in &rows {
            tokens::delete_all_for_user(&mut tx, *row).await?;
        }
    }
    tx.commit().await?;
    let closing = current_session.map_or(Closing::All, |kept| Closing::AllBut(kept.0));
    app.publish(
        rows.iter()
            .map(|row| live::close_connections(app, *row, closing)),
    );
    Ok(())
}

/// Checks a signed-in person's current password, for acts that ask for it again.
/// The password is guessable through these doors too, so they share one allowance
/// per account.
pub(crate) async fn confirm_password(
    app: &App,
    user: &User,
    password: &str,
) -> Result<(), AppError> {
    // One allowance for the person, whichever of their networks they act in.
    let home_row = {
        let mut db = app.store().conn().await?;
        hearth_store::external_networks::home_row_of(&mut db, user.id).await?
    };
    app.sign_in_limiter()
        .check_account(&format!("password-change:{home_row}"))?;
    let stored = {
        let mut db = app.store().conn().await?;
        users::find_credentials(&mut db, &user.email)
            .await?
            .and_then(|(_, hash)| hash)
    };
    if password.len() > hearth_domain::validation::MAX_PASSWORD_BYTES
        || !passwords::verify(password.to_owned(), stored).await?
    {
        return Err(hearth_domain::ValidationError::new(
            "current_password",
            "the current password is not right",
        )
        .into());
    }
    Ok(())
}

/// When the session began, if it is one of this person's: the sign-in it stands for.
pub(crate) async fn signed_in_at(
    app: &App,
    user: &User,
    session: SessionId,
) -> Result<Option<Millis>, AppError> {
    let mut db = app.store().conn().await?;
    let home_row = hearth_store::external_networks::home_row_of(&mut db, user.id).await?;
    Ok(sessions::get_for_user(&mut db, home_row, session)
        .await?
        .map(|row| row.created_at))
}

/// A person's home row, which holds their password and sessions wherever they act,
/// and all their rows (the home row first), whose tokens and live connections are
/// each row's own.
async fn rows_of_person(
    db: &mut hearth_store::Conn,
    user: hearth_domain::UserId,
) -> Result<(hearth_domain::UserId, Vec<hearth_domain::UserId>), AppError> {
    let home_row = hearth_store::external_networks::home_row_of(db, user).await?;
    let mut rows = vec![home_row];
    rows.extend(hearth_store::external_networks::member_rows(db, home_row).await?);
    Ok((home_row, rows))
}
