//! Whether a lot comes with its keys: the export's `Has Keys-Yes or No` column, the stored
//! `lots.has_keys` value and the catalog's `keys` filter are one type.

use serde::{Deserialize, Serialize};

/// "Has Keys-Yes or No".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Keys {
    Yes,
    No,
    /// `EXM`: exempt / not stated. Not the same as "no keys" (the original mapped it to false).
    Exempt,
}

impl Keys {
    pub const ALL: [Keys; 3] = [Keys::Yes, Keys::No, Keys::Exempt];

    /// The export's code.
    pub const fn code(self) -> &'static str {
        match self {
            Self::Yes => "YES",
            Self::No => "NO",
            Self::Exempt => "EXM",
        }
    }

    /// The value stored in `lots.has_keys` (CHECK `lots_has_keys_known`) and the `keys` filter's
    /// URL value.
    pub const fn as_db_str(self) -> &'static str {
        match self {
            Self::Yes => "yes",
            Self::No => "no",
            Self::Exempt => "exempt",
        }
    }

    /// The stored / URL value back (exact: `YES` is the export's code, not a stored value).
    pub fn from_db_str(s: &str) -> Option<Keys> {
        Keys::ALL.into_iter().find(|k| k.as_db_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_values_round_trip_exactly() {
        for k in Keys::ALL {
            assert_eq!(Keys::from_db_str(k.as_db_str()), Some(k));
        }
        assert_eq!(Keys::from_db_str("YES"), None);
        assert_eq!(Keys::from_db_str(""), None);
    }
}
