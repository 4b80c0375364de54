//! Sign-in throttling, per account from one client address and per client address,
//! so that neither one account nor one machine can be used to guess passwords at
//! speed. Limits are kept in memory per node: several nodes each allow the quota,
//! which still bounds guessing to a small multiple.
//!
//! The account's allowance is kept per (account, address) rather than per account
//! alone: with one allowance per account, anyone could fail five times with an
//! admin's e-mail address and refuse the admin's right password, from anywhere, for
//! as long as they kept failing; that would also close the break-glass password
//! sign-in an admin needs while single sign-on is required and the provider is down.
//! Keyed by address, failures only throttle the address they come from. The price is
//! that guessing one account from many addresses goes faster; the per-address
//! allowance still bounds each address, and an IPv6 client counts as its /64, the
//! block one subscriber usually holds, so that it cannot take a fresh address for
//! every guess.

use crate::AppError;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::net::{IpAddr, Ipv6Addr};
use std::num::NonZeroU32;
use std::time::Duration;

/// How many sign-in attempts are allowed in a burst, and how fast the allowance
/// comes back.
#[derive(Debug, Clone)]
pub struct SignInLimits {
    /// Attempts for one account from one address (and, for changing a password or
    /// confirming it, for one account).
    pub per_account_burst: u32,
    pub per_account_refill: Duration,
    pub per_address_burst: u32,
    pub per_address_refill: Duration,
}

impl Default for SignInLimits {
    fn default() -> Self {
        Self {
            per_account_burst: 5,
            per_account_refill: Duration::from_secs(60),
            per_address_burst: 20,
            per_address_refill: Duration::from_secs(6),
        }
    }
}

pub struct SignInLimiter {
    per_account: DefaultKeyedRateLimiter<String>,
    per_address: DefaultKeyedRateLimiter<String>,
}

pub(crate) fn quota(burst: u32, refill: Duration) -> Quota {
    let burst = NonZeroU32::new(burst.max(1)).unwrap_or(NonZeroU32::MIN);
    Quota::with_period(refill.max(Duration::from_millis(1)))
        .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
        .allow_burst(burst)
}

impl SignInLimiter {
    pub fn new(limits: &SignInLimits) -> Self {
        Self {
            per_account: RateLimiter::keyed(quota(
                limits.per_account_burst,
                limits.per_account_refill,
            )),
            per_address: RateLimiter::keyed(quota(
                limits.per_address_burst,
                limits.per_address_refill,
            )),
        }
    }

    /// Counts one attempt for this account from this address, or says how long to
    /// wait.
    pub fn check(&self, account: &str, address: &str) -> Result<(), AppError> {
        let address = address_key(address);
        self.per_address.check_key(&address).map_err(retry_later)?;
        self.check_account(&format!("{account} from {address}"))
    }

    /// Counts one attempt against an account's allowance only.
    pub fn check_account(&self, account: &str) -> Result<(), AppError> {
        self.per_account
            .check_key(&account.to_owned())
            .map_err(retry_later)?;
        // Forget keys that are back to a full allowance, so memory stays bounded.
        if self.per_address.len() > 10_000 {
            self.per_address.retain_recent();
        }
        if self.per_account.len() > 10_000 {
            self.per_account.retain_recent();
        }
        Ok(())
    }
}

/// The key an address is throttled by: an IPv4 address itself, an IPv6 address's
/// /64 network, and anything unreadable as given.
fn address_key(address: &str) -> String {
    match address.parse::<IpAddr>() {
        Ok(IpAddr::V6(v6)) if v6.to_ipv4_mapped().is_none() => {
            let network = u128::from(v6) & !u128::from(u64::MAX);
            format!("{}/64", Ipv6Addr::from(network))
        }
        Ok(IpAddr::V6(v6)) => v6.to_canonical().to_string(),
        Ok(IpAddr::V4(v4)) => v4.to_string(),
        Err(_) => address.to_owned(),
    }
}

pub(crate) fn retry_later(
    not_until: governor::NotUntil<governor::clock::QuantaInstant>,
) -> AppError {
    let wait = not_until.wait_time_from(DefaultClock::default().now());
    AppError::RateLimited {
        retry_after_secs: wait.as_secs() + u64::from(wait.subsec_nanos() > 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_account_allowance_runs_out_and_says_when_to_retry() {
        let limiter = SignInLimiter::new(&SignInLimits {
            per_account_burst: 2,
            per_account_refill: Duration::from_secs(30),
            per_address_burst: 100,
            per_address_refill: Duration::from_secs(1),
        });
        assert!(limiter.check("ana@example.com", "10.0.0.1").is_ok());
        assert!(limiter.check("ana@example.com", "10.0.0.1").is_ok());
        match limiter.check("ana@example.com", "10.0.0.1") {
            Err(AppError::RateLimited { retry_after_secs }) => {
                assert!((1..=30).contains(&retry_after_secs), "{retry_after_secs}")
            }
            other => panic!("expected a rate limit, got {other:?}"),
        }
        assert!(limiter.check("ben@example.com", "10.0.0.1").is_ok());
        assert!(
            limiter.check("ana@example.com", "10.0.0.2").is_ok(),
            "another address still has the account's allowance"
        );
    }

    #[test]
    fn an_ipv6_client_counts_as_its_slash_64() {
        let limiter = SignInLimiter::new(&SignInLimits {
            per_account_burst: 2,
            per_account_refill: Duration::from_secs(60),
            per_address_burst: 100,
            per_address_refill: Duration::from_secs(1),
        });
        assert!(limiter.check("ana@example.com", "2001:db8:1:2::1").is_ok());
        assert!(limiter.check("ana@example.com", "2001:db8:1:2::2").is_ok());
        assert!(matches!(
            limiter.check("ana@example.com", "2001:db8:1:2:ffff::9"),
            Err(AppError::RateLimited { .. })
        ));
        assert!(limiter.check("ana@example.com", "2001:db8:1:3::1").is_ok());
        assert_eq!(address_key("::ffff:10.0.0.1"), "10.0.0.1");
        assert_eq!(address_key("unknown"), "unknown");
    }

    #[test]
    fn one_address_cannot_try_many_accounts_quickly() {
        let limiter = SignInLimiter::new(&SignInLimits {
            per_account_burst: 100,
            per_account_refill: Duration::from_secs(1),
            per_address_burst: 3,
            per_address_refill: Duration::from_secs(60),
        });
        for n in 0..3 {
            assert!(
                limiter
                    .check(&format!("u{n}@example.com"), "10.0.0.9")
                    .is_ok()
            );
        }
        assert!(matches!(
            limiter.check("u9@example.com", "10.0.0.9"),
            Err(AppError::RateLimited { .. })
        ));
    }
}
