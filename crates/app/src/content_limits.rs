//! How fast one person may create content: posts, replies, chat messages and
//! reactions, each with its own allowance, so that one account (or a script with its
//! token) cannot flood a network's feeds, notifications and database. Like sign-in
//! throttling, the allowances are kept in memory per node.

use crate::AppError;
use crate::rate_limit::{quota, retry_later};
use governor::{DefaultKeyedRateLimiter, RateLimiter};
use hearth_domain::UserId;
use std::time::Duration;

/// How many of each kind of content one person may create a minute, as a burst
/// that then comes back evenly over the minute; 0 means no limit. Also the cap on
/// one person's live connections to a node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentLimits {
    pub posts_per_minute: u32,
    pub replies_per_minute: u32,
    pub chat_messages_per_minute: u32,
    pub reactions_per_minute: u32,
    /// Live-stream connections one person may hold open on one node (tabs, devices,
    /// scripts); 0 means no limit.
    pub live_connections_per_person: u32,
}

impl Default for ContentLimits {
    fn default() -> Self {
        Self {
            posts_per_minute: 10,
            replies_per_minute: 30,
            chat_messages_per_minute: 60,
            reactions_per_minute: 120,
            live_connections_per_person: 20,
        }
    }
}

impl ContentLimits {
    /// No limit at all: for seeding demo data and benchmarks, which create content
    /// through the use cases at machine speed.
    pub const NONE: Self = Self {
        posts_per_minute: 0,
        replies_per_minute: 0,
        chat_messages_per_minute: 0,
        reactions_per_minute: 0,
        live_connections_per_person: 0,
    };
}

/// What a person is creating.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Creation {
    Post,
    Reply,
    ChatMessage,
    Reaction,
}

/// One allowance per kind of content and person; `None` where there is no limit.
pub(crate) struct ContentLimiter {
    posts: Option<DefaultKeyedRateLimiter<i64>>,
    replies: Option<DefaultKeyedRateLimiter<i64>>,
    chat_messages: Option<DefaultKeyedRateLimiter<i64>>,
    reactions: Option<DefaultKeyedRateLimiter<i64>>,
}

fn per_minute(count: u32) -> Option<DefaultKeyedRateLimiter<i64>> {
    (count > 0).then(|| RateLimiter::keyed(quota(count, Duration::from_secs(60) / count)))
}

impl ContentLimiter {
    pub(crate) fn new(limits: &ContentLimits) -> Self {
        Self {
            posts: per_minute(limits.posts_per_minute),
            replies: per_minute(limits.replies_per_minute),
            chat_messages: per_minute(limits.chat_messages_per_minute),
            reactions: per_minute(limits.reactions_per_minute),
        }
    }

    /// Counts one creation by `user`, or says how long to wait.
    pub(crate) fn check(&self, creation: Creation, user: UserId) -> Result<(), AppError> {
        let limiter = match creation {
            Creation::Post => &self.posts,
            Creation::Reply => &self.replies,
            Creation::ChatMessage => &self.chat_messages,
            Creation::Reaction => &self.reactions,
        };
        let Some(limiter) = limiter else {
            return Ok(());
        };
        limiter.check_key(&user.0).map_err(retry_later)?;
        // Forget people back to a full allowance, so memory stays bounded.
        if limiter.len() > 10_000 {
            limiter.retain_recent();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_has_its_own_allowance_per_person() {
        let limiter = ContentLimiter::new(&ContentLimits {
            posts_per_minute: 2,
            replies_per_minute: 0,
            ..ContentLimits::default()
        });
        let (ana, ben) = (UserId(1), UserId(2));
        assert!(limiter.check(Creation::Post, ana).is_ok());
        assert!(limiter.check(Creation::Post, ana).is_ok());
        match limiter.check(Creation::Post, ana) {
            Err(AppError::RateLimited { retry_after_secs }) => {
                assert!((1..=30).contains(&retry_after_secs), "{retry_after_secs}")
            }
            other => panic!("expected a rate limit, got {other:?}"),
        }
        assert!(limiter.check(Creation::Post, ben).is_ok());
        assert!(limiter.check(Creation::Reaction, ana).is_ok());
        for _ in 0..100 {
            assert!(limiter.check(Creation::Reply, ana).is_ok(), "0 is no limit");
        }
    }
}
