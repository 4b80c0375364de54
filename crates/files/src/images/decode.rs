//! Reading an upload into pixels, refusing it by its declared size before any pixel
//! is decoded.

use std::fs::File;
use std::io::{BufRead, BufReader, Cursor, ErrorKind, Seek};
use std::path::Path;

use image::error::{DecodingError, ImageFormatHint, UnsupportedError, UnsupportedErrorKind};
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageReader, Limits};

use super::jpeg;
use super::sniff::{ImageKind, Sniffed, sniff_file};
use super::{ImageError, ImageLimits};

/// Room for what a decoder keeps besides the pixels: Huffman tables, a zlib window,
/// a GIF's palettes and its previous frame.
const DECODER_SLACK: u64 = 64 * 1024 * 1024;

/// The kind of the file at `path`, from its content; anything but a supported raster
/// image is `Unreadable`, whatever its name says.
pub(super) fn kind_of(path: &Path) -> Result<ImageKind, ImageError> {
    match sniff_file(path)? {
        Sniffed::Image(kind) => Ok(kind),
        Sniffed::Other { .. } => Err(ImageError::Unreadable(image::ImageError::Unsupported(
            UnsupportedError::from_format_and_kind(
                ImageFormatHint::Unknown,
                UnsupportedErrorKind::Format(ImageFormatHint::Unknown),
            ),
        ))),
    }
}

/// Refuses an image whose header declares more than `limits` allows.
pub(super) fn check_pixels(width: u32, height: u32, limits: ImageLimits) -> Result<(), ImageError> {
    if u64::from(width) * u64::from(height) > limits.max_pixels {
        return Err(ImageError::TooManyPixels {
            width,
            height,
            max_pixels: limits.max_pixels,
        });
    }
    Ok(())
}

/// Limits for the decoder of an image whose header has passed [`check_pixels`]. The
/// header is the uploader's word; these make the decoders stop if the data turns out
/// to need more memory than that word allowed: RGBA for `max_pixels`, plus slack.
pub(super) fn decoder_limits(limits: ImageLimits, width: u32, height: u32) -> Limits {
    let mut decoder = Limits::default();
    decoder.max_image_width = Some(width);
    decoder.max_image_height = Some(height);
    decoder.max_alloc = Some(
        limits
            .max_pixels
            .saturating_mul(4)
            .saturating_add(DECODER_SLACK),
    );
    decoder
}

/// The limits used while reading the header, before the size is known: only the
/// allocation budget, so an oversized image is reported as `TooManyPixels` with its
/// size rather than as an anonymous limit error.
fn header_limits(limits: ImageLimits) -> Limits {
    let mut header = decoder_limits(limits, u32::MAX, u32::MAX);
    header.max_image_width = None;
    header.max_image_height = None;
    header
}

/// Decodes a still image (the first frame of an animation) with its orientation
/// applied, so that rotated phone photos come out upright once the EXIF block that
/// said so is gone.
pub(super) fn decode_still(
    path: &Path,
    kind: ImageKind,
    limits: ImageLimits,
) -> Result<DynamicImage, ImageError> {
    if kind == ImageKind::Jpeg {
        // The JPEG decoder reads the whole file into memory anyway, so reading it
        // first to check that it is whole costs little.
        let bytes = std::fs::read(path)?;
        if !jpeg::is_complete(&bytes) {
            return Err(ImageError::Unreadable(image::ImageError::Decoding(
                DecodingError::new(
                    ImageFormatHint::Exact(image::ImageFormat::Jpeg),
                    "the file ends before its end-of-image marker",
                ),
            )));
        }
        return decode_from(Cursor::new(bytes), kind, limits);
    }
    decode_from(BufReader::new(File::open(path)?), kind, limits)
}

fn decode_from(
    file: impl BufRead + Seek,
    kind: ImageKind,
    limits: ImageLimits,
) -> Result<DynamicImage, ImageError> {
    let mut reader = ImageReader::with_format(file, kind.format());
    reader.limits(header_limits(limits));
    // Building the decoder parses the header; no pixel is decoded yet.
    let mut decoder = reader.into_decoder().map_err(unreadable)?;
    let (width, height) = decoder.dimensions();
    check_pixels(width, height, limits)?;
    decoder
        .set_limits(decoder_limits(limits, width, height))
        .map_err(|e| too_big_or_unreadable(e, width, height, limits))?;
    // A malformed EXIF block should not cost the picture: show it as stored.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder)
        .map_err(|e| too_big_or_unreadable(e, width, height, limits))?;
    image.apply_orientation(orientation);
    Ok(image)
}

/// Sorts a decoding error into the uploader's fault or ours. A file that ends early
/// is a broken upload, not a broken disk.
pub(super) fn unreadable(error: image::ImageError) -> ImageError {
    match error {
        image::ImageError::IoError(io) if io.kind() != ErrorKind::UnexpectedEof => {
            ImageError::Io(io)
        }
        other => ImageError::Unreadable(other),
    }
}

/// Like [`unreadable`], but a decoder that ran out of its memory budget means the
/// image really is too big, whatever its header claimed.
pub(super) fn too_big_or_unreadable(
    error: image::ImageError,
    width: u32,
    height: u32,
    limits: ImageLimits,
) -> ImageError {
    match error {
        image::ImageError::Limits(_) => ImageError::TooManyPixels {
            width,
            height,
            max_pixels: limits.max_pixels,
        },
        other => unreadable(other),
    }
}
