//! Request and response bodies of the native JSON API (`/api/hearth/v1`).
//!
//! Ids are 64-bit and exceed the integers JavaScript can hold exactly, so they travel
//! as decimal strings. Times are RFC 3339 strings in UTC.

pub mod analytics;
pub mod articles;
pub mod audit;
pub mod data;
pub mod embedding;
pub mod invitations;
pub mod languages;
pub mod moderation;
pub mod networks;
pub mod notification_settings;
pub mod outbox;
pub mod polls;
pub mod praise;
pub mod search;
pub mod sso;
pub mod suggestions;
pub mod uploads;
pub mod usage_policy;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Every error response has this body.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable machine-readable code, e.g. `invalid_input`, `unauthenticated`.
    pub code: String,
    /// What went wrong, in words fit to show a person.
    pub message: String,
    /// The input field at fault, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// A person's account as other people of the network see it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct UserView {
    pub id: String,
    pub network_id: String,
    pub email: String,
    pub display_name: String,
    /// `member`, `admin` or `compliance`.
    pub role: String,
    /// `active`, `suspended`, `deactivated` or `deleted`.
    pub status: String,
    /// When a suspension ends by itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suspended_until: Option<String>,
    pub created_at: String,
}

/// The network (company or external partner space) a person belongs to.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct NetworkView {
    pub id: String,
    pub name: String,
    /// `home` or `external`.
    pub kind: String,
}

/// The signed-in person.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MeView {
    pub user: UserView,
    pub network: NetworkView,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SignInRequest {
    pub email: String,
    pub password: String,
}

/// A new browser session. The session itself travels in an HttpOnly cookie; send
/// `csrf_token` as the `X-CSRF-Token` header on every state-changing request.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SignedInView {
    pub user: UserView,
    pub csrf_token: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SessionView {
    pub id: String,
    pub created_at: String,
    pub last_seen_at: String,
    pub expires_at: String,
    pub user_agent: String,
    pub client_ip: String,
    /// Whether this is the session making the request.
    pub current: bool,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SignedOutView {
    /// How many sessions were ended.
    pub sessions_ended: u64,
    /// How many API tokens were revoked (0 unless `revoke_tokens` was asked).
    pub tokens_revoked: u64,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CreateTokenRequest {
    /// A label to remember what the token is for.
    pub name: String,
    /// The caller's current password. Needed unless the session signed in within
    /// the last 10 minutes; a person without a password signs in again instead.
    #[serde(default)]
    pub current_password: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct TokenView {
    pub id: String,
    pub name: String,
    pub created_at: String,
    pub last_used_at: Option<String>,
}

/// A new token. `secret` is shown only in this response; store it safely.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CreatedTokenView {
    pub token: TokenView,
    pub secret: String,
}

/// An administrator creates an account in their network.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CreateUserRequest {
    pub email: String,
    pub display_name: String,
    /// Optional; without one the person cannot sign in with a password yet.
    #[serde(default)]
    pub password: Option<String>,
    /// `member` (the default) or `admin`.
    #[serde(default)]
    pub role: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ChangePasswordRequest {
    pub current_password: String,
    pub new_password: String,
    /// Also revoke every API token of the caller. Off by default: scripts depend on
    /// their tokens, so they are revoked only when asked.
    #[serde(default)]
    pub revoke_tokens: bool,
}

/// A colleague as the directory lists them.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ProfileView {
    pub id: String,
    /// Unique within the network; mention someone as `@handle`.
    pub handle: String,
    pub display_name: String,
    pub job_title: String,
    pub department: String,
    pub location: String,
    /// An IANA time zone name such as `Europe/Lisbon`.
    pub time_zone: String,
    pub about: String,
    pub manager_id: Option<String>,
    /// `active`, `suspended` or `deactivated` (a former member).
    pub status: String,
    /// Their photo, 256×256 (`…/avatar_small` for 64×64); absent without one.
    pub photo_url: Option<String>,
    /// A guest of an external network, from outside the company.
    #[serde(default)]
    pub guest: bool,
}

/// A profile with its follow counts as the viewer sees them.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ProfileCardView {
    pub profile: ProfileView,
    pub followers: i64,
    pub following: i64,
    /// Whether the signed-in person follows this one.
    pub followed_by_me: bool,
}

/// A page of the directory.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DirectoryPageView {
    pub people: Vec<ProfileView>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// Profile changes; a field left out keeps its value.
#[derive(Debug, Default, Serialize, Deserialize, ToSchema)]
pub struct ProfileChangesRequest {
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub handle: Option<String>,
    #[serde(default)]
    pub job_title: Option<String>,
    #[serde(default)]
    pub department: Option<String>,
    #[serde(default)]
    pub location: Option<String>,
    #[serde(default)]
    pub time_zone: Option<String>,
    #[serde(default)]
    pub about: Option<String>,
    /// The manager's id; an empty string removes the manager.
    #[serde(default)]
    pub manager_id: Option<String>,
}

/// A community as the caller sees it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CommunityView {
    pub id: String,
    pub name: String,
    pub description: String,
    /// `public`, `private` or `secret`.
    pub visibility: String,
    /// `work` or `social`.
    pub category: String,
    pub archived: bool,
    pub created_at: String,
    pub member_count: i64,
    /// The caller's role (`owner`, `admin`, `member`), when they have a membership.
    pub my_role: Option<String>,
    /// `member`, `requested` or `invited`, when they have a membership.
    pub my_state: Option<String>,
    /// Its cover image, 1280 wide (`…/small` for 480); absent without one.
    pub cover_url: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CreateCommunityRequest {
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub visibility: String,
    pub category: String,
}

/// Community changes; a field left out keeps its value.
#[derive(Debug, Default, Serialize, Deserialize, ToSchema)]
pub struct UpdateCommunityRequest {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub visibility: Option<String>,
    #[serde(default)]
    pub category: Option<String>,
    /// `true` archives (no new posts or members), `false` restores.
    #[serde(default)]
    pub archived: Option<bool>,
}

/// Where the caller now stands with a community.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MembershipStateView {
    /// `member`, `requested` or `invited`.
    pub state: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MemberView {
    pub user_id: String,
    pub display_name: String,
    pub role: String,
    pub state: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct InviteRequest {
    pub user_id: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RoleRequest {
    /// `owner`, `admin` or `member`.
    pub role: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AuthorView {
    pub id: String,
    pub handle: String,
    pub display_name: String,
    /// Their photo, 256×256 (`…/avatar_small` for 64×64); absent without one.
    pub photo_url: Option<String>,
    /// Whether they are a guest of an external network, from outside the company:
    /// told for the authors of posts, articles, chat messages and search results.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guest: Option<bool>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ReactionCount {
    /// `like`, `celebrate`, `insightful` or `funny`.
    pub kind: String,
    pub count: i64,
}

/// A post, reply or share as the caller may see it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PostView {
    pub id: String,
    pub author: AuthorView,
    /// Absent for company-wide posts.
    pub community_id: Option<String>,
    /// `discussion`, `question` or `announcement`.
    pub kind: String,
    /// Sanitized HTML, safe to insert into a page.
    pub body_html: String,
    pub body_markdown: String,
    pub created_at: String,
    pub edited_at: Option<String>,
    /// The top-level post of the thread (the post itself when it is top-level).
    pub thread_id: String,
    /// For replies: the post answered.
    pub reply_to: Option<String>,
    /// For questions: the reply marked as the best answer.
    pub best_answer_id: Option<String>,
    pub replies: i64,
    pub reactions: Vec<ReactionCount>,
    pub my_reactions: Vec<String>,
    /// Shares of this post the caller may see.
    pub shares: i64,
    /// Posts linking this one that the caller may see.
    pub referenced_by: i64,
    /// For shares: the quoted post, or `available: false` when the caller may not see it.
    pub shared: Option<SharedView>,
    /// Its files, in order.
    pub attachments: Vec<uploads::AttachmentView>,
    /// Its poll, counted as the caller may see it.
    pub poll: Option<polls::PollView>,
    /// For a praise post: whom it thanks, and for what.
    pub praise: Option<praise::PraiseView>,
    /// For a post that publishes an article: its card. The body is the article's.
    pub article: Option<articles::ArticleCardView>,
    /// For the first comment on an intranet page: the page, which the thread is the
    /// comments of.
    pub page: Option<embedding::PageLinkView>,
}

/// Whether the caller hears of every new reply in a thread: because they subscribed,
/// or took part and did not unsubscribe.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ThreadSubscriptionView {
    pub following: bool,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SharedView {
    pub available: bool,
    #[schema(no_recursion)]
    pub post: Option<Box<PostView>>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct NewPostRequest {
    /// Omit to post to the whole company.
    #[serde(default)]
    pub community_id: Option<String>,
    /// `discussion` (default), `question` or `announcement`.
    #[serde(default)]
    pub kind: Option<String>,
    /// Markdown. May be empty only for a share or with attachments.
    #[serde(default)]
    pub body: String,
    /// Share (quote) this post.
    #[serde(default)]
    pub shared_post_id: Option<String>,
    /// Ids of the caller's uploads to attach, in order (at most 10). The body may
    /// then be empty.
    #[serde(default)]
    pub attachments: Vec<String>,
    /// A poll to put to the post's readers; not on a share.
    #[serde(default)]
    pub poll: Option<polls::NewPollRequest>,
    /// Colleagues to thank publicly; not on a share.
    #[serde(default)]
    pub praise: Option<praise::NewPraiseRequest>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct BodyRequest {
    /// Markdown.
    pub body: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct BestAnswerRequest {
    /// A reply in the question's thread, or `null` to clear.
    pub answer_id: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ReactionSummaryView {
    pub reactions: Vec<ReactionCount>,
    pub my_reactions: Vec<String>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ReactorView {
    pub kind: String,
    pub user_id: String,
    pub display_name: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct VersionView {
    pub body_markdown: String,
    /// For an article: its title as it was (absent for other posts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// For an article: its summary as it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    pub replaced_at: String,
}

/// A reply in a thread tree.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ThreadNodeView {
    pub id: String,
    /// The post or reply this one answers. A node that begins a later page of the
    /// thread belongs below the node with this id, read on an earlier page.
    pub parent_id: String,
    /// Absent when the reply was deleted but still holds replies.
    pub reply: Option<PostView>,
    #[schema(no_recursion)]
    pub children: Vec<ThreadNodeView>,
    /// More replies lie below the depth shown: read `/posts/{id}/thread` to continue.
    pub continues: bool,
}

/// A page of a thread: the post, and the next replies below it in reading order
/// (each reply followed by its answers).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ThreadView {
    pub post: PostView,
    pub replies: Vec<ThreadNodeView>,
    /// Pass as `after` for the next page; absent on the last.
    pub next_after: Option<String>,
}

/// A page of a feed, newest first.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct FeedPageView {
    /// Community feeds: announcements pinned above the posts (first page only).
    pub pinned: Vec<PostView>,
    pub posts: Vec<PostView>,
    /// Pass as `before` for the next page; absent on the last.
    pub next_before: Option<String>,
}

/// Starts a conversation. Send `with` for a direct conversation with one colleague,
/// or `title` (and `member_ids`) for a group; not both.
#[derive(Debug, Default, Serialize, Deserialize, ToSchema)]
pub struct NewConversationRequest {
    /// Direct: the other person's id.
    #[serde(default)]
    pub with: Option<String>,
    /// Group: 1–100 characters.
    #[serde(default)]
    pub title: Option<String>,
    /// Group: the others to include (the caller is added anyway); at most 500 people
    /// in all.
    #[serde(default)]
    pub member_ids: Option<Vec<String>>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RenameConversationRequest {
    /// 1–100 characters.
    pub title: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AddMembersRequest {
    /// The people to add; those already in the group are left as they are.
    pub member_ids: Vec<String>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MarkReadRequest {
    /// The newest message read, a message of this conversation.
    pub up_to: String,
}

/// A person in a conversation.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ConversationMemberView {
    pub id: String,
    pub handle: String,
    pub display_name: String,
    /// `active`, `suspended` or `deactivated`.
    pub status: String,
}

/// A conversation as one of its members sees it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ConversationView {
    pub id: String,
    /// `direct` or `group`.
    pub kind: String,
    /// A group's title; for a direct conversation, the other person's name.
    pub title: String,
    pub created_by: String,
    pub created_at: String,
    /// Everyone in it, by name.
    pub members: Vec<ConversationMemberView>,
    /// The newest message the caller has read, `"0"` before the first.
    pub last_read_id: String,
    pub muted: bool,
}

/// The newest message of a conversation, shortened.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MessagePreviewView {
    pub id: String,
    pub author_id: String,
    pub author_display_name: String,
    /// The start of the markdown, on one line, at most 140 characters.
    pub text: String,
    pub created_at: String,
}

/// A conversation in the caller's list.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ConversationSummaryView {
    pub id: String,
    /// `direct` or `group`.
    pub kind: String,
    /// A group's title; for a direct conversation, the other person's name.
    pub title: String,
    /// The newest message that is not deleted; absent before the first.
    pub last_message: Option<MessagePreviewView>,
    /// Messages by others after the caller's read marker, not deleted; at most 100.
    pub unread: i64,
    pub last_read_id: String,
    pub muted: bool,
}

/// A page of the caller's conversations, most recent activity first.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ConversationPageView {
    pub conversations: Vec<ConversationSummaryView>,
    /// Pass as `before` for the next page; absent on the last.
    pub next_before: Option<String>,
}

/// A chat message. A deleted one keeps its place with `deleted: true` and empty bodies.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MessageView {
    pub id: String,
    pub conversation_id: String,
    pub author: AuthorView,
    /// Sanitized HTML, safe to insert into a page.
    pub body_html: String,
    pub body_markdown: String,
    pub created_at: String,
    pub edited_at: Option<String>,
    pub deleted: bool,
    /// Its files, in order; none once it is deleted.
    pub attachments: Vec<uploads::AttachmentView>,
}

/// A page of a conversation's history, newest first.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MessagePageView {
    pub messages: Vec<MessageView>,
    /// Pass as `before` for the next (older) page; absent on the last.
    pub next_before: Option<String>,
}

/// Whether a person is connected now.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PresenceView {
    pub id: String,
    /// `online`, `away` (every open page is hidden) or `offline`.
    pub status: String,
}

/// Why an administrative act was done; kept in the audit log.
#[derive(Debug, Default, Serialize, Deserialize, ToSchema)]
pub struct ReasonRequest {
    #[serde(default)]
    pub reason: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SuspendRequest {
    /// When the suspension ends, RFC 3339 (e.g. `2026-12-31T00:00:00Z`); in the future.
    pub until: String,
    #[serde(default)]
    pub reason: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DeleteUserRequest {
    /// `keep` (their posts and messages stay, by "Deleted user") or `remove`.
    pub content: String,
    #[serde(default)]
    pub reason: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct NetworkRoleRequest {
    /// `member`, `admin` or `compliance`.
    pub role: String,
    #[serde(default)]
    pub reason: String,
}

/// A page of the network's accounts, for administrators.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AccountPage {
    pub accounts: Vec<UserView>,
    /// Pass as `after` for the next page; absent on the last one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

/// One notification in the centre.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct NotificationView {
    pub id: String,
    /// `mention`, `reply`, `thread_reply`, `reaction`, `share`, `best_answer`,
    /// `direct_message` or `moderation`.
    pub kind: String,
    /// What happened, e.g. "Ana and 4 others reacted to your post".
    pub text: String,
    /// The people behind it, newest first (at most five), and how many in all.
    pub actor_ids: Vec<String>,
    pub actor_count: i64,
    /// A quote of the post or message, or the moderator's reason.
    pub excerpt: String,
    /// Where it leads in the web UI, e.g. `/posts/123`.
    pub href: String,
    pub read: bool,
    pub created_at: String,
    pub updated_at: String,
}

/// A page of the notification centre.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct NotificationPage {
    pub notifications: Vec<NotificationView>,
    /// Unread notifications, counted up to 100.
    pub unread: i64,
    /// Pass as `before` for the next page; absent on the last one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}
