//! The model-year hub (`/{lang}/cars/{make}/{model}/{year}`): one model year of one model, its
//! prices month by month over the window, and its lots.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{HubLink, Slug, YearPrices};
use crate::catalog::LotCard;

/// The prices of the lots sold in one calendar month (`month` is its first day; `None` for
/// lots without a sale date). `prices.year` is the hub's model year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthPrices {
    pub month: Option<NaiveDate>,
    pub prices: YearPrices,
}

/// A model year a model hub links to, with its lots (every period).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearLink {
    pub year: i16,
    pub lots: i64,
}

/// `/{lang}/cars/{make}/{model}/{year}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YearHub {
    pub make: HubLink,
    pub model: HubLink,
    /// The year and its lots in every period.
    pub year: YearLink,
    /// The first sale date the prices cover (`None`: every lot).
    pub since: Option<NaiveDate>,
    /// Oldest month first, lots without a sale date last.
    pub months: Vec<MonthPrices>,
    /// Every lot of the window together; `None` when there is none.
    pub period: Option<YearPrices>,
    /// The model's other years, newest first, for the links between years.
    pub years: Vec<YearLink>,
    /// The year's next lots to be sold (the catalog's default order).
    pub lots: Vec<LotCard>,
}

/// The earliest and latest model year a URL may name: older or newer is not a vehicle's year
/// (and keeps the segment to four digits).
pub const YEARS: std::ops::RangeInclusive<i16> = 1900..=2100;

/// The year of a URL segment: four ASCII digits within [`YEARS`], nothing else (no sign, no
/// leading zero, no spaces), so each year has exactly one URL.
pub fn parse_year(segment: &str) -> Option<i16> {
    if segment.len() != 4 || !segment.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    segment.parse().ok().filter(|y| YEARS.contains(y))
}

/// The path of a year hub after the language segment: `/cars/ford/f150/2018`.
pub fn year_path(make: &Slug, model: &Slug, year: i16) -> String {
    format!("{}/{year}", super::hub_path(make, Some(model)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_has_one_spelling() {
        assert_eq!(parse_year("2018"), Some(2018));
        assert_eq!(parse_year("1900"), Some(1900));
        for bad in [
            "18",
            "02018",
            "+2018",
            "2018 ",
            "１９９９",
            "1899",
            "2101",
            "abcd",
            "",
        ] {
            assert_eq!(parse_year(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn paths_nest_under_the_model() {
        let (make, model) = (Slug::of("FORD").expect("s"), Slug::of("F150").expect("s"));
        assert_eq!(year_path(&make, &model, 2018), "/cars/ford/f150/2018");
    }
}
