//! `hearth demo`: serves a small, believable company, so that a first look at Hearth
//! shows a living network.
//!
//! On first start the demo seeds its database with Kestrel Lighting (`company`,
//! `history` and `conversations` hold it): fifty people in nine departments with
//! profiles, managers and follows, and a dozen communities; then twelve weeks of
//! everyday activity (`history`: short posts, questions, replies, reactions, shares
//! and group chat, growing as more people join in); then two weeks of hand-written
//! threads with replies, reactions, shares, answered questions and pinned
//! announcements, a few photos and documents (`files`) and chat. The past days are
//! counted at the end, so the analytics dashboards show weeks of figures, with five
//! departments and four offices big enough to be shown by name. It seeds only
//! through the use cases of `hearth_app`, acting as each person in turn, so every row
//! obeys the same rules as real use. The application's clock is set back for each
//! step, so the feed reads "3 days ago" rather than "just now". A database that
//! already holds a network is never seeded again. Then it serves exactly like
//! `hearth serve`.
//!
//! The demo keeps its own SQLite database in `./hearth-demo/`, whatever the
//! configuration file or environment say, unless `--data-dir` or `--database-url` is
//! given on the command line: a demo must never write into a real network.

mod chats;
mod company;
mod conversations;
mod files;
mod history;
mod intranet;
mod suppliers;

use crate::config::{Config, SqliteSynchronous};
use crate::server::{self, open_store, seeding_settings};
use anyhow::{Context, bail, ensure};
use company::{COMMUNITIES, COMPANY, EMAIL_DOMAIN, FOLLOWS, LANGUAGES, PEOPLE};
use conversations::{SHARES, THREADS};
use hearth_app::audit::Acting;
use hearth_app::communities::{self, NewCommunity};
use hearth_app::domain::article;
use hearth_app::domain::ids::MAX_NODE_ID;
use hearth_app::domain::{
    Actor, CommunityId, MembershipState, Millis, PostId, ProfileChanges, Role, UploadId, User,
};
use hearth_app::feeds;
use hearth_app::people::{self, PersonRef};
use hearth_app::polls::{self, NewPoll};
use hearth_app::posts::{self, NewPost};
use hearth_app::praise::NewPraise;
use hearth_app::{App, AppError, Clock, accounts, languages, setup, system_clock};
use hearth_app::{articles, chat, embedding, external_networks, guests, page_comments, uploads};
use hearth_app::{invitations, sessions};
use std::cmp::Reverse;
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, Instant};
use tracing::instrument::WithSubscriber;
use tracing::subscriber::NoSubscriber;

/// Where the demo keeps its SQLite database unless the command line names another.
pub const DATA_DIR: &str = "./hearth-demo";
/// The password of every demo account. It is printed and documented: it guards
/// nothing but made-up people.
pub const PASSWORD: &str = "hearth-demo";
/// The demo's network administrator, who is offered for signing in.
pub const SIGN_IN_EMAIL: &str = "ana.lima@example.com";

/// Ids made while seeding come from the node id reserved for command-line acts, as
/// with `hearth admin`, so they never collide with a running server's.
const SEED_NODE_ID: u32 = MAX_NODE_ID as u32;

/// Seeds the demo company when the database has no network yet, then serves until
/// SIGINT or SIGTERM, printing how to sign in.
pub async fn run(config: &Config) -> anyhow::Result<()> {
    let place = location(config);
    let prepared = prepare(config).await?;
    if let Prepared::Seeded(summary) = &prepared {
        println!(
            "Seeded the demo company {COMPANY} into {place} in {:.1} s: {summary}.",
            summary.took.as_secs_f64()
        );
    }
    let running = server::start(config).await?;
    println!("Hearth is listening on {}", running.public_url);
    println!();
    match prepared {
        Prepared::Seeded(_) => println!("This is a demo of {COMPANY}, a made-up company."),
        Prepared::AlreadySeeded => {
            println!("The demo of {COMPANY} was seeded before; it is served as it is.");
        }
        Prepared::OtherNetwork => {
            println!(
                "{place} already holds a network that is not the demo: it is served as it is, \
                 with nothing added. Name an empty folder with --data-dir to see the demo."
            );
        }
    }
    if !matches!(prepared, Prepared::OtherNetwork) {
        println!(
            "Sign in as {SIGN_IN_EMAIL} with the password {PASSWORD} (a network administrator)."
        );
        println!(
            "Everyone in the directory has the same password, e.g. {}.",
            email(company::ANOTHER_PERSON)
        );
        let start_over = if config.uses_data_dir_database() {
            "delete that folder"
        } else {
            "drop that database"
        };
        println!("The demo lives in {place}; {start_over} to start over.");
    }
    println!();
    running.run_until_signal().await
}

/// Where the demo's data lives, for people to read.
fn location(config: &Config) -> String {
    if config.uses_data_dir_database() {
        config.data_dir.display().to_string()
    } else {
        hearth_app::database::redact_url(&config.database_url())
    }
}

/// What [`prepare`] found and did.
#[derive(Debug)]
pub enum Prepared {
    /// The database had no network; the demo company is in it now.
    Seeded(Summary),
    /// The demo company was seeded by an earlier start.
    AlreadySeeded,
    /// The database holds a network that is not the demo; nothing was added.
    OtherNetwork,
}

/// How much was seeded, and how long it took.
#[derive(Debug, Default)]
pub struct Summary {
    pub people: usize,
    pub communities: usize,
    pub posts: usize,
    /// Of the posts, those that publish an article.
    pub articles: usize,
    pub replies: usize,
    pub reactions: usize,
    pub votes: usize,
    pub files: usize,
    pub took: Duration,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} people, {} communities, {} posts ({} articles), {} replies, {} reactions, {} votes, \
             {} files",
            self.people,
            self.communities,
            self.posts,
            self.articles,
            self.replies,
            self.reactions,
            self.votes,
            self.files
        )
    }
}

/// Seeds the demo company into the configured database unless it holds a network.
pub async fn prepare(config: &Config) -> anyhow::Result<Prepared> {
    // Seeding commits several hundred small transactions. Waiting for the disk at each
    // would take seconds; without it a commit still survives a killed process, and
    // only a power cut in the middle could lose the end of a demo.
    let store = open_store(&Config {
        sqlite_synchronous: SqliteSynchronous::Normal,
        ..config.clone()
    })
    .await?;
    let start = system_clock()();
    let time = Arc::new(AtomicI64::new(start));
    let clock: Clock = {
        let time = time.clone();
        Arc::new(move || time.load(Ordering::SeqCst))
    };
    let app = App::new(store, seeding_settings(config, SEED_NODE_ID), clock)?;
    // The use cases log every account and post they create; for the demo one line
    // saying what was seeded is enough.
    let prepared = prepare_with(&app, time, start)
        .with_subscriber(NoSubscriber::default())
        .await;
    app.store().close().await;
    let prepared = prepared?;
    if let Prepared::Seeded(summary) = &prepared {
        tracing::info!(
            people = summary.people,
            posts = summary.posts,
            replies = summary.replies,
            took_ms = u64::try_from(summary.took.as_millis()).unwrap_or(u64::MAX),
            "demo company seeded"
        );
    }
    Ok(prepared)
}

async fn prepare_with(app: &App, time: Arc<AtomicI64>, start: Millis) -> anyhow::Result<Prepared> {
    if !setup::needs_setup(app).await? {
        return match accounts::find_by_email(app, &Actor::Operator, SIGN_IN_EMAIL).await {
            Ok(_) => Ok(Prepared::AlreadySeeded),
            Err(AppError::NotFound(_)) => Ok(Prepared::OtherNetwork),
            Err(err) => Err(err.into()),
        };
    }
    let began = Instant::now();
    let mut summary = seed(app, time, start)
        .await
        .context("seeding the demo stopped part-way; delete its database to start over")?;
    summary.took = began.elapsed();
    Ok(Prepared::Seeded(summary))
}

/// Seeds the whole company, one kind of thing after another, in time order.
async fn seed(app: &App, time: Arc<AtomicI64>, start: Millis) -> anyhow::Result<Summary> {
    let mut seeder = Seeder {
        app: app.clone(),
        time,
        start,
        people: HashMap::new(),
        communities: HashMap::new(),
        threads: HashMap::new(),
        replies: HashMap::new(),
        shares: HashMap::new(),
        summary: Summary::default(),
    };
    seeder.people().await?;
    seeder.profiles().await?;
    seeder.photos().await?;
    seeder.communities().await?;
    seeder.follows().await?;
    seeder.history().await?;
    seeder.conversations().await?;
    seeder.pending_requests().await?;
    seeder.chats().await?;
    seeder.intranet().await?;
    seeder.suppliers().await?;
    // The dashboards read the days counted; the demo's past days are counted now
    // rather than at the server's first hourly round.
    seeder.at(0);
    hearth_app::analytics::count_due(app).await?;
    Ok(seeder.summary)
}

/// A demo person's e-mail address: `ana_lima` is `ana.lima@example.com`.
fn email(handle: &str) -> String {
    format!("{}@{EMAIL_DOMAIN}", handle.replace('_', "."))
}

/// The words of a space-separated list of handles.
fn handles(list: &'static str) -> impl Iterator<Item = &'static str> {
    list.split_whitespace()
}

/// `like: ana_lima tomas_ferreira; funny: lukas_becker` as (kind, person) pairs.
fn reactions(list: &'static str) -> anyhow::Result<Vec<(&'static str, &'static str)>> {
    let mut pairs = Vec::new();
    for group in list.split(';').map(str::trim).filter(|g| !g.is_empty()) {
        let (kind, people) = group
            .split_once(':')
            .with_context(|| format!("demo reactions {group:?} lack a kind"))?;
        pairs.extend(handles(people).map(|person| (kind.trim(), person)));
    }
    Ok(pairs)
}

/// Removes the indentation that multi-line texts have in the source, so markdown
/// sees lists and paragraphs rather than code blocks.
fn dedent(text: &str) -> String {
    let indent = text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.len() - line.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    text.lines()
        .map(|line| line.get(indent..).unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_owned()
}

/// One thing that happens in the demo's conversations, at its moment.
#[derive(Debug, Clone, Copy)]
enum Step {
    Thread(usize),
    /// A thread's reply, by the thread's index and the reply's.
    Reply(usize, usize),
    Share(usize),
    /// A reaction: its kind, and who reacts.
    React(Target, &'static str, &'static str),
    BestAnswer(usize),
    /// A vote in a thread's poll: the option's position, and who votes.
    Vote(usize, i64, &'static str),
}

/// A post that can be reacted to.
#[derive(Debug, Clone, Copy)]
enum Target {
    Thread(usize),
    Reply(usize, usize),
    Share(usize),
}

/// Reactions arrive a few minutes apart after their post.
fn react_steps(
    steps: &mut Vec<(i64, Step)>,
    post_ago: i64,
    target: Target,
    list: &'static str,
) -> anyhow::Result<()> {
    for (n, (kind, person)) in (0_i64..).zip(reactions(list)?) {
        steps.push((post_ago - 4 - 7 * n, Step::React(target, kind, person)));
    }
    Ok(())
}

/// Votes in a thread's poll arrive a few minutes apart after their post, in the
/// order listed (`position: person person; position: person`).
fn vote_steps(
    steps: &mut Vec<(i64, Step)>,
    post_ago: i64,
    thread: usize,
    list: &'static str,
) -> anyhow::Result<()> {
    // The same shape as a list of reactions, with positions for kinds.
    for (n, (position, person)) in (0_i64..).zip(reactions(list)?) {
        let position = position
            .parse()
            .with_context(|| format!("demo vote for {position:?} names no option"))?;
        steps.push((post_ago - 3 - 11 * n, Step::Vote(thread, position, person)));
    }
    Ok(())
}

/// Every step of the conversations, oldest first.
fn timeline() -> anyhow::Result<Vec<(i64, Step)>> {
    let mut steps = Vec::new();
    for (t, thread) in THREADS.iter().enumerate() {
        steps.push((thread.ago, Step::Thread(t)));
        react_steps(&mut steps, thread.ago, Target::Thread(t), thread.reactions)?;
        for (r, reply) in thread.replies.iter().enumerate() {
            let at = thread.ago - reply.after;
            steps.push((at, Step::Reply(t, r)));
            react_steps(&mut steps, at, Target::Reply(t, r), reply.reactions)?;
        }
        if let Some(best) = thread.best_answer {
            let answer = thread
                .replies
                .get(best)
                .with_context(|| format!("demo thread {} has no reply {best}", thread.key))?;
            steps.push((thread.ago - answer.after - 25, Step::BestAnswer(t)));
        }
        if let Some(poll) = &thread.poll {
            vote_steps(&mut steps, thread.ago, t, poll.votes)?;
        }
    }
    for (s, share) in SHARES.iter().enumerate() {
        steps.push((share.ago, Step::Share(s)));
        react_steps(&mut steps, share.ago, Target::Share(s), share.reactions)?;
    }
    // A stable sort: steps of the same moment keep their order, so a post always
    // comes before its reactions.
    steps.sort_by_key(|(ago, _)| Reverse(*ago));
    Ok(steps)
}

struct Seeder {
    app: App,
    /// What the application's clock answers; each step sets it to its moment.
    time: Arc<AtomicI64>,
    /// The moment of seeding; the content's times count back from it.
    start: Millis,
    people: HashMap<&'static str, User>,
    communities: HashMap<&'static str, CommunityId>,
    threads: HashMap<&'static str, PostId>,
    replies: HashMap<(usize, usize), PostId>,
    shares: HashMap<usize, PostId>,
    summary: Summary,
}

impl Seeder {
    /// Sets the clock to `minutes_ago` before the seeding moment (a minute at least).
    fn at(&self, minutes_ago: i64) {
        self.time
            .store(self.start - minutes_ago.max(1) * 60_000, Ordering::SeqCst);
    }

    fn user(&self, handle: &str) -> anyhow::Result<&User> {
        self.people
            .get(handle)
            .with_context(|| format!("the demo has nobody called @{handle}"))
    }

    /// A praise as the demo writes it: `kind: person person`.
    fn praise(&self, praise: &'static str) -> anyhow::Result<NewPraise> {
        let (kind, people) = praise
            .split_once(':')
            .with_context(|| format!("demo praise {praise:?} lacks a kind"))?;
        Ok(NewPraise {
            kind: kind.trim().to_owned(),
            recipients: handles(people)
                .map(|handle| self.user(handle).map(|user| user.id))
                .collect::<anyhow::Result<_>>()?,
        })
    }

    fn actor(&self, handle: &str) -> anyhow::Result<Actor> {
        self.user(handle).cloned().map(Actor::User)
    }

    fn community(&self, name: Option<&str>) -> anyhow::Result<Option<CommunityId>> {
        name.map(|name| {
            self.communities
                .get(name)
                .copied()
                .with_context(|| format!("the demo has no community {name:?}"))
        })
        .transpose()
    }

    fn thread(&self, key: &str) -> anyhow::Result<PostId> {
        self.threads
            .get(key)
            .copied()
            .with_context(|| format!("the demo thread {key:?} does not exist (yet)"))
    }

    fn reply(&self, thread: usize, reply: usize) -> anyhow::Result<PostId> {
        self.replies
            .get(&(thread, reply))
            .copied()
            .with_context(|| format!("reply {reply} of demo thread {thread} does not exist (yet)"))
    }

    /// A post's markdown: dedented, and each `{{key}}` made a link to that thread.
    fn text(&self, source: &str) -> anyhow::Result<String> {
        let source = dedent(source);
        let mut text = String::with_capacity(source.len());
        let mut rest = source.as_str();
        while let Some(open) = rest.find("{{") {
            let close = rest[open..]
                .find("}}")
                .with_context(|| format!("an unclosed {{{{ in demo text {source:?}"))?;
            let key = &rest[open + 2..open + close];
            text.push_str(&rest[..open]);
            if key.starts_with("image:") {
                // An article's own image, written in by `article` once uploaded.
                text.push_str(&rest[open..open + close + 2]);
            } else {
                text.push_str(&format!("/posts/{}", self.thread(key)?));
            }
            rest = &rest[open + close + 2..];
        }
        text.push_str(rest);
        Ok(text)
    }

    /// Opens every account. The first person is made a network administrator by the
    /// operator, which creates the network; that administrator opens the others.
    async fn people(&mut self) -> anyhow::Result<()> {
        self.at(company::ACCOUNTS_OPENED);
        let (first, others) = PEOPLE.split_first().context("the demo has no people")?;
        ensure!(
            email(first.handle) == SIGN_IN_EMAIL,
            "the first demo person must be the one offered for signing in"
        );
        let admin = open_account(&self.app, Actor::Operator, first, Role::Admin).await?;
        let by_admin = Actor::User(admin.clone());
        self.people.insert(first.handle, admin);
        // Hashing its password is the slow part of opening an account (argon2, on
        // purpose): open as many at once as there are processors.
        let at_once = std::thread::available_parallelism().map_or(2, usize::from);
        for batch in others.chunks(at_once) {
            let opening: Vec<_> = batch
                .iter()
                .map(|person| {
                    let (app, admin) = (self.app.clone(), by_admin.clone());
                    tokio::spawn(
                        async move { open_account(&app, admin, person, Role::Member).await }
                            .with_subscriber(NoSubscriber::default()),
                    )
                })
                .collect();
            for (person, opened) in batch.iter().zip(opening) {
                let user = opened.await.context("opening a demo account failed")??;
                self.people.insert(person.handle, user);
            }
        }
        self.summary.people = self.people.len();
        Ok(())
    }

    /// Each person fills in their own profile.
    async fn profiles(&self) -> anyhow::Result<()> {
        for person in PEOPLE {
            let user = self.user(person.handle)?;
            let manager = person
                .manager
                .map(|handle| self.user(handle).map(|m| m.id))
                .transpose()?;
            let changes = ProfileChanges {
                job_title: Some(person.title.to_owned()),
                department: Some(person.department.to_owned()),
                location: Some(person.location.to_owned()),
                time_zone: Some(person.time_zone.to_owned()),
                about: Some(person.about.to_owned()),
                manager_id: manager.map(Some),
                ..ProfileChanges::default()
            };
            let actor = Actor::User(user.clone());
            let profile = people::update(&self.app, &actor, &PersonRef::Id(user.id), &changes)
                .await
                .with_context(|| format!("the profile of @{}", person.handle))?;
            ensure!(
                profile.handle == person.handle,
                "{} got the handle @{}, but the demo's texts call them @{}",
                person.name,
                profile.handle,
                person.handle
            );
        }
        for (handle, language) in LANGUAGES {
            let actor = Actor::User(self.user(handle)?.clone());
            languages::set_own(&self.app, &actor, Some(language))
                .await
                .with_context(|| format!("the language of @{handle}"))?;
        }
        Ok(())
    }

    /// Every third person sets a profile photo (the first, who signs in, among them);
    /// the rest keep their initials, as people do. Drawing and thumbnailing is the
    /// slow part: as many at once as there are processors.
    async fn photos(&mut self) -> anyhow::Result<()> {
        let at_once = std::thread::available_parallelism().map_or(2, usize::from);
        let with_photos: Vec<(u64, Actor)> = PEOPLE
            .iter()
            .step_by(3)
            .zip(1000..)
            .map(|(person, seed)| Ok((seed, self.actor(person.handle)?)))
            .collect::<anyhow::Result<_>>()?;
        for batch in with_photos.chunks(at_once) {
            let setting: Vec<_> = batch
                .iter()
                .map(|(seed, actor)| {
                    let (app, actor, seed) = (self.app.clone(), actor.clone(), *seed);
                    tokio::spawn(
                        async move { files::set_profile_photo(&app, &actor, seed).await }
                            .with_subscriber(NoSubscriber::default()),
                    )
                })
                .collect();
            for set in setting {
                set.await.context("setting a demo photo failed")??;
                self.summary.files += 1;
            }
        }
        Ok(())
    }

    /// Owners found the communities; members join, and a private community's owner
    /// approves their requests.
    async fn communities(&mut self) -> anyhow::Result<()> {
        self.at(company::COMMUNITIES_FOUNDED);
        for spec in COMMUNITIES {
            let owner = self.actor(spec.owner)?;
            let input = NewCommunity {
                name: spec.name.to_owned(),
                description: spec.description.to_owned(),
                visibility: spec.visibility.to_owned(),
                category: spec.category.to_owned(),
            };
            let id = communities::create(&self.app, &owner, &input)
                .await
                .with_context(|| format!("the community {:?}", spec.name))?
                .id;
            for handle in handles(spec.members) {
                let state = communities::join(&self.app, &self.actor(handle)?, id)
                    .await
                    .with_context(|| format!("@{handle} joining {:?}", spec.name))?;
                if state == MembershipState::Requested {
                    communities::approve(&self.app, &owner, id, self.user(handle)?.id).await?;
                }
            }
            for handle in handles(spec.admins) {
                communities::set_role(&self.app, &owner, id, self.user(handle)?.id, "admin")
                    .await
                    .with_context(|| format!("@{handle} as an admin of {:?}", spec.name))?;
            }
            self.communities.insert(spec.name, id);
        }
        self.summary.communities = self.communities.len();
        Ok(())
    }

    /// Everyone follows their manager, and some follow more colleagues.
    async fn follows(&self) -> anyhow::Result<()> {
        self.at(company::PEOPLE_FOLLOWED);
        let managers = PEOPLE
            .iter()
            .filter_map(|person| Some((person.handle, person.manager?)));
        let chosen = FOLLOWS
            .iter()
            .flat_map(|(follower, followed)| handles(followed).map(move |f| (*follower, f)));
        for (follower, followed) in managers.chain(chosen) {
            let target = PersonRef::Id(self.user(followed)?.id);
            people::follow(&self.app, &self.actor(follower)?, &target)
                .await
                .with_context(|| format!("@{follower} following @{followed}"))?;
        }
        Ok(())
    }

    /// Posts, replies, shares, reactions and best answers, each at its moment.
    async fn conversations(&mut self) -> anyhow::Result<()> {
        for (ago, step) in timeline()? {
            self.at(ago);
            self.step(step)
                .await
                .with_context(|| format!("the demo step {step:?}"))?;
            // Notifications are written just after their post: told before the clock
            // moves on, they carry the post's time.
            self.app.settled().await;
        }
        Ok(())
    }

    /// Writes and publishes an article with the thread's words; everyone who will
    /// react to it read it first. Its uploaded files go where the body says
    /// `{{image:N}}` (the N-th file), or at its end. Answers its post.
    async fn article(
        &mut self,
        author: &Actor,
        input: &NewPost,
        (title, summary): (&str, &str),
        reactions: &'static str,
    ) -> anyhow::Result<PostId> {
        let mut body = input.body.clone();
        let mut at_the_end = Vec::new();
        for (n, id) in input.attachments.iter().enumerate() {
            let marker = format!("{{{{image:{n}}}}}");
            if body.contains(&marker) {
                let upload = uploads::get(&self.app, author, *id).await?;
                body = body.replace(&marker, &article::file_markdown(&upload));
            } else {
                at_the_end.push(*id);
            }
        }
        let draft = articles::Draft {
            community_id: input.community_id,
            title: title.to_owned(),
            summary: summary.to_owned(),
            body,
            files: at_the_end,
            ..articles::Draft::default()
        };
        let written = articles::create(&self.app, author, &draft).await?;
        let published = articles::publish(&self.app, author, written.id, None).await?;
        for (_, reader) in self::reactions(reactions)? {
            articles::record_read(&self.app, &self.actor(reader)?, written.id).await?;
        }
        self.summary.articles += 1;
        published
            .post_id
            .with_context(|| format!("the demo article {title:?} has no post"))
    }

    /// Uploads `files` as the person who is about to attach them.
    async fn upload(
        &mut self,
        actor: &Actor,
        files: &[files::File],
    ) -> anyhow::Result<Vec<UploadId>> {
        let ids = files::upload(&self.app, actor, files).await?;
        self.summary.files += ids.len();
        Ok(ids)
    }

    async fn step(&mut self, step: Step) -> anyhow::Result<()> {
        let app = &self.app.clone();
        match step {
            Step::Thread(t) => {
                let thread = &THREADS[t];
                let author = self.actor(thread.author)?;
                let input = NewPost {
                    community_id: self.community(thread.community)?,
                    kind: Some(thread.kind.as_str().to_owned()),
                    body: self.text(thread.body)?,
                    shared_post_id: None,
                    attachments: self
                        .upload(&author, files::for_post(thread.key, None))
                        .await?,
                    poll: thread.poll.as_ref().map(|poll| NewPoll {
                        options: poll.options.iter().map(|o| (*o).to_owned()).collect(),
                        choice: Some(if poll.multiple { "multiple" } else { "single" }.to_owned()),
                        results: None,
                        votes: Some(if poll.named { "named" } else { "anonymous" }.to_owned()),
                        closes_at: poll
                            .closes_after
                            .map(|minutes| app.now() + minutes * 60_000),
                    }),
                    praise: thread
                        .praise
                        .map(|praise| self.praise(praise))
                        .transpose()?,
                };
                let post = match thread.article {
                    Some(heading) => {
                        self.article(&author, &input, heading, thread.reactions)
                            .await?
                    }
                    None => posts::create(app, &author, &input).await?.id,
                };
                self.threads.insert(thread.key, post);
                self.summary.posts += 1;
            }
            Step::Reply(t, r) => {
                let reply = &THREADS[t].replies[r];
                let parent = match reply.to {
                    None => self.thread(THREADS[t].key)?,
                    Some(parent) => self.reply(t, parent)?,
                };
                let body = self.text(reply.body)?;
                let author = self.actor(reply.author)?;
                let attachments = self
                    .upload(&author, files::for_post(THREADS[t].key, Some(r)))
                    .await?;
                let post = posts::reply_with(app, &author, parent, &body, &attachments).await?;
                self.replies.insert((t, r), post.id);
                self.summary.replies += 1;
            }
            Step::Share(s) => {
                let share = &SHARES[s];
                let input = NewPost {
                    community_id: self.community(share.community)?,
                    kind: None,
                    body: self.text(share.comment)?,
                    shared_post_id: Some(self.thread(share.of)?),
                    attachments: Vec::new(),
                    poll: None,
                    praise: None,
                };
                let post = posts::create(app, &self.actor(share.author)?, &input).await?;
                self.shares.insert(s, post.id);
                self.summary.posts += 1;
            }
            Step::React(target, kind, person) => {
                let post = match target {
                    Target::Thread(t) => self.thread(THREADS[t].key)?,
                    Target::Reply(t, r) => self.reply(t, r)?,
                    Target::Share(s) => *self
                        .shares
                        .get(&s)
                        .with_context(|| format!("demo share {s} does not exist (yet)"))?,
                };
                posts::react(app, &self.actor(person)?, post, kind, true).await?;
                self.summary.reactions += 1;
            }
            Step::BestAnswer(t) => {
                let thread = &THREADS[t];
                let Some(best) = thread.best_answer else {
                    bail!("demo thread {} has no best answer", thread.key);
                };
                let (question, answer) = (self.thread(thread.key)?, self.reply(t, best)?);
                posts::mark_best_answer(app, &self.actor(thread.author)?, question, Some(answer))
                    .await?;
            }
            Step::Vote(t, position, person) => {
                let post = self.thread(THREADS[t].key)?;
                let voter = self.actor(person)?;
                // A multiple-choice vote adds to what the person chose before.
                let mut chosen = feeds::get(app, &voter, post)
                    .await?
                    .poll
                    .map(|poll| poll.mine)
                    .unwrap_or_default();
                chosen.push(position);
                polls::vote(app, &voter, post, &chosen).await?;
                self.summary.votes += 1;
            }
        }
        Ok(())
    }

    /// Chat conversations, each message at its own moment.
    async fn chats(&mut self) -> anyhow::Result<()> {
        for spec in chats::CHATS {
            let first = spec
                .messages
                .first()
                .context("a demo chat without messages")?;
            self.at(first.0 + 1);
            let id = match &spec.with {
                chats::With::Direct(starter, other) => {
                    let other = self.user(other)?.id;
                    chat::start_direct(&self.app, &self.actor(starter)?, other)
                        .await?
                        .view
                        .conversation
                        .id
                }
                chats::With::Group { title, members } => {
                    let mut handles = handles(members);
                    let starter = handles.next().context("a demo group without people")?;
                    let member_ids = handles
                        .map(|handle| self.user(handle).map(|u| u.id))
                        .collect::<anyhow::Result<Vec<_>>>()?;
                    let group = chat::NewGroup {
                        title: (*title).to_owned(),
                        member_ids,
                    };
                    chat::create_group(&self.app, &self.actor(starter)?, &group)
                        .await?
                        .conversation
                        .id
                }
            };
            for (minutes_ago, author, text) in spec.messages {
                self.at(*minutes_ago);
                let author = self.actor(author)?;
                let attachments = self.upload(&author, files::for_message(text)).await?;
                chat::send_with(&self.app, &author, id, text, &attachments).await?;
            }
        }
        Ok(())
    }

    /// The intranet that embeds Hearth, and the comments under its pages: the first
    /// on a page starts its discussion in Hearth, the others reply to it.
    async fn intranet(&mut self) -> anyhow::Result<()> {
        self.at(intranet::EMBEDDED);
        let settings = embedding::NewSettings {
            frame_origins: intranet::SITE.to_owned(),
            page_comments_community: None,
        };
        embedding::save_settings(&self.app, Acting::operator(), &settings).await?;
        for comment in intranet::PAGE_COMMENTS {
            self.at(comment.minutes_ago);
            let author = self.actor(comment.author)?;
            let post = page_comments::comment(
                &self.app,
                &author,
                comment.url,
                comment.title,
                comment.text,
            )
            .await?;
            if post.is_reply() {
                self.summary.replies += 1;
            } else {
                self.summary.posts += 1;
            }
        }
        Ok(())
    }

    /// The external network with the fit-out suppliers: its sponsor adds colleagues,
    /// who write there as the people they are in that network.
    async fn suppliers(&mut self) -> anyhow::Result<()> {
        self.at(suppliers::CREATED);
        let sponsor = self.actor(PEOPLE[0].handle)?;
        let input = external_networks::NewExternalNetwork {
            name: suppliers::NAME.to_owned(),
            description: suppliers::DESCRIPTION.to_owned(),
            guest_domain: Some(suppliers::GUEST_DOMAIN.to_owned()),
            guest_days: None,
        };
        let network = external_networks::create(&self.app, Acting::new(&sponsor, "demo"), &input)
            .await?
            .network;
        for handle in handles(suppliers::MEMBERS) {
            let colleague = self.user(handle)?.id;
            external_networks::add_employee(
                &self.app,
                Acting::new(&sponsor, "demo"),
                network.id,
                colleague,
            )
            .await?;
        }
        for (minutes_ago, author, text) in suppliers::POSTS {
            self.at(*minutes_ago);
            let there =
                external_networks::acting_in(&self.app, self.user(author)?, network.id).await?;
            let post = posts::NewPost {
                body: (*text).to_owned(),
                ..posts::NewPost::default()
            };
            posts::create(&self.app, &Actor::User(there), &post).await?;
            self.summary.posts += 1;
        }
        self.at(suppliers::GUEST_INVITED);
        let (address, name) = suppliers::GUEST;
        let invited = guests::invite(
            &self.app,
            Acting::new(&sponsor, "demo"),
            network.id,
            address,
        )
        .await?;
        let guest = invitations::accept(
            &self.app,
            invitations::AcceptForm {
                secret: &invited.secret,
                name,
                password: PASSWORD,
            },
            &sessions::ClientInfo {
                address: "demo".to_owned(),
                user_agent: "demo".to_owned(),
            },
        )
        .await?
        .user;
        let (minutes_ago, text) = suppliers::GUEST_POST;
        self.at(minutes_ago);
        let post = posts::NewPost {
            body: text.to_owned(),
            ..posts::NewPost::default()
        };
        posts::create(&self.app, &Actor::User(guest), &post).await?;
        self.summary.posts += 1;
        self.at(company::ago(1, 1));
        guests::invite(
            &self.app,
            Acting::new(&sponsor, "demo"),
            network.id,
            suppliers::INVITED,
        )
        .await?;
        Ok(())
    }

    /// Join requests still waiting for their community's owner, made recently.
    async fn pending_requests(&self) -> anyhow::Result<()> {
        self.at(company::REQUESTS_MADE);
        for spec in COMMUNITIES {
            let id = self.community(Some(spec.name))?.context("a community")?;
            for handle in handles(spec.pending) {
                let state = communities::join(&self.app, &self.actor(handle)?, id).await?;
                ensure!(
                    state == MembershipState::Requested,
                    "@{handle} joined {:?} at once; only a private community keeps a request waiting",
                    spec.name
                );
            }
        }
        Ok(())
    }
}

async fn open_account(
    app: &App,
    actor: Actor,
    person: &company::Person,
    role: Role,
) -> anyhow::Result<User> {
    let email = email(person.handle);
    let account = accounts::NewAccount {
        email: &email,
        name: person.name,
        password: Some(PASSWORD),
        role,
        company_if_new: Some(COMPANY),
    };
    accounts::create_user(app, &actor, account)
        .await
        .with_context(|| format!("the account of {}", person.name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indented_texts_lose_their_indentation_but_keep_their_shape() {
        let text = "\n    # Title\n\n    - one\n      more\n    ";
        assert_eq!(dedent(text), "# Title\n\n- one\n  more");
        assert_eq!(dedent("one line"), "one line");
    }

    #[test]
    fn reactions_read_as_kinds_with_people() {
        assert_eq!(
            reactions("like: ana_lima tomas_ferreira; funny: lukas_becker").unwrap(),
            [
                ("like", "ana_lima"),
                ("like", "tomas_ferreira"),
                ("funny", "lukas_becker")
            ]
        );
        assert!(reactions("ana_lima").is_err());
    }

    #[test]
    fn the_timeline_runs_forward_and_never_reaches_the_future() {
        let steps = timeline().unwrap();
        assert!(steps.windows(2).all(|pair| pair[0].0 >= pair[1].0));
        assert!(
            steps.last().unwrap().0 > company::REQUESTS_MADE,
            "the waiting join requests come last"
        );
        assert!(
            steps.first().unwrap().0 < company::PEOPLE_FOLLOWED,
            "conversations start after the network is set up"
        );
    }

    #[test]
    fn the_content_names_only_its_own_people_and_communities() {
        let people: Vec<&str> = PEOPLE.iter().map(|p| p.handle).collect();
        let known = |handle: &str| people.contains(&handle);
        let mut named: Vec<&str> = Vec::new();
        for person in PEOPLE {
            named.extend(person.manager);
        }
        named.push(company::ANOTHER_PERSON);
        named.extend(LANGUAGES.iter().map(|(handle, _)| *handle));
        for (follower, followed) in FOLLOWS {
            named.push(*follower);
            named.extend(handles(followed));
        }
        for spec in COMMUNITIES {
            named.push(spec.owner);
            named.extend(handles(spec.members).chain(handles(spec.admins)));
            named.extend(handles(spec.pending));
        }
        for thread in THREADS {
            named.push(thread.author);
            named.extend(
                reactions(thread.reactions)
                    .unwrap()
                    .into_iter()
                    .map(|(_, p)| p),
            );
            for reply in thread.replies {
                named.push(reply.author);
                named.extend(
                    reactions(reply.reactions)
                        .unwrap()
                        .into_iter()
                        .map(|(_, p)| p),
                );
            }
        }
        let unknown: Vec<&&str> = named.iter().filter(|h| !known(h)).collect();
        assert!(unknown.is_empty(), "unknown people: {unknown:?}");

        let mentioned = THREADS
            .iter()
            .flat_map(|t| std::iter::once(t.body).chain(t.replies.iter().map(|r| r.body)))
            .chain(SHARES.iter().map(|s| s.comment))
            .flat_map(|body| hearth_app::domain::markdown::extract(body).mentions);
        let unknown: Vec<String> = mentioned.filter(|h| !known(h)).collect();
        assert!(unknown.is_empty(), "unknown mentions: {unknown:?}");
        assert_eq!(email(PEOPLE[0].handle), SIGN_IN_EMAIL);
        assert!(COMMUNITIES.len() >= 12 && PEOPLE.len() >= 48);
    }

    #[test]
    fn most_departments_and_offices_are_big_enough_for_the_dashboards_to_name() {
        fn sizes(group: impl Fn(&company::Person) -> &'static str) -> HashMap<&'static str, i64> {
            let mut sizes = HashMap::new();
            for person in PEOPLE {
                *sizes.entry(group(person)).or_default() += 1;
            }
            sizes
        }
        let smallest = hearth_app::analytics::SMALLEST_GROUP;
        let departments = sizes(|person| person.department);
        let named = departments.values().filter(|n| **n >= smallest).count();
        let others: i64 = departments.values().filter(|n| **n < smallest).sum();
        assert!(named >= 5, "{departments:?}");
        assert!(
            others >= smallest,
            "the small departments are shown together as other: {departments:?}"
        );
        assert!(
            departments.get("Finance") < Some(&smallest),
            "Finance stays small: the browser test checks that it is not shown alone"
        );
        let locations = sizes(|person| person.location);
        let named = locations.values().filter(|n| **n >= smallest).count();
        assert!(named >= 4, "{locations:?}");
    }
}
