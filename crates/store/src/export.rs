//! Compliance exports: each table of a network, or one person's part of it, read a
//! page at a time as JSON documents. The database writes the JSON itself (`json_object`
//! on SQLite, `json_build_object` on PostgreSQL, which take the same arguments), so a
//! row goes from the database to the export file without a Rust type for each table.
//!
//! Ids are written as strings, as the API writes them; times as Unix milliseconds.
//! Password hashes and secrets are never exported.

use crate::{Conn, StoreError};

/// Whose data a section holds: `$1` of every query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// A whole network, by id.
    Network(i64),
    /// One person, by user id.
    User(i64),
}

impl Scope {
    fn id(self) -> i64 {
        match self {
            Self::Network(id) | Self::User(id) => id,
        }
    }
}

/// The columns that order a section and resume it after a page: one or two numbers,
/// or two numbers and a text (reactions).
#[derive(Debug, Clone, Copy)]
enum Key {
    One(&'static str),
    Two(&'static str, &'static str),
    Three(&'static str, &'static str, &'static str),
}

/// One file of an export.
#[derive(Debug, Clone, Copy)]
pub struct Section {
    /// The file's name inside the zip, e.g. `posts.jsonl`.
    pub file: &'static str,
    /// `FROM … WHERE …` with `$1` standing for the scope's id.
    from: &'static str,
    key: Key,
    /// (JSON field, SQL expression) pairs.
    fields: &'static [(&'static str, &'static str)],
}

/// Where a section's reading stopped: the last row's key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    a: i64,
    b: i64,
    c: String,
}

impl Cursor {
    /// Before the first row of any section.
    pub fn start() -> Self {
        Self {
            a: i64::MIN,
            b: i64::MIN,
            c: String::new(),
        }
    }
}

const USER_FIELDS: &[(&str, &str)] = &[
    ("id", "CAST(u.id AS TEXT)"),
    ("email", "u.email"),
    ("display_name", "u.display_name"),
    ("handle", "u.handle"),
    ("role", "u.role"),
    ("status", "u.status"),
    ("suspended_until", "u.suspended_until"),
    ("job_title", "u.job_title"),
    ("department", "u.department"),
    ("location", "u.location"),
    ("time_zone", "u.time_zone"),
    ("about", "u.about"),
    ("manager_id", "CAST(u.manager_id AS TEXT)"),
    ("created_at", "u.created_at"),
    ("updated_at", "u.updated_at"),
];

const COMMUNITY_FIELDS: &[(&str, &str)] = &[
    ("id", "CAST(c.id AS TEXT)"),
    ("name", "c.name"),
    ("description", "c.description"),
    ("visibility", "c.visibility"),
    ("category", "c.category"),
    ("created_by", "CAST(c.created_by AS TEXT)"),
    ("created_at", "c.created_at"),
    ("archived_at", "c.archived_at"),
];

const MEMBERSHIP_FIELDS: &[(&str, &str)] = &[
    ("community_id", "CAST(m.community_id AS TEXT)"),
    ("user_id", "CAST(m.user_id AS TEXT)"),
    ("role", "m.role"),
    ("state", "m.state"),
    ("created_at", "m.created_at"),
];

const FOLLOW_FIELDS: &[(&str, &str)] = &[
    ("follower_id", "CAST(f.follower_id AS TEXT)"),
    ("followee_id", "CAST(f.followee_id AS TEXT)"),
    ("created_at", "f.created_at"),
];

const POST_FIELDS: &[(&str, &str)] = &[
    ("id", "CAST(p.id AS TEXT)"),
    ("author_id", "CAST(p.author_id AS TEXT)"),
    ("community_id", "CAST(p.community_id AS TEXT)"),
    ("kind", "p.kind"),
    ("root_id", "CAST(p.root_id AS TEXT)"),
    ("parent_id", "CAST(p.parent_id AS TEXT)"),
    ("shared_post_id", "CAST(p.shared_post_id AS TEXT)"),
    ("body_markdown", "p.body_markdown"),
    ("best_answer_id", "CAST(p.best_answer_id AS TEXT)"),
    ("moderation", "p.moderation"),
    ("created_at", "p.created_at"),
    ("edited_at", "p.edited_at"),
    ("deleted_at", "p.deleted_at"),
    ("deleted_by", "CAST(p.deleted_by AS TEXT)"),
];

const VERSION_FIELDS: &[(&str, &str)] = &[
    ("id", "CAST(v.id AS TEXT)"),
    ("post_id", "CAST(v.post_id AS TEXT)"),
    ("body_markdown", "v.body_markdown"),
    ("title", "v.title"),
    ("summary", "v.summary"),
    ("replaced_at", "v.replaced_at"),
];

const REACTION_FIELDS: &[(&str, &str)] = &[
    ("post_id", "CAST(r.post_id AS TEXT)"),
    ("user_id", "CAST(r.user_id AS TEXT)"),
    ("kind", "r.kind"),
    ("created_at", "r.created_at"),
];

const POLL_FIELDS: &[(&str, &str)] = &[
    ("post_id", "CAST(pl.post_id AS TEXT)"),
    ("choice", "pl.choice"),
    ("results", "pl.results"),
    ("votes", "pl.votes"),
    ("closes_at", "pl.closes_at"),
];

/// An option with its count: the only trace an anonymous poll's votes leave in a
/// network's export.
const POLL_OPTION_FIELDS: &[(&str, &str)] = &[
    ("post_id", "CAST(o.post_id AS TEXT)"),
    ("position", "o.position"),
    ("label", "o.label"),
    (
        "votes",
        "(SELECT COUNT(*) FROM poll_votes pv WHERE pv.post_id = o.post_id AND pv.position = o.position)",
    ),
];

const POLL_VOTE_FIELDS: &[(&str, &str)] = &[
    ("post_id", "CAST(v.post_id AS TEXT)"),
    ("position", "v.position"),
    ("user_id", "CAST(v.user_id AS TEXT)"),
    ("voted_at", "v.voted_at"),
];

const PRAISE_FIELDS: &[(&str, &str)] =
    &[("post_id", "CAST(pr.post_id AS TEXT)"), ("kind", "pr.kind")];

const PRAISE_RECIPIENT_FIELDS: &[(&str, &str)] = &[
    ("post_id", "CAST(rr.post_id AS TEXT)"),
    ("user_id", "CAST(rr.user_id AS TEXT)"),
];

const ARTICLE_FIELDS: &[(&str, &str)] = &[
    ("id", "CAST(a.id AS TEXT)"),
    ("author_id", "CAST(a.author_id AS TEXT)"),
    ("community_id", "CAST(a.community_id AS TEXT)"),
    ("title", "a.title"),
    ("summary", "a.summary"),
    ("status", "a.status"),
    ("post_id", "CAST(a.post_id AS TEXT)"),
    ("created_at", "CAST(a.created_at AS TEXT)"),
];

const CONVERSATION_FIELDS: &[(&str, &str)] = &[
    ("id", "CAST(c.id AS TEXT)"),
    ("kind", "c.kind"),
    ("title", "c.title"),
    ("created_by", "CAST(c.created_by AS TEXT)"),
    ("created_at", "c.created_at"),
];

const CONVERSATION_MEMBER_FIELDS: &[(&str, &str)] = &[
    ("conversation_id", "CAST(cm.conversation_id AS TEXT)"),
    ("user_id", "CAST(cm.user_id AS TEXT)"),
    ("joined_at", "cm.joined_at"),
];

const MESSAGE_FIELDS: &[(&str, &str)] = &[
    ("id", "CAST(m.id AS TEXT)"),
    ("conversation_id", "CAST(m.conversation_id AS TEXT)"),
    ("author_id", "CAST(m.author_id AS TEXT)"),
    ("body_markdown", "m.body_markdown"),
    ("created_at", "m.created_at"),
    ("edited_at", "m.edited_at"),
    ("deleted_at", "m.deleted_at"),
];

const AUDIT_FIELDS: &[(&str, &str)] = &[
    ("id", "CAST(a.id AS TEXT)"),
    ("actor_kind", "a.actor_kind"),
    ("actor_id", "CAST(a.actor_id AS TEXT)"),
    ("actor_name", "a.actor_name"),
    ("action", "a.action"),
    ("target_kind", "a.target_kind"),
    ("target_id", "CAST(a.target_id AS TEXT)"),
    ("target_name", "a.target_name"),
    ("reason", "a.reason"),
    ("client_ip", "a.client_ip"),
    ("details", "a.details"),
    ("created_at", "a.created_at"),
];

const UPLOAD_FIELDS: &[(&str, &str)] = &[
    ("id", "CAST(u.id AS TEXT)"),
    ("owner_id", "CAST(u.owner_id AS TEXT)"),
    ("purpose", "u.purpose"),
    ("name", "u.name"),
    ("content_type", "u.content_type"),
    ("size", "u.size"),
    ("width", "u.width"),
    ("height", "u.height"),
    ("alt_text", "u.alt_text"),
    ("created_at", "u.created_at"),
    ("post_id", "CAST(u.post_id AS TEXT)"),
    ("message_id", "CAST(u.message_id AS TEXT)"),
    // Where the file itself is in the zip (see `files_page`).
    ("file", "'files/' || CAST(u.id AS TEXT) || '/' || u.name"),
];

/// Everything of a network.
const NETWORK: &[Section] = &[
    Section {
        file: "users.jsonl",
        from: "FROM users u WHERE u.network_id = $1",
        key: Key::One("u.id"),
        fields: USER_FIELDS,
    },
    Section {
        file: "follows.jsonl",
        from: "FROM follows f WHERE f.network_id = $1",
        key: Key::Two("f.follower_id", "f.followee_id"),
        fields: FOLLOW_FIELDS,
    },
    Section {
        file: "communities.jsonl",
        from: "FROM communities c WHERE c.network_id = $1",
        key: Key::One("c.id"),
        fields: COMMUNITY_FIELDS,
    },
    Section {
        file: "memberships.jsonl",
        from: "FROM community_members m JOIN communities c ON c.id = m.community_id \
               WHERE c.network_id = $1",
        key: Key::Two("m.community_id", "m.user_id"),
        fields: MEMBERSHIP_FIELDS,
    },
    Section {
        file: "posts.jsonl",
        from: "FROM posts p WHERE p.network_id = $1",
        key: Key::One("p.id"),
        fields: POST_FIELDS,
    },
    Section {
        file: "post_versions.jsonl",
        from: "FROM post_versions v JOIN posts p ON p.id = v.post_id WHERE p.network_id = $1",
        key: Key::One("v.id"),
        fields: VERSION_FIELDS,
    },
    Section {
        file: "reactions.jsonl",
        from: "FROM reactions r JOIN posts p ON p.id = r.post_id WHERE p.network_id = $1",
        key: Key::Three("r.post_id", "r.user_id", "r.kind"),
        fields: REACTION_FIELDS,
    },
    Section {
        file: "polls.jsonl",
        from: "FROM polls pl WHERE pl.network_id = $1",
        key: Key::One("pl.post_id"),
        fields: POLL_FIELDS,
    },
    Section {
        file: "poll_options.jsonl",
        from: "FROM poll_options o JOIN polls pl ON pl.post_id = o.post_id WHERE pl.network_id = $1",
        key: Key::Two("o.post_id", "o.position"),
        fields: POLL_OPTION_FIELDS,
    },
    // Who voted for what, only where readers may see it too: named polls.
    Section {
        file: "poll_votes.jsonl",
        from: "FROM poll_votes v JOIN polls pl ON pl.post_id = v.post_id \
               WHERE pl.network_id = $1 AND pl.votes = 'named'",
        key: Key::Three("v.post_id", "v.user_id", "CAST(v.position AS TEXT)"),
        fields: POLL_VOTE_FIELDS,
    },
    Section {
        file: "praise.jsonl",
        from: "FROM praise pr WHERE pr.network_id = $1",
        key: Key::One("pr.post_id"),
        fields: PRAISE_FIELDS,
    },
    Section {
        file: "praise_recipients.jsonl",
        from: "FROM praise_recipients rr JOIN praise pr ON pr.post_id = rr.post_id \
               WHERE pr.network_id = $1",
        key: Key::Two("rr.post_id", "rr.user_id"),
        fields: PRAISE_RECIPIENT_FIELDS,
    },
    // Published articles; their bodies are their posts'. Drafts are their authors'
    // alone until published.
    Section {
        file: "articles.jsonl",
        from: "FROM articles a WHERE a.network_id = $1 AND a.status = 'published'",
        key: Key::One("a.id"),
        fields: ARTICLE_FIELDS,
    },
    Section {
        file: "conversations.jsonl",
        from: "FROM conversations c WHERE c.network_id = $1",
        key: Key::One("c.id"),
        fields: CONVERSATION_FIELDS,
    },
    Section {
        file: "conversation_members.jsonl",
        from: "FROM conversation_members cm JOIN conversations c ON c.id = cm.conversation_id \
               WHERE c.network_id = $1",
        key: Key::Two("cm.conversation_id", "cm.user_id"),
        fields: CONVERSATION_MEMBER_FIELDS,
    },
    Section {
        file: "messages.jsonl",
        from: "FROM messages m JOIN conversations c ON c.id = m.conversation_id \
               WHERE c.network_id = $1",
        key: Key::One("m.id"),
        fields: MESSAGE_FIELDS,
    },
    Section {
        file: "uploads.jsonl",
        from: "FROM uploads u WHERE u.network_id = $1",
        key: Key::One("u.id"),
        fields: UPLOAD_FIELDS,
    },
    Section {
        file: "audit.jsonl",
        from: "FROM audit_log a WHERE a.network_id = $1",
        key: Key::One("a.id"),
        fields: AUDIT_FIELDS,
    },
];

/// One person's account and what they wrote, and the conversations they are in.
const USER: &[Section] = &[
    Section {
        file: "users.jsonl",
        from: "FROM users u WHERE u.id = $1",
        key: Key::One("u.id"),
        fields: USER_FIELDS,
    },
    Section {
        file: "follows.jsonl",
        from: "FROM follows f WHERE f.follower_id = $1",
        key: Key::Two("f.follower_id", "f.followee_id"),
        fields: FOLLOW_FIELDS,
    },
    Section {
        file: "memberships.jsonl",
        from: "FROM community_members m WHERE m.user_id = $1",
        key: Key::Two("m.community_id", "m.user_id"),
        fields: MEMBERSHIP_FIELDS,
    },
    Section {
        file: "posts.jsonl",
        from: "FROM posts p WHERE p.author_id = $1",
        key: Key::One("p.id"),
        fields: POST_FIELDS,
    },
    Section {
        file: "post_versions.jsonl",
        from: "FROM post_versions v JOIN posts p ON p.id = v.post_id WHERE p.author_id = $1",
        key: Key::One("v.id"),
        fields: VERSION_FIELDS,
    },
    Section {
        file: "reactions.jsonl",
        from: "FROM reactions r WHERE r.user_id = $1",
        key: Key::Three("r.post_id", "r.user_id", "r.kind"),
        fields: REACTION_FIELDS,
    },
    Section {
        file: "polls.jsonl",
        from: "FROM polls pl JOIN posts p ON p.id = pl.post_id WHERE p.author_id = $1",
        key: Key::One("pl.post_id"),
        fields: POLL_FIELDS,
    },
    Section {
        file: "poll_options.jsonl",
        from: "FROM poll_options o JOIN posts p ON p.id = o.post_id WHERE p.author_id = $1",
        key: Key::Two("o.post_id", "o.position"),
        fields: POLL_OPTION_FIELDS,
    },
    Section {
        file: "poll_votes.jsonl",
        from: "FROM poll_votes v WHERE v.user_id = $1",
        key: Key::Three("v.post_id", "v.user_id", "CAST(v.position AS TEXT)"),
        fields: POLL_VOTE_FIELDS,
    },
    Section {
        file: "praise.jsonl",
        from: "FROM praise pr JOIN posts p ON p.id = pr.post_id WHERE p.author_id = $1",
        key: Key::One("pr.post_id"),
        fields: PRAISE_FIELDS,
    },
    // The praise they gave, and the praise they received.
    Section {
        file: "praise_recipients.jsonl",
        from: "FROM praise_recipients rr JOIN posts p ON p.id = rr.post_id \
               WHERE p.author_id = $1 OR rr.user_id = $1",
        key: Key::Two("rr.post_id", "rr.user_id"),
        fields: PRAISE_RECIPIENT_FIELDS,
    },
    // Their articles, drafts included: what they wrote is theirs.
    Section {
        file: "articles.jsonl",
        from: "FROM articles a WHERE a.author_id = $1",
        key: Key::One("a.id"),
        fields: ARTICLE_FIELDS,
    },
    Section {
        file: "conversations.jsonl",
        from: "FROM conversations c WHERE c.id IN \
               (SELECT own.conversation_id FROM conversation_members own WHERE own.user_id = $1)",
        key: Key::One("c.id"),
        fields: CONVERSATION_FIELDS,
    },
    Section {
        file: "messages.jsonl",
        from: "FROM messages m WHERE m.author_id = $1",
        key: Key::One("m.id"),
        fields: MESSAGE_FIELDS,
    },
    Section {
        file: "uploads.jsonl",
        from: "FROM uploads u WHERE u.owner_id = $1",
        key: Key::One("u.id"),
        fields: UPLOAD_FIELDS,
    },
];

/// The files of an export of this scope, in the order they are written.
pub fn sections(scope: Scope) -> &'static [Section] {
    match scope {
        Scope::Network(_) => NETWORK,
        Scope::User(_) => USER,
    }
}

/// How many rows a section holds now, for a progress bar.
pub async fn count(db: &mut Conn, section: &Section, scope: Scope) -> Result<i64, StoreError> {
    Ok(
        sqlx::query_scalar(&format!("SELECT COUNT(*) {}", section.from))
            .bind(scope.id())
            .fetch_one(db)
            .await?,
    )
}

/// Up to `limit` rows of a section after `after`, as JSON documents, and the cursor
/// to resume from (unchanged when the page is empty).
pub async fn page(
    db: &mut Conn,
    section: &Section,
    scope: Scope,
    after: &Cursor,
    limit: i64,
) -> Result<(Vec<String>, Cursor), StoreError> {
    let json = if db.backend_name() == "SQLite" {
        "json_object"
    } else {
        "json_build_object"
    };
    let document = section
        .fields
        .iter()
        .map(|(name, expr)| format!("'{name}', {expr}"))
        .collect::<Vec<_>>()
        .join(", ");
    // Each key shape binds exactly the parameters it names: PostgreSQL refuses more.
    let (keys, after_sql, order) = match section.key {
        Key::One(a) => (
            format!("{a}, CAST(0 AS BIGINT), CAST('' AS TEXT)"),
            format!("{a} > $2"),
            a.to_owned(),
        ),
        Key::Two(a, b) => (
            format!("{a}, {b}, CAST('' AS TEXT)"),
            format!("({a} > $2 OR ({a} = $2 AND {b} > $3))"),
            format!("{a}, {b}"),
        ),
        Key::Three(a, b, c) => (
            format!("{a}, {b}, {c}"),
            format!("({a} > $2 OR ({a} = $2 AND ({b} > $3 OR ({b} = $3 AND {c} > $4))))"),
            format!("{a}, {b}, {c}"),
        ),
    };
    let sql = format!(
        "SELECT {keys}, CAST({json}({document}) AS TEXT) {} AND {after_sql} ORDER BY {order} LIMIT {limit}",
        section.from
    );
    let mut query = sqlx::query_as::<_, (i64, i64, String, String)>(&sql)
        .bind(scope.id())
        .bind(after.a);
    if matches!(section.key, Key::Two(..) | Key::Three(..)) {
        query = query.bind(after.b);
    }
    if matches!(section.key, Key::Three(..)) {
        query = query.bind(after.c.clone());
    }
    let rows = query.fetch_all(db).await?;
    let next = rows.last().map_or_else(
        || after.clone(),
        |(a, b, c, _)| Cursor {
            a: *a,
            b: *b,
            c: c.clone(),
        },
    );
    Ok((rows.into_iter().map(|(.., doc)| doc).collect(), next))
}

/// A file that goes into an export beside `uploads.jsonl`: where it is in the zip and
/// where its bytes are stored.
#[derive(Debug, Clone)]
pub struct ExportedFile {
    pub id: i64,
    pub path_in_zip: String,
    pub blob_key: String,
}

/// The uploads of the scope after `after` (by id), with their original's content.
pub async fn files_page(
    db: &mut Conn,
    scope: Scope,
    after: i64,
    limit: i64,
) -> Result<Vec<ExportedFile>, StoreError> {
    let owner = match scope {
        Scope::Network(_) => "u.network_id",
        Scope::User(_) => "u.owner_id",
    };
    let rows = sqlx::query_as::<_, (i64, String, String)>(&format!(
        "SELECT u.id, 'files/' || CAST(u.id AS TEXT) || '/' || u.name, r.blob_key \
         FROM uploads u JOIN upload_renditions r ON r.upload_id = u.id AND r.variant = 'original' \
         WHERE {owner} = $1 AND u.id > $2 ORDER BY u.id LIMIT $3"
    ))
    .bind(scope.id())
    .bind(after)
    .bind(limit)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, path_in_zip, blob_key)| ExportedFile {
            id,
            path_in_zip,
            blob_key,
        })
        .collect())
}
