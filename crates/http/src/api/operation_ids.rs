//! Unique operation ids. utoipa names an operation after its handler, and handlers in
//! different modules share names (`list`, `create`, `get`); OpenAPI requires every
//! `operationId` to be unique, and client generators name their methods after them.

use std::collections::HashMap;
use utoipa::openapi::OpenApi;
use utoipa::openapi::path::Operation;

/// Prefixes each operation id that several operations share with the operation's tag
/// (`list` becomes `audit_list`, `chat_list` …); unique ids stay as they are.
pub fn make_unique(document: &mut OpenApi) {
    let mut uses: HashMap<String, usize> = HashMap::new();
    for operation in operations(document) {
        if let Some(id) = &operation.operation_id {
            *uses.entry(id.clone()).or_default() += 1;
        }
    }
    for operation in operations(document) {
        let Some(id) = &operation.operation_id else {
            continue;
        };
        if uses.get(id).copied().unwrap_or(0) < 2 {
            continue;
        }
        let tag = operation
            .tags
            .iter()
            .flatten()
            .next()
            .map(|tag| tag.replace(' ', "_"))
            .unwrap_or_default();
        operation.operation_id = Some(format!("{tag}_{id}"));
    }
}

fn operations(document: &mut OpenApi) -> impl Iterator<Item = &mut Operation> {
    document.paths.paths.values_mut().flat_map(|item| {
        [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
            &mut item.head,
            &mut item.options,
            &mut item.trace,
        ]
        .into_iter()
        .flatten()
    })
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    #[test]
    fn every_operation_id_is_unique() {
        let document = crate::openapi_document();
        let mut seen = HashSet::new();
        for item in document.paths.paths.values() {
            for operation in [&item.get, &item.put, &item.post, &item.delete, &item.patch]
                .into_iter()
                .flatten()
            {
                let id = operation.operation_id.clone().unwrap_or_default();
                assert!(seen.insert(id.clone()), "{id} is used twice");
            }
        }
        assert!(seen.contains("audit_list") && seen.contains("chat_list"));
    }
}
