//! Public URLs of stored photos for the pages.
//!
//! The base comes from the Leptos context when the server provides a `vinops::catalog::MediaBase`
//! there, else from `MEDIA_BASE_URL` (read once; `/media` when unset). Pages render on the
//! server only, so the browser never needs it.

use vinops::catalog::MediaBase;

/// The media base in force for this render.
pub fn media_base() -> MediaBase {
    #[cfg(feature = "ssr")]
    {
        use std::sync::LazyLock;
        static FROM_ENV: LazyLock<MediaBase> =
            LazyLock::new(|| MediaBase::new(&std::env::var("MEDIA_BASE_URL").unwrap_or_default()));
        leptos::prelude::use_context::<MediaBase>().unwrap_or_else(|| FROM_ENV.clone())
    }
    #[cfg(not(feature = "ssr"))]
    MediaBase::default()
}

/// The public URL of a storage key.
pub fn media_url(key: &str) -> String {
    media_base().url(key)
}
