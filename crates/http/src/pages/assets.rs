//! Static assets embedded in the binary. Each is served under a name that carries a
//! hash of its content, so browsers may keep it for a year: a new release changes
//! the name, never the bytes behind an old one.

use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::sync::LazyLock;

struct Asset {
    /// The stable name pages refer to, e.g. `hearth.css`.
    name: &'static str,
    content_type: &'static str,
    bytes: &'static [u8],
    /// `hearth.3f2a9c1d0b.css`: what the URL actually names.
    hashed_name: String,
}

fn asset(name: &'static str, content_type: &'static str, bytes: &'static [u8]) -> Asset {
    let digest = Sha256::digest(bytes);
    let hash: String = digest[..5].iter().map(|b| format!("{b:02x}")).collect();
    let hashed_name = match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{hash}.{ext}"),
        None => format!("{name}.{hash}"),
    };
    Asset {
        name,
        content_type,
        bytes,
        hashed_name,
    }
}

static ASSETS: LazyLock<Vec<Asset>> = LazyLock::new(|| {
    vec![
        asset(
            "hearth.css",
            "text/css; charset=utf-8",
            include_bytes!("../../assets/hearth.css"),
        ),
        asset(
            "hearth.js",
            "text/javascript; charset=utf-8",
            include_bytes!("../../assets/hearth.js"),
        ),
        asset(
            "icon.svg",
            "image/svg+xml",
            include_bytes!("../../assets/icon.svg"),
        ),
    ]
});

/// The URL of an embedded asset by its stable name.
pub fn url(name: &str) -> String {
    ASSETS
        .iter()
        .find(|a| a.name == name)
        .map(|a| format!("/assets/{}", a.hashed_name))
        .unwrap_or_else(|| format!("/assets/{name}"))
}

pub async fn serve(Path(file): Path<String>) -> Response {
    match ASSETS.iter().find(|a| a.hashed_name == file) {
        Some(found) => (
            [
                (header::CONTENT_TYPE, found.content_type),
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            ],
            found.bytes,
        )
            .into_response(),
        None => super::not_found_page(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn asset_urls_carry_a_content_hash() {
        let css = super::url("hearth.css");
        assert!(css.starts_with("/assets/hearth."), "{css}");
        assert!(css.ends_with(".css"), "{css}");
        assert_eq!(css.len(), "/assets/hearth..css".len() + 10, "{css}");
    }
}
