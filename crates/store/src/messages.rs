//! The `messages` table: what is written in chat conversations. Deleting is soft
//! (`deleted_at`): a deleted message keeps its place in the history, and the use case
//! shows it without its text.

use crate::{Conn, StoreError};
use hearth_domain::{ConversationId, Message, MessageId, Millis, NetworkId, UploadId, UserId};

pub(crate) const COLUMNS: &str = "x.id, x.conversation_id, x.author_id, x.body_markdown, x.body_html, \
    x.created_at, x.edited_at, x.deleted_at";

#[derive(sqlx::FromRow)]
pub(crate) struct MessageRow {
    id: i64,
    conversation_id: i64,
    author_id: i64,
    body_markdown: String,
    body_html: String,
    created_at: i64,
    edited_at: Option<i64>,
    deleted_at: Option<i64>,
}

impl From<MessageRow> for Message {
    fn from(row: MessageRow) -> Self {
        Message {
            id: MessageId(row.id),
            conversation_id: ConversationId(row.conversation_id),
            author_id: UserId(row.author_id),
            body_markdown: row.body_markdown,
            body_html: row.body_html,
            created_at: row.created_at,
            edited_at: row.edited_at,
            deleted_at: row.deleted_at,
        }
    }
}

pub async fn insert(db: &mut Conn, message: &Message) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO messages (id, conversation_id, author_id, body_markdown, body_html, \
         created_at, edited_at, deleted_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(message.id.0)
    .bind(message.conversation_id.0)
    .bind(message.author_id.0)
    .bind(&message.body_markdown)
    .bind(&message.body_html)
    .bind(message.created_at)
    .bind(message.edited_at)
    .bind(message.deleted_at)
    .execute(db)
    .await?;
    Ok(())
}

/// A message of a conversation of the network, deleted or not; the caller applies
/// the policy.
pub async fn get(
    db: &mut Conn,
    network: NetworkId,
    id: MessageId,
) -> Result<Option<Message>, StoreError> {
    Ok(sqlx::query_as::<_, MessageRow>(&format!(
        "SELECT {COLUMNS} FROM messages x JOIN conversations c ON c.id = x.conversation_id \
         WHERE x.id = $2 AND c.network_id = $1"
    ))
    .bind(network.0)
    .bind(id.0)
    .fetch_optional(db)
    .await?
    .map(Message::from))
}

/// Replaces a message's text.
pub async fn edit(
    db: &mut Conn,
    id: MessageId,
    markdown: &str,
    html: &str,
    now: Millis,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE messages SET body_markdown = $1, body_html = $2, edited_at = $3 WHERE id = $4",
    )
    .bind(markdown)
    .bind(html)
    .bind(now)
    .bind(id.0)
    .execute(db)
    .await?;
    Ok(())
}

/// Marks a message deleted; answers whether it was not already.
pub async fn soft_delete(db: &mut Conn, id: MessageId, now: Millis) -> Result<bool, StoreError> {
    let done =
        sqlx::query("UPDATE messages SET deleted_at = $1 WHERE id = $2 AND deleted_at IS NULL")
            .bind(now)
            .bind(id.0)
            .execute(db)
            .await?;
    Ok(done.rows_affected() > 0)
}

/// A message of the history with its author's name and handle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authored {
    pub message: Message,
    pub author_name: String,
    pub author_handle: String,
    pub author_photo: Option<UploadId>,
    /// The author is a guest from outside the company.
    pub author_guest: bool,
}

/// Whether a message's author (`u`) is a guest.
const AUTHOR_GUEST: &str = crate::guests::is_guest!("u.id");

/// The SQL of a history page: `$1` the conversation, `$2` the cursor (`i64::MAX` for
/// the first page), `$3` the page size. It seeks straight to the cursor on
/// `messages_conversation_id`, so a page costs the same however far back it is.
pub fn history_sql() -> String {
    format!(
        "SELECT {COLUMNS}, u.display_name AS author_name, u.handle AS author_handle, \
         u.photo_upload_id AS author_photo, {AUTHOR_GUEST} AS author_guest \
         FROM messages x JOIN users u ON u.id = x.author_id \
         WHERE x.conversation_id = $1 AND x.id < $2 ORDER BY x.id DESC LIMIT $3"
    )
}

#[derive(sqlx::FromRow)]
struct AuthoredRow {
    #[sqlx(flatten)]
    message: MessageRow,
    author_name: String,
    author_handle: Option<String>,
    author_photo: Option<i64>,
    author_guest: i64,
}

impl From<AuthoredRow> for Authored {
    fn from(row: AuthoredRow) -> Self {
        let message = Message::from(row.message);
        Authored {
            author_handle: row
                .author_handle
                .unwrap_or_else(|| format!("user{}", message.author_id)),
            author_name: row.author_name,
            author_photo: row.author_photo.map(UploadId),
            author_guest: row.author_guest != 0,
            message,
        }
    }
}

/// A page of a conversation's messages, deleted ones included, newest first, strictly
/// older than `before`.
pub async fn history(
    db: &mut Conn,
    conversation: ConversationId,
    before: Option<MessageId>,
    limit: i64,
) -> Result<Vec<Authored>, StoreError> {
    let rows = sqlx::query_as::<_, AuthoredRow>(&history_sql())
        .bind(conversation.0)
        .bind(before.map_or(i64::MAX, |b| b.0))
        .bind(limit)
        .fetch_all(db)
        .await?;
    Ok(rows.into_iter().map(Authored::from).collect())
}

/// How many ids one `IN (…)` binds: far below either backend's limit on parameters.
const IDS_PER_QUERY: usize = 500;

/// These messages of the network as they are now, deleted ones included, with their
/// authors; ids that name no message of the network are left out. Any number of ids.
pub async fn authored_by_ids(
    db: &mut Conn,
    network: NetworkId,
    ids: &[MessageId],
) -> Result<Vec<Authored>, StoreError> {
    let mut found = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(IDS_PER_QUERY) {
        let sql = format!(
            "SELECT {COLUMNS}, u.display_name AS author_name, u.handle AS author_handle, \
             u.photo_upload_id AS author_photo, {AUTHOR_GUEST} AS author_guest \
             FROM messages x JOIN users u ON u.id = x.author_id \
             JOIN conversations c ON c.id = x.conversation_id \
             WHERE c.network_id = $1 AND x.id IN ({})",
            crate::placeholders(2, chunk.len())
        );
        let mut query = sqlx::query_as::<_, AuthoredRow>(&sql)
            .persistent(crate::keep_prepared(chunk.len()))
            .bind(network.0);
        for id in chunk {
            query = query.bind(id.0);
        }
        found.extend(
            query
                .fetch_all(&mut *db)
                .await?
                .into_iter()
                .map(Authored::from),
        );
    }
    Ok(found)
}

/// A message's author as shown with it.
pub async fn author(db: &mut Conn, user: UserId) -> Result<crate::posts::Author, StoreError> {
    let row: Option<(String, Option<String>, Option<i64>, i64)> = sqlx::query_as(concat!(
        "SELECT display_name, handle, photo_upload_id, ",
        crate::guests::is_guest!("users.id"),
        " FROM users WHERE id = $1"
    ))
    .bind(user.0)
    .fetch_optional(db)
    .await?;
    Ok(row
        .map(|(name, handle, photo, guest)| crate::posts::Author {
            name,
            handle: handle.unwrap_or_else(|| format!("user{user}")),
            former: false,
            photo: photo.map(UploadId),
            guest: guest != 0,
        })
        .unwrap_or_default())
}
