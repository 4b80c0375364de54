//! Hearth inside the intranet: compact pages under `/embed/…` that the sites an admin
//! listed may frame (`Content-Security-Policy: frame-ancestors`), while every other
//! page keeps refusing to be framed. A community's feed with its composer, the
//! company's announcements, a topic, a thread, and an intranet page's comments.
//!
//! Links open the full app in a new tab; forms stay in the frame. Nobody is asked
//! for a password inside a frame: someone signed out sees a "Sign in to Hearth"
//! button that opens a window of Hearth's own (see `sign_in`).

mod comments;
mod script;
mod sign_in;

use super::parts::{self, CardContext};
use super::reader::{PageResult, Reader, Visitor};
use super::{Places, assets, not_found_page};
use crate::AppState;
use crate::language::tr;
use axum::Router;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use hearth_app::communities;
use hearth_app::domain::{CommunityId, PostId};
use hearth_app::feeds::{self, Feed, MAX_THREAD_DEPTH, ThreadPage};
use hearth_app::i18n::t;
use hearth_app::{AppError, links};
use maud::{DOCTYPE, Markup, PreEscaped, html};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/embed/communities/{id}", get(community))
        .route("/embed/announcements", get(announcements))
        .route("/embed/topics/{tag}", get(topic))
        .route("/embed/posts/{id}", get(thread))
        .route("/embed/comments", get(comments::show).post(comments::post))
        .route("/embed/sign-in", get(sign_in::show).post(sign_in::confirm))
        .route("/embed/session", post(sign_in::session))
        .route("/embed.js", get(script::serve))
}

/// How many posts an embedded feed shows; the full app has the rest.
const EMBED_FEED_PAGE: u32 = 10;
/// How many announcements the strip shows.
const ANNOUNCEMENTS_SHOWN: u32 = 5;

/// Marks a response that listed sites may frame; the site-wide headers leave out
/// `X-Frame-Options` for it (see `with_security_headers`).
#[derive(Debug, Clone, Copy)]
pub struct Framable;

/// The content security policy of an embeddable page: the site's own, but framed by
/// the listed sites.
async fn framable(state: &AppState, mut response: Response) -> Response {
    let ancestors = match hearth_app::embedding::frame_origins(&state.app).await {
        Ok(origins) => origins.frame_ancestors(),
        Err(err) => {
            tracing::warn!(error = %err, "embedding settings unreadable; framing refused");
            "frame-ancestors 'none'".to_owned()
        }
    };
    let csp = format!(
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
         connect-src 'self'; {ancestors}; base-uri 'none'; form-action 'self'; object-src 'none'"
    );
    if let Ok(value) = HeaderValue::from_str(&csp) {
        response
            .headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, value);
        response.extensions_mut().insert(Framable);
    }
    response
}

/// Whoever opens an embedded page, signed in or not: the page decides what a
/// visitor without a session sees.
pub struct EmbedVisitor(Visitor);

impl FromRequestParts<AppState> for EmbedVisitor {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        match Visitor::of(parts, state).await {
            Ok(visitor) => Ok(Self(visitor)),
            Err(response) => Err(framable(state, response).await),
        }
    }
}

/// Renders what a signed-in reader sees, or what stands in for it.
async fn embedded<F>(state: &AppState, visitor: Visitor, title: &str, render: F) -> Response
where
    F: AsyncFnOnce(&Reader) -> PageResult,
{
    let response = match visitor {
        Visitor::Reader(reader) => match render(&reader).await {
            Ok(response) => response,
            Err(err) => err.into_response(),
        },
        Visitor::SignedOut | Visitor::SessionEnded => {
            frame(title, sign_in_button()).into_response()
        }
        Visitor::PolicyPending => frame(title, policy_pending()).into_response(),
    };
    framable(state, response).await
}

/// The frame around every embedded page: no header, a compact body. Every link opens
/// the full app in a new tab (`<base target>`); every form is sent within the frame.
pub(crate) fn frame(title: &str, body: Markup) -> Markup {
    let tr = tr();
    // Forms default to the base target too; each is sent within the frame instead.
    // Bodies of posts are sanitized and hold no forms, so only Hearth's own change.
    let body = body
        .into_string()
        .replace("<form ", "<form target=\"_self\" ");
    html! {
        (DOCTYPE)
        html lang=(tr.tag()) dir=(tr.dir()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light dark";
                title { (title) " · Hearth" }
                base target="_blank";
                link rel="icon" href=(assets::url("icon.svg")) type="image/svg+xml";
                link rel="stylesheet" href=(assets::url("hearth.css"));
                (super::script_messages::block())
                script type="module" src=(assets::url("hearth.js")) {}
            }
            body class="embedded" data-embedded="" {
                main id="main" { (PreEscaped(body)) }
            }
        }
    }
}

/// What a frame shows someone signed out: a button, never a form for a password.
fn sign_in_button() -> Markup {
    let tr = tr();
    html! {
        section class="embed-sign-in" {
            p { (t!(tr, "embed-signed-out")) }
            a class="button" href="/embed/sign-in" data-embed-sign-in="" { (t!(tr, "embed-sign-in")) }
        }
    }
}

fn policy_pending() -> Markup {
    let tr = tr();
    html! {
        section class="embed-sign-in" {
            p { (t!(tr, "embed-policy-pending")) }
            a class="button" href="/usage-policy" { (t!(tr, "embed-open-hearth")) }
        }
    }
}

/// The line above an embedded page: what it shows, linking to it in the full app.
fn head(title: &str, full: &str) -> Markup {
    let tr = tr();
    html! {
        header class="embed-head" {
            h1 { a href=(full) { (title) } }
            a class="embed-open" href=(full) { (t!(tr, "embed-open-hearth")) }
        }
    }
}

async fn community(
    State(state): State<AppState>,
    EmbedVisitor(visitor): EmbedVisitor,
    Path(raw): Path<String>,
) -> Response {
    let Ok(id) = raw.parse::<CommunityId>() else {
        return framable(&state, not_found_page()).await;
    };
    let state_ref = &state;
    embedded(&state, visitor, &t!(tr(), "embed-community-title"), async move |reader| {
        let actor = reader.actor();
        let view = communities::get(&state_ref.app, &actor, id).await?;
        let places = Places::load(state_ref, reader).await?;
        let wanted = Some(EMBED_FEED_PAGE);
        let page = match feeds::feed(&state_ref.app, &actor, &Feed::Community(id), None, wanted).await
        {
            Ok(mut page) => {
                let pinned: Vec<_> = page.pinned.iter().map(|p| p.post.id).collect();
                page.posts.retain(|p| !pinned.contains(&p.post.id));
                Some(page)
            }
            Err(AppError::Forbidden(_)) => None,
            Err(err) => return Err(err.into()),
        };
        let cx = CardContext {
            reader,
            places: &places,
        };
        let is_member = view.membership.is_some_and(|m| m.is_member());
        let here = format!("/embed/communities/{id}");
        let tr = tr();
        Ok(frame(
            &view.community.name,
            html! {
                (head(&view.community.name, &links::community(id)))
                @match &page {
                    None => (parts::empty(
                        &t!(tr, "communities-members-only"),
                        html! { (t!(tr, "communities-members-only-hint")) },
                    )),
                    Some(page) => {
                        @for pinned in &page.pinned { (parts::post_card(pinned, &cx)) }
                        @if is_member && view.community.archived_at.is_none() {
                            (super::posts::composer(reader, &places, Some(id), &here))
                        }
                        @if page.posts.is_empty() {
                            p class="empty" { (t!(tr, "communities-no-posts")) }
                        }
                        (parts::feed(&page.posts, &cx, None))
                        @if page.next_before.is_some() {
                            p class="more" { a href=(links::community(id)) { (t!(tr, "embed-more-in-hearth")) } }
                        }
                    }
                }
            },
        )
        .into_response())
    })
    .await
}

async fn announcements(
    State(state): State<AppState>,
    EmbedVisitor(visitor): EmbedVisitor,
) -> Response {
    let title = t!(tr(), "embed-announcements-title");
    let shown = FeedFrame {
        feed: Feed::CompanyAnnouncements,
        limit: ANNOUNCEMENTS_SHOWN,
        title: &title,
        full: "/",
        empty: t!(tr(), "embed-no-announcements"),
        more: false,
    };
    embedded(&state, visitor, &title, async |reader| {
        shown.render(&state, reader).await
    })
    .await
}

async fn topic(
    State(state): State<AppState>,
    EmbedVisitor(visitor): EmbedVisitor,
    Path(raw): Path<String>,
) -> Response {
    let Some(tag) = super::topics::tag_of(&raw) else {
        return framable(&state, not_found_page()).await;
    };
    let title = format!("#{tag}");
    let full = format!("/topics/{tag}");
    let shown = FeedFrame {
        feed: Feed::Topic(tag),
        limit: EMBED_FEED_PAGE,
        title: &title,
        full: &full,
        empty: t!(tr(), "topics-empty-title", topic = title.as_str()),
        more: true,
    };
    embedded(&state, visitor, &title, async |reader| {
        shown.render(&state, reader).await
    })
    .await
}

/// A framed feed of posts alone: the announcements strip, a topic.
struct FeedFrame<'a> {
    feed: Feed,
    limit: u32,
    title: &'a str,
    /// The same in the full app.
    full: &'a str,
    /// What an empty feed says.
    empty: String,
    /// Whether to link the full app when there is more than the frame shows.
    more: bool,
}

impl FeedFrame<'_> {
    async fn render(&self, state: &AppState, reader: &Reader) -> PageResult {
        let actor = reader.actor();
        let page = feeds::feed(&state.app, &actor, &self.feed, None, Some(self.limit)).await?;
        let places = Places::load(state, reader).await?;
        let cx = CardContext {
            reader,
            places: &places,
        };
        Ok(frame(
            self.title,
            html! {
                (head(self.title, self.full))
                @if page.posts.is_empty() {
                    p class="empty" { (self.empty) }
                }
                (parts::feed(&page.posts, &cx, None))
                @if self.more && page.next_before.is_some() {
                    p class="more" { a href=(self.full) { (t!(tr(), "embed-more-in-hearth")) } }
                }
            },
        )
        .into_response())
    }
}

async fn thread(
    State(state): State<AppState>,
    EmbedVisitor(visitor): EmbedVisitor,
    Path(raw): Path<String>,
) -> Response {
    let Ok(id) = raw.parse::<PostId>() else {
        return framable(&state, not_found_page()).await;
    };
    let state_ref = &state;
    let title = t!(tr(), "embed-thread-title");
    embedded(&state, visitor, &title, async |reader| {
        let actor = reader.actor();
        let thread = feeds::thread(
            &state_ref.app,
            &actor,
            id,
            ThreadPage::first(MAX_THREAD_DEPTH),
        )
        .await?;
        let places = Places::load(state_ref, reader).await?;
        let cx = CardContext {
            reader,
            places: &places,
        };
        let here = format!("/embed/posts/{id}");
        let full = links::post(id);
        let following =
            hearth_app::thread_subscriptions::following(&state_ref.app, &actor, id).await?;
        Ok(frame(
            &title,
            html! {
                (head(&t!(tr(), "posts-title", name = thread.post.author_name.as_str()), &full))
                (super::posts::subscription_form(reader, thread.post.post.thread_id(), following, &here))
                (parts::post_card(&thread.post, &cx))
                (super::posts::discussion(&thread, &[], &cx, &here, false))
            },
        )
        .into_response())
    })
    .await
}
