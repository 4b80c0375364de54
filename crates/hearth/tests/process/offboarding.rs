//! `hearth admin deactivate` while a server runs on its own (SQLite, no NATS): the
//! server still cuts the person's live connections, through the orders table.

use crate::support::{ServerProcess, admin};
use hearth_testkit::PASSWORD;
use hearth_testkit::live::{close_code, open_stream};

#[tokio::test]
async fn deactivating_from_the_command_line_closes_a_running_servers_streams() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/hearth.db?mode=rwc", dir.path().display());
    let create = [
        "create-user",
        "--email",
        "ana@acme.test",
        "--name",
        "Ana",
        "--password-stdin",
    ];
    let (ok, _, stderr) = admin(dir.path(), &url, &create, Some(PASSWORD)).await;
    assert!(ok, "{stderr}");
    let (ok, token, stderr) = admin(
        dir.path(),
        &url,
        &["create-token", "--email", "ana@acme.test"],
        None,
    )
    .await;
    assert!(ok, "{stderr}");
    let server = ServerProcess::start(dir.path(), Some(&url)).await;
    let (mut stream, _) = open_stream(&server.base, token.trim(), None).await.unwrap();

    let (ok, stdout, stderr) = admin(
        dir.path(),
        &url,
        &[
            "suspend",
            "--email",
            "ana@acme.test",
            "--until",
            "2001-01-01",
        ],
        None,
    )
    .await;
    assert!(!ok, "a past date is refused: {stdout}");
    assert!(stderr.contains("future"), "{stderr}");

    let (ok, stdout, stderr) = admin(
        dir.path(),
        &url,
        &["deactivate", "--email", "ana@acme.test", "--reason", "left"],
        None,
    )
    .await;
    assert!(ok, "{stderr}");
    assert!(stdout.contains("deactivated"), "{stdout}");
    assert_eq!(close_code(&mut stream).await, 4001);
    let me = reqwest::Client::new()
        .get(server.url("/api/hearth/v1/me"))
        .bearer_auth(token.trim())
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 401);

    let (ok, _, stderr) = admin(
        dir.path(),
        &url,
        &["deactivate", "--email", "nobody@acme.test"],
        None,
    )
    .await;
    assert!(!ok);
    assert!(stderr.contains("nobody@acme.test"), "{stderr}");
}
