//! The `polls`, `poll_options` and `poll_votes` tables: a post's poll, its options,
//! and one row per person and option they chose.

use crate::{Conn, StoreError, keep_prepared, placeholders};
use hearth_domain::poll::{AllowedVotes, Choice, Poll, ResultsShown, VoteKind};
use hearth_domain::{Millis, NetworkId, PostId, UserId};
use std::collections::HashMap;

/// Writes a new post's poll and its options, in the post's transaction.
pub async fn insert(db: &mut Conn, network: NetworkId, poll: &Poll) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO polls (post_id, network_id, choice, results, votes, closes_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(poll.post_id.0)
    .bind(network.0)
    .bind(poll.choice.as_str())
    .bind(poll.results.as_str())
    .bind(poll.votes.as_str())
    .bind(poll.closes_at)
    .execute(&mut *db)
    .await?;
    let rows: Vec<String> = (0..poll.options.len())
        .map(|n| format!("($1, ${}, ${})", 2 * n + 2, 2 * n + 3))
        .collect();
    let sql = format!(
        "INSERT INTO poll_options (post_id, position, label) VALUES {}",
        rows.join(", ")
    );
    let mut query = sqlx::query(&sql).bind(poll.post_id.0);
    for (position, label) in poll.options.iter().enumerate() {
        query = query
            .bind(i64::try_from(position).unwrap_or(i64::MAX))
            .bind(label);
    }
    query.execute(db).await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct PollRow {
    post_id: i64,
    choice: String,
    results: String,
    votes: String,
    closes_at: Option<i64>,
}

fn corrupt(what: &str, raw: &str) -> StoreError {
    StoreError::Corrupt(format!("poll {what} {raw:?}"))
}

/// The polls of these posts, with their options in order.
pub async fn of(db: &mut Conn, posts: &[PostId]) -> Result<HashMap<PostId, Poll>, StoreError> {
    if posts.is_empty() {
        return Ok(HashMap::new());
    }
    let marks = placeholders(1, posts.len());
    let sql = format!(
        "SELECT post_id, choice, results, votes, closes_at FROM polls WHERE post_id IN ({marks})"
    );
    let mut query = sqlx::query_as::<_, PollRow>(&sql).persistent(keep_prepared(posts.len()));
    for post in posts {
        query = query.bind(post.0);
    }
    let rows = query.fetch_all(&mut *db).await?;
    if rows.is_empty() {
        return Ok(HashMap::new());
    }
    let mut polls = HashMap::with_capacity(rows.len());
    for row in rows {
        let poll = Poll {
            post_id: PostId(row.post_id),
            choice: Choice::parse(&row.choice).ok_or_else(|| corrupt("choice", &row.choice))?,
            results: ResultsShown::parse(&row.results)
                .ok_or_else(|| corrupt("results", &row.results))?,
            votes: VoteKind::parse(&row.votes).ok_or_else(|| corrupt("votes", &row.votes))?,
            closes_at: row.closes_at,
            options: Vec::new(),
        };
        polls.insert(poll.post_id, poll);
    }
    let with_polls: Vec<i64> = polls.keys().map(|id| id.0).collect();
    let sql = format!(
        "SELECT post_id, label FROM poll_options WHERE post_id IN ({}) ORDER BY post_id, position",
        placeholders(1, with_polls.len())
    );
    let mut query =
        sqlx::query_as::<_, (i64, String)>(&sql).persistent(keep_prepared(with_polls.len()));
    for id in &with_polls {
        query = query.bind(*id);
    }
    for (post, label) in query.fetch_all(db).await? {
        if let Some(poll) = polls.get_mut(&PostId(post)) {
            poll.options.push(label);
        }
    }
    Ok(polls)
}

pub async fn get(db: &mut Conn, post: PostId) -> Result<Option<Poll>, StoreError> {
    Ok(of(db, &[post]).await?.remove(&post))
}

/// The votes cast in these polls, counted, with what this reader chose.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    /// Votes per option, by position (options nobody chose are missing).
    pub per_option: HashMap<i64, i64>,
    /// How many different people voted.
    pub voters: i64,
    /// The reader's own choices, by position.
    pub mine: Vec<i64>,
}

pub async fn tallies(
    db: &mut Conn,
    polls: &[PostId],
    reader: UserId,
) -> Result<HashMap<PostId, Tally>, StoreError> {
    let mut tallies: HashMap<PostId, Tally> = HashMap::new();
    if polls.is_empty() {
        return Ok(tallies);
    }
    let marks = placeholders(2, polls.len());
    let sql = format!(
        "SELECT post_id, position, COUNT(*), \
         CAST(SUM(CASE WHEN user_id = $1 THEN 1 ELSE 0 END) AS BIGINT) \
         FROM poll_votes WHERE post_id IN ({marks}) GROUP BY post_id, position"
    );
    let mut query = sqlx::query_as::<_, (i64, i64, i64, i64)>(&sql)
        .persistent(keep_prepared(polls.len()))
        .bind(reader.0);
    for poll in polls {
        query = query.bind(poll.0);
    }
    for (post, position, count, own) in query.fetch_all(&mut *db).await? {
        let tally = tallies.entry(PostId(post)).or_default();
        tally.per_option.insert(position, count);
        if own > 0 {
            tally.mine.push(position);
        }
    }
    let sql = format!(
        "SELECT post_id, COUNT(*) FROM poll_ballots WHERE post_id IN ({}) GROUP BY post_id",
        placeholders(1, polls.len())
    );
    let mut query = sqlx::query_as::<_, (i64, i64)>(&sql).persistent(keep_prepared(polls.len()));
    for poll in polls {
        query = query.bind(poll.0);
    }
    for (post, voters) in query.fetch_all(db).await? {
        tallies.entry(PostId(post)).or_default().voters = voters;
    }
    for tally in tallies.values_mut() {
        tally.mine.sort_unstable();
    }
    Ok(tallies)
}

/// Whether the poll still takes votes at `now`, read in the caller's write. On
/// PostgreSQL the row is held until commit, so that a close waits for the votes
/// already checked, and a vote checked after a close sees it; SQLite's writers take
/// turns anyway.
async fn open_in_write(db: &mut Conn, poll: PostId, now: Millis) -> Result<bool, StoreError> {
    let hold = if db.backend_name() == "SQLite" {
        ""
    } else {
        " FOR SHARE"
    };
    let open: Option<i64> = sqlx::query_scalar(&format!(
        "SELECT post_id FROM polls WHERE post_id = $1 AND (closes_at IS NULL OR closes_at > $2){hold}"
    ))
    .bind(poll.0)
    .bind(now)
    .fetch_optional(&mut *db)
    .await?;
    Ok(open.is_some())
}

/// Replaces the person's vote with these options (already checked against the poll);
/// answers `false`, writing nothing, when the poll has closed.
pub async fn cast(
    db: &mut Conn,
    poll: PostId,
    user: UserId,
    positions: &[i64],
    now: Millis,
) -> Result<bool, StoreError> {
    if !open_in_write(db, poll, now).await? {
        return Ok(false);
    }
    // The ballot first: a second vote (or a taking back) of the same person in the
    // same instant waits here for the first to commit, then replaces it.
    sqlx::query(
        "INSERT INTO poll_ballots (post_id, user_id, cast_at) VALUES ($1, $2, $3) \
         ON CONFLICT (post_id, user_id) DO UPDATE SET cast_at = excluded.cast_at",
    )
    .bind(poll.0)
    .bind(user.0)
    .bind(now)
    .execute(&mut *db)
    .await?;
    sqlx::query("DELETE FROM poll_votes WHERE post_id = $1 AND user_id = $2")
        .bind(poll.0)
        .bind(user.0)
        .execute(&mut *db)
        .await?;
    let rows: Vec<String> = (0..positions.len())
        .map(|n| format!("($1, ${}, $2, $3)", n + 4))
        .collect();
    let sql = format!(
        "INSERT INTO poll_votes (post_id, position, user_id, voted_at) VALUES {}",
        rows.join(", ")
    );
    let mut query = sqlx::query(&sql).bind(poll.0).bind(user.0).bind(now);
    for position in positions {
        query = query.bind(*position);
    }
    query.execute(db).await?;
    Ok(true)
}

/// Takes the person's vote back: `Some(whether there was one)`, or `None`, writing
/// nothing, when the poll has closed.
pub async fn withdraw(
    db: &mut Conn,
    poll: PostId,
    user: UserId,
    now: Millis,
) -> Result<Option<bool>, StoreError> {
    if !open_in_write(db, poll, now).await? {
        return Ok(None);
    }
    // The ballot's row, as a vote takes it first, so the two never wait on each
    // other in opposite orders; its votes go with it (`ON DELETE CASCADE`), in the
    // same statement, including any a vote committed in the meantime.
    Ok(Some(
        sqlx::query("DELETE FROM poll_ballots WHERE post_id = $1 AND user_id = $2")
            .bind(poll.0)
            .bind(user.0)
            .execute(db)
            .await?
            .rows_affected()
            > 0,
    ))
}

/// Who chose each option, by position, with their display names, oldest vote first.
pub async fn voters(db: &mut Conn, poll: PostId) -> Result<Vec<(i64, UserId, String)>, StoreError> {
    let rows: Vec<(i64, i64, String)> = sqlx::query_as(
        "SELECT v.position, v.user_id, u.display_name FROM poll_votes v \
         JOIN users u ON u.id = v.user_id WHERE v.post_id = $1 \
         ORDER BY v.position, v.voted_at, v.user_id",
    )
    .bind(poll.0)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(position, user, name)| (position, UserId(user), name))
        .collect())
}

/// Closes a poll now, unless it already closed; its author needs no telling then.
/// Answers whether it was open.
pub async fn close(db: &mut Conn, poll: PostId, now: Millis) -> Result<bool, StoreError> {
    Ok(sqlx::query(
        "UPDATE polls SET closes_at = $1, closed_told_at = $1 \
         WHERE post_id = $2 AND (closes_at IS NULL OR closes_at > $1)",
    )
    .bind(now)
    .bind(poll.0)
    .execute(db)
    .await?
    .rows_affected()
        > 0)
}

/// Polls that closed by their time and whose authors were not yet told, oldest
/// first, with their networks.
pub async fn closed_untold(
    db: &mut Conn,
    now: Millis,
    limit: i64,
) -> Result<Vec<(PostId, NetworkId)>, StoreError> {
    let ids: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT post_id, network_id FROM polls WHERE closed_told_at IS NULL AND closes_at IS NOT NULL \
         AND closes_at <= $1 ORDER BY closes_at LIMIT $2",
    )
    .bind(now)
    .bind(limit)
    .fetch_all(db)
    .await?;
    Ok(ids
        .into_iter()
        .map(|(post, network)| (PostId(post), NetworkId(network)))
        .collect())
}

/// Claims the telling of a closed poll; only one node's claim succeeds.
pub async fn claim_told(db: &mut Conn, poll: PostId, now: Millis) -> Result<bool, StoreError> {
    Ok(sqlx::query(
        "UPDATE polls SET closed_told_at = $1 WHERE post_id = $2 AND closed_told_at IS NULL",
    )
    .bind(now)
    .bind(poll.0)
    .execute(db)
    .await?
    .rows_affected()
        > 0)
}

/// The network's setting for which kinds of vote polls may have.
pub async fn allowed_votes(db: &mut Conn, network: NetworkId) -> Result<AllowedVotes, StoreError> {
    let raw: String = sqlx::query_scalar("SELECT poll_votes FROM networks WHERE id = $1")
        .bind(network.0)
        .fetch_one(db)
        .await?;
    AllowedVotes::parse(&raw).ok_or_else(|| corrupt("votes allowed", &raw))
}

pub async fn set_allowed_votes(
    db: &mut Conn,
    network: NetworkId,
    allowed: AllowedVotes,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE networks SET poll_votes = $1 WHERE id = $2")
        .bind(allowed.as_str())
        .bind(network.0)
        .execute(db)
        .await?;
    Ok(())
}
