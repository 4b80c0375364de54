//! Analytics dashboards: counts of a period against the period before, never what
//! one person did. Days are UTC days written `YYYY-MM-DD`.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Days from `first_day` to `last_day`, both included.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AnalyticsPeriodView {
    pub first_day: String,
    pub last_day: String,
    pub days: i64,
}

/// A period's totals.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AnalyticsTotalsView {
    /// Top-level posts, questions included.
    pub posts: i64,
    pub replies: i64,
    pub shares: i64,
    pub questions: i64,
    pub reactions: i64,
    /// Chat messages; 0 on a community's dashboard.
    pub messages: i64,
    /// The different people who posted, replied, shared, reacted or wrote a message
    /// on a day, on average over the period's days.
    pub active_per_day: f64,
    /// Threads with a reply on a day, summed over the period's days.
    pub threads: i64,
    /// Of those, the ones whose people that day (who replied, and who started the
    /// thread) came from more than one department.
    pub threads_across_departments: i64,
    /// Accounts created; 0 on a community's dashboard.
    pub new_accounts: i64,
    /// Accounts signed in to for the first time; 0 on a community's dashboard.
    pub first_sign_ins: i64,
    /// People who wrote a post, reply or share for the first time; 0 on a
    /// community's dashboard.
    pub first_writers: i64,
}

/// Since launch, by the end of a week (from Monday): everyone who had an account,
/// had signed in, and had written a post, reply or share.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AdoptionWeekView {
    pub first_day: String,
    pub accounts: i64,
    pub signed_in: i64,
    pub wrote: i64,
}

/// A #topic's posts and replies; only topics at least five people wrote about in
/// the period are named.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct TopicActivityView {
    pub tag: String,
    pub posts: i64,
    pub posts_before: i64,
}

/// How many of the people an announcement was for have seen it (in a feed, on its
/// page or through the API). Counts only: who saw it is never shown.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AnnouncementReadsView {
    pub post_id: String,
    pub community_id: Option<String>,
    pub published_at: String,
    pub excerpt: String,
    /// The community's members, or everyone with an account, but its author.
    pub audience: i64,
    /// Who had seen it by the end of the day it was published (`[0]`) and of each
    /// day after (UTC days), up to a week; only days that are over, so shorter while
    /// the week is not.
    pub read_by_day: Vec<i64>,
    pub read: i64,
}

/// One day.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AnalyticsDayView {
    pub day: String,
    pub posts: i64,
    pub replies: i64,
    pub shares: i64,
    pub reactions: i64,
    pub messages: i64,
    pub active_people: i64,
}

/// The different people active in a week (from Monday) or a calendar month.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ActiveSpanView {
    pub first_day: String,
    pub active_people: i64,
    /// The span began before the period, ends after it, or is not over yet.
    pub partial: bool,
}

/// A community's activity (posts, replies, shares and reactions). Communities of
/// fewer than five members are summed as one entry whose `community_id` and `name`
/// are `null`.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CommunityActivityView {
    pub community_id: Option<String>,
    pub name: Option<String>,
    pub activity: i64,
    pub activity_before: i64,
}

/// Activity in work and in social communities, in the period and the one before.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct WorkAndSocialView {
    pub work: i64,
    pub social: i64,
    pub work_before: i64,
    pub social_before: i64,
}

/// A question nobody but its author has replied to for more than two days.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct UnansweredQuestionView {
    pub post_id: String,
    pub community_id: Option<String>,
    pub asked_at: String,
    pub excerpt: String,
}

/// The period's questions.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct QuestionsView {
    pub asked: i64,
    /// With a reply from someone other than who asked.
    pub answered: i64,
    pub with_best_answer: i64,
    pub median_minutes_to_first_reply: Option<i64>,
    pub unanswered: i64,
    /// The newest twenty unanswered ones.
    pub unanswered_latest: Vec<UnansweredQuestionView>,
}

/// A department or location; `other` sums the groups of fewer than five people,
/// and is left out when even together they are fewer than five.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct GroupView {
    pub name: Option<String>,
    pub other: bool,
}

/// Who answers whom: `replies[i][j]` are replies from people of `groups[i]` to posts
/// of people of `groups[j]`, `reactions` likewise.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ExchangeMatrixView {
    pub groups: Vec<GroupView>,
    pub replies: Vec<Vec<i64>>,
    pub reactions: Vec<Vec<i64>>,
}

/// Whether the caller gets the weekly "network health" e-mail.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct HealthEmailView {
    pub enabled: bool,
}

/// A dashboard of the network or of one community.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AnalyticsDashboardView {
    /// `network` or `community`.
    pub scope: String,
    pub community_id: Option<String>,
    pub period: AnalyticsPeriodView,
    pub period_before: AnalyticsPeriodView,
    /// The first day not counted yet: the figures end the day before.
    pub counted_until: String,
    /// Active accounts of the network, or members of the community, now.
    pub people: i64,
    pub totals: AnalyticsTotalsView,
    pub totals_before: AnalyticsTotalsView,
    pub days: Vec<AnalyticsDayView>,
    pub weeks: Vec<ActiveSpanView>,
    pub months: Vec<ActiveSpanView>,
    /// Network dashboards only.
    pub work_and_social: Option<WorkAndSocialView>,
    /// The ten most active communities, then the small ones together.
    pub communities: Vec<CommunityActivityView>,
    /// Active in the period before and silent in this one.
    pub quiet_communities: Vec<CommunityActivityView>,
    pub questions: QuestionsView,
    pub departments: ExchangeMatrixView,
    pub locations: ExchangeMatrixView,
    /// Since launch, week by week, up to the period's end; network dashboards only.
    pub adoption: Vec<AdoptionWeekView>,
    /// The period's ten busiest topics.
    pub topics: Vec<TopicActivityView>,
    /// The period's newest twenty announcements, with how many have seen them.
    pub announcements: Vec<AnnouncementReadsView>,
}
