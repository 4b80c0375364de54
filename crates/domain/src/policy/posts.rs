//! Who may read and write posts where they live, and edit, delete and answer them.
//! Hidden and held posts are in `moderation`.

use super::{Denied, is_network_admin, may_manage_community, may_post_in, may_read_community};
use crate::article::{Article, CompanyArticles};
use crate::{Community, Membership, Post, PostKind, User};

/// Where a post lives, as seen by one person: the whole company, or a community
/// together with that person's membership in it.
#[derive(Debug, Clone, Copy)]
pub enum Place<'a> {
    Company,
    Community(&'a Community, Option<&'a Membership>),
}

/// Whether this person may read what is posted in this place. Every list query
/// applies the same rule in SQL (`store::posts`).
pub fn may_read_in(user: &User, place: Place<'_>) -> bool {
    match place {
        Place::Company => true,
        Place::Community(community, membership) => may_read_community(user, community, membership),
    }
}

/// Whether this person may start a post of this kind here. Company-wide
/// announcements are for network admins, community announcements for its managers.
pub fn may_write_in(user: &User, place: Place<'_>, kind: PostKind) -> Result<(), Denied> {
    match place {
        Place::Company if kind == PostKind::Announcement && !is_network_admin(user) => Err(
            Denied::Forbidden("only network administrators announce to the whole company"),
        ),
        Place::Company => Ok(()),
        Place::Community(community, membership) => {
            may_post_in(user, community, membership)?;
            if kind == PostKind::Announcement {
                may_manage_community(user, community, membership).map_err(|_| {
                    Denied::Forbidden("only the community's owners and admins make announcements")
                })?;
            }
            Ok(())
        }
    }
}

/// Only the author edits a post: nobody may put words in someone else's mouth.
pub fn may_edit_post(user: &User, post: &Post) -> Result<(), Denied> {
    if post.author_id == user.id && post.network_id == user.network_id {
        return Ok(());
    }
    Err(Denied::Forbidden("only the author can edit a post"))
}

/// The author, the community's managers and network admins may delete a post.
pub fn may_delete_post(user: &User, post: &Post, place: Place<'_>) -> Result<(), Denied> {
    if post.network_id != user.network_id {
        return Err(Denied::Forbidden("this post is not in your network"));
    }
    let manages = match place {
        Place::Company => is_network_admin(user),
        Place::Community(community, membership) => {
            may_manage_community(user, community, membership).is_ok()
        }
    };
    if post.author_id == user.id || manages {
        return Ok(());
    }
    Err(Denied::Forbidden(
        "only the author, the community's managers or a network admin can delete a post",
    ))
}

/// The asker, or whoever manages the place, marks a question's best answer.
pub fn may_mark_best_answer(user: &User, question: &Post, place: Place<'_>) -> Result<(), Denied> {
    if question.kind != PostKind::Question {
        return Err(Denied::Forbidden("only questions have a best answer"));
    }
    let manages = match place {
        Place::Company => is_network_admin(user),
        Place::Community(community, membership) => {
            may_manage_community(user, community, membership).is_ok()
        }
    };
    if question.author_id == user.id || manages {
        return Ok(());
    }
    Err(Denied::Forbidden(
        "only the person who asked, or a community manager, marks the best answer",
    ))
}

/// Voting is taking part: whoever may start a discussion in the poll's place votes,
/// and changes their vote, until the poll closes.
pub fn may_vote(user: &User, post: &Post, place: Place<'_>, closed: bool) -> Result<(), Denied> {
    if closed {
        return Err(Denied::Forbidden(
            "this poll is closed and takes no more votes",
        ));
    }
    // Its author and moderators still see a hidden or held post; nobody votes there.
    if post.moderation != crate::post::Moderation::Visible || post.deleted_at.is_some() {
        return Err(Denied::Forbidden(
            "a poll takes votes only while its post is shown to everyone",
        ));
    }
    may_write_in(user, place, PostKind::Discussion)
        .map_err(|_| Denied::Forbidden("only those who may post here vote in its polls"))
}

/// Closing a poll early is for its author and whoever may delete the post.
pub fn may_close_poll(user: &User, post: &Post, place: Place<'_>) -> Result<(), Denied> {
    may_delete_post(user, post, place).map_err(|_| {
        Denied::Forbidden(
            "only the author, the community's managers or a network admin close a poll",
        )
    })
}

/// Publishing an article is for whoever may post there; company-wide, when the
/// network keeps that to chosen authors (`CompanyArticles::ChosenAuthors`), only
/// for them (`chosen`) and the network's admins.
pub fn may_publish_article(
    user: &User,
    place: Place<'_>,
    company_articles: CompanyArticles,
    chosen: bool,
) -> Result<(), Denied> {
    may_write_in(user, place, PostKind::Discussion)?;
    match place {
        Place::Company
            if company_articles == CompanyArticles::ChosenAuthors
                && !chosen
                && !is_network_admin(user) =>
        {
            Err(Denied::Forbidden(
                "only the authors the admins chose publish articles company-wide",
            ))
        }
        _ => Ok(()),
    }
}

/// How many people read an article is for its author and the network's admins.
pub fn may_see_article_reads(user: &User, article: &Article) -> Result<(), Denied> {
    if user.network_id == article.network_id
        && (article.author_id == user.id || is_network_admin(user))
    {
        return Ok(());
    }
    Err(Denied::Forbidden(
        "only the author and network administrators see how many read an article",
    ))
}

/// Earlier versions of an edited post are for network admins.
pub fn may_view_post_history(user: &User, post: &Post) -> Result<(), Denied> {
    if is_network_admin(user) && user.network_id == post.network_id {
        return Ok(());
    }
    Err(Denied::Forbidden(
        "only network administrators see earlier versions",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::fixtures::{community, membership, post_by, user};
    use crate::{CommunityRole, MembershipState, Role, UserStatus, Visibility};

    #[test]
    fn post_writing_matrix() {
        let author = user(1, 1, Role::Member, UserStatus::Active);
        let member = user(2, 1, Role::Member, UserStatus::Active);
        let manager = user(3, 1, Role::Member, UserStatus::Active);
        let admin = user(4, 1, Role::Admin, UserStatus::Active);
        let c = community(Visibility::Public);
        let m_author = membership(&author, CommunityRole::Member, MembershipState::Member);
        let m_manager = membership(&manager, CommunityRole::Admin, MembershipState::Member);
        fn here<'a>(c: &'a Community, m: Option<&'a Membership>) -> Place<'a> {
            Place::Community(c, m)
        }
        assert!(may_write_in(&author, here(&c, Some(&m_author)), PostKind::Discussion).is_ok());
        assert!(may_write_in(&member, here(&c, None), PostKind::Discussion).is_err());
        assert!(may_write_in(&author, here(&c, Some(&m_author)), PostKind::Announcement).is_err());
        assert!(may_write_in(&manager, here(&c, Some(&m_manager)), PostKind::Announcement).is_ok());
        assert!(may_write_in(&author, Place::Company, PostKind::Announcement).is_err());
        assert!(may_write_in(&admin, Place::Company, PostKind::Announcement).is_ok());
        let mut archived = community(Visibility::Public);
        archived.archived_at = Some(1);
        assert!(
            may_write_in(
                &author,
                Place::Community(&archived, Some(&m_author)),
                PostKind::Discussion
            )
            .is_err()
        );

        let post = post_by(&author, Some(c.id), PostKind::Question);
        assert!(may_edit_post(&author, &post).is_ok());
        assert!(may_edit_post(&admin, &post).is_err());
        assert!(may_delete_post(&member, &post, here(&c, None)).is_err());
        assert!(may_delete_post(&manager, &post, here(&c, Some(&m_manager))).is_ok());
        assert!(may_delete_post(&admin, &post, here(&c, None)).is_ok());
        assert!(may_vote(&author, &post, here(&c, Some(&m_author)), false).is_ok());
        assert!(may_vote(&author, &post, here(&c, Some(&m_author)), true).is_err());
        assert!(may_vote(&member, &post, here(&c, None), false).is_err());
        assert!(may_vote(&member, &post, Place::Company, false).is_ok());
        let mut held = post.clone();
        held.moderation = crate::post::Moderation::Held;
        assert!(may_vote(&author, &held, here(&c, Some(&m_author)), false).is_err());
        assert!(may_close_poll(&author, &post, here(&c, Some(&m_author))).is_ok());
        assert!(may_close_poll(&member, &post, here(&c, None)).is_err());
        assert!(may_close_poll(&manager, &post, here(&c, Some(&m_manager))).is_ok());
        assert!(may_mark_best_answer(&author, &post, here(&c, Some(&m_author))).is_ok());
        assert!(may_mark_best_answer(&member, &post, here(&c, None)).is_err());
        assert!(may_view_post_history(&admin, &post).is_ok());
        assert!(may_view_post_history(&author, &post).is_err());
    }
}
