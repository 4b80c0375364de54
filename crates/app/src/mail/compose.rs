//! The words of notification e-mails: a plain-text body and an HTML body with inline
//! styles only (mail clients drop style sheets and block remote assets), both with a
//! link into Hearth, one to the preferences and one to unsubscribe.

use crate::links;
use crate::notifications::{About, NotificationView};
use crate::{App, AppError};
use hearth_domain::NotificationKind;
use hearth_domain::notification::actors_phrase;
use hearth_store::outbox::NotificationState;
use hearth_store::{Conn, posts};
use maud::{DOCTYPE, Markup, html};

pub(crate) struct Message {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// The e-mail telling of one (possibly folded) notification.
pub(crate) async fn notification(
    db: &mut Conn,
    app: &App,
    kind: NotificationKind,
    state: &NotificationState,
    unsubscribe_path: &str,
) -> Result<Message, AppError> {
    let actor_ids: Vec<hearth_domain::UserId> = state
        .actor_ids
        .split(',')
        .filter_map(|id| id.trim().parse().ok())
        .map(hearth_domain::UserId)
        .collect();
    let names = posts::authors(db, &actor_ids).await?;
    let actor_names: Vec<String> = actor_ids
        .iter()
        .filter_map(|id| names.get(id).map(|author| author.name.clone()))
        .collect();
    let about = match state.subject_kind.as_str() {
        "conversation" => About::Conversation(state.subject_id),
        _ => About::Post(state.subject_id),
    };
    let view = NotificationView {
        id: hearth_domain::NotificationId(0),
        kind,
        about,
        actors: actors_phrase(&actor_names, state.actor_count),
        actor_ids,
        actor_count: state.actor_count,
        excerpt: state.excerpt.clone(),
        created_at: 0,
        updated_at: 0,
        read: false,
    };
    let sentence = view.sentence();
    let link = about.url(app);
    let preferences = links::absolute(app, links::NOTIFICATION_SETTINGS);
    let unsubscribe = links::absolute(app, unsubscribe_path);
    let open = match about {
        About::Conversation(_) => "Open the conversation",
        About::Post(_) => "Open it in Hearth",
    };
    Ok(Message {
        subject: sentence.clone(),
        text: text_body(
            &sentence,
            &state.excerpt,
            open,
            &link,
            &preferences,
            &unsubscribe,
        ),
        html: html_body(
            &sentence,
            &state.excerpt,
            open,
            &link,
            &preferences,
            &unsubscribe,
        ),
    })
}

fn text_body(
    sentence: &str,
    excerpt: &str,
    open: &str,
    link: &str,
    preferences: &str,
    unsubscribe: &str,
) -> String {
    let quote = if excerpt.is_empty() {
        String::new()
    } else {
        format!("> {excerpt}\n\n")
    };
    format!(
        "{sentence}.\n\n{quote}{open}: {link}\n\n-- \n\
         You get this e-mail because of your notification settings.\n\
         Choose how you hear from Hearth: {preferences}\n\
         Unsubscribe from these e-mails: {unsubscribe}\n"
    )
}

fn html_body(
    sentence: &str,
    excerpt: &str,
    open: &str,
    link: &str,
    preferences: &str,
    unsubscribe: &str,
) -> String {
    let card = html! {
        p style="margin:0 0 8px;font-size:16px;" { strong { (sentence) } }
        @if !excerpt.is_empty() {
            blockquote style="margin:16px 0;padding:8px 12px;border-left:3px solid #d0d7de;color:#444;" {
                (excerpt)
            }
        }
        p style="margin:16px 0;" {
            a href=(link) style="display:inline-block;padding:8px 16px;background:#b5452a;color:#ffffff;text-decoration:none;border-radius:6px;" {
                (open)
            }
        }
    };
    let footer = html! {
        p style="max-width:560px;margin:16px auto 0;font-size:12px;color:#6b7280;" {
            "You get this e-mail because of your notification settings. "
            a href=(preferences) style="color:#6b7280;" { "Choose how you hear from Hearth" }
            " or "
            a href=(unsubscribe) style="color:#6b7280;" { "unsubscribe from these e-mails" }
            "."
        }
    };
    frame(sentence, card, footer).into_string()
}

/// The HTML of every e-mail around its words: the title, the page's colours and a
/// card, then whatever follows the card. Styles are inline because mail clients
/// drop style sheets; there are no remote assets because they block them.
pub(crate) fn frame(title: &str, card: Markup, after_card: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width";
                title { (title) }
            }
            body style="margin:0;padding:24px;background:#f6f7f9;font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;color:#1f2328;" {
                div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px;border:1px solid #e5e7eb;" {
                    (card)
                }
                (after_card)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_html_body_escapes_the_excerpt_and_links_back() {
        let html = html_body(
            "Ana replied to your post",
            "<script>alert(1)</script> & more",
            "Open it in Hearth",
            "https://h.test/posts/1",
            "https://h.test/settings/notifications",
            "https://h.test/unsubscribe?token=a",
        );
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"));
        assert!(html.contains("href=\"https://h.test/posts/1\""));
        assert!(html.contains("href=\"https://h.test/unsubscribe?token=a\""));
        assert!(
            !html.contains("<link") && !html.contains("<img"),
            "no remote assets"
        );
        let text = text_body(
            "Ana replied to your post",
            "hi",
            "Open it in Hearth",
            "https://h.test/posts/1",
            "https://h.test/settings/notifications",
            "https://h.test/unsubscribe?token=a",
        );
        assert!(
            text.starts_with("Ana replied to your post.\n\n> hi\n"),
            "{text}"
        );
        assert!(text.contains("Open it in Hearth: https://h.test/posts/1"));
    }
}
