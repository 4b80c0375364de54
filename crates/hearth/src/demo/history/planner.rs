//! How the history's days are filled: who is using Hearth by then, what they post
//! where, who answers and reacts, all drawn from a fixed pseudo-random sequence.

use super::texts::{ANNOUNCEMENTS, CHATS, PLACES, Place, QUESTIONS, SHARE_COMMENTS, THANKS};
use super::{Act, MINUTE, Planned, UNTIL, WEEKS};
use crate::demo::company::{COMMUNITIES, PEOPLE, Person};
use crate::demo::handles;
use hearth_app::analytics::calendar::{DAY_MILLIS, day_of, start_of};
use hearth_app::domain::{Millis, PostKind};
use std::collections::HashMap;

/// The departments that try Hearth first; everyone else joins in a later week.
const PILOT: &[&str] = &["Engineering", "Operations"];
/// People who joined the company during the history, with how many days before
/// seeding they started.
pub(super) const JOINED: &[(&str, i64)] = &[("mateo_garcia", 26)];
/// Who announces to the whole company: the network administrator.
const ANNOUNCER: &str = "ana_lima";
/// One question in so many waits for an answer, for the dashboards to list.
const UNANSWERED_EVERY: usize = 8;

/// A fixed pseudo-random sequence (Knuth's MMIX linear congruential generator), so
/// that every demo has the same history without a random-number crate's help.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    /// A number from 0 up to `n`, not included (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        usize::try_from(self.next() % n as u64).unwrap_or(0)
    }

    /// From `low` to `high`, both included.
    fn between(&mut self, low: i64, high: i64) -> i64 {
        let span = usize::try_from(high - low + 1).unwrap_or(1);
        low + i64::try_from(self.below(span)).unwrap_or(0)
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// The local hour offset from UTC, near enough for picking working hours.
fn utc_offset(person: &Person) -> i64 {
    match person.time_zone {
        zone if zone.starts_with("America/") => -5,
        "Europe/London" | "Europe/Lisbon" => 0,
        _ => 1,
    }
}

/// The history's week in which a person starts using Hearth.
fn adopts_in(index: usize, person: &Person) -> i64 {
    if PILOT.contains(&person.department) {
        0
    } else {
        1 + i64::try_from(index * 5 % 8).unwrap_or(0)
    }
}

/// Whether a text names the city a person works in, such as "the Lisbon office".
pub(super) fn names_the_city_of(text: &str, handle: &str) -> bool {
    PEOPLE
        .iter()
        .find(|p| p.handle == handle)
        .and_then(|p| p.location.split_whitespace().next())
        .is_some_and(|city| text.contains(city))
}

/// Those of `people` who work where `text` is about; all of them when it names no
/// city of theirs.
pub(super) fn locals(people: &[&'static str], text: &str) -> Vec<&'static str> {
    let here: Vec<&'static str> = people
        .iter()
        .copied()
        .filter(|h| names_the_city_of(text, h))
        .collect();
    if here.is_empty() {
        people.to_vec()
    } else {
        here
    }
}

/// Everyone who may post in a place: a community's owner and members, or everyone.
pub(super) fn members(place: Option<&str>) -> Vec<&'static str> {
    match place {
        None => PEOPLE.iter().map(|p| p.handle).collect(),
        Some(name) => COMMUNITIES
            .iter()
            .filter(|c| c.name == name)
            .flat_map(|c| std::iter::once(c.owner).chain(handles(c.members)))
            .collect(),
    }
}

/// Which texts of a kind have been used, so each comes round again only after the
/// others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Pool {
    Posts(usize),
    Replies(usize),
    Questions,
    Thanks,
    Shares,
    Exchanges(usize),
}

struct Planner {
    dice: Dice,
    acts: Vec<Planned>,
    /// The next text of each pool.
    cursors: HashMap<Pool, usize>,
    /// People using Hearth on the day being planned.
    active: Vec<&'static str>,
    /// Questions asked so far.
    asked: usize,
    /// Posts of the last days that others may share: number, author, time.
    shareable: Vec<(usize, &'static str, Millis)>,
    opened: Vec<bool>,
}

impl Planner {
    fn push(&mut self, at: Millis, act: Act) -> usize {
        let number = self.acts.len();
        self.acts.push(Planned { at, number, act });
        number
    }

    /// The next text of a pool, starting somewhere in it.
    fn deal<T>(&mut self, pool: Pool, texts: &'static [T]) -> Option<&'static T> {
        let len = texts.len();
        if len == 0 {
            return None;
        }
        let start = self.dice.below(len);
        let cursor = self.cursors.entry(pool).or_insert(start);
        let text = &texts[*cursor % len];
        *cursor += 1;
        Some(text)
    }

    /// Up to `count` different active people of `among`, none of them in `except`.
    fn some_of(
        &mut self,
        among: &[&'static str],
        count: usize,
        except: &[&str],
    ) -> Vec<&'static str> {
        let mut candidates: Vec<&'static str> = among
            .iter()
            .copied()
            .filter(|h| self.active.contains(h) && !except.contains(h))
            .collect();
        let mut chosen = Vec::new();
        while chosen.len() < count && !candidates.is_empty() {
            let pick = self.dice.below(candidates.len());
            chosen.push(candidates.swap_remove(pick));
        }
        chosen
    }

    fn one_of(&mut self, among: &[&'static str], except: &[&str]) -> Option<&'static str> {
        self.some_of(among, 1, except).pop()
    }

    /// Someone of `among` not in `except`, active or not: who is asked for help
    /// answers, even before they otherwise use Hearth.
    fn anyone_of(&mut self, among: &[&'static str], except: &[&str]) -> Option<&'static str> {
        let candidates: Vec<&'static str> = among
            .iter()
            .copied()
            .filter(|h| !except.contains(h))
            .collect();
        candidates.get(self.dice.below(candidates.len())).copied()
    }

    /// A moment in a person's working hours on `day`.
    fn working_time(&mut self, day: i64, handle: &str) -> Millis {
        let offset = PEOPLE
            .iter()
            .find(|p| p.handle == handle)
            .map_or(0, utc_offset);
        let minutes = (self.dice.between(8, 17) - offset) * 60 + self.dice.between(0, 59);
        start_of(day) + minutes * MINUTE
    }

    fn reaction(&mut self, place: Option<&str>) -> &'static str {
        let social = COMMUNITIES
            .iter()
            .any(|c| Some(c.name) == place && c.category == "social");
        let roll = self.dice.below(100);
        match place {
            Some("Sales wins") if roll < 70 => "celebrate",
            _ if social && roll < 25 => "funny",
            _ if !social && roll < 20 => "insightful",
            _ if roll < 35 => "celebrate",
            _ => "like",
        }
    }

    /// Reactions to post `to`, a few minutes to a few hours after `at`.
    fn react(&mut self, to: usize, at: Millis, place: Option<&str>, people: &[&'static str]) {
        for &person in people {
            let kind = self.reaction(place);
            self.react_as(to, at, kind, person);
        }
    }

    fn react_as(&mut self, to: usize, at: Millis, kind: &'static str, person: &'static str) {
        let when = at + self.dice.between(3, 240) * MINUTE;
        self.push(when, Act::React { to, kind, person });
    }

    /// A discussion post with its replies and reactions.
    fn discussion(&mut self, day: i64, place_index: usize) {
        let place: &Place = &PLACES[place_index];
        let members = members(place.community);
        let Some(&text) = self.deal(Pool::Posts(place_index), place.posts) else {
            return;
        };
        let Some(author) = self
            .one_of(&locals(&members, text), &[])
            .or_else(|| self.one_of(&members, &[]))
        else {
            return;
        };
        let at = self.working_time(day, author);
        let post = self.push(
            at,
            Act::Post {
                place: place.community,
                kind: PostKind::Discussion,
                author,
                text,
            },
        );
        if place.community.is_some_and(|name| name != "Security") {
            self.shareable.push((post, author, at));
        }
        let fans = self.dice.below(1 + self.active.len() / 25);
        let reactors = self.some_of(&members, fans, &[author]);
        self.react(post, at, place.community, &reactors);
        let repliers = self.dice.below(3);
        let mut last = (post, at, author);
        for replier in self.some_of(&members, repliers, &[author]) {
            let Some(&text) = self.deal(Pool::Replies(place_index), place.replies) else {
                break;
            };
            // Now and then a reply answers the reply before it.
            let to = if last.0 != post && self.dice.chance(30) {
                last.0
            } else {
                post
            };
            let when = last.1 + self.dice.between(8, 180) * MINUTE;
            let reply = self.push(
                when,
                Act::Reply {
                    to,
                    author: replier,
                    text,
                },
            );
            if self.dice.chance(15) {
                let fans = self.some_of(&members, 1, &[replier]);
                self.react(reply, when, place.community, &fans);
            }
            last = (reply, when, replier);
        }
    }

    /// A question; most are answered, some get a best answer, a few wait.
    fn question(&mut self, day: i64) {
        let Some(question) = self.deal(Pool::Questions, QUESTIONS) else {
            return;
        };
        let members = members(question.community);
        let knowing: Vec<&'static str> = handles(question.answerers)
            .filter(|h| members.contains(h))
            .collect();
        let Some(asker) = self
            .one_of(&locals(&members, question.ask), &knowing)
            .or_else(|| self.one_of(&members, &knowing))
            .or_else(|| self.one_of(&members, &[]))
        else {
            return;
        };
        let at = self.working_time(day, asker);
        let asked = self.push(
            at,
            Act::Post {
                place: question.community,
                kind: PostKind::Question,
                author: asker,
                text: question.ask,
            },
        );
        // Now and then a "me too", as a like, while it waits.
        let me_too = self.dice.below(2);
        for fan in self.some_of(&members, me_too, &[asker]) {
            self.react_as(asked, at, "like", fan);
        }
        self.asked += 1;
        if self.asked.is_multiple_of(UNANSWERED_EVERY) {
            return;
        }
        let Some(answerer) = self
            .one_of(&knowing, &[asker])
            .or_else(|| self.one_of(&members, &[asker]))
            .or_else(|| self.anyone_of(&knowing, &[asker]))
        else {
            return;
        };
        let Some(first) = question.answers.first() else {
            return;
        };
        let answered = at + self.dice.between(6, 150) * MINUTE;
        let answer = self.push(
            answered,
            Act::Reply {
                to: asked,
                author: answerer,
                text: first,
            },
        );
        if let Some(second) = question.answers.get(1)
            && self.dice.chance(60)
            && let Some(other) = self.one_of(&members, &[asker, answerer])
        {
            let when = answered + self.dice.between(5, 90) * MINUTE;
            let reply = Act::Reply {
                to: asked,
                author: other,
                text: second,
            };
            self.push(when, reply);
        }
        let thanked = answered + self.dice.between(5, 60) * MINUTE;
        if self.dice.chance(65)
            && let Some(&text) = self.deal(Pool::Thanks, THANKS)
        {
            let thanks = Act::Reply {
                to: answer,
                author: asker,
                text,
            };
            self.push(thanked, thanks);
        }
        if self.dice.chance(60) {
            let kind = if self.dice.chance(50) {
                "like"
            } else {
                "insightful"
            };
            self.react_as(answer, answered, kind, asker);
        }
        if self.dice.chance(55) {
            let best = Act::BestAnswer {
                question: asked,
                answer,
                asker,
            };
            self.push(thanked + MINUTE, best);
        }
    }

    /// The network admin's announcement to the whole company, early in the morning.
    fn announcement(&mut self, day: i64, text: &'static str) {
        let at = start_of(day) + 7 * 60 * MINUTE;
        let post = self.push(
            at,
            Act::Post {
                place: None,
                kind: PostKind::Announcement,
                author: ANNOUNCER,
                text,
            },
        );
        let everyone = members(None);
        let fans = self.active.len() / 8;
        let reactors = self.some_of(&everyone, fans, &[ANNOUNCER]);
        self.react(post, at, None, &reactors);
        let repliers = 1 + self.dice.below(3);
        let mut when = at;
        for replier in self.some_of(&everyone, repliers, &[ANNOUNCER]) {
            let Some(&text) = self.deal(Pool::Replies(0), PLACES[0].replies) else {
                break;
            };
            when += self.dice.between(10, 120) * MINUTE;
            self.push(
                when,
                Act::Reply {
                    to: post,
                    author: replier,
                    text,
                },
            );
        }
    }

    /// Someone shares a colleague's post of the last days with the whole company.
    fn share(&mut self, day: i64) {
        let since = start_of(day) - 3 * DAY_MILLIS;
        self.shareable.retain(|(_, _, at)| *at >= since);
        let Some(&(of, author, posted)) = self.shareable.get(self.dice.below(self.shareable.len()))
        else {
            return;
        };
        let everyone = members(None);
        let Some(sharer) = self.one_of(&everyone, &[author]) else {
            return;
        };
        let Some(&comment) = self.deal(Pool::Shares, SHARE_COMMENTS) else {
            return;
        };
        let at = self.working_time(day, sharer).max(posted + 30 * MINUTE);
        let share = self.push(
            at,
            Act::Share {
                of,
                author: sharer,
                comment,
            },
        );
        let fans = self.dice.below(2);
        let reactors = self.some_of(&everyone, fans, &[sharer]);
        self.react(share, at, None, &reactors);
    }

    /// A short exchange in one of the group chats, opened by its first speaker.
    fn exchange(&mut self, day: i64) {
        let chat = self.dice.below(CHATS.len());
        let spec = &CHATS[chat];
        let members: Vec<&'static str> = handles(spec.members).collect();
        let Some(&lines) = self.deal(Pool::Exchanges(chat), spec.exchanges) else {
            return;
        };
        let speakers = self.some_of(&members, lines.len().min(3), &[]);
        let Some(&first) = speakers.first() else {
            return;
        };
        if speakers.len() < 2 {
            return;
        }
        let mut at = self.working_time(day, first);
        if !self.opened[chat] {
            self.opened[chat] = true;
            self.push(at - MINUTE, Act::OpenChat { chat, by: first });
        }
        for (text, author) in lines.iter().copied().zip(speakers.iter().copied().cycle()) {
            self.push(at, Act::Message { chat, author, text });
            at += self.dice.between(1, 15) * MINUTE;
        }
    }

    /// A weekend: now and then a post in a social community.
    fn weekend(&mut self, day: i64) {
        if !self.dice.chance(25) {
            return;
        }
        let social: Vec<usize> = (0..PLACES.len())
            .filter(|&i| {
                COMMUNITIES
                    .iter()
                    .any(|c| Some(c.name) == PLACES[i].community && c.category == "social")
            })
            .collect();
        let place = social[self.dice.below(social.len())];
        self.discussion(day, place);
    }

    /// A working day: posts by weight of place, a question or two, maybe a share,
    /// and chat.
    fn working_day(&mut self, day: i64) {
        let people = self.active.len();
        let weights: u32 = PLACES.iter().map(|p| p.weight).sum();
        let posts = 1 + self.dice.below(1 + people / 30);
        for _ in 0..posts {
            let mut roll = u32::try_from(self.dice.below(weights as usize)).unwrap_or(0);
            let place = PLACES
                .iter()
                .position(|p| {
                    let here = roll < p.weight;
                    roll = roll.saturating_sub(p.weight);
                    here
                })
                .unwrap_or(0);
            self.discussion(day, place);
        }
        if self.dice.chance(10 + people) {
            self.question(day);
        }
        if self.dice.chance(10) {
            self.share(day);
        }
        if self.dice.chance(people * 2 / 3) {
            self.exchange(day);
        }
    }
}

/// The history of a demo seeded at `start`, oldest act first: the twelve weeks of
/// whole days before [`UNTIL`], nothing at or after it.
pub fn plan(start: Millis) -> Vec<Planned> {
    let until = start - UNTIL * MINUTE;
    let last_day = day_of(until) - 1;
    let first_day = last_day - 7 * WEEKS + 1;
    let mut planner = Planner {
        dice: Dice(0x4b65_7374_7265_6c21),
        acts: Vec::new(),
        cursors: HashMap::new(),
        active: Vec::new(),
        asked: 0,
        shareable: Vec::new(),
        opened: vec![false; CHATS.len()],
    };
    let mut announced = 0;
    for day in first_day..=last_day {
        let week = (day - first_day) / 7;
        planner.active = PEOPLE
            .iter()
            .enumerate()
            .filter(|(index, person)| adopts_in(*index, person) <= week)
            .filter(|(_, person)| {
                JOINED.iter().all(|(handle, days_ago)| {
                    *handle != person.handle || day >= day_of(start) - days_ago
                })
            })
            .map(|(_, person)| person.handle)
            .collect();
        // 1970-01-01 was a Thursday: day 0 is weekday 3 counted from Monday.
        if (day + 3).rem_euclid(7) >= 5 {
            planner.weekend(day);
            continue;
        }
        let block = usize::try_from((day - first_day) / 21).unwrap_or(usize::MAX);
        if block == announced
            && let Some(text) = ANNOUNCEMENTS.get(block)
        {
            planner.announcement(day, text);
            announced += 1;
        }
        planner.working_day(day);
    }
    let mut acts = planner.acts;
    // A stable sort: an act planned at the same moment as the post it is about
    // still comes after it.
    acts.sort_by_key(|planned| planned.at);
    // Replies planned late on the last day would run into the hand-written threads.
    acts.retain(|planned| planned.at < until);
    acts
}
