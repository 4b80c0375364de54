//! The uploads an article's body names (migration 0030): kept for an unpublished
//! article, then attached to the post that publishes it.

use crate::{Conn, StoreError, keep_prepared, placeholders};
use hearth_domain::{ArticleId, PostId, UploadId, UserId};

/// Of the uploads `alias` names, those `owner` may give an article: their own
/// files, attached nowhere, no article's cover, and kept by no article but
/// `article` (`$1`).
fn free_for(alias: &str) -> String {
    format!(
        "{alias}.owner_id = $2 AND {alias}.purpose = 'attachment' \
         AND {alias}.post_id IS NULL AND {alias}.message_id IS NULL \
         AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.cover_id = {alias}.id) \
         AND NOT EXISTS (SELECT 1 FROM article_files f \
                         WHERE f.upload_id = {alias}.id AND f.article_id <> $1)"
    )
}

/// Keeps for an unpublished article those of `named` that are `author`'s to give
/// (see [`free_for`]). The rest of what the body names (someone else's file, one
/// already on a post) stays an ordinary link that each reader may or may not open.
///
/// A file the body stops naming stays kept until publication or deletion: an
/// autosave made between cutting an image and pasting it back must not hand it to
/// the sweeper.
pub async fn keep(
    db: &mut Conn,
    article: ArticleId,
    author: UserId,
    named: &[UploadId],
) -> Result<(), StoreError> {
    if named.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "INSERT INTO article_files (article_id, upload_id) \
         SELECT $1, u.id FROM uploads u WHERE u.id IN ({}) AND {} \
         ON CONFLICT DO NOTHING",
        placeholders(3, named.len()),
        free_for("u")
    );
    execute_with(db, &sql, &[article.0, author.0], named).await
}

/// At publication, in the post's transaction: the kept files the published body
/// still names become the post's, readable by whoever may read it; the article then
/// keeps nothing, and what it kept unnamed goes with the sweeper.
pub async fn attach_kept(
    db: &mut Conn,
    article: ArticleId,
    post: PostId,
    named: &[UploadId],
) -> Result<(), StoreError> {
    if !named.is_empty() {
        let sql = format!(
            "UPDATE uploads SET post_id = $2 \
             WHERE id IN (SELECT upload_id FROM article_files WHERE article_id = $1) \
             AND id IN ({}) AND post_id IS NULL AND message_id IS NULL",
            placeholders(3, named.len())
        );
        execute_with(db, &sql, &[article.0, post.0], named).await?;
    }
    sqlx::query("DELETE FROM article_files WHERE article_id = $1")
        .bind(article.0)
        .execute(db)
        .await?;
    Ok(())
}

/// After an edit of a published article's body, in its transaction: the post's
/// files are those the body names, besides its cover. The author's own files the
/// body now names (see [`free_for`]) are attached; those it no longer names are
/// detached, so that a file taken out of an article is no longer readable through
/// it (and goes with the sweeper).
pub async fn match_body(
    db: &mut Conn,
    post: PostId,
    author: UserId,
    named: &[UploadId],
) -> Result<(), StoreError> {
    let cover = "SELECT cover_id FROM articles WHERE post_id = $1 AND cover_id IS NOT NULL";
    let detach = if named.is_empty() {
        format!("UPDATE uploads SET post_id = NULL WHERE post_id = $1 AND id NOT IN ({cover})")
    } else {
        format!(
            "UPDATE uploads SET post_id = NULL WHERE post_id = $1 AND id NOT IN ({cover}) \
             AND id NOT IN ({})",
            placeholders(2, named.len())
        )
    };
    execute_with(db, &detach, &[post.0], named).await?;
    if named.is_empty() {
        return Ok(());
    }
    // `$1` is the post here, never an article's id: no kept file is excepted.
    let attach = format!(
        "UPDATE uploads SET post_id = $1 WHERE id IN ({}) AND {}",
        placeholders(3, named.len()),
        free_for("uploads")
    );
    execute_with(db, &attach, &[post.0, author.0], named).await
}

/// Runs `sql` with `leading` bound first, then the ids of its list.
async fn execute_with(
    db: &mut Conn,
    sql: &str,
    leading: &[i64],
    ids: &[UploadId],
) -> Result<(), StoreError> {
    let mut query = sqlx::query(sql).persistent(keep_prepared(ids.len()));
    for value in leading {
        query = query.bind(*value);
    }
    for id in ids {
        query = query.bind(id.0);
    }
    query.execute(db).await?;
    Ok(())
}

/// Whether an upload is kept by an article other than `except`, as a cover or a
/// file of its body: no post, message or other article may take it.
pub async fn is_reserved(
    db: &mut Conn,
    upload: UploadId,
    except: Option<ArticleId>,
) -> Result<bool, StoreError> {
    let except = except.map_or(0, |a| a.0);
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM articles WHERE cover_id = $1 AND id <> $2 \
         UNION ALL SELECT 1 FROM article_files WHERE upload_id = $1 AND article_id <> $2 \
         LIMIT 1",
    )
    .bind(upload.0)
    .bind(except)
    .fetch_optional(db)
    .await?;
    Ok(found.is_some())
}
