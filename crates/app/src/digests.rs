//! The daily and weekly digests (the "newsletter"). For each active person who routes
//! something to the period's digest, one e-mail with
//! - their unread notifications routed to it (not e-mailed, not yet digested), and
//! - the most engaging top-level posts of the period in the communities they belong
//!   to and by the people they follow, that they may read, leaving out their own
//!   posts and posts they were already told of by e-mail or whose notification they
//!   read. Engagement is reactions + 3 × replies: a reply takes more than a click.
//!
//! Nothing is sent to a person when there is nothing new for them. Periods are whole
//! UTC days ending at the start of the day of the run, so consecutive runs never
//! overlap, and the outbox key `digest:<period>:<user>:<first day>` makes a second
//! run of the same period enqueue nothing.

use crate::links;
use crate::mail::{self, Outgoing};
use crate::notifications::{About, excerpt_of, sentence};
use crate::{App, AppError};
use hearth_domain::{Channel, DigestPeriod, Millis, NetworkId, NotificationKind, UserId};
use hearth_i18n::{Tr, t};
use hearth_store::articles::PeriodArticle;
use hearth_store::preferences::{self, DigestPerson, EngagingPost, PendingNotification};
use hearth_store::{Conn, posts};
use maud::{Markup, html};
use std::collections::{HashMap, HashSet};

/// At most this many posts in one digest.
pub const MAX_POSTS: usize = 10;
/// At most this many notifications listed in one digest; the rest are counted.
pub const MAX_NOTIFICATIONS: usize = 20;
/// How many people share one transaction: big enough to keep commits rare, small
/// enough that a failure loses little work (the keys make a re-run finish the rest).
const PEOPLE_PER_TRANSACTION: usize = 200;
/// A reply weighs this many reactions.
const REPLY_WEIGHT: i64 = 3;
const DAY_MILLIS: i64 = 24 * 3600 * 1000;

/// What one run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Active people who route something to this digest.
    pub people_considered: usize,
    pub emails_enqueued: usize,
    /// People with nothing new: nothing was sent to them.
    pub nothing_new: usize,
    /// People whose digest of this period was already enqueued by an earlier run.
    pub already_enqueued: usize,
    /// The period covered, `[since, until)`.
    pub since: Millis,
    pub until: Millis,
}

/// The period a run at `now` covers: the whole UTC days before today's.
pub fn period_bounds(period: DigestPeriod, now: Millis) -> (Millis, Millis) {
    let until = now.div_euclid(DAY_MILLIS) * DAY_MILLIS;
    (until - period.length_millis(), until)
}

/// One post as a digest shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestPost {
    pub id: i64,
    pub author: String,
    pub community: Option<String>,
    pub excerpt: String,
    /// The names of its files.
    pub files: Vec<String>,
    pub reactions: i64,
    pub replies: i64,
}

/// An article as a digest lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestArticle {
    pub title: String,
    pub author: String,
    /// Its page.
    pub path: String,
    pub reads: i64,
    pub replies: i64,
}

/// At most this many of the period's articles in one digest.
const MAX_ARTICLES: usize = 3;

/// One person's digest, before it is written as an e-mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Digest {
    pub network: NetworkId,
    pub recipient: UserId,
    pub recipient_name: String,
    /// The language it is written in: the recipient's, else their network's default.
    pub language: Tr,
    pub posts: Vec<DigestPost>,
    /// The period's most read and discussed articles the person may read.
    pub articles: Vec<DigestArticle>,
    /// `(sentence, excerpt, href)` of each notification listed.
    pub notifications: Vec<(String, String, String)>,
    /// The notifications included, to mark digested.
    pub notification_ids: Vec<i64>,
    /// The network's name when it is an external one: the subject names it.
    pub external_network: Option<String>,
}

/// Everything one run reads, once for all people.
struct World {
    people: Vec<DigestPerson>,
    choices: HashMap<i64, HashMap<String, Channel>>,
    /// person → community → channel
    subscriptions: HashMap<i64, HashMap<i64, Channel>>,
    memberships: HashMap<i64, HashSet<i64>>,
    follows: HashMap<i64, HashSet<i64>>,
    communities: HashMap<i64, (String, bool)>,
    /// The period's posts, most engaging first.
    posts: Vec<EngagingPost>,
    /// The names of the files on those posts.
    files: HashMap<i64, Vec<String>>,
    /// The period's articles, most read and discussed first.
    articles: Vec<PeriodArticle>,
    told: HashMap<i64, HashSet<i64>>,
    pending: HashMap<i64, Vec<PendingNotification>>,
    names: HashMap<UserId, String>,
}

async fn load(db: &mut Conn, since: Millis, until: Millis) -> Result<World, AppError> {
    let people = preferences::active_people(db).await?;
    let mut choices: HashMap<i64, HashMap<String, Channel>> = HashMap::new();
    for (user, kind, channel) in preferences::all_choices(db).await? {
        if let Some(channel) = Channel::parse(&channel) {
            choices.entry(user).or_default().insert(kind, channel);
        }
    }
    let mut subscriptions: HashMap<i64, HashMap<i64, Channel>> = HashMap::new();
    for (user, community, channel) in preferences::all_subscriptions(db).await? {
        if let Some(channel) = Channel::parse(&channel) {
            subscriptions
                .entry(user)
                .or_default()
                .insert(community, channel);
        }
    }
    let mut memberships: HashMap<i64, HashSet<i64>> = HashMap::new();
    for (user, community) in preferences::all_memberships(db).await? {
        memberships.entry(user).or_default().insert(community);
    }
    let mut follows: HashMap<i64, HashSet<i64>> = HashMap::new();
    for (follower, followee) in preferences::all_follows(db).await? {
        follows.entry(follower).or_default().insert(followee);
    }
    let communities = preferences::all_communities(db)
        .await?
        .into_iter()
        .map(|(id, name, public)| (id, (name, public)))
        .collect();
    let mut posts = preferences::posts_of_period(db, since, until).await?;
    let files = hearth_store::uploads::names_on_posts_between(db, since, until).await?;
    posts.sort_by_key(|p| (std::cmp::Reverse(score(p)), std::cmp::Reverse(p.id)));
    let mut articles = hearth_store::articles::of_period(db, since, until).await?;
    articles.sort_by_key(|a| {
        (
            std::cmp::Reverse(a.reads + a.reactions + REPLY_WEIGHT * a.replies),
            std::cmp::Reverse(a.post_id),
        )
    });
    let mut told: HashMap<i64, HashSet<i64>> = HashMap::new();
    for (user, post) in preferences::already_told(db, since).await? {
        told.entry(user).or_default().insert(post);
    }
    let mut pending: HashMap<i64, Vec<PendingNotification>> = HashMap::new();
    let mut actors: HashSet<UserId> = HashSet::new();
    for row in preferences::pending_notifications(db).await? {
        actors.extend(parse_ids(&row.actor_ids).into_iter().map(UserId));
        pending.entry(row.user_id).or_default().push(row);
    }
    let actors: Vec<UserId> = actors.into_iter().collect();
    let mut names = HashMap::new();
    // posts::authors binds one value per id: ask in slices both backends accept.
    for chunk in actors.chunks(500) {
        for (id, author) in posts::authors(db, chunk).await? {
            names.insert(id, author.name);
        }
    }
    Ok(World {
        people,
        choices,
        subscriptions,
        memberships,
        follows,
        communities,
        posts,
        files,
        articles,
        told,
        pending,
        names,
    })
}

fn score(post: &EngagingPost) -> i64 {
    post.reactions + REPLY_WEIGHT * post.replies
}

fn parse_ids(raw: &str) -> Vec<i64> {
    raw.split(',')
        .filter_map(|id| id.trim().parse().ok())
        .collect()
}

impl World {
    fn channel_of(&self, person: i64, kind: NotificationKind) -> Channel {
        self.choices
            .get(&person)
            .and_then(|chosen| chosen.get(kind.as_str()))
            .copied()
            .unwrap_or_else(|| kind.default_channel())
    }

    /// Whether the person routes anything at all to this period's digest.
    fn routes_to(&self, person: i64, channel: Channel) -> bool {
        NotificationKind::ALL
            .into_iter()
            .any(|kind| self.channel_of(person, kind) == channel)
            || self
                .subscriptions
                .get(&person)
                .is_some_and(|subs| subs.values().any(|c| *c == channel))
    }

    /// The rule of `posts::visible` for a visible post: company-wide, a public
    /// community, a community they belong to, or an admin or compliance officer.
    fn may_read(&self, person: &DigestPerson, community: Option<i64>) -> bool {
        match community {
            None => true,
            Some(community) => {
                matches!(person.role.as_str(), "admin" | "compliance")
                    || self
                        .communities
                        .get(&community)
                        .is_some_and(|(_, public)| *public)
                    || self
                        .memberships
                        .get(&person.id)
                        .is_some_and(|mine| mine.contains(&community))
            }
        }
    }

    /// Where a notification goes: a community post by its subscription's channel,
    /// everything else by its kind's.
    fn routed(&self, person: i64, row: &PendingNotification, kind: NotificationKind) -> Channel {
        if kind == NotificationKind::CommunityPost
            && let Some(channel) = row.post_community_id.and_then(|community| {
                self.subscriptions
                    .get(&person)
                    .and_then(|subs| subs.get(&community))
                    .copied()
            })
        {
            return channel;
        }
        self.channel_of(person, kind)
    }

    fn compose(&self, person: &DigestPerson, channel: Channel) -> Digest {
        let tr = crate::languages::for_mail(person.language.as_deref(), &person.default_language);
        let mut notifications = Vec::new();
        let mut notification_ids = Vec::new();
        let mut covered: HashSet<i64> = HashSet::new();
        for row in self.pending.get(&person.id).into_iter().flatten() {
            let Some(kind) = NotificationKind::parse(&row.kind) else {
                continue;
            };
            if self.routed(person.id, row, kind) != channel {
                continue;
            }
            let readable = match row.subject_kind.as_str() {
                "post" => row.post_stands == 1 && self.may_read(person, row.post_community_id),
                _ => row.in_conversation == 1,
            };
            // What they may no longer see stays out, and stays undigested.
            if !readable {
                continue;
            }
            if row.subject_kind == "post" {
                covered.insert(row.subject_id);
            }
            notification_ids.push(row.id);
            if notifications.len() < MAX_NOTIFICATIONS {
                let ids = parse_ids(&row.actor_ids);
                let actor_names: Vec<String> = ids
                    .iter()
                    .filter_map(|id| self.names.get(&UserId(*id)).cloned())
                    .collect();
                let about = match row.subject_kind.as_str() {
                    "conversation" => About::Conversation(row.subject_id),
                    _ => About::Post(row.subject_id),
                };
                let sentence = sentence(
                    tr,
                    kind,
                    &actor_names,
                    row.actor_count,
                    row.place.as_deref(),
                );
                notifications.push((sentence, row.excerpt.clone(), about.href()));
            }
        }
        let told = self.told.get(&person.id);
        let mine = self.memberships.get(&person.id);
        let followed = self.follows.get(&person.id);
        let posts = self
            .posts
            .iter()
            .filter(|post| {
                post.network_id == person.network_id
                    && post.author_id != person.id
                    && !covered.contains(&post.id)
                    && !told.is_some_and(|told| told.contains(&post.id))
                    && (post
                        .community_id
                        .is_some_and(|c| mine.is_some_and(|mine| mine.contains(&c)))
                        || followed.is_some_and(|f| f.contains(&post.author_id)))
                    && self.may_read(person, post.community_id)
            })
            .take(MAX_POSTS)
            .map(|post| DigestPost {
                id: post.id,
                author: post.author_name.clone(),
                community: post
                    .community_id
                    .and_then(|c| self.communities.get(&c).map(|(name, _)| name.clone())),
                excerpt: excerpt_of(&post.body_markdown),
                files: self.files.get(&post.id).cloned().unwrap_or_default(),
                reactions: post.reactions,
                replies: post.replies,
            })
            .collect();
        let articles = self
            .articles
            .iter()
            .filter(|a| {
                a.network_id == person.network_id
                    && a.author_id != person.id
                    && self.may_read(person, a.community_id)
            })
            .take(MAX_ARTICLES)
            .map(|a| DigestArticle {
                path: format!(
                    "/articles/{}/{}",
                    a.article_id,
                    hearth_domain::article::slug(&a.title)
                ),
                title: a.title.clone(),
                author: a.author_name.clone(),
                reads: a.reads,
                replies: a.replies,
            })
            .collect();
        Digest {
            network: NetworkId(person.network_id),
            recipient: UserId(person.id),
            recipient_name: person.display_name.clone(),
            language: tr,
            posts,
            articles,
            notifications,
            notification_ids,
            external_network: person.external_network.clone(),
        }
    }
}

/// Composes and enqueues the period's digest for everyone who should get it.
pub async fn send(app: &App, period: DigestPeriod, now: Millis) -> Result<Report, AppError> {
    let (since, until) = period_bounds(period, now);
    let channel = period.channel();
    let world = {
        let mut db = app.store().conn().await?;
        load(&mut db, since, until).await?
    };
    let mut report = Report {
        since,
        until,
        ..Report::default()
    };
    let first_day = day_of(since);
    let mut digests = Vec::new();
    for person in &world.people {
        if !world.routes_to(person.id, channel) {
            continue;
        }
        report.people_considered += 1;
        let digest = world.compose(person, channel);
        if digest.posts.is_empty() && digest.notification_ids.is_empty() {
            report.nothing_new += 1;
            continue;
        }
        digests.push(digest);
    }
    for batch in digests.chunks(PEOPLE_PER_TRANSACTION) {
        let mut tx = app.store().begin().await?;
        for digest in batch {
            let key = format!(
                "digest:{}:{}:{first_day}",
                period.as_str(),
                digest.recipient
            );
            let scope = format!("digest:{}", period.as_str());
            let unsubscribe =
                mail::unsubscribe_path(&mut tx, app, digest.recipient, &scope).await?;
            let (subject, text, html) = render(app, period, digest, &unsubscribe);
            let outgoing = Outgoing {
                network: digest.network,
                recipient: digest.recipient,
                to_address: None,
                kind: "digest",
                notification_id: None,
                idempotency_key: &key,
                subject: &subject,
                body_text: &text,
                body_html: &html,
                send_after: now,
            };
            if mail::enqueue(&mut tx, app, &outgoing).await? {
                preferences::mark_digested(&mut tx, &digest.notification_ids, now).await?;
                report.emails_enqueued += 1;
            } else {
                report.already_enqueued += 1;
            }
        }
        tx.commit().await?;
    }
    tracing::info!(
        period = period.as_str(),
        considered = report.people_considered,
        enqueued = report.emails_enqueued,
        "digests enqueued"
    );
    Ok(report)
}

/// Composes one person's digest of the period without sending it (for previews and
/// tests); `None` when they do not route anything to it or are not active.
pub async fn preview(
    app: &App,
    user: UserId,
    period: DigestPeriod,
    now: Millis,
) -> Result<Option<Digest>, AppError> {
    let (since, until) = period_bounds(period, now);
    let mut db = app.store().conn().await?;
    let world = load(&mut db, since, until).await?;
    Ok(world
        .people
        .iter()
        .find(|person| person.id == user.0)
        .filter(|person| world.routes_to(person.id, period.channel()))
        .map(|person| world.compose(person, period.channel())))
}

fn day_of(millis: Millis) -> String {
    crate::rfc3339(millis).chars().take(10).collect()
}

/// The subject, plain text and HTML of a digest, in its language. Everything people
/// wrote is escaped in the HTML; links are absolute, as mail clients need.
pub fn render(
    app: &App,
    period: DigestPeriod,
    digest: &Digest,
    unsubscribe_path: &str,
) -> (String, String, String) {
    let tr = digest.language;
    let posts = digest.posts.len();
    let notifications = digest.notification_ids.len();
    let summary = match (posts, notifications) {
        (0, notifications) => t!(
            tr,
            "digest-summary-notifications",
            notifications = notifications
        ),
        (posts, 0) => t!(tr, "digest-summary-posts", posts = posts),
        (posts, notifications) => t!(
            tr,
            "digest-summary-posts-and-notifications",
            posts = posts,
            notifications = notifications
        ),
    };
    let subject = match period {
        DigestPeriod::Daily => t!(tr, "digest-subject-daily", summary = summary),
        DigestPeriod::Weekly => t!(tr, "digest-subject-weekly", summary = summary),
    };
    let subject = mail::in_network(tr, digest.external_network.as_deref(), subject);
    let links = DigestLinks {
        settings: links::absolute(app, links::NOTIFICATION_SETTINGS),
        unsubscribe: links::absolute(app, unsubscribe_path),
        notifications: links::absolute(app, links::NOTIFICATIONS),
        of_notifications: digest
            .notifications
            .iter()
            .map(|(_, _, href)| links::absolute(app, href))
            .collect(),
        of_posts: digest
            .posts
            .iter()
            .map(|post| links::absolute(app, &links::post(post.id)))
            .collect(),
        of_articles: digest
            .articles
            .iter()
            .map(|article| links::absolute(app, &article.path))
            .collect(),
    };
    let text = text_body(tr, period, digest, &links);
    let html = html_body(tr, period, &subject, digest, &links).into_string();
    (subject, text, html)
}

/// The absolute links of one digest, the same in its text and its HTML.
struct DigestLinks {
    settings: String,
    unsubscribe: String,
    notifications: String,
    of_notifications: Vec<String>,
    of_posts: Vec<String>,
    of_articles: Vec<String>,
}

fn article_line(tr: Tr, article: &DigestArticle) -> String {
    t!(
        tr,
        "digest-article-engagement",
        reads = article.reads,
        replies = article.replies
    )
}

/// What is left unlisted: "…and 3 more in your notifications".
fn more_line(tr: Tr, digest: &Digest) -> Option<String> {
    let more = digest.notification_ids.len() - digest.notifications.len();
    (more > 0).then(|| t!(tr, "digest-more", count = more))
}

fn engagement(tr: Tr, post: &DigestPost) -> String {
    t!(
        tr,
        "digest-engagement",
        reactions = post.reactions,
        replies = post.replies
    )
}

fn text_body(tr: Tr, period: DigestPeriod, digest: &Digest, links: &DigestLinks) -> String {
    let mut text = format!(
        "{}\n\n{}\n",
        t!(
            tr,
            "digest-text-greeting",
            name = digest.recipient_name.as_str()
        ),
        t!(tr, "digest-text-missed")
    );
    if !digest.notifications.is_empty() {
        text.push_str(&format!("\n{}\n", t!(tr, "digest-text-for-you")));
        for ((sentence, excerpt, _), link) in
            digest.notifications.iter().zip(&links.of_notifications)
        {
            text.push_str(&format!("- {sentence}\n"));
            if !excerpt.is_empty() {
                text.push_str(&format!("  \"{excerpt}\"\n"));
            }
            text.push_str(&format!("  {link}\n"));
        }
        if let Some(line) = more_line(tr, digest) {
            text.push_str(&format!("  {line}: {}\n", links.notifications));
        }
    }
    if !digest.posts.is_empty() {
        text.push_str(&format!("\n{}\n", t!(tr, "digest-text-popular")));
        for (post, link) in digest.posts.iter().zip(&links.of_posts) {
            let by = match &post.community {
                Some(community) => t!(
                    tr,
                    "digest-post-in",
                    author = post.author.as_str(),
                    community = community.as_str()
                ),
                None => post.author.clone(),
            };
            text.push_str(&format!("\n{by}\n  \"{}\"\n", post.excerpt));
            if let Some(files) = mail::files_line(tr, &post.files) {
                text.push_str(&format!("  {files}\n"));
            }
            text.push_str(&format!("  {}\n  {link}\n", engagement(tr, post)));
        }
    }
    if !digest.articles.is_empty() {
        text.push_str(&format!("\n{}\n", t!(tr, "digest-text-articles")));
        for (article, link) in digest.articles.iter().zip(&links.of_articles) {
            let by = t!(
                tr,
                "digest-article-by",
                title = article.title.as_str(),
                author = article.author.as_str()
            );
            text.push_str(&format!(
                "\n{by}\n  {}\n  {link}\n",
                article_line(tr, article)
            ));
        }
    }
    let settings = links.settings.as_str();
    let why = match period {
        DigestPeriod::Daily => t!(tr, "digest-text-why-daily", link = settings),
        DigestPeriod::Weekly => t!(tr, "digest-text-why-weekly", link = settings),
    };
    let stop = t!(tr, "digest-text-stop", link = links.unsubscribe.as_str());
    text.push_str(&format!("\n--\n{why}\n{stop}\n"));
    text
}

fn html_body(
    tr: Tr,
    period: DigestPeriod,
    subject: &str,
    digest: &Digest,
    links: &DigestLinks,
) -> Markup {
    let settings = html! {
        a href=(links.settings) style="color:#57606a;" { (t!(tr, "digest-html-settings")) }
    };
    let unsubscribe = html! {
        a href=(links.unsubscribe) style="color:#57606a;" { (t!(tr, "digest-html-unsubscribe")) }
    };
    let footer = mail::linked(
        tr,
        match period {
            DigestPeriod::Daily => "digest-html-why-daily",
            DigestPeriod::Weekly => "digest-html-why-weekly",
        },
        &[("settings", settings), ("unsubscribe", unsubscribe)],
    );
    let card = html! {
        p style="margin:0 0 16px;" {
            (t!(tr, "digest-html-greeting", name = digest.recipient_name.as_str()))
        }
        @if !digest.notifications.is_empty() {
            h2 style="font-size:16px;margin:16px 0 8px;" { (t!(tr, "digest-for-you")) }
            ul style="padding-left:20px;" {
                @for ((sentence, excerpt, _), link) in digest.notifications.iter().zip(&links.of_notifications) {
                    li style="margin:0 0 8px;" {
                        a href=(link) style="color:#b5452a;" { (sentence) }
                        @if !excerpt.is_empty() {
                            br;
                            span style="color:#57606a;" { (excerpt) }
                        }
                    }
                }
                @if let Some(line) = more_line(tr, digest) {
                    li { a href=(links.notifications) style="color:#b5452a;" { (line) } }
                }
            }
        }
        @if !digest.posts.is_empty() {
            h2 style="font-size:16px;margin:16px 0 8px;" { (t!(tr, "digest-popular")) }
            @for (post, link) in digest.posts.iter().zip(&links.of_posts) {
                div style="border-top:1px solid #e5e7eb;padding:12px 0;" {
                    p style="margin:0;" {
                        @if let Some(community) = &post.community {
                            (mail::linked(
                                tr,
                                "digest-post-in",
                                &[
                                    ("author", html! { strong { (post.author) } }),
                                    ("community", html! { (community) }),
                                ],
                            ))
                        } @else {
                            strong { (post.author) }
                        }
                    }
                    p style="margin:4px 0;" { (post.excerpt) }
                    @if let Some(files) = mail::files_line(tr, &post.files) {
                        p style="margin:4px 0;font-size:13px;color:#57606a;" { (files) }
                    }
                    p style="margin:0;font-size:13px;color:#57606a;" {
                        (engagement(tr, post)) " · "
                        a href=(link) style="color:#b5452a;" { (t!(tr, "digest-read")) }
                    }
                }
            }
        }
        @if !digest.articles.is_empty() {
            h2 style="font-size:16px;margin:16px 0 8px;" { (t!(tr, "digest-articles")) }
            @for (article, link) in digest.articles.iter().zip(&links.of_articles) {
                div style="border-top:1px solid #e5e7eb;padding:12px 0;" {
                    p style="margin:0;" {
                        a href=(link) style="color:#b5452a;font-weight:bold;" { (article.title) }
                    }
                    p style="margin:4px 0 0;font-size:13px;color:#57606a;" {
                        (article.author) " · " (article_line(tr, article))
                    }
                }
            }
        }
        p style="margin:24px 0 0;font-size:12px;color:#57606a;" { (footer) }
    };
    mail::frame(subject, card, html! {})
}
