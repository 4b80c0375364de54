//! What the service provider supports (RFC 7644 §4): ServiceProviderConfig,
//! ResourceTypes and Schemas. These need a SCIM token too, like every other request.

use super::json::LIST_SCHEMA;
use super::{BASE_PATH, Scim, ScimCaller, ScimFailure};
use crate::AppState;
use axum::Router;
use axum::extract::{Path, State};
use axum::routing::get;
use hearth_app::scim::{ENTERPRISE_SCHEMA, GROUP_SCHEMA, MAX_PAGE, USER_SCHEMA};
use serde_json::{Value, json};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            &format!("{BASE_PATH}/ServiceProviderConfig"),
            get(service_provider_config),
        )
        .route(&format!("{BASE_PATH}/ResourceTypes"), get(resource_types))
        .route(
            &format!("{BASE_PATH}/ResourceTypes/{{id}}"),
            get(resource_type),
        )
        .route(&format!("{BASE_PATH}/Schemas"), get(schemas))
        .route(&format!("{BASE_PATH}/Schemas/{{id}}"), get(schema))
}

async fn service_provider_config(
    State(state): State<AppState>,
    ScimCaller(client): ScimCaller,
) -> Scim {
    Scim::ok(json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
        // An absolute URI (RFC 7643 §5): schema-validating clients refuse a relative
        // one, and with it the whole discovery. The console's Provisioning tab says
        // where and how to connect.
        "documentationUri": format!(
            "{}/admin/scim",
            state.http.public_url.trim_end_matches('/')
        ),
        "patch": { "supported": true },
        "bulk": { "supported": false, "maxOperations": 0, "maxPayloadSize": 0 },
        "filter": { "supported": true, "maxResults": MAX_PAGE },
        "changePassword": { "supported": false },
        "sort": { "supported": false },
        "etag": { "supported": true },
        "authenticationSchemes": [{
            "type": "oauthbearertoken",
            "name": "SCIM token",
            "description": "A token created in the admin console (Provisioning) or with \
                            `hearth admin create-scim-token`, sent as a bearer token.",
            "primary": true,
        }],
        "meta": {
            "resourceType": "ServiceProviderConfig",
            "location": format!("{}/ServiceProviderConfig", client.base_url),
        },
    }))
}

fn types(base: &str) -> Vec<Value> {
    vec![
        json!({
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
            "id": "User",
            "name": "User",
            "endpoint": "/Users",
            "description": "A person's account",
            "schema": USER_SCHEMA,
            "schemaExtensions": [{ "schema": ENTERPRISE_SCHEMA, "required": false }],
            "meta": { "resourceType": "ResourceType", "location": format!("{base}/ResourceTypes/User") },
        }),
        json!({
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
            "id": "Group",
            "name": "Group",
            "endpoint": "/Groups",
            "description": "A community and its members",
            "schema": GROUP_SCHEMA,
            "meta": { "resourceType": "ResourceType", "location": format!("{base}/ResourceTypes/Group") },
        }),
    ]
}

fn list(resources: Vec<Value>) -> Value {
    json!({
        "schemas": [LIST_SCHEMA],
        "totalResults": resources.len(),
        "startIndex": 1,
        "itemsPerPage": resources.len(),
        "Resources": resources,
    })
}

async fn resource_types(ScimCaller(client): ScimCaller) -> Scim {
    Scim::ok(list(types(&client.base_url)))
}

async fn resource_type(
    ScimCaller(client): ScimCaller,
    Path(id): Path<String>,
) -> Result<Scim, ScimFailure> {
    types(&client.base_url)
        .into_iter()
        .find(|t| t["id"] == id.as_str())
        .map(Scim::ok)
        .ok_or_else(|| ScimFailure::not_found("ResourceType"))
}

fn attribute(name: &str, kind: &str, mutability: &str, description: &str) -> Value {
    json!({
        "name": name,
        "type": kind,
        "multiValued": false,
        "description": description,
        "required": false,
        "caseExact": name == "externalId",
        "mutability": mutability,
        // RFC 7643 §7: a write-only attribute is never returned.
        "returned": if mutability == "writeOnly" { "never" } else { "default" },
        "uniqueness": "none",
    })
}

/// An attribute whose values Hearth knows (RFC 7643 §7 `canonicalValues`).
fn canonical(mut attribute: Value, values: &[&str]) -> Value {
    attribute["canonicalValues"] = json!(values);
    attribute
}

/// An attribute every resource of its type has.
fn required(mut attribute: Value) -> Value {
    attribute["required"] = json!(true);
    attribute
}

/// An attribute every resource of its type has, unique among them (ignoring case).
fn required_unique(attribute: Value) -> Value {
    let mut attribute = required(attribute);
    attribute["uniqueness"] = json!("server");
    attribute
}

/// The `$ref` of a reference to a User, as RFC 7643 §8.7 has it: a client may send
/// it (the `value` decides), and the service provider writes it.
fn user_ref(mutability: &str) -> Value {
    json!({
        "name": "$ref",
        "type": "reference",
        "referenceTypes": ["User"],
        "multiValued": false,
        "description": "The URI of the User",
        "required": false,
        "caseExact": true,
        "mutability": mutability,
        "returned": "default",
        "uniqueness": "none",
    })
}

fn all_schemas(base: &str) -> Vec<Value> {
    let meta =
        |id: &str| json!({ "resourceType": "Schema", "location": format!("{base}/Schemas/{id}") });
    vec![
        json!({
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
            "id": USER_SCHEMA,
            "name": "User",
            "description": "A person's account",
            "attributes": [
                required_unique(attribute(
                    "userName",
                    "string",
                    "readWrite",
                    "The identity provider's name for the person (a login, an employee number, \
                     a UPN), unique in the network ignoring case",
                )),
                // Every account has a display name: when a request gives none, Hearth
                // makes one from name, else from the userName.
                required(attribute(
                    "displayName",
                    "string",
                    "readWrite",
                    "The display name",
                )),
                {
                    "name": "name", "type": "complex", "multiValued": false, "required": false,
                    "mutability": "writeOnly", "returned": "never",
                    "description": "Makes the display name when displayName is not given: formatted, \
                                    else givenName and familyName; not kept apart from it",
                    "subAttributes": [
                        attribute("formatted", "string", "writeOnly", "The display name"),
                        attribute("givenName", "string", "writeOnly", "Used for the display name"),
                        attribute("familyName", "string", "writeOnly", "Used for the display name"),
                    ],
                },
                {
                    "name": "emails", "type": "complex", "multiValued": true, "required": false,
                    "mutability": "readWrite", "returned": "default",
                    "description": "The person's one e-mail address: the primary value, else the \
                                    first; without one, the userName when it is an address, else none",
                    "subAttributes": [
                        attribute("value", "string", "readWrite", "The address"),
                        canonical(
                            attribute("type", "string", "readWrite", "Always work"),
                            &["work"],
                        ),
                    ],
                },
                attribute("title", "string", "readWrite", "The profile's job title"),
                {
                    "name": "photos", "type": "complex", "multiValued": true, "required": false,
                    "mutability": "readWrite", "returned": "default",
                    "description": "The profile photo: the primary value of type photo, else the \
                                    first photo, else the first value, given as a base64 data: URI \
                                    or an https:// URL of a public host; one that cannot be \
                                    fetched or is not an image leaves the photo as it is. An empty \
                                    list takes the photo down",
                    "subAttributes": [
                        {
                            "name": "value", "type": "reference", "referenceTypes": ["external"],
                            "multiValued": false, "description": "The picture's URI",
                            "required": false, "caseExact": true, "mutability": "readWrite",
                            "returned": "default", "uniqueness": "none",
                        },
                        canonical(
                            attribute("type", "string", "readWrite", "photo or thumbnail"),
                            &["photo", "thumbnail"],
                        ),
                        attribute("primary", "boolean", "readWrite", "The photo to take"),
                    ],
                },
                // Every account is active or not; a new one is active unless told.
                required(attribute(
                    "active",
                    "boolean",
                    "readWrite",
                    "false deactivates the account; true reactivates one the identity provider \
                     deactivated (one an administrator shut out needs an administrator)",
                )),
                attribute("externalId", "string", "readWrite", "The identity provider's id"),
            ],
            "meta": meta(USER_SCHEMA),
        }),
        json!({
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
            "id": ENTERPRISE_SCHEMA,
            "name": "EnterpriseUser",
            "description": "The profile's department and manager, and the employee number",
            "attributes": [
                attribute("employeeNumber", "string", "readWrite", "The employee number"),
                attribute("department", "string", "readWrite", "The profile's department"),
                {
                    "name": "manager", "type": "complex", "multiValued": false, "required": false,
                    "mutability": "readWrite", "returned": "default",
                    "description": "The manager, by User id, in the same network",
                    "subAttributes": [
                        attribute("value", "string", "readWrite", "The manager's User id"),
                        user_ref("readWrite"),
                    ],
                },
            ],
            "meta": meta(ENTERPRISE_SCHEMA),
        }),
        json!({
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
            "id": GROUP_SCHEMA,
            "name": "Group",
            "description": "A Hearth community; members are its full members",
            "attributes": [
                required_unique(attribute(
                    "displayName",
                    "string",
                    "readWrite",
                    "The community's name, unique in the network ignoring case",
                )),
                attribute("externalId", "string", "readWrite", "The identity provider's id"),
                {
                    "name": "members", "type": "complex", "multiValued": true, "required": false,
                    "mutability": "readWrite", "returned": "default",
                    "description": "The community's members, by User id",
                    "subAttributes": [
                        attribute("value", "string", "immutable", "The member's User id"),
                        user_ref("immutable"),
                    ],
                },
            ],
            "meta": meta(GROUP_SCHEMA),
        }),
    ]
}

async fn schemas(ScimCaller(client): ScimCaller) -> Scim {
    Scim::ok(list(all_schemas(&client.base_url)))
}

async fn schema(
    ScimCaller(client): ScimCaller,
    Path(id): Path<String>,
) -> Result<Scim, ScimFailure> {
    all_schemas(&client.base_url)
        .into_iter()
        .find(|s| {
            s["id"]
                .as_str()
                .is_some_and(|s| s.eq_ignore_ascii_case(&id))
        })
        .map(Scim::ok)
        .ok_or_else(|| ScimFailure::not_found("Schema"))
}
