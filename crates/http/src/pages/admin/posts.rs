//! `/admin/posts`: how the network's posts may be written: which kinds of vote its
//! polls may have, whether praise is told to the managers of the people praised, and
//! who may publish articles company-wide.

use super::{Tab, console};
use crate::AppState;
use crate::language::tr;
use crate::pages::reader::{PageResult, Posted, Reader};
use axum::Router;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use hearth_app::domain::article::CompanyArticles;
use hearth_app::domain::poll::AllowedVotes;
use hearth_app::i18n::t;
use hearth_app::{articles, polls, praise};
use maud::html;
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/posts", get(show).post(save))
        .route("/admin/posts/praise", post(save_praise))
        .route("/admin/posts/articles", post(save_articles))
}

#[derive(Deserialize, Default)]
pub struct DoneQuery {
    #[serde(default)]
    saved: Option<String>,
}

async fn show(
    State(state): State<AppState>,
    reader: Reader,
    Query(query): Query<DoneQuery>,
) -> PageResult {
    hearth_app::domain::policy::may_configure_network(&reader.actor())
        .map_err(hearth_app::AppError::from)?;
    let allowed = polls::allowed_votes(&state.app, &reader.actor()).await?;
    let tells_managers = praise::tells_managers(&state.app, &reader.actor()).await?;
    let articles = articles::settings(&state.app, &reader.actor()).await?;
    let chosen = articles.company_articles == CompanyArticles::ChosenAuthors;
    let handles: Vec<String> = articles
        .authors
        .iter()
        .map(|(_, _, handle)| format!("@{handle}"))
        .collect();
    let tr = tr();
    let choices = [
        (AllowedVotes::Any, t!(tr, "admin-posts-votes-any")),
        (
            AllowedVotes::Anonymous,
            t!(tr, "admin-posts-votes-anonymous"),
        ),
        (AllowedVotes::Named, t!(tr, "admin-posts-votes-named")),
    ];
    Ok(console(
        &t!(tr, "admin-posts-title"),
        &reader,
        Tab::Posts,
        html! {
            h1 { (t!(tr, "admin-posts-title")) }
            @if query.saved.is_some() {
                p class="notice" role="status" { (t!(tr, "admin-posts-saved")) }
            }
            section class="card" aria-labelledby="polls-title" {
                h2 id="polls-title" { (t!(tr, "admin-posts-polls")) }
                form method="post" action="/admin/posts" {
                    input type="hidden" name="csrf" value=(reader.csrf);
                    fieldset {
                        legend { (t!(tr, "admin-posts-votes")) }
                        @for (choice, label) in &choices {
                            label class="choice" {
                                input type="radio" name="poll_votes" value=(choice.as_str()) checked[*choice == allowed];
                                " " (label)
                            }
                        }
                        p class="hint" { (t!(tr, "admin-posts-votes-hint")) }
                    }
                    button type="submit" { (t!(tr, "admin-posts-save")) }
                }
            }
            section class="card" aria-labelledby="praise-title" {
                h2 id="praise-title" { (t!(tr, "admin-posts-praise")) }
                form method="post" action="/admin/posts/praise" {
                    input type="hidden" name="csrf" value=(reader.csrf);
                    label class="choice" {
                        input type="checkbox" name="tells_managers" value="on" checked[tells_managers]
                            aria-describedby="praise-managers-hint";
                        " " (t!(tr, "admin-posts-praise-managers"))
                    }
                    p class="hint" id="praise-managers-hint" { (t!(tr, "admin-posts-praise-managers-hint")) }
                    button type="submit" { (t!(tr, "admin-posts-save")) }
                }
            }
            section class="card" aria-labelledby="articles-title" {
                h2 id="articles-title" { (t!(tr, "admin-posts-articles")) }
                form method="post" action="/admin/posts/articles" {
                    input type="hidden" name="csrf" value=(reader.csrf);
                    fieldset {
                        legend { (t!(tr, "admin-posts-articles-who")) }
                        label class="choice" {
                            input type="radio" name="company_articles" value="anyone" checked[!chosen];
                            " " (t!(tr, "admin-posts-articles-anyone"))
                        }
                        label class="choice" {
                            input type="radio" name="company_articles" value="chosen_authors" checked[chosen];
                            " " (t!(tr, "admin-posts-articles-chosen"))
                        }
                    }
                    label for="article-authors" { (t!(tr, "admin-posts-articles-authors")) }
                    input id="article-authors" name="authors" type="text"
                        value=(handles.join(" ")) aria-describedby="article-authors-hint";
                    p class="hint" id="article-authors-hint" { (t!(tr, "admin-posts-articles-hint")) }
                    button type="submit" { (t!(tr, "admin-posts-save")) }
                }
            }
        },
    )
    .into_response())
}

#[derive(Deserialize)]
pub struct SettingsForm {
    #[serde(default)]
    poll_votes: String,
}

async fn save(State(state): State<AppState>, posted: Posted<SettingsForm>) -> PageResult {
    polls::set_allowed_votes(&state.app, posted.acting(), &posted.form.poll_votes).await?;
    Ok(Redirect::to("/admin/posts?saved=1").into_response())
}

#[derive(Deserialize)]
pub struct PraiseForm {
    /// Present (`on`) when the box is ticked; browsers send nothing otherwise.
    #[serde(default)]
    tells_managers: Option<String>,
}

#[derive(Deserialize)]
pub struct ArticlesForm {
    #[serde(default)]
    company_articles: String,
    /// @handles, separated by spaces or commas.
    #[serde(default)]
    authors: String,
}

async fn save_articles(State(state): State<AppState>, posted: Posted<ArticlesForm>) -> PageResult {
    let handles: Vec<String> = posted
        .form
        .authors
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|h| !h.is_empty())
        .map(str::to_owned)
        .collect();
    articles::set_settings(
        &state.app,
        posted.acting(),
        &posted.form.company_articles,
        &handles,
    )
    .await?;
    Ok(Redirect::to("/admin/posts?saved=1").into_response())
}

async fn save_praise(State(state): State<AppState>, posted: Posted<PraiseForm>) -> PageResult {
    let on = posted.form.tells_managers.is_some();
    praise::set_tells_managers(&state.app, posted.acting(), on).await?;
    Ok(Redirect::to("/admin/posts?saved=1").into_response())
}
