//! Hearth inside the intranet: the network admin's settings for embedding, and the
//! sites that may frame Hearth's embeddable pages.

use crate::audit::{self, Acting, Target};
use crate::{App, AppError};
use hearth_domain::embed::FrameOrigins;
use hearth_domain::{Actor, AuditAction, CommunityId, ValidationError, policy};
use hearth_store::communities;
use hearth_store::embedding::{self as store, EmbedSettings};

/// The embedding settings as an admin reads them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The sites whose pages may frame Hearth, as origins.
    pub frame_origins: Vec<String>,
    /// Where a page's first comment starts its thread; `None` is the whole company.
    pub page_comments_community: Option<(CommunityId, String)>,
}

/// Settings as an admin sends them.
#[derive(Debug, Clone, Default)]
pub struct NewSettings {
    /// Origins separated by lines, spaces or commas.
    pub frame_origins: String,
    pub page_comments_community: Option<CommunityId>,
}

/// The network's embedding settings (network admins).
pub async fn settings(app: &App, actor: &Actor) -> Result<Settings, AppError> {
    policy::may_configure_network(actor)?;
    let mut db = app.store().conn().await?;
    let network = audit::network_of(&mut db, actor).await?;
    let saved = store::settings(&mut db, network).await?;
    let community = match saved.page_comments_community {
        Some(id) => communities::get(&mut db, network, id)
            .await?
            .map(|c| (c.id, c.name)),
        None => None,
    };
    Ok(Settings {
        frame_origins: saved.frame_origins.as_slice().to_vec(),
        page_comments_community: community,
    })
}

/// Saves which sites may frame Hearth and where pages' comments go (network admins;
/// audited). Every origin is checked before anything is saved.
pub async fn save_settings(
    app: &App,
    acting: Acting<'_>,
    input: &NewSettings,
) -> Result<Settings, AppError> {
    policy::may_configure_network(acting.actor)?;
    let frame_origins = FrameOrigins::parse(&input.frame_origins)?;
    let mut tx = app.store().begin().await?;
    let network = audit::network_of(&mut tx, acting.actor).await?;
    if let Some(id) = input.page_comments_community {
        let community = communities::get(&mut tx, network, id).await?;
        if community.is_none_or(|c| c.archived_at.is_some()) {
            return Err(ValidationError::new(
                "page_comments_community_id",
                "choose a community of this network that is not archived",
            )
            .into());
        }
    }
    let before = store::settings(&mut tx, network).await?;
    let saved = EmbedSettings {
        frame_origins,
        page_comments_community: input.page_comments_community,
    };
    store::save_settings(&mut tx, network, &saved, app.now()).await?;
    audit::record(
        &mut tx,
        app,
        acting,
        network,
        AuditAction::EmbeddingSet,
        Target::network(network),
        "",
        serde_json::json!({
            "before": {
                "frame_origins": before.frame_origins.as_slice(),
                "page_comments_community_id": before.page_comments_community.map(|c| c.0),
            },
            "frame_origins": saved.frame_origins.as_slice(),
            "page_comments_community_id": saved.page_comments_community.map(|c| c.0),
        }),
    )
    .await?;
    tx.commit().await?;
    settings(app, acting.actor).await
}

/// The sites that may frame the embeddable pages. Asked before anyone is known to be
/// signed in (the frame's "Sign in" page is framed too), so it reads the company's
/// own network.
pub async fn frame_origins(app: &App) -> Result<FrameOrigins, AppError> {
    let mut db = app.store().conn().await?;
    Ok(store::home_frame_origins(&mut db).await?)
}
