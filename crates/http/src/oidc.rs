//! Hearth as an OpenID Connect relying party: the authorization code flow with PKCE,
//! run by the `openidconnect` crate. This module speaks the protocol and checks
//! everything the provider sends (state, the `iss` of the answer, the ID token's
//! signature, issuer, audience, expiry and nonce, and that a UserInfo answer is about
//! the ID token's subject); `hearth_app::oidc` then decides who the verified identity
//! is in Hearth. The pages are in `pages::oidc`.
//!
//! With the code flow many providers put the profile claims (`email`, `name`, …) only
//! in the UserInfo answer, not in the ID token (OpenID Connect Core 1.0 §5.4), so a
//! configured claim the ID token lacks is looked for there.
//!
//! A sign-in in progress is remembered in a cookie, not on the server: it holds the
//! state, nonce and PKCE verifier, expires after ten minutes, and is signed with a key
//! derived from the client secret. Every node of a cluster has that secret, so the
//! provider's answer may reach any node, survive a restart, and leave nothing to clean
//! up. Signing (not encrypting) is enough: the state and nonce travel through the
//! browser anyway, and the verifier is only worth anything with the code, which goes
//! through the same browser; the signature is what stops a forged or altered flow.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hearth_app::oidc::VerifiedIdentity;
use hmac::{Hmac, Mac};
use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreGenderClaim, CoreIdToken, CoreProviderMetadata,
};
use openidconnect::{
    AccessToken, AdditionalClaims, AuthorizationCode, ClaimsVerificationError, ClientId,
    ClientSecret, CsrfToken, IssuerUrl, Nonce, OAuth2TokenResponse, PkceCodeChallenge,
    PkceCodeVerifier, RedirectUrl, Scope, SubjectIdentifier, TokenResponse, UserInfoClaims,
    UserInfoError,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::sync::RwLock;
use std::time::{Duration, Instant};

/// A client made from discovered metadata: the authorization endpoint is known, the
/// token and user-info endpoints may be.
type Client = CoreClient<
    openidconnect::EndpointSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointMaybeSet,
    openidconnect::EndpointMaybeSet,
>;

/// The cookie holding a sign-in in progress; sent only to the callback.
pub const FLOW_COOKIE: &str = "hearth_oidc";
pub const FLOW_COOKIE_PATH: &str = "/sign-in/oidc";
/// How long a person has to sign in at the provider.
pub const FLOW_LIFETIME: Duration = Duration::from_secs(600);
/// Provider metadata and keys are fetched again after this long, or at once when a
/// token's signature does not check out (the provider may have rotated its keys).
const METADATA_LIFETIME: Duration = Duration::from_secs(3600);
const PROVIDER_TIMEOUT: Duration = Duration::from_secs(10);

/// The `[oidc]` settings of the configuration file.
#[derive(Clone)]
pub struct OidcSettings {
    pub issuer_url: String,
    pub client_id: String,
    pub client_secret: String,
    /// Scopes asked for besides `openid`, which is always asked for.
    pub scopes: Vec<String>,
    pub name_claim: String,
    pub email_claim: String,
    pub department_claim: String,
    pub title_claim: String,
    /// Shown as "Sign in with <label>".
    pub button_label: String,
}

impl std::fmt::Debug for OidcSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OidcSettings")
            .field("issuer_url", &self.issuer_url)
            .field("client_id", &self.client_id)
            .field("client_secret", &"<hidden>")
            .field("scopes", &self.scopes)
            .finish_non_exhaustive()
    }
}

/// The relying party of one provider, with its cached discovery document.
pub struct OidcProvider {
    settings: OidcSettings,
    issuer: IssuerUrl,
    redirect_uri: RedirectUrl,
    http: reqwest::Client,
    /// Keyed once; cloned for each cookie it signs or checks.
    flow_mac: Hmac<Sha256>,
    metadata: RwLock<Option<(CoreProviderMetadata, Instant)>>,
}

impl std::fmt::Debug for OidcProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OidcProvider")
            .field("settings", &self.settings)
            .field("redirect_uri", &self.redirect_uri.as_str())
            .finish_non_exhaustive()
    }
}

/// Why a setting cannot work; shown at start-up.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct OidcSetupError(String);

/// Why a sign-in through the provider failed, in words for the person signing in.
#[derive(Debug, thiserror::Error)]
pub enum FlowError {
    #[error(
        "Hearth could not reach the identity provider, or did not understand its answer. It \
         may be down; try again in a moment."
    )]
    ProviderUnreachable,
    #[error(
        "This sign-in was not started in this browser, or it took longer than ten minutes. \
         Start it again."
    )]
    NoFlow,
    #[error(
        "The answer from the identity provider does not belong to the sign-in started in \
         this browser (its state did not match), so it was refused."
    )]
    StateMismatch,
    #[error("The identity provider did not sign you in: {0}")]
    Provider(String),
    #[error(
        "The identity provider refused the sign-in code: it has expired or was already used. \
         Start the sign-in again."
    )]
    CodeRefused,
    #[error("The identity provider's proof of who you are (the ID token) was refused: {0}.")]
    IdToken(&'static str),
    #[error(
        "The identity provider's details about you (its UserInfo answer) are about someone \
         else than its proof of who you are (the ID token), so the sign-in was refused."
    )]
    UserInfoSubject,
}

/// Claims by name, as a token or a UserInfo answer carries them.
type Claims = serde_json::Map<String, serde_json::Value>;

/// The claims of a UserInfo answer beyond the standard ones, kept by name: which
/// claims Hearth reads is configurable.
#[derive(Debug, Deserialize, Serialize)]
struct OtherClaims {
    #[serde(flatten)]
    claims: Claims,
}

impl AdditionalClaims for OtherClaims {}

#[derive(Serialize, Deserialize)]
struct Flow {
    state: String,
    nonce: String,
    verifier: String,
    expires_at: i64,
}

/// A sign-in begun: send the browser to `authorize_url`, holding `cookie_value`.
pub struct Started {
    pub authorize_url: String,
    pub cookie_value: String,
}

/// What the provider sent back to the callback.
#[derive(Debug, Default, Deserialize)]
pub struct Callback {
    pub code: Option<String>,
    pub state: Option<String>,
    pub iss: Option<String>,
    pub error: Option<String>,
    pub error_description: Option<String>,
}

impl OidcProvider {
    /// Checks the settings; nothing is fetched until the first sign-in.
    pub fn new(settings: OidcSettings, public_url: &str) -> Result<Self, OidcSetupError> {
        let issuer = IssuerUrl::new(settings.issuer_url.trim().to_owned())
            .map_err(|err| OidcSetupError(format!("oidc.issuer_url is not a URL: {err}")))?;
        let redirect = format!("{}/sign-in/oidc/callback", public_url.trim_end_matches('/'));
        let redirect_uri = RedirectUrl::new(redirect)
            .map_err(|err| OidcSetupError(format!("public_url makes no redirect URI: {err}")))?;
        if settings.client_id.trim().is_empty() || settings.client_secret.is_empty() {
            return Err(OidcSetupError(
                "oidc.client_id and oidc.client_secret are required".to_owned(),
            ));
        }
        // The provider must not send us elsewhere: a redirect on the token endpoint
        // would carry the client secret to whoever it names.
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(PROVIDER_TIMEOUT)
            .build()
            .map_err(|err| OidcSetupError(format!("cannot make an HTTP client: {err}")))?;
        let key = Sha256::digest(format!("hearth-oidc-flow:{}", settings.client_secret).as_bytes());
        let flow_mac = <Hmac<Sha256> as Mac>::new_from_slice(&key)
            .map_err(|err| OidcSetupError(format!("cannot key the sign-in cookie: {err}")))?;
        Ok(Self {
            settings,
            issuer,
            redirect_uri,
            http,
            flow_mac,
            metadata: RwLock::new(None),
        })
    }

    pub fn settings(&self) -> &OidcSettings {
        &self.settings
    }

    pub fn issuer(&self) -> &str {
        self.issuer.as_str()
    }

    pub fn redirect_uri(&self) -> &str {
        self.redirect_uri.as_str()
    }

    /// The provider's discovery document and keys, from the cache while fresh.
    async fn metadata(&self, refresh: bool) -> Result<CoreProviderMetadata, FlowError> {
        if !refresh
            && let Some((metadata, fetched)) = self
                .metadata
                .read()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .as_ref()
            && fetched.elapsed() < METADATA_LIFETIME
        {
            return Ok(metadata.clone());
        }
        let metadata = CoreProviderMetadata::discover_async(self.issuer.clone(), &self.http)
            .await
            .map_err(|err| {
                tracing::warn!(oidc.issuer = %self.issuer.as_str(), error = %err, "OpenID Connect discovery failed");
                FlowError::ProviderUnreachable
            })?;
        *self
            .metadata
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) =
            Some((metadata.clone(), Instant::now()));
        Ok(metadata)
    }

    /// Fetches the discovery document now, for the admin console's status.
    pub async fn check(&self) -> Result<(), FlowError> {
        self.metadata(true).await.map(|_| ())
    }

    fn client(&self, metadata: CoreProviderMetadata) -> Client {
        CoreClient::from_provider_metadata(
            metadata,
            ClientId::new(self.settings.client_id.clone()),
            Some(ClientSecret::new(self.settings.client_secret.clone())),
        )
        .set_redirect_uri(self.redirect_uri.clone())
    }

    /// Begins a sign-in: fresh state, nonce and PKCE verifier, and where to send the
    /// browser.
    pub async fn start(&self, now: i64) -> Result<Started, FlowError> {
        let client = self.client(self.metadata(false).await?);
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = client.authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        );
        for scope in self
            .settings
            .scopes
            .iter()
            .filter(|s| s.as_str() != "openid")
        {
            request = request.add_scope(Scope::new(scope.clone()));
        }
        let (url, state, nonce) = request.set_pkce_challenge(challenge).url();
        let flow = Flow {
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            verifier: verifier.secret().clone(),
            expires_at: now + i64::try_from(FLOW_LIFETIME.as_millis()).unwrap_or(i64::MAX),
        };
        Ok(Started {
            authorize_url: url.to_string(),
            cookie_value: self.seal(&flow),
        })
    }

    /// Completes a sign-in: the answer must belong to the flow in `cookie`, the code
    /// must be accepted with its verifier, and the ID token must pass every check.
    pub async fn finish(
        &self,
        cookie: Option<&str>,
        callback: &Callback,
        now: i64,
    ) -> Result<VerifiedIdentity, FlowError> {
        let flow = cookie
            .and_then(|value| self.open(value))
            .filter(|flow| flow.expires_at > now)
            .ok_or(FlowError::NoFlow)?;
        let state = callback.state.as_deref().unwrap_or_default();
        if !crate::csrf::tokens_match(&flow.state, state) {
            return Err(FlowError::StateMismatch);
        }
        if let Some(error) = &callback.error {
            let said = callback
                .error_description
                .as_deref()
                .filter(|d| !d.is_empty())
                .unwrap_or(error);
            return Err(FlowError::Provider(said.chars().take(300).collect()));
        }
        // RFC 9207: an answer naming another issuer is a mix-up attack.
        if let Some(iss) = &callback.iss
            && iss != self.issuer.as_str()
        {
            return Err(FlowError::IdToken("it came from another identity provider"));
        }
        let code = callback
            .code
            .as_deref()
            .filter(|c| !c.is_empty())
            .ok_or(FlowError::Provider("it sent no sign-in code".to_owned()))?;

        let mut client = self.client(self.metadata(false).await?);
        let response = client
            .exchange_code(AuthorizationCode::new(code.to_owned()))
            .map_err(|_| FlowError::ProviderUnreachable)?
            .set_pkce_verifier(PkceCodeVerifier::new(flow.verifier))
            .request_async(&self.http)
            .await
            .map_err(|err| match err {
                openidconnect::RequestTokenError::ServerResponse(refused) => {
                    tracing::info!(oidc.error = ?refused.error(), "the identity provider refused a code");
                    FlowError::CodeRefused
                }
                other => {
                    tracing::warn!(error = %other, "exchanging a code with the identity provider failed");
                    FlowError::ProviderUnreachable
                }
            })?;
        let id_token = response
            .id_token()
            .ok_or(FlowError::IdToken("the provider sent none"))?;
        let nonce = Nonce::new(flow.nonce);
        let verified = self.verify(&client, id_token, &nonce);
        if let Err(ClaimsVerificationError::SignatureVerification(_)) = verified {
            // Perhaps a key the cached key set does not have yet: fetch it and retry.
            client = self.client(self.metadata(true).await?);
            self.verify(&client, id_token, &nonce)?;
        } else {
            verified?;
        }
        let mut claims = id_token_claims(id_token)?;
        if self.lacks_a_claim(&claims) {
            let subject = text(&claims, "sub").ok_or(FlowError::IdToken("it names no subject"))?;
            if let Some(user_info) = self
                .user_info(&client, response.access_token(), &subject)
                .await?
            {
                self.complete(&mut claims, user_info);
            }
        }
        self.identity(&claims)
    }

    fn verify(
        &self,
        client: &Client,
        id_token: &CoreIdToken,
        nonce: &Nonce,
    ) -> Result<(), ClaimsVerificationError> {
        id_token
            .claims(&client.id_token_verifier(), nonce)
            .map(|_| ())
            .inspect_err(|err| tracing::info!(error = %err, "an ID token was refused"))
    }

    /// Whether a claim Hearth is configured to read is not among `claims`.
    fn lacks_a_claim(&self, claims: &Claims) -> bool {
        self.configured_claims()
            .iter()
            .any(|name| !name.is_empty() && text(claims, name).is_none())
    }

    fn configured_claims(&self) -> [&str; 4] {
        let settings = &self.settings;
        [
            &settings.email_claim,
            &settings.name_claim,
            &settings.department_claim,
            &settings.title_claim,
        ]
    }

    /// The provider's UserInfo answer for the access token; `None` when the provider has
    /// no UserInfo endpoint. An answer about another subject than the ID token's is
    /// refused, as Core 1.0 §5.3.2 requires: it could be a substituted token's.
    async fn user_info(
        &self,
        client: &Client,
        access_token: &AccessToken,
        subject: &str,
    ) -> Result<Option<Claims>, FlowError> {
        let Ok(request) = client.user_info(
            access_token.clone(),
            Some(SubjectIdentifier::new(subject.to_owned())),
        ) else {
            return Ok(None);
        };
        let answer: UserInfoClaims<OtherClaims, CoreGenderClaim> = request
            .request_async(&self.http)
            .await
            .map_err(|err| match err {
                UserInfoError::ClaimsVerification(ClaimsVerificationError::InvalidSubject(
                    said,
                )) => {
                    tracing::warn!(oidc.issuer = %self.issuer.as_str(), error = %said, "a UserInfo answer about another subject was refused");
                    FlowError::UserInfoSubject
                }
                other => {
                    tracing::warn!(oidc.issuer = %self.issuer.as_str(), error = %other, "reading the identity provider's UserInfo failed");
                    FlowError::ProviderUnreachable
                }
            })?;
        match serde_json::to_value(&answer) {
            Ok(serde_json::Value::Object(claims)) => Ok(Some(claims)),
            _ => Err(FlowError::ProviderUnreachable),
        }
    }

    /// Adds to the ID token's `claims` the configured ones it lacks, from the UserInfo
    /// answer. The ID token's own claims stay as they are. An e-mail address taken from
    /// UserInfo takes its `email_verified` from there too: whether an address is
    /// verified is only said of the address it came with.
    fn complete(&self, claims: &mut Claims, user_info: Claims) {
        for name in self.configured_claims() {
            if text(claims, name).is_some() {
                continue;
            }
            if let Some(value) = user_info.get(name) {
                claims.insert(name.to_owned(), value.clone());
                if name == self.settings.email_claim {
                    match user_info.get("email_verified") {
                        Some(verified) => {
                            claims.insert("email_verified".to_owned(), verified.clone())
                        }
                        None => claims.remove("email_verified"),
                    };
                }
            }
        }
    }

    /// Reads the mapped claims of an ID token whose every check has passed, completed
    /// from UserInfo where it lacked some.
    fn identity(&self, claims: &Claims) -> Result<VerifiedIdentity, FlowError> {
        let email_verified = match claims.get("email_verified") {
            Some(serde_json::Value::Bool(verified)) => *verified,
            Some(serde_json::Value::String(verified)) => verified == "true",
            _ => false,
        };
        Ok(VerifiedIdentity {
            issuer: self.issuer.as_str().to_owned(),
            subject: text(claims, "sub").ok_or(FlowError::IdToken("it names no subject"))?,
            email: text(claims, &self.settings.email_claim),
            email_verified,
            name: text(claims, &self.settings.name_claim),
            department: text(claims, &self.settings.department_claim),
            title: text(claims, &self.settings.title_claim),
        })
    }

    fn seal(&self, flow: &Flow) -> String {
        let payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(flow).unwrap_or_default());
        let mut mac = self.flow_mac.clone();
        mac.update(payload.as_bytes());
        let signature = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
        format!("{payload}.{signature}")
    }

    fn open(&self, sealed: &str) -> Option<Flow> {
        let (payload, signature) = sealed.split_once('.')?;
        let signature = URL_SAFE_NO_PAD.decode(signature).ok()?;
        let mut mac = self.flow_mac.clone();
        mac.update(payload.as_bytes());
        mac.verify_slice(&signature).ok()?;
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).ok()?).ok()
    }
}

/// The claims of an ID token whose every check has passed. The crate knows only the
/// standard claims, and the claim names are configurable, so the (already verified)
/// payload is read as JSON.
fn id_token_claims(id_token: &CoreIdToken) -> Result<Claims, FlowError> {
    id_token
        .to_string()
        .split('.')
        .nth(1)
        .and_then(|payload| URL_SAFE_NO_PAD.decode(payload).ok())
        .and_then(|json| serde_json::from_slice(&json).ok())
        .ok_or(FlowError::IdToken("its claims could not be read"))
}

/// A claim's text, trimmed; `None` when it is missing, empty or not text.
fn text(claims: &Claims, name: &str) -> Option<String> {
    claims
        .get(name)
        .and_then(serde_json::Value::as_str)
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

/// Why an ID token was refused, in words.
impl From<ClaimsVerificationError> for FlowError {
    fn from(err: ClaimsVerificationError) -> Self {
        Self::IdToken(match err {
            ClaimsVerificationError::Expired(_) => "it has expired",
            ClaimsVerificationError::InvalidAudience(_) => {
                "it was issued for another application, not for Hearth"
            }
            ClaimsVerificationError::InvalidNonce(_) => {
                "it belongs to another sign-in (its nonce did not match)"
            }
            ClaimsVerificationError::InvalidIssuer(_) => "it was issued by another provider",
            ClaimsVerificationError::SignatureVerification(_) => {
                "its signature could not be verified"
            }
            _ => "it did not pass Hearth's checks",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn provider(secret: &str) -> OidcProvider {
        OidcProvider::new(
            OidcSettings {
                issuer_url: "https://id.example.com".to_owned(),
                client_id: "hearth".to_owned(),
                client_secret: secret.to_owned(),
                scopes: vec!["email".to_owned()],
                name_claim: "name".to_owned(),
                email_claim: "email".to_owned(),
                department_claim: "department".to_owned(),
                title_claim: "title".to_owned(),
                button_label: "Acme".to_owned(),
            },
            "https://hearth.example.com/",
        )
        .unwrap()
    }

    #[test]
    fn a_sealed_flow_opens_only_unaltered_and_with_the_same_secret() {
        let rp = provider("one");
        let flow = Flow {
            state: "s".to_owned(),
            nonce: "n".to_owned(),
            verifier: "v".to_owned(),
            expires_at: 5,
        };
        let sealed = rp.seal(&flow);
        assert_eq!(rp.open(&sealed).unwrap().nonce, "n");
        assert!(provider("two").open(&sealed).is_none());
        let (payload, signature) = sealed.split_once('.').unwrap();
        let other =
            URL_SAFE_NO_PAD.encode(br#"{"state":"x","nonce":"n","verifier":"v","expires_at":5}"#);
        assert!(rp.open(&format!("{other}.{signature}")).is_none());
        assert!(rp.open(payload).is_none());
        assert_eq!(
            rp.redirect_uri(),
            "https://hearth.example.com/sign-in/oidc/callback"
        );
    }

    fn claims(json: serde_json::Value) -> Claims {
        match json {
            serde_json::Value::Object(claims) => claims,
            _ => unreachable!(),
        }
    }

    #[test]
    fn user_info_fills_only_what_the_id_token_lacks_and_its_address_keeps_its_own_verification() {
        let rp = provider("one");
        let mut from_token = claims(serde_json::json!({
            "sub": "ana", "name": "Ana Lima", "email_verified": true,
        }));
        let user_info = claims(serde_json::json!({
            "sub": "ana", "name": "Someone Else", "email": "ana@acme.test",
            "department": "Logistics",
        }));
        rp.complete(&mut from_token, user_info);
        let identity = rp.identity(&from_token).unwrap();
        assert_eq!(identity.name.as_deref(), Some("Ana Lima"));
        assert_eq!(identity.email.as_deref(), Some("ana@acme.test"));
        assert_eq!(identity.department.as_deref(), Some("Logistics"));
        assert_eq!(identity.title, None);
        // The ID token vouched for no address; UserInfo's says nothing of its own.
        assert!(!identity.email_verified);

        let mut from_token = claims(serde_json::json!({ "sub": "ana" }));
        rp.complete(
            &mut from_token,
            claims(serde_json::json!({
                "sub": "ana", "email": "ana@acme.test", "email_verified": true,
            })),
        );
        assert!(rp.identity(&from_token).unwrap().email_verified);
    }
}
