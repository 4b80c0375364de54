//! A parsed filter checked against a resource type's attributes, then evaluated
//! against one resource's values.

use super::{AttrPath, CompareOp, Filter, Literal};
use crate::Millis;

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
