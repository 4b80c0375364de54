//! `hearth admin create-scim-token` and `revoke-scim-token`: the console's
//! Provisioning tab, done as the operator for the home network.

use super::operator_app;
use crate::config::Config;
use hearth_app::audit::Acting;
use hearth_app::scim::tokens;

/// Creates a SCIM token and answers its secret, to be printed once on its own line.
pub async fn create_scim_token(config: &Config, name: &str) -> anyhow::Result<String> {
    let app = operator_app(config).await?;
    let outcome = tokens::create(&app, Acting::operator(), name).await;
    app.store().close().await;
    Ok(outcome?.secret)
}

/// Revokes a SCIM token by id; its client is refused from then on.
pub async fn revoke_scim_token(config: &Config, id: i64) -> anyhow::Result<String> {
    let app = operator_app(config).await?;
    let outcome = tokens::revoke(
        &app,
        Acting::operator(),
        hearth_app::domain::ScimTokenId(id),
    )
    .await;
    app.store().close().await;
    let revoked = outcome?;
    Ok(format!(
        "revoked SCIM token {} ({})",
        revoked.id, revoked.name
    ))
}
