//! The error statuses every operation can answer because of its extractors, added to
//! the OpenAPI document where an operation's own `responses(...)` leave them out.
//!
//! A client generated from the document (or a checker such as schemathesis) must meet
//! no status the document does not list. The extractors answer the same way on every
//! route, so their statuses are declared here once, from the operation's shape, rather
//! than repeated on each handler: a handler lists what its use case answers (a 409, a
//! 422 for a value out of range) and keeps its own words for any status it shares.

use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::{ContentBuilder, OpenApi, Ref, ResponseBuilder};

/// Adds, to every operation, the statuses its extractors answer:
/// - signed-in callers (`ApiCaller`): 400 for an `Authorization` header that is not
///   text, 401 without a valid token or session, 403 for a cookie write without the
///   CSRF header, an unavailable account or a usage policy not yet accepted;
/// - path parameters (`ApiPath`): 400 for an id that is not one, 404 for one that
///   names nothing the caller may see;
/// - query parameters (`Query`): 400 for a value of the wrong type;
/// - a JSON body (`ApiJson`): 400 for malformed JSON, 413 past the size limit, 415
///   without the JSON content type, 422 for JSON of the wrong shape.
pub fn declare_extractor_answers(document: &mut OpenApi) {
    for item in document.paths.paths.values_mut() {
        let operations = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
            &mut item.head,
            &mut item.options,
            &mut item.trace,
        ];
        for operation in operations.into_iter().flatten() {
            declare(operation);
        }
    }
}

fn declare(operation: &mut Operation) {
    let has = |place: ParameterIn| {
        operation
            .parameters
            .iter()
            .flatten()
            .any(|parameter| parameter.parameter_in == place)
    };
    let mut answers: Vec<(u16, &str)> = Vec::new();
    if operation.security.as_ref().is_some_and(|s| !s.is_empty()) {
        answers.extend([
            (400, "An `Authorization` header that is not text"),
            (401, "No valid token or session"),
            (
                403,
                "A cookie write without the CSRF header, an account that is not active, \
                 or a usage policy not yet accepted",
            ),
        ]);
    }
    if has(ParameterIn::Path) {
        answers.extend([
            (400, "An id in the path that is not one"),
            (404, "Nothing by that id that you may see"),
        ]);
    }
    if has(ParameterIn::Query) {
        answers.push((400, "A query parameter of the wrong type"));
    }
    if operation.request_body.is_some() {
        answers.extend([
            (400, "A body that is not JSON"),
            (413, "A body larger than 1 MiB"),
            (415, "A body without `Content-Type: application/json`"),
            (422, "JSON of the wrong shape"),
        ]);
    }
    for (status, description) in answers {
        operation
            .responses
            .responses
            .entry(status.to_string())
            .or_insert_with(|| error_response(description).into());
    }
}

fn error_response(description: &str) -> utoipa::openapi::Response {
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/json",
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("ErrorBody")))
                .build(),
        )
        .build()
}

#[cfg(test)]
mod tests {
    use utoipa::openapi::path::ParameterIn;

    /// `openapi-spec-validator` refuses a document whose path parameter is not in its
    /// path (a query struct without `parameter_in = Query` becomes one).
    #[test]
    fn every_path_parameter_is_in_its_path_and_every_extractor_status_is_declared() {
        let document = crate::openapi_document();
        let mut checked = 0;
        for (path, item) in &document.paths.paths {
            let operations = [&item.get, &item.put, &item.post, &item.delete, &item.patch];
            for operation in operations.into_iter().flatten() {
                let statuses = &operation.responses.responses;
                for parameter in operation.parameters.iter().flatten() {
                    if parameter.parameter_in == ParameterIn::Path {
                        let placeholder = format!("{{{}}}", parameter.name);
                        assert!(path.contains(&placeholder), "{path}: {}", parameter.name);
                        for status in ["400", "404"] {
                            assert!(statuses.contains_key(status), "{path}: {status}");
                        }
                    }
                }
                if operation.security.as_ref().is_some_and(|s| !s.is_empty()) {
                    for status in ["400", "401", "403"] {
                        assert!(statuses.contains_key(status), "{path}: {status}");
                    }
                }
                if operation.request_body.is_some() {
                    for status in ["400", "413", "415", "422"] {
                        assert!(statuses.contains_key(status), "{path}: {status}");
                    }
                }
                checked += 1;
            }
        }
        assert!(checked > 50, "{checked}");
    }
}
