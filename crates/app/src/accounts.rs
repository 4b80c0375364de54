//! Creating and looking up accounts.

use crate::audit::{self, Acting};
use crate::{App, AppError, passwords};
use hearth_domain::{
    Actor, AuditAction, DEFAULT_LANGUAGE, DisplayName, Email, Network, NetworkId, NetworkKind,
    Password, Role, User, UserId, UserStatus, policy,
};
use hearth_store::{networks, users};

/// What an operator or admin supplies to create an account.
pub struct NewAccount<'a> {
    pub email: &'a str,
    pub name: &'a str,
    /// Without a password the account can only be used once one is set.
    pub password: Option<&'a str>,
    pub role: Role,
    /// Name for the home network when the operator creates the very first account;
    /// "Hearth" when not given.
    pub company_if_new: Option<&'a str>,
}

/// Creates an account in the actor's network. From the command line (the operator),
/// the home network is created first when there is none yet, so a deployment can be
/// set up entirely by script.
pub async fn create_user(
    app: &App,
    actor: &Actor,
    input: NewAccount<'_>,
) -> Result<User, AppError> {
    let address = match actor {
        Actor::Operator => "command line",
        Actor::User(_) => "",
    };
    create_user_from(app, Acting::new(actor, address), input).await
}

/// [`create_user`], recording where the request came from in the audit log.
pub async fn create_user_from(
    app: &App,
    acting: Acting<'_>,
    input: NewAccount<'_>,
) -> Result<User, AppError> {
    let actor = acting.actor;
    policy::may_create_user(actor)?;
    policy::may_grant_role(actor, input.role)?;
    let email = Email::parse(input.email)?;
    let name = DisplayName::parse(input.name)?;
    let password = input.password.map(Password::parse).transpose()?;
    let company = hearth_domain::CompanyName::parse(input.company_if_new.unwrap_or("Hearth"))?;
    let password_hash = match password {
        Some(password) => Some(passwords::hash(password.expose().to_owned()).await?),
        None => None,
    };

    let now = app.now();
    let mut tx = app.store().begin().await?;
    let network_id = match actor {
        Actor::User(admin) => admin.network_id,
        Actor::Operator => match networks::home(&mut tx).await? {
            Some(home) => home.id,
            None => {
                let home = Network {
                    id: NetworkId(app.next_id()),
                    name: company.as_str().to_owned(),
                    kind: NetworkKind::Home,
                    created_at: now,
                    default_language: DEFAULT_LANGUAGE.to_owned(),
                    poll_votes: hearth_domain::poll::AllowedVotes::Any,
                };
                networks::insert(&mut tx, &home).await?;
                tracing::info!(network.id = %home.id, "home network created from the command line");
                home.id
            }
        },
    };
    let user = User {
        id: UserId(app.next_id()),
        network_id,
        email: email.as_str().to_owned(),
        display_name: name.as_str().to_owned(),
        role: input.role,
        status: UserStatus::Active,
        suspended_until: None,
        created_at: now,
        language: None,
        time_zone: hearth_domain::DEFAULT_TIME_ZONE.to_owned(),
        photo: None,
    };
    let handle = free_handle(&mut tx, network_id, &user.email).await?;
    users::insert(
        &mut tx,
        users::NewUser {
            user: &user,
            handle: &handle,
            password_hash: password_hash.as_deref(),
            home_user_id: None,
        },
    )
    .await?;
    audit::record(
        &mut tx,
        app,
        acting,
        network_id,
        AuditAction::UserCreated,
        audit::Target::user(&user),
        "",
        serde_json::json!({ "role": user.role.as_str() }),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(user.id = %user.id, network.id = %user.network_id, "account created");
    Ok(user)
}

/// Writes a new, active account in the caller's transaction: what every way of
/// joining (creation by an admin, an accepted invitation) has in common.
pub(crate) async fn insert_account(
    app: &App,
    db: &mut hearth_store::Conn,
    network_id: NetworkId,
    email: &Email,
    name: &DisplayName,
    role: Role,
    password_hash: Option<&str>,
) -> Result<User, AppError> {
    let user = User {
        id: UserId(app.next_id()),
        network_id,
        email: email.as_str().to_owned(),
        display_name: name.as_str().to_owned(),
        role,
        status: UserStatus::Active,
        suspended_until: None,
        created_at: app.now(),
        language: None,
        time_zone: hearth_domain::DEFAULT_TIME_ZONE.to_owned(),
        photo: None,
    };
    let handle = free_handle(db, network_id, &user.email).await?;
    users::insert(
        db,
        users::NewUser {
            user: &user,
            handle: &handle,
            password_hash,
            home_user_id: None,
        },
    )
    .await?;
    Ok(user)
}

/// A handle for a new account, made from the e-mail address and not yet taken in the
/// network ("ana", then "ana2", "ana3", …).
pub(crate) async fn free_handle(
    db: &mut hearth_store::Conn,
    network: NetworkId,
    email: &str,
) -> Result<String, AppError> {
    let base = hearth_domain::Handle::suggest_from_email(email);
    let taken = users::handles_starting_with(db, network, base.as_str()).await?;
    if !taken.iter().any(|t| t == base.as_str()) {
        return Ok(base.as_str().to_owned());
    }
    let free = (2..)
        .map(|n| base.with_suffix(n))
        .find(|candidate| !taken.iter().any(|t| t == candidate.as_str()))
        .unwrap_or(base);
    Ok(free.as_str().to_owned())
}

/// A person's account, if the actor may see it.
pub async fn get_user(app: &App, actor: &Actor, id: UserId) -> Result<User, AppError> {
    let mut db = app.store().conn().await?;
    let user = users::get(&mut db, id)
        .await?
        .ok_or(AppError::NotFound("user"))?;
    // Someone outside the network learns nothing, not even that the id exists.
    policy::may_view_user(actor, &user).map_err(|_| AppError::NotFound("user"))?;
    Ok(user)
}

/// Looks an account up by e-mail, for the operator's command line.
pub async fn find_by_email(app: &App, actor: &Actor, email: &str) -> Result<User, AppError> {
    let email = Email::parse(email)?;
    let mut db = app.store().conn().await?;
    let user = users::find_by_email(&mut db, email.as_str())
        .await?
        .ok_or(AppError::NotFound("user with this e-mail address"))?;
    policy::may_view_user(actor, &user).map_err(|_| AppError::NotFound("user"))?;
    Ok(user)
}

/// The actor's network.
pub async fn network_of(app: &App, user: &User) -> Result<Network, AppError> {
    let mut db = app.store().conn().await?;
    networks::get(&mut db, user.network_id)
        .await?
        .ok_or(AppError::NotFound("network"))
}
