//! `/metrics`: labels from fixed sets only, and the separate metrics address.

use crate::support::Server;
use hearth::config::Config;
use hearth::server;
use hearth_testkit::{TestDb, both_backends};
use reqwest::Method;
use std::collections::BTreeSet;

both_backends!(
    made_up_methods_and_paths_add_no_metric_series,
    metrics_listen_takes_metrics_off_the_public_port,
);

/// The distinct values of `label` among the request counter's series.
fn label_values(metrics: &str, label: &str) -> BTreeSet<String> {
    let prefix = format!("{label}=\"");
    metrics
        .lines()
        .filter(|line| line.starts_with("hearth_http_requests_total{"))
        .filter_map(|line| {
            let start = line.find(&prefix)? + prefix.len();
            let end = start + line[start..].find('"')?;
            Some(line[start..end].to_owned())
        })
        .collect()
}

async fn scrape(client: &reqwest::Client, url: String) -> String {
    let response = client.get(url).send().await.unwrap();
    assert_eq!(response.status(), 200);
    response.text().await.unwrap()
}

async fn made_up_methods_and_paths_add_no_metric_series(db: TestDb) {
    let server = Server::start(db).await;
    let client = reqwest::Client::new();
    for i in 0..200 {
        let method = Method::from_bytes(format!("MADEUP{i}").as_bytes()).unwrap();
        client
            .request(method, server.url("/api/hearth/v1/me"))
            .send()
            .await
            .unwrap();
        client
            .get(server.url(&format!("/nowhere/{i}")))
            .send()
            .await
            .unwrap();
        client
            .request(
                Method::from_bytes(format!("X{i}").as_bytes()).unwrap(),
                server.url(&format!("/made/up/{i}")),
            )
            .send()
            .await
            .unwrap();
    }
    // The first scrape is counted in the second.
    scrape(&client, server.url("/metrics")).await;
    let metrics = scrape(&client, server.url("/metrics")).await;

    let methods = label_values(&metrics, "method");
    assert_eq!(
        methods,
        BTreeSet::from(["GET".to_owned(), "OTHER".to_owned()]),
        "{metrics}"
    );
    let routes = label_values(&metrics, "route");
    assert_eq!(
        routes,
        BTreeSet::from([
            "/api/hearth/v1/me".to_owned(),
            "/metrics".to_owned(),
            "unmatched".to_owned(),
        ]),
        "{metrics}"
    );
    server.stop().await;
}

async fn metrics_listen_takes_metrics_off_the_public_port(db: TestDb) {
    let data_dir = tempfile::tempdir().unwrap();
    let config = Config {
        listen: "127.0.0.1:0".to_owned(),
        metrics_listen: Some("127.0.0.1:0".to_owned()),
        database_url: Some(db.url.clone()),
        data_dir: data_dir.path().to_owned(),
        ..Config::default()
    };
    let running = server::start(&config).await.unwrap();
    let metrics_addr = running.metrics_addr.expect("a metrics address");
    assert_ne!(metrics_addr, running.addr);
    let client = reqwest::Client::new();

    let health = client
        .get(format!("http://{}/healthz", running.addr))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), 200);
    let public = client
        .get(format!("http://{}/metrics", running.addr))
        .send()
        .await
        .unwrap();
    assert_eq!(public.status(), 404);
    let body = public.text().await.unwrap();
    assert!(!body.contains("hearth_http_requests_total"), "{body}");

    let metrics = scrape(&client, format!("http://{metrics_addr}/metrics")).await;
    assert!(
        metrics.contains("route=\"/healthz\""),
        "the public port's requests are counted: {metrics}"
    );
    let elsewhere = client
        .get(format!("http://{metrics_addr}/healthz"))
        .send()
        .await
        .unwrap();
    assert_eq!(elsewhere.status(), 404, "only /metrics is on that address");
    running.shutdown().await.unwrap();
}
