//! Which language Hearth speaks to the caller, and the network's default.

use crate::extract::{ActingCaller, ApiCaller, ApiJson};
use crate::{ApiError, AppState};
use axum::Json;
use axum::extract::State;
use hearth_api_types::ErrorBody;
use hearth_api_types::languages::{DefaultLanguage, LanguageView, LanguagesView, OwnLanguage};
use hearth_app::{accounts, i18n, languages};

/// The languages Hearth ships, the caller's own choice and the network's default.
#[utoipa::path(
    get, path = "/api/hearth/v1/languages", tag = "account",
    security(("token" = []), ("session" = [])),
    responses(
        (status = 200, body = LanguagesView),
        (status = 401, body = ErrorBody, description = "Not signed in"),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> Result<Json<LanguagesView>, ApiError> {
    let network = accounts::network_of(&state.app, &caller.user).await?;
    Ok(Json(LanguagesView {
        languages: i18n::languages()
            .map(|language| LanguageView {
                tag: language.tag().to_owned(),
                name: language.name().to_owned(),
            })
            .collect(),
        own: caller.user.language.clone(),
        network_default: network.default_language,
    }))
}

/// Saves the caller's own language for pages and e-mails; `null`
/// follows their browser's `Accept-Language` again.
#[utoipa::path(
    put, path = "/api/hearth/v1/me/language", tag = "account",
    security(("token" = []), ("session" = [])),
    request_body = OwnLanguage,
    responses(
        (status = 200, body = OwnLanguage),
        (status = 422, body = ErrorBody, description = "Not a language Hearth ships"),
    )
)]
pub async fn set_own(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(body): ApiJson<OwnLanguage>,
) -> Result<Json<OwnLanguage>, ApiError> {
    let saved = languages::set_own(&state.app, &caller.actor(), body.language.as_deref()).await?;
    Ok(Json(OwnLanguage {
        language: saved.map(str::to_owned),
    }))
}

/// Sets the network's default language. Admins only; audited as
/// `network.language_set`.
#[utoipa::path(
    put, path = "/api/hearth/v1/network/language", tag = "admin",
    security(("token" = []), ("session" = [])),
    request_body = DefaultLanguage,
    responses(
        (status = 200, body = DefaultLanguage),
        (status = 403, body = ErrorBody, description = "Not a network admin"),
        (status = 422, body = ErrorBody, description = "Not a language Hearth ships"),
    )
)]
pub async fn set_default(
    State(state): State<AppState>,
    caller: ActingCaller,
    ApiJson(body): ApiJson<DefaultLanguage>,
) -> Result<Json<DefaultLanguage>, ApiError> {
    let saved = languages::set_default(&state.app, caller.acting(), &body.language).await?;
    // This node answers visitors in the home network's default at once (the admin
    // may have changed another network's); other nodes within a minute.
    state.network_default.forget();
    Ok(Json(DefaultLanguage {
        language: saved.to_owned(),
    }))
}
