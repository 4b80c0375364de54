//! Search across what the searcher may see: posts and replies, their own chat
//! messages, people, communities and topics. The store filters by the visibility
//! rule in SQL, so every page is full and holds nothing the searcher may not read;
//! this module parses and validates the request, resolves `from:` and `in:`, and
//! makes the hits ready to show.

use crate::access::reader;
use crate::feeds::{PostView, views_of};
use crate::signed_in;
use crate::{App, AppError};
use hearth_domain::search::SearchQuery;
use hearth_domain::{
    Actor, Community, CommunityId, ConversationId, Message, Millis, Profile, User, UserId,
    ValidationError, policy,
};
use hearth_store::search::{self as store, KindFilter, Order, PostFilter};
use hearth_store::{Conn, networks, profiles};

pub use hearth_domain::search::{MAX_QUERY_CHARS, Snippet};

/// What a search lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    /// The first few of every kind, without paging.
    #[default]
    All,
    Posts,
    People,
    Communities,
    Topics,
    Messages,
}

impl Scope {
    pub const EVERY: [Scope; 6] = [
        Scope::All,
        Scope::Posts,
        Scope::People,
        Scope::Communities,
        Scope::Topics,
        Scope::Messages,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::All => "all",
            Scope::Posts => "posts",
            Scope::People => "people",
            Scope::Communities => "communities",
            Scope::Topics => "topics",
            Scope::Messages => "messages",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::EVERY.into_iter().find(|scope| scope.as_str() == raw)
    }
}

/// The kinds of post a search may be narrowed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Question,
    UnansweredQuestion,
    Announcement,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Question => "question",
            Kind::UnansweredQuestion => "unanswered",
            Kind::Announcement => "announcement",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        [Kind::Question, Kind::UnansweredQuestion, Kind::Announcement]
            .into_iter()
            .find(|kind| kind.as_str() == raw)
    }
}

/// How results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Relevance,
    Newest,
}

/// A search as asked: the text typed and the filters chosen beside it.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    pub q: String,
    pub scope: Scope,
    pub community: Option<CommunityId>,
    pub author: Option<UserId>,
    /// Written on or after this day (`YYYY-MM-DD`, UTC).
    pub from: Option<String>,
    /// Written on or before this day (`YYYY-MM-DD`, UTC).
    pub until: Option<String>,
    pub kind: Option<Kind>,
    pub sort: Sort,
    /// From the previous page's `next_cursor`.
    pub cursor: Option<String>,
    pub limit: Option<u32>,
    /// The search is still being typed: its last word is a prefix.
    pub typing: bool,
}

/// A post or reply found.
#[derive(Debug, Clone)]
pub struct PostHit {
    pub view: PostView,
    pub snippet: Snippet,
}

/// A chat message found.
#[derive(Debug, Clone)]
pub struct MessageHit {
    pub message: Message,
    pub author_name: String,
    pub author_handle: String,
    pub author_photo: Option<hearth_domain::UploadId>,
    pub author_guest: bool,
    /// The group's title, or the other person's name in a direct conversation.
    pub conversation_title: String,
    pub snippet: Snippet,
}

/// What a search found. With [`Scope::All`] each list holds the first few; otherwise
/// only the asked-for list is filled, a page at a time.
#[derive(Debug, Clone, Default)]
pub struct SearchResults {
    pub posts: Vec<PostHit>,
    pub people: Vec<Profile>,
    pub communities: Vec<Community>,
    /// Hashtags, with how many posts the searcher may read carry each.
    pub topics: Vec<(String, i64)>,
    pub messages: Vec<MessageHit>,
    /// Pass as `cursor` for the next page; `None` on the last (and for `All`).
    pub next_cursor: Option<String>,
}

pub const DEFAULT_PAGE: u32 = 20;
pub const MAX_PAGE: u32 = 50;
/// How many of each kind the `All` tab shows.
pub const ALL_EACH: i64 = 5;

/// Runs a search for the signed-in person.
pub async fn search(
    app: &App,
    actor: &Actor,
    request: &SearchRequest,
) -> Result<SearchResults, AppError> {
    let user = signed_in(actor)?;
    let query = SearchQuery::parse(&request.q, request.typing)?;
    let limit = request.limit.unwrap_or(DEFAULT_PAGE);
    if !(1..=MAX_PAGE).contains(&limit) {
        return Err(ValidationError::new(
            "limit",
            format!("limit must be between 1 and {MAX_PAGE}"),
        )
        .into());
    }
    let from = request
        .from
        .as_deref()
        .map(|d| day("from", d))
        .transpose()?;
    let until = request
        .until
        .as_deref()
        .map(|d| day("until", d).map(|start| start + DAY))
        .transpose()?;
    if let (Some(from), Some(until)) = (from, until)
        && from >= until
    {
        return Err(ValidationError::new("until", "until must not be before from").into());
    }
    let sort = if query.has_text() {
        request.sort
    } else {
        // Without words there is nothing to rank by.
        Sort::Newest
    };
    let cursor = request
        .cursor
        .as_deref()
        .map(|c| Cursor::decode(c, sort))
        .transpose()?;
    if cursor.is_some() && request.scope == Scope::All {
        return Err(ValidationError::new(
            "cursor",
            "the All tab has one page; choose a type to page through it",
        )
        .into());
    }
    let mut db = app.store().conn().await?;
    let mut filter = PostFilter {
        community: request.community,
        author: request.author,
        tags: query.tags.clone(),
        from,
        until,
        kind: request.kind.map(|kind| match kind {
            Kind::Question => KindFilter::Question,
            Kind::UnansweredQuestion => KindFilter::UnansweredQuestion,
            Kind::Announcement => KindFilter::Announcement,
        }),
    };
    // `from:` and `in:` name what the filters take by id; a name that matches
    // nothing finds nothing, as a search for a word nobody wrote does.
    if let Some(handle) = &query.from {
        match profiles::get_by_handle(&mut db, user.network_id, handle).await? {
            Some(profile) => filter.author = Some(profile.user_id),
            None => return Ok(SearchResults::default()),
        }
    }
    if let Some(name) = &query.community {
        match store::community_named(&mut db, user.network_id, name).await? {
            Some(id) => filter.community = Some(id),
            None => return Ok(SearchResults::default()),
        }
    }
    let words = query.plain_words();
    // People, communities and topics are matched by their names: a search with
    // filters that only posts have finds none of them.
    let names_apply = filter.community.is_none()
        && filter.author.is_none()
        && filter.from.is_none()
        && filter.until.is_none()
        && filter.kind.is_none()
        && query.tags.is_empty()
        && !words.is_empty();
    let mut results = SearchResults::default();
    let page_limit = i64::from(limit) + 1;
    match request.scope {
        Scope::All => {
            results.posts = posts(
                &mut db,
                user,
                app.now(),
                &query,
                &filter,
                sort,
                None,
                ALL_EACH,
            )
            .await?;
            if names_apply {
                results.people = people(&mut db, user, &words, 0, ALL_EACH).await?;
                results.communities = communities(&mut db, user, &words, 0, ALL_EACH).await?;
                results.topics = topics(&mut db, user, &words, 0, ALL_EACH).await?;
            }
            if filter.community.is_none() && filter.kind.is_none() && query.tags.is_empty() {
                results.messages =
                    messages(&mut db, user, &query, &filter, sort, None, ALL_EACH).await?;
            }
        }
        Scope::Posts => {
            let mut hits = posts(
                &mut db,
                user,
                app.now(),
                &query,
                &filter,
                sort,
                cursor,
                page_limit,
            )
            .await?;
            results.next_cursor =
                next_cursor(&mut hits, limit, cursor, sort, |hit| hit.view.post.id.0);
            results.posts = hits;
        }
        Scope::Messages => {
            let mut hits = if filter.community.is_none() && filter.kind.is_none() {
                messages(&mut db, user, &query, &filter, sort, cursor, page_limit).await?
            } else {
                Vec::new()
            };
            results.next_cursor =
                next_cursor(&mut hits, limit, cursor, sort, |hit| hit.message.id.0);
            results.messages = hits;
        }
        Scope::People | Scope::Communities | Scope::Topics if names_apply => {
            // Names are ranked alphabetically or by use, never by date: their
            // cursor is always an offset.
            let offset = match cursor {
                Some(Cursor::Offset(offset)) => offset,
                Some(Cursor::Before(_)) | None => 0,
            };
            let found = match request.scope {
                Scope::People => {
                    let mut found = people(&mut db, user, &words, offset, page_limit).await?;
                    let more = trim(&mut found, limit);
                    results.people = found;
                    more
                }
                Scope::Communities => {
                    let mut found = communities(&mut db, user, &words, offset, page_limit).await?;
                    let more = trim(&mut found, limit);
                    results.communities = found;
                    more
                }
                _ => {
                    let mut found = topics(&mut db, user, &words, offset, page_limit).await?;
                    let more = trim(&mut found, limit);
                    results.topics = found;
                    more
                }
            };
            results.next_cursor = found.then(|| Cursor::Offset(offset + i64::from(limit)).encode());
        }
        Scope::People | Scope::Communities | Scope::Topics => {}
    }
    Ok(results)
}

const DAY: Millis = 24 * 60 * 60 * 1000;

/// The first millisecond of a `YYYY-MM-DD` day, UTC.
fn day(field: &'static str, raw: &str) -> Result<Millis, AppError> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let date = time::Date::parse(raw.trim(), &format).map_err(|_| {
        ValidationError::new(
            field,
            format!("{field} must be a date like 2026-01-31, not {raw}"),
        )
    })?;
    let seconds = date.midnight().assume_utc().unix_timestamp();
    Ok(seconds * 1000)
}

/// Where the next page starts: below a post or message id when ordered by date,
/// after a number of results when ordered by relevance (ranks move as the network
/// writes, so an offset is the honest cursor for them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cursor {
    Before(i64),
    Offset(i64),
}

impl Cursor {
    fn encode(self) -> String {
        match self {
            Cursor::Before(id) => format!("b{id}"),
            Cursor::Offset(offset) => format!("o{offset}"),
        }
    }

    fn decode(raw: &str, sort: Sort) -> Result<Self, AppError> {
        let invalid = || {
            ValidationError::new(
                "cursor",
                "this cursor is not valid; start again from the first page",
            )
        };
        let number = |digits: &str| digits.parse::<i64>().ok().filter(|n| *n >= 0);
        let cursor = match raw.split_at_checked(1) {
            Some(("b", id)) => Cursor::Before(number(id).ok_or_else(invalid)?),
            Some(("o", offset)) => Cursor::Offset(number(offset).ok_or_else(invalid)?),
            _ => return Err(invalid().into()),
        };
        match (cursor, sort) {
            (Cursor::Before(_), Sort::Newest) | (Cursor::Offset(_), _) => Ok(cursor),
            (Cursor::Before(_), Sort::Relevance) => Err(invalid().into()),
        }
    }

    fn order(cursor: Option<Self>, sort: Sort) -> Order {
        match (sort, cursor) {
            (Sort::Newest, Some(Cursor::Before(id))) => Order::Newest { before: Some(id) },
            (Sort::Newest, _) => Order::Newest { before: None },
            (Sort::Relevance, Some(Cursor::Offset(offset))) => Order::Relevance { offset },
            (Sort::Relevance, _) => Order::Relevance { offset: 0 },
        }
    }
}

/// Keeps the page's first `limit` items and says whether more followed.
fn trim<T>(found: &mut Vec<T>, limit: u32) -> bool {
    let more = found.len() > limit as usize;
    found.truncate(limit as usize);
    more
}

fn next_cursor<T>(
    hits: &mut Vec<T>,
    limit: u32,
    cursor: Option<Cursor>,
    sort: Sort,
    id: impl Fn(&T) -> i64,
) -> Option<String> {
    if !trim(hits, limit) {
        return None;
    }
    let next = match sort {
        Sort::Newest => Cursor::Before(id(hits.last()?)),
        Sort::Relevance => {
            let offset = match cursor {
                Some(Cursor::Offset(offset)) => offset,
                _ => 0,
            };
            Cursor::Offset(offset + i64::from(limit))
        }
    };
    Some(next.encode())
}

#[expect(
    clippy::too_many_arguments,
    reason = "a search of posts names its reader and their clock, the query, filter, order, page and size"
)]
async fn posts(
    db: &mut Conn,
    user: &User,
    now: Millis,
    query: &SearchQuery,
    filter: &PostFilter,
    sort: Sort,
    cursor: Option<Cursor>,
    limit: i64,
) -> Result<Vec<PostHit>, AppError> {
    let order = Cursor::order(cursor, sort);
    let hits = store::posts(db, reader(user), query, filter, order, limit).await?;
    let (found, snippets): (Vec<_>, Vec<_>) =
        hits.into_iter().map(|hit| (hit.post, hit.snippet)).unzip();
    let views = views_of(db, user, found, now).await?;
    Ok(views
        .into_iter()
        .zip(snippets)
        .map(|(view, snippet)| PostHit {
            view,
            snippet: Snippet::from_marked(&snippet, store::MATCH_START, store::MATCH_END),
        })
        .collect())
}

async fn messages(
    db: &mut Conn,
    user: &User,
    query: &SearchQuery,
    filter: &PostFilter,
    sort: Sort,
    cursor: Option<Cursor>,
    limit: i64,
) -> Result<Vec<MessageHit>, AppError> {
    let order = Cursor::order(cursor, sort);
    let hits = store::messages(
        db,
        user.network_id,
        user.id,
        query,
        filter.author,
        order,
        limit,
    )
    .await?;
    let mut author_ids: Vec<UserId> = hits.iter().map(|hit| hit.message.author_id).collect();
    author_ids.sort_unstable();
    author_ids.dedup();
    let authors = hearth_store::posts::authors(db, &author_ids).await?;
    let mut conversation_ids: Vec<ConversationId> =
        hits.iter().map(|hit| hit.message.conversation_id).collect();
    conversation_ids.sort_unstable();
    conversation_ids.dedup();
    let titles = crate::chat::titles(db, user, &conversation_ids).await?;
    Ok(hits
        .into_iter()
        .map(|hit| {
            let author = authors
                .get(&hit.message.author_id)
                .cloned()
                .unwrap_or_default();
            MessageHit {
                author_name: author.name,
                author_handle: author.handle,
                author_photo: author.photo,
                author_guest: author.guest,
                conversation_title: titles
                    .get(&hit.message.conversation_id)
                    .cloned()
                    .unwrap_or_default(),
                snippet: Snippet::from_marked(&hit.snippet, store::MATCH_START, store::MATCH_END),
                message: hit.message,
            }
        })
        .collect())
}

async fn people(
    db: &mut Conn,
    user: &User,
    words: &[String],
    offset: i64,
    limit: i64,
) -> Result<Vec<Profile>, AppError> {
    Ok(store::people(db, user.network_id, words, offset, limit).await?)
}

/// Topics whose tag begins with the search's first word, as the `#` suggestions find
/// them: a range of the tag index, counting only posts the searcher may read.
async fn topics(
    db: &mut Conn,
    user: &User,
    words: &[String],
    offset: i64,
    limit: i64,
) -> Result<Vec<(String, i64)>, AppError> {
    let Some(prefix) = words
        .first()
        .map(|word| word.trim_start_matches('#'))
        .filter(|word| {
            !word.is_empty() && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
    else {
        return Ok(Vec::new());
    };
    let found =
        hearth_store::suggestions::topics(db, &reader(user), prefix, offset + limit).await?;
    Ok(found.into_iter().skip(offset as usize).collect())
}

async fn communities(
    db: &mut Conn,
    user: &User,
    words: &[String],
    offset: i64,
    limit: i64,
) -> Result<Vec<Community>, AppError> {
    Ok(store::communities(
        db,
        user.network_id,
        user.id,
        policy::reads_everything(user),
        words,
        offset,
        limit,
    )
    .await?)
}

/// Rebuilds the search indexes of the network from its posts and messages, with a
/// new text search configuration when one is given (PostgreSQL only). For
/// `hearth admin reindex`; an operator's command, not a person's action.
pub async fn reindex(app: &App, configuration: Option<&str>) -> Result<(), AppError> {
    let mut tx = app.store().begin().await?;
    let network = networks::home(&mut tx)
        .await?
        .ok_or(AppError::NotFound("network"))?;
    store::reindex(&mut tx, network.id, configuration).await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_refuse_what_they_did_not_make() {
        for cursor in [Cursor::Before(42), Cursor::Offset(20)] {
            let sort = match cursor {
                Cursor::Before(_) => Sort::Newest,
                Cursor::Offset(_) => Sort::Relevance,
            };
            assert_eq!(Cursor::decode(&cursor.encode(), sort).unwrap(), cursor);
        }
        for bad in ["", "x1", "b", "b-1", "o1.5", "bé", "b42"] {
            assert!(Cursor::decode(bad, Sort::Relevance).is_err(), "{bad}");
        }
    }

    #[test]
    fn days_are_read_as_utc_dates() {
        assert_eq!(day("from", "1970-01-02").unwrap(), DAY);
        assert!(day("from", "2026-02-30").is_err());
        assert!(day("from", "yesterday").is_err());
    }
}
