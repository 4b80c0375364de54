//! Whether a JPEG is whole. The JPEG decoder is lenient: a file cut off half-way
//! decodes to a picture whose bottom is grey. Such a file is a failed upload, and
//! telling the uploader so beats keeping half a photo forever.

/// Whether `jpeg` reaches its end-of-image marker, walking its segments and scans the
/// way a decoder does. Searching for the marker bytes alone would not do: an EXIF
/// block often holds a complete thumbnail JPEG, end marker included. Bytes after the
/// end marker are fine (phones append motion-photo videos there).
pub(super) fn is_complete(jpeg: &[u8]) -> bool {
    if !jpeg.starts_with(&[0xff, 0xd8]) {
        return false;
    }
    let mut at = 2;
    loop {
        // A marker is 0xff (possibly repeated as fill) and a code.
        if jpeg.get(at) != Some(&0xff) {
            return false;
        }
        while jpeg.get(at) == Some(&0xff) {
            at += 1;
        }
        let Some(&code) = jpeg.get(at) else {
            return false;
        };
        at += 1;
        match code {
            // End of image.
            0xd9 => return true,
            // Markers without a length: restarts, and TEM.
            0xd0..=0xd7 | 0x01 => continue,
            _ => {}
        }
        let Some(length) = jpeg.get(at..at + 2) else {
            return false;
        };
        at += usize::from(u16::from_be_bytes([length[0], length[1]]));
        if code == 0xda {
            // Start of scan: entropy-coded data follows, where 0xff only appears as
            // 0xff00 (an escaped byte) or before a restart marker.
            match next_marker_after_scan(jpeg, at) {
                Some(marker) => at = marker,
                None => return false,
            }
        }
    }
}

/// The position of the first marker after the entropy-coded data starting at `from`.
fn next_marker_after_scan(jpeg: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    loop {
        at += jpeg.get(at..)?.iter().position(|&b| b == 0xff)?;
        match jpeg.get(at + 1)? {
            0x00 | 0xd0..=0xd7 => at += 2,
            _ => return Some(at),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_complete;

    fn jpeg() -> Vec<u8> {
        let picture = image::DynamicImage::ImageRgb8(super::super::demo_image(11, 64, 48));
        let mut bytes = Vec::new();
        picture
            .write_to(
                &mut std::io::Cursor::new(&mut bytes),
                image::ImageFormat::Jpeg,
            )
            .unwrap();
        bytes
    }

    #[test]
    fn a_whole_jpeg_is_complete_even_with_bytes_after_its_end() {
        let mut bytes = jpeg();
        assert!(is_complete(&bytes));
        bytes.extend(b"ftypmp42 a motion photo");
        assert!(is_complete(&bytes));
    }

    #[test]
    fn a_jpeg_cut_anywhere_is_incomplete() {
        let bytes = jpeg();
        for cut in 0..bytes.len() {
            assert!(!is_complete(&bytes[..cut]), "cut at {cut}");
        }
    }

    #[test]
    fn an_end_marker_inside_an_exif_thumbnail_does_not_count() {
        let whole = jpeg();
        // An APP1 segment holding a complete JPEG, then the main image cut short.
        let mut app1 = vec![0xff, 0xe1];
        app1.extend(u16::try_from(2 + whole.len()).unwrap().to_be_bytes());
        app1.extend(&whole);
        let cut = [&whole[..2], &app1, &whole[2..whole.len() / 2]].concat();
        assert!(!is_complete(&cut));
    }
}
