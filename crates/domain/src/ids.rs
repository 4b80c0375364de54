//! 64-bit, time-sortable ids generated in the application.
//!
//! Layout (most significant first): 41 bits of milliseconds since [`EPOCH_MILLIS`],
//! 10 bits of node id, 12 bits of sequence. Ids from one node strictly increase;
//! ids from different nodes never collide as long as each node has its own node id.
//! Because ids sort by creation time, cursors paginate by id.

use serde::{Deserialize, Serialize};
use std::fmt;

/// 2025-01-01T00:00:00Z. 41 bits of milliseconds last until about 2094.
pub const EPOCH_MILLIS: i64 = 1_735_689_600_000;
const NODE_BITS: u32 = 10;
const SEQUENCE_BITS: u32 = 12;
/// The largest node id a deployment may configure.
pub const MAX_NODE_ID: u16 = (1 << NODE_BITS) - 1;
const MAX_SEQUENCE: i64 = (1 << SEQUENCE_BITS) - 1;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// A network (tenant): the home company network or an external one.
    NetworkId
);
id_type!(
    /// A person's account.
    UserId
);
id_type!(
    /// A signed-in browser session.
    SessionId
);
id_type!(
    /// A personal API token.
    TokenId
);
id_type!(
    /// A community (group).
    CommunityId
);
id_type!(
    /// A post, reply or share.
    PostId
);
id_type!(
    /// A chat conversation: direct (two people) or a group.
    ConversationId
);
id_type!(
    /// A chat message.
    MessageId
);

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
}
