//! Analytics: what the network is used for, in counts, for the people who run it and
//! for each community's managers. The scheduler counts each complete UTC day once
//! (`count_due`), from the content itself, into daily rollups; a dashboard reads a
//! period of them and the same period before it. Only aggregates exist: no report of
//! what one person did, for anyone, and groups smaller than five people are merged
//! (`privacy`).

pub mod calendar;
mod count;
pub mod csv;
pub mod health;
pub mod privacy;

use crate::{App, AppError, access};
use calendar::{DAY_MILLIS, day_of, month_of, start_of, week_of};
use count::Groups;
use hearth_domain::{CommunityId, Millis, NetworkId, PostId, User, ValidationError, policy};
use hearth_i18n::t;
use hearth_store::Conn;
use hearth_store::analytics::{self as store, CommunityFacts, DayRow, QuestionRow};
use privacy::{Merging, Shown};
use std::collections::{BTreeMap, HashMap};

pub use privacy::SMALLEST_GROUP;

/// The longest period a dashboard shows.
pub const MAX_DAYS: i64 = 366;

/// A question is "unanswered" on the dashboards once it has waited this long.
const UNANSWERED_AFTER: Millis = 2 * DAY_MILLIS;

/// How long after midnight (UTC) a day is counted: a post written just before it may
/// commit a little later, and nodes' clocks differ by a little.
pub const GRACE: Millis = 5 * 60 * 1000;

/// How many unanswered questions a dashboard links.
const UNANSWERED_LISTED: usize = 20;

/// Counts, for every network, the complete days not counted yet: after a downtime,
/// every day missed. Several nodes may run it at once; each day is counted by one.
/// Answers how many days were counted.
pub async fn count_due(app: &App) -> Result<i64, AppError> {
    let today = day_of(app.now() - GRACE);
    let networks = {
        let mut db = app.store().conn().await?;
        store::networks(&mut db).await?
    };
    let mut counted = 0;
    let mut failed = None;
    for (network, created_at, mark) in networks {
        // One network's failure leaves the others to be counted.
        match count_network(app, network, created_at, mark, today).await {
            Ok(days) => counted += days,
            Err(err) => {
                tracing::warn!(network.id = %network, error = %err, "could not count a network's analytics");
                failed = Some(err);
            }
        }
    }
    if counted > 0 {
        tracing::info!(days = counted, "analytics counted");
    }
    match failed {
        Some(err) if counted == 0 => Err(err),
        _ => Ok(counted),
    }
}

/// Counts one network's days up to `today`; answers how many.
async fn count_network(
    app: &App,
    network: NetworkId,
    created_at: Millis,
    mut mark: Option<i64>,
    today: i64,
) -> Result<i64, AppError> {
    let mut counted = 0;
    let mut from = match mark {
        Some(day) => day,
        None => {
            let mut db = app.store().conn().await?;
            let first = store::first_activity(&mut db, network).await?;
            day_of(first.map_or(created_at, |first| first.min(created_at)))
        }
    };
    if from >= today {
        return Ok(0);
    }
    // Everyone's groups, read once for all the months a catch-up goes through.
    let groups = {
        let mut db = app.store().conn().await?;
        groups_of(&mut db, network).await?
    };
    while from < today {
        // A run stays within one calendar month, so each month's people are counted
        // once as a catch-up goes through it.
        let until = calendar::next_month(from).min(today);
        let (figures, rows) = {
            let mut db = app.store().conn().await?;
            let (since, before) = (start_of(from), start_of(until));
            let rows = store::activity(&mut db, network, since, before).await?;
            let tagged = store::tagged(&mut db, network, since, before).await?;
            let joined = store::accounts_joined(&mut db, network, since, before).await?;
            let source = count::Source {
                rows: &rows,
                tagged: &tagged,
                joined: &joined,
                groups: &groups,
            };
            let mut figures = count::count(&source, from, until);
            figures.spans = spans(&mut db, network, from, until).await?;
            (figures, rows.len())
        };
        tracing::debug!(network.id = %network, from, until, rows, "analytics days counted");
        let mut tx = app.store().begin().await?;
        if !store::record(&mut tx, network, mark, until, &figures).await? {
            // Another node counted these days first.
            break;
        }
        tx.commit().await?;
        counted += until - from;
        mark = Some(until);
        from = until;
    }
    Ok(counted)
}

/// The weeks and the month with a day from `from` up to `until`, each counted from
/// its first day up to `until` at most.
async fn spans(
    db: &mut Conn,
    network: NetworkId,
    from: i64,
    until: i64,
) -> Result<Vec<store::SpanRow>, AppError> {
    let mut starts = Vec::new();
    let mut week = week_of(from);
    while week < until {
        starts.push(("week", week, (week + 7).min(until)));
        week += 7;
    }
    let mut month = month_of(from);
    while month < until {
        let next = calendar::next_month(month);
        starts.push(("month", month, next.min(until)));
        month = next;
    }
    let mut spans = Vec::with_capacity(starts.len());
    for (span, first_day, end) in starts {
        spans.push(store::SpanRow {
            span: span.to_owned(),
            first_day,
            active_people: store::active_people(db, network, start_of(first_day), start_of(end))
                .await?,
        });
    }
    Ok(spans)
}

async fn groups_of(db: &mut Conn, network: NetworkId) -> Result<Groups, AppError> {
    Ok(store::groups(db, network)
        .await?
        .into_iter()
        .map(|person| (person.id, (person.department, person.location)))
        .collect())
}

/// Which days a dashboard shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeriodChoice {
    /// The last so many counted days.
    Last(i64),
    /// From one day to another, both included, as `2026-11-01`.
    Between(String, String),
}

/// Days from `first_day` up to `until_day`, the latter not included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub first_day: i64,
    pub until_day: i64,
}

impl Period {
    pub fn days(&self) -> i64 {
        self.until_day - self.first_day
    }

    /// The same number of days just before.
    pub fn before(&self) -> Self {
        Self {
            first_day: self.first_day - self.days(),
            until_day: self.first_day,
        }
    }

    pub fn last_day(&self) -> i64 {
        self.until_day - 1
    }
}

/// The period a choice means when the days before `counted_until` are counted.
pub fn period(choice: &PeriodChoice, counted_until: i64) -> Result<Period, ValidationError> {
    match choice {
        PeriodChoice::Last(days) => {
            if !(1..=MAX_DAYS).contains(days) {
                return Err(ValidationError::new(
                    "days",
                    format!("a period must be between 1 and {MAX_DAYS} days long"),
                ));
            }
            Ok(Period {
                first_day: counted_until - days,
                until_day: counted_until,
            })
        }
        PeriodChoice::Between(from, to) => {
            let first = calendar::parse_iso(from).ok_or_else(|| {
                ValidationError::new("from", "the first day must be a date such as 2026-11-01")
            })?;
            let last = calendar::parse_iso(to).ok_or_else(|| {
                ValidationError::new("to", "the last day must be a date such as 2026-11-30")
            })?;
            if last < first {
                return Err(ValidationError::new(
                    "to",
                    "the last day must not be before the first",
                ));
            }
            if last - first + 1 > MAX_DAYS {
                return Err(ValidationError::new(
                    "to",
                    format!("a period must be between 1 and {MAX_DAYS} days long"),
                ));
            }
            Ok(Period {
                first_day: first,
                until_day: last + 1,
            })
        }
    }
}

/// A period's totals.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Totals {
    pub posts: i64,
    pub replies: i64,
    pub shares: i64,
    pub questions: i64,
    pub reactions: i64,
    pub messages: i64,
    /// The different people active on a day, on average over the period's days.
    pub active_per_day: f64,
    /// Threads with a reply on a day, summed over the days, and those of them with
    /// people from more than one department.
    pub threads: i64,
    pub threads_across: i64,
    /// Accounts created, first signed in to, and people who wrote for the first time.
    pub new_accounts: i64,
    pub first_sign_ins: i64,
    pub first_writers: i64,
}

impl Totals {
    fn of(days: &[DayRow], period: Period) -> Self {
        let mut totals = Self::default();
        let mut active = 0;
        for day in days
            .iter()
            .filter(|d| (period.first_day..period.until_day).contains(&d.day))
        {
            totals.posts += day.posts;
            totals.replies += day.replies;
            totals.shares += day.shares;
            totals.questions += day.questions;
            totals.reactions += day.reactions;
            totals.messages += day.messages;
            totals.threads += day.threads;
            totals.threads_across += day.threads_across;
            totals.new_accounts += day.new_accounts;
            totals.first_sign_ins += day.first_sign_ins;
            totals.first_writers += day.first_writers;
            active += day.active_people;
        }
        totals.active_per_day = ratio(active, period.days());
        totals
    }
}

fn ratio(part: i64, whole: i64) -> f64 {
    if whole <= 0 {
        return 0.0;
    }
    #[expect(clippy::cast_precision_loss, reason = "counts far below 2^52")]
    let share = part as f64 / whole as f64;
    share
}

/// One day of the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day {
    pub day: i64,
    pub posts: i64,
    pub replies: i64,
    pub shares: i64,
    pub reactions: i64,
    pub messages: i64,
    pub active_people: i64,
}

/// The different people active in a week or a month beginning on `first_day`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpanActive {
    pub first_day: i64,
    pub active_people: i64,
    /// Whether the span ran past the period's end or is not complete yet.
    pub partial: bool,
}

/// A community as the dashboards rank it; `None` fields are "other communities",
/// those too small to be shown alone.
#[derive(Debug, Clone, PartialEq)]
pub struct CommunityFigures {
    pub community: Option<CommunityId>,
    pub name: Option<String>,
    pub activity: i64,
    pub activity_before: i64,
}

/// Work against social: activity in communities of each category.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WorkAndSocial {
    pub work: i64,
    pub social: i64,
    pub work_before: i64,
    pub social_before: i64,
}

/// A question still waiting for someone else's reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unanswered {
    pub post: PostId,
    pub community: Option<CommunityId>,
    pub asked_at: Millis,
    pub excerpt: String,
}

/// The period's questions.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Questions {
    pub asked: i64,
    /// With a reply from someone other than who asked.
    pub answered: i64,
    pub best_answered: i64,
    /// From asking to the first reply, the median over the answered ones.
    pub median_minutes_to_first_reply: Option<i64>,
    /// Waiting longer than two days, newest first (at most twenty).
    pub unanswered: Vec<Unanswered>,
    pub unanswered_count: i64,
}

/// Replies and reactions between groups.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Exchange {
    pub replies: i64,
    pub reactions: i64,
}

impl std::ops::AddAssign for Exchange {
    fn add_assign(&mut self, other: Self) {
        self.replies += other.replies;
        self.reactions += other.reactions;
    }
}

/// Who answers whom: `cells[from][to]` between the `groups` shown, small ones merged.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Matrix {
    pub groups: Vec<Shown>,
    pub cells: Vec<Vec<Exchange>>,
}

/// What a dashboard is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    Network,
    Community { id: CommunityId, name: String },
}

/// A dashboard: the period's figures and the period before's.
#[derive(Debug, Clone, PartialEq)]
pub struct Dashboard {
    pub scope: Scope,
    pub period: Period,
    /// The first day not counted yet: today once the scheduler has caught up.
    pub counted_until: i64,
    /// Active accounts (network) or members (community) now.
    pub people: i64,
    pub totals: Totals,
    pub totals_before: Totals,
    pub days: Vec<Day>,
    pub weeks: Vec<SpanActive>,
    pub months: Vec<SpanActive>,
    pub work_and_social: Option<WorkAndSocial>,
    pub communities: Vec<CommunityFigures>,
    /// Communities active in the period before and silent in this one.
    pub quiet: Vec<CommunityFigures>,
    pub questions: Questions,
    pub departments: Matrix,
    pub locations: Matrix,
    /// Since launch (network only).
    pub adoption: Vec<AdoptionWeek>,
    pub topics: Vec<TopicFigures>,
    pub announcements: Vec<AnnouncementFigures>,
}

/// Everyone who had an account, had signed in and had written something by the end
/// of a week (from Monday) since launch.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AdoptionWeek {
    pub first_day: i64,
    pub accounts: i64,
    pub signed_in: i64,
    pub wrote: i64,
}

/// A #topic's posts and replies in the period and the one before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicFigures {
    pub tag: String,
    pub posts: i64,
    pub posts_before: i64,
}

/// How many of the people an announcement was for have seen it: counts, never who.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnouncementFigures {
    pub post: PostId,
    pub community: Option<CommunityId>,
    pub published_at: Millis,
    pub excerpt: String,
    /// The community's members, or everyone with an account, but its author.
    pub audience: i64,
    /// Who had seen it by the end of each UTC day, from the one it was published on
    /// (`[0]`), up to a week; only days that are over.
    pub read_by_day: Vec<i64>,
    pub read: i64,
}

/// How many days after publication the read counts follow an announcement.
pub const READ_DAYS: usize = 7;

/// How many topics a dashboard names.
const TOPICS_LISTED: usize = 10;

/// How many announcements a dashboard follows.
const ANNOUNCEMENTS_LISTED: i64 = 20;

/// The network's dashboard, for its admins.
pub async fn network_dashboard(
    app: &App,
    actor: &hearth_domain::Actor,
    choice: &PeriodChoice,
) -> Result<Dashboard, AppError> {
    policy::may_view_network_analytics(actor)?;
    let mut db = app.store().conn().await?;
    let network = crate::audit::network_of(&mut db, actor).await?;
    network_figures(&mut db, network, choice, app.now()).await
}

/// How a figure moved since the period before, in whole percent; `None` when there
/// was nothing before to compare with.
pub fn change(now: i64, before: i64) -> Option<i64> {
    if before == 0 {
        return None;
    }
    #[expect(clippy::cast_precision_loss, reason = "counts far below 2^52")]
    let moved = (now - before) as f64 * 100.0 / before as f64;
    #[expect(clippy::cast_possible_truncation, reason = "a percentage")]
    let whole = moved.round() as i64;
    Some(whole)
}

/// How a figure moved since the period before, in the reader's words: "up 12 %",
/// "no change", "new".
pub fn change_phrase(tr: hearth_i18n::Tr, now: i64, before: i64) -> String {
    match change(now, before) {
        None if now == 0 => t!(tr, "analytics-change-none"),
        None => t!(tr, "analytics-change-new"),
        Some(0) => t!(tr, "analytics-change-none"),
        Some(up) if up > 0 => t!(tr, "analytics-change-up", percent = up),
        Some(down) => t!(tr, "analytics-change-down", percent = -down),
    }
}

/// A network's dashboard, for whoever was allowed to see it.
async fn network_figures(
    db: &mut Conn,
    network: NetworkId,
    choice: &PeriodChoice,
    now: Millis,
) -> Result<Dashboard, AppError> {
    let counted_until = counted_until(db, network, now).await?;
    let period = period(choice, counted_until)?;
    let before = period.before();
    let days = store::network_days(db, network, before.first_day, period.until_day).await?;
    let people = store::active_accounts(db, network).await?;
    let spans = store::spans(
        db,
        network,
        week_of(period.first_day).min(month_of(period.first_day)),
        period.until_day,
    )
    .await?;
    let communities = store::communities(db, network).await?;
    let now_totals: Activity =
        store::community_activity(db, network, period.first_day, period.until_day)
            .await?
            .into_iter()
            .collect();
    let before_totals: Activity =
        store::community_activity(db, network, before.first_day, before.until_day)
            .await?
            .into_iter()
            .collect();
    let pairs = store::pair_totals(db, network, period.first_day, period.until_day).await?;
    let mut matrices = Vec::new();
    for axis in ["department", "location"] {
        let sizes = store::group_sizes(db, network, axis).await?;
        matrices.push(matrix(
            &Merging::new(&sizes),
            pairs.iter().filter(|p| p.axis == axis).map(|p| {
                (
                    p.from_group.clone(),
                    p.to_group.clone(),
                    Exchange {
                        replies: p.replies,
                        reactions: p.reactions,
                    },
                )
            }),
        ));
    }
    let locations = matrices.pop().unwrap_or_default();
    let departments = matrices.pop().unwrap_or_default();
    let questions = questions(
        store::questions(
            db,
            network,
            None,
            start_of(period.first_day),
            start_of(period.until_day),
        )
        .await?,
        now,
    );
    let small: Vec<i64> = communities
        .iter()
        .filter(|c| c.members < SMALLEST_GROUP)
        .map(|c| c.id)
        .collect();
    let small_people = store::people_in(db, &small).await?;
    let (ranked, quiet) = rank(&communities, &now_totals, &before_totals, small_people);
    let (weeks, months) = span_figures(&spans, period, counted_until);
    let adoption = adoption_weeks(
        &store::adoption_days(db, network, period.until_day).await?,
        period.until_day,
    );
    let topics = topics(db, network, None, period).await?;
    let members: HashMap<i64, i64> = communities.iter().map(|c| (c.id, c.members)).collect();
    let announcements = announcements(
        db,
        network,
        None,
        period,
        |community| community.map_or(people, |id| members.get(&id).copied().unwrap_or(0)),
        now,
    )
    .await?;
    Ok(Dashboard {
        scope: Scope::Network,
        period,
        counted_until,
        people,
        totals: Totals::of(&days, period),
        totals_before: Totals::of(&days, before),
        days: series(&days, period),
        weeks,
        months,
        work_and_social: Some(work_and_social(&communities, &now_totals, &before_totals)),
        communities: ranked,
        quiet,
        questions,
        departments,
        locations,
        adoption,
        topics,
        announcements,
    })
}

/// A community's dashboard, for its owners and admins and the network's admins. A
/// community of fewer than five members has none: its figures would be about people.
pub async fn community_dashboard(
    app: &App,
    user: &User,
    community: CommunityId,
    choice: &PeriodChoice,
) -> Result<Dashboard, AppError> {
    let mut db = app.store().conn().await?;
    let (community, membership) = access::load_community(&mut db, user, community).await?;
    policy::may_manage_community(user, &community, membership.as_ref())?;
    let network = user.network_id;
    let members = hearth_store::communities::member_count(&mut db, community.id).await?;
    if members < SMALLEST_GROUP {
        return Err(AppError::Conflict {
            message: format!(
                "a community needs at least {SMALLEST_GROUP} members for its figures to be shown"
            ),
            field: None,
        });
    }
    let counted_until = counted_until(&mut db, network, app.now()).await?;
    let period = period(choice, counted_until)?;
    let before = period.before();
    let days = store::community_days(
        &mut db,
        network,
        community.id.0,
        before.first_day,
        period.until_day,
    )
    .await?;
    let questions = questions(
        store::questions(
            &mut db,
            network,
            Some(community.id.0),
            start_of(period.first_day),
            start_of(period.until_day),
        )
        .await?,
        app.now(),
    );
    Ok(Dashboard {
        scope: Scope::Community {
            id: community.id,
            name: community.name.clone(),
        },
        period,
        counted_until,
        people: members,
        totals: Totals::of(&days, period),
        totals_before: Totals::of(&days, before),
        days: series(&days, period),
        weeks: Vec::new(),
        months: Vec::new(),
        work_and_social: None,
        communities: Vec::new(),
        quiet: Vec::new(),
        questions,
        departments: Matrix::default(),
        locations: Matrix::default(),
        adoption: Vec::new(),
        topics: topics(&mut db, network, Some(community.id.0), period).await?,
        announcements: announcements(
            &mut db,
            network,
            Some(community.id.0),
            period,
            |_| members,
            app.now(),
        )
        .await?,
    })
}

/// Week by week since the first counted day, how many had an account, had signed in
/// and had written something by the week's end.
fn adoption_weeks(days: &[DayRow], until_day: i64) -> Vec<AdoptionWeek> {
    let Some(first) = days.first() else {
        return Vec::new();
    };
    let mut weeks = Vec::new();
    let mut total = AdoptionWeek::default();
    let mut rows = days.iter().peekable();
    let mut week = week_of(first.day);
    while week < until_day {
        while let Some(day) = rows.next_if(|d| d.day < week + 7) {
            total.accounts += day.new_accounts;
            total.signed_in += day.first_sign_ins;
            total.wrote += day.first_writers;
        }
        weeks.push(AdoptionWeek {
            first_day: week,
            ..total
        });
        week += 7;
    }
    weeks
}

/// The period's busiest topics in the network or a community, each written about by
/// at least five people: a topic only a few people use would point at them.
async fn topics(
    db: &mut Conn,
    network: NetworkId,
    community: Option<i64>,
    period: Period,
) -> Result<Vec<TopicFigures>, AppError> {
    let place = community.unwrap_or(0);
    let before = period.before();
    let candidates = store::topic_totals(
        db,
        network,
        place,
        period.first_day,
        period.until_day,
        i64::try_from(3 * TOPICS_LISTED).unwrap_or(i64::MAX),
    )
    .await?;
    // Five people on one day are five in the period; only topics no day had five
    // for are asked about the whole period, from their posts.
    let doubtful: Vec<String> = candidates
        .iter()
        .filter(|(_, _, most_in_a_day)| *most_in_a_day < SMALLEST_GROUP)
        .map(|(tag, _, _)| tag.clone())
        .collect();
    let people: HashMap<String, i64> = store::topic_people(
        db,
        network,
        community,
        &doubtful,
        start_of(period.first_day),
        start_of(period.until_day),
    )
    .await?
    .into_iter()
    .collect();
    let mut shown: Vec<TopicFigures> = candidates
        .into_iter()
        .filter(|(tag, _, most_in_a_day)| {
            people.get(tag).copied().unwrap_or(*most_in_a_day) >= SMALLEST_GROUP
        })
        .take(TOPICS_LISTED)
        .map(|(tag, posts, _)| TopicFigures {
            tag,
            posts,
            posts_before: 0,
        })
        .collect();
    let named: Vec<String> = shown.iter().map(|t| t.tag.clone()).collect();
    let before: HashMap<String, i64> = store::topic_totals_of(
        db,
        network,
        place,
        &named,
        before.first_day,
        before.until_day,
    )
    .await?
    .into_iter()
    .collect();
    for topic in &mut shown {
        topic.posts_before = before.get(&topic.tag).copied().unwrap_or(0);
    }
    Ok(shown)
}

/// The period's newest announcements with how many of the people they were for have
/// seen them, day by day after publication. `members` says how many people a
/// community (`None`: the whole network) holds. Announcements for fewer than five
/// people are left out: their counts would be about people.
async fn announcements(
    db: &mut Conn,
    network: NetworkId,
    community: Option<i64>,
    period: Period,
    members: impl Fn(Option<i64>) -> i64,
    now: Millis,
) -> Result<Vec<AnnouncementFigures>, AppError> {
    let rows = store::announcements(
        db,
        network,
        community,
        start_of(period.first_day),
        start_of(period.until_day),
        ANNOUNCEMENTS_LISTED,
    )
    .await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let reads = store::announcement_reads(db, &ids).await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let audience = (members(row.community_id) - 1).max(0);
            if audience < SMALLEST_GROUP {
                return None;
            }
            // Only days that are over: "by the end of the day" is known once it ended.
            let elapsed = usize::try_from(day_of(now) - day_of(row.created_at)).unwrap_or(0);
            let mut read_by_day = vec![0; elapsed.min(READ_DAYS)];
            let mut read = 0;
            for seen in reads.iter().filter(|r| r.post_id == row.id) {
                read += seen.readers;
                for (after, by_then) in (0_i64..).zip(read_by_day.iter_mut()) {
                    if seen.after_days <= after {
                        *by_then += seen.readers;
                    }
                }
            }
            Some(AnnouncementFigures {
                post: PostId(row.id),
                community: row.community_id.map(CommunityId),
                published_at: row.created_at,
                excerpt: crate::notifications::excerpt_of(&row.body_markdown),
                audience,
                read_by_day: read_by_day.into_iter().map(|r| r.min(audience)).collect(),
                read: read.min(audience),
            })
        })
        .collect())
}

/// The first day not counted; before the scheduler's first run, today.
async fn counted_until(db: &mut Conn, network: NetworkId, now: Millis) -> Result<i64, AppError> {
    Ok(store::counted_until(db, network)
        .await?
        .unwrap_or_else(|| day_of(now)))
}

/// Every day of the period, zero where nothing was counted.
fn series(days: &[DayRow], period: Period) -> Vec<Day> {
    let by_day: HashMap<i64, &DayRow> = days.iter().map(|d| (d.day, d)).collect();
    (period.first_day..period.until_day)
        .map(|day| {
            let row = by_day.get(&day);
            let figure = |f: fn(&DayRow) -> i64| row.map_or(0, |r| f(r));
            Day {
                day,
                posts: figure(|r| r.posts),
                replies: figure(|r| r.replies),
                shares: figure(|r| r.shares),
                reactions: figure(|r| r.reactions),
                messages: figure(|r| r.messages),
                active_people: figure(|r| r.active_people),
            }
        })
        .collect()
}

fn span_figures(
    spans: &[store::SpanRow],
    period: Period,
    counted_until: i64,
) -> (Vec<SpanActive>, Vec<SpanActive>) {
    let mut weeks = Vec::new();
    let mut months = Vec::new();
    for span in spans {
        let (list, end) = match span.span.as_str() {
            "week" => (&mut weeks, span.first_day + 7),
            _ => (&mut months, calendar::next_month(span.first_day)),
        };
        if end <= period.first_day {
            continue;
        }
        list.push(SpanActive {
            first_day: span.first_day,
            active_people: span.active_people,
            partial: span.first_day < period.first_day
                || end > period.until_day
                || end > counted_until,
        });
    }
    (weeks, months)
}

/// Communities by activity, small ones together as "other", and those gone quiet.
/// `small_people` is how many different people the communities too small to show
/// alone have together.
fn rank(
    communities: &[CommunityFacts],
    now: &Activity,
    before: &Activity,
    small_people: i64,
) -> (Vec<CommunityFigures>, Vec<CommunityFigures>) {
    const LISTED: usize = 10;
    let mut shown = Vec::new();
    let mut other = CommunityFigures {
        community: None,
        name: None,
        activity: 0,
        activity_before: 0,
    };
    for community in communities {
        let activity = now.get(&community.id).copied().unwrap_or(0);
        let activity_before = before.get(&community.id).copied().unwrap_or(0);
        if community.members < SMALLEST_GROUP {
            other.activity += activity;
            other.activity_before += activity_before;
        } else {
            shown.push(CommunityFigures {
                community: Some(CommunityId(community.id)),
                name: Some(community.name.clone()),
                activity,
                activity_before,
            });
        }
    }
    let quiet: Vec<CommunityFigures> = shown
        .iter()
        .filter(|c| c.activity == 0 && c.activity_before > 0)
        .cloned()
        .collect();
    shown.retain(|c| c.activity > 0);
    shown.sort_by(|a, b| b.activity.cmp(&a.activity).then(a.name.cmp(&b.name)));
    shown.truncate(LISTED);
    if small_people >= SMALLEST_GROUP && (other.activity > 0 || other.activity_before > 0) {
        shown.push(other);
    }
    (shown, quiet)
}

/// Each community's posts, replies, shares and reactions over a period: the activity
/// a community's weight is measured in.
type Activity = HashMap<i64, i64>;

fn work_and_social(
    communities: &[CommunityFacts],
    now: &Activity,
    before: &Activity,
) -> WorkAndSocial {
    // A community too small to show alone is left out: a social team of two would
    // otherwise be the whole of "social".
    let social: HashMap<i64, bool> = communities
        .iter()
        .filter(|c| c.members >= SMALLEST_GROUP)
        .map(|c| (c.id, c.category == "social"))
        .collect();
    let mut split = WorkAndSocial::default();
    for (rows, is_before) in [(now, false), (before, true)] {
        for (community, &amount) in rows {
            let Some(is_social) = social.get(community).copied() else {
                continue;
            };
            match (is_social, is_before) {
                (false, false) => split.work += amount,
                (true, false) => split.social += amount,
                (false, true) => split.work_before += amount,
                (true, true) => split.social_before += amount,
            }
        }
    }
    split
}

fn questions(rows: Vec<QuestionRow>, now: Millis) -> Questions {
    let mut figures = Questions {
        asked: i64::try_from(rows.len()).unwrap_or(i64::MAX),
        ..Questions::default()
    };
    let mut waits: Vec<i64> = Vec::new();
    let mut unanswered: Vec<&QuestionRow> = Vec::new();
    for question in &rows {
        if question.best_answer_id.is_some() {
            figures.best_answered += 1;
        }
        match question.first_reply_at {
            Some(at) => {
                figures.answered += 1;
                waits.push((at - question.created_at).max(0) / 60_000);
            }
            None if question.created_at <= now - UNANSWERED_AFTER => unanswered.push(question),
            None => {}
        }
    }
    waits.sort_unstable();
    figures.median_minutes_to_first_reply = match waits.len() {
        0 => None,
        n if n % 2 == 1 => Some(waits[n / 2]),
        n => Some((waits[n / 2 - 1] + waits[n / 2]) / 2),
    };
    figures.unanswered_count = i64::try_from(unanswered.len()).unwrap_or(i64::MAX);
    unanswered.sort_by_key(|q| std::cmp::Reverse(q.created_at));
    figures.unanswered = unanswered
        .into_iter()
        .take(UNANSWERED_LISTED)
        .map(|q| Unanswered {
            post: PostId(q.id),
            community: q.community_id.map(CommunityId),
            asked_at: q.created_at,
            excerpt: crate::notifications::excerpt_of(&q.body_markdown),
        })
        .collect();
    figures
}

fn matrix(merging: &Merging, cells: impl Iterator<Item = (String, String, Exchange)>) -> Matrix {
    let mut merged: BTreeMap<(Shown, Shown), Exchange> = BTreeMap::new();
    for (from, to, exchange) in cells {
        if let (Some(from), Some(to)) = (merging.show(&from), merging.show(&to)) {
            *merged.entry((from, to)).or_default() += exchange;
        }
    }
    let mut groups: Vec<Shown> = merged
        .keys()
        .flat_map(|(from, to)| [from.clone(), to.clone()])
        .collect();
    groups.sort();
    groups.dedup();
    let index: HashMap<&Shown, usize> = groups.iter().enumerate().map(|(i, g)| (g, i)).collect();
    let mut grid = vec![vec![Exchange::default(); groups.len()]; groups.len()];
    for ((from, to), exchange) in &merged {
        grid[index[from]][index[to]] = *exchange;
    }
    Matrix {
        groups,
        cells: grid,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_the_last_counted_days_or_a_checked_range() {
        let today = calendar::parse_iso("2026-12-06").unwrap();
        let week = period(&PeriodChoice::Last(7), today).unwrap();
        assert_eq!(calendar::iso(week.first_day), "2026-11-29");
        assert_eq!(calendar::iso(week.last_day()), "2026-12-05");
        assert_eq!(calendar::iso(week.before().first_day), "2026-11-22");
        let november = period(
            &PeriodChoice::Between("2026-11-01".into(), "2026-11-30".into()),
            today,
        )
        .unwrap();
        assert_eq!(november.days(), 30);
        for bad in [
            PeriodChoice::Last(0),
            PeriodChoice::Last(MAX_DAYS + 1),
            PeriodChoice::Between("2026-11-30".into(), "2026-11-01".into()),
            PeriodChoice::Between("soon".into(), "2026-11-01".into()),
            PeriodChoice::Between("2024-01-01".into(), "2026-11-01".into()),
        ] {
            assert!(period(&bad, today).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn the_median_wait_and_the_unanswered_questions_come_from_the_replies() {
        let now = 100 * DAY_MILLIS;
        let asked = |id, at, first_reply_at| QuestionRow {
            id,
            community_id: None,
            created_at: at,
            best_answer_id: None,
            first_reply_at,
            body_markdown: format!("Question {id}?"),
        };
        let figures = questions(
            vec![
                asked(
                    1,
                    now - 10 * DAY_MILLIS,
                    Some(now - 10 * DAY_MILLIS + 60_000),
                ),
                asked(
                    2,
                    now - 10 * DAY_MILLIS,
                    Some(now - 10 * DAY_MILLIS + 180_000),
                ),
                asked(3, now - 3 * DAY_MILLIS, None),
                asked(4, now - DAY_MILLIS, None),
            ],
            now,
        );
        assert_eq!((figures.asked, figures.answered), (4, 2));
        assert_eq!(figures.median_minutes_to_first_reply, Some(2));
        assert_eq!(figures.unanswered_count, 1);
        assert_eq!(figures.unanswered[0].post, PostId(3));
    }

    #[test]
    fn small_communities_are_ranked_together_and_quiet_ones_named() {
        let facts = |id, members| CommunityFacts {
            id,
            name: format!("C{id}"),
            category: "work".into(),
            members,
        };
        let did = |pairs: &[(i64, i64)]| pairs.iter().copied().collect::<Activity>();
        let communities = [facts(1, 40), facts(2, 3), facts(3, 2), facts(4, 9)];
        let (ranked, quiet) = rank(
            &communities,
            &did(&[(1, 10), (2, 4), (3, 1)]),
            &did(&[(4, 6)]),
            5,
        );
        assert_eq!(ranked.len(), 2);
        assert_eq!(ranked[0].name.as_deref(), Some("C1"));
        assert_eq!((ranked[1].name.clone(), ranked[1].activity), (None, 5));
        assert_eq!(quiet.len(), 1);
        assert_eq!(quiet[0].name.as_deref(), Some("C4"));
        // The same five memberships held by four people: "other" is not shown.
        let (ranked, _) = rank(&communities, &did(&[(1, 10), (2, 4), (3, 1)]), &did(&[]), 4);
        assert_eq!(ranked.len(), 1);
        assert_eq!(ranked[0].name.as_deref(), Some("C1"));
    }
}
