//! Properties of reading settings: whatever a file holds, loading either yields
//! exactly the values written or refuses with a reason, and never panics.

#![expect(
    clippy::result_large_err,
    reason = "figment::Jail's closures must return figment::Error"
)]

use super::*;
use proptest::prelude::*;

/// A TOML basic string holding `text` (JSON's escapes are a subset of TOML's).
fn toml_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

fn load(file: &str) -> anyhow::Result<Config> {
    let mut loaded = None;
    figment::Jail::expect_with(|jail| {
        jail.create_file("hearth.toml", file)?;
        loaded = Some(Config::load(None, &Overrides::default()));
        Ok(())
    });
    loaded.unwrap_or_else(|| Err(anyhow::anyhow!("the jail did not run")))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn counts_load_exactly_when_they_fit_and_are_positive(
        key in prop::sample::select(vec![
            "db_max_connections",
            "request_timeout_secs",
            "mail_cap_per_hour",
            "mail_claim_secs",
            "mail_concurrency",
        ]),
        value in prop_oneof![any::<i64>(), -3i64..300],
    ) {
        let loaded = load(&format!("{key} = {value}\n"));
        let fits = u32::try_from(value).is_ok() || (key.ends_with("_secs") && value >= 0);
        match loaded {
            Ok(config) => {
                prop_assert!(fits && value >= 1, "{key} = {value} was accepted");
                let read = match key {
                    "db_max_connections" => i64::from(config.db_max_connections),
                    "request_timeout_secs" => config.request_timeout_secs as i64,
                    "mail_cap_per_hour" => i64::from(config.mail_cap_per_hour),
                    "mail_concurrency" => i64::from(config.mail_concurrency),
                    _ => config.mail_claim_secs as i64,
                };
                prop_assert_eq!(read, value);
            }
            Err(err) => prop_assert!(!fits || value < 1, "{key} = {value} refused: {err:#}"),
        }
    }

    #[test]
    fn a_listen_address_loads_exactly_when_it_parses(listen in "\\PC{0,30}|[0-9.:\\[\\]a-f]{0,24}") {
        let loaded = load(&format!("listen = {}\n", toml_string(&listen)));
        let parses = listen.parse::<SocketAddr>().is_ok();
        match loaded {
            Ok(config) => {
                prop_assert!(parses, "{listen:?} was accepted");
                prop_assert_eq!(config.listen, listen);
            }
            Err(err) => {
                prop_assert!(!parses, "{listen:?} refused: {err:#}");
                prop_assert!(format!("{err:#}").contains("listen"), "{err:#}");
            }
        }
    }

    #[test]
    fn a_database_url_loads_exactly_when_its_scheme_is_known(url in "\\PC{0,40}|(sqlite|postgres|postgresql|mysql|http)://[a-z/._]{0,20}") {
        let loaded = load(&format!("database_url = {}\n", toml_string(&url)));
        let scheme = url.trim().split_once(':').map(|(scheme, _)| scheme);
        let known = url.trim().is_empty()
            || matches!(scheme, Some("sqlite" | "postgres" | "postgresql"));
        prop_assert_eq!(loaded.is_ok(), known, "{:?}", url);
    }

    #[test]
    fn the_digest_day_loads_exactly_when_it_names_a_day(day in "\\PC{0,12}|(?i)(mon|tues|wednes|thurs|fri|satur|sun)day") {
        let loaded = load(&format!("[digest]\nweekly_day = {}\n", toml_string(&day)));
        let names_a_day = [
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        ]
        .contains(&day.trim().to_ascii_lowercase().as_str());
        prop_assert_eq!(loaded.is_ok(), names_a_day, "{:?}", day);
    }
}
