//! The export's row parser, `CopartRow::from_record`, on every record the `csv` reader makes of
//! arbitrary bytes (the reader's settings are the import's: no header row, records of any length).
//!
//! Beyond "never panics", it checks what the parser promises its callers:
//! - a record without exactly 59 fields is `FieldCount` with the real count;
//! - a `Fields` error is never empty, lists each bad column once, in column order, and keeps at
//!   most 120 characters of the offending value;
//! - an accepted row's text is trimmed and never empty (empty text is `None`), its make and model
//!   group are upper case, its model year is in `YEAR_RANGE`, and the raw sale status is the
//!   trimmed column.
//! - parsing is deterministic: the same record gives the same result twice.

#![no_main]

use libfuzzer_sys::fuzz_target;
use vinops::header::{COLUMN_COUNT, Col};
use vinops::{CopartRow, RowError, YEAR_RANGE};

/// Records looked at per input: enough for the mutator to combine rows, bounded so one input
/// stays fast.
const MAX_RECORDS: usize = 8;

fuzz_target!(|data: &[u8]| {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(data);
    for rec in rdr.records().take(MAX_RECORDS) {
        // Invalid UTF-8 or broken quoting: the import reports the line before the row parser.
        let Ok(rec) = rec else { return };
        let parsed = CopartRow::from_record(&rec);
        assert_eq!(parsed, CopartRow::from_record(&rec), "not deterministic");
        match parsed {
            Err(RowError::FieldCount { found }) => {
                assert_eq!(found, rec.len());
                assert_ne!(found, COLUMN_COUNT);
            }
            Err(RowError::Fields(errors)) => {
                assert_eq!(rec.len(), COLUMN_COUNT);
                assert!(!errors.is_empty(), "empty Fields error");
                for pair in errors.windows(2) {
                    assert!(
                        pair[0].column.index() < pair[1].column.index(),
                        "columns out of order or repeated: {errors:?}"
                    );
                }
                for e in &errors {
                    assert!(e.value.chars().count() <= 120, "value kept whole: {e:?}");
                }
            }
            Ok(row) => {
                assert_eq!(rec.len(), COLUMN_COUNT);
                check_row(&row, &rec);
            }
        }
    }
});

fn check_row(row: &CopartRow, rec: &csv::StringRecord) {
    assert!(YEAR_RANGE.contains(&row.year), "year {}", row.year);
    assert_eq!(row.make, row.make.to_uppercase());
    if let Some(g) = &row.model_group {
        assert_eq!(*g, g.to_uppercase());
    }
    assert_eq!(
        row.sale_status_raw,
        rec.get(Col::SaleStatus.index()).unwrap_or_default().trim()
    );
    for text in [
        Some(&row.yard_name),
        Some(&row.make),
        row.day_of_week.as_ref(),
        row.model_group.as_ref(),
        row.model_detail.as_ref(),
        row.body_style.as_ref(),
        row.color.as_ref(),
        row.damage_primary.as_ref(),
        row.damage_secondary.as_ref(),
        row.title_state.as_ref(),
        row.title_type.as_ref(),
        row.lot_cond_code.as_ref(),
        row.engine.as_ref(),
        row.drive.as_ref(),
        row.transmission.as_ref(),
        row.fuel_type.as_ref(),
        row.runs_drives.as_ref(),
        row.special_note.as_ref(),
        row.location_city.as_ref(),
        row.location_state.as_ref(),
        row.location_zip.as_ref(),
        row.location_country.as_ref(),
        row.image_thumbnail.as_ref(),
        row.grid_row.as_ref(),
        row.image_url.as_ref(),
        row.trim.as_ref(),
        row.rentals.as_ref(),
        row.copart_select.as_ref(),
        row.seller_name.as_ref(),
        row.offsite_address1.as_ref(),
        row.offsite_state.as_ref(),
        row.offsite_city.as_ref(),
        row.offsite_zip.as_ref(),
        row.sale_light.as_ref(),
        row.autograde.as_ref(),
        row.announcements.as_ref(),
    ]
    .into_iter()
    .flatten()
    {
        assert!(!text.is_empty(), "empty text kept");
        assert_eq!(text.trim(), text, "untrimmed text {text:?}");
    }
}
