//! The three uses of an uploaded image (attachment, profile photo, community cover)
//! and the sizes each one needs.

use std::path::Path;

use image::imageops::FilterType;
use image::{DynamicImage, GenericImageView};

use super::decode::{decode_still, kind_of};
use super::output::Outputs;
use super::{ImageError, ImageKind, ImageLimits, Processed, Variant, gif};

/// Longest side of the Large rendition of an attachment, and of an avatar's Original.
const LARGE: u32 = 1280;
/// Longest side of the Small rendition of an attachment.
const SMALL: u32 = 320;
const AVATAR: u32 = 256;
const AVATAR_SMALL: u32 = 64;
const COVER_ORIGINAL_WIDTH: u32 = 1920;
const COVER_LARGE_WIDTH: u32 = 1280;
const COVER_SMALL_WIDTH: u32 = 480;

/// Catmull-Rom is nearly as sharp as Lanczos for photos at about half the cost; the
/// resizer widens the kernel with the ratio, so large reductions do not alias.
const FILTER: FilterType = FilterType::CatmullRom;

/// For an attachment: Original = the full image with orientation applied and every
/// metadata block removed, re-encoded in its own format (JPEG at quality 88, PNG,
/// lossless WebP; a GIF frame by frame, so an animated GIF stays animated);
/// Large = longest side at most 1280 px and Small = at most 320 px, each only when
/// the image is larger. Thumbnails are still images (the first frame of an animated
/// GIF): JPEG, or PNG when the image has transparency.
pub fn process_attachment(
    input: &Path,
    out_dir: &Path,
    limits: ImageLimits,
) -> Result<Processed, ImageError> {
    let kind = kind_of(input)?;
    let mut out = Outputs::new(out_dir);
    let (still, animated) = if kind == ImageKind::Gif {
        let gif = gif::reencode(input, limits, &mut out)?;
        (gif.first_frame, gif.frames > 1)
    } else {
        let image = decode_still(input, kind, limits)?;
        out.write_still(Variant::Original, &image, kind)?;
        (image, false)
    };

    let thumbnails = thumbnail_format(&still);
    let large = shrink_to_fit(&still, LARGE, LARGE);
    if let Some(large) = &large {
        out.write_still(Variant::Large, large, thumbnails)?;
    }
    // From Large when there is one: the same picture for a fraction of the work.
    if let Some(small) = shrink_to_fit(large.as_ref().unwrap_or(&still), SMALL, SMALL) {
        out.write_still(Variant::Small, &small, thumbnails)?;
    }

    let (width, height) = still.dimensions();
    Ok(Processed {
        kind,
        width,
        height,
        animated,
        renditions: out.finish(),
    })
}

/// For a profile photo: Avatar = the centred square scaled to 256×256 and
/// AvatarSmall = 64×64 (both JPEG, or PNG with transparency; small photos are scaled
/// up so every avatar has the same size), plus an Original capped at 1280 px on the
/// longest side for the profile page. Animated GIFs use their first frame.
pub fn process_avatar(
    input: &Path,
    out_dir: &Path,
    limits: ImageLimits,
) -> Result<Processed, ImageError> {
    let kind = kind_of(input)?;
    let image = decode_still(input, kind, limits)?;
    let format = thumbnail_format(&image);
    let mut out = Outputs::new(out_dir);

    let capped = shrink_to_fit(&image, LARGE, LARGE);
    let original = capped.as_ref().unwrap_or(&image);
    out.write_still(Variant::Original, original, format)?;

    let (w, h) = original.dimensions();
    let side = w.min(h);
    let square = original.crop_imm((w - side) / 2, (h - side) / 2, side, side);
    let avatar = square.resize_exact(AVATAR, AVATAR, FILTER);
    out.write_still(Variant::Avatar, &avatar, format)?;
    let avatar_small = avatar.resize_exact(AVATAR_SMALL, AVATAR_SMALL, FILTER);
    out.write_still(Variant::AvatarSmall, &avatar_small, format)?;

    Ok(processed_still(kind, &image, out))
}

/// The cover of a community, a wide banner shown uncropped: Original capped at 1920
/// px wide, Large = 1280 px wide and Small = 480 px wide, each only when the image is
/// wider. JPEG, or PNG with transparency; animated GIFs use their first frame.
pub fn process_cover(
    input: &Path,
    out_dir: &Path,
    limits: ImageLimits,
) -> Result<Processed, ImageError> {
    let kind = kind_of(input)?;
    let image = decode_still(input, kind, limits)?;
    let format = thumbnail_format(&image);
    let mut out = Outputs::new(out_dir);

    let capped = shrink_to_fit(&image, COVER_ORIGINAL_WIDTH, u32::MAX);
    let original = capped.as_ref().unwrap_or(&image);
    out.write_still(Variant::Original, original, format)?;
    let large = shrink_to_fit(original, COVER_LARGE_WIDTH, u32::MAX);
    if let Some(large) = &large {
        out.write_still(Variant::Large, large, format)?;
    }
    if let Some(small) = shrink_to_fit(
        large.as_ref().unwrap_or(original),
        COVER_SMALL_WIDTH,
        u32::MAX,
    ) {
        out.write_still(Variant::Small, &small, format)?;
    }

    Ok(processed_still(kind, &image, out))
}

fn processed_still(kind: ImageKind, image: &DynamicImage, out: Outputs<'_>) -> Processed {
    let (width, height) = image.dimensions();
    Processed {
        kind,
        width,
        height,
        animated: false,
        renditions: out.finish(),
    }
}

/// Thumbnails are JPEG, which is small for photos, unless the image really has
/// transparency: JPEG would paint it black.
fn thumbnail_format(image: &DynamicImage) -> ImageKind {
    if has_transparency(image) {
        ImageKind::Png
    } else {
        ImageKind::Jpeg
    }
}

/// Whether any pixel is not fully opaque. Many PNGs carry an alpha channel they never
/// use (screenshots, exports), and those should still get small JPEG thumbnails.
fn has_transparency(image: &DynamicImage) -> bool {
    match image {
        DynamicImage::ImageLumaA8(i) => i.pixels().any(|p| p.0[1] < u8::MAX),
        DynamicImage::ImageRgba8(i) => i.pixels().any(|p| p.0[3] < u8::MAX),
        DynamicImage::ImageLumaA16(i) => i.pixels().any(|p| p.0[1] < u16::MAX),
        DynamicImage::ImageRgba16(i) => i.pixels().any(|p| p.0[3] < u16::MAX),
        DynamicImage::ImageRgba32F(i) => i.pixels().any(|p| p.0[3] < 1.0),
        other => other.color().has_alpha(),
    }
}

/// `image` scaled down to fit in `max_width`×`max_height` with its aspect ratio kept,
/// or `None` when it already fits: Hearth never scales an image up.
fn shrink_to_fit(image: &DynamicImage, max_width: u32, max_height: u32) -> Option<DynamicImage> {
    let (width, height) = fit(image.dimensions(), (max_width, max_height))?;
    Some(image.resize_exact(width, height, FILTER))
}

/// The size of the box `size` scaled down to fit in `bounds`, at least one pixel on
/// each side; `None` when it already fits.
fn fit((width, height): (u32, u32), (max_width, max_height): (u32, u32)) -> Option<(u32, u32)> {
    if width <= max_width && height <= max_height {
        return None;
    }
    let scale = f64::min(
        f64::from(max_width) / f64::from(width),
        f64::from(max_height) / f64::from(height),
    );
    // Rounded, then clamped: rounding must not push a side past its bound.
    let side = |length: u32, max: u32| ((f64::from(length) * scale).round() as u32).clamp(1, max);
    Some((side(width, max_width), side(height, max_height)))
}

#[cfg(test)]
mod tests {
    use super::fit;

    #[test]
    fn fit_keeps_the_aspect_ratio_and_never_scales_up() {
        assert_eq!(fit((2000, 1000), (1280, 1280)), Some((1280, 640)));
        assert_eq!(fit((1000, 2000), (1280, 1280)), Some((640, 1280)));
        assert_eq!(fit((1280, 700), (1280, 1280)), None);
        assert_eq!(fit((2400, 600), (1920, u32::MAX)), Some((1920, 480)));
        assert_eq!(fit((400, 9000), (1920, u32::MAX)), None);
        // A sliver keeps at least one pixel.
        assert_eq!(fit((40_000, 1), (320, 320)), Some((320, 1)));
    }
}
