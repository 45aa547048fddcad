//! Synthetic but valid vehicle identifiers: 17-character VINs with a real-looking WMI per make,
//! the model-year code in position 10 and a correct check digit in position 9; hull numbers
//! (HIN, 12 characters) for boats and jet skis; and the short 11–13 character serials of pre-1981
//! cars and some equipment. Everything drawn here passes `vinops::vin::Vin::parse`.

use crate::vin::check_digit_for;

use super::rng::Rng;
use super::text::push_ascii;

/// The VIN alphabet: digits and capitals without I, O and Q.
pub(crate) const ALPHABET: &[u8; 33] = b"0123456789ABCDEFGHJKLMNPRSTUVWXYZ";
const LETTERS: &[u8; 23] = b"ABCDEFGHJKLMNPRSTUVWXYZ";
const DIGITS: &[u8; 10] = b"0123456789";

/// Model-year letters for 1980–2000 and again for 2010–2030 (no I, O, Q, U, Z).
const YEAR_LETTERS: &[u8; 21] = b"ABCDEFGHJKLMNPRSTVWXY";

pub(crate) const fn is_vin_char(b: u8) -> bool {
    matches!(b, b'0'..=b'9' | b'A'..=b'H' | b'J'..=b'N' | b'P' | b'R'..=b'Z')
}

/// The position-10 code of a model year: `A`=1980/2010 … `Y`=2000/2030, `1`–`9`=2001–2009.
pub(crate) const fn year_code(year: u16) -> u8 {
    let i = (year.wrapping_sub(1980) % 30) as usize;
    if i < YEAR_LETTERS.len() {
        YEAR_LETTERS[i]
    } else {
        b'1' + (i - YEAR_LETTERS.len()) as u8
    }
}

/// A small stable hash of a name, to give each model its own VDS prefix and plant letters.
fn name_hash(s: &str) -> u64 {
    // FNV-1a: tiny, stable forever, good enough to spread names.
    s.bytes().fold(0xCBF2_9CE4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3)
    })
}

/// A 17-character VIN for a vehicle built by `wmi` (3 characters) as `model`, model year `year`.
pub(crate) fn modern(rng: &mut Rng, wmi: &str, model: &str, year: u16, out: &mut String) {
    let mut v = [b'0'; 17];
    let w = wmi.as_bytes();
    for (i, slot) in v.iter_mut().take(3).enumerate() {
        *slot = w
            .get(i)
            .copied()
            .filter(|b| is_vin_char(*b))
            .unwrap_or(b'1');
    }
    let hash = name_hash(model);
    // Positions 4–5 identify the line/series: fixed per model so a model's VINs look alike.
    v[3] = LETTERS[(hash % 23) as usize];
    v[4] = ALPHABET[((hash >> 8) % 33) as usize];
    // Positions 6–8: body, restraint and engine codes vary per vehicle.
    v[5] = ALPHABET[rng.index(33)];
    v[6] = ALPHABET[rng.index(33)];
    v[7] = ALPHABET[rng.index(33)];
    v[9] = year_code(year);
    // Position 11: one of the model's three plants.
    v[10] = ALPHABET[((hash >> 16) % 33 + rng.below(3) * 7) as usize % 33];
    // Positions 12–17: serial, sometimes with a leading letter as Ford and GM write it.
    v[11] = if rng.per_10k(2000) {
        LETTERS[rng.index(23)]
    } else {
        DIGITS[rng.index(10)]
    };
    let serial = rng.below(100_000);
    write_digits(&mut v[12..17], serial);
    v[8] = check_digit_for(&v);
    push_ascii(out, &v);
}

/// A 12-character hull identification number: manufacturer code, 5-character serial, month
/// and year of certification, model year. September (`I`) is never drawn: Vin::parse rejects I.
pub(crate) fn hull(rng: &mut Rng, mic: &str, year: u16, out: &mut String) {
    let mut v = [b'0'; 12];
    for (i, slot) in v.iter_mut().take(3).enumerate() {
        *slot = mic
            .as_bytes()
            .get(i)
            .copied()
            .filter(|b| is_vin_char(*b))
            .unwrap_or(b'X');
    }
    for slot in &mut v[3..8] {
        *slot = if rng.per_10k(2500) {
            LETTERS[rng.index(23)]
        } else {
            DIGITS[rng.index(10)]
        };
    }
    const MONTHS: &[u8; 11] = b"ABCDEFGHJKL";
    v[8] = MONTHS[rng.index(MONTHS.len())];
    // Built in the model year or the year before it.
    let built = year.saturating_sub(rng.below(2) as u16);
    v[9] = b'0' + (built % 10) as u8;
    write_digits(&mut v[10..12], u64::from(year % 100));
    push_ascii(out, &v);
}

/// A pre-1981 serial from a template: `y` is the last digit of the year, `#` a random digit,
/// `@` a random letter; anything else is copied (e.g. Chevrolet `12437yA######`, 13 chars).
pub(crate) fn from_template(rng: &mut Rng, template: &str, year: u16, out: &mut String) {
    for b in template.bytes() {
        let c = match b {
            b'y' => b'0' + (year % 10) as u8,
            b'#' => DIGITS[rng.index(10)],
            b'@' => LETTERS[rng.index(23)],
            other => other,
        };
        out.push(char::from(c));
    }
}

/// An equipment serial of 11–13 characters: the maker's prefix and digits.
pub(crate) fn short_serial(rng: &mut Rng, prefix: &str, out: &mut String) {
    out.push_str(prefix);
    let len = rng.range(11, 13) as usize;
    out.push(char::from(LETTERS[rng.index(23)]));
    while out.len() < len {
        out.push(char::from(DIGITS[rng.index(10)]));
    }
}

fn write_digits(slot: &mut [u8], mut n: u64) {
    for b in slot.iter_mut().rev() {
        *b = b'0' + (n % 10) as u8;
        n /= 10;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vin::{CheckDigit, Vin};

    #[test]
    fn year_codes() {
        assert_eq!(year_code(1980), b'A');
        assert_eq!(year_code(1981), b'B');
        assert_eq!(year_code(2000), b'Y');
        assert_eq!(year_code(2001), b'1');
        assert_eq!(year_code(2009), b'9');
        assert_eq!(year_code(2010), b'A');
        assert_eq!(year_code(2016), b'G');
        assert_eq!(year_code(2017), b'H');
        assert_eq!(year_code(2020), b'L');
        assert_eq!(year_code(2025), b'S');
        assert_eq!(year_code(2026), b'T');
        assert_eq!(year_code(2030), b'Y');
    }

    #[test]
    fn modern_vins_are_valid() {
        let mut rng = Rng::new(3, 0);
        let mut s = String::new();
        for year in 1981..=2026 {
            for wmi in ["1FM", "JTD", "KMH", "5YJ"] {
                s.clear();
                modern(&mut rng, wmi, "COROLLA", year, &mut s);
                let vin = Vin::parse(&s).expect("valid VIN");
                assert_eq!(vin.check_digit(), CheckDigit::Valid, "{s}");
                assert_eq!(&s[..3], wmi);
                assert_eq!(s.as_bytes()[9], year_code(year));
            }
        }
    }

    #[test]
    fn hulls_and_short_serials_parse() {
        let mut rng = Rng::new(4, 0);
        let mut s = String::new();
        for _ in 0..500 {
            s.clear();
            hull(&mut rng, "YDV", 2021, &mut s);
            assert_eq!(s.len(), 12);
            assert!(s.ends_with("21"));
            assert!(Vin::parse(&s).is_ok(), "{s}");
            s.clear();
            short_serial(&mut rng, "B3N", &mut s);
            assert!((11..=13).contains(&s.len()), "{s}");
            assert!(Vin::parse(&s).is_ok(), "{s}");
            s.clear();
            from_template(&mut rng, "12437yA######", 1969, &mut s);
            assert_eq!(&s[..6], "124379");
            assert!(Vin::parse(&s).is_ok(), "{s}");
        }
    }
}
