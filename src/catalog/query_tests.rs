use super::*;
use crate::catalog::lot_filters::{AuctionDates, AuctionDays, AuctionPreset};
use crate::catalog::sort::{Direction, SortKey};
use crate::keys::Keys;

fn parse(q: &str) -> Result<CatalogRequest, QueryError> {
    let pairs = q
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| p.split_once('=').unwrap_or((p, "")));
    CatalogRequest::from_pairs(pairs)
}

#[test]
fn empty_and_unknown_parameters_are_the_default() {
    assert_eq!(parse(""), Ok(CatalogRequest::default()));
    assert_eq!(
        parse("type=&make=&model= &year=&sort=&limit=&cursor=&lang=ru&utm_source=x"),
        Ok(CatalogRequest::default())
    );
    assert_eq!(CatalogRequest::default().to_query_string(), "");
}

#[test]
fn every_filter_parses() {
    let r = parse(
        "type=moto&make=HARLEY-DAVIDSON&model=%20FLHX &trim=STREET%20GLIDE&year=2015&year_from=2010\
         &year_to=2020&damage=FRONT END&title=SV&status=on_minimum_bid&odometer_max=50000\
         &state=CA&sort=year_desc&limit=20",
    )
    .expect("valid");
    let q = r.query;
    assert_eq!(q.kind, Some(VehicleKind::Motorcycle));
    assert_eq!(q.make.as_deref(), Some("HARLEY-DAVIDSON"));
    assert_eq!(q.model.as_deref(), Some("%20FLHX"), "pairs arrive decoded");
    assert_eq!(q.trim.as_deref(), Some("STREET%20GLIDE"));
    assert_eq!(q.year, Some(2015));
    assert_eq!((q.year_from, q.year_to), (Some(2010), Some(2020)));
    assert_eq!(q.damage.as_deref(), Some("FRONT END"));
    assert_eq!(q.title.as_deref(), Some("SV"));
    assert_eq!(q.status, Some(SaleStatus::OnMinimumBid));
    assert_eq!(q.odometer_max, Some(50_000));
    assert_eq!(q.state.as_deref(), Some("CA"));
    assert_eq!(
        q.sort,
        Sort {
            key: SortKey::Year,
            dir: Direction::Desc
        }
    );
    assert_eq!(q.limit, 20);
    assert_eq!(r.cursor, None);
}

#[test]
fn bad_values_are_typed_errors() {
    let cases: [(&str, QueryError); 13] = [
        ("type=cars", QueryError::UnknownKind("cars".into())),
        ("type=AUTO", QueryError::UnknownKind("AUTO".into())),
        ("sort=cheapest", QueryError::UnknownSort("cheapest".into())),
        ("status=active", QueryError::UnknownStatus("active".into())),
        (
            "year=abc",
            QueryError::NotANumber {
                param: "year",
                value: "abc".into(),
            },
        ),
        (
            "limit=+5",
            QueryError::NotANumber {
                param: "limit",
                value: "+5".into(),
            },
        ),
        ("year=1899", QueryError::YearOutOfRange { param: "year" }),
        (
            "year_to=99999999999",
            QueryError::YearOutOfRange { param: "year_to" },
        ),
        (
            "year_from=2020&year_to=2010",
            QueryError::YearRange {
                from: 2020,
                to: 2010,
            },
        ),
        ("odometer_max=-1", QueryError::NegativeOdometer),
        ("make=FORD&make=KIA", QueryError::Duplicate("make".into())),
        ("cursor=garbage", QueryError::Cursor(CursorError::Malformed)),
        (
            "sort=bid_asc&cursor=v1.auction_asc.5.1",
            QueryError::Cursor(CursorError::WrongSort {
                cursor: "auction_asc".into(),
                query: "bid_asc".into(),
            }),
        ),
    ];
    for (q, want) in cases {
        assert_eq!(parse(q), Err(want), "{q}");
    }
    let long = format!("make={}", "A".repeat(MAX_TEXT_LEN + 1));
    assert_eq!(parse(&long), Err(QueryError::TooLong { param: "make" }));
    for (q, param) in [
        ("make=A\0B", "make"),
        ("state=\u{1}", "state"),
        ("trim=x\u{7f}", "trim"),
    ] {
        assert_eq!(
            parse(q),
            Err(QueryError::ControlCharacter { param }),
            "{q:?}"
        );
    }
}

#[test]
fn limit_is_clamped() {
    assert_eq!(parse("limit=0").expect("ok").query.limit, 1);
    assert_eq!(parse("limit=-3").expect("ok").query.limit, 1);
    assert_eq!(parse("limit=101").expect("ok").query.limit, MAX_PAGE_SIZE);
    assert_eq!(
        parse("limit=99999999999999").expect("ok").query.limit,
        MAX_PAGE_SIZE
    );
    assert_eq!(parse("limit=7").expect("ok").query.limit, 7);
}

#[test]
fn odometer_beyond_the_column_means_no_limit_on_readings() {
    assert_eq!(
        parse("odometer_max=99999999999")
            .expect("ok")
            .query
            .odometer_max,
        Some(i32::MAX)
    );
}

#[test]
fn url_round_trip_is_canonical() {
    let r = parse(
        "state=TX&type=auto&make=MERCEDES-BENZ&trim=C 300 4MATIC&sort=bid_desc\
         &cursor=v1.bid_desc.150000.77&limit=48",
    )
    .expect("valid");
    let s = r.to_query_string();
    assert_eq!(
        s,
        "type=auto&make=MERCEDES-BENZ&trim=C+300+4MATIC&state=TX&sort=bid_desc\
         &cursor=v1.bid_desc.150000.77"
    );
    let back = parse(&s.replace('+', " ")).expect("re-parses");
    assert_eq!(back, r);
    assert_eq!(
        r.query.next_page_query_string(r.cursor.expect("cursor")),
        s,
        "next-page links are built the same way"
    );
}

#[test]
fn percent_encoding() {
    assert_eq!(percent_encode("A-Z_a.z~09"), "A-Z_a.z~09");
    assert_eq!(percent_encode("a b&c=d/é"), "a+b%26c%3Dd%2F%C3%A9");
}

#[test]
fn serde_uses_the_same_form() {
    // The JSON API and server functions (de)serialize through the same raw form.
    let json = r#"{"type":"boat","make":"","year":"2001","sort":"odometer_asc","cursor":"v1.odometer_asc.n.12","junk":"x"}"#;
    let r: CatalogRequest = serde_json::from_str(json).expect("parses");
    assert_eq!(r.query.kind, Some(VehicleKind::Boat));
    assert_eq!(r.query.make, None);
    assert_eq!(r.query.year, Some(2001));
    assert_eq!(
        r.cursor.map(|c| (c.value, c.id)),
        Some((None, 12)),
        "NULL-tail cursor"
    );
    let out = serde_json::to_string(&r).expect("ser");
    assert_eq!(
        out,
        r#"{"type":"boat","year":"2001","sort":"odometer_asc","cursor":"v1.odometer_asc.n.12"}"#
    );
    assert_eq!(serde_json::from_str::<CatalogRequest>(&out).expect("de"), r);
    let err = serde_json::from_str::<CatalogRequest>(r#"{"sort":"nope"}"#).expect_err("bad");
    assert!(err.to_string().contains("unknown sort"), "{err}");
    let q: CatalogQuery = serde_json::from_str(r#"{"make":"KIA"}"#).expect("query alone");
    assert_eq!(q.make.as_deref(), Some("KIA"));
}

#[test]
fn vehicle_parents_keep_only_the_cascade() {
    let r = parse("type=auto&make=KIA&model=SOUL&trim=LX&year=2019&state=CA&sort=bid_asc&limit=5")
        .expect("ok");
    let p = r.query.vehicle_parents();
    assert_eq!(p.kind, Some(VehicleKind::Automobile));
    assert_eq!(
        (p.make.as_deref(), p.model.as_deref(), p.trim.as_deref()),
        (Some("KIA"), Some("SOUL"), Some("LX"))
    );
    assert_eq!((p.year, p.state, p.sort), (None, None, Sort::default()));
}

#[test]
fn filters_set_names_the_filters_not_the_order_or_page_size() {
    let req =
        parse("sort=year_desc&limit=10&state=CA&type=boat&make=FORD&cursor=v1.year_desc.n.12")
            .expect("valid");
    assert_eq!(req.query.filters_set(), ["type", "make", "state"]);
    assert!(CatalogQuery::default().filters_set().is_empty());
}

#[test]
fn the_buyers_filters_parse() {
    let q = parse(
        "secondary_damage=HAIL&odometer_min=1000&odometer_max=90000&yard=CA - SAN DIEGO\
         &color=WHITE&fuel=GAS&drive=ALL WHEEL DRIVE&transmission=AUTOMATIC&body=SEDAN 4D\
         &keys=no&runs_drives=Starts&bid_min=500&bid_max=2500&buy_it_now=1\
         &auction_from=2026-12-01&auction_to=2026-12-31&tz=-300",
    )
    .expect("valid")
    .query;
    assert_eq!(q.damage2.as_deref(), Some("HAIL"));
    assert_eq!((q.odometer_min, q.odometer_max), (Some(1000), Some(90_000)));
    assert_eq!(q.yard.as_deref(), Some("CA - SAN DIEGO"));
    assert_eq!(
        [
            &q.color,
            &q.fuel,
            &q.drive,
            &q.transmission,
            &q.body,
            &q.runs_drives
        ]
        .map(|v| v.as_deref()),
        [
            Some("WHITE"),
            Some("GAS"),
            Some("ALL WHEEL DRIVE"),
            Some("AUTOMATIC"),
            Some("SEDAN 4D"),
            Some("Starts")
        ]
    );
    assert_eq!(q.keys, Some(Keys::No));
    assert_eq!((q.bid_min, q.bid_max), (Some(500), Some(2500)));
    assert!(q.buy_it_now);
    let day = |s: &str| s.parse().ok();
    assert_eq!(
        q.auction,
        Some(AuctionDates {
            days: AuctionDays::Range {
                from: day("2026-12-01"),
                to: day("2026-12-31")
            },
            tz_minutes: -300
        })
    );
    // Canonical order, `tz` kept because the window depends on it; re-parses to the same.
    let s = q.to_query_string();
    assert_eq!(
        s,
        "secondary_damage=HAIL&odometer_min=1000&odometer_max=90000&yard=CA+-+SAN+DIEGO\
         &color=WHITE&fuel=GAS&drive=ALL+WHEEL+DRIVE&transmission=AUTOMATIC&body=SEDAN+4D\
         &keys=no&runs_drives=Starts&bid_min=500&bid_max=2500&buy_it_now=1\
         &auction_from=2026-12-01&auction_to=2026-12-31&tz=-300"
    );
    assert_eq!(parse(&s.replace('+', " ")).expect("re-parses").query, q);
    assert!(!q.filters_set().contains(&"tz"), "tz is part of the window");
    assert_eq!(q.filters_set().len(), 16);
}

#[test]
fn auction_presets_and_the_zone() {
    let q = parse("auction=week&tz=180").expect("valid").query;
    assert_eq!(
        q.auction,
        Some(AuctionDates {
            days: AuctionDays::Preset(AuctionPreset::Week),
            tz_minutes: 180
        })
    );
    assert_eq!(q.to_query_string(), "auction=week&tz=180");
    // The form always sends its zone; without a window it means nothing and is dropped.
    assert_eq!(
        parse("tz=-300&make=KIA")
            .expect("ok")
            .query
            .to_query_string(),
        "make=KIA"
    );
    // UTC is the default and stays out of the URL.
    assert_eq!(
        parse("auction=today&tz=0")
            .expect("ok")
            .query
            .to_query_string(),
        "auction=today"
    );
    assert_eq!(
        parse("buy_it_now=true")
            .expect("ok")
            .query
            .to_query_string(),
        "buy_it_now=1"
    );
}

#[test]
fn bad_buyer_filters_are_typed_errors() {
    let cases: [(&str, QueryError); 14] = [
        ("keys=maybe", QueryError::UnknownKeys("maybe".into())),
        ("auction=month", QueryError::UnknownAuction("month".into())),
        (
            "auction=today&auction_from=2026-01-01",
            QueryError::AuctionConflict,
        ),
        (
            "auction_from=2026-1-5",
            QueryError::NotADate {
                param: "auction_from",
                value: "2026-1-5".into(),
            },
        ),
        (
            "auction_to=2026-02-30",
            QueryError::NotADate {
                param: "auction_to",
                value: "2026-02-30".into(),
            },
        ),
        (
            "auction_from=2026-12-31&auction_to=2026-12-01",
            QueryError::Range {
                low: "auction_from",
                high: "auction_to",
            },
        ),
        ("tz=900", QueryError::TzOutOfRange),
        ("tz=-721&auction=today", QueryError::TzOutOfRange),
        (
            "buy_it_now=0",
            QueryError::NotAFlag {
                param: "buy_it_now",
                value: "0".into(),
            },
        ),
        ("bid_min=-5", QueryError::Negative { param: "bid_min" }),
        (
            "bid_max=1.5",
            QueryError::NotANumber {
                param: "bid_max",
                value: "1.5".into(),
            },
        ),
        (
            "bid_min=10&bid_max=5",
            QueryError::Range {
                low: "bid_min",
                high: "bid_max",
            },
        ),
        ("odometer_min=-1", QueryError::NegativeOdometer),
        (
            "odometer_min=9&odometer_max=8",
            QueryError::Range {
                low: "odometer_min",
                high: "odometer_max",
            },
        ),
    ];
    for (q, want) in cases {
        assert_eq!(parse(q), Err(want), "{q}");
    }
    // The largest documented bound is taken (its cents saturate in SQL); beyond it, refused.
    assert_eq!(
        parse("bid_max=9223372036854775807")
            .expect("ok")
            .query
            .bid_max,
        Some(i64::MAX)
    );
    assert_eq!(
        parse("bid_min=9223372036854775808"),
        Err(QueryError::NotANumber {
            param: "bid_min",
            value: "9223372036854775808".into()
        })
    );
}
