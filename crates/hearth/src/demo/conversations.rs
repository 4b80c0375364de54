//! What Kestrel Lighting's people have been talking about: threads with their
//! replies, reactions and best answers, and shares.
//!
//! People are named by handle and communities by name, as in `company`. Threads have
//! a key that shares and `{{key}}` in a text (a link to that thread's post) refer to.
//! Multi-line texts may be indented; the indentation is removed before posting.

use super::company::ago;
use hearth_app::domain::PostKind;

/// A top-level post and its discussion.
pub struct Thread {
    /// How shares and `{{key}}` links name this post.
    pub key: &'static str,
    pub ago: i64,
    pub author: &'static str,
    /// `None` posts to the whole company.
    pub community: Option<&'static str>,
    pub kind: PostKind,
    pub body: &'static str,
    /// `kind: person person; kind: person`, e.g. `like: ana_lima; funny: lukas_becker`.
    pub reactions: &'static str,
    pub replies: &'static [Reply],
    /// The reply (by index) the asker marks as the best answer to a question.
    pub best_answer: Option<usize>,
    pub poll: Option<Poll>,
    /// `kind: person person`: colleagues the post praises, e.g. `teamwork: ana_lima`.
    pub praise: Option<&'static str>,
    /// Published as an article with this title and summary; the body is its text.
    pub article: Option<(&'static str, &'static str)>,
}

/// A poll on a thread's post, and who votes for what.
pub struct Poll {
    pub options: &'static [&'static str],
    pub multiple: bool,
    pub named: bool,
    /// Minutes after the post that the poll closes; `None` leaves it open.
    pub closes_after: Option<i64>,
    /// `position: person person; position: person`, e.g. `0: ana_lima; 2: lukas_becker`;
    /// on a multiple-choice poll a person may appear under several options. Votes come
    /// a few minutes apart after the post, in this order.
    pub votes: &'static str,
}

const THREAD: Thread = Thread {
    key: "",
    ago: 0,
    author: "",
    community: None,
    kind: PostKind::Discussion,
    body: "",
    reactions: "",
    replies: &[],
    best_answer: None,
    poll: None,
    praise: None,
    article: None,
};

pub struct Reply {
    /// The earlier reply (by index) this one answers; `None` answers the post.
    pub to: Option<usize>,
    /// Minutes after the thread's post.
    pub after: i64,
    pub author: &'static str,
    pub body: &'static str,
    pub reactions: &'static str,
}

const fn reply(after: i64, author: &'static str, body: &'static str) -> Reply {
    Reply {
        to: None,
        after,
        author,
        body,
        reactions: "",
    }
}

impl Reply {
    const fn to(mut self, parent: usize) -> Self {
        self.to = Some(parent);
        self
    }

    const fn reactions(mut self, reactions: &'static str) -> Self {
        self.reactions = reactions;
        self
    }
}

/// A post quoting a thread's post, with a comment.
pub struct Share {
    pub ago: i64,
    pub author: &'static str,
    pub community: Option<&'static str>,
    /// The key of the shared thread.
    pub of: &'static str,
    pub comment: &'static str,
    pub reactions: &'static str,
}

pub const SHARES: &[Share] = &[
    Share {
        ago: ago(9, 22),
        author: "mark_sullivan",
        community: None,
        of: "mainz",
        comment: "In case you missed it in *Sales wins*: our biggest German contract so far. \
                  Congratulations Julia, and everyone who helped! 🎉",
        reactions: "celebrate: helena_costa grace_mwangi daniel_okafor ana_lima; like: pedro_alves",
    },
    Share {
        ago: ago(7, 21),
        author: "olivia_brown",
        community: None,
        of: "alvalade",
        comment: "This is the story we'll lead with at LightFair. Worth two minutes of everyone's \
                  time. 👇 #customerstories",
        reactions: "like: helena_costa grace_mwangi nora_lindqvist ana_lima; celebrate: beatriz_rocha",
    },
    Share {
        ago: ago(5, 22),
        author: "daniel_okafor",
        community: Some("Engineering"),
        of: "aurora2-launch",
        comment: "The date is public now. Code freeze stays two weeks before launch, as planned in the \
                  [release train]({{release-train}}). Let's land this calmly. 🚀",
        reactions: "like: priya_raman lukas_becker mateo_garcia",
    },
];

pub const THREADS: &[Thread] = &[
    Thread {
        key: "ceo-column-aurora",
        ago: ago(2, 10),
        author: "helena_costa",
        article: Some((
            "From the CEO: what Aurora 2 means for all of us",
            "Why this launch matters beyond Engineering, what changes for each team, and what I ask of you in the next six weeks.",
        )),
        body: r#"
            Every few years a company ships something that changes how it works, not only what it sells. For Kestrel, Aurora 2 is that launch. I want to explain why, in plain words, and what it asks of each of us.

            ## Why Aurora 2 is different

            Until now we sold luminaires and, separately, software. Aurora 2 is the first product where the light, the firmware and Pulse are **one thing**: a school or an office buys better light, not boxes. The [Alvalade story]({{alvalade}}) shows what that means for a customer: 38% less energy, and teachers who stopped asking for the blinds to be closed.

            {{image:0}}

            ## What changes for each team

            - **Sales** sells outcomes: energy, comfort, maintenance. Our proposals will lead with them.
            - **Support** sees fewer hardware tickets and more questions about schedules and scenes. @hannah_weber and her team are already training for it.
            - **Operations** keeps more spares on the shelf for the first quarter.
            - **Engineering** keeps the [release train]({{release-train}}) calm. Code freeze is code freeze.

            ## What I ask of you

            | When | What |
            |---|---|
            | Next two weeks | Read the launch brief and ask your questions below, not in private |
            | Launch week | Share the customer stories from your region |
            | After launch | Tell us what customers say, good and bad, in *Product launches* |

            ## Speak your mind

            This column is a conversation. Disagree with me, ask the awkward question, tell me what I missed. I read every reply. #aurora2 #leadership
        "#,
        reactions: "like: ana_lima daniel_okafor olivia_brown grace_mwangi priya_raman julia_schmidt; \
                    insightful: mark_sullivan hannah_weber; celebrate: beatriz_rocha",
        replies: &[
            reply(35, "mark_sullivan", "Leading with outcomes is exactly what our German customers ask for. Can we get a one-page energy calculator for the proposals?")
                .reactions("like: helena_costa julia_schmidt"),
            reply(60, "helena_costa", "Yes. @olivia_brown, can Marketing own that with Finance? Let's have it before LightFair.")
                .to(0)
                .reactions("like: mark_sullivan olivia_brown"),
            reply(75, "olivia_brown", "On it. Draft in *Product launches* by Friday.").to(1),
            reply(120, "hannah_weber", "Honest question: will Support get extra hands for the first month? Every launch so far doubled our queue for three weeks.")
                .reactions("like: tariq_haddad pedro_alves; insightful: helena_costa"),
            reply(160, "helena_costa", "Fair question, and the answer is yes: two engineers from Daniel's team rotate into Support for launch month. Daniel, please confirm below.")
                .to(3)
                .reactions("celebrate: hannah_weber tariq_haddad"),
            reply(175, "daniel_okafor", "Confirmed: @kenji_watanabe and @sofia_marques, one week each, then we see.").to(4),
            reply(240, "pedro_alves", "For new joiners like me this was the clearest explanation of what we do. Thank you for writing it down."),
        ],
        ..THREAD
    },
    Thread {
        key: "soak-test-article",
        ago: ago(4, 8),
        author: "daniel_okafor",
        community: Some("Engineering"),
        article: Some((
            "How we soak-test 200 luminaires",
            "Fourteen days, two driver generations and one noisy lab: what the Aurora 2 soak test measures and why.",
        )),
        body: r#"
            A soak test runs the real thing for long enough that rare faults show up. For Aurora 2 that means 200 luminaires in the Berlin lab for 14 days, as planned in the [release train]({{release-train}}).

            ## What we run

            - 180 fixtures on the new driver, 20 on the old 40 W one, as @mateo_garcia suggested
            - A schedule that dims, brightens and switches scenes every 90 seconds
            - Firmware 2.0-rc1, updated over the air on day 7 to test the update path itself

            ## What we measure

            Flicker at every dimming level, temperature at the driver, and every reconnect to Pulse. The numbers go to a dashboard the whole team can see.

            ## What counts as a pass

            No fixture drops off for more than a minute, no flicker above 5% at any level, and the day-7 update reaches all 200. #aurora2 #release
        "#,
        reactions: "like: priya_raman lukas_becker kenji_watanabe; insightful: mateo_garcia emily_chen",
        replies: &[
            reply(45, "kenji_watanabe", "I'll add the driver temperature probes on Monday; the old drivers run hotter, so they get two probes each."),
            reply(90, "emily_chen", "Could we log reconnect times too, not only counts? A slow reconnect is what customers notice.")
                .reactions("like: daniel_okafor"),
            reply(110, "daniel_okafor", "Good point, added to the dashboard.").to(1),
        ],
        ..THREAD
    },
    Thread {
        key: "welcome",
        ago: ago(13, 5),
        author: "ana_lima",
        kind: PostKind::Announcement,
        body: r#"
            **Hearth is now Kestrel's own network, for all of us.** 👋

            Three months ago Engineering and Operations started trying it out; today nearly everyone is here. From now on this is where we share news, ask questions and get to know each other across Lisbon, Berlin, Toronto, London and everyone remote. A reminder for anyone still finding their way:

            - **Communities** hold the conversations of a team or an interest. Join the ones you like under *Communities*; private ones, such as *Security*, take a request.
            - **Follow** colleagues to see their posts in your home feed.
            - When you need an answer, post a **question**: whoever asked can mark the best answer, so the next person finds it.
            - Use `#hashtags` for topics and `@mentions` to pull someone in.

            Stuck? Ask in *IT help desk*, or ping @tomas_ferreira or me. #hearth
        "#,
        reactions: "celebrate: helena_costa grace_mwangi olivia_brown pedro_alves beatriz_rocha; \
                    like: daniel_okafor tomas_ferreira mark_sullivan lea_novak robert_klein ines_carvalho; \
                    insightful: nora_lindqvist",
        replies: &[
            reply(40, "helena_costa", "Thank you, Ana and @tomas_ferreira! From now on my monthly update goes here instead of the all-hands e-mail.")
                .reactions("like: ana_lima tomas_ferreira grace_mwangi"),
            reply(95, "pedro_alves", "Can new joiners use it to find their onboarding buddy? Half my questions last year were *\"who is this, and what do they do?\"*"),
            reply(130, "grace_mwangi", "Yes! Every profile has a title, a manager and a short *about*. New joiners: fill yours in during your first week, and tag onboarding posts with #onboarding.")
                .to(1)
                .reactions("like: pedro_alves ana_lima"),
            reply(150, "pedro_alves", "Perfect, adding that to the welcome checklist.").to(2),
            reply(300, "lukas_becker", "Is there an API? Asking for a friend who wants build notifications in here."),
            reply(330, "ana_lima", "There is: personal API tokens, under your account settings. Please keep bots to *Engineering* for now. 🙂")
                .to(4)
                .reactions("funny: lukas_becker sofia_marques"),
        ],
        ..THREAD
    },
    Thread {
        key: "release-train",
        ago: ago(12, 3),
        author: "daniel_okafor",
        community: Some("Engineering"),
        body: r#"
            ## Aurora 2: the release train to launch

            Six weeks to go. Here is the plan we agreed in Tuesday's review:

            1. **Firmware 2.0-rc1** on the test fleet by Friday (@priya_raman)
            2. **Pulse 3.4** with scene scheduling to staging next week (@lukas_becker, @sofia_marques)
            3. **Soak test**: 200 luminaires for 14 days in the Berlin lab (@mateo_garcia, @kenji_watanabe)
            4. **Code freeze** two weeks before launch; after that, fixes only

            Risks are listed in the [planning doc](https://docs.example.com/aurora2/plan). Raise anything that worries you in this thread rather than in private messages, so everyone sees it. #aurora2 #release
        "#,
        reactions: "like: priya_raman lukas_becker sofia_marques kenji_watanabe mateo_garcia nora_lindqvist; \
                    insightful: emily_chen hannah_weber",
        replies: &[
            reply(50, "priya_raman", "rc1 is on track. One open item: the 1% dimming level still flickers on the older 40 W driver. @kenji_watanabe and I are on it."),
            reply(85, "kenji_watanabe", "Measured it this morning: ripple at 1% is 9% on the old driver against 2% on the new one. A firmware minimum of 2% on the old driver is the pragmatic fix.")
                .to(0)
                .reactions("insightful: priya_raman daniel_okafor mateo_garcia"),
            reply(120, "priya_raman", "Agreed. I'll gate it on the driver ID, so new hardware still goes down to 1%. Pull request by tomorrow.").to(1),
            reply(140, "daniel_okafor", "👍 Please put it in the release notes for support too; @hannah_weber will want to know.").to(2),
            reply(200, "mateo_garcia", "For the soak test: can 20 of the 200 be on the old driver? That's still what most installed fixtures run."),
            reply(230, "daniel_okafor", "Yes, good call. Take them from the spare shelf, @yusuf_demir knows where it is.")
                .to(4)
                .reactions("like: mateo_garcia"),
        ],
        ..THREAD
    },
    Thread {
        key: "vpn",
        ago: ago(11, 6),
        author: "sofia_marques",
        community: Some("IT help desk"),
        kind: PostKind::Question,
        body: r#"
            The VPN won't connect on my new laptop (Ubuntu 24.04): it says *"TLS handshake failed"* right after I enter my password. The old laptop with the same account works fine. Has anyone fixed this? #vpn #laptops
        "#,
        reactions: "like: lukas_becker mateo_garcia",
        replies: &[
            reply(20, "lukas_becker", "Same here last month. I think it was the system clock: mine was ten minutes off after the first boot."),
            reply(35, "sofia_marques", "My clock is right, sadly.").to(0),
            reply(55, "tomas_ferreira", r#"
                It's the new certificate chain: 24.04 no longer trusts our old intermediate certificate. To fix it:

                1. Download `kestrel-ca-2025.crt` from the [IT wiki](https://wiki.example.com/it/vpn)
                2. `sudo cp kestrel-ca-2025.crt /usr/local/share/ca-certificates/`
                3. `sudo update-ca-certificates`
                4. Import the VPN profile again (the old one caches the chain)

                I'm adding this to the laptop set-up script, so new machines get it automatically.
            "#)
                .reactions("like: sofia_marques mateo_garcia lukas_becker rafael_santos; insightful: ana_lima"),
            reply(80, "sofia_marques", "That was it, I'm connected! Thank you 🙏").to(2),
            reply(120, "mateo_garcia", "Works on Fedora 40 too: the folder is `/etc/pki/ca-trust/source/anchors/` there, then run `update-ca-trust`.")
                .to(2)
                .reactions("insightful: tomas_ferreira"),
        ],
        best_answer: Some(2),
        poll: None,
        praise: None,
        article: None,
    },
    Thread {
        key: "mainz",
        ago: ago(10, 2),
        author: "julia_schmidt",
        community: Some("Sales wins"),
        body: r#"
            🎉 **Signed: Stadtwerke Mainz!**

            1,400 Aurora luminaires across six office buildings, plus a three-year Pulse subscription. Our biggest deal in DACH so far.

            Thank you @emily_chen for the late-night demo with their facilities team, @kenji_watanabe for the DALI bridge fix that unblocked the pilot, and @ingrid_halvorsen for finding drivers when everyone else said twelve weeks. #saleswins #aurora
        "#,
        reactions: "celebrate: mark_sullivan helena_costa robert_klein olivia_brown emily_chen kenji_watanabe \
                    ingrid_halvorsen carlos_mendes hannah_weber; like: nora_lindqvist daniel_okafor",
        replies: &[
            reply(25, "mark_sullivan", "Fantastic work, Julia. This one took nine months of patience. Drinks are on me next time I'm in Berlin."),
            reply(60, "helena_costa", "Wonderful news. Mainz will be a great reference for every German utility. 👏"),
            reply(70, "julia_schmidt", "Holding you to that, Mark! 🍻")
                .to(0)
                .reactions("funny: emily_chen kenji_watanabe"),
        ],
        ..THREAD
    },
    Thread {
        key: "long-run",
        ago: ago(9, 20),
        author: "lukas_becker",
        community: Some("Running club"),
        body: r#"
            **Saturday long run, Berlin** 🏃

            14 km at an easy pace (6:00–6:15 per km) along the Spree, from the Oberbaumbrücke to Treptower Park and back. We meet at 8:30 at the bridge.

            Everyone is welcome, and nobody gets left behind. Promise. #runclub
        "#,
        reactions: "like: robert_klein chloe_martin ingrid_halvorsen diego_romero pedro_alves",
        replies: &[
            reply(45, "robert_klein", "I'm in, but I'll be at the back. Very much at the back."),
            reply(60, "lukas_becker", "Perfect, I'll run the second half with you.")
                .to(0)
                .reactions("like: robert_klein"),
            reply(120, "chloe_martin", "I'm in Berlin that weekend for the security meetup. Count me in!"),
            reply(180, "pedro_alves", "Lisbon edition: 10 km along the river from Cais do Sodré to Belém, Sunday at 9:00. Who's coming?"),
            reply(210, "sofia_marques", "Me! If I can keep up.").to(3),
        ],
        ..THREAD
    },
    Thread {
        key: "book-club",
        ago: ago(9, 4),
        author: "aisha_bello",
        community: Some("Book club"),
        body: r#"
            📚 **This month's pick: *Klara and the Sun*, by Kazuo Ishiguro**

            We meet on the last Thursday of the month at 18:00 Lisbon time (13:00 in Toronto), on video and in the Lisbon kitchen.

            Suggestions for next month in the replies, please: one book each. The one with the most reactions wins. #bookclub
        "#,
        reactions: "like: nora_lindqvist grace_mwangi helena_costa",
        replies: &[
            reply(90, "nora_lindqvist", "*The Design of Everyday Things*, by Don Norman. Yes, it's work-adjacent. Yes, it's still a delight.")
                .reactions("like: rafael_santos aisha_bello"),
            reply(150, "tariq_haddad", "*Piranesi*, by Susanna Clarke. Short, strange and wonderful.")
                .reactions("like: aisha_bello lea_novak helena_costa priya_raman hannah_weber"),
            reply(200, "lea_novak", "Seconding *Piranesi*! I read it in one weekend.").to(1),
            reply(260, "grace_mwangi", "*Four Thousand Weeks*, by Oliver Burkeman: a book about time, which none of us have.")
                .reactions("like: ines_carvalho helena_costa; funny: tariq_haddad"),
            reply(300, "ines_carvalho", "Ha! Yes to this one.").to(3),
        ],
        ..THREAD
    },
    Thread {
        key: "pastel",
        ago: ago(8, 22),
        author: "sofia_marques",
        community: Some("Pets"),
        body: r#"
            Meet **Pastel**, our newest foster cat 🐈 She is eight weeks old, afraid of the vacuum cleaner and convinced my keyboard is a heated bed. If the Pulse dashboard ever gets a commit that says `jjjjjjjjjjjj`, now you know why. #caturday
        "#,
        reactions: "like: samuel_adeyemi lea_novak beatriz_rocha tomas_ferreira julia_schmidt emily_chen; \
                    funny: rafael_santos lukas_becker mateo_garcia",
        replies: &[
            reply(30, "samuel_adeyemi", "She is perfect. Biscuit (my beagle) sends his regards and would like to play, which she would not enjoy."),
            reply(55, "lea_novak", "Look at that face! Is she up for adoption?"),
            reply(80, "sofia_marques", "She is! Lisbon only, sadly. Message me if you know someone.").to(1),
        ],
        ..THREAD
    },
    Thread {
        key: "alvalade",
        ago: ago(8, 4),
        author: "tariq_haddad",
        community: Some("Customer stories"),
        body: r#"
            ## Escola Básica de Alvalade: 41% less energy, and calmer classrooms

            Last autumn the school replaced 600 fluorescent fittings with Aurora luminaires and Halo presence sensors. After one full term:

            - **41%** less energy for lighting (metered, not estimated)
            - The light follows daylight: on sunny days the rows by the windows dim to 20%
            - Teachers report fewer headaches, and one says pupils are *"noticeably calmer after lunch"*

            The head teacher, Maria João, has agreed to be quoted and filmed. The draft case study is [here](https://docs.example.com/cases/alvalade). Thank you @carlos_mendes and @diego_romero for the installation! #customerstories #education
        "#,
        reactions: "insightful: olivia_brown mark_sullivan helena_costa aisha_bello; \
                    celebrate: carlos_mendes diego_romero hannah_weber",
        replies: &[
            reply(70, "carlos_mendes", "Thank you, Tariq! Maria João also offered to host a visit for other schools in Lisbon. That's gold for us."),
            reply(150, "aisha_bello", "I'd love to join that visit and interview the teachers. *Calmer after lunch* deserves a proper study."),
            reply(180, "tariq_haddad", "Let's do it. I'll set it up with Carlos.").to(1),
        ],
        ..THREAD
    },
    Thread {
        key: "phishing",
        ago: ago(7, 6),
        author: "chloe_martin",
        community: Some("Security"),
        body: r#"
            **Phishing test results: this quarter**

            Last week's test e-mail (*"Your parcel is waiting"*) went to everyone.

            | | last quarter | this quarter |
            |---|---|---|
            | clicked the link | 14% | 6% |
            | reported it | 31% | 58% |

            A big improvement: thank you all. The report button works, so keep using it. Next up: hardware security keys for everyone with production access. #security
        "#,
        reactions: "celebrate: ana_lima priya_raman; like: daniel_okafor tomas_ferreira lukas_becker",
        replies: &[
            reply(40, "daniel_okafor", "Great trend. What's the timeline for the keys? Engineering is ready whenever you are."),
            reply(65, "chloe_martin", "The keys arrive next week. @tomas_ferreira and I will run enrolment sessions in Berlin and Lisbon, and by video for Toronto.").to(0),
            reply(90, "tomas_ferreira", "Slots go up on Monday.").to(1),
            reply(120, "lukas_becker", "Can we require keys on the Pulse admin console at the same time?"),
            reply(150, "chloe_martin", "Yes, that's the plan: the admin console first, then SSH.")
                .to(3)
                .reactions("like: lukas_becker daniel_okafor"),
        ],
        ..THREAD
    },
    Thread {
        key: "bacalhau",
        ago: ago(6, 20),
        author: "carlos_mendes",
        community: Some("Cooking"),
        body: r#"
            **Bacalhau à Brás for four**, the potluck favourite, by popular request 🇵🇹

            - 400 g salt cod, soaked for 24 hours and flaked
            - 600 g potatoes, cut into matchsticks and fried
            - 2 onions, thinly sliced
            - 6 eggs, beaten
            - black olives and parsley

            1. Soften the onions slowly in plenty of olive oil.
            2. Add the cod, then the potatoes.
            3. Off the heat, stir in the eggs until *just* set: creamy, never dry.
            4. Olives and parsley on top. Serve at once.

            #recipes #potluck
        "#,
        reactions: "like: lea_novak ines_carvalho beatriz_rocha helena_costa yusuf_demir hannah_weber",
        replies: &[
            reply(60, "lea_novak", "Making this on Sunday! Can I use fresh cod?"),
            reply(90, "carlos_mendes", "You can, but salt it lightly for an hour first, or it falls apart.").to(0),
            reply(120, "beatriz_rocha", "Carlos's version is better than my grandmother's. Don't tell her.")
                .reactions("funny: carlos_mendes ines_carvalho pedro_alves"),
            reply(240, "lea_novak", "Noted, thank you chef 👨‍🍳").to(1),
        ],
        ..THREAD
    },
    Thread {
        key: "blue-hour",
        ago: ago(6, 9),
        author: "kenji_watanabe",
        community: Some("Photography"),
        body: r#"
            Blue hour over the Oberbaumbrücke last night, on Portra 400 with a thirty-year-old Nikon FM2. I developed it myself, so the dust is authentic. 📷

            Next photo walk: Sunday morning in Kreuzberg. Film and phones equally welcome. #photowalk #berlin
        "#,
        reactions: "like: nora_lindqvist rafael_santos tariq_haddad ingrid_halvorsen daniel_okafor aisha_bello",
        replies: &[
            reply(60, "nora_lindqvist", "The colours! What exposure did you use?"),
            reply(90, "kenji_watanabe", "f/2.8 at 1/15 s, braced on the railing, half a stop over. Portra forgives a lot.")
                .to(0)
                .reactions("insightful: nora_lindqvist rafael_santos"),
            reply(150, "rafael_santos", "I'll bring my phone, and my envy."),
        ],
        ..THREAD
    },
    Thread {
        key: "aurora2-launch",
        ago: ago(6, 3),
        author: "olivia_brown",
        community: Some("Product launches"),
        kind: PostKind::Announcement,
        body: r#"
            # 📣 Aurora 2 launches in five weeks

            It's official. Launch day is a **Tuesday, five weeks from now**: the press release goes out at 10:00 CET and the live stream starts at 16:00 CET.

            **What's new in Aurora 2**
            - 30% more light per watt than Aurora
            - Halo presence and daylight sensing built in, no extra fittings
            - Scene scheduling with Pulse 3.4

            **Before launch**
            - ✅ Pricing approved
            - ✅ Datasheets translated (EN, DE, PT, ES, FR)
            - ⏳ Support FAQ: @hannah_weber
            - ⏳ Demo kits for every account executive: @ingrid_halvorsen
            - ⏳ LightFair booth: @beatriz_rocha

            Questions go in the replies. #aurora2 #launch
        "#,
        reactions: "celebrate: helena_costa daniel_okafor nora_lindqvist mark_sullivan emily_chen julia_schmidt \
                    carlos_mendes priya_raman kenji_watanabe rafael_santos tariq_haddad beatriz_rocha; \
                    like: ana_lima hannah_weber",
        replies: &[
            reply(30, "emily_chen", "Will the demo kits include the built-in Halo sensor or the standalone one?"),
            reply(50, "olivia_brown", "The built-in one. Each kit is one Aurora 2 panel, a Pulse gateway and a tablet with the demo scenes.")
                .to(0)
                .reactions("like: emily_chen julia_schmidt"),
            reply(120, "hannah_weber", "The support FAQ draft is ready for review: [Aurora 2 FAQ](https://docs.example.com/aurora2/faq). #support")
                .reactions("like: olivia_brown daniel_okafor"),
            reply(180, "mark_sullivan", "Thank you, everyone. The sales kickoff for the launch is the Monday before; invitations are coming."),
        ],
        ..THREAD
    },
    Thread {
        key: "may-update",
        ago: ago(5, 4),
        author: "helena_costa",
        body: r#"
            ## Monthly update from Helena

            Hello everyone,

            A short one this month, because the launch is keeping all of us busy.

            **Numbers.** Revenue is 12% ahead of plan for the year, mostly thanks to the public sector in DACH and Iberia. Cash is healthy; @robert_klein will share the details at the all-hands.

            **People.** Welcome to @mateo_garcia (QA, Lisbon), and to two new support colleagues starting next month. We are hiring a firmware engineer in Toronto: referrals to @pedro_alves, please.

            **Aurora 2.** Launch day is five weeks away. Thank you to everyone working long days on it, and please take the days off you've earned afterwards. I mean it.

            **Offices.** The Berlin lab expansion is finished. Come and see it if you pass by.

            The all-hands is next Thursday at 15:00 Lisbon time. Send questions in the replies beforehand; anonymous ones go to @grace_mwangi.

            Helena
        "#,
        reactions: "like: ana_lima daniel_okafor nora_lindqvist mark_sullivan olivia_brown grace_mwangi robert_klein \
                    hannah_weber lukas_becker sofia_marques julia_schmidt ines_carvalho; \
                    celebrate: mateo_garcia pedro_alves kenji_watanabe beatriz_rocha; \
                    insightful: tariq_haddad emily_chen",
        replies: &[
            reply(35, "mateo_garcia", "Thank you for the welcome! Three weeks in, and I already have 200 lights blinking at me in the lab. 😄")
                .reactions("like: helena_costa grace_mwangi; funny: kenji_watanabe"),
            reply(80, "samuel_adeyemi", "A question for the all-hands: will Toronto get a lab like Berlin's one day?"),
            reply(150, "helena_costa", "Good question: yes, a smaller one, planned for the autumn. More on Thursday.")
                .to(1)
                .reactions("celebrate: samuel_adeyemi emily_chen priya_raman"),
            reply(200, "kenji_watanabe", "The new lab has a dark room for photometry now, if anyone wants to see how we measure light. 🔦"),
            reply(240, "aisha_bello", "Yes please! Could I bring the research team for a tour?").to(3),
            reply(260, "kenji_watanabe", "Of course, any afternoon.").to(4),
        ],
        ..THREAD
    },
    Thread {
        key: "expenses",
        ago: ago(4, 20),
        author: "samuel_adeyemi",
        kind: PostKind::Question,
        body: "Where do I find the current travel and expenses policy? I have a customer visit in \
               Montréal next week and I'm not sure what the hotel limit is. #expenses",
        replies: &[
            reply(15, "pedro_alves", "I think it's on the intranet, under HR? Not sure that one is current, though."),
            reply(40, "ines_carvalho", r#"
                The current version is [here](https://docs.example.com/finance/expenses). For Canada the hotel limit is **CAD 230 a night**; above that, get your manager's OK in writing first.

                Submit receipts within 30 days in the expenses tool.
            "#)
                .reactions("like: samuel_adeyemi hannah_weber pedro_alves"),
            reply(60, "samuel_adeyemi", "Perfect, thank you Inês!").to(1),
            reply(90, "robert_klein", "And please book through the travel tool when you can: it gets us the corporate rate.")
                .to(1)
                .reactions("like: ines_carvalho"),
        ],
        best_answer: Some(1),
        ..THREAD
    },
    Thread {
        key: "new-joiners",
        ago: ago(4, 3),
        author: "grace_mwangi",
        body: r#"
            👋 **Say hello to our newest colleagues!**

            - @mateo_garcia joined Engineering as a QA engineer in Lisbon. Ask him about the soak-test rig.
            - @lea_novak moved from a contract to a permanent role in Support. Congratulations, Lea!

            New joiners: your onboarding buddy is on your first-week checklist. #onboarding
        "#,
        reactions: "celebrate: tomas_ferreira hannah_weber samuel_adeyemi diego_romero sofia_marques daniel_okafor \
                    helena_costa pedro_alves; like: ana_lima",
        replies: &[
            reply(30, "tomas_ferreira", "Welcome Mateo, and congratulations Lea! 🎉"),
            reply(60, "lea_novak", "Thank you all! Very happy to stay.").reactions("like: grace_mwangi hannah_weber"),
        ],
        ..THREAD
    },
    Thread {
        key: "biscuit",
        ago: ago(3, 20),
        author: "samuel_adeyemi",
        community: Some("Pets"),
        body: "Biscuit's first day at doggy daycare. He came home with a report card: *\"friendly, \
               loud, ate a tennis ball\"*. Accurate. 🐶 #dogsofkestrel",
        reactions: "funny: sofia_marques lea_novak julia_schmidt tomas_ferreira emily_chen rafael_santos; \
                    like: yusuf_demir grace_mwangi",
        replies: &[
            reply(25, "sofia_marques", "A model student."),
            reply(60, "julia_schmidt", "\"Ate a tennis ball\" is a personality."),
        ],
        ..THREAD
    },
    Thread {
        key: "zephyr",
        ago: ago(3, 5),
        author: "priya_raman",
        community: Some("Engineering"),
        kind: PostKind::Question,
        body: r#"
            Has anyone measured Zephyr's `CONFIG_PM_DEVICE_RUNTIME` on the nRF52840 with the mesh stack running? I see **1.2 mA** at idle where our budget says 0.4 mA. I'd like to rule out our own code before I blame the radio. #firmware #zephyr
        "#,
        replies: &[
            reply(40, "lukas_becker", "Not me, but check the UART console: on our old board it kept the high-frequency clock running."),
            reply(70, "priya_raman", "Oh. The console is on in the debug build. Measuring again…").to(0),
            reply(120, "priya_raman", "That was 0.6 mA of it, now at 0.58 mA. The rest is probably the mesh relay. Leaving this open until I know.")
                .to(1)
                .reactions("insightful: kenji_watanabe daniel_okafor lukas_becker"),
            reply(180, "kenji_watanabe", "We turned the relay off on battery nodes for the Halo sensor. Happy to pair on it."),
        ],
        ..THREAD
    },
    Thread {
        key: "lisbon-wifi",
        ago: ago(2, 22),
        author: "tomas_ferreira",
        community: Some("IT help desk"),
        kind: PostKind::Announcement,
        body: r#"
            **Planned maintenance: Lisbon office Wi-Fi, Saturday 08:00–10:00**

            The new access points go in on the 2nd floor. Wired desks are not affected. If anything is slower than before on Monday, reply here. #lisbon #maintenance
        "#,
        reactions: "like: ana_lima sofia_marques pedro_alves",
        ..THREAD
    },
    Thread {
        key: "security-keys",
        ago: ago(2, 4),
        author: "chloe_martin",
        community: Some("Security"),
        kind: PostKind::Announcement,
        body: r#"
            🔑 **The hardware keys are here.**

            Enrolment takes 20 minutes: Berlin on Tuesday, Lisbon on Wednesday, Toronto by video on Thursday. Book a slot with @tomas_ferreira.

            From the first of next month, the Pulse admin console accepts keys only. #security
        "#,
        reactions: "like: daniel_okafor lukas_becker priya_raman ana_lima",
        ..THREAD
    },
    Thread {
        key: "game-night",
        ago: ago(1, 23),
        author: "julia_schmidt",
        community: Some("Board games"),
        body: r#"
            🎲 **Game night: Thursday at 18:30, Berlin office kitchen**

            On the table: *Wingspan*, *Cascadia* and, if enough people are brave, *Twilight Imperium* (bring snacks: it takes six hours).

            Lisbon: @mateo_garcia is hosting a round of *Codenames* at the same time. #gamenight
        "#,
        reactions: "like: emily_chen chloe_martin robert_klein",
        replies: &[
            reply(20, "kenji_watanabe", "Wingspan for me!"),
            reply(45, "lukas_becker", "Twilight Imperium. I have taken Friday off. 😎")
                .reactions("funny: julia_schmidt kenji_watanabe yusuf_demir"),
            reply(70, "yusuf_demir", "Then I'll book the big room for you until midnight.").to(1),
            reply(90, "lukas_becker", "Legend.").to(2),
            reply(120, "mateo_garcia", "Codenames in Lisbon: 18:30 in the 3rd-floor lounge. Bring a colleague from another team!"),
        ],
        ..THREAD
    },
    Thread {
        key: "pulse-support",
        ago: ago(1, 4),
        author: "hannah_weber",
        community: Some("Engineering"),
        body: r#"
            **Pulse 3.4 after one week**, seen from support

            - Tickets are down 18% week on week. Scene scheduling is the top topic (27 tickets).
            - Two customers hit the time zone bug in schedules; it's fixed in 3.4.1, thanks to @lukas_becker.
            - Most asked: *"can schedules follow sunrise?"* That sounds like a feature request to me 😉

            The full summary is in the [support report](https://docs.example.com/support/pulse-3-4). #pulse #support
        "#,
        reactions: "insightful: daniel_okafor lukas_becker sofia_marques nora_lindqvist; like: ana_lima",
        replies: &[
            reply(30, "lukas_becker", "Sunrise schedules are on the roadmap for 3.6. I'll link this post in the ticket."),
            reply(60, "sofia_marques", "The wording in the schedule editor is confusing too. @rafael_santos and I are rewriting it this week."),
            reply(90, "rafael_santos", "Yes, first draft tomorrow.").to(1),
        ],
        ..THREAD
    },
    Thread {
        key: "booth",
        ago: ago(0, 9),
        author: "beatriz_rocha",
        community: Some("Product launches"),
        body: r#"
            The LightFair booth passed its test build in the warehouse today 🎉 Four Aurora 2 panels, a live Pulse dashboard and a before-and-after classroom corner based on the Alvalade story.

            A first look below; more photos once I've slept. #lightfair #aurora2
        "#,
        reactions: "celebrate: olivia_brown tariq_haddad helena_costa nora_lindqvist",
        replies: &[reply(30, "olivia_brown", "It looks amazing. Thank you for the weekend you spent on it.")],
        ..THREAD
    },
    Thread {
        key: "madrid-half",
        ago: ago(0, 6),
        author: "diego_romero",
        community: Some("Running club"),
        body: "Anyone else running the **Madrid half marathon**? Twelve weeks of training left, and I'm looking for company \
               on the long runs: I'm in Madrid, but happy to do video pace chats. 😄 Goal: under \
               1:50. #runclub",
        reactions: "like: lukas_becker robert_klein pedro_alves sofia_marques; celebrate: chloe_martin",
        replies: &[
            reply(40, "lukas_becker", "Not Madrid, but I'm running the Berlin half a few weeks later. Let's share training plans!"),
            reply(90, "robert_klein", "Under 1:50 is fast, Diego. I'm aiming for *finishing*.")
                .reactions("funny: diego_romero lukas_becker"),
        ],
        ..THREAD
    },
    Thread {
        key: "praise-vpn-fix",
        ago: ago(10, 20),
        author: "sofia_marques",
        body: "Thank you @tomas_ferreira for the VPN fix, and for adding it to the laptop script so \
               nobody else loses an afternoon to it. 🙌 #vpn",
        reactions: "like: lukas_becker mateo_garcia ana_lima; celebrate: rafael_santos",
        praise: Some("thanks: tomas_ferreira"),
        ..THREAD
    },
    Thread {
        key: "praise-lightfair",
        ago: ago(0, 5),
        author: "olivia_brown",
        community: Some("Product launches"),
        body: "The LightFair booth is the best we have ever had, built over a weekend by \
               @beatriz_rocha and @tariq_haddad. Thank you both, truly above and beyond. #lightfair",
        reactions: "celebrate: helena_costa nora_lindqvist daniel_okafor; like: mark_sullivan",
        replies: &[reply(25, "beatriz_rocha", "Tariq did the heavy lifting, literally. 😄")],
        praise: Some("above_and_beyond: beatriz_rocha tariq_haddad"),
        ..THREAD
    },
    Thread {
        key: "praise-welcome",
        ago: ago(3, 3),
        author: "helena_costa",
        body: "Please welcome @chiara_rossi, who joins Support from Milan this week! Say hello \
               on her first video calls. ☕",
        reactions: "like: ana_lima grace_mwangi pedro_alves",
        praise: Some("welcome: chiara_rossi"),
        ..THREAD
    },
    Thread {
        key: "summer-party",
        ago: ago(8, 4),
        author: "olivia_brown",
        body: "Summer party planning time! ☀️ Which day works best for you? The poll closes on \
               Friday; whichever day wins, we book the terrace. #summerparty",
        reactions: "like: ana_lima grace_mwangi",
        replies: &[reply(
            95,
            "helena_costa",
            "Thursday please: Friday is our quarter-end close in Finance. 🙏",
        )],
        poll: Some(Poll {
            options: &["Thursday 18 June", "Friday 19 June", "Saturday 20 June"],
            multiple: false,
            named: false,
            closes_after: Some(3 * 24 * 60),
            votes: "0: helena_costa grace_mwangi ana_lima pedro_alves lukas_becker priya_raman \
                    mark_sullivan julia_schmidt; 1: tariq_haddad beatriz_rocha daniel_okafor \
                    diego_romero; 2: robert_klein sofia_marques",
        }),
        ..THREAD
    },
    Thread {
        key: "sprint-focus",
        ago: ago(1, 7),
        author: "daniel_okafor",
        community: Some("Engineering"),
        body: "Next sprint we have room for **two** of these. Vote for as many as you think matter; \
               names are on, so I can ask you about your pick at planning. #aurora2",
        reactions: "like: priya_raman",
        poll: Some(Poll {
            options: &[
                "Faster firmware updates over the air",
                "Dark mode for the Pulse dashboard",
                "Flaky integration tests",
                "Offline mode for the installer app",
            ],
            multiple: true,
            named: true,
            closes_after: None,
            votes: "0: priya_raman lukas_becker kenji_watanabe; 2: priya_raman mateo_garcia \
                    chloe_martin lukas_becker nora_lindqvist; 1: emily_chen; 3: rafael_santos wei_zhang",
        }),
        ..THREAD
    },
];
