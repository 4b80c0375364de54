//! Content screening: what the watch list makes of a post's text, putting matching
//! posts in the queue or holding them there, and the notices that tell a hidden or
//! held post's author why.

use crate::live::{self, Decision, Event, LiveEvent, ModerationDecision};
use crate::{App, AppError};
use hearth_domain::moderation::WatchTerm;
use hearth_domain::post::{ContentKind, Moderation, WatchMode, contains_term};
use hearth_domain::{Post, PostId};
use hearth_store::Conn;
use hearth_store::moderation::{self as store, NewReport};
use std::collections::HashMap;

/// What the watch list makes of a post's text.
#[derive(Debug, Clone)]
pub(crate) struct Screening {
    pub hold: bool,
    /// The report's reason, naming the terms found, for moderators.
    reason: String,
}

/// Why a held post is held, as its author is told. The terms are for moderators.
const HELD_REASON: &str = "it contains a term the network's administrators review first";

/// Checks a post's text against the network's watch list; `None` when nothing
/// watched is in it.
pub(crate) async fn screen(
    db: &mut Conn,
    network: hearth_domain::NetworkId,
    text: &str,
) -> Result<Option<Screening>, AppError> {
    let found: Vec<WatchTerm> = store::terms(db, network)
        .await?
        .into_iter()
        .filter(|t| contains_term(text, &t.term))
        .collect();
    if found.is_empty() {
        return Ok(None);
    }
    let names: Vec<String> = found.iter().map(|t| format!("“{}”", t.term)).collect();
    let reason = if names.len() == 1 {
        format!("matches the watched term {}", names[0])
    } else {
        format!("matches the watched terms {}", names.join(", "))
    };
    Ok(Some(Screening {
        hold: found.iter().any(|t| t.mode == WatchMode::Hold),
        reason,
    }))
}

/// Puts a screened post in the queue (once while a watch-list report of it is open)
/// and, when held, records the hold and answers the author's notice. The caller has
/// already saved a held post as `held`.
pub(crate) async fn flag(
    db: &mut Conn,
    app: &App,
    post: &Post,
    screening: &Screening,
) -> Result<Option<LiveEvent>, AppError> {
    if !store::has_open_report(db, None, ContentKind::Post, post.id.0).await? {
        store::insert_report(
            db,
            &NewReport {
                id: hearth_domain::ReportId(app.next_id()),
                network_id: post.network_id,
                reporter_id: None,
                target_kind: ContentKind::Post,
                target_id: post.id.0,
                community_id: post.community_id,
                reason: &screening.reason,
                created_at: app.now(),
            },
        )
        .await?;
    }
    if !screening.hold {
        return Ok(None);
    }
    store::insert_action(
        db,
        app.next_id(),
        post.network_id,
        ContentKind::Post,
        post.id.0,
        "hold",
        HELD_REASON,
        None,
        app.now(),
    )
    .await?;
    let event = Event::ModerationDecision(ModerationDecision {
        target_kind: ContentKind::Post,
        target_id: post.id.0,
        thread_id: Some(post.thread_id()),
        action: Decision::Hold,
        reason: HELD_REASON.to_owned(),
        author: post.author_id,
    });
    Ok(Some(live::record(db, app, post.network_id, event).await?))
}

/// Why a post is hidden or held, as its author (and its moderators) see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub moderation: Moderation,
    pub reason: String,
}

/// The notices of those of `shown` that are hidden or held. Whoever sees such a post
/// is its author or may moderate it (see `store::posts::visible`).
pub(crate) async fn notices(
    db: &mut Conn,
    shown: &[&Post],
) -> Result<HashMap<PostId, Notice>, AppError> {
    let ids: Vec<i64> = shown
        .iter()
        .filter(|p| p.moderation != Moderation::Visible)
        .map(|p| p.id.0)
        .collect();
    let decisions = store::latest_decisions(db, ContentKind::Post, &ids, &["hide", "hold"]).await?;
    Ok(shown
        .iter()
        .filter(|p| p.moderation != Moderation::Visible)
        .map(|p| {
            let reason = decisions
                .get(&p.id.0)
                .map_or_else(|| HELD_REASON.to_owned(), |d| d.reason.clone());
            (
                p.id,
                Notice {
                    moderation: p.moderation,
                    reason,
                },
            )
        })
        .collect())
}
