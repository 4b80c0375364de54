//! Articles on pages: the list with the reader's drafts, the editor (autosaved by
//! the page script, previewed, published now or at a time), the reading page (a
//! table of contents, the author, who liked it, the discussion and what links it),
//! the card feeds show, and subscribing to new articles.

use super::attachments::WithFiles;
use super::layout::{self, Section};
use super::parts::{self, CardContext};
use super::reader::{PagePath, PageResult, Posted, Reader};
use super::{Places, older_href};
use crate::AppState;
use crate::language::tr;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use hearth_app::articles::{self, ArticlePage, Draft};
use hearth_app::domain::article::{ArticleStatus, Following};
use hearth_app::domain::poll::parse_local_time;
use hearth_app::domain::upload::Variant;
use hearth_app::domain::{ArticleId, CommunityId, PostId, ValidationError};
use hearth_app::feeds::{self, ArticleCard, Feed, ThreadPage};
use hearth_app::i18n::t;
use hearth_app::links;
use maud::{Markup, PreEscaped, html};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/articles", get(index).post(start))
        .route("/articles/{id}", get(by_id))
        // The editor's form carries files when the page runs without its script.
        .route(
            "/articles/{id}/edit",
            get(editor)
                .post(save)
                .layer(axum::extract::DefaultBodyLimit::disable()),
        )
        .route(
            "/articles/{id}/cover",
            post(set_cover).layer(axum::extract::DefaultBodyLimit::disable()),
        )
        .route("/articles/{id}/read", post(read))
        .route("/articles/{id}/{slug}", get(show))
        .route("/article-subscriptions", post(subscription))
}

/// An article as a feed card: cover, title, summary and reading time, opening its
/// page.
pub fn card(article: &ArticleCard) -> Markup {
    let tr = tr();
    html! {
        div class="article-card" {
            @if let Some(cover) = article.cover_id {
                img class="article-cover" src=(crate::views::file_url(cover, Variant::Large)) alt="";
            }
            p class="article-kicker" { (t!(tr, "articles-kicker")) }
            h2 class="article-card-title" { a href=(article.path) { (article.title) } }
            @if !article.summary.is_empty() {
                p class="article-summary" { (article.summary) }
            }
            p class="meta" { (t!(tr, "articles-reading-minutes", minutes = article.reading_minutes)) }
        }
    }
}

#[derive(Deserialize)]
struct ListQuery {
    before: Option<String>,
}

/// Every published article the reader may read, newest first, with their drafts.
async fn index(
    State(state): State<AppState>,
    reader: Reader,
    Query(query): Query<ListQuery>,
) -> PageResult {
    let before = match query.before.as_deref() {
        Some(raw) => Some(raw.parse::<PostId>().map_err(|_| {
            hearth_app::AppError::from(ValidationError::new("before", "not a page of articles"))
        })?),
        None => None,
    };
    let actor = reader.actor();
    let page = articles::list(&state.app, &actor, &Feed::Articles, before, None).await?;
    let drafts = articles::unpublished(&state.app, &actor).await?;
    let places = Places::load(&state, &reader).await?;
    let cx = CardContext {
        reader: &reader,
        places: &places,
    };
    let tr = tr();
    let title = t!(tr, "articles-title");
    Ok(layout::signed_in(
        &title,
        &reader,
        Section::Other,
        html! {
            h1 { (title) }
            form method="post" action="/articles" class="inline" {
                input type="hidden" name="csrf" value=(reader.csrf);
                button type="submit" { (t!(tr, "articles-write")) }
            }
            (subscribe_form(&reader, Following::Company, reader.network.id.0, &t!(tr, "articles-subscribe-company")))
            @if !drafts.is_empty() {
                section class="card" aria-labelledby="drafts-title" {
                    h2 id="drafts-title" { (t!(tr, "articles-drafts")) }
                    ul class="drafts" {
                        @for draft in &drafts {
                            li {
                                a href={"/articles/" (draft.id) "/edit"} {
                                    @if draft.title.is_empty() { (t!(tr, "articles-untitled")) } @else { (draft.title) }
                                }
                                @if draft.status == ArticleStatus::Scheduled {
                                    " · " span class="badge" { (t!(tr, "articles-scheduled")) }
                                    @if let Some(at) = draft.publish_at { " " (parts::when(at, reader.now)) }
                                }
                            }
                        }
                    }
                }
            }
            @if page.posts.is_empty() && before.is_none() {
                p class="hint" { (t!(tr, "articles-none-yet")) }
            }
            (parts::feed(&page.posts, &cx, older_href("/articles", page.next_before)))
        },
    )
    .into_response())
}

/// Starts an empty draft and opens it in the editor, so that autosave always has an
/// article to save to.
async fn start(State(state): State<AppState>, posted: Posted<EmptyForm>) -> PageResult {
    let draft = articles::create(&state.app, &posted.reader.actor(), &Draft::default()).await?;
    Ok(Redirect::to(&format!("/articles/{}/edit", draft.id)).into_response())
}

#[derive(Deserialize)]
pub struct EmptyForm {}

async fn by_id(
    State(state): State<AppState>,
    reader: Reader,
    PagePath(id): PagePath<ArticleId>,
) -> PageResult {
    let page = articles::get(&state.app, &reader.actor(), id).await?;
    Ok(Redirect::to(&page.article.path()).into_response())
}

/// The editor: title, summary, place, body, and what to do with it. The page script
/// saves it as it is typed (`data-autosave`); every button also works without it.
async fn editor(
    State(state): State<AppState>,
    reader: Reader,
    PagePath(id): PagePath<ArticleId>,
) -> PageResult {
    let page = articles::for_editing(&state.app, &reader.actor(), id).await?;
    let places = Places::load(&state, &reader).await?;
    Ok(editor_page(&reader, &places, &page, None).into_response())
}

fn editor_page(
    reader: &Reader,
    places: &Places,
    page: &ArticlePage,
    preview: Option<&articles::Rendered>,
) -> Markup {
    let article = &page.article;
    let published = article.status == ArticleStatus::Published;
    let body = match &page.post {
        Some(post) => post.post.body_markdown.as_str(),
        None => article.body_markdown.as_str(),
    };
    let tr = tr();
    let title = t!(tr, "articles-edit-title");
    layout::signed_in(
        &title,
        reader,
        Section::Other,
        html! {
            form class="card article-editor" method="post" action={"/articles/" (article.id) "/edit"}
                enctype="multipart/form-data" data-autosave=(if published { "" } else { "on" }) {
                h1 { (title) }
                input type="hidden" name="csrf" value=(reader.csrf);
                input type="hidden" name="revision" value=(article.updated_at);
                p class="hint" role="status" aria-live="polite" data-autosave-status {
                    @match article.status {
                        ArticleStatus::Draft => (t!(tr, "articles-draft-private")),
                        ArticleStatus::Scheduled => {
                            (t!(tr, "articles-scheduled")) " "
                            @if let Some(at) = article.publish_at { (parts::when(at, reader.now)) }
                        }
                        ArticleStatus::Published => (t!(tr, "articles-published-edit")),
                    }
                }
                label for="article-title" { (t!(tr, "articles-field-title")) }
                input id="article-title" name="title" type="text" maxlength="200" value=(article.title);
                label for="article-summary" { (t!(tr, "articles-field-summary")) }
                textarea id="article-summary" name="summary" rows="2" maxlength="500" { (article.summary) }
                @if published {
                    input type="hidden" name="community" value=(article.community_id.map(|c| c.to_string()).unwrap_or_default());
                } @else {
                    label for="article-place" { (t!(tr, "articles-field-place")) }
                    select id="article-place" name="community" {
                        option value="" { (t!(tr, "posts-everyone-at", network = reader.network.name.as_str())) }
                        @for view in &places.mine {
                            option value=(view.community.id) selected[article.community_id == Some(view.community.id)] { (view.community.name) }
                        }
                        // A place the author no longer belongs to stays chosen until
                        // they choose another, rather than moving the draft.
                        @if let Some(current) = article.community_id.filter(|c| !places.mine.iter().any(|v| v.community.id == *c)) {
                            option value=(current) selected { (page.community_name.clone().unwrap_or_default()) }
                        }
                    }
                }
                label for="article-body" { (t!(tr, "articles-field-body")) }
                p class="hint" id="article-body-hint" { (t!(tr, "articles-body-hint")) }
                textarea id="article-body" name="body" rows="18" maxlength="100000" data-suggest
                    aria-describedby="article-body-hint" { (body) }
                (body_files())
                @if let Some(cover) = article.cover_id {
                    input type="hidden" name="cover" value=(cover);
                }
                div class="composer-options" {
                    button type="submit" name="action" value="save" { (t!(tr, "articles-save")) }
                    button type="submit" name="action" value="preview" class="quiet" { (t!(tr, "articles-preview")) }
                    @if !published {
                        button type="submit" name="action" value="publish" { (t!(tr, "articles-publish-now")) }
                    }
                }
                @if article.status == ArticleStatus::Draft {
                    div class="composer-options" {
                        label for="article-publish-at" class="inline" { (t!(tr, "articles-publish-at")) }
                        input id="article-publish-at" name="publish_at" type="datetime-local";
                        button type="submit" name="action" value="schedule" class="quiet" { (t!(tr, "articles-schedule")) }
                    }
                }
                @if article.status == ArticleStatus::Scheduled {
                    button type="submit" name="action" value="unschedule" class="quiet" { (t!(tr, "articles-unschedule")) }
                }
                @if !published {
                    button type="submit" name="action" value="delete" class="link danger"
                        data-confirm=(t!(tr, "articles-delete-confirm")) { (t!(tr, "articles-delete")) }
                } @else {
                    a href=(article.path()) { (t!(tr, "posts-cancel")) }
                }
            }
            @if !published {
                section class="card" aria-labelledby="cover-title" {
                    h2 id="cover-title" { (t!(tr, "articles-cover")) }
                    @if let Some(cover) = article.cover_id {
                        img class="article-cover" src=(crate::views::file_url(cover, Variant::Large)) alt=(t!(tr, "articles-cover-current"));
                    }
                    form method="post" action={"/articles/" (article.id) "/cover"} enctype="multipart/form-data" {
                        input type="hidden" name="csrf" value=(reader.csrf);
                        label for="article-cover" { (t!(tr, "articles-cover-choose")) }
                        input id="article-cover" type="file" name="file" accept="image/*";
                        button type="submit" name="action" value="set" class="quiet" { (t!(tr, "articles-cover-upload")) }
                        @if article.cover_id.is_some() {
                            " "
                            button type="submit" name="action" value="remove" class="link" { (t!(tr, "articles-cover-remove")) }
                        }
                    }
                }
            }
            @if let Some(preview) = preview {
                section class="card article-preview" aria-labelledby="preview-title" {
                    h2 id="preview-title" { (t!(tr, "articles-preview")) }
                    (body_with_contents(preview))
                }
            }
        },
    )
}

#[derive(Deserialize)]
pub struct EditorForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    community: String,
    #[serde(default)]
    cover: String,
    #[serde(default)]
    publish_at: String,
    #[serde(default)]
    action: String,
    /// The `updated_at` the editor was opened on, or its last autosave answered.
    #[serde(default)]
    revision: String,
}

fn id_or_none<T: std::str::FromStr>(
    raw: &str,
    field: &'static str,
) -> Result<Option<T>, ValidationError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    raw.parse()
        .map(Some)
        .map_err(|_| ValidationError::new(field, "choose from the list"))
}

/// Images and files for the body. Without the script they go with the form and
/// are written at the end of the body; the script uploads each as it is chosen and
/// writes it where the cursor is (`data-article-files`). The description comes
/// before the files: the form sends fields in this order, and the files are stored
/// as they arrive, with it.
fn body_files() -> Markup {
    let tr = tr();
    html! {
        fieldset class="article-files" data-article-files {
            legend { (t!(tr, "articles-files")) }
            label for="article-files-alt" { (t!(tr, "attachments-alt-label")) }
            input type="text" id="article-files-alt" name="alt_text" maxlength="1000"
                placeholder=(t!(tr, "attachments-alt-placeholder")) data-article-files-alt;
            label for="article-files" { (t!(tr, "articles-files-choose")) }
            input type="file" id="article-files" name="file" multiple
                aria-describedby="article-files-hint" data-article-files-input;
            p class="hint" id="article-files-hint" data-article-files-hint { (t!(tr, "articles-files-hint")) }
            p class="attach-status" role="status" aria-live="polite" data-article-files-status {}
        }
    }
}

/// Saves the editor, then does what its button says. The script's autosave sends
/// `action=autosave` and is answered with no page.
async fn save(
    State(state): State<AppState>,
    PagePath(id): PagePath<ArticleId>,
    posted: WithFiles<EditorForm>,
) -> PageResult {
    let form = &posted.form;
    let actor = posted.reader.actor();
    if form.action == "delete" {
        articles::delete(&state.app, &actor, id).await?;
        return Ok(Redirect::to("/articles").into_response());
    }
    let draft = Draft {
        community_id: id_or_none::<CommunityId>(&form.community, "community_id")
            .map_err(hearth_app::AppError::from)?,
        title: form.title.clone(),
        summary: form.summary.clone(),
        body: form.body.clone(),
        cover_id: id_or_none(&form.cover, "cover_id").map_err(hearth_app::AppError::from)?,
        seen: form.revision.trim().parse().ok(),
        autosave: form.action == "autosave",
        files: posted.attachments.clone(),
    };
    let saved = articles::update(&state.app, &actor, id, &draft).await?;
    match form.action.as_str() {
        // The new revision, for the editor's next save.
        "autosave" => Ok(saved.updated_at.to_string().into_response()),
        "publish" => {
            let published = articles::publish(&state.app, &actor, id, None).await?;
            Ok(Redirect::to(&published.path()).into_response())
        }
        "schedule" => {
            let at = parse_local_time(&form.publish_at, &posted.reader.user.time_zone)
                .map_err(|_| ValidationError::new("publish_at", "choose a date and time"))
                .and_then(|at| {
                    at.ok_or_else(|| ValidationError::new("publish_at", "choose a date and time"))
                })
                .map_err(hearth_app::AppError::from)?;
            articles::publish(&state.app, &actor, id, Some(at)).await?;
            Ok(Redirect::to(&format!("/articles/{id}/edit")).into_response())
        }
        "unschedule" => {
            articles::unschedule(&state.app, &actor, id).await?;
            Ok(Redirect::to(&format!("/articles/{id}/edit")).into_response())
        }
        "preview" => {
            let page = articles::get(&state.app, &actor, id).await?;
            // As saved: with the files the form brought written in.
            let body = match &page.post {
                Some(post) => post.post.body_markdown.as_str(),
                None => page.article.body_markdown.as_str(),
            };
            let rendered = articles::preview(&state.app, &actor, body).await?;
            let places = Places::load(&state, &posted.reader).await?;
            Ok(editor_page(&posted.reader, &places, &page, Some(&rendered)).into_response())
        }
        _ if saved.status == ArticleStatus::Published => {
            Ok(Redirect::to(&saved.path()).into_response())
        }
        _ => Ok(Redirect::to(&format!("/articles/{id}/edit")).into_response()),
    }
}

#[derive(Deserialize)]
pub struct CoverForm {
    #[serde(default)]
    action: String,
}

/// Sets the cover of an unpublished article from the image sent with the form, or
/// removes it; the rest of the article stays as saved.
async fn set_cover(
    State(state): State<AppState>,
    PagePath(id): PagePath<ArticleId>,
    posted: WithFiles<CoverForm>,
) -> PageResult {
    let actor = posted.reader.actor();
    let page = articles::for_editing(&state.app, &actor, id).await?;
    let article = &page.article;
    let cover_id = match posted.form.action.as_str() {
        "remove" => None,
        _ => Some(posted.attachments.first().copied().ok_or_else(|| {
            hearth_app::AppError::from(ValidationError::new(
                "cover_id",
                "there is no image of yours to use",
            ))
        })?),
    };
    let draft = Draft {
        community_id: article.community_id,
        title: article.title.clone(),
        summary: article.summary.clone(),
        body: article.body_markdown.clone(),
        cover_id,
        seen: Some(article.updated_at),
        autosave: false,
        files: Vec::new(),
    };
    articles::update(&state.app, &actor, id, &draft).await?;
    Ok(Redirect::to(&format!("/articles/{id}/edit")).into_response())
}

/// The table of contents (when the body has at least two headings) and the body.
fn body_with_contents(rendered: &articles::Rendered) -> Markup {
    let tr = tr();
    html! {
        @if rendered.headings.len() >= 2 {
            nav class="toc" aria-label=(t!(tr, "articles-contents")) {
                p class="toc-title" { (t!(tr, "articles-contents")) }
                ol {
                    @for heading in rendered.headings.iter().filter(|h| h.level <= 3) {
                        li class={"toc-level-" (heading.level)} {
                            a href={"#" (heading.anchor)} { (heading.text) }
                        }
                    }
                }
            }
        }
        div class="post-body article-body" { (PreEscaped(&rendered.html)) }
    }
}

/// The reading page. A draft is shown to its author as it will read.
#[derive(Deserialize)]
struct ShowQuery {
    /// The discussion's next page (`feeds::ThreadPage::after`).
    after: Option<String>,
}

async fn show(
    State(state): State<AppState>,
    reader: Reader,
    Path((raw_id, slug)): Path<(String, String)>,
    Query(query): Query<ShowQuery>,
) -> PageResult {
    let after = match query.after.as_deref() {
        Some(raw) => Some(raw.parse::<PostId>().map_err(|_| {
            hearth_app::AppError::from(ValidationError::new("after", "not a page of articles"))
        })?),
        None => None,
    };
    let id: ArticleId = raw_id
        .parse()
        .map_err(|_| hearth_app::AppError::NotFound("article"))?;
    let actor = reader.actor();
    let page = articles::get(&state.app, &actor, id).await?;
    if slug != page.article.slug() {
        return Ok(Redirect::permanent(&page.article.path()).into_response());
    }
    let places = Places::load(&state, &reader).await?;
    let cx = CardContext {
        reader: &reader,
        places: &places,
    };
    let article = &page.article;
    let path = article.path();
    let (thread, referencing) = match article.post_id {
        Some(post) => (
            Some(
                feeds::thread(
                    &state.app,
                    &actor,
                    post,
                    ThreadPage {
                        after,
                        ..ThreadPage::first(hearth_app::feeds::MAX_THREAD_DEPTH)
                    },
                )
                .await?,
            ),
            feeds::referenced_by(&state.app, &actor, post).await?,
        ),
        None => (None, Vec::new()),
    };
    let tr = tr();
    let author_link = links::person(&page.author_handle);
    Ok(layout::signed_in(
        if article.title.is_empty() { "…" } else { &article.title },
        &reader,
        Section::Other,
        html! {
            article class="article" data-article=(article.id)
                data-read-after=(if article.post_id.is_some() { "5" } else { "" }) {
                header class="article-head" {
                    @if let Some(cover) = article.cover_id {
                        img class="article-cover" src=(crate::views::file_url(cover, Variant::Large)) alt="";
                    }
                    h1 { @if article.title.is_empty() { (t!(tr, "articles-untitled")) } @else { (article.title) } }
                    @if !article.summary.is_empty() {
                        p class="article-summary" { (article.summary) }
                    }
                    div class="author-card" {
                        (parts::avatar(&page.author_name, article.author_id.0, page.post.as_ref().and_then(|p| p.author_photo), "medium"))
                        div class="byline" {
                            a class="author" href=(author_link) { (page.author_name) }
                            span class="meta" {
                                @if let Some(name) = &page.community_name {
                                    (t!(tr, "articles-in", community = name.as_str())) " · "
                                }
                                @if let Some(post) = &page.post {
                                    (parts::when(post.post.created_at, reader.now)) " · "
                                }
                                (t!(tr, "articles-reading-minutes", minutes = page.rendered.reading_minutes))
                                @if let Some(reads) = page.reads {
                                    " · " (t!(tr, "articles-reads", count = reads))
                                }
                            }
                        }
                    }
                    @if article.status != ArticleStatus::Published {
                        p class="moderation-notice" role="status" { (t!(tr, "articles-not-published")) }
                    }
                    @if article.author_id == reader.user.id {
                        p { a href={"/articles/" (article.id) "/edit"} { (t!(tr, "articles-edit")) } }
                    }
                }
                (body_with_contents(&page.rendered))
                @if let Some(post) = &page.post {
                    @if !page.likers.is_empty() {
                        p class="likers" {
                            (t!(tr, "articles-liked-by", count = page.likers.len()))
                            " "
                            @for (n, (name, handle)) in page.likers.iter().enumerate() {
                                @if n > 0 { ", " }
                                a href=(links::person(handle)) { (name) }
                            }
                        }
                    }
                    @if let Some(notice) = &post.notice {
                        p class="moderation-notice" role="status" { (notice.reason) }
                    }
                    // The reactions' forms refresh `#post-{id} > .post-actions` in place.
                    div id={"post-" (post.post.id)} { (parts::post_actions(post, &cx)) }
                }
                div class="article-follow" {
                    @if article.author_id != reader.user.id {
                        (subscribe_form(&reader, Following::Author, article.author_id.0, &t!(tr, "articles-subscribe-author", name = page.author_name.as_str())))
                    }
                    @if let (Some(community), Some(name)) = (article.community_id, &page.community_name) {
                        (subscribe_form(&reader, Following::Community, community.0, &t!(tr, "articles-subscribe-community", community = name.as_str())))
                    }
                }
            }
            @if let Some(thread) = &thread {
                (super::posts::discussion(thread, &referencing, &cx, &path, after.is_some()))
            }
        },
    )
    .into_response())
}

/// A button that subscribes the reader to new articles by an author, in a community
/// or company-wide.
fn subscribe_form(reader: &Reader, following: Following, target: i64, label: &str) -> Markup {
    html! {
        form method="post" action="/article-subscriptions" class="inline" {
            input type="hidden" name="csrf" value=(reader.csrf);
            input type="hidden" name="following" value=(following.as_str());
            input type="hidden" name="target" value=(target);
            button type="submit" class="quiet" { (label) }
        }
    }
}

#[derive(Deserialize)]
pub struct SubscriptionForm {
    following: String,
    #[serde(default)]
    target: String,
    /// `false` ends the subscription.
    #[serde(default)]
    on: String,
}

/// The reader's subscriptions to new articles, each with a button to stop it; on the
/// notification settings page.
pub fn subscriptions_section(
    reader: &Reader,
    following: &[articles::ArticleSubscription],
) -> Markup {
    let tr = tr();
    html! {
        @if !following.is_empty() {
            h2 id="article-subscriptions" { (t!(tr, "articles-subscriptions")) }
            p class="hint" { (t!(tr, "articles-subscriptions-hint")) }
            ul class="subscriptions" {
                @for sub in following {
                    li class="card" {
                        @match sub.following {
                            Following::Company => (t!(tr, "articles-subscription-company")),
                            Following::Author => (t!(tr, "articles-subscription-author", name = sub.name.as_str())),
                            Following::Community => (t!(tr, "articles-subscription-community", community = sub.name.as_str())),
                        }
                        form method="post" action="/article-subscriptions" class="inline" {
                            input type="hidden" name="csrf" value=(reader.csrf);
                            input type="hidden" name="following" value=(sub.following.as_str());
                            input type="hidden" name="target" value=(sub.target_id);
                            input type="hidden" name="on" value="false";
                            button type="submit" class="quiet" { (t!(tr, "articles-unsubscribe")) }
                        }
                    }
                }
            }
        }
    }
}

async fn subscription(
    State(state): State<AppState>,
    posted: Posted<SubscriptionForm>,
) -> PageResult {
    let form = &posted.form;
    let following =
        articles::parse_following(&form.following).map_err(hearth_app::AppError::from)?;
    let target = form.target.trim().parse::<i64>().unwrap_or(0);
    if form.on == "false" {
        articles::unsubscribe(&state.app, &posted.reader.actor(), following, target).await?;
    } else {
        articles::subscribe(&state.app, &posted.reader.actor(), following, target).await?;
    }
    Ok(Redirect::to("/settings/notifications#article-subscriptions").into_response())
}

/// The page script's beacon: the reader had the article open for a few seconds.
async fn read(
    State(state): State<AppState>,
    PagePath(id): PagePath<ArticleId>,
    posted: Posted<EmptyForm>,
) -> PageResult {
    articles::record_read(&state.app, &posted.reader.actor(), id).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
