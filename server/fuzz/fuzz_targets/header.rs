//! The export header check, `check_header`, on the first record the `csv` reader makes of
//! arbitrary bytes (as the import reads the header line).
//!
//! The property: the check accepts exactly the 59 expected names in order (each trimmed, a BOM
//! before the first allowed), and a refusal always says why: a `HeaderError` with no missing,
//! no unexpected and no mismatched column would be an empty message in the file's audit.

#![no_main]

use libfuzzer_sys::fuzz_target;
use vinops::header::{HEADER, check_header};

fuzz_target!(|data: &[u8]| {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(data);
    let Some(Ok(rec)) = rdr.records().next() else {
        return;
    };
    let normalized: Vec<&str> = rec
        .iter()
        .enumerate()
        .map(|(i, f)| {
            if i == 0 {
                f.trim_start_matches('\u{feff}')
            } else {
                f
            }
            .trim()
        })
        .collect();
    let expected = normalized.as_slice() == HEADER.as_slice();
    match check_header(rec.iter()) {
        Ok(()) => assert!(expected, "accepted a wrong header: {normalized:?}"),
        Err(e) => {
            assert!(!expected, "refused the right header");
            assert!(
                !(e.missing.is_empty() && e.extra.is_empty() && e.mismatched.is_empty()),
                "refusal without a reason for {normalized:?}"
            );
            assert!(!e.to_string().is_empty());
        }
    }
});
