//! Domain values rendered as API bodies.

use hearth_api_types::{
    AuthorView, FeedPageView, NetworkView, NotificationPage, NotificationView, ProfileView,
    ReactionCount, SessionView, SharedView, ThreadNodeView, TokenView, UserView,
};
use hearth_app::domain::post::PostStats;
use hearth_app::domain::upload::{Upload, Variant};
use hearth_app::domain::{Millis, Network, Profile, SessionId, User};
use hearth_app::feeds::{FeedPage, PostView, Shared, ThreadNode};
use hearth_app::sessions::Session;
use hearth_app::tokens::ApiToken;

/// A Unix-millisecond time as RFC 3339 in UTC.
pub fn timestamp(millis: Millis) -> String {
    hearth_app::rfc3339(millis)
}

pub fn user(user: &User) -> UserView {
    UserView {
        id: user.id.to_string(),
        network_id: user.network_id.to_string(),
        email: user.email.clone(),
        display_name: user.display_name.clone(),
        role: user.role.as_str().to_owned(),
        status: user.status.as_str().to_owned(),
        suspended_until: user.suspended_until.map(timestamp),
        created_at: timestamp(user.created_at),
    }
}

pub fn network(network: &Network) -> NetworkView {
    NetworkView {
        id: network.id.to_string(),
        name: network.name.clone(),
        kind: network.kind.as_str().to_owned(),
    }
}

pub fn session(row: &Session, current: Option<SessionId>) -> SessionView {
    SessionView {
        id: row.id.to_string(),
        created_at: timestamp(row.created_at),
        last_seen_at: timestamp(row.last_seen_at),
        expires_at: timestamp(row.expires_at),
        user_agent: row.user_agent.clone(),
        client_ip: row.client_ip.clone(),
        current: Some(row.id) == current,
    }
}

pub fn token(row: &ApiToken) -> TokenView {
    TokenView {
        id: row.id.to_string(),
        name: row.name.clone(),
        created_at: timestamp(row.created_at),
        last_used_at: row.last_used_at.map(timestamp),
    }
}

pub fn profile(profile: &Profile) -> ProfileView {
    ProfileView {
        id: profile.user_id.to_string(),
        handle: profile.handle.clone(),
        display_name: profile.display_name.clone(),
        job_title: profile.job_title.clone(),
        department: profile.department.clone(),
        location: profile.location.clone(),
        time_zone: profile.time_zone.clone(),
        about: profile.about.clone(),
        manager_id: profile.manager_id.map(|id| id.to_string()),
        status: profile.status.as_str().to_owned(),
        photo_url: photo_url(profile.photo),
        guest: profile.guest,
    }
}

pub fn community(view: &hearth_app::communities::CommunityView) -> hearth_api_types::CommunityView {
    let c = &view.community;
    hearth_api_types::CommunityView {
        id: c.id.to_string(),
        name: c.name.clone(),
        description: c.description.clone(),
        visibility: c.visibility.as_str().to_owned(),
        category: c.category.as_str().to_owned(),
        archived: c.archived_at.is_some(),
        created_at: timestamp(c.created_at),
        member_count: view.member_count,
        my_role: view.membership.map(|m| m.role.as_str().to_owned()),
        my_state: view.membership.map(|m| m.state.as_str().to_owned()),
        cover_url: c.cover.map(|id| file_url(id, Variant::Large)),
    }
}

pub fn reactions(stats: &PostStats) -> (Vec<ReactionCount>, Vec<String>) {
    (
        stats
            .reactions
            .iter()
            .map(|(kind, count)| ReactionCount {
                kind: kind.as_str().to_owned(),
                count: *count,
            })
            .collect(),
        stats
            .mine
            .iter()
            .map(|kind| kind.as_str().to_owned())
            .collect(),
    )
}

pub fn post(view: &PostView) -> hearth_api_types::PostView {
    let p = &view.post;
    let (reactions, my_reactions) = reactions(&view.stats);
    hearth_api_types::PostView {
        id: p.id.to_string(),
        author: AuthorView {
            id: p.author_id.to_string(),
            handle: view.author_handle.clone(),
            display_name: view.author_name.clone(),
            photo_url: photo_url(view.author_photo),
            guest: Some(view.author_guest),
        },
        community_id: p.community_id.map(|c| c.to_string()),
        kind: p.kind.as_str().to_owned(),
        body_html: p.body_html.clone(),
        body_markdown: p.body_markdown.clone(),
        created_at: timestamp(p.created_at),
        edited_at: p.edited_at.map(timestamp),
        thread_id: p.thread_id().to_string(),
        reply_to: p.parent_id.map(|id| id.to_string()),
        best_answer_id: p.best_answer_id.map(|id| id.to_string()),
        replies: view.stats.replies,
        reactions,
        my_reactions,
        shares: view.stats.shares,
        referenced_by: view.stats.referenced_by,
        shared: view.shared.as_ref().map(|shared| match shared {
            Shared::Available(original) => SharedView {
                available: true,
                post: Some(Box::new(post(original))),
            },
            Shared::Unavailable => SharedView {
                available: false,
                post: None,
            },
        }),
        attachments: view.attachments.iter().map(upload).collect(),
        poll: view.poll.as_ref().map(poll),
        praise: view.praise.as_ref().map(praise),
        article: view.article.as_ref().map(article_card),
        page: view
            .page
            .as_ref()
            .map(|page| hearth_api_types::embedding::PageLinkView {
                url: page.url.clone(),
                title: page.title.clone(),
            }),
    }
}

pub fn article_card(
    card: &hearth_app::feeds::ArticleCard,
) -> hearth_api_types::articles::ArticleCardView {
    hearth_api_types::articles::ArticleCardView {
        id: card.id.to_string(),
        title: card.title.clone(),
        summary: card.summary.clone(),
        cover_url: card.cover_id.map(|id| file_url(id, Variant::Large)),
        reading_minutes: card.reading_minutes,
        url: card.path.clone(),
    }
}

pub fn praise(view: &hearth_app::praise::PraiseView) -> hearth_api_types::praise::PraiseView {
    hearth_api_types::praise::PraiseView {
        kind: view.kind.as_str().to_owned(),
        recipients: view
            .recipients
            .iter()
            .map(|person| hearth_api_types::praise::PraisedView {
                id: person.id.to_string(),
                handle: person.handle.clone(),
                display_name: person.name.clone(),
            })
            .collect(),
    }
}

pub fn poll(view: &hearth_app::polls::PollView) -> hearth_api_types::polls::PollView {
    let p = &view.poll;
    hearth_api_types::polls::PollView {
        choice: p.choice.as_str().to_owned(),
        results: p.results.as_str().to_owned(),
        votes: p.votes.as_str().to_owned(),
        closes_at: p.closes_at.map(timestamp),
        closed: view.closed,
        voters: view.voters,
        options: p
            .options
            .iter()
            .enumerate()
            .map(|(n, label)| {
                let position = i64::try_from(n).unwrap_or(i64::MAX);
                hearth_api_types::polls::PollOptionView {
                    position,
                    label: label.clone(),
                    votes: view.counts.as_ref().and_then(|c| c.get(n).copied()),
                    mine: view.mine.contains(&position),
                }
            })
            .collect(),
        results_visible: view.counts.is_some(),
    }
}

/// Where a person's photo is served, 256×256.
pub fn photo_url(photo: Option<hearth_app::domain::UploadId>) -> Option<String> {
    photo.map(|id| file_url(id, Variant::Avatar))
}

/// Where a stored form of an upload is served (see `api::uploads::file`).
pub fn file_url(id: hearth_app::domain::UploadId, variant: Variant) -> String {
    format!("/files/{id}/{}", variant.as_str())
}

pub fn upload(upload: &Upload) -> hearth_api_types::uploads::UploadView {
    hearth_api_types::uploads::UploadView {
        id: upload.id.to_string(),
        purpose: upload.purpose.as_str().to_owned(),
        name: upload.name.clone(),
        content_type: upload.content_type.clone(),
        size: upload.size,
        width: upload.dimensions.map(|(w, _)| w),
        height: upload.dimensions.map(|(_, h)| h),
        animated: upload.animated,
        alt_text: upload.alt_text.clone(),
        created_at: timestamp(upload.created_at),
        urls: upload
            .variants
            .iter()
            .map(|variant| hearth_api_types::uploads::FileUrlView {
                variant: variant.as_str().to_owned(),
                url: file_url(upload.id, *variant),
            })
            .collect(),
    }
}

pub fn thread_node(node: &ThreadNode) -> ThreadNodeView {
    ThreadNodeView {
        id: node.id.to_string(),
        parent_id: node.parent_id.to_string(),
        reply: node.reply.as_ref().map(post),
        children: node.children.iter().map(thread_node).collect(),
        continues: node.continues,
    }
}

pub fn feed_page(page: &FeedPage) -> FeedPageView {
    FeedPageView {
        pinned: page.pinned.iter().map(post).collect(),
        posts: page.posts.iter().map(post).collect(),
        next_before: page.next_before.map(|id| id.to_string()),
    }
}

pub fn notification_page(page: &hearth_app::notifications::NotificationPage) -> NotificationPage {
    NotificationPage {
        notifications: page
            .notifications
            .iter()
            .map(|n| NotificationView {
                id: n.id.to_string(),
                kind: n.kind.as_str().to_owned(),
                text: n.sentence(crate::language::tr()),
                actor_ids: n.actor_ids.iter().map(ToString::to_string).collect(),
                actor_count: n.actor_count,
                excerpt: n.excerpt.clone(),
                href: n.href(),
                read: n.read,
                created_at: timestamp(n.created_at),
                updated_at: timestamp(n.updated_at),
            })
            .collect(),
        unread: page.unread,
        next: page.next.map(|(at, id)| format!("{at}:{id}")),
    }
}

/// A search snippet as HTML: the text escaped, each match in `<mark>`.
pub fn snippet_html(snippet: &hearth_app::search::Snippet) -> String {
    maud::html! {
        @for (text, matched) in &snippet.parts {
            @if *matched { mark { (text) } } @else { (text) }
        }
    }
    .into_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn timestamps_are_rfc3339_utc() {
        assert_eq!(super::timestamp(0), "1970-01-01T00:00:00Z");
        assert_eq!(
            super::timestamp(1_735_689_600_123),
            "2025-01-01T00:00:00.123Z"
        );
    }
}
