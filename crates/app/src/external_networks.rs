//! External networks: closed networks beside the company's own, for work with
//! suppliers and partners. Employees take part with their one sign-in: each has a row
//! of their own in every network they are in, standing for their home row, and a
//! session acts as one of those rows at a time. Everything of a network is read
//! through the acting row, so nothing crosses between networks.

use crate::audit::{self, Acting, Target};
use crate::{App, AppError, signed_in};
use hearth_domain::network::ExternalNetworkSpec;
use hearth_domain::{
    Actor, AuditAction, Millis, Network, NetworkId, NetworkKind, Role, SessionId, User, UserId,
    UserStatus, policy,
};
use hearth_store::external_networks::{self as store, Details};
use hearth_store::{Conn, networks, users};

/// A network the person is in, as the switcher lists it.
#[derive(Debug, Clone)]
pub struct NetworkChoice {
    pub network: Network,
    /// Their row in it: who they are there.
    pub row: UserId,
    /// The network the request acts in.
    pub current: bool,
}

/// An external network as its creator sends it.
#[derive(Debug, Clone, Default)]
pub struct NewExternalNetwork {
    pub name: String,
    pub description: String,
    pub guest_domain: Option<String>,
    pub guest_days: Option<i64>,
}

/// An external network and what it holds beyond a network's row.
#[derive(Debug, Clone)]
pub struct ExternalNetwork {
    pub network: Network,
    pub description: String,
    /// The employee (home row) who answers for it and its guests.
    pub sponsor: Option<UserId>,
    pub guest_domain: Option<String>,
    pub guest_days: i64,
}

impl ExternalNetwork {
    pub(crate) fn of(network: Network, details: Details) -> Self {
        Self {
            network,
            description: details.description,
            sponsor: details.sponsor,
            guest_domain: details.guest_domain,
            guest_days: details.guest_days,
        }
    }
}

/// The networks the acting person is in: the home network first.
pub async fn mine(app: &App, actor: &Actor) -> Result<Vec<NetworkChoice>, AppError> {
    let user = signed_in(actor)?;
    let mut db = app.store().conn().await?;
    Ok(store::networks_of(&mut db, user.id)
        .await?
        .into_iter()
        .map(|(network, row)| NetworkChoice {
            current: network.id == user.network_id,
            network,
            row,
        })
        .collect())
}

/// Creates an external network (audited in the home network): admins may, and other
/// employees when an admin allows it. The creator is its sponsor and its first member.
/// Nobody is an admin inside an external network: the company's settings there (single
/// sign-on, SCIM, invitations) are for employees only, so the network is run from the
/// home network, by its sponsor and the company's admins.
pub async fn create(
    app: &App,
    acting: Acting<'_>,
    input: &NewExternalNetwork,
) -> Result<ExternalNetwork, AppError> {
    let user = signed_in(acting.actor)?;
    let spec = ExternalNetworkSpec::parse(
        &input.name,
        &input.description,
        input.guest_domain.as_deref(),
        input.guest_days,
    )?;
    let mut tx = app.store().begin().await?;
    let home = home_network_of(&mut tx, user).await?;
    if user.role != Role::Admin && !store::members_create(&mut tx, home.id).await? {
        return Err(AppError::Forbidden(
            "only admins may create external networks in this company",
        ));
    }
    let now = app.now();
    let network = Network {
        id: NetworkId(app.next_id()),
        name: spec.name,
        kind: NetworkKind::External,
        created_at: now,
        default_language: home.default_language.clone(),
        poll_votes: home.poll_votes,
    };
    let details = Details {
        description: spec.description,
        sponsor: Some(user.id),
        guest_domain: spec.guest_domain,
        guest_days: spec.guest_days,
    };
    store::insert(&mut tx, &network, &details).await?;
    add_row(&mut tx, app, user, &network, Role::Member, now).await?;
    audit::record(
        &mut tx,
        app,
        acting,
        home.id,
        AuditAction::ExternalNetworkCreated,
        Target {
            kind: "network",
            id: Some(network.id.0),
            name: network.name.clone(),
        },
        "",
        serde_json::json!({
            "guest_domain": details.guest_domain,
            "guest_days": details.guest_days,
        }),
    )
    .await?;
    tx.commit().await?;
    Ok(ExternalNetwork::of(network, details))
}

/// Adds a colleague to an external network (audited in the home network): its
/// sponsor and the company's admins may, acting in the home network, where they see
/// the colleague. The colleague joins as a member, with their one sign-in.
pub async fn add_employee(
    app: &App,
    acting: Acting<'_>,
    network: NetworkId,
    employee: UserId,
) -> Result<User, AppError> {
    let user = signed_in(acting.actor)?;
    let mut tx = app.store().begin().await?;
    let home = home_network_of(&mut tx, user).await?;
    let (external, details) = external(&mut tx, network).await?;
    if user.role != Role::Admin && details.sponsor != Some(user.id) {
        return Err(AppError::Forbidden(
            "only the network's sponsor and admins may add people to it",
        ));
    }
    let colleague = users::get(&mut tx, employee)
        .await?
        .filter(|c| c.network_id == home.id && c.status == UserStatus::Active)
        .ok_or(AppError::NotFound("user"))?;
    let now = app.now();
    let row = match store::any_row_in(&mut tx, colleague.id, network).await? {
        Some(row) if row.status == UserStatus::Active => {
            return Err(AppError::Conflict {
                message: "this person is already in the network".to_owned(),
                field: Some("user_id"),
            });
        }
        // Someone added before and since taken out comes back as who they were there.
        Some(row) => {
            users::set_status(&mut tx, row.id, UserStatus::Active, None, now).await?;
            User {
                status: UserStatus::Active,
                suspended_until: None,
                ..row
            }
        }
        None => add_row(&mut tx, app, &colleague, &external, Role::Member, now).await?,
    };
    audit::record(
        &mut tx,
        app,
        acting,
        home.id,
        AuditAction::ExternalNetworkMemberAdded,
        Target::user(&colleague),
        "",
        serde_json::json!({ "network_id": network.0.to_string(), "network": external.name }),
    )
    .await?;
    tx.commit().await?;
    Ok(row)
}

/// The person's row in `network`, for a request that names the network it is about.
/// Someone not in it is told the network does not exist.
pub async fn acting_in(app: &App, user: &User, network: NetworkId) -> Result<User, AppError> {
    if network == user.network_id {
        return Ok(user.clone());
    }
    let mut db = app.store().conn().await?;
    Ok(row_in(&mut db, user, network).await?.1)
}

/// The person's home row and their row in `network` (404 when they are not in it).
async fn row_in(
    db: &mut Conn,
    user: &User,
    network: NetworkId,
) -> Result<(UserId, User), AppError> {
    let home_row = store::home_row_of(db, user.id).await?;
    let row = store::row_in(db, home_row, network)
        .await?
        .ok_or(AppError::NotFound("network"))?;
    Ok((home_row, row))
}

/// [`acting_in`] for a request that came with an API token. A token made in an
/// external network is for that network alone: it is listed and revoked there, out of
/// sight of the home network, so it may name no other.
pub async fn token_acting_in(
    app: &App,
    owner: &User,
    network: NetworkId,
) -> Result<User, AppError> {
    if network == owner.network_id {
        return Ok(owner.clone());
    }
    let mut db = app.store().conn().await?;
    if store::home_row_of(&mut db, owner.id).await? != owner.id {
        return Err(AppError::Forbidden(
            "a token made in an external network acts only in that network",
        ));
    }
    Ok(row_in(&mut db, owner, network).await?.1)
}

/// Makes a session act in another of its person's networks from its next request.
pub async fn switch(
    app: &App,
    session: SessionId,
    user: &User,
    network: NetworkId,
) -> Result<User, AppError> {
    let mut db = app.store().conn().await?;
    let (home_row, row) = row_in(&mut db, user, network).await?;
    let acting_row = (row.id != home_row).then_some(row.id);
    store::set_session_row(&mut db, session, acting_row).await?;
    Ok(row)
}

/// Whether the acting person may create an external network now.
pub async fn may_create(app: &App, actor: &Actor) -> Result<bool, AppError> {
    let user = signed_in(actor)?;
    let mut db = app.store().conn().await?;
    let Ok(home) = home_network_of(&mut db, user).await else {
        return Ok(false);
    };
    Ok(user.role == Role::Admin || store::members_create(&mut db, home.id).await?)
}

/// The external networks the acting person may add colleagues to: every one for the
/// company's admins, those they sponsor for others. Asked in the home network.
pub async fn manageable(app: &App, actor: &Actor) -> Result<Vec<ExternalNetwork>, AppError> {
    let user = signed_in(actor)?;
    let mut db = app.store().conn().await?;
    home_network_of(&mut db, user).await?;
    let sponsor = (user.role != Role::Admin).then_some(user.id);
    Ok(store::list(&mut db, sponsor)
        .await?
        .into_iter()
        .map(|(network, details)| ExternalNetwork::of(network, details))
        .collect())
}

/// Whether employees who are not admins may create external networks (admins).
pub async fn members_may_create(app: &App, actor: &Actor) -> Result<bool, AppError> {
    policy::may_configure_network(actor)?;
    let mut db = app.store().conn().await?;
    let network = audit::network_of(&mut db, actor).await?;
    Ok(store::members_create(&mut db, network).await?)
}

/// Lets employees who are not admins create external networks, or not (admins of the
/// home network; audited).
pub async fn set_members_may_create(
    app: &App,
    acting: Acting<'_>,
    on: bool,
) -> Result<bool, AppError> {
    policy::may_configure_network(acting.actor)?;
    let user = signed_in(acting.actor)?;
    let mut tx = app.store().begin().await?;
    let home = home_network_of(&mut tx, user).await?;
    let before = store::members_create(&mut tx, home.id).await?;
    store::set_members_create(&mut tx, home.id, on).await?;
    audit::record(
        &mut tx,
        app,
        acting,
        home.id,
        AuditAction::ExternalNetworksByMembersSet,
        Target::network(home.id),
        "",
        serde_json::json!({ "before": before, "members_create": on }),
    )
    .await?;
    tx.commit().await?;
    Ok(on)
}

/// The acting person's network, which must be the company's own: external networks
/// are made and filled from there.
pub(crate) async fn home_network_of(db: &mut Conn, user: &User) -> Result<Network, AppError> {
    networks::get(db, user.network_id)
        .await?
        .filter(|n| n.kind == NetworkKind::Home)
        .ok_or(AppError::Forbidden(
            "switch to your company's network to do this",
        ))
}

pub(crate) async fn external(db: &mut Conn, id: NetworkId) -> Result<(Network, Details), AppError> {
    let network = networks::get(db, id)
        .await?
        .filter(|n| n.kind == NetworkKind::External)
        .ok_or(AppError::NotFound("network"))?;
    let details = store::details(db, id)
        .await?
        .ok_or(AppError::NotFound("network"))?;
    Ok((network, details))
}

/// Writes `person`'s row in `network`, with their name, language and time zone.
async fn add_row(
    db: &mut Conn,
    app: &App,
    person: &User,
    network: &Network,
    role: Role,
    now: Millis,
) -> Result<User, AppError> {
    let row = User {
        id: UserId(app.next_id()),
        network_id: network.id,
        email: person.email.clone(),
        display_name: person.display_name.clone(),
        role,
        status: UserStatus::Active,
        suspended_until: None,
        created_at: now,
        language: person.language.clone(),
        time_zone: person.time_zone.clone(),
        photo: None,
    };
    let handle = crate::accounts::free_handle(db, network.id, &person.email).await?;
    store::insert_member_row(db, &row, &handle, person.id).await?;
    Ok(row)
}
