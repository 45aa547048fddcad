//! The one translation of [`CatalogQuery`] filters into SQL, shared by the catalog page, its
//! count and the filter options, so a filter means the same thing everywhere.
//!
//! Every value is bound (`push_bind`); only fixed SQL fragments are pushed as text. The tables
//! are aliased `l` (lots) and `v` (vehicles); `v` must be joined when [`needs_vehicles`] says so.

use sqlx::{Postgres, QueryBuilder};

use crate::catalog::CatalogQuery;
use crate::vehicle_type::VehicleKind;

/// The definition of trim, used in filters, options and cards alike.
pub const TRIM_SQL: &str = "COALESCE(NULLIF(v.trim, ''), v.model_detail)";

/// Whether the query filters on a `vehicles` column.
pub fn needs_vehicles(q: &CatalogQuery) -> bool {
    q.make.is_some()
        || q.model.is_some()
        || q.trim.is_some()
        || q.year.is_some()
        || q.year_from.is_some()
        || q.year_to.is_some()
}

fn codes(kinds: impl IntoIterator<Item = VehicleKind>) -> Vec<String> {
    kinds
        .into_iter()
        .flat_map(|k| k.codes().iter().map(|&c| char::from(c).to_string()))
        .collect()
}

/// Pushes ` WHERE <not suppressed> AND <each filter>`.
pub fn push_where(qb: &mut QueryBuilder<Postgres>, q: &CatalogQuery) {
    qb.push(" WHERE NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.vin = l.vin)");
    // The parameter is cast to the column's type (char(1)): compared as text, the
    // `vehicle_type` index could not be used.
    match q.kind {
        None => {}
        Some(VehicleKind::Other) => {
            let listed = codes(VehicleKind::ALL);
            qb.push(" AND l.vehicle_type <> ALL(")
                .push_bind(listed)
                .push("::bpchar[])");
        }
        Some(kind) => {
            let mut c = codes([kind]);
            if c.len() == 1 {
                qb.push(" AND l.vehicle_type = ")
                    .push_bind(c.remove(0))
                    .push("::bpchar");
            } else {
                qb.push(" AND l.vehicle_type = ANY(")
                    .push_bind(c)
                    .push("::bpchar[])");
            }
        }
    }
    let text_filters = [
        ("v.make", &q.make),
        ("v.model", &q.model),
        (TRIM_SQL, &q.trim),
        ("l.damage_primary", &q.damage),
        ("l.title_type", &q.title),
        ("l.location_state", &q.state),
    ];
    for (column, value) in text_filters {
        if let Some(value) = value {
            qb.push(" AND ")
                .push(column)
                .push(" = ")
                .push_bind(value.clone());
        }
    }
    if let Some(y) = q.year {
        qb.push(" AND v.year = ").push_bind(y);
    }
    if let Some(y) = q.year_from {
        qb.push(" AND v.year >= ").push_bind(y);
    }
    if let Some(y) = q.year_to {
        qb.push(" AND v.year <= ").push_bind(y);
    }
    if let Some(s) = q.status {
        qb.push(" AND l.sale_status = ").push_bind(s.as_db_str());
    }
    if let Some(m) = q.odometer_max {
        qb.push(" AND l.odometer_mi <= ").push_bind(m);
    }
}
