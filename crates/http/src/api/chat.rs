//! Chat over the JSON API: conversations, their members and messages, read markers,
//! mutes and typing signals. Every handler parses, calls one `chat` use case, renders.

use super::role_id;
use crate::extract::{ApiCaller, ApiJson, ApiPath};
use crate::views::timestamp;
use crate::{ApiError, AppState};
use axum::Json;
use axum::extract::State;
use axum::extract::rejection::QueryRejection;
use axum::http::StatusCode;
use hearth_api_types::uploads::ContentRequest;
use hearth_api_types::{
    AddMembersRequest, AuthorView, BodyRequest, ConversationMemberView, ConversationPageView,
    ConversationSummaryView, ConversationView, ErrorBody, MarkReadRequest, MessagePageView,
    MessagePreviewView, MessageView, NewConversationRequest, RenameConversationRequest,
};
use hearth_app::chat::{self, NewGroup};
use hearth_app::domain::{ConversationId, MessageId, UserId};
use serde::Deserialize;
use utoipa::IntoParams;

/// An id inside a chat request body: not a number is invalid input on that field,
/// as for the body's other fields.
fn body_id<T: std::str::FromStr>(raw: &str, field: &str) -> Result<T, ApiError> {
    raw.trim().parse::<T>().map_err(|_| {
        ApiError::invalid_field(field, format!("ids are strings of digits, not {raw:?}"))
    })
}

fn body_ids(raw: &[String], field: &str) -> Result<Vec<UserId>, ApiError> {
    raw.iter().map(|id| body_id(id, field)).collect()
}

fn conversation(view: &chat::ConversationView) -> ConversationView {
    let c = &view.conversation;
    ConversationView {
        id: c.id.to_string(),
        kind: c.kind.as_str().to_owned(),
        title: view.title.clone(),
        created_by: c.created_by.to_string(),
        created_at: timestamp(c.created_at),
        members: view
            .members
            .iter()
            .map(|m| ConversationMemberView {
                id: m.user_id.to_string(),
                handle: m.handle.clone(),
                display_name: m.display_name.clone(),
                status: m.status.as_str().to_owned(),
            })
            .collect(),
        last_read_id: view.membership.last_read_id.to_string(),
        muted: view.membership.muted,
    }
}

fn summary(s: &chat::ConversationSummary) -> ConversationSummaryView {
    ConversationSummaryView {
        id: s.conversation.id.to_string(),
        kind: s.conversation.kind.as_str().to_owned(),
        title: s.title.clone(),
        last_message: s.last_message.as_ref().map(|m| MessagePreviewView {
            id: m.id.to_string(),
            author_id: m.author_id.to_string(),
            author_display_name: m.author_name.clone(),
            text: m.text.clone(),
            created_at: timestamp(m.created_at),
        }),
        unread: s.unread,
        last_read_id: s.last_read_id.to_string(),
        muted: s.muted,
    }
}

fn message(view: &chat::MessageView) -> MessageView {
    let m = &view.message;
    MessageView {
        id: m.id.to_string(),
        conversation_id: m.conversation_id.to_string(),
        author: AuthorView {
            id: m.author_id.to_string(),
            handle: view.author_handle.clone(),
            display_name: view.author_name.clone(),
            photo_url: crate::views::photo_url(view.author_photo),
            guest: Some(view.author_guest),
        },
        body_html: m.body_html.clone(),
        body_markdown: m.body_markdown.clone(),
        created_at: timestamp(m.created_at),
        edited_at: m.edited_at.map(timestamp),
        deleted: m.deleted_at.is_some(),
        attachments: view.attachments.iter().map(crate::views::upload).collect(),
    }
}

/// Paging through conversations or messages.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChatPageParams {
    /// From the previous page's `next_before`.
    pub before: Option<String>,
    /// 1 to 100; 50 when left out.
    pub limit: Option<u32>,
}

impl ChatPageParams {
    fn before<T: std::str::FromStr>(&self) -> Result<Option<T>, ApiError> {
        self.before
            .as_deref()
            .map(|raw| role_id(raw, "before"))
            .transpose()
    }
}

/// The caller's conversations, most recent activity first.
#[utoipa::path(
    get, path = "/api/hearth/v1/conversations", tag = "chat",
    security(("token" = []), ("session" = [])),
    params(ChatPageParams),
    responses(
        (status = 200, body = ConversationPageView),
        (status = 422, body = ErrorBody, description = "`limit` out of range"),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    caller: ApiCaller,
    params: Result<axum::extract::Query<ChatPageParams>, QueryRejection>,
) -> Result<Json<ConversationPageView>, ApiError> {
    let axum::extract::Query(params) = params?;
    let page = chat::list(&state.app, &caller.actor(), params.before()?, params.limit).await?;
    Ok(Json(ConversationPageView {
        conversations: page.conversations.iter().map(summary).collect(),
        next_before: page.next_before.map(|id| id.to_string()),
    }))
}

/// Starts a direct conversation (`with`) or a group (`title`, `member_ids`). A direct
/// conversation the two already have is answered with 200 instead of 201.
#[utoipa::path(
    post, path = "/api/hearth/v1/conversations", tag = "chat",
    security(("token" = []), ("session" = [])),
    request_body = NewConversationRequest,
    responses(
        (status = 201, body = ConversationView, description = "Started"),
        (status = 200, body = ConversationView, description = "The direct conversation the two already have"),
        (status = 403, body = ErrorBody, description = "Yourself, or an account that is not active"),
        (status = 404, body = ErrorBody, description = "`with` is no one in your network"),
        (status = 422, body = ErrorBody, description = "Invalid field"),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(body): ApiJson<NewConversationRequest>,
) -> Result<(StatusCode, Json<ConversationView>), ApiError> {
    if let Some(with) = &body.with {
        if body.title.is_some() || body.member_ids.is_some() {
            return Err(ApiError::invalid_field(
                "with",
                "send either `with` (a direct conversation) or `title` and `member_ids` \
                     (a group), not both",
            ));
        }
        let other: UserId = body_id(with, "with")?;
        let started = chat::start_direct(&state.app, &caller.actor(), other).await?;
        let status = if started.created {
            StatusCode::CREATED
        } else {
            StatusCode::OK
        };
        return Ok((status, Json(conversation(&started.view))));
    }
    let input = NewGroup {
        title: body.title.unwrap_or_default(),
        member_ids: body_ids(&body.member_ids.unwrap_or_default(), "member_ids")?,
    };
    let created = chat::create_group(&state.app, &caller.actor(), &input).await?;
    Ok((StatusCode::CREATED, Json(conversation(&created))))
}

/// One conversation with its members.
#[utoipa::path(
    get, path = "/api/hearth/v1/conversations/{id}", tag = "chat",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Conversation id")),
    responses(
        (status = 200, body = ConversationView),
        (status = 404, body = ErrorBody, description = "No such conversation you are in"),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<ConversationId>,
) -> Result<Json<ConversationView>, ApiError> {
    let view = chat::get(&state.app, &caller.actor(), id).await?;
    Ok(Json(conversation(&view)))
}

/// Renames a group (any member).
#[utoipa::path(
    patch, path = "/api/hearth/v1/conversations/{id}", tag = "chat",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Conversation id")),
    request_body = RenameConversationRequest,
    responses(
        (status = 200, body = ConversationView),
        (status = 403, body = ErrorBody, description = "A direct conversation has no title"),
        (status = 404, body = ErrorBody, description = "No such conversation you are in"),
        (status = 422, body = ErrorBody, description = "Invalid title"),
    )
)]
pub async fn rename(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<ConversationId>,
    ApiJson(body): ApiJson<RenameConversationRequest>,
) -> Result<Json<ConversationView>, ApiError> {
    let view = chat::rename(&state.app, &caller.actor(), id, &body.title).await?;
    Ok(Json(conversation(&view)))
}

/// Adds people to a group (any member).
#[utoipa::path(
    post, path = "/api/hearth/v1/conversations/{id}/members", tag = "chat",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Conversation id")),
    request_body = AddMembersRequest,
    responses(
        (status = 200, body = ConversationView),
        (status = 403, body = ErrorBody, description = "A direct conversation keeps its two people"),
        (status = 404, body = ErrorBody, description = "No such conversation you are in"),
        (status = 422, body = ErrorBody, description = "Unknown or inactive person, or more than 500"),
    )
)]
pub async fn add_members(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<ConversationId>,
    ApiJson(body): ApiJson<AddMembersRequest>,
) -> Result<Json<ConversationView>, ApiError> {
    let ids = body_ids(&body.member_ids, "member_ids")?;
    let view = chat::add_members(&state.app, &caller.actor(), id, &ids).await?;
    Ok(Json(conversation(&view)))
}

/// Leaves a group (your own id), or removes someone (the group's creator, network
/// admins).
#[utoipa::path(
    delete, path = "/api/hearth/v1/conversations/{id}/members/{user_id}", tag = "chat",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Conversation id"), ("user_id" = String, Path, description = "Member")),
    responses(
        (status = 204, description = "Out of the conversation"),
        (status = 403, body = ErrorBody, description = "Not allowed, or a direct conversation"),
        (status = 404, body = ErrorBody, description = "No such conversation you are in, or no such member"),
    )
)]
pub async fn remove_member(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath((id, member)): ApiPath<(ConversationId, UserId)>,
) -> Result<StatusCode, ApiError> {
    chat::remove_member(&state.app, &caller.actor(), id, member).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A page of the conversation's messages, newest first.
#[utoipa::path(
    get, path = "/api/hearth/v1/conversations/{id}/messages", tag = "chat",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Conversation id"), ChatPageParams),
    responses(
        (status = 200, body = MessagePageView),
        (status = 404, body = ErrorBody, description = "No such conversation you are in"),
        (status = 422, body = ErrorBody, description = "`limit` out of range"),
    )
)]
pub async fn history(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<ConversationId>,
    params: Result<axum::extract::Query<ChatPageParams>, QueryRejection>,
) -> Result<Json<MessagePageView>, ApiError> {
    let axum::extract::Query(params) = params?;
    let page = chat::history(
        &state.app,
        &caller.actor(),
        id,
        params.before()?,
        params.limit,
    )
    .await?;
    Ok(Json(MessagePageView {
        messages: page.messages.iter().map(message).collect(),
        next_before: page.next_before.map(|id| id.to_string()),
    }))
}

/// Writes a message.
#[utoipa::path(
    post, path = "/api/hearth/v1/conversations/{id}/messages", tag = "chat",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Conversation id")),
    request_body = ContentRequest,
    responses(
        (status = 201, body = MessageView),
        (status = 404, body = ErrorBody, description = "No such conversation you are in"),
        (status = 422, body = ErrorBody, description = "Invalid body"),
    )
)]
pub async fn send(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<ConversationId>,
    ApiJson(body): ApiJson<ContentRequest>,
) -> Result<(StatusCode, Json<MessageView>), ApiError> {
    let attachments = super::uploads::upload_ids(&body.attachments)?;
    let sent = chat::send_with(&state.app, &caller.actor(), id, &body.body, &attachments).await?;
    Ok((StatusCode::CREATED, Json(message(&sent))))
}

/// The author rewrites a message.
#[utoipa::path(
    patch, path = "/api/hearth/v1/messages/{id}", tag = "chat",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Message id")),
    request_body = BodyRequest,
    responses(
        (status = 200, body = MessageView),
        (status = 403, body = ErrorBody, description = "Not the author"),
        (status = 404, body = ErrorBody, description = "No such message you may read, or deleted"),
        (status = 422, body = ErrorBody, description = "Invalid body"),
    )
)]
pub async fn edit(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<MessageId>,
    ApiJson(body): ApiJson<BodyRequest>,
) -> Result<Json<MessageView>, ApiError> {
    let edited = chat::edit(&state.app, &caller.actor(), id, &body.body).await?;
    Ok(Json(message(&edited)))
}

/// Deletes a message (its author, or a network admin in the conversation).
#[utoipa::path(
    delete, path = "/api/hearth/v1/messages/{id}", tag = "chat",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Message id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 403, body = ErrorBody, description = "Not yours to delete"),
        (status = 404, body = ErrorBody, description = "No such message you may read, or already deleted"),
    )
)]
pub async fn delete(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<MessageId>,
) -> Result<StatusCode, ApiError> {
    chat::delete(&state.app, &caller.actor(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Moves the caller's read marker forward (never back).
#[utoipa::path(
    post, path = "/api/hearth/v1/conversations/{id}/read", tag = "chat",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Conversation id")),
    request_body = MarkReadRequest,
    responses(
        (status = 204, description = "Marked"),
        (status = 404, body = ErrorBody, description = "No such conversation you are in"),
        (status = 422, body = ErrorBody, description = "`up_to` is not a message of this conversation"),
    )
)]
pub async fn mark_read(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<ConversationId>,
    ApiJson(body): ApiJson<MarkReadRequest>,
) -> Result<StatusCode, ApiError> {
    let up_to: MessageId = body_id(&body.up_to, "up_to")?;
    chat::mark_read(&state.app, &caller.actor(), id, up_to).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Mutes the conversation for the caller.
#[utoipa::path(
    put, path = "/api/hearth/v1/conversations/{id}/mute", tag = "chat",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Conversation id")),
    responses(
        (status = 204, description = "Muted"),
        (status = 404, body = ErrorBody, description = "No such conversation you are in"),
    )
)]
pub async fn mute(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<ConversationId>,
) -> Result<StatusCode, ApiError> {
    chat::set_muted(&state.app, &caller.actor(), id, true).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Unmutes the conversation for the caller.
#[utoipa::path(
    delete, path = "/api/hearth/v1/conversations/{id}/mute", tag = "chat",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Conversation id")),
    responses(
        (status = 204, description = "Not muted"),
        (status = 404, body = ErrorBody, description = "No such conversation you are in"),
    )
)]
pub async fn unmute(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<ConversationId>,
) -> Result<StatusCode, ApiError> {
    chat::set_muted(&state.app, &caller.actor(), id, false).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Tells the other members, live, that the caller is typing.
#[utoipa::path(
    post, path = "/api/hearth/v1/conversations/{id}/typing", tag = "chat",
    security(("token" = []), ("session" = [])),
    params(("id" = String, Path, description = "Conversation id")),
    responses(
        (status = 204, description = "Told"),
        (status = 404, body = ErrorBody, description = "No such conversation you are in"),
    )
)]
pub async fn typing(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiPath(id): ApiPath<ConversationId>,
) -> Result<StatusCode, ApiError> {
    chat::typing(&state.app, &caller.actor(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}
