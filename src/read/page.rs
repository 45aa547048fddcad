//! The catalog page: keyset pagination over lots, one row per Copart lot, ordered by
//! `(sort key, lots.id)` with NULL keys after all others in both directions.
//!
//! A walk has up to two phases: the rows whose key is NOT NULL, then the NULL tail ordered by id
//! alone. Each phase is a plain range over a `(key, id)` index (`(key, id) > ($v, $id)`), which
//! stays as fast on page 1,000 as on page 1; one `ORDER BY key NULLS LAST` with an `OR key IS
//! NULL` branch in the cursor condition could not use the index as a range. A page that spans
//! the boundary runs both phases (two short queries); the cursor says which phase it is in.

use sqlx::{PgPool, Postgres, QueryBuilder};

use super::ReadError;
use super::filters::{TRIM_SQL, push_where};
use crate::catalog::{CatalogPage, CatalogQuery, Cursor, CursorError, Direction, LotCard, SortKey};

const COLUMNS: &str = "SELECT l.id, l.lot_number, l.vin, l.year, l.make, l.model, ";
const COLUMNS_REST: &str = " AS \"trim\", l.damage_primary, l.odometer_mi, l.location_city, \
     l.location_state, l.sale_date, l.auction_at, l.sale_status, l.current_bid_cents, \
     l.buy_it_now_cents, l.est_retail_value_cents, l.first_seen_at, l.outcome \
     FROM lots l";

fn key_sql(key: SortKey) -> &'static str {
    match key {
        SortKey::AuctionDate => "l.auction_at",
        SortKey::Listed => "l.first_seen_at",
        SortKey::Year => "l.year",
        SortKey::Odometer => "l.odometer_mi",
        SortKey::CurrentBid => "l.current_bid_cents",
    }
}

/// Binds a cursor value as its column's type, so the comparison can use the column's index.
fn push_value(qb: &mut QueryBuilder<Postgres>, key: SortKey, v: i64) -> Result<(), CursorError> {
    let bad = |_| CursorError::Malformed;
    match key {
        SortKey::AuctionDate | SortKey::Listed => {
            let t = chrono::DateTime::from_timestamp_micros(v).ok_or(CursorError::Malformed)?;
            qb.push_bind(t);
        }
        SortKey::Year => {
            qb.push_bind(i16::try_from(v).map_err(bad)?);
        }
        SortKey::Odometer => {
            qb.push_bind(i32::try_from(v).map_err(bad)?);
        }
        SortKey::CurrentBid => {
            qb.push_bind(v);
        }
    }
    Ok(())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    Values,
    Nulls,
}

/// One phase of a page: up to `limit` rows after `after` (a cursor inside this phase).
async fn fetch_phase(
    pool: &PgPool,
    q: &CatalogQuery,
    phase: Phase,
    after: Option<&Cursor>,
    limit: i64,
) -> Result<Vec<LotCard>, ReadError> {
    let key = key_sql(q.sort.key);
    let (op, dir) = match q.sort.dir {
        Direction::Asc => (">", "ASC"),
        Direction::Desc => ("<", "DESC"),
    };
    let mut qb = QueryBuilder::new(COLUMNS);
    qb.push(TRIM_SQL).push(COLUMNS_REST);
    push_where(&mut qb, q);
    let nullness = match phase {
        Phase::Values => "IS NOT NULL",
        Phase::Nulls => "IS NULL",
    };
    if q.sort.key.nullable() {
        qb.push(format_args!(" AND {key} {nullness}"));
    }
    match (phase, after) {
        (_, None) => {}
        (Phase::Values, Some(c)) => {
            let v = c.value.ok_or(CursorError::Malformed)?;
            qb.push(format_args!(" AND ({key}, l.id) {op} ("));
            push_value(&mut qb, q.sort.key, v)?;
            qb.push(", ").push_bind(c.id).push(")");
        }
        (Phase::Nulls, Some(c)) => {
            qb.push(format_args!(" AND l.id {op} ")).push_bind(c.id);
        }
    }
    // Within one phase NULL placement is moot; the default (NULLS LAST for ASC, FIRST for DESC)
    // is the order of a `(key, id)` btree read forwards or backwards.
    qb.push(format_args!(" ORDER BY {key} {dir}, l.id {dir} LIMIT "))
        .push_bind(limit);
    Ok(qb.build_query_as::<LotCard>().fetch_all(pool).await?)
}

/// One catalog page: `q.limit` lots after `cursor` (or the first page), the total (see
/// [`super::count`]) and the next page's cursor. A cursor made for another sort is refused.
pub async fn catalog_page(
    pool: &PgPool,
    q: &CatalogQuery,
    cursor: Option<&Cursor>,
) -> Result<CatalogPage, ReadError> {
    if let Some(c) = cursor
        && c.sort != q.sort
    {
        return Err(CursorError::WrongSort {
            cursor: c.sort.slug(),
            query: q.sort.slug(),
        }
        .into());
    }
    let limit = i64::from(q.limit.clamp(1, crate::catalog::MAX_PAGE_SIZE));
    // One row more than the page tells whether there is a next page.
    let want = limit + 1;
    let in_null_tail = cursor.is_some_and(|c| c.value.is_none());
    let mut items = Vec::new();
    if !in_null_tail {
        items = fetch_phase(pool, q, Phase::Values, cursor, want).await?;
    }
    let short = i64::try_from(items.len()).unwrap_or(i64::MAX) < want;
    if q.sort.key.nullable() && short {
        let after = cursor.filter(|_| in_null_tail);
        let rest = want - i64::try_from(items.len()).unwrap_or(0);
        items.extend(fetch_phase(pool, q, Phase::Nulls, after, rest).await?);
    }
    let has_more = items.len() > usize::try_from(limit).unwrap_or(usize::MAX);
    items.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    let next_cursor = has_more
        .then(|| items.last().map(|last| last.cursor(q.sort)))
        .flatten();
    let total = super::count::total(pool, q).await?;
    Ok(CatalogPage {
        items,
        total: total.lots,
        total_capped: total.capped,
        next_cursor,
    })
}
