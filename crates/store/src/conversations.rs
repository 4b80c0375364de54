//! The `conversations` and `conversation_members` tables: chat conversations, who is
//! in each, and each member's read marker and mute.
//!
//! A conversation is only ever loaded within the reader's network; whether the reader
//! may see it (membership) is the use case's business, through `domain::policy`.

use crate::{Conn, StoreError, placeholders};
use hearth_domain::chat::MemberCard;
use hearth_domain::{
    Conversation, ConversationId, ConversationKind, ConversationMember, Millis, NetworkId, User,
    UserId, UserStatus,
};
use std::collections::HashMap;

const COLUMNS: &str =
    "c.id, c.network_id, c.kind, c.title, c.direct_key, c.created_by, c.created_at";

#[derive(sqlx::FromRow)]
struct ConversationRow {
    id: i64,
    network_id: i64,
    kind: String,
    title: String,
    direct_key: Option<String>,
    created_by: i64,
    created_at: i64,
}

impl TryFrom<ConversationRow> for Conversation {
    type Error = StoreError;

    fn try_from(row: ConversationRow) -> Result<Self, StoreError> {
        Ok(Conversation {
            id: ConversationId(row.id),
            network_id: NetworkId(row.network_id),
            kind: ConversationKind::parse(&row.kind)
                .ok_or_else(|| StoreError::Corrupt(format!("conversation kind {:?}", row.kind)))?,
            title: row.title,
            direct_key: row.direct_key,
            created_by: UserId(row.created_by),
            created_at: row.created_at,
        })
    }
}

#[derive(sqlx::FromRow)]
struct MemberRow {
    conversation_id: i64,
    user_id: i64,
    joined_at: i64,
    last_read_id: i64,
    muted: i64,
}

impl From<MemberRow> for ConversationMember {
    fn from(row: MemberRow) -> Self {
        ConversationMember {
            conversation_id: ConversationId(row.conversation_id),
            user_id: UserId(row.user_id),
            joined_at: row.joined_at,
            last_read_id: row.last_read_id,
            muted: row.muted != 0,
        }
    }
}

/// Writes a new conversation. A second direct conversation for the same pair is a
/// `StoreError::Conflict` (the unique `(network_id, direct_key)`).
pub async fn insert(db: &mut Conn, conversation: &Conversation) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO conversations (id, network_id, kind, title, direct_key, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(conversation.id.0)
    .bind(conversation.network_id.0)
    .bind(conversation.kind.as_str())
    .bind(&conversation.title)
    .bind(conversation.direct_key.as_deref())
    .bind(conversation.created_by.0)
    .bind(conversation.created_at)
    .execute(db)
    .await?;
    Ok(())
}

/// A conversation of the network, whoever asks; the caller applies the policy.
pub async fn get(
    db: &mut Conn,
    network: NetworkId,
    id: ConversationId,
) -> Result<Option<Conversation>, StoreError> {
    sqlx::query_as::<_, ConversationRow>(&format!(
        "SELECT {COLUMNS} FROM conversations c WHERE c.network_id = $1 AND c.id = $2"
    ))
    .bind(network.0)
    .bind(id.0)
    .fetch_optional(db)
    .await?
    .map(Conversation::try_from)
    .transpose()
}

/// The direct conversation with this key (see `domain::chat::direct_key`), if any.
pub async fn find_direct(
    db: &mut Conn,
    network: NetworkId,
    key: &str,
) -> Result<Option<Conversation>, StoreError> {
    sqlx::query_as::<_, ConversationRow>(&format!(
        "SELECT {COLUMNS} FROM conversations c WHERE c.network_id = $1 AND c.direct_key = $2"
    ))
    .bind(network.0)
    .bind(key)
    .fetch_optional(db)
    .await?
    .map(Conversation::try_from)
    .transpose()
}

pub async fn rename(db: &mut Conn, id: ConversationId, title: &str) -> Result<(), StoreError> {
    sqlx::query("UPDATE conversations SET title = $1 WHERE id = $2")
        .bind(title)
        .bind(id.0)
        .execute(db)
        .await?;
    Ok(())
}

/// One person's membership, if they are in the conversation.
pub async fn membership(
    db: &mut Conn,
    conversation: ConversationId,
    user: UserId,
) -> Result<Option<ConversationMember>, StoreError> {
    Ok(sqlx::query_as::<_, MemberRow>(
        "SELECT conversation_id, user_id, joined_at, last_read_id, muted \
         FROM conversation_members WHERE conversation_id = $1 AND user_id = $2",
    )
    .bind(conversation.0)
    .bind(user.0)
    .fetch_optional(db)
    .await?
    .map(ConversationMember::from))
}

/// Puts people in a conversation; those already in it keep their row. Answers how
/// many were added.
pub async fn add_members(
    db: &mut Conn,
    conversation: ConversationId,
    users: &[UserId],
    now: Millis,
) -> Result<u64, StoreError> {
    let mut added = 0;
    for user in users {
        let done = sqlx::query(
            "INSERT INTO conversation_members (conversation_id, user_id, joined_at, last_read_id, muted) \
             VALUES ($1, $2, $3, 0, 0) ON CONFLICT (conversation_id, user_id) DO NOTHING",
        )
        .bind(conversation.0)
        .bind(user.0)
        .bind(now)
        .execute(&mut *db)
        .await?;
        added += done.rows_affected();
    }
    Ok(added)
}

/// Takes a person out of a conversation; answers whether they were in it.
pub async fn remove_member(
    db: &mut Conn,
    conversation: ConversationId,
    user: UserId,
) -> Result<bool, StoreError> {
    let done =
        sqlx::query("DELETE FROM conversation_members WHERE conversation_id = $1 AND user_id = $2")
            .bind(conversation.0)
            .bind(user.0)
            .execute(db)
            .await?;
    Ok(done.rows_affected() > 0)
}

/// The ids of everyone in a conversation, in id order: the audience of its events.
pub async fn member_ids(
    db: &mut Conn,
    conversation: ConversationId,
) -> Result<Vec<UserId>, StoreError> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT user_id FROM conversation_members WHERE conversation_id = $1 ORDER BY user_id",
    )
    .bind(conversation.0)
    .fetch_all(db)
    .await?;
    Ok(ids.into_iter().map(UserId).collect())
}

/// Everyone in a conversation with their names, by name.
pub async fn members(
    db: &mut Conn,
    conversation: ConversationId,
) -> Result<Vec<MemberCard>, StoreError> {
    let rows: Vec<(i64, String, Option<String>, String)> = sqlx::query_as(
        "SELECT u.id, u.display_name, u.handle, u.status \
         FROM conversation_members m JOIN users u ON u.id = m.user_id \
         WHERE m.conversation_id = $1 ORDER BY u.name_key, u.id",
    )
    .bind(conversation.0)
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(|(id, display_name, handle, status)| {
            Ok(MemberCard {
                user_id: UserId(id),
                display_name,
                handle: handle.unwrap_or_else(|| format!("user{id}")),
                status: UserStatus::parse(&status)
                    .ok_or_else(|| StoreError::Corrupt(format!("user status {status:?}")))?,
            })
        })
        .collect()
}

/// Moves a member's read marker forward to `up_to`, never back; answers whether it
/// moved.
pub async fn mark_read(
    db: &mut Conn,
    conversation: ConversationId,
    user: UserId,
    up_to: i64,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE conversation_members SET last_read_id = $1 \
         WHERE conversation_id = $2 AND user_id = $3 AND last_read_id < $1",
    )
    .bind(up_to)
    .bind(conversation.0)
    .bind(user.0)
    .execute(db)
    .await?;
    Ok(done.rows_affected() > 0)
}

pub async fn set_muted(
    db: &mut Conn,
    conversation: ConversationId,
    user: UserId,
    muted: bool,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE conversation_members SET muted = $1 WHERE conversation_id = $2 AND user_id = $3",
    )
    .bind(i64::from(muted))
    .bind(conversation.0)
    .bind(user.0)
    .execute(db)
    .await?;
    Ok(())
}

/// The accounts of the network among these ids (others are left out), for checking
/// who may be put in a conversation.
pub async fn people(
    db: &mut Conn,
    network: NetworkId,
    ids: &[UserId],
) -> Result<Vec<User>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT {} FROM users WHERE network_id = $1 AND id IN ({}) ORDER BY id",
        crate::users::COLUMNS,
        placeholders(2, ids.len())
    );
    let mut query = sqlx::query_as::<_, crate::users::UserRow>(&sql)
        .persistent(crate::keep_prepared(ids.len()))
        .bind(network.0);
    for id in ids {
        query = query.bind(id.0);
    }
    query
        .fetch_all(db)
        .await?
        .into_iter()
        .map(User::try_from)
        .collect()
}

/// The newest message of a conversation, as a list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastMessage {
    pub id: i64,
    pub author_id: UserId,
    pub author_name: String,
    pub body_markdown: String,
    pub created_at: Millis,
}

/// A conversation in one member's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub conversation: Conversation,
    pub membership: ConversationMember,
    /// The list's order and cursor: the newest message id, or the conversation's own
    /// id before its first message (ids grow with time, so both compare).
    pub activity: i64,
    /// For a direct conversation: the other person's display name.
    pub other_name: Option<String>,
    /// The newest message that is not deleted.
    pub last_message: Option<LastMessage>,
    /// Messages after the read marker, by others, not deleted; at most [`MAX_UNREAD`].
    pub unread: i64,
}

/// Unread counts stop here: "100+" is all a list needs to say, and counting further
/// would walk every message of a long-ignored conversation.
pub const MAX_UNREAD: i64 = 100;

/// The SQL of a page of a person's conversations: `$1` the network, `$2` the person,
/// `$3` the cursor (`i64::MAX` for the first page), `$4` the page size. It starts from
/// the person's memberships (`conversation_members_user_id`); each conversation's
/// newest messages and unread count are read backwards on `messages_conversation_id`,
/// stopping at the first hit (or the hundredth unread message).
pub fn list_sql() -> String {
    format!(
        "SELECT * FROM (\
           SELECT {COLUMNS}, m.user_id, m.joined_at, m.last_read_id, m.muted, \
             (SELECT x.id FROM messages x WHERE x.conversation_id = c.id \
               ORDER BY x.id DESC LIMIT 1) AS last_any, \
             (SELECT y.id FROM messages y WHERE y.conversation_id = c.id AND y.deleted_at IS NULL \
               ORDER BY y.id DESC LIMIT 1) AS last_shown, \
             (SELECT ou.display_name FROM conversation_members om \
               JOIN users ou ON ou.id = om.user_id \
               WHERE om.conversation_id = c.id AND om.user_id <> $2 AND c.kind = 'direct' \
               ORDER BY om.user_id LIMIT 1) AS other_name, \
             (SELECT COUNT(*) FROM (SELECT 1 AS one FROM messages u \
               WHERE u.conversation_id = c.id AND u.id > m.last_read_id \
                 AND u.author_id <> $2 AND u.deleted_at IS NULL \
               LIMIT {MAX_UNREAD}) unread_rows) AS unread \
           FROM conversation_members m CROSS JOIN conversations c \
           WHERE m.user_id = $2 AND c.id = m.conversation_id AND c.network_id = $1\
         ) listed \
         WHERE (CASE WHEN last_any > id THEN last_any ELSE id END) < $3 \
         ORDER BY (CASE WHEN last_any > id THEN last_any ELSE id END) DESC LIMIT $4"
    )
}

/// A page of a person's conversations, most recent activity first, strictly before
/// the `before` activity cursor.
pub async fn list_for(
    db: &mut Conn,
    network: NetworkId,
    user: UserId,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<Listed>, StoreError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        conversation: ConversationRow,
        user_id: i64,
        joined_at: i64,
        last_read_id: i64,
        muted: i64,
        last_any: Option<i64>,
        last_shown: Option<i64>,
        other_name: Option<String>,
        unread: i64,
    }
    let rows = sqlx::query_as::<_, Row>(&list_sql())
        .bind(network.0)
        .bind(user.0)
        .bind(before.unwrap_or(i64::MAX))
        .bind(limit)
        .fetch_all(&mut *db)
        .await?;
    let shown: Vec<i64> = rows.iter().filter_map(|row| row.last_shown).collect();
    let mut last_messages = last_messages(db, &shown).await?;
    rows.into_iter()
        .map(|row| {
            let conversation = Conversation::try_from(row.conversation)?;
            let membership = ConversationMember::from(MemberRow {
                conversation_id: conversation.id.0,
                user_id: row.user_id,
                joined_at: row.joined_at,
                last_read_id: row.last_read_id,
                muted: row.muted,
            });
            Ok(Listed {
                activity: row.last_any.unwrap_or(0).max(conversation.id.0),
                conversation,
                membership,
                other_name: row.other_name,
                last_message: row.last_shown.and_then(|id| last_messages.remove(&id)),
                unread: row.unread,
            })
        })
        .collect()
}

/// These messages with their authors' names, by id.
async fn last_messages(
    db: &mut Conn,
    ids: &[i64],
) -> Result<HashMap<i64, LastMessage>, StoreError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let sql = format!(
        "SELECT x.id, x.author_id, u.display_name, x.body_markdown, x.created_at \
         FROM messages x JOIN users u ON u.id = x.author_id WHERE x.id IN ({})",
        placeholders(1, ids.len())
    );
    let mut query = sqlx::query_as::<_, (i64, i64, String, String, i64)>(&sql)
        .persistent(crate::keep_prepared(ids.len()));
    for id in ids {
        query = query.bind(*id);
    }
    Ok(query
        .fetch_all(db)
        .await?
        .into_iter()
        .map(|(id, author_id, author_name, body_markdown, created_at)| {
            (
                id,
                LastMessage {
                    id,
                    author_id: UserId(author_id),
                    author_name,
                    body_markdown,
                    created_at,
                },
            )
        })
        .collect())
}
