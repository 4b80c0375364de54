//! How a person wants to hear of things: a channel per kind of notification (in the
//! app only, by e-mail, in the daily or weekly digest, or off) and subscriptions to
//! the new posts of communities. [`channel_for`] is what every sender asks.

use crate::{App, AppError, signed_in};
use hearth_domain::policy;
use hearth_domain::{
    Actor, Channel, CommunityId, Millis, NotificationKind, User, UserId, ValidationError,
};
use hearth_store::{Conn, preferences};

/// How `user` wants to hear of `kind`: their choice, or the kind's default.
pub async fn channel_for(
    db: &mut Conn,
    user: UserId,
    kind: NotificationKind,
) -> Result<Channel, AppError> {
    let chosen = preferences::channel(db, user, kind.as_str()).await?;
    // A value the schema allows but this build does not know falls back to the
    // default rather than failing every notification of the person.
    Ok(chosen
        .as_deref()
        .and_then(Channel::parse)
        .unwrap_or_else(|| kind.default_channel()))
}

/// How `user` wants to hear of one notification about `post`: for a new post in a
/// community they subscribed to, the subscription's own channel; otherwise as
/// [`channel_for`] answers for its kind.
pub async fn channel_for_post(
    db: &mut Conn,
    user: UserId,
    kind: NotificationKind,
    post: i64,
) -> Result<Channel, AppError> {
    if kind == NotificationKind::CommunityPost
        && let Some(channel) = preferences::subscription_of_post(db, user, post)
            .await?
            .as_deref()
            .and_then(Channel::parse)
    {
        return Ok(channel);
    }
    channel_for(db, user, kind).await
}

/// One kind of notification and how the person hears of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindSetting {
    pub kind: NotificationKind,
    pub channel: Channel,
    /// Whether the person chose it (rather than it being the default).
    pub chosen: bool,
}

/// One community whose every new post the person hears of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscription {
    pub community_id: CommunityId,
    pub community_name: String,
    pub channel: Channel,
    pub created_at: Millis,
}

/// Everything the settings page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preferences {
    /// Every kind, in [`NotificationKind::ALL`] order, defaults filled in.
    pub kinds: Vec<KindSetting>,
    pub subscriptions: Vec<Subscription>,
}

/// The acting person's preferences, with defaults filled in.
pub async fn get(app: &App, actor: &Actor) -> Result<Preferences, AppError> {
    let user = signed_in(actor)?;
    let mut db = app.store().conn().await?;
    load(&mut db, user.id).await
}

async fn load(db: &mut Conn, user: UserId) -> Result<Preferences, AppError> {
    let chosen = preferences::chosen(db, user).await?;
    let kinds = NotificationKind::ALL
        .into_iter()
        .map(|kind| {
            let choice = chosen
                .iter()
                .find(|(k, _)| k == kind.as_str())
                .and_then(|(_, channel)| Channel::parse(channel));
            KindSetting {
                kind,
                channel: choice.unwrap_or_else(|| kind.default_channel()),
                chosen: choice.is_some(),
            }
        })
        .collect();
    let subscriptions = preferences::subscriptions(db, user)
        .await?
        .into_iter()
        .filter_map(|row| {
            Some(Subscription {
                community_id: CommunityId(row.community_id),
                community_name: row.community_name,
                channel: Channel::parse(&row.channel)?,
                created_at: row.created_at,
            })
        })
        .collect();
    Ok(Preferences {
        kinds,
        subscriptions,
    })
}

/// Reads a channel as forms and the API send it.
pub fn parse_channel(raw: &str) -> Result<Channel, ValidationError> {
    Channel::parse(raw.trim()).ok_or_else(|| {
        ValidationError::new(
            "channel",
            "use one of app, email, daily, weekly, off".to_owned(),
        )
    })
}

/// Sets the channels of some kinds, given as `(kind, channel)`. Every pair is checked
/// before anything is written, so one bad pair changes nothing.
pub async fn set(
    app: &App,
    actor: &Actor,
    changes: &[(String, String)],
) -> Result<Preferences, AppError> {
    let user = signed_in(actor)?;
    let mut parsed = Vec::with_capacity(changes.len());
    for (kind, channel) in changes {
        let kind = NotificationKind::parse(kind.trim()).ok_or_else(|| {
            ValidationError::new("kind", format!("there is no kind of notification {kind:?}"))
        })?;
        parsed.push((kind, parse_channel(channel)?));
    }
    let mut tx = app.store().begin().await?;
    for (kind, channel) in parsed {
        preferences::set(&mut tx, user.id, kind.as_str(), channel.as_str()).await?;
    }
    let preferences = load(&mut tx, user.id).await?;
    tx.commit().await?;
    Ok(preferences)
}

/// Loads a community the person may read, answering "not found" when they may not
/// know it exists and "forbidden" when they may not read it.
async fn readable(
    db: &mut Conn,
    user: &User,
    id: CommunityId,
) -> Result<hearth_domain::Community, AppError> {
    let (community, membership) = crate::access::load_place(db, user, Some(id))
        .await?
        .ok_or(AppError::NotFound("community"))?;
    if !policy::may_read_community(user, &community, membership.as_ref()) {
        return Err(AppError::Forbidden(
            "join this community to be told of its new posts",
        ));
    }
    Ok(community)
}

/// The acting person's subscription to a community's new posts, if any.
pub async fn subscription(
    app: &App,
    actor: &Actor,
    community: CommunityId,
) -> Result<Option<Channel>, AppError> {
    let user = signed_in(actor)?;
    let mut db = app.store().conn().await?;
    let channel = preferences::subscription(&mut db, user.id, community).await?;
    Ok(channel.as_deref().and_then(Channel::parse))
}

/// "Notify me of every new post here": subscribes (or changes the channel). Only
/// people who may read the community may subscribe to it.
pub async fn subscribe(
    app: &App,
    actor: &Actor,
    community: CommunityId,
    channel: &str,
) -> Result<Subscription, AppError> {
    let user = signed_in(actor)?;
    let mut tx = app.store().begin().await?;
    let found = readable(&mut tx, user, community).await?;
    let channel = parse_channel(channel)?;
    let now = app.now();
    preferences::subscribe(&mut tx, user.id, community, channel.as_str(), now).await?;
    tx.commit().await?;
    Ok(Subscription {
        community_id: community,
        community_name: found.name,
        channel,
        created_at: now,
    })
}

/// Ends a subscription. Anyone may end their own, even after losing access; answers
/// whether there was one.
pub async fn unsubscribe(
    app: &App,
    actor: &Actor,
    community: CommunityId,
) -> Result<bool, AppError> {
    let user = signed_in(actor)?;
    let mut tx = app.store().begin().await?;
    let removed = preferences::unsubscribe(&mut tx, user.id, community).await?;
    tx.commit().await?;
    Ok(removed)
}
