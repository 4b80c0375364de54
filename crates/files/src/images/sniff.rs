//! The type of a file from its first bytes. The name and the browser's
//! `Content-Type` are chosen by the uploader, so they never decide how Hearth serves a
//! file; this does.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// How many leading bytes [`sniff`] wants: enough for every signature `infer` knows,
/// including the ones that look inside a zip (Office documents).
pub const SNIFF_LEN: usize = 8 * 1024;

/// The type for anything Hearth does not recognise or will not name: browsers only
/// ever offer it for download.
const OCTET_STREAM: &str = "application/octet-stream";

/// What a file is, judged from its first bytes only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    /// A raster image Hearth shows inline.
    Image(ImageKind),
    /// Anything else: shown as a download card, always served as an attachment.
    Other { mime: &'static str },
}

/// The raster formats Hearth decodes, thumbnails and shows inline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImageKind {
    Jpeg,
    Png,
    Gif,
    Webp,
}

impl ImageKind {
    /// The `Content-Type` Hearth serves this kind of image with.
    pub fn mime(self) -> &'static str {
        match self {
            ImageKind::Jpeg => "image/jpeg",
            ImageKind::Png => "image/png",
            ImageKind::Gif => "image/gif",
            ImageKind::Webp => "image/webp",
        }
    }

    /// Without the dot, as file names of downloads end.
    pub fn extension(self) -> &'static str {
        match self {
            ImageKind::Jpeg => "jpg",
            ImageKind::Png => "png",
            ImageKind::Gif => "gif",
            ImageKind::Webp => "webp",
        }
    }

    pub(super) fn format(self) -> image::ImageFormat {
        match self {
            ImageKind::Jpeg => image::ImageFormat::Jpeg,
            ImageKind::Png => image::ImageFormat::Png,
            ImageKind::Gif => image::ImageFormat::Gif,
            ImageKind::Webp => image::ImageFormat::WebP,
        }
    }
}

/// `head` is the first bytes of the file (at least 8 KiB when the file is that long).
pub fn sniff(head: &[u8]) -> Sniffed {
    let Some(found) = infer::get(head) else {
        // Plain text, CSV, and SVG or HTML that `infer` does not spot all land here.
        return Sniffed::Other { mime: OCTET_STREAM };
    };
    match found.mime_type() {
        "image/jpeg" => Sniffed::Image(ImageKind::Jpeg),
        "image/png" => Sniffed::Image(ImageKind::Png),
        "image/gif" => Sniffed::Image(ImageKind::Gif),
        "image/webp" => Sniffed::Image(ImageKind::Webp),
        mime if may_run_script(mime) => Sniffed::Other { mime: OCTET_STREAM },
        mime => Sniffed::Other { mime },
    }
}

/// Reads the first [`SNIFF_LEN`] bytes of the file at `path` and sniffs them.
pub fn sniff_file(path: &Path) -> io::Result<Sniffed> {
    let mut head = Vec::with_capacity(SNIFF_LEN);
    File::open(path)?
        .take(SNIFF_LEN as u64)
        .read_to_end(&mut head)?;
    Ok(sniff(&head))
}

/// Types a browser might render or execute if it ever got the chance (a missing
/// `Content-Disposition`, an old browser, a viewer that honours the type). Serving
/// them as `application/octet-stream` closes that door for good. Every `text/*` is
/// included: none is worth a risk, and plain text is a download anyway.
fn may_run_script(mime: &str) -> bool {
    mime.starts_with("text/")
        || mime.ends_with("+xml")
        || matches!(
            mime,
            "application/xml"
                | "application/javascript"
                | "application/x-javascript"
                | "application/ecmascript"
                | "application/x-shockwave-flash"
                | "application/wasm"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    const OCTET: Sniffed = Sniffed::Other { mime: OCTET_STREAM };

    #[test]
    fn an_svg_with_a_script_is_an_opaque_download() {
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>"#;
        assert_eq!(sniff(svg), OCTET);
        let declared = br#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#;
        assert_eq!(sniff(declared), OCTET);
    }

    #[test]
    fn an_html_page_is_an_opaque_download() {
        assert_eq!(
            sniff(b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"),
            OCTET
        );
        assert_eq!(sniff(b"<html><head><title>x</title></head></html>"), OCTET);
    }

    #[test]
    fn plain_text_and_csv_are_opaque_downloads() {
        assert_eq!(sniff(b"Minutes of the Tuesday meeting\n"), OCTET);
        assert_eq!(sniff(b"name,team\nAda,Platform\n"), OCTET);
        assert_eq!(sniff(b"#!/bin/sh\nrm -rf /\n"), OCTET);
    }

    #[test]
    fn a_pdf_keeps_its_type() {
        assert_eq!(
            sniff(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"),
            Sniffed::Other {
                mime: "application/pdf"
            }
        );
    }

    #[test]
    fn a_zip_keeps_its_type() {
        let mut zip = b"PK\x03\x04\x14\x00\x00\x00\x08\x00".to_vec();
        zip.resize(64, 0);
        assert_eq!(
            sniff(&zip),
            Sniffed::Other {
                mime: "application/zip"
            }
        );
    }

    #[test]
    fn a_png_is_an_image() {
        assert_eq!(
            sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Sniffed::Image(ImageKind::Png)
        );
    }

    #[test]
    fn a_jpeg_is_an_image() {
        assert_eq!(
            sniff(b"\xff\xd8\xff\xe0\0\x10JFIF\0"),
            Sniffed::Image(ImageKind::Jpeg)
        );
    }

    #[test]
    fn a_gif_is_an_image() {
        assert_eq!(
            sniff(b"GIF89a\x01\0\x01\0\0\0\0"),
            Sniffed::Image(ImageKind::Gif)
        );
    }

    #[test]
    fn a_webp_is_an_image() {
        assert_eq!(
            sniff(b"RIFF\x24\0\0\0WEBPVP8L\x18\0\0\0"),
            Sniffed::Image(ImageKind::Webp)
        );
    }

    #[test]
    fn random_bytes_are_an_opaque_download() {
        // A fixed generator, so the bytes (and the test) are the same on every run.
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let bytes: Vec<u8> = (0..SNIFF_LEN)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state.to_le_bytes()[0]
            })
            .collect();
        assert_eq!(sniff(&bytes), OCTET);
    }

    #[test]
    fn empty_input_is_an_opaque_download() {
        assert_eq!(sniff(b""), OCTET);
    }

    #[test]
    fn sniff_file_trusts_the_content_not_the_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("holiday.png");
        std::fs::write(&path, b"%PDF-1.4\n").unwrap();
        assert_eq!(
            sniff_file(&path).unwrap(),
            Sniffed::Other {
                mime: "application/pdf"
            }
        );

        // Longer than the sniffed head: only the start is read.
        let mut gif = b"GIF89a\x01\0\x01\0\0\0\0".to_vec();
        gif.resize(3 * SNIFF_LEN, b'x');
        let path = dir.path().join("report.txt");
        std::fs::write(&path, &gif).unwrap();
        assert_eq!(sniff_file(&path).unwrap(), Sniffed::Image(ImageKind::Gif));
    }
}
