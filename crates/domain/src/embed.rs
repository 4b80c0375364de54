//! Hearth inside a company's intranet: which sites may frame its embeddable pages,
//! and the address an intranet page's comments are kept under.

use crate::validation::ValidationError;
use url::Url;

/// How many sites may frame Hearth; a company has a few intranets, not hundreds.
pub const MAX_FRAME_ORIGINS: usize = 20;
/// The longest page address comments are kept under.
pub const MAX_PAGE_URL: usize = 2000;
/// The longest page title kept with its comments.
pub const MAX_PAGE_TITLE: usize = 200;

/// The sites an admin lets frame Hearth's embeddable pages, each as its origin
/// (`https://intranet.example.com`, with a port when not the scheme's own).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrameOrigins(Vec<String>);

impl FrameOrigins {
    /// Origins separated by lines, spaces or commas, as an admin pastes them. Every
    /// one must be a bare `http` or `https` origin: a path or a wildcard would look
    /// like it limits more than a browser's `frame-ancestors` does.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let mut origins: Vec<String> = Vec::new();
        for item in raw
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|item| !item.is_empty())
        {
            let origin = origin_of(item).map_err(|problem| {
                ValidationError::new("frame_origins", format!("{item}: {problem}"))
            })?;
            if !origins.contains(&origin) {
                origins.push(origin);
            }
        }
        if origins.len() > MAX_FRAME_ORIGINS {
            return Err(ValidationError::new(
                "frame_origins",
                format!("list at most {MAX_FRAME_ORIGINS} sites"),
            ));
        }
        Ok(Self(origins))
    }

    /// Origins as stored (one per line), trusted to be well formed.
    pub fn from_stored(stored: &str) -> Self {
        Self(stored.lines().map(str::to_owned).collect())
    }

    pub fn to_stored(&self) -> String {
        self.0.join("\n")
    }

    pub fn as_slice(&self) -> &[String] {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The `frame-ancestors` directive of an embeddable page: the listed sites and
    /// Hearth itself, or nobody when none is listed.
    pub fn frame_ancestors(&self) -> String {
        if self.0.is_empty() {
            return "frame-ancestors 'none'".to_owned();
        }
        format!("frame-ancestors 'self' {}", self.0.join(" "))
    }

    fn allows(&self, origin: &str) -> bool {
        self.0.iter().any(|listed| listed == origin)
    }
}

/// The origin of a URL an admin typed, or why it is not one.
fn origin_of(raw: &str) -> Result<String, &'static str> {
    let url = Url::parse(raw).map_err(|_| "write a site as https://intranet.example.com")?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err("a site starts with https:// (or http://)");
    }
    let host = url.host_str().unwrap_or_default();
    if host.is_empty() {
        return Err("a site needs a host name");
    }
    if host.contains('*') {
        return Err("list each site by its own name, without *");
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("a site has no user name or password");
    }
    if url.path() != "/" || url.query().is_some() || url.fragment().is_some() {
        return Err("list the site alone, without a path");
    }
    Ok(url.origin().ascii_serialization())
}

/// Query parameters that say how a reader arrived, not which page they read.
fn is_tracking(name: &str) -> bool {
    const NAMES: [&str; 11] = [
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid", "mc_eid", "_ga",
        "_gl", "igshid",
    ];
    name.starts_with("utm_") || NAMES.contains(&name)
}

/// The address a page's comments are kept under: the same page reached by another
/// link (another tracking parameter, a fragment, parameters in another order, an
/// upper-case host) finds the same comments. Only pages of the listed sites have
/// comments.
pub fn canonical_page_url(raw: &str, sites: &FrameOrigins) -> Result<String, ValidationError> {
    let invalid = |message: &str| ValidationError::new("url", message);
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(invalid("the page's address is required"));
    }
    if raw.chars().count() > MAX_PAGE_URL {
        return Err(ValidationError::new(
            "url",
            format!("the page's address must be at most {MAX_PAGE_URL} characters"),
        ));
    }
    let mut url = Url::parse(raw).map_err(|_| {
        invalid(
            "the page's address must be a full address, such as https://intranet.example.com/news",
        )
    })?;
    if !matches!(url.scheme(), "http" | "https")
        || url.host_str().is_none()
        || !url.username().is_empty()
        || url.password().is_some()
    {
        return Err(invalid(
            "the page's address must be a full address, such as https://intranet.example.com/news",
        ));
    }
    if !sites.allows(&url.origin().ascii_serialization()) {
        return Err(invalid(
            "this page's site is not one an administrator allowed to embed Hearth",
        ));
    }
    url.set_fragment(None);
    // Each parameter is kept as written (`?Main_Page` stays so, `%2F` stays encoded),
    // so the address still names the page; only their order and the tracking ones go.
    let mut kept: Vec<String> = url
        .query()
        .unwrap_or_default()
        .split('&')
        .filter(|part| !part.is_empty())
        .filter(|part| {
            let name = part.split_once('=').map_or(*part, |(name, _)| name);
            !is_tracking(name)
        })
        .map(str::to_owned)
        .collect();
    kept.sort();
    if kept.is_empty() {
        url.set_query(None);
    } else {
        url.set_query(Some(&kept.join("&")));
    }
    Ok(url.to_string())
}

/// The title a page's comments are shown under: its own, tidied, or its address.
pub fn page_title(raw: &str, url: &str) -> String {
    let title: String = raw
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_PAGE_TITLE)
        .collect();
    if title.is_empty() {
        url.chars().take(MAX_PAGE_TITLE).collect()
    } else {
        title
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sites() -> FrameOrigins {
        FrameOrigins::parse("https://Intranet.Example.com\nhttp://localhost:8081").unwrap()
    }

    #[test]
    fn origins_are_kept_as_browsers_compare_them() {
        assert_eq!(
            sites().as_slice(),
            ["https://intranet.example.com", "http://localhost:8081"]
        );
        let parsed =
            FrameOrigins::parse("https://a.example, https://a.example/ https://b.example:8443")
                .unwrap();
        assert_eq!(
            parsed.as_slice(),
            ["https://a.example", "https://b.example:8443"]
        );
        assert_eq!(
            parsed.frame_ancestors(),
            "frame-ancestors 'self' https://a.example https://b.example:8443"
        );
        assert_eq!(
            FrameOrigins::default().frame_ancestors(),
            "frame-ancestors 'none'"
        );
        assert_eq!(FrameOrigins::from_stored(&parsed.to_stored()), parsed);
    }

    #[test]
    fn anything_but_a_bare_site_is_refused() {
        for bad in [
            "intranet.example.com",
            "ftp://intranet.example.com",
            "https://intranet.example.com/news",
            "https://*.example.com",
            "https://user:pw@intranet.example.com",
            "https://intranet.example.com?x=1",
            "javascript:alert(1)",
        ] {
            let err = FrameOrigins::parse(bad).unwrap_err();
            assert_eq!(err.field, "frame_origins", "{bad}");
            assert!(err.message.starts_with(bad), "{bad}: {}", err.message);
        }
        let many: Vec<String> = (0..=MAX_FRAME_ORIGINS)
            .map(|i| format!("https://site{i}.example"))
            .collect();
        assert!(FrameOrigins::parse(&many.join("\n")).is_err());
    }

    #[test]
    fn one_page_reached_by_different_links_has_one_address() {
        let expected = "https://intranet.example.com/news/q3?a=1&b=2";
        for link in [
            "https://intranet.example.com/news/q3?b=2&a=1",
            "https://INTRANET.example.com/news/q3?a=1&utm_source=mail&b=2#comments",
            "https://intranet.example.com:443/news/q3?gclid=x&a=1&b=2",
        ] {
            assert_eq!(
                canonical_page_url(link, &sites()).unwrap(),
                expected,
                "{link}"
            );
        }
        assert_eq!(
            canonical_page_url("https://intranet.example.com/news?utm_campaign=x", &sites())
                .unwrap(),
            "https://intranet.example.com/news"
        );
        assert_eq!(
            canonical_page_url(
                "https://intranet.example.com/wiki?Main_Page&p=a%2Fb",
                &sites()
            )
            .unwrap(),
            "https://intranet.example.com/wiki?Main_Page&p=a%2Fb",
            "parameters keep their own spelling"
        );
    }

    #[test]
    fn pages_of_other_sites_have_no_comments() {
        for bad in [
            "",
            "/news",
            "https://elsewhere.example/news",
            "http://intranet.example.com/news",
            "http://localhost:9999/",
            "mailto:someone@intranet.example.com",
        ] {
            assert_eq!(
                canonical_page_url(bad, &sites()).unwrap_err().field,
                "url",
                "{bad}"
            );
        }
        let long = format!("https://intranet.example.com/{}", "a".repeat(MAX_PAGE_URL));
        assert!(canonical_page_url(&long, &sites()).is_err());
    }

    #[test]
    fn titles_are_tidied_and_never_empty() {
        assert_eq!(page_title("  Q3   results\n", "u"), "Q3 results");
        assert_eq!(
            page_title(" ", "https://x.example/a"),
            "https://x.example/a"
        );
        assert_eq!(
            page_title(&"t".repeat(500), "u").chars().count(),
            MAX_PAGE_TITLE
        );
    }
}
