//! SCIM 2.0 filters and attribute paths (RFC 7644 §3.4.2.2 and §3.5.2): a parser
//! from text to an AST, a check of that AST against the attributes a resource type
//! has, and its evaluation against one resource.
//!
//! The parser takes untrusted text from any SCIM client, so it never panics: input
//! length and nesting depth are bounded, and every failure is a [`FilterError`] that
//! names the position. It is fuzzed with proptest (see `tests.rs`).
//!
//! Reading text ([`parse`], [`parse_path`]) is in `parse.rs`; fitting a filter to a
//! resource type ([`check`]) and evaluating it ([`matches`]) in `eval.rs`.

use std::fmt;

mod eval;
mod parse;
#[cfg(test)]
mod tests;

pub use eval::{AttrType, CheckError, Checked, Scalar, Schema, check, matches};
pub use parse::{parse, parse_path};

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
