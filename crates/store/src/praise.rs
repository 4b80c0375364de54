//! The `praise` and `praise_recipients` tables: a praise post's kind and the people
//! it thanks, and the network's setting for telling their managers.

use crate::posts::{Reader, visible};
use crate::{Conn, StoreError, keep_prepared, placeholders};
use hearth_domain::praise::{Praise, PraiseKind};
use hearth_domain::{NetworkId, PostId, UserId};
use std::collections::HashMap;

/// Writes a new post's praise and its recipients, in the post's transaction.
pub async fn insert(db: &mut Conn, network: NetworkId, praise: &Praise) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO praise (post_id, network_id, kind) VALUES ($1, $2, $3)")
        .bind(praise.post_id.0)
        .bind(network.0)
        .bind(praise.kind.as_str())
        .execute(&mut *db)
        .await?;
    let rows: Vec<String> = (0..praise.recipients.len())
        .map(|n| format!("($1, ${})", n + 2))
        .collect();
    let sql = format!(
        "INSERT INTO praise_recipients (post_id, user_id) VALUES {}",
        rows.join(", ")
    );
    let mut query = sqlx::query(&sql).bind(praise.post_id.0);
    for recipient in &praise.recipients {
        query = query.bind(recipient.0);
    }
    query.execute(db).await?;
    Ok(())
}

/// A praise as cards show it: its kind and the people it thanks (id, name, handle),
/// in the order of their names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub kind: PraiseKind,
    pub recipients: Vec<(UserId, String, String)>,
}

/// The praise of these posts, in one statement.
pub async fn of(db: &mut Conn, posts: &[PostId]) -> Result<HashMap<PostId, Shown>, StoreError> {
    if posts.is_empty() {
        return Ok(HashMap::new());
    }
    let sql = format!(
        "SELECT pr.post_id, pr.kind, u.id, u.display_name, COALESCE(u.handle, '') \
         FROM praise pr JOIN praise_recipients r ON r.post_id = pr.post_id \
         JOIN users u ON u.id = r.user_id \
         WHERE pr.post_id IN ({}) ORDER BY pr.post_id, u.name_key, u.id",
        placeholders(1, posts.len())
    );
    let mut query = sqlx::query_as::<_, (i64, String, i64, String, String)>(&sql)
        .persistent(keep_prepared(posts.len()));
    for post in posts {
        query = query.bind(post.0);
    }
    let mut found: HashMap<PostId, Shown> = HashMap::new();
    for (post, kind, user, name, handle) in query.fetch_all(db).await? {
        let kind = PraiseKind::parse(&kind)
            .ok_or_else(|| StoreError::Corrupt(format!("praise kind {kind:?}")))?;
        found
            .entry(PostId(post))
            .or_insert_with(|| Shown {
                kind,
                recipients: Vec::new(),
            })
            .recipients
            .push((UserId(user), name, handle));
    }
    Ok(found)
}

/// The people a praise post thanks.
pub async fn recipients_of(db: &mut Conn, post: PostId) -> Result<Vec<UserId>, StoreError> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT user_id FROM praise_recipients WHERE post_id = $1 ORDER BY user_id",
    )
    .bind(post.0)
    .fetch_all(db)
    .await?;
    Ok(ids.into_iter().map(UserId).collect())
}

/// The managers of the people a praise post thanks, each once.
pub async fn managers_of(db: &mut Conn, post: PostId) -> Result<Vec<UserId>, StoreError> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT DISTINCT u.manager_id FROM praise_recipients r JOIN users u ON u.id = r.user_id \
         WHERE r.post_id = $1 AND u.manager_id IS NOT NULL ORDER BY u.manager_id",
    )
    .bind(post.0)
    .fetch_all(db)
    .await?;
    Ok(ids.into_iter().map(UserId).collect())
}

/// Of these people, those whose account in the network may be used at `now`: active,
/// or suspended until a time that has passed.
pub async fn active_among(
    db: &mut Conn,
    network: NetworkId,
    people: &[UserId],
    now: hearth_domain::Millis,
) -> Result<Vec<UserId>, StoreError> {
    if people.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT id FROM users WHERE network_id = $1 \
         AND (status = 'active' OR (status = 'suspended' AND suspended_until <= $2)) \
         AND id IN ({})",
        placeholders(3, people.len())
    );
    let mut query = sqlx::query_scalar::<_, i64>(&sql).bind(network.0).bind(now);
    for person in people {
        query = query.bind(person.0);
    }
    Ok(query.fetch_all(db).await?.into_iter().map(UserId).collect())
}

/// How many praise posts of each kind the person received, among those the reader
/// may read; a hidden or held one counts for nobody, moderators included.
pub async fn received_counts(
    db: &mut Conn,
    reader: Reader,
    person: UserId,
) -> Result<Vec<(PraiseKind, i64)>, StoreError> {
    let rows: Vec<(String, i64)> = sqlx::query_as(&format!(
        "SELECT pr.kind, COUNT(*) FROM praise_recipients r \
         JOIN praise pr ON pr.post_id = r.post_id JOIN posts p ON p.id = r.post_id \
         WHERE r.user_id = $4 AND p.moderation = 'visible' AND {} GROUP BY pr.kind",
        visible("p")
    ))
    .bind(reader.network.0)
    .bind(reader.user.0)
    .bind(i64::from(reader.is_network_admin))
    .bind(person.0)
    .fetch_all(db)
    .await?;
    let mut counts: Vec<(PraiseKind, i64)> = PraiseKind::ALL.iter().map(|k| (*k, 0)).collect();
    for (kind, count) in rows {
        if let Some(slot) = counts.iter_mut().find(|(k, _)| k.as_str() == kind) {
            slot.1 = count;
        }
    }
    Ok(counts)
}

/// Whether the network tells the managers of the people praised.
pub async fn tells_managers(db: &mut Conn, network: NetworkId) -> Result<bool, StoreError> {
    let on: i64 = sqlx::query_scalar("SELECT praise_tells_managers FROM networks WHERE id = $1")
        .bind(network.0)
        .fetch_one(db)
        .await?;
    Ok(on == 1)
}

pub async fn set_tells_managers(
    db: &mut Conn,
    network: NetworkId,
    on: bool,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE networks SET praise_tells_managers = $1 WHERE id = $2")
        .bind(i64::from(on))
        .bind(network.0)
        .execute(db)
        .await?;
    Ok(())
}
