//! Praise: thanking colleagues publicly with a post that names them and a kind. The
//! people praised are told (after the post's transaction, with everyone else a new
//! post concerns), and so are their managers when the network says so. A profile
//! shows the praise its person received, counted per kind, never ranked.

use crate::access::{PlaceRows, reader};
use crate::audit::{self, Acting, Target};
use crate::feeds::{self, Feed, FeedPage};
use crate::{App, AppError, signed_in};
use hearth_domain::praise::{Praise, PraiseKind, parse_recipients};
use hearth_domain::{
    Actor, AuditAction, Post, PostId, User, UserId, ValidationError, Visibility, policy,
};
use hearth_store::Conn;
use hearth_store::praise as store;
use std::collections::HashMap;

/// Praise as its author writes it, with a new post.
#[derive(Debug, Clone, Default)]
pub struct NewPraise {
    /// `thanks`, `teamwork`, `above_and_beyond` or `welcome`.
    pub kind: String,
    /// The people praised: 1 to 10 colleagues, never the author.
    pub recipients: Vec<UserId>,
}

/// Checks a new praise, for a post about to be written with `post_id` in `place`.
pub(crate) async fn prepare(
    db: &mut Conn,
    user: &User,
    post_id: PostId,
    place: &PlaceRows,
    input: &NewPraise,
    now: hearth_domain::Millis,
) -> Result<Praise, AppError> {
    let kind = PraiseKind::parse(&input.kind).ok_or_else(|| {
        ValidationError::new(
            "praise_kind",
            format!("use one of {}", PraiseKind::choices().trim()),
        )
    })?;
    let recipients = parse_recipients(&input.recipients, user.id)?;
    let active = store::active_among(db, user.network_id, &recipients, now).await?;
    if active.len() != recipients.len() {
        return Err(ValidationError::new(
            "recipients",
            "praise names active colleagues of this network",
        )
        .into());
    }
    // Praise they could not read would thank them behind their back. Checked as it
    // is written: someone who leaves the community later no longer reads it, and
    // is no longer told of it.
    if let Some((community, _)) = place
        && community.visibility != Visibility::Public
    {
        let members =
            hearth_store::communities::members_among(db, community.id, &recipients).await?;
        if members.len() != recipients.len() {
            return Err(ValidationError::new(
                "recipients",
                "praise people where they can read it: everyone named must be a member of this community",
            )
            .into());
        }
    }
    Ok(Praise {
        post_id,
        kind,
        recipients,
    })
}

/// The people named by their handles (`@ben, @cy` or `ben cy`), as the composer's
/// field sends them: each must be a colleague of the writer's network.
pub async fn recipients_by_handle(
    app: &App,
    actor: &Actor,
    raw: &str,
) -> Result<Vec<UserId>, AppError> {
    let user = signed_in(actor)?;
    let mut handles: Vec<String> = raw
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .map(|word| word.trim_start_matches('@').to_lowercase())
        .filter(|word| !word.is_empty())
        .collect();
    handles.sort_unstable();
    handles.dedup();
    if handles.len() > hearth_domain::praise::MAX_RECIPIENTS {
        return Err(ValidationError::new(
            "recipients",
            format!(
                "praise names between 1 and {} people",
                hearth_domain::praise::MAX_RECIPIENTS
            ),
        )
        .into());
    }
    let mut db = app.store().conn().await?;
    let found = hearth_store::profiles::ids_for_handles(&mut db, user.network_id, &handles).await?;
    if found.len() != handles.len() {
        return Err(ValidationError::new(
            "recipients",
            "praise names colleagues by their handles, such as @ben",
        )
        .into());
    }
    Ok(found.into_iter().map(|(_, id)| id).collect())
}

/// Someone a praise names, as cards link them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Praised {
    pub id: UserId,
    pub name: String,
    pub handle: String,
}

/// A praise as cards show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PraiseView {
    pub kind: PraiseKind,
    pub recipients: Vec<Praised>,
}

/// The praise of these posts (already checked readable).
pub(crate) async fn views_of(
    db: &mut Conn,
    posts: &[&Post],
) -> Result<HashMap<PostId, PraiseView>, AppError> {
    let top_level: Vec<PostId> = posts
        .iter()
        .filter(|p| p.carries_extras())
        .map(|p| p.id)
        .collect();
    Ok(store::of(db, &top_level)
        .await?
        .into_iter()
        .map(|(post, shown)| {
            let recipients = shown
                .recipients
                .into_iter()
                .map(|(id, name, handle)| Praised { id, name, handle })
                .collect();
            (
                post,
                PraiseView {
                    kind: shown.kind,
                    recipients,
                },
            )
        })
        .collect())
}

/// The praise a person received that the reader may read: counted per kind, and a
/// page of the posts, newest first.
pub struct Received {
    pub counts: Vec<(PraiseKind, i64)>,
    pub page: FeedPage,
}

pub async fn received(
    app: &App,
    actor: &Actor,
    person: UserId,
    before: Option<PostId>,
    limit: Option<u32>,
) -> Result<Received, AppError> {
    let user = signed_in(actor)?;
    let page = feeds::feed(app, actor, &Feed::Praised(person), before, limit).await?;
    let mut db = app.store().conn().await?;
    let counts = store::received_counts(&mut db, reader(user), person).await?;
    Ok(Received { counts, page })
}

/// Whether the network tells the managers of the people praised.
pub async fn tells_managers(app: &App, actor: &Actor) -> Result<bool, AppError> {
    let mut db = app.store().conn().await?;
    let network = audit::network_of(&mut db, actor).await?;
    Ok(store::tells_managers(&mut db, network).await?)
}

/// Turns telling managers of their reports' praise on or off (network admins;
/// audited).
pub async fn set_tells_managers(app: &App, acting: Acting<'_>, on: bool) -> Result<bool, AppError> {
    policy::may_configure_network(acting.actor)?;
    let mut tx = app.store().begin().await?;
    let network = audit::network_of(&mut tx, acting.actor).await?;
    let before = store::tells_managers(&mut tx, network).await?;
    store::set_tells_managers(&mut tx, network, on).await?;
    audit::record(
        &mut tx,
        app,
        acting,
        network,
        AuditAction::PraiseManagersSet,
        Target::network(network),
        "",
        serde_json::json!({ "before": before, "tells_managers": on }),
    )
    .await?;
    tx.commit().await?;
    Ok(on)
}
