//! The live stream says what docs/API.md says it does: one frame of every documented
//! event kind, produced over a real stream, has exactly the `data` keys (and nested
//! keys) of the tables in docs/API.md ("Live stream", "Chat"), read from the file, and
//! every frame the stream sent is documented there.

use crate::live::{Person, person, person_as};
use crate::support::Server;
use hearth_app::domain::Role;
use hearth_testkit::live::{Socket, next_frame};
use hearth_testkit::{TestDb, both_backends};
use serde_json::{Value, json};
use std::collections::BTreeMap;

both_backends!(every_event_kind_reaches_the_stream_as_docs_api_md_documents_it);

/// A documented `data` object: its keys, each with the keys of the object it holds
/// when the docs list them (`message` {`id`, …}).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Shape(BTreeMap<String, Option<Shape>>);

impl Shape {
    /// Whether `data` has exactly these keys, and where the docs list nested keys,
    /// exactly those.
    fn fits(&self, data: &Value) -> bool {
        let Some(object) = data.as_object() else {
            return false;
        };
        object.len() == self.0.len()
            && self
                .0
                .iter()
                .all(|(key, nested)| match (object.get(key), nested) {
                    (None, _) => false,
                    (Some(_), None) => true,
                    (Some(value), Some(nested)) => nested.fits(value),
                })
    }
}

/// One row of an event table: the kinds it names and the shape of their `data`.
#[derive(Debug)]
struct Documented {
    kinds: Vec<String>,
    shape: Shape,
}

/// Every row of the tables headed `| kind | to | data |` in docs/API.md. Rows whose
/// data names no key (`see [Chat](#chat)`) point to another table and are left out.
fn documented_events() -> Vec<Documented> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/API.md");
    let text = std::fs::read_to_string(path).unwrap();
    let mut rows = Vec::new();
    let mut in_table = false;
    for line in text.lines() {
        let cells: Vec<&str> = line.trim().trim_matches('|').split('|').collect();
        if !line.starts_with('|') {
            in_table = false;
            continue;
        }
        if cells.iter().map(|c| c.trim()).eq(["kind", "to", "data"]) {
            in_table = true;
            continue;
        }
        if !in_table || cells.len() != 3 || cells[0].trim().starts_with("---") {
            continue;
        }
        let shape = parse_shape(cells[2]);
        if shape.0.is_empty() {
            continue;
        }
        rows.push(Documented {
            kinds: backticked(cells[0]),
            shape,
        });
    }
    rows
}

fn backticked(cell: &str) -> Vec<String> {
    cell.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// Reads a data cell such as `` `conversation_id`, `message` {`id`, `author` {`id`}} ``:
/// backticked words are keys, braces hold the keys of the key before them, and what
/// stands in parentheses is prose (its backticked words are values, not keys).
fn parse_shape(cell: &str) -> Shape {
    let mut levels: Vec<(Option<String>, Shape)> = vec![(None, Shape::default())];
    let mut last_key: Option<String> = None;
    let mut prose = 0_u32;
    let mut parts = cell.split('`');
    let mut outside = parts.next();
    loop {
        for c in outside.unwrap_or_default().chars() {
            match c {
                '(' => prose += 1,
                ')' => prose = prose.saturating_sub(1),
                '{' if prose == 0 => levels.push((last_key.take(), Shape::default())),
                '}' if prose == 0 && levels.len() > 1 => {
                    let (key, shape) = levels.pop().unwrap();
                    let parent = &mut levels.last_mut().unwrap().1;
                    parent.0.insert(key.unwrap(), Some(shape));
                }
                _ => {}
            }
        }
        let Some(word) = parts.next() else { break };
        if prose == 0 {
            levels.last_mut().unwrap().1.0.insert(word.to_owned(), None);
            last_key = Some(word.to_owned());
        }
        outside = parts.next();
    }
    levels.swap_remove(0).1
}

/// Reads `socket`'s frames into `seen` until one of `kind` whose data `wanted`
/// accepts; answers it.
async fn until(
    socket: &mut Socket,
    seen: &mut Vec<Value>,
    kind: &str,
    wanted: impl Fn(&Value) -> bool,
) -> Value {
    loop {
        let frame = next_frame(socket).await;
        seen.push(frame.clone());
        if frame["kind"] == kind && wanted(&frame["data"]) {
            return frame;
        }
    }
}

fn any(_: &Value) -> bool {
    true
}

async fn delete(person: &Person, server: &Server, path: &str) {
    person
        .send(reqwest::Method::DELETE, server, path, json!({}))
        .await;
}

async fn every_event_kind_reaches_the_stream_as_docs_api_md_documents_it(db: TestDb) {
    let server = Server::start(db).await;
    let ana = person_as(&server, "ana@acme.test", Role::Admin).await;
    let ben = person(&server, "ben@acme.test").await;
    let community = ana
        .post(
            &server,
            "/api/hearth/v1/communities",
            json!({ "name": "Docs", "visibility": "public", "category": "work" }),
        )
        .await;
    let community = community["id"].as_str().unwrap();
    ben.send(
        reqwest::Method::PUT,
        &server,
        &format!("/api/hearth/v1/communities/{community}/membership"),
        json!({}),
    )
    .await;
    ben.send(
        reqwest::Method::PUT,
        &server,
        &format!("/api/hearth/v1/communities/{community}/subscription"),
        json!({ "channel": "app" }),
    )
    .await;
    let (mut to_ana, _) = ana.stream(&server, None).await;
    let (mut to_ben, _) = ben.stream(&server, None).await;
    let mut seen = Vec::new();

    // A community's new post, and the notification of its subscribers.
    let post = ana
        .post(
            &server,
            "/api/hearth/v1/posts",
            json!({ "community_id": community, "body": "Docs day" }),
        )
        .await;
    let post = post["id"].as_str().unwrap();
    until(&mut to_ben, &mut seen, "post.created", any).await;
    until(&mut to_ben, &mut seen, "notification", |data| {
        data.get("post_id").is_some()
    })
    .await;

    // A reaction, and the author's own notification of it.
    ben.send(
        reqwest::Method::PUT,
        &server,
        &format!("/api/hearth/v1/posts/{post}/reactions/like"),
        json!({}),
    )
    .await;
    until(&mut to_ana, &mut seen, "reaction.added", any).await;
    until(&mut to_ana, &mut seen, "notification", |data| {
        data.get("unread").is_some()
    })
    .await;

    // A vote in a community poll, for the community's members.
    let poll = ana
        .post(
            &server,
            "/api/hearth/v1/posts",
            json!({
                "community_id": community,
                "body": "Docs day: when?",
                "poll": { "options": ["Morning", "Afternoon"] },
            }),
        )
        .await;
    let poll = poll["id"].as_str().unwrap();
    ben.send(
        reqwest::Method::PUT,
        &server,
        &format!("/api/hearth/v1/posts/{poll}/poll/vote"),
        json!({ "options": [1] }),
    )
    .await;
    until(&mut to_ana, &mut seen, "poll.updated", any).await;

    // A moderator's decision, for the author.
    let off_topic = ben
        .post(
            &server,
            "/api/hearth/v1/posts",
            json!({ "body": "Off topic" }),
        )
        .await;
    let off_topic = off_topic["id"].as_str().unwrap();
    ana.post(
        &server,
        &format!("/api/hearth/v1/moderation/posts/{off_topic}/actions"),
        json!({ "action": "hide", "reason": "off topic" }),
    )
    .await;
    until(&mut to_ben, &mut seen, "moderation.decision", any).await;

    // A conversation, from its start to Ben's removal.
    let conversation = ana.group(&server, &[&ben]).await;
    until(&mut to_ben, &mut seen, "conversation.updated", any).await;
    let sent = ana.say(&server, &conversation, "hello").await;
    let message = sent["id"].as_str().unwrap();
    until(&mut to_ben, &mut seen, "message.created", any).await;
    ana.send(
        reqwest::Method::PATCH,
        &server,
        &format!("/api/hearth/v1/messages/{message}"),
        json!({ "body": "hello again" }),
    )
    .await;
    until(&mut to_ben, &mut seen, "message.edited", any).await;
    ben.post(
        &server,
        &format!("/api/hearth/v1/conversations/{conversation}/read"),
        json!({ "up_to": message }),
    )
    .await;
    until(&mut to_ben, &mut seen, "conversation.read", any).await;
    ben.post(
        &server,
        &format!("/api/hearth/v1/conversations/{conversation}/typing"),
        json!({}),
    )
    .await;
    until(&mut to_ana, &mut seen, "typing", any).await;
    delete(&ana, &server, &format!("/api/hearth/v1/messages/{message}")).await;
    until(&mut to_ben, &mut seen, "message.deleted", any).await;
    delete(
        &ana,
        &server,
        &format!(
            "/api/hearth/v1/conversations/{conversation}/members/{}",
            ben.id
        ),
    )
    .await;
    until(&mut to_ben, &mut seen, "conversation.removed", any).await;

    let documented = documented_events();
    let mut undocumented = Vec::new();
    let mut shown = vec![false; documented.len()];
    for frame in &seen {
        assert_eq!(frame["type"], "event", "{frame}");
        let kind = frame["kind"].as_str().unwrap_or_default();
        let fitting: Vec<usize> = (0..documented.len())
            .filter(|&row| {
                documented[row].kinds.iter().any(|k| k == kind)
                    && documented[row].shape.fits(&frame["data"])
            })
            .collect();
        if fitting.is_empty() {
            undocumented.push(frame);
        }
        for row in fitting {
            shown[row] = true;
        }
    }
    assert!(
        undocumented.is_empty(),
        "frames docs/API.md does not document (kind, or keys of data): {undocumented:#?}\n\
         documented: {documented:#?}"
    );
    let never: Vec<&Documented> = documented
        .iter()
        .zip(&shown)
        .filter(|(_, shown)| !**shown)
        .map(|(row, _)| row)
        .collect();
    assert!(
        never.is_empty(),
        "documented events the stream never sent in that shape: {never:#?}"
    );
    let kinds: std::collections::BTreeSet<&str> =
        seen.iter().filter_map(|f| f["kind"].as_str()).collect();
    for kind in documented.iter().flat_map(|row| &row.kinds) {
        assert!(kinds.contains(kind.as_str()), "no frame of {kind}");
    }
    server.stop().await;
}

#[test]
fn the_docs_tables_are_read_as_keys_and_nested_keys() {
    let shape = parse_shape(
        " `conversation_id`, `message` {`id`, `author` {`id`, `handle`}, `edited_at`}, \
         `title` (empty for a `direct` one: show the name); after it changes ",
    );
    let author = Shape(BTreeMap::from([
        ("id".to_owned(), None),
        ("handle".to_owned(), None),
    ]));
    let message = Shape(BTreeMap::from([
        ("id".to_owned(), None),
        ("author".to_owned(), Some(author)),
        ("edited_at".to_owned(), None),
    ]));
    let expected = Shape(BTreeMap::from([
        ("conversation_id".to_owned(), None),
        ("message".to_owned(), Some(message)),
        ("title".to_owned(), None),
    ]));
    assert_eq!(shape, expected);
    assert!(shape.fits(&json!({
        "conversation_id": "1",
        "message": { "id": "2", "author": { "id": "3", "handle": "a" }, "edited_at": null },
        "title": "",
    })));
    assert!(!shape.fits(&json!({ "conversation_id": "1", "title": "" })));
    let documented = documented_events();
    assert!(
        documented.len() >= 10,
        "the event tables of docs/API.md were found: {documented:#?}"
    );
}
