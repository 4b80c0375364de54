//! The accounts, communities and posts the policy tests build on.

use crate::{
    Category, Community, CommunityId, CommunityRole, Membership, MembershipState, NetworkId, Post,
    PostId, PostKind, Role, User, UserId, UserStatus, Visibility,
};

pub(super) fn user(id: i64, network: i64, role: Role, status: UserStatus) -> User {
    User {
        id: UserId(id),
        network_id: NetworkId(network),
        email: format!("u{id}@example.com"),
        display_name: format!("User {id}"),
        role,
        status,
        suspended_until: None,
        created_at: 0,
        language: None,
        time_zone: crate::DEFAULT_TIME_ZONE.to_owned(),
        photo: None,
    }
}

pub(super) fn community(visibility: Visibility) -> Community {
    Community {
        id: CommunityId(10),
        network_id: NetworkId(1),
        name: "Team".into(),
        description: String::new(),
        visibility,
        category: Category::Work,
        created_by: UserId(1),
        created_at: 0,
        archived_at: None,
        cover: None,
    }
}

pub(super) fn membership(user: &User, role: CommunityRole, state: MembershipState) -> Membership {
    Membership {
        community_id: CommunityId(10),
        user_id: user.id,
        role,
        state,
    }
}

pub(super) fn post_by(author: &User, community: Option<CommunityId>, kind: PostKind) -> Post {
    Post {
        id: PostId(100),
        network_id: author.network_id,
        author_id: author.id,
        community_id: community,
        kind,
        root_id: None,
        parent_id: None,
        shared_post_id: None,
        body_markdown: "x".into(),
        body_html: "<p>x</p>".into(),
        best_answer_id: None,
        created_at: 0,
        edited_at: None,
        deleted_at: None,
        moderation: crate::post::Moderation::Visible,
        locked_at: None,
        pinned_at: None,
    }
}
