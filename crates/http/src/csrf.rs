//! CSRF protection. Every state-changing form carries a token derived from a cookie
//! the browser holds: the session cookie once signed in, and before that a random
//! `hearth_pre` cookie (so the sign-in and set-up forms are protected too). Another
//! site can make the browser send the cookie, but cannot read it to compute the token.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

/// The token forms and `X-CSRF-Token` headers must carry for this cookie value.
pub fn token_for(cookie_value: &str) -> String {
    let digest = Sha256::digest(format!("hearth-csrf:{cookie_value}").as_bytes());
    URL_SAFE_NO_PAD.encode(digest)
}

/// Compares in constant time, so the answer's timing reveals nothing of the token.
pub fn verify(cookie_value: &str, presented: &str) -> bool {
    tokens_match(&token_for(cookie_value), presented)
}

/// Compares a token already derived for this session with the one a form carried.
pub fn tokens_match(expected: &str, presented: &str) -> bool {
    expected.len() == presented.len()
        && expected
            .bytes()
            .zip(presented.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_only_matches_its_own_cookie() {
        let token = token_for("cookie-a");
        assert!(verify("cookie-a", &token));
        assert!(!verify("cookie-b", &token));
        assert!(!verify("cookie-a", ""));
        assert!(!verify("cookie-a", &token[1..]));
    }
}
