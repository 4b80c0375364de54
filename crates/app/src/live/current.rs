//! Kept events brought up to date for a returning client.
//!
//! The `events` table keeps a chat message by reference only (see
//! [`Event::kept_payload`]); rows of earlier releases hold the whole message as it was
//! then. Either way a resumed `message.created` or `message.edited` carries the
//! message as it is now: with its latest text, or not at all once it is deleted or
//! removed by a moderator, exactly as the history shows it. The messages are read
//! with one query per few hundred, so a resume costs a read more, and sending,
//! editing and deleting cost nothing more.

use super::{Event, KeptEvent, LiveMessage, MessageAuthor, MessageChanged, Missed};
use crate::AppError;
use hearth_domain::upload::Upload;
use hearth_domain::{MessageId, NetworkId};
use hearth_store::events::EventRow;
use hearth_store::uploads::{self, Target};
use hearth_store::{Conn, messages};
use std::collections::HashMap;

const CREATED: &str = "message.created";
const EDITED: &str = "message.edited";

/// The rows as they may be sent now: messages as they are, those gone withheld.
pub(super) async fn as_now(
    db: &mut Conn,
    network: NetworkId,
    rows: Vec<EventRow>,
) -> Result<Missed, AppError> {
    let told: Vec<MessageId> = rows.iter().filter_map(message_told).collect();
    let mut now: HashMap<MessageId, messages::Authored> = HashMap::new();
    let mut files = HashMap::new();
    if !told.is_empty() {
        for authored in messages::authored_by_ids(db, network, &told).await? {
            now.insert(authored.message.id, authored);
        }
        let targets: Vec<Target> = told.iter().map(|id| Target::Message(*id)).collect();
        files = uploads::attached(db, &targets).await?.1;
    }
    let mut missed = Missed {
        events: Vec::with_capacity(rows.len()),
        withheld: Vec::new(),
    };
    for row in rows {
        let payload = match message_told(&row) {
            None if is_message(&row.kind) => None,
            None => Some(row.payload),
            Some(id) => now
                .get(&id)
                .filter(|authored| authored.message.deleted_at.is_none())
                .map(|authored| {
                    let attached = files.get(&id).map(Vec::as_slice).unwrap_or_default();
                    payload_now(&row.kind, authored, attached)
                })
                .transpose()?,
        };
        match payload {
            Some(payload) => missed.events.push(KeptEvent {
                id: row.id,
                kind: row.kind,
                payload,
                created_at: row.created_at,
            }),
            None => missed.withheld.push(row.id),
        }
    }
    Ok(missed)
}

fn is_message(kind: &str) -> bool {
    kind == CREATED || kind == EDITED
}

/// The message a kept `message.created` or `message.edited` tells of: `message_id`
/// in rows of this release, `message.id` in those of earlier ones. `None` for other
/// kinds, and for a row that names none (it is withheld: nothing is sent unchecked).
fn message_told(row: &EventRow) -> Option<MessageId> {
    if !is_message(&row.kind) {
        return None;
    }
    let data: serde_json::Value = serde_json::from_str(&row.payload).ok()?;
    let id = data
        .get("message_id")
        .or_else(|| data.get("message").and_then(|message| message.get("id")))?;
    id.as_str()?.parse().ok().map(MessageId)
}

/// The payload of the event of `kind` about the message as it is now, as the live
/// stream would have sent it.
fn payload_now(
    kind: &str,
    authored: &messages::Authored,
    attachments: &[Upload],
) -> Result<String, AppError> {
    let message = &authored.message;
    let author = MessageAuthor {
        id: message.author_id,
        handle: authored.author_handle.clone(),
        display_name: authored.author_name.clone(),
        guest: authored.author_guest,
    };
    let changed = MessageChanged {
        conversation_id: message.conversation_id,
        message: LiveMessage::new(message, author, attachments),
        members: Vec::new(),
    };
    let event = if kind == CREATED {
        Event::MessageCreated(changed)
    } else {
        Event::MessageEdited(changed)
    };
    let (_, payload) = event
        .kind_and_payload()
        .map_err(|err| AppError::Internal(Box::new(err)))?;
    Ok(payload)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(kind: &str, payload: &str) -> EventRow {
        EventRow {
            id: 1,
            kind: kind.to_owned(),
            payload: payload.to_owned(),
            created_at: 0,
        }
    }

    #[test]
    fn kept_messages_are_found_in_rows_of_this_release_and_earlier_ones() {
        let now = row(CREATED, r#"{"conversation_id":"4","message_id":"9"}"#);
        assert_eq!(message_told(&now), Some(MessageId(9)));
        let earlier = row(
            EDITED,
            r#"{"conversation_id":"4","message":{"id":"9","body_markdown":"old"}}"#,
        );
        assert_eq!(message_told(&earlier), Some(MessageId(9)));
        assert_eq!(message_told(&row(CREATED, "{}")), None);
        assert_eq!(
            message_told(&row("message.deleted", r#"{"message_id":"9"}"#)),
            None,
            "a deletion tells no text; it is sent as kept"
        );
    }
}
