//! Per-column fill counts of a file (`audit.file_columns`, read by `audit.v_unknown_rate`).
//!
//! Counted while parsing, over every row that parsed, because staging only receives the rows
//! that changed. "Present" means the typed value is known: `Sale Date` 0 (not scheduled) and
//! `Cylinders` 0 count as empty, as they are stored as NULL. Columns whose failure rejects the
//! row (VIN, lot number, yard, …) are always present in parsed rows and are not listed, except
//! Year and Make, kept so the view lists every vehicle attribute.

use anyhow::Context as _;
use vinops::header::Col;
use vinops::row::CopartRow;

type Present = fn(&CopartRow) -> bool;

/// The optional columns, with what "has a value" means for each.
const COLUMNS: &[(Col, Present)] = &[
    (Col::SaleDate, |r| r.sale_date.date().is_some()),
    (Col::SaleTime, |r| r.sale_time.is_some()),
    (Col::DayOfWeek, |r| r.day_of_week.is_some()),
    (Col::ItemNumber, |r| r.item_number.is_some()),
    // Required by the row parser, listed so the view shows every vehicle attribute.
    (Col::Year, |_| true),
    (Col::Make, |r| !r.make.is_empty()),
    (Col::ModelGroup, |r| r.model_group.is_some()),
    (Col::ModelDetail, |r| r.model_detail.is_some()),
    (Col::Trim, |r| r.trim.is_some()),
    (Col::BodyStyle, |r| r.body_style.is_some()),
    (Col::Color, |r| r.color.is_some()),
    (Col::Engine, |r| r.engine.is_some()),
    (Col::Drive, |r| r.drive.is_some()),
    (Col::Transmission, |r| r.transmission.is_some()),
    (Col::FuelType, |r| r.fuel_type.is_some()),
    (Col::Cylinders, |r| r.cylinders.is_some()),
    (Col::DamageDescription, |r| r.damage_primary.is_some()),
    (Col::SecondaryDamage, |r| r.damage_secondary.is_some()),
    (Col::SaleTitleState, |r| r.title_state.is_some()),
    (Col::SaleTitleType, |r| r.title_type.is_some()),
    (Col::HasKeys, |r| r.has_keys.is_some()),
    (Col::LotCondCode, |r| r.lot_cond_code.is_some()),
    (Col::Odometer, |r| r.odometer.is_some()),
    (Col::OdometerBrand, |r| r.odometer_brand.is_some()),
    (Col::EstRetailValue, |r| r.est_retail_value.is_some()),
    (Col::RepairCost, |r| r.repair_cost.is_some()),
    (Col::BuyItNowPrice, |r| r.buy_it_now.is_some()),
    (Col::RunsDrives, |r| r.runs_drives.is_some()),
    (Col::SpecialNote, |r| r.special_note.is_some()),
    (Col::LocationCity, |r| r.location_city.is_some()),
    (Col::LocationState, |r| r.location_state.is_some()),
    (Col::LocationZip, |r| r.location_zip.is_some()),
    (Col::LocationCountry, |r| r.location_country.is_some()),
    (Col::CurrencyCode, |r| r.currency_code.is_some()),
    (Col::ImageThumbnail, |r| r.image_thumbnail.is_some()),
    (Col::ImageUrl, |r| r.image_url.is_some()),
    (Col::CreateDateTime, |r| r.source_created_at.is_some()),
    (Col::GridRow, |r| r.grid_row.is_some()),
    (Col::MakeOfferEligible, |r| r.make_offer_eligible.is_some()),
    (Col::SellerName, |r| r.seller_name.is_some()),
];

/// Running counts for one file.
#[derive(Debug, Clone)]
pub struct ColumnFill {
    rows: u64,
    present: [u64; COLUMNS.len()],
}

impl Default for ColumnFill {
    fn default() -> Self {
        Self {
            rows: 0,
            present: [0; COLUMNS.len()],
        }
    }
}

impl ColumnFill {
    pub fn add(&mut self, row: &CopartRow) {
        self.rows += 1;
        for (n, (_, present)) in self.present.iter_mut().zip(COLUMNS) {
            *n += u64::from(present(row));
        }
    }

    /// Rows counted.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// `(header name, rows with a value)` per listed column.
    pub fn present(&self) -> impl Iterator<Item = (&'static str, u64)> + '_ {
        COLUMNS
            .iter()
            .zip(self.present)
            .map(|((col, _), n)| (col.name(), n))
    }
}

impl ColumnFill {
    /// Stores the counts in `audit.file_columns`, for `audit.v_unknown_rate`.
    pub async fn record(&self, tx: &mut sqlx::PgConnection, file_id: i64) -> anyhow::Result<()> {
        if self.rows == 0 {
            return Ok(());
        }
        let (names, present): (Vec<&str>, Vec<i64>) = self
            .present()
            .map(|(name, n)| (name, i64::try_from(n).unwrap_or(i64::MAX)))
            .unzip();
        sqlx::query!(
            r#"INSERT INTO audit.file_columns (file_id, column_name, present, rows)
               SELECT $1, c.name, c.present::integer, $4::integer
               FROM unnest($2::text[], $3::bigint[]) AS c(name, present)"#,
            file_id,
            &names as &[&str],
            &present,
            i32::try_from(self.rows).ok()
        )
        .execute(&mut *tx)
        .await
        .context("recording column fill rates")?;
        Ok(())
    }
}
