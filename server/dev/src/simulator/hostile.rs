//! Hostile answers of the simulated photo API, per lot (`POST /__sim/photo_hostile`): the ways
//! a compromised or spoofed photo API could try to make the fetcher reach inside our network or
//! publish something that is not a photo — redirects to other schemes, hosts and addresses,
//! image links elsewhere, HTML / PNG / broken JPEG bodies, and endless bodies.
//!
//! A behaviour applies only to requests that come over https for the photo host itself; a
//! request that arrives under any other name or over plain http (where a redirect or link
//! points) is answered normally and counted, so a test can tell whether the fetcher went there.

use std::time::Duration;

use axum::body::Body;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use futures_util::stream;
use serde::{Deserialize, Serialize};

use super::tls::PHOTO_HOST;

/// What a lot's answers do instead of the normal thing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Hostile {
    /// The photo list answers 302 to `to`; `{path}` in it becomes the request's path and query.
    RedirectMetadata { to: String },
    /// Each image of the lot answers 302 to `to` (`{path}` as above).
    RedirectImages { to: String },
    /// The photo list links the lot's images under `base` (`scheme://host[:port]`).
    LinkImagesTo { base: String },
    /// The images answer 200 with this body.
    ImageBody { body: HostileBody },
    /// The photo list answers 200 with this body.
    MetadataBody { body: HostileBody },
}

/// A body that is not what the fetcher asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "body", rename_all = "snake_case")]
pub enum HostileBody {
    /// A CDN's HTML block page, as `image/jpeg`.
    Html,
    /// A real (1×1) PNG.
    Png,
    /// A JPEG cut off inside its first segment.
    TruncatedJpeg,
    /// A well-formed JPEG header of `width`×`height` px, then padding.
    JpegSized { width: u16, height: u16 },
    /// `bytes` bytes streamed in 64 KiB chunks (a JPEG header, then zeros), never held in
    /// memory; with `declare_length` a matching `Content-Length`, else chunked.
    Huge { bytes: u64, declare_length: bool },
}

/// How a request reached the simulator: over which scheme, under which `Host`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub https: bool,
    /// `host[:port]` as the client sent it.
    pub authority: String,
}

impl Origin {
    pub fn scheme(&self) -> &'static str {
        if self.https { "https" } else { "http" }
    }

    /// `scheme://authority`: where links and redirects of this answer point.
    pub fn base(&self) -> String {
        format!("{}://{}", self.scheme(), self.authority)
    }

    /// The host without its port (IPv6 literals keep their brackets).
    pub fn host(&self) -> &str {
        let a = self.authority.as_str();
        if a.starts_with('[') {
            return a.find(']').map_or(a, |i| &a[..=i]);
        }
        a.rsplit_once(':').map_or(a, |(h, _)| h)
    }

    /// Hostile behaviours apply to the photo host over https only.
    pub(super) fn is_home(&self) -> bool {
        self.https && self.host().eq_ignore_ascii_case(PHOTO_HOST)
    }
}

impl Hostile {
    /// The redirect target for a request to `path_and_query`.
    pub fn target(to: &str, path_and_query: &str) -> String {
        to.replace("{path}", path_and_query)
    }
}

/// A 1×1 PNG (signature, IHDR, IDAT, IEND).
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
];

/// SOI, APP0 (JFIF), SOF0 of `width`×`height` with three components, SOS.
pub fn jpeg_header(width: u16, height: u16) -> Vec<u8> {
    let mut b = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
    b.extend_from_slice(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
    b.extend_from_slice(&[0xFF, 0xC0, 0x00, 0x11, 0x08]);
    b.extend_from_slice(&height.to_be_bytes());
    b.extend_from_slice(&width.to_be_bytes());
    b.extend_from_slice(&[3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
    b.extend_from_slice(&[
        0xFF, 0xDA, 0x00, 0x0C, 3, 1, 0, 2, 0x11, 3, 0x11, 0, 0x3F, 0,
    ]);
    b
}

const CHUNK: u64 = 64 * 1024;

impl HostileBody {
    /// The answer: 200, `content_type`, this body.
    pub fn response(self, content_type: &'static str) -> Response {
        let fixed = |body: Vec<u8>| {
            (
                StatusCode::OK,
                [(header::CONTENT_TYPE, content_type)],
                Bytes::from(body),
            )
                .into_response()
        };
        match self {
            HostileBody::Html => fixed(super::export::BLOCK_PAGE.as_bytes().to_vec()),
            HostileBody::Png => fixed(PNG.to_vec()),
            HostileBody::TruncatedJpeg => fixed(jpeg_header(640, 480)[..12].to_vec()),
            HostileBody::JpegSized { width, height } => {
                let mut b = jpeg_header(width, height);
                b.resize(b.len() + 512, 0);
                b.extend_from_slice(&[0xFF, 0xD9]);
                fixed(b)
            }
            HostileBody::Huge {
                bytes,
                declare_length,
            } => {
                let body = Body::from_stream(huge(bytes));
                let mut r =
                    (StatusCode::OK, [(header::CONTENT_TYPE, content_type)], body).into_response();
                if declare_length {
                    r.headers_mut()
                        .insert(header::CONTENT_LENGTH, header::HeaderValue::from(bytes));
                }
                r
            }
        }
    }
}

/// `total` bytes, a JPEG header first, made one chunk at a time as the client reads.
fn huge(total: u64) -> impl futures_util::Stream<Item = Result<Bytes, std::io::Error>> {
    stream::unfold(0u64, move |sent| async move {
        if sent >= total {
            return None;
        }
        let n = CHUNK.min(total - sent);
        let mut chunk = vec![0u8; usize::try_from(n).unwrap_or(0)];
        if sent == 0 {
            let head = jpeg_header(640, 480);
            let k = head.len().min(chunk.len());
            chunk[..k].copy_from_slice(&head[..k]);
        }
        // Yield now and then, like a real sender, so a reader that stops is noticed.
        tokio::time::sleep(Duration::ZERO).await;
        Some((Ok(Bytes::from(chunk)), sent + n))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn behaviours_parse_from_the_control_body() {
        let h: Hostile = serde_json::from_str(
            r#"{"kind":"redirect_images","to":"https://127.0.0.1:9443{path}"}"#,
        )
        .expect("json");
        assert_eq!(
            Hostile::target(
                match &h {
                    Hostile::RedirectImages { to } => to,
                    other => panic!("{other:?}"),
                },
                "/v1/x/1_ful.jpg"
            ),
            "https://127.0.0.1:9443/v1/x/1_ful.jpg"
        );
        let h: Hostile = serde_json::from_str(
            r#"{"kind":"image_body","body":{"body":"huge","bytes":52428800,"declare_length":false}}"#,
        )
        .expect("json");
        assert_eq!(
            h,
            Hostile::ImageBody {
                body: HostileBody::Huge {
                    bytes: 52_428_800,
                    declare_length: false
                }
            }
        );
    }

    #[test]
    fn the_png_is_a_png() {
        assert!(PNG.starts_with(b"\x89PNG\r\n\x1a\n"));
        assert!(PNG.ends_with(b"IEND\xAE\x42\x60\x82"));
    }
}
