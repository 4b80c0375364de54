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
                answered.author_id AS answered \
         FROM posts p \
         LEFT JOIN posts answered ON answered.id = COALESCE(p.parent_id, p.root_id) \
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
                    CAST(5 AS BIGINT) AS what, p.author_id AS answered \
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
                    CAST(NULL AS BIGINT) AS answered \
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
}

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
    let days: Vec<Vec<Value>> = counted
        .days
        .iter()
        .map(|d| {
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
        ],
        &days,
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

/// Forgets what was counted from `day` on, so that the next run counts those days
/// again (the benchmark measures a day's count this way).
pub async fn forget_since(db: &mut Conn, network: NetworkId, day: i64) -> Result<(), StoreError> {
    for sql in [
        "DELETE FROM analytics_days WHERE network_id = $1 AND day >= $2",
        "DELETE FROM analytics_pairs WHERE network_id = $1 AND day >= $2",
        "DELETE FROM analytics_spans WHERE network_id = $1 AND first_day >= $2",
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
    Ok(sqlx::query_as::<_, DayRow>(
        "SELECT day, community_id, posts, replies, shares, questions, reactions, messages, \
                active_people \
         FROM analytics_days \
         WHERE network_id = $1 AND community_id = $2 AND day >= $3 AND day < $4 ORDER BY day",
    )
    .bind(network.0)
    .bind(community)
    .bind(from)
    .bind(until)
    .fetch_all(db)
    .await?)
}

/// Each community's totals from `from` up to `until` (`day` holds the number of
/// days with activity, `active_people` the sum of each day's).
pub async fn community_totals(
    db: &mut Conn,
    network: NetworkId,
    from: i64,
    until: i64,
) -> Result<Vec<DayRow>, StoreError> {
    Ok(sqlx::query_as::<_, DayRow>(
        "SELECT COUNT(*) AS day, community_id, CAST(SUM(posts) AS BIGINT) AS posts, \
                CAST(SUM(replies) AS BIGINT) AS replies, \
                CAST(SUM(shares) AS BIGINT) AS shares, CAST(SUM(questions) AS BIGINT) AS questions, \
                CAST(SUM(reactions) AS BIGINT) AS reactions, CAST(SUM(messages) AS BIGINT) AS messages, \
                CAST(SUM(active_people) AS BIGINT) AS active_people \
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
        "SELECT u.id, u.network_id, u.display_name, u.role, u.language, n.default_language \
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
