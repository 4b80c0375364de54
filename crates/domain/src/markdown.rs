//! Post bodies: markdown in, sanitized HTML out, with `@mentions` and `#hashtags`
//! linked. The markdown renderer's output is never trusted: ammonia cleans it, so a
//! post cannot carry script, styles or event handlers whatever its author typed.

use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};
use std::collections::BTreeSet;

/// What a body mentions, tags and links, found before rendering.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    /// Lower-cased handles after `@`, as typed (they may not exist).
    pub mentions: BTreeSet<String>,
    /// Lower-cased topics after `#`.
    pub hashtags: BTreeSet<String>,
    /// Ids of Hearth posts linked as `…/posts/<id>`.
    pub post_links: BTreeSet<i64>,
}

const MAX_TAG_CHARS: usize = 50;

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// A token found in text: `@handle` or `#tag`, with its byte range.
#[derive(Debug, PartialEq, Eq)]
enum Token {
    Mention(String),
    Hashtag(String),
}

/// Finds `@handle` and `#tag` tokens that stand on their own: not inside a word, so
/// e-mail addresses and `C#` are left alone.
fn tokens(text: &str) -> Vec<(usize, usize, Token)> {
    let mut found = Vec::new();
    let mut previous: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let standalone = previous.is_none_or(|p| !p.is_alphanumeric() && p != '_' && p != '&');
        if (c == '@' || c == '#') && standalone {
            let rest = &text[start + 1..];
            let word: String = rest.chars().take_while(|&ch| is_word(ch)).collect();
            let starts_with_letter = word.starts_with(|ch: char| ch.is_ascii_alphabetic());
            let end = start + 1 + word.len();
            let token = match c {
                '@' if starts_with_letter && (3..=30).contains(&word.len()) => {
                    Some(Token::Mention(word.to_lowercase()))
                }
                '#' if starts_with_letter && word.len() <= MAX_TAG_CHARS => {
                    Some(Token::Hashtag(word.to_lowercase()))
                }
                _ => None,
            };
            if let Some(token) = token {
                found.push((start, end, token));
                while chars.peek().is_some_and(|&(i, _)| i < end) {
                    chars.next();
                }
                previous = word.chars().last();
                continue;
            }
        }
        previous = Some(c);
    }
    found
}

fn post_links(markdown: &str) -> BTreeSet<i64> {
    ids_after(markdown, "/posts/", false)
}

/// Ids of Hearth files a body shows or links, as `/files/<id>/<variant>`.
pub fn file_links(markdown: &str) -> BTreeSet<i64> {
    ids_after(markdown, "/files/", true)
}

/// The ids written right after each `marker`, followed by a `/` when `then_slash`.
fn ids_after(markdown: &str, marker: &str, then_slash: bool) -> BTreeSet<i64> {
    markdown
        .match_indices(marker)
        .filter_map(|(at, marker)| {
            let rest = &markdown[at + marker.len()..];
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            if then_slash && !rest[digits.len()..].starts_with('/') {
                return None;
            }
            // An id never starts with 0; `/posts/01` is not a link to post 1.
            digits.parse().ok().filter(|_| !digits.starts_with('0'))
        })
        .collect()
}

fn parser(markdown: &str) -> Parser<'_> {
    Parser::new_ext(
        markdown,
        Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES,
    )
}

/// Everything a body refers to. Text in code (blocks or inline) is not scanned.
pub fn extract(markdown: &str) -> Extracted {
    let mut extracted = Extracted {
        post_links: post_links(markdown),
        ..Extracted::default()
    };
    let mut in_code = 0;
    for event in parser(markdown) {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code += 1,
            Event::End(TagEnd::CodeBlock) => in_code -= 1,
            Event::Text(text) if in_code == 0 => {
                for (_, _, token) in tokens(&text) {
                    match token {
                        Token::Mention(handle) => extracted.mentions.insert(handle),
                        Token::Hashtag(tag) => extracted.hashtags.insert(tag),
                    };
                }
            }
            _ => {}
        }
    }
    extracted
}

/// The body with every mention of `handle` replaced by plain words, so that a deleted
/// account's handle is not left in what others wrote.
///
/// It looks at the same pieces of text that [`extract`] and [`render`] see (markdown
/// syntax splits text, so `_@ana` holds a mention while the raw characters suggest
/// none), plus code and raw HTML, which are shown as typed.
pub fn forget_mention(markdown: &str, handle: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut last = 0;
    for (event, range) in parser(markdown).into_offset_iter() {
        if range.start < last {
            continue;
        }
        let source = &markdown[range.clone()];
        let replacement = match &event {
            Event::Text(text) if text.as_ref() == source => forget_in(source, handle),
            // Entities or escapes made this text: the mention may not be in the source
            // as typed, so the whole piece is written again, escaped, without it.
            Event::Text(text) => forget_in(text, handle).map(|plain| escape_markdown(&plain)),
            Event::Code(_) | Event::Html(_) | Event::InlineHtml(_) => forget_in(source, handle),
            _ => None,
        };
        if let Some(replacement) = replacement {
            out.push_str(&markdown[last..range.start]);
            out.push_str(&replacement);
            last = range.end;
        }
    }
    out.push_str(&markdown[last..]);
    out
}

/// `text` without its mentions of `handle`, or `None` when it has none.
fn forget_in(text: &str, handle: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (start, end, token) in tokens(text) {
        if matches!(&token, Token::Mention(found) if found == handle) {
            out.push_str(&text[last..start]);
            out.push_str("a former member");
            last = end;
        }
    }
    (last > 0).then(|| {
        out.push_str(&text[last..]);
        out
    })
}

/// Plain text that markdown shows as typed: every ASCII punctuation mark escaped.
pub(crate) fn escape_markdown(plain: &str) -> String {
    let mut escaped = String::with_capacity(plain.len() + 8);
    for c in plain.chars() {
        if c.is_ascii_punctuation() {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

/// A heading of an article, for its table of contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1 to 6, as in `<h1>`…`<h6>`.
    pub level: u8,
    pub text: String,
    /// The heading's id in the rendered article, unique within it.
    pub anchor: String,
}

/// Every heading of a body in order, with the ids [`render_article`] gives them.
pub fn headings(markdown: &str) -> Vec<Heading> {
    let mut found = Vec::new();
    let mut open: Option<(u8, String)> = None;
    for event in parser(markdown) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => open = Some((level as u8, String::new())),
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, words)) = open.as_mut() {
                    words.push_str(&text);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, text)) = open.take() {
                    found.push((level, text.trim().to_owned()));
                }
            }
            _ => {}
        }
    }
    let mut used: BTreeSet<String> = BTreeSet::new();
    found
        .into_iter()
        .map(|(level, text)| {
            let base = anchor_of(&text);
            let mut anchor = base.clone();
            let mut n = 1;
            while !used.insert(anchor.clone()) {
                n += 1;
                anchor = format!("{base}-{n}");
            }
            Heading {
                level,
                text,
                anchor,
            }
        })
        .collect()
}

/// `section-` and the heading's words, lower-cased and joined by `-`; the prefix
/// keeps an article's ids clear of the page's own.
fn anchor_of(text: &str) -> String {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .map(str::to_lowercase)
        .collect();
    format!("section-{}", words.join("-"))
}

/// Renders a body to safe HTML. Mentions of handles in `known_handles` become links
/// to the profile; every hashtag becomes a link to its topic.
pub fn render(markdown: &str, known_handles: &BTreeSet<String>) -> String {
    render_with(markdown, known_handles, false)
}

/// Renders an article's body as [`render`] does, with ids on its headings for the
/// table of contents (see [`headings`]).
pub fn render_article(markdown: &str, known_handles: &BTreeSet<String>) -> String {
    render_with(markdown, known_handles, true)
}

fn render_with(markdown: &str, known_handles: &BTreeSet<String>, anchors: bool) -> String {
    let mut ids = if anchors {
        headings(markdown)
    } else {
        Vec::new()
    }
    .into_iter();
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut in_code = 0;
    let mut in_link = 0;
    for event in parser(markdown) {
        match &event {
            Event::Start(Tag::CodeBlock(_)) => in_code += 1,
            Event::End(TagEnd::CodeBlock) => in_code -= 1,
            Event::Start(Tag::Link { .. }) => in_link += 1,
            Event::End(TagEnd::Link) => in_link -= 1,
            _ => {}
        }
        match event {
            Event::Text(text) if in_code == 0 && in_link == 0 => {
                link_tokens(&text, known_handles, &mut events)
            }
            // Authors write markdown, not HTML: raw tags are shown as typed.
            Event::Html(raw) | Event::InlineHtml(raw) => events.push(Event::Text(raw)),
            Event::Start(Tag::Heading {
                level,
                classes,
                attrs,
                ..
            }) if anchors => events.push(Event::Start(Tag::Heading {
                level,
                id: ids.next().map(|heading| CowStr::from(heading.anchor)),
                classes,
                attrs,
            })),
            other => events.push(other),
        }
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    let mut cleaner = ammonia::Builder::default();
    cleaner.link_rel(Some("noopener noreferrer nofollow"));
    if anchors {
        // Only the renderer sets ids (authors' raw HTML is shown as text), and
        // every one it sets starts with `section-`.
        for tag in ["h1", "h2", "h3", "h4", "h5", "h6"] {
            cleaner.add_tag_attributes(tag, &["id"]);
        }
    }
    cleaner.clean(&html).to_string()
}

fn link_tokens<'a>(text: &str, known: &BTreeSet<String>, out: &mut Vec<Event<'a>>) {
    let mut last = 0;
    for (start, end, token) in tokens(text) {
        let (href, label) = match &token {
            Token::Mention(handle) if known.contains(handle) => {
                (format!("/people/{handle}"), &text[start..end])
            }
            Token::Mention(_) => continue,
            Token::Hashtag(tag) => (format!("/topics/{tag}"), &text[start..end]),
        };
        if start > last {
            out.push(Event::Text(CowStr::from(text[last..start].to_owned())));
        }
        out.push(Event::Start(Tag::Link {
            link_type: LinkType::Inline,
            dest_url: CowStr::from(href),
            title: CowStr::from(""),
            id: CowStr::from(""),
        }));
        out.push(Event::Text(CowStr::from(label.to_owned())));
        out.push(Event::End(TagEnd::Link));
        last = end;
    }
    if last < text.len() {
        out.push(Event::Text(CowStr::from(text[last..].to_owned())));
    }
}

#[cfg(test)]
mod properties;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_headings_get_unique_ids_that_the_table_of_contents_links() {
        let body = "# Plan\n\n## Why `now`?\n\ntext\n\n## Why now\n\n<h2 id=\"x\">raw</h2>";
        let found = headings(body);
        let anchors: Vec<&str> = found.iter().map(|h| h.anchor.as_str()).collect();
        assert_eq!(
            anchors,
            ["section-plan", "section-why-now", "section-why-now-2"]
        );
        assert_eq!(found[1].text, "Why now?");
        assert_eq!(found[1].level, 2);
        let html = render_article(body, &BTreeSet::new());
        assert!(html.contains(r#"<h2 id="section-why-now-2">"#), "{html}");
        assert!(
            !html.contains(r#"<h2 id="x">"#),
            "raw HTML stays text: {html}"
        );
        assert!(
            !render(body, &BTreeSet::new()).contains("<h1 id="),
            "posts' headings have no ids"
        );
    }

    #[test]
    fn forgetting_a_mention_leaves_longer_handles_and_addresses_alone() {
        let body = "Thanks @ana and @ana_l, write to x@ana.test (@ana!)";
        assert_eq!(
            forget_mention(body, "ana"),
            "Thanks a former member and @ana_l, write to x@ana.test (a former member!)"
        );
    }

    #[test]
    fn forgetting_reaches_mentions_that_markdown_syntax_or_entities_make() {
        for body in ["_@chloe@ana", "&#64;chloe says hi", "**@chloe**, `@chloe`"] {
            let forgotten = forget_mention(body, "chloe");
            assert!(
                !extract(&forgotten).mentions.contains("chloe"),
                "{body:?} became {forgotten:?}"
            );
            assert!(!forgotten.contains("@chloe"), "{forgotten:?}");
        }
        assert_eq!(
            forget_mention("_@chloe@ana", "chloe"),
            "_a former member@ana"
        );
    }

    fn handles(list: &[&str]) -> BTreeSet<String> {
        list.iter().map(|h| (*h).to_owned()).collect()
    }

    #[test]
    fn script_and_event_handlers_never_survive() {
        let html = render(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1)) **ok**",
            &BTreeSet::new(),
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(
            html.contains("&lt;script&gt;"),
            "raw HTML is shown as text: {html}"
        );
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(html.contains("<strong>ok</strong>"), "{html}");
    }

    #[test]
    fn known_mentions_and_all_hashtags_are_linked_outside_code() {
        let html = render(
            "Hi @Ana and @nobody, see #Budget2026.\n\n```\n@ana #code\n```",
            &handles(&["ana"]),
        );
        assert!(
            html.contains(r#"<a href="/people/ana" rel="noopener noreferrer nofollow">@Ana</a>"#),
            "{html}"
        );
        assert!(!html.contains("/people/nobody"), "{html}");
        assert!(html.contains(r#"href="/topics/budget2026""#), "{html}");
        assert!(!html.contains("/topics/code"), "{html}");
    }

    #[test]
    fn extraction_skips_e_mail_addresses_code_and_non_words() {
        let found = extract(
            "Mail ana@acme.test, ping @ben_s about #Q3 and C# (#1 is no tag). `@inline` \
                             See https://hearth.example/posts/123 and /posts/456.",
        );
        assert_eq!(found.mentions, handles(&["ben_s"]));
        assert_eq!(found.hashtags, handles(&["q3"]));
        assert_eq!(found.post_links, [123, 456].into_iter().collect());
    }
}
