//! The storage key parser, `StorageKey::parse` (every key that comes from outside, e.g. a
//! `/media/...` path, goes through it), on arbitrary strings.
//!
//! The properties: an accepted key is the input unchanged, displays as itself and parses again
//! to the same key; it is at most 512 bytes; and, read as a file path under the local store's
//! root, it has only plain name components (no root, prefix, `.` or `..`), so joining it to the
//! root can never name a file outside the store.

#![no_main]

use std::path::{Component, Path};

use libfuzzer_sys::fuzz_target;
use vinops::storage_key::StorageKey;

fuzz_target!(|data: &[u8]| {
    let Ok(raw) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(key) = StorageKey::parse(raw) else {
        return;
    };
    assert_eq!(key.as_str(), raw);
    assert!(raw.len() <= 512);
    assert_eq!(StorageKey::parse(&key.to_string()), Ok(key.clone()));
    let path = Path::new(key.as_str());
    assert!(path.is_relative(), "{raw:?} is not relative");
    for c in path.components() {
        assert!(matches!(c, Component::Normal(_)), "{raw:?} has {c:?}");
    }
    let root = Path::new("/srv/media");
    assert!(root.join(path).starts_with(root), "{raw:?} leaves the root");
});
