//! Chat: direct conversations (two people, one per pair), group conversations (a title
//! and up to 500 people), their messages, read markers, mutes and typing signals.
//!
//! Only members know a conversation exists: anyone else, network admins included, is
//! answered "not found". Every change writes its live event in the transaction that
//! makes it and publishes it after the commit, to the members of that moment; a
//! person removed from a group is told so on their own scope and hears nothing more.
//!
//! Conversations and memberships are here; messages (history, writing, editing,
//! deleting, typing) in `chat/messages.rs`, re-exported here.

mod messages;

pub use messages::{HistoryPage, MessageView, delete, edit, history, send, send_with, typing};

use crate::live::{
    self, ConversationRead, ConversationRemoved, ConversationUpdated, Event, LiveEvent,
};
use crate::{App, AppError, signed_in};
use hearth_domain::chat::MemberCard;
use hearth_domain::chat::{MAX_GROUP_MEMBERS, direct_key, parse_title, preview};
use hearth_domain::{
    Actor, Conversation, ConversationId, ConversationKind, ConversationMember, MessageId, Millis,
    User, UserId, ValidationError, policy,
};
use hearth_store::conversations;
use hearth_store::{Conn, StoreError};

/// A conversation as one of its members sees it.
#[derive(Debug, Clone)]
pub struct ConversationView {
    pub conversation: Conversation,
    /// A group's title; for a direct conversation, the other person's name.
    pub title: String,
    /// Everyone in it, by name.
    pub members: Vec<MemberCard>,
    /// The viewer's own place: read marker and mute.
    pub membership: ConversationMember,
}

/// The newest message of a conversation, shortened for a list.
#[derive(Debug, Clone)]
pub struct MessagePreview {
    pub id: MessageId,
    pub author_id: UserId,
    pub author_name: String,
    /// The start of the markdown on one line (see `domain::chat::preview`).
    pub text: String,
    pub created_at: Millis,
}

/// A conversation in the viewer's list.
#[derive(Debug, Clone)]
pub struct ConversationSummary {
    pub conversation: Conversation,
    /// A group's title; for a direct conversation, the other person's name.
    pub title: String,
    /// The newest message that is not deleted.
    pub last_message: Option<MessagePreview>,
    /// Messages by others after the viewer's read marker, not deleted; at most
    /// [`MAX_UNREAD`].
    pub unread: i64,
    pub last_read_id: i64,
    pub muted: bool,
}

pub use conversations::MAX_UNREAD;

/// A page of the viewer's conversations, most recent activity first.
#[derive(Debug, Clone)]
pub struct ConversationPage {
    pub conversations: Vec<ConversationSummary>,
    /// Pass as `before` for the next page; `None` on the last.
    pub next_before: Option<i64>,
}

/// A direct conversation, and whether this call started it.
#[derive(Debug, Clone)]
pub struct DirectConversation {
    pub view: ConversationView,
    /// `false` when the two already had one (it is answered instead).
    pub created: bool,
}

/// What a new group needs.
#[derive(Debug, Clone, Default)]
pub struct NewGroup {
    pub title: String,
    /// The others to include; the creator is added anyway.
    pub member_ids: Vec<UserId>,
}

pub const DEFAULT_PAGE: u32 = 50;
pub const MAX_PAGE: u32 = 100;

fn page_size(limit: Option<u32>) -> Result<i64, AppError> {
    let limit = limit.unwrap_or(DEFAULT_PAGE);
    if !(1..=MAX_PAGE).contains(&limit) {
        return Err(ValidationError::new(
            "limit",
            format!("limit must be between 1 and {MAX_PAGE}"),
        )
        .into());
    }
    Ok(i64::from(limit))
}

/// Loads a conversation and the person's membership; "not found" unless they may read
/// it, so nobody learns that a conversation they are not in exists.
async fn load(
    db: &mut Conn,
    user: &User,
    id: ConversationId,
) -> Result<(Conversation, ConversationMember), AppError> {
    let conversation = conversations::get(db, user.network_id, id).await?;
    let membership = conversations::membership(db, id, user.id).await?;
    match (conversation, membership) {
        (Some(conversation), Some(membership))
            if policy::may_read_conversation(user, &conversation, Some(&membership)) =>
        {
            Ok((conversation, membership))
        }
        _ => Err(AppError::NotFound("conversation")),
    }
}

async fn view(
    db: &mut Conn,
    user: &User,
    conversation: Conversation,
    membership: ConversationMember,
) -> Result<ConversationView, AppError> {
    let members = conversations::members(db, conversation.id).await?;
    let title = title_for(user, &conversation, &members);
    Ok(ConversationView {
        conversation,
        title,
        members,
        membership,
    })
}

/// What a conversation is called for `user`: a group's title, the other person's
/// name in a direct one (`members` need only be read for a direct one).
fn title_for(user: &User, conversation: &Conversation, members: &[MemberCard]) -> String {
    match conversation.kind {
        ConversationKind::Group => conversation.title.clone(),
        ConversationKind::Direct => members
            .iter()
            .find(|m| m.user_id != user.id)
            .map(|m| m.display_name.clone())
            .unwrap_or_default(),
    }
}

/// What each of these conversations is called for `user`: a group's title, the other
/// person's name in a direct one. For lists that name a few conversations (search).
pub(crate) async fn titles(
    db: &mut Conn,
    user: &User,
    ids: &[ConversationId],
) -> Result<std::collections::HashMap<ConversationId, String>, AppError> {
    let mut titles = std::collections::HashMap::new();
    for id in ids {
        let Some(conversation) = conversations::get(db, user.network_id, *id).await? else {
            continue;
        };
        let members = match conversation.kind {
            ConversationKind::Group => Vec::new(),
            ConversationKind::Direct => conversations::members(db, *id).await?,
        };
        titles.insert(*id, title_for(user, &conversation, &members));
    }
    Ok(titles)
}

/// `conversation.updated`, to the members after the change. A direct conversation's
/// title is empty: each side shows the other person's name.
async fn record_updated(
    db: &mut Conn,
    app: &App,
    conversation: &Conversation,
    members: &[UserId],
) -> Result<LiveEvent, AppError> {
    let event = Event::ConversationUpdated(ConversationUpdated {
        conversation_id: conversation.id,
        title: conversation.title.clone(),
        kind: conversation.kind,
        member_ids: members.to_vec(),
    });
    live::record(db, app, conversation.network_id, event).await
}

/// The people among `ids` who may be put in a conversation by `user`: all of them
/// or a validation error on `member_ids` naming the first that may not.
async fn candidates(db: &mut Conn, app: &App, user: &User, ids: &[UserId]) -> Result<(), AppError> {
    let found = conversations::people(db, user.network_id, ids).await?;
    for id in ids {
        let Some(person) = found.iter().find(|p| p.id == *id) else {
            return Err(ValidationError::new(
                "member_ids",
                format!("there is no one with the id {id} in your network"),
            )
            .into());
        };
        if policy::may_join_conversation(user, person, app.now()).is_err() {
            return Err(ValidationError::new(
                "member_ids",
                format!(
                    "{} cannot be added: their account is not active",
                    person.display_name
                ),
            )
            .into());
        }
    }
    Ok(())
}

/// Opens the direct conversation with a colleague, or answers the one the two already
/// have (whoever started it).
pub async fn start_direct(
    app: &App,
    actor: &Actor,
    other: UserId,
) -> Result<DirectConversation, AppError> {
    let user = signed_in(actor)?;
    let mut db = app.store().conn().await?;
    let other = conversations::people(&mut db, user.network_id, &[other])
        .await?
        .pop()
        .ok_or(AppError::NotFound("person"))?;
    policy::may_start_direct(user, &other, app.now())?;
    let key = direct_key(user.id, other.id);
    if let Some(existing) = existing_direct(&mut db, user, &key).await? {
        return Ok(existing);
    }
    drop(db);

    let conversation = Conversation {
        id: ConversationId(app.next_id()),
        network_id: user.network_id,
        kind: ConversationKind::Direct,
        title: String::new(),
        direct_key: Some(key.clone()),
        created_by: user.id,
        created_at: app.now(),
    };
    let mut tx = app.store().begin().await?;
    match conversations::insert(&mut tx, &conversation).await {
        Ok(()) => {}
        Err(StoreError::Conflict { .. }) => {
            // The other person started it at the same moment: theirs stands. It is
            // read as a writer would: on SQLite it may still be in the group of
            // writes being committed, and this answer then waits for that commit.
            drop(tx);
            let mut tx = app.store().begin().await?;
            let existing = existing_direct(&mut tx, user, &key).await?;
            tx.commit().await?;
            return existing.ok_or(AppError::NotFound("conversation"));
        }
        Err(other) => return Err(other.into()),
    }
    let members = [user.id, other.id];
    conversations::add_members(&mut tx, conversation.id, &members, app.now()).await?;
    let mut sorted = members.to_vec();
    sorted.sort_unstable();
    let event = record_updated(&mut tx, app, &conversation, &sorted).await?;
    tx.commit().await?;
    app.publish([event]);
    tracing::info!(conversation.id = %conversation.id, user.id = %user.id, "direct conversation started");
    let mut db = app.store().conn().await?;
    let (conversation, membership) = load(&mut db, user, conversation.id).await?;
    Ok(DirectConversation {
        view: view(&mut db, user, conversation, membership).await?,
        created: true,
    })
}

async fn existing_direct(
    db: &mut Conn,
    user: &User,
    key: &str,
) -> Result<Option<DirectConversation>, AppError> {
    let Some(found) = conversations::find_direct(db, user.network_id, key).await? else {
        return Ok(None);
    };
    let (conversation, membership) = load(db, user, found.id).await?;
    Ok(Some(DirectConversation {
        view: view(db, user, conversation, membership).await?,
        created: false,
    }))
}

/// Starts a group conversation with a title; its creator is a member and may remove
/// others later.
pub async fn create_group(
    app: &App,
    actor: &Actor,
    input: &NewGroup,
) -> Result<ConversationView, AppError> {
    let user = signed_in(actor)?;
    let title = parse_title(&input.title)?;
    let mut ids: Vec<UserId> = input.member_ids.clone();
    ids.push(user.id);
    ids.sort_unstable();
    ids.dedup();
    if ids.len() > MAX_GROUP_MEMBERS {
        return Err(ValidationError::new(
            "member_ids",
            format!("a group holds at most {MAX_GROUP_MEMBERS} people, you included"),
        )
        .into());
    }
    candidates(&mut *app.store().conn().await?, app, user, &ids).await?;

    let conversation = Conversation {
        id: ConversationId(app.next_id()),
        network_id: user.network_id,
        kind: ConversationKind::Group,
        title,
        direct_key: None,
        created_by: user.id,
        created_at: app.now(),
    };
    let mut tx = app.store().begin().await?;
    conversations::insert(&mut tx, &conversation).await?;
    conversations::add_members(&mut tx, conversation.id, &ids, app.now()).await?;
    let event = record_updated(&mut tx, app, &conversation, &ids).await?;
    tx.commit().await?;
    app.publish([event]);
    tracing::info!(conversation.id = %conversation.id, user.id = %user.id, "group conversation created");
    get(app, actor, conversation.id).await
}

/// Adds colleagues to a group (any member may). People already in it are left as
/// they are.
pub async fn add_members(
    app: &App,
    actor: &Actor,
    id: ConversationId,
    member_ids: &[UserId],
) -> Result<ConversationView, AppError> {
    let user = signed_in(actor)?;
    let mut db = app.store().conn().await?;
    let (conversation, membership) = load(&mut db, user, id).await?;
    policy::may_add_members(user, &conversation, Some(&membership))?;
    let mut ids = member_ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Err(ValidationError::new("member_ids", "name at least one person to add").into());
    }
    if ids.len() > MAX_GROUP_MEMBERS {
        return Err(too_many());
    }
    candidates(&mut db, app, user, &ids).await?;
    drop(db);

    let mut tx = app.store().begin().await?;
    let current = conversations::member_ids(&mut tx, id).await?;
    if !current.contains(&user.id) {
        return Err(AppError::NotFound("conversation"));
    }
    let new: Vec<UserId> = ids.into_iter().filter(|i| !current.contains(i)).collect();
    if current.len() + new.len() > MAX_GROUP_MEMBERS {
        return Err(too_many());
    }
    let mut events = Vec::new();
    if !new.is_empty() {
        conversations::add_members(&mut tx, id, &new, app.now()).await?;
        let mut members = current;
        members.extend(new);
        members.sort_unstable();
        events.push(record_updated(&mut tx, app, &conversation, &members).await?);
    }
    tx.commit().await?;
    app.publish(events);
    get(app, actor, id).await
}

fn too_many() -> AppError {
    ValidationError::new(
        "member_ids",
        format!("a group holds at most {MAX_GROUP_MEMBERS} people"),
    )
    .into()
}

/// Takes someone out of a group: oneself (leaving), or anyone for the group's creator
/// and network admins. The person removed is told at once on their own scope, so
/// their devices drop the conversation; nothing written later reaches them.
pub async fn remove_member(
    app: &App,
    actor: &Actor,
    id: ConversationId,
    member: UserId,
) -> Result<(), AppError> {
    let user = signed_in(actor)?;
    let mut tx = app.store().begin().await?;
    let (conversation, membership) = load(&mut tx, user, id).await?;
    policy::may_remove_member(user, &conversation, Some(&membership), member)?;
    if !conversations::remove_member(&mut tx, id, member).await? {
        return Err(AppError::NotFound("member"));
    }
    let remaining = conversations::member_ids(&mut tx, id).await?;
    let mut events = Vec::new();
    if !remaining.is_empty() {
        events.push(record_updated(&mut tx, app, &conversation, &remaining).await?);
    }
    let removed = Event::ConversationRemoved(ConversationRemoved {
        conversation_id: id,
        removed: member,
    });
    events.push(live::record(&mut tx, app, conversation.network_id, removed).await?);
    tx.commit().await?;
    app.publish(events);
    tracing::info!(conversation.id = %id, user.id = %user.id, member.id = %member, "left or removed from a conversation");
    Ok(())
}

/// Renames a group (any member may).
pub async fn rename(
    app: &App,
    actor: &Actor,
    id: ConversationId,
    title: &str,
) -> Result<ConversationView, AppError> {
    let user = signed_in(actor)?;
    let mut tx = app.store().begin().await?;
    let (mut conversation, membership) = load(&mut tx, user, id).await?;
    policy::may_rename_conversation(user, &conversation, Some(&membership))?;
    conversation.title = parse_title(title)?;
    conversations::rename(&mut tx, id, &conversation.title).await?;
    let members = conversations::member_ids(&mut tx, id).await?;
    let event = record_updated(&mut tx, app, &conversation, &members).await?;
    tx.commit().await?;
    app.publish([event]);
    get(app, actor, id).await
}

/// The viewer's conversations, most recent activity first, a page at a time: pass a
/// page's `next_before` as `before` for the next.
pub async fn list(
    app: &App,
    actor: &Actor,
    before: Option<i64>,
    limit: Option<u32>,
) -> Result<ConversationPage, AppError> {
    let user = signed_in(actor)?;
    let limit = page_size(limit)?;
    let mut db = app.store().conn().await?;
    let mut found =
        conversations::list_for(&mut db, user.network_id, user.id, before, limit + 1).await?;
    let more = found.len() as i64 > limit;
    found.truncate(limit as usize);
    let next_before = if more {
        found.last().map(|l| l.activity)
    } else {
        None
    };
    let conversations = found
        .into_iter()
        .map(|listed| ConversationSummary {
            title: match listed.conversation.kind {
                ConversationKind::Group => listed.conversation.title.clone(),
                ConversationKind::Direct => listed.other_name.unwrap_or_default(),
            },
            conversation: listed.conversation,
            last_message: listed.last_message.map(|last| MessagePreview {
                id: MessageId(last.id),
                author_id: last.author_id,
                author_name: last.author_name,
                text: preview(&last.body_markdown),
                created_at: last.created_at,
            }),
            unread: listed.unread,
            last_read_id: listed.membership.last_read_id,
            muted: listed.membership.muted,
        })
        .collect();
    Ok(ConversationPage {
        conversations,
        next_before,
    })
}

/// One conversation with its members.
pub async fn get(
    app: &App,
    actor: &Actor,
    id: ConversationId,
) -> Result<ConversationView, AppError> {
    let user = signed_in(actor)?;
    let mut db = app.store().conn().await?;
    let (conversation, membership) = load(&mut db, user, id).await?;
    view(&mut db, user, conversation, membership).await
}

/// Moves the viewer's read marker up to a message of the conversation; it never moves
/// back. Answers the marker after the call. The viewer's other devices are told.
pub async fn mark_read(
    app: &App,
    actor: &Actor,
    id: ConversationId,
    up_to: MessageId,
) -> Result<i64, AppError> {
    let user = signed_in(actor)?;
    let mut tx = app.store().begin().await?;
    let (conversation, membership) = load(&mut tx, user, id).await?;
    let in_here = hearth_store::messages::get(&mut tx, user.network_id, up_to)
        .await?
        .is_some_and(|m| m.conversation_id == id);
    if !in_here {
        return Err(
            ValidationError::new("up_to", "this is not a message of this conversation").into(),
        );
    }
    if !conversations::mark_read(&mut tx, id, user.id, up_to.0).await? {
        return Ok(membership.last_read_id);
    }
    let event = Event::ConversationRead(ConversationRead {
        conversation_id: id,
        last_read_id: up_to,
        reader: user.id,
    });
    let event = live::record(&mut tx, app, conversation.network_id, event).await?;
    tx.commit().await?;
    app.publish([event]);
    Ok(up_to.0)
}

/// Mutes or unmutes a conversation for the viewer alone.
pub async fn set_muted(
    app: &App,
    actor: &Actor,
    id: ConversationId,
    muted: bool,
) -> Result<(), AppError> {
    let user = signed_in(actor)?;
    let mut tx = app.store().begin().await?;
    load(&mut tx, user, id).await?;
    conversations::set_muted(&mut tx, id, user.id, muted).await?;
    tx.commit().await?;
    Ok(())
}
