//! The `notifications` table: a person's notification centre. While unread, the
//! notifications of one group fold into one row (see the migration).

use crate::posts::{self, ModeratedSeenBy, Viewer};
use crate::preferences::{FAN_OUT_CHUNK, FanOut, Recipient, insert_many};
use crate::{Conn, StoreError, placeholders};
use hearth_domain::{Millis, NetworkId, PostId, UserId};
use std::collections::HashSet;

/// How many people a folded notification names.
const NAMED_ACTORS: usize = 5;

/// One notification to write (or fold into the unread one of its group).
#[derive(Debug, Clone)]
pub struct NewNotification<'a> {
    pub id: i64,
    pub network_id: NetworkId,
    pub user_id: UserId,
    pub kind: &'a str,
    /// `post` or `conversation`.
    pub subject_kind: &'a str,
    pub subject_id: i64,
    pub group_key: &'a str,
    pub actor_id: UserId,
    pub excerpt: &'a str,
    pub now: Millis,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct NotificationRow {
    pub id: i64,
    pub kind: String,
    pub subject_kind: String,
    pub subject_id: i64,
    /// User ids, newest first, separated by commas.
    pub actor_ids: String,
    pub actor_count: i64,
    pub excerpt: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub read_at: Option<i64>,
    /// See [`PLACE`].
    pub place: Option<String>,
}

impl NotificationRow {
    pub fn actors(&self) -> Vec<UserId> {
        parse_ids(&self.actor_ids).into_iter().map(UserId).collect()
    }
}

const COLUMNS: &str = "n.id, n.kind, n.subject_kind, n.subject_id, n.actor_ids, n.actor_count, \
    n.excerpt, n.created_at, n.updated_at, n.read_at";

/// The column `place` of a notification `n`: the community of the article it tells
/// of ("Ana published an article in Engineering"); NULL for everything else.
pub(crate) const PLACE: &str = "CASE WHEN n.kind = 'article_published' AND n.subject_kind = 'post' \
    THEN (SELECT c.name FROM posts placed JOIN communities c ON c.id = placed.community_id \
          WHERE placed.id = n.subject_id) END AS place";

/// Writes a notification, or folds it into the unread one of its group: the actor
/// moves to the front and is counted once. Answers the id of the row written.
pub async fn fold(db: &mut Conn, new: &NewNotification<'_>) -> Result<i64, StoreError> {
    // Two writers may race to open a group on PostgreSQL: the loser's insert does
    // nothing and it folds into the winner's row on the second pass.
    for _ in 0..2 {
        let unread: Option<(i64, String, i64)> = sqlx::query_as(
            "SELECT id, actor_ids, actor_count FROM notifications \
             WHERE user_id = $1 AND group_key = $2 AND read_at IS NULL",
        )
        .bind(new.user_id.0)
        .bind(new.group_key)
        .fetch_optional(&mut *db)
        .await?;
        if let Some((id, actors, count)) = unread {
            let (actors, count) = with_actor(&actors, count, new.actor_id);
            sqlx::query(
                "UPDATE notifications SET actor_ids = $1, actor_count = $2, excerpt = $3, \
                 updated_at = $4 WHERE id = $5",
            )
            .bind(actors)
            .bind(count)
            .bind(new.excerpt)
            .bind(new.now)
            .bind(id)
            .execute(&mut *db)
            .await?;
            return Ok(id);
        }
        let inserted = sqlx::query(
            "INSERT INTO notifications (id, network_id, user_id, kind, subject_kind, subject_id, \
             group_key, actor_ids, actor_count, excerpt, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $10, $10) \
             ON CONFLICT (user_id, group_key) WHERE read_at IS NULL DO NOTHING",
        )
        .bind(new.id)
        .bind(new.network_id.0)
        .bind(new.user_id.0)
        .bind(new.kind)
        .bind(new.subject_kind)
        .bind(new.subject_id)
        .bind(new.group_key)
        .bind(new.actor_id.0.to_string())
        .bind(new.excerpt)
        .bind(new.now)
        .execute(&mut *db)
        .await?;
        if inserted.rows_affected() == 1 {
            return Ok(new.id);
        }
    }
    Err(StoreError::Corrupt(format!(
        "notification group {} neither found nor written",
        new.group_key
    )))
}

/// An unread notification's actors and their count once `actor` acted again: the
/// actor moves to the front and is counted once.
fn with_actor(actors: &str, count: i64, actor: UserId) -> (String, i64) {
    let mut ids = parse_ids(actors);
    let seen = ids.contains(&actor.0);
    ids.retain(|id| *id != actor.0);
    ids.insert(0, actor.0);
    ids.truncate(NAMED_ACTORS);
    (join_ids(&ids), if seen { count } else { count + 1 })
}

/// The set-based [`fold`], for one act that concerns many people (a reply in a thread
/// thousands took part in): each recipient's unread notification of the group gains
/// the actor, and a new one is written for each recipient without one, in three
/// statements per [`FAN_OUT_CHUNK`] people however many there are. Answers each
/// recipient's notification id.
///
/// On PostgreSQL a writer that opens one of these groups at the same moment wins, and
/// this act is not added to that person's new notification: a lost name in a folded
/// "and N others", never a lost notification.
pub async fn fold_many(
    db: &mut Conn,
    shared: &FanOut<'_>,
    recipients: &[Recipient],
) -> Result<Vec<(UserId, i64)>, StoreError> {
    // Concurrent replies to one thread fold into the same rows. On PostgreSQL each
    // takes them in the same order, people by id and rows by id, so that two writers
    // wait for each other in turn instead of each holding what the other needs (a
    // deadlock). SQLite has one writer at a time.
    let lock = if db.backend_name() == "SQLite" {
        ""
    } else {
        "FOR UPDATE"
    };
    let mut recipients = recipients.to_vec();
    recipients.sort_by_key(|recipient| recipient.user_id.0);
    let mut written = Vec::with_capacity(recipients.len());
    for chunk in recipients.chunks(FAN_OUT_CHUNK) {
        let sql = format!(
            "SELECT id, user_id, actor_ids, actor_count FROM notifications \
             WHERE group_key = $1 AND read_at IS NULL AND user_id IN ({}) ORDER BY id {lock}",
            placeholders(2, chunk.len())
        );
        let mut query = sqlx::query_as::<_, (i64, i64, String, i64)>(&sql)
            .persistent(crate::keep_prepared(chunk.len()))
            .bind(shared.group_key);
        for recipient in chunk {
            query = query.bind(recipient.user_id.0);
        }
        let unread = query.fetch_all(&mut *db).await?;
        if !unread.is_empty() {
            let rows = (0..unread.len())
                .map(|i| {
                    let at = 3 + 3 * i;
                    format!(
                        "(CAST(${at} AS BIGINT), CAST(${} AS TEXT), CAST(${} AS BIGINT))",
                        at + 1,
                        at + 2
                    )
                })
                .collect::<Vec<_>>()
                .join(", ");
            let sql = format!(
                "WITH folded (id, actor_ids, actor_count) AS (VALUES {rows}) \
                 UPDATE notifications SET actor_ids = folded.actor_ids, \
                 actor_count = folded.actor_count, excerpt = $1, updated_at = $2 \
                 FROM folded WHERE notifications.id = folded.id"
            );
            let mut query = sqlx::query(&sql)
                .persistent(crate::keep_prepared(unread.len()))
                .bind(shared.excerpt)
                .bind(shared.now);
            for (id, _, actors, count) in &unread {
                let (actors, count) = with_actor(actors, *count, shared.actor_id);
                query = query.bind(*id).bind(actors).bind(count);
            }
            query.execute(&mut *db).await?;
        }
        let folded: HashSet<i64> = unread.iter().map(|(_, user, ..)| *user).collect();
        written.extend(unread.iter().map(|(id, user, ..)| (UserId(*user), *id)));
        let opened: Vec<Recipient> = chunk
            .iter()
            .filter(|recipient| !folded.contains(&recipient.user_id.0))
            .copied()
            .collect();
        insert_many(db, shared, &opened).await?;
        written.extend(
            opened
                .iter()
                .map(|recipient| (recipient.user_id, recipient.id)),
        );
    }
    Ok(written)
}

/// Whether the person the notification alias `n` is for may still read what it is
/// about, by the rule feeds use ([`posts::visible_to`], and for a reply its thread's
/// top-level post despite moderation): an excerpt outlives neither a removal from a
/// private community nor a hidden or deleted post. The reader is looked up from the
/// row, so counting inside a write needs nothing more bound.
fn still_readable(n: &str) -> String {
    let network = format!("{n}.network_id");
    let viewer = Viewer::person("nu", &network, ModeratedSeenBy::AuthorAndModerators);
    format!(
        "({n}.subject_kind <> 'post' OR EXISTS (SELECT 1 FROM posts p CROSS JOIN users nu \
         WHERE p.id = {n}.subject_id AND nu.id = {n}.user_id AND {} \
         AND (p.root_id IS NULL OR EXISTS (SELECT 1 FROM posts t WHERE t.id = p.root_id AND {}))))",
        posts::visible_to("p", &viewer),
        posts::seen_despite_moderation("t", &viewer),
    )
}

/// A page of a person's notifications, most recently updated first, before the
/// cursor `(updated_at, id)`, leaving out those about posts they can no longer read.
pub async fn page(
    db: &mut Conn,
    user: UserId,
    before: (Millis, i64),
    limit: i64,
) -> Result<Vec<NotificationRow>, StoreError> {
    Ok(sqlx::query_as::<_, NotificationRow>(&format!(
        "SELECT {COLUMNS}, {PLACE} FROM notifications n WHERE n.user_id = $1 \
         AND (n.updated_at < $2 OR (n.updated_at = $2 AND n.id < $3)) AND {} \
         ORDER BY n.updated_at DESC, n.id DESC LIMIT $4",
        still_readable("n")
    ))
    .bind(user.0)
    .bind(before.0)
    .bind(before.1)
    .bind(limit)
    .fetch_all(db)
    .await?)
}

/// How many unread notifications a person has, counted up to `cap`, among those
/// [`page`] shows.
pub async fn unread_count(db: &mut Conn, user: UserId, cap: i64) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM (SELECT 1 FROM notifications n \
         WHERE n.user_id = $1 AND n.read_at IS NULL AND {} LIMIT $2) unread",
        still_readable("n")
    ))
    .bind(user.0)
    .bind(cap)
    .fetch_one(db)
    .await?)
}

/// Marks one of the person's notifications read; answers what it is about
/// (`subject_kind`, `subject_id`), or `None` when they have no such notification.
pub async fn mark_read(
    db: &mut Conn,
    user: UserId,
    id: i64,
    now: Millis,
) -> Result<Option<(String, i64)>, StoreError> {
    let subject: Option<(String, i64)> = sqlx::query_as(
        "SELECT subject_kind, subject_id FROM notifications WHERE id = $1 AND user_id = $2",
    )
    .bind(id)
    .bind(user.0)
    .fetch_optional(&mut *db)
    .await?;
    if subject.is_some() {
        sqlx::query("UPDATE notifications SET read_at = $1 WHERE id = $2 AND read_at IS NULL")
            .bind(now)
            .bind(id)
            .execute(db)
            .await?;
    }
    Ok(subject)
}

/// Marks every unread notification of the person read; answers how many.
pub async fn mark_all_read(db: &mut Conn, user: UserId, now: Millis) -> Result<u64, StoreError> {
    Ok(
        sqlx::query("UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL")
            .bind(now)
            .bind(user.0)
            .execute(db)
            .await?
            .rows_affected(),
    )
}

/// Which of `candidates` are active people of the network who may read `post` and,
/// for a reply, see its thread's top-level post despite moderation: the rule of
/// [`posts::visible_to`], hidden and held posts seen as `moderated` says.
pub async fn readers_among(
    db: &mut Conn,
    network: NetworkId,
    post: PostId,
    candidates: &[UserId],
    moderated: ModeratedSeenBy,
) -> Result<Vec<UserId>, StoreError> {
    if candidates.is_empty() {
        return Ok(Vec::new());
    }
    let sql = readers_among_sql(candidates.len(), moderated);
    let mut query = sqlx::query_scalar::<_, i64>(&sql)
        .persistent(crate::keep_prepared(candidates.len()))
        .bind(network.0)
        .bind(post.0);
    for candidate in candidates {
        query = query.bind(candidate.0);
    }
    Ok(query.fetch_all(db).await?.into_iter().map(UserId).collect())
}

/// The SQL of [`readers_among`]: `$1` the network, `$2` the post, then `candidates`
/// ids.
pub fn readers_among_sql(candidates: usize, moderated: ModeratedSeenBy) -> String {
    let viewer = Viewer::person("u", "$1", moderated);
    format!(
        "SELECT u.id FROM posts p CROSS JOIN users u WHERE p.id = $2 \
         AND u.network_id = $1 AND u.status = 'active' AND u.id IN ({}) AND {} \
         AND (p.root_id IS NULL OR EXISTS (SELECT 1 FROM posts t WHERE t.id = p.root_id AND {})) \
         ORDER BY u.id",
        placeholders(3, candidates),
        posts::visible_to("p", &viewer),
        posts::seen_despite_moderation("t", &viewer),
    )
}

/// The authors of a thread's root and of its replies written before `reply`, for "a
/// reply in a thread you took part in": the reply is told about after its own
/// transaction, when later ones may have joined the thread already.
pub async fn thread_participants(
    db: &mut Conn,
    root: i64,
    reply: PostId,
) -> Result<Vec<UserId>, StoreError> {
    // Those who took part, less those who muted the thread, and those who follow it.
    Ok(sqlx::query_scalar::<_, i64>(
        "SELECT author_id FROM posts \
         WHERE (id = $1 OR root_id = $1) AND id < $2 AND deleted_at IS NULL \
         AND author_id NOT IN (SELECT user_id FROM thread_subscriptions \
                               WHERE root_id = $1 AND state = 'muted') \
         UNION SELECT user_id FROM thread_subscriptions WHERE root_id = $1 AND state = 'following'",
    )
    .bind(root)
    .bind(reply.0)
    .fetch_all(db)
    .await?
    .into_iter()
    .map(UserId)
    .collect())
}

fn parse_ids(raw: &str) -> Vec<i64> {
    raw.split(',')
        .filter_map(|id| id.trim().parse().ok())
        .collect()
}

fn join_ids(ids: &[i64]) -> String {
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
}
