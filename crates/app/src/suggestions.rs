//! Suggestions while typing: after `@` in a composer, colleagues to mention; after
//! `#`, topics already in use. Both are reads for the signed-in writer, confined to
//! their network, and topics obey the visibility rule of posts, so a tag used only
//! where the writer may not read is never suggested.

use crate::{App, AppError, access, signed_in};
use hearth_domain::{Actor, Profile, ValidationError};
use hearth_store::suggestions;

/// Suggestions answered when the request names no limit.
pub const DEFAULT_LIMIT: u32 = 8;
/// The most suggestions one request may ask for.
pub const MAX_LIMIT: u32 = 20;
/// The longest text suggestions are asked for, in characters.
pub const MAX_QUERY_CHARS: usize = 64;

/// A topic in use, with the number of posts the writer may read that carry it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicSuggestion {
    /// Lower-case, without the `#`.
    pub tag: String,
    pub count: i64,
}

/// Colleagues to mention: people of the writer's network who have not left, whose
/// handle or a word of whose name starts with `q` (an `@` in front is ignored), those
/// the writer interacts with most first (following, replies, mentions, shared
/// conversations, reactions), then by name. The writer is left out.
pub async fn people(
    app: &App,
    actor: &Actor,
    q: &str,
    limit: Option<u32>,
) -> Result<Vec<Profile>, AppError> {
    let writer = signed_in(actor)?;
    let prefix = prefix(q, '@')?;
    let limit = checked_limit(limit)?;
    let mut db = app.store().conn().await?;
    Ok(suggestions::people(&mut db, writer.network_id, writer.id, &prefix, limit).await?)
}

/// Topics to tag: the hashtags of the writer's network that start with `q` (a `#` in
/// front is ignored), counted on the posts and replies the writer may read, most used
/// first, then alphabetically. A tag that appears only where the writer may not read
/// (a secret community they are not in) is not suggested.
pub async fn topics(
    app: &App,
    actor: &Actor,
    q: &str,
    limit: Option<u32>,
) -> Result<Vec<TopicSuggestion>, AppError> {
    let writer = signed_in(actor)?;
    let prefix = prefix(q, '#')?;
    let limit = checked_limit(limit)?;
    let mut db = app.store().conn().await?;
    let rows = suggestions::topics(&mut db, &access::reader(writer), &prefix, limit).await?;
    Ok(rows
        .into_iter()
        .map(|(tag, count)| TopicSuggestion { tag, count })
        .collect())
}

/// The text typed after the sigil, trimmed and lower-cased (handles, name keys and
/// tags are all stored lower-cased), refused when empty or too long.
fn prefix(q: &str, sigil: char) -> Result<String, ValidationError> {
    let text = q.trim();
    let text = text.strip_prefix(sigil).unwrap_or(text).trim_start();
    if text.is_empty() {
        return Err(ValidationError::new(
            "q",
            "type at least one character to get suggestions",
        ));
    }
    // PostgreSQL's text holds no NUL, and no handle, name or tag holds any control
    // character: refuse them rather than fail.
    if text.chars().any(char::is_control) {
        return Err(ValidationError::new(
            "q",
            "q must not contain control characters",
        ));
    }
    if text.chars().count() > MAX_QUERY_CHARS {
        return Err(ValidationError::new(
            "q",
            format!("q must be at most {MAX_QUERY_CHARS} characters"),
        ));
    }
    Ok(text.to_lowercase())
}

fn checked_limit(limit: Option<u32>) -> Result<i64, ValidationError> {
    let limit = limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(ValidationError::new(
            "limit",
            format!("limit must be between 1 and {MAX_LIMIT}"),
        ));
    }
    Ok(i64::from(limit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sigil_and_spaces_around_the_text_are_ignored_and_case_folded() {
        assert_eq!(prefix("  @Ana ", '@').unwrap(), "ana");
        assert_eq!(prefix("#Offsite", '#').unwrap(), "offsite");
        assert_eq!(prefix("ana li", '@').unwrap(), "ana li");
    }

    #[test]
    fn empty_or_overlong_text_and_bad_limits_are_refused() {
        for (empty, sigil) in [
            ("", '@'),
            ("   ", '@'),
            ("@", '@'),
            ("# ", '#'),
            ("a\u{0}", '@'),
        ] {
            assert_eq!(prefix(empty, sigil).unwrap_err().field, "q", "{empty:?}");
        }
        assert!(prefix(&"a".repeat(MAX_QUERY_CHARS), '@').is_ok());
        assert_eq!(
            prefix(&"a".repeat(MAX_QUERY_CHARS + 1), '@')
                .unwrap_err()
                .field,
            "q"
        );
        assert_eq!(checked_limit(None).unwrap(), 8);
        assert_eq!(checked_limit(Some(20)).unwrap(), 20);
        for bad in [0, 21] {
            assert_eq!(checked_limit(Some(bad)).unwrap_err().field, "limit");
        }
    }
}
