//! SCIM Users: Hearth's accounts of the token's network, with the core User schema
//! and the enterprise extension (department, manager, employeeNumber).
//!
//! `userName` is the provider's own name for the person, any string unique in the
//! network ignoring case (a login, an employee number, a UPN); an account SCIM never
//! named goes by its e-mail address. The e-mail address is `emails`' one value.
//! `displayName` and `name.formatted` are the display name; `title` is the profile's
//! job title. `photos`' one value is the profile photo ([`super::photos`] says how
//! a picture given is taken).
//!
//! `active: false` deactivates through [`crate::lifecycle::deactivate`], as an
//! admin's deactivation does, and `active: true` reactivates, but only an account the
//! provider shut out itself ([`hearth_domain::policy::may_provider_reactivate`]).
//! DELETE deactivates the account and hides it from SCIM for good: Hearth keeps it
//! for its content, and every request about it answers 404.

use super::{
    ENTERPRISE_SCHEMA, ListPage, ListQuery, ScimClient, ScimError, USER_SCHEMA, check_version,
    checked_filter, page, photos, version_of,
};
use crate::audit::{self, Target};
use crate::{App, AppError, accounts, lifecycle};
use hearth_domain::scim_filter::{self, AttrPath, AttrType, Scalar, Schema};
use hearth_domain::{
    AuditAction, DisplayName, Email, Millis, Role, UploadId, UserId, UserStatus, policy,
};
use hearth_store::scim::{self as store, ScimUserRow, UserAttributes};
use serde_json::json;

/// The longest title, department, employee number or `externalId` kept.
pub const MAX_TEXT_CHARS: usize = 200;

/// The reason the audit log gives for a SCIM client's deactivation.
const DEACTIVATED: &str = "deactivated by the identity provider (SCIM)";
const REACTIVATED: &str = "reactivated by the identity provider (SCIM)";

/// A person's account as the identity provider sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScimUser {
    pub id: UserId,
    /// SCIM's `userName`.
    pub user_name: String,
    /// The e-mail address, SCIM's only `emails` value; `None` when the provider
    /// gave none (the account holds a placeholder).
    pub email: Option<String>,
    pub display_name: String,
    /// Whether the person may sign in now (a suspension that has run out counts as
    /// active).
    pub active: bool,
    pub external_id: Option<String>,
    /// The profile's job title; empty when none.
    pub title: String,
    pub department: String,
    pub employee_number: String,
    pub manager: Option<UserId>,
    /// The profile photo, SCIM's only `photos` value.
    pub photo: Option<UploadId>,
    pub created_at: Millis,
    pub last_modified: Millis,
    /// The version for ETags and `If-Match`.
    pub version: String,
}

impl ScimUser {
    fn of(row: &ScimUserRow, now: Millis) -> Self {
        Self {
            id: row.user_id(),
            user_name: row.user_name.clone(),
            email: (!Email::is_placeholder(&row.email)).then(|| row.email.clone()),
            display_name: row.display_name.clone(),
            active: is_active(row, now),
            external_id: row.external_id.clone(),
            title: row.job_title.clone(),
            department: row.department.clone(),
            employee_number: row.employee_number.clone(),
            manager: row.manager_id.map(UserId),
            photo: row.photo_upload_id.map(UploadId),
            created_at: row.created_at,
            last_modified: row.updated_at,
            version: version_of(row.updated_at),
        }
    }
}

fn is_active(row: &ScimUserRow, now: Millis) -> bool {
    match UserStatus::parse(&row.status) {
        Some(UserStatus::Active) => true,
        Some(UserStatus::Suspended) => row.suspended_until.is_some_and(|until| until <= now),
        _ => false,
    }
}

/// What a User resource says, validated: the whole of a PUT, or a PATCH applied to
/// the current resource. Texts are trimmed, and at most [`MAX_TEXT_CHARS`] long.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserInput {
    /// Trimmed, not empty, at most [`MAX_TEXT_CHARS`] long.
    pub user_name: String,
    /// `None` when the provider gave none: the account holds a placeholder.
    pub email: Option<Email>,
    pub display_name: DisplayName,
    pub external_id: Option<String>,
    pub title: String,
    pub department: String,
    pub employee_number: String,
    pub manager: Option<UserId>,
    /// `None` leaves the account active or not, as it is.
    pub active: Option<bool>,
    /// What becomes of the profile photo.
    pub photo: PhotoInput,
}

/// What a User resource says of the profile photo (SCIM `photos`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum PhotoInput {
    /// Nothing, or the photo as Hearth gave it: it stays as it is.
    #[default]
    Unchanged,
    /// No photo: the photo is taken down.
    Remove,
    /// The picture at this `data:` URI or `https://` URL, to take as the photo. A
    /// picture that cannot be fetched or is not an image leaves the photo as it is
    /// (and is logged); the provisioning is done all the same.
    Take(String),
}

/// The attributes a filter may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Attr {
    Id,
    UserName,
    DisplayName,
    Email,
    ExternalId,
    Title,
    Active,
    Created,
    LastModified,
    Department,
    EmployeeNumber,
    Manager,
}

struct Users;

impl Schema for Users {
    type Attr = Attr;

    fn resolve(&self, path: &AttrPath) -> Option<(Attr, AttrType)> {
        let text = AttrType::String { case_exact: false };
        let exact = AttrType::String { case_exact: true };
        let core = path
            .uri
            .as_deref()
            .is_none_or(|uri| uri.eq_ignore_ascii_case(USER_SCHEMA));
        let enterprise = path
            .uri
            .as_deref()
            .is_some_and(|uri| uri.eq_ignore_ascii_case(ENTERPRISE_SCHEMA));
        let found = if core {
            [
                ("id", None, Attr::Id, exact),
                ("userName", None, Attr::UserName, text),
                ("displayName", None, Attr::DisplayName, text),
                ("name", Some("formatted"), Attr::DisplayName, text),
                ("emails", None, Attr::Email, text),
                ("emails", Some("value"), Attr::Email, text),
                ("externalId", None, Attr::ExternalId, exact),
                ("title", None, Attr::Title, text),
                ("active", None, Attr::Active, AttrType::Boolean),
                ("meta", Some("created"), Attr::Created, AttrType::DateTime),
                (
                    "meta",
                    Some("lastModified"),
                    Attr::LastModified,
                    AttrType::DateTime,
                ),
            ]
            .into_iter()
            .find(|(name, sub, _, _)| path.is(name, *sub))
        } else if enterprise {
            [
                ("department", None, Attr::Department, text),
                ("employeeNumber", None, Attr::EmployeeNumber, exact),
                ("manager", None, Attr::Manager, exact),
                ("manager", Some("value"), Attr::Manager, exact),
            ]
            .into_iter()
            .find(|(name, sub, _, _)| path.is(name, *sub))
        } else {
            None
        };
        found.map(|(_, _, attr, ty)| (attr, ty))
    }

    fn parse_time(&self, raw: &str) -> Option<Millis> {
        crate::parse_rfc3339(raw)
    }
}

/// A User's values of a filterable attribute; none when it has no value.
fn values(user: &ScimUser, attr: Attr) -> Vec<Scalar> {
    let text = |s: &str| {
        if s.is_empty() {
            vec![]
        } else {
            vec![Scalar::Str(s.to_owned())]
        }
    };
    match attr {
        Attr::Id => text(&user.id.to_string()),
        Attr::UserName => text(&user.user_name),
        Attr::Email => text(user.email.as_deref().unwrap_or("")),
        Attr::DisplayName => text(&user.display_name),
        Attr::ExternalId => text(user.external_id.as_deref().unwrap_or("")),
        Attr::Title => text(&user.title),
        Attr::Active => vec![Scalar::Bool(user.active)],
        Attr::Created => vec![Scalar::Time(user.created_at)],
        Attr::LastModified => vec![Scalar::Time(user.last_modified)],
        Attr::Department => text(&user.department),
        Attr::EmployeeNumber => text(&user.employee_number),
        Attr::Manager => text(&user.manager.map(|m| m.to_string()).unwrap_or_default()),
    }
}

async fn read(app: &App, client: &ScimClient, id: UserId) -> Result<ScimUserRow, ScimError> {
    let mut db = app.store().conn().await?;
    store::user(&mut db, client.network, id)
        .await?
        .ok_or(ScimError::NotFound("User"))
}

/// One User of the token's network.
pub async fn get(app: &App, client: &ScimClient, id: UserId) -> Result<ScimUser, ScimError> {
    let row = read(app, client, id).await?;
    Ok(ScimUser::of(&row, app.now()))
}

/// The Users of the token's network that match the filter, one page of them.
pub async fn list(
    app: &App,
    client: &ScimClient,
    query: &ListQuery,
) -> Result<ListPage<ScimUser>, ScimError> {
    let filter = checked_filter(query.filter.as_deref(), &Users)?;
    let mut db = app.store().conn().await?;
    let rows = store::users(&mut db, client.network).await?;
    drop(db);
    let now = app.now();
    let matching = rows
        .iter()
        .map(|row| ScimUser::of(row, now))
        .filter(|user| {
            filter
                .as_ref()
                .is_none_or(|f| scim_filter::matches(f, &|attr| values(user, attr)))
        })
        .collect();
    Ok(page(matching, query))
}

/// Creates a member account in the token's network (POST /Users).
pub async fn create(
    app: &App,
    client: &ScimClient,
    input: UserInput,
) -> Result<ScimUser, ScimError> {
    let acting = client.acting();
    policy::may_create_user(acting.actor)?;
    let mut tx = app.store().begin().await?;
    check_user_name(&mut tx, client, &input.user_name, None).await?;
    let manager = check_manager(&mut tx, client, input.manager, None).await?;
    let email = input
        .email
        .clone()
        .unwrap_or_else(|| Email::placeholder(app.next_id()));
    let user = accounts::insert_account(
        app,
        &mut tx,
        client.network,
        &email,
        &input.display_name,
        Role::Member,
        None,
    )
    .await?;
    store::set_user_attributes(
        &mut tx,
        user.id,
        &attributes(&input, &email, manager),
        app.now(),
    )
    .await
    .map_err(name_taken)?;
    audit::record(
        &mut tx,
        app,
        acting,
        client.network,
        AuditAction::UserCreated,
        Target::user(&user),
        "",
        json!({ "role": user.role.as_str(), "external_id": input.external_id }),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(user.id = %user.id, network.id = %client.network, "account provisioned");
    if input.active == Some(false) {
        lifecycle::deactivate(app, acting, user.id, DEACTIVATED).await?;
    }
    photos::apply(app, client, user.id, &input.photo).await;
    get(app, client, user.id).await
}

/// Changes a User (PUT or PATCH /Users/{id}) to what `change` makes of it, once its
/// version is checked against `If-Match`: the attributes are written, and the account
/// moved to the state asked for.
pub async fn replace<E: From<ScimError>>(
    app: &App,
    client: &ScimClient,
    id: UserId,
    if_match: Option<&str>,
    change: impl FnOnce(&ScimUser) -> Result<UserInput, E>,
) -> Result<ScimUser, E> {
    let row = read(app, client, id).await?;
    check_version(if_match, &version_of(row.updated_at))?;
    let input = change(&ScimUser::of(&row, app.now()))?;
    Ok(write(app, client, &row, input).await?)
}

/// Deletes a User (DELETE /Users/{id}): Hearth deactivates the account, as an admin's
/// deactivation does, and keeps it with its content, but the identity provider never
/// sees it again: every later request about it answers "not found", and its userName
/// is free for someone else. An admin who reactivates it shows it to SCIM again.
pub async fn delete(
    app: &App,
    client: &ScimClient,
    id: UserId,
    if_match: Option<&str>,
) -> Result<(), ScimError> {
    let row = read(app, client, id).await?;
    check_version(if_match, &version_of(row.updated_at))?;
    if row.status != UserStatus::Deactivated.as_str() {
        lifecycle::deactivate(app, client.acting(), row.user_id(), DEACTIVATED).await?;
    }
    let mut db = app.store().conn().await?;
    store::mark_deleted(&mut db, row.user_id(), app.now()).await?;
    tracing::info!(user.id = %row.user_id(), network.id = %client.network, "account deleted by the identity provider");
    Ok(())
}

/// Writes the attributes in one transaction that also checks nobody changed the
/// User since it was read, then moves it to the state asked for through the same
/// lifecycle as an admin's acts (their own transactions, audited).
async fn write(
    app: &App,
    client: &ScimClient,
    row: &ScimUserRow,
    input: UserInput,
) -> Result<ScimUser, ScimError> {
    policy::may_administer_people(client.acting().actor)?;
    let mut tx = app.store().begin().await?;
    let current = store::user(&mut tx, client.network, row.user_id())
        .await?
        .ok_or(ScimError::NotFound("User"))?;
    if current.updated_at != row.updated_at {
        return Err(ScimError::VersionMismatch);
    }
    let now = app.now();
    if input.active == Some(true) && !is_active(row, now) {
        // Refused before anything is written: the request changes nothing.
        lifecycle::may_reactivate(&mut tx, client.acting(), row.user_id())
            .await
            .map_err(|err| match err {
                AppError::Forbidden(why) => ScimError::Mutability(why.to_owned()),
                other => other.into(),
            })?;
    }
    check_user_name(&mut tx, client, &input.user_name, Some(row.user_id())).await?;
    let manager = check_manager(&mut tx, client, input.manager, Some(row.user_id())).await?;
    let email = match &input.email {
        Some(email) => email.clone(),
        None if Email::is_placeholder(&row.email) => Email::parse(&row.email)?,
        None => Email::placeholder(app.next_id()),
    };
    let attributes = attributes(&input, &email, manager);
    let unchanged = attributes.user_name == row.user_name
        && attributes.email == row.email
        && attributes.display_name == row.display_name
        && attributes.external_id == row.external_id.as_deref()
        && attributes.employee_number == row.employee_number
        && attributes.department == row.department
        && attributes.job_title == row.job_title
        && attributes.manager_id.map(|m| m.0) == row.manager_id;
    if !unchanged {
        store::set_user_attributes(&mut tx, row.user_id(), &attributes, app.now())
            .await
            .map_err(name_taken)?;
        audit::record(
            &mut tx,
            app,
            client.acting(),
            client.network,
            AuditAction::UserProvisioned,
            Target {
                kind: "user",
                id: Some(row.user_id().0),
                name: format!("{} <{}>", row.display_name, row.email),
            },
            "",
            json!({
                "user_name": attributes.user_name,
                "email": attributes.email,
                "display_name": attributes.display_name,
                "external_id": attributes.external_id,
                "employee_number": attributes.employee_number,
                "department": attributes.department,
                "title": attributes.job_title,
                "manager_id": attributes.manager_id.map(|m| m.to_string()),
            }),
        )
        .await?;
    }
    tx.commit().await?;
    match input.active {
        Some(false) if is_active(row, now) => {
            lifecycle::deactivate(app, client.acting(), row.user_id(), DEACTIVATED).await?;
        }
        Some(true) if !is_active(row, now) => {
            lifecycle::reactivate(app, client.acting(), row.user_id(), REACTIVATED).await?;
        }
        _ => {}
    }
    photos::apply(app, client, row.user_id(), &input.photo).await;
    get(app, client, row.user_id()).await
}

fn attributes<'a>(
    input: &'a UserInput,
    email: &'a Email,
    manager: Option<UserId>,
) -> UserAttributes<'a> {
    UserAttributes {
        user_name: &input.user_name,
        email: email.as_str(),
        display_name: input.display_name.as_str(),
        external_id: input.external_id.as_deref(),
        employee_number: &input.employee_number,
        department: &input.department,
        job_title: &input.title,
        manager_id: manager,
    }
}

/// A userName is the network's only one of that name, ignoring case; `of` is the User
/// being changed, whose own name is no obstacle.
async fn check_user_name(
    db: &mut hearth_store::Conn,
    client: &ScimClient,
    user_name: &str,
    of: Option<UserId>,
) -> Result<(), ScimError> {
    if store::user_name_taken(db, client.network, &user_name.to_lowercase(), of).await? {
        return Err(ScimError::Uniqueness(format!(
            "another User already has the userName {user_name:?}"
        )));
    }
    Ok(())
}

/// Two writes racing for one userName: the loser's is refused by the unique index.
fn name_taken(err: hearth_store::StoreError) -> ScimError {
    match err {
        hearth_store::StoreError::Conflict { constraint } if constraint != "email" => {
            ScimError::Uniqueness("another User already has this userName".to_owned())
        }
        other => other.into(),
    }
}

/// A manager must be someone of the same network, and not the person themselves.
async fn check_manager(
    db: &mut hearth_store::Conn,
    client: &ScimClient,
    manager: Option<UserId>,
    of: Option<UserId>,
) -> Result<Option<UserId>, ScimError> {
    let Some(manager) = manager else {
        return Ok(None);
    };
    if Some(manager) == of {
        return Err(ScimError::InvalidValue(
            "a person cannot be their own manager".to_owned(),
        ));
    }
    if store::user(db, client.network, manager).await?.is_none() {
        return Err(ScimError::InvalidValue(format!(
            "the manager {manager} is not a User here"
        )));
    }
    Ok(Some(manager))
}
