//! Polls: a post's question put to its readers as 2 to 10 options, the ballots they
//! cast, and when the counts may be seen.

use crate::validation::ValidationError;
use crate::{Millis, PostId};

crate::community::text_enum!(
    /// Whether a voter picks one option or any number of them.
    Choice { Single => "single", Multiple => "multiple" }
);
crate::community::text_enum!(
    /// When voters see the counts: once they voted, or only when the poll closes.
    /// The author always sees them.
    ResultsShown { AfterVote => "after_vote", AtClose => "at_close" }
);
crate::community::text_enum!(
    /// Whether those who see the counts may also see who voted for what.
    VoteKind { Named => "named", Anonymous => "anonymous" }
);
crate::community::text_enum!(
    /// The network's setting: which kinds of vote its polls may have.
    AllowedVotes { Any => "any", Named => "named", Anonymous => "anonymous" }
);

impl AllowedVotes {
    pub fn allows(self, kind: VoteKind) -> bool {
        match self {
            Self::Any => true,
            Self::Named => kind == VoteKind::Named,
            Self::Anonymous => kind == VoteKind::Anonymous,
        }
    }
}

pub const MIN_OPTIONS: usize = 2;
pub const MAX_OPTIONS: usize = 10;
pub const MAX_OPTION_CHARS: usize = 100;
/// A closing time further ahead than this is surely a typing mistake.
pub const MAX_OPEN_MILLIS: Millis = 366 * 24 * 3600 * 1000;

/// A poll as its author set it up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Poll {
    pub post_id: PostId,
    pub choice: Choice,
    pub results: ResultsShown,
    pub votes: VoteKind,
    /// `None`: open until someone who may closes it.
    pub closes_at: Option<Millis>,
    /// The options' labels, in their order; a vote names options by position.
    pub options: Vec<String>,
}

impl Poll {
    pub fn is_closed(&self, now: Millis) -> bool {
        self.closes_at.is_some_and(|at| at <= now)
    }

    /// Whether this reader sees the counts: the author always, everyone once it
    /// closed, and voters after voting when the author chose so.
    pub fn shows_results(&self, is_author: bool, has_voted: bool, now: Millis) -> bool {
        is_author || self.is_closed(now) || (self.results == ResultsShown::AfterVote && has_voted)
    }
}

/// The options as typed: trimmed, blank ones dropped, 2 to 10 of them, each at most
/// 100 characters and all different (ignoring case).
pub fn parse_options(raw: &[String]) -> Result<Vec<String>, ValidationError> {
    let options: Vec<String> = raw
        .iter()
        .map(|option| option.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|option| !option.is_empty())
        .collect();
    if options.len() < MIN_OPTIONS || options.len() > MAX_OPTIONS {
        return Err(ValidationError::new(
            "options",
            format!("a poll needs between {MIN_OPTIONS} and {MAX_OPTIONS} options"),
        ));
    }
    if options.iter().any(|o| o.chars().count() > MAX_OPTION_CHARS) {
        return Err(ValidationError::new(
            "options",
            format!("an option has at most {MAX_OPTION_CHARS} characters"),
        ));
    }
    let mut seen: Vec<String> = options.iter().map(|o| o.to_lowercase()).collect();
    seen.sort_unstable();
    seen.dedup();
    if seen.len() != options.len() {
        return Err(ValidationError::new(
            "options",
            "each option must be different",
        ));
    }
    Ok(options)
}

/// A closing time: in the future, and within a year.
pub fn parse_closes_at(at: Option<Millis>, now: Millis) -> Result<Option<Millis>, ValidationError> {
    match at {
        Some(at) if at <= now => Err(ValidationError::new(
            "closes_at",
            "a poll must close in the future",
        )),
        Some(at) if at - now > MAX_OPEN_MILLIS => Err(ValidationError::new(
            "closes_at",
            "a poll can stay open for at most a year",
        )),
        other => Ok(other),
    }
}

/// A closing time as a browser's date-and-time field sends it (`2026-12-10T17:00`),
/// read as a wall-clock time in the person's time zone; blank for none.
pub fn parse_local_time(raw: &str, time_zone: &str) -> Result<Option<Millis>, ValidationError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let invalid =
        || ValidationError::new("closes_at", "use a date and time such as 2026-12-31 17:00");
    let civil: jiff::civil::DateTime = raw.parse().map_err(|_| invalid())?;
    let zone = jiff::tz::db()
        .get(time_zone)
        .unwrap_or(jiff::tz::TimeZone::UTC);
    let at = zone.to_timestamp(civil).map_err(|_| invalid())?;
    Ok(Some(at.as_millisecond()))
}

/// A ballot: the positions chosen, each an option of the poll, without repeats; one
/// for a single-choice poll, at least one for a multiple-choice poll.
pub fn parse_ballot(poll: &Poll, chosen: &[i64]) -> Result<Vec<i64>, ValidationError> {
    let mut positions = chosen.to_vec();
    positions.sort_unstable();
    positions.dedup();
    let count = i64::try_from(poll.options.len()).unwrap_or(i64::MAX);
    if positions.iter().any(|p| *p < 0 || *p >= count) {
        return Err(ValidationError::new(
            "options",
            "choose among the poll's options",
        ));
    }
    match (poll.choice, positions.len()) {
        (_, 0) => Err(ValidationError::new("options", "choose an option to vote")),
        (Choice::Single, 1) | (Choice::Multiple, _) => Ok(positions),
        (Choice::Single, _) => Err(ValidationError::new(
            "options",
            "this poll takes one choice only",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn poll(choice: Choice, results: ResultsShown, closes_at: Option<Millis>) -> Poll {
        Poll {
            post_id: PostId(1),
            choice,
            results,
            votes: VoteKind::Anonymous,
            closes_at,
            options: vec!["Tea".into(), "Coffee".into(), "Water".into()],
        }
    }

    #[test]
    fn options_are_trimmed_counted_bounded_and_different() {
        let typed = ["  Tea ", "", "Coffee   beans", " "].map(String::from);
        assert_eq!(parse_options(&typed).unwrap(), ["Tea", "Coffee beans"]);
        assert_eq!(parse_options(&["Tea".into()]).unwrap_err().field, "options");
        let eleven: Vec<String> = (0..11).map(|n| format!("Option {n}")).collect();
        assert!(parse_options(&eleven).is_err());
        assert!(parse_options(&eleven[..10]).is_ok());
        assert!(parse_options(&["Tea".into(), "x".repeat(MAX_OPTION_CHARS + 1)]).is_err());
        assert!(parse_options(&["Tea".into(), "TEA".into()]).is_err());
    }

    #[test]
    fn closing_times_lie_within_the_coming_year() {
        assert_eq!(parse_closes_at(None, 1_000).unwrap(), None);
        assert_eq!(parse_closes_at(Some(2_000), 1_000).unwrap(), Some(2_000));
        assert!(parse_closes_at(Some(1_000), 1_000).is_err());
        assert!(parse_closes_at(Some(1_001 + MAX_OPEN_MILLIS), 1_000).is_err());
    }

    #[test]
    fn ballots_name_options_of_the_poll_once() {
        let single = poll(Choice::Single, ResultsShown::AfterVote, None);
        assert_eq!(parse_ballot(&single, &[2]).unwrap(), [2]);
        assert!(parse_ballot(&single, &[0, 1]).is_err());
        assert!(parse_ballot(&single, &[3]).is_err());
        assert!(parse_ballot(&single, &[-1]).is_err());
        assert!(parse_ballot(&single, &[]).is_err());
        let multiple = poll(Choice::Multiple, ResultsShown::AfterVote, None);
        assert_eq!(parse_ballot(&multiple, &[2, 0, 2]).unwrap(), [0, 2]);
    }

    #[test]
    fn counts_show_to_the_author_to_voters_or_at_close_as_chosen() {
        let after_vote = poll(Choice::Single, ResultsShown::AfterVote, Some(5_000));
        assert!(!after_vote.shows_results(false, false, 1_000));
        assert!(after_vote.shows_results(false, true, 1_000));
        assert!(after_vote.shows_results(true, false, 1_000));
        assert!(after_vote.shows_results(false, false, 5_000));
        let at_close = poll(Choice::Single, ResultsShown::AtClose, Some(5_000));
        assert!(!at_close.shows_results(false, true, 4_999));
        assert!(at_close.shows_results(false, false, 5_000));
        assert!(at_close.shows_results(true, false, 1_000));
    }

    #[test]
    fn local_closing_times_are_read_in_the_persons_time_zone() {
        assert_eq!(parse_local_time(" ", "Europe/Berlin").unwrap(), None);
        // 17:00 in Berlin in December is 16:00 UTC.
        let at = parse_local_time("2026-12-10T17:00", "Europe/Berlin").unwrap();
        assert_eq!(at, Some(1_796_918_400_000));
        assert!(parse_local_time("next friday", "UTC").is_err());
    }

    #[test]
    fn the_network_setting_decides_which_votes_are_allowed() {
        assert!(AllowedVotes::Any.allows(VoteKind::Named));
        assert!(AllowedVotes::Named.allows(VoteKind::Named));
        assert!(!AllowedVotes::Named.allows(VoteKind::Anonymous));
        assert!(!AllowedVotes::Anonymous.allows(VoteKind::Named));
    }
}
