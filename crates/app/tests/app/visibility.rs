//! One visibility rule for everything that tells people of posts: a hidden or held
//! post, and the replies under it, reach no notification, e-mail or digest of anyone
//! who may not see it. The store's notification, preference and digest queries all
//! apply `posts::visible_to`; these tests fail if its moderation clause goes.

use crate::digests::{actor, community, digests_to, post_in};
use crate::mail::Recorder;
use crate::notifications::handle;
use hearth_app::audit::Acting;
use hearth_app::communities;
use hearth_app::domain::post::Moderation;
use hearth_app::domain::{DigestPeriod, NotificationKind, Post, User};
use hearth_app::moderation::{self, Subject};
use hearth_app::posts;
use hearth_app::{digests, mail, notification_settings, notifications};
use hearth_testkit::{TestApp, TestDb, both_backends};
use std::time::Duration;

both_backends!(
    replies_under_a_hidden_post_notify_only_those_who_see_it,
    replies_under_a_held_post_notify_only_those_who_see_it,
    a_hidden_post_and_replies_under_it_are_mailed_to_nobody_who_may_not_see_them,
    a_held_post_and_replies_under_it_are_mailed_to_nobody_who_may_not_see_them,
    a_hidden_post_and_replies_under_it_stay_out_of_digests,
    a_held_post_and_replies_under_it_stay_out_of_digests,
);

/// How a post is withheld from its readers.
#[derive(Debug, Clone, Copy)]
enum Withheld {
    /// A moderator hid it.
    Hidden,
    /// An edit put a held watch-list term in it.
    Held,
}

/// Everyone a scenario needs: the author, two colleagues, and an admin, who
/// moderates and so sees what is withheld.
struct People {
    t: TestApp,
    admin: User,
    ana: User,
    ben: User,
    cleo: User,
}

async fn people(db: TestDb) -> People {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let cleo = t.member("cleo@acme.test").await;
    People {
        t,
        admin,
        ana,
        ben,
        cleo,
    }
}

async fn withhold(p: &People, post: &Post, how: Withheld) {
    let admin = actor(&p.admin);
    let acting = Acting::new(&admin, "192.0.2.1");
    match how {
        Withheld::Hidden => {
            moderation::moderate(
                &p.t.app,
                acting,
                Subject::Post(post.id),
                "hide",
                "off topic",
            )
            .await
            .unwrap();
        }
        Withheld::Held => {
            moderation::add_watch_term(&p.t.app, acting, "project x", "hold")
                .await
                .unwrap();
            let body = format!("{} (project x)", post.body_markdown);
            posts::edit(&p.t.app, &actor(&p.ana), post.id, &body)
                .await
                .unwrap();
        }
    }
    let now = hearth_app::feeds::get(&p.t.app, &actor(&p.ana), post.id)
        .await
        .unwrap();
    assert_ne!(now.post.moderation, Moderation::Visible, "{how:?}");
}

/// Ana, who sees her withheld post, replies under it and mentions `whom`.
async fn reply_mentioning(p: &People, root: &Post, whom: &[&User]) {
    let mut body = String::from("See above,");
    for person in whom {
        body.push_str(&format!(" @{}", handle(&p.t, person).await));
    }
    posts::reply(&p.t.app, &actor(&p.ana), root.id, &body)
        .await
        .unwrap();
    p.t.app.settled().await;
}

async fn kinds(p: &People, user: &User) -> Vec<NotificationKind> {
    p.t.app.settled().await;
    notifications::list(&p.t.app, &actor(user), None, 100)
        .await
        .unwrap()
        .notifications
        .into_iter()
        .map(|n| n.kind)
        .collect()
}

/// Ben took part in Ana's thread and Cleo is mentioned in her reply after the thread
/// was withheld: neither may see it, so neither hears of it. The admin, mentioned
/// too, sees it and is told.
async fn replies_under_a_withheld_post_notify_only_those_who_see_it(db: TestDb, how: Withheld) {
    let p = people(db).await;
    let root = post_in(&p.t, &p.ana, None, "Where do we stand?").await;
    posts::reply(&p.t.app, &actor(&p.ben), root.id, "Here")
        .await
        .unwrap();
    withhold(&p, &root, how).await;
    reply_mentioning(&p, &root, &[&p.cleo, &p.admin]).await;

    assert!(kinds(&p, &p.ben).await.is_empty(), "{how:?}");
    assert!(kinds(&p, &p.cleo).await.is_empty(), "{how:?}");
    assert!(
        kinds(&p, &p.admin)
            .await
            .contains(&NotificationKind::Mention),
        "{how:?}: moderators see it, so they are told"
    );
}

async fn replies_under_a_hidden_post_notify_only_those_who_see_it(db: TestDb) {
    replies_under_a_withheld_post_notify_only_those_who_see_it(db, Withheld::Hidden).await;
}

async fn replies_under_a_held_post_notify_only_those_who_see_it(db: TestDb) {
    replies_under_a_withheld_post_notify_only_those_who_see_it(db, Withheld::Held).await;
}

/// Ben is mentioned before the post is withheld, Cleo in a reply after: mentions
/// are mailed by default, and neither is mailed anything. The admin sees the thread
/// in Hearth, but e-mail about withheld posts goes to their author alone.
async fn withheld_posts_are_mailed_to_nobody_who_may_not_see_them(db: TestDb, how: Withheld) {
    let p = people(db).await;
    let ben = handle(&p.t, &p.ben).await;
    let root = post_in(&p.t, &p.ana, None, &format!("A word, @{ben}")).await;
    withhold(&p, &root, how).await;
    reply_mentioning(&p, &root, &[&p.cleo, &p.admin]).await;

    p.t.clock.advance(Duration::from_secs(121));
    let transport = Recorder::default();
    let delivery = mail::deliver_due(&p.t.app, &transport).await.unwrap();
    assert!(transport.sent().is_empty(), "{how:?}: {delivery:?}");
    assert!(delivery.skipped >= 1, "{how:?}: {delivery:?}");
}

async fn a_hidden_post_and_replies_under_it_are_mailed_to_nobody_who_may_not_see_them(db: TestDb) {
    withheld_posts_are_mailed_to_nobody_who_may_not_see_them(db, Withheld::Hidden).await;
}

async fn a_held_post_and_replies_under_it_are_mailed_to_nobody_who_may_not_see_them(db: TestDb) {
    withheld_posts_are_mailed_to_nobody_who_may_not_see_them(db, Withheld::Held).await;
}

/// Ben and Cleo belong to Team and route mentions to the weekly digest. Ana's post
/// mentions Ben and is then withheld; her reply under it mentions Cleo. Neither the
/// post, nor its notifications, nor the reply's reach their digest, which still
/// carries the rest of the week.
async fn withheld_posts_stay_out_of_digests(db: TestDb, how: Withheld) {
    let p = people(db).await;
    let team = community(&p.t, &p.admin, "Team", "public").await;
    let weekly = [("mention".to_owned(), "weekly".to_owned())];
    for person in [&p.ana, &p.ben, &p.cleo] {
        communities::join(&p.t.app, &actor(person), team.id)
            .await
            .unwrap();
        notification_settings::set(&p.t.app, &actor(person), &weekly)
            .await
            .unwrap();
    }
    let ben = handle(&p.t, &p.ben).await;
    let root = post_in(&p.t, &p.ana, Some(&team), &format!("Secret plan, @{ben}")).await;
    withhold(&p, &root, how).await;
    reply_mentioning(&p, &root, &[&p.cleo]).await;
    post_in(&p.t, &p.admin, Some(&team), "Open news for everyone").await;

    p.t.clock.advance(Duration::from_secs(7 * 24 * 3600));
    digests::send(&p.t.app, DigestPeriod::Weekly, p.t.clock.now())
        .await
        .unwrap();
    for person in [&p.ben, &p.cleo] {
        let sent = digests_to(&p.t, person).await;
        assert_eq!(sent.len(), 1, "{how:?}: {sent:?}");
        let text = &sent[0].text;
        assert!(text.contains("Open news"), "{how:?}: {text}");
        assert!(!text.contains("Secret plan"), "{how:?}: {text}");
        assert!(!text.contains("mentioned you"), "{how:?}: {text}");
        assert!(
            !text.contains(&format!("/posts/{}", root.id)),
            "{how:?}: {text}"
        );
    }
}

async fn a_hidden_post_and_replies_under_it_stay_out_of_digests(db: TestDb) {
    withheld_posts_stay_out_of_digests(db, Withheld::Hidden).await;
}

async fn a_held_post_and_replies_under_it_stay_out_of_digests(db: TestDb) {
    withheld_posts_stay_out_of_digests(db, Withheld::Held).await;
}
