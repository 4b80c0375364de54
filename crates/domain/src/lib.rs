//! Hearth's domain: the types every other layer speaks in, their validation, and the
//! policy that answers "may this actor do that". Nothing here performs I/O, reads a
//! clock or touches a database, so every rule can be tested as a plain function.

pub mod article;
pub mod audit;
pub mod chat;
pub mod community;
pub mod embed;
pub mod ids;
pub mod invitation;
pub mod markdown;
pub mod moderation;
pub mod network;
pub mod notification;
pub mod policy;
pub mod poll;
pub mod post;
pub mod praise;
pub mod profile;
pub mod retention;
pub mod scim_filter;
pub mod search;
pub mod upload;
pub mod usage_policy;
pub mod user;
pub mod validation;

pub use audit::{AuditAction, AuditActorKind, AuditEntry};
pub use chat::{Conversation, ConversationKind, ConversationMember, Message};
pub use community::{Category, Community, CommunityRole, Membership, MembershipState, Visibility};
pub use ids::{ArticleId, ConversationId, MessageId, UploadId};
pub use ids::{
    AuditEntryId, EventId, InvitationId, NotificationId, OutboxId, ProvisioningEventId, ReportId,
    ScimTokenId, WatchTermId,
};
pub use ids::{CommunityId, IdGenerator, InvalidId, NetworkId, PostId, SessionId, TokenId, UserId};
pub use network::{DEFAULT_LANGUAGE, Network, NetworkKind};
pub use notification::{Channel, DigestPeriod, NotificationKind};
pub use post::{Post, PostKind, ReactionKind};
pub use profile::{Handle, Profile, ProfileChanges};
pub use user::{Actor, DEFAULT_TIME_ZONE, Role, User, UserStatus};
pub use validation::{CompanyName, DisplayName, Email, Password, TokenName, ValidationError};

/// Milliseconds since the Unix epoch, the one time unit stored and compared in Hearth.
pub type Millis = i64;
