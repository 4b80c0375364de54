//! A search as people type it, parsed into what the store matches: words (the last
//! one a prefix when it ends in `*`, or while a search-as-you-type box is still
//! being typed in), `"exact phrases"`, `-excluded` words or phrases, `#tags`,
//! `from:@handle` and `in:community`.
//!
//! A prefix is asked for, not assumed: matching one costs the engines far more than
//! a word (FTS5 merges every matching term's list of posts, a million entries for a
//! word in every post), so a submitted search matches whole words.
//!
//! The parse never fails on odd input: stray quotes close at the end, punctuation is
//! left for the engines' tokenizers. Only a search that asks for nothing, or for
//! too much, is refused, with a message for the person who typed it.

use crate::validation::ValidationError;

/// The longest search accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 256;
/// The most terms (words, phrases, exclusions, tags) one search may hold: each one
/// is a clause of the engine's query.
pub const MAX_TERMS: usize = 16;

/// A parsed search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchQuery {
    /// Words every result contains, in the order typed.
    pub words: Vec<String>,
    /// Match the last word as a prefix: it ends in `*`, or is still being typed.
    pub last_word_is_prefix: bool,
    /// Phrases every result contains word for word.
    pub phrases: Vec<String>,
    /// Words or phrases no result contains.
    pub excluded: Vec<String>,
    /// Hashtags every result carries, lower-cased, without `#`.
    pub tags: Vec<String>,
    /// `from:@handle`: the author's handle, lower-cased, without `@`.
    pub from: Option<String>,
    /// `in:name`: the community, by name (hyphens stand for spaces), lower-cased.
    pub community: Option<String>,
}

impl SearchQuery {
    /// Parses what was typed; `typing` when it is still being typed (search as you
    /// type), which makes the last word a prefix unless a space follows it. Refuses
    /// an empty search, one of only exclusions, and one longer than
    /// [`MAX_QUERY_CHARS`] or with more than [`MAX_TERMS`] terms.
    pub fn parse(raw: &str, typing: bool) -> Result<Self, ValidationError> {
        if raw.chars().count() > MAX_QUERY_CHARS {
            return Err(ValidationError::new(
                "q",
                format!("a search must be at most {MAX_QUERY_CHARS} characters"),
            ));
        }
        let mut query = SearchQuery::default();
        let mut chars = raw.chars().peekable();
        let mut last_was_word = false;
        let mut starred = false;
        loop {
            while chars
                .next_if(|c| c.is_whitespace() || c.is_control())
                .is_some()
            {}
            let Some(&first) = chars.peek() else { break };
            let negated = first == '-';
            if negated {
                chars.next();
            }
            let term = if chars.next_if_eq(&'"').is_some() {
                let phrase: String = chars.by_ref().take_while(|c| *c != '"').collect();
                Term::Phrase(clean(&phrase))
            } else {
                let mut word = String::new();
                while let Some(c) = chars.next_if(|c| !c.is_whitespace() && !c.is_control()) {
                    word.push(c);
                }
                Term::parse(&word)
            };
            last_was_word = false;
            starred = false;
            match (term, negated) {
                (Term::Phrase(text) | Term::Word(text), true) if !text.is_empty() => {
                    query.excluded.push(text);
                }
                (Term::Phrase(text), false) if !text.is_empty() => {
                    // A phrase of one word is that word, matched exactly.
                    if text.contains(' ') {
                        query.phrases.push(text);
                    } else {
                        query.words.push(text);
                    }
                }
                (Term::Word(text), false) if !text.is_empty() => {
                    query.words.push(text);
                    last_was_word = true;
                }
                (Term::Prefix(text), false) if !text.is_empty() => {
                    query.words.push(text);
                    last_was_word = true;
                    starred = true;
                }
                (Term::Prefix(text), true) if !text.is_empty() => query.excluded.push(text),
                (Term::Tag(tag), _) if !tag.is_empty() => query.tags.push(tag),
                (Term::From(handle), _) if !handle.is_empty() => query.from = Some(handle),
                (Term::In(name), _) if !name.is_empty() => query.community = Some(name),
                _ => {}
            }
        }
        query.last_word_is_prefix = last_was_word
            && (starred || (typing && !raw.ends_with(|c: char| c.is_whitespace() || c == '"')));
        query.tags.dedup();
        let terms =
            query.words.len() + query.phrases.len() + query.excluded.len() + query.tags.len();
        if terms > MAX_TERMS {
            return Err(ValidationError::new(
                "q",
                format!("a search may hold at most {MAX_TERMS} words, phrases and tags"),
            ));
        }
        if !query.asks_for_something() {
            return Err(ValidationError::new(
                "q",
                if query.excluded.is_empty() {
                    "type a word to search for"
                } else {
                    "a search needs a word to find besides the words to leave out"
                },
            ));
        }
        Ok(query)
    }

    /// Whether the search names something results must have, not only what they
    /// must not.
    fn asks_for_something(&self) -> bool {
        !self.words.is_empty()
            || !self.phrases.is_empty()
            || !self.tags.is_empty()
            || self.from.is_some()
            || self.community.is_some()
    }

    /// Whether the full-text index is needed: some word or phrase to match or leave
    /// out. A search of only `#tags`, `from:` or `in:` lists what carries them.
    pub fn has_text(&self) -> bool {
        !self.words.is_empty() || !self.phrases.is_empty() || !self.excluded.is_empty()
    }

    /// The words and phrases to find, for matching names and titles outside the
    /// full-text index (people, communities, topics).
    pub fn plain_words(&self) -> Vec<String> {
        self.words
            .iter()
            .chain(&self.phrases)
            .flat_map(|text| text.split(' '))
            .map(str::to_lowercase)
            .collect()
    }

    /// The query in SQLite FTS5's syntax. Every word and phrase is a quoted string,
    /// so nothing typed is read as an operator or a column name; the last word gets
    /// `*` while it is being typed. `None` when nothing is to be matched.
    pub fn fts5(&self) -> Option<String> {
        let quoted = |text: &str| format!("\"{}\"", text.replace('"', "\"\""));
        let mut positive: Vec<String> = self.words.iter().map(|w| quoted(w)).collect();
        if self.last_word_is_prefix
            && let Some(last) = positive.last_mut()
        {
            last.push('*');
        }
        positive.extend(self.phrases.iter().map(|p| quoted(p)));
        if positive.is_empty() {
            return None;
        }
        let mut expression = positive.join(" AND ");
        for excluded in &self.excluded {
            expression = format!("({expression}) NOT {}", quoted(excluded));
        }
        Some(expression)
    }
}

/// A piece of a post or message around what matched, with the matched words marked,
/// ready to be escaped and highlighted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snippet {
    /// Runs of text, each saying whether it is a match.
    pub parts: Vec<(String, bool)>,
}

impl Snippet {
    /// Reads a snippet whose matches the engine put between `start` and `end`.
    /// Unbalanced marks (a snippet cut inside a match) end the match at the end.
    pub fn from_marked(marked: &str, start: char, end: char) -> Self {
        let mut parts = Vec::new();
        let mut current = String::new();
        let mut matched = false;
        for c in marked.chars() {
            if c == start || c == end {
                if !current.is_empty() {
                    parts.push((std::mem::take(&mut current), matched));
                }
                matched = c == start;
            } else {
                current.push(c);
            }
        }
        if !current.is_empty() {
            parts.push((current, matched));
        }
        Snippet { parts }
    }

    /// The text without marks.
    pub fn text(&self) -> String {
        self.parts.iter().map(|(text, _)| text.as_str()).collect()
    }
}

enum Term {
    Word(String),
    /// A word ending in `*`.
    Prefix(String),
    Phrase(String),
    Tag(String),
    From(String),
    In(String),
}

impl Term {
    fn parse(word: &str) -> Term {
        let lower = word.to_lowercase();
        if let Some(handle) = lower.strip_prefix("from:") {
            Term::From(handle.trim_start_matches('@').to_owned())
        } else if let Some(name) = lower.strip_prefix("in:") {
            Term::In(name.replace(['-', '_'], " ").trim().to_owned())
        } else if let Some(tag) = lower.strip_prefix('#').filter(|t| is_tag(t)) {
            Term::Tag(tag.to_owned())
        } else if let Some(stem) = word.strip_suffix('*') {
            Term::Prefix(clean(stem.trim_end_matches('*')))
        } else {
            Term::Word(clean(word))
        }
    }
}

/// A hashtag as `markdown` recognises one: a letter, then letters, digits and `_`.
fn is_tag(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_alphabetic())
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Text with its runs of spaces made single and its edges trimmed.
fn clean(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_phrases_exclusions_and_filters_are_told_apart() {
        let query = SearchQuery::parse(
            r#"vpn "remote access" -printer #IT from:@Ana.Lima in:help-desk"#,
            false,
        )
        .unwrap();
        assert_eq!(query.words, ["vpn"]);
        assert_eq!(query.phrases, ["remote access"]);
        assert_eq!(query.excluded, ["printer"]);
        assert_eq!(query.tags, ["it"]);
        assert_eq!(query.from.as_deref(), Some("ana.lima"));
        assert_eq!(query.community.as_deref(), Some("help desk"));
        assert!(!query.last_word_is_prefix);
    }

    #[test]
    fn the_last_word_is_a_prefix_when_starred_or_while_it_is_being_typed() {
        let prefix =
            |raw: &str, typing: bool| SearchQuery::parse(raw, typing).unwrap().last_word_is_prefix;
        assert!(prefix("vpn conf", true));
        assert!(!prefix("vpn conf", false));
        assert!(prefix("vpn conf*", false));
        assert!(!prefix("vpn conf ", true));
        assert!(!prefix("conf* vpn", false));
        assert!(!prefix("\"vpn conf\"", true));
        assert_eq!(
            SearchQuery::parse("vpn conf*", false)
                .unwrap()
                .fts5()
                .as_deref(),
            Some(r#""vpn" AND "conf"*"#)
        );
        assert_eq!(
            SearchQuery::parse("vpn conf", false)
                .unwrap()
                .fts5()
                .as_deref(),
            Some(r#""vpn" AND "conf""#)
        );
    }

    #[test]
    fn nothing_typed_can_become_an_fts5_operator() {
        let query =
            SearchQuery::parse(r#"a"b OR NEAR(x) body_markdown:secret -"c""#, false).unwrap();
        let fts = query.fts5().unwrap();
        assert_eq!(
            fts,
            r#"("a""b" AND "OR" AND "NEAR(x)" AND "body_markdown:secret") NOT "c""#
        );
        // Every operator word sits inside a quoted string.
        let outside_quotes: String = fts.split('"').step_by(2).collect();
        assert!(!outside_quotes.contains("OR") && !outside_quotes.contains("NEAR"));
    }

    #[test]
    fn exclusions_alone_and_empty_searches_are_refused() {
        assert_eq!(SearchQuery::parse("   ", false).unwrap_err().field, "q");
        assert!(SearchQuery::parse("-printer", false).is_err());
        assert!(SearchQuery::parse("\"\"", false).is_err());
        assert!(SearchQuery::parse("from:@ana", false).is_ok());
        assert!(SearchQuery::parse("#release", false).is_ok());
    }

    #[test]
    fn too_long_or_too_many_terms_are_refused() {
        assert!(SearchQuery::parse(&"a".repeat(MAX_QUERY_CHARS + 1), false).is_err());
        let many = (0..=MAX_TERMS)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        assert!(SearchQuery::parse(&many, false).is_err());
    }

    #[test]
    fn snippets_keep_their_matches_apart_from_the_text_around() {
        let snippet = Snippet::from_marked("the \u{2}VPN\u{3} is \u{2}down", '\u{2}', '\u{3}');
        assert_eq!(
            snippet.parts,
            [
                ("the ".to_owned(), false),
                ("VPN".to_owned(), true),
                (" is ".to_owned(), false),
                ("down".to_owned(), true)
            ]
        );
        assert_eq!(snippet.text(), "the VPN is down");
    }

    #[test]
    fn a_lone_hash_or_sigil_is_a_word() {
        let query = SearchQuery::parse("# c# -", false).unwrap();
        assert_eq!(query.words, ["#", "c#"]);
        assert!(query.tags.is_empty());
    }
}
