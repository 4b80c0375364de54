//! Every error sentence the code writes is in `errors.ftl`.
//!
//! The application writes its errors in English, and the HTTP layer finds the
//! message each English sentence came from to say it in the reader's language (the
//! English text is the key). A sentence missing from `errors.ftl` would reach every
//! reader in English, so this test reads the code for the sentences it passes to
//! the error constructors (`ValidationError::new`, `AppError::Forbidden`,
//! `Denied::Forbidden`, `AppError::Conflict { message, .. }`, `ApiError::bad_request`,
//! …), to the files' own helpers around them and in the `#[error("…")]` texts of
//! `AppError` and `InvalidId`, and looks each one up: a `{…}` of
//! `format!` may stand for any placeable, as a placeable of the catalogue may stand
//! for any words.

#![expect(clippy::unwrap_used, reason = "a test stops at the first surprise")]

use hearth_i18n::{Part, english_patterns};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// Where a `{…}` of a format string, or a placeable of the catalogue, stands.
const HOLE: char = '\u{E000}';

/// The crates whose error sentences `errors.ftl` must have.
const CRATES: [&str; 3] = ["app", "domain", "http"];

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
    found.sort();
    found
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Ident(String),
    Punct(char),
    /// A string literal's value, escapes resolved.
    Str(String),
}

/// Just enough of Rust's lexer to find string literals, identifiers and brackets:
/// comments, char literals and lifetimes are skipped or kept apart.
fn tokens(source: &str) -> Vec<Token> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c.is_whitespace() {
            i += 1;
        } else if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                i += 1;
            }
            i += 2;
        } else if c == '"' {
            let (value, end) = string(&chars, i + 1);
            out.push(Token::Str(value));
            i = end;
        } else if c == '\'' {
            if next == Some('\\') {
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if chars.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                out.push(Token::Punct('\''));
                i += 1;
            }
        } else if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            let raw = matches!(word.as_str(), "r" | "br");
            if raw && matches!(chars.get(i), Some('"' | '#')) {
                let hashes = chars[i..].iter().take_while(|c| **c == '#').count();
                let open = i + hashes;
                let close: String = std::iter::once('"')
                    .chain(std::iter::repeat_n('#', hashes))
                    .collect();
                let rest: String = chars[open + 1..].iter().collect();
                let len = rest.find(&close).unwrap_or(rest.len());
                let value: String = rest[..len].to_owned();
                i = open + 1 + value.chars().count() + close.chars().count();
                out.push(Token::Str(value));
            } else if word == "b" && chars.get(i) == Some(&'"') {
                let (value, end) = string(&chars, i + 1);
                out.push(Token::Str(value));
                i = end;
            } else {
                out.push(Token::Ident(word));
            }
        } else {
            out.push(Token::Punct(c));
            i += 1;
        }
    }
    out
}

/// The value of a string literal whose text starts at `start`, and where it ends.
fn string(chars: &[char], start: usize) -> (String, usize) {
    let mut value = String::new();
    let mut i = start;
    while i < chars.len() {
        match chars[i] {
            '"' => return (value, i + 1),
            '\\' => {
                let escaped = chars.get(i + 1).copied().unwrap_or('\\');
                i += 2;
                match escaped {
                    'n' => value.push('\n'),
                    't' => value.push('\t'),
                    'r' => value.push('\r'),
                    '0' => value.push('\0'),
                    '\n' => {
                        // A line continuation: the line break and the next line's
                        // indentation are not part of the string.
                        while i < chars.len() && chars[i].is_whitespace() {
                            i += 1;
                        }
                    }
                    'u' => {
                        let end = (i..chars.len()).find(|&k| chars[k] == '}').unwrap();
                        let hex: String = chars[i + 1..end].iter().collect();
                        value.push(char::from_u32(u32::from_str_radix(&hex, 16).unwrap()).unwrap());
                        i = end + 1;
                    }
                    'x' => {
                        let hex: String = chars[i..i + 2].iter().collect();
                        value.push(char::from(u8::from_str_radix(&hex, 16).unwrap()));
                        i += 2;
                    }
                    other => value.push(other),
                }
            }
            other => {
                value.push(other);
                i += 1;
            }
        }
    }
    (value, i)
}

/// A `format!` string as a sentence: each `{…}` is a hole, `{{` and `}}` are braces.
fn format_string(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                out.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                out.push('}');
            }
            '{' => {
                for inner in chars.by_ref() {
                    if inner == '}' {
                        break;
                    }
                }
                out.push(HOLE);
            }
            other => out.push(other),
        }
    }
    out
}

fn is_punct(token: Option<&Token>, c: char) -> bool {
    token == Some(&Token::Punct(c))
}

fn is_ident(token: Option<&Token>, word: &str) -> bool {
    matches!(token, Some(Token::Ident(w)) if w == word)
}

/// The index just after the bracket that closes the one at `open`.
fn closing(tokens: &[Token], open: usize) -> usize {
    let mut depth = 0usize;
    for (i, token) in tokens.iter().enumerate().skip(open) {
        match token {
            Token::Punct('(' | '[' | '{') => depth += 1,
            Token::Punct(')' | ']' | '}') => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
    }
    tokens.len()
}

/// The arguments between the bracket at `open` and its partner, split at the commas
/// of that level.
fn arguments(tokens: &[Token], open: usize) -> Vec<&[Token]> {
    let end = closing(tokens, open) - 1;
    let mut found = Vec::new();
    let mut depth = 0usize;
    let mut start = open + 1;
    for i in open + 1..end {
        match tokens[i] {
            Token::Punct('(' | '[' | '{') => depth += 1,
            Token::Punct(')' | ']' | '}') => depth = depth.saturating_sub(1),
            Token::Punct(',') if depth == 0 => {
                found.push(&tokens[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    if start < end {
        found.push(&tokens[start..end]);
    }
    found
}

/// The sentences an expression can be (none when it is a message of the catalogue
/// already): its string literals, or the format string
/// of a `format!` in it (not the literals among that macro's arguments), or the
/// value of a constant it names.
fn sentences_of(expression: &[Token], constants: &HashMap<String, String>) -> Vec<String> {
    // `t!(tr, "id")` or `tr.t("id")`: a message already in the reader's language.
    let translated = expression.windows(3).any(|w| {
        (is_ident(w.first(), "t") && is_punct(w.get(1), '!'))
            || (is_punct(w.first(), '.')
                && (is_ident(w.get(1), "t") || is_ident(w.get(1), "t_args"))
                && is_punct(w.get(2), '('))
    });
    if translated {
        return Vec::new();
    }
    let mut found = Vec::new();
    let mut i = 0;
    while i < expression.len() {
        let token = &expression[i];
        if is_ident(Some(token), "format")
            && is_punct(expression.get(i + 1), '!')
            && is_punct(expression.get(i + 2), '(')
        {
            let end = closing(expression, i + 2);
            if let Some(Token::Str(text)) = expression.get(i + 3) {
                found.push(format_string(text));
            }
            i = end;
            continue;
        }
        if let Token::Str(text) = token {
            found.push(text.clone());
        }
        i += 1;
    }
    if found.is_empty()
        && let [Token::Ident(name)] = expression
        && let Some(value) = constants.get(name)
    {
        found.push(value.clone());
    }
    found
}

/// The error constructors, and which of their arguments is the message.
const CONSTRUCTORS: &[(&str, &str, usize)] = &[
    ("ValidationError", "new", 1),
    ("AppError", "Unauthenticated", 0),
    ("AppError", "AccountUnavailable", 0),
    ("AppError", "Forbidden", 0),
    ("AppError", "NotFound", 0),
    ("Denied", "Forbidden", 0),
    ("Denied", "AccountUnavailable", 0),
    ("ApiError", "bad_request", 0),
    ("ApiError", "invalid_field", 1),
    ("ApiError", "new", 2),
];

/// Whether these tokens name one of the error types.
fn makes_errors(tokens: &[Token]) -> bool {
    tokens.iter().any(|token| {
        matches!(token, Token::Ident(name) if CONSTRUCTORS.iter().any(|(ty, _, _)| ty == name))
    })
}

/// One sentence the code writes, and where.
struct Written {
    file: PathBuf,
    constructor: String,
    sentence: String,
}

/// The tokens without inline `#[cfg(test)] mod … { … }`: unit tests build errors of
/// their own to test the code around them.
fn without_tests(tokens: Vec<Token>) -> Vec<Token> {
    let attribute = [
        Token::Punct('#'),
        Token::Punct('['),
        Token::Ident("cfg".to_owned()),
        Token::Punct('('),
        Token::Ident("test".to_owned()),
        Token::Punct(')'),
        Token::Punct(']'),
        Token::Ident("mod".to_owned()),
    ];
    let mut kept = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if tokens[i..].starts_with(&attribute) && is_punct(tokens.get(i + 9), '{') {
            i = closing(&tokens, i + 9);
        } else {
            kept.push(tokens[i].clone());
            i += 1;
        }
    }
    kept
}

/// The types whose `#[error("…")]` text reaches people as it is: the application's
/// error, and an id that is not one.
const DISPLAYED: [&str; 2] = ["AppError", "InvalidId"];

/// The token ranges of `impl … for Type { … }` and `impl Type { … }` blocks, with
/// the type's name, outermost first.
fn impls(tokens: &[Token]) -> Vec<(std::ops::Range<usize>, String)> {
    let mut found = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        if !is_ident(Some(token), "impl") {
            continue;
        }
        let Some(open) = (i..tokens.len()).find(|&k| is_punct(tokens.get(k), '{')) else {
            continue;
        };
        let name = tokens[i..open].iter().rev().find_map(|t| match t {
            Token::Ident(name) if name != "where" => Some(name.clone()),
            _ => None,
        });
        if let Some(name) = name {
            found.push((open..closing(tokens, open), name));
        }
    }
    found
}

/// Each `struct` and `enum`: where its name stands, its name, and the token range of
/// its body when it has braces.
fn items(tokens: &[Token]) -> Vec<(usize, String, std::ops::Range<usize>)> {
    let mut found = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        if (is_ident(Some(token), "struct") || is_ident(Some(token), "enum"))
            && let Some(Token::Ident(name)) = tokens.get(i + 1)
        {
            let body = match (i + 2..tokens.len())
                .find(|&k| matches!(tokens.get(k), Some(Token::Punct('{' | ';' | '('))))
            {
                Some(open) if is_punct(tokens.get(open), '{') => open..closing(tokens, open),
                _ => 0..0,
            };
            found.push((i + 1, name.clone(), body));
        }
    }
    found
}

/// The type an attribute at `at` belongs to: the enum whose variants it is among, else
/// the next item.
fn owner(items: &[(usize, String, std::ops::Range<usize>)], at: usize) -> Option<&str> {
    items
        .iter()
        .find(|(_, _, body)| body.contains(&at))
        .or_else(|| items.iter().find(|(name_at, _, _)| *name_at > at))
        .map(|(_, name, _)| name.as_str())
}

/// The error sentences of one file.
fn written(file: &Path) -> Vec<Written> {
    let source = std::fs::read_to_string(file).unwrap();
    let tokens = without_tests(tokens(&source));
    let mut constants = HashMap::new();
    let mut helpers = Vec::new();
    for (i, window) in tokens.windows(7).enumerate() {
        // `const NAME: &str = "…";`
        if let [
            Token::Ident(kw),
            Token::Ident(name),
            Token::Punct(':'),
            Token::Punct('&'),
            Token::Ident(ty),
            Token::Punct('='),
            Token::Str(value),
        ] = window
            && kw == "const"
            && ty == "str"
        {
            constants.insert(name.clone(), value.clone());
        }
        // `fn NAME(message: &str) -> AppError` and `let NAME = |message: &str| …
        // Error…;`: a helper that wraps its message in an error.
        if let [
            Token::Ident(kw),
            Token::Ident(name),
            Token::Punct('('),
            Token::Ident(param),
            Token::Punct(':'),
            Token::Punct('&'),
            Token::Ident(ty),
        ] = window
            && kw == "fn"
            && param == "message"
            && ty == "str"
        {
            let after = closing(&tokens, i + 2);
            if is_punct(tokens.get(after), '-')
                && is_punct(tokens.get(after + 1), '>')
                && makes_errors(&tokens[after + 2..(after + 3).min(tokens.len())])
            {
                helpers.push(name.clone());
            }
        }
        if let [
            Token::Ident(kw),
            Token::Ident(name),
            Token::Punct('='),
            Token::Punct('|'),
            Token::Ident(param),
            Token::Punct(':'),
            Token::Punct('&'),
        ] = window
            && kw == "let"
            && param == "message"
            && is_ident(tokens.get(i + 7), "str")
        {
            let body = &tokens[i + 8..];
            let end = body
                .iter()
                .position(|t| *t == Token::Punct(';'))
                .unwrap_or(body.len());
            if makes_errors(&body[..end]) {
                helpers.push(name.clone());
            }
        }
    }
    let mut found = Vec::new();
    let mut push = |constructor: String, sentences: Vec<String>| {
        for sentence in sentences {
            found.push(Written {
                file: file.to_owned(),
                constructor: constructor.clone(),
                sentence,
            });
        }
    };
    let impls = impls(&tokens);
    let items = items(&tokens);
    for i in 0..tokens.len() {
        // `#[error("…")]` of a type whose text reaches people.
        if is_punct(tokens.get(i), '#')
            && is_punct(tokens.get(i + 1), '[')
            && is_ident(tokens.get(i + 2), "error")
            && is_punct(tokens.get(i + 3), '(')
            && let Some(Token::Str(text)) = tokens.get(i + 4)
            && let Some(owner) = owner(&items, i)
            && DISPLAYED.contains(&owner)
        {
            push(format!("{owner} #[error]"), vec![format_string(text)]);
        }
        // `Type::Variant(…)` and `Type::Variant { … }`; `Self` in an `impl` is its type.
        if let (Some(Token::Ident(ty)), Some(Token::Ident(variant))) =
            (tokens.get(i), tokens.get(i + 3))
            && is_punct(tokens.get(i + 1), ':')
            && is_punct(tokens.get(i + 2), ':')
        {
            let ty = match ty.as_str() {
                "Self" => impls
                    .iter()
                    .rev()
                    .find(|(range, _)| range.contains(&i))
                    .map_or(ty, |(_, name)| name),
                _ => ty,
            };
            let name = format!("{ty}::{variant}");
            if is_punct(tokens.get(i + 4), '(')
                && let Some((_, _, index)) = CONSTRUCTORS
                    .iter()
                    .find(|(t, v, _)| t == ty && v == variant)
                && let Some(argument) = arguments(&tokens, i + 4).get(*index)
            {
                let mut sentences = sentences_of(argument, &constants);
                if variant == "NotFound" {
                    // `AppError::NotFound("post")` reads "post not found".
                    sentences = sentences
                        .into_iter()
                        .map(|s| format!("{s} not found"))
                        .collect();
                }
                push(name, sentences);
            } else if ty == "AppError" && variant == "Conflict" && is_punct(tokens.get(i + 4), '{')
            {
                for field in arguments(&tokens, i + 4) {
                    if is_ident(field.first(), "message") && is_punct(field.get(1), ':') {
                        push(name.clone(), sentences_of(&field[2..], &constants));
                    }
                }
            }
        }
        // A helper's call (not its definition).
        if let Some(Token::Ident(name)) = tokens.get(i)
            && helpers.contains(name)
            && is_punct(tokens.get(i + 1), '(')
            && !is_ident(i.checked_sub(1).and_then(|p| tokens.get(p)), "fn")
            && let Some(argument) = arguments(&tokens, i + 1).first()
        {
            push(format!("{name}()"), sentences_of(argument, &constants));
        }
    }
    found
}

/// A sentence as characters and holes.
fn segments(text: &str) -> Vec<Option<char>> {
    text.chars().map(|c| (c != HOLE).then_some(c)).collect()
}

/// Whether a written sentence and a catalogue message can be the same text. A
/// placeable of the message stands for any run of the sentence, words or `{}`; a
/// `{}` of the sentence stands for a placeable of the message or, in a message
/// without placeables, for any words of it (`"{label} is required"` is written for
/// `"name is required"`, `"token name is required"`, …).
fn same(written: &[Option<char>], message: &[Option<char>]) -> bool {
    fn step(
        a: &[Option<char>],
        b: &[Option<char>],
        i: usize,
        j: usize,
        memo: &mut HashMap<(usize, usize), bool>,
    ) -> bool {
        if let Some(known) = memo.get(&(i, j)) {
            return *known;
        }
        let fixed = !b.contains(&None);
        let result = match (a.get(i), b.get(j)) {
            (None, None) => true,
            (Some(x), Some(y)) => {
                (x.is_some() && x == y && step(a, b, i + 1, j + 1, memo))
                    || (x.is_none()
                        && fixed
                        && (j + 1..=b.len()).any(|k| step(a, b, i + 1, k, memo)))
                    || (y.is_none() && (i + 1..=a.len()).any(|k| step(a, b, k, j + 1, memo)))
            }
            _ => false,
        };
        memo.insert((i, j), result);
        result
    }
    step(written, message, 0, 0, &mut HashMap::new())
}

fn catalogue() -> Vec<(String, Vec<Option<char>>)> {
    english_patterns("errors.ftl")
        .into_iter()
        .map(|(id, parts)| {
            let text: String = parts
                .iter()
                .map(|part| match part {
                    Part::Text(text) => text.clone(),
                    Part::Variable(_) => HOLE.to_string(),
                })
                .collect();
            (id, segments(&text))
        })
        .collect()
}

fn sentences() -> Vec<Written> {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    CRATES
        .iter()
        .flat_map(|name| files(&crates.join(name).join("src")))
        .flat_map(|file| written(&file))
        .collect()
}

#[test]
fn every_error_sentence_the_code_writes_is_in_errors_ftl() {
    let messages = catalogue();
    let written = sentences();
    let mut by_constructor: BTreeMap<&str, usize> = BTreeMap::new();
    for w in &written {
        *by_constructor.entry(w.constructor.as_str()).or_default() += 1;
    }
    // The reading of the code still finds what it looks for.
    for name in [
        "ValidationError::new",
        "AppError::Unauthenticated",
        "AppError::Forbidden",
        "AppError::NotFound",
        "Denied::Forbidden",
        "Denied::AccountUnavailable",
        "ApiError::bad_request",
        "ApiError::invalid_field",
        "ApiError::new",
    ] {
        assert!(
            by_constructor.contains_key(name),
            "no sentence found for {name}: {by_constructor:#?}"
        );
    }
    assert!(by_constructor.contains_key("AppError::Conflict"));
    assert!(
        written.len() > 150,
        "only {} sentences found",
        written.len()
    );
    let missing: Vec<String> = written
        .iter()
        // `"{0}"` passes on a sentence written elsewhere.
        .filter(|w| w.sentence.chars().any(char::is_alphabetic))
        .filter(|w| {
            let sentence = segments(&w.sentence);
            !messages.iter().any(|(_, message)| same(&sentence, message))
        })
        .map(|w| {
            format!(
                "{}: {} {:?}",
                w.file.display(),
                w.constructor,
                w.sentence.replace(HOLE, "{}")
            )
        })
        .collect();
    assert!(
        missing.is_empty(),
        "sentences errors.ftl lacks ({}): {missing:#?}",
        missing.len()
    );
}

#[test]
fn every_error_message_has_an_id_of_its_kind_and_words() {
    let patterns = english_patterns("errors.ftl");
    assert!(patterns.len() > 100, "errors.ftl is there");
    for (id, parts) in patterns {
        assert!(
            id.starts_with("error-"),
            "{id}: errors.ftl ids start with error-"
        );
        // A message of placeables alone would match any error at all.
        assert!(
            parts
                .iter()
                .any(|p| matches!(p, Part::Text(t) if t.trim().len() > 1)),
            "{id} has no words of its own"
        );
    }
}

#[test]
fn the_reading_of_the_code_finds_sentences_in_all_their_forms() {
    let source = r#"
        const GONE: &str = "it is gone";
        #[derive(thiserror::Error)]
        pub enum AppError {
            #[error("{0}")]
            Forbidden(&'static str),
            #[error("too many attempts; wait {secs} seconds")]
            RateLimited { secs: u64 },
        }
        #[error("not shown {0}")]
        pub struct Other(u32);
        impl From<StoreError> for AppError {
            fn from(e: StoreError) -> Self { Self::Conflict { message: format!("a {c} exists"), field: None } }
        }
        fn conflict(message: &str) -> AppError { AppError::Conflict { message: message.to_owned(), field: None } }
        fn f() {
            // ValidationError::new("x", "a comment")
            let c = '"';
            let invalid = |message: &str| Err(ValidationError::new("handle", message));
            Err(ValidationError::new("f", format!("at most {MAX} chars, not {raw:?} {{x}}", MAX = known.join(", "))));
            Err(AppError::Unauthenticated(GONE));
            Err(AppError::NotFound("watch term"));
            Err(ValidationError::new("days", t!(tr(), "admin-data-days", raw = format!("{raw:?}"))));
            Err(conflict(if lock { "already \
                 locked" } else { "not locked" }));
            invalid("a handle has 3 to 30 characters");
            AppError::Conflict { message: "taken".to_owned(), field: Some("name") };
        }
    "#;
    let dir = std::env::temp_dir().join(format!("hearth-i18n-scan-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("sample.rs");
    std::fs::write(&file, source).unwrap();
    let found: Vec<String> = written(&file)
        .into_iter()
        .map(|w| w.sentence.replace(HOLE, "{}"))
        .collect();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(
        found,
        [
            "{}",
            "too many attempts; wait {} seconds",
            "a {} exists",
            "at most {} chars, not {} {x}",
            "it is gone",
            "watch term not found",
            "already locked",
            "not locked",
            "a handle has 3 to 30 characters",
            "taken",
        ]
    );
}

#[test]
fn holes_stand_for_words_on_either_side() {
    let hole = HOLE.to_string();
    let text = |s: &str| s.replace("{}", &hole);
    let yes = [
        ("post not found", "{} not found"),
        ("{} not found", "{} not found"),
        ("name is required", "name is required"),
        ("{} is required", "name is required"),
        ("at most 2000 characters", "at most {} characters"),
        (
            "limit must be between 1 and {}",
            "{} must be between 1 and {}",
        ),
    ];
    for (a, b) in yes {
        assert!(
            same(&segments(&text(a)), &segments(&text(b))),
            "{a:?} ~ {b:?}"
        );
    }
    let no = [
        ("post not found", "post was not found"),
        ("post not found", "{} was not found"),
        ("{} not found", "not found"),
        ("name is required", "{} must be at most {} characters"),
        (
            "a group holds at most {} people",
            "{} id must be a number, not {}",
        ),
        ("{} is not supported on {}", "{} not found"),
    ];
    for (a, b) in no {
        assert!(
            !same(&segments(&text(a)), &segments(&text(b))),
            "{a:?} !~ {b:?}"
        );
    }
}
