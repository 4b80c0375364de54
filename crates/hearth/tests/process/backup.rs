//! `hearth admin backup` under write load and `hearth admin restore` into a fresh
//! folder: every post acknowledged before the backup started is in the copy, nothing
//! acknowledged after it finished is, and a restore never replaces a database that a
//! server has open.

use crate::support::{ServerProcess, admin, first_admin_token};
use serde_json::json;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tokio::sync::Mutex;
use tokio::time::Instant;

const WRITERS: usize = 4;

async fn stop_server(mut server: ServerProcess) {
    server.child.start_kill().unwrap();
    server.child.wait().await.unwrap();
}

fn sqlite_url(folder: &Path) -> String {
    format!("sqlite://{}/hearth.db?mode=rwc", folder.display())
}

#[tokio::test]
async fn a_backup_taken_under_write_load_restores_every_acknowledged_post() {
    let dir = tempfile::tempdir().unwrap();
    let live_url = sqlite_url(&dir.path().join("live"));
    std::fs::create_dir_all(dir.path().join("live")).unwrap();
    let secret = first_admin_token(dir.path(), &live_url).await;

    // The writers post far faster than one person may (the limit is not under test).
    let unlimited = [("HEARTH_LIMITS_POSTS_PER_MINUTE", "0")];
    let server = ServerProcess::start_with_env(dir.path(), Some(&live_url), &unlimited).await;
    let acknowledged = Arc::new(Mutex::new(Vec::<(String, Instant)>::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    let mut writers = Vec::new();
    for writer in 0..WRITERS {
        let (client, url, secret) = (
            client.clone(),
            server.url("/api/hearth/v1/posts"),
            secret.clone(),
        );
        let (acknowledged, stop) = (acknowledged.clone(), stop.clone());
        writers.push(tokio::spawn(async move {
            let mut n = 0;
            while !stop.load(Ordering::SeqCst) {
                n += 1;
                let response = client
                    .post(&url)
                    .bearer_auth(&secret)
                    .json(&json!({ "body": format!("Writer {writer}, post {n}") }))
                    .send()
                    .await
                    .unwrap();
                match response.status().as_u16() {
                    201 => {
                        let body: serde_json::Value = response.json().await.unwrap();
                        let id = body["id"].as_str().unwrap().to_owned();
                        acknowledged.lock().await.push((id, Instant::now()));
                    }
                    status => panic!("unexpected answer {status}"),
                }
            }
        }));
    }

    let wait_for = |count: usize| {
        let acknowledged = acknowledged.clone();
        async move {
            let deadline = Instant::now() + Duration::from_secs(30);
            while acknowledged.lock().await.len() < count && Instant::now() < deadline {
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }
    };
    wait_for(100).await;
    let backup_file = dir.path().join("hearth-backup.db");
    let backup_started = Instant::now();
    let out = backup_file.to_str().unwrap();
    let (ok, stdout, stderr) = admin(dir.path(), &live_url, &["backup", "--out", out], None).await;
    let backup_finished = Instant::now();
    assert!(ok, "the backup ran while the server wrote: {stderr}");
    assert!(stdout.contains("backed up the database"), "{stdout}");
    let before = acknowledged.lock().await.len();
    wait_for(before + 50).await;
    stop.store(true, Ordering::SeqCst);
    for writer in writers {
        writer.await.unwrap();
    }

    let (ok, _, stderr) = admin(dir.path(), &live_url, &["backup", "--out", out], None).await;
    assert!(!ok && stderr.contains("exists already"), "{stderr}");
    let (ok, _, stderr) = admin(
        dir.path(),
        &live_url,
        &["restore", "--from", out, "--replace"],
        None,
    )
    .await;
    assert!(
        !ok && stderr.contains("in use by a running Hearth server"),
        "a restore under a running server is refused: {stderr}"
    );
    stop_server(server).await;

    let fresh = dir.path().join("fresh");
    let fresh_url = sqlite_url(&fresh);
    let (ok, stdout, stderr) =
        admin(dir.path(), &fresh_url, &["restore", "--from", out], None).await;
    assert!(ok, "{stderr}");
    assert!(stdout.contains("restored"), "{stdout}");

    let restored = ServerProcess::start(dir.path(), Some(&fresh_url)).await;
    let acknowledged = acknowledged.lock().await.clone();
    let (mut missing, mut present_after, mut absent_after) = (Vec::new(), 0, 0);
    for (id, acked_at) in &acknowledged {
        let status = client
            .get(restored.url(&format!("/api/hearth/v1/posts/{id}")))
            .bearer_auth(&secret)
            .send()
            .await
            .unwrap()
            .status();
        if *acked_at < backup_started {
            if status != 200 {
                missing.push(id.clone());
            }
        } else if *acked_at > backup_finished {
            match status.as_u16() {
                200 => present_after += 1,
                404 => absent_after += 1,
                other => panic!("post {id} answered {other}"),
            }
        }
    }
    let before_backup = acknowledged
        .iter()
        .filter(|(_, at)| *at < backup_started)
        .count();
    assert!(
        before_backup >= 100,
        "{before_backup} posts before the backup"
    );
    assert!(
        missing.is_empty(),
        "{} of {before_backup} posts acknowledged before the backup are missing: {missing:?}",
        missing.len()
    );
    assert_eq!(
        present_after, 0,
        "posts acknowledged after the backup finished cannot be in it"
    );
    assert!(absent_after > 0, "the load went on after the backup");
    stop_server(restored).await;

    // Over an existing database only when asked, keeping the one it replaces.
    let (ok, _, stderr) = admin(dir.path(), &fresh_url, &["restore", "--from", out], None).await;
    assert!(!ok && stderr.contains("--replace"), "{stderr}");
    let (ok, stdout, stderr) = admin(
        dir.path(),
        &fresh_url,
        &["restore", "--from", out, "--replace"],
        None,
    )
    .await;
    assert!(ok, "{stderr}");
    let kept = std::fs::read_dir(&fresh)
        .unwrap()
        .filter_map(|entry| entry.ok())
        .filter(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            name.starts_with("hearth.db.replaced-")
                && !name.ends_with("-wal")
                && !name.ends_with("-shm")
        })
        .count();
    assert_eq!(kept, 1, "the replaced database is kept: {stdout}");
}

#[tokio::test]
async fn a_restore_refuses_what_is_not_a_hearth_backup_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let url = sqlite_url(&dir.path().join("data"));
    let junk = dir.path().join("notes.txt");
    std::fs::write(&junk, "not a database").unwrap();
    let (ok, _, stderr) = admin(
        dir.path(),
        &url,
        &["restore", "--from", junk.to_str().unwrap()],
        None,
    )
    .await;
    assert!(
        !ok && stderr.contains("not a Hearth database backup"),
        "{stderr}"
    );
    assert!(!dir.path().join("data/hearth.db").exists());

    let (ok, _, stderr) = admin(
        dir.path(),
        "postgres://hearth@127.0.0.1:9/hearth",
        &["backup", "--out", "x.db"],
        None,
    )
    .await;
    assert!(!ok && stderr.contains("pg_dump"), "{stderr}");
    assert!(!dir.path().join("x.db").exists());
}
