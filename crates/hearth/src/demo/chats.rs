//! The demo's chat: a few direct and group conversations of the last days, some of
//! them unread by the person who signs in, so the chat list has something to show.

/// Who talks: two people directly, or a titled group.
pub enum With {
    Direct(&'static str, &'static str),
    Group {
        title: &'static str,
        /// Handles; the first one starts the group.
        members: &'static str,
    },
}

pub struct Chat {
    pub with: With,
    /// `(minutes ago, author's handle, markdown)`, oldest first.
    pub messages: &'static [(i64, &'static str, &'static str)],
}

pub const CHATS: &[Chat] = &[
    Chat {
        with: With::Direct("helena_costa", "ana_lima"),
        messages: &[
            (
                4_320,
                "helena_costa",
                "Could you add the new joiners to #onboarding next week?",
            ),
            (4_300, "ana_lima", "Done, and I pinned the welcome guide."),
            (4_295, "helena_costa", "You're a star, thank you!"),
        ],
    },
    Chat {
        with: With::Group {
            title: "Aurora 2 launch crew",
            members: "priya_raman ana_lima daniel_okafor lukas_becker sofia_marques",
        },
        messages: &[
            (
                2_880,
                "priya_raman",
                "Kick-off for the launch crew: this is where we sort out the last details.",
            ),
            (
                2_870,
                "lukas_becker",
                "Firmware 2.0-rc3 is on the test rig. Dimming curves look right now.",
            ),
            (
                2_860,
                "sofia_marques",
                "I'll have the press kit draft by Thursday.",
            ),
            (
                1_440,
                "priya_raman",
                "Reminder: the demo unit ships to the booth on Monday.",
            ),
            (
                95,
                "lukas_becker",
                "rc4 fixes the flicker at 3% brightness. @ana_lima can you approve the release note?",
            ),
            (
                40,
                "sofia_marques",
                "Press kit is in the shared drive — comments welcome.",
            ),
        ],
    },
    Chat {
        with: With::Direct("daniel_okafor", "ana_lima"),
        messages: &[
            (
                190,
                "daniel_okafor",
                "Morning Ana! Do you have ten minutes before the all-hands?",
            ),
            (185, "ana_lima", "Sure — call me at 9:40?"),
            (
                183,
                "daniel_okafor",
                "Perfect. It's about the **LightFair** booth budget.",
            ),
            (
                12,
                "daniel_okafor",
                "Thanks again for this morning. I sent the numbers to Finance.",
            ),
            (11, "daniel_okafor", "They'll confirm by Friday 🎉"),
        ],
    },
];
