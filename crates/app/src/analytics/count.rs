//! Counting a run of days from what people did: the pure part of the rollup, so that
//! what a day's figures mean is checked without a database.

use super::calendar::day_of;
use hearth_domain::Millis;
use hearth_store::analytics::{ActivityRow, Counted, DayRow, PairRow, TaggedRow, TopicRow, did};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// A person's department and location, by account id.
pub type Groups = HashMap<i64, (String, String)>;

/// What a run of days is counted from.
pub struct Source<'a> {
    /// What people did.
    pub rows: &'a [ActivityRow],
    /// The topics of what they wrote.
    pub tagged: &'a [TaggedRow],
    /// When accounts were created and first signed in to.
    pub joined: &'a [(Millis, Option<Millis>)],
    pub groups: &'a Groups,
}

/// Counts the days from `from` up to `until` out of `source`.
pub fn count(source: &Source<'_>, from: i64, until: i64) -> Counted {
    let Source {
        rows,
        tagged,
        joined,
        groups,
    } = *source;
    let mut days: BTreeMap<(i64, i64), (DayRow, HashSet<i64>)> = BTreeMap::new();
    // Every counted day has its network row, so a quiet day reads as zero rather
    // than as not counted.
    for day in from..until {
        days.insert((day, 0), (row(day, 0), HashSet::new()));
    }
    let mut pairs: BTreeMap<(i64, &'static str, &str, &str), (i64, i64)> = BTreeMap::new();
    // The departments of the people in each thread replied to, per day and place.
    let mut threads: BTreeMap<(i64, i64), HashMap<i64, BTreeSet<&str>>> = BTreeMap::new();
    let mut writers: BTreeMap<i64, BTreeSet<i64>> = BTreeMap::new();
    let department = |person: i64| {
        groups
            .get(&person)
            .map(|(department, _)| department.as_str())
            .filter(|department| !department.is_empty())
    };
    for activity in rows {
        let day = day_of(activity.at);
        if !(from..until).contains(&day) {
            continue;
        }
        if matches!(
            activity.what,
            did::POST | did::QUESTION | did::SHARE | did::REPLY
        ) {
            writers.entry(day).or_default().insert(activity.person);
        }
        let places = std::iter::once(0).chain(activity.community_id);
        for place in places {
            if let (did::REPLY, Some(thread)) = (activity.what, activity.thread) {
                let people = threads
                    .entry((day, place))
                    .or_default()
                    .entry(thread)
                    .or_default();
                people.extend(department(activity.person));
                people.extend(activity.thread_author.and_then(department));
            }
            let (figures, people) = days
                .entry((day, place))
                .or_insert_with(|| (row(day, place), HashSet::new()));
            people.insert(activity.person);
            match activity.what {
                did::POST => figures.posts += 1,
                did::QUESTION => {
                    figures.posts += 1;
                    figures.questions += 1;
                }
                did::SHARE => figures.shares += 1,
                did::REPLY => figures.replies += 1,
                did::REACTION => figures.reactions += 1,
                did::MESSAGE => figures.messages += 1,
                _ => {}
            }
        }
        let Some(answered) = activity.answered.filter(|a| *a != activity.person) else {
            continue;
        };
        let reply = match activity.what {
            did::REPLY => true,
            did::REACTION => false,
            _ => continue,
        };
        let (Some(giver), Some(taker)) = (groups.get(&activity.person), groups.get(&answered))
        else {
            continue;
        };
        for (axis, from_group, to_group) in [
            ("department", giver.0.as_str(), taker.0.as_str()),
            ("location", giver.1.as_str(), taker.1.as_str()),
        ] {
            let cell = pairs.entry((day, axis, from_group, to_group)).or_default();
            if reply {
                cell.0 += 1;
            } else {
                cell.1 += 1;
            }
        }
    }
    for (at, first_signed_in) in joined {
        for (when, first) in [(Some(*at), true), (*first_signed_in, false)] {
            let Some(day) = when.map(day_of).filter(|day| (from..until).contains(day)) else {
                continue;
            };
            let (figures, _) = days
                .entry((day, 0))
                .or_insert_with(|| (row(day, 0), HashSet::new()));
            if first {
                figures.new_accounts += 1;
            } else {
                figures.first_sign_ins += 1;
            }
        }
    }
    for ((day, place), replied) in threads {
        if let Some((figures, _)) = days.get_mut(&(day, place)) {
            figures.threads = count_of(replied.len());
            figures.threads_across = count_of(replied.values().filter(|d| d.len() > 1).count());
        }
    }
    let mut topics: BTreeMap<(i64, i64, &str), (i64, HashSet<i64>)> = BTreeMap::new();
    for topic in tagged {
        let day = day_of(topic.at);
        if !(from..until).contains(&day) {
            continue;
        }
        for place in std::iter::once(0).chain(topic.community_id) {
            let (posts, people) = topics.entry((day, place, topic.tag.as_str())).or_default();
            *posts += 1;
            people.insert(topic.person);
        }
    }
    let days = days
        .into_values()
        .map(|(mut figures, people)| {
            figures.active_people = count_of(people.len());
            figures
        })
        .collect();
    let pairs = pairs
        .into_iter()
        .map(
            |((day, axis, from_group, to_group), (replies, reactions))| PairRow {
                day,
                axis: axis.to_owned(),
                from_group: from_group.to_owned(),
                to_group: to_group.to_owned(),
                replies,
                reactions,
            },
        )
        .collect();
    Counted {
        days,
        // The weeks and months are counted by the database (`store::active_people`).
        spans: Vec::new(),
        pairs,
        topics: topics
            .into_iter()
            .map(|((day, community_id, tag), (posts, people))| TopicRow {
                day,
                community_id,
                tag: tag.to_owned(),
                posts,
                people: count_of(people.len()),
            })
            .collect(),
        writers: writers
            .into_iter()
            .map(|(day, people)| (day, people.into_iter().collect()))
            .collect(),
    }
}

fn count_of(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn row(day: i64, community_id: i64) -> DayRow {
    DayRow {
        day,
        community_id,
        ..DayRow::default()
    }
}

#[cfg(test)]
mod tests {
    use super::super::calendar::{DAY_MILLIS, parse_iso, start_of};
    use super::*;

    fn act(day: i64, community: Option<i64>, person: i64, what: i64) -> ActivityRow {
        ActivityRow {
            at: start_of(day) + DAY_MILLIS / 2,
            community_id: community,
            person,
            what,
            answered: None,
            thread: None,
            thread_author: None,
        }
    }

    fn counted(rows: &[ActivityRow], groups: &Groups, from: i64, until: i64) -> Counted {
        count(
            &Source {
                rows,
                tagged: &[],
                joined: &[],
                groups,
            },
            from,
            until,
        )
    }

    fn answered(mut row: ActivityRow, whom: i64) -> ActivityRow {
        row.answered = Some(whom);
        row
    }

    #[test]
    fn a_day_counts_each_kind_and_each_person_once_in_each_place() {
        let monday = parse_iso("2026-11-30").unwrap();
        let rows = vec![
            act(monday, Some(7), 1, did::POST),
            act(monday, Some(7), 1, did::QUESTION),
            act(monday, Some(7), 2, did::REPLY),
            act(monday, None, 2, did::SHARE),
            act(monday, None, 3, did::MESSAGE),
            act(monday, Some(7), 3, did::REACTION),
            // Outside the days counted.
            act(monday + 1, Some(7), 4, did::POST),
        ];
        let counted = counted(&rows, &Groups::new(), monday, monday + 1);
        let network = &counted.days[0];
        assert_eq!(
            (
                network.day,
                network.community_id,
                network.posts,
                network.questions
            ),
            (monday, 0, 2, 1)
        );
        assert_eq!(
            (
                network.replies,
                network.shares,
                network.reactions,
                network.messages,
                network.active_people
            ),
            (1, 1, 1, 1, 3)
        );
        let community = &counted.days[1];
        assert_eq!((community.community_id, community.posts), (7, 2));
        assert_eq!((community.shares, community.messages), (0, 0));
        assert_eq!(community.active_people, 3);
        assert_eq!(counted.days.len(), 2);
    }

    #[test]
    fn quiet_days_are_counted_as_zero() {
        let day = parse_iso("2026-12-01").unwrap();
        let counted = counted(&[], &Groups::new(), day, day + 3);
        assert_eq!(counted.days.len(), 3);
        assert!(
            counted
                .days
                .iter()
                .all(|d| d.posts == 0 && d.community_id == 0)
        );
    }

    #[test]
    fn who_answers_whom_is_counted_by_group_and_never_oneself() {
        let day = parse_iso("2026-12-02").unwrap();
        let groups: Groups = [
            (1, ("Sales".to_owned(), "Lisbon".to_owned())),
            (2, ("Support".to_owned(), "Lisbon".to_owned())),
        ]
        .into_iter()
        .collect();
        let rows = vec![
            answered(act(day, Some(7), 1, did::REPLY), 2),
            answered(act(day, Some(7), 1, did::REACTION), 2),
            answered(act(day, Some(7), 2, did::REACTION), 2),
        ];
        let counted = counted(&rows, &groups, day, day + 1);
        let department: Vec<_> = counted
            .pairs
            .iter()
            .filter(|p| p.axis == "department")
            .collect();
        assert_eq!(department.len(), 1);
        assert_eq!(
            (
                department[0].from_group.as_str(),
                department[0].to_group.as_str(),
                department[0].replies,
                department[0].reactions
            ),
            ("Sales", "Support", 1, 1)
        );
        let location: Vec<_> = counted
            .pairs
            .iter()
            .filter(|p| p.axis == "location")
            .collect();
        assert_eq!(location[0].from_group, "Lisbon");
        assert_eq!(location[0].to_group, "Lisbon");
    }

    #[test]
    fn threads_are_across_departments_when_their_people_that_day_come_from_two() {
        let day = parse_iso("2026-12-03").unwrap();
        let groups: Groups = [
            (1, ("Sales".to_owned(), "Lisbon".to_owned())),
            (2, ("Support".to_owned(), "Lisbon".to_owned())),
            (3, ("Sales".to_owned(), "Porto".to_owned())),
            (4, (String::new(), "Porto".to_owned())),
        ]
        .into_iter()
        .collect();
        let reply = |person, thread, thread_author| ActivityRow {
            thread: Some(thread),
            thread_author: Some(thread_author),
            ..act(day, Some(7), person, did::REPLY)
        };
        let rows = vec![
            // Support answers a thread Sales started: across.
            reply(2, 100, 1),
            // Sales among themselves, and someone without a department: not across.
            reply(3, 200, 1),
            reply(4, 200, 1),
        ];
        let counted = counted(&rows, &groups, day, day + 1);
        for place in &counted.days {
            assert_eq!((place.threads, place.threads_across), (2, 1), "{place:?}");
        }
    }

    #[test]
    fn adoption_and_topics_are_counted_on_the_day_they_happened() {
        let day = parse_iso("2026-12-03").unwrap();
        let noon = start_of(day) + DAY_MILLIS / 2;
        let joined = [
            // Created the day before, first signed in today.
            (noon - DAY_MILLIS, Some(noon)),
            // Created today, not signed in yet.
            (noon, None),
            // Both long before.
            (noon - 9 * DAY_MILLIS, Some(noon - 8 * DAY_MILLIS)),
        ];
        let tagged = [
            TaggedRow {
                at: noon,
                community_id: Some(7),
                person: 1,
                tag: "launch".into(),
            },
            TaggedRow {
                at: noon,
                community_id: None,
                person: 1,
                tag: "launch".into(),
            },
        ];
        let rows = [
            act(day, Some(7), 1, did::POST),
            act(day, Some(7), 1, did::REPLY),
            act(day, Some(7), 2, did::REACTION),
            act(day, None, 3, did::MESSAGE),
        ];
        let counted = count(
            &Source {
                rows: &rows,
                tagged: &tagged,
                joined: &joined,
                groups: &Groups::new(),
            },
            day,
            day + 1,
        );
        let network = &counted.days[0];
        assert_eq!((network.new_accounts, network.first_sign_ins), (1, 1));
        // Reacting and chatting is not writing a post.
        assert_eq!(counted.writers, vec![(day, vec![1])]);
        let launch: Vec<(i64, i64, i64)> = counted
            .topics
            .iter()
            .map(|t| (t.community_id, t.posts, t.people))
            .collect();
        assert_eq!(launch, vec![(0, 2, 1), (7, 1, 1)]);
    }
}
