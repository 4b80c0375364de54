//! Counting a run of days from what people did: the pure part of the rollup, so that
//! what a day's figures mean is checked without a database.

use super::calendar::day_of;
use hearth_store::analytics::{ActivityRow, Counted, DayRow, PairRow, did};
use std::collections::{BTreeMap, HashMap, HashSet};

/// A person's department and location, by account id.
pub type Groups = HashMap<i64, (String, String)>;

/// Counts the days from `from` up to `until` out of `rows`.
pub fn count(rows: &[ActivityRow], groups: &Groups, from: i64, until: i64) -> Counted {
    let mut days: BTreeMap<(i64, i64), (DayRow, HashSet<i64>)> = BTreeMap::new();
    // Every counted day has its network row, so a quiet day reads as zero rather
    // than as not counted.
    for day in from..until {
        days.insert((day, 0), (row(day, 0), HashSet::new()));
    }
    let mut pairs: BTreeMap<(i64, &'static str, &str, &str), (i64, i64)> = BTreeMap::new();
    for activity in rows {
        let day = day_of(activity.at);
        if !(from..until).contains(&day) {
            continue;
        }
        let places = std::iter::once(0).chain(activity.community_id);
        for place in places {
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
    let days = days
        .into_values()
        .map(|(mut figures, people)| {
            figures.active_people = i64::try_from(people.len()).unwrap_or(i64::MAX);
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
    }
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
        }
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
        let counted = count(&rows, &Groups::new(), monday, monday + 1);
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
        let counted = count(&[], &Groups::new(), day, day + 3);
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
        let counted = count(&rows, &groups, day, day + 1);
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
}
