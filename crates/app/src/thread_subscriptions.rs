//! "Subscribe to this discussion": hearing of every reply in a thread one did not
//! take part in, or no longer hearing of one one did.

use crate::access::load_readable;
use crate::{App, AppError, signed_in};
use hearth_domain::{Actor, PostId};
use hearth_store::thread_subscriptions::{self as store, Choice};

/// Whether the reader hears of new replies in the thread of `post`: by their own
/// choice, or else because they took part in it.
pub async fn following(app: &App, actor: &Actor, post: PostId) -> Result<bool, AppError> {
    let user = signed_in(actor)?;
    let mut db = app.store().conn().await?;
    let (post, _) = load_readable(&mut db, user, post).await?;
    let root = post.thread_id();
    Ok(match store::choice(&mut db, root, user.id).await? {
        Some(Choice::Following) => true,
        Some(Choice::Muted) => false,
        None => store::took_part(&mut db, root, user.id).await?,
    })
}

/// Subscribes the reader to the thread of `post`, or unsubscribes them; answers
/// whether they now follow it. Only a thread they may read can be followed.
pub async fn set_following(
    app: &App,
    actor: &Actor,
    post: PostId,
    follow: bool,
) -> Result<bool, AppError> {
    let user = signed_in(actor)?;
    let root = {
        let mut db = app.store().conn().await?;
        load_readable(&mut db, user, post).await?.0.thread_id()
    };
    let choice = if follow {
        Choice::Following
    } else {
        Choice::Muted
    };
    let mut tx = app.store().begin().await?;
    store::set(&mut tx, root, user.id, choice, app.now()).await?;
    tx.commit().await?;
    Ok(follow)
}
