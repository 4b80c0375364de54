//! E-mail is written in its recipient's language: their own choice, else their
//! network's default, whoever else is mailed in the same run.

use crate::digests::digests_to;
use crate::mail::Recorder;
use hearth_app::audit::Acting;
use hearth_app::domain::{Actor, DigestPeriod, User};
use hearth_app::mail::{self, Email};
use hearth_app::people::{self, PersonRef};
use hearth_app::posts::{self, NewPost};
use hearth_app::{App, digests, languages};
use hearth_testkit::{TestApp, TestDb, both_backends};
use std::time::Duration;

both_backends!(
    notification_emails_speak_each_recipients_language,
    digests_speak_each_recipients_language,
);

const WEEK: Duration = Duration::from_secs(7 * 24 * 3600);

fn actor(user: &User) -> Actor {
    Actor::User(user.clone())
}

async fn handle(app: &App, user: &User) -> String {
    people::get(app, &actor(user), &PersonRef::Id(user.id))
        .await
        .unwrap()
        .profile
        .handle
}

async fn mention_both(app: &App, author: &User, whom: [&User; 2], text: &str) {
    let (first, second) = (handle(app, whom[0]).await, handle(app, whom[1]).await);
    posts::create(
        app,
        &actor(author),
        &NewPost {
            body: format!("{text} @{first} @{second}"),
            ..NewPost::default()
        },
    )
    .await
    .unwrap();
    app.settled().await;
}

async fn deliver(t: &TestApp) -> Vec<Email> {
    t.clock.advance(Duration::from_secs(121));
    let transport = Recorder::default();
    mail::deliver_due(&t.app, &transport).await.unwrap();
    transport.sent()
}

fn to<'a>(sent: &'a [Email], whom: &User) -> &'a Email {
    let mut theirs = sent.iter().filter(|email| email.to == whom.email.as_str());
    let email = theirs.next().unwrap_or_else(|| panic!("{sent:?}"));
    assert!(theirs.next().is_none(), "one each: {sent:?}");
    email
}

async fn notification_emails_speak_each_recipients_language(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let cleo = t.member("cleo@acme.test").await;
    languages::set_own(&t.app, &actor(&ben), Some("de"))
        .await
        .unwrap();

    mention_both(&t.app, &ana, [&ben, &cleo], "Lunch?").await;
    let sent = deliver(&t).await;
    let german = to(&sent, &ben);
    assert_eq!(german.subject, "Ana hat Sie erwähnt");
    assert!(
        german.body_text.starts_with("Ana hat Sie erwähnt.\n"),
        "{}",
        german.body_text
    );
    assert!(german.body_text.contains("In Hearth öffnen: http"));
    assert!(german.body_text.contains("Diese E-Mails abbestellen: http"));
    assert!(
        german.body_html.contains(">diese E-Mails abbestellen</a>."),
        "{}",
        german.body_html
    );
    assert!(!german.body_text.contains("Open it in Hearth"));
    let english = to(&sent, &cleo);
    assert_eq!(english.subject, "Ana mentioned you");
    assert!(english.body_text.contains("Open it in Hearth: http"));
    assert!(
        english
            .body_text
            .contains("You get this e-mail because of your notification settings.\n")
    );

    // Cleo chose nothing: the network's default decides; Ben's own choice stays.
    languages::set_default(&t.app, Acting::new(&actor(&admin), "192.0.2.1"), "pt-BR")
        .await
        .unwrap();
    mention_both(&t.app, &ana, [&ben, &cleo], "Coffee?").await;
    let sent = deliver(&t).await;
    assert_eq!(to(&sent, &cleo).subject, "Ana mencionou você");
    assert!(
        to(&sent, &cleo).body_text.contains("Abrir no Hearth: http"),
        "{}",
        to(&sent, &cleo).body_text
    );
    assert_eq!(to(&sent, &ben).subject, "Ana hat Sie erwähnt");
}

async fn digests_speak_each_recipients_language(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    let cleo = t.member("cleo@acme.test").await;
    let dan = t.member("dan@acme.test").await;
    languages::set_own(&t.app, &actor(&ana), Some("de"))
        .await
        .unwrap();
    languages::set_own(&t.app, &actor(&ben), Some("en"))
        .await
        .unwrap();
    languages::set_default(&t.app, Acting::new(&actor(&admin), "192.0.2.1"), "de")
        .await
        .unwrap();
    for reader in [&ana, &ben, &dan] {
        people::follow(&t.app, &actor(reader), &PersonRef::Id(cleo.id))
            .await
            .unwrap();
    }
    t.post(&cleo, None, "Cleo's weekly update").await;
    let own = t.post(&ana, None, "Ana's own news").await;
    // Reactions wait for the weekly digest.
    posts::react(&t.app, &actor(&ben), own.id, "like", true)
        .await
        .unwrap();

    t.clock.advance(WEEK);
    digests::send(&t.app, DigestPeriod::Weekly, t.clock.now())
        .await
        .unwrap();

    let german = digests_to(&t, &ana).await;
    assert_eq!(german.len(), 1, "{german:?}");
    assert_eq!(
        german[0].subject,
        "Ihre wöchentliche Zusammenfassung: 1 Beitrag und 1 Benachrichtigung"
    );
    assert!(german[0].text.starts_with("Hallo "), "{}", german[0].text);
    assert!(
        german[0]
            .text
            .contains("- Ben hat auf Ihren Beitrag reagiert\n"),
        "{}",
        german[0].text
    );
    assert!(german[0].text.contains("0 Reaktionen · 0 Antworten"));
    assert!(
        german[0]
            .html
            .contains(">Benachrichtigungseinstellungen</a>. <a"),
        "{}",
        german[0].html
    );

    let english = digests_to(&t, &ben).await;
    assert_eq!(english.len(), 1, "{english:?}");
    assert_eq!(english[0].subject, "Your weekly digest: 1 post");
    assert!(english[0].text.contains("Here is what you missed."));
    assert!(english[0].text.contains("0 reactions · 0 replies"));

    // Dan chose nothing: the network's default is German.
    let default = digests_to(&t, &dan).await;
    assert_eq!(default.len(), 1, "{default:?}");
    assert_eq!(
        default[0].subject,
        "Ihre wöchentliche Zusammenfassung: 1 Beitrag"
    );
}
