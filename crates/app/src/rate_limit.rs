//! Sign-in throttling, per account and per client address, so that neither one
//! account nor one machine can be used to guess passwords at speed. Limits are kept
//! in memory per node: several nodes each allow the quota, which still bounds
//! guessing to a small multiple.

use crate::AppError;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::num::NonZeroU32;
use std::time::Duration;

/// How many sign-in attempts are allowed in a burst, and how fast the allowance
/// comes back.
#[derive(Debug, Clone)]
pub struct SignInLimits {
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

    /// Counts one attempt for this account and address, or says how long to wait.
    pub fn check(&self, account: &str, address: &str) -> Result<(), AppError> {
        self.per_address
            .check_key(&address.to_owned())
            .map_err(retry_later)?;
        self.check_account(account)
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
        assert!(limiter.check("ana@example.com", "10.0.0.2").is_ok());
        match limiter.check("ana@example.com", "10.0.0.3") {
            Err(AppError::RateLimited { retry_after_secs }) => {
                assert!((1..=30).contains(&retry_after_secs), "{retry_after_secs}")
            }
            other => panic!("expected a rate limit, got {other:?}"),
        }
        assert!(limiter.check("ben@example.com", "10.0.0.3").is_ok());
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
