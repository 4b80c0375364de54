//! The English text of whole catalogue files, cut at their placeables, for code that
//! has to recognise a sentence English wrote: the HTTP layer finds the message an
//! error's English text came from (`errors.ftl`) and says it in the reader's language.

use crate::catalogue::{self, SOURCES};
use fluent_bundle::resolver::ResolverError;
use fluent_bundle::resolver::errors::ReferenceKind;
use fluent_bundle::{FluentArgs, FluentError};

/// A piece of a message's English text: words as they are, or a `{ $variable }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Text(String),
    Variable(String),
}

/// Marks a variable's place while the text is formatted; never in a catalogue.
const OPEN: char = '\u{F0000}';
const CLOSE: char = '\u{F0001}';

/// Every message of one English catalogue file (`"errors.ftl"`), in the file's order,
/// with its text cut at its placeables. Placeables of literal text (`{ "{" }`) are
/// text; a selector chooses its default variant. Empty when there is no such file.
pub fn english_patterns(file: &str) -> Vec<(String, Vec<Part>)> {
    let english = catalogue::english();
    SOURCES
        .iter()
        .filter(|(tag, name, _)| *tag == catalogue::ENGLISH && *name == file)
        .flat_map(|(_, _, text)| message_ids(text))
        .filter_map(|id| {
            let parts = cut(english, id)?;
            Some((id.to_owned(), parts))
        })
        .collect()
}

/// The ids of a file's messages: lines that start with an identifier and `=`. Terms
/// start with `-`, comments with `#`, and continuation lines with white space.
fn message_ids(source: &str) -> impl Iterator<Item = &str> {
    source.lines().filter_map(|line| {
        let (id, _) = line.split_once('=')?;
        let id = id.trim_end();
        let mut chars = id.chars();
        let first = chars.next()?;
        let identifier = first.is_ascii_alphabetic()
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        identifier.then_some(id)
    })
}

fn cut(english: &'static catalogue::Language, id: &str) -> Option<Vec<Part>> {
    // Formatted without arguments, the message reports each variable it lacks…
    let mut errors = Vec::new();
    english.format_reporting(id, None, &mut errors)?;
    let mut variables: Vec<String> = Vec::new();
    for error in errors {
        if let FluentError::ResolverError(ResolverError::Reference(ReferenceKind::Variable { id })) =
            error
            && !variables.contains(&id)
        {
            variables.push(id);
        }
    }
    // …and formatted again with a marker for each, it shows where they go.
    let mut args = FluentArgs::new();
    for (n, name) in variables.iter().enumerate() {
        args.set(name.as_str(), format!("{OPEN}{n}{CLOSE}"));
    }
    let marked = english.format_reporting(id, Some(&args), &mut Vec::new())?;
    let mut parts = Vec::new();
    let mut rest = marked.as_str();
    while let Some((before, after)) = rest.split_once(OPEN) {
        let (index, after) = after.split_once(CLOSE)?;
        let name = variables.get(index.parse::<usize>().ok()?)?;
        if !before.is_empty() {
            parts.push(Part::Text(before.to_owned()));
        }
        parts.push(Part::Variable(name.clone()));
        rest = after;
    }
    if !rest.is_empty() {
        parts.push(Part::Text(rest.to_owned()));
    }
    Some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_cut_at_their_variables() {
        let patterns = english_patterns("time.ftl");
        let (_, parts) = patterns
            .iter()
            .find(|(id, _)| id == "time-minutes-ago")
            .unwrap();
        assert!(
            parts.contains(&Part::Variable("count".to_owned())),
            "{parts:?}"
        );
        assert!(
            parts
                .iter()
                .any(|p| matches!(p, Part::Text(t) if t.contains("minute")))
        );
    }

    #[test]
    fn an_unknown_file_has_no_messages() {
        assert!(english_patterns("no-such-file.ftl").is_empty());
    }
}
