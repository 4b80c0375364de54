//! Files: uploading one (multipart, streamed), its description, and its bytes.

use crate::extract::{ApiCaller, ApiJson, ApiPath};
use crate::{ApiError, AppState, views};
use axum::Json;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use hearth_api_types::ErrorBody;
use hearth_api_types::uploads::UploadView;
use hearth_app::domain::upload::{Purpose, Variant};
use hearth_app::domain::{CommunityId, UploadId};
use hearth_app::uploads::{self, Download, Incoming};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        // The upload streams to disk and stops at the configured size itself; the
        // 1 MB limit every other request has would refuse every photo.
        .routes(routes!(upload))
        .layer(DefaultBodyLimit::disable())
        .merge(
            OpenApiRouter::new()
                .routes(routes!(describe, change))
                .routes(routes!(file))
                .routes(routes!(set_photo, remove_photo))
                .routes(routes!(set_cover, remove_cover)),
        )
}

/// A picture to set: an upload made with purpose `avatar` (a photo) or `cover`.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PictureRequest {
    pub upload_id: String,
}

/// Where a picture is now.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PictureView {
    /// Absent once the picture is removed.
    pub url: Option<String>,
}

/// Sets the caller's profile photo: upload it first with purpose `avatar` (it is
/// cropped square). The photo it replaces is removed within a day.
#[utoipa::path(
    put, path = "/api/hearth/v1/me/photo", tag = "account",
    security(("token" = []), ("session" = [])),
    request_body = PictureRequest,
    responses(
        (status = 200, body = PictureView),
        (status = 422, body = ErrorBody, description = "Not an avatar upload of the caller's"),
    )
)]
pub async fn set_photo(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(body): ApiJson<PictureRequest>,
) -> Result<Json<PictureView>, ApiError> {
    let id = upload_ids(std::slice::from_ref(&body.upload_id))?;
    let set = uploads::set_photo(&state.app, &caller.actor(), id.first().copied()).await?;
    Ok(Json(PictureView {
        url: views::photo_url(set),
    }))
}

/// Takes the caller's profile photo down; their initials stand in.
#[utoipa::path(
    delete, path = "/api/hearth/v1/me/photo", tag = "account",
    security(("token" = []), ("session" = [])),
    responses((status = 204, description = "Removed"))
)]
pub async fn remove_photo(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> Result<StatusCode, ApiError> {
    uploads::set_photo(&state.app, &caller.actor(), None).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Sets a community's cover image (its owners and admins, network admins): upload it
/// first with purpose `cover`.
#[utoipa::path(
    put, path = "/api/hearth/v1/communities/{id}/cover", tag = "communities",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Community id")),
    request_body = PictureRequest,
    responses(
        (status = 200, body = PictureView),
        (status = 403, body = ErrorBody, description = "Not a manager of the community"),
        (status = 404, body = ErrorBody, description = "No such community the caller may see"),
        (status = 422, body = ErrorBody, description = "Not a cover upload of the caller's"),
    )
)]
pub async fn set_cover(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(community): ApiPath<CommunityId>,
    ApiJson(body): ApiJson<PictureRequest>,
) -> Result<Json<PictureView>, ApiError> {
    let id = upload_ids(std::slice::from_ref(&body.upload_id))?;
    let set =
        uploads::set_cover(&state.app, &caller.actor(), community, id.first().copied()).await?;
    Ok(Json(PictureView {
        url: set.map(|id| views::file_url(id, Variant::Large)),
    }))
}

/// Removes a community's cover image.
#[utoipa::path(
    delete, path = "/api/hearth/v1/communities/{id}/cover", tag = "communities",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Community id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 403, body = ErrorBody, description = "Not a manager of the community"),
        (status = 404, body = ErrorBody, description = "No such community the caller may see"),
    )
)]
pub async fn remove_cover(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(community): ApiPath<CommunityId>,
) -> Result<StatusCode, ApiError> {
    uploads::set_cover(&state.app, &caller.actor(), community, None).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The parts of an upload, in this order: `purpose` and `alt_text` (both optional)
/// before `file`, whose bytes are stored as they arrive. Parts after `file` are
/// ignored.
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct UploadForm {
    /// `attachment` (the default) for posts, replies and messages; `avatar` for a
    /// profile photo; `cover` for a community's cover image.
    purpose: Option<String>,
    /// What an image shows, for people who cannot see it.
    alt_text: Option<String>,
    /// The file. Images (JPEG, PNG, GIF, WebP) lose their metadata and get
    /// thumbnails; anything else is kept as it is and always downloaded, never shown.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

/// Uploads a file, to attach to a post, reply or message (by its id) within 24
/// hours, or to set as a profile photo or community cover.
#[utoipa::path(
    post, path = "/api/hearth/v1/uploads", tag = "files",
    security(("token" = []), ("session" = [])),
    request_body(content_type = "multipart/form-data", content = UploadForm),
    responses(
        (status = 201, body = UploadView),
        (status = 413, body = ErrorBody, description = "Larger than the size limit, or over the caller's quota"),
        (status = 422, body = ErrorBody, description = "No file, an empty one, an image too large or unreadable, or not an image for a picture"),
    )
)]
pub async fn upload(
    State(state): State<AppState>,
    caller: ApiCaller,
    mut form: Multipart,
) -> Result<(StatusCode, Json<UploadView>), ApiError> {
    let mut purpose = Purpose::Attachment;
    let mut alt_text = None;
    while let Some(field) = form.next_field().await.map_err(bad_form)? {
        match field.name().unwrap_or_default() {
            "purpose" => {
                let raw = field.text().await.map_err(bad_form)?;
                purpose = Purpose::parse(raw.trim()).ok_or_else(|| {
                    ApiError::invalid_field(
                        "purpose",
                        format!("use one of {}", Purpose::choices().trim()),
                    )
                })?;
            }
            "alt_text" => alt_text = Some(field.text().await.map_err(bad_form)?),
            "file" => {
                let incoming = Incoming {
                    name: field.file_name().unwrap_or_default().to_owned(),
                    purpose,
                    alt_text,
                };
                let stored = uploads::receive(&state.app, &caller.actor(), incoming, field).await?;
                return Ok((StatusCode::CREATED, Json(views::upload(&stored))));
            }
            other => {
                return Err(ApiError::invalid_field(
                    "file",
                    format!("unknown part {other:?}: send purpose, alt_text, then file"),
                ));
            }
        }
    }
    Err(ApiError::invalid_field(
        "file",
        "send the file in a part named \"file\"",
    ))
}

fn bad_form(err: axum::extract::multipart::MultipartError) -> ApiError {
    ApiError::invalid_field(
        "file",
        format!("the form cannot be read: {}", err.body_text()),
    )
}

/// An upload the caller may see: their own, or one attached to something they may read.
#[utoipa::path(
    get, path = "/api/hearth/v1/uploads/{id}", tag = "files",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Upload id")),
    responses(
        (status = 200, body = UploadView),
        (status = 404, body = ErrorBody, description = "No such upload the caller may see"),
    )
)]
pub async fn describe(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<UploadId>,
) -> Result<Json<UploadView>, ApiError> {
    let found = uploads::get(&state.app, &caller.actor(), id).await?;
    Ok(Json(views::upload(&found)))
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct UploadChange {
    /// What the image shows; empty or `null` removes it.
    pub alt_text: Option<String>,
}

/// The uploader describes an image for people who cannot see it.
#[utoipa::path(
    patch, path = "/api/hearth/v1/uploads/{id}", tag = "files",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Upload id")),
    request_body = UploadChange,
    responses(
        (status = 200, body = UploadView),
        (status = 404, body = ErrorBody, description = "No such upload of the caller's"),
        (status = 422, body = ErrorBody, description = "Alternative text too long"),
    )
)]
pub async fn change(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<UploadId>,
    ApiJson(body): ApiJson<UploadChange>,
) -> Result<Json<UploadView>, ApiError> {
    let changed =
        uploads::describe(&state.app, &caller.actor(), id, body.alt_text.as_deref()).await?;
    Ok(Json(views::upload(&changed)))
}

/// The bytes of a file, for whoever may read what it is attached to. Images are
/// shown inline; every other file is sent as a download, never rendered.
#[utoipa::path(
    get, path = "/files/{id}/{variant}", tag = "files",
    security(("token" = []), ("session" = [])),
    params(
        ("id" = String, Path, description = "Upload id"),
        ("variant" = String, Path, description = "`original`, `large`, `small`, `avatar` or `avatar_small`; a form the file lacks falls back to `original`"),
    ),
    responses(
        (status = 200, description = "The file: an image in its own type, anything else as application/octet-stream", content_type = "application/octet-stream"),
        (status = 404, body = ErrorBody, description = "No such file the caller may read"),
        (status = 422, body = ErrorBody, description = "An unknown variant"),
    )
)]
pub async fn file(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath((id, variant)): ApiPath<(UploadId, String)>,
) -> Result<Response, ApiError> {
    let variant = Variant::parse(&variant).ok_or_else(|| {
        ApiError::invalid_field(
            "variant",
            format!("use one of {}", Variant::choices().trim()),
        )
    })?;
    let download = uploads::download(&state.app, &caller.actor(), id, variant).await?;
    Ok(send(download))
}

/// The types `GET /files/{id}/{variant}` answers in: an image in its own type,
/// everything else as `application/octet-stream`. utoipa's attribute names one type
/// per response, so the document is completed here.
pub(crate) fn declare_file_types(document: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::RefOr;
    let Some(operation) = document
        .paths
        .paths
        .get_mut("/files/{id}/{variant}")
        .and_then(|item| item.get.as_mut())
    else {
        return;
    };
    let Some(RefOr::T(answer)) = operation.responses.responses.get_mut("200") else {
        return;
    };
    let Some(binary) = answer.content.get("application/octet-stream").cloned() else {
        return;
    };
    for image in ["image/jpeg", "image/png", "image/gif", "image/webp"] {
        answer.content.insert(image.to_owned(), binary.clone());
    }
}

/// A file as a response: its own type for images, a download for everything else,
/// and a policy that lets nothing in it run.
pub(crate) fn send(download: Download) -> Response {
    let inline = download.inline();
    let content_type = if inline {
        download.content_type.clone()
    } else {
        "application/octet-stream".to_owned()
    };
    let disposition = format!(
        "{}; filename=\"{}\"; filename*=UTF-8''{}",
        if inline { "inline" } else { "attachment" },
        ascii_fallback(&download.upload.name),
        percent_encode(&download.upload.name),
    );
    let size = download.blob.size;
    let mut response = Body::from_stream(download.blob.stream).into_response();
    let headers = response.headers_mut();
    let pairs = [
        (header::CONTENT_TYPE, content_type),
        (header::CONTENT_LENGTH, size.to_string()),
        (header::CONTENT_DISPOSITION, disposition),
        // What is stored under an upload's id never changes, but who may read it
        // does (people leave, posts are deleted): browsers keep it, shared caches
        // never, and only for an hour.
        (header::CACHE_CONTROL, "private, max-age=3600".to_owned()),
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; sandbox".to_owned(),
        ),
    ];
    for (name, value) in pairs {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.insert(name, value);
        }
    }
    response
}

/// The name for browsers that read only `filename`: printable ASCII, no quotes.
fn ascii_fallback(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// RFC 5987 encoding of the name for `filename*`.
fn percent_encode(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for byte in name.bytes() {
        if byte.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Ids of uploads to attach, as the API sends them.
pub(crate) fn upload_ids(raw: &[String]) -> Result<Vec<UploadId>, ApiError> {
    raw.iter()
        .map(|id| id.parse::<UploadId>().map_err(ApiError::from))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe_in_headers() {
        assert_eq!(ascii_fallback("Plan \"Q3\".pdf"), "Plan _Q3_.pdf");
        assert_eq!(ascii_fallback("Café.pdf"), "Caf_.pdf");
        assert_eq!(percent_encode("Café a.pdf"), "Caf%C3%A9%20a.pdf");
    }
}
