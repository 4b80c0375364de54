use crate::support::{ServerProcess, admin, hearth, run};
use hearth_testkit::{Backend, PASSWORD, TestDb, both_backends};
use std::time::Duration;

both_backends!(
    an_operator_sets_up_a_network_from_the_command_line,
    a_server_older_than_its_database_refuses_to_start,
);

async fn an_operator_sets_up_a_network_from_the_command_line(db: TestDb) {
    let dir = tempfile::tempdir().unwrap();
    let (dir, url) = (dir.path(), db.url.as_str());
    let create_ana = [
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
    let (ok, stdout, stderr) = admin(dir, url, &create_ana, Some(&format!("{PASSWORD}\n"))).await;
    assert!(ok, "{stderr}");
    assert!(
        stdout.contains("created Ana Lima <ana@acme.test> (admin"),
        "{stdout}"
    );

    let again = ["create-user", "--email", "ANA@acme.test", "--name", "Ana"];
    let (ok, _, stderr) = admin(dir, url, &again, None).await;
    assert!(!ok);
    assert!(stderr.contains("already exists"), "{stderr}");

    let (ok, stdout, stderr) = admin(
        dir,
        url,
        &["create-token", "--email", "ana@acme.test"],
        None,
    )
    .await;
    assert!(ok, "{stderr}");
    let secret = stdout.trim().to_owned();
    assert!(
        secret.starts_with("hth_") && !secret.contains('\n'),
        "{stdout}"
    );

    let (ok, _, stderr) = admin(
        dir,
        url,
        &["create-token", "--email", "nobody@acme.test"],
        None,
    )
    .await;
    assert!(!ok);
    assert!(stderr.contains("not found"), "{stderr}");

    let server = ServerProcess::start(dir, Some(url)).await;
    assert!(
        !server
            .banner
            .iter()
            .any(|line| line.contains("/setup?token=")),
        "no set-up link once a network exists: {:?}",
        server.banner
    );
    let me: serde_json::Value = reqwest::Client::new()
        .get(server.url("/api/hearth/v1/me"))
        .bearer_auth(&secret)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["user"]["email"], "ana@acme.test");
    assert_eq!(me["network"]["name"], "Acme Ltd");

    // Reindexing while the server runs; on PostgreSQL with a stemming configuration.
    let client = reqwest::Client::new();
    let posted = client
        .post(server.url("/api/hearth/v1/posts"))
        .bearer_auth(&secret)
        .json(&serde_json::json!({ "body": "The new VPN configuration is live" }))
        .send()
        .await
        .unwrap();
    assert_eq!(posted.status(), 201);
    let found = |q: &'static str| {
        let request = client
            .get(server.url("/api/hearth/v1/search"))
            .query(&[("q", q), ("type", "posts")])
            .bearer_auth(&secret);
        async move {
            let body: serde_json::Value = request.send().await.unwrap().json().await.unwrap();
            body["posts"].as_array().unwrap().len()
        }
    };
    let (ok, stdout, stderr) = admin(dir, url, &["reindex"], None).await;
    assert!(ok, "{stderr}");
    assert!(stdout.contains("search indexes rebuilt"), "{stdout}");
    assert_eq!(found("configuration ").await, 1);
    let english = ["reindex", "--text-search-configuration", "english"];
    let (ok, _, stderr) = admin(dir, url, &english, None).await;
    if db.backend == Backend::Postgres {
        assert!(ok, "{stderr}");
        assert_eq!(
            found("configuring ").await,
            1,
            "english stems both words alike"
        );
        let unknown = ["reindex", "--text-search-configuration", "klingon"];
        let (ok, _, stderr) = admin(dir, url, &unknown, None).await;
        assert!(!ok);
        assert!(stderr.contains("no text search configuration"), "{stderr}");
    } else {
        assert!(!ok, "SQLite has no text search configurations");
        assert!(stderr.contains("PostgreSQL's"), "{stderr}");
    }
    assert_eq!(
        found("configuration ").await,
        1,
        "a refused reindex changed nothing"
    );
}

async fn a_server_older_than_its_database_refuses_to_start(db: TestDb) {
    let store = db.store().await;
    hearth_testkit::pretend_newer_release_migrated(&store).await;
    store.close().await;

    let dir = tempfile::tempdir().unwrap();
    let mut serve = hearth(dir.path());
    serve.args([
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--database-url",
        &db.url,
    ]);
    let (ok, _, stderr) = run(serve, None).await;
    assert!(!ok, "the server must not start");
    assert!(stderr.contains("newer than this Hearth binary"), "{stderr}");
}

#[tokio::test]
async fn with_no_configuration_hearth_keeps_its_data_in_hearth_data() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(dir.path(), None).await;
    assert!(dir.path().join("hearth-data/hearth.db").exists());
    let link = server
        .banner
        .iter()
        .find_map(|line| {
            line.trim()
                .strip_prefix(&format!("{}/setup?token=", server.base))
        })
        .map(str::to_owned);
    assert!(
        link.is_some(),
        "a first run prints the set-up link: {:?}",
        server.banner
    );
    let page = reqwest::get(server.url(&format!("/setup?token={}", link.unwrap())))
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
}

#[tokio::test]
async fn bad_configuration_is_refused_before_anything_starts() {
    let dir = tempfile::tempdir().unwrap();
    type Case<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)], &'a str);
    let cases: [Case; 4] = [
        (
            &["serve", "--database-url", "mysql://root@localhost/x"],
            &[],
            "unsupported database URL",
        ),
        (
            &["serve"],
            &[("HEARTH_LISTEN", "not an address")],
            "listen must be an address",
        ),
        (
            &["serve", "--node-id", "5000"],
            &[],
            "node_id 5000 is out of range",
        ),
        (
            &["serve", "--config", "missing.toml"],
            &[],
            "does not exist",
        ),
    ];
    for (args, env, expected) in cases {
        let mut command = hearth(dir.path());
        command.args(args).envs(env.iter().copied());
        let (ok, _, stderr) = run(command, None).await;
        assert!(!ok, "{args:?} must fail");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
    assert!(
        !dir.path().join("hearth-data").exists(),
        "a refused start creates nothing"
    );
}

#[tokio::test]
async fn sigterm_shuts_the_server_down_cleanly() {
    let db = TestDb::create(Backend::Sqlite).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut server = ServerProcess::start(dir.path(), Some(&db.url)).await;
    let health = reqwest::get(server.url("/healthz")).await.unwrap();
    assert_eq!(health.status(), 200);
    let (ok, _, stderr) = run(
        {
            let mut kill = tokio::process::Command::new("kill");
            kill.args(["-TERM", &server.pid().to_string()]);
            kill
        },
        None,
    )
    .await;
    assert!(ok, "{stderr}");
    let status = tokio::time::timeout(Duration::from_secs(20), server.child.wait())
        .await
        .expect("the server stopped within 20 seconds")
        .unwrap();
    assert!(
        status.success(),
        "a graceful shutdown exits 0, got {status}"
    );
}

both_backends!(an_operator_invites_and_publishes_the_usage_policy_from_the_command_line);

async fn an_operator_invites_and_publishes_the_usage_policy_from_the_command_line(db: TestDb) {
    let dir = tempfile::tempdir().unwrap();
    let (dir, url) = (dir.path(), db.url.as_str());
    let create = [
        "create-user",
        "--email",
        "ana@acme.test",
        "--name",
        "Ana",
        "--admin",
    ];
    let (ok, _, stderr) = admin(dir, url, &create, None).await;
    assert!(ok, "{stderr}");

    let invite = ["invite", "--email", "bea@acme.test", "--role", "compliance"];
    let (ok, stdout, stderr) = admin(dir, url, &invite, None).await;
    assert!(ok, "{stderr}");
    assert!(stdout.contains("no public_url is configured"), "{stdout}");
    let path = stdout.trim().lines().last().unwrap().to_owned();
    assert!(path.starts_with("/invite/"), "{stdout}");

    let (ok, _, stderr) = admin(dir, url, &invite, None).await;
    assert!(!ok);
    assert!(stderr.contains("open invitation"), "{stderr}");
    let (ok, _, stderr) = admin(
        dir,
        url,
        &["invite", "--email", "x@acme.test", "--role", "owner"],
        None,
    )
    .await;
    assert!(!ok);
    assert!(stderr.contains("owner"), "{stderr}");

    std::fs::write(
        dir.join("hearth.toml"),
        "public_url = \"https://hearth.acme.test/\"\n",
    )
    .unwrap();
    let (ok, stdout, stderr) = admin(dir, url, &["invite", "--email", "cid@acme.test"], None).await;
    assert!(ok, "{stderr}");
    let link = stdout.trim().lines().last().unwrap();
    assert!(
        link.starts_with("https://hearth.acme.test/invite/"),
        "{stdout}"
    );

    let policy = dir.join("policy.md");
    std::fs::write(&policy, "# House rules\n\nBe kind.\n").unwrap();
    let publish = ["publish-usage-policy", "--file", policy.to_str().unwrap()];
    let (ok, stdout, stderr) = admin(dir, url, &publish, None).await;
    assert!(ok, "{stderr}");
    assert!(stdout.contains("version 1"), "{stdout}");
    let (ok, stdout, stderr) = admin(dir, url, &publish, None).await;
    assert!(ok, "{stderr}");
    assert!(stdout.contains("version 2"), "{stdout}");
    std::fs::write(&policy, " \n").unwrap();
    let (ok, _, stderr) = admin(dir, url, &publish, None).await;
    assert!(!ok);
    assert!(stderr.contains("policy"), "{stderr}");

    // The printed path works on a running server (here at its own address).
    std::fs::remove_file(dir.join("hearth.toml")).unwrap();
    let server = ServerProcess::start(dir, Some(url)).await;
    let page = reqwest::get(server.url(&path)).await.unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("bea@acme.test"));
}

both_backends!(the_operator_exports_sets_retention_and_reads_the_audit_log_from_the_command_line);

/// The lines of every JSON lines file in a zip, by file name.
fn zip_lines(path: &std::path::Path) -> std::collections::BTreeMap<String, Vec<String>> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut files = std::collections::BTreeMap::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        if !file.name().is_ok_and(|name| name.ends_with(".jsonl")) {
            continue;
        }
        let mut text = String::new();
        file.read_to_string(&mut text).unwrap();
        let lines = text.lines().map(str::to_owned).collect();
        files.insert(file.name().unwrap().into_owned(), lines);
    }
    files
}

async fn the_operator_exports_sets_retention_and_reads_the_audit_log_from_the_command_line(
    db: TestDb,
) {
    let dir = tempfile::tempdir().unwrap();
    let (dir, url) = (dir.path(), db.url.as_str());
    for (email, name) in [("ana@acme.test", "Ana Lima"), ("ben@acme.test", "Ben Ode")] {
        let create = [
            "create-user",
            "--email",
            email,
            "--name",
            name,
            "--company",
            "Acme",
        ];
        let (ok, _, stderr) = admin(dir, url, &create, None).await;
        assert!(ok, "{stderr}");
    }

    let (ok, stdout, stderr) = admin(dir, url, &["export", "--out", "network.zip"], None).await;
    assert!(ok, "{stderr}");
    assert!(stdout.contains("network.zip"), "{stdout}");
    assert!(!dir.join("network.zip.part").exists());
    let files = zip_lines(&dir.join("network.zip"));
    for file in [
        "users.jsonl",
        "posts.jsonl",
        "messages.jsonl",
        "audit.jsonl",
    ] {
        assert!(files.contains_key(file), "{file} in {:?}", files.keys());
    }
    assert_eq!(files["users.jsonl"].len(), 2);
    assert!(
        files["users.jsonl"]
            .iter()
            .any(|u| u.contains("ben@acme.test"))
    );

    let missing = [
        "export",
        "--out",
        "nobody.zip",
        "--user",
        "nobody@acme.test",
    ];
    let (ok, _, stderr) = admin(dir, url, &missing, None).await;
    assert!(!ok);
    assert!(stderr.contains("user not found"), "{stderr}");
    assert!(!dir.join("nobody.zip").exists() && !dir.join("nobody.zip.part").exists());

    let one = ["export", "--out", "ana.zip", "--user", "ana@acme.test"];
    let (ok, _, stderr) = admin(dir, url, &one, None).await;
    assert!(ok, "{stderr}");
    let files = zip_lines(&dir.join("ana.zip"));
    assert_eq!(files["users.jsonl"].len(), 1);
    assert!(files["users.jsonl"][0].contains("ana@acme.test"));

    let (ok, _, stderr) = admin(dir, url, &["retention", "--days", "0"], None).await;
    assert!(!ok);
    assert!(stderr.contains("between 1 and 36500"), "{stderr}");
    let (ok, _, stderr) = admin(dir, url, &["retention", "--days", "30"], None).await;
    assert!(ok, "{stderr}");
    let (ok, stdout, stderr) = admin(dir, url, &["retention", "--dry-run"], None).await;
    assert!(ok, "{stderr}");
    assert!(stdout.contains("would delete 0 posts"), "{stdout}");
    let (ok, stdout, _) = admin(dir, url, &["retention"], None).await;
    assert!(ok);
    assert!(stdout.contains("older than 30 days"), "{stdout}");

    let audit = ["audit", "--format", "jsonl", "--action", "user.exported"];
    let (ok, stdout, stderr) = admin(dir, url, &audit, None).await;
    assert!(ok, "{stderr}");
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(lines.len(), 1, "{stdout}");
    assert_eq!(lines[0]["actor_kind"], "operator");
    assert_eq!(lines[0]["target_name"], "Ana Lima <ana@acme.test>");
}
