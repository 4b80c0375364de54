//! `/embed.js`: the script an intranet page includes next to Hearth's frames. Its
//! address is part of every snippet pasted into intranets, so it never moves to a
//! hashed name; browsers are asked to check for a new one hourly.

use axum::http::header;
use axum::response::IntoResponse;

const SCRIPT: &str = include_str!("../../../assets/embed.js");

pub async fn serve() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        SCRIPT,
    )
}
