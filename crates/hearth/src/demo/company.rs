//! The demo company, Kestrel Lighting: its people, who follows whom, and its
//! communities.
//!
//! Everything here is data. People are named by the handle Hearth derives from their
//! e-mail address (`ana.lima@example.com` is `ana_lima`), communities by name. Times
//! are minutes before the moment the demo is seeded.

pub const COMPANY: &str = "Kestrel Lighting";
/// Every demo account's e-mail address is `<first>.<last>@` this domain.
pub const EMAIL_DOMAIN: &str = "example.com";

/// Minutes before the seeding moment.
pub const fn ago(days: i64, hours: i64) -> i64 {
    (days * 24 + hours) * 60
}

/// Someone to name when saying that everyone signs in with the demo password.
pub const ANOTHER_PERSON: &str = "daniel_okafor";

/// When the accounts were opened, the communities founded and joined, and people
/// followed each other: just before the twelve weeks of `history`.
pub const ACCOUNTS_OPENED: i64 = ago(104, 0);
pub const COMMUNITIES_FOUNDED: i64 = ago(102, 0);
pub const PEOPLE_FOLLOWED: i64 = ago(101, 0);
/// When the join requests that are still waiting were made, after every conversation.
pub const REQUESTS_MADE: i64 = ago(0, 2);

pub struct Person {
    pub handle: &'static str,
    pub name: &'static str,
    pub title: &'static str,
    pub department: &'static str,
    pub location: &'static str,
    pub time_zone: &'static str,
    pub manager: Option<&'static str>,
    pub about: &'static str,
}

/// People who chose a language of their own in settings; everyone else reads Hearth
/// in their browser's language. Signing in as one of them shows the interface in it.
pub const LANGUAGES: &[(&str, &str)] = &[
    ("ingrid_halvorsen", "de"),
    ("lukas_becker", "de"),
    ("tomas_ferreira", "pt-BR"),
    ("beatriz_rocha", "pt-BR"),
];

/// The first person is the network administrator, who signs in to the demo.
pub const PEOPLE: &[Person] = &[
    Person {
        handle: "ana_lima",
        name: "Ana Lima",
        title: "Head of Operations",
        department: "Operations",
        location: "Lisbon",
        time_zone: "Europe/Lisbon",
        manager: Some("helena_costa"),
        about: "Operations, IT and our four offices. I also look after Hearth: if something here looks off, tell me.",
    },
    Person {
        handle: "helena_costa",
        name: "Helena Costa",
        title: "Chief Executive Officer",
        department: "Leadership",
        location: "Lisbon",
        time_zone: "Europe/Lisbon",
        manager: None,
        about: "Co-founded Kestrel in 2012 after ten years lighting theatre stages. Office hours every Thursday afternoon: book a slot, bring anything.",
    },
    Person {
        handle: "tomas_ferreira",
        name: "Tomás Ferreira",
        title: "IT Systems Administrator",
        department: "Operations",
        location: "Lisbon",
        time_zone: "Europe/Lisbon",
        manager: Some("ana_lima"),
        about: "Laptops, accounts, VPN and Wi-Fi. Ask in *IT help desk* and I'll get to it. Weekend surfer at Carcavelos.",
    },
    Person {
        handle: "ingrid_halvorsen",
        name: "Ingrid Halvorsen",
        title: "Supply Chain Manager",
        department: "Operations",
        location: "Berlin",
        time_zone: "Europe/Berlin",
        manager: Some("ana_lima"),
        about: "I make sure the LEDs, drivers and aluminium arrive before the assembly line needs them. Norwegian in Berlin, fond of spreadsheets and cross-country skiing.",
    },
    Person {
        handle: "yusuf_demir",
        name: "Yusuf Demir",
        title: "Office & Facilities Coordinator",
        department: "Operations",
        location: "Berlin",
        time_zone: "Europe/Berlin",
        manager: Some("ana_lima"),
        about: "Desks, keys, deliveries and the coffee machine in Berlin. Ask me before you order furniture.",
    },
    Person {
        handle: "daniel_okafor",
        name: "Daniel Okafor",
        title: "VP Engineering",
        department: "Engineering",
        location: "Berlin",
        time_zone: "Europe/Berlin",
        manager: Some("helena_costa"),
        about: "Firmware, cloud and apps. Before Kestrel I built grid-edge devices at a utility start-up. Happy to review any design doc.",
    },
    Person {
        handle: "priya_raman",
        name: "Priya Raman",
        title: "Staff Firmware Engineer",
        department: "Engineering",
        location: "Toronto",
        time_zone: "America/Toronto",
        manager: Some("daniel_okafor"),
        about: "Zephyr, Bluetooth mesh and power budgets. I write the code that dims your lights to 1% without flicker.",
    },
    Person {
        handle: "lukas_becker",
        name: "Lukas Becker",
        title: "Senior Backend Engineer",
        department: "Engineering",
        location: "Berlin",
        time_zone: "Europe/Berlin",
        manager: Some("daniel_okafor"),
        about: "Kestrel Pulse backend: Rust, PostgreSQL, MQTT. Organiser of the Saturday long run.",
    },
    Person {
        handle: "sofia_marques",
        name: "Sofia Marques",
        title: "Frontend Engineer",
        department: "Engineering",
        location: "Lisbon",
        time_zone: "Europe/Lisbon",
        manager: Some("daniel_okafor"),
        about: "I build the Pulse dashboard and the commissioning app. Foster mum to a rotating cast of cats.",
    },
    Person {
        handle: "kenji_watanabe",
        name: "Kenji Watanabe",
        title: "Hardware Engineer",
        department: "Engineering",
        location: "Berlin",
        time_zone: "Europe/Berlin",
        manager: Some("daniel_okafor"),
        about: "LED drivers, thermal design and DALI. Film photographer on weekends.",
    },
    Person {
        handle: "chloe_martin",
        name: "Chloé Martin",
        title: "Security Engineer",
        department: "Engineering",
        location: "Lyon (remote)",
        time_zone: "Europe/Paris",
        manager: Some("daniel_okafor"),
        about: "Product and corporate security. Report anything suspicious to me: there are no silly reports.",
    },
    Person {
        handle: "mateo_garcia",
        name: "Mateo García",
        title: "QA Engineer",
        department: "Engineering",
        location: "Lisbon",
        time_zone: "Europe/Lisbon",
        manager: Some("daniel_okafor"),
        about: "New here! I break lights professionally: test rigs, soak tests and release sign-off.",
    },
    Person {
        handle: "nora_lindqvist",
        name: "Nora Lindqvist",
        title: "Head of Design",
        department: "Design",
        location: "Stockholm (remote)",
        time_zone: "Europe/Stockholm",
        manager: Some("helena_costa"),
        about: "Product and industrial design. The best light switch is the one you never have to think about.",
    },
    Person {
        handle: "rafael_santos",
        name: "Rafael Santos",
        title: "Product Designer",
        department: "Design",
        location: "Lisbon",
        time_zone: "Europe/Lisbon",
        manager: Some("nora_lindqvist"),
        about: "Designing the Pulse dashboard and the commissioning flow. Ask me for Figma access.",
    },
    Person {
        handle: "aisha_bello",
        name: "Aisha Bello",
        title: "UX Researcher",
        department: "Design",
        location: "Toronto",
        time_zone: "America/Toronto",
        manager: Some("nora_lindqvist"),
        about: "I visit schools, hospitals and offices to watch people live with our lights. I also run the book club.",
    },
    Person {
        handle: "mark_sullivan",
        name: "Mark Sullivan",
        title: "VP Sales",
        department: "Sales",
        location: "Toronto",
        time_zone: "America/Toronto",
        manager: Some("helena_costa"),
        about: "Twenty years selling lighting in North America and Europe. Always happy to join a customer call.",
    },
    Person {
        handle: "julia_schmidt",
        name: "Julia Schmidt",
        title: "Account Executive, DACH",
        department: "Sales",
        location: "Berlin",
        time_zone: "Europe/Berlin",
        manager: Some("mark_sullivan"),
        about: "Municipal and office projects in Germany, Austria and Switzerland. Board game hoarder.",
    },
    Person {
        handle: "carlos_mendes",
        name: "Carlos Mendes",
        title: "Account Executive, Iberia",
        department: "Sales",
        location: "Lisbon",
        time_zone: "Europe/Lisbon",
        manager: Some("mark_sullivan"),
        about: "Schools, hospitals and hotels in Portugal and Spain. Will cook for feedback.",
    },
    Person {
        handle: "emily_chen",
        name: "Emily Chen",
        title: "Sales Engineer",
        department: "Sales",
        location: "Toronto",
        time_zone: "America/Toronto",
        manager: Some("mark_sullivan"),
        about: "Demos, pilots and RFP answers. If a customer asks \"can it do…\", I find out.",
    },
    Person {
        handle: "olivia_brown",
        name: "Olivia Brown",
        title: "Head of Marketing",
        department: "Marketing",
        location: "London",
        time_zone: "Europe/London",
        manager: Some("helena_costa"),
        about: "Brand, launches and the website. Currently living inside the Aurora 2 launch plan.",
    },
    Person {
        handle: "tariq_haddad",
        name: "Tariq Haddad",
        title: "Content Marketing Manager",
        department: "Marketing",
        location: "London",
        time_zone: "Europe/London",
        manager: Some("olivia_brown"),
        about: "Case studies, the blog and the customer newsletter. Send me your customer stories.",
    },
    Person {
        handle: "beatriz_rocha",
        name: "Beatriz Rocha",
        title: "Events & Brand Manager",
        department: "Marketing",
        location: "Lisbon",
        time_zone: "Europe/Lisbon",
        manager: Some("olivia_brown"),
        about: "Trade fairs, the LightFair booth and every Kestrel sticker you have ever seen.",
    },
    Person {
        handle: "grace_mwangi",
        name: "Grace Mwangi",
        title: "Head of People & Culture",
        department: "People & Culture",
        location: "Lisbon",
        time_zone: "Europe/Lisbon",
        manager: Some("helena_costa"),
        about: "Hiring, onboarding, benefits, and making Kestrel a good place to work. My door (and my messages) are open.",
    },
    Person {
        handle: "pedro_alves",
        name: "Pedro Alves",
        title: "Talent Partner",
        department: "People & Culture",
        location: "Lisbon",
        time_zone: "Europe/Lisbon",
        manager: Some("grace_mwangi"),
        about: "I hire engineers and salespeople. Know someone great? Tell me.",
    },
    Person {
        handle: "robert_klein",
        name: "Robert Klein",
        title: "Chief Financial Officer",
        department: "Finance",
        location: "Berlin",
        time_zone: "Europe/Berlin",
        manager: Some("helena_costa"),
        about: "Budgets, forecasts and the occasional no. Runner, slowly.",
    },
    Person {
        handle: "ines_carvalho",
        name: "Inês Carvalho",
        title: "Financial Controller",
        department: "Finance",
        location: "Lisbon",
        time_zone: "Europe/Lisbon",
        manager: Some("robert_klein"),
        about: "Month-end close, expenses and invoices. The expense policy is shorter than you think.",
    },
    Person {
        handle: "hannah_weber",
        name: "Hannah Weber",
        title: "Customer Support Lead",
        department: "Support",
        location: "Berlin",
        time_zone: "Europe/Berlin",
        manager: Some("ana_lima"),
        about: "Leads support across Europe and North America, and brings our customers' voice to every planning meeting.",
    },
    Person {
        handle: "samuel_adeyemi",
        name: "Samuel Adeyemi",
        title: "Support Specialist",
        department: "Support",
        location: "Toronto",
        time_zone: "America/Toronto",
        manager: Some("hannah_weber"),
        about: "North American support, 9 to 5 Eastern. Dog person (see *Pets*).",
    },
    Person {
        handle: "lea_novak",
        name: "Lea Novak",
        title: "Support Specialist",
        department: "Support",
        location: "Ljubljana (remote)",
        time_zone: "Europe/Ljubljana",
        manager: Some("hannah_weber"),
        about: "European support and the knowledge base. Amateur baker.",
    },
    Person {
        handle: "diego_romero",
        name: "Diego Romero",
        title: "Field Service Technician",
        department: "Support",
        location: "Madrid",
        time_zone: "Europe/Madrid",
        manager: Some("hannah_weber"),
        about: "On site when a luminaire misbehaves, anywhere in Iberia. Training for the Madrid half marathon.",
    },
    Person {
        handle: "wei_zhang",
        name: "Wei Zhang",
        title: "Cloud Engineer",
        department: "Engineering",
        location: "Berlin",
        time_zone: "Europe/Berlin",
        manager: Some("daniel_okafor"),
        about: "Kubernetes, the MQTT brokers and the Pulse uptime graph. Ask me why the pager went off at 3 a.m.",
    },
    Person {
        handle: "miguel_oliveira",
        name: "Miguel Oliveira",
        title: "Mobile Engineer",
        department: "Engineering",
        location: "Lisbon",
        time_zone: "Europe/Lisbon",
        manager: Some("daniel_okafor"),
        about: "The commissioning app on iOS and Android. Padel on Tuesdays, losing gracefully.",
    },
    Person {
        handle: "felix_wagner",
        name: "Felix Wagner",
        title: "Optical Engineer",
        department: "Engineering",
        location: "Berlin",
        time_zone: "Europe/Berlin",
        manager: Some("daniel_okafor"),
        about: "Lenses, diffusers and glare ratings. I can tell you the UGR of any ceiling you are sitting under.",
    },
    Person {
        handle: "amara_nwosu",
        name: "Amara Nwosu",
        title: "Data Engineer",
        department: "Engineering",
        location: "Toronto",
        time_zone: "America/Toronto",
        manager: Some("daniel_okafor"),
        about: "Energy reports in Pulse and the numbers behind our case studies. Bakes sourdough, with mixed results.",
    },
    Person {
        handle: "jonas_richter",
        name: "Jonas Richter",
        title: "Production Planner",
        department: "Operations",
        location: "Berlin",
        time_zone: "Europe/Berlin",
        manager: Some("ingrid_halvorsen"),
        about: "I plan what the assembly line builds each week, and move it around when a container is late. Cycles to work in all weathers.",
    },
    Person {
        handle: "stefan_hoffmann",
        name: "Stefan Hoffmann",
        title: "Assembly Line Lead",
        department: "Operations",
        location: "Berlin",
        time_zone: "Europe/Berlin",
        manager: Some("jonas_richter"),
        about: "Runs the Berlin assembly line: two shifts, eleven people and a very loud label printer.",
    },
    Person {
        handle: "aylin_kaya",
        name: "Aylin Kaya",
        title: "Quality Manager",
        department: "Operations",
        location: "Berlin",
        time_zone: "Europe/Berlin",
        manager: Some("ana_lima"),
        about: "Incoming inspection, certifications (CE, UL, ENEC) and the returns lab. If a luminaire comes back, it comes to me first.",
    },
    Person {
        handle: "marta_kowalska",
        name: "Marta Kowalska",
        title: "Logistics Coordinator",
        department: "Operations",
        location: "Lisbon",
        time_zone: "Europe/Lisbon",
        manager: Some("ingrid_halvorsen"),
        about: "Shipments, customs papers and the Lisbon warehouse. Tell me early, and your demo kit arrives on time.",
    },
    Person {
        handle: "james_obrien",
        name: "James O'Brien",
        title: "Account Executive, UK & Ireland",
        department: "Sales",
        location: "London",
        time_zone: "Europe/London",
        manager: Some("mark_sullivan"),
        about: "Councils, universities and hospital trusts in the UK and Ireland. Will talk about rugby if provoked.",
    },
    Person {
        handle: "marie_tremblay",
        name: "Marie Tremblay",
        title: "Account Executive, Canada",
        department: "Sales",
        location: "Montréal (remote)",
        time_zone: "America/Toronto",
        manager: Some("mark_sullivan"),
        about: "Schools and public buildings in Québec and Ontario, in French or English. Cross-country skier.",
    },
    Person {
        handle: "sara_lindgren",
        name: "Sara Lindgren",
        title: "Account Executive, Nordics",
        department: "Sales",
        location: "Stockholm (remote)",
        time_zone: "Europe/Stockholm",
        manager: Some("mark_sullivan"),
        about: "Offices and warehouses in Sweden, Norway and Denmark, where winter makes lighting everyone's topic.",
    },
    Person {
        handle: "joao_pereira",
        name: "João Pereira",
        title: "Sales Development Representative",
        department: "Sales",
        location: "Lisbon",
        time_zone: "Europe/Lisbon",
        manager: Some("carlos_mendes"),
        about: "First calls and first meetings in Portugal and Spain. Ask me for the latest lead list.",
    },
    Person {
        handle: "zoe_harris",
        name: "Zoe Harris",
        title: "Product Marketing Manager",
        department: "Marketing",
        location: "London",
        time_zone: "Europe/London",
        manager: Some("olivia_brown"),
        about: "Positioning, pricing pages and the sales decks for Aurora and Pulse. Send me the questions customers keep asking.",
    },
    Person {
        handle: "fatima_khan",
        name: "Fatima Khan",
        title: "Digital Marketing Specialist",
        department: "Marketing",
        location: "London",
        time_zone: "Europe/London",
        manager: Some("olivia_brown"),
        about: "The website, webinars and our social accounts. Yes, I can make a GIF of that.",
    },
    Person {
        handle: "erik_johansson",
        name: "Erik Johansson",
        title: "Industrial Designer",
        department: "Design",
        location: "Stockholm (remote)",
        time_zone: "Europe/Stockholm",
        manager: Some("nora_lindqvist"),
        about: "Housings, mounts and the click of the Halo sensor cover. Sketchbook always within reach.",
    },
    Person {
        handle: "nadia_rahman",
        name: "Nadia Rahman",
        title: "People Operations Specialist",
        department: "People & Culture",
        location: "Toronto",
        time_zone: "America/Toronto",
        manager: Some("grace_mwangi"),
        about: "Contracts, benefits and onboarding for North America. The answer to \"who do I ask about…\" is often me.",
    },
    Person {
        handle: "rita_sousa",
        name: "Rita Sousa",
        title: "Support Specialist",
        department: "Support",
        location: "Lisbon",
        time_zone: "Europe/Lisbon",
        manager: Some("hannah_weber"),
        about: "Support in Portuguese and Spanish, and the returns queue. Fado on Friday nights.",
    },
    Person {
        handle: "arjun_mehta",
        name: "Arjun Mehta",
        title: "Technical Support Engineer",
        department: "Support",
        location: "Toronto",
        time_zone: "America/Toronto",
        manager: Some("hannah_weber"),
        about: "Escalations, gateway logs and the odd DALI mystery. Cricket on weekends, in any weather Toronto allows.",
    },
    Person {
        handle: "tom_hughes",
        name: "Tom Hughes",
        title: "Field Service Technician",
        department: "Support",
        location: "London",
        time_zone: "Europe/London",
        manager: Some("hannah_weber"),
        about: "Installations and repairs across the UK, usually from a van somewhere on the M25.",
    },
    Person {
        handle: "chiara_rossi",
        name: "Chiara Rossi",
        title: "Customer Success Manager",
        department: "Support",
        location: "Milan (remote)",
        time_zone: "Europe/Rome",
        manager: Some("hannah_weber"),
        about: "I look after our largest Pulse customers from the first install to the renewal. Espresso opinions available on request.",
    },
];

/// Who follows whom, besides everyone following their manager.
pub const FOLLOWS: &[(&str, &str)] = &[
    (
        "ana_lima",
        "daniel_okafor hannah_weber grace_mwangi olivia_brown tomas_ferreira",
    ),
    (
        "helena_costa",
        "ana_lima daniel_okafor nora_lindqvist mark_sullivan olivia_brown grace_mwangi robert_klein hannah_weber",
    ),
    (
        "daniel_okafor",
        "priya_raman lukas_becker kenji_watanabe chloe_martin nora_lindqvist hannah_weber",
    ),
    ("priya_raman", "kenji_watanabe lukas_becker chloe_martin"),
    (
        "lukas_becker",
        "priya_raman sofia_marques robert_klein diego_romero",
    ),
    (
        "sofia_marques",
        "rafael_santos lukas_becker tomas_ferreira samuel_adeyemi",
    ),
    ("kenji_watanabe", "priya_raman nora_lindqvist julia_schmidt"),
    ("mateo_garcia", "priya_raman kenji_watanabe sofia_marques"),
    (
        "mark_sullivan",
        "julia_schmidt carlos_mendes emily_chen olivia_brown",
    ),
    (
        "olivia_brown",
        "tariq_haddad beatriz_rocha mark_sullivan hannah_weber",
    ),
    ("tariq_haddad", "carlos_mendes aisha_bello"),
    ("aisha_bello", "nora_lindqvist rafael_santos tariq_haddad"),
    ("julia_schmidt", "emily_chen kenji_watanabe"),
    ("carlos_mendes", "diego_romero tariq_haddad"),
    ("grace_mwangi", "pedro_alves ana_lima"),
    ("robert_klein", "ines_carvalho lukas_becker"),
    (
        "hannah_weber",
        "samuel_adeyemi lea_novak diego_romero lukas_becker",
    ),
    ("wei_zhang", "lukas_becker priya_raman tomas_ferreira"),
    (
        "miguel_oliveira",
        "sofia_marques rafael_santos mateo_garcia",
    ),
    (
        "felix_wagner",
        "kenji_watanabe nora_lindqvist erik_johansson",
    ),
    ("amara_nwosu", "lukas_becker tariq_haddad emily_chen"),
    ("jonas_richter", "stefan_hoffmann marta_kowalska aylin_kaya"),
    ("aylin_kaya", "ingrid_halvorsen kenji_watanabe hannah_weber"),
    ("james_obrien", "julia_schmidt tom_hughes zoe_harris"),
    ("marie_tremblay", "emily_chen samuel_adeyemi"),
    ("sara_lindgren", "julia_schmidt nora_lindqvist"),
    ("zoe_harris", "emily_chen tariq_haddad mark_sullivan"),
    ("rita_sousa", "lea_novak carlos_mendes"),
    ("arjun_mehta", "samuel_adeyemi lukas_becker"),
    ("chiara_rossi", "emily_chen julia_schmidt"),
];

pub struct Community {
    pub name: &'static str,
    pub description: &'static str,
    /// `public` or `private`.
    pub visibility: &'static str,
    /// `work` or `social`.
    pub category: &'static str,
    /// Creates the community, approves requests and posts its announcements.
    pub owner: &'static str,
    /// Join (a private community's owner approves them), space-separated.
    pub members: &'static str,
    /// Members the owner makes community admins.
    pub admins: &'static str,
    /// Ask to join and are left waiting for approval.
    pub pending: &'static str,
}

const COMMUNITY: Community = Community {
    name: "",
    description: "",
    visibility: "public",
    category: "work",
    owner: "",
    members: "",
    admins: "",
    pending: "",
};

pub const COMMUNITIES: &[Community] = &[
    Community {
        name: "Engineering",
        description: "Firmware, cloud and apps: design docs, release plans, incidents and questions.",
        owner: "daniel_okafor",
        members: "priya_raman lukas_becker sofia_marques kenji_watanabe chloe_martin mateo_garcia \
                  nora_lindqvist rafael_santos ana_lima emily_chen hannah_weber wei_zhang \
                  miguel_oliveira felix_wagner amara_nwosu erik_johansson arjun_mehta aylin_kaya",
        admins: "priya_raman",
        ..COMMUNITY
    },
    Community {
        name: "Product launches",
        description: "Launch plans, dates and checklists. Announcements here are pinned at the top.",
        owner: "olivia_brown",
        members: "tariq_haddad beatriz_rocha daniel_okafor nora_lindqvist mark_sullivan emily_chen \
                  hannah_weber helena_costa ana_lima priya_raman rafael_santos julia_schmidt \
                  carlos_mendes kenji_watanabe zoe_harris fatima_khan james_obrien sara_lindgren \
                  marie_tremblay felix_wagner",
        admins: "beatriz_rocha",
        ..COMMUNITY
    },
    Community {
        name: "Customer stories",
        description: "Wins, lessons and quotes from the people who live with our lights. Raw material for case studies.",
        owner: "tariq_haddad",
        members: "hannah_weber olivia_brown mark_sullivan carlos_mendes julia_schmidt samuel_adeyemi \
                  lea_novak diego_romero aisha_bello helena_costa emily_chen zoe_harris fatima_khan \
                  rita_sousa arjun_mehta tom_hughes chiara_rossi james_obrien amara_nwosu",
        ..COMMUNITY
    },
    Community {
        name: "IT help desk",
        description: "Laptops, accounts, VPN, Wi-Fi. Ask a question, and mark the answer that solved it so the next person finds it.",
        owner: "tomas_ferreira",
        members: "ana_lima sofia_marques lukas_becker mateo_garcia samuel_adeyemi ines_carvalho \
                  pedro_alves yusuf_demir rafael_santos beatriz_rocha julia_schmidt wei_zhang \
                  marta_kowalska jonas_richter joao_pereira rita_sousa nadia_rahman stefan_hoffmann \
                  chiara_rossi fatima_khan",
        admins: "ana_lima",
        ..COMMUNITY
    },
    Community {
        name: "Sales wins",
        description: "Signed deals and the people who made them happen. 🎉",
        owner: "mark_sullivan",
        members: "julia_schmidt carlos_mendes emily_chen helena_costa robert_klein olivia_brown \
                  kenji_watanabe ingrid_halvorsen hannah_weber james_obrien marie_tremblay \
                  sara_lindgren joao_pereira zoe_harris chiara_rossi",
        ..COMMUNITY
    },
    Community {
        name: "Security",
        description: "Security notices, phishing reports and incident reviews. Private: ask to join, and keep what you read here inside.",
        visibility: "private",
        owner: "chloe_martin",
        members: "tomas_ferreira ana_lima daniel_okafor lukas_becker priya_raman wei_zhang",
        admins: "tomas_ferreira",
        pending: "mateo_garcia",
        ..COMMUNITY
    },
    Community {
        name: "Running club",
        description: "Weekly long runs in Berlin and Lisbon, race plans and strong opinions about shoes.",
        category: "social",
        owner: "lukas_becker",
        members: "robert_klein diego_romero ingrid_halvorsen pedro_alves chloe_martin samuel_adeyemi \
                  sofia_marques mark_sullivan jonas_richter marie_tremblay tom_hughes amara_nwosu",
        ..COMMUNITY
    },
    Community {
        name: "Book club",
        description: "One book a month, chosen by vote in the replies. Spoilers below a line, please.",
        category: "social",
        owner: "aisha_bello",
        members: "nora_lindqvist grace_mwangi tariq_haddad ines_carvalho helena_costa lea_novak \
                  priya_raman hannah_weber erik_johansson nadia_rahman zoe_harris",
        ..COMMUNITY
    },
    Community {
        name: "Pets",
        description: "Cats, dogs and one tortoise. Photos and stories welcome.",
        category: "social",
        owner: "sofia_marques",
        members: "samuel_adeyemi lea_novak beatriz_rocha tomas_ferreira julia_schmidt emily_chen \
                  rafael_santos yusuf_demir grace_mwangi rita_sousa arjun_mehta joao_pereira \
                  fatima_khan",
        ..COMMUNITY
    },
    Community {
        name: "Photography",
        description: "Your shots, gear questions and photo walks. Film and phones equally welcome.",
        category: "social",
        owner: "kenji_watanabe",
        members: "nora_lindqvist rafael_santos tariq_haddad ingrid_halvorsen daniel_okafor aisha_bello \
                  felix_wagner erik_johansson sara_lindgren",
        ..COMMUNITY
    },
    Community {
        name: "Cooking",
        description: "Recipes, lunch-box ideas and the monthly office potluck.",
        category: "social",
        owner: "carlos_mendes",
        members: "lea_novak ines_carvalho beatriz_rocha helena_costa yusuf_demir hannah_weber \
                  pedro_alves mateo_garcia marta_kowalska chiara_rossi nadia_rahman miguel_oliveira",
        ..COMMUNITY
    },
    Community {
        name: "Board games",
        description: "Game nights in the Berlin and Lisbon offices, and what to play next.",
        category: "social",
        owner: "julia_schmidt",
        members: "kenji_watanabe lukas_becker yusuf_demir mateo_garcia emily_chen chloe_martin robert_klein \
                  stefan_hoffmann wei_zhang aylin_kaya",
        ..COMMUNITY
    },
];
