//! The audit log's reading and export, retention, and compliance exports.

use hearth_app::AppError;
use hearth_app::audit::AuditFilter;
use hearth_app::audit::{self, Acting};
use hearth_app::chat::{self, NewGroup};
use hearth_app::domain::{Actor, AuditActorKind, AuditEntry, Post, PostId, Role, User};
use hearth_app::export::{self, AuditFormat, AuditQuery, Whom};
use hearth_app::posts::{self, NewPost};
use hearth_app::retention;
use hearth_testkit::{Backend, TestApp, TestDb, both_backends, sqlx};
use serde_json::Value;
use std::time::Duration;

both_backends!(
    the_audit_log_filters_by_action_actor_target_and_day_and_pages_by_id,
    nothing_can_change_or_remove_an_audit_entry,
    the_audit_log_exports_as_csv_and_json_lines_and_the_export_is_audited,
    a_network_export_holds_every_file_and_nothing_of_another_network,
    a_user_export_holds_only_that_persons_account_and_content,
    a_retention_dry_run_counts_exactly_what_applying_it_deletes,
    bad_retention_values_and_people_without_the_right_change_nothing,
    the_servers_hourly_run_is_recorded_as_hearth_itself_and_only_when_it_deletes,
);

const DAY: Duration = Duration::from_secs(24 * 3600);

fn actor(user: &User) -> Actor {
    Actor::User(user.clone())
}

fn acting(actor: &Actor) -> Acting<'_> {
    Acting::new(actor, "192.0.2.7")
}

async fn entries(t: &TestApp, filter: &AuditFilter) -> Vec<AuditEntry> {
    audit::list(&t.app, &Actor::Operator, filter, None, audit::MAX_PAGE)
        .await
        .unwrap()
}

async fn entries_of(t: &TestApp, action: &str) -> Vec<AuditEntry> {
    let filter = AuditFilter {
        action: Some(action.to_owned()),
        ..AuditFilter::default()
    };
    entries(t, &filter).await
}

async fn count(t: &TestApp, sql: &str) -> i64 {
    let mut db = t.app.store().conn().await.unwrap();
    sqlx::query_scalar(sql).fetch_one(&mut *db).await.unwrap()
}

async fn post(t: &TestApp, author: &User, body: &str) -> Post {
    let input = NewPost {
        body: body.to_owned(),
        ..NewPost::default()
    };
    posts::create(&t.app, &actor(author), &input).await.unwrap()
}

async fn reply(t: &TestApp, author: &User, parent: PostId, body: &str) -> Post {
    posts::reply(&t.app, &actor(author), parent, body)
        .await
        .unwrap()
}

async fn share(t: &TestApp, author: &User, original: PostId) -> Post {
    let input = NewPost {
        body: "Worth reading again".to_owned(),
        shared_post_id: Some(original),
        ..NewPost::default()
    };
    posts::create(&t.app, &actor(author), &input).await.unwrap()
}

async fn like(t: &TestApp, who: &User, id: PostId) {
    posts::react(&t.app, &actor(who), id, "like", true)
        .await
        .unwrap();
}

/// The ids of the posts that exist, of any state.
async fn post_ids(t: &TestApp) -> Vec<i64> {
    let mut db = t.app.store().conn().await.unwrap();
    sqlx::query_scalar("SELECT id FROM posts ORDER BY id")
        .fetch_all(&mut *db)
        .await
        .unwrap()
}

/// A partner network with one person in it.
async fn outsider(t: &TestApp, home: &User) -> User {
    t.partner_outsider(home, Role::Admin).await
}

async fn read_all(export: export::ContentExport) -> (Vec<u8>, export::Progress) {
    let mut out = Vec::new();
    let mut last = None;
    let written = export
        .write_to(&mut out, |progress| last = Some(*progress))
        .await
        .unwrap();
    assert_eq!(written, out.len() as u64);
    (out, last.unwrap())
}

fn ids_in(lines: &[Value], field: &str) -> Vec<String> {
    let mut ids: Vec<String> = lines
        .iter()
        .map(|line| line[field].as_str().unwrap().to_owned())
        .collect();
    ids.sort();
    ids
}

async fn the_audit_log_filters_by_action_actor_target_and_day_and_pages_by_id(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let ana = t.member("ana@acme.test").await;
    let admin_actor = actor(&admin);
    let before = entries(&t, &AuditFilter::default()).await.len();

    retention::set(&t.app, acting(&admin_actor), Some(30))
        .await
        .unwrap();
    t.clock.advance(DAY * 3);
    retention::set(&t.app, Acting::operator(), Some(60))
        .await
        .unwrap();
    export::user(&t.app, acting(&admin_actor), &Whom::Id(ana.id))
        .await
        .unwrap();
    retention::set(&t.app, acting(&admin_actor), None)
        .await
        .unwrap();

    let all = entries(&t, &AuditFilter::default()).await;
    assert_eq!(all.len(), before + 4, "each act wrote one entry");
    assert!(all.windows(2).all(|w| w[0].id > w[1].id), "newest first");

    let set = entries_of(&t, "retention.set").await;
    assert_eq!(set.len(), 3);
    assert_eq!(set[0].client_ip, "192.0.2.7");
    assert_eq!(set[1].actor_kind, AuditActorKind::Operator);
    assert_eq!(set[1].client_ip, "command line");
    let details: Value = serde_json::from_str(&set[0].details).unwrap();
    assert_eq!(details["before_days"], 60);
    assert!(details["days"].is_null());

    let by_admin = AuditQuery {
        actor_id: Some(admin.id.to_string()),
        ..AuditQuery::default()
    };
    let by_admin = entries(&t, &by_admin.filter().unwrap()).await;
    assert_eq!(by_admin.len(), 3);
    assert!(by_admin.iter().all(|e| e.actor_id == Some(admin.id.0)));

    let about_ana = AuditQuery {
        target_id: Some(ana.id.to_string()),
        ..AuditQuery::default()
    };
    let about_ana = entries(&t, &about_ana.filter().unwrap()).await;
    assert!(about_ana.iter().all(|e| e.target_id == Some(ana.id.0)));
    assert_eq!(about_ana[0].action, "user.exported", "newest first");
    assert!(about_ana.len() < all.len());

    let today = &hearth_app::rfc3339(t.clock.now())[..10];
    let today_only = AuditQuery {
        from: Some(today.to_owned()),
        until: Some(today.to_owned()),
        ..AuditQuery::default()
    };
    let today_only = entries(&t, &today_only.filter().unwrap()).await;
    assert_eq!(today_only.len(), 3, "the first act was three days earlier");

    let first = audit::list(&t.app, &Actor::Operator, &AuditFilter::default(), None, 2)
        .await
        .unwrap();
    let second = audit::list(
        &t.app,
        &Actor::Operator,
        &AuditFilter::default(),
        Some(first[1].id),
        2,
    )
    .await
    .unwrap();
    assert_eq!(first.len(), 2);
    assert_eq!(
        second[0].id, all[2].id,
        "the next page starts after the cursor"
    );

    let bad = [
        (
            "action",
            AuditQuery {
                action: Some("user.teleported".into()),
                ..Default::default()
            },
        ),
        (
            "actor_id",
            AuditQuery {
                actor_id: Some("ana".into()),
                ..Default::default()
            },
        ),
        (
            "from",
            AuditQuery {
                from: Some("2026-02-30".into()),
                ..Default::default()
            },
        ),
        (
            "until",
            AuditQuery {
                from: Some("2026-03-02".into()),
                until: Some("2026-03-01".into()),
                ..Default::default()
            },
        ),
    ];
    for (field, query) in bad {
        assert_eq!(query.filter().unwrap_err().field, field);
    }

    let refused = audit::list(&t.app, &actor(&ana), &AuditFilter::default(), None, 10).await;
    assert!(matches!(refused, Err(AppError::Forbidden(_))));
}

async fn nothing_can_change_or_remove_an_audit_entry(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    retention::set(&t.app, acting(&actor(&admin)), Some(10))
        .await
        .unwrap();
    let before = count(&t, "SELECT COUNT(*) FROM audit_log").await;
    assert!(before >= 1);

    let mut db = t.app.store().conn().await.unwrap();
    let update = sqlx::query("UPDATE audit_log SET reason = 'rewritten'")
        .execute(&mut *db)
        .await;
    let message = update.unwrap_err().to_string();
    assert!(message.contains("append-only"), "{message}");
    let delete = sqlx::query("DELETE FROM audit_log").execute(&mut *db).await;
    let message = delete.unwrap_err().to_string();
    assert!(message.contains("append-only"), "{message}");
    drop(db);

    assert_eq!(count(&t, "SELECT COUNT(*) FROM audit_log").await, before);
    assert_eq!(
        count(
            &t,
            "SELECT COUNT(*) FROM audit_log WHERE reason = 'rewritten'"
        )
        .await,
        0
    );
}

async fn the_audit_log_exports_as_csv_and_json_lines_and_the_export_is_audited(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let officer = t.user("cora@acme.test", Role::Compliance).await;
    let ana = t.member("ana@acme.test").await;
    let admin_actor = actor(&admin);
    for days in [10, 20, 30] {
        retention::set(&t.app, acting(&admin_actor), Some(days))
            .await
            .unwrap();
    }

    let refused = export::audit_log(
        &t.app,
        acting(&actor(&ana)),
        AuditFilter::default(),
        AuditFormat::Csv,
    )
    .await;
    assert!(matches!(refused, Err(AppError::Forbidden(_))));
    assert!(entries_of(&t, "audit.exported").await.is_empty());

    let officer_actor = actor(&officer);
    let only_set = AuditQuery {
        action: Some("retention.set".into()),
        ..AuditQuery::default()
    };
    let mut csv_export = export::audit_log(
        &t.app,
        acting(&officer_actor),
        only_set.filter().unwrap(),
        AuditFormat::Csv,
    )
    .await
    .unwrap();
    let mut bytes = Vec::new();
    while let Some(chunk) = csv_export.next_chunk().await.unwrap() {
        bytes.extend(chunk);
    }
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, export::AUDIT_COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|row| &row[5] == "retention.set"));
    assert_eq!(&rows[0][10], "192.0.2.7");
    let details: Value = serde_json::from_str(&rows[0][11]).unwrap();
    assert_eq!(details["days"], 30);

    let exported = entries_of(&t, "audit.exported").await;
    assert_eq!(exported.len(), 1, "the export wrote exactly one entry");
    assert_eq!(exported[0].actor_id, Some(officer.id.0));

    let mut lines_export = export::audit_log(
        &t.app,
        Acting::operator(),
        AuditFilter::default(),
        AuditFormat::JsonLines,
    )
    .await
    .unwrap();
    let mut text = Vec::new();
    while let Some(chunk) = lines_export.next_chunk().await.unwrap() {
        text.extend(chunk);
    }
    let lines: Vec<Value> = String::from_utf8(text)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let everything = entries(&t, &AuditFilter::default()).await;
    assert_eq!(lines.len(), everything.len());
    assert_eq!(
        lines[0]["action"], "audit.exported",
        "its own entry comes first"
    );
    assert_eq!(lines[0]["details"]["format"], "jsonl");
    assert_eq!(entries_of(&t, "audit.exported").await.len(), 2);
}

async fn a_network_export_holds_every_file_and_nothing_of_another_network(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let hello = post(&t, &ana, "Hello #launch").await;
    let answer = reply(&t, &ben, hello.id, "Welcome").await;
    like(&t, &ben, hello.id).await;
    let group = chat::create_group(
        &t.app,
        &actor(&ana),
        &NewGroup {
            title: "Launch".into(),
            member_ids: vec![ben.id],
        },
    )
    .await
    .unwrap();
    chat::send(&t.app, &actor(&ben), group.conversation.id, "On my way")
        .await
        .unwrap();
    let guest = outsider(&t, &ana).await;
    retention::set(&t.app, acting(&actor(&guest)), Some(5))
        .await
        .unwrap();

    let member = export::network(&t.app, acting(&actor(&ana))).await;
    assert!(matches!(member, Err(AppError::Forbidden(_))));

    let opened = export::network(&t.app, acting(&actor(&admin)))
        .await
        .unwrap();
    assert!(opened.file_name().ends_with(".zip"));
    let (bytes, progress) = read_all(opened).await;
    assert_eq!(progress.rows, progress.total);
    let files = hearth_testkit::unzip_json_lines(&bytes);
    let names: Vec<&str> = files.keys().map(String::as_str).collect();
    for expected in [
        "users.jsonl",
        "communities.jsonl",
        "memberships.jsonl",
        "posts.jsonl",
        "reactions.jsonl",
        "conversations.jsonl",
        "messages.jsonl",
        "audit.jsonl",
    ] {
        assert!(names.contains(&expected), "{expected} in {names:?}");
    }
    let mut people = ids_in(&files["users.jsonl"], "id");
    let mut expected_people = vec![admin.id.to_string(), ana.id.to_string(), ben.id.to_string()];
    people.sort();
    expected_people.sort();
    assert_eq!(people, expected_people, "not the partner's guest");
    assert!(
        files["users.jsonl"]
            .iter()
            .all(|u| u.get("password_hash").is_none())
    );
    let mut expected_posts = vec![hello.id.to_string(), answer.id.to_string()];
    expected_posts.sort();
    assert_eq!(ids_in(&files["posts.jsonl"], "id"), expected_posts);
    assert_eq!(files["posts.jsonl"][0]["body_markdown"], "Hello #launch");
    assert_eq!(files["reactions.jsonl"].len(), 1);
    assert_eq!(files["reactions.jsonl"][0]["user_id"], ben.id.to_string());
    assert_eq!(files["messages.jsonl"][0]["body_markdown"], "On my way");
    assert_eq!(files["conversation_members.jsonl"].len(), 2);
    let audited: Vec<&str> = files["audit.jsonl"]
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(audited.contains(&"network.exported"));
    assert!(
        !audited.contains(&"retention.set"),
        "the partner's own act stays in its network: {audited:?}"
    );
    assert_eq!(entries_of(&t, "network.exported").await.len(), 1);
}

async fn a_user_export_holds_only_that_persons_account_and_content(db: TestDb) {
    let t = TestApp::new(db).await;
    t.admin().await;
    let officer = t.user("cora@acme.test", Role::Compliance).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let cy = t.member("cy@acme.test").await;
    let anas = post(&t, &ana, "Mine").await;
    let bens = post(&t, &ben, "Ben's").await;
    let anas_reply = reply(&t, &ana, bens.id, "Ana on Ben's").await;
    like(&t, &ana, bens.id).await;
    like(&t, &ben, anas.id).await;
    let with_ben = chat::create_group(
        &t.app,
        &actor(&ben),
        &NewGroup {
            title: "Ana and Ben".into(),
            member_ids: vec![ana.id],
        },
    )
    .await
    .unwrap();
    chat::send(&t.app, &actor(&ana), with_ben.conversation.id, "From Ana")
        .await
        .unwrap();
    chat::send(&t.app, &actor(&ben), with_ben.conversation.id, "From Ben")
        .await
        .unwrap();
    let without_ana = chat::create_group(
        &t.app,
        &actor(&ben),
        &NewGroup {
            title: "Ben and Cy".into(),
            member_ids: vec![cy.id],
        },
    )
    .await
    .unwrap();

    let officer_actor = actor(&officer);
    let missing = export::user(
        &t.app,
        acting(&officer_actor),
        &Whom::parse("nobody@acme.test"),
    )
    .await;
    assert!(matches!(missing, Err(AppError::NotFound("user"))));
    let missing = export::user(&t.app, acting(&officer_actor), &Whom::parse("12345")).await;
    assert!(matches!(missing, Err(AppError::NotFound("user"))));
    let member = export::user(&t.app, acting(&actor(&ben)), &Whom::Id(ana.id)).await;
    assert!(matches!(member, Err(AppError::Forbidden(_))));
    let guest = outsider(&t, &ana).await;
    let elsewhere = export::user(&t.app, acting(&actor(&guest)), &Whom::Id(ana.id)).await;
    assert!(matches!(elsewhere, Err(AppError::NotFound("user"))));
    assert!(entries_of(&t, "user.exported").await.is_empty());

    let opened = export::user(
        &t.app,
        acting(&officer_actor),
        &Whom::parse(" ANA@acme.test "),
    )
    .await
    .unwrap();
    let (bytes, _) = read_all(opened).await;
    let files = hearth_testkit::unzip_json_lines(&bytes);
    assert_eq!(ids_in(&files["users.jsonl"], "id"), [ana.id.to_string()]);
    assert_eq!(files["users.jsonl"][0]["email"], "ana@acme.test");
    let mut expected_posts = vec![anas.id.to_string(), anas_reply.id.to_string()];
    expected_posts.sort();
    assert_eq!(ids_in(&files["posts.jsonl"], "id"), expected_posts);
    assert_eq!(files["reactions.jsonl"].len(), 1);
    assert_eq!(files["reactions.jsonl"][0]["post_id"], bens.id.to_string());
    let messages: Vec<&str> = files["messages.jsonl"]
        .iter()
        .map(|m| m["body_markdown"].as_str().unwrap())
        .collect();
    assert_eq!(messages, ["From Ana"]);
    let conversations = ids_in(&files["conversations.jsonl"], "id");
    assert_eq!(conversations, [with_ben.conversation.id.to_string()]);
    assert!(!conversations.contains(&without_ana.conversation.id.to_string()));
    assert!(!files.contains_key("audit.jsonl"));

    let exported = entries_of(&t, "user.exported").await;
    assert_eq!(exported.len(), 1);
    assert_eq!(exported[0].target_id, Some(ana.id.0));
    assert_eq!(exported[0].actor_id, Some(officer.id.0));
}

async fn a_retention_dry_run_counts_exactly_what_applying_it_deletes(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let admin_actor = actor(&admin);

    // Forty days ago: a finished thread, a thread that is still going, and chat.
    let finished = post(&t, &ana, "Old news #archive").await;
    let finished_reply = reply(&t, &ben, finished.id, "Indeed @ana").await;
    let deep_reply = reply(&t, &ana, finished_reply.id, "Deeper").await;
    like(&t, &ben, finished.id).await;
    like(&t, &ana, finished_reply.id).await;
    posts::edit(&t.app, &actor(&ana), finished.id, "Old news, edited")
        .await
        .unwrap();
    let going = post(&t, &ben, "Still going").await;
    let going_old_reply = reply(&t, &ana, going.id, "Early reply").await;
    like(&t, &ana, going.id).await;
    let group = chat::create_group(
        &t.app,
        &actor(&ana),
        &NewGroup {
            title: "Chat".into(),
            member_ids: vec![ben.id],
        },
    )
    .await
    .unwrap();
    let cid = group.conversation.id;
    chat::send(&t.app, &actor(&ana), cid, "Old message")
        .await
        .unwrap();
    chat::send(&t.app, &actor(&ben), cid, "Old reply")
        .await
        .unwrap();

    t.clock.advance(DAY * 40);
    let going_new_reply = reply(&t, &ben, going.id, "Still here").await;
    let shared = share(&t, &ben, finished.id).await;
    let fresh = post(&t, &ana, "Fresh").await;
    like(&t, &ben, fresh.id).await;
    chat::send(&t.app, &actor(&ana), cid, "New message")
        .await
        .unwrap();

    let no_policy = retention::dry_run(&t.app, &admin_actor, None).await;
    assert!(matches!(no_policy, Err(AppError::Conflict { .. })));
    retention::set(&t.app, acting(&admin_actor), Some(30))
        .await
        .unwrap();
    assert_eq!(
        retention::setting(&t.app, &admin_actor).await.unwrap(),
        Some(30)
    );

    let posts_before = post_ids(&t).await;
    let entries_before = entries(&t, &AuditFilter::default()).await.len();
    let dry = retention::dry_run(&t.app, &admin_actor, None)
        .await
        .unwrap();
    assert_eq!(dry.days, 30);
    assert_eq!(
        dry.counts.posts, 3,
        "the finished thread: root and two replies"
    );
    assert_eq!(dry.counts.reactions, 2);
    assert_eq!(dry.counts.messages, 2);
    assert_eq!(
        post_ids(&t).await,
        posts_before,
        "a dry run changes nothing"
    );
    assert_eq!(
        entries(&t, &AuditFilter::default()).await.len(),
        entries_before,
        "and writes no audit entry"
    );
    let longer = retention::dry_run(&t.app, &admin_actor, Some(60))
        .await
        .unwrap();
    assert_eq!(longer.counts.posts + longer.counts.messages, 0);

    let applied = retention::apply(&t.app, acting(&admin_actor))
        .await
        .unwrap();
    assert_eq!(
        applied.counts, dry.counts,
        "apply deletes what the dry run counted"
    );

    let mut kept = vec![
        going.id.0,
        going_old_reply.id.0,
        going_new_reply.id.0,
        shared.id.0,
        fresh.id.0,
    ];
    kept.sort_unstable();
    assert_eq!(post_ids(&t).await, kept);
    for gone in [finished.id, finished_reply.id, deep_reply.id] {
        for table in [
            "post_versions",
            "post_hashtags",
            "post_mentions",
            "reactions",
        ] {
            let sql = format!("SELECT COUNT(*) FROM {table} WHERE post_id = {gone}");
            assert_eq!(count(&t, &sql).await, 0, "{table} of {gone}");
        }
    }
    let shared_now = count(
        &t,
        &format!(
            "SELECT COUNT(*) FROM posts WHERE id = {} AND shared_post_id IS NULL",
            shared.id
        ),
    )
    .await;
    assert_eq!(shared_now, 1, "the newer share stays and loses its link");
    assert_eq!(count(&t, "SELECT COUNT(*) FROM reactions").await, 2);
    let history = chat::history(&t.app, &actor(&ben), cid, None, None)
        .await
        .unwrap();
    let texts: Vec<&str> = history
        .messages
        .iter()
        .map(|m| m.message.body_markdown.as_str())
        .collect();
    assert_eq!(texts, ["New message"]);
    if t.db.backend == Backend::Sqlite {
        assert_eq!(
            count(&t, "SELECT COUNT(*) FROM pragma_foreign_key_check").await,
            0
        );
    }

    let applied_entries = entries_of(&t, "retention.applied").await;
    assert_eq!(applied_entries.len(), 1);
    let details: Value = serde_json::from_str(&applied_entries[0].details).unwrap();
    assert_eq!(
        (
            &details["posts"],
            &details["reactions"],
            &details["messages"]
        ),
        (&Value::from(3), &Value::from(2), &Value::from(2))
    );
    let again = retention::apply(&t.app, acting(&admin_actor))
        .await
        .unwrap();
    assert_eq!(again.counts, retention::RetentionCounts::default());
}

async fn bad_retention_values_and_people_without_the_right_change_nothing(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let officer = t.user("cora@acme.test", Role::Compliance).await;
    let ana = t.member("ana@acme.test").await;
    let admin_actor = actor(&admin);
    retention::set(&t.app, acting(&admin_actor), Some(90))
        .await
        .unwrap();
    let set_before = entries_of(&t, "retention.set").await.len();

    for days in [0, -1, 36_501, i64::MIN] {
        match retention::set(&t.app, acting(&admin_actor), Some(days)).await {
            Err(AppError::Invalid(invalid)) => assert_eq!(invalid.field, "retention_days"),
            other => panic!("{days}: {other:?}"),
        }
        let dry = retention::dry_run(&t.app, &admin_actor, Some(days)).await;
        assert!(matches!(dry, Err(AppError::Invalid(_))), "{days}");
    }
    for refused in [actor(&officer), actor(&ana)] {
        let set = retention::set(&t.app, acting(&refused), Some(1)).await;
        assert!(matches!(set, Err(AppError::Forbidden(_))));
        let apply = retention::apply(&t.app, acting(&refused)).await;
        assert!(matches!(apply, Err(AppError::Forbidden(_))));
    }
    let member_dry = retention::dry_run(&t.app, &actor(&ana), None).await;
    assert!(matches!(member_dry, Err(AppError::Forbidden(_))));
    let officer_dry = retention::dry_run(&t.app, &actor(&officer), None)
        .await
        .unwrap();
    assert_eq!(officer_dry.days, 90, "compliance officers may look");

    assert_eq!(
        retention::setting(&t.app, &admin_actor).await.unwrap(),
        Some(90)
    );
    assert_eq!(entries_of(&t, "retention.set").await.len(), set_before);
    assert!(entries_of(&t, "retention.applied").await.is_empty());

    retention::set(&t.app, acting(&admin_actor), None)
        .await
        .unwrap();
    let nothing_to_apply = retention::apply(&t.app, acting(&admin_actor)).await;
    assert!(matches!(nothing_to_apply, Err(AppError::Conflict { .. })));
    assert!(entries_of(&t, "retention.applied").await.is_empty());
}

async fn the_servers_hourly_run_is_recorded_as_hearth_itself_and_only_when_it_deletes(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let ana = t.member("ana@acme.test").await;
    assert!(retention::apply_scheduled(&t.app).await.unwrap().is_empty());

    post(&t, &ana, "Old").await;
    t.clock.advance(DAY * 8);
    let kept = post(&t, &ana, "New").await;
    retention::set(&t.app, acting(&actor(&admin)), Some(7))
        .await
        .unwrap();

    let applied = retention::apply_scheduled(&t.app).await.unwrap();
    assert_eq!(applied.len(), 1);
    assert_eq!(applied[0].0, ana.network_id);
    assert_eq!(applied[0].1.posts, 1);
    assert_eq!(post_ids(&t).await, [kept.id.0]);
    let recorded = entries_of(&t, "retention.applied").await;
    assert_eq!(recorded.len(), 1);
    assert_eq!(recorded[0].actor_kind, AuditActorKind::System);
    assert_eq!(recorded[0].actor_id, None);

    assert!(retention::apply_scheduled(&t.app).await.unwrap().is_empty());
    assert_eq!(entries_of(&t, "retention.applied").await.len(), 1);
}
