//! Article feeds for feed readers (Atom). A feed reader cannot sign in, so each
//! person has a key to put in feed URLs: their id, the key's generation and an HMAC
//! of both under a secret every node shares. Nothing secret is stored per person,
//! so the URLs can be shown again on any page; a new key (or turning feeds off)
//! ends every earlier URL at once, and a person who may no longer sign in reads
//! nothing through one. A feed holds exactly what its owner may read.

use crate::feeds::{Feed, FeedPage};
use crate::{App, AppError, signed_in};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hearth_domain::{Actor, User, UserId, policy};
use hearth_store::{Conn, articles, outbox, users};
use hmac::{Hmac, Mac};
use sha2::Sha256;

const KEY_NAME: &str = "article_feed_key";

/// How many of the newest articles a feed holds.
pub const FEED_LENGTH: u32 = 20;

async fn secret(db: &mut Conn, app: &App) -> Result<String, AppError> {
    if let Some(key) = outbox::find_server_secret(db, KEY_NAME).await? {
        return Ok(key);
    }
    let candidate = crate::secrets::generate("");
    Ok(outbox::server_secret(db, KEY_NAME, &candidate, app.now()).await?)
}

/// The MAC of one person's key of one generation: made for a URL, verified from one.
fn mac(secret: &str, user: UserId, generation: i64) -> Hmac<Sha256> {
    #[expect(clippy::expect_used, reason = "HMAC accepts keys of any length")]
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(format!("article-feed\n{}\n{generation}", user.0).as_bytes());
    mac
}

fn key_of(secret: &str, user: UserId, generation: i64) -> String {
    format!(
        "{}.{generation}.{}",
        user.0,
        URL_SAFE_NO_PAD.encode(mac(secret, user, generation).finalize().into_bytes())
    )
}

/// The person's feed key, when they turned feeds on.
pub async fn key(app: &App, actor: &Actor) -> Result<Option<String>, AppError> {
    let user = signed_in(actor)?;
    let mut db = app.store().conn().await?;
    let Some(generation) = articles::feed_key(&mut db, user.id).await? else {
        return Ok(None);
    };
    let secret = secret(&mut db, app).await?;
    Ok(Some(key_of(&secret, user.id, generation)))
}

/// Makes a new key; every URL with an earlier one stops working.
pub async fn renew_key(app: &App, actor: &Actor) -> Result<String, AppError> {
    let user = signed_in(actor)?;
    let mut tx = app.store().begin().await?;
    let generation = articles::renew_feed_key(&mut tx, user.id, app.now()).await?;
    let secret = secret(&mut tx, app).await?;
    tx.commit().await?;
    Ok(key_of(&secret, user.id, generation))
}

/// Turns feeds off: every URL with the person's key stops working.
pub async fn end_key(app: &App, actor: &Actor) -> Result<(), AppError> {
    let user = signed_in(actor)?;
    let mut tx = app.store().begin().await?;
    articles::end_feed_key(&mut tx, user.id).await?;
    tx.commit().await?;
    Ok(())
}

fn not_valid() -> AppError {
    AppError::NotFound("feed")
}

/// The person a key belongs to, if it is their current key and they may still sign
/// in; anything else is "not found", whatever was wrong.
async fn owner(db: &mut Conn, app: &App, key: &str) -> Result<User, AppError> {
    let mut parts = key.trim().splitn(3, '.');
    let (Some(user), Some(generation), Some(given)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(not_valid());
    };
    let user = UserId(user.parse().map_err(|_| not_valid())?);
    let generation: i64 = generation.parse().map_err(|_| not_valid())?;
    let given = URL_SAFE_NO_PAD.decode(given).map_err(|_| not_valid())?;
    let Some(secret) = outbox::find_server_secret(db, KEY_NAME).await? else {
        return Err(not_valid());
    };
    mac(&secret, user, generation)
        .verify_slice(&given)
        .map_err(|_| not_valid())?;
    if articles::feed_key(db, user).await? != Some(generation) {
        return Err(not_valid());
    }
    let owner = users::get(db, user).await?.ok_or_else(not_valid)?;
    policy::may_use_account(&owner, app.now()).map_err(|_| not_valid())?;
    Ok(owner)
}

/// The newest articles of a feed as the key's owner may read them.
pub async fn read(app: &App, key: &str, which: &Feed) -> Result<(User, FeedPage), AppError> {
    let owner = {
        let mut db = app.store().conn().await?;
        owner(&mut db, app, key).await?
    };
    let actor = Actor::User(owner.clone());
    let page = crate::articles::list(app, &actor, which, None, Some(FEED_LENGTH)).await?;
    Ok((owner, page))
}
