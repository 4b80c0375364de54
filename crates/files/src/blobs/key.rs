//! The content address of a file.

use std::io::Read;
use std::path::Path;

use sha2::{Digest, Sha256};

/// The content address of a file: 64 lowercase hex digits of its SHA-256.
///
/// Only [`BlobKey::parse`] and the hashing constructors make one, so a key is always
/// safe to use as a file name or an object name (no `/`, no `..`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BlobKey(String);

/// Read size when hashing a file: large enough that system calls are not the cost.
const HASH_CHUNK: usize = 256 * 1024;

impl BlobKey {
    pub fn from_digest(digest: &[u8; 32]) -> Self {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut hex = String::with_capacity(64);
        for byte in digest {
            hex.push(char::from(HEX[usize::from(byte >> 4)]));
            hex.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
        Self(hex)
    }

    /// A key from its text (a URL segment, a database column); refuses anything but 64
    /// lowercase hex digits, so uppercase twins of a key cannot exist.
    pub fn parse(hex: &str) -> Option<Self> {
        let valid = hex.len() == 64 && hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        valid.then(|| Self(hex.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The key of the file at `path`, read in chunks (never whole) on a blocking thread,
    /// since hashing a large file is CPU work that must not stall the async workers.
    pub async fn of_file(path: &Path) -> std::io::Result<Self> {
        let path = path.to_path_buf();
        tokio::task::spawn_blocking(move || {
            let mut file = std::fs::File::open(path)?;
            let mut hasher = Sha256::new();
            let mut buf = vec![0; HASH_CHUNK];
            loop {
                let n = match file.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(e),
                };
                hasher.update(&buf[..n]);
            }
            Ok(Self::from_digest(&hasher.finalize().into()))
        })
        .await
        .map_err(std::io::Error::other)?
    }
}

impl std::fmt::Display for BlobKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_digest_is_lowercase_hex_and_parses_back() {
        let key = BlobKey::from_digest(&Sha256::digest(b"hello").into());
        assert_eq!(
            key.as_str(),
            "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
        );
        assert_eq!(BlobKey::parse(key.as_str()), Some(key));
    }
}
