//! What deactivating and deleting an account changes beyond the `users` row: its
//! credentials, and for a deletion, every trace of the person's name.

use crate::{Conn, StoreError};
use hearth_domain::{Millis, NetworkId, Role, UserId};

/// Deletes every API token of a user; answers how many there were.
pub async fn delete_tokens(db: &mut Conn, user: UserId) -> Result<u64, StoreError> {
    Ok(sqlx::query("DELETE FROM api_tokens WHERE user_id = $1")
        .bind(user.0)
        .execute(db)
        .await?
        .rows_affected())
}

/// Active accounts of the network holding `role`, suspended ones whose suspension has
/// ended included.
pub async fn count_usable_with_role(
    db: &mut Conn,
    network: NetworkId,
    role: Role,
    now: Millis,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM users WHERE network_id = $1 AND role = $2 \
         AND (status = 'active' OR (status = 'suspended' AND suspended_until <= $3))",
    )
    .bind(network.0)
    .bind(role.as_str())
    .bind(now)
    .fetch_one(db)
    .await?)
}

pub async fn set_role(
    db: &mut Conn,
    user: UserId,
    role: Role,
    now: Millis,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE users SET role = $1, updated_at = $2 WHERE id = $3")
        .bind(role.as_str())
        .bind(now)
        .bind(user.0)
        .execute(db)
        .await?;
    Ok(())
}

/// Replaces everything that names a deleted person on their account and profile, and
/// removes their place in others' lists (follows, communities, reporting lines).
pub async fn anonymize(db: &mut Conn, user: UserId, now: Millis) -> Result<(), StoreError> {
    let placeholder = format!("deleted-{}", user.0);
    sqlx::query(
        "UPDATE users SET email = $1, display_name = 'Deleted user', name_key = 'deleted user', \
         handle = $2, password_hash = NULL, job_title = '', department = '', location = '', \
         about = '', manager_id = NULL, status = 'deleted', suspended_until = NULL, \
         scim_user_name = NULL, scim_user_name_key = NULL, updated_at = $3 WHERE id = $4",
    )
    .bind(format!("{placeholder}@deleted.invalid"))
    .bind(&placeholder)
    .bind(now)
    .bind(user.0)
    .execute(&mut *db)
    .await?;
    for statement in [
        "UPDATE users SET manager_id = NULL WHERE manager_id = $1",
        "DELETE FROM follows WHERE follower_id = $1 OR followee_id = $1",
        "DELETE FROM community_members WHERE user_id = $1",
        "DELETE FROM announcement_reads WHERE user_id = $1",
        // Their unpublished articles were theirs alone; what they follow and who
        // follows them, their feed key and their place among chosen authors go too.
        // Published articles go with their posts.
        "DELETE FROM articles WHERE author_id = $1 AND status <> 'published'",
        "DELETE FROM article_subscriptions WHERE user_id = $1 \
         OR (following = 'author' AND target_id = $1)",
        "DELETE FROM article_authors WHERE user_id = $1",
        "DELETE FROM feed_keys WHERE user_id = $1",
    ] {
        sqlx::query(statement)
            .bind(user.0)
            .execute(&mut *db)
            .await?;
    }
    Ok(())
}

/// Soft-deletes every post and reply the person wrote; answers how many.
pub async fn remove_posts_by(db: &mut Conn, user: UserId, now: Millis) -> Result<u64, StoreError> {
    Ok(sqlx::query(
        "UPDATE posts SET deleted_at = $1, deleted_by = $2 WHERE author_id = $2 AND deleted_at IS NULL",
    )
    .bind(now)
    .bind(user.0)
    .execute(db)
    .await?
    .rows_affected())
}

/// Soft-deletes every chat message the person wrote; answers how many.
pub async fn remove_messages_by(
    db: &mut Conn,
    user: UserId,
    now: Millis,
) -> Result<u64, StoreError> {
    Ok(sqlx::query(
        "UPDATE messages SET deleted_at = $1 WHERE author_id = $2 AND deleted_at IS NULL",
    )
    .bind(now)
    .bind(user.0)
    .execute(db)
    .await?
    .rows_affected())
}

/// A post that mentions someone, with the handles of everyone else it mentions.
#[derive(Debug, Clone)]
pub struct Mentioning {
    pub post_id: i64,
    pub body_markdown: String,
    pub other_handles: Vec<String>,
}

/// The posts that mention this person.
pub async fn posts_mentioning(db: &mut Conn, user: UserId) -> Result<Vec<Mentioning>, StoreError> {
    let posts: Vec<(i64, String)> = sqlx::query_as(
        "SELECT p.id, p.body_markdown FROM post_mentions m JOIN posts p ON p.id = m.post_id \
         WHERE m.user_id = $1 ORDER BY p.id",
    )
    .bind(user.0)
    .fetch_all(&mut *db)
    .await?;
    let mut found = Vec::with_capacity(posts.len());
    for (post_id, body_markdown) in posts {
        let other_handles = sqlx::query_scalar(
            "SELECT u.handle FROM post_mentions m JOIN users u ON u.id = m.user_id \
             WHERE m.post_id = $1 AND m.user_id <> $2 AND u.handle IS NOT NULL",
        )
        .bind(post_id)
        .bind(user.0)
        .fetch_all(&mut *db)
        .await?;
        found.push(Mentioning {
            post_id,
            body_markdown,
            other_handles,
        });
    }
    Ok(found)
}

/// Rewrites a post without the mention, and forgets the mention and the earlier
/// versions that still hold it.
pub async fn replace_mentioning_body(
    db: &mut Conn,
    post: i64,
    user: UserId,
    body_markdown: &str,
    body_html: &str,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE posts SET body_markdown = $1, body_html = $2 WHERE id = $3")
        .bind(body_markdown)
        .bind(body_html)
        .bind(post)
        .execute(&mut *db)
        .await?;
    sqlx::query("DELETE FROM post_mentions WHERE post_id = $1 AND user_id = $2")
        .bind(post)
        .bind(user.0)
        .execute(&mut *db)
        .await?;
    sqlx::query("DELETE FROM post_versions WHERE post_id = $1")
        .bind(post)
        .execute(&mut *db)
        .await?;
    Ok(())
}

/// One account as the console lists it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AccountRow {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub handle: Option<String>,
    pub role: String,
    pub status: String,
    pub suspended_until: Option<i64>,
    pub created_at: i64,
}

/// A page of the network's accounts in id order after `after`, optionally only those
/// with `status`, or whose name or e-mail contains `text` (lowercase).
pub async fn accounts(
    db: &mut Conn,
    network: NetworkId,
    status: Option<&str>,
    text: Option<&str>,
    after: i64,
    limit: i64,
) -> Result<Vec<AccountRow>, StoreError> {
    let pattern = text.map(|t| format!("%{}%", t.replace(['%', '_'], "")));
    Ok(sqlx::query_as::<_, AccountRow>(
        "SELECT id, email, display_name, handle, role, status, suspended_until, created_at \
         FROM users WHERE network_id = $1 AND id > $2 AND ($3 = '' OR status = $3) \
         AND ($4 = '' OR name_key LIKE $4 OR LOWER(email) LIKE $4) ORDER BY id LIMIT $5",
    )
    .bind(network.0)
    .bind(after)
    .bind(status.unwrap_or(""))
    .bind(pattern.unwrap_or_default())
    .bind(limit)
    .fetch_all(db)
    .await?)
}
