//! Processing real files end to end: sizes, formats, metadata, orientation, and the
//! refusals. The fixtures are built here, byte by byte where a real encoder would not
//! write what we need (EXIF, text chunks, a lying header).

use std::io::Cursor;
use std::path::{Path, PathBuf};

use image::codecs::gif::{GifDecoder, GifEncoder, Repeat};
use image::metadata::LoopCount;
use image::{
    AnimationDecoder, Delay, DynamicImage, Frame, GenericImageView, ImageFormat, ImageReader, Rgb,
    RgbImage, Rgba, RgbaImage,
};
use tempfile::TempDir;

use super::*;

type Process = fn(&Path, &Path, ImageLimits) -> Result<Processed, ImageError>;
const ALL_USES: [Process; 3] = [process_attachment, process_avatar, process_cover];

/// A folder for the upload and a separate, empty one for the renditions, so tests can
/// check exactly what was written.
struct Folders {
    _root: TempDir,
    input: PathBuf,
    out: PathBuf,
}

fn folders() -> Folders {
    let root = tempfile::tempdir().unwrap();
    let input = root.path().join("in");
    let out = root.path().join("out");
    std::fs::create_dir(&input).unwrap();
    std::fs::create_dir(&out).unwrap();
    Folders {
        _root: root,
        input,
        out,
    }
}

impl Folders {
    fn upload(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.input.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    fn written(&self) -> Vec<PathBuf> {
        std::fs::read_dir(&self.out)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect()
    }
}

fn encode(image: &DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut bytes = Vec::new();
    image
        .write_to(&mut Cursor::new(&mut bytes), format)
        .unwrap();
    bytes
}

fn decode(path: &Path) -> DynamicImage {
    ImageReader::open(path)
        .unwrap()
        .with_guessed_format()
        .unwrap()
        .decode()
        .unwrap()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Checks what every rendition promises: a new file in `out`, of the stated type,
/// size and length.
fn assert_renditions_are_honest(processed: &Processed, out: &Path) {
    for r in &processed.renditions {
        assert_eq!(r.path.parent(), Some(out), "{r:?}");
        let bytes = std::fs::read(&r.path).unwrap();
        assert_eq!(r.bytes, bytes.len() as u64, "{r:?}");
        assert_eq!(sniff(&bytes), Sniffed::Image(kind_of_mime(r.mime)), "{r:?}");
        assert_eq!(decode(&r.path).dimensions(), (r.width, r.height), "{r:?}");
    }
    assert!(processed.rendition(Variant::Original).is_some());
}

fn kind_of_mime(mime: &str) -> ImageKind {
    [
        ImageKind::Jpeg,
        ImageKind::Png,
        ImageKind::Gif,
        ImageKind::Webp,
    ]
    .into_iter()
    .find(|k| k.mime() == mime)
    .unwrap()
}

fn size(processed: &Processed, variant: Variant) -> Option<(u32, u32, &'static str)> {
    processed
        .rendition(variant)
        .map(|r| (r.width, r.height, r.mime))
}

const JPEG: &str = "image/jpeg";
const PNG: &str = "image/png";

// ---- EXIF, hand-assembled ----

/// The GPS "position" hidden in the fixture, to look for in the output.
const GPS_SECRET: &[u8] = b"HEARTH-GPS 52.5200N 13.4050E\0";

/// A big-endian TIFF block, as inside an EXIF segment: IFD0 with Orientation and a
/// pointer to a GPS IFD holding one ASCII tag.
fn tiff_with_orientation_and_gps(orientation: u16) -> Vec<u8> {
    fn entry(tiff: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: [u8; 4]) {
        tiff.extend(tag.to_be_bytes());
        tiff.extend(kind.to_be_bytes());
        tiff.extend(count.to_be_bytes());
        tiff.extend(value);
    }
    const SHORT: u16 = 3;
    const LONG: u16 = 4;
    const ASCII: u16 = 2;
    let gps_ifd: u32 = 8 + 2 + 2 * 12 + 4;
    let gps_value: u32 = gps_ifd + 2 + 12 + 4;

    let mut tiff = b"MM\0\x2a".to_vec();
    tiff.extend(8_u32.to_be_bytes());
    tiff.extend(2_u16.to_be_bytes());
    let [hi, lo] = orientation.to_be_bytes();
    entry(&mut tiff, 0x0112, SHORT, 1, [hi, lo, 0, 0]);
    entry(&mut tiff, 0x8825, LONG, 1, gps_ifd.to_be_bytes());
    tiff.extend(0_u32.to_be_bytes());
    assert_eq!(tiff.len() as u32, gps_ifd);
    tiff.extend(1_u16.to_be_bytes());
    // GPSProcessingMethod, holding our marker.
    entry(
        &mut tiff,
        0x001b,
        ASCII,
        GPS_SECRET.len() as u32,
        gps_value.to_be_bytes(),
    );
    tiff.extend(0_u32.to_be_bytes());
    assert_eq!(tiff.len() as u32, gps_value);
    tiff.extend(GPS_SECRET);
    tiff
}

/// `jpeg` with an APP1 Exif segment inserted after its APP0 (JFIF) segment, where
/// cameras put it.
fn with_exif(jpeg: &[u8], orientation: u16) -> Vec<u8> {
    let tiff = tiff_with_orientation_and_gps(orientation);
    let mut app1 = vec![0xff, 0xe1];
    app1.extend(u16::try_from(2 + 6 + tiff.len()).unwrap().to_be_bytes());
    app1.extend(b"Exif\0\0");
    app1.extend(tiff);

    assert_eq!(&jpeg[..2], b"\xff\xd8");
    let mut at = 2;
    if jpeg[2..4] == [0xff, 0xe0] {
        at += 2 + usize::from(u16::from_be_bytes([jpeg[4], jpeg[5]]));
    }
    [&jpeg[..at], &app1, &jpeg[at..]].concat()
}

/// Left half red, right half blue: after a quarter turn clockwise, red is on top.
fn red_left_blue_right(width: u32, height: u32) -> DynamicImage {
    DynamicImage::ImageRgb8(RgbImage::from_fn(width, height, |x, _| {
        if x < width / 2 {
            Rgb([220, 20, 20])
        } else {
            Rgb([20, 20, 220])
        }
    }))
}

fn is_red(p: Rgba<u8>) -> bool {
    p.0[0] > 150 && p.0[2] < 80
}

fn is_blue(p: Rgba<u8>) -> bool {
    p.0[2] > 150 && p.0[0] < 80
}

// ---- PNG chunks, hand-assembled ----

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0_u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut chunk = u32::try_from(data.len()).unwrap().to_be_bytes().to_vec();
    chunk.extend(kind);
    chunk.extend(data);
    chunk.extend(crc32(&[&kind[..], data].concat()).to_be_bytes());
    chunk
}

/// A tiny PNG whose header claims `width`×`height` grey pixels: the shape of a
/// decompression bomb, without the bomb.
fn png_declaring(width: u32, height: u32) -> Vec<u8> {
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend(height.to_be_bytes());
    ihdr.extend([8, 0, 0, 0, 0]);
    // An empty zlib stream: far too little data, which only a decoder would notice.
    let idat = [0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01];
    [
        &b"\x89PNG\r\n\x1a\n"[..],
        &png_chunk(b"IHDR", &ihdr),
        &png_chunk(b"IDAT", &idat),
        &png_chunk(b"IEND", &[]),
    ]
    .concat()
}

/// `png` with chunks inserted right after IHDR (8 bytes of signature, 25 of IHDR).
fn with_chunks_after_ihdr(png: &[u8], chunks: &[Vec<u8>]) -> Vec<u8> {
    [&png[..33], &chunks.concat(), &png[33..]].concat()
}

// ---- GIF ----

const GIF_COLOURS: [[u8; 4]; 3] = [[230, 40, 40, 255], [40, 200, 40, 255], [40, 40, 230, 255]];

/// An animation of `frames` plain frames, a tenth of a second each, looping forever,
/// with a comment extension before the trailer.
fn animated_gif(width: u32, height: u32, frames: usize) -> Vec<u8> {
    let mut bytes = Vec::new();
    {
        let mut encoder = GifEncoder::new_with_speed(&mut bytes, 30);
        encoder.set_repeat(Repeat::Infinite).unwrap();
        for i in 0..frames {
            let colour = Rgba(GIF_COLOURS[i % GIF_COLOURS.len()]);
            let frame = RgbaImage::from_pixel(width, height, colour);
            encoder
                .encode_frame(Frame::from_parts(
                    frame,
                    0,
                    0,
                    Delay::from_numer_denom_ms(100, 1),
                ))
                .unwrap();
        }
    }
    assert_eq!(bytes.pop(), Some(0x3b), "a GIF ends with its trailer");
    bytes.extend(b"\x21\xfe\x0eHEARTH-COMMENT\x00\x3b");
    bytes
}

// ---- The tests ----

#[test]
fn a_large_photo_gets_an_original_a_large_and_a_small_jpeg() {
    let f = folders();
    let photo = DynamicImage::ImageRgb8(demo_image(7, 1600, 800));
    let input = f.upload("photo.jpg", &encode(&photo, ImageFormat::Jpeg));

    let processed = process_attachment(&input, &f.out, ImageLimits::default()).unwrap();

    assert_eq!(processed.kind, ImageKind::Jpeg);
    assert_eq!((processed.width, processed.height), (1600, 800));
    assert!(!processed.animated);
    assert_eq!(size(&processed, Variant::Original), Some((1600, 800, JPEG)));
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
    let banner = DynamicImage::ImageRgb8(demo_image(6, 2400, 600));
    let input = f.upload("cover.jpg", &encode(&banner, ImageFormat::Jpeg));

    let processed = process_cover(&input, &f.out, ImageLimits::default()).unwrap();

    assert_eq!((processed.width, processed.height), (2400, 600));
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
