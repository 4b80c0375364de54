//! Messages sent through the API (`POST /conversations/{id}/messages`) from a pool of
//! keep-alive HTTP clients, round-robin over the conversations and, within each, over
//! its members as authors. Each body carries the time it was sent.

use super::clients::unix_nanos;
use super::seed::Group;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

/// A message the server accepted.
#[derive(Debug, Clone, Copy)]
pub struct Sent {
    pub id: i64,
    /// Index into the groups.
    pub group: usize,
    /// The author, as an index into the people.
    pub author: usize,
}

/// What one round of sending did.
#[derive(Debug, Default)]
pub struct Sending {
    pub sent: Vec<Sent>,
    /// Failed sends, by what went wrong.
    pub failures: BTreeMap<String, u64>,
    /// From the first send to the last answer.
    pub elapsed: Duration,
    /// How long the API took to accept each message, in milliseconds.
    pub request_ms: Vec<f64>,
}

impl Sending {
    pub fn failed(&self) -> u64 {
        self.failures.values().sum()
    }
}

pub struct Senders {
    client: reqwest::Client,
    base: String,
    tokens: Arc<Vec<String>>,
    groups: Arc<Vec<Group>>,
    parallel: usize,
}

impl Senders {
    pub fn new(
        base: String,
        tokens: Arc<Vec<String>>,
        groups: Arc<Vec<Group>>,
        parallel: usize,
    ) -> anyhow::Result<Self> {
        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(parallel)
            .timeout(Duration::from_secs(30))
            .build()?;
        Ok(Self {
            client,
            base,
            tokens,
            groups,
            parallel,
        })
    }

    /// Sends `rate` messages a second for `seconds`, bodies `bench <tag> <nanos>`.
    pub async fn steady(&self, rate: f64, seconds: u64, tag: char) -> Sending {
        let total = (rate * seconds as f64).round() as usize;
        self.send(total, Some(rate), tag, None).await
    }

    /// Sends `rate` messages a second until `stop` is set; the requests then in flight
    /// finish, one way or the other.
    pub async fn until(&self, rate: f64, stop: &AtomicBool, tag: char) -> Sending {
        self.send(usize::MAX, Some(rate), tag, Some(stop)).await
    }

    /// Sends `count` messages as fast as the pool allows.
    pub async fn burst(&self, count: usize, tag: char) -> Sending {
        self.send(count, None, tag, None).await
    }

    async fn send(
        &self,
        total: usize,
        rate: Option<f64>,
        tag: char,
        stop: Option<&AtomicBool>,
    ) -> Sending {
        let permits = Arc::new(Semaphore::new(self.parallel.max(1)));
        let mut running = JoinSet::new();
        let mut outcome = Sending::default();
        let started = Instant::now();
        let groups = self.groups.len().max(1);
        for n in 0..total {
            if let Some(rate) = rate {
                let due = started + Duration::from_secs_f64(n as f64 / rate);
                tokio::time::sleep_until(due.into()).await;
            }
            let Ok(permit) = permits.clone().acquire_owned().await else {
                break;
            };
            if stop.is_some_and(|stop| stop.load(Ordering::Relaxed)) {
                break;
            }
            let group = n % groups;
            let members = &self.groups[group].members;
            let author = members[(n / groups) % members.len()];
            let url = format!(
                "{}/api/hearth/v1/conversations/{}/messages",
                self.base, self.groups[group].id
            );
            let request = self.client.post(url).bearer_auth(&self.tokens[author]);
            running.spawn(async move {
                let _permit = permit;
                let asked = Instant::now();
                let body = serde_json::json!({ "body": format!("bench {tag} {}", unix_nanos()) });
                let result = accept(request.json(&body)).await;
                let took = asked.elapsed().as_secs_f64() * 1000.0;
                result.map(|id| (Sent { id, group, author }, took))
            });
            while let Some(done) = running.try_join_next() {
                record(&mut outcome, done);
            }
        }
        while let Some(done) = running.join_next().await {
            record(&mut outcome, done);
        }
        outcome.elapsed = started.elapsed();
        outcome
    }
}

async fn accept(request: reqwest::RequestBuilder) -> Result<i64, String> {
    let response = request.send().await.map_err(|e| {
        if e.is_timeout() {
            "timed out".to_owned()
        } else if e.is_connect() {
            "could not connect".to_owned()
        } else {
            "request failed".to_owned()
        }
    })?;
    let status = response.status();
    if !status.is_success() {
        return Err(format!("HTTP {}", status.as_u16()));
    }
    let body: serde_json::Value = response
        .json()
        .await
        .map_err(|_| "unreadable answer".to_owned())?;
    body["id"]
        .as_str()
        .and_then(|id| id.parse().ok())
        .ok_or_else(|| "answer without an id".to_owned())
}

fn record(
    outcome: &mut Sending,
    done: Result<Result<(Sent, f64), String>, tokio::task::JoinError>,
) {
    match done {
        Ok(Ok((sent, took))) => {
            outcome.sent.push(sent);
            outcome.request_ms.push(took);
        }
        Ok(Err(failure)) => *outcome.failures.entry(failure).or_default() += 1,
        Err(_) => {
            *outcome
                .failures
                .entry("task failed".to_owned())
                .or_default() += 1
        }
    }
}
