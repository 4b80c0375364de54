//! Article feeds for feed readers (Atom), opened with the key in their URL instead
//! of a session, and the settings that turn them on, renew the key or turn them off.

use super::reader::{PageResult, Posted, Reader};
use crate::AppState;
use crate::language::tr;
use atom_syndication::{Content, Entry, Feed as AtomFeed, FixedDateTime, Link, Person, Text};
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use hearth_app::article_feeds;
use hearth_app::articles::ArticleSubscription;
use hearth_app::domain::article::Following;
use hearth_app::domain::{CommunityId, UserId};
use hearth_app::feeds::{Feed, FeedPage};
use hearth_app::i18n::t;
use hearth_app::{App, links};
use maud::{Markup, html};
use serde::Deserialize;
use std::str::FromStr;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/feeds/articles", get(all))
        .route("/feeds/articles/author/{id}", get(by_author))
        .route("/feeds/articles/community/{id}", get(in_community))
        .route("/settings/article-feeds", post(change))
}

#[derive(Deserialize)]
struct KeyQuery {
    #[serde(default)]
    key: String,
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "no such feed").into_response()
}

async fn all(State(state): State<AppState>, Query(query): Query<KeyQuery>) -> Response {
    atom(&state.app, &query.key, &Feed::Articles, "/articles").await
}

async fn by_author(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<KeyQuery>,
) -> Response {
    let Ok(id) = UserId::from_str(&id) else {
        return not_found();
    };
    atom(
        &state.app,
        &query.key,
        &Feed::ArticlesBy(id),
        &links::person(id),
    )
    .await
}

async fn in_community(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<KeyQuery>,
) -> Response {
    let Ok(id) = CommunityId::from_str(&id) else {
        return not_found();
    };
    atom(
        &state.app,
        &query.key,
        &Feed::ArticlesIn(id),
        &links::community(id),
    )
    .await
}

fn time(millis: i64) -> FixedDateTime {
    FixedDateTime::parse_from_rfc3339(&hearth_app::rfc3339(millis)).unwrap_or_default()
}

fn link(href: String) -> Link {
    let mut link = Link::default();
    link.set_href(href);
    link.set_rel("alternate");
    link
}

/// The feed as Atom: any key, owner or place that is not right is "not found", so a
/// feed URL tells nothing about what it would have held.
async fn atom(app: &App, key: &str, which: &Feed, page: &str) -> Response {
    let Ok((owner, found)) = article_feeds::read(app, key, which).await else {
        return not_found();
    };
    let mut response =
        document(app, &owner.network_id.to_string(), which, page, &found).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/atom+xml; charset=utf-8"),
    );
    // The URL is the credential: keep the answer out of shared caches.
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    response
}

fn document(app: &App, network: &str, which: &Feed, page: &str, found: &FeedPage) -> String {
    let title = match (which, found.posts.first()) {
        (Feed::ArticlesBy(_), Some(first)) => format!("Articles by {}", first.author_name),
        (Feed::ArticlesIn(_), _) => "Articles in a community".to_owned(),
        _ => "Articles".to_owned(),
    };
    let entries: Vec<Entry> = found
        .posts
        .iter()
        .filter_map(|view| {
            let card = view.article.as_ref()?;
            let mut entry = Entry::default();
            entry.set_title(Text::plain(card.title.clone()));
            entry.set_id(format!("tag:hearth,{network}:article:{}", card.id));
            entry.set_published(Some(time(view.post.created_at)));
            entry.set_updated(time(view.post.edited_at.unwrap_or(view.post.created_at)));
            let mut author = Person::default();
            author.set_name(view.author_name.clone());
            author.set_uri(Some(links::absolute(
                app,
                &links::person(&view.author_handle),
            )));
            entry.set_authors(vec![author]);
            entry.set_links(vec![link(links::absolute(app, &card.path))]);
            if !card.summary.is_empty() {
                entry.set_summary(Some(Text::plain(card.summary.clone())));
            }
            let mut content = Content::default();
            content.set_content_type(Some("html".to_owned()));
            content.set_value(Some(view.post.body_html.clone()));
            entry.set_content(Some(content));
            Some(entry)
        })
        .collect();
    let mut feed = AtomFeed::default();
    feed.set_title(Text::plain(title));
    feed.set_id(format!(
        "tag:hearth,{network}:feed:{}",
        page.trim_start_matches('/')
    ));
    feed.set_updated(
        entries
            .iter()
            .map(|e| *e.updated())
            .max()
            .unwrap_or_else(|| time(0)),
    );
    feed.set_links(vec![link(links::absolute(app, page))]);
    feed.set_entries(entries);
    feed.to_string()
}

#[derive(Deserialize)]
pub struct FeedsForm {
    action: String,
}

/// Turns feeds on or renews the key (`renew`), or turns them off (`end`).
async fn change(State(state): State<AppState>, posted: Posted<FeedsForm>) -> PageResult {
    let actor = posted.reader.actor();
    match posted.form.action.as_str() {
        "end" => article_feeds::end_key(&state.app, &actor).await?,
        _ => {
            article_feeds::renew_key(&state.app, &actor).await?;
        }
    }
    Ok(Redirect::to("/settings/notifications#article-feeds").into_response())
}

/// The feed URLs of a person with a key: every article they may read, and one for
/// each author and community they follow; or the button that turns feeds on.
pub fn settings_section(
    app: &App,
    reader: &Reader,
    key: Option<&str>,
    following: &[ArticleSubscription],
) -> Markup {
    let tr = tr();
    let url = |path: String| {
        let key = key.unwrap_or_default();
        links::absolute(app, &format!("{path}?key={key}"))
    };
    html! {
        h2 id="article-feeds" { (t!(tr, "articles-feeds")) }
        p class="hint" { (t!(tr, "articles-feeds-hint")) }
        @if key.is_some() {
            ul class="feed-urls" {
                li {
                    (t!(tr, "articles-feed-all")) " "
                    code { (url("/feeds/articles".to_owned())) }
                }
                @for sub in following {
                    @match sub.following {
                        Following::Author => li {
                            (t!(tr, "articles-subscription-author", name = sub.name.as_str())) " "
                            code { (url(format!("/feeds/articles/author/{}", sub.target_id))) }
                        },
                        Following::Community => li {
                            (t!(tr, "articles-subscription-community", community = sub.name.as_str())) " "
                            code { (url(format!("/feeds/articles/community/{}", sub.target_id))) }
                        },
                        Following::Company => {},
                    }
                }
            }
        }
        form method="post" action="/settings/article-feeds" class="inline" {
            input type="hidden" name="csrf" value=(reader.csrf);
            @if key.is_some() {
                button type="submit" name="action" value="renew" class="quiet" { (t!(tr, "articles-feeds-renew")) }
                " "
                button type="submit" name="action" value="end" class="quiet" { (t!(tr, "articles-feeds-end")) }
            } @else {
                button type="submit" name="action" value="renew" { (t!(tr, "articles-feeds-start")) }
            }
        }
    }
}
