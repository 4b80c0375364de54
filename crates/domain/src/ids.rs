//! 64-bit, time-sortable ids generated in the application.
//!
//! Layout (most significant first): 41 bits of milliseconds since [`EPOCH_MILLIS`],
//! 10 bits of node id, 12 bits of sequence. Ids from one node strictly increase;
//! ids from different nodes never collide as long as each node has its own node id.
//! Because ids sort by creation time, cursors paginate by id.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// 2025-01-01T00:00:00Z. 41 bits of milliseconds last until about 2094.
pub const EPOCH_MILLIS: i64 = 1_735_689_600_000;
const NODE_BITS: u32 = 10;
const SEQUENCE_BITS: u32 = 12;
/// The largest node id a deployment may configure.
pub const MAX_NODE_ID: u16 = (1 << NODE_BITS) - 1;
const MAX_SEQUENCE: i64 = (1 << SEQUENCE_BITS) - 1;

/// Text that should have been an id and is not. Its message names what the id was
/// for, e.g. `report id must be a number, not "abc"`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind} id must be a number, not {raw:?}")]
pub struct InvalidId {
    /// What the id names, as people say it: `post`, `watch term`, `SCIM token`.
    pub kind: &'static str,
    pub raw: String,
}

impl InvalidId {
    /// Which kind of id an [`InvalidId`] message was about, for callers that only see
    /// the message (a path rejection carries text, not the error).
    pub fn kind_in_message(message: &str) -> Option<&'static str> {
        ID_KINDS
            .iter()
            .copied()
            .filter(|kind| {
                message
                    .strip_prefix(kind)
                    .is_some_and(|rest| rest.starts_with(" id must be a number"))
            })
            .max_by_key(|kind| kind.len())
    }
}

/// Reads an id written as digits; surrounding white space is not an id.
fn parse_id(raw: &str, kind: &'static str) -> Result<i64, InvalidId> {
    raw.parse::<i64>().map_err(|_| InvalidId {
        kind,
        raw: raw.to_owned(),
    })
}

/// Accepts an id as a JSON number (as stored events and bus messages carry them) or
/// as a string of digits (as paths, query strings and the API's bodies carry them).
struct IdVisitor(&'static str);

impl serde::de::Visitor<'_> for IdVisitor {
    type Value = i64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} id", self.0)
    }

    fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<i64, E> {
        Ok(value)
    }

    fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<i64, E> {
        i64::try_from(value).map_err(|_| E::custom(format!("{} id out of range", self.0)))
    }

    fn visit_str<E: serde::de::Error>(self, raw: &str) -> Result<i64, E> {
        parse_id(raw, self.0).map_err(E::custom)
    }
}

macro_rules! id_types {
    ($($(#[$doc:meta])* $name:ident = $kind:literal;)+) => {
        $(
            $(#[$doc])*
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
            #[serde(transparent)]
            pub struct $name(pub i64);

            impl $name {
                /// What this id names, as error messages say it.
                pub const KIND: &'static str = $kind;
            }

            impl fmt::Display for $name {
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    self.0.fmt(f)
                }
            }

            impl FromStr for $name {
                type Err = InvalidId;

                fn from_str(raw: &str) -> Result<Self, InvalidId> {
                    parse_id(raw, $kind).map(Self)
                }
            }

            impl<'de> Deserialize<'de> for $name {
                fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                    d.deserialize_any(IdVisitor($kind)).map(Self)
                }
            }
        )+

        /// Every id kind's name, longest match first in [`InvalidId::kind_in_message`].
        const ID_KINDS: &[&str] = &[$($kind),+];
    };
}

id_types! {
    /// A network (tenant): the home company network or an external one.
    NetworkId = "network";
    /// A person's account.
    UserId = "user";
    /// A signed-in browser session.
    SessionId = "session";
    /// A personal API token.
    TokenId = "token";
    /// A community (group).
    CommunityId = "community";
    /// A post, reply or share.
    PostId = "post";
    /// An article: a draft, or once published the long piece a post carries.
    ArticleId = "article";
    /// A chat conversation: direct (two people) or a group.
    ConversationId = "conversation";
    /// A chat message.
    MessageId = "message";
    /// A file someone uploaded: an attachment, a profile photo or a community cover.
    UploadId = "upload";
    /// A report of a post or message to the moderators.
    ReportId = "report";
    /// A term of a network's keyword watch list.
    WatchTermId = "watch term";
    /// An invitation to join the network by e-mail.
    InvitationId = "invitation";
    /// One notification of one person.
    NotificationId = "notification";
    /// A SCIM client's bearer token.
    ScimTokenId = "SCIM token";
    /// One SCIM request recorded for the console.
    ProvisioningEventId = "provisioning event";
    /// A row of the outbox: an e-mail waiting to be sent.
    OutboxId = "outbox entry";
    /// A kept live event, as clients resume from it.
    EventId = "event";
    /// An entry of the audit log.
    AuditEntryId = "audit entry";
}

/// Hands out ids for one node. The caller supplies the clock so the generator stays
/// pure and testable; a clock that steps backwards never produces a smaller id.
#[derive(Debug)]
pub struct IdGenerator {
    node_id: i64,
    last_millis: i64,
    sequence: i64,
}

/// The node id given to [`IdGenerator::new`] does not fit in 10 bits.
#[derive(Debug, thiserror::Error)]
#[error("node id {0} is out of range: it must be between 0 and {MAX_NODE_ID}")]
pub struct NodeIdOutOfRange(pub u32);

impl IdGenerator {
    pub fn new(node_id: u32) -> Result<Self, NodeIdOutOfRange> {
        if node_id > u32::from(MAX_NODE_ID) {
            return Err(NodeIdOutOfRange(node_id));
        }
        Ok(Self {
            node_id: i64::from(node_id),
            last_millis: 0,
            sequence: 0,
        })
    }

    /// The next id at wall-clock time `now_millis`. When more than 4096 ids are asked
    /// for within one millisecond, or the clock went backwards, the generator borrows
    /// from the next millisecond instead of repeating an id.
    pub fn next(&mut self, now_millis: i64) -> i64 {
        let now = (now_millis - EPOCH_MILLIS).max(0);
        if now > self.last_millis {
            self.last_millis = now;
            self.sequence = 0;
        } else if self.sequence < MAX_SEQUENCE {
            self.sequence += 1;
        } else {
            self.last_millis += 1;
            self.sequence = 0;
        }
        (self.last_millis << (NODE_BITS + SEQUENCE_BITS))
            | (self.node_id << SEQUENCE_BITS)
            | self.sequence
    }
}

/// The creation time encoded in an id, in Unix milliseconds.
pub fn id_millis(id: i64) -> i64 {
    (id >> (NODE_BITS + SEQUENCE_BITS)) + EPOCH_MILLIS
}

/// The smallest id drawn at `millis` (Unix milliseconds) or later: ids below it were
/// drawn earlier, so a period's rows lie between two of these.
pub fn first_id_at(millis: i64) -> i64 {
    (millis - EPOCH_MILLIS).max(0) << (NODE_BITS + SEQUENCE_BITS)
}

/// An id `millis` earlier than `id` in the ids' own time order (never below 0): a
/// cursor that also takes ids drawn up to `millis` before it.
pub fn earlier_by_millis(id: i64, millis: i64) -> i64 {
    (id - (millis << (NODE_BITS + SEQUENCE_BITS))).max(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_increase_within_one_millisecond_and_across_milliseconds() {
        let mut ids = IdGenerator::new(3).unwrap();
        let t = EPOCH_MILLIS + 1_000;
        let a = ids.next(t);
        let b = ids.next(t);
        let c = ids.next(t + 1);
        assert!(a < b && b < c, "{a} {b} {c}");
        assert_eq!(id_millis(a), t);
        assert_eq!(id_millis(c), t + 1);
    }

    #[test]
    fn a_clock_stepping_back_never_repeats_an_id() {
        let mut ids = IdGenerator::new(1).unwrap();
        let t = EPOCH_MILLIS + 50_000;
        let a = ids.next(t);
        let b = ids.next(t - 10_000);
        assert!(b > a);
    }

    #[test]
    fn exhausting_the_sequence_moves_to_the_next_millisecond() {
        let mut ids = IdGenerator::new(0).unwrap();
        let t = EPOCH_MILLIS + 7;
        let all: Vec<i64> = (0..5000).map(|_| ids.next(t)).collect();
        assert!(all.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(id_millis(all[4096]), t + 1);
    }

    #[test]
    fn two_nodes_at_the_same_instant_get_different_ids() {
        let mut a = IdGenerator::new(1).unwrap();
        let mut b = IdGenerator::new(2).unwrap();
        let t = EPOCH_MILLIS + 99;
        assert_ne!(a.next(t), b.next(t));
    }

    #[test]
    fn node_ids_beyond_ten_bits_are_refused() {
        assert!(IdGenerator::new(1023).is_ok());
        assert!(IdGenerator::new(1024).is_err());
    }

    #[test]
    fn ids_read_from_digits_and_refuse_anything_else_by_name() {
        assert_eq!("42".parse::<ReportId>(), Ok(ReportId(42)));
        let refused = " 42".parse::<WatchTermId>().unwrap_err();
        assert_eq!(
            refused.to_string(),
            r#"watch term id must be a number, not " 42""#
        );
        assert_eq!(
            InvalidId::kind_in_message(&refused.to_string()),
            Some("watch term")
        );
        assert_eq!(InvalidId::kind_in_message("something else"), None);
    }

    #[test]
    fn ids_deserialize_from_numbers_and_from_strings_of_digits() {
        #[derive(Deserialize)]
        struct Both {
            number: PostId,
            text: PostId,
        }
        let both: Both = serde_json::from_str(r#"{"number": 7, "text": "8"}"#).unwrap();
        assert_eq!((both.number, both.text), (PostId(7), PostId(8)));
        let refused = serde_json::from_str::<PostId>(r#""eight""#).unwrap_err();
        assert!(
            refused
                .to_string()
                .starts_with(r#"post id must be a number, not "eight""#)
        );
        assert_eq!(serde_json::to_string(&PostId(9)).unwrap(), "9");
    }
}
