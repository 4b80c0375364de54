//! The events clients receive on the live stream: one variant per kind that
//! docs/API.md documents ("Live stream", "Chat"), each with its data.
//!
//! Serialized, an event's tag is its `kind` (in the stream's frame and in the `events`
//! table) and its fields are the frame's `data` (the table's `payload`). Who receives
//! it is part of the variant too, as fields that are never serialized: a
//! conversation's members, a post's author, one recipient. [`Event::scope`] and
//! [`Event::audience`] read them, so an event cannot reach people its kind is not for.
//!
//! Ids travel as strings (JavaScript numbers cannot hold them) and times as RFC 3339
//! in UTC. Keys come out in alphabetical order (see [`Event::kind_and_payload`]), as
//! they did when these payloads were written with `json!`: rows and frames written
//! before and after read alike.

use hearth_domain::chat::ConversationKind;
use hearth_domain::post::{ContentKind, ModerationAction};
use hearth_domain::{
    CommunityId, ConversationId, MessageId, Millis, NotificationKind, PostId, ReactionKind, UserId,
};
use hearth_store::events::Scope;
use serde::{Serialize, Serializer};
use std::fmt::Display;

/// Who on a node should receive an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(tag = "to", content = "ids", rename_all = "snake_case")]
pub enum Audience {
    /// Everyone in the network.
    Network,
    /// These people, e.g. a conversation's members at the moment of the change.
    Users(Vec<i64>),
}

impl Audience {
    pub fn includes(&self, user: UserId) -> bool {
        match self {
            Self::Network => true,
            Self::Users(ids) => ids.contains(&user.0),
        }
    }

    fn people(ids: &[UserId]) -> Self {
        Self::Users(ids.iter().map(|id| id.0).collect())
    }

    fn person(id: UserId) -> Self {
        Self::Users(vec![id.0])
    }
}

/// Something that happened, for the clients of the people it concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "data")]
pub enum Event {
    /// A new top-level post or share that anyone may see.
    #[serde(rename = "post.created")]
    PostCreated(PostCreated),
    /// Someone else reacted to a post, for its author.
    #[serde(rename = "reaction.added")]
    ReactionAdded(ReactionAdded),
    /// A notification was written or folded, for its recipient (or, for a new post
    /// told to many, for all of them at once).
    #[serde(rename = "notification")]
    Notification(Notification),
    /// A moderator's decision about someone's content, or the watch list holding it.
    #[serde(rename = "moderation.decision")]
    ModerationDecision(ModerationDecision),
    #[serde(rename = "message.created")]
    MessageCreated(MessageChanged),
    #[serde(rename = "message.edited")]
    MessageEdited(MessageChanged),
    #[serde(rename = "message.deleted")]
    MessageDeleted(MessageDeleted),
    /// A conversation was started, gained or lost members, or was renamed.
    #[serde(rename = "conversation.updated")]
    ConversationUpdated(ConversationUpdated),
    /// Someone left a conversation or was removed from it: their clients drop it.
    #[serde(rename = "conversation.removed")]
    ConversationRemoved(ConversationRemoved),
    /// Someone's read marker moved, for their other devices.
    #[serde(rename = "conversation.read")]
    ConversationRead(ConversationRead),
    /// Someone is typing; not kept.
    #[serde(rename = "typing")]
    Typing(Typing),
    /// A poll's votes changed or it closed: clients showing it fetch it again, as
    /// the reader may see it. Not kept: the poll itself is the lasting record.
    #[serde(rename = "poll.updated")]
    PollUpdated(PollUpdated),
}

impl Event {
    /// Where a kept event is written in the `events` table, which decides who reads
    /// it back on returning; `None` for what is not kept (typing).
    pub(crate) fn scope(&self) -> Option<Scope> {
        Some(match self {
            Self::PostCreated(post) => match post.community_id {
                None => Scope::Network,
                Some(community) => Scope::Community(community.0),
            },
            Self::ReactionAdded(reaction) => Scope::User(reaction.post_author),
            Self::Notification(Notification::Single { recipient, .. }) => Scope::User(*recipient),
            Self::Notification(Notification::FanOut { community, .. }) => match community {
                None => Scope::Network,
                Some(community) => Scope::Community(community.0),
            },
            Self::ModerationDecision(decision) => Scope::User(decision.author),
            Self::MessageCreated(changed) | Self::MessageEdited(changed) => {
                Scope::Conversation(changed.conversation_id.0)
            }
            Self::MessageDeleted(deleted) => Scope::Conversation(deleted.conversation_id.0),
            Self::ConversationUpdated(updated) => Scope::Conversation(updated.conversation_id.0),
            Self::ConversationRemoved(removed) => Scope::User(removed.removed),
            Self::ConversationRead(read) => Scope::User(read.reader),
            Self::Typing(_) | Self::PollUpdated(_) => return None,
        })
    }

    /// The data the `events` table keeps, given the data published (`payload`).
    ///
    /// A message is kept by reference only (`{"conversation_id","message_id"}`), never
    /// with its text: an edit, a deletion or a moderator's removal then needs no
    /// rewrite of kept rows (the write path of chat stays one insert per event), and
    /// a returning client is sent the message as it is when it returns (see
    /// `live/current.rs`), so resuming never shows a text the history no longer does.
    pub(crate) fn kept_payload(&self, payload: String) -> String {
        match self {
            Self::MessageCreated(changed) | Self::MessageEdited(changed) => serde_json::json!({
                "conversation_id": changed.conversation_id.to_string(),
                "message_id": changed.message.id.to_string(),
            })
            .to_string(),
            _ => payload,
        }
    }

    /// Who on a node receives it now.
    pub fn audience(&self) -> Audience {
        match self {
            Self::PostCreated(post) => match post.community_id {
                None => Audience::Network,
                Some(_) => Audience::people(&post.community_members),
            },
            Self::ReactionAdded(reaction) => Audience::person(reaction.post_author),
            Self::Notification(Notification::Single { recipient, .. }) => {
                Audience::person(*recipient)
            }
            Self::Notification(Notification::FanOut { recipients, .. }) => {
                Audience::people(recipients)
            }
            Self::ModerationDecision(decision) => Audience::person(decision.author),
            Self::MessageCreated(changed) | Self::MessageEdited(changed) => {
                Audience::people(&changed.members)
            }
            Self::MessageDeleted(deleted) => Audience::people(&deleted.members),
            Self::ConversationUpdated(updated) => Audience::people(&updated.member_ids),
            Self::ConversationRemoved(removed) => Audience::person(removed.removed),
            Self::ConversationRead(read) => Audience::person(read.reader),
            Self::Typing(typing) => Audience::people(&typing.others),
            Self::PollUpdated(poll) => match poll.community_id {
                None => Audience::Network,
                Some(_) => Audience::people(&poll.community_members),
            },
        }
    }

    /// The tag and the data as JSON text, as the `events` table keeps them and the
    /// stream sends them.
    ///
    /// The data goes through `serde_json::Value`, whose maps keep keys in alphabetical
    /// order: the order the `json!` payloads of earlier releases had, so the bytes
    /// clients receive do not depend on the order fields are declared in.
    pub fn kind_and_payload(&self) -> Result<(String, String), serde_json::Error> {
        use serde::ser::Error;
        let serde_json::Value::Object(mut tagged) = serde_json::to_value(self)? else {
            return Err(serde_json::Error::custom("an event is not a JSON object"));
        };
        let Some(serde_json::Value::String(kind)) = tagged.remove("kind") else {
            return Err(serde_json::Error::custom("an event without a kind"));
        };
        let data = tagged.remove("data").unwrap_or(serde_json::Value::Null);
        Ok((kind, data.to_string()))
    }
}

/// `post.created`: to the whole network for a company-wide post, to a community's
/// members for one of its posts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PostCreated {
    #[serde(serialize_with = "text_id")]
    pub post_id: PostId,
    #[serde(serialize_with = "optional_text_id")]
    pub community_id: Option<CommunityId>,
    #[serde(serialize_with = "text_id")]
    pub author_id: UserId,
    /// The community's members, who alone are told; empty for a company-wide post.
    #[serde(skip)]
    pub community_members: Vec<UserId>,
}

/// `poll.updated`: to everyone who may read a company-wide poll, or to the members
/// of the poll's community.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PollUpdated {
    #[serde(serialize_with = "text_id")]
    pub post_id: PostId,
    /// How many people have voted.
    pub voters: i64,
    pub closed: bool,
    #[serde(skip)]
    pub community_id: Option<CommunityId>,
    #[serde(skip)]
    pub community_members: Vec<UserId>,
}

/// `reaction.added`: to the post's author.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReactionAdded {
    #[serde(serialize_with = "text_id")]
    pub post_id: PostId,
    #[serde(serialize_with = "word")]
    pub kind: ReactionKind,
    /// Who reacted.
    pub user: Reactor,
    #[serde(skip)]
    pub post_author: UserId,
}

/// Who reacted, as `reaction.added` names them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reactor {
    #[serde(serialize_with = "text_id")]
    pub id: UserId,
    pub display_name: String,
}

/// `notification`, in one of two shapes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Notification {
    /// One person's notification, written or folded, with their unread count.
    Single {
        #[serde(serialize_with = "text_id")]
        id: i64,
        #[serde(serialize_with = "word")]
        kind: NotificationKind,
        unread: i64,
        #[serde(skip)]
        recipient: UserId,
    },
    /// A new post or reply told to many at once (a community's subscribers, an
    /// announcement's readers, a thread's participants): one event for all, and each
    /// client refetches its unread count.
    FanOut {
        #[serde(serialize_with = "word")]
        kind: NotificationKind,
        #[serde(serialize_with = "text_id")]
        post_id: PostId,
        #[serde(skip)]
        recipients: Vec<UserId>,
        /// The post's community (`None`: company-wide); its scope when kept.
        #[serde(skip)]
        community: Option<CommunityId>,
    },
}

/// `moderation.decision`: to the author of the content, on their own scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ModerationDecision {
    #[serde(serialize_with = "word")]
    pub target_kind: ContentKind,
    #[serde(serialize_with = "text_id")]
    pub target_id: i64,
    /// For a post or reply, its thread; `None` for a message.
    #[serde(serialize_with = "optional_text_id")]
    pub thread_id: Option<PostId>,
    pub action: Decision,
    pub reason: String,
    #[serde(skip)]
    pub author: UserId,
}

/// What was decided: a moderator's action, or the watch list holding a post for
/// review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Action(ModerationAction),
    Hold,
}

impl Serialize for Decision {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(match self {
            Self::Action(action) => action.as_str(),
            Self::Hold => "hold",
        })
    }
}

/// `message.created` or `message.edited`: to the conversation's members.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MessageChanged {
    #[serde(serialize_with = "text_id")]
    pub conversation_id: ConversationId,
    pub message: LiveMessage,
    /// The members just after the change.
    #[serde(skip)]
    pub members: Vec<UserId>,
}

/// A message as chat events carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LiveMessage {
    #[serde(serialize_with = "text_id")]
    pub id: MessageId,
    #[serde(serialize_with = "text_id")]
    pub conversation_id: ConversationId,
    pub author: MessageAuthor,
    pub body_html: String,
    pub body_markdown: String,
    #[serde(serialize_with = "rfc3339")]
    pub created_at: Millis,
    #[serde(serialize_with = "optional_rfc3339")]
    pub edited_at: Option<Millis>,
    /// Its files: what a client needs to show them; the bytes are fetched from
    /// `/files/{id}/{variant}` by members only.
    pub attachments: Vec<LiveAttachment>,
}

impl LiveMessage {
    /// A message as it is told, written by `author`.
    pub(crate) fn new(
        message: &hearth_domain::Message,
        author: MessageAuthor,
        attachments: &[hearth_domain::upload::Upload],
    ) -> Self {
        Self {
            id: message.id,
            conversation_id: message.conversation_id,
            author,
            body_html: message.body_html.clone(),
            body_markdown: message.body_markdown.clone(),
            created_at: message.created_at,
            edited_at: message.edited_at,
            attachments: attachments.iter().map(LiveAttachment::new).collect(),
        }
    }
}

/// A file on a message, as chat events carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LiveAttachment {
    #[serde(serialize_with = "text_id")]
    pub id: hearth_domain::UploadId,
    pub name: String,
    pub content_type: String,
    pub size: i64,
    pub width: Option<i64>,
    pub height: Option<i64>,
    pub alt_text: Option<String>,
}

impl LiveAttachment {
    fn new(upload: &hearth_domain::upload::Upload) -> Self {
        Self {
            id: upload.id,
            name: upload.name.clone(),
            content_type: upload.content_type.clone(),
            size: upload.size,
            width: upload.dimensions.map(|(w, _)| w),
            height: upload.dimensions.map(|(_, h)| h),
            alt_text: upload.alt_text.clone(),
        }
    }
}

/// A message's author, as chat events name them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MessageAuthor {
    #[serde(serialize_with = "text_id")]
    pub id: UserId,
    pub handle: String,
    pub display_name: String,
    /// A guest of an external network, from outside the company; sent only when
    /// true, so that everyone else's events are as they were.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub guest: bool,
}

/// `message.deleted`: to the conversation's members.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MessageDeleted {
    #[serde(serialize_with = "text_id")]
    pub conversation_id: ConversationId,
    #[serde(serialize_with = "text_id")]
    pub message_id: MessageId,
    #[serde(skip)]
    pub members: Vec<UserId>,
}

/// `conversation.updated`: to the members it names. A direct conversation's title is
/// empty: each side shows the other person's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConversationUpdated {
    #[serde(serialize_with = "text_id")]
    pub conversation_id: ConversationId,
    pub title: String,
    #[serde(serialize_with = "word")]
    pub kind: ConversationKind,
    /// The members just after the change, who are told.
    #[serde(serialize_with = "text_ids")]
    pub member_ids: Vec<UserId>,
}

/// `conversation.removed`: to the person removed (or who left), on their own scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConversationRemoved {
    #[serde(serialize_with = "text_id")]
    pub conversation_id: ConversationId,
    #[serde(skip)]
    pub removed: UserId,
}

/// `conversation.read`: to the reader's other devices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConversationRead {
    #[serde(serialize_with = "text_id")]
    pub conversation_id: ConversationId,
    #[serde(serialize_with = "text_id")]
    pub last_read_id: MessageId,
    #[serde(skip)]
    pub reader: UserId,
}

/// `typing`: to the conversation's other members connected now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Typing {
    #[serde(serialize_with = "text_id")]
    pub conversation_id: ConversationId,
    #[serde(serialize_with = "text_id")]
    pub user_id: UserId,
    /// The members but the one typing.
    #[serde(skip)]
    pub others: Vec<UserId>,
}

/// The closed vocabularies events name by their word (`like`, `mention`, `post`…).
trait Word: Copy {
    fn word(self) -> &'static str;
}

impl Word for ReactionKind {
    fn word(self) -> &'static str {
        self.as_str()
    }
}

impl Word for NotificationKind {
    fn word(self) -> &'static str {
        self.as_str()
    }
}

impl Word for ContentKind {
    fn word(self) -> &'static str {
        self.as_str()
    }
}

impl Word for ConversationKind {
    fn word(self) -> &'static str {
        self.as_str()
    }
}

fn word<S: Serializer>(value: &impl Word, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(value.word())
}

fn text_id<S: Serializer>(id: &impl Display, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(id)
}

fn optional_text_id<S: Serializer>(
    id: &Option<impl Display>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match id {
        Some(id) => serializer.collect_str(id),
        None => serializer.serialize_none(),
    }
}

fn text_ids<S: Serializer>(ids: &[UserId], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(ids.iter().map(ToString::to_string))
}

fn rfc3339<S: Serializer>(at: &Millis, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&crate::rfc3339(*at))
}

fn optional_rfc3339<S: Serializer>(at: &Option<Millis>, serializer: S) -> Result<S::Ok, S::Error> {
    match at {
        Some(at) => serializer.serialize_str(&crate::rfc3339(*at)),
        None => serializer.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const ANA: UserId = UserId(11);
    const BEN: UserId = UserId(12);

    /// The kind and payload an event is kept and sent with.
    fn published(event: &Event) -> (String, String) {
        event.kind_and_payload().unwrap()
    }

    /// Each payload is compared with the `json!` that wrote it before events were
    /// typed, byte for byte: rows kept by either release read alike.
    #[test]
    fn posts_and_reactions_keep_the_payloads_of_earlier_releases() {
        let post = Event::PostCreated(PostCreated {
            post_id: PostId(1),
            community_id: None,
            author_id: ANA,
            community_members: Vec::new(),
        });
        let before = json!({
            "post_id": "1",
            "community_id": None::<String>,
            "author_id": ANA.to_string(),
        });
        assert_eq!(
            published(&post),
            ("post.created".to_owned(), before.to_string())
        );
        assert_eq!(post.scope(), Some(Scope::Network));
        assert_eq!(post.audience(), Audience::Network);

        let in_community = Event::PostCreated(PostCreated {
            post_id: PostId(1),
            community_id: Some(CommunityId(5)),
            author_id: ANA,
            community_members: vec![ANA, BEN],
        });
        assert!(published(&in_community).1.contains(r#""community_id":"5""#));
        assert_eq!(in_community.scope(), Some(Scope::Community(5)));
        assert_eq!(in_community.audience(), Audience::Users(vec![11, 12]));

        let reaction = Event::ReactionAdded(ReactionAdded {
            post_id: PostId(1),
            kind: ReactionKind::Celebrate,
            user: Reactor {
                id: BEN,
                display_name: "Ben \"B\" Ng".to_owned(),
            },
            post_author: ANA,
        });
        let before = json!({
            "post_id": "1",
            "kind": "celebrate",
            "user": { "id": BEN.to_string(), "display_name": "Ben \"B\" Ng" },
        });
        assert_eq!(
            published(&reaction),
            ("reaction.added".to_owned(), before.to_string())
        );
        assert_eq!(reaction.scope(), Some(Scope::User(ANA)));
        assert_eq!(reaction.audience(), Audience::Users(vec![11]));
    }

    #[test]
    fn notifications_and_decisions_keep_the_payloads_of_earlier_releases() {
        let single = Event::Notification(Notification::Single {
            id: 7,
            kind: NotificationKind::ThreadReply,
            unread: 3,
            recipient: BEN,
        });
        let before = json!({ "id": "7", "kind": "thread_reply", "unread": 3 });
        assert_eq!(
            published(&single),
            ("notification".to_owned(), before.to_string())
        );
        assert_eq!(single.scope(), Some(Scope::User(BEN)));
        assert_eq!(single.audience(), Audience::Users(vec![12]));

        let many = Event::Notification(Notification::FanOut {
            kind: NotificationKind::CommunityPost,
            post_id: PostId(1),
            recipients: vec![ANA, BEN],
            community: Some(CommunityId(5)),
        });
        let before = json!({ "kind": "community_post", "post_id": "1" });
        assert_eq!(
            published(&many),
            ("notification".to_owned(), before.to_string())
        );
        assert_eq!(many.scope(), Some(Scope::Community(5)));
        assert_eq!(many.audience(), Audience::Users(vec![11, 12]));

        let hidden = Event::ModerationDecision(ModerationDecision {
            target_kind: ContentKind::Post,
            target_id: 2,
            thread_id: Some(PostId(1)),
            action: Decision::Action(ModerationAction::Hide),
            reason: "off topic".to_owned(),
            author: ANA,
        });
        let before = json!({
            "target_kind": "post",
            "target_id": "2",
            "thread_id": Some("1"),
            "action": "hide",
            "reason": "off topic",
        });
        assert_eq!(
            published(&hidden),
            ("moderation.decision".to_owned(), before.to_string())
        );
        assert_eq!(hidden.audience(), Audience::Users(vec![11]));

        let held = Event::ModerationDecision(ModerationDecision {
            target_kind: ContentKind::Message,
            target_id: 3,
            thread_id: None,
            action: Decision::Hold,
            reason: String::new(),
            author: ANA,
        });
        assert_eq!(
            published(&held).1,
            r#"{"action":"hold","reason":"","target_id":"3","target_kind":"message","thread_id":null}"#
        );
    }

    #[test]
    fn chat_events_keep_the_payloads_of_earlier_releases() {
        let message = LiveMessage {
            id: MessageId(9),
            conversation_id: ConversationId(4),
            author: MessageAuthor {
                id: ANA,
                handle: "ana".to_owned(),
                display_name: "Ana".to_owned(),
                guest: false,
            },
            body_html: "<p>hi</p>".to_owned(),
            body_markdown: "hi".to_owned(),
            created_at: 1_735_689_600_000,
            edited_at: None,
            attachments: Vec::new(),
        };
        let created = Event::MessageCreated(MessageChanged {
            conversation_id: ConversationId(4),
            message: message.clone(),
            members: vec![ANA, BEN],
        });
        let before = json!({
            "conversation_id": "4",
            "message": {
                "id": "9",
                "conversation_id": "4",
                "author": { "id": ANA.to_string(), "handle": "ana", "display_name": "Ana" },
                "body_html": "<p>hi</p>",
                "body_markdown": "hi",
                "created_at": "2025-01-01T00:00:00Z",
                "edited_at": None::<String>,
                "attachments": [],
            },
        });
        assert_eq!(
            published(&created),
            ("message.created".to_owned(), before.to_string())
        );
        assert_eq!(created.scope(), Some(Scope::Conversation(4)));
        assert_eq!(created.audience(), Audience::Users(vec![11, 12]));
        let edited = Event::MessageEdited(MessageChanged {
            conversation_id: ConversationId(4),
            message: LiveMessage {
                edited_at: Some(1_735_689_601_000),
                ..message
            },
            members: vec![ANA, BEN],
        });
        let (kind, payload) = published(&edited);
        assert_eq!(kind, "message.edited");
        assert!(payload.contains(r#""edited_at":"2025-01-01T00:00:01Z""#));

        let deleted = Event::MessageDeleted(MessageDeleted {
            conversation_id: ConversationId(4),
            message_id: MessageId(9),
            members: vec![ANA],
        });
        let before = json!({ "conversation_id": "4", "message_id": "9" });
        assert_eq!(
            published(&deleted),
            ("message.deleted".to_owned(), before.to_string())
        );

        let updated = Event::ConversationUpdated(ConversationUpdated {
            conversation_id: ConversationId(4),
            title: "Team".to_owned(),
            kind: ConversationKind::Group,
            member_ids: vec![ANA, BEN],
        });
        let before = json!({
            "conversation_id": "4",
            "title": "Team",
            "kind": "group",
            "member_ids": [ANA.to_string(), BEN.to_string()],
        });
        assert_eq!(
            published(&updated),
            ("conversation.updated".to_owned(), before.to_string())
        );
        assert_eq!(updated.audience(), Audience::Users(vec![11, 12]));

        let removed = Event::ConversationRemoved(ConversationRemoved {
            conversation_id: ConversationId(4),
            removed: BEN,
        });
        let before = json!({ "conversation_id": "4" });
        assert_eq!(
            published(&removed),
            ("conversation.removed".to_owned(), before.to_string())
        );
        assert_eq!(removed.scope(), Some(Scope::User(BEN)));
        assert_eq!(removed.audience(), Audience::Users(vec![12]));

        let read = Event::ConversationRead(ConversationRead {
            conversation_id: ConversationId(4),
            last_read_id: MessageId(9),
            reader: ANA,
        });
        let before = json!({ "conversation_id": "4", "last_read_id": "9" });
        assert_eq!(
            published(&read),
            ("conversation.read".to_owned(), before.to_string())
        );
        assert_eq!(read.scope(), Some(Scope::User(ANA)));

        let typing = Event::Typing(Typing {
            conversation_id: ConversationId(4),
            user_id: ANA,
            others: vec![BEN],
        });
        let before = json!({ "conversation_id": "4", "user_id": ANA.to_string() });
        assert_eq!(
            published(&typing),
            ("typing".to_owned(), before.to_string())
        );
        assert_eq!(typing.scope(), None, "typing is not kept");
        assert_eq!(typing.audience(), Audience::Users(vec![12]));
    }
}
