//! The JSON of a SCIM Group: Hearth's [`ScimGroup`] (a community and its members)
//! written with the core Group schema, and a Group resource read into a
//! [`GroupInput`].

use super::ScimFailure;
use super::json::find_key;
use super::patch::Rule;
use hearth_app::domain::UserId;
use hearth_app::domain::community::parse_name;
use hearth_app::rfc3339;
use hearth_app::scim::GROUP_SCHEMA;
use hearth_app::scim::groups::{GroupInput, ScimGroup};
use serde_json::{Value, json};
use std::collections::BTreeSet;

/// A Group as a JSON resource.
pub(crate) fn to_json(group: &ScimGroup, base_url: &str) -> Value {
    let mut resource = json!({
        "schemas": [GROUP_SCHEMA],
        "id": group.id.to_string(),
        "displayName": group.name,
        "members": group.members.iter().map(|id| json!({
            "value": id.to_string(),
            "$ref": format!("{base_url}/Users/{id}"),
        })).collect::<Vec<_>>(),
        "meta": {
            "resourceType": "Group",
            "created": rfc3339(group.created_at),
            "lastModified": rfc3339(group.last_modified),
            "location": format!("{base_url}/Groups/{}", group.id),
            "version": group.version,
        },
    });
    if let (Some(external), Value::Object(object)) = (&group.external_id, &mut resource) {
        object.insert("externalId".to_owned(), json!(external));
    }
    resource
}

/// The attributes PATCH may reach, and how.
pub(crate) fn rule(container: Option<&str>, name: &str) -> Rule {
    if container.is_some() {
        return Rule::Unknown;
    }
    match name.to_ascii_lowercase().as_str() {
        "displayname" | "externalid" => Rule::Writable {
            multi_valued: false,
        },
        "members" => Rule::Writable { multi_valued: true },
        "id" | "meta" | "schemas" => Rule::ReadOnly,
        _ => Rule::Unknown,
    }
}

/// Reads a Group resource: a POST or PUT body, or the resource after a PATCH.
pub(crate) fn from_json(body: &Value) -> Result<GroupInput, ScimFailure> {
    let object = body
        .as_object()
        .ok_or_else(|| ScimFailure::bad("invalidSyntax", "a Group must be a JSON object"))?;
    let name = match find_key(object, "displayName").map(|(_, v)| v) {
        Some(Value::String(name)) => parse_name(name).map_err(|err| {
            ScimFailure::bad("invalidValue", format!("displayName: {}", err.message))
        })?,
        _ => return Err(ScimFailure::bad("invalidValue", "displayName is required")),
    };
    let external_id = match find_key(object, "externalId").map(|(_, v)| v) {
        None | Some(Value::Null) => None,
        Some(Value::String(e)) if e.trim().is_empty() => None,
        Some(Value::String(e)) => Some(e.trim().to_owned()),
        Some(_) => {
            return Err(ScimFailure::bad(
                "invalidValue",
                "externalId must be a string",
            ));
        }
    };
    let mut members = BTreeSet::new();
    match find_key(object, "members").map(|(_, v)| v) {
        None | Some(Value::Null) => {}
        Some(Value::Array(items)) => {
            for item in items {
                let value = item
                    .as_object()
                    .and_then(|o| find_key(o, "value"))
                    .and_then(|(_, v)| v.as_str())
                    .ok_or_else(|| {
                        ScimFailure::bad("invalidValue", "each member needs a value (a User id)")
                    })?;
                let id = value.trim().parse::<i64>().map_err(|_| {
                    ScimFailure::bad("invalidValue", format!("member {value:?} is not a User id"))
                })?;
                members.insert(UserId(id));
            }
        }
        Some(_) => return Err(ScimFailure::bad("invalidValue", "members must be a list")),
    }
    Ok(GroupInput {
        name,
        external_id,
        members,
    })
}
