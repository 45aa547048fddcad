//! How many lots a catalog query matches (the page's "N lots").
//!
//! Two ways, chosen per query by [`source`]:
//! - **from the facet tables** when the filters are ones the ETL's facets count (the tab, make
//!   → model → trim → year or a year range, or one lot attribute: damage, secondary damage,
//!   title, state, status, yard, colour, fuel, drive, transmission, body, keys or runs/drives):
//!   a sum over a few facet rows, exact and never capped, whatever the result size;
//! - **a capped count over `lots`** for every other combination: exact up to [`COUNT_CAP`],
//!   then "1,000+".
//!
//! The facets leave out the VINs suppressed when they were rebuilt; the pages leave out the
//! VINs suppressed now. The refresh keeps the set it left out (`catalog_facet_suppressions`,
//! migration 0014), so the facet sum is corrected by the lots of VINs suppressed or released
//! since — the same number the capped count would give. Facets are rebuilt by the ETL in the
//! transaction that changes any counted lot column, so otherwise they match the lots a page
//! reads.

use sqlx::{PgPool, Postgres, QueryBuilder};

use super::filters::{lot_attributes, push_filters, push_kind, push_where};
use crate::catalog::CatalogQuery;

/// Scanned totals are exact up to this many lots, then reported as "at least this many"
/// ("1,000+ lots").
///
/// A scanned count costs a walk over the matching lots, each fetched from the heap (the
/// suppression check needs its VIN), so it stops at the cap's row. At 1M lots a cap of 10,000
/// cost ~44 ms for a state + title filter (p50, `vinops-dev bench read`); 1,000 bounds it near the
/// page's own cost. Filters the facets can answer are never scanned (see the module docs), so
/// the cap only shows on combinations of filters.
pub const COUNT_CAP: i64 = 1_000;

/// A page's total: `lots`, or "at least `lots`" when `capped`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Total {
    pub lots: i64,
    pub capped: bool,
}

/// Where a query's total comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CountSource {
    /// `catalog_attr_facets` rows of one facet, of one value or (`None`) of all: the tab's
    /// status rows sum to every lot of the tab.
    Attr {
        facet: &'static str,
        value: Option<String>,
    },
    /// `catalog_vehicle_facets` rows of the chosen make (+ model, trim, years).
    Vehicle,
    /// A capped count over `lots`.
    Scan,
}

/// Which counting a query gets. Vehicle facets hold only lots with a make, so a model, trim or
/// year filter without a make is scanned; a range (odometer, bid, auction dates), Buy It Now or
/// two lot attributes are too.
pub fn source(q: &CatalogQuery) -> CountSource {
    let ranged = q.odometer_min.is_some()
        || q.odometer_max.is_some()
        || q.bid_min.is_some()
        || q.bid_max.is_some()
        || q.buy_it_now
        || q.auction.is_some();
    if ranged {
        return CountSource::Scan;
    }
    let vehicle = q.model.is_some()
        || q.trim.is_some()
        || q.year.is_some()
        || q.year_from.is_some()
        || q.year_to.is_some();
    let mut attrs = lot_attributes(q)
        .into_iter()
        .filter_map(|(facet, _, v)| v.map(|v| (facet, v)));
    let attr = attrs.next();
    if attrs.next().is_some() {
        return CountSource::Scan;
    }
    match (&q.make, vehicle, attr) {
        (None, false, None) => CountSource::Attr {
            facet: "status",
            value: None,
        },
        (None, false, Some((facet, value))) => CountSource::Attr {
            facet,
            value: Some(value),
        },
        (Some(make), false, None) => CountSource::Attr {
            facet: "make",
            value: Some(make.clone()),
        },
        (Some(_), true, None) => CountSource::Vehicle,
        _ => CountSource::Scan,
    }
}

/// The total of `q` (see the module docs).
pub async fn total(pool: &PgPool, q: &CatalogQuery) -> sqlx::Result<Total> {
    // `d`: the VINs suppressed (gone) or released since the refresh — usually none. A
    // materialized CTE: inline, the planner sized these small tables at its default guess and
    // ran the correction in parallel workers, ~5 ms of worker start-up for nothing.
    let mut qb: QueryBuilder<Postgres> = QueryBuilder::new(
        "WITH d AS MATERIALIZED (\
           SELECT s.vin, true AS gone FROM suppressions s WHERE NOT EXISTS \
             (SELECT 1 FROM catalog_facet_suppressions c WHERE c.vin = s.vin) \
           UNION ALL \
           SELECT c.vin, false FROM catalog_facet_suppressions c WHERE NOT EXISTS \
             (SELECT 1 FROM suppressions s WHERE s.vin = c.vin)) \
         SELECT (COALESCE((SELECT sum(f.lots) ",
    );
    match source(q) {
        CountSource::Scan => return capped(pool, q).await,
        CountSource::Attr { facet, value } => {
            qb.push("FROM catalog_attr_facets f WHERE f.facet = ")
                .push_bind(facet);
            if let Some(value) = value {
                qb.push(" AND f.value = ").push_bind(value);
            }
        }
        CountSource::Vehicle => {
            qb.push("FROM catalog_vehicle_facets f WHERE TRUE");
            let text = [
                ("f.make", &q.make),
                ("f.model", &q.model),
                ("f.trim", &q.trim),
            ];
            for (column, value) in text {
                if let Some(v) = value {
                    qb.push(format_args!(" AND {column} = "))
                        .push_bind(v.clone());
                }
            }
            let years = [("=", q.year), (">=", q.year_from), ("<=", q.year_to)];
            for (op, value) in years {
                if let Some(y) = value {
                    qb.push(format_args!(" AND f.year {op} ")).push_bind(y);
                }
            }
        }
    }
    push_kind(&mut qb, "f.vehicle_type", q.kind);
    // The correction: −1 per matching lot of a VIN suppressed since the refresh, +1 per
    // matching lot of a VIN released since.
    qb.push(
        "), 0) + COALESCE((SELECT sum(CASE WHEN d.gone THEN -1 ELSE 1 END) \
         FROM d JOIN lots l ON l.vin = d.vin WHERE TRUE",
    );
    push_filters(&mut qb, q);
    qb.push("), 0))::bigint");
    let lots = qb.build_query_scalar::<i64>().fetch_one(pool).await?;
    Ok(Total {
        lots,
        capped: false,
    })
}

/// Lots matching the filters, counted over `lots` up to [`COUNT_CAP`] + 1 (to know whether
/// the cap was passed).
pub async fn capped(pool: &PgPool, q: &CatalogQuery) -> sqlx::Result<Total> {
    let mut qb = QueryBuilder::new("SELECT count(*) FROM (SELECT 1 FROM lots l");
    push_where(&mut qb, q);
    qb.push(" LIMIT ").push_bind(COUNT_CAP + 1).push(") t");
    let counted = qb.build_query_scalar::<i64>().fetch_one(pool).await?;
    Ok(Total {
        lots: counted.min(COUNT_CAP),
        capped: counted > COUNT_CAP,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::status::SaleStatus;

    fn q(pairs: &[(&str, &str)]) -> CatalogQuery {
        CatalogQuery::from_pairs(pairs.iter().copied()).expect("query")
    }

    fn attr(facet: &'static str, value: Option<&str>) -> CountSource {
        CountSource::Attr {
            facet,
            value: value.map(str::to_owned),
        }
    }

    #[test]
    fn facet_filters_are_counted_from_the_facets() {
        assert_eq!(source(&q(&[])), attr("status", None));
        assert_eq!(source(&q(&[("type", "moto")])), attr("status", None));
        // Order and page size do not change what is counted.
        assert_eq!(
            source(&q(&[("sort", "bid_desc"), ("limit", "10")])),
            attr("status", None)
        );
        assert_eq!(source(&q(&[("make", "FORD")])), attr("make", Some("FORD")));
        assert_eq!(
            source(&q(&[("damage", "HAIL")])),
            attr("damage", Some("HAIL"))
        );
        assert_eq!(source(&q(&[("title", "SV")])), attr("title", Some("SV")));
        assert_eq!(source(&q(&[("state", "CA")])), attr("state", Some("CA")));
        for (param, facet, value) in [
            ("secondary_damage", "damage2", "HAIL"),
            ("yard", "yard", "CA - SAN DIEGO"),
            ("color", "color", "WHITE"),
            ("fuel", "fuel", "GAS"),
            ("drive", "drive", "4x4"),
            ("transmission", "transmission", "AUTOMATIC"),
            ("body", "body", "SEDAN 4D"),
            ("keys", "keys", "no"),
            ("runs_drives", "runs_drives", "Starts"),
        ] {
            assert_eq!(
                source(&q(&[("type", "auto"), (param, value)])),
                attr(facet, Some(value)),
                "{param}"
            );
        }
        assert_eq!(
            source(&q(&[("type", "auto"), ("status", "sold")])),
            attr("status", Some(SaleStatus::Sold.as_db_str()))
        );
        for pairs in [
            &[("make", "FORD"), ("model", "F150")][..],
            &[("make", "FORD"), ("model", "F150"), ("trim", "XL")],
            &[("make", "FORD"), ("year", "2015")],
            &[("make", "FORD"), ("year_from", "2010"), ("year_to", "2012")],
            &[("type", "trucks"), ("make", "FORD"), ("model", "F150")],
        ] {
            assert_eq!(source(&q(pairs)), CountSource::Vehicle, "{pairs:?}");
        }
    }

    #[test]
    fn other_combinations_are_scanned() {
        for pairs in [
            &[("odometer_max", "1000")][..],
            &[("make", "FORD"), ("odometer_max", "1000")],
            &[("make", "FORD"), ("damage", "HAIL")],
            &[("make", "FORD"), ("model", "F150"), ("state", "CA")],
            &[("damage", "HAIL"), ("state", "CA")],
            &[("color", "RED"), ("fuel", "GAS")],
            &[("odometer_min", "1000")],
            &[("bid_min", "100")],
            &[("bid_max", "100")],
            &[("buy_it_now", "1")],
            &[("auction", "today")],
            &[("auction_from", "2026-01-01")],
            &[("make", "FORD"), ("color", "RED")],
            // Vehicle facets hold only lots with a make.
            &[("model", "F150")],
            &[("trim", "XL")],
            &[("year", "2015")],
            &[("year_from", "2015")],
        ] {
            assert_eq!(source(&q(pairs)), CountSource::Scan, "{pairs:?}");
        }
    }
}
