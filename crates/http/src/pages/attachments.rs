//! Files on posts, replies and messages: how they are shown (images as thumbnails in
//! a gallery, other files as download cards), the file picker composers carry, and
//! the extractor that reads a composer's form with its files.
//!
//! A composer works without the script: it is a `multipart/form-data` form whose
//! files are streamed through `uploads::receive` before the post is written. With the
//! script, files are uploaded as soon as they are picked and the form only names them
//! (`attachments=<id>`), checked by the use case as the sender's own unattached files.

use super::reader::{PageError, Reader, bad_form};
use super::{csrf_failed, error_page};
use crate::AppState;
use crate::language::tr;
use crate::views::file_url;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Multipart, Request};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use hearth_app::domain::UploadId;
use hearth_app::domain::upload::{Purpose, Upload, Variant};
use hearth_app::i18n::t;
use hearth_app::uploads::{self, Incoming};
use maud::{Markup, html};
use serde::de::DeserializeOwned;

/// The largest form without files accepted on a route whose body limit is lifted for
/// files: the same as every other form.
const MAX_PLAIN_FORM_BYTES: usize = 1024 * 1024;

/// A post's, reply's or message's files: images first, as a gallery, then the rest
/// as cards. An image alone is shown larger.
pub fn shown(files: &[Upload]) -> Markup {
    let images: Vec<&Upload> = files.iter().filter(|f| f.is_image()).collect();
    let others: Vec<&Upload> = files.iter().filter(|f| !f.is_image()).collect();
    let variant = if images.len() == 1 {
        Variant::Large
    } else {
        Variant::Small
    };
    let tr = tr();
    html! {
        @if !images.is_empty() {
            ul class={"gallery" @if images.len() == 1 { " single" }} {
                @for image in &images {
                    @let (width, height) = shown_size(image, variant);
                    li {
                        a href=(file_url(image.id, Variant::Original)) {
                            img src=(file_url(image.id, image.best_variant(variant)))
                                alt=(image.alt_text.as_deref().unwrap_or(""))
                                width=(width) height=(height) loading="lazy";
                            @if image.alt_text.is_none() {
                                span class="visually-hidden" { (t!(tr, "attachments-image-named", name = image.name.as_str())) }
                            }
                        }
                    }
                }
            }
        }
        @for file in &others {
            div class="file-card" {
                span class="file-icon" aria-hidden="true" { "📄" }
                span class="file-about" {
                    a class="file-name" href=(file_url(file.id, Variant::Original)) download=(file.name) { (file.name) }
                    span class="meta" { (human_size(file.size)) " · " (file.content_type) }
                }
                a class="file-download" href=(file_url(file.id, Variant::Original)) download=(file.name)
                    aria-label=(t!(tr, "attachments-download-named", name = file.name.as_str())) {
                    (t!(tr, "attachments-download"))
                }
            }
        }
    }
}

/// The size a thumbnail is drawn at, so the page does not jump when it arrives: the
/// image scaled to fit the variant's box (the same box the thumbnails are made to).
fn shown_size(image: &Upload, variant: Variant) -> (i64, i64) {
    let (width, height) = image.dimensions.unwrap_or((1, 1));
    let bound: i64 = if variant == Variant::Large { 1280 } else { 320 };
    let longest = width.max(height).max(1);
    if longest <= bound {
        (width, height)
    } else {
        (
            (width * bound / longest).max(1),
            (height * bound / longest).max(1),
        )
    }
}

/// "2.4 MB": a file's size the way people read it.
pub fn human_size(bytes: i64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    #[expect(clippy::cast_precision_loss, reason = "a size shown to one decimal")]
    let mut value = bytes as f64 / 1024.0;
    let mut unit = UNITS[0];
    for next in &UNITS[1..] {
        if value < 1024.0 {
            break;
        }
        value /= 1024.0;
        unit = next;
    }
    if value < 10.0 {
        format!("{value:.1} {unit}")
    } else {
        format!("{value:.0} {unit}")
    }
}

/// The file picker of a composer, its alt text field, and where the script shows
/// what was uploaded and what went wrong. `id` keeps the labels of several
/// composers on one page apart.
pub fn picker(id: &str) -> Markup {
    let tr = tr();
    html! {
        div class="attach" data-attach {
            // The description comes before the files: the form sends fields in this
            // order, and the files are stored as they arrive, with it.
            span class="attach-alt" data-attach-alt {
                label for={(id) "-alt"} { (t!(tr, "attachments-alt-label")) }
                input type="text" id={(id) "-alt"} name="alt_text" maxlength="1000"
                    placeholder=(t!(tr, "attachments-alt-placeholder"));
            }
            span class="attach-pick" {
                label for={(id) "-files"} class="attach-label" { (t!(tr, "attachments-add-files")) }
                input type="file" id={(id) "-files"} name="file" multiple data-attach-input;
            }
            ul class="chips" data-chips {}
            p class="attach-status" role="status" aria-live="polite" data-attach-status {}
        }
    }
}

/// A composer's form: its fields, and the files it brought, already stored. Reads a
/// `multipart/form-data` form (the composers without the script) or an ordinary one
/// (the script, which uploads the files first). The CSRF token is checked before any
/// file is read, so it must come first in a multipart form; one that does not start
/// with it is refused.
pub struct WithFiles<T> {
    pub reader: Reader,
    pub form: T,
    /// The files to attach: uploaded with the form, or named by `attachments`.
    pub attachments: Vec<UploadId>,
}

impl<T: DeserializeOwned> FromRequest<AppState> for WithFiles<T> {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Response> {
        let (mut parts, body) = request.into_parts();
        let reader = Reader::from_request_parts(&mut parts, state).await?;
        let multipart = parts
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("multipart/form-data"));
        let request = Request::from_parts(parts, body);
        let (fields, uploaded) = if multipart {
            let form = Multipart::from_request(request, state)
                .await
                .map_err(IntoResponse::into_response)?;
            read_multipart(state, &reader, form)
                .await
                .map_err(IntoResponse::into_response)?
        } else {
            let bytes = axum::body::to_bytes(request.into_body(), MAX_PLAIN_FORM_BYTES)
                .await
                .map_err(|_| too_large_form())?;
            let fields = plain_fields(&reader, &bytes).map_err(IntoResponse::into_response)?;
            (fields, Vec::new())
        };
        let mut attachments = Vec::new();
        for (name, value) in &fields {
            if name == "attachments" && !value.is_empty() {
                attachments.push(
                    value
                        .parse()
                        .map_err(|_| PageError::BadForm("attachments").into_response())?,
                );
            }
        }
        attachments.extend(uploaded);
        let encoded = serde_urlencoded::to_string(&fields).map_err(|_| bad_form())?;
        let form = serde_urlencoded::from_str(&encoded).map_err(|_| bad_form())?;
        Ok(Self {
            reader,
            form,
            attachments,
        })
    }
}

type Fields = Vec<(String, String)>;

/// Why a composer's form was not taken.
enum Refused {
    /// Not a form any page of ours sends.
    Unreadable,
    /// No token, another session's, or a token after the files.
    Token,
    /// A file the use case refused: too big, over the quota, unreadable.
    File(hearth_app::AppError),
    /// More text than any form of ours holds.
    TooLarge,
}

impl IntoResponse for Refused {
    fn into_response(self) -> Response {
        match self {
            Self::Unreadable => bad_form(),
            Self::Token => csrf_failed(),
            Self::File(err) => PageError::App(err).into_response(),
            Self::TooLarge => too_large_form(),
        }
    }
}

/// An ordinary form's fields, its token checked.
fn plain_fields(reader: &Reader, bytes: &Bytes) -> Result<Fields, Refused> {
    let fields: Fields = serde_urlencoded::from_bytes(bytes).map_err(|_| Refused::Unreadable)?;
    let presented = fields
        .iter()
        .find(|(name, _)| name == "csrf")
        .map_or("", |(_, value)| value.as_str());
    if !crate::csrf::tokens_match(&reader.csrf, presented) {
        return Err(Refused::Token);
    }
    Ok(fields)
}

/// A multipart form's text fields, and its files stored as they arrive. Files come
/// after the token, so nothing is stored for a form another site made.
async fn read_multipart(
    state: &AppState,
    reader: &Reader,
    mut form: Multipart,
) -> Result<(Fields, Vec<UploadId>), Refused> {
    let unreadable = |_| Refused::Unreadable;
    let first = form.next_field().await.map_err(unreadable)?;
    let token = match first {
        Some(field) if field.name() == Some("csrf") => field.text().await.map_err(unreadable)?,
        _ => return Err(Refused::Token),
    };
    if !crate::csrf::tokens_match(&reader.csrf, &token) {
        return Err(Refused::Token);
    }
    let actor = reader.actor();
    let mut fields = vec![("csrf".to_owned(), token)];
    let mut uploaded = Vec::new();
    // The route lifts the body limit for its files; its text keeps the forms' limit.
    let mut text_left = MAX_PLAIN_FORM_BYTES;
    while let Some(mut field) = form.next_field().await.map_err(unreadable)? {
        let name = field.name().unwrap_or_default().to_owned();
        match field.file_name().map(str::to_owned) {
            // A file input with nothing chosen still sends a part without a name.
            Some(file_name) if name == "file" && !file_name.is_empty() => {
                // More than a post may carry are stored all the same and refused
                // by the use case, in its words; the quota bounds what that costs,
                // and the sweeper removes what was never attached.
                let alt_text = fields
                    .iter()
                    .find(|(n, _)| n == "alt_text")
                    .map(|(_, v)| v.clone());
                let incoming = Incoming {
                    name: file_name,
                    purpose: Purpose::Attachment,
                    alt_text,
                };
                let stored = uploads::receive(&state.app, &actor, incoming, field)
                    .await
                    .map_err(Refused::File)?;
                uploaded.push(stored.id);
            }
            Some(_) => {}
            None => {
                let mut text = Vec::new();
                while let Some(chunk) = field.chunk().await.map_err(unreadable)? {
                    text_left = text_left
                        .checked_sub(chunk.len())
                        .ok_or(Refused::TooLarge)?;
                    text.extend_from_slice(&chunk);
                }
                fields.push((
                    name,
                    String::from_utf8(text).map_err(|_| Refused::Unreadable)?,
                ));
            }
        }
    }
    Ok((fields, uploaded))
}

fn too_large_form() -> Response {
    let tr = tr();
    error_page(
        StatusCode::PAYLOAD_TOO_LARGE,
        &t!(tr, "page-error-refused-title"),
        &t!(tr, "attachments-form-too-large"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_the_way_people_say_them() {
        assert_eq!(human_size(512), "512 B");
        assert_eq!(human_size(2_516_582), "2.4 MB");
        assert_eq!(human_size(30 * 1024 * 1024), "30 MB");
    }
}
