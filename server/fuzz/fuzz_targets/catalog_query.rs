//! The catalog request parser, `CatalogRequest::from_pairs`, on arbitrary query strings decoded
//! as the JSON API decodes them (`application/x-www-form-urlencoded`).
//!
//! The property is the canonical URL's round trip: a request that parses, written back with
//! `to_query_string` and parsed again, is the same request (filters, order, page size, cursor),
//! and writing it once more gives the same string, so the one URL form is a fixed point — the
//! cache keys and "next page" links built from it mean what the first URL meant.

#![no_main]

use libfuzzer_sys::fuzz_target;
use vinops::catalog::CatalogRequest;

fn parse(query: &str) -> Result<CatalogRequest, vinops::catalog::QueryError> {
    CatalogRequest::from_pairs(form_urlencoded::parse(query.as_bytes()).into_owned())
}

fuzz_target!(|data: &[u8]| {
    let Ok(query) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(req) = parse(query) else { return };
    let canonical = req.to_query_string();
    let again = parse(&canonical)
        .unwrap_or_else(|e| panic!("canonical URL {canonical:?} of {query:?} refused: {e}"));
    assert_eq!(again, req, "{query:?} -> {canonical:?} changed the request");
    assert_eq!(
        again.to_query_string(),
        canonical,
        "canonical form not stable"
    );
});
