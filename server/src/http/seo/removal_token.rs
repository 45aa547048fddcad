//! The removal form's signed token: `{unix seconds}.{nonce}.{hex HMAC-SHA256(key, "removal" 0
//! VIN 0 seconds 0 nonce)}`, issued into the VIN page when it is rendered and checked when the
//! form comes back (`removal`).
//!
//! - It binds the VIN and the render time (valid [`TOKEN_TTL_SECS`], [`SKEW_SECS`] early at most).
//! - The random nonce makes every rendered form's token its own, even two renders of one VIN in
//!   the same second: the token is single-use (its tag is recorded with the request,
//!   `removal_record`), so two visitors must never be handed the same one.
//! - The key is `REMOVAL_FORM_SECRET`, the same on every replica, or a random one per process.

use chrono::{DateTime, Utc};
use hmac::{Hmac, KeyInit, Mac};

type HmacSha256 = Hmac<sha2::Sha256>;

/// How long a rendered form stays valid.
pub const TOKEN_TTL_SECS: i64 = 6 * 3600;
/// Clock skew tolerated between replicas for a token "from the future".
pub const SKEW_SECS: i64 = 60;

/// Signs and checks form tokens (see the module doc).
#[derive(Clone)]
pub struct FormSigner {
    key: Vec<u8>,
}

impl FormSigner {
    /// From `REMOVAL_FORM_SECRET` (≥ 32 characters), or a random per-process key without one.
    pub fn from_config(secret: Option<&str>) -> anyhow::Result<FormSigner> {
        match secret.map(str::trim).filter(|s| !s.is_empty()) {
            Some(s) => {
                anyhow::ensure!(
                    s.len() >= 32,
                    "REMOVAL_FORM_SECRET must be at least 32 characters"
                );
                Ok(FormSigner {
                    key: s.as_bytes().to_vec(),
                })
            }
            None => {
                // Two v4 UUIDs: 244 random bits from the OS generator.
                let mut key = uuid::Uuid::new_v4().as_bytes().to_vec();
                key.extend_from_slice(uuid::Uuid::new_v4().as_bytes());
                Ok(FormSigner { key })
            }
        }
    }

    fn mac(&self, vin: &str, secs: i64, nonce: &str) -> HmacSha256 {
        // Any key length is valid for HMAC: this cannot fail.
        let mut mac = <HmacSha256 as KeyInit>::new_from_slice(&self.key)
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
        mac.update(b"removal\0");
        mac.update(vin.as_bytes());
        mac.update(b"\0");
        mac.update(secs.to_string().as_bytes());
        mac.update(b"\0");
        mac.update(nonce.as_bytes());
        mac
    }

    pub fn issue(&self, vin: &str, now: DateTime<Utc>) -> String {
        let secs = now.timestamp();
        // 8 bytes of a v4 UUID: at least 58 random bits.
        let nonce = hex::encode(&uuid::Uuid::new_v4().as_bytes()[..8]);
        let tag = self.mac(vin, secs, &nonce).finalize().into_bytes();
        format!("{secs}.{nonce}.{}", hex::encode(tag))
    }

    /// The token's tag (its identity, for the single-use record) when `token` was issued by
    /// this key for `vin` and is neither expired nor early; `None` otherwise.
    pub fn verify(&self, token: &str, vin: &str, now: DateTime<Utc>) -> Option<String> {
        let mut parts = token.split('.');
        let (Some(secs), Some(nonce), Some(tag), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        let (Ok(secs), Ok(raw_tag)) = (secs.parse::<i64>(), hex::decode(tag)) else {
            return None;
        };
        let age = now.timestamp() - secs;
        if !(-SKEW_SECS..=TOKEN_TTL_SECS).contains(&age) || nonce.len() > 32 {
            return None;
        }
        // Constant-time comparison; the tag is then stored in its canonical (lower-case) form,
        // so one token cannot be replayed with its hex digits in another case.
        self.mac(vin, secs, nonce)
            .verify_slice(&raw_tag)
            .ok()
            .map(|()| hex::encode(raw_tag))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VIN: &str = "1HGCM82633A004352";

    #[test]
    fn tokens_bind_the_vin_and_expire() {
        let s = FormSigner::from_config(None).expect("signer");
        let now = Utc::now();
        let t = s.issue(VIN, now);
        assert!(s.verify(&t, VIN, now).is_some());
        assert!(
            s.verify(&t, "1HGCM82633A004353", now).is_none(),
            "other VIN"
        );
        let late = now + chrono::Duration::seconds(TOKEN_TTL_SECS + 1);
        assert!(s.verify(&t, VIN, late).is_none(), "expired");
        let other = FormSigner::from_config(None).expect("signer");
        assert!(other.verify(&t, VIN, now).is_none(), "other key");
        let (secs, rest) = t.split_once('.').expect("format");
        let shifted = format!("{}.{rest}", secs.parse::<i64>().expect("secs") + 1);
        assert!(s.verify(&shifted, VIN, now).is_none(), "edited time");
        let (head, tag) = t.rsplit_once('.').expect("format");
        let (time, _) = head.split_once('.').expect("format");
        assert!(
            s.verify(&format!("{time}.00.{tag}"), VIN, now).is_none(),
            "edited nonce"
        );
        assert!(s.verify("", VIN, now).is_none());
        assert!(s.verify(&format!("{t}.x"), VIN, now).is_none());
        assert!(FormSigner::from_config(Some("short")).is_err());
    }

    #[test]
    fn each_render_gets_its_own_tag_in_one_canonical_form() {
        let s = FormSigner::from_config(None).expect("signer");
        let now = Utc::now();
        let (a, b) = (s.issue(VIN, now), s.issue(VIN, now));
        assert_ne!(a, b, "same VIN, same second");
        let tag = s.verify(&a, VIN, now).expect("valid");
        assert!(a.ends_with(&tag));
        let (head, hex_tag) = a.rsplit_once('.').expect("format");
        let upper = format!("{head}.{}", hex_tag.to_uppercase());
        assert_eq!(s.verify(&upper, VIN, now), Some(tag), "same identity");
    }
}
