//! GIFs attached to posts: re-encoded frame by frame so that they keep moving (with
//! their delays and loop count) and lose their comment, XMP and other application
//! extensions, which the encoder never writes.

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use image::codecs::gif::{GifDecoder, GifEncoder, Repeat};
use image::metadata::LoopCount;
use image::{AnimationDecoder, DynamicImage, ImageDecoder, RgbaImage};

use super::decode::{check_pixels, decoder_limits, too_big_or_unreadable, unreadable};
use super::output::{GIF_SPEED, Outputs};
use super::{ImageError, ImageKind, ImageLimits, Variant};

/// How many screens' worth of pixels all frames together may hold, counted in
/// `max_pixels`. Frames are decoded one at a time, so this bounds CPU time rather
/// than memory: a 1-megapixel GIF may have 160 frames under the default limit.
const FRAME_BUDGET: u64 = 4;

/// A GIF written as the Original rendition.
pub(super) struct Reencoded {
    /// For the thumbnails, which are still images.
    pub first_frame: DynamicImage,
    pub frames: u64,
}

/// Decodes the GIF at `path` one frame at a time and writes each frame to the
/// Original rendition as soon as it is decoded, so only one frame is held at once.
pub(super) fn reencode(
    path: &Path,
    limits: ImageLimits,
    out: &mut Outputs<'_>,
) -> Result<Reencoded, ImageError> {
    let mut decoder = GifDecoder::new(BufReader::new(File::open(path)?)).map_err(unreadable)?;
    let (width, height) = decoder.dimensions();
    check_pixels(width, height, limits)?;
    decoder
        .set_limits(decoder_limits(limits, width, height))
        .map_err(|e| too_big_or_unreadable(e, width, height, limits))?;
    let repeat = match decoder.loop_count() {
        LoopCount::Infinite => Repeat::Infinite,
        LoopCount::Finite(n) => Repeat::Finite(u16::try_from(n.get()).unwrap_or(u16::MAX)),
    };

    let too_many = || ImageError::TooManyPixels {
        width,
        height,
        max_pixels: limits.max_pixels,
    };
    let per_frame = u64::from(width) * u64::from(height);
    let budget = limits.max_pixels.saturating_mul(FRAME_BUDGET);
    let mut first: Option<RgbaImage> = None;
    let mut frames = 0_u64;

    out.write_with(Variant::Original, ImageKind::Gif, width, height, |file| {
        let mut encoder = GifEncoder::new_with_speed(file, GIF_SPEED);
        encoder.set_repeat(repeat).map_err(unreadable)?;
        for frame in decoder.into_frames() {
            let frame = frame.map_err(|e| too_big_or_unreadable(e, width, height, limits))?;
            frames += 1;
            if frames.saturating_mul(per_frame) > budget {
                return Err(too_many());
            }
            if first.is_none() {
                first = Some(frame.buffer().clone());
            }
            encoder.encode_frame(frame).map_err(unreadable)?;
        }
        Ok(())
    })?;

    // A GIF without a single frame has nothing to show.
    let first_frame = first.ok_or_else(|| {
        ImageError::Unreadable(image::ImageError::Parameter(
            image::error::ParameterError::from_kind(image::error::ParameterErrorKind::NoMoreData),
        ))
    })?;
    Ok(Reencoded {
        first_frame: DynamicImage::ImageRgba8(first_frame),
        frames,
    })
}
