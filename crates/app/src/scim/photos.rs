//! SCIM `photos` (RFC 7643 §4.1.2): the identity provider gives a person's picture,
//! and Hearth takes it as their profile photo.
//!
//! The picture comes as a `data:` URI (base64) or an `https://` URL. A URL is fetched
//! only from a public address: the host is resolved, every address checked (no
//! loopback, private, link-local or otherwise special network), and the request
//! pinned to the address checked, so a name cannot resolve to a public address for
//! the check and to a neighbour for the request. A redirect is followed only on the
//! same host; the whole fetch has [`FETCH_TIMEOUT`], and the body is streamed into
//! the upload, which stops at the upload size limit. Loopback, and plain `http://`,
//! are allowed only with `FileSettings::scim_photo_fetch_loopback` (tests).
//!
//! Nothing here runs inside a write transaction: the picture is fetched and stored as
//! an upload first, and set in a short transaction of its own after the User's
//! attributes are written. A picture that cannot be fetched or is not an image does
//! not fail the provisioning: the photo stays as it was, and the reason is logged.
//! The digest of the value taken is kept, so the same value sent again (providers
//! send every attribute on every update) is not fetched again.

use super::ScimClient;
use super::users::PhotoInput;
use crate::audit::{self, Target};
use crate::uploads::{self, FileSettings, Incoming};
use crate::{App, AppError};
use base64::Engine as _;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use hearth_domain::upload::Purpose;
use hearth_domain::{AuditAction, UserId};
use hearth_store::scim as store;
use serde_json::json;
use sha2::{Digest, Sha256};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::time::Duration;

/// How long fetching a picture may take in all, from resolving its host to its last
/// byte.
pub const FETCH_TIMEOUT: Duration = Duration::from_secs(10);

/// Why a picture was not taken; logged, never answered.
#[derive(Debug, thiserror::Error)]
enum NotTaken {
    #[error("{0}")]
    Refused(String),
    #[error("the picture could not be fetched: {0}")]
    Fetch(#[from] reqwest::Error),
    #[error("the picture was not taken: {0}")]
    App(#[from] AppError),
}

impl From<hearth_store::StoreError> for NotTaken {
    fn from(err: hearth_store::StoreError) -> Self {
        Self::App(err.into())
    }
}

fn refused(why: impl Into<String>) -> NotTaken {
    NotTaken::Refused(why.into())
}

/// Does what the request says of the person's photo. Whatever goes wrong is logged:
/// the rest of the provisioning is done, and stands.
pub(crate) async fn apply(app: &App, client: &ScimClient, id: UserId, photo: &PhotoInput) {
    let (outcome, source) = match photo {
        PhotoInput::Unchanged => return,
        PhotoInput::Remove => (take_down(app, client, id).await, String::new()),
        PhotoInput::Take(value) => (take(app, client, id, value).await, describe(value)),
    };
    if let Err(err) = outcome {
        tracing::warn!(
            user.id = %id,
            network.id = %client.network,
            photo.source = %source,
            error = %err,
            "the identity provider's photo was not taken; the photo stays as it was"
        );
    }
}

/// The digest kept of a value taken, so that the same value is not fetched again.
fn digest(value: &str) -> String {
    Sha256::digest(value.trim().as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Where a value points, for the log: its scheme and host, never the whole URL (it
/// may hold a signature) or the data.
fn describe(value: &str) -> String {
    match reqwest::Url::parse(value.trim()) {
        Ok(url) if url.scheme() == "data" => "data:".to_owned(),
        Ok(url) => format!("{}://{}", url.scheme(), url.host_str().unwrap_or("")),
        Err(_) => "(not a URI)".to_owned(),
    }
}

async fn take_down(app: &App, client: &ScimClient, id: UserId) -> Result<(), NotTaken> {
    let mut tx = app.store().begin().await?;
    let Some(row) = store::user(&mut tx, client.network, id).await? else {
        return Ok(());
    };
    if row.photo_upload_id.is_none() && row.photo_source.is_none() {
        return Ok(());
    }
    let owner = hearth_store::users::get(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound("user"))?;
    uploads::set_photo_of(&mut tx, &owner, None).await?;
    store::set_photo_source(&mut tx, id, None, app.now()).await?;
    record(app, &mut tx, client, &row, "removed").await?;
    tx.commit().await?;
    tracing::info!(user.id = %id, network.id = %client.network, "profile photo taken down by the identity provider");
    Ok(())
}

async fn take(app: &App, client: &ScimClient, id: UserId, value: &str) -> Result<(), NotTaken> {
    let value = value.trim();
    let source = digest(value);
    let owner = {
        let mut db = app.store().conn().await?;
        let Some(row) = store::user(&mut db, client.network, id).await? else {
            return Ok(());
        };
        if row.photo_upload_id.is_some() && row.photo_source.as_deref() == Some(source.as_str()) {
            return Ok(());
        }
        hearth_store::users::get(&mut db, id)
            .await?
            .ok_or(AppError::NotFound("user"))?
    };
    let settings = app.files().settings().clone();
    let incoming = Incoming {
        name: "photo".to_owned(),
        purpose: Purpose::Avatar,
        alt_text: None,
    };
    let upload = if has_scheme(value, "data:") {
        let bytes = decode_data(value, settings.max_file_bytes)?;
        let body = futures_util::stream::iter([Ok::<_, std::io::Error>(bytes)]);
        uploads::receive_for(app, &owner, incoming, body).await?
    } else if has_scheme(value, "https:") || has_scheme(value, "http:") {
        let response = fetch(&settings, value).await?;
        let body = Box::pin(response.bytes_stream());
        uploads::receive_for(app, &owner, incoming, body).await?
    } else {
        return Err(refused("only data: URIs and https:// URLs are taken"));
    };

    let mut tx = app.store().begin().await?;
    let Some(row) = store::user(&mut tx, client.network, id).await? else {
        return Ok(());
    };
    uploads::set_photo_of(&mut tx, &owner, Some(upload.id)).await?;
    store::set_photo_source(&mut tx, id, Some(&source), app.now()).await?;
    record(app, &mut tx, client, &row, "set").await?;
    tx.commit().await?;
    tracing::info!(user.id = %id, network.id = %client.network, upload.id = %upload.id, "profile photo set by the identity provider");
    Ok(())
}

async fn record(
    app: &App,
    tx: &mut hearth_store::Conn,
    client: &ScimClient,
    row: &store::ScimUserRow,
    photo: &str,
) -> Result<(), AppError> {
    audit::record(
        tx,
        app,
        client.acting(),
        client.network,
        AuditAction::UserProvisioned,
        Target {
            kind: "user",
            id: Some(row.id),
            name: format!("{} <{}>", row.display_name, row.email),
        },
        "",
        json!({ "photo": photo }),
    )
    .await
}

fn has_scheme(value: &str, scheme: &str) -> bool {
    value
        .get(..scheme.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(scheme))
}

/// The bytes of a base64 `data:` URI (RFC 2397), refused when they would be over
/// `max` bytes.
fn decode_data(value: &str, max: u64) -> Result<Vec<u8>, NotTaken> {
    let (meta, data) = value["data:".len()..]
        .split_once(',')
        .ok_or_else(|| refused("the data: URI has no data"))?;
    if !meta.to_ascii_lowercase().ends_with(";base64") {
        return Err(refused("only base64 data: URIs are taken"));
    }
    if data.len() as u64 / 4 * 3 > max {
        return Err(refused("the picture is larger than the upload limit"));
    }
    let data: String = data.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    let engine = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
    );
    engine
        .decode(data.as_bytes())
        .map_err(|_| refused("the data: URI is not valid base64"))
}

/// Starts fetching a picture from a public address; the body is read by the caller.
async fn fetch(settings: &FileSettings, value: &str) -> Result<reqwest::Response, NotTaken> {
    let url = reqwest::Url::parse(value).map_err(|_| refused("the URL cannot be read"))?;
    let loopback = settings.scim_photo_fetch_loopback;
    match url.scheme() {
        "https" => {}
        "http" if loopback => {}
        _ => return Err(refused("only https:// URLs are fetched")),
    }
    let port = url
        .port_or_known_default()
        .ok_or_else(|| refused("the URL has no port"))?;
    let (domain, addresses) = match url.host() {
        Some(url::Host::Domain(domain)) => {
            let found =
                tokio::time::timeout(FETCH_TIMEOUT, tokio::net::lookup_host((domain, port)))
                    .await
                    .map_err(|_| refused(format!("resolving {domain} took too long")))?
                    .map_err(|err| refused(format!("{domain} cannot be resolved: {err}")))?;
            (Some(domain.to_owned()), found.collect::<Vec<SocketAddr>>())
        }
        Some(url::Host::Ipv4(ip)) => (None, vec![SocketAddr::new(ip.into(), port)]),
        Some(url::Host::Ipv6(ip)) => (None, vec![SocketAddr::new(ip.into(), port)]),
        None => return Err(refused("the URL has no host")),
    };
    let first = *addresses
        .first()
        .ok_or_else(|| refused("the host has no address"))?;
    if let Some(bad) = addresses.iter().find(|a| !may_fetch_from(a.ip(), loopback)) {
        return Err(refused(format!(
            "{} is not a public address; pictures are fetched only from public ones",
            bad.ip()
        )));
    }
    let origin = url.clone();
    let same_host = reqwest::redirect::Policy::custom(move |attempt| {
        let next = attempt.url();
        if attempt.previous().len() < 3
            && next.scheme() == origin.scheme()
            && next.host_str() == origin.host_str()
            && next.port_or_known_default() == origin.port_or_known_default()
        {
            attempt.follow()
        } else {
            attempt.stop()
        }
    });
    let mut http = reqwest::Client::builder()
        .timeout(FETCH_TIMEOUT)
        .redirect(same_host)
        .user_agent("Hearth (SCIM photos)");
    if let Some(domain) = &domain {
        // The request goes to the address checked, whatever the name resolves to now.
        http = http.resolve(domain, first);
    }
    let response = http.build()?.get(url).send().await?;
    if !response.status().is_success() {
        return Err(refused(format!(
            "the server answered {}",
            response.status()
        )));
    }
    if response
        .content_length()
        .is_some_and(|length| length > settings.max_file_bytes)
    {
        return Err(refused("the picture is larger than the upload limit"));
    }
    Ok(response)
}

/// Whether a picture may be fetched from this address: a public one, or this
/// machine's own when the test setting says so.
fn may_fetch_from(ip: IpAddr, loopback: bool) -> bool {
    match ip {
        IpAddr::V4(ip) => public_v4(ip) || (loopback && ip.is_loopback()),
        IpAddr::V6(ip) => match ip.to_ipv4_mapped() {
            Some(v4) => public_v4(v4) || (loopback && v4.is_loopback()),
            None => public_v6(ip) || (loopback && ip.is_loopback()),
        },
    }
}

fn public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_broadcast()
        || ip.is_multicast()
        || ip.is_documentation()
        || a == 0
        // Shared address space (carrier-grade NAT), RFC 6598.
        || (a == 100 && (64..128).contains(&b))
        // IETF protocol assignments, RFC 6890.
        || (a == 192 && b == 0 && c == 0)
        // Benchmarking, RFC 2544.
        || (a == 198 && (18..20).contains(&b))
        // Reserved, and the broadcast address.
        || a >= 240)
}

fn public_v6(ip: Ipv6Addr) -> bool {
    let first = ip.segments()[0];
    !(ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_multicast()
        // Unique local, fc00::/7.
        || (first & 0xfe00) == 0xfc00
        // Link-local, fe80::/10, and the old site-local, fec0::/10.
        || (first & 0xffc0) == 0xfe80
        || (first & 0xffc0) == 0xfec0
        // Documentation, 2001:db8::/32.
        || (first == 0x2001 && ip.segments()[1] == 0x0db8)
        // IPv4-embedding translation prefixes, which may reach private IPv4 addresses.
        || (first == 0x0064 && ip.segments()[1] == 0xff9b)
        || ip.to_ipv4().is_some_and(|v4| !public_v4(v4)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_addresses_are_fetched_from() {
        let public = ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"];
        let private = [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "::1",
            "::",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "64:ff9b::a00:1",
        ];
        for ip in public {
            assert!(may_fetch_from(ip.parse().unwrap(), false), "{ip}");
        }
        for ip in private {
            assert!(!may_fetch_from(ip.parse().unwrap(), false), "{ip}");
        }
        assert!(may_fetch_from("127.0.0.1".parse().unwrap(), true));
        assert!(may_fetch_from("::1".parse().unwrap(), true));
        assert!(!may_fetch_from("10.0.0.1".parse().unwrap(), true));
    }

    #[test]
    fn data_uris_are_decoded_within_the_limit() {
        assert_eq!(
            decode_data("data:image/png;base64,aGVs bG8", 100).unwrap(),
            b"hello"
        );
        assert!(decode_data("data:image/png,hello", 100).is_err());
        assert!(decode_data("data:image/png;base64,!!!", 100).is_err());
        assert!(decode_data("data:image/png;base64,aGVsbG8gd29ybGQ=", 4).is_err());
        assert!(has_scheme("DATA:image/png;base64,", "data:"));
        assert_eq!(digest(" x "), digest("x"));
    }
}
