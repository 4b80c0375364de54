//! Bearer secrets (session cookies, API tokens, set-up links): 256 random bits,
//! shown once, stored only as a SHA-256 hash. The secrets carry full entropy, so a
//! fast hash is enough; a slow password hash would only cost every request.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// A new random secret with the given prefix, as the holder will present it.
pub fn generate(prefix: &str) -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    format!("{prefix}{}", URL_SAFE_NO_PAD.encode(bytes))
}

/// The form in which a secret is stored and looked up.
pub fn hash(secret: &str) -> String {
    let digest = Sha256::digest(secret.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_distinct_prefixed_and_carry_256_bits() {
        let a = generate("hth_");
        let b = generate("hth_");
        assert_ne!(a, b);
        assert!(a.starts_with("hth_"));
        let encoded = a.trim_start_matches("hth_");
        assert_eq!(URL_SAFE_NO_PAD.decode(encoded).unwrap().len(), 32);
    }

    #[test]
    fn the_hash_is_stable_and_hides_the_secret() {
        assert_eq!(hash("x"), hash("x"));
        assert_ne!(hash("x"), hash("y"));
        assert_eq!(hash("x").len(), 64);
        assert!(!hash("secret").contains("secret"));
    }
}
