//! What a network's retention policy deletes, counted or for real.
//!
//! Posts go by whole threads: a thread (a post that is no reply, with all its replies)
//! goes when its newest activity (a post or reply written or edited, a vote in its
//! poll) is older than the cutoff, so no reply is ever left without its thread. Everything that hangs on
//! those posts goes with them (articles and their reads, versions, reactions, polls
//! and their votes, praise, hashtags, mentions, references, attached files).
//! A newer post that shares one of them keeps its own words and loses the link, and a
//! kept thread whose best answer goes loses the mark. Chat messages go one by one
//! when written (or last edited) before the cutoff; conversations and their members
//! stay. The audit log is never touched.

use crate::{Conn, StoreError};
use hearth_domain::retention::RetentionCounts;
use hearth_domain::{Millis, NetworkId};

/// Threads of network `$1` whose newest activity is before `$2`. A vote in the
/// thread's poll is activity too: a poll still voted in is not deleted under its
/// voters.
const ROOTS: &str = "SELECT r.id FROM posts r WHERE r.network_id = $1 AND r.root_id IS NULL \
    AND COALESCE(r.edited_at, r.created_at) < $2 \
    AND NOT EXISTS (SELECT 1 FROM posts x WHERE x.root_id = r.id \
                    AND COALESCE(x.edited_at, x.created_at) >= $2) \
    AND NOT EXISTS (SELECT 1 FROM poll_ballots b WHERE b.post_id = r.id AND b.cast_at >= $2)";

/// The condition on `posts d` that picks those threads' posts and replies.
fn doomed_condition() -> String {
    format!("d.network_id = $1 AND (d.id IN ({ROOTS}) OR d.root_id IN ({ROOTS}))")
}

fn doomed_posts() -> String {
    format!("SELECT d.id FROM posts d WHERE {}", doomed_condition())
}

/// Messages of network `$1` last written before `$2`.
const MESSAGES: &str = "COALESCE(m.edited_at, m.created_at) < $2 \
    AND m.conversation_id IN (SELECT c.id FROM conversations c WHERE c.network_id = $1)";

async fn scalar(
    db: &mut Conn,
    sql: &str,
    network: NetworkId,
    cutoff: Millis,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(sql)
        .bind(network.0)
        .bind(cutoff)
        .fetch_one(db)
        .await?)
}

async fn execute(
    db: &mut Conn,
    sql: &str,
    network: NetworkId,
    cutoff: Millis,
) -> Result<i64, StoreError> {
    let done = sqlx::query(sql)
        .bind(network.0)
        .bind(cutoff)
        .execute(db)
        .await?;
    Ok(i64::try_from(done.rows_affected()).unwrap_or(i64::MAX))
}

/// What [`delete`] would delete with this cutoff, changing nothing.
pub async fn count(
    db: &mut Conn,
    network: NetworkId,
    cutoff: Millis,
) -> Result<RetentionCounts, StoreError> {
    let doomed = doomed_posts();
    Ok(RetentionCounts {
        posts: scalar(
            db,
            &format!("SELECT COUNT(*) FROM posts d WHERE {}", doomed_condition()),
            network,
            cutoff,
        )
        .await?,
        reactions: scalar(
            db,
            &format!("SELECT COUNT(*) FROM reactions WHERE post_id IN ({doomed})"),
            network,
            cutoff,
        )
        .await?,
        messages: scalar(
            db,
            &format!("SELECT COUNT(*) FROM messages m WHERE {MESSAGES}"),
            network,
            cutoff,
        )
        .await?,
    })
}

/// Deletes the network's content older than `cutoff` (see the module's doc). Run it
/// in a transaction: the statements only make sense together.
pub async fn delete(
    db: &mut Conn,
    network: NetworkId,
    cutoff: Millis,
) -> Result<RetentionCounts, StoreError> {
    let doomed = doomed_posts();
    // Links from kept posts into the doomed ones first, so no foreign key dangles.
    execute(
        db,
        &format!(
            "UPDATE posts SET shared_post_id = NULL WHERE network_id = $1 \
             AND shared_post_id IN ({doomed}) AND id NOT IN ({doomed})"
        ),
        network,
        cutoff,
    )
    .await?;
    execute(
        db,
        &format!(
            "UPDATE posts SET best_answer_id = NULL WHERE network_id = $1 \
             AND best_answer_id IN ({doomed}) AND id NOT IN ({doomed})"
        ),
        network,
        cutoff,
    )
    .await?;
    execute(
        db,
        &format!(
            "DELETE FROM post_references WHERE source_id IN ({doomed}) OR target_id IN ({doomed})"
        ),
        network,
        cutoff,
    )
    .await?;
    // Their files go with them; the content itself goes when the sweeper finds no
    // rendition refers to it.
    let doomed_messages = format!("SELECT m.id FROM messages m WHERE {MESSAGES}");
    execute(
        db,
        &format!(
            "DELETE FROM article_reads WHERE article_id IN \
             (SELECT a.id FROM articles a WHERE a.post_id IN ({doomed}))"
        ),
        network,
        cutoff,
    )
    .await?;
    // Before the files: an article's cover is one of its post's.
    execute(
        db,
        &format!("DELETE FROM articles WHERE post_id IN ({doomed})"),
        network,
        cutoff,
    )
    .await?;
    for owner in [
        format!("u.post_id IN ({doomed})"),
        format!("u.message_id IN ({doomed_messages})"),
    ] {
        // An article kept while an image it took as its cover goes loses the cover.
        execute(
            db,
            &format!(
                "UPDATE articles SET cover_id = NULL WHERE cover_id IN \
                 (SELECT u.id FROM uploads u WHERE {owner})"
            ),
            network,
            cutoff,
        )
        .await?;
        execute(
            db,
            &format!(
                "DELETE FROM upload_renditions WHERE upload_id IN \
                 (SELECT u.id FROM uploads u WHERE {owner})"
            ),
            network,
            cutoff,
        )
        .await?;
        execute(
            db,
            &format!("DELETE FROM uploads WHERE id IN (SELECT u.id FROM uploads u WHERE {owner})"),
            network,
            cutoff,
        )
        .await?;
    }
    for table in [
        "post_versions",
        "post_hashtags",
        "post_mentions",
        "announcement_reads",
        "poll_votes",
        "poll_ballots",
        "poll_options",
        "polls",
        "praise_recipients",
        "praise",
    ] {
        execute(
            db,
            &format!("DELETE FROM {table} WHERE post_id IN ({doomed})"),
            network,
            cutoff,
        )
        .await?;
    }
    let reactions = execute(
        db,
        &format!("DELETE FROM reactions WHERE post_id IN ({doomed})"),
        network,
        cutoff,
    )
    .await?;
    // Roots and replies in one statement: both backends check foreign keys at the
    // end of a statement, when the replies and the posts they point to are gone alike.
    let posts = execute(
        db,
        &format!("DELETE FROM posts WHERE id IN ({doomed})"),
        network,
        cutoff,
    )
    .await?;
    let messages = execute(
        db,
        &format!("DELETE FROM messages WHERE id IN (SELECT m.id FROM messages m WHERE {MESSAGES})"),
        network,
        cutoff,
    )
    .await?;
    Ok(RetentionCounts {
        posts,
        reactions,
        messages,
    })
}
