//! Notification preferences and community subscriptions. The wire types live here
//! with the only endpoints that speak them.

use crate::extract::{ApiCaller, ApiJson, ApiPath};
use crate::{ApiError, AppState};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use hearth_api_types::ErrorBody;
use hearth_api_types::notification_settings::{
    KindPreferenceView, NotificationPreferencesView, SetPreferencesRequest, SubscribeRequest,
    SubscriptionView,
};
use hearth_app::domain::CommunityId;
use hearth_app::notification_settings::{self, Preferences, Subscription};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_preferences, set_preferences))
        .routes(routes!(subscribe, unsubscribe))
}

fn subscription_view(sub: &Subscription) -> SubscriptionView {
    SubscriptionView {
        community_id: sub.community_id.to_string(),
        community_name: sub.community_name.clone(),
        channel: sub.channel.as_str().to_owned(),
        created_at: hearth_app::rfc3339(sub.created_at),
    }
}

fn view(preferences: &Preferences) -> NotificationPreferencesView {
    NotificationPreferencesView {
        kinds: preferences
            .kinds
            .iter()
            .map(|setting| KindPreferenceView {
                kind: setting.kind.as_str().to_owned(),
                channel: setting.channel.as_str().to_owned(),
                default: !setting.chosen,
            })
            .collect(),
        subscriptions: preferences
            .subscriptions
            .iter()
            .map(subscription_view)
            .collect(),
    }
}

/// The signed-in person's notification preferences and community subscriptions.
#[utoipa::path(
    get, path = "/api/hearth/v1/notification-preferences", tag = "notifications",
    security(("token" = []), ("session" = [])),
    responses((status = 200, body = NotificationPreferencesView))
)]
pub async fn get_preferences(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> Result<Json<NotificationPreferencesView>, ApiError> {
    let preferences = notification_settings::get(&state.app, &caller.actor()).await?;
    Ok(Json(view(&preferences)))
}

/// Sets the channels of some kinds of notification; one bad pair changes nothing.
#[utoipa::path(
    put, path = "/api/hearth/v1/notification-preferences", tag = "notifications",
    security(("token" = []), ("session" = [])),
    request_body = SetPreferencesRequest,
    responses(
        (status = 200, body = NotificationPreferencesView),
        (status = 422, body = ErrorBody, description = "Unknown kind or channel"),
    )
)]
pub async fn set_preferences(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(body): ApiJson<SetPreferencesRequest>,
) -> Result<Json<NotificationPreferencesView>, ApiError> {
    let changes: Vec<(String, String)> = body.kinds.into_iter().collect();
    let preferences = notification_settings::set(&state.app, &caller.actor(), &changes).await?;
    Ok(Json(view(&preferences)))
}

/// "Notify me of every new post here", with the channel to hear of them by.
#[utoipa::path(
    put, path = "/api/hearth/v1/communities/{id}/subscription", tag = "notifications",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Community id")),
    request_body = SubscribeRequest,
    responses(
        (status = 200, body = SubscriptionView),
        (status = 403, body = ErrorBody, description = "May not read the community"),
        (status = 404, body = ErrorBody, description = "No such community"),
        (status = 422, body = ErrorBody, description = "Unknown channel"),
    )
)]
pub async fn subscribe(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<CommunityId>,
    ApiJson(body): ApiJson<SubscribeRequest>,
) -> Result<Json<SubscriptionView>, ApiError> {
    let sub =
        notification_settings::subscribe(&state.app, &caller.actor(), id, &body.channel).await?;
    Ok(Json(subscription_view(&sub)))
}

/// Stops hearing of a community's new posts.
#[utoipa::path(
    delete, path = "/api/hearth/v1/communities/{id}/subscription", tag = "notifications",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Community id")),
    responses(
        (status = 204, description = "Unsubscribed"),
        (status = 404, body = ErrorBody, description = "No subscription to it"),
    )
)]
pub async fn unsubscribe(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<CommunityId>,
) -> Result<StatusCode, ApiError> {
    if notification_settings::unsubscribe(&state.app, &caller.actor(), id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(hearth_app::AppError::NotFound("subscription").into())
    }
}
