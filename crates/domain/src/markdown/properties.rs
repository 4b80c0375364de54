//! Properties of rendering and extraction over bodies built from the pieces authors
//! type: words, mentions, hashtags, links, markdown and HTML syntax, entities.

use super::*;
use proptest::prelude::*;

const HANDLES: [&str; 3] = ["ana", "ben_s", "chloe"];

const SAFE_TAGS: [&str; 24] = [
    "p",
    "a",
    "strong",
    "em",
    "code",
    "pre",
    "ul",
    "ol",
    "li",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "del",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "br",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9_]{1,8}".prop_map(String::from),
        prop::sample::select(HANDLES.to_vec()).prop_map(|h| format!("@{h}")),
        "[a-zA-Z][a-zA-Z0-9_]{0,12}".prop_map(|tag| format!("#{tag}")),
        prop::sample::select(vec![
            " ",
            " ",
            "\n",
            "\n\n",
            "*",
            "**",
            "_",
            "`",
            "```\n",
            "[",
            "]",
            "(",
            ")",
            "<",
            ">",
            "&",
            ";",
            "#",
            "@",
            "&#64;",
            "&amp;",
            "\"",
            "'",
            "|",
            "- ",
            "> ",
            "1. ",
            "~~",
            "<script>",
            "</script>",
            "<img src=x onerror=alert(1)>",
            "javascript:alert(1)",
            "[x](javascript:alert(1))",
            "<a href=\"javascript:x\">",
            "](",
            "https://h.example/posts/42",
            "/posts/",
            "x@ana.test",
            "C#",
            "\u{00e9}",
            "\u{1F600}",
        ])
        .prop_map(String::from),
    ]
}

fn body() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..40).prop_map(|pieces| pieces.concat())
}

fn known() -> BTreeSet<String> {
    HANDLES.iter().map(|h| (*h).to_owned()).collect()
}

proptest! {
    #[test]
    fn rendered_html_holds_only_harmless_tags_and_attributes(text in body()) {
        let html = render(&text, &known());
        // Text is escaped, so every `<` left opens a tag the sanitizer let through.
        for tag in html.split('<').skip(1).map(|rest| rest.split('>').next().unwrap_or("")) {
            let tag = tag.trim_start_matches('/').trim_end_matches('/');
            let (name, attributes) = tag.split_once(' ').unwrap_or((tag, ""));
            prop_assert!(SAFE_TAGS.contains(&name), "<{tag}> in {html}");
            // The serializer writes every attribute as key="value".
            let pieces: Vec<&str> = attributes.split('"').collect();
            for pair in pieces.chunks(2).filter(|pair| pair.len() == 2) {
                let key = pair[0].trim().trim_end_matches('=');
                prop_assert!(["href", "rel", "start", "align"].contains(&key), "<{tag}> in {html}");
                prop_assert!(!pair[1].to_lowercase().starts_with("javascript:"), "<{tag}> in {html}");
            }
        }
    }

    #[test]
    fn every_link_the_renderer_adds_goes_to_a_known_person_or_a_topic(text in body()) {
        let html = render(&text, &known());
        for (at, _) in html.match_indices("href=\"/people/") {
            let handle: String = html[at + "href=\"/people/".len()..]
                .chars()
                .take_while(|&c| c != '"')
                .collect();
            prop_assert!(known().contains(&handle), "{handle} in {html}");
        }
    }

    #[test]
    fn hashtags_and_known_mentions_outside_links_and_code_are_linked(text in body()) {
        // Without link or code syntax every text event is linkable.
        prop_assume!(!text.contains(['[', ']', '`', '<', '&']));
        let found = extract(&text);
        let html = render(&text, &known());
        for tag in &found.hashtags {
            let href = format!("href=\"/topics/{tag}\"");
            prop_assert!(html.contains(&href), "#{tag} not linked in {html}");
        }
        for handle in found.mentions.intersection(&known()) {
            let href = format!("href=\"/people/{handle}\"");
            prop_assert!(html.contains(&href), "@{handle} not linked in {html}");
        }
    }

    #[test]
    fn extraction_finds_only_what_the_text_holds(text in body()) {
        let found = extract(&text);
        let lower = text.to_lowercase();
        for handle in &found.mentions {
            prop_assert!((3..=30).contains(&handle.len()), "{handle}");
            prop_assert!(lower.contains(handle.as_str()), "@{handle} in {text:?}");
        }
        for tag in &found.hashtags {
            prop_assert!(tag.len() <= MAX_TAG_CHARS);
            prop_assert!(lower.contains(&format!("#{tag}")), "#{tag} in {text:?}");
        }
        for id in &found.post_links {
            prop_assert!(text.contains(&format!("/posts/{id}")), "{id} in {text:?}");
        }
    }

    #[test]
    fn a_forgotten_handle_is_never_found_again(text in body(), handle in prop::sample::select(HANDLES.to_vec())) {
        let forgotten = forget_mention(&text, handle);
        prop_assert!(
            !extract(&forgotten).mentions.contains(handle),
            "@{handle} survives in {forgotten:?}"
        );
        prop_assert!(
            !render(&forgotten, &known()).contains(&format!("/people/{handle}\"")),
            "@{handle} still linked in {forgotten:?}"
        );
    }
}
