//! The uploads an article's body shows or links (migration 0030): kept for an
//! unpublished article, then attached to the post that publishes it.

use crate::{Conn, StoreError, keep_prepared, placeholders};
use hearth_domain::{ArticleId, PostId, UploadId, UserId};

/// Which of `named` the article keeps from now on: those of them that are the
/// author's own files attached nowhere. The rest of what the body names (someone
/// else's file, one already on a post) stays an ordinary link that each reader may
/// or may not open.
pub async fn keep(
    db: &mut Conn,
    article: ArticleId,
    author: UserId,
    named: &[UploadId],
) -> Result<(), StoreError> {
    let released = if named.is_empty() {
        "DELETE FROM article_files WHERE article_id = $1".to_owned()
    } else {
        format!(
            "DELETE FROM article_files WHERE article_id = $1 AND upload_id NOT IN ({})",
            placeholders(2, named.len())
        )
    };
    let mut query = sqlx::query(&released)
        .persistent(keep_prepared(named.len()))
        .bind(article.0);
    for id in named {
        query = query.bind(id.0);
    }
    query.execute(&mut *db).await?;
    if named.is_empty() {
        return Ok(());
    }
    let taken = format!(
        "INSERT INTO article_files (article_id, upload_id) \
         SELECT $1, u.id FROM uploads u \
         WHERE u.id IN ({}) AND u.owner_id = $2 AND u.purpose = 'attachment' \
         AND u.post_id IS NULL AND u.message_id IS NULL \
         ON CONFLICT DO NOTHING",
        placeholders(3, named.len())
    );
    let mut query = sqlx::query(&taken)
        .persistent(keep_prepared(named.len()))
        .bind(article.0)
        .bind(author.0);
    for id in named {
        query = query.bind(id.0);
    }
    query.execute(db).await?;
    Ok(())
}

/// At publication, in the post's transaction: the files the article kept become
/// its post's, readable by whoever may read it. One another draft of the author's
/// took first stays that one's.
pub async fn attach_kept(
    db: &mut Conn,
    article: ArticleId,
    post: PostId,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE uploads SET post_id = $2 \
         WHERE id IN (SELECT upload_id FROM article_files WHERE article_id = $1) \
         AND post_id IS NULL AND message_id IS NULL",
    )
    .bind(article.0)
    .bind(post.0)
    .execute(&mut *db)
    .await?;
    forget(db, article).await
}

/// After an edit of a published article's body: the author's own files the body
/// now names, attached nowhere and kept by no other article, become its post's.
pub async fn attach_named(
    db: &mut Conn,
    post: PostId,
    author: UserId,
    named: &[UploadId],
) -> Result<(), StoreError> {
    if named.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "UPDATE uploads SET post_id = $1 \
         WHERE id IN ({}) AND owner_id = $2 AND purpose = 'attachment' \
         AND post_id IS NULL AND message_id IS NULL \
         AND NOT EXISTS (SELECT 1 FROM article_files f WHERE f.upload_id = uploads.id) \
         AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.cover_id = uploads.id)",
        placeholders(3, named.len())
    );
    let mut query = sqlx::query(&sql)
        .persistent(keep_prepared(named.len()))
        .bind(post.0)
        .bind(author.0);
    for id in named {
        query = query.bind(id.0);
    }
    query.execute(db).await?;
    Ok(())
}

/// Forgets what an article kept (it is published or deleted); the files themselves
/// stay where they are.
pub async fn forget(db: &mut Conn, article: ArticleId) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM article_files WHERE article_id = $1")
        .bind(article.0)
        .execute(db)
        .await?;
    Ok(())
}

/// The files an unpublished article keeps, by id.
pub async fn kept(db: &mut Conn, article: ArticleId) -> Result<Vec<UploadId>, StoreError> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT upload_id FROM article_files WHERE article_id = $1 ORDER BY upload_id",
    )
    .bind(article.0)
    .fetch_all(db)
    .await?;
    Ok(ids.into_iter().map(UploadId).collect())
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
