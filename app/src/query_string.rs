//! Decoding of the raw URL query (`application/x-www-form-urlencoded`, what a GET form sends).
//!
//! The router's parsed query map decodes values twice (a literal `%` in a value breaks), and
//! merges repeated names; the catalog wants the pairs exactly as sent, so duplicates can be
//! refused.

/// `a=1&b=x+y` → `[("a", "1"), ("b", "x y")]`. Invalid escapes are kept as written; invalid
/// UTF-8 becomes U+FFFD.
pub fn decode_pairs(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            (decode(k), decode(v))
        })
        .collect()
}

/// One `application/x-www-form-urlencoded` component: `%XX` escapes and `+` for a space.
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h << 4 | l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_form_values() {
        let p = |k: &str, v: &str| (k.to_owned(), v.to_owned());
        assert_eq!(
            decode_pairs("make=LAND+ROVER&model=A%2FB&x&trim=100%25&bad=%zz&end=%4"),
            vec![
                p("make", "LAND ROVER"),
                p("model", "A/B"),
                p("x", ""),
                p("trim", "100%"),
                p("bad", "%zz"),
                p("end", "%4"),
            ]
        );
        assert_eq!(decode_pairs("?a=%D0%90"), vec![p("a", "А")]);
        assert!(decode_pairs("").is_empty());
    }
}
