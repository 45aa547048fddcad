//! Public URLs of stored photos for the pages.
//!
//! The base is the `vinops::catalog::MediaBase` the server provides in the Leptos context
//! (`MEDIA_BASE_URL`: `/media` for the local store, the bucket's public URL with S3); without
//! one (a render outside the server) the default `/media`. Pages render on the server only, so
//! the browser never needs it.

use vinops::catalog::MediaBase;

/// The media base in force for this render.
pub fn media_base() -> MediaBase {
    leptos::prelude::use_context::<MediaBase>().unwrap_or_default()
}

/// The public URL of a storage key.
pub fn media_url(key: &str) -> String {
    media_base().url(key)
}
