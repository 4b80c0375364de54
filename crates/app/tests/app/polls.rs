use hearth_app::AppError;
use hearth_app::audit::Acting;
use hearth_app::domain::poll::VoteKind;
use hearth_app::domain::{Actor, NotificationKind, PostId, User};
use hearth_app::feeds;
use hearth_app::live::LiveEvent;
use hearth_app::notifications::{self, About};
use hearth_app::polls::{self, NewPoll, PollView};
use hearth_app::posts::{self, NewPost};
use hearth_testkit::{TestApp, TestDb, both_backends};
use std::time::Duration;

both_backends!(
    a_vote_counts_once_per_person_and_can_be_changed_or_taken_back,
    results_show_after_voting_or_only_at_close_as_the_author_chose,
    bad_polls_and_bad_ballots_are_refused_and_change_nothing,
    a_closed_poll_takes_no_votes_and_its_author_is_told_once,
    only_the_author_or_a_manager_closes_a_poll_and_a_manager_is_audited,
    who_voted_shows_only_for_named_polls_with_their_results,
    the_network_decides_which_kinds_of_vote_polls_may_have,
    a_poll_is_as_private_as_its_post,
    a_vote_is_told_live_to_who_may_read_the_poll,
    votes_sent_at_once_by_one_person_count_once,
    a_hidden_posts_poll_takes_no_votes_and_tells_nobody,
    retention_keeps_a_poll_still_voted_in_and_deletes_one_with_its_votes,
);

fn actor(user: &User) -> Actor {
    Actor::User(user.clone())
}

fn options(labels: &[&str]) -> Vec<String> {
    labels.iter().map(|l| (*l).to_owned()).collect()
}

async fn ask(
    t: &TestApp,
    author: &User,
    community: Option<hearth_app::domain::CommunityId>,
    poll: NewPoll,
) -> Result<PostId, AppError> {
    posts::create(
        &t.app,
        &actor(author),
        &NewPost {
            community_id: community,
            body: "Where should the team lunch be?".to_owned(),
            poll: Some(poll),
            ..NewPost::default()
        },
    )
    .await
    .map(|post| post.id)
}

fn lunch() -> NewPoll {
    NewPoll {
        options: options(&["Pizza", "Salad bar", "Noodles"]),
        ..NewPoll::default()
    }
}

async fn seen(t: &TestApp, user: &User, id: PostId) -> PollView {
    feeds::get(&t.app, &actor(user), id)
        .await
        .unwrap()
        .poll
        .expect("the post carries its poll")
}

async fn a_vote_counts_once_per_person_and_can_be_changed_or_taken_back(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let cy = t.member("cy@acme.test").await;
    let id = ask(&t, &ana, None, lunch()).await.unwrap();

    let fresh = seen(&t, &ben, id).await;
    assert_eq!(fresh.poll.options, ["Pizza", "Salad bar", "Noodles"]);
    assert_eq!((fresh.voters, fresh.counts.clone()), (0, None));

    let after = polls::vote(&t.app, &actor(&ben), id, &[1]).await.unwrap();
    assert_eq!(after.mine, [1]);
    assert_eq!(after.counts, Some(vec![0, 1, 0]));
    // Voting again replaces the vote: still one person, now for another option.
    let changed = polls::vote(&t.app, &actor(&ben), id, &[2]).await.unwrap();
    assert_eq!((changed.voters, changed.counts), (1, Some(vec![0, 0, 1])));
    polls::vote(&t.app, &actor(&cy), id, &[2]).await.unwrap();
    assert_eq!(seen(&t, &ana, id).await.counts, Some(vec![0, 0, 2]));

    let withdrawn = polls::withdraw(&t.app, &actor(&ben), id).await.unwrap();
    assert!(withdrawn.mine.is_empty());
    assert_eq!(withdrawn.voters, 1);
    assert_eq!(
        withdrawn.counts, None,
        "results hide again from who has not voted"
    );
    assert_eq!(seen(&t, &ana, id).await.counts, Some(vec![0, 0, 1]));

    // A multiple-choice poll counts each chosen option, and each voter once.
    let many = ask(
        &t,
        &ana,
        None,
        NewPoll {
            choice: Some("multiple".to_owned()),
            ..lunch()
        },
    )
    .await
    .unwrap();
    let both = polls::vote(&t.app, &actor(&ben), many, &[0, 2])
        .await
        .unwrap();
    assert_eq!((both.voters, both.counts), (1, Some(vec![1, 0, 1])));
}

async fn results_show_after_voting_or_only_at_close_as_the_author_chose(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let hour = 3_600_000;
    let id = ask(
        &t,
        &ana,
        None,
        NewPoll {
            results: Some("at_close".to_owned()),
            closes_at: Some(t.clock.now() + hour),
            ..lunch()
        },
    )
    .await
    .unwrap();
    let voted = polls::vote(&t.app, &actor(&ben), id, &[0]).await.unwrap();
    assert_eq!(voted.counts, None, "hidden until the poll closes");
    assert_eq!(voted.voters, 1, "how many voted is never hidden");
    assert_eq!(
        seen(&t, &ana, id).await.counts,
        Some(vec![1, 0, 0]),
        "the author sees them"
    );

    t.clock.advance(Duration::from_millis(2 * 3_600_000));
    let closed = seen(&t, &ben, id).await;
    assert!(closed.closed);
    assert_eq!(closed.counts, Some(vec![1, 0, 0]));
}

async fn bad_polls_and_bad_ballots_are_refused_and_change_nothing(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let now = t.clock.now();
    let bad = [
        (
            "options",
            NewPoll {
                options: options(&["Only one"]),
                ..NewPoll::default()
            },
        ),
        (
            "options",
            NewPoll {
                options: options(&["Tea", "tea"]),
                ..NewPoll::default()
            },
        ),
        (
            "choice",
            NewPoll {
                choice: Some("ranked".to_owned()),
                ..lunch()
            },
        ),
        (
            "results",
            NewPoll {
                results: Some("never".to_owned()),
                ..lunch()
            },
        ),
        (
            "votes",
            NewPoll {
                votes: Some("secret".to_owned()),
                ..lunch()
            },
        ),
        (
            "closes_at",
            NewPoll {
                closes_at: Some(now - 1),
                ..lunch()
            },
        ),
        (
            "closes_at",
            NewPoll {
                results: Some("at_close".to_owned()),
                ..lunch()
            },
        ),
    ];
    for (field, poll) in bad {
        match ask(&t, &ana, None, poll).await {
            Err(AppError::Invalid(invalid)) => assert_eq!(invalid.field, field),
            other => panic!("{field}: {other:?}"),
        }
    }
    let home = feeds::feed(&t.app, &actor(&ana), &feeds::Feed::Home, None, None)
        .await
        .unwrap();
    assert!(home.posts.is_empty(), "no refused poll left a post behind");

    let shared = t.post(&ben, None, "Worth a read").await;
    let share = posts::create(
        &t.app,
        &actor(&ana),
        &NewPost {
            shared_post_id: Some(shared.id),
            poll: Some(lunch()),
            ..NewPost::default()
        },
    )
    .await;
    assert!(
        matches!(share, Err(AppError::Invalid(ref i)) if i.field == "poll"),
        "{share:?}"
    );

    let id = ask(&t, &ana, None, lunch()).await.unwrap();
    for ballot in [&[][..], &[0, 1], &[3], &[-1]] {
        let refused = polls::vote(&t.app, &actor(&ben), id, ballot).await;
        assert!(
            matches!(refused, Err(AppError::Invalid(_))),
            "{ballot:?}: {refused:?}"
        );
    }
    assert_eq!(seen(&t, &ana, id).await.voters, 0);
    let no_poll = polls::vote(&t.app, &actor(&ben), shared.id, &[0]).await;
    assert!(
        matches!(no_poll, Err(AppError::NotFound("poll"))),
        "{no_poll:?}"
    );
}

async fn a_closed_poll_takes_no_votes_and_its_author_is_told_once(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let id = ask(
        &t,
        &ana,
        None,
        NewPoll {
            closes_at: Some(t.clock.now() + 60_000),
            ..lunch()
        },
    )
    .await
    .unwrap();
    polls::vote(&t.app, &actor(&ben), id, &[0]).await.unwrap();
    assert_eq!(
        polls::tell_closed(&t.app).await.unwrap(),
        0,
        "not closed yet"
    );

    t.clock.advance(Duration::from_secs(61));
    let late = polls::vote(&t.app, &actor(&ben), id, &[1]).await;
    assert!(matches!(late, Err(AppError::Forbidden(_))), "{late:?}");
    let late = polls::withdraw(&t.app, &actor(&ben), id).await;
    assert!(matches!(late, Err(AppError::Forbidden(_))), "{late:?}");
    assert_eq!(
        seen(&t, &ben, id).await.mine,
        [0],
        "the vote stands as cast"
    );

    assert_eq!(polls::tell_closed(&t.app).await.unwrap(), 1);
    assert_eq!(polls::tell_closed(&t.app).await.unwrap(), 0, "told once");
    t.app.settled().await;
    let told = notifications::list(&t.app, &actor(&ana), None, 10)
        .await
        .unwrap()
        .notifications;
    assert_eq!(told.len(), 1);
    assert_eq!(told[0].kind, NotificationKind::PollClosed);
    assert_eq!(told[0].about, About::Post(id.0));
}

async fn only_the_author_or_a_manager_closes_a_poll_and_a_manager_is_audited(db: TestDb) {
    let t = TestApp::new(db).await;
    let owner = t.member("owner@acme.test").await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let team = t.community(&owner, "Team", "public").await;
    for member in [&ana, &ben] {
        hearth_app::communities::join(&t.app, &actor(member), team.id)
            .await
            .unwrap();
    }
    let id = ask(&t, &ana, Some(team.id), lunch()).await.unwrap();
    let ben_actor = actor(&ben);
    let refused = polls::close(&t.app, Acting::new(&ben_actor, "192.0.2.1"), id).await;
    assert!(
        matches!(refused, Err(AppError::Forbidden(_))),
        "{refused:?}"
    );
    assert!(!seen(&t, &ana, id).await.closed);

    let owner_actor = actor(&owner);
    let closed = polls::close(&t.app, Acting::new(&owner_actor, "192.0.2.1"), id)
        .await
        .unwrap();
    assert!(closed.closed);
    let again = polls::close(&t.app, Acting::new(&owner_actor, "192.0.2.1"), id).await;
    assert!(matches!(again, Err(AppError::Conflict { .. })), "{again:?}");
    let entries = hearth_app::audit::list(
        &t.app,
        &actor(&t.admin().await),
        &Default::default(),
        None,
        50,
    )
    .await
    .unwrap();
    assert!(
        entries
            .iter()
            .any(|e| e.action == "poll.closed" && e.target_id == Some(id.0))
    );
    t.app.settled().await;
    let told = notifications::list(&t.app, &actor(&ana), None, 10)
        .await
        .unwrap()
        .notifications;
    assert_eq!(told.len(), 1, "the author is told who closed it");
    assert_eq!(told[0].kind, NotificationKind::PollClosed);

    // The author closing their own poll is nobody's business but theirs.
    let own = ask(&t, &ana, Some(team.id), lunch()).await.unwrap();
    let ana_actor = actor(&ana);
    polls::close(&t.app, Acting::new(&ana_actor, "192.0.2.1"), own)
        .await
        .unwrap();
    assert_eq!(
        polls::tell_closed(&t.app).await.unwrap(),
        0,
        "closed by hand: nobody to tell"
    );
}

async fn who_voted_shows_only_for_named_polls_with_their_results(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let cy = t.member("cy@acme.test").await;
    let named = ask(
        &t,
        &ana,
        None,
        NewPoll {
            votes: Some("named".to_owned()),
            ..lunch()
        },
    )
    .await
    .unwrap();
    polls::vote(&t.app, &actor(&ben), named, &[1])
        .await
        .unwrap();
    let hidden = polls::voters(&t.app, &actor(&cy), named).await;
    assert!(
        matches!(hidden, Err(AppError::Forbidden(_))),
        "not before voting: {hidden:?}"
    );
    polls::vote(&t.app, &actor(&cy), named, &[1]).await.unwrap();
    let who = polls::voters(&t.app, &actor(&cy), named).await.unwrap();
    assert_eq!(who.len(), 3);
    assert_eq!(who[1].label, "Salad bar");
    let names: Vec<&str> = who[1].people.iter().map(|(_, n)| n.as_str()).collect();
    assert_eq!(names.len(), 2);
    assert!(who[0].people.is_empty());

    let anonymous = ask(&t, &ana, None, lunch()).await.unwrap();
    assert_eq!(
        seen(&t, &ana, anonymous).await.poll.votes,
        VoteKind::Anonymous
    );
    polls::vote(&t.app, &actor(&ben), anonymous, &[0])
        .await
        .unwrap();
    let refused = polls::voters(&t.app, &actor(&ana), anonymous).await;
    assert!(
        matches!(refused, Err(AppError::Forbidden(_))),
        "{refused:?}"
    );
}

async fn the_network_decides_which_kinds_of_vote_polls_may_have(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let ana = t.member("ana@acme.test").await;
    let admin_actor = actor(&admin);
    let by = Acting::new(&admin_actor, "192.0.2.1");
    let ana_actor = actor(&ana);
    let refused =
        polls::set_allowed_votes(&t.app, Acting::new(&ana_actor, "192.0.2.1"), "named").await;
    assert!(
        matches!(refused, Err(AppError::Forbidden(_))),
        "{refused:?}"
    );
    let bad = polls::set_allowed_votes(&t.app, by, "open").await;
    assert!(matches!(bad, Err(AppError::Invalid(_))), "{bad:?}");

    polls::set_allowed_votes(&t.app, by, "named").await.unwrap();
    let anonymous = ask(
        &t,
        &ana,
        None,
        NewPoll {
            votes: Some("anonymous".to_owned()),
            ..lunch()
        },
    )
    .await;
    assert!(
        matches!(anonymous, Err(AppError::Invalid(ref i)) if i.field == "votes"),
        "{anonymous:?}"
    );
    let default = ask(&t, &ana, None, lunch()).await.unwrap();
    assert_eq!(seen(&t, &ana, default).await.poll.votes, VoteKind::Named);

    polls::set_allowed_votes(&t.app, by, "anonymous")
        .await
        .unwrap();
    assert_eq!(
        polls::allowed_votes(&t.app, &actor(&ana))
            .await
            .unwrap()
            .as_str(),
        "anonymous"
    );
    // A poll keeps the kind of vote it was opened with.
    assert_eq!(seen(&t, &ana, default).await.poll.votes, VoteKind::Named);
}

async fn a_poll_is_as_private_as_its_post(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let public = t.community(&ana, "Open", "public").await;
    let secret = t.community(&ana, "Board", "secret").await;
    let hidden = ask(&t, &ana, Some(secret.id), lunch()).await.unwrap();
    for refused in [
        polls::vote(&t.app, &actor(&ben), hidden, &[0]).await.err(),
        polls::withdraw(&t.app, &actor(&ben), hidden).await.err(),
        polls::voters(&t.app, &actor(&ben), hidden).await.err(),
    ] {
        assert!(
            matches!(refused, Some(AppError::NotFound("post"))),
            "{refused:?}"
        );
    }
    let ben_actor = actor(&ben);
    let close = polls::close(&t.app, Acting::new(&ben_actor, "192.0.2.1"), hidden).await;
    assert!(
        matches!(close, Err(AppError::NotFound("post"))),
        "{close:?}"
    );

    // A public community's poll is read by all, voted in by its members.
    let open = ask(&t, &ana, Some(public.id), lunch()).await.unwrap();
    assert_eq!(seen(&t, &ben, open).await.voters, 0);
    let outsider = polls::vote(&t.app, &actor(&ben), open, &[0]).await;
    assert!(
        matches!(outsider, Err(AppError::Forbidden(_))),
        "{outsider:?}"
    );
    hearth_app::communities::join(&t.app, &actor(&ben), public.id)
        .await
        .unwrap();
    polls::vote(&t.app, &actor(&ben), open, &[0]).await.unwrap();

    // A deleted post's poll goes with it.
    posts::delete(&t.app, &actor(&ana), open).await.unwrap();
    let gone = polls::vote(&t.app, &actor(&ben), open, &[1]).await;
    assert!(matches!(gone, Err(AppError::NotFound("post"))), "{gone:?}");
}

fn polls_updated(
    rx: &mut tokio::sync::broadcast::Receiver<std::sync::Arc<LiveEvent>>,
) -> Vec<LiveEvent> {
    let mut found = Vec::new();
    while let Ok(event) = rx.try_recv() {
        if event.kind == "poll.updated" {
            found.push((*event).clone());
        }
    }
    found
}

async fn a_vote_is_told_live_to_who_may_read_the_poll(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let cy = t.member("cy@acme.test").await;
    let team = t.community(&ana, "Team", "private").await;
    hearth_app::communities::invite(&t.app, &actor(&ana), team.id, ben.id)
        .await
        .unwrap();
    hearth_app::communities::join(&t.app, &actor(&ben), team.id)
        .await
        .unwrap();
    let id = ask(&t, &ana, Some(team.id), lunch()).await.unwrap();
    let mut rx = t.app.subscribe();
    polls::vote(&t.app, &actor(&ben), id, &[2]).await.unwrap();
    let told = polls_updated(&mut rx);
    assert_eq!(told.len(), 1);
    assert!(told[0].audience.includes(ana.id) && told[0].audience.includes(ben.id));
    assert!(
        !told[0].audience.includes(cy.id),
        "not to who may not read it"
    );
    let payload: serde_json::Value = serde_json::from_str(&told[0].payload).unwrap();
    assert_eq!(payload["post_id"], id.to_string());
    assert_eq!(payload["voters"], 1);
    assert!(
        payload.get("counts").is_none(),
        "the counts are fetched as the reader may see them"
    );
}

async fn votes_sent_at_once_by_one_person_count_once(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let id = ask(&t, &ana, None, lunch()).await.unwrap();
    let ben_actor = actor(&ben);
    // Two tabs, a double click, a retrying script: the last vote stands, alone.
    let votes = (0..8_i64).map(|n| {
        let (app, voter) = (&t.app, &ben_actor);
        async move { polls::vote(app, voter, id, &[n % 3]).await }
    });
    for outcome in futures_util::future::join_all(votes).await {
        outcome.unwrap();
    }
    let counted = seen(&t, &ana, id).await;
    assert_eq!(counted.voters, 1);
    assert_eq!(
        counted.counts.unwrap().iter().sum::<i64>(),
        1,
        "one vote, for one option"
    );

    // Votes and takings back at once never leave a vote without its voter counted.
    let mixed = (0..8_i64).map(|n| {
        let (app, voter) = (&t.app, &ben_actor);
        async move {
            if n % 2 == 0 {
                polls::vote(app, voter, id, &[n % 3]).await.map(|_| ())
            } else {
                polls::withdraw(app, voter, id).await.map(|_| ())
            }
        }
    });
    for outcome in futures_util::future::join_all(mixed).await {
        outcome.unwrap();
    }
    let counted = seen(&t, &ana, id).await;
    let votes: i64 = counted.counts.unwrap().iter().sum();
    assert!(counted.voters <= 1);
    assert_eq!(
        votes, counted.voters,
        "a single-choice poll: one vote per voter"
    );
}

async fn a_hidden_posts_poll_takes_no_votes_and_tells_nobody(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let ana = t.member("ana@acme.test").await;
    let id = ask(&t, &ana, None, lunch()).await.unwrap();
    let admin_actor = actor(&admin);
    hearth_app::moderation::moderate(
        &t.app,
        Acting::new(&admin_actor, "192.0.2.1"),
        hearth_app::moderation::Subject::Post(id),
        "hide",
        "off topic",
    )
    .await
    .unwrap();
    let mut rx = t.app.subscribe();
    // Its author still sees it, with its poll, and may not vote in it.
    assert_eq!(seen(&t, &ana, id).await.voters, 0);
    let refused = polls::vote(&t.app, &actor(&ana), id, &[0]).await;
    assert!(
        matches!(refused, Err(AppError::Forbidden(_))),
        "{refused:?}"
    );
    let closed = polls::close(&t.app, Acting::new(&admin_actor, "192.0.2.1"), id)
        .await
        .unwrap();
    assert!(closed.closed);
    assert!(
        polls_updated(&mut rx).is_empty(),
        "nothing told of a hidden post"
    );
}

async fn retention_keeps_a_poll_still_voted_in_and_deletes_one_with_its_votes(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let old = ask(&t, &ana, None, lunch()).await.unwrap();
    let still_voted = ask(&t, &ana, None, lunch()).await.unwrap();
    polls::vote(&t.app, &actor(&ben), old, &[0]).await.unwrap();
    t.clock.advance(Duration::from_secs(40 * 86_400));
    polls::vote(&t.app, &actor(&ben), still_voted, &[1])
        .await
        .unwrap();
    let admin_actor = actor(&admin);
    let by = Acting::new(&admin_actor, "192.0.2.1");
    hearth_app::retention::set(&t.app, by, Some(30))
        .await
        .unwrap();
    hearth_app::retention::apply(&t.app, by).await.unwrap();
    let gone = feeds::get(&t.app, &actor(&ana), old).await;
    assert!(matches!(gone, Err(AppError::NotFound(_))), "{gone:?}");
    let kept = seen(&t, &ana, still_voted).await;
    assert_eq!(
        kept.counts,
        Some(vec![0, 1, 0]),
        "voted in within the period"
    );
}
