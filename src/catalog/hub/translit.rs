//! ASCII spellings of non-ASCII letters, for hub slugs: a make stored as `ŠKODA`, `Škoda` or
//! `SKODA` is one hub, `skoda`, and a Cyrillic name gets a hub at all.
//!
//! Latin letters lose their diacritics (`š` → `s`, `ë` → `e`, `ñ` → `n`); letters that are
//! ligatures or have no diacritic-free form become their usual ASCII spelling (`ß` → `ss`,
//! `æ` → `ae`, `œ` → `oe`, `ø` → `o`, `ł` → `l`, `đ` → `d`, `þ` → `th`). Combining marks
//! (decomposed input, `S` + U+030C) belong to their letter and are dropped. Cyrillic follows
//! the BGN/PCGN romanization written in ASCII only (`ж` → `zh`, `х` → `kh`, `ц` → `ts`,
//! `щ` → `shch`, `ё` → `yo`, `й` → `y`, `ю` → `yu`, `я` → `ya`, hard and soft signs dropped),
//! plus the Ukrainian and Belarusian letters. Everything else is not a letter to a slug.

/// How a slug writes `c`, an already lower-cased character that is not ASCII: `Some(text)`
/// (`Some("")` for marks and signs that belong to their neighbours), or `None` when `c` is no
/// letter we spell, i.e. a separator.
pub(super) fn spell(c: char) -> Option<&'static str> {
    if ('\u{300}'..='\u{36f}').contains(&c) {
        return Some("");
    }
    latin(c).or_else(|| cyrillic(c))
}

fn latin(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'ǎ' | 'ª' => "a",
        'æ' | 'ǽ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ƒ' => "f",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' | 'ǐ' => "i",
        'ĳ' => "ij",
        'ĵ' => "j",
        'ķ' | 'ĸ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' | 'ŉ' | 'ŋ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' | 'ǒ' | 'ǿ' | 'ơ' | 'º' => {
            "o"
        }
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' | 'ſ' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' | 'ǔ' | 'ǖ' | 'ǘ' | 'ǚ' | 'ǜ'
        | 'ư' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        'ﬀ' => "ff",
        'ﬁ' => "fi",
        'ﬂ' => "fl",
        'ﬃ' => "ffi",
        'ﬄ' => "ffl",
        'ﬅ' | 'ﬆ' => "st",
        _ => return None,
    })
}

fn cyrillic(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ґ' => "g",
        'д' => "d",
        'е' => "e",
        'ё' => "yo",
        'є' => "ye",
        'ж' => "zh",
        'з' => "z",
        'и' | 'і' => "i",
        'ї' => "yi",
        'й' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' | 'ў' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ы' => "y",
        'э' => "e",
        'ю' => "yu",
        'я' => "ya",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_is_lower_case_ascii_letters() {
        let ranges = [
            '\u{a0}'..='\u{24f}',
            '\u{400}'..='\u{4ff}',
            '\u{fb00}'..='\u{fb06}',
        ];
        for c in ranges.into_iter().flatten() {
            if let Some(s) = spell(c) {
                assert!(s.bytes().all(|b| b.is_ascii_lowercase()), "{c}: {s}");
            }
        }
    }

    #[test]
    fn only_signs_and_marks_are_silent() {
        assert_eq!(spell('\u{301}'), Some(""));
        assert_eq!(spell('ъ'), Some(""));
        assert_eq!(spell('ь'), Some(""));
        assert_eq!(spell('€'), None);
        assert_eq!(spell('—'), None);
        assert_eq!(spell('·'), None);
    }
}
