//! Password hashing with argon2id (the crate's defaults follow OWASP's advice). The
//! work runs on the blocking pool so a burst of sign-ins cannot stall the runtime.

use crate::AppError;
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use std::sync::OnceLock;

pub async fn hash(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|err| AppError::Internal(err.to_string().into()))
    })
    .await
    .map_err(|err| AppError::Internal(Box::new(err)))?
}

/// Checks a password against a stored hash. With no stored hash the password is still
/// checked against a throwaway one, so the answer takes as long for an unknown
/// account as for a wrong password and does not reveal which e-mails exist.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, AppError> {
    tokio::task::spawn_blocking(move || {
        let argon = Argon2::default();
        let (encoded, real) = match stored.as_deref() {
            Some(encoded) => (encoded, true),
            None => (decoy_hash(), false),
        };
        let parsed =
            PasswordHash::new(encoded).map_err(|err| AppError::Internal(err.to_string().into()))?;
        let matches = argon.verify_password(password.as_bytes(), &parsed).is_ok();
        Ok(real && matches)
    })
    .await
    .map_err(|err| AppError::Internal(Box::new(err)))?
}

fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| {
        let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
        Argon2::default()
            .hash_password(b"no account has this password", &salt)
            .map(|hash| hash.to_string())
            .unwrap_or_default()
    })
}
