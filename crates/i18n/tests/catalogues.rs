//! The catalogues agree with each other and with the code: every language defines
//! exactly the messages English does, with the same placeables; every message is
//! used somewhere (but those of `errors.ftl`, found by their English text); every
//! message the code asks for exists.

#![expect(clippy::unwrap_used, reason = "a test stops at the first surprise")]

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use fluent_syntax::parser;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Messages = BTreeMap<String, BTreeSet<String>>;

fn locales() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("locales")
}

fn files(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(files(&path, extension));
        } else if path.extension().is_some_and(|e| e == extension) {
            found.push(path);
        }
    }
    found.sort();
    found
}

/// Each message (and `message.attribute`) of one language, with its variables.
fn messages(language: &str) -> Messages {
    let mut all = Messages::new();
    for file in files(&locales().join(language), "ftl") {
        let source = std::fs::read_to_string(&file).unwrap();
        let resource = parser::parse(source.as_str())
            .unwrap_or_else(|(_, errors)| panic!("{}: {errors:?}", file.display()));
        for entry in resource.body {
            let Entry::Message(message) = entry else {
                continue;
            };
            let id = message.id.name.to_owned();
            if let Some(value) = &message.value {
                let previous = all.insert(id.clone(), variables(value));
                assert!(previous.is_none(), "{} defines {id} twice", file.display());
            }
            for attribute in &message.attributes {
                all.insert(
                    format!("{id}.{}", attribute.id.name),
                    variables(&attribute.value),
                );
            }
        }
    }
    all
}

fn variables(pattern: &Pattern<&str>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_variables(expression, &mut found);
        }
    }
    found
}

fn expression_variables(expression: &Expression<&str>, found: &mut BTreeSet<String>) {
    match expression {
        Expression::Inline(inline) => inline_variables(inline, found),
        Expression::Select { selector, variants } => {
            inline_variables(selector, found);
            for variant in variants {
                found.extend(variables(&variant.value));
            }
        }
    }
}

fn inline_variables(inline: &InlineExpression<&str>, found: &mut BTreeSet<String>) {
    match inline {
        InlineExpression::VariableReference { id } => {
            found.insert(id.name.to_owned());
        }
        InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                inline_variables(argument, found);
            }
        }
        InlineExpression::Placeable { expression } => expression_variables(expression, found),
        _ => {}
    }
}

fn shipped() -> Vec<String> {
    let mut tags: Vec<String> = std::fs::read_dir(locales())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    tags.sort();
    tags
}

#[test]
fn every_language_has_every_message_with_the_same_placeables() {
    let english = messages("en");
    assert!(english.len() > 2, "the English catalogue is there");
    for tag in shipped() {
        let translated = messages(&tag);
        let missing: Vec<_> = english
            .keys()
            .filter(|id| !translated.contains_key(*id))
            .collect();
        let extra: Vec<_> = translated
            .keys()
            .filter(|id| !english.contains_key(*id))
            .collect();
        assert!(missing.is_empty(), "{tag} lacks {missing:?}");
        assert!(
            extra.is_empty(),
            "{tag} has messages English does not: {extra:?}"
        );
        for (id, variables) in &english {
            assert_eq!(
                &translated[id], variables,
                "{tag}: {id} must use the same placeables as English"
            );
        }
    }
}

/// The source files that may ask for messages: Rust under `crates/*/src` and the
/// page script.
fn code() -> Vec<(PathBuf, String)> {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let mut sources = Vec::new();
    for krate in std::fs::read_dir(crates).unwrap() {
        let dir = krate.unwrap().path();
        for (sub, extension) in [("src", "rs"), ("assets", "js")] {
            if dir.join(sub).is_dir() {
                for file in files(&dir.join(sub), extension) {
                    let text = std::fs::read_to_string(&file).unwrap();
                    sources.push((file, text));
                }
            }
        }
    }
    sources
}

/// Message ids the code names: `t!(tr, "id"…)`, `.t("id")` and, in the page
/// script, `msg("id"…)`. Every id has a hyphen, which tells it from other strings.
fn asked_for(text: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for marker in ["t!(", ".t(", "msg(", "t_args("] {
        for (start, _) in text.match_indices(marker) {
            let before = text[..start].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue; // `assert!(`, `format_msg(`: another macro or function
            }
            let rest = &text[start + marker.len()..];
            let end = rest.find(')').unwrap_or(rest.len()).min(200);
            if let Some(id) = rest[..end].split('"').nth(1)
                && id.contains('-')
                && id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            {
                ids.push(id.to_owned());
            }
        }
    }
    ids
}

#[test]
fn every_message_the_code_asks_for_exists() {
    let english = messages("en");
    let mut unknown = Vec::new();
    for (file, text) in code() {
        for id in asked_for(&text) {
            if !english.contains_key(&id) {
                unknown.push(format!("{}: {id}", file.display()));
            }
        }
    }
    assert!(
        unknown.is_empty(),
        "not in the English catalogue: {unknown:#?}"
    );
}

/// The ids of the English error messages: no code names them, since the HTTP layer
/// finds an error's message by its English text (the text is the key, so the code
/// that writes errors stays in English). `tests/error_sentences.rs` checks those
/// instead: every error sentence the code writes is one of them.
fn error_messages() -> BTreeSet<String> {
    let source = std::fs::read_to_string(locales().join("en").join("errors.ftl")).unwrap();
    let resource = parser::parse(source.as_str()).unwrap();
    resource
        .body
        .into_iter()
        .filter_map(|entry| match entry {
            Entry::Message(message) => Some(message.id.name.to_owned()),
            _ => None,
        })
        .collect()
}

#[test]
fn every_message_is_used() {
    let code: String = code().into_iter().map(|(_, text)| text).collect();
    let errors = error_messages();
    assert!(
        errors.iter().all(|id| id.starts_with("error-")),
        "errors.ftl ids start with error-"
    );
    let unused: Vec<_> = messages("en")
        .into_keys()
        .filter(|id| !id.contains('.'))
        .filter(|id| !errors.contains(id))
        .filter(|id| !code.contains(&format!("\"{id}\"")))
        .collect();
    assert!(unused.is_empty(), "no code asks for {unused:?}");
}
