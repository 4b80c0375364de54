//! Pictures from a page: a person's photo (a part of their settings page) and a
//! community's cover (its own page, for the community's managers).
//!
//! Each works without the script: a `multipart/form-data` form with the CSRF token
//! first and then the file, streamed through `uploads::receive` for its purpose and
//! then set. A refused file (not an image, too big) is an error page that says why in
//! words; nothing was changed. Taking a picture down is an ordinary form.

use super::layout::{self, Section};
use super::reader::{Nothing, PageError};
use super::reader::{PagePath, PageResult, Posted, Reader, bad_form};
use super::{csrf_failed, error_page, parts};
use crate::AppState;
use crate::language::tr;
use crate::views::file_url;
use axum::Router;
use axum::extract::State;
use axum::extract::{DefaultBodyLimit, FromRequest, FromRequestParts, Multipart, Query, Request};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use hearth_app::communities::{self, CommunityView};
use hearth_app::domain::upload::{Purpose, Variant};
use hearth_app::domain::{CommunityId, Profile, UploadId};
use hearth_app::i18n::t;
use hearth_app::links;
use hearth_app::uploads::{self, Incoming};
use maud::{Markup, html};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/settings/photo",
            post(upload_photo).layer(DefaultBodyLimit::disable()),
        )
        .route("/settings/photo/remove", post(remove_photo))
        .route(
            "/communities/{id}/cover",
            get(cover_page)
                .post(upload_cover)
                .layer(DefaultBodyLimit::disable()),
        )
        .route("/communities/{id}/cover/remove", post(remove_cover))
}

/// The photo part of the settings page: the photo as colleagues see it (or the
/// initials they see without one), a file picker, and taking it down.
pub fn photo_section(reader: &Reader, profile: &Profile) -> Markup {
    let tr = tr();
    html! {
        section class="card settings-part" id="photo" aria-labelledby="photo-title" {
            h2 id="photo-title" { (t!(tr, "pictures-photo-title")) }
            div class="picture-now" {
                (parts::avatar(&profile.display_name, profile.user_id.0, profile.photo, "large"))
                p class="hint" {
                    @if profile.photo.is_some() {
                        (t!(tr, "pictures-photo-current"))
                    } @else {
                        (t!(tr, "pictures-photo-none"))
                    }
                }
            }
            div class="picture-forms" {
                (picker_form(reader, "/settings/photo", "photo", &t!(tr, "pictures-photo-choose"),
                    &t!(tr, "pictures-photo-hint"), &t!(tr, "pictures-photo-upload")))
                @if profile.photo.is_some() {
                    form method="post" action="/settings/photo/remove" {
                        input type="hidden" name="csrf" value=(reader.csrf);
                        button type="submit" class="secondary" { (t!(tr, "pictures-photo-remove")) }
                    }
                }
            }
        }
    }
}

/// A form that sends one picture: the token first, then the file.
fn picker_form(
    reader: &Reader,
    action: &str,
    id: &str,
    label: &str,
    hint: &str,
    submit: &str,
) -> Markup {
    html! {
        form method="post" action=(action) enctype="multipart/form-data" {
            input type="hidden" name="csrf" value=(reader.csrf);
            label for={(id) "-file"} { (label) }
            p class="hint" id={(id) "-hint"} { (hint) }
            input type="file" id={(id) "-file"} name="file" accept="image/*" required
                aria-describedby={(id) "-hint"};
            button type="submit" { (submit) }
        }
    }
}

/// A picture form, its CSRF token checked before any file is read; the rest of the
/// form is left to read, so a handler can check who may set the picture first.
pub struct PictureForm {
    reader: Reader,
    rest: Multipart,
}

impl FromRequest<AppState> for PictureForm {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Response> {
        let (mut parts, body) = request.into_parts();
        let reader = Reader::from_request_parts(&mut parts, state).await?;
        let multipart = parts
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("multipart/form-data"));
        if !multipart {
            return Err(bad_form());
        }
        let mut rest = Multipart::from_request(Request::from_parts(parts, body), state)
            .await
            .map_err(|_| bad_form())?;
        let token = match rest.next_field().await.map_err(|_| bad_form())? {
            Some(field) if field.name() == Some("csrf") => {
                field.text().await.map_err(|_| bad_form())?
            }
            _ => return Err(csrf_failed()),
        };
        if !crate::csrf::tokens_match(&reader.csrf, &token) {
            return Err(csrf_failed());
        }
        Ok(Self { reader, rest })
    }
}

impl PictureForm {
    /// Stores the form's file as an upload for `purpose`; a form without one is
    /// refused in words.
    async fn receive(
        mut self,
        state: &AppState,
        purpose: Purpose,
    ) -> Result<(Reader, UploadId), Response> {
        let actor = self.reader.actor();
        while let Some(field) = self.rest.next_field().await.map_err(|_| bad_form())? {
            let file_name = field.file_name().map(str::to_owned);
            match file_name {
                // A file input with nothing chosen still sends a part without a name.
                Some(name) if field.name() == Some("file") && !name.is_empty() => {
                    let incoming = Incoming {
                        name,
                        purpose,
                        alt_text: None,
                    };
                    let stored = uploads::receive(&state.app, &actor, incoming, field)
                        .await
                        .map_err(|err| PageError::App(err).into_response())?;
                    return Ok((self.reader, stored.id));
                }
                _ => {}
            }
        }
        let tr = tr();
        Err(error_page(
            StatusCode::UNPROCESSABLE_ENTITY,
            &t!(tr, "page-error-refused-title"),
            &t!(tr, "pictures-no-file"),
        ))
    }
}

async fn upload_photo(
    State(state): State<AppState>,
    form: PictureForm,
) -> Result<Response, Response> {
    let (reader, upload) = form.receive(&state, Purpose::Avatar).await?;
    uploads::set_photo(&state.app, &reader.actor(), Some(upload))
        .await
        .map_err(|err| PageError::App(err).into_response())?;
    Ok(Redirect::to("/settings?saved=photo#photo").into_response())
}

async fn remove_photo(State(state): State<AppState>, posted: Posted<Nothing>) -> PageResult {
    uploads::set_photo(&state.app, &posted.reader.actor(), None).await?;
    Ok(Redirect::to("/settings?saved=photo-removed#photo").into_response())
}

/// The community, if the reader may change its cover; the use case checks again.
async fn managed(
    state: &AppState,
    reader: &Reader,
    id: CommunityId,
) -> Result<CommunityView, PageError> {
    Ok(communities::get_to_manage(&state.app, &reader.actor(), id).await?)
}

#[derive(Deserialize, Default)]
pub struct SavedQuery {
    #[serde(default)]
    saved: Option<String>,
}

async fn cover_page(
    State(state): State<AppState>,
    reader: Reader,
    PagePath(id): PagePath<CommunityId>,
    Query(query): Query<SavedQuery>,
) -> PageResult {
    let view = managed(&state, &reader, id).await?;
    let c = &view.community;
    let tr = tr();
    let title = t!(tr, "pictures-cover-title", community = c.name.as_str());
    let saved = match query.saved.as_deref() {
        Some("cover") => Some(t!(tr, "pictures-cover-saved")),
        Some("cover-removed") => Some(t!(tr, "pictures-cover-removed")),
        _ => None,
    };
    Ok(layout::signed_in(
        &title,
        &reader,
        Section::Communities,
        html! {
            p class="context" { a href=(links::community(id)) { (t!(tr, "communities-back-to", community = c.name.as_str())) } }
            section class="card" aria-labelledby="cover-title" {
                h1 id="cover-title" { (title) }
                @if let Some(saved) = saved {
                    p class="notice" role="status" { (saved) }
                }
                div class="picture-now" {
                    @if let Some(cover) = c.cover {
                        img class="cover-preview" src=(file_url(cover, Variant::Large))
                            width="1280" height="320" alt=(t!(tr, "pictures-cover-current"));
                    } @else {
                        p class="hint" { (t!(tr, "pictures-cover-none")) }
                    }
                }
                div class="picture-forms" {
                    (picker_form(&reader, &format!("/communities/{id}/cover"), "cover",
                        &t!(tr, "pictures-cover-choose"), &t!(tr, "pictures-cover-hint"),
                        &t!(tr, "pictures-cover-upload")))
                    @if c.cover.is_some() {
                        form method="post" action={"/communities/" (id) "/cover/remove"} {
                            input type="hidden" name="csrf" value=(reader.csrf);
                            button type="submit" class="secondary" { (t!(tr, "pictures-cover-remove")) }
                        }
                    }
                }
            }
        },
    )
    .into_response())
}

async fn upload_cover(
    State(state): State<AppState>,
    PagePath(id): PagePath<CommunityId>,
    form: PictureForm,
) -> Result<Response, Response> {
    // Asked before the file is stored, so a refusal costs no upload.
    managed(&state, &form.reader, id)
        .await
        .map_err(IntoResponse::into_response)?;
    let (reader, upload) = form.receive(&state, Purpose::Cover).await?;
    uploads::set_cover(&state.app, &reader.actor(), id, Some(upload))
        .await
        .map_err(|err| PageError::App(err).into_response())?;
    Ok(Redirect::to(&format!("/communities/{id}/cover?saved=cover")).into_response())
}

async fn remove_cover(
    State(state): State<AppState>,
    PagePath(id): PagePath<CommunityId>,
    posted: Posted<Nothing>,
) -> PageResult {
    uploads::set_cover(&state.app, &posted.reader.actor(), id, None).await?;
    Ok(Redirect::to(&format!("/communities/{id}/cover?saved=cover-removed")).into_response())
}
