use crate::mail::Recorder;
use hearth_app::analytics::privacy::Shown;
use hearth_app::analytics::{self, Dashboard, PeriodChoice, Scope};
use hearth_app::audit::Acting;
use hearth_app::domain::{Actor, Community, ProfileChanges, Role, User};
use hearth_app::feeds::{self, Feed};
use hearth_app::moderation::{self, Subject};
use hearth_app::people::{self, PersonRef};
use hearth_app::posts::{self, NewPost};
use hearth_app::sessions::{self, ClientInfo};
use hearth_app::{AppError, chat, communities, mail};
use hearth_testkit::{TestApp, TestDb, both_backends};
use std::time::Duration;

both_backends!(
    a_days_content_becomes_its_figures_once_the_day_is_over,
    each_day_is_counted_once_however_often_and_by_however_many_nodes,
    days_missed_while_no_node_ran_are_all_counted,
    a_department_of_four_is_never_shown_alone,
    questions_are_counted_answered_and_the_unanswered_linked,
    only_network_admins_see_the_network_dashboard,
    a_community_dashboard_is_for_its_managers_and_needs_five_members,
    bad_periods_are_refused,
    an_admin_who_asks_gets_the_weeks_figures_by_email_until_they_stop_it,
    small_communities_are_shown_together_only_when_they_hold_five_people,
    adoption_counts_accounts_first_sign_ins_and_first_writers,
    threads_across_departments_and_topics_of_five_people_are_counted,
    announcements_seen_are_counted_for_the_people_they_were_for,
    an_announcement_seen_leaves_with_it_when_retention_deletes_it,
);

const DAY: Duration = Duration::from_secs(24 * 3600);

/// Moves the clock on to the next noon (UTC), so that a test's day is not cut by
/// midnight, nor counted late by the grace after it.
fn at_noon(t: &TestApp) {
    let day = DAY.as_millis() as i64;
    let now = t.clock.now();
    let noon = now.div_euclid(day) * day + day / 2;
    let next = if noon > now { noon } else { noon + day };
    t.clock.advance(Duration::from_millis((next - now) as u64));
}

/// The next Monday noon (UTC), for what happens once a week.
fn at_monday_noon(t: &TestApp) {
    at_noon(t);
    // 1970-01-01 was a Thursday.
    while (t.clock.now().div_euclid(DAY.as_millis() as i64) + 3).rem_euclid(7) != 0 {
        t.clock.advance(DAY);
    }
}

fn last(days: i64) -> PeriodChoice {
    PeriodChoice::Last(days)
}

async fn network(t: &TestApp, admin: &User, days: i64) -> Dashboard {
    analytics::network_dashboard(&t.app, &Actor::User(admin.clone()), &last(days))
        .await
        .unwrap()
}

async fn in_department(t: &TestApp, admin: &User, email: &str, department: &str) -> User {
    let person = t.member(email).await;
    people::update(
        &t.app,
        &actor(admin),
        &PersonRef::Id(person.id),
        &ProfileChanges {
            department: Some(department.to_owned()),
            location: Some("Lisbon".to_owned()),
            ..ProfileChanges::default()
        },
    )
    .await
    .unwrap();
    person
}

/// Brings `person` into a community its `owner` manages: invited, then joining.
async fn enrol(t: &TestApp, owner: &User, person: &User, community: &Community) {
    communities::invite(&t.app, &actor(owner), community.id, person.id)
        .await
        .unwrap();
    communities::join(&t.app, &actor(person), community.id)
        .await
        .unwrap();
}

fn actor(user: &User) -> Actor {
    Actor::User(user.clone())
}

async fn a_days_content_becomes_its_figures_once_the_day_is_over(db: TestDb) {
    let t = TestApp::new(db).await;
    at_noon(&t);
    let admin = t.admin().await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let guild = t.community(&ana, "Guild", "public").await;
    communities::join(&t.app, &actor(&ben), guild.id)
        .await
        .unwrap();
    let post = t.post(&ana, Some(&guild), "Kick-off on Monday").await;
    t.post(&ben, None, "Hello everyone").await;
    posts::reply(&t.app, &actor(&ben), post.id, "Count me in")
        .await
        .unwrap();
    posts::react(&t.app, &actor(&ben), post.id, "like", true)
        .await
        .unwrap();
    let chat = chat::start_direct(&t.app, &actor(&ana), ben.id)
        .await
        .unwrap();
    chat::send(&t.app, &actor(&ana), chat.view.conversation.id, "Lunch?")
        .await
        .unwrap();

    // Today is not over: nothing is counted yet.
    assert_eq!(analytics::count_due(&t.app).await.unwrap(), 0);
    t.clock.advance(DAY);
    assert_eq!(analytics::count_due(&t.app).await.unwrap(), 1);

    let dashboard = network(&t, &admin, 1).await;
    let totals = dashboard.totals;
    assert_eq!((totals.posts, totals.replies, totals.reactions), (2, 1, 1));
    assert_eq!(
        (totals.messages, totals.shares, totals.questions),
        (1, 0, 0)
    );
    assert!(
        (totals.active_per_day - 2.0).abs() < f64::EPSILON,
        "{totals:?}"
    );
    assert_eq!(dashboard.days.len(), 1);
    assert_eq!(dashboard.days[0].active_people, 2);
    assert_eq!(dashboard.people, 3);
    // The week and the month so far: the same two people.
    assert_eq!(dashboard.weeks.last().unwrap().active_people, 2);
    assert_eq!(dashboard.months.last().unwrap().active_people, 2);
    // The guild's post, reply and reaction are in a community of two: too small to
    // be told apart from its people, so not counted as work or social.
    let work = dashboard.work_and_social.unwrap();
    assert_eq!((work.work, work.social), (0, 0));
    assert!(
        dashboard.communities.is_empty(),
        "a guild of two is too small"
    );
}

async fn each_day_is_counted_once_however_often_and_by_however_many_nodes(db: TestDb) {
    let t = TestApp::new(db).await;
    at_noon(&t);
    let admin = t.admin().await;
    t.post(&admin, None, "First day").await;
    t.clock.advance(3 * DAY);
    let (a, b) = tokio::join!(analytics::count_due(&t.app), analytics::count_due(&t.app));
    assert_eq!(a.unwrap() + b.unwrap(), 3, "three days, each counted once");
    assert_eq!(analytics::count_due(&t.app).await.unwrap(), 0);
    let dashboard = network(&t, &admin, 3).await;
    assert_eq!(dashboard.totals.posts, 1);
    assert_eq!(
        dashboard.days.iter().map(|d| d.posts).collect::<Vec<_>>(),
        vec![1, 0, 0]
    );
}

async fn days_missed_while_no_node_ran_are_all_counted(db: TestDb) {
    let t = TestApp::new(db).await;
    at_noon(&t);
    let admin = t.admin().await;
    t.post(&admin, None, "Before the break").await;
    // Longer than one run counts at a time.
    t.clock.advance(40 * DAY);
    t.post(&admin, None, "After the break").await;
    t.clock.advance(DAY);
    assert_eq!(analytics::count_due(&t.app).await.unwrap(), 41);
    let dashboard = network(&t, &admin, 41).await;
    assert_eq!(dashboard.totals.posts, 2);
    assert_eq!(dashboard.days.first().unwrap().posts, 1);
    assert_eq!(dashboard.days.last().unwrap().posts, 1);
    // The period before was before the network: nothing.
    assert_eq!(dashboard.totals_before.posts, 0);
}

async fn a_department_of_four_is_never_shown_alone(db: TestDb) {
    let t = TestApp::new(db).await;
    at_noon(&t);
    let admin = t.admin().await;
    // Everyone has a department: no small group of people without one.
    people::update(
        &t.app,
        &actor(&admin),
        &PersonRef::Id(admin.id),
        &ProfileChanges {
            department: Some("Sales".to_owned()),
            location: Some("Lisbon".to_owned()),
            ..ProfileChanges::default()
        },
    )
    .await
    .unwrap();
    let mut sales = Vec::new();
    for i in 0..5 {
        sales.push(in_department(&t, &admin, &format!("sales{i}@acme.test"), "Sales").await);
    }
    let mut legal = Vec::new();
    for i in 0..4 {
        legal.push(in_department(&t, &admin, &format!("legal{i}@acme.test"), "Legal").await);
    }
    let post = t.post(&sales[0], None, "Contract template?").await;
    for lawyer in &legal {
        posts::reply(&t.app, &actor(lawyer), post.id, "See clause 4")
            .await
            .unwrap();
    }
    posts::react(&t.app, &actor(&sales[1]), post.id, "like", true)
        .await
        .unwrap();
    t.clock.advance(DAY);
    analytics::count_due(&t.app).await.unwrap();

    let dashboard = network(&t, &admin, 1).await;
    let groups = &dashboard.departments.groups;
    assert!(
        !groups.contains(&Shown::Group("Legal".to_owned())),
        "{groups:?}"
    );
    // Four people of Legal alone would make "other" a name for them: it is left out.
    assert!(!groups.contains(&Shown::Other), "{groups:?}");
    assert_eq!(groups, &vec![Shown::Group("Sales".to_owned())]);
    assert_eq!(dashboard.departments.cells[0][0].reactions, 1);

    // With one more small department, "other" merges five people and is shown.
    let board = in_department(&t, &admin, "ceo@acme.test", "Board").await;
    posts::reply(&t.app, &actor(&board), post.id, "Agreed")
        .await
        .unwrap();
    t.clock.advance(DAY);
    analytics::count_due(&t.app).await.unwrap();
    let dashboard = network(&t, &admin, 2).await;
    let groups = &dashboard.departments.groups;
    assert!(groups.contains(&Shown::Other), "{groups:?}");
    assert!(
        !groups.contains(&Shown::Group("Legal".to_owned()))
            && !groups.contains(&Shown::Group("Board".to_owned())),
        "{groups:?}"
    );
    let other = groups.iter().position(|g| *g == Shown::Other).unwrap();
    let sales_at = groups
        .iter()
        .position(|g| *g == Shown::Group("Sales".to_owned()))
        .unwrap();
    assert_eq!(dashboard.departments.cells[other][sales_at].replies, 5);
    // Everyone is in Lisbon: one location, shown.
    assert_eq!(
        dashboard.locations.groups,
        vec![Shown::Group("Lisbon".to_owned())]
    );
}

async fn questions_are_counted_answered_and_the_unanswered_linked(db: TestDb) {
    let t = TestApp::new(db).await;
    at_noon(&t);
    let admin = t.admin().await;
    let ana = t.member("ana@acme.test").await;
    let ask = |body: &str| NewPost {
        kind: Some("question".to_owned()),
        body: body.to_owned(),
        ..NewPost::default()
    };
    let answered = posts::create(&t.app, &actor(&ana), &ask("Where is the VPN guide?"))
        .await
        .unwrap();
    let waiting = posts::create(&t.app, &actor(&ana), &ask("Who orders laptops?"))
        .await
        .unwrap();
    let hidden = posts::create(&t.app, &actor(&ana), &ask("Anyone selling tickets?"))
        .await
        .unwrap();
    t.app.settled().await;
    moderation::moderate(
        &t.app,
        Acting::new(&actor(&admin), "203.0.113.9"),
        Subject::Post(hidden.id),
        "hide",
        "not for this network",
    )
    .await
    .unwrap();
    posts::reply(&t.app, &actor(&ana), waiting.id, "Anyone?")
        .await
        .unwrap();
    t.clock.advance(Duration::from_secs(600));
    posts::reply(&t.app, &actor(&admin), answered.id, "On the wiki")
        .await
        .unwrap();
    t.clock.advance(3 * DAY);
    analytics::count_due(&t.app).await.unwrap();

    let dashboard = network(&t, &admin, 4).await;
    // Asking counts as activity; a hidden question is neither answered nor waiting.
    assert_eq!(dashboard.totals.questions, 3);
    let questions = &dashboard.questions;
    assert_eq!((questions.asked, questions.answered), (2, 1));
    assert_eq!(questions.median_minutes_to_first_reply, Some(10));
    assert_eq!(
        questions.unanswered_count, 1,
        "its author's own reply is no answer"
    );
    assert_eq!(questions.unanswered[0].post, waiting.id);
    assert_eq!(questions.unanswered[0].excerpt, "Who orders laptops?");
}

async fn only_network_admins_see_the_network_dashboard(db: TestDb) {
    let t = TestApp::new(db).await;
    at_noon(&t);
    let admin = t.admin().await;
    let member = t.member("ana@acme.test").await;
    let compliance = t.user("officer@acme.test", Role::Compliance).await;
    for person in [&member, &compliance] {
        let refused = analytics::network_dashboard(&t.app, &actor(person), &last(7)).await;
        assert!(
            matches!(refused, Err(AppError::Forbidden(_))),
            "{refused:?}"
        );
    }
    let outsider = t.partner_outsider(&admin, Role::Admin).await;
    t.post(&admin, None, "Home news").await;
    t.clock.advance(DAY);
    analytics::count_due(&t.app).await.unwrap();
    // An admin of another network sees that network's figures, none of the home's.
    let theirs = network(&t, &outsider, 1).await;
    assert_eq!(theirs.totals.posts, 0);
    assert_eq!(theirs.people, 1);
    assert_eq!(network(&t, &admin, 1).await.totals.posts, 1);
}

async fn a_community_dashboard_is_for_its_managers_and_needs_five_members(db: TestDb) {
    let t = TestApp::new(db).await;
    at_noon(&t);
    let admin = t.admin().await;
    let owner = t.member("owner@acme.test").await;
    let outsider = t.member("outsider@acme.test").await;
    let secret = t.community(&owner, "Project Falcon", "secret").await;
    let mut members = Vec::new();
    for i in 0..3 {
        let person = t.member(&format!("m{i}@acme.test")).await;
        enrol(&t, &owner, &person, &secret).await;
        members.push(person);
    }
    t.post(&members[0], Some(&secret), "Falcon status").await;
    t.clock.advance(DAY);
    analytics::count_due(&t.app).await.unwrap();

    let of = |user: &User| {
        let app = t.app.clone();
        let user = user.clone();
        async move { analytics::community_dashboard(&app, &user, secret.id, &last(1)).await }
    };
    // Four members: too few for figures, even for its owner.
    let small = of(&owner).await;
    assert!(matches!(small, Err(AppError::Conflict { .. })), "{small:?}");
    let person = t.member("m3@acme.test").await;
    enrol(&t, &owner, &person, &secret).await;
    let dashboard = of(&owner).await.unwrap();
    assert_eq!(dashboard.totals.posts, 1);
    assert_eq!(dashboard.people, 5);
    assert!(matches!(dashboard.scope, Scope::Community { .. }));
    assert_eq!(of(&admin).await.unwrap().totals.posts, 1);
    // A member who does not manage it is refused; someone outside does not learn it exists.
    assert!(matches!(of(&members[1]).await, Err(AppError::Forbidden(_))));
    assert!(matches!(of(&outsider).await, Err(AppError::NotFound(_))));
}

async fn bad_periods_are_refused(db: TestDb) {
    let t = TestApp::new(db).await;
    at_noon(&t);
    let admin = t.admin().await;
    for choice in [
        PeriodChoice::Last(0),
        PeriodChoice::Last(400),
        PeriodChoice::Between("2026-12-01".into(), "2026-11-01".into()),
        PeriodChoice::Between("last week".into(), "2026-11-01".into()),
    ] {
        let refused = analytics::network_dashboard(&t.app, &actor(&admin), &choice).await;
        assert!(
            matches!(refused, Err(AppError::Invalid(_))),
            "{choice:?}: {refused:?}"
        );
    }
}

async fn an_admin_who_asks_gets_the_weeks_figures_by_email_until_they_stop_it(db: TestDb) {
    let t = TestApp::new(db).await;
    at_monday_noon(&t);
    let admin = t.admin().await;
    let other_admin = t.user("second@acme.test", Role::Admin).await;
    let ana = t.member("ana@acme.test").await;
    let refused = analytics::health::set_wanted(&t.app, &actor(&ana), true).await;
    assert!(
        matches!(refused, Err(AppError::Forbidden(_))),
        "{refused:?}"
    );
    assert!(
        !analytics::health::wanted(&t.app, &actor(&admin))
            .await
            .unwrap()
    );
    assert!(
        analytics::health::set_wanted(&t.app, &actor(&admin), true)
            .await
            .unwrap()
    );
    assert!(
        analytics::health::wanted(&t.app, &actor(&admin))
            .await
            .unwrap()
    );
    let ask = NewPost {
        kind: Some("question".to_owned()),
        body: "Who has the <b>keys</b> to the lab?".to_owned(),
        ..NewPost::default()
    };
    posts::create(&t.app, &actor(&ana), &ask).await.unwrap();
    t.post(&ana, None, "Lab tour on Friday").await;
    t.clock.advance(3 * DAY);
    analytics::count_due(&t.app).await.unwrap();

    let now = t.clock.now();
    assert_eq!(analytics::health::send(&t.app, now).await.unwrap(), 1);
    assert_eq!(
        analytics::health::send(&t.app, now).await.unwrap(),
        0,
        "once a week, however often it runs"
    );
    assert_eq!(
        analytics::health::send(&t.app, now + DAY.as_millis() as i64)
            .await
            .unwrap(),
        0,
        "and on whichever day of the week"
    );
    let transport = Recorder::default();
    mail::deliver_due(&t.app, &transport).await.unwrap();
    let sent = transport.sent();
    assert_eq!(sent.len(), 1, "only the admin who asked");
    let email = &sent[0];
    assert_eq!(email.to, admin.email);
    assert!(
        email.subject.starts_with("Network health"),
        "{}",
        email.subject
    );
    assert!(
        email.body_text.contains("Posts: 2 (new)"),
        "{}",
        email.body_text
    );
    assert!(
        email
            .body_text
            .contains("1 question unanswered for more than two days"),
        "{}",
        email.body_text
    );
    assert!(
        email.body_text.contains("Who has the <b>keys</b>"),
        "{}",
        email.body_text
    );
    assert!(
        !email.body_html.contains("<b>keys"),
        "escaped: {}",
        email.body_html
    );
    assert!(email.body_text.contains("/admin/analytics?days=7"));

    // Its one-click link stops it, and only it.
    let unsubscribe = email.list_unsubscribe.as_deref().unwrap();
    let token = unsubscribe.split_once("token=").unwrap().1;
    let done = mail::unsubscribe(&t.app, token).await.unwrap();
    assert_eq!(done.scope, "network-health");
    assert!(
        !analytics::health::wanted(&t.app, &actor(&admin))
            .await
            .unwrap()
    );
    t.clock.advance(7 * DAY);
    assert_eq!(
        analytics::health::send(&t.app, t.clock.now())
            .await
            .unwrap(),
        0
    );

    // An admin who asked and is no longer one is not sent what was enqueued.
    analytics::health::set_wanted(&t.app, &actor(&other_admin), true)
        .await
        .unwrap();
    assert_eq!(
        analytics::health::send(&t.app, t.clock.now())
            .await
            .unwrap(),
        1
    );
    hearth_app::lifecycle::change_role(
        &t.app,
        hearth_app::audit::Acting::operator(),
        other_admin.id,
        Role::Member,
        "moved to another team",
    )
    .await
    .unwrap();
    let delivery = mail::deliver_due(&t.app, &transport).await.unwrap();
    assert_eq!(delivery.sent, 0);
    assert_eq!(transport.sent().len(), 1);
}

async fn small_communities_are_shown_together_only_when_they_hold_five_people(db: TestDb) {
    let t = TestApp::new(db).await;
    at_noon(&t);
    let admin = t.admin().await;
    let x = t.member("x@acme.test").await;
    let y = t.member("y@acme.test").await;
    let z = t.member("z@acme.test").await;
    // Two communities of the same three people: six memberships, three people.
    for name in ["Chess", "Go"] {
        let club = t.community(&x, name, "public").await;
        for person in [&y, &z] {
            communities::join(&t.app, &actor(person), club.id)
                .await
                .unwrap();
        }
        t.post(&y, Some(&club), "Tonight at six").await;
    }
    t.clock.advance(DAY);
    analytics::count_due(&t.app).await.unwrap();
    let dashboard = network(&t, &admin, 1).await;
    assert!(
        dashboard.communities.is_empty(),
        "{:?}",
        dashboard.communities
    );

    // A third small community with two more people: five people together.
    let p = t.member("p@acme.test").await;
    let q = t.member("q@acme.test").await;
    let club = t.community(&p, "Bridge", "public").await;
    communities::join(&t.app, &actor(&q), club.id)
        .await
        .unwrap();
    t.post(&q, Some(&club), "Partners wanted").await;
    t.clock.advance(DAY);
    analytics::count_due(&t.app).await.unwrap();
    let dashboard = network(&t, &admin, 2).await;
    assert_eq!(
        dashboard.communities.len(),
        1,
        "{:?}",
        dashboard.communities
    );
    let other = &dashboard.communities[0];
    assert_eq!((other.name.clone(), other.activity), (None, 3));
}

async fn adoption_counts_accounts_first_sign_ins_and_first_writers(db: TestDb) {
    let t = TestApp::new(db).await;
    at_noon(&t);
    let admin = t.admin().await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let cid = t.member("cid@acme.test").await;
    let client = ClientInfo {
        address: "10.0.0.1".to_owned(),
        user_agent: "test".to_owned(),
    };
    for _ in 0..2 {
        sessions::sign_in(&t.app, "ana@acme.test", hearth_testkit::PASSWORD, &client)
            .await
            .unwrap();
    }
    let post = t.post(&ana, None, "My first post").await;
    // Reacting is taking part, not writing.
    posts::react(&t.app, &actor(&ben), post.id, "like", true)
        .await
        .unwrap();
    t.clock.advance(DAY);
    t.post(&ana, None, "My second post").await;
    posts::reply(&t.app, &actor(&cid), post.id, "Welcome!")
        .await
        .unwrap();
    t.clock.advance(DAY);
    analytics::count_due(&t.app).await.unwrap();

    let dashboard = network(&t, &admin, 2).await;
    let totals = dashboard.totals;
    assert_eq!(
        (
            totals.new_accounts,
            totals.first_sign_ins,
            totals.first_writers
        ),
        (4, 1, 2),
        "{totals:?}"
    );
    let by_then = dashboard.adoption.last().unwrap();
    assert_eq!(
        (by_then.accounts, by_then.signed_in, by_then.wrote),
        (4, 1, 2)
    );
    // Counting the days again from the start finds the same first writers.
    let mut db = t.app.store().conn().await.unwrap();
    hearth_store::analytics::forget_all(&mut db, admin.network_id)
        .await
        .unwrap();
    drop(db);
    analytics::count_due(&t.app).await.unwrap();
    let again = network(&t, &admin, 2).await;
    assert_eq!(again.totals, totals);
}

async fn threads_across_departments_and_topics_of_five_people_are_counted(db: TestDb) {
    let t = TestApp::new(db).await;
    at_noon(&t);
    let admin = t.admin().await;
    let mut sales = Vec::new();
    for i in 0..5 {
        sales.push(in_department(&t, &admin, &format!("sales{i}@acme.test"), "Sales").await);
    }
    let lawyer = in_department(&t, &admin, "legal@acme.test", "Legal").await;
    let asked = t.post(&sales[0], None, "Contract template? #deals").await;
    posts::reply(&t.app, &actor(&lawyer), asked.id, "See clause 4")
        .await
        .unwrap();
    let among = t.post(&sales[0], None, "Pipeline review #deals").await;
    posts::reply(&t.app, &actor(&sales[1]), among.id, "Friday works #deals")
        .await
        .unwrap();
    for person in &sales[2..] {
        t.post(person, None, "Closed one #deals").await;
    }
    // Only one person writes about this topic, however much: not named.
    for _ in 0..10 {
        t.post(&lawyer, None, "Reading list #contracts").await;
    }
    t.clock.advance(DAY);
    analytics::count_due(&t.app).await.unwrap();

    let dashboard = network(&t, &admin, 1).await;
    assert_eq!(
        (dashboard.totals.threads, dashboard.totals.threads_across),
        (2, 1)
    );
    let topics: Vec<(&str, i64)> = dashboard
        .topics
        .iter()
        .map(|topic| (topic.tag.as_str(), topic.posts))
        .collect();
    assert_eq!(topics, vec![("deals", 6)]);
}

async fn announcements_seen_are_counted_for_the_people_they_were_for(db: TestDb) {
    let t = TestApp::new(db).await;
    at_noon(&t);
    let admin = t.admin().await;
    let mut people = Vec::new();
    for i in 0..6 {
        people.push(t.member(&format!("p{i}@acme.test")).await);
    }
    let announced = posts::create(
        &t.app,
        &actor(&admin),
        &NewPost {
            kind: Some("announcement".to_owned()),
            body: "The office moves on Monday".to_owned(),
            ..NewPost::default()
        },
    )
    .await
    .unwrap();
    // A team's announcement for three people is about them: left out.
    let team = t.community(&people[0], "Team", "public").await;
    for person in &people[1..3] {
        communities::join(&t.app, &actor(person), team.id)
            .await
            .unwrap();
    }
    posts::create(
        &t.app,
        &actor(&people[0]),
        &NewPost {
            community_id: Some(team.id),
            kind: Some("announcement".to_owned()),
            body: "Standup moves to 10".to_owned(),
            ..NewPost::default()
        },
    )
    .await
    .unwrap();
    // Three see it in their feed that day, one twice; its author does not count.
    for person in [&people[0], &people[1], &people[2], &people[2], &admin] {
        feeds::feed(&t.app, &actor(person), &Feed::Home, None, None)
            .await
            .unwrap();
    }
    t.app.write_touches().await.unwrap();
    t.clock.advance(2 * DAY);
    feeds::get(&t.app, &actor(&people[3]), announced.id)
        .await
        .unwrap();
    t.app.write_touches().await.unwrap();
    analytics::count_due(&t.app).await.unwrap();

    let dashboard = network(&t, &admin, 7).await;
    assert_eq!(dashboard.announcements.len(), 1, "{dashboard:?}");
    let read = &dashboard.announcements[0];
    assert_eq!(read.post, announced.id);
    // Everyone with an account but its author.
    assert_eq!(read.audience, 6);
    // Two days are over since: the third, when one more saw it, is not.
    assert_eq!(read.read_by_day, vec![3, 3]);
    assert_eq!(read.read, 4);
}

async fn an_announcement_seen_leaves_with_it_when_retention_deletes_it(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let ana = t.member("ana@acme.test").await;
    posts::create(
        &t.app,
        &actor(&admin),
        &NewPost {
            kind: Some("announcement".to_owned()),
            body: "Old news".to_owned(),
            ..NewPost::default()
        },
    )
    .await
    .unwrap();
    feeds::feed(&t.app, &actor(&ana), &Feed::Home, None, None)
        .await
        .unwrap();
    t.app.write_touches().await.unwrap();
    let reads = || async {
        let mut db = t.app.store().conn().await.unwrap();
        hearth_testkit::sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM announcement_reads")
            .fetch_one(&mut *db)
            .await
            .unwrap()
    };
    assert_eq!(reads().await, 1);
    let by = actor(&admin);
    hearth_app::retention::set(&t.app, Acting::new(&by, "192.0.2.7"), Some(10))
        .await
        .unwrap();
    t.clock.advance(11 * DAY);
    hearth_app::retention::apply(&t.app, Acting::new(&by, "192.0.2.7"))
        .await
        .unwrap();
    assert_eq!(reads().await, 0);
}
