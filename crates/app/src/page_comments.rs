//! Comments on intranet pages. A page of a site allowed to embed Hearth gets a thread
//! at its first comment, in the community the admin chose (or company-wide); that
//! comment is the thread's post and the others are replies, so the discussion is
//! read, searched, notified and digested like any other in Hearth.

use crate::access::{is_shown, load_in_readable_place};
use crate::feeds::{self, ThreadPage, ThreadView};
use crate::posts;
use crate::{App, AppError, signed_in};
use hearth_domain::embed::{canonical_page_url, page_title};
use hearth_domain::{Actor, CommunityId, Post, PostId, User};
use hearth_store::embedding;

/// The page a thread is the comments of, as its cards link it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageLink {
    pub url: String,
    pub title: String,
}

/// A page's comments as a reader sees them.
#[derive(Debug, Clone)]
pub struct PageDiscussion {
    /// The page's canonical address, which keys its comments.
    pub url: String,
    /// The title the thread is shown under: the one stored at the first comment, or
    /// the page's own until then.
    pub title: String,
    /// `None` until someone comments.
    pub thread: Option<ThreadView>,
    /// Where a first comment starts the thread; `None` is the whole company.
    pub community_id: Option<CommunityId>,
}

/// The comments on the page at `raw_url`, titled `raw_title` by the page itself.
/// A reader who may not read the community the comments are in gets the same
/// refusal as for its feed.
pub async fn discussion(
    app: &App,
    actor: &Actor,
    raw_url: &str,
    raw_title: &str,
    wanted: ThreadPage,
) -> Result<PageDiscussion, AppError> {
    let found = page(app, actor, raw_url, raw_title).await?;
    let thread = match found.thread_id {
        Some(id) => Some(feeds::thread(app, actor, id, wanted).await?),
        None => None,
    };
    Ok(PageDiscussion {
        url: found.url,
        title: found.title,
        thread,
        community_id: found.community_id,
    })
}

/// Where a page's comments are, without reading them: its canonical address and
/// title, its thread's post (`None` before the first comment, or while that comment
/// is held for review), and where a first comment goes.
pub async fn page(
    app: &App,
    actor: &Actor,
    raw_url: &str,
    raw_title: &str,
) -> Result<PageSummary, AppError> {
    let user = signed_in(actor)?;
    let found = find(app, user, raw_url).await?;
    let (title, thread_id) = match found.thread {
        Some(existing) => {
            // Someone who may not read where the comments are learns nothing of them;
            // while the first comment is held, nobody else sees its page's comments.
            let mut db = app.store().conn().await?;
            let (post, rows) = load_in_readable_place(&mut db, user, existing.post_id).await?;
            let shown = is_shown(user, &post, &rows).then_some(post.id);
            (existing.title, shown)
        }
        None => (page_title(raw_title, &found.url), None),
    };
    Ok(PageSummary {
        url: found.url,
        title,
        thread_id,
        community_id: found.settings.page_comments_community,
    })
}

/// A page with comments, as [`page`] finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageSummary {
    pub url: String,
    pub title: String,
    pub thread_id: Option<PostId>,
    pub community_id: Option<CommunityId>,
}

/// Comments on a page: the first comment starts its thread, later ones reply to it.
/// Answers to a comment are ordinary replies to it.
pub async fn comment(
    app: &App,
    actor: &Actor,
    raw_url: &str,
    raw_title: &str,
    body: &str,
) -> Result<Post, AppError> {
    let user = signed_in(actor)?;
    let Found {
        url,
        settings,
        thread,
    } = find(app, user, raw_url).await?;
    if let Some(existing) = thread {
        return posts::reply(app, actor, existing.post_id, body).await;
    }
    let title = page_title(raw_title, &url);
    let started = posts::start_page_thread(
        app,
        user,
        settings.page_comments_community,
        body,
        &PageLink {
            url: url.clone(),
            title,
        },
    )
    .await;
    match started {
        // Someone else's first comment landed in the same instant: this one answers it.
        Err(AppError::Conflict { .. }) => {
            let thread = committed_thread(app, user, &url).await?;
            posts::reply(app, actor, thread, body).await
        }
        other => other,
    }
}

/// The thread another writer just started for the page. On SQLite that writer's
/// transaction may be one a group of writes shares, still committing as this one
/// learns of it; its row shows once the group's commit is done.
async fn committed_thread(app: &App, user: &User, url: &str) -> Result<PostId, AppError> {
    for _ in 0..50 {
        let mut db = app.store().conn().await?;
        if let Some(thread) = embedding::thread_of_page(&mut db, user.network_id, url).await? {
            return Ok(thread.post_id);
        }
        drop(db);
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    Err(AppError::NotFound("page"))
}

/// A page as a request names it: its canonical address, the network's settings that
/// allowed it, and its thread, if it has one.
struct Found {
    url: String,
    settings: embedding::EmbedSettings,
    thread: Option<embedding::PageThread>,
}

async fn find(app: &App, user: &User, raw_url: &str) -> Result<Found, AppError> {
    let mut db = app.store().conn().await?;
    let settings = embedding::settings(&mut db, user.network_id).await?;
    let url = canonical_page_url(raw_url, &settings.frame_origins)?;
    let thread = embedding::thread_of_page(&mut db, user.network_id, &url).await?;
    Ok(Found {
        url,
        settings,
        thread,
    })
}
