//! The native JSON API, `/api/hearth/v1`. Routes and their OpenAPI description are
//! registered together (utoipa-axum), so the served document cannot drift from them.

mod admin;
mod analytics;
mod articles;
mod audit;
mod chat;
mod communities;
mod data;
mod embedding;
mod guests;
mod invitations;
mod languages;
mod me;
mod moderation;
mod networks;
mod notification_settings;
mod notifications;
mod operation_ids;
mod outbox;
mod people;
mod polls;
mod posts;
mod praise;
mod presence;
mod search;
mod session;
mod sso;
mod statuses;
mod suggestions;
mod tokens;
mod uploads;
mod usage_policy;
mod users;

use crate::AppState;
use axum::Json;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub const PREFIX: &str = "/api/hearth/v1";

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Hearth API",
        description = "The native API of Hearth, a self-hosted internal social network. \
                       Authenticate with a personal API token (`Authorization: Bearer hth_…`) \
                       or a session cookie plus the `X-CSRF-Token` header. Errors have the \
                       body `{\"error\":{\"code\":\"…\",\"message\":\"…\"}}`. Ids are strings."
    ),
    modifiers(&Security),
    tags(
        (name = "account", description = "The signed-in person"),
        (name = "sessions", description = "Sign-in and browser sessions"),
        (name = "tokens", description = "Personal API tokens"),
        (name = "users", description = "Accounts in the network"),
        (name = "people", description = "Profiles, the directory and following"),
        (name = "communities", description = "Communities and their members"),
        (name = "posts", description = "Posts, replies, shares and reactions"),
        (name = "praise", description = "Thanking colleagues publicly: what a person received, and the network's setting for telling managers"),
        (name = "articles", description = "Articles: drafts, publishing now or at a time, the reading view, reads, subscriptions to new articles"),
        (name = "polls", description = "Voting in the polls posts carry, and the network's setting for them"),
        (name = "feeds", description = "Home, community, profile and topic feeds"),
        (name = "search", description = "Search across what the caller may read"),
        (name = "chat", description = "Direct and group conversations and their messages"),
        (name = "files", description = "Uploading files to attach, and reading them back"),
        (name = "notifications", description = "The notification centre"),
        (name = "admin", description = "People's accounts: invitations, deactivation, suspension, roles"),
        (name = "moderation", description = "Reports, the moderation queue and the keyword watch list"),
        (name = "audit", description = "The audit log"),
        (name = "analytics", description = "Counts of a period for the network's admins and communities' managers; never one person's activity"),
        (name = "data", description = "Retention and compliance exports"),
        (name = "usage policy", description = "The usage policy every member accepts"),
        (name = "embedding", description = "Hearth inside the intranet: which sites may frame its embeddable pages, and comments on intranet pages"),
        (name = "networks", description = "The networks a person is in, switching between them, and external networks for work with suppliers"),
    )
)]
struct ApiDoc;

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("A personal API token, `hth_…`"))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(
                crate::extract::SESSION_COOKIE,
            ))),
        );
    }
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(presence::presence))
        .routes(routes!(search::search))
        .routes(routes!(me::get_me))
        .routes(routes!(me::change_password))
        .routes(routes!(languages::list))
        .routes(routes!(languages::set_own))
        .routes(routes!(languages::set_default))
        .routes(routes!(sso::settings, sso::change_settings))
        .routes(routes!(session::sign_in, session::sign_out))
        .routes(routes!(
            session::list_sessions,
            session::sign_out_everywhere
        ))
        .routes(routes!(session::revoke_session))
        .routes(routes!(tokens::list_tokens, tokens::create_token))
        .routes(routes!(tokens::revoke_token))
        .routes(routes!(users::create_user))
        .routes(routes!(users::get_user))
        .routes(routes!(people::directory))
        .routes(routes!(suggestions::people))
        .routes(routes!(suggestions::topics))
        .routes(routes!(people::get_person, people::update_person))
        .routes(routes!(people::follow, people::unfollow))
        .routes(routes!(people::followers))
        .routes(routes!(people::following))
        .routes(routes!(communities::list, communities::create))
        .routes(routes!(communities::get, communities::update))
        .routes(routes!(communities::join, communities::leave))
        .routes(routes!(communities::members))
        .routes(routes!(communities::invite))
        .routes(routes!(communities::approve))
        .routes(routes!(communities::remove))
        .routes(routes!(communities::set_role))
        .routes(routes!(communities::feed))
        .routes(routes!(posts::create))
        .routes(routes!(posts::get, posts::edit, posts::delete))
        .routes(routes!(posts::reply))
        .routes(routes!(posts::thread))
        .routes(routes!(posts::add_reaction, posts::remove_reaction))
        .routes(routes!(posts::reactors))
        .routes(routes!(posts::best_answer))
        .routes(routes!(posts::versions))
        .routes(routes!(posts::referenced_by))
        .routes(routes!(polls::vote, polls::withdraw))
        .routes(routes!(polls::close))
        .routes(routes!(polls::voters))
        .routes(routes!(polls::settings, polls::change_settings))
        .routes(routes!(articles::list, articles::create))
        .routes(routes!(articles::drafts))
        .routes(routes!(articles::preview))
        .routes(routes!(articles::get, articles::update, articles::delete))
        .routes(routes!(articles::publish))
        .routes(routes!(articles::unschedule))
        .routes(routes!(articles::read))
        .routes(routes!(articles::subscriptions))
        .routes(routes!(articles::subscribe, articles::unsubscribe))
        .routes(routes!(articles::settings, articles::change_settings))
        .routes(routes!(praise::received))
        .routes(routes!(praise::settings, praise::change_settings))
        .routes(routes!(posts::home))
        .routes(routes!(posts::announcements))
        .routes(routes!(
            posts::subscription,
            posts::subscribe,
            posts::unsubscribe
        ))
        .routes(routes!(networks::list, networks::create))
        .routes(routes!(networks::settings, networks::change_settings))
        .routes(routes!(networks::add_member))
        .routes(routes!(networks::switch))
        .routes(routes!(guests::list_guests, guests::invite_guest))
        .routes(routes!(guests::guest_invitations))
        .routes(routes!(guests::revoke_guest_invitation))
        .routes(routes!(guests::extend_guest))
        .routes(routes!(guests::end_guest))
        .routes(routes!(guests::set_guest_sponsor))
        .routes(routes!(embedding::settings, embedding::change_settings))
        .routes(routes!(embedding::page, embedding::comment))
        .routes(routes!(posts::profile))
        .routes(routes!(posts::topic))
        .routes(routes!(chat::list, chat::create))
        .routes(routes!(chat::get, chat::rename))
        .routes(routes!(chat::add_members))
        .routes(routes!(chat::remove_member))
        .routes(routes!(chat::history, chat::send))
        .routes(routes!(chat::edit, chat::delete))
        .routes(routes!(chat::mark_read))
        .routes(routes!(chat::mute, chat::unmute))
        .routes(routes!(chat::typing))
        .merge(uploads::routes())
        .merge(admin::routes())
        .merge(analytics::routes())
        .merge(moderation::routes())
        .merge(audit::routes())
        .merge(data::routes())
        .merge(usage_policy::routes())
        .merge(invitations::routes())
        .merge(notifications::routes())
        .merge(outbox::routes())
        .merge(notification_settings::routes())
        .route(
            &format!("{PREFIX}/openapi.json"),
            axum::routing::get(serve_openapi),
        )
}

pub(crate) use analytics::csv_response as analytics_csv;

/// The days a dashboard shows when none are asked for, on pages as in the API.
pub(crate) const fn analytics_default_days() -> i64 {
    analytics::DEFAULT_DAYS
}

/// The OpenAPI document, as served at `/api/hearth/v1/openapi.json`.
pub fn openapi_document() -> utoipa::openapi::OpenApi {
    let mut document = router().split_for_parts().1;
    statuses::declare_extractor_answers(&mut document);
    uploads::declare_file_types(&mut document);
    operation_ids::make_unique(&mut document);
    document
}

async fn serve_openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(openapi_document())
}

/// An id or cursor the API names by its role rather than its kind (`before`, a
/// `manager`): a refusal names the role, as it always has, e.g.
/// `before id must be a number, not "x"`.
pub(crate) fn role_id<T: std::str::FromStr>(
    raw: &str,
    role: &'static str,
) -> Result<T, crate::ApiError> {
    raw.parse::<T>().map_err(|_| {
        hearth_app::domain::InvalidId {
            kind: role,
            raw: raw.to_owned(),
        }
        .into()
    })
}

/// The role a request asks for a new account: a member when it names none.
pub(crate) fn requested_role(
    raw: Option<&str>,
) -> Result<hearth_app::domain::Role, crate::ApiError> {
    use hearth_app::domain::Role;
    match raw {
        None => Ok(Role::Member),
        Some(raw) => Role::parse(raw).ok_or_else(|| {
            crate::ApiError::invalid_field(
                "role",
                format!("role must be \"member\", \"admin\" or \"compliance\", not {raw:?}"),
            )
        }),
    }
}
