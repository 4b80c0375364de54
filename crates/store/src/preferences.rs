//! How each person wants to hear of things: `notification_preferences` (a channel per
//! kind of notification; a missing row means the kind's default) and
//! `community_subscriptions` ("notify me of every new post here"). Also the fan-out
//! of one notification to many people at once, which reads both.

use crate::posts::{self, ModeratedSeenBy, Viewer};
use crate::{Conn, StoreError};
use hearth_domain::{CommunityId, Millis, NetworkId, PostId, UserId};

/// The channels a person chose, as `(kind, channel)`; kinds left at their default
/// have no row.
pub async fn chosen(db: &mut Conn, user: UserId) -> Result<Vec<(String, String)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT kind, channel FROM notification_preferences WHERE user_id = $1 ORDER BY kind",
    )
    .bind(user.0)
    .fetch_all(db)
    .await?)
}

/// The channel a person chose for one kind, if they chose one.
pub async fn channel(
    db: &mut Conn,
    user: UserId,
    kind: &str,
) -> Result<Option<String>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT channel FROM notification_preferences WHERE user_id = $1 AND kind = $2",
    )
    .bind(user.0)
    .bind(kind)
    .fetch_optional(db)
    .await?)
}

/// Sets the channel of one kind for one person.
pub async fn set(db: &mut Conn, user: UserId, kind: &str, channel: &str) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO notification_preferences (user_id, kind, channel) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id, kind) DO UPDATE SET channel = excluded.channel",
    )
    .bind(user.0)
    .bind(kind)
    .bind(channel)
    .execute(db)
    .await?;
    Ok(())
}

/// One of a person's community subscriptions.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SubscriptionRow {
    pub community_id: i64,
    pub community_name: String,
    pub channel: String,
    pub created_at: i64,
}

/// The communities a person subscribed to, by name.
pub async fn subscriptions(
    db: &mut Conn,
    user: UserId,
) -> Result<Vec<SubscriptionRow>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT s.community_id, c.name AS community_name, s.channel, s.created_at \
         FROM community_subscriptions s JOIN communities c ON c.id = s.community_id \
         WHERE s.user_id = $1 ORDER BY c.name, s.community_id",
    )
    .bind(user.0)
    .fetch_all(db)
    .await?)
}

/// The channel of a person's subscription to a community, if they subscribed.
pub async fn subscription(
    db: &mut Conn,
    user: UserId,
    community: CommunityId,
) -> Result<Option<String>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT channel FROM community_subscriptions WHERE user_id = $1 AND community_id = $2",
    )
    .bind(user.0)
    .bind(community.0)
    .fetch_optional(db)
    .await?)
}

/// The channel of a person's subscription to the community a post is in, if any.
pub async fn subscription_of_post(
    db: &mut Conn,
    user: UserId,
    post: i64,
) -> Result<Option<String>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT s.channel FROM posts p JOIN community_subscriptions s \
         ON s.community_id = p.community_id AND s.user_id = $1 WHERE p.id = $2",
    )
    .bind(user.0)
    .bind(post)
    .fetch_optional(db)
    .await?)
}

/// Subscribes a person to a community's new posts, or changes the channel.
pub async fn subscribe(
    db: &mut Conn,
    user: UserId,
    community: CommunityId,
    channel: &str,
    now: Millis,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO community_subscriptions (user_id, community_id, channel, created_at) \
         VALUES ($1, $2, $3, $4) \
         ON CONFLICT (user_id, community_id) DO UPDATE SET channel = excluded.channel",
    )
    .bind(user.0)
    .bind(community.0)
    .bind(channel)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

/// Ends a subscription; answers whether there was one.
pub async fn unsubscribe(
    db: &mut Conn,
    user: UserId,
    community: CommunityId,
) -> Result<bool, StoreError> {
    Ok(
        sqlx::query("DELETE FROM community_subscriptions WHERE user_id = $1 AND community_id = $2")
            .bind(user.0)
            .bind(community.0)
            .execute(db)
            .await?
            .rows_affected()
            == 1,
    )
}

/// Who is told of a new post in a community: its subscribers (channel not `off`) who
/// are active and may read it, by the rule of [`posts::visible_to`], except `author`.
pub async fn subscribers(
    db: &mut Conn,
    network: NetworkId,
    post: PostId,
    author: UserId,
) -> Result<Vec<UserId>, StoreError> {
    Ok(sqlx::query_scalar::<_, i64>(&subscribers_sql())
        .bind(network.0)
        .bind(post.0)
        .bind(author.0)
        .fetch_all(db)
        .await?
        .into_iter()
        .map(UserId)
        .collect())
}

/// The SQL of [`subscribers`]: `$1` the network, `$2` the post, `$3` its author.
pub fn subscribers_sql() -> String {
    let viewer = Viewer::person("u", "$1", ModeratedSeenBy::AuthorAndModerators);
    // CROSS JOIN keeps SQLite's planner going from the post to its community's
    // subscribers instead of walking every person of the network.
    format!(
        "SELECT u.id FROM posts p \
         CROSS JOIN community_subscriptions s CROSS JOIN users u \
         WHERE p.id = $2 AND s.community_id = p.community_id AND u.id = s.user_id \
         AND s.channel <> 'off' AND u.network_id = $1 \
         AND u.status = 'active' AND u.id <> $3 AND {} \
         ORDER BY u.id",
        posts::visible_to("p", &viewer)
    )
}

/// Who hears of an announcement: everyone active in the network (`community` is
/// `None`) or the community's members, except the author and those who turned
/// `kind` off. `default_off` says whether a missing preference means off.
pub async fn audience(
    db: &mut Conn,
    network: NetworkId,
    community: Option<CommunityId>,
    author: UserId,
    kind: &str,
    default_off: bool,
) -> Result<Vec<UserId>, StoreError> {
    let default = if default_off { "off" } else { "on" };
    Ok(sqlx::query_scalar::<_, i64>(
        "SELECT u.id FROM users u LEFT JOIN notification_preferences p \
           ON p.user_id = u.id AND p.kind = $4 \
         WHERE u.network_id = $1 AND u.status = 'active' AND u.id <> $3 \
         AND COALESCE(p.channel, $5) <> 'off' \
         AND ($2 = 0 OR EXISTS (SELECT 1 FROM community_members m WHERE m.community_id = $2 \
                                AND m.user_id = u.id AND m.state = 'member')) \
         ORDER BY u.id",
    )
    .bind(network.0)
    .bind(community.map_or(0, |c| c.0))
    .bind(author.0)
    .bind(kind)
    .bind(default)
    .fetch_all(db)
    .await?
    .into_iter()
    .map(UserId)
    .collect())
}

/// One notification of a fan-out: who and with which id.
#[derive(Debug, Clone, Copy)]
pub struct Recipient {
    pub id: i64,
    pub user_id: UserId,
}

/// What every notification of a fan-out shares.
#[derive(Debug, Clone)]
pub struct FanOut<'a> {
    pub network_id: NetworkId,
    pub kind: &'a str,
    pub subject_id: i64,
    pub group_key: &'a str,
    pub actor_id: UserId,
    pub excerpt: &'a str,
    pub now: Millis,
}

/// How many people one statement notifies: 500 rows × 4 bound values stays far below
/// both backends' limit on parameters.
pub(crate) const FAN_OUT_CHUNK: usize = 500;

/// Writes one new notification about a post for each recipient, with multi-row
/// inserts of [`FAN_OUT_CHUNK`] people each (20 statements for 10,000 people) rather
/// than one statement per person. A person who still has an unread notification of
/// the group keeps it.
pub async fn fan_out(
    db: &mut Conn,
    shared: &FanOut<'_>,
    recipients: &[Recipient],
) -> Result<(), StoreError> {
    for chunk in recipients.chunks(FAN_OUT_CHUNK) {
        insert_many(db, shared, chunk).await?;
    }
    Ok(())
}

/// One multi-row insert of a fan-out's notifications (at most [`FAN_OUT_CHUNK`]).
pub(crate) async fn insert_many(
    db: &mut Conn,
    shared: &FanOut<'_>,
    recipients: &[Recipient],
) -> Result<(), StoreError> {
    if recipients.is_empty() {
        return Ok(());
    }
    // What every row shares is bound once ($1..$7) and reused by each row.
    let rows = (0..recipients.len())
        .map(|i| {
            let (id, user) = (8 + 2 * i, 9 + 2 * i);
            format!("(${id}, $1, ${user}, $2, 'post', $3, $4, $5, 1, $6, $7, $7)")
        })
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "INSERT INTO notifications (id, network_id, user_id, kind, subject_kind, \
         subject_id, group_key, actor_ids, actor_count, excerpt, created_at, updated_at) \
         VALUES {rows} \
         ON CONFLICT (user_id, group_key) WHERE read_at IS NULL DO NOTHING"
    );
    let mut query = sqlx::query(&sql)
        .persistent(crate::keep_prepared(recipients.len()))
        .bind(shared.network_id.0)
        .bind(shared.kind)
        .bind(shared.subject_id)
        .bind(shared.group_key)
        .bind(shared.actor_id.0.to_string())
        .bind(shared.excerpt)
        .bind(shared.now);
    for recipient in recipients {
        query = query.bind(recipient.id).bind(recipient.user_id.0);
    }
    query.execute(&mut *db).await?;
    Ok(())
}

// For the digests: everything one run needs, read in a few set-wide queries rather
// than several per person, so that a run over 10,000 people stays a matter of seconds.

/// An active person a digest may go to.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DigestPerson {
    pub id: i64,
    pub network_id: i64,
    pub display_name: String,
    pub role: String,
    /// Their own language, if they chose one.
    pub language: Option<String>,
    /// Their network's default language, for people who chose none.
    pub default_language: String,
    /// Their network's name when it is an external one, for e-mails to name it.
    pub external_network: Option<String>,
}

/// Every active person of every network, with the languages their e-mail is written in.
pub async fn active_people(db: &mut Conn) -> Result<Vec<DigestPerson>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT u.id, u.network_id, u.display_name, u.role, u.language, n.default_language, \
         CASE WHEN n.kind = 'external' THEN n.name END AS external_network \
         FROM users u JOIN networks n ON n.id = u.network_id \
         WHERE u.status = 'active' ORDER BY u.id",
    )
    .fetch_all(db)
    .await?)
}

/// Every chosen channel, as `(user, kind, channel)`.
pub async fn all_choices(db: &mut Conn) -> Result<Vec<(i64, String, String)>, StoreError> {
    Ok(
        sqlx::query_as("SELECT user_id, kind, channel FROM notification_preferences")
            .fetch_all(db)
            .await?,
    )
}

/// Every community subscription, as `(user, community, channel)`.
pub async fn all_subscriptions(db: &mut Conn) -> Result<Vec<(i64, i64, String)>, StoreError> {
    Ok(
        sqlx::query_as("SELECT user_id, community_id, channel FROM community_subscriptions")
            .fetch_all(db)
            .await?,
    )
}

/// Every membership in force, as `(user, community)`.
pub async fn all_memberships(db: &mut Conn) -> Result<Vec<(i64, i64)>, StoreError> {
    Ok(
        sqlx::query_as(
            "SELECT user_id, community_id FROM community_members WHERE state = 'member'",
        )
        .fetch_all(db)
        .await?,
    )
}

/// Every follow, as `(follower, followee)`.
pub async fn all_follows(db: &mut Conn) -> Result<Vec<(i64, i64)>, StoreError> {
    Ok(
        sqlx::query_as("SELECT follower_id, followee_id FROM follows")
            .fetch_all(db)
            .await?,
    )
}

/// Every community, as `(id, name, public)`.
pub async fn all_communities(db: &mut Conn) -> Result<Vec<(i64, String, bool)>, StoreError> {
    let rows: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT id, name, visibility FROM communities")
            .fetch_all(db)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, visibility)| (id, name, visibility == "public"))
        .collect())
}

/// A top-level post of the period and how much it was engaged with.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct EngagingPost {
    pub id: i64,
    pub network_id: i64,
    pub author_id: i64,
    pub author_name: String,
    pub community_id: Option<i64>,
    pub body_markdown: String,
    pub created_at: i64,
    pub reactions: i64,
    pub replies: i64,
}

/// The top-level posts written in `[since, until)` that still stand
/// ([`posts::stands`]), with their reactions and standing replies so far. Who may
/// read each is the caller's to check.
pub async fn posts_of_period(
    db: &mut Conn,
    since: Millis,
    until: Millis,
) -> Result<Vec<EngagingPost>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "SELECT p.id, p.network_id, p.author_id, u.display_name AS author_name, p.community_id, \
         p.body_markdown, p.created_at, \
         (SELECT COUNT(*) FROM reactions r WHERE r.post_id = p.id) AS reactions, \
         (SELECT COUNT(*) FROM posts rp WHERE rp.root_id = p.id AND {}) AS replies \
         FROM posts p JOIN users u ON u.id = p.author_id \
         WHERE p.root_id IS NULL AND {} \
         AND p.created_at >= $1 AND p.created_at < $2 ORDER BY p.id",
        posts::stands("rp"),
        posts::stands("p"),
    ))
    .bind(since)
    .bind(until)
    .fetch_all(db)
    .await?)
}

/// The posts each person was already told of by e-mail or whose notification they
/// read, as `(user, post)`, among notifications touched since `since`.
pub async fn already_told(db: &mut Conn, since: Millis) -> Result<Vec<(i64, i64)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT user_id, subject_id FROM notifications WHERE subject_kind = 'post' \
         AND updated_at >= $1 AND (emailed_at IS NOT NULL OR read_at IS NOT NULL)",
    )
    .bind(since)
    .fetch_all(db)
    .await?)
}

/// An unread notification not yet e-mailed nor put in a digest, with what a digest
/// needs to know whether its subject may still be read.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PendingNotification {
    pub id: i64,
    pub user_id: i64,
    pub kind: String,
    pub subject_kind: String,
    pub subject_id: i64,
    pub actor_ids: String,
    pub actor_count: i64,
    pub excerpt: String,
    /// The community of the article it tells of (see `notifications::PLACE`).
    pub place: Option<String>,
    pub updated_at: i64,
    /// For a post: 1 when it still stands for the person, by the rule of
    /// [`posts::visible_to`] with nobody seeing it hidden or held; booleans are
    /// integers here to read alike on both backends.
    pub post_stands: i64,
    pub post_community_id: Option<i64>,
    /// For a conversation: 1 when the person is still in it.
    pub in_conversation: i64,
}

/// Every notification that may go into a digest, oldest first.
pub async fn pending_notifications(db: &mut Conn) -> Result<Vec<PendingNotification>, StoreError> {
    let recipient = Viewer::person("u", "n.network_id", ModeratedSeenBy::Nobody);
    Ok(sqlx::query_as(&format!(
        "SELECT n.id, n.user_id, n.kind, n.subject_kind, n.subject_id, n.actor_ids, \
         n.actor_count, n.excerpt, {}, n.updated_at, \
         CASE WHEN p.id IS NOT NULL AND {} THEN 1 ELSE 0 END AS post_stands, \
         p.community_id AS post_community_id, \
         CASE WHEN EXISTS (SELECT 1 FROM conversation_members cm \
                 WHERE n.subject_kind = 'conversation' AND cm.conversation_id = n.subject_id \
                 AND cm.user_id = n.user_id) THEN 1 ELSE 0 END AS in_conversation \
         FROM notifications n JOIN users u ON u.id = n.user_id \
         LEFT JOIN posts p ON n.subject_kind = 'post' AND p.id = n.subject_id \
         WHERE n.read_at IS NULL AND n.digested_at IS NULL AND n.emailed_at IS NULL \
         ORDER BY n.updated_at, n.id",
        crate::notifications::PLACE,
        posts::visible_to("p", &recipient)
    ))
    .fetch_all(db)
    .await?)
}

/// Records that these notifications went out in a digest.
pub async fn mark_digested(db: &mut Conn, ids: &[i64], now: Millis) -> Result<(), StoreError> {
    for chunk in ids.chunks(FAN_OUT_CHUNK) {
        let list = (0..chunk.len())
            .map(|i| format!("${}", i + 2))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "UPDATE notifications SET digested_at = $1 WHERE id IN ({list}) AND digested_at IS NULL"
        );
        let mut query = sqlx::query(&sql)
            .persistent(crate::keep_prepared(chunk.len()))
            .bind(now);
        for id in chunk {
            query = query.bind(*id);
        }
        query.execute(&mut *db).await?;
    }
    Ok(())
}

/// Who among the subscribers of a community wants its new posts by e-mail.
pub async fn email_subscribers(
    db: &mut Conn,
    community: CommunityId,
) -> Result<Vec<UserId>, StoreError> {
    Ok(sqlx::query_scalar::<_, i64>(
        "SELECT user_id FROM community_subscriptions WHERE community_id = $1 AND channel = 'email'",
    )
    .bind(community.0)
    .fetch_all(db)
    .await?
    .into_iter()
    .map(UserId)
    .collect())
}

/// Who of a network chose a channel for this kind, and which (explicit choices
/// only, not the defaults).
pub async fn choices(
    db: &mut Conn,
    network: NetworkId,
    kind: &str,
) -> Result<Vec<(UserId, String)>, StoreError> {
    Ok(sqlx::query_as::<_, (i64, String)>(
        "SELECT p.user_id, p.channel FROM notification_preferences p \
         JOIN users u ON u.id = p.user_id WHERE u.network_id = $1 AND p.kind = $2",
    )
    .bind(network.0)
    .bind(kind)
    .fetch_all(db)
    .await?
    .into_iter()
    .map(|(user, channel)| (UserId(user), channel))
    .collect())
}
