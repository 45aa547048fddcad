//! The Copart sales-data export header: the exact 59 column names, in order, and the check that
//! tells a wrong file from a right one before anything is written.
//!
//! Copart's column names are part of the contract (the original lost price and date change events
//! to a misspelled column name), so every other module refers to columns through [`Col`], never
//! through string literals.

use std::fmt;

/// The exact header of the export, column 1 first. Column 35 contains a comma and is quoted in
/// the file.
pub const HEADER: [&str; 59] = [
    "Id",
    "Yard number",
    "Yard name",
    "Sale Date M/D/CY",
    "Day of Week",
    "Sale time (HHMM)",
    "Time Zone",
    "Item#",
    "Lot number",
    "Vehicle Type",
    "Year",
    "Make",
    "Model Group",
    "Model Detail",
    "Body Style",
    "Color",
    "Damage Description",
    "Secondary Damage",
    "Sale Title State",
    "Sale Title Type",
    "Has Keys-Yes or No",
    "Lot Cond. Code",
    "VIN",
    "Odometer",
    "Odometer Brand",
    "Est. Retail Value",
    "Repair cost",
    "Engine",
    "Drive",
    "Transmission",
    "Fuel Type",
    "Cylinders",
    "Runs/Drives",
    "Sale Status",
    "High Bid =non-vix,Sealed=Vix",
    "Special Note",
    "Location city",
    "Location state",
    "Location ZIP",
    "Location country",
    "Currency Code",
    "Image Thumbnail",
    "Create Date/Time",
    "Grid/Row",
    "Make-an-Offer Eligible",
    "Buy-It-Now Price",
    "Image URL",
    "Trim",
    "Last Updated Time",
    "Rentals",
    "Copart Select",
    "Seller Name",
    "Offsite Address1",
    "Offsite State",
    "Offsite City",
    "Offsite Zip",
    "Sale Light",
    "AutoGrade",
    "Announcements",
];

/// Number of columns in the export.
pub const COLUMN_COUNT: usize = HEADER.len();

/// A column of the export, by position. `Col::X.name()` is its exact header text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Col {
    Id = 0,
    YardNumber,
    YardName,
    SaleDate,
    DayOfWeek,
    SaleTime,
    TimeZone,
    ItemNumber,
    LotNumber,
    VehicleType,
    Year,
    Make,
    ModelGroup,
    ModelDetail,
    BodyStyle,
    Color,
    DamageDescription,
    SecondaryDamage,
    SaleTitleState,
    SaleTitleType,
    HasKeys,
    LotCondCode,
    Vin,
    Odometer,
    OdometerBrand,
    EstRetailValue,
    RepairCost,
    Engine,
    Drive,
    Transmission,
    FuelType,
    Cylinders,
    RunsDrives,
    SaleStatus,
    HighBid,
    SpecialNote,
    LocationCity,
    LocationState,
    LocationZip,
    LocationCountry,
    CurrencyCode,
    ImageThumbnail,
    CreateDateTime,
    GridRow,
    MakeOfferEligible,
    BuyItNowPrice,
    ImageUrl,
    Trim,
    LastUpdatedTime,
    Rentals,
    CopartSelect,
    SellerName,
    OffsiteAddress1,
    OffsiteState,
    OffsiteCity,
    OffsiteZip,
    SaleLight,
    AutoGrade,
    Announcements,
}

impl Col {
    /// Zero-based position of the column in a record.
    pub const fn index(self) -> usize {
        self as usize
    }

    /// The exact header text of the column.
    pub const fn name(self) -> &'static str {
        HEADER[self as usize]
    }
}

impl fmt::Display for Col {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What is wrong with a header line. Every list is in column order; an empty error is never built.
#[derive(Debug, Clone, PartialEq, Eq, Default, thiserror::Error)]
#[error("{}", self.describe())]
pub struct HeaderError {
    /// Expected columns that are not in the file at all.
    pub missing: Vec<String>,
    /// Columns in the file that the export does not have, and any column past the last
    /// expected one (even a repeat of an expected name).
    pub extra: Vec<String>,
    /// `(1-based position, expected, found)` where a position holds another name than expected
    /// (a renamed column, or the right columns in the wrong order).
    pub mismatched: Vec<(usize, String, String)>,
}

impl HeaderError {
    fn describe(&self) -> String {
        let mut parts = Vec::new();
        if !self.missing.is_empty() {
            parts.push(format!("missing columns: {}", quote_all(&self.missing)));
        }
        if !self.extra.is_empty() {
            parts.push(format!("unexpected columns: {}", quote_all(&self.extra)));
        }
        if !self.mismatched.is_empty() {
            let list: Vec<String> = self
                .mismatched
                .iter()
                .map(|(pos, want, got)| format!("column {pos} is {got:?}, expected {want:?}"))
                .collect();
            parts.push(list.join("; "));
        }
        format!("wrong export header: {}", parts.join("; "))
    }
}

fn quote_all(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("{n:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Checks a header line (already split into fields) against [`HEADER`]. A leading UTF-8 BOM and
/// surrounding whitespace are tolerated; anything else must match exactly.
pub fn check_header<'a, I>(fields: I) -> Result<(), HeaderError>
where
    I: IntoIterator<Item = &'a str>,
{
    let found: Vec<&str> = fields
        .into_iter()
        .enumerate()
        .map(|(i, f)| {
            let f = if i == 0 {
                f.trim_start_matches('\u{feff}')
            } else {
                f
            };
            f.trim()
        })
        .collect();
    if found.as_slice() == HEADER.as_slice() {
        return Ok(());
    }
    let mut err = HeaderError::default();
    for want in HEADER {
        if !found.contains(&want) {
            err.missing.push(want.to_owned());
        }
    }
    // Past the last expected column even an expected name is extra (a repeat): without this, a
    // header of all 59 names followed by one of them again would be refused with no reason.
    for (i, got) in found.iter().enumerate() {
        if i >= HEADER.len() || !HEADER.contains(got) {
            err.extra.push((*got).to_owned());
        }
    }
    for (i, (want, got)) in HEADER.iter().zip(found.iter()).enumerate() {
        if want != got {
            err.mismatched
                .push((i + 1, (*want).to_owned(), (*got).to_owned()));
        }
    }
    Err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    const REFERENCE_LINE: &str = include_str!("testdata/copart_salesdata_header.csv");

    fn split(line: &str) -> Vec<String> {
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(line.as_bytes());
        let rec = rdr
            .records()
            .next()
            .expect("one record")
            .expect("valid csv");
        rec.iter().map(str::to_owned).collect()
    }

    #[test]
    fn reference_header_matches() {
        let fields = split(REFERENCE_LINE);
        assert_eq!(fields.len(), 59);
        check_header(fields.iter().map(String::as_str)).expect("reference header is accepted");
    }

    #[test]
    fn col_names_line_up_with_positions() {
        assert_eq!(Col::Id.name(), "Id");
        assert_eq!(Col::LotNumber.name(), "Lot number");
        assert_eq!(Col::Vin.name(), "VIN");
        assert_eq!(Col::HighBid.name(), "High Bid =non-vix,Sealed=Vix");
        assert_eq!(Col::LastUpdatedTime.name(), "Last Updated Time");
        assert_eq!(Col::Announcements.index(), 58);
    }

    #[test]
    fn bom_is_tolerated() {
        let mut fields: Vec<String> = HEADER.iter().map(|s| (*s).to_owned()).collect();
        fields[0] = format!("\u{feff}{}", fields[0]);
        assert!(check_header(fields.iter().map(String::as_str)).is_ok());
    }

    #[test]
    fn renamed_column_is_reported_by_position() {
        let mut fields: Vec<&str> = HEADER.to_vec();
        fields[34] = "Current Bid";
        let err = check_header(fields).expect_err("renamed column rejected");
        assert_eq!(err.missing, vec!["High Bid =non-vix,Sealed=Vix".to_owned()]);
        assert_eq!(err.extra, vec!["Current Bid".to_owned()]);
        assert_eq!(
            err.mismatched,
            vec![(
                35,
                "High Bid =non-vix,Sealed=Vix".to_owned(),
                "Current Bid".to_owned()
            )]
        );
        assert!(err.to_string().contains("column 35 is \"Current Bid\""));
    }

    #[test]
    fn missing_and_extra_columns_are_reported() {
        let mut fields: Vec<&str> = HEADER.iter().copied().filter(|c| *c != "Trim").collect();
        fields.push("Secret Column");
        let err = check_header(fields).expect_err("rejected");
        assert_eq!(err.missing, vec!["Trim".to_owned()]);
        assert_eq!(err.extra, vec!["Secret Column".to_owned()]);
    }

    #[test]
    fn html_block_page_is_not_a_header() {
        let fields = split(
            "<html style=\"height:100%\"><head><META NAME=\"ROBOTS\" CONTENT=\"NOINDEX, NOFOLLOW\">\n",
        );
        let err = check_header(fields.iter().map(String::as_str)).expect_err("rejected");
        assert_eq!(err.missing.len(), 59);
    }

    #[test]
    fn reordered_columns_are_mismatches_not_missing() {
        let mut fields: Vec<&str> = HEADER.to_vec();
        fields.swap(11, 12);
        let err = check_header(fields).expect_err("rejected");
        assert!(err.missing.is_empty() && err.extra.is_empty());
        assert_eq!(err.mismatched.len(), 2);
    }

    #[test]
    fn a_repeated_column_after_the_last_is_reported() {
        // Every expected name present, in order, then one of them again: the refusal must still
        // say why (an empty error would be an empty message in the file's audit).
        let mut fields: Vec<&str> = HEADER.to_vec();
        fields.push("Id");
        let err = check_header(fields).expect_err("rejected");
        assert_eq!(err.extra, vec!["Id".to_owned()]);
        assert!(err.missing.is_empty() && err.mismatched.is_empty());
        assert!(err.to_string().contains("unexpected columns"), "{err}");
    }
}
