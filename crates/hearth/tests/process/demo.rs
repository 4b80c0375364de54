//! `hearth demo`: the first start seeds a living network and says how to sign in; a
//! later start serves it without seeding again; a real network is never touched.

use crate::support::{admin, hearth};
use hearth_testkit::{Backend, PASSWORD, TestDb, both_backends};
use serde_json::{Value, json};
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::Child;

both_backends!(a_demo_seeds_a_living_network_once);

/// A running `hearth demo` and what it printed up to its sign-in advice.
struct Demo {
    child: Child,
    base: String,
    output: Vec<String>,
}

impl Demo {
    async fn start(dir: &Path, args: &[&str]) -> Self {
        Self::start_with_env(dir, args, &[]).await
    }

    async fn start_with_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Self {
        let mut command = hearth(dir);
        command
            .args(["demo", "--listen", "127.0.0.1:0"])
            .args(args)
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        let mut child = command.spawn().unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut output = Vec::new();
        tokio::time::timeout(Duration::from_secs(60), async {
            while let Some(line) = lines.next_line().await.unwrap() {
                let last = line.starts_with("The demo lives in ") || line.contains("nothing added");
                output.push(line);
                if last {
                    return;
                }
            }
            panic!("the demo exited early: {output:?}");
        })
        .await
        .expect("the demo was ready within a minute");
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        let base = output
            .iter()
            .find_map(|line| line.strip_prefix("Hearth is listening on "))
            .expect("the demo says where it listens")
            .trim()
            .to_owned();
        Self {
            child,
            base,
            output,
        }
    }

    fn printed(&self, text: &str) -> bool {
        self.output.iter().any(|line| line.contains(text))
    }

    /// The e-mail address and password from "Sign in as E with the password P (…".
    fn sign_in_advice(&self) -> (String, String) {
        let line = self
            .output
            .iter()
            .find_map(|line| line.strip_prefix("Sign in as "))
            .unwrap_or_else(|| panic!("no sign-in advice in {:?}", self.output));
        let (email, rest) = line.split_once(" with the password ").unwrap();
        let password = rest.split_whitespace().next().unwrap();
        (email.to_owned(), password.to_owned())
    }

    /// Signs in through the JSON API; answers a client that keeps the session.
    async fn sign_in(&self) -> Client {
        let (email, password) = self.sign_in_advice();
        self.sign_in_as(&email, &password).await
    }

    async fn sign_in_as(&self, email: &str, password: &str) -> Client {
        let http = reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .unwrap();
        let response = http
            .post(format!("{}/api/hearth/v1/session", self.base))
            .json(&json!({ "email": email, "password": password }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{email} signs in");
        Client {
            http,
            api: format!("{}/api/hearth/v1", self.base),
        }
    }

    /// Stops the demo as an operator would, with SIGTERM.
    async fn stop(mut self) {
        let pid = self.child.id().unwrap().to_string();
        let status = tokio::process::Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .await
            .unwrap();
        assert!(status.success());
        let exited = tokio::time::timeout(Duration::from_secs(20), self.child.wait())
            .await
            .expect("the demo stopped within 20 seconds")
            .unwrap();
        assert!(
            exited.success(),
            "a graceful shutdown exits 0, got {exited}"
        );
    }
}

struct Client {
    http: reqwest::Client,
    api: String,
}

impl Client {
    /// The server's address, for the paths the API answers (such as a file's URL).
    fn base(&self) -> &str {
        self.api.trim_end_matches("/api/hearth/v1")
    }

    async fn get(&self, path: &str) -> Value {
        let response = self
            .http
            .get(format!("{}{path}", self.api))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "GET {path}");
        response.json().await.unwrap()
    }
}

fn list(value: &Value) -> &Vec<Value> {
    value.as_array().unwrap()
}

/// How deep a thread's replies go.
fn depth(nodes: &Value) -> usize {
    list(nodes)
        .iter()
        .map(|node| 1 + depth(&node["children"]))
        .max()
        .unwrap_or(0)
}

/// What a signed-in visitor finds, checked and counted.
async fn look_around(client: &Client) -> (usize, usize, usize) {
    let communities = client.get("/communities").await;
    let communities = list(&communities);
    assert!(communities.len() >= 12, "{} communities", communities.len());
    for category in ["work", "social"] {
        assert!(
            communities.iter().any(|c| c["category"] == category),
            "a {category} community"
        );
    }

    let private = communities
        .iter()
        .find(|c| c["visibility"] == "private")
        .expect("a private community");
    let members = client
        .get(&format!(
            "/communities/{}/members",
            private["id"].as_str().unwrap()
        ))
        .await;
    assert!(
        list(&members).iter().any(|m| m["state"] == "requested"),
        "a join request waits in {}: {members}",
        private["name"]
    );

    let people = client.get("/people?limit=200").await;
    let people = list(&people["people"]);
    assert!(people.len() >= 40, "{} people", people.len());
    assert!(
        people
            .iter()
            .all(|p| p["job_title"] != "" && p["time_zone"] != "")
    );
    assert!(people.iter().filter(|p| p["manager_id"].is_null()).count() == 1);
    let with_photos = people.iter().filter(|p| p["photo_url"].is_string()).count();
    assert!(
        with_photos >= people.len() / 3 && with_photos < people.len(),
        "{with_photos} of {} people have a photo",
        people.len()
    );

    let feed = client.get("/feed?limit=100").await;
    let posts = list(&feed["posts"]);
    assert!(posts.len() >= 10, "{} posts in the home feed", posts.len());
    assert!(posts.iter().any(|p| p["kind"] == "announcement"));
    assert!(posts.iter().any(|p| p["shared"]["available"] == true));
    let gallery = posts
        .iter()
        .find(|p| list(&p["attachments"]).len() >= 3)
        .expect("a post with a gallery of photos");
    for photo in list(&gallery["attachments"]) {
        assert_eq!(photo["content_type"], "image/jpeg", "{photo}");
        assert!(
            photo["alt_text"].as_str().is_some_and(|t| !t.is_empty()),
            "{photo}"
        );
    }
    let thumbnail = list(&gallery["attachments"][0]["urls"])
        .iter()
        .find(|u| u["variant"] == "small")
        .expect("a thumbnail of the first photo");
    let response = client
        .http
        .get(format!(
            "{}{}",
            client.base(),
            thumbnail["url"].as_str().unwrap()
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "image/jpeg");
    assert!(
        posts
            .iter()
            .flat_map(|p| list(&p["attachments"]))
            .any(|f| !f["content_type"].as_str().unwrap().starts_with("image/")),
        "a document attached to a post"
    );
    let kinds: std::collections::BTreeSet<&str> = posts
        .iter()
        .flat_map(|p| list(&p["reactions"]))
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.len() >= 3, "reactions of several kinds: {kinds:?}");
    let newest = posts.first().unwrap()["created_at"].as_str().unwrap();
    let oldest = posts.last().unwrap()["created_at"].as_str().unwrap();
    assert_ne!(newest[..10], oldest[..10], "posts spread over days");

    let question = posts
        .iter()
        .find(|p| p["kind"] == "question" && !p["best_answer_id"].is_null())
        .expect("a question with a best answer");
    let thread = client
        .get(&format!(
            "/posts/{}/thread",
            question["id"].as_str().unwrap()
        ))
        .await;
    assert!(list(&thread["replies"]).len() >= 2, "several answers");
    let best = client
        .get(&format!(
            "/posts/{}",
            question["best_answer_id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(best["thread_id"], question["id"]);

    let mut deepest = 0;
    for post in posts.iter().filter(|p| p["replies"].as_i64() > Some(3)) {
        let thread = client
            .get(&format!("/posts/{}/thread", post["id"].as_str().unwrap()))
            .await;
        deepest = deepest.max(depth(&thread["replies"]));
    }
    assert!(deepest >= 3, "replies nest three deep, found {deepest}");

    let launches = communities
        .iter()
        .find(|c| c["name"] == "Product launches")
        .unwrap();
    let page = client
        .get(&format!(
            "/communities/{}/posts",
            launches["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(list(&page["pinned"]).len(), 1, "a pinned announcement");

    let articles = client.get("/articles").await;
    let articles = list(&articles["articles"]);
    let column = articles
        .iter()
        .find(|p| p["author"]["handle"] == "helena_costa")
        .expect("the leadership column");
    assert!(
        column["replies"].as_i64() >= Some(5),
        "a lively discussion: {column}"
    );
    let shown = client
        .get(&format!(
            "/articles/{}",
            column["article"]["id"].as_str().unwrap()
        ))
        .await;
    assert!(list(&shown["headings"]).len() >= 3, "a table of contents");
    assert!(!list(&shown["liked_by"]).is_empty(), "colleagues like it");
    let image = shown["body_html"]
        .as_str()
        .unwrap()
        .split(r#"<img src="/files/"#)
        .nth(1)
        .and_then(|rest| rest.split_once('/'))
        .map(|(id, _)| id.to_owned())
        .expect("a photo in the column's body");
    assert!(
        list(&shown["post"]["attachments"])
            .iter()
            .any(|file| file["id"] == image.as_str()),
        "the photo is the column's post's: {shown}"
    );
    assert!(
        articles.iter().any(|p| !p["community_id"].is_null()),
        "an article in a community"
    );

    let chats = client.get("/conversations").await;
    let chats = list(&chats["conversations"]);
    assert!(chats.len() >= 3, "{} conversations", chats.len());
    assert!(chats.iter().any(|c| c["kind"] == "group"), "a group chat");
    assert!(
        chats.iter().any(|c| c["unread"].as_i64().unwrap_or(0) > 0),
        "something unread for the person signing in"
    );

    (communities.len(), people.len(), posts.len())
}

/// The analytics dashboards have a history to show: activity in most of the last
/// ninety days' weeks, growing as people joined in, and departments and offices big
/// enough to be shown by name.
async fn dashboards_have_a_history(admin: &Client) {
    let network = admin.get("/analytics/network?days=90").await;
    let weeks = list(&network["weeks"]);
    let active: Vec<i64> = weeks
        .iter()
        .filter_map(|w| w["active_people"].as_i64())
        .filter(|people| *people > 0)
        .collect();
    assert!(active.len() >= 10, "weeks with activity: {weeks:?}");
    assert!(
        active.first() < active.iter().max(),
        "fewer people in the first weeks: {active:?}"
    );
    for (axis, at_least) in [("departments", 4), ("locations", 3)] {
        let groups = list(&network[axis]["groups"]);
        let named: Vec<&str> = groups.iter().filter_map(|g| g["name"].as_str()).collect();
        assert!(named.len() >= at_least, "{axis} shown by name: {named:?}");
        assert!(
            groups.iter().any(|g| g["other"] == true),
            "the small {axis} together: {groups:?}"
        );
        // People answer colleagues of other groups, not only their own.
        let replies = list(&network[axis]["replies"]);
        let across: i64 = replies
            .iter()
            .enumerate()
            .flat_map(|(from, row)| {
                list(row)
                    .iter()
                    .enumerate()
                    .filter(move |(to, _)| *to != from)
                    .filter_map(|(_, cell)| cell.as_i64())
            })
            .sum();
        assert!(across > 0, "replies across {axis}: {replies:?}");
    }
    let departments = list(&network["departments"]["groups"]);
    assert!(
        departments.iter().all(|g| g["name"] != "Finance"),
        "Finance has two people, too few to be shown alone"
    );
    let questions = &network["questions"];
    let asked = questions["asked"].as_i64().unwrap();
    let answered = questions["answered"].as_i64().unwrap();
    assert!(
        answered * 10 >= asked * 7 && answered < asked,
        "most questions answered, a few waiting: {questions}"
    );
    assert!(
        questions["with_best_answer"].as_i64() > Some(0),
        "{questions}"
    );
    assert!(questions["unanswered"].as_i64() > Some(0), "{questions}");
    let split = &network["work_and_social"];
    assert!(
        split["work"].as_i64() > Some(0) && split["social"].as_i64() > Some(0),
        "{split}"
    );
    let totals = &network["totals"];
    for figure in ["posts", "replies", "shares", "reactions", "messages"] {
        assert!(totals[figure].as_i64() > Some(0), "{figure}: {totals}");
    }
}

async fn a_demo_seeds_a_living_network_once(db: TestDb) {
    let dir = tempfile::tempdir().unwrap();
    let args = ["--database-url", db.url.as_str()];

    let first = Demo::start(dir.path(), &args).await;
    assert!(
        first.printed("Seeded the demo company"),
        "{:?}",
        first.output
    );
    let seen = look_around(&first.sign_in().await).await;
    // A colleague who chose German reads the pages in it.
    let (email, password) = first.sign_in_advice();
    let ingrid = first
        .sign_in_as(&email.replace("ana.lima", "ingrid.halvorsen"), &password)
        .await;
    let home = ingrid
        .http
        .get(format!("{}/", first.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(home.contains(r#"<html lang="de""#), "{home}");

    // Search finds the VPN question, and the private Security community's phishing
    // report only for its members (Ana, the admin, reads everything; Ingrid is not in
    // it).
    let ana = first.sign_in().await;
    dashboards_have_a_history(&ana).await;
    // Ana sponsors the external network with the fit-out suppliers, where colleagues
    // wrote what the company's own network never shows.
    let networks = ana.get("/networks").await;
    let kinds: Vec<&str> = list(&networks)
        .iter()
        .map(|n| n["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["home", "external"], "{networks}");
    let cabling = ana.get("/search?q=cabling&type=posts").await;
    assert!(list(&cabling["posts"]).is_empty(), "{cabling}");
    // Its guest from the supplier signs in with the same password and sees that
    // network alone, where she is marked as a guest; her sponsor lists her.
    let marta = first
        .sign_in_as("marta.sousa@fitout.example", &password)
        .await;
    let hers = marta.get("/networks").await;
    assert_eq!(list(&hers).len(), 1, "{hers}");
    assert_eq!(hers[0]["name"], "Porto fit-out");
    let feed = marta.get("/feed").await;
    let posts = list(&feed["posts"]);
    assert!(
        posts.iter().any(|p| p["author"]["guest"] == true)
            && posts.iter().any(|p| p["author"]["guest"] == false),
        "{feed}"
    );
    let external = list(&networks)[1]["id"].as_str().unwrap().to_owned();
    let listed = ana.get(&format!("/networks/{external}/guests")).await;
    assert_eq!(list(&listed).len(), 1, "{listed}");
    let invited = ana.get(&format!("/networks/{external}/invitations")).await;
    assert!(
        list(&invited).iter().any(|i| i["state"] == "open"),
        "{invited}"
    );
    let vpn = ana.get("/search?q=vpn&type=posts").await;
    assert!(
        list(&vpn["posts"])
            .iter()
            .any(|hit| hit["post"]["kind"] == "question"),
        "{vpn}"
    );
    let communities = ana.get("/communities").await;
    let security = list(&communities)
        .iter()
        .find(|c| c["name"] == "Security")
        .unwrap()["id"]
        .clone();
    let in_security = |found: &Value| {
        list(&found["posts"])
            .iter()
            .filter(|hit| hit["post"]["community_id"] == security)
            .count()
    };
    assert!(in_security(&ana.get("/search?q=phishing&type=posts").await) > 0);
    assert_eq!(
        in_security(&ingrid.get("/search?q=phishing&type=posts").await),
        0
    );
    first.stop().await;

    let again = Demo::start(dir.path(), &args).await;
    assert!(!again.printed("Seeded"), "{:?}", again.output);
    assert!(again.printed("seeded before"), "{:?}", again.output);
    assert_eq!(
        look_around(&again.sign_in().await).await,
        seen,
        "nothing seeded twice"
    );
    again.stop().await;
}

#[tokio::test]
async fn a_demo_keeps_to_its_own_folder_whatever_the_configuration_says() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("hearth.toml"), "data_dir = \"real-data\"\n").unwrap();
    let real_database = [("HEARTH_DATABASE_URL", "sqlite://real.db?mode=rwc")];

    let demo = Demo::start_with_env(dir.path(), &[], &real_database).await;
    assert!(
        demo.printed("The demo lives in ./hearth-demo"),
        "{:?}",
        demo.output
    );
    demo.sign_in().await;
    demo.stop().await;
    assert!(dir.path().join("hearth-demo/hearth.db").exists());
    assert!(!dir.path().join("real-data").exists());
    assert!(!dir.path().join("real.db").exists());
}

#[tokio::test]
async fn a_demo_adds_nothing_to_a_database_that_holds_another_network() {
    let db = TestDb::create(Backend::Sqlite).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let create = [
        "create-user",
        "--email",
        "ana@acme.test",
        "--name",
        "Ana Lima",
        "--admin",
        "--password-stdin",
        "--company",
        "Acme Ltd",
    ];
    let (ok, _, stderr) = admin(dir.path(), &db.url, &create, Some(PASSWORD)).await;
    assert!(ok, "{stderr}");

    let demo = Demo::start(dir.path(), &["--database-url", &db.url]).await;
    assert!(demo.printed("not the demo"), "{:?}", demo.output);
    assert!(!demo.printed("Sign in as"), "{:?}", demo.output);
    let http = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let api = format!("{}/api/hearth/v1", demo.base);
    let signed_in = http
        .post(format!("{api}/session"))
        .json(&json!({ "email": "ana@acme.test", "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), 200);
    let people: Value = http
        .get(format!("{api}/people"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list(&people["people"]).len(), 1, "{people}");
    demo.stop().await;
}
