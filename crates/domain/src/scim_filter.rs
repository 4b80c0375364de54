//! SCIM 2.0 filters and attribute paths (RFC 7644 §3.4.2.2 and §3.5.2): a parser
//! from text to an AST, a check of that AST against the attributes a resource type
//! has, and its evaluation against one resource.
//!
//! The parser takes untrusted text from any SCIM client, so it never panics: input
//! length and nesting depth are bounded, and every failure is a [`FilterError`] that
//! names the position. It is fuzzed with proptest below.

use crate::Millis;
use std::fmt;

/// The longest filter or path accepted, in bytes.
pub const MAX_FILTER_LEN: usize = 4096;

/// The deepest nesting of parentheses, `not` and `[…]` accepted; deeper input would
/// only serve to exhaust the stack.
pub const MAX_DEPTH: usize = 32;

/// An attribute reference: `userName`, `name.formatted`, `emails.value`, or with its
/// schema URI, `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttrPath {
    /// The schema URI, when given, without the final `:`.
    pub uri: Option<String>,
    pub name: String,
    pub sub: Option<String>,
}

impl AttrPath {
    /// Whether this path names `name` (and `sub`), ignoring case as SCIM requires.
    pub fn is(&self, name: &str, sub: Option<&str>) -> bool {
        self.name.eq_ignore_ascii_case(name)
            && match (&self.sub, sub) {
                (None, None) => true,
                (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
                _ => false,
            }
    }
}

impl fmt::Display for AttrPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(uri) = &self.uri {
            write!(f, "{uri}:")?;
        }
        write!(f, "{}", self.name)?;
        if let Some(sub) = &self.sub {
            write!(f, ".{sub}")?;
        }
        Ok(())
    }
}

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareOp {
    Eq,
    Ne,
    Co,
    Sw,
    Ew,
    Gt,
    Ge,
    Lt,
    Le,
}

impl CompareOp {
    fn parse(word: &str) -> Option<Self> {
        Some(match word.to_ascii_lowercase().as_str() {
            "eq" => Self::Eq,
            "ne" => Self::Ne,
            "co" => Self::Co,
            "sw" => Self::Sw,
            "ew" => Self::Ew,
            "gt" => Self::Gt,
            "ge" => Self::Ge,
            "lt" => Self::Lt,
            "le" => Self::Le,
            _ => return None,
        })
    }

    fn is_ordering(self) -> bool {
        matches!(self, Self::Gt | Self::Ge | Self::Lt | Self::Le)
    }

    fn is_substring(self) -> bool {
        matches!(self, Self::Co | Self::Sw | Self::Ew)
    }
}

/// A literal in a filter.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    String(String),
    Number(f64),
    Bool(bool),
    Null,
}

/// A parsed filter.
#[derive(Debug, Clone, PartialEq)]
pub enum Filter {
    Compare {
        path: AttrPath,
        op: CompareOp,
        value: Literal,
    },
    Present(AttrPath),
    And(Box<Filter>, Box<Filter>),
    Or(Box<Filter>, Box<Filter>),
    Not(Box<Filter>),
    /// `emails[type eq "work"]`: the inner filter applies to the attribute's values.
    ValuePath {
        path: AttrPath,
        filter: Box<Filter>,
    },
}

/// A PATCH operation's `path`: an attribute, optionally narrowed to some of its
/// values by a filter and then to one sub-attribute (`emails[type eq "work"].value`).
#[derive(Debug, Clone, PartialEq)]
pub struct PatchPath {
    pub attr: AttrPath,
    pub filter: Option<Filter>,
    pub sub: Option<String>,
}

/// Why a filter or path was refused; `position` is a byte offset into the input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message} (at character {position})")]
pub struct FilterError {
    pub message: String,
    pub position: usize,
}

fn fail<T>(message: impl Into<String>, position: usize) -> Result<T, FilterError> {
    Err(FilterError {
        message: message.into(),
        position,
    })
}

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
fn attr_path(word: &str, at: usize) -> Result<AttrPath, FilterError> {
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

/// The type of an attribute, as far as filtering is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttrType {
    /// Text; compared ignoring case unless `case_exact`.
    String {
        case_exact: bool,
    },
    Boolean,
    /// Compared as instants; filters give them in RFC 3339.
    DateTime,
}

/// One value of an attribute of a resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scalar {
    Str(String),
    Bool(bool),
    Time(Millis),
}

/// What a resource type's attributes are: `resolve` answers the key and type of a
/// known attribute, `None` for one it does not have.
pub trait Schema {
    type Attr: Copy;
    fn resolve(&self, path: &AttrPath) -> Option<(Self::Attr, AttrType)>;
    fn parse_time(&self, raw: &str) -> Option<Millis>;
}

/// A filter checked against a schema: every attribute is known and every comparison
/// makes sense for its type, so evaluation cannot fail.
#[derive(Debug, Clone, PartialEq)]
pub enum Checked<A> {
    Compare {
        attr: A,
        case_exact: bool,
        op: CompareOp,
        /// `None` compares with `null`: `eq null` matches absence.
        value: Option<Scalar>,
    },
    Present(A),
    And(Box<Checked<A>>, Box<Checked<A>>),
    Or(Box<Checked<A>>, Box<Checked<A>>),
    Not(Box<Checked<A>>),
}

/// Why a parsed filter does not fit a schema.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CheckError {
    #[error("there is no attribute {0:?}")]
    UnknownAttribute(String),
    #[error("{0}")]
    Mismatch(String),
}

/// Checks a filter against a schema. A value filter `emails[type eq "work"]` is
/// read as the same filter on `emails.type`.
pub fn check<S: Schema>(filter: &Filter, schema: &S) -> Result<Checked<S::Attr>, CheckError> {
    check_within(filter, schema, None)
}

fn check_within<S: Schema>(
    filter: &Filter,
    schema: &S,
    parent: Option<&AttrPath>,
) -> Result<Checked<S::Attr>, CheckError> {
    let full = |path: &AttrPath| match parent {
        Some(parent) => AttrPath {
            uri: parent.uri.clone(),
            name: parent.name.clone(),
            sub: Some(path.name.clone()),
        },
        None => path.clone(),
    };
    let resolve = |path: &AttrPath| {
        let path = full(path);
        schema
            .resolve(&path)
            .ok_or_else(|| CheckError::UnknownAttribute(path.to_string()))
    };
    Ok(match filter {
        Filter::Present(path) => Checked::Present(resolve(path)?.0),
        Filter::Compare { path, op, value } => {
            let (attr, ty) = resolve(path)?;
            let mismatch = |what: &str| {
                Err(CheckError::Mismatch(format!(
                    "{} cannot be compared with {what}",
                    full(path)
                )))
            };
            let value = match (ty, value) {
                (_, Literal::Null) if matches!(op, CompareOp::Eq | CompareOp::Ne) => None,
                (_, Literal::Null) => return mismatch("null by this operator"),
                (AttrType::String { .. }, Literal::String(text)) => Some(Scalar::Str(text.clone())),
                (AttrType::Boolean, Literal::Bool(b))
                    if !op.is_ordering() && !op.is_substring() =>
                {
                    Some(Scalar::Bool(*b))
                }
                (AttrType::Boolean, _) => {
                    return mismatch("this value or operator; use eq or ne with true or false");
                }
                (AttrType::DateTime, Literal::String(text)) if !op.is_substring() => {
                    match schema.parse_time(text) {
                        Some(at) => Some(Scalar::Time(at)),
                        None => return mismatch("a value that is not an RFC 3339 time"),
                    }
                }
                (AttrType::DateTime, _) => return mismatch("this value or operator"),
                (AttrType::String { .. }, _) => return mismatch("a value that is not a string"),
            };
            Checked::Compare {
                attr,
                case_exact: matches!(ty, AttrType::String { case_exact: true }),
                op: *op,
                value,
            }
        }
        Filter::And(a, b) => Checked::And(
            Box::new(check_within(a, schema, parent)?),
            Box::new(check_within(b, schema, parent)?),
        ),
        Filter::Or(a, b) => Checked::Or(
            Box::new(check_within(a, schema, parent)?),
            Box::new(check_within(b, schema, parent)?),
        ),
        Filter::Not(inner) => Checked::Not(Box::new(check_within(inner, schema, parent)?)),
        Filter::ValuePath { path, filter } => {
            if path.sub.is_some() {
                return Err(CheckError::Mismatch(format!(
                    "a value filter applies to {}, not to a sub-attribute",
                    path.name
                )));
            }
            check_within(filter, schema, Some(path))?
        }
    })
}

/// Whether a resource matches, given the values it has for each attribute (none when
/// it has no value). A multi-valued attribute matches when any of its values does.
pub fn matches<A: Copy>(filter: &Checked<A>, values: &dyn Fn(A) -> Vec<Scalar>) -> bool {
    match filter {
        Checked::Present(attr) => values(*attr)
            .iter()
            .any(|v| !matches!(v, Scalar::Str(s) if s.is_empty())),
        Checked::Compare {
            attr,
            case_exact,
            op,
            value,
        } => {
            let present = values(*attr);
            let Some(wanted) = value else {
                let absent = present.is_empty();
                return if *op == CompareOp::Eq {
                    absent
                } else {
                    !absent
                };
            };
            if *op == CompareOp::Ne {
                return !present
                    .iter()
                    .any(|v| compare(v, CompareOp::Eq, wanted, *case_exact));
            }
            present.iter().any(|v| compare(v, *op, wanted, *case_exact))
        }
        Checked::And(a, b) => matches(a, values) && matches(b, values),
        Checked::Or(a, b) => matches(a, values) || matches(b, values),
        Checked::Not(inner) => !matches(inner, values),
    }
}

fn compare(have: &Scalar, op: CompareOp, wanted: &Scalar, case_exact: bool) -> bool {
    use std::cmp::Ordering;
    let ordering = match (have, wanted) {
        (Scalar::Str(have), Scalar::Str(wanted)) => {
            let (have, wanted) = if case_exact {
                (have.clone(), wanted.clone())
            } else {
                (have.to_lowercase(), wanted.to_lowercase())
            };
            match op {
                CompareOp::Co => return have.contains(&wanted),
                CompareOp::Sw => return have.starts_with(&wanted),
                CompareOp::Ew => return have.ends_with(&wanted),
                _ => have.cmp(&wanted),
            }
        }
        (Scalar::Bool(have), Scalar::Bool(wanted)) => have.cmp(wanted),
        (Scalar::Time(have), Scalar::Time(wanted)) => have.cmp(wanted),
        _ => return false,
    };
    match op {
        CompareOp::Eq => ordering == Ordering::Equal,
        CompareOp::Ne => ordering != Ordering::Equal,
        CompareOp::Gt => ordering == Ordering::Greater,
        CompareOp::Ge => ordering != Ordering::Less,
        CompareOp::Lt => ordering == Ordering::Less,
        CompareOp::Le => ordering != Ordering::Greater,
        CompareOp::Co | CompareOp::Sw | CompareOp::Ew => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn path(name: &str) -> AttrPath {
        attr_path(name, 0).unwrap()
    }

    fn cmp(name: &str, op: CompareOp, value: &str) -> Filter {
        Filter::Compare {
            path: path(name),
            op,
            value: Literal::String(value.to_owned()),
        }
    }

    fn and(a: Filter, b: Filter) -> Filter {
        Filter::And(Box::new(a), Box::new(b))
    }

    fn or(a: Filter, b: Filter) -> Filter {
        Filter::Or(Box::new(a), Box::new(b))
    }

    #[test]
    fn every_operator_parses() {
        for (word, op) in [
            ("eq", CompareOp::Eq),
            ("NE", CompareOp::Ne),
            ("co", CompareOp::Co),
            ("sw", CompareOp::Sw),
            ("ew", CompareOp::Ew),
            ("gt", CompareOp::Gt),
            ("ge", CompareOp::Ge),
            ("lt", CompareOp::Lt),
            ("Le", CompareOp::Le),
        ] {
            assert_eq!(
                parse(&format!("userName {word} \"x\"")).unwrap(),
                cmp("userName", op, "x"),
                "{word}"
            );
        }
        assert_eq!(parse("title pr").unwrap(), Filter::Present(path("title")));
        assert_eq!(
            parse("active eq true").unwrap(),
            Filter::Compare {
                path: path("active"),
                op: CompareOp::Eq,
                value: Literal::Bool(true)
            }
        );
    }

    #[test]
    fn and_binds_tighter_than_or_and_parentheses_override() {
        let a = || cmp("a", CompareOp::Eq, "1");
        let b = || cmp("b", CompareOp::Eq, "2");
        let c = || cmp("c", CompareOp::Eq, "3");
        assert_eq!(
            parse(r#"a eq "1" or b eq "2" and c eq "3""#).unwrap(),
            or(a(), and(b(), c()))
        );
        assert_eq!(
            parse(r#"a eq "1" and b eq "2" or c eq "3""#).unwrap(),
            or(and(a(), b()), c())
        );
        assert_eq!(
            parse(r#"(a eq "1" or b eq "2") and c eq "3""#).unwrap(),
            and(or(a(), b()), c())
        );
        assert_eq!(
            parse(r#"not (a eq "1") and b eq "2""#).unwrap(),
            and(Filter::Not(Box::new(a())), b())
        );
        assert_eq!(
            parse(r#"a eq "1" or b eq "2" or c eq "3""#).unwrap(),
            or(or(a(), b()), c())
        );
    }

    #[test]
    fn uris_sub_attributes_and_value_paths_parse() {
        let parsed = parse(
            r#"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "R&D""#,
        )
        .unwrap();
        let Filter::Compare {
            path: department, ..
        } = parsed
        else {
            panic!("{parsed:?}")
        };
        assert_eq!(
            department.uri.as_deref(),
            Some("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")
        );
        assert_eq!(department.name, "department");
        assert!(
            parse("name.formatted sw \"A\"").unwrap() == cmp("name.formatted", CompareOp::Sw, "A")
        );
        assert_eq!(
            parse(r#"emails[type eq "work" and value co "@acme"]"#).unwrap(),
            Filter::ValuePath {
                path: path("emails"),
                filter: Box::new(and(
                    cmp("type", CompareOp::Eq, "work"),
                    cmp("value", CompareOp::Co, "@acme")
                )),
            }
        );
        assert_eq!(
            parse(r#"userName eq "a \"quoted\" \u0041""#).unwrap(),
            cmp("userName", CompareOp::Eq, "a \"quoted\" A")
        );
    }

    #[test]
    fn malformed_filters_are_refused_with_a_position() {
        for bad in [
            "",
            "userName",
            "userName eq",
            "userName xx \"a\"",
            "userName eq \"open",
            "userName eq bare",
            "(userName eq \"a\"",
            "userName eq \"a\")",
            "userName eq \"a\" and",
            "not userName eq \"a\"",
            "emails[value eq \"a\"",
            "emails[type[value eq \"a\"]]",
            "1abc eq \"a\"",
            "urn:foo: eq \"a\"",
            "userName eq \"a\" userName",
            "userName == \"a\"",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} was accepted");
        }
        let deep = format!("{}a pr{}", "(".repeat(100), ")".repeat(100));
        assert!(parse(&deep).is_err());
        assert!(parse(&"a".repeat(MAX_FILTER_LEN + 1)).is_err());
    }

    #[test]
    fn patch_paths_parse() {
        assert_eq!(
            parse_path("active").unwrap(),
            PatchPath {
                attr: path("active"),
                filter: None,
                sub: None
            }
        );
        let members = parse_path(r#"members[value eq "42"]"#).unwrap();
        assert_eq!(members.attr, path("members"));
        assert_eq!(members.filter, Some(cmp("value", CompareOp::Eq, "42")));
        let email = parse_path(r#"emails[type eq "work"].value"#).unwrap();
        assert_eq!(email.sub.as_deref(), Some("value"));
        assert!(parse_path("").is_err());
        assert!(parse_path("members[").is_err());
        assert!(parse_path("members[value eq \"1\"] extra").is_err());
        assert!(parse_path("name.formatted[value eq \"1\"]").is_err());
    }

    #[derive(Clone, Copy, Debug, PartialEq)]
    enum Attr {
        UserName,
        Active,
        Modified,
        EmailValue,
    }

    struct Users;

    impl Schema for Users {
        type Attr = Attr;
        fn resolve(&self, path: &AttrPath) -> Option<(Attr, AttrType)> {
            if path.is("userName", None) {
                Some((Attr::UserName, AttrType::String { case_exact: false }))
            } else if path.is("active", None) {
                Some((Attr::Active, AttrType::Boolean))
            } else if path.is("meta", Some("lastModified")) {
                Some((Attr::Modified, AttrType::DateTime))
            } else if path.is("emails", Some("value")) || path.is("emails", None) {
                Some((Attr::EmailValue, AttrType::String { case_exact: false }))
            } else {
                None
            }
        }
        fn parse_time(&self, raw: &str) -> Option<Millis> {
            raw.parse().ok()
        }
    }

    fn ana(attr: Attr) -> Vec<Scalar> {
        match attr {
            Attr::UserName | Attr::EmailValue => vec![Scalar::Str("Ana@Acme.test".to_owned())],
            Attr::Active => vec![Scalar::Bool(true)],
            Attr::Modified => vec![Scalar::Time(1000)],
        }
    }

    fn holds(filter: &str) -> bool {
        matches(&check(&parse(filter).unwrap(), &Users).unwrap(), &ana)
    }

    #[test]
    fn every_operator_evaluates() {
        assert!(holds(r#"userName eq "ana@acme.TEST""#));
        assert!(!holds(r#"userName ne "ana@acme.test""#));
        assert!(holds(r#"userName ne "bo@acme.test""#));
        assert!(holds(r#"userName co "acme""#));
        assert!(holds(r#"userName sw "ANA""#));
        assert!(holds(r#"userName ew ".test""#));
        assert!(!holds(r#"userName ew ".com""#));
        assert!(holds(r#"userName gt "a""#) && !holds(r#"userName gt "b""#));
        assert!(holds(r#"userName ge "ana@acme.test""#));
        assert!(holds(r#"userName lt "b""#) && !holds(r#"userName lt "a""#));
        assert!(holds(r#"userName le "ana@acme.test""#));
        assert!(holds("userName pr"));
        assert!(holds("active eq true") && !holds("active eq false"));
        assert!(holds(r#"meta.lastModified gt "999""#));
        assert!(!holds(r#"meta.lastModified lt "1000""#));
        assert!(holds(r#"meta.lastModified le "1000""#));
        assert!(holds(r#"emails[value ew "acme.test"]"#));
        assert!(holds(
            r#"not (active eq false) and (userName eq "x" or emails.value co "ana")"#
        ));
        assert!(!holds(r#"not (userName pr)"#));
    }

    #[test]
    fn unknown_attributes_and_type_mismatches_are_refused() {
        let checked = |f: &str| check(&parse(f).unwrap(), &Users);
        assert_eq!(
            checked(r#"nickName eq "a""#),
            Err(CheckError::UnknownAttribute("nickName".to_owned()))
        );
        assert!(matches!(
            checked(r#"emails[type eq "work"]"#),
            Err(CheckError::UnknownAttribute(_))
        ));
        assert!(matches!(
            checked("active gt true"),
            Err(CheckError::Mismatch(_))
        ));
        assert!(matches!(
            checked(r#"active eq "yes""#),
            Err(CheckError::Mismatch(_))
        ));
        assert!(matches!(
            checked(r#"meta.lastModified co "1""#),
            Err(CheckError::Mismatch(_))
        ));
        assert!(matches!(
            checked(r#"meta.lastModified gt "yesterday""#),
            Err(CheckError::Mismatch(_))
        ));
        assert!(matches!(
            checked("userName eq 3"),
            Err(CheckError::Mismatch(_))
        ));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn the_parser_never_panics_on_any_text(input in "\\PC{0,200}") {
            let _ = parse(&input);
            let _ = parse_path(&input);
        }

        #[test]
        fn the_parser_never_panics_on_filter_like_text(
            input in r#"((not|and|or|pr|eq|co|gt|le|\(|\)|\[|\]|"[a-z\\"]{0,4}"|userName|emails\.value|urn:x:y:z|true|null|-?[0-9.e]{1,4}|\\u00|\.) ?){0,40}"#
        ) {
            if let Ok(filter) = parse(&input) {
                let _ = check(&filter, &Users).map(|c| matches(&c, &ana));
            }
            let _ = parse_path(&input);
        }

        #[test]
        fn generated_comparisons_round_trip(
            name in "[a-zA-Z][a-zA-Z0-9]{0,10}",
            value in "[^\"\\\\]{0,20}",
            op in prop::sample::select(vec!["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le"]),
        ) {
            let parsed = parse(&format!("{name} {op} \"{value}\"")).unwrap();
            prop_assert_eq!(
                parsed,
                Filter::Compare {
                    path: AttrPath { uri: None, name: name.clone(), sub: None },
                    op: CompareOp::parse(op).unwrap(),
                    value: Literal::String(value.clone()),
                }
            );
        }
    }
}
