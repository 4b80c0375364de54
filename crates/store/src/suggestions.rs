//! Suggestions while typing: the colleagues an `@` may mention and the topics a `#`
//! may tag, for the person writing.
//!
//! Both are answered with one statement each and no new table: people by a prefix of
//! their handle or of any word of their name (`users.name_key`), ranked by how much
//! the writer has to do with them; topics by a prefix of the tags of `post_hashtags`,
//! counted only on posts the writer may read ([`posts::visible`]), so a tag used only
//! in a secret community is never suggested to anyone outside it.

use crate::posts::{self, Reader};
use crate::profiles::{COLUMNS, ProfileRow, escape_like};
use crate::{Conn, StoreError};
use hearth_domain::{NetworkId, Profile, UserId};

/// How much each kind of interaction of the writer with a colleague weighs in their
/// ranking. Following and writing to someone say more than a reaction.
const FOLLOWS: i64 = 5;
const REPLIES: i64 = 3;
const MENTIONS: i64 = 3;
const CONVERSATIONS: i64 = 2;
const REACTIONS: i64 = 1;

/// The writer's colleagues who have not left (the writer aside) whose handle, or a
/// word of whose name, starts with `prefix` (lower-cased by the caller), at most
/// `limit`, those the writer interacts with most first, then by name.
///
/// The score is computed in the same statement, from the writer's side only, so it
/// costs the writer's own history (one index range per kind) and never a colleague's:
/// replies the writer wrote to their posts, reactions the writer gave their posts,
/// the writer's mentions of them, conversations shared with them, and following them.
/// The name test cannot use an index (a word may start anywhere in the name), so it
/// reads the network's people once; a company of thousands is a few thousand short
/// index entries.
pub async fn people(
    db: &mut Conn,
    network: NetworkId,
    writer: UserId,
    prefix: &str,
    limit: i64,
) -> Result<Vec<Profile>, StoreError> {
    let starts = format!("{}%", escape_like(prefix));
    let word_starts = format!("% {}%", escape_like(prefix));
    let sql = format!(
        "WITH interactions (person_id, weight) AS ( \
             SELECT t.author_id, {REPLIES} FROM posts r JOIN posts t ON t.id = r.parent_id \
              WHERE r.author_id = $2 AND r.parent_id IS NOT NULL AND r.deleted_at IS NULL \
             UNION ALL \
             SELECT p.author_id, {REACTIONS} FROM reactions x JOIN posts p ON p.id = x.post_id \
              WHERE x.user_id = $2 \
             UNION ALL \
             SELECT m.user_id, {MENTIONS} FROM posts p JOIN post_mentions m ON m.post_id = p.id \
              WHERE p.author_id = $2 AND p.deleted_at IS NULL \
             UNION ALL \
             SELECT o.user_id, {CONVERSATIONS} FROM conversation_members me \
               JOIN conversation_members o \
                 ON o.conversation_id = me.conversation_id AND o.user_id <> me.user_id \
              WHERE me.user_id = $2 \
             UNION ALL \
             SELECT f.followee_id, {FOLLOWS} FROM follows f WHERE f.follower_id = $2 \
         ), \
         scores (person_id, score) AS ( \
             SELECT person_id, SUM(weight) FROM interactions GROUP BY person_id \
         ) \
         SELECT {COLUMNS} FROM users LEFT JOIN scores ON scores.person_id = users.id \
         WHERE users.network_id = $1 AND users.status <> 'deactivated' AND users.id <> $2 \
           AND (users.handle LIKE $3 ESCAPE '\\' OR users.name_key LIKE $3 ESCAPE '\\' \
                OR users.name_key LIKE $4 ESCAPE '\\') \
         ORDER BY COALESCE(scores.score, 0) DESC, users.name_key, users.id \
         LIMIT $5"
    );
    let rows = sqlx::query_as::<_, ProfileRow>(&sql)
        .bind(network.0)
        .bind(writer.0)
        .bind(starts)
        .bind(word_starts)
        .bind(limit)
        .fetch_all(db)
        .await?;
    rows.into_iter().map(Profile::try_from).collect()
}

/// The network's tags starting with `prefix` (lower-cased, as tags are stored) on
/// posts and replies `reader` may read, most used first, then alphabetically, at
/// most `limit`, each with the number of such posts.
///
/// On SQLite the prefix is a range of the `(network_id, tag, post_id)` index: its
/// LIKE is case-insensitive and so cannot use an index of a case-sensitive column,
/// while tags are stored lower-cased and compare byte by byte. PostgreSQL's text
/// order depends on the database's collation, where only LIKE is sure to mean "starts
/// with".
pub async fn topics(
    db: &mut Conn,
    reader: &Reader,
    prefix: &str,
    limit: i64,
) -> Result<Vec<(String, i64)>, StoreError> {
    let sqlite = db.backend_name() == "SQLite";
    let (matches, limit_at) = if sqlite {
        ("h.tag >= $4 AND h.tag < $5", "$6")
    } else {
        ("h.tag LIKE $4 ESCAPE '\\'", "$5")
    };
    let sql = format!(
        "SELECT h.tag, COUNT(*) FROM post_hashtags h JOIN posts p ON p.id = h.post_id \
         WHERE h.network_id = $1 AND {matches} AND {} \
         GROUP BY h.tag ORDER BY COUNT(*) DESC, h.tag LIMIT {limit_at}",
        posts::visible("p")
    );
    let mut query = sqlx::query_as::<_, (String, i64)>(&sql)
        .bind(reader.network.0)
        .bind(reader.user.0)
        .bind(i64::from(reader.is_network_admin));
    query = if sqlite {
        // Every string that starts with `prefix` sorts from `prefix` up to, not
        // including, `prefix` followed by the greatest character.
        query
            .bind(prefix.to_owned())
            .bind(format!("{prefix}{}", char::MAX))
    } else {
        query.bind(format!("{}%", escape_like(prefix)))
    };
    Ok(query.bind(limit).fetch_all(db).await?)
}
