//! Files: `POST /api/hearth/v1/uploads` answers an [`UploadView`]; posts, replies and
//! messages name uploads to attach and show them as [`AttachmentView`]s.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// An uploaded file. Attach it by its `id` when posting, replying or sending a
/// message; an upload nobody attached is removed after 24 hours.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct UploadView {
    pub id: String,
    /// `attachment`, `avatar` or `cover`.
    pub purpose: String,
    /// The file's name, without any folder.
    pub name: String,
    /// Judged from the content, never from the name.
    pub content_type: String,
    /// Bytes of the stored file (for an image: without its metadata).
    pub size: i64,
    /// Images only, after their orientation is applied.
    pub width: Option<i64>,
    pub height: Option<i64>,
    /// An animated GIF.
    pub animated: bool,
    /// What the image shows, for people who cannot see it.
    pub alt_text: Option<String>,
    pub created_at: String,
    /// Where to fetch each stored form: `original`, and for images `large` and
    /// `small` thumbnails (or `avatar` and `avatar_small` for a profile photo).
    pub urls: Vec<FileUrlView>,
}

/// A file on a post, reply or message.
pub type AttachmentView = UploadView;

/// One stored form of a file and where to get it (with the caller's session or token).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct FileUrlView {
    /// `original`, `large`, `small`, `avatar` or `avatar_small`.
    pub variant: String,
    /// A path on this server, e.g. `/files/123/small`.
    pub url: String,
}

/// A reply, or a chat message: text (Markdown), and files to attach.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ContentRequest {
    /// Markdown. May be empty when files are attached.
    #[serde(default)]
    pub body: String,
    /// Ids of the caller's uploads to attach, in order (at most 10).
    #[serde(default)]
    pub attachments: Vec<String>,
}
