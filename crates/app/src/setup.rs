//! First run: a server that finds no network prints a one-time link; whoever opens it
//! names the company and becomes its first administrator.

use crate::sessions::{ClientInfo, SignedIn};
use crate::{App, AppError, millis, secrets, sessions};
use hearth_domain::{
    CompanyName, DEFAULT_LANGUAGE, DisplayName, Email, Network, NetworkId, NetworkKind, Password,
    Role, User, UserId, UserStatus,
};
use hearth_store::{networks, setup_tokens, users};

/// Whether the deployment still needs its first-run set-up.
pub async fn needs_setup(app: &App) -> Result<bool, AppError> {
    let mut db = app.store().conn().await?;
    Ok(networks::count(&mut db).await? == 0)
}

/// Creates a fresh set-up secret (replacing any earlier one) when no network exists
/// yet, or answers `None` when set-up is already done.
pub async fn issue_link(app: &App) -> Result<Option<String>, AppError> {
    let mut tx = app.store().begin().await?;
    if networks::count(&mut tx).await? > 0 {
        return Ok(None);
    }
    let secret = secrets::generate("");
    let expires_at = app.now() + millis(app.settings().setup_link_lifetime);
    setup_tokens::replace(&mut tx, &secrets::hash(&secret), expires_at).await?;
    tx.commit().await?;
    Ok(Some(secret))
}

/// Whether a set-up secret may still be used, so the form is only shown to its holder.
pub async fn check_link(app: &App, secret: &str) -> Result<(), AppError> {
    let mut db = app.store().conn().await?;
    if networks::count(&mut db).await? > 0 {
        return Err(already_set_up());
    }
    if !setup_tokens::is_valid(&mut db, &secrets::hash(secret), app.now()).await? {
        return Err(AppError::Unauthenticated(
            "this set-up link is invalid or has expired; restart the server to print a new one",
        ));
    }
    Ok(())
}

fn already_set_up() -> AppError {
    AppError::Conflict {
        message: "Hearth is already set up; sign in instead".to_owned(),
        field: None,
    }
}

/// What the person filling in the set-up form typed.
pub struct SetupForm<'a> {
    pub secret: &'a str,
    pub company: &'a str,
    pub name: &'a str,
    pub email: &'a str,
    pub password: &'a str,
}

/// Creates the home network and its first admin, uses up the link and signs the admin
/// in, all in one transaction.
pub async fn complete(
    app: &App,
    form: SetupForm<'_>,
    client: &ClientInfo,
) -> Result<SignedIn, AppError> {
    let company = CompanyName::parse(form.company)?;
    let name = DisplayName::parse(form.name)?;
    let email = Email::parse(form.email)?;
    let password = Password::parse(form.password)?;
    check_link(app, form.secret).await?;
    let password_hash = crate::passwords::hash(password.expose().to_owned()).await?;

    let now = app.now();
    let mut tx = app.store().begin().await?;
    if networks::count(&mut tx).await? > 0 {
        return Err(already_set_up());
    }
    if !setup_tokens::consume(&mut tx, &secrets::hash(form.secret), now).await? {
        return Err(AppError::Unauthenticated(
            "this set-up link is invalid or has expired; restart the server to print a new one",
        ));
    }
    let network = Network {
        id: NetworkId(app.next_id()),
        name: company.as_str().to_owned(),
        kind: NetworkKind::Home,
        created_at: now,
        default_language: DEFAULT_LANGUAGE.to_owned(),
        poll_votes: hearth_domain::poll::AllowedVotes::Any,
    };
    networks::insert(&mut tx, &network).await?;
    let admin = User {
        id: UserId(app.next_id()),
        network_id: network.id,
        email: email.as_str().to_owned(),
        display_name: name.as_str().to_owned(),
        role: Role::Admin,
        status: UserStatus::Active,
        suspended_until: None,
        created_at: now,
        language: None,
        time_zone: hearth_domain::DEFAULT_TIME_ZONE.to_owned(),
        photo: None,
    };
    let handle = crate::accounts::free_handle(&mut tx, network.id, &admin.email).await?;
    users::insert(
        &mut tx,
        users::NewUser {
            user: &admin,
            handle: &handle,
            password_hash: Some(&password_hash),
            home_user_id: None,
        },
    )
    .await?;
    let signed_in = sessions::start(app, &mut tx, admin, client).await?;
    tx.commit().await?;
    tracing::info!(network.id = %network.id, user.id = %signed_in.user.id, "home network set up");
    Ok(signed_in)
}
