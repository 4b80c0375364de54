//! SCIM Users: Hearth's accounts of the token's network, with the core User schema
//! and the enterprise extension (department, manager, employeeNumber).
//!
//! `userName` is the e-mail address (and `emails` mirrors it); `displayName` and
//! `name.formatted` are the display name; `title` is the profile's job title.
//! `active: false` and DELETE deactivate through [`crate::lifecycle::deactivate`]:
//! the account is kept, as for an admin's deactivation, and `active: true`
//! reactivates it.

use super::{
    ENTERPRISE_SCHEMA, ListPage, ListQuery, ScimClient, ScimError, USER_SCHEMA, check_version,
    checked_filter, page, version_of,
};
use crate::audit::{self, Target};
use crate::{App, AppError, accounts, lifecycle};
use hearth_domain::scim_filter::{self, AttrPath, AttrType, Scalar, Schema};
use hearth_domain::{AuditAction, DisplayName, Email, Millis, Role, UserId, UserStatus, policy};
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
    /// The e-mail address: SCIM's `userName` and only e-mail.
    pub email: String,
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
    pub created_at: Millis,
    pub last_modified: Millis,
    /// The version for ETags and `If-Match`.
    pub version: String,
}

impl ScimUser {
    fn of(row: &ScimUserRow, now: Millis) -> Self {
        Self {
            id: row.user_id(),
            email: row.email.clone(),
            display_name: row.display_name.clone(),
            active: is_active(row, now),
            external_id: row.external_id.clone(),
            title: row.job_title.clone(),
            department: row.department.clone(),
            employee_number: row.employee_number.clone(),
            manager: row.manager_id.map(UserId),
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
    pub email: Email,
    pub display_name: DisplayName,
    pub external_id: Option<String>,
    pub title: String,
    pub department: String,
    pub employee_number: String,
    pub manager: Option<UserId>,
    /// `None` leaves the account active or not, as it is.
    pub active: Option<bool>,
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
        Attr::UserName | Attr::Email => text(&user.email),
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
    let manager = check_manager(&mut tx, client, input.manager, None).await?;
    let user = accounts::insert_account(
        app,
        &mut tx,
        client.network,
        &input.email,
        &input.display_name,
        Role::Member,
        None,
    )
    .await?;
    store::set_user_attributes(&mut tx, user.id, &attributes(&input, manager), app.now()).await?;
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

/// Deactivates a User (DELETE /Users/{id}): Hearth keeps a departed person's account
/// and content, as an admin's deactivation does. Deleting it again is harmless.
pub async fn deactivate(
    app: &App,
    client: &ScimClient,
    id: UserId,
    if_match: Option<&str>,
) -> Result<(), ScimError> {
    let row = read(app, client, id).await?;
    check_version(if_match, &version_of(row.updated_at))?;
    if row.status == UserStatus::Deactivated.as_str() {
        return Ok(());
    }
    lifecycle::deactivate(app, client.acting(), row.user_id(), DEACTIVATED).await?;
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
    let manager = check_manager(&mut tx, client, input.manager, Some(row.user_id())).await?;
    let attributes = attributes(&input, manager);
    let unchanged = attributes.email == row.email
        && attributes.display_name == row.display_name
        && attributes.external_id == row.external_id.as_deref()
        && attributes.employee_number == row.employee_number
        && attributes.department == row.department
        && attributes.job_title == row.job_title
        && attributes.manager_id.map(|m| m.0) == row.manager_id;
    if !unchanged {
        store::set_user_attributes(&mut tx, row.user_id(), &attributes, app.now())
            .await
            .map_err(AppError::from)?;
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
    let now = app.now();
    match input.active {
        Some(false) if is_active(row, now) => {
            lifecycle::deactivate(app, client.acting(), row.user_id(), DEACTIVATED).await?;
        }
        Some(true) if !is_active(row, now) => {
            lifecycle::reactivate(app, client.acting(), row.user_id(), REACTIVATED).await?;
        }
        _ => {}
    }
    get(app, client, row.user_id()).await
}

fn attributes(input: &UserInput, manager: Option<UserId>) -> UserAttributes<'_> {
    UserAttributes {
        email: input.email.as_str(),
        display_name: input.display_name.as_str(),
        external_id: input.external_id.as_deref(),
        employee_number: &input.employee_number,
        department: &input.department,
        job_title: &input.title,
        manager_id: manager,
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
