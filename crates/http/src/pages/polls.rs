//! Polls on pages: the composer's poll fields, a poll as post cards show it (the
//! ballot, the counts once the reader may see them, closing), and who voted in a
//! named poll. Every form works without the script; with it, the poll is swapped in
//! place and follows `poll.updated` on the live stream.

use super::layout::{self, Section};
use super::parts::CardContext;
use super::reader::{PagePath, PageResult, Posted, Reader};
use crate::AppState;
use crate::language::tr;
use axum::Router;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use hearth_app::AppError;
use hearth_app::domain::poll::{AllowedVotes, Choice, ResultsShown, VoteKind, parse_local_time};
use hearth_app::domain::{PostId, ValidationError, policy};
use hearth_app::feeds::PostView;
use hearth_app::i18n::t;
use hearth_app::links;
use hearth_app::polls::{self, NewPoll, PollView};
use maud::{Markup, html};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/posts/{id}/poll/vote", post(vote))
        .route("/posts/{id}/poll/withdraw", post(withdraw))
        .route("/posts/{id}/poll/close", post(close))
        .route("/posts/{id}/poll/voters", get(voters))
        .route("/posts/{id}/poll", get(fragment))
}

/// The poll alone, as the reader sees it now: what the script swaps in after a vote
/// and when `poll.updated` says the votes changed, cheaper than the whole thread.
async fn fragment(
    State(state): State<AppState>,
    reader: Reader,
    PagePath(id): PagePath<PostId>,
) -> PageResult {
    let view = hearth_app::feeds::get(&state.app, &reader.actor(), id).await?;
    let poll = view.poll.as_ref().ok_or(AppError::NotFound("poll"))?;
    let places = super::Places::load(&state, &reader).await?;
    let cx = CardContext {
        reader: &reader,
        places: &places,
    };
    Ok(card_part(&view, poll, &cx).into_response())
}

/// The most a poll's options may take as typed: ten options of 100 characters and
/// their line breaks.
const OPTIONS_MAX_CHARS: usize = 1_020;

/// The composer's "Add a poll" fields, folded away until wanted.
pub fn composer_fields(reader: &Reader) -> Markup {
    let tr = tr();
    html! {
        details class="poll-fields" {
            summary { (t!(tr, "polls-add")) }
            label for="poll-options" { (t!(tr, "polls-options-label")) }
            p class="hint" id="poll-options-hint" { (t!(tr, "polls-options-hint")) }
            textarea id="poll-options" name="poll_options" rows="4"
                maxlength=(OPTIONS_MAX_CHARS) aria-describedby="poll-options-hint" {}
            div class="composer-options" {
                span class="option" {
                    label for="poll-choice" class="inline" { (t!(tr, "polls-choice")) }
                    select id="poll-choice" name="poll_choice" {
                        option value="single" { (t!(tr, "polls-choice-single")) }
                        option value="multiple" { (t!(tr, "polls-choice-multiple")) }
                    }
                }
                span class="option" {
                    label for="poll-results" class="inline" { (t!(tr, "polls-results")) }
                    select id="poll-results" name="poll_results" {
                        option value="after_vote" { (t!(tr, "polls-results-after-vote")) }
                        option value="at_close" { (t!(tr, "polls-results-at-close")) }
                    }
                }
                @match reader.network.poll_votes {
                    AllowedVotes::Any => span class="option" {
                        label for="poll-votes" class="inline" { (t!(tr, "polls-votes")) }
                        select id="poll-votes" name="poll_votes" {
                            option value="anonymous" { (t!(tr, "polls-votes-anonymous")) }
                            option value="named" { (t!(tr, "polls-votes-named")) }
                        }
                    },
                    AllowedVotes::Named => span class="option hint" { (t!(tr, "polls-votes-only-named")) },
                    AllowedVotes::Anonymous => span class="option hint" { (t!(tr, "polls-votes-only-anonymous")) },
                }
                span class="option" {
                    label for="poll-closes" class="inline" { (t!(tr, "polls-closes")) }
                    input type="datetime-local" id="poll-closes" name="poll_closes";
                }
            }
        }
    }
}

/// The composer's poll fields as sent.
#[derive(Debug, Default, Deserialize)]
pub struct PollFields {
    #[serde(default)]
    poll_options: String,
    #[serde(default)]
    poll_choice: String,
    #[serde(default)]
    poll_results: String,
    #[serde(default)]
    poll_votes: String,
    #[serde(default)]
    poll_closes: String,
}

impl PollFields {
    /// The poll to create, when any option was typed; the closing time is read in the
    /// writer's time zone.
    pub fn poll(&self, time_zone: &str) -> Result<Option<NewPoll>, ValidationError> {
        if self.poll_options.trim().is_empty() {
            return Ok(None);
        }
        let given = |raw: &str| Some(raw.to_owned()).filter(|v| !v.is_empty());
        Ok(Some(NewPoll {
            options: self.poll_options.lines().map(str::to_owned).collect(),
            choice: given(&self.poll_choice),
            results: given(&self.poll_results),
            votes: given(&self.poll_votes),
            closes_at: parse_local_time(&self.poll_closes, time_zone)?,
        }))
    }
}

/// A poll inside its post's card.
pub fn card_part(view: &PostView, poll: &PollView, cx: &CardContext<'_>) -> Markup {
    let post = &view.post;
    let user = &cx.reader.user;
    let place = cx.places.place(post.community_id);
    let may_vote = place.is_some_and(|p| policy::may_vote(user, post, p, poll.closed).is_ok());
    let may_close =
        !poll.closed && place.is_some_and(|p| policy::may_close_poll(user, post, p).is_ok());
    let voted = !poll.mine.is_empty();
    let id = post.id;
    let section_id = format!("poll-{id}");
    let enhance = format!("#{section_id}");
    let source = format!("/posts/{id}/poll");
    let tr = tr();
    let closing = poll.poll.closes_at.map(|at| tr.date_time(at));
    html! {
        section class="poll" id=(section_id) data-poll=(id) data-source=(source) aria-label=(t!(tr, "polls-label")) {
            form method="post" action={"/posts/" (id) "/poll/vote"} data-enhance=(enhance) data-source=(source) {
                input type="hidden" name="csrf" value=(cx.reader.csrf);
                fieldset {
                    legend {
                        @match (may_vote, poll.poll.choice) {
                            (false, _) => (t!(tr, "polls-options")),
                            (true, Choice::Single) => (t!(tr, "polls-pick-one")),
                            (true, Choice::Multiple) => (t!(tr, "polls-pick-any")),
                        }
                    }
                    @for (n, label) in poll.poll.options.iter().enumerate() {
                        @let position = i64::try_from(n).unwrap_or(i64::MAX);
                        @let mine = poll.mine.contains(&position);
                        div class=(if mine { "poll-option mine" } else { "poll-option" }) {
                            // The label holds its button, so no id ties them: a post
                            // shown twice on a page (pinned, then in the feed) has two.
                            @if may_vote {
                                label class="poll-label" {
                                    @match poll.poll.choice {
                                        Choice::Single => input type="radio" name="option" value=(n) checked[mine];,
                                        Choice::Multiple => input type="checkbox" name="option" value=(n) checked[mine];,
                                    }
                                    " " (label)
                                }
                            } @else {
                                span class="poll-label" { (label) }
                                @if mine { " " span class="badge" { (t!(tr, "polls-your-vote")) } }
                            }
                            @if let Some(count) = poll.counts.as_ref().and_then(|c| c.get(n).copied()) {
                                @let share = if poll.voters > 0 { count * 100 / poll.voters } else { 0 };
                                span class="poll-count" { (t!(tr, "polls-option-votes", count = count, share = share)) }
                                progress max=(poll.voters.max(1)) value=(count) aria-hidden="true" {}
                            }
                        }
                    }
                }
                @if may_vote {
                    button type="submit" {
                        @if voted { (t!(tr, "polls-change-vote")) } @else { (t!(tr, "polls-vote")) }
                    }
                }
            }
            p class="meta poll-meta" {
                (t!(tr, "polls-voters", count = poll.voters))
                " · "
                @match (poll.closed, &closing) {
                    (true, Some(when)) => (t!(tr, "polls-closed-at", when = when.as_str())),
                    (true, None) => (t!(tr, "polls-closed")),
                    (false, Some(when)) => (t!(tr, "polls-closes-at", when = when.as_str())),
                    (false, None) => (t!(tr, "polls-open")),
                }
                @if poll.counts.is_none() {
                    " · "
                    @match poll.poll.results {
                        ResultsShown::AtClose => (t!(tr, "polls-results-hidden-until-close")),
                        ResultsShown::AfterVote => (t!(tr, "polls-results-hidden-until-vote")),
                    }
                }
                " · "
                @match poll.poll.votes {
                    VoteKind::Named => (t!(tr, "polls-named")),
                    VoteKind::Anonymous => (t!(tr, "polls-anonymous")),
                }
            }
            div class="poll-actions" {
                @if poll.poll.votes == VoteKind::Named && poll.counts.is_some() && poll.voters > 0 {
                    a href={"/posts/" (id) "/poll/voters"} { (t!(tr, "polls-who-voted")) }
                }
                @if voted && may_vote {
                    form method="post" action={"/posts/" (id) "/poll/withdraw"} data-enhance=(enhance) data-source=(source) {
                        input type="hidden" name="csrf" value=(cx.reader.csrf);
                        button type="submit" class="link" { (t!(tr, "polls-withdraw")) }
                    }
                }
                @if may_close {
                    form method="post" action={"/posts/" (id) "/poll/close"} data-enhance=(enhance) data-source=(source)
                        data-confirm=(t!(tr, "polls-close-confirm")) {
                        input type="hidden" name="csrf" value=(cx.reader.csrf);
                        button type="submit" class="link" { (t!(tr, "polls-close")) }
                    }
                }
            }
        }
    }
}

fn back_to(headers: &HeaderMap, id: PostId) -> Redirect {
    Redirect::to(&super::posts::back_to_post(headers, id))
}

async fn vote(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath(id): PagePath<PostId>,
    posted: Posted<Vec<(String, String)>>,
) -> PageResult {
    let mut chosen = Vec::new();
    for (name, value) in &posted.form {
        if name == "option" {
            chosen.push(value.parse::<i64>().map_err(|_| {
                AppError::from(ValidationError::new(
                    "options",
                    "choose among the poll's options",
                ))
            })?);
        }
    }
    polls::vote(&state.app, &posted.reader.actor(), id, &chosen).await?;
    Ok(back_to(&headers, id).into_response())
}

#[derive(Deserialize)]
pub struct EmptyForm {}

async fn withdraw(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath(id): PagePath<PostId>,
    posted: Posted<EmptyForm>,
) -> PageResult {
    polls::withdraw(&state.app, &posted.reader.actor(), id).await?;
    Ok(back_to(&headers, id).into_response())
}

async fn close(
    State(state): State<AppState>,
    headers: HeaderMap,
    PagePath(id): PagePath<PostId>,
    posted: Posted<EmptyForm>,
) -> PageResult {
    polls::close(&state.app, posted.acting(), id).await?;
    Ok(back_to(&headers, id).into_response())
}

async fn voters(
    State(state): State<AppState>,
    reader: Reader,
    PagePath(id): PagePath<PostId>,
) -> PageResult {
    let options = polls::voters(&state.app, &reader.actor(), id).await?;
    let tr = tr();
    Ok(layout::signed_in(
        &t!(tr, "polls-who-voted"),
        &reader,
        Section::Other,
        html! {
            section class="card" aria-labelledby="voters-title" {
                h1 id="voters-title" { (t!(tr, "polls-who-voted")) }
                p { a href=(links::post(id)) { (t!(tr, "polls-back-to-post")) } }
                @for option in &options {
                    h2 { (t!(tr, "polls-option-heading", option = option.label.as_str(), count = option.people.len())) }
                    @if option.people.is_empty() {
                        p class="hint" { (t!(tr, "polls-nobody-chose")) }
                    } @else {
                        ul class="people-list" {
                            @for (person, name) in &option.people {
                                li { a href=(links::person(person)) { (name) } }
                            }
                        }
                    }
                }
            }
        },
    )
    .into_response())
}
