//! The catalog's keyset cursor: where the next page starts. One format for page links and the
//! JSON API (the original had two and they diverged).
//!
//! Text form: `v1.<sort>.<value>.<id>` — the order it belongs to, the last row's sort key and
//! `lots.id`. `<value>` is an integer (timestamps as microseconds since the Unix epoch, which is
//! PostgreSQL's own precision, so the round trip is exact) or `n` when the last row's key was
//! NULL, i.e. the walk has reached the NULL tail. Only URL-unreserved characters are used.
//! The cursor is opaque to callers but not secret: it carries nothing a page does not show.

use std::fmt;

use chrono::{DateTime, Utc};

use super::sort::{Sort, SortKey};

/// Why a cursor string was refused (the API answers 400).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CursorError {
    #[error("malformed cursor")]
    Malformed,
    #[error("cursor belongs to sort {cursor}, not {query}")]
    WrongSort { cursor: String, query: String },
}

/// The position after the last row of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Cursor {
    pub sort: Sort,
    /// The last row's sort key; `None` = the last row was in the NULL tail.
    pub value: Option<i64>,
    /// The last row's `lots.id`.
    pub id: i64,
}

/// Microseconds since the Unix epoch, the cursor's integer form of a timestamp.
pub fn timestamp_value(t: DateTime<Utc>) -> i64 {
    t.timestamp_micros()
}

impl Cursor {
    /// The value as a timestamp, for the timestamp keys. `None` for a NULL value.
    pub fn value_as_timestamp(&self) -> Option<DateTime<Utc>> {
        self.value.and_then(DateTime::from_timestamp_micros)
    }

    pub fn encode(&self) -> String {
        match self.value {
            Some(v) => format!("v1.{}.{v}.{}", self.sort, self.id),
            None => format!("v1.{}.n.{}", self.sort, self.id),
        }
    }

    /// Parses [`encode`](Self::encode)'s output, checking that the value fits its key's column
    /// (so a hand-edited cursor fails here, not as a database error).
    pub fn decode(s: &str) -> Result<Cursor, CursorError> {
        let mut parts = s.split('.');
        let (Some("v1"), Some(sort), Some(value), Some(id), None) = (
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
        ) else {
            return Err(CursorError::Malformed);
        };
        let sort = Sort::from_slug(sort).ok_or(CursorError::Malformed)?;
        let id = parse_int(id)
            .filter(|id| *id > 0)
            .ok_or(CursorError::Malformed)?;
        let value = match value {
            "n" if sort.key.nullable() => None,
            v => Some(parse_int(v).ok_or(CursorError::Malformed)?),
        };
        if let Some(v) = value {
            let fits = match sort.key {
                SortKey::AuctionDate | SortKey::Listed => {
                    DateTime::from_timestamp_micros(v).is_some()
                }
                SortKey::Year => i16::try_from(v).is_ok(),
                SortKey::Odometer => i32::try_from(v).is_ok(),
                SortKey::CurrentBid => true,
            };
            if !fits {
                return Err(CursorError::Malformed);
            }
        }
        Ok(Cursor { sort, value, id })
    }
}

/// A plain decimal integer: optional `-`, then digits. `i64::from_str` would also take a `+`;
/// one spelling per position keeps cursors canonical (they end up in cache keys and URLs).
fn parse_int(s: &str) -> Option<i64> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

impl fmt::Display for Cursor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.encode())
    }
}

impl serde::Serialize for Cursor {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.encode())
    }
}

impl<'de> serde::Deserialize<'de> for Cursor {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Cursor::decode(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::sort::Direction;

    fn sort(s: &str) -> Sort {
        Sort::from_slug(s).expect(s)
    }

    #[test]
    fn round_trips() {
        for c in [
            Cursor {
                sort: sort("auction_asc"),
                value: Some(1_760_500_000_123_456),
                id: 42,
            },
            Cursor {
                sort: sort("auction_desc"),
                value: None,
                id: 7,
            },
            Cursor {
                sort: sort("year_desc"),
                value: Some(2017),
                id: 1,
            },
            Cursor {
                sort: sort("bid_asc"),
                value: Some(0),
                id: 9_000_000_000,
            },
            Cursor {
                sort: sort("listed_desc"),
                value: Some(-5),
                id: 3,
            },
        ] {
            let s = c.encode();
            assert!(
                s.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b)),
                "{s}"
            );
            assert_eq!(Cursor::decode(&s), Ok(c), "{s}");
            let json = serde_json::to_string(&c).expect("ser");
            assert_eq!(serde_json::from_str::<Cursor>(&json).expect("de"), c);
        }
    }

    #[test]
    fn timestamps_keep_microseconds() {
        let t = DateTime::from_timestamp_micros(1_760_500_000_123_456).expect("t");
        let c = Cursor {
            sort: Sort {
                key: SortKey::AuctionDate,
                dir: Direction::Asc,
            },
            value: Some(timestamp_value(t)),
            id: 1,
        };
        assert_eq!(c.value_as_timestamp(), Some(t));
    }

    #[test]
    fn malformed_cursors_are_refused() {
        for bad in [
            "",
            "v1",
            "v1.auction_asc.5",
            "v2.auction_asc.5.1",
            "v1.auction_up.5.1",
            "v1.auction_asc.5.1.9",
            "v1.auction_asc.x.1",
            "v1.auction_asc.5.0",
            "v1.auction_asc.5.-1",
            "v1.auction_asc.+5.1",
            "v1.auction_asc. 5.1",
            "v1.auction_asc.5.",
            "v1.listed_desc.n.1",
            "v1.bid_asc.n.1",
            "v1.year_asc.40000.1",
            "v1.odometer_asc.9999999999.1",
            "v1.auction_asc.9223372036854775807.1",
            "v1.auction_asc.99999999999999999999.1",
            "djEuYXVjdGlvbl9hc2MuNS4x",
        ] {
            assert_eq!(Cursor::decode(bad), Err(CursorError::Malformed), "{bad:?}");
        }
        assert!(serde_json::from_str::<Cursor>("\"nope\"").is_err());
    }
}
