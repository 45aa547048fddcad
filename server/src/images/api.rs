//! The photo API's answer (`{"lotImages":[{"sequence","link":[{"url","isThumbNail",
//! "isHdImage"}]}]}`, the shape Copart's `lotImages` endpoint returns) and what the job takes
//! from it: per sequence, the `_thb` and `_ful` links; `_hrs` (high resolution, a third of the
//! bandwidth) never.

use serde::Deserialize;

use crate::storage::Variant;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct LotImages {
    #[serde(default)]
    lot_images: Vec<LotImage>,
}

#[derive(Debug, Deserialize)]
struct LotImage {
    sequence: i64,
    #[serde(default)]
    link: Vec<Link>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Link {
    url: String,
    #[serde(default)]
    is_thumb_nail: bool,
    #[serde(default)]
    is_hd_image: bool,
}

/// One photo to fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wanted {
    pub seq: u16,
    pub variant: Variant,
    pub url: String,
}

/// The photos listed in a metadata body, in sequence order, at most one per (seq, variant).
/// Sequences outside 1..=32767 (the `images.seq` range) are skipped.
pub fn parse(body: &[u8]) -> Result<Vec<Wanted>, serde_json::Error> {
    let doc: LotImages = serde_json::from_slice(body)?;
    let mut out: Vec<Wanted> = Vec::new();
    for image in doc.lot_images {
        let Some(seq) = u16::try_from(image.sequence)
            .ok()
            .filter(|s| (1..=i16::MAX as u16).contains(s))
        else {
            continue;
        };
        for link in image.link {
            let Some(variant) = variant_of(&link) else {
                continue;
            };
            if !out.iter().any(|w| w.seq == seq && w.variant == variant) {
                out.push(Wanted {
                    seq,
                    variant,
                    url: link.url,
                });
            }
        }
    }
    out.sort_by_key(|w| (w.seq, w.variant));
    Ok(out)
}

/// `_thb` or `_ful`; `None` for `_hrs` and anything unrecognised. The suffix decides; the
/// flags only confirm it (a thumbnail flag on a `_ful` URL is not trusted).
fn variant_of(link: &Link) -> Option<Variant> {
    let path = link.url.split(['?', '#']).next().unwrap_or_default();
    if link.is_hd_image || path.ends_with("_hrs.jpg") {
        None
    } else if path.ends_with("_thb.jpg") {
        Some(Variant::Thumb)
    } else if path.ends_with("_ful.jpg") && !link.is_thumb_nail {
        Some(Variant::Full)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_thumbnails_and_full_images_never_hd() {
        let body = br#"{"lotImages":[
          {"sequence":2,"link":[
            {"url":"https://cs.example/2_thb.jpg","isThumbNail":true,"isHdImage":false},
            {"url":"https://cs.example/2_ful.jpg","isThumbNail":false,"isHdImage":false},
            {"url":"https://cs.example/2_hrs.jpg","isThumbNail":false,"isHdImage":true}]},
          {"sequence":1,"link":[
            {"url":"https://cs.example/1_ful.jpg","isThumbNail":false,"isHdImage":false},
            {"url":"https://cs.example/1_hrs.jpg","isThumbNail":false,"isHdImage":false},
            {"url":"https://cs.example/1_thb.jpg","isThumbNail":true,"isHdImage":false}]},
          {"sequence":0,"link":[{"url":"https://cs.example/0_thb.jpg","isThumbNail":true}]}
        ]}"#;
        let got = parse(body).expect("json");
        let keys: Vec<(u16, &str)> = got.iter().map(|w| (w.seq, w.variant.as_str())).collect();
        assert_eq!(keys, [(1, "thb"), (1, "ful"), (2, "thb"), (2, "ful")]);
        assert!(got.iter().all(|w| !w.url.contains("_hrs")));
    }

    #[test]
    fn empty_and_broken_bodies() {
        assert!(parse(br#"{"lotImages":[]}"#).expect("json").is_empty());
        assert!(parse(br#"{}"#).expect("json").is_empty());
        assert!(parse(b"<html>blocked</html>").is_err());
    }
}
