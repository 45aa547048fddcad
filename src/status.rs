//! The lot's "Sale Status" as Copart states it, one variant per value, and its database code.
//!
//! The original mapped "Pure Sale" to `active` and *everything else* to `upcoming`, so lots "On
//! Minimum Bid" or "On Approval" were shown as upcoming. Here every known value has its own
//! variant, unknown text becomes [`SaleStatus::Unknown`] (counted by the ETL, never guessed), and
//! the row keeps the raw text beside it.

use std::fmt;

/// A lot's sale status. Serialized as its database code ([`SaleStatus::as_db_str`]).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum SaleStatus {
    /// "Pure Sale": sells to the highest bidder, no reserve.
    PureSale,
    /// "On Minimum Bid": the seller has a reserve (minimum bid).
    OnMinimumBid,
    /// "On Approval": the high bid awaits the seller's approval.
    OnApproval,
    FutureSale,
    PendingSale,
    Sold,
    /// "Cancelled" or "Canceled".
    Cancelled,
    OnHold,
    /// Any other text.
    Unknown,
}

impl SaleStatus {
    /// Every status, in declaration order. The `lots.sale_status` CHECK constraint lists exactly
    /// their [`as_db_str`](Self::as_db_str) values.
    pub const ALL: [SaleStatus; 9] = [
        Self::PureSale,
        Self::OnMinimumBid,
        Self::OnApproval,
        Self::FutureSale,
        Self::PendingSale,
        Self::Sold,
        Self::Cancelled,
        Self::OnHold,
        Self::Unknown,
    ];

    /// Maps the export's text (trimmed, case-insensitive). Never fails: unrecognized text is
    /// [`SaleStatus::Unknown`].
    pub fn parse(raw: &str) -> Self {
        let s = raw.trim();
        const TABLE: [(&str, SaleStatus); 9] = [
            ("Pure Sale", SaleStatus::PureSale),
            ("On Minimum Bid", SaleStatus::OnMinimumBid),
            ("On Approval", SaleStatus::OnApproval),
            ("Future Sale", SaleStatus::FutureSale),
            ("Pending Sale", SaleStatus::PendingSale),
            ("Sold", SaleStatus::Sold),
            ("Cancelled", SaleStatus::Cancelled),
            ("Canceled", SaleStatus::Cancelled),
            ("On Hold", SaleStatus::OnHold),
        ];
        TABLE
            .iter()
            .find(|(label, _)| label.eq_ignore_ascii_case(s))
            .map_or(Self::Unknown, |(_, status)| *status)
    }

    /// The database code: lower snake_case, stable, used in SQL and URLs.
    pub const fn as_db_str(self) -> &'static str {
        match self {
            Self::PureSale => "pure_sale",
            Self::OnMinimumBid => "on_minimum_bid",
            Self::OnApproval => "on_approval",
            Self::FutureSale => "future_sale",
            Self::PendingSale => "pending_sale",
            Self::Sold => "sold",
            Self::Cancelled => "cancelled",
            Self::OnHold => "on_hold",
            Self::Unknown => "unknown",
        }
    }

    /// The inverse of [`as_db_str`](Self::as_db_str) (exact match).
    pub fn from_db_str(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_db_str() == code)
    }
}

impl fmt::Display for SaleStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_db_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_export_value_maps_explicitly() {
        let cases = [
            ("Pure Sale", SaleStatus::PureSale),
            ("On Minimum Bid", SaleStatus::OnMinimumBid),
            ("On Approval", SaleStatus::OnApproval),
            ("Future Sale", SaleStatus::FutureSale),
            ("Pending Sale", SaleStatus::PendingSale),
            ("Sold", SaleStatus::Sold),
            ("Cancelled", SaleStatus::Cancelled),
            ("Canceled", SaleStatus::Cancelled),
            ("On Hold", SaleStatus::OnHold),
        ];
        for (raw, want) in cases {
            assert_eq!(SaleStatus::parse(raw), want, "{raw}");
            assert_eq!(
                SaleStatus::parse(&format!("  {}  ", raw.to_uppercase())),
                want,
                "{raw}"
            );
            assert_eq!(SaleStatus::parse(&raw.to_lowercase()), want, "{raw}");
        }
    }

    #[test]
    fn unknown_is_not_guessed() {
        for raw in [
            "",
            "  ",
            "Live",
            "Pure  Sale",
            "PureSale",
            "On Minimum",
            "Sold!",
            "active",
        ] {
            assert_eq!(SaleStatus::parse(raw), SaleStatus::Unknown, "{raw:?}");
        }
    }

    #[test]
    fn db_codes_are_unique_snake_case_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for s in SaleStatus::ALL {
            let code = s.as_db_str();
            assert!(seen.insert(code), "duplicate code {code}");
            assert!(
                !code.is_empty() && !code.starts_with('_') && !code.ends_with('_'),
                "{code}"
            );
            assert!(
                code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{code}"
            );
            assert!(!code.contains("__"), "{code}");
            assert_eq!(SaleStatus::from_db_str(code), Some(s));
            assert_eq!(s.to_string(), code);
        }
        assert_eq!(seen.len(), 9);
        assert_eq!(SaleStatus::from_db_str("Pure Sale"), None);
        assert_eq!(SaleStatus::from_db_str("PURE_SALE"), None);
    }

    #[test]
    fn serde_uses_db_codes() {
        for s in SaleStatus::ALL {
            let json = serde_json::to_string(&s).expect("ser");
            assert_eq!(json, format!("\"{}\"", s.as_db_str()));
            assert_eq!(serde_json::from_str::<SaleStatus>(&json).expect("de"), s);
        }
        assert!(serde_json::from_str::<SaleStatus>("\"Pure Sale\"").is_err());
    }
}
