//! What a run counts while it works, shared by the concurrent lots.

use std::sync::atomic::{AtomicU64, Ordering};

use serde::Serialize;

use crate::metrics::{self, ImageDownload};

macro_rules! counters {
    ($($name:ident => $add:ident => $metric:expr),* $(,)?) => {
        /// Live counts of one run.
        #[derive(Debug, Default)]
        pub struct Counters { $($name: AtomicU64,)* bytes: AtomicU64 }

        impl Counters {
            // Each event also feeds `/metrics` (process-wide, across runs) when it is one of
            // the download results Prometheus counts.
            $(pub fn $add(&self) {
                self.$name.fetch_add(1, Ordering::Relaxed);
                if let Some(result) = $metric {
                    metrics::image_download(result, 0);
                }
            })*
        }

        /// The counts at one moment.
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
        pub struct CountSnapshot {
            $(pub $name: u64,)*
            /// Bytes downloaded (images only).
            pub bytes: u64,
        }

        impl Counters {
            pub fn snapshot(&self) -> CountSnapshot {
                CountSnapshot {
                    $($name: self.$name.load(Ordering::Relaxed),)*
                    bytes: self.bytes.load(Ordering::Relaxed),
                }
            }
        }
    };
}

counters! {
    lots_stored => add_lot_stored => None::<ImageDownload>,
    lots_none => add_lot_none => Some(ImageDownload::NotFound),
    lots_retry => add_lot_retry => None::<ImageDownload>,
    images_stored => add_image_stored => Some(ImageDownload::Stored),
    images_present => add_image_present => Some(ImageDownload::Unchanged),
    retries => add_retry => None::<ImageDownload>,
    throttled => add_throttled => Some(ImageDownload::Throttled),
    server_errors => add_server_error => Some(ImageDownload::ServerError),
    timeouts => add_timeout => Some(ImageDownload::Timeout),
    connect_errors => add_connect_error => Some(ImageDownload::Timeout),
    storage_errors => add_storage_error => Some(ImageDownload::StorageError),
    refused => add_refused => Some(ImageDownload::Refused),
    rejected => add_rejected => Some(ImageDownload::Rejected),
}

impl Counters {
    pub fn add_bytes(&self, n: u64) {
        self.bytes.fetch_add(n, Ordering::Relaxed);
        metrics::image_bytes(n);
    }
}
