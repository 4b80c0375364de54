//! Guests: people from outside the company (a supplier's staff) in one external
//! network. The network's sponsor or a company admin invites them by e-mail with a
//! single-use link; they choose a name and a password (single sign-on and SCIM are
//! for employees) and have a row of that network only, so they see its members,
//! communities, posts and chats and nothing else. Their access lasts the network's
//! guest period from the invitation, unless extended; the sponsor is reminded a week
//! before it ends. When the sponsor leaves the company the guests wait for an admin to
//! name a new one, and go after [`SPONSOR_GRACE`] if nobody does.
//!
//! Everything here is done from the home network, where the sponsor and the admins
//! are, and audited there.

use crate::audit::{self, Acting, Target};
use crate::external_networks::{external, home_network_of};
use crate::invitations::{InvitationState, Invited};
use crate::mail::{self, Outgoing};
use crate::{App, AppError, millis, signed_in};
use hearth_domain::invitation::Invitation;
use hearth_domain::{
    AuditAction, Email, InvitationId, Millis, Network, NetworkId, Role, User, UserId, UserStatus,
    ValidationError,
};
use hearth_i18n::{Tr, t};
use hearth_store::external_networks::Details;
use hearth_store::guests::{self as store, Terms};
use hearth_store::outbox::EmailRow;
use hearth_store::{Conn, invitations, users};
use maud::html;
use std::time::Duration;

/// How long before the end of a guest's access their sponsor is reminded.
pub const REMINDER_AHEAD: Duration = Duration::from_secs(7 * 24 * 3600);
/// How long a guest whose sponsor left waits for a new sponsor before they go.
pub const SPONSOR_GRACE: Duration = Duration::from_secs(14 * 24 * 3600);
/// The longest extension at once, as for the network's own period.
pub const MAX_DAYS: i64 = 365;
/// How many guests one round ends or reminds about; the next round takes the rest.
const ROUND: i64 = 200;
const DAY: Millis = 24 * 3600 * 1000;

/// A guest as the people who answer for the network see them.
#[derive(Debug, Clone)]
pub struct Guest {
    pub user: User,
    pub network: NetworkId,
    pub sponsor: UserId,
    pub sponsor_name: String,
    pub access_until: Millis,
    /// Their sponsor left the company: an admin should name a new one.
    pub needs_sponsor: bool,
    pub ended_at: Option<Millis>,
    pub last_active: Option<Millis>,
}

impl Guest {
    fn of(listed: store::Listed) -> Self {
        Self {
            network: listed.terms.network,
            sponsor: listed.terms.sponsor,
            sponsor_name: listed.sponsor_name,
            access_until: listed.terms.access_until,
            needs_sponsor: listed.terms.sponsor_left_at.is_some()
                && listed.terms.ended_at.is_none(),
            ended_at: listed.terms.ended_at,
            last_active: listed.last_active,
            user: listed.user,
        }
    }
}

/// Invites a guest into an external network by e-mail (its sponsor and the company's
/// admins, from the home network; audited there). The link goes to the address and
/// is also answered once, for the inviter to pass on if the e-mail does not arrive.
pub async fn invite(
    app: &App,
    acting: Acting<'_>,
    network: NetworkId,
    email: &str,
) -> Result<Invited, AppError> {
    let user = signed_in(acting.actor)?;
    let email = Email::parse(email)?;
    let now = app.now();
    let mut tx = app.store().begin().await?;
    let (home, external, details) = answered_for(&mut tx, user, network).await?;
    if let Some(domain) = &details.guest_domain
        && email
            .as_str()
            .rsplit_once('@')
            .is_none_or(|(_, at)| at != domain)
    {
        return Err(ValidationError::new(
            "email",
            format!("guests of this network must have an address at {domain}"),
        )
        .into());
    }
    if users::find_by_email(&mut tx, email.as_str())
        .await?
        .is_some()
    {
        return Err(AppError::Conflict {
            message: "this address already has a Hearth account; add colleagues as members instead"
                .to_owned(),
            field: Some("email"),
        });
    }
    let Invited { invitation, secret } = crate::invitations::insert_new(
        &mut tx,
        app,
        external.id,
        &email,
        Role::Member,
        Some(user.id),
    )
    .await?;
    let tr = crate::languages::for_mail(user.language.as_deref(), &home.default_language);
    let link = crate::links::absolute(app, &format!("/invite/{secret}"));
    let (subject, text, html) = invitation_email(tr, user, &external, &link, details.guest_days);
    mail::enqueue(
        &mut tx,
        app,
        &Outgoing {
            network: home.id,
            recipient: user.id,
            to_address: Some(email.as_str()),
            kind: "guest_invitation",
            notification_id: None,
            idempotency_key: &format!("{INVITATION_KEY}{}", invitation.id),
            subject: &subject,
            body_text: &text,
            body_html: &html,
            send_after: now,
        },
    )
    .await?;
    audit::record(
        &mut tx,
        app,
        acting,
        home.id,
        AuditAction::GuestInvited,
        crate::invitations::target(&invitation),
        "",
        serde_json::json!({ "network_id": external.id.0.to_string(), "network": external.name }),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(invitation.id = %invitation.id, network.id = %external.id, "guest invited");
    Ok(Invited { invitation, secret })
}

const INVITATION_KEY: &str = "guest-invitation:";

fn invitation_email(
    tr: Tr,
    inviter: &User,
    network: &Network,
    link: &str,
    days: i64,
) -> (String, String, String) {
    let subject = t!(
        tr,
        "guest-mail-subject",
        inviter = inviter.display_name.as_str(),
        network = network.name.as_str()
    );
    let valid = t!(tr, "guest-mail-valid", days = days);
    let text = format!("{subject}\n\n{link}\n\n{valid}\n");
    let card = html! {
        p style="margin:0 0 8px;font-size:16px;" { strong { (subject) } }
        p style="margin:16px 0;" {
            a href=(link) style="display:inline-block;padding:8px 16px;background:#b5452a;color:#ffffff;text-decoration:none;border-radius:6px;" {
                (t!(tr, "guest-mail-accept"))
            }
        }
        p style="margin:8px 0;color:#57606a;" { (valid) }
    };
    let html = mail::frame(&subject, card, html! {}).into_string();
    (subject, text, html)
}

/// The e-mail for an outbox row addressed to a guest's invitation, or why it must not
/// go: the invitation was used, withdrawn or has expired meanwhile.
pub(crate) async fn check_invitation_email(
    db: &mut Conn,
    app: &App,
    row: &EmailRow,
    address: &str,
) -> Result<Result<mail::Email, &'static str>, AppError> {
    let invitation = match row
        .idempotency_key
        .strip_prefix(INVITATION_KEY)
        .and_then(|id| id.parse().ok())
    {
        Some(id) => invitations::get(db, InvitationId(id)).await?,
        None => None,
    };
    let Some(invitation) = invitation else {
        return Ok(Err("the invitation is gone"));
    };
    if InvitationState::of(&invitation, app.now()) != InvitationState::Open {
        return Ok(Err("the invitation is no longer open"));
    }
    Ok(Ok(mail::Email {
        to: address.to_owned(),
        to_name: String::new(),
        subject: row.subject.clone(),
        body_text: row.body_text.clone(),
        body_html: row.body_html.clone(),
        message_id: mail::message_id(&app.settings().public_url, &row.idempotency_key),
        list_unsubscribe: None,
    }))
}

/// Makes the account just created from a guest's invitation a guest's: sponsored by
/// whoever invited them, with access for the network's period from the invitation.
/// Employees' invitations (to the home network) are left as they are.
pub(crate) async fn on_accepted(
    db: &mut Conn,
    invitation: &Invitation,
    user: UserId,
) -> Result<(), AppError> {
    let Some(details) = hearth_store::external_networks::details(db, invitation.network_id).await?
    else {
        return Ok(());
    };
    let sponsor = invitation
        .invited_by
        .or(details.sponsor)
        .ok_or(AppError::Unauthenticated(
            "this invitation was withdrawn; ask your network administrator",
        ))?;
    store::insert(
        db,
        &Terms {
            user,
            network: invitation.network_id,
            sponsor,
            access_until: invitation.created_at + details.guest_days * DAY,
            reminded_at: None,
            sponsor_left_at: None,
            ended_at: None,
        },
    )
    .await?;
    Ok(())
}

/// The network's guests, those whose access ended too (who answers for them, from
/// the home network).
pub async fn list(
    app: &App,
    actor: &hearth_domain::Actor,
    network: NetworkId,
) -> Result<Vec<Guest>, AppError> {
    Ok(overview(app, actor, network).await?.guests)
}

/// The network's guest invitations, newest first (who may list its guests).
pub async fn invitations(
    app: &App,
    actor: &hearth_domain::Actor,
    network: NetworkId,
) -> Result<Vec<Invitation>, AppError> {
    Ok(overview(app, actor, network).await?.invitations)
}

/// What the Guests page shows of an external network.
#[derive(Debug, Clone)]
pub struct Overview {
    pub network: crate::external_networks::ExternalNetwork,
    pub guests: Vec<Guest>,
    /// Newest first.
    pub invitations: Vec<Invitation>,
}

/// An external network with its guests and guest invitations, for whoever answers
/// for its guests (its sponsor, a guest's sponsor, the company's admins).
pub async fn overview(
    app: &App,
    actor: &hearth_domain::Actor,
    network: NetworkId,
) -> Result<Overview, AppError> {
    let user = signed_in(actor)?;
    let mut db = app.store().conn().await?;
    let (_, external, details) = answered_for(&mut db, user, network).await?;
    let guests = store::list(&mut db, network, None)
        .await?
        .into_iter()
        .map(Guest::of)
        .collect();
    let invitations = invitations::list(&mut db, network, crate::invitations::MAX_LISTED).await?;
    Ok(Overview {
        network: crate::external_networks::ExternalNetwork::of(external, details),
        guests,
        invitations,
    })
}

/// Withdraws an open guest invitation: its link stops working and its e-mail, if not
/// sent yet, does not go (who may invite; audited as an invitation's revocation).
pub async fn revoke_invitation(
    app: &App,
    acting: Acting<'_>,
    network: NetworkId,
    id: InvitationId,
) -> Result<Invitation, AppError> {
    let user = signed_in(acting.actor)?;
    let now = app.now();
    let mut tx = app.store().begin().await?;
    let (home, _, _) = answered_for(&mut tx, user, network).await?;
    let invitation = crate::invitations::revoke_open(&mut tx, network, id, now).await?;
    audit::record(
        &mut tx,
        app,
        acting,
        home.id,
        AuditAction::InvitationRevoked,
        crate::invitations::target(&invitation),
        "",
        serde_json::json!({ "email": invitation.email, "network_id": network.0.to_string() }),
    )
    .await?;
    tx.commit().await?;
    Ok(Invitation {
        revoked_at: Some(now),
        ..invitation
    })
}

/// Lengthens a guest's access by `days` (the network's period when not given) from
/// its current end, or from now when it has passed; access that had ended opens again.
/// The guest's sponsor, the network's sponsor and the company's admins may; audited.
pub async fn extend(
    app: &App,
    acting: Acting<'_>,
    network: NetworkId,
    guest: UserId,
    days: Option<i64>,
) -> Result<Guest, AppError> {
    let user = signed_in(acting.actor)?;
    if let Some(days) = days
        && !(1..=MAX_DAYS).contains(&days)
    {
        return Err(ValidationError::new(
            "days",
            format!("an extension is from 1 to {MAX_DAYS} days"),
        )
        .into());
    }
    let now = app.now();
    let mut tx = app.store().begin().await?;
    let (home, external, details, row, terms) = guest_in(&mut tx, user, network, guest).await?;
    may_extend(user, &details, &terms)?;
    if terms.sponsor_left_at.is_some() {
        return Err(AppError::Conflict {
            message: "this guest's sponsor left the company; an admin names a new sponsor first"
                .to_owned(),
            field: None,
        });
    }
    let days = days.unwrap_or(details.guest_days);
    let until = terms.access_until.max(now) + days * DAY;
    store::extend(&mut tx, row.id, until).await?;
    if terms.ended_at.is_some() && row.status == UserStatus::Deactivated {
        users::set_status(&mut tx, row.id, UserStatus::Active, None, now).await?;
    }
    audit::record(
        &mut tx,
        app,
        acting,
        home.id,
        AuditAction::GuestAccessExtended,
        Target::user(&row),
        "",
        serde_json::json!({
            "network_id": external.id.0.to_string(),
            "network": external.name,
            "before": crate::rfc3339(terms.access_until),
            "until": crate::rfc3339(until),
        }),
    )
    .await?;
    tx.commit().await?;
    one(app, network, row.id).await
}

/// Ends a guest's access at once: the same instant cut as an employee's deactivation
/// (sessions, tokens, live connections). Who may extend may end; audited.
pub async fn end_access(
    app: &App,
    acting: Acting<'_>,
    network: NetworkId,
    guest: UserId,
    reason: &str,
) -> Result<Guest, AppError> {
    let user = signed_in(acting.actor)?;
    let reason = crate::lifecycle::reason_of(reason)?;
    let mut tx = app.store().begin().await?;
    let (home, external, details, row, terms) = guest_in(&mut tx, user, network, guest).await?;
    may_extend(user, &details, &terms)?;
    let now = app.now();
    if terms.ended_at.is_some() || !store::mark_ended(&mut tx, row.id, now).await? {
        return Err(AppError::Conflict {
            message: "this guest's access has already ended".to_owned(),
            field: None,
        });
    }
    let (close, revoked) = cut_off(&mut tx, app, &row, now).await?;
    audit::record(
        &mut tx,
        app,
        acting,
        home.id,
        AuditAction::GuestAccessEnded,
        Target::user(&row),
        reason,
        with_network(revoked, &external, "ended"),
    )
    .await?;
    tx.commit().await?;
    app.publish(close);
    tracing::info!(user.id = %row.id, network.id = %network, "guest access ended");
    one(app, network, row.id).await
}

/// Names a new sponsor for a guest: an active employee (the company's admins; audited).
pub async fn set_sponsor(
    app: &App,
    acting: Acting<'_>,
    network: NetworkId,
    guest: UserId,
    sponsor: UserId,
) -> Result<Guest, AppError> {
    let user = signed_in(acting.actor)?;
    if user.role != Role::Admin {
        return Err(AppError::Forbidden(
            "only admins may name a guest's sponsor",
        ));
    }
    let mut tx = app.store().begin().await?;
    let (home, external, _, row, terms) = guest_in(&mut tx, user, network, guest).await?;
    let sponsor = users::get(&mut tx, sponsor)
        .await?
        .filter(|s| s.network_id == home.id && s.status == UserStatus::Active)
        .ok_or(AppError::NotFound("user"))?;
    store::set_sponsor(&mut tx, row.id, sponsor.id).await?;
    audit::record(
        &mut tx,
        app,
        acting,
        home.id,
        AuditAction::GuestSponsorSet,
        Target::user(&row),
        "",
        serde_json::json!({
            "network_id": external.id.0.to_string(),
            "network": external.name,
            "before": terms.sponsor.0.to_string(),
            "sponsor_id": sponsor.id.0.to_string(),
        }),
    )
    .await?;
    tx.commit().await?;
    one(app, network, row.id).await
}

/// The scheduler's round: ends the access of guests whose period ran out or whose
/// sponsor left more than [`SPONSOR_GRACE`] ago with nobody taking them over (audited
/// as Hearth's own act), and reminds sponsors by e-mail a week before a guest's access
/// ends. Answers how many guests it ended and how many reminders it wrote.
pub async fn run_due(app: &App) -> Result<(usize, usize), AppError> {
    let now = app.now();
    let sponsor_left_before = now - millis(SPONSOR_GRACE);
    let due = {
        let mut db = app.store().conn().await?;
        store::due_to_end(&mut db, now, sponsor_left_before, ROUND).await?
    };
    let mut ended = 0;
    for terms in due {
        // One guest that cannot be ended must not keep the others in.
        match end_due(app, &terms, now, sponsor_left_before).await {
            Ok(true) => ended += 1,
            Ok(false) => {}
            Err(err) => {
                tracing::warn!(error = %err, user.id = %terms.user, "could not end a guest's access");
            }
        }
    }
    let reminded = remind_sponsors(app, now).await?;
    Ok((ended, reminded))
}

/// Ends one due guest's access; false when it was extended, taken over or ended
/// meanwhile (by a person, or by another node's round).
async fn end_due(
    app: &App,
    terms: &Terms,
    now: Millis,
    sponsor_left_before: Millis,
) -> Result<bool, AppError> {
    let mut tx = app.store().begin().await?;
    if !store::end_if_due(&mut tx, terms.user, now, sponsor_left_before).await? {
        return Ok(false);
    }
    let row = users::get(&mut tx, terms.user)
        .await?
        .ok_or(AppError::NotFound("guest"))?;
    let external = hearth_store::networks::get(&mut tx, terms.network)
        .await?
        .ok_or(AppError::NotFound("network"))?;
    let why = if terms.access_until <= now {
        "expired"
    } else {
        "no_sponsor"
    };
    let (close, revoked) = cut_off(&mut tx, app, &row, now).await?;
    let home = users::get(&mut tx, terms.sponsor)
        .await?
        .map_or(terms.network, |sponsor| sponsor.network_id);
    audit::record_system(
        &mut tx,
        app,
        home,
        AuditAction::GuestAccessEnded,
        Target::user(&row),
        with_network(revoked, &external, why),
    )
    .await?;
    tx.commit().await?;
    app.publish(close);
    Ok(true)
}

async fn remind_sponsors(app: &App, now: Millis) -> Result<usize, AppError> {
    let due = {
        let mut db = app.store().conn().await?;
        store::due_for_reminder(&mut db, now + millis(REMINDER_AHEAD), ROUND).await?
    };
    let mut reminded = 0;
    for terms in due {
        let mut tx = app.store().begin().await?;
        if !store::mark_reminded(&mut tx, &terms, now).await? {
            continue;
        }
        let guest = users::get(&mut tx, terms.user).await?;
        let sponsor = users::get(&mut tx, terms.sponsor).await?;
        let network = hearth_store::networks::get(&mut tx, terms.network).await?;
        let (Some(guest), Some(sponsor), Some(network)) = (guest, sponsor, network) else {
            tx.commit().await?;
            continue;
        };
        let home = hearth_store::networks::get(&mut tx, sponsor.network_id).await?;
        let default_language = home.map_or_else(|| "en".to_owned(), |n| n.default_language);
        let tr = crate::languages::for_mail(sponsor.language.as_deref(), &default_language);
        let until = tr.in_zone(&sponsor.time_zone).date(terms.access_until);
        let subject = t!(
            tr,
            "guest-reminder-subject",
            guest = guest.display_name.as_str(),
            network = network.name.as_str(),
            date = until.as_str()
        );
        let link = crate::links::absolute(app, &format!("/networks/{}/guests", network.id));
        let open = t!(tr, "guest-reminder-open");
        let text = format!("{subject}\n\n{open}: {link}\n");
        let card = html! {
            p style="margin:0 0 8px;font-size:16px;" { strong { (subject) } }
            p style="margin:16px 0;" {
                a href=(link) style="display:inline-block;padding:8px 16px;background:#b5452a;color:#ffffff;text-decoration:none;border-radius:6px;" {
                    (open)
                }
            }
        };
        let html = mail::frame(&subject, card, html! {}).into_string();
        mail::enqueue(
            &mut tx,
            app,
            &Outgoing {
                network: sponsor.network_id,
                recipient: sponsor.id,
                to_address: None,
                kind: "guest_reminder",
                notification_id: None,
                idempotency_key: &format!("guest-reminder:{}:{}", guest.id, terms.access_until),
                subject: &subject,
                body_text: &text,
                body_html: &html,
                send_after: now,
            },
        )
        .await?;
        tx.commit().await?;
        reminded += 1;
    }
    Ok(reminded)
}

/// Flags the guests of an employee who just left the company for an admin to give
/// them a new sponsor; one statement, in the offboarding's transaction.
pub(crate) async fn sponsor_left(
    db: &mut Conn,
    sponsor: UserId,
    now: Millis,
) -> Result<(), AppError> {
    store::sponsor_left(db, sponsor, now).await?;
    Ok(())
}

/// Unflags them when the employee comes back.
pub(crate) async fn sponsor_returned(db: &mut Conn, sponsor: UserId) -> Result<(), AppError> {
    store::sponsor_returned(db, sponsor).await?;
    Ok(())
}

/// Deactivates a guest's row whose end was just recorded, and shuts them out
/// everywhere.
async fn cut_off(
    db: &mut Conn,
    app: &App,
    row: &User,
    now: Millis,
) -> Result<(Vec<crate::live::LiveEvent>, serde_json::Value), AppError> {
    if row.status != UserStatus::Deleted {
        users::set_status(db, row.id, UserStatus::Deactivated, None, now).await?;
    }
    crate::lifecycle::shut_out(db, app, row.id).await
}

fn with_network(mut details: serde_json::Value, network: &Network, why: &str) -> serde_json::Value {
    details["network_id"] = network.id.0.to_string().into();
    details["network"] = network.name.clone().into();
    details["why"] = why.into();
    details
}

/// The home network and `network` with its details, for someone acting in the home
/// network who answers for `network`'s guests: its sponsor, an employee an admin made
/// the sponsor of one of its guests, or one of the company's admins.
async fn answered_for(
    db: &mut Conn,
    user: &User,
    network: NetworkId,
) -> Result<(Network, Network, Details), AppError> {
    let home = home_network_of(db, user).await?;
    let (external, details) = external(db, network).await?;
    if user.role != Role::Admin
        && details.sponsor != Some(user.id)
        && !store::sponsors_in(db, user.id, network).await?
    {
        return Err(AppError::Forbidden(
            "only the network's sponsor and admins may do this",
        ));
    }
    Ok((home, external, details))
}

/// Extending or ending a guest's access is also for the guest's own sponsor.
fn may_extend(user: &User, details: &Details, terms: &Terms) -> Result<(), AppError> {
    if user.role == Role::Admin || details.sponsor == Some(user.id) || terms.sponsor == user.id {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "only the guest's sponsor, the network's sponsor and admins may do this",
        ))
    }
}

/// A guest of `network`, with the home network the actor acts in and the external
/// network's details; someone not its guest is "not found".
async fn guest_in(
    db: &mut Conn,
    user: &User,
    network: NetworkId,
    guest: UserId,
) -> Result<(Network, Network, Details, User, Terms), AppError> {
    let home = home_network_of(db, user).await?;
    let (external, details) = external(db, network).await?;
    let terms = store::get(db, guest)
        .await?
        .filter(|terms| terms.network == network)
        .ok_or(AppError::NotFound("guest"))?;
    let row = users::get(db, guest)
        .await?
        .filter(|row| row.status != UserStatus::Deleted)
        .ok_or(AppError::NotFound("guest"))?;
    Ok((home, external, details, row, terms))
}

async fn one(app: &App, network: NetworkId, guest: UserId) -> Result<Guest, AppError> {
    let mut db = app.store().conn().await?;
    store::list(&mut db, network, Some(guest))
        .await?
        .into_iter()
        .next()
        .map(Guest::of)
        .ok_or(AppError::NotFound("guest"))
}
