//! A post's pages: the composer, the thread with nested replies, reactions and who
//! reacted, sharing, the best answer, editing and deleting.

use super::attachments::{self, WithFiles};
use super::layout::{self, Section};
use super::parts::{self, CardContext};
use super::polls::PollFields;
use super::praise::PraiseFields;
use super::reader::{PageError, PagePath, PageResult, Posted, Reader};
use super::{Places, form_value, local_path};
use crate::AppState;
use crate::language::tr;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{HeaderMap, Uri, header};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use hearth_app::domain::{CommunityId, InvalidId, PostId, PostKind, policy};
use hearth_app::feeds::{self, MAX_THREAD_DEPTH, ThreadNode, ThreadPage};
use hearth_app::i18n::t;
use hearth_app::links;
use hearth_app::posts::{self, NewPost};
use hearth_app::praise::{self, NewPraise};
use maud::{Markup, html};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        // Files are streamed to storage and stop at their own size limit; the 1 MB
        // limit of every other form would refuse every photo.
        .route("/posts", post(create).layer(DefaultBodyLimit::disable()))
        .route("/posts/{id}", get(thread))
        .route(
            "/posts/{id}/replies",
            post(reply).layer(DefaultBodyLimit::disable()),
        )
        .route("/posts/{id}/react", post(react))
        .route("/posts/{id}/reactions", get(reactions))
        .route("/posts/{id}/share", get(share_form).post(share))
        .route("/posts/{id}/best-answer", post(best_answer))
        .route("/posts/{id}/edit", get(edit_form).post(edit))
        .route("/posts/{id}/delete", post(delete))
        .route("/posts/{id}/subscription", post(subscribe))
}

/// The "write a post" form. `fixed` posts into one community without asking where.
pub fn composer(
    reader: &Reader,
    places: &Places,
    fixed: Option<CommunityId>,
    back: &str,
) -> Markup {
    // Announcements are offered where the policy allows them: the whole company for
    // network admins, a community for its managers.
    let may_announce = places.place(fixed).is_some_and(|place| {
        policy::may_write_in(&reader.user, place, PostKind::Announcement).is_ok()
    });
    let tr = tr();
    html! {
        form class="composer card" method="post" action="/posts" enctype="multipart/form-data" {
            input type="hidden" name="csrf" value=(reader.csrf);
            input type="hidden" name="back" value=(back);
            label for="composer-body" { (t!(tr, "posts-write-label")) }
            // Not `required`: a post may be files alone; the use case refuses one
            // with neither.
            textarea id="composer-body" name="body" rows="3" data-suggest maxlength="20000"
                placeholder=(t!(tr, "posts-write-placeholder")) {}
            (attachments::picker("composer"))
            (super::polls::composer_fields(reader))
            (super::praise::composer_fields())
            div class="composer-options" {
                @if let Some(community) = fixed {
                    input type="hidden" name="community" value=(community);
                } @else {
                    span class="option" {
                        label for="composer-place" class="inline" { (t!(tr, "posts-post-to")) }
                        select id="composer-place" name="community" {
                            option value="" { (t!(tr, "posts-everyone-at", network = reader.network.name.as_str())) }
                            @for view in &places.mine {
                                option value=(view.community.id) { (view.community.name) }
                            }
                        }
                    }
                }
                span class="option" {
                    label for="composer-kind" class="inline" { (t!(tr, "posts-kind")) }
                    select id="composer-kind" name="kind" {
                        option value="discussion" { (t!(tr, "posts-kind-discussion")) }
                        option value="question" { (t!(tr, "posts-kind-question")) }
                            @if may_announce {
                            option value="announcement" { (t!(tr, "posts-kind-announcement")) }
                        }
                    }
                }
                button type="submit" { (t!(tr, "posts-post")) }
            }
        }
    }
}

#[derive(Deserialize)]
pub struct NewPostForm {
    #[serde(default)]
    body: String,
    #[serde(default)]
    community: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    back: String,
    #[serde(flatten)]
    poll: PollFields,
    #[serde(flatten)]
    praise: PraiseFields,
}

async fn create(State(state): State<AppState>, posted: WithFiles<NewPostForm>) -> PageResult {
    let WithFiles {
        reader,
        form,
        attachments,
    } = posted;
    let community_id = community_choice(&form.community)?;
    let praise = if form.praise.given() {
        Some(NewPraise {
            kind: form.praise.praise_kind.clone(),
            recipients: praise::recipients_by_handle(
                &state.app,
                &reader.actor(),
                &form.praise.praise_people,
            )
            .await?,
        })
    } else {
        None
    };
    let input = NewPost {
        community_id,
        kind: Some(form.kind).filter(|k| !k.is_empty()),
        body: form.body,
        shared_post_id: None,
        attachments,
        poll: form
            .poll
            .poll(&reader.user.time_zone)
            .map_err(hearth_app::AppError::from)?,
        praise,
    };
    let created = posts::create(&state.app, &reader.actor(), &input).await?;
    let back = local_path(&form.back, "/");
    Ok(Redirect::to(&format!("{back}#post-{}", created.id)).into_response())
}

/// "Everyone" (empty) or a community's id, from a "post to" choice.
fn community_choice(raw: &str) -> Result<Option<CommunityId>, PageError> {
    match raw {
        "" => Ok(None),
        raw => form_value(raw, "community").map(Some),
    }
}

#[derive(Deserialize, Default)]
pub struct ThreadQuery {
    #[serde(default)]
    after: Option<String>,
}

impl ThreadQuery {
    /// The reply a page of the thread continues after; `?after=` alone is the first.
    fn after(&self) -> Result<Option<PostId>, InvalidId> {
        self.after
            .as_deref()
            .filter(|raw| !raw.is_empty())
            .map(str::parse)
            .transpose()
    }
}

async fn thread(
    State(state): State<AppState>,
    reader: Reader,
    PagePath(id): PagePath<PostId>,
    Query(query): Query<ThreadQuery>,
) -> PageResult {
    let actor = reader.actor();
    let after = query.after()?;
    let wanted = ThreadPage {
        after,
        ..ThreadPage::first(MAX_THREAD_DEPTH)
    };
    let thread = feeds::thread(&state.app, &actor, id, wanted).await?;
    // An article's discussion is read under the article (a reply's `#post-…` stays
    // in the address the browser keeps).
    if let Some(article) = &thread.post.article {
        let more = after.map(|a| format!("?after={a}")).unwrap_or_default();
        return Ok(Redirect::to(&format!("{}{more}", article.path)).into_response());
    }
    let places = Places::load(&state, &reader).await?;
    let referencing = feeds::referenced_by(&state.app, &actor, id).await?;
    let following = hearth_app::thread_subscriptions::following(&state.app, &actor, id).await?;
    let cx = CardContext {
        reader: &reader,
        places: &places,
    };
    let root = &thread.post.post;
    let tr = tr();
    let title = t!(tr, "posts-title", name = thread.post.author_name.as_str());
    let page = links::post(id);
    Ok(layout::signed_in(
        &title,
        &reader,
        Section::Other,
        html! {
            h1 class="visually-hidden" { (title) }
            @if let Some(root_id) = root.root_id {
                p class="context" {
                    (parts::sentence(
                        &t!(tr, "posts-is-reply", link = parts::slot(0)),
                        &[html! {
                            a href=(links::post_in_thread(root_id, root.id)) { (t!(tr, "posts-whole-discussion")) }
                        }],
                    ))
                }
            }
            (parts::post_card(&thread.post, &cx))
            @if let Some(best) = root.best_answer_id {
                p class="best-answer-note" {
                    span class="badge answer" { (t!(tr, "posts-answered")) } " "
                    a href={"#post-" (best)} { (t!(tr, "posts-jump-to-answer")) }
                }
            }
            @if root.root_id.is_none() && root.locked_at.is_some() {
                p class="moderation-notice" role="status" {
                    (t!(tr, "posts-locked"))
                }
            }
            (subscription_form(&reader, root.thread_id(), following, &page))
            (discussion(&thread, &referencing, &cx, &page, after.is_some()))
        },
    )
    .into_response())
}

/// A thread's replies with the reply form, and the posts that link it: under a
/// post on its own page, and under an article. `page` is where replies return to.
pub(super) fn discussion(
    thread: &feeds::ThreadView,
    referencing: &[feeds::PostView],
    cx: &CardContext<'_>,
    page: &str,
    later_page: bool,
) -> Markup {
    let root = &thread.post.post;
    let reader = cx.reader;
    let may_choose_answer = cx
        .places
        .place(root.community_id)
        .is_some_and(|place| policy::may_mark_best_answer(&reader.user, root, place).is_ok());
    let answering = Answering {
        question: root.id,
        best: root.best_answer_id,
        may_choose: may_choose_answer,
    };
    let tr = tr();
    html! {
        section class="replies" aria-labelledby="replies-title" {
            h2 id="replies-title" {
                @if thread.replies.is_empty() { (t!(tr, "posts-no-replies")) } @else { (t!(tr, "posts-replies")) }
            }
            @if root.locked_at.is_none() {
                (reply_form(reader, root.id, "reply", page, true))
            }
            @if later_page {
                p class="context" { (t!(tr, "posts-earlier-replies")) }
            }
            (replies(&thread.replies, cx, &answering, page, 1))
            @if let Some(next) = thread.next_after {
                p class="more" {
                    a href={ (page) "?after=" (next) } rel="next" { (t!(tr, "posts-more-replies")) }
                }
            }
        }
        @if !referencing.is_empty() {
            section class="referenced-by" aria-labelledby="referenced-title" {
                h2 id="referenced-title" { (t!(tr, "posts-referenced-by")) }
                @for view in referencing {
                    (parts::post_card(view, cx))
                }
            }
        }
    }
}

/// Who may pick a question's best answer, and which one it is.
struct Answering {
    question: PostId,
    best: Option<PostId>,
    may_choose: bool,
}

/// Replies, nested as deep as the page shows them; `depth` counts from the post at
/// the top of the page (its replies are at depth 1).
fn replies(
    nodes: &[ThreadNode],
    cx: &CardContext<'_>,
    answering: &Answering,
    page: &str,
    depth: u8,
) -> Markup {
    // A reply to the deepest level shown would land beyond what this page shows, so
    // that form is sent the ordinary way and leads to the branch's own page.
    let shown_here = depth < MAX_THREAD_DEPTH;
    let tr = tr();
    html! {
        @if !nodes.is_empty() {
            ol class="thread" {
                @for node in nodes {
                    li {
                        @match &node.reply {
                            Some(view) => {
                                @if answering.best == Some(node.id) {
                                    p class="best-answer" { span class="badge answer" { (t!(tr, "posts-best-answer")) } }
                                }
                                (parts::post_card(view, cx))
                                div class="reply-tools" {
                                    details class="inline-reply" {
                                        summary { (t!(tr, "posts-reply-to", name = view.author_name.as_str())) }
                                        @let branch = links::post(node.id);
                                        (reply_form(cx.reader, node.id, &format!("reply-{}", node.id),
                                            if shown_here { page } else { &branch }, shown_here))
                                    }
                                    @if answering.may_choose && answering.best != Some(node.id) {
                                        form method="post" action={"/posts/" (answering.question) "/best-answer"} {
                                            input type="hidden" name="csrf" value=(cx.reader.csrf);
                                            input type="hidden" name="answer" value=(node.id);
                                            button type="submit" class="quiet" aria-describedby={"by-" (node.id)} { (t!(tr, "posts-mark-best-answer")) }
                                        }
                                    }
                                }
                            }
                            None => p class="deleted" { (t!(tr, "posts-reply-deleted")) }
                        }
                        (replies(&node.children, cx, answering, page, depth + 1))
                        @if node.continues {
                            a class="continue" href=(links::post(node.id)) { (t!(tr, "posts-continue-thread")) }
                        }
                    }
                }
            }
        }
    }
}

/// A reply form; `back` is the page to show the new reply on, and `in_place` lets the
/// script send it in the background and refresh this page.
fn reply_form(reader: &Reader, parent: PostId, id: &str, back: &str, in_place: bool) -> Markup {
    let tr = tr();
    html! {
        form class="reply-form" method="post" action={"/posts/" (parent) "/replies"}
            enctype="multipart/form-data" data-enhance=[in_place.then_some("main")] {
            input type="hidden" name="csrf" value=(reader.csrf);
            input type="hidden" name="back" value=(back);
            label for=(id) { (t!(tr, "posts-your-reply")) }
            textarea id=(id) name="body" rows="2" data-suggest maxlength="20000" {}
            (attachments::picker(id))
            button type="submit" { (t!(tr, "posts-reply")) }
        }
    }
}

#[derive(Deserialize)]
pub struct BodyForm {
    #[serde(default)]
    body: String,
}

#[derive(Deserialize)]
pub struct ReplyForm {
    #[serde(default)]
    body: String,
    #[serde(default)]
    back: String,
}

async fn reply(
    State(state): State<AppState>,
    PagePath(parent): PagePath<PostId>,
    posted: WithFiles<ReplyForm>,
) -> PageResult {
    let created = posts::reply_with(
        &state.app,
        &posted.reader.actor(),
        parent,
        &posted.form.body,
        &posted.attachments,
    )
    .await?;
    let page = local_path(&posted.form.back, &links::post(parent));
    Ok(Redirect::to(&format!("{page}#post-{}", created.id)).into_response())
}

#[derive(Deserialize)]
pub struct ReactForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    on: String,
}

/// Back to the page the reaction was given on, at the post. Only the path of the
/// `Referer` is used, so the answer never leads off this site.
pub(super) fn back_to_post(headers: &HeaderMap, id: PostId) -> String {
    let page = headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|referer| referer.parse::<Uri>().ok())
        .and_then(|uri| uri.path_and_query().map(|p| p.as_str().to_owned()))
        .map_or_else(|| links::post(id), |path| local_path(&path, "/"));
    format!("{page}#post-{id}")
}

async fn react(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath(id): PagePath<PostId>,
    posted: Posted<ReactForm>,
) -> PageResult {
    let on = posted.form.on != "false";
    posts::react(
        &state.app,
        &posted.reader.actor(),
        id,
        &posted.form.kind,
        on,
    )
    .await?;
    Ok(Redirect::to(&back_to_post(&headers, id)).into_response())
}

async fn reactions(
    State(state): State<AppState>,
    reader: Reader,
    PagePath(id): PagePath<PostId>,
) -> PageResult {
    let reactors = posts::reactors(&state.app, &reader.actor(), id).await?;
    let ids: Vec<_> = reactors.iter().map(|(_, user_id, _)| *user_id).collect();
    let photos = hearth_app::people::photos(&state.app, &reader.actor(), &ids).await?;
    let tr = tr();
    Ok(layout::signed_in(
        &t!(tr, "posts-who-reacted"),
        &reader,
        Section::Other,
        html! {
            section class="card" aria-labelledby="reactors-title" {
                h1 id="reactors-title" { (t!(tr, "posts-who-reacted")) }
                p { a href=(links::post(id)) { (t!(tr, "posts-back-to-post")) } }
                @if reactors.is_empty() {
                    (parts::empty(&t!(tr, "posts-no-reactions"), html! { (t!(tr, "posts-no-reactions-hint")) }))
                }
                @for kind in hearth_app::domain::ReactionKind::ALL {
                    @let people: Vec<_> = reactors.iter().filter(|(k, _, _)| *k == kind).collect();
                    @if !people.is_empty() {
                        @let (emoji, label) = parts::reaction_label(kind);
                        h2 {
                            span aria-hidden="true" { (emoji) } " "
                            (t!(tr, "posts-reaction-count", reaction = label.as_str(), count = people.len()))
                        }
                        ul class="people-list" {
                            @for (_, user_id, name) in people {
                                li {
                                    (parts::avatar(name, user_id.0, photos.get(user_id).copied(), "small"))
                                    a href=(links::person(user_id)) { (name) }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
    .into_response())
}

async fn share_form(
    State(state): State<AppState>,
    reader: Reader,
    PagePath(id): PagePath<PostId>,
) -> PageResult {
    let original = feeds::get(&state.app, &reader.actor(), id).await?;
    let places = Places::load(&state, &reader).await?;
    let cx = CardContext {
        reader: &reader,
        places: &places,
    };
    let tr = tr();
    Ok(layout::signed_in(
        &t!(tr, "posts-share-title"),
        &reader,
        Section::Other,
        html! {
            h1 { (t!(tr, "posts-share-title")) }
            form class="card" method="post" action={"/posts/" (id) "/share"} {
                input type="hidden" name="csrf" value=(reader.csrf);
                label for="share-comment" { (t!(tr, "posts-share-comment")) }
                textarea id="share-comment" name="body" rows="3" data-suggest maxlength="20000" {}
                label for="share-place" { (t!(tr, "posts-share-to")) }
                select id="share-place" name="community" {
                    option value="" { (t!(tr, "posts-everyone-at", network = reader.network.name.as_str())) }
                    @for view in &places.mine {
                        option value=(view.community.id) { (view.community.name) }
                    }
                }
                button type="submit" { (t!(tr, "posts-share")) }
            }
            h2 { (t!(tr, "posts-share-original")) }
            (parts::post_card(&original, &cx))
        },
    )
    .into_response())
}

#[derive(Deserialize)]
pub struct ShareForm {
    #[serde(default)]
    body: String,
    #[serde(default)]
    community: String,
}

async fn share(
    State(state): State<AppState>,
    PagePath(id): PagePath<PostId>,
    posted: Posted<ShareForm>,
) -> PageResult {
    let community_id = community_choice(&posted.form.community)?;
    let input = NewPost {
        community_id,
        kind: None,
        body: posted.form.body,
        shared_post_id: Some(id),
        attachments: Vec::new(),
        poll: None,
        praise: None,
    };
    let created = posts::create(&state.app, &posted.reader.actor(), &input).await?;
    Ok(Redirect::to(&links::post(created.id)).into_response())
}

#[derive(Deserialize)]
pub struct AnswerForm {
    #[serde(default)]
    answer: String,
}

async fn best_answer(
    State(state): State<AppState>,
    PagePath(question): PagePath<PostId>,
    posted: Posted<AnswerForm>,
) -> PageResult {
    let answer: PostId = form_value(&posted.form.answer, "answer")?;
    posts::mark_best_answer(&state.app, &posted.reader.actor(), question, Some(answer)).await?;
    Ok(Redirect::to(&links::post_in_thread(question, answer)).into_response())
}

async fn edit_form(
    State(state): State<AppState>,
    reader: Reader,
    PagePath(id): PagePath<PostId>,
) -> PageResult {
    let view = feeds::get(&state.app, &reader.actor(), id).await?;
    let tr = tr();
    Ok(layout::signed_in(
        &t!(tr, "posts-edit-title"),
        &reader,
        Section::Other,
        html! {
            form class="card" method="post" action={"/posts/" (id) "/edit"} {
                h1 { (t!(tr, "posts-edit-title")) }
                input type="hidden" name="csrf" value=(reader.csrf);
                label for="edit-body" { (t!(tr, "posts-edit-text")) }
                textarea id="edit-body" name="body" rows="8" data-suggest maxlength="20000" { (view.post.body_markdown) }
                button type="submit" { (t!(tr, "posts-save")) }
                " "
                a href=(links::post_in_thread(view.post.thread_id(), id)) { (t!(tr, "posts-cancel")) }
            }
        },
    )
    .into_response())
}

async fn edit(
    State(state): State<AppState>,
    PagePath(id): PagePath<PostId>,
    posted: Posted<BodyForm>,
) -> PageResult {
    let edited = posts::edit(&state.app, &posted.reader.actor(), id, &posted.form.body).await?;
    Ok(Redirect::to(&links::post_in_thread(edited.thread_id(), id)).into_response())
}

async fn delete(
    State(state): State<AppState>,
    PagePath(id): PagePath<PostId>,
    posted: Posted<super::reader::Nothing>,
) -> PageResult {
    let actor = posted.reader.actor();
    // Where to land afterwards: the thread it was in, or home for a top-level post.
    let thread = feeds::get(&state.app, &actor, id)
        .await
        .ok()
        .and_then(|v| v.post.root_id);
    posts::delete(&state.app, &actor, id).await?;
    let back = thread.map_or_else(|| "/".to_owned(), links::post);
    Ok(Redirect::to(&back).into_response())
}

/// "Subscribe to this discussion", or the way back out of it; `back` is the page
/// to return to.
pub(super) fn subscription_form(
    reader: &Reader,
    thread: PostId,
    following: bool,
    back: &str,
) -> Markup {
    let tr = tr();
    html! {
        form class="subscription" method="post" action={"/posts/" (thread) "/subscription"} {
            input type="hidden" name="csrf" value=(reader.csrf);
            input type="hidden" name="back" value=(back);
            @if following {
                input type="hidden" name="follow" value="0";
                span class="meta" { (t!(tr, "posts-subscribed")) } " "
                button type="submit" class="quiet" { (t!(tr, "posts-unsubscribe")) }
            } @else {
                input type="hidden" name="follow" value="1";
                button type="submit" class="quiet" { (t!(tr, "posts-subscribe")) }
            }
        }
    }
}

#[derive(Deserialize)]
pub struct SubscriptionForm {
    #[serde(default)]
    follow: String,
    #[serde(default)]
    back: String,
}

async fn subscribe(
    State(state): State<AppState>,
    PagePath(id): PagePath<PostId>,
    posted: Posted<SubscriptionForm>,
) -> PageResult {
    let follow = posted.form.follow == "1";
    hearth_app::thread_subscriptions::set_following(&state.app, &posted.reader.actor(), id, follow)
        .await?;
    let back = local_path(&posted.form.back, &links::post(id));
    Ok(Redirect::to(&back).into_response())
}
