//! Server functions: the UI's door to the read model. Their bodies run only on the server and
//! call `vinops::read` directly (no HTTP round trip to our own API).

use leptos::prelude::*;
use vinops::catalog::CatalogPage;

/// Default number of cards on a catalog page.
pub const PAGE_SIZE: i64 = 48;

#[server]
pub async fn load_catalog() -> Result<CatalogPage, ServerFnError> {
    let pool = expect_context::<sqlx::PgPool>();
    vinops::read::catalog_first_page(&pool, PAGE_SIZE)
        .await
        .map_err(|e| {
            // Logged once here; the page shows a localized "unavailable" message and a 503.
            tracing::error!(error = %e, "catalog query failed");
            ServerFnError::new("catalog unavailable")
        })
}
