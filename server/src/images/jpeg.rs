//! What makes a downloaded body a photo we publish: a JPEG (SOI marker `FF D8 FF`) whose frame
//! header (the first SOF segment, found by walking the marker segments before the scan) gives
//! plausible dimensions. Stored objects are served from our domain or bucket as `image/jpeg`,
//! so an HTML page, a script, another format or a broken file must never get there.

use std::fmt;

/// Each side of a photo, in pixels: Copart's thumbnails are ~100 px wide, full images ~640–1280.
pub const MIN_SIDE: u16 = 16;
pub const MAX_SIDE: u16 = 10_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JpegInfo {
    pub width: u16,
    pub height: u16,
}

/// Why a body is not a photo.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotJpeg {
    #[error("not a JPEG ({0})")]
    Magic(Looks),
    #[error("JPEG cut short before its frame header")]
    Truncated,
    #[error("JPEG without a frame header before its image data")]
    NoFrameHeader,
    #[error("malformed JPEG segment at byte {0}")]
    Malformed(usize),
    #[error("JPEG of {width}×{height} px is outside {MIN_SIDE}..={MAX_SIDE} per side")]
    Dimensions { width: u16, height: u16 },
}

/// What a body that is not a JPEG looks like, for the error (an HTML block page and a PNG are
/// the likely ones).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Looks {
    Empty,
    Markup,
    Png,
    Gif,
    Webp,
    Json,
    Other,
}

impl fmt::Display for Looks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Looks::Empty => "empty body",
            Looks::Markup => "looks like HTML/XML",
            Looks::Png => "a PNG",
            Looks::Gif => "a GIF",
            Looks::Webp => "a WebP",
            Looks::Json => "looks like JSON",
            Looks::Other => "unknown content",
        })
    }
}

fn looks(body: &[u8]) -> Looks {
    let trimmed = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .map_or(&[][..], |i| &body[i..]);
    if body.is_empty() {
        Looks::Empty
    } else if body.starts_with(b"\x89PNG\r\n\x1a\n") {
        Looks::Png
    } else if body.starts_with(b"GIF8") {
        Looks::Gif
    } else if body.len() >= 12 && body.starts_with(b"RIFF") && &body[8..12] == b"WEBP" {
        Looks::Webp
    } else if trimmed.starts_with(b"<") {
        Looks::Markup
    } else if trimmed.starts_with(b"{") || trimmed.starts_with(b"[") {
        Looks::Json
    } else {
        Looks::Other
    }
}

/// Checks `body` (see the module doc).
pub fn check(body: &[u8]) -> Result<JpegInfo, NotJpeg> {
    if !body.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Err(NotJpeg::Magic(looks(body)));
    }
    let mut i = 2;
    loop {
        // A marker: one or more 0xFF fill bytes, then its code.
        if *body.get(i).ok_or(NotJpeg::Truncated)? != 0xFF {
            return Err(NotJpeg::Malformed(i));
        }
        while body.get(i) == Some(&0xFF) {
            i += 1;
        }
        let marker = *body.get(i).ok_or(NotJpeg::Truncated)?;
        i += 1;
        match marker {
            // Stand-alone markers carry no length.
            0x01 | 0xD0..=0xD7 => continue,
            // Start of scan or end of image before any frame header.
            0xDA | 0xD9 => return Err(NotJpeg::NoFrameHeader),
            0x00 | 0xD8 => return Err(NotJpeg::Malformed(i - 1)),
            _ => {}
        }
        let len = usize::from(u16::from_be_bytes([
            *body.get(i).ok_or(NotJpeg::Truncated)?,
            *body.get(i + 1).ok_or(NotJpeg::Truncated)?,
        ]));
        if len < 2 {
            return Err(NotJpeg::Malformed(i));
        }
        let segment = body.get(i + 2..i + len).ok_or(NotJpeg::Truncated)?;
        // SOF0..SOF15, except DHT (C4), JPG (C8) and DAC (CC), which share the range.
        if matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
            return frame(segment, i);
        }
        i += len;
    }
}

/// The frame header: precision, height, width, component count (and the components).
fn frame(segment: &[u8], at: usize) -> Result<JpegInfo, NotJpeg> {
    let [_precision, h0, h1, w0, w1, components, ..] = *segment else {
        return Err(NotJpeg::Malformed(at));
    };
    if !matches!(components, 1 | 3 | 4) || segment.len() < 6 + 3 * usize::from(components) {
        return Err(NotJpeg::Malformed(at));
    }
    let (height, width) = (u16::from_be_bytes([h0, h1]), u16::from_be_bytes([w0, w1]));
    let side = MIN_SIDE..=MAX_SIDE;
    if !side.contains(&width) || !side.contains(&height) {
        return Err(NotJpeg::Dimensions { width, height });
    }
    Ok(JpegInfo { width, height })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal baseline header: SOI, APP0 (JFIF), SOF0 with `w`×`h` and 3 components.
    fn header(w: u16, h: u16) -> Vec<u8> {
        let mut b = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
        b.extend_from_slice(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
        b.extend_from_slice(&[0xFF, 0xC0, 0x00, 0x11, 0x08]);
        b.extend_from_slice(&h.to_be_bytes());
        b.extend_from_slice(&w.to_be_bytes());
        b.extend_from_slice(&[3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
        b.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x02]);
        b
    }

    #[test]
    fn a_real_encoded_jpeg_passes_with_its_size() {
        // A real encoder's file (the e2e photo fixture, 800×600): markers, tables and scans as
        // a camera or Copart's pipeline writes them, not the minimal header below.
        let bytes = include_bytes!("../../../end2end/fixtures/media/e2e/1_ful.jpg");
        assert_eq!(
            check(bytes),
            Ok(JpegInfo {
                width: 800,
                height: 600
            })
        );
    }

    #[test]
    fn a_minimal_header_passes_and_fill_bytes_are_skipped() {
        assert_eq!(
            check(&header(640, 480)),
            Ok(JpegInfo {
                width: 640,
                height: 480
            })
        );
        let mut filled = header(100, 80);
        filled.insert(20, 0xFF);
        assert_eq!(filled[..3], [0xFF, 0xD8, 0xFF]);
        assert!(check(&filled).is_ok());
    }

    #[test]
    fn other_content_is_named() {
        let cases: [(&[u8], Looks); 6] = [
            (b"", Looks::Empty),
            (
                b"  <!DOCTYPE html><html><body>blocked</body></html>",
                Looks::Markup,
            ),
            (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", Looks::Png),
            (b"GIF89a....", Looks::Gif),
            (b"RIFF\0\0\0\0WEBPVP8 ", Looks::Webp),
            (br#"{"error":"x"}"#, Looks::Json),
        ];
        for (body, kind) in cases {
            assert_eq!(check(body), Err(NotJpeg::Magic(kind)));
        }
        assert_eq!(
            check(&[0xFF, 0xD8, 0xFE]),
            Err(NotJpeg::Magic(Looks::Other))
        );
    }

    #[test]
    fn truncated_or_frameless_jpegs_are_refused() {
        let full = header(640, 480);
        for cut in [3, 4, 6, 12, 22, 25, 28] {
            assert_eq!(check(&full[..cut]), Err(NotJpeg::Truncated), "cut at {cut}");
        }
        // SOI, APP0, then straight to the scan.
        let mut no_sof = full[..20].to_vec();
        no_sof.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x02]);
        assert_eq!(check(&no_sof), Err(NotJpeg::NoFrameHeader));
        assert_eq!(
            check(&[0xFF, 0xD8, 0xFF, 0xD9]),
            Err(NotJpeg::NoFrameHeader)
        );
        // Garbage where the next marker should be.
        let mut garbage = full[..20].to_vec();
        garbage.extend_from_slice(b"<html>");
        assert_eq!(check(&garbage), Err(NotJpeg::Malformed(20)));
        // A segment length below its own two bytes.
        assert_eq!(
            check(&[0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x01, 0, 0]),
            Err(NotJpeg::Malformed(4))
        );
    }

    #[test]
    fn implausible_dimensions_are_refused() {
        for (w, h) in [(1, 1), (15, 200), (200, 0), (10_001, 500), (65_535, 65_535)] {
            assert_eq!(
                check(&header(w, h)),
                Err(NotJpeg::Dimensions {
                    width: w,
                    height: h
                }),
                "{w}×{h}"
            );
        }
        assert!(check(&header(16, 10_000)).is_ok());
    }
}
