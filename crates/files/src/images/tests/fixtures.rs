//! Fixtures for the processing tests, built here byte by byte where a real encoder
//! would not write what we need (EXIF, text chunks, a lying header).

use std::io::Cursor;
use std::path::{Path, PathBuf};

use image::codecs::gif::{GifEncoder, Repeat};
use image::{
    Delay, DynamicImage, Frame, GenericImageView, ImageFormat, ImageReader, Rgb, RgbImage, Rgba,
    RgbaImage,
};
use tempfile::TempDir;

use super::super::*;

pub(super) type Process = fn(&Path, &Path, ImageLimits) -> Result<Processed, ImageError>;
pub(super) const ALL_USES: [Process; 3] = [process_attachment, process_avatar, process_cover];

/// A folder for the upload and a separate, empty one for the renditions, so tests can
/// check exactly what was written.
pub(super) struct Folders {
    _root: TempDir,
    pub(super) input: PathBuf,
    pub(super) out: PathBuf,
}

pub(super) fn folders() -> Folders {
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
    pub(super) fn upload(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.input.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    pub(super) fn written(&self) -> Vec<PathBuf> {
        std::fs::read_dir(&self.out)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect()
    }
}

pub(super) fn encode(image: &DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut bytes = Vec::new();
    image
        .write_to(&mut Cursor::new(&mut bytes), format)
        .unwrap();
    bytes
}

pub(super) fn decode(path: &Path) -> DynamicImage {
    ImageReader::open(path)
        .unwrap()
        .with_guessed_format()
        .unwrap()
        .decode()
        .unwrap()
}

pub(super) fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Checks what every rendition promises: a new file in `out`, of the stated type,
/// size and length.
pub(super) fn assert_renditions_are_honest(processed: &Processed, out: &Path) {
    for r in &processed.renditions {
        assert_eq!(r.path.parent(), Some(out), "{r:?}");
        let bytes = std::fs::read(&r.path).unwrap();
        assert_eq!(r.bytes, bytes.len() as u64, "{r:?}");
        assert_eq!(sniff(&bytes), Sniffed::Image(kind_of_mime(r.mime)), "{r:?}");
        assert_eq!(decode(&r.path).dimensions(), (r.width, r.height), "{r:?}");
    }
    assert!(processed.rendition(Variant::Original).is_some());
}

pub(super) fn kind_of_mime(mime: &str) -> ImageKind {
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

pub(super) fn size(processed: &Processed, variant: Variant) -> Option<(u32, u32, &'static str)> {
    processed
        .rendition(variant)
        .map(|r| (r.width, r.height, r.mime))
}

pub(super) const JPEG: &str = "image/jpeg";
pub(super) const PNG: &str = "image/png";

// ---- EXIF, hand-assembled ----

/// The GPS "position" hidden in the fixture, to look for in the output.
pub(super) const GPS_SECRET: &[u8] = b"HEARTH-GPS 52.5200N 13.4050E\0";

/// A big-endian TIFF block, as inside an EXIF segment: IFD0 with Orientation and a
/// pointer to a GPS IFD holding one ASCII tag.
pub(super) fn tiff_with_orientation_and_gps(orientation: u16) -> Vec<u8> {
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
pub(super) fn with_exif(jpeg: &[u8], orientation: u16) -> Vec<u8> {
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
pub(super) fn red_left_blue_right(width: u32, height: u32) -> DynamicImage {
    DynamicImage::ImageRgb8(RgbImage::from_fn(width, height, |x, _| {
        if x < width / 2 {
            Rgb([220, 20, 20])
        } else {
            Rgb([20, 20, 220])
        }
    }))
}

pub(super) fn is_red(p: Rgba<u8>) -> bool {
    p.0[0] > 150 && p.0[2] < 80
}

pub(super) fn is_blue(p: Rgba<u8>) -> bool {
    p.0[2] > 150 && p.0[0] < 80
}

// ---- PNG chunks, hand-assembled ----

pub(super) fn crc32(bytes: &[u8]) -> u32 {
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

pub(super) fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut chunk = u32::try_from(data.len()).unwrap().to_be_bytes().to_vec();
    chunk.extend(kind);
    chunk.extend(data);
    chunk.extend(crc32(&[&kind[..], data].concat()).to_be_bytes());
    chunk
}

/// A tiny PNG whose header claims `width`×`height` grey pixels: the shape of a
/// decompression bomb, without the bomb.
pub(super) fn png_declaring(width: u32, height: u32) -> Vec<u8> {
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
pub(super) fn with_chunks_after_ihdr(png: &[u8], chunks: &[Vec<u8>]) -> Vec<u8> {
    [&png[..33], &chunks.concat(), &png[33..]].concat()
}

// ---- GIF ----

pub(super) const GIF_COLOURS: [[u8; 4]; 3] =
    [[230, 40, 40, 255], [40, 200, 40, 255], [40, 40, 230, 255]];

/// An animation of `frames` plain frames, a tenth of a second each, looping forever,
/// with a comment extension before the trailer.
pub(super) fn animated_gif(width: u32, height: u32, frames: usize) -> Vec<u8> {
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
