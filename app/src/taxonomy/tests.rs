//! The lists against the generator's vocabulary, and the lookup rules.

use vinops::generator::vocabulary;
use vinops::header::Col;
use vinops::row::Keys;

use super::*;

/// The kind of a closed-vocabulary column; `None` for those named by `Messages` functions.
fn kind_of(col: Col) -> Option<Taxon> {
    match col {
        Col::HasKeys | Col::OdometerBrand => None,
        other => Some(Taxon::of_column(other).unwrap_or_else(|| panic!("no kind for {other:?}"))),
    }
}

#[test]
fn every_generated_value_has_a_name_where_one_is_needed() {
    let mut missing = Vec::new();
    for lang in Lang::ALL {
        let t = lang.t();
        for (col, values) in vocabulary() {
            for raw in values {
                let named = match kind_of(col) {
                    Some(kind) => !needs_names(lang, kind) || lang.taxon_known(kind, raw).is_some(),
                    None if col == Col::HasKeys => {
                        let keys = Keys::parse(raw).expect("a keys code");
                        (t.yes_no)(keys.as_db_str()) != (t.yes_no)("")
                    }
                    None => (t.odometer_brand)(raw) != (t.odometer_brand)(""),
                };
                if !named {
                    missing.push(format!("{lang} {col:?} {raw:?}"));
                }
            }
        }
    }
    assert!(missing.is_empty(), "no name for:\n{}", missing.join("\n"));
}

#[test]
fn lists_name_each_value_once_and_in_their_language() {
    for lang in Lang::ALL {
        let mut seen = std::collections::HashSet::new();
        for (kind, raw, name) in names(lang) {
            assert!(
                seen.insert((*kind, key(raw))),
                "{lang}: {kind:?} {raw:?} twice"
            );
            assert!(needs_names(lang, *kind), "{lang}: {kind:?} needs no names");
            assert!(!name.trim().is_empty() && name != raw, "{lang}: {raw:?}");
            if lang != Lang::En {
                let cyrillic = name.chars().any(|c| {
                    matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'і' | 'ї' | 'є' | 'ґ' | 'І' | 'Ї' | 'Є' | 'Ґ')
                });
                assert!(cyrillic, "{lang}: {raw:?} → {name:?} is not Cyrillic");
            }
            // Russian letters have no place in Ukrainian and the other way round.
            let foreign: &[char] = match lang {
                Lang::Ru => &['і', 'ї', 'є', 'ґ'],
                Lang::Uk => &['ы', 'э', 'ъ', 'ё'],
                Lang::En => &[],
            };
            assert!(
                !name.to_lowercase().contains(foreign),
                "{lang}: {raw:?} → {name:?} mixes the alphabets"
            );
        }
    }
}

#[test]
fn known_values_are_named_whatever_their_case_and_spacing() {
    assert_eq!(Lang::Ru.taxon(Taxon::Damage, "FRONT END"), "Передняя часть");
    assert_eq!(
        Lang::Ru.taxon(Taxon::Damage, " front  end "),
        "Передняя часть"
    );
    assert_eq!(
        Lang::Ru.taxon(Taxon::Drive, "FRONT-WHEEL DRIVE"),
        "Передний"
    );
    assert_eq!(Lang::Ru.taxon(Taxon::Color, "Two Tone"), "Двухцветный");
    assert_eq!(
        Lang::Uk.taxon(Taxon::Damage, "front end"),
        "Передня частина"
    );
    assert_eq!(Lang::Uk.taxon(Taxon::Color, "Two Tone"), "Двоколірний");
    assert_eq!(
        Lang::Uk.taxon_with_code(Taxon::TitleType, "NR"),
        "Не підлягає відновленню (NR)"
    );
}

#[test]
fn english_shows_copart_english_and_names_codes() {
    assert_eq!(Lang::En.taxon(Taxon::Damage, "FRONT END"), "FRONT END");
    assert_eq!(
        Lang::En.taxon(Taxon::Drive, "All wheel drive"),
        "All wheel drive"
    );
    assert_eq!(Lang::En.taxon(Taxon::SaleStatus, "Pure Sale"), "Pure Sale");
    assert_eq!(
        Lang::En.taxon_with_code(Taxon::TitleType, "SC"),
        "Salvage certificate (SC)"
    );
    assert_eq!(
        Lang::Ru.taxon_with_code(Taxon::TitleType, "NR"),
        "Не подлежит восстановлению (NR)"
    );
    assert_eq!(Lang::Ru.taxon_with_code(Taxon::TitleType, "QQ"), "QQ");
}

#[test]
fn sale_status_texts_take_the_status_labels() {
    assert_eq!(
        Lang::Ru.taxon(Taxon::SaleStatus, "Pure Sale"),
        "Без резерва"
    );
    assert_eq!(
        Lang::Ru.taxon(Taxon::SaleStatus, "ON APPROVAL"),
        "На утверждении"
    );
    assert_eq!(
        Lang::Ru.taxon(Taxon::SaleStatus, "Gone Fishing"),
        "Gone Fishing"
    );
}

#[test]
fn unknown_values_and_figures_are_shown_raw() {
    assert_eq!(
        Lang::Ru.taxon(Taxon::Damage, "ZEBRA STRIPES"),
        "ZEBRA STRIPES"
    );
    assert_eq!(Lang::Ru.taxon_known(Taxon::Damage, "ZEBRA STRIPES"), None);
    assert_eq!(Lang::Ru.taxon(Taxon::Engine, "2.0L  4"), "2.0L  4");
    assert_eq!(
        Lang::Ru.taxon(Taxon::Engine, "ELECTRIC"),
        "Электродвигатель"
    );
    assert_eq!(Lang::Ru.taxon(Taxon::Color, ""), "");
}

#[cfg(feature = "ssr")]
#[test]
fn unknown_values_are_counted_and_remembered_once() {
    use untranslated::{untranslated, was_seen};
    let of = |lang: Lang, kind: Taxon| {
        untranslated()
            .into_iter()
            .find(|u| u.lang == lang && u.kind == kind)
            .expect("a series")
    };
    let raw = "UNIT TEST DAMAGE ONLY";
    let before = of(Lang::Ru, Taxon::Damage);
    assert_eq!(Lang::Ru.taxon(Taxon::Damage, raw), raw);
    assert_eq!(
        Lang::Ru.taxon(Taxon::Damage, "unit test  damage only"),
        "unit test  damage only"
    );
    let after = of(Lang::Ru, Taxon::Damage);
    assert!(after.shown >= before.shown + 2, "{before:?} → {after:?}");
    assert!(after.values > before.values, "{before:?} → {after:?}");
    assert!(was_seen(Lang::Ru, Taxon::Damage, raw));
    // Named values, English's own English and figures are not counted.
    Lang::Ru.taxon(Taxon::Damage, "HAIL");
    Lang::En.taxon(Taxon::Damage, "NOT A WORD ANYONE NAMES");
    Lang::Ru.taxon(Taxon::Engine, "3.5L  6");
    assert!(!was_seen(
        Lang::En,
        Taxon::Damage,
        "NOT A WORD ANYONE NAMES"
    ));
    assert!(!was_seen(Lang::Ru, Taxon::Engine, "3.5L  6"));
    assert!(!was_seen(Lang::Ru, Taxon::Damage, "HAIL"));
    // English has a series only for the kinds it names.
    assert!(
        untranslated()
            .iter()
            .any(|u| u.lang == Lang::En && u.kind == Taxon::TitleType)
    );
    assert!(
        !untranslated()
            .iter()
            .any(|u| u.lang == Lang::En && u.kind == Taxon::Damage)
    );
}
