//! Messages: the history, writing, editing, deleting, and the typing signal.

use super::{load, page_size};
use crate::live::{
    self, Event, LiveMessage, MessageAuthor, MessageChanged, MessageDeleted, Typing,
};
use crate::{App, AppError, signed_in};
use hearth_domain::UploadId;
use hearth_domain::chat::parse_body;
use hearth_domain::upload::Upload;
use hearth_domain::{
    Actor, Conversation, ConversationId, Message, MessageId, User, UserId, markdown, policy,
};
use hearth_store::uploads::Target;
use hearth_store::{Conn, conversations, messages, profiles};
use std::collections::BTreeSet;

/// A message ready to show. A deleted one keeps its place without its text.
#[derive(Debug, Clone)]
pub struct MessageView {
    pub message: Message,
    pub author_name: String,
    pub author_handle: String,
    pub author_photo: Option<UploadId>,
    /// The author is a guest from outside the company.
    pub author_guest: bool,
    /// Its files, in their order; none once it is deleted.
    pub attachments: Vec<Upload>,
}

impl MessageView {
    fn from_authored(authored: messages::Authored, attachments: Vec<Upload>) -> Self {
        let mut message = authored.message;
        if message.deleted_at.is_some() {
            message.body_markdown.clear();
            message.body_html.clear();
        }
        Self {
            message,
            author_name: authored.author_name,
            author_handle: authored.author_handle,
            author_photo: authored.author_photo,
            author_guest: authored.author_guest,
            attachments,
        }
    }
}

/// A page of a conversation's history, newest first.
#[derive(Debug, Clone)]
pub struct HistoryPage {
    pub messages: Vec<MessageView>,
    /// Pass as `before` for the next (older) page; `None` on the last.
    pub next_before: Option<MessageId>,
}

/// How many mentions of one message are linked.
const MAX_MENTIONS: usize = 50;

/// Loads a message that is not deleted, in a conversation the person may read.
async fn load_message(
    db: &mut Conn,
    user: &User,
    id: MessageId,
) -> Result<(Message, Conversation), AppError> {
    let message = messages::get(db, user.network_id, id)
        .await?
        .filter(|m| m.deleted_at.is_none())
        .ok_or(AppError::NotFound("message"))?;
    let (conversation, _) = load(db, user, message.conversation_id)
        .await
        .map_err(|_| AppError::NotFound("message"))?;
    Ok((message, conversation))
}

/// What `message.created` and `message.edited` tell the conversation's members.
fn changed(
    conversation: &Conversation,
    members: Vec<UserId>,
    view: &MessageView,
) -> MessageChanged {
    let author = MessageAuthor {
        id: view.message.author_id,
        handle: view.author_handle.clone(),
        display_name: view.author_name.clone(),
        guest: view.author_guest,
    };
    MessageChanged {
        conversation_id: conversation.id,
        message: LiveMessage::new(&view.message, author, &view.attachments),
        members,
    }
}

/// Renders a message: sanitized HTML, with mentions of colleagues linked.
async fn render(db: &mut Conn, user: &User, markdown_source: &str) -> Result<String, AppError> {
    let found = markdown::extract(markdown_source);
    let handles: Vec<String> = found.mentions.into_iter().take(MAX_MENTIONS).collect();
    let known: BTreeSet<String> = profiles::ids_for_handles(db, user.network_id, &handles)
        .await?
        .into_iter()
        .map(|(handle, _)| handle)
        .collect();
    Ok(markdown::render(markdown_source, &known))
}

/// A page of a conversation's messages, newest first, strictly older than `before`;
/// deleted messages keep their place without their text.
pub async fn history(
    app: &App,
    actor: &Actor,
    id: ConversationId,
    before: Option<MessageId>,
    limit: Option<u32>,
) -> Result<HistoryPage, AppError> {
    let user = signed_in(actor)?;
    let limit = page_size(limit)?;
    let mut db = app.store().conn().await?;
    load(&mut db, user, id).await?;
    let mut found = messages::history(&mut db, id, before, limit + 1).await?;
    let more = found.len() as i64 > limit;
    found.truncate(limit as usize);
    let next_before = if more {
        found.last().map(|a| a.message.id)
    } else {
        None
    };
    let targets: Vec<Target> = found
        .iter()
        .map(|a| Target::Message(a.message.id))
        .collect();
    let (_, mut attachments) = hearth_store::uploads::attached(&mut db, &targets).await?;
    Ok(HistoryPage {
        messages: found
            .into_iter()
            .map(|a| {
                let files = attachments.remove(&a.message.id).unwrap_or_default();
                MessageView::from_authored(a, files)
            })
            .collect(),
        next_before,
    })
}

/// Writes a message in a conversation (members whose account is in use).
///
/// The body is rendered on a read connection before the write transaction, which
/// then checks again that the author is still a member, so someone removed meanwhile
/// cannot slip a message in.
pub async fn send(
    app: &App,
    actor: &Actor,
    id: ConversationId,
    body: &str,
) -> Result<MessageView, AppError> {
    send_with(app, actor, id, body, &[]).await
}

/// Writes a message with files attached; the text may then be empty.
pub async fn send_with(
    app: &App,
    actor: &Actor,
    id: ConversationId,
    body: &str,
    attachments: &[UploadId],
) -> Result<MessageView, AppError> {
    let user = signed_in(actor)?;
    let mut db = app.store().conn().await?;
    let (conversation, membership) = load(&mut db, user, id).await?;
    policy::may_send_message(user, &conversation, Some(&membership), app.now())?;
    let body = hearth_domain::post::parse_body(body, !attachments.is_empty())?;
    let attachments = crate::uploads::check_attachable(&mut db, user, attachments).await?;
    app.may_create(crate::content_limits::Creation::ChatMessage, user)?;
    let html = render(&mut db, user, &body).await?;
    let author = messages::author(&mut db, user.id).await?;
    drop(db);

    let sent = MessageView {
        message: Message {
            id: MessageId(app.next_id()),
            conversation_id: id,
            author_id: user.id,
            body_markdown: body,
            body_html: html,
            created_at: app.now(),
            edited_at: None,
            deleted_at: None,
        },
        author_name: author.name,
        author_handle: author.handle,
        author_photo: author.photo,
        author_guest: author.guest,
        attachments,
    };
    let mut tx = app.store().begin().await?;
    let members = conversations::member_ids(&mut tx, id).await?;
    if !members.contains(&user.id) {
        return Err(AppError::NotFound("conversation"));
    }
    messages::insert(&mut tx, &sent.message).await?;
    let attachment_ids: Vec<UploadId> = sent.attachments.iter().map(|u| u.id).collect();
    crate::uploads::attach(
        &mut tx,
        user,
        Target::Message(sent.message.id),
        &attachment_ids,
    )
    .await?;
    let created = Event::MessageCreated(changed(&conversation, members.clone(), &sent));
    let event = live::record(&mut tx, app, conversation.network_id, created).await?;
    let mut notified = Vec::new();
    if conversation.is_direct() {
        for recipient in members.iter().filter(|member| **member != user.id) {
            let notice = crate::fan_out::Notice {
                network: conversation.network_id,
                recipient: *recipient,
                kind: hearth_domain::NotificationKind::DirectMessage,
                about: crate::notifications::About::Conversation(conversation.id.0),
                group_key: format!("dm:{}", conversation.id),
                actor: user,
                excerpt: &sent.message.body_markdown,
            };
            notified.extend(crate::fan_out::notify(&mut tx, app, notice).await?);
        }
    }
    tx.commit().await?;
    app.publish(std::iter::once(event).chain(notified));
    Ok(sent)
}

/// The author rewrites a message.
pub async fn edit(
    app: &App,
    actor: &Actor,
    id: MessageId,
    body: &str,
) -> Result<MessageView, AppError> {
    let user = signed_in(actor)?;
    let mut tx = app.store().begin().await?;
    let (mut message, conversation) = load_message(&mut tx, user, id).await?;
    policy::may_edit_message(user, &message)?;
    message.body_markdown = parse_body(body)?;
    message.body_html = render(&mut tx, user, &message.body_markdown).await?;
    message.edited_at = Some(app.now());
    messages::edit(
        &mut tx,
        id,
        &message.body_markdown,
        &message.body_html,
        app.now(),
    )
    .await?;
    let author = messages::author(&mut tx, user.id).await?;
    let (_, mut attached) =
        hearth_store::uploads::attached(&mut tx, &[Target::Message(id)]).await?;
    let edited = MessageView {
        message,
        author_name: author.name,
        author_handle: author.handle,
        author_photo: author.photo,
        author_guest: author.guest,
        attachments: attached.remove(&id).unwrap_or_default(),
    };
    let members = conversations::member_ids(&mut tx, conversation.id).await?;
    let event = Event::MessageEdited(changed(&conversation, members, &edited));
    let event = live::record(&mut tx, app, conversation.network_id, event).await?;
    tx.commit().await?;
    app.publish([event]);
    Ok(edited)
}

/// Deletes a message (its author, or a network admin who is a member). It stays in
/// the history as "deleted", without its text.
pub async fn delete(app: &App, actor: &Actor, id: MessageId) -> Result<(), AppError> {
    let user = signed_in(actor)?;
    let mut tx = app.store().begin().await?;
    let (message, conversation) = load_message(&mut tx, user, id).await?;
    policy::may_delete_message(user, &conversation, &message)?;
    messages::soft_delete(&mut tx, id, app.now()).await?;
    hearth_store::uploads::delete_of_message(&mut tx, id).await?;
    let event = Event::MessageDeleted(MessageDeleted {
        conversation_id: conversation.id,
        message_id: id,
        members: conversations::member_ids(&mut tx, conversation.id).await?,
    });
    let event = live::record(&mut tx, app, conversation.network_id, event).await?;
    tx.commit().await?;
    app.publish([event]);
    tracing::info!(message.id = %id, conversation.id = %conversation.id, user.id = %user.id, "message deleted");
    Ok(())
}

/// Tells the other members, who are connected now, that the viewer is typing. Not
/// kept: it reaches who is there, or nobody.
pub async fn typing(app: &App, actor: &Actor, id: ConversationId) -> Result<(), AppError> {
    let user = signed_in(actor)?;
    let mut db = app.store().conn().await?;
    let (conversation, membership) = load(&mut db, user, id).await?;
    policy::may_send_message(user, &conversation, Some(&membership), app.now())?;
    let others: Vec<UserId> = conversations::member_ids(&mut db, id)
        .await?
        .into_iter()
        .filter(|member| *member != user.id)
        .collect();
    let event = Event::Typing(Typing {
        conversation_id: id,
        user_id: user.id,
        others,
    });
    // Typing is not kept: this writes nothing, it only makes the event to publish.
    let event = live::record(&mut db, app, conversation.network_id, event).await?;
    app.publish([event]);
    Ok(())
}
