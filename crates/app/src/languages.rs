//! Which language Hearth speaks to a person: their own choice, else their browser's
//! (the HTTP layer reads it), else the network's default, which admins set.

use crate::audit::{self, Acting, Target};
use crate::{App, AppError};
use hearth_domain::{Actor, AuditAction, ValidationError, policy};
use hearth_i18n::Tr;
use hearth_store::{networks, users};
use serde_json::json;

/// A tag of a language Hearth ships (`de`, `pt-BR`), spelled as the catalogue does.
pub fn shipped(field: &'static str, tag: &str) -> Result<&'static str, ValidationError> {
    let tag = tag.trim();
    hearth_i18n::languages()
        .find(|language| language.tag().eq_ignore_ascii_case(tag))
        .map(|language| language.tag())
        .ok_or_else(|| {
            let known: Vec<_> = hearth_i18n::languages().map(|l| l.tag()).collect();
            ValidationError::new(field, format!("use one of {}", known.join(", ")))
        })
}

/// The language e-mails to `person` are written in: their choice, else the network's.
pub fn for_mail(person_language: Option<&str>, network_default: &str) -> Tr {
    hearth_i18n::choose(person_language, None, network_default)
}

/// Saves the person's own choice; `None` (or an empty tag) goes back to following
/// their browser. Answers the choice as stored.
pub async fn set_own(
    app: &App,
    actor: &Actor,
    language: Option<&str>,
) -> Result<Option<&'static str>, AppError> {
    let Actor::User(user) = actor else {
        return Err(AppError::Forbidden(
            "only a person has a language of their own",
        ));
    };
    let language = match language.map(str::trim) {
        None | Some("") => None,
        Some(tag) => Some(shipped("language", tag)?),
    };
    let mut tx = app.store().begin().await?;
    users::set_language(&mut tx, user.id, language, app.now()).await?;
    tx.commit().await?;
    Ok(language)
}

/// Sets the network's default language. Admins only; audited.
pub async fn set_default(
    app: &App,
    acting: Acting<'_>,
    language: &str,
) -> Result<&'static str, AppError> {
    policy::may_configure_network(acting.actor)?;
    let language = shipped("default_language", language)?;
    let mut tx = app.store().begin().await?;
    let network = audit::network_of(&mut tx, acting.actor).await?;
    let before = networks::get(&mut tx, network)
        .await?
        .map(|n| n.default_language)
        .unwrap_or_default();
    networks::set_default_language(&mut tx, network, language).await?;
    audit::record(
        &mut tx,
        app,
        acting,
        network,
        AuditAction::DefaultLanguageSet,
        Target::network(network),
        "",
        json!({ "before": before, "language": language }),
    )
    .await?;
    tx.commit().await?;
    Ok(language)
}

/// The home network's default language, for visitors who are not signed in.
pub async fn home_default(app: &App) -> Result<String, AppError> {
    let mut db = app.store().conn().await?;
    Ok(networks::home(&mut db)
        .await?
        .map(|network| network.default_language)
        .unwrap_or_else(|| hearth_domain::DEFAULT_LANGUAGE.to_owned()))
}
