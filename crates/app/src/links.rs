//! Where things are in the web UI: the one place that spells the paths of Hearth's
//! pages for everything that links to them (pages, notifications, e-mail, digests).
//! The router declares the routes; these build links to them.
//!
//! Paths are relative, as pages use them; e-mail needs absolute links, made with
//! [`absolute`] from the configured public URL. Ids and handles are taken as anything
//! that displays, so typed ids and plain numbers both fit.

use crate::App;
use std::fmt::Display;

/// The notification centre.
pub const NOTIFICATIONS: &str = "/notifications";

/// Where people choose how they hear of things.
pub const NOTIFICATION_SETTINGS: &str = "/settings/notifications";

/// A post's page (its thread when it is a top-level post).
pub fn post(id: impl Display) -> String {
    format!("/posts/{id}")
}

/// A post shown in its thread: the thread's page, scrolled to the post.
pub fn post_in_thread(thread: impl Display, post: impl Display) -> String {
    format!("/posts/{thread}#post-{post}")
}

/// A chat conversation.
pub fn conversation(id: impl Display) -> String {
    format!("/chat/{id}")
}

/// A message shown in its conversation.
pub fn message_in_conversation(conversation: impl Display, message: impl Display) -> String {
    format!("/chat/{conversation}#message-{message}")
}

/// A community's page.
pub fn community(id: impl Display) -> String {
    format!("/communities/{id}")
}

/// A person's profile, by handle or id (the page accepts both).
pub fn person(handle_or_id: impl Display) -> String {
    format!("/people/{handle_or_id}")
}

/// The one-click unsubscribe page for a signed token (see `mail::unsubscribe`).
pub fn unsubscribe(token: &str) -> String {
    format!("/unsubscribe?token={token}")
}

/// The public URL without a trailing slash, to put paths after.
pub fn public_base(app: &App) -> &str {
    app.settings().public_url.trim_end_matches('/')
}

/// `path` as an absolute link under the public URL, as e-mail needs.
pub fn absolute(app: &App, path: &str) -> String {
    format!("{}{path}", public_base(app))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_the_pages_routes() {
        assert_eq!(post(7), "/posts/7");
        assert_eq!(post_in_thread(7, 9), "/posts/7#post-9");
        assert_eq!(conversation(3), "/chat/3");
        assert_eq!(message_in_conversation(3, 4), "/chat/3#message-4");
        assert_eq!(community(5), "/communities/5");
        assert_eq!(person("ana"), "/people/ana");
        assert_eq!(unsubscribe("1.a.b"), "/unsubscribe?token=1.a.b");
    }
}
