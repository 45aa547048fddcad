//! What a run counts while it works, shared by the concurrent lots.

use std::sync::atomic::{AtomicU64, Ordering};

use serde::Serialize;

macro_rules! counters {
    ($($name:ident => $add:ident),* $(,)?) => {
        /// Live counts of one run.
        #[derive(Debug, Default)]
        pub struct Counters { $($name: AtomicU64,)* bytes: AtomicU64 }

        impl Counters {
            $(pub fn $add(&self) { self.$name.fetch_add(1, Ordering::Relaxed); })*
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
    lots_stored => add_lot_stored,
    lots_none => add_lot_none,
    lots_retry => add_lot_retry,
    images_stored => add_image_stored,
    images_present => add_image_present,
    retries => add_retry,
    throttled => add_throttled,
    server_errors => add_server_error,
    timeouts => add_timeout,
    connect_errors => add_connect_error,
    storage_errors => add_storage_error,
}

impl Counters {
    pub fn add_bytes(&self, n: u64) {
        self.bytes.fetch_add(n, Ordering::Relaxed);
    }
}
