//! Polls on posts: setting one up with a new post, voting and changing one's vote,
//! closing early, who voted for what (named polls), and telling authors when their
//! polls close. Who may see a poll is who may read its post.

use crate::access::{load_readable, place};
use crate::audit::{self, Acting, Target};
use crate::fan_out::{self, Notice};
use crate::live::{Event, LiveEvent, PollUpdated};
use crate::notifications::{About, excerpt_of};
use crate::{App, AppError, signed_in};
use hearth_domain::poll::{
    AllowedVotes, Choice, Poll, ResultsShown, VoteKind, parse_ballot, parse_closes_at,
    parse_options,
};
use hearth_domain::post::Moderation;
use hearth_domain::{Actor, Millis, NotificationKind, Post, PostId, User, UserId, ValidationError};
use hearth_domain::{AuditAction, policy};
use hearth_store::polls::{self as store, Tally};
use hearth_store::{Conn, communities};
use std::collections::HashMap;

/// A poll as its author types it, attached to a new post.
#[derive(Debug, Clone, Default)]
pub struct NewPoll {
    /// The options' labels, in order; blank ones are dropped.
    pub options: Vec<String>,
    /// `single` (the default) or `multiple`.
    pub choice: Option<String>,
    /// `after_vote` (the default) or `at_close`.
    pub results: Option<String>,
    /// `anonymous` or `named`; the default is what the network allows, anonymous
    /// when it allows both.
    pub votes: Option<String>,
    pub closes_at: Option<Millis>,
}

fn word<T>(
    field: &'static str,
    raw: Option<&str>,
    parse: fn(&str) -> Option<T>,
    choices: &str,
    default: T,
) -> Result<T, ValidationError> {
    match raw {
        None => Ok(default),
        Some(raw) => parse(raw)
            .ok_or_else(|| ValidationError::new(field, format!("use one of {}", choices.trim()))),
    }
}

/// Checks a new poll, for a post about to be written with `post_id`.
pub(crate) async fn prepare(
    db: &mut Conn,
    user: &User,
    post_id: PostId,
    input: &NewPoll,
    now: Millis,
) -> Result<Poll, AppError> {
    let options = parse_options(&input.options)?;
    let choice = word(
        "choice",
        input.choice.as_deref(),
        Choice::parse,
        Choice::choices(),
        Choice::Single,
    )?;
    let results = word(
        "results",
        input.results.as_deref(),
        ResultsShown::parse,
        ResultsShown::choices(),
        ResultsShown::AfterVote,
    )?;
    let allowed = store::allowed_votes(db, user.network_id).await?;
    let fallback = match allowed {
        AllowedVotes::Named => VoteKind::Named,
        AllowedVotes::Any | AllowedVotes::Anonymous => VoteKind::Anonymous,
    };
    let votes = word(
        "votes",
        input.votes.as_deref(),
        VoteKind::parse,
        VoteKind::choices(),
        fallback,
    )?;
    if !allowed.allows(votes) {
        return Err(ValidationError::new(
            "votes",
            match allowed {
                AllowedVotes::Named => "this network allows only named votes",
                _ => "this network allows only anonymous votes",
            },
        )
        .into());
    }
    let closes_at = parse_closes_at(input.closes_at, now)?;
    if results == ResultsShown::AtClose && closes_at.is_none() {
        return Err(ValidationError::new(
            "closes_at",
            "results shown at close need a closing time",
        )
        .into());
    }
    Ok(Poll {
        post_id,
        choice,
        results,
        votes,
        closes_at,
        options,
    })
}

/// A poll as one reader sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PollView {
    pub poll: Poll,
    pub closed: bool,
    /// How many people voted; everyone who sees the poll sees this.
    pub voters: i64,
    /// The reader's choices, by position; empty until they vote.
    pub mine: Vec<i64>,
    /// Votes per option in order, when this reader may see them (see
    /// [`Poll::shows_results`]).
    pub counts: Option<Vec<i64>>,
}

fn view(poll: Poll, tally: Tally, reader: &User, author: UserId, now: Millis) -> PollView {
    let closed = poll.is_closed(now);
    let shown = poll.shows_results(author == reader.id, !tally.mine.is_empty(), now);
    let counts = shown.then(|| {
        (0..poll.options.len())
            .map(|n| {
                let position = i64::try_from(n).unwrap_or(i64::MAX);
                tally.per_option.get(&position).copied().unwrap_or(0)
            })
            .collect()
    });
    PollView {
        poll,
        closed,
        voters: tally.voters,
        mine: tally.mine,
        counts,
    }
}

/// The polls of these posts (already checked readable), as this reader sees them.
pub(crate) async fn views_of(
    db: &mut Conn,
    reader: &User,
    posts: &[&Post],
    now: Millis,
) -> Result<HashMap<PostId, PollView>, AppError> {
    let top_level: Vec<PostId> = posts
        .iter()
        .filter(|p| p.carries_extras())
        .map(|p| p.id)
        .collect();
    let polls = store::of(db, &top_level).await?;
    if polls.is_empty() {
        return Ok(HashMap::new());
    }
    let ids: Vec<PostId> = polls.keys().copied().collect();
    let mut tallies = store::tallies(db, &ids, reader.id).await?;
    let authors: HashMap<PostId, UserId> = posts.iter().map(|p| (p.id, p.author_id)).collect();
    Ok(polls
        .into_iter()
        .map(|(id, poll)| {
            let tally = tallies.remove(&id).unwrap_or_default();
            let author = authors.get(&id).copied().unwrap_or(UserId(0));
            (id, view(poll, tally, reader, author, now))
        })
        .collect())
}

async fn load_poll(db: &mut Conn, post: PostId) -> Result<Poll, AppError> {
    store::get(db, post)
        .await?
        .ok_or(AppError::NotFound("poll"))
}

/// Who is told live that a poll changed: whoever may read a company-wide poll, or
/// the members of its community (read before the write turn, as for a new post).
/// Nobody, for a poll whose post others may not see (held, hidden or deleted).
async fn audience(db: &mut Conn, post: &Post) -> Result<Option<Vec<UserId>>, AppError> {
    if post.deleted_at.is_some() || post.moderation != Moderation::Visible {
        return Ok(None);
    }
    Ok(Some(match post.community_id {
        None => Vec::new(),
        Some(community) => communities::member_ids(db, community)
            .await?
            .into_iter()
            .map(UserId)
            .collect(),
    }))
}

/// Tells the poll's readers, after its change committed, with the count of voters
/// read then: the event is not kept, so nothing of it is written.
fn tell(app: &App, post: &Post, members: Option<Vec<UserId>>, shown: &PollView) {
    let Some(community_members) = members else {
        return;
    };
    let event = Event::PollUpdated(PollUpdated {
        post_id: post.id,
        voters: shown.voters,
        closed: shown.closed,
        community_id: post.community_id,
        community_members,
    });
    match LiveEvent::new(None, post.network_id, &event, app.now()) {
        Ok(event) => app.publish([event]),
        Err(err) => {
            tracing::warn!(error = %err, post.id = %post.id, "could not tell a poll's readers")
        }
    }
}

async fn reread(app: &App, user: &User, post: &Post) -> Result<PollView, AppError> {
    let mut db = app.store().conn().await?;
    views_of(&mut db, user, &[post], app.now())
        .await?
        .remove(&post.id)
        .ok_or(AppError::NotFound("poll"))
}

fn closed() -> AppError {
    AppError::Forbidden("this poll is closed and takes no more votes")
}

/// Casts the reader's vote, or replaces the one they cast: `options` are positions,
/// one for a single-choice poll, one or more for a multiple-choice poll.
pub async fn vote(
    app: &App,
    actor: &Actor,
    post: PostId,
    options: &[i64],
) -> Result<PollView, AppError> {
    let user = signed_in(actor)?;
    let mut db = app.store().conn().await?;
    let (post, rows) = load_readable(&mut db, user, post).await?;
    let poll = load_poll(&mut db, post.id).await?;
    policy::may_vote(user, &post, place(&rows), poll.is_closed(app.now()))?;
    let ballot = parse_ballot(&poll, options)?;
    let members = audience(&mut db, &post).await?;
    // A writer waiting its turn must not hold a connection the writer ahead needs.
    drop(db);
    let mut tx = app.store().begin().await?;
    // Checked again in the write: the poll may have closed while this vote waited.
    if !store::cast(&mut tx, post.id, user.id, &ballot, app.now()).await? {
        return Err(closed());
    }
    tx.commit().await?;
    let shown = reread(app, user, &post).await?;
    tell(app, &post, members, &shown);
    Ok(shown)
}

/// Takes the reader's vote back, while the poll is open.
pub async fn withdraw(app: &App, actor: &Actor, post: PostId) -> Result<PollView, AppError> {
    let user = signed_in(actor)?;
    let mut db = app.store().conn().await?;
    let (post, rows) = load_readable(&mut db, user, post).await?;
    let poll = load_poll(&mut db, post.id).await?;
    policy::may_vote(user, &post, place(&rows), poll.is_closed(app.now()))?;
    let members = audience(&mut db, &post).await?;
    drop(db);
    let mut tx = app.store().begin().await?;
    let withdrawn = match store::withdraw(&mut tx, post.id, user.id, app.now()).await? {
        Some(withdrawn) => withdrawn,
        None => return Err(closed()),
    };
    tx.commit().await?;
    let shown = reread(app, user, &post).await?;
    if withdrawn {
        tell(app, &post, members, &shown);
    }
    Ok(shown)
}

/// Closes a poll now (its author, the community's managers, network admins); a
/// manager closing someone else's poll is audited, and its author told.
pub async fn close(app: &App, acting: Acting<'_>, post: PostId) -> Result<PollView, AppError> {
    let user = signed_in(acting.actor)?;
    let mut db = app.store().conn().await?;
    let (post, rows) = load_readable(&mut db, user, post).await?;
    let poll = load_poll(&mut db, post.id).await?;
    policy::may_close_poll(user, &post, place(&rows))?;
    let already_closed = || AppError::Conflict {
        message: "this poll is already closed".to_owned(),
        field: None,
    };
    if poll.is_closed(app.now()) {
        return Err(already_closed());
    }
    let members = audience(&mut db, &post).await?;
    drop(db);
    let mut tx = app.store().begin().await?;
    // Closed in the meantime, by someone else or by its time: nothing more to do.
    if !store::close(&mut tx, post.id, app.now()).await? {
        return Err(already_closed());
    }
    let mut told_author = None;
    if post.author_id != user.id {
        let notice = Notice {
            network: post.network_id,
            recipient: post.author_id,
            kind: NotificationKind::PollClosed,
            about: About::Post(post.id.0),
            group_key: format!("poll_closed:{}", post.id),
            actor: user,
            excerpt: &post.body_markdown,
        };
        told_author = fan_out::notify(&mut tx, app, notice).await?;
        let target = Target {
            kind: "post",
            id: Some(post.id.0),
            name: excerpt_of(&post.body_markdown),
        };
        audit::record(
            &mut tx,
            app,
            acting,
            post.network_id,
            AuditAction::PollClosed,
            target,
            "",
            serde_json::json!({ "author_id": post.author_id.to_string() }),
        )
        .await?;
    }
    tx.commit().await?;
    app.publish(told_author);
    tracing::info!(post.id = %post.id, user.id = %user.id, "poll closed");
    let shown = reread(app, user, &post).await?;
    tell(app, &post, members, &shown);
    Ok(shown)
}

/// Who chose an option of a named poll.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionVoters {
    pub label: String,
    pub people: Vec<(UserId, String)>,
}

/// Who voted for what, in a named poll whose results the reader may see.
pub async fn voters(app: &App, actor: &Actor, post: PostId) -> Result<Vec<OptionVoters>, AppError> {
    let user = signed_in(actor)?;
    let mut db = app.store().conn().await?;
    let (post, _) = load_readable(&mut db, user, post).await?;
    let shown = views_of(&mut db, user, &[&post], app.now())
        .await?
        .remove(&post.id)
        .ok_or(AppError::NotFound("poll"))?;
    if shown.poll.votes == VoteKind::Anonymous {
        return Err(AppError::Forbidden("the votes of this poll are anonymous"));
    }
    if shown.counts.is_none() {
        return Err(AppError::Forbidden(
            "who voted shows with the results: after you vote, or when the poll closes",
        ));
    }
    let mut options: Vec<OptionVoters> = shown
        .poll
        .options
        .iter()
        .map(|label| OptionVoters {
            label: label.clone(),
            people: Vec::new(),
        })
        .collect();
    for (position, voter, name) in store::voters(&mut db, post.id).await? {
        if let Some(option) = usize::try_from(position)
            .ok()
            .and_then(|n| options.get_mut(n))
        {
            option.people.push((voter, name));
        }
    }
    Ok(options)
}

/// How many closed polls one run tells about at most.
const CLOSING_BATCH: i64 = 100;

/// Tells the authors of polls that closed at their time, once each across nodes,
/// and their readers' clients that the results are in. Run periodically; answers
/// how many were told about. One poll that cannot be told about is logged and
/// passed over, never holding up the others.
pub async fn tell_closed(app: &App) -> Result<usize, AppError> {
    let due = {
        let mut db = app.store().conn().await?;
        store::closed_untold(&mut db, app.now(), CLOSING_BATCH).await?
    };
    let mut told = 0;
    for (id, network) in due {
        match tell_one_closed(app, id, network).await {
            Ok(true) => told += 1,
            Ok(false) => {}
            Err(err) => {
                tracing::warn!(error = %err, post.id = %id, "could not tell that a poll closed");
            }
        }
    }
    Ok(told)
}

async fn tell_one_closed(
    app: &App,
    id: PostId,
    network: hearth_domain::NetworkId,
) -> Result<bool, AppError> {
    let mut db = app.store().conn().await?;
    let post = hearth_store::posts::get(&mut db, network, id).await?;
    let author = match &post {
        Some(post) => hearth_store::users::get(&mut db, post.author_id).await?,
        None => None,
    };
    let members = match &post {
        Some(post) => audience(&mut db, post).await?,
        None => None,
    };
    drop(db);
    let mut tx = app.store().begin().await?;
    // Whoever claims it tells; a poll whose post is gone is only marked told.
    if !store::claim_told(&mut tx, id, app.now()).await? {
        return Ok(false);
    }
    let mut notified = None;
    if let (Some(post), Some(author), Some(_)) = (&post, &author, &members) {
        let notice = Notice {
            network: post.network_id,
            recipient: post.author_id,
            kind: NotificationKind::PollClosed,
            about: About::Post(post.id.0),
            group_key: format!("poll_closed:{}", post.id),
            actor: author,
            excerpt: &post.body_markdown,
        };
        notified = fan_out::remind(&mut tx, app, notice).await?;
    }
    tx.commit().await?;
    app.publish(notified);
    if let (Some(post), Some(author)) = (&post, &author) {
        let shown = reread(app, author, post).await?;
        tell(app, post, members, &shown);
    }
    Ok(true)
}

/// The network's setting: which kinds of vote its polls may have.
pub async fn allowed_votes(app: &App, actor: &Actor) -> Result<AllowedVotes, AppError> {
    let mut db = app.store().conn().await?;
    let network = audit::network_of(&mut db, actor).await?;
    Ok(store::allowed_votes(&mut db, network).await?)
}

/// Sets which kinds of vote the network's new polls may have (network admins).
/// Polls already open keep theirs.
pub async fn set_allowed_votes(
    app: &App,
    acting: Acting<'_>,
    raw: &str,
) -> Result<AllowedVotes, AppError> {
    policy::may_configure_network(acting.actor)?;
    let allowed = AllowedVotes::parse(raw).ok_or_else(|| {
        ValidationError::new(
            "votes",
            format!("use one of {}", AllowedVotes::choices().trim()),
        )
    })?;
    let mut tx = app.store().begin().await?;
    let network = audit::network_of(&mut tx, acting.actor).await?;
    let before = store::allowed_votes(&mut tx, network).await?;
    store::set_allowed_votes(&mut tx, network, allowed).await?;
    audit::record(
        &mut tx,
        app,
        acting,
        network,
        AuditAction::PollVotesSet,
        Target::network(network),
        "",
        serde_json::json!({ "before": before.as_str(), "poll_votes": allowed.as_str() }),
    )
    .await?;
    tx.commit().await?;
    Ok(allowed)
}
