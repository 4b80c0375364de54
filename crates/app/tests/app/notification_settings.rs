//! Notification preferences and community subscriptions: defaults, setting them,
//! "off" holding, and who hears of community posts and announcements.

use hearth_app::AppError;
use hearth_app::audit::Acting;
use hearth_app::communities::{self};
use hearth_app::domain::{Actor, Channel, Community, NotificationKind, User};
use hearth_app::notification_settings::{self, channel_for};
use hearth_app::notifications::{self, NotificationView};
use hearth_app::posts::{self, NewPost};
use hearth_app::{lifecycle, people};
use hearth_testkit::{TestApp, TestDb, both_backends, sqlx};

both_backends!(
    defaults_email_only_what_is_personal,
    setting_preferences_checks_everything_first,
    off_writes_no_notification_at_all,
    only_readers_may_subscribe_and_anyone_may_unsubscribe,
    community_posts_reach_subscribers_who_may_read_them,
    announcements_reach_members_or_the_whole_company,
);

fn actor(user: &User) -> Actor {
    Actor::User(user.clone())
}

async fn centre(t: &TestApp, user: &User) -> Vec<NotificationView> {
    t.app.settled().await;
    notifications::list(&t.app, &actor(user), None, 100)
        .await
        .unwrap()
        .notifications
}

async fn community(t: &TestApp, owner: &User, name: &str, visibility: &str) -> Community {
    t.community(owner, name, visibility).await
}

async fn post_in(
    t: &TestApp,
    author: &User,
    community: Option<&Community>,
    kind: Option<&str>,
    body: &str,
) -> hearth_app::domain::Post {
    posts::create(
        &t.app,
        &actor(author),
        &NewPost {
            community_id: community.map(|c| c.id),
            kind: kind.map(str::to_owned),
            body: body.to_owned(),
            shared_post_id: None,
            attachments: Vec::new(),
            poll: None,
            praise: None,
        },
    )
    .await
    .unwrap()
}

fn pairs(raw: &[(&str, &str)]) -> Vec<(String, String)> {
    raw.iter()
        .map(|(k, c)| ((*k).to_owned(), (*c).to_owned()))
        .collect()
}

async fn defaults_email_only_what_is_personal(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let prefs = notification_settings::get(&t.app, &actor(&ana))
        .await
        .unwrap();
    assert_eq!(prefs.kinds.len(), NotificationKind::ALL.len());
    for setting in &prefs.kinds {
        assert!(!setting.chosen);
        let expected = match setting.kind {
            NotificationKind::DirectMessage
            | NotificationKind::Mention
            | NotificationKind::Praise => Channel::Email,
            _ => Channel::Weekly,
        };
        assert_eq!(setting.channel, expected, "{:?}", setting.kind);
    }
    assert!(prefs.subscriptions.is_empty());
    let mut db = t.app.store().conn().await.unwrap();
    assert_eq!(
        channel_for(&mut db, ana.id, NotificationKind::Mention)
            .await
            .unwrap(),
        Channel::Email
    );
    assert_eq!(
        channel_for(&mut db, ana.id, NotificationKind::Reaction)
            .await
            .unwrap(),
        Channel::Weekly
    );
}

async fn setting_preferences_checks_everything_first(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let prefs = notification_settings::set(
        &t.app,
        &actor(&ana),
        &pairs(&[("reaction", "off"), ("mention", "daily")]),
    )
    .await
    .unwrap();
    let of = |kind| prefs.kinds.iter().find(|s| s.kind == kind).unwrap().clone();
    assert_eq!(of(NotificationKind::Reaction).channel, Channel::Off);
    assert!(of(NotificationKind::Reaction).chosen);
    assert_eq!(of(NotificationKind::Mention).channel, Channel::Daily);
    assert_eq!(of(NotificationKind::Reply).channel, Channel::Weekly);

    // One bad pair refuses the whole change.
    for bad in [
        pairs(&[("reply", "app"), ("mention", "sms")]),
        pairs(&[("reply", "app"), ("newsletter", "email")]),
    ] {
        let refused = notification_settings::set(&t.app, &actor(&ana), &bad).await;
        assert!(matches!(refused, Err(AppError::Invalid(_))), "{refused:?}");
    }
    let mut db = t.app.store().conn().await.unwrap();
    assert_eq!(
        channel_for(&mut db, ana.id, NotificationKind::Reply)
            .await
            .unwrap(),
        Channel::Weekly,
        "nothing changed on refusal"
    );
    // Changing again overwrites; another person's settings stay untouched.
    notification_settings::set(&t.app, &actor(&ana), &pairs(&[("reaction", "app")]))
        .await
        .unwrap();
    assert_eq!(
        channel_for(&mut db, ana.id, NotificationKind::Reaction)
            .await
            .unwrap(),
        Channel::App
    );
    assert_eq!(
        channel_for(&mut db, ben.id, NotificationKind::Reaction)
            .await
            .unwrap(),
        Channel::Weekly
    );
    let operator = notification_settings::get(&t.app, &Actor::Operator).await;
    assert!(matches!(operator, Err(AppError::Forbidden(_))));
}

async fn off_writes_no_notification_at_all(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let mine = post_in(&t, &ana, None, None, "We shipped!").await;
    notification_settings::set(&t.app, &actor(&ana), &pairs(&[("reaction", "off")]))
        .await
        .unwrap();
    posts::react(&t.app, &actor(&ben), mine.id, "like", true)
        .await
        .unwrap();
    assert!(centre(&t, &ana).await.is_empty());
    // "In the app only" still fills the centre.
    notification_settings::set(&t.app, &actor(&ana), &pairs(&[("reply", "app")]))
        .await
        .unwrap();
    posts::reply(&t.app, &actor(&ben), mine.id, "Congrats")
        .await
        .unwrap();
    let told = centre(&t, &ana).await;
    assert_eq!(told.len(), 1);
    assert_eq!(told[0].kind, NotificationKind::Reply);
}

async fn only_readers_may_subscribe_and_anyone_may_unsubscribe(db: TestDb) {
    let t = TestApp::new(db).await;
    let owner = t.member("olga@acme.test").await;
    let ana = t.member("ana@acme.test").await;
    let open = community(&t, &owner, "Open", "public").await;
    let closed = community(&t, &owner, "Closed", "private").await;
    let hidden = community(&t, &owner, "Hidden", "secret").await;

    let sub = notification_settings::subscribe(&t.app, &actor(&ana), open.id, "daily")
        .await
        .unwrap();
    assert_eq!(sub.channel, Channel::Daily);
    assert_eq!(sub.community_name, "Open");
    let refused = notification_settings::subscribe(&t.app, &actor(&ana), closed.id, "app").await;
    assert!(
        matches!(refused, Err(AppError::Forbidden(_))),
        "{refused:?}"
    );
    let refused = notification_settings::subscribe(&t.app, &actor(&ana), hidden.id, "app").await;
    assert!(matches!(refused, Err(AppError::NotFound(_))), "{refused:?}");
    let refused = notification_settings::subscribe(&t.app, &actor(&ana), open.id, "hourly").await;
    assert!(matches!(refused, Err(AppError::Invalid(_))), "{refused:?}");
    // The refused change of channel left the subscription as it was.
    assert_eq!(
        notification_settings::subscription(&t.app, &actor(&ana), open.id)
            .await
            .unwrap(),
        Some(Channel::Daily)
    );
    let prefs = notification_settings::get(&t.app, &actor(&ana))
        .await
        .unwrap();
    assert_eq!(prefs.subscriptions.len(), 1);
    assert_eq!(prefs.subscriptions[0].community_id, open.id);

    // A member of the private community may subscribe.
    communities::join(&t.app, &actor(&ana), closed.id)
        .await
        .unwrap();
    communities::approve(&t.app, &actor(&owner), closed.id, ana.id)
        .await
        .unwrap();
    notification_settings::subscribe(&t.app, &actor(&ana), closed.id, "email")
        .await
        .unwrap();

    assert!(
        notification_settings::unsubscribe(&t.app, &actor(&ana), open.id)
            .await
            .unwrap()
    );
    assert!(
        !notification_settings::unsubscribe(&t.app, &actor(&ana), open.id)
            .await
            .unwrap()
    );
    let prefs = notification_settings::get(&t.app, &actor(&ana))
        .await
        .unwrap();
    let ids: Vec<_> = prefs.subscriptions.iter().map(|s| s.community_id).collect();
    assert_eq!(ids, [closed.id]);
}

async fn community_posts_reach_subscribers_who_may_read_them(db: TestDb) {
    let t = TestApp::new(db).await;
    let owner = t.member("olga@acme.test").await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let cleo = t.member("cleo@acme.test").await;
    let closed = community(&t, &owner, "Closed", "private").await;
    for person in [&ana, &ben] {
        communities::join(&t.app, &actor(person), closed.id)
            .await
            .unwrap();
        communities::approve(&t.app, &actor(&owner), closed.id, person.id)
            .await
            .unwrap();
    }
    for person in [&ana, &ben, &owner] {
        notification_settings::subscribe(&t.app, &actor(person), closed.id, "weekly")
            .await
            .unwrap();
    }
    // Ben leaves: he may no longer read it, so he hears nothing of it.
    communities::leave(&t.app, &actor(&ben), closed.id)
        .await
        .unwrap();
    let post = post_in(&t, &ana, Some(&closed), None, "Budget is in").await;
    // The subscription's channel decides how Olga hears of it, not the kind's default.
    let mut db = t.app.store().conn().await.unwrap();
    notification_settings::subscribe(&t.app, &actor(&owner), closed.id, "email")
        .await
        .unwrap();
    for (user, expected) in [(owner.id, Channel::Email), (cleo.id, Channel::Weekly)] {
        let channel = notification_settings::channel_for_post(
            &mut db,
            user,
            NotificationKind::CommunityPost,
            post.id.0,
        )
        .await
        .unwrap();
        assert_eq!(channel, expected);
    }
    drop(db);

    let told = centre(&t, &owner).await;
    assert_eq!(told.len(), 1, "{told:?}");
    assert_eq!(told[0].kind, NotificationKind::CommunityPost);
    assert_eq!(told[0].href(), format!("/posts/{}", post.id));
    assert_eq!(
        told[0].sentence(hearth_app::i18n::Tr::english()),
        "Ana posted in a community you follow"
    );
    assert!(centre(&t, &ana).await.is_empty(), "not the author");
    assert!(centre(&t, &ben).await.is_empty(), "not a reader any more");
    assert!(centre(&t, &cleo).await.is_empty(), "not a subscriber");

    // Replies are not new posts; unsubscribing stops them.
    posts::reply(&t.app, &actor(&ana), post.id, "Details inside")
        .await
        .unwrap();
    assert_eq!(centre(&t, &owner).await.len(), 1, "a reply is no new post");
    notification_settings::unsubscribe(&t.app, &actor(&owner), closed.id)
        .await
        .unwrap();
    post_in(&t, &ana, Some(&closed), None, "Second").await;
    let kinds: Vec<_> = centre(&t, &owner).await.iter().map(|n| n.kind).collect();
    assert_eq!(
        kinds
            .iter()
            .filter(|k| **k == NotificationKind::CommunityPost)
            .count(),
        1
    );
}

async fn announcements_reach_members_or_the_whole_company(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let owner = t.member("olga@acme.test").await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let gone = t.member("gone@acme.test").await;
    let quiet = t.member("quiet@acme.test").await;
    lifecycle::deactivate(&t.app, Acting::operator(), gone.id, "left")
        .await
        .unwrap();
    notification_settings::set(&t.app, &actor(&quiet), &pairs(&[("announcement", "off")]))
        .await
        .unwrap();
    let team = community(&t, &owner, "Team", "public").await;
    communities::join(&t.app, &actor(&ana), team.id)
        .await
        .unwrap();

    post_in(
        &t,
        &owner,
        Some(&team),
        Some("announcement"),
        "Offsite Friday",
    )
    .await;
    let told = centre(&t, &ana).await;
    assert_eq!(told.len(), 1);
    assert_eq!(told[0].kind, NotificationKind::Announcement);
    assert_eq!(
        told[0].sentence(hearth_app::i18n::Tr::english()),
        "Olga made an announcement"
    );
    assert!(
        centre(&t, &ben).await.is_empty(),
        "a community's announcement is for its members"
    );
    assert!(centre(&t, &owner).await.is_empty());

    let handle = people::get(&t.app, &actor(&ben), &people::PersonRef::Id(ben.id))
        .await
        .unwrap()
        .profile
        .handle;
    post_in(
        &t,
        &admin,
        None,
        Some("announcement"),
        &format!("New office opens, @{handle}"),
    )
    .await;
    for person in [&owner, &ana] {
        let kinds: Vec<_> = centre(&t, person).await.iter().map(|n| n.kind).collect();
        assert!(kinds.contains(&NotificationKind::Announcement), "{kinds:?}");
    }
    // Ben is mentioned: told once, by the more specific reason.
    let bens: Vec<_> = centre(&t, &ben).await.iter().map(|n| n.kind).collect();
    assert_eq!(bens, [NotificationKind::Mention]);
    assert!(centre(&t, &quiet).await.is_empty(), "turned off");
    assert!(centre(&t, &admin).await.is_empty(), "not the author");
    let mut db = t.app.store().conn().await.unwrap();
    let gone_rows: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM notifications WHERE user_id = $1")
            .bind(gone.id.0)
            .fetch_one(&mut *db)
            .await
            .unwrap();
    assert_eq!(gone_rows, 0, "deactivated people are told nothing");
}
