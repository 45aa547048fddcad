//! The simulator's photos: small real JPEGs (a sky-to-ground gradient with a "vehicle" block),
//! the same bytes for the same lot, sequence and size on every run and machine, so a stored
//! photo's sha256 can be checked against what the simulator serves.

use anyhow::Context;
use bytes::Bytes;
use jpeg_encoder::{ColorType, Encoder};

/// One of Copart's three sizes (URL suffixes `_thb`, `_ful`, `_hrs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Size {
    Thumb,
    Full,
    HighRes,
}

impl Size {
    pub const ALL: [Size; 3] = [Size::Thumb, Size::Full, Size::HighRes];

    pub const fn suffix(self) -> &'static str {
        match self {
            Size::Thumb => "thb",
            Size::Full => "ful",
            Size::HighRes => "hrs",
        }
    }

    pub fn from_suffix(s: &str) -> Option<Size> {
        Size::ALL.into_iter().find(|v| v.suffix() == s)
    }

    /// Width and height: small, so encoding stays cheap even in debug builds.
    const fn dims(self) -> (u32, u32) {
        match self {
            Size::Thumb => (96, 72),
            Size::Full => (320, 240),
            Size::HighRes => (640, 480),
        }
    }
}

/// A 64-bit mix of the lot and sequence (SplitMix64's finaliser): the picture's parameters.
fn mix(lot: u32, seq: u16) -> u64 {
    let mut z = (u64::from(lot) << 16 | u64::from(seq)).wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The JPEG of photo `seq` of `lot` at `size`.
pub fn render(lot: u32, seq: u16, size: Size) -> anyhow::Result<Bytes> {
    let (w, h) = size.dims();
    let p = mix(lot, seq).to_le_bytes();
    let top = [p[0] / 2 + 100, p[1] / 2 + 120, p[2] / 4 + 190];
    let bottom = [p[3] / 3 + 60, p[4] / 3 + 60, p[5] / 3 + 50];
    let car = [p[6], p[7] / 2, 255 - p[6] / 2];
    // The vehicle block: a third of the width, placed by the sequence.
    let cx0 = (u32::from(seq) * w / 7) % (w - w / 3);
    let (cx1, cy0, cy1) = (cx0 + w / 3, h / 2, h * 4 / 5);
    let mut pixels = Vec::with_capacity((w * h * 3) as usize);
    for y in 0..h {
        for x in 0..w {
            let rgb = if (cx0..cx1).contains(&x) && (cy0..cy1).contains(&y) {
                car
            } else {
                let t = y * 255 / (h - 1);
                let blend =
                    |a: u8, b: u8| ((u32::from(a) * (255 - t) + u32::from(b) * t) / 255) as u8;
                [
                    blend(top[0], bottom[0]),
                    blend(top[1], bottom[1]),
                    blend(top[2], bottom[2]),
                ]
            };
            pixels.extend_from_slice(&rgb);
        }
    }
    let mut out = Vec::new();
    let encoder = Encoder::new(&mut out, 80);
    encoder
        .encode(&pixels, w as u16, h as u16, ColorType::Rgb)
        .context("encoding a JPEG")?;
    Ok(Bytes::from(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn photos_are_real_jpegs_and_deterministic() {
        let a = render(47_704_465, 1, Size::Thumb).expect("jpeg");
        assert_eq!(&a[..3], &[0xFF, 0xD8, 0xFF], "JPEG SOI marker");
        assert_eq!(&a[a.len() - 2..], &[0xFF, 0xD9], "JPEG EOI marker");
        assert_eq!(a, render(47_704_465, 1, Size::Thumb).expect("jpeg"));
        assert_ne!(a, render(47_704_465, 2, Size::Thumb).expect("jpeg"));
        assert_ne!(a, render(47_704_466, 1, Size::Thumb).expect("jpeg"));
        let full = render(47_704_465, 1, Size::Full).expect("jpeg");
        assert!(full.len() > a.len());
    }
}
