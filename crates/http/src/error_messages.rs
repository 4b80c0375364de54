//! Error messages in the reader's language.
//!
//! The application writes its errors as English sentences, and hundreds of places
//! do: rather than give each an id, the English text is the key (as with gettext).
//! `errors.ftl` holds each sentence in every language under an id, and this module
//! finds the message whose English text an error is and formats it in the reader's
//! language. A sentence with a part that varies (`post not found`, `at most 500
//! characters`) is matched against the words around the message's placeables; the
//! part keeps its words, unless the placeable is a `$thing` whose English words are
//! an `error-thing-…` message, which is said in the reader's language too.
//!
//! The lookup is built once, from the English catalogue itself: a new error sentence
//! needs a message in `errors.ftl` and no code here (the i18n tests check that every
//! sentence the code writes has one).

use hearth_app::i18n::{FluentArgs, Part, Tr, english_patterns};
use std::collections::HashMap;
use std::sync::LazyLock;

/// The catalogue file of the error messages, in every language's folder.
const CATALOGUE: &str = "errors.ftl";

/// A message with placeables.
struct Pattern {
    id: String,
    parts: Vec<Part>,
}

struct Lookup {
    /// The English text of each message without placeables, and its id.
    fixed: HashMap<String, String>,
    /// The messages with placeables, those with the most words of their own first,
    /// so that `retention must be between 1 and {} days, or off` is tried before
    /// `{} must be between 1 and {}`.
    patterns: Vec<Pattern>,
    /// For a placeable `$name`, the English words of each `error-<name>-…` message
    /// and its id.
    words: HashMap<(String, String), String>,
}

static LOOKUP: LazyLock<Lookup> = LazyLock::new(|| build(english_patterns(CATALOGUE)));

fn build(messages: Vec<(String, Vec<Part>)>) -> Lookup {
    let mut fixed = HashMap::new();
    let mut patterns = Vec::new();
    for (id, parts) in messages {
        match parts.as_slice() {
            [] => {}
            [Part::Text(text)] => {
                fixed.entry(text.clone()).or_insert(id);
            }
            _ => patterns.push(Pattern { id, parts }),
        }
    }
    patterns.sort_by_key(|pattern| std::cmp::Reverse(own_words(&pattern.parts)));
    let mut words = HashMap::new();
    for pattern in &patterns {
        for part in &pattern.parts {
            let Part::Variable(name) = part else { continue };
            let prefix = format!("error-{name}-");
            for (text, id) in &fixed {
                if id.starts_with(&prefix) {
                    words.insert((name.clone(), text.clone()), id.clone());
                }
            }
        }
    }
    Lookup {
        fixed,
        patterns,
        words,
    }
}

/// How much of a message is its own words rather than placeables.
fn own_words(parts: &[Part]) -> usize {
    parts
        .iter()
        .map(|part| match part {
            Part::Text(text) => text.chars().count(),
            Part::Variable(_) => 0,
        })
        .sum()
}

/// An error's English `message` in `tr`'s language; the message as it is when `tr`
/// is English or no error message of the catalogue has this text.
pub fn translate(message: &str, tr: &Tr) -> String {
    find(message, tr).unwrap_or_else(|| message.to_owned())
}

/// An error's English `message` in `tr`'s language, or `None` when it stays as it
/// is: `tr` is English, or no error message of the catalogue has this text.
fn find(message: &str, tr: &Tr) -> Option<String> {
    if *tr == Tr::english() {
        return None;
    }
    let (id, values) = recognise(message)?;
    if values.is_empty() {
        return Some(tr.t(id));
    }
    let mut args = FluentArgs::new();
    for (name, value) in values {
        args.set(name, placeable(name, value, tr));
    }
    Some(tr.t_args(id, &args))
}

/// The words standing in a placeable `$name`, in `tr`'s language when an
/// `error-<name>-…` message has them in English; else as they are.
fn placeable(name: &str, value: &str, tr: &Tr) -> String {
    match LOOKUP.words.get(&(name.to_owned(), value.to_owned())) {
        Some(word) => tr.t(word),
        None => value.to_owned(),
    }
}

/// What an id or a missing thing names ("post", "watch term"), in `tr`'s language
/// (an `error-thing-…` message); a kind without one is shown as the code names it.
pub fn thing(kind: &str, tr: &Tr) -> String {
    placeable("thing", kind, tr)
}

/// The id of the message whose English text `message` is, with the words standing
/// in each of its placeables.
fn recognise(message: &str) -> Option<(&'static str, Vec<(&'static str, &str)>)> {
    let lookup: &'static Lookup = &LOOKUP;
    if let Some(id) = lookup.fixed.get(message) {
        return Some((id, Vec::new()));
    }
    lookup.patterns.iter().find_map(|pattern| {
        let mut values = Vec::new();
        capture(&pattern.parts, message, &mut values).then_some((pattern.id.as_str(), values))
    })
}

/// Whether `text` is `parts` with some words in each placeable, which go to `values`.
/// A placeable takes the shortest words after which the rest still matches.
fn capture<'p, 't>(parts: &'p [Part], text: &'t str, values: &mut Vec<(&'p str, &'t str)>) -> bool {
    match parts {
        [] => text.is_empty(),
        [Part::Text(words), rest @ ..] => text
            .strip_prefix(words.as_str())
            .is_some_and(|after| capture(rest, after, values)),
        [Part::Variable(name), rest @ ..] => match rest.first() {
            None => {
                values.push((name, text));
                !text.is_empty()
            }
            Some(Part::Text(next)) => {
                // Each place the next words start, after at least one character.
                let starts = text
                    .char_indices()
                    .skip(1)
                    .map(|(at, _)| at)
                    .filter(|&at| text[at..].starts_with(next.as_str()));
                for at in starts {
                    let kept = values.len();
                    values.push((name, &text[..at]));
                    if capture(rest, &text[at..], values) {
                        return true;
                    }
                    values.truncate(kept);
                }
                false
            }
            // Two placeables side by side could split their words anywhere.
            Some(Part::Variable(_)) => false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hearth_app::i18n::t;

    fn german() -> Tr {
        Tr::for_tag("de").unwrap()
    }

    #[test]
    fn english_stays_exactly_as_the_app_wrote_it() {
        let english = Tr::english();
        for message in [
            "the e-mail address or password is not right",
            "post not found",
            "at most 500 characters",
            "a sentence no catalogue has",
        ] {
            assert_eq!(translate(message, &english), message);
            assert_eq!(find(message, &english), None);
        }
    }

    #[test]
    fn a_fixed_sentence_is_said_in_the_readers_language() {
        let de = german();
        let said = translate("the e-mail address or password is not right", &de);
        assert_eq!(said, t!(de, "error-wrong-credentials"));
        assert_ne!(said, "the e-mail address or password is not right");
        let pt = Tr::for_tag("pt-BR").unwrap();
        assert_eq!(
            translate("the current password is not right", &pt),
            t!(pt, "error-current-password-wrong")
        );
    }

    #[test]
    fn a_varying_part_keeps_its_words() {
        let de = german();
        assert_eq!(
            translate("at most 500 characters", &de),
            t!(de, "error-at-most-characters", max = "500")
        );
        let said = translate(
            "ids are strings of digits, not \"12ab\" or \" id must be\"",
            &de,
        );
        assert!(said.contains("\"12ab\" or \" id must be\""), "{said}");
        assert_eq!(
            translate("limit must be between 1 and 100", &de),
            t!(de, "error-between", field = "limit", max = "100")
        );
    }

    #[test]
    fn a_thing_is_said_in_the_readers_language_too() {
        let de = german();
        assert_eq!(
            translate("post not found", &de),
            t!(de, "error-not-found", thing = t!(de, "error-thing-post"))
        );
        assert_eq!(
            translate("watch term id must be a number, not \"abc\"", &de),
            t!(
                de,
                "error-invalid-id",
                thing = t!(de, "error-thing-watch-term"),
                raw = "\"abc\""
            )
        );
        // A thing the catalogue has no word for keeps the code's.
        assert_eq!(
            translate("before id must be a number, not \"x\"", &de),
            t!(de, "error-invalid-id", thing = "before", raw = "\"x\"")
        );
    }

    #[test]
    fn the_most_particular_sentence_wins() {
        assert_eq!(
            recognise("retention must be between 1 and 3650 days, or off").map(|(id, _)| id),
            Some("error-retention-range")
        );
        assert_eq!(
            recognise("depth must be between 1 and 50").map(|(id, _)| id),
            Some("error-between")
        );
    }

    #[test]
    fn other_text_is_left_alone() {
        let de = german();
        for message in ["", "not found", "post not found!", "Beitrag nicht gefunden"] {
            assert_eq!(translate(message, &de), message);
        }
    }

    #[test]
    fn every_error_message_is_recognised_by_its_english_text() {
        let messages = english_patterns(CATALOGUE);
        assert!(messages.len() > 100, "errors.ftl is there");
        let mut seen = HashMap::new();
        for (id, parts) in &messages {
            let text: String = parts
                .iter()
                .enumerate()
                .map(|(n, part)| match part {
                    Part::Text(text) => text.clone(),
                    Part::Variable(_) => format!("x{n}"),
                })
                .collect();
            if let Some(other) = seen.insert(text.clone(), id) {
                panic!("{other} and {id} have the same English text: {text:?}");
            }
            assert_eq!(
                recognise(&text).map(|(found, _)| found),
                Some(id.as_str()),
                "{text:?}"
            );
        }
    }

    #[test]
    fn the_pseudo_locale_gets_accented_errors() {
        let pseudo = Tr::for_tag("en-XA").unwrap();
        let said = translate("this post is already pinned", &pseudo);
        assert_ne!(said, "this post is already pinned");
        assert_eq!(said, t!(pseudo, "error-post-already-pinned"));
    }
}
