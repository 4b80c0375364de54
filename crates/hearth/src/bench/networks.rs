//! `hearth bench networks`: what external networks cost over the company `bench
//! social` seeds. The people behind the benchmark's tokens are added to an external
//! network with a few posts of its own; then the home feed as it always is, the same
//! feed asked for through the `Hearth-Network` header, the external network's feed
//! through the header (the caller's row there found on every request), the list
//! of the caller's networks (what every page's header reads), and the sponsor's list
//! of the network's guests, after inviting some who signed up. It prints figures; see
//! docs/BENCHMARKS.md.

use super::load::{Figures, MakeRequest, Server, measure, measure_with, print_table};
use super::{Size, seeded_or_existing};
use crate::config::Config;
use crate::server::{open_store, seeding_settings};
use anyhow::Context;
use hearth_app::audit::Acting;
use hearth_app::domain::Actor;
use hearth_app::external_networks::{self, NewExternalNetwork};
use hearth_app::posts::{self, NewPost};
use hearth_app::{App, guests, invitations, sessions, system_clock, tokens};
use reqwest::Method;
use std::sync::Arc;

/// Posts written in the external network before measuring.
const EXTERNAL_POSTS: usize = 200;
/// Guests invited into it who accepted, each a post's author too.
const GUESTS: usize = 50;

pub async fn run(config: &Config, size: &Size, seconds: u64, existing: bool) -> anyhow::Result<()> {
    println!("machine: {}", super::chat::report::machine());
    let seeded = Arc::new(seeded_or_existing(config, size, existing).await?);
    let (home, external) = {
        let store = open_store(config).await?;
        let app = App::new(
            store.clone(),
            seeding_settings(config, 1021),
            system_clock(),
        )?;
        let made = join_external_network(&app, &seeded.tokens).await;
        store.close().await;
        made?
    };
    let sponsor_only = super::seed::Seeded {
        tokens: seeded.tokens.iter().take(1).cloned().collect(),
        ..(*seeded).clone()
    };
    let server = Server::start(&config.database_url()).await?;
    let mut results: Vec<Figures> = Vec::new();
    let mut peak_rss: f64 = 0.0;
    let feed: MakeRequest =
        Arc::new(|_, _| (Method::GET, "/api/hearth/v1/feed?limit=20".to_owned(), None));
    let networks: MakeRequest =
        Arc::new(|_, _| (Method::GET, "/api/hearth/v1/networks".to_owned(), None));
    for concurrency in [1, 64] {
        let at = (concurrency, seconds);
        let header = |network: &String| vec![("hearth-network", network.clone())];
        let runs = [
            ("home feed, first page", &feed, Vec::new()),
            ("home feed, naming the home network", &feed, header(&home)),
            (
                "external network's feed, by the header",
                &feed,
                header(&external),
            ),
            ("the caller's networks", &networks, Vec::new()),
        ];
        for (name, make, headers) in runs {
            let figures = measure_with(name, &server, &seeded, at, make.clone(), &headers).await?;
            results.push(figures);
            peak_rss = peak_rss.max(server.memory_mib().0);
        }
        // Only the sponsor may list the guests: every worker acts as them.
        let guests: MakeRequest = {
            let path = format!("/api/hearth/v1/networks/{external}/guests");
            Arc::new(move |_, _| (Method::GET, path.clone(), None))
        };
        let figures = measure_with(
            "the network's guests, as its sponsor lists them",
            &server,
            &sponsor_only,
            at,
            guests,
            &[],
        )
        .await?;
        results.push(figures);
        peak_rss = peak_rss.max(server.memory_mib().0);
    }
    // Still the home network's feed after all that, so the rows compare in one run.
    results.push(
        measure(
            "home feed, first page (again)",
            &server,
            &seeded,
            64,
            seconds,
            feed,
        )
        .await?,
    );
    let (_, high_water) = server.memory_mib();
    server.stop().await;

    print_table(&results);
    println!();
    println!(
        "server resident memory: {peak_rss:.0} MiB sampled under load, {high_water:.0} MiB peak"
    );
    Ok(())
}

/// Lets employees create external networks, has the first token's owner create one,
/// adds every other token's owner, invites guests who sign up, and writes a few posts
/// there. Answers the home
/// network's id and the external one's, as the header takes them.
async fn join_external_network(app: &App, secrets: &[String]) -> anyhow::Result<(String, String)> {
    let mut people = Vec::with_capacity(secrets.len());
    for secret in secrets {
        people.push(tokens::authenticate(app, secret).await?);
    }
    let (sponsor, others) = people.split_first().context("the seed made no tokens")?;
    let home = sponsor.network_id;
    {
        let mut db = app.store().conn().await?;
        hearth_store::external_networks::set_members_create(&mut db, home, true).await?;
    }
    let by_sponsor = Actor::User(sponsor.clone());
    let input = NewExternalNetwork {
        name: format!("Bench suppliers {}", app.now()),
        description: "Measured by hearth bench networks".to_owned(),
        guest_domain: None,
        guest_days: None,
    };
    let network = external_networks::create(app, Acting::new(&by_sponsor, "bench"), &input)
        .await?
        .network;
    let mut rows = vec![external_networks::acting_in(app, sponsor, network.id).await?];
    for person in others {
        if person.id == sponsor.id {
            continue;
        }
        rows.push(
            external_networks::add_employee(
                app,
                Acting::new(&by_sponsor, "bench"),
                network.id,
                person.id,
            )
            .await?,
        );
    }
    for n in 0..GUESTS {
        let invited = guests::invite(
            app,
            Acting::new(&by_sponsor, "bench"),
            network.id,
            &format!("guest{n}.{}@supplier.bench", app.now()),
        )
        .await?;
        let form = invitations::AcceptForm {
            secret: &invited.secret,
            name: &format!("Guest {n}"),
            password: "bench guest password",
        };
        let client = sessions::ClientInfo {
            address: "bench".to_owned(),
            user_agent: "bench".to_owned(),
        };
        rows.push(invitations::accept(app, form, &client).await?.user);
    }
    for n in 0..EXTERNAL_POSTS {
        let author = Actor::User(rows[n % rows.len()].clone());
        let post = NewPost {
            body: format!("Delivery note {n} for the suppliers"),
            ..NewPost::default()
        };
        posts::create(app, &author, &post).await?;
    }
    app.settled().await;
    Ok((home.to_string(), network.id.to_string()))
}
