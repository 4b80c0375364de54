//! The usage policy: a network's admins publish it in versions, and every person of
//! the network accepts the current version before using the network. Publishing a
//! new version asks everyone again.

use crate::audit::{self, Acting, Target};
use crate::{App, AppError, signed_in};
pub use hearth_domain::usage_policy::UsagePolicy;
use hearth_domain::{Actor, AuditAction, User, ValidationError, markdown, policy};
use hearth_store::usage_policies;
use std::collections::BTreeSet;

/// The longest policy text accepted, in characters.
pub const MAX_CHARS: usize = 50_000;

/// The current policy as a person of the network sees it.
#[derive(Debug, Clone)]
pub struct Current {
    /// `None` until a first version is published.
    pub policy: Option<UsagePolicy>,
    /// Whether the person accepted the current version; `true` when there is none.
    pub accepted: bool,
}

/// The policy and how far acceptance has come, for the console.
#[derive(Debug, Clone)]
pub struct Standing {
    pub policy: Option<UsagePolicy>,
    /// People of the network who accepted the current version.
    pub accepted: i64,
    /// Accounts in the network.
    pub people: i64,
}

/// Publishes a new version (the previous one plus one). The publisher wrote it, so
/// they are not asked to accept it again.
pub async fn publish(
    app: &App,
    acting: Acting<'_>,
    body_markdown: &str,
) -> Result<UsagePolicy, AppError> {
    policy::may_configure_network(acting.actor)?;
    let body_markdown = body_markdown.trim();
    if body_markdown.is_empty() {
        return Err(ValidationError::new("body", "write the policy's text first").into());
    }
    if body_markdown.chars().count() > MAX_CHARS {
        return Err(ValidationError::new(
            "body",
            format!("the policy is at most {MAX_CHARS} characters"),
        )
        .into());
    }
    let body_html = markdown::render(body_markdown, &BTreeSet::new());

    let now = app.now();
    let mut tx = app.store().begin().await?;
    let network = audit::network_of(&mut tx, acting.actor).await?;
    let version = usage_policies::current(&mut tx, network)
        .await?
        .map_or(1, |previous| previous.version + 1);
    let published = UsagePolicy {
        network_id: network,
        version,
        body_markdown: body_markdown.to_owned(),
        body_html,
        published_at: now,
        published_by: match acting.actor {
            Actor::User(user) => Some(user.id),
            Actor::Operator => None,
        },
    };
    usage_policies::insert(&mut tx, &published).await?;
    if let Actor::User(user) = acting.actor {
        usage_policies::accept(&mut tx, user.id, version, now).await?;
    }
    audit::record(
        &mut tx,
        app,
        acting,
        network,
        AuditAction::UsagePolicyPublished,
        Target {
            kind: "usage_policy",
            id: Some(version),
            name: format!("version {version}"),
        },
        "",
        serde_json::json!({ "version": version }),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(network.id = %network, version, "usage policy published");
    Ok(published)
}

/// The current policy, and whether the acting person accepted it.
pub async fn current(app: &App, actor: &Actor) -> Result<Current, AppError> {
    let user = signed_in(actor)?;
    let mut db = app.store().conn().await?;
    let policy = usage_policies::current(&mut db, user.network_id).await?;
    let accepted = match &policy {
        Some(policy) => usage_policies::has_accepted(&mut db, user.id, policy.version).await?,
        None => true,
    };
    Ok(Current { policy, accepted })
}

/// Accepts `version`, which must be the current one: people accept what they were
/// shown, not a version published since.
pub async fn accept(app: &App, actor: &Actor, version: i64) -> Result<(), AppError> {
    let user = signed_in(actor)?;
    let mut tx = app.store().begin().await?;
    let current = usage_policies::current(&mut tx, user.network_id)
        .await?
        .ok_or(AppError::NotFound("usage policy"))?;
    if current.version != version {
        return Err(AppError::Conflict {
            message: format!(
                "version {version} is not the current usage policy; read version {} and \
                 accept that",
                current.version
            ),
            field: Some("version"),
        });
    }
    usage_policies::accept(&mut tx, user.id, version, app.now()).await?;
    tx.commit().await?;
    tracing::info!(user.id = %user.id, version, "usage policy accepted");
    Ok(())
}

/// The version this person must still accept before using the network, if any.
/// (Requests learn it from the statement that authenticates them.)
pub async fn pending(app: &App, user: &User) -> Result<Option<i64>, AppError> {
    let mut db = app.store().conn().await?;
    Ok(usage_policies::pending_version(&mut db, user.network_id, user.id).await?)
}

/// The current policy and how many have accepted it, for admins and the operator.
pub async fn standing(app: &App, actor: &Actor) -> Result<Standing, AppError> {
    policy::may_configure_network(actor)?;
    let mut db = app.store().conn().await?;
    let network = audit::network_of(&mut db, actor).await?;
    let policy = usage_policies::current(&mut db, network).await?;
    let accepted = match &policy {
        Some(policy) => usage_policies::count_accepted(&mut db, network, policy.version).await?,
        None => 0,
    };
    let people = hearth_store::users::count_in_network(&mut db, network).await?;
    Ok(Standing {
        policy,
        accepted,
        people,
    })
}
