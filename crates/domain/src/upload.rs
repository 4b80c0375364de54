//! Files people upload: what they are for, what they are called, and the limits on
//! them. The bytes and their processing live in `hearth-files`; who may read a file
//! is the same question as who may read what it is attached to.

use crate::community::text_enum;
use crate::{Millis, NetworkId, UploadId, UserId, ValidationError};

/// At most this many files on one post, reply or message.
pub const MAX_ATTACHMENTS: usize = 10;
/// A file name is cut to this many characters (most file systems allow 255 bytes).
pub const MAX_NAME_CHARS: usize = 200;
/// Alternative text of an image, as long as a good description needs and no longer.
pub const MAX_ALT_TEXT_CHARS: usize = 1_000;

text_enum!(
    /// What an upload is for: a file on a post or message, a profile photo, or a
    /// community's cover image. Pictures get square or wide thumbnails.
    Purpose { Attachment => "attachment", Avatar => "avatar", Cover => "cover" }
);

text_enum!(
    /// A stored form of an upload: the original (an image without its metadata) or
    /// one of the thumbnails made of an image.
    Variant {
        Original => "original", Large => "large", Small => "small",
        Avatar => "avatar", AvatarSmall => "avatar_small"
    }
);

/// An uploaded file as the store keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    pub id: UploadId,
    pub network_id: NetworkId,
    pub owner_id: UserId,
    pub purpose: Purpose,
    pub name: String,
    /// Decided from the content, never from the name or the sender's header.
    pub content_type: String,
    pub size: i64,
    /// Images only, after their orientation is applied.
    pub dimensions: Option<(i64, i64)>,
    pub animated: bool,
    pub alt_text: Option<String>,
    pub created_at: Millis,
    pub attached_to: AttachedTo,
    /// The variants stored for it, `Original` first.
    pub variants: Vec<Variant>,
}

/// Where an upload is shown; an upload that is nowhere yet belongs only to its owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttachedTo {
    Nothing,
    Post(crate::PostId),
    Message(crate::MessageId),
}

impl Upload {
    /// Images show inline with thumbnails; everything else is a download card.
    pub fn is_image(&self) -> bool {
        self.dimensions.is_some()
    }

    /// Whether `owner` may still give this upload to a post, message or article: a
    /// file of theirs, uploaded to attach, attached nowhere yet.
    pub fn is_free_attachment_of(&self, owner: crate::UserId) -> bool {
        self.owner_id == owner
            && self.purpose == Purpose::Attachment
            && self.attached_to == AttachedTo::Nothing
    }

    /// The best stored variant at most as large as `wanted`, else the original.
    pub fn best_variant(&self, wanted: Variant) -> Variant {
        if self.variants.contains(&wanted) {
            wanted
        } else {
            Variant::Original
        }
    }
}

/// A file's name as people see it and as the download saves it: the last path
/// component only (browsers send full paths), without control characters, bounded.
/// An empty name becomes `file`.
pub fn clean_name(raw: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_NAME_CHARS)
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim();
    if cleaned.is_empty() {
        "file".to_owned()
    } else {
        cleaned.to_owned()
    }
}

/// Alternative text for an image: optional, trimmed, bounded.
pub fn parse_alt_text(raw: Option<&str>) -> Result<Option<String>, ValidationError> {
    let Some(value) = raw.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    if value.chars().count() > MAX_ALT_TEXT_CHARS {
        return Err(ValidationError::new(
            "alt_text",
            format!("at most {MAX_ALT_TEXT_CHARS} characters"),
        ));
    }
    Ok(Some(value.to_owned()))
}

/// The uploads named to attach: each once, at most [`MAX_ATTACHMENTS`].
pub fn parse_attachments(ids: &[UploadId]) -> Result<Vec<UploadId>, ValidationError> {
    let mut unique: Vec<UploadId> = Vec::with_capacity(ids.len());
    for id in ids {
        if unique.contains(id) {
            return Err(ValidationError::new(
                "attachments",
                "the same file is attached twice",
            ));
        }
        unique.push(*id);
    }
    if unique.len() > MAX_ATTACHMENTS {
        return Err(ValidationError::new(
            "attachments",
            format!("at most {MAX_ATTACHMENTS} files"),
        ));
    }
    Ok(unique)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_paths_and_control_characters() {
        assert_eq!(clean_name("C:\\Users\\ana\\Q3 plan.pdf"), "Q3 plan.pdf");
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_name("a\u{0}b\nc.txt"), "abc.txt");
        assert_eq!(clean_name("   "), "file");
        assert_eq!(clean_name(".htaccess"), "htaccess");
        assert_eq!(clean_name(&"x".repeat(500)).chars().count(), MAX_NAME_CHARS);
    }

    #[test]
    fn alt_text_is_optional_and_bounded() {
        assert_eq!(parse_alt_text(None).unwrap(), None);
        assert_eq!(parse_alt_text(Some("  ")).unwrap(), None);
        assert_eq!(
            parse_alt_text(Some(" a cat ")).unwrap().as_deref(),
            Some("a cat")
        );
        let long = "x".repeat(MAX_ALT_TEXT_CHARS + 1);
        assert_eq!(parse_alt_text(Some(&long)).unwrap_err().field, "alt_text");
    }

    #[test]
    fn attachments_are_unique_and_few() {
        let ids: Vec<UploadId> = (1..=3).map(UploadId).collect();
        assert_eq!(parse_attachments(&ids).unwrap(), ids);
        assert!(parse_attachments(&[UploadId(1), UploadId(1)]).is_err());
        let many: Vec<UploadId> = (1..=11).map(UploadId).collect();
        assert_eq!(parse_attachments(&many).unwrap_err().field, "attachments");
    }
}
