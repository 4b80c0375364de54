//! Two networks side by side, the home network and an external one with a guest from
//! the supplier: nothing of one reaches the people of the other, both ways, through every read path a person or
//! an admin has (feeds, posts and threads, communities, the directory, search,
//! suggestions, mentions, notifications, digests, chat, live events, exports and
//! analytics), and nothing in one can be acted on from the other.
//!
//! Each network writes a marker word of its own into everything it makes; whatever
//! a reader gets is searched for the other network's word, so a leak through a path
//! the checks below forgot to name still shows wherever its text does.

use hearth_app::analytics::{self, PeriodChoice};
use hearth_app::audit::Acting;
use hearth_app::chat::{self, NewGroup};
use hearth_app::digests;
use hearth_app::domain::DigestPeriod;
use hearth_app::domain::{Actor, Community, Network, Post, Role, User};
use hearth_app::feeds::{self, Feed};
use hearth_app::people::{self, DirectoryQuery};
use hearth_app::posts::{self, NewPost};
use hearth_app::search::{self, Scope, SearchRequest};
use hearth_app::{AppError, accounts, communities, export, notifications, suggestions};
use hearth_testkit::{TestApp, TestDb, both_backends, unzip_json_lines};

both_backends!(nothing_of_one_network_reaches_the_other_both_ways);

const DAY: std::time::Duration = std::time::Duration::from_secs(24 * 60 * 60);

/// What one network holds, all of it carrying `marker`.
struct Side {
    marker: &'static str,
    admin: User,
    member: User,
    /// Someone only mentioned, whose handle the other network also has.
    namesake: User,
    community: Community,
    announcement: Post,
    in_community: Post,
    reply: Post,
}

fn act(user: &User) -> Actor {
    Actor::User(user.clone())
}

/// Fills a network: a public community with a post and a reply, a company-wide
/// announcement mentioning both namesakes, a reaction, and a group chat.
async fn fill(
    t: &TestApp,
    marker: &'static str,
    admin: User,
    member: User,
    namesake: User,
) -> Side {
    let community = t
        .community(&member, &format!("{marker} room"), "public")
        .await;
    communities::join(&t.app, &act(&admin), community.id)
        .await
        .unwrap();
    let announcement = posts::create(
        &t.app,
        &act(&admin),
        &NewPost {
            body: format!("{marker} news for @{} #{marker}", handle(&namesake)),
            kind: Some("announcement".into()),
            ..NewPost::default()
        },
    )
    .await
    .unwrap();
    let in_community = t
        .post(
            &member,
            Some(&community),
            &format!("{marker} plans #{marker}"),
        )
        .await;
    let reply = posts::reply(
        &t.app,
        &act(&admin),
        in_community.id,
        &format!("{marker} answer, @{}", handle(&member)),
    )
    .await
    .unwrap();
    posts::react(&t.app, &act(&admin), in_community.id, "like", true)
        .await
        .unwrap();
    let group = chat::create_group(
        &t.app,
        &act(&admin),
        &NewGroup {
            title: format!("{marker} chat"),
            member_ids: vec![member.id],
        },
    )
    .await
    .unwrap();
    chat::send(
        &t.app,
        &act(&member),
        group.conversation.id,
        &format!("{marker} in chat"),
    )
    .await
    .unwrap();
    t.app.settled().await;
    Side {
        marker,
        admin,
        member,
        namesake,
        community,
        announcement,
        in_community,
        reply,
    }
}

fn handle(user: &User) -> &str {
    user.email.split('@').next().unwrap()
}

fn is_not_found<T: std::fmt::Debug>(result: &Result<T, AppError>) -> bool {
    matches!(result, Err(AppError::NotFound(_)))
}

async fn nothing_of_one_network_reaches_the_other_both_ways(db: TestDb) {
    let t = TestApp::new(db).await;
    let home_admin = t.admin().await;
    let home_member = t.member("ana@acme.test").await;
    let home_namesake = t.member("sam@acme.test").await;
    let partner: Network = t.partner_network(&home_admin, "Supplier").await;
    let partner_admin = t
        .partner_person(&partner, "bea@supplier.test", Role::Admin)
        .await;
    let partner_member = t
        .partner_person(&partner, "bo@supplier.test", Role::Member)
        .await;
    let partner_namesake = t
        .partner_person(&partner, "sam@supplier.test", Role::Member)
        .await;

    // Every live event of the partner network's making, to check who it reaches.
    let mut live = t.app.subscribe();
    let home = fill(&t, "oakleaf", home_admin, home_member, home_namesake).await;
    let theirs = fill(
        &t,
        "pinecone",
        partner_admin,
        partner_member,
        partner_namesake,
    )
    .await;
    let mut events = Vec::new();
    while let Ok(event) = live.try_recv() {
        events.push(event);
    }
    for (side, other) in [(&home, &theirs), (&theirs, &home)] {
        let of_other_network = events
            .iter()
            .filter(|e| e.payload.contains(other.marker))
            .collect::<Vec<_>>();
        assert!(!of_other_network.is_empty(), "so the check below can fail");
        for event in of_other_network {
            assert_ne!(
                event.network_id, side.admin.network_id.0,
                "the {} network's {} event goes to the {} network",
                other.marker, event.kind, side.marker
            );
        }
    }

    // A guest of the partner network, invited by e-mail and signed up as suppliers are.
    let sponsor = act(&home.admin);
    let invited = hearth_app::guests::invite(
        &t.app,
        Acting::new(&sponsor, "192.0.2.1"),
        partner.id,
        "gil@supplier.test",
    )
    .await
    .unwrap();
    let guest = hearth_app::invitations::accept(
        &t.app,
        hearth_app::invitations::AcceptForm {
            secret: &invited.secret,
            name: "Gil Pinecone",
            password: "delivery-window-42",
        },
        &hearth_app::sessions::ClientInfo {
            address: "192.0.2.7".to_owned(),
            user_agent: "test".to_owned(),
        },
    )
    .await
    .unwrap()
    .user;
    assert_eq!(guest.network_id, partner.id);

    // A week on, so that digests and analytics cover everything above.
    t.clock.advance(DAY * 7);
    analytics::count_due(&t.app).await.unwrap();

    reads_nothing_of(&t, &guest, &theirs, &home).await;
    acts_on_nothing_of(&t, &guest, &home).await;

    for (side, other) in [(&home, &theirs), (&theirs, &home)] {
        for reader in [&side.admin, &side.member, &side.namesake] {
            reads_nothing_of(&t, reader, side, other).await;
            acts_on_nothing_of(&t, reader, other).await;
        }
        exports_and_figures_hold_nothing_of(&t, side, other).await;
    }
}

/// Every read path of `reader` (of `side`) shows their own network and nothing of
/// `other`.
async fn reads_nothing_of(t: &TestApp, reader: &User, side: &Side, other: &Side) {
    let a = act(reader);
    let who = format!("{} of the {} network", reader.email, side.marker);
    let leaks = |text: &str| text.contains(other.marker);

    for feed in [
        Feed::Home,
        Feed::Topic(side.marker.into()),
        Feed::Topic(other.marker.into()),
        Feed::Articles,
        Feed::CompanyAnnouncements,
    ] {
        let page = feeds::feed(&t.app, &a, &feed, None, Some(100))
            .await
            .unwrap();
        assert!(
            page.posts.iter().all(|p| !leaks(&p.post.body_markdown)),
            "{feed:?} shows {who} a post of the {} network",
            other.marker
        );
    }
    let own = feeds::feed(&t.app, &a, &Feed::Home, None, Some(100))
        .await
        .unwrap();
    assert!(
        own.posts.iter().any(|p| p.post.id == side.announcement.id),
        "{who} reads their own network's feed, so the check above can fail"
    );
    for feed in [
        Feed::Community(other.community.id),
        Feed::Profile(other.member.id),
        Feed::Praised(other.member.id),
        Feed::ArticlesBy(other.member.id),
        Feed::ArticlesIn(other.community.id),
    ] {
        let page = feeds::feed(&t.app, &a, &feed, None, Some(100)).await;
        assert!(
            is_not_found(&page) || page.as_ref().is_ok_and(|p| p.posts.is_empty()),
            "{feed:?} of the {} network answers {who} with {page:?}",
            other.marker
        );
    }
    for post in [&other.announcement, &other.in_community, &other.reply] {
        assert!(
            is_not_found(&feeds::get(&t.app, &a, post.id).await),
            "{who}"
        );
        assert!(
            is_not_found(&feeds::thread(&t.app, &a, post.id, feeds::ThreadPage::first(4)).await),
            "{who} reads a thread of the {} network",
            other.marker
        );
        assert!(is_not_found(&posts::reactors(&t.app, &a, post.id).await));
    }
    assert!(feeds::get(&t.app, &a, side.in_community.id).await.is_ok());

    assert!(is_not_found(
        &communities::get(&t.app, &a, other.community.id).await
    ));
    assert!(is_not_found(
        &communities::members(&t.app, &a, other.community.id).await
    ));
    let listed = communities::list(&t.app, &a, false).await.unwrap();
    assert!(listed.iter().all(|c| c.community.id != other.community.id));
    assert!(listed.iter().any(|c| c.community.id == side.community.id));

    let directory = people::directory(&t.app, &a, &DirectoryQuery::default())
        .await
        .unwrap();
    assert!(
        directory
            .people
            .iter()
            .all(|p| p.network_id == reader.network_id),
        "the directory shows {who} people of another network"
    );
    let mut db = t.app.store().conn().await.unwrap();
    let own_people: i64 =
        hearth_testkit::sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE network_id = $1")
            .bind(reader.network_id.0)
            .fetch_one(&mut *db)
            .await
            .unwrap();
    drop(db);
    assert!(own_people >= 3);
    assert_eq!(
        i64::try_from(directory.people.len()).unwrap(),
        own_people,
        "{who} sees everyone of their own network"
    );
    assert!(is_not_found(
        &accounts::get_user(&t.app, &a, other.member.id).await
    ));
    for handle_prefix in ["s", "b", "a"] {
        let suggested = suggestions::people(&t.app, &a, handle_prefix, None)
            .await
            .unwrap();
        assert!(
            suggested.iter().all(|p| p.network_id == reader.network_id),
            "@{handle_prefix} suggests to {who} someone of another network"
        );
    }
    for prefix in [&other.marker[..1], side.marker] {
        let topics = suggestions::topics(&t.app, &a, prefix, None).await.unwrap();
        assert!(topics.iter().all(|topic| !leaks(&topic.tag)), "{who}");
    }
    let own_topics = suggestions::topics(&t.app, &a, side.marker, None)
        .await
        .unwrap();
    assert_eq!(
        own_topics.len(),
        1,
        "{who} is offered their own network's tag"
    );

    for scope in Scope::EVERY {
        for q in [other.marker, "sam", "chat"] {
            let found = search::search(
                &t.app,
                &a,
                &SearchRequest {
                    q: q.into(),
                    scope,
                    ..SearchRequest::default()
                },
            )
            .await
            .unwrap();
            assert!(
                found
                    .posts
                    .iter()
                    .all(|hit| !leaks(&hit.view.post.body_markdown))
                    && found
                        .people
                        .iter()
                        .all(|p| p.network_id == reader.network_id)
                    && found
                        .communities
                        .iter()
                        .all(|c| c.network_id == reader.network_id)
                    && found.topics.iter().all(|(tag, _)| !leaks(tag))
                    && found
                        .messages
                        .iter()
                        .all(|m| !leaks(&m.message.body_markdown)),
                "searching {q:?} in {scope:?} shows {who} something of the {} network",
                other.marker
            );
        }
    }
    let own_search = search::search(
        &t.app,
        &a,
        &SearchRequest {
            q: side.marker.into(),
            ..SearchRequest::default()
        },
    )
    .await
    .unwrap();
    assert!(
        !own_search.posts.is_empty(),
        "{who} finds their own network's posts, so the check above can fail"
    );

    // Mentions: the other network's namesake shares a handle, and is never told.
    let told = notifications::list(&t.app, &a, None, 100).await.unwrap();
    for n in &told.notifications {
        assert!(
            !leaks(&n.excerpt) && n.actor_ids.iter().all(|id| *id != other.admin.id),
            "{who} is told of the {} network: {n:?}",
            other.marker
        );
    }
    if reader.id == side.namesake.id {
        assert_eq!(
            told.notifications.len(),
            1,
            "{who} is told once, of the mention in their own network"
        );
    }

    let conversations = chat::list(&t.app, &a, None, None).await.unwrap();
    assert!(
        conversations
            .conversations
            .iter()
            .all(|c| !leaks(&format!("{c:?}"))),
        "{who} lists a conversation of another network"
    );

    let digest = digests::preview(&t.app, reader.id, DigestPeriod::Weekly, t.clock.now())
        .await
        .unwrap();
    let digest = digest.unwrap_or_else(|| panic!("{who} gets a weekly digest"));
    {
        let (_, text, html) =
            digests::render(&t.app, DigestPeriod::Weekly, &digest, "/unsubscribe");
        assert!(
            reader.id != side.member.id || text.contains(side.marker),
            "{who}'s digest tells of their own network, so the check below can fail"
        );
        assert!(
            !leaks(&text) && !leaks(&html),
            "{who}'s digest holds something of the {} network",
            other.marker
        );
    }
}

/// Nothing of `other` can be reacted to, answered, shared, joined or messaged.
async fn acts_on_nothing_of(t: &TestApp, actor: &User, other: &Side) {
    let a = act(actor);
    let post = other.in_community.id;
    assert!(is_not_found(
        &posts::react(&t.app, &a, post, "like", true).await
    ));
    assert!(is_not_found(&posts::reply(&t.app, &a, post, "hello").await));
    let shared = posts::create(
        &t.app,
        &a,
        &NewPost {
            shared_post_id: Some(post),
            ..NewPost::default()
        },
    )
    .await;
    assert!(
        matches!(shared, Err(AppError::Invalid(_) | AppError::NotFound(_))),
        "{shared:?}"
    );
    assert!(is_not_found(
        &communities::join(&t.app, &a, other.community.id).await
    ));
    assert!(is_not_found(
        &chat::start_direct(&t.app, &a, other.member.id).await
    ));
    let group = chat::create_group(
        &t.app,
        &a,
        &NewGroup {
            title: "Across".into(),
            member_ids: vec![other.member.id],
        },
    )
    .await;
    assert!(group.is_err(), "{group:?}");
    assert!(is_not_found(
        &people::follow(&t.app, &a, &people::PersonRef::Id(other.member.id)).await
    ));
}

/// An admin's export and figures of `side` hold nothing of `other`.
async fn exports_and_figures_hold_nothing_of(t: &TestApp, side: &Side, other: &Side) {
    let admin = act(&side.admin);
    let export = export::network(&t.app, Acting::new(&admin, "192.0.2.1"))
        .await
        .unwrap();
    let mut bytes = Vec::new();
    export.write_to(&mut bytes, |_| {}).await.unwrap();
    let files = unzip_json_lines(&bytes);
    let everything = serde_json::to_string(&files).unwrap();
    assert!(
        everything.contains(side.marker),
        "the export holds its own network, so the check can fail"
    );
    assert!(
        !everything.contains(other.marker) && !everything.contains(&other.member.email),
        "the {} network's export holds something of the {} network",
        side.marker,
        other.marker
    );

    let figures = analytics::network_dashboard(&t.app, &admin, &PeriodChoice::Last(30))
        .await
        .unwrap();
    // The partner network has its guest besides the three.
    let people = if side.marker == "pinecone" { 4 } else { 3 };
    assert_eq!(
        figures.people, people,
        "the {} network's people",
        side.marker
    );
    assert_eq!(
        (
            figures.totals.posts,
            figures.totals.replies,
            figures.totals.messages
        ),
        (2, 1, 1),
        "the {} network's posts, replies and messages",
        side.marker
    );
}
