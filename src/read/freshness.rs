//! Data freshness for the home page: when the last ETL run succeeded.

use chrono::{DateTime, Utc};
use sqlx::PgPool;

/// When the last succeeded ETL run (or demo load) finished; `None` before the first one.
pub async fn last_update(pool: &PgPool) -> sqlx::Result<Option<DateTime<Utc>>> {
    sqlx::query_scalar!(
        r#"SELECT max(finished_at) AS "finished_at" FROM audit.runs
           WHERE job IN ('etl', 'demo') AND status = 'succeeded'"#
    )
    .fetch_one(pool)
    .await
}
