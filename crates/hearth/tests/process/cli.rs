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
