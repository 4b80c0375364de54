//! Moderation: reports, the queue per role, moderators' actions and who sees what
//! afterwards, locked threads, pinned posts, the keyword watch list, the author's
//! notice, and exactly one audit entry per act.

use hearth_app::AppError;
use hearth_app::audit::AuditFilter;
use hearth_app::audit::{self, Acting};
use hearth_app::chat::{self, NewGroup};
use hearth_app::communities::{self};
use hearth_app::domain::post::Moderation;
use hearth_app::domain::{Actor, AuditAction, Community, MessageId, PostId, Role, User};
use hearth_app::feeds::{self, Feed};
use hearth_app::live::LiveEvent;
use hearth_app::moderation::{self, Subject};
use hearth_app::posts::{self, NewPost};
use hearth_testkit::{TestApp, TestDb, both_backends};
use serde_json::Value;
use std::sync::Arc;
use tokio::sync::broadcast;

both_backends!(
    anyone_who_reads_content_reports_it_once_while_the_report_is_open,
    the_queue_shows_each_moderator_only_what_they_may_act_on,
    hiding_removing_and_restoring_change_who_sees_a_post,
    managers_moderate_their_communities_posts_only_and_bad_input_changes_nothing,
    a_locked_thread_refuses_replies_until_unlocked,
    pinned_posts_come_first_above_their_community_feed,
    the_watch_list_flags_or_holds_matching_posts,
    admins_remove_and_restore_reported_messages,
    every_moderation_act_writes_exactly_one_audit_entry_of_its_action,
);

fn actor(user: &User) -> Actor {
    Actor::User(user.clone())
}

fn acting(actor: &Actor) -> Acting<'_> {
    Acting::new(actor, "192.0.2.1")
}

async fn community(t: &TestApp, owner: &User, name: &str, visibility: &str) -> Community {
    t.community(owner, name, visibility).await
}

async fn post(t: &TestApp, author: &User, community: Option<&Community>, body: &str) -> PostId {
    t.post(author, community, body).await.id
}

async fn act(t: &TestApp, who: &User, id: PostId, action: &str) -> Result<(), AppError> {
    let who = actor(who);
    moderation::moderate(
        &t.app,
        acting(&who),
        Subject::Post(id),
        action,
        &format!("{action}: against the guidelines"),
    )
    .await
}

async fn sees(t: &TestApp, who: &User, id: PostId) -> bool {
    match feeds::get(&t.app, &actor(who), id).await {
        Ok(_) => true,
        Err(AppError::NotFound(_)) => false,
        Err(other) => panic!("unexpected {other:?}"),
    }
}

async fn in_feed(t: &TestApp, who: &User, feed: Feed, id: PostId) -> bool {
    feeds::feed(&t.app, &actor(who), &feed, None, None)
        .await
        .unwrap()
        .posts
        .iter()
        .any(|v| v.post.id == id)
}

async fn audit_count(t: &TestApp, action: AuditAction) -> usize {
    audit::list(
        &t.app,
        &Actor::Operator,
        &AuditFilter {
            action: Some(action.as_str().to_owned()),
            ..AuditFilter::default()
        },
        None,
        500,
    )
    .await
    .unwrap()
    .len()
}

async fn all_audit(t: &TestApp) -> usize {
    audit::list(&t.app, &Actor::Operator, &AuditFilter::default(), None, 500)
        .await
        .unwrap()
        .len()
}

fn decisions(rx: &mut broadcast::Receiver<Arc<LiveEvent>>) -> Vec<Arc<LiveEvent>> {
    let mut found = Vec::new();
    while let Ok(event) = rx.try_recv() {
        if event.kind == "moderation.decision" || event.kind == "post.created" {
            found.push(event);
        }
    }
    found
}

fn invalid_field<T: std::fmt::Debug>(result: Result<T, AppError>) -> &'static str {
    match result {
        Err(AppError::Invalid(invalid)) => invalid.field,
        other => panic!("expected invalid input, got {other:?}"),
    }
}

async fn anyone_who_reads_content_reports_it_once_while_the_report_is_open(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let cy = t.member("cy@acme.test").await;
    let id = post(&t, &ana, None, "Something questionable").await;

    let report = moderation::report_post(&t.app, &actor(&ben), id, "  rude  ")
        .await
        .unwrap();
    assert_eq!(report.reporter_id, Some(ben.id));
    assert_eq!(report.reason, "rude");
    let again = moderation::report_post(&t.app, &actor(&ben), id, "still rude").await;
    assert!(matches!(again, Err(AppError::Conflict { .. })), "{again:?}");
    moderation::report_post(&t.app, &actor(&cy), id, "rude too")
        .await
        .unwrap();
    assert_eq!(
        invalid_field(moderation::report_post(&t.app, &actor(&cy), id, " ").await),
        "reason"
    );
    assert_eq!(
        invalid_field(moderation::report_post(&t.app, &actor(&cy), id, &"x".repeat(501)).await),
        "reason"
    );

    // A private community's post does not exist for an outsider, reported or not.
    let private = community(&t, &ana, "Board", "private").await;
    let secret_post = post(&t, &ana, Some(&private), "Board matters").await;
    assert!(matches!(
        moderation::report_post(&t.app, &actor(&ben), secret_post, "spam").await,
        Err(AppError::NotFound(_))
    ));

    let group = chat::create_group(
        &t.app,
        &actor(&ana),
        &NewGroup {
            title: "Lunch".into(),
            member_ids: vec![ben.id],
        },
    )
    .await
    .unwrap();
    let message = chat::send(&t.app, &actor(&ana), group.conversation.id, "Rude message")
        .await
        .unwrap();
    moderation::report_message(&t.app, &actor(&ben), message.message.id, "harassment")
        .await
        .unwrap();
    assert!(matches!(
        moderation::report_message(&t.app, &actor(&cy), message.message.id, "nosy").await,
        Err(AppError::NotFound(_))
    ));
    assert!(matches!(
        moderation::report_message(&t.app, &actor(&ben), MessageId(42), "nothing").await,
        Err(AppError::NotFound(_))
    ));

    // Once resolved, a new report of the same post is welcome again.
    let admin = t.admin().await;
    act(&t, &admin, id, "hide").await.unwrap();
    act(&t, &admin, id, "restore").await.unwrap();
    moderation::report_post(&t.app, &actor(&ben), id, "back again")
        .await
        .unwrap();
}

async fn the_queue_shows_each_moderator_only_what_they_may_act_on(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let officer = t.user("officer@acme.test", Role::Compliance).await;
    let manager = t.member("manager@acme.test").await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let team = community(&t, &manager, "Team", "public").await;
    let other = community(&t, &ana, "Other", "public").await;
    communities::join(&t.app, &actor(&ana), team.id)
        .await
        .unwrap();

    let in_team = post(&t, &ana, Some(&team), "Team post with a problem").await;
    let in_other = post(&t, &ana, Some(&other), "Other post").await;
    let company = post(&t, &ana, None, "Company-wide post").await;
    for id in [in_team, in_other, company] {
        moderation::report_post(&t.app, &actor(&ben), id, "spam")
            .await
            .unwrap();
    }
    moderation::report_post(&t.app, &actor(&manager), in_team, "off topic")
        .await
        .unwrap();

    let everything = moderation::queue(&t.app, &actor(&admin), None)
        .await
        .unwrap();
    let subjects: Vec<Subject> = everything.iter().map(|i| i.subject).collect();
    assert_eq!(
        subjects,
        vec![
            Subject::Post(in_team),
            Subject::Post(in_other),
            Subject::Post(company)
        ]
    );
    let first = &everything[0];
    assert_eq!(first.reports.len(), 2);
    assert_eq!(first.reports[0].reporter_name, "Ben");
    assert_eq!(first.reports[1].reason, "off topic");
    assert_eq!(first.author_id, ana.id);
    assert_eq!(first.author_name, "Ana");
    assert_eq!(first.excerpt, "Team post with a problem");
    assert_eq!(first.community_id, Some(team.id));

    let theirs = moderation::queue(&t.app, &actor(&manager), None)
        .await
        .unwrap();
    assert_eq!(
        theirs.iter().map(|i| i.subject).collect::<Vec<_>>(),
        vec![Subject::Post(in_team)]
    );
    let narrowed = moderation::queue(&t.app, &actor(&admin), Some(other.id))
        .await
        .unwrap();
    assert_eq!(narrowed.len(), 1);
    assert!(matches!(
        moderation::queue(&t.app, &actor(&manager), Some(other.id)).await,
        Err(AppError::Forbidden(_))
    ));
    for nobody in [&ben, &officer] {
        assert!(matches!(
            moderation::queue(&t.app, &actor(nobody), None).await,
            Err(AppError::Forbidden(_))
        ));
    }
}

async fn hiding_removing_and_restoring_change_who_sees_a_post(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let officer = t.user("officer@acme.test", Role::Compliance).await;
    let manager = t.member("manager@acme.test").await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let team = community(&t, &manager, "Team", "public").await;
    communities::join(&t.app, &actor(&ana), team.id)
        .await
        .unwrap();
    communities::join(&t.app, &actor(&ben), team.id)
        .await
        .unwrap();
    let id = post(&t, &ana, Some(&team), "A heated post").await;
    moderation::report_post(&t.app, &actor(&ben), id, "heated")
        .await
        .unwrap();
    let mut rx = t.app.subscribe();

    act(&t, &manager, id, "hide").await.unwrap();
    assert!(!sees(&t, &ben, id).await, "hidden from members");
    assert!(
        !sees(&t, &officer, id).await,
        "compliance does not moderate"
    );
    assert!(!in_feed(&t, &ben, Feed::Community(team.id), id).await);
    assert!(!in_feed(&t, &ben, Feed::Profile(ana.id), id).await);
    assert!(sees(&t, &admin, id).await);
    assert!(sees(&t, &manager, id).await);
    assert!(in_feed(&t, &manager, Feed::Community(team.id), id).await);
    let own = feeds::get(&t.app, &actor(&ana), id).await.unwrap();
    let notice = own.notice.expect("the author is told why");
    assert_eq!(notice.moderation, Moderation::Hidden);
    assert_eq!(notice.reason, "hide: against the guidelines");
    assert!(in_feed(&t, &ana, Feed::Community(team.id), id).await);
    assert!(
        moderation::queue(&t.app, &actor(&manager), None)
            .await
            .unwrap()
            .is_empty(),
        "the report is resolved"
    );
    let told = decisions(&mut rx);
    assert_eq!(told.len(), 1);
    assert_eq!(told[0].kind, "moderation.decision");
    assert!(told[0].audience.includes(ana.id));
    assert!(!told[0].audience.includes(ben.id));
    let payload: Value = serde_json::from_str(&told[0].payload).unwrap();
    assert_eq!(payload["action"], "hide");
    assert_eq!(payload["reason"], "hide: against the guidelines");

    // A reply under a hidden reply stays in place; the hidden one shows nothing.
    act(&t, &admin, id, "restore").await.unwrap();
    assert!(sees(&t, &ben, id).await);
    assert!(
        feeds::get(&t.app, &actor(&ana), id)
            .await
            .unwrap()
            .notice
            .is_none()
    );
    let reply = posts::reply(&t.app, &actor(&ben), id, "A rude reply")
        .await
        .unwrap();
    let answer = posts::reply(&t.app, &actor(&ana), reply.id, "Calm down")
        .await
        .unwrap();
    act(&t, &admin, reply.id, "hide").await.unwrap();
    let thread = feeds::thread(&t.app, &actor(&ana), id, feeds::ThreadPage::first(8))
        .await
        .unwrap();
    assert_eq!(thread.replies.len(), 1);
    assert!(thread.replies[0].reply.is_none(), "hidden from ana");
    assert_eq!(thread.replies[0].children[0].id, answer.id);
    let thread = feeds::thread(&t.app, &actor(&ben), id, feeds::ThreadPage::first(8))
        .await
        .unwrap();
    assert!(
        thread.replies[0].reply.is_some(),
        "its author still sees it"
    );

    act(&t, &admin, id, "remove").await.unwrap();
    assert!(!sees(&t, &ana, id).await, "removed is gone for all");
    assert!(!sees(&t, &admin, id).await);
    assert!(matches!(
        act(&t, &admin, id, "remove").await,
        Err(AppError::Conflict { .. })
    ));
    act(&t, &admin, id, "restore").await.unwrap();
    assert!(sees(&t, &ben, id).await);

    // What the author deleted stays deleted.
    let deleted = post(&t, &ana, Some(&team), "Never mind").await;
    posts::delete(&t.app, &actor(&ana), deleted).await.unwrap();
    assert!(matches!(
        act(&t, &admin, deleted, "restore").await,
        Err(AppError::Conflict { .. })
    ));
}

async fn managers_moderate_their_communities_posts_only_and_bad_input_changes_nothing(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let officer = t.user("officer@acme.test", Role::Compliance).await;
    let manager = t.member("manager@acme.test").await;
    let ana = t.member("ana@acme.test").await;
    let team = community(&t, &manager, "Team", "public").await;
    let other = community(&t, &ana, "Other", "public").await;
    let company = post(&t, &ana, None, "Company-wide").await;
    let elsewhere = post(&t, &ana, Some(&other), "Elsewhere").await;
    communities::join(&t.app, &actor(&ana), team.id)
        .await
        .unwrap();
    let mine = post(&t, &ana, Some(&team), "In the team").await;
    let before = all_audit(&t).await;

    for (who, id) in [
        (&manager, company),
        (&manager, elsewhere),
        (&ana, mine),
        (&officer, mine),
    ] {
        let refused = act(&t, who, id, "hide").await;
        assert!(
            matches!(refused, Err(AppError::Forbidden(_))),
            "{refused:?}"
        );
    }
    let admin_actor = actor(&admin);
    assert_eq!(
        invalid_field(
            moderation::moderate(
                &t.app,
                acting(&admin_actor),
                Subject::Post(mine),
                "hide",
                " "
            )
            .await
        ),
        "reason"
    );
    assert_eq!(
        invalid_field(
            moderation::moderate(
                &t.app,
                acting(&admin_actor),
                Subject::Post(mine),
                "vaporize",
                "why not"
            )
            .await
        ),
        "action"
    );
    assert!(matches!(
        act(&t, &admin, PostId(12345), "hide").await,
        Err(AppError::NotFound(_))
    ));
    assert!(matches!(
        act(&t, &admin, mine, "restore").await,
        Err(AppError::Conflict { .. })
    ));
    assert!(matches!(
        act(&t, &admin, mine, "unpin").await,
        Err(AppError::Conflict { .. })
    ));
    assert_eq!(
        invalid_field(act(&t, &admin, company, "pin").await),
        "action"
    );
    assert_eq!(all_audit(&t).await, before, "refusals write nothing");
    assert!(sees(&t, &admin, mine).await);
    assert_eq!(
        feeds::get(&t.app, &actor(&ana), mine)
            .await
            .unwrap()
            .post
            .moderation,
        Moderation::Visible
    );

    act(&t, &manager, mine, "hide").await.unwrap();
    act(&t, &admin, company, "hide").await.unwrap();
}

async fn a_locked_thread_refuses_replies_until_unlocked(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let root = post(&t, &ana, None, "A long discussion").await;
    let reply = posts::reply(&t.app, &actor(&ben), root, "First")
        .await
        .unwrap();

    // Locking through a reply locks the thread it belongs to.
    act(&t, &admin, reply.id, "lock").await.unwrap();
    let view = feeds::get(&t.app, &actor(&ana), root).await.unwrap();
    assert!(view.post.locked_at.is_some());
    for (who, parent) in [(&ben, root), (&ana, reply.id), (&admin, root)] {
        let refused = posts::reply(&t.app, &actor(who), parent, "More").await;
        assert!(
            matches!(refused, Err(AppError::Forbidden(_))),
            "{refused:?}"
        );
    }
    assert!(matches!(
        act(&t, &admin, root, "lock").await,
        Err(AppError::Conflict { .. })
    ));
    act(&t, &admin, root, "unlock").await.unwrap();
    posts::reply(&t.app, &actor(&ben), reply.id, "Thanks")
        .await
        .unwrap();
}

async fn pinned_posts_come_first_above_their_community_feed(db: TestDb) {
    let t = TestApp::new(db).await;
    let manager = t.member("manager@acme.test").await;
    let ana = t.member("ana@acme.test").await;
    let team = community(&t, &manager, "Team", "public").await;
    communities::join(&t.app, &actor(&ana), team.id)
        .await
        .unwrap();
    let older = post(&t, &ana, Some(&team), "Read this first").await;
    let newer = post(&t, &ana, Some(&team), "Just chatting").await;
    let announcement = posts::create(
        &t.app,
        &actor(&manager),
        &NewPost {
            community_id: Some(team.id),
            kind: Some("announcement".into()),
            body: "Office closed Friday".into(),
            shared_post_id: None,
            attachments: Vec::new(),
            poll: None,
            praise: None,
        },
    )
    .await
    .unwrap()
    .id;

    let pinned_ids =
        |page: &feeds::FeedPage| -> Vec<PostId> { page.pinned.iter().map(|v| v.post.id).collect() };
    let page = feeds::feed(&t.app, &actor(&ana), &Feed::Community(team.id), None, None)
        .await
        .unwrap();
    assert_eq!(pinned_ids(&page), vec![announcement]);

    act(&t, &manager, older, "pin").await.unwrap();
    let page = feeds::feed(&t.app, &actor(&ana), &Feed::Community(team.id), None, None)
        .await
        .unwrap();
    assert_eq!(
        pinned_ids(&page),
        vec![older, announcement],
        "pinned first, even when older"
    );
    assert!(!pinned_ids(&page).contains(&newer));
    let reply = posts::reply(&t.app, &actor(&ana), older, "ok")
        .await
        .unwrap();
    assert_eq!(
        invalid_field(act(&t, &manager, reply.id, "pin").await),
        "action"
    );

    act(&t, &manager, older, "unpin").await.unwrap();
    let page = feeds::feed(&t.app, &actor(&ana), &Feed::Community(team.id), None, None)
        .await
        .unwrap();
    assert_eq!(pinned_ids(&page), vec![announcement]);
}

async fn the_watch_list_flags_or_holds_matching_posts(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let admin_actor = actor(&admin);
    let ben_actor = actor(&ben);

    assert!(matches!(
        moderation::add_watch_term(&t.app, acting(&ben_actor), "crypto", "flag").await,
        Err(AppError::Forbidden(_))
    ));
    assert!(matches!(
        moderation::watch_list(&t.app, &ben_actor).await,
        Err(AppError::Forbidden(_))
    ));
    moderation::add_watch_term(&t.app, acting(&admin_actor), "Crypto", "flag")
        .await
        .unwrap();
    let held_term = moderation::add_watch_term(&t.app, acting(&admin_actor), "project x", "hold")
        .await
        .unwrap();
    assert!(matches!(
        moderation::add_watch_term(&t.app, acting(&admin_actor), "CRYPTO", "hold").await,
        Err(AppError::Conflict {
            field: Some("term"),
            ..
        })
    ));
    assert_eq!(
        invalid_field(
            moderation::add_watch_term(&t.app, acting(&admin_actor), "spam", "ban").await
        ),
        "mode"
    );
    assert_eq!(
        invalid_field(moderation::add_watch_term(&t.app, acting(&admin_actor), " ", "flag").await),
        "term"
    );
    let terms = moderation::watch_list(&t.app, &admin_actor).await.unwrap();
    assert_eq!(
        terms.iter().map(|t| t.term.as_str()).collect::<Vec<_>>(),
        vec!["crypto", "project x"]
    );

    // Whole words only: "cryptography" is not "crypto".
    let harmless = post(&t, &ana, None, "Cryptography talk").await;
    let flagged = post(&t, &ana, None, "Buy CRYPTO now!").await;
    assert!(sees(&t, &ben, harmless).await);
    assert!(sees(&t, &ben, flagged).await, "flagged posts stay visible");
    let queue = moderation::queue(&t.app, &admin_actor, None).await.unwrap();
    assert_eq!(queue.len(), 1);
    assert_eq!(queue[0].subject, Subject::Post(flagged));
    assert_eq!(queue[0].reports[0].reporter_id, None);
    assert!(queue[0].reports[0].reason.contains("crypto"));

    let mut rx = t.app.subscribe();
    let held = post(&t, &ana, None, "News about Project X today").await;
    let events = decisions(&mut rx);
    assert!(
        events.iter().all(|e| e.kind != "post.created"),
        "a held post is announced to nobody"
    );
    let told: Vec<_> = events
        .iter()
        .filter(|e| e.kind == "moderation.decision")
        .collect();
    assert_eq!(told.len(), 1);
    assert!(told[0].audience.includes(ana.id));
    assert!(!told[0].audience.includes(ben.id));
    assert!(!sees(&t, &ben, held).await);
    assert!(!in_feed(&t, &ben, Feed::Home, held).await);
    assert!(sees(&t, &admin, held).await);
    let own = feeds::get(&t.app, &actor(&ana), held).await.unwrap();
    assert_eq!(own.post.moderation, Moderation::Held);
    assert_eq!(own.notice.unwrap().moderation, Moderation::Held);
    let queue = moderation::queue(&t.app, &admin_actor, None).await.unwrap();
    let item = queue
        .iter()
        .find(|i| i.subject == Subject::Post(held))
        .unwrap();
    assert_eq!(item.moderation, Some(Moderation::Held));
    assert!(matches!(
        moderation::dismiss(&t.app, acting(&admin_actor), item.report_id, "fine").await,
        Err(AppError::Conflict { .. })
    ));

    act(&t, &admin, held, "restore").await.unwrap();
    assert!(sees(&t, &ben, held).await, "let through");

    // An edit that brings in a held term sends the post back for review.
    posts::edit(&t.app, &actor(&ana), harmless, "Now about project   x")
        .await
        .unwrap();
    assert!(!sees(&t, &ben, harmless).await);

    moderation::remove_watch_term(&t.app, acting(&admin_actor), held_term.id)
        .await
        .unwrap();
    assert!(matches!(
        moderation::remove_watch_term(&t.app, acting(&admin_actor), held_term.id).await,
        Err(AppError::NotFound(_))
    ));
    let later = post(&t, &ana, None, "Project X again").await;
    assert!(sees(&t, &ben, later).await);
}

async fn admins_remove_and_restore_reported_messages(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let manager = t.member("manager@acme.test").await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    community(&t, &manager, "Team", "public").await;
    let group = chat::create_group(
        &t.app,
        &actor(&ana),
        &NewGroup {
            title: "Lunch".into(),
            member_ids: vec![ben.id],
        },
    )
    .await
    .unwrap();
    let cid = group.conversation.id;
    let rude = chat::send(&t.app, &actor(&ana), cid, "Rude words")
        .await
        .unwrap()
        .message
        .id;
    let unreported = chat::send(&t.app, &actor(&ana), cid, "Private words")
        .await
        .unwrap()
        .message
        .id;
    moderation::report_message(&t.app, &actor(&ben), rude, "rude")
        .await
        .unwrap();
    let queue = moderation::queue(&t.app, &actor(&admin), None)
        .await
        .unwrap();
    assert_eq!(queue[0].subject, Subject::Message(rude));
    assert_eq!(queue[0].excerpt, "Rude words");
    assert!(matches!(
        moderation::queue(&t.app, &actor(&manager), None).await,
        Ok(items) if items.is_empty()
    ));

    let message_act = |who: &User, id: MessageId, action: &'static str| {
        let who = actor(who);
        let app = t.app.clone();
        async move {
            moderation::moderate(&app, acting(&who), Subject::Message(id), action, "rude").await
        }
    };
    assert!(matches!(
        message_act(&manager, rude, "remove").await,
        Err(AppError::Forbidden(_))
    ));
    assert!(matches!(
        message_act(&admin, unreported, "remove").await,
        Err(AppError::NotFound(_))
    ));
    assert_eq!(
        invalid_field(message_act(&admin, rude, "hide").await),
        "action"
    );
    message_act(&admin, rude, "remove").await.unwrap();
    let history = chat::history(&t.app, &actor(&ben), cid, None, None)
        .await
        .unwrap();
    let shown = history
        .messages
        .iter()
        .find(|m| m.message.id == rude)
        .unwrap();
    assert!(shown.message.deleted_at.is_some());
    message_act(&admin, rude, "restore").await.unwrap();
    let history = chat::history(&t.app, &actor(&ben), cid, None, None)
        .await
        .unwrap();
    let shown = history
        .messages
        .iter()
        .find(|m| m.message.id == rude)
        .unwrap();
    assert_eq!(shown.message.body_markdown, "Rude words");
}

async fn every_moderation_act_writes_exactly_one_audit_entry_of_its_action(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let team = community(&t, &admin, "Team", "public").await;
    communities::join(&t.app, &actor(&ana), team.id)
        .await
        .unwrap();
    let id = post(&t, &ana, Some(&team), "Subject of every act").await;
    let admin_actor = actor(&admin);

    let steps: [(&str, AuditAction); 8] = [
        ("hide", AuditAction::ContentHidden),
        ("restore", AuditAction::ContentRestored),
        ("lock", AuditAction::ThreadLocked),
        ("unlock", AuditAction::ThreadUnlocked),
        ("pin", AuditAction::PostPinned),
        ("unpin", AuditAction::PostUnpinned),
        ("remove", AuditAction::ContentRemoved),
        ("restore", AuditAction::ContentRestored),
    ];
    let mut expected_restores = 0;
    for (action, audited) in steps {
        let before = all_audit(&t).await;
        act(&t, &admin, id, action).await.unwrap();
        assert_eq!(all_audit(&t).await, before + 1, "{action} writes one entry");
        if audited == AuditAction::ContentRestored {
            expected_restores += 1;
            assert_eq!(audit_count(&t, audited).await, expected_restores);
        } else {
            assert_eq!(audit_count(&t, audited).await, 1, "{action}");
        }
    }
    let entry = audit::list(
        &t.app,
        &Actor::Operator,
        &AuditFilter {
            action: Some(AuditAction::ContentHidden.as_str().to_owned()),
            ..AuditFilter::default()
        },
        None,
        1,
    )
    .await
    .unwrap()
    .remove(0);
    assert_eq!(entry.target_kind, "post");
    assert_eq!(entry.target_id, Some(id.0));
    assert_eq!(entry.reason, "hide: against the guidelines");
    assert_eq!(entry.client_ip, "192.0.2.1");
    assert_eq!(entry.actor_id, Some(admin.id.0));

    let report = moderation::report_post(&t.app, &actor(&ben), id, "spam")
        .await
        .unwrap();
    let before = all_audit(&t).await;
    moderation::dismiss(&t.app, acting(&admin_actor), report.id, "not spam")
        .await
        .unwrap();
    assert_eq!(all_audit(&t).await, before + 1);
    assert_eq!(audit_count(&t, AuditAction::ReportDismissed).await, 1);
    assert!(matches!(
        moderation::dismiss(&t.app, acting(&admin_actor), report.id, "again").await,
        Err(AppError::NotFound(_))
    ));
    assert!(
        moderation::queue(&t.app, &admin_actor, None)
            .await
            .unwrap()
            .is_empty()
    );

    let term = moderation::add_watch_term(&t.app, acting(&admin_actor), "spam", "flag")
        .await
        .unwrap();
    assert_eq!(audit_count(&t, AuditAction::WatchTermAdded).await, 1);
    moderation::remove_watch_term(&t.app, acting(&admin_actor), term.id)
        .await
        .unwrap();
    assert_eq!(audit_count(&t, AuditAction::WatchTermRemoved).await, 1);
}
