//! What Hearth makes of an uploaded image: its real type, its size, a copy without
//! metadata, thumbnails.
//!
//! Everything here is synchronous and CPU-bound on purpose. Decoding a photo takes
//! tens of milliseconds to seconds, so the caller runs these functions inside
//! `tokio::task::spawn_blocking` behind a semaphore; that keeps the number of images
//! decoded at once (and the memory they hold) bounded, which a function cannot do by
//! itself.
//!
//! The rules, and why:
//! - The type comes from the content ([`sniff`]), never from the file name or the
//!   browser's `Content-Type`, both of which the uploader controls.
//! - Only JPEG, PNG, GIF and WebP are shown inline. Everything else, SVG and HTML
//!   above all, is a download: an SVG is a document that can run script on our
//!   origin.
//! - A size limit is checked from the header before any pixel is decoded, so a small
//!   file that declares a huge canvas (a decompression bomb) costs nothing.
//! - Every rendition is re-encoded from pixels. That applies the EXIF orientation and
//!   leaves behind every metadata block (EXIF with its GPS position, XMP, comments,
//!   ICC), because the encoders write none of them.

mod decode;
mod demo;
mod gif;
mod jpeg;
mod output;
mod process;
mod sniff;
#[cfg(test)]
mod tests;

use std::path::PathBuf;

pub use demo::{demo_image, demo_jpeg};
pub use process::{process_attachment, process_avatar, process_cover};
pub use sniff::{ImageKind, SNIFF_LEN, Sniffed, sniff, sniff_file};

/// How large an image Hearth agrees to decode.
#[derive(Debug, Clone, Copy)]
pub struct ImageLimits {
    /// Width × height as declared in the header; larger images are refused before
    /// decoding. 40 megapixels decode to 160 MB of RGBA, which is already a lot for a
    /// server that decodes a few at once, and is more than any phone camera produces.
    pub max_pixels: u64,
}

impl Default for ImageLimits {
    fn default() -> Self {
        Self {
            max_pixels: 40_000_000,
        }
    }
}

/// One of the sizes Hearth keeps of an image. The names are stable: they end up in
/// URLs and in the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Variant {
    /// The full image (capped for avatars and covers), without metadata.
    Original,
    /// For a post or message opened on a large screen.
    Large,
    /// For the feed and the chat timeline.
    Small,
    /// A square profile photo for profiles and member lists.
    Avatar,
    /// A square profile photo beside each post and message.
    AvatarSmall,
}

impl Variant {
    /// Every variant, in the order `parse` accepts them.
    pub const ALL: [Variant; 5] = [
        Variant::Original,
        Variant::Large,
        Variant::Small,
        Variant::Avatar,
        Variant::AvatarSmall,
    ];

    /// The name used in URLs and in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Variant::Original => "original",
            Variant::Large => "large",
            Variant::Small => "small",
            Variant::Avatar => "avatar",
            Variant::AvatarSmall => "avatar-small",
        }
    }

    /// The variant named `name` by [`Variant::as_str`], if any.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == name)
    }
}

/// One file written for an image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendition {
    pub variant: Variant,
    /// A new file inside the `out_dir` given to the processing function; the caller
    /// moves it into blob storage.
    pub path: PathBuf,
    pub mime: &'static str,
    pub width: u32,
    pub height: u32,
    /// The size of the file.
    pub bytes: u64,
}

/// The outcome of processing one uploaded image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Processed {
    /// What the upload was, judged from its content.
    pub kind: ImageKind,
    /// The size of the uploaded image once its orientation is applied. For avatars
    /// and covers the Original rendition may be smaller; each rendition has its own.
    pub width: u32,
    pub height: u32,
    /// Whether the Original rendition moves: only attachments from GIFs with more than
    /// one frame. Animated WebP is shown as its first frame.
    pub animated: bool,
    /// Always contains [`Variant::Original`]; the other variants only when they are
    /// smaller than the Original.
    pub renditions: Vec<Rendition>,
}

impl Processed {
    /// The rendition of `variant`, if one was made.
    pub fn rendition(&self, variant: Variant) -> Option<&Rendition> {
        self.renditions.iter().find(|r| r.variant == variant)
    }
}

/// Why an upload could not be made into an image. `TooManyPixels` and `Unreadable`
/// are the uploader's fault and worth telling them; `Io` is ours.
#[derive(Debug, thiserror::Error)]
pub enum ImageError {
    #[error("the image is {width}×{height} pixels, more than {max_pixels} allowed")]
    TooManyPixels {
        width: u32,
        height: u32,
        max_pixels: u64,
    },
    #[error("the file is not a readable image")]
    Unreadable(#[source] image::ImageError),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}
