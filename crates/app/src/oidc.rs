//! Single sign-on through an OpenID Connect provider. The HTTP layer runs the protocol
//! (state, nonce, PKCE, the ID token's signature, audience and expiry); what reaches
//! this module is an identity the provider has vouched for. Here that identity becomes
//! a person of the home network: the one already linked to it, else the one with its
//! verified e-mail address (then linked), else a new member created on the spot.
//!
//! Also here: the network's "require single sign-on" setting, which turns password
//! sign-in off for everyone but network admins (see `policy::may_sign_in_with_password`).

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
    let (user, matched) =
        match identities::find_user(&mut tx, &identity.issuer, &identity.subject).await? {
            Some(id) => {
                let user = users::get(&mut tx, id)
                    .await?
                    .ok_or(AppError::NotFound("account linked to this sign-in"))?;
                policy::may_use_account(&user, now)?;
                (user, Matched::Subject)
            }
            None => match_or_create(app, &mut tx, identity).await?,
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

/// Finds the account with the identity's e-mail address and links it, or creates a
/// member, in the caller's transaction.
async fn match_or_create(
    app: &App,
    db: &mut Conn,
    identity: &VerifiedIdentity,
) -> Result<(User, Matched), AppError> {
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
        identities::link(db, &identity.issuer, &identity.subject, user.id, now).await?;
        tracing::info!(user.id = %user.id, oidc.issuer = %identity.issuer, "account linked to the identity provider");
        return Ok((user, Matched::Email));
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
        department: identity.department.as_deref().map(|d| clip(d, 100)),
        job_title: identity.title.as_deref().map(|t| clip(t, 100)),
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
    Ok((user, Matched::Created))
}

fn clip(raw: &str, max_chars: usize) -> String {
    raw.trim().chars().take(max_chars).collect()
}

/// The network's single sign-on state, for the admin console.
#[derive(Debug, Clone)]
pub struct SsoStatus {
    pub required: bool,
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
