//! Processing real files end to end: sizes, formats, metadata, orientation, and the
//! refusals.

mod fixtures;

use std::io::Cursor;

use image::codecs::gif::GifDecoder;
use image::metadata::LoopCount;
use image::{AnimationDecoder, DynamicImage, ImageFormat, Rgb, RgbImage, Rgba, RgbaImage};

use super::*;
use fixtures::*;

#[test]
fn a_large_photo_gets_an_original_a_large_and_a_small_jpeg() {
    let f = folders();
    let photo = DynamicImage::ImageRgb8(demo_image(7, 1400, 700));
    let input = f.upload("photo.jpg", &encode(&photo, ImageFormat::Jpeg));

    let processed = process_attachment(&input, &f.out, ImageLimits::default()).unwrap();

    assert_eq!(processed.kind, ImageKind::Jpeg);
    assert_eq!((processed.width, processed.height), (1400, 700));
    assert!(!processed.animated);
    assert_eq!(size(&processed, Variant::Original), Some((1400, 700, JPEG)));
    assert_eq!(size(&processed, Variant::Large), Some((1280, 640, JPEG)));
    assert_eq!(size(&processed, Variant::Small), Some((320, 160, JPEG)));
    assert_eq!(processed.renditions.len(), 3);
    assert_eq!(f.written().len(), 3);
    assert_renditions_are_honest(&processed, &f.out);
}

#[test]
fn an_image_is_never_scaled_up() {
    let f = folders();
    let small = DynamicImage::ImageRgb8(demo_image(1, 300, 200));
    let input = f.upload("small.png", &encode(&small, ImageFormat::Png));

    let processed = process_attachment(&input, &f.out, ImageLimits::default()).unwrap();

    assert_eq!(processed.kind, ImageKind::Png);
    assert_eq!(size(&processed, Variant::Original), Some((300, 200, PNG)));
    assert_eq!(processed.renditions.len(), 1);
    // PNG is lossless: the Original holds exactly the uploaded pixels.
    let original = decode(&processed.renditions[0].path);
    assert_eq!(original.to_rgb8(), small.to_rgb8());
}

#[test]
fn a_webp_stays_a_lossless_webp_with_a_jpeg_small_thumbnail() {
    let f = folders();
    let picture = DynamicImage::ImageRgb8(demo_image(2, 800, 600));
    let input = f.upload("picture", &encode(&picture, ImageFormat::WebP));

    let processed = process_attachment(&input, &f.out, ImageLimits::default()).unwrap();

    assert_eq!(processed.kind, ImageKind::Webp);
    assert_eq!(
        size(&processed, Variant::Original),
        Some((800, 600, "image/webp"))
    );
    assert_eq!(size(&processed, Variant::Large), None);
    assert_eq!(size(&processed, Variant::Small), Some((320, 240, JPEG)));
    assert_renditions_are_honest(&processed, &f.out);
    let original = decode(&processed.rendition(Variant::Original).unwrap().path);
    assert_eq!(original.to_rgb8(), picture.to_rgb8());
}

#[test]
fn the_type_comes_from_the_content_not_the_name() {
    let f = folders();
    let png = encode(
        &DynamicImage::ImageRgb8(demo_image(3, 40, 30)),
        ImageFormat::Png,
    );
    let input = f.upload("looks-like.jpg", &png);

    let processed = process_attachment(&input, &f.out, ImageLimits::default()).unwrap();

    assert_eq!(processed.kind, ImageKind::Png);
    assert_eq!(size(&processed, Variant::Original), Some((40, 30, PNG)));
}

#[test]
fn exif_orientation_is_applied_and_every_exif_byte_is_gone() {
    let f = folders();
    let jpeg = encode(&red_left_blue_right(60, 30), ImageFormat::Jpeg);
    let input = f.upload("phone.jpg", &with_exif(&jpeg, 6));
    // The fixture really carries what we are about to strip.
    let uploaded = std::fs::read(&input).unwrap();
    assert!(contains(&uploaded, b"Exif\0\0") && contains(&uploaded, GPS_SECRET));

    let processed = process_attachment(&input, &f.out, ImageLimits::default()).unwrap();

    // Orientation 6 is a quarter turn clockwise: 60×30 becomes 30×60, red on top.
    assert_eq!((processed.width, processed.height), (30, 60));
    let original = processed.rendition(Variant::Original).unwrap();
    assert_eq!((original.width, original.height), (30, 60));
    let pixels = decode(&original.path).to_rgba8();
    assert!(is_red(*pixels.get_pixel(15, 10)));
    assert!(is_blue(*pixels.get_pixel(15, 50)));

    let written = std::fs::read(&original.path).unwrap();
    assert!(
        !contains(&written, b"Exif\0\0"),
        "an Exif APP1 segment is left"
    );
    assert!(
        !contains(&written, &[0xff, 0xe1]),
        "an APP1 segment is left"
    );
    assert!(
        !contains(&written, b"HEARTH-GPS"),
        "the GPS position is left"
    );
}

#[test]
fn png_text_and_exif_chunks_are_dropped_and_orientation_applied() {
    let f = folders();
    let png = encode(&red_left_blue_right(60, 30), ImageFormat::Png);
    let exif = png_chunk(b"eXIf", &tiff_with_orientation_and_gps(6));
    let text = png_chunk(b"tEXt", b"Comment\0HEARTH-GPS in a comment");
    let input = f.upload(
        "screenshot.png",
        &with_chunks_after_ihdr(&png, &[exif, text]),
    );

    let processed = process_attachment(&input, &f.out, ImageLimits::default()).unwrap();

    assert_eq!(size(&processed, Variant::Original), Some((30, 60, PNG)));
    let original = processed.rendition(Variant::Original).unwrap();
    let pixels = decode(&original.path).to_rgba8();
    assert!(is_red(*pixels.get_pixel(15, 10)));
    let written = std::fs::read(&original.path).unwrap();
    for chunk in [&b"eXIf"[..], b"tEXt", b"HEARTH-GPS"] {
        assert!(!contains(&written, chunk));
    }
}

#[test]
fn a_decompression_bomb_is_refused_from_its_header() {
    let f = folders();
    let input = f.upload("bomb.png", &png_declaring(10_000, 10_000));

    for process in ALL_USES {
        let error = process(&input, &f.out, ImageLimits::default()).unwrap_err();
        // `TooManyPixels` can only come from the header: the file holds no pixels.
        assert!(
            matches!(
                error,
                ImageError::TooManyPixels {
                    width: 10_000,
                    height: 10_000,
                    max_pixels: 40_000_000
                }
            ),
            "{error:?}"
        );
    }
    assert!(f.written().is_empty());
}

#[test]
fn a_real_image_over_the_limit_is_refused_in_every_format() {
    let f = folders();
    let picture = DynamicImage::ImageRgb8(demo_image(4, 100, 100));
    let limits = ImageLimits { max_pixels: 9_999 };
    for format in [
        ImageFormat::Jpeg,
        ImageFormat::Png,
        ImageFormat::WebP,
        ImageFormat::Gif,
    ] {
        let input = f.upload("big", &encode(&picture, format));
        for process in ALL_USES {
            let error = process(&input, &f.out, limits).unwrap_err();
            assert!(
                matches!(
                    error,
                    ImageError::TooManyPixels {
                        width: 100,
                        height: 100,
                        ..
                    }
                ),
                "{format:?}: {error:?}"
            );
        }
    }
    assert!(f.written().is_empty());
}

#[test]
fn an_animated_gif_stays_animated_and_its_thumbnails_are_still() {
    let f = folders();
    let input = f.upload("party.gif", &animated_gif(400, 200, 3));

    let processed = process_attachment(&input, &f.out, ImageLimits::default()).unwrap();

    assert_eq!(processed.kind, ImageKind::Gif);
    assert!(processed.animated);
    assert_eq!((processed.width, processed.height), (400, 200));
    assert_eq!(
        size(&processed, Variant::Original),
        Some((400, 200, "image/gif"))
    );
    assert_eq!(size(&processed, Variant::Small), Some((320, 160, JPEG)));
    assert_renditions_are_honest(&processed, &f.out);

    let original = processed.rendition(Variant::Original).unwrap();
    let bytes = std::fs::read(&original.path).unwrap();
    assert!(!contains(&bytes, b"HEARTH-COMMENT"), "the comment is left");
    let decoder = GifDecoder::new(Cursor::new(&bytes)).unwrap();
    assert!(matches!(decoder.loop_count(), LoopCount::Infinite));
    let frames = decoder.into_frames().collect_frames().unwrap();
    assert_eq!(frames.len(), 3);
    for (frame, colour) in frames.iter().zip(GIF_COLOURS) {
        assert_eq!(frame.delay().numer_denom_ms(), (100, 1));
        assert_eq!(frame.buffer().get_pixel(10, 10).0, colour);
    }

    // The thumbnail is the first frame, and a still image.
    let small = processed.rendition(Variant::Small).unwrap();
    assert_eq!(
        sniff(&std::fs::read(&small.path).unwrap()),
        Sniffed::Image(ImageKind::Jpeg)
    );
    let first = decode(&small.path).to_rgba8();
    assert!(is_red(*first.get_pixel(100, 80)));
}

#[test]
fn an_animated_gif_with_too_many_frames_is_refused() {
    let f = folders();
    // Each 40×30 frame fits in 1500 pixels; six of them exceed 4 × 1500.
    let input = f.upload("long.gif", &animated_gif(40, 30, 6));

    let error = process_attachment(&input, &f.out, ImageLimits { max_pixels: 1500 }).unwrap_err();

    assert!(
        matches!(error, ImageError::TooManyPixels { .. }),
        "{error:?}"
    );
    assert!(f.written().is_empty(), "the half-written GIF is left");
}

#[test]
fn an_animated_gif_avatar_uses_its_first_frame() {
    let f = folders();
    let input = f.upload("me.gif", &animated_gif(90, 60, 3));

    let processed = process_avatar(&input, &f.out, ImageLimits::default()).unwrap();

    assert_eq!(processed.kind, ImageKind::Gif);
    assert!(!processed.animated);
    assert_eq!(size(&processed, Variant::Original), Some((90, 60, JPEG)));
    let avatar = processed.rendition(Variant::Avatar).unwrap();
    assert!(is_red(*decode(&avatar.path).to_rgba8().get_pixel(128, 128)));
}

#[test]
fn transparency_makes_thumbnails_png() {
    let f = folders();
    let logo = DynamicImage::ImageRgba8(RgbaImage::from_fn(400, 400, |x, _| {
        Rgba([30, 90, 200, if x < 200 { 0 } else { 255 }])
    }));
    let input = f.upload("logo.png", &encode(&logo, ImageFormat::Png));

    let processed = process_attachment(&input, &f.out, ImageLimits::default()).unwrap();

    assert_eq!(size(&processed, Variant::Small), Some((320, 320, PNG)));
    let small = decode(&processed.rendition(Variant::Small).unwrap().path).to_rgba8();
    assert_eq!(small.get_pixel(10, 160).0[3], 0);
    assert_eq!(small.get_pixel(310, 160).0[3], 255);
}

#[test]
fn an_unused_alpha_channel_still_gets_jpeg_thumbnails() {
    let f = folders();
    let opaque =
        DynamicImage::ImageRgba8(RgbaImage::from_pixel(400, 400, Rgba([30, 90, 200, 255])));
    let input = f.upload("export.png", &encode(&opaque, ImageFormat::Png));

    let processed = process_attachment(&input, &f.out, ImageLimits::default()).unwrap();

    assert_eq!(size(&processed, Variant::Original), Some((400, 400, PNG)));
    assert_eq!(size(&processed, Variant::Small), Some((320, 320, JPEG)));
}

#[test]
fn an_avatar_is_the_centred_square_in_two_sizes() {
    let f = folders();
    // Red, green and blue thirds: the centred square is all green.
    let wide = DynamicImage::ImageRgb8(RgbImage::from_fn(1500, 500, |x, _| match x / 500 {
        0 => Rgb([220, 20, 20]),
        1 => Rgb([20, 200, 20]),
        _ => Rgb([20, 20, 220]),
    }));
    let input = f.upload("me.jpg", &encode(&wide, ImageFormat::Jpeg));

    let processed = process_avatar(&input, &f.out, ImageLimits::default()).unwrap();

    assert_eq!((processed.width, processed.height), (1500, 500));
    assert_eq!(size(&processed, Variant::Original), Some((1280, 427, JPEG)));
    assert_eq!(size(&processed, Variant::Avatar), Some((256, 256, JPEG)));
    assert_eq!(size(&processed, Variant::AvatarSmall), Some((64, 64, JPEG)));
    assert_eq!(processed.renditions.len(), 3);
    assert_renditions_are_honest(&processed, &f.out);
    let avatar = decode(&processed.rendition(Variant::Avatar).unwrap().path).to_rgb8();
    for x in [4, 128, 251] {
        let [r, g, b] = avatar.get_pixel(x, 128).0;
        assert!(g > 150 && r < 80 && b < 80, "{x}: {r} {g} {b}");
    }
}

#[test]
fn a_small_avatar_is_scaled_up_to_the_avatar_sizes() {
    let f = folders();
    let tiny = DynamicImage::ImageRgb8(demo_image(5, 100, 80));
    let input = f.upload("tiny.png", &encode(&tiny, ImageFormat::Png));

    let processed = process_avatar(&input, &f.out, ImageLimits::default()).unwrap();

    assert_eq!(size(&processed, Variant::Original), Some((100, 80, JPEG)));
    assert_eq!(size(&processed, Variant::Avatar), Some((256, 256, JPEG)));
    assert_eq!(size(&processed, Variant::AvatarSmall), Some((64, 64, JPEG)));
}

#[test]
fn a_cover_is_scaled_by_width_and_never_cropped() {
    let f = folders();
    let banner = DynamicImage::ImageRgb8(demo_image(6, 2000, 500));
    let input = f.upload("cover.jpg", &encode(&banner, ImageFormat::Jpeg));

    let processed = process_cover(&input, &f.out, ImageLimits::default()).unwrap();

    assert_eq!((processed.width, processed.height), (2000, 500));
    assert_eq!(size(&processed, Variant::Original), Some((1920, 480, JPEG)));
    assert_eq!(size(&processed, Variant::Large), Some((1280, 320, JPEG)));
    assert_eq!(size(&processed, Variant::Small), Some((480, 120, JPEG)));
    assert_renditions_are_honest(&processed, &f.out);
}

#[test]
fn a_narrow_cover_gets_only_the_sizes_it_is_wider_than() {
    let f = folders();
    let banner = DynamicImage::ImageRgb8(demo_image(8, 800, 200));
    let input = f.upload("cover.png", &encode(&banner, ImageFormat::Png));

    let processed = process_cover(&input, &f.out, ImageLimits::default()).unwrap();

    assert_eq!(size(&processed, Variant::Original), Some((800, 200, JPEG)));
    assert_eq!(size(&processed, Variant::Large), None);
    assert_eq!(size(&processed, Variant::Small), Some((480, 120, JPEG)));
}

#[test]
fn a_file_that_is_not_an_image_is_unreadable_whatever_its_name() {
    let f = folders();
    let uploads = [
        f.upload("notes.jpg", b"Minutes of the Tuesday meeting\n"),
        f.upload(
            "drawing.png",
            br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#,
        ),
        f.upload("scan.gif", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"),
        f.upload("empty.webp", b""),
    ];
    for input in &uploads {
        for process in ALL_USES {
            let error = process(input, &f.out, ImageLimits::default()).unwrap_err();
            assert!(
                matches!(error, ImageError::Unreadable(_)),
                "{input:?}: {error:?}"
            );
        }
    }
    assert!(f.written().is_empty());
}

#[test]
fn a_truncated_image_is_unreadable_and_leaves_nothing_behind() {
    let f = folders();
    let picture = DynamicImage::ImageRgb8(demo_image(9, 200, 150));
    for format in [
        ImageFormat::Jpeg,
        ImageFormat::Png,
        ImageFormat::Gif,
        ImageFormat::WebP,
    ] {
        let bytes = encode(&picture, format);
        for cut in [40, bytes.len() / 2] {
            let input = f.upload("cut", &bytes[..cut]);
            for process in ALL_USES {
                let error = process(&input, &f.out, ImageLimits::default()).unwrap_err();
                assert!(
                    matches!(error, ImageError::Unreadable(_)),
                    "{format:?} cut at {cut}: {error:?}"
                );
            }
        }
    }
    assert!(f.written().is_empty());
}

#[test]
fn a_missing_file_is_an_io_error() {
    let f = folders();
    let error =
        process_attachment(&f.input.join("gone.jpg"), &f.out, ImageLimits::default()).unwrap_err();
    assert!(matches!(error, ImageError::Io(_)), "{error:?}");
}

#[test]
fn variants_round_trip_through_their_names() {
    for variant in Variant::ALL {
        assert_eq!(Variant::parse(variant.as_str()), Some(variant));
    }
    assert_eq!(Variant::parse("Original"), None);
    assert_eq!(Variant::parse(""), None);
}

#[test]
fn demo_images_are_the_same_for_the_same_seed() {
    assert_eq!(demo_image(42, 64, 48), demo_image(42, 64, 48));
    assert_ne!(demo_image(42, 64, 48), demo_image(43, 64, 48));
    assert_eq!(demo_image(1, 0, 0).dimensions(), (0, 0));
}
