//! Search finds what the searcher may read and nothing else: words, phrases,
//! prefixes and exclusions on posts, replies and chat messages; people, communities
//! and topics by name; the filters and both orders, a full page at a time. The leak
//! tests hold every place a post can be out of sight (a private or secret community,
//! held, hidden, deleted, under a hidden thread, another network) against every tab.

use hearth_app::audit::Acting;
use hearth_app::domain::{Actor, Post, ProfileChanges, Role, User};
use hearth_app::moderation::{self, Subject};
use hearth_app::search::{self, Kind, Scope, SearchRequest, SearchResults, Sort};
use hearth_app::{AppError, chat, people, posts};
use hearth_testkit::{TestApp, TestDb, both_backends};

both_backends!(
    words_phrases_prefixes_and_exclusions_find_posts_and_replies,
    search_never_shows_what_the_searcher_may_not_read,
    filters_narrow_posts_by_author_community_tag_kind_and_date,
    pages_are_full_and_follow_on_without_repeats_in_both_orders,
    people_communities_and_topics_are_found_by_name,
    the_searchers_own_conversations_are_searched_and_no_others,
    bad_searches_get_clear_errors,
    reindexing_rebuilds_what_search_finds,
);

fn actor(user: &User) -> Actor {
    Actor::User(user.clone())
}

async fn find(t: &TestApp, user: &User, q: &str) -> SearchResults {
    find_in(t, user, q, Scope::Posts).await
}

async fn find_in(t: &TestApp, user: &User, q: &str, scope: Scope) -> SearchResults {
    search::search(
        &t.app,
        &actor(user),
        &SearchRequest {
            q: q.to_owned(),
            scope,
            ..SearchRequest::default()
        },
    )
    .await
    .unwrap()
}

fn ids(results: &SearchResults) -> Vec<i64> {
    let mut ids: Vec<i64> = results.posts.iter().map(|h| h.view.post.id.0).collect();
    ids.sort_unstable();
    ids
}

fn sorted(posts: &[&Post]) -> Vec<i64> {
    let mut ids: Vec<i64> = posts.iter().map(|p| p.id.0).collect();
    ids.sort_unstable();
    ids
}

async fn reply(t: &TestApp, author: &User, parent: &Post, body: &str) -> Post {
    posts::reply(&t.app, &actor(author), parent.id, body)
        .await
        .unwrap()
}

async fn words_phrases_prefixes_and_exclusions_find_posts_and_replies(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let vpn = t
        .post(&ana, None, "The VPN configuration changed on Monday")
        .await;
    let printer = t
        .post(&ana, None, "The printer on floor two needs a VPN too")
        .await;
    let answer = reply(&t, &ben, &vpn, "Remote access works again from home").await;

    assert_eq!(ids(&find(&t, &ben, "vpn").await), sorted(&[&vpn, &printer]));
    assert_eq!(ids(&find(&t, &ben, "VPN configur*").await), sorted(&[&vpn]));
    assert!(
        ids(&find(&t, &ben, "VPN configur").await).is_empty(),
        "a word is whole"
    );
    let typing = search::search(
        &t.app,
        &actor(&ben),
        &SearchRequest {
            q: "VPN configur".into(),
            scope: Scope::Posts,
            typing: true,
            ..SearchRequest::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(
        ids(&typing),
        sorted(&[&vpn]),
        "while typing, the last word is a prefix"
    );
    assert_eq!(
        ids(&find(&t, &ben, "\"remote access\"").await),
        sorted(&[&answer])
    );
    assert!(ids(&find(&t, &ben, "\"access remote\"").await).is_empty());
    assert_eq!(ids(&find(&t, &ben, "vpn -printer").await), sorted(&[&vpn]));

    let hit = &find(&t, &ben, "remote access ").await.posts[0];
    assert_eq!(hit.view.post.root_id, Some(vpn.id));
    let matched: Vec<&str> = hit
        .snippet
        .parts
        .iter()
        .filter(|(_, matched)| *matched)
        .map(|(text, _)| text.as_str())
        .collect();
    assert!(
        matched.iter().any(|m| m.eq_ignore_ascii_case("remote")),
        "{:?}",
        hit.snippet
    );
    assert!(hit.snippet.text().contains("works again"));

    // An edit is found by its new words, no longer by its old ones.
    posts::edit(
        &t.app,
        &actor(&ana),
        printer.id,
        "The plotter is out of toner",
    )
    .await
    .unwrap();
    assert_eq!(ids(&find(&t, &ben, "vpn").await), sorted(&[&vpn]));
    assert_eq!(ids(&find(&t, &ben, "toner").await), sorted(&[&printer]));
}

/// Everyone a leak scenario needs.
struct Cast {
    t: TestApp,
    admin: User,
    owner: User,
    outsider: User,
    partner: User,
}

async fn cast(db: TestDb) -> Cast {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let owner = t.member("olga@acme.test").await;
    let outsider = t.member("oscar@acme.test").await;
    let partner = t.partner_outsider(&admin, Role::Member).await;
    Cast {
        t,
        admin,
        owner,
        outsider,
        partner,
    }
}

async fn search_never_shows_what_the_searcher_may_not_read(db: TestDb) {
    let c = cast(db).await;
    let t = &c.t;
    let private = t.community(&c.owner, "Mergers", "private").await;
    let secret = t.community(&c.owner, "Layoffs", "secret").await;
    let in_private = t
        .post(&c.owner, Some(&private), "zebracode in private #zebratag")
        .await;
    let in_secret = t
        .post(&c.owner, Some(&secret), "zebracode in secret #zebrasecret")
        .await;
    let open = t.post(&c.owner, None, "zebracode for everyone").await;
    let hidden = t.post(&c.owner, None, "zebracode hidden later").await;
    let under_hidden = reply(t, &c.outsider, &hidden, "zebracode under the hidden post").await;
    let deleted = t.post(&c.owner, None, "zebracode deleted later").await;
    let admin = actor(&c.admin);
    moderation::moderate(
        &t.app,
        Acting::new(&admin, "192.0.2.1"),
        Subject::Post(hidden.id),
        "hide",
        "off topic",
    )
    .await
    .unwrap();
    posts::delete(&t.app, &actor(&c.owner), deleted.id)
        .await
        .unwrap();
    // A post in the other network, by its only member.
    let elsewhere = t
        .post(&c.partner, None, "zebracode from the supplier")
        .await;

    // The outsider finds only what is open to everyone, in every tab and snippet.
    for q in [
        "zebracode",
        "zebra",
        "#zebratag",
        "#zebrasecret",
        "in:layoffs zebracode",
    ] {
        let all = find_in(t, &c.outsider, q, Scope::All).await;
        let posts = find(t, &c.outsider, q).await;
        for results in [&all, &posts] {
            for hit in &results.posts {
                assert_eq!(hit.view.post.id, open.id, "{q}: {:?}", hit.snippet);
                assert!(!hit.snippet.text().contains("private"));
            }
        }
        assert!(
            all.topics.iter().all(|(tag, _)| !tag.starts_with("zebra")),
            "{q}: {:?}",
            all.topics
        );
    }
    for tab in [Scope::All, Scope::Communities] {
        let found = find_in(t, &c.outsider, "layoffs", tab).await;
        assert!(found.communities.is_empty(), "{tab:?}");
        let found = find_in(t, &c.outsider, "mergers", tab).await;
        assert_eq!(found.communities.len(), 1, "a private community is listed");
    }

    // The owner reads both communities and their own hidden post with its thread,
    // as the thread page shows it to them, but not what they deleted. The reply's
    // author, like everyone else, lost the thread with its post.
    assert_eq!(
        ids(&find(t, &c.owner, "zebracode").await),
        sorted(&[&in_private, &in_secret, &open, &hidden, &under_hidden])
    );
    // A network admin reads every community and what they may moderate.
    assert_eq!(
        ids(&find(t, &c.admin, "zebracode").await),
        sorted(&[&in_private, &in_secret, &open, &hidden, &under_hidden])
    );
    let tags: Vec<String> = find_in(t, &c.owner, "zebra", Scope::Topics)
        .await
        .topics
        .into_iter()
        .map(|(tag, _)| tag)
        .collect();
    assert_eq!(tags, ["zebrasecret", "zebratag"]);

    // Networks never meet.
    assert_eq!(
        ids(&find(t, &c.partner, "zebracode").await),
        sorted(&[&elsewhere])
    );
    let partner_all = find_in(t, &c.partner, "olga", Scope::All).await;
    assert!(partner_all.people.is_empty());
    let home_all = find_in(t, &c.outsider, "guest", Scope::All).await;
    assert!(home_all.people.is_empty());
    assert!(!ids(&find(t, &c.admin, "supplier").await).contains(&elsewhere.id.0));
}

async fn filters_narrow_posts_by_author_community_tag_kind_and_date(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let help = t.community(&ana, "Help Desk", "public").await;
    hearth_app::communities::join(&t.app, &actor(&ben), help.id)
        .await
        .unwrap();
    let question = posts::create(
        &t.app,
        &actor(&ana),
        &posts::NewPost {
            community_id: Some(help.id),
            kind: Some("question".into()),
            body: "Who resets passwords? #access".into(),
            ..posts::NewPost::default()
        },
    )
    .await
    .unwrap();
    let answered = posts::create(
        &t.app,
        &actor(&ben),
        &posts::NewPost {
            community_id: Some(help.id),
            kind: Some("question".into()),
            body: "Who orders passwords badges?".into(),
            ..posts::NewPost::default()
        },
    )
    .await
    .unwrap();
    reply(&t, &ana, &answered, "Reception does").await;
    let chatter = t.post(&ben, None, "passwords are hard #access").await;

    let request = |q: &str| SearchRequest {
        q: q.to_owned(),
        scope: Scope::Posts,
        ..SearchRequest::default()
    };
    let run = |request: SearchRequest| {
        let t = &t;
        let ben = ben.clone();
        async move {
            ids(&search::search(&t.app, &actor(&ben), &request)
                .await
                .unwrap())
        }
    };
    assert_eq!(
        run(request("passwords from:@ana")).await,
        sorted(&[&question])
    );
    assert_eq!(
        run(request("passwords in:help-desk")).await,
        sorted(&[&question, &answered])
    );
    assert_eq!(
        run(request("#access")).await,
        sorted(&[&question, &chatter])
    );
    assert_eq!(
        run(SearchRequest {
            author: Some(ben.id),
            ..request("passwords")
        })
        .await,
        sorted(&[&answered, &chatter])
    );
    assert_eq!(
        run(SearchRequest {
            community: Some(help.id),
            kind: Some(Kind::UnansweredQuestion),
            ..request("passwords")
        })
        .await,
        sorted(&[&question])
    );
    assert_eq!(
        run(SearchRequest {
            kind: Some(Kind::Question),
            ..request("passwords")
        })
        .await,
        sorted(&[&question, &answered])
    );
    assert!(run(request("passwords from:@nobody")).await.is_empty());
    assert!(run(request("passwords in:no-such-place")).await.is_empty());

    // Dates are whole UTC days around the posts' own.
    let today = time::OffsetDateTime::from_unix_timestamp(t.clock.now() / 1000)
        .unwrap()
        .date();
    let day = |d: time::Date| {
        d.format(&time::macros::format_description!("[year]-[month]-[day]"))
            .unwrap()
    };
    assert_eq!(
        run(SearchRequest {
            from: Some(day(today)),
            until: Some(day(today)),
            ..request("passwords")
        })
        .await
        .len(),
        3
    );
    assert!(
        run(SearchRequest {
            from: Some(day(today.next_day().unwrap())),
            ..request("passwords")
        })
        .await
        .is_empty()
    );
    assert!(
        run(SearchRequest {
            until: Some(day(today.previous_day().unwrap())),
            ..request("passwords")
        })
        .await
        .is_empty()
    );
}

async fn pages_are_full_and_follow_on_without_repeats_in_both_orders(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let secret = t.community(&ana, "Hidden", "secret").await;
    let ben = t.member("ben@acme.test").await;
    let mut visible = Vec::new();
    for i in 0..7 {
        // Secret posts between the visible ones: a page filtered after its LIMIT
        // would come back short.
        t.post(&ana, Some(&secret), &format!("quarterly report draft {i}"))
            .await;
        let repeated = "report ".repeat(i + 1);
        visible.push(t.post(&ana, None, &format!("quarterly {repeated}")).await);
    }
    for sort in [Sort::Newest, Sort::Relevance] {
        let mut seen = Vec::new();
        let mut cursor = None;
        let mut pages = 0;
        loop {
            let page = search::search(
                &t.app,
                &actor(&ben),
                &SearchRequest {
                    q: "quarterly report".into(),
                    scope: Scope::Posts,
                    sort,
                    cursor: cursor.clone(),
                    limit: Some(3),
                    ..SearchRequest::default()
                },
            )
            .await
            .unwrap();
            pages += 1;
            if page.next_cursor.is_some() {
                assert_eq!(
                    page.posts.len(),
                    3,
                    "{sort:?}: a page before the last is full"
                );
            }
            seen.extend(page.posts.iter().map(|hit| hit.view.post.id));
            cursor = page.next_cursor;
            if cursor.is_none() {
                break;
            }
        }
        assert_eq!(pages, 3, "{sort:?}");
        let mut unique = seen.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), seen.len(), "{sort:?}: no post twice");
        assert_eq!(unique.len(), visible.len(), "{sort:?}");
        if sort == Sort::Newest {
            let mut newest_first = seen.clone();
            newest_first.sort_unstable_by(|a, b| b.cmp(a));
            assert_eq!(seen, newest_first);
        }
    }
}

async fn people_communities_and_topics_are_found_by_name(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let carla = t.member("carla@acme.test").await;
    let dora = t.member("dora@acme.test").await;
    let gone = t.member("carlos@acme.test").await;
    people::update(
        &t.app,
        &actor(&admin),
        &people::PersonRef::Id(carla.id),
        &ProfileChanges {
            department: Some("Field Sales".into()),
            job_title: Some("Account Manager".into()),
            location: Some("Lisbon".into()),
            ..ProfileChanges::default()
        },
    )
    .await
    .unwrap();
    let handover = t
        .post(&gone, None, "Handover notes for the Lisbon accounts")
        .await;
    hearth_app::lifecycle::deactivate(
        &t.app,
        Acting::new(&actor(&admin), "192.0.2.1"),
        gone.id,
        "left",
    )
    .await
    .unwrap();
    // Someone who left is not listed among people, but what they wrote is still found.
    assert_eq!(
        ids(&find(&t, &dora, "handover").await),
        sorted(&[&handover])
    );
    let names = |results: SearchResults| -> Vec<String> {
        results.people.into_iter().map(|p| p.display_name).collect()
    };
    for q in ["sales", "account manager", "lisbon", "carla", "carl"] {
        assert_eq!(
            names(find_in(&t, &dora, q, Scope::People).await),
            ["Carla"],
            "{q}"
        );
    }
    t.community(&carla, "Lisbon Runners", "public").await;
    let found = find_in(&t, &dora, "runners", Scope::All).await;
    assert_eq!(found.communities.len(), 1);
    assert_eq!(found.communities[0].name, "Lisbon Runners");
    t.post(&carla, None, "Sunday #running club").await;
    t.post(&dora, None, "Also #running today").await;
    let found = find_in(&t, &dora, "running", Scope::Topics).await;
    assert_eq!(found.topics, [("running".to_owned(), 2)]);
}

async fn the_searchers_own_conversations_are_searched_and_no_others(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let cleo = t.member("cleo@acme.test").await;
    let ours = chat::start_direct(&t.app, &actor(&ana), ben.id)
        .await
        .unwrap()
        .view
        .conversation
        .id;
    let theirs = chat::start_direct(&t.app, &actor(&ben), cleo.id)
        .await
        .unwrap()
        .view
        .conversation
        .id;
    chat::send(&t.app, &actor(&ana), ours, "lunch at the canteen?")
        .await
        .unwrap();
    chat::send(&t.app, &actor(&ben), theirs, "canteen gossip")
        .await
        .unwrap();

    let found = find_in(&t, &ana, "canteen", Scope::Messages).await;
    assert_eq!(found.messages.len(), 1);
    assert_eq!(found.messages[0].conversation_title, "Ben");
    assert_eq!(found.messages[0].author_name, "Ana");
    let found = find_in(&t, &ben, "canteen", Scope::Messages).await;
    assert_eq!(found.messages.len(), 2);
    let found = find_in(&t, &cleo, "canteen", Scope::All).await;
    assert_eq!(found.messages.len(), 1);
    assert!(found.messages[0].snippet.text().contains("gossip"));
}

async fn bad_searches_get_clear_errors(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let refused = |request: SearchRequest| {
        let t = &t;
        let ana = ana.clone();
        async move {
            match search::search(&t.app, &actor(&ana), &request).await {
                Err(AppError::Invalid(error)) => error.field,
                other => panic!("expected a validation error, got {other:?}"),
            }
        }
    };
    let q = |q: &str| SearchRequest {
        q: q.into(),
        ..SearchRequest::default()
    };
    assert_eq!(refused(q("   ")).await, "q");
    assert_eq!(refused(q("-only -exclusions")).await, "q");
    assert_eq!(refused(q(&"x".repeat(300))).await, "q");
    let scoped = |request: SearchRequest| SearchRequest {
        scope: Scope::Posts,
        ..request
    };
    assert_eq!(
        refused(scoped(SearchRequest {
            cursor: Some("nonsense".into()),
            ..q("vpn")
        }))
        .await,
        "cursor"
    );
    assert_eq!(
        refused(SearchRequest {
            cursor: Some("o5".into()),
            ..q("vpn")
        })
        .await,
        "cursor"
    );
    assert_eq!(
        refused(SearchRequest {
            from: Some("last week".into()),
            ..q("vpn")
        })
        .await,
        "from"
    );
    assert_eq!(
        refused(SearchRequest {
            from: Some("2026-03-02".into()),
            until: Some("2026-03-01".into()),
            ..q("vpn")
        })
        .await,
        "until"
    );
    assert_eq!(
        refused(SearchRequest {
            limit: Some(0),
            ..q("vpn")
        })
        .await,
        "limit"
    );
    assert!(
        search::search(&t.app, &Actor::Operator, &q("vpn"))
            .await
            .is_err()
    );
}

async fn reindexing_rebuilds_what_search_finds(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let post = t.post(&ana, None, "the reindex keeps everything").await;
    search::reindex(&t.app, None).await.unwrap();
    assert_eq!(ids(&find(&t, &ana, "reindex").await), sorted(&[&post]));
    assert!(
        search::reindex(&t.app, Some("no_such_configuration"))
            .await
            .is_err()
    );
    assert_eq!(ids(&find(&t, &ana, "everything").await), sorted(&[&post]));
}
