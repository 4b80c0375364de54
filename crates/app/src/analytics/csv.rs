//! Each figure of a dashboard as a CSV file, for spreadsheets and BI tools. Names
//! typed by people (communities, departments, questions) are made inert, as in every
//! export.

use super::calendar::iso;
use super::privacy::Shown;
use super::{Dashboard, Matrix};
use crate::AppError;
use crate::csv_cells::inert;
use hearth_domain::ValidationError;

/// A figure of a dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    Days,
    Weeks,
    Months,
    Communities,
    Questions,
    Departments,
    Locations,
    Adoption,
    Topics,
    Announcements,
}

impl Figure {
    pub const ALL: [Self; 10] = [
        Self::Days,
        Self::Weeks,
        Self::Months,
        Self::Communities,
        Self::Questions,
        Self::Departments,
        Self::Locations,
        Self::Adoption,
        Self::Topics,
        Self::Announcements,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Days => "days",
            Self::Weeks => "weeks",
            Self::Months => "months",
            Self::Communities => "communities",
            Self::Questions => "questions",
            Self::Departments => "departments",
            Self::Locations => "locations",
            Self::Adoption => "adoption",
            Self::Topics => "topics",
            Self::Announcements => "announcements",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        Self::ALL
            .into_iter()
            .find(|figure| figure.as_str() == raw)
            .ok_or_else(|| {
                ValidationError::new(
                    "figure",
                    "use one of days, weeks, months, communities, questions, departments, locations, \
                     adoption, topics, announcements",
                )
            })
    }
}

/// How "other" groups and communities are written.
const OTHER: &str = "(other)";

fn group(shown: &Shown) -> String {
    match shown {
        Shown::Group(name) => name.clone(),
        Shown::Other => OTHER.to_owned(),
    }
}

/// One figure of `dashboard` as CSV, with a header row.
pub fn csv(dashboard: &Dashboard, figure: Figure) -> Result<Vec<u8>, AppError> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    match figure {
        Figure::Days => {
            rows.push(header(&[
                "day",
                "posts",
                "replies",
                "shares",
                "reactions",
                "messages",
                "active_people",
            ]));
            rows.extend(dashboard.days.iter().map(|d| {
                vec![
                    iso(d.day),
                    d.posts.to_string(),
                    d.replies.to_string(),
                    d.shares.to_string(),
                    d.reactions.to_string(),
                    d.messages.to_string(),
                    d.active_people.to_string(),
                ]
            }));
        }
        Figure::Weeks | Figure::Months => {
            rows.push(header(&["first_day", "active_people", "partial"]));
            let spans = if figure == Figure::Weeks {
                &dashboard.weeks
            } else {
                &dashboard.months
            };
            rows.extend(spans.iter().map(|s| {
                vec![
                    iso(s.first_day),
                    s.active_people.to_string(),
                    s.partial.to_string(),
                ]
            }));
        }
        Figure::Communities => {
            rows.push(header(&[
                "community",
                "activity",
                "activity_before",
                "quiet",
            ]));
            let listed = dashboard.communities.iter().map(|c| (c, false));
            let quiet = dashboard.quiet.iter().map(|c| (c, true));
            rows.extend(listed.chain(quiet).map(|(c, quiet)| {
                vec![
                    c.name.clone().unwrap_or_else(|| OTHER.to_owned()),
                    c.activity.to_string(),
                    c.activity_before.to_string(),
                    quiet.to_string(),
                ]
            }));
        }
        Figure::Questions => {
            let q = &dashboard.questions;
            rows.push(header(&[
                "asked",
                "answered",
                "with_best_answer",
                "median_minutes_to_first_reply",
                "unanswered",
                "threads",
                "threads_across_departments",
            ]));
            rows.push(vec![
                q.asked.to_string(),
                q.answered.to_string(),
                q.best_answered.to_string(),
                q.median_minutes_to_first_reply
                    .map(|m| m.to_string())
                    .unwrap_or_default(),
                q.unanswered_count.to_string(),
                dashboard.totals.threads.to_string(),
                dashboard.totals.threads_across.to_string(),
            ]);
        }
        Figure::Adoption => {
            rows.push(header(&["week", "accounts", "signed_in", "wrote"]));
            rows.extend(dashboard.adoption.iter().map(|w| {
                vec![
                    iso(w.first_day),
                    w.accounts.to_string(),
                    w.signed_in.to_string(),
                    w.wrote.to_string(),
                ]
            }));
        }
        Figure::Topics => {
            rows.push(header(&["topic", "posts", "posts_before"]));
            rows.extend(dashboard.topics.iter().map(|t| {
                vec![
                    format!("#{}", t.tag),
                    t.posts.to_string(),
                    t.posts_before.to_string(),
                ]
            }));
        }
        Figure::Announcements => {
            let mut names = vec![
                "published".to_owned(),
                "announcement".to_owned(),
                "audience".to_owned(),
            ];
            names.extend((1..=super::READ_DAYS).map(|day| format!("read_by_day_{day}")));
            names.push("read".to_owned());
            rows.push(names);
            rows.extend(dashboard.announcements.iter().map(|a| {
                let mut row = vec![
                    crate::rfc3339(a.published_at),
                    a.excerpt.clone(),
                    a.audience.to_string(),
                ];
                row.extend((0..super::READ_DAYS).map(|day| {
                    a.read_by_day
                        .get(day)
                        .map(ToString::to_string)
                        .unwrap_or_default()
                }));
                row.push(a.read.to_string());
                row
            }));
        }
        Figure::Departments => matrix(&mut rows, &dashboard.departments, "department"),
        Figure::Locations => matrix(&mut rows, &dashboard.locations, "location"),
    }
    let mut out = Vec::new();
    {
        let mut writer = csv::Writer::from_writer(&mut out);
        for row in rows {
            writer
                .write_record(row.into_iter().map(inert))
                .map_err(|err| AppError::Internal(Box::new(err)))?;
        }
        writer
            .flush()
            .map_err(|err| AppError::Internal(Box::new(err)))?;
    }
    Ok(out)
}

fn header(names: &[&str]) -> Vec<String> {
    names.iter().map(|name| (*name).to_owned()).collect()
}

/// One row per pair of groups that exchanged anything.
fn matrix(rows: &mut Vec<Vec<String>>, matrix: &Matrix, axis: &str) {
    rows.push(vec![
        format!("from_{axis}"),
        format!("to_{axis}"),
        "replies".to_owned(),
        "reactions".to_owned(),
    ]);
    for (i, from) in matrix.groups.iter().enumerate() {
        for (j, to) in matrix.groups.iter().enumerate() {
            let cell = matrix.cells[i][j];
            if cell.replies + cell.reactions > 0 {
                rows.push(vec![
                    group(from),
                    group(to),
                    cell.replies.to_string(),
                    cell.reactions.to_string(),
                ]);
            }
        }
    }
}
