use chrono::{NaiveDate, TimeZone, Utc};

use super::values::{collapse_whitespace, model_year, whole};
use super::*;
use crate::vin::CheckDigit;

/// A synthetic parser-test row (not real data): lot number, year, make, model, VIN, yard, sale
/// date/time and zone of a real lot, every other value an example value seen in other rows.
const A5_LINE: &str = "3,1,CA - VALLEJO,20251017,FRIDAY,1200,PDT,0,47704465,V,2017,HYUNDAI,SONATA,SONATA HYB,,GRAY,FRONT END,ALL OVER,CA,SC,YES,D,KMHE24L10HA059207,52123.0,A,17850.0,0.0,1.8L  4,Front-wheel Drive,AUTOMATIC,GAS,4,Run & Drive Verified,On Minimum Bid,1050.0,,VALLEJO,CA,94590 7203,USA,USD,cs.copart.com/v1/AUTH_svc.pdoc00001/lpp/example_thb.jpg,2025-10-14-08.55.06.000795,,N,0.0,http://inventoryv2.copart.io/v1/lotImages/47704465?country=us&brand=cprt&yardNumber=1,,2025-10-14T07:01:00Z,,,,,,,,,,\n";

fn read_one(line: &str) -> StringRecord {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(line.as_bytes());
    rdr.records()
        .next()
        .expect("one record")
        .expect("valid csv")
}

/// The A.5 record with some columns replaced.
fn a5_with(changes: &[(Col, &str)]) -> StringRecord {
    let mut fields: Vec<String> = read_one(A5_LINE).iter().map(str::to_owned).collect();
    for (col, value) in changes {
        fields[col.index()] = (*value).to_owned();
    }
    StringRecord::from(fields)
}

fn parse_with(changes: &[(Col, &str)]) -> Result<CopartRow, RowError> {
    CopartRow::from_record(&a5_with(changes))
}

fn field_errors(changes: &[(Col, &str)]) -> Vec<FieldError> {
    match parse_with(changes) {
        Err(RowError::Fields(errors)) => errors,
        other => panic!("expected field errors, got {other:?}"),
    }
}

fn money(cents: i64) -> Money {
    Money::from_cents(cents).expect("valid amount")
}

fn some(s: &str) -> Option<String> {
    Some(s.to_owned())
}

#[test]
fn a5_row_parses_to_the_expected_values() {
    let rec = read_one(A5_LINE);
    assert_eq!(rec.len(), 59);
    let row = CopartRow::from_record(&rec).expect("A.5 row parses");

    // The expectations stated in the spec.
    assert_eq!(row.lot_number.get(), 47_704_465);
    assert_eq!(row.lot_number.to_string(), "47704465");
    assert_eq!(row.vin.as_str(), "KMHE24L10HA059207");
    assert_eq!(row.vin.check_digit(), CheckDigit::Valid);
    let noon_pdt = Utc
        .with_ymd_and_hms(2025, 10, 17, 19, 0, 0)
        .single()
        .expect("instant");
    assert_eq!(row.auction_at, Some(noon_pdt));
    assert_eq!(row.sale_status, SaleStatus::OnMinimumBid);
    assert_eq!(row.sale_status_raw, "On Minimum Bid");
    assert_eq!(row.has_keys, Some(Keys::Yes));
    assert_eq!(row.high_bid, money(105_000));
    assert_eq!(row.buy_it_now, None);
    let updated = Utc
        .with_ymd_and_hms(2025, 10, 14, 7, 1, 0)
        .single()
        .expect("instant");
    assert_eq!(row.last_updated, updated);

    // Everything else.
    assert_eq!(row.yard_number, 1);
    assert_eq!(row.yard_name, "CA - VALLEJO");
    let sale_day = NaiveDate::from_ymd_opt(2025, 10, 17).expect("date");
    assert_eq!(row.sale_date, SaleDate::Scheduled(sale_day));
    assert_eq!(row.day_of_week, some("FRIDAY"));
    assert_eq!(row.sale_time.map(|t| t.to_string()), some("12:00"));
    assert_eq!(row.time_zone, YardTimeZone::Pdt);
    assert_eq!(row.item_number, Some(0));
    assert_eq!(row.vehicle_type.as_char(), 'V');
    assert_eq!(row.year, 2017);
    assert_eq!(row.make, "HYUNDAI");
    assert_eq!(row.model_group, some("SONATA"));
    assert_eq!(row.model_detail, some("SONATA HYB"));
    assert_eq!(row.body_style, None);
    assert_eq!(row.color, some("GRAY"));
    assert_eq!(row.damage_primary, some("FRONT END"));
    assert_eq!(row.damage_secondary, some("ALL OVER"));
    assert_eq!(row.title_state, some("CA"));
    assert_eq!(row.title_type, some("SC"));
    assert_eq!(row.lot_cond_code, some("D"));
    assert_eq!(row.odometer.map(Odometer::miles), Some(52_123));
    assert_eq!(row.odometer_brand, Some(OdometerBrand::Actual));
    assert_eq!(row.est_retail_value, Some(money(1_785_000)));
    assert_eq!(row.repair_cost, None, "0.0 means none");
    assert_eq!(row.engine, some("1.8L 4"));
    assert_eq!(row.drive, some("Front-wheel Drive"));
    assert_eq!(row.transmission, some("AUTOMATIC"));
    assert_eq!(row.fuel_type, some("GAS"));
    assert_eq!(row.cylinders, Some(4));
    assert_eq!(row.runs_drives, some("Run & Drive Verified"));
    assert_eq!(row.special_note, None);
    assert_eq!(row.location_city, some("VALLEJO"));
    assert_eq!(row.location_state, some("CA"));
    assert_eq!(row.location_zip, some("94590 7203"));
    assert_eq!(row.location_country, some("USA"));
    assert_eq!(row.currency_code, some("USD"));
    assert_eq!(
        row.image_thumbnail,
        some("cs.copart.com/v1/AUTH_svc.pdoc00001/lpp/example_thb.jpg")
    );
    let created = NaiveDate::from_ymd_opt(2025, 10, 14)
        .and_then(|d| d.and_hms_micro_opt(8, 55, 6, 795))
        .expect("datetime");
    assert_eq!(row.source_created_at, Some(created));
    assert_eq!(row.grid_row, None);
    assert_eq!(row.make_offer_eligible, Some(false));
    assert_eq!(
        row.image_url,
        some(
            "http://inventoryv2.copart.io/v1/lotImages/47704465?country=us&brand=cprt&yardNumber=1"
        )
    );
    assert_eq!(row.trim, None);
    assert_eq!(row.model_trim(), Some("SONATA HYB"));
    for empty in [
        &row.rentals,
        &row.copart_select,
        &row.seller_name,
        &row.offsite_address1,
        &row.offsite_state,
        &row.offsite_city,
        &row.offsite_zip,
        &row.sale_light,
        &row.autograde,
        &row.announcements,
    ] {
        assert_eq!(empty, &None);
    }
}

#[test]
fn several_bad_fields_are_all_reported() {
    let errors = field_errors(&[
        (Col::Vin, "abcoOq12345"),
        (Col::SaleDate, "2025101"),
        (Col::Year, "19"),
        (Col::TimeZone, "XYZ"),
    ]);
    let columns: Vec<Col> = errors.iter().map(|e| e.column).collect();
    assert_eq!(
        columns,
        vec![Col::SaleDate, Col::TimeZone, Col::Year, Col::Vin]
    );
    assert_eq!(errors[0].value, "2025101");
    assert!(
        errors[0].reason.contains("7 digits"),
        "{}",
        errors[0].reason
    );
    assert_eq!(errors[1].reason, "unknown time zone abbreviation \"XYZ\"");
    assert_eq!(errors[2].reason, "year 19 is outside 1900..=2100");
    assert_eq!(errors[3].value, "abcoOq12345");
    assert!(
        errors[3].reason.contains("I, O and Q"),
        "{}",
        errors[3].reason
    );

    let text = RowError::Fields(errors).to_string();
    assert!(
        text.contains("column \"VIN\": VIN contains 'o' at position 4"),
        "{text}"
    );
    assert!(text.contains("(value \"abcoOq12345\")"), "{text}");
    assert!(text.contains("column \"Sale Date M/D/CY\": "), "{text}");
    assert!(
        text.contains("column \"Year\": year 19 is outside 1900..=2100 (value \"19\")"),
        "{text}"
    );
    assert_eq!(text.matches("; column ").count(), 3, "{text}");
}

#[test]
fn wrong_field_count() {
    let mut fields: Vec<String> = read_one(A5_LINE).iter().map(str::to_owned).collect();
    fields.pop();
    let short = StringRecord::from(fields.clone());
    assert_eq!(
        CopartRow::from_record(&short),
        Err(RowError::FieldCount { found: 58 })
    );
    fields.extend(["x".to_owned(), "y".to_owned()]);
    let long = StringRecord::from(fields);
    assert_eq!(
        CopartRow::from_record(&long),
        Err(RowError::FieldCount { found: 60 })
    );
    assert_eq!(
        RowError::FieldCount { found: 58 }.to_string(),
        "record has 58 fields, expected 59"
    );
}

#[test]
fn unscheduled_lot_has_no_auction_instant() {
    let row = parse_with(&[
        (Col::SaleDate, "0"),
        (Col::SaleTime, ""),
        (Col::DayOfWeek, ""),
    ])
    .expect("valid");
    assert_eq!(row.sale_date, SaleDate::Unscheduled);
    assert_eq!(row.sale_time, None);
    assert_eq!(row.day_of_week, None);
    assert_eq!(row.auction_at, None);
    let no_time = parse_with(&[(Col::SaleTime, "")]).expect("valid");
    assert_eq!(no_time.auction_at, None);
}

#[test]
fn zero_and_empty_numbers() {
    let row = parse_with(&[
        (Col::Odometer, "0.0"),
        (Col::HighBid, ""),
        (Col::ItemNumber, ""),
        (Col::Cylinders, "0"),
        (Col::EstRetailValue, "0"),
        (Col::BuyItNowPrice, "2500.0"),
        (Col::RepairCost, "1234.5"),
    ])
    .expect("valid");
    assert_eq!(
        row.odometer.map(Odometer::miles),
        Some(0),
        "0 is a real reading"
    );
    assert_eq!(row.high_bid, Money::ZERO, "empty high bid is no bid");
    assert_eq!(row.item_number, None);
    assert_eq!(row.cylinders, None);
    assert_eq!(row.est_retail_value, None);
    assert_eq!(row.buy_it_now, Some(money(250_000)));
    assert_eq!(row.repair_cost, Some(money(123_450)));
    let zero_bid = parse_with(&[(Col::HighBid, "0.0"), (Col::Odometer, "")]).expect("valid");
    assert_eq!(zero_bid.high_bid, Money::ZERO);
    assert_eq!(zero_bid.odometer, None);
}

#[test]
fn text_is_trimmed_and_normalized() {
    let row = parse_with(&[
        (Col::Make, " hyundai "),
        (Col::ModelGroup, "sonata"),
        (Col::ModelDetail, "  "),
        (Col::Engine, "  2.0L   4  "),
        (Col::CurrencyCode, "usd"),
        (Col::Trim, " SE "),
        (Col::Color, "\tGRAY "),
        (Col::HasKeys, "exm"),
        (Col::MakeOfferEligible, "y"),
        (Col::OdometerBrand, "Q"),
        (Col::SaleStatus, "  Something New "),
        (Col::CreateDateTime, ""),
    ])
    .expect("valid");
    assert_eq!(row.make, "HYUNDAI");
    assert_eq!(row.model_group, some("SONATA"));
    assert_eq!(row.model_detail, None);
    assert_eq!(row.engine, some("2.0L 4"));
    assert_eq!(row.currency_code, some("USD"));
    assert_eq!(row.model_trim(), Some("SE"));
    assert_eq!(row.color, some("GRAY"));
    assert_eq!(row.has_keys, Some(Keys::Exempt));
    assert_eq!(row.make_offer_eligible, Some(true));
    assert_eq!(
        row.odometer_brand,
        Some(OdometerBrand::Other("Q".to_owned()))
    );
    assert_eq!(row.sale_status, SaleStatus::Unknown);
    assert_eq!(row.sale_status_raw, "Something New");
    assert_eq!(row.source_created_at, None);
    let bare = parse_with(&[
        (Col::HasKeys, ""),
        (Col::ModelDetail, ""),
        (Col::CurrencyCode, ""),
    ])
    .expect("valid");
    assert_eq!(bare.has_keys, None);
    assert_eq!(bare.model_trim(), None);
    assert_eq!(bare.currency_code, None);
}

#[test]
fn each_checked_column_rejects_garbage() {
    let cases: [(Col, &str); 22] = [
        (Col::YardNumber, ""),
        (Col::YardNumber, "1a"),
        (Col::YardName, "  "),
        (Col::SaleDate, "20251340"),
        (Col::SaleTime, "2500"),
        (Col::TimeZone, ""),
        (Col::ItemNumber, "-1"),
        (Col::LotNumber, "0"),
        (Col::VehicleType, "VV"),
        (Col::Year, "2017.0"),
        (Col::Year, "2101"),
        (Col::Make, ""),
        (Col::HasKeys, "MAYBE"),
        (Col::Vin, ""),
        (Col::Odometer, "-5"),
        (Col::EstRetailValue, "abc"),
        (Col::Cylinders, "300"),
        (Col::HighBid, "12.345"),
        (Col::CurrencyCode, "US"),
        (Col::CreateDateTime, "2025-10-14 08:55:06"),
        (Col::MakeOfferEligible, "YES"),
        (Col::LastUpdatedTime, ""),
    ];
    for (col, bad) in cases {
        let errors = field_errors(&[(col, bad)]);
        assert_eq!(errors.len(), 1, "{col} {bad:?}: {errors:?}");
        assert_eq!(errors[0].column, col);
        assert_eq!(errors[0].value, bad);
        assert!(!errors[0].reason.is_empty());
    }
    let bin = field_errors(&[(Col::BuyItNowPrice, "-1"), (Col::RepairCost, "x")]);
    let cols: Vec<Col> = bin.iter().map(|e| e.column).collect();
    assert_eq!(cols, vec![Col::RepairCost, Col::BuyItNowPrice]);
}

#[test]
fn long_values_are_clipped_in_reports() {
    let long = "é".repeat(500);
    let errors = field_errors(&[(Col::Vin, &long)]);
    assert_eq!(errors[0].value.chars().count(), 120);
    assert!(errors[0].value.ends_with('…'));
    let exact = "9".repeat(120);
    assert_eq!(field_errors(&[(Col::Vin, &exact)])[0].value, exact);
    assert_eq!(clip(&"x".repeat(121)).chars().count(), 120);
}

#[test]
fn keys_codes_round_trip() {
    for keys in [Keys::Yes, Keys::No, Keys::Exempt] {
        assert_eq!(Keys::parse(keys.code()), Ok(keys));
        assert_eq!(Keys::parse(&keys.code().to_lowercase()), Ok(keys));
    }
    assert_eq!(Keys::parse("Y"), Err(ValueError::NotKeys));
}

#[test]
fn whole_numbers() {
    assert_eq!(whole::<u32>("1"), Ok(1));
    assert_eq!(whole::<u32>(" 007 "), Ok(7));
    assert_eq!(whole::<u8>("256"), Err(ValueError::TooLarge));
    assert_eq!(
        whole::<u64>("99999999999999999999999"),
        Err(ValueError::TooLarge)
    );
    assert_eq!(whole::<u32>("+1"), Err(ValueError::NotWholeNumber));
    assert_eq!(model_year("1900"), Ok(1900));
    assert_eq!(model_year("2100"), Ok(2100));
    assert_eq!(model_year("1899"), Err(ValueError::YearOutOfRange(1899)));
    assert_eq!(model_year("99999"), Err(ValueError::YearOutOfRange(99999)));
    assert_eq!(collapse_whitespace("a \t b  c"), "a b c");
}
