//! Single sign-on through an OpenID Connect provider. The HTTP layer runs the protocol
//! (state, nonce, PKCE, the ID token's signature, audience and expiry); what reaches
//! this module is an identity the provider has vouched for. Here that identity becomes
//! a person of the home network: the one already linked to it, else the one with its
//! verified e-mail address (then linked, unless the account already has another
//! identity of that issuer), else a new member created on the spot, which also needs a
//! verified address.
//!
//! Also here: the network's single sign-on settings: "require single sign-on", which
//! turns password sign-in off for everyone but network admins (see
//! `policy::may_sign_in_with_password`), and whether the provider is the source of truth
//! for name, department and job title.

use crate::audit::{self, Acting, Target};
use crate::sessions::{self, ClientInfo, SignedIn};
use crate::{App, AppError};
use hearth_domain::{
    Actor, AuditAction, DisplayName, Email, ProfileChanges, Role, User, ValidationError, policy,
};
use hearth_domain::{Millis, UserId};
use hearth_store::identities::{self, LinkedIdentity};
use hearth_store::{Conn, networks, profiles, users};
use serde_json::json;

/// What the provider said about the person, after every check of the ID token passed.
/// Claims the provider did not send are `None`.
#[derive(Debug, Clone, Default)]
pub struct VerifiedIdentity {
    pub issuer: String,
    pub subject: String,
    pub email: Option<String>,
    /// Whether the provider vouches that the person controls `email`.
    pub email_verified: bool,
    pub name: Option<String>,
    pub department: Option<String>,
    pub title: Option<String>,
}

/// How a sign-in through the provider found its person, for logs and tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Matched {
    /// Already linked to this provider account.
    Subject,
    /// An existing account with the verified e-mail address, linked now.
    Email,
    /// A member created on this first sign-in.
    Created,
}

/// Signs in the person the provider vouched for, creating or linking their account
/// first when needed, all in one transaction with the new session.
pub async fn sign_in(
    app: &App,
    identity: &VerifiedIdentity,
    client: &ClientInfo,
) -> Result<(SignedIn, Matched), AppError> {
    if identity.issuer.is_empty() || identity.subject.is_empty() {
        return Err(ValidationError::new(
            "sub",
            "the identity provider did not say who you are (no issuer or subject)",
        )
        .into());
    }
    let now = app.now();
    let mut tx = app.store().begin().await?;
    let found = match identities::find_user(&mut tx, &identity.issuer, &identity.subject).await? {
        Some(id) => {
            let user = users::get(&mut tx, id)
                .await?
                .ok_or(AppError::NotFound("account linked to this sign-in"))?;
            policy::may_use_account(&user, now)?;
            Found::Account(user, Matched::Subject)
        }
        None => match_or_create(app, &mut tx, identity).await?,
    };
    let (user, matched) = match found {
        Found::Account(user, matched) => (user, matched),
        Found::AlreadyLinked { user, linked } => {
            refuse_second_identity(app, &mut tx, identity, &user, &linked).await?;
            tx.commit().await?;
            return Err(AppError::Conflict {
                message: "your account is already linked to another account at this identity \
                          provider, so it cannot be linked to this one too; ask your \
                          administrator"
                    .to_owned(),
                field: None,
            });
        }
    };
    let user = match matched {
        Matched::Subject | Matched::Email => refresh_profile(app, &mut tx, identity, user).await?,
        Matched::Created => user,
    };
    let signed_in = sessions::start(app, &mut tx, user, client).await?;
    tx.commit().await?;
    tracing::info!(
        user.id = %signed_in.user.id,
        session.id = %signed_in.session_id,
        oidc.issuer = %identity.issuer,
        oidc.matched = ?matched,
        "signed in through single sign-on"
    );
    Ok((signed_in, matched))
}

/// Whom a sign-in that no account is linked to yet found.
enum Found {
    Account(User, Matched),
    /// The account with the identity's e-mail address, already linked to another
    /// subject of the same issuer.
    AlreadyLinked {
        user: User,
        linked: String,
    },
}

/// Finds the account with the identity's e-mail address and links it, or creates a
/// member, in the caller's transaction.
async fn match_or_create(
    app: &App,
    db: &mut Conn,
    identity: &VerifiedIdentity,
) -> Result<Found, AppError> {
    let raw_email = identity.email.as_deref().unwrap_or("").trim();
    if raw_email.is_empty() {
        return Err(ValidationError::new(
            "email",
            "the identity provider did not send your e-mail address, which Hearth needs to \
             find or create your account; ask your administrator to release the e-mail claim",
        )
        .into());
    }
    let email = Email::parse(raw_email).map_err(|_| {
        ValidationError::new(
            "email",
            "the identity provider sent an e-mail address Hearth cannot use",
        )
    })?;
    let home = networks::home(db)
        .await?
        .ok_or(AppError::NotFound("network"))?;
    let now = app.now();

    if let Some(user) = users::find_by_email(db, email.as_str()).await? {
        // Linking on an unverified address would let anyone who can name themselves
        // "ceo@company" at the provider take over that account.
        if !identity.email_verified {
            return Err(AppError::Conflict {
                message: "an account with your e-mail address exists, but the identity \
                          provider does not confirm that the address is yours, so it cannot \
                          be linked; ask your administrator"
                    .to_owned(),
                field: Some("email"),
            });
        }
        if user.network_id != home.id {
            return Err(AppError::Forbidden(
                "single sign-on is for the home network; this account belongs to another one",
            ));
        }
        policy::may_use_account(&user, now)?;
        // A second subject of the same issuer is another person at the provider (or
        // the same person under a new account there): which one owns the account is
        // for an admin to decide, not for whoever signs in first.
        if let Some(linked) = identities::subject_of(db, user.id, &identity.issuer).await? {
            return Ok(Found::AlreadyLinked { user, linked });
        }
        identities::link(db, &identity.issuer, &identity.subject, user.id, now).await?;
        tracing::info!(user.id = %user.id, oidc.issuer = %identity.issuer, "account linked to the identity provider");
        return Ok(Found::Account(user, Matched::Email));
    }

    // Creating needs the same proof as linking. The new account's e-mail address is
    // what every later match goes by (a verified sign-in of the address's real owner,
    // an invitation, a password reset), so an account made from an address nobody
    // proved would be handed to that owner with whatever its creator did in it.
    // Creating it without the address is no way out: every account has one.
    if !identity.email_verified {
        return Err(AppError::Forbidden(
            "the identity provider does not confirm that your e-mail address is yours, so \
             Hearth cannot create your account with it; ask your administrator",
        ));
    }
    let name = identity
        .name
        .as_deref()
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| raw_email.split('@').next().unwrap_or(raw_email));
    let name = DisplayName::parse(name)?;
    let user = crate::accounts::insert_account(app, db, home.id, &email, &name, Role::Member, None)
        .await?;
    // The directory is only as good as what the provider sends; a claim too long for
    // a profile field is cut rather than refusing the person entry.
    let changes = ProfileChanges {
        department: identity.department.as_deref().map(clip),
        job_title: identity.title.as_deref().map(clip),
        ..ProfileChanges::default()
    }
    .validate()?;
    profiles::update(db, user.id, &changes, now).await?;
    identities::link(db, &identity.issuer, &identity.subject, user.id, now).await?;
    audit::record_system(
        db,
        app,
        home.id,
        AuditAction::UserCreated,
        Target::user(&user),
        json!({
            "role": user.role.as_str(),
            "via": "oidc",
            "issuer": identity.issuer,
        }),
    )
    .await?;
    tracing::info!(user.id = %user.id, network.id = %home.id, "account created on first single sign-on");
    Ok(Found::Account(user, Matched::Created))
}

/// Records that a sign-in was refused a second identity of the issuer for `user`, so
/// that an admin sees the attempt (the person signing in only sees the refusal).
async fn refuse_second_identity(
    app: &App,
    db: &mut Conn,
    identity: &VerifiedIdentity,
    user: &User,
    linked: &str,
) -> Result<(), AppError> {
    audit::record_system(
        db,
        app,
        user.network_id,
        AuditAction::SsoLinkRefused,
        Target::user(user),
        json!({
            "issuer": identity.issuer,
            "subject": identity.subject,
            "linked_subject": linked,
        }),
    )
    .await?;
    tracing::warn!(
        user.id = %user.id,
        oidc.issuer = %identity.issuer,
        "a second identity of the issuer was refused for an account"
    );
    Ok(())
}

/// Copies name, department and job title from the claims when the network takes them
/// from the provider. A claim the provider did not send leaves its field as it is, and
/// one Hearth cannot use leaves the whole profile as it is: the sign-in goes on.
async fn refresh_profile(
    app: &App,
    db: &mut Conn,
    identity: &VerifiedIdentity,
    user: User,
) -> Result<User, AppError> {
    if !identities::profile_from_provider(db, user.network_id).await? {
        return Ok(user);
    }
    let Some(profile) = profiles::get(db, user.network_id, user.id).await? else {
        return Ok(user);
    };
    let changed = |claim: &Option<String>, now: &str| {
        claim
            .as_deref()
            .map(clip)
            .filter(|value| !value.is_empty() && value != now)
    };
    let changes = ProfileChanges {
        display_name: changed(&identity.name, &profile.display_name),
        department: changed(&identity.department, &profile.department),
        job_title: changed(&identity.title, &profile.job_title),
        ..ProfileChanges::default()
    };
    if changes == ProfileChanges::default() {
        return Ok(user);
    }
    let changes = match changes.validate() {
        Ok(changes) => changes,
        Err(invalid) => {
            tracing::warn!(user.id = %user.id, field = invalid.field, "a claim from the identity provider does not fit the profile; it was not copied");
            return Ok(user);
        }
    };
    profiles::update(db, user.id, &changes, app.now()).await?;
    if let Some(name) = &changes.display_name {
        hearth_store::external_networks::rename_member_rows(db, user.id, name.as_str(), app.now())
            .await?;
    }
    tracing::info!(user.id = %user.id, "profile refreshed from the identity provider's claims");
    users::get(db, user.id)
        .await?
        .ok_or(AppError::NotFound("account linked to this sign-in"))
}

/// How long a name, department or job title may be.
const FIELD_CHARS: usize = 100;

fn clip(raw: &str) -> String {
    raw.trim().chars().take(FIELD_CHARS).collect()
}

/// The network's single sign-on state, for the admin console.
#[derive(Debug, Clone)]
pub struct SsoStatus {
    pub required: bool,
    /// Whether each sign-in refreshes name, department and job title from the claims.
    pub profile_from_provider: bool,
    /// How many people are linked to a provider account.
    pub linked: i64,
    /// The newest links (first sign-ins through the provider), newest first.
    pub recent: Vec<LinkedAccount>,
}

/// A person linked to an identity provider's account, as the console lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkedAccount {
    pub user_id: UserId,
    pub display_name: String,
    pub email: String,
    pub issuer: String,
    /// When they first signed in through the provider.
    pub created_at: Millis,
}

impl From<LinkedIdentity> for LinkedAccount {
    fn from(link: LinkedIdentity) -> Self {
        Self {
            user_id: UserId(link.user_id),
            display_name: link.display_name,
            email: link.email,
            issuer: link.issuer,
            created_at: link.created_at,
        }
    }
}

/// How many recent links the console shows.
const RECENT_LINKS: i64 = 10;

pub async fn status(app: &App, actor: &Actor) -> Result<SsoStatus, AppError> {
    policy::may_configure_network(actor)?;
    let mut db = app.store().conn().await?;
    let network = audit::network_of(&mut db, actor).await?;
    Ok(SsoStatus {
        required: identities::sso_required(&mut db, network).await?,
        profile_from_provider: identities::profile_from_provider(&mut db, network).await?,
        linked: identities::count_linked(&mut db, network).await?,
        recent: identities::recent_links(&mut db, network, RECENT_LINKS)
            .await?
            .into_iter()
            .map(LinkedAccount::from)
            .collect(),
    })
}

/// Turns "require single sign-on" on or off. `provider_configured` is whether this
/// deployment has an OpenID Connect provider (the configuration file, which the HTTP
/// layer holds): requiring a sign-in nobody can use would lock every employee out.
pub async fn set_sso_required(
    app: &App,
    acting: Acting<'_>,
    required: bool,
    provider_configured: bool,
) -> Result<bool, AppError> {
    policy::may_configure_network(acting.actor)?;
    if required && !provider_configured {
        return Err(ValidationError::new(
            "sso_required",
            "single sign-on cannot be required: no OpenID Connect provider is configured \
             (see the [oidc] settings)",
        )
        .into());
    }
    let mut tx = app.store().begin().await?;
    let network = audit::network_of(&mut tx, acting.actor).await?;
    let before = identities::sso_required(&mut tx, network).await?;
    identities::set_sso_required(&mut tx, network, required).await?;
    audit::record(
        &mut tx,
        app,
        acting,
        network,
        AuditAction::SsoRequirementChanged,
        Target::network(network),
        "",
        json!({ "before": before, "required": required }),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(network.id = %network, sso.required = required, "single sign-on requirement changed");
    Ok(required)
}

/// Makes the identity provider the source of truth for name, department and job title
/// (each sign-in copies them from the claims), or leaves them to people and admins.
pub async fn set_profile_from_provider(
    app: &App,
    acting: Acting<'_>,
    from_provider: bool,
) -> Result<bool, AppError> {
    policy::may_configure_network(acting.actor)?;
    let mut tx = app.store().begin().await?;
    let network = audit::network_of(&mut tx, acting.actor).await?;
    let before = identities::profile_from_provider(&mut tx, network).await?;
    identities::set_profile_from_provider(&mut tx, network, from_provider).await?;
    audit::record(
        &mut tx,
        app,
        acting,
        network,
        AuditAction::SsoProfileSourceChanged,
        Target::network(network),
        "",
        json!({ "before": before, "profile_from_provider": from_provider }),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(network.id = %network, sso.profile_from_provider = from_provider, "single sign-on profile source changed");
    Ok(from_provider)
}
