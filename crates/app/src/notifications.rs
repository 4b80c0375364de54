//! The notification centre: a person's notifications, folded while unread, most
//! recently updated first, and marking them read. They are written by `fan_out`.

use crate::{App, AppError, signed_in};
use hearth_domain::{Actor, Millis, NotificationId, NotificationKind, UserId};
use hearth_i18n::{FluentArgs, Tr, t};
use hearth_store::notifications::{self, NotificationRow};
use hearth_store::posts;

/// The most unread notifications counted; the centre shows "99+" beyond.
pub const UNREAD_CAP: i64 = 100;

/// How much of a body a notification quotes.
const EXCERPT_CHARS: usize = 140;

/// What a notification is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum About {
    Post(i64),
    Conversation(i64),
}

/// A notification as the centre shows it.
#[derive(Debug, Clone)]
pub struct NotificationView {
    pub id: NotificationId,
    pub kind: NotificationKind,
    pub about: About,
    /// The names of the people who acted that are still known, first the latest.
    pub actor_names: Vec<String>,
    pub actor_ids: Vec<UserId>,
    pub actor_count: i64,
    pub excerpt: String,
    /// The community of the article it tells of, if any.
    pub place: Option<String>,
    pub created_at: Millis,
    pub updated_at: Millis,
    pub read: bool,
}

impl NotificationView {
    /// The sentence the centre shows, e.g. "Ana and 4 others reacted to your post".
    pub fn sentence(&self, tr: Tr) -> String {
        sentence(
            tr,
            self.kind,
            &self.actor_names,
            self.actor_count,
            self.place.as_deref(),
        )
    }

    /// Where the notification leads.
    pub fn href(&self) -> String {
        self.about.href()
    }
}

/// A page of the centre and the unread count.
#[derive(Debug, Clone)]
pub struct NotificationPage {
    pub notifications: Vec<NotificationView>,
    pub unread: i64,
    /// The cursor of the next page, if there may be one.
    pub next: Option<(Millis, NotificationId)>,
}

/// The acting person's notifications, most recently updated first.
pub async fn list(
    app: &App,
    actor: &Actor,
    before: Option<(Millis, NotificationId)>,
    limit: i64,
) -> Result<NotificationPage, AppError> {
    let user = signed_in(actor)?;
    let limit = limit.clamp(1, 100);
    let mut db = app.store().conn().await?;
    let rows = notifications::page(
        &mut db,
        user.id,
        before.map_or((i64::MAX, i64::MAX), |(at, id)| (at, id.0)),
        limit,
    )
    .await?;
    let unread = notifications::unread_count(&mut db, user.id, UNREAD_CAP).await?;
    let mut ids: Vec<UserId> = rows.iter().flat_map(NotificationRow::actors).collect();
    ids.sort_unstable();
    ids.dedup();
    let names = posts::authors(&mut db, &ids).await?;
    let next = (rows.len() as i64 == limit)
        .then(|| {
            rows.last()
                .map(|row| (row.updated_at, NotificationId(row.id)))
        })
        .flatten();
    let notifications = rows
        .into_iter()
        .filter_map(|row| {
            let kind = NotificationKind::parse(&row.kind)?;
            let actor_ids = row.actors();
            let actor_names: Vec<String> = actor_ids
                .iter()
                .filter_map(|id| names.get(id).map(|author| author.name.clone()))
                .collect();
            let about = about(&row.subject_kind, row.subject_id);
            Some(NotificationView {
                id: NotificationId(row.id),
                kind,
                about,
                actor_names,
                actor_ids,
                actor_count: row.actor_count,
                excerpt: row.excerpt,
                place: row.place,
                created_at: row.created_at,
                updated_at: row.updated_at,
                read: row.read_at.is_some(),
            })
        })
        .collect();
    Ok(NotificationPage {
        notifications,
        unread,
        next,
    })
}

/// How many unread notifications the acting person has (up to [`UNREAD_CAP`]).
pub async fn unread(app: &App, actor: &Actor) -> Result<i64, AppError> {
    let user = signed_in(actor)?;
    let mut db = app.store().conn().await?;
    Ok(notifications::unread_count(&mut db, user.id, UNREAD_CAP).await?)
}

/// Marks one notification read; answers what it is about.
pub async fn mark_read(app: &App, actor: &Actor, id: NotificationId) -> Result<About, AppError> {
    let user = signed_in(actor)?;
    let mut tx = app.store().begin().await?;
    let (kind, subject) = notifications::mark_read(&mut tx, user.id, id.0, app.now())
        .await?
        .ok_or(AppError::NotFound("notification"))?;
    tx.commit().await?;
    Ok(about(&kind, subject))
}

fn about(kind: &str, id: i64) -> About {
    match kind {
        "conversation" => About::Conversation(id),
        _ => About::Post(id),
    }
}

impl About {
    /// Where it is in the web UI.
    pub fn href(self) -> String {
        match self {
            Self::Post(id) => crate::links::post(id),
            Self::Conversation(id) => crate::links::conversation(id),
        }
    }
}

/// Marks every notification read; answers how many were unread.
pub async fn mark_all_read(app: &App, actor: &Actor) -> Result<u64, AppError> {
    let user = signed_in(actor)?;
    let mut tx = app.store().begin().await?;
    let marked = notifications::mark_all_read(&mut tx, user.id, app.now()).await?;
    tx.commit().await?;
    Ok(marked)
}

pub(crate) fn excerpt_of(body: &str) -> String {
    let flat = body.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= EXCERPT_CHARS {
        return flat;
    }
    let mut cut: String = flat.chars().take(EXCERPT_CHARS - 1).collect();
    cut.push('…');
    cut
}

/// "Ana and 4 others reacted to your post": who acted (the first known name and
/// how many more) and what they did, in one sentence of the reader's language.
/// `place` names the community of an article ("… published an article in
/// Engineering").
pub(crate) fn sentence(
    tr: Tr,
    kind: NotificationKind,
    names: &[String],
    count: i64,
    place: Option<&str>,
) -> String {
    // Translations agree the verb with how many people the phrase names.
    let people = if names.is_empty() { 1 } else { count.max(1) };
    let actors = actors_phrase(tr, names, count);
    let id = match kind {
        NotificationKind::Mention => "notification-mention",
        NotificationKind::Reply => "notification-reply",
        NotificationKind::ThreadReply => "notification-thread-reply",
        NotificationKind::Reaction => "notification-reaction",
        NotificationKind::Share => "notification-share",
        NotificationKind::Reference => "notification-reference",
        NotificationKind::BestAnswer => "notification-best-answer",
        NotificationKind::DirectMessage => "notification-direct-message",
        NotificationKind::Moderation => "notification-moderation",
        NotificationKind::CommunityPost => "notification-community-post",
        NotificationKind::Announcement => "notification-announcement",
        NotificationKind::PollClosed => "notification-poll-closed",
        NotificationKind::Praise => "notification-praise",
        NotificationKind::PraiseForReport => "notification-praise-for-report",
        NotificationKind::ArticlePublished if place.is_some() => {
            "notification-article-published-in"
        }
        NotificationKind::ArticlePublished => "notification-article-published",
    };
    let mut args = FluentArgs::new();
    args.set("actors", actors);
    args.set("count", people);
    if let Some(place) = place {
        args.set("community", place.to_owned());
    }
    tr.t_args(id, &args)
}

/// "Ana", "Ana and Ben", "Ana and 4 others", or "Someone" when no name is known.
fn actors_phrase(tr: Tr, names: &[String], count: i64) -> String {
    let Some(first) = names.first() else {
        return t!(tr, "notification-someone");
    };
    match count {
        ..=1 => first.clone(),
        2 => match names.get(1) {
            Some(second) => t!(
                tr,
                "notification-actors-two",
                first = first.as_str(),
                second = second.as_str()
            ),
            None => t!(
                tr,
                "notification-actors-more",
                first = first.as_str(),
                others = 1
            ),
        },
        more => t!(
            tr,
            "notification-actors-more",
            first = first.as_str(),
            others = more - 1
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn folded_actors_read_naturally() {
        let en = Tr::english();
        assert_eq!(actors_phrase(en, &names(&["Ana"]), 1), "Ana");
        assert_eq!(actors_phrase(en, &names(&["Ana", "Ben"]), 2), "Ana and Ben");
        assert_eq!(
            actors_phrase(en, &names(&["Ana", "Ben"]), 5),
            "Ana and 4 others"
        );
        assert_eq!(actors_phrase(en, &[], 0), "Someone");
    }

    #[test]
    fn an_article_names_its_community() {
        let ana = names(&["Ana"]);
        let kind = NotificationKind::ArticlePublished;
        assert_eq!(
            sentence(Tr::english(), kind, &ana, 1, Some("Engineering")),
            "Ana published an article in Engineering"
        );
        assert_eq!(
            sentence(Tr::english(), kind, &ana, 1, None),
            "Ana published an article"
        );
    }

    #[test]
    fn sentences_are_in_the_readers_language() {
        let ana = names(&["Ana", "Ben"]);
        assert_eq!(
            sentence(Tr::english(), NotificationKind::Reaction, &ana, 2, None),
            "Ana and Ben reacted to your post"
        );
        let german = sentence(
            Tr::for_tag("de").unwrap_or_else(Tr::english),
            NotificationKind::Reaction,
            &ana,
            2,
            None,
        );
        assert!(german.starts_with("Ana und Ben"), "{german}");
    }
}
