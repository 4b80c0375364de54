//! From text to a [`Filter`] or a [`PatchPath`]: a tokenizer and a recursive-descent
//! parser, bounded in length and depth.

use super::{
    AttrPath, CompareOp, Filter, FilterError, Literal, MAX_DEPTH, MAX_FILTER_LEN, PatchPath, fail,
};

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(String),
    Str(String),
    Open,
    Close,
    OpenBracket,
    CloseBracket,
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.' | '$' | '+')
}

fn tokenize(input: &str) -> Result<Vec<(Token, usize)>, FilterError> {
    if input.len() > MAX_FILTER_LEN {
        return fail(format!("longer than {MAX_FILTER_LEN} characters"), 0);
    }
    let mut tokens = Vec::new();
    let mut chars = input.char_indices().peekable();
    while let Some(&(at, c)) = chars.peek() {
        match c {
            c if c.is_whitespace() => {
                chars.next();
            }
            '(' | ')' | '[' | ']' => {
                chars.next();
                let token = match c {
                    '(' => Token::Open,
                    ')' => Token::Close,
                    '[' => Token::OpenBracket,
                    _ => Token::CloseBracket,
                };
                tokens.push((token, at));
            }
            '"' => {
                chars.next();
                let mut text = String::new();
                let mut closed = false;
                while let Some((_, c)) = chars.next() {
                    match c {
                        '"' => {
                            closed = true;
                            break;
                        }
                        '\\' => match chars.next() {
                            Some((_, '"')) => text.push('"'),
                            Some((_, '\\')) => text.push('\\'),
                            Some((_, '/')) => text.push('/'),
                            Some((_, 'n')) => text.push('\n'),
                            Some((_, 't')) => text.push('\t'),
                            Some((_, 'r')) => text.push('\r'),
                            Some((_, 'b')) => text.push('\u{8}'),
                            Some((_, 'f')) => text.push('\u{c}'),
                            Some((_, 'u')) => {
                                let mut code = 0u32;
                                for _ in 0..4 {
                                    let digit = chars.next().and_then(|(_, d)| d.to_digit(16));
                                    match digit {
                                        Some(d) => code = code * 16 + d,
                                        None => return fail("a bad \\u escape", at),
                                    }
                                }
                                text.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                            }
                            _ => return fail("a bad escape in a string", at),
                        },
                        c => text.push(c),
                    }
                }
                if !closed {
                    return fail("a string that is not closed", at);
                }
                tokens.push((Token::Str(text), at));
            }
            c if is_word_char(c) => {
                let mut word = String::new();
                while let Some(&(_, c)) = chars.peek() {
                    if !is_word_char(c) {
                        break;
                    }
                    word.push(c);
                    chars.next();
                }
                tokens.push((Token::Word(word), at));
            }
            other => return fail(format!("unexpected character {other:?}"), at),
        }
    }
    Ok(tokens)
}

/// Splits `urn:…:User:name.formatted` into its URI, name and sub-attribute.
pub(super) fn attr_path(word: &str, at: usize) -> Result<AttrPath, FilterError> {
    let (uri, rest) = if word.len() >= 4 && word[..4].eq_ignore_ascii_case("urn:") {
        match word.rfind(':') {
            Some(colon) if colon + 1 < word.len() => {
                (Some(word[..colon].to_owned()), &word[colon + 1..])
            }
            _ => return fail(format!("{word:?} names a schema but no attribute"), at),
        }
    } else {
        (None, word)
    };
    let (name, sub) = match rest.split_once('.') {
        Some((name, sub)) => (name, Some(sub)),
        None => (rest, None),
    };
    let valid = |s: &str| {
        s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '$')
    };
    if !valid(name) || sub.is_some_and(|s| !valid(s)) {
        return fail(format!("{word:?} is not an attribute name"), at);
    }
    Ok(AttrPath {
        uri,
        name: name.to_owned(),
        sub: sub.map(str::to_owned),
    })
}

struct Parser {
    tokens: Vec<(Token, usize)>,
    next: usize,
    end: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.next).map(|(t, _)| t)
    }

    fn position(&self) -> usize {
        self.tokens.get(self.next).map_or(self.end, |(_, at)| *at)
    }

    fn bump(&mut self) -> Option<(Token, usize)> {
        let token = self.tokens.get(self.next).cloned();
        self.next += 1;
        token
    }

    fn peek_keyword(&self, keyword: &str) -> bool {
        matches!(self.peek(), Some(Token::Word(w)) if w.eq_ignore_ascii_case(keyword))
    }

    fn enter(&mut self) -> Result<(), FilterError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return fail(
                format!("nested deeper than {MAX_DEPTH} levels"),
                self.position(),
            );
        }
        Ok(())
    }

    fn or(&mut self, in_brackets: bool) -> Result<Filter, FilterError> {
        let mut left = self.and(in_brackets)?;
        while self.peek_keyword("or") {
            self.bump();
            let right = self.and(in_brackets)?;
            left = Filter::Or(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn and(&mut self, in_brackets: bool) -> Result<Filter, FilterError> {
        let mut left = self.unary(in_brackets)?;
        while self.peek_keyword("and") {
            self.bump();
            let right = self.unary(in_brackets)?;
            left = Filter::And(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn expect(&mut self, wanted: &Token, what: &str) -> Result<(), FilterError> {
        let at = self.position();
        match self.bump() {
            Some((token, _)) if &token == wanted => Ok(()),
            _ => fail(format!("expected {what}"), at),
        }
    }

    fn unary(&mut self, in_brackets: bool) -> Result<Filter, FilterError> {
        self.enter()?;
        let at = self.position();
        let filter = match self.bump() {
            Some((Token::Word(word), _)) if word.eq_ignore_ascii_case("not") => {
                self.expect(&Token::Open, "\"(\" after \"not\"")?;
                let inner = self.or(in_brackets)?;
                self.expect(&Token::Close, "\")\"")?;
                Filter::Not(Box::new(inner))
            }
            Some((Token::Open, _)) => {
                let inner = self.or(in_brackets)?;
                self.expect(&Token::Close, "\")\"")?;
                inner
            }
            Some((Token::Word(word), at)) => {
                let path = attr_path(&word, at)?;
                if self.peek() == Some(&Token::OpenBracket) {
                    if in_brackets {
                        return fail("a value filter cannot be nested in another", at);
                    }
                    self.bump();
                    let inner = self.or(true)?;
                    self.expect(&Token::CloseBracket, "\"]\"")?;
                    Filter::ValuePath {
                        path,
                        filter: Box::new(inner),
                    }
                } else {
                    self.attr_expression(path)?
                }
            }
            _ => return fail("expected an attribute, \"not\" or \"(\"", at),
        };
        self.depth -= 1;
        Ok(filter)
    }

    fn attr_expression(&mut self, path: AttrPath) -> Result<Filter, FilterError> {
        let at = self.position();
        let op = match self.bump() {
            Some((Token::Word(word), _)) if word.eq_ignore_ascii_case("pr") => {
                return Ok(Filter::Present(path));
            }
            Some((Token::Word(word), _)) => match CompareOp::parse(&word) {
                Some(op) => op,
                None => return fail(format!("{word:?} is not an operator"), at),
            },
            _ => return fail(format!("expected an operator after {path}"), at),
        };
        let at = self.position();
        let value = match self.bump() {
            Some((Token::Str(text), _)) => Literal::String(text),
            Some((Token::Word(word), _)) => match word.as_str() {
                "true" => Literal::Bool(true),
                "false" => Literal::Bool(false),
                "null" => Literal::Null,
                number => match number.parse::<f64>() {
                    Ok(n)
                        if n.is_finite()
                            && number.starts_with(|c: char| c.is_ascii_digit() || c == '-') =>
                    {
                        Literal::Number(n)
                    }
                    _ => {
                        return fail(
                            format!("{word:?} is not a value: quote strings with \"…\""),
                            at,
                        );
                    }
                },
            },
            _ => return fail("expected a value", at),
        };
        Ok(Filter::Compare { path, op, value })
    }
}

/// Parses a `filter` query parameter.
pub fn parse(input: &str) -> Result<Filter, FilterError> {
    let tokens = tokenize(input)?;
    if tokens.is_empty() {
        return fail("the filter is empty", 0);
    }
    let mut parser = Parser {
        tokens,
        next: 0,
        end: input.len(),
        depth: 0,
    };
    let filter = parser.or(false)?;
    if parser.next < parser.tokens.len() {
        return fail("unexpected text after the filter", parser.position());
    }
    Ok(filter)
}

/// Parses a PATCH operation's `path`.
pub fn parse_path(input: &str) -> Result<PatchPath, FilterError> {
    let tokens = tokenize(input)?;
    let mut parser = Parser {
        tokens,
        next: 0,
        end: input.len(),
        depth: 0,
    };
    let at = parser.position();
    let attr = match parser.bump() {
        Some((Token::Word(word), at)) => attr_path(&word, at)?,
        _ => return fail("expected an attribute", at),
    };
    let mut filter = None;
    let mut sub = None;
    if parser.peek() == Some(&Token::OpenBracket) {
        if attr.sub.is_some() {
            return fail(
                "a value filter follows an attribute, not a sub-attribute",
                at,
            );
        }
        parser.bump();
        filter = Some(parser.or(true)?);
        parser.expect(&Token::CloseBracket, "\"]\"")?;
        if let Some((Token::Word(word), at)) = parser.tokens.get(parser.next).cloned() {
            let Some(name) = word.strip_prefix('.') else {
                return fail("expected \".\" and a sub-attribute after \"]\"", at);
            };
            let valid = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
            if !valid {
                return fail(format!("{name:?} is not a sub-attribute"), at);
            }
            sub = Some(name.to_owned());
            parser.bump();
        }
    }
    if parser.next < parser.tokens.len() {
        return fail("unexpected text after the path", parser.position());
    }
    Ok(PatchPath { attr, filter, sub })
}
