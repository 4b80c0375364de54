//! Counting a run of days from what people did: the pure part of the rollup, so that
//! what a day's figures mean is checked without a database.

use super::calendar::{day_of, next_month, week_of};
use hearth_store::analytics::{ActivityRow, Counted, DayRow, PairRow, SpanRow};
use std::collections::{BTreeMap, HashMap, HashSet};

/// A person's department and location, by account id.
pub type Groups = HashMap<i64, (String, String)>;

/// Counts the days from `from` up to `until` out of `rows`, and the weeks and months
/// those days fall in. `rows` must cover every such week and month from its first
/// day, so that their different people are counted whole.
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
            match activity.what.as_str() {
                "post" => figures.posts += 1,
                "question" => {
                    figures.posts += 1;
                    figures.questions += 1;
                }
                "share" => figures.shares += 1,
                "reply" => figures.replies += 1,
                "reaction" => figures.reactions += 1,
                "message" => figures.messages += 1,
                _ => {}
            }
        }
        let Some(answered) = activity.answered.filter(|a| *a != activity.person) else {
            continue;
        };
        let reply = match activity.what.as_str() {
            "reply" => true,
            "reaction" => false,
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
        spans: spans(rows, from, until),
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

/// The weeks and months with a day from `from` up to `until`, each counted from its
/// first day up to `until` at most.
fn spans(rows: &[ActivityRow], from: i64, until: i64) -> Vec<SpanRow> {
    let mut starts: Vec<(&'static str, i64, i64)> = Vec::new();
    let mut week = week_of(from);
    while week < until {
        starts.push(("week", week, (week + 7).min(until)));
        week += 7;
    }
    let mut month = super::calendar::month_of(from);
    while month < until {
        let next = next_month(month);
        starts.push(("month", month, next.min(until)));
        month = next;
    }
    starts
        .into_iter()
        .map(|(span, first_day, end)| {
            let people: HashSet<i64> = rows
                .iter()
                .filter(|a| (first_day..end).contains(&day_of(a.at)))
                .map(|a| a.person)
                .collect();
            SpanRow {
                span: span.to_owned(),
                first_day,
                active_people: i64::try_from(people.len()).unwrap_or(i64::MAX),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::calendar::{DAY_MILLIS, parse_iso, start_of};
    use super::*;

    fn did(day: i64, community: Option<i64>, person: i64, what: &str) -> ActivityRow {
        ActivityRow {
            at: start_of(day) + DAY_MILLIS / 2,
            community_id: community,
            person,
            what: what.to_owned(),
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
            did(monday, Some(7), 1, "post"),
            did(monday, Some(7), 1, "question"),
            did(monday, Some(7), 2, "reply"),
            did(monday, None, 2, "share"),
            did(monday, None, 3, "message"),
            did(monday, Some(7), 3, "reaction"),
            // Outside the days counted.
            did(monday + 1, Some(7), 4, "post"),
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
    fn weeks_and_months_count_different_people_from_their_first_day() {
        let sunday = parse_iso("2026-12-06").unwrap();
        let monday = week_of(sunday);
        let rows = vec![
            did(monday, None, 1, "post"),
            did(monday + 2, None, 1, "post"),
            did(sunday, None, 2, "message"),
            // Monday 30 November: in the week, not in the month.
            did(monday, None, 3, "reaction"),
        ];
        let counted = count(&rows, &Groups::new(), sunday, sunday + 1);
        let week = counted.spans.iter().find(|s| s.span == "week").unwrap();
        assert_eq!((week.first_day, week.active_people), (monday, 3));
        let month = counted.spans.iter().find(|s| s.span == "month").unwrap();
        assert_eq!(month.first_day, parse_iso("2026-12-01").unwrap());
        // Monday 30 November is in the week but not the month.
        assert_eq!(month.active_people, 2);
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
            answered(did(day, Some(7), 1, "reply"), 2),
            answered(did(day, Some(7), 1, "reaction"), 2),
            answered(did(day, Some(7), 2, "reaction"), 2),
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
