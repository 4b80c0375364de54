//! Articles: drafts private to their author, previews, publishing at once or at a
//! set time (once, whichever node's worker gets there), edits, the reading page,
//! reads counted for the author and admins, subscriptions to new articles, and who
//! may publish company-wide.

use crate::access::{load_place, load_readable, place};
use crate::audit::{self, Acting, Target};
use crate::feeds::{self, Feed, FeedPage, PostView};
use crate::{App, AppError, signed_in};
use hearth_domain::article::{
    self as rules, Article, ArticleStatus, CompanyArticles, Following, parse_publish_at,
    parse_summary,
};
use hearth_domain::markdown::{self, Heading};
use hearth_domain::{
    Actor, ArticleId, AuditAction, CommunityId, Millis, PostId, ReactionKind, UploadId, User,
    UserId, ValidationError, policy,
};
use hearth_store::articles as store;
use hearth_store::{Conn, posts, users};
use std::collections::BTreeSet;

/// What the author writes; saved as a draft until published.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    /// `None` publishes company-wide.
    pub community_id: Option<CommunityId>,
    pub title: String,
    pub summary: String,
    pub body: String,
    /// One of the author's image uploads.
    pub cover_id: Option<UploadId>,
    /// When the article last changed as the writer saw it (`updated_at`): a save
    /// made from an older copy (another tab, a late autosave) is refused rather
    /// than undoing a newer one. `None` saves whatever changed meanwhile.
    pub seen: Option<Millis>,
    /// An autosave, which never edits a published article: the editor it came
    /// from was opened on a draft that went out meanwhile.
    pub autosave: bool,
    /// Files of the author's sent with the editor (the page without its script,
    /// which uploads them as they are chosen and writes them in place): each is
    /// shown at the end of the body.
    pub files: Vec<UploadId>,
}

/// The body with the author's `files` written at its end, images in place and
/// other files as links (see [`rules::file_markdown`]).
async fn with_files(
    db: &mut Conn,
    user: &User,
    body: &str,
    files: &[UploadId],
) -> Result<String, AppError> {
    if files.is_empty() {
        return Ok(body.to_owned());
    }
    rules::check_file_count(files.len())?;
    let found = hearth_store::uploads::get_many(db, user.network_id, files).await?;
    let mut body = body.trim_end().to_owned();
    for id in files {
        let upload = found
            .iter()
            .find(|u| u.id == *id && u.is_free_attachment_of(user.id))
            .ok_or_else(|| {
                ValidationError::new("files", format!("there is no upload {id} of yours to add"))
            })?;
        if !body.is_empty() {
            body.push_str("\n\n");
        }
        body.push_str(&rules::file_markdown(upload));
    }
    Ok(body)
}

/// A draft's title may be empty while it is written; publishing needs one.
fn draft_title(raw: &str) -> Result<String, ValidationError> {
    if raw.trim().is_empty() {
        return Ok(String::new());
    }
    rules::parse_title(raw)
}

/// Checks that the author may write in the place, and that the cover is an image of
/// theirs attached nowhere and no other article's cover.
async fn check_draft(
    db: &mut Conn,
    user: &User,
    draft: &Draft,
    article: Option<ArticleId>,
) -> Result<(), AppError> {
    let rows = load_place(db, user, draft.community_id).await?;
    policy::may_write_in(user, place(&rows), hearth_domain::PostKind::Discussion)?;
    if let Some(cover) = draft.cover_id {
        let no_cover = || ValidationError::new("cover_id", "there is no image of yours to use");
        let found = hearth_store::uploads::get_many(db, user.network_id, &[cover]).await?;
        let usable = found.iter().any(|u| u.is_free_attachment_of(user.id));
        if !usable || hearth_store::article_files::is_reserved(db, cover, article).await? {
            return Err(no_cover().into());
        }
        if !found.iter().all(|u| u.content_type.starts_with("image/")) {
            return Err(ValidationError::new("cover_id", "the cover must be an image").into());
        }
    }
    Ok(())
}

/// Starts a draft.
pub async fn create(app: &App, actor: &Actor, draft: &Draft) -> Result<Article, AppError> {
    let user = signed_in(actor)?;
    let id = ArticleId(app.next_id());
    let mut db = app.store().conn().await?;
    let body = with_files(&mut db, user, &draft.body, &draft.files).await?;
    let article = Article {
        id,
        network_id: user.network_id,
        author_id: user.id,
        community_id: draft.community_id,
        title: draft_title(&draft.title)?,
        summary: parse_summary(&draft.summary)?,
        body_markdown: rules::parse_body(&body, false)?,
        cover_id: draft.cover_id,
        status: ArticleStatus::Draft,
        publish_at: None,
        post_id: None,
        created_at: app.now(),
        updated_at: app.now(),
    };
    check_draft(&mut db, user, draft, Some(id)).await?;
    drop(db);
    let mut tx = app.store().begin().await?;
    store::insert(&mut tx, &article).await?;
    keep_files(&mut tx, &article).await?;
    tx.commit().await?;
    Ok(article)
}

/// The author's own article, in any state; anyone else is told it does not exist.
async fn own(db: &mut Conn, user: &User, id: ArticleId) -> Result<Article, AppError> {
    let article = store::get(db, user.network_id, id)
        .await?
        .ok_or(AppError::NotFound("article"))?;
    if article.author_id == user.id {
        return Ok(article);
    }
    // Someone who may read the published article learns only that it is not theirs;
    // anyone else, not even that it exists.
    match article.post_id {
        Some(post) if load_readable(db, user, post).await.is_ok() => {
            Err(AppError::Forbidden("only the author can edit an article"))
        }
        _ => Err(AppError::NotFound("article")),
    }
}

fn changed_meanwhile() -> AppError {
    AppError::Conflict {
        message: "this article changed meanwhile; reload it".to_owned(),
        field: None,
    }
}

/// The next `updated_at`: later than the last, even within one millisecond, so that
/// a save made from the earlier copy is always told apart.
fn next_change(app: &App, current: &Article) -> Millis {
    app.now().max(current.updated_at + 1)
}

/// Checks the words a scheduled article will go out with.
fn check_for_publication(article: &Article) -> Result<(), ValidationError> {
    rules::parse_title(&article.title)?;
    rules::parse_body(&article.body_markdown, true)?;
    Ok(())
}

/// Saves the author's changes. A draft or scheduled article changes freely (a
/// scheduled one keeps a title and body); a published one keeps its place and cover,
/// and its earlier body is kept as a post's is.
pub async fn update(
    app: &App,
    actor: &Actor,
    id: ArticleId,
    draft: &Draft,
) -> Result<Article, AppError> {
    let user = signed_in(actor)?;
    let mut db = app.store().conn().await?;
    let current = own(&mut db, user, id).await?;
    if draft.seen.is_some_and(|seen| seen != current.updated_at)
        || (draft.autosave && current.status == ArticleStatus::Published)
    {
        return Err(changed_meanwhile());
    }
    let title = draft_title(&draft.title)?;
    let summary = parse_summary(&draft.summary)?;
    let body = with_files(&mut db, user, &draft.body, &draft.files).await?;
    if let Some(post) = current.post_id {
        if draft.community_id != current.community_id || draft.cover_id != current.cover_id {
            return Err(ValidationError::new(
                "community_id",
                "a published article keeps its place and cover",
            )
            .into());
        }
        if title.is_empty() {
            return Err(ValidationError::new("title", "give the article a title").into());
        }
        let post = posts::get(&mut db, user.network_id, post)
            .await?
            .ok_or(AppError::NotFound("article"))?;
        drop(db);
        let rewritten = post.body_markdown != body.trim();
        if rewritten {
            crate::posts::edit(app, actor, post.id, &body).await?;
        }
        let changed = Article {
            title,
            summary,
            updated_at: next_change(app, &current),
            ..current.clone()
        };
        let retitled = changed.title != current.title || changed.summary != current.summary;
        let mut tx = app.store().begin().await?;
        // Before the new title: a new body kept the whole article as it was already.
        if retitled && !rewritten {
            posts::keep_version(&mut tx, post.id, app.next_id(), app.now()).await?;
        }
        if !store::save(&mut tx, &changed, &current).await? {
            return Err(changed_meanwhile());
        }
        tx.commit().await?;
        if retitled {
            let words = format!("{}\n{}", changed.title, changed.summary);
            crate::posts::screen_article_words(app, user, post.id, &words).await?;
        }
        return Ok(changed);
    }
    check_draft(&mut db, user, draft, Some(id)).await?;
    drop(db);
    let changed = Article {
        community_id: draft.community_id,
        title,
        summary,
        body_markdown: rules::parse_body(&body, false)?,
        cover_id: draft.cover_id,
        updated_at: next_change(app, &current),
        ..current.clone()
    };
    if changed.status == ArticleStatus::Scheduled {
        check_for_publication(&changed)?;
    }
    let mut tx = app.store().begin().await?;
    if !store::save(&mut tx, &changed, &current).await? {
        return Err(changed_meanwhile());
    }
    keep_files(&mut tx, &changed).await?;
    tx.commit().await?;
    Ok(changed)
}

/// Keeps for an unpublished article the files of the author's its body names.
async fn keep_files(tx: &mut Conn, article: &Article) -> Result<(), AppError> {
    let named = rules::files_named(&article.body_markdown);
    hearth_store::article_files::keep(tx, article.id, article.author_id, &named).await?;
    Ok(())
}

/// Whether `user` may publish in the article's place now.
async fn may_publish(db: &mut Conn, user: &User, article: &Article) -> Result<(), AppError> {
    let rows = load_place(db, user, article.community_id).await?;
    let company = store::company_articles(db, user.network_id).await?;
    let chosen = article.community_id.is_none()
        && company == CompanyArticles::ChosenAuthors
        && store::is_chosen_author(db, user.network_id, user.id).await?;
    policy::may_publish_article(user, place(&rows), company, chosen)?;
    Ok(())
}

/// Publishes a draft now (`at` is `None`) or schedules it for `at`.
pub async fn publish(
    app: &App,
    actor: &Actor,
    id: ArticleId,
    at: Option<Millis>,
) -> Result<Article, AppError> {
    let user = signed_in(actor)?;
    let mut db = app.store().conn().await?;
    let article = own(&mut db, user, id).await?;
    if article.status == ArticleStatus::Published {
        return Err(AppError::Conflict {
            message: "this article is already published".to_owned(),
            field: None,
        });
    }
    check_for_publication(&article)?;
    may_publish(&mut db, user, &article).await?;
    drop(db);
    if let Some(at) = at {
        let scheduled = Article {
            status: ArticleStatus::Scheduled,
            publish_at: Some(parse_publish_at(at, app.now())?),
            updated_at: next_change(app, &article),
            ..article.clone()
        };
        let mut tx = app.store().begin().await?;
        if !store::save(&mut tx, &scheduled, &article).await? {
            return Err(changed_meanwhile());
        }
        tx.commit().await?;
        return Ok(scheduled);
    }
    app.may_create(crate::content_limits::Creation::Post, user)?;
    go_out(app, user, &article).await
}

/// Writes the article's post, from the article as read; answers it as published.
async fn go_out(app: &App, author: &User, article: &Article) -> Result<Article, AppError> {
    let post =
        crate::posts::publish_article(app, author, article, article.body_markdown.clone()).await?;
    tracing::info!(article.id = %article.id, post.id = %post.id, "article published");
    Ok(Article {
        status: ArticleStatus::Published,
        publish_at: None,
        post_id: Some(post.id),
        body_markdown: String::new(),
        updated_at: app.now(),
        ..article.clone()
    })
}

/// Takes a scheduled article back to the author's drafts.
pub async fn unschedule(app: &App, actor: &Actor, id: ArticleId) -> Result<Article, AppError> {
    let user = signed_in(actor)?;
    let mut db = app.store().conn().await?;
    let article = own(&mut db, user, id).await?;
    if article.status != ArticleStatus::Scheduled {
        return Err(ValidationError::new("status", "this article is not scheduled").into());
    }
    drop(db);
    let draft = Article {
        status: ArticleStatus::Draft,
        publish_at: None,
        updated_at: next_change(app, &article),
        ..article.clone()
    };
    let mut tx = app.store().begin().await?;
    if !store::save(&mut tx, &draft, &article).await? {
        return Err(changed_meanwhile());
    }
    tx.commit().await?;
    Ok(draft)
}

/// Deletes a draft or scheduled article; a published one is deleted as its post is.
pub async fn delete(app: &App, actor: &Actor, id: ArticleId) -> Result<(), AppError> {
    let user = signed_in(actor)?;
    let mut db = app.store().conn().await?;
    let article = match store::get(&mut db, user.network_id, id).await? {
        Some(article) if article.status == ArticleStatus::Published => article,
        _ => own(&mut db, user, id).await?,
    };
    drop(db);
    if let Some(post) = article.post_id {
        return crate::posts::delete(app, actor, post).await;
    }
    let mut tx = app.store().begin().await?;
    if !store::delete_unpublished(&mut tx, id).await? {
        return Err(changed_meanwhile());
    }
    tx.commit().await?;
    Ok(())
}

/// The author's drafts and scheduled articles, last changed first.
pub async fn unpublished(app: &App, actor: &Actor) -> Result<Vec<Article>, AppError> {
    let user = signed_in(actor)?;
    let mut db = app.store().conn().await?;
    Ok(store::unpublished_of(&mut db, user.id).await?)
}

/// A body rendered as its page would show it, with its table of contents.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    pub reading_minutes: i64,
}

/// Renders a body without saving it (the editor's preview). Mentions are linked as
/// they will be once published.
pub async fn preview(app: &App, actor: &Actor, body: &str) -> Result<Rendered, AppError> {
    let user = signed_in(actor)?;
    let body = rules::parse_body(body, false)?;
    let mut db = app.store().conn().await?;
    render(&mut db, user, &body).await
}

async fn render(db: &mut Conn, user: &User, body: &str) -> Result<Rendered, AppError> {
    let found = markdown::extract(body);
    let known: BTreeSet<String> = crate::posts::mentioned_in(db, user, found.mentions)
        .await?
        .into_iter()
        .map(|(handle, _)| handle)
        .collect();
    Ok(Rendered {
        html: markdown::render_article(body, &known),
        headings: markdown::headings(body),
        reading_minutes: rules::reading_minutes(body),
    })
}

/// An article as its page shows it to one reader.
#[derive(Debug, Clone)]
pub struct ArticlePage {
    pub article: Article,
    /// The post that published it, as feeds show it (counts, moderation notice);
    /// `None` for a draft, which only its author sees.
    pub post: Option<PostView>,
    /// The body: the post's for a published article, the draft's otherwise.
    pub rendered: Rendered,
    /// Who liked it, by name: `(display name, handle)`.
    pub likers: Vec<(String, String)>,
    /// How many read it, for its author and the network's admins.
    pub reads: Option<i64>,
    pub author_name: String,
    pub author_handle: String,
    pub community_name: Option<String>,
}

/// The author's own article, in any state, as the editor shows it; someone who may
/// read a published article but did not write it is refused, anyone else is told
/// it does not exist.
pub async fn for_editing(app: &App, actor: &Actor, id: ArticleId) -> Result<ArticlePage, AppError> {
    let user = signed_in(actor)?;
    own(&mut *app.store().conn().await?, user, id).await?;
    get(app, actor, id).await
}

/// An article the reader may see: a published one where they may read its post, or
/// their own draft.
pub async fn get(app: &App, actor: &Actor, id: ArticleId) -> Result<ArticlePage, AppError> {
    let user = signed_in(actor)?;
    let article = store::get(&mut *app.store().conn().await?, user.network_id, id)
        .await?
        .ok_or(AppError::NotFound("article"))?;
    // The post is read before this function takes its own connection: one request
    // never holds two of the pool's connections at once.
    let shown =
        match article.post_id {
            Some(post_id) => Some(feeds::get(app, actor, post_id).await.map_err(
                |err| match err {
                    AppError::NotFound(_) => AppError::NotFound("article"),
                    other => other,
                },
            )?),
            None => None,
        };
    let mut db = app.store().conn().await?;
    let (post, rendered, likers) = match (article.post_id, shown) {
        (Some(post_id), Some(shown)) => {
            let rendered = Rendered {
                html: shown.post.body_html.clone(),
                headings: markdown::headings(&shown.post.body_markdown),
                reading_minutes: rules::reading_minutes(&shown.post.body_markdown),
            };
            let likers = posts::reactors(&mut db, post_id)
                .await?
                .into_iter()
                .filter(|(kind, _, _)| *kind == ReactionKind::Like)
                .map(|(_, id, name)| (id, name))
                .collect::<Vec<_>>();
            let handles = users_handles(&mut db, &likers).await?;
            (Some(shown), rendered, handles)
        }
        (None, _) if article.author_id == user.id => {
            let rendered = render(&mut db, user, &article.body_markdown).await?;
            (None, rendered, Vec::new())
        }
        _ => return Err(AppError::NotFound("article")),
    };
    let reads = if policy::may_see_article_reads(user, &article).is_ok() {
        Some(
            store::read_counts(&mut db, &[article.id])
                .await?
                .remove(&article.id)
                .unwrap_or(0),
        )
    } else {
        None
    };
    let author = posts::authors(&mut db, &[article.author_id])
        .await?
        .remove(&article.author_id)
        .unwrap_or_default();
    let community_name = match article.community_id {
        Some(community) => hearth_store::communities::get(&mut db, user.network_id, community)
            .await?
            .map(|c| c.name),
        None => None,
    };
    Ok(ArticlePage {
        author_name: author.name,
        author_handle: author.handle,
        article,
        post,
        rendered,
        likers,
        reads,
        community_name,
    })
}

async fn users_handles(
    db: &mut Conn,
    people: &[(UserId, String)],
) -> Result<Vec<(String, String)>, AppError> {
    let ids: Vec<UserId> = people.iter().map(|(id, _)| *id).collect();
    let authors = posts::authors(db, &ids).await?;
    Ok(people
        .iter()
        .map(|(id, name)| {
            let handle = authors
                .get(id)
                .map(|a| a.handle.clone())
                .unwrap_or_default();
            (name.clone(), handle)
        })
        .collect())
}

/// Counts the reader's read of a published article they may read, once.
pub async fn record_read(app: &App, actor: &Actor, id: ArticleId) -> Result<(), AppError> {
    let user = signed_in(actor)?;
    let mut db = app.store().conn().await?;
    let article = store::get(&mut db, user.network_id, id)
        .await?
        .ok_or(AppError::NotFound("article"))?;
    let Some(post) = article.post_id else {
        return Err(AppError::NotFound("article"));
    };
    load_readable(&mut db, user, post)
        .await
        .map_err(|_| AppError::NotFound("article"))?;
    drop(db);
    // The author rereading their own words is no reader.
    if article.author_id == user.id {
        return Ok(());
    }
    let mut tx = app.store().begin().await?;
    store::record_read(&mut tx, id, user.id, app.now()).await?;
    tx.commit().await?;
    Ok(())
}

/// A page of published articles the reader may read, newest first.
pub async fn list(
    app: &App,
    actor: &Actor,
    which: &Feed,
    before: Option<PostId>,
    limit: Option<u32>,
) -> Result<FeedPage, AppError> {
    match which {
        Feed::Articles | Feed::ArticlesBy(_) | Feed::ArticlesIn(_) => {
            feeds::feed(app, actor, which, before, limit).await
        }
        _ => Err(AppError::NotFound("article list")),
    }
}

/// What a subscription follows, checked: an active colleague, a community the person
/// may read, or their company.
async fn target_of(
    db: &mut Conn,
    user: &User,
    following: Following,
    target: i64,
) -> Result<i64, AppError> {
    match following {
        Following::Author => {
            let author = users::get(db, UserId(target)).await?;
            if author.is_none_or(|a| a.network_id != user.network_id) {
                return Err(AppError::NotFound("user"));
            }
            Ok(target)
        }
        Following::Community => {
            let rows = load_place(db, user, Some(CommunityId(target))).await?;
            if !policy::may_read_in(user, place(&rows)) {
                return Err(AppError::Forbidden(
                    "join this community to follow its articles",
                ));
            }
            Ok(target)
        }
        Following::Company => Ok(user.network_id.0),
    }
}

/// Parses what a subscription follows.
pub fn parse_following(raw: &str) -> Result<Following, ValidationError> {
    Following::parse(raw).ok_or_else(|| {
        ValidationError::new(
            "following",
            format!("use one of {}", Following::choices().trim()),
        )
    })
}

/// Subscribes to new articles by an author, in a community or company-wide (`target`
/// is ignored for the company).
pub async fn subscribe(
    app: &App,
    actor: &Actor,
    following: Following,
    target: i64,
) -> Result<(), AppError> {
    let user = signed_in(actor)?;
    let mut db = app.store().conn().await?;
    let target = target_of(&mut db, user, following, target).await?;
    drop(db);
    let mut tx = app.store().begin().await?;
    store::subscribe(
        &mut tx,
        user.network_id,
        user.id,
        following,
        target,
        app.now(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Ends a subscription; ending one there is not changes nothing.
pub async fn unsubscribe(
    app: &App,
    actor: &Actor,
    following: Following,
    target: i64,
) -> Result<(), AppError> {
    let user = signed_in(actor)?;
    let target = match following {
        Following::Company => user.network_id.0,
        _ => target,
    };
    let mut tx = app.store().begin().await?;
    store::unsubscribe(&mut tx, user.id, following, target).await?;
    tx.commit().await?;
    Ok(())
}

/// One of a person's subscriptions to new articles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleSubscription {
    pub following: Following,
    /// The author's user id, the community's id, or the network's id.
    pub target_id: i64,
    /// The author's display name, the community's name, or empty for the company.
    pub name: String,
}

/// The person's subscriptions to new articles.
pub async fn subscriptions(app: &App, actor: &Actor) -> Result<Vec<ArticleSubscription>, AppError> {
    let user = signed_in(actor)?;
    let mut db = app.store().conn().await?;
    Ok(store::subscriptions_of(&mut db, user.id)
        .await?
        .into_iter()
        .map(|s| ArticleSubscription {
            following: s.following,
            target_id: s.target_id,
            name: s.name,
        })
        .collect())
}

/// The most authors a network may choose for company-wide articles.
pub const MAX_CHOSEN_AUTHORS: usize = 200;

/// Who may publish company-wide, and the chosen authors.
#[derive(Debug, Clone)]
pub struct Settings {
    pub company_articles: CompanyArticles,
    /// `(id, display name, handle)` by name.
    pub authors: Vec<(UserId, String, String)>,
}

pub async fn settings(app: &App, actor: &Actor) -> Result<Settings, AppError> {
    let mut db = app.store().conn().await?;
    let network = audit::network_of(&mut db, actor).await?;
    Ok(Settings {
        company_articles: store::company_articles(&mut db, network).await?,
        authors: store::chosen_authors(&mut db, network).await?,
    })
}

/// Sets who may publish company-wide: `anyone`, or `chosen_authors` with their
/// handles (network admins; audited).
pub async fn set_settings(
    app: &App,
    acting: Acting<'_>,
    company_articles: &str,
    handles: &[String],
) -> Result<Settings, AppError> {
    policy::may_configure_network(acting.actor)?;
    let who = CompanyArticles::parse(company_articles).ok_or_else(|| {
        ValidationError::new(
            "company_articles",
            format!("use one of {}", CompanyArticles::choices().trim()),
        )
    })?;
    let wanted: BTreeSet<String> = handles
        .iter()
        .map(|h| h.trim().trim_start_matches('@').to_lowercase())
        .filter(|h| !h.is_empty())
        .collect();
    if wanted.len() > MAX_CHOSEN_AUTHORS {
        return Err(ValidationError::new(
            "authors",
            format!("choose at most {MAX_CHOSEN_AUTHORS} authors"),
        )
        .into());
    }
    let wanted: Vec<String> = wanted.into_iter().collect();
    let mut db = app.store().conn().await?;
    let network = audit::network_of(&mut db, acting.actor).await?;
    let found = hearth_store::profiles::ids_for_handles(&mut db, network, &wanted).await?;
    drop(db);
    if found.len() != wanted.len() {
        return Err(ValidationError::new("authors", "name colleagues by their @handles").into());
    }
    let mut authors: Vec<UserId> = found.into_iter().map(|(_, id)| id).collect();
    authors.sort_unstable();
    authors.dedup();
    let mut tx = app.store().begin().await?;
    let before = store::company_articles(&mut tx, network).await?;
    store::set_company_articles(&mut tx, network, who, &authors).await?;
    audit::record(
        &mut tx,
        app,
        acting,
        network,
        AuditAction::ArticleAuthorsSet,
        Target::network(network),
        "",
        serde_json::json!({
            "before": before.as_str(),
            "company_articles": who.as_str(),
            "authors": authors.iter().map(|a| a.0).collect::<Vec<_>>(),
        }),
    )
    .await?;
    let settings = Settings {
        company_articles: who,
        authors: store::chosen_authors(&mut tx, network).await?,
    };
    tx.commit().await?;
    Ok(settings)
}

/// Publishes the scheduled articles whose time has come, each once across nodes and
/// only as it was read (see `store::mark_published`). One that cannot go out (its
/// author may no longer publish there, its words or cover no longer do) goes back to
/// its author's drafts; one that changed meanwhile is read again at the next run.
/// Answers how many went out.
pub async fn publish_due(app: &App) -> Result<usize, AppError> {
    let due = store::due(&mut *app.store().conn().await?, app.now(), 20).await?;
    let mut published = 0;
    for (network, id) in due {
        match publish_one(app, network, id).await {
            Ok(true) => published += 1,
            Ok(false) => {}
            // Read again at the next run: someone saved it meanwhile, or another node
            // published it.
            Err(AppError::Conflict { .. }) => {}
            Err(
                AppError::Forbidden(_)
                | AppError::AccountUnavailable(_)
                | AppError::NotFound(_)
                | AppError::Invalid(_),
            ) => {
                let mut tx = app.store().begin().await?;
                store::back_to_draft(&mut tx, id, app.now()).await?;
                tx.commit().await?;
                tracing::warn!(article.id = %id, "a scheduled article could not go out and is a draft again");
            }
            Err(err) => {
                tracing::warn!(article.id = %id, error = %err, "scheduled article not published yet");
            }
        }
    }
    Ok(published)
}

/// Publishes one scheduled article as its author; answers false when it is no
/// longer waiting.
async fn publish_one(
    app: &App,
    network: hearth_domain::NetworkId,
    id: ArticleId,
) -> Result<bool, AppError> {
    let (article, author) = {
        let mut db = app.store().conn().await?;
        let Some(article) = store::get(&mut db, network, id).await? else {
            return Ok(false);
        };
        if article.status != ArticleStatus::Scheduled
            || article.publish_at.is_none_or(|at| at > app.now())
        {
            return Ok(false);
        }
        let author = users::get(&mut db, article.author_id)
            .await?
            .ok_or(AppError::NotFound("user"))?;
        policy::may_use_account(&author, app.now())?;
        check_for_publication(&article)?;
        may_publish(&mut db, &author, &article).await?;
        (article, author)
    };
    go_out(app, &author, &article).await?;
    Ok(true)
}
