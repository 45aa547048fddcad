//! The one translation of [`CatalogQuery`] filters into SQL, shared by the catalog page, its
//! count and the filter options, so a filter means the same thing everywhere.
//!
//! Every value is bound (`push_bind`); only fixed SQL fragments are pushed as text. Every filter
//! reads `lots` (aliased `l`) alone: each lot carries its own year/make/model/trim (migration
//! 0011), so a filter and a sort can share one index.

use sqlx::{Postgres, QueryBuilder};

use crate::catalog::CatalogQuery;
use crate::vehicle_type::VehicleKind;

/// The definition of trim, used in filters, options and cards alike: `lots.trim` holds
/// `COALESCE(NULLIF(trim, ''), model_detail)` of the lot's row (written by the ETL).
pub const TRIM_SQL: &str = "l.trim";

fn codes(kinds: impl IntoIterator<Item = VehicleKind>) -> Vec<String> {
    kinds
        .into_iter()
        .flat_map(|k| k.codes().iter().map(|&c| char::from(c).to_string()))
        .collect()
}

/// Pushes ` AND <column> <matches the tab's codes>` (nothing for "all").
pub fn push_kind(qb: &mut QueryBuilder<Postgres>, column: &str, kind: Option<VehicleKind>) {
    // The parameter is cast to the column's type (char(1)): compared as text, the
    // `vehicle_type` index could not be used.
    match kind {
        None => {}
        Some(VehicleKind::Other) => {
            let listed = codes(VehicleKind::ALL);
            qb.push(" AND ")
                .push(column)
                .push(" <> ALL(")
                .push_bind(listed)
                .push("::bpchar[])");
        }
        Some(kind) => {
            let mut c = codes([kind]);
            if c.len() == 1 {
                qb.push(" AND ")
                    .push(column)
                    .push(" = ")
                    .push_bind(c.remove(0))
                    .push("::bpchar");
            } else {
                qb.push(" AND ")
                    .push(column)
                    .push(" = ANY(")
                    .push_bind(c)
                    .push("::bpchar[])");
            }
        }
    }
}

/// Pushes ` WHERE <not suppressed> AND <each filter>`.
pub fn push_where(qb: &mut QueryBuilder<Postgres>, q: &CatalogQuery) {
    qb.push(" WHERE NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.vin = l.vin)");
    push_filters(qb, q);
}

/// Each lot attribute a filter matches exactly and the ETL's facets count, as
/// `(facet in catalog_attr_facets, lots column, the query's value)`: the one map the filters and
/// the facet counts (`count::source`) share.
pub(super) fn lot_attributes(
    q: &CatalogQuery,
) -> [(&'static str, &'static str, Option<String>); 13] {
    [
        ("damage", "l.damage_primary", q.damage.clone()),
        ("damage2", "l.damage_secondary", q.damage2.clone()),
        ("title", "l.title_type", q.title.clone()),
        ("state", "l.location_state", q.state.clone()),
        (
            "status",
            "l.sale_status",
            q.status.map(|s| s.as_db_str().to_owned()),
        ),
        ("yard", "l.yard_name", q.yard.clone()),
        ("color", "l.color", q.color.clone()),
        ("fuel", "l.fuel_type", q.fuel.clone()),
        ("drive", "l.drive", q.drive.clone()),
        ("transmission", "l.transmission", q.transmission.clone()),
        ("body", "l.body_style", q.body.clone()),
        (
            "keys",
            "l.has_keys",
            q.keys.map(|k| k.as_db_str().to_owned()),
        ),
        ("runs_drives", "l.runs_drives", q.runs_drives.clone()),
    ]
}

/// Pushes ` AND <each filter>` (suppression left to the caller). A relative auction window
/// (`auction=today`) is resolved against the clock now.
pub fn push_filters(qb: &mut QueryBuilder<Postgres>, q: &CatalogQuery) {
    push_kind(qb, "l.vehicle_type", q.kind);
    let vehicle = [
        ("l.make", q.make.clone()),
        ("l.model", q.model.clone()),
        (TRIM_SQL, q.trim.clone()),
    ];
    let attributes = lot_attributes(q).map(|(_, column, value)| (column, value));
    for (column, value) in vehicle.into_iter().chain(attributes) {
        if let Some(value) = value {
            qb.push(" AND ").push(column).push(" = ").push_bind(value);
        }
    }
    if let Some(m) = q.odometer_min {
        qb.push(" AND l.odometer_mi >= ").push_bind(m);
    }
    // Dollars to cents; a bound beyond any bid saturates instead of overflowing.
    let cents = |d: i64| d.saturating_mul(100);
    if let Some(d) = q.bid_min {
        qb.push(" AND l.current_bid_cents >= ").push_bind(cents(d));
    }
    if let Some(d) = q.bid_max {
        qb.push(" AND l.current_bid_cents <= ").push_bind(cents(d));
    }
    if q.buy_it_now {
        qb.push(" AND l.buy_it_now_cents IS NOT NULL");
    }
    if let Some(a) = q.auction {
        let (start, end) = a.window(chrono::Utc::now());
        // A window with an end but no start still needs a date: lots without one are unscheduled.
        qb.push(" AND l.auction_at IS NOT NULL");
        if let Some(t) = start {
            qb.push(" AND l.auction_at >= ").push_bind(t);
        }
        if let Some(t) = end {
            qb.push(" AND l.auction_at < ").push_bind(t);
        }
    }
    if let Some(y) = q.year {
        qb.push(" AND l.year = ").push_bind(y);
    }
    if let Some(y) = q.year_from {
        qb.push(" AND l.year >= ").push_bind(y);
    }
    if let Some(y) = q.year_to {
        qb.push(" AND l.year <= ").push_bind(y);
    }
    if let Some(m) = q.odometer_max {
        qb.push(" AND l.odometer_mi <= ").push_bind(m);
    }
}
