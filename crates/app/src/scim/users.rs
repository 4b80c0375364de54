//! SCIM Users: Hearth's accounts of the token's network, with the core User schema
//! and the enterprise extension (department, manager, employeeNumber).
//!
//! `userName` is the e-mail address (and `emails` mirrors it); `displayName` and
//! `name.formatted` are the display name; `title` is the profile's job title.
//! `active: false` and DELETE deactivate through [`crate::lifecycle::deactivate`]:
//! the account is kept, as for an admin's deactivation, and `active: true`
//! reactivates it.

use super::patch::{self, Rule};
use super::{
    ENTERPRISE_SCHEMA, ListQuery, ScimClient, ScimError, USER_SCHEMA, check_version,
    checked_filter, find_key, list_response, version_of,
};
use crate::audit::{self, Target};
use crate::{App, AppError, accounts, lifecycle};
use hearth_domain::scim_filter::{self, AttrPath, AttrType, Scalar, Schema};
use hearth_domain::{AuditAction, DisplayName, Email, Millis, Role, UserId, UserStatus, policy};
use hearth_store::scim::{self as store, ScimUserRow, UserAttributes};
use serde_json::{Map, Value, json};

/// The longest title, department or employee number kept.
const MAX_TEXT_CHARS: usize = 200;

/// The reason the audit log gives for a SCIM client's deactivation.
const DEACTIVATED: &str = "deactivated by the identity provider (SCIM)";
const REACTIVATED: &str = "reactivated by the identity provider (SCIM)";

/// A SCIM User as a JSON resource.
pub fn representation(row: &ScimUserRow, base_url: &str, now: Millis) -> Value {
    let location = format!("{base_url}/Users/{}", row.id);
    let mut user = json!({
        "schemas": [USER_SCHEMA, ENTERPRISE_SCHEMA],
        "id": row.id.to_string(),
        "userName": row.email,
        "name": { "formatted": row.display_name },
        "displayName": row.display_name,
        "emails": [{ "value": row.email, "type": "work", "primary": true }],
        "active": is_active(row, now),
        "meta": {
            "resourceType": "User",
            "created": crate::rfc3339(row.created_at),
            "lastModified": crate::rfc3339(row.updated_at),
            "location": location,
            "version": version_of(row.updated_at),
        },
    });
    let mut extension = Map::new();
    if !row.department.is_empty() {
        extension.insert("department".to_owned(), json!(row.department));
    }
    if !row.employee_number.is_empty() {
        extension.insert("employeeNumber".to_owned(), json!(row.employee_number));
    }
    if let Some(manager) = row.manager_id {
        extension.insert(
            "manager".to_owned(),
            json!({ "value": manager.to_string(), "$ref": format!("{base_url}/Users/{manager}") }),
        );
    }
    if let Value::Object(object) = &mut user {
        if let Some(external) = &row.external_id {
            object.insert("externalId".to_owned(), json!(external));
        }
        if !row.job_title.is_empty() {
            object.insert("title".to_owned(), json!(row.job_title));
        }
        object.insert(ENTERPRISE_SCHEMA.to_owned(), Value::Object(extension));
    }
    user
}

fn is_active(row: &ScimUserRow, now: Millis) -> bool {
    match UserStatus::parse(&row.status) {
        Some(UserStatus::Active) => true,
        Some(UserStatus::Suspended) => row.suspended_until.is_some_and(|until| until <= now),
        _ => false,
    }
}

/// What a User resource says, validated.
struct UserInput {
    email: Email,
    display_name: DisplayName,
    external_id: Option<String>,
    title: String,
    department: String,
    employee_number: String,
    manager: Option<UserId>,
    active: Option<bool>,
}

fn text<'a>(object: &'a Map<String, Value>, name: &str) -> Result<Option<&'a str>, ScimError> {
    match find_key(object, name).map(|(_, v)| v) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.as_str())),
        Some(_) => Err(ScimError::bad(
            "invalidValue",
            format!("{name} must be a string"),
        )),
    }
}

fn short_text(object: &Map<String, Value>, name: &str) -> Result<String, ScimError> {
    let value = text(object, name)?.unwrap_or("").trim().to_owned();
    if value.chars().count() > MAX_TEXT_CHARS {
        return Err(ScimError::bad(
            "invalidValue",
            format!("{name} can be at most {MAX_TEXT_CHARS} characters"),
        ));
    }
    Ok(value)
}

/// The first of the candidates that differs from what was there before: a PATCH that
/// changes `name.formatted` leaves the old `displayName` in place, and the new value
/// must win.
fn changed_or_first(candidates: Vec<String>, previous: Option<&str>) -> Option<String> {
    let candidates: Vec<String> = candidates
        .into_iter()
        .map(|c| c.trim().to_owned())
        .filter(|c| !c.is_empty())
        .collect();
    if let Some(previous) = previous
        && let Some(changed) = candidates.iter().find(|c| c.as_str() != previous)
    {
        return Some(changed.clone());
    }
    candidates.into_iter().next()
}

fn parse_input(body: &Value, previous: Option<&ScimUserRow>) -> Result<UserInput, ScimError> {
    let object = body
        .as_object()
        .ok_or_else(|| ScimError::bad("invalidSyntax", "a User must be a JSON object"))?;
    let mut emails = Vec::new();
    if let Some(user_name) = text(object, "userName")? {
        emails.push(user_name.to_owned());
    }
    match find_key(object, "emails").map(|(_, v)| v) {
        None | Some(Value::Null) => {}
        Some(Value::Array(items)) => {
            let value = |item: &Value| {
                item.as_object()
                    .and_then(|o| find_key(o, "value"))
                    .and_then(|(_, v)| v.as_str())
                    .map(str::to_owned)
            };
            let primary = items.iter().find(|item| {
                item.as_object()
                    .and_then(|o| find_key(o, "primary"))
                    .is_some_and(|(_, v)| v == &Value::Bool(true))
            });
            if let Some(email) = primary.or(items.first()).and_then(value) {
                emails.push(email);
            }
        }
        Some(_) => return Err(ScimError::bad("invalidValue", "emails must be a list")),
    }
    if text(object, "userName")?.is_none() {
        return Err(ScimError::bad(
            "invalidValue",
            "userName (the e-mail address) is required",
        ));
    }
    let email = changed_or_first(emails, previous.map(|p| p.email.as_str()))
        .ok_or_else(|| ScimError::bad("invalidValue", "userName must not be empty"))?;
    let email = Email::parse(&email)
        .map_err(|err| ScimError::bad("invalidValue", format!("userName: {}", err.message)))?;

    let mut names = Vec::new();
    if let Some(display) = text(object, "displayName")? {
        names.push(display.to_owned());
    }
    match find_key(object, "name").map(|(_, v)| v) {
        None | Some(Value::Null) => {}
        Some(Value::Object(name)) => {
            if let Some(formatted) = text(name, "formatted")? {
                names.push(formatted.to_owned());
            }
            let given = text(name, "givenName")?.unwrap_or("");
            let family = text(name, "familyName")?.unwrap_or("");
            names.push(format!("{given} {family}"));
        }
        Some(_) => return Err(ScimError::bad("invalidValue", "name must be an object")),
    }
    let name = changed_or_first(names, previous.map(|p| p.display_name.as_str()))
        .unwrap_or_else(|| email.as_str().split('@').next().unwrap_or("").to_owned());
    let display_name = DisplayName::parse(&name)
        .map_err(|err| ScimError::bad("invalidValue", format!("displayName: {}", err.message)))?;

    let external_id = text(object, "externalId")?
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(str::to_owned);
    if external_id
        .as_ref()
        .is_some_and(|e| e.chars().count() > MAX_TEXT_CHARS)
    {
        return Err(ScimError::bad("invalidValue", "externalId is too long"));
    }
    let active = match find_key(object, "active").map(|(_, v)| v) {
        None | Some(Value::Null) => None,
        Some(Value::Bool(b)) => Some(*b),
        // Some providers send booleans as text.
        Some(Value::String(s)) if s.eq_ignore_ascii_case("true") => Some(true),
        Some(Value::String(s)) if s.eq_ignore_ascii_case("false") => Some(false),
        Some(_) => {
            return Err(ScimError::bad(
                "invalidValue",
                "active must be true or false",
            ));
        }
    };
    let empty = Map::new();
    let extension = match find_key(object, ENTERPRISE_SCHEMA).map(|(_, v)| v) {
        None | Some(Value::Null) => &empty,
        Some(Value::Object(extension)) => extension,
        Some(_) => {
            return Err(ScimError::bad(
                "invalidValue",
                "the enterprise extension must be an object",
            ));
        }
    };
    let manager = match find_key(extension, "manager").map(|(_, v)| v) {
        None | Some(Value::Null) => None,
        Some(Value::String(id)) => manager_id(id)?,
        Some(Value::Object(manager)) => match text(manager, "value")? {
            Some(id) => manager_id(id)?,
            None => None,
        },
        Some(_) => return Err(ScimError::bad("invalidValue", "manager must be an object")),
    };
    Ok(UserInput {
        email,
        display_name,
        external_id,
        title: short_text(object, "title")?,
        department: short_text(extension, "department")?,
        employee_number: short_text(extension, "employeeNumber")?,
        manager,
        active,
    })
}

fn manager_id(raw: &str) -> Result<Option<UserId>, ScimError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    raw.parse::<i64>()
        .map(|id| Some(UserId(id)))
        .map_err(|_| ScimError::bad("invalidValue", format!("manager {raw:?} is not a User id")))
}

/// The attributes PATCH may reach, and how.
fn rule(container: Option<&str>, name: &str) -> Rule {
    let single = Rule::Writable {
        multi_valued: false,
    };
    match container {
        None => match name.to_ascii_lowercase().as_str() {
            "username" | "displayname" | "name" | "title" | "active" | "externalid" => single,
            "emails" => Rule::Writable { multi_valued: true },
            "id" | "meta" | "groups" | "schemas" => Rule::ReadOnly,
            _ => Rule::Unknown,
        },
        Some(uri) if uri.eq_ignore_ascii_case(ENTERPRISE_SCHEMA) => {
            match name.to_ascii_lowercase().as_str() {
                "department" | "employeenumber" | "manager" => single,
                _ => Rule::Unknown,
            }
        }
        Some(_) => Rule::Unknown,
    }
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

fn values(row: &ScimUserRow, attr: Attr, now: Millis) -> Vec<Scalar> {
    let text = |s: &str| {
        if s.is_empty() {
            vec![]
        } else {
            vec![Scalar::Str(s.to_owned())]
        }
    };
    match attr {
        Attr::Id => text(&row.id.to_string()),
        Attr::UserName | Attr::Email => text(&row.email),
        Attr::DisplayName => text(&row.display_name),
        Attr::ExternalId => text(row.external_id.as_deref().unwrap_or("")),
        Attr::Title => text(&row.job_title),
        Attr::Active => vec![Scalar::Bool(is_active(row, now))],
        Attr::Created => vec![Scalar::Time(row.created_at)],
        Attr::LastModified => vec![Scalar::Time(row.updated_at)],
        Attr::Department => text(&row.department),
        Attr::EmployeeNumber => text(&row.employee_number),
        Attr::Manager => text(&row.manager_id.map(|m| m.to_string()).unwrap_or_default()),
    }
}

fn parse_id(raw: &str) -> Result<UserId, ScimError> {
    raw.parse::<i64>()
        .map(UserId)
        .map_err(|_| ScimError::not_found("User"))
}

async fn read(app: &App, client: &ScimClient, id: UserId) -> Result<ScimUserRow, ScimError> {
    let mut db = app.store().conn().await?;
    store::user(&mut db, client.network, id)
        .await?
        .ok_or_else(|| ScimError::not_found("User"))
}

/// One User of the token's network.
pub async fn get(app: &App, client: &ScimClient, id: &str) -> Result<Value, ScimError> {
    let row = read(app, client, parse_id(id)?).await?;
    Ok(representation(&row, &client.base_url, app.now()))
}

/// The Users of the token's network that match the filter, one page of them.
pub async fn list(app: &App, client: &ScimClient, query: &ListQuery) -> Result<Value, ScimError> {
    let filter = checked_filter(query.filter.as_deref(), &Users)?;
    let mut db = app.store().conn().await?;
    let rows = store::users(&mut db, client.network).await?;
    drop(db);
    let now = app.now();
    let matching = rows
        .iter()
        .filter(|row| {
            filter
                .as_ref()
                .is_none_or(|f| scim_filter::matches(f, &|attr| values(row, attr, now)))
        })
        .map(|row| representation(row, &client.base_url, now))
        .collect();
    Ok(list_response(matching, query))
}

/// Creates a member account in the token's network (POST /Users).
pub async fn create(app: &App, client: &ScimClient, body: &Value) -> Result<Value, ScimError> {
    let acting = client.acting();
    policy::may_create_user(acting.actor)?;
    let input = parse_input(body, None)?;
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
    let row = read(app, client, user.id).await?;
    Ok(representation(&row, &client.base_url, app.now()))
}

/// Replaces a User's attributes (PUT /Users/{id}).
pub async fn replace(
    app: &App,
    client: &ScimClient,
    id: &str,
    if_match: Option<&str>,
    body: &Value,
) -> Result<Value, ScimError> {
    let id = parse_id(id)?;
    let row = read(app, client, id).await?;
    check_version(if_match, &version_of(row.updated_at))?;
    let input = parse_input(body, Some(&row))?;
    write(app, client, &row, input).await
}

/// Applies PatchOp operations to a User (PATCH /Users/{id}).
pub async fn patch(
    app: &App,
    client: &ScimClient,
    id: &str,
    if_match: Option<&str>,
    body: &Value,
) -> Result<Value, ScimError> {
    let operations = patch::operations(body)?;
    let id = parse_id(id)?;
    let row = read(app, client, id).await?;
    check_version(if_match, &version_of(row.updated_at))?;
    let Value::Object(mut resource) = representation(&row, &client.base_url, app.now()) else {
        return Err(ScimError::not_found("User"));
    };
    // Without `active` in it, the patched resource keeps the account's state.
    resource.remove("active");
    for operation in &operations {
        patch::apply(&mut resource, operation, &rule)?;
    }
    let input = parse_input(&Value::Object(resource), Some(&row))?;
    write(app, client, &row, input).await
}

/// Deactivates a User (DELETE /Users/{id}): Hearth keeps a departed person's account
/// and content, as an admin's deactivation does. Deleting it again is harmless.
pub async fn deactivate(
    app: &App,
    client: &ScimClient,
    id: &str,
    if_match: Option<&str>,
) -> Result<(), ScimError> {
    let row = read(app, client, parse_id(id)?).await?;
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
) -> Result<Value, ScimError> {
    policy::may_administer_people(client.acting().actor)?;
    let mut tx = app.store().begin().await?;
    let current = store::user(&mut tx, client.network, row.user_id())
        .await?
        .ok_or_else(|| ScimError::not_found("User"))?;
    if current.updated_at != row.updated_at {
        return Err(ScimError::precondition_failed());
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
    let row = read(app, client, row.user_id()).await?;
    Ok(representation(&row, &client.base_url, app.now()))
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
        return Err(ScimError::bad(
            "invalidValue",
            "a person cannot be their own manager",
        ));
    }
    if store::user(db, client.network, manager).await?.is_none() {
        return Err(ScimError::bad(
            "invalidValue",
            format!("the manager {manager} is not a User here"),
        ));
    }
    Ok(Some(manager))
}
