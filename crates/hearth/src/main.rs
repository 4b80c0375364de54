use clap::Parser;
use hearth::admin;
use hearth::cli::{AdminCommand, BenchCommand, Cli, Command};
use hearth::config::Config;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("hearth: {err:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let config = Config::load(cli.global.config.as_deref(), &cli.overrides())?;
    hearth::telemetry::init(config.log_format);
    match cli.command {
        Command::Serve(_) => {
            let server = hearth::server::start(&config).await?;
            println!("Hearth is listening on {}", server.public_url);
            if let Some(link) = &server.setup_link {
                println!();
                println!("No network exists yet. Open this one-time link to set up Hearth:");
                println!("  {link}");
                println!();
            }
            server.run_until_signal().await
        }
        Command::Demo(_) => hearth::demo::run(&config).await,
        Command::Admin(AdminCommand::CreateUser {
            email,
            name,
            password_stdin,
            admin: make_admin,
            company,
        }) => {
            let report = admin::create_user(
                &config,
                admin::CreateUser {
                    email: &email,
                    name: &name,
                    password_stdin,
                    admin: make_admin,
                    company: company.as_deref(),
                },
                std::io::stdin().lock(),
            )
            .await?;
            println!("{report}");
            Ok(())
        }
        Command::Admin(AdminCommand::Deactivate { email, reason }) => {
            let report = admin::act_on(&config, &email, admin::Act::Deactivate, &reason).await?;
            println!("{report}");
            Ok(())
        }
        Command::Admin(AdminCommand::Suspend {
            email,
            until,
            reason,
        }) => {
            let act = admin::Act::Suspend { until: &until };
            println!("{}", admin::act_on(&config, &email, act, &reason).await?);
            Ok(())
        }
        Command::Admin(AdminCommand::Reactivate { email, reason }) => {
            let report = admin::act_on(&config, &email, admin::Act::Reactivate, &reason).await?;
            println!("{report}");
            Ok(())
        }
        Command::Admin(AdminCommand::DeleteUser {
            email,
            content,
            reason,
        }) => {
            let act = admin::Act::Delete { content: &content };
            println!("{}", admin::act_on(&config, &email, act, &reason).await?);
            Ok(())
        }
        Command::Admin(AdminCommand::SetRole {
            email,
            role,
            reason,
        }) => {
            let act = admin::Act::SetRole { role: &role };
            println!("{}", admin::act_on(&config, &email, act, &reason).await?);
            Ok(())
        }
        Command::Bench(BenchCommand::Digest {
            users,
            communities,
            posts,
            reactions,
            smtp,
            existing,
        }) => {
            let size = hearth::bench::Size {
                users,
                communities,
                posts,
                reactions,
            };
            hearth::bench::digest::run(&config, &size, smtp.as_deref(), existing).await
        }
        Command::Bench(BenchCommand::Analytics {
            users,
            communities,
            posts,
            reactions,
            existing,
        }) => {
            let size = hearth::bench::Size {
                users,
                communities,
                posts,
                reactions,
            };
            hearth::bench::analytics::run(&config, &size, existing).await
        }
        Command::Bench(BenchCommand::Offboarding { tries }) => {
            hearth::bench::offboarding::run(&config, tries).await
        }
        Command::Bench(BenchCommand::Uploads {
            uploads,
            size_mb,
            seconds,
            megapixels,
        }) => {
            let options = hearth::bench::uploads::UploadsOptions {
                uploads,
                size_mb,
                seconds,
                megapixels,
            };
            hearth::bench::uploads::run(&config, &options).await
        }
        Command::Bench(BenchCommand::Social {
            users,
            communities,
            posts,
            reactions,
            seconds,
            existing,
        }) => {
            let size = hearth::bench::Size {
                users,
                communities,
                posts,
                reactions,
            };
            hearth::bench::social(&config, &size, seconds, existing).await
        }
        Command::Bench(BenchCommand::Polls {
            users,
            communities,
            posts,
            reactions,
            seconds,
            existing,
        }) => {
            let size = hearth::bench::Size {
                users,
                communities,
                posts,
                reactions,
            };
            hearth::bench::polls::run(&config, &size, seconds, existing).await
        }
        Command::Bench(BenchCommand::Articles {
            users,
            communities,
            posts,
            reactions,
            seconds,
            existing,
        }) => {
            let size = hearth::bench::Size {
                users,
                communities,
                posts,
                reactions,
            };
            hearth::bench::articles::run(&config, &size, seconds, existing).await
        }
        Command::Bench(BenchCommand::Embed {
            users,
            communities,
            posts,
            reactions,
            seconds,
            existing,
        }) => {
            let size = hearth::bench::Size {
                users,
                communities,
                posts,
                reactions,
            };
            hearth::bench::embed::run(&config, &size, seconds, existing).await
        }
        Command::Bench(BenchCommand::Networks {
            users,
            communities,
            posts,
            reactions,
            seconds,
            existing,
        }) => {
            let size = hearth::bench::Size {
                users,
                communities,
                posts,
                reactions,
            };
            hearth::bench::networks::run(&config, &size, seconds, existing).await
        }
        Command::Bench(BenchCommand::Chat {
            clients,
            group_size,
            rate,
            seconds,
            connect_concurrency,
            senders,
            max_backoff_ms,
            fresh_credentials,
        }) => {
            let options = hearth::bench::chat::ChatOptions {
                clients,
                group_size,
                rate,
                seconds,
                connect_concurrency,
                senders,
                max_backoff: std::time::Duration::from_millis(max_backoff_ms),
                fresh_credentials,
                database_url: cli.global.database_url.clone(),
            };
            hearth::bench::chat::run(&config, &options).await
        }
        Command::Admin(AdminCommand::Audit {
            action,
            from,
            until,
            format,
            out,
        }) => {
            let query = hearth_app::export::AuditQuery {
                action,
                from,
                until,
                ..Default::default()
            };
            let report = admin::audit_log(&config, query, &format, out.as_deref()).await?;
            eprintln!("{report}");
            Ok(())
        }
        Command::Admin(AdminCommand::Retention {
            days,
            off,
            dry_run,
            apply,
        }) => {
            let args = admin::RetentionArgs {
                days,
                off,
                dry_run,
                apply,
            };
            println!("{}", admin::retention(&config, args).await?);
            Ok(())
        }
        Command::Admin(AdminCommand::Backup { out }) => {
            println!("{}", admin::backup(&config, &out).await?);
            Ok(())
        }
        Command::Admin(AdminCommand::Restore { from, replace }) => {
            println!("{}", admin::restore(&config, &from, replace).await?);
            Ok(())
        }
        Command::Admin(AdminCommand::Reindex {
            text_search_configuration,
        }) => {
            println!(
                "{}",
                admin::reindex(&config, text_search_configuration.as_deref()).await?
            );
            Ok(())
        }
        Command::Admin(AdminCommand::SendDigests { period }) => {
            println!("{}", admin::send_digests(&config, &period).await?);
            Ok(())
        }
        Command::Admin(AdminCommand::Export { out, user }) => {
            let report = admin::export(&config, &out, user.as_deref()).await?;
            println!("{report}");
            Ok(())
        }
        Command::Admin(AdminCommand::CreateToken { email, name }) => {
            let secret = admin::create_token(&config, &email, &name).await?;
            println!("{secret}");
            Ok(())
        }
        Command::Admin(AdminCommand::CreateScimToken { name }) => {
            println!("{}", admin::create_scim_token(&config, &name).await?);
            Ok(())
        }
        Command::Admin(AdminCommand::RevokeScimToken { id }) => {
            println!("{}", admin::revoke_scim_token(&config, id).await?);
            Ok(())
        }
        Command::Admin(AdminCommand::Invite { email, role }) => {
            println!("{}", admin::invite(&config, &email, &role).await?);
            Ok(())
        }
        Command::Admin(AdminCommand::PublishUsagePolicy { file }) => {
            println!("{}", admin::publish_usage_policy(&config, &file).await?);
            Ok(())
        }
    }
}
