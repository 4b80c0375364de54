//! Posts, replies, shares, reactions and best answers.

use crate::access::{load_place, load_readable, place, reader};
use crate::content_limits::Creation;
use crate::fan_out::{self, Notice};
use crate::live::{self, Event, LiveEvent, PostCreated, ReactionAdded, Reactor};
use crate::notifications::About;
use crate::page_comments::PageLink;
use crate::polls::{self, NewPoll};
use crate::praise::{self, NewPraise};
use crate::uploads;
use crate::{App, AppError, moderation, signed_in};
use hearth_domain::NotificationKind;
use hearth_domain::article::Article;
use hearth_domain::markdown;
use hearth_domain::policy;
use hearth_domain::poll::Poll;
use hearth_domain::post::{Moderation, parse_body};
use hearth_domain::praise::Praise;
use hearth_domain::upload::Upload;
use hearth_domain::{
    Actor, CommunityId, Post, PostId, PostKind, ReactionKind, UploadId, User, UserId,
    ValidationError,
};
use hearth_store::posts::{self, Links, PostStats};
use hearth_store::uploads::Target;
use hearth_store::{Conn, PooledConn, communities, profiles};
use std::collections::BTreeSet;

/// How many mentions, hashtags and post links of one body are recorded.
const MAX_LINKS: usize = 50;

/// Renders a body and finds what it refers to: mentions of real colleagues, hashtags,
/// and links to other posts of the network.
async fn render(
    db: &mut Conn,
    user: &User,
    markdown_source: &str,
    own_id: PostId,
    as_article: bool,
) -> Result<(String, Vec<String>, Vec<UserId>, Vec<PostId>), AppError> {
    let found = markdown::extract(markdown_source);
    let mentioned = mentioned_in(db, user, found.mentions).await?;
    let known: BTreeSet<String> = mentioned.iter().map(|(h, _)| h.clone()).collect();
    let html = if as_article {
        markdown::render_article(markdown_source, &known)
    } else {
        markdown::render(markdown_source, &known)
    };
    let links: Vec<i64> = found
        .post_links
        .into_iter()
        .filter(|id| *id != own_id.0)
        .take(MAX_LINKS)
        .collect();
    let references = posts::existing_ids(db, user.network_id, &links).await?;
    Ok((
        html,
        found.hashtags.into_iter().take(MAX_LINKS).collect(),
        mentioned.into_iter().map(|(_, id)| id).collect(),
        references,
    ))
}

/// The colleagues a body mentions, as `(handle, id)`. A body may name any number of
/// people, tags and posts; only the first few count, so no post can make its
/// author's request look up or write thousands of rows.
pub(crate) async fn mentioned_in(
    db: &mut Conn,
    user: &User,
    mentions: BTreeSet<String>,
) -> Result<Vec<(String, UserId)>, AppError> {
    let handles: Vec<String> = mentions.into_iter().take(MAX_LINKS).collect();
    Ok(profiles::ids_for_handles(db, user.network_id, &handles).await?)
}

/// A new post by `user` with every optional part empty, to fill in.
fn blank(app: &App, user: &User, id: PostId) -> Post {
    Post {
        id,
        network_id: user.network_id,
        author_id: user.id,
        community_id: None,
        kind: PostKind::Discussion,
        root_id: None,
        parent_id: None,
        shared_post_id: None,
        body_markdown: String::new(),
        body_html: String::new(),
        best_answer_id: None,
        created_at: app.now(),
        edited_at: None,
        deleted_at: None,
        moderation: Moderation::Visible,
        locked_at: None,
        pinned_at: None,
    }
}

/// What a new top-level post may carry besides its words and files.
#[derive(Default, Clone, Copy)]
struct Extras<'a> {
    poll: Option<&'a Poll>,
    praise: Option<&'a Praise>,
    /// The article this post publishes, as it was read to make the post.
    article: Option<&'a Article>,
    /// The intranet page whose comments this post begins.
    page: Option<&'a PageLink>,
}

/// Renders a new post's markdown on a read connection, then writes the post and its
/// links in one short transaction.
///
/// Checks and lookups run before the write transaction on purpose: on SQLite writers
/// take turns, and every statement inside the turn delays every other writer. The
/// price is a benign race: someone removed from a community in the same instant may
/// still see their post land, as if they had sent it a moment earlier.
async fn write_new(
    app: &App,
    mut db: PooledConn,
    user: &User,
    mut post: Post,
    attachments: &[Upload],
    extras: Extras<'_>,
) -> Result<Post, AppError> {
    let (html, hashtags, mentioned, references) = render(
        &mut db,
        user,
        &post.body_markdown,
        post.id,
        extras.article.is_some(),
    )
    .await?;
    // An article's title and summary are its words too.
    let screened = match extras.article {
        Some(article) => format!(
            "{}\n{}\n{}",
            article.title, article.summary, post.body_markdown
        ),
        None => post.body_markdown.clone(),
    };
    let screening = moderation::screen(&mut db, user.network_id, &screened).await?;
    if screening.as_ref().is_some_and(|s| s.hold) {
        post.moderation = Moderation::Held;
    }
    // A held post is announced to nobody: only its author and moderators may see it.
    let announcement = if post.is_reply() || post.moderation != Moderation::Visible {
        None
    } else {
        Some(post_created(&mut db, &post).await?)
    };
    // Give the read connection back before queueing to write: a writer waiting its
    // turn must not hold a connection the writer ahead of it needs.
    drop(db);
    post.body_html = html;
    let links = Links {
        hashtags: &hashtags,
        mentioned: &mentioned,
        references: &references,
    };
    let mut tx = app.store().begin().await?;
    posts::insert(&mut tx, &post).await?;
    posts::insert_links(&mut tx, &post, &links).await?;
    if let Some(poll) = extras.poll {
        hearth_store::polls::insert(&mut tx, post.network_id, poll).await?;
    }
    if let Some(praise) = extras.praise {
        hearth_store::praise::insert(&mut tx, post.network_id, praise).await?;
    }
    if let Some(article) = extras.article
        && !hearth_store::articles::mark_published(&mut tx, article, post.id, app.now()).await?
    {
        // Another node's worker or a second click published it first, or the author
        // changed it meanwhile; this transaction's post goes with the rollback.
        return Err(AppError::Conflict {
            message: "this article changed meanwhile; reload it".to_owned(),
            field: None,
        });
    }
    if let Some(page) = extras.page {
        let thread = hearth_store::embedding::PageThread {
            post_id: post.id,
            url: page.url.clone(),
            title: page.title.clone(),
        };
        if !hearth_store::embedding::start_thread(&mut tx, post.network_id, &thread, app.now())
            .await?
        {
            // Another first comment on the page won; this post goes with the
            // rollback, and the caller makes it a reply instead.
            return Err(AppError::Conflict {
                message: "this page's discussion began meanwhile".to_owned(),
                field: None,
            });
        }
    }
    let attachment_ids: Vec<UploadId> = attachments.iter().map(|u| u.id).collect();
    uploads::attach(&mut tx, user, Target::Post(post.id), &attachment_ids).await?;
    // After the cover, which the body may show too.
    if let Some(article) = extras.article {
        let named = hearth_domain::article::files_named(&post.body_markdown);
        hearth_store::article_files::attach_kept(&mut tx, article.id, post.id, &named).await?;
    }
    let told = match &screening {
        Some(screening) => moderation::flag(&mut tx, app, &post, screening).await?,
        None => None,
    };
    let announced = match announcement {
        Some(event) => Some(live::record(&mut tx, app, post.network_id, event).await?),
        None => None,
    };
    // A held post is told about to nobody: only its author and moderators see it.
    let tell = post.moderation == Moderation::Visible;
    if tell {
        fan_out::leave(&mut tx, app, &post).await?;
    }
    tx.commit().await?;
    app.publish(announced.into_iter().chain(told));
    if tell {
        fan_out::start(app, &post);
        fan_out::room(app).await;
    }
    Ok(post)
}

/// A new top-level post, for the live stream of everyone whose feed it may reach:
/// the whole network, or the community's members. Read before the post's write turn
/// (a whole community's members are no work for a writer's turn); someone joining in
/// that instant sees the post at their next feed page instead of live.
async fn post_created(db: &mut Conn, post: &Post) -> Result<Event, AppError> {
    let community_members = match post.community_id {
        None => Vec::new(),
        Some(community) => communities::member_ids(db, community)
            .await?
            .into_iter()
            .map(UserId)
            .collect(),
    };
    Ok(Event::PostCreated(PostCreated {
        post_id: post.id,
        community_id: post.community_id,
        author_id: post.author_id,
        community_members,
    }))
}

/// A new top-level post or share.
#[derive(Debug, Clone, Default)]
pub struct NewPost {
    /// `None` posts to the whole company.
    pub community_id: Option<CommunityId>,
    /// `discussion` (the default), `question` or `announcement`.
    pub kind: Option<String>,
    pub body: String,
    /// Quote this post (a share); the body is then an optional comment.
    pub shared_post_id: Option<PostId>,
    /// The writer's uploads to attach, in this order.
    pub attachments: Vec<UploadId>,
    /// A poll to put to the post's readers (not on a share).
    pub poll: Option<NewPoll>,
    /// Colleagues to thank publicly (not on a share).
    pub praise: Option<NewPraise>,
}

/// Posts to the company or a community, or shares another post there.
pub async fn create(app: &App, actor: &Actor, input: &NewPost) -> Result<Post, AppError> {
    let user = signed_in(actor)?;
    let kind = match input.kind.as_deref() {
        None => PostKind::Discussion,
        Some(raw) => PostKind::parse(raw).ok_or_else(|| {
            ValidationError::new("kind", format!("use one of {}", PostKind::choices().trim()))
        })?,
    };
    let body = parse_body(
        &input.body,
        input.shared_post_id.is_some() || !input.attachments.is_empty(),
    )?;
    let mut db = app.store().conn().await?;
    let rows = load_place(&mut db, user, input.community_id).await?;
    policy::may_write_in(user, place(&rows), kind)?;
    if let Some(shared) = input.shared_post_id {
        // Only what the sharer may read can be shared; the share never widens who
        // may read the original (readers are checked again when it is shown).
        load_readable(&mut db, user, shared).await.map_err(|_| {
            ValidationError::new("shared_post_id", "there is no such post you can share")
        })?;
    }
    let attachments = uploads::check_attachable(&mut db, user, &input.attachments).await?;
    let id = PostId(app.next_id());
    let poll = match &input.poll {
        Some(_) if input.shared_post_id.is_some() => {
            return Err(ValidationError::new("poll", "a share cannot carry a poll").into());
        }
        Some(poll) => Some(polls::prepare(&mut db, user, id, poll, app.now()).await?),
        None => None,
    };
    let praise = match &input.praise {
        Some(_) if input.shared_post_id.is_some() => {
            return Err(ValidationError::new("praise", "a share cannot carry praise").into());
        }
        Some(praise) => Some(praise::prepare(&mut db, user, id, &rows, praise, app.now()).await?),
        None => None,
    };
    app.may_create(Creation::Post, user)?;
    let post = write_new(
        app,
        db,
        user,
        Post {
            id,
            community_id: input.community_id,
            kind,
            shared_post_id: input.shared_post_id,
            body_markdown: body,
            ..blank(app, user, id)
        },
        &attachments,
        Extras {
            poll: poll.as_ref(),
            praise: praise.as_ref(),
            ..Extras::default()
        },
    )
    .await?;
    tracing::info!(post.id = %post.id, user.id = %user.id, "post created");
    Ok(post)
}

/// Publishes an article as `author`: writes the post that carries its body, with its
/// cover attached, and marks the article published in the same transaction, once.
/// The caller checked that the author may publish there.
pub(crate) async fn publish_article(
    app: &App,
    author: &User,
    article: &Article,
    body: String,
) -> Result<Post, AppError> {
    let mut db = app.store().conn().await?;
    let cover: Vec<UploadId> = article.cover_id.into_iter().collect();
    // The cover is kept for its article (see `uploads::check_attachable`): it must
    // still be the author's and attached nowhere.
    let attachments = hearth_store::uploads::get_many(&mut db, author.network_id, &cover).await?;
    if attachments.len() != cover.len()
        || attachments
            .iter()
            .any(|u| !u.is_free_attachment_of(author.id))
    {
        return Err(ValidationError::new("cover_id", "there is no image of yours to use").into());
    }
    let id = PostId(app.next_id());
    write_new(
        app,
        db,
        author,
        Post {
            id,
            community_id: article.community_id,
            body_markdown: body,
            ..blank(app, author, id)
        },
        &attachments,
        Extras {
            article: Some(article),
            ..Extras::default()
        },
    )
    .await
}

/// The first comment on an intranet page: a post in `community` (or company-wide)
/// that begins the page's thread.
pub(crate) async fn start_page_thread(
    app: &App,
    user: &User,
    community: Option<CommunityId>,
    body: &str,
    page: &PageLink,
) -> Result<Post, AppError> {
    let body = parse_body(body, false)?;
    let mut db = app.store().conn().await?;
    let rows = load_place(&mut db, user, community).await?;
    policy::may_write_in(user, place(&rows), PostKind::Discussion)?;
    app.may_create(Creation::Post, user)?;
    let id = PostId(app.next_id());
    write_new(
        app,
        db,
        user,
        Post {
            id,
            community_id: community,
            body_markdown: body,
            ..blank(app, user, id)
        },
        &[],
        Extras {
            page: Some(page),
            ..Extras::default()
        },
    )
    .await
}

/// Replies to a post or to another reply, at any depth.
pub async fn reply(app: &App, actor: &Actor, parent: PostId, body: &str) -> Result<Post, AppError> {
    reply_with(app, actor, parent, body, &[]).await
}

/// Replies with files attached; the text may then be empty.
pub async fn reply_with(
    app: &App,
    actor: &Actor,
    parent: PostId,
    body: &str,
    attachments: &[UploadId],
) -> Result<Post, AppError> {
    let user = signed_in(actor)?;
    let body = parse_body(body, !attachments.is_empty())?;
    let mut db = app.store().conn().await?;
    let (parent, rows) = load_readable(&mut db, user, parent).await?;
    policy::may_write_in(user, place(&rows), PostKind::Discussion)?;
    let root = match parent.root_id {
        None => parent.clone(),
        Some(root) => posts::get(&mut db, user.network_id, root)
            .await?
            .ok_or(AppError::NotFound("post"))?,
    };
    policy::may_reply_in(&root)?;
    let attachments = uploads::check_attachable(&mut db, user, attachments).await?;
    app.may_create(Creation::Reply, user)?;
    let id = PostId(app.next_id());
    let post = write_new(
        app,
        db,
        user,
        Post {
            community_id: parent.community_id,
            root_id: Some(parent.thread_id()),
            parent_id: Some(parent.id),
            body_markdown: body,
            ..blank(app, user, id)
        },
        &attachments,
        Extras::default(),
    )
    .await?;
    Ok(post)
}

/// Screens an article's new title and summary as an edit's words are screened: a
/// watched term flags the post for review, and a held one keeps it from readers
/// until a moderator decides.
pub(crate) async fn screen_article_words(
    app: &App,
    user: &User,
    post: PostId,
    words: &str,
) -> Result<(), AppError> {
    let screening = {
        let mut db = app.store().conn().await?;
        moderation::screen(&mut db, user.network_id, words).await?
    };
    let Some(screening) = screening else {
        return Ok(());
    };
    let mut tx = app.store().begin().await?;
    let told = apply_screening(&mut tx, app, user.network_id, post, &screening).await?;
    tx.commit().await?;
    app.publish(told);
    Ok(())
}

/// What watched terms found in a stored post's new words does to it, in the edit's
/// transaction: a held term sends a visible post back to review (a hidden one stays
/// hidden), and the post is flagged. Answers the event to publish after commit.
async fn apply_screening(
    tx: &mut Conn,
    app: &App,
    network: hearth_domain::NetworkId,
    id: PostId,
    screening: &moderation::Screening,
) -> Result<Option<LiveEvent>, AppError> {
    let mut current = posts::get(tx, network, id)
        .await?
        .ok_or(AppError::NotFound("post"))?;
    if screening.hold && current.moderation == Moderation::Visible {
        posts::set_moderation(tx, id, Moderation::Held).await?;
        current.moderation = Moderation::Held;
    }
    moderation::flag(tx, app, &current, screening).await
}

/// The author rewrites a post; the previous text is kept for admins.
pub async fn edit(app: &App, actor: &Actor, id: PostId, body: &str) -> Result<Post, AppError> {
    let user = signed_in(actor)?;
    let mut tx = app.store().begin().await?;
    let (post, _) = load_readable(&mut tx, user, id).await?;
    policy::may_edit_post(user, &post)?;
    // An article's body is longer than a post's, and its headings are anchored.
    let as_article = !hearth_store::articles::of_posts(&mut tx, &[id])
        .await?
        .is_empty();
    let body = if as_article {
        hearth_domain::article::parse_body(body, true)?
    } else {
        parse_body(body, post.shared_post_id.is_some())?
    };
    let (html, hashtags, mentioned, references) =
        render(&mut tx, user, &body, id, as_article).await?;
    posts::edit(&mut tx, &post, app.next_id(), &body, &html, app.now()).await?;
    if as_article {
        // An article's files are shown in its body, not beside it: the body says
        // which the post carries.
        let named = hearth_domain::article::files_named(&body);
        hearth_store::article_files::match_body(&mut tx, id, post.author_id, &named).await?;
    }
    let links = Links {
        hashtags: &hashtags,
        mentioned: &mentioned,
        references: &references,
    };
    posts::replace_links(&mut tx, &post, &links).await?;
    let mut told = None;
    if let Some(screening) = moderation::screen(&mut tx, user.network_id, &body).await? {
        told = apply_screening(&mut tx, app, user.network_id, id, &screening).await?;
    }
    let edited = posts::get(&mut tx, user.network_id, id)
        .await?
        .ok_or(AppError::NotFound("post"))?;
    tx.commit().await?;
    app.publish(told);
    Ok(edited)
}

/// Deletes a post (softly: it disappears, its replies stay in place).
pub async fn delete(app: &App, actor: &Actor, id: PostId) -> Result<(), AppError> {
    let user = signed_in(actor)?;
    let mut tx = app.store().begin().await?;
    let (post, rows) = load_readable(&mut tx, user, id).await?;
    policy::may_delete_post(user, &post, place(&rows))?;
    posts::soft_delete(&mut tx, id, user.id, app.now()).await?;
    // Its files go with it: a deleted post is never shown again, and its files are
    // nobody's to keep.
    hearth_store::uploads::delete_of_post(&mut tx, id).await?;
    if let Some(root) = post.root_id {
        let question = posts::get(&mut tx, user.network_id, root).await?;
        if question.is_some_and(|q| q.best_answer_id == Some(id)) {
            posts::set_best_answer(&mut tx, root, None).await?;
        }
    }
    tx.commit().await?;
    tracing::info!(post.id = %id, user.id = %user.id, "post deleted");
    Ok(())
}

/// An earlier version of an edited post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    pub body_markdown: String,
    /// An article's title and summary as they were; `None` for other posts.
    pub title: Option<String>,
    pub summary: Option<String>,
    pub replaced_at: hearth_domain::Millis,
}

/// Earlier versions of an edited post, oldest first (network admins only).
pub async fn versions(app: &App, actor: &Actor, id: PostId) -> Result<Vec<Version>, AppError> {
    let user = signed_in(actor)?;
    let mut db = app.store().conn().await?;
    let (post, _) = load_readable(&mut db, user, id).await?;
    policy::may_view_post_history(user, &post)?;
    Ok(posts::versions(&mut db, id)
        .await?
        .into_iter()
        .map(|version| Version {
            body_markdown: version.body_markdown,
            title: version.title,
            summary: version.summary,
            replaced_at: version.replaced_at,
        })
        .collect())
}

/// Adds (`on`) or removes a reaction of one kind; doing it twice changes nothing.
pub async fn react(
    app: &App,
    actor: &Actor,
    id: PostId,
    kind: &str,
    on: bool,
) -> Result<PostStats, AppError> {
    let user = signed_in(actor)?;
    let kind = ReactionKind::parse(kind).ok_or_else(|| {
        ValidationError::new(
            "kind",
            format!("use one of {}", ReactionKind::choices().trim()),
        )
    })?;
    let (post, _) = load_readable(&mut *app.store().conn().await?, user, id).await?;
    if on {
        app.may_create(Creation::Reaction, user)?;
    }
    // Writes take their turn like every other (see `Store::begin`).
    let mut tx = app.store().begin().await?;
    let mut told = None;
    let mut notified = None;
    if on {
        posts::add_reaction(&mut tx, id, user.id, kind, app.now()).await?;
        if post.author_id != user.id {
            told = Some(tell_author(&mut tx, app, user, &post, kind).await?);
            let notice = Notice {
                network: post.network_id,
                recipient: post.author_id,
                kind: NotificationKind::Reaction,
                about: About::Post(post.thread_id().0),
                group_key: format!("reaction:{}", post.id),
                actor: user,
                excerpt: &post.body_markdown,
            };
            notified = fan_out::notify(&mut tx, app, notice).await?;
        }
    } else {
        posts::remove_reaction(&mut tx, id, user.id, kind).await?;
    }
    tx.commit().await?;
    app.publish(told.into_iter().chain(notified));
    let mut db = app.store().conn().await?;
    let mut stats = posts::stats(&mut db, reader(user), &[&post]).await?;
    Ok(stats.remove(&post.id).unwrap_or_default())
}

/// A reaction, for the live stream of the post's author.
async fn tell_author(
    db: &mut Conn,
    app: &App,
    reactor: &User,
    post: &Post,
    kind: ReactionKind,
) -> Result<LiveEvent, AppError> {
    let event = Event::ReactionAdded(ReactionAdded {
        post_id: post.id,
        kind,
        user: Reactor {
            id: reactor.id,
            display_name: reactor.display_name.clone(),
        },
        post_author: post.author_id,
    });
    live::record(db, app, post.network_id, event).await
}

/// Who reacted to a post, and how.
pub async fn reactors(
    app: &App,
    actor: &Actor,
    id: PostId,
) -> Result<Vec<(ReactionKind, UserId, String)>, AppError> {
    let user = signed_in(actor)?;
    let mut db = app.store().conn().await?;
    load_readable(&mut db, user, id).await?;
    Ok(posts::reactors(&mut db, id).await?)
}

/// Marks (or with `None` clears) the best answer to a question: a reply in its thread.
pub async fn mark_best_answer(
    app: &App,
    actor: &Actor,
    question: PostId,
    answer: Option<PostId>,
) -> Result<(), AppError> {
    let user = signed_in(actor)?;
    let mut tx = app.store().begin().await?;
    let (question, rows) = load_readable(&mut tx, user, question).await?;
    policy::may_mark_best_answer(user, &question, place(&rows))?;
    if let Some(answer) = answer {
        let reply = posts::get(&mut tx, user.network_id, answer).await?;
        if !reply.is_some_and(|r| r.root_id == Some(question.id) && r.deleted_at.is_none()) {
            return Err(ValidationError::new(
                "answer_id",
                "the best answer must be a reply to this question",
            )
            .into());
        }
    }
    posts::set_best_answer(&mut tx, question.id, answer).await?;
    let mut notified = None;
    if let Some(answer) = answer
        && let Some(reply) = posts::get(&mut tx, user.network_id, answer).await?
    {
        let notice = Notice {
            network: reply.network_id,
            recipient: reply.author_id,
            kind: NotificationKind::BestAnswer,
            about: About::Post(reply.thread_id().0),
            group_key: format!("best_answer:{}", reply.id),
            actor: user,
            excerpt: &reply.body_markdown,
        };
        notified = fan_out::notify(&mut tx, app, notice).await?;
    }
    tx.commit().await?;
    app.publish(notified);
    Ok(())
}
