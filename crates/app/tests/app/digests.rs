//! The daily and weekly digests: what goes in, in which order, what stays out, and
//! that a period is sent once and only when there is something new.

use hearth_app::audit::Acting;
use hearth_app::communities::{self};
use hearth_app::digests;
use hearth_app::domain::{Actor, Community, DigestPeriod, Post, User};
use hearth_app::people::{self, PersonRef};
use hearth_app::posts::{self};
use hearth_app::{lifecycle, notification_settings};
use hearth_testkit::{TestApp, TestDb, both_backends, sqlx};
use std::time::Duration;

both_backends!(
    engaging_posts_come_first_and_told_or_own_posts_stay_out,
    nothing_new_sends_nothing_and_a_period_is_sent_once,
    deactivated_people_and_unreadable_content_are_left_out,
    the_daily_digest_carries_only_what_is_routed_to_it,
);

const WEEK: Duration = Duration::from_secs(7 * 24 * 3600);
const DAY: Duration = Duration::from_secs(24 * 3600);

pub(crate) fn actor(user: &User) -> Actor {
    Actor::User(user.clone())
}

pub(crate) async fn community(
    t: &TestApp,
    owner: &User,
    name: &str,
    visibility: &str,
) -> Community {
    t.community(owner, name, visibility).await
}

pub(crate) async fn post_in(
    t: &TestApp,
    author: &User,
    community: Option<&Community>,
    body: &str,
) -> Post {
    t.post(author, community, body).await
}

#[derive(Debug)]
pub(crate) struct Sent {
    pub(crate) key: String,
    pub(crate) subject: String,
    pub(crate) text: String,
    pub(crate) html: String,
}

pub(crate) async fn digests_to(t: &TestApp, user: &User) -> Vec<Sent> {
    let mut db = t.app.store().conn().await.unwrap();
    let rows: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT idempotency_key, subject, body_text, body_html FROM outbox \
         WHERE kind = 'digest' AND user_id = $1 ORDER BY id",
    )
    .bind(user.id.0)
    .fetch_all(&mut *db)
    .await
    .unwrap();
    rows.into_iter()
        .map(|(key, subject, text, html)| Sent {
            key,
            subject,
            text,
            html,
        })
        .collect()
}

async fn engaging_posts_come_first_and_told_or_own_posts_stay_out(db: TestDb) {
    let t = TestApp::new(db).await;
    let owner = t.member("olga@acme.test").await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let cleo = t.member("cleo@acme.test").await;
    let team = community(&t, &owner, "Team <Core>", "public").await;
    for person in [&ana, &ben, &cleo] {
        communities::join(&t.app, &actor(person), team.id)
            .await
            .unwrap();
    }
    let quiet = post_in(&t, &ben, Some(&team), "A quiet note").await;
    let hot = post_in(&t, &cleo, Some(&team), "Hot <b>take</b> & more").await;
    posts::react(&t.app, &actor(&ben), hot.id, "like", true)
        .await
        .unwrap();
    posts::reply(&t.app, &actor(&owner), hot.id, "Agreed")
        .await
        .unwrap();
    let own = post_in(&t, &ana, Some(&team), "My own news").await;
    posts::react(&t.app, &actor(&ben), own.id, "celebrate", true)
        .await
        .unwrap();
    let emailed = post_in(&t, &ben, Some(&team), "Already told by e-mail").await;
    posts::reply(&t.app, &actor(&owner), emailed.id, "Yes")
        .await
        .unwrap();
    posts::react(&t.app, &actor(&cleo), emailed.id, "like", true)
        .await
        .unwrap();
    {
        // As the mail worker records an e-mail about Ana's notification of it.
        let mut db = t.app.store().conn().await.unwrap();
        sqlx::query(
            "INSERT INTO notifications (id, network_id, user_id, kind, subject_kind, subject_id, \
             group_key, actor_ids, actor_count, excerpt, created_at, updated_at, emailed_at) \
             VALUES ($1, $2, $3, 'mention', 'post', $4, 'told', $5, 1, '', $6, $6, $6)",
        )
        .bind(emailed.id.0 + 1)
        .bind(ana.network_id.0)
        .bind(ana.id.0)
        .bind(emailed.id.0)
        .bind(ben.id.0.to_string())
        .bind(t.clock.now())
        .execute(&mut *db)
        .await
        .unwrap();
    }

    t.clock.advance(WEEK);
    let report = digests::send(&t.app, DigestPeriod::Weekly, t.clock.now())
        .await
        .unwrap();
    assert!(report.emails_enqueued >= 1, "{report:?}");
    let sent = digests_to(&t, &ana).await;
    assert_eq!(sent.len(), 1, "{sent:?}");
    let digest = &sent[0];
    assert!(
        digest
            .key
            .starts_with(&format!("digest:weekly:{}:", ana.id))
    );
    assert_eq!(
        digest.subject,
        "Your weekly digest: 2 posts and 1 notification"
    );
    let hot_at = digest.text.find("Hot <b>take</b>").expect("the hot post");
    let quiet_at = digest.text.find("A quiet note").expect("the quiet post");
    assert!(hot_at < quiet_at, "most engaging first: {}", digest.text);
    let (_, popular) = digest.text.split_once("POPULAR").expect("a posts section");
    assert!(!popular.contains("My own news"), "{}", digest.text);
    assert!(!digest.text.contains("Already told"), "{}", digest.text);
    assert!(
        digest.text.contains("Ben reacted to your post"),
        "{}",
        digest.text
    );
    assert!(digest.text.contains(&format!("/posts/{}", quiet.id)));
    assert!(digest.text.contains("/settings/notifications"));
    assert!(digest.text.contains("/unsubscribe?token="));
    // Everything people wrote is escaped in the HTML.
    assert!(
        digest
            .html
            .contains("Hot &lt;b&gt;take&lt;/b&gt; &amp; more")
    );
    assert!(digest.html.contains("Team &lt;Core&gt;"));
    assert!(!digest.html.contains("<b>take"));
    assert!(digest.html.contains("/settings/notifications"));

    // The reaction notification was digested: it is not told twice.
    let mut db = t.app.store().conn().await.unwrap();
    let undigested: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND kind = 'reaction' \
         AND digested_at IS NULL",
    )
    .bind(ana.id.0)
    .fetch_one(&mut *db)
    .await
    .unwrap();
    assert_eq!(undigested, 0);
}

async fn nothing_new_sends_nothing_and_a_period_is_sent_once(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let dan = t.member("dan@acme.test").await;
    people::follow(&t.app, &actor(&ana), &PersonRef::Id(ben.id))
        .await
        .unwrap();
    post_in(&t, &ben, None, "Ben's weekly update").await;

    t.clock.advance(WEEK);
    let now = t.clock.now();
    let first = digests::send(&t.app, DigestPeriod::Weekly, now)
        .await
        .unwrap();
    assert_eq!(first.people_considered, 3, "{first:?}");
    assert_eq!(first.emails_enqueued, 1, "{first:?}");
    assert_eq!(first.nothing_new, 2, "{first:?}");
    assert_eq!(digests_to(&t, &ana).await.len(), 1);
    assert!(
        digests_to(&t, &dan).await.is_empty(),
        "nothing new, nothing sent"
    );
    assert!(
        digests_to(&t, &ben).await.is_empty(),
        "own posts are not news"
    );

    // Running again later the same day, which covers the same period, sends nothing
    // more. An hour later, but never past midnight: the clock starts at the real time,
    // and from the last hour of a UTC day an hour later covers the next period.
    let (_, today) = digests::period_bounds(DigestPeriod::Weekly, now);
    let later = (now + 3_600_000).min(today + 24 * 3_600_000 - 1);
    let again = digests::send(&t.app, DigestPeriod::Weekly, later)
        .await
        .unwrap();
    assert_eq!(again.emails_enqueued, 0, "{again:?}");
    assert_eq!(again.already_enqueued, 1, "{again:?}");
    assert_eq!(digests_to(&t, &ana).await.len(), 1);

    // The next week has nothing new: the same post is not news twice.
    t.clock.advance(WEEK);
    let next = digests::send(&t.app, DigestPeriod::Weekly, t.clock.now())
        .await
        .unwrap();
    assert_eq!(next.emails_enqueued, 0, "{next:?}");

    // Someone who routes nothing to the weekly digest is not even considered.
    let everything_app: Vec<(String, String)> = hearth_app::domain::NotificationKind::ALL
        .iter()
        .map(|k| (k.as_str().to_owned(), "app".to_owned()))
        .collect();
    notification_settings::set(&t.app, &actor(&dan), &everything_app)
        .await
        .unwrap();
    let after = digests::send(&t.app, DigestPeriod::Weekly, t.clock.now())
        .await
        .unwrap();
    assert_eq!(after.people_considered, 2, "{after:?}");
}

async fn deactivated_people_and_unreadable_content_are_left_out(db: TestDb) {
    let t = TestApp::new(db).await;
    let owner = t.member("olga@acme.test").await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let eve = t.member("eve@acme.test").await;
    let closed = community(&t, &owner, "Closed", "private").await;
    communities::join(&t.app, &actor(&ben), closed.id)
        .await
        .unwrap();
    communities::approve(&t.app, &actor(&owner), closed.id, ben.id)
        .await
        .unwrap();
    for reader in [&ana, &eve] {
        people::follow(&t.app, &actor(reader), &PersonRef::Id(ben.id))
            .await
            .unwrap();
    }
    post_in(&t, &ben, Some(&closed), "Members only secret").await;
    post_in(&t, &ben, None, "For everyone").await;
    let gone = post_in(&t, &ben, None, "Deleted later").await;
    posts::delete(&t.app, &actor(&ben), gone.id).await.unwrap();
    lifecycle::deactivate(&t.app, Acting::operator(), eve.id, "left")
        .await
        .unwrap();

    t.clock.advance(WEEK);
    digests::send(&t.app, DigestPeriod::Weekly, t.clock.now())
        .await
        .unwrap();
    let sent = digests_to(&t, &ana).await;
    assert_eq!(sent.len(), 1);
    assert!(sent[0].text.contains("For everyone"), "{}", sent[0].text);
    assert!(!sent[0].text.contains("Members only"), "{}", sent[0].text);
    assert!(!sent[0].text.contains("Deleted later"), "{}", sent[0].text);
    assert!(digests_to(&t, &eve).await.is_empty(), "deactivated");
}

async fn the_daily_digest_carries_only_what_is_routed_to_it(db: TestDb) {
    let t = TestApp::new(db).await;
    let owner = t.member("olga@acme.test").await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let team = community(&t, &owner, "Team", "public").await;
    notification_settings::subscribe(&t.app, &actor(&ana), team.id, "daily")
        .await
        .unwrap();
    post_in(&t, &owner, Some(&team), "Daily news").await;

    t.clock.advance(DAY);
    let daily = digests::send(&t.app, DigestPeriod::Daily, t.clock.now())
        .await
        .unwrap();
    assert_eq!(
        daily.people_considered, 1,
        "only Ana routes to it: {daily:?}"
    );
    let sent = digests_to(&t, &ana).await;
    assert_eq!(sent.len(), 1);
    assert!(sent[0].key.starts_with("digest:daily:"));
    assert!(
        sent[0]
            .text
            .contains("Olga posted in a community you follow"),
        "{}",
        sent[0].text
    );
    assert!(digests_to(&t, &ben).await.is_empty());

    // The weekly digest does not repeat the notification the daily one carried; Ana
    // is no member of Team, so the post itself is no weekly news for her either.
    t.clock.advance(WEEK);
    let weekly = digests::send(&t.app, DigestPeriod::Weekly, t.clock.now())
        .await
        .unwrap();
    assert_eq!(weekly.emails_enqueued, 0, "{weekly:?}");
}
