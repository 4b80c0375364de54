//! The authorization matrix: every read and write on posts and communities, search
//! included, for every kind of person, in public, private and secret communities —
//! and someone of another network — and a check that nothing of a private or secret
//! community leaks to people outside it, through feeds, counts or search (networks.rs
//! checks the same between networks).

use hearth_app::AppError;
use hearth_app::analytics::{self, PeriodChoice};
use hearth_app::audit::Acting;
use hearth_app::communities::{self};
use hearth_app::domain::upload::{Purpose, Variant};
use hearth_app::domain::{Actor, Community, PostId, Role, UploadId, User};
use hearth_app::feeds::{self, Feed};
use hearth_app::polls::{self, NewPoll};
use hearth_app::posts::{self, NewPost};
use hearth_app::search::{self, Scope, SearchRequest};
use hearth_app::uploads::{self, Incoming};
use hearth_testkit::{TestApp, TestDb, both_backends};

both_backends!(
    every_operation_answers_as_the_policy_says_for_every_role,
    every_article_operation_answers_as_the_policy_says_for_every_role,
    nothing_of_a_closed_community_reaches_people_outside_it,
);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Author,
    Member,
    Manager,
    NetworkAdmin,
    /// Reads every community of the network, takes part in none.
    ComplianceOfficer,
    Outsider,
    /// A member of an external network beside this one.
    OtherNetwork,
    /// A guest from a supplier, invited into an external network beside this one.
    Guest,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Vis {
    Public,
    Private,
    Secret,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    CommunityGet,
    CommunityMembers,
    CommunityFeed,
    PostGet,
    /// Reading the file attached to the post.
    File,
    Thread,
    Reactors,
    React,
    Reply,
    Share,
    BestAnswer,
    /// Searching for the post's words: "ok" when it is found, "absent" when not.
    Search,
    Edit,
    /// The community's analytics dashboard.
    Analytics,
    /// Voting in the post's (named) poll.
    Vote,
    /// Who voted for what in it.
    PollVoters,
    /// Closing it early.
    ClosePoll,
    Delete,
}

const OPS: [Op; 18] = [
    Op::CommunityGet,
    Op::CommunityMembers,
    Op::CommunityFeed,
    Op::PostGet,
    Op::File,
    Op::Thread,
    Op::Reactors,
    Op::React,
    Op::Reply,
    Op::Share,
    Op::BestAnswer,
    Op::Search, // before the edit changes the words
    Op::Edit,
    Op::Analytics,
    Op::Vote,
    Op::PollVoters, // after voting, which shows the voter the results
    Op::ClosePoll,
    Op::Delete, // last: it removes the post
];

/// The answer the policy promises.
fn expected(who: Who, vis: Vis, op: Op) -> &'static str {
    if who == Who::ComplianceOfficer {
        return compliance_expected(op);
    }
    if matches!(who, Who::OtherNetwork | Who::Guest) {
        return other_network_expected(op);
    }
    let outside = who == Who::Outsider && vis != Vis::Public;
    let in_community = matches!(who, Who::Author | Who::Member | Who::Manager);
    match op {
        Op::CommunityGet => {
            if who == Who::Outsider && vis == Vis::Secret {
                "not_found"
            } else {
                "ok"
            }
        }
        Op::CommunityMembers | Op::CommunityFeed => match (outside, vis) {
            (true, Vis::Secret) => "not_found",
            (true, _) => "forbidden",
            _ => "ok",
        },
        Op::PostGet | Op::File | Op::Thread | Op::Reactors | Op::React => {
            if outside {
                "not_found"
            } else {
                "ok"
            }
        }
        Op::Share => {
            if outside {
                "invalid"
            } else {
                "ok"
            }
        }
        Op::Search => {
            if outside {
                "absent"
            } else {
                "ok"
            }
        }
        Op::Reply | Op::Vote => match (outside, in_community) {
            (true, _) => "not_found",
            (false, true) => "ok",
            (false, false) => "forbidden",
        },
        // Who voted shows with the results: to the author, and to whoever voted.
        Op::PollVoters => match (outside, in_community) {
            (true, _) => "not_found",
            (false, true) => "ok",
            (false, false) => "forbidden",
        },
        Op::BestAnswer | Op::ClosePoll | Op::Delete => match (outside, who) {
            (true, _) => "not_found",
            (false, Who::Author | Who::Manager | Who::NetworkAdmin) => "ok",
            _ => "forbidden",
        },
        Op::Edit => match (outside, who) {
            (true, _) => "not_found",
            (false, Who::Author) => "ok",
            _ => "forbidden",
        },
        // A community's figures are for the people who run it; nobody learns from the
        // answer that a secret one exists.
        Op::Analytics => match (who, vis) {
            (Who::Outsider, Vis::Secret) => "not_found",
            (Who::Manager | Who::NetworkAdmin, _) => "ok",
            _ => "forbidden",
        },
    }
}

/// A compliance officer reads what everyone in the network may read and every closed
/// community too, wherever it is, and acts like any colleague outside the community:
/// reactions and shares of what they read, no replies, no moderation, no edits.
fn compliance_expected(op: Op) -> &'static str {
    match op {
        Op::CommunityGet
        | Op::CommunityMembers
        | Op::CommunityFeed
        | Op::PostGet
        | Op::File
        | Op::Thread
        | Op::Reactors
        | Op::React
        | Op::Share
        | Op::Search => "ok",
        Op::Reply
        | Op::BestAnswer
        | Op::Edit
        | Op::Analytics
        | Op::Vote
        | Op::PollVoters
        | Op::ClosePoll
        | Op::Delete => "forbidden",
    }
}

/// Nothing of a network exists for the people of another, whatever the community.
fn other_network_expected(op: Op) -> &'static str {
    match op {
        Op::Search => "absent",
        Op::Share => "invalid",
        _ => "not_found",
    }
}

fn outcome<T>(result: Result<T, AppError>) -> &'static str {
    match result {
        Ok(_) => "ok",
        Err(AppError::Forbidden(_)) => "forbidden",
        Err(AppError::NotFound(_)) => "not_found",
        Err(AppError::Invalid(_)) => "invalid",
        Err(other) => panic!("unexpected error {other:?}"),
    }
}

/// A guest of an external network the admin creates: invited by e-mail, signed up.
async fn guest_of_suppliers(t: &TestApp, admin: &User) -> User {
    let by = act(admin);
    let acting = hearth_app::audit::Acting::new(&by, "192.0.2.1");
    let network = hearth_app::external_networks::create(
        &t.app,
        acting,
        &hearth_app::external_networks::NewExternalNetwork {
            name: "Suppliers".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap()
    .network;
    let invited = hearth_app::guests::invite(&t.app, acting, network.id, "gus@supplier.example")
        .await
        .unwrap();
    hearth_app::invitations::accept(
        &t.app,
        hearth_app::invitations::AcceptForm {
            secret: &invited.secret,
            name: "Gus",
            password: "delivery-window-42",
        },
        &hearth_app::sessions::ClientInfo {
            address: "192.0.2.8".to_owned(),
            user_agent: "test".to_owned(),
        },
    )
    .await
    .unwrap()
    .user
}

struct Cast {
    author: User,
    member: User,
    manager: User,
    admin: User,
    compliance: User,
    outsider: User,
    other_network: User,
    guest: User,
}

impl Cast {
    async fn new(t: &TestApp) -> Self {
        let admin = t.admin().await;
        let guest = guest_of_suppliers(t, &admin).await;
        Self {
            admin,
            guest,
            compliance: t.user("compliance@acme.test", Role::Compliance).await,
            author: t.member("author@acme.test").await,
            member: t.member("member@acme.test").await,
            manager: t.member("manager@acme.test").await,
            outsider: t.member("outsider@acme.test").await,
            other_network: t
                .partner_outsider(&t.member("home@acme.test").await, Role::Member)
                .await,
        }
    }

    fn get(&self, who: Who) -> &User {
        match who {
            Who::Author => &self.author,
            Who::Member => &self.member,
            Who::Manager => &self.manager,
            Who::NetworkAdmin => &self.admin,
            Who::ComplianceOfficer => &self.compliance,
            Who::Outsider => &self.outsider,
            Who::OtherNetwork => &self.other_network,
            Who::Guest => &self.guest,
        }
    }

    async fn community(&self, t: &TestApp, vis: Vis, name: &str) -> Community {
        let visibility = match vis {
            Vis::Public => "public",
            Vis::Private => "private",
            Vis::Secret => "secret",
        };
        let c = t.community(&self.manager, name, visibility).await;
        // Two more members: five in all, as a community needs for its analytics.
        let mut extra = Vec::new();
        for n in 0..2 {
            extra.push(t.member(&format!("extra{n}.{}@acme.test", c.id)).await);
        }
        for user in [&self.author, &self.member].into_iter().chain(&extra) {
            communities::invite(&t.app, &act(&self.manager), c.id, user.id)
                .await
                .unwrap();
            communities::join(&t.app, &act(user), c.id).await.unwrap();
        }
        c
    }
}

fn act(user: &User) -> Actor {
    Actor::User(user.clone())
}

async fn question(
    t: &TestApp,
    author: &User,
    community: &Community,
    body: &str,
) -> (PostId, PostId, UploadId) {
    let file = uploads::receive(
        &t.app,
        &act(author),
        Incoming {
            name: "plan.pdf".into(),
            purpose: Purpose::Attachment,
            alt_text: None,
        },
        futures_util::stream::iter([Ok::<_, std::io::Error>(
            format!("%PDF-1.7\n{body}\n%%EOF\n").into_bytes(),
        )]),
    )
    .await
    .unwrap();
    let q = posts::create(
        &t.app,
        &act(author),
        &NewPost {
            community_id: Some(community.id),
            kind: Some("question".into()),
            body: body.into(),
            attachments: vec![file.id],
            poll: Some(NewPoll {
                options: vec!["Yes".into(), "No".into()],
                votes: Some("named".into()),
                ..NewPoll::default()
            }),
            ..NewPost::default()
        },
    )
    .await
    .unwrap();
    let answer = posts::reply(&t.app, &act(author), q.id, "an answer")
        .await
        .unwrap();
    (q.id, answer.id, file.id)
}

async fn run(
    t: &TestApp,
    who: &User,
    community: &Community,
    (post, body): (PostId, &str),
    (answer, file): (PostId, UploadId),
    op: Op,
) -> &'static str {
    let a = act(who);
    match op {
        Op::Search => {
            let request = search::SearchRequest {
                q: format!("\"{body}\""),
                ..search::SearchRequest::default()
            };
            let found = search::search(&t.app, &a, &request).await.unwrap();
            if found.posts.iter().any(|hit| hit.view.post.id == post) {
                "ok"
            } else {
                "absent"
            }
        }
        Op::CommunityGet => outcome(communities::get(&t.app, &a, community.id).await),
        Op::CommunityMembers => outcome(communities::members(&t.app, &a, community.id).await),
        Op::CommunityFeed => {
            outcome(feeds::feed(&t.app, &a, &Feed::Community(community.id), None, None).await)
        }
        Op::PostGet => outcome(feeds::get(&t.app, &a, post).await),
        Op::File => outcome(uploads::download(&t.app, &a, file, Variant::Original).await),
        Op::Thread => outcome(feeds::thread(&t.app, &a, post, feeds::ThreadPage::first(4)).await),
        Op::Reactors => outcome(posts::reactors(&t.app, &a, post).await),
        Op::React => outcome(posts::react(&t.app, &a, post, "like", true).await),
        Op::Reply => outcome(posts::reply(&t.app, &a, post, "me too").await),
        Op::Share => outcome(
            posts::create(
                &t.app,
                &a,
                &NewPost {
                    shared_post_id: Some(post),
                    ..NewPost::default()
                },
            )
            .await,
        ),
        Op::BestAnswer => outcome(posts::mark_best_answer(&t.app, &a, post, Some(answer)).await),
        Op::Edit => outcome(posts::edit(&t.app, &a, post, "edited").await),
        Op::Analytics => outcome(
            analytics::community_dashboard(&t.app, who, community.id, &PeriodChoice::Last(7)).await,
        ),
        Op::Vote => outcome(polls::vote(&t.app, &a, post, &[0]).await),
        Op::PollVoters => outcome(polls::voters(&t.app, &a, post).await),
        Op::ClosePoll => outcome(polls::close(&t.app, Acting::new(&a, "192.0.2.1"), post).await),
        Op::Delete => outcome(posts::delete(&t.app, &a, post).await),
    }
}

async fn every_operation_answers_as_the_policy_says_for_every_role(db: TestDb) {
    let t = TestApp::new(db).await;
    let cast = Cast::new(&t).await;
    let mut mismatches = Vec::new();
    let mut checked = 0;
    for vis in [Vis::Public, Vis::Private, Vis::Secret] {
        let community = cast.community(&t, vis, &format!("{vis:?} room")).await;
        for who in [
            Who::Author,
            Who::Member,
            Who::Manager,
            Who::NetworkAdmin,
            Who::ComplianceOfficer,
            Who::Outsider,
            Who::OtherNetwork,
            Who::Guest,
        ] {
            let body = format!("{who:?} asks in {vis:?}");
            let (post, answer, file) = question(&t, &cast.author, &community, &body).await;
            for op in OPS {
                let got = run(
                    &t,
                    cast.get(who),
                    &community,
                    (post, &body),
                    (answer, file),
                    op,
                )
                .await;
                let want = expected(who, vis, op);
                checked += 1;
                if got != want {
                    mismatches.push(format!(
                        "{who:?} {op:?} in a {vis:?} community: got {got}, expected {want}"
                    ));
                }
            }
        }
    }
    assert_eq!(checked, 3 * 8 * OPS.len());
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ArticleOp {
    /// Reading the published article.
    Get,
    /// Counting one's read of it.
    Read,
    /// Whether the read count shows: "shown" or "hidden".
    ReadCount,
    /// The community's list of articles.
    ListIn,
    /// Subscribing to the community's new articles.
    FollowCommunity,
    /// Starting a draft there.
    DraftIn,
    Edit,
    Delete,
}

const ARTICLE_OPS: [ArticleOp; 8] = [
    ArticleOp::Get,
    ArticleOp::Read,
    ArticleOp::ReadCount,
    ArticleOp::ListIn,
    ArticleOp::FollowCommunity,
    ArticleOp::DraftIn,
    ArticleOp::Edit,
    ArticleOp::Delete, // last: it removes the article
];

fn article_expected(who: Who, vis: Vis, op: ArticleOp) -> &'static str {
    let outside = who == Who::Outsider && vis != Vis::Public;
    let in_community = matches!(who, Who::Author | Who::Member | Who::Manager);
    match op {
        ArticleOp::Get | ArticleOp::Read if outside => "not_found",
        ArticleOp::Get | ArticleOp::Read => "ok",
        ArticleOp::ReadCount if outside => "not_found",
        ArticleOp::ReadCount => match who {
            Who::Author | Who::NetworkAdmin => "shown",
            _ => "hidden",
        },
        ArticleOp::ListIn | ArticleOp::FollowCommunity => match (outside, vis) {
            (true, Vis::Secret) => "not_found",
            (true, _) => "forbidden",
            _ => "ok",
        },
        ArticleOp::DraftIn => match (outside, vis, in_community) {
            (true, Vis::Secret, _) => "not_found",
            (_, _, true) => "ok",
            _ => "forbidden",
        },
        ArticleOp::Edit => match (outside, who) {
            (true, _) => "not_found",
            (false, Who::Author) => "ok",
            _ => "forbidden",
        },
        ArticleOp::Delete => match (outside, who) {
            (true, _) => "not_found",
            (false, Who::Author | Who::Manager | Who::NetworkAdmin) => "ok",
            _ => "forbidden",
        },
    }
}

async fn run_article(
    t: &TestApp,
    who: &User,
    community: &Community,
    article: hearth_app::domain::ArticleId,
    op: ArticleOp,
) -> &'static str {
    use hearth_app::articles::{self, Draft};
    use hearth_app::domain::article::Following;
    let a = act(who);
    let draft = Draft {
        community_id: Some(community.id),
        title: "Edited".into(),
        body: "Edited words".into(),
        ..Draft::default()
    };
    match op {
        ArticleOp::Get => outcome(articles::get(&t.app, &a, article).await),
        ArticleOp::Read => outcome(articles::record_read(&t.app, &a, article).await),
        ArticleOp::ReadCount => match articles::get(&t.app, &a, article).await {
            Ok(page) if page.reads.is_some() => "shown",
            Ok(_) => "hidden",
            Err(err) => outcome::<()>(Err(err)),
        },
        ArticleOp::ListIn => {
            outcome(articles::list(&t.app, &a, &Feed::ArticlesIn(community.id), None, None).await)
        }
        ArticleOp::FollowCommunity => {
            outcome(articles::subscribe(&t.app, &a, Following::Community, community.id.0).await)
        }
        ArticleOp::DraftIn => outcome(articles::create(&t.app, &a, &draft).await),
        ArticleOp::Edit => outcome(articles::update(&t.app, &a, article, &draft).await),
        ArticleOp::Delete => outcome(articles::delete(&t.app, &a, article).await),
    }
}

async fn every_article_operation_answers_as_the_policy_says_for_every_role(db: TestDb) {
    use hearth_app::articles::{self, Draft};
    let t = TestApp::new(db).await;
    let cast = Cast::new(&t).await;
    let mut mismatches = Vec::new();
    let mut checked = 0;
    for vis in [Vis::Public, Vis::Private, Vis::Secret] {
        let community = cast.community(&t, vis, &format!("{vis:?} column")).await;
        for who in [
            Who::Author,
            Who::Member,
            Who::Manager,
            Who::NetworkAdmin,
            Who::ComplianceOfficer,
            Who::Outsider,
            Who::OtherNetwork,
            Who::Guest,
        ] {
            let author = act(&cast.author);
            let draft = Draft {
                community_id: Some(community.id),
                title: format!("{who:?} reads in {vis:?}"),
                body: "## Part one\n\nWords.".into(),
                ..Draft::default()
            };
            let article = articles::create(&t.app, &author, &draft).await.unwrap();
            articles::publish(&t.app, &author, article.id, None)
                .await
                .unwrap();
            for op in ARTICLE_OPS {
                let got = run_article(&t, cast.get(who), &community, article.id, op).await;
                let want = if who == Who::ComplianceOfficer {
                    match op {
                        ArticleOp::Get
                        | ArticleOp::Read
                        | ArticleOp::ListIn
                        | ArticleOp::FollowCommunity => "ok",
                        ArticleOp::ReadCount => "hidden",
                        _ => "forbidden",
                    }
                } else if matches!(who, Who::OtherNetwork | Who::Guest) {
                    "not_found"
                } else {
                    article_expected(who, vis, op)
                };
                checked += 1;
                if got != want {
                    mismatches.push(format!(
                        "{who:?} {op:?} on an article in a {vis:?} community: got {got}, expected {want}"
                    ));
                }
            }
        }
    }
    assert_eq!(checked, 3 * 8 * ARTICLE_OPS.len());
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

async fn nothing_of_a_closed_community_reaches_people_outside_it(db: TestDb) {
    let t = TestApp::new(db).await;
    let cast = Cast::new(&t).await;
    let public_target = t.post(&cast.author, None, "Company policy").await.id;
    let outsider = act(&cast.outsider);
    for follower in [&cast.outsider, &cast.member] {
        hearth_app::articles::subscribe(
            &t.app,
            &act(follower),
            hearth_app::domain::article::Following::Author,
            cast.author.id.0,
        )
        .await
        .unwrap();
    }
    for vis in [Vis::Private, Vis::Secret] {
        let community = cast.community(&t, vis, &format!("{vis:?} board")).await;
        let body = format!(
            "#confidential plans citing /posts/{} for @outsider",
            public_target.0
        );
        let secret_post = posts::create(
            &t.app,
            &act(&cast.author),
            &NewPost {
                community_id: Some(community.id),
                body,
                poll: Some(NewPoll {
                    options: vec!["Go".into(), "Wait".into()],
                    ..NewPoll::default()
                }),
                ..NewPost::default()
            },
        )
        .await
        .unwrap()
        .id;
        // Praise there for a member: counted and listed for members, never outside.
        posts::create(
            &t.app,
            &act(&cast.author),
            &NewPost {
                community_id: Some(community.id),
                body: "Thank you for the #confidential plan".into(),
                praise: Some(hearth_app::praise::NewPraise {
                    kind: "thanks".into(),
                    recipients: vec![cast.member.id],
                }),
                ..NewPost::default()
            },
        )
        .await
        .unwrap();
        let outside = hearth_app::praise::received(&t.app, &outsider, cast.member.id, None, None)
            .await
            .unwrap();
        assert!(
            outside.page.posts.is_empty(),
            "{vis:?} praise listed to an outsider"
        );
        assert!(
            outside.counts.iter().all(|(_, n)| *n == 0),
            "{vis:?} praise counted for an outsider"
        );
        let inside =
            hearth_app::praise::received(&t.app, &act(&cast.member), cast.member.id, None, None)
                .await
                .unwrap();
        assert!(
            !inside.page.posts.is_empty(),
            "members see it, so the check can fail"
        );

        // A vote in its poll is told live to the members, never to the outsider.
        let mut live = t.app.subscribe();
        polls::vote(&t.app, &act(&cast.member), secret_post, &[1])
            .await
            .unwrap();
        let mut told = Vec::new();
        while let Ok(event) = live.try_recv() {
            if event.kind == "poll.updated" {
                told.push(event);
            }
        }
        assert_eq!(told.len(), 1, "the vote is told, so the check can fail");
        assert!(told[0].audience.includes(cast.member.id));
        assert!(
            !told[0].audience.includes(cast.outsider.id),
            "a {vis:?} poll's vote is told to an outsider"
        );
        posts::create(
            &t.app,
            &act(&cast.member),
            &NewPost {
                community_id: Some(community.id),
                body: String::new(),
                shared_post_id: Some(public_target),
                ..NewPost::default()
            },
        )
        .await
        .unwrap();
        posts::reply(
            &t.app,
            &act(&cast.member),
            secret_post,
            "#confidential reply",
        )
        .await
        .unwrap();

        // An article there, by an author the outsider follows, with a file in its
        // body and a word only in its title: neither listed, told, found nor opened.
        let figures = uploads::receive(
            &t.app,
            &act(&cast.author),
            Incoming {
                name: "figures.txt".into(),
                purpose: Purpose::Attachment,
                alt_text: None,
            },
            futures_util::stream::iter([Ok::<_, std::io::Error>(b"secret figures".to_vec())]),
        )
        .await
        .unwrap();
        let article = hearth_app::articles::create(
            &t.app,
            &act(&cast.author),
            &hearth_app::articles::Draft {
                community_id: Some(community.id),
                title: "The #confidential quokka column".into(),
                body: "## Plans\n\n#confidential words".into(),
                files: vec![figures.id],
                ..hearth_app::articles::Draft::default()
            },
        )
        .await
        .unwrap();
        hearth_app::articles::publish(&t.app, &act(&cast.author), article.id, None)
            .await
            .unwrap();
        t.app.settled().await;
        let opened = uploads::get(&t.app, &outsider, figures.id).await;
        assert!(
            matches!(opened, Err(AppError::NotFound(_))),
            "a {vis:?} article's file opens for an outsider: {opened:?}"
        );
        uploads::get(&t.app, &act(&cast.member), figures.id)
            .await
            .expect("a member opens it, so the check above can fail");
        let by_title = |who: Actor| {
            let t = &t;
            async move {
                search::search(
                    &t.app,
                    &who,
                    &SearchRequest {
                        q: "quokka".into(),
                        ..SearchRequest::default()
                    },
                )
                .await
                .unwrap()
                .posts
                .len()
            }
        };
        assert_eq!(
            by_title(outsider.clone()).await,
            0,
            "a {vis:?} article's title found by an outsider"
        );
        assert!(
            by_title(act(&cast.member)).await >= 1,
            "a member finds it by its title, so the check above can fail"
        );
        let told_outsider = hearth_app::notifications::list(&t.app, &outsider, None, 100)
            .await
            .unwrap()
            .notifications;
        assert!(
            told_outsider
                .iter()
                .all(|n| n.kind != hearth_app::domain::NotificationKind::ArticlePublished),
            "a {vis:?} article is told to an outsider who follows its author"
        );
        let told_member = hearth_app::notifications::list(&t.app, &act(&cast.member), None, 100)
            .await
            .unwrap()
            .notifications;
        assert!(
            told_member
                .iter()
                .any(|n| n.kind == hearth_app::domain::NotificationKind::ArticlePublished),
            "a member who follows the author is told, so the check can fail"
        );
        assert!(matches!(
            hearth_app::articles::get(&t.app, &outsider, article.id).await,
            Err(AppError::NotFound(_))
        ));

        let feeds_to_check = [
            Feed::Home,
            Feed::Profile(cast.author.id),
            Feed::Profile(cast.member.id),
            Feed::Topic("confidential".into()),
            Feed::Articles,
            Feed::ArticlesBy(cast.author.id),
        ];
        for feed in &feeds_to_check {
            let page = feeds::feed(&t.app, &outsider, feed, None, Some(100))
                .await
                .unwrap();
            assert!(
                page.posts
                    .iter()
                    .all(|p| p.post.community_id != Some(community.id)),
                "{feed:?} shows a {vis:?} post to an outsider"
            );
        }
        let insider = feeds::feed(
            &t.app,
            &act(&cast.member),
            &Feed::Topic("confidential".into()),
            None,
            None,
        )
        .await
        .unwrap();
        assert!(
            !insider.posts.is_empty(),
            "members do see it, so the check above can fail"
        );

        for scope in [Scope::All, Scope::Posts, Scope::Topics] {
            let found = search::search(
                &t.app,
                &outsider,
                &SearchRequest {
                    q: "confidential".into(),
                    scope,
                    ..SearchRequest::default()
                },
            )
            .await
            .unwrap();
            assert!(
                found.posts.is_empty() && found.topics.is_empty(),
                "search for a {vis:?} post's words shows the outsider {:?} {:?}",
                found
                    .posts
                    .iter()
                    .map(|h| h.snippet.text())
                    .collect::<Vec<_>>(),
                found.topics
            );
        }
        let insider_search = search::search(
            &t.app,
            &act(&cast.member),
            &SearchRequest {
                q: "#confidential".into(),
                ..SearchRequest::default()
            },
        )
        .await
        .unwrap();
        assert!(
            insider_search.posts.len() >= 2,
            "members find the post and its reply, so the check above can fail"
        );

        let target = feeds::get(&t.app, &outsider, public_target).await.unwrap();
        assert_eq!(target.stats.referenced_by, 0, "{vis:?} reference counted");
        assert_eq!(target.stats.shares, 0, "{vis:?} share counted");
        assert!(
            feeds::referenced_by(&t.app, &outsider, public_target)
                .await
                .unwrap()
                .is_empty()
        );
        let as_member = feeds::get(&t.app, &act(&cast.member), public_target)
            .await
            .unwrap();
        assert!(as_member.stats.referenced_by >= 1 && as_member.stats.shares >= 1);

        let listed = communities::list(&t.app, &outsider, false).await.unwrap();
        let listed_here = listed.iter().any(|v| v.community.id == community.id);
        assert_eq!(
            listed_here,
            vis == Vis::Private,
            "private is listed, secret is not"
        );
    }
}
