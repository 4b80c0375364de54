//! What the service provider supports (RFC 7644 §4): ServiceProviderConfig,
//! ResourceTypes and Schemas. These need a SCIM token too, like every other request.

use super::json::LIST_SCHEMA;
use super::{BASE_PATH, Scim, ScimCaller, ScimFailure};
use crate::AppState;
use axum::Router;
use axum::extract::Path;
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

async fn service_provider_config(ScimCaller(client): ScimCaller) -> Scim {
    Scim::ok(json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
        "documentationUri": "docs/ADMINISTRATION.md#scim-provisioning",
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
        "required": name == "userName" || name == "displayName" && kind == "group",
        "caseExact": name == "externalId" || name == "id",
        "mutability": mutability,
        "returned": "default",
        "uniqueness": if name == "userName" { "server" } else { "none" },
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
            "description": "A person's account; userName is the e-mail address",
            "attributes": [
                attribute("userName", "string", "readWrite", "The e-mail address, unique across Hearth"),
                attribute("displayName", "string", "readWrite", "The display name"),
                {
                    "name": "name", "type": "complex", "multiValued": false, "required": false,
                    "mutability": "readWrite", "returned": "default",
                    "description": "formatted is the display name; givenName and familyName make one when it is missing",
                    "subAttributes": [
                        attribute("formatted", "string", "readWrite", "The display name"),
                        attribute("givenName", "string", "writeOnly", "Used for the display name"),
                        attribute("familyName", "string", "writeOnly", "Used for the display name"),
                    ],
                },
                {
                    "name": "emails", "type": "complex", "multiValued": true, "required": false,
                    "mutability": "readWrite", "returned": "default",
                    "description": "The one e-mail address, the same as userName",
                    "subAttributes": [
                        attribute("value", "string", "readWrite", "The address"),
                        attribute("type", "string", "readWrite", "Always work"),
                        attribute("primary", "boolean", "readWrite", "Always true"),
                    ],
                },
                attribute("title", "string", "readWrite", "The profile's job title"),
                attribute("active", "boolean", "readWrite", "false deactivates the account, true reactivates it"),
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
                    "subAttributes": [attribute("value", "string", "readWrite", "The manager's User id")],
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
                attribute("displayName", "string", "readWrite", "The community's name, unique in the network"),
                attribute("externalId", "string", "readWrite", "The identity provider's id"),
                {
                    "name": "members", "type": "complex", "multiValued": true, "required": false,
                    "mutability": "readWrite", "returned": "default",
                    "description": "The community's members, by User id",
                    "subAttributes": [attribute("value", "string", "immutable", "The member's User id")],
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
