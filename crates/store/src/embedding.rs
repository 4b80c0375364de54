//! The `embed_settings` and `page_threads` tables: which sites may frame Hearth, where
//! intranet pages' comments go, and the thread each commented page has.

use crate::{Conn, StoreError, keep_prepared, placeholders};
use hearth_domain::embed::FrameOrigins;
use hearth_domain::{CommunityId, Millis, NetworkId, PostId};
use std::collections::HashMap;

/// A network's embedding settings; the defaults (no site, company-wide comments)
/// until an admin saves some.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EmbedSettings {
    pub frame_origins: FrameOrigins,
    /// `None`: the whole company.
    pub page_comments_community: Option<CommunityId>,
}

pub async fn settings(db: &mut Conn, network: NetworkId) -> Result<EmbedSettings, StoreError> {
    let row: Option<(String, Option<i64>)> = sqlx::query_as(
        "SELECT frame_origins, page_comments_community_id FROM embed_settings WHERE network_id = $1",
    )
    .bind(network.0)
    .fetch_optional(db)
    .await?;
    Ok(
        row.map_or_else(EmbedSettings::default, |(origins, community)| {
            EmbedSettings {
                frame_origins: FrameOrigins::from_stored(&origins),
                page_comments_community: community.map(CommunityId),
            }
        }),
    )
}

/// The sites that may frame the company's own network, in one read: every embeddable
/// page asks, signed in or not.
pub async fn home_frame_origins(db: &mut Conn) -> Result<FrameOrigins, StoreError> {
    let stored: Option<String> = sqlx::query_scalar(
        "SELECT e.frame_origins FROM embed_settings e JOIN networks n ON n.id = e.network_id \
         WHERE n.kind = 'home'",
    )
    .fetch_optional(db)
    .await?;
    Ok(stored.map_or_else(FrameOrigins::default, |s| FrameOrigins::from_stored(&s)))
}

pub async fn save_settings(
    db: &mut Conn,
    network: NetworkId,
    settings: &EmbedSettings,
    now: Millis,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO embed_settings (network_id, frame_origins, page_comments_community_id, updated_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (network_id) DO UPDATE SET \
         frame_origins = excluded.frame_origins, \
         page_comments_community_id = excluded.page_comments_community_id, \
         updated_at = excluded.updated_at",
    )
    .bind(network.0)
    .bind(settings.frame_origins.to_stored())
    .bind(settings.page_comments_community.map(|c| c.0))
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

/// An intranet page with comments: the page and the thread they are in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageThread {
    pub post_id: PostId,
    pub url: String,
    pub title: String,
}

/// The thread of the page with this canonical address, if it has one. A thread whose
/// first comment was deleted is none: the next comment starts the page's thread anew.
pub async fn thread_of_page(
    db: &mut Conn,
    network: NetworkId,
    url: &str,
) -> Result<Option<PageThread>, StoreError> {
    let row: Option<(i64, String, String)> = sqlx::query_as(
        "SELECT pt.post_id, pt.url, pt.title FROM page_threads pt \
         JOIN posts p ON p.id = pt.post_id \
         WHERE pt.network_id = $1 AND pt.url = $2 AND p.deleted_at IS NULL",
    )
    .bind(network.0)
    .bind(url)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|(post_id, url, title)| PageThread {
        post_id: PostId(post_id),
        url,
        title,
    }))
}

/// Makes `post` the page's thread, and its title the words the post is found by; it
/// takes the place of a thread whose first comment was deleted. Answers `false`,
/// changing nothing, when the page got a thread meanwhile.
pub async fn start_thread(
    db: &mut Conn,
    network: NetworkId,
    page: &PageThread,
    now: Millis,
) -> Result<bool, StoreError> {
    let inserted = sqlx::query(
        "INSERT INTO page_threads (post_id, network_id, url, title, created_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (network_id, url) DO UPDATE SET \
         post_id = excluded.post_id, title = excluded.title, created_at = excluded.created_at \
         WHERE page_threads.post_id IN (SELECT id FROM posts WHERE deleted_at IS NOT NULL)",
    )
    .bind(page.post_id.0)
    .bind(network.0)
    .bind(&page.url)
    .bind(&page.title)
    .bind(now)
    .execute(&mut *db)
    .await?
    .rows_affected()
        > 0;
    if inserted {
        sqlx::query("UPDATE posts SET heading = $1 WHERE id = $2")
            .bind(&page.title)
            .bind(page.post_id.0)
            .execute(db)
            .await?;
    }
    Ok(inserted)
}

/// The pages these posts are the comment threads of, by post.
pub async fn pages_of_posts(
    db: &mut Conn,
    posts: &[PostId],
) -> Result<HashMap<PostId, PageThread>, StoreError> {
    if posts.is_empty() {
        return Ok(HashMap::new());
    }
    let sql = format!(
        "SELECT post_id, url, title FROM page_threads WHERE post_id IN ({})",
        placeholders(1, posts.len())
    );
    let mut query =
        sqlx::query_as::<_, (i64, String, String)>(&sql).persistent(keep_prepared(posts.len()));
    for post in posts {
        query = query.bind(post.0);
    }
    Ok(query
        .fetch_all(db)
        .await?
        .into_iter()
        .map(|(post_id, url, title)| {
            (
                PostId(post_id),
                PageThread {
                    post_id: PostId(post_id),
                    url,
                    title,
                },
            )
        })
        .collect())
}
