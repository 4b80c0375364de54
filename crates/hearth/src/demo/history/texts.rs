//! What Kestrel Lighting's people say on an ordinary working day: short posts and
//! the replies that fit them, questions with their answers, chat exchanges and the
//! network admin's announcements. `history` decides who says what, and when.
//!
//! The texts name no day or date, so they read well whenever the demo is seeded, and
//! few of them name a colleague: whoever the history picks may be the one posting.

/// What is said in one place: its posts, and replies that fit any of them.
pub struct Place {
    /// A community's name; `None` is the whole company.
    pub community: Option<&'static str>,
    /// How often someone posts here, against the other places.
    pub weight: u32,
    pub posts: &'static [&'static str],
    pub replies: &'static [&'static str],
}

/// A question, and what those who know answer.
pub struct Question {
    pub community: Option<&'static str>,
    pub ask: &'static str,
    /// Who would know, space-separated; empty: anyone in the place.
    pub answerers: &'static str,
    /// The first answer, then a second opinion.
    pub answers: &'static [&'static str],
}

/// A group chat and its usual exchanges, each a few lines by different people.
pub struct Chat {
    pub title: &'static str,
    /// Handles; the first one starts the group.
    pub members: &'static str,
    pub exchanges: &'static [&'static [&'static str]],
}

pub const PLACES: &[Place] = &[
    Place {
        community: None,
        weight: 3,
        posts: &[
            "The Lisbon kitchen has new coffee beans: a Brazilian and an Ethiopian. Vote with your cups, the jar with fewer beans left wins. ☕",
            "Found in meeting room 2 in Berlin: a blue umbrella and one very good pen. Both are at reception.",
            "Fire drill in the Berlin office tomorrow at 10:00. It takes ten minutes; please don't take the lift.",
            "Thank you to whoever fixed the wobbly desk by the Toronto window. Small things, big difference. 🙏",
            "Cake in the Lisbon kitchen at 16:00: we shipped the last pallet of the quarter. 🎂",
            "The parking garage in Berlin is closed for cleaning on Thursday morning. Bikes are fine.",
            "Reminder: the quiet room on the 3rd floor in Lisbon is for focus work and calls, not lunch. Thank you!",
            "We're collecting warm coats for the Toronto shelter drive until the end of the month. The box is by reception. #volunteering",
            "If you visit the Berlin lab, please sign in at the front desk: there are prototypes on every bench. 🔦",
            "A big thank you to everyone who joined the beach clean-up at Carcavelos. Forty bags of rubbish! #volunteering",
            "The London office has a new printer. It prints. That's all I've got. 🖨️",
            "Lunch and learn on Wednesday: *How a luminaire is made*, from aluminium to shipping box. Bring lunch, we bring dessert.",
            "Team photos are on Tuesday in Lisbon and Thursday in Berlin. Wear whatever you like; the photographer says stripes are risky.",
            "Heads up: the Toronto office Wi-Fi gets new access points this weekend. Wired desks are not affected.",
        ],
        replies: &[
            "Thanks for the heads-up!",
            "Noted 👍",
            "Great, thank you for organising this.",
            "Love this. 😄",
            "Is there a video link for those of us who are remote?",
            "Count me in.",
            "Finally! 🙌",
            "Good to know, thanks.",
        ],
    },
    Place {
        community: Some("Engineering"),
        weight: 6,
        posts: &[
            "Pulse staging is on PostgreSQL 17 now. Query times on the energy report dropped by a third. #pulse",
            "Design doc for offline commissioning is up for review: the app keeps working in basements without signal. Comments by Friday, please. #designdoc",
            "Firmware nightly builds now run the soak-test suite on real hardware in the Berlin lab. A red build means a light actually misbehaved. #firmware",
            "Post-mortem of Tuesday's MQTT broker restart: 14 minutes of delayed telemetry, no data lost. Root cause was a full disk on one node; alerts are in place now. #incident",
            "Reminder: code freeze for the Pulse release is Thursday at 18:00 Berlin time. Fixes only after that. #release",
            "We measured the new diffuser on the goniophotometer: glare (UGR) went from 21 to 18, with 3% less light out. Good trade. #optics",
            "New in the commissioning app: scanning a luminaire's QR code fills in its DALI address. Saves installers about a minute per fitting. #commissioning",
            "The CI cache moved to the new build server. Full builds went from 19 to 7 minutes. 🚀",
            "Anyone who touches the gateway code: the Rust toolchain is updated on CI. Run `rustup update` before you push. #pulse",
            "Thermal test of the 60 W driver at 45 °C ambient passed. The heat sink prototype is on my desk if you want to feel it. #hardware",
            "Energy reports now export as CSV with one row per luminaire per day. Customers asked for it, support asked for it, it's done. #pulse",
            "Friday demo: Bluetooth mesh with 300 nodes in the lab, with every light changing scene within a second. Come and watch at 15:00. #firmware",
            "We retired the old staging cluster. Thank you for your service, and for the alerts at 3 a.m. 🫡",
            "Weekly bug triage moved to Monday 14:00 CET, so Toronto can join at 8:00. #release",
        ],
        replies: &[
            "Nice work! 🎉",
            "Reviewed, left a few comments.",
            "Does this affect the older gateways too?",
            "Great write-up, thanks.",
            "Can we put this in the release notes?",
            "I'll take a look this afternoon.",
            "That's a big improvement.",
            "Good catch. Adding a test for it.",
            "Support will love this.",
            "Let's discuss it at the next architecture review.",
        ],
    },
    Place {
        community: Some("Product launches"),
        weight: 3,
        posts: &[
            "The Aurora 2 datasheet draft is ready for a technical read. Numbers in yellow still need checking. #aurora2",
            "Launch checklist updated: translations done for DE and PT, ES and FR in progress. #aurora2 #launch",
            "First photos from the Aurora 2 product shoot are in the shared drive. The dark-office shots came out beautifully. #aurora2",
            "Pricing for the Halo sensor bundle is agreed. The sales deck goes out with the next update. #launch",
            "We have a name for the new scene presets in Pulse: *Focus*, *Meet*, *Relax* and *Clean*. Thank you for the votes. #pulse",
            "The launch webinar is booked: two sessions, one for Europe and one for North America. Registrations open next week. #launch",
            "Demo kits: the first ten are packed. Account executives, tell me where yours should go. #aurora2",
        ],
        replies: &[
            "Looks great!",
            "I'll check the numbers today.",
            "Can we have a version for the UK market too?",
            "Customers have been asking about this, thank you.",
            "Adding it to my next customer meeting.",
            "🙌",
        ],
    },
    Place {
        community: Some("Customer stories"),
        weight: 3,
        posts: &[
            "A hospital in Porto asked for a second floor after three months with Aurora. The night staff like the dimmed corridors most. #customerstories",
            "Warehouse customer in Gothenburg: presence sensing cut their lighting bill by half, because most aisles are empty most of the time. #customerstories",
            "A school in Ontario sent a thank-you card signed by a whole class. It's on the Toronto office fridge now. 💛",
            "Lesson from a lost deal: the customer wanted five years of spare parts in writing. We could have said yes; we didn't say it soon enough. #lessons",
            "A council in Leeds is using Pulse energy reports in their climate plan. They'd like to present it at our webinar. #customerstories",
            "Support story: a gateway in Munich went offline every night at 2:00. It was the cleaner unplugging it for the vacuum cleaner. 😅",
            "Quote of the week from a facilities manager: *\"I forgot the lights existed, which is the best compliment I can give.\"*",
        ],
        replies: &[
            "This would make a great case study.",
            "Love it! 😄",
            "Can we get permission to quote them?",
            "Forwarding to the product team.",
            "That's the kind of story that sells.",
            "Thanks for sharing, very useful.",
        ],
    },
    Place {
        community: Some("IT help desk"),
        weight: 1,
        posts: &[
            "Laptops due for replacement this quarter get an e-mail from me this week. No e-mail, no swap (yet). #laptops",
            "The Berlin meeting room displays are updated: they show the room's bookings again. #meetingrooms",
            "Reminder: please restart your laptop at least once a week. Updates only install when you do. 🙂",
            "The guest Wi-Fi password in Lisbon changed. It's on the card at reception, as always.",
        ],
        replies: &["Thank you!", "Done ✅", "Works again, thanks.", "👍"],
    },
    Place {
        community: Some("Sales wins"),
        weight: 2,
        posts: &[
            "🎉 Signed: a university library in Dublin, 320 Aurora luminaires and Pulse for three years. #saleswins",
            "Won the tender for a hospital car park in Coimbra: 180 outdoor fittings with presence sensing. #saleswins",
            "Renewal: a Toronto office tower extended Pulse for five more years, and added two floors. #saleswins",
            "Signed: a logistics centre near Malmö, our first customer in Sweden. Many more to come. 🇸🇪 #saleswins",
            "A chain of 12 hotels in Andalusia chose us for their refurbishment. First three hotels this summer. #saleswins",
            "Small but proud: an architect's studio in Vienna, 40 fittings, and they want to show it to their clients. #saleswins",
        ],
        replies: &[
            "Congratulations! 🎉",
            "Brilliant work.",
            "Well deserved!",
            "Great news for the quarter.",
            "Who do we thank on the delivery side?",
            "👏👏👏",
        ],
    },
    Place {
        community: Some("Security"),
        weight: 1,
        posts: &[
            "New phishing wave impersonating our parcel carrier. If an e-mail asks you to pay customs fees, report it and delete it. #phishing",
            "Reminder: production secrets live in the vault, never in chat or tickets. If you find one elsewhere, tell me and we'll rotate it.",
            "Dependency audit for the gateway firmware is done: two updates, no known exploits. #security",
        ],
        replies: &["Thanks, reported two already.", "Good reminder.", "Noted."],
    },
    Place {
        community: Some("Running club"),
        weight: 2,
        posts: &[
            "Easy 8 km along the river in Lisbon on Thursday at 18:30. Coffee afterwards is not optional. #runclub",
            "New personal best on the 10 km this weekend: 49:12! The long runs are paying off. 🏃 #runclub",
            "Berlin: interval session in Tiergarten on Wednesday at 7:00. Six times 800 m, with a lot of complaining. #runclub",
            "Shoe question for the club: does anyone run in the new trail shoes, and are they worth it on asphalt? #runclub",
            "Toronto lakeshore run on Saturday, 12 km. It will be cold; we will be brave. #runclub",
        ],
        replies: &[
            "I'm in!",
            "See you there 🏃",
            "Congrats, that's fast!",
            "Next time for sure.",
        ],
    },
    Place {
        community: Some("Book club"),
        weight: 1,
        posts: &[
            "Halfway through this month's book and I can't decide if I love or hate the narrator. No spoilers, please. #bookclub",
            "Audiobook or paper for the book club? I'm listening on my commute and it counts. #bookclub",
            "Reminder: book club meets on the last Thursday of the month. The Lisbon kitchen has snacks. 📚 #bookclub",
            "Just finished *The Overstory*. I will never look at a tree the same way again. #bookclub",
        ],
        replies: &[
            "Adding it to my list.",
            "Same here!",
            "Paper, always.",
            "Can't wait for the meeting.",
        ],
    },
    Place {
        community: Some("Pets"),
        weight: 3,
        posts: &[
            "Working from home today with my supervisor, who is asleep on the keyboard. 🐈",
            "Our dog learned to open the fridge. We are now looking for a fridge lock, and a new dog (joking). 🐶",
            "The tortoise has woken up for spring and immediately ate a strawberry. Peak performance. 🐢",
            "Two rescue kittens need a home in Lisbon, eight weeks old, very playful. Message me! #adoptdontshop",
            "Does anyone know a good pet sitter in Berlin for a week in the summer?",
            "Monday mood, demonstrated by the cat. 😴",
        ],
        replies: &[
            "What a face! 😍",
            "Give them a scratch from me.",
            "Adorable.",
            "😂😂",
            "Ours does the same!",
        ],
    },
    Place {
        community: Some("Photography"),
        weight: 1,
        posts: &[
            "Golden hour at Belém yesterday, shot on my phone. Not bad for a phone. 📷 #photowalk",
            "Fog over the Spree this morning. I was late for work, but look at it. #berlin",
            "Developed my first roll of black-and-white film at home. Half the frames are grey; the other half I love. #film",
            "Photo walk idea: the Toronto Islands on Sunday morning, ferry at 9:00. #photowalk",
        ],
        replies: &[
            "Beautiful light.",
            "What lens was that?",
            "I'll join the next walk!",
            "Stunning 😍",
        ],
    },
    Place {
        community: Some("Cooking"),
        weight: 2,
        posts: &[
            "Potluck next Friday in the Lisbon kitchen. Sign-up sheet is on the fridge; we have six desserts and no mains yet. #potluck",
            "Lunch-box idea: roasted chickpeas, feta and whatever vegetables survived the weekend. 🥗 #recipes",
            "Made pierogi from my grandmother's recipe. Happy to share it, and the three I have left. #recipes",
            "Best soup for a cold day? I need ideas, Berlin is grey again. 🍲",
            "Sourdough attempt number four: it rose! Photo as proof. 🍞",
        ],
        replies: &[
            "Recipe, please!",
            "Looks delicious.",
            "I'll bring a salad.",
            "Saving this one.",
        ],
    },
    Place {
        community: Some("Board games"),
        weight: 1,
        posts: &[
            "Game night in Berlin on Thursday: *Azul* and *Ticket to Ride*, beginners welcome. 🎲 #gamenight",
            "We finished the *Pandemic Legacy* campaign! The world survived, barely. #gamenight",
            "Looking for a two-player game for the train. Small box, big fun. Suggestions? #boardgames",
        ],
        replies: &[
            "I'm in!",
            "*Patchwork* is great for two.",
            "Save me a seat.",
            "Rematch next week?",
        ],
    },
];

/// An asker's thanks once answered.
pub const THANKS: &[&str] = &[
    "That worked, thank you! 🙏",
    "Perfect, thanks a lot.",
    "Thank you, that's exactly what I needed.",
    "Sorted, thanks!",
    "Great, thank you for the quick answer.",
];

pub const QUESTIONS: &[Question] = &[
    Question {
        community: Some("IT help desk"),
        ask: "My laptop keeps asking for the Wi-Fi password in the Berlin office. Is there a new network? #wifi",
        answerers: "tomas_ferreira ana_lima",
        answers: &[
            "Yes: *Kestrel-Staff* replaced *Kestrel-Office*. Forget the old network and sign in to the new one with your usual account.",
        ],
    },
    Question {
        community: Some("IT help desk"),
        ask: "How do I get access to the shared drive of the Marketing team?",
        answerers: "tomas_ferreira ana_lima",
        answers: &[
            "Ask the drive's owner to add you: Marketing's is owned by its head. I can't grant access to team drives myself.",
        ],
    },
    Question {
        community: Some("IT help desk"),
        ask: "Can I connect a second monitor to the new laptops with one cable, or do I need a dock? #laptops",
        answerers: "tomas_ferreira",
        answers: &[
            "One USB-C cable is enough if the monitor has USB-C. Otherwise borrow a dock from the IT shelf.",
            "Works for me with the Dell monitors in Lisbon: one cable, power included.",
        ],
    },
    Question {
        community: Some("IT help desk"),
        ask: "Outlook on my phone stopped syncing the calendar this morning. Anyone else?",
        answerers: "tomas_ferreira ana_lima wei_zhang",
        answers: &[
            "Remove the account in the app and add it again; the sign-in changed with the security update.",
            "Same here, re-adding the account fixed it.",
        ],
    },
    Question {
        community: Some("IT help desk"),
        ask: "What's the right way to share a large file (4 GB video) with a customer? #files",
        answerers: "tomas_ferreira",
        answers: &[
            "Put it in the shared drive and send a link that expires. Never attach it, and please no personal transfer sites.",
        ],
    },
    Question {
        community: Some("IT help desk"),
        ask: "My headset's microphone isn't picked up in video calls since the update. Ideas?",
        answerers: "tomas_ferreira wei_zhang",
        answers: &[
            "Check the input device in the call settings: the update sometimes switches back to the laptop's microphone.",
            "Also check the mute switch on the cable. Ask me how I know. 🙃",
        ],
    },
    Question {
        community: Some("IT help desk"),
        ask: "Is there a way to book a desk in the Lisbon office for a visitor?",
        answerers: "tomas_ferreira ana_lima",
        answers: &[
            "Yes, in the desk booking tool: choose *book for someone else* and give their name.",
        ],
    },
    Question {
        community: Some("IT help desk"),
        ask: "The printer on the 2nd floor in Lisbon says *offline*. Is it just me?",
        answerers: "tomas_ferreira",
        answers: &["Not just you: it lost its network address. Fixed now, try again."],
    },
    Question {
        community: Some("IT help desk"),
        ask: "How long do we keep chat messages? A customer asked whether we archive them. #retention",
        answerers: "ana_lima tomas_ferreira",
        answers: &[
            "Our policy is in the IT wiki under *Retention*. Short version: work records per the policy, and nothing about customers in private chats.",
        ],
    },
    Question {
        community: Some("Engineering"),
        ask: "Where can I find the DALI-2 test reports for the current drivers? #dali",
        answerers: "kenji_watanabe aylin_kaya felix_wagner",
        answers: &[
            "In the certification folder, one per driver and revision. The newest are from last month.",
            "Ask me if one is missing: I keep the originals from the test lab.",
        ],
    },
    Question {
        community: Some("Engineering"),
        ask: "What's our policy on adding a new Rust crate to the gateway? #pulse",
        answerers: "lukas_becker daniel_okafor wei_zhang",
        answers: &[
            "Open a short note in the pull request: what it does, its licence, and who maintains it. Small, well-kept crates are fine.",
            "And run the licence check locally first, it saves a round-trip.",
        ],
    },
    Question {
        community: Some("Engineering"),
        ask: "Can someone explain why the gateway buffers telemetry for 30 seconds before sending?",
        answerers: "lukas_becker wei_zhang priya_raman",
        answers: &[
            "Battery-powered sensors: batching saves radio time. The cloud side doesn't need it faster than that.",
        ],
    },
    Question {
        community: Some("Engineering"),
        ask: "Is there a test luminaire I can borrow for a week to try the commissioning app at home? #commissioning",
        answerers: "mateo_garcia kenji_watanabe felix_wagner",
        answers: &[
            "Two are on the spare shelf in the lab. Write your name on the list next to it.",
        ],
    },
    Question {
        community: Some("Engineering"),
        ask: "How do I get read access to production logs for a support escalation?",
        answerers: "wei_zhang daniel_okafor lukas_becker",
        answers: &[
            "Request the *logs-readonly* role in the access portal; your lead approves it. It expires after 30 days.",
        ],
    },
    Question {
        community: Some("Engineering"),
        ask: "Which Bluetooth mesh relay setting do we recommend for large warehouses? #firmware",
        answerers: "priya_raman kenji_watanabe",
        answers: &[
            "Relays on mains-powered fittings only, TTL of 5. The installer guide has a table by floor size.",
        ],
    },
    Question {
        community: None,
        ask: "How many days of holiday can I carry over to next year? #holidays",
        answerers: "grace_mwangi pedro_alves nadia_rahman",
        answers: &[
            "Up to five days, used by the end of March. More than that needs your manager's OK.",
        ],
    },
    Question {
        community: None,
        ask: "Who do I ask about a bike for the bike-to-work scheme? #benefits",
        answerers: "grace_mwangi nadia_rahman ines_carvalho",
        answers: &[
            "People & Culture. Send the quote from the bike shop and we'll do the rest.",
            "I did it last year, took about two weeks from quote to bike.",
        ],
    },
    Question {
        community: None,
        ask: "Does anyone have a template for a customer visit report? #sales",
        answerers: "mark_sullivan emily_chen julia_schmidt",
        answers: &[
            "In the sales drive under *Templates*. One page: who, what they need, next steps.",
        ],
    },
    Question {
        community: None,
        ask: "Is the Berlin office open on public holidays? I'd like to work from there on the next one.",
        answerers: "yusuf_demir ana_lima",
        answers: &[
            "Open, but with the heating on low and nobody at reception. Bring a jumper and your badge.",
        ],
    },
    Question {
        community: None,
        ask: "How do I claim a train ticket I paid for myself? #expenses",
        answerers: "ines_carvalho robert_klein",
        answers: &[
            "In the expenses tool, with a photo of the ticket. Second class, unless the trip is longer than four hours.",
        ],
    },
    Question {
        community: None,
        ask: "Where do we keep the latest brand templates for slides? #brand",
        answerers: "olivia_brown fatima_khan zoe_harris beatriz_rocha",
        answers: &[
            "In the Marketing drive under *Brand kit*. Please use the new ones: the old logo is retired.",
        ],
    },
    Question {
        community: None,
        ask: "Can someone recommend a good German course in Berlin for beginners?",
        answerers: "",
        answers: &[
            "The Volkshochschule has evening courses, cheap and good. The company pays half, ask People & Culture.",
        ],
    },
    Question {
        community: Some("Customer stories"),
        ask: "Do we have a reference customer in healthcare in the UK I could mention to a prospect?",
        answerers: "james_obrien tariq_haddad zoe_harris",
        answers: &[
            "Not yet in the UK, but the Porto hospital agreed to take calls. Ask before you share their contact.",
        ],
    },
    Question {
        community: Some("Product launches"),
        ask: "Will there be a recording of the launch webinar for customers who can't make it?",
        answerers: "olivia_brown fatima_khan beatriz_rocha",
        answers: &[
            "Yes, on the website the day after, and we'll send it to everyone who registered.",
        ],
    },
    Question {
        community: Some("Cooking"),
        ask: "Good vegetarian main for the potluck that travels well on the metro?",
        answerers: "",
        answers: &["A big tortilla. Sturdy, tasty, fine at room temperature."],
    },
    Question {
        community: Some("Running club"),
        ask: "Any tips for a first half marathon? Ten weeks to go. #runclub",
        answerers: "lukas_becker diego_romero robert_klein",
        answers: &[
            "Slow long runs, one faster session a week, and don't try anything new on race day. Not even socks.",
            "And practise drinking while running. Harder than it sounds.",
        ],
    },
];

/// A sharer's comment on a colleague's post, shared with the whole company.
pub const SHARE_COMMENTS: &[&str] = &[
    "Worth a read for everyone, not only the team. 👇",
    "Good news from colleagues, in case you missed it.",
    "This is the kind of thing our customers ask about. Sharing.",
    "Great work, sharing it more widely. 👏",
    "Interesting read for anyone talking to customers.",
];

/// The network admin's company-wide announcements, every few weeks, oldest first.
pub const ANNOUNCEMENTS: &[&str] = &[
    r#"
    **We're trying out Hearth** 👋

    For the next few weeks Engineering and Operations use Hearth, our own internal network, instead of the long e-mail threads. Everyone is welcome to look around, join communities and post.

    Tell @tomas_ferreira or me what works and what doesn't. #hearth
    "#,
    r#"
    **All-hands on Thursday at 15:00 Lisbon time**, in the Lisbon kitchen and on video.

    Send your questions as replies here; anonymous ones go to @grace_mwangi. #allhands
    "#,
    r#"
    **A new expense tool from Monday** 🧾

    Take a photo of the receipt in the app and it fills in the rest. The old forms work until the end of the month. Questions to @ines_carvalho. #expenses
    "#,
    r#"
    **A password manager for everyone**

    Everyone gets a password manager account this week. Enrolment takes ten minutes; @tomas_ferreira runs drop-in sessions in every office. #security
    "#,
];

/// The demo's everyday group chats; those in `chats` are the ones of the last days.
pub const CHATS: &[Chat] = &[
    Chat {
        title: "Berlin office",
        members: "yusuf_demir ingrid_halvorsen lukas_becker kenji_watanabe julia_schmidt \
                  robert_klein jonas_richter stefan_hoffmann aylin_kaya felix_wagner wei_zhang",
        exchanges: &[
            &[
                "Pizza in the kitchen, first come first served 🍕",
                "On my way!",
                "Saved you a slice.",
            ],
            &[
                "Who has the key to the big meeting room?",
                "Reception has a spare.",
                "Got it, thanks!",
            ],
            &[
                "The S-Bahn is down again, I'll be 20 minutes late.",
                "No rush, the stand-up moved to 10:00.",
            ],
            &[
                "Anyone want to share a taxi to the airport tomorrow at 7?",
                "Me! Flight at 9:30.",
                "Great, I'll book it.",
            ],
            &[
                "The coffee machine is descaling, 15 minutes.",
                "The longest 15 minutes of the day. ☕",
            ],
            &[
                "Delivery for the lab at reception, quite heavy.",
                "Coming down with the trolley.",
            ],
        ],
    },
    Chat {
        title: "Support team",
        members: "hannah_weber samuel_adeyemi lea_novak diego_romero rita_sousa arjun_mehta \
                  tom_hughes chiara_rossi",
        exchanges: &[
            &[
                "Queue is quiet this morning, anyone need help with an escalation?",
                "Yes please, the Munich gateway ticket.",
                "On it.",
            ],
            &[
                "Heads-up: a customer in Leeds reports flicker after the update.",
                "Which driver?",
                "The old 40 W one. I'll send the logs.",
            ],
            &[
                "Handing over to Toronto: three open tickets, all waiting on customers.",
                "Thanks, got them. Have a good evening!",
            ],
            &[
                "Knowledge base article on resetting a gateway is updated.",
                "Great, I'll link it in my replies.",
            ],
            &[
                "Can someone cover my chat shift on Friday afternoon?",
                "I can take it.",
                "Thank you! 🙏",
            ],
            &[
                "We hit 95% satisfaction this week. 🎉",
                "Well done, everyone!",
                "🎉🎉",
            ],
        ],
    },
    Chat {
        title: "Lisbon lunch",
        members: "carlos_mendes beatriz_rocha pedro_alves ines_carvalho rafael_santos sofia_marques \
                  joao_pereira marta_kowalska rita_sousa miguel_oliveira",
        exchanges: &[
            &[
                "Lunch at 12:30? The tasca by the river?",
                "Yes!",
                "I'll be five minutes late, order me the fish.",
            ],
            &[
                "Pastéis de nata on the 3rd floor, help yourselves.",
                "You are a hero.",
                "Already had two. 🙈",
            ],
            &["Anyone going to the market later?", "I can come at 13:00."],
            &[
                "Sushi or the new burger place today?",
                "Burger!",
                "Sushi, but I'll be outvoted.",
            ],
            &[
                "Sun is out, lunch on the terrace?",
                "Absolutely ☀️",
                "Bringing my salad up.",
            ],
        ],
    },
];
