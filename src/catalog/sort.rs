//! The catalog's sort orders: which lot column, which direction, and how NULLs and ties go.
//!
//! Every order is `(key, lots.id)` in one direction, with NULL keys after every non-NULL key in
//! *both* directions (the original lost its NULL tail in descending sorts). The set is fixed:
//! five keys, each ascending and descending; URL names are `<key>_<asc|desc>`.

use std::fmt;

/// The column a catalog page is ordered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SortKey {
    /// `lots.auction_at` (NULL = not scheduled).
    AuctionDate,
    /// `lots.first_seen_at`: when the lot first appeared in an export. Never NULL.
    Listed,
    /// `vehicles.year` (NULL = unknown).
    Year,
    /// `lots.odometer_mi` (NULL = no reading; 0 is a real reading).
    Odometer,
    /// `lots.current_bid_cents`. Never NULL (0 = no bid yet).
    CurrentBid,
}

impl SortKey {
    pub const ALL: [SortKey; 5] = [
        Self::AuctionDate,
        Self::Listed,
        Self::Year,
        Self::Odometer,
        Self::CurrentBid,
    ];

    pub const fn slug(self) -> &'static str {
        match self {
            Self::AuctionDate => "auction",
            Self::Listed => "listed",
            Self::Year => "year",
            Self::Odometer => "odometer",
            Self::CurrentBid => "bid",
        }
    }

    /// Whether the key can be NULL, i.e. whether a page walk has a NULL tail.
    pub const fn nullable(self) -> bool {
        matches!(self, Self::AuctionDate | Self::Year | Self::Odometer)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    Asc,
    Desc,
}

/// One catalog order. The default is the soonest auction first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Sort {
    pub key: SortKey,
    pub dir: Direction,
}

impl Default for Sort {
    fn default() -> Self {
        Self {
            key: SortKey::AuctionDate,
            dir: Direction::Asc,
        }
    }
}

impl Sort {
    /// Every supported order (5 keys × 2 directions).
    pub fn all() -> impl Iterator<Item = Sort> {
        SortKey::ALL.into_iter().flat_map(|key| {
            [Direction::Asc, Direction::Desc]
                .into_iter()
                .map(move |dir| Sort { key, dir })
        })
    }

    /// The URL name, e.g. `auction_asc`, `year_desc`.
    pub fn slug(self) -> String {
        let dir = match self.dir {
            Direction::Asc => "asc",
            Direction::Desc => "desc",
        };
        format!("{}_{dir}", self.key.slug())
    }

    /// The inverse of [`slug`](Self::slug) (exact match).
    pub fn from_slug(s: &str) -> Option<Sort> {
        let (key, dir) = s.rsplit_once('_')?;
        let key = SortKey::ALL.into_iter().find(|k| k.slug() == key)?;
        let dir = match dir {
            "asc" => Direction::Asc,
            "desc" => Direction::Desc,
            _ => return None,
        };
        Some(Sort { key, dir })
    }
}

impl fmt::Display for Sort {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.slug())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_round_trip_and_are_unique() {
        let all: Vec<Sort> = Sort::all().collect();
        assert_eq!(all.len(), 10);
        let mut seen = std::collections::HashSet::new();
        for s in all {
            assert!(seen.insert(s.slug()));
            assert_eq!(Sort::from_slug(&s.slug()), Some(s));
        }
        assert_eq!(Sort::default().slug(), "auction_asc");
        for bad in [
            "",
            "auction",
            "auction_up",
            "AUCTION_ASC",
            "price_asc",
            "_asc",
        ] {
            assert_eq!(Sort::from_slug(bad), None, "{bad}");
        }
    }
}
