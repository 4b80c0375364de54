use hearth_app::AppError;
use hearth_app::communities::{self};
use hearth_app::domain::{Actor, Community, PostId, ReactionKind, User};
use hearth_app::feeds::{self, Feed, Shared};
use hearth_app::people::{self, PersonRef};
use hearth_app::posts::{self, NewPost};
use hearth_testkit::{TestApp, TestDb, both_backends};

both_backends!(
    posts_render_safe_html_and_link_mentions_and_hashtags,
    replies_form_a_tree_with_a_depth_limit_and_deleted_replies_hold_their_place,
    reactions_toggle_count_per_kind_and_say_who_reacted,
    the_asker_or_a_manager_marks_the_best_answer,
    announcements_are_for_managers_and_pinned_above_the_feed,
    edits_keep_earlier_versions_for_admins_and_deletes_are_for_the_right_people,
    a_share_never_shows_an_original_the_reader_may_not_see,
    references_are_listed_on_the_target_only_where_visible,
    feeds_merge_the_right_sources_and_page_stably_by_id,
);

fn actor(user: &User) -> Actor {
    Actor::User(user.clone())
}

async fn community(t: &TestApp, owner: &User, name: &str, visibility: &str) -> Community {
    t.community(owner, name, visibility).await
}

async fn post(t: &TestApp, author: &User, community: Option<&Community>, body: &str) -> PostId {
    t.post(author, community, body).await.id
}

async fn posts_render_safe_html_and_link_mentions_and_hashtags(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    t.member("ben@acme.test").await;
    let id = post(
        &t,
        &ana,
        None,
        "Hello @ben and @ghost about #Budget <script>x</script>",
    )
    .await;
    let view = feeds::get(&t.app, &actor(&ana), id).await.unwrap();
    let html = &view.post.body_html;
    assert!(html.contains(r#"href="/people/ben""#), "{html}");
    assert!(!html.contains("/people/ghost"), "{html}");
    assert!(html.contains(r#"href="/topics/budget""#), "{html}");
    assert!(!html.contains("<script"), "{html}");
    assert_eq!(view.author_handle, "ana");
    let topic = feeds::feed(
        &t.app,
        &actor(&ana),
        &Feed::Topic("#BUDGET".into()),
        None,
        None,
    )
    .await
    .unwrap();
    assert_eq!(topic.posts.len(), 1);

    let empty = posts::create(
        &t.app,
        &actor(&ana),
        &NewPost {
            body: "  ".into(),
            ..NewPost::default()
        },
    )
    .await;
    assert!(matches!(empty, Err(AppError::Invalid(_))), "{empty:?}");
    let bad_kind = posts::create(
        &t.app,
        &actor(&ana),
        &NewPost {
            body: "x".into(),
            kind: Some("poll".into()),
            ..NewPost::default()
        },
    )
    .await;
    assert!(
        matches!(bad_kind, Err(AppError::Invalid(_))),
        "{bad_kind:?}"
    );
}

async fn replies_form_a_tree_with_a_depth_limit_and_deleted_replies_hold_their_place(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let root = post(&t, &ana, None, "Root").await;
    let mut parent = root;
    let mut chain = Vec::new();
    for depth in 1..=5 {
        let reply = posts::reply(&t.app, &actor(&ana), parent, &format!("depth {depth}"))
            .await
            .unwrap();
        assert_eq!(reply.root_id, Some(root));
        chain.push(reply.id);
        parent = reply.id;
    }
    let sibling = posts::reply(&t.app, &actor(&ana), root, "sibling")
        .await
        .unwrap();

    let thread = feeds::thread(&t.app, &actor(&ana), root, feeds::ThreadPage::first(3))
        .await
        .unwrap();
    assert_eq!(thread.replies.len(), 2);
    assert_eq!(thread.replies[1].id, sibling.id);
    let level3 = &thread.replies[0].children[0].children[0];
    assert_eq!(level3.id, chain[2]);
    assert!(
        level3.children.is_empty() && level3.continues,
        "continue thread beyond the limit"
    );
    let branch = feeds::thread(&t.app, &actor(&ana), chain[2], feeds::ThreadPage::first(3))
        .await
        .unwrap();
    assert_eq!(branch.replies[0].id, chain[3]);
    assert_eq!(branch.replies[0].children[0].id, chain[4]);

    posts::delete(&t.app, &actor(&ana), chain[0]).await.unwrap();
    posts::delete(&t.app, &actor(&ana), sibling.id)
        .await
        .unwrap();
    let thread = feeds::thread(&t.app, &actor(&ana), root, feeds::ThreadPage::first(8))
        .await
        .unwrap();
    assert_eq!(thread.replies.len(), 1, "a deleted leaf disappears");
    assert!(
        thread.replies[0].reply.is_none(),
        "a deleted reply with replies stays as a placeholder"
    );
    assert_eq!(thread.replies[0].children[0].id, chain[1]);
    assert_eq!(thread.post.stats.replies, 4);
    let middle = thread.replies[0].children[0].reply.as_ref().unwrap();
    assert_eq!(middle.stats.replies, 1, "a reply counts the answers to it");
    assert!(matches!(
        feeds::thread(&t.app, &actor(&ana), root, feeds::ThreadPage::first(0)).await,
        Err(AppError::Invalid(_))
    ));
}

async fn reactions_toggle_count_per_kind_and_say_who_reacted(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let id = post(&t, &ana, None, "Shipped!").await;
    posts::react(&t.app, &actor(&ben), id, "like", true)
        .await
        .unwrap();
    posts::react(&t.app, &actor(&ben), id, "like", true)
        .await
        .unwrap();
    posts::react(&t.app, &actor(&ben), id, "celebrate", true)
        .await
        .unwrap();
    let stats = posts::react(&t.app, &actor(&ana), id, "like", true)
        .await
        .unwrap();
    assert_eq!(
        stats.reactions,
        [(ReactionKind::Celebrate, 1), (ReactionKind::Like, 2)]
    );
    assert_eq!(stats.mine, [ReactionKind::Like]);
    let who = posts::reactors(&t.app, &actor(&ana), id).await.unwrap();
    assert_eq!(who.len(), 3);
    let stats = posts::react(&t.app, &actor(&ben), id, "like", false)
        .await
        .unwrap();
    assert_eq!(
        stats.reactions,
        [(ReactionKind::Celebrate, 1), (ReactionKind::Like, 1)]
    );
    let bad = posts::react(&t.app, &actor(&ben), id, "angry", true).await;
    assert!(matches!(bad, Err(AppError::Invalid(_))), "{bad:?}");
}

async fn the_asker_or_a_manager_marks_the_best_answer(db: TestDb) {
    let t = TestApp::new(db).await;
    let owner = t.member("owner@acme.test").await;
    let asker = t.member("asker@acme.test").await;
    let helper = t.member("helper@acme.test").await;
    let c = community(&t, &owner, "Help desk", "public").await;
    for user in [&asker, &helper] {
        communities::join(&t.app, &actor(user), c.id).await.unwrap();
    }
    let question = posts::create(
        &t.app,
        &actor(&asker),
        &NewPost {
            community_id: Some(c.id),
            kind: Some("question".into()),
            body: "How do I file expenses?".into(),
            ..NewPost::default()
        },
    )
    .await
    .unwrap();
    let answer = posts::reply(&t.app, &actor(&helper), question.id, "Use the form")
        .await
        .unwrap();
    let other = post(&t, &helper, Some(&c), "unrelated").await;

    let refused =
        posts::mark_best_answer(&t.app, &actor(&helper), question.id, Some(answer.id)).await;
    assert!(
        matches!(refused, Err(AppError::Forbidden(_))),
        "{refused:?}"
    );
    let not_a_reply =
        posts::mark_best_answer(&t.app, &actor(&asker), question.id, Some(other)).await;
    assert!(
        matches!(not_a_reply, Err(AppError::Invalid(_))),
        "{not_a_reply:?}"
    );
    posts::mark_best_answer(&t.app, &actor(&asker), question.id, Some(answer.id))
        .await
        .unwrap();
    assert_eq!(
        feeds::get(&t.app, &actor(&helper), question.id)
            .await
            .unwrap()
            .post
            .best_answer_id,
        Some(answer.id)
    );
    posts::mark_best_answer(&t.app, &actor(&owner), question.id, None)
        .await
        .unwrap();
    posts::mark_best_answer(&t.app, &actor(&asker), question.id, Some(answer.id))
        .await
        .unwrap();
    posts::delete(&t.app, &actor(&helper), answer.id)
        .await
        .unwrap();
    let cleared = feeds::get(&t.app, &actor(&asker), question.id)
        .await
        .unwrap();
    assert_eq!(
        cleared.post.best_answer_id, None,
        "a deleted answer is no longer the best"
    );
    let discussion = post(&t, &asker, Some(&c), "Just talking").await;
    let refused =
        posts::mark_best_answer(&t.app, &actor(&asker), discussion, Some(answer.id)).await;
    assert!(
        matches!(refused, Err(AppError::Forbidden(_))),
        "{refused:?}"
    );
}

async fn announcements_are_for_managers_and_pinned_above_the_feed(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let owner = t.member("owner@acme.test").await;
    let member = t.member("member@acme.test").await;
    let c = community(&t, &owner, "Team", "public").await;
    communities::join(&t.app, &actor(&member), c.id)
        .await
        .unwrap();
    let announce = |who: &User, community: Option<&Community>| {
        let input = NewPost {
            community_id: community.map(|c| c.id),
            kind: Some("announcement".into()),
            body: "Offsite on Friday".into(),
            ..NewPost::default()
        };
        let who = actor(who);
        let app = t.app.clone();
        async move { posts::create(&app, &who, &input).await }
    };
    assert!(matches!(
        announce(&member, Some(&c)).await,
        Err(AppError::Forbidden(_))
    ));
    assert!(matches!(
        announce(&owner, None).await,
        Err(AppError::Forbidden(_))
    ));
    let pinned = announce(&owner, Some(&c)).await.unwrap();
    announce(&admin, None)
        .await
        .expect("network admins announce company-wide");
    post(&t, &member, Some(&c), "Later chatter").await;
    let page = feeds::feed(&t.app, &actor(&member), &Feed::Community(c.id), None, None)
        .await
        .unwrap();
    assert_eq!(
        page.pinned.iter().map(|p| p.post.id).collect::<Vec<_>>(),
        [pinned.id]
    );
    assert_eq!(page.posts.len(), 2);
}

async fn edits_keep_earlier_versions_for_admins_and_deletes_are_for_the_right_people(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let owner = t.member("owner@acme.test").await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let c = community(&t, &owner, "Team", "public").await;
    for user in [&ana, &ben] {
        communities::join(&t.app, &actor(user), c.id).await.unwrap();
    }
    let id = post(&t, &ana, Some(&c), "First draft").await;
    let refused = posts::edit(&t.app, &actor(&ben), id, "Hijacked").await;
    assert!(
        matches!(refused, Err(AppError::Forbidden(_))),
        "{refused:?}"
    );
    let edited = posts::edit(&t.app, &actor(&ana), id, "Second draft")
        .await
        .unwrap();
    assert!(edited.edited_at.is_some());
    assert_eq!(edited.body_markdown, "Second draft");
    let versions = posts::versions(&t.app, &actor(&admin), id).await.unwrap();
    assert_eq!(
        versions
            .iter()
            .map(|version| (version.body_markdown.as_str(), version.title.as_deref()))
            .collect::<Vec<_>>(),
        [("First draft", None)]
    );
    assert!(matches!(
        posts::versions(&t.app, &actor(&ana), id).await,
        Err(AppError::Forbidden(_))
    ));

    let refused = posts::delete(&t.app, &actor(&ben), id).await;
    assert!(
        matches!(refused, Err(AppError::Forbidden(_))),
        "{refused:?}"
    );
    posts::delete(&t.app, &actor(&owner), id)
        .await
        .expect("a community owner deletes");
    assert!(matches!(
        feeds::get(&t.app, &actor(&ana), id).await,
        Err(AppError::NotFound(_))
    ));
    let company = post(&t, &ana, None, "Company-wide").await;
    assert!(
        posts::delete(&t.app, &actor(&owner), company)
            .await
            .is_err()
    );
    posts::delete(&t.app, &actor(&admin), company)
        .await
        .expect("network admins delete anywhere");
}

async fn a_share_never_shows_an_original_the_reader_may_not_see(db: TestDb) {
    let t = TestApp::new(db).await;
    let owner = t.member("owner@acme.test").await;
    let outsider = t.member("outsider@acme.test").await;
    let private = community(&t, &owner, "Board", "private").await;
    let original = post(&t, &owner, Some(&private), "Confidential numbers").await;
    let share = posts::create(
        &t.app,
        &actor(&owner),
        &NewPost {
            body: "Worth reading".into(),
            shared_post_id: Some(original),
            ..NewPost::default()
        },
    )
    .await
    .unwrap();
    let seen_by_owner = feeds::get(&t.app, &actor(&owner), share.id).await.unwrap();
    assert!(matches!(seen_by_owner.shared, Some(Shared::Available(_))));
    let seen_by_outsider = feeds::get(&t.app, &actor(&outsider), share.id)
        .await
        .unwrap();
    assert!(matches!(seen_by_outsider.shared, Some(Shared::Unavailable)));
    assert!(matches!(
        feeds::get(&t.app, &actor(&outsider), original).await,
        Err(AppError::NotFound(_))
    ));

    let sneaky = posts::create(
        &t.app,
        &actor(&outsider),
        &NewPost {
            body: String::new(),
            shared_post_id: Some(original),
            ..NewPost::default()
        },
    )
    .await;
    assert!(matches!(sneaky, Err(AppError::Invalid(_))), "{sneaky:?}");
    let owner_view = feeds::get(&t.app, &actor(&owner), original).await.unwrap();
    assert_eq!(owner_view.stats.shares, 1);
}

async fn references_are_listed_on_the_target_only_where_visible(db: TestDb) {
    let t = TestApp::new(db).await;
    let owner = t.member("owner@acme.test").await;
    let outsider = t.member("outsider@acme.test").await;
    let private = community(&t, &owner, "Board", "private").await;
    let target = post(&t, &owner, None, "Our travel policy").await;
    post(
        &t,
        &owner,
        None,
        &format!("See https://hearth.acme.test/posts/{}", target.0),
    )
    .await;
    post(
        &t,
        &owner,
        Some(&private),
        &format!("Compare with /posts/{}", target.0),
    )
    .await;
    let for_owner = feeds::referenced_by(&t.app, &actor(&owner), target)
        .await
        .unwrap();
    assert_eq!(for_owner.len(), 2);
    let for_outsider = feeds::referenced_by(&t.app, &actor(&outsider), target)
        .await
        .unwrap();
    assert_eq!(for_outsider.len(), 1);
    let stats = feeds::get(&t.app, &actor(&outsider), target)
        .await
        .unwrap()
        .stats;
    assert_eq!(stats.referenced_by, 1, "counts hide private references too");
}

async fn feeds_merge_the_right_sources_and_page_stably_by_id(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let cy = t.member("cy@acme.test").await;
    let mine = community(&t, &ana, "Mine", "public").await;
    let theirs = community(&t, &cy, "Theirs", "public").await;
    let secret = community(&t, &cy, "Secret", "secret").await;
    people::follow(&t.app, &actor(&ana), &PersonRef::Id(ben.id))
        .await
        .unwrap();

    let company = post(&t, &cy, None, "company-wide").await;
    let in_mine = post(&t, &ana, Some(&mine), "in my community").await;
    communities::join(&t.app, &actor(&ben), theirs.id)
        .await
        .unwrap();
    let followed = post(&t, &ben, Some(&theirs), "from someone I follow").await;
    let unrelated = post(&t, &cy, Some(&theirs), "not for my home").await;
    let hidden = post(&t, &cy, Some(&secret), "secret").await;
    let reply = posts::reply(&t.app, &actor(&cy), company, "replies stay in threads")
        .await
        .unwrap();

    let home = feeds::feed(&t.app, &actor(&ana), &Feed::Home, None, None)
        .await
        .unwrap();
    let ids: Vec<PostId> = home.posts.iter().map(|p| p.post.id).collect();
    assert_eq!(ids, [followed, in_mine, company]);
    for absent in [unrelated, hidden, reply.id] {
        assert!(!ids.contains(&absent));
    }

    let first = feeds::feed(&t.app, &actor(&cy), &Feed::Profile(cy.id), None, Some(2))
        .await
        .unwrap();
    assert_eq!(
        first.posts.iter().map(|p| p.post.id).collect::<Vec<_>>(),
        [hidden, unrelated]
    );
    post(&t, &cy, None, "arrives while scrolling").await;
    let second = feeds::feed(
        &t.app,
        &actor(&cy),
        &Feed::Profile(cy.id),
        first.next_before,
        Some(2),
    )
    .await
    .unwrap();
    assert_eq!(
        second.posts.iter().map(|p| p.post.id).collect::<Vec<_>>(),
        [company]
    );
    assert!(second.next_before.is_none());
    let ana_sees_cy = feeds::feed(&t.app, &actor(&ana), &Feed::Profile(cy.id), None, None)
        .await
        .unwrap();
    assert!(
        !ana_sees_cy.posts.iter().any(|p| p.post.id == hidden),
        "profile feeds hide secret posts"
    );
    let admin = t.admin().await;
    people::follow(&t.app, &actor(&admin), &PersonRef::Id(cy.id))
        .await
        .unwrap();
    let admin_home = feeds::feed(&t.app, &actor(&admin), &Feed::Home, None, None)
        .await
        .unwrap();
    assert!(
        !admin_home.posts.iter().any(|p| p.post.id == hidden),
        "moderation reach does not fill an admin's home feed"
    );
    let refused = feeds::feed(
        &t.app,
        &actor(&ana),
        &Feed::Community(secret.id),
        None,
        None,
    )
    .await;
    assert!(matches!(refused, Err(AppError::NotFound(_))), "{refused:?}");
    assert!(matches!(
        feeds::feed(&t.app, &actor(&ana), &Feed::Home, None, Some(0)).await,
        Err(AppError::Invalid(_))
    ));
}
