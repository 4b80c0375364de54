//! Articles: long pieces with a title, written as private drafts and published,
//! at once or at a set time, company-wide or in a community. Publishing writes the
//! post that carries the article's body, so its likes, discussion, references,
//! moderation and edits are a post's.

use crate::validation::ValidationError;
use crate::{ArticleId, CommunityId, Millis, NetworkId, PostId, UploadId, UserId};

crate::community::text_enum!(
    /// Where an article stands: its author's alone, waiting for its time, or out.
    ArticleStatus { Draft => "draft", Scheduled => "scheduled", Published => "published" }
);

crate::community::text_enum!(
    /// Who may publish articles company-wide: anyone who may post there, or only
    /// the authors the network's admins chose (and the admins themselves).
    CompanyArticles { Anyone => "anyone", ChosenAuthors => "chosen_authors" }
);

crate::community::text_enum!(
    /// What a subscription to new articles follows.
    Following { Author => "author", Community => "community", Company => "company" }
);

pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_SUMMARY_CHARS: usize = 500;
/// Longer than a post's 20,000: an article is the long form.
pub const MAX_BODY_CHARS: usize = 100_000;
/// The most images and files one article's body may show or link.
pub const MAX_FILES: usize = 100;
/// A scheduled article goes out within this much time from now.
pub const MAX_SCHEDULE_AHEAD: Millis = 366 * 24 * 3600 * 1000;
/// Reading speed for the reading time shown on cards.
const WORDS_PER_MINUTE: usize = 200;

/// An article as stored. Until it is published, `body_markdown` is the draft's body;
/// afterwards the post (`post_id`) holds the body readers see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub id: ArticleId,
    pub network_id: NetworkId,
    pub author_id: UserId,
    /// `None` for a company-wide article.
    pub community_id: Option<CommunityId>,
    pub title: String,
    pub summary: String,
    pub body_markdown: String,
    pub cover_id: Option<UploadId>,
    pub status: ArticleStatus,
    /// When a scheduled article goes out.
    pub publish_at: Option<Millis>,
    pub post_id: Option<PostId>,
    pub created_at: Millis,
    pub updated_at: Millis,
}

impl Article {
    /// The last part of its address: the title in lower-case words.
    pub fn slug(&self) -> String {
        slug(&self.title)
    }

    /// Its page: `/articles/{id}/{slug}`.
    pub fn path(&self) -> String {
        format!("/articles/{}/{}", self.id, self.slug())
    }
}

/// A title: one line, 1 to 200 characters.
pub fn parse_title(raw: &str) -> Result<String, ValidationError> {
    let title = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.is_empty() {
        return Err(ValidationError::new("title", "give the article a title"));
    }
    if title.chars().count() > MAX_TITLE_CHARS {
        return Err(ValidationError::new(
            "title",
            format!("at most {MAX_TITLE_CHARS} characters"),
        ));
    }
    Ok(title)
}

/// A summary for cards and e-mails: optional, at most 500 characters.
pub fn parse_summary(raw: &str) -> Result<String, ValidationError> {
    let summary = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if summary.chars().count() > MAX_SUMMARY_CHARS {
        return Err(ValidationError::new(
            "summary",
            format!("at most {MAX_SUMMARY_CHARS} characters"),
        ));
    }
    Ok(summary)
}

/// A body: a draft's may be empty, a published article's may not.
pub fn parse_body(raw: &str, for_publication: bool) -> Result<String, ValidationError> {
    let body = raw.trim();
    if body.is_empty() && for_publication {
        return Err(ValidationError::new("body", "write the article first"));
    }
    if body.chars().count() > MAX_BODY_CHARS {
        return Err(ValidationError::new(
            "body",
            format!("at most {MAX_BODY_CHARS} characters"),
        ));
    }
    check_file_count(crate::markdown::file_links(body).len())?;
    Ok(body.to_owned())
}

/// Refuses more than [`MAX_FILES`] images and files in one article.
pub fn check_file_count(files: usize) -> Result<(), ValidationError> {
    if files > MAX_FILES {
        return Err(ValidationError::new(
            "body",
            format!("an article shows at most {MAX_FILES} images and files"),
        ));
    }
    Ok(())
}

/// The uploads a body shows or links by their address (`/files/{id}/…`).
pub fn files_named(body: &str) -> Vec<UploadId> {
    crate::markdown::file_links(body)
        .into_iter()
        .map(UploadId)
        .collect()
}

/// How a body shows an uploaded file: an image in place, described by its alt text
/// (or its name), any other file as a link to download it.
pub fn file_markdown(upload: &crate::upload::Upload) -> String {
    let id = upload.id;
    if upload.is_image() {
        let description = upload.alt_text.as_deref().unwrap_or(&upload.name);
        format!("![{}](/files/{id}/large)", escape_label(description))
    } else {
        format!("[{}](/files/{id}/original)", escape_label(&upload.name))
    }
}

/// Text that stays literal inside a markdown link's brackets, on one line.
fn escape_label(text: &str) -> String {
    crate::markdown::escape_markdown(&text.replace(['\n', '\r'], " "))
}

/// When to publish: in the future, within a year.
pub fn parse_publish_at(at: Millis, now: Millis) -> Result<Millis, ValidationError> {
    if at <= now {
        return Err(ValidationError::new(
            "publish_at",
            "choose a time in the future, or publish now",
        ));
    }
    if at - now > MAX_SCHEDULE_AHEAD {
        return Err(ValidationError::new(
            "publish_at",
            "schedule at most a year ahead",
        ));
    }
    Ok(at)
}

/// Lower-case ASCII words joined by `-`, at most 80 characters; letters beyond ASCII
/// are dropped, and a title of none makes `article`. The words of an article's own
/// pages (`edit`, `read`) are never a slug on their own.
pub fn slug(title: &str) -> String {
    let mut slug = String::new();
    for word in title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if slug.len() + word.len() + 1 > 80 {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&word.to_ascii_lowercase());
    }
    if slug.is_empty() {
        slug.push_str("article");
    }
    if matches!(slug.as_str(), "edit" | "read") {
        slug.insert_str(0, "article-");
    }
    slug
}

/// Whole minutes to read a body at an unhurried pace, at least one.
pub fn reading_minutes(markdown: &str) -> i64 {
    let words = markdown.split_whitespace().count();
    i64::try_from(words.div_ceil(WORDS_PER_MINUTE).max(1)).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_named_by_their_address_and_written_as_markdown_shows_them() {
        assert_eq!(
            files_named("![a](/files/12/large) [b](/files/7/original) /files/12/small"),
            vec![UploadId(7), UploadId(12)]
        );
        assert!(
            files_named("/files/05/large /files/9 /files/x/large /posts/3/").is_empty(),
            "no leading zero, a variant after the id, digits only"
        );
        let upload = |name: &str, dimensions, alt_text: Option<&str>| crate::upload::Upload {
            id: UploadId(42),
            network_id: NetworkId(1),
            owner_id: UserId(2),
            purpose: crate::upload::Purpose::Attachment,
            name: name.to_owned(),
            content_type: "image/png".to_owned(),
            size: 10,
            dimensions,
            animated: false,
            alt_text: alt_text.map(str::to_owned),
            created_at: 0,
            attached_to: crate::upload::AttachedTo::Nothing,
            variants: Vec::new(),
        };
        assert_eq!(
            file_markdown(&upload("chart.png", Some((10, 10)), Some("Sales [Q3]\nup"))),
            "![Sales \\[Q3\\] up](/files/42/large)"
        );
        assert_eq!(
            file_markdown(&upload("a_b*.pdf", None, None)),
            "[a\\_b\\*\\.pdf](/files/42/original)"
        );
        let rendered = crate::markdown::render(
            &file_markdown(&upload("x](javascript:alert(1)", Some((1, 1)), None)),
            &std::collections::BTreeSet::new(),
        );
        assert!(
            rendered.contains("<img src=\"/files/42/large\" alt=\"x](javascript:alert(1)\">"),
            "a name never becomes the address: {rendered}"
        );
        let too_many: String = (1..=MAX_FILES + 1)
            .map(|n| format!("[f](/files/{n}/original)\n"))
            .collect();
        assert!(parse_body(&too_many, false).is_err());
    }

    #[test]
    fn slugs_keep_ascii_words_and_never_come_out_empty() {
        assert_eq!(
            slug("Q3: what we learned (and why!)"),
            "q3-what-we-learned-and-why"
        );
        assert_eq!(slug("Über Ärger"), "ber-rger");
        assert_eq!(slug("日本語"), "article");
        assert_eq!(slug("Edit"), "article-edit", "not the editor's address");
        assert_eq!(slug("Read!"), "article-read");
        assert!(slug(&"word ".repeat(100)).len() <= 80);
    }

    #[test]
    fn titles_are_one_line_and_bounded() {
        assert_eq!(parse_title("  A\n title ").unwrap(), "A title");
        assert!(parse_title("   ").is_err());
        assert!(parse_title(&"x".repeat(MAX_TITLE_CHARS + 1)).is_err());
    }

    #[test]
    fn reading_time_rounds_up_to_whole_minutes() {
        assert_eq!(reading_minutes(""), 1);
        assert_eq!(reading_minutes(&"word ".repeat(200)), 1);
        assert_eq!(reading_minutes(&"word ".repeat(201)), 2);
    }

    #[test]
    fn publication_times_are_ahead_and_within_a_year() {
        assert!(parse_publish_at(1_000, 1_000).is_err());
        assert!(parse_publish_at(1_001, 1_000).is_ok());
        assert!(parse_publish_at(1_000 + MAX_SCHEDULE_AHEAD + 1, 1_000).is_err());
        assert!(parse_body("  ", true).is_err());
        assert_eq!(parse_body("  ", false).unwrap(), "");
    }
}
