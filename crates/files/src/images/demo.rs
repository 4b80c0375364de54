//! Pictures for the demo company, drawn at seed time.

use image::{Rgb, RgbImage};

/// Pictures for the demo company, drawn at seed time: a two-colour diagonal gradient
/// with a few soft discs, all chosen from `seed`. The same seed always draws the same
/// picture, so a re-seeded demo looks the same and screenshots stay stable; no image
/// files need to ship with Hearth.
pub fn demo_image(seed: u64, width: u32, height: u32) -> RgbImage {
    let mut random = SplitMix(seed);
    let from = random.colour();
    let to = random.colour();
    let discs: Vec<([f32; 2], f32, [f32; 3])> = (0..3)
        .map(|_| {
            let centre = [random.unit(), random.unit()];
            let radius = 0.15 + 0.25 * random.unit();
            (centre, radius, random.colour())
        })
        .collect();

    let (w, h) = (width.max(1) as f32, height.max(1) as f32);
    RgbImage::from_fn(width, height, |x, y| {
        let (u, v) = (x as f32 / w, y as f32 / h);
        let mut colour = mix(from, to, (u + v) / 2.0);
        for &([cx, cy], radius, disc) in &discs {
            // Distance in units of the shorter side, so discs stay round.
            let scale = w.min(h);
            let d = ((u - cx) * w / scale).hypot((v - cy) * h / scale);
            // A soft edge rather than a hard one: no jagged circles on avatars.
            let cover = ((radius - d) / 0.02).clamp(0.0, 1.0) * 0.6;
            colour = mix(colour, disc, cover);
        }
        Rgb(colour.map(|c| c.round().clamp(0.0, 255.0) as u8))
    })
}

/// A demo picture as a JPEG file's bytes, as a phone would send it.
pub fn demo_jpeg(seed: u64, width: u32, height: u32) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let encoded = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .encode_image(&demo_image(seed, width, height));
    // Encoding into memory fails only for images of no pixels.
    if encoded.is_err() {
        return Vec::new();
    }
    out.into_inner()
}

fn mix(a: [f32; 3], b: [f32; 3], t: f32) -> [f32; 3] {
    [0, 1, 2].map(|i| a[i] + (b[i] - a[i]) * t)
}

/// SplitMix64: a few lines, well spread, and identical on every platform.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in [0, 1).
    fn unit(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1_u64 << 24) as f32
    }

    /// A pleasant colour: never too dark or too grey, so pictures look cheerful.
    fn colour(&mut self) -> [f32; 3] {
        [0; 3].map(|_| 70.0 + 170.0 * self.unit())
    }
}
