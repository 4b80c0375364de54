//! Seeds a realistic company straight into the database, many rows per statement.

use anyhow::Context;
use hearth_app::domain::{Actor, IdGenerator, Role};
use hearth_app::{App, accounts, tokens};
use hearth_store::Store;
use hearth_store::bulk::{self, Value};
use indicatif::{ProgressBar, ProgressStyle};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// How big a company to make.
#[derive(Debug, Clone)]
pub struct Size {
    pub users: usize,
    pub communities: usize,
    pub posts: usize,
    pub reactions: usize,
}

/// What the load phase needs to know about the seeded data. Saved next to the data
/// so that `--existing` can measure again without seeding again.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Seeded {
    pub tokens: Vec<String>,
    /// Communities each token's owner belongs to.
    pub token_communities: Vec<Vec<i64>>,
    /// A post halfway through the history, for deep feed pages.
    pub middle_post: i64,
    /// A top-level post with `THREAD_REPLIES` direct replies.
    pub big_thread: i64,
    /// A company-wide post that up to `WIDE_THREAD_PEOPLE` different people replied
    /// to: what a new reply there costs the writer. Absent from seeds made before it.
    #[serde(default)]
    pub wide_thread: i64,
}

pub const THREAD_REPLIES: usize = 500;
/// How many different people took part in the wide thread (at most every user).
pub const WIDE_THREAD_PEOPLE: usize = 5_000;
const TOKENS: usize = 64;
const ROWS_PER_TRANSACTION: usize = 20_000;
const DEPARTMENTS: [&str; 8] = [
    "Sales",
    "Engineering",
    "Finance",
    "Purchasing",
    "Logistics",
    "Marketing",
    "People",
    "Legal",
];

fn int(v: i64) -> Value {
    Value::Int(v)
}

fn text(v: impl Into<String>) -> Value {
    Value::Text(v.into())
}

fn opt(v: Option<i64>) -> Value {
    v.map_or(Value::Null, Value::Int)
}

async fn write(
    store: &Store,
    table: &str,
    columns: &[&str],
    rows: Vec<Vec<Value>>,
    bar: &ProgressBar,
) -> anyhow::Result<()> {
    for chunk in rows.chunks(ROWS_PER_TRANSACTION) {
        let mut tx = store.begin().await?;
        bulk::insert(&mut tx, table, columns, chunk)
            .await
            .with_context(|| format!("bulk insert into {table}"))?;
        tx.commit().await?;
        bar.inc(chunk.len() as u64);
    }
    Ok(())
}

/// The store and an application over `config`'s database for a benchmark that runs in
/// its own process: seeded first unless `existing`, which takes a database an earlier
/// run seeded.
pub async fn opened(
    config: &crate::config::Config,
    size: &Size,
    existing: bool,
    node_id: u32,
) -> anyhow::Result<(hearth_store::Store, App)> {
    let store = crate::server::open_store(config).await?;
    let app = App::new(
        store.clone(),
        crate::server::seeding_settings(config, node_id),
        hearth_app::system_clock(),
    )?;
    if !existing {
        if !hearth_app::setup::needs_setup(&app).await? {
            anyhow::bail!(
                "the benchmark needs an empty database (or --existing to use a seeded one)"
            );
        }
        let started = std::time::Instant::now();
        seed(&app, size).await?;
        println!(
            "seeded {} people, {} communities, {} posts and replies, {} reactions in {:.0} s",
            size.users,
            size.communities,
            size.posts,
            size.reactions,
            started.elapsed().as_secs_f64()
        );
    }
    Ok((store, app))
}

pub async fn seed(app: &App, size: &Size) -> anyhow::Result<Seeded> {
    let store = app.store();
    let mut rng = StdRng::seed_from_u64(2026);
    let admin = accounts::create_user(
        app,
        &Actor::Operator,
        accounts::NewAccount {
            email: "admin@bench.test",
            name: "Bench Admin",
            password: None,
            role: Role::Admin,
            company_if_new: Some("Benchmark Ltd"),
        },
    )
    .await?;
    let network = admin.network_id.0;
    let now = app.now();
    let year = 365 * 24 * 3600 * 1000_i64;
    let mut ids = IdGenerator::new(1021)?;
    let total = size.users + size.communities * 2 + size.users * 20 + size.posts + size.reactions;
    let bar = ProgressBar::new(total as u64);
    bar.set_style(
        ProgressStyle::with_template(
            "{msg:>12} [{bar:40}] {pos}/{len} rows ({per_sec}, eta {eta})",
        )?
        .progress_chars("=> "),
    );

    bar.set_message("people");
    let mut users = Vec::with_capacity(size.users);
    let mut rows = Vec::with_capacity(size.users);
    for i in 0..size.users {
        let id = ids.next(now - year - 1000);
        users.push(id);
        let name = format!("Person {i:05}");
        rows.push(vec![
            int(id),
            int(network),
            text(format!("u{i}@bench.test")),
            text(name.clone()),
            text("member"),
            text("active"),
            int(now - year),
            int(now - year),
            text(format!("u{i}")),
            text(name.to_lowercase()),
            text(DEPARTMENTS[i % DEPARTMENTS.len()]),
        ]);
    }
    let user_columns = [
        "id",
        "network_id",
        "email",
        "display_name",
        "role",
        "status",
        "created_at",
        "updated_at",
        "handle",
        "name_key",
        "department",
    ];
    write(store, "users", &user_columns, rows, &bar).await?;

    bar.set_message("communities");
    let mut communities = Vec::with_capacity(size.communities);
    let mut rows = Vec::new();
    let mut members: Vec<Vec<i64>> = vec![Vec::new(); size.users];
    let mut member_rows = Vec::new();
    for c in 0..size.communities {
        let id = ids.next(now - year - 500);
        communities.push(id);
        let visibility = match c % 15 {
            0 => "secret",
            1..=4 => "private",
            _ => "public",
        };
        let owner = rng.random_range(0..size.users);
        rows.push(vec![
            int(id),
            int(network),
            text(format!("Community {c:03}")),
            text(format!("community {c:03}")),
            text("A place to work together"),
            text(visibility),
            text(if c % 3 == 0 { "social" } else { "work" }),
            int(users[owner]),
            int(now - year),
        ]);
        members[owner].push(id);
        member_rows.push(vec![
            int(id),
            int(users[owner]),
            text("owner"),
            text("member"),
            int(now - year),
        ]);
    }
    let community_columns = [
        "id",
        "network_id",
        "name",
        "name_key",
        "description",
        "visibility",
        "category",
        "created_by",
        "created_at",
    ];
    write(store, "communities", &community_columns, rows, &bar).await?;
    for (u, joined) in members.iter_mut().enumerate() {
        for _ in 0..10 {
            let community = communities[rng.random_range(0..communities.len())];
            if !joined.contains(&community) {
                joined.push(community);
                member_rows.push(vec![
                    int(community),
                    int(users[u]),
                    text("member"),
                    text("member"),
                    int(now - year),
                ]);
            }
        }
    }
    let member_columns = ["community_id", "user_id", "role", "state", "created_at"];
    bar.set_message("members");
    write(
        store,
        "community_members",
        &member_columns,
        member_rows,
        &bar,
    )
    .await?;

    bar.set_message("follows");
    let mut follows = Vec::new();
    for u in 0..size.users {
        for _ in 0..10 {
            let other = rng.random_range(0..size.users);
            if other != u {
                follows.push(vec![
                    int(users[u]),
                    int(users[other]),
                    int(network),
                    int(now - year),
                ]);
            }
        }
    }
    write(
        store,
        "follows",
        &["follower_id", "followee_id", "network_id", "created_at"],
        follows,
        &bar,
    )
    .await?;

    bar.set_message("posts");
    let post_columns = [
        "id",
        "network_id",
        "author_id",
        "community_id",
        "kind",
        "root_id",
        "parent_id",
        "body_markdown",
        "body_html",
        "created_at",
    ];
    let step = (year / size.posts.max(1) as i64).max(1);
    let mut roots: Vec<(i64, Option<i64>)> = Vec::new();
    let mut post_ids = Vec::with_capacity(size.posts);
    let mut batch = Vec::with_capacity(ROWS_PER_TRANSACTION);
    let mut big_thread = 0;
    let mut wide_thread = 0;
    for i in 0..size.posts {
        let at = now - year + step * i as i64;
        let id = ids.next(at);
        post_ids.push(id);
        let mut author = rng.random_range(0..size.users);
        let tag = i % 50;
        let wide_end = THREAD_REPLIES + 1 + WIDE_THREAD_PEOPLE.min(size.users);
        let markdown = format!("Update {i} about #topic{tag}");
        let html =
            format!("<p>Update {i} about <a href=\"/topics/topic{tag}\">#topic{tag}</a></p>");
        let (community, kind, root) = if i == 0 {
            big_thread = id;
            (None, "discussion", None)
        } else if i <= THREAD_REPLIES {
            (None, "discussion", Some(big_thread))
        } else if i == THREAD_REPLIES + 1 {
            wide_thread = id;
            (None, "discussion", None)
        } else if i < wide_end && wide_end <= size.posts {
            // One reply from each of as many different people.
            author = i - THREAD_REPLIES - 2;
            (None, "discussion", Some(wide_thread))
        } else if roots.is_empty() || rng.random_bool(0.4) {
            let community = if rng.random_bool(0.1) || members[author].is_empty() {
                None
            } else {
                Some(members[author][rng.random_range(0..members[author].len())])
            };
            (
                community,
                if rng.random_bool(0.15) {
                    "question"
                } else {
                    "discussion"
                },
                None,
            )
        } else {
            let window = roots.len().min(5000);
            let (root, community) = roots[roots.len() - 1 - rng.random_range(0..window)];
            (community, "discussion", Some(root))
        };
        if root.is_none() {
            roots.push((id, community));
        }
        batch.push(vec![
            int(id),
            int(network),
            int(users[author]),
            opt(community),
            text(kind),
            opt(root),
            opt(root),
            text(markdown),
            text(html),
            int(at),
        ]);
        if batch.len() == ROWS_PER_TRANSACTION {
            write(
                store,
                "posts",
                &post_columns,
                std::mem::take(&mut batch),
                &bar,
            )
            .await?;
        }
    }
    write(store, "posts", &post_columns, batch, &bar).await?;

    bar.set_message("reactions");
    const WEEK: i64 = 7 * 24 * 3600 * 1000;
    let kinds = ["like", "celebrate", "insightful", "funny"];
    let mut batch = Vec::with_capacity(ROWS_PER_TRANSACTION);
    for _ in 0..size.reactions {
        let post = post_ids[rng.random_range(0..post_ids.len())];
        // Within a week of its post, as people react to what is new.
        let at = (hearth_app::domain::ids::id_millis(post) + rng.random_range(0..WEEK)).min(now);
        batch.push(vec![
            int(post),
            int(users[rng.random_range(0..size.users)]),
            text(kinds[rng.random_range(0..kinds.len())]),
            int(at),
        ]);
        if batch.len() == ROWS_PER_TRANSACTION {
            write(
                store,
                "reactions",
                &["post_id", "user_id", "kind", "created_at"],
                std::mem::take(&mut batch),
                &bar,
            )
            .await?;
        }
    }
    write(
        store,
        "reactions",
        &["post_id", "user_id", "kind", "created_at"],
        batch,
        &bar,
    )
    .await?;
    bar.finish_with_message("seeded");
    bulk::analyze(&mut *store.conn().await?).await?;
    // The days a running network has counted already; otherwise the server under
    // measurement would count a year of them in its first minute.
    hearth_app::analytics::count_due(app).await?;

    let mut tokens_out = Vec::with_capacity(TOKENS);
    let mut token_communities = Vec::with_capacity(TOKENS);
    for k in 0..TOKENS.min(size.users) {
        let u = (k * 7919) % size.users;
        let owner = hearth_app::domain::UserId(users[u]);
        let created = tokens::create(
            app,
            &Actor::Operator,
            owner,
            "benchmark",
            Default::default(),
        )
        .await?;
        tokens_out.push(created.secret);
        token_communities.push(members[u].clone());
    }
    Ok(Seeded {
        tokens: tokens_out,
        token_communities,
        middle_post: post_ids[post_ids.len() / 2],
        big_thread,
        wide_thread,
    })
}
