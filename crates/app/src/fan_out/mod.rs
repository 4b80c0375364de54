//! Telling people: use cases call [`notify`] in their own transaction for each person
//! an act concerns; a new post is told about after its transaction
//! ([`after_commit`]), to everyone it concerns ([`new_post`]). Each notification is written (or folded) for the centre, mailed when its recipient
//! wants it by e-mail, and pushed on the live stream (kind `notification`).
//!
//! The centre itself is `notifications`, the recipients' choices
//! `notification_settings`, and e-mail `mail`; this module depends on all three and
//! none of them on it.

use crate::live::{self, Event, LiveEvent, Notification};
use crate::notifications::{About, UNREAD_CAP, excerpt_of};
use crate::{App, AppError};
use hearth_domain::{NetworkId, NotificationKind, User, UserId};
use hearth_store::Conn;
use hearth_store::notifications::{self, NewNotification};

mod after_commit;
mod new_post;

pub use after_commit::catch_up;
pub(crate) use after_commit::{Worker, leave, room, settled, start};

/// One person to tell about one act.
pub(crate) struct Notice<'a> {
    pub network: NetworkId,
    pub recipient: UserId,
    pub kind: NotificationKind,
    pub about: About,
    /// Notices with the same key fold together while unread.
    pub group_key: String,
    pub actor: &'a User,
    pub excerpt: &'a str,
}

/// Writes (or folds) the notice in the caller's transaction and answers the live
/// event to publish after commit. Nobody is told about their own act.
pub(crate) async fn notify(
    db: &mut Conn,
    app: &App,
    notice: Notice<'_>,
) -> Result<Option<LiveEvent>, AppError> {
    if notice.recipient == notice.actor.id {
        return Ok(None);
    }
    remind(db, app, notice).await
}

/// Like [`notify`], for what concerns its recipient without anyone else acting (their
/// poll closed): the notice names them as its actor, and is written all the same.
pub(crate) async fn remind(
    db: &mut Conn,
    app: &App,
    notice: Notice<'_>,
) -> Result<Option<LiveEvent>, AppError> {
    // "Off" means not even in the centre.
    if crate::notification_settings::channel_for(db, notice.recipient, notice.kind).await?
        == hearth_domain::Channel::Off
    {
        return Ok(None);
    }
    let (subject_kind, subject_id) = match notice.about {
        About::Post(id) => ("post", id),
        About::Conversation(id) => ("conversation", id),
    };
    let excerpt = excerpt_of(notice.excerpt);
    let id = notifications::fold(
        db,
        &NewNotification {
            id: app.next_id(),
            network_id: notice.network,
            user_id: notice.recipient,
            kind: notice.kind.as_str(),
            subject_kind,
            subject_id,
            group_key: &notice.group_key,
            actor_id: notice.actor.id,
            excerpt: &excerpt,
            now: app.now(),
        },
    )
    .await?;
    crate::mail::about_notification(db, app, notice.network, notice.recipient, notice.kind, id)
        .await?;
    let unread = notifications::unread_count(db, notice.recipient, UNREAD_CAP).await?;
    let event = Event::Notification(Notification::Single {
        id,
        kind: notice.kind,
        unread,
        recipient: notice.recipient,
    });
    let event = live::record(db, app, notice.network, event).await?;
    Ok(Some(event))
}
