//! Chat: the reader's conversations with their unread counts, a conversation with its
//! history and composer, a direct conversation started from a profile, groups and
//! their people, and editing or deleting one's own messages.
//!
//! Opening a conversation moves the reader's read marker up to the newest message the
//! page shows. That happens in the GET handler: the marker is the reader's own, only
//! moves forward, and nobody else sees it, so a reload or a prefetch does no harm.
//! The script (the chat section of `hearth.js`) adds messages as they arrive, shows
//! who is typing and sends the composer in the background.

use super::layout::{self, Section};
use super::parts::{self, sentence, slot};
use super::reader::{Nothing, PageError, PagePath, PageResult, Posted, Reader};
use super::{form_value, query_value};
use crate::AppState;
use crate::language::tr;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use hearth_app::chat::{self, ConversationSummary, ConversationView, MAX_UNREAD, MessageView};
use hearth_app::domain::{
    Conversation, ConversationId, ConversationKind, MessageId, Millis, Profile, UserId, policy,
};
use hearth_app::i18n::t;
use hearth_app::links;
use hearth_app::people::{self, DirectoryQuery, PersonRef};
use maud::{Markup, PreEscaped, html};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/chat", get(list).post(create_group))
        .route("/chat/with/{person}", post(start_direct))
        .route("/chat/{id}", get(conversation))
        // Files are streamed to storage and stop at their own size limit.
        .route(
            "/chat/{id}/messages",
            post(send).layer(axum::extract::DefaultBodyLimit::disable()),
        )
        .route(
            "/chat/{id}/messages/{message}/edit",
            get(edit_form).post(edit),
        )
        .route("/chat/{id}/messages/{message}/delete", post(delete))
        .route("/chat/{id}/members", get(members).post(add_members))
        .route("/chat/{id}/members/{user}/remove", post(remove_member))
        .route("/chat/{id}/leave", post(leave))
        .route("/chat/{id}/rename", post(rename))
        .route("/chat/{id}/mute", post(mute))
        .route("/chat/{id}/unmute", post(unmute))
}

/// How many colleagues a member picker lists; a search narrows it on the members page.
const PICKER_SIZE: u32 = 100;

/// Messages by the same person this close together share one byline.
const CONTINUED_WITHIN_MS: Millis = 5 * 60_000;

#[derive(Deserialize, Default)]
pub struct PageQuery {
    #[serde(default)]
    before: Option<String>,
    /// The members page's search for people to add.
    #[serde(default)]
    name: Option<String>,
}

impl PageQuery {
    fn before<T: std::str::FromStr>(&self) -> Result<Option<T>, PageError> {
        self.before
            .as_deref()
            .filter(|b| !b.is_empty())
            .map(|raw| query_value(raw, "page"))
            .transpose()
    }
}

/// A form with a title and any number of `member` checkboxes. A list of pairs, since
/// a field that repeats does not fit a struct.
type PeopleForm = Vec<(String, String)>;

fn field<'a>(form: &'a PeopleForm, name: &str) -> &'a str {
    form.iter()
        .find(|(key, _)| key == name)
        .map_or("", |(_, value)| value.as_str())
}

fn chosen_people(form: &PeopleForm) -> Result<Vec<UserId>, PageError> {
    form.iter()
        .filter(|(key, _)| key == "member")
        .map(|(_, value)| form_value(value, "member"))
        .collect()
}

/// Colleagues to pick from (the directory's first page by name, the reader left out),
/// and whether there are more than it lists.
async fn colleagues(
    state: &AppState,
    reader: &Reader,
    name: Option<&str>,
) -> Result<(Vec<Profile>, bool), PageError> {
    let query = DirectoryQuery {
        name: name
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_owned),
        department: None,
        cursor: None,
        limit: Some(PICKER_SIZE),
    };
    let page = people::directory(&state.app, &reader.actor(), &query).await?;
    let others = page
        .people
        .into_iter()
        .filter(|p| p.user_id != reader.user.id)
        .collect();
    Ok((others, page.next_cursor.is_some()))
}

async fn list(
    State(state): State<AppState>,
    reader: Reader,
    Query(query): Query<PageQuery>,
) -> PageResult {
    let before = query.before()?;
    let page = chat::list(&state.app, &reader.actor(), before, None).await?;
    let (people, more_people) = colleagues(&state, &reader, None).await?;
    let tr = tr();
    Ok(layout::signed_in(
        &t!(tr, "chat-title"),
        &reader,
        Section::Chat,
        html! {
            div class="columns chat-index" {
                section class="main-column" aria-labelledby="chat-list-title" data-conversations {
                    h1 id="chat-list-title" { (t!(tr, "chat-title")) }
                    @if page.conversations.is_empty() && before.is_none() {
                        (parts::empty(&t!(tr, "chat-empty-title"), sentence(
                            &t!(tr, "chat-empty-hint", people = slot(0), group = slot(1)),
                            &[
                                html! { a href="/people" { (t!(tr, "chat-empty-people-link")) } },
                                html! { a href="#new-group" { (t!(tr, "chat-empty-group-link")) } },
                            ],
                        )))
                    } @else {
                        ul class="conversations" {
                            @for summary in &page.conversations {
                                (conversation_entry(&reader, summary))
                            }
                        }
                    }
                    @if let Some(next) = page.next_before {
                        nav class="pager" aria-label=(t!(tr, "chat-more-conversations")) {
                            a href={"/chat?before=" (next)} rel="next" { (t!(tr, "chat-older-conversations")) }
                        }
                    }
                }
                aside class="side-column" aria-labelledby="new-group-title" {
                    (new_group_form(&reader, &people, more_people))
                }
            }
        },
    )
    .into_response())
}

/// "3 unread", or "100+ unread" where the count stops.
fn unread_label(unread: i64) -> String {
    let tr = tr();
    if unread >= MAX_UNREAD {
        t!(tr, "chat-unread-capped", count = MAX_UNREAD)
    } else {
        t!(tr, "chat-unread", count = unread)
    }
}

fn conversation_entry(reader: &Reader, summary: &ConversationSummary) -> Markup {
    let id = summary.conversation.id;
    let group = summary.conversation.kind == ConversationKind::Group;
    let at = summary
        .last_message
        .as_ref()
        .map_or(summary.conversation.created_at, |m| m.created_at);
    let tr = tr();
    html! {
        li.conversation.unread[summary.unread > 0].group[group] {
            (parts::avatar(&summary.title, id.0, None, "medium"))
            div class="conversation-summary" {
                span class="conversation-title" {
                    a href=(links::conversation(id)) { (summary.title) }
                    @if summary.muted { " " span class="badge muted" { (t!(tr, "chat-muted")) } }
                }
                span class="conversation-preview" {
                    @match &summary.last_message {
                        Some(last) => {
                            @if last.author_id == reader.user.id {
                                span class="preview-author" { (t!(tr, "chat-preview-you")) " " }
                            } @else if group {
                                span class="preview-author" { (t!(tr, "chat-preview-author", name = last.author_name.as_str())) " " }
                            }
                            (last.text)
                        }
                        None => span class="none" { (t!(tr, "chat-no-messages")) },
                    }
                }
            }
            div class="conversation-side" {
                span class="meta" { (parts::when(at, reader.now)) }
                @if summary.unread > 0 {
                    span class="badge unread-count" { (unread_label(summary.unread)) }
                }
            }
        }
    }
}

/// Checkboxes for colleagues, each with a name and a job title.
fn picker(people: &[Profile], skip: &[UserId]) -> Markup {
    html! {
        ul class="picker" {
            @for person in people.iter().filter(|p| !skip.contains(&p.user_id)) {
                li {
                    label class="choice" {
                        input type="checkbox" name="member" value=(person.user_id);
                        (parts::avatar(&person.display_name, person.user_id.0, person.photo, "small"))
                        span class="choice-text" {
                            span class="choice-name" { (person.display_name) }
                            @if !person.job_title.is_empty() {
                                span class="meta" { (person.job_title) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn new_group_form(reader: &Reader, people: &[Profile], more: bool) -> Markup {
    let tr = tr();
    html! {
        form class="card new-group" id="new-group" method="post" action="/chat" {
            h2 id="new-group-title" { (t!(tr, "chat-new-group")) }
            input type="hidden" name="csrf" value=(reader.csrf);
            label for="group-title" { (t!(tr, "chat-new-group-title")) }
            input id="group-title" name="title" type="text" required maxlength="100"
                placeholder=(t!(tr, "chat-new-group-placeholder"));
            fieldset {
                legend { (t!(tr, "chat-people")) }
                @if people.is_empty() {
                    p class="hint" { (t!(tr, "chat-no-colleagues")) }
                } @else {
                    (picker(people, &[]))
                }
                @if more {
                    p class="hint" { (t!(tr, "chat-picker-first", count = PICKER_SIZE)) }
                }
            }
            button type="submit" { (t!(tr, "chat-create-group")) }
        }
    }
}

async fn create_group(State(state): State<AppState>, posted: Posted<PeopleForm>) -> PageResult {
    let Posted { reader, form, .. } = posted;
    let input = chat::NewGroup {
        title: field(&form, "title").to_owned(),
        member_ids: chosen_people(&form)?,
    };
    let created = chat::create_group(&state.app, &reader.actor(), &input).await?;
    Ok(Redirect::to(&links::conversation(created.conversation.id)).into_response())
}

/// The profile's "Message" button: opens the conversation the two have, or starts it.
async fn start_direct(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    posted: Posted<Nothing>,
) -> PageResult {
    let actor = posted.reader.actor();
    let card = people::get(&state.app, &actor, &PersonRef::parse(&raw)).await?;
    let direct = chat::start_direct(&state.app, &actor, card.profile.user_id).await?;
    Ok(Redirect::to(&links::conversation(direct.view.conversation.id)).into_response())
}

async fn conversation(
    State(state): State<AppState>,
    reader: Reader,
    PagePath(id): PagePath<ConversationId>,
    Query(query): Query<PageQuery>,
) -> PageResult {
    let before = query.before()?;
    let actor = reader.actor();
    let view = chat::get(&state.app, &actor, id).await?;
    let history = chat::history(&state.app, &actor, id, before, None).await?;
    let read_before = view.membership.last_read_id;
    if let Some(newest) = history.messages.first()
        && newest.message.id.0 > read_before
    {
        chat::mark_read(&state.app, &actor, id, newest.message.id).await?;
    }
    // The history comes newest first; the page reads from the top, oldest first.
    let shown: Vec<&MessageView> = history.messages.iter().rev().collect();
    let first_unread = shown
        .iter()
        .find(|m| m.message.id.0 > read_before && m.message.author_id != reader.user.id)
        .map(|m| m.message.id);
    let latest = before.is_none();
    let names: std::collections::BTreeMap<String, &str> = view
        .members
        .iter()
        .map(|m| (m.user_id.to_string(), m.display_name.as_str()))
        .collect();
    let names = serde_json::to_string(&names).unwrap_or_default();
    let tr = tr();
    Ok(layout::signed_in(
        &view.title,
        &reader,
        Section::Chat,
        html! {
            section class="chat card" aria-labelledby="chat-title" data-chat=(id)
                data-me=(reader.user.id) data-members=(names) data-latest=(latest) {
                (conversation_head(&reader, &view))
                div class="chat-scroll" role="log" aria-label=(t!(tr, "chat-messages")) tabindex="0" {
                    div class="chat-history" {
                        @if let Some(older) = history.next_before {
                            nav class="pager" aria-label=(t!(tr, "chat-earlier-messages")) {
                                a href={"/chat/" (id) "?before=" (older)} rel="prev" { (t!(tr, "chat-earlier-messages")) }
                            }
                        }
                        @if shown.is_empty() && latest {
                            (parts::empty(&t!(tr, "chat-no-messages"), html! { (t!(tr, "chat-write-first")) }))
                        }
                        ol class="messages" data-messages {
                            @for (n, message) in shown.iter().enumerate() {
                                @let previous = n.checked_sub(1).and_then(|p| shown.get(p));
                                (message_item(&reader, &view.conversation, message, previous.copied(), first_unread == Some(message.message.id)))
                            }
                        }
                        @if !latest {
                            nav class="pager" aria-label=(t!(tr, "chat-newer-messages")) {
                                a href=(links::conversation(id)) { (t!(tr, "chat-back-to-newest")) }
                            }
                        }
                    }
                }
                p class="typing" role="status" data-typing {}
                (composer(&reader, &view))
            }
        },
    )
    .into_response())
}

fn conversation_head(reader: &Reader, view: &ConversationView) -> Markup {
    let id = view.conversation.id;
    let group = view.conversation.kind == ConversationKind::Group;
    let muted = view.membership.muted;
    let others: Vec<_> = view
        .members
        .iter()
        .filter(|m| m.user_id != reader.user.id)
        .collect();
    let tr = tr();
    html! {
        header class="chat-head" data-chat-head {
            a class="chat-back" href="/chat" {
                span aria-hidden="true" { "← " } (t!(tr, "chat-all-conversations"))
            }
            div class="chat-who" {
                (parts::avatar(&view.title, id.0, None, "medium"))
                div class="chat-who-text" {
                    h1 id="chat-title" {
                        (view.title)
                        @if muted { " " span class="badge muted" { (t!(tr, "chat-muted")) } }
                    }
                    p class="meta chat-members" {
                        @if group {
                            @let count = view.members.len();
                            (t!(tr, "chat-member-count", count = count)) " "
                            @for (n, member) in view.members.iter().enumerate() {
                                @if n > 0 { ", " }
                                a href=(links::person(&member.handle)) { (member.display_name) }
                                @if member.user_id == reader.user.id { " " (t!(tr, "chat-member-you")) }
                            }
                        } @else {
                            @for member in &others {
                                (sentence(
                                    &t!(tr, "chat-direct-with", handle = slot(0)),
                                    &[html! { a href=(links::person(&member.handle)) { "@" (member.handle) } }],
                                ))
                            }
                        }
                    }
                }
            }
            div class="chat-actions" {
                form method="post" action={"/chat/" (id) (if muted { "/unmute" } else { "/mute" })} {
                    input type="hidden" name="csrf" value=(reader.csrf);
                    button type="submit" class="quiet" {
                        @if muted { (t!(tr, "chat-unmute")) } @else { (t!(tr, "chat-mute")) }
                    }
                }
                @if group {
                    a class="button secondary small" href={"/chat/" (id) "/members"} { (t!(tr, "chat-people")) }
                    details class="chat-settings" {
                        summary { (t!(tr, "chat-group-settings")) }
                        div class="chat-settings-body" {
                            form method="post" action={"/chat/" (id) "/rename"} {
                                input type="hidden" name="csrf" value=(reader.csrf);
                                label for="chat-rename" { (t!(tr, "chat-group-title")) }
                                input id="chat-rename" name="title" type="text" required maxlength="100" value=(view.title);
                                button type="submit" class="secondary" { (t!(tr, "chat-rename")) }
                            }
                            p { a href={"/chat/" (id) "/members"} { (t!(tr, "chat-add-or-remove")) } }
                            form method="post" action={"/chat/" (id) "/leave"}
                                data-confirm=(t!(tr, "chat-leave-confirm")) {
                                input type="hidden" name="csrf" value=(reader.csrf);
                                button type="submit" class="secondary danger" { (t!(tr, "chat-leave")) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// One message. The script renders incoming messages with the same markup.
fn message_item(
    reader: &Reader,
    conversation: &Conversation,
    view: &MessageView,
    previous: Option<&MessageView>,
    first_unread: bool,
) -> Markup {
    let m = &view.message;
    let mine = m.author_id == reader.user.id;
    // What to offer is the policy's word; the use cases check it again.
    let may_edit = policy::may_edit_message(&reader.user, m).is_ok();
    let may_delete = policy::may_delete_message(&reader.user, conversation, m).is_ok();
    let deleted = m.deleted_at.is_some();
    let continued = !first_unread
        && previous.is_some_and(|p| {
            p.message.author_id == m.author_id
                && m.created_at - p.message.created_at < CONTINUED_WITHIN_MS
        });
    let meta_id = format!("message-{}-by", m.id);
    let tr = tr();
    html! {
        li.message.mine[mine].continued[continued].deleted[deleted]
            id={"message-" (m.id)} data-message=(m.id) data-author=(m.author_id) data-at=(m.created_at) {
            @if first_unread {
                p class="new-divider" { span { (t!(tr, "chat-new-divider")) } }
            }
            (parts::avatar(&view.author_name, m.author_id.0, view.author_photo, "medium"))
            div class="message-main" {
                p class="message-meta" id=(meta_id) {
                    a class="author" href=(links::person(&view.author_handle)) { (view.author_name) }
                    @if view.author_guest { (parts::guest_badge()) }
                    " "
                    a class="permalink" href={"#message-" (m.id)} { (parts::when(m.created_at, reader.now)) }
                    @if m.edited_at.is_some() && !deleted {
                        span class="edited" { (t!(tr, "chat-edited")) }
                    }
                }
                @if deleted {
                    p class="message-body gone" { (t!(tr, "chat-deleted")) }
                } @else {
                    div class="message-body" { (PreEscaped(&m.body_html)) }
                    @if !view.attachments.is_empty() {
                        div class="attachments" { (super::attachments::shown(&view.attachments)) }
                    }
                    @if may_edit || may_delete {
                        div class="message-tools" {
                            @if may_edit {
                                a href={"/chat/" (m.conversation_id) "/messages/" (m.id) "/edit"}
                                    aria-describedby=(meta_id) { (t!(tr, "chat-edit")) }
                            }
                            @if may_delete {
                                form method="post" action={"/chat/" (m.conversation_id) "/messages/" (m.id) "/delete"}
                                    data-confirm=(t!(tr, "chat-delete-confirm")) {
                                    input type="hidden" name="csrf" value=(reader.csrf);
                                    button type="submit" class="link danger" aria-describedby=(meta_id) { (t!(tr, "chat-delete")) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn composer(reader: &Reader, view: &ConversationView) -> Markup {
    let id = view.conversation.id;
    let tr = tr();
    html! {
        form class="chat-composer" method="post" action={"/chat/" (id) "/messages"}
            enctype="multipart/form-data" data-chat-composer {
            input type="hidden" name="csrf" value=(reader.csrf);
            label for="chat-body" class="visually-hidden" { (t!(tr, "chat-message")) }
            textarea id="chat-body" name="body" rows="2" data-suggest maxlength="20000"
                placeholder=(t!(tr, "chat-write-to", title = view.title.as_str())) {}
            button type="submit" { (t!(tr, "chat-send")) }
            (super::attachments::picker("chat"))
            p class="hint composer-hint" data-enter-hint hidden {
                (t!(tr, "chat-enter-hint"))
            }
        }
    }
}

#[derive(Deserialize)]
pub struct BodyForm {
    #[serde(default)]
    body: String,
}

async fn send(
    State(state): State<AppState>,
    PagePath(id): PagePath<ConversationId>,
    posted: super::attachments::WithFiles<BodyForm>,
) -> PageResult {
    let sent = chat::send_with(
        &state.app,
        &posted.reader.actor(),
        id,
        &posted.form.body,
        &posted.attachments,
    )
    .await?;
    Ok(Redirect::to(&links::message_in_conversation(id, sent.message.id)).into_response())
}

async fn edit_form(
    State(state): State<AppState>,
    reader: Reader,
    PagePath((id, message)): PagePath<(ConversationId, MessageId)>,
) -> PageResult {
    // The page of history just older than the next id starts with this message, if
    // it is one of this conversation's.
    let page = chat::history(
        &state.app,
        &reader.actor(),
        id,
        Some(MessageId(message.0.saturating_add(1))),
        Some(1),
    )
    .await?;
    let view = page
        .messages
        .into_iter()
        .next()
        .filter(|v| v.message.id == message && v.message.deleted_at.is_none())
        .ok_or(hearth_app::AppError::NotFound("message"))?;
    policy::may_edit_message(&reader.user, &view.message).map_err(hearth_app::AppError::from)?;
    let tr = tr();
    Ok(layout::signed_in(
        &t!(tr, "chat-edit-title"),
        &reader,
        Section::Chat,
        html! {
            form class="card narrow-form" method="post" action={"/chat/" (id) "/messages/" (message) "/edit"} {
                h1 { (t!(tr, "chat-edit-title")) }
                input type="hidden" name="csrf" value=(reader.csrf);
                label for="edit-body" { (t!(tr, "chat-message")) }
                textarea id="edit-body" name="body" rows="6" data-suggest required maxlength="20000" { (view.message.body_markdown) }
                button type="submit" { (t!(tr, "chat-save")) }
                " "
                a href=(links::message_in_conversation(id, message)) { (t!(tr, "chat-cancel")) }
            }
        },
    )
    .into_response())
}

async fn edit(
    State(state): State<AppState>,
    PagePath((_, message)): PagePath<(ConversationId, MessageId)>,
    posted: Posted<BodyForm>,
) -> PageResult {
    let edited = chat::edit(
        &state.app,
        &posted.reader.actor(),
        message,
        &posted.form.body,
    )
    .await?;
    let conversation = edited.message.conversation_id;
    Ok(Redirect::to(&links::message_in_conversation(conversation, message)).into_response())
}

async fn delete(
    State(state): State<AppState>,
    PagePath((id, message)): PagePath<(ConversationId, MessageId)>,
    posted: Posted<Nothing>,
) -> PageResult {
    chat::delete(&state.app, &posted.reader.actor(), message).await?;
    Ok(Redirect::to(&links::conversation(id)).into_response())
}

/// A group's people, with removing (for whoever may), leaving, and adding colleagues.
async fn members(
    State(state): State<AppState>,
    reader: Reader,
    PagePath(id): PagePath<ConversationId>,
    Query(query): Query<PageQuery>,
) -> PageResult {
    let view = chat::get(&state.app, &reader.actor(), id).await?;
    let group = view.conversation.kind == ConversationKind::Group;
    let search = query.name.as_deref().unwrap_or("").trim().to_owned();
    let (people, more) = if group {
        colleagues(&state, &reader, Some(&search)).await?
    } else {
        (Vec::new(), false)
    };
    let present: Vec<UserId> = view.members.iter().map(|m| m.user_id).collect();
    let addable = people.iter().any(|p| !present.contains(&p.user_id));
    let ids: Vec<_> = view.members.iter().map(|m| m.user_id).collect();
    let photos = hearth_app::people::photos(&state.app, &reader.actor(), &ids).await?;
    let tr = tr();
    let title = t!(tr, "chat-members-title", title = view.title.as_str());
    Ok(layout::signed_in(
        &title,
        &reader,
        Section::Chat,
        html! {
            p class="context" { a href=(links::conversation(id)) { span aria-hidden="true" { "← " } (t!(tr, "chat-back-to-conversation")) } }
            section class="card" aria-labelledby="members-title" {
                h1 id="members-title" { (title) }
                ul class="people-list chat-people" {
                    @for member in &view.members {
                        li {
                            (parts::avatar(&member.display_name, member.user_id.0, photos.get(&member.user_id).copied(), "small"))
                            a href=(links::person(&member.handle)) { (member.display_name) }
                            @let you = member.user_id == reader.user.id;
                            @let starter = group && member.user_id == view.conversation.created_by;
                            @if you || starter {
                                span class="meta" {
                                    @if you { (t!(tr, "chat-members-you")) }
                                    @if you && starter { " · " }
                                    @if starter { (t!(tr, "chat-members-starter")) }
                                }
                            }
                            @if group {
                                @if member.user_id == reader.user.id {
                                    form class="member-action" method="post" action={"/chat/" (id) "/leave"}
                                        data-confirm=(t!(tr, "chat-leave-confirm")) {
                                        input type="hidden" name="csrf" value=(reader.csrf);
                                        button type="submit" class="quiet danger" { (t!(tr, "chat-leave")) }
                                    }
                                } @else if policy::may_remove_member(&reader.user, &view.conversation, Some(&view.membership), member.user_id).is_ok() {
                                    form class="member-action" method="post" action={"/chat/" (id) "/members/" (member.user_id) "/remove"}
                                        data-confirm=(t!(tr, "chat-remove-confirm", name = member.display_name.as_str())) {
                                        input type="hidden" name="csrf" value=(reader.csrf);
                                        button type="submit" class="quiet danger" {
                                            (sentence(
                                                &t!(tr, "chat-remove", name = slot(0)),
                                                &[html! { span class="visually-hidden" { (member.display_name) } }],
                                            ))
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                @if !group {
                    p class="hint" {
                        (sentence(
                            &t!(tr, "chat-direct-hint", group = slot(0)),
                            &[html! { a href="/chat#new-group" { (t!(tr, "chat-direct-hint-link")) } }],
                        ))
                    }
                }
            }
            @if group {
                section class="card add-people" aria-labelledby="add-title" {
                    h2 id="add-title" { (t!(tr, "chat-add-people")) }
                    form class="people-search" method="get" action={"/chat/" (id) "/members"} role="search" aria-label=(t!(tr, "chat-find-colleagues")) {
                        label for="add-search" { (t!(tr, "chat-find-by-name")) }
                        div class="search-row" {
                            input id="add-search" name="name" type="search" maxlength="100" value=(search);
                            button type="submit" class="secondary" { (t!(tr, "chat-search")) }
                        }
                    }
                    @if addable {
                        form method="post" action={"/chat/" (id) "/members"} {
                            input type="hidden" name="csrf" value=(reader.csrf);
                            fieldset {
                                legend { (t!(tr, "chat-not-in-group")) }
                                (picker(&people, &present))
                                @if more { p class="hint" { (t!(tr, "chat-more-match")) } }
                            }
                            button type="submit" { (t!(tr, "chat-add-to-group")) }
                        }
                    } @else if search.is_empty() {
                        p class="hint" { (t!(tr, "chat-everyone-in")) }
                    } @else {
                        p class="hint" { (t!(tr, "chat-no-match", search = search.as_str())) }
                    }
                }
            }
        },
    )
    .into_response())
}

async fn add_members(
    State(state): State<AppState>,
    PagePath(id): PagePath<ConversationId>,
    posted: Posted<PeopleForm>,
) -> PageResult {
    let ids = chosen_people(&posted.form)?;
    chat::add_members(&state.app, &posted.reader.actor(), id, &ids).await?;
    Ok(Redirect::to(&format!("/chat/{id}/members")).into_response())
}

async fn remove_member(
    State(state): State<AppState>,
    PagePath((id, member)): PagePath<(ConversationId, UserId)>,
    posted: Posted<Nothing>,
) -> PageResult {
    chat::remove_member(&state.app, &posted.reader.actor(), id, member).await?;
    Ok(Redirect::to(&format!("/chat/{id}/members")).into_response())
}

async fn leave(
    State(state): State<AppState>,
    PagePath(id): PagePath<ConversationId>,
    posted: Posted<Nothing>,
) -> PageResult {
    let me = posted.reader.user.id;
    chat::remove_member(&state.app, &posted.reader.actor(), id, me).await?;
    Ok(Redirect::to("/chat").into_response())
}

#[derive(Deserialize)]
pub struct TitleForm {
    #[serde(default)]
    title: String,
}

async fn rename(
    State(state): State<AppState>,
    PagePath(id): PagePath<ConversationId>,
    posted: Posted<TitleForm>,
) -> PageResult {
    chat::rename(&state.app, &posted.reader.actor(), id, &posted.form.title).await?;
    Ok(Redirect::to(&links::conversation(id)).into_response())
}

async fn mute(
    State(state): State<AppState>,
    PagePath(id): PagePath<ConversationId>,
    posted: Posted<Nothing>,
) -> PageResult {
    chat::set_muted(&state.app, &posted.reader.actor(), id, true).await?;
    Ok(Redirect::to(&links::conversation(id)).into_response())
}

async fn unmute(
    State(state): State<AppState>,
    PagePath(id): PagePath<ConversationId>,
    posted: Posted<Nothing>,
) -> PageResult {
    chat::set_muted(&state.app, &posted.reader.actor(), id, false).await?;
    Ok(Redirect::to(&links::conversation(id)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unread_counts_say_where_they_stop() {
        assert_eq!(unread_label(3), "3 unread");
        assert_eq!(unread_label(MAX_UNREAD), "100+ unread");
    }

    #[test]
    fn repeated_member_fields_are_all_read() {
        let form: PeopleForm = serde_urlencoded::from_str("title=Team&member=4&member=7").unwrap();
        assert_eq!(field(&form, "title"), "Team");
        assert!(matches!(
            chosen_people(&form).as_deref(),
            Ok([UserId(4), UserId(7)])
        ));
        let bad: PeopleForm = serde_urlencoded::from_str("member=x").unwrap();
        assert!(chosen_people(&bad).is_err());
    }
}
