//! The JSON of a SCIM User: Hearth's [`ScimUser`] written with the core User schema
//! and the enterprise extension, and a User resource read into a [`UserInput`].
//!
//! `userName` is any string the provider names the person by; the e-mail address is
//! the primary of `emails`, else the first (else the userName, when it is one).
//! `displayName` and `name.formatted` are the display name, or else `name.givenName`
//! and `name.familyName` make one; `title` is the profile's job title.
//!
//! `photos` is the profile photo: answered as the absolute URL of its 256×256 form,
//! and taken from the `photo` value a request gives (the primary one, else the
//! first, else the first value of any type), unless that is the URL Hearth answers.
//! An empty `photos` takes the photo down; without `photos` it stays as it is.

use super::ScimFailure;
use super::json::find_key;
use super::patch::Rule;
use hearth_app::domain::{DisplayName, Email, UserId};
use hearth_app::rfc3339;
use hearth_app::scim::users::{MAX_TEXT_CHARS, PhotoInput, ScimUser, UserInput};
use hearth_app::scim::{ENTERPRISE_SCHEMA, USER_SCHEMA};
use serde_json::{Map, Value, json};

/// Where the User's photo is served, as an absolute URL: the service provider's base
/// URL is the public URL followed by [`super::BASE_PATH`].
fn photo_url(user: &ScimUser, base_url: &str) -> Option<String> {
    let public_url = base_url.strip_suffix(super::BASE_PATH).unwrap_or(base_url);
    crate::views::photo_url(user.photo).map(|path| format!("{public_url}{path}"))
}

/// A User as a JSON resource.
pub(crate) fn to_json(user: &ScimUser, base_url: &str) -> Value {
    let location = format!("{base_url}/Users/{}", user.id);
    let mut resource = json!({
        "schemas": [USER_SCHEMA],
        "id": user.id.to_string(),
        "userName": user.user_name,
        "displayName": user.display_name,
        "active": user.active,
        "meta": {
            "resourceType": "User",
            "created": rfc3339(user.created_at),
            "lastModified": rfc3339(user.last_modified),
            "location": location,
            "version": user.version,
        },
    });
    let mut extension = Map::new();
    if !user.department.is_empty() {
        extension.insert("department".to_owned(), json!(user.department));
    }
    if !user.employee_number.is_empty() {
        extension.insert("employeeNumber".to_owned(), json!(user.employee_number));
    }
    if let Some(manager) = user.manager {
        extension.insert(
            "manager".to_owned(),
            json!({ "value": manager.to_string(), "$ref": format!("{base_url}/Users/{manager}") }),
        );
    }
    if let Value::Object(object) = &mut resource {
        if let Some(email) = &user.email {
            object.insert(
                "emails".to_owned(),
                json!([{ "value": email, "type": "work" }]),
            );
        }
        if let Some(external) = &user.external_id {
            object.insert("externalId".to_owned(), json!(external));
        }
        if !user.title.is_empty() {
            object.insert("title".to_owned(), json!(user.title));
        }
        if let Some(url) = photo_url(user, base_url) {
            object.insert(
                "photos".to_owned(),
                json!([{ "value": url, "type": "photo", "primary": true }]),
            );
        }
        // An extension is listed, and present, only when it has a value (RFC 7643 §3).
        if !extension.is_empty() {
            object.insert(ENTERPRISE_SCHEMA.to_owned(), Value::Object(extension));
            object.insert(
                "schemas".to_owned(),
                json!([USER_SCHEMA, ENTERPRISE_SCHEMA]),
            );
        }
    }
    resource
}

fn text<'a>(object: &'a Map<String, Value>, name: &str) -> Result<Option<&'a str>, ScimFailure> {
    match find_key(object, name).map(|(_, v)| v) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.as_str())),
        Some(_) => Err(ScimFailure::bad(
            "invalidValue",
            format!("{name} must be a string"),
        )),
    }
}

fn short_text(object: &Map<String, Value>, name: &str) -> Result<String, ScimFailure> {
    let value = text(object, name)?.unwrap_or("").trim().to_owned();
    if value.chars().count() > MAX_TEXT_CHARS {
        return Err(ScimFailure::bad(
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

/// What `photos` says of the profile photo. `own` is the URL Hearth answers for the
/// present photo: a provider that sends back what it read changes nothing.
fn photo_input(object: &Map<String, Value>, own: Option<&str>) -> Result<PhotoInput, ScimFailure> {
    let items = match find_key(object, "photos").map(|(_, v)| v) {
        None | Some(Value::Null) => return Ok(PhotoInput::Unchanged),
        Some(Value::Array(items)) => items,
        Some(_) => return Err(ScimFailure::bad("invalidValue", "photos must be a list")),
    };
    let mut values = Vec::with_capacity(items.len());
    for item in items {
        let item = item.as_object().ok_or_else(|| {
            ScimFailure::bad("invalidValue", "each value of photos must be an object")
        })?;
        let Some(value) = text(item, "value")
            .map_err(|_| ScimFailure::bad("invalidValue", "photos.value must be a string"))?
            .map(str::trim)
            .filter(|v| !v.is_empty())
        else {
            continue;
        };
        let kind = text(item, "type").ok().flatten().unwrap_or("");
        let primary = find_key(item, "primary").is_some_and(|(_, v)| {
            v == &Value::Bool(true) || v.as_str().is_some_and(|s| s.eq_ignore_ascii_case("true"))
        });
        values.push((value, kind.eq_ignore_ascii_case("photo"), primary));
    }
    // Hearth's own URL, sent back beside a new value (a PATCH `add`), gives way to it.
    let kept_own = values.iter().any(|(value, _, _)| Some(*value) == own);
    values.retain(|(value, _, _)| Some(*value) != own);
    let chosen = values
        .iter()
        .find(|(_, photo, primary)| *photo && *primary)
        .or_else(|| values.iter().find(|(_, photo, _)| *photo))
        .or_else(|| values.first())
        .map(|(value, _, _)| *value);
    Ok(match chosen {
        Some(value) => PhotoInput::Take(value.to_owned()),
        None if kept_own => PhotoInput::Unchanged,
        None => PhotoInput::Remove,
    })
}

/// Reads a User resource: a POST or PUT body, or the resource after a PATCH.
/// `previous` is the User as it was, if it exists, and `base_url` the service
/// provider's.
pub(crate) fn from_json(
    body: &Value,
    previous: Option<&ScimUser>,
    base_url: &str,
) -> Result<UserInput, ScimFailure> {
    let object = body
        .as_object()
        .ok_or_else(|| ScimFailure::bad("invalidSyntax", "a User must be a JSON object"))?;
    let user_name = text(object, "userName")?
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .ok_or_else(|| ScimFailure::bad("invalidValue", "userName is required"))?
        .to_owned();
    if user_name.chars().count() > MAX_TEXT_CHARS {
        return Err(ScimFailure::bad(
            "invalidValue",
            format!("userName can be at most {MAX_TEXT_CHARS} characters"),
        ));
    }
    let mut given_email = None;
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
            given_email = primary.or(items.first()).and_then(value);
        }
        Some(_) => return Err(ScimFailure::bad("invalidValue", "emails must be a list")),
    }
    // Without `emails`, the userName is the address when it is one; else there is none.
    let email =
        match given_email {
            Some(given) => Some(Email::parse(&given).map_err(|err| {
                ScimFailure::bad("invalidValue", format!("emails: {}", err.message))
            })?),
            None => Email::parse(&user_name).ok(),
        };

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
        Some(_) => return Err(ScimFailure::bad("invalidValue", "name must be an object")),
    }
    let name =
        changed_or_first(names, previous.map(|p| p.display_name.as_str())).unwrap_or_else(|| {
            match &email {
                Some(email) => email.as_str().split('@').next().unwrap_or("").to_owned(),
                None => user_name.clone(),
            }
        });
    let display_name = DisplayName::parse(&name)
        .map_err(|err| ScimFailure::bad("invalidValue", format!("displayName: {}", err.message)))?;

    let external_id = text(object, "externalId")?
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(str::to_owned);
    if external_id
        .as_ref()
        .is_some_and(|e| e.chars().count() > MAX_TEXT_CHARS)
    {
        return Err(ScimFailure::bad("invalidValue", "externalId is too long"));
    }
    let active = match find_key(object, "active").map(|(_, v)| v) {
        None | Some(Value::Null) => None,
        Some(Value::Bool(b)) => Some(*b),
        // Some providers send booleans as text.
        Some(Value::String(s)) if s.eq_ignore_ascii_case("true") => Some(true),
        Some(Value::String(s)) if s.eq_ignore_ascii_case("false") => Some(false),
        Some(_) => {
            return Err(ScimFailure::bad(
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
            return Err(ScimFailure::bad(
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
        Some(_) => {
            return Err(ScimFailure::bad(
                "invalidValue",
                "manager must be an object",
            ));
        }
    };
    Ok(UserInput {
        user_name,
        email,
        display_name,
        external_id,
        title: short_text(object, "title")?,
        department: short_text(extension, "department")?,
        employee_number: short_text(extension, "employeeNumber")?,
        manager,
        active,
        photo: photo_input(
            object,
            previous.and_then(|p| photo_url(p, base_url)).as_deref(),
        )?,
    })
}

fn manager_id(raw: &str) -> Result<Option<UserId>, ScimFailure> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    raw.parse::<i64>()
        .map(|id| Some(UserId(id)))
        .map_err(|_| ScimFailure::bad("invalidValue", format!("manager {raw:?} is not a User id")))
}

/// The attributes PATCH may reach, and how.
pub(crate) fn rule(container: Option<&str>, name: &str) -> Rule {
    let single = Rule::Writable {
        multi_valued: false,
    };
    match container {
        None => match name.to_ascii_lowercase().as_str() {
            "username" | "displayname" | "name" | "title" | "active" | "externalid" => single,
            "emails" | "photos" => Rule::Writable { multi_valued: true },
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
