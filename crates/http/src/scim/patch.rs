//! PATCH (RFC 7644 §3.5.2) applied to a resource's JSON representation. The patched
//! representation is then read and written exactly as the body of a PUT would be, so
//! the two cannot disagree on what a valid resource is: RFC 7644 defines PatchOp on
//! the JSON resource, so it is applied here, where that JSON is made.

use super::ScimFailure;
use super::json::{find_key, locate};
use hearth_app::domain::scim_filter::{self, CompareOp, Filter, Literal, PatchPath};
use hearth_app::scim::ENTERPRISE_SCHEMA;
use serde_json::{Map, Value};

/// The schema of a PATCH request's body.
pub const PATCH_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

/// What may be done to an attribute by PATCH.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rule {
    Writable { multi_valued: bool },
    ReadOnly,
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OpKind {
    Add,
    Replace,
    Remove,
}

/// One operation of a PatchOp request.
#[derive(Debug, Clone)]
pub(crate) struct Op {
    pub kind: OpKind,
    pub path: Option<(String, PatchPath)>,
    pub value: Option<Value>,
}

/// Reads a PatchOp body's operations.
pub(crate) fn operations(body: &Value) -> Result<Vec<Op>, ScimFailure> {
    let object = body
        .as_object()
        .ok_or_else(|| ScimFailure::bad("invalidSyntax", "the body must be a PatchOp object"))?;
    if let Some(schemas) = find_key(object, "schemas").map(|(_, v)| v) {
        let listed = schemas
            .as_array()
            .is_some_and(|s| s.iter().any(|s| s.as_str() == Some(PATCH_SCHEMA)));
        if !listed {
            return Err(ScimFailure::bad(
                "invalidSyntax",
                format!("schemas must list {}", PATCH_SCHEMA),
            ));
        }
    }
    let raw = find_key(object, "Operations")
        .and_then(|(_, v)| v.as_array())
        .filter(|ops| !ops.is_empty())
        .ok_or_else(|| ScimFailure::bad("invalidSyntax", "Operations must be a non-empty list"))?;
    raw.iter()
        .map(|op| {
            let op = op
                .as_object()
                .ok_or_else(|| ScimFailure::bad("invalidSyntax", "each operation is an object"))?;
            let kind = match find_key(op, "op").and_then(|(_, v)| v.as_str()) {
                Some(k) if k.eq_ignore_ascii_case("add") => OpKind::Add,
                Some(k) if k.eq_ignore_ascii_case("replace") => OpKind::Replace,
                Some(k) if k.eq_ignore_ascii_case("remove") => OpKind::Remove,
                _ => {
                    return Err(ScimFailure::bad(
                        "invalidSyntax",
                        "op must be add, replace or remove",
                    ));
                }
            };
            let path = match find_key(op, "path").map(|(_, v)| v) {
                None | Some(Value::Null) => None,
                Some(Value::String(raw)) => {
                    let parsed = scim_filter::parse_path(raw).map_err(|err| {
                        ScimFailure::bad("invalidPath", format!("bad path {raw:?}: {err}"))
                    })?;
                    Some((raw.clone(), parsed))
                }
                Some(_) => return Err(ScimFailure::bad("invalidPath", "path must be a string")),
            };
            let value = find_key(op, "value").map(|(_, v)| v.clone());
            if kind == OpKind::Remove && path.is_none() {
                return Err(ScimFailure::bad(
                    "noTarget",
                    "a remove operation needs a path",
                ));
            }
            if kind != OpKind::Remove && value.is_none() {
                return Err(ScimFailure::bad(
                    "invalidValue",
                    "add and replace need a value",
                ));
            }
            Ok(Op { kind, path, value })
        })
        .collect()
}

/// Applies one operation to a resource; `rule` says what each attribute allows.
pub(crate) fn apply(
    resource: &mut Map<String, Value>,
    op: &Op,
    rule: &dyn Fn(Option<&str>, &str) -> Rule,
) -> Result<(), ScimFailure> {
    if let Some((raw, _)) = &op.path
        && raw.trim().eq_ignore_ascii_case(ENTERPRISE_SCHEMA)
    {
        return apply_to_extension(resource, op, rule);
    }
    let Some((raw, path)) = &op.path else {
        let Some(Value::Object(values)) = &op.value else {
            return Err(ScimFailure::bad(
                "invalidValue",
                "without a path, the value must be an object of attributes",
            ));
        };
        for (key, value) in values {
            if key.eq_ignore_ascii_case(ENTERPRISE_SCHEMA) {
                // An extension's attributes, given as one object.
                let Value::Object(inner) = value else {
                    return Err(ScimFailure::bad(
                        "invalidValue",
                        format!("{key} must be an object of attributes"),
                    ));
                };
                // Some clients give the extension's own `schemas` with its attributes.
                for (name, value) in inner.iter().filter(|(name, _)| *name != "schemas") {
                    set(resource, op.kind, Some(key), name, None, value, rule, key)?;
                }
                continue;
            }
            let (container, name, sub) = locate(key);
            set(resource, op.kind, container, name, sub, value, rule, key)?;
        }
        return Ok(());
    };
    let (container, name, sub) = locate_path(path);
    match rule(container.as_deref(), &name) {
        Rule::Unknown => {
            return Err(ScimFailure::bad(
                "invalidPath",
                format!("there is no attribute {raw:?}"),
            ));
        }
        Rule::ReadOnly => {
            return Err(ScimFailure::bad(
                "mutability",
                format!("{raw:?} is read-only"),
            ));
        }
        Rule::Writable { .. } => {}
    }
    if let Some(filter) = &path.filter {
        return apply_filtered(
            resource,
            op,
            container.as_deref(),
            &name,
            filter,
            path.sub.as_deref(),
            raw,
            rule,
        );
    }
    match op.kind {
        OpKind::Remove => {
            let target = container_mut(resource, container.as_deref())?;
            let Some(key) = find_key(target, &name).map(|(k, _)| k.clone()) else {
                return Ok(());
            };
            match (sub.as_deref(), &op.value) {
                (Some(sub), _) => {
                    if let Some(Value::Object(inner)) = target.get_mut(&key)
                        && let Some(sub_key) = find_key(inner, sub).map(|(k, _)| k.clone())
                    {
                        inner.remove(&sub_key);
                    }
                }
                // Some providers remove members by listing them as the value.
                (None, Some(Value::Array(listed))) => {
                    if let Some(Value::Array(items)) = target.get_mut(&key) {
                        items.retain(|item| !listed.iter().any(|l| same_value(item, l)));
                    }
                }
                (None, _) => {
                    target.remove(&key);
                }
            }
            Ok(())
        }
        OpKind::Add | OpKind::Replace => {
            let value = op.value.clone().unwrap_or(Value::Null);
            set(
                resource,
                op.kind,
                container.as_deref(),
                &name,
                sub.as_deref(),
                &value,
                rule,
                raw,
            )
        }
    }
}

/// An operation whose path is the enterprise extension's URN, as some clients send:
/// its value is an object of the extension's attributes, and removing it removes all.
fn apply_to_extension(
    resource: &mut Map<String, Value>,
    op: &Op,
    rule: &dyn Fn(Option<&str>, &str) -> Rule,
) -> Result<(), ScimFailure> {
    if op.kind != OpKind::Remove {
        let mut values = Map::new();
        values.insert(
            ENTERPRISE_SCHEMA.to_owned(),
            op.value.clone().unwrap_or(Value::Null),
        );
        let whole = Op {
            kind: op.kind,
            path: None,
            value: Some(Value::Object(values)),
        };
        return apply(resource, &whole, rule);
    }
    let Some(key) = find_key(resource, ENTERPRISE_SCHEMA).map(|(k, _)| k.clone()) else {
        return Ok(());
    };
    if let Some(Value::Object(inner)) = resource.get(&key) {
        for name in inner.keys() {
            if !matches!(rule(Some(ENTERPRISE_SCHEMA), name), Rule::Writable { .. }) {
                return Err(ScimFailure::bad(
                    "mutability",
                    format!("{ENTERPRISE_SCHEMA}:{name} cannot be removed"),
                ));
            }
        }
    }
    resource.remove(&key);
    Ok(())
}

fn locate_path(path: &PatchPath) -> (Option<String>, String, Option<String>) {
    let full = path.attr.to_string();
    let (container, name, sub) = locate(&full);
    (
        container.map(str::to_owned),
        name.to_owned(),
        sub.map(str::to_owned).or_else(|| path.sub.clone()),
    )
}

fn container_mut<'a>(
    resource: &'a mut Map<String, Value>,
    container: Option<&str>,
) -> Result<&'a mut Map<String, Value>, ScimFailure> {
    let Some(uri) = container else {
        return Ok(resource);
    };
    let key = find_key(resource, uri)
        .map(|(k, _)| k.clone())
        .unwrap_or_else(|| uri.to_owned());
    let entry = resource
        .entry(key)
        .or_insert_with(|| Value::Object(Map::new()));
    if !entry.is_object() {
        *entry = Value::Object(Map::new());
    }
    match entry {
        Value::Object(inner) => Ok(inner),
        _ => Err(ScimFailure::bad(
            "invalidValue",
            format!("{uri} must be an object"),
        )),
    }
}

#[expect(
    clippy::too_many_arguments,
    reason = "one operation's parts, spelled out"
)]
fn set(
    resource: &mut Map<String, Value>,
    kind: OpKind,
    container: Option<&str>,
    name: &str,
    sub: Option<&str>,
    value: &Value,
    rule: &dyn Fn(Option<&str>, &str) -> Rule,
    raw: &str,
) -> Result<(), ScimFailure> {
    let multi_valued = match rule(container, name) {
        Rule::Unknown => {
            return Err(ScimFailure::bad(
                "invalidPath",
                format!("there is no attribute {raw:?}"),
            ));
        }
        Rule::ReadOnly => {
            return Err(ScimFailure::bad(
                "mutability",
                format!("{raw:?} is read-only"),
            ));
        }
        Rule::Writable { multi_valued } => multi_valued,
    };
    let target = container_mut(resource, container)?;
    let key = find_key(target, name)
        .map(|(k, _)| k.clone())
        .unwrap_or_else(|| name.to_owned());
    if let Some(sub) = sub {
        let entry = target
            .entry(key)
            .or_insert_with(|| Value::Object(Map::new()));
        let Value::Object(inner) = entry else {
            return Err(ScimFailure::bad(
                "invalidPath",
                format!("{raw:?} has no sub-attributes"),
            ));
        };
        let sub_key = find_key(inner, sub)
            .map(|(k, _)| k.clone())
            .unwrap_or_else(|| sub.to_owned());
        inner.insert(sub_key, value.clone());
        return Ok(());
    }
    match (kind, multi_valued) {
        (OpKind::Add, true) => {
            let added: Vec<Value> = match value {
                Value::Array(items) => items.clone(),
                other => vec![other.clone()],
            };
            let entry = target
                .entry(key)
                .or_insert_with(|| Value::Array(Vec::new()));
            if !entry.is_array() {
                *entry = Value::Array(Vec::new());
            }
            if let Value::Array(items) = entry {
                for item in added {
                    if !items.iter().any(|have| same_value(have, &item)) {
                        items.push(item);
                    }
                }
            }
        }
        (OpKind::Add, false) => match (target.get_mut(&key), value) {
            (Some(Value::Object(have)), Value::Object(more)) => {
                for (k, v) in more {
                    let existing = find_key(have, k)
                        .map(|(k, _)| k.clone())
                        .unwrap_or_else(|| k.clone());
                    have.insert(existing, v.clone());
                }
            }
            _ => {
                target.insert(key, value.clone());
            }
        },
        (OpKind::Replace, _) | (OpKind::Remove, _) => {
            target.insert(key, value.clone());
        }
    }
    Ok(())
}

#[expect(
    clippy::too_many_arguments,
    reason = "one operation's parts, spelled out"
)]
fn apply_filtered(
    resource: &mut Map<String, Value>,
    op: &Op,
    container: Option<&str>,
    name: &str,
    filter: &Filter,
    sub: Option<&str>,
    raw: &str,
    rule: &dyn Fn(Option<&str>, &str) -> Rule,
) -> Result<(), ScimFailure> {
    if !matches!(rule(container, name), Rule::Writable { multi_valued: true }) {
        return Err(ScimFailure::bad(
            "invalidPath",
            format!("{raw:?}: only a multi-valued attribute takes a value filter"),
        ));
    }
    let target = container_mut(resource, container)?;
    let key = find_key(target, name)
        .map(|(k, _)| k.clone())
        .unwrap_or_else(|| name.to_owned());
    let items = match target.get_mut(&key) {
        Some(Value::Array(items)) => items,
        _ if op.kind == OpKind::Remove => return Ok(()),
        _ => {
            return Err(ScimFailure::bad(
                "noTarget",
                format!("nothing matches {raw:?}"),
            ));
        }
    };
    let mut matched = Vec::new();
    for (at, item) in items.iter().enumerate() {
        if element_matches(filter, item)? {
            matched.push(at);
        }
    }
    match op.kind {
        OpKind::Remove => match sub {
            Some(sub) => {
                for at in matched {
                    if let Some(Value::Object(item)) = items.get_mut(at)
                        && let Some(k) = find_key(item, sub).map(|(k, _)| k.clone())
                    {
                        item.remove(&k);
                    }
                }
            }
            None => {
                let mut at = 0;
                items.retain(|_| {
                    let keep = !matched.contains(&at);
                    at += 1;
                    keep
                });
            }
        },
        OpKind::Add | OpKind::Replace => {
            if matched.is_empty() {
                return Err(ScimFailure::bad(
                    "noTarget",
                    format!("nothing matches {raw:?}"),
                ));
            }
            let value = op.value.clone().unwrap_or(Value::Null);
            for at in matched {
                let Some(item) = items.get_mut(at) else {
                    continue;
                };
                match (sub, item, &value) {
                    (Some(sub), Value::Object(item), value) => {
                        let k = find_key(item, sub)
                            .map(|(k, _)| k.clone())
                            .unwrap_or_else(|| sub.to_owned());
                        item.insert(k, value.clone());
                    }
                    (None, Value::Object(item), Value::Object(more)) => {
                        for (k, v) in more {
                            let existing = find_key(item, k)
                                .map(|(k, _)| k.clone())
                                .unwrap_or_else(|| k.clone());
                            item.insert(existing, v.clone());
                        }
                    }
                    (None, item, value) => *item = value.clone(),
                    (Some(_), _, _) => {
                        return Err(ScimFailure::bad(
                            "invalidPath",
                            format!("{raw:?}: the values have no sub-attributes"),
                        ));
                    }
                }
            }
        }
    }
    Ok(())
}

/// Whether two values of a multi-valued attribute are the same one (by `value`).
fn same_value(a: &Value, b: &Value) -> bool {
    let key = |v: &Value| match v {
        Value::Object(o) => find_key(o, "value").map(|(_, v)| v.clone()),
        other => Some(other.clone()),
    };
    key(a).is_some() && key(a) == key(b)
}

/// Evaluates a value filter against one value of a multi-valued attribute.
fn element_matches(filter: &Filter, item: &Value) -> Result<bool, ScimFailure> {
    let field = |name: &str| match item {
        Value::Object(o) => find_key(o, name).map(|(_, v)| v.clone()),
        _ => None,
    };
    Ok(match filter {
        Filter::Present(path) => field(&path.name).is_some_and(|v| !v.is_null()),
        Filter::Compare { path, op, value } => {
            let have = field(&path.name).unwrap_or(Value::Null);
            let equal = match (&have, value) {
                (Value::String(h), Literal::String(w)) => {
                    return Ok(compare_text(&h.to_lowercase(), *op, &w.to_lowercase()));
                }
                (Value::Bool(h), Literal::Bool(w)) => h == w,
                (Value::Number(h), Literal::Number(w)) => h.as_f64() == Some(*w),
                (Value::Null, Literal::Null) => true,
                _ => false,
            };
            match op {
                CompareOp::Eq => equal,
                CompareOp::Ne => !equal,
                _ => false,
            }
        }
        Filter::And(a, b) => element_matches(a, item)? && element_matches(b, item)?,
        Filter::Or(a, b) => element_matches(a, item)? || element_matches(b, item)?,
        Filter::Not(inner) => !element_matches(inner, item)?,
        Filter::ValuePath { .. } => {
            return Err(ScimFailure::bad(
                "invalidFilter",
                "a value filter cannot be nested in another",
            ));
        }
    })
}

fn compare_text(have: &str, op: CompareOp, wanted: &str) -> bool {
    match op {
        CompareOp::Eq => have == wanted,
        CompareOp::Ne => have != wanted,
        CompareOp::Co => have.contains(wanted),
        CompareOp::Sw => have.starts_with(wanted),
        CompareOp::Ew => have.ends_with(wanted),
        CompareOp::Gt => have > wanted,
        CompareOp::Ge => have >= wanted,
        CompareOp::Lt => have < wanted,
        CompareOp::Le => have <= wanted,
    }
}
