//! The demo company's intranet, which embeds Hearth: the site allowed to frame it,
//! and the comments people left under two of its pages.

use super::company::ago;

/// The made-up intranet; its pages' comments are in Hearth like any discussion.
pub const SITE: &str = "https://intranet.example.com";

/// When an admin listed the intranet.
pub const EMBEDDED: i64 = ago(20, 3);

/// A comment under an intranet page: when, by whom, on which page, and what.
pub struct PageComment {
    pub minutes_ago: i64,
    pub author: &'static str,
    pub url: &'static str,
    pub title: &'static str,
    pub text: &'static str,
}

pub const PAGE_COMMENTS: &[PageComment] = &[
    PageComment {
        minutes_ago: ago(12, 5),
        author: "helena_costa",
        url: "https://intranet.example.com/news/porto-office-opens",
        title: "Our Porto office opens in March",
        text: "So glad we finally have room for the whole team in one place. Who is up for a \
               housewarming lunch in the first week?",
    },
    PageComment {
        minutes_ago: ago(12, 2),
        author: "tomas_ferreira",
        url: "https://intranet.example.com/news/porto-office-opens?utm_source=newsletter",
        title: "Our Porto office opens in March",
        text: "Count me in. Is there bike parking? Asking for half of Engineering.",
    },
    PageComment {
        minutes_ago: ago(11, 20),
        author: "daniel_okafor",
        url: "https://intranet.example.com/news/porto-office-opens",
        title: "Our Porto office opens in March",
        text: "Yes: twenty covered spaces in the courtyard, and showers on the ground floor.",
    },
    PageComment {
        minutes_ago: ago(4, 6),
        author: "priya_raman",
        url: "https://intranet.example.com/hr/travel-policy",
        title: "Travel policy 2027",
        text: "Does the new rail-first rule apply to trips under four hours door to door, or \
               four hours on the train?",
    },
];
