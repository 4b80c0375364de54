//! SCIM Groups are Hearth's communities of the token's network: `displayName` is the
//! community's name and `members` its full members (not pending requests or
//! invitations). Communities a group creates are private, "work" communities,
//! recorded as created by the network's longest-standing admin. DELETE archives the
//! community: its posts stay readable.

use super::patch::{self, Rule};
use super::{
    GROUP_SCHEMA, ListQuery, ScimClient, ScimError, check_version, checked_filter, find_key,
    list_response, version_of,
};
use crate::App;
use hearth_domain::community::parse_name;
use hearth_domain::scim_filter::{self, AttrPath, AttrType, Scalar, Schema};
use hearth_domain::{
    AuditAction, Category, Community, CommunityId, CommunityRole, Membership, MembershipState,
    Millis, UserId, Visibility, policy,
};
use hearth_store::communities;
use hearth_store::scim::{self as store, ScimGroupRow};
use serde_json::{Value, json};
use std::collections::BTreeSet;

fn representation(row: &ScimGroupRow, members: &[i64], base_url: &str) -> Value {
    let mut group = json!({
        "schemas": [GROUP_SCHEMA],
        "id": row.id.to_string(),
        "displayName": row.name,
        "members": members.iter().map(|id| json!({
            "value": id.to_string(),
            "$ref": format!("{base_url}/Users/{id}"),
            "type": "User",
        })).collect::<Vec<_>>(),
        "meta": {
            "resourceType": "Group",
            "created": crate::rfc3339(row.created_at),
            "lastModified": crate::rfc3339(row.updated_at.max(row.created_at)),
            "location": format!("{base_url}/Groups/{}", row.id),
            "version": version_of(row.updated_at),
        },
    });
    if let (Some(external), Value::Object(object)) = (&row.external_id, &mut group) {
        object.insert("externalId".to_owned(), json!(external));
    }
    group
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Attr {
    Id,
    DisplayName,
    ExternalId,
    Member,
    LastModified,
}

struct Groups;

impl Schema for Groups {
    type Attr = Attr;

    fn resolve(&self, path: &AttrPath) -> Option<(Attr, AttrType)> {
        if path
            .uri
            .as_deref()
            .is_some_and(|uri| !uri.eq_ignore_ascii_case(GROUP_SCHEMA))
        {
            return None;
        }
        let text = AttrType::String { case_exact: false };
        let exact = AttrType::String { case_exact: true };
        [
            ("id", None, Attr::Id, exact),
            ("displayName", None, Attr::DisplayName, text),
            ("externalId", None, Attr::ExternalId, exact),
            ("members", None, Attr::Member, exact),
            ("members", Some("value"), Attr::Member, exact),
            (
                "meta",
                Some("lastModified"),
                Attr::LastModified,
                AttrType::DateTime,
            ),
        ]
        .into_iter()
        .find(|(name, sub, _, _)| path.is(name, *sub))
        .map(|(_, _, attr, ty)| (attr, ty))
    }

    fn parse_time(&self, raw: &str) -> Option<Millis> {
        crate::parse_rfc3339(raw)
    }
}

fn rule(container: Option<&str>, name: &str) -> Rule {
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

/// What a Group resource says, validated.
struct GroupInput {
    name: String,
    external_id: Option<String>,
    members: BTreeSet<i64>,
}

fn parse_input(body: &Value) -> Result<GroupInput, ScimError> {
    let object = body
        .as_object()
        .ok_or_else(|| ScimError::bad("invalidSyntax", "a Group must be a JSON object"))?;
    let name = match find_key(object, "displayName").map(|(_, v)| v) {
        Some(Value::String(name)) => parse_name(name).map_err(|err| {
            ScimError::bad("invalidValue", format!("displayName: {}", err.message))
        })?,
        _ => return Err(ScimError::bad("invalidValue", "displayName is required")),
    };
    let external_id = match find_key(object, "externalId").map(|(_, v)| v) {
        None | Some(Value::Null) => None,
        Some(Value::String(e)) if e.trim().is_empty() => None,
        Some(Value::String(e)) => Some(e.trim().to_owned()),
        Some(_) => {
            return Err(ScimError::bad(
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
                        ScimError::bad("invalidValue", "each member needs a value (a User id)")
                    })?;
                let id = value.trim().parse::<i64>().map_err(|_| {
                    ScimError::bad("invalidValue", format!("member {value:?} is not a User id"))
                })?;
                members.insert(id);
            }
        }
        Some(_) => return Err(ScimError::bad("invalidValue", "members must be a list")),
    }
    Ok(GroupInput {
        name,
        external_id,
        members,
    })
}

fn parse_id(raw: &str) -> Result<CommunityId, ScimError> {
    raw.parse::<i64>()
        .map(CommunityId)
        .map_err(|_| ScimError::not_found("Group"))
}

async fn read(
    db: &mut hearth_store::Conn,
    client: &ScimClient,
    id: CommunityId,
) -> Result<(ScimGroupRow, Vec<i64>), ScimError> {
    let row = store::group(db, client.network, id)
        .await?
        .ok_or_else(|| ScimError::not_found("Group"))?;
    let members = communities::member_ids(db, id).await?;
    Ok((row, members))
}

pub async fn get(app: &App, client: &ScimClient, id: &str) -> Result<Value, ScimError> {
    let mut db = app.store().conn().await?;
    let (row, members) = read(&mut db, client, parse_id(id)?).await?;
    Ok(representation(&row, &members, &client.base_url))
}

pub async fn list(app: &App, client: &ScimClient, query: &ListQuery) -> Result<Value, ScimError> {
    let filter = checked_filter(query.filter.as_deref(), &Groups)?;
    let mut db = app.store().conn().await?;
    let rows = store::groups(&mut db, client.network).await?;
    let pairs = store::group_members(&mut db, client.network).await?;
    drop(db);
    let matching = rows
        .iter()
        .map(|row| {
            let members: Vec<i64> = pairs
                .iter()
                .filter(|(community, _)| *community == row.id)
                .map(|(_, user)| *user)
                .collect();
            (row, members)
        })
        .filter(|(row, members)| {
            filter.as_ref().is_none_or(|f| {
                scim_filter::matches(f, &|attr| match attr {
                    Attr::Id => vec![Scalar::Str(row.id.to_string())],
                    Attr::DisplayName => vec![Scalar::Str(row.name.clone())],
                    Attr::ExternalId => row
                        .external_id
                        .iter()
                        .map(|e| Scalar::Str(e.clone()))
                        .collect(),
                    Attr::Member => members.iter().map(|m| Scalar::Str(m.to_string())).collect(),
                    Attr::LastModified => vec![Scalar::Time(row.updated_at.max(row.created_at))],
                })
            })
        })
        .map(|(row, members)| representation(row, &members, &client.base_url))
        .collect();
    Ok(list_response(matching, query))
}

/// Creates a community for the group (POST /Groups).
pub async fn create(app: &App, client: &ScimClient, body: &Value) -> Result<Value, ScimError> {
    policy::may_administer_people(client.acting().actor)?;
    let input = parse_input(body)?;
    let now = app.now();
    let mut tx = app.store().begin().await?;
    let creator = store::senior_admin(&mut tx, client.network)
        .await?
        .ok_or_else(|| ScimError::Refused {
            status: 409,
            scim_type: None,
            detail: "the network has no administrator to own new communities".to_owned(),
        })?;
    let community = Community {
        id: CommunityId(app.next_id()),
        network_id: client.network,
        name: input.name.clone(),
        description: String::new(),
        visibility: Visibility::Private,
        category: Category::Work,
        created_by: UserId(creator),
        created_at: now,
        archived_at: None,
    };
    communities::insert(&mut tx, &community)
        .await
        .map_err(name_taken)?;
    store::set_group_attributes(
        &mut tx,
        community.id,
        &input.name,
        input.external_id.as_deref(),
        now,
    )
    .await?;
    set_members(
        &mut tx,
        client,
        community.id,
        &BTreeSet::new(),
        &input.members,
        now,
    )
    .await?;
    let (row, members) = read(&mut tx, client, community.id).await?;
    provisioned(
        &mut tx,
        app,
        client,
        &row,
        &members,
        AuditAction::GroupProvisioned,
    )
    .await?;
    tx.commit().await?;
    tracing::info!(community.id = %community.id, network.id = %client.network, "community provisioned");
    Ok(representation(&row, &members, &client.base_url))
}

pub async fn replace(
    app: &App,
    client: &ScimClient,
    id: &str,
    if_match: Option<&str>,
    body: &Value,
) -> Result<Value, ScimError> {
    let input = parse_input(body)?;
    write(app, client, parse_id(id)?, if_match, |_| Ok(input)).await
}

pub async fn patch(
    app: &App,
    client: &ScimClient,
    id: &str,
    if_match: Option<&str>,
    body: &Value,
) -> Result<Value, ScimError> {
    let operations = patch::operations(body)?;
    let base_url = client.base_url.clone();
    write(
        app,
        client,
        parse_id(id)?,
        if_match,
        move |(row, members)| {
            let Value::Object(mut resource) = representation(row, members, &base_url) else {
                return Err(ScimError::not_found("Group"));
            };
            for operation in &operations {
                patch::apply(&mut resource, operation, &rule)?;
            }
            parse_input(&Value::Object(resource))
        },
    )
    .await
}

/// Reads the group, checks its version, computes the new state and writes it, all in
/// one transaction.
async fn write(
    app: &App,
    client: &ScimClient,
    id: CommunityId,
    if_match: Option<&str>,
    change: impl FnOnce(&(ScimGroupRow, Vec<i64>)) -> Result<GroupInput, ScimError>,
) -> Result<Value, ScimError> {
    policy::may_administer_people(client.acting().actor)?;
    let mut tx = app.store().begin().await?;
    let current = read(&mut tx, client, id).await?;
    check_version(if_match, &version_of(current.0.updated_at))?;
    let input = change(&current)?;
    let now = app.now();
    store::set_group_attributes(&mut tx, id, &input.name, input.external_id.as_deref(), now)
        .await
        .map_err(name_taken)?;
    let before: BTreeSet<i64> = current.1.iter().copied().collect();
    set_members(&mut tx, client, id, &before, &input.members, now).await?;
    let (row, members) = read(&mut tx, client, id).await?;
    provisioned(
        &mut tx,
        app,
        client,
        &row,
        &members,
        AuditAction::GroupProvisioned,
    )
    .await?;
    tx.commit().await?;
    Ok(representation(&row, &members, &client.base_url))
}

/// The audit entry of a group's creation, change or archiving, with its members.
async fn provisioned(
    db: &mut hearth_store::Conn,
    app: &App,
    client: &ScimClient,
    row: &ScimGroupRow,
    members: &[i64],
    action: AuditAction,
) -> Result<(), ScimError> {
    crate::audit::record(
        db,
        app,
        client.acting(),
        client.network,
        action,
        crate::audit::Target {
            kind: "community",
            id: Some(row.id),
            name: row.name.clone(),
        },
        "",
        json!({
            "external_id": row.external_id,
            "members": members.iter().map(ToString::to_string).collect::<Vec<_>>(),
        }),
    )
    .await?;
    Ok(())
}

/// Archives the group's community (DELETE /Groups/{id}).
pub async fn archive(
    app: &App,
    client: &ScimClient,
    id: &str,
    if_match: Option<&str>,
) -> Result<(), ScimError> {
    policy::may_administer_people(client.acting().actor)?;
    let id = parse_id(id)?;
    let mut tx = app.store().begin().await?;
    let (row, _) = read(&mut tx, client, id).await?;
    check_version(if_match, &version_of(row.updated_at))?;
    let community = communities::get(&mut tx, client.network, id)
        .await?
        .ok_or_else(|| ScimError::not_found("Group"))?;
    let now = app.now();
    communities::update(
        &mut tx,
        &Community {
            archived_at: Some(now),
            ..community
        },
    )
    .await?;
    store::touch_group(&mut tx, id, now).await?;
    provisioned(&mut tx, app, client, &row, &[], AuditAction::GroupArchived).await?;
    tx.commit().await?;
    Ok(())
}

/// Makes `wanted` the community's members: people of the token's network only.
async fn set_members(
    db: &mut hearth_store::Conn,
    client: &ScimClient,
    community: CommunityId,
    before: &BTreeSet<i64>,
    wanted: &BTreeSet<i64>,
    now: Millis,
) -> Result<(), ScimError> {
    for added in wanted.difference(before) {
        if store::user(db, client.network, UserId(*added))
            .await?
            .is_none()
        {
            return Err(ScimError::bad(
                "invalidValue",
                format!("member {added} is not a User here"),
            ));
        }
        let membership = Membership {
            community_id: community,
            user_id: UserId(*added),
            role: CommunityRole::Member,
            state: MembershipState::Member,
        };
        communities::put_membership(db, &membership, now).await?;
    }
    for removed in before.difference(wanted) {
        communities::delete_membership(db, community, UserId(*removed)).await?;
    }
    if before != wanted {
        store::touch_group(db, community, now).await?;
    }
    Ok(())
}

fn name_taken(err: hearth_store::StoreError) -> ScimError {
    match err {
        hearth_store::StoreError::Conflict { .. } => ScimError::Refused {
            status: 409,
            scim_type: Some("uniqueness"),
            detail: "a community with this name already exists".to_owned(),
        },
        other => other.into(),
    }
}
