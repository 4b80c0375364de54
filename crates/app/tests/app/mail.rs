//! E-mail through the outbox: what is mailed, when, to whom, and what is not.

use hearth_app::audit::Acting;
use hearth_app::chat;
use hearth_app::communities::{self};
use hearth_app::domain::{Actor, User};
use hearth_app::mail::{self, Email, SendError, Transport};
use hearth_app::posts::{self, NewPost};
use hearth_app::{App, AppError, AppSettings, lifecycle, notifications, people};
use hearth_store::outbox;
use hearth_testkit::{TestApp, TestDb, both_backends};
use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

both_backends!(
    a_mention_is_mailed_once_after_the_delay,
    a_conversations_burst_coalesces_into_one_mail,
    a_notification_read_meanwhile_is_not_mailed,
    the_hourly_cap_holds_and_leaves_the_rest_for_the_digest,
    a_batch_goes_out_over_several_conversations_and_a_persons_mail_in_turn,
    a_deactivated_person_is_sent_nothing,
    nobody_is_mailed_about_what_they_may_no_longer_see,
    leaving_a_private_community_stops_mail_about_its_posts,
    failures_back_off_and_are_parked_where_admins_see_them,
    unsubscribing_needs_no_session_and_refuses_a_tampered_token,
    two_workers_never_send_one_mail_twice,
    a_claim_too_short_for_a_conversation_is_renewed_before_it,
    an_email_whose_claim_another_worker_took_is_left_to_it,
    a_community_subscribed_by_email_mails_its_new_posts,
);

/// Records what it is given; fails while `failing` is set.
#[derive(Clone, Default)]
pub(crate) struct Recorder {
    sent: Arc<Mutex<Vec<Email>>>,
    failing: Arc<Mutex<bool>>,
}

impl Transport for Recorder {
    async fn send(&self, email: &Email) -> Result<(), SendError> {
        if *self.failing.lock().unwrap() {
            return Err(SendError {
                message: "451 try again later".to_owned(),
                permanent: false,
            });
        }
        self.sent.lock().unwrap().push(email.clone());
        Ok(())
    }
}

impl Recorder {
    pub(crate) fn sent(&self) -> Vec<Email> {
        self.sent.lock().unwrap().clone()
    }
}

fn actor(user: &User) -> Actor {
    Actor::User(user.clone())
}

async fn handle(app: &App, user: &User) -> String {
    people::get(app, &actor(user), &people::PersonRef::Id(user.id))
        .await
        .unwrap()
        .profile
        .handle
}

/// Posts a mention of `whom`, and waits until it is told about (and queued to mail).
pub(crate) async fn mention(
    app: &App,
    author: &User,
    whom: &User,
    text: &str,
) -> hearth_app::domain::Post {
    let handle = handle(app, whom).await;
    let post = posts::create(
        app,
        &actor(author),
        &NewPost {
            body: format!("{text} @{handle}"),
            ..NewPost::default()
        },
    )
    .await
    .unwrap();
    app.settled().await;
    post
}

async fn count(app: &App, state: &str) -> i64 {
    let mut db = app.store().conn().await.unwrap();
    outbox::count_in_state(&mut db, state).await.unwrap()
}

fn past_the_delay(t: &TestApp) {
    t.clock.advance(Duration::from_secs(121));
}

async fn a_mention_is_mailed_once_after_the_delay(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let post = mention(&t.app, &ana, &ben, "Lunch? <b>now</b>").await;
    let transport = Recorder::default();

    let early = mail::deliver_due(&t.app, &transport).await.unwrap();
    assert_eq!(early.claimed(), 0, "nothing goes before the delay");
    past_the_delay(&t);
    let due = mail::deliver_due(&t.app, &transport).await.unwrap();
    assert_eq!(due.sent, 1);

    let sent = transport.sent();
    assert_eq!(sent.len(), 1);
    let email = &sent[0];
    assert_eq!(email.to, "ben@acme.test");
    assert_eq!(email.subject, "Ana mentioned you");
    let link = format!("http://localhost:8080/posts/{}", post.id.0);
    assert!(email.body_text.contains(&link), "{}", email.body_text);
    assert!(email.body_html.contains(&format!("href=\"{link}\"")));
    assert!(
        email.body_html.contains("&lt;b&gt;now&lt;/b&gt;"),
        "excerpt escaped"
    );
    let unsubscribe = email.list_unsubscribe.as_deref().unwrap();
    assert!(
        unsubscribe.starts_with("http://localhost:8080/unsubscribe?token="),
        "{unsubscribe}"
    );
    assert!(email.body_text.contains(unsubscribe));
    assert!(
        email
            .body_text
            .contains("http://localhost:8080/settings/notifications")
    );

    // Ana is not told about her own post; Ben's e-mail goes once.
    past_the_delay(&t);
    let again = mail::deliver_due(&t.app, &transport).await.unwrap();
    assert_eq!(again.claimed(), 0);
    assert_eq!(transport.sent().len(), 1);
    assert_eq!(count(&t.app, "sent").await, 1);
}

async fn a_conversations_burst_coalesces_into_one_mail(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let direct = chat::start_direct(&t.app, &actor(&ana), ben.id)
        .await
        .unwrap();
    let id = direct.view.conversation.id;
    for body in ["Hi", "Are you there?", "Call me"] {
        chat::send(&t.app, &actor(&ana), id, body).await.unwrap();
    }
    past_the_delay(&t);
    let transport = Recorder::default();
    let delivery = mail::deliver_due(&t.app, &transport).await.unwrap();
    assert_eq!(delivery.sent, 1);
    let sent = transport.sent();
    assert_eq!(sent.len(), 1, "three messages, one e-mail");
    assert_eq!(sent[0].subject, "Ana sent you a message");
    assert!(
        sent[0].body_text.contains("Call me"),
        "the newest text: {}",
        sent[0].body_text
    );
    assert!(sent[0].body_text.contains(&format!("/chat/{}", id.0)));
}

async fn a_notification_read_meanwhile_is_not_mailed(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    mention(&t.app, &ana, &ben, "Look").await;
    notifications::mark_all_read(&t.app, &actor(&ben))
        .await
        .unwrap();
    past_the_delay(&t);
    let transport = Recorder::default();
    let delivery = mail::deliver_due(&t.app, &transport).await.unwrap();
    assert_eq!((delivery.sent, delivery.skipped), (0, 1));
    assert!(transport.sent().is_empty());
    assert_eq!(count(&t.app, "skipped").await, 1);
}

async fn the_hourly_cap_holds_and_leaves_the_rest_for_the_digest(db: TestDb) {
    let clock = hearth_testkit::ManualClock::starting_now();
    let settings = AppSettings {
        node_id: 7,
        mail_cap_per_hour: 2,
        ..AppSettings::default()
    };
    let app = App::new(db.store().await, settings, clock.as_clock()).unwrap();
    let t = TestApp::from_parts(app, clock, db);
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let mut posts = Vec::new();
    for i in 0..4 {
        posts.push(mention(&t.app, &ana, &ben, &format!("Item {i}")).await);
    }
    past_the_delay(&t);
    let transport = Recorder::default();
    let delivery = mail::deliver_due(&t.app, &transport).await.unwrap();
    assert_eq!((delivery.sent, delivery.skipped), (2, 2));
    assert_eq!(transport.sent().len(), 2);

    // The two over the cap stay un-emailed, so the digest still tells them.
    let mut db = t.app.store().conn().await.unwrap();
    let unmailed: i64 = hearth_testkit::sqlx::query_scalar(
        "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND emailed_at IS NULL",
    )
    .bind(ben.id.0)
    .fetch_one(&mut *db)
    .await
    .unwrap();
    assert_eq!(unmailed, 2);

    // An hour later the cap has room again.
    t.clock.advance(Duration::from_secs(3601));
    mention(&t.app, &ana, &ben, "Later").await;
    past_the_delay(&t);
    let later = mail::deliver_due(&t.app, &transport).await.unwrap();
    assert_eq!(later.sent, 1);
}

/// Holds each conversation open until as many are open as may be (`at_once`, or all
/// the e-mails left), like a relay queueing each message safely, so that what it sees
/// does not depend on how fast the machine is; notes how many were open at once and
/// whether one person had two.
#[derive(Clone)]
struct SlowRelay {
    at_once: usize,
    emails: usize,
    open: Arc<Mutex<OpenConversations>>,
}

#[derive(Default)]
struct OpenConversations {
    recipients: HashSet<String>,
    most_at_once: usize,
    one_person_twice_at_once: bool,
    sent: usize,
}

impl Transport for SlowRelay {
    async fn send(&self, email: &Email) -> Result<(), SendError> {
        {
            let mut open = self.open.lock().unwrap();
            open.one_person_twice_at_once |= !open.recipients.insert(email.to.clone());
            open.most_at_once = open.most_at_once.max(open.recipients.len());
        }
        // Bounded, so that a worker holding fewer conversations fails the test rather
        // than hanging it.
        let given_up_at = std::time::Instant::now() + Duration::from_secs(5);
        loop {
            {
                let open = self.open.lock().unwrap();
                let left = self.emails - open.sent;
                if open.recipients.len() >= self.at_once.min(left) {
                    break;
                }
            }
            if std::time::Instant::now() > given_up_at {
                break;
            }
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        let mut open = self.open.lock().unwrap();
        open.recipients.remove(&email.to);
        open.sent += 1;
        Ok(())
    }
}

async fn a_batch_goes_out_over_several_conversations_and_a_persons_mail_in_turn(db: TestDb) {
    let clock = hearth_testkit::ManualClock::starting_now();
    let settings = AppSettings {
        mail_concurrency: 3,
        ..AppSettings::default()
    };
    let app = App::new(db.store().await, settings, clock.as_clock()).unwrap();
    let t = TestApp::from_parts(app, clock, db);
    let ana = t.member("ana@acme.test").await;
    let mut mentioned = Vec::new();
    for name in ["ben", "cat", "dan", "eve", "fay"] {
        mentioned.push(t.member(&format!("{name}@acme.test")).await);
    }
    // Each person's two e-mails one after the other in the outbox, so that sending the
    // batch in its order, three at a time, would overlap them.
    for whom in &mentioned {
        for round in 0..2 {
            mention(&t.app, &ana, whom, &format!("Round {round}")).await;
        }
    }
    past_the_delay(&t);
    let relay = SlowRelay {
        at_once: 3,
        emails: 10,
        open: Arc::default(),
    };
    let delivery = mail::deliver_due(&t.app, &relay).await.unwrap();
    assert_eq!(delivery.sent, 10);
    let open = relay.open.lock().unwrap();
    assert_eq!(open.sent, 10);
    assert_eq!(
        open.most_at_once, 3,
        "five recipients, three conversations allowed at once"
    );
    assert!(
        !open.one_person_twice_at_once,
        "one person's e-mails must go one after another, for the hourly cap"
    );
}

async fn a_deactivated_person_is_sent_nothing(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    mention(&t.app, &ana, &ben, "Bye").await;
    let admin_actor = actor(&admin);
    lifecycle::deactivate(
        &t.app,
        Acting::new(&admin_actor, "127.0.0.1"),
        ben.id,
        "left",
    )
    .await
    .unwrap();
    past_the_delay(&t);
    let transport = Recorder::default();
    let delivery = mail::deliver_due(&t.app, &transport).await.unwrap();
    assert_eq!((delivery.sent, delivery.skipped), (0, 1));
    assert!(transport.sent().is_empty());
}

async fn nobody_is_mailed_about_what_they_may_no_longer_see(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let post = mention(&t.app, &ana, &ben, "Oops, wrong person").await;
    posts::delete(&t.app, &actor(&ana), post.id).await.unwrap();
    past_the_delay(&t);
    let transport = Recorder::default();
    let delivery = mail::deliver_due(&t.app, &transport).await.unwrap();
    assert_eq!((delivery.sent, delivery.skipped), (0, 1));
    assert!(transport.sent().is_empty());
}

async fn leaving_a_private_community_stops_mail_about_its_posts(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let board = t.community(&ana, "Board", "private").await;
    communities::invite(&t.app, &actor(&ana), board.id, ben.id)
        .await
        .unwrap();
    communities::join(&t.app, &actor(&ben), board.id)
        .await
        .unwrap();
    let handle = handle(&t.app, &ben).await;
    posts::create(
        &t.app,
        &actor(&ana),
        &NewPost {
            community_id: Some(board.id),
            body: format!("Board only, @{handle}"),
            ..NewPost::default()
        },
    )
    .await
    .unwrap();
    t.app.settled().await;
    assert_eq!(
        count(&t.app, "pending").await,
        1,
        "Ben could read it when told"
    );
    communities::remove(&t.app, &actor(&ana), board.id, ben.id)
        .await
        .unwrap();
    past_the_delay(&t);
    let transport = Recorder::default();
    let delivery = mail::deliver_due(&t.app, &transport).await.unwrap();
    assert_eq!((delivery.sent, delivery.skipped), (0, 1));
    assert!(transport.sent().is_empty());
}

async fn failures_back_off_and_are_parked_where_admins_see_them(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    mention(&t.app, &ana, &ben, "Hello").await;
    past_the_delay(&t);
    let transport = Recorder::default();
    *transport.failing.lock().unwrap() = true;
    let first = mail::deliver_due(&t.app, &transport).await.unwrap();
    assert_eq!(first.failed, 1);
    // Backing off: not retried at once.
    let at_once = mail::deliver_due(&t.app, &transport).await.unwrap();
    assert_eq!(at_once.claimed(), 0);
    let mut parked = 0;
    for _ in 1..mail::MAX_ATTEMPTS {
        t.clock.advance(Duration::from_secs(3 * 3600));
        parked += mail::deliver_due(&t.app, &transport).await.unwrap().parked;
    }
    assert_eq!(parked, 1, "parked after the last try");
    assert_eq!(count(&t.app, "parked").await, 1);
    t.clock.advance(Duration::from_secs(24 * 3600));
    *transport.failing.lock().unwrap() = false;
    assert_eq!(
        mail::deliver_due(&t.app, &transport)
            .await
            .unwrap()
            .claimed(),
        0
    );

    let listed = mail::list_outbox(&t.app, &actor(&admin), "parked")
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].recipient, ben.id);
    assert_eq!(listed[0].attempts, mail::MAX_ATTEMPTS);
    assert!(listed[0].last_error.contains("451"));
    let refused = mail::list_outbox(&t.app, &actor(&ana), "parked").await;
    assert!(
        matches!(refused, Err(AppError::Forbidden(_))),
        "{refused:?}"
    );
    let bad = mail::list_outbox(&t.app, &actor(&admin), "lost").await;
    assert!(matches!(bad, Err(AppError::Invalid(_))), "{bad:?}");
}

async fn unsubscribing_needs_no_session_and_refuses_a_tampered_token(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    mention(&t.app, &ana, &ben, "First").await;
    past_the_delay(&t);
    let transport = Recorder::default();
    mail::deliver_due(&t.app, &transport).await.unwrap();
    let url = transport.sent()[0].list_unsubscribe.clone().unwrap();
    let token = url.split_once("token=").unwrap().1.to_owned();

    let checked = mail::check_unsubscribe(&t.app, &token).await.unwrap();
    assert_eq!(checked.user, ben.id);
    assert_eq!(checked.scope, "mention");

    // Pointing the token at Ana or at every kind breaks its signature.
    let (_, rest) = token.split_once('.').unwrap();
    let at_ana = format!("{}.{rest}", ana.id.0);
    for bad in [at_ana.as_str(), "garbage", &token[..token.len() - 2]] {
        let refused = mail::unsubscribe(&t.app, bad).await;
        assert!(matches!(refused, Err(AppError::Invalid(_))), "{refused:?}");
    }
    notifications::mark_all_read(&t.app, &actor(&ben))
        .await
        .unwrap();
    mention(&t.app, &ana, &ben, "Still mailed").await;
    past_the_delay(&t);
    assert_eq!(mail::deliver_due(&t.app, &transport).await.unwrap().sent, 1);

    let done = mail::unsubscribe(&t.app, &token).await.unwrap();
    assert_eq!(done.user, ben.id);
    notifications::mark_all_read(&t.app, &actor(&ben))
        .await
        .unwrap();
    mention(&t.app, &ana, &ben, "Not mailed").await;
    past_the_delay(&t);
    assert_eq!(
        mail::deliver_due(&t.app, &transport)
            .await
            .unwrap()
            .claimed(),
        0
    );
    assert_eq!(transport.sent().len(), 2);
}

async fn two_workers_never_send_one_mail_twice(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let mut people = Vec::new();
    for i in 0..12 {
        people.push(t.member(&format!("person{i}@acme.test")).await);
    }
    for person in &people {
        mention(&t.app, &ana, person, "All hands").await;
    }
    past_the_delay(&t);
    let transport = Recorder::default();
    let (a, b) = tokio::join!(
        mail::deliver_due(&t.app, &transport),
        mail::deliver_due(&t.app, &transport)
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    let total = a.sent + b.sent;
    assert_eq!(total, people.len());
    let mut ids: Vec<String> = transport.sent().into_iter().map(|e| e.message_id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), people.len(), "each e-mail once");
}

/// Takes `per_email` of the test clock over each e-mail; during the `other_claims_at`-th,
/// another worker claims whatever is due and unclaimed by then.
#[derive(Clone)]
struct TimedRelay {
    app: App,
    clock: hearth_testkit::ManualClock,
    per_email: Duration,
    other_claims_at: usize,
    sent: Arc<Mutex<Vec<Email>>>,
    claimed_by_the_other: Arc<Mutex<Vec<i64>>>,
}

impl TimedRelay {
    fn new(t: &TestApp, per_email: Duration, other_claims_at: usize) -> Self {
        Self {
            app: t.app.clone(),
            clock: t.clock.clone(),
            per_email,
            other_claims_at,
            sent: Arc::default(),
            claimed_by_the_other: Arc::default(),
        }
    }
}

impl Transport for TimedRelay {
    async fn send(&self, email: &Email) -> Result<(), SendError> {
        self.clock.advance(self.per_email);
        let nth = {
            let mut sent = self.sent.lock().unwrap();
            sent.push(email.clone());
            sent.len()
        };
        if nth == self.other_claims_at {
            let now = self.app.now();
            let mut tx = self.app.store().begin().await.unwrap();
            let taken = outbox::claim_due(&mut tx, "the-other-node", now, now + 60_000, 50)
                .await
                .unwrap();
            tx.commit().await.unwrap();
            *self.claimed_by_the_other.lock().unwrap() = taken.iter().map(|row| row.id).collect();
        }
        Ok(())
    }
}

/// Three mentions of one person: three e-mails in one lane, sent one after another.
async fn three_emails_to_one_person(t: &TestApp) {
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    for i in 0..3 {
        mention(&t.app, &ana, &ben, &format!("Point {i}")).await;
    }
    past_the_delay(t);
}

async fn a_claim_too_short_for_a_conversation_is_renewed_before_it(db: TestDb) {
    let t = TestApp::new(db).await;
    three_emails_to_one_person(&t).await;
    // 31 s an e-mail against a 60 s claim: when the second e-mail begins, half of the
    // claim is gone; during it the batch's claim runs out, and another node looks.
    let relay = TimedRelay::new(&t, Duration::from_secs(31), 2);
    let delivery = mail::deliver_due(&t.app, &relay).await.unwrap();
    assert_eq!(
        relay.claimed_by_the_other.lock().unwrap().len(),
        1,
        "the other node takes the third e-mail, not the second, renewed as it began"
    );
    assert_eq!(delivery.sent, 2);
    assert_eq!(relay.sent.lock().unwrap().len(), 2);
    assert_eq!(count(&t.app, "sent").await, 2);
}

async fn an_email_whose_claim_another_worker_took_is_left_to_it(db: TestDb) {
    let t = TestApp::new(db).await;
    three_emails_to_one_person(&t).await;
    // The first conversation outlasts the claim, and another node claims the batch.
    let relay = TimedRelay::new(&t, Duration::from_secs(61), 1);
    mail::deliver_due(&t.app, &relay).await.unwrap();
    assert_eq!(relay.claimed_by_the_other.lock().unwrap().len(), 3);
    assert_eq!(
        relay.sent.lock().unwrap().len(),
        1,
        "the two not yet begun are the other node's to send"
    );
    assert_eq!(count(&t.app, "sent").await, 0);
}

async fn a_community_subscribed_by_email_mails_its_new_posts(db: TestDb) {
    let t = TestApp::new(db).await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let cleo = t.member("cleo@acme.test").await;
    let community = t.community(&ana, "Warehouse", "public").await;
    // Ben wants every new post by e-mail; Cleo only in the app.
    hearth_app::notification_settings::subscribe(&t.app, &actor(&ben), community.id, "email")
        .await
        .unwrap();
    hearth_app::notification_settings::subscribe(&t.app, &actor(&cleo), community.id, "app")
        .await
        .unwrap();
    posts::create(
        &t.app,
        &actor(&ana),
        &NewPost {
            community_id: Some(community.id),
            body: "Inventory on Friday".to_owned(),
            ..NewPost::default()
        },
    )
    .await
    .unwrap();
    t.app.settled().await;
    past_the_delay(&t);
    let transport = Recorder::default();
    mail::deliver_due(&t.app, &transport).await.unwrap();
    let to: Vec<String> = transport.sent().into_iter().map(|e| e.to).collect();
    assert_eq!(to, ["ben@acme.test"]);
}
