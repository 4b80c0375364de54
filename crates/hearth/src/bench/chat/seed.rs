//! People and their API tokens, written straight into the database (signing 10,000
//! people in would spend minutes in the deliberately slow password hash), then group
//! conversations made through the API, as people make them.

use anyhow::{Context, bail};
use futures_util::StreamExt;
use hearth_app::domain::{Actor, IdGenerator, Role};
use hearth_app::{App, accounts, secrets, tokens};
use hearth_store::bulk::{self, Value};
use serde_json::json;
use std::time::Duration;

/// The seeded people, in order; `tokens[i]` is `users[i]`'s API token.
pub struct People {
    pub users: Vec<i64>,
    pub tokens: Vec<String>,
}

/// A group conversation and its members, as indexes into [`People`].
#[derive(Debug, Clone)]
pub struct Group {
    pub id: String,
    pub members: Vec<usize>,
}

const ROWS_PER_TRANSACTION: usize = 20_000;

/// Makes a network with `count` people, each with one personal API token.
pub async fn people(app: &App, count: usize) -> anyhow::Result<People> {
    let store = app.store();
    let admin = accounts::create_user(
        app,
        &Actor::Operator,
        accounts::NewAccount {
            email: "admin@chat.bench.test",
            name: "Bench Admin",
            password: None,
            role: Role::Admin,
            company_if_new: Some("Chat Benchmark Ltd"),
        },
    )
    .await?;
    let network = admin.network_id.0;
    let now = app.now();
    // A node id of its own, so these ids never meet the server's.
    let mut ids = IdGenerator::new(1021)?;
    let mut users = Vec::with_capacity(count);
    let mut user_rows = Vec::with_capacity(count);
    let mut secrets_out = Vec::with_capacity(count);
    let mut token_rows = Vec::with_capacity(count);
    for i in 0..count {
        let id = ids.next(now);
        users.push(id);
        let name = format!("Chatter {i:05}");
        user_rows.push(vec![
            Value::Int(id),
            Value::Int(network),
            Value::Text(format!("c{i}@chat.bench.test")),
            Value::Text(name.clone()),
            Value::Text("member".to_owned()),
            Value::Text("active".to_owned()),
            Value::Int(now),
            Value::Int(now),
            Value::Text(format!("c{i}")),
            Value::Text(name.to_lowercase()),
        ]);
        let secret = secrets::generate(tokens::TOKEN_PREFIX);
        token_rows.push(vec![
            Value::Int(ids.next(now)),
            Value::Int(id),
            Value::Text("chat benchmark".to_owned()),
            Value::Text(secrets::hash(&secret)),
            Value::Int(now),
        ]);
        secrets_out.push(secret);
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
    ];
    let token_columns = ["id", "user_id", "name", "secret_hash", "created_at"];
    for (table, columns, rows) in [
        ("users", &user_columns[..], &user_rows),
        ("api_tokens", &token_columns[..], &token_rows),
    ] {
        for chunk in rows.chunks(ROWS_PER_TRANSACTION) {
            let mut tx = store.begin().await?;
            bulk::insert(&mut tx, table, columns, chunk)
                .await
                .with_context(|| format!("bulk insert into {table}"))?;
            tx.commit().await?;
        }
    }
    bulk::analyze(&mut *store.conn().await?).await?;
    Ok(People {
        users,
        tokens: secrets_out,
    })
}

/// Splits people `0..count` into groups of `size` in order, and starts each group
/// through the API (`POST /conversations`) as its first member, `parallel` at once.
pub async fn groups(
    base: &str,
    people: &People,
    count: usize,
    size: usize,
    parallel: usize,
) -> anyhow::Result<Vec<Group>> {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(60))
        .build()?;
    let plans: Vec<Vec<usize>> = (0..count)
        .collect::<Vec<_>>()
        .chunks(size)
        .map(<[usize]>::to_vec)
        .collect();
    let made: Vec<anyhow::Result<Group>> = futures_util::stream::iter(plans)
        .enumerate()
        .map(|(n, members)| {
            let client = client.clone();
            async move {
                let creator = members[0];
                let member_ids: Vec<String> = members[1..]
                    .iter()
                    .map(|&m| people.users[m].to_string())
                    .collect();
                let response = client
                    .post(format!("{base}/api/hearth/v1/conversations"))
                    .bearer_auth(&people.tokens[creator])
                    .json(&json!({ "title": format!("Team {n:04}"), "member_ids": member_ids }))
                    .send()
                    .await?;
                let status = response.status();
                let body: serde_json::Value = response.json().await?;
                if !status.is_success() {
                    bail!("creating a conversation answered {status}: {body}");
                }
                let id = body["id"]
                    .as_str()
                    .context("the new conversation has no id")?
                    .to_owned();
                Ok(Group { id, members })
            }
        })
        .buffered(parallel)
        .collect()
        .await;
    made.into_iter().collect()
}
