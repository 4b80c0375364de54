//! SCIM's JSON in general (RFC 7643 §2, RFC 7644 §3.4.2 and §3.9): attribute names
//! that ignore case and may carry their schema URN, the projection a client asks for
//! with `attributes` or `excludedAttributes`, and the ListResponse of a page.

use hearth_app::scim::{GROUP_SCHEMA, ListPage, USER_SCHEMA};
use serde_json::{Map, Value};

/// The schema of a list's answer.
pub const LIST_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

/// Which attributes a client wants returned: only `attributes` (plus `id` and
/// `schemas`) when it names some, else all but `excluded`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Projection {
    pub attributes: Vec<String>,
    pub excluded: Vec<String>,
}

/// A page of resources as a ListResponse, each written by `to_json` and projected as
/// asked.
pub(crate) fn list_response<T>(
    page: ListPage<T>,
    to_json: impl Fn(&T) -> Value,
    projection: &Projection,
) -> Value {
    let resources: Vec<Value> = page
        .resources
        .iter()
        .map(|resource| project(to_json(resource), projection))
        .collect();
    serde_json::json!({
        "schemas": [LIST_SCHEMA],
        "totalResults": page.total_results,
        "startIndex": page.start_index,
        "itemsPerPage": resources.len(),
        "Resources": resources,
    })
}

/// Applies `attributes` (only these, plus `id` and `schemas`) or else
/// `excludedAttributes` (all but these) to a resource (RFC 7644 §3.9). Names may be
/// `name.formatted` or carry their schema URN.
pub(crate) fn project(resource: Value, projection: &Projection) -> Value {
    let (attributes, excluded) = (&projection.attributes, &projection.excluded);
    let Value::Object(object) = resource else {
        return resource;
    };
    let always = |key: &str| key == "id" || key == "schemas";
    if !attributes.is_empty() {
        let mut kept = Map::new();
        for (key, value) in &object {
            if always(key) {
                kept.insert(key.clone(), value.clone());
            }
        }
        for wanted in attributes {
            let (container, name, sub) = locate(wanted);
            let source = match container {
                Some(uri) => object.get(uri).and_then(Value::as_object),
                None => Some(&object),
            };
            let Some((key, value)) = source.and_then(|source| find_key(source, name)) else {
                continue;
            };
            let value = match (sub, value) {
                (Some(sub), Value::Object(inner)) => match find_key(inner, sub) {
                    Some((sub_key, sub_value)) => {
                        let mut part = kept_object(&kept, container, key);
                        part.insert(sub_key.clone(), sub_value.clone());
                        Value::Object(part)
                    }
                    None => continue,
                },
                _ => value.clone(),
            };
            match container {
                Some(uri) => {
                    let entry = kept
                        .entry(uri.to_owned())
                        .or_insert_with(|| Value::Object(Map::new()));
                    if let Value::Object(ext) = entry {
                        ext.insert(key.clone(), value);
                    }
                }
                None => {
                    kept.insert(key.clone(), value);
                }
            }
        }
        return Value::Object(kept);
    }
    let mut object = object;
    for unwanted in excluded {
        let (container, name, sub) = locate(unwanted);
        let target = match container {
            Some(uri) => object.get_mut(uri).and_then(Value::as_object_mut),
            None => Some(&mut object),
        };
        let Some(target) = target else { continue };
        let Some(key) = find_key(target, name).map(|(key, _)| key.clone()) else {
            continue;
        };
        if container.is_none() && always(&key) {
            continue;
        }
        match sub {
            Some(sub) => {
                if let Some(Value::Object(inner)) = target.get_mut(&key)
                    && let Some(sub_key) = find_key(inner, sub).map(|(k, _)| k.clone())
                {
                    inner.remove(&sub_key);
                }
            }
            None => {
                target.remove(&key);
            }
        }
    }
    Value::Object(object)
}

fn kept_object(
    kept: &Map<String, Value>,
    container: Option<&str>,
    key: &str,
) -> Map<String, Value> {
    let source = match container {
        Some(uri) => kept.get(uri).and_then(Value::as_object),
        None => Some(kept),
    };
    source
        .and_then(|source| source.get(key))
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default()
}

/// Splits `urn:…:User:name.sub` into (schema URN, name, sub-attribute).
pub(crate) fn locate(path: &str) -> (Option<&str>, &str, Option<&str>) {
    let (container, rest) = if path.len() > 4 && path[..4].eq_ignore_ascii_case("urn:") {
        match path.rfind(':') {
            Some(colon) => {
                let uri = &path[..colon];
                // The core schema's attributes are at the top level.
                let core = [USER_SCHEMA, GROUP_SCHEMA]
                    .iter()
                    .any(|core| core.eq_ignore_ascii_case(uri));
                (if core { None } else { Some(uri) }, &path[colon + 1..])
            }
            None => (None, path),
        }
    } else {
        (None, path)
    };
    match rest.split_once('.') {
        Some((name, sub)) => (container, name, Some(sub)),
        None => (container, rest, None),
    }
}

/// The entry whose key equals `name` ignoring case, as SCIM's names are.
pub(crate) fn find_key<'a>(
    object: &'a Map<String, Value>,
    name: &str,
) -> Option<(&'a String, &'a Value)> {
    object
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case(name))
}
