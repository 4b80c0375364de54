//! An acknowledged write is on disk: sign-ups answered 201 before a `kill -9` are
//! all there after a restart.

use crate::support::{ServerProcess, first_admin_token};
use hearth_testkit::{TestDb, both_backends};
use serde_json::json;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tokio::sync::Mutex;

both_backends!(acknowledged_sign_ups_survive_kill_9);

const WRITERS: usize = 4;

async fn acknowledged_sign_ups_survive_kill_9(db: TestDb) {
    let dir = tempfile::tempdir().unwrap();
    let secret = first_admin_token(dir.path(), &db.url).await;

    let mut server = ServerProcess::start(dir.path(), Some(&db.url)).await;
    let acknowledged = Arc::new(Mutex::new(Vec::<(String, String)>::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    let mut writers = Vec::new();
    for writer in 0..WRITERS {
        let (client, url, secret) = (
            client.clone(),
            server.url("/api/hearth/v1/users"),
            secret.clone(),
        );
        let (acknowledged, stop) = (acknowledged.clone(), stop.clone());
        writers.push(tokio::spawn(async move {
            let mut n = 0;
            while !stop.load(Ordering::SeqCst) {
                n += 1;
                let email = format!("w{writer}-{n}@acme.test");
                let response = client
                    .post(&url)
                    .bearer_auth(&secret)
                    .json(
                        &json!({ "email": email, "display_name": format!("Writer {writer} #{n}") }),
                    )
                    .send()
                    .await;
                match response {
                    Ok(response) if response.status() == 201 => {
                        let body: serde_json::Value = match response.json().await {
                            Ok(body) => body,
                            Err(_) => break,
                        };
                        let id = body["id"].as_str().unwrap().to_owned();
                        acknowledged.lock().await.push((id, email));
                    }
                    Ok(response) => panic!("unexpected answer {}", response.status()),
                    Err(_) => break, // the server is gone
                }
            }
        }));
    }

    // Let the writers get going, then kill the server mid-stream.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    while acknowledged.lock().await.len() < 200 && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    server.child.start_kill().unwrap(); // SIGKILL
    server.child.wait().await.unwrap();
    stop.store(true, Ordering::SeqCst);
    for writer in writers {
        writer.await.unwrap();
    }
    let acknowledged = acknowledged.lock().await.clone();
    assert!(
        acknowledged.len() >= 200,
        "only {} writes were acknowledged",
        acknowledged.len()
    );

    let restarted = ServerProcess::start(dir.path(), Some(&db.url)).await;
    let mut missing = Vec::new();
    for (id, email) in &acknowledged {
        let response = client
            .get(restarted.url(&format!("/api/hearth/v1/users/{id}")))
            .bearer_auth(&secret)
            .send()
            .await
            .unwrap();
        if response.status() != 200 {
            missing.push(email.clone());
            continue;
        }
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["email"], email.as_str());
    }
    assert!(
        missing.is_empty(),
        "{} of {} acknowledged sign-ups lost: {missing:?}",
        missing.len(),
        acknowledged.len()
    );
}
