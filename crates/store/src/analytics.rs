//! The analytics rollups (`analytics_days`, `analytics_spans`, `analytics_pairs`) and
//! what they are counted from. The counting itself happens in the application; this
//! module reads a period's activity, writes a counted period, and reads dashboards.

use crate::bulk::{self, Value};
use crate::{Conn, StoreError};
use hearth_domain::{Millis, NetworkId, UserId};

/// What an [`ActivityRow`] is, as a number: a month of a large network is a few
/// hundred thousand rows, held at once while they are counted.
pub mod did {
    pub const POST: i64 = 1;
    pub const QUESTION: i64 = 2;
    pub const SHARE: i64 = 3;
    pub const REPLY: i64 = 4;
    pub const REACTION: i64 = 5;
    pub const MESSAGE: i64 = 6;
}

/// Something a person did: a post, reply, share, reaction or message.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ActivityRow {
    pub at: Millis,
    /// `None` outside communities (company-wide posts, chat).
    pub community_id: Option<i64>,
    pub person: i64,
    /// One of [`did`].
    pub what: i64,
    /// Whose post a reply or a reaction answers.
    pub answered: Option<i64>,
    /// The thread a reply is in, and who started it.
    pub thread: Option<i64>,
    pub thread_author: Option<i64>,
}

/// Ids are drawn from the clock (`hearth_domain::ids`), so a period's rows lie in a
/// range of ids, which the primary key and `(network_id, id)` indexes find without
/// reading the rest. A day's margin on each side takes ids drawn a little off their
/// row's `created_at`; `created_at` then decides.
fn id_bounds(since: Millis, until: Millis) -> (i64, i64) {
    const MARGIN: i64 = 24 * 3600 * 1000;
    (
        hearth_domain::ids::first_id_at(since - MARGIN),
        hearth_domain::ids::first_id_at(until + MARGIN),
    )
}

/// Everything people did in the network from `since` up to `until`, deleted content
/// left out.
pub async fn activity(
    db: &mut Conn,
    network: NetworkId,
    since: Millis,
    until: Millis,
) -> Result<Vec<ActivityRow>, StoreError> {
    let (low, high) = id_bounds(since, until);
    let mut rows = sqlx::query_as::<_, ActivityRow>(
        "SELECT p.created_at AS at, p.community_id, p.author_id AS person, \
                CAST(CASE WHEN p.root_id IS NOT NULL THEN 4 \
                     WHEN p.shared_post_id IS NOT NULL THEN 3 \
                     WHEN p.kind = 'question' THEN 2 \
                     ELSE 1 END AS BIGINT) AS what, \
                answered.author_id AS answered, p.root_id AS thread, root.author_id AS thread_author \
         FROM posts p \
         LEFT JOIN posts answered ON answered.id = COALESCE(p.parent_id, p.root_id) \
         LEFT JOIN posts root ON root.id = p.root_id \
         WHERE p.network_id = $1 AND p.id >= $2 AND p.id < $3 \
           AND p.created_at >= $4 AND p.created_at < $5 AND p.deleted_at IS NULL",
    )
    .bind(network.0)
    .bind(low)
    .bind(high)
    .bind(since)
    .bind(until)
    .fetch_all(&mut *db)
    .await?;
    // Reactions have no id to range over: they are found by time (`reactions_created_at`).
    rows.extend(
        sqlx::query_as::<_, ActivityRow>(
            "SELECT r.created_at AS at, p.community_id, r.user_id AS person, \
                    CAST(5 AS BIGINT) AS what, p.author_id AS answered, \
                    CAST(NULL AS BIGINT) AS thread, CAST(NULL AS BIGINT) AS thread_author \
             FROM reactions r JOIN posts p ON p.id = r.post_id \
             WHERE r.created_at >= $2 AND r.created_at < $3 \
               AND p.network_id = $1 AND p.deleted_at IS NULL",
        )
        .bind(network.0)
        .bind(since)
        .bind(until)
        .fetch_all(&mut *db)
        .await?,
    );
    rows.extend(
        sqlx::query_as::<_, ActivityRow>(
            "SELECT m.created_at AS at, CAST(NULL AS BIGINT) AS community_id, \
                    m.author_id AS person, CAST(6 AS BIGINT) AS what, \
                    CAST(NULL AS BIGINT) AS answered, CAST(NULL AS BIGINT) AS thread, \
                    CAST(NULL AS BIGINT) AS thread_author \
             FROM messages m JOIN conversations c ON c.id = m.conversation_id \
             WHERE m.id >= $2 AND m.id < $3 AND m.created_at >= $4 AND m.created_at < $5 \
               AND c.network_id = $1 AND m.deleted_at IS NULL",
        )
        .bind(network.0)
        .bind(low)
        .bind(high)
        .bind(since)
        .bind(until)
        .fetch_all(&mut *db)
        .await?,
    );
    Ok(rows)
}

/// How many different people did anything in the network from `since` up to
/// `until`: the database keeps the set, so a month of a large network is not held
/// in memory.
pub async fn active_people(
    db: &mut Conn,
    network: NetworkId,
    since: Millis,
    until: Millis,
) -> Result<i64, StoreError> {
    let (low, high) = id_bounds(since, until);
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM ( \
             SELECT p.author_id AS person FROM posts p \
             WHERE p.network_id = $1 AND p.id >= $2 AND p.id < $3 \
               AND p.created_at >= $4 AND p.created_at < $5 AND p.deleted_at IS NULL \
             UNION \
             SELECT r.user_id FROM reactions r JOIN posts p ON p.id = r.post_id \
             WHERE r.created_at >= $4 AND r.created_at < $5 \
               AND p.network_id = $1 AND p.deleted_at IS NULL \
             UNION \
             SELECT m.author_id FROM messages m JOIN conversations c ON c.id = m.conversation_id \
             WHERE m.id >= $2 AND m.id < $3 AND m.created_at >= $4 AND m.created_at < $5 \
               AND c.network_id = $1 AND m.deleted_at IS NULL \
         ) people",
    )
    .bind(network.0)
    .bind(low)
    .bind(high)
    .bind(since)
    .bind(until)
    .fetch_one(db)
    .await?)
}

/// When the network's first post was written, which may be before the network was
/// created when content was imported.
pub async fn first_activity(
    db: &mut Conn,
    network: NetworkId,
) -> Result<Option<Millis>, StoreError> {
    Ok(
        sqlx::query_scalar(
            "SELECT created_at FROM posts WHERE network_id = $1 ORDER BY id LIMIT 1",
        )
        .bind(network.0)
        .fetch_optional(db)
        .await?,
    )
}

/// A person's groups, as the collaboration matrices count them.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PersonGroups {
    pub id: i64,
    pub department: String,
    pub location: String,
}

/// Every account's department and location, former colleagues' too: what they did
/// still counts.
pub async fn groups(db: &mut Conn, network: NetworkId) -> Result<Vec<PersonGroups>, StoreError> {
    Ok(sqlx::query_as::<_, PersonGroups>(
        "SELECT id, department, location FROM users WHERE network_id = $1",
    )
    .bind(network.0)
    .fetch_all(db)
    .await?)
}

/// One day's counts in one place (`community_id` 0: the whole network).
#[derive(Debug, Clone, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct DayRow {
    pub day: i64,
    pub community_id: i64,
    pub posts: i64,
    pub replies: i64,
    pub shares: i64,
    pub questions: i64,
    pub reactions: i64,
    pub messages: i64,
    pub active_people: i64,
    /// Accounts created, accounts signed in to for the first time, and people who
    /// wrote for the first time (network rows only).
    pub new_accounts: i64,
    pub first_sign_ins: i64,
    pub first_writers: i64,
    /// Threads with a reply that day, and those of them with people from more than
    /// one department.
    pub threads: i64,
    pub threads_across: i64,
}

/// The columns of a [`DayRow`].
const DAY_COLUMNS: &str = "day, community_id, posts, replies, shares, questions, reactions, \
     messages, active_people, new_accounts, first_sign_ins, first_writers, threads, \
     threads_across";

/// The different people active in a week or a month.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SpanRow {
    /// `week` or `month`.
    pub span: String,
    pub first_day: i64,
    pub active_people: i64,
}

/// Replies and reactions from one group to another on one day.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PairRow {
    pub day: i64,
    /// `department` or `location`.
    pub axis: String,
    pub from_group: String,
    pub to_group: String,
    pub replies: i64,
    pub reactions: i64,
}

/// The first day not yet counted; `None` before the first run.
pub async fn counted_until(db: &mut Conn, network: NetworkId) -> Result<Option<i64>, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT analytics_counted_until FROM networks WHERE id = $1")
            .bind(network.0)
            .fetch_one(db)
            .await?,
    )
}

/// Every network with when it was created and the first day it has not counted.
pub async fn networks(db: &mut Conn) -> Result<Vec<(NetworkId, Millis, Option<i64>)>, StoreError> {
    let rows: Vec<(i64, i64, Option<i64>)> =
        sqlx::query_as("SELECT id, created_at, analytics_counted_until FROM networks ORDER BY id")
            .fetch_all(db)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(id, created, until)| (NetworkId(id), created, until))
        .collect())
}

/// Counted days, and the weeks and months they complete or extend.
#[derive(Debug, Clone, Default)]
pub struct Counted {
    pub days: Vec<DayRow>,
    pub spans: Vec<SpanRow>,
    pub pairs: Vec<PairRow>,
    pub topics: Vec<TopicRow>,
    /// Who wrote on each day, oldest day first: those who never had before are the
    /// day's `first_writers`, found when the days are recorded.
    pub writers: Vec<(i64, Vec<i64>)>,
}

/// Posts and replies with a topic on a day, in one place (0: the whole network).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TopicRow {
    pub day: i64,
    pub community_id: i64,
    pub tag: String,
    pub posts: i64,
    pub people: i64,
}

/// Takes the days from `from` (as last read by the caller) up to `until` for counting,
/// and writes what was counted. `Ok(false)` when another run moved the mark first:
/// then nothing is written, so two nodes never count a day twice.
pub async fn record(
    db: &mut Conn,
    network: NetworkId,
    from: Option<i64>,
    until: i64,
    counted: &Counted,
) -> Result<bool, StoreError> {
    let claimed = match from {
        Some(from) => sqlx::query(
            "UPDATE networks SET analytics_counted_until = $2 \
             WHERE id = $1 AND analytics_counted_until = $3",
        )
        .bind(network.0)
        .bind(until)
        .bind(from),
        None => sqlx::query(
            "UPDATE networks SET analytics_counted_until = $2 \
             WHERE id = $1 AND analytics_counted_until IS NULL",
        )
        .bind(network.0)
        .bind(until),
    }
    .execute(&mut *db)
    .await?
    .rows_affected();
    if claimed == 0 {
        return Ok(false);
    }
    let first_writers = mark_first_writers(db, network, &counted.writers).await?;
    let days: Vec<Vec<Value>> = counted
        .days
        .iter()
        .map(|d| {
            let first_writers = if d.community_id == 0 {
                first_writers.get(&d.day).copied().unwrap_or(0)
            } else {
                0
            };
            [
                network.0,
                d.day,
                d.community_id,
                d.posts,
                d.replies,
                d.shares,
                d.questions,
                d.reactions,
                d.messages,
                d.active_people,
                d.new_accounts,
                d.first_sign_ins,
                first_writers,
                d.threads,
                d.threads_across,
            ]
            .into_iter()
            .map(Value::Int)
            .collect()
        })
        .collect();
    bulk::insert(
        db,
        "analytics_days",
        &[
            "network_id",
            "day",
            "community_id",
            "posts",
            "replies",
            "shares",
            "questions",
            "reactions",
            "messages",
            "active_people",
            "new_accounts",
            "first_sign_ins",
            "first_writers",
            "threads",
            "threads_across",
        ],
        &days,
    )
    .await?;
    let topics: Vec<Vec<Value>> = counted
        .topics
        .iter()
        .map(|t| {
            vec![
                Value::Int(network.0),
                Value::Int(t.day),
                Value::Int(t.community_id),
                Value::Text(t.tag.clone()),
                Value::Int(t.posts),
                Value::Int(t.people),
            ]
        })
        .collect();
    bulk::insert(
        db,
        "analytics_topics",
        &[
            "network_id",
            "day",
            "community_id",
            "tag",
            "posts",
            "people",
        ],
        &topics,
    )
    .await?;
    // A week or month still running was counted before with fewer of its days.
    for span in &counted.spans {
        sqlx::query(
            "DELETE FROM analytics_spans WHERE network_id = $1 AND span = $2 AND first_day = $3",
        )
        .bind(network.0)
        .bind(&span.span)
        .bind(span.first_day)
        .execute(&mut *db)
        .await?;
    }
    let spans: Vec<Vec<Value>> = counted
        .spans
        .iter()
        .map(|s| {
            vec![
                Value::Int(network.0),
                Value::Text(s.span.clone()),
                Value::Int(s.first_day),
                Value::Int(s.active_people),
            ]
        })
        .collect();
    bulk::insert(
        db,
        "analytics_spans",
        &["network_id", "span", "first_day", "active_people"],
        &spans,
    )
    .await?;
    let pairs: Vec<Vec<Value>> = counted
        .pairs
        .iter()
        .map(|p| {
            vec![
                Value::Int(network.0),
                Value::Int(p.day),
                Value::Text(p.axis.clone()),
                Value::Text(p.from_group.clone()),
                Value::Text(p.to_group.clone()),
                Value::Int(p.replies),
                Value::Int(p.reactions),
            ]
        })
        .collect();
    bulk::insert(
        db,
        "analytics_pairs",
        &[
            "network_id",
            "day",
            "axis",
            "from_group",
            "to_group",
            "replies",
            "reactions",
        ],
        &pairs,
    )
    .await?;
    Ok(true)
}

/// Marks the day each of `writers` first wrote, for those who had not before, and
/// answers how many were new on each day. Days come oldest first, so a person is
/// marked on their first.
async fn mark_first_writers(
    db: &mut Conn,
    network: NetworkId,
    writers: &[(i64, Vec<i64>)],
) -> Result<std::collections::HashMap<i64, i64>, StoreError> {
    const PER_STATEMENT: usize = 1_000;
    let mut firsts = std::collections::HashMap::new();
    for (day, people) in writers {
        for chunk in people.chunks(PER_STATEMENT) {
            let sql = format!(
                "UPDATE users SET first_wrote_day = $1 \
                 WHERE network_id = $2 AND first_wrote_day IS NULL AND id IN ({})",
                crate::placeholders(3, chunk.len())
            );
            let mut query = sqlx::query(&sql)
                .persistent(false)
                .bind(*day)
                .bind(network.0);
            for person in chunk {
                query = query.bind(*person);
            }
            let marked = query.execute(&mut *db).await?.rows_affected();
            *firsts.entry(*day).or_insert(0) += i64::try_from(marked).unwrap_or(i64::MAX);
        }
    }
    Ok(firsts)
}

/// Forgets what was counted from `day` on, so that the next run counts those days
/// again (the benchmark measures a day's count this way).
pub async fn forget_since(db: &mut Conn, network: NetworkId, day: i64) -> Result<(), StoreError> {
    for sql in [
        "DELETE FROM analytics_days WHERE network_id = $1 AND day >= $2",
        "DELETE FROM analytics_pairs WHERE network_id = $1 AND day >= $2",
        "DELETE FROM analytics_spans WHERE network_id = $1 AND first_day >= $2",
        "DELETE FROM analytics_topics WHERE network_id = $1 AND day >= $2",
        "UPDATE users SET first_wrote_day = NULL WHERE network_id = $1 AND first_wrote_day >= $2",
    ] {
        sqlx::query(sql)
            .bind(network.0)
            .bind(day)
            .execute(&mut *db)
            .await?;
    }
    sqlx::query(
        "UPDATE networks SET analytics_counted_until = $2 \
         WHERE id = $1 AND analytics_counted_until > $2",
    )
    .bind(network.0)
    .bind(day)
    .execute(db)
    .await?;
    Ok(())
}

/// Forgets everything counted: the next run counts from the first post again.
pub async fn forget_all(db: &mut Conn, network: NetworkId) -> Result<(), StoreError> {
    for sql in [
        "DELETE FROM analytics_days WHERE network_id = $1",
        "DELETE FROM analytics_pairs WHERE network_id = $1",
        "DELETE FROM analytics_spans WHERE network_id = $1",
        "DELETE FROM analytics_topics WHERE network_id = $1",
        "UPDATE users SET first_wrote_day = NULL WHERE network_id = $1",
        "UPDATE networks SET analytics_counted_until = NULL WHERE id = $1",
    ] {
        sqlx::query(sql).bind(network.0).execute(&mut *db).await?;
    }
    Ok(())
}

/// The whole network's days from `from` up to `until`, oldest first.
pub async fn network_days(
    db: &mut Conn,
    network: NetworkId,
    from: i64,
    until: i64,
) -> Result<Vec<DayRow>, StoreError> {
    community_days(db, network, 0, from, until).await
}

/// One community's days (community 0: the whole network's) from `from` up to
/// `until`, oldest first.
pub async fn community_days(
    db: &mut Conn,
    network: NetworkId,
    community: i64,
    from: i64,
    until: i64,
) -> Result<Vec<DayRow>, StoreError> {
    Ok(sqlx::query_as::<_, DayRow>(&format!(
        "SELECT {DAY_COLUMNS} FROM analytics_days \
         WHERE network_id = $1 AND community_id = $2 AND day >= $3 AND day < $4 ORDER BY day"
    ))
    .bind(network.0)
    .bind(community)
    .bind(from)
    .bind(until)
    .fetch_all(db)
    .await?)
}

/// Each community's posts, replies, shares and reactions from `from` up to `until`.
pub async fn community_activity(
    db: &mut Conn,
    network: NetworkId,
    from: i64,
    until: i64,
) -> Result<Vec<(i64, i64)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT community_id, CAST(SUM(posts + replies + shares + reactions) AS BIGINT) \
         FROM analytics_days \
         WHERE network_id = $1 AND community_id > 0 AND day >= $2 AND day < $3 \
         GROUP BY community_id",
    )
    .bind(network.0)
    .bind(from)
    .bind(until)
    .fetch_all(db)
    .await?)
}

/// The weeks and months that begin from `from` up to `until`.
pub async fn spans(
    db: &mut Conn,
    network: NetworkId,
    from: i64,
    until: i64,
) -> Result<Vec<SpanRow>, StoreError> {
    Ok(sqlx::query_as::<_, SpanRow>(
        "SELECT span, first_day, active_people FROM analytics_spans \
         WHERE network_id = $1 AND first_day >= $2 AND first_day < $3 ORDER BY first_day",
    )
    .bind(network.0)
    .bind(from)
    .bind(until)
    .fetch_all(db)
    .await?)
}

/// Replies and reactions between groups from `from` up to `until`, summed over the
/// days (`day` holds 0).
pub async fn pair_totals(
    db: &mut Conn,
    network: NetworkId,
    from: i64,
    until: i64,
) -> Result<Vec<PairRow>, StoreError> {
    Ok(sqlx::query_as::<_, PairRow>(
        "SELECT CAST(0 AS BIGINT) AS day, axis, from_group, to_group, \
                CAST(SUM(replies) AS BIGINT) AS replies, CAST(SUM(reactions) AS BIGINT) AS reactions \
         FROM analytics_pairs \
         WHERE network_id = $1 AND day >= $2 AND day < $3 \
         GROUP BY axis, from_group, to_group",
    )
    .bind(network.0)
    .bind(from)
    .bind(until)
    .fetch_all(db)
    .await?)
}

/// A community as the dashboards name and group it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CommunityFacts {
    pub id: i64,
    pub name: String,
    /// `work` or `social`.
    pub category: String,
    pub members: i64,
}

pub async fn communities(
    db: &mut Conn,
    network: NetworkId,
) -> Result<Vec<CommunityFacts>, StoreError> {
    Ok(sqlx::query_as::<_, CommunityFacts>(
        "SELECT c.id, c.name, c.category, \
                (SELECT COUNT(*) FROM community_members m \
                 WHERE m.community_id = c.id AND m.state = 'member') AS members \
         FROM communities c WHERE c.network_id = $1",
    )
    .bind(network.0)
    .fetch_all(db)
    .await?)
}

/// How many different people are members of any of `communities`.
pub async fn people_in(db: &mut Conn, communities: &[i64]) -> Result<i64, StoreError> {
    if communities.is_empty() {
        return Ok(0);
    }
    let sql = format!(
        "SELECT COUNT(DISTINCT user_id) FROM community_members \
         WHERE state = 'member' AND community_id IN ({})",
        crate::placeholders(1, communities.len())
    );
    let mut query = sqlx::query_scalar(&sql).persistent(crate::keep_prepared(communities.len()));
    for id in communities {
        query = query.bind(*id);
    }
    Ok(query.fetch_one(db).await?)
}

/// How many active accounts each department or location (`axis`) has now.
pub async fn group_sizes(
    db: &mut Conn,
    network: NetworkId,
    axis: &str,
) -> Result<Vec<(String, i64)>, StoreError> {
    let sql = match axis {
        "location" => {
            "SELECT location, COUNT(*) FROM users WHERE network_id = $1 AND status = 'active' \
             GROUP BY location"
        }
        _ => {
            "SELECT department, COUNT(*) FROM users WHERE network_id = $1 AND status = 'active' \
             GROUP BY department"
        }
    };
    Ok(sqlx::query_as(sql).bind(network.0).fetch_all(db).await?)
}

/// The network's active accounts now.
pub async fn active_accounts(db: &mut Conn, network: NetworkId) -> Result<i64, StoreError> {
    Ok(
        sqlx::query_scalar(
            "SELECT COUNT(*) FROM users WHERE network_id = $1 AND status = 'active'",
        )
        .bind(network.0)
        .fetch_one(db)
        .await?,
    )
}

/// Starts (`on`) or stops a person's weekly "network health" e-mail.
pub async fn set_health_subscription(
    db: &mut Conn,
    user: UserId,
    network: NetworkId,
    on: bool,
    now: Millis,
) -> Result<(), StoreError> {
    if on {
        sqlx::query(
            "INSERT INTO network_health_subscribers (user_id, network_id, created_at) \
             VALUES ($1, $2, $3) ON CONFLICT (user_id) DO NOTHING",
        )
        .bind(user.0)
        .bind(network.0)
        .bind(now)
        .execute(db)
        .await?;
    } else {
        sqlx::query("DELETE FROM network_health_subscribers WHERE user_id = $1")
            .bind(user.0)
            .execute(db)
            .await?;
    }
    Ok(())
}

pub async fn health_subscribed(db: &mut Conn, user: UserId) -> Result<bool, StoreError> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT user_id FROM network_health_subscribers WHERE user_id = $1")
            .bind(user.0)
            .fetch_optional(db)
            .await?;
    Ok(found.is_some())
}

/// Who gets a network's weekly e-mail: its active admins who asked for it.
pub async fn health_subscribers(
    db: &mut Conn,
    network: NetworkId,
) -> Result<Vec<crate::preferences::DigestPerson>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT u.id, u.network_id, u.display_name, u.role, u.language, n.default_language, \
         CASE WHEN n.kind = 'external' THEN n.name END AS external_network \
         FROM network_health_subscribers s \
         JOIN users u ON u.id = s.user_id JOIN networks n ON n.id = u.network_id \
         WHERE s.network_id = $1 AND u.status = 'active' AND u.role = 'admin' ORDER BY u.id",
    )
    .bind(network.0)
    .fetch_all(db)
    .await?)
}

/// A question of a period, with when someone other than its author first replied.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct QuestionRow {
    pub id: i64,
    pub community_id: Option<i64>,
    pub created_at: Millis,
    pub best_answer_id: Option<i64>,
    pub first_reply_at: Option<Millis>,
    pub body_markdown: String,
}

/// The questions asked from `since` up to `until`, optionally in one community; those
/// hidden or held by moderation are left out, as nobody may answer them.
pub async fn questions(
    db: &mut Conn,
    network: NetworkId,
    community: Option<i64>,
    since: Millis,
    until: Millis,
) -> Result<Vec<QuestionRow>, StoreError> {
    Ok(sqlx::query_as::<_, QuestionRow>(
        "SELECT q.id, q.community_id, q.created_at, q.best_answer_id, \
                (SELECT MIN(r.created_at) FROM posts r \
                 WHERE r.root_id = q.id AND r.author_id <> q.author_id \
                   AND r.deleted_at IS NULL) AS first_reply_at, \
                q.body_markdown \
         FROM posts q \
         WHERE q.network_id = $1 AND q.kind = 'question' AND q.root_id IS NULL \
           AND q.created_at >= $2 AND q.created_at < $3 AND q.deleted_at IS NULL \
           AND q.moderation = 'visible' \
           AND ($4 = 0 OR q.community_id = $4)",
    )
    .bind(network.0)
    .bind(since)
    .bind(until)
    .bind(community.unwrap_or(0))
    .fetch_all(db)
    .await?)
}

/// When the accounts created, or first signed in to, from `since` up to `until` were
/// created and first signed in to.
pub async fn accounts_joined(
    db: &mut Conn,
    network: NetworkId,
    since: Millis,
    until: Millis,
) -> Result<Vec<(Millis, Option<Millis>)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT created_at, first_signed_in_at FROM users \
         WHERE network_id = $1 AND ((created_at >= $2 AND created_at < $3) \
            OR (first_signed_in_at >= $2 AND first_signed_in_at < $3))",
    )
    .bind(network.0)
    .bind(since)
    .bind(until)
    .fetch_all(db)
    .await?)
}

/// A topic on a post or reply written from `since` up to `until`.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TaggedRow {
    pub at: Millis,
    pub community_id: Option<i64>,
    pub person: i64,
    pub tag: String,
}

/// The topics of the posts and replies written from `since` up to `until`, found by
/// the posts' id range as [`activity`] finds them.
pub async fn tagged(
    db: &mut Conn,
    network: NetworkId,
    since: Millis,
    until: Millis,
) -> Result<Vec<TaggedRow>, StoreError> {
    let (low, high) = id_bounds(since, until);
    Ok(sqlx::query_as::<_, TaggedRow>(
        "SELECT p.created_at AS at, p.community_id, p.author_id AS person, h.tag \
         FROM post_hashtags h JOIN posts p ON p.id = h.post_id \
         WHERE h.post_id >= $2 AND h.post_id < $3 AND h.network_id = $1 \
           AND p.created_at >= $4 AND p.created_at < $5 AND p.deleted_at IS NULL",
    )
    .bind(network.0)
    .bind(low)
    .bind(high)
    .bind(since)
    .bind(until)
    .fetch_all(db)
    .await?)
}

/// Every counted day on which accounts were created, first signed in to, or people
/// first wrote, before `until`: the network's adoption since its launch.
pub async fn adoption_days(
    db: &mut Conn,
    network: NetworkId,
    until: i64,
) -> Result<Vec<DayRow>, StoreError> {
    Ok(sqlx::query_as::<_, DayRow>(&format!(
        "SELECT {DAY_COLUMNS} FROM analytics_days \
         WHERE network_id = $1 AND community_id = 0 AND day < $2 \
           AND (new_accounts > 0 OR first_sign_ins > 0 OR first_writers > 0) ORDER BY day"
    ))
    .bind(network.0)
    .bind(until)
    .fetch_all(db)
    .await?)
}

/// The busiest topics from `from` up to `until`, in one place (0: the whole
/// network), by posts and replies, at most `limit`: each with its posts and the
/// most different people of any one day.
pub async fn topic_totals(
    db: &mut Conn,
    network: NetworkId,
    community: i64,
    from: i64,
    until: i64,
    limit: i64,
) -> Result<Vec<(String, i64, i64)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT tag, CAST(SUM(posts) AS BIGINT) AS total, MAX(people) FROM analytics_topics \
         WHERE network_id = $1 AND community_id = $2 AND day >= $3 AND day < $4 \
         GROUP BY tag ORDER BY total DESC, tag LIMIT $5",
    )
    .bind(network.0)
    .bind(community)
    .bind(from)
    .bind(until)
    .bind(limit)
    .fetch_all(db)
    .await?)
}

/// Posts and replies with each of `tags` from `from` up to `until` in one place.
pub async fn topic_totals_of(
    db: &mut Conn,
    network: NetworkId,
    community: i64,
    tags: &[String],
    from: i64,
    until: i64,
) -> Result<Vec<(String, i64)>, StoreError> {
    if tags.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT tag, CAST(SUM(posts) AS BIGINT) FROM analytics_topics \
         WHERE network_id = $1 AND community_id = $2 AND day >= $3 AND day < $4 \
           AND tag IN ({}) GROUP BY tag",
        crate::placeholders(5, tags.len())
    );
    let mut query = sqlx::query_as(&sql)
        .persistent(crate::keep_prepared(tags.len()))
        .bind(network.0)
        .bind(community)
        .bind(from)
        .bind(until);
    for tag in tags {
        query = query.bind(tag.clone());
    }
    Ok(query.fetch_all(db).await?)
}

/// How many different people wrote with each of `tags` from `since` up to `until`,
/// optionally in one community: a topic only a few people use would point at them.
pub async fn topic_people(
    db: &mut Conn,
    network: NetworkId,
    community: Option<i64>,
    tags: &[String],
    since: Millis,
    until: Millis,
) -> Result<Vec<(String, i64)>, StoreError> {
    if tags.is_empty() {
        return Ok(Vec::new());
    }
    let (low, high) = id_bounds(since, until);
    let sql = format!(
        "SELECT h.tag, COUNT(DISTINCT p.author_id) FROM post_hashtags h \
         JOIN posts p ON p.id = h.post_id \
         WHERE h.network_id = $1 AND h.tag IN ({}) AND h.post_id >= $2 AND h.post_id < $3 \
           AND p.created_at >= $4 AND p.created_at < $5 AND p.deleted_at IS NULL \
           AND ($6 = 0 OR p.community_id = $6) \
         GROUP BY h.tag",
        crate::placeholders(7, tags.len())
    );
    let mut query = sqlx::query_as(&sql)
        .persistent(crate::keep_prepared(tags.len()))
        .bind(network.0)
        .bind(low)
        .bind(high)
        .bind(since)
        .bind(until)
        .bind(community.unwrap_or(0));
    for tag in tags {
        query = query.bind(tag.clone());
    }
    Ok(query.fetch_all(db).await?)
}

/// An announcement of a period.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AnnouncementRow {
    pub id: i64,
    pub community_id: Option<i64>,
    pub created_at: Millis,
    pub body_markdown: String,
}

/// The newest announcements published from `since` up to `until`, optionally in one
/// community, at most `limit`.
pub async fn announcements(
    db: &mut Conn,
    network: NetworkId,
    community: Option<i64>,
    since: Millis,
    until: Millis,
    limit: i64,
) -> Result<Vec<AnnouncementRow>, StoreError> {
    Ok(sqlx::query_as::<_, AnnouncementRow>(
        "SELECT id, community_id, created_at, body_markdown FROM posts \
         WHERE created_at >= $2 AND created_at < $3 AND root_id IS NULL \
           AND kind = 'announcement' AND network_id = $1 AND deleted_at IS NULL \
           AND moderation = 'visible' AND ($4 = 0 OR community_id = $4) \
         ORDER BY created_at DESC LIMIT $5",
    )
    .bind(network.0)
    .bind(since)
    .bind(until)
    .bind(community.unwrap_or(0))
    .bind(limit)
    .fetch_all(db)
    .await?)
}

/// How many people first saw each of `posts` on each UTC day after the one it was
/// published on (`after_days` 0: that day), other than its author and, for a
/// community's, people not among its members.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ReadsRow {
    pub post_id: i64,
    pub after_days: i64,
    pub readers: i64,
}

pub async fn announcement_reads(db: &mut Conn, posts: &[i64]) -> Result<Vec<ReadsRow>, StoreError> {
    if posts.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT r.post_id, CAST(r.seen_day - p.created_at / 86400000 AS BIGINT) AS after_days, \
                COUNT(*) AS readers \
         FROM announcement_reads r JOIN posts p ON p.id = r.post_id \
         WHERE r.post_id IN ({}) AND r.user_id <> p.author_id \
           AND (p.community_id IS NULL OR EXISTS ( \
                SELECT 1 FROM community_members m \
                WHERE m.community_id = p.community_id AND m.user_id = r.user_id \
                  AND m.state = 'member')) \
         GROUP BY r.post_id, CAST(r.seen_day - p.created_at / 86400000 AS BIGINT)",
        crate::placeholders(1, posts.len())
    );
    let mut query =
        sqlx::query_as::<_, ReadsRow>(&sql).persistent(crate::keep_prepared(posts.len()));
    for id in posts {
        query = query.bind(*id);
    }
    Ok(query.fetch_all(db).await?)
}

/// Records that people saw announcements, as (post, person, UTC day), keeping the
/// first day each saw each. Sightings of announcements deleted meanwhile are dropped.
pub async fn record_announcement_reads(
    db: &mut Conn,
    reads: &[(i64, i64, i64)],
) -> Result<(), StoreError> {
    const PER_STATEMENT: usize = 300;
    for chunk in reads.chunks(PER_STATEMENT) {
        let rows: Vec<String> = (0..chunk.len())
            .map(|i| format!("(${}, ${}, ${})", 3 * i + 1, 3 * i + 2, 3 * i + 3))
            .collect();
        let sql = format!(
            "INSERT INTO announcement_reads (post_id, user_id, seen_day) \
             SELECT seen.column1, seen.column2, seen.column3 \
             FROM (VALUES {}) AS seen JOIN posts p ON p.id = seen.column1 \
             WHERE p.deleted_at IS NULL \
             ON CONFLICT (post_id, user_id) DO NOTHING",
            rows.join(", ")
        );
        // Each batch has its own length: not worth keeping prepared.
        let mut query = sqlx::query(&sql).persistent(false);
        for (post, user, day) in chunk {
            query = query.bind(*post).bind(*user).bind(*day);
        }
        query.execute(&mut *db).await?;
    }
    Ok(())
}
