//! Writing renditions into the caller's folder: fresh file names, the encoders, and
//! cleaning up after a failure.

use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use image::codecs::gif::GifEncoder;
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use image::codecs::webp::WebPEncoder;
use image::{DynamicImage, GenericImageView, ImageEncoder};

use super::decode::unreadable;
use super::{ImageError, ImageKind, Rendition, Variant};

/// Quality of re-encoded JPEGs: indistinguishable from the upload on screen, about
/// half the size of quality 100.
const JPEG_QUALITY: u8 = 88;

/// GIF quantisation speed (1 = best, 30 = fastest). Each frame is quantised anew;
/// at speed 1 a long animation ties up a blocking thread for far too long, and 10 is
/// the `gif` crate's own recommendation for a good balance.
pub(super) const GIF_SPEED: i32 = 10;

/// The renditions written so far for one upload. If processing fails half-way, the
/// files already written are removed when this is dropped, so a refused upload leaves
/// nothing behind in the caller's folder.
pub(super) struct Outputs<'a> {
    dir: &'a Path,
    created: Vec<PathBuf>,
    done: Vec<Rendition>,
}

impl<'a> Outputs<'a> {
    pub(super) fn new(dir: &'a Path) -> Self {
        Self {
            dir,
            created: Vec::new(),
            done: Vec::new(),
        }
    }

    /// Encodes `image` as `format` into a new file for `variant`.
    pub(super) fn write_still(
        &mut self,
        variant: Variant,
        image: &DynamicImage,
        format: ImageKind,
    ) -> Result<(), ImageError> {
        let (width, height) = image.dimensions();
        self.write_with(variant, format, width, height, |file| {
            encode_still(image, format, file).map_err(unreadable)
        })
    }

    /// Creates a new file for `variant` and lets `encode` fill it.
    pub(super) fn write_with(
        &mut self,
        variant: Variant,
        format: ImageKind,
        width: u32,
        height: u32,
        encode: impl FnOnce(&mut BufWriter<File>) -> Result<(), ImageError>,
    ) -> Result<(), ImageError> {
        let (path, file) = self.create(variant, format)?;
        let mut writer = BufWriter::new(file);
        encode(&mut writer)?;
        writer.flush()?;
        let bytes = writer.get_ref().metadata()?.len();
        self.done.push(Rendition {
            variant,
            path,
            mime: format.mime(),
            width,
            height,
            bytes,
        });
        Ok(())
    }

    /// Everything written; the files now belong to the caller.
    pub(super) fn finish(mut self) -> Vec<Rendition> {
        self.created.clear();
        std::mem::take(&mut self.done)
    }

    /// A file that did not exist before. Names are unique per process and call
    /// rather than fixed, so callers may share one folder between concurrent uploads;
    /// `create_new` makes sure nothing is ever overwritten even so.
    fn create(&mut self, variant: Variant, format: ImageKind) -> io::Result<(PathBuf, File)> {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let mut attempts = 0;
        loop {
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let name = format!(
                "{:x}-{nanos:x}-{n:x}-{}.{}",
                std::process::id(),
                variant.as_str(),
                format.extension()
            );
            let path = self.dir.join(name);
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(file) => {
                    self.created.push(path.clone());
                    return Ok((path, file));
                }
                Err(e) if e.kind() == ErrorKind::AlreadyExists && attempts < 8 => attempts += 1,
                Err(e) => return Err(e),
            }
        }
    }
}

impl Drop for Outputs<'_> {
    fn drop(&mut self) {
        for path in &self.created {
            if let Err(error) = std::fs::remove_file(path) {
                tracing::warn!(path = %path.display(), %error, "could not remove a rendition of a failed upload");
            }
        }
    }
}

/// Encodes one still image. None of these encoders writes EXIF, XMP or ICC unless
/// asked to, which is what strips the metadata.
fn encode_still(
    image: &DynamicImage,
    format: ImageKind,
    out: impl Write,
) -> image::ImageResult<()> {
    match format {
        ImageKind::Jpeg => {
            // JPEG has no alpha; grey stays grey, anything else becomes 8-bit RGB.
            let encoder = JpegEncoder::new_with_quality(out, JPEG_QUALITY);
            match image {
                DynamicImage::ImageLuma8(grey) => grey.write_with_encoder(encoder),
                other => other.to_rgb8().write_with_encoder(encoder),
            }
        }
        // PNG keeps 16-bit channels and alpha as they were.
        ImageKind::Png => image.write_with_encoder(PngEncoder::new_with_quality(
            out,
            CompressionType::Default,
            FilterType::Adaptive,
        )),
        // The `image` crate only encodes lossless WebP. Bigger than the lossy original,
        // but a WebP stays a WebP and loses nothing more.
        ImageKind::Webp => {
            let encoder = WebPEncoder::new_lossless(out);
            if image.color().has_alpha() {
                image.to_rgba8().write_with_encoder(encoder)
            } else {
                image.to_rgb8().write_with_encoder(encoder)
            }
        }
        ImageKind::Gif => {
            let rgba = image.to_rgba8();
            GifEncoder::new_with_speed(out, GIF_SPEED).write_image(
                rgba.as_raw(),
                rgba.width(),
                rgba.height(),
                image::ExtendedColorType::Rgba8,
            )
        }
    }
}
