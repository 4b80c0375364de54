//! Twelve weeks of everyday activity before the hand-written conversations, so the
//! analytics dashboards have a history to show: on each working day a handful of
//! short posts, questions (most answered, a few marked with a best answer, some left
//! waiting), replies and reactions across departments, now and then a share, and
//! messages in a few group chats; every third week an announcement to the whole
//! company by the network administrator. Engineering and Operations try Hearth
//! first, the other departments join week by week, so early weeks are quieter.
//!
//! [`plan`] (in `planner`) decides who says what, and when, from a fixed
//! pseudo-random sequence: the same seeding moment always gives the same history.
//! The seeder then acts as each person, through the same use cases as the
//! hand-written conversations. The words are in `texts`.

mod planner;
mod texts;

use super::company::{PEOPLE, ago};
use super::{Seeder, dedent, handles};
use anyhow::Context;
use hearth_app::analytics::calendar::day_of;
use hearth_app::domain::{ConversationId, MessageId, Millis, PostId, PostKind};
use hearth_app::posts::{self, NewPost};
use hearth_app::{chat, feeds, notifications};
use planner::plan;
use std::collections::HashMap;
use std::sync::atomic::Ordering;
use texts::CHATS;

/// How many weeks of history come before the hand-written conversations.
pub const WEEKS: i64 = 12;
/// Minutes before seeding when the history stops: the hand-written conversations
/// begin a little later.
pub const UNTIL: i64 = ago(14, 0);
const MINUTE: Millis = 60_000;

/// One thing someone does in the history. Other acts refer to a post by the number
/// of the act that wrote it.
#[derive(Debug, Clone, Copy)]
pub enum Act {
    /// A top-level post: in a community, or to the whole company (`None`).
    Post {
        place: Option<&'static str>,
        kind: PostKind,
        author: &'static str,
        text: &'static str,
    },
    Reply {
        to: usize,
        author: &'static str,
        text: &'static str,
    },
    React {
        to: usize,
        kind: &'static str,
        person: &'static str,
    },
    BestAnswer {
        question: usize,
        answer: usize,
        asker: &'static str,
    },
    /// Shares a post with the whole company.
    Share {
        of: usize,
        author: &'static str,
        comment: &'static str,
    },
    /// Starts one of the group chats of `texts::CHATS`.
    OpenChat { chat: usize, by: &'static str },
    Message {
        chat: usize,
        author: &'static str,
        text: &'static str,
    },
}

impl Act {
    /// Who acts.
    pub fn person(&self) -> &'static str {
        match *self {
            Self::Post { author, .. }
            | Self::Reply { author, .. }
            | Self::Share { author, .. }
            | Self::Message { author, .. } => author,
            Self::React { person, .. } => person,
            Self::BestAnswer { asker, .. } => asker,
            Self::OpenChat { by, .. } => by,
        }
    }
}

/// An act at its moment; `number` is how other acts refer to it.
#[derive(Debug, Clone, Copy)]
pub struct Planned {
    pub at: Millis,
    pub number: usize,
    pub act: Act,
}

fn post_of(written: &HashMap<usize, PostId>, number: usize) -> anyhow::Result<PostId> {
    written
        .get(&number)
        .copied()
        .with_context(|| format!("act {number} wrote no post"))
}

impl Seeder {
    /// Seeds the history, each act at its moment.
    pub(super) async fn history(&mut self) -> anyhow::Result<()> {
        let mut written: HashMap<usize, PostId> = HashMap::new();
        let mut chats: HashMap<usize, (ConversationId, Option<MessageId>)> = HashMap::new();
        let mut today = None;
        let mut announced = Vec::new();
        for planned in plan(self.start) {
            // Notifications are written a moment after their post, with the clock's
            // time then: told before the day changes, they keep their post's day, and
            // the posts of a day are told about together rather than one by one.
            if today != Some(day_of(planned.at)) {
                self.app.settled().await;
                today = Some(day_of(planned.at));
            }
            self.time.store(planned.at, Ordering::SeqCst);
            self.act(planned, &mut written, &mut chats)
                .await
                .with_context(|| format!("the demo history's {:?}", planned.act))?;
            if let Act::Post {
                kind: PostKind::Announcement,
                ..
            } = planned.act
            {
                announced.push((planned.at, post_of(&written, planned.number)?));
            }
        }
        self.app.settled().await;
        self.announcements_seen(&announced, self.start - UNTIL * MINUTE)
            .await?;
        self.time
            .store(self.start - UNTIL * MINUTE, Ordering::SeqCst);
        self.caught_up(&chats).await?;
        Ok(())
    }

    /// Everyone opens each announcement, some the same morning, most within its
    /// week, a few later or never, so the dashboards have read counts to show.
    /// Seeing is not acting: it stays out of the plan and its activity.
    async fn announcements_seen(
        &self,
        announced: &[(Millis, PostId)],
        until: Millis,
    ) -> anyhow::Result<()> {
        const DAY: Millis = 24 * 60 * MINUTE;
        for (n, &(at, post)) in announced.iter().enumerate() {
            for (i, person) in PEOPLE.iter().enumerate() {
                let roll = i64::try_from((n * 7 + i * 13) % 20).unwrap_or(0);
                let after = match roll {
                    0..=9 => 30 * MINUTE + roll * 40 * MINUTE,
                    10..=15 => (roll - 9) * DAY,
                    16 | 17 => (roll - 6) * DAY,
                    _ => continue,
                };
                if at + after >= until {
                    continue;
                }
                self.time.store(at + after, Ordering::SeqCst);
                feeds::get(&self.app, &self.actor(person.handle)?, post).await?;
            }
        }
        self.app.write_touches().await?;
        Ok(())
    }

    /// By the end of twelve weeks everyone has read what the history told them and
    /// their group chats: only the hand-written conversations are left unread.
    async fn caught_up(
        &self,
        chats: &HashMap<usize, (ConversationId, Option<MessageId>)>,
    ) -> anyhow::Result<()> {
        for person in PEOPLE {
            notifications::mark_all_read(&self.app, &self.actor(person.handle)?).await?;
        }
        for (&chat, &(id, last)) in chats {
            let Some(last) = last else { continue };
            for handle in handles(CHATS[chat].members) {
                chat::mark_read(&self.app, &self.actor(handle)?, id, last).await?;
            }
        }
        Ok(())
    }

    async fn act(
        &mut self,
        planned: Planned,
        written: &mut HashMap<usize, PostId>,
        chats: &mut HashMap<usize, (ConversationId, Option<MessageId>)>,
    ) -> anyhow::Result<()> {
        let app = &self.app.clone();
        let post = |number: usize| {
            written
                .get(&number)
                .copied()
                .with_context(|| format!("act {number} wrote no post (yet)"))
        };
        let actor = self.actor(planned.act.person())?;
        match planned.act {
            Act::Post {
                place, kind, text, ..
            } => {
                let input = NewPost {
                    community_id: self.community(place)?,
                    kind: Some(kind.as_str().to_owned()),
                    body: dedent(text),
                    shared_post_id: None,
                    attachments: Vec::new(),
                    poll: None,
                    praise: None,
                };
                let post = posts::create(app, &actor, &input).await?;
                written.insert(planned.number, post.id);
                self.summary.posts += 1;
            }
            Act::Reply { to, text, .. } => {
                let reply = posts::reply(app, &actor, post(to)?, text).await?;
                written.insert(planned.number, reply.id);
                self.summary.replies += 1;
            }
            Act::React { to, kind, .. } => {
                posts::react(app, &actor, post(to)?, kind, true).await?;
                self.summary.reactions += 1;
            }
            Act::BestAnswer {
                question, answer, ..
            } => {
                posts::mark_best_answer(app, &actor, post(question)?, Some(post(answer)?)).await?;
            }
            Act::Share { of, comment, .. } => {
                let input = NewPost {
                    community_id: None,
                    kind: None,
                    body: comment.to_owned(),
                    shared_post_id: Some(post(of)?),
                    attachments: Vec::new(),
                    poll: None,
                    praise: None,
                };
                let share = posts::create(app, &actor, &input).await?;
                written.insert(planned.number, share.id);
                self.summary.posts += 1;
            }
            Act::OpenChat { chat, by } => {
                let spec = &CHATS[chat];
                let member_ids = handles(spec.members)
                    .filter(|handle| *handle != by)
                    .map(|handle| self.user(handle).map(|u| u.id))
                    .collect::<anyhow::Result<Vec<_>>>()?;
                let group = chat::NewGroup {
                    title: spec.title.to_owned(),
                    member_ids,
                };
                let opened = chat::create_group(app, &actor, &group).await?;
                chats.insert(chat, (opened.conversation.id, None));
            }
            Act::Message { chat, text, .. } => {
                let (id, last) = chats
                    .get_mut(&chat)
                    .with_context(|| format!("the chat {:?} is not open", CHATS[chat].title))?;
                *last = Some(chat::send(app, &actor, *id, text).await?.message.id);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::planner::{JOINED, locals, members, names_the_city_of};
    use super::texts::{ANNOUNCEMENTS, PLACES, QUESTIONS, SHARE_COMMENTS, THANKS};
    use super::*;
    use crate::demo::company::{ACCOUNTS_OPENED, COMMUNITIES, PEOPLE_FOLLOWED};
    use hearth_app::analytics::calendar::DAY_MILLIS;
    use std::collections::BTreeSet;

    /// Seeding moments a day and five hours apart, from a Wednesday afternoon: every
    /// weekday, at all hours.
    fn plans() -> impl Iterator<Item = (Millis, Vec<Planned>)> {
        (0..8).map(|n| {
            let start = 1_781_100_000_000 + n * (DAY_MILLIS + 5 * 3_600_000);
            (start, plan(start))
        })
    }

    #[test]
    fn the_history_runs_forward_between_the_follows_and_the_hand_written_threads() {
        for (start, acts) in plans() {
            assert!(acts.windows(2).all(|pair| pair[0].at <= pair[1].at));
            let first = acts.first().unwrap().at;
            let last = acts.last().unwrap().at;
            assert!(
                first > start - PEOPLE_FOLLOWED * MINUTE,
                "after the follows"
            );
            assert!(first > start - ACCOUNTS_OPENED * MINUTE);
            assert!(
                last < start - UNTIL * MINUTE,
                "before the hand-written threads"
            );
            let weeks: BTreeSet<i64> = acts.iter().map(|a| day_of(a.at).div_euclid(7)).collect();
            assert!(weeks.len() >= 12, "{} weeks", weeks.len());
        }
    }

    #[test]
    fn an_act_only_refers_to_posts_written_before_it() {
        for (_, acts) in plans() {
            let mut written = BTreeSet::new();
            let mut opened = BTreeSet::new();
            for planned in &acts {
                let refers = match planned.act {
                    Act::Reply { to, .. } | Act::React { to, .. } => vec![to],
                    Act::BestAnswer {
                        question, answer, ..
                    } => vec![question, answer],
                    Act::Share { of, .. } => vec![of],
                    Act::Message { chat, .. } => {
                        assert!(opened.contains(&chat), "chat {chat} opened first");
                        vec![]
                    }
                    Act::OpenChat { chat, .. } => {
                        opened.insert(chat);
                        vec![]
                    }
                    Act::Post { .. } => vec![],
                };
                for number in refers {
                    assert!(written.contains(&number), "{planned:?}");
                }
                written.insert(planned.number);
            }
        }
    }

    #[test]
    fn people_write_only_where_they_belong_and_never_react_to_themselves() {
        for (_, acts) in plans() {
            let by_number: HashMap<usize, &Planned> = acts.iter().map(|a| (a.number, a)).collect();
            // Where each post lives, following replies up to their thread.
            let place_of = |mut number: usize| loop {
                match by_number[&number].act {
                    Act::Post { place, .. } => return place,
                    Act::Share { .. } => return None,
                    Act::Reply { to, .. } => number = to,
                    _ => unreachable!(),
                }
            };
            for planned in &acts {
                let person = planned.act.person();
                assert!(PEOPLE.iter().any(|p| p.handle == person), "@{person}");
                match planned.act {
                    Act::Post { place, author, .. } => {
                        assert!(members(place).contains(&author), "{planned:?}");
                    }
                    Act::Reply { to, author, .. } => {
                        assert!(members(place_of(to)).contains(&author), "{planned:?}");
                    }
                    Act::React { to, person, .. } => {
                        assert_ne!(by_number[&to].act.person(), person, "{planned:?}");
                    }
                    Act::Message { chat, author, .. } => {
                        assert!(handles(CHATS[chat].members).any(|h| h == author));
                    }
                    _ => {}
                }
            }
        }
    }

    #[test]
    fn more_people_take_part_week_by_week_and_every_day_stays_a_handful() {
        for (start, acts) in plans() {
            let until = start - UNTIL * MINUTE;
            // The different people of the history's weeks `from` up to `to` (not
            // included), counted back from its end.
            let people_in = |from: i64, to: i64| {
                acts.iter()
                    .filter(|a| (from..to).contains(&((until - a.at) / (7 * DAY_MILLIS))))
                    .map(|a| a.act.person())
                    .collect::<BTreeSet<_>>()
                    .len()
            };
            let (first, last) = (people_in(WEEKS - 3, WEEKS + 1), people_in(0, 3));
            assert!(first + 10 <= last, "{first} people first, {last} last");
            assert!(last >= 35, "{last} people in the last three weeks");
            let mut per_day: HashMap<i64, usize> = HashMap::new();
            for planned in &acts {
                *per_day.entry(day_of(planned.at)).or_default() += 1;
            }
            let busiest = per_day.values().max().copied().unwrap_or(0);
            assert!(busiest <= 40, "{busiest} acts on the busiest day");
            // Seeding time: each act is a use case's transaction or two.
            assert!(acts.len() <= 600, "{} acts in all", acts.len());
        }
    }

    #[test]
    fn questions_are_answered_mostly_some_with_a_best_answer() {
        for (_, acts) in plans() {
            let asked: Vec<usize> = acts
                .iter()
                .filter(|a| {
                    matches!(
                        a.act,
                        Act::Post {
                            kind: PostKind::Question,
                            ..
                        }
                    )
                })
                .map(|a| a.number)
                .collect();
            let answered = asked
                .iter()
                .filter(|q| {
                    acts.iter()
                        .any(|a| matches!(a.act, Act::Reply { to, .. } if to == **q))
                })
                .count();
            let best = acts
                .iter()
                .filter(|a| matches!(a.act, Act::BestAnswer { .. }))
                .count();
            assert!(asked.len() >= 25, "{} questions", asked.len());
            assert!(
                answered * 10 >= asked.len() * 8,
                "{answered} of {} answered",
                asked.len()
            );
            assert!(answered < asked.len(), "a few wait for an answer");
            assert!(best > 0 && best < answered);
        }
    }

    #[test]
    fn the_texts_name_only_the_demos_people_and_communities() {
        let known = |handle: &str| PEOPLE.iter().any(|p| p.handle == handle);
        let communities = PLACES
            .iter()
            .map(|p| p.community)
            .chain(QUESTIONS.iter().map(|q| q.community));
        for community in communities.flatten() {
            assert!(
                COMMUNITIES.iter().any(|c| c.name == community),
                "{community:?}"
            );
        }
        for question in QUESTIONS {
            for answerer in handles(question.answerers) {
                assert!(
                    members(question.community).contains(&answerer),
                    "@{answerer} answers in {:?}",
                    question.community
                );
            }
        }
        for chat in CHATS {
            assert!(handles(chat.members).all(known), "{}", chat.title);
        }
        let texts = PLACES
            .iter()
            .flat_map(|p| p.posts.iter().chain(p.replies))
            .chain(
                QUESTIONS
                    .iter()
                    .flat_map(|q| std::iter::once(&q.ask).chain(q.answers)),
            )
            .chain(ANNOUNCEMENTS)
            .chain(SHARE_COMMENTS)
            .chain(THANKS);
        for text in texts {
            for mention in hearth_app::domain::markdown::extract(text).mentions {
                assert!(known(&mention), "@{mention} in {text:?}");
            }
        }
        for (handle, _) in JOINED {
            assert!(known(handle));
        }
    }

    #[test]
    fn a_post_about_an_office_is_written_by_someone_who_works_there() {
        assert!(names_the_city_of("Cake in the Lisbon kitchen", "ana_lima"));
        assert!(!names_the_city_of(
            "Cake in the Lisbon kitchen",
            "lukas_becker"
        ));
        assert_eq!(
            locals(
                &["ana_lima", "lukas_becker"],
                "Fire drill in the Berlin office"
            ),
            ["lukas_becker"]
        );
        assert_eq!(locals(&["ana_lima"], "Fire drill in Oslo"), ["ana_lima"]);
    }
}
