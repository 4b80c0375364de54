//! Guests of external networks: invited by e-mail, signing in with a password of
//! their own into that network alone, their access running out unless extended, the
//! sponsor reminded a week before, and what happens when the sponsor leaves.

use crate::mail::Recorder;
use hearth_app::audit::{self, Acting, AuditFilter};
use hearth_app::domain::{Actor, Network, NetworkId, Role, User, UserStatus};
use hearth_app::external_networks::{self, NewExternalNetwork};
use hearth_app::guests;
use hearth_app::invitations::{self, AcceptForm};
use hearth_app::sessions::{self, ClientInfo, SignedIn};
use hearth_app::{AppError, feeds, lifecycle, mail};
use hearth_testkit::{TestApp, TestDb, both_backends};
use std::time::Duration;

both_backends!(
    a_guest_is_invited_by_email_and_sees_only_the_network_they_were_invited_to,
    a_guests_access_runs_out_unless_extended_and_the_sponsor_is_reminded_a_week_before,
    when_a_sponsor_leaves_their_guests_wait_for_a_new_one_and_then_go,
);

const GUEST_PASSWORD: &str = "delivery-window-42";
const DAY: Duration = Duration::from_secs(24 * 3600);

fn act(user: &User) -> Actor {
    Actor::User(user.clone())
}

fn acting(actor: &Actor) -> Acting<'_> {
    Acting::new(actor, "192.0.2.1")
}

fn client() -> ClientInfo {
    ClientInfo {
        address: "192.0.2.9".to_owned(),
        user_agent: "test".to_owned(),
    }
}

async fn suppliers(t: &TestApp, sponsor: &User) -> Network {
    external_networks::create(
        &t.app,
        acting(&act(sponsor)),
        &NewExternalNetwork {
            name: "Suppliers".to_owned(),
            description: String::new(),
            guest_domain: Some("supplier.example".to_owned()),
            guest_days: Some(60),
        },
    )
    .await
    .unwrap()
    .network
}

/// Invites `email` and accepts at once, as the guest would from the e-mail.
async fn guest(t: &TestApp, by: &User, network: NetworkId, email: &str) -> SignedIn {
    let invited = guests::invite(&t.app, acting(&act(by)), network, email)
        .await
        .unwrap();
    invitations::accept(
        &t.app,
        AcceptForm {
            secret: &invited.secret,
            name: "Gus Ferreira",
            password: GUEST_PASSWORD,
        },
        &client(),
    )
    .await
    .unwrap()
}

async fn count(t: &TestApp, table: &str) -> i64 {
    let mut db = t.app.store().conn().await.unwrap();
    hearth_testkit::sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(&mut *db)
        .await
        .unwrap()
}

async fn actions(t: &TestApp) -> Vec<(String, String)> {
    audit::list(&t.app, &Actor::Operator, &AuditFilter::default(), None, 500)
        .await
        .unwrap()
        .into_iter()
        .map(|entry| (entry.action, entry.details))
        .collect()
}

async fn a_guest_is_invited_by_email_and_sees_only_the_network_they_were_invited_to(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let ana = t.member("ana@acme.test").await;
    let home_post = t.post(&admin, None, "Quarterly numbers").await;
    let network = suppliers(&t, &admin).await;
    let ana_there =
        external_networks::add_employee(&t.app, acting(&act(&admin)), network.id, ana.id)
            .await
            .unwrap();
    let plan = t.post(&ana_there, None, "Delivery plan for March").await;

    // Bad input and people who do not answer for the network change nothing.
    let (invitations_before, outbox_before) =
        (count(&t, "invitations").await, count(&t, "outbox").await);
    for (email, field) in [
        ("not an address", "email"),
        ("gus@elsewhere.example", "email"),
        ("ana@acme.test", "email"),
    ] {
        match guests::invite(&t.app, acting(&act(&admin)), network.id, email).await {
            Err(AppError::Invalid(invalid)) => assert_eq!(invalid.field, field, "{email}"),
            other => panic!("expected {email} refused, got {other:?}"),
        }
    }
    let by_ana = guests::invite(
        &t.app,
        acting(&act(&ana)),
        network.id,
        "gus@supplier.example",
    )
    .await;
    assert!(matches!(by_ana, Err(AppError::Forbidden(_))), "{by_ana:?}");
    let from_there = guests::invite(
        &t.app,
        acting(&act(&ana_there)),
        network.id,
        "gus@supplier.example",
    )
    .await;
    assert!(
        matches!(from_there, Err(AppError::Forbidden(_))),
        "{from_there:?}"
    );
    let nowhere = guests::invite(
        &t.app,
        acting(&act(&admin)),
        NetworkId(42),
        "gus@supplier.example",
    )
    .await;
    assert!(matches!(nowhere, Err(AppError::NotFound(_))), "{nowhere:?}");
    assert_eq!(count(&t, "invitations").await, invitations_before);
    assert_eq!(count(&t, "outbox").await, outbox_before);

    // The invitation goes by e-mail, with nothing to unsubscribe from.
    let invited = guests::invite(
        &t.app,
        acting(&act(&admin)),
        network.id,
        "Gus@Supplier.example",
    )
    .await
    .unwrap();
    assert_eq!(invited.invitation.network_id, network.id);
    let again = guests::invite(
        &t.app,
        acting(&act(&admin)),
        network.id,
        "gus@supplier.example",
    )
    .await;
    assert!(matches!(again, Err(AppError::Conflict { .. })), "{again:?}");
    let transport = Recorder::default();
    mail::deliver_due(&t.app, &transport).await.unwrap();
    let sent = transport.sent();
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0].to, "gus@supplier.example");
    assert!(sent[0].subject.contains("Suppliers"), "{}", sent[0].subject);
    assert!(
        sent[0]
            .body_text
            .contains(&format!("/invite/{}", invited.secret))
    );
    assert!(
        sent[0]
            .body_html
            .contains(&format!("/invite/{}", invited.secret))
    );
    assert_eq!(sent[0].list_unsubscribe, None);

    // They choose a password and are in the supplier network, and only there.
    let signed_in = invitations::accept(
        &t.app,
        AcceptForm {
            secret: &invited.secret,
            name: "Gus Ferreira",
            password: GUEST_PASSWORD,
        },
        &client(),
    )
    .await
    .unwrap();
    let gus = signed_in.user.clone();
    assert_eq!(gus.network_id, network.id);
    assert_eq!(gus.role, Role::Member);
    let again = sessions::sign_in(&t.app, "gus@supplier.example", GUEST_PASSWORD, &client())
        .await
        .unwrap();
    assert_eq!(again.user.id, gus.id);
    let theirs = external_networks::mine(&t.app, &act(&gus)).await.unwrap();
    assert_eq!(theirs.len(), 1);
    assert_eq!(theirs[0].network.id, network.id);
    assert!(feeds::get(&t.app, &act(&gus), plan.id).await.is_ok());
    assert!(matches!(
        feeds::get(&t.app, &act(&gus), home_post.id).await,
        Err(AppError::NotFound(_))
    ));
    let not_a_network = external_networks::acting_in(&t.app, &gus, admin.network_id).await;
    assert!(matches!(not_a_network, Err(AppError::NotFound(_))));
    // A guest runs nothing: no networks, no invitations, no lists of guests.
    assert!(
        !external_networks::may_create(&t.app, &act(&gus))
            .await
            .unwrap()
    );
    for refused in [
        guests::invite(
            &t.app,
            acting(&act(&gus)),
            network.id,
            "eva@supplier.example",
        )
        .await
        .map(|_| ()),
        guests::list(&t.app, &act(&gus), network.id)
            .await
            .map(|_| ()),
        guests::extend(&t.app, acting(&act(&gus)), network.id, gus.id, None)
            .await
            .map(|_| ()),
    ] {
        assert!(
            matches!(refused, Err(AppError::Forbidden(_))),
            "{refused:?}"
        );
    }
    let is_guest = |viewer: &User, whom: &User| {
        let (viewer, whom) = (act(viewer), whom.id);
        let app = t.app.clone();
        async move {
            hearth_app::people::get(&app, &viewer, &hearth_app::people::PersonRef::Id(whom))
                .await
                .unwrap()
                .profile
                .guest
        }
    };
    assert!(is_guest(&gus, &gus).await);
    assert!(!is_guest(&gus, &ana_there).await);
    assert!(!is_guest(&admin, &admin).await);

    // In chat too they are marked as a guest, in the history and as they write.
    let group = hearth_app::chat::create_group(
        &t.app,
        &act(&gus),
        &hearth_app::chat::NewGroup {
            title: "Deliveries".to_owned(),
            member_ids: vec![ana_there.id],
        },
    )
    .await
    .unwrap();
    let sent = hearth_app::chat::send(&t.app, &act(&gus), group.conversation.id, "Gate B")
        .await
        .unwrap();
    assert!(sent.author_guest);
    let answer = hearth_app::chat::send(&t.app, &act(&ana_there), group.conversation.id, "Fine")
        .await
        .unwrap();
    assert!(!answer.author_guest);
    let history =
        hearth_app::chat::history(&t.app, &act(&ana_there), group.conversation.id, None, None)
            .await
            .unwrap();
    let marks: Vec<bool> = history.messages.iter().map(|m| m.author_guest).collect();
    assert_eq!(marks, [false, true], "newest first");

    // The sponsor and admins see them with their terms.
    let listed = guests::list(&t.app, &act(&admin), network.id)
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].user.id, gus.id);
    assert_eq!(listed[0].sponsor, admin.id);
    assert_eq!(
        listed[0].access_until,
        invited.invitation.created_at + 60 * 24 * 3600 * 1000
    );
    assert!(!listed[0].needs_sponsor);
    assert!(listed[0].last_active.is_some());
    let not_ana = guests::list(&t.app, &act(&ana), network.id).await;
    assert!(matches!(not_ana, Err(AppError::Forbidden(_))));
    assert!(
        actions(&t)
            .await
            .iter()
            .any(|(action, _)| action == "guest.invited"),
        "the invitation is audited in the home network"
    );

    // E-mails from the external network name it: someone in several networks knows
    // where to look.
    crate::mail::mention(&t.app, &gus, &ana_there, "The trucks arrive at nine").await;
    t.clock.advance(Duration::from_secs(121));
    let transport = Recorder::default();
    mail::deliver_due(&t.app, &transport).await.unwrap();
    let sent = transport.sent();
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0].to, "ana@acme.test");
    assert!(
        sent[0].subject.starts_with("[Suppliers] ") && sent[0].subject.contains("Gus Ferreira"),
        "{}",
        sent[0].subject
    );

    // A withdrawn invitation's e-mail does not go.
    let withdrawn = guests::invite(
        &t.app,
        acting(&act(&admin)),
        network.id,
        "eva@supplier.example",
    )
    .await
    .unwrap();
    guests::revoke_invitation(
        &t.app,
        acting(&act(&admin)),
        network.id,
        withdrawn.invitation.id,
    )
    .await
    .unwrap();
    let transport = Recorder::default();
    let delivery = mail::deliver_due(&t.app, &transport).await.unwrap();
    assert_eq!((delivery.sent, delivery.skipped), (0, 1));
}

async fn a_guests_access_runs_out_unless_extended_and_the_sponsor_is_reminded_a_week_before(
    db: TestDb,
) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let ben = t.member("ben@acme.test").await;
    let network = suppliers(&t, &admin).await;
    let gus = guest(&t, &admin, network.id, "gus@supplier.example")
        .await
        .user;
    mail::deliver_due(&t.app, &Recorder::default())
        .await
        .unwrap();

    // Eight days before the end: nothing yet.
    t.clock.advance(52 * DAY);
    assert_eq!(guests::run_due(&t.app).await.unwrap(), (0, 0));
    // Within the week: the sponsor is told once.
    t.clock.advance(2 * DAY);
    assert_eq!(guests::run_due(&t.app).await.unwrap(), (0, 1));
    assert_eq!(guests::run_due(&t.app).await.unwrap(), (0, 0));
    let transport = Recorder::default();
    mail::deliver_due(&t.app, &transport).await.unwrap();
    let sent = transport.sent();
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0].to, admin.email);
    assert!(
        sent[0].subject.contains("Gus Ferreira") && sent[0].subject.contains("Suppliers"),
        "the reminder names the guest and the network: {}",
        sent[0].subject
    );

    // Extending: bad input and people who do not answer for the guest change nothing.
    let before = guests::list(&t.app, &act(&admin), network.id)
        .await
        .unwrap()[0]
        .access_until;
    for days in [0, 366] {
        let refused =
            guests::extend(&t.app, acting(&act(&admin)), network.id, gus.id, Some(days)).await;
        assert!(matches!(refused, Err(AppError::Invalid(_))), "{refused:?}");
    }
    let by_ben = guests::extend(&t.app, acting(&act(&ben)), network.id, gus.id, Some(30)).await;
    assert!(matches!(by_ben, Err(AppError::Forbidden(_))), "{by_ben:?}");
    let wrong_network = guests::extend(
        &t.app,
        acting(&act(&admin)),
        admin.network_id,
        gus.id,
        Some(30),
    )
    .await;
    assert!(
        matches!(wrong_network, Err(AppError::NotFound(_))),
        "{wrong_network:?}"
    );
    assert_eq!(
        guests::list(&t.app, &act(&admin), network.id)
            .await
            .unwrap()[0]
            .access_until,
        before
    );
    let extended = guests::extend(&t.app, acting(&act(&admin)), network.id, gus.id, Some(30))
        .await
        .unwrap();
    assert_eq!(extended.access_until, before + 30 * 24 * 3600 * 1000);

    // Past the first end, still in; past the extended one, out at once.
    t.clock.advance(10 * DAY);
    assert_eq!(guests::run_due(&t.app).await.unwrap(), (0, 0));
    t.clock.advance(26 * DAY);
    let fresh = sessions::sign_in(&t.app, "gus@supplier.example", GUEST_PASSWORD, &client())
        .await
        .unwrap();
    t.clock.advance(DAY);
    let (ended, _) = guests::run_due(&t.app).await.unwrap();
    assert_eq!(ended, 1);
    assert!(sessions::authenticate(&t.app, &fresh.secret).await.is_err());
    assert!(
        sessions::sign_in(&t.app, "gus@supplier.example", GUEST_PASSWORD, &client())
            .await
            .is_err()
    );
    let listed = guests::list(&t.app, &act(&admin), network.id)
        .await
        .unwrap();
    assert_eq!(listed[0].user.status, UserStatus::Deactivated);
    assert!(listed[0].ended_at.is_some());
    assert!(
        actions(&t)
            .await
            .iter()
            .any(|(action, details)| action == "guest.access_ended" && details.contains("expired")),
        "the end is audited as Hearth's own act"
    );

    // Extending ended access opens it again.
    guests::extend(&t.app, acting(&act(&admin)), network.id, gus.id, None)
        .await
        .unwrap();
    assert!(
        sessions::sign_in(&t.app, "gus@supplier.example", GUEST_PASSWORD, &client())
            .await
            .is_ok()
    );
    assert_eq!(guests::run_due(&t.app).await.unwrap(), (0, 0));
}

async fn when_a_sponsor_leaves_their_guests_wait_for_a_new_one_and_then_go(db: TestDb) {
    let t = TestApp::new(db).await;
    let admin = t.admin().await;
    let ana = t.member("ana@acme.test").await;
    let ben = t.member("ben@acme.test").await;
    external_networks::set_members_may_create(&t.app, acting(&act(&admin)), true)
        .await
        .unwrap();
    let network = suppliers(&t, &ana).await;
    let gus = guest(&t, &ana, network.id, "gus@supplier.example").await;
    let eva = guest(&t, &ana, network.id, "eva@supplier.example").await;

    lifecycle::deactivate(&t.app, acting(&act(&admin)), ana.id, "left")
        .await
        .unwrap();
    let listed = guests::list(&t.app, &act(&admin), network.id)
        .await
        .unwrap();
    assert!(listed.iter().all(|g| g.needs_sponsor), "{listed:?}");
    // Guests keep working meanwhile.
    assert!(sessions::authenticate(&t.app, &gus.secret).await.is_ok());

    // Nobody extends a guest who waits for a new sponsor.
    let waiting = guests::extend(&t.app, acting(&act(&admin)), network.id, gus.user.id, None).await;
    assert!(
        matches!(waiting, Err(AppError::Conflict { .. })),
        "{waiting:?}"
    );

    // Only admins name a new sponsor, and only an active employee.
    let by_ben =
        guests::set_sponsor(&t.app, acting(&act(&ben)), network.id, gus.user.id, ben.id).await;
    assert!(matches!(by_ben, Err(AppError::Forbidden(_))), "{by_ben:?}");
    let gone = guests::set_sponsor(
        &t.app,
        acting(&act(&admin)),
        network.id,
        gus.user.id,
        ana.id,
    )
    .await;
    assert!(matches!(gone, Err(AppError::NotFound(_))), "{gone:?}");
    let taken = guests::set_sponsor(
        &t.app,
        acting(&act(&admin)),
        network.id,
        gus.user.id,
        ben.id,
    )
    .await
    .unwrap();
    assert_eq!(taken.sponsor, ben.id);
    assert!(!taken.needs_sponsor);
    // Ben answers for his guest now: he sees the network's guests, as the reminder's
    // link will show him.
    let seen_by_ben = guests::list(&t.app, &act(&ben), network.id).await.unwrap();
    assert_eq!(seen_by_ben.len(), 2);

    // After the grace period the guest nobody took goes; the other stays.
    t.clock.advance(15 * DAY);
    let eva_again = sessions::sign_in(&t.app, "eva@supplier.example", GUEST_PASSWORD, &client())
        .await
        .unwrap();
    let gus_again = sessions::sign_in(&t.app, "gus@supplier.example", GUEST_PASSWORD, &client())
        .await
        .unwrap();
    assert_eq!(guests::run_due(&t.app).await.unwrap().0, 1);
    assert!(
        sessions::authenticate(&t.app, &eva_again.secret)
            .await
            .is_err()
    );
    assert!(
        sessions::authenticate(&t.app, &gus_again.secret)
            .await
            .is_ok()
    );
    assert!(
        actions(&t)
            .await
            .iter()
            .any(|(action, details)| action == "guest.access_ended"
                && details.contains("no_sponsor"))
    );

    // The command line does not reopen a guest's access: their terms do.
    let reopened = lifecycle::reactivate(&t.app, Acting::operator(), eva.user.id, "").await;
    assert!(
        matches!(reopened, Err(AppError::Conflict { .. })),
        "{reopened:?}"
    );
    assert_eq!(
        guests::run_due(&t.app).await.unwrap(),
        (0, 0),
        "nobody is ended twice"
    );

    // Ending access by hand is the same instant cut, and only once; a reason longer
    // than the audit log keeps changes nothing.
    let long = "x".repeat(1001);
    let refused =
        guests::end_access(&t.app, acting(&act(&ben)), network.id, gus.user.id, &long).await;
    assert!(matches!(refused, Err(AppError::Invalid(_))), "{refused:?}");
    assert!(
        sessions::authenticate(&t.app, &gus_again.secret)
            .await
            .is_ok()
    );
    let by_then = guests::end_access(
        &t.app,
        acting(&act(&ben)),
        network.id,
        gus.user.id,
        "contract over",
    )
    .await
    .unwrap();
    assert!(by_then.ended_at.is_some());
    assert!(
        sessions::authenticate(&t.app, &gus_again.secret)
            .await
            .is_err()
    );
    let twice = guests::end_access(&t.app, acting(&act(&admin)), network.id, gus.user.id, "").await;
    assert!(matches!(twice, Err(AppError::Conflict { .. })), "{twice:?}");
}
