//! The words of notification e-mails: a plain-text body and an HTML body with inline
//! styles only (mail clients drop style sheets and block remote assets), both with a
//! link into Hearth, one to the preferences and one to unsubscribe.

use crate::links;
use crate::notifications::{About, sentence};
use crate::{App, AppError};
use hearth_domain::NotificationKind;
use hearth_i18n::{FluentArgs, FluentValue, Tr, t};
use hearth_store::outbox::NotificationState;
use hearth_store::{Conn, posts};
use maud::{DOCTYPE, Markup, html};

pub(crate) struct Message {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// The e-mail telling of one (possibly folded) notification, in its recipient's
/// language (their choice, else their network's default).
pub(crate) async fn notification(
    db: &mut Conn,
    app: &App,
    kind: NotificationKind,
    state: &NotificationState,
    unsubscribe_path: &str,
) -> Result<Message, AppError> {
    let tr = crate::languages::for_mail(state.language.as_deref(), &state.default_language);
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
    let sentence = sentence(
        tr,
        kind,
        &actor_names,
        state.actor_count,
        state.place.as_deref(),
    );
    // Files are named, never sent: whoever follows the link sees them if they still
    // may read the post.
    let files = match about {
        About::Post(id) => {
            let (mut on, _) = hearth_store::uploads::attached(
                db,
                &[hearth_store::uploads::Target::Post(hearth_domain::PostId(
                    id,
                ))],
            )
            .await?;
            let names: Vec<String> = on
                .remove(&hearth_domain::PostId(id))
                .unwrap_or_default()
                .into_iter()
                .map(|u| u.name)
                .collect();
            files_line(tr, &names)
        }
        About::Conversation(_) => None,
    };
    let words = Words {
        link: about.url(app),
        preferences: links::absolute(app, links::NOTIFICATION_SETTINGS),
        unsubscribe: links::absolute(app, unsubscribe_path),
        about,
    };
    Ok(Message {
        text: text_body(tr, &sentence, &state.excerpt, files.as_deref(), &words),
        html: html_body(tr, &sentence, &state.excerpt, files.as_deref(), &words),
        subject: in_network(tr, state.external_network.as_deref(), sentence),
    })
}

/// A subject naming the external network an e-mail comes from ("[Suppliers] …"), so
/// that someone in several networks knows where to look; the company's own network
/// goes unnamed.
pub(crate) fn in_network(tr: Tr, external_network: Option<&str>, subject: String) -> String {
    match external_network {
        Some(network) => t!(
            tr,
            "mail-subject-in-network",
            network = network,
            subject = subject.as_str()
        ),
        None => subject,
    }
}

/// "2 files attached: plan.pdf, lake.jpg", or nothing without files.
pub(crate) fn files_line(tr: Tr, names: &[String]) -> Option<String> {
    if names.is_empty() {
        return None;
    }
    let mut args = FluentArgs::new();
    args.set("count", FluentValue::from(names.len()));
    args.set("names", FluentValue::from(names.join(", ")));
    Some(tr.t_args("mail-attached-files", &args))
}

/// The links of a notification e-mail, the same in its text and its HTML.
struct Words {
    about: About,
    link: String,
    preferences: String,
    unsubscribe: String,
}

fn text_body(tr: Tr, sentence: &str, excerpt: &str, files: Option<&str>, words: &Words) -> String {
    let mut quote = if excerpt.is_empty() {
        String::new()
    } else {
        format!("> {excerpt}\n\n")
    };
    if let Some(files) = files {
        quote.push_str(&format!("{files}\n\n"));
    }
    let link = words.link.as_str();
    let open = match words.about {
        About::Conversation(_) => t!(tr, "mail-text-open-conversation", link = link),
        About::Post(_) => t!(tr, "mail-text-open-post", link = link),
    };
    let headline = t!(tr, "mail-text-headline", sentence = sentence);
    let why = t!(tr, "mail-why");
    let preferences = t!(
        tr,
        "mail-text-preferences",
        link = words.preferences.as_str()
    );
    let unsubscribe = t!(
        tr,
        "mail-text-unsubscribe",
        link = words.unsubscribe.as_str()
    );
    format!("{headline}\n\n{quote}{open}\n\n-- \n{why}\n{preferences}\n{unsubscribe}\n")
}

fn html_body(tr: Tr, sentence: &str, excerpt: &str, files: Option<&str>, words: &Words) -> String {
    let open = match words.about {
        About::Conversation(_) => t!(tr, "mail-open-conversation"),
        About::Post(_) => t!(tr, "mail-open-post"),
    };
    let card = html! {
        p style="margin:0 0 8px;font-size:16px;" { strong { (sentence) } }
        @if !excerpt.is_empty() {
            blockquote style="margin:16px 0;padding:8px 12px;border-left:3px solid #d0d7de;color:#444;" {
                (excerpt)
            }
        }
        @if let Some(files) = files {
            p style="margin:8px 0;color:#57606a;" { (files) }
        }
        p style="margin:16px 0;" {
            a href=(words.link) style="display:inline-block;padding:8px 16px;background:#b5452a;color:#ffffff;text-decoration:none;border-radius:6px;" {
                (open)
            }
        }
    };
    let footer = linked(
        tr,
        "mail-html-footer",
        &[
            (
                "preferences",
                html! { a href=(words.preferences) style="color:#6b7280;" { (t!(tr, "mail-html-preferences")) } },
            ),
            (
                "unsubscribe",
                html! { a href=(words.unsubscribe) style="color:#6b7280;" { (t!(tr, "mail-html-unsubscribe")) } },
            ),
        ],
    );
    let footer = html! {
        p style="max-width:560px;margin:16px auto 0;font-size:12px;color:#6b7280;" { (footer) }
    };
    frame(sentence, card, footer).into_string()
}

/// A catalogue sentence with markup in it, such as links: each named argument is
/// replaced by its markup and the words around it are escaped, so a translation can
/// put the links wherever its language wants them.
pub(crate) fn linked(tr: Tr, id: &str, parts: &[(&str, Markup)]) -> Markup {
    // Private-use characters stand in for the parts while the message is formatted.
    let marks: Vec<String> = (0..parts.len())
        .filter_map(|i| u32::try_from(i).ok())
        .filter_map(|i| char::from_u32(0xE000 + i))
        .map(String::from)
        .collect();
    let mut args = FluentArgs::new();
    for ((name, _), mark) in parts.iter().zip(&marks) {
        args.set(*name, FluentValue::from(mark.as_str()));
    }
    let sentence = tr.t_args(id, &args);
    let mut pieces: Vec<Markup> = Vec::new();
    let mut words = String::new();
    for c in sentence.chars() {
        match (c as u32)
            .checked_sub(0xE000)
            .and_then(|i| usize::try_from(i).ok())
            .and_then(|i| parts.get(i))
        {
            Some((_, markup)) => {
                pieces.push(html! { (words) });
                words.clear();
                pieces.push(markup.clone());
            }
            None => words.push(c),
        }
    }
    pieces.push(html! { (words) });
    html! { @for piece in pieces { (piece) } }
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

    fn words() -> Words {
        Words {
            about: About::Post(1),
            link: "https://h.test/posts/1".to_owned(),
            preferences: "https://h.test/settings/notifications".to_owned(),
            unsubscribe: "https://h.test/unsubscribe?token=a".to_owned(),
        }
    }

    #[test]
    fn the_html_body_escapes_the_excerpt_and_links_back() {
        let tr = Tr::english();
        let html = html_body(
            tr,
            "Ana replied to your post",
            "<script>alert(1)</script> & more",
            files_line(tr, &["<b>plan</b>.pdf".to_owned()]).as_deref(),
            &words(),
        );
        assert!(
            html.contains("Attached: &lt;b&gt;plan&lt;/b&gt;.pdf"),
            "files are named, escaped: {html}"
        );
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"));
        assert!(html.contains("href=\"https://h.test/posts/1\""));
        assert!(html.contains("href=\"https://h.test/unsubscribe?token=a\""));
        assert!(
            html.contains(
                "You get this e-mail because of your notification settings. <a href=\"https://h.test/settings/notifications\" style=\"color:#6b7280;\">Choose how you hear from Hearth</a> or <a href=\"https://h.test/unsubscribe?token=a\" style=\"color:#6b7280;\">unsubscribe from these e-mails</a>."
            ),
            "{html}"
        );
        assert!(
            !html.contains("<link") && !html.contains("<img"),
            "no remote assets"
        );
        let files = files_line(tr, &["a.pdf".to_owned(), "b.jpg".to_owned()]);
        let text = text_body(
            tr,
            "Ana replied to your post",
            "hi",
            files.as_deref(),
            &words(),
        );
        assert_eq!(
            text,
            "Ana replied to your post.\n\n> hi\n\n2 files attached: a.pdf, b.jpg\n\nOpen it in Hearth: https://h.test/posts/1\n\n-- \n\
             You get this e-mail because of your notification settings.\n\
             Choose how you hear from Hearth: https://h.test/settings/notifications\n\
             Unsubscribe from these e-mails: https://h.test/unsubscribe?token=a\n"
        );
    }

    #[test]
    fn linked_sentences_escape_their_words_and_keep_their_markup() {
        let html = linked(
            Tr::english(),
            "mail-html-footer",
            &[
                ("preferences", html! { a href="/p" { "p" } }),
                ("unsubscribe", html! { a href="/u" { "u" } }),
            ],
        )
        .into_string();
        assert_eq!(
            html,
            "You get this e-mail because of your notification settings. <a href=\"/p\">p</a> or <a href=\"/u\">u</a>."
        );
    }
}
