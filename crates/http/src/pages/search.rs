//! The search page: one form (the header's field leads here), tabs for each kind of
//! result, highlighted snippets, filters for posts, and a page at a time. Everything
//! works without the script; the script only adds `/` to focus the header's field.

use super::Places;
use super::layout::{self, Section};
use super::parts::{self, sentence, slot};
use super::reader::{PageResult, Reader};
use crate::AppState;
use crate::language::tr;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::IntoResponse;
use axum::routing::get;
use hearth_app::AppError;
use hearth_app::i18n::t;
use hearth_app::links;
use hearth_app::search::{
    self, Kind, MessageHit, PostHit, Scope, SearchRequest, SearchResults, Snippet, Sort,
};
use maud::{Markup, PreEscaped, html};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new().route("/search", get(show))
}

/// The page's query string: every field of the form, as typed.
#[derive(Deserialize, Default, Clone)]
pub struct SearchParams {
    #[serde(default)]
    q: String,
    #[serde(default, rename = "type")]
    scope: String,
    #[serde(default)]
    sort: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    until: String,
    #[serde(default)]
    cursor: String,
}

impl SearchParams {
    fn scope(&self) -> Scope {
        Scope::parse(&self.scope).unwrap_or_default()
    }

    fn sort(&self) -> Sort {
        match self.sort.as_str() {
            "newest" => Sort::Newest,
            _ => Sort::Relevance,
        }
    }

    fn request(&self) -> SearchRequest {
        let nonempty = |text: &str| Some(text.trim().to_owned()).filter(|t| !t.is_empty());
        SearchRequest {
            q: self.q.clone(),
            scope: self.scope(),
            from: nonempty(&self.from),
            until: nonempty(&self.until),
            kind: Kind::parse(&self.kind),
            sort: self.sort(),
            cursor: nonempty(&self.cursor),
            ..SearchRequest::default()
        }
    }

    /// This search's address with `scope` and `cursor` set (and nothing empty).
    fn href(&self, scope: Scope, cursor: Option<&str>) -> String {
        let scope = scope.as_str();
        let pairs = [
            ("q", self.q.as_str()),
            ("type", scope),
            ("sort", self.sort.as_str()),
            ("kind", self.kind.as_str()),
            ("from", self.from.as_str()),
            ("until", self.until.as_str()),
            ("cursor", cursor.unwrap_or("")),
        ];
        let pairs: Vec<_> = pairs
            .into_iter()
            // `all` is the default tab, left out as the form leaves it out.
            .filter(|(name, value)| !(value.is_empty() || (*name == "type" && *value == "all")))
            .collect();
        format!(
            "/search?{}",
            serde_urlencoded::to_string(pairs).unwrap_or_default()
        )
    }
}

async fn show(
    State(state): State<AppState>,
    reader: Reader,
    Query(params): Query<SearchParams>,
) -> PageResult {
    let tr = tr();
    let asked = !params.q.trim().is_empty();
    let (results, problem) = if asked {
        match search::search(&state.app, &reader.actor(), &params.request()).await {
            Ok(results) => (Some(results), None),
            Err(AppError::Invalid(invalid)) => (
                None,
                Some(crate::error_messages::translate(&invalid.message, &tr)),
            ),
            Err(other) => return Err(other.into()),
        }
    } else {
        (None, None)
    };
    let places = Places::load(&state, &reader).await?;
    let title = if asked {
        t!(tr, "search-title-for", query = params.q.trim())
    } else {
        t!(tr, "search-title")
    };
    Ok(layout::signed_in(
        &title,
        &reader,
        Section::Search,
        html! {
            h1 { (t!(tr, "search-title")) }
            (form(&params, problem.as_deref()))
            @if let Some(results) = &results {
                (tabs(&params))
                (found(&params, results, &reader, &places))
            }
        },
    )
    .into_response())
}

fn form(params: &SearchParams, problem: Option<&str>) -> Markup {
    let tr = tr();
    let scope = params.scope();
    let kinds = [
        ("", t!(tr, "search-kind-any")),
        ("question", t!(tr, "search-kind-question")),
        ("unanswered", t!(tr, "search-kind-unanswered")),
        ("announcement", t!(tr, "search-kind-announcement")),
    ];
    html! {
        form class="card search-form" method="get" action="/search" role="search" aria-label=(t!(tr, "search-label")) {
            @if scope != Scope::All {
                input type="hidden" name="type" value=(scope.as_str());
            }
            div class="search-main" {
                label for="search-q" { (t!(tr, "search-label")) }
                input id="search-q" name="q" type="search" maxlength=(search::MAX_QUERY_CHARS) data-search-shortcut=""
                    value=(params.q) aria-describedby="search-syntax"
                    aria-invalid=[problem.map(|_| "true")]
                    aria-errormessage=[problem.map(|_| "search-problem")];
                button type="submit" { (t!(tr, "search-submit")) }
            }
            @if let Some(problem) = problem {
                p class="problem" role="alert" id="search-problem" { (problem) }
            }
            p class="hint" id="search-syntax" { (t!(tr, "search-syntax")) }
            details class="search-filters" open[!params.kind.is_empty() || !params.from.is_empty() || !params.until.is_empty() || !params.sort.is_empty()] {
                summary { (t!(tr, "search-filters")) }
                div class="search-fields" {
                    div {
                        label for="search-sort" { (t!(tr, "search-sort")) }
                        select id="search-sort" name="sort" {
                            option value="relevance" selected[params.sort() == Sort::Relevance] { (t!(tr, "search-sort-relevance")) }
                            option value="newest" selected[params.sort() == Sort::Newest] { (t!(tr, "search-sort-newest")) }
                        }
                    }
                    div {
                        label for="search-kind" { (t!(tr, "search-kind")) }
                        select id="search-kind" name="kind" {
                            @for (value, label) in &kinds {
                                option value=(value) selected[params.kind == *value] { (label) }
                            }
                        }
                    }
                    div {
                        label for="search-from" { (t!(tr, "search-from")) }
                        input id="search-from" name="from" type="date" value=(params.from);
                    }
                    div {
                        label for="search-until" { (t!(tr, "search-until")) }
                        input id="search-until" name="until" type="date" value=(params.until);
                    }
                }
            }
        }
    }
}

fn tabs(params: &SearchParams) -> Markup {
    let tr = tr();
    let current = params.scope();
    html! {
        nav class="tabs" aria-label=(t!(tr, "search-tabs")) {
            @for scope in Scope::EVERY {
                @let label = tab_label(scope);
                @if scope == current {
                    a href=(params.href(scope, None)) aria-current="page" { (label) }
                } @else {
                    a href=(params.href(scope, None)) { (label) }
                }
            }
        }
    }
}

fn tab_label(scope: Scope) -> String {
    let tr = tr();
    match scope {
        Scope::All => t!(tr, "search-tab-all"),
        Scope::Posts => t!(tr, "search-tab-posts"),
        Scope::People => t!(tr, "search-tab-people"),
        Scope::Communities => t!(tr, "search-tab-communities"),
        Scope::Topics => t!(tr, "search-tab-topics"),
        Scope::Messages => t!(tr, "search-tab-messages"),
    }
}

fn found(
    params: &SearchParams,
    results: &SearchResults,
    reader: &Reader,
    places: &Places,
) -> Markup {
    let tr = tr();
    let nothing = results.posts.is_empty()
        && results.people.is_empty()
        && results.communities.is_empty()
        && results.topics.is_empty()
        && results.messages.is_empty();
    let all = params.scope() == Scope::All;
    // On the All tab each kind is a section with its own heading and a link to its
    // tab; on a kind's own tab the list stands alone under the tabs.
    let section = |scope: Scope, shown: bool, list: Markup| {
        html! {
            @if shown {
                @if all {
                    section class="search-section" aria-labelledby=(format!("found-{}", scope.as_str())) {
                        h2 id=(format!("found-{}", scope.as_str())) { (tab_label(scope)) }
                        (list)
                        p { a href=(params.href(scope, None)) { (t!(tr, "search-see-all", kind = tab_label(scope))) } }
                    }
                } @else {
                    (list)
                }
            }
        }
    };
    html! {
        @if nothing {
            (parts::empty(&t!(tr, "search-nothing", query = params.q.trim()), nothing_hint(params)))
        }
        (section(Scope::Posts, !results.posts.is_empty(), html! {
            ol class="search-results" {
                @for hit in &results.posts { (post_hit(hit, reader, places)) }
            }
        }))
        (section(Scope::People, !results.people.is_empty(), html! {
            ul class="people-list directory" {
                @for person in &results.people { (super::people::directory_entry(person)) }
            }
        }))
        (section(Scope::Communities, !results.communities.is_empty(), html! {
            ul class="search-results" {
                @for community in &results.communities {
                    li class="search-hit" {
                        a class="hit-title" href=(links::community(community.id)) { (community.name) }
                        @if !community.description.is_empty() {
                            p class="snippet" { (community.description) }
                        }
                    }
                }
            }
        }))
        (section(Scope::Topics, !results.topics.is_empty(), html! {
            ul class="search-results topics" {
                @for (tag, uses) in &results.topics {
                    li class="search-hit" {
                        a class="hit-title" href=(format!("/topics/{tag}")) { "#" (tag) }
                        " " span class="meta" { (t!(tr, "search-topic-posts", count = *uses)) }
                    }
                }
            }
        }))
        (section(Scope::Messages, !results.messages.is_empty(), html! {
            ol class="search-results" {
                @for hit in &results.messages { (message_hit(hit, reader)) }
            }
        }))
        @if let Some(cursor) = &results.next_cursor {
            nav class="pager" aria-label=(t!(tr, "search-more")) {
                a href=(params.href(params.scope(), Some(cursor))) rel="next" { (t!(tr, "search-more")) }
            }
        }
    }
}

/// Where to look next when a search found nothing.
fn nothing_hint(params: &SearchParams) -> Markup {
    let tr = tr();
    if params.scope() == Scope::All {
        html! { (t!(tr, "search-nothing-hint")) }
    } else {
        sentence(
            &t!(tr, "search-nothing-elsewhere", all = slot(0)),
            &[html! { a href=(params.href(Scope::All, None)) { (t!(tr, "search-tab-all")) } }],
        )
    }
}

fn snippet(snippet: &Snippet) -> Markup {
    html! { p class="snippet" { (PreEscaped(crate::views::snippet_html(snippet))) } }
}

fn post_hit(hit: &PostHit, reader: &Reader, places: &Places) -> Markup {
    let tr = tr();
    let post = &hit.view.post;
    let article = hit.view.article.as_ref();
    let href = match (post.root_id, article) {
        (Some(root), _) => links::post_in_thread(root, post.id),
        (None, Some(article)) => article.path.clone(),
        (None, None) => links::post(post.id),
    };
    let place = match post.community_id {
        Some(id) => places.name(id).map(str::to_owned).unwrap_or_default(),
        None => t!(tr, "search-company-wide"),
    };
    let what = if post.root_id.is_some() {
        t!(
            tr,
            "search-reply-by",
            name = hit.view.author_name.as_str(),
            place = place.as_str()
        )
    } else if let Some(article) = article {
        t!(
            tr,
            "search-article-by",
            title = article.title.as_str(),
            name = hit.view.author_name.as_str(),
            place = place.as_str()
        )
    } else {
        t!(
            tr,
            "search-post-by",
            name = hit.view.author_name.as_str(),
            place = place.as_str()
        )
    };
    html! {
        li class="search-hit with-avatar" {
            (parts::avatar(&hit.view.author_name, post.author_id.0, hit.view.author_photo, "small"))
            div class="hit-main" {
                a class="hit-title" href=(href) { (what) }
                " " span class="meta" { (parts::when(post.created_at, reader.now)) }
                (snippet(&hit.snippet))
            }
        }
    }
}

fn message_hit(hit: &MessageHit, reader: &Reader) -> Markup {
    let tr = tr();
    let message = &hit.message;
    html! {
        li class="search-hit with-avatar" {
            (parts::avatar(&hit.author_name, message.author_id.0, hit.author_photo, "small"))
            div class="hit-main" {
                a class="hit-title" href=(links::message_in_conversation(message.conversation_id, message.id)) {
                    (t!(tr, "search-message-in", name = hit.author_name.as_str(), conversation = hit.conversation_title.as_str()))
                }
                " " span class="meta" { (parts::when(message.created_at, reader.now)) }
                (snippet(&hit.snippet))
            }
        }
    }
}
