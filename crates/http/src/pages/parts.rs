//! Pieces pages are built from: avatars, times, post cards, pagers, empty states.

use super::Places;
use super::reader::Reader;
use crate::language::tr;
use crate::views::{file_url, timestamp};
use hearth_app::domain::post::Moderation;
use hearth_app::domain::upload::Variant;
use hearth_app::domain::{Millis, Post, PostKind, ReactionKind, UploadId, policy};
use hearth_app::feeds::{PostView, Shared};
use hearth_app::i18n::t;
use hearth_app::links;
use maud::{Markup, PreEscaped, html};

/// A person's photo, or their initials on a coloured disc. The name always stands
/// next to it, so either is decoration for screen readers (`alt=""`, `aria-hidden`),
/// and the colour carries no meaning. `size` is `small`, `medium` or `large`; only
/// the large one asks for the 256-pixel variant.
pub fn avatar(name: &str, seed: i64, photo: Option<UploadId>, size: &str) -> Markup {
    if let Some(id) = photo {
        let (variant, pixels) = match size {
            "large" => (Variant::Avatar, 80),
            "medium" => (Variant::AvatarSmall, 40),
            _ => (Variant::AvatarSmall, 28),
        };
        return html! {
            img class={"avatar photo " (size)} src=(file_url(id, variant))
                width=(pixels) height=(pixels) alt="";
        };
    }
    let initials: String = name
        .split_whitespace()
        .filter_map(|word| word.chars().next())
        .take(2)
        .flat_map(char::to_uppercase)
        .collect();
    let hue = seed.rem_euclid(8);
    html! {
        span class={"avatar " (size) " hue-" (hue)} aria-hidden="true" { (initials) }
    }
}

/// The mark beside the name of a guest from outside the company.
pub fn guest_badge() -> Markup {
    html! { span class="badge guest" { (t!(tr(), "parts-guest")) } }
}

/// "5 min ago" for people, the exact moment for machines and on hover. The script
/// rewrites the hover text in the reader's own time zone.
pub fn when(at: Millis, now: Millis) -> Markup {
    let exact = timestamp(at);
    html! {
        time datetime=(exact) title=(exact.replace('T', " ").replace('Z', " UTC")) { (relative(at, now)) }
    }
}

pub fn relative(at: Millis, now: Millis) -> String {
    crate::language::tr().ago_or_date(at, now)
}

/// A reaction's emoji and its name in the reader's language.
pub fn reaction_label(kind: ReactionKind) -> (&'static str, String) {
    let tr = tr();
    match kind {
        ReactionKind::Like => ("👍", t!(tr, "parts-reaction-like")),
        ReactionKind::Celebrate => ("🎉", t!(tr, "parts-reaction-celebrate")),
        ReactionKind::Insightful => ("💡", t!(tr, "parts-reaction-insightful")),
        ReactionKind::Funny => ("😄", t!(tr, "parts-reaction-funny")),
    }
}

/// The stand-in a message gets for the `n`th piece of markup in it (see [`sentence`]).
pub fn slot(n: usize) -> String {
    u32::try_from(n)
        .ok()
        .and_then(|n| char::from_u32(SLOT_BASE + n))
        .map(String::from)
        .unwrap_or_default()
}

/// Private-use characters, which never occur in a catalogue.
const SLOT_BASE: u32 = 0xE000;

/// A translated sentence with links in it: the message was formatted with
/// [`slot`]`(n)` for each piece of markup, so a translation can put the links where
/// its grammar wants them. The words are escaped; each slot becomes its markup.
pub fn sentence(text: &str, pieces: &[Markup]) -> Markup {
    let mut out = String::with_capacity(text.len());
    let mut words = String::new();
    let flush = |words: &mut String, out: &mut String| {
        out.push_str(&html! { (words.as_str()) }.into_string());
        words.clear();
    };
    for c in text.chars() {
        let piece = (c as u32)
            .checked_sub(SLOT_BASE)
            .and_then(|n| pieces.get(n as usize));
        match piece {
            Some(piece) => {
                flush(&mut words, &mut out);
                out.push_str(&piece.0);
            }
            None => words.push(c),
        }
    }
    flush(&mut words, &mut out);
    PreEscaped(out)
}

/// What a post card needs besides the post.
pub struct CardContext<'a> {
    pub reader: &'a Reader,
    pub places: &'a Places,
}

impl CardContext<'_> {
    /// Whether the policy lets the reader delete this post (the use case checks again).
    fn may_delete(&self, post: &Post) -> bool {
        self.places
            .place(post.community_id)
            .is_some_and(|place| policy::may_delete_post(&self.reader.user, post, place).is_ok())
    }
}

/// A post as it appears in feeds and at the top of its thread.
pub fn post_card(view: &PostView, cx: &CardContext<'_>) -> Markup {
    let post = &view.post;
    let tr = tr();
    html! {
        article class="post" id={"post-" (post.id)} aria-label=(t!(tr, "parts-post-by", name = view.author_name.as_str())) {
            (post_head(view, cx))
            @if let Some(page) = &view.page {
                p class="page-link" {
                    (sentence(&t!(tr, "parts-commented-on", page = slot(0)), &[
                        html! { a href=(page.url) { (page.title) } },
                    ]))
                }
            }
            @if let Some(praise) = &view.praise {
                (super::praise::banner(praise))
            }
            @if let Some(notice) = &view.notice {
                p class="moderation-notice" role="status" {
                    @match notice.moderation {
                        Moderation::Held => (t!(tr, "parts-held-for-review", reason = notice.reason.as_str())),
                        _ => (t!(tr, "parts-hidden-by-moderator", reason = notice.reason.as_str())),
                    }
                }
            }
            @if let Some(article) = &view.article {
                (super::articles::card(article))
            } @else if !post.body_html.is_empty() {
                div class="post-body" { (PreEscaped(&post.body_html)) }
            }
            // An article's files show in its body, on its page.
            @if view.article.is_none() && !view.attachments.is_empty() {
                div class="attachments" { (super::attachments::shown(&view.attachments)) }
            }
            @if let Some(poll) = &view.poll {
                (super::polls::card_part(view, poll, cx))
            }
            @match &view.shared {
                Some(Shared::Available(original)) => {
                    div class="shared" {
                        p class="shared-label" { (t!(tr, "parts-shared-post")) }
                        (post_head(original, cx))
                        div class="post-body" { (PreEscaped(&original.post.body_html)) }
                    }
                }
                Some(Shared::Unavailable) => {
                    p class="shared unavailable" { (t!(tr, "parts-shared-unavailable")) }
                }
                None => {}
            }
            (post_actions(view, cx))
        }
    }
}

fn post_head(view: &PostView, cx: &CardContext<'_>) -> Markup {
    let post = &view.post;
    let tr = tr();
    html! {
        header class="post-head" {
            (avatar(&view.author_name, post.author_id.0, view.author_photo, "medium"))
            div class="byline" {
                a class="author" id={"by-" (post.id)} href=(links::person(&view.author_handle)) { (view.author_name) }
                @if view.author_former { " " span class="badge former" { (t!(tr, "parts-former-member")) } }
                @if view.author_guest { " " (guest_badge()) }
                span class="meta" {
                    @if let Some((id, name)) = post.community_id.and_then(|id| cx.places.name(id).map(|n| (id, n))) {
                        (sentence(&t!(tr, "parts-in-community", community = slot(0)), &[
                            html! { a href=(links::community(id)) { (name) } },
                        ]))
                        " · "
                    }
                    a class="permalink" href=(links::post_in_thread(post.thread_id(), post.id)) {
                        (when(post.created_at, cx.reader.now))
                    }
                    @if post.edited_at.is_some() { " · " (t!(tr, "parts-edited")) }
                }
            }
            @match post.kind {
                PostKind::Question => span class="badge question" { (t!(tr, "parts-kind-question")) },
                PostKind::Announcement => span class="badge announcement" { (t!(tr, "parts-kind-announcement")) },
                PostKind::Discussion => {},
            }
        }
    }
}

/// Reactions, reply, share. Each reaction is its own small form, so it works without
/// the script; with it, the form is sent in the background.
pub fn post_actions(view: &PostView, cx: &CardContext<'_>) -> Markup {
    let post = &view.post;
    let count_of = |kind: ReactionKind| {
        view.stats
            .reactions
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(0, |(_, n)| *n)
    };
    let any_reactions = view.stats.reactions.iter().any(|(_, n)| *n > 0);
    let tr = tr();
    html! {
        footer class="post-actions" {
            div class="reactions" role="group" aria-label=(t!(tr, "parts-reactions")) {
                @for kind in ReactionKind::ALL {
                    @let (emoji, label) = reaction_label(kind);
                    @let mine = view.stats.mine.contains(&kind);
                    @let count = count_of(kind);
                    form method="post" action={"/posts/" (post.id) "/react"}
                        data-enhance={"#post-" (post.id) " > .post-actions"} data-source=(links::post(post.thread_id())) {
                        input type="hidden" name="csrf" value=(cx.reader.csrf);
                        input type="hidden" name="kind" value=(kind.as_str());
                        input type="hidden" name="on" value=(if mine { "false" } else { "true" });
                        button type="submit" class="reaction" aria-pressed=(mine)
                            title=(&label) {
                            span aria-hidden="true" { (emoji) }
                            span class="reaction-label" { (label) }
                            @if count > 0 { span class="count" { (count) } }
                        }
                    }
                }
            }
            div class="links" {
                a href={"/posts/" (post.id) "#reply"} {
                    @if view.stats.replies > 0 {
                        (t!(tr, "parts-reply-count", count = view.stats.replies))
                    } @else {
                        (t!(tr, "parts-reply"))
                    }
                }
                a href={"/posts/" (post.id) "/share"} {
                    @if view.stats.shares > 0 {
                        (t!(tr, "parts-share-count", count = view.stats.shares))
                    } @else {
                        (t!(tr, "parts-share"))
                    }
                }
                @if any_reactions {
                    a href={"/posts/" (post.id) "/reactions"} { (t!(tr, "parts-who-reacted")) }
                }
                @if policy::may_edit_post(&cx.reader.user, post).is_ok() {
                    @match &view.article {
                        Some(article) => a href={"/articles/" (article.id) "/edit"} { (t!(tr, "parts-edit")) },
                        None => a href={"/posts/" (post.id) "/edit"} { (t!(tr, "parts-edit")) },
                    }
                }
                @if cx.may_delete(post) {
                    form method="post" action={"/posts/" (post.id) "/delete"} data-confirm=(t!(tr, "parts-delete-confirm")) {
                        input type="hidden" name="csrf" value=(cx.reader.csrf);
                        button type="submit" class="link danger" { (t!(tr, "parts-delete")) }
                    }
                }
                @if post.author_id != cx.reader.user.id {
                    details class="report" {
                        summary { (t!(tr, "parts-report")) }
                        form method="post" action={"/posts/" (post.id) "/report"} {
                            input type="hidden" name="csrf" value=(cx.reader.csrf);
                            label for={"report-" (post.id)} { (t!(tr, "parts-report-reason")) }
                            input id={"report-" (post.id)} name="reason" required maxlength="500";
                            button type="submit" { (t!(tr, "parts-send-report")) }
                        }
                    }
                }
            }
        }
    }
}

/// What to say when a list is empty, and what to do about it.
pub fn empty(title: &str, next: Markup) -> Markup {
    html! {
        div class="empty" {
            p class="empty-title" { (title) }
            p { (next) }
        }
    }
}

/// The "older" link under a feed. The script turns it into infinite scroll.
pub fn older_link(href: Option<String>) -> Markup {
    let tr = tr();
    html! {
        @if let Some(href) = href {
            nav class="pager" aria-label=(t!(tr, "parts-more-posts")) {
                a href=(href) rel="next" data-more { (t!(tr, "parts-older-posts")) }
            }
        }
    }
}

/// A feed: its posts and the pager, inside the element the script appends to.
pub fn feed(posts: &[PostView], cx: &CardContext<'_>, older: Option<String>) -> Markup {
    html! {
        div class="feed" data-feed {
            @for view in posts {
                (post_card(view, cx))
            }
        }
        (older_link(older))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_times_read_naturally() {
        let now = 1_800_000_000_000;
        assert_eq!(relative(now - 10_000, now), "just now");
        assert_eq!(relative(now - 5 * 60_000, now), "5 minutes ago");
        assert_eq!(relative(now - 3 * 3_600_000, now), "3 hours ago");
        assert_eq!(relative(now - 30 * 3_600_000, now), "yesterday");
        assert_eq!(relative(now - 3 * 86_400_000, now), "3 days ago");
        assert_eq!(relative(0, now), "1 Jan 1970");
    }

    #[test]
    fn sentences_escape_their_words_and_keep_their_links() {
        let text = format!("<b>{}</b> & {}", slot(1), slot(0));
        let html = sentence(&text, &[html! { a href="/a" { "A" } }, html! { i { "B" } }]);
        assert_eq!(
            html.into_string(),
            "&lt;b&gt;<i>B</i>&lt;/b&gt; &amp; <a href=\"/a\">A</a>"
        );
    }

    #[test]
    fn avatars_show_initials_and_hide_from_screen_readers() {
        let html = avatar("ana maría lima", 3, None, "small").into_string();
        assert!(html.contains(">AM<"), "{html}");
        assert!(html.contains("aria-hidden=\"true\""), "{html}");
    }

    #[test]
    fn avatars_with_a_photo_are_decorative_images_of_the_right_size() {
        let small = avatar("Ana Lima", 3, Some(UploadId(7)), "small").into_string();
        assert!(small.contains("src=\"/files/7/avatar_small\""), "{small}");
        assert!(small.contains("alt=\"\""), "{small}");
        assert!(!small.contains("AL"), "{small}");
        let large = avatar("Ana Lima", 3, Some(UploadId(7)), "large").into_string();
        assert!(large.contains("src=\"/files/7/avatar\""), "{large}");
    }
}
