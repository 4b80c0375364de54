//! The `uploads`, `upload_renditions` and `blobs` tables: files people uploaded, the
//! forms Hearth stored of each, and the content those forms point at. A blob row
//! exists while some rendition refers to it, and for a grace period after.

use crate::{Conn, StoreError, placeholders};
use hearth_domain::upload::{AttachedTo, Purpose, Upload, Variant};
use hearth_domain::{CommunityId, MessageId, Millis, NetworkId, PostId, UploadId, UserId};
use std::collections::HashMap;

/// One stored form of an upload, as written when the upload arrives.
#[derive(Debug, Clone)]
pub struct NewRendition {
    pub variant: Variant,
    pub blob_key: String,
    pub content_type: String,
    pub dimensions: Option<(i64, i64)>,
    pub size: i64,
}

/// Where the bytes of one form of an upload are.
#[derive(Debug, Clone)]
pub struct StoredRendition {
    pub blob_key: String,
    pub content_type: String,
    pub size: i64,
}

const COLUMNS: &str = "u.id, u.network_id, u.owner_id, u.purpose, u.name, u.content_type, u.size, \
    u.width, u.height, u.animated, u.alt_text, u.created_at, u.post_id, u.message_id";

#[derive(sqlx::FromRow)]
struct UploadRow {
    id: i64,
    network_id: i64,
    owner_id: i64,
    purpose: String,
    name: String,
    content_type: String,
    size: i64,
    width: Option<i64>,
    height: Option<i64>,
    animated: i64,
    alt_text: Option<String>,
    created_at: i64,
    post_id: Option<i64>,
    message_id: Option<i64>,
}

impl UploadRow {
    fn into_upload(self, variants: Vec<Variant>) -> Upload {
        let attached_to = match (self.post_id, self.message_id) {
            (Some(post), _) => AttachedTo::Post(PostId(post)),
            (None, Some(message)) => AttachedTo::Message(MessageId(message)),
            (None, None) => AttachedTo::Nothing,
        };
        Upload {
            id: UploadId(self.id),
            network_id: NetworkId(self.network_id),
            owner_id: UserId(self.owner_id),
            purpose: Purpose::parse(&self.purpose).unwrap_or(Purpose::Attachment),
            name: self.name,
            content_type: self.content_type,
            size: self.size,
            dimensions: self.width.zip(self.height),
            animated: self.animated != 0,
            alt_text: self.alt_text,
            created_at: self.created_at,
            attached_to,
            variants,
        }
    }
}

/// Records that an upload refers to this content now, so the sweeper leaves it be.
pub async fn touch_blob(
    db: &mut Conn,
    key: &str,
    size: i64,
    now: Millis,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO blobs (key, size, touched_at) VALUES ($1, $2, $3) \
         ON CONFLICT (key) DO UPDATE SET touched_at = excluded.touched_at",
    )
    .bind(key)
    .bind(size)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

/// Writes a new upload and its renditions; their blobs must be touched first.
pub async fn insert(
    db: &mut Conn,
    upload: &Upload,
    renditions: &[NewRendition],
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO uploads (id, network_id, owner_id, purpose, name, content_type, size, \
         width, height, animated, alt_text, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(upload.id.0)
    .bind(upload.network_id.0)
    .bind(upload.owner_id.0)
    .bind(upload.purpose.as_str())
    .bind(&upload.name)
    .bind(&upload.content_type)
    .bind(upload.size)
    .bind(upload.dimensions.map(|(w, _)| w))
    .bind(upload.dimensions.map(|(_, h)| h))
    .bind(i64::from(upload.animated))
    .bind(&upload.alt_text)
    .bind(upload.created_at)
    .execute(&mut *db)
    .await?;
    for rendition in renditions {
        sqlx::query(
            "INSERT INTO upload_renditions (upload_id, variant, blob_key, content_type, width, \
             height, size) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(upload.id.0)
        .bind(rendition.variant.as_str())
        .bind(&rendition.blob_key)
        .bind(&rendition.content_type)
        .bind(rendition.dimensions.map(|(w, _)| w))
        .bind(rendition.dimensions.map(|(_, h)| h))
        .bind(rendition.size)
        .execute(&mut *db)
        .await?;
    }
    Ok(())
}

/// The variants stored for each of these uploads, `original` first.
async fn variants_of(db: &mut Conn, ids: &[i64]) -> Result<HashMap<i64, Vec<Variant>>, StoreError> {
    let mut out: HashMap<i64, Vec<Variant>> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let sql = format!(
        "SELECT upload_id, variant FROM upload_renditions WHERE upload_id IN ({})",
        placeholders(1, ids.len())
    );
    let mut query =
        sqlx::query_as::<_, (i64, String)>(&sql).persistent(crate::keep_prepared(ids.len()));
    for id in ids {
        query = query.bind(*id);
    }
    for (id, variant) in query.fetch_all(db).await? {
        if let Some(variant) = Variant::parse(&variant) {
            out.entry(id).or_default().push(variant);
        }
    }
    for variants in out.values_mut() {
        variants.sort_by_key(|v| *v != Variant::Original);
    }
    Ok(out)
}

async fn complete(db: &mut Conn, rows: Vec<UploadRow>) -> Result<Vec<Upload>, StoreError> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut variants = variants_of(db, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let of_row = variants.remove(&row.id).unwrap_or_default();
            row.into_upload(of_row)
        })
        .collect())
}

/// An upload of the network; the caller decides who may see it.
pub async fn get(
    db: &mut Conn,
    network: NetworkId,
    id: UploadId,
) -> Result<Option<Upload>, StoreError> {
    let row = sqlx::query_as::<_, UploadRow>(&format!(
        "SELECT {COLUMNS} FROM uploads u WHERE u.id = $1 AND u.network_id = $2"
    ))
    .bind(id.0)
    .bind(network.0)
    .fetch_optional(&mut *db)
    .await?;
    Ok(match row {
        Some(row) => complete(db, vec![row]).await?.pop(),
        None => None,
    })
}

/// These uploads, of the network, in no particular order; missing ones are left out.
pub async fn get_many(
    db: &mut Conn,
    network: NetworkId,
    ids: &[UploadId],
) -> Result<Vec<Upload>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT {COLUMNS} FROM uploads u WHERE u.network_id = $1 AND u.id IN ({})",
        placeholders(2, ids.len())
    );
    let mut query = sqlx::query_as::<_, UploadRow>(&sql)
        .persistent(crate::keep_prepared(ids.len()))
        .bind(network.0);
    for id in ids {
        query = query.bind(id.0);
    }
    let rows = query.fetch_all(&mut *db).await?;
    complete(db, rows).await
}

/// Where the bytes of one variant of an upload are.
pub async fn rendition(
    db: &mut Conn,
    id: UploadId,
    variant: Variant,
) -> Result<Option<StoredRendition>, StoreError> {
    let row = sqlx::query_as::<_, (String, String, i64)>(
        "SELECT blob_key, content_type, size FROM upload_renditions \
         WHERE upload_id = $1 AND variant = $2",
    )
    .bind(id.0)
    .bind(variant.as_str())
    .fetch_optional(db)
    .await?;
    Ok(row.map(|(blob_key, content_type, size)| StoredRendition {
        blob_key,
        content_type,
        size,
    }))
}

/// Bytes this person's uploads take, the sum their quota limits.
pub async fn bytes_used(db: &mut Conn, owner: UserId) -> Result<i64, StoreError> {
    let (total,) = sqlx::query_as::<_, (Option<i64>,)>(
        "SELECT CAST(SUM(size) AS BIGINT) FROM uploads WHERE owner_id = $1",
    )
    .bind(owner.0)
    .fetch_one(db)
    .await?;
    Ok(total.unwrap_or(0))
}

/// What an attachment goes on.
#[derive(Debug, Clone, Copy)]
pub enum Target {
    Post(PostId),
    Message(MessageId),
}

/// Attaches the owner's unattached uploads to a post or message, in the order given,
/// in one statement. Answers how many were attached: fewer than asked means one was
/// not the owner's or was attached meanwhile, and the caller rolls back.
pub async fn attach(
    db: &mut Conn,
    owner: UserId,
    target: Target,
    ids: &[UploadId],
) -> Result<u64, StoreError> {
    if ids.is_empty() {
        return Ok(0);
    }
    let (column, target_id) = match target {
        Target::Post(post) => ("post_id", post.0),
        Target::Message(message) => ("message_id", message.0),
    };
    // $1 target, $2 owner, then the ids twice: once for the positions, once to match.
    let n = ids.len();
    let positions: String = (0..n)
        .map(|i| format!(" WHEN ${} THEN {i}", i + 3))
        .collect();
    let sql = format!(
        "UPDATE uploads SET {column} = $1, position = CASE id{positions} END \
         WHERE owner_id = $2 AND purpose = 'attachment' AND post_id IS NULL \
         AND message_id IS NULL AND id IN ({})",
        placeholders(3 + n, n)
    );
    let mut query = sqlx::query(&sql)
        .persistent(crate::keep_prepared(n))
        .bind(target_id)
        .bind(owner.0);
    for id in ids.iter().chain(ids) {
        query = query.bind(id.0);
    }
    Ok(query.execute(db).await?.rows_affected())
}

/// The attachments of these posts or messages, in their order on each.
pub async fn attached(
    db: &mut Conn,
    targets: &[Target],
) -> Result<
    (
        HashMap<PostId, Vec<Upload>>,
        HashMap<MessageId, Vec<Upload>>,
    ),
    StoreError,
> {
    let posts: Vec<i64> = targets
        .iter()
        .filter_map(|t| match t {
            Target::Post(id) => Some(id.0),
            Target::Message(_) => None,
        })
        .collect();
    let messages: Vec<i64> = targets
        .iter()
        .filter_map(|t| match t {
            Target::Message(id) => Some(id.0),
            Target::Post(_) => None,
        })
        .collect();
    let mut rows = Vec::new();
    for (column, ids) in [("post_id", &posts), ("message_id", &messages)] {
        if ids.is_empty() {
            continue;
        }
        let sql = format!(
            "SELECT {COLUMNS} FROM uploads u WHERE u.{column} IN ({}) ORDER BY u.position, u.id",
            placeholders(1, ids.len())
        );
        let mut query =
            sqlx::query_as::<_, UploadRow>(&sql).persistent(crate::keep_prepared(ids.len()));
        for id in ids.iter() {
            query = query.bind(*id);
        }
        rows.extend(query.fetch_all(&mut *db).await?);
    }
    let mut on_posts: HashMap<PostId, Vec<Upload>> = HashMap::new();
    let mut on_messages: HashMap<MessageId, Vec<Upload>> = HashMap::new();
    for upload in complete(db, rows).await? {
        match upload.attached_to {
            AttachedTo::Post(post) => on_posts.entry(post).or_default().push(upload),
            AttachedTo::Message(message) => on_messages.entry(message).or_default().push(upload),
            AttachedTo::Nothing => {}
        }
    }
    Ok((on_posts, on_messages))
}

/// The uploads whose rows go in `where_clause` (over `uploads u`, binding `$1`):
/// their renditions, then themselves. Their blobs stay for the sweeper.
async fn delete_where(db: &mut Conn, where_clause: &str, bind: i64) -> Result<u64, StoreError> {
    // An article whose cover goes keeps its words and loses only the picture.
    sqlx::query(&format!(
        "UPDATE articles SET cover_id = NULL \
         WHERE cover_id IN (SELECT u.id FROM uploads u WHERE {where_clause})"
    ))
    .bind(bind)
    .execute(&mut *db)
    .await?;
    sqlx::query(&format!(
        "DELETE FROM upload_renditions WHERE upload_id IN (SELECT u.id FROM uploads u WHERE {where_clause})"
    ))
    .bind(bind)
    .execute(&mut *db)
    .await?;
    Ok(sqlx::query(&format!(
        "DELETE FROM uploads WHERE id IN (SELECT u.id FROM uploads u WHERE {where_clause})"
    ))
    .bind(bind)
    .execute(db)
    .await?
    .rows_affected())
}

/// Removes the files of a post (when it is deleted).
pub async fn delete_of_post(db: &mut Conn, post: PostId) -> Result<u64, StoreError> {
    delete_where(db, "u.post_id = $1", post.0).await
}

/// Removes the files of a message (when it is deleted).
pub async fn delete_of_message(db: &mut Conn, message: MessageId) -> Result<u64, StoreError> {
    delete_where(db, "u.message_id = $1", message.0).await
}

/// Removes every attachment a person uploaded (their content is removed with their
/// account). Their picture goes too: the account is anonymized.
pub async fn delete_of_owner(db: &mut Conn, owner: UserId) -> Result<u64, StoreError> {
    clear_photo(db, owner).await?;
    delete_where(db, "u.owner_id = $1 AND u.purpose <> 'cover'", owner.0).await
}

/// Removes uploads nobody attached or set as a picture since `before`.
pub async fn delete_unattached(db: &mut Conn, before: Millis) -> Result<u64, StoreError> {
    delete_where(
        db,
        "u.created_at < $1 AND u.post_id IS NULL AND u.message_id IS NULL \
         AND NOT EXISTS (SELECT 1 FROM users p WHERE p.photo_upload_id = u.id) \
         AND NOT EXISTS (SELECT 1 FROM communities c WHERE c.cover_upload_id = u.id) \
         AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.cover_id = u.id) \
         AND NOT EXISTS (SELECT 1 FROM article_files f WHERE f.upload_id = u.id)",
        before,
    )
    .await
}

/// Content no rendition refers to and no upload touched since `before`: the sweeper
/// deletes it from storage, then forgets it with [`forget_blob`].
pub async fn unreferenced_blobs(
    db: &mut Conn,
    before: Millis,
    limit: i64,
) -> Result<Vec<String>, StoreError> {
    let rows = sqlx::query_as::<_, (String,)>(
        "SELECT b.key FROM blobs b WHERE b.touched_at < $1 \
         AND NOT EXISTS (SELECT 1 FROM upload_renditions r WHERE r.blob_key = b.key) \
         ORDER BY b.touched_at LIMIT $2",
    )
    .bind(before)
    .bind(limit)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|(key,)| key).collect())
}

/// Forgets content the sweeper deleted, unless an upload touched it meanwhile.
pub async fn forget_blob(db: &mut Conn, key: &str, before: Millis) -> Result<bool, StoreError> {
    Ok(sqlx::query(
        "DELETE FROM blobs WHERE key = $1 AND touched_at < $2 \
         AND NOT EXISTS (SELECT 1 FROM upload_renditions r WHERE r.blob_key = blobs.key)",
    )
    .bind(key)
    .bind(before)
    .execute(db)
    .await?
    .rows_affected()
        > 0)
}

/// Whether this upload is someone's profile photo.
pub async fn is_photo(db: &mut Conn, id: UploadId) -> Result<bool, StoreError> {
    Ok(
        sqlx::query_as::<_, (i64,)>("SELECT id FROM users WHERE photo_upload_id = $1 LIMIT 1")
            .bind(id.0)
            .fetch_optional(db)
            .await?
            .is_some(),
    )
}

/// The community whose cover this upload is.
pub async fn cover_of(db: &mut Conn, id: UploadId) -> Result<Option<CommunityId>, StoreError> {
    Ok(
        sqlx::query_as::<_, (i64,)>(
            "SELECT id FROM communities WHERE cover_upload_id = $1 LIMIT 1",
        )
        .bind(id.0)
        .fetch_optional(db)
        .await?
        .map(|(id,)| CommunityId(id)),
    )
}

/// Takes a person's photo down; the upload is swept with the unattached ones.
pub async fn clear_photo(db: &mut Conn, user: UserId) -> Result<(), StoreError> {
    sqlx::query("UPDATE users SET photo_upload_id = NULL WHERE id = $1")
        .bind(user.0)
        .execute(db)
        .await?;
    Ok(())
}

/// Sets a person's photo to one of their avatar uploads.
pub async fn set_photo(db: &mut Conn, user: UserId, upload: UploadId) -> Result<(), StoreError> {
    sqlx::query("UPDATE users SET photo_upload_id = $1 WHERE id = $2")
        .bind(upload.0)
        .bind(user.0)
        .execute(db)
        .await?;
    Ok(())
}

/// Sets or clears a community's cover image.
pub async fn set_cover(
    db: &mut Conn,
    community: CommunityId,
    upload: Option<UploadId>,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE communities SET cover_upload_id = $1 WHERE id = $2")
        .bind(upload.map(|u| u.0))
        .bind(community.0)
        .execute(db)
        .await?;
    Ok(())
}

/// The photo of each of these people of the network who has one.
pub async fn photos(
    db: &mut Conn,
    network: NetworkId,
    users: &[UserId],
) -> Result<HashMap<UserId, UploadId>, StoreError> {
    if users.is_empty() {
        return Ok(HashMap::new());
    }
    let sql = format!(
        "SELECT id, photo_upload_id FROM users WHERE network_id = $1 \
         AND photo_upload_id IS NOT NULL AND id IN ({})",
        placeholders(2, users.len())
    );
    let mut query = sqlx::query_as::<_, (i64, i64)>(&sql)
        .persistent(crate::keep_prepared(users.len()))
        .bind(network.0);
    for user in users {
        query = query.bind(user.0);
    }
    Ok(query
        .fetch_all(db)
        .await?
        .into_iter()
        .map(|(user, upload)| (UserId(user), UploadId(upload)))
        .collect())
}

pub async fn set_alt_text(
    db: &mut Conn,
    id: UploadId,
    alt_text: Option<&str>,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE uploads SET alt_text = $1 WHERE id = $2")
        .bind(alt_text)
        .bind(id.0)
        .execute(db)
        .await?;
    Ok(())
}

/// The names of the files on top-level posts written in `[since, until)`, by post,
/// in their order: what a digest lists beside each post.
pub async fn names_on_posts_between(
    db: &mut Conn,
    since: Millis,
    until: Millis,
) -> Result<HashMap<i64, Vec<String>>, StoreError> {
    let rows = sqlx::query_as::<_, (i64, String)>(
        "SELECT u.post_id, u.name FROM uploads u JOIN posts p ON p.id = u.post_id \
         WHERE p.root_id IS NULL AND p.created_at >= $1 AND p.created_at < $2 \
         ORDER BY u.post_id, u.position",
    )
    .bind(since)
    .bind(until)
    .fetch_all(db)
    .await?;
    let mut out: HashMap<i64, Vec<String>> = HashMap::new();
    for (post, name) in rows {
        out.entry(post).or_default().push(name);
    }
    Ok(out)
}
